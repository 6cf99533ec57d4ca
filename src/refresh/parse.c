/* parse.c: a refresh's answers parsed, packed and extracted in work threads. */
#include "autoconfig.h"

#include "refresh/parse.h"
#include "feed/feed.h"
#include "feed/frontpage.h"
#include "fetch/fetch.h"
#include "util/str.h"

#include <stdlib.h>
#include <string.h>

void
parse_drop(void *w)
{
	struct parsed *m = w;

	if (!m)
		return;
	free(m->url);
	free(m->type);
	free(m->pattern);
	free(m->base);
	feed_free(m->feed);
	for (size_t i = 0; i < m->nready; i++)
		store_item_ready_clear(&m->ready[i]);
	free(m->ready);
	article_page_clear(&m->page);
	free(m);
}

struct feed *
parse_answer(const struct fetch_result *res, const char *url, const char *type,
	     const char *pattern, size_t max, struct err *e)
{
	if (!strcmp(type, "page"))
		return frontpage_parse(res->body, res->len, url, res->charset,
				       pattern, max, e);
	if (strcmp(type, "auto"))
		return feed_parse(res->body, res->len, url, res->charset, max,
				  e);
	/* as `warta feed` decides for the same bytes */
	return feed_parse_auto(res->body, res->len, url, res->content_type,
			       res->charset, pattern, max, e);
}

/* Pack the items' long text and make their words for the index here,
 * rather than in the loop's thread as they are stored. */
static void
make_ready(struct parsed *m)
{
	struct store_packer *p = store_packer_new();

	m->ready = xcalloc(m->feed->nitems + 1, sizeof(*m->ready));
	m->nready = m->feed->nitems;
	for (size_t i = 0; i < m->feed->nitems; i++) {
		const struct feed_item *it = &m->feed->items[i];
		struct store_item_in in;

		memset(&in, 0, sizeof(in));
		in.summary = it->summary;
		in.content = it->content;
		store_item_ready_make(p, &m->text, &in, &m->ready[i]);
	}
	store_packer_free(p);
}

/* s without the slack of the buffer it was built in. */
static char *
fit(char *s)
{
	return s ? xrealloc(s, strlen(s) + 1) : NULL;
}

void
parse_run(void *w, struct fetch_done *d)
{
	struct parsed *m = w;

	if (m->is_page) {
		article_extract(m->base, d, &m->page);
		return;
	}
	m->feed =
	    parse_answer(&d->res, m->url, m->type, m->pattern, m->max, &m->err);
	/* the answers wait in memory for their turn to be stored: what is
	 * no longer needed goes now */
	free(d->res.body);
	d->res.body = NULL;
	d->res.len = 0;
	if (!m->feed)
		return;
	for (size_t i = 0; i < m->feed->nitems; i++) {
		m->feed->items[i].summary = fit(m->feed->items[i].summary);
		m->feed->items[i].content = fit(m->feed->items[i].content);
	}
	make_ready(m);
}
