/* page_text.c: the text of a libxml2 tree (a page, an anchor, an attribute). */
#include "autoconfig.h"

#include "html/page_text.h"
#include "html/html.h"
#include "html/html_text.h"
#include "html/html_text_int.h"
#include "util/err.h"

#include <libxml/HTMLtree.h>
#include <string.h>

static enum html_elem
kind_of(const xmlNode *n)
{
	const char *name = (const char *)n->name;

	if (n->type != XML_ELEMENT_NODE || !name)
		return HTML_ELEM_UNKNOWN;
	return html_elem_kind(name, strlen(name));
}

char *
html_text_node(const xmlNode *top, enum html_text_form form, size_t max)
{
	struct html_sink k;
	const xmlNode *n = top;

	html_sink_init(&k, form, max, 256);
	/* iterative: a page's tree may be deep */
	while (n && !k.full) {
		int descend = 0;

		switch (n->type) {
		case XML_ELEMENT_NODE: {
			enum html_elem kind = kind_of(n);

			if (kind == HTML_ELEM_BLOCK)
				html_sink_break(&k);
			descend = kind != HTML_ELEM_HIDDEN;
			break;
		}
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (n->content)
				html_sink_text(
				    &k, (const char *)n->content,
				    strlen((const char *)n->content));
			break;
		case XML_DOCUMENT_NODE:
		case XML_HTML_DOCUMENT_NODE:
		case XML_DOCUMENT_FRAG_NODE:
		case XML_ATTRIBUTE_NODE:
			descend = 1;
			break;
		default:
			break; /* comments, processing instructions, DTDs */
		}
		if (descend && n->children) {
			n = n->children;
			continue;
		}
		while (n != top && !n->next) {
			n = n->parent;
			if (n && kind_of(n) == HTML_ELEM_BLOCK)
				html_sink_break(&k);
		}
		n = n && n != top ? n->next : NULL;
	}
	return html_sink_finish(&k);
}

char *
page_text_from_html(const char *bytes, size_t len, const char *url,
		    const char *http_charset, struct err *e)
{
	htmlDocPtr doc = html_parse(bytes, len, url, http_charset, e);
	char *text;

	if (!doc)
		return NULL;
	text = html_text_node(xmlDocGetRootElement(doc), HTML_TEXT_LINES,
			      PAGE_TEXT_MAX);
	xmlFreeDoc(doc);
	return text;
}
