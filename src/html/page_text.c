/* page_text.c: a whole HTML page as plain text in reading order. */
#include "autoconfig.h"

#include "html/page_text.h"
#include "html/html.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

#include <libxml/HTMLtree.h>
#include <stdlib.h>
#include <string.h>

/* Elements whose content is never shown. */
static int
is_hidden(const char *name)
{
	static const char *const hidden[] = {
		"script", "style",  "noscript", "template", "head",
		"svg",    "iframe", "object",   "select",   "button",
	};

	for (size_t i = 0; i < sizeof(hidden) / sizeof(hidden[0]); i++)
		if (!str_casecmp(name, hidden[i]))
			return 1;
	return 0;
}

/* Elements that start a new line of text. */
static int
is_block(const char *name)
{
	static const char *const blocks[] = {
		"address", "article", "aside",  "blockquote", "br",
		"dd",      "div",     "dl",     "dt",         "fieldset",
		"figcaption", "figure", "footer", "form",     "h1",
		"h2",      "h3",      "h4",     "h5",         "h6",
		"header",  "hr",      "li",     "main",       "nav",
		"ol",      "p",       "pre",    "section",    "table",
		"tr",      "ul",      "td",     "th",         "title",
		"body",    "html",    "summary", "details",
	};

	for (size_t i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++)
		if (!str_casecmp(name, blocks[i]))
			return 1;
	return 0;
}

/* End the current line (once). */
static void
line_break(struct buf *b)
{
	if (b->len && b->data[b->len - 1] != '\n')
		buf_putc(b, '\n');
}

static void
add_text(struct buf *b, const char *t)
{
	for (const unsigned char *p = (const unsigned char *)t; *p; p++) {
		int space = str_isspace(*p);
		char last = b->len ? b->data[b->len - 1] : '\n';

		if (space) {
			if (last != ' ' && last != '\n')
				buf_putc(b, ' ');
			continue;
		}
		buf_putc(b, (char)*p);
	}
}

char *
page_text_from_html(const char *bytes, size_t len, const char *url,
		   const char *http_charset, struct err *e)
{
	htmlDocPtr doc = html_parse(bytes, len, url, http_charset, e);
	xmlNodePtr n;
	struct buf b;

	if (!doc)
		return NULL;
	buf_init(&b, PAGE_TEXT_MAX);
	n = xmlDocGetRootElement(doc);
	/* iterative walk: the tree may be deep */
	while (n) {
		int descend = 0;

		if (n->type == XML_ELEMENT_NODE) {
			const char *name = (const char *)n->name;

			if (!is_hidden(name)) {
				if (is_block(name))
					line_break(&b);
				descend = n->children != NULL;
			}
		} else if (n->type == XML_TEXT_NODE ||
			   n->type == XML_CDATA_SECTION_NODE) {
			if (n->content)
				add_text(&b, (const char *)n->content);
		}
		if (descend) {
			n = n->children;
			continue;
		}
		while (n && !n->next) {
			n = n->parent;
			if (n && n->type == XML_ELEMENT_NODE &&
			    is_block((const char *)n->name))
				line_break(&b);
			if (n && n->type == XML_DOCUMENT_NODE)
				n = NULL;
			if (n == (xmlNodePtr)doc)
				n = NULL;
		}
		if (n)
			n = n->next;
	}
	xmlFreeDoc(doc);
	/* trim trailing spaces before newlines left by inline elements */
	{
		char *out = buf_steal(&b), *w = out;

		for (char *r = out; *r; r++) {
			if (*r == '\n')
				while (w > out && w[-1] == ' ')
					w--;
			if (*r == ' ' && (w == out || w[-1] == '\n'))
				continue;
			*w++ = *r;
		}
		*w = '\0';
		return out;
	}
}
