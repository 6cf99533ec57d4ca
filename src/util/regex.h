/* regex.h: POSIX extended regexes from users, compiled only when small. */
#ifndef WARTA_REGEX_H
#define WARTA_REGEX_H

#include <regex.h>

#include "util/err.h"

#define REGEX_MAX_LEN 1024   /* longest pattern, in bytes */
#define REGEX_MAX_SIZE 20000 /* its size once repetitions expand */
#define REGEX_MAX_DEPTH 32   /* groups inside groups */

/* Compile pattern (POSIX extended, no sub-matches) into re, after refusing
 * what would make the regex library build an enormous automaton: over
 * REGEX_MAX_LEN bytes, groups nested deeper than REGEX_MAX_DEPTH, a
 * quantifier right after another one, or repeated parts ({m,n}, '+') that
 * multiply past REGEX_MAX_SIZE nodes. 0 (the caller regfree()s re), or -1
 * with e filled (nothing to free then). */
int regex_compile_bounded(regex_t *re, const char *pattern, struct err *e);

#endif
