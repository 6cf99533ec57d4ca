/* feed_bytes.c: a feed's bytes made fit for the XML parser. */
#include "autoconfig.h"

#include "feed/feed_int.h"
#include "util/buf.h"
#include "util/charset.h"
#include "util/str.h"
#include "util/utf8.h"

#include <libxml/HTMLparser.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Bytes as UTF-8, by HTTP charset > BOM > XML declaration, recovering
 * from declarations that lie. Returns a new buffer in *out (caller frees)
 * or NULL in *out when the input can be parsed as it is. */
/* 1 if cs is UTF-16 or UTF-32, whose ASCII is not ASCII. */
static int
is_wide(const char *cs)
{
	return cs && (str_istarts_with(cs, "UTF-16") ||
		      str_istarts_with(cs, "UTF-32"));
}

void
feed_to_utf8(const char *b, size_t len, const char *http_charset, char **out,
	     size_t *out_len)
{
	size_t bom_len, bad;
	const char *bom = charset_from_bom(b, len, &bom_len), *use;
	char *label = NULL;
	int high;

	*out = NULL;
	if (http_charset && *http_charset)
		label = xstrdup(http_charset);
	else if (bom)
		label = xstrdup(bom);
	else
		label = charset_from_xml_decl(b, len);
	use = charset_canonical(label);
	if (is_wide(use) && !is_wide(bom))
		use = NULL; /* "UTF-16" declared over 8-bit bytes: a lie */
	if (is_wide(bom)) {
		use = bom;
		b += bom_len;
		len -= bom_len;
	}
	high = charset_has_high(b, len);
	if (!high && !is_wide(use))
		goto out; /* ASCII reads the same in all of them */
	if (!is_wide(use)) {
		/* valid UTF-8 is taken as such whatever the label says: no
		 * legacy text is valid UTF-8 by chance */
		if (charset_is_utf8(b, len))
			goto out;
		if (!use || !str_casecmp(use, "UTF-8"))
			use = charset_guess_legacy(b, len);
	}
	*out = charset_to_utf8(b, len, use, out_len, &bad);
	if (!*out) /* a label iconv does not know */
		*out = charset_to_utf8(b, len, charset_guess_legacy(b, len),
				       out_len, &bad);
out:
	free(label);
}

/* The first needle[0..m) in p[0..n), or NULL (memmem() is not POSIX). */
static const char *
find_bytes(const char *p, size_t n, const char *needle, size_t m)
{
	const char *e = p + n;

	while ((size_t)(e - p) >= m) {
		p = memchr(p, needle[0], (size_t)(e - p) - m + 1);
		if (!p)
			return NULL;
		if (!memcmp(p, needle, m))
			return p;
		p++;
	}
	return NULL;
}

/* Add s[0..n) to t (xml: its references are still to decode). */
static void
table_add(struct feed_cdata *t, const char *s, size_t n, int xml)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->s = xreallocarray(t->s, t->cap, sizeof(*t->s));
		t->len = xreallocarray(t->len, t->cap, sizeof(*t->len));
		t->xml = xreallocarray(t->xml, t->cap, sizeof(*t->xml));
	}
	t->s[t->n] = s;
	t->len[t->n] = n;
	t->xml[t->n++] = (unsigned char)xml;
}

char *
feed_cut_cdata(const char *b, size_t len, struct feed_cdata *t, size_t *out_len)
{
	static const char open[] = "<![CDATA[";
	const char *p = b, *e = b + len;
	struct buf out;
	int cut = 0;

	buf_init(&out, 0);
	for (;;) {
		const char *c = find_bytes(p, (size_t)(e - p), open + 1, 8), *end;

		/* by its '!': a feed has far fewer of those than of '<' */
		while (c && (c == b || c[-1] != '<'))
			c = find_bytes(c + 1, (size_t)(e - c - 1), open + 1, 8);
		if (c)
			c--;

		if (!c)
			break;
		end = find_bytes(c + 9, (size_t)(e - c - 9), "]]>", 3);
		if (!end)
			break; /* unterminated: libxml2 recovers as it can */
		if (!out.len)
			buf_reserve(&out, len);
		buf_append(&out, p, (size_t)(c - p));
		table_add(t, c + 9, (size_t)(end - c - 9), 0);
		buf_printf(&out, "<?" FEED_CDATA_PI " %zu?>", t->n - 1);
		p = end + 3;
		cut = 1;
	}
	if (!cut) {
		buf_free(&out);
		return NULL;
	}
	buf_append(&out, p, (size_t)(e - p));
	*out_len = out.len;
	return buf_steal(&out);
}

char *
feed_fix_c1(const char *b, size_t len, size_t *out_len)
{
	const char *p = b, *e = b + len, *c2;
	struct buf out;
	int changed = 0;

	buf_init(&out, 0);
	while ((c2 = memchr(p, 0xc2, (size_t)(e - p))) && c2 + 1 < e) {
		unsigned char next = (unsigned char)c2[1];
		char enc[4];
		uint32_t cp;

		if (next < 0x80 || next >= 0xa0) {
			p = c2 + 1;
			continue;
		}
		if (!changed) {
			buf_reserve(&out, len + 64);
			buf_append(&out, b, (size_t)(c2 - b));
		} else {
			buf_append(&out, p, (size_t)(c2 - p));
		}
		changed = 1;
		cp = charset_cp1252(next);
		if (cp)
			buf_append(&out, enc, utf8_encode(cp, enc));
		p = c2 + 2;
	}
	if (!changed) {
		buf_free(&out);
		return NULL;
	}
	buf_append(&out, p, (size_t)(e - p));
	*out_len = out.len;
	return buf_steal(&out);
}

static int contains(const char *b, size_t len, const char *word);

/* Past the end of the markup at p (p[0] == '<') in b[0..e): a comment, a
 * processing instruction, a declaration or a tag, whose quoted values
 * may hold '>'; NULL when it does not end. */
static const char *
markup_end(const char *p, const char *e)
{
	const char *q;

	if (e - p >= 4 && !memcmp(p, "<!--", 4)) {
		q = find_bytes(p + 4, (size_t)(e - p - 4), "-->", 3);
		return q ? q + 3 : NULL;
	}
	if (e - p >= 2 && p[1] == '?') {
		q = find_bytes(p + 2, (size_t)(e - p - 2), "?>", 2);
		return q ? q + 2 : NULL;
	}
	for (q = p + 1; q < e; q++) {
		if (*q == '>')
			return q + 1;
		if (*q == '"' || *q == '\'') {
			const char *close =
			    memchr(q + 1, *q, (size_t)(e - q - 1));

			if (!close)
				return NULL;
			q = close;
		}
	}
	return NULL;
}

char *
feed_cut_text(const char *b, size_t len, struct feed_cdata *t, size_t *out_len)
{
	const char *p = b, *e = b + len, *done = b;
	struct buf out;
	int cut = 0;

	/* entities declared in a DTD are libxml2's to expand */
	if (contains(b, len < 65536 ? len : 65536, "ENTITY"))
		return NULL;
	buf_init(&out, 0);
	while (p < e) {
		const char *lt = memchr(p, '<', (size_t)(e - p));
		const char *end;

		if (!lt)
			break;
		/* what lies between markup is character data */
		if (lt - p >= 256 && p > b) {
			if (!cut)
				buf_reserve(&out, len);
			buf_append(&out, done, (size_t)(p - done));
			table_add(t, p, (size_t)(lt - p), 1);
			buf_printf(&out, "<?" FEED_CDATA_PI " %zu?>", t->n - 1);
			done = lt;
			cut = 1;
		}
		end = markup_end(lt, e);
		if (!end)
			break; /* unclosed: what follows is libxml2's */
		p = end;
	}
	if (!cut) {
		buf_free(&out);
		return NULL;
	}
	buf_append(&out, done, (size_t)(e - done));
	*out_len = out.len;
	return buf_steal(&out);
}

/* 1 if one of the 8 bytes at p is below 0x20. */
static int
has_control8(const unsigned char *p)
{
	uint64_t w;

	memcpy(&w, p, 8);
	return ((w - 0x2020202020202020ULL) & ~w & 0x8080808080808080ULL) != 0;
}

static int
bad_control(unsigned char c)
{
	return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

/* XML forbids C0 control characters other than tab and line ends, and
 * libxml2 stops at a NUL byte even when recovering; feeds carry them all
 * the same. Returns a copy without them (caller frees), or NULL when there
 * are none. */
char *
feed_strip_controls(const char *b, size_t len, size_t *out_len)
{
	const unsigned char *u = (const unsigned char *)b;
	size_t i = 0, o;
	char *out;

	while (i < len) {
		if (i + 8 <= len && !has_control8(u + i)) {
			i += 8;
			continue;
		}
		if (bad_control(u[i]))
			break;
		i++;
	}
	if (i >= len)
		return NULL;
	out = xmalloc(len + 1);
	memcpy(out, b, i);
	o = i;
	for (; i < len; i++)
		if (!bad_control(u[i]))
			out[o++] = (char)u[i];
	out[o] = '\0';
	*out_len = o;
	return out;
}

/* 1 if the markup declaration "<!" word occurs in b[0..len), looked for
 * by its '!', which is rarer than '<'. */
static int
contains(const char *b, size_t len, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = b; (size_t)(p - b) + n + 1 < len; p++) {
		p = memchr(p, '!', len - (size_t)(p - b) - n);
		if (!p)
			return 0;
		if (p > b && p[-1] == '<' && !memcmp(p + 1, word, n))
			return 1;
	}
	return 0;
}

static int
is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
}

/* Length of a well-formed character reference at s ("&#38;", "&#x26;"),
 * or 0. */
static size_t
char_ref_len(const char *s, size_t len)
{
	size_t i = 2;
	int hex;

	if (len < 4 || s[1] != '#')
		return 0;
	hex = s[2] == 'x' || s[2] == 'X';
	if (hex)
		i++;
	while (i < len && ((s[i] >= '0' && s[i] <= '9') ||
			   (hex && ((s[i] >= 'a' && s[i] <= 'f') ||
				    (s[i] >= 'A' && s[i] <= 'F')))))
		i++;
	if (i == (hex ? 3u : 2u) || i >= len || s[i] != ';')
		return 0;
	return i + 1;
}

/* The character of the reference at s[0..len): numeric, or one of HTML's
 * names (libxml2 knows them); its length in *n; 0 when there is none. */
static unsigned long
ref_value(const char *s, size_t len, size_t *n)
{
	char name[12];
	size_t k = 1;
	const htmlEntityDesc *ent;

	*n = char_ref_len(s, len);
	if (*n) {
		int hex = s[2] == 'x' || s[2] == 'X';

		return strtoul(s + (hex ? 3 : 2), NULL, hex ? 16 : 10);
	}
	while (k < len && k < sizeof(name) && is_name_char(s[k]))
		k++;
	if (k == 1 || k >= len || s[k] != ';' || k >= sizeof(name))
		return 0;
	memcpy(name, s + 1, k - 1);
	name[k - 1] = '\0';
	if (k <= 5 && (!strcmp(name, "amp") || !strcmp(name, "lt") ||
		       !strcmp(name, "gt") || !strcmp(name, "quot") ||
		       !strcmp(name, "apos")))
		return 0; /* XML's own, by far the most: no search */
	ent = htmlEntityLookup((const xmlChar *)name);
	if (!ent)
		return 0;
	*n = k + 1;
	return ent->value;
}

/* UTF-8 written as one reference per byte ("&#226;&#128;&#166;" or
 * "&acirc;&#128;&brvbar;" for an ellipsis: a publisher's UTF-8 read as
 * Latin-1 and escaped):
 * the bytes of refs from s[0..len) decoded into *cp when they make one
 * valid UTF-8 character; returns the bytes of input they take, or 0. */
static size_t
double_encoded(const char *s, size_t len, unsigned long *cp)
{
	unsigned char u[4];
	size_t at = 0, n, need;
	unsigned long v = ref_value(s, len, &n);

	if (v >= 0xc2 && v <= 0xdf)
		need = 2;
	else if (v >= 0xe0 && v <= 0xef)
		need = 3;
	else if (v >= 0xf0 && v <= 0xf4)
		need = 4;
	else
		return 0;
	u[0] = (unsigned char)v;
	at = n;
	for (size_t k = 1; k < need; k++) {
		v = at < len && s[at] == '&' ? ref_value(s + at, len - at, &n)
					      : 0;
		if (v < 0x80 || v > 0xbf)
			return 0;
		u[k] = (unsigned char)v;
		at += n;
	}
	if (need == 2)
		*cp = (u[0] & 0x1fu) << 6 | (u[1] & 0x3fu);
	else if (need == 3)
		*cp = (u[0] & 0x0fu) << 12 | (u[1] & 0x3fu) << 6 | (u[2] & 0x3fu);
	else
		*cp = (u[0] & 0x07u) << 18 | (u[1] & 0x3fu) << 12 |
		      (u[2] & 0x3fu) << 6 | (u[3] & 0x3fu);
	/* overlong forms and surrogates are no characters */
	if ((need == 3 && (*cp < 0x800 || (*cp >= 0xd800 && *cp <= 0xdfff))) ||
	    (need == 4 && (*cp < 0x10000 || *cp > 0x10ffff)))
		return 0;
	return at;
}

/* What real feeds get wrong with '&': a bare one ("?a=1&b=2", "Tom &
 * Jerry") and HTML's entities used without a DTD declaring them. Both make
 * the XML parser drop text, so they are rewritten first: a bare '&' as
 * "&amp;", an HTML entity as its numeric reference, any other undeclared
 * name as text. CDATA sections and comments are left as they are. With all set,
 * XML's own five become numeric references too: once a document has an error,
 * libxml2 drops named references (and keeps numeric ones). Returns a new buffer
 * (caller frees) or NULL when nothing needs fixing. */
char *
feed_fix_refs(const char *b, size_t len, int all, size_t *out_len)
{
	struct buf out;
	size_t i = 0, done = 0;
	int declares = contains(b, len < 65536 ? len : 65536, "ENTITY");
	int changed = 0;
	const char *bang = NULL; /* the next "<!" not yet passed */

	buf_init(&out, 0);
	while (i < len) {
		const char *amp = memchr(b + i, '&', len - i);
		size_t n;

		if (!amp)
			break;
		/* CDATA sections and comments before the '&' are skipped */
		while (!bang || bang < b + i) {
			size_t from = i;

			bang = NULL;
			while (from < len) {
				const char *x =
				    memchr(b + from, '!', len - from);

				if (!x)
					break;
				if (x > b + i && x[-1] == '<') {
					bang = x - 1;
					break;
				}
				from = (size_t)(x - b) + 1;
			}
			if (!bang) {
				bang = b + len; /* none left */
				break;
			}
		}
		if (bang < amp) {
			const char *close = NULL;
			size_t at = (size_t)(bang - b), cl, j;

			if (len - at >= 9 && !memcmp(bang, "<![CDATA[", 9))
				close = "]]>";
			else if (len - at >= 4 && !memcmp(bang, "<!--", 4))
				close = "-->";
			if (!close) {
				i = at + 2;
				continue;
			}
			cl = 3;
			for (j = at + 4; j + cl <= len; j++) {
				const char *x =
				    memchr(b + j, close[0], len - j);

				if (!x) {
					j = len;
					break;
				}
				j = (size_t)(x - b);
				if (j + cl <= len && !memcmp(x, close, cl))
					break;
			}
			i = j + cl <= len ? j + cl : len;
			continue;
		}
		i = (size_t)(amp - b);
		n = char_ref_len(b + i, len - i);
		{
			unsigned long cp;
			size_t used = double_encoded(b + i, len - i, &cp);

			if (used) {
				buf_append(&out, b + done, i - done);
				buf_printf(&out, "&#x%lx;", cp);
				i += used;
				done = i;
				changed = 1;
				continue;
			}
		}
		if (n) {
			size_t k;
			unsigned long v = ref_value(b + i, len - i, &k);

			if (v >= 0x80 && v < 0xa0) {
				/* "&#146;": windows-1252's quote, as HTML
				 * reads it, never a C1 control */
				buf_append(&out, b + done, i - done);
				if (charset_cp1252((unsigned char)v))
					buf_printf(
					    &out, "&#x%lx;",
					    (unsigned long)charset_cp1252(
						(unsigned char)v));
				i += n;
				done = i;
				changed = 1;
				continue;
			}
		}
		if (n && b[i + 2] == 'X') {
			/* "&#X41;" is HTML's; XML wants a small x */
			buf_append(&out, b + done, i - done);
			buf_puts(&out, "&#x");
			i += 3;
			done = i;
			changed = 1;
			continue;
		}
		if (n) {
			i += n;
			continue;
		}
		for (n = 1; i + n < len && n < 40 && is_name_char(b[i + n]);
		     n++)
			;
		if (n > 1 && i + n < len && b[i + n] == ';') {
			char name[40];
			const htmlEntityDesc *ent;
			int xml;

			memcpy(name, b + i + 1, n - 1);
			name[n - 1] = '\0';
			xml = !strcmp(name, "amp") || !strcmp(name, "lt") ||
			      !strcmp(name, "gt") || !strcmp(name, "quot") ||
			      !strcmp(name, "apos");
			if (declares || (xml && !all)) {
				i += n + 1;
				continue;
			}
			buf_append(&out, b + done, i - done);
			ent = htmlEntityLookup((const xmlChar *)name);
			if (xml && !strcmp(name, "apos"))
				buf_puts(&out, "&#39;");
			else if (ent)
				buf_printf(&out, "&#%u;", ent->value);
			else
				buf_printf(&out, "&amp;%s;", name);
			i += n + 1;
			done = i;
			changed = 1;
			continue;
		}
		buf_append(&out, b + done, i - done);
		buf_puts(&out, "&amp;");
		i++;
		done = i;
		changed = 1;
	}
	if (!changed) {
		buf_free(&out);
		return NULL;
	}
	buf_append(&out, b + done, len - done);
	*out_len = out.len;
	return buf_steal(&out);
}
