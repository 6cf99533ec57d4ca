/* test_opml.c: OPML parsing (folders, categories, bounds) and export escaping. */
#include "autoconfig.h"

#include "cli/cli_opml.h"
#include "config/config.h"
#include "feed/opml.h"
#include "tap.h"
#include "util/buf.h"
#include "util/str.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char sample[] =
	"<?xml version=\"1.0\"?>\n"
	"<opml version=\"1.0\"><head/><body>\n"
	" <outline text=\"Top\" xmlUrl=\"https://top.example/rss\"/>\n"
	" <outline title=\"Folder A\">\n"
	"  <outline text=\"Inner\" xmlurl=\"https://inner.example/rss\"\n"
	"           category=\"/x/Deep,Flat\"/>\n"
	"  <outline text=\"Sub\"><outline text=\"Leaf\"\n"
	"     xmlUrl=\"http://leaf.example/\"/></outline>\n"
	" </outline>\n"
	" <outline text=\"Page\" type=\"link\" url=\"https://page.example/\"/>\n"
	" <outline text=\"Empty folder\"/>\n"
	"</body></opml>\n";

static void
test_parse(void)
{
	struct opml o;
	struct err e = {""};

	is_int(opml_parse(sample, strlen(sample), &o, &e), 0, "parses");
	is_int(o.n, 4, "four feeds");
	if (o.n == 4) {
		is_str(o.feeds[0].title, "Top", "title from text");
		is_int(o.feeds[0].ntags, 0, "top level: no tags");
		is_str(o.feeds[1].url, "https://inner.example/rss",
		       "xmlurl in lower case");
		ok(o.feeds[1].ntags == 3 &&
			   !strcmp(o.feeds[1].tags[0], "Folder A") &&
			   !strcmp(o.feeds[1].tags[1], "Deep") &&
			   !strcmp(o.feeds[1].tags[2], "Flat"),
		   "folder and categories become tags");
		ok(o.feeds[2].ntags == 2 &&
			   !strcmp(o.feeds[2].tags[1], "Sub"),
		   "nested folders: every level");
		is_str(o.feeds[3].type, "page", "type=link is a page");
	}
	opml_free(&o);

	ok(opml_parse("<html><body/></html>", 20, &o, &e) < 0 &&
		   strstr(e.msg, "not OPML"),
	   "not OPML: %s", e.msg);
	opml_free(&o);
	ok(opml_parse("", 0, &o, &e) < 0, "empty input");
	opml_free(&o);
	{
		/* entities are never expanded: no billion laughs */
		const char *bomb =
			"<?xml version=\"1.0\"?><!DOCTYPE o [<!ENTITY a "
			"\"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">"
			"<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
			"<opml><body><outline text=\"&c;\" "
			"xmlUrl=\"https://x.example/\"/></body></opml>";

		ok(opml_parse(bomb, strlen(bomb), &o, &e) < 0 &&
			   strstr(e.msg, "entities"),
		   "entity declarations refused: %s", e.msg);
		opml_free(&o);
	}
}

static void
test_to_ini_and_export(void)
{
	struct config c;
	struct opml o;
	struct err e;
	struct buf b;
	size_t skipped = 0, n;
	char *x;
	const char *odd =
		"<opml><body>"
		"<outline text=\"A [b]: c; #d = e\" xmlUrl=\"https://a.example/\"/>"
		"<outline text=\"\" xmlUrl=\"https://noname.example/f\"/>"
		"<outline text=\"general\" xmlUrl=\"https://g.example/\"/>"
		"<outline text=\"Q\" xmlUrl=\"https://q.example/?a=&quot;1&quot;\"/>"
		"</body></opml>";

	config_init(&c);
	opml_parse(odd, strlen(odd), &o, &e);
	buf_init(&b, 0);
	n = cli_opml_to_ini(&o, &c, &b, &skipped);
	is_int(n, 3, "three sections");
	is_int(skipped, 1, "a URL with a quote is skipped");
	ok(b.data && strstr(b.data, "[A  b   c   d   e]") == NULL &&
		   strstr(b.data, "[A b c d e]\n"),
	   "names without brackets, colons, ; # =");
	ok(b.data && strstr(b.data, "[noname.example]"),
	   "no title: the host");
	ok(b.data && strstr(b.data, "[general (2)]"), "reserved names avoided");
	buf_free(&b);
	opml_free(&o);
	config_free(&c);

	/* a folder name ending in a backslash must not make the tags line
	 * continue onto the next (found by fuzzing) */
	config_init(&c);
	opml_parse("<opml><body><outline text=\"Pagi\\\">"
		   "<outline text=\"F\" xmlUrl=\"https://f.example/\"/>"
		   "</outline></body></opml>",
		   strlen("<opml><body><outline text=\"Pagi\\\">"
			  "<outline text=\"F\" xmlUrl=\"https://f.example/\"/>"
			  "</outline></body></opml>"),
		   &o, &e);
	buf_init(&b, 0);
	cli_opml_to_ini(&o, &c, &b, &skipped);
	ok(b.data && strstr(b.data, "tags = Pagi\n"),
	   "a backslash leaves the tag");
	buf_free(&b);
	opml_free(&o);
	config_free(&c);

	/* sixteen long tags, of broken bytes that each become a 3-byte
	 * U+FFFD: the sections written must still load (found by
	 * fuzzing: a tags line past the loader's line limit) */
	{
		struct buf in;
		char path[] = "/tmp/warta-test-opml.XXXXXX";
		int fd;
		struct config back;

		buf_init(&in, 0);
		buf_puts(&in, "<opml><body><outline text=\"Lone\" "
			      "xmlUrl=\"https://lone.example/\" category=\"");
		for (int t = 0; t < 16; t++) {
			buf_printf(&in, "%s/t%d ", t ? "," : "", t);
			for (int k = 0; k < 120; k++)
				buf_putc(&in, (char)0xff);
		}
		buf_puts(&in, "\"/></body></opml>");
		config_init(&c);
		ok(opml_parse(in.data, in.len, &o, &e) == 0 && o.n == 1,
		   "long broken tags parse (%s)", e.msg);
		buf_init(&b, 0);
		cli_opml_to_ini(&o, &c, &b, &skipped);
		fd = mkstemp(path);
		ok(fd >= 0 && write(fd, b.data, b.len) == (ssize_t)b.len,
		   "written");
		if (fd >= 0)
			close(fd);
		config_init(&back);
		ok(config_load(path, &back, &e) == 0 && back.nsources == 1 &&
			   back.sources[0].ntags == 16,
		   "what import writes loads, every tag kept, cut (%s)",
		   back.nerrors ? back.errors[0] : "");
		config_free(&back);
		unlink(path);
		buf_free(&b);
		buf_free(&in);
		opml_free(&o);
		config_free(&c);
	}

	config_init(&c);
	c.sources = xcalloc(1, sizeof(*c.sources));
	c.nsources = 1;
	c.sources[0].name = xstrdup("Tom & Jerry <\"News\">");
	c.sources[0].url = xstrdup("https://t.example/?a=1&b=2");
	c.sources[0].type = xstrdup("auto");
	x = cli_opml_export(&c, NULL, 0);
	ok(strstr(x, "text=\"Tom &amp; Jerry &lt;&quot;News&quot;&gt;\"") != NULL,
	   "export escapes names");
	ok(strstr(x, "xmlUrl=\"https://t.example/?a=1&amp;b=2\"") != NULL,
	   "export escapes URLs");
	opml_parse(x, strlen(x), &o, &e);
	ok(o.n == 1 && !strcmp(o.feeds[0].title, "Tom & Jerry <\"News\">"),
	   "round trip");
	opml_free(&o);
	free(x);
	config_free(&c);

	/* a section name with control bytes and invalid UTF-8 (found by
	 * fuzzing) still exports as well-formed XML */
	config_init(&c);
	c.sources = xcalloc(1, sizeof(*c.sources));
	c.nsources = 1;
	/* U+FFFF is valid UTF-8 but no XML character (also a fuzz find) */
	c.sources[0].name = xstrdup("[-max-\377ite\001\004ms\357\277\277]");
	c.sources[0].url = xstrdup("http://x.example/\002");
	c.sources[0].type = xstrdup("auto");
	c.sources[0].tags = xcalloc(1, sizeof(char *));
	c.sources[0].tags[0] = xstrdup("t\033ag");
	c.sources[0].ntags = 1;
	x = cli_opml_export(&c, NULL, 0);
	ok(opml_parse(x, strlen(x), &o, &e) == 0 && o.n == 1,
	   "control bytes and invalid UTF-8 export well-formed (%s)", e.msg);
	opml_free(&o);
	free(x);
	config_free(&c);
}

int
main(void)
{
	test_parse();
	test_to_ini_and_export();
	return tap_done();
}
