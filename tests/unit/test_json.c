/* test_json.c: the streaming JSON writer: structure, layout and escaping. */
#include "autoconfig.h"

#include "util/json.h"
#include "util/utf8.h"
#include "tap.h"

#include <stdlib.h>

/* Escape s (len bytes) as a JSON string value and return the text. */
static char *
esc(const char *s, size_t len)
{
	struct buf b;
	struct json j;

	buf_init(&b, 0);
	json_init(&j, &b, 0);
	json_string_len(&j, s, len);
	return buf_steal(&b);
}

#define IS_ESC(lit, want, name)                      \
	do {                                         \
		char *g = esc(lit, sizeof(lit) - 1); \
		is_str(g, want, name);               \
		free(g);                             \
	} while (0)

static void
write_sample(struct json *j)
{
	json_begin_object(j);
	json_key(j, "a");
	json_int(j, 1);
	json_key(j, "b");
	json_begin_array(j);
	json_int(j, -2);
	json_bool(j, 1);
	json_bool(j, 0);
	json_null(j);
	json_string(j, NULL);
	json_begin_object(j);
	json_end_object(j);
	json_begin_array(j);
	json_end_array(j);
	json_end_array(j);
	json_key(j, "c");
	json_begin_object(j);
	json_key(j, "d");
	json_string(j, "e");
	json_end_object(j);
	json_end_object(j);
}

int
main(void)
{
	struct buf b;
	struct json j;
	char *s;

	buf_init(&b, 0);
	json_init(&j, &b, 0);
	write_sample(&j);
	is_str(b.data,
	       "{\"a\":1,\"b\":[-2,true,false,null,null,{},[]],\"c\":{\"d\":"
	       "\"e\"}}",
	       "compact layout");
	buf_free(&b);

	json_init(&j, &b, 1);
	write_sample(&j);
	is_str(b.data,
	       "{\n"
	       "  \"a\": 1,\n"
	       "  \"b\": [\n"
	       "    -2,\n"
	       "    true,\n"
	       "    false,\n"
	       "    null,\n"
	       "    null,\n"
	       "    {},\n"
	       "    []\n"
	       "  ],\n"
	       "  \"c\": {\n"
	       "    \"d\": \"e\"\n"
	       "  }\n"
	       "}",
	       "pretty layout");
	buf_free(&b);

	json_init(&j, &b, 0);
	json_begin_array(&j);
	json_int(&j, -9223372036854775807LL - 1);
	json_int(&j, 9223372036854775807LL);
	json_int(&j, 0);
	json_end_array(&j);
	is_str(b.data, "[-9223372036854775808,9223372036854775807,0]",
	       "integer extremes");
	buf_free(&b);

	json_init(&j, &b, 0);
	json_string(&j, "top");
	is_str(b.data, "\"top\"", "a bare top-level value");
	buf_free(&b);

	IS_ESC("plain text", "\"plain text\"", "plain ASCII unchanged");
	IS_ESC("", "\"\"", "empty string");
	IS_ESC("say \"hi\"", "\"say \\\"hi\\\"\"", "quotes escaped");
	IS_ESC("a\\b", "\"a\\\\b\"", "backslash escaped");
	IS_ESC("a/b", "\"a/b\"", "slash left alone");
	IS_ESC("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"", "short escapes");
	IS_ESC("\x01\x1b[31m\x1f", "\"\\u0001\\u001b[31m\\u001f\"",
	       "control characters as \\u00XX");
	IS_ESC("\x7f", "\"\\u007f\"", "DEL escaped");
	IS_ESC("a\0b", "\"a\\u0000b\"", "NUL inside a counted string");
	IS_ESC("caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80",
	       "\"caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80\"",
	       "valid UTF-8 kept as is");
	IS_ESC("a\xe2\x80\xa8"
	       "b\xe2\x80\xa9"
	       "c",
	       "\"a\\u2028b\\u2029c\"", "U+2028 and U+2029 escaped");
	IS_ESC("a\xc2\x9b"
	       "6n\xc2\x85",
	       "\"a\\u009b6n\\u0085\"", "C1 controls escaped");
	IS_ESC("\xe2\x80\xae"
	       "x\xe2\x81\xa7",
	       "\"\\u202ex\\u2067\"", "bidi overrides escaped");
	IS_ESC("\xff", "\"\xef\xbf\xbd\"", "stray byte replaced");
	IS_ESC("a\xc3", "\"a\xef\xbf\xbd\"", "truncated sequence replaced");
	IS_ESC("\xc0\xaf", "\"\xef\xbf\xbd\xef\xbf\xbd\"",
	       "overlong encoding replaced");
	IS_ESC("\xed\xa0\x80", "\"\xef\xbf\xbd\"", "surrogate replaced");
	IS_ESC("\xf4\x90\x80\x80", "\"\xef\xbf\xbd\"",
	       "beyond U+10FFFF replaced");
	IS_ESC("\xe4\xb8", "\"\xef\xbf\xbd\"", "cut-off CJK replaced");
	IS_ESC("\xe4\xb8x", "\"\xef\xbf\xbdx\"",
	       "the byte after a broken sequence kept");
	IS_ESC("\xef\xbf\xbd", "\"\xef\xbf\xbd\"", "a real U+FFFD kept");

	/* Keys are escaped too. */
	json_init(&j, &b, 0);
	json_begin_object(&j);
	json_key(&j, "k\"\n");
	json_string(&j, "v");
	json_end_object(&j);
	is_str(b.data, "{\"k\\\"\\n\":\"v\"}", "keys escaped");
	buf_free(&b);

	/* Deep nesting up to the limit stays well formed. */
	json_init(&j, &b, 0);
	for (int i = 0; i < JSON_MAX_DEPTH; i++) {
		json_begin_array(&j);
		json_int(&j, i);
	}
	for (int i = 0; i < JSON_MAX_DEPTH; i++)
		json_end_array(&j);
	ok(b.len > 0 && b.data[0] == '[' && b.data[b.len - 1] == ']' &&
	       strstr(b.data, "[0,[1,[2,") == b.data,
	   "deep nesting keeps separators");
	buf_free(&b);

	/* Beyond the limit: no crash, brackets balance. */
	json_init(&j, &b, 1);
	for (int i = 0; i < JSON_MAX_DEPTH + 10; i++)
		json_begin_array(&j);
	for (int i = 0; i < JSON_MAX_DEPTH + 10; i++)
		json_end_array(&j);
	{
		int depth = 0, bad = 0;

		for (size_t i = 0; i < b.len; i++) {
			if (b.data[i] == '[')
				depth++;
			else if (b.data[i] == ']' && --depth < 0)
				bad = 1;
		}
		ok(!bad && depth == 0 && j.depth == 0,
		   "nesting beyond the limit balances");
	}
	buf_free(&b);

	/* The writer appends to what the buffer holds. */
	buf_init(&b, 0);
	buf_puts(&b, "x=");
	json_init(&j, &b, 0);
	json_int(&j, 5);
	is_str(b.data, "x=5", "appends to the buffer");
	buf_free(&b);

	/* json_escape alone. */
	buf_init(&b, 0);
	json_escape(&b, "\"\x01", 2);
	is_str(b.data, "\\\"\\u0001", "json_escape writes no quotes");
	buf_free(&b);

	/* Every byte value in every position: output is valid UTF-8 and holds
	 * no raw control character. */
	{
		char in[3];
		int bad = 0;

		for (int a = 0; a < 256 && !bad; a++)
			for (int c = 0; c < 256 && !bad; c++) {
				in[0] = (char)a;
				in[1] = (char)c;
				in[2] = (char)0x80;
				s = esc(in, 3);
				for (size_t i = 0; s[i]; i++)
					if ((unsigned char)s[i] < 0x20 ||
					    (unsigned char)s[i] == 0x7f)
						bad = 1;
				if (!utf8_valid(s, strlen(s)))
					bad = 1;
				free(s);
			}
		ok(!bad, "all byte pairs escape to clean UTF-8");
	}
	return tap_done();
}
