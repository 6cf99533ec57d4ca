/* test_str.c: string helpers and aborting allocators. */
#include "autoconfig.h"

#include "tap.h"
#include "util/str.h"

#include <stdlib.h>
#include <string.h>

int
main(void)
{
	char t[] = "  \t hello world \n";
	char *s;
	long v;

	is_str(str_trim(t), "hello world", "trim both ends");
	const char *ws = " a \n\n b\xc2\xa0\xc2\xa0" "c  ";

	s = str_squeeze(ws, strlen(ws));
	is_str(s, "a b c", "squeeze collapses white space and NBSP");
	free(s);
	ok(str_starts_with("foobar", "foo"), "starts_with");
	ok(!str_starts_with("fo", "foo"), "starts_with shorter");
	ok(str_istarts_with("FooBar", "foob"), "istarts_with");
	ok(str_casecmp("ABC", "abc") == 0, "casecmp equal");
	ok(str_casecmp("abd", "abc") > 0, "casecmp order");
	ok(str_ncasecmp("HELLOx", "helloy", 5) == 0, "ncasecmp prefix");
	is_str(str_casestr("Read ALSO: x", "also"), "ALSO: x", "casestr");
	ok(str_casestr("abc", "abd") == NULL, "casestr miss");
	s = xasprintf("%s-%03d", "n", 7);
	is_str(s, "n-007", "xasprintf");
	free(s);
	s = xstrndup("abcdef", 3);
	is_str(s, "abc", "xstrndup");
	free(s);
	ok(str_to_long(" 42 ", 0, 100, &v) == 0 && v == 42, "to_long");
	ok(str_to_long("many", 0, 100, &v) == -1, "to_long rejects words");
	ok(str_to_long("101", 0, 100, &v) == -1, "to_long range");
	ok(str_to_long("", 0, 100, &v) == -1, "to_long empty");
	ok(str_to_long("99999999999999999999999", 0, 100, &v) == -1,
	   "to_long overflow");
	is_int(str_edit_distance("colours", "colors", 2), 1,
	       "edit distance: a letter more");
	is_int(str_edit_distance("KEY", "keys", 2), 1,
	       "edit distance: case ignored");
	is_int(str_edit_distance("gneeral", "general", 2), 1,
	       "edit distance: two letters swapped are one edit");
	is_int(str_edit_distance("sync", "sync", 2), 0, "edit distance: same");
	is_int(str_edit_distance("Kompas", "colors", 2), 3,
	       "edit distance: more than max is max + 1");
	is_int(str_edit_distance("", "abc", 5), 3, "edit distance: empty");
	{
		char g[32];

		is_str(str_group_thousands(0, g), "0", "group: 0");
		is_str(str_group_thousands(999, g), "999", "group: 999");
		is_str(str_group_thousands(1203, g), "1 203", "group: 1 203");
		is_str(str_group_thousands(1000000, g), "1 000 000",
		       "group: a million");
	}
	return tap_done();
}
