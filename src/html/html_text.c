/* html_text.c: titles and names out of HTML-ish strings, escaping, item hashes. */
#include "autoconfig.h"

#include "html/html_text.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/utf8.h"

#include <libxml/HTMLparser.h>
#include <stdlib.h>
#include <string.h>

/* What windows-1252 puts at 0x80-0x9F: numeric references in that range
 * mean these characters in practice (as HTML5 decodes them). */
static const uint16_t cp1252_c1[32] = {
	0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
	0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

static int
is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* Decode one reference at s (s[0] == '&'); on success append it to out and
 * return the bytes consumed, else 0. */
static size_t
decode_ref(const char *s, size_t len, struct buf *out)
{
	char enc[4], name[33];
	uint32_t cp = 0;
	size_t i = 1, n;

	if (len < 3)
		return 0;
	if (s[1] == '#') {
		int hex = len > 2 && (s[2] == 'x' || s[2] == 'X');
		size_t digits = 0;

		i = hex ? 3 : 2;
		for (; i < len && digits < 8; i++, digits++) {
			char c = s[i];
			int v;

			if (c >= '0' && c <= '9')
				v = c - '0';
			else if (hex && c >= 'a' && c <= 'f')
				v = c - 'a' + 10;
			else if (hex && c >= 'A' && c <= 'F')
				v = c - 'A' + 10;
			else
				break;
			cp = cp * (hex ? 16 : 10) + (uint32_t)v;
		}
		if (!digits)
			return 0;
		if (i < len && s[i] == ';')
			i++;
		if (cp >= 0x80 && cp < 0xa0)
			cp = cp1252_c1[cp - 0x80];
		else if (cp == 0 || cp > 0x10FFFF ||
			 (cp >= 0xD800 && cp <= 0xDFFF))
			cp = UTF8_REPLACEMENT;
	} else {
		const htmlEntityDesc *ent;

		for (n = 0; i < len && is_alnum(s[i]) && n < sizeof(name) - 1;
		     i++)
			name[n++] = s[i];
		name[n] = '\0';
		if (!n || i >= len || s[i] != ';')
			return 0;
		i++;
		if (!strcmp(name, "apos")) {
			cp = '\'';
		} else {
			ent = htmlEntityLookup((const xmlChar *)name);
			if (!ent)
				return 0;
			cp = ent->value;
		}
	}
	n = utf8_encode(cp, enc);
	buf_append(out, enc, n);
	return i;
}

static void
decode_into(const char *s, size_t len, struct buf *out)
{
	size_t i = 0;

	while (i < len) {
		const char *amp = memchr(s + i, '&', len - i);
		size_t used;

		if (!amp) {
			buf_append(out, s + i, len - i);
			return;
		}
		buf_append(out, s + i, (size_t)(amp - (s + i)));
		i = (size_t)(amp - s);
		used = decode_ref(s + i, len - i, out);
		if (!used) {
			buf_putc(out, '&');
			used = 1;
		}
		i += used;
	}
}

char *
html_text_decode_refs(const char *s, size_t len)
{
	struct buf out;

	buf_init(&out, 0);
	decode_into(s, len, &out);
	return buf_steal(&out);
}

/* HTML elements likely inside titles and names; any other "<word" is
 * text ("Use <vector> well"). Block ones leave a space. */
static const struct {
	const char *name;
	int block;
} tags[] = {
	{"a", 0},       {"abbr", 0},   {"b", 0},      {"big", 0},
	{"br", 1},      {"cite", 0},   {"code", 0},   {"del", 0},
	{"dfn", 0},     {"div", 1},    {"em", 0},     {"font", 0},
	{"h1", 1},      {"h2", 1},     {"h3", 1},     {"h4", 1},
	{"h5", 1},      {"h6", 1},     {"hr", 1},     {"i", 0},
	{"img", 0},     {"ins", 0},    {"kbd", 0},    {"li", 1},
	{"mark", 0},    {"nobr", 0},   {"ol", 1},     {"p", 1},
	{"q", 0},       {"s", 0},      {"samp", 0},   {"small", 0},
	{"span", 0},    {"strike", 0}, {"strong", 0}, {"sub", 0},
	{"sup", 0},     {"table", 1},  {"td", 1},     {"time", 0},
	{"tr", 1},      {"tt", 0},     {"u", 0},      {"ul", 1},
	{"var", 0},     {"wbr", 0},    {"script", 2}, {"style", 2},
};

/* Length of the tag at s (s[0] == '<') when it is one to drop, else 0;
 * *kind gets 0 inline, 1 block, 2 drop-with-content. */
static size_t
tag_len(const char *s, size_t len, int *kind)
{
	char name[8];
	size_t i = 1, n = 0, t;
	char q = 0;

	if (len >= 4 && !memcmp(s, "<!--", 4)) {
		const char *end;

		for (end = s + 4; end + 2 < s + len; end++)
			if (!memcmp(end, "-->", 3))
				break;
		*kind = 0;
		return end + 2 < s + len ? (size_t)(end + 3 - s) : len;
	}
	if (i < len && s[i] == '/')
		i++;
	while (i < len && is_alnum(s[i]) && n < sizeof(name) - 1) {
		char c = s[i++];

		name[n++] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
	}
	name[n] = '\0';
	if (!n || i >= len || is_alnum(s[i]))
		return 0;
	if (!(s[i] == '>' || s[i] == '/' || str_isspace(s[i])))
		return 0;
	for (t = 0; t < sizeof(tags) / sizeof(tags[0]); t++)
		if (!strcmp(tags[t].name, name))
			break;
	if (t == sizeof(tags) / sizeof(tags[0]))
		return 0;
	for (; i < len; i++) {
		if (q) {
			if (s[i] == q)
				q = 0;
		} else if (s[i] == '"' || s[i] == '\'') {
			q = s[i];
		} else if (s[i] == '>') {
			*kind = tags[t].block;
			return i + 1;
		}
	}
	return 0;
}

/* Cut s at max bytes without splitting a UTF-8 sequence. */
static void
cut_utf8(char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	s[max] = '\0';
}

/* 1 if s has a reference that decodes ("&amp;" "&#39;" "&quot;"...). */
static int
has_ref(const char *s)
{
	struct buf tmp;
	const char *amp;
	int found = 0;

	buf_init(&tmp, 0);
	for (amp = strchr(s, '&'); amp && !found; amp = strchr(amp + 1, '&'))
		found = decode_ref(amp, strlen(amp), &tmp) > 0;
	buf_free(&tmp);
	return found;
}

char *
html_text_plain(const char *s, size_t len, size_t max)
{
	struct buf stripped, dec;
	char *out;
	size_t i = 0;
	int kind;

	buf_init(&stripped, 0);
	buf_init(&dec, 0);
	/* Bound the work on hostile input: nothing past 4 x max matters. */
	if (max && len > max * 4 + 64)
		len = max * 4 + 64;
	while (i < len) {
		const char *lt = memchr(s + i, '<', len - i);
		size_t n;

		if (!lt) {
			buf_append(&stripped, s + i, len - i);
			break;
		}
		buf_append(&stripped, s + i, (size_t)(lt - (s + i)));
		i = (size_t)(lt - s);
		n = tag_len(s + i, len - i, &kind);
		if (!n) {
			buf_putc(&stripped, '<');
			i++;
			continue;
		}
		i += n;
		if (kind == 1) {
			buf_putc(&stripped, ' ');
		} else if (kind == 2) {
			/* drop up to the closing tag */
			while (i < len) {
				const char *c = memchr(s + i, '<', len - i);

				if (!c) {
					i = len;
					break;
				}
				i = (size_t)(c - s);
				if (i + 1 < len && s[i + 1] == '/')
					break;
				i++;
			}
		}
	}
	decode_into(stripped.data ? stripped.data : "", stripped.len, &dec);
	if (dec.data && has_ref(dec.data)) {
		buf_reset(&stripped);
		decode_into(dec.data, dec.len, &stripped);
		buf_reset(&dec);
		buf_append(&dec, stripped.data, stripped.len);
	}
	out = str_squeeze(dec.data ? dec.data : "", dec.len);
	buf_free(&stripped);
	buf_free(&dec);
	if (max)
		cut_utf8(out, max);
	return out;
}

char *
html_text_escape(const char *s)
{
	struct buf out;

	buf_init(&out, 0);
	for (; *s; s++) {
		switch (*s) {
		case '&':
			buf_puts(&out, "&amp;");
			break;
		case '<':
			buf_puts(&out, "&lt;");
			break;
		case '>':
			buf_puts(&out, "&gt;");
			break;
		case '"':
			buf_puts(&out, "&quot;");
			break;
		default:
			buf_putc(&out, *s);
		}
	}
	return buf_steal(&out);
}

uint64_t
html_text_hash(const char *s, size_t len, uint64_t h)
{
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}
