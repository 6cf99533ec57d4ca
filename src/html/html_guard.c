/* html_guard.c: one linear pass counting the attributes of each start tag. */
#include "autoconfig.h"

#include "html/html_guard.h"

#include <string.h>

#include "util/str.h"

/* A scan: the bytes, where it is, the line it is on. */
struct scan {
	const char *b;
	size_t len, i;
	long line;
};

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int
is_name_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       c == ':' || c >= 0x80;
}

/* Move to just past the first end (a string) after the scan's place, or
 * to the end of input, counting lines. */
static void
skip_past(struct scan *s, const char *end)
{
	size_t n = strlen(end);

	while (s->i < s->len) {
		if (s->b[s->i] == '\n')
			s->line++;
		if (s->b[s->i] == end[0] && s->len - s->i >= n &&
		    !memcmp(s->b + s->i, end, n)) {
			s->i += n;
			return;
		}
		s->i++;
	}
}

/* Past the raw text of an HTML script or style: up to "</name",
 * whatever its case. */
static void
skip_raw_text(struct scan *s, const char *name, size_t n)
{
	while (s->i < s->len) {
		if (s->b[s->i] == '\n')
			s->line++;
		if (s->b[s->i] == '<' && s->len - s->i > n + 1 &&
		    s->b[s->i + 1] == '/' &&
		    !str_ncasecmp(s->b + s->i + 2, name, n))
			return;
		s->i++;
	}
}

/* Past a quoted value that starts at the scan's place. */
static void
skip_quoted(struct scan *s)
{
	char q = s->b[s->i++];

	while (s->i < s->len && s->b[s->i] != q) {
		if (s->b[s->i] == '\n')
			s->line++;
		s->i++;
	}
	if (s->i < s->len)
		s->i++;
}

/* The start tag at s->i ('<' and a name start): its attributes counted up
 * to the cap. 0, or -1 past it. Leaves the scan after the tag and, for
 * HTML's script and style, after their raw text. */
static int
start_tag(struct scan *s, enum html_guard_kind kind)
{
	size_t name = ++s->i, nlen, count = 0;

	while (s->i < s->len && !is_space(s->b[s->i]) && s->b[s->i] != '>' &&
	       s->b[s->i] != '/')
		s->i++;
	nlen = s->i - name;
	while (s->i < s->len && s->b[s->i] != '>') {
		char c = s->b[s->i];

		if (is_space(c)) {
			if (c == '\n')
				s->line++;
			s->i++;
		} else if (c == '"' || c == '\'') {
			skip_quoted(s);
		} else if (c == '=') {
			s->i++;
			while (s->i < s->len && is_space(s->b[s->i])) {
				if (s->b[s->i] == '\n')
					s->line++;
				s->i++;
			}
			if (s->i < s->len &&
			    (s->b[s->i] == '"' || s->b[s->i] == '\''))
				skip_quoted(s);
			else
				while (s->i < s->len && !is_space(s->b[s->i]) &&
				       s->b[s->i] != '>')
					s->i++;
		} else if (c == '/') {
			s->i++;
		} else {
			/* an attribute's name */
			if (++count > HTML_GUARD_MAX_ATTRIBUTES)
				return -1;
			while (s->i < s->len && !is_space(s->b[s->i]) &&
			       s->b[s->i] != '=' && s->b[s->i] != '>' &&
			       s->b[s->i] != '/' && s->b[s->i] != '"' &&
			       s->b[s->i] != '\'')
				s->i++;
		}
	}
	if (s->i < s->len)
		s->i++;
	if (kind == HTML_GUARD_HTML &&
	    ((nlen == 6 && !str_ncasecmp(s->b + name, "script", 6)) ||
	     (nlen == 5 && !str_ncasecmp(s->b + name, "style", 5))))
		skip_raw_text(s, s->b + name, nlen);
	return 0;
}

int
html_guard_check(const char *bytes, size_t len, enum html_guard_kind kind,
		 struct err *e)
{
	struct scan s = {bytes, bytes ? len : 0, 0, 1};

	while (s.i < s.len) {
		const char *p = s.b + s.i;
		size_t left = s.len - s.i;
		long line = s.line;

		if (*p == '\n') {
			s.line++;
			s.i++;
		} else if (*p != '<' || left < 2) {
			s.i++;
		} else if (left >= 4 && !memcmp(p, "<!--", 4)) {
			s.i += 4;
			skip_past(&s, "-->");
		} else if (left >= 9 && !memcmp(p, "<![CDATA[", 9)) {
			s.i += 9;
			skip_past(&s, "]]>");
		} else if (p[1] == '!' || p[1] == '?' || p[1] == '/') {
			s.i += 2;
			skip_past(&s, ">");
		} else if (is_name_start((unsigned char)p[1])) {
			if (start_tag(&s, kind) < 0)
				return err_set(
				    e,
				    "an element on line %ld has more "
				    "than %d attributes: not parsed",
				    line, HTML_GUARD_MAX_ATTRIBUTES);
		} else {
			s.i++;
		}
	}
	return 0;
}
