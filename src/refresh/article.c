/* article.c: one article from URL to cache: pages fetched, extracted, joined */
#include "autoconfig.h"

#include "refresh/article.h"
#include "doc/doc.h"
#include "extract/extract.h"
#include "fetch/fetch.h"
#include "util/date.h"
#include "util/str.h"
#include "util/url.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct article {
	struct fetch *f;
	void *userdata;
	struct fetch_options fo; /* its strings are the two below */
	char *user_agent, *proxy;
	int allow_file, first_only;
	char *base_url;
	char *site;    /* page one's final URL: later pages stay on its site */
	char *pending; /* the page on its way, NULL once finished */
	/* every URL asked for or answered from, without its fragment: a
	 * chain that comes back to one of them has ended */
	char *visited[2 * ARTICLE_MAX_PAGES];
	size_t nvisited;
	/* hashes of the blocks' text of the pages joined so far, made when
	 * a second page comes (a one-page article needs none) */
	uint64_t *seen;
	size_t nseen, capseen;
	int hashed;
	struct article_result res;
};

void
article_result_clear(struct article_result *r)
{
	doc_free(r->doc);
	free(r->error);
	free(r->url);
	free(r->raw);
	free(r->charset);
	memset(r, 0, sizeof(*r));
}

static uint64_t
text_hash(const char *s)
{
	uint64_t h = 14695981039346656037ull; /* FNV-1a */

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	return h;
}

static void
seen_add(struct article *a, uint64_t h)
{
	if (a->nseen == a->capseen) {
		a->capseen = a->capseen ? a->capseen * 2 : 64;
		a->seen = xreallocarray(a->seen, a->capseen, sizeof(*a->seen));
	}
	a->seen[a->nseen++] = h;
}

/* 1 if h is among the first n hashes. Linear: an article has at most
 * ARTICLE_MAX_PAGES pages of a few hundred blocks. */
static int
seen_has(const struct article *a, uint64_t h, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a->seen[i] == h)
			return 1;
	return 0;
}

/* The hash of block b's text, or 0 for a block never taken for a repeat
 * (a rule, a picture without a caption). */
static uint64_t
block_hash(const struct doc_block *b)
{
	char *t;
	uint64_t h = 0;

	if (b->kind == DOC_RULE)
		return 0;
	t = doc_block_text(b);
	if (*t)
		h = text_hash(t);
	free(t);
	return h;
}

static void
remember_blocks(struct article *a, const struct doc *d)
{
	for (size_t i = 0; i < d->nblocks; i++) {
		uint64_t h = block_hash(&d->blocks[i]);

		if (h)
			seen_add(a, h);
	}
}

/* Join a following page: its blocks that no earlier page had (sites repeat
 * the last paragraph of a page at the top of the next), all its comments,
 * and its next page. A block repeated inside the page itself stays. */
static void
merge_page(struct article *a, struct doc *page)
{
	struct doc *d = a->res.doc;
	size_t earlier;

	if (!a->hashed)
		remember_blocks(a, d);
	a->hashed = 1;
	earlier = a->nseen;

	for (size_t i = 0; i < page->nblocks; i++) {
		struct doc_block *src = &page->blocks[i], *dst;
		uint64_t h = block_hash(src);

		if (h && seen_has(a, h, earlier))
			continue;
		if (h)
			seen_add(a, h);
		dst = doc_add_block(d, src->kind);
		*dst = *src; /* moved: the page keeps an empty rule */
		memset(src, 0, sizeof(*src));
		src->kind = DOC_RULE;
	}
	for (size_t i = 0; i < page->ncomments; i++) {
		const struct doc_comment *c = &page->comments[i];

		doc_add_comment(d, c->author, c->published, c->text, c->depth);
	}
	doc_set(&d->meta.next_page, page->meta.next_page);
}

static void
visit(struct article *a, const char *url)
{
	if (!url || a->nvisited == sizeof(a->visited) / sizeof(a->visited[0]))
		return;
	a->visited[a->nvisited++] = url_strip_fragment(url);
}

static int
visited(const struct article *a, const char *url)
{
	char *k = url_strip_fragment(url);
	int found = 0;

	for (size_t i = 0; i < a->nvisited && !found; i++)
		found = !strcmp(a->visited[i], k);
	free(k);
	return found;
}

/* 1 if the next page url may be fetched: on the web, on page one's site;
 * a file only when files are allowed, next to page one. */
static int
may_follow(const struct article *a, const char *url)
{
	if (url_is_http(url))
		return a->site && url_same_site(url, a->site);
	return a->allow_file && str_istarts_with(url, "file://") &&
	       url_link_ok(a->site, url);
}

static int
queue(struct article *a, const char *url, struct err *e)
{
	struct fetch_request rq;

	memset(&rq, 0, sizeof(rq));
	rq.url = url;
	rq.opt = &a->fo;
	rq.userdata = a->userdata;
	if (fetch_add(a->f, &rq, e) < 0)
		return -1;
	free(a->pending);
	a->pending = xstrdup(url);
	visit(a, url);
	return 0;
}

static struct article *
article_new(struct fetch *f, const struct article_options *o, void *userdata)
{
	struct article *a = xcalloc(1, sizeof(*a));

	a->f = f;
	a->userdata = userdata;
	if (o->fetch)
		a->fo = *o->fetch;
	else
		fetch_options_default(&a->fo);
	a->user_agent = a->fo.user_agent ? xstrdup(a->fo.user_agent) : NULL;
	a->proxy = a->fo.proxy ? xstrdup(a->fo.proxy) : NULL;
	a->fo.user_agent = a->user_agent;
	a->fo.proxy = a->proxy;
	a->fo.allow_file = o->allow_file;
	a->allow_file = o->allow_file;
	a->first_only = o->first_only;
	a->base_url = o->base_url ? xstrdup(o->base_url) : NULL;
	return a;
}

struct article *
article_start(struct fetch *f, const char *url, const struct article_options *o,
	      void *userdata, struct err *e)
{
	struct article *a;

	if (!url || !(url_is_http(url) ||
		      (o->allow_file && str_istarts_with(url, "file://")))) {
		if (url && str_istarts_with(url, "file://"))
			err_set(e, "not reading a local file named by a feed");
		else
			err_set(e, "no page to fetch at \"%.200s\"",
				url ? url : "");
		return NULL;
	}
	a = article_new(f, o, userdata);
	if (queue(a, url, e) < 0) {
		article_free(a);
		return NULL;
	}
	return a;
}

struct article *
article_resume(struct fetch *f, struct article_result *from,
	       const struct article_options *o, void *userdata, struct err *e)
{
	struct article *a;
	char *next;

	if (!from->doc || !from->doc->meta.next_page || o->first_only) {
		err_set(e, "the article has no next page");
		return NULL;
	}
	a = article_new(f, o, userdata);
	a->site = from->url ? xstrdup(from->url) : NULL;
	next = a->site ? url_resolve(a->site, from->doc->meta.next_page)
		       : xstrdup(from->doc->meta.next_page);
	visit(a, a->site);
	if (!next || !may_follow(a, next) || visited(a, next)) {
		err_set(e, "the next page \"%.200s\" is not followed",
			from->doc->meta.next_page);
		goto fail;
	}
	if (queue(a, next, e) < 0)
		goto fail;
	free(next);
	a->res = *from;
	memset(from, 0, sizeof(*from));
	if (a->res.pages < 1)
		a->res.pages = 1;
	return a;
fail:
	free(next);
	article_free(a);
	return NULL;
}

/* Record why the page on its way failed, and finish. */
static int
stop(struct article *a, enum article_failure why,
     enum store_article_reason reason, const char *msg, long status)
{
	a->res.failure = why;
	a->res.reason = reason;
	free(a->res.error);
	a->res.error = xstrdup(msg);
	a->res.status = status;
	free(a->pending);
	a->pending = NULL;
	return 0;
}

/* What a failed transfer's kind of failure is to the cache. */
static enum store_article_reason
fetch_reason(enum fetch_error kind)
{
	switch (kind) {
	case FETCH_ERR_DNS:
		return STORE_ARTICLE_DNS;
	case FETCH_ERR_CONNECT:
		return STORE_ARTICLE_REFUSED;
	case FETCH_ERR_TIMEOUT:
		return STORE_ARTICLE_TIMEOUT;
	case FETCH_ERR_HTTP:
		return STORE_ARTICLE_HTTP;
	default:
		return STORE_ARTICLE_OTHER;
	}
}

/* Page one came: it is the article so far. */
static void
take_first(struct article *a, struct doc *page, struct fetch_done *d,
	   const char *url)
{
	struct article_result *r = &a->res;

	r->doc = page;
	r->url = xstrdup(url);
	r->raw = d->res.body;
	r->raw_len = d->res.len;
	d->res.body = NULL;
	d->res.len = 0;
	r->charset = d->res.charset ? xstrdup(d->res.charset) : NULL;
	r->fetched = time(NULL);
	free(a->site);
	a->site = xstrdup(url);
}

char *
article_base(const struct article *a, const struct fetch_done *d)
{
	if (a->base_url)
		return xstrdup(a->base_url);
	if (d->res.final_url)
		return xstrdup(d->res.final_url);
	return xstrdup(a->pending ? a->pending : "");
}

void
article_extract(const char *base, const struct fetch_done *d,
		struct article_page *p)
{
	memset(p, 0, sizeof(*p));
	p->made = 1;
	if (fetch_check_page_type(&d->res, &p->err) < 0) {
		p->failure = ARTICLE_ERR_TYPE;
		return;
	}
	p->doc = extract_page(d->res.body, d->res.len, base, d->res.charset,
			      &p->err);
	if (!p->doc)
		p->failure = ARTICLE_ERR_EXTRACT;
}

void
article_page_clear(struct article_page *p)
{
	doc_free(p->doc);
	memset(p, 0, sizeof(*p));
}

int
article_feed(struct article *a, struct fetch_done *d, struct article_page *p)
{
	struct article_result *r = &a->res;
	struct article_page own;
	struct doc *page;
	const char *url;
	char *next;
	int rc;

	if (!a->pending || !d->ok) {
		if (p)
			article_page_clear(p);
		if (!a->pending)
			return 0;
		return stop(a, ARTICLE_ERR_FETCH, fetch_reason(d->kind),
			    d->err.msg, d->res.status);
	}
	if (!p || !p->made) {
		char *base = article_base(a, d);

		article_extract(base, d, &own);
		free(base);
		p = &own;
	}
	if (!p->doc) {
		rc = stop(a, p->failure, STORE_ARTICLE_NOT_HTML, p->err.msg,
			  d->res.status);
		article_page_clear(p);
		return rc;
	}
	page = p->doc;
	memset(p, 0, sizeof(*p));
	url = d->res.final_url ? d->res.final_url : a->pending;
	visit(a, d->res.final_url);
	if (!r->doc && !page->nblocks) {
		/* a page with nothing to read (a cookie wall, a script
		 * that builds the page, an index): kept for `warta
		 * extract`, a failure to the cache */
		take_first(a, page, d, url);
		r->pages++;
		return stop(a, ARTICLE_ERR_EMPTY, STORE_ARTICLE_NO_ARTICLE,
			    "no article text on the page", d->res.status);
	}
	if (!r->doc) {
		take_first(a, page, d, url);
	} else {
		merge_page(a, page);
		doc_free(page);
	}
	r->pages++;
	free(a->pending);
	a->pending = NULL;
	if (a->first_only || !r->doc->meta.next_page ||
	    r->pages >= ARTICLE_MAX_PAGES)
		return 0; /* the next page, if any, stays named */
	next = url_resolve(url, r->doc->meta.next_page);
	if (next && visited(a, next)) {
		/* back to a page already joined: that was the last one */
		doc_set(&r->doc->meta.next_page, NULL);
	} else if (next && may_follow(a, next) && queue(a, next, NULL) == 0) {
		free(next);
		return 1;
	}
	free(next);
	return 0;
}

const char *
article_url(const struct article *a)
{
	return a->pending;
}

struct article_result *
article_result(struct article *a)
{
	return &a->res;
}

void
article_free(struct article *a)
{
	if (!a)
		return;
	article_result_clear(&a->res);
	free(a->user_agent);
	free(a->proxy);
	free(a->base_url);
	free(a->site);
	free(a->pending);
	for (size_t i = 0; i < a->nvisited; i++)
		free(a->visited[i]);
	free(a->seen);
	free(a);
}

int
article_get(const char *url, const struct article_options *o,
	    struct article_result *out, struct err *e)
{
	struct fetch *f;
	struct article *a = NULL;
	struct fetch_done d;
	int more = 1, rc = -1;

	memset(out, 0, sizeof(*out));
	/* one transfer at a time, as the pages follow one another */
	f = fetch_new(1, 1, e);
	if (!f)
		return -1;
	a = article_start(f, url, o, NULL, e);
	if (!a)
		goto out;
	while (more) {
		if (fetch_perform(f, -1, 1000) < 0) {
			err_set(e, "curl failed");
			goto out;
		}
		while (more && fetch_next(f, &d)) {
			more = article_feed(a, &d, NULL);
			fetch_done_free(&d);
		}
		if (more && !fetch_pending(f)) {
			err_set(e, "lost the transfer");
			goto out;
		}
	}
	if (a->res.doc)
		rc = 0;
	else
		err_set(e, "%s", a->res.error ? a->res.error : "no article");
out:
	if (a) {
		*out = a->res;
		memset(&a->res, 0, sizeof(a->res));
	}
	article_free(a);
	fetch_free(f);
	return rc;
}

long
article_retry_delay(enum store_article_reason reason, long status, int tries)
{
	static const long delays[] = {ARTICLE_RETRY_1, ARTICLE_RETRY_2,
				      ARTICLE_RETRY_3};

	if (reason == STORE_ARTICLE_NOT_HTML ||
	    reason == STORE_ARTICLE_NO_ARTICLE ||
	    (reason == STORE_ARTICLE_HTTP &&
	     (status == 404 || status == 410 || status == 451)))
		return 0;
	if (tries < 1 || (size_t)tries > sizeof(delays) / sizeof(delays[0]))
		return 0;
	return delays[tries - 1];
}

void
article_failure_make(const struct article_result *r, int tries, time_t now,
		     struct store_article_failure *f)
{
	long delay = article_retry_delay(r->reason, r->status, tries);

	memset(f, 0, sizeof(*f));
	f->reason = r->reason;
	f->status = r->status;
	f->error = r->error;
	f->tries = tries;
	f->last_try = now;
	f->next_try = delay ? now + delay : 0;
}

void
article_record_make(const struct article_result *r, struct article_record *rec)
{
	struct store_article_in *in = &rec->in;

	memset(rec, 0, sizeof(*rec));
	rec->blob = doc_serialize(r->doc, &in->doc_len);
	rec->text = doc_body_text(r->doc);
	in->doc = rec->blob;
	in->text = rec->text;
	in->comments = (long)r->doc->ncomments;
	in->pages_merged = r->pages > 1;
	in->extractor_version = EXTRACT_VERSION;
	in->fetched = r->fetched;
	in->raw = r->raw;
	in->raw_len = r->raw_len;
	in->charset = r->charset;
	in->url = r->url;
	if (r->doc->meta.published) {
		int ok = 0;
		time_t t = date_parse(r->doc->meta.published, &ok);

		in->published =
		    ok && !date_is_placeholder(t, time(NULL)) ? t : 0;
	}
}

void
article_record_free(struct article_record *rec)
{
	free(rec->blob);
	free(rec->text);
	memset(rec, 0, sizeof(*rec));
}

int
article_cached_first(struct store *st, long long item_id, const char *link,
		     struct article_result *from)
{
	struct store_article a;
	int ok = 0;

	memset(from, 0, sizeof(*from));
	if (store_article_get(st, item_id, &a, NULL) != 1)
		return 0;
	if (a.pages_merged)
		goto out;
	from->doc = doc_deserialize(a.doc, a.doc_len, NULL);
	if (!from->doc || !from->doc->meta.next_page)
		goto out;
	/* the kept page goes back with the joined article */
	if (store_article_raw(st, item_id, &from->raw, &from->raw_len, NULL) !=
	    1) {
		from->raw = NULL;
		from->raw_len = 0;
	}
	from->pages = 1;
	from->url = xstrdup(a.url ? a.url : link);
	from->charset = a.charset ? xstrdup(a.charset) : NULL;
	from->fetched = a.fetched;
	ok = 1;
out:
	if (!ok)
		article_result_clear(from);
	store_article_clear(&a);
	return ok;
}
