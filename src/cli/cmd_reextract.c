/* cmd_reextract.c: `warta reextract`: extract cached articles again from their kept pages, offline. */
#include "autoconfig.h"

#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc/doc.h"
#include "extract/extract.h"
#include "refresh/article.h"
#include "store/store.h"
#include "util/str.h"
#include "util/utf8.h"

/* Articles read per listing, and extracted before one write transaction:
 * the extraction runs outside it, so a reader or a refresh in another
 * process waits at most for a few dozen row updates. */
#define LIST_BATCH 256
#define WRITE_BATCH 32
/* ...or fewer when their blobs grow past this many bytes. */
#define WRITE_BYTES (8u * 1024 * 1024)

struct counts {
	long listed, done, failed, nopage, joined;
};

/* One extracted article waiting for its write. */
struct pending {
	long long item_id;
	struct article_record rec;
};

struct run {
	struct store *s;
	int dry_run;
	struct counts c;
	struct pending batch[WRITE_BATCH];
	size_t nbatch, bytes;
};

static void
pending_free(struct pending *p)
{
	article_record_free(&p->rec);
	p->item_id = 0;
}

/* Write the extracted articles in one short transaction; -1 on a cache
 * error (nothing of the batch is then written). */
static int
flush(struct run *r, struct err *e)
{
	int rc = -1;

	if (!r->nbatch)
		return 0;
	if (store_begin(r->s, e) != 0)
		goto out;
	for (size_t i = 0; i < r->nbatch; i++) {
		struct pending *p = &r->batch[i];
		int got;

		/* the kept page, URL, fetch time and joined mark stay */
		got = store_article_update(r->s, p->item_id, &p->rec.in, e);
		if (got < 0) {
			store_rollback(r->s);
			goto out;
		}
		/* an article purged meanwhile by another process is no loss */
		r->c.done += got;
	}
	if (store_commit(r->s, e) != 0) {
		store_rollback(r->s);
		r->c.done -= (long)r->nbatch;
		goto out;
	}
	rc = 0;
out:
	for (size_t i = 0; i < r->nbatch; i++)
		pending_free(&r->batch[i]);
	r->nbatch = 0;
	r->bytes = 0;
	return rc;
}

/* Print why the article of item id was left as it was. */
static void
report_failure(struct store *s, long long id, const char *url,
	       const char *why)
{
	struct store_item it;
	struct err e;
	char *safe_url = NULL, *safe_why = utf8_sanitize(why, strlen(why), 0);

	if (!url && store_item_get(s, id, &it, &e) == 1) {
		if (it.link)
			safe_url = utf8_sanitize(it.link, strlen(it.link), 0);
		store_item_clear(&it);
	} else if (url) {
		safe_url = utf8_sanitize(url, strlen(url), 0);
	}
	fprintf(stderr, "warta: reextract: item %lld (%s): %s\n", id,
		safe_url ? safe_url : "no URL", safe_why);
	free(safe_url);
	free(safe_why);
}

/* Extract the article of item id from its kept page into the batch;
 * -1 only on a cache error. */
static int
one(struct run *r, long long id, struct err *e)
{
	struct store_article art;
	struct article_result res = {0};
	struct pending *p;
	struct doc *doc = NULL;
	struct err xe = {{0}};
	char *raw = NULL;
	size_t len = 0;
	int got, rc = -1;

	got = store_article_get(r->s, id, &art, e);
	if (got <= 0)
		return got; /* gone meanwhile: nothing to do */
	r->c.listed++;
	if (art.raw_len == 0) {
		r->c.nopage++;
		rc = 0;
		goto out;
	}
	/* only the first page of a joined article is kept: extracting it
	 * again would drop the pages that followed, and a complete article
	 * from an older extractor reads better than half a newer one */
	if (art.pages_merged) {
		r->c.joined++;
		rc = 0;
		goto out;
	}
	if (r->dry_run) {
		r->c.done++;
		rc = 0;
		goto out;
	}
	got = store_article_raw(r->s, id, &raw, &len, &xe);
	if (got <= 0) {
		/* a page that does not unpack is this article's problem */
		if (got < 0)
			report_failure(r->s, id, art.url, xe.msg);
		else
			r->c.nopage++;
		r->c.failed += got < 0;
		rc = 0;
		goto out;
	}
	doc = extract_page(raw, len, art.url, art.charset, &xe);
	if (!doc) {
		report_failure(r->s, id, art.url, xe.msg);
		r->c.failed++;
		rc = 0;
		goto out;
	}
	p = &r->batch[r->nbatch++];
	p->item_id = id;
	res.doc = doc;
	res.pages = 1;
	article_record_make(&res, &p->rec);
	r->bytes +=
	    p->rec.in.doc_len + (p->rec.in.text ? strlen(p->rec.in.text) : 0);
	rc = 0;
	if (r->nbatch == WRITE_BATCH || r->bytes >= WRITE_BYTES)
		rc = flush(r, e);
out:
	doc_free(doc);
	free(raw);
	store_article_clear(&art);
	return rc;
}

/* Every article matching f, in batches of ids. */
static int
walk(struct run *r, const struct store_article_filter *f, struct err *e)
{
	long long ids[LIST_BATCH], after = 0;
	size_t n;

	for (;;) {
		if (store_articles_list(r->s, f, after, ids, LIST_BATCH, &n,
					e) != 0)
			return -1;
		if (n == 0)
			break;
		for (size_t i = 0; i < n; i++)
			if (one(r, ids[i], e) != 0)
				return -1;
		after = ids[n - 1];
		if (isatty(STDERR_FILENO) && !r->dry_run)
			fprintf(stderr, "\r%ld articles...", r->c.listed);
	}
	if (isatty(STDERR_FILENO) && !r->dry_run && r->c.listed)
		fputs("\r", stderr);
	return flush(r, e);
}

static void
print_counts(const struct run *r, int all)
{
	const struct counts *c = &r->c;

	if (!c->listed) {
		if (all)
			printf("no cached article to re-extract\n");
		else
			printf("nothing to re-extract: every cached article "
			       "comes from extractor %d (--all re-extracts "
			       "them anyway)\n",
			       EXTRACT_VERSION);
		return;
	}
	printf("%s %ld of %ld articles with extractor %d",
	       r->dry_run ? "would re-extract" : "re-extracted", c->done,
	       c->listed, EXTRACT_VERSION);
	if (c->nopage)
		printf("; %ld without a kept page", c->nopage);
	if (c->joined)
		printf("; %ld joined from several pages kept as they were",
		       c->joined);
	if (c->failed)
		printf("; %ld failed, kept as they were", c->failed);
	printf("\n");
}

int
cmd_reextract(const struct cli_globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{"all", no_argument, NULL, 'a'},
		{"dry-run", no_argument, NULL, 'n'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct store_article_filter f = {0};
	struct err e = {{0}};
	struct run r;
	long long *sources = NULL;
	size_t nsources = 0;
	int ch, all = 0, status = 1;

	memset(&r, 0, sizeof(r));
	while ((ch = getopt_long(argc, argv, "+:anh", opts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			all = 1;
			break;
		case 'n':
			r.dry_run = 1;
			break;
		case 'h':
			return cli_command_help("reextract");
		default:
			return cli_option_error("reextract", ch, argv);
		}
	}
	/* no network here at all: --offline changes nothing */
	r.s = cli_store_open_existing(g, "reextract");
	if (!r.s)
		return 1;
	/* every named source must exist before anything is written */
	sources = xcalloc((size_t)(argc - optind) + 1, sizeof(*sources));
	for (int i = optind; i < argc; i++) {
		struct store_source src;
		int got = store_source_get(r.s, argv[i], &src, &e);

		if (got < 0)
			goto fail;
		if (got == 0) {
			char *safe = utf8_sanitize(argv[i], strlen(argv[i]), 0);

			fprintf(stderr,
				"warta: reextract: no source called '%s' in "
				"the cache\n",
				safe);
			free(safe);
			goto out;
		}
		sources[nsources++] = src.id;
		store_source_clear(&src);
	}
	f.older_than = all ? 0 : EXTRACT_VERSION;
	if (nsources == 0) {
		if (walk(&r, &f, &e) != 0)
			goto fail;
	}
	for (size_t i = 0; i < nsources; i++) {
		f.source_id = sources[i];
		if (walk(&r, &f, &e) != 0)
			goto fail;
	}
	print_counts(&r, all);
	status = r.c.failed ? 1 : 0;
	goto out;
fail:
	/* what was committed stays; the rest is as it was */
	print_counts(&r, all);
	fprintf(stderr, "warta: reextract: %s\n", e.msg);
out:
	for (size_t i = 0; i < r.nbatch; i++)
		pending_free(&r.batch[i]);
	free(sources);
	store_close(r.s);
	return status;
}
