/* extract_int.h: what the extractor's parts share; not a public interface. */
#ifndef WARTA_EXTRACT_INT_H
#define WARTA_EXTRACT_INT_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "doc/doc.h"

enum xtag {
	T_OTHER, /* unknown: treated as inline */
	T_A,
	T_B,
	T_STRONG,
	T_I,
	T_EM,
	T_CITE,
	T_CODE,
	T_KBD,
	T_SAMP,
	T_TT,
	T_BR,
	T_IMG,
	T_SPAN,
	T_FONT,
	T_SMALL,
	T_SUP,
	T_SUB,
	T_U,
	T_MARK,
	T_Q,
	T_TIME,
	T_LABEL,
	T_ABBR,
	T_MATH,
	/* block-level from here on */
	T_P,
	T_DIV,
	T_SECTION,
	T_ARTICLE,
	T_MAIN,
	T_H1,
	T_H2,
	T_H3,
	T_H4,
	T_H5,
	T_H6,
	T_UL,
	T_OL,
	T_LI,
	T_DL,
	T_DT,
	T_DD,
	T_BLOCKQUOTE,
	T_PRE,
	T_TABLE,
	T_THEAD,
	T_TBODY,
	T_TFOOT,
	T_TR,
	T_TD,
	T_TH,
	T_CAPTION,
	T_FIGURE,
	T_FIGCAPTION,
	T_PICTURE,
	T_HR,
	T_CENTER,
	T_ADDRESS,
	T_DETAILS,
	T_SUMMARY,
	T_FORM,
	T_FIELDSET,
	T_NAV,
	T_ASIDE,
	T_HEADER,
	T_FOOTER,
	T_BODY,
	T_HTML,
	T_HEAD,
	T_MENU,
	T_DIALOG,
	/* never content */
	T_SCRIPT,
	T_STYLE,
	T_NOSCRIPT,
	T_IFRAME,
	T_SVG,
	T_INPUT,
	T_BUTTON,
	T_SELECT,
	T_OPTION,
	T_TEXTAREA,
	T_TITLE,
	T_META,
	T_LINK,
	T_VIDEO,
	T_AUDIO,
	T_OBJECT,
	T_EMBED,
	T_CANVAS,
	T_TEMPLATE,
	T_MAP,
	T_SOURCE,
	T_COUNT
};

#define TAG_IS_BLOCK(t) ((t) >= T_P && (t) < T_SCRIPT)

/* Node flags. */
enum {
	XF_JUNK = 1 << 0,     /* never content (scripts, hidden, navigation) */
	XF_UNLIKELY = 1 << 1, /* class/id says clutter; skipped when strict */
	XF_BLOCKY = 1 << 2,   /* block-level itself or holds a block */
	XF_HASBLOCK = 1 << 3, /* holds a block-level descendant */
	XF_SCORED = 1 << 4,   /* a candidate with a score */
	XF_DROP = 1 << 5,     /* cleaned out of the chosen content */
	XF_COMMENTS = 1 << 6, /* a reader-comment area */
	XF_KEEP = 1 << 7,     /* part of the chosen content */
};

/* What the extractor knows about each element (hung on node->_private). */
struct xinfo {
	uint8_t tag;
	uint8_t flags;
	int16_t weight; /* class/id weight */
	uint32_t text;	/* characters of text inside (collapsed) */
	uint32_t link;	/* of which inside links */
	uint32_t commas;
	uint16_t np, nimg, nli, ninput, nembed, nh; /* descendants, saturated */
	uint16_t ndivp; /* descendant divs of text alone, saturated */
	float score;
};

/* The extraction state for one page. */
struct xctx {
	htmlDocPtr html;
	xmlNodePtr body;
	struct xinfo *info;
	size_t ninfo;
	const char *base; /* URL links resolve against, or NULL */
	char *base_own;
	int strict; /* honour XF_UNLIKELY and class weights */
	struct doc *doc;
};

static inline struct xinfo *
xi(const xmlNode *n)
{
	return n && n->type == XML_ELEMENT_NODE ? (struct xinfo *)n->_private
						: NULL;
}

/* A skipped subtree in the current mode. */
static inline int
x_skipped(const struct xctx *x, const xmlNode *n)
{
	const struct xinfo *i = xi(n);

	if (!i)
		return 0;
	return (i->flags & (XF_JUNK | XF_DROP | XF_COMMENTS)) ||
	       (x->strict && (i->flags & XF_UNLIKELY));
}

/* dom.c: walking and reading the tree. */
/* Walk root's subtree in document order without recursion: enter(n) says
 * whether to descend into n; leave(n) follows for every entered node. */
void dom_walk(xmlNodePtr root, int (*enter)(xmlNodePtr, void *),
	      void (*leave)(xmlNodePtr, void *), void *arg);
/* The value of attribute name (lower-case), borrowed, or NULL. */
const char *dom_attr(const xmlNode *n, const char *name);
/* The tag id of an element name. */
enum xtag dom_tag(const char *name);
/* Characters a text would show, white space runs counted once. */
size_t dom_text_len(const char *s, size_t *commas);
/* The element's text, white space collapsed and trimmed; caller frees. */
char *dom_text(const xmlNode *n);
/* dom_text without the subtrees under n for which skip(element) is 1, and
 * with the texts of any two elements kept apart by a space. */
char *dom_text_without(const xmlNode *n, int (*skip)(const xmlNode *));
/* 1 if hay contains needle as a word-ish piece of a class/id list. */
int dom_class_has(const char *hay, const char *needle);

/* clean.c: flags from tags, classes and visibility. */
/* Allocate the info array and set tag, JUNK, UNLIKELY and weights. */
void clean_classify(struct xctx *x);
/* Count text, links and descendants bottom-up for the current mode. */
void clean_measure(struct xctx *x);
/* Mark what inside the chosen content is clutter (XF_DROP). */
void clean_content(struct xctx *x, xmlNodePtr top);
/* The class weight of an element (-50..50). */
int clean_class_weight(const xmlNode *n);
/* 1 if n's class says it is a caption or a photo credit and it holds at
 * most a paragraph (600 characters). */
int x_is_caption(const xmlNode *n, const struct xinfo *i);

/* score.c: finding the main content. */
/* Score paragraphs into their ancestors and mark the chosen content with
 * XF_KEEP; returns the container whose KEEP children form the body. */
xmlNodePtr score_select(struct xctx *x);

/* blocks.c: the chosen content as doc blocks. */
void blocks_build(struct xctx *x, xmlNodePtr parent);
/* Drop teaser inserts, ad labels, title repeats and such from the body. */
void blocks_tidy(struct xctx *x);

/* meta_ld.c: JSON-LD. The fields of the most article-like object found so
 * far (rank 2 for an article type, 1 for a web page); strings owned. */
struct meta_ld {
	char *title, *name, *byline, *published, *site, *image, *desc;
	int rank;
};
/* Read one JSON-LD script into l, keeping what outranks l's object. */
void meta_ld_read(const char *json, size_t len, struct meta_ld *l);
void meta_ld_free(struct meta_ld *l);

/* byline.c: the writer's name. */
/* 1 if n looks like a byline: rel=author, itemprop=author, or a class/id
 * saying "byline" or "author" (not "authorization", not an author's
 * picture, biography, job title or date). */
int meta_looks_byline(const xmlNode *n);
/* The writer's name in byline element b, from the most precise element
 * inside it (rel=author, an author class, the name of an itemprop=author)
 * that still reads as a name, without prefix ("By"), date, job title or
 * handle; caller frees; NULL when none reads as a name. */
char *meta_byline_name(const xmlNode *b);
/* s after a byline's prefix ("By ", "Posted by ", "Text:"...), borrowed. */
const char *meta_byline_skip_prefix(const char *s);

/* meta.c: metadata. */
void meta_extract(struct xctx *x, const char *url);
/* dateline.c: parse a Kompas-style dateline ("Kompas.com - 26/09/2020, 08:13
 * WIB") to ISO 8601 in out (26 bytes); 0 on success. */
int meta_parse_dateline(const char *s, char out[32]);
/* A date and time as comment sections write them, numbers only:
 * "24/11/2026 10:02", "24.11.2026, 10:02", "11/24/2026 10:02 PM" (with
 * month_first, for US English pages); a zone name is optional, and without
 * one the ISO 8601 result has no offset (the site's local time). 0 or -1. */
int meta_local_date(const char *s, int month_first, char out[32]);
/* Size of meta_iso_date()'s output. */
#define META_DATE_MAX 64
/* Normalise a date as pages give it to ISO 8601: "YYYY-MM-DD" alone, or
 * "YYYY-MM-DDTHH:MM:SS[.fff]" followed by "Z", "+HH:MM" when the page gives
 * an offset ("+0100" becomes "+01:00"), or nothing when it gives none;
 * other forms date_parse() knows become UTC with "Z". Returns 0, or -1 when
 * s is no date at all or a placeholder (date_is_placeholder()). */
int meta_iso_date(const char *s, char out[META_DATE_MAX]);

/* comments.c: reader comments, kept apart from the body. */
void comments_extract(struct xctx *x);

/* next_page.c: the next page of a multi-page article. */
void pages_find_next(struct xctx *x, const char *url);

#endif
