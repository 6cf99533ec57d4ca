/* test_frontpage.c: frontpage_parse picks a front page's article links, by heuristic or pattern. */
#include "autoconfig.h"

#include "feed/frontpage.h"
#include "tap.h"
#include "util/buf.h"
#include "util/str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *
slurp(const char *name, size_t *len)
{
	const char *dir = getenv("TESTDATA");
	char *path = xasprintf("%s/pages/%s", dir ? dir : "tests/data", name);
	FILE *fp = fopen(path, "rb");
	struct buf b;
	char chunk[8192];
	size_t n;

	free(path);
	buf_init(&b, 0);
	if (fp) {
		while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
			buf_append(&b, chunk, n);
		fclose(fp);
	}
	*len = b.len;
	return buf_steal(&b);
}

static const char *const want[] = {
	"https://nasional.kabarnusantara.co.id/read/2024/01/02/10111211/presiden-resmikan-bendungan-baru-di-jawa-tengah",
	"https://ekonomi.kabarnusantara.co.id/read/2024/01/02/09000011/harga-beras-di-pasar-induk-mulai-turun",
	"https://www.kabarnusantara.co.id/read/2024/01/02/08300022/timnas-muda-lolos-ke-semifinal",
	"https://www.kabarnusantara.co.id/cerita/warga-desa-membangun-perpustakaan",
	"https://www.kabarnusantara.co.id/read/2024/01/01/21000033/banjir-rob-genangi-pesisir-utara",
	"https://www.kabarnusantara.co.id/read/2024/01/01/19000044/resep-rendang-yang-empuk-dan-gurih",
};

int
main(void)
{
	const char *url = "https://www.kabarnusantara.co.id/";
	struct err e = {{0}};
	struct feed *f;
	size_t len, i;
	char *b = slurp("frontpage.html", &len);

	ok(len > 0, "fixture read");
	f = frontpage_parse(b, len, url, NULL, NULL, 0, &e);
	ok(f != NULL, "heuristic: parsed");
	if (f) {
		is_str(f->title, "Kabar Nusantara - Berita Terkini Hari Ini",
		       "page title");
		is_str(f->link, url, "page link");
		is_int(f->nitems, 6, "heuristic: six articles");
		for (i = 0; i < f->nitems && i < 6; i++)
			is_str(f->items[i].link, want[i], "heuristic: item %zu in page order", i);
		is_str(f->items[0].title, "Presiden Resmikan Bendungan Baru di Jawa Tengah",
		       "title from the heading inside the link");
		is_str(f->items[2].title, "Timnas Muda Lolos ke Semifinal Piala Asia",
		       "title from the anchor text, not the #fragment duplicate");
		is_str(f->items[2].key, want[2], "key is the link");
		ok(f->items[0].date_guessed, "no dates on a page");
	}
	feed_free(f);

	f = frontpage_parse(b, len, url, NULL, "/read/[0-9]{4}/", 0, &e);
	ok(f && f->nitems == 5, "pattern: five matches, de-duplicated");
	if (f && f->nitems == 5)
		is_str(f->items[4].title, "Resep Rendang yang Empuk dan Gurih",
		       "pattern: last title");
	feed_free(f);

	f = frontpage_parse(b, len, url, NULL, "kode-etik", 0, &e);
	ok(f && f->nitems == 1, "pattern: footer links when asked for");
	feed_free(f);

	f = frontpage_parse(b, len, url, NULL, NULL, 2, &e);
	ok(f && f->nitems == 2, "max_items bounds the items");
	feed_free(f);

	f = frontpage_parse(b, len, url, NULL, "([a-z", 0, &e);
	ok(!f && strstr(e.msg, "link-pattern"), "bad pattern: error (%s)", e.msg);
	/* the bounded compile of util/regex, not a bare regcomp */
	f = frontpage_parse(b, len, url, NULL, NULL, 0, &e);
	feed_free(f);
	f = frontpage_parse(b, len, url, NULL, "(a{100}){300}", 0, &e);
	ok(!f && strstr(e.msg, "repetition counts too large"),
	   "explosive pattern: refused (%s)", e.msg);

	/* no page URL (standard input): absolute links still come out as
	 * http(s) in lower case (fuzz_page found an "httpS://" item) */
	{
		const char *up =
			"<ul><li><a href=\"httpS://news.example/read/2024/01/02/1/"
			"bridge-opens-to-traffic\">Bridge opens to traffic after "
			"two years of work</a></li><li><a href=\"HTTP://news.example/"
			"read/2024/01/02/2/market-prices-fall\">Market prices fall "
			"for the third week running</a></li></ul>";

		f = frontpage_parse(up, strlen(up), NULL, NULL, NULL, 0, &e);
		ok(f && f->nitems == 2, "no base: absolute links taken");
		for (i = 0; f && i < f->nitems; i++)
			ok(!strncmp(f->items[i].link, "http", 4) &&
				   strstr(f->items[i].link, "://news.example/") ==
					   f->items[i].link +
						   (f->items[i].link[4] == 's' ? 5 : 4),
			   "no base: scheme in lower case (%s)", f->items[i].link);
		feed_free(f);
	}

	{
		const char *cjk =
			"<html><head><title>新闻</title></head><body><ul class=\"list\">"
			"<li><a href=\"/2024/0102/a1.html\">北京今天迎来今年第一场大雪</a></li>"
			"<li><a href=\"/about.html\">关于</a></li></ul></body></html>";

		f = frontpage_parse(cjk, strlen(cjk), "http://news.example.cn/", NULL,
			       NULL, 0, &e);
		ok(f && f->nitems == 1, "CJK headline recognised");
		if (f && f->nitems)
			is_str(f->items[0].link, "http://news.example.cn/2024/0102/a1.html",
			       "CJK: link");
		feed_free(f);
	}
	/* No page URL: absolute links still count (and nothing leaks, which
	 * the sanitizer build checks). */
	f = frontpage_parse(b, len, NULL, NULL, NULL, 0, &e);
	ok(f != NULL, "no page URL: parses");
	feed_free(f);
	f = frontpage_parse("", 0, url, NULL, NULL, 0, &e);
	ok(!f || f->nitems == 0, "empty page: nothing");
	feed_free(f);
	free(b);

	return tap_done();
}
