/* render_speed.c: how fast docs are laid out, formatted and cached. */
#include "autoconfig.h"

#include "doc/doc.h"
#include "extract/extract.h"
#include "render/render.h"
#include "util/err.h"
#include "util/str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* Best of reps layouts of d at width 80 with header and comments, in ms. */
static double
time_layout(const struct doc *d, int reps)
{
	struct render_options o = {80, RENDER_HEADER | RENDER_COMMENTS, NULL,
				   NULL};
	double best = 1e30;

	for (int i = 0; i < reps; i++) {
		double t0 = now_ms(), t;
		struct render_page *pg = render_layout(d, &o);

		t = now_ms() - t0;
		render_page_free(pg);
		if (t < best)
			best = t;
	}
	return best;
}

/* Time of one call of each output format, in ms. */
static void
time_formats(const struct doc *d, double *ms)
{
	double t0;
	char *s;
	size_t n;
	struct doc *back;
	struct err e;

	t0 = now_ms();
	s = render_text(d, 80, RENDER_COMMENTS);
	ms[0] += now_ms() - t0;
	free(s);
	t0 = now_ms();
	s = doc_to_json(d);
	ms[1] += now_ms() - t0;
	free(s);
	t0 = now_ms();
	s = doc_to_markdown(d, 1);
	ms[2] += now_ms() - t0;
	free(s);
	t0 = now_ms();
	s = doc_to_html(d, 1);
	ms[3] += now_ms() - t0;
	free(s);
	t0 = now_ms();
	s = doc_serialize(d, &n);
	back = doc_deserialize(s, n, &e);
	ms[4] += now_ms() - t0;
	if (!back || !doc_equal(d, back)) {
		fprintf(stderr, "render_speed: round trip failed\n");
		exit(1);
	}
	doc_free(back);
	free(s);
}

static size_t
doc_bytes(const struct doc *d)
{
	char *t = doc_body_text(d);
	size_t n = strlen(t);

	free(t);
	return n;
}

/* A synthetic article of about bytes of body text made of text. */
static struct doc *
synthetic(const char *text, size_t bytes)
{
	struct doc *d = doc_new();
	size_t have = 0;

	doc_set(&d->meta.title, "A synthetic article");
	while (have < bytes) {
		struct doc_block *b = doc_add_block(d, DOC_PARAGRAPH);

		for (int k = 0; k < 4; k++) {
			doc_block_add_run(b, text, strlen(text), 0, NULL, 0);
			doc_block_add_run(b, "link", 4, 0,
					  "https://example.com/a", 0);
			doc_block_add_run(b, " ", 1, 0, NULL, 0);
			have += strlen(text) + 5;
		}
	}
	return d;
}

int
main(int argc, char **argv)
{
	static const char latin[] =
	    "The committee met on Tuesday to discuss the river levels, "
	    "which rose sharply after three days of rain; officials said ";
	static const char cjk[] = "\xe4\xb8\xad\xe5\x9b\xbd\xe6\x94\xbf\xe5"
				  "\xba\x9c\xe4\xbb\x8a\xe5\xa4\xa9\xe5\x8f"
				  "\x91\xe5\xb8\x83\xe4\xba\x86\xe6\x96\xb0"
				  "\xe7\x9a\x84\xe7\xbb\x8f\xe6\xb5\x8e\xe6"
				  "\x95\xb0\xe6\x8d\xae\xe3\x80\x82";
	const char *names[2] = {"latin", "cjk"};
	const char *texts[2] = {latin, cjk};
	double total_ms = 0, fmt[5] = {0}, worst = 0;
	size_t total_bytes = 0, pages = 0;
	const char *worst_name = "";

	printf(
	    "== synthetic 100 KB articles, layout at width 80 (best of 50)\n");
	for (int i = 0; i < 2; i++) {
		struct doc *d = synthetic(texts[i], 100000);
		double ms = time_layout(d, 50);

		printf("%-6s %7zu bytes  %.3f ms  %.0f MB/s\n", names[i],
		       doc_bytes(d), ms, (double)doc_bytes(d) / ms / 1e3);
		doc_free(d);
	}
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		char *bytes;
		long len;
		struct err e;
		struct doc *d;
		double ms;

		if (!f)
			continue;
		if (fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 ||
		    fseek(f, 0, SEEK_SET) != 0) {
			fclose(f);
			continue;
		}
		bytes = xmalloc((size_t)len + 1);
		if (fread(bytes, 1, (size_t)len, f) != (size_t)len)
			len = 0;
		fclose(f);
		d = extract_page(bytes, (size_t)len, "https://example.com/",
				 NULL, &e);
		free(bytes);
		if (!d)
			continue;
		ms = time_layout(d, 10);
		time_formats(d, fmt);
		total_ms += ms;
		total_bytes += doc_bytes(d);
		pages++;
		if (ms > worst) {
			worst = ms;
			worst_name = argv[i];
		}
		doc_free(d);
	}
	if (pages) {
		printf("== %zu extracted pages, %zu bytes of body text\n",
		       pages, total_bytes);
		printf("layout (width 80, best of 10): %.3f ms in all, %.4f ms "
		       "a page, %.0f MB/s\n",
		       total_ms, total_ms / (double)pages,
		       (double)total_bytes / total_ms / 1e3);
		printf("slowest page: %.3f ms (%s)\n", worst, worst_name);
		printf("one call each, all pages: text %.2f ms, json %.2f ms, "
		       "markdown %.2f ms, html %.2f ms, cache round trip "
		       "%.2f ms\n",
		       fmt[0], fmt[1], fmt[2], fmt[3], fmt[4]);
	}
	return 0;
}
