/* test_article.c: pages of an article joined: merge, loops, sites, files, cap
 */
#include "autoconfig.h"

#include "doc/doc.h"
#include "extract/extract.h"
#include "fetch/fetch.h"
#include "refresh/article.h"
#include "tap.h"
#include "util/str.h"

#include <stdlib.h>
#include <string.h>

static struct fetch *f;

/* A page of the road story: its paragraphs (HTML), the next page's link
 * (or NULL) and, with comment set, one reader's comment. Caller frees. */
static char *
page_html(const char *paras, const char *next, const char *comment)
{
	char *link = next ? xasprintf("<link rel=\"next\" href=\"%s\">", next)
			  : xstrdup("");
	char *talk =
	    comment ? xasprintf("<section class=\"comment\" id=\"comments\">"
				"<div class=\"comment__list\"><div "
				"class=\"comment__item\"><div "
				"class=\"comment__name\">Pak Darto</div>"
				"<div class=\"comment__content\"><p>%s</p>"
				"</div></div></div></section>",
				comment)
		    : xstrdup("");
	char *html = xasprintf(
	    "<html><head><title>Jalan desa diperbaiki</title>%s</head>"
	    "<body><article><h1>Jalan desa diperbaiki</h1>%s</article>%s"
	    "</body></html>",
	    link, paras, talk);

	free(link);
	free(talk);
	return html;
}

/* A paragraph long enough to count as prose, naming what makes it n. */
static char *
para(const char *what)
{
	return xasprintf("<p>Warga desa bergotong royong memperbaiki jalan "
			 "berbatu menuju pasar kecamatan; hari ini %s, dan "
			 "para ibu menyiapkan makan siang untuk semua "
			 "pekerja di balai desa.</p>",
			 what);
}

/* Hand a to a 200 answer from final carrying html (taken). */
static int
answer(struct article *a, const char *final, char *html)
{
	struct fetch_done d;
	int more;

	memset(&d, 0, sizeof(d));
	d.ok = 1;
	d.res.status = 200;
	d.res.final_url = xstrdup(final);
	d.res.content_type = xstrdup("text/html; charset=utf-8");
	d.res.body = html;
	d.res.len = strlen(html);
	more = article_feed(a, &d, NULL);
	fetch_done_free(&d);
	return more;
}

/* Hand a to a failed transfer: status (0: none) and fetch's words. */
static int
failure(struct article *a, long status, const char *type, const char *msg)
{
	struct fetch_done d;
	int more;

	memset(&d, 0, sizeof(d));
	d.ok = type != NULL;
	d.res.status = status;
	d.res.content_type = type ? xstrdup(type) : NULL;
	d.res.body = xstrdup("");
	err_set(&d.err, "%s", msg);
	more = article_feed(a, &d, NULL);
	fetch_done_free(&d);
	return more;
}

/* How many blocks of d read exactly like the paragraph para() makes of
 * what. */
static int
count_para(const struct doc *d, const char *what)
{
	char *p = para(what), *want;
	int n = 0;

	/* the text without its <p> and </p> */
	want = xstrndup(p + 3, strlen(p) - 7);
	for (size_t i = 0; d && i < d->nblocks; i++) {
		char *t = doc_block_text(&d->blocks[i]);

		n += !strcmp(t, want);
		free(t);
	}
	free(want);
	free(p);
	return n;
}

static struct article *
start(const char *url, int allow_file, int first_only)
{
	struct article_options o;
	struct err e = {{0}};
	struct article *a;

	memset(&o, 0, sizeof(o));
	o.allow_file = allow_file;
	o.first_only = first_only;
	a = article_start(f, url, &o, NULL, &e);
	if (!a)
		printf("# article_start(%s): %s\n", url, e.msg);
	return a;
}

static void
test_merge(void)
{
	char *one = para("truk pasir datang"), *shared = para("hujan turun"),
	     *two = para("aspal dituang"), *twice = para("mesin giling lewat");
	char *p1, *p2, *paras;
	struct article *a = start("http://desa.example/jalan", 0, 0);
	struct article_result *r;
	struct article_record rec;

	paras = xasprintf("%s%s", one, shared);
	p1 = page_html(paras, "/jalan?hal=2", "Semoga cepat selesai.");
	free(paras);
	/* page two opens with page one's last paragraph, as sites do, and
	 * says one thing twice itself */
	paras = xasprintf("%s%s%s%s", shared, twice, two, twice);
	p2 = page_html(paras, NULL, "Terima kasih, warga.");
	free(paras);
	is_str(article_url(a), "http://desa.example/jalan",
	       "page one asked for");
	is_int(answer(a, "http://desa.example/jalan", p1), 1,
	       "page one names a next page: it is queued");
	is_str(article_url(a), "http://desa.example/jalan?hal=2",
	       "the next page on its way");
	is_int(answer(a, "http://desa.example/jalan?hal=2", p2), 0,
	       "page two has no next page: finished");
	ok(article_url(a) == NULL, "nothing on its way");
	r = article_result(a);
	is_int(r->pages, 2, "two pages joined");
	is_int(r->failure, ARTICLE_OK, "nothing failed");
	ok(r->error == NULL, "no error");
	is_int(count_para(r->doc, "truk pasir datang"), 1, "page one's text");
	is_int(count_para(r->doc, "aspal dituang"), 1, "page two's text");
	is_int(count_para(r->doc, "hujan turun"), 1,
	       "the paragraph both pages carry is kept once");
	is_int(count_para(r->doc, "mesin giling lewat"), 2,
	       "a paragraph repeated within one page is no page's repeat: "
	       "it stays");
	is_int(r->doc->ncomments, 2, "the comments of both pages are kept");
	ok(r->doc->ncomments == 2 &&
	       !strcmp(r->doc->comments[1].text, "Terima kasih, warga."),
	   "page two's comment after page one's");
	ok(r->doc->meta.next_page == NULL,
	   "the chain was followed to its end: no next page left");
	is_str(r->url, "http://desa.example/jalan", "page one's URL");
	ok(r->raw && strstr(r->raw, "truk pasir datang") &&
	       !strstr(r->raw, "aspal dituang"),
	   "page one's bytes kept as fetched");

	article_record_make(r, &rec);
	is_int(rec.in.pages_merged, 1, "record: the pages were joined");
	is_int(rec.in.comments, 2, "record: the comment count");
	is_int(rec.in.extractor_version, EXTRACT_VERSION,
	       "record: the extractor version");
	ok(rec.in.text && strstr(rec.in.text, "aspal dituang"),
	   "record: the indexed text has page two");
	ok(rec.in.raw == r->raw && rec.in.raw_len == r->raw_len,
	   "record: page one's bytes");
	is_str(rec.in.url, "http://desa.example/jalan", "record: the URL");
	ok(rec.in.doc && rec.in.doc_len > 0, "record: the serialised doc");
	{
		struct err e;
		struct doc *back =
		    doc_deserialize(rec.in.doc, rec.in.doc_len, &e);

		ok(back && doc_equal(back, r->doc),
		   "record: the doc reads back the same");
		doc_free(back);
	}
	article_record_free(&rec);
	article_free(a);
	free(one);
	free(shared);
	free(two);
	free(twice);
}

static void
test_loop(void)
{
	char *a1 = para("pertama"), *a2 = para("kedua");
	struct article *a = start("http://desa.example/putar", 0, 0);
	struct article_result *r;

	is_int(answer(a, "http://desa.example/putar",
		      page_html(a1, "/putar-2", NULL)),
	       1, "loop: page two queued");
	/* page two leads back to page one (with a fragment) */
	is_int(answer(a, "http://desa.example/putar-2",
		      page_html(a2, "/putar#atas", NULL)),
	       0, "loop: back to page one ends the chain");
	r = article_result(a);
	is_int(r->pages, 2, "loop: each page once");
	ok(r->doc->meta.next_page == NULL, "loop: nothing left to follow");
	article_free(a);

	/* a page two answered from page one's address (a redirect back) */
	a = start("http://desa.example/balik", 0, 0);
	answer(a, "http://desa.example/balik", page_html(a1, "/balik-2", NULL));
	is_int(answer(a, "http://desa.example/balik",
		      page_html(a2, "/balik-2", NULL)),
	       0, "loop: a next page redirected back is not asked again");
	article_free(a);
	free(a1);
	free(a2);
}

static void
test_same_site(void)
{
	char *b1 = para("di kota"), *b2 = para("di cermin");
	struct article *a = start("http://www.desa.example/kabar", 0, 0);
	struct article_result *r;

	is_int(answer(a, "http://www.desa.example/kabar",
		      page_html(b1, "http://desa.example/kabar-2", NULL)),
	       1, "same site: 'www.' or not is one site");
	/* page two was moved to another site, and goes on there */
	is_int(answer(a, "http://cermin.example/kabar-2",
		      page_html(b2, "/kabar-3", NULL)),
	       0,
	       "same site: a page on another site than page one's is "
	       "not followed");
	r = article_result(a);
	is_int(r->pages, 2, "same site: the pages that came are joined");
	is_str(r->doc->meta.next_page, "http://cermin.example/kabar-3",
	       "same site: the next page stays named, unfollowed");
	article_free(a);
	free(b1);
	free(b2);
}

static void
test_cap(void)
{
	struct article *a = start("http://desa.example/rantai/1", 0, 0);
	struct article_result *r;
	int fed = 0, more = 1;

	for (int k = 1; k <= ARTICLE_MAX_PAGES + 2 && more; k++) {
		char *what = xasprintf("halaman %d", k);
		char *p = para(what);
		char *next = xasprintf("/rantai/%d", k + 1);
		char *url = xasprintf("http://desa.example/rantai/%d", k);

		more = answer(a, url, page_html(p, next, NULL));
		fed++;
		free(what);
		free(p);
		free(next);
		free(url);
	}
	r = article_result(a);
	is_int(fed, ARTICLE_MAX_PAGES, "cap: %d pages asked for",
	       ARTICLE_MAX_PAGES);
	is_int(r->pages, ARTICLE_MAX_PAGES, "cap: %d pages joined",
	       ARTICLE_MAX_PAGES);
	is_int(count_para(r->doc, "halaman 10"), 1, "cap: the last one's text");
	is_str(r->doc->meta.next_page, "http://desa.example/rantai/11",
	       "cap: the page after the cap stays named");
	article_free(a);

	{
		char *p = para("sendiri");

		a = start("http://desa.example/satu", 0, 1);
		is_int(answer(a, "http://desa.example/satu",
			      page_html(p, "/satu-2", NULL)),
		       0, "first only: page one alone");
		r = article_result(a);
		is_int(r->pages, 1, "first only: one page");
		is_str(r->doc->meta.next_page, "http://desa.example/satu-2",
		       "first only: its next page is named");
		article_free(a);
		free(p);
	}
}

static void
test_failures(void)
{
	char *p = para("gagal");
	struct article *a = start("http://desa.example/hilang", 0, 0);
	struct article_result *r;

	is_int(failure(a, 404, NULL, "HTTP 404"), 0, "a 404 ends it");
	r = article_result(a);
	ok(r->doc == NULL, "404: no article");
	is_int(r->failure, ARTICLE_ERR_FETCH, "404: the fetch failed");
	is_int(r->status, 404, "404: the status is kept");
	is_str(r->error, "HTTP 404", "404: in words");
	article_free(a);

	a = start("http://desa.example/gambar", 0, 0);
	failure(a, 200, "image/png", "unused");
	r = article_result(a);
	ok(r->doc == NULL, "an image: no article");
	is_int(r->failure, ARTICLE_ERR_TYPE, "an image is no web page");
	is_str(r->error, "not a web page: image/png", "an image: in words");
	article_free(a);

	a = start("http://desa.example/separuh", 0, 0);
	answer(a, "http://desa.example/separuh",
	       page_html(p, "/separuh-2", NULL));
	is_int(failure(a, 0, NULL, "timed out after 30 s"), 0,
	       "a later page failing ends the chain");
	r = article_result(a);
	is_int(r->pages, 1, "later failure: page one is kept");
	is_int(count_para(r->doc, "gagal"), 1, "later failure: with its text");
	is_int(r->failure, ARTICLE_ERR_FETCH, "later failure: said");
	is_str(r->error, "timed out after 30 s", "later failure: in words");
	is_str(r->doc->meta.next_page, "http://desa.example/separuh-2",
	       "later failure: the page not joined stays named");
	article_free(a);
	free(p);
}

static void
test_files(void)
{
	char *p = para("berkas");
	struct article_options o;
	struct err e = {{0}};
	struct article *a;

	memset(&o, 0, sizeof(o));
	ok(article_start(f, "file:///srv/kabar/a.html", &o, NULL, &e) == NULL,
	   "files: not read unless allowed");
	is_str(e.msg, "not reading a local file named by a feed",
	       "files: says why");
	ok(article_start(f, "ftp://desa.example/a", &o, NULL, &e) == NULL,
	   "no other scheme");

	a = start("file:///srv/kabar/a.html", 1, 0);
	ok(a != NULL, "files: read when allowed");
	is_int(answer(a, "file:///srv/kabar/a.html",
		      page_html(p, "a-2.html", NULL)),
	       1, "files: a next page beside page one is followed");
	is_int(answer(a, "file:///srv/kabar/a-2.html",
		      page_html(p, "/srv/lain/b.html", NULL)),
	       0, "files: one in another directory is not");
	article_free(a);
	free(p);
}

static void
test_resume(void)
{
	char *p1 = para("kemarin"), *p2 = para("hari ini");
	struct article_result from;
	struct article_options o;
	struct err e = {{0}};
	struct article *a;
	struct article_result *r;
	char *html = xasprintf("%s%s", p1, p2), *page;

	memset(&o, 0, sizeof(o));
	memset(&from, 0, sizeof(from));
	page = page_html(p1, NULL, NULL);
	from.doc =
	    extract_page(page, strlen(page), "http://desa.example/r", NULL, &e);
	free(page);
	from.pages = 1;
	from.url = xstrdup("http://desa.example/r");
	ok(article_resume(f, &from, &o, NULL, &e) == NULL && from.doc,
	   "resume: nothing to go on with without a next page");
	doc_set(&from.doc->meta.next_page, "http://desa.example/r-2");
	from.raw = xstrdup("<html>halaman satu</html>");
	from.raw_len = strlen(from.raw);
	a = article_resume(f, &from, &o, NULL, &e);
	ok(a != NULL && from.doc == NULL, "resume: the cached page is taken");
	is_str(a ? article_url(a) : NULL, "http://desa.example/r-2",
	       "resume: the next page is asked for");
	is_int(
	    answer(a, "http://desa.example/r-2", page_html(html, NULL, NULL)),
	    0, "resume: page two ends it");
	r = article_result(a);
	is_int(r->pages, 2, "resume: two pages");
	is_int(count_para(r->doc, "kemarin"), 1,
	       "resume: the repeat of the cached page is dropped");
	is_int(count_para(r->doc, "hari ini"), 1, "resume: page two's text");
	is_str(r->raw, "<html>halaman satu</html>",
	       "resume: the cached page's bytes go back with it");
	article_free(a);
	article_result_clear(&from);
	free(html);
	free(p1);
	free(p2);
}

int
main(void)
{
	struct err e = {{0}};

	f = fetch_new(1, 1, &e);
	if (!f) {
		printf("1..0 # SKIP %s\n", e.msg);
		return 0;
	}
	/* the transfers queued on f are never run: the tests answer them */
	test_merge();
	test_loop();
	test_same_site();
	test_cap();
	test_failures();
	test_files();
	test_resume();
	fetch_free(f);
	return tap_done();
}
