/* test_html_clean.c: feed HTML made safe: tags, attributes, URLs, CSS. */
#include "autoconfig.h"

#include "html/html_clean.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BASE "https://news.example.net/2024/story.html"

static void
clean(const char *in, const char *base, const char *want, const char *what)
{
	char *got = html_clean(in, strlen(in), base, 0);

	is_str(got, want, "%s", what);
	free(got);
}

static void
test_elements(void)
{
	clean("safe<script type=\"text/javascript\">alert('x')</script> text",
	      NULL, "safe text", "script dropped with its code");
	clean("a<SCRIPT>if (a < b) x = '</b>';</SCRIPT >b", NULL, "ab",
	      "script ends at its own end tag only, any case");
	clean("a<style>b { color: red }</style><b>c</b>", NULL, "a<b>c</b>",
	      "style dropped with its rules");
	clean("a<script>never closed <b>x</b>", NULL, "a",
	      "an unclosed script hides the rest");
	clean("<iframe src=\"https://ads.example.org/\">fallback</iframe>ok",
	      NULL, "fallbackok", "iframe: the tag goes, its fallback stays");
	clean("<object data=\"x.swf\"><param name=\"a\" value=\"b\"><embed "
	      "src=\"x.swf\">no plugin</object>",
	      NULL, "no plugin",
	      "object, param and embed go; the fallback text stays");
	clean(
	    "<meta http-equiv=\"refresh\" content=\"0;url=https://x.example/\">"
	    "<link rel=\"stylesheet\" href=\"x.css\"><base "
	    "href=\"https://x/\">t",
	    NULL, "t", "meta refresh, link and base go");
	clean("<template><p>inert</p></template><noscript>shown</noscript>",
	      NULL, "<noscript>shown</noscript>",
	      "template dropped, noscript kept");
	clean("<blink>hey</blink> <marquee>there</marquee> <o:p>word</o:p> "
	      "<news-card>x</news-card>",
	      NULL, "hey there word x",
	      "blink, marquee, Word's o:p and custom elements lose their tags");
	clean("Use <vector> and a < b, or <3", NULL,
	      "Use &lt;vector> and a &lt; b, or &lt;3",
	      "a '<' that starts no element is text");
	clean("<!-- <script>x</script> -->a<!DOCTYPE html><?php echo 1 ?>b",
	      NULL, "ab", "comments, doctypes and processing instructions go");
	clean("<![CDATA[<script>x</script>]]>after", NULL, "after",
	      "CDATA outside SVG is a comment");
	clean("a<!DOCTYPE ~ b", NULL, "a&lt;!DOCTYPE ~ b",
	      "a declaration that never ends is text");
	clean("<P CLASS=\"lead\">One<BR>two<br/>three</P><hr>", NULL,
	      "<p class=\"lead\">One<br>two<br />three</p><hr>",
	      "tags in lower case; void elements written once");
	clean("<br></br><img src=\"a.png\"></img>", "https://h.example/",
	      "<br><img src=\"https://h.example/a.png\">",
	      "end tags of void elements go");
	clean("<table><tr><td colspan=\"2\">c</td></tr></table><ul><li>i</ul>",
	      NULL,
	      "<table><tr><td colspan=\"2\">c</td></tr></table><ul><li>i</ul>",
	      "tables and lists are kept as written");
	clean("<head><title>t</title></head><body><p>x</p></body>", NULL,
	      "<p>x</p>", "a whole document: head goes, body's tag goes");
	clean("it&#146;s &#x93;q&#x94; &#38; &amp; &#60;b&#62;", NULL,
	      "it\xe2\x80\x99s \xe2\x80\x9cq\xe2\x80\x9d &#38; &amp; &#60;b&#62;",
	      "references to C1 controls become windows-1252's characters");
}

static void
test_attributes(void)
{
	clean("<img src=\"a.jpg\" onerror=\"alert(1)\" onload=x alt=\"A &amp; "
	      "B\">",
	      NULL, "<img src=\"a.jpg\" alt=\"A &amp; B\">",
	      "event handlers go; other values are escaped once");
	clean("<a href=\"/x\" ONCLICK=\"y()\" target=_blank rel=nofollow>l</a>",
	      NULL, "<a href=\"/x\" target=\"_blank\" rel=\"nofollow\">l</a>",
	      "unquoted values quoted; handlers in any case go");
	clean("<img src=x i$=\"true\" data-lazy=\"y\" aria-label=\"z\" "
	      "srcdoc=\"<script>\">",
	      NULL, "<img src=\"x\" aria-label=\"z\">",
	      "unknown attributes, data-* and srcdoc go; aria-* stays");
	clean("<p title=\"a\" title=\"b\">x</p>", NULL, "<p title=\"a\">x</p>",
	      "a repeated attribute: the first");
	clean("<p title='say \"hi\" &lt;3'>x</p>", NULL,
	      "<p title=\"say &quot;hi&quot; &lt;3\">x</p>",
	      "references decoded once and escaped once");
	clean("<input type=\"checkbox\" checked disabled>", NULL,
	      "<input type=\"checkbox\" checked disabled>",
	      "attributes without values stay bare");
}

static void
test_urls(void)
{
	clean("<a href=\"javascript:alert(1)\">a</a>", NULL, "<a>a</a>",
	      "javascript: goes");
	clean("<a href=\" JaVa&#x09;ScRiPt&colon;x\">a</a>"
	      "<a href=\"&#106;avascript:x\">b</a>"
	      "<a href=\"java\nscript:x\">c</a>",
	      NULL, "<a>a</a><a>b</a><a>c</a>",
	      "javascript: hidden by case, references or white space goes");
	clean(
	    "<a href=\"vbscript:x\">a</a><a href=\"data:text/html,<b>\">b</a>",
	    NULL, "<a>a</a><a>b</a>", "vbscript: and data: links go");
	clean("<img src=\"data:image/png;base64,iVBORw0KGgo=\">", NULL,
	      "<img src=\"data:image/png;base64,iVBORw0KGgo=\">",
	      "data: stays for an image");
	clean("<img src=\"data:text/html;base64,PHNjcmlwdD4=\">", NULL, "<img>",
	      "an image's data: must be an image");
	clean(
	    "<a href=\"rel/page?a=1&amp;b=2#frag\">r</a><img "
	    "src=\"//cdn.example"
	    ".org/i.png\"><a href=\"../up\">u</a><a href=\"#top\">t</a>",
	    BASE,
	    "<a "
	    "href=\"https://news.example.net/2024/rel/page?a=1&amp;b=2#frag\">"
	    "r</a><img src=\"https://cdn.example.org/i.png\"><a href=\"https://"
	    "news.example.net/up\">u</a><a "
	    "href=\"https://news.example.net/2024/"
	    "story.html#top\">t</a>",
	    "relative URLs resolved against the base");
	clean("<a href=\"  /trimmed \">x</a>", BASE,
	      "<a href=\"https://news.example.net/trimmed\">x</a>",
	      "white space around a URL is trimmed");
	clean(
	    "<a href=\"mailto:ed@example.org\">m</a><a href=\"tel:+6221\">t</a>"
	    "<a href=\"HTTPS://Example.org/A\">h</a>",
	    BASE,
	    "<a href=\"mailto:ed@example.org\">m</a><a href=\"tel:+6221\">t</a>"
	    "<a href=\"https://Example.org/A\">h</a>",
	    "mail, phone and web links kept");
	clean("<a href=\"\xc3\x80/caf\xc3\xa9\">iri</a>",
	      "https://any.example/",
	      "<a href=\"https://any.example/\xc3\x80/caf\xc3\xa9\">iri</a>",
	      "an IRI keeps its characters");
	clean(
	    "<img srcset=\"a.jpg 1x, b.jpg 2x\" src=\"a.jpg\">",
	    "https://h.example/d/",
	    "<img srcset=\"https://h.example/d/a.jpg 1x, https://h.example/d/b"
	    ".jpg 2x\" src=\"https://h.example/d/a.jpg\">",
	    "every URL of a srcset resolved");
	clean("<img srcset=\"a.jpg 1x, javascript:x 2x\">", NULL, "<img>",
	      "a srcset with a bad URL goes whole");
	clean(
	    "<video poster=\"p.jpeg\" src=\"v.mp4\" controls autoplay></video>",
	    "http://d.test/",
	    "<video poster=\"http://d.test/p.jpeg\" "
	    "src=\"http://d.test/v.mp4\" controls></video>",
	    "video keeps its poster and source, not autoplay");
	clean("<a href=\"\">same page</a>", BASE, "<a href=\"\">same page</a>",
	      "an empty URL stays empty");
}

static void
test_style(void)
{
	clean("<span style=\"color: #000080; font-weight:bold\">t</span>", NULL,
	      "<span style=\"color: #000080; font-weight: bold;\">t</span>",
	      "colours and fonts kept");
	clean("<a style=\"display:block; position:absolute; left:0; top:0; "
	      "width:100%; z-index:1; background-color:black; "
	      "background-image:url(http://x.example/i.jpg); "
	      "background-repeat: repeat\">x</a>",
	      NULL,
	      "<a style=\"display: block; width: 100%; background-color: "
	      "black;\">x</a>",
	      "no positioning over the page, no images, no repeat");
	clean(
	    "<p style=\"margin: 0 15px 0 0; padding: 99999em; border: 1px "
	    "solid rgb(0, 0, 0)\">x</p>",
	    NULL,
	    "<p style=\"margin: 0 15px 0 0; border: 1px solid rgb(0, 0, 0);\">"
	    "x</p>",
	    "sane boxes kept, huge ones dropped");
	clean("<p style=\"width: expression(alert(1))\">a</p>"
	      "<p style=\"color: red; background: u\\72l(x)\">b</p>"
	      "<p style=\"mso-list: l0 level1\">c</p>",
	      NULL, "<p>a</p><p>b</p><p>c</p>",
	      "expressions, escapes and unknown properties go");
	clean(
	    "<span style=\"font-family: 'Lucida Console', monospace\">t</span>",
	    NULL,
	    "<span style=\"font-family: 'Lucida Console', "
	    "monospace;\">t</span>",
	    "quoted font names kept");
}

static void
test_foreign(void)
{
	clean("<svg xmlns=\"http://www.w3.org/2000/svg\" viewbox=\"0 0 10 10\">"
	      "<script>alert(1)</script><a xlink:href=\"javascript:x\">"
	      "<circle r=\"5\" fill=\"url(#g)\" onclick=\"x()\"/></a>"
	      "<set attributeName=\"href\" to=\"javascript:x\"/>"
	      "<text x=\"1\">Label</text><foreignObject><p>html</p>"
	      "</foreignObject></svg>after",
	      NULL,
	      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">"
	      "<a><circle r=\"5\" fill=\"url(#g)\" /></a><text x=\"1\">Label"
	      "</text></svg>after",
	      "SVG keeps its drawing and text; no script, animation, foreign "
	      "HTML or javascript: link");
	clean("<svg><rect fill=\"url(https://x.example/#a)\"/></svg>", NULL,
	      "<svg><rect /></svg>", "SVG paint only from inside the drawing");
	clean("<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mi>x</mi>"
	      "<mo>=</mo><mfrac><mn>1</mn><mn>2</mn></mfrac><annotation-xml>"
	      "<b>hidden</b></annotation-xml></math>",
	      NULL,
	      "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mi>x</mi>"
	      "<mo>=</mo><mfrac><mn>1</mn><mn>2</mn></mfrac></math>",
	      "MathML keeps its text");
	clean("<svg><![CDATA[a<b]]></svg>", NULL, "<svg>a&lt;b</svg>",
	      "CDATA inside SVG is text");
	clean("<svg xmlns=\"http://evil.example/\"><g/></svg>", NULL,
	      "<svg><g /></svg>", "a wrong namespace goes");
}

static void
test_bounds(void)
{
	char *big = malloc(200001), *got;

	memset(big, '<', 200000);
	big[200000] = '\0';
	got = html_clean(big, 200000, NULL, 0);
	is_int(strlen(got), 800000, "200000 '<' are 200000 \"&lt;\"");
	free(got);
	got = html_clean(big, 200000, NULL, 1000);
	ok(strlen(got) <= 1000, "the cap holds");
	free(got);
	memset(big, 'a', 200000);
	memcpy(big, "<a href=\"", 9);
	got = html_clean(big, 200000, NULL, 0);
	ok(got != NULL, "an unclosed attribute value ends in time");
	free(got);
	/* tags that never end: each '<' must not look to the end again */
	{
		static const char *const pats[] = {"<a x ", "<p style=\"",
						   "<a href=\"javascript:",
						   "<vector x "};

		for (size_t k = 0; k < sizeof(pats) / sizeof(pats[0]); k++) {
			size_t pl = strlen(pats[k]);
			clock_t t0;

			for (size_t i = 0; i < 200000; i++)
				big[i] = pats[k][i % pl];
			big[200000] = '\0';
			t0 = clock();
			got = html_clean(big, 200000, "https://x.example/", 0);
			ok((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0,
			   "200000 bytes of '%s' cleaned in linear time",
			   pats[k]);
			free(got);
		}
	}
	free(big);
}

static void
test_looks_like_html(void)
{
	static const struct {
		const char *s;
		int html;
	} cases[] = {
	    {"plain words", 0},	    {"AT&amp;T", 1},	  {"AT&T", 0},
	    {"<b>bold</b>", 1},	    {"line<br>break", 1}, {"<p>para", 1},
	    {"the <blink> tag", 0}, {"a < b > c", 0},	  {"<img src=x>", 1},
	    {"&#8217;", 1},	    {"<vector>", 0},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_int(
		    html_clean_looks_like_html(cases[i].s, strlen(cases[i].s)),
		    cases[i].html, "looks like HTML: '%s'", cases[i].s);
}

int
main(void)
{
	test_elements();
	test_attributes();
	test_urls();
	test_style();
	test_foreign();
	test_bounds();
	test_looks_like_html();
	return tap_done();
}
