/* cli_opml.h: an OPML list into config.ini sections, config sources out. */
#ifndef WARTA_CLI_OPML_H
#define WARTA_CLI_OPML_H

#include <stddef.h>

struct buf;
struct config;
struct config_source;
struct opml;

/* Append to out one ini section per feed of o that c has not yet
 * (config_import_ini()); returns how many were added and sets *skipped
 * to how many were not. */
size_t cli_opml_to_ini(const struct opml *o, const struct config *c,
		       struct buf *out, size_t *skipped);
/* c's sources, then more[0..nmore) (the sync server's), as an OPML 2.0
 * document (opml_write()); caller frees. */
char *cli_opml_export(const struct config *c, const struct config_source *more,
		      size_t nmore);

#endif
