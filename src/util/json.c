/* json.c: streaming JSON writer: separators, indentation and escaping. */
#include "autoconfig.h"

#include "util/json.h"
#include "util/utf8.h"

#include <string.h>

void
json_init(struct json *j, struct buf *out, int pretty)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
	j->pretty = pretty ? 1 : 0;
}

static void
indent(struct json *j)
{
	static const char spaces[] = "                                ";
	size_t n = (size_t)j->depth * 2;

	buf_putc(j->out, '\n');
	while (n) {
		size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;

		buf_append(j->out, spaces, k);
		n -= k;
	}
}

/* Write what goes before a value or a key: a comma between members and,
 * when pretty, the newline and indentation. */
static void
before_item(struct json *j)
{
	if (j->after_key) {
		j->after_key = 0;
		return;
	}
	if (j->depth == 0 || j->overflow)
		return;
	if (j->nonempty[j->depth - 1])
		buf_putc(j->out, ',');
	j->nonempty[j->depth - 1] = 1;
	if (j->pretty)
		indent(j);
}

static void
begin(struct json *j, char c)
{
	before_item(j);
	buf_putc(j->out, c);
	if (j->depth < JSON_MAX_DEPTH && !j->overflow)
		j->nonempty[j->depth++] = 0;
	else
		j->overflow++;
}

static void
end(struct json *j, char c)
{
	if (j->overflow) {
		j->overflow--;
	} else if (j->depth > 0) {
		j->depth--;
		if (j->pretty && j->nonempty[j->depth])
			indent(j);
	}
	buf_putc(j->out, c);
}

void
json_begin_object(struct json *j)
{
	begin(j, '{');
}

void
json_end_object(struct json *j)
{
	end(j, '}');
}

void
json_begin_array(struct json *j)
{
	begin(j, '[');
}

void
json_end_array(struct json *j)
{
	end(j, ']');
}

/* 1 for bytes that can be copied as they are: printable ASCII but '"' and
 * '\\'. Everything else goes through the careful path. */
static int
plain(unsigned char c)
{
	return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
}

void
json_escape(struct buf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0;

	while (i < len) {
		size_t start = i;
		unsigned char c;
		uint32_t cp;
		size_t n;

		while (i < len && plain((unsigned char)s[i]))
			i++;
		if (i > start)
			buf_append(out, s + start, i - start);
		if (i >= len)
			break;
		c = (unsigned char)s[i];
		if (c < 0x80) {
			const char *esc = NULL;

			switch (c) {
			case '"':
				esc = "\\\"";
				break;
			case '\\':
				esc = "\\\\";
				break;
			case '\b':
				esc = "\\b";
				break;
			case '\f':
				esc = "\\f";
				break;
			case '\n':
				esc = "\\n";
				break;
			case '\r':
				esc = "\\r";
				break;
			case '\t':
				esc = "\\t";
				break;
			default:
				break;
			}
			if (esc) {
				buf_puts(out, esc);
			} else {
				char u[6] = {'\\', 'u',		'0',
					     '0',  hex[c >> 4], hex[c & 15]};

				buf_append(out, u, sizeof(u));
			}
			i++;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (cp == 0x2028 || cp == 0x2029 || (cp >= 0x80 && cp < 0xa0) ||
		    (cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069)) {
			/* line separators, C1 controls and bidi overrides as
			 * escapes: JSON printed to a terminal stays inert */
			char u[6] = {'\\',
				     'u',
				     hex[(cp >> 12) & 15],
				     hex[(cp >> 8) & 15],
				     hex[(cp >> 4) & 15],
				     hex[cp & 15]};

			buf_append(out, u, sizeof(u));
		} else if (cp == UTF8_REPLACEMENT) {
			/* Invalid sequences decode to U+FFFD too; either way
			 * the output is the well-formed replacement. */
			buf_append(out, "\xef\xbf\xbd", 3);
		} else {
			buf_append(out, s + i, n);
		}
		i += n;
	}
}

void
json_key(struct json *j, const char *key)
{
	before_item(j);
	buf_putc(j->out, '"');
	json_escape(j->out, key ? key : "", key ? strlen(key) : 0);
	buf_puts(j->out, j->pretty ? "\": " : "\":");
	j->after_key = 1;
}

void
json_string_len(struct json *j, const char *s, size_t len)
{
	if (!s) {
		json_null(j);
		return;
	}
	before_item(j);
	buf_putc(j->out, '"');
	json_escape(j->out, s, len);
	buf_putc(j->out, '"');
}

void
json_string(struct json *j, const char *s)
{
	json_string_len(j, s, s ? strlen(s) : 0);
}

void
json_int(struct json *j, long long v)
{
	before_item(j);
	buf_printf(j->out, "%lld", v);
}

void
json_bool(struct json *j, int v)
{
	before_item(j);
	buf_puts(j->out, v ? "true" : "false");
}

void
json_null(struct json *j)
{
	before_item(j);
	buf_puts(j->out, "null");
}
