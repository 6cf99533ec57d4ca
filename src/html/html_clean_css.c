/* html_clean_css.c: style attributes kept to what changes looks only. */
#include "autoconfig.h"

#include "html/html_clean_int.h"
#include "util/buf.h"
#include "util/str.h"

#include <stdlib.h>
#include <string.h>

/* Properties kept whatever their (plain) value: they set colours, fonts,
 * text layout and sizes. Sorted. */
/* clang-format off */
static const char *const plain_props[] = {
	"caption-side", "clear", "color", "cursor", "direction", "display",
	"float", "font", "font-family", "font-size", "font-style",
	"font-variant", "font-weight", "height", "letter-spacing",
	"line-height", "list-style-type", "max-height", "max-width",
	"min-height", "min-width", "overflow", "text-align",
	"text-decoration", "text-indent", "text-transform", "unicode-bidi",
	"vertical-align", "white-space", "width", "word-spacing",
};
/* clang-format on */

/* The words a background, border, margin or padding may be made of
 * besides colours and lengths. A background keeps no image, so its
 * repeat and attachment words mean nothing and go. Sorted. */
/* clang-format off */
static const char *const box_words[] = {
	"!important", "aqua", "auto", "black", "blue", "bottom", "center",
	"collapse", "dashed", "dotted", "double", "fuchsia", "gray",
	"green", "grey", "groove", "hidden", "inherit", "initial", "inset",
	"left", "lime", "maroon", "medium", "navy", "none", "olive",
	"orange", "outset", "purple", "red", "ridge", "right", "separate",
	"silver", "solid", "teal", "thick", "thin", "top", "transparent",
	"white", "yellow",
};
/* clang-format on */

static int
cmp_word(const void *key, const void *el)
{
	return strcmp(key, *(const char *const *)el);
}

static int
in_list(const char *const *list, size_t n, const char *w)
{
	return bsearch(w, list, n, sizeof(*list), cmp_word) != NULL;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* 1 if t[0..n) is a length: an optional sign, at most four digits before
 * an optional fraction, an optional unit. Larger ones only serve to push
 * the text out of sight. */
static int
is_length(const char *t, size_t n)
{
	static const char *const units[] = {"%",   "ch", "cm", "em", "ex",
					    "in",  "mm", "pc", "pt", "px",
					    "rem", "vh", "vw"};
	size_t i = 0, digits = 0, frac = 0;

	if (i < n && (t[i] == '+' || t[i] == '-'))
		i++;
	while (i < n && is_digit(t[i]))
		i++, digits++;
	if (i < n && t[i] == '.') {
		i++;
		while (i < n && is_digit(t[i]))
			i++, frac++;
	}
	if ((!digits && !frac) || digits > 4)
		return 0;
	if (i == n)
		return 1;
	for (size_t k = 0; k < sizeof(units) / sizeof(units[0]); k++)
		if (strlen(units[k]) == n - i &&
		    !str_ncasecmp(t + i, units[k], n - i))
			return 1;
	return 0;
}

/* 1 if t[0..n) is a colour: #hex or rgb()/rgba()/hsl()/hsla() of
 * numbers. */
static int
is_colour(const char *t, size_t n)
{
	size_t i;

	if (n >= 4 && n <= 9 && t[0] == '#') {
		for (i = 1; i < n; i++)
			if (!is_digit(t[i]) &&
			    !((t[i] | 0x20) >= 'a' && (t[i] | 0x20) <= 'f'))
				return 0;
		return 1;
	}
	if (n < 6 || t[n - 1] != ')')
		return 0;
	if (str_ncasecmp(t, "rgb(", 4) && str_ncasecmp(t, "rgba(", 5) &&
	    str_ncasecmp(t, "hsl(", 4) && str_ncasecmp(t, "hsla(", 5))
		return 0;
	for (i = (size_t)(strchr(t, '(') - t) + 1; i + 1 < n; i++)
		if (!is_digit(t[i]) && t[i] != ',' && t[i] != '.' &&
		    t[i] != '%' && t[i] != ' ')
			return 0;
	return 1;
}

/* 1 if every word of v (white space apart, outside parentheses) is a
 * box word, a colour or a length. */
static int
box_value_ok(const char *v)
{
	const char *p = v;

	while (*p) {
		const char *w;
		int depth = 0;
		char low[16];
		size_t n;

		while (str_isspace(*p))
			p++;
		if (!*p)
			break;
		w = p;
		while (*p && (depth || !str_isspace(*p))) {
			if (*p == '(')
				depth++;
			else if (*p == ')' && depth)
				depth--;
			p++;
		}
		n = (size_t)(p - w);
		if (is_length(w, n) || is_colour(w, n))
			continue;
		if (n >= sizeof(low))
			return 0;
		for (size_t i = 0; i < n; i++)
			low[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 32
								   : w[i]);
		low[n] = '\0';
		if (!in_list(box_words,
			     sizeof(box_words) / sizeof(box_words[0]), low))
			return 0;
	}
	return 1;
}

/* 1 if a plain value holds only the characters of words, numbers,
 * colours and font names, and no number too large. */
static int
plain_value_ok(const char *v)
{
	size_t run = 0;

	for (const char *p = v; *p; p++) {
		char c = *p;

		if (c == '#') { /* a colour: hex digits, not a number */
			while (is_digit(p[1]) ||
			       ((p[1] | 0x20) >= 'a' && (p[1] | 0x20) <= 'f'))
				p++;
			run = 0;
			continue;
		}
		if (is_digit(c)) {
			if (++run > 4)
				return 0;
			continue;
		}
		run = 0;
		if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
			continue;
		if (!strchr(" #%.,()!'\"+-/_", c))
			return 0;
	}
	return 1;
}

/* One declaration name: value, kept into out when it may stay. */
static void
declaration(struct buf *out, const char *name, size_t nlen, const char *value,
	    size_t vlen)
{
	char low[32], *v;
	int ok;

	while (nlen && str_isspace(*name))
		name++, nlen--;
	while (nlen && str_isspace(name[nlen - 1]))
		nlen--;
	while (vlen && str_isspace(*value))
		value++, vlen--;
	while (vlen && str_isspace(value[vlen - 1]))
		vlen--;
	if (!nlen || !vlen || nlen >= sizeof(low))
		return;
	for (size_t i = 0; i < nlen; i++) {
		char c = name[i];

		if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && c != '-')
			return;
		low[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	low[nlen] = '\0';
	v = xstrndup(value, vlen);
	if (str_casestr(v, "url") || str_casestr(v, "expression") ||
	    str_casestr(v, "script") || !plain_value_ok(v))
		ok = 0;
	else if (in_list(plain_props,
			 sizeof(plain_props) / sizeof(plain_props[0]), low))
		ok = 1;
	else if (str_starts_with(low, "background") ||
		 str_starts_with(low, "border") ||
		 str_starts_with(low, "margin") ||
		 str_starts_with(low, "padding"))
		ok = box_value_ok(v);
	else
		ok = 0;
	if (ok) {
		if (out->len)
			buf_putc(out, ' ');
		buf_append(out, name, nlen);
		buf_puts(out, ": ");
		buf_puts(out, v);
		buf_putc(out, ';');
	}
	free(v);
}

char *
html_clean_style(const char *v)
{
	struct buf out;
	const char *p = v;

	/* escapes and comments can spell any of the words looked for */
	if (strchr(v, '\\') || strstr(v, "/*") || strchr(v, '<') ||
	    strchr(v, '@'))
		return NULL;
	buf_init(&out, 0);
	while (*p) {
		const char *start = p, *colon = NULL;
		int depth = 0;
		char quote = 0;

		for (; *p; p++) {
			if (quote) {
				if (*p == quote)
					quote = 0;
			} else if (*p == '"' || *p == '\'') {
				quote = *p;
			} else if (*p == '(') {
				depth++;
			} else if (*p == ')' && depth) {
				depth--;
			} else if (*p == ':' && !colon && !depth) {
				colon = p;
			} else if (*p == ';' && !depth) {
				break;
			}
		}
		if (colon)
			declaration(&out, start, (size_t)(colon - start),
				    colon + 1, (size_t)(p - colon - 1));
		if (*p)
			p++;
	}
	if (!out.len) {
		buf_free(&out);
		return NULL;
	}
	return buf_steal(&out);
}
