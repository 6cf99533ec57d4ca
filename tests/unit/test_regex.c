/* test_regex.c: ordinary patterns compile, explosive ones are refused. */
#include "autoconfig.h"

#include "tap.h"
#include "util/regex.h"
#include "util/str.h"

#include <stdlib.h>
#include <string.h>

/* Patterns a user might well write for a front page's article links. */
static const char *const good[] = {
    "/read/[0-9]{4}/[0-9]{2}/[0-9]{2}/",
    "^https?://[^/]+/(news|sport)/[a-z0-9-]+-[0-9]+$",
    "[]a]+x|[^]b]*y",
    "a+b+c+d+e+f+g+h+i+j+k+l+m+",
    "(ab){100}",
};

/* Patterns that would make regcomp build an enormous automaton (or take
 * very long), each refused by a different rule. */
static const char *const bad[] = {
    "/[0-9]{2}+++++++++++++++++/",
    "a**",
    "(a{100}){300}",
    "((((((((((((((((((((x+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)",
    "x{30000}",
};

int
main(void)
{
	struct err e = {{0}};
	regex_t re;
	char *deep, *longest;

	for (size_t k = 0; k < sizeof(good) / sizeof(*good); k++) {
		int rc = regex_compile_bounded(&re, good[k], &e);

		ok(rc == 0, "compiles: %s", good[k]);
		if (rc == 0)
			regfree(&re);
	}
	for (size_t k = 0; k < sizeof(bad) / sizeof(*bad); k++)
		ok(regex_compile_bounded(&re, bad[k], &e) < 0,
		   "refused: %s (%s)", bad[k], e.msg);

	/* what compiles matches as an extended expression would */
	if (regex_compile_bounded(&re, "/[0-9]{4}/[0-9]{2}/", &e) == 0) {
		ok(regexec(&re, "https://x.example/2024/05/kopi", 0, NULL, 0) ==
		       0,
		   "a compiled pattern matches");
		ok(regexec(&re, "https://x.example/tag/kopi", 0, NULL, 0) != 0,
		   "and fails where it should");
		regfree(&re);
	} else {
		ok(0, "a compiled pattern matches");
		ok(0, "and fails where it should");
	}

	/* a syntax error says what regcomp said */
	e.msg[0] = '\0';
	ok(regex_compile_bounded(&re, "([a-z", &e) < 0 && e.msg[0],
	   "a broken pattern is an error with a message (%s)", e.msg);

	/* the limits themselves: the longest pattern passes, one byte more
	 * does not; nesting as deep as allowed passes, one more does not */
	longest = xmalloc(REGEX_MAX_LEN + 2);
	memset(longest, 'a', REGEX_MAX_LEN + 1);
	longest[REGEX_MAX_LEN] = '\0';
	ok(regex_compile_bounded(&re, longest, &e) == 0,
	   "a pattern of REGEX_MAX_LEN bytes compiles");
	regfree(&re);
	longest[REGEX_MAX_LEN] = 'a';
	longest[REGEX_MAX_LEN + 1] = '\0';
	ok(regex_compile_bounded(&re, longest, &e) < 0 &&
	       strstr(e.msg, "longer than"),
	   "one byte more is refused (%s)", e.msg);
	free(longest);

	deep = xmalloc(2 * (REGEX_MAX_DEPTH + 1) + 2);
	for (int d = REGEX_MAX_DEPTH; d <= REGEX_MAX_DEPTH + 1; d++) {
		size_t n = 0;
		int rc;

		for (int i = 0; i < d; i++)
			deep[n++] = '(';
		deep[n++] = 'x';
		for (int i = 0; i < d; i++)
			deep[n++] = ')';
		deep[n] = '\0';
		rc = regex_compile_bounded(&re, deep, &e);
		if (d == REGEX_MAX_DEPTH) {
			ok(rc == 0, "groups %d deep compile", d);
			if (rc == 0)
				regfree(&re);
		} else {
			ok(rc < 0 && strstr(e.msg, "nested"),
			   "groups %d deep are refused (%s)", d, e.msg);
		}
	}
	free(deep);
	return tap_done();
}
