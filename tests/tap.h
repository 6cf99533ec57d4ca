/* tap.h: a tiny Test Anything Protocol helper for the unit-test programs. */
#ifndef WARTA_TAP_H
#define WARTA_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
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

/* A named case of a test program: a function running its checks. */
struct tap_case {
	const char *name;
	void (*run)(void);
	const char *what; /* one line for --list */
};

/* Run one case, with a "# case NAME" line first. */
static inline void
tap_run_case(const struct tap_case *c)
{
	printf("# case %s: %s\n", c->name, c->what);
	c->run();
}

/* Run the case called name; 0, or -1 if no case has that name and other
 * (may be NULL) does not know it either. */
static inline int
tap_run_named(const struct tap_case *cases, size_t n, const char *name,
	      int (*other)(const char *name))
{
	for (size_t k = 0; k < n; k++)
		if (!strcmp(cases[k].name, name)) {
			tap_run_case(&cases[k]);
			return 0;
		}
	return other ? other(name) : -1;
}

/* main() of a test program made of cases: with arguments, the cases they
 * name; with --list, the names; without, the cases named in the
 * environment variable env (separated by spaces or commas: make check
 * passes no arguments), else every case in order. other (may be NULL)
 * runs names that are no case's, such as one fixture of many; a name
 * that nothing runs is a failing test. Returns the exit status. */
static inline int
tap_main(const struct tap_case *cases, size_t n, int argc, char **argv,
	 const char *env, int (*other)(const char *name))
{
	const char *p = getenv(env);

	if (argc == 2 && !strcmp(argv[1], "--list")) {
		for (size_t k = 0; k < n; k++)
			printf("%-16s %s\n", cases[k].name, cases[k].what);
		return 0;
	}
	for (int a = 1; a < argc; a++)
		if (tap_run_named(cases, n, argv[a], other) < 0)
			ok(0, "no case named '%s' (--list names them)",
			   argv[a]);
	if (argc > 1)
		return tap_done();
	for (p = p ? p + strspn(p, " ,") : ""; *p;) {
		size_t len = strcspn(p, " ,");
		char name[128];

		snprintf(name, sizeof(name), "%.*s", (int)len, p);
		if (tap_run_named(cases, n, name, other) < 0)
			ok(0, "no case named '%s' in %s", name, env);
		p += len;
		p += strspn(p, " ,");
		if (!*p)
			return tap_done();
	}
	for (size_t k = 0; k < n; k++)
		tap_run_case(&cases[k]);
	return tap_done();
}

#endif
