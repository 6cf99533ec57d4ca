/* test_html_text.c: HTML to text from a string and from a tree. */
#include "autoconfig.h"

#include "html/html.h"
#include "html/html_text.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/tree.h>

#include "util/buf.h"
#include "util/str.h"
#include "util/utf8.h"

static void
frag(const char *in, enum html_text_form form, size_t max, const char *want,
     const char *what)
{
	char *got = html_text_fragment(in, strlen(in), form, max);

	is_str(got, want, "%s", what);
	free(got);
}

static void
lines(const char *in, const char *want, const char *what)
{
	frag(in, HTML_TEXT_LINES, 0, want, what);
}

static void
line(const char *in, const char *want, const char *what)
{
	frag(in, HTML_TEXT_LINE, 0, want, what);
}

/* The text of the <body> of page, as the tree front-end reads it. */
static char *
tree_text(const char *page, enum html_text_form form)
{
	struct err e = {{0}};
	htmlDocPtr doc = html_parse(page, strlen(page), NULL, "utf-8", &e);
	xmlNode *n;
	char *s;

	if (!doc)
		return xstrdup("(no tree)");
	for (n = xmlDocGetRootElement(doc)->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    !strcmp((const char *)n->name, "body"))
			break;
	s = n ? html_text_node(n, form, 0) : xstrdup("(no body)");
	xmlFreeDoc(doc);
	return s;
}

static void
test_breaks(void)
{
	const char *glued = "<p>after the second world war.</p><p>Giorgia "
			    "Meloni said</p>";

	lines(glued, "after the second world war.\nGiorgia Meloni said",
	      "</p><p> is a line break");
	line(glued, "after the second world war. Giorgia Meloni said",
	     "... and a space in the one-line form");
	lines("one<br>two<br/>three<BR >four", "one\ntwo\nthree\nfour",
	      "<br> in its spellings");
	lines("<ul><li>apples</li><li>pears</li></ul>", "apples\npears",
	      "list items");
	lines("<h2>Head</h2>Body<div>Box</div><blockquote>Quote</blockquote>"
	      "<table><tr><td>a</td><td>b</td></tr></table>",
	      "Head\nBody\nBox\nQuote\na\nb", "headings, div, quote, cells");
	lines("<section><figure><figcaption>Cap</figcaption></figure>"
	      "</section>After",
	      "Cap\nAfter", "sections, figures and their captions");
	lines("Bre<b>aking</b> <a href=\"/x\">news</a><span>!</span>",
	      "Breaking news!", "inline elements do not break words");
	lines("  <p>  one  </p>\n\n  <p>\ttwo </p>  ", "one\ntwo",
	      "no spaces at the ends or around a break");
	lines("<p></p><p>&nbsp;</p><div><br></div>x", "x",
	      "empty blocks leave no empty lines");
}

static void
test_refs(void)
{
	line("&#X41;&#x42;&#67;", "ABC",
	     "&#X41; (upper-case X), &#x42;, &#67;");
	line("caf&eacute; &amp; cr&egrave;me &apos;x&apos; &quot;y&quot;",
	     "caf\xc3\xa9 & cr\xc3\xa8me 'x' \"y\"", "named references");
	line("a&nbsp;&nbsp;b", "a b", "&nbsp; is white space");
	line("&#150; &#x93;q&#x94;", "\xe2\x80\x93 \xe2\x80\x9cq\xe2\x80\x9d",
	     "windows-1252 numbers mean its characters");
	line("&#0;&#xD800;&#1114112;&#99999999999;",
	     "\xef\xbf\xbd\xef\xbf\xbd"
	     "\xef\xbf\xbd\xef\xbf\xbd",
	     "impossible numbers are U+FFFD");
	line("AT&T &nosuch; &amp", "AT&T &nosuch; &amp",
	     "what is no reference stays");
	line("&amp;lt;b&amp;gt; &amp;amp;", "&lt;b&gt; &amp;",
	     "decoded once, not twice");
	lines("&lt;p&gt;x&lt;/p&gt;", "<p>x</p>",
	      "a decoded '<' is text, not a tag");
	line("a&#10;&#9;b", "a b", "decoded white space is squeezed");
}

static void
test_hidden(void)
{
	line("a <script>if (x</b) document.write(\"<p>no</p>\")</script> b",
	     "a b", "a script and its content, up to </script>");
	line("a<style type=\"text/css\">p { color: red }</STYLE>b", "ab",
	     "a style and its content");
	line("a <!-- a <p> comment --> b", "a b", "comments");
	line("a <!-- never closed <p>b</p>", "a",
	     "an unclosed comment ends it");
	line("<![CDATA[kept <text>]]> x", "kept <text> x",
	     "a CDATA section's text is text");
	line("<!DOCTYPE html><?xml-stylesheet x?>t", "t",
	     "doctypes and processing instructions");
	line("x<noscript><img src=a></noscript><svg><title>s</title></svg>y",
	     "xy", "noscript and svg content");
	line("a <script src=\"x.js\"/> b", "a b", "a self-closed script");
	line("a <script>never closed", "a", "an unclosed script ends it");
	line("Use <vector> well, if a < b or x<y",
	     "Use <vector> well, if a < "
	     "b or x<y",
	     "what is no HTML element is text");
	line("a <o:p></o:p>b<news-card>c</news-card>", "a bc",
	     "prefixed and custom elements are markup");
	line("<a title=\"x > y\" href='/q'>link</a>", "link",
	     "a '>' inside a quoted value");
	line("<a title=\"unclosed>link</a>", "link",
	     "an unclosed quoted value ends at its '>'");
	line("<b", "<b", "a tag that never ends is text");
}

static void
test_caps(void)
{
	frag("hello world", HTML_TEXT_LINE, 5, "hello", "cut at max bytes");
	frag("ab cd", HTML_TEXT_LINE, 3, "ab", "no space left at the cut");
	frag("\xc3\xa9\xc3\xa9\xc3\xa9", HTML_TEXT_LINE, 3, "\xc3\xa9",
	     "cut at a character boundary");
	frag("<p>a</p><p>b</p><p>c</p>", HTML_TEXT_LINES, 3, "a\nb",
	     "a cut counts the breaks");
	frag("", HTML_TEXT_LINES, 10, "", "empty input");
}

static void
test_bytes(void)
{
	char nul[] = "a\0b";
	char *s;

	line("a\xff"
	     "b",
	     "a\xef\xbf\xbd"
	     "b",
	     "an invalid byte is U+FFFD");
	line("end\xc3", "end\xef\xbf\xbd", "a cut sequence is U+FFFD");
	line("\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd", "an overlong one too");
	s = html_text_fragment(nul, 3, HTML_TEXT_LINE, 0);
	is_str(s,
	       "a\xef\xbf\xbd"
	       "b",
	       "a NUL byte is U+FFFD");
	free(s);
	line("\xe6\x97\xa5\xe6\x9c\xac <b>\xf0\x9f\x98\x80</b>",
	     "\xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80", "valid UTF-8 kept");
}

static void
test_hostile(void)
{
	struct buf b;
	struct timespec t0, t1;
	double secs;
	char *s;

	buf_init(&b, 0);
	for (int i = 0; i < 200000; i++)
		buf_puts(&b, i % 2 ? "<a x=\"" : "<a <!x ");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	s = html_text_fragment(b.data, b.len, HTML_TEXT_LINES, 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	       (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	ok(secs < 2.0, "tags that never end: linear (%.2f s for %zu bytes)",
	   secs, b.len);
	ok(!strncmp(s, "<a <!x <a x=\"", 13), "and read as text");
	free(s);
	buf_free(&b);
}

/* The tree front-end gives what the string front-end gives. */
static void
test_tree(void)
{
	static const char *const same[] = {
	    "<p>after the second world war.</p><p>Giorgia Meloni</p>",
	    "one<br>two<ul><li>x</li><li>y <b>z</b></li></ul>tail",
	    "a <script>no()</script> b <style>p{}</style><!-- c -->c",
	    "<h1>T</h1><table><tr><td>1</td><th>2</th></tr></table>",
	    "Bre<i>ak</i>ing &amp; caf&eacute;&nbsp;x",
	};

	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		char *page = xasprintf("<html><body>%s</body></html>", same[i]);
		char *t = tree_text(page, HTML_TEXT_LINES);
		char *f = html_text_fragment(same[i], strlen(same[i]),
					     HTML_TEXT_LINES, 0);

		is_str(t, f, "tree and string agree on %s", same[i]);
		free(t);
		free(f);
		free(page);
	}
	{
		/* the parser decoded "&amp;lt;" to "&lt;": not again */
		char *t = tree_text("<body><p>&amp;lt;b&amp;gt;</p></body>",
				    HTML_TEXT_LINES);

		is_str(t, "&lt;b&gt;", "tree: references decoded once");
		free(t);
	}
	{
		struct err e = {{0}};
		const char *page = "<html><body><a title=\"Tom &amp;amp; "
				   "Jerry\n x\">y</a></body></html>";
		htmlDocPtr doc =
		    html_parse(page, strlen(page), NULL, "utf-8", &e);
		xmlNode *a = xmlDocGetRootElement(doc)->children->children;
		char *t = html_text_node((const xmlNode *)a->properties,
					 HTML_TEXT_LINE, 0);

		is_str(t, "Tom &amp; Jerry x", "an attribute's text");
		free(t);
		xmlFreeDoc(doc);
	}
}

static void
test_decode_refs(void)
{
	char *s = html_text_decode_refs("&#X41;&amp;&lt;b&gt; &x",
					strlen("&#X41;&amp;&lt;b&gt; &x"));

	is_str(s, "A&<b> &x", "html_text_decode_refs");
	free(s);
}

/* Text without markup the slow way: bytes fixed one character at a
 * time, then white space squeezed. */
static char *
reference_text(const char *s, size_t len)
{
	struct buf b;
	char enc[4], *out;
	uint32_t cp;

	buf_init(&b, 0);
	for (size_t i = 0; i < len;) {
		i += utf8_decode(s + i, len - i, &cp);
		buf_append(&b, enc, utf8_encode(cp ? cp : 0xFFFD, enc));
	}
	out = str_squeeze(b.data ? b.data : "", b.len);
	buf_free(&b);
	return out;
}

/* Random text of words, spaces of every kind, controls, bad bytes and
 * UTF-8: what the text layer copies in runs agrees with the slow way. */
static void
test_runs(void)
{
	static const char *const bits[] = {
	    "a",	"word",	    "longerword",
	    " ",	"  ",	    "\t",
	    "\n \r",	".",	    "\x01",
	    "\x7f",	"\xc3\xa9", "\xc2\xa0",
	    "\xff",	"\xe6\x97", "\xf0\x9f\x98\x80",
	    "12345678", "x y z w",  "\0",
	};
	unsigned seed = 7;
	int bad = 0;

	for (int round = 0; round < 3000 && !bad; round++) {
		struct buf b;
		char *got, *want;
		int parts;

		buf_init(&b, 0);
		seed = seed * 1103515245u + 12345u;
		parts = (int)((seed >> 16) % 40);
		for (int p = 0; p < parts; p++) {
			const char *bit;

			seed = seed * 1103515245u + 12345u;
			bit = bits[(seed >> 16) %
				   (sizeof(bits) / sizeof(bits[0]))];
			buf_append(&b, bit, *bit ? strlen(bit) : 1);
		}
		got = html_text_fragment(b.data ? b.data : "", b.len,
					 HTML_TEXT_LINE, 0);
		want = reference_text(b.data ? b.data : "", b.len);
		if (strcmp(got, want)) {
			bad = 1;
			is_str(got, want, "runs: round %d", round);
		}
		free(got);
		free(want);
		buf_free(&b);
	}
	ok(!bad, "runs of text: the fast path agrees with the slow way");
}

int
main(void)
{
	test_breaks();
	test_refs();
	test_hidden();
	test_caps();
	test_bytes();
	test_runs();
	test_hostile();
	test_tree();
	test_decode_refs();
	return tap_done();
}
