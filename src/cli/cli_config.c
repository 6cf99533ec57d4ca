/* cli_config.c: finding and loading the config for a command, and saying why not. */
#include "autoconfig.h"

#include "cli/cli.h"
#include "config/config.h"
#include "fetch/fetch.h"
#include "refresh/refresh.h"
#include "config/paths.h"
#include "util/buf.h"
#include "util/file.h"
#include "util/str.h"
#include "util/utf8.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *
cli_config_path(const struct cli_globals *g)
{
	if (g->demo)
		return paths_pkgdata_file("demo/demo.ini");
	if (g->config_path)
		return xstrdup(g->config_path);
	return paths_config_file();
}

/* The demo's config names its files as file://@DEMODIR@/...: load a copy
 * with the directory filled in. */
static int
load_demo(const char *path, struct config *c, struct err *e)
{
	const char *tmpdir = getenv("TMPDIR");
	char *dir = xstrndup(path, (size_t)(strrchr(path, '/') - path));
	char *tmp = xasprintf("%s/warta-demo.XXXXXX",
			      tmpdir && *tmpdir ? tmpdir : "/tmp");
	struct buf text;
	FILE *in = fopen(path, "r"), *out = NULL;
	char line[4096];
	int fd = -1, rc = -1;

	buf_init(&text, 1 << 20);
	if (!in) {
		err_set(e, "%s: %s", path, strerror(errno));
		goto out;
	}
	while (fgets(line, sizeof(line), in)) {
		char *at;
		const char *p = line;

		while ((at = strstr(p, "@DEMODIR@"))) {
			buf_append(&text, p, (size_t)(at - p));
			buf_puts(&text, dir);
			p = at + 9;
		}
		buf_puts(&text, p);
	}
	fd = mkstemp(tmp);
	if (fd >= 0)
		file_track(tmp, 0); /* removed on a fatal signal too */
	if (fd < 0 || !(out = fdopen(fd, "w"))) {
		err_set(e, "cannot create %s: %s", tmp, strerror(errno));
		goto out;
	}
	fd = -1;
	if (text.len)
		fwrite(text.data, 1, text.len, out);
	if (fclose(out) != 0) {
		out = NULL;
		err_set(e, "cannot write %s", tmp);
		goto out;
	}
	out = NULL;
	rc = config_load(tmp, c, e);
	if (rc == 0) {
		free(c->path);
		c->path = xstrdup(path);
	}
out:
	if (out)
		fclose(out);
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	file_untrack(tmp);
	if (in)
		fclose(in);
	buf_free(&text);
	free(tmp);
	free(dir);
	return rc;
}

/* Print "warta: " what msg on stderr, msg made safe for the terminal (a
 * config file's names end up in its messages). */
static void
put_problem(const char *what, const char *msg)
{
	char *safe = utf8_sanitize(msg, strlen(msg), 0);

	fprintf(stderr, "warta: %s%s\n", what, safe);
	free(safe);
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
	rc = g->demo ? load_demo(path, c, &e) : config_load(path, c, &e);
	for (size_t i = 0; i < c->nwarnings; i++)
		put_problem("warning: ", c->warnings[i]);
	for (size_t i = 0; i < c->nerrors; i++)
		put_problem("", c->errors[i]);
	if (rc < 0 && !c->nerrors)
		put_problem("", e.msg);
out:
	free(path);
	return rc;
}

int
cli_fetch_options(const struct cli_globals *g, struct config *c,
		  struct fetch_options *o)
{
	char *path = cli_config_path(g);
	int rc = 0;

	config_init(c);
	/* no config yet: the defaults, and no example written for a
	 * command that only reads one page */
	if (path && (g->demo || g->config_path || access(path, F_OK) == 0)) {
		config_free(c);
		rc = cli_config_load(g, c);
	}
	free(path);
	refresh_fetch_options(c, NULL, o);
	if (rc < 0)
		return -1;
	return c->offline ? 1 : 0;
}
