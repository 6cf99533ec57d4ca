/* render_wrap.c: building lines of spans; wrapping text by display width. */
#include "autoconfig.h"

#include "render/render_int.h"
#include "util/str.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

void
rpara_init(struct rpara *p)
{
	memset(p, 0, sizeof(*p));
	buf_init(&p->text, 0);
	buf_append(&p->text, "", 0);
}

void
rpara_reset(struct rpara *p)
{
	buf_reset(&p->text);
	p->nsegs = 0;
}

void
rpara_free(struct rpara *p)
{
	buf_free(&p->text);
	free(p->segs);
	p->segs = NULL;
	p->nsegs = p->capsegs = 0;
}

/* Start attribute a at the current end of the text. */
static void
set_attr(struct rpara *p, enum render_attr a)
{
	struct rseg *s;

	if (p->nsegs) {
		s = &p->segs[p->nsegs - 1];
		if (s->attr == a)
			return;
		if (s->off == p->text.len) {
			s->attr = a;
			/* Merge back into an equal predecessor. */
			if (p->nsegs > 1 && p->segs[p->nsegs - 2].attr == a)
				p->nsegs--;
			return;
		}
	}
	if (p->nsegs == p->capsegs) {
		p->capsegs = p->capsegs ? p->capsegs * 2 : 8;
		p->segs = xreallocarray(p->segs, p->capsegs, sizeof(*p->segs));
	}
	s = &p->segs[p->nsegs++];
	s->off = p->text.len;
	s->attr = a;
}

void
rpara_add_raw(struct rpara *p, const char *s, size_t len, enum render_attr a)
{
	set_attr(p, a);
	buf_append(&p->text, s, len);
}

void
rpara_add(struct rpara *p, const char *s, size_t len, enum render_attr a,
	  int keep_newlines)
{
	char *clean = utf8_sanitize(
	    s, len, UTF8_CAP_MARKS | (keep_newlines ? UTF8_KEEP_NEWLINES : 0));
	struct buf *t = &p->text;
	size_t start = t->len, r, w;
	char *d;

	set_attr(p, a);
	/* Append it all, then collapse spaces and drop soft hyphens in place:
	 * the text only shrinks. */
	buf_puts(t, clean);
	free(clean);
	d = t->data;
	for (r = w = start; r < t->len; r++) {
		char c = d[r];

		if (c == ' ') {
			if (w && d[w - 1] != ' ' && d[w - 1] != '\n')
				d[w++] = ' ';
		} else if (c == '\n') {
			while (w > start && d[w - 1] == ' ')
				w--;
			if (w == start)
				while (w && d[w - 1] == ' ')
					w--;
			d[w++] = '\n';
		} else if ((unsigned char)c == 0xc2 && r + 1 < t->len &&
			   (unsigned char)d[r + 1] == 0xad) {
			r++; /* soft hyphen: invisible */
		} else {
			d[w++] = c;
		}
	}
	t->len = w;
	if (t->data)
		t->data[w] = '\0';
	/* A trailing space trimmed back into an earlier segment. */
	while (p->nsegs && p->segs[p->nsegs - 1].off > t->len)
		p->segs[p->nsegs - 1].off = t->len;
}

void
rpara_add_glued(struct rpara *p, const char *s, size_t len, enum render_attr a)
{
	size_t start = p->text.len;

	rpara_add(p, s, len, a, 0);
	for (size_t i = start; i < p->text.len; i++)
		if (p->text.data[i] == ' ')
			p->text.data[i] = RPARA_GLUE;
}

/* Display width of text that may hold RPARA_GLUE (a column each). */
static int
text_width(const char *s, size_t len)
{
	size_t w = utf8_width(s, len);
	const char *g = memchr(s, RPARA_GLUE, len);

	while (g) {
		w++;
		g = memchr(g + 1, RPARA_GLUE, len - (size_t)(g + 1 - s));
	}
	return (int)w;
}

int
rpara_width(const struct rpara *p)
{
	return text_width(p->text.data, p->text.len);
}

void
rb_init(struct rbuilder *b)
{
	memset(b, 0, sizeof(*b));
	buf_init(&b->text, 0);
}

/* Glue shows as a plain space. */
static void
unglue(char *s, size_t len)
{
	char *g = memchr(s, RPARA_GLUE, len);

	while (g) {
		*g = ' ';
		g = memchr(g + 1, RPARA_GLUE, len - (size_t)(g + 1 - s));
	}
}

void
rb_span(struct rbuilder *b, const char *s, size_t len, int width,
	enum render_attr a)
{
	struct rspan_rec *r;

	if (!len)
		return;
	/* Extend the previous span of this line when the attribute is the
	 * same and its text is the last thing in the arena. */
	if (b->nspans > b->line_first) {
		r = &b->spans[b->nspans - 1];
		if (r->attr == a && r->off + r->len + 1 == b->text.len) {
			b->text.len--; /* drop its NUL */
			buf_append(&b->text, s, len);
			buf_putc(&b->text, '\0');
			unglue(b->text.data + b->text.len - 1 - len, len);
			r->len += len;
			r->width += width;
			b->line_width += width;
			return;
		}
	}
	if (b->nspans == b->capspans) {
		b->capspans = b->capspans ? b->capspans * 2 : 256;
		b->spans =
		    xreallocarray(b->spans, b->capspans, sizeof(*b->spans));
	}
	r = &b->spans[b->nspans++];
	r->off = b->text.len;
	r->len = len;
	r->width = width;
	r->attr = a;
	buf_append(&b->text, s, len);
	buf_putc(&b->text, '\0');
	b->line_width += width;
	unglue(b->text.data + r->off, len);
}

void
rb_end_line(struct rbuilder *b)
{
	struct rline_rec *l;

	/* Trailing blanks of the line are not content. */
	while (b->nspans > b->line_first) {
		struct rspan_rec *r = &b->spans[b->nspans - 1];
		size_t n = r->len;

		while (n && b->text.data[r->off + n - 1] == ' ')
			n--;
		if (n == r->len)
			break;
		b->line_width -= (int)(r->len - n);
		r->width -= (int)(r->len - n);
		r->len = n;
		b->text.data[r->off + n] = '\0';
		if (n)
			break;
		b->nspans--;
	}
	if (b->nlines == b->caplines) {
		b->caplines = b->caplines ? b->caplines * 2 : 128;
		b->lines =
		    xreallocarray(b->lines, b->caplines, sizeof(*b->lines));
	}
	l = &b->lines[b->nlines++];
	l->first = b->line_first;
	l->n = b->nspans - b->line_first;
	l->width = b->line_width;
	b->line_first = b->nspans;
	b->line_width = 0;
}

void
rb_blank(struct rbuilder *b)
{
	if (b->nlines && b->lines[b->nlines - 1].n)
		rb_end_line(b);
}

/* The segment holding byte off. */
static size_t
seg_at(const struct rpara *p, size_t off)
{
	size_t lo = 0, hi = p->nsegs;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->segs[mid].off <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

void
rb_para_range(struct rbuilder *b, const struct rpara *p, size_t s, size_t e)
{
	size_t k;

	if (s >= e || !p->nsegs)
		return;
	k = seg_at(p, s);
	while (s < e) {
		size_t stop = k + 1 < p->nsegs ? p->segs[k + 1].off : e;
		const char *t = p->text.data + s;

		if (stop > e)
			stop = e;
		if (stop > s)
			rb_span(b, t, stop - s, text_width(t, stop - s),
				p->segs[k].attr);
		if (stop > s)
			s = stop;
		k++;
		if (k >= p->nsegs)
			break;
	}
}

int
rb_prefix(struct rbuilder *b, const struct rpara *pre, int max)
{
	int w, skip = 0;
	size_t i = 0;

	if (!pre || !pre->text.len)
		return 0;
	w = rpara_width(pre);
	if (max < 0)
		max = 0;
	/* Too wide: drop columns from the left, so the innermost marks (a
	 * list marker, the last quote bar) stay. */
	while (i < pre->text.len && w - skip > max) {
		uint32_t cp;

		i += utf8_decode(pre->text.data + i, pre->text.len - i, &cp);
		skip += utf8_cpwidth(cp);
	}
	rb_para_range(b, pre, i, pre->text.len);
	return w - skip;
}

/* CJK punctuation that must not start a line (closing marks, small kana
 * are left alone) or end one (opening marks). */
static int
no_break_before(uint32_t cp)
{
	switch (cp) {
	case 0x3001:
	case 0x3002:
	case 0xff0c:
	case 0xff0e:
	case 0xff1a:
	case 0xff1b:
	case 0xff01:
	case 0xff1f:
	case 0xff09:
	case 0x300d:
	case 0x300f:
	case 0x3011:
	case 0x3015:
	case 0x3009:
	case 0x300b:
	case 0x3017:
	case 0x3019:
	case 0x301b:
	case 0x30fc:
	case 0xff5d:
	case 0xff3d:
	case 0x30fb:
	case 0x2026:
	case 0x2025:
		return 1;
	default:
		return 0;
	}
}

static int
no_break_after(uint32_t cp)
{
	switch (cp) {
	case 0xff08:
	case 0x300c:
	case 0x300e:
	case 0x3010:
	case 0x3014:
	case 0x3008:
	case 0x300a:
	case 0x3016:
	case 0x3018:
	case 0x301a:
	case 0xff5b:
	case 0xff3b:
		return 1;
	default:
		return 0;
	}
}

static int
is_letter(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	       (cp >= 0xc0 && cp != 0xd7 && cp != 0xf7 && cp < 0x2000);
}

/* utf8_decode() with the common well-formed two- and three-byte forms
 * decoded in line (the text is sanitised, but stays checked). */
static inline size_t
decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;

	if (len >= 2 && p[0] >= 0xc2 && p[0] < 0xe0 && (p[1] & 0xc0) == 0x80) {
		*cp = ((uint32_t)(p[0] & 0x1f) << 6) | (p[1] & 0x3f);
		return 2;
	}
	if (len >= 3 && p[0] > 0xe0 && p[0] < 0xed && (p[1] & 0xc0) == 0x80 &&
	    (p[2] & 0xc0) == 0x80) {
		*cp = ((uint32_t)(p[0] & 0x0f) << 12) |
		      ((uint32_t)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
		return 3;
	}
	return utf8_decode(s, len, cp);
}

/* Where the line starting at pos ends (*end, trailing blanks included) and
 * the next one starts (*next), for avail columns. */
static void
find_break(const char *t, size_t len, size_t pos, int avail, size_t *end,
	   size_t *next, int *cols)
{
	size_t i = pos, brk_end = 0, brk_next = 0;
	uint32_t prev = 0, prev2 = 0;
	int col = 0, prevw = 0, have_brk = 0, brk_col = 0;

	while (i < len) {
		unsigned char c = (unsigned char)t[i];
		uint32_t cp;
		size_t n;
		int w;

		if (c == '\n') {
			*end = i;
			*next = i + 1;
			*cols = col;
			return;
		}
		if (c < 0x80) {
			cp = c;
			n = 1;
			w = 1;
		} else {
			n = decode(t + i, len - i, &cp);
			w = utf8_cpwidth(cp);
		}
		if (cp == ' ') {
			if (col + 1 > avail) {
				*end = i;
				*next = i + 1;
				*cols = col;
				return;
			}
			brk_end = i;
			brk_next = i + 1;
			brk_col = col;
			have_brk = 1;
		} else if (cp == 0x200b) { /* zero width space */
			brk_end = i;
			brk_next = i + n;
			brk_col = col;
			have_brk = 1;
		} else if (w > 0 && col > 0 &&
			   (((w == 2 || prevw == 2) && !no_break_before(cp) &&
			     !no_break_after(prev)) ||
			    (prev == '-' && is_letter(prev2) &&
			     is_letter(cp)))) {
			brk_end = i;
			brk_next = i;
			brk_col = col;
			have_brk = 1;
		}
		if (w > 0 && col + w > avail) {
			if (have_brk && brk_end > pos) {
				*end = brk_end;
				*next = brk_next;
				*cols = brk_col;
			} else if (i > pos) {
				*end = i;
				*next = i;
				*cols = col;
			} else {
				/* A character wider than the line: alone, with
				 * the zero-width marks after it. */
				i += n;
				while (i < len) {
					uint32_t z;
					size_t zn =
					    utf8_decode(t + i, len - i, &z);

					if (utf8_cpwidth(z) != 0 || z < 0x80)
						break;
					i += zn;
				}
				*end = *next = i;
				*cols = w;
			}
			return;
		}
		col += w;
		i += n;
		if (w > 0) {
			prev2 = prev;
			prev = cp;
			prevw = w;
		}
	}
	*end = len;
	*next = len;
	*cols = col;
}

void
rb_wrap(struct rbuilder *b, const struct rpara *p, const struct rpara *first,
	const struct rpara *rest, int width)
{
	const char *t = p->text.data;
	size_t len = p->text.len, pos = 0, k;
	int is_first = 1;

	if (width < 1)
		width = 1;
	b->nwstart = 0;
	b->wline0 = b->nlines;
	while (pos < len) {
		int avail =
		    width - rb_prefix(b, is_first ? first : rest, width / 2);
		size_t end, next;
		int cols;

		if (b->nwstart == b->capwstart) {
			b->capwstart = b->capwstart ? b->capwstart * 2 : 16;
			b->wstart = xreallocarray(b->wstart, b->capwstart,
						  sizeof(*b->wstart));
		}
		b->wstart[b->nwstart++] = pos;
		find_break(t, len, pos, avail, &end, &next, &cols);
		while (end > pos && t[end - 1] == ' ') {
			end--;
			cols--;
		}
		k = seg_at(p, pos);
		if (end > pos &&
		    (k + 1 >= p->nsegs || p->segs[k + 1].off >= end))
			/* One attribute: the width is known already. */
			rb_span(b, t + pos, end - pos, cols, p->segs[k].attr);
		else
			rb_para_range(b, p, pos, end);
		rb_end_line(b);
		pos = next;
		while (pos < len && t[pos] == ' ')
			pos++;
		is_first = 0;
	}
}

struct render_page *
rb_finish(struct rbuilder *b)
{
	struct render_page *pg = xcalloc(1, sizeof(*pg));

	if (b->nspans > b->line_first)
		rb_end_line(b);
	pg->text_ = buf_steal(&b->text);
	pg->spans_ = xcalloc(b->nspans ? b->nspans : 1, sizeof(*pg->spans_));
	for (size_t i = 0; i < b->nspans; i++) {
		struct render_span *s = &pg->spans_[i];

		s->text = pg->text_ + b->spans[i].off;
		s->len = b->spans[i].len;
		s->width = b->spans[i].width;
		s->attr = b->spans[i].attr;
	}
	pg->nlines = b->nlines;
	pg->lines = xcalloc(b->nlines ? b->nlines : 1, sizeof(*pg->lines));
	for (size_t i = 0; i < b->nlines; i++) {
		pg->lines[i].spans = pg->spans_ + b->lines[i].first;
		pg->lines[i].nspans = b->lines[i].n;
		pg->lines[i].width = b->lines[i].width;
	}
	rb_free(b);
	return pg;
}

void
rb_free(struct rbuilder *b)
{
	buf_free(&b->text);
	free(b->spans);
	free(b->lines);
	free(b->wstart);
	memset(b, 0, sizeof(*b));
}
