/* html_text.h: the one way HTML becomes plain text, from a string or a tree. */
#ifndef WARTA_HTML_TEXT_H
#define WARTA_HTML_TEXT_H

#include <stddef.h>
#include <stdint.h>

struct _xmlNode; /* libxml2's xmlNode */

/*
 * Both front-ends share one lower layer (html_text_int.h): which elements
 * are blocks and which hide their content (script, style, head, ...), how
 * character references decode, how white space is squeezed. So a summary
 * reads the same in the interface, in `warta feed` and in the search index,
 * and a page's text the same as a fragment's.
 */

/* Where a block element (p, div, li, br, headings, table cells...) starts
 * or ends, the text gets a line break (HTML_TEXT_LINES) or a space
 * (HTML_TEXT_LINE: titles, names, the search index). */
enum html_text_form {
	HTML_TEXT_LINE,
	HTML_TEXT_LINES,
};

/* Bumped whenever html_text_line() gives other text for some input: a
 * cache whose search index was built with another version rebuilds it. */
#define HTML_TEXT_VERSION 1

/* The text of the HTML fragment s[0..len) (a feed's title or summary):
 * tags of HTML elements dropped (any other "<word" is text: "Use <vector>
 * well"), comments dropped, hidden elements (script, style, ...) dropped
 * with their content, character references decoded once, white space
 * (NBSP too) squeezed to one space, no space at either end or around a
 * line break, invalid UTF-8 and NUL as U+FFFD; cut to at most max bytes (0:
 * no cap) at a character boundary. Returns a new string, caller frees. */
char *html_text_fragment(const char *s, size_t len, enum html_text_form form,
			 size_t max);
/* html_text_fragment(s, len, HTML_TEXT_LINE, 0): the words of a summary as
 * the search index takes them. New string, caller frees. */
char *html_text_line(const char *s, size_t len);
/* The text of the tree under n, n included (an element, a document or an
 * attribute), as html_text_fragment() reads markup; the parser decoded the
 * references already, so they are not decoded again. New string, caller
 * frees. */
char *html_text_node(const struct _xmlNode *n, enum html_text_form form,
		     size_t max);

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
