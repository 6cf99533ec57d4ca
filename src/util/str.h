/* str.h: allocation that aborts on exhaustion, and small string helpers. */
#ifndef WARTA_STR_H
#define WARTA_STR_H

#include <stdarg.h>
#include <stddef.h>

/* Allocators: never return NULL; print one line and abort when memory is gone. */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow an array of nmemb elements of size bytes, checking for overflow. */
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new string; caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap);

/* Return 1 if s begins with prefix (case-sensitive / ASCII case-insensitive). */
int str_starts_with(const char *s, const char *prefix);
int str_istarts_with(const char *s, const char *prefix);
/* ASCII case-insensitive comparison (locale-independent). */
int str_casecmp(const char *a, const char *b);
int str_ncasecmp(const char *a, const char *b, size_t n);
/* ASCII case-insensitive substring search; returns pointer into hay or NULL. */
const char *str_casestr(const char *hay, const char *needle);
/* Trim ASCII white space in place; returns s. */
char *str_trim(char *s);
/* Collapse runs of white space (ASCII and U+00A0) to one space and trim;
 * returns a new string, caller frees. */
char *str_squeeze(const char *s, size_t len);
/* Return 1 if c is ASCII white space. */
static inline int str_isspace(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}
/* Overwrite n bytes at p with zeros in a way the compiler keeps (for
 * passwords and tokens about to be freed); NULL is allowed. */
void str_wipe(void *p, size_t n);
/* Parse a decimal long in [min, max]; 0 on success, -1 on junk or range. */
int str_to_long(const char *s, long min, long max, long *out);
/* The number of single-character edits (insert, delete, replace, swap two
 * neighbours), ASCII case ignored, that turn a into b; max + 1 when it is
 * more than max (or either is longer than 64 bytes). */
int str_edit_distance(const char *a, const char *b, int max);
/* The value of hex digit c (0-9, a-f, A-F), or -1 for any other. */
int str_hex_digit(int c);
/* n in decimal with its thousands apart, "1 203", into out; returns out. */
char *str_group_thousands(size_t n, char out[32]);

#endif
