/* regex.c: an extended regex's expanded size estimated before regcomp. */
#include "autoconfig.h"

#include "util/regex.h"

#include <stdlib.h>
#include <string.h>

/* 0 if an ERE stays small once the regex library has expanded it, else
 * -1 with e filled. glibc copies the repeated part for each count of a
 * bound ({m,n}) and once more for '+', so nested repetitions multiply:
 * the size is estimated as one node per atom, a group the sum of its
 * parts, a repeated part its size times its count. */
static int
pattern_bounded(const char *p, struct err *e)
{
	struct {
		unsigned long total, last;
	} st[REGEX_MAX_DEPTH + 1] = {{0, 0}};
	int d = 0, after_quantifier = 0;

	if (strlen(p) > REGEX_MAX_LEN)
		return err_set(e, "longer than %d bytes", REGEX_MAX_LEN);
	for (; *p; p++) {
		unsigned long n = 1;

		if (*p == '(') {
			if (d == REGEX_MAX_DEPTH)
				return err_set(e, "groups nested too deep");
			st[++d].total = 0;
			st[d].last = 0;
			after_quantifier = 0;
			continue;
		}
		if (*p == ')' && d > 0) {
			unsigned long size = st[d--].total;

			st[d].total += size;
			st[d].last = size;
			after_quantifier = 0;
			continue;
		}
		if (*p == '|') {
			st[d].last = 0;
			after_quantifier = 0;
			continue;
		}
		if (*p == '*' || *p == '?' || *p == '+' || *p == '{') {
			if (after_quantifier)
				return err_set(e,
					       "a repetition of a repetition");
			after_quantifier = 1;
			if (*p == '+')
				n = 2;
			if (*p == '{') {
				char *end;
				unsigned long m = strtoul(p + 1, &end, 10);

				n = m;
				if (*end == ',' && end[1] != '}')
					n = strtoul(end + 1, &end, 10);
				if (n < m)
					n = m;
				if (n < 1)
					n = 1;
				if (n > REGEX_MAX_SIZE)
					return err_set(
					    e, "repetition counts too large");
				while (*p && *p != '}')
					p++;
				if (!*p)
					break;
			}
			if (st[d].last > REGEX_MAX_SIZE / n)
				return err_set(e,
					       "repetition counts too large");
			st[d].total += st[d].last * (n - 1);
			st[d].last *= n;
			if (st[d].total > REGEX_MAX_SIZE)
				return err_set(e,
					       "repetition counts too large");
			continue;
		}
		if (*p == '\\' && p[1]) {
			p++;
		} else if (*p == '[') {
			/* a bracket expression is one atom; a ']' first in it
			 * (after an optional '^') is a member, not its end */
			p++;
			if (*p == '^')
				p++;
			if (*p == ']')
				p++;
			while (*p && *p != ']')
				p++;
			if (!*p)
				break;
		}
		st[d].total++;
		st[d].last = 1;
		after_quantifier = 0;
		if (st[d].total > REGEX_MAX_SIZE)
			return err_set(e, "repetition counts too large");
	}
	return 0;
}

int
regex_compile_bounded(regex_t *re, const char *pattern, struct err *e)
{
	int rc;

	if (pattern_bounded(pattern, e) < 0)
		return -1;
	rc = regcomp(re, pattern, REG_EXTENDED | REG_NOSUB);
	if (rc) {
		char msg[128];

		regerror(rc, re, msg, sizeof(msg));
		return err_set(e, "%s", msg);
	}
	return 0;
}
