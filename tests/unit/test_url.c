/* test_url.c: RFC 3986 resolution (its section 5.4 examples) and checks. */
#include "autoconfig.h"

#include "tap.h"
#include "util/url.h"

#include <stdlib.h>

static const char *base = "http://a/b/c/d;p?q";

static const struct {
	const char *ref, *want;
} rfc[] = {
	{"g:h", NULL}, /* unknown scheme: refused, not resolved */
	{"g", "http://a/b/c/g"},
	{"./g", "http://a/b/c/g"},
	{"g/", "http://a/b/c/g/"},
	{"/g", "http://a/g"},
	{"//g", "http://g/"},
	{"?y", "http://a/b/c/d;p?y"},
	{"g?y", "http://a/b/c/g?y"},
	{"#s", "http://a/b/c/d;p?q#s"},
	{"g#s", "http://a/b/c/g#s"},
	{"g?y#s", "http://a/b/c/g?y#s"},
	{";x", "http://a/b/c/;x"},
	{"g;x", "http://a/b/c/g;x"},
	{".", "http://a/b/c/"},
	{"./", "http://a/b/c/"},
	{"..", "http://a/b/"},
	{"../", "http://a/b/"},
	{"../g", "http://a/b/g"},
	{"../..", "http://a/"},
	{"../../", "http://a/"},
	{"../../g", "http://a/g"},
	{"../../../g", "http://a/g"},
	{"../../../../g", "http://a/g"},
	{"/./g", "http://a/g"},
	{"/../g", "http://a/g"},
	{"g.", "http://a/b/c/g."},
	{".g", "http://a/b/c/.g"},
	{"g..", "http://a/b/c/g.."},
	{"..g", "http://a/b/c/..g"},
	{"./../g", "http://a/b/g"},
	{"./g/.", "http://a/b/c/g/"},
	{"g/./h", "http://a/b/c/g/h"},
	{"g/../h", "http://a/b/c/h"},
	{"g;x=1/./y", "http://a/b/c/g;x=1/y"},
	{"g;x=1/../y", "http://a/b/c/y"},
	{"g?y/./x", "http://a/b/c/g?y/./x"},
	{"g#s/../x", "http://a/b/c/g#s/../x"},
	{"  g \n", "http://a/b/c/g"},
	{"HTTPS://Example.com/x", "https://Example.com/x"},
	{"javascript:alert(1)", NULL},
	{"data:text/html,hi", NULL},
	{"", "http://a/b/c/d;p?q"},
};

int
main(void)
{
	char *s;

	for (size_t i = 0; i < sizeof(rfc) / sizeof(rfc[0]); i++) {
		s = url_resolve(base, rfc[i].ref);
		is_str(s, rfc[i].want, "resolve '%s'", rfc[i].ref);
		free(s);
	}
	s = url_resolve("https://news.example/a/b.html", "http://other.example");
	is_str(s, "http://other.example/", "bare host gets a slash");
	free(s);
	s = url_resolve(NULL, "/relative");
	ok(s == NULL, "relative without base is refused");
	free(s);
	/* an absolute link on a page without a URL comes out normalised,
	 * like one resolved against a base (found by fuzz_page: "httpS://"
	 * passed as not http) */
	s = url_resolve(NULL, "httpS://News.Example/a/./b/../c.html");
	is_str(s, "https://News.Example/a/c.html", "absolute without base normalised");
	free(s);
	s = url_resolve("", "HTTP://x.example");
	is_str(s, "http://x.example/", "empty base: normalised too");
	free(s);
	s = url_resolve("https://x.example/a", "\\\\evil.example\\p");
	is_str(s, "https://evil.example/p", "backslashes read as slashes");
	free(s);

	s = url_escape_controls("https://x.example/a b\x1b]0;t\x07\x7f"
				"\xc2\x9b\xe2\x80\xae\xc3\xa9?q=1");
	is_str(s,
	       "https://x.example/a%20b%1B]0;t%07%7F%C2%9B%E2%80%AE\xc3\xa9?q=1",
	       "controls, C1 and bidi overrides in a URL percent-encoded");
	free(s);
	s = url_escape_controls("https://x.example/\xe5\xad\x97?a=%41");
	is_str(s, "https://x.example/\xe5\xad\x97?a=%41",
	       "other characters and escapes kept");
	free(s);

	ok(url_is_http("https://example.com/"), "https is http");
	ok(url_is_http("HTTP://example.com"), "scheme is case-insensitive");
	ok(!url_is_http("file:///etc/passwd"), "file is not http");
	ok(!url_is_http("gopher://x/"), "gopher is not http");
	ok(!url_is_http("http:///nohost"), "no host");
	ok(url_is_fetchable("file:///tmp/x"), "file is fetchable");
	ok(!url_is_fetchable("ftp://x/"), "ftp is not fetchable");
	ok(url_link_ok("https://a.example/", "https://b.example/x"),
	   "an http link from any page is fine");
	ok(!url_link_ok("https://a.example/", "file:///etc/passwd"),
	   "a web page never links a local file");
	ok(url_link_ok("file:///d/demo/index.html", "file:///d/demo/read/a.html"),
	   "a local page links a file beside it");
	ok(!url_link_ok("file:///d/demo/index.html", "file:///etc/passwd"),
	   "a local page does not link files elsewhere");
	ok(!url_link_ok("file:///d/demo/index.html", "file:///d/demo/../x"),
	   "no climbing out with ..");
	ok(!url_link_ok("file:///d/demo/index.html", "file:///d/demo/%2e%2e/x"),
	   "no climbing out with escapes");
	ok(!url_link_ok("file:///d/demo/index.html", "gopher://x/"),
	   "other schemes never");

	s = url_host("https://user:pw@WWW.Example.COM:8080/p?q");
	is_str(s, "www.example.com", "host lower-cased, no port or user");
	free(s);
	s = url_host("http://[::1]:8080/");
	is_str(s, "[::1]", "IPv6 literal host");
	free(s);
	ok(url_host("/just/a/path") == NULL, "no host in a path");
	ok(url_same_site("https://www.kompas.com/a", "http://kompas.com/b"),
	   "www. is ignored");
	ok(!url_same_site("https://a.example/", "https://b.example/"),
	   "different hosts");
	s = url_strip_fragment("http://a/b#c");
	is_str(s, "http://a/b", "strip fragment");
	free(s);
	{
		static const struct {
			const char *url, *key, *why;
		} keys[] = {
		    {"https://news.example/a/b", "https://news.example/a/b",
		     "a plain URL is its own key"},
		    {"HTTP://News.Example:80/a/b/#top",
		     "https://news.example/a/b",
		     "scheme, host case, default port, slash, fragment"},
		    {"https://news.example:443/a/./c/../b",
		     "https://news.example/a/b", "https port, dot segments"},
		    {"http://news.example:8080/a",
		     "https://news.example:8080/a", "another port stays"},
		    {"https://user@news.example./a", "https://news.example/a",
		     "user info and the root dot go"},
		    {"https://news.example", "https://news.example/",
		     "an empty path is /"},
		    {"https://news.example/a?utm_source=rss&id=7&fbclid=x",
		     "https://news.example/a?id=7", "tracking parameters go"},
		    {"https://news.example/a?utm_medium=feed",
		     "https://news.example/a", "and with them the ?"},
		    {"https://news.example/a%2fb?q=%c3%a9",
		     "https://news.example/a%2Fb?q=%C3%A9",
		     "escapes in upper case"},
		    {"https://[2001:db8::1]:443/a", "https://[2001:db8::1]/a",
		     "an IPv6 literal keeps its colons"},
		    {"file:///tmp/a.html#x", "file:///tmp/a.html",
		     "not http: only the fragment goes"},
		};

		for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
			s = url_key(keys[i].url);
			is_str(s, keys[i].key, "url_key: %s", keys[i].why);
			free(s);
		}
		ok(url_key(NULL) == NULL && url_key("") == NULL,
		   "url_key: no URL, no key");
	}
	return tap_done();
}
