/* test_doc_export.c: JSON, markdown and HTML output of a doc. */
#include "autoconfig.h"

#include "doc/doc.h"
#include "docs.h"
#include "tap.h"
#include "util/utf8.h"

#include <stdlib.h>

#define HAS(hay, needle, ...) ok(strstr(hay, needle) != NULL, __VA_ARGS__)
#define LACKS(hay, needle, ...) ok(strstr(hay, needle) == NULL, __VA_ARGS__)

static int
no_raw_controls(const char *s)
{
	for (; *s; s++)
		if (((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t') ||
		    *s == 0x7f)
			return 0;
	return 1;
}

static void
test_json(void)
{
	struct doc *d = rich_doc();
	char *s = doc_to_json(d);
	struct doc *e = doc_new();

	HAS(s, "\"url\": \"https://news.example/2024/05/river\"", "json url");
	HAS(s, "\"title\": \"The river <rises> & \\\"floods\\\"\"",
	    "json title escaped");
	HAS(s, "\"next_page\": null", "absent field is null");
	HAS(s, "\"description\": \"Water levels \\u001b[31mrose\\u001b[0m.\"",
	    "ESC escaped in JSON");
	HAS(s, "\"kind\": \"heading\",\n      \"level\": 2", "heading level");
	HAS(s,
	    "\"kind\": \"list_item\",\n      \"level\": 2,\n      \"number\": "
	    "1",
	    "list level and number");
	HAS(s, "\"quote\": 1", "quote depth");
	HAS(s,
	    "\"text\": \"rose\",\n          \"href\": null,\n          "
	    "\"style\": [\n            \"em\"\n          ]",
	    "run with style");
	HAS(s, "\"href\": \"https://agency.example/report?a=1&b=2\"",
	    "run href");
	HAS(s, "\"src\": \"https://news.example/img/bridge.jpg\"",
	    "figure src");
	HAS(s, "\"cell\": 1", "table cell");
	HAS(s, "\"author\": \"Budi\"", "comment author");
	HAS(s, "\"author\": null", "anonymous comment");
	HAS(s, "\"text\": \"So high!\\n\\nStay safe.\"", "comment text");
	HAS(s, "\"text\": \"Morning\\n\\nThe water rose", "body text field");
	ok(no_raw_controls(s), "json holds no raw control characters");
	ok(s[strlen(s) - 1] == '\n' && s[0] == '{', "one object and newline");
	free(s);
	s = doc_to_json(e);
	is_str(s,
	       "{\n  \"url\": null,\n  \"title\": null,\n  \"byline\": null,\n"
	       "  \"published\": null,\n  \"site\": null,\n  \"lang\": null,\n"
	       "  \"image\": null,\n  \"description\": null,\n"
	       "  \"next_page\": null,\n  \"text\": \"\",\n  \"blocks\": [],\n"
	       "  \"comments\": []\n}\n",
	       "json of an empty doc");
	free(s);
	doc_free(e);
	doc_free(d);
}

static void
test_markdown(void)
{
	struct doc *d = rich_doc();
	char *s = doc_to_markdown(d, 1);

	HAS(s, "# The river \\<rises\\> \\& \"floods\"\n\n", "md title");
	HAS(s, "*Sari Dewi · 2024-05-01T08:13:00+07:00 · Example News*",
	    "md meta line");
	HAS(s, "<https://news.example/2024/05/river>\n", "md url");
	HAS(s, "## Morning\n\n", "md heading");
	HAS(s,
	    "The water *rose* by **two metres** says the "
	    "[agency](https://agency.example/report?a=1&b=2); see evil "
	    "and `` `x` ``.\\\nNew line.\n",
	    "md inline styles, links, unsafe link dropped");
	HAS(s, "- first\n    1. inner one\n    2. inner two\n- second\n",
	    "md nested list");
	HAS(s, "\n> A quoted line.\n", "md quote");
	HAS(s, "```\nint main(void)\n{\n\treturn 0; /* <ok> */\n}\n```\n",
	    "md code fenced, unescaped");
	HAS(s, "| City | Level |\n| --- | --- |\n| Jakarta | 3 m |\n",
	    "md table");
	HAS(s,
	    "![The bridge](https://news.example/img/bridge.jpg)\\\n"
	    "*The bridge at dawn.*\n",
	    "md figure");
	HAS(s, "\n* * *\n", "md rule");
	HAS(s,
	    "## Comments (2)\n\n**Budi** · 2024-05-01T09:00:00Z\n\nSo "
	    "high!\n\nStay safe.\n",
	    "md comment");
	HAS(s, "> **Anonymous**\n>\n> Reply ^[\\]0;owned^G here\n",
	    "md reply quoted, OSC neutralised");
	ok(no_raw_controls(s), "md holds no raw control characters");
	free(s);
	s = doc_to_markdown(d, 0);
	LACKS(s, "Comments", "md without comments");
	free(s);
	doc_free(d);

	d = doc_new();
	{
		struct doc_block *b = doc_add_block(d, DOC_PARAGRAPH);

		add_text(b, "# not a heading\n- not a list\n2024. not a list",
			 0, NULL, 0);
		b = doc_add_block(d, DOC_CODE);
		add_text(b, "a ``` b", 0, NULL, 0);
	}
	{
		struct doc_block *b = doc_add_block(d, DOC_TABLE_ROW);

		add_text(b, "a|b", 0, NULL, 0);
		add_text(b, "c", 0, NULL, 2);
		b = doc_add_block(d, DOC_TABLE_ROW);
		add_text(b, "x", 0, "https://t.example/", 1);
	}
	s = doc_to_markdown(d, 0);
	ok(strstr(s, "\n| a\\|b |  | c |\n| --- | --- | --- |\n"
		     "|  | [x](https://t.example/) |  |\n") != NULL,
	   "md table: pipes escaped, missing cells kept empty:\n%s", s);
	free(s);
	doc_remove_block(d, 2);
	doc_remove_block(d, 2);
	s = doc_to_markdown(d, 0);
	is_str(s,
	       "\\# not a heading\\\n\\- not a list\\\n2024\\. not a list\n\n"
	       "````\na ``` b\n````\n",
	       "md escapes line starts, longer fence");
	free(s);
	doc_free(d);
}

static void
test_html(void)
{
	struct doc *d = rich_doc();
	char *s = doc_to_html(d, 1);

	ok(!strncmp(s, "<!DOCTYPE html>\n<html lang=\"id\">", 31),
	   "html doctype and lang");
	HAS(s,
	    "<title>The river &lt;rises&gt; &amp; &quot;floods&quot;</title>",
	    "html title escaped");
	HAS(s,
	    "<a href=\"https://agency.example/report?a=1&amp;b=2\">agency</a>",
	    "html link escaped");
	LACKS(s, "javascript:", "html drops non-http links");
	HAS(s, "<em>rose</em>", "html em");
	HAS(s, "<code>`x`</code>", "html code");
	HAS(s, ".<br>\nNew line.", "html line break");
	HAS(s,
	    "<ul>\n<li>first<ol>\n<li>inner one</li>\n<li>inner two</li>\n"
	    "</ol>\n</li>\n<li>second</li>\n</ul>\n",
	    "html nested lists");
	HAS(s, "<blockquote>\n<p>A quoted line.</p>\n</blockquote>\n",
	    "html quote");
	HAS(s,
	    "<pre><code>int main(void)\n{\n\treturn 0; /* &lt;ok&gt; */\n}"
	    "</code></pre>",
	    "html code block keeps newlines");
	HAS(s,
	    "<tr><th>City</th><th>Level</th></tr>\n"
	    "<tr><td>Jakarta</td><td>3 m</td></tr>",
	    "html table");
	HAS(s,
	    "<img src=\"https://news.example/img/bridge.jpg\" alt=\"The "
	    "bridge\">"
	    "<figcaption>The bridge at dawn.</figcaption>",
	    "html figure");
	HAS(s, "Reply \xef\xbf\xbd]0;owned\xef\xbf\xbd here",
	    "html controls replaced");
	HAS(s, "<h2>Comments (2)</h2>", "html comments");
	ok(no_raw_controls(s), "html holds no raw control characters");
	ok(utf8_valid(s, strlen(s)), "html is valid UTF-8");
	free(s);
	s = doc_to_html(d, 0);
	LACKS(s, "Comments", "html without comments");
	free(s);
	doc_set(&d->meta.lang, "en\" onload=\"x");
	s = doc_to_html(d, 0);
	LACKS(s, "onload", "bad lang dropped");
	free(s);
	doc_free(d);
}

int
main(void)
{
	test_json();
	test_markdown();
	test_html();
	return tap_done();
}
