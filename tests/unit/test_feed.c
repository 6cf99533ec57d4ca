/* test_feed.c: feed_parse on each dialect, charset case, broken and hostile input. */
#include "autoconfig.h"

#include "feed/feed.h"
#include "tap.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/str.h"
#include "util/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char *
slurp(const char *name, size_t *len)
{
	const char *dir = getenv("TESTDATA");
	char *path = xasprintf("%s/feeds/%s", dir ? dir : "tests/data", name);
	FILE *fp = fopen(path, "rb");
	struct buf b;
	char chunk[8192];
	size_t n;

	free(path);
	buf_init(&b, 0);
	if (!fp) {
		*len = 0;
		return buf_steal(&b);
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_append(&b, chunk, n);
	fclose(fp);
	*len = b.len;
	return buf_steal(&b);
}

static struct feed *
parse_file(const char *name, const char *url, const char *charset,
	   size_t max)
{
	struct err e = {{0}};
	size_t len;
	char *b = slurp(name, &len);
	struct feed *f = feed_parse(b, len, url, charset, max, &e);

	if (!f)
		printf("# %s: %s\n", name, e.msg);
	free(b);
	return f;
}

static const char *
fmt(time_t t)
{
	static char out[21];

	return date_format_utc(t, out);
}

static void
test_rss20(void)
{
	struct feed *f = parse_file("rss20.xml", "https://news.example.org/feed.xml",
				    NULL, 0);
	struct feed_item *it;

	ok(f != NULL, "rss20: parsed");
	if (!f)
		return;
	is_str(f->title, "Kabar Contoh & Berita", "rss20: double-escaped feed title");
	is_str(f->link, "https://news.example.org/", "rss20: feed link, not atom self");
	is_int(f->nitems, 4, "rss20: four items");
	it = &f->items[0];
	is_str(it->title, "Jembatan baru dibuka untuk pejalan kaki", "rss20: title");
	is_str(it->link, "https://news.example.org/kota/2024/01/02/jembatan-baru-dibuka",
	       "rss20: link");
	is_str(it->id, "news-example-1001", "rss20: guid");
	is_str(it->key, "news-example-1001", "rss20: key is the guid");
	is_str(it->author, "Sari Wulandari", "rss20: dc:creator");
	is_str(fmt(it->published), "2024-01-02T03:11:12Z", "rss20: pubDate");
	ok(!it->date_guessed, "rss20: date not guessed");
	is_int(it->updated, 0, "rss20: no updated");
	is_str(it->summary, "<p>Ringkasan <b>singkat</b> tentang jembatan.</p>",
	       "rss20: description is HTML");
	is_str(it->content,
	       "<p>Isi lengkap artikel tentang <a "
	       "href=\"https://news.example.org/kota/peta\">jembatan</a>.</p>",
	       "rss20: content:encoded, its links made absolute");
	is_str(it->image, "https://news.example.org/img/jembatan.jpg",
	       "rss20: media:thumbnail resolved");
	is_str(it->enclosure, "https://cdn.example.org/audio/jembatan.mp3",
	       "rss20: enclosure");
	is_str(it->enclosure_type, "audio/mpeg", "rss20: enclosure type");

	it = &f->items[1];
	is_str(it->title, "Pasar & harga cabai naik", "rss20: markup title to text");
	is_str(it->link, "https://news.example.org/ekonomi/pasar-harga-cabai-naik",
	       "rss20: relative link resolved");
	is_str(it->author, "Budi Santoso", "rss20: author name from e-mail form");
	is_str(fmt(it->published), "2024-01-03T01:00:00Z", "rss20: WIB date");

	it = &f->items[2];
	is_str(it->title, "Tim sepak bola \"Garuda Muda\" menang & lolos",
	       "rss20: double-escaped entities");
	is_str(it->link, "https://news.example.org/olahraga/garuda-muda-menang",
	       "rss20: permalink guid is the link");
	ok(it->date_guessed, "rss20: bad date is guessed");
	ok(it->published > time(NULL) - 3600 && it->published <= time(NULL),
	   "rss20: guessed date is the parse time");
	is_str(it->image, "https://cdn.example.org/img/garuda.jpg",
	       "rss20: media:group image");
	is_str(it->summary, "Para pemain merayakan gol.", "rss20: media:description");

	it = &f->items[3];
	is_str(it->title,
	       "Hujan deras \xe2\x80\x93 banjir di tiga kecamatan \xe2\x80\x94 warga mengungsi",
	       "rss20: character references");
	ok(it->link == NULL && it->id == NULL, "rss20: no link, no id");
	ok(str_starts_with(it->key, "h:") && strlen(it->key) == 18,
	   "rss20: key is a hash");
	feed_free(f);

	/* the same feed twice gives the same keys */
	{
		struct feed *a = parse_file("rss20.xml", NULL, NULL, 0);
		struct feed *b = parse_file("rss20.xml", NULL, NULL, 0);

		is_str(a->items[3].key, b->items[3].key, "rss20: hash key is stable");
		ok(a->items[0].image == NULL,
		   "rss20: relative URL without a base is dropped");
		feed_free(a);
		feed_free(b);
	}
}

static void
test_old_rss(void)
{
	struct feed *f = parse_file("rss091.xml", NULL, NULL, 0);

	ok(f && f->nitems == 2, "rss091: two items");
	if (f) {
		is_str(f->title, "Caf\xc3\xa9 Nachrichten", "rss091: HTML entity in title");
		is_str(f->items[0].title,
		       "Gr\xc3\xbc\xc3\x9f" "e aus M\xc3\xbcnchen \xe2\x80\x93 Teil 1",
		       "rss091: undeclared HTML entities decoded");
		is_str(f->items[1].title, "Stra\xc3\x9f" "enfest in K\xc3\xb6ln",
		       "rss091: latin-1 text");
		is_str(f->items[0].link, "http://cafe.example.net/artikel/1",
		       "rss091: link");
		ok(f->items[0].date_guessed, "rss091: no date");
	}
	feed_free(f);

	f = parse_file("rss090.rdf", NULL, NULL, 0);
	ok(f && f->nitems == 2, "rss090: two items");
	if (f) {
		is_str(f->title, "Old Netscape Channel", "rss090: channel title");
		is_str(f->link, "http://old.example.com/", "rss090: channel link");
		is_str(f->items[1].title, "Second headline", "rss090: title");
		is_str(f->items[1].link, "http://old.example.com/news/2", "rss090: link");
	}
	feed_free(f);

	f = parse_file("rss10.rdf", NULL, NULL, 0);
	ok(f && f->nitems == 2, "rss10: two items");
	if (f) {
		is_str(f->title, "日本の例ニュース", "rss10: title");
		is_str(f->items[0].title, "桜の開花が早まる", "rss10: item title");
		is_str(f->items[0].id, "http://rdf.example.jp/a/1", "rss10: rdf:about id");
		is_str(f->items[0].author, "山田太郎", "rss10: dc:creator");
		is_str(fmt(f->items[0].published), "2024-03-20T00:30:00Z",
		       "rss10: dc:date");
		is_str(f->items[0].content, "<p>本文です。</p>", "rss10: content");
		is_str(fmt(f->items[1].published), "2024-03-21T00:00:00Z",
		       "rss10: date only");
	}
	feed_free(f);
}

static void
test_atom(void)
{
	struct feed *f = parse_file("atom10.xml", "https://blog.example.com/atom.xml",
				    NULL, 0);
	struct feed_item *it;

	ok(f && f->nitems == 2, "atom10: two entries");
	if (!f)
		return;
	is_str(f->title, "Catatan Teknik", "atom10: html title to text");
	is_str(f->link, "https://blog.example.com/", "atom10: alternate link");
	it = &f->items[0];
	is_str(it->title, "Menulis parser yang tahan banting", "atom10: title");
	is_str(it->link, "https://blog.example.com/posts/2024/parser-tahan-banting.html",
	       "atom10: link through two xml:base");
	is_str(it->enclosure, "https://blog.example.com/media/diagram.png",
	       "atom10: enclosure link");
	is_str(it->id, "tag:blog.example.com,2024:post-1", "atom10: id");
	is_str(it->author, "Dewi Lestari", "atom10: author name");
	is_str(fmt(it->published), "2024-04-30T01:00:00Z", "atom10: published");
	is_str(fmt(it->updated), "2024-05-01T09:15:30Z", "atom10: updated");
	is_str(it->summary, "Kapan &lt;tag&gt; boleh muncul &amp; kapan tidak.",
	       "atom10: text summary escaped as HTML");
	ok(it->content && strstr(it->content, "<p>Isi <strong>penting</strong>.</p>") &&
		   !strstr(it->content, "<div"),
	   "atom10: xhtml content without its div");
	it = &f->items[1];
	is_str(it->title, "Catatan kedua", "atom10: escaped markup title");
	is_str(fmt(it->published), "2024-05-01T15:00:00Z",
	       "atom10: updated stands in for published");
	ok(!it->date_guessed, "atom10: not guessed");
	is_str(it->content, "<p>Kedua</p>", "atom10: html content");
	feed_free(f);

	f = parse_file("atom03.xml", NULL, NULL, 0);
	ok(f && f->nitems == 2, "atom03: two entries");
	if (f) {
		is_str(f->title, "Blog Lama", "atom03: title");
		is_str(f->items[0].link,
		       "http://old-blog.example.com/2005/01/entri-pertama", "atom03: link");
		is_str(fmt(f->items[0].published), "2005-01-02T03:00:00Z",
		       "atom03: issued");
		is_str(fmt(f->items[0].updated), "2005-01-02T04:00:00Z",
		       "atom03: modified");
		is_str(f->items[0].content, "<p>Halo dunia</p>", "atom03: escaped mode");
		ok(f->items[1].content == NULL, "atom03: base64 content skipped");
		is_str(f->items[0].author, "Andi", "atom03: author");
	}
	feed_free(f);

	f = parse_file("xmlbase.xml", NULL, NULL, 0);
	ok(f && f->nitems == 3, "xml:base: three entries");
	if (f) {
		is_str(f->link, "http://base.example.com/root/index.html",
		       "xml:base: feed link");
		is_str(f->items[0].link,
		       "http://base.example.com/root/section/article.html",
		       "xml:base: nested relative bases");
		is_str(f->items[1].link, "https://other.example.net/top.html",
		       "xml:base: absolute base");
		ok(f->items[2].link == NULL, "xml:base: javascript: link dropped");
	}
	feed_free(f);
}

static const struct {
	const char *file, *charset, *feed_title, *title0, *title1;
} charsets[] = {
	{"declared-utf8-really-cp1251.xml", NULL, "Новости города",
	 "Мэр открыл новый парк", "Погода: завтра снег и ветер"},
	{"nodecl-latin1.xml", NULL, "Actualités du quartier",
	 "Fête de la musique à Genève", "Élections : résultats définitifs"},
	{"declared-gb2312-really-gbk.xml", NULL, "新闻", "朱镕基访问上海",
	 "天气预报：明天有雨"},
	{"koi8r.xml", NULL, "Новости", "Выборы в городской совет",
	 "Театр открывает сезон"},
	{"shift-jis-cp932.xml", NULL, "ニュース", "①番目の記事です",
	 "東京で雪が降った"},
	{"euc-kr.xml", NULL, "뉴스", "서울에 첫눈이 내렸다", "새 지하철 노선 개통"},
	{"big5.xml", NULL, "新聞", "台北舉辦燈會", "颱風即將登陸"},
	{"tis620.xml", NULL, "ข่าว", "ฝนตกหนักในกรุงเทพ", "ตลาดหุ้นปิดบวก"},
	{"cp1255.xml", NULL, "חדשות", "גשם כבד בתל אביב", "הבחירות נדחו"},
	{"iso8859-7.xml", NULL, "Ειδήσεις", "Σεισμός στην Κρήτη",
	 "Νέο μετρό στην Αθήνα"},
	{"iso8859-9.xml", NULL, "Haberler", "İstanbul’da kar yağışı",
	 "Şehir hatları seferleri iptal"},
	{"utf16-bom.xml", NULL, "Berita", "Gempa di Sulawesi — warga aman",
	 "Harga beras turun"},
	{"declared-cp1252-really-utf8.xml", NULL, "Nachrichten",
	 "Grüße aus Zürich", "Öffnungszeiten geändert"},
	{"http-charset-cp1251.xml", "windows-1251", "Новости",
	 "Правительство ушло в отставку", "Курс рубля упал"},
	/* the HTTP charset wins over the declaration; a wrong one that
	 * would turn valid UTF-8 into mojibake is overruled */
	{"declared-cp1252-really-utf8.xml", "iso-8859-1", "Nachrichten",
	 "Grüße aus Zürich", "Öffnungszeiten geändert"},
};

static void
test_charsets(void)
{
	for (size_t i = 0; i < sizeof(charsets) / sizeof(charsets[0]); i++) {
		struct feed *f = parse_file(charsets[i].file, NULL,
					    charsets[i].charset, 0);

		ok(f && f->nitems == 2, "%s: two items", charsets[i].file);
		if (!f)
			continue;
		is_str(f->title, charsets[i].feed_title, "%s: feed title",
		       charsets[i].file);
		is_str(f->items[0].title, charsets[i].title0, "%s: first title",
		       charsets[i].file);
		is_str(f->items[1].title, charsets[i].title1, "%s: second title",
		       charsets[i].file);
		feed_free(f);
	}
}

static void
test_broken(void)
{
	struct feed *f = parse_file("illformed.xml", NULL, NULL, 0);

	ok(f && f->nitems == 3, "ill-formed: three items recovered");
	if (f) {
		is_str(f->link, "http://broken.example.org/?a=1&b=2",
		       "ill-formed: bare & in a link");
		is_str(f->items[0].title, "Tom & Jerry kembali ke layar",
		       "ill-formed: bare & in a title");
		is_str(f->items[0].link, "http://broken.example.org/tv?id=5&lang=id",
		       "ill-formed: bare & in an item link");
		is_str(f->items[1].title,
		       "Entitas tak dikenal \xe2\x80\xa6 dan &bogus; lainnya",
		       "ill-formed: HTML entities known, unknown kept");
		is_str(f->items[2].title, "Item terakhir terpotong",
		       "ill-formed: truncated item kept");
	}
	feed_free(f);
}

static void
test_hostile(void)
{
	struct err e = {{0}};
	struct feed *f;
	struct buf b;
	size_t len;
	char *s;
	clock_t t0;

	t0 = clock();
	f = parse_file("billion-laughs.xml", NULL, NULL, 0);
	ok((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0,
	   "billion laughs: fast");
	ok(!f || (f->nitems <= 1 && (f->nitems == 0 ||
				     strlen(f->items[0].title) < 4096)),
	   "billion laughs: nothing expanded");
	feed_free(f);

	f = parse_file("xxe.xml", NULL, NULL, 0);
	ok(f != NULL, "external entity: parsed");
	if (f) {
		ok(!strstr(f->title, "XXE-SECRET") &&
			   (!f->nitems || (!strstr(f->items[0].title, "XXE-SECRET") &&
					   !(f->items[0].summary &&
					     strstr(f->items[0].summary, "XXE")))),
		   "external entity: the file is not read");
		is_int(f->nitems, 1, "external entity: item kept");
	}
	feed_free(f);

	/* a 1 MB title is cut */
	buf_init(&b, 0);
	buf_puts(&b, "<rss><channel><title>Big</title><item><title>");
	for (int i = 0; i < 1 << 20; i++)
		buf_putc(&b, i % 7 ? 'x' : ' ');
	buf_puts(&b, "</title><link>http://big.example.org/</link></item>"
		     "</channel></rss>");
	f = feed_parse(b.data, b.len, NULL, NULL, 0, &e);
	ok(f && f->nitems == 1, "1 MB title: parsed");
	ok(f && f->nitems == 1 && strlen(f->items[0].title) <= 2048,
	   "1 MB title: cut to a bounded length");
	feed_free(f);
	buf_free(&b);

	/* many items: max_items bounds them */
	buf_init(&b, 0);
	buf_puts(&b, "<rss><channel><title>Many</title>");
	for (int i = 0; i < 20000; i++)
		buf_printf(&b, "<item><title>n%d</title><guid>g%d</guid></item>",
			   i, i);
	buf_puts(&b, "</channel></rss>");
	f = feed_parse(b.data, b.len, NULL, NULL, 50, &e);
	ok(f && f->nitems == 50, "max_items: 50 kept of 20000");
	if (f)
		is_str(f->items[49].title, "n49", "max_items: the first ones");
	feed_free(f);
	f = feed_parse(b.data, b.len, NULL, NULL, 0, &e);
	ok(f && f->nitems == FEED_MAX_ITEMS, "max_items 0: the default cap");
	feed_free(f);
	buf_free(&b);

	/* truncated in the middle of a tag */
	s = slurp("rss20.xml", &len);
	f = feed_parse(s, len / 2, NULL, NULL, 0, &e);
	ok(f && f->nitems >= 1, "truncated: what is there is kept");
	feed_free(f);
	free(s);

	{
		static const char ctl[] =
			"<rss><channel><title>C</title>"
			"<item><title>a\033b</title></item>"
			"<item><title>c\000d</title></item>"
			"<item><title>e\013f</title></item></channel></rss>";

		f = feed_parse(ctl, sizeof(ctl) - 1, NULL, NULL, 0, &e);
		ok(f && f->nitems == 3, "control bytes and NUL: all items kept");
		if (f && f->nitems == 3)
			is_str(f->items[1].title, "cd", "control bytes dropped");
		feed_free(f);
	}

	f = feed_parse("", 0, NULL, NULL, 0, &e);
	ok(!f && strstr(e.msg, "empty"), "empty input: error");
	f = feed_parse("   \n", 4, NULL, NULL, 0, &e);
	ok(!f, "blank input: error");
	{
		char bin[4096];

		for (size_t i = 0; i < sizeof(bin); i++)
			bin[i] = (char)((i * 7919u + 13u) & 0xff);
		f = feed_parse(bin, sizeof(bin), NULL, NULL, 0, &e);
		ok(!f, "binary input: error (%s)", e.msg);
		feed_free(f);
	}
	f = feed_parse("<html><body><p>hi</p></body></html>", 36, NULL, NULL,
		       0, &e);
	ok(!f && strstr(e.msg, "html"), "an HTML page is not a feed: %s", e.msg);
	f = feed_parse("<rss><channel><title>Empty</title></channel></rss>", 51,
		       NULL, NULL, 0, &e);
	ok(f && f->nitems == 0 && !strcmp(f->title, "Empty"),
	   "a feed without items");
	feed_free(f);
	feed_free(NULL);
}

/* Summaries keep their paragraphs: HTML left unescaped in a description
 * comes back as tags, not as text run together; titles read as text once
 * decoded. */
static void
test_markup_kept(void)
{
	static const char doc[] =
	    "<rss version=\"2.0\"><channel><title>M</title>"
	    "<item><title>Raw</title><guid>1</guid><description>"
	    "<p>after the second world war.</p><p>Giorgia Meloni "
	    "said</p></description></item>"
	    "<item><title>Mixed</title><guid>2</guid><description>"
	    "&lt;b&gt;x&lt;/b&gt; <p class=\"a\">a &lt; b &amp; c<br/>d</p>"
	    "</description></item>"
	    "<item><title>One<br/>Two &amp;amp;amp; &amp;#X41;</title>"
	    "<guid>3</guid></item>"
	    "</channel></rss>";
	struct err e = {{0}};
	struct feed *f = feed_parse(doc, sizeof(doc) - 1, NULL, NULL, 0, &e);

	ok(f && f->nitems == 3, "markup: three items (%s)", e.msg);
	if (!f || f->nitems != 3)
		goto out;
	is_str(f->items[0].summary,
	       "<p>after the second world war.</p><p>Giorgia Meloni said</p>",
	       "unescaped paragraphs stay paragraphs");
	is_str(f->items[1].summary,
	       "<b>x</b> <p class=\"a\">a &lt; b &amp; c<br>d</p>",
	       "escaped HTML and unescaped elements together");
	is_str(f->items[2].title, "One Two &amp; A",
	       "a title: breaks are spaces, references decoded once");
out:
	feed_free(f);
}

/* One rule says feed or page for `warta feed` and for a refresh. The
 * cases marked "was" are bytes the two used to read differently: `warta
 * feed` looked for "<html" and "<rss" anywhere in the first 4096 bytes
 * before parsing, a refresh for "<html" in the first 512 bytes after the
 * feed parser failed. */
static void
test_sniff(void)
{
	static const struct {
		const char *bytes, *type;
		enum feed_kind want;
		const char *what;
	} cases[] = {
	    {"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">", NULL,
	     FEED_KIND_FEED, "an RSS root after the XML declaration"},
	    {"\xef\xbb\xbf \n<!-- made by hand -->\n<!DOCTYPE rss PUBLIC "
	     "\"-//Netscape Communications//DTD RSS 0.91//EN\" \"x\">"
	     "<rss>",
	     NULL, FEED_KIND_FEED, "BOM, comment and RSS doctype skipped"},
	    {"<feed xmlns=\"http://www.w3.org/2005/Atom\">", NULL,
	     FEED_KIND_FEED, "an Atom root"},
	    {"<atom:feed xmlns:atom=\"http://www.w3.org/2005/Atom\">", NULL,
	     FEED_KIND_FEED, "a prefixed Atom root"},
	    {"<rdf:RDF xmlns:rdf=\"x\">", NULL, FEED_KIND_FEED, "an RDF root"},
	    {"Warning: deprecated in x.php\n<?xml version=\"1.0\"?><rss>", NULL,
	     FEED_KIND_FEED, "what a script printed first"},
	    {"<!DOCTYPE html><meta charset=utf-8><title>x</title>", NULL,
	     FEED_KIND_PAGE, "an HTML doctype"},
	    {"<HTML><BODY>", NULL, FEED_KIND_PAGE, "an html root, any case"},
	    {"<div><a href=\"/a\">a</a></div>", NULL, FEED_KIND_UNSURE,
	     "a fragment: unsure"},
	    {"", NULL, FEED_KIND_UNSURE, "nothing: unsure"},
	    {"<?xml version=\"1.0\"?>\n<rss>", "text/html; charset=utf-8",
	     FEED_KIND_FEED, "a feed served as text/html is a feed"},
	    {"<div>x</div>", "text/html", FEED_KIND_PAGE,
	     "text/html and no feed root: a page"},
	    {"<html><body>sorry</body></html>", "application/rss+xml",
	     FEED_KIND_FEED, "a feed's type says feed (and the parse fails)"},
	    {"<html>", "text/xml", FEED_KIND_PAGE,
	     "a generic type: the root decides"},
	    /* was: `warta feed` saw "<rdf:RDF" and read a page as a feed */
	    {"<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\" \"x\">\n"
	     "<html><head><!--\n<rdf:RDF xmlns:rdf=\"x\"><rdf:Description "
	     "trackback:ping=\"/tb/1\"/></rdf:RDF>\n--></head>",
	     NULL, FEED_KIND_PAGE, "was: a page with RDF in a comment"},
	    /* was: a bare channel holding "<html" read as a page there */
	    {"<channel><title>C</title><description><![CDATA[<html><b>x"
	     "</b></html>]]></description>",
	     NULL, FEED_KIND_FEED, "was: a bare channel quoting <html>"},
	};
	struct buf b;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_int(feed_sniff(cases[i].bytes, strlen(cases[i].bytes),
				  cases[i].type),
		       cases[i].want, "sniff: %s", cases[i].what);
	/* was: a refresh looked at 512 bytes, and missed <html> */
	buf_init(&b, 0);
	buf_puts(&b, "<!DOCTYPE html>\n<!--");
	for (int i = 0; i < 60; i++)
		buf_puts(&b, " a long licence comment. ");
	buf_puts(&b, "-->\n<html>");
	is_int(feed_sniff(b.data, b.len, NULL), FEED_KIND_PAGE,
	       "sniff: was: <html> after 1500 bytes of comment");
	buf_reset(&b);
	buf_puts(&b, "<!--");
	for (int i = 0; i < 800; i++)
		buf_puts(&b, " long ");
	buf_puts(&b, "--><rss>");
	is_int(feed_sniff(b.data, b.len, NULL), FEED_KIND_UNSURE,
	       "sniff: past %d bytes it is unsure", FEED_SNIFF_BYTES);
	buf_free(&b);
}

/* feed_parse_auto(): unsure bytes are a feed when they parse as one, a
 * page when they give articles, else the feed parser's error. */
static void
test_parse_auto(void)
{
	static const char frag[] =
	    "<div><a href=\"https://news.example.org/2024/05/01/"
	    "jembatan-baru-dibuka-untuk-pejalan-kaki\">Jembatan baru dibuka "
	    "untuk pejalan kaki di pusat kota</a></div>";
	static const char bare[] =
	    "<channel><title>C</title><item><title>Only</title>"
	    "<guid>1</guid></item></channel>";
	struct err e = {{0}};
	struct feed *f;

	f = feed_parse_auto(frag, sizeof(frag) - 1, "https://news.example.org/",
			    NULL, NULL, "/2024/", 0, &e);
	ok(f && f->nitems == 1, "auto: a fragment with articles is a page");
	feed_free(f);
	f = feed_parse_auto(bare, sizeof(bare) - 1, NULL, NULL, NULL, NULL, 0,
			    &e);
	ok(f && f->nitems == 1 && !strcmp(f->items[0].title, "Only"),
	   "auto: a bare channel is a feed");
	feed_free(f);
	f = feed_parse_auto("<p>no links</p>", 15, NULL, NULL, NULL, NULL, 0,
			    &e);
	ok(!f && strstr(e.msg, "not a feed"),
	   "auto: neither: the feed parser's error (%s)", e.msg);
}

int
main(void)
{
	test_rss20();
	test_old_rss();
	test_atom();
	test_charsets();
	test_broken();
	test_hostile();
	test_markup_kept();
	test_sniff();
	test_parse_auto();
	return tap_done();
}
