/* html_text_int.h: the layer under html_text.h (private to src/html/). */
#ifndef WARTA_HTML_TEXT_INT_H
#define WARTA_HTML_TEXT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "html/html_text.h"
#include "util/buf.h"

/* What an element does to the text around and inside it. */
enum html_elem {
	HTML_ELEM_UNKNOWN, /* not an HTML element: its "<name" is text */
	HTML_ELEM_INLINE,  /* its content runs on (a, b, span, img...) */
	HTML_ELEM_BLOCK,   /* a line of its own (p, div, li, br, h1, td...) */
	HTML_ELEM_HIDDEN,  /* its content is never shown (script, style...) */
};

/* What the element called name[0..len) is (ASCII case ignored); a name
 * with a prefix ("o:p") or a hyphen (custom elements) is inline. */
enum html_elem html_elem_kind(const char *name, size_t len);
/* 1 when the element called name[0..len) never has content (br, img...). */
int html_elem_void(const char *name, size_t len);

/* The character reference at s[0..len) (s[0] == '&'): the bytes it takes,
 * its code point in *cp; 0 when it is not one ("AT&T", "&nosuch;"). */
size_t html_ref_decode(const char *s, size_t len, uint32_t *cp);

/* Text being built: white space squeezed, breaks between blocks, a cap. */
struct html_sink {
	struct buf b;
	enum html_text_form form;
	size_t max; /* 0: no cap */
	int gap;    /* owed before the next character: 0, 1 space, 2 break */
	int full;   /* the cap was reached: the rest is ignored */
};

/* Start k; hint: about how long the text may be (room made at once). */
void html_sink_init(struct html_sink *k, enum html_text_form form, size_t max,
		    size_t hint);
/* Add text s[0..len) (not decoded further). */
void html_sink_text(struct html_sink *k, const char *s, size_t len);
/* Add the text of s[0..len) up to its first '<' or '&' when stop is set
 * (all of it otherwise); returns the bytes taken (all when the cap was
 * reached). */
size_t html_sink_run(struct html_sink *k, const char *s, size_t len, int stop);
/* A block starts or ends here. */
void html_sink_break(struct html_sink *k);
/* The text; k is left empty. Caller frees. */
char *html_sink_finish(struct html_sink *k);

#endif
