/* html.h: bytes of an HTML page to a libxml2 tree, with charset detection. */
#ifndef WARTA_HTML_H
#define WARTA_HTML_H

#include <stddef.h>

#include <libxml/HTMLparser.h>

#include "util/err.h"

/* Largest input parsed; longer input is cut there (best effort). */
#define HTML_MAX_INPUT ((size_t)8 << 20)

/* Get the XML library ready for parsing in several threads at once: call
 * once from the main thread before any other thread parses. */
void html_init(void);
/* Parse an HTML page. The charset is chosen in the order HTTP charset, byte
 * order mark, <meta charset>/http-equiv, sniffing; a declared charset that
 * the bytes contradict (valid non-ASCII UTF-8 declared as something else) is
 * overridden. Invalid bytes become U+FFFD. Never touches the network.
 * url (may be NULL) becomes the document URL. Returns a tree the caller
 * frees with xmlFreeDoc(), or NULL with e filled. */
htmlDocPtr html_parse(const char *bytes, size_t len, const char *url,
		      const char *http_charset, struct err *e);

/* The charset html_parse() would decode these bytes with, as an iconv name
 * (e.g. "UTF-8", "WINDOWS-1252", "GB18030"): a static string or a copy in
 * name[namesz] (64 bytes suffice). */
const char *html_detect_charset(const char *bytes, size_t len,
				const char *http_charset, char *name,
				size_t namesz);

/* Decode bytes from charset (an iconv name) to well-formed UTF-8 without NUL
 * bytes; undecodable bytes become U+FFFD. Returns a new string of *outlen
 * bytes, caller frees. */
char *html_to_utf8(const char *bytes, size_t len, const char *charset,
		   size_t *outlen);

#endif
