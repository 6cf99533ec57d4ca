/* tap.h: a tiny Test Anything Protocol helper for the unit-test programs. */
#ifndef WARTA_TAP_H
#define WARTA_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_count, tap_failures;

static void __attribute__((format(printf, 4, 5)))
tap_ok(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	tap_count++;
	if (!pass)
		tap_failures++;
	printf("%sok %d - ", pass ? "" : "not ", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!pass)
		printf("#   failed at %s:%d\n", file, line);
	fflush(stdout);
}

/* ok(condition, "name %s", args...) */
#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

/* is_str(got, expected, name...): NULL-safe string equality with a diff note. */
#define is_str(got, want, ...)                                                 \
	do {                                                                   \
		const char *g_ = (got), *w_ = (want);                          \
		int p_ = (!g_ && !w_) || (g_ && w_ && !strcmp(g_, w_));        \
		tap_ok(p_, __FILE__, __LINE__, __VA_ARGS__);                   \
		if (!p_)                                                       \
			printf("#   got:      '%s'\n#   expected: '%s'\n",     \
			       g_ ? g_ : "(null)", w_ ? w_ : "(null)");        \
	} while (0)

/* is_int(got, expected, name...) */
#define is_int(got, want, ...)                                                 \
	do {                                                                   \
		long long g_ = (long long)(got), w_ = (long long)(want);       \
		tap_ok(g_ == w_, __FILE__, __LINE__, __VA_ARGS__);             \
		if (g_ != w_)                                                  \
			printf("#   got: %lld, expected: %lld\n", g_, w_);     \
	} while (0)

/* Print the plan and return the exit status for main(). */
static inline int
tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failures ? 1 : 0;
}

#endif
