/* cli_config.c: finding and loading the config for a command, and saying why not. */
#include "config.h"

#include "cli.h"
#include "conf.h"
#include "paths.h"
#include "util/str.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

char *
cli_config_path(const struct cli_globals *g)
{
	if (g->demo)
		return paths_pkgdata_file("demo/config.ini");
	if (g->config_path)
		return xstrdup(g->config_path);
	return paths_config_file();
}

int
cli_config_load(const struct cli_globals *g, struct config *c)
{
	char *path = cli_config_path(g);
	struct err e;
	int rc = -1;

	config_init(c);
	if (!path) {
		fputs("warta: the demo sources are not installed\n", stderr);
		return -1;
	}
	if (!g->demo && !g->config_path && access(path, F_OK) != 0) {
		/* first run: a commented example to start from */
		if (config_write_example(path, &e) < 0) {
			fprintf(stderr, "warta: %s\n", e.msg);
			goto out;
		}
		fprintf(stderr,
			"warta: no configuration yet: wrote an example to %s;\n"
			"warta: add your sources there (see warta.ini(5))\n",
			path);
	}
	rc = config_load(path, c, &e);
	for (size_t i = 0; i < c->nwarnings; i++)
		fprintf(stderr, "warta: warning: %s\n", c->warnings[i]);
	for (size_t i = 0; i < c->nerrors; i++)
		fprintf(stderr, "warta: %s\n", c->errors[i]);
out:
	free(path);
	return rc;
}
