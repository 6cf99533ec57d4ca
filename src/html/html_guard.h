/* html_guard.h: markup refused before libxml2 parses it: the attribute bomb. */
#ifndef WARTA_HTML_GUARD_H
#define WARTA_HTML_GUARD_H

#include <stddef.h>

#include "util/err.h"

/* The most attributes one element may have. libxml2 compares each new
 * attribute with every earlier one of its element: 200 000 of them cost
 * minutes; pages and feeds have a few dozen at most. */
#define HTML_GUARD_MAX_ATTRIBUTES 4096

/* What the markup is, for the raw text of HTML's script and style, which
 * the HTML parser reads as text and an XML parser as elements. */
enum html_guard_kind {
	HTML_GUARD_HTML,
	HTML_GUARD_XML,
};

/* Scan bytes[0..len) (a page, a feed, an OPML list; any encoding that
 * keeps ASCII as ASCII) once, as the parser of kind will read its tags:
 * 0 when no start tag has more than HTML_GUARD_MAX_ATTRIBUTES attributes,
 * else -1 with e saying which line ("an element on line 3 has more than
 * 4096 attributes: not parsed"). Every parse entry calls it first. */
int html_guard_check(const char *bytes, size_t len, enum html_guard_kind kind,
		     struct err *e);

#endif
