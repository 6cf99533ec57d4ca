/* test_feed_wild.c: feeds as the wild writes them: dates, charsets, bases,
 * markup, JSON. */
#include "autoconfig.h"

#include "feed/feed.h"
#include "feed/opml.h"
#include "tap.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/str.h"
#include "util/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *
slurp(const char *name, size_t *len)
{
	const char *dir = getenv("TESTDATA");
	char *path =
	    xasprintf("%s/feeds/wild/%s", dir ? dir : "tests/data", name);
	FILE *fp = fopen(path, "rb");
	struct buf b;
	char chunk[8192];
	size_t n;

	free(path);
	buf_init(&b, 0);
	buf_append(&b, "", 0);
	if (fp) {
		while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
			buf_append(&b, chunk, n);
		fclose(fp);
	}
	*len = b.len;
	return buf_steal(&b);
}

/* The fixture name parsed with base url (may be NULL). */
static struct feed *
wild(const char *name, const char *url)
{
	struct err e = {{0}};
	size_t len;
	char *b = slurp(name, &len);
	struct feed *f = feed_parse(b, len, url, NULL, 0, &e);

	if (!f)
		printf("# %s: %s\n", name, e.msg);
	free(b);
	return f;
}

static const char *
date(time_t t, int guessed)
{
	static char out[21];

	return guessed ? "(none)" : date_format_utc(t, out);
}

/* The item whose id is id, or NULL. */
static const struct feed_item *
item(const struct feed *f, const char *id)
{
	for (size_t i = 0; f && i < f->nitems; i++)
		if (f->items[i].id && !strcmp(f->items[i].id, id))
			return &f->items[i];
	return NULL;
}

static void
case_dates(void)
{
	static const struct {
		const char *id, *published, *updated;
	} want[] = {
	    {"d1", "2004-01-26T21:31:00Z", NULL},
	    {"d2", "2004-01-27T00:31:00Z", NULL},
	    {"d3", "2004-01-26T15:31:00Z", NULL},
	    {"d4", "2004-01-26T16:31:00Z", NULL},
	    {"d5", "2003-12-01T00:00:00Z", NULL},
	    {"d6", "2004-01-15T01:00:00Z", "2004-02-01T08:00:00Z"},
	    {"d7", "2004-02-03T10:00:00Z", NULL},
	    {"d8", "(none)", NULL},
	    {"d9", "(none)", NULL},
	    {"d10", "(none)", NULL},
	    {"d11", "2004-01-26T16:31:00Z", NULL},
	    {"d12", "2004-01-26T16:31:00Z", NULL},
	    {"d13", "2004-01-26T00:00:00Z", NULL},
	    {"urn:a1", "2004-01-26T21:31:00Z", "2004-01-27T00:00:00Z"},
	    {"urn:a2", "2004-01-28T11:00:00Z", "2004-01-28T11:00:00Z"},
	    {"urn:a3", "2004-02-01T00:00:00Z", "2004-02-01T00:00:00Z"},
	    {"urn:a4", "(none)", NULL},
	    {"urn:b1", "2004-01-26T16:31:00Z", "2004-01-28T00:00:00Z"},
	    {"urn:b2", "2004-01-01T00:00:00Z", NULL},
	};
	struct feed *fs[3] = {wild("dates.xml", NULL),
			      wild("dates-atom.xml", NULL),
			      wild("dates-atom03.xml", NULL)};

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct feed_item *it = NULL;

		for (int k = 0; k < 3 && !it; k++)
			it = item(fs[k], want[i].id);
		ok(it != NULL, "dates: item %s", want[i].id);
		if (!it)
			continue;
		is_str(date(it->published, it->date_guessed), want[i].published,
		       "dates: %s published", want[i].id);
		is_str(date(it->updated, !it->updated),
		       want[i].updated ? want[i].updated : "(none)",
		       "dates: %s updated", want[i].id);
	}
	for (int k = 0; k < 3; k++)
		feed_free(fs[k]);
}

static void
case_charsets(void)
{
	struct feed *f = wild("latin1-label.xml", NULL);
	const struct feed_item *it;

	if (f) {
		is_str(f->title,
		       "Caf\xc3\xa9 \xe2\x80\x9cLatin-1\xe2\x80\x9d label",
		       "ISO-8859-1 is read as windows-1252");
		it = item(f, "l1");
		is_str(it ? it->title : NULL,
		       "don\xe2\x80\x99t panic \xe2\x80\x93 it\xe2\x80\x99s "
		       "cp1252",
		       "0x92 is a right quote, not a C1 control");
		is_str(it ? it->summary : NULL,
		       "\xc2\xabguillemets\xc2\xbb and \xe2\x82\xac 5",
		       "0x80 is the euro sign");
	}
	feed_free(f);
	f = wild("ascii-label.xml", NULL);
	if (f) {
		is_str(f->title,
		       "An \xe2\x80\x9c"
		       "ASCII\xe2\x80\x9d label",
		       "US-ASCII is read as windows-1252 too");
		is_str(f->items[0].title, "na\xc3\xafve r\xc3\xa9sum\xc3\xa9",
		       "Latin-1 letters under a US-ASCII label");
	}
	feed_free(f);
	f = wild("refs.xml", "https://refs.example.org/feed.xml");
	if (f) {
		is_str(item(f, "r1")->title,
		       "it\xe2\x80\x99s \xe2\x80\x9cquoted\xe2\x80\x9d "
		       "\xe2\x80\x93 dash",
		       "references into 128-159 are windows-1252's characters");
		is_str(item(f, "r2")->title, "ABC upper-case X",
		       "&#X41; with a capital X");
		is_str(item(f, "r3")->title, "wait\xe2\x80\xa6 and caf\xc3\xa9",
		       "UTF-8 escaped byte by byte is decoded");
		is_str(
		    item(f, "r4")->title,
		    "raw C1 \xe2\x80\x9cin UTF-8\xe2\x80\x9d",
		    "C1 controls in UTF-8 text are windows-1252's characters");
		is_str(item(f, "r5")->title, "AT&T once more",
		       "a twice-escaped title decodes to text once");
		is_str(item(f, "r5")->summary,
		       "<a href=\"https://refs.example.org/x?a=1&amp;b=2\" "
		       "title=\"Tom &amp; Jerry\">x</a>",
		       "references in attributes decode once");
	}
	feed_free(f);
	f = wild("utf32be-bom.xml", NULL);
	ok(f && f->nitems == 1, "UTF-32 with a byte order mark");
	if (f) {
		is_str(
		    f->title,
		    "Thirty-two bits: \xd1\x81\xd0\xbb\xd0\xbe\xd0\xb2\xd0\xbe",
		    "UTF-32: the feed title");
		is_str(f->items[0].title, "\xe6\x96\x87\xe5\xad\x97",
		       "UTF-32: an item title");
	}
	feed_free(f);
	f = wild("unlabelled-sjis.xml", NULL);
	if (f && f->nitems == 1)
		is_str(
		    f->items[0].title,
		    "\xe6\x9d\xb1\xe4\xba\xac\xe3\x81\xae\xe5\xa4\xa9\xe6\xb0"
		    "\x97\xe3\x81\xaf\xe6\x99\xb4\xe3\x82\x8c\xe3\x81\xa7\xe3"
		    "\x81\x99",
		    "unlabelled Shift_JIS: read by its kana");
	else
		ok(0, "unlabelled-sjis.xml parsed");
	feed_free(f);
	f = wild("unlabelled-euckr.xml", NULL);
	if (f && f->nitems == 1)
		is_str(
		    f->title,
		    "\xec\x98\xa4\xeb\x8a\x98\xec\x9d\x98 \xeb\x89\xb4\xec\x8a"
		    "\xa4",
		    "unlabelled EUC-KR: read by its Hangul");
	else
		ok(0, "unlabelled-euckr.xml parsed");
	feed_free(f);
	f = wild("ebcdic-cp037.xml", NULL);
	ok(f && f->nitems == 1, "EBCDIC (code page 037)");
	if (f)
		is_str(f->items[0].title,
		       "\xc2\xa3"
		       "100 and \xc2\xa2",
		       "EBCDIC: the title");
	feed_free(f);
}

static void
case_bases(void)
{
	struct feed *f = wild("bases.xml", NULL);
	const struct feed_item *it;

	ok(f && f->nitems == 3, "bases: three entries");
	if (!f)
		return;
	is_str(f->link, "https://bases.example.net/blog/",
	       "bases: the feed's link against its xml:base");
	it = &f->items[0];
	is_str(it->link, "https://bases.example.net/blog/2024/first-post.html",
	       "bases: an entry's base relative to the feed's; link trimmed");
	ok(it->nenclosures == 1 &&
	       !strcmp(it->enclosures[0].url,
		       "https://bases.example.net/blog/2024/media/first.ogg"),
	   "bases: enclosure URL resolved");
	is_str(it->summary,
	       "<p>See <a href=\"https://bases.example.net/blog/about\">about"
	       "</a> and <img src=\"https://bases.example.net/blog/2024/pics/"
	       "a.png\" srcset=\"https://bases.example.net/blog/2024/pics/a.png"
	       " 1x, https://bases.example.net/blog/2024/pics/a@2x.png 2x\">"
	       "</p>",
	       "bases: href, src and srcset in a summary made absolute");
	is_str(it->content,
	       "<p><a href=\"https://bases.example.net/elsewhere/page\">in the "
	       "content's own base</a></p>",
	       "bases: the content's own xml:base");
	it = &f->items[1];
	is_str(it->link,
	       "https://bases.example.net/blog/caf\xc3\xa9/"
	       "\xe6\x96\x87\xe5\xad\x97",
	       "bases: an IRI keeps its characters");
	is_str(it->content,
	       "<a href=\"https://bases.example.net/blog/\xc3\x80/b\">iri</a>",
	       "bases: an IRI in content");
	is_str(f->items[2].link, "https://other.example.org/y",
	       "bases: javascript: is no link; the next one is trimmed");
	feed_free(f);

	f = wild("rss-base.xml", "https://site.example.com/feeds/rss.xml");
	if (f && f->nitems == 1) {
		it = &f->items[0];
		is_str(f->link, "https://site.example.com/",
		       "document URL: channel link");
		is_str(it->link,
		       "https://site.example.com/2024/01/relative-item",
		       "document URL: item link with white space around it");
		is_str(it->enclosure, "https://site.example.com/media/one.mp3",
		       "document URL: enclosure");
		is_str(it->summary,
		       "<p><a href=\"https://site.example.com/tags/x\">tag</a> "
		       "<img src=\"https://cdn.example.com/i.jpg\"></p>",
		       "document URL: links in the description");
	} else {
		ok(0, "rss-base.xml parsed");
	}
	feed_free(f);
}

static void
case_markup(void)
{
	struct feed *f = wild("atom-text.xml", NULL);
	const struct feed_item *it;

	if (f && f->nitems == 5) {
		is_str(f->title, "Atom & text constructs",
		       "text: a twice-escaped feed title");
		it = &f->items[0];
		is_str(it->title, "History of the <blink> tag",
		       "text: angle brackets are characters");
		is_str(it->summary, "1 &lt; 2 &amp; 3 &gt; 2",
		       "text: as HTML, escaped");
		is_str(it->content, "<p>Escaped <em>HTML</em></p>",
		       "html: escaped HTML");
		it = &f->items[1];
		is_str(it->title, "Escaped bold title", "html: a title's text");
		is_str(it->summary, "Inline <b>XHTML</b> &amp; more",
		       "xhtml: the div's content, not the div");
		is_str(it->content, "<p>Prefixed <i>XHTML</i></p>",
		       "xhtml: prefixed elements");
		is_str(f->items[2].title, "An XHTML title", "xhtml: a title");
		is_str(f->items[2].content, "<p>Decoded <b>from</b> base64</p>",
		       "a non-text media type is base64");
		is_str(f->items[3].title, "Untyped title is text: AT&T <3",
		       "Atom 1.0 text by default");
		ok(f->items[4].content == NULL, "an image is no text");
	} else {
		ok(0, "atom-text.xml: five entries");
	}
	feed_free(f);
	f = wild("atom03-modes.xml", NULL);
	if (f && f->nitems == 2) {
		is_str(f->items[0].title, "Plain & simple",
		       "0.3: mode=base64 title");
		is_str(f->items[0].summary, "<p>Escaped mode</p>",
		       "0.3: mode=escaped");
		is_str(f->items[0].content, "<p>Decoded <b>from</b> base64</p>",
		       "0.3: base64 HTML");
		is_str(f->items[1].summary, "Naked <b>markup</b> here",
		       "0.3: mode=xml is markup");
		is_str(f->items[1].content,
		       "<div>Kept <i>with</i> its div</div>",
		       "0.3: inline XHTML keeps its div");
	} else {
		ok(0, "atom03-modes.xml: two entries");
	}
	feed_free(f);

	/* which element becomes summary, which content */
	f = wild("rss-content.xml", NULL);
	if (f && f->nitems == 4) {
		is_str(f->items[0].summary, "<p>the description</p>",
		       "summary: description first");
		is_str(f->items[0].content, "<p>the <b>encoded</b> content</p>",
		       "content: content:encoded first");
		is_str(f->items[1].summary,
		       "An iTunes summary &amp; nothing more",
		       "summary: then itunes:summary");
		is_str(f->items[1].content, "<p>the xhtml <em>body</em></p>",
		       "content: then xhtml:body");
		is_str(f->items[2].summary, "1 &lt; 2, in a group",
		       "summary: then media:description, plain text");
		is_str(f->items[3].summary, "the subtitle",
		       "summary: last itunes:subtitle");
	} else {
		ok(0, "rss-content.xml: four items");
	}
	feed_free(f);
}

static void
case_safety(void)
{
	struct feed *f =
	    wild("hostile-html.xml", "https://hostile.example.org/feed");

	if (!f || f->nitems != 5) {
		ok(0, "hostile-html.xml: five items");
		feed_free(f);
		return;
	}
	is_str(f->items[0].title, "Script and style",
	       "a title: the script's text goes");
	is_str(f->items[0].summary, "safe text", "script and style go");
	is_str(f->items[0].content,
	       "<p>click</p><img src=\"https://hostile.example.org/a.png\">"
	       "<a>js</a><a>vb</a><a>data</a><img "
	       "src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\">",
	       "handlers, javascript:, vbscript: and data: links go; data: "
	       "images stay");
	is_str(f->items[1].summary,
	       "frame fallbackplugin fallbackapplet fallback<form><input "
	       "type=\"text\"></form>",
	       "iframe, object, embed, applet, meta refresh, base and link go");
	is_str(f->items[2].summary,
	       "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" "
	       "height=\"10\"><a><text x=\"1\" y=\"9\">label</text></a></svg>"
	       "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mi>E</mi>"
	       "<mo>=</mo><mi>m</mi><msup><mi>c</mi><mn>2</mn></msup></math>",
	       "SVG and MathML keep their text, not their script");
	is_str(f->items[3].summary,
	       "<a>a</a><a>b</a><a>c</a><div style=\"color: red;\">d</div>"
	       "<div>e</div><p>f</p>",
	       "schemes hidden by references and white space go; styles keep "
	       "only their looks");
	is_str(f->items[4].title, "safe title",
	       "a title keeps what follows an unclosed object");
	feed_free(f);
}

static void
case_namespaces(void)
{
	struct feed *f = wild("namespaces.xml", NULL);
	const struct feed_item *it;

	if (!f || f->nitems != 3) {
		ok(0, "namespaces.xml: three items");
		feed_free(f);
		return;
	}
	is_str(f->title, "Namespaces by URI", "upper-case channel title");
	is_str(f->link, "https://ns.example.org/", "mixed-case channel link");
	it = &f->items[0];
	is_str(it->title, "Upper-case core elements", "upper-case item");
	is_str(it->link, "https://ns.example.org/1", "upper-case link");
	is_str(date(it->published, it->date_guessed), "2004-01-26T16:31:00Z",
	       "PubDate in mixed case");
	is_str(it->author, "Ana Prefix", "Dublin Core 1.0 under any prefix");
	is_str(it->content, "<p>content under another prefix</p>",
	       "content:encoded by its URI, not its prefix");
	ok(it->summary == NULL, "an unknown namespace's description is none");
	it = &f->items[1];
	is_str(it->author, "Budi Podcaster", "iTunes' URI in the wrong case");
	is_str(it->image, "https://ns.example.org/thumb.jpg",
	       "Media RSS without its slash");
	is_str(f->items[2].title, "Title from Media RSS",
	       "media:title stands in for a missing title");
	feed_free(f);
}

static void
case_comments(void)
{
	struct feed *f = wild("comments.xml", "https://talk.example.org/feed");

	if (!f || f->nitems != 4) {
		ok(0, "comments.xml: four items");
		feed_free(f);
		return;
	}
	is_str(f->items[0].comments, "https://talk.example.org/1#comments",
	       "RSS's comments page, resolved");
	is_int(f->items[0].comment_count, 12, "Slash's count");
	is_str(f->items[0].comments_feed, "https://talk.example.org/1/feed",
	       "WFW's comment feed, its URI without the slash");
	is_str(f->items[1].comments, "https://talk.example.org/2/comments",
	       "WFW's comment page");
	is_int(f->items[1].comment_count, 0, "no comments yet is 0");
	is_str(f->items[2].comments, "https://talk.example.org/3#replies",
	       "Atom threading: the replies' page");
	is_str(f->items[2].comments_feed,
	       "https://talk.example.org/3/replies.atom",
	       "Atom threading: the replies' feed");
	is_int(f->items[2].comment_count, 5, "Atom threading: thr:count");
	is_int(f->items[3].comment_count, -1, "a count that is no number");
	is_str(f->items[3].link, "https://talk.example.org/4",
	       "the item's own link stays its own");
	feed_free(f);
}

static void
case_enclosures(void)
{
	struct feed *f = wild("podcast.xml", NULL);
	const struct feed_item *it;

	if (!f || f->nitems != 3) {
		ok(0, "podcast.xml: three items");
		feed_free(f);
		return;
	}
	it = &f->items[0];
	is_int(it->nenclosures, 3, "one file named twice is one enclosure");
	if (it->nenclosures == 3) {
		is_str(it->enclosures[0].url, "https://pod.example.com/ep1.mp3",
		       "enclosure: URL");
		is_str(it->enclosures[0].type, "audio/mpeg", "enclosure: type");
		is_int(it->enclosures[0].length, 31415926, "enclosure: length");
		is_int(it->enclosures[0].duration, 3723,
		       "enclosure: iTunes' duration, h:mm:ss");
		is_str(it->enclosures[1].type, "audio/ogg",
		       "media:content is an enclosure");
		is_int(it->enclosures[1].length, 20000000,
		       "media:content fileSize is its length");
		is_str(it->enclosures[2].url,
		       "https://pod.example.com/ep1.opus",
		       "Atom's rel=enclosure in RSS");
		is_int(it->enclosures[2].duration, -1, "no duration given");
	}
	is_str(it->enclosure, "https://pod.example.com/ep1.mp3",
	       "the first enclosure, as before");
	is_str(it->author, "Sari Host", "itunes:author stands in");
	is_str(it->image, "https://pod.example.com/ep1.jpg", "itunes:image");
	is_str(it->summary, "Notes for episode one.", "itunes:summary");
	ok(it->ntags == 3 && !strcmp(it->tags[0], "Technology") &&
	       !strcmp(it->tags[1], "Gadgets") && !strcmp(it->tags[2], "News"),
	   "tags: iTunes categories nested, RSS's once each");
	it = &f->items[1];
	is_str(it->title, "Episode two: pictures and video", "title kept");
	is_int(it->nenclosures, 3, "media:group's contents and the enclosure");
	if (it->nenclosures == 3) {
		is_int(it->enclosures[0].length, -1,
		       "a length that is no number");
		is_int(it->enclosures[0].duration, 95, "a duration in seconds");
		is_int(it->enclosures[2].length, -1, "length 0 is unknown");
		is_int(it->enclosures[2].duration, 95,
		       "iTunes' duration goes to RSS's enclosure");
	}
	is_str(it->image, "https://pod.example.com/ep2.jpg",
	       "an image media:content is the picture");
	is_str(f->items[2].title, "Media title only",
	       "media:title in HTML as the title");
	ok(f->items[2].ntags == 2 && !strcmp(f->items[2].tags[1], "radio"),
	   "itunes:keywords are tags, once each");
	feed_free(f);
}

static void
case_json(void)
{
	struct err e = {{0}};
	struct feed *f =
	    wild("jsonfeed-1.1.json", "https://json.example.id/feed.json");
	const struct feed_item *it;
	size_t len;
	char *b;

	ok(f && f->nitems == 3, "JSON Feed 1.1: three items");
	if (f && f->nitems == 3) {
		is_str(f->title, "Kabar JSON", "JSON: title");
		is_str(f->link, "https://json.example.id/",
		       "JSON: home_page_url");
		it = &f->items[0];
		is_str(it->id, "https://json.example.id/2024/01/satu",
		       "JSON: id");
		is_str(it->link, "https://json.example.id/2024/01/satu",
		       "JSON: url");
		is_str(it->title, "Item pertama", "JSON: item title");
		is_str(
		    it->content,
		    "<p>Isi <b>lengkap</b> <a href=\"https://json.example.id/"
		    "tag/kota\">kota</a></p>",
		    "JSON: content_html cleaned, links absolute");
		is_str(it->summary, "<p>Ringkasan &amp; pendek</p>",
		       "JSON: summary is text");
		is_str(it->image, "https://json.example.id/img/satu.jpg",
		       "JSON: image resolved");
		is_str(date(it->published, it->date_guessed),
		       "2024-01-02T03:11:12Z", "JSON: date_published");
		is_str(date(it->updated, !it->updated), "2024-01-03T00:00:00Z",
		       "JSON: date_modified");
		is_str(it->author, "Sari, Budi", "JSON 1.1: authors");
		ok(it->ntags == 2 && !strcmp(it->tags[0], "kota") &&
		       !strcmp(it->tags[1], "jembatan"),
		   "JSON: tags, strings once each");
		ok(it->nenclosures == 2, "JSON: attachments with a URL");
		if (it->nenclosures == 2) {
			is_str(it->enclosures[0].url,
			       "https://json.example.id/audio/satu.mp3",
			       "JSON: attachment URL resolved");
			is_int(it->enclosures[0].length, 1234567,
			       "JSON: size_in_bytes");
			is_int(it->enclosures[0].duration, 300,
			       "JSON: duration_in_seconds");
			is_int(it->enclosures[1].duration, 299,
			       "JSON: a duration with a fraction");
		}
		it = &f->items[1];
		is_str(it->id, "12345", "JSON: an id given as a number");
		is_str(it->link, "https://elsewhere.example.org/story",
		       "JSON: external_url when there is no url");
		is_str(
		    it->content,
		    "<p>First paragraph, a &lt; b.</p><p>Second paragraph<br>"
		    "with a break.</p>",
		    "JSON: content_text as paragraphs");
		is_str(it->image, "https://json.example.id/banner.png",
		       "JSON: banner_image when there is no image");
		is_str(it->author, "Redaksi", "JSON: the feed's authors");
		it = &f->items[2];
		is_str(it->title, "Spaced title", "JSON: title squeezed");
		ok(it->content == NULL, "JSON: empty content_html is none");
		ok(it->date_guessed, "JSON: a date that is none");
	}
	feed_free(f);
	f = wild("jsonfeed-1.0.json", NULL);
	ok(f && f->nitems == 2, "JSON Feed 1.0");
	if (f && f->nitems == 2) {
		is_str(f->items[0].author, "Feed Author",
		       "JSON 1.0: the feed's author");
		is_str(f->items[1].author, "Item Author",
		       "JSON 1.0: an item's author");
	}
	feed_free(f);
	{
		/* a tag of 300 three-byte signs: cut at a sign */
		struct buf j;

		buf_init(&j, 0);
		buf_puts(&j, "{\"version\":\"https://jsonfeed.org/version/1.1\","
			     "\"items\":[{\"id\":\"t\",\"tags\":[\"");
		for (int k = 0; k < 300; k++)
			buf_puts(&j, "\xe2\x82\xac");
		buf_puts(&j, "\"]}]}");
		f = feed_parse(j.data, j.len, NULL, NULL, 0, &e);
		ok(f && f->nitems == 1 && f->items[0].ntags == 1 &&
			   strlen(f->items[0].tags[0]) <= 256 &&
			   utf8_valid(f->items[0].tags[0],
				      strlen(f->items[0].tags[0])),
		   "JSON: a long tag is cut between characters");
		feed_free(f);
		buf_free(&j);
	}
	b = slurp("jsonfeed-bad.json", &len);
	f = feed_parse(b, len, NULL, NULL, 0, &e);
	ok(f == NULL, "malformed JSON is no feed");
	is_str(e.msg,
	       "not a feed: JSON: expected ',' or '}' at line 6, column 16",
	       "the error names the position");
	free(b);
	b = slurp("json-not-feed.json", &len);
	f = feed_parse(b, len, NULL, NULL, 0, &e);
	ok(f == NULL && strstr(e.msg, "not a JSON Feed"),
	   "JSON that is no JSON Feed: %s", e.msg);
	free(b);
	b = slurp("jsonfeed-1.1.json", &len);
	f = feed_parse(b, len, NULL, NULL, 1, &e);
	ok(f && f->nitems == 1, "JSON: max_items");
	feed_free(f);
	is_int(feed_sniff(b, len, NULL), FEED_KIND_FEED,
	       "sniff: JSON is a feed");
	is_int(feed_sniff("<html>", 6, "application/feed+json"), FEED_KIND_FEED,
	       "sniff: application/feed+json");
	is_int(feed_sniff("x", 1, "application/json; charset=utf-8"),
	       FEED_KIND_FEED, "sniff: application/json");
	f = feed_parse_auto(b, len, NULL, "text/html", NULL, NULL, 0, &e);
	ok(f && f->nitems == 3, "auto: JSON served as text/html");
	feed_free(f);
	free(b);
}

static void
case_opml(void)
{
	static const char doc[] =
	    "<opml version=\"2.0\"><body>"
	    "<outline text=\"Kabar\" type=\"rss\" "
	    "xmlUrl=\"https://json.example.id/feed.json\"/>"
	    "<outline text=\"Lain\" type=\"json\" "
	    "url=\"https://other.example.id/feed.json\"/>"
	    "</body></opml>";
	struct opml o;
	struct err e = {{0}};

	ok(opml_parse(doc, sizeof(doc) - 1, &o, &e) == 0 && o.n == 2,
	   "OPML: JSON Feeds are feeds");
	if (o.n == 2) {
		is_str(o.feeds[0].url, "https://json.example.id/feed.json",
		       "OPML: a JSON Feed's xmlUrl");
		is_str(o.feeds[1].url, "https://other.example.id/feed.json",
		       "OPML: type=json with url");
		ok(o.feeds[1].type == NULL, "OPML: a JSON Feed is no page");
	}
	opml_free(&o);
}

/* Long runs of text and CDATA are read by warta, not libxml2, for speed:
 * what comes out must be what libxml2 would give. */
static void
case_long_text(void)
{
	struct buf doc, want;
	struct err e = {{0}};
	struct feed *f;

	buf_init(&doc, 0);
	buf_init(&want, 0);
	buf_puts(&doc,
		 "<?xml version=\"1.0\"?>\r\n<rss><channel><title>T</title>"
		 "<!-- a comment with > and < in it -->"
		 "<item><title a=\"x > y\">Long</title><description>");
	for (int k = 0; k < 40; k++) {
		buf_puts(&doc, "&lt;p&gt;caf&#233; &amp;amp; &#x4e2d; "
			       "&quot;q&apos;\r\n&lt;/p&gt;");
		buf_puts(&want, "<p>caf\xc3\xa9 &amp; \xe4\xb8\xad \"q'\n</p>");
	}
	buf_puts(&doc, "</description><guid>g</guid></item>"
		       "<item><title><![CDATA[");
	for (int k = 0; k < 40; k++)
		buf_puts(&doc, "raw &amp; <b>cdata</b> ");
	buf_puts(&doc, "]]></title></item></channel></rss>");
	f = feed_parse(doc.data, doc.len, NULL, NULL, 0, &e);
	ok(f && f->nitems == 2, "long text: two items (%s)", e.msg);
	if (f && f->nitems == 2) {
		is_str(f->items[0].title, "Long",
		       "long text: a '>' in a comment and a value misleads "
		       "nothing");
		is_str(f->items[0].summary, want.data,
		       "long text: references decoded, line ends made \\n");
		ok(!strncmp(f->items[1].title, "raw & cdata raw & cdata", 23),
		   "long CDATA: kept as it is: %.30s", f->items[1].title);
	}
	feed_free(f);
	buf_free(&doc);
	buf_free(&want);
	/* a document declaring entities is libxml2's to read whole */
	buf_init(&doc, 0);
	buf_puts(&doc, "<!DOCTYPE rss [<!ENTITY w \"warta\">]><rss><channel>"
		       "<item><title>&w; ");
	for (int k = 0; k < 60; k++)
		buf_puts(&doc, "and &w; ");
	buf_puts(&doc, "</title></item></channel></rss>");
	f = feed_parse(doc.data, doc.len, NULL, NULL, 0, &e);
	ok(f && f->nitems == 1 &&
	       !strncmp(f->items[0].title, "warta and warta", 15),
	   "declared entities in long text are expanded");
	feed_free(f);
	buf_free(&doc);
}

static const struct tap_case cases[] = {
    {"dates", case_dates, "RFC 822, W3CDTF and what feeds write instead"},
    {"charsets", case_charsets, "WHATWG labels, C1, references, UTF-32"},
    {"bases", case_bases, "xml:base and the document's URL, everywhere"},
    {"markup", case_markup, "Atom text constructs; summary or content"},
    {"safety", case_safety, "feed HTML cleaned"},
    {"namespaces", case_namespaces, "by URI, any prefix, any case"},
    {"comments", case_comments, "RSS, Slash, WFW and Atom threading"},
    {"enclosures", case_enclosures, "RSS, Atom, Media RSS and iTunes"},
    {"json", case_json, "JSON Feed 1.0 and 1.1"},
    {"opml", case_opml, "OPML lists of JSON Feeds"},
    {"long_text", case_long_text, "long text and CDATA as libxml2 reads it"},
};

int
main(int argc, char **argv)
{
	return tap_main(cases, sizeof(cases) / sizeof(cases[0]), argc, argv,
			"FEED_WILD_CASES", NULL);
}
