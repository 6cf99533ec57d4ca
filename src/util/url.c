/* url.c: RFC 3986 splitting and reference resolution, scheme and host checks. */
#include "autoconfig.h"

#include "util/url.h"
#include "util/buf.h"
#include "util/str.h"

#include <stdlib.h>
#include <string.h>

static int
is_scheme_char(char c, int first)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return 1;
	return !first && ((c >= '0' && c <= '9') || c == '+' || c == '-' ||
			  c == '.');
}

void
url_split(const char *s, struct url_parts *p)
{
	const char *c = s, *e;

	memset(p, 0, sizeof(*p));
	for (e = s; *e && is_scheme_char(*e, e == s); e++)
		;
	if (e > s && *e == ':') {
		p->scheme = s;
		p->scheme_len = (size_t)(e - s);
		c = e + 1;
	}
	if (c[0] == '/' && c[1] == '/') {
		c += 2;
		p->authority = c;
		p->authority_len = strcspn(c, "/?#");
		c += p->authority_len;
	}
	p->path = c;
	p->path_len = strcspn(c, "?#");
	c += p->path_len;
	if (*c == '?') {
		p->query = c + 1;
		p->query_len = strcspn(c + 1, "#");
		c += 1 + p->query_len;
	}
	if (*c == '#') {
		p->fragment = c + 1;
		p->fragment_len = strlen(c + 1);
	}
}

/* RFC 3986 5.2.4: remove "." and ".." segments from path into out. */
static void
remove_dots(const char *in, size_t len, struct buf *out)
{
	size_t start = out->len, i = 0;

	while (i < len) {
		const char *s = in + i;
		size_t rest = len - i;

		if (rest >= 3 && !strncmp(s, "../", 3)) {
			i += 3;
		} else if (rest >= 2 && !strncmp(s, "./", 2)) {
			i += 2;
		} else if (rest >= 3 && !strncmp(s, "/./", 3)) {
			i += 2;
		} else if (rest == 2 && !strncmp(s, "/.", 2)) {
			buf_putc(out, '/');
			break;
		} else if ((rest >= 4 && !strncmp(s, "/../", 4)) ||
			   (rest == 3 && !strncmp(s, "/..", 3))) {
			/* drop the last output segment */
			while (out->len > start && out->data[out->len - 1] != '/')
				out->len--;
			if (out->len > start)
				out->len--;
			if (out->data)
				out->data[out->len] = '\0';
			if (rest == 3) {
				buf_putc(out, '/');
				break;
			}
			i += 3;
		} else if ((rest == 1 && s[0] == '.') ||
			   (rest == 2 && !strncmp(s, "..", 2))) {
			break;
		} else {
			size_t n = 1;

			while (n < rest && s[n] != '/')
				n++;
			buf_append(out, s, n);
			i += n;
		}
	}
}

static int
scheme_is(const struct url_parts *p, const char *name)
{
	return p->scheme && p->scheme_len == strlen(name) &&
	       !str_ncasecmp(p->scheme, name, p->scheme_len);
}

/* Copy ref without leading/trailing white space and without embedded
 * tabs and newlines (which browsers also drop). */
static char *
clean_ref(const char *ref)
{
	size_t len = strlen(ref);
	char *out = xmalloc(len + 1);
	size_t o = 0;

	while (len && (unsigned char)ref[len - 1] <= ' ')
		len--;
	while (len && (unsigned char)*ref <= ' ') {
		ref++;
		len--;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)ref[i];

		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c == '\\')
			c = '/';
		out[o++] = (char)c;
	}
	out[o] = '\0';
	return out;
}

static void
put_lower(struct buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		buf_putc(b, (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c);
	}
}

char *
url_resolve(const char *base, const char *ref_in)
{
	struct url_parts b, r;
	const struct url_parts *auth, *query;
	struct buf out, path;
	char *ref, *res = NULL;

	if (!ref_in)
		return NULL;
	ref = clean_ref(ref_in);
	url_split(ref, &r);
	if (r.scheme && !scheme_is(&r, "http") && !scheme_is(&r, "https") &&
	    !scheme_is(&r, "file") && !scheme_is(&r, "mailto") &&
	    !scheme_is(&r, "ftp"))
		goto out; /* javascript:, data:, vbscript: and friends */
	if (!base || !*base) {
		if (!r.scheme)
			goto out;
		/* absolute: resolved against itself, so that it comes out
		 * normalised like every other link (scheme in lower case,
		 * dot segments removed) */
		base = ref;
	}
	url_split(base, &b);
	if (!b.scheme)
		goto out;
	if (!*ref) {
		res = url_strip_fragment(base);
		goto out;
	}
	buf_init(&path, 0);
	/* RFC 3986 5.2.2: pick each component from ref or base, then join */
	if (r.scheme || r.authority) {
		auth = r.authority ? &r : NULL;
		query = r.query ? &r : NULL;
		remove_dots(r.path, r.path_len, &path);
	} else {
		auth = b.authority ? &b : NULL;
		if (!r.path_len) {
			buf_append(&path, b.path, b.path_len);
			query = r.query ? &r : (b.query ? &b : NULL);
		} else {
			query = r.query ? &r : NULL;
			if (r.path[0] == '/') {
				remove_dots(r.path, r.path_len, &path);
			} else {
				struct buf merged;
				size_t keep = b.path_len;

				buf_init(&merged, 0);
				while (keep && b.path[keep - 1] != '/')
					keep--;
				if (b.authority && !b.path_len)
					buf_putc(&merged, '/');
				buf_append(&merged, b.path, keep);
				buf_append(&merged, r.path, r.path_len);
				remove_dots(merged.data, merged.len, &path);
				buf_free(&merged);
			}
		}
	}
	buf_init(&out, 0);
	if (r.scheme)
		put_lower(&out, r.scheme, r.scheme_len);
	else
		put_lower(&out, b.scheme, b.scheme_len);
	buf_putc(&out, ':');
	if (auth) {
		buf_puts(&out, "//");
		buf_append(&out, auth->authority, auth->authority_len);
	}
	buf_append(&out, path.data ? path.data : "", path.len);
	buf_free(&path);
	if (query) {
		buf_putc(&out, '?');
		buf_append(&out, query->query, query->query_len);
	}
	if (r.fragment) {
		buf_putc(&out, '#');
		buf_append(&out, r.fragment, r.fragment_len);
	}
	res = buf_steal(&out);
	/* "http://host" -> "http://host/" keeps comparisons simple */
	url_split(res, &b);
	if (b.authority && !b.path_len &&
	    (scheme_is(&b, "http") || scheme_is(&b, "https"))) {
		size_t at = (size_t)(b.authority - res) + b.authority_len;
		size_t len = strlen(res);
		char *fixed = xmalloc(len + 2);

		memcpy(fixed, res, at);
		fixed[at] = '/';
		memcpy(fixed + at + 1, res + at, len - at + 1);
		free(res);
		res = fixed;
	}
out:
	free(ref);
	return res;
}

int
url_is_http(const char *url)
{
	struct url_parts p;

	if (!url)
		return 0;
	url_split(url, &p);
	return (scheme_is(&p, "http") || scheme_is(&p, "https")) &&
	       p.authority && p.authority_len > 0;
}

int
url_is_fetchable(const char *url)
{
	struct url_parts p;

	if (!url)
		return 0;
	if (url_is_http(url))
		return 1;
	url_split(url, &p);
	return scheme_is(&p, "file");
}

int
url_link_ok(const char *page_url, const char *link)
{
	const char *slash;

	if (!link)
		return 0;
	if (url_is_http(link))
		return 1;
	if (!page_url || !str_istarts_with(link, "file://") ||
	    !str_istarts_with(page_url, "file://"))
		return 0;
	slash = strrchr(page_url, '/');
	return !strncmp(link, page_url, (size_t)(slash - page_url) + 1) &&
	       !strstr(link, "/../") && !strchr(link, '%');
}

char *
url_host(const char *url)
{
	struct url_parts p;
	const char *h, *end;
	char *out;

	if (!url)
		return NULL;
	url_split(url, &p);
	if (!p.authority || !p.authority_len)
		return NULL;
	h = p.authority;
	end = h + p.authority_len;
	for (const char *c = h; c < end; c++)
		if (*c == '@')
			h = c + 1;
	if (h < end && *h == '[') {
		const char *close = memchr(h, ']', (size_t)(end - h));

		end = close ? close + 1 : end;
	} else {
		const char *colon = memchr(h, ':', (size_t)(end - h));

		if (colon)
			end = colon;
	}
	if (end <= h)
		return NULL;
	out = xstrndup(h, (size_t)(end - h));
	for (char *c = out; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c + 32);
	return out;
}

static const char *
site_part(const char *host)
{
	if (!strncmp(host, "www.", 4))
		return host + 4;
	if (!strncmp(host, "m.", 2))
		return host + 2;
	return host;
}

int
url_same_site(const char *a, const char *b)
{
	char *ha = url_host(a), *hb = url_host(b);
	int same = ha && hb && !strcmp(site_part(ha), site_part(hb));

	free(ha);
	free(hb);
	return same;
}

char *
url_strip_fragment(const char *url)
{
	return xstrndup(url, strcspn(url, "#"));
}

char *
url_escape_controls(const char *url)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)url;
	struct buf b;

	buf_init(&b, 0);
	buf_append(&b, "", 0);
	while (*p) {
		size_t n = 1;

		/* U+0080..U+009F, U+202A..U+202E, U+2066..U+2069 */
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0)
			n = 2;
		else if (p[0] == 0xe2 &&
			 ((p[1] == 0x80 && p[2] >= 0xaa && p[2] <= 0xae) ||
			  (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9)))
			n = 3;
		else if (p[0] > 0x20 && p[0] != 0x7f) {
			buf_putc(&b, (char)p[0]);
			p++;
			continue;
		}
		for (size_t i = 0; i < n; i++) {
			buf_putc(&b, '%');
			buf_putc(&b, hex[p[i] >> 4]);
			buf_putc(&b, hex[p[i] & 15]);
		}
		p += n;
	}
	return buf_steal(&b);
}

/* 1 when the query parameter p[0..n) (name=value) only tells the site
 * where a reader came from. */
static int
tracking_param(const char *p, size_t n)
{
	static const char *const names[] = {
	    "fbclid", "gclid",	"dclid", "msclkid", "yclid",  "igshid",
	    "mc_cid", "mc_eid", "_ga",	 "_gl",	    "wt_mc",  "ocid",
	    "cmpid",  "ncid",	"spm",	 "smid",    "fb_ref", "ref_src",
	};
	size_t len = strcspn(p, "=&");

	if (len > n)
		len = n;
	if (len > 4 && !str_ncasecmp(p, "utm_", 4))
		return 1;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == len && !str_ncasecmp(p, names[i], len))
			return 1;
	return 0;
}

/* Append s[0..n) with the hex digits of %-escapes in upper case. */
static void
put_escapes_upper(struct buf *b, const char *s, size_t n)
{
	int digits = 0; /* of an escape, still to come */

	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (digits) {
			if (c >= 'a' && c <= 'f')
				c = (char)(c - 'a' + 'A');
			digits--;
		} else if (c == '%') {
			digits = 2;
		}
		buf_putc(b, c);
	}
}

char *
url_key(const char *url)
{
	struct url_parts p;
	struct buf out, path;
	const char *host, *port = NULL;
	size_t host_len, port_len = 0;
	int https;

	if (!url || !*url)
		return NULL;
	url_split(url, &p);
	if (!p.authority || !(scheme_is(&p, "http") || scheme_is(&p, "https")))
		return url_strip_fragment(url);
	https = scheme_is(&p, "https");
	host = p.authority;
	host_len = p.authority_len;
	for (size_t i = host_len; i-- > 0;)
		if (host[i] == '@') {
			host_len -= i + 1;
			host += i + 1;
			break;
		}
	/* a port after the last colon, unless that colon is inside an IPv6
	 * literal's brackets */
	for (size_t i = host_len; i-- > 0 && host[i] != ']';)
		if (host[i] == ':') {
			port = host + i + 1;
			port_len = host_len - i - 1;
			host_len = i;
			break;
		}
	if (host_len && host[host_len - 1] == '.')
		host_len--;
	buf_init(&out, 0);
	buf_puts(&out, "https://");
	put_lower(&out, host, host_len);
	if (port_len && !(port_len == 2 && !strncmp(port, "80", 2) && !https) &&
	    !(port_len == 3 && !strncmp(port, "443", 3) && https)) {
		buf_putc(&out, ':');
		buf_append(&out, port, port_len);
	}
	buf_init(&path, 0);
	remove_dots(p.path, p.path_len, &path);
	while (path.len > 1 && path.data[path.len - 1] == '/')
		path.len--;
	if (!path.len)
		buf_putc(&out, '/');
	else
		put_escapes_upper(&out, path.data, path.len);
	buf_free(&path);
	if (p.query) {
		const char *q = p.query, *end = p.query + p.query_len;
		int first = 1;

		while (q < end) {
			size_t n = (size_t)(end - q);
			const char *amp = memchr(q, '&', n);

			if (amp)
				n = (size_t)(amp - q);
			if (n && !tracking_param(q, n)) {
				buf_putc(&out, first ? '?' : '&');
				put_escapes_upper(&out, q, n);
				first = 0;
			}
			q += n + (amp ? 1 : 0);
		}
	}
	return buf_steal(&out);
}
