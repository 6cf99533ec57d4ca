/* test_refresh.c: the refresh conductor's API against the local test server. */
#include "autoconfig.h"

#include "config/config.h"
#include "refresh/refresh.h"
#include "store/store.h"
#include "unit/store_text.h"
#include "tap.h"
#include "util/str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct seen {
	struct store *st;
	int sources, articles, failed, committed, redirects;
	size_t new_items;
};

static void
on_event(void *ctx, const struct refresh_event *ev)
{
	struct seen *s = ctx;
	struct store_source src;

	if (ev->what == REFRESH_ARTICLE) {
		s->articles++;
		return;
	}
	s->sources++;
	if (ev->error)
		s->failed++;
	if (ev->redirect)
		s->redirects++;
	s->new_items += ev->new_items;
	/* the event comes after the commit: the cache already knows */
	memset(&src, 0, sizeof(src));
	if (store_source_get(s->st, ev->source, &src, NULL) == 1 &&
	    src.last_fetch > 0 && (ev->error ? src.last_error != NULL
					     : src.last_error == NULL))
		s->committed++;
	store_source_clear(&src);
}

/* The last article event of a refresh of one article. */
struct told {
	int n;
	long long item_id;
	int pages;
	char error[600];
};

static void
on_article(void *ctx, const struct refresh_event *ev)
{
	struct told *t = ctx;

	if (ev->what != REFRESH_ARTICLE)
		return;
	t->n++;
	t->item_id = ev->item_id;
	t->pages = ev->pages;
	snprintf(t->error, sizeof(t->error), "%s", ev->error ? ev->error : "");
}

/* The id of the one item whose text matches words, or 0. */
static long long
item_named(struct store *st, const char *words)
{
	struct store_search_query q;
	struct store_hit *hits = NULL;
	size_t n = 0;
	long long id = 0;

	memset(&q, 0, sizeof(q));
	q.text = words;
	q.limit = 10;
	if (store_search(st, &q, &hits, &n, NULL) == 0 && n == 1)
		id = hits[0].item.id;
	store_hits_free(hits, n);
	return id;
}

/* Refresh the article of item id alone, stepping as the interface does;
 * the step result. */
static int
run_article(struct store *st, const struct config *c, long long id,
	    struct told *t, struct refresh_stats *stats)
{
	struct refresh_options o;
	struct refresh *r;
	struct err e;
	int rc, steps = 0;

	memset(&o, 0, sizeof(o));
	memset(t, 0, sizeof(*t));
	o.config = c;
	o.on_event = on_article;
	o.ctx = t;
	r = refresh_start_article(st, &o, id, &e);
	if (!r) {
		snprintf(t->error, sizeof(t->error), "start: %s", e.msg);
		return -2;
	}
	do {
		rc = refresh_step(r, -1, 100, &e);
	} while (rc > 0 && ++steps < 500);
	*stats = *refresh_stats(r);
	refresh_free(r);
	return rc;
}

/* One article refreshed alone, as the interface asks for one. */
static void
one_article(struct store *st, const struct config *c)
{
	struct refresh_options o;
	struct refresh_stats stats;
	struct store_article a;
	struct told t;
	struct err e;
	long long gone = item_named(st, "hilang"),
		  boat = item_named(st, "nelayan");

	memset(&o, 0, sizeof(o));
	o.config = c;
	ok(refresh_start_article(st, &o, 999999, &e) == NULL &&
	       strstr(e.msg, "no item 999999"),
	   "one article: an unknown item is refused: %s", e.msg);
	ok(gone && boat, "one article: the items are found");

	is_int(run_article(st, c, boat, &t, &stats), 0,
	       "one article: steps until done");
	is_int(t.n, 1, "one article: one event");
	is_int(t.item_id, boat, "one article: naming its item");
	is_str(t.error, "", "one article: fetched and stored");
	is_int(t.pages, 1, "one article: one page");
	ok(stats.articles == 1 && stats.articles_done == 1 &&
	       stats.articles_failed == 0,
	   "one article: its counts");
	ok(store_article_get(st, boat, &a, NULL) == 1 && a.raw_len > 0,
	   "one article: cached with its page");
	store_article_clear(&a);

	is_int(run_article(st, c, gone, &t, &stats), 0,
	       "one article: a missing page ends too");
	is_str(t.error, "HTTP 404", "one article: says why it failed");
	ok(stats.articles_failed == 1, "one article: counted failed");
}

int
main(void)
{
	const char *base = getenv("SERVER_URL");
	const char *tmp = getenv("TMPDIR_TEST");
	struct config c;
	struct err e = {""};
	struct refresh_options o;
	struct refresh *r;
	struct seen seen = {0};
	struct refresh_stats stats;
	char *ini, *db, *text;
	FILE *f;
	int rc, steps = 0, fds[2];

	if (!base || !tmp) {
		printf("1..0 # SKIP run through tests/net/refresh_api.sh\n");
		return 0;
	}
	ini = xasprintf("%s/r.ini", tmp);
	db = xasprintf("%s/r.db", tmp);
	text = xasprintf("[general]\nretries = 0\n"
			 "[Lokal]\nurl = %s/local.xml\n"
			 "[Kabar]\nurl = %s/_fault/moved/301?to=/feed.xml\n"
			 "fetch-articles = no\n"
			 "[Gone]\nurl = %s/_fault/status/410\n"
			 "[Off]\nurl = %s/_fault/status/500\nenabled = no\n",
			 base, base, base, base);
	f = fopen(ini, "w");
	fputs(text, f);
	fclose(f);
	config_init(&c);
	is_int(config_load(ini, &c, &e), 0, "config loads");
	seen.st = store_open(db, &test_store_text, &e);
	ok(seen.st != NULL, "cache opens");

	memset(&o, 0, sizeof(o));
	o.config = &c;
	o.on_event = on_event;
	o.ctx = &seen;
	{
		const char *only[] = {"Nope"};

		o.only = only;
		o.nonly = 1;
		ok(refresh_start(seen.st, &o, &e) == NULL &&
			   strstr(e.msg, "no source named \"Nope\""),
		   "an unknown name is refused: %s", e.msg);
		o.only = NULL;
		o.nonly = 0;
	}

	/* driven step by step as the interface does, with its own fd */
	if (pipe(fds) != 0)
		return 1;
	r = refresh_start(seen.st, &o, &e);
	ok(r != NULL, "refresh starts");
	is_int(refresh_stats(r)->sources, 3, "three enabled sources");
	do {
		rc = refresh_step(r, fds[0], 100, &e);
		steps++;
	} while (rc > 0 && steps < 2000);
	is_int(rc, 0, "steps until done");
	stats = *refresh_stats(r);
	refresh_free(r);
	is_int(seen.sources, 3, "one event per source");
	is_int(seen.committed, 3, "each event after its data was committed");
	is_int(seen.failed, 1, "one failed");
	is_int(seen.redirects, 1, "the permanent redirect reported");
	is_int(seen.new_items, 5, "five new items");
	is_int(stats.new_items, 5, "stats agree");
	is_int(stats.articles, 3, "three articles queued (Lokal only)");
	is_int(seen.articles, 3, "one event per article");
	is_int(stats.articles_failed, 1, "the 404 article failed");

	memset(&seen.sources, 0, sizeof(seen) - sizeof(seen.st));
	rc = refresh_run(seen.st, &o, &stats, &e);
	is_int(rc, 1, "refresh_run: 1 when a source failed");
	is_int(stats.not_modified, 2, "the second time: two answered 304");
	is_int(stats.new_items, 0, "nothing new");
	is_int(stats.articles, 0, "no article fetched again");

	one_article(seen.st, &c);

	store_close(seen.st);
	config_free(&c);
	close(fds[0]);
	close(fds[1]);
	free(ini);
	free(db);
	free(text);
	return tap_done();
}
