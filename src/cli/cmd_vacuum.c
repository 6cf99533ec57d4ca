/* cmd_vacuum.c: `warta vacuum`: compact the cache file. */
#include "autoconfig.h"

#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>

#include "store/store.h"

int
cmd_vacuum(const struct cli_globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct err e = {{0}};
	struct store *s;
	long long before = 0, after = 0;
	int status = 1, ch;

	while ((ch = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (ch == 'h')
			return cli_command_help("vacuum");
		return cli_option_error("vacuum", ch, argv);
	}
	if (optind < argc)
		return cli_usage_error("vacuum", "no arguments expected");
	s = cli_store_open_existing(g, "vacuum");
	if (!s)
		return 1;
	if (store_vacuum(s, &before, &after, &e) != 0) {
		fprintf(stderr, "warta: vacuum: %s\n", e.msg);
		goto out;
	}
	if (store_check(s, &e) != 0) {
		fprintf(stderr, "warta: vacuum: %s\n", e.msg);
		goto out;
	}
	printf("%s: %.1f MB -> %.1f MB, checked ok\n", store_path(s),
	       (double)before / 1e6, (double)after / 1e6);
	status = 0;
out:
	store_close(s);
	return status;
}
