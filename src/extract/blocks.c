/* blocks.c: the chosen content as doc blocks of inline runs. */
#include "autoconfig.h"

#include "extract/extract_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/str.h"
#include "util/url.h"

#define MAX_FRAMES 256
#define MAX_INLINE 128

/* A paragraph being gathered from inline content. */
struct pending {
	struct doc_block b;
	int space;    /* a space is owed before the next visible character */
	int at_start; /* nothing visible yet on this line */
	int breaks;   /* consecutive <br> seen */
};

struct frame {
	xmlNodePtr node;
	enum xtag tag;
	int quote, list, number, item_done;
};

struct builder {
	struct xctx *x;
	struct pending p;
	struct frame frames[MAX_FRAMES];
	int nframes, overflow;
	struct buf scratch;
	/* inline style stack while collecting one inline subtree */
	unsigned style[MAX_INLINE];
	const char *href[MAX_INLINE];
	char *hrefown[MAX_INLINE];
	int nin, inover;
	unsigned cell; /* table cell index of the text being gathered */
};

static struct frame *
top_frame(struct builder *b)
{
	return b->nframes ? &b->frames[b->nframes - 1] : NULL;
}

static void
pending_reset(struct pending *p)
{
	memset(&p->b, 0, sizeof(p->b));
	p->space = 0;
	p->at_start = 1;
	p->breaks = 0;
}

static void
pending_discard(struct pending *p)
{
	for (size_t i = 0; i < p->b.nruns; i++) {
		free(p->b.runs[i].text);
		free(p->b.runs[i].href);
	}
	free(p->b.runs);
	pending_reset(p);
}

/* Add text to the pending block, collapsing white space across runs. */
static void
pending_text(struct builder *b, const char *s, unsigned style, const char *href,
	     int raw)
{
	struct pending *p = &b->p;
	struct buf *o = &b->scratch;

	buf_reset(o);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (raw) {
			buf_putc(o, (char)c);
			continue;
		}
		if (str_isspace(c) ||
		    (c == 0xc2 && (unsigned char)s[1] == 0xa0)) {
			if (c == 0xc2)
				s++;
			if (!p->at_start)
				p->space = 1;
			continue;
		}
		if (p->space) {
			/* A link or emphasis starts at its first letter: the
			 * space before it stays with the run before. */
			struct doc_run *last = p->b.nruns && !o->len
						   ? &p->b.runs[p->b.nruns - 1]
						   : NULL;

			if (last && (style || href) &&
			    (last->style != style ||
			     (last->href == NULL) != (href == NULL) ||
			     (href && strcmp(last->href, href))))
				doc_block_add_run(&p->b, " ", 1, last->style,
						  last->href, last->cell);
			else
				buf_putc(o, ' ');
		}
		p->space = 0;
		p->at_start = 0;
		p->breaks = 0;
		buf_putc(o, (char)c);
	}
	if (o->len)
		doc_block_add_run(&p->b, o->data, o->len, style, href, b->cell);
}

static int
pending_visible(const struct pending *p)
{
	for (size_t i = 0; i < p->b.nruns; i++)
		for (const char *s = p->b.runs[i].text; *s; s++)
			if (!str_isspace((unsigned char)*s))
				return 1;
	return 0;
}

/* Emit the pending block as kind (a paragraph turns into the list item of
 * an enclosing li when it is the li's first block). */
static void
flush(struct builder *b, enum doc_block_kind kind, int level)
{
	struct pending *p = &b->p;
	struct doc_block *d;
	struct frame *f = NULL;
	int quote = 0;

	/* Trailing line breaks are no content. */
	while (p->b.nruns) {
		struct doc_run *r = &p->b.runs[p->b.nruns - 1];
		size_t n = strlen(r->text);

		while (n && (r->text[n - 1] == '\n' || r->text[n - 1] == ' '))
			r->text[--n] = '\0';
		if (n)
			break;
		free(r->text);
		free(r->href);
		p->b.nruns--;
	}
	if (!pending_visible(p)) {
		pending_discard(p);
		return;
	}
	for (int k = b->nframes - 1; k >= 0; k--) {
		if (!f && b->frames[k].tag == T_LI)
			f = &b->frames[k];
		if (b->frames[k].quote > quote)
			quote = b->frames[k].quote;
	}
	if (kind == DOC_PARAGRAPH && f && !f->item_done) {
		kind = DOC_LIST_ITEM;
		level = f->list;
		f->item_done = 1;
	}
	d = doc_add_block(b->x->doc, kind);
	d->runs = p->b.runs;
	d->nruns = p->b.nruns;
	d->capruns = p->b.capruns;
	d->level = level;
	d->quote = quote;
	if (kind == DOC_LIST_ITEM && f)
		d->number = f->number;
	pending_reset(p);
}

static char *
resolve(struct builder *b, const char *ref)
{
	char *u;

	if (!ref || !*ref || *ref == '#')
		return NULL;
	u = url_resolve(b->x->base, ref);
	if (u && !url_is_http(u)) {
		free(u);
		u = NULL;
	}
	return u;
}

static unsigned
style_of(enum xtag t)
{
	switch (t) {
	case T_EM:
	case T_I:
	case T_CITE:
		return DOC_EM;
	case T_STRONG:
	case T_B:
		return DOC_STRONG;
	case T_CODE:
	case T_KBD:
	case T_SAMP:
	case T_TT:
		return DOC_MONO;
	default:
		return 0;
	}
}

static int
inline_enter(xmlNodePtr n, void *arg)
{
	struct builder *b = arg;
	struct xinfo *i;
	unsigned st;
	const char *h;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content)
			pending_text(b, (const char *)n->content,
				     b->nin ? b->style[b->nin - 1] : 0,
				     b->nin ? b->href[b->nin - 1] : NULL, 0);
		return 0;
	}
	i = xi(n);
	if (!i || x_skipped(b->x, n))
		return 0;
	if (i->tag == T_BR) {
		struct pending *p = &b->p;

		if (p->breaks) {
			/* Two line breaks end a paragraph. */
			flush(b, DOC_PARAGRAPH, 0);
			return 0;
		}
		if (!p->at_start)
			doc_block_add_run(&p->b, "\n", 1, 0, NULL, 0);
		p->breaks++;
		p->space = 0;
		p->at_start = 1;
		return 0;
	}
	if (TAG_IS_BLOCK(i->tag) && !b->p.at_start)
		b->p.space = 1;
	if (b->nin >= MAX_INLINE) {
		b->inover++;
		return 1;
	}
	st = (b->nin ? b->style[b->nin - 1] : 0) | style_of(i->tag);
	h = b->nin ? b->href[b->nin - 1] : NULL;
	b->hrefown[b->nin] = NULL;
	if (i->tag == T_A) {
		char *u = resolve(b, dom_attr(n, "href"));

		if (u) {
			b->hrefown[b->nin] = u;
			h = u;
		}
	}
	b->style[b->nin] = st;
	b->href[b->nin] = h;
	b->nin++;
	return 1;
}

static void
inline_leave(xmlNodePtr n, void *arg)
{
	struct builder *b = arg;
	struct xinfo *i = xi(n);

	if (!i || x_skipped(b->x, n) || i->tag == T_BR)
		return;
	if (b->inover) {
		b->inover--;
		return;
	}
	if (b->nin) {
		b->nin--;
		free(b->hrefown[b->nin]);
		b->hrefown[b->nin] = NULL;
	}
	if (TAG_IS_BLOCK(i->tag) && !b->p.at_start)
		b->p.space = 1;
}

/* Gather n's subtree (or only its children) into the pending block. */
static void
collect_inline(struct builder *b, xmlNodePtr n)
{
	dom_walk(n, inline_enter, inline_leave, b);
}

static void
collect_children(struct builder *b, xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		collect_inline(b, c);
}

static const char *
img_src(const xmlNode *img)
{
	static const char *const attrs[] = {"src", "data-src", "data-original",
					    "data-lazy-src", NULL};

	for (const char *const *a = attrs; *a; a++) {
		const char *v = dom_attr(img, *a);

		if (v && *v && !str_starts_with(v, "data:"))
			return v;
	}
	return NULL;
}

struct find {
	struct xctx *x;
	enum xtag tag;
	xmlNodePtr hit;
};

static int
find_enter(xmlNodePtr n, void *arg)
{
	struct find *f = arg;
	struct xinfo *i = xi(n);

	if (f->hit || !i || (i->flags & XF_DROP))
		return 0;
	if (i->tag == f->tag && n != NULL) {
		if (f->tag != T_IMG || img_src(n)) {
			f->hit = n;
			return 0;
		}
	}
	return 1;
}

static xmlNodePtr
find_tag(struct xctx *x, xmlNodePtr root, enum xtag tag)
{
	struct find f = {x, tag, NULL};

	for (xmlNodePtr c = root->children; c && !f.hit; c = c->next)
		dom_walk(c, find_enter, NULL, &f);
	return f.hit;
}

static void
emit_figure(struct builder *b, xmlNodePtr n, xmlNodePtr img, xmlNodePtr caption)
{
	struct doc_block *d;
	char *src = img ? resolve(b, img_src(img)) : NULL;
	const char *alt = img ? dom_attr(img, "alt") : NULL;

	flush(b, DOC_PARAGRAPH, 0);
	if (caption)
		collect_children(b, caption);
	else if (!img)
		collect_children(b, n);
	if (!src && !pending_visible(&b->p)) {
		pending_discard(&b->p);
		return;
	}
	flush(b, DOC_FIGURE, 0);
	if (!b->x->doc->nblocks ||
	    b->x->doc->blocks[b->x->doc->nblocks - 1].kind != DOC_FIGURE ||
	    b->x->doc->blocks[b->x->doc->nblocks - 1].src) {
		d = doc_add_block(b->x->doc, DOC_FIGURE);
	} else {
		d = &b->x->doc->blocks[b->x->doc->nblocks - 1];
	}
	d->src = src;
	if (alt && *alt)
		d->alt = str_squeeze(alt, strlen(alt));
}

/* Rows of a data table as DOC_TABLE_ROW blocks. */
static void
emit_table(struct builder *b, xmlNodePtr table)
{
	xmlNodePtr n = table->children;

	flush(b, DOC_PARAGRAPH, 0);
	/* Rows sit in the table or one level down (thead, tbody, tfoot). */
	while (n) {
		struct xinfo *i = xi(n);

		if (i && !x_skipped(b->x, n) &&
		    (i->tag == T_THEAD || i->tag == T_TBODY ||
		     i->tag == T_TFOOT) &&
		    n->children) {
			n = n->children;
			continue;
		}
		if (i && i->tag == T_TR && !x_skipped(b->x, n)) {
			unsigned cell = 0;
			int header = 1;
			struct doc_block *d;

			for (xmlNodePtr c = n->children; c; c = c->next) {
				struct xinfo *ci = xi(c);

				if (!ci || (ci->tag != T_TD && ci->tag != T_TH))
					continue;
				if (ci->tag == T_TD)
					header = 0;
				b->p.at_start = 1;
				b->p.space = 0;
				b->cell = cell;
				collect_children(b, c);
				cell++;
			}
			b->cell = 0;
			if (pending_visible(&b->p)) {
				size_t at = b->x->doc->nblocks;

				flush(b, DOC_TABLE_ROW, 0);
				d = &b->x->doc->blocks[at];
				d->level = header;
			} else {
				pending_discard(&b->p);
			}
		} else if (i && i->tag == T_CAPTION && !x_skipped(b->x, n)) {
			collect_children(b, n);
			flush(b, DOC_PARAGRAPH, 0);
		}
		while (n && !n->next && n->parent != table)
			n = n->parent;
		n = n ? n->next : NULL;
	}
}

/* A box named for its picture ("image top", "photo-box") holding one image
 * and at most a line or paragraph about it: a figure with its caption. */
static int
is_photo_box(const xmlNode *n, const struct xinfo *i)
{
	const char *c = dom_attr(n, "class");

	if (!c || i->tag != T_DIV || i->nimg != 1 || i->np > 1 || i->nh ||
	    i->nli || i->text > 600 || i->link * 2 > i->text)
		return 0;
	return str_casestr(c, "image") || str_casestr(c, "photo") ||
	       str_casestr(c, "picture") || str_casestr(c, "figure");
}

static int
push(struct builder *b, xmlNodePtr n, enum xtag t)
{
	struct frame *f, *up = top_frame(b);

	if (b->nframes >= MAX_FRAMES) {
		b->overflow++;
		return 1;
	}
	f = &b->frames[b->nframes++];
	memset(f, 0, sizeof(*f));
	f->node = n;
	f->tag = t;
	f->quote = up ? up->quote : 0;
	f->list = up ? up->list : 0;
	if (t == T_BLOCKQUOTE)
		f->quote++;
	if (t == T_UL || t == T_OL)
		f->list++;
	if (t == T_LI && up && up->tag == T_OL)
		f->number = ++up->number;
	return 1;
}

static int
block_enter(xmlNodePtr n, void *arg)
{
	struct builder *b = arg;
	struct xinfo *i = xi(n);
	enum xtag t;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		collect_inline(b, n);
		return 0;
	}
	if (!i || x_skipped(b->x, n))
		return 0;
	t = (enum xtag)i->tag;
	if (is_photo_box(n, i)) {
		emit_figure(b, n, find_tag(b->x, n, T_IMG), n);
		return 0;
	}
	if (t != T_FIGURE && t != T_FIGCAPTION && x_is_caption(n, i)) {
		/* A caption outside <figure>: the picture's, not prose. */
		emit_figure(b, n, find_tag(b->x, n, T_IMG), n);
		return 0;
	}
	if (!(i->flags & XF_BLOCKY)) {
		if (t == T_IMG && b->p.at_start && !pending_visible(&b->p)) {
			emit_figure(b, n, n, NULL);
			return 0;
		}
		collect_inline(b, n);
		return 0;
	}
	switch (t) {
	case T_H1:
	case T_H2:
	case T_H3:
	case T_H4:
	case T_H5:
	case T_H6:
		if (i->flags & XF_HASBLOCK)
			break;
		flush(b, DOC_PARAGRAPH, 0);
		collect_children(b, n);
		flush(b, DOC_HEADING, t - T_H1 + 1);
		return 0;
	case T_PRE:
		flush(b, DOC_PARAGRAPH, 0);
		{
			char *s = (char *)xmlNodeGetContent(n);

			if (s) {
				size_t len = strlen(s);

				while (len && (s[len - 1] == '\n' ||
					       s[len - 1] == ' '))
					len--;
				s[len] = '\0';
				pending_text(b, s, DOC_MONO, NULL, 1);
				xmlFree(s);
			}
		}
		flush(b, DOC_CODE, 0);
		return 0;
	case T_HR:
		flush(b, DOC_PARAGRAPH, 0);
		doc_add_block(b->x->doc, DOC_RULE);
		return 0;
	case T_FIGURE:
		emit_figure(b, n, find_tag(b->x, n, T_IMG),
			    find_tag(b->x, n, T_FIGCAPTION));
		return 0;
	case T_TABLE:
		if (i->nh == 0 && i->np == 0 && i->nli == 0 && i->text < 3000 &&
		    !find_tag(b->x, n, T_TABLE)) {
			emit_table(b, n);
			return 0;
		}
		break;
	default:
		break;
	}
	flush(b, DOC_PARAGRAPH, 0);
	return push(b, n, t);
}

static void
block_leave(xmlNodePtr n, void *arg)
{
	struct builder *b = arg;
	struct xinfo *i = xi(n);

	if (!i || x_skipped(b->x, n) || !(i->flags & XF_BLOCKY))
		return;
	switch (i->tag) {
	case T_H1:
	case T_H2:
	case T_H3:
	case T_H4:
	case T_H5:
	case T_H6:
		if (!(i->flags & XF_HASBLOCK))
			return;
		break;
	case T_PRE:
	case T_HR:
	case T_FIGURE:
		return;
	case T_TABLE:
		if (!top_frame(b) || top_frame(b)->node != n)
			return;
		break;
	default:
		break;
	}
	flush(b, DOC_PARAGRAPH, 0);
	if (b->overflow)
		b->overflow--;
	else if (b->nframes)
		b->nframes--;
}

void
blocks_build(struct xctx *x, xmlNodePtr parent)
{
	struct builder *b = xcalloc(1, sizeof(*b));

	b->x = x;
	pending_reset(&b->p);
	buf_init(&b->scratch, 0);
	if (parent) {
		int all = !xi(parent) || xi(parent)->tag == T_BODY;

		for (xmlNodePtr c = parent->children; c; c = c->next) {
			struct xinfo *ci = xi(c);

			if (ci ? !(ci->flags & XF_KEEP) && !all : !all)
				continue;
			dom_walk(c, block_enter, block_leave, b);
		}
		if (xi(parent) && (xi(parent)->flags & XF_KEEP))
			dom_walk(parent, block_enter, block_leave, b);
	}
	flush(b, DOC_PARAGRAPH, 0);
	pending_discard(&b->p);
	buf_free(&b->scratch);
	free(b);
}
