/* parse.h: what a work thread makes of an answer for a refresh: a source's
 * feed parsed with its items made ready for the cache, or an article's page
 * extracted. */
#ifndef WARTA_PARSE_H
#define WARTA_PARSE_H

#include "refresh/article.h"
#include "store/store.h"
#include "util/err.h"

#include <stddef.h>

struct feed;
struct fetch_done;
struct fetch_result;

/* One answer's work: what it reads, copied (the refresh may be gone when
 * a thread gets to it), and what it makes. Free with parse_drop(). */
struct parsed {
	int is_page;			   /* an article's page, else a feed */
	char *url, *type, *pattern, *base; /* a source's, or the page's base */
	size_t max;			   /* items kept, 0: the default */
	struct store_text text;		   /* how the cache indexes summaries */
	struct feed *feed;		   /* the feed, or NULL */
	struct err err;			   /* why not */
	struct store_item_ready *ready;	   /* its items made ready, nready */
	size_t nready;
	struct article_page page; /* an article's page extracted */
};

/* Do w's work (a struct parsed) on answer d, in any thread; a source's
 * body is freed once parsed. */
void parse_run(void *w, struct fetch_done *d);
/* Free w (a struct parsed, or NULL). */
void parse_drop(void *w);
/* The answer res of a source of type ("auto", "rss", "atom", "page") at url
 * parsed; pattern and max as the source has them. */
struct feed *parse_answer(const struct fetch_result *res, const char *url,
			  const char *type, const char *pattern, size_t max,
			  struct err *e);

#endif
