/* jsonr_pull.c: the strict JSON reader: events one at a time, errors with line
 * and column. */
#include "autoconfig.h"

#include "util/jsonr.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/str.h"
#include "util/utf8.h"

/* What may come next. */
enum expect {
	X_VALUE,	  /* the top value, or a member's value */
	X_VALUE_OR_CLOSE, /* the first element of an array, or ']' */
	X_KEY_OR_CLOSE,	  /* the first member of an object, or '}' */
	X_KEY,		  /* a member after ',' */
	X_COMMA_OR_CLOSE, /* after an element or a member */
	X_END,		  /* after the top value: nothing */
};

void
jsonr_pull_init(struct jsonr_pull *j, const char *s, size_t len)
{
	memset(j, 0, sizeof(*j));
	j->start = j->p = s;
	j->end = s + len;
	j->expect = X_VALUE;
	buf_init(&j->text, 0);
}

void
jsonr_pull_free(struct jsonr_pull *j)
{
	buf_free(&j->text);
}

const char *
jsonr_pull_text(const struct jsonr_pull *j, size_t *len)
{
	if (len)
		*len = j->text.len;
	return j->text.data ? j->text.data : "";
}

/* Fail at position at: "JSON: <what> at line L, column C". */
static enum jsonr_event __attribute__((format(printf, 4, 5)))
fail(struct jsonr_pull *j, const char *at, struct err *e, const char *fmt, ...)
{
	char what[160];
	const char *line = j->start;
	long lineno = 1, col = 1;
	va_list ap;

	for (const char *p = j->start; p < at; p++)
		if (*p == '\n') {
			lineno++;
			line = p + 1;
		}
	/* characters, not bytes: continuation bytes do not count */
	for (const char *p = line; p < at; p++)
		col += ((unsigned char)*p & 0xc0) != 0x80;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	err_set(e, "JSON: %s at line %ld, column %ld", what, lineno, col);
	j->failed = 1;
	return JSONR_EV_ERROR;
}

static void
skip_ws(struct jsonr_pull *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\n' ||
				 *j->p == '\r' || *j->p == '\t'))
		j->p++;
}

static int
hex4(const char *p, unsigned *out)
{
	unsigned v = 0;

	for (int i = 0; i < 4; i++) {
		int d = str_hex_digit((unsigned char)p[i]);

		if (d < 0)
			return -1;
		v = v << 4 | (unsigned)d;
	}
	*out = v;
	return 0;
}

/* Read the string whose opening quote is at j->p into j->text. */
static enum jsonr_event
read_string(struct jsonr_pull *j, enum jsonr_event ev, struct err *e)
{
	const char *open = j->p++;
	char enc[4];

	buf_reset(&j->text);
	for (;;) {
		const char *run = j->p;
		unsigned cp, lo;
		uint32_t u;
		size_t n;

		/* a run of plain ASCII goes in at once */
		while (j->p < j->end && (unsigned char)*j->p >= 0x20 &&
		       (unsigned char)*j->p < 0x80 && *j->p != '"' &&
		       *j->p != '\\')
			j->p++;
		buf_append(&j->text, run, (size_t)(j->p - run));
		if (j->p >= j->end)
			return fail(j, open, e, "unterminated string");
		if (*j->p == '"') {
			j->p++;
			return ev;
		}
		if ((unsigned char)*j->p < 0x20)
			return fail(j, j->p, e,
				    "control character 0x%02x in a string",
				    (unsigned)(unsigned char)*j->p);
		if ((unsigned char)*j->p >= 0x80) {
			n = utf8_decode(j->p, (size_t)(j->end - j->p), &u);
			buf_append(&j->text, enc, utf8_encode(u, enc));
			j->p += n;
			continue;
		}
		/* a backslash */
		if (j->end - j->p < 2)
			return fail(j, open, e, "unterminated string");
		switch (j->p[1]) {
		case '"':
		case '\\':
		case '/':
			buf_putc(&j->text, j->p[1]);
			j->p += 2;
			continue;
		case 'b':
			buf_putc(&j->text, '\b');
			j->p += 2;
			continue;
		case 'f':
			buf_putc(&j->text, '\f');
			j->p += 2;
			continue;
		case 'n':
			buf_putc(&j->text, '\n');
			j->p += 2;
			continue;
		case 'r':
			buf_putc(&j->text, '\r');
			j->p += 2;
			continue;
		case 't':
			buf_putc(&j->text, '\t');
			j->p += 2;
			continue;
		case 'u':
			break;
		default:
			return fail(j, j->p, e, "invalid escape '\\%c'",
				    (unsigned char)j->p[1] >= 0x20 &&
					    (unsigned char)j->p[1] < 0x7f
					? j->p[1]
					: '?');
		}
		if (j->end - j->p < 6 || hex4(j->p + 2, &cp) < 0)
			return fail(j, j->p, e, "invalid \\u escape");
		j->p += 6;
		if (cp >= 0xd800 && cp <= 0xdbff && j->end - j->p >= 6 &&
		    j->p[0] == '\\' && j->p[1] == 'u' &&
		    hex4(j->p + 2, &lo) == 0 && lo >= 0xdc00 && lo <= 0xdfff) {
			cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			j->p += 6;
		} else if ((cp >= 0xd800 && cp <= 0xdfff) || cp == 0) {
			/* a lone surrogate, or a NUL a C string cannot hold */
			cp = UTF8_REPLACEMENT;
		}
		buf_append(&j->text, enc, utf8_encode(cp, enc));
	}
}

static int
is_digit(const struct jsonr_pull *j)
{
	return j->p < j->end && *j->p >= '0' && *j->p <= '9';
}

static enum jsonr_event
read_number(struct jsonr_pull *j, struct err *e)
{
	const char *s = j->p;

	if (*j->p == '-')
		j->p++;
	if (!is_digit(j))
		return fail(j, s, e, "invalid number");
	if (*j->p == '0')
		j->p++;
	else
		while (is_digit(j))
			j->p++;
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		if (!is_digit(j))
			return fail(j, s, e, "invalid number");
		while (is_digit(j))
			j->p++;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (!is_digit(j))
			return fail(j, s, e, "invalid number");
		while (is_digit(j))
			j->p++;
	}
	buf_reset(&j->text);
	buf_append(&j->text, s, (size_t)(j->p - s));
	return JSONR_EV_NUMBER;
}

/* What comes after a complete value. */
static void
value_done(struct jsonr_pull *j)
{
	j->expect = j->depth ? X_COMMA_OR_CLOSE : X_END;
}

static enum jsonr_event
read_value(struct jsonr_pull *j, struct err *e)
{
	static const struct {
		const char *word;
		size_t len;
		enum jsonr_event ev;
	} words[] = {
	    {"true", 4, JSONR_EV_TRUE},
	    {"false", 5, JSONR_EV_FALSE},
	    {"null", 4, JSONR_EV_NULL},
	};
	enum jsonr_event ev;
	char c = *j->p;

	if (c == '{' || c == '[') {
		if (j->depth >= JSONR_MAX_DEPTH)
			return fail(j, j->p, e, "nested deeper than %d",
				    JSONR_MAX_DEPTH);
		j->open[j->depth++] = (unsigned char)c;
		j->p++;
		j->expect = c == '{' ? X_KEY_OR_CLOSE : X_VALUE_OR_CLOSE;
		return c == '{' ? JSONR_EV_OBJECT : JSONR_EV_ARRAY;
	}
	if (c == '"') {
		ev = read_string(j, JSONR_EV_STRING, e);
		if (ev != JSONR_EV_ERROR)
			value_done(j);
		return ev;
	}
	if (c == '-' || (c >= '0' && c <= '9')) {
		ev = read_number(j, e);
		if (ev != JSONR_EV_ERROR)
			value_done(j);
		return ev;
	}
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if ((size_t)(j->end - j->p) >= words[i].len &&
		    !memcmp(j->p, words[i].word, words[i].len)) {
			j->p += words[i].len;
			value_done(j);
			return words[i].ev;
		}
	return fail(j, j->p, e, "expected a value");
}

static enum jsonr_event
read_key(struct jsonr_pull *j, struct err *e)
{
	if (*j->p != '"')
		return fail(j, j->p, e, "expected a member name (a string)");
	if (read_string(j, JSONR_EV_KEY, e) == JSONR_EV_ERROR)
		return JSONR_EV_ERROR;
	skip_ws(j);
	if (j->p >= j->end)
		return fail(j, j->p, e, "unexpected end of the text");
	if (*j->p != ':')
		return fail(j, j->p, e, "expected ':'");
	j->p++;
	j->expect = X_VALUE;
	return JSONR_EV_KEY;
}

static enum jsonr_event
close_container(struct jsonr_pull *j)
{
	char open = (char)j->open[--j->depth];

	j->p++;
	value_done(j);
	return open == '{' ? JSONR_EV_OBJECT_END : JSONR_EV_ARRAY_END;
}

enum jsonr_event
jsonr_pull_next(struct jsonr_pull *j, struct err *e)
{
	char close;

	if (j->failed) {
		err_set(e, "JSON: read past an error");
		return JSONR_EV_ERROR;
	}
	skip_ws(j);
	if (j->expect == X_END) {
		if (j->p == j->end)
			return JSONR_EV_END;
		return fail(j, j->p, e, "more text after the value");
	}
	if (j->p >= j->end)
		return fail(j, j->p, e, "unexpected end of the text");
	close = j->depth && j->open[j->depth - 1] == '{' ? '}' : ']';
	switch (j->expect) {
	case X_COMMA_OR_CLOSE:
		if (*j->p == close)
			return close_container(j);
		if (*j->p != ',')
			return fail(j, j->p, e, "expected ',' or '%c'", close);
		j->p++;
		skip_ws(j);
		if (j->p >= j->end)
			return fail(j, j->p, e, "unexpected end of the text");
		if (close == '}')
			return read_key(j, e);
		return read_value(j, e);
	case X_KEY_OR_CLOSE:
		if (*j->p == '}')
			return close_container(j);
		return read_key(j, e);
	case X_KEY:
		return read_key(j, e);
	case X_VALUE_OR_CLOSE:
		if (*j->p == ']')
			return close_container(j);
		return read_value(j, e);
	case X_VALUE:
	default:
		return read_value(j, e);
	}
}

int
jsonr_pull_skip(struct jsonr_pull *j, enum jsonr_event ev, struct err *e)
{
	int depth;

	if (ev == JSONR_EV_ERROR)
		return -1;
	if (ev != JSONR_EV_OBJECT && ev != JSONR_EV_ARRAY)
		return 0;
	depth = j->depth - 1;
	while (j->depth > depth) {
		ev = jsonr_pull_next(j, e);
		if (ev == JSONR_EV_ERROR)
			return -1;
		if (ev == JSONR_EV_END)
			return err_set(e, "JSON: unexpected end of the text");
	}
	return 0;
}

/* ---- trees */

static struct jsonr_value *
add_member(struct jsonr_value *v)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 4;
		v->items = xreallocarray(v->items, v->cap, sizeof(*v->items));
		if (v->type == JSONR_OBJECT)
			v->keys =
			    xreallocarray(v->keys, v->cap, sizeof(*v->keys));
	}
	memset(&v->items[v->n], 0, sizeof(v->items[0]));
	if (v->type == JSONR_OBJECT)
		v->keys[v->n] = NULL;
	return &v->items[v->n++];
}

/* Fill v with the value that ev begins. */
static int
fill(struct jsonr_pull *j, enum jsonr_event ev, struct jsonr_value *v,
     struct err *e)
{
	switch (ev) {
	case JSONR_EV_STRING:
	case JSONR_EV_NUMBER:
		v->type = ev == JSONR_EV_STRING ? JSONR_STRING : JSONR_NUMBER;
		v->str = xstrndup(jsonr_pull_text(j, NULL), j->text.len);
		return 0;
	case JSONR_EV_TRUE:
	case JSONR_EV_FALSE:
		v->type = JSONR_BOOL;
		v->boolean = ev == JSONR_EV_TRUE;
		return 0;
	case JSONR_EV_NULL:
		v->type = JSONR_NULL;
		return 0;
	case JSONR_EV_OBJECT:
	case JSONR_EV_ARRAY:
		break;
	default:
		return err_set(e, "JSON: no value here");
	}
	v->type = ev == JSONR_EV_OBJECT ? JSONR_OBJECT : JSONR_ARRAY;
	for (;;) {
		struct jsonr_value *item;
		char *key = NULL;

		ev = jsonr_pull_next(j, e);
		if (ev == JSONR_EV_ERROR)
			return -1;
		if (ev == JSONR_EV_OBJECT_END || ev == JSONR_EV_ARRAY_END)
			return 0;
		if (ev == JSONR_EV_KEY) {
			key = xstrndup(jsonr_pull_text(j, NULL), j->text.len);
			ev = jsonr_pull_next(j, e);
			if (ev == JSONR_EV_ERROR) {
				free(key);
				return -1;
			}
		}
		item = add_member(v);
		if (v->type == JSONR_OBJECT)
			v->keys[v->n - 1] = key;
		else
			free(key);
		if (fill(j, ev, item, e) < 0)
			return -1;
	}
}

struct jsonr_value *
jsonr_pull_value(struct jsonr_pull *j, enum jsonr_event ev, struct err *e)
{
	struct jsonr_value *v = xcalloc(1, sizeof(*v));

	if (fill(j, ev, v, e) < 0) {
		jsonr_free(v);
		return NULL;
	}
	return v;
}

struct jsonr_value *
jsonr_parse_strict(const char *s, size_t len, struct err *e)
{
	struct jsonr_pull j;
	struct jsonr_value *v = NULL;
	enum jsonr_event ev;

	jsonr_pull_init(&j, s, len);
	ev = jsonr_pull_next(&j, e);
	if (ev != JSONR_EV_ERROR)
		v = jsonr_pull_value(&j, ev, e);
	if (v && jsonr_pull_next(&j, e) != JSONR_EV_END) {
		jsonr_free(v);
		v = NULL;
	}
	jsonr_pull_free(&j);
	return v;
}
