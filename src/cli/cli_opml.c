/* cli_opml.c: an OPML list into config.ini sections, config sources out. */
#include "autoconfig.h"

#include "cli/cli_opml.h"
#include "config/config.h"
#include "config/import.h"
#include "feed/opml.h"
#include "util/buf.h"
#include "util/str.h"

#include <stdlib.h>

size_t
cli_opml_to_ini(const struct opml *o, const struct config *c, struct buf *out,
		size_t *skipped)
{
	struct config_import *in = xcalloc(o->n ? o->n : 1, sizeof(*in));
	size_t added;

	for (size_t i = 0; i < o->n; i++) {
		in[i].title = o->feeds[i].title;
		in[i].url = o->feeds[i].url;
		in[i].type = o->feeds[i].type;
		in[i].tags = o->feeds[i].tags;
		in[i].ntags = o->feeds[i].ntags;
	}
	added = config_import_ini(c, in, o->n, out, skipped);
	free(in);
	return added;
}

char *
cli_opml_export(const struct config *c)
{
	/* the list borrows the config's strings: only the array is freed */
	struct opml o = {
	    xcalloc(c->nsources ? c->nsources : 1, sizeof(*o.feeds)),
	    c->nsources, NULL};
	char *x;

	for (size_t i = 0; i < c->nsources; i++) {
		o.feeds[i].title = c->sources[i].name;
		o.feeds[i].url = c->sources[i].url;
		o.feeds[i].type = c->sources[i].type;
		o.feeds[i].tags = c->sources[i].tags;
		o.feeds[i].ntags = c->sources[i].ntags;
	}
	x = opml_write(&o);
	free(o.feeds);
	return x;
}
