/* html_text.c: HTML to text, the shared layer: elements, references, spaces. */
#include "autoconfig.h"

#include "html/html_text.h"
#include "html/html_text_int.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/utf8.h"

#include <libxml/HTMLparser.h>
#include <stdlib.h>
#include <string.h>

/* Every HTML element warta knows, sorted by name for bsearch(). Hidden
 * ones are those whose content a reader never sees as text: code, styles,
 * fallback text of players and frames, form controls. */
static const struct elem {
	const char *name;
	enum html_elem kind;
	int is_void;
} elems[] = {
    {"a", HTML_ELEM_INLINE, 0},		{"abbr", HTML_ELEM_INLINE, 0},
    {"acronym", HTML_ELEM_INLINE, 0},	{"address", HTML_ELEM_BLOCK, 0},
    {"applet", HTML_ELEM_HIDDEN, 0},	{"area", HTML_ELEM_INLINE, 1},
    {"article", HTML_ELEM_BLOCK, 0},	{"aside", HTML_ELEM_BLOCK, 0},
    {"audio", HTML_ELEM_HIDDEN, 0},	{"b", HTML_ELEM_INLINE, 0},
    {"base", HTML_ELEM_INLINE, 1},	{"basefont", HTML_ELEM_INLINE, 1},
    {"bdi", HTML_ELEM_INLINE, 0},	{"bdo", HTML_ELEM_INLINE, 0},
    {"big", HTML_ELEM_INLINE, 0},	{"blink", HTML_ELEM_INLINE, 0},
    {"blockquote", HTML_ELEM_BLOCK, 0}, {"body", HTML_ELEM_BLOCK, 0},
    {"br", HTML_ELEM_BLOCK, 1},		{"button", HTML_ELEM_HIDDEN, 0},
    {"canvas", HTML_ELEM_HIDDEN, 0},	{"caption", HTML_ELEM_BLOCK, 0},
    {"center", HTML_ELEM_BLOCK, 0},	{"cite", HTML_ELEM_INLINE, 0},
    {"code", HTML_ELEM_INLINE, 0},	{"col", HTML_ELEM_INLINE, 1},
    {"colgroup", HTML_ELEM_INLINE, 0},	{"data", HTML_ELEM_INLINE, 0},
    {"datalist", HTML_ELEM_HIDDEN, 0},	{"dd", HTML_ELEM_BLOCK, 0},
    {"del", HTML_ELEM_INLINE, 0},	{"details", HTML_ELEM_BLOCK, 0},
    {"dfn", HTML_ELEM_INLINE, 0},	{"dialog", HTML_ELEM_BLOCK, 0},
    {"dir", HTML_ELEM_BLOCK, 0},	{"div", HTML_ELEM_BLOCK, 0},
    {"dl", HTML_ELEM_BLOCK, 0},		{"dt", HTML_ELEM_BLOCK, 0},
    {"em", HTML_ELEM_INLINE, 0},	{"embed", HTML_ELEM_HIDDEN, 1},
    {"fieldset", HTML_ELEM_BLOCK, 0},	{"figcaption", HTML_ELEM_BLOCK, 0},
    {"figure", HTML_ELEM_BLOCK, 0},	{"font", HTML_ELEM_INLINE, 0},
    {"footer", HTML_ELEM_BLOCK, 0},	{"form", HTML_ELEM_BLOCK, 0},
    {"frame", HTML_ELEM_HIDDEN, 1},	{"frameset", HTML_ELEM_HIDDEN, 0},
    {"h1", HTML_ELEM_BLOCK, 0},		{"h2", HTML_ELEM_BLOCK, 0},
    {"h3", HTML_ELEM_BLOCK, 0},		{"h4", HTML_ELEM_BLOCK, 0},
    {"h5", HTML_ELEM_BLOCK, 0},		{"h6", HTML_ELEM_BLOCK, 0},
    {"head", HTML_ELEM_HIDDEN, 0},	{"header", HTML_ELEM_BLOCK, 0},
    {"hgroup", HTML_ELEM_BLOCK, 0},	{"hr", HTML_ELEM_BLOCK, 1},
    {"html", HTML_ELEM_BLOCK, 0},	{"i", HTML_ELEM_INLINE, 0},
    {"iframe", HTML_ELEM_HIDDEN, 0},	{"img", HTML_ELEM_INLINE, 1},
    {"input", HTML_ELEM_INLINE, 1},	{"ins", HTML_ELEM_INLINE, 0},
    {"kbd", HTML_ELEM_INLINE, 0},	{"label", HTML_ELEM_INLINE, 0},
    {"legend", HTML_ELEM_BLOCK, 0},	{"li", HTML_ELEM_BLOCK, 0},
    {"link", HTML_ELEM_INLINE, 1},	{"listing", HTML_ELEM_BLOCK, 0},
    {"main", HTML_ELEM_BLOCK, 0},	{"map", HTML_ELEM_INLINE, 0},
    {"mark", HTML_ELEM_INLINE, 0},	{"marquee", HTML_ELEM_INLINE, 0},
    {"math", HTML_ELEM_INLINE, 0},	{"menu", HTML_ELEM_BLOCK, 0},
    {"meta", HTML_ELEM_INLINE, 1},	{"meter", HTML_ELEM_INLINE, 0},
    {"nav", HTML_ELEM_BLOCK, 0},	{"nobr", HTML_ELEM_INLINE, 0},
    {"noembed", HTML_ELEM_HIDDEN, 0},	{"noframes", HTML_ELEM_HIDDEN, 0},
    {"noscript", HTML_ELEM_HIDDEN, 0},	{"object", HTML_ELEM_HIDDEN, 0},
    {"ol", HTML_ELEM_BLOCK, 0},		{"optgroup", HTML_ELEM_INLINE, 0},
    {"option", HTML_ELEM_INLINE, 0},	{"output", HTML_ELEM_INLINE, 0},
    {"p", HTML_ELEM_BLOCK, 0},		{"param", HTML_ELEM_INLINE, 1},
    {"picture", HTML_ELEM_INLINE, 0},	{"plaintext", HTML_ELEM_BLOCK, 0},
    {"pre", HTML_ELEM_BLOCK, 0},	{"progress", HTML_ELEM_INLINE, 0},
    {"q", HTML_ELEM_INLINE, 0},		{"rb", HTML_ELEM_INLINE, 0},
    {"rp", HTML_ELEM_INLINE, 0},	{"rt", HTML_ELEM_INLINE, 0},
    {"rtc", HTML_ELEM_INLINE, 0},	{"ruby", HTML_ELEM_INLINE, 0},
    {"s", HTML_ELEM_INLINE, 0},		{"samp", HTML_ELEM_INLINE, 0},
    {"script", HTML_ELEM_HIDDEN, 0},	{"search", HTML_ELEM_BLOCK, 0},
    {"section", HTML_ELEM_BLOCK, 0},	{"select", HTML_ELEM_HIDDEN, 0},
    {"slot", HTML_ELEM_INLINE, 0},	{"small", HTML_ELEM_INLINE, 0},
    {"source", HTML_ELEM_INLINE, 1},	{"spacer", HTML_ELEM_INLINE, 1},
    {"span", HTML_ELEM_INLINE, 0},	{"strike", HTML_ELEM_INLINE, 0},
    {"strong", HTML_ELEM_INLINE, 0},	{"style", HTML_ELEM_HIDDEN, 0},
    {"sub", HTML_ELEM_INLINE, 0},	{"summary", HTML_ELEM_BLOCK, 0},
    {"sup", HTML_ELEM_INLINE, 0},	{"svg", HTML_ELEM_HIDDEN, 0},
    {"table", HTML_ELEM_BLOCK, 0},	{"tbody", HTML_ELEM_BLOCK, 0},
    {"td", HTML_ELEM_BLOCK, 0},		{"template", HTML_ELEM_HIDDEN, 0},
    {"textarea", HTML_ELEM_HIDDEN, 0},	{"tfoot", HTML_ELEM_BLOCK, 0},
    {"th", HTML_ELEM_BLOCK, 0},		{"thead", HTML_ELEM_BLOCK, 0},
    {"time", HTML_ELEM_INLINE, 0},	{"title", HTML_ELEM_BLOCK, 0},
    {"tr", HTML_ELEM_BLOCK, 0},		{"track", HTML_ELEM_INLINE, 1},
    {"tt", HTML_ELEM_INLINE, 0},	{"u", HTML_ELEM_INLINE, 0},
    {"ul", HTML_ELEM_BLOCK, 0},		{"var", HTML_ELEM_INLINE, 0},
    {"video", HTML_ELEM_HIDDEN, 0},	{"wbr", HTML_ELEM_INLINE, 1},
    {"xmp", HTML_ELEM_BLOCK, 0},
};

#define ELEM_NAME_MAX 16

static int
elem_cmp(const void *key, const void *el)
{
	return strcmp(key, ((const struct elem *)el)->name);
}

static const struct elem *
elem_find(const char *name, size_t len)
{
	char low[ELEM_NAME_MAX];

	if (!len || len >= sizeof(low))
		return NULL;
	for (size_t i = 0; i < len; i++) {
		char c = name[i];

		low[i] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
	}
	low[len] = '\0';
	return bsearch(low, elems, sizeof(elems) / sizeof(elems[0]),
		       sizeof(elems[0]), elem_cmp);
}

enum html_elem
html_elem_kind(const char *name, size_t len)
{
	const struct elem *el = elem_find(name, len);

	if (el)
		return el->kind;
	/* Word's "o:p", a custom "news-card": markup all the same */
	if (len && memchr(name, ':', len))
		return HTML_ELEM_INLINE;
	if (len && memchr(name, '-', len) && name[0] != '-')
		return HTML_ELEM_INLINE;
	return HTML_ELEM_UNKNOWN;
}

int
html_elem_void(const char *name, size_t len)
{
	const struct elem *el = elem_find(name, len);

	return el && el->is_void;
}

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

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* "&#65;", "&#x41;", "&#X41;" (the ';' may be missing, as HTML allows). */
static size_t
numeric_ref(const char *s, size_t len, uint32_t *cp)
{
	int hex = len > 2 && (s[2] == 'x' || s[2] == 'X');
	size_t i = hex ? 3 : 2, start = i;
	uint32_t v = 0;

	for (; i < len; i++) {
		int d = hex ? hex_value(s[i])
			    : (s[i] >= '0' && s[i] <= '9' ? s[i] - '0' : -1);

		if (d < 0)
			break;
		/* past U+10FFFF it stays invalid: stop growing */
		if (v <= 0x10FFFF)
			v = v * (hex ? 16u : 10u) + (uint32_t)d;
	}
	if (i == start)
		return 0;
	if (i < len && s[i] == ';')
		i++;
	if (v >= 0x80 && v < 0xa0)
		v = cp1252_c1[v - 0x80];
	else if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		v = UTF8_REPLACEMENT;
	*cp = v;
	return i;
}

size_t
html_ref_decode(const char *s, size_t len, uint32_t *cp)
{
	/* the ones summaries are full of, before libxml2's linear table */
	static const struct {
		const char *name;
		uint32_t cp;
	} common[] = {
	    {"amp", '&'},  {"lt", '<'},	   {"gt", '>'},
	    {"quot", '"'}, {"apos", '\''}, {"nbsp", 0xA0},
	};
	char name[33];
	size_t i, n = 0;
	const htmlEntityDesc *ent;

	if (len < 3 || s[0] != '&')
		return 0;
	if (s[1] == '#')
		return numeric_ref(s, len, cp);
	for (i = 1; i < len && is_alnum(s[i]) && n < sizeof(name) - 1; i++)
		name[n++] = s[i];
	name[n] = '\0';
	if (!n || i >= len || s[i] != ';')
		return 0;
	for (size_t k = 0; k < sizeof(common) / sizeof(common[0]); k++)
		if (!strcmp(name, common[k].name)) {
			*cp = common[k].cp;
			return i + 1;
		}
	ent = htmlEntityLookup((const xmlChar *)name);
	if (!ent)
		return 0;
	*cp = ent->value;
	return i + 1;
}

char *
html_text_decode_refs(const char *s, size_t len)
{
	struct buf out;
	size_t i = 0;

	buf_init(&out, 0);
	while (i < len) {
		const char *amp = memchr(s + i, '&', len - i);
		char enc[4];
		uint32_t cp;
		size_t used;

		if (!amp) {
			buf_append(&out, s + i, len - i);
			break;
		}
		buf_append(&out, s + i, (size_t)(amp - (s + i)));
		i = (size_t)(amp - s);
		used = html_ref_decode(s + i, len - i, &cp);
		if (used) {
			buf_append(&out, enc, utf8_encode(cp, enc));
			i += used;
		} else {
			buf_putc(&out, '&');
			i++;
		}
	}
	return buf_steal(&out);
}

void
html_sink_init(struct html_sink *k, enum html_text_form form, size_t max)
{
	buf_init(&k->b, 0);
	k->form = form;
	k->max = max;
	k->gap = 0;
	k->full = 0;
}

/* Append p[0..n) after the separator owed; a run of ASCII may be cut at
 * the cap, a multi-byte character is whole or left out. */
static void
sink_put(struct html_sink *k, const char *p, size_t n, int ascii)
{
	size_t sep = k->gap && k->b.len ? 1 : 0;

	if (k->max && k->b.len + sep + n > k->max) {
		size_t room =
		    k->max > k->b.len + sep ? k->max - k->b.len - sep : 0;

		k->full = 1;
		n = ascii ? room : 0;
		if (!n)
			return;
	}
	if (sep)
		buf_putc(&k->b, k->gap == 2 && k->form == HTML_TEXT_LINES
				    ? '\n'
				    : ' ');
	k->gap = 0;
	buf_append(&k->b, p, n);
}

static void
sink_space(struct html_sink *k)
{
	if (!k->gap)
		k->gap = 1;
}

void
html_sink_text(struct html_sink *k, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && !k->full) {
		unsigned char c = (unsigned char)s[i];
		char enc[4];
		uint32_t cp;
		size_t j, n;

		if (str_isspace(c)) {
			sink_space(k);
			i++;
		} else if (c == 0) {
			sink_put(k, "\xef\xbf\xbd", 3, 0);
			i++;
		} else if (c < 0x80) {
			for (j = i + 1; j < len; j++) {
				unsigned char d = (unsigned char)s[j];

				if (d >= 0x80 || d == 0 || str_isspace(d))
					break;
			}
			sink_put(k, s + i, j - i, 1);
			i = j;
		} else {
			/* re-encoding makes invalid bytes U+FFFD */
			n = utf8_decode(s + i, len - i, &cp);
			i += n;
			if (cp == 0xA0)
				sink_space(k);
			else
				sink_put(k, enc, utf8_encode(cp, enc), 0);
		}
	}
}

void
html_sink_break(struct html_sink *k)
{
	k->gap = 2;
}

char *
html_sink_finish(struct html_sink *k)
{
	return buf_steal(&k->b);
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
