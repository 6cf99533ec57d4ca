/* url.h: URL resolution (RFC 3986) and the checks every URL from content passes. */
#ifndef WARTA_URL_H
#define WARTA_URL_H

#include <stddef.h>

struct url_parts {
	/* Each points into the parsed string; NULL-with-0 when absent. */
	const char *scheme, *authority, *path, *query, *fragment;
	size_t scheme_len, authority_len, path_len, query_len, fragment_len;
};

/* Split s by RFC 3986's grammar; never fails (a relative ref has no scheme). */
void url_split(const char *s, struct url_parts *p);
/* Resolve ref against base (absolute); surrounding white space and
 * control characters are dropped. Returns a new string, caller frees, or
 * NULL when ref is empty or unusable (e.g. "javascript:"). Fragments are kept. */
char *url_resolve(const char *base, const char *ref);
/* 1 if url is absolute http or https with a host. */
int url_is_http(const char *url);
/* 1 if url is absolute with scheme http, https or file. */
int url_is_fetchable(const char *url);
/* 1 if a link found in the content of the page at page_url may be fetched:
 * http(s) always; file:// only when the page itself is a local file (the
 * user's own source, or the demo) and the link stays inside its directory
 * (no "..", no percent-escapes that could hide one). */
int url_link_ok(const char *page_url, const char *link);
/* The host of url, lower-cased, without port or user info; caller frees;
 * NULL when there is none. */
char *url_host(const char *url);
/* 1 if both URLs have the same registrable-looking host (a leading "www."
 * and "m." are ignored). */
int url_same_site(const char *a, const char *b);
/* A copy of url without its #fragment; caller frees. */
char *url_strip_fragment(const char *url);
/* The key two links to the same page share, for finding one article in
 * several sources: scheme and host in lower case, http and https alike
 * (written https), no user info, no default port, dot segments removed,
 * %-escapes in upper case, no trailing slash after a path, common
 * tracking parameters (utm_*, fbclid, gclid...) and the fragment dropped.
 * A URL that is not http(s) comes back without its fragment. Returns a new
 * string (caller frees), or NULL for NULL or an empty url. */
char *url_key(const char *url);
/* A copy of url with control characters (C0, space, DEL, C1) and bidi
 * controls percent-encoded, so that handing it to another program or the
 * terminal's clipboard passes nothing but a URL; caller frees. */
char *url_escape_controls(const char *url);

#endif
