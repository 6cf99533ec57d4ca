/* html_text.h: text helpers shared by the feed and front-page parsers. */
#ifndef WARTA_HTML_TEXT_H
#define WARTA_HTML_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Plain text from a title-like string that may hold HTML: known tags
 * dropped (comments, scripts and styles with their content), character and
 * entity references decoded (a second time when they were escaped twice,
 * "&amp;amp;"), white space squeezed, cut to at most max bytes at a
 * character boundary. Returns a new string, caller frees. */
char *html_text_plain(const char *s, size_t len, size_t max);
/* Decode HTML character references (&name; &#n; &#xh;) of s[0..len) into a
 * new string, caller frees. */
char *html_text_decode_refs(const char *s, size_t len);
/* s with & < > " escaped for HTML; new string, caller frees. */
char *html_text_escape(const char *s);
/* FNV-1a 64-bit hash of s[0..len), continuing from h (start with
 * HTML_TEXT_FNV_INIT). */
#define HTML_TEXT_FNV_INIT 0xcbf29ce484222325ULL
uint64_t html_text_hash(const char *s, size_t len, uint64_t h);

#endif
