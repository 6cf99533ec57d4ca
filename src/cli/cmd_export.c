/* cmd_export.c: `warta export`: the configured sources, and the sync server's,
 * as OPML 2.0 on stdout. */
#include "autoconfig.h"

#include "cli/cli.h"
#include "cli/cli_opml.h"
#include "config/config.h"
#include "refresh/refresh.h"
#include "store/store.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int
cmd_export(const struct cli_globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct config c;
	struct config_source *synced = NULL;
	size_t nsynced = 0;
	char *out, *path;
	int ch, none;

	while ((ch = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (ch == 'h')
			return cli_command_help("export");
		return cli_option_error("export", ch, argv);
	}
	if (optind != argc)
		return cli_usage_error("export", "takes no arguments");
	/* export only reads: no first-run example is written for it */
	path = cli_config_path(g);
	none = path && !g->demo && access(path, F_OK) != 0;
	if (none)
		fprintf(stderr,
			"warta: export: there is no config at %s yet: no "
			"sources to export\n",
			path);
	free(path);
	if (none)
		return 1;
	if (cli_config_load(g, &c) < 0) {
		config_free(&c);
		return 1;
	}
	path = cli_cache_path(g);
	none = access(path, F_OK) != 0;
	free(path);
	if (c.sync.on && !none) {
		/* the subscriptions the server keeps, as the cache has them
		 * (export makes no cache: without one, there are none yet) */
		struct store *st = cli_store_open(g, "export");
		struct err e;

		if (!st || refresh_synced_sources(st, &c, &synced, &nsynced,
						  &e) != 0) {
			if (st)
				fprintf(stderr, "warta: export: %s\n", e.msg);
			store_close(st);
			config_free(&c);
			return 1;
		}
		store_close(st);
	}
	out = cli_opml_export(&c, synced, nsynced);
	fputs(out, stdout);
	free(out);
	refresh_synced_free(synced, nsynced);
	config_free(&c);
	return 0;
}
