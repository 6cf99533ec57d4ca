/* jsonr.c: a small recursive-descent JSON reader with a depth cap. */
#include "autoconfig.h"

#include "util/jsonr.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/str.h"
#include "util/utf8.h"

struct reader {
	const char *p, *end;
	struct err *e;
};

static void
skip_ws(struct reader *r)
{
	for (;;) {
		while (r->p < r->end && str_isspace((unsigned char)*r->p))
			r->p++;
		if (r->end - r->p >= 4 && !memcmp(r->p, "<!--", 4))
			r->p += 4;
		else if (r->end - r->p >= 3 && !memcmp(r->p, "-->", 3))
			r->p += 3;
		else if (r->end - r->p >= 9 && !memcmp(r->p, "<![CDATA[", 9))
			r->p += 9;
		else if (r->end - r->p >= 3 && !memcmp(r->p, "]]>", 3))
			r->p += 3;
		else
			return;
	}
}

static void
value_clear(struct jsonr_value *v)
{
	size_t i;

	for (i = 0; i < v->n; i++) {
		value_clear(&v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->str);
	memset(v, 0, sizeof(*v));
}

static unsigned
hex4(const char *p)
{
	unsigned v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		int d = str_hex_digit((unsigned char)p[i]);

		if (d < 0)
			return 0xFFFFFFFFu;
		v = v << 4 | (unsigned)d;
	}
	return v;
}

/* Read a string at r->p (on the opening quote) into a new C string. */
static char *
read_string(struct reader *r)
{
	struct buf b;
	char q = *r->p++;

	buf_init(&b, 0);
	while (r->p < r->end && *r->p != q) {
		char c = *r->p++;
		char enc[4];
		unsigned cp, lo;

		if (c != '\\') {
			buf_putc(&b, c ? c : ' ');
			continue;
		}
		if (r->p >= r->end)
			break;
		c = *r->p++;
		switch (c) {
		case 'n':
			buf_putc(&b, '\n');
			break;
		case 't':
			buf_putc(&b, '\t');
			break;
		case 'r':
			buf_putc(&b, '\r');
			break;
		case 'b':
		case 'f':
			buf_putc(&b, ' ');
			break;
		case 'u':
			if (r->end - r->p < 4 ||
			    (cp = hex4(r->p)) == 0xFFFFFFFFu) {
				buf_putc(&b, 'u');
				break;
			}
			r->p += 4;
			if (cp >= 0xd800 && cp <= 0xdbff &&
			    r->end - r->p >= 6 && r->p[0] == '\\' &&
			    r->p[1] == 'u') {
				lo = hex4(r->p + 2);
				if (lo >= 0xdc00 && lo <= 0xdfff) {
					cp = 0x10000 + ((cp - 0xd800) << 10) +
					     (lo - 0xdc00);
					r->p += 6;
				}
			}
			if (!cp)
				cp = ' ';
			buf_append(&b, enc, utf8_encode(cp, enc));
			break;
		default:
			buf_putc(&b, c);
			break;
		}
	}
	if (r->p < r->end)
		r->p++;
	return buf_steal(&b);
}

static int parse_value(struct reader *r, struct jsonr_value *v, int depth);

static struct jsonr_value *
add_item(struct jsonr_value *v)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 4;
		v->items = xreallocarray(v->items, v->cap, sizeof(*v->items));
		if (v->type == JSONR_OBJECT)
			v->keys =
			    xreallocarray(v->keys, v->cap, sizeof(*v->keys));
	}
	memset(&v->items[v->n], 0, sizeof(v->items[0]));
	return &v->items[v->n++];
}

static int
parse_container(struct reader *r, struct jsonr_value *v, int depth)
{
	char close = *r->p == '{' ? '}' : ']';

	v->type = close == '}' ? JSONR_OBJECT : JSONR_ARRAY;
	r->p++;
	for (;;) {
		char *key = NULL;
		struct jsonr_value *item;

		skip_ws(r);
		if (r->p >= r->end)
			return err_set(r->e, "JSON: unexpected end");
		if (*r->p == close) {
			r->p++;
			return 0;
		}
		if (*r->p == ',') {
			r->p++;
			continue;
		}
		if (v->type == JSONR_OBJECT) {
			if (*r->p != '"' && *r->p != '\'')
				return err_set(r->e, "JSON: expected a key");
			key = read_string(r);
			skip_ws(r);
			if (r->p >= r->end || *r->p != ':') {
				free(key);
				return err_set(r->e, "JSON: expected ':'");
			}
			r->p++;
		}
		item = add_item(v);
		if (v->type == JSONR_OBJECT)
			v->keys[v->n - 1] = key;
		if (parse_value(r, item, depth + 1) < 0)
			return -1;
	}
}

static int
parse_value(struct reader *r, struct jsonr_value *v, int depth)
{
	const char *s;

	if (depth > JSONR_MAX_DEPTH)
		return err_set(r->e, "JSON: nested too deeply");
	skip_ws(r);
	if (r->p >= r->end)
		return err_set(r->e, "JSON: unexpected end");
	switch (*r->p) {
	case '{':
	case '[':
		return parse_container(r, v, depth);
	case '"':
	case '\'':
		v->type = JSONR_STRING;
		v->str = read_string(r);
		return 0;
	default:
		break;
	}
	s = r->p;
	while (r->p < r->end && !strchr(",]}: \t\r\n", *r->p))
		r->p++;
	if (r->p == s)
		return err_set(r->e, "JSON: unexpected '%c'", *s);
	if ((size_t)(r->p - s) == 4 && !memcmp(s, "true", 4)) {
		v->type = JSONR_BOOL;
		v->boolean = 1;
	} else if ((size_t)(r->p - s) == 5 && !memcmp(s, "false", 5)) {
		v->type = JSONR_BOOL;
	} else if ((size_t)(r->p - s) == 4 && !memcmp(s, "null", 4)) {
		v->type = JSONR_NULL;
	} else if ((*s >= '0' && *s <= '9') || *s == '-') {
		v->type = JSONR_NUMBER;
		v->str = xstrndup(s, (size_t)(r->p - s));
	} else {
		return err_set(r->e, "JSON: unexpected '%c'", *s);
	}
	return 0;
}

struct jsonr_value *
jsonr_parse(const char *s, size_t len, struct err *e)
{
	struct reader r = {s, s + len, e};
	struct jsonr_value *v = xcalloc(1, sizeof(*v));

	if (parse_value(&r, v, 0) < 0) {
		jsonr_free(v);
		return NULL;
	}
	skip_ws(&r);
	while (r.p < r.end && *r.p == ';')
		r.p++;
	skip_ws(&r);
	if (r.p != r.end) {
		err_set(e, "JSON: trailing bytes");
		jsonr_free(v);
		return NULL;
	}
	return v;
}

void
jsonr_free(struct jsonr_value *v)
{
	if (!v)
		return;
	value_clear(v);
	free(v);
}

const struct jsonr_value *
jsonr_get(const struct jsonr_value *v, const char *key)
{
	size_t i;

	if (!v || v->type != JSONR_OBJECT)
		return NULL;
	for (i = 0; i < v->n; i++)
		if (v->keys[i] && !strcmp(v->keys[i], key))
			return &v->items[i];
	return NULL;
}

const char *
jsonr_string(const struct jsonr_value *v)
{
	return v && v->type == JSONR_STRING ? v->str : NULL;
}

int
jsonr_int(const struct jsonr_value *v, long long *out)
{
	const char *s;
	char *end;
	long long n;

	if (!v || (v->type != JSONR_NUMBER && v->type != JSONR_STRING) ||
	    !v->str)
		return -1;
	s = v->str;
	if (!*s || (*s != '-' && (*s < '0' || *s > '9')))
		return -1;
	errno = 0;
	n = strtoll(s, &end, 10);
	if (errno || *end)
		return -1;
	*out = n;
	return 0;
}

int
jsonr_true(const struct jsonr_value *v)
{
	return v && v->type == JSONR_BOOL && v->boolean;
}
