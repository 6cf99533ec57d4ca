/* jsonr.h: a small, bounded JSON reader: forgiving into a tree (JSON-LD), strict as a stream (APIs). */
#ifndef WARTA_JSONR_H
#define WARTA_JSONR_H

#include <stddef.h>

#include "util/buf.h"
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
/* The integer of a NUMBER value, or of a STRING holding one ("1600000000"):
 * 0 with *out set, -1 when v is neither or the number is not a whole one
 * within long long. */
int jsonr_int(const struct jsonr_value *v, long long *out);
/* 1 for a BOOL true, 0 for anything else. */
int jsonr_true(const struct jsonr_value *v);

/*
 * The strict reader: JSON as RFC 8259 writes it, for the answers of web
 * APIs. Nothing is forgiven but bytes that are not UTF-8 inside strings
 * (read as U+FFFD, as is \u0000): an error names what was expected and
 * where ("JSON: expected ',' or '}' at line 3, column 17"; columns count
 * characters). It reads the text as a stream of events, so a caller keeps
 * one array element at a time in memory: jsonr_pull_value() makes a tree
 * of the value that the event just read begins, jsonr_pull_skip() passes
 * over it.
 */
enum jsonr_event {
	JSONR_EV_ERROR = -1, /* e says what and where; every later call too */
	JSONR_EV_END = 0,    /* the end of the text, after its one value */
	JSONR_EV_OBJECT,     /* '{' */
	JSONR_EV_OBJECT_END, /* '}' */
	JSONR_EV_ARRAY,      /* '[' */
	JSONR_EV_ARRAY_END,  /* ']' */
	JSONR_EV_KEY,        /* a member name, in jsonr_pull_text() */
	JSONR_EV_STRING,     /* decoded, in jsonr_pull_text() */
	JSONR_EV_NUMBER,     /* its text, in jsonr_pull_text() */
	JSONR_EV_TRUE,
	JSONR_EV_FALSE,
	JSONR_EV_NULL,
};

/* A reader over text it borrows; on the stack, set up by jsonr_pull_init()
 * and released by jsonr_pull_free(). The fields are private. */
struct jsonr_pull {
	const char *start, *p, *end;
	int depth, expect, failed;
	unsigned char open[JSONR_MAX_DEPTH + 1]; /* '{' or '[' per level */
	struct buf text;
};

/* Read s[0..len) (borrowed until jsonr_pull_free()). */
void jsonr_pull_init(struct jsonr_pull *j, const char *s, size_t len);
void jsonr_pull_free(struct jsonr_pull *j);
/* The next event; JSONR_EV_ERROR with e set on the first error. */
enum jsonr_event jsonr_pull_next(struct jsonr_pull *j, struct err *e);
/* The text of the last KEY, STRING or NUMBER event (NUL-terminated, *len
 * bytes when len is not NULL); valid until the next call on j. */
const char *jsonr_pull_text(const struct jsonr_pull *j, size_t *len);
/* Pass over the value that event ev (just returned) begins: the rest of
 * an object or array; nothing for a scalar. 0, or -1 with e set. */
int jsonr_pull_skip(struct jsonr_pull *j, enum jsonr_event ev, struct err *e);
/* The value that event ev (just returned) begins, read whole into a tree
 * the caller frees with jsonr_free(); NULL with e set on an error. */
struct jsonr_value *jsonr_pull_value(struct jsonr_pull *j, enum jsonr_event ev,
				     struct err *e);
/* The whole of s[0..len) read strictly into a tree (caller jsonr_free()s),
 * or NULL with e set. */
struct jsonr_value *jsonr_parse_strict(const char *s, size_t len,
				       struct err *e);

#endif
