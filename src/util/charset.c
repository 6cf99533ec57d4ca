/* charset.c: charset labels, byte-order marks, declarations, guesses, iconv to UTF-8. */
#include "autoconfig.h"

#include "util/charset.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/utf8.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Declared labels and what to decode them with: the WHATWG Encoding
 * Standard's labels where iconv's names differ, each mapped to the
 * superset that real documents carrying the label turn out to use (as
 * browsers do: ISO-8859-1 and US-ASCII are windows-1252). Labels iconv
 * knows by themselves are not listed. */
static const struct {
	const char *label, *use;
} aliases[] = {
	{"utf-8", "UTF-8"},
	{"utf8", "UTF-8"},
	{"unicode-1-1-utf-8", "UTF-8"},
	{"unicode11utf8", "UTF-8"},
	{"unicode20utf8", "UTF-8"},
	{"x-unicode20utf8", "UTF-8"},
	{"us-ascii", "WINDOWS-1252"},
	{"ascii", "WINDOWS-1252"},
	{"ansi_x3.4-1968", "WINDOWS-1252"},
	{"iso-8859-1", "WINDOWS-1252"},
	{"iso8859-1", "WINDOWS-1252"},
	{"iso88591", "WINDOWS-1252"},
	{"iso_8859-1", "WINDOWS-1252"},
	{"iso_8859-1:1987", "WINDOWS-1252"},
	{"iso-ir-100", "WINDOWS-1252"},
	{"csisolatin1", "WINDOWS-1252"},
	{"ibm819", "WINDOWS-1252"},
	{"cp819", "WINDOWS-1252"},
	{"latin1", "WINDOWS-1252"},
	{"latin-1", "WINDOWS-1252"},
	{"l1", "WINDOWS-1252"},
	{"cp1252", "WINDOWS-1252"},
	{"x-cp1252", "WINDOWS-1252"},
	{"iso-8859-9", "WINDOWS-1254"},
	{"iso8859-9", "WINDOWS-1254"},
	{"iso_8859-9", "WINDOWS-1254"},
	{"iso-ir-148", "WINDOWS-1254"},
	{"latin5", "WINDOWS-1254"},
	{"l5", "WINDOWS-1254"},
	{"gb2312", "GB18030"},
	{"gbk", "GB18030"},
	{"gb_2312", "GB18030"},
	{"gb_2312-80", "GB18030"},
	{"chinese", "GB18030"},
	{"csgb2312", "GB18030"},
	{"iso-ir-58", "GB18030"},
	{"cp936", "GB18030"},
	{"ms936", "GB18030"},
	{"windows-936", "GB18030"},
	{"x-gbk", "GB18030"},
	{"euc-cn", "GB18030"},
	{"shift_jis", "CP932"},
	{"shift-jis", "CP932"},
	{"sjis", "CP932"},
	{"x-sjis", "CP932"},
	{"ms_kanji", "CP932"},
	{"ms932", "CP932"},
	{"csshiftjis", "CP932"},
	{"windows-31j", "CP932"},
	{"euc-kr", "CP949"},
	{"cseuckr", "CP949"},
	{"csksc56011987", "CP949"},
	{"iso-ir-149", "CP949"},
	{"korean", "CP949"},
	{"ks_c_5601-1987", "CP949"},
	{"ks_c_5601-1989", "CP949"},
	{"ksc5601", "CP949"},
	{"ksc_5601", "CP949"},
	{"windows-949", "CP949"},
	{"big5", "BIG5-HKSCS"},
	{"big-5", "BIG5-HKSCS"},
	{"big5-hkscs", "BIG5-HKSCS"},
	{"cn-big5", "BIG5-HKSCS"},
	{"csbig5", "BIG5-HKSCS"},
	{"x-x-big5", "BIG5-HKSCS"},
	{"tis-620", "CP874"},
	{"iso-8859-11", "CP874"},
	{"dos-874", "CP874"},
	{"windows-874", "CP874"},
	{"x-euc-jp", "EUC-JP"},
	{"cseucpkdfmtjapanese", "EUC-JP"},
	{"iso-8859-8-i", "ISO-8859-8"},
	{"csiso88598i", "ISO-8859-8"},
	{"logical", "ISO-8859-8"},
	{"visual", "ISO-8859-8"},
	{"dos-866", "IBM866"},
	{"866", "IBM866"},
	{"csibm866", "IBM866"},
	{"koi", "KOI8-R"},
	{"koi8", "KOI8-R"},
	{"koi8_r", "KOI8-R"},
	{"cskoi8r", "KOI8-R"},
	{"koi8-ru", "KOI8-U"},
	{"mac", "MACINTOSH"},
	{"csmacintosh", "MACINTOSH"},
	{"x-mac-roman", "MACINTOSH"},
	{"x-mac-cyrillic", "MACCYRILLIC"},
	{"x-mac-ukrainian", "MACCYRILLIC"},
	{"gb18030", "GB18030"},
	/* UTF-16 without an order says little-endian, as WHATWG reads it */
	{"utf-16", "UTF-16LE"},
	{"unicode", "UTF-16LE"},
	{"ucs-2", "UTF-16LE"},
	{"csunicode", "UTF-16LE"},
	{"iso-10646-ucs-2", "UTF-16LE"},
	{"unicodefeff", "UTF-16LE"},
	{"unicodefffe", "UTF-16BE"},
};

const char *
charset_canonical(const char *label)
{
	size_t i;

	if (!label)
		return NULL;
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (!str_casecmp(label, aliases[i].label))
			return aliases[i].use;
	return label;
}

const char *
charset_resolve(const char *s, size_t n, char *out, size_t outsz)
{
	const char *c;
	iconv_t cd;

	while (n && (str_isspace((unsigned char)*s) || *s == '"' ||
		     *s == '\''))
		s++, n--;
	while (n && (str_isspace((unsigned char)s[n - 1]) ||
		     s[n - 1] == '"' || s[n - 1] == '\''))
		n--;
	if (!n || n >= outsz)
		return NULL;
	for (size_t k = 0; k < n; k++) {
		char ch = s[k];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		      (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' ||
		      ch == '.' || ch == ':'))
			return NULL;
		out[k] = (ch >= 'a' && ch <= 'z') ? (char)(ch - 32) : ch;
	}
	out[n] = '\0';
	c = charset_canonical(out);
	if (c != out)
		return c;
	cd = iconv_open("UTF-8", out);
	if (cd == (iconv_t)-1)
		return NULL;
	iconv_close(cd);
	return out;
}

int
charset_is_utf8_label(const char *label)
{
	const char *c = charset_canonical(label);

	if (label && (!str_casecmp(label, "us-ascii") ||
		      !str_casecmp(label, "ascii")))
		return 1;
	return c && !str_casecmp(c, "UTF-8");
}

const char *
charset_from_bom(const char *b, size_t len, size_t *bom_len)
{
	const unsigned char *u = (const unsigned char *)b;

	*bom_len = 0;
	if (len >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xfe && u[3] == 0xff) {
		*bom_len = 4;
		return "UTF-32BE";
	}
	if (len >= 4 && u[0] == 0xff && u[1] == 0xfe && u[2] == 0 && u[3] == 0) {
		*bom_len = 4;
		return "UTF-32LE";
	}
	if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
		*bom_len = 3;
		return "UTF-8";
	}
	if (len >= 2 && u[0] == 0xff && u[1] == 0xfe) {
		*bom_len = 2;
		return "UTF-16LE";
	}
	if (len >= 2 && u[0] == 0xfe && u[1] == 0xff) {
		*bom_len = 2;
		return "UTF-16BE";
	}
	if (len >= 4 && u[0] == '<' && u[1] == 0 && u[2] == 0 && u[3] == 0)
		return "UTF-32LE";
	if (len >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0 && u[3] == '<')
		return "UTF-32BE";
	if (len >= 4 && u[0] == '<' && u[1] == 0 && u[2] == '?' && u[3] == 0)
		return "UTF-16LE";
	if (len >= 4 && u[0] == 0 && u[1] == '<' && u[2] == 0 && u[3] == '?')
		return "UTF-16BE";
	return NULL;
}

/* The value of name="..." or name='...' in s[0..len), or NULL. */
static char *
attr_value(const char *s, size_t len, const char *name)
{
	size_t nlen = strlen(name), i, j;

	for (i = 0; i + nlen < len; i++) {
		char q;

		if (str_ncasecmp(s + i, name, nlen))
			continue;
		j = i + nlen;
		while (j < len && str_isspace(s[j]))
			j++;
		if (j >= len || s[j] != '=')
			continue;
		j++;
		while (j < len && str_isspace(s[j]))
			j++;
		if (j >= len)
			return NULL;
		q = s[j];
		if (q == '"' || q == '\'') {
			size_t start = ++j;

			while (j < len && s[j] != q)
				j++;
			if (j >= len || j == start || j - start > 64)
				return NULL;
			return xstrndup(s + start, j - start);
		}
		/* unquoted: up to white space, ';' or the end */
		{
			size_t start = j;

			while (j < len && !str_isspace(s[j]) && s[j] != ';' &&
			       s[j] != '"' && s[j] != '\'')
				j++;
			if (j == start || j - start > 64)
				return NULL;
			return xstrndup(s + start, j - start);
		}
	}
	return NULL;
}

/* The XML declaration of a document in EBCDIC ("<?xm" in code page 037,
 * which all EBCDIC pages write alike) read as ASCII into out; 0 when b
 * is not one. */
static int
ebcdic_decl(const char *b, size_t len, char *out, size_t outsz)
{
	char *in = (char *)b, *o = out;
	size_t inleft = len < outsz - 1 ? len : outsz - 1, oleft = outsz - 1;
	iconv_t cd;

	if (len < 4 || memcmp(b, "\x4c\x6f\xa7\x94", 4))
		return 0;
	cd = iconv_open("ASCII//TRANSLIT", "IBM037");
	if (cd == (iconv_t)-1)
		return 0;
	(void)iconv(cd, &in, &inleft, &o, &oleft);
	iconv_close(cd);
	*o = '\0';
	return 1;
}

char *
charset_from_xml_decl(const char *b, size_t len)
{
	size_t n, end;
	char ascii[256];

	if (ebcdic_decl(b, len, ascii, sizeof(ascii))) {
		b = ascii;
		len = strlen(ascii);
	}
	if (len >= 3 && !memcmp(b, "\xef\xbb\xbf", 3)) {
		b += 3;
		len -= 3;
	}
	n = len < 512 ? len : 512;
	if (n < 6 || memcmp(b, "<?xml", 5))
		return NULL;
	for (end = 5; end + 1 < n; end++)
		if (b[end] == '?' && b[end + 1] == '>')
			break;
	return attr_value(b, end, "encoding");
}

char *
charset_from_content_type(const char *ct)
{
	char *v;

	if (!ct || !*ct)
		return NULL;
	v = attr_value(ct, strlen(ct), "charset");
	if (v)
		return v;
	if (!strchr(ct, '=') && !strchr(ct, '/') && !strchr(ct, ';')) {
		char *t = str_trim(xstrdup(ct));

		if (*t)
			return t;
		free(t);
	}
	return NULL;
}

/* 1 if none of the 8 bytes at p has its high bit set. */
static int
ascii8(const unsigned char *p)
{
	uint64_t w;

	memcpy(&w, p, 8);
	return !(w & 0x8080808080808080ULL);
}

int
charset_is_utf8(const char *b, size_t len)
{
	const unsigned char *u = (const unsigned char *)b;
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n;

		if (i + 8 <= len && ascii8(u + i)) {
			i += 8;
			continue;
		}
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		/* the two- and three-byte forms of most scripts, inline */
		if (u[i] >= 0xc2 && u[i] <= 0xdf && i + 1 < len &&
		    (u[i + 1] & 0xc0) == 0x80) {
			i += 2;
			continue;
		}
		if (u[i] >= 0xe1 && u[i] <= 0xec && i + 2 < len &&
		    (u[i + 1] & 0xc0) == 0x80 && (u[i + 2] & 0xc0) == 0x80) {
			i += 3;
			continue;
		}
		n = utf8_decode(b + i, len - i, &cp);
		if (cp == UTF8_REPLACEMENT &&
		    !(n == 3 && u[i] == 0xef && u[i + 1] == 0xbf &&
		      u[i + 2] == 0xbd))
			return 0;
		i += n;
	}
	return 1;
}

size_t
charset_utf8_errors(const char *b, size_t len, size_t *nonascii)
{
	const unsigned char *u = (const unsigned char *)b;
	size_t i = 0, bad = 0, good = 0;

	while (i < len) {
		uint32_t cp;
		size_t n;

		if (i + 8 <= len && ascii8(u + i)) {
			i += 8;
			continue;
		}
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8_decode(b + i, len - i, &cp);
		if (cp == UTF8_REPLACEMENT &&
		    !(n == 3 && u[i] == 0xef && u[i + 1] == 0xbf &&
		      u[i + 2] == 0xbd))
			bad++;
		else
			good++;
		i += n;
	}
	if (nonascii)
		*nonascii = good;
	return bad;
}

char *
charset_utf8_clean(const char *b, size_t len, size_t *out_len)
{
	const unsigned char *u = (const unsigned char *)b;
	size_t i = 0, run;
	struct buf out;

	if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf)
		i = 3;
	buf_init(&out, 0);
	run = i;
	while (i < len) {
		uint32_t cp;
		size_t n;

		if (u[i] && u[i] < 0x80) {
			i++;
			continue;
		}
		buf_append(&out, b + run, i - run);
		n = u[i] ? utf8_decode(b + i, len - i, &cp) : 1;
		if (!u[i] || (cp == UTF8_REPLACEMENT &&
			      !(n == 3 && u[i] == 0xef && u[i + 1] == 0xbf &&
				u[i + 2] == 0xbd)))
			buf_append(&out, "\xef\xbf\xbd", 3);
		else
			buf_append(&out, b + i, n);
		i += n;
		run = i;
	}
	buf_append(&out, b + run, i - run);
	*out_len = out.len;
	return buf_steal(&out);
}

int
charset_has_high(const char *b, size_t len)
{
	const unsigned char *u = (const unsigned char *)b;
	size_t i = 0;

	for (; i + 8 <= len; i += 8)
		if (!ascii8(u + i))
			return 1;
	for (; i < len; i++)
		if (u[i] >= 0x80)
			return 1;
	return 0;
}

/* What windows-1252 puts at 0x80-0x9F (0: nothing). */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,	    0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,	    0x017D, 0,
    0,	    0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,	    0x017E, 0x0178,
};

uint32_t
charset_cp1252(unsigned char c)
{
	if (c >= 0x80 && c < 0xa0)
		return cp1252_high[c - 0x80];
	return c;
}

/* windows-1252 to UTF-8 by its table: the legacy charset feeds use most,
 * without loading iconv's module for every feed. */
static char *
cp1252_to_utf8(const char *b, size_t len, size_t *out_len, size_t *bad)
{
	const unsigned char *u = (const unsigned char *)b;
	char *res = xmalloc(len * 3 + 1), *o = res;
	size_t nbad = 0;

	for (size_t i = 0; i < len; i++) {
		uint32_t cp = charset_cp1252(u[i]);

		if (u[i] < 0x80) {
			*o++ = (char)u[i];
			continue;
		}
		if (!cp) {
			cp = UTF8_REPLACEMENT;
			nbad++;
		}
		o += utf8_encode(cp, o);
	}
	*o = '\0';
	if (bad)
		*bad = nbad;
	*out_len = (size_t)(o - res);
	return res;
}

/* The UTF-8 of each byte 0x80..0xFF of a charset of one byte a character
 * (cp1251, KOI8-R, ISO-8859-7...), read from iconv once, in t (up to 3
 * bytes and their count per byte; 0: undefined); 0 when cs is not such a
 * charset (a multibyte or stateful one, or one where ASCII is not ASCII). */
static int
single_byte_table(iconv_t cd, const char *cs, unsigned char t[128][4])
{
	char in[1], out[8], *ip, *op;
	size_t il, ol;

	if (str_istarts_with(cs, "UTF") || str_istarts_with(cs, "ISO-2022") ||
	    str_istarts_with(cs, "HZ") || str_istarts_with(cs, "UCS"))
		return 0;
	for (int c = 0; c < 256; c++) {
		in[0] = (char)c;
		ip = in;
		il = 1;
		op = out;
		ol = sizeof(out);
		(void)iconv(cd, NULL, NULL, NULL, NULL);
		if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
			if (errno == EINVAL || c < 0x80)
				return 0; /* a lead byte: multibyte */
			if (c >= 0x80)
				t[c - 0x80][3] = 0;
			continue;
		}
		if (c < 0x80) {
			if (op - out != 1 || out[0] != (char)c)
				return 0; /* EBCDIC and kin */
			continue;
		}
		if (op - out > 3 || op == out)
			return 0;
		memcpy(t[c - 0x80], out, (size_t)(op - out));
		t[c - 0x80][3] = (unsigned char)(op - out);
	}
	(void)iconv(cd, NULL, NULL, NULL, NULL);
	return 1;
}

char *
charset_to_utf8(const char *b, size_t len, const char *cs, size_t *out_len,
		size_t *bad)
{
	unsigned char table[128][4];
	iconv_t cd;
	char *in = (char *)b, *res, *o;
	size_t inleft = len, oleft, cap, nbad = 0;

	if (!str_casecmp(cs, "WINDOWS-1252"))
		return cp1252_to_utf8(b, len, out_len, bad);
	cd = iconv_open("UTF-8", cs);
	if (cd == (iconv_t)-1 && strchr(cs, '_')) {
		/* "ebcdic_cp_be": iconv spells its names with '-' */
		char name[64];
		size_t k;

		for (k = 0; cs[k] && k + 1 < sizeof(name); k++)
			name[k] = cs[k] == '_' ? '-' : cs[k];
		name[k] = '\0';
		cd = iconv_open("UTF-8", name);
	}
	if (cd == (iconv_t)-1)
		return NULL;
	if (len > 4096 && single_byte_table(cd, cs, table)) {
		/* by the table: iconv's way through UCS-4 costs more than
		 * the conversion itself for these */
		const unsigned char *u = (const unsigned char *)b;

		iconv_close(cd);
		res = xmalloc(len * 3 + 1);
		o = res;
		for (size_t i = 0; i < len; i++) {
			if (u[i] < 0x80) {
				*o++ = (char)u[i];
			} else if (table[u[i] - 0x80][3]) {
				memcpy(o, table[u[i] - 0x80],
				       table[u[i] - 0x80][3]);
				o += table[u[i] - 0x80][3];
			} else {
				memcpy(o, "\xef\xbf\xbd", 3);
				o += 3;
				nbad++;
			}
		}
		*o = '\0';
		if (bad)
			*bad = nbad;
		*out_len = (size_t)(o - res);
		return res;
	}
	/* No input byte becomes more than 3 bytes of UTF-8 (a replacement
	 * character included), so one allocation holds any result. */
	cap = len * 3 + 16;
	res = xmalloc(cap);
	o = res;
	oleft = cap - 1;
	while (inleft > 0) {
		if (iconv(cd, &in, &inleft, &o, &oleft) != (size_t)-1)
			continue;
		if (errno == E2BIG)
			break; /* cannot happen with the bound above */
		/* EILSEQ: one bad byte; EINVAL: a sequence cut off at the end */
		memcpy(o, "\xef\xbf\xbd", 3);
		o += 3;
		oleft -= 3;
		nbad++;
		in++;
		inleft--;
		if (errno == EINVAL)
			inleft = 0;
		(void)iconv(cd, NULL, NULL, NULL, NULL);
	}
	(void)iconv(cd, NULL, NULL, &o, &oleft);
	iconv_close(cd);
	*o = '\0';
	if (bad)
		*bad = nbad;
	*out_len = (size_t)(o - res);
	return res;
}
