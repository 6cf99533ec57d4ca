/* feed.c: RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 documents to items, libxml2. */
#include "autoconfig.h"

#include "feed/feed.h"
#include "feed/feed_int.h"
#include "html/html_guard.h"
#include "util/str.h"

#include <ctype.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

static int
is_item_element(const xmlNode *n)
{
	const char *local;
	enum feed_ns ns = feed_node_ns(n, &local);

	if (ns == NS_CORE && feed_name_is(local, "item"))
		return 1;
	return (ns == NS_ATOM || ns == NS_CORE) && feed_name_is(local, "entry");
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

int
feed_xml_depth_stop(const xmlError *xe)
{
	/* "Excessive depth in document: 256 use XML_PARSE_HUGE option" */
	return xe && xe->message && strstr(xe->message, "depth") &&
	       strstr(xe->message, "XML_PARSE_HUGE");
}

/* Walk the tree from root (iteratively, depth-capped) for the channel
 * and every item or entry, nested ones included; 1 when elements were
 * left unwalked below the cap. */
static int
collect_items(const struct feed_ctx *p, xmlNode *root, struct feed *f,
	      size_t max_items)
{
	xmlNode *n = root, *channel = NULL;
	size_t cap = 0;
	int depth = 0, deep = 0;

	while (n) {
		int descend = 0;

		if (n->type == XML_ELEMENT_NODE) {
			const char *local;
			enum feed_ns ns = feed_node_ns(n, &local);

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
					feed_item_from_node(
					    p, n, &f->items[f->nitems]);
					f->nitems++;
				}
				descend = 1;
			} else if (ns == NS_CORE || ns == NS_ATOM ||
				   ns == NS_RDF) {
				if (!channel && ns == NS_CORE &&
				    feed_name_is(local, "channel"))
					channel = n;
				descend = 1;
			}
		}
		if (descend && n->children && depth >= WALK_DEPTH)
			deep = 1;
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
	feed_channel_meta(p, channel ? channel : root, f);
	if (!f->title)
		f->title = xstrdup("");
	return deep;
}

/* The item and entry elements of the document s[0..n), by their start
 * tags (any prefix): the parser stops at max_items, and a feed that was
 * cut says how much it had. */
static size_t
count_items(const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	size_t count = 0;

	for (;;) {
		const char *local;

		p = memchr(p, '<', (size_t)(end - p));
		if (!p)
			break;
		local = ++p;
		while (p < end && (isalnum((unsigned char)*p) || *p == '-' ||
				   *p == '_' || *p == '.' || *p == ':')) {
			if (*p == ':')
				local = p + 1;
			p++;
		}
		if ((p - local == 4 && !memcmp(local, "item", 4)) ||
		    (p - local == 5 && !memcmp(local, "entry", 5)))
			count++;
	}
	return count;
}

/* Which Atom, if any: its namespace says, else its version attribute. */
static enum feed_dialect
dialect(const xmlNode *root, const char *rname)
{
	const char *version;

	if (!feed_name_is(rname, "feed"))
		return DIALECT_RSS;
	if (root->ns && root->ns->href &&
	    str_istarts_with((const char *)root->ns->href,
			     "http://purl.org/atom/ns"))
		return DIALECT_ATOM03;
	if (root->ns && root->ns->href)
		return DIALECT_ATOM10;
	version = feed_attr(root, "version", NULL);
	return version && !strcmp(version, "0.3") ? DIALECT_ATOM03
						  : DIALECT_ATOM10;
}

struct feed *
feed_parse(const char *bytes, size_t len, const char *url,
	   const char *http_charset, size_t max_items, struct err *e)
{
	struct feed_ctx p;
	struct item_stop stop = {0, 0, NULL};
	struct feed *f = NULL;
	xmlParserCtxtPtr ctxt = NULL;
	xmlDocPtr doc = NULL;
	xmlNode *root;
	char *conv = NULL, *fixed = NULL, *clean = NULL, *cut = NULL;
	char *c1 = NULL, *texts = NULL, *again = NULL;
	size_t conv_len = 0, fixed_len = 0, clean_len = 0, cut_len = 0;
	size_t c1_len = 0, texts_len = 0;
	/* the cut-out text points into these buffers: all live to the end */
	struct feed_cdata cdata = {NULL, NULL, NULL, 0, 0};
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
	if (feed_json_looks(bytes, len))
		return feed_json_parse(bytes, len, url, max_items, e);
	if (len > FEED_MAX_BYTES) {
		err_set(e, "feed is too large (%zu bytes, at most %u)", len,
			FEED_MAX_BYTES);
		goto out;
	}
	feed_to_utf8(bytes, len, http_charset, &conv, &conv_len);
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
	clean = feed_strip_controls(src, src_len, &clean_len);
	if (clean) {
		src = clean;
		src_len = clean_len;
	}
	c1 = feed_fix_c1(src, src_len, &c1_len);
	if (c1) {
		src = c1;
		src_len = c1_len;
	}
	cut = feed_cut_cdata(src, src_len, &cdata, &cut_len);
	if (cut) {
		src = cut;
		src_len = cut_len;
	}
	fixed = feed_fix_refs(src, src_len, 0, &fixed_len);
	if (fixed) {
		src = fixed;
		src_len = fixed_len;
	}
	if (html_guard_check(src, src_len, HTML_GUARD_XML, e) < 0)
		goto out;
	texts = feed_cut_text(src, src_len, &cdata, &texts_len);
	if (texts) {
		src = texts;
		src_len = texts_len;
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
		size_t again_len;

		again = feed_fix_refs(src, src_len, 1, &again_len);
		if (again) {
			stop.seen = 0;
			xmlFreeDoc(doc);
			src = again;
			src_len = again_len;
			doc = xmlCtxtReadMemory(ctxt, src, (int)src_len, url,
						"UTF-8", opts);
		}
	}
	if (doc)
		doc->_private = &cdata;
	root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!root) {
		const xmlError *xe = xmlCtxtGetLastError(ctxt);

		err_set(e, "not a feed: %s",
			xe && xe->message ? str_trim(xe->message)
					  : "no XML element");
		goto out;
	}
	feed_node_ns(root, &rname);
	if (!feed_name_is(rname, "rss") && !feed_name_is(rname, "RDF") &&
	    !feed_name_is(rname, "feed") && !feed_name_is(rname, "channel")) {
		err_set(e, "not a feed: the document is <%s>", rname);
		goto out;
	}
	p.url = url && *url ? url : NULL;
	p.now = time(NULL);
	p.dialect = dialect(root, rname);
	p.fix_text = 0;
	f = xcalloc(1, sizeof(*f));
	/* what is dropped is said, never silently lost */
	if (feed_xml_depth_stop(xmlCtxtGetLastError(ctxt)))
		f->notice = xasprintf("nested deeper than %d levels: the rest "
				      "was skipped",
				      XML_DEPTH_CAP);
	if (collect_items(&p, root, f,
			  max_items ? max_items : FEED_MAX_ITEMS) &&
	    !f->notice)
		f->notice = xasprintf("elements nested deeper than %d levels "
				      "were skipped",
				      WALK_DEPTH);
	f->total = f->nitems;
	if (stop.seen >= stop.max) {
		size_t all = count_items(src, src_len);

		if (all > f->total)
			f->total = all;
	}
out:
	if (doc)
		xmlFreeDoc(doc);
	if (ctxt)
		xmlFreeParserCtxt(ctxt);
	free(conv);
	free(fixed);
	free(clean);
	free(cut);
	free(c1);
	free(texts);
	free(again);
	free(cdata.s);
	free(cdata.len);
	free(cdata.xml);
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
		for (size_t k = 0; k < it->nenclosures; k++) {
			free(it->enclosures[k].url);
			free(it->enclosures[k].type);
		}
		free(it->enclosures);
		for (size_t k = 0; k < it->ntags; k++)
			free(it->tags[k]);
		free(it->tags);
		free(it->comments);
		free(it->comments_feed);
	}
	free(f->items);
	free(f->title);
	free(f->link);
	free(f->notice);
	free(f);
}
