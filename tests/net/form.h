/* form.h: percent-decoding for the test servers' paths, queries and forms. */
#ifndef WARTA_TESTS_FORM_H
#define WARTA_TESTS_FORM_H

#include <stddef.h>

/* s[0..n) with %XX decoded and '+' as a space, in a new string the caller
 * frees; NULL if it decodes to a NUL byte. */
char *form_decode(const char *s, size_t n);

#endif
