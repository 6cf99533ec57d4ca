/* ui.h: the ncurses interface: what it needs to run, and running it. */
#ifndef WARTA_UI_H
#define WARTA_UI_H

#include <stddef.h>

#include "ui/keymap.h"
#include "ui/theme.h"

struct config;
struct err;
struct store;

/* A configured source as the sources view shows it (borrowed strings). */
struct ui_source {
	const char *name, *url;
	char *const *tags;
	size_t ntags;
};

/* Everything the interface borrows from its caller for the whole run. */
struct ui_setup {
	struct store *store;             /* open cache */
	const struct config *config;     /* for refresh, [open] and saves;
					    may be NULL */
	const struct ui_source *sources; /* the configured sources, in order */
	size_t nsources;
	struct keymap keys;   /* the live keymap (defaults + [keys]) */
	struct theme theme;   /* the theme (file + [colors]) */
	int no_color;         /* NO_COLOR or a monochrome wish */
	const char *browser;  /* browser command, or NULL ($BROWSER, xdg-open) */
	int mouse;            /* clicks and the wheel, where reported */
	int text_width;       /* article column width (default 80) */
	int offline;          /* never touch the network */
	int refresh_on_start; /* refresh every source when the UI opens */
	const char *message;  /* start-up warnings, one a line, or NULL: kept
				 in the message log, the first shown */
};

/* Run the interface until the user quits. Takes over the terminal and gives
 * it back on return. 0 on a normal quit, -1 (e filled) when the terminal
 * could not be set up. */
int ui_run(const struct ui_setup *s, struct err *e);

#endif
