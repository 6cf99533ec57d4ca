/* json_speed.c: bench/json's generator and driver: a GReader stream/contents
 * answer, read by warta's readers and, when built in, json-c and jansson. */
#include "autoconfig.h"

#include "util/buf.h"
#include "util/jsonr.h"
#include "util/str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* One peer a build: json-c, jansson and warta's writer share names. */
#if defined(HAVE_JSONC)
#include <json-c/json.h>
#elif defined(HAVE_JANSSON)
#include <jansson.h>
#else
#include "util/json.h"
#define GENERATOR 1
#endif

#ifdef GENERATOR
/* N items as FreshRSS writes them, about 1.7 KB each. */
static void
generate(long n)
{
	struct buf b;
	struct json j;
	char s[128];

	buf_init(&b, 0);
	json_init(&j, &b, 0);
	json_begin_object(&j);
	json_key(&j, "id");
	json_string(&j, "user/-/state/com.google/reading-list");
	json_key(&j, "updated");
	json_int(&j, 1700000000);
	json_key(&j, "items");
	json_begin_array(&j);
	for (long i = 0; i < n; i++) {
		json_begin_object(&j);
		snprintf(s, sizeof(s), "tag:google.com,2005:reader/item/%016lx",
			 0x5c62466ee0000L + i);
		json_key(&j, "id");
		json_string(&j, s);
		snprintf(s, sizeof(s), "%ld", 1700000000000L + i);
		json_key(&j, "crawlTimeMsec");
		json_string(&j, s);
		snprintf(s, sizeof(s), "%ld", 1700000000000000L + i * 1000);
		json_key(&j, "timestampUsec");
		json_string(&j, s);
		json_key(&j, "published");
		json_int(&j, 1700000000 + i);
		snprintf(s, sizeof(s), "The harbour's night ferry, day %ld", i);
		json_key(&j, "title");
		json_string(&j, s);
		json_key(&j, "canonical");
		json_begin_array(&j);
		json_begin_object(&j);
		snprintf(s, sizeof(s), "https://news.example/%ld/ferry", i);
		json_key(&j, "href");
		json_string(&j, s);
		json_end_object(&j);
		json_end_array(&j);
		json_key(&j, "categories");
		json_begin_array(&j);
		json_string(&j, "user/-/state/com.google/reading-list");
		json_string(&j, "user/-/label/Harbour");
		json_end_array(&j);
		json_key(&j, "origin");
		json_begin_object(&j);
		json_key(&j, "streamId");
		json_string(&j, "feed/12");
		json_key(&j, "title");
		json_string(&j, "Harbour News");
		json_end_object(&j);
		json_key(&j, "summary");
		json_begin_object(&j);
		json_key(&j, "content");
		json_string(
		    &j, "<p>The night ferry left the harbour at ten, as it "
			"has every evening for forty years, carrying the "
			"market's last crates, three bicycles, a choir "
			"coming home from a wedding and the post. The "
			"captain, who took the wheel from her father, says "
			"the crossing has not changed much: the lights of "
			"the far shore come up at the same bend, the gulls "
			"follow the same wake, and the coffee is as bad as "
			"it ever was.</p><p>What has changed is the "
			"timetable. From next month the ferry will leave "
			"half an hour later on Fridays, so that people "
			"working in the city can make it, and a second boat "
			"will run on market days. \"We asked the passengers, "
			"and they told us,\" the captain said. \"It is their "
			"boat as much as ours.\"</p><p>Tickets stay at the "
			"same price, and children under twelve still travel "
			"free.</p>");
		json_end_object(&j);
		json_end_object(&j);
		if (b.len > 1 << 20) {
			fwrite(b.data, 1, b.len, stdout);
			b.len = 0;
		}
	}
	json_end_array(&j);
	json_key(&j, "continuation");
	json_string(&j, "1700000000000000");
	json_end_object(&j);
	fwrite(b.data, 1, b.len, stdout);
	buf_free(&b);
}
#endif

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char tmp[65536];
	size_t n;

	buf_init(&b, 0);
	if (!f)
		return NULL;
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		buf_append(&b, tmp, n);
	fclose(f);
	*len = b.len;
	return buf_steal(&b);
}

/* Items with a title read one at a time by the strict pull reader. */
static long
pull_items(const char *s, size_t len, struct err *e)
{
	struct jsonr_pull j;
	enum jsonr_event ev;
	long n = 0;

	jsonr_pull_init(&j, s, len);
	ev = jsonr_pull_next(&j, e);
	while (ev != JSONR_EV_ERROR &&
	       (ev = jsonr_pull_next(&j, e)) == JSONR_EV_KEY) {
		int items = !strcmp(jsonr_pull_text(&j, NULL), "items");

		ev = jsonr_pull_next(&j, e);
		if (!items) {
			jsonr_pull_skip(&j, ev, e);
			continue;
		}
		while ((ev = jsonr_pull_next(&j, e)) == JSONR_EV_OBJECT) {
			struct jsonr_value *v = jsonr_pull_value(&j, ev, e);

			n += jsonr_string(jsonr_get(v, "title")) != NULL;
			jsonr_free(v);
		}
	}
	jsonr_pull_free(&j);
	return ev == JSONR_EV_ERROR ? -1 : n;
}

static long
tree_items(const struct jsonr_value *v)
{
	const struct jsonr_value *a = jsonr_get(v, "items");
	long n = 0;

	for (size_t i = 0; a && i < a->n; i++)
		n += jsonr_string(jsonr_get(&a->items[i], "title")) != NULL;
	return n;
}

int
main(int argc, char **argv)
{
	struct err e = {{0}};
	struct timespec t0, t1;
	size_t len = 0;
	char *s;
	long n = -1;

#ifdef GENERATOR
	if (argc == 3 && !strcmp(argv[1], "gen")) {
		generate(strtol(argv[2], NULL, 10));
		return 0;
	}
#endif
	if (argc != 3) {
		fprintf(stderr, "usage: json_speed gen N | json_speed "
				"jsonr|strict|pull|json-c|jansson FILE\n");
		return 2;
	}
	s = slurp(argv[2], &len);
	if (!s)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (!strcmp(argv[1], "jsonr") || !strcmp(argv[1], "strict")) {
		struct jsonr_value *v = argv[1][0] == 'j'
					    ? jsonr_parse(s, len, &e)
					    : jsonr_parse_strict(s, len, &e);

		n = v ? tree_items(v) : -1;
		jsonr_free(v);
	} else if (!strcmp(argv[1], "pull")) {
		n = pull_items(s, len, &e);
#ifdef HAVE_JSONC
	} else if (!strcmp(argv[1], "json-c")) {
		struct json_object *o = json_tokener_parse(s), *a, *t;

		if (o && json_object_object_get_ex(o, "items", &a)) {
			n = 0;
			for (size_t i = 0; i < json_object_array_length(a); i++)
				n += json_object_object_get_ex(
				    json_object_array_get_idx(a, i), "title",
				    &t);
		}
		json_object_put(o);
#endif
#ifdef HAVE_JANSSON
	} else if (!strcmp(argv[1], "jansson")) {
		json_error_t err;
		json_t *o = json_loadb(s, len, 0, &err), *a;

		a = o ? json_object_get(o, "items") : NULL;
		if (a) {
			n = 0;
			for (size_t i = 0; i < json_array_size(a); i++)
				n += json_object_get(json_array_get(a, i),
						     "title") != NULL;
		}
		json_decref(o);
#endif
	} else {
		fprintf(stderr, "json_speed: %s is not built in\n", argv[1]);
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%ld items %.3f s\n", n,
	       (double)(t1.tv_sec - t0.tv_sec) +
		   (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	if (n < 0)
		fprintf(stderr, "%s\n", e.msg);
	free(s);
	return n < 0;
}
