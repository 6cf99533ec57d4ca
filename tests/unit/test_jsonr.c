/* test_jsonr.c: the forgiving JSON reader used for JSON-LD. */
#include "autoconfig.h"

#include "util/jsonr.h"
#include "tap.h"

#include <string.h>

#include "util/buf.h"

int
main(void)
{
	struct err e = {{0}};
	struct jsonr_value *v;
	const char *s;
	struct buf b;
	int i;

	s = "{\"@type\":\"NewsArticle\",\"headline\":\"A \\\"b\\\" "
	    "\\u00e9\\ud83d\\ude00\","
	    "\"n\":[1,2.5,true,null,],}";
	v = jsonr_parse(s, strlen(s), &e);
	ok(v != NULL, "parses with trailing commas");
	is_str(jsonr_string(jsonr_get(v, "@type")), "NewsArticle", "member");
	is_str(jsonr_string(jsonr_get(v, "headline")),
	       "A \"b\" \xc3\xa9\xf0\x9f\x98\x80", "escapes and surrogates");
	is_int(jsonr_get(v, "n")->n, 4, "array length");
	is_str(jsonr_get(v, "n")->items[1].str, "2.5", "number text");
	ok(jsonr_get(v, "missing") == NULL, "missing member");
	jsonr_free(v);

	s = "<!-- {\"a\":\"line\nbreak\"}; -->";
	v = jsonr_parse(s, strlen(s), &e);
	ok(v != NULL, "comment markers, raw newline, trailing ';'");
	jsonr_free(v);

	s = "<![CDATA[ {\"a\":1} ]]>";
	v = jsonr_parse(s, strlen(s), &e);
	ok(v != NULL, "CDATA markers");
	jsonr_free(v);

	s = "{\"a\": }";
	ok(jsonr_parse(s, strlen(s), &e) == NULL, "broken JSON is an error");
	s = "{\"a\": \"b\"";
	ok(jsonr_parse(s, strlen(s), &e) == NULL, "truncated JSON is an error");

	buf_init(&b, 0);
	for (i = 0; i < 100000; i++)
		buf_putc(&b, '[');
	ok(jsonr_parse(b.data, b.len, &e) == NULL, "deep nesting is refused");
	ok(strstr(e.msg, "deep") != NULL, "... saying why");
	buf_free(&b);
	return tap_done();
}
