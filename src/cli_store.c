/* cli_store.c: opening the cache for a command: the path, the notice, the error. */
#include "config.h"

#include "cli.h"

#include <stdio.h>
#include <stdlib.h>

#include "store.h"
#include "util/str.h"

/* $XDG_DATA_HOME/warta/cache.db, else ~/.local/share/warta/cache.db. */
static char *
default_cache_path(void)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (xdg && *xdg == '/')
		return xasprintf("%s/warta/cache.db", xdg);
	return xasprintf("%s/.local/share/warta/cache.db",
			 home && *home ? home : ".");
}

struct store *
cli_store_open(const struct cli_globals *g, const char *cmd)
{
	struct err e = {{0}};
	char *path = g->cache_path ? xstrdup(g->cache_path) :
				     default_cache_path();
	struct store *s = store_open(path, &e);

	if (!s)
		fprintf(stderr, "warta: %s: %s\n", cmd, e.msg);
	else if (store_notice(s))
		fprintf(stderr, "warta: %s\n", store_notice(s));
	free(path);
	return s;
}
