/* cmd_ui.c: `warta` (or `warta ui`): load the config, the keys and the
 * theme, open the cache, and run the interface. */
#include "autoconfig.h"

#include "cli/cli.h"
#include "config/config.h"
#include "ui/keymap.h"
#include "config/paths.h"
#include "store/store.h"
#include "ui/theme.h"
#include "ui/ui.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"
#include "util/utf8.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Apply [keys] and [colors] as the config read them: a bad [keys] line is
 * an error ("file:line: [keys] key: why" in errs), a key moved from one
 * action to another and a bad [colors] line a warning in warn. */
static void
apply_sections(const struct config *c, struct keymap *km, struct theme *t,
	       struct buf *warn, struct buf *errs)
{
	const struct config_section *keys = config_find_section(c, "keys");
	const struct config_section *colors = config_find_section(c, "colors");
	const char *file = c->path ? c->path : "config";
	struct buf moved;
	struct err e;

	buf_init(&moved, 0);
	for (size_t i = 0; keys && i < keys->n; i++) {
		buf_reset(&moved);
		if (keymap_set(km, keys->keys[i], keys->values[i], &moved, &e) <
		    0) {
			buf_printf(errs, "%s:%d: [keys] %s\n", file,
				   keys->lines[i], e.msg);
			continue;
		}
		for (char *l = moved.data; l && *l;) {
			char *nl = strchr(l, '\n');
			int n = nl ? (int)(nl - l) : (int)strlen(l);

			buf_printf(warn, "%s:%d: [keys] %.*s\n", file,
				   keys->lines[i], n, l);
			l += n + (nl != NULL);
		}
	}
	for (size_t i = 0; colors && i < colors->n; i++) {
		struct theme_style st;
		int el = theme_element_by_name(colors->keys[i]);

		if (el < 0) {
			buf_printf(warn, "%s:%d: [colors] %s: unknown element\n",
				   file, colors->lines[i], colors->keys[i]);
			continue;
		}
		if (theme_parse_style(colors->values[i], &st, &e) < 0) {
			buf_printf(warn, "%s:%d: [colors] %s: %s\n", file,
				   colors->lines[i], colors->keys[i], e.msg);
			continue;
		}
		t->style[el] = st;
	}
	buf_free(&moved);
}

/* Print text (lines) on stderr, each "warta: " first, made safe. */
static void
put_lines(const struct buf *text)
{
	char *safe = utf8_sanitize(text->data, text->len, UTF8_KEEP_NEWLINES);

	for (char *l = safe; *l;) {
		size_t n = strcspn(l, "\n");

		fprintf(stderr, "warta: %.*s\n", (int)n, l);
		l += n + (l[n] != '\0');
	}
	free(safe);
}

int
cmd_ui(const struct cli_globals *g, int argc, char **argv)
{
	struct config c;
	struct store *s = NULL;
	struct ui_setup set;
	struct ui_source *srcs = NULL;
	struct buf warn, errs;
	struct err e;
	static const struct option opts[] = {
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	char *datadir = NULL, *theme_file = NULL;
	int rc = 1, ch;

	/* `warta` alone comes here with argc 1, getopt never started */
	while (argc > 1 &&
	       (ch = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (ch == 'h')
			return cli_command_help("ui");
		return cli_option_error("ui", ch, argv);
	}
	if (argc > 1 && optind < argc)
		return cli_usage_error("ui", "takes no arguments");
	memset(&set, 0, sizeof(set));
	buf_init(&warn, 0);
	buf_init(&errs, 0);
	if (cli_config_load(g, &c) < 0)
		goto out;
	keymap_init(&set.keys);
	theme_init(&set.theme);
	datadir = paths_pkgdata_dir();
	if (c.theme && *c.theme) {
		theme_file = theme_path(c.theme, datadir);
		if (theme_load_file(&set.theme, theme_file, &warn, &e) < 0)
			buf_printf(&warn, "%s\n", e.msg);
	}
	apply_sections(&c, &set.keys, &set.theme, &warn, &errs);
	if (errs.len) { /* a key must not do what the user did not mean */
		put_lines(&errs);
		goto out;
	}
	s = cli_store_open(g, "ui");
	if (!s)
		goto out;
	if (warn.len) { /* seen again after the UI closes */
		char *safe =
		    utf8_sanitize(warn.data, warn.len, UTF8_KEEP_NEWLINES);

		fputs(safe, stderr);
		free(safe);
	}
	for (size_t i = 0; i < c.nwarnings; i++)
		buf_printf(&warn, "%s\n", c.warnings[i]);
	if (store_notice(s))
		buf_printf(&warn, "%s\n", store_notice(s));
	if (store_readonly(s))
		buf_printf(&warn,
			   "cache %s: %s: reading only, changes are "
			   "not saved\n",
			   store_path(s), strerror(store_readonly(s)));
	srcs = xcalloc(c.nsources ? c.nsources : 1, sizeof(*srcs));
	for (size_t i = 0; i < c.nsources; i++) {
		srcs[i].name = c.sources[i].name;
		srcs[i].url = c.sources[i].url;
		srcs[i].tags = c.sources[i].tags;
		srcs[i].ntags = c.sources[i].ntags;
	}
	set.store = s;
	set.config = &c;
	set.sources = srcs;
	set.nsources = c.nsources;
	set.no_color = theme_no_color_env();
	set.browser = c.browser;
	set.mouse = c.mouse;
	set.text_width = (int)(c.text_width > 0 && c.text_width < 1000
				       ? c.text_width
				       : 0);
	set.offline = g->offline || c.offline;
	set.refresh_on_start = g->demo;
	set.message = warn.len ? warn.data : NULL;
	if (ui_run(&set, &e) < 0) {
		fprintf(stderr, "warta: %s\n", e.msg);
		goto out;
	}
	rc = 0;
out:
	keymap_free(&set.keys);
	free(srcs);
	free(theme_file);
	free(datadir);
	buf_free(&warn);
	buf_free(&errs);
	store_close(s);
	config_free(&c);
	return rc;
}
