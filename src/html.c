/* html.c: charset detection and decoding, then libxml2's forgiving HTML parser.
 */
#include "config.h"

#include "html.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>

#include "util/buf.h"
#include "util/str.h"
#include "util/utf8.h"

/* How far into the page a <meta charset> is looked for. */
#define META_SCAN 16384

/* Charset labels as pages write them, and the iconv names we decode them
 * with (WHATWG-style supersets: Latin-1 is read as windows-1252, GB2312 as
 * GB18030, and so on). */
static const struct {
	const char *label;
	const char *iconv;
} charset_map[] = {
    {"utf-8", "UTF-8"},
    {"utf8", "UTF-8"},
    {"unicode-1-1-utf-8", "UTF-8"},
    {"us-ascii", "WINDOWS-1252"},
    {"ascii", "WINDOWS-1252"},
    {"iso-8859-1", "WINDOWS-1252"},
    {"iso8859-1", "WINDOWS-1252"},
    {"latin1", "WINDOWS-1252"},
    {"l1", "WINDOWS-1252"},
    {"windows-1252", "WINDOWS-1252"},
    {"cp1252", "WINDOWS-1252"},
    {"iso-8859-9", "WINDOWS-1254"},
    {"latin5", "WINDOWS-1254"},
    {"iso-8859-11", "CP874"},
    {"tis-620", "CP874"},
    {"windows-874", "CP874"},
    {"gb2312", "GB18030"},
    {"gbk", "GB18030"},
    {"gb18030", "GB18030"},
    {"x-gbk", "GB18030"},
    {"cp936", "GB18030"},
    {"big5", "BIG5-HKSCS"},
    {"big5-hkscs", "BIG5-HKSCS"},
    {"x-x-big5", "BIG5-HKSCS"},
    {"shift_jis", "CP932"},
    {"shift-jis", "CP932"},
    {"sjis", "CP932"},
    {"x-sjis", "CP932"},
    {"ms_kanji", "CP932"},
    {"windows-31j", "CP932"},
    {"euc-jp", "EUC-JP"},
    {"x-euc-jp", "EUC-JP"},
    {"euc-kr", "CP949"},
    {"ks_c_5601-1987", "CP949"},
    {"windows-949", "CP949"},
    {"koi8-r", "KOI8-R"},
    {"koi8-u", "KOI8-U"},
    {"iso-2022-jp", "ISO-2022-JP"},
    {"utf-16", "UTF-16"},
    {"utf-16le", "UTF-16LE"},
    {"utf-16be", "UTF-16BE"},
};

/* Map a label to an iconv name; NULL when unknown to us and to iconv. The
 * returned string is static or the label itself upper-cased into buf. */
static const char *
charset_name(const char *label, size_t n, char *out, size_t outsz)
{
	size_t i, k;
	iconv_t cd;

	while (n && str_isspace((unsigned char)*label)) {
		label++;
		n--;
	}
	while (n && (str_isspace((unsigned char)label[n - 1]) ||
		     label[n - 1] == '"' || label[n - 1] == '\''))
		n--;
	if (!n || n >= outsz)
		return NULL;
	for (i = 0; i < sizeof(charset_map) / sizeof(charset_map[0]); i++)
		if (strlen(charset_map[i].label) == n &&
		    !str_ncasecmp(charset_map[i].label, label, n))
			return charset_map[i].iconv;
	for (k = 0; k < n; k++) {
		char c = label[k];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		      c == '.' || c == ':'))
			return NULL;
		out[k] = (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
	}
	out[n] = '\0';
	cd = iconv_open("UTF-8", out);
	if (cd == (iconv_t)-1)
		return NULL;
	iconv_close(cd);
	return out;
}

/* The charset named by a <meta charset> or http-equiv Content-Type in the
 * first bytes, or NULL. */
static const char *
meta_charset(const char *p, size_t len, char *out, size_t outsz)
{
	size_t i, end = len < META_SCAN ? len : META_SCAN;

	for (i = 0; i + 5 < end; i++) {
		size_t j, tagend, v, vend;

		if (p[i] != '<' || str_ncasecmp(p + i + 1, "meta", 4))
			continue;
		for (tagend = i + 5; tagend < end && p[tagend] != '>'; tagend++)
			;
		for (j = i + 5; j + 7 <= tagend; j++) {
			const char *n;

			if (str_ncasecmp(p + j, "charset", 7))
				continue;
			v = j + 7;
			while (v < tagend && str_isspace((unsigned char)p[v]))
				v++;
			if (v >= tagend || p[v] != '=')
				continue;
			v++;
			while (v < tagend &&
			       (str_isspace((unsigned char)p[v]) ||
				p[v] == '"' || p[v] == '\''))
				v++;
			for (vend = v; vend < tagend && p[vend] != '"' &&
				       p[vend] != '\'' && p[vend] != ';' &&
				       p[vend] != '/' &&
				       !str_isspace((unsigned char)p[vend]);
			     vend++)
				;
			n = charset_name(p + v, vend - v, out, outsz);
			if (n)
				return n;
		}
		i = tagend;
	}
	return NULL;
}

/* Count non-ASCII code points and invalid UTF-8 sequences (NUL bytes
 * count as invalid: they cannot be passed on). */
static void
utf8_census(const char *p, size_t len, size_t *nonascii, size_t *invalid)
{
	size_t i = 0;

	*nonascii = *invalid = 0;
	while (i < len) {
		uint32_t cp;
		size_t n;
		uint64_t w;

		/* Eight ASCII bytes without a NUL at a time. */
		if (len - i >= 8) {
			memcpy(&w, p + i, 8);
			if (!(w & 0x8080808080808080ull) &&
			    !((w - 0x0101010101010101ull) & ~w &
			      0x8080808080808080ull)) {
				i += 8;
				continue;
			}
		}
		if (!(p[i] & 0x80)) {
			if (!p[i])
				(*invalid)++;
			i++;
			continue;
		}
		n = utf8_decode(p + i, len - i, &cp);
		if (cp == UTF8_REPLACEMENT &&
		    !(n == 3 && !memcmp(p + i, "\xef\xbf\xbd", 3)))
			(*invalid)++;
		else
			(*nonascii)++;
		i += n;
	}
}

/* As html_detect_charset(); *clean says the bytes are well-formed UTF-8
 * without NULs, to be parsed as they are. */
static const char *
detect_charset(const char *bytes, size_t len, const char *http_charset,
	       char *name, size_t namesz, int *clean)
{
	const char *declared = NULL;
	size_t nonascii, invalid;

	*clean = 0;
	if (len >= 3 && !memcmp(bytes, "\xef\xbb\xbf", 3))
		return "UTF-8";
	if (http_charset && *http_charset)
		declared = charset_name(http_charset, strlen(http_charset),
					name, namesz);
	if (len >= 2 && !memcmp(bytes, "\xff\xfe", 2))
		return "UTF-16LE";
	if (len >= 2 && !memcmp(bytes, "\xfe\xff", 2))
		return "UTF-16BE";
	if (!declared)
		declared = meta_charset(bytes, len, name, namesz);
	/* UTF-16 without a byte order mark in an ASCII-looking page is a
	 * mislabel (WHATWG reads it as UTF-8). */
	if (declared && str_istarts_with(declared, "UTF-16"))
		declared = "UTF-8";
	/* 7-bit encodings that escape into other sets must be honoured. */
	if (declared && (str_istarts_with(declared, "ISO-2022") ||
			 str_istarts_with(declared, "UTF-7")))
		return declared;
	utf8_census(bytes, len, &nonascii, &invalid);
	if (!invalid) {
		*clean = 1;
		return "UTF-8"; /* pure ASCII, or UTF-8 whatever the label says
				 */
	}
	if (declared)
		return declared;
	/* Nothing declared: mostly-valid UTF-8 with a few broken bytes is still
	 * UTF-8; otherwise the web's default legacy charset. */
	if (nonascii > 0 && invalid * 20 <= nonascii)
		return "UTF-8";
	return "WINDOWS-1252";
}

const char *
html_detect_charset(const char *bytes, size_t len, const char *http_charset,
		    char *name, size_t namesz)
{
	int clean;

	return detect_charset(bytes, len, http_charset, name, namesz, &clean);
}

static void
put_replacement(struct buf *b)
{
	buf_append(b, "\xef\xbf\xbd", 3);
}

/* Copy UTF-8, replacing invalid sequences and NULs by U+FFFD. */
static void
clean_utf8(struct buf *out, const char *p, size_t len)
{
	size_t i = 0, run = 0;

	while (i < len) {
		uint32_t cp;
		size_t n;

		if (p[i] && !(p[i] & 0x80)) {
			i++;
			continue;
		}
		buf_append(out, p + run, i - run);
		if (!p[i]) {
			put_replacement(out);
			i++;
			run = i;
			continue;
		}
		n = utf8_decode(p + i, len - i, &cp);
		if (cp == UTF8_REPLACEMENT)
			put_replacement(out);
		else
			buf_append(out, p + i, n);
		i += n;
		run = i;
	}
	buf_append(out, p + run, i - run);
}

char *
html_to_utf8(const char *bytes, size_t len, const char *charset, size_t *outlen)
{
	struct buf out, tmp;
	iconv_t cd = (iconv_t)-1;
	char chunk[8192];
	char *in = (char *)bytes;
	size_t inleft = len;

	buf_init(&out, 0);
	if (charset && str_casecmp(charset, "UTF-8"))
		cd = iconv_open("UTF-8", charset);
	if (cd == (iconv_t)-1) {
		if (len >= 3 && !memcmp(bytes, "\xef\xbb\xbf", 3)) {
			bytes += 3;
			len -= 3;
		}
		clean_utf8(&out, bytes, len);
		goto out;
	}
	buf_init(&tmp, 0);
	while (inleft) {
		char *o = chunk;
		size_t oleft = sizeof(chunk);
		size_t r = iconv(cd, &in, &inleft, &o, &oleft);

		buf_append(&tmp, chunk, sizeof(chunk) - oleft);
		if (r != (size_t)-1)
			continue;
		if (errno == E2BIG)
			continue;
		/* EILSEQ or EINVAL: one bad byte becomes U+FFFD; move on. */
		put_replacement(&tmp);
		in++;
		inleft--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	{
		char *o = chunk;
		size_t oleft = sizeof(chunk);

		iconv(cd, NULL, NULL, &o, &oleft);
		buf_append(&tmp, chunk, sizeof(chunk) - oleft);
	}
	iconv_close(cd);
	/* Strip a BOM iconv kept, and any NULs the source encoded. */
	if (tmp.len >= 3 && !memcmp(tmp.data, "\xef\xbb\xbf", 3))
		clean_utf8(&out, tmp.data + 3, tmp.len - 3);
	else
		clean_utf8(&out, tmp.data ? tmp.data : "", tmp.len);
	buf_free(&tmp);
out:
	*outlen = out.len;
	return buf_steal(&out);
}

htmlDocPtr
html_parse(const char *bytes, size_t len, const char *url,
	   const char *http_charset, struct err *e)
{
	const char *cs;
	char csname[64];
	char *u8 = NULL;
	const char *src;
	size_t u8len = 0, srclen;
	int clean;
	htmlParserCtxtPtr ctxt = NULL;
	htmlDocPtr doc = NULL;
	int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
		   HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
		   HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;

	if (!bytes)
		len = 0;
	if (len > HTML_MAX_INPUT)
		len = HTML_MAX_INPUT;
	cs = detect_charset(bytes ? bytes : "", len, http_charset, csname,
			    sizeof(csname), &clean);
	if (clean && len >= 3 && !memcmp(bytes, "\xef\xbb\xbf", 3)) {
		bytes += 3;
		len -= 3;
	}
	if (clean && len) {
		/* The common case: the bytes go to the parser as they are. */
		src = bytes;
		srclen = len;
	} else {
		u8 = html_to_utf8(bytes ? bytes : "", len, cs, &u8len);
		if (u8len > HTML_MAX_INPUT) {
			/* Cut at a character boundary. */
			u8len = HTML_MAX_INPUT;
			while (u8len && (u8[u8len] & 0xc0) == 0x80)
				u8len--;
			u8[u8len] = '\0';
		}
		if (!u8len) {
			/* libxml2 refuses empty input; an empty page is an
			 * empty tree. */
			free(u8);
			u8 = xstrdup("<html><body></body></html>");
			u8len = strlen(u8);
		}
		src = u8;
		srclen = u8len;
	}
	ctxt = htmlNewParserCtxt();
	if (!ctxt) {
		err_set(e, "%s: cannot create an HTML parser",
			url ? url : "page");
		goto out;
	}
	doc = htmlCtxtReadMemory(ctxt, src, (int)srclen, url, "UTF-8", opts);
	if (!doc)
		err_set(e, "%s: the HTML parser gave up", url ? url : "page");
out:
	if (ctxt)
		htmlFreeParserCtxt(ctxt);
	free(u8);
	return doc;
}
