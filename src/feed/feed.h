/* feed.h: RSS, RDF, Atom and JSON feeds (and front pages) turned into items. */
#ifndef WARTA_FEED_H
#define WARTA_FEED_H

#include <stddef.h>
#include <time.h>

#include "util/err.h"

/* The most items a feed yields when the caller passes max_items 0. */
#define FEED_MAX_ITEMS 10000
/* Inputs larger than this are refused. */
#define FEED_MAX_BYTES (64u << 20)
/* The most enclosures and tags one item keeps. */
#define FEED_MAX_ENCLOSURES 32
#define FEED_MAX_TAGS 32

/* A file that comes with an item: an RSS enclosure, an Atom link
 * rel="enclosure", a Media RSS media:content, a JSON Feed attachment. */
struct feed_enclosure {
	char *url;	  /* absolute URL, never NULL */
	char *type;	  /* MIME type, or NULL */
	long long length; /* bytes, or -1 when not given */
	long duration;	  /* seconds, or -1 when not given */
};

struct feed_item {
	char *title;   /* plain text (markup and entities decoded), never NULL */
	char *link;    /* absolute http(s) URL or NULL */
	char *id;      /* guid / id / rdf:about as given, or NULL */
	char *author;  /* plain text or NULL */
	char *summary; /* HTML fragment or NULL */
	char *content; /* HTML fragment (full text) or NULL */
	time_t published, updated; /* UTC; updated 0 when not given */
	int date_guessed; /* 1: no usable date; published is the parse time */
	char *key;        /* stable identity: id, else link, else "h:" +
			     FNV-1a 64 of title and date; never NULL */
	char *image;      /* media:thumbnail / image enclosure URL, or NULL */
	char *enclosure;  /* first enclosure URL, or NULL */
	char *enclosure_type; /* its MIME type, or NULL */
	struct feed_enclosure *enclosures; /* all of them, in feed order */
	size_t nenclosures;
	char **tags; /* categories / tags, plain text, in feed order */
	size_t ntags;
	char *comments;	     /* absolute URL of the comments page, or NULL */
	char *comments_feed; /* absolute URL of the comments' feed, or NULL */
	long comment_count;  /* comments so far, or -1 when not given */
};

struct feed {
	char *title; /* plain text, never NULL (may be "") */
	char *link;  /* the site's absolute URL, or NULL */
	long interval; /* seconds between updates the feed says it has
			* (<ttl>, sy:updatePeriod and sy:updateFrequency),
			* 0 when it says nothing */
	struct feed_item *items;
	size_t nitems;
	char *notice; /* what the parse left out, for the caller to show
		       * ("nested deeper than 256 levels: the rest was
		       * skipped"), or NULL */
	size_t total; /* items the document has, those past max_items
		       * counted too: above nitems when some were left out */
};

/* Parse an RSS 0.90-2.0, RDF, Atom 0.3/1.0 or JSON Feed 1.0/1.1 document
 * (JSON when the bytes start with '{') into a feed; url (may be NULL) is
 * the base for relative links, http_charset (may be NULL) the charset the
 * server declared, max_items (0: FEED_MAX_ITEMS) the most items kept,
 * first ones first. Summaries and contents come out cleaned by
 * html_clean() with their links made absolute. Never touches the network
 * or the file system. Returns a feed the caller frees with feed_free(), or
 * NULL with e filled when the bytes are not a feed. */
struct feed *feed_parse(const char *bytes, size_t len, const char *url,
			const char *http_charset, size_t max_items,
			struct err *e);
/* Free a feed from feed_parse() or frontpage_parse(); NULL is ignored. */
void feed_free(struct feed *f);

/* What some bytes are, for a source of type auto. */
enum feed_kind {
	FEED_KIND_UNSURE, /* try the feed parser, then the page parser */
	FEED_KIND_FEED,
	FEED_KIND_PAGE,
};

/* The most bytes feed_sniff() looks at. */
#define FEED_SNIFF_BYTES 4096

/* Whether bytes[0..len), served as content_type (may be NULL), are a feed
 * or a web page; the one rule of `warta feed` and of a refresh. A feed's
 * Content-Type (RSS, Atom or RDF +xml, application/feed+json or
 * application/json) says feed. Otherwise the document's first element,
 * after a byte order mark, white space, the XML declaration, comments and
 * the doctype, decides: rss, feed, rdf:RDF (or a bare channel) say feed;
 * html, or an HTML doctype before it, says page; a document that is a
 * JSON object ('{' first) is a feed too. An HTML Content-Type says page
 * unless the document says feed (servers label feeds text/html).
 * Anything else is FEED_KIND_UNSURE. */
enum feed_kind feed_sniff(const char *bytes, size_t len,
			  const char *content_type);
/* A feed or a front page, as feed_sniff() decides: when it is unsure,
 * feed_parse(), then frontpage_parse() if that finds articles (else the
 * feed parser's error). Arguments as theirs; the caller frees the feed
 * with feed_free(), or NULL with e filled. */
struct feed *feed_parse_auto(const char *bytes, size_t len, const char *url,
			     const char *content_type, const char *http_charset,
			     const char *link_pattern, size_t max_items,
			     struct err *e);

#endif
