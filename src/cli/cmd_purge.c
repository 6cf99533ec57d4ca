/* cmd_purge.c: `warta purge`: drop the cached items of sources no longer in the
 * config, nor on the sync server. */
#include "autoconfig.h"

#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "refresh/refresh.h"
#include "store/store.h"
#include "util/str.h"
#include "util/utf8.h"

static int
kept(const char *const *keep, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(keep[i], name))
			return 1;
	return 0;
}

int
cmd_purge(const struct cli_globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{"dry-run", no_argument, NULL, 'n'},
		{"force", no_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct config c;
	struct store *s = NULL;
	struct store_source *rows = NULL;
	struct config_source *synced = NULL;
	const char **keep = NULL;
	struct err e = {{0}};
	size_t n = 0, gone = 0, nsynced = 0, nkeep = 0;
	long nsrc = 0, nitems = 0;
	int ch, dry = 0, force = 0, status = 1;

	while ((ch = getopt_long(argc, argv, "+:nfh", opts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			dry = 1;
			break;
		case 'f':
			force = 1;
			break;
		case 'h':
			return cli_command_help("purge");
		default:
			return cli_option_error("purge", ch, argv);
		}
	}
	if (optind < argc)
		return cli_usage_error("purge", "no arguments expected");
	/* a config that does not load must never look like "no sources" */
	if (cli_config_load(g, &c) != 0) {
		fputs("warta: purge: the config did not load; nothing purged\n",
		      stderr);
		config_free(&c);
		return 1;
	}
	s = cli_store_open_existing(g, "purge");
	if (!s)
		goto out;
	/* the sync server's sources are kept while [sync] is there */
	if (refresh_synced_sources(s, &c, &synced, &nsynced, &e) != 0)
		goto fail;
	keep = xcalloc(c.nsources + nsynced + 1, sizeof(*keep));
	for (size_t i = 0; i < c.nsources; i++)
		keep[nkeep++] = c.sources[i].name;
	for (size_t i = 0; i < nsynced; i++)
		keep[nkeep++] = synced[i].name;
	if (nkeep == 0 && !force) {
		fputs("warta: purge: the config has no sources; refusing to "
		      "purge every source (use --force)\n",
		      stderr);
		goto out;
	}
	if (store_sources_list(s, &rows, &n, &e) != 0)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		char *name;

		if (kept(keep, nkeep, rows[i].name))
			continue;
		name = utf8_sanitize(rows[i].name, strlen(rows[i].name), 0);
		printf("%s %s (%ld items)\n", dry ? "would drop" : "dropping",
		       name, rows[i].total);
		free(name);
		gone++;
	}
	if (dry || gone == 0) {
		if (gone == 0)
			printf("nothing to purge\n");
		status = 0;
		goto out;
	}
	if (store_purge(s, keep, nkeep, &nsrc, &nitems, &e) != 0)
		goto fail;
	printf("purged %ld sources, %ld items; 'warta vacuum' gives the space "
	       "back\n",
	       nsrc, nitems);
	status = 0;
	goto out;
fail:
	fprintf(stderr, "warta: purge: %s\n", e.msg);
out:
	free(keep);
	refresh_synced_free(synced, nsynced);
	store_sources_free(rows, n);
	store_close(s);
	config_free(&c);
	return status;
}
