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
#define TYPE_MAX 128
#define TAG_MAX 256
#define SUMMARY_MAX (512u << 10)
#define CONTENT_MAX (4u << 20)
#define WALK_DEPTH 64
/* libxml2's cap on nesting (without XML_PARSE_HUGE): past it the parser
 * stops, and a recovered document ends there. */
#define XML_DEPTH_CAP 256

/* 1 when the last error of a parse (xmlCtxtGetLastError(), or
 * xmlGetLastError()) is libxml2 stopping at XML_DEPTH_CAP. */
int feed_xml_depth_stop(const xmlError *xe);

/* The vocabularies a feed element may come from, known by namespace URI
 * (and, in a recovered document, by the usual prefix). RSS elements live
 * in no namespace, in RSS 1.0's or 0.90's, or in any default namespace a
 * publisher invented; prefixed unknown ones are NS_OTHER. */
enum feed_ns {
	NS_CORE,
	NS_ATOM,
	NS_DC,
	NS_DCTERMS,
	NS_CONTENT,
	NS_MEDIA,
	NS_ITUNES,
	NS_XHTML,
	NS_SLASH, /* Slash: comment counts */
	NS_WFW,	  /* Well-Formed Web: comment pages and feeds */
	NS_THR,	  /* Atom threading: reply counts */
	NS_RDF,
	NS_OTHER,
};

/* The dialect of the document, for the defaults of its text constructs. */
enum feed_dialect { DIALECT_RSS, DIALECT_ATOM03, DIALECT_ATOM10 };

/* One parse: the document's URL (the base of relative links), the time
 * undated items get, the dialect. */
struct feed_ctx {
	const char *url;
	time_t now;
	enum feed_dialect dialect;
	int fix_text; /* fields need feed_text_fix() (XML's were fixed
			 as bytes, before the parse) */
};

/* CDATA sections and long runs of text cut out of a document before
 * libxml2 reads it (which it does a character at a time): the tree holds
 * <?warta-cdata N?> for the Nth, and the text stays in the bytes, its
 * references still to decode when xml[N] is set. Hung on the document's
 * _private. */
struct feed_cdata {
	const char **s;
	size_t *len;
	unsigned char *xml;
	size_t n, cap;
};

/* The target of the processing instructions that stand for CDATA. */
#define FEED_CDATA_PI "warta-cdata"

/* ---- feed_node.c: reading the tree */

/* The vocabulary of element n; *local set to its name without a prefix. */
enum feed_ns feed_node_ns(const xmlNode *n, const char **local);
/* 1 if local is name, ASCII case ignored (feeds write <PubDate>). */
int feed_name_is(const char *local, const char *name);
/* The value of attribute name (any namespace unless ns_href is given),
 * borrowed from the tree; NULL when absent or not plain text. */
const char *feed_attr(const xmlNode *n, const char *name, const char *ns_href);
/* n's text as a new string of at most max bytes (NUL-terminated). */
char *feed_node_text(const xmlNode *n, size_t max);
/* What is inside n as an HTML fragment of at most max bytes: its text,
 * which is HTML already, and any element left unescaped as a tag. New
 * string, not yet cleaned. */
char *feed_node_html(const xmlNode *n, size_t max);
/* n's children as HTML, their text escaped (inline XHTML), at most max
 * bytes; with unwrap, a lone <div> around them is left out (Atom 1.0's
 * type="xhtml"). New string, not yet cleaned. */
char *feed_node_markup(const xmlNode *n, size_t max, int unwrap);
/* The base URL in effect at n: the document's, then each xml:base from
 * the root down. Caller frees; NULL when there is none. */
char *feed_node_base(const struct feed_ctx *p, const xmlNode *n);
/* ref resolved against the base at n and checked by url_link_ok; new
 * string or NULL. */
char *feed_resolve_link(const struct feed_ctx *p, const xmlNode *n,
			const char *ref);

/* ---- feed_text.c: text constructs, people, cleaning */

/* How the text of an element is to be read. */
enum feed_text {
	FT_HTML,  /* RSS: the text is HTML, elements inside are tags */
	FT_XHTML, /* inline XHTML: elements are tags, text is text */
	FT_PLAIN, /* plain text */
	FT_GUESS, /* plain text unless it plainly holds HTML */
	FT_ATOM,  /* an Atom text construct: type and mode say */
};

/* The HTML of element n read as kind says, cleaned (html_clean) against
 * the base at n, at most max bytes; NULL when empty. New string. */
char *feed_text_html(const struct feed_ctx *p, xmlNode *n, enum feed_text kind,
		     size_t max);
/* The plain text of a title-like element n read as kind says (HTML's
 * tags dropped and references decoded; text as it is), white space
 * squeezed, at most max bytes; never NULL. New string. */
char *feed_text_plain(const struct feed_ctx *p, xmlNode *n, enum feed_text kind,
		      size_t max);
/* A person's name: Atom's <name> (else <email>), or RSS's "mail@host
 * (Name)", "Name <mail@host>" and the like; NULL when empty. New
 * string. */
char *feed_person(const struct feed_ctx *p, xmlNode *n);
/* The name in a person string s as above, in place; returns s. */
char *feed_person_name(char *s);
/* s with every C1 control character (U+0080..U+009F) read as the
 * windows-1252 character at its place, the way browsers read them, and
 * other control characters but tab and newline dropped; s itself when
 * nothing changes, else a new string and s is freed. NULL stays NULL. */
char *feed_text_fix(char *s);

/* ---- feed_item.c: elements to fields */

/* What one item's elements gave before defaults are applied. */
struct item_parts {
	char *title, *media_title, *link, *alt_link, *guid_link, *id;
	char *author, *creator, *itunes_author;
	char *summary, *dc_desc, *itunes_summary, *itunes_subtitle;
	char *media_desc, *content, *xhtml_body;
	char *image, *itunes_image, *date_raw;
	char *comments, *wfw_comment, *comments_feed;
	long comment_count;
	struct feed_enclosure *enc;
	size_t nenc;
	long itunes_duration;
	int rss_enc; /* index of RSS's <enclosure>, which iTunes describes */
	char **tags;
	size_t ntags;
	time_t published, updated;
	int have_pub, have_upd;
};

/* Fill it from the item or entry element n. */
void feed_item_from_node(const struct feed_ctx *p, xmlNode *n,
			 struct feed_item *it);
/* The feed's own title and link from its channel (RSS, RDF) or root
 * (Atom) element n. */
void feed_channel_meta(const struct feed_ctx *p, xmlNode *n, struct feed *f);
/* Keep s (taken over) in *dst unless *dst is set or s is empty. */
void feed_set_str(char **dst, char *s);
/* Add a tag (taken over) unless it is empty, known already or one too
 * many. */
void feed_add_tag(struct item_parts *ip, char *tag);
/* The finished item from what its elements gave (ip is emptied): the
 * defaults applied (link from guid, summary and author fallbacks, the
 * date of parse for an undated item), every text checked by
 * feed_text_fix() when p says so, the key. */
void feed_item_finish(const struct feed_ctx *p, struct item_parts *ip,
		      struct feed_item *it);

/* ---- feed_media.c: enclosures, Media RSS and iTunes */

/* Add an enclosure of URL url (taken over), type (may be NULL), length
 * in bytes and duration in seconds (-1: not given); one with a URL seen
 * before fills in what that one lacked. Returns its index, or -1 when
 * there is none (no URL, too many). */
int feed_add_enclosure(struct item_parts *ip, char *url, const char *type,
		       long long length, long duration);
/* A Media RSS element of an item (media:content, media:group, ...). */
void feed_media_element(const struct feed_ctx *p, xmlNode *c, const char *local,
			struct item_parts *ip);
/* An iTunes element of an item. */
void feed_itunes_element(const struct feed_ctx *p, xmlNode *c,
			 const char *local, struct item_parts *ip);
/* A duration ("1:02:03", "62:03", "3723", "3723.5") in seconds, or -1. */
long feed_duration(const char *s);
/* A length in bytes, or -1 when s is no positive whole number. */
long long feed_length(const char *s);

/* ---- feed_bytes.c: bytes made fit for the XML parser */

/* Bytes as UTF-8, by HTTP charset > BOM > XML declaration, recovering
 * from declarations that lie: a new buffer in *out (caller frees), or
 * NULL in *out when the input can be parsed as it is. */
void feed_to_utf8(const char *b, size_t len, const char *http_charset,
		  char **out, size_t *out_len);
/* A copy of b[0..len) with each CDATA section replaced by a processing
 * instruction <?warta-cdata N?>, N its index in t, whose entries point
 * into b (which must outlive the tree); NULL when there is none. Caller
 * frees the copy and t's arrays. */
char *feed_cut_cdata(const char *b, size_t len, struct feed_cdata *t,
		     size_t *out_len);
/* As feed_cut_cdata(), for runs of character data of 256 bytes or more
 * between tags (references left in: xml[N] set), in a document that
 * declares no entities and whose '&'s are fixed already (feed_fix_refs());
 * NULL when there is none. */
char *feed_cut_text(const char *b, size_t len, struct feed_cdata *t,
		    size_t *out_len);
/* A copy with every C1 control (U+0080..U+009F, as UTF-8) read as the
 * windows-1252 character at its place, as browsers read them (the five
 * it leaves undefined dropped); NULL when there is none. Caller frees. */
char *feed_fix_c1(const char *b, size_t len, size_t *out_len);
/* A copy without the C0 controls XML forbids (caller frees), or NULL when
 * there are none. */
char *feed_strip_controls(const char *b, size_t len, size_t *out_len);
/* The bytes with bare '&' and undeclared entities rewritten (all: XML's
 * own five made numeric too), references to C1 controls made windows-1252
 * characters, UTF-8 escaped byte by byte decoded; a new buffer (caller
 * frees) or NULL when nothing needs fixing. */
char *feed_fix_refs(const char *b, size_t len, int all, size_t *out_len);

/* ---- jsonfeed.c: JSON Feed */

/* 1 if bytes[0..len), after a byte order mark and white space, start a
 * JSON object or array. */
int feed_json_looks(const char *bytes, size_t len);
/* A JSON Feed 1.0 or 1.1 document to a feed, as feed_parse() does for
 * XML; NULL with e filled ("not a feed: JSON: expected ... at line 3,
 * column 17"). */
struct feed *feed_json_parse(const char *bytes, size_t len, const char *url,
			     size_t max_items, struct err *e);

#endif
