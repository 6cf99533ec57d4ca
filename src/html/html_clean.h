/* html_clean.h: HTML from feeds made safe to show and to hand on. */
#ifndef WARTA_HTML_CLEAN_H
#define WARTA_HTML_CLEAN_H

#include <stddef.h>

/*
 * What a feed's summary or content may keep: the elements of text, tables,
 * lists, figures, images, audio and video, forms, MathML and SVG drawings,
 * with the attributes that describe them. Dropped with everything inside:
 * script, style, iframe, object, applet, template, noembed, noframes,
 * frameset, head and title; dropped alone: embed, frame, meta (so no
 * refresh), link, base, param; any other element loses its tag and keeps
 * its content (blink, font faces of Word, custom elements), and a "<word>"
 * that names no element stays text, as html_text_fragment() reads it.
 * Attributes are kept by name (no event handlers, no srcdoc), style keeps
 * only declarations that change how text looks, and every URL is resolved
 * against the base and kept only with a scheme that loads no script:
 * http, https, mailto, ftp, tel, news, ... (data: only for images). Comments,
 * doctypes and processing instructions are dropped; a '<' that starts no
 * markup becomes "&lt;".
 */

/* s[0..len), an HTML fragment, made safe as above; relative URLs are
 * resolved against base (may be NULL: they stay relative). Returns a new
 * string (caller frees), at most max bytes when max is not 0 (cut between
 * tags). */
char *html_clean(const char *s, size_t len, const char *base, size_t max);
/* 1 when s[0..len) plainly holds HTML: an end tag of a known element
 * ("</b>"), a void element or a paragraph ("<br/>", "<img ...>", "<p>"),
 * or a character reference ("&amp;"); so text of unknown kind is better
 * read as HTML than as plain text. A lone start tag ("the <blink> tag")
 * is not enough: it may be a word about HTML. */
int html_clean_looks_like_html(const char *s, size_t len);

#endif
