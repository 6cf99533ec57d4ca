/* feed_node.c: reading a feed's tree: namespaces, attributes, text, links. */
#include "autoconfig.h"

#include "feed/feed_int.h"
#include "html/html_text.h"
#include "html/xmlwalk.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/url.h"
#include "util/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Namespaces as feeds write them: compared with ASCII case ignored and
 * without a trailing '/' or '#', since both vary in the wild
 * ("http://www.itunes.com/DTDs/PodCast-1.0.dtd", ".../mrss" without its
 * slash, Dublin Core 1.0 for 1.1). */
static const struct {
	const char *href;
	enum feed_ns ns;
} ns_uris[] = {
    {"http://www.w3.org/2005/Atom", NS_ATOM},
    {"http://purl.org/atom/ns", NS_ATOM},
    {"http://purl.org/dc/elements/1.1", NS_DC},
    {"http://purl.org/dc/elements/1.0", NS_DC},
    {"http://purl.org/dc/terms", NS_DCTERMS},
    {"http://purl.org/rss/1.0/modules/content", NS_CONTENT},
    {"http://search.yahoo.com/mrss", NS_MEDIA},
    {"http://video.search.yahoo.com/mrss", NS_MEDIA},
    {"http://tools.search.yahoo.com/mrss", NS_MEDIA},
    {"http://www.itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES},
    {"http://www.w3.org/1999/xhtml", NS_XHTML},
    {"http://purl.org/rss/1.0/modules/slash", NS_SLASH},
    {"http://wellformedweb.org/CommentAPI", NS_WFW},
    {"http://purl.org/syndication/thread/1.0", NS_THR},
    {"http://www.w3.org/1999/02/22-rdf-syntax-ns", NS_RDF},
    {"http://purl.org/rss/1.0", NS_CORE},
    {"http://my.netscape.com/rdf/simple/0.9", NS_CORE},
    {"http://backend.userland.com/rss2", NS_CORE},
    {"http://backend.userland.com/rss", NS_CORE},
    {"http://blogs.law.harvard.edu/tech/rss", NS_CORE},
    {"http://purl.org/net/rss1.1", NS_CORE},
};

/* Prefixes used without being declared (recovered documents keep them in
 * the element name). */
static const struct {
	const char *prefix;
	enum feed_ns ns;
} ns_prefixes[] = {
    {"atom", NS_ATOM},	 {"atom10", NS_ATOM},	  {"atom03", NS_ATOM},
    {"dc", NS_DC},	 {"dcterms", NS_DCTERMS}, {"content", NS_CONTENT},
    {"media", NS_MEDIA}, {"itunes", NS_ITUNES},	  {"xhtml", NS_XHTML},
    {"slash", NS_SLASH}, {"wfw", NS_WFW},	  {"thr", NS_THR},
    {"rdf", NS_RDF},
};

/* 1 if namespace href is known (see ns_uris). */
static int
ns_is(const char *href, const char *known)
{
	size_t n = strlen(href), k = strlen(known);

	if (n && (href[n - 1] == '/' || href[n - 1] == '#'))
		n--;
	return n == k && !str_ncasecmp(href, known, n);
}

int
feed_name_is(const char *local, const char *name)
{
	/* the first letter settles most of the names an item is asked */
	return (local[0] | 0x20) == (name[0] | 0x20) &&
	       !str_casecmp(local, name);
}

enum feed_ns
feed_node_ns(const xmlNode *n, const char **local)
{
	const char *name = (const char *)n->name, *colon;
	size_t i;

	*local = name;
	if (n->ns && n->ns->href) {
		const char *href = (const char *)n->ns->href;
		enum feed_ns ns = n->ns->prefix ? NS_OTHER : NS_CORE;

		/* a declaration serves every element in its scope: its
		 * vocabulary is worked out once and kept on it (the tree is
		 * this parse's own) */
		if (n->ns->_private)
			return (enum feed_ns)((uintptr_t)n->ns->_private - 1);
		for (i = 0; i < sizeof(ns_uris) / sizeof(ns_uris[0]); i++)
			if (ns_is(href, ns_uris[i].href)) {
				ns = ns_uris[i].ns;
				break;
			}
		((xmlNs *)n->ns)->_private = (void *)((uintptr_t)ns + 1);
		return ns;
	}
	colon = strchr(name, ':');
	if (!colon)
		return NS_CORE;
	*local = colon + 1;
	for (i = 0; i < sizeof(ns_prefixes) / sizeof(ns_prefixes[0]); i++)
		if (strlen(ns_prefixes[i].prefix) == (size_t)(colon - name) &&
		    !str_ncasecmp(name, ns_prefixes[i].prefix,
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

/* Text t[0..n) into b, escaped for HTML when it is an element's text. */
static void
put_text_n(struct buf *b, const char *t, size_t n, int escape)
{
	size_t run = 0;

	if (!escape) {
		append_capped(b, t, n);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		static const unsigned char special[256] = {
		    ['&'] = 1, ['<'] = 2, ['>'] = 3, ['"'] = 4};
		static const char *const rep[] = {"", "&amp;", "&lt;", "&gt;",
						  "&quot;"};
		unsigned char k = special[(unsigned char)t[i]];

		if (!k)
			continue;
		append_capped(b, t + run, i - run);
		append_capped(b, rep[k], strlen(rep[k]));
		run = i + 1;
	}
	append_capped(b, t + run, n - run);
}

static void
put_text(struct buf *b, const char *t, int escape)
{
	put_text_n(b, t, strlen(t), escape);
}

/* The character of the XML reference at s[0..n) (s[0] == '&') into out
 * (4 bytes); its length, and the bytes it takes in *used, or 0 when it is
 * none (then the '&' is taken as it is). */
static size_t
xml_ref(const char *s, size_t n, char *out, size_t *used)
{
	static const struct {
		const char *name;
		char c;
	} five[] = {{"amp;", '&'},
		    {"lt;", '<'},
		    {"gt;", '>'},
		    {"quot;", '"'},
		    {"apos;", '\''}};
	unsigned long v = 0;
	size_t i = 2;
	int hex;

	for (size_t k = 0; k < sizeof(five) / sizeof(five[0]); k++) {
		size_t m = strlen(five[k].name);

		if (n > m && !memcmp(s + 1, five[k].name, m)) {
			*out = five[k].c;
			*used = m + 1;
			return 1;
		}
	}
	if (n < 4 || s[1] != '#')
		return 0;
	hex = s[2] == 'x' || s[2] == 'X';
	for (i = hex ? 3 : 2; i < n && i < 12; i++) {
		int d = s[i] >= '0' && s[i] <= '9' ? s[i] - '0'
			: hex && (s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'f'
			    ? (s[i] | 0x20) - 'a' + 10
			    : -1;

		if (d < 0)
			break;
		v = v * (hex ? 16 : 10) + (unsigned long)d;
	}
	if (i >= n || s[i] != ';' || i == (hex ? 3u : 2u))
		return 0;
	if (!v || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff) ||
	    (v < 0x20 && v != '\t' && v != '\n' && v != '\r'))
		v = 0xfffd; /* no character XML allows */
	*used = i + 1;
	return utf8_encode((uint32_t)v, out);
}

/* Character data t[0..n) as libxml2 would give it: references decoded,
 * line ends made "\n"; into b as put_text_n() puts it. */
static void
put_xml_text(struct buf *b, const char *t, size_t n, int escape)
{
	struct buf d;
	size_t i = 0, run = 0;

	buf_init(&d, 0);
	buf_reserve(&d, n);
	while (i < n) {
		char enc[4];
		size_t used = 0, k;

		if (t[i] != '&' && t[i] != '\r') {
			i++;
			continue;
		}
		buf_append(&d, t + run, i - run);
		if (t[i] == '\r') {
			buf_putc(&d, '\n');
			i += i + 1 < n && t[i + 1] == '\n' ? 2 : 1;
		} else if ((k = xml_ref(t + i, n - i, enc, &used))) {
			buf_append(&d, enc, k);
			i += used;
		} else {
			buf_putc(&d, '&');
			i++;
		}
		run = i;
	}
	buf_append(&d, t + run, n - run);
	put_text_n(b, d.data ? d.data : "", d.len, escape);
	buf_free(&d);
}

/* The CDATA section or run of text processing instruction n stands for
 * (see feed_cut_cdata()) into b; 0 when n is another instruction. */
static int
put_cdata(struct buf *b, const xmlNode *n, int escape)
{
	const struct feed_cdata *t = n->doc ? n->doc->_private : NULL;
	unsigned long i;
	char *end;

	if (!t || strcmp((const char *)n->name, FEED_CDATA_PI) || !n->content)
		return 0;
	i = strtoul((const char *)n->content, &end, 10);
	if (end == (const char *)n->content || i >= t->n)
		return 0;
	if (t->xml[i])
		put_xml_text(b, t->s[i], t->len[i], escape);
	else
		put_text_n(b, t->s[i], t->len[i], escape);
	return 1;
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

/* Element n as an HTML tag into b: its local name, its attributes with
 * plain values (xlink:href keeps its prefix), and the namespace where it
 * changes (an SVG drawing or MathML inside XHTML). */
static void
open_tag(struct buf *b, const xmlNode *n)
{
	const xmlNode *up = n->parent;

	append_capped(b, "<", 1);
	append_capped(b, (const char *)n->name, strlen((const char *)n->name));
	if (n->ns && n->ns->href && up && up->type == XML_ELEMENT_NODE &&
	    (!up->ns || !up->ns->href ||
	     strcmp((const char *)up->ns->href, (const char *)n->ns->href))) {
		append_capped(b, " xmlns=\"", 8);
		put_text(b, (const char *)n->ns->href, 1);
		append_capped(b, "\"", 1);
	}
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		const char *v = feed_attr(n, (const char *)a->name, NULL);

		if (!v)
			continue;
		append_capped(b, " ", 1);
		if (a->ns && a->ns->prefix) {
			append_capped(b, (const char *)a->ns->prefix,
				      strlen((const char *)a->ns->prefix));
			append_capped(b, ":", 1);
		}
		append_capped(b, (const char *)a->name,
			      strlen((const char *)a->name));
		append_capped(b, "=\"", 2);
		put_text(b, v, 1);
		append_capped(b, "\"", 1);
	}
	append_capped(b, ">", 1);
}

static void
close_tag(struct buf *b, const xmlNode *n)
{
	append_capped(b, "</", 2);
	append_capped(b, (const char *)n->name, strlen((const char *)n->name));
	append_capped(b, ">", 1);
}

/* How collect() writes what is inside an element. */
enum collect_mode {
	COLLECT_TEXT,  /* the text alone */
	COLLECT_HTML,  /* the text is HTML; elements are tags */
	COLLECT_XHTML, /* elements are tags, all text is text */
};

/* What is inside top into b (b's cap bounds it). As HTML, top's own text
 * is HTML already (escaped in the XML: "&lt;p&gt;"), and elements the
 * publisher left unescaped ("<description><p>a</p><p>b</p>") come back as
 * tags with their text escaped, so their paragraphs stay paragraphs
 * instead of running into one another. An empty element is written open
 * and closed ("<div></div>"): HTML has no "<div/>". */
static void
collect(const xmlNode *top, struct buf *b, enum collect_mode mode)
{
	const xmlNode *n = top->children;
	int depth = 0, markup = mode != COLLECT_TEXT;

	while (n && !(b->max && b->len >= b->max)) {
		int descend = 0;
		int escape = mode == COLLECT_XHTML ||
			     (mode == COLLECT_HTML && n->parent != top);
		char *v;

		switch (n->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (n->content)
				put_text(b, (const char *)n->content, escape);
			break;
		case XML_PI_NODE:
			(void)put_cdata(b, n, escape);
			break;
		case XML_ENTITY_REF_NODE:
			v = entity_text(n);
			if (v)
				put_text(b, v, escape);
			free(v);
			break;
		case XML_ELEMENT_NODE:
			descend = n->children && depth < WALK_DEPTH;
			if (markup) {
				open_tag(b, n);
				if (!descend)
					close_tag(b, n);
			}
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
collected(const xmlNode *n, size_t max, enum collect_mode mode)
{
	struct buf b;

	buf_init(&b, max);
	collect(n, &b, mode);
	return buf_steal(&b);
}

char *
feed_node_text(const xmlNode *n, size_t max)
{
	return collected(n, max, COLLECT_TEXT);
}

char *
feed_node_html(const xmlNode *n, size_t max)
{
	return collected(n, max, COLLECT_HTML);
}

static int
is_blank(const char *s)
{
	while (str_isspace((unsigned char)*s))
		s++;
	return !*s;
}

char *
feed_node_markup(const xmlNode *n, size_t max, int unwrap)
{
	const xmlNode *c, *only = NULL;
	int nelems = 0, text = 0;

	for (c = n->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			only = c;
			nelems++;
		} else if ((c->type == XML_TEXT_NODE ||
			    c->type == XML_CDATA_SECTION_NODE) &&
			   c->content && !is_blank((const char *)c->content)) {
			text = 1;
		} else if (c->type == XML_PI_NODE &&
			   !strcmp((const char *)c->name, FEED_CDATA_PI)) {
			text = 1; /* a CDATA section, not blank as a rule */
		}
	}
	if (unwrap && nelems == 1 && !text &&
	    !str_casecmp((const char *)only->name, "div"))
		n = only;
	return collected(n, max, COLLECT_XHTML);
}

char *
feed_node_base(const struct feed_ctx *p, const xmlNode *n)
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
	base = feed_node_base(p, n);
	abs = url_resolve(base, trimmed);
	free(base);
	free(trimmed);
	if (abs && !url_link_ok(p->url, abs)) {
		free(abs);
		abs = NULL;
	}
	return abs;
}
