/* render_int.h: the line builder and paragraph wrapper shared inside render. */
#ifndef WARTA_RENDER_INT_H
#define WARTA_RENDER_INT_H

#include "render.h"
#include "util/buf.h"

/* An attribute change at byte off of a paragraph's text. */
struct rseg {
	size_t off;
	enum render_attr attr;
};

/* Text to wrap: sanitised UTF-8 with runs of spaces collapsed, "\n" for a
 * forced line break, and the attributes along it. */
struct rpara {
	struct buf text;
	struct rseg *segs;
	size_t nsegs, capsegs;
};

void rpara_init(struct rpara *p);
void rpara_reset(struct rpara *p);
void rpara_free(struct rpara *p);
/* Append len bytes of raw text (sanitised here) with attribute a; newlines
 * are kept as forced breaks when keep_newlines, else become spaces. */
void rpara_add(struct rpara *p, const char *s, size_t len, enum render_attr a,
	       int keep_newlines);
/* Append text already sanitised, verbatim (no space collapsing). */
void rpara_add_raw(struct rpara *p, const char *s, size_t len,
		   enum render_attr a);
/* Display width of the whole paragraph. */
int rpara_width(const struct rpara *p);

struct rspan_rec {
	size_t off, len;
	int width;
	enum render_attr attr;
};

struct rline_rec {
	size_t first, n;
	int width;
};

struct rbuilder {
	struct buf text;
	struct rspan_rec *spans;
	size_t nspans, capspans;
	struct rline_rec *lines;
	size_t nlines, caplines;
	size_t line_first; /* first span of the line being built */
	int line_width;
	/* Filled by rb_wrap(): the paragraph offset where each of the lines
	 * it emitted starts, and the index of the first of them. */
	size_t *wstart;
	size_t nwstart, capwstart, wline0;
};

void rb_init(struct rbuilder *b);
/* Add a span to the line being built (text must be sanitised). */
void rb_span(struct rbuilder *b, const char *s, size_t len, int width,
	     enum render_attr a);
/* Finish the line being built (possibly empty). */
void rb_end_line(struct rbuilder *b);
/* Add a blank line unless there are no lines yet or the last is blank. */
void rb_blank(struct rbuilder *b);
/* Emit the spans of a line prefix, dropping columns from its left so that
 * it takes at most max; returns the columns used. */
int rb_prefix(struct rbuilder *b, const struct rpara *pre, int max);
/* Wrap p to width columns: the first line starts with the spans of first,
 * the others with those of rest. */
void rb_wrap(struct rbuilder *b, const struct rpara *p,
	     const struct rpara *first, const struct rpara *rest, int width);
/* Emit p's bytes [s, e) as spans after the current content. */
void rb_para_range(struct rbuilder *b, const struct rpara *p, size_t s,
		   size_t e);
/* Turn the builder into a page (links added by the caller); b is emptied. */
struct render_page *rb_finish(struct rbuilder *b);
void rb_free(struct rbuilder *b);

#endif
