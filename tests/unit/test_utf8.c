/* test_utf8.c: decoding, display width and the terminal sanitiser. */
#include "autoconfig.h"

#include "tap.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

static void
check_sanitize(const char *in, size_t len, unsigned flags, const char *want,
	       const char *name)
{
	char *s = utf8_sanitize(in, len, flags);

	is_str(s, want, "sanitize: %s", name);
	free(s);
}

int
main(void)
{
	uint32_t cp;

	is_int(utf8_decode("A", 1, &cp), 1, "ascii length");
	is_int(cp, 'A', "ascii value");
	is_int(utf8_decode("\xc3\xa9", 2, &cp), 2, "2-byte length");
	is_int(cp, 0xe9, "2-byte value");
	is_int(utf8_decode("\xe4\xb8\xad", 3, &cp), 3, "3-byte length");
	is_int(cp, 0x4e2d, "3-byte value");
	is_int(utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4, "4-byte length");
	is_int(cp, 0x1f600, "4-byte value");
	utf8_decode("\xc0\xaf", 2, &cp);
	is_int(cp, UTF8_REPLACEMENT, "overlong is replaced");
	utf8_decode("\xed\xa0\x80", 3, &cp);
	is_int(cp, UTF8_REPLACEMENT, "surrogate is replaced");
	is_int(utf8_decode("\xe4\xb8", 2, &cp), 2, "truncated consumes what is there");
	is_int(cp, UTF8_REPLACEMENT, "truncated is replaced");
	is_int(utf8_decode("\xff", 1, &cp), 1, "0xff consumes one");

	ok(utf8_valid("héllo", strlen("héllo")), "valid");
	ok(!utf8_valid("h\xffllo", 5), "invalid byte");
	ok(!utf8_valid("a\0b", 3), "NUL is not valid text");

	is_int(utf8_width("abc", 3), 3, "ascii width");
	is_int(utf8_width("中文", strlen("中文")), 4, "CJK is two columns each");
	is_int(utf8_width("한국어", strlen("한국어")), 6, "Hangul is wide");
	is_int(utf8_width("e\xcc\x81", 3), 1, "combining acute adds nothing");
	is_int(utf8_width("\xf0\x9f\x98\x80", 4), 2, "emoji is wide");
	{
		char cut[] = "kopi \xe2\x98\x95 pagi";

		utf8_cut(cut, 7); /* inside the three bytes of U+2615 */
		is_str(cut, "kopi ", "cut: never inside a character");
		utf8_cut(cut, 64);
		is_str(cut, "kopi ", "cut: a short string stays");
		utf8_cut(cut, 2);
		is_str(cut, "ko", "cut: at a boundary exactly");
	}
	is_int(utf8_width("ｱ", strlen("ｱ")), 1, "halfwidth katakana is narrow");
	is_int(utf8_width("ｶﾀｶﾅＡ", strlen("ｶﾀｶﾅＡ")), 6, "fullwidth A is wide");
	is_int(utf8_width("\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d", 8), 4,
	       "Hebrew is narrow");

	check_sanitize("plain", 5, 0, "plain", "plain text untouched");
	check_sanitize("a\x1b[31mred", 9, 0, "a^[[31mred", "ESC made visible");
	check_sanitize("\x1b]52;c;SGVsbG8=\x07", 16, 0, "^[]52;c;SGVsbG8=^G",
		       "OSC 52 made visible");
	check_sanitize("a\xc2\x9b" "31m", 6, 0, "a\xef\xbf\xbd" "31m",
		       "C1 CSI replaced");
	check_sanitize("x\by\x7f", 4, 0, "x^Hy^?", "backspace and DEL");
	check_sanitize("\xe2\x80\xae" "evil", 7, 0, "\xef\xbf\xbd" "evil",
		       "bidi override replaced");
	check_sanitize("a\nb\tc", 5, 0, "a b c", "newline and tab flattened");
	check_sanitize("a\r\nb\tc", 6, UTF8_KEEP_NEWLINES | UTF8_KEEP_TABS,
		       "a\nb\tc", "newlines and tabs kept on request");
	check_sanitize("bad\xff\xfe", 5, 0, "bad\xef\xbf\xbd\xef\xbf\xbd",
		       "invalid bytes replaced");
	check_sanitize("a\0b", 3, 0, "a^@b", "NUL made visible");
	check_sanitize("a\xef\xbf\xbf" "b\xef\xbf\xbe", 8, 0,
		       "a\xef\xbf\xbd" "b\xef\xbf\xbd",
		       "U+FFFF and U+FFFE (not XML characters) replaced");
	check_sanitize("\xef\xb7\x90" "x\xf4\x8f\xbf\xbf", 8, 0,
		       "\xef\xbf\xbd" "x\xef\xbf\xbd",
		       "other noncharacters replaced");
	check_sanitize("\xef\xbf\xbc", 3, 0, "\xef\xbf\xbc",
		       "U+FFFC, a character, kept");
	/* U+0301 COMBINING ACUTE ACCENT: "\xcc\x81" */
#define ACUTE4 "\xcc\x81\xcc\x81\xcc\x81\xcc\x81"
	check_sanitize("Z" ACUTE4 ACUTE4 "z", 18, UTF8_CAP_MARKS,
		       "Z" ACUTE4 "z",
		       "cap marks: four marks kept after a character, no more");
	check_sanitize("Z" ACUTE4 ACUTE4 "z", 18, 0, "Z" ACUTE4 ACUTE4 "z",
		       "cap marks: only on request");
	check_sanitize("\xd0\x96" ACUTE4 "\xcc\x81\xd0\x96" ACUTE4, 22,
		       UTF8_CAP_MARKS, "\xd0\x96" ACUTE4 "\xd0\x96" ACUTE4,
		       "cap marks: each character has its own four");
	check_sanitize("\xe1\xba\xa1\xcc\x80 e\xcc\x81", 9, UTF8_CAP_MARKS,
		       "\xe1\xba\xa1\xcc\x80 e\xcc\x81",
		       "cap marks: Vietnamese and French accents untouched");
	check_sanitize(ACUTE4 "\xcc\x81\x1b", 11, UTF8_CAP_MARKS, ACUTE4 "^[",
		       "cap marks: a run at the start, then a control");
	/* man, ZWJ, woman, ZWJ, girl: each ZWJ between two emoji */
	check_sanitize("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9"
		       "\xe2\x80\x8d\xf0\x9f\x91\xa7",
		       18, UTF8_CAP_MARKS,
		       "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9"
		       "\xe2\x80\x8d\xf0\x9f\x91\xa7",
		       "cap marks: an emoji sequence untouched");
#undef ACUTE4
	return tap_done();
}
