/* opml.h: OPML subscription lists read into a list of feeds, and written. */
#ifndef WARTA_OPML_H
#define WARTA_OPML_H

#include "util/err.h"

#include <stddef.h>

/* One subscription of an OPML file. */
struct opml_feed {
	char *title; /* title or text attribute, or NULL */
	char *url;   /* xmlUrl (or url for type="link", and for type="json"
		      * of lists of JSON Feeds) */
	char *type;  /* "page" for type="link", else NULL */
	char **tags; /* from enclosing outlines and the category attribute:
		      * plain words without , ; # " or \, at most 48 bytes */
	size_t ntags;
};

struct opml {
	struct opml_feed *feeds;
	size_t n;
	char *notice; /* what the parse left out ("nested deeper than 256
		       * levels: the rest was skipped"), or NULL */
};

/* Parse an OPML document (no network, no entities, nesting and count
 * bounded). 0, or -1 with e set; free o with opml_free() in both cases. */
int opml_parse(const char *bytes, size_t len, struct opml *o, struct err *e);
/* Free what opml_parse() put in o (not for lists whose strings the caller
 * only borrowed). */
void opml_free(struct opml *o);

/* o as an OPML 2.0 document titled "warta sources": feeds without tags
 * first, then one folder per first tag in list order, every tag also in
 * the category attribute; type "page" becomes type="link" with url. Text
 * that XML cannot hold is made visible, so the result is well-formed.
 * Caller frees. */
char *opml_write(const struct opml *o);

#endif
