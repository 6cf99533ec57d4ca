/* extract.h: one HTML page to a doc: metadata, the readable body, comments. */
#ifndef WARTA_EXTRACT_H
#define WARTA_EXTRACT_H

#include <stddef.h>

#include "doc/doc.h"
#include "util/err.h"

/* Bumped whenever the extractor's output changes; stored with cached
 * articles so they can be extracted again. */
#define EXTRACT_VERSION 2

/* Extract the article from a page: bytes of HTML, the page URL (may be
 * NULL; links resolve against <base> and it), the charset from HTTP or NULL.
 * Returns a doc (possibly with an empty body) the caller frees with
 * doc_free(), or NULL with e filled when the page cannot be read at all. */
struct doc *extract_page(const char *bytes, size_t len, const char *url,
			 const char *http_charset, struct err *e);

#endif
