/* html_text_fragment.c: the text of an HTML string, without a tree. */
#include "autoconfig.h"

#include "html/html_text.h"
#include "html/html_text_int.h"
#include "util/str.h"
#include "util/utf8.h"

#include <string.h>

/* The scan of one fragment. Once a search for '>' (or a quote) has failed,
 * none can succeed further on: remembering that keeps "<a <a <a ..."
 * linear. */
struct scan {
	const char *s;
	size_t len;
	size_t no_gt;	    /* no '>' at or after this offset */
	size_t no_quote[2]; /* no '"' / '\'' at or after these offsets */
	/* the last element looked up: "<p>...</p>" asks twice running */
	const char *last;
	size_t last_n;
	enum html_elem last_kind;
	struct html_sink k;
};

static int
is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == ':' || c == '-' || c == '_' ||
	       c == '.';
}

static int
is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Offset of the first c at or after from, or sc->len. */
static size_t
find(struct scan *sc, size_t from, char c, size_t *none)
{
	const char *p;

	if (from >= *none)
		return sc->len;
	p = memchr(sc->s + from, c, sc->len - from);
	if (!p) {
		*none = from;
		return sc->len;
	}
	return (size_t)(p - sc->s);
}

/* Offset just past the '>' ending the tag whose attributes start at i,
 * quoted values skipped (an unclosed one ends at its first '>'); 0 when
 * the tag never ends. */
static size_t
tag_end(struct scan *sc, size_t i)
{
	char last = 0;

	if (find(sc, i, '>', &sc->no_gt) >= sc->len)
		return 0;
	while (i < sc->len) {
		char c = sc->s[i];

		if (c == '>')
			return i + 1;
		if ((c == '"' || c == '\'') && last == '=') {
			size_t q = find(sc, i + 1, c, &sc->no_quote[c == '\'']);

			if (q >= sc->len)
				break;
			i = q + 1;
			last = c;
			continue;
		}
		if (!str_isspace(c))
			last = c;
		i++;
	}
	i = find(sc, i, '>', &sc->no_gt);
	return i < sc->len ? i + 1 : 0;
}

/* Offset just past the end of the hidden element name[0..n) whose content
 * starts at i ("</name" ... '>'), or the end of the input. */
static size_t
hidden_end(struct scan *sc, size_t i, const char *name, size_t n)
{
	size_t none = sc->len;

	while (i < sc->len) {
		size_t lt = find(sc, i, '<', &none);
		size_t e;

		if (lt + 2 + n > sc->len)
			return sc->len;
		e = lt + 2 + n;
		if (sc->s[lt + 1] == '/' &&
		    !str_ncasecmp(sc->s + lt + 2, name, n) &&
		    (e == sc->len || !is_name_char(sc->s[e]))) {
			size_t gt = find(sc, e, '>', &sc->no_gt);

			return gt < sc->len ? gt + 1 : sc->len;
		}
		i = lt + 1;
	}
	return sc->len;
}

/* Offset past the comment, doctype, processing instruction or CDATA
 * section at i ("<!" or "<?"), its CDATA text put out; 0 when it is none. */
static size_t
declaration(struct scan *sc, size_t i)
{
	const char *s = sc->s + i;
	size_t left = sc->len - i, none = sc->len, e;

	if (left >= 4 && !memcmp(s, "<!--", 4)) {
		for (e = i + 4; e + 3 <= sc->len; e++) {
			e = find(sc, e, '-', &none);
			if (e + 3 <= sc->len && !memcmp(sc->s + e, "-->", 3))
				return e + 3;
		}
		return sc->len; /* unclosed: the rest is comment */
	}
	if (left >= 9 && !memcmp(s, "<![CDATA[", 9)) {
		for (e = i + 9; e + 3 <= sc->len; e++) {
			e = find(sc, e, ']', &none);
			if (e + 3 <= sc->len && !memcmp(sc->s + e, "]]>", 3))
				break;
		}
		if (e + 3 > sc->len)
			e = sc->len;
		html_sink_text(&sc->k, s + 9, e - i - 9);
		return e + 3 <= sc->len ? e + 3 : sc->len;
	}
	if (left >= 3 && (s[1] == '!' || s[1] == '?') && is_letter(s[2])) {
		e = find(sc, i, '>', &sc->no_gt);
		return e < sc->len ? e + 1 : 0;
	}
	return 0;
}

/* Markup at i (s[i] == '<'): the bytes it takes (breaks and hidden
 * content dealt with), or 0 when it is text ("a < b", "Use <vector>"). */
static size_t
markup(struct scan *sc, size_t i)
{
	const char *s = sc->s;
	size_t j = i + 1, name, n, end;
	enum html_elem kind;
	int closing = 0;

	if (j < sc->len && (s[j] == '!' || s[j] == '?')) {
		end = declaration(sc, i);
		return end ? end - i : 0;
	}
	if (j < sc->len && s[j] == '/') {
		closing = 1;
		j++;
	}
	if (j >= sc->len || !is_letter(s[j]))
		return 0;
	name = j;
	while (j < sc->len && is_name_char(s[j]))
		j++;
	n = j - name;
	if (j < sc->len && s[j] != '>' && s[j] != '/' && !str_isspace(s[j]))
		return 0;
	if (n == sc->last_n && !memcmp(s + name, sc->last, n)) {
		kind = sc->last_kind;
	} else {
		kind = html_elem_kind(s + name, n);
		sc->last = s + name;
		sc->last_n = n;
		sc->last_kind = kind;
	}
	if (kind == HTML_ELEM_UNKNOWN)
		return 0;
	end = tag_end(sc, j);
	if (!end)
		return 0;
	if (kind == HTML_ELEM_BLOCK)
		html_sink_break(&sc->k);
	if (kind == HTML_ELEM_HIDDEN && !closing && s[end - 2] != '/' &&
	    !html_elem_void(s + name, n))
		end = hidden_end(sc, end, s + name, n);
	return end - i;
}

char *
html_text_fragment(const char *s, size_t len, enum html_text_form form,
		   size_t max)
{
	struct scan sc;
	size_t i = 0;

	sc.s = s;
	sc.len = len;
	sc.no_gt = sc.no_quote[0] = sc.no_quote[1] = len;
	sc.last = NULL;
	sc.last_n = 0;
	html_sink_init(&sc.k, form, max, len);
	while (i < len && !sc.k.full) {
		size_t j = i + html_sink_run(&sc.k, s + i, len - i, 1), used;
		char enc[4];
		uint32_t cp;

		if (j >= len || sc.k.full)
			break;
		if (s[j] == '&') {
			used = html_ref_decode(s + j, len - j, &cp);
			if (used)
				html_sink_text(&sc.k, enc,
					       utf8_encode(cp, enc));
		} else {
			used = markup(&sc, j);
		}
		if (!used) {
			html_sink_text(&sc.k, s + j, 1);
			used = 1;
		}
		i = j + used;
	}
	return html_sink_finish(&sc.k);
}

char *
html_text_line(const char *s, size_t len)
{
	return html_text_fragment(s, len, HTML_TEXT_LINE, 0);
}
