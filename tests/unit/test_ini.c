/* test_ini.c: the line-numbered ini reader. */
#include "autoconfig.h"

#include "util/ini.h"

#include "tap.h"

#include <stdlib.h>
#include <string.h>

int
main(void)
{
	static const char text[] = "\xef\xbb\xbf; comment\r\n"
				   "top = level\n"
				   "  [ Keys ]  \n"
				   "\n"
				   "# another\n"
				   "open = ENTER l  \n"
				   "quoted = \"a b\"\n"
				   "empty =\n"
				   "broken\n"
				   "[unclosed\n"
				   "= novalue\n"
				   "last=1";
	struct ini_iter it;

	ini_iter_init(&it, text, sizeof(text) - 1);
	is_int(ini_iter_next(&it), 1, "first entry");
	is_str(it.section, "", "before any section");
	is_str(it.key, "top", "key");
	is_str(it.value, "level", "value");
	is_int(it.line, 2, "line 2");
	is_int(ini_iter_next(&it), 1, "open");
	is_str(it.section, "Keys", "section trimmed");
	is_str(it.value, "ENTER l", "value trimmed");
	is_int(it.line, 6, "line 6");
	is_int(ini_iter_next(&it), 1, "quoted");
	is_str(it.value, "a b", "quotes removed");
	is_int(ini_iter_next(&it), 1, "empty");
	is_str(it.value, "", "empty value");
	is_int(ini_iter_next(&it), -1, "broken line");
	is_int(it.line, 9, "broken on line 9");
	ok(it.error != NULL, "with a reason");
	is_int(ini_iter_next(&it), -1, "unclosed section");
	is_int(ini_iter_next(&it), -1, "empty key");
	is_int(ini_iter_next(&it), 1, "last line without newline");
	is_str(it.key, "last", "last key");
	is_int(ini_iter_next(&it), 0, "end");
	is_int(ini_iter_next(&it), 0, "end again");

	{
		static const char nul[] = "a = b\0c\nx = y\n";

		ini_iter_init(&it, nul, sizeof(nul) - 1);
		is_int(ini_iter_next(&it), -1, "NUL byte refused");
		is_int(ini_iter_next(&it), 1, "next line still read");
	}
	{
		char *big = malloc(INI_MAX_LINE * 2 + 10);

		memset(big, 'k', INI_MAX_LINE * 2);
		big[5] = '=';
		big[INI_MAX_LINE * 2] = '\n';
		ini_iter_init(&it, big, INI_MAX_LINE * 2 + 1);
		is_int(ini_iter_next(&it), -1, "long line refused");
		is_int(ini_iter_next(&it), 0, "then the end");
		free(big);
	}
	{
		static const char strict[] = "[ One ]\n"
					     "a = 'x ; y'\n"
					     "b = plain\n"
					     "c = joined \\\n"
					     "[Two] trailing\n"
					     "   [Three]   \n"
					     "long = 0123456789\n";

		ini_iter_init(&it, strict, sizeof(strict) - 1);
		it.strict = 1;
		it.max_line = 16;
		is_int(ini_iter_next(&it), INI_SECTION, "strict: a section");
		is_str(it.section, "One", "its name");
		is_int(it.section_line, 1, "its line");
		is_int(ini_iter_next(&it), 1, "quoted entry");
		ok(it.quoted && !strcmp(it.value, "x ; y"), "quoted flag");
		is_int(ini_iter_next(&it), 1, "plain entry");
		ok(!it.quoted, "not quoted");
		is_int(ini_iter_next(&it), -1, "a line ending in a backslash");
		is_int(it.line, 4, "on line 4");
		is_int(ini_iter_next(&it), -1, "text after ']'");
		is_int(ini_iter_next(&it), INI_SECTION, "indented section");
		is_str(it.section, "Three", "trimmed");
		is_int(it.section_line, 6, "line 6");
		is_int(ini_iter_next(&it), -1, "longer than max_line");
		ok(it.error && strstr(it.error, "longer than 16"), "says the limit");
		is_int(ini_iter_next(&it), 0, "end");
	}
	{
		/* an indented line keeps its end (regression) */
		static const char ind[] = "[s]\n   key = value\n\t k2 = v2";

		ini_iter_init(&it, ind, sizeof(ind) - 1);
		is_int(ini_iter_next(&it), 1, "indented entry");
		is_str(it.value, "value", "whole value");
		is_int(ini_iter_next(&it), 1, "tab-indented entry");
		is_str(it.value, "v2", "whole value");
		is_int(it.section_line, 1, "section line known without strict");
	}
	{
		size_t len;
		char *s = ini_read_file("/nonexistent/file", 100, &len);

		ok(s == NULL, "missing file");
	}
	return tap_done();
}
