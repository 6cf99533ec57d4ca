/* sniff.c: whether bytes are a feed or a web page: one rule for all callers. */
#include "autoconfig.h"

#include "feed/feed.h"
#include "feed/frontpage.h"
#include "util/str.h"

#include <string.h>

/* The media type of content_type, lower-cased, without parameters, in
 * out[outsz]; "" when there is none. */
static void
media_type(const char *content_type, char *out, size_t outsz)
{
	size_t n = 0;
	const char *p = content_type ? content_type : "";

	while (str_isspace((unsigned char)*p))
		p++;
	for (; *p && *p != ';' && !str_isspace((unsigned char)*p) &&
	       n + 1 < outsz;
	     p++)
		out[n++] = *p >= 'A' && *p <= 'Z' ? (char)(*p + 32) : *p;
	out[n] = '\0';
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

/* What the Content-Type says: a feed (RSS, Atom, RDF, JSON Feed or any
 * JSON), a page, or nothing clear (XML, plain text, none). */
static enum feed_kind
by_type(const char *content_type)
{
	char t[64];

	media_type(content_type, t, sizeof(t));
	if (ends_with(t, "/rss+xml") || ends_with(t, "/atom+xml") ||
	    ends_with(t, "/rdf+xml") || !strcmp(t, "application/rss") ||
	    !strcmp(t, "application/feed+json") ||
	    !strcmp(t, "application/json"))
		return FEED_KIND_FEED;
	if (!strcmp(t, "text/html") || !strcmp(t, "application/xhtml+xml"))
		return FEED_KIND_PAGE;
	return FEED_KIND_UNSURE;
}

static int
is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == ':' || c == '_' || c == '-' ||
	       c == '.';
}

/* Past the first occurrence of end in p[0..e), or NULL. */
static const char *
past(const char *p, const char *e, const char *end)
{
	size_t n = strlen(end);

	for (; p + n <= e; p++) {
		p = memchr(p, end[0], (size_t)(e - p));
		if (!p || p + n > e)
			return NULL;
		if (!memcmp(p, end, n))
			return p + n;
	}
	return NULL;
}

/* What the document's first element says, after a BOM, white space, stray
 * text, the XML declaration and other processing instructions, comments
 * and the doctype (an HTML doctype says page by itself); a JSON object
 * says feed. */
static enum feed_kind
by_root(const char *b, size_t len)
{
	const char *e = b + (len < FEED_SNIFF_BYTES ? len : FEED_SNIFF_BYTES);
	const char *p = b, *name, *local;
	size_t n;

	if (e - p >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3;
	while (p < e && str_isspace((unsigned char)*p))
		p++;
	/* a JSON object: JSON Feed (no page starts so) */
	if (p < e && *p == '{')
		return FEED_KIND_FEED;
	for (;;) {
		/* white space, or what a script printed before the XML */
		p = p < e ? memchr(p, '<', (size_t)(e - p)) : NULL;
		if (!p || e - p < 2)
			return FEED_KIND_UNSURE;
		if (p[1] == '?') {
			p = past(p, e, "?>");
		} else if (e - p >= 4 && !memcmp(p, "<!--", 4)) {
			p = past(p + 4, e, "-->");
		} else if (p[1] == '!') {
			if (e - p >= 14 && !str_ncasecmp(p, "<!doctype", 9) &&
			    str_isspace((unsigned char)p[9])) {
				const char *d = p + 9;

				while (d < e && str_isspace((unsigned char)*d))
					d++;
				if (e - d >= 4 && !str_ncasecmp(d, "html", 4) &&
				    (e - d == 4 || !is_name_char(d[4])))
					return FEED_KIND_PAGE;
			}
			p = past(p, e, ">");
		} else {
			break;
		}
		if (!p)
			return FEED_KIND_UNSURE;
	}
	name = ++p;
	while (p < e && is_name_char(*p))
		p++;
	n = (size_t)(p - name);
	if (!n || p == e)
		return FEED_KIND_UNSURE;
	/* the names feed_parse() takes, with any prefix ("atom:feed") */
	local = name;
	for (const char *c = name; c < p; c++)
		if (*c == ':')
			local = c + 1;
	n = (size_t)(p - local);
	if ((n == 3 && !memcmp(local, "rss", 3)) ||
	    (n == 4 && !memcmp(local, "feed", 4)) ||
	    (n == 3 && !memcmp(local, "RDF", 3)) ||
	    (n == 7 && !memcmp(local, "channel", 7)))
		return FEED_KIND_FEED;
	if (p - name == 4 && !str_ncasecmp(name, "html", 4))
		return FEED_KIND_PAGE;
	return FEED_KIND_UNSURE;
}

enum feed_kind
feed_sniff(const char *bytes, size_t len, const char *content_type)
{
	enum feed_kind type = by_type(content_type);
	enum feed_kind root;

	if (type == FEED_KIND_FEED)
		return type;
	root = by_root(bytes ? bytes : "", bytes ? len : 0);
	/* servers label feeds text/html more than anything else, so the
	 * root of the document still says feed (as browsers sniff) */
	if (type == FEED_KIND_PAGE)
		return root == FEED_KIND_FEED ? root : type;
	return root;
}

struct feed *
feed_parse_auto(const char *bytes, size_t len, const char *url,
		const char *content_type, const char *http_charset,
		const char *link_pattern, size_t max_items, struct err *e)
{
	enum feed_kind kind = feed_sniff(bytes, len, content_type);
	struct err pe = {{0}};
	struct feed *f;

	if (kind == FEED_KIND_PAGE)
		return frontpage_parse(bytes, len, url, http_charset,
				       link_pattern, max_items, e);
	f = feed_parse(bytes, len, url, http_charset, max_items, e);
	if (f || kind == FEED_KIND_FEED)
		return f;
	/* neither clearly: a page, when it gives articles; else what the
	 * feed parser found wrong says most */
	f = frontpage_parse(bytes, len, url, http_charset, link_pattern,
			    max_items, &pe);
	if (f && f->nitems)
		return f;
	feed_free(f);
	return NULL;
}
