/* doc_cache.c: the compact, versioned binary form of a doc for the cache. */
#include "autoconfig.h"

#include "doc/doc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * Layout: the magic "WDOC", a version byte, then unsigned LEB128 varints:
 *   meta:     9 strings (url title byline published site lang image
 *             description next_page)
 *   blocks:   count, then per block: kind, level, number, quote (zigzag),
 *             src, alt, run count, then per run: text, href, style, cell
 *   comments: count, then per comment: author, published, text, depth
 * A string is its length + 1 then its bytes (no NUL), or 0 for NULL.
 * The input must be consumed exactly.
 */
#define FORMAT_MAGIC "WDOC"
#define FORMAT_VERSION 1

static void
put_uint(struct buf *b, uint64_t v)
{
	unsigned char tmp[10];
	size_t n = 0;

	do {
		tmp[n] = (unsigned char)(v & 0x7f);
		v >>= 7;
		if (v)
			tmp[n] |= 0x80;
		n++;
	} while (v);
	buf_append(b, tmp, n);
}

static void
put_int(struct buf *b, int v)
{
	int64_t x = v;

	put_uint(b, ((uint64_t)x << 1) ^ (uint64_t)(x < 0 ? -1 : 0));
}

static void
put_str(struct buf *b, const char *s)
{
	size_t n;

	if (!s) {
		put_uint(b, 0);
		return;
	}
	n = strlen(s);
	put_uint(b, (uint64_t)n + 1);
	buf_append(b, s, n);
}

static void
put_meta(struct buf *b, const struct doc_meta *m)
{
	put_str(b, m->url);
	put_str(b, m->title);
	put_str(b, m->byline);
	put_str(b, m->published);
	put_str(b, m->site);
	put_str(b, m->lang);
	put_str(b, m->image);
	put_str(b, m->description);
	put_str(b, m->next_page);
}

char *
doc_serialize(const struct doc *d, size_t *len)
{
	struct buf b;

	buf_init(&b, 0);
	buf_puts(&b, FORMAT_MAGIC);
	buf_putc(&b, FORMAT_VERSION);
	put_meta(&b, &d->meta);
	put_uint(&b, d->nblocks);
	for (size_t i = 0; i < d->nblocks; i++) {
		const struct doc_block *bl = &d->blocks[i];

		put_uint(&b, (uint64_t)bl->kind);
		put_int(&b, bl->level);
		put_int(&b, bl->number);
		put_int(&b, bl->quote);
		put_str(&b, bl->src);
		put_str(&b, bl->alt);
		put_uint(&b, bl->nruns);
		for (size_t r = 0; r < bl->nruns; r++) {
			put_str(&b, bl->runs[r].text ? bl->runs[r].text : "");
			put_str(&b, bl->runs[r].href);
			put_uint(&b, bl->runs[r].style);
			put_uint(&b, bl->runs[r].cell);
		}
	}
	put_uint(&b, d->ncomments);
	for (size_t i = 0; i < d->ncomments; i++) {
		const struct doc_comment *c = &d->comments[i];

		put_str(&b, c->author);
		put_str(&b, c->published);
		put_str(&b, c->text ? c->text : "");
		put_int(&b, c->depth);
	}
	*len = b.len;
	return buf_steal(&b);
}

/* A cursor over the input; the first failure sticks. */
struct reader {
	const unsigned char *p;
	size_t len, pos;
	const char *fail; /* what was being read when it went wrong */
};

static uint64_t
get_uint(struct reader *r, const char *what)
{
	uint64_t v = 0;

	if (r->fail)
		return 0;
	for (unsigned shift = 0; shift < 64; shift += 7) {
		unsigned char c;

		if (r->pos >= r->len)
			break;
		c = r->p[r->pos++];
		if (shift == 63 && (c & 0x7e)) /* bits past 64 */
			break;
		v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return v;
	}
	r->fail = what;
	return 0;
}

static int
get_int(struct reader *r, const char *what)
{
	uint64_t z = get_uint(r, what);
	int64_t v = (int64_t)(z >> 1) ^ -(int64_t)(z & 1);

	if (v < INT_MIN || v > INT_MAX) {
		if (!r->fail)
			r->fail = what;
		return 0;
	}
	return (int)v;
}

static unsigned
get_unsigned(struct reader *r, const char *what)
{
	uint64_t v = get_uint(r, what);

	if (v > UINT_MAX) {
		if (!r->fail)
			r->fail = what;
		return 0;
	}
	return (unsigned)v;
}

/* A string or NULL; nonnull makes NULL an error. */
static char *
get_str(struct reader *r, const char *what, int nonnull)
{
	uint64_t n = get_uint(r, what);
	char *s;

	if (r->fail)
		return NULL;
	if (n == 0) {
		if (nonnull)
			r->fail = what;
		return NULL;
	}
	n--;
	if (n > r->len - r->pos ||
	    memchr(r->p + r->pos, '\0', (size_t)n) != NULL) {
		r->fail = what;
		return NULL;
	}
	s = xstrndup((const char *)r->p + r->pos, (size_t)n);
	r->pos += (size_t)n;
	return s;
}

/* An element count; each element takes at least min bytes, so a count the
 * remaining input cannot hold is refused before anything is allocated. */
static size_t
get_count(struct reader *r, const char *what, size_t min)
{
	uint64_t n = get_uint(r, what);

	if (r->fail)
		return 0;
	if (n > (r->len - r->pos) / min) {
		r->fail = what;
		return 0;
	}
	return (size_t)n;
}

static void
get_meta(struct reader *r, struct doc_meta *m)
{
	m->url = get_str(r, "url", 0);
	m->title = get_str(r, "title", 0);
	m->byline = get_str(r, "byline", 0);
	m->published = get_str(r, "published", 0);
	m->site = get_str(r, "site", 0);
	m->lang = get_str(r, "lang", 0);
	m->image = get_str(r, "image", 0);
	m->description = get_str(r, "description", 0);
	m->next_page = get_str(r, "next_page", 0);
}

static void
get_block(struct reader *r, struct doc_block *b)
{
	uint64_t kind = get_uint(r, "block kind");

	if (!r->fail && kind > DOC_RULE)
		r->fail = "block kind";
	b->kind = (enum doc_block_kind)(r->fail ? 0 : kind);
	b->level = get_int(r, "block level");
	b->number = get_int(r, "list number");
	b->quote = get_int(r, "quote depth");
	b->src = get_str(r, "figure src", 0);
	b->alt = get_str(r, "figure alt", 0);
	b->nruns = get_count(r, "run count", 4);
	if (!b->nruns)
		return;
	b->capruns = b->nruns;
	b->runs = xcalloc(b->nruns, sizeof(*b->runs));
	for (size_t i = 0; i < b->nruns; i++) {
		struct doc_run *run = &b->runs[i];

		run->text = get_str(r, "run text", 1);
		run->href = get_str(r, "run href", 0);
		run->style = get_unsigned(r, "run style");
		run->cell = get_unsigned(r, "table cell");
		if (r->fail) {
			/* Keep the array consistent for doc_free(). */
			if (!run->text)
				run->text = xstrdup("");
			b->nruns = i + 1;
			return;
		}
	}
}

struct doc *
doc_deserialize(const char *p, size_t len, struct err *e)
{
	struct reader r = {(const unsigned char *)p, len, 0, NULL};
	struct doc *d;
	size_t n;

	if (!p || len < sizeof(FORMAT_MAGIC) ||
	    memcmp(p, FORMAT_MAGIC, 4) != 0) {
		err_set(e, "cached document: not a serialised doc");
		return NULL;
	}
	if ((unsigned char)p[4] != FORMAT_VERSION) {
		err_set(e, "cached document: version %u, expected %u",
			(unsigned char)p[4], FORMAT_VERSION);
		return NULL;
	}
	r.pos = 5;
	d = doc_new();
	get_meta(&r, &d->meta);
	/* kind, level, number, quote, src, alt, nruns: 7 bytes at least. */
	n = get_count(&r, "block count", 7);
	if (n) {
		d->blocks = xcalloc(n, sizeof(*d->blocks));
		d->capblocks = n;
	}
	for (size_t i = 0; i < n && !r.fail; i++) {
		get_block(&r, &d->blocks[i]);
		d->nblocks = i + 1;
	}
	/* author, published, text, depth: 4 bytes at least. */
	n = get_count(&r, "comment count", 4);
	if (n) {
		d->comments = xcalloc(n, sizeof(*d->comments));
		d->capcomments = n;
	}
	for (size_t i = 0; i < n && !r.fail; i++) {
		struct doc_comment *c = &d->comments[i];

		d->ncomments = i + 1;
		c->author = get_str(&r, "comment author", 0);
		c->published = get_str(&r, "comment time", 0);
		c->text = get_str(&r, "comment text", 1);
		c->depth = get_int(&r, "comment depth");
	}
	if (!r.fail && r.pos != r.len)
		r.fail = "end of data";
	if (r.fail) {
		err_set(e, "cached document: bad %s at byte %zu of %zu", r.fail,
			r.pos, len);
		doc_free(d);
		return NULL;
	}
	return d;
}

static int
str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

int
doc_equal(const struct doc *a, const struct doc *b)
{
	const struct doc_meta *x = &a->meta, *y = &b->meta;

	if (!str_eq(x->url, y->url) || !str_eq(x->title, y->title) ||
	    !str_eq(x->byline, y->byline) ||
	    !str_eq(x->published, y->published) || !str_eq(x->site, y->site) ||
	    !str_eq(x->lang, y->lang) || !str_eq(x->image, y->image) ||
	    !str_eq(x->description, y->description) ||
	    !str_eq(x->next_page, y->next_page))
		return 0;
	if (a->nblocks != b->nblocks || a->ncomments != b->ncomments)
		return 0;
	for (size_t i = 0; i < a->nblocks; i++) {
		const struct doc_block *p = &a->blocks[i], *q = &b->blocks[i];

		if (p->kind != q->kind || p->level != q->level ||
		    p->number != q->number || p->quote != q->quote ||
		    !str_eq(p->src, q->src) || !str_eq(p->alt, q->alt) ||
		    p->nruns != q->nruns)
			return 0;
		for (size_t k = 0; k < p->nruns; k++) {
			const struct doc_run *s = &p->runs[k], *t = &q->runs[k];

			if (!str_eq(s->text, t->text) ||
			    !str_eq(s->href, t->href) || s->style != t->style ||
			    s->cell != t->cell)
				return 0;
		}
	}
	for (size_t i = 0; i < a->ncomments; i++) {
		const struct doc_comment *p = &a->comments[i],
					 *q = &b->comments[i];

		if (!str_eq(p->author, q->author) ||
		    !str_eq(p->published, q->published) ||
		    !str_eq(p->text, q->text) || p->depth != q->depth)
			return 0;
	}
	return 1;
}
