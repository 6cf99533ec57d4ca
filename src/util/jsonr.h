/* jsonr.h: a small, bounded, forgiving JSON reader into a tree (for JSON-LD).
 */
#ifndef WARTA_JSONR_H
#define WARTA_JSONR_H

#include <stddef.h>

#include "util/err.h"

/* Deepest nesting accepted; deeper input is an error. */
#define JSONR_MAX_DEPTH 64

enum jsonr_type {
	JSONR_NULL,
	JSONR_BOOL,
	JSONR_NUMBER,
	JSONR_STRING,
	JSONR_ARRAY,
	JSONR_OBJECT,
};

struct jsonr_value {
	enum jsonr_type type;
	char *str;		   /* STRING: decoded UTF-8; NUMBER: its text */
	int boolean;		   /* BOOL */
	struct jsonr_value *items; /* ARRAY elements, OBJECT member values */
	char **keys;		   /* OBJECT: member names, parallel to items */
	size_t n, cap;
};

/* Parse one JSON value from s[0..len). Forgiving where pages are sloppy
 * (trailing commas, raw control characters in strings, a trailing ';',
 * HTML comment or CDATA markers around it). Returns a tree the caller frees
 * with jsonr_free(), or NULL with e filled. */
struct jsonr_value *jsonr_parse(const char *s, size_t len, struct err *e);
void jsonr_free(struct jsonr_value *v);
/* The member key of an object, or NULL (also when v is not an object);
 * borrowed from v. */
const struct jsonr_value *jsonr_get(const struct jsonr_value *v,
				    const char *key);
/* The string of a STRING value, else NULL; borrowed from v. */
const char *jsonr_string(const struct jsonr_value *v);

#endif
