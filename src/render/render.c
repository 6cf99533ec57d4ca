/* render.c: a doc laid out block by block for a width, and as plain text. */
#include "autoconfig.h"

#include "render/render.h"
#include "render/render_int.h"
#include "util/str.h"
#include "util/url.h"
#include "util/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t
hash_str(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void
slots_grow(struct layout *l)
{
	size_t n = l->nslots ? l->nslots * 2 : 64;
	struct link_slot *s = xcalloc(n, sizeof(*s));

	for (size_t i = 0; i < l->nslots; i++) {
		size_t k;

		if (!l->slots[i].number)
			continue;
		k = l->slots[i].hash & (n - 1);
		while (s[k].number)
			k = (k + 1) & (n - 1);
		s[k] = l->slots[i];
	}
	free(l->slots);
	l->slots = s;
	l->nslots = n;
}

/* The number of url, given a new one the first time it is seen. */
static int
link_number(struct layout *l, const char *url)
{
	uint32_t h = hash_str(url);
	size_t k;
	struct render_link *rl;

	if ((l->nlinks + 1) * 2 > l->nslots)
		slots_grow(l);
	k = h & (l->nslots - 1);
	while (l->slots[k].number) {
		struct link_slot *s = &l->slots[k];

		if (s->hash == h && !strcmp(l->links[s->number - 1].url, url))
			return s->number;
		k = (k + 1) & (l->nslots - 1);
	}
	if (l->nlinks == l->caplinks) {
		l->caplinks = l->caplinks ? l->caplinks * 2 : 32;
		l->links =
		    xreallocarray(l->links, l->caplinks, sizeof(*l->links));
	}
	rl = &l->links[l->nlinks++];
	rl->number = (int)l->nlinks;
	rl->url = utf8_sanitize(url, strlen(url), 0);
	rl->line = SIZE_MAX;
	l->slots[k].hash = h;
	l->slots[k].number = rl->number;
	return rl->number;
}

/* "[n]" into out (24 bytes room); returns its length. Faster than snprintf,
 * which showed in profiles of link-dense pages. */
static int
format_number(char *out, int n)
{
	char digits[16];
	int k = 0, len = 0;
	unsigned v = n > 0 ? (unsigned)n : 0;

	do {
		digits[k++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	out[len++] = '[';
	while (k)
		out[len++] = digits[--k];
	out[len++] = ']';
	out[len] = '\0';
	return len;
}

/* Append "[n]" for url to the paragraph, before any trailing space. */
void
rl_add_link_number(struct layout *l, const char *url)
{
	struct rpara *p = &l->para;
	int n = link_number(l, url);
	char num[24];
	int len = format_number(num, n);
	int space = p->text.len && p->text.data[p->text.len - 1] == ' ';

	if (space)
		p->text.data[--p->text.len] = '\0';
	if (l->npending == l->cappending) {
		l->cappending = l->cappending ? l->cappending * 2 : 16;
		l->pending = xreallocarray(l->pending, l->cappending,
					   sizeof(*l->pending));
	}
	l->pending[l->npending].off = p->text.len;
	l->pending[l->npending++].number = n;
	rpara_add_raw(p, num, (size_t)len, RENDER_LINK_NUMBER);
	if (space)
		rpara_add_raw(p, " ", 1, RENDER_NORMAL);
}

/* Wrap the paragraph being built with the current prefixes, then settle
 * the lines of the links numbered in it. */
void
rl_flush(struct layout *l)
{
	struct rbuilder *b = &l->b;

	rb_wrap(b, &l->para, &l->first, &l->rest, l->width);
	for (size_t i = 0; i < l->npending; i++) {
		struct render_link *rl = &l->links[l->pending[i].number - 1];
		size_t k = 0;

		if (rl->line != SIZE_MAX)
			continue;
		while (k + 1 < b->nwstart &&
		       b->wstart[k + 1] <= l->pending[i].off)
			k++;
		rl->line = b->nwstart ? b->wline0 + k : b->nlines;
	}
	l->npending = 0;
	rpara_reset(&l->para);
}

static enum render_attr
run_attr(const struct doc_run *r, enum render_attr base, int link)
{
	if (link)
		return RENDER_LINK;
	if (base == RENDER_HEADING || base == RENDER_TITLE)
		return base;
	if (r->style & DOC_MONO)
		return RENDER_CODE;
	if (r->style & DOC_STRONG)
		return RENDER_STRONG;
	if (r->style & DOC_EM)
		return RENDER_EMPHASIS;
	return base;
}

static int
is_link(const struct doc_run *r)
{
	return r->href && url_is_http(r->href);
}

/* Add runs [from, to) of b to the paragraph, numbering links. */
void
rl_add_runs(struct layout *l, const struct doc_block *b, size_t from, size_t to,
	    enum render_attr base, int newlines)
{
	for (size_t i = from; i < to; i++) {
		const struct doc_run *r = &b->runs[i];
		int link = is_link(r);

		rpara_add(&l->para, r->text, strlen(r->text),
			  run_attr(r, base, link), newlines);
		if (link && r->href &&
		    !(i + 1 < to && b->runs[i + 1].href &&
		      !strcmp(b->runs[i + 1].href, r->href)))
			rl_add_link_number(l, r->href);
	}
}

/* Set both prefixes to the quote bars for depth q. */
void
rl_quote(struct layout *l, int q)
{
	const char *bar = l->plain ? "> " : "\xe2\x94\x82 ";

	rpara_reset(&l->first);
	rpara_reset(&l->rest);
	for (int i = 0; i < rl_clamp(q, 0, MAX_DEPTH); i++) {
		rpara_add_raw(&l->first, bar, strlen(bar), RENDER_QUOTE);
		rpara_add_raw(&l->rest, bar, strlen(bar), RENDER_QUOTE);
	}
}

void
rl_indent(struct layout *l, int cols)
{
	for (int i = 0; i < cols; i++) {
		rpara_add_raw(&l->first, " ", 1, RENDER_NORMAL);
		rpara_add_raw(&l->rest, " ", 1, RENDER_NORMAL);
	}
}

/* The blank line between blocks; inside a quote it keeps the bars. */
void
rl_separate(struct layout *l, int q)
{
	struct rbuilder *b = &l->b;

	if (!b->nlines || !b->lines[b->nlines - 1].n)
		return;
	rl_quote(l, q);
	rb_prefix(b, &l->first, l->width / 2);
	rb_end_line(b);
}

/* A line of c repeated to n columns. */
void
rl_rule(struct layout *l, int n, enum render_attr a)
{
	const char *c = l->plain ? "-" : "\xe2\x94\x80";
	struct buf s;

	buf_init(&s, 0);
	for (int i = 0; i < n; i++)
		buf_puts(&s, c);
	rb_span(&l->b, s.data ? s.data : "", s.len, n, a);
	buf_free(&s);
}

/* Underline the paragraph just wrapped (plain title and headings), as wide
 * as its widest line. */
void
rl_underline(struct layout *l, const char *c)
{
	struct rbuilder *b = &l->b;
	int w = 0;
	struct buf s;

	for (size_t i = b->wline0; i < b->nlines; i++)
		if (b->lines[i].width > w)
			w = b->lines[i].width;
	if (w > l->width) /* a wide character alone in a narrow column */
		w = l->width;

	buf_init(&s, 0);
	for (int i = 0; i < w; i++)
		buf_puts(&s, c);
	rb_span(b, s.data ? s.data : "", s.len, w, RENDER_RULE);
	rb_end_line(b);
	buf_free(&s);
}

static void
layout_body(struct layout *l)
{
	const struct doc *d = l->d;
	const struct doc_block *prev = NULL;

	for (size_t i = 0; i < d->nblocks;) {
		const struct doc_block *bl = &d->blocks[i];
		int q = rl_clamp(bl->quote, 0, MAX_DEPTH);
		enum render_attr base = q ? RENDER_QUOTE : RENDER_NORMAL;
		int tight = prev && prev->kind == DOC_LIST_ITEM &&
			    bl->kind == DOC_LIST_ITEM &&
			    rl_clamp(prev->quote, 0, MAX_DEPTH) == q;

		if (!tight)
			rl_separate(
			    l, prev
				   ? (q < rl_clamp(prev->quote, 0, MAX_DEPTH)
					  ? q
					  : rl_clamp(prev->quote, 0, MAX_DEPTH))
				   : 0);
		rl_quote(l, q);
		if (bl->kind != DOC_LIST_ITEM)
			memset(l->list_col, 0, sizeof(l->list_col));
		switch (bl->kind) {
		case DOC_HEADING:
			rl_add_runs(l, bl, 0, bl->nruns, RENDER_HEADING, 1);
			rl_flush(l);
			if (l->plain && l->b.nlines &&
			    l->b.lines[l->b.nlines - 1].n)
				rl_underline(l, "-");
			break;
		case DOC_LIST_ITEM:
			rl_list_item(l, bl);
			break;
		case DOC_CODE:
			rl_code(l, bl);
			break;
		case DOC_TABLE_ROW: {
			size_t end = i;

			while (end < d->nblocks &&
			       d->blocks[end].kind == DOC_TABLE_ROW &&
			       d->blocks[end].quote == bl->quote)
				end++;
			rl_table(l, i, end);
			prev = &d->blocks[end - 1];
			i = end;
			continue;
		}
		case DOC_FIGURE:
			rl_figure(l, bl);
			break;
		case DOC_RULE: {
			int avail = l->width -
				    rb_prefix(&l->b, &l->first, l->width / 2);

			rl_rule(l,
				avail < 1    ? 1
				: avail > 40 ? 40
					     : avail,
				RENDER_RULE);
			rb_end_line(&l->b);
			break;
		}
		default:
			rl_add_runs(l, bl, 0, bl->nruns, base, 1);
			rl_flush(l);
			break;
		}
		prev = bl;
		i++;
	}
}

struct render_page *
render_layout(const struct doc *d, const struct render_options *o)
{
	static const struct render_options defaults = {80, 0, NULL, NULL};
	struct layout l;
	struct render_page *pg;

	memset(&l, 0, sizeof(l));
	rb_init(&l.b);
	rpara_init(&l.para);
	rpara_init(&l.first);
	rpara_init(&l.rest);
	l.d = d;
	if (!o)
		o = &defaults;
	l.o = o;
	l.width = o->width < 1 ? 1 : o->width;
	l.plain = (o->flags & RENDER_PLAIN) != 0;
	if (o->flags & RENDER_HEADER)
		rl_header(&l);
	layout_body(&l);
	{
		size_t comments_line = SIZE_MAX;

		if ((o->flags & RENDER_COMMENTS) && d->ncomments) {
			rl_separate(&l, 0);
			comments_line = l.b.nlines;
			rl_comments(&l);
		}
		pg = rb_finish(&l.b);
		pg->comments_line =
		    comments_line == SIZE_MAX ? pg->nlines : comments_line;
	}
	pg->links = l.links;
	pg->nlinks = l.nlinks;
	for (size_t i = 0; i < pg->nlinks; i++)
		if (pg->links[i].line == SIZE_MAX ||
		    pg->links[i].line > pg->nlines)
			pg->links[i].line = pg->nlines ? pg->nlines - 1 : 0;
	rpara_free(&l.para);
	rpara_free(&l.first);
	rpara_free(&l.rest);
	free(l.slots);
	free(l.pending);
	return pg;
}

void
render_page_free(struct render_page *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nlinks; i++)
		free((char *)p->links[i].url);
	free(p->links);
	free(p->lines);
	free(p->spans_);
	free(p->text_);
	free(p);
}

const char *
render_attr_name(enum render_attr a)
{
	static const char *const names[RENDER_ATTR_COUNT] = {
	    "normal",  "title",	       "meta",	      "heading",      "quote",
	    "code",    "link",	       "link-number", "emphasis",     "strong",
	    "marker",  "image",	       "caption",     "table-header", "rule",
	    "comment", "comment-meta",
	};

	if ((unsigned)a >= RENDER_ATTR_COUNT)
		return "normal";
	return names[a];
}

char *
render_text(const struct doc *d, int width, unsigned flags)
{
	struct render_options o = {
	    width, RENDER_HEADER | RENDER_PLAIN | (flags & RENDER_COMMENTS),
	    NULL, NULL};
	struct render_page *pg = render_layout(d, &o);
	struct buf out;

	buf_init(&out, 0);
	buf_append(&out, "", 0);
	for (size_t i = 0; i < pg->nlines; i++) {
		const struct render_line *ln = &pg->lines[i];

		for (size_t k = 0; k < ln->nspans; k++)
			buf_append(&out, ln->spans[k].text, ln->spans[k].len);
		buf_putc(&out, '\n');
	}
	/* No blank lines at the end. */
	while (out.len > 1 && out.data[out.len - 1] == '\n' &&
	       out.data[out.len - 2] == '\n')
		out.data[--out.len] = '\0';
	if (pg->nlinks) {
		buf_puts(&out, "\nLinks:\n");
		for (size_t i = 0; i < pg->nlinks; i++)
			buf_printf(&out, "[%d] %s\n", pg->links[i].number,
				   pg->links[i].url);
	}
	render_page_free(pg);
	return buf_steal(&out);
}
