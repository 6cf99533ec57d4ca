/* render.c: a doc laid out block by block into lines for a width, and as plain
 * text. */
#include "config.h"

#include "render.h"
#include "render_int.h"
#include "util/str.h"
#include "util/url.h"
#include "util/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Nesting shown at most: deeper quotes, lists and replies are drawn at this
 * depth so hostile docs cannot push text off the screen. */
#define MAX_DEPTH 8
/* Table columns laid out at most; further cells join the last column. */
#define MAX_COLS 32

struct link_slot {
	uint32_t hash;
	int number; /* 0: empty */
};

struct layout {
	struct rbuilder b;
	const struct doc *d;
	const struct render_options *o;
	int width;
	int plain;
	struct rpara para, first, rest;
	struct render_link *links;
	size_t nlinks, caplinks;
	/* Open-addressed table from URL to link number, for reuse. */
	struct link_slot *slots;
	size_t nslots;
	/* Links numbered in the paragraph being built: where their number
	 * sits, to find the line once it is wrapped. */
	struct pending {
		size_t off;
		int number;
	} * pending;
	size_t npending, cappending;
	/* Column where the text of the last item at each list depth starts,
	 * so nested items line up under their parent's text. */
	int list_col[MAX_DEPTH + 1];
};

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

/* Append "[n]" for url to the paragraph, before any trailing space. */
static void
add_link_number(struct layout *l, const char *url)
{
	struct rpara *p = &l->para;
	int n = link_number(l, url);
	char num[24];
	int len = snprintf(num, sizeof(num), "[%d]", n);
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
static void
flush_para(struct layout *l)
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
static void
add_runs(struct layout *l, const struct doc_block *b, size_t from, size_t to,
	 enum render_attr base, int newlines)
{
	for (size_t i = from; i < to; i++) {
		const struct doc_run *r = &b->runs[i];
		int link = is_link(r);

		rpara_add(&l->para, r->text, strlen(r->text),
			  run_attr(r, base, link), newlines);
		if (link && !(i + 1 < to && b->runs[i + 1].href &&
			      !strcmp(b->runs[i + 1].href, r->href)))
			add_link_number(l, r->href);
	}
}

static int
clampi(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Set both prefixes to the quote bars for depth q. */
static void
quote_prefix(struct layout *l, int q)
{
	const char *bar = l->plain ? "> " : "\xe2\x94\x82 ";

	rpara_reset(&l->first);
	rpara_reset(&l->rest);
	for (int i = 0; i < clampi(q, 0, MAX_DEPTH); i++) {
		rpara_add_raw(&l->first, bar, strlen(bar), RENDER_QUOTE);
		rpara_add_raw(&l->rest, bar, strlen(bar), RENDER_QUOTE);
	}
}

static void
indent_prefix(struct layout *l, int cols)
{
	for (int i = 0; i < cols; i++) {
		rpara_add_raw(&l->first, " ", 1, RENDER_NORMAL);
		rpara_add_raw(&l->rest, " ", 1, RENDER_NORMAL);
	}
}

/* The blank line between blocks; inside a quote it keeps the bars. */
static void
separate(struct layout *l, int q)
{
	struct rbuilder *b = &l->b;

	if (!b->nlines || !b->lines[b->nlines - 1].n)
		return;
	quote_prefix(l, q);
	rb_prefix(b, &l->first, l->width / 2);
	rb_end_line(b);
}

/* A line of c repeated to n columns. */
static void
rule_line(struct layout *l, int n, enum render_attr a)
{
	const char *c = l->plain ? "-" : "\xe2\x94\x80";
	struct buf s;

	buf_init(&s, 0);
	for (int i = 0; i < n; i++)
		buf_puts(&s, c);
	rb_span(&l->b, s.data ? s.data : "", s.len, n, a);
	buf_free(&s);
}

/* Underline the line just written (plain headings). */
static void
underline(struct layout *l, const char *c)
{
	struct rbuilder *b = &l->b;
	int w = b->nlines ? b->lines[b->nlines - 1].width : 0;
	struct buf s;

	buf_init(&s, 0);
	for (int i = 0; i < w; i++)
		buf_puts(&s, c);
	rb_span(b, s.data ? s.data : "", s.len, w, RENDER_RULE);
	rb_end_line(b);
	buf_free(&s);
}

static void
layout_code(struct layout *l, const struct doc_block *bl)
{
	struct rbuilder *b = &l->b;
	struct buf raw, line;
	char *clean;
	const char *p;

	buf_init(&raw, 0);
	buf_init(&line, 0);
	for (size_t i = 0; i < bl->nruns; i++)
		buf_puts(&raw, bl->runs[i].text);
	clean = utf8_sanitize(raw.data ? raw.data : "", raw.len,
			      UTF8_KEEP_NEWLINES | UTF8_KEEP_TABS);
	for (p = clean; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		int col = 0;

		buf_reset(&line);
		for (size_t i = 0; i < n; i++) {
			if (p[i] == '\t') {
				do {
					buf_putc(&line, ' ');
				} while (++col % 8);
			} else {
				buf_putc(&line, p[i]);
				if (((unsigned char)p[i] & 0xc0) != 0x80)
					col++;
			}
		}
		rb_prefix(b, &l->first, l->width / 2);
		rb_span(b, "  ", 2, 2, RENDER_CODE);
		if (line.len)
			rb_span(b, line.data, line.len,
				(int)utf8_width(line.data, line.len),
				RENDER_CODE);
		rb_end_line(b);
		p += n + (nl ? 1 : 0);
	}
	free(clean);
	buf_free(&raw);
	buf_free(&line);
}

static void
layout_list_item(struct layout *l, const struct doc_block *bl)
{
	static const char *const bullets[] = {"\xe2\x80\xa2", "\xe2\x97\xa6",
					      "\xe2\x96\xaa"};
	int level = clampi(bl->level, 1, MAX_DEPTH);
	char marker[24];
	int mlen, indent = level > 1 ? l->list_col[level - 1] : 0;

	if (indent <= 0)
		indent = 2 * (level - 1);
	indent_prefix(l, indent);
	if (bl->number)
		mlen = snprintf(marker, sizeof(marker), "%d. ", bl->number);
	else
		mlen = snprintf(marker, sizeof(marker), "%s ",
				l->plain ? "-" : bullets[(level - 1) % 3]);
	rpara_add_raw(&l->first, marker, (size_t)mlen, RENDER_MARKER);
	for (size_t i = 0, w = utf8_width(marker, (size_t)mlen); i < w; i++)
		rpara_add_raw(&l->rest, " ", 1, RENDER_NORMAL);
	l->list_col[level] = indent + (int)utf8_width(marker, (size_t)mlen);
	for (int k = level + 1; k <= MAX_DEPTH; k++)
		l->list_col[k] = 0;
	add_runs(l, bl, 0, bl->nruns, bl->quote ? RENDER_QUOTE : RENDER_NORMAL,
		 1);
	if (!l->para.text.len)
		rpara_add_raw(&l->para, " ", 1, RENDER_NORMAL);
	flush_para(l);
}

static void
layout_figure(struct layout *l, const struct doc_block *bl)
{
	rpara_add_raw(&l->para, "[image", 6, RENDER_IMAGE);
	if (bl->alt && *bl->alt) {
		rpara_add_raw(&l->para, ": ", 2, RENDER_IMAGE);
		rpara_add(&l->para, bl->alt, strlen(bl->alt), RENDER_IMAGE, 0);
	}
	rpara_add_raw(&l->para, "]", 1, RENDER_IMAGE);
	if (bl->src && url_is_http(bl->src))
		add_link_number(l, bl->src);
	flush_para(l);
	if (bl->nruns) {
		add_runs(l, bl, 0, bl->nruns, RENDER_CAPTION, 1);
		flush_para(l);
	}
}

/* Cell c of a table row as a paragraph of its own. */
static void
cell_para(struct layout *l, const struct doc_block *bl, unsigned c,
	  enum render_attr base)
{
	size_t i = 0, j;

	while (i < bl->nruns &&
	       (bl->runs[i].cell < MAX_COLS - 1 ? bl->runs[i].cell
						: MAX_COLS - 1) != c)
		i++;
	j = i;
	while (j < bl->nruns &&
	       (bl->runs[j].cell < MAX_COLS - 1 ? bl->runs[j].cell
						: MAX_COLS - 1) == c)
		j++;
	add_runs(l, bl, i, j, base, 0);
}

static unsigned
row_cols(const struct doc_block *bl)
{
	unsigned n = 0;

	for (size_t i = 0; i < bl->nruns; i++) {
		unsigned c = bl->runs[i].cell < MAX_COLS - 1 ? bl->runs[i].cell
							     : MAX_COLS - 1;

		if (c + 1 > n)
			n = c + 1;
	}
	return n;
}

/* Rows [from, to) as aligned columns when they fit the width, else each
 * row as one wrapped line of cells separated by bars. */
static void
layout_table(struct layout *l, size_t from, size_t to)
{
	const char *sep = l->plain ? " | " : " \xe2\x94\x82 ";
	int colw[MAX_COLS] = {0};
	unsigned ncols = 0;
	int total, avail = l->width - (rpara_width(&l->first) < l->width / 2
					   ? rpara_width(&l->first)
					   : l->width / 2);
	struct rbuilder *b = &l->b;

	for (size_t r = from; r < to; r++) {
		const struct doc_block *bl = &l->d->blocks[r];
		unsigned n = row_cols(bl);

		if (n > ncols)
			ncols = n;
		for (unsigned c = 0; c < n; c++) {
			int w;

			cell_para(l, bl, c, RENDER_NORMAL);
			w = rpara_width(&l->para);
			if (w > colw[c])
				colw[c] = w;
			l->npending = 0;
			rpara_reset(&l->para);
		}
	}
	/* The measuring pass numbered the links; numbering again reuses
	 * the same numbers, so the output is unchanged. */
	total = ncols ? (int)(ncols - 1) * 3 : 0;
	for (unsigned c = 0; c < ncols; c++)
		total += colw[c];
	for (size_t r = from; r < to; r++) {
		const struct doc_block *bl = &l->d->blocks[r];
		enum render_attr base =
		    bl->level == 1 ? RENDER_TABLE_HEADER : RENDER_NORMAL;

		if (total <= avail) {
			rb_prefix(b, &l->first, l->width / 2);
			for (unsigned c = 0; c < ncols; c++) {
				int w;

				if (c)
					rb_span(b, sep, strlen(sep), 3,
						RENDER_RULE);
				cell_para(l, bl, c, base);
				w = rpara_width(&l->para);
				rb_para_range(b, &l->para, 0, l->para.text.len);
				for (; w < colw[c] && c + 1 < ncols; w++)
					rb_span(b, " ", 1, 1, RENDER_NORMAL);
				for (size_t i = 0; i < l->npending; i++) {
					struct render_link *rl =
					    &l->links[l->pending[i].number - 1];

					if (rl->line == SIZE_MAX)
						rl->line = b->nlines;
				}
				l->npending = 0;
				rpara_reset(&l->para);
			}
			rb_end_line(b);
			if (bl->level == 1 && r == from && r + 1 < to) {
				rb_prefix(b, &l->first, l->width / 2);
				rule_line(l, total, RENDER_RULE);
				rb_end_line(b);
			}
		} else {
			for (unsigned c = 0; c < ncols; c++) {
				if (c)
					rpara_add_raw(&l->para, sep,
						      strlen(sep), RENDER_RULE);
				cell_para(l, bl, c, base);
			}
			flush_para(l);
		}
	}
}

/* "2024-05-01T08:13:00+07:00" -> "2024-05-01 08:13 +07:00"; anything not
 * in that shape is shown as it is. */
static void
format_date(const char *s, char *out, size_t size)
{
	const char *z;
	size_t n = strlen(s);
	int ok = n >= 16;

	for (size_t i = 0; ok && i < 16; i++) {
		const char *pat = "dddd-dd-ddTdd:dd";

		if (pat[i] == 'd'
			? !(s[i] >= '0' && s[i] <= '9')
			: (pat[i] == 'T' ? (s[i] != 'T' && s[i] != ' ')
					 : s[i] != pat[i]))
			ok = 0;
	}
	if (!ok) {
		snprintf(out, size, "%s", s);
		return;
	}
	z = s + 16;
	if (*z == ':')
		z += 3;
	if (*z == '.')
		for (z++; *z >= '0' && *z <= '9'; z++)
			;
	if (*z == 'Z' && !z[1])
		snprintf(out, size, "%.10s %.5s UTC", s, s + 11);
	else if ((*z == '+' || *z == '-') && strlen(z) <= 6)
		snprintf(out, size, "%.10s %.5s %s", s, s + 11, z);
	else if (!*z)
		snprintf(out, size, "%.10s %.5s", s, s + 11);
	else
		snprintf(out, size, "%s", s);
}

static void
layout_header(struct layout *l)
{
	const struct doc_meta *m = &l->d->meta;
	const char *source = l->o->source ? l->o->source : m->site;
	const char *parts[3];
	char date[64];
	int n = 0;

	rpara_reset(&l->first);
	rpara_reset(&l->rest);
	if (m->title && *m->title) {
		rpara_add(&l->para, m->title, strlen(m->title), RENDER_TITLE,
			  0);
		flush_para(l);
		if (l->plain)
			underline(l, "=");
	}
	if (m->published)
		format_date(m->published, date, sizeof(date));
	parts[0] = source;
	parts[1] = m->byline;
	parts[2] = m->published ? date : NULL;
	for (int i = 0; i < 3; i++) {
		if (!parts[i] || !*parts[i])
			continue;
		if (n++)
			rpara_add_raw(&l->para, " \xc2\xb7 ", 4, RENDER_META);
		rpara_add(&l->para, parts[i], strlen(parts[i]), RENDER_META, 0);
	}
	flush_para(l);
	if (m->url && *m->url) {
		rpara_add(&l->para, m->url, strlen(m->url), RENDER_META, 0);
		flush_para(l);
	}
}

static void
layout_comments(struct layout *l)
{
	const struct doc *d = l->d;
	struct rbuilder *b = &l->b;
	char head[48];
	int n;

	separate(l, 0);
	rpara_reset(&l->first);
	rpara_reset(&l->rest);
	n = snprintf(head, sizeof(head), "Comments (%zu)", d->ncomments);
	rpara_add_raw(&l->para, head, (size_t)n, RENDER_HEADING);
	flush_para(l);
	if (l->plain)
		underline(l, "-");
	for (size_t i = 0; i < d->ncomments; i++) {
		const struct doc_comment *c = &d->comments[i];
		const char *p = c->text ? c->text : "";
		char date[64];

		rpara_reset(&l->first);
		rpara_reset(&l->rest);
		separate(l, 0);
		indent_prefix(l, 2 * clampi(c->depth, 0, MAX_DEPTH));
		rpara_add(
		    &l->para, c->author && *c->author ? c->author : "Anonymous",
		    strlen(c->author && *c->author ? c->author : "Anonymous"),
		    RENDER_COMMENT_META, 0);
		if (c->published && *c->published) {
			format_date(c->published, date, sizeof(date));
			rpara_add_raw(&l->para, " \xc2\xb7 ", 4,
				      RENDER_COMMENT_META);
			rpara_add(&l->para, date, strlen(date),
				  RENDER_COMMENT_META, 0);
		}
		flush_para(l);
		while (*p) {
			const char *e = strstr(p, "\n\n");
			size_t len = e ? (size_t)(e - p) : strlen(p);

			rpara_add(&l->para, p, len, RENDER_COMMENT, 1);
			if (l->para.text.len) {
				flush_para(l);
			}
			p += len;
			while (*p == '\n')
				p++;
			if (*p && b->nlines && b->lines[b->nlines - 1].n)
				rb_end_line(b);
		}
	}
}

static void
layout_body(struct layout *l)
{
	const struct doc *d = l->d;
	const struct doc_block *prev = NULL;

	for (size_t i = 0; i < d->nblocks;) {
		const struct doc_block *bl = &d->blocks[i];
		int q = clampi(bl->quote, 0, MAX_DEPTH);
		enum render_attr base = q ? RENDER_QUOTE : RENDER_NORMAL;
		int tight = prev && prev->kind == DOC_LIST_ITEM &&
			    bl->kind == DOC_LIST_ITEM &&
			    clampi(prev->quote, 0, MAX_DEPTH) == q;

		if (!tight)
			separate(
			    l, prev ? (q < clampi(prev->quote, 0, MAX_DEPTH)
					   ? q
					   : clampi(prev->quote, 0, MAX_DEPTH))
				    : 0);
		quote_prefix(l, q);
		if (bl->kind != DOC_LIST_ITEM)
			memset(l->list_col, 0, sizeof(l->list_col));
		switch (bl->kind) {
		case DOC_HEADING:
			add_runs(l, bl, 0, bl->nruns, RENDER_HEADING, 1);
			flush_para(l);
			if (l->plain && l->b.nlines &&
			    l->b.lines[l->b.nlines - 1].n)
				underline(l, "-");
			break;
		case DOC_LIST_ITEM:
			layout_list_item(l, bl);
			break;
		case DOC_CODE:
			layout_code(l, bl);
			break;
		case DOC_TABLE_ROW: {
			size_t end = i;

			while (end < d->nblocks &&
			       d->blocks[end].kind == DOC_TABLE_ROW &&
			       d->blocks[end].quote == bl->quote)
				end++;
			layout_table(l, i, end);
			prev = &d->blocks[end - 1];
			i = end;
			continue;
		}
		case DOC_FIGURE:
			layout_figure(l, bl);
			break;
		case DOC_RULE: {
			int avail = l->width -
				    rb_prefix(&l->b, &l->first, l->width / 2);

			rule_line(l,
				  avail < 1    ? 1
				  : avail > 40 ? 40
					       : avail,
				  RENDER_RULE);
			rb_end_line(&l->b);
			break;
		}
		default:
			add_runs(l, bl, 0, bl->nruns, base, 1);
			flush_para(l);
			break;
		}
		prev = bl;
		i++;
	}
}

struct render_page *
render_layout(const struct doc *d, const struct render_options *o)
{
	struct layout l;
	struct render_page *pg;

	memset(&l, 0, sizeof(l));
	rb_init(&l.b);
	rpara_init(&l.para);
	rpara_init(&l.first);
	rpara_init(&l.rest);
	l.d = d;
	l.o = o;
	l.width = o->width < 1 ? 1 : o->width;
	l.plain = (o->flags & RENDER_PLAIN) != 0;
	if (o->flags & RENDER_HEADER)
		layout_header(&l);
	layout_body(&l);
	{
		size_t comments_line = SIZE_MAX;

		if ((o->flags & RENDER_COMMENTS) && d->ncomments) {
			separate(&l, 0);
			comments_line = l.b.nlines;
			layout_comments(&l);
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
	    NULL};
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
