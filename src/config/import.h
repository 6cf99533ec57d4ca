/* import.h: new sources appended to config.ini, named so they never clash. */
#ifndef WARTA_IMPORT_H
#define WARTA_IMPORT_H

#include "config/config.h"
#include "util/buf.h"

#include <stddef.h>

/* A source to add; strings are the caller's. */
struct config_import {
	const char *title; /* the name wanted, or NULL: the URL's host */
	const char *url;
	const char *type;  /* written as type = ..., or NULL: none */
	char *const *tags; /* plain words: no , ; # " or \ */
	size_t ntags;
};

/* Append to out one ini section per entry of in whose URL is http(s), fits
 * a config line and is not a source of c yet (nor earlier in in), named
 * after its title without brackets, colons or comment marks and unlike any
 * section of c or the names reserved for [general], [keys] and [colors].
 * Returns how many were added and sets *skipped (may be NULL) to how many
 * were not. */
size_t config_import_ini(const struct config *c, const struct config_import *in,
			 size_t n, struct buf *out, size_t *skipped);

#endif
