/* ui_glue.c: the interface's work with the other modules inside its loop:
 * refreshing sources, fetching an article when it is opened, search, and
 * the page-text view. */
#include "autoconfig.h"

#include "doc/doc.h"
#include "extract/extract.h"
#include "fetch/fetch.h"
#include "html/page_text.h"
#include "refresh/refresh.h"
#include "ui/ui_int.h"
#include "util/err.h"
#include "util/str.h"
#include "util/url.h"

#include <stdlib.h>
#include <string.h>

/* Pages of one article followed through "next page" links. */
#define MAX_ARTICLE_PAGES 5

struct ui_refresh {
	struct refresh *rf;   /* sources being refreshed, or NULL */
	char *only;           /* the one source refreshed, or NULL for all */
	const char *only_list[1]; /* handed to refresh_start() */
	int changed;          /* new data since the last reload */
	time_t last_reload;
	struct fetch *fetch;  /* article fetches */
	long long item_id;    /* the article being fetched, 0 for none */
	struct doc *doc;      /* its pages so far */
	char *raw, *charset, *url; /* the first page as fetched */
	size_t raw_len;
	int pages;
	int allow_file;
	size_t offline_fails; /* sources failing to resolve or connect */
};

static struct ui_refresh *
state(struct ui *ui)
{
	if (!ui->refresh)
		ui->refresh = xcalloc(1, sizeof(*ui->refresh));
	return ui->refresh;
}

static void
article_reset(struct ui_refresh *r)
{
	doc_free(r->doc);
	free(r->raw);
	free(r->charset);
	free(r->url);
	r->doc = NULL;
	r->raw = r->charset = r->url = NULL;
	r->raw_len = 0;
	r->pages = 0;
	r->item_id = 0;
}

/* 1 when the configured source called name reads a file:// URL (the demo,
 * or the user's own local files): only then may its articles be files. */
static int
source_is_file(struct ui *ui, const char *name)
{
	for (size_t i = 0; name && i < ui->set->nsources; i++)
		if (!strcmp(ui->set->sources[i].name, name))
			return str_istarts_with(ui->set->sources[i].url,
						"file://");
	return 0;
}

static int
queue_page(struct ui *ui, const char *url, struct err *e)
{
	struct ui_refresh *r = state(ui);
	struct fetch_options o;
	struct fetch_request rq;

	if (!r->fetch && !(r->fetch = fetch_new(4, 2, e)))
		return -1;
	fetch_options_default(&o);
	if (ui->set->config) {
		/* as refresh fetches this source's articles: the config's
		 * timeouts, size cap, user agent and proxy, and the source's
		 * own user agent and TLS choice */
		const struct config *c = ui->set->config;
		const struct config_source *src = NULL;

		for (size_t i = 0; ui->art.item.source && i < c->nsources; i++)
			if (!strcmp(c->sources[i].name, ui->art.item.source))
				src = &c->sources[i];
		refresh_fetch_options(c, src, &o);
	}
	o.allow_file = r->allow_file;
	memset(&rq, 0, sizeof(rq));
	rq.url = url;
	rq.opt = &o;
	return fetch_add(r->fetch, &rq, e);
}

void
ui_article_fetch(struct ui *ui, const char *url)
{
	struct ui_refresh *r;
	struct err e;

	if (ui->set->offline) {
		ui_message(ui, 0, "offline: the feed's summary is shown");
		return;
	}
	if (!url || !url_is_fetchable(url)) {
		ui_message(ui, 0, "this item has no page to fetch");
		return;
	}
	r = state(ui);
	if (r->item_id == ui->art.item_id)
		return; /* already on its way */
	article_reset(r);
	r->allow_file = str_istarts_with(url, "file://") &&
			source_is_file(ui, ui->art.item.source);
	if (str_istarts_with(url, "file://") && !r->allow_file) {
		ui_message(ui, 1, "not reading a local file named by a feed");
		return;
	}
	if (queue_page(ui, url, &e) < 0) {
		ui_message(ui, 1, "%s", e.msg);
		return;
	}
	r->item_id = ui->art.item_id;
	ui_message(ui, 0, "fetching the article...");
}

void
ui_article_more(struct ui *ui, const struct store_article *a)
{
	struct ui_refresh *r;
	const char *base = a->url ? a->url : ui->art.item.link;
	struct doc *doc;
	char *next, *raw = NULL;
	size_t raw_len = 0;
	struct err e;

	if (ui->set->offline || !base || !ui->art.doc)
		return;
	r = state(ui);
	if (r->item_id == ui->art.item_id)
		return;
	next = url_resolve(base, ui->art.doc->meta.next_page);
	r->allow_file = str_istarts_with(base, "file://") &&
			source_is_file(ui, ui->art.item.source);
	if (!next || !(url_is_http(next) ||
		       (r->allow_file && str_istarts_with(next, "file://")))) {
		free(next);
		return;
	}
	doc = doc_deserialize(a->doc, a->doc_len, &e);
	if (!doc) {
		free(next);
		return;
	}
	article_reset(r);
	r->doc = doc;
	r->pages = 1;
	/* the kept page goes back with the joined article */
	if (store_article_raw(ui->set->store, ui->art.item_id, &raw, &raw_len,
			      &e) == 1) {
		r->raw = raw;
		r->raw_len = raw_len;
	}
	r->charset = a->charset ? xstrdup(a->charset) : NULL;
	r->url = xstrdup(base);
	if (queue_page(ui, next, &e) < 0) {
		article_reset(r);
	} else {
		r->item_id = ui->art.item_id;
		ui_message(ui, 0, "fetching page 2 of the article...");
	}
	free(next);
}

/* Append the blocks of a following page to the first. */
static void
merge_page(struct doc *into, const struct doc *next)
{
	for (size_t i = 0; i < next->nblocks; i++) {
		const struct doc_block *s = &next->blocks[i];
		struct doc_block *b = doc_add_block(into, s->kind);

		b->level = s->level;
		b->number = s->number;
		b->quote = s->quote;
		doc_set(&b->src, s->src);
		doc_set(&b->alt, s->alt);
		for (size_t j = 0; j < s->nruns; j++)
			doc_block_add_run(b, s->runs[j].text,
					  strlen(s->runs[j].text),
					  s->runs[j].style, s->runs[j].href,
					  s->runs[j].cell);
	}
	for (size_t i = 0; i < next->ncomments; i++)
		doc_add_comment(into, next->comments[i].author,
				next->comments[i].published,
				next->comments[i].text,
				next->comments[i].depth);
	doc_set(&into->meta.next_page, next->meta.next_page);
}

/* Keep the finished article and show it when it is still open. */
static unsigned
article_store(struct ui *ui)
{
	struct ui_refresh *r = ui->refresh;
	struct store_article_in in;
	struct err e;
	char *blob, *text;
	size_t blen;
	unsigned flags = UI_REDRAW_STATUS;

	blob = doc_serialize(r->doc, &blen);
	text = doc_body_text(r->doc);
	memset(&in, 0, sizeof(in));
	in.doc = blob;
	in.doc_len = blen;
	in.text = text;
	in.comments = (long)r->doc->ncomments;
	in.pages_merged = r->pages > 1;
	in.extractor_version = EXTRACT_VERSION;
	in.fetched = time(NULL);
	in.raw = r->raw;
	in.raw_len = r->raw_len;
	in.charset = r->charset;
	in.url = r->url;
	if (store_article_put(ui->set->store, r->item_id, &in, &e) < 0) {
		ui_message(ui, 1, "%s", e.msg);
	} else if (ui->view == UI_ARTICLE && ui->art.item_id == r->item_id) {
		long top = ui->art.top;
		long long id = r->item_id;

		r->item_id = 0;
		view_article_open(ui, id);
		ui->art.top = top;
		ui_message(ui, 0, "article fetched%s",
			   in.pages_merged ? " (pages joined)" : "");
		flags = UI_REDRAW_ALL;
	}
	free(blob);
	free(text);
	article_reset(r);
	return flags;
}

static unsigned
article_done(struct ui *ui, struct fetch_done *d)
{
	struct ui_refresh *r = ui->refresh;
	const char *url = d->res.final_url;
	struct doc *doc;
	struct err e;
	char *next;

	if (!r->item_id)
		return 0;
	if (!d->ok) {
		if (r->doc) /* a later page failed: keep what we have */
			return article_store(ui);
		if (str_starts_with(d->err.msg, "cannot resolve") ||
		    str_starts_with(d->err.msg, "cannot connect"))
			ui_message(ui, 1,
				   "no network? the feed's summary is "
				   "shown (article: %s)",
				   d->err.msg);
		else
			ui_message(ui, 1, "article: %s", d->err.msg);
		article_reset(r);
		return UI_REDRAW_STATUS;
	}
	doc = fetch_check_page_type(&d->res, &e) < 0
		      ? NULL
		      : extract_page(d->res.body, d->res.len, url,
				     d->res.charset, &e);
	if (!doc) {
		if (r->doc)
			return article_store(ui);
		ui_message(ui, 1, "article: %s", e.msg);
		article_reset(r);
		return UI_REDRAW_STATUS;
	}
	r->pages++;
	if (!r->doc) {
		r->doc = doc;
		r->raw = d->res.body;
		r->raw_len = d->res.len;
		d->res.body = NULL;
		r->charset = d->res.charset ? xstrdup(d->res.charset) : NULL;
		r->url = url ? xstrdup(url) : NULL;
	} else {
		merge_page(r->doc, doc);
		doc_free(doc);
	}
	next = r->doc->meta.next_page && url
		       ? url_resolve(url, r->doc->meta.next_page)
		       : NULL;
	if (next && r->pages < MAX_ARTICLE_PAGES &&
	    (url_is_http(next) || (r->allow_file &&
				   str_istarts_with(next, "file://"))) &&
	    strcmp(next, url) && queue_page(ui, next, &e) == 0) {
		free(next);
		ui_message(ui, 0, "fetching page %d of the article...",
			   r->pages + 1);
		return UI_REDRAW_STATUS;
	}
	free(next);
	return article_store(ui);
}

static void
on_refresh_event(void *ctx, const struct refresh_event *ev)
{
	struct ui_refresh *r = ctx;

	if (ev->what == REFRESH_SOURCE || !ev->error)
		r->changed = 1;
	/* the words of fetch's errors when the network is not there */
	if (ev->what == REFRESH_SOURCE && ev->error &&
	    (str_starts_with(ev->error, "cannot resolve") ||
	     str_starts_with(ev->error, "cannot connect")))
		r->offline_fails++;
}

/* Say how a finished refresh went. */
static void
refresh_report(struct ui *ui, const struct refresh_stats *st)
{
	size_t off = ui->refresh->offline_fails;

	ui->refresh->offline_fails = 0;
	if (st->sources_failed && off == st->sources_failed &&
	    st->sources_failed == st->sources)
		ui_message(ui, 1, "no network? %s could not be reached; the "
				  "cache is still here",
			   st->sources == 1 ? "the source" : "no source");
	else if (st->sources_failed)
		ui_message(ui, 1, "%zu source%s, %zu new, %zu failed (see the "
				  "! marks)",
			   st->sources, st->sources == 1 ? "" : "s",
			   st->new_items, st->sources_failed);
	else
		ui_message(ui, 0, "%zu source%s, %zu new", st->sources,
			   st->sources == 1 ? "" : "s", st->new_items);
}

unsigned
ui_refresh_step(struct ui *ui, int timeout_ms)
{
	struct ui_refresh *r = ui->refresh;
	struct fetch_done d;
	unsigned flags = 0;
	struct err e;

	if (!r)
		return 0;
	if (r->rf) {
		int rc = refresh_step(r->rf, 0, timeout_ms, &e);

		flags |= UI_REDRAW_STATUS;
		timeout_ms = 0;
		if (rc <= 0) {
			if (rc < 0)
				ui_message(ui, 1, "refresh: %s", e.msg);
			else
				refresh_report(ui, refresh_stats(r->rf));
			refresh_free(r->rf);
			r->rf = NULL;
			free(r->only);
			r->only = NULL;
			r->changed = 1;
			r->last_reload = 0;
		}
		/* new items show up as they come, without redrawing the
		 * lists more than twice a second */
		if (r->changed && time(NULL) != r->last_reload) {
			r->changed = 0;
			r->last_reload = time(NULL);
			flags |= UI_RELOAD;
		}
	}
	if (r->fetch) {
		if (fetch_perform(r->fetch, 0, timeout_ms) < 0) {
			ui_message(ui, 1, "fetching failed inside curl");
			return flags | UI_REDRAW_STATUS;
		}
		while (fetch_next(r->fetch, &d)) {
			flags |= article_done(ui, &d);
			fetch_done_free(&d);
		}
	}
	if (!r->rf && (!r->fetch || !fetch_pending(r->fetch)) &&
	    !r->item_id) {
		ui_refresh_free(ui);
		flags |= UI_REDRAW_STATUS;
	}
	return flags;
}

int
ui_refresh_start(struct ui *ui, const char *name)
{
	struct ui_refresh *r;
	struct refresh_options o;
	struct err e;

	if (!ui->set->config) {
		ui_message(ui, 1, "no configuration to refresh from");
		return -1;
	}
	r = state(ui);
	if (r->rf) {
		ui_message(ui, 0, "a refresh is already under way");
		return -1;
	}
	r->offline_fails = 0;
	memset(&o, 0, sizeof(o));
	o.config = ui->set->config;
	if (name) {
		r->only = xstrdup(name);
		r->only_list[0] = r->only;
		o.only = r->only_list;
		o.nonly = 1;
	}
	o.on_event = on_refresh_event;
	o.ctx = r;
	r->rf = refresh_start(ui->set->store, &o, &e);
	if (!r->rf) {
		ui_message(ui, 1, "refresh: %s", e.msg);
		free(r->only);
		r->only = NULL;
		return -1;
	}
	return 0;
}

int
ui_refresh_progress(struct ui *ui, size_t *done, size_t *total,
		    size_t *failed)
{
	const struct refresh_stats *st;

	*done = *total = *failed = 0;
	if (!ui->refresh || !ui->refresh->rf)
		return 0;
	st = refresh_stats(ui->refresh->rf);
	*done = st->sources_done + st->articles_done;
	*total = st->sources + st->articles;
	*failed = st->sources_failed;
	return 1;
}

void
ui_refresh_free(struct ui *ui)
{
	struct ui_refresh *r = ui->refresh;

	if (!r)
		return;
	article_reset(r);
	if (r->rf)
		refresh_free(r->rf);
	free(r->only);
	fetch_free(r->fetch);
	free(r);
	ui->refresh = NULL;
}

int
ui_search_items(struct ui *ui, const char *terms, struct store_item **rows,
		size_t *n, struct err *e)
{
	struct store_search_query q;
	struct store_hit *hits = NULL;
	size_t nh = 0;

	*rows = NULL;
	*n = 0;
	memset(&q, 0, sizeof(q));
	q.text = terms;
	q.limit = 1000;
	if (store_search(ui->set->store, &q, &hits, &nh, e) < 0)
		return -1;
	if (nh) {
		*rows = xreallocarray(NULL, nh, sizeof(**rows));
		for (size_t i = 0; i < nh; i++) {
			(*rows)[i] = hits[i].item; /* moved out */
			memset(&hits[i].item, 0, sizeof(hits[i].item));
		}
	}
	*n = nh;
	store_hits_free(hits, nh);
	return 0;
}

char *
ui_page_text(struct ui *ui, long long id, struct err *e)
{
	struct store_article a;
	char *raw = NULL, *text;
	size_t len = 0;
	int rc;

	rc = store_article_raw(ui->set->store, id, &raw, &len, e);
	if (rc < 0)
		return NULL;
	if (rc == 0) {
		err_set(e, "the page itself is not in the cache");
		return NULL;
	}
	memset(&a, 0, sizeof(a));
	if (store_article_get(ui->set->store, id, &a, NULL) != 1)
		memset(&a, 0, sizeof(a));
	text = page_text_from_html(raw, len, a.url, a.charset, e);
	store_article_clear(&a);
	free(raw);
	return text;
}
