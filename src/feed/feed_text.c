/* feed_text.c: text constructs read as their type says; names; C1. */
#include "autoconfig.h"

#include "feed/feed_int.h"
#include "html/html_clean.h"
#include "html/html_text.h"
#include "util/buf.h"
#include "util/charset.h"
#include "util/str.h"
#include "util/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
b64_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+' || c == '-')
		return 62;
	if (c == '/' || c == '_')
		return 63;
	return -1;
}

/* Base64 (white space anywhere, padding optional) decoded into a new
 * string of *len bytes; NULL when s is not base64. */
static char *
base64_decode(const char *s, size_t *len)
{
	size_t n = strlen(s), o = 0;
	char *out = xmalloc(n / 4 * 3 + 4);
	uint32_t acc = 0;
	int bits = 0;

	for (; *s; s++) {
		int v;

		if (str_isspace((unsigned char)*s))
			continue;
		if (*s == '=')
			break;
		v = b64_value(*s);
		if (v < 0) {
			free(out);
			return NULL;
		}
		acc = acc << 6 | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (char)(acc >> bits & 0xff);
		}
	}
	out[o] = '\0';
	*len = o;
	return out;
}

/* How the content of an element is written. */
enum form {
	FORM_TEXT,
	FORM_HTML,
	FORM_XHTML,
	FORM_XHTML_DIV,
	FORM_BASE64,
	FORM_NONE
};

/* The media type of attribute value t, lower-cased into out. */
static void
media_type(const char *t, char *out, size_t outsz)
{
	size_t n = 0;

	while (str_isspace((unsigned char)*t))
		t++;
	for (; *t && *t != ';' && !str_isspace((unsigned char)*t) &&
	       n + 1 < outsz;
	     t++)
		out[n++] = *t >= 'A' && *t <= 'Z' ? (char)(*t + 32) : *t;
	out[n] = '\0';
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

/* What an Atom text construct's type says of its content: Atom 1.0's
 * text (the default), html, xhtml (in a <div> that is not part of it),
 * or a media type; Atom 0.3's media types (text/plain by default) and
 * modes (xml by default, escaped, base64). A media type that is neither
 * text nor XML is base64, as is any mode="base64". */
static enum form
atom_form(const struct feed_ctx *p, const xmlNode *n, enum form *decoded)
{
	const char *type = feed_attr(n, "type", NULL);
	const char *mode = feed_attr(n, "mode", NULL);
	char t[64];

	*decoded = FORM_TEXT;
	if (feed_attr(n, "src", NULL))
		return FORM_NONE; /* out of line: nothing to show here */
	media_type(type ? type : "", t, sizeof(t));
	if (!*t)
		snprintf(t, sizeof(t), "%s",
			 p->dialect == DIALECT_ATOM03 ? "text/plain" : "text");
	if (!strcmp(t, "text") || !strcmp(t, "text/plain"))
		*decoded = FORM_TEXT;
	else if (!strcmp(t, "html") || !strcmp(t, "text/html"))
		*decoded = FORM_HTML;
	else if (!strcmp(t, "xhtml"))
		*decoded = FORM_XHTML_DIV;
	else if (!strcmp(t, "application/xhtml+xml"))
		*decoded = FORM_XHTML;
	else if (str_starts_with(t, "text/"))
		*decoded = FORM_TEXT;
	else if (ends_with(t, "+xml") || ends_with(t, "/xml"))
		*decoded = FORM_XHTML;
	else
		return FORM_BASE64;
	if (mode && !str_casecmp(mode, "base64"))
		return FORM_BASE64;
	if (mode && !str_casecmp(mode, "escaped"))
		return *decoded == FORM_TEXT ? FORM_TEXT : FORM_HTML;
	return *decoded;
}

/* Text that is plain, as HTML. */
static char *
escaped(char *text)
{
	char *s = html_text_escape(text);

	free(text);
	return s;
}

/* The raw HTML (not yet cleaned) or text (*is_text set) of n. */
static char *
raw_content(const struct feed_ctx *p, xmlNode *n, enum feed_text kind,
	    size_t max, int *is_text)
{
	enum form f, decoded;
	char *s, *bytes;
	size_t len;

	*is_text = 0;
	switch (kind) {
	case FT_HTML:
		return feed_node_html(n, max);
	case FT_XHTML:
		return feed_node_markup(n, max, 0);
	case FT_PLAIN:
		*is_text = 1;
		return feed_node_text(n, max);
	case FT_GUESS:
		s = feed_node_html(n, max);
		*is_text = !html_clean_looks_like_html(s, strlen(s));
		return s;
	case FT_ATOM:
		break;
	}
	f = atom_form(p, n, &decoded);
	switch (f) {
	case FORM_NONE:
		return NULL;
	case FORM_TEXT:
		/* elements inside (Atom 0.3's default mode is xml) are
		 * markup whatever the type says */
		for (const xmlNode *c = n->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE)
				return feed_node_markup(n, max, 0);
		/* text, unless it plainly holds HTML: publishers escape
		 * twice ("AT&amp;amp;T", "&amp;nbsp;") more often than they
		 * write "&amp;" as text */
		s = feed_node_text(n, max);
		*is_text = !html_clean_looks_like_html(s, strlen(s));
		return s;
	case FORM_HTML:
		return feed_node_html(n, max);
	case FORM_XHTML:
		return feed_node_markup(n, max, 0);
	case FORM_XHTML_DIV:
		return feed_node_markup(n, max, 1);
	case FORM_BASE64:
		break;
	}
	s = feed_node_text(n, max);
	bytes = base64_decode(s, &len);
	free(s);
	if (!bytes || !len || memchr(bytes, '\0', len) ||
	    !utf8_valid(bytes, len)) {
		free(bytes); /* a picture or a program: nothing to read */
		return NULL;
	}
	if (decoded == FORM_TEXT)
		*is_text = !html_clean_looks_like_html(bytes, len);
	return bytes;
}

char *
feed_text_html(const struct feed_ctx *p, xmlNode *n, enum feed_text kind,
	       size_t max)
{
	int is_text;
	char *raw = raw_content(p, n, kind, max, &is_text), *base, *s;

	if (!raw)
		return NULL;
	if (is_text)
		raw = escaped(str_trim(raw));
	base = feed_node_base(p, n);
	s = html_clean(raw, strlen(raw), base, max);
	free(base);
	free(raw);
	str_trim(s);
	if (!*s) {
		free(s);
		return NULL;
	}
	return s;
}

char *
feed_text_plain(const struct feed_ctx *p, xmlNode *n, enum feed_text kind,
		size_t max)
{
	int is_text;
	char *raw = raw_content(p, n, kind, max * 4 + 64, &is_text), *s;

	if (!raw)
		return xstrdup("");
	if (is_text) {
		s = str_squeeze(raw, strlen(raw));
		utf8_cut(s, max);
	} else {
		/* cleaned first, so that a title says what a summary would
		 * show: the fallback text of an object, not what follows */
		char *clean = html_clean(raw, strlen(raw), NULL, 0);

		s = html_text_fragment(clean, strlen(clean), HTML_TEXT_LINE,
				       max);
		free(clean);
	}
	free(raw);
	return s;
}

/* 1 if s[0..n) holds an '@' (an e-mail address). */
static int
has_at(const char *s, size_t n)
{
	return memchr(s, '@', n) != NULL;
}

char *
feed_person_name(char *s)
{
	char *open = strpbrk(s, "(<"), *close;
	char *in, *out;
	size_t in_len, out_len;

	str_trim(s);
	if (!open || !strchr(s, '@'))
		return s; /* "Ann (now) and Bob (earlier)": no address */
	close = strchr(open + 1, *open == '(' ? ')' : '>');
	if (!close)
		return s;
	in = open + 1;
	in_len = (size_t)(close - in);
	/* what is outside the brackets, brought together */
	memmove(open, close + 1, strlen(close + 1) + 1);
	in = xstrndup(in, in_len);
	out = str_trim(s);
	out_len = strlen(out);
	str_trim(in);
	in_len = strlen(in);
	/* "mail@host (Name)", "Name (mail@host)", "Name <mail@host>",
	 * "<mail@host>" */
	if (!out_len ||
	    (has_at(out, out_len) && in_len && !has_at(in, in_len))) {
		memmove(s, in, in_len + 1);
	} else if (s != out) {
		memmove(s, out, out_len + 1);
	}
	free(in);
	return s;
}

char *
feed_person(const struct feed_ctx *p, xmlNode *n)
{
	xmlNode *name = NULL, *email = NULL;
	int elements = 0;
	const char *local;
	char *s;

	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		elements = 1;
		if (feed_node_ns(c, &local) == NS_OTHER)
			continue;
		if (feed_name_is(local, "name") && !name)
			name = c;
		else if (feed_name_is(local, "email") && !email)
			email = c;
	}
	if (name || email) {
		s = feed_text_plain(p, name ? name : email, FT_PLAIN,
				    NAME_MAX_);
	} else if (elements) {
		return NULL; /* a person of parts warta does not know */
	} else {
		s = feed_person_name(feed_text_plain(p, n, FT_HTML, NAME_MAX_));
	}
	if (!*s) {
		free(s);
		return NULL;
	}
	return s;
}

/* 1 if one of the 8 bytes at p is below 0x20 or is 0xC2 (the lead byte
 * of U+0080..U+00BF): where a control may be. */
static int
suspect8(const unsigned char *p)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t highs = 0x8080808080808080ULL;
	uint64_t w, x;

	memcpy(&w, p, 8);
	x = w ^ (ones * 0xc2);
	return (((w - ones * 0x20) & ~w & highs) | ((x - ones) & ~x & highs)) !=
	       0;
}

char *
feed_text_fix(char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	struct buf b;
	size_t i, len, run = 0;
	int any = 0;

	if (!s)
		return NULL;
	/* mostly there is none: looked for eight bytes at a time, nothing
	 * copied */
	len = strlen(s);
	for (i = 0; i < len && !any; i++) {
		if (i + 8 <= len && !suspect8(u + i)) {
			i += 7;
			continue;
		}
		if (u[i] == 0xc2 ? u[i + 1] >= 0x80 && u[i + 1] < 0xa0
				 : u[i] < 0x20 && u[i] != '\t' && u[i] != '\n')
			any = 1;
	}
	if (!any)
		return s;
	buf_init(&b, 0);
	for (i = 0; u[i]; i++) {
		char enc[4];
		uint32_t cp;

		if (u[i] == 0xc2 && u[i + 1] >= 0x80 && u[i + 1] < 0xa0) {
			buf_append(&b, s + run, i - run);
			cp = charset_cp1252(u[i + 1]);
			if (cp)
				buf_append(&b, enc, utf8_encode(cp, enc));
			i++;
			run = i + 1;
		} else if (u[i] < 0x20 && u[i] != '\t' && u[i] != '\n') {
			buf_append(&b, s + run, i - run);
			if (u[i] == '\r' && u[i + 1] != '\n')
				buf_putc(&b, '\n');
			run = i + 1;
		}
	}
	buf_append(&b, s + run, i - run);
	free(s);
	return buf_steal(&b);
}
