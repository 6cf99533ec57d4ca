/* json.h: a streaming JSON writer into a struct buf, with correct escaping. */
#ifndef WARTA_JSON_H
#define WARTA_JSON_H

#include <stddef.h>

#include "util/buf.h"

/* Deepest nesting tracked; deeper containers are written without separators
 * (callers bound their own nesting well below this). */
#define JSON_MAX_DEPTH 256

struct json {
	struct buf *out; /* borrowed; the caller owns and frees it */
	int pretty;	 /* 1: two-space indentation and newlines */
	int depth;	 /* open containers */
	int after_key;	 /* a key was just written; the value follows */
	int overflow;	 /* containers opened beyond JSON_MAX_DEPTH */
	unsigned char nonempty[JSON_MAX_DEPTH]; /* per level: has a member */
};

/* Start writing into out (appended to, not reset); pretty selects the
 * indented form, else the compact one. */
void json_init(struct json *j, struct buf *out, int pretty);
void json_begin_object(struct json *j);
void json_end_object(struct json *j);
void json_begin_array(struct json *j);
void json_end_array(struct json *j);
/* Write an object member's key; the next value call is its value. */
void json_key(struct json *j, const char *key);
/* Write a string value, escaped (control characters as \uXXXX, U+2028 and
 * U+2029 escaped, invalid UTF-8 replaced by U+FFFD); NULL writes null. */
void json_string(struct json *j, const char *s);
/* Same for len bytes of s, which may hold NUL bytes (written as \u0000). */
void json_string_len(struct json *j, const char *s, size_t len);
void json_int(struct json *j, long long v);
void json_bool(struct json *j, int v);
void json_null(struct json *j);
/* Append s[0..len) to out as the body of a JSON string (no quotes), escaped
 * as json_string() does; for callers that build strings themselves. */
void json_escape(struct buf *out, const char *s, size_t len);

#endif
