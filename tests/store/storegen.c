/* storegen.c: fill a cache for tests and benchmarks: items from a TSV file, or N synthetic ones. */
#include "autoconfig.h"

#include "store/store.h"
#include "unit/store_text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <time.h>

#include "feed/feed.h"

#include "util/buf.h"
#include "util/str.h"

static const char usage[] =
	"usage: storegen CACHE --tsv FILE\n"
	"       storegen CACHE --feeds DIR (every DIR/*.xml, one source each)\n"
	"       storegen CACHE --first-screen (time what a first screen reads)\n"
	"       storegen CACHE --count (print the number of items)\n"
	"       storegen CACHE --items N [--sources S] [--article-bytes B]\n"
	"                [--page-bytes P | --page-file F] [--articles-every K]\n"
	"                [--now T]\n"
	"TSV columns: source key title link date read flagged summary text\n"
	"(text may be empty: no article). Synthetic items plant the words\n"
	"rarewarta (1 in 1000 articles), midwarta (1 in 100), commonwarta\n"
	"(1 in 10), and fixwarta in 20 articles at any size, in their\n"
	"article text for search timings.\n";

static uint64_t rng = 88172645463325252ull;

static uint64_t
next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}


#define VOCAB 30000
static char *vocab[VOCAB];

/* Pseudo-words from syllables: a vocabulary of realistic size. */
static void
make_vocab(void)
{
	static const char *const syl[] = {
		"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "ba",
		"do", "fi", "gu", "ha", "je", "ko", "li", "ma", "nu", "pe",
		"ra", "si", "to", "un", "ver", "wis", "yan", "str", "ell", "orn",
	};
	size_t ns = sizeof(syl) / sizeof(syl[0]);

	for (int i = 0; i < VOCAB; i++) {
		char w[32] = "";
		size_t len = 2 + (size_t)(next_rand() % 3), n = 0;

		for (size_t k = 0; k < len; k++) {
			const char *p = syl[next_rand() % ns];

			n += (size_t)snprintf(w + n, sizeof(w) - n, "%s", p);
		}
		vocab[i] = xstrdup(w);
	}
}

/* A word with a Zipf-like frequency: a log-uniform rank. */
static const char *
word(void)
{
	uint64_t bits = 1 + next_rand() % 15;

	return vocab[(next_rand() % (1ull << bits)) % VOCAB];
}

static void
words(struct buf *b, size_t bytes)
{
	size_t start = b->len, sentence = 0;

	while (b->len - start < bytes) {
		const char *w = word();

		if (b->len > start)
			buf_putc(b, ' ');
		if (sentence == 0) {
			buf_putc(b, (char)(w[0] - 32));
			buf_puts(b, w + 1);
		} else {
			buf_puts(b, w);
		}
		if (++sentence > 8 + next_rand() % 10) {
			buf_putc(b, '.');
			sentence = 0;
		}
	}
}

/* A real page to keep with every article, when given. */
static struct buf page_file;

static int
read_file(const char *path, struct buf *b)
{
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t n;

	if (!f) {
		perror(path);
		return -1;
	}
	buf_init(b, 0);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(b, chunk, n);
	fclose(f);
	return 0;
}

static double
now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int
synthetic(struct store *s, long items, long sources, long article_bytes,
	  long page_bytes, long every, time_t now)
{
	struct err e = {{0}};
	long long *src = xcalloc((size_t)sources, sizeof(*src));
	struct buf title, summary, text, page, key, link;
	struct timespec t0, t1;
	long i, narticles = items / every, fix_every;

	buf_init(&title, 0);
	buf_init(&summary, 0);
	buf_init(&text, 0);
	buf_init(&page, 0);
	buf_init(&key, 0);
	buf_init(&link, 0);
	fix_every = narticles >= 20 ? narticles / 20 : 1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (store_begin(s, &e) != 0)
		goto fail;
	for (i = 0; i < sources; i++) {
		char name[32], url[64];

		snprintf(name, sizeof(name), "source-%03ld", i);
		snprintf(url, sizeof(url), "http://feeds%ld.example/rss", i);
		if (store_source_ensure(s, name, url, &src[i], &e) != 0)
			goto fail;
	}
	for (i = 0; i < items; i++) {
		struct store_item_in in = {0};
		long long id;
		int words_n = 5 + (int)(next_rand() % 6);

		/* commits now and then keep the WAL (and its index) small:
		 * one transaction of a million items is several times slower */
		if (i && i % 20000 == 0 &&
		    (store_commit(s, &e) != 0 || store_begin(s, &e) != 0))
			goto fail;

		buf_reset(&title);
		buf_reset(&summary);
		buf_reset(&key);
		buf_reset(&link);
		for (int w = 0; w < words_n; w++) {
			if (w)
				buf_putc(&title, ' ');
			buf_puts(&title, word());
		}
		words(&summary, 120 + next_rand() % 200);
		buf_printf(&key, "item-%ld", i);
		buf_printf(&link, "http://feeds%ld.example/%ld.html",
			   i % sources, i);
		in.key = key.data;
		in.title = title.data;
		in.summary = summary.data;
		in.link = link.data;
		in.published = now - (time_t)(next_rand() % (365 * 86400));
		if (store_item_upsert(s, src[i % sources], &in, now, NULL, &id,
				      &e) != 0)
			goto fail;
		if (next_rand() % 10 < 7)
			store_item_set_read(s, id, 1, &e);
		if (next_rand() % 100 == 0)
			store_item_set_flagged(s, id, 1, &e);
		if (article_bytes > 0 && i % every == 0) {
			struct store_article_in a = {0};

			/* planted by article number, so each word is in the
			 * same share of the articles at every size */
			long k = i / every;

			buf_reset(&text);
			words(&text, (size_t)article_bytes);
			if (k % 1000 == 0)
				buf_puts(&text, " rarewarta");
			if (k % 100 == 0)
				buf_puts(&text, " midwarta");
			if (k % 10 == 0)
				buf_puts(&text, " commonwarta");
			/* and one word in 20 articles at any size */
			if (k % fix_every == 0)
				buf_puts(&text, " fixwarta");
			a.doc = text.data; /* a stand-in blob of the same size */
			a.doc_len = text.len;
			a.text = text.data;
			a.extractor_version = 1;
			a.fetched = now;
			if (page_file.len) {
				a.raw = page_file.data;
				a.raw_len = page_file.len;
			} else if (page_bytes > 0) {
				buf_reset(&page);
				buf_puts(&page, "<!doctype html><html><head>"
						"<title>x</title></head><body>"
						"<nav>home news sport</nav>"
						"<article><p>");
				buf_append(&page, text.data,
					   text.len < (size_t)page_bytes ?
						   text.len :
						   (size_t)page_bytes);
				while (page.len < (size_t)page_bytes)
					buf_puts(&page, "<div class=\"ad\">"
							"advert</div>");
				buf_puts(&page, "</p></article></body></html>");
				a.raw = page.data;
				a.raw_len = page.len;
			}
			if (store_article_put(s, id, &a, &e) != 0)
				goto fail;
		}
	}
	if (store_commit(s, &e) != 0)
		goto fail;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	fprintf(stderr, "storegen: %ld items in %.2f s\n", items,
		(double)(t1.tv_sec - t0.tv_sec) +
			(double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	buf_free(&title);
	buf_free(&summary);
	buf_free(&text);
	buf_free(&page);
	buf_free(&key);
	buf_free(&link);
	free(src);
	return 0;
fail:
	fprintf(stderr, "storegen: %s\n", e.msg);
	free(src);
	return -1;
}

/* Split line at tabs into at most max fields; returns the count. */
static size_t
split_tabs(char *line, char **f, size_t max)
{
	size_t n = 0;

	f[n++] = line;
	for (char *p = line; *p && n < max; p++)
		if (*p == '\t') {
			*p = '\0';
			f[n++] = p + 1;
		}
	return n;
}

static int
from_tsv(struct store *s, const char *path, time_t now)
{
	struct err e = {{0}};
	FILE *f = fopen(path, "r");
	char *line = NULL, *fld[9];
	size_t cap = 0;
	ssize_t len;
	int rc = -1;

	if (!f) {
		perror(path);
		return -1;
	}
	if (store_begin(s, &e) != 0)
		goto out;
	for (;;) {
		struct store_item_in in = {0};
		long long src, id;

		len = getline(&line, &cap, f);
		if (len < 0)
			break;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (!len || line[0] == '#')
			continue;
		if (split_tabs(line, fld, 9) != 9) {
			fprintf(stderr, "storegen: %s: want 9 fields\n", path);
			goto out;
		}
		if (store_source_ensure(s, fld[0], "http://example.org/", &src,
					&e) != 0)
			goto out;
		in.key = fld[1];
		in.title = fld[2];
		in.link = *fld[3] ? fld[3] : NULL;
		in.published = (time_t)strtoll(fld[4], NULL, 10);
		in.summary = *fld[7] ? fld[7] : NULL;
		if (store_item_upsert(s, src, &in, now, NULL, &id, &e) != 0 ||
		    store_item_set_read(s, id, fld[5][0] == '1', &e) != 0 ||
		    store_item_set_flagged(s, id, fld[6][0] == '1', &e) != 0)
			goto out;
		if (*fld[8]) {
			struct store_article_in a = {0};

			a.doc = fld[8];
			a.doc_len = strlen(fld[8]);
			a.text = fld[8];
			a.extractor_version = 1;
			a.fetched = now;
			if (store_article_put(s, id, &a, &e) != 0)
				goto out;
		}
	}
	if (store_commit(s, &e) != 0)
		goto out;
	rc = 0;
out:
	if (rc != 0)
		fprintf(stderr, "storegen: %s\n", e.msg);
	free(line);
	fclose(f);
	return rc;
}

static long
num(const char *v)
{
	long n = -1;

	if (str_to_long(v, 0, 100000000000L, &n) != 0)
		return -1;
	return n;
}

/* Every .xml file in dir through feed_parse(), as a refresh would store it. */
static int
from_feeds(struct store *s, const char *dir, time_t now)
{
	struct err e = {{0}};
	DIR *d = opendir(dir);
	struct dirent *de;
	long nitems = 0, nfeeds = 0;

	if (!d) {
		perror(dir);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);
		char *path;
		struct buf bytes;
		struct feed *f;
		long long src;

		if (len < 5 || strcmp(de->d_name + len - 4, ".xml") != 0)
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		if (read_file(path, &bytes) != 0) {
			free(path);
			continue;
		}
		f = feed_parse(bytes.data, bytes.len, NULL, NULL, 0, &e);
		buf_free(&bytes);
		free(path);
		if (!f) {
			fprintf(stderr, "storegen: %s: %s\n", de->d_name, e.msg);
			continue;
		}
		if (store_begin(s, &e) != 0 ||
		    store_source_ensure(s, de->d_name, de->d_name, &src, &e) !=
			    0)
			goto fail;
		for (size_t i = f->nitems; i-- > 0;) {
			const struct feed_item *fi = &f->items[i];
			struct store_item_in in = {0};

			in.key = fi->key;
			in.title = fi->title;
			in.link = fi->link;
			in.author = fi->author;
			in.summary = fi->summary;
			in.content = fi->content;
			in.published = fi->published;
			in.updated = fi->updated;
			if (store_item_upsert(s, src, &in, now, NULL, NULL, &e) !=
			    0)
				goto fail;
			nitems++;
		}
		if (store_commit(s, &e) != 0)
			goto fail;
		feed_free(f);
		nfeeds++;
		continue;
fail:
		feed_free(f);
		closedir(d);
		fprintf(stderr, "storegen: %s\n", e.msg);
		return -1;
	}
	closedir(d);
	fprintf(stderr, "storegen: %ld items from %ld feeds\n", nitems, nfeeds);
	return 0;
}

/* What a reader's first screen needs: the sources with their counts and
 * the first page of items, then the first page of one source. */
static int
first_screen(const char *path)
{
	struct err e = {{0}};
	struct store_query q = {0};
	struct store_source *srcs = NULL;
	struct store_item *rows = NULL;
	struct store *s;
	struct rusage ru;
	size_t nsrcs = 0, n = 0;
	long cnt = 0;
	double t0 = now_s(), t1, t2, t3, t4;

	s = store_open(path, &test_store_text, &e);
	if (!s)
		goto fail;
	t1 = now_s();
	if (store_sources_list(s, &srcs, &nsrcs, &e) != 0)
		goto fail;
	q.view = STORE_VIEW_UNREAD;
	if (store_items_count(s, &q, &cnt, &e) != 0 ||
	    store_items_page(s, &q, NULL, 0, 60, &rows, &n, &e) != 0)
		goto fail;
	store_items_free(rows, n);
	t2 = now_s();
	q.view = STORE_VIEW_SOURCE;
	q.source_id = nsrcs ? srcs[nsrcs / 2].id : 0;
	if (store_items_page(s, &q, NULL, 0, 60, &rows, &n, &e) != 0)
		goto fail;
	store_items_free(rows, n);
	t3 = now_s();
	/* the last page by offset: the slow case keyset paging avoids */
	q.view = STORE_VIEW_SINCE;
	q.since = 0;
	if (store_items_count(s, &q, &cnt, &e) != 0 ||
	    store_items_page(s, &q, NULL, cnt > 60 ? cnt - 60 : 0, 60, &rows,
			     &n, &e) != 0)
		goto fail;
	store_items_free(rows, n);
	t4 = now_s();
	getrusage(RUSAGE_SELF, &ru);
	printf("open %.2f ms, sources+unread page %.2f ms, source page %.2f "
	       "ms, last page by offset %.2f ms, peak RSS %ld KB\n",
	       (t1 - t0) * 1e3, (t2 - t1) * 1e3, (t3 - t2) * 1e3,
	       (t4 - t3) * 1e3, ru.ru_maxrss);
	store_sources_free(srcs, nsrcs);
	store_close(s);
	return 0;
fail:
	fprintf(stderr, "storegen: %s\n", e.msg);
	store_sources_free(srcs, nsrcs);
	store_close(s);
	return -1;
}

/* Print the number of cached items. */
static int
count_items(const char *path)
{
	struct err e = {{0}};
	struct store_query q = {0};
	struct store *s = store_open(path, &test_store_text, &e);
	long n = 0;

	q.view = STORE_VIEW_ALL;
	if (!s || store_items_count(s, &q, &n, &e) != 0) {
		fprintf(stderr, "storegen: %s\n", e.msg);
		store_close(s);
		return -1;
	}
	printf("%ld\n", n);
	store_close(s);
	return 0;
}

int
main(int argc, char **argv)
{
	struct err e = {{0}};
	struct store *s;
	const char *tsv = NULL, *feeds = NULL;
	int screen = 0;
	long items = 0, sources = 200, article = 2000, page = 0, every = 1;
	time_t now = time(NULL);
	int rc;

	if (argc < 3) {
		fputs(usage, stderr);
		return 2;
	}
	for (int i = 2; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : "";

		if (!strcmp(argv[i], "--tsv"))
			tsv = v;
		else if (!strcmp(argv[i], "--feeds"))
			feeds = v;
		else if (!strcmp(argv[i], "--first-screen")) {
			screen = 1;
			continue;
		} else if (!strcmp(argv[i], "--count")) {
			screen = 2;
			continue;
		} else if (!strcmp(argv[i], "--page-file")) {
			if (read_file(v, &page_file) != 0)
				return 1;
		}
		else if (!strcmp(argv[i], "--items"))
			items = num(v);
		else if (!strcmp(argv[i], "--sources"))
			sources = num(v);
		else if (!strcmp(argv[i], "--article-bytes"))
			article = num(v);
		else if (!strcmp(argv[i], "--page-bytes"))
			page = num(v);
		else if (!strcmp(argv[i], "--articles-every"))
			every = num(v);
		else if (!strcmp(argv[i], "--now"))
			now = (time_t)num(v);
		else {
			fputs(usage, stderr);
			return 2;
		}
		i++;
	}
	if (items < 0 || sources < 1 || every < 1 || article < 0 ||
	    page < 0 || now < 0) {
		fputs(usage, stderr);
		return 2;
	}
	if (screen == 1)
		return first_screen(argv[1]) ? 1 : 0;
	if (screen == 2)
		return count_items(argv[1]) ? 1 : 0;
	make_vocab();
	s = store_open(argv[1], &test_store_text, &e);
	if (!s) {
		fprintf(stderr, "storegen: %s\n", e.msg);
		return 1;
	}
	if (tsv)
		rc = from_tsv(s, tsv, now);
	else if (feeds)
		rc = from_feeds(s, feeds, now);
	else
		rc = synthetic(s, items, sources, article, page, every, now);
	store_close(s);
	for (int i = 0; i < VOCAB; i++)
		free(vocab[i]);
	buf_free(&page_file);
	return rc ? 1 : 0;
}
