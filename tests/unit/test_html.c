/* test_html.c: charset detection, decoding and bounded parsing of pages. */
#include "autoconfig.h"

#include "html/html.h"
#include "html/html_guard.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/tree.h>

#include "util/buf.h"
#include "util/str.h"

/* Text content of the first element named name, or "" (caller frees). */
static char *
first_text(htmlDocPtr doc, const char *name)
{
	xmlNodePtr n = xmlDocGetRootElement(doc);

	while (n) {
		if (n->type == XML_ELEMENT_NODE &&
		    !strcmp((const char *)n->name, name)) {
			xmlChar *c = xmlNodeGetContent(n);
			char *s = xstrdup(c ? (const char *)c : "");

			xmlFree(c);
			return s;
		}
		if (n->children) {
			n = n->children;
			continue;
		}
		while (n && !n->next)
			n = n->parent;
		if (n)
			n = n->next;
	}
	return xstrdup("");
}

static void
check_title(const char *page, size_t len, const char *http, const char *want,
	    const char *what)
{
	struct err e = {{0}};
	htmlDocPtr doc =
	    html_parse(page, len, "https://example.org/a", http, &e);
	char *t;

	ok(doc != NULL, "%s: parses", what);
	if (!doc)
		return;
	t = first_text(doc, "title");
	is_str(t, want, "%s: title decoded", what);
	free(t);
	xmlFreeDoc(doc);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A tag <name> with n attributes (written as written[0] and kin), inside
 * before and after; checked by html_guard_check() as kind. */
static int
guard(const char *before, const char *name, size_t n, const char *sep,
      const char *after, enum html_guard_kind kind, struct err *e)
{
	struct buf b;
	int rc;

	buf_init(&b, 0);
	buf_printf(&b, "%s<%s", before, name);
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%sa%zu=\"x>\"", sep, i);
	buf_printf(&b, ">%s", after);
	rc = html_guard_check(b.data, b.len, kind, e);
	buf_free(&b);
	return rc;
}

static void
test_guard(void)
{
	const size_t max = HTML_GUARD_MAX_ATTRIBUTES;
	struct err e = {{0}};
	htmlDocPtr doc;
	struct buf b;
	double t0;

	ok(guard("", "p", max, " ", "", HTML_GUARD_HTML, &e) == 0,
	   "guard: the most attributes an element may have pass");
	ok(guard("", "p", max + 1, " ", "", HTML_GUARD_HTML, &e) < 0,
	   "guard: one more is refused");
	is_str(e.msg,
	       "an element on line 1 has more than 4096 attributes: "
	       "not parsed",
	       "guard: the error says what and where");
	ok(guard("<rss>\n<channel>\n", "title", max + 1, "\n", "</rss>",
		 HTML_GUARD_XML, &e) < 0 &&
	       strstr(e.msg, "line 3 "),
	   "guard: the line is the tag's, attributes one a line (%s)", e.msg);
	ok(guard("", "p ", max + 1, "", "", HTML_GUARD_HTML, &e) < 0,
	   "guard: attributes without space between them count");
	ok(guard("<!-- ", "p", max + 1, " ", " -->", HTML_GUARD_HTML, &e) == 0,
	   "guard: a comment is no element");
	ok(guard("<![CDATA[", "p", max + 1, " ", "]]>", HTML_GUARD_XML, &e) ==
	       0,
	   "guard: nor is CDATA");
	ok(guard("<p title=\"", "p", max + 1, " ", "\">", HTML_GUARD_HTML,
		 &e) == 0,
	   "guard: nor a quoted value");
	ok(guard("<script>if (a ", "b", max + 1, " ", "</script>",
		 HTML_GUARD_HTML, &e) == 0,
	   "guard: HTML's script is text");
	ok(guard("<script>", "b", max + 1, " ", "</script>", HTML_GUARD_XML,
		 &e) < 0,
	   "guard: XML's script is an element like any");
	ok(guard("<style>", "b", max + 1, " ", "</STYLE><p>", HTML_GUARD_HTML,
		 &e) == 0,
	   "guard: HTML's style too, to its end tag in any case");
	ok(guard("<style></style>", "b", max + 1, " ", "", HTML_GUARD_HTML,
		 &e) < 0,
	   "guard: after the style element, tags count again");
	ok(html_guard_check(NULL, 0, HTML_GUARD_HTML, &e) == 0 &&
	       html_guard_check("<", 1, HTML_GUARD_XML, &e) == 0 &&
	       html_guard_check("<a b", 4, HTML_GUARD_XML, &e) == 0,
	   "guard: empty and cut input");

	/* the bomb: 200 000 attributes, refused at once, by html_parse */
	buf_init(&b, 0);
	buf_puts(&b, "<html><body><p");
	for (size_t i = 0; i < 200000; i++)
		buf_printf(&b, " a%zu=\"x\"", i);
	buf_puts(&b, ">text</p></body></html>");
	t0 = now();
	doc = html_parse(b.data, b.len, "https://example.org/", NULL, &e);
	ok(doc == NULL && strstr(e.msg, "more than 4096 attributes"),
	   "guard: html_parse refuses the attribute bomb (%s)", e.msg);
	ok(now() - t0 < 2.0, "guard: at once (%.2f s)", now() - t0);
	xmlFreeDoc(doc);
	buf_free(&b);
}

int
main(void)
{
	char name[64];
	struct err e = {{0}};
	htmlDocPtr doc;
	struct buf b;
	double t0;
	size_t i, n;
	char *s;

	is_str(html_detect_charset("abc", 3, NULL, name, sizeof(name)), "UTF-8",
	       "ASCII is read as UTF-8");
	is_str(html_detect_charset("caf\xe9", 4, NULL, name, sizeof(name)),
	       "WINDOWS-1252", "undeclared Latin-1 falls back to windows-1252");
	is_str(
	    html_detect_charset("caf\xe9", 4, "iso-8859-1", name, sizeof(name)),
	    "WINDOWS-1252", "iso-8859-1 is read as windows-1252");
	is_str(html_detect_charset("\xc4\xe3\xba\xc3", 4, "gb2312", name,
				   sizeof(name)),
	       "GB18030", "gb2312 is read as GB18030");
	is_str(html_detect_charset("<meta charset=\"Shift_JIS\">\x82\xa0", 28,
				   NULL, name, sizeof(name)),
	       "CP932", "meta charset");
	is_str(
	    html_detect_charset("<meta http-equiv='Content-Type' "
				"content='text/html; charset=koi8-r'>\xf0\xd2",
				71, NULL, name, sizeof(name)),
	    "KOI8-R", "http-equiv charset");
	is_str(html_detect_charset("<meta charset=gbk>\xe4\xbd\xa0", 21, NULL,
				   name, sizeof(name)),
	       "UTF-8", "valid UTF-8 declared GBK is UTF-8");
	is_str(html_detect_charset("\xef\xbb\xbf<meta charset=gbk>x", 22, "gbk",
				   name, sizeof(name)),
	       "UTF-8", "a UTF-8 BOM wins");
	is_str(html_detect_charset("<meta charset=nonsense-9>\xe9", 26, NULL,
				   name, sizeof(name)),
	       "WINDOWS-1252", "unknown charset falls back");

	/* "Привет мир, как дела" in KOI8-R with nothing declared */
	check_title(
	    "<title>\xf0\xd2\xc9\xd7\xc5\xd4 \xcd\xc9\xd2, \xcb\xc1\xcb "
	    "\xc4\xc5\xcc\xc1</title>",
	    35, NULL,
	    "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82 "
	    "\xd0\xbc\xd0\xb8\xd1\x80, \xd0\xba\xd0\xb0\xd0\xba "
	    "\xd0\xb4\xd0\xb5\xd0\xbb\xd0\xb0",
	    "undeclared KOI8-R is recognised");
	check_title("<title>caf\xc3\xa9</title>", 20, NULL, "caf\xc3\xa9",
		    "UTF-8 page");
	check_title("<title>caf\xe9</title>", 19, "ISO-8859-1", "caf\xc3\xa9",
		    "HTTP Latin-1");
	check_title(
	    "<meta charset=\"gbk\"><title>\xe4\xbd\xa0\xe5\xa5\xbd</title>", 41,
	    NULL, "\xe4\xbd\xa0\xe5\xa5\xbd", "declared GBK, really UTF-8");
	check_title("<meta charset=\"gbk\"><title>\xc4\xe3\xba\xc3</title>", 39,
		    NULL, "\xe4\xbd\xa0\xe5\xa5\xbd", "real GBK");
	check_title("<title>a\xff\xfe\x80z</title>", 20, "utf-8",
		    "a\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdz",
		    "invalid bytes become U+FFFD");
	check_title(
	    "\xff\xfe<\0t\0i\0t\0l\0e\0>\0\xe9\0<\0/\0t\0i\0t\0l\0e\0>\0", 34,
	    NULL, "\xc3\xa9", "UTF-16LE with BOM");
	check_title("<title>a\0b</title>", 18, NULL,
		    "a\xef\xbf\xbd"
		    "b",
		    "NUL bytes do not cut the page");

	doc = html_parse("", 0, NULL, NULL, &e);
	ok(doc != NULL, "an empty page is an empty tree");
	xmlFreeDoc(doc);
	doc = html_parse(NULL, 0, NULL, NULL, &e);
	ok(doc != NULL, "no bytes at all is an empty tree");
	xmlFreeDoc(doc);

	/* Binary garbage. */
	buf_init(&b, 0);
	srand(7);
	for (i = 0; i < 200000; i++)
		buf_putc(&b, (char)(rand() & 0xff));
	doc = html_parse(b.data, b.len, NULL, NULL, &e);
	ok(doc != NULL, "binary garbage parses to something");
	xmlFreeDoc(doc);
	buf_free(&b);

	/* 100 000 nested elements: bounded time, no crash. */
	n = 100000;
	buf_init(&b, 0);
	buf_puts(&b, "<html><body>");
	for (i = 0; i < n; i++)
		buf_puts(&b, "<div>");
	buf_puts(&b, "deep");
	for (i = 0; i < n; i++)
		buf_puts(&b, "</div>");
	buf_puts(&b, "<p>after</p></body></html>");
	t0 = now();
	doc = html_parse(b.data, b.len, NULL, NULL, &e);
	ok(doc != NULL, "100000 nested elements parse");
	s = doc ? first_text(doc, "p") : xstrdup("");
	xmlFreeDoc(doc);
	ok(now() - t0 < 5.0, "... within 5 seconds (%.2f s)", now() - t0);
	free(s);
	buf_free(&b);

	test_guard();
	return tap_done();
}
