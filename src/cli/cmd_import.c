/* cmd_import.c: `warta import FILE.opml`: add an OPML list's feeds to config.ini. */
#include "autoconfig.h"

#include "cli/cli.h"
#include "cli/cli_opml.h"
#include "config/config.h"
#include "feed/opml.h"
#include "util/buf.h"
#include "util/file.h"
#include "util/str.h"
#include "util/utf8.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_OPML (16 * 1024 * 1024)

/* With sync on: the feeds of o (first tag as folder) to the server. */
static int
import_to_server(const struct cli_globals *g, struct config *c,
		 const struct opml *o)
{
	const char **urls = xcalloc(o->n + 1, sizeof(*urls));
	const char **tags = xcalloc(o->n + 1, sizeof(*tags));
	size_t n = 0;
	int rc;

	for (size_t i = 0; i < o->n; i++) {
		if (!o->feeds[i].url || o->feeds[i].type)
			continue; /* a front page is warta's own, not a feed */
		urls[n] = o->feeds[i].url;
		tags[n++] = o->feeds[i].ntags ? o->feeds[i].tags[0] : NULL;
	}
	rc = cli_sync_import(g, c, urls, tags, n);
	free(urls);
	free(tags);
	return rc;
}

int
cmd_import(const struct cli_globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct config c;
	struct opml o = {0};
	struct buf opml_text, text;
	struct err e;
	char *path = NULL, *real = NULL, *tmp = NULL;
	size_t added, skipped = 0;
	int ch, rc = 1, exists;
	char date[32];
	time_t now = time(NULL);
	struct tm tm;

	while ((ch = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (ch == 'h')
			return cli_command_help("import");
		return cli_option_error("import", ch, argv);
	}
	if (optind != argc - 1)
		return cli_usage_error("import", "give one OPML file");
	if (g->demo)
		return cli_usage_error("import", "cannot import into the "
						 "demo sources");
	config_init(&c);
	buf_init(&opml_text, 0);
	buf_init(&text, 0);
	path = cli_config_path(g);
	exists = access(path, F_OK) == 0;
	if (exists) {
		if (config_load(path, &c, &e) < 0) {
			fprintf(stderr, "warta: %s\nwarta: import: fix the "
					"configuration first\n",
				e.msg);
			goto out;
		}
		if (file_read_all(path, 1 << 20, 0, &text, &e) < 0) {
			fprintf(stderr, "warta: %s\n", e.msg);
			goto out;
		}
	} else {
		buf_puts(&text, config_example());
	}
	if (file_read_all(argv[optind], MAX_OPML, 0, &opml_text, &e) < 0 ||
	    opml_parse(opml_text.data ? opml_text.data : "", opml_text.len, &o,
		       &e) < 0) {
		fprintf(stderr, "warta: import: %s: %s\n", argv[optind],
			e.msg);
		goto out;
	}
	if (o.notice) {
		char *safe =
		    utf8_sanitize(argv[optind], strlen(argv[optind]), 0);

		fprintf(stderr, "warta: import: %s: %s\n", safe, o.notice);
		free(safe);
	}
	if (c.sync.on) {
		/* the server keeps the subscriptions: they go there */
		rc = import_to_server(g, &c, &o);
		goto out;
	}
	if (text.len && text.data[text.len - 1] != '\n')
		buf_putc(&text, '\n');
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	{
		size_t mark = text.len;

		buf_printf(&text, "\n; imported from %s on %s\n",
			   strrchr(argv[optind], '/')
				   ? strrchr(argv[optind], '/') + 1
				   : argv[optind],
			   date);
		added = cli_opml_to_ini(&o, &c, &text, &skipped);
		if (!added)
			text.len = mark; /* nothing to add: leave the file */
	}
	if (added) {
		struct config check;

		/* the new text must load before it replaces the old, which
		 * is the file a symbolic link leads to, not the link */
		real = file_follow_links(path);
		tmp = xasprintf("%s.import", real);
		if (config_write_file(tmp, text.data, text.len, &e) < 0) {
			fprintf(stderr, "warta: %s\n", e.msg);
			goto out;
		}
		file_track(tmp, 0); /* until renamed: gone on a fatal signal */
		config_init(&check);
		if (config_load(tmp, &check, &e) < 0) {
			fprintf(stderr, "warta: import: the result would not "
					"load: %s\n",
				e.msg);
			config_free(&check);
			unlink(tmp);
			goto out;
		}
		config_free(&check);
		if (rename(tmp, real) < 0) {
			fprintf(stderr, "warta: cannot replace %s: %s\n", real,
				strerror(errno));
			unlink(tmp);
			goto out;
		}
	}
	printf("imported %zu source%s into %s", added, added == 1 ? "" : "s",
	       path);
	if (skipped)
		printf(" (%zu already there or not http)", skipped);
	putchar('\n');
	rc = 0;
out:
	opml_free(&o);
	buf_free(&opml_text);
	buf_free(&text);
	config_free(&c);
	free(path);
	free(real);
	if (tmp)
		file_untrack(tmp);
	free(tmp);
	return rc;
}
