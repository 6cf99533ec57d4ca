/* feed_node.c: reading a feed's tree: namespaces, attributes, text, links. */
#include "autoconfig.h"

#include "feed/feed_int.h"
#include "html/html_text.h"
#include "html/xmlwalk.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/url.h"

#include <stdlib.h>
#include <string.h>

static const struct {
	const char *href;
	enum feed_ns ns;
} ns_uris[] = {
    {"http://www.w3.org/2005/Atom", NS_ATOM},
    {"http://purl.org/atom/ns#", NS_ATOM},
    {"http://purl.org/dc/elements/1.1/", NS_DC},
    {"http://purl.org/dc/terms/", NS_DCTERMS},
    {"http://purl.org/rss/1.0/modules/content/", NS_CONTENT},
    {"http://search.yahoo.com/mrss/", NS_MEDIA},
    {"http://search.yahoo.com/mrss", NS_MEDIA},
    {"http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF},
    {"http://purl.org/rss/1.0/", NS_CORE},
    {"http://my.netscape.com/rdf/simple/0.9/", NS_CORE},
    {"http://backend.userland.com/rss2", NS_CORE},
};

/* Prefixes used without being declared (recovered documents keep them in
 * the element name). */
static const struct {
	const char *prefix;
	enum feed_ns ns;
} ns_prefixes[] = {
    {"atom", NS_ATOM},	     {"atom10", NS_ATOM},     {"dc", NS_DC},
    {"dcterms", NS_DCTERMS}, {"content", NS_CONTENT}, {"media", NS_MEDIA},
    {"rdf", NS_RDF},
};

enum feed_ns
feed_node_ns(const xmlNode *n, const char **local)
{
	const char *name = (const char *)n->name, *colon;
	size_t i;

	*local = name;
	if (n->ns && n->ns->href) {
		const char *href = (const char *)n->ns->href;

		for (i = 0; i < sizeof(ns_uris) / sizeof(ns_uris[0]); i++)
			if (!strcmp(href, ns_uris[i].href))
				return ns_uris[i].ns;
		return n->ns->prefix ? NS_OTHER : NS_CORE;
	}
	colon = strchr(name, ':');
	if (!colon)
		return NS_CORE;
	*local = colon + 1;
	for (i = 0; i < sizeof(ns_prefixes) / sizeof(ns_prefixes[0]); i++)
		if (strlen(ns_prefixes[i].prefix) == (size_t)(colon - name) &&
		    !strncmp(name, ns_prefixes[i].prefix,
			     (size_t)(colon - name)))
			return ns_prefixes[i].ns;
	return NS_OTHER;
}

/* The value of attribute name (any namespace unless ns_href is given),
 * borrowed from the tree; NULL when absent or not plain text. */
const char *
feed_attr(const xmlNode *n, const char *name, const char *ns_href)
{
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		if (strcmp((const char *)a->name, name))
			continue;
		if (ns_href && (!a->ns || !a->ns->href ||
				strcmp((const char *)a->ns->href, ns_href)))
			continue;
		if (a->children && a->children->type == XML_TEXT_NODE &&
		    !a->children->next)
			return (const char *)a->children->content;
		return NULL;
	}
	return NULL;
}

static void
append_capped(struct buf *b, const char *s, size_t n)
{
	if (b->max && b->len + n > b->max)
		n = b->max - b->len;
	if (n)
		buf_append(b, s, n);
}

/* Text t into b, escaped for HTML when it is an element's text. */
static void
put_text(struct buf *b, const char *t, int escape)
{
	char *esc;

	if (!escape) {
		append_capped(b, t, strlen(t));
		return;
	}
	esc = html_text_escape(t);
	append_capped(b, esc, strlen(esc));
	free(esc);
}

/* The text of entity reference n: one the document did not define is
 * read as HTML's; an internal one only when it is plain text, so nothing
 * expands. NULL when it gives none; caller frees. */
static char *
entity_text(const xmlNode *n)
{
	const xmlEntity *ent = xmlGetDocEntity(n->doc, n->name);
	const char *v = ent ? (const char *)ent->content : NULL;
	char *ref, *s;

	if (!ent) {
		ref = xasprintf("&%s;", n->name);
		s = html_text_decode_refs(ref, strlen(ref));
		free(ref);
		return s;
	}
	if (v && ent->etype == XML_INTERNAL_GENERAL_ENTITY && !strpbrk(v, "&<"))
		return xstrdup(v);
	if (v && ent->etype == XML_INTERNAL_PREDEFINED_ENTITY)
		return xstrdup(v);
	return NULL;
}

/* Element n as an HTML tag into b: its attributes with plain values,
 * closed at once when it has nothing inside ("<br/>"). */
static void
open_tag(struct buf *b, const xmlNode *n, int empty)
{
	append_capped(b, "<", 1);
	append_capped(b, (const char *)n->name, strlen((const char *)n->name));
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		const char *v = feed_attr(n, (const char *)a->name, NULL);

		if (!v)
			continue;
		append_capped(b, " ", 1);
		append_capped(b, (const char *)a->name,
			      strlen((const char *)a->name));
		append_capped(b, "=\"", 2);
		put_text(b, v, 1);
		append_capped(b, "\"", 1);
	}
	append_capped(b, empty ? "/>" : ">", empty ? 2 : 1);
}

static void
close_tag(struct buf *b, const xmlNode *n)
{
	append_capped(b, "</", 2);
	append_capped(b, (const char *)n->name, strlen((const char *)n->name));
	append_capped(b, ">", 1);
}

/* What is inside top into b (b's cap bounds it): its text, or with markup
 * set an HTML fragment. There top's own text is HTML already (escaped in
 * the XML: "&lt;p&gt;"), and elements the publisher left unescaped
 * ("<description><p>a</p><p>b</p>") come back as tags with their text
 * escaped, so their paragraphs stay paragraphs instead of running into one
 * another. */
static void
collect(const xmlNode *top, struct buf *b, int markup)
{
	const xmlNode *n = top->children;
	int depth = 0;

	while (n && !(b->max && b->len >= b->max)) {
		int descend = 0, escape = markup && n->parent != top;
		char *v;

		switch (n->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (n->content)
				put_text(b, (const char *)n->content, escape);
			break;
		case XML_ENTITY_REF_NODE:
			v = entity_text(n);
			if (v)
				put_text(b, v, escape);
			free(v);
			break;
		case XML_ELEMENT_NODE:
			descend = n->children && depth < WALK_DEPTH;
			if (markup)
				open_tag(b, n, !descend);
			break;
		default:
			break;
		}
		if (descend) {
			n = n->children;
			depth++;
			continue;
		}
		while (n != top && !n->next) {
			n = n->parent;
			depth--;
			if (markup && n != top)
				close_tag(b, n);
		}
		n = n != top ? n->next : NULL;
	}
}

/* collect() as a new string of at most max bytes. */
static char *
collected(const xmlNode *n, size_t max, int markup)
{
	struct buf b;

	buf_init(&b, max);
	collect(n, &b, markup);
	return buf_steal(&b);
}

/* n's text as a new string of at most max bytes (NUL-terminated). */
char *
feed_node_text(const xmlNode *n, size_t max)
{
	return collected(n, max, 0);
}

char *
feed_node_html(const xmlNode *n, size_t max)
{
	return collected(n, max, 1);
}

/* n's children serialised as XML (Atom xhtml content), at most max bytes;
 * a lone wrapping <div> is left out. */
char *
feed_node_markup(xmlNode *n, size_t max)
{
	xmlBufferPtr xb = xmlBufferCreate();
	xmlNode *c, *only = NULL;
	int nelems = 0;
	char *s;

	for (c = n->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			only = c;
			nelems++;
		}
	}
	if (nelems == 1 && !strcmp((const char *)only->name, "div"))
		n = only;
	for (c = n->children; c; c = c->next) {
		xmlNodeDump(xb, n->doc, c, 0, 0);
		if ((size_t)xmlBufferLength(xb) > max)
			break;
	}
	s = xstrndup((const char *)xmlBufferContent(xb),
		     (size_t)xmlBufferLength(xb) < max
			 ? (size_t)xmlBufferLength(xb)
			 : max);
	xmlBufferFree(xb);
	return s;
}

/* The base URL in effect at n: the document's, then each xml:base from
 * the root down. Caller frees; NULL when there is none. */
static char *
node_base(const struct feed_ctx *p, const xmlNode *n)
{
	const char *bases[16];
	int nb = 0;
	char *cur;

	for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
		const char *b =
		    feed_attr(n, "base", (const char *)XML_XML_NAMESPACE);

		if (b && nb < 16)
			bases[nb++] = b;
	}
	cur = p->url ? xstrdup(p->url) : NULL;
	while (nb-- > 0) {
		char *next = url_resolve(cur, bases[nb]);

		if (next) {
			free(cur);
			cur = next;
		}
	}
	return cur;
}

/* ref resolved against the base at n and checked by url_link_ok (http(s),
 * or file:// beside a feed read from a local file of the user's config,
 * such as the demo's); new string or NULL. */
char *
feed_resolve_link(const struct feed_ctx *p, const xmlNode *n, const char *ref)
{
	char *base, *abs, *trimmed;

	if (!ref)
		return NULL;
	trimmed = str_trim(xstrndup(ref, LINK_MAX));
	if (!*trimmed) {
		free(trimmed);
		return NULL;
	}
	base = node_base(p, n);
	abs = url_resolve(base, trimmed);
	free(base);
	free(trimmed);
	if (abs && !url_link_ok(p->url, abs)) {
		free(abs);
		abs = NULL;
	}
	return abs;
}
