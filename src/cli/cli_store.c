/* cli_store.c: opening the cache for a command: the path, the notice, the error. */
#include "autoconfig.h"

#include "cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config/paths.h"
#include "html/html_text.h"
#include "store/store.h"
#include "util/str.h"

char *
cli_cache_path(const struct cli_globals *g)
{
	char *dir, *path;

	if (g->cache_path)
		return xstrdup(g->cache_path);
	if (!g->demo)
		return paths_cache_file();
	/* the demo's items stay out of the user's own cache */
	dir = paths_data_dir();
	path = xasprintf("%s/demo-cache.db", dir);
	free(dir);
	return path;
}

/* The search index takes a summary's words as the interface shows them. */
static const struct store_text summary_text = {html_text_line,
					       HTML_TEXT_VERSION};

struct store *
cli_store_open(const struct cli_globals *g, const char *cmd)
{
	struct err e = {{0}};
	char *path = cli_cache_path(g);
	struct store *s = store_open(path, &summary_text, &e);

	if (!s)
		fprintf(stderr, "warta: %s: %s\n", cmd, e.msg);
	else if (store_notice(s))
		fprintf(stderr, "warta: %s\n", store_notice(s));
	free(path);
	return s;
}

struct store *
cli_store_open_existing(const struct cli_globals *g, const char *cmd)
{
	char *path = cli_cache_path(g);
	struct stat sb;
	int missing = stat(path, &sb) != 0 ? errno : 0;

	/* a command that only reads makes no cache (nor its directory) */
	if (missing == ENOENT || missing == ENOTDIR)
		fprintf(stderr,
			"warta: %s: there is no cache at %s yet ('warta "
			"refresh' makes it)\n",
			cmd, path);
	else if (missing)
		fprintf(stderr, "warta: %s: cache %s: %s\n", cmd, path,
			strerror(missing));
	free(path);
	if (missing)
		return NULL;
	return cli_store_open(g, cmd);
}
