/* test_extract.c: the extractor on golden pages and hostile input, as cases.
 *
 * Each case is a row of cases[] below. Without arguments every case runs;
 * with arguments only the cases named (`tests/unit/test_extract standfirst
 * mathjax`), and `golden/NAME` runs the one fixture tests/data/extract/NAME.
 * `--list` prints the names. make check passes no arguments: there, name
 * the cases in EXTRACT_CASES (`make check TESTS=tests/unit/test_extract
 * EXTRACT_CASES=golden/kompas`). Run by hand from an out-of-tree build,
 * set TESTDATA to the source tree's tests/data.
 *
 * A golden fixture is a directory of tests/data/extract: source.html, the
 * page; expected.txt, the body as doc_body_text() gives it; expected.json,
 * fields that doc_to_json() must give with these values (others may
 * differ); url, the page's address, when relative links or the site
 * matter. A directory without source.html, or with neither expected file,
 * fails. */
#include "autoconfig.h"

#include "extract/extract.h"
#include "html/html.h"
#include "tap.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "doc/doc.h"
#include "util/buf.h"
#include "util/jsonr.h"
#include "util/str.h"

/* Memory allowed per byte parsed; redzones and quarantine of the address
 * sanitizer take more. */
#if defined(__SANITIZE_ADDRESS__)
#define RSS_FACTOR 80
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RSS_FACTOR 80
#endif
#endif
#ifndef RSS_FACTOR
#define RSS_FACTOR 20
#endif

static int
slurp(const char *path, struct buf *b)
{
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t n;

	if (!f)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(b, chunk, n);
	fclose(f);
	return 0;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Every member of want is in got with the same value (recursively; arrays
 * compare element by element and must be as long). */
static int
subset(const struct jsonr_value *want, const struct jsonr_value *got,
       const char *path, char *why, size_t whysz)
{
	if (!got) {
		snprintf(why, whysz, "%s missing", path);
		return 0;
	}
	if (want->type != got->type) {
		snprintf(why, whysz, "%s: type %d, want %d", path, got->type,
			 want->type);
		return 0;
	}
	switch (want->type) {
	case JSONR_OBJECT:
		for (size_t i = 0; i < want->n; i++) {
			char sub[256];

			snprintf(sub, sizeof(sub), "%s.%s", path,
				 want->keys[i]);
			if (!subset(&want->items[i],
				    jsonr_get(got, want->keys[i]), sub, why,
				    whysz))
				return 0;
		}
		return 1;
	case JSONR_ARRAY:
		if (want->n != got->n) {
			snprintf(why, whysz, "%s: %zu items, want %zu", path,
				 got->n, want->n);
			return 0;
		}
		for (size_t i = 0; i < want->n; i++) {
			char sub[256];

			snprintf(sub, sizeof(sub), "%s[%zu]", path, i);
			if (!subset(&want->items[i], &got->items[i], sub, why,
				    whysz))
				return 0;
		}
		return 1;
	case JSONR_STRING:
	case JSONR_NUMBER:
		if (strcmp(want->str, got->str)) {
			snprintf(why, whysz, "%s: \"%.120s\", want \"%.120s\"",
				 path, got->str, want->str);
			return 0;
		}
		return 1;
	case JSONR_BOOL:
		return want->boolean == got->boolean;
	default:
		return 1;
	}
}

static void
golden(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s/source.html", dir, name);
	struct buf src, want, url;
	struct err e = {{0}};
	struct doc *d;
	char *text, *json;
	size_t n;
	int checked = 0;

	buf_init(&src, 0);
	buf_init(&want, 0);
	buf_init(&url, 0);
	if (slurp(path, &src) < 0) {
		/* a fixture that cannot run must not pass unseen */
		ok(0, "%s: has a source.html", name);
		free(path);
		goto out;
	}
	free(path);
	path = xasprintf("%s/%s/url", dir, name);
	if (slurp(path, &url) == 0)
		str_trim(url.data);
	free(path);
	d = extract_page(src.data ? src.data : "", src.len,
			 url.len ? url.data : NULL, NULL, &e);
	ok(d != NULL, "%s: extracts", name);
	if (!d)
		goto out;
	text = doc_body_text(d);
	path = xasprintf("%s/%s/expected.txt", dir, name);
	if (slurp(path, &want) == 0) {
		n = want.len;
		while (n && want.data[n - 1] == '\n')
			want.data[--n] = '\0';
		is_str(text, want.data, "%s: body text", name);
		checked++;
	}
	free(path);
	free(text);
	path = xasprintf("%s/%s/expected.json", dir, name);
	buf_reset(&want);
	if (slurp(path, &want) == 0) {
		struct jsonr_value *w = jsonr_parse(want.data, want.len, &e);
		struct jsonr_value *g;
		char why[512] = "";

		json = doc_to_json(d);
		g = jsonr_parse(json, strlen(json), &e);
		ok(w && g && subset(w, g, name, why, sizeof(why)),
		   "%s: expected.json fields %s", name, why);
		jsonr_free(w);
		jsonr_free(g);
		free(json);
		checked++;
	}
	free(path);
	if (!checked)
		ok(0, "%s: has an expected.txt or expected.json", name);
	doc_free(d);
out:
	buf_free(&src);
	buf_free(&want);
	buf_free(&url);
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
all_golden(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;

	ok(dp != NULL, "fixtures in %s", dir);
	if (!dp)
		return;
	while ((de = readdir(dp))) {
		if (de->d_name[0] == '.')
			continue;
		names = xreallocarray(names, n + 1, sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(dp);
	qsort(names, n, sizeof(*names), name_cmp);
	for (size_t i = 0; i < n; i++) {
		golden(dir, names[i]);
		free(names[i]);
	}
	free(names);
}

/* The body text extracted from page, or NULL; caller frees. */
static char *
body_of(const char *page, size_t len)
{
	struct err e = {{0}};
	struct doc *d = extract_page(page, len, NULL, NULL, &e);
	char *t = d ? doc_body_text(d) : NULL;

	doc_free(d);
	return t;
}

/* A check that the body extracted from page holds needle. */
static void
body_has(const char *page, size_t len, const char *needle, const char *name)
{
	char *t = body_of(page, len);

	ok(t && strstr(t, needle), "%s", name);
	free(t);
}

/* Extract hostile bytes: a doc, within a time limit. */
static void
hostile(const char *what, const char *bytes, size_t len, double limit)
{
	struct err e = {{0}};
	double t0 = now(), dt;
	struct doc *d = extract_page(bytes, len, NULL, NULL, &e);

	dt = now() - t0;
	ok(d != NULL, "%s: a doc, no crash", what);
	ok(dt < limit, "%s: %.2f s (limit %.0f s)", what, dt, limit);
	doc_free(d);
}

/* The time of the one comment of a page in language lang whose comment
 * section writes its date as when; caller frees. */
static char *
comment_time(const char *lang, const char *when)
{
	char *page = xasprintf(
	    "<html lang=\"%s\"><body><article><h1>The ferry runs again</h1>"
	    "<p>After a winter of repairs the small ferry across the bay "
	    "carries passengers again, twelve crossings a day, and the "
	    "island's shops say the first week was their busiest of the "
	    "year so far.</p><p>The harbour office says the timetable "
	    "will stay the same through the summer months.</p></article>"
	    "<section class=\"comment\" id=\"comments\"><div "
	    "class=\"comment__list\"><div class=\"comment__item\"><div "
	    "class=\"comment__name\">R. Lestari</div><div "
	    "class=\"comment__date\">%s</div><div class=\"comment__content\">"
	    "<p>Good news for everyone on the island.</p></div></div></div>"
	    "</section></body></html>",
	    lang, when);
	struct err e = {{0}};
	struct doc *d = extract_page(page, strlen(page), NULL, NULL, &e);
	char *t = NULL;

	if (d && d->ncomments == 1 && d->comments[0].published)
		t = xstrdup(d->comments[0].published);
	else if (d && d->ncomments == 1)
		t = xstrdup("(none)");
	doc_free(d);
	free(page);
	return t;
}

/* Which metadata field a row of the metadata table checks. */
enum meta_field { BYLINE, TITLE, SITE };

/* A head whose JSON-LD escapes its strings once more than HTML needs. */
#define LD_PAGE_HEAD                                                          \
	"<title>x</title><script type=\"application/ld+json\">{\"@type\":"    \
	"\"NewsArticle\",\"headline\":\"Ferries &amp; trams don&#8217;t run " \
	"&mdash; Harbour News\",\"author\":{\"@type\":\"Person\",\"name\":"   \
	"\"Ana Lima &amp; Rui Costa\"}}</script><meta "                       \
	"property=\"og:site_name\" "                                          \
	"content=\"Harbour News\">"

static void
case_cut_datelines(void)
{
	/* a dateline text that ends right after the year or the
	 * separator (read past its end under ASan before) */
	static const char *const cut[] = {
	    "<p>Kabar - 26/09/2020</p>", "<p>Kabar - 26/09/2020,</p>",
	    "<p>26/09/2020 </p>", "<p>Kabar - 26/09/2020, 0</p>"};

	for (size_t i = 0; i < sizeof(cut) / sizeof(cut[0]); i++) {
		struct err e = {{0}};
		struct doc *d =
		    extract_page(cut[i], strlen(cut[i]), NULL, NULL, &e);

		ok(d && !d->meta.published, "cut dateline '%s': no date",
		   cut[i]);
		doc_free(d);
	}
}

static void
case_comment_times(void)
{
	/* comment times written out in numbers, without a zone: the
	 * site's local time, day first unless the page is US English */
	static const struct {
		const char *lang, *when, *want;
	} ct[] = {
	    {"id", "24/11/2026 10:02", "2026-11-24T10:02:00"},
	    {"de", "24.11.2026, 9:05", "2026-11-24T09:05:00"},
	    {"id", "26/09/2020, 08:13 WIB", "2020-09-26T08:13:00+07:00"},
	    {"en-US", "11/24/2026 10:02 PM", "2026-11-24T22:02:00"},
	    {"en-GB", "24/11/2026 12:30 am", "2026-11-24T00:30:00"},
	    {"id", "31/02/2026 25:61", "(none)"},
	    /* ends right after the year (fuzz_extract: read past
	     * the end) */
	    {"id", "24/11/2026", "(none)"},
	    {"id", "24/11/2026, ", "(none)"},
	};

	for (size_t i = 0; i < sizeof(ct) / sizeof(ct[0]); i++) {
		char *t = comment_time(ct[i].lang, ct[i].when);

		is_str(t, ct[i].want, "comment time '%s' (%s)", ct[i].when,
		       ct[i].lang);
		free(t);
	}
}

static void
case_metadata(void)
{
	/* The writer's name from the byline markup pages use: the
	 * name inside a byline box, without the prefix, job title,
	 * date, handle or share buttons around it. */
	static const struct {
		const char *html, *want, *what;
		enum meta_field field; /* the field checked */
		const char *head;      /* <head> content, NULL: a title */
	} bl[] = {
	    {"<div id=\"authorization\"><a href=\"/in\">Sign in</a> "
	     "| <a href=\"/up\">Join</a></div><div class=\"byline\">"
	     "<span class=\"byline-by\">By</span> <span "
	     "itemprop=\"author\"><a rel=\"author\" href=\"/s/io\">"
	     "<span itemprop=\"name\">In\xc3\xa9s Okafor</span></a>"
	     "</span> <span class=\"author-title\">Transport "
	     "correspondent</span> <time datetime=\"2025-03-03\">"
	     "March 3, 2025</time></div>",
	     "In\xc3\xa9s Okafor", "a name inside a byline box", BYLINE, NULL},
	    {"<p class=\"byline\">Posted by Ana Lima - Monday, March "
	     "3, 2025 at 10:00</p>",
	     "Ana Lima", "prefix and date cut from a byline line", BYLINE,
	     NULL},
	    {"<div class=\"post-author\">Tom Reyes Monday, March 3, "
	     "2025</div>",
	     "Tom Reyes", "a month-first date after the name", BYLINE, NULL},
	    {"<div class=\"author\">Mei Tanaka <div class=\"author-"
	     "role\">Science editor</div></div>",
	     "Mei Tanaka", "a job title in its own element", BYLINE, NULL},
	    {"<div class=\"byline\">Kofi Mensah \xe2\x80\xa2 8h "
	     "<a class=\"share\" href=\"/s\">Share</a></div>",
	     "Kofi Mensah", "a bullet and what follows it", BYLINE, NULL},
	    {"<nav><span class=\"author\">Lena Park</span></nav><p "
	     "class=\"byline\">By: Omar Haddad</p>",
	     "Omar Haddad", "not a name in the navigation", BYLINE, NULL},
	    {"<p class=\"byline\">Last updated: 3 March 2025</p>", NULL,
	     "a date line is no name", BYLINE, NULL},
	    {"<meta name=\"author\" content=\"By Rui Costa\">", "Rui Costa",
	     "the prefix of a meta author", BYLINE, NULL},
	    {"<p class=\"byline\">\xd0\xa2\xd0\xb5\xd0\xba\xd1\x81"
	     "\xd1\x82: \xd0\x9b\xd0\xb8\xd0\xb4\xd0\xb0 \xd0\x9e"
	     "\xd1\x80\xd0\xbb\xd0\xbe\xd0\xb2\xd0\xb0</p>",
	     "\xd0\x9b\xd0\xb8\xd0\xb4\xd0\xb0 \xd0\x9e\xd1\x80\xd0"
	     "\xbb\xd0\xbe\xd0\xb2\xd0\xb0",
	     "a Russian 'Text:' prefix", BYLINE, NULL},
	    {"<p class=\"byline\">By Ana Lima</p>", "Ferries run again",
	     "the writer's name is cut from the title", TITLE,
	     "<title>Ferries run again - Ana Lima</title>"},
	    /* JSON-LD values carry character references escaped once
	     * more than HTML needs; a decoded "&mdash; Site" is a site
	     * suffix like any other */
	    {"", "Ferries & trams don\xe2\x80\x99t run",
	     "references in a JSON-LD headline are decoded", TITLE,
	     LD_PAGE_HEAD},
	    {"", "Ana Lima & Rui Costa", "and in a JSON-LD author", BYLINE,
	     LD_PAGE_HEAD},
	    {"", "harbour.example",
	     "a site name given as an address is its host", SITE,
	     "<title>Ferries</title><meta property=\"og:site_name\" "
	     "content=\"https://www.harbour.example/\">"},
	};

	for (size_t k = 0; k < sizeof(bl) / sizeof(bl[0]); k++) {
		char *page = xasprintf(
		    "<html><head>%s</head><body>"
		    "%s<article><p>The harbour ferries run again "
		    "from Monday, on the old timetable, with two "
		    "boats an hour in the morning and one an hour "
		    "after noon, the operator said.</p></article>"
		    "</body></html>",
		    bl[k].head ? bl[k].head : "<title>Ferries</title>",
		    bl[k].html);
		struct err e = {{0}};
		struct doc *d =
		    extract_page(page, strlen(page), NULL, NULL, &e);
		const char *got = NULL;

		if (d)
			got = bl[k].field == TITLE  ? d->meta.title
			      : bl[k].field == SITE ? d->meta.site
						    : d->meta.byline;
		is_str(got, bl[k].want, "%s", bl[k].what);
		doc_free(d);
		free(page);
	}
}

static void
case_title_colon(void)
{
	/* A title with a colon that a heading repeats whole is kept
	 * whole; without such a heading the part before the colon is
	 * taken for a site name. */
	static const char page[] =
	    "<html><head><title>Tides: Why the Sea Comes Back "
	    "Twice a Day</title></head><body><h1>Science pages</h1>"
	    "<h2>Tides: Why the Sea Comes Back Twice a Day</h2>"
	    "<p>The moon pulls the water nearest to it, and the earth "
	    "turning underneath makes two bulges go round, which is "
	    "why "
	    "most shores see two high tides a day.</p></body></html>";
	struct err e = {{0}};
	struct doc *d = extract_page(page, sizeof(page) - 1, NULL, NULL, &e);

	is_str(d ? d->meta.title : NULL,
	       "Tides: Why the Sea Comes Back Twice a Day",
	       "a heading repeating the title keeps it whole");
	doc_free(d);
}

static void
case_data_table(void)
{
	/* A data table whose cells wrap short values in divs. */
	static const char page[] =
	    "<html><body><article><p>Patch sizes for a few apps, "
	    "measured over a month of updates on ordinary phones, "
	    "show how much smaller the new patches are.</p><table>"
	    "<tr><td><div>App</div></td><td><div>Size</div></td></tr>"
	    "<tr><td><div><a href=\"/a\">Maps</a></div></td>"
	    "<td><div>32.7 MB</div></td></tr>"
	    "<tr><td><div><a href=\"/b\">Mail</a></div></td>"
	    "<td><div>17.8 MB</div></td></tr></table><p>Smaller "
	    "patches mean faster updates, and less data spent on "
	    "them, which matters most where data is dear.</p>"
	    "</article></body></html>";
	char *t = body_of(page, sizeof(page) - 1);

	ok(t && strstr(t, "32.7 MB") && strstr(t, "Mail"),
	   "a data table keeps its short cells");
	free(t);
}

static void
case_list_paragraph(void)
{
	/* A list in the text keeps its items even when one holds a
	 * paragraph (which leaves the list a low score). */
	static const char page[] =
	    "<html><body><article><h3>Highlights</h3><ul>"
	    "<li><a href=\"/a\">Our year in review</a></li>"
	    "<li>We have just landed a change, which stops an update "
	    "from starting while another copy is running.<p>Thanks "
	    "to everyone who tested it on the nightly builds.</p></li>"
	    "<li>Logins can now be imported from two more password "
	    "managers, and the importer reports what it skipped.</li>"
	    "</ul><p>A long enough paragraph about the rest of the "
	    "fortnight, with commas, names and numbers, follows the "
	    "list, as it does in every issue of these notes.</p>"
	    "</article></body></html>";
	body_has(page, sizeof(page) - 1, "Logins can now be imported",
		 "a list with a paragraph in an item is kept");
}

static void
case_photo_divs(void)
{
	/* Photos between paragraphs written as plain divs (as blog
	 * editors write them): the divs count as paragraphs. */
	struct buf pg;

	buf_init(&pg, 0);
	buf_puts(&pg, "<html><body><div class=\"post-body\">"
		      "<div>The harbour festival opened on Saturday "
		      "with boats from every village on the coast."
		      "</div><div class=\"gallery\">");
	for (size_t i = 0; i < 6; i++)
		buf_printf(&pg,
			   "<div><img src=\"/p%zu.jpg\"></div><div>"
			   "Part %zu: the crews rowed past the old "
			   "pier while families watched.</div>",
			   i, i);
	buf_puts(&pg, "</div>");
	for (int i = 0; i < 4; i++)
		buf_puts(&pg, "<p>The festival goes on all week, with "
			      "music on the quay, a market of boat "
			      "builders, and races every afternoon "
			      "when the tide allows it.</p>");
	buf_puts(&pg, "</div></body></html>");
	body_has(pg.data, pg.len, "Part 5: the crews",
		 "text in plain divs between photos is kept");
	buf_free(&pg);
}

static void
case_photo_box(void)
{
	/* A box named for its picture: the image and its caption
	 * make one figure. */
	static const char page[] =
	    "<html><body><article><h1>Sleep in space</h1>"
	    "<div class=\"image top\"><img src=\"https://s.example/"
	    "a.jpg\" alt=\"Space\"><p>Two astronauts at work on the "
	    "station in 2006. (File photo)</p></div><p>Putting crews "
	    "into a deep sleep could make long journeys easier, a "
	    "study for the space agency says, and it would save food "
	    "and room on board.</p><p>The idea is old, but the study "
	    "is the first to put figures on what it would save, and "
	    "on what it would cost.</p></article></body></html>";
	struct err e = {{0}};
	struct doc *d = extract_page(page, sizeof(page) - 1, NULL, NULL, &e);
	int fig = 0;

	for (size_t k = 0; d && k < d->nblocks; k++) {
		char *t = doc_block_text(&d->blocks[k]);

		if (d->blocks[k].kind == DOC_FIGURE && d->blocks[k].src &&
		    strstr(t, "Two astronauts"))
			fig++;
		else if (strstr(t, "Two astronauts"))
			fig = -100;
		free(t);
	}
	is_int(fig, 1, "a photo box is one figure with its caption");
	doc_free(d);
}

static void
case_social_embed(void)
{
	/* A post quoted from a social network, in its embedding
	 * markup inside a wrapper named "social": kept as a quote. */
	static const char page[] =
	    "<html><body><article><p>The new slogan of the campaign "
	    "was noticed at once, and many readers wrote about it "
	    "within the hour of its launch.</p><div class=\"social-"
	    "embed\"><blockquote class=\"twitter-tweet\"><p>Yes this "
	    "is real and it cost a lot: <a href=\"https://t.example/"
	    "x\">https://t.example/x</a></p>&mdash; A Reader <a href="
	    "\"https://tw.example/r/1\">November 18, 2019</a>"
	    "</blockquote></div><p>The office that ordered it said "
	    "the attention was the point, and that the campaign would "
	    "run until the spring as planned.</p></article></body>"
	    "</html>";
	body_has(page, sizeof(page) - 1, "Yes this is real",
		 "an embedded social post is kept");
}

static void
case_standfirst(void)
{
	/* The standfirst just above the text belongs to it. */
	static const char page[] =
	    "<html><body><article><h1>Three hurt in clashes</h1>"
	    "<div class=\"article__summary\">Three people were hurt "
	    "in clashes near the fuel plant, the city's hospital "
	    "said.</div><div class=\"article__text\"><p>The clashes "
	    "began in the morning, when a crowd tried to reach the "
	    "gates of the plant, which has been closed for a week."
	    "</p><p>Police said the crowd was dispersed by noon, and "
	    "that the road to the plant would stay closed, at least "
	    "until the weekend, while talks go on.</p><p>Talks "
	    "between the two sides are due to resume on Monday, in "
	    "the town hall, with a mediator from the capital.</p>"
	    "</div></article></body></html>";
	char *t = body_of(page, sizeof(page) - 1);

	ok(t && !strncmp(t, "Three people were hurt", 22),
	   "the standfirst opens the text");
	free(t);
}

static void
case_mathjax(void)
{
	/* Formulas typeset by MathJax sit in containers whose class
	 * names a context menu: still text. */
	static const char page[] =
	    "<html><body><h1>Quadratics</h1><p>When</p><mjx-container "
	    "class=\"MathJax CtxtMenu_Attached_0\"><math><mi>a</mi>"
	    "<mo>&#8800;</mo><mn>0</mn></math></mjx-container><p>, "
	    "there are two solutions to the equation, and they are "
	    "given by the "
	    "formula every pupil learns, which uses the square root of "
	    "the discriminant.</p><p>The discriminant tells how many "
	    "real roots there are, and whether they are equal or "
	    "not.</p><p>When it is negative there are no real roots "
	    "at all, only a pair of complex ones, which mirror each "
	    "other across the real axis of the plane.</p><p>When it "
	    "is zero the two roots meet, and the parabola just "
	    "touches the axis at its vertex, neither crossing it nor "
	    "staying away from it.</p><p>Completing the square gives "
	    "the same formula, step by step, and is worth doing once "
	    "by hand to see where each term comes from.</p>"
	    "</body></html>";
	body_has(page, sizeof(page) - 1,
		 "a\xe2\x89\xa0"
		 "0",
		 "a formula in a MathJax container is kept");
}

static void
case_hostile_empty(void)
{
	hostile("empty page", "", 0, 2);
}

static void
case_hostile_garbage(void)
{
	struct buf b;

	buf_init(&b, 0);
	srand(11);
	for (size_t i = 0; i < 1 << 20; i++)
		buf_putc(&b, (char)(rand() & 0xff));
	hostile("binary garbage", b.data, b.len, 10);
	buf_free(&b);
}

static void
case_hostile_nesting(void)
{
	struct buf b;

	buf_init(&b, 0);
	buf_puts(&b, "<html><body>");
	for (size_t i = 0; i < 100000; i++)
		buf_puts(&b, i % 2 ? "<div>" : "<span><p>");
	buf_puts(&b, "deep text");
	hostile("100000 nested elements, never closed", b.data, b.len, 10);
	for (size_t i = 0; i < 100000; i++)
		buf_puts(&b, i % 2 ? "</div>" : "</p></span>");
	hostile("100000 nested elements", b.data, b.len, 10);
	buf_free(&b);
}

static void
case_hostile_big(void)
{
	struct buf b;
	struct rusage ru;
	long before;

	/* 50 MB of article: cut at the parser's cap, bounded in time. */
	buf_init(&b, 0);
	buf_puts(&b, "<html><head><title>Big</title></head><body><article>");
	while (b.len < (size_t)50 << 20)
		buf_puts(&b, "<p>A sentence of a very long article, written "
			     "again and again, <a href=\"/x\">with a link</a> "
			     "and <em>emphasis</em>.</p>\n");
	buf_puts(&b, "</article></body></html>");
	getrusage(RUSAGE_SELF, &ru);
	before = ru.ru_maxrss;
	hostile("a 50 MB page", b.data, b.len, 60);
	getrusage(RUSAGE_SELF, &ru);
	printf("# peak RSS after the 50 MB page: %ld KB (%ld KB "
	       "before)\n",
	       ru.ru_maxrss, before);
	/* Only the first HTML_MAX_INPUT bytes are parsed: memory
	 * stays within 20 times that, whatever the page's size. */
	ok(ru.ru_maxrss - before < RSS_FACTOR * (long)(HTML_MAX_INPUT >> 10),
	   "a 50 MB page: memory bounded (%ld KB more)", ru.ru_maxrss - before);
	buf_free(&b);
}

/* The directory of the golden fixtures; caller frees. */
static char *
fixtures_dir(void)
{
	const char *td = getenv("TESTDATA");

	return xasprintf("%s/extract", td ? td : "tests/data");
}

static void
case_golden(void)
{
	char *dir = fixtures_dir();

	all_golden(dir);
	free(dir);
}

/* The cases in the order a whole run takes them. To add one: a function
 * case_NAME(void) above that runs its checks with ok() and friends, and a
 * row here. */
static const struct tap_case cases[] = {
    {"golden", case_golden, "every fixture of tests/data/extract"},
    {"cut-datelines", case_cut_datelines,
     "a dateline that ends right after its year"},
    {"comment-times", case_comment_times, "comment times written in numbers"},
    {"metadata", case_metadata, "bylines, titles and site names"},
    {"title-colon", case_title_colon,
     "a title with a colon that a heading repeats"},
    {"data-table", case_data_table, "a data table's short cells in divs"},
    {"list-paragraph", case_list_paragraph,
     "a list with a paragraph in an item"},
    {"photo-divs", case_photo_divs, "text in plain divs between photos"},
    {"photo-box", case_photo_box, "a box named for its picture"},
    {"social-embed", case_social_embed, "a quoted social network post"},
    {"standfirst", case_standfirst, "the standfirst above the text"},
    {"mathjax", case_mathjax, "formulas in MathJax containers"},
    {"hostile-empty", case_hostile_empty, "an empty page"},
    {"hostile-garbage", case_hostile_garbage, "a megabyte of random bytes"},
    {"hostile-nesting", case_hostile_nesting, "100000 nested elements"},
    {"hostile-big", case_hostile_big, "a 50 MB page: time and memory"},
};

/* golden/NAME: the one fixture tests/data/extract/NAME. */
static int
one_fixture(const char *name)
{
	char *dir;

	if (strncmp(name, "golden/", 7) || !name[7])
		return -1;
	dir = fixtures_dir();
	printf("# fixture %s\n", name + 7);
	golden(dir, name + 7);
	free(dir);
	return 0;
}

int
main(int argc, char **argv)
{
	return tap_main(cases, sizeof(cases) / sizeof(cases[0]), argc, argv,
			"EXTRACT_CASES", one_fixture);
}
