/* article.h: one article from URL to cache: every page fetched and joined. */
#ifndef WARTA_ARTICLE_H
#define WARTA_ARTICLE_H

#include "store/store.h"
#include "util/err.h"

#include <stddef.h>
#include <time.h>

struct doc;
struct fetch;
struct fetch_done;
struct fetch_options;

/* Pages of one article fetched at most, the first included. */
#define ARTICLE_MAX_PAGES 10

struct article_options {
	const struct fetch_options *fetch; /* NULL: fetch's defaults; copied */
	int allow_file;	      /* file:// pages may be read: only when the
			       * item's source is itself a local file */
	int first_only;	      /* page one alone (`warta extract --no-pages`) */
	const char *base_url; /* links of every page resolved against this,
			       * not the page's URL, or NULL; copied */
};

/* Where an article stopped short. */
enum article_failure {
	ARTICLE_OK,
	ARTICLE_ERR_FETCH,   /* no answer, or an HTTP error: see status */
	ARTICLE_ERR_TYPE,    /* the answer is no web page (an image, a PDF) */
	ARTICLE_ERR_EXTRACT, /* the page could not be read as HTML at all */
	ARTICLE_ERR_EMPTY,   /* page one has no article text (doc is kept,
			      * for `warta extract`; the cache takes none) */
};

/* What became of an article. Everything is owned; free with
 * article_result_clear(). */
struct article_result {
	struct doc *doc; /* the pages joined, or NULL when page one failed */
	int pages;	 /* pages joined into doc */
	enum article_failure failure; /* what stopped it early (with doc NULL:
				       * page one), ARTICLE_OK when nothing */
	char *error; /* that failure in words ("HTTP 404"), or NULL */
	long status; /* the failing answer's HTTP status, 0 if none */
	enum store_article_reason reason; /* the failure as the cache keeps
					   * it */
	char *url;   /* page one's final URL */
	char *raw;   /* page one's bytes as fetched (raw_len of them) */
	size_t raw_len;
	char *charset;	/* page one's HTTP charset, or NULL */
	time_t fetched; /* when page one came */
};

/* Free what r owns and zero it. */
void article_result_clear(struct article_result *r);

/* ---- the step API, driven on the caller's fetch set */

struct article;

/* Start fetching the article at url on f: each of its requests carries
 * userdata, so the caller can hand its finished transfers back with
 * article_feed(). Returns the article (caller frees with article_free())
 * or NULL with e set when url may not be fetched. */
struct article *article_start(struct fetch *f, const char *url,
			      const struct article_options *o, void *userdata,
			      struct err *e);
/* Go on from page one as the cache keeps it (from: doc, raw page, charset,
 * URL, fetch time; taken, and zeroed) with the next page its doc names.
 * NULL with e set (from untouched) when there is no next page to follow. */
struct article *article_resume(struct fetch *f, struct article_result *from,
			       const struct article_options *o, void *userdata,
			       struct err *e);
/* A page of an article extracted, on its way to article_feed(). */
struct article_page {
	int made;		      /* article_extract() filled it */
	struct doc *doc;	      /* the page, or NULL when it failed */
	enum article_failure failure; /* why it failed */
	struct err err;
};

/* The URL the links of the page d brought to a resolve against; caller
 * frees. */
char *article_base(const struct article *a, const struct fetch_done *d);
/* Extract the page that transfer d (a success) brought into p, links
 * resolved against base (from article_base()); the caller clears p with
 * article_page_clear() unless article_feed() takes it. Touches nothing
 * else: safe in any thread. */
void article_extract(const char *base, const struct fetch_done *d,
		     struct article_page *p);
void article_page_clear(struct article_page *p);
/* Hand a finished transfer of a to it (the page's bytes may be moved out of
 * d; the caller still frees d), with the page article_extract() made of
 * it (taken, and cleared), or p NULL to extract it here. Returns 1 when the
 * next page was queued on the fetch set (feed its transfer too), 0 when a
 * is finished. */
int article_feed(struct article *a, struct fetch_done *d,
		 struct article_page *p);
/* The URL of the page on its way, or NULL once a is finished; valid until
 * the next article_feed(). */
const char *article_url(const struct article *a);
/* The result so far (final once article_feed() returned 0); valid until
 * article_free(). */
struct article_result *article_result(struct article *a);
/* Free a (NULL is allowed); a transfer of it still queued on the fetch set
 * must not be handed to it any more. */
void article_free(struct article *a);

/* ---- the blocking form, for the command line */

/* Fetch and join the article at url. 0 with out filled, or -1 with e set
 * (out then says how far it got); the caller always clears out with
 * article_result_clear(). */
int article_get(const char *url, const struct article_options *o,
		struct article_result *out, struct err *e);

/* ---- the store half: a result as the cache takes it */

/* A refresh tries an article that failed again after its first failure
 * waits this long, its second ARTICLE_RETRY_2, its third ARTICLE_RETRY_3;
 * after the fourth only the reader's asking fetches it. */
#define ARTICLE_RETRY_1 3600L
#define ARTICLE_RETRY_2 (6 * 3600L)
#define ARTICLE_RETRY_3 (24 * 3600L)

/* Seconds after its tries-th failure for reason (with HTTP status) until a
 * refresh tries an article again; 0 when only the reader's asking should:
 * a page that is gone (404, 410), no web page, or no article in it is not
 * going to change. */
long article_retry_delay(enum store_article_reason reason, long status,
			 int tries);
/* Fill f from the failed result r as the cache keeps it: its reason,
 * status and error (borrowed from r), the tries-th failure at now, and
 * when a refresh tries again. */
void article_failure_make(const struct article_result *r, int tries, time_t now,
			  struct store_article_failure *f);

/* An article ready for store_article_put() or store_article_update(). */
struct article_record {
	struct store_article_in in; /* borrows from the result and from blob
				     * and text below */
	char *blob, *text;	    /* owned */
};

/* Fill rec from r (whose doc must be set): the doc serialised, its body
 * text, comment count, joined-pages mark, extractor version, fetch time,
 * raw page, charset, final URL and the page's own date. rec borrows from r
 * until it is freed with article_record_free(). */
void article_record_make(const struct article_result *r,
			 struct article_record *rec);
void article_record_free(struct article_record *rec);

/* Page one of item_id's article as the cache st keeps it, when its doc
 * names a next page that was never joined: into from (cleared with
 * article_result_clear(); link names the page when the cache does not),
 * 1; else 0. */
int article_cached_first(struct store *st, long long item_id, const char *link,
			 struct article_result *from);

#endif
