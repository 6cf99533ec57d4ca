/* render_int.h: the line builder and paragraph wrapper shared inside render. */
#ifndef WARTA_RENDER_INT_H
#define WARTA_RENDER_INT_H

#include "render/render.h"
#include "util/buf.h"

#include <stdint.h>

/* An attribute change at byte off of a paragraph's text. */
struct rseg {
	size_t off;
	enum render_attr attr;
};

/* A space no line may break at; shown as a space. Sanitised text never holds
 * this control character, so it is free for internal use. */
#define RPARA_GLUE '\x01'

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
/* rpara_add() (no newlines) with the spaces of the text made unbreakable. */
void rpara_add_glued(struct rpara *p, const char *s, size_t len,
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

/* ---- the layout of one doc (render.c, render_blocks.c) */

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

static inline int
rl_clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Wrap the paragraph being built with the current prefixes, settle the
 * lines of the links numbered in it, and empty it. */
void rl_flush(struct layout *l);
/* Add runs [from, to) of b to the paragraph, numbering http(s) links. */
void rl_add_runs(struct layout *l, const struct doc_block *b, size_t from,
		 size_t to, enum render_attr base, int newlines);
/* Append "[n]" for url to the paragraph, before any trailing space. */
void rl_add_link_number(struct layout *l, const char *url);
/* Set both prefixes to the quote bars for depth q. */
void rl_quote(struct layout *l, int q);
/* Add cols spaces to both prefixes. */
void rl_indent(struct layout *l, int cols);
/* The blank line between blocks; inside a quote it keeps the bars. */
void rl_separate(struct layout *l, int q);
/* Add a rule of n columns to the line being built. */
void rl_rule(struct layout *l, int n, enum render_attr a);
/* Underline the paragraph just wrapped, as wide as its widest line. */
void rl_underline(struct layout *l, const char *c);

void rl_code(struct layout *l, const struct doc_block *bl);
void rl_list_item(struct layout *l, const struct doc_block *bl);
void rl_figure(struct layout *l, const struct doc_block *bl);
/* Rows [from, to) of the doc as one table. */
void rl_table(struct layout *l, size_t from, size_t to);
void rl_header(struct layout *l);
void rl_comments(struct layout *l);

#endif
