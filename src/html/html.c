/* html.c: charset detection and decoding, then libxml2's forgiving HTML parser.
 */
#include "autoconfig.h"

#include "html/html.h"
#include "html/html_guard.h"

#include <stdlib.h>
#include <string.h>

#include "util/charset.h"
#include "util/str.h"

/* How far into the page a <meta charset> is looked for. */
#define META_SCAN 16384

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
			n = charset_resolve(p + v, vend - v, out, outsz);
			if (n)
				return n;
		}
		i = tagend;
	}
	return NULL;
}

/* As html_detect_charset(); *clean says the bytes are well-formed UTF-8
 * without NULs, to be parsed as they are. */
static const char *
detect_charset(const char *bytes, size_t len, const char *http_charset,
	       char *name, size_t namesz, int *clean)
{
	const char *declared = NULL, *bom;
	size_t nonascii, invalid, bomlen;

	*clean = 0;
	/* A byte-order mark outranks even the HTTP header (as browsers do). */
	bom = charset_from_bom(bytes, len, &bomlen);
	if (bom)
		return bom;
	if (http_charset && *http_charset)
		declared = charset_resolve(http_charset, strlen(http_charset),
					   name, namesz);
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
	invalid = charset_utf8_errors(bytes, len, &nonascii);
	if (!invalid && !memchr(bytes, '\0', len)) {
		*clean = 1;
		return "UTF-8"; /* pure ASCII, or UTF-8 whatever the label says
				 */
	}
	if (declared)
		return declared;
	/* Nothing declared: UTF-8 with a few broken bytes (or NULs) is still
	 * UTF-8; otherwise a legacy charset guessed from the bytes. */
	if (invalid * 20 <= nonascii)
		return "UTF-8";
	return charset_guess_legacy(bytes, len);
}

const char *
html_detect_charset(const char *bytes, size_t len, const char *http_charset,
		    char *name, size_t namesz)
{
	int clean;

	return detect_charset(bytes, len, http_charset, name, namesz, &clean);
}

char *
html_to_utf8(const char *bytes, size_t len, const char *charset, size_t *outlen)
{
	char *conv, *res;
	size_t n;

	if (!charset || !str_casecmp(charset, "UTF-8"))
		return charset_utf8_clean(bytes, len, outlen);
	conv = charset_to_utf8(bytes, len, charset, &n, NULL);
	if (!conv)
		return charset_utf8_clean(bytes, len, outlen);
	/* a BOM the conversion kept, NULs the source encoded */
	res = charset_utf8_clean(conv, n, outlen);
	free(conv);
	return res;
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
	/* the caller names the page, as for the parser's own errors */
	if (html_guard_check(src, srclen, HTML_GUARD_HTML, e) < 0)
		goto out;
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

void
html_init(void)
{
	xmlInitParser();
}
