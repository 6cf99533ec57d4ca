/* dom.c: iterative walks and small readers over the libxml2 tree. */
#include "autoconfig.h"

#include "extract/extract_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/str.h"

void
dom_walk(xmlNodePtr root, int (*enter)(xmlNodePtr, void *),
	 void (*leave)(xmlNodePtr, void *), void *arg)
{
	xmlNodePtr n = root;

	if (!root)
		return;
	for (;;) {
		if (enter(n, arg) && n->children &&
		    n->type != XML_ENTITY_REF_NODE) {
			n = n->children;
			continue;
		}
		/* n is finished: leave it and its finished ancestors. */
		for (;;) {
			if (leave)
				leave(n, arg);
			if (n == root)
				return;
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
			if (!n)
				return;
		}
	}
}

const char *
dom_attr(const xmlNode *n, const char *name)
{
	const xmlAttr *a;

	if (!n || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (a = n->properties; a; a = a->next) {
		if (str_casecmp((const char *)a->name, name))
			continue;
		if (a->children && a->children->type == XML_TEXT_NODE)
			return (const char *)a->children->content;
		return "";
	}
	return NULL;
}

struct tag_entry {
	const char *name;
	enum xtag tag;
};

static const struct tag_entry tags[] = {
    {"a", T_A},
    {"abbr", T_ABBR},
    {"address", T_ADDRESS},
    {"article", T_ARTICLE},
    {"aside", T_ASIDE},
    {"audio", T_AUDIO},
    {"b", T_B},
    {"blockquote", T_BLOCKQUOTE},
    {"body", T_BODY},
    {"br", T_BR},
    {"button", T_BUTTON},
    {"canvas", T_CANVAS},
    {"caption", T_CAPTION},
    {"center", T_CENTER},
    {"cite", T_CITE},
    {"code", T_CODE},
    {"dd", T_DD},
    {"details", T_DETAILS},
    {"dialog", T_DIALOG},
    {"div", T_DIV},
    {"dl", T_DL},
    {"dt", T_DT},
    {"em", T_EM},
    {"embed", T_EMBED},
    {"fieldset", T_FIELDSET},
    {"figcaption", T_FIGCAPTION},
    {"figure", T_FIGURE},
    {"font", T_FONT},
    {"footer", T_FOOTER},
    {"form", T_FORM},
    {"h1", T_H1},
    {"h2", T_H2},
    {"h3", T_H3},
    {"h4", T_H4},
    {"h5", T_H5},
    {"h6", T_H6},
    {"head", T_HEAD},
    {"header", T_HEADER},
    {"hr", T_HR},
    {"html", T_HTML},
    {"i", T_I},
    {"iframe", T_IFRAME},
    {"img", T_IMG},
    {"input", T_INPUT},
    {"kbd", T_KBD},
    {"label", T_LABEL},
    {"li", T_LI},
    {"link", T_LINK},
    {"main", T_MAIN},
    {"map", T_MAP},
    {"mark", T_MARK},
    {"math", T_MATH},
    {"menu", T_MENU},
    {"meta", T_META},
    {"nav", T_NAV},
    {"noscript", T_NOSCRIPT},
    {"object", T_OBJECT},
    {"ol", T_OL},
    {"option", T_OPTION},
    {"p", T_P},
    {"picture", T_PICTURE},
    {"pre", T_PRE},
    {"q", T_Q},
    {"samp", T_SAMP},
    {"script", T_SCRIPT},
    {"section", T_SECTION},
    {"select", T_SELECT},
    {"small", T_SMALL},
    {"source", T_SOURCE},
    {"span", T_SPAN},
    {"strong", T_STRONG},
    {"style", T_STYLE},
    {"sub", T_SUB},
    {"summary", T_SUMMARY},
    {"sup", T_SUP},
    {"svg", T_SVG},
    {"table", T_TABLE},
    {"tbody", T_TBODY},
    {"td", T_TD},
    {"template", T_TEMPLATE},
    {"textarea", T_TEXTAREA},
    {"tfoot", T_TFOOT},
    {"th", T_TH},
    {"thead", T_THEAD},
    {"time", T_TIME},
    {"title", T_TITLE},
    {"tr", T_TR},
    {"tt", T_TT},
    {"u", T_U},
    {"ul", T_UL},
    {"video", T_VIDEO},
};

static int
tag_cmp(const void *k, const void *e)
{
	const char *name = k;
	const char *other = *(const char *const *)e;

	return strcmp(name, other);
}

enum xtag
dom_tag(const char *name)
{
	const void *hit;

	if (!name)
		return T_OTHER;
	hit = bsearch(name, tags, sizeof(tags) / sizeof(tags[0]),
		      sizeof(tags[0]), tag_cmp);
	return hit ? ((const struct tag_entry *)hit)->tag : T_OTHER;
}

size_t
dom_text_len(const char *s, size_t *commas)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;
	int space = 0;

	if (!p)
		return 0;
	for (; *p; p++) {
		if (str_isspace(*p)) {
			space = 1;
			continue;
		}
		if ((*p & 0xc0) == 0x80)
			continue;
		n += space + 1;
		space = 0;
		if (*p == ',')
			(*commas)++;
		else if (*p == 0xef && p[1] == 0xbc && p[2] == 0x8c)
			(*commas)++; /* U+FF0C fullwidth comma */
		else if (*p == 0xd8 && p[1] == 0x8c)
			(*commas)++; /* U+060C Arabic comma */
		else if (*p == 0xe3 && p[1] == 0x80 && p[2] == 0x81)
			(*commas)++; /* U+3001 ideographic comma */
	}
	return n;
}

struct text_acc {
	struct buf b;
	const xmlNode *top;
	int (*skip)(const xmlNode *); /* or NULL */
};

static int
text_enter(xmlNodePtr n, void *arg)
{
	struct text_acc *t = arg;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content)
			buf_puts(&t->b, (const char *)n->content);
		return 0;
	}
	if (n->type != XML_ELEMENT_NODE)
		return 0;
	if (t->skip && n != t->top && t->skip(n))
		return 0;
	switch (dom_tag((const char *)n->name)) {
	case T_SCRIPT:
	case T_STYLE:
	case T_TEMPLATE:
		return 0;
	case T_BR:
		buf_putc(&t->b, ' ');
		return 0;
	default:
		/* with parts left out, any two elements' texts stay apart */
		if (t->skip || TAG_IS_BLOCK(dom_tag((const char *)n->name)))
			buf_putc(&t->b, ' ');
		return 1;
	}
}

char *
dom_text(const xmlNode *n)
{
	return dom_text_without(n, NULL);
}

char *
dom_text_without(const xmlNode *n, int (*skip)(const xmlNode *))
{
	struct text_acc t;
	char *s;

	buf_init(&t.b, 1 << 20);
	t.top = n;
	t.skip = skip;
	dom_walk((xmlNodePtr)n, text_enter, NULL, &t);
	s = str_squeeze(t.b.data ? t.b.data : "", t.b.len);
	buf_free(&t.b);
	return s;
}

int
dom_class_has(const char *hay, const char *needle)
{
	return hay && str_casestr(hay, needle) != NULL;
}
