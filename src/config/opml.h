/* opml.h: OPML subscription lists in (as config.ini sections) and out. */
#ifndef WARTA_OPML_H
#define WARTA_OPML_H

#include "config/config.h"
#include "util/buf.h"
#include "util/err.h"

#include <stddef.h>

/* One subscription found in an OPML file. */
struct opml_feed {
	char *title;    /* title or text attribute, or NULL */
	char *url;      /* xmlUrl (or url for type="link") */
	char *type;     /* "page" for type="link", else NULL */
	char **tags;    /* from enclosing outlines and the category attribute */
	size_t ntags;
};

struct opml {
	struct opml_feed *feeds;
	size_t n;
};

/* Parse an OPML document (no network, no entities, nesting and count
 * bounded). 0, or -1 with e set; free o with opml_free() in both cases. */
int opml_parse(const char *bytes, size_t len, struct opml *o, struct err *e);
void opml_free(struct opml *o);

/* Append to out one ini section per feed of o whose URL is not a source of
 * c yet (nor earlier in o), named uniquely; returns how many were added and
 * sets *skipped to how many were already there. */
size_t opml_to_ini(const struct opml *o, const struct config *c,
		   struct buf *out, size_t *skipped);

/* c's sources as an OPML 2.0 document (nested by first tag, every tag also
 * in the category attribute); caller frees. */
char *opml_export(const struct config *c);

#endif
