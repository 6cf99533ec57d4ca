/* feed.c: RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 documents to items, with libxml2. */
#include "autoconfig.h"

#include "feed/feed.h"
#include "html/xmlwalk.h"
#include "html/html_text.h"
#include "util/buf.h"
#include "util/charset.h"
#include "util/date.h"
#include "util/str.h"
#include "util/url.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Caps on what one field may hold (bytes); longer text is cut. */
#define TITLE_MAX 2048
#define NAME_MAX_ 512
#define LINK_MAX 8192
#define ID_MAX 4096
#define DATE_MAX 256
#define SUMMARY_MAX (512u << 10)
#define CONTENT_MAX (4u << 20)
#define WALK_DEPTH 64

/* The vocabularies a feed element may come from. RSS elements live in no
 * namespace, in RSS 1.0's or 0.90's, or in any default namespace a
 * publisher invented; prefixed unknown ones are NS_OTHER. */
enum ns {
	NS_CORE,
	NS_ATOM,
	NS_DC,
	NS_DCTERMS,
	NS_CONTENT,
	NS_MEDIA,
	NS_RDF,
	NS_OTHER,
};

static const struct {
	const char *href;
	enum ns ns;
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
	enum ns ns;
} ns_prefixes[] = {
	{"atom", NS_ATOM},       {"atom10", NS_ATOM},   {"dc", NS_DC},
	{"dcterms", NS_DCTERMS}, {"content", NS_CONTENT}, {"media", NS_MEDIA},
	{"rdf", NS_RDF},
};

struct parse {
	const char *url;
	time_t now;
	int is_atom;
};

static enum ns
node_ns(const xmlNode *n, const char **local)
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
static const char *
attr(const xmlNode *n, const char *name, const char *ns_href)
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

/* The text of n's descendants into b (b's cap bounds it). Entity
 * references the document did not define are read as HTML's; internal
 * ones are used only when they are plain text, so nothing expands. */
static void
collect_text(const xmlNode *top, struct buf *b)
{
	const xmlNode *n = top->children;
	int depth = 0;

	while (n && !(b->max && b->len >= b->max)) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content)
				append_capped(b, (const char *)n->content,
					      strlen((const char *)n->content));
		} else if (n->type == XML_ENTITY_REF_NODE) {
			const xmlEntity *ent =
				xmlGetDocEntity(n->doc, n->name);

			if (!ent) {
				char *ref = xasprintf("&%s;", n->name);
				char *v = html_text_decode_refs(ref,
								strlen(ref));

				append_capped(b, v, strlen(v));
				free(ref);
				free(v);
			} else if (ent->etype == XML_INTERNAL_GENERAL_ENTITY &&
				   ent->content &&
				   !strpbrk((const char *)ent->content, "&<")) {
				append_capped(b, (const char *)ent->content,
					      strlen((const char *)ent->content));
			} else if (ent->etype == XML_INTERNAL_PREDEFINED_ENTITY &&
				   ent->content) {
				append_capped(b, (const char *)ent->content,
					      strlen((const char *)ent->content));
			}
		}
		n = xml_walk_next(n, top,
				  n->type == XML_ELEMENT_NODE && depth < WALK_DEPTH,
				  &depth);
	}
}

/* n's text as a new string of at most max bytes (NUL-terminated). */
static char *
node_text(const xmlNode *n, size_t max)
{
	struct buf b;

	buf_init(&b, max);
	collect_text(n, &b);
	return buf_steal(&b);
}

/* n's children serialised as XML (Atom xhtml content), at most max bytes;
 * a lone wrapping <div> is left out. */
static char *
node_markup(xmlNode *n, size_t max)
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
node_base(const struct parse *p, const xmlNode *n)
{
	const char *bases[16];
	int nb = 0;
	char *cur;

	for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
		const char *b = attr(n, "base",
				     (const char *)XML_XML_NAMESPACE);

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
static char *
resolve_link(const struct parse *p, const xmlNode *n, const char *ref)
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

/* How an Atom text construct's content is to be read. */
enum text_kind { TEXT_PLAIN, TEXT_HTML, TEXT_XHTML, TEXT_SKIP };

static enum text_kind
atom_text_kind(const xmlNode *n)
{
	const char *type = attr(n, "type", NULL);
	const char *mode = attr(n, "mode", NULL);

	if (mode && !strcmp(mode, "base64"))
		return TEXT_SKIP;
	if (mode && !strcmp(mode, "xml"))
		return TEXT_XHTML;
	if (attr(n, "src", NULL))
		return TEXT_SKIP;
	if (!type)
		return TEXT_HTML; /* untyped text is read as HTML: it mostly is */
	if (!str_casecmp(type, "text") || !str_casecmp(type, "text/plain"))
		return TEXT_PLAIN;
	if (!str_casecmp(type, "xhtml") ||
	    !str_casecmp(type, "application/xhtml+xml"))
		return TEXT_XHTML;
	if (!str_casecmp(type, "html") || !str_casecmp(type, "text/html"))
		return TEXT_HTML;
	if (str_istarts_with(type, "text/"))
		return TEXT_PLAIN;
	return TEXT_SKIP;
}

/* An HTML fragment from a summary or content element; NULL when empty. */
static char *
html_field(xmlNode *n, int atom, size_t max)
{
	enum text_kind k = atom ? atom_text_kind(n) : TEXT_HTML;
	char *s = NULL, *esc;

	switch (k) {
	case TEXT_SKIP:
		return NULL;
	case TEXT_XHTML:
		s = node_markup(n, max);
		break;
	case TEXT_PLAIN:
		s = node_text(n, max);
		esc = html_text_escape(s);
		free(s);
		s = esc;
		break;
	case TEXT_HTML:
		s = node_text(n, max);
		break;
	}
	str_trim(s);
	if (!*s) {
		free(s);
		return NULL;
	}
	return s;
}

/* Plain text of a title-like element. */
static char *
plain_field(const xmlNode *n, size_t max)
{
	char *raw = node_text(n, max * 4 + 64), *s;

	s = html_text_fragment(raw, strlen(raw), HTML_TEXT_LINE, max);
	free(raw);
	return s;
}

/* An author: Atom's <name>, RSS's "mail@host (Name)", or the text. */
static char *
author_field(const xmlNode *n)
{
	const char *local;
	char *s, *open, *close;

	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && node_ns(c, &local) != NS_OTHER &&
		    !strcmp(local, "name"))
			return plain_field(c, NAME_MAX_);
	s = plain_field(n, NAME_MAX_);
	open = strchr(s, '(');
	close = open ? strrchr(open, ')') : NULL;
	if (open && close && close > open + 1 && strchr(s, '@') &&
	    strchr(s, '@') < open) {
		char *name = xstrndup(open + 1, (size_t)(close - open - 1));

		free(s);
		s = str_trim(name);
	}
	if (!*s) {
		free(s);
		return NULL;
	}
	return s;
}

static void
set_str(char **dst, char *s)
{
	if (!*dst && s && *s) {
		*dst = s;
		return;
	}
	free(s);
}

/* A date element: parsed into *t when *t is still unset. */
static void
set_date(time_t *t, int *have, char **raw, const xmlNode *n)
{
	char *s;
	int ok;
	time_t v;

	if (*have)
		return;
	s = node_text(n, DATE_MAX);
	v = date_parse(s, &ok);
	if (ok) {
		*t = v;
		*have = 1;
	}
	if (!*raw)
		*raw = s;
	else
		free(s);
}

/* What one item's elements gave before defaults are applied. */
struct item_parts {
	char *title, *link, *alt_link, *guid_link, *id, *author, *creator;
	char *summary, *media_desc, *content, *image, *enclosure, *enc_type;
	char *date_raw;
	time_t published, updated;
	int have_pub, have_upd;
};

static void
media_element(const struct parse *p, xmlNode *c, const char *local,
	      struct item_parts *ip, int depth)
{
	if (!strcmp(local, "description")) {
		const char *type = attr(c, "type", NULL);
		char *s;

		if (type && !strcmp(type, "html")) {
			s = html_field(c, 0, SUMMARY_MAX);
		} else {
			char *t = node_text(c, SUMMARY_MAX);

			s = html_text_escape(str_trim(t));
			free(t);
		}
		set_str(&ip->media_desc, s);
	} else if (!strcmp(local, "thumbnail")) {
		set_str(&ip->image, resolve_link(p, c, attr(c, "url", NULL)));
	} else if (!strcmp(local, "content")) {
		const char *medium = attr(c, "medium", NULL);
		const char *type = attr(c, "type", NULL);

		if ((medium && !strcmp(medium, "image")) ||
		    (type && str_istarts_with(type, "image/")))
			set_str(&ip->image,
				resolve_link(p, c, attr(c, "url", NULL)));
		if (depth == 0)
			for (xmlNode *g = c->children; g; g = g->next) {
				const char *l;

				if (g->type == XML_ELEMENT_NODE &&
				    node_ns(g, &l) == NS_MEDIA)
					media_element(p, g, l, ip, 1);
			}
	} else if (!strcmp(local, "group") && depth == 0) {
		for (xmlNode *g = c->children; g; g = g->next) {
			const char *l;

			if (g->type == XML_ELEMENT_NODE &&
			    node_ns(g, &l) == NS_MEDIA)
				media_element(p, g, l, ip, 1);
		}
	}
}

/* <link>: RSS's text, or Atom's href with its rel. */
static void
link_element(const struct parse *p, xmlNode *c, struct item_parts *ip)
{
	const char *href = attr(c, "href", NULL);
	const char *rel, *type;

	if (!href) {
		char *t = node_text(c, LINK_MAX);

		set_str(&ip->link, resolve_link(p, c, t));
		free(t);
		return;
	}
	rel = attr(c, "rel", NULL);
	type = attr(c, "type", NULL);
	if (!rel || !strcmp(rel, "alternate") ||
	    !strcmp(rel, "http://www.iana.org/assignments/relation/alternate")) {
		if (!type || str_istarts_with(type, "text/html") ||
		    str_istarts_with(type, "application/xhtml"))
			set_str(&ip->link, resolve_link(p, c, href));
		else
			set_str(&ip->alt_link, resolve_link(p, c, href));
	} else if (!strcmp(rel, "enclosure")) {
		if (!ip->enclosure) {
			set_str(&ip->enclosure, resolve_link(p, c, href));
			if (type)
				set_str(&ip->enc_type, xstrndup(type, 128));
		}
	}
}

static void
item_element(const struct parse *p, xmlNode *c, struct item_parts *ip)
{
	const char *local;
	enum ns ns = node_ns(c, &local);

	switch (ns) {
	case NS_CORE:
	case NS_ATOM:
		if (!strcmp(local, "title")) {
			if (!ip->title)
				ip->title = plain_field(c, TITLE_MAX);
		} else if (!strcmp(local, "link")) {
			link_element(p, c, ip);
		} else if (!strcmp(local, "guid")) {
			const char *perma = attr(c, "isPermaLink", NULL);
			char *g = str_trim(node_text(c, ID_MAX));

			if (!perma || strcmp(perma, "false"))
				set_str(&ip->guid_link, resolve_link(p, c, g));
			set_str(&ip->id, g);
		} else if (!strcmp(local, "id")) {
			set_str(&ip->id, str_trim(node_text(c, ID_MAX)));
		} else if (!strcmp(local, "author")) {
			set_str(&ip->author, author_field(c));
		} else if (!strcmp(local, "pubDate") ||
			   !strcmp(local, "published") ||
			   !strcmp(local, "issued") ||
			   !strcmp(local, "created")) {
			set_date(&ip->published, &ip->have_pub, &ip->date_raw, c);
		} else if (!strcmp(local, "updated") ||
			   !strcmp(local, "modified")) {
			set_date(&ip->updated, &ip->have_upd, &ip->date_raw, c);
		} else if (!strcmp(local, "description")) {
			set_str(&ip->summary, html_field(c, 0, SUMMARY_MAX));
		} else if (!strcmp(local, "summary")) {
			set_str(&ip->summary, html_field(c, 1, SUMMARY_MAX));
		} else if (!strcmp(local, "content")) {
			set_str(&ip->content, html_field(c, 1, CONTENT_MAX));
		} else if (!strcmp(local, "enclosure") && !ip->enclosure) {
			const char *type = attr(c, "type", NULL);

			set_str(&ip->enclosure,
				resolve_link(p, c, attr(c, "url", NULL)));
			if (type)
				set_str(&ip->enc_type, xstrndup(type, 128));
			if (type && str_istarts_with(type, "image/"))
				set_str(&ip->image,
					resolve_link(p, c, attr(c, "url", NULL)));
		}
		break;
	case NS_DC:
		if (!strcmp(local, "creator") || !strcmp(local, "author"))
			set_str(&ip->creator, author_field(c));
		else if (!strcmp(local, "date"))
			set_date(&ip->published, &ip->have_pub, &ip->date_raw, c);
		else if (!strcmp(local, "description"))
			set_str(&ip->summary, html_field(c, 0, SUMMARY_MAX));
		else if (!strcmp(local, "title") && !ip->title)
			ip->title = plain_field(c, TITLE_MAX);
		else if (!strcmp(local, "identifier"))
			set_str(&ip->id, str_trim(node_text(c, ID_MAX)));
		break;
	case NS_DCTERMS:
		if (!strcmp(local, "modified"))
			set_date(&ip->updated, &ip->have_upd, &ip->date_raw, c);
		else if (!strcmp(local, "created") || !strcmp(local, "issued"))
			set_date(&ip->published, &ip->have_pub, &ip->date_raw, c);
		break;
	case NS_CONTENT:
		if (!strcmp(local, "encoded"))
			set_str(&ip->content, html_field(c, 0, CONTENT_MAX));
		break;
	case NS_MEDIA:
		media_element(p, c, local, ip, 0);
		break;
	case NS_RDF:
	case NS_OTHER:
		break;
	}
}

/* Fill it from the item or entry element n. */
static void
item_from_node(const struct parse *p, xmlNode *n, struct feed_item *it)
{
	struct item_parts ip;
	uint64_t h;
	char hex[20];

	memset(&ip, 0, sizeof(ip));
	for (xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			item_element(p, c, &ip);
	if (!ip.id) {
		const char *about = attr(n, "about", NULL);

		if (about)
			ip.id = str_trim(xstrndup(about, ID_MAX));
		if (ip.id && !*ip.id) {
			free(ip.id);
			ip.id = NULL;
		}
	}
	if (!ip.link && ip.alt_link) {
		ip.link = ip.alt_link;
		ip.alt_link = NULL;
	}
	if (!ip.link && ip.guid_link) {
		ip.link = ip.guid_link;
		ip.guid_link = NULL;
	}
	if (!ip.link && ip.id && !p->is_atom)
		ip.link = resolve_link(p, n, ip.id);
	it->title = ip.title ? ip.title : xstrdup("");
	it->link = ip.link;
	it->id = ip.id;
	it->author = ip.author ? ip.author : ip.creator;
	if (ip.author)
		free(ip.creator);
	it->summary = ip.summary ? ip.summary : ip.media_desc;
	if (ip.summary)
		free(ip.media_desc);
	it->content = ip.content;
	it->image = ip.image;
	it->enclosure = ip.enclosure;
	it->enclosure_type = ip.enc_type;
	if (!ip.have_pub && ip.have_upd) {
		ip.published = ip.updated;
		ip.have_pub = 1;
	}
	it->published = ip.have_pub ? ip.published : p->now;
	it->updated = ip.have_upd ? ip.updated : 0;
	it->date_guessed = !ip.have_pub;
	if (it->id)
		it->key = xstrdup(it->id);
	else if (it->link)
		it->key = xstrdup(it->link);
	else {
		h = html_text_hash(it->title, strlen(it->title),
				   HTML_TEXT_FNV_INIT);
		h = html_text_hash("\x1f", 1, h);
		if (ip.date_raw)
			h = html_text_hash(ip.date_raw, strlen(ip.date_raw), h);
		snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)h);
		it->key = xasprintf("h:%s", hex);
	}
	free(ip.alt_link);
	free(ip.guid_link);
	free(ip.date_raw);
}

/* The feed's own title and link from its channel (RSS, RDF) or root
 * (Atom) element. */
static void
feed_meta(const struct parse *p, xmlNode *n, struct feed *f)
{
	const char *local;

	for (xmlNode *c = n->children; c; c = c->next) {
		enum ns ns;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		ns = node_ns(c, &local);
		if (ns != NS_CORE && ns != NS_ATOM && ns != NS_DC)
			continue;
		if (!strcmp(local, "title") && !f->title) {
			f->title = plain_field(c, TITLE_MAX);
		} else if (!strcmp(local, "link") && !f->link && ns != NS_DC) {
			const char *href = attr(c, "href", NULL);
			const char *rel = attr(c, "rel", NULL);

			if (!href) {
				char *t = node_text(c, LINK_MAX);

				f->link = resolve_link(p, c, t);
				free(t);
			} else if (!rel || !strcmp(rel, "alternate")) {
				f->link = resolve_link(p, c, href);
			}
		}
	}
}

static int
is_item_element(const xmlNode *n)
{
	const char *local;
	enum ns ns = node_ns(n, &local);

	if (ns == NS_CORE && !strcmp(local, "item"))
		return 1;
	return (ns == NS_ATOM || ns == NS_CORE) && !strcmp(local, "entry");
}

/* Stops the parser once max items have been closed, so that a feed of a
 * million items costs the memory of max_items, not of the whole tree. */
struct item_stop {
	size_t max, seen;
	endElementNsSAX2Func end;
};

static void
end_element_counted(void *ctx, const xmlChar *localname, const xmlChar *prefix,
		    const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct item_stop *st = ctxt->_private;
	int item = ctxt->node && ctxt->node->type == XML_ELEMENT_NODE &&
		   is_item_element(ctxt->node);

	st->end(ctx, localname, prefix, uri);
	if (item && ++st->seen >= st->max)
		xmlStopParser(ctxt);
}

/* Walk the tree from root (iteratively, depth-capped) for the channel
 * and every item or entry, nested ones included. */
static void
collect_items(const struct parse *p, xmlNode *root, struct feed *f,
	      size_t max_items)
{
	xmlNode *n = root, *channel = NULL;
	size_t cap = 0;
	int depth = 0;

	while (n) {
		int descend = 0;

		if (n->type == XML_ELEMENT_NODE) {
			const char *local;
			enum ns ns = node_ns(n, &local);

			if (is_item_element(n)) {
				if (f->nitems < max_items) {
					if (f->nitems == cap) {
						cap = cap ? cap * 2 : 32;
						f->items = xreallocarray(
							f->items, cap,
							sizeof(*f->items));
					}
					memset(&f->items[f->nitems], 0,
					       sizeof(f->items[0]));
					item_from_node(p, n,
						       &f->items[f->nitems]);
					f->nitems++;
				}
				descend = 1;
			} else if (ns == NS_CORE || ns == NS_ATOM ||
				   ns == NS_RDF) {
				if (!channel && ns == NS_CORE &&
				    !strcmp(local, "channel"))
					channel = n;
				descend = 1;
			}
		}
		if (descend && n->children && depth < WALK_DEPTH) {
			n = n->children;
			depth++;
			continue;
		}
		while (n && !n->next && n != root) {
			n = n->parent;
			depth--;
		}
		if (!n || n == root)
			break;
		n = n->next;
	}
	feed_meta(p, channel ? channel : root, f);
	if (!f->title)
		f->title = xstrdup("");
}

/* Bytes as UTF-8, by HTTP charset > BOM > XML declaration, recovering
 * from declarations that lie. Returns a new buffer in *out (caller frees)
 * or NULL in *out when the input can be parsed as it is. */
static void
to_utf8(const char *b, size_t len, const char *http_charset, char **out,
	size_t *out_len)
{
	size_t bom_len, bad;
	const char *bom = charset_from_bom(b, len, &bom_len), *use;
	char *label = NULL;
	int high;

	*out = NULL;
	if (http_charset && *http_charset)
		label = xstrdup(http_charset);
	else if (bom)
		label = xstrdup(bom);
	else
		label = charset_from_xml_decl(b, len);
	use = charset_canonical(label);
	if (use && str_istarts_with(use, "UTF-16") && !bom)
		use = NULL; /* "UTF-16" declared over 8-bit bytes: a lie */
	if (bom && str_istarts_with(bom, "UTF-16")) {
		use = bom;
		b += bom_len;
		len -= bom_len;
	}
	high = charset_has_high(b, len);
	if (!high && !(use && str_istarts_with(use, "UTF-16")))
		goto out; /* ASCII reads the same in all of them */
	if (!str_istarts_with(use ? use : "", "UTF-16")) {
		/* valid UTF-8 is taken as such whatever the label says: no
		 * legacy text is valid UTF-8 by chance */
		if (charset_is_utf8(b, len))
			goto out;
		if (!use || !str_casecmp(use, "UTF-8"))
			use = charset_guess_legacy(b, len);
	}
	*out = charset_to_utf8(b, len, use, out_len, &bad);
	if (!*out) /* a label iconv does not know */
		*out = charset_to_utf8(b, len, charset_guess_legacy(b, len),
				       out_len, &bad);
out:
	free(label);
}

/* 1 if one of the 8 bytes at p is below 0x20. */
static int
has_control8(const unsigned char *p)
{
	uint64_t w;

	memcpy(&w, p, 8);
	return ((w - 0x2020202020202020ULL) & ~w & 0x8080808080808080ULL) != 0;
}

static int
bad_control(unsigned char c)
{
	return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

/* XML forbids C0 control characters other than tab and line ends, and
 * libxml2 stops at a NUL byte even when recovering; feeds carry them all
 * the same. Returns a copy without them (caller frees), or NULL when there
 * are none. */
static char *
strip_controls(const char *b, size_t len, size_t *out_len)
{
	const unsigned char *u = (const unsigned char *)b;
	size_t i = 0, o;
	char *out;

	while (i < len) {
		if (i + 8 <= len && !has_control8(u + i)) {
			i += 8;
			continue;
		}
		if (bad_control(u[i]))
			break;
		i++;
	}
	if (i >= len)
		return NULL;
	out = xmalloc(len + 1);
	memcpy(out, b, i);
	o = i;
	for (; i < len; i++)
		if (!bad_control(u[i]))
			out[o++] = (char)u[i];
	out[o] = '\0';
	*out_len = o;
	return out;
}

/* 1 if needle occurs in b[0..len). */
static int
contains(const char *b, size_t len, const char *needle)
{
	size_t n = strlen(needle);

	for (const char *p = b; (size_t)(p - b) + n <= len; p++) {
		p = memchr(p, needle[0], len - (size_t)(p - b));
		if (!p || (size_t)(p - b) + n > len)
			return 0;
		if (!memcmp(p, needle, n))
			return 1;
	}
	return 0;
}

static int
is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
}

/* Length of a well-formed character reference at s ("&#38;", "&#x26;"),
 * or 0. */
static size_t
char_ref_len(const char *s, size_t len)
{
	size_t i = 2;
	int hex;

	if (len < 4 || s[1] != '#')
		return 0;
	hex = s[2] == 'x' || s[2] == 'X';
	if (hex)
		i++;
	while (i < len && ((s[i] >= '0' && s[i] <= '9') ||
			   (hex && ((s[i] >= 'a' && s[i] <= 'f') ||
				    (s[i] >= 'A' && s[i] <= 'F')))))
		i++;
	if (i == (hex ? 3u : 2u) || i >= len || s[i] != ';')
		return 0;
	return i + 1;
}

/* What real feeds get wrong with '&': a bare one ("?a=1&b=2", "Tom &
 * Jerry") and HTML's entities used without a DTD declaring them. Both make
 * the XML parser drop text, so they are rewritten first: a bare '&' as
 * "&amp;", an HTML entity as its numeric reference, any other undeclared
 * name as text. CDATA sections and comments are left as they are. With all set, XML's own five become numeric references too:
 * once a document has an error, libxml2 drops named references (and keeps
 * numeric ones). Returns a new buffer (caller frees) or NULL when nothing needs
 * fixing. */
static char *
fix_refs(const char *b, size_t len, int all, size_t *out_len)
{
	struct buf out;
	size_t i = 0, done = 0;
	int declares = contains(b, len < 65536 ? len : 65536, "<!ENTITY");
	int changed = 0;
	const char *bang = NULL; /* the next "<!" not yet passed */

	buf_init(&out, 0);
	while (i < len) {
		const char *amp = memchr(b + i, '&', len - i);
		size_t n;

		if (!amp)
			break;
		/* CDATA sections and comments before the '&' are skipped */
		while (!bang || bang < b + i) {
			size_t from = i;

			bang = NULL;
			while (from < len) {
				const char *x = memchr(b + from, '!', len - from);

				if (!x)
					break;
				if (x > b + i && x[-1] == '<') {
					bang = x - 1;
					break;
				}
				from = (size_t)(x - b) + 1;
			}
			if (!bang) {
				bang = b + len; /* none left */
				break;
			}
		}
		if (bang < amp) {
			const char *close = NULL;
			size_t at = (size_t)(bang - b), cl, j;

			if (len - at >= 9 && !memcmp(bang, "<![CDATA[", 9))
				close = "]]>";
			else if (len - at >= 4 && !memcmp(bang, "<!--", 4))
				close = "-->";
			if (!close) {
				i = at + 2;
				continue;
			}
			cl = 3;
			for (j = at + 4; j + cl <= len; j++) {
				const char *x = memchr(b + j, close[0], len - j);

				if (!x) {
					j = len;
					break;
				}
				j = (size_t)(x - b);
				if (j + cl <= len && !memcmp(x, close, cl))
					break;
			}
			i = j + cl <= len ? j + cl : len;
			continue;
		}
		i = (size_t)(amp - b);
		n = char_ref_len(b + i, len - i);
		if (n) {
			i += n;
			continue;
		}
		for (n = 1; i + n < len && n < 40 && is_name_char(b[i + n]); n++)
			;
		if (n > 1 && i + n < len && b[i + n] == ';') {
			char name[40];
			const htmlEntityDesc *ent;
			int xml;

			memcpy(name, b + i + 1, n - 1);
			name[n - 1] = '\0';
			xml = !strcmp(name, "amp") || !strcmp(name, "lt") ||
			      !strcmp(name, "gt") || !strcmp(name, "quot") ||
			      !strcmp(name, "apos");
			if (declares || (xml && !all)) {
				i += n + 1;
				continue;
			}
			buf_append(&out, b + done, i - done);
			ent = htmlEntityLookup((const xmlChar *)name);
			if (xml && !strcmp(name, "apos"))
				buf_puts(&out, "&#39;");
			else if (ent)
				buf_printf(&out, "&#%u;", ent->value);
			else
				buf_printf(&out, "&amp;%s;", name);
			i += n + 1;
			done = i;
			changed = 1;
			continue;
		}
		buf_append(&out, b + done, i - done);
		buf_puts(&out, "&amp;");
		i++;
		done = i;
		changed = 1;
	}
	if (!changed) {
		buf_free(&out);
		return NULL;
	}
	buf_append(&out, b + done, len - done);
	*out_len = out.len;
	return buf_steal(&out);
}

struct feed *
feed_parse(const char *bytes, size_t len, const char *url,
	   const char *http_charset, size_t max_items, struct err *e)
{
	struct parse p;
	struct item_stop stop = {0, 0, NULL};
	struct feed *f = NULL;
	xmlParserCtxtPtr ctxt = NULL;
	xmlDocPtr doc = NULL;
	xmlNode *root;
	char *conv = NULL, *fixed = NULL, *clean = NULL;
	size_t conv_len = 0, fixed_len = 0, clean_len = 0;
	const char *src;
	size_t src_len;
	const char *rname;
	int opts = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
		   XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
		   XML_PARSE_IGNORE_ENC | XML_PARSE_COMPACT;

	if (!bytes || !len) {
		err_set(e, "feed is empty");
		goto out;
	}
	if (len > FEED_MAX_BYTES) {
		err_set(e, "feed is too large (%zu bytes, at most %u)", len,
			FEED_MAX_BYTES);
		goto out;
	}
	to_utf8(bytes, len, http_charset, &conv, &conv_len);
	src = conv ? conv : bytes;
	src_len = conv ? conv_len : len;
	/* skip a UTF-8 BOM and anything before the first '<' (blank lines,
	 * stray output of the generating script) */
	if (src_len >= 3 && !memcmp(src, "\xef\xbb\xbf", 3)) {
		src += 3;
		src_len -= 3;
	}
	{
		const char *lt = memchr(src, '<', src_len);

		if (!lt) {
			err_set(e, "not a feed: no markup");
			goto out;
		}
		src_len -= (size_t)(lt - src);
		src = lt;
	}
	clean = strip_controls(src, src_len, &clean_len);
	if (clean) {
		src = clean;
		src_len = clean_len;
	}
	fixed = fix_refs(src, src_len, 0, &fixed_len);
	if (fixed) {
		src = fixed;
		src_len = fixed_len;
	}
	ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		err_set(e, "cannot create an XML parser");
		goto out;
	}
	stop.max = max_items ? max_items : FEED_MAX_ITEMS;
	stop.end = ctxt->sax->endElementNs;
	ctxt->sax->endElementNs = end_element_counted;
	ctxt->_private = &stop;
	doc = xmlCtxtReadMemory(ctxt, src, (int)src_len, url, "UTF-8", opts);
	if (doc && !ctxt->wellFormed) {
		/* recovered: parse again with named references made numeric,
		 * which libxml2 keeps in a document with errors */
		char *again = fix_refs(src, src_len, 1, &fixed_len);

		if (again) {
			stop.seen = 0;
			xmlFreeDoc(doc);
			free(fixed);
			fixed = again;
			src = fixed;
			src_len = fixed_len;
			doc = xmlCtxtReadMemory(ctxt, src, (int)src_len, url,
						"UTF-8", opts);
		}
	}
	root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!root) {
		const xmlError *xe = xmlCtxtGetLastError(ctxt);

		err_set(e, "not a feed: %s",
			xe && xe->message ? str_trim(xe->message)
					  : "no XML element");
		goto out;
	}
	node_ns(root, &rname);
	if (strcmp(rname, "rss") && strcmp(rname, "RDF") &&
	    strcmp(rname, "feed") && strcmp(rname, "channel")) {
		err_set(e, "not a feed: the document is <%s>", rname);
		goto out;
	}
	p.url = url && *url ? url : NULL;
	p.now = time(NULL);
	p.is_atom = !strcmp(rname, "feed");
	f = xcalloc(1, sizeof(*f));
	collect_items(&p, root, f, max_items ? max_items : FEED_MAX_ITEMS);
out:
	if (doc)
		xmlFreeDoc(doc);
	if (ctxt)
		xmlFreeParserCtxt(ctxt);
	free(conv);
	free(fixed);
	free(clean);
	return f;
}

void
feed_free(struct feed *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->nitems; i++) {
		struct feed_item *it = &f->items[i];

		free(it->title);
		free(it->link);
		free(it->id);
		free(it->author);
		free(it->summary);
		free(it->content);
		free(it->key);
		free(it->image);
		free(it->enclosure);
		free(it->enclosure_type);
	}
	free(f->items);
	free(f->title);
	free(f->link);
	free(f);
}
