/* charset.h: which character set bytes are in, and converting them to UTF-8. */
#ifndef WARTA_CHARSET_H
#define WARTA_CHARSET_H

#include <stddef.h>
#include <stdint.h>

/* The name to convert a declared charset label with: labels are matched
 * case-insensitively and mapped as the WHATWG Encoding Standard maps
 * them, to the superset real documents use (ISO-8859-1, latin1 and
 * US-ASCII -> WINDOWS-1252, GB2312/GBK -> GB18030, Shift_JIS -> CP932,
 * EUC-KR -> CP949, Big5 -> BIG5-HKSCS, TIS-620 -> CP874, ISO-8859-9 ->
 * WINDOWS-1254, "utf8" -> UTF-8, "utf-16" -> UTF-16LE). Returns a static
 * string, or label itself when it is none of those; NULL for NULL. */
const char *charset_canonical(const char *label);
/* The iconv name to decode a label found in a document with: the label is
 * taken from s[0..n), surrounding white space and quotes dropped, mapped as
 * charset_canonical() does, and checked against iconv. Returns a static
 * string or a copy in out[outsz] (64 bytes suffice); NULL when the label
 * is empty, malformed or unknown to iconv. */
const char *charset_resolve(const char *s, size_t n, char *out, size_t outsz);
/* 1 if the label names UTF-8 (or its subset US-ASCII, which the bytes
 * of valid UTF-8 never contradict). */
int charset_is_utf8_label(const char *label);
/* The charset a byte-order mark announces ("UTF-8", "UTF-16LE",
 * "UTF-16BE", "UTF-32LE", "UTF-32BE") and its length in *bom_len; NULL
 * when there is none. Also recognises BOM-less UTF-16 and UTF-32 XML ("<?"
 * and "<" as wide units). */
const char *charset_from_bom(const char *b, size_t len, size_t *bom_len);
/* The encoding="..." of an XML declaration at the start of b, also of one
 * written in EBCDIC; caller frees; NULL when there is none. Looks at the
 * first 512 bytes only. */
char *charset_from_xml_decl(const char *b, size_t len);
/* The charset="..." parameter of a Content-Type header value ("text/xml;
 * charset=utf-8"); caller frees; NULL when there is none. A bare label
 * without '=' is returned as it is. */
char *charset_from_content_type(const char *ct);
/* 1 if b[0..len) is well-formed UTF-8 (NUL bytes allowed). */
int charset_is_utf8(const char *b, size_t len);
/* Number of invalid UTF-8 sequences in b[0..len) (NUL bytes are valid
 * here); the number of well-formed non-ASCII characters goes to *nonascii
 * (may be NULL). */
size_t charset_utf8_errors(const char *b, size_t len, size_t *nonascii);
/* A copy of UTF-8 text with a leading byte-order mark dropped and invalid
 * sequences and NUL bytes replaced by U+FFFD: NUL-terminated, its length in
 * *out_len; caller frees. */
char *charset_utf8_clean(const char *b, size_t len, size_t *out_len);
/* 1 if b holds any byte >= 0x80. */
int charset_has_high(const char *b, size_t len);
/* For bytes that are not UTF-8 and declare nothing usable: a guess by
 * the script the text reads as (charset_guess.c): Korean (CP949),
 * Japanese (EUC-JP, CP932), Chinese (GB18030, BIG5-HKSCS), Thai (CP874),
 * Hebrew (WINDOWS-1255), Cyrillic (WINDOWS-1251, KOI8-R), else
 * WINDOWS-1252. Looks at the first 64 KB. Returns a static string. */
const char *charset_guess_legacy(const char *b, size_t len);
/* The character windows-1252 has at byte c (0 for the five it leaves
 * undefined): what a C1 control in feed text stands for. */
uint32_t charset_cp1252(unsigned char c);
/* Convert len bytes in charset cs to UTF-8: returns a new NUL-terminated
 * string (caller frees) with its length in *out_len, bytes that do not
 * convert replaced by U+FFFD and counted in *bad (may be NULL). NULL when
 * iconv does not know cs. */
char *charset_to_utf8(const char *b, size_t len, const char *cs,
		      size_t *out_len, size_t *bad);

#endif
