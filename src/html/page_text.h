/* page_text.h: a whole HTML page as plain text in reading order, for when the
 * extractor missed something (the article view's "page text"). */
#ifndef WARTA_PAGE_TEXT_H
#define WARTA_PAGE_TEXT_H

#include <stddef.h>

struct err;

/* Largest text returned; the rest of a page is cut. */
#define PAGE_TEXT_MAX ((size_t)4 << 20)

/* The visible text of the page bytes[0..len) (charset as html_parse()
 * decides, http_charset may be NULL) as html_text_node() reads the tree:
 * one line per block (paragraph, heading, list item, table row...), white
 * space collapsed, scripts and styles left out, links kept as their text.
 * Not yet sanitised for the terminal. Caller frees; NULL with e filled when
 * the page cannot be read. */
char *page_text_from_html(const char *bytes, size_t len, const char *url,
			  const char *http_charset, struct err *e);

#endif
