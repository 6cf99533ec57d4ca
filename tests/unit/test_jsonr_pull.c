/* test_jsonr_pull.c: the strict JSON reader: events, trees, and errors that say
 * where. */
#include "autoconfig.h"

#include "util/jsonr.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

/* The error of reading s strictly, or "" when it reads. */
static const char *
strict_error(const char *s)
{
	static struct err e;
	struct jsonr_value *v;

	memset(&e, 0, sizeof(e));
	v = jsonr_parse_strict(s, strlen(s), &e);
	if (v) {
		jsonr_free(v);
		return "";
	}
	return e.msg;
}

/* The events of s as one letter each: {}[]KSN tfn, E end, ! error. */
static char *
events(const char *s)
{
	static char out[256];
	struct jsonr_pull j;
	struct err e;
	size_t n = 0;

	jsonr_pull_init(&j, s, strlen(s));
	for (;;) {
		enum jsonr_event ev = jsonr_pull_next(&j, &e);
		static const char map[] = "E{}[]KSNtfn";

		out[n++] = ev == JSONR_EV_ERROR ? '!' : map[ev];
		if (ev <= JSONR_EV_END || n >= sizeof(out) - 1)
			break;
	}
	out[n] = '\0';
	jsonr_pull_free(&j);
	return out;
}

int
main(void)
{
	struct jsonr_value *v;
	struct jsonr_pull j;
	enum jsonr_event ev;
	struct err e = {{0}};
	long long n;
	int items = 0;

	/* the events */
	is_str(events("{\"a\": [1, \"x\", true, false, null], \"b\": {}}"),
	       "{K[NStfn]K{}}E", "events of an object");
	is_str(events(" [ ] "), "[]E", "an empty array");
	is_str(events("\"top\""), "SE", "a string alone");
	is_str(events("-0.5e+3"), "NE", "a number alone");

	/* what the forgiving reader lets pass, the strict one does not, and
	 * says where */
	is_str(strict_error("{\n  \"a\": 1,\n  \"b\": 2 \"c\": 3\n}"),
	       "JSON: expected ',' or '}' at line 3, column 10",
	       "a missing comma: line and column");
	is_str(strict_error("[1, 2,]"),
	       "JSON: expected a value at line 1, column 7",
	       "a trailing comma");
	is_str(strict_error("{'a': 1}"),
	       "JSON: expected a member name (a string) at line 1, column 2",
	       "single quotes");
	is_str(strict_error("{\"a\" 1}"),
	       "JSON: expected ':' at line 1, column 6", "a missing colon");
	is_str(strict_error("[\"a\tb\"]"),
	       "JSON: control character 0x09 in a string at line 1, column 4",
	       "a raw tab in a string");
	is_str(strict_error("[\"a\\qb\"]"),
	       "JSON: invalid escape '\\q' at line 1, column 4",
	       "an unknown escape");
	is_str(strict_error("[\"\\u12\"]"),
	       "JSON: invalid \\u escape at line 1, column 3",
	       "a short \\u escape");
	is_str(strict_error("[01]"),
	       "JSON: expected ',' or ']' at line 1, column 3",
	       "a leading zero ends the number");
	is_str(strict_error("[1.]"), "JSON: invalid number at line 1, column 2",
	       "a number without digits after the point");
	is_str(strict_error("[-]"), "JSON: invalid number at line 1, column 2",
	       "a minus alone");
	is_str(strict_error("[tru]"),
	       "JSON: expected a value at line 1, column 2",
	       "a literal cut short");
	is_str(strict_error("{} x"),
	       "JSON: more text after the value at line 1, column 4",
	       "text after the value");
	is_str(strict_error("{}; "),
	       "JSON: more text after the value at line 1, column 3",
	       "no trailing ';' (the forgiving reader takes it)");
	is_str(strict_error("<!-- {} -->"),
	       "JSON: expected a value at line 1, column 1",
	       "no HTML comment markers");
	is_str(strict_error(""),
	       "JSON: unexpected end of the text at line 1, column 1",
	       "an empty text");
	is_str(strict_error("{\"items\": [{\"id\": 1}, {\"id\""),
	       "JSON: unexpected end of the text at line 1, column 28",
	       "a text cut halfway");
	is_str(strict_error("[\"abc"),
	       "JSON: unterminated string at line 1, column 2",
	       "an unterminated string points at its start");
	is_str(strict_error("[\"\xc3\xa9t\xc3\xa9\", x]"),
	       "JSON: expected a value at line 1, column 9",
	       "columns count characters, not bytes");
	{
		struct buf deep;

		buf_init(&deep, 0);
		for (int i = 0; i < 70; i++)
			buf_putc(&deep, '[');
		is_str(strict_error(deep.data),
		       "JSON: nested deeper than 64 at line 1, column 65",
		       "depth is bounded");
		buf_free(&deep);
	}

	/* strings decode */
	v = jsonr_parse_strict(
	    "{\"s\": \"a\\\"b\\\\c\\/d\\n\\u00e9\\ud83d\\ude00\\u0000\", "
	    "\"bad\": \"x\xff y\", \"n\": -12, \"q\": \"340\", \"t\": true}",
	    strlen(
		"{\"s\": \"a\\\"b\\\\c\\/d\\n\\u00e9\\ud83d\\ude00\\u0000\", "
		"\"bad\": \"x\xff y\", \"n\": -12, \"q\": \"340\", \"t\": "
		"true}"),
	    &e);
	ok(v != NULL, "a tree: %s", v ? "" : e.msg);
	is_str(jsonr_string(jsonr_get(v, "s")),
	       "a\"b\\c/d\n\xc3\xa9\xf0\x9f\x98\x80\xef\xbf\xbd",
	       "escapes, a surrogate pair, and NUL as U+FFFD");
	is_str(jsonr_string(jsonr_get(v, "bad")), "x\xef\xbf\xbd y",
	       "a byte that is not UTF-8 reads as U+FFFD");
	ok(jsonr_int(jsonr_get(v, "n"), &n) == 0 && n == -12, "a number");
	ok(jsonr_int(jsonr_get(v, "q"), &n) == 0 && n == 340,
	   "a number in a string (GReader's timestampUsec)");
	ok(jsonr_int(jsonr_get(v, "s"), &n) < 0, "a string that is no number");
	ok(jsonr_true(jsonr_get(v, "t")), "true");
	jsonr_free(v);

	/* one element at a time: the way sync reads a long item list */
	{
		const char *s =
		    "{\"id\": \"x\", \"items\": [{\"n\": 1, \"deep\": "
		    "{\"a\": [1, 2]}}, {\"n\": 2}, {\"n\": 3}], "
		    "\"continuation\": \"c2\"}";
		char *cont = NULL;

		jsonr_pull_init(&j, s, strlen(s));
		ok(jsonr_pull_next(&j, &e) == JSONR_EV_OBJECT, "an object");
		while ((ev = jsonr_pull_next(&j, &e)) == JSONR_EV_KEY) {
			const char *key = jsonr_pull_text(&j, NULL);

			if (!strcmp(key, "items")) {
				ev = jsonr_pull_next(&j, &e);
				while ((ev = jsonr_pull_next(&j, &e)) !=
					   JSONR_EV_ARRAY_END &&
				       ev != JSONR_EV_ERROR) {
					v = jsonr_pull_value(&j, ev, &e);
					if (v &&
					    jsonr_int(jsonr_get(v, "n"), &n) ==
						0 &&
					    n == items + 1)
						items++;
					jsonr_free(v);
				}
			} else if (!strcmp(key, "continuation")) {
				ev = jsonr_pull_next(&j, &e);
				cont = strdup(jsonr_pull_text(&j, NULL));
			} else {
				ev = jsonr_pull_next(&j, &e);
				jsonr_pull_skip(&j, ev, &e);
			}
		}
		is_int(ev, JSONR_EV_OBJECT_END, "the object ends");
		is_int(jsonr_pull_next(&j, &e), JSONR_EV_END, "then the text");
		is_int(items, 3, "three items, one at a time");
		is_str(cont, "c2", "the continuation after the items");
		free(cont);
		jsonr_pull_free(&j);
	}
	/* skipping a value stops at its end */
	{
		const char *s = "[{\"a\": [[], {\"b\": \"]}\"}]}, 7]";

		jsonr_pull_init(&j, s, strlen(s));
		jsonr_pull_next(&j, &e);
		ev = jsonr_pull_next(&j, &e);
		ok(jsonr_pull_skip(&j, ev, &e) == 0, "skip an object");
		ev = jsonr_pull_next(&j, &e);
		ok(ev == JSONR_EV_NUMBER &&
		       !strcmp(jsonr_pull_text(&j, NULL), "7"),
		   "the next element follows");
		jsonr_pull_free(&j);
	}
	/* the forgiving reader is not changed by any of this */
	v = jsonr_parse("{'a': 1,};", 10, &e);
	ok(v && jsonr_get(v, "a"), "the forgiving reader still forgives");
	jsonr_free(v);
	return tap_done();
}
