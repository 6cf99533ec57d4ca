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
cli_opml_export(const struct config *c, const struct config_source *more,
		size_t nmore)
{
	/* the list borrows the sources' strings: only the array is freed */
	struct opml o = {
	    .feeds = xcalloc(c->nsources + nmore + 1, sizeof(*o.feeds)),
	    .n = c->nsources + nmore};
	char *x;

	for (size_t i = 0; i < c->nsources + nmore; i++) {
		const struct config_source *s =
		    i < c->nsources ? &c->sources[i] : &more[i - c->nsources];

		o.feeds[i].title = s->name;
		o.feeds[i].url = s->url;
		o.feeds[i].type = s->type;
		o.feeds[i].tags = s->tags;
		o.feeds[i].ntags = s->ntags;
	}
	x = opml_write(&o);
	free(o.feeds);
	return x;
}
