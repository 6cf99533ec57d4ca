/* feed_int.h: what the feed parser's files share (private to src/feed/). */
#ifndef WARTA_FEED_INT_H
#define WARTA_FEED_INT_H

#include <stddef.h>
#include <time.h>

#include <libxml/tree.h>

#include "feed/feed.h"

/* Caps on what one field may hold (bytes); longer text is cut. */
#define TITLE_MAX 2048
#define NAME_MAX_ 512
#define LINK_MAX 8192
#define ID_MAX 4096
#define DATE_MAX 256
#define SUMMARY_MAX (512u << 10)
#define CONTENT_MAX (4u << 20)
#define WALK_DEPTH 64
/* libxml2's cap on nesting (without XML_PARSE_HUGE): past it the parser
 * stops, and a recovered document ends there. */
#define XML_DEPTH_CAP 256

/* 1 when the last error of a parse (xmlCtxtGetLastError(), or
 * xmlGetLastError()) is libxml2 stopping at XML_DEPTH_CAP. */
int feed_xml_depth_stop(const xmlError *xe);

/* The vocabularies a feed element may come from. RSS elements live in no
 * namespace, in RSS 1.0's or 0.90's, or in any default namespace a
 * publisher invented; prefixed unknown ones are NS_OTHER. */
enum feed_ns {
	NS_CORE,
	NS_ATOM,
	NS_DC,
	NS_DCTERMS,
	NS_CONTENT,
	NS_MEDIA,
	NS_RDF,
	NS_OTHER,
};

/* One parse: the document's URL (the base of relative links), the time
 * undated items get, the dialect. */
struct feed_ctx {
	const char *url;
	time_t now;
	int is_atom;
};

/* ---- feed_node.c: reading the tree */

/* The vocabulary of element n; *local set to its name without a prefix. */
enum feed_ns feed_node_ns(const xmlNode *n, const char **local);
/* The value of attribute name (any namespace unless ns_href is given),
 * borrowed from the tree; NULL when absent or not plain text. */
const char *feed_attr(const xmlNode *n, const char *name, const char *ns_href);
/* n's text as a new string of at most max bytes (NUL-terminated). */
char *feed_node_text(const xmlNode *n, size_t max);
/* What is inside n as an HTML fragment of at most max bytes: its text,
 * which is HTML already, and any element left unescaped as a tag. New
 * string. */
char *feed_node_html(const xmlNode *n, size_t max);
/* n's children serialised as XML (Atom xhtml content), at most max bytes;
 * a lone wrapping <div> is left out. New string. */
char *feed_node_markup(xmlNode *n, size_t max);
/* ref resolved against the base at n and checked by url_link_ok; new
 * string or NULL. */
char *feed_resolve_link(const struct feed_ctx *p, const xmlNode *n,
			const char *ref);

/* ---- feed_item.c: elements to fields */

/* Fill it from the item or entry element n. */
void feed_item_from_node(const struct feed_ctx *p, xmlNode *n,
			 struct feed_item *it);
/* The feed's own title and link from its channel (RSS, RDF) or root
 * (Atom) element n. */
void feed_channel_meta(const struct feed_ctx *p, xmlNode *n, struct feed *f);

/* ---- feed_bytes.c: bytes made fit for the XML parser */

/* Bytes as UTF-8, by HTTP charset > BOM > XML declaration, recovering
 * from declarations that lie: a new buffer in *out (caller frees), or
 * NULL in *out when the input can be parsed as it is. */
void feed_to_utf8(const char *b, size_t len, const char *http_charset,
		  char **out, size_t *out_len);
/* A copy without the C0 controls XML forbids (caller frees), or NULL when
 * there are none. */
char *feed_strip_controls(const char *b, size_t len, size_t *out_len);
/* The bytes with bare '&' and undeclared entities rewritten (all: XML's
 * own five made numeric too); a new buffer (caller frees) or NULL when
 * nothing needs fixing. */
char *feed_fix_refs(const char *b, size_t len, int all, size_t *out_len);

#endif
