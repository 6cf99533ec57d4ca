/* cli.h: what main.c hands to each subcommand, and the subcommands it knows. */
#ifndef WARTA_CLI_H
#define WARTA_CLI_H

#include <stddef.h>

/* Global options, parsed before the command name (as git does). */
struct cli_globals {
	const char *config_path; /* -c/--config, or NULL for the XDG default */
	const char *cache_path;  /* --cache, or NULL for the XDG default */
	int offline;             /* --offline: never touch the network */
	int demo;                /* --demo: the bundled demo sources */
};

/* A subcommand: argv[0] is the command name; returns the exit status. */
struct cli_command {
	const char *name;
	const char *usage;   /* one line after "warta NAME " */
	const char *summary; /* what it does, one line */
	int (*run)(const struct cli_globals *g, int argc, char **argv);
};

/* Print "warta: [cmd: ]<message> (see 'warta help cmd')" (or 'warta
 * --help' without cmd) on stderr, one line; returns 2. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The one-line error for what getopt_long() returned as ch ('?' or ':',
 * with opterr 0 and optind, optopt as it left them); returns 2. */
int cli_option_error(const char *cmd, int ch, char **argv);
/* Print the usage and summary of the command called name on stdout (what
 * `warta help NAME` prints); 0, or 2 when there is no such command. */
int cli_command_help(const char *name);

struct config;
/* The config file a command uses: the demo's, --config, or the XDG default;
 * NULL when the demo is not installed. Caller frees. */
char *cli_config_path(const struct cli_globals *g);
/* config_init() and load c from cli_config_path(), writing the example on a
 * first run and printing warnings and errors; 0 or -1. Caller config_free()s
 * c either way. */
int cli_config_load(const struct cli_globals *g, struct config *c);
struct fetch_options;
/* For a command that fetches one URL the user named (`warta feed URL`,
 * `warta extract URL`): config_init() c and load the config when there is
 * one (never writing the first-run example), then fill o from its
 * [general] fetch options (timeouts, size cap, retries, user agent,
 * proxy). 1 when the config says `offline = yes`, 0, or -1 when the config
 * has errors (printed). c owns the strings o points to; config_free() it
 * after the fetch either way. */
int cli_fetch_options(const struct cli_globals *g, struct config *c,
		      struct fetch_options *o);

/* The interface: `warta` without a command, or `warta ui`. */
int cmd_ui(const struct cli_globals *g, int argc, char **argv);
int cmd_import(const struct cli_globals *g, int argc, char **argv);
int cmd_export(const struct cli_globals *g, int argc, char **argv);
int cmd_refresh(const struct cli_globals *g, int argc, char **argv);
struct store;
/* The cache a command uses: --cache, else the XDG default (with --demo, a
 * separate demo cache beside it). Caller frees. */
char *cli_cache_path(const struct cli_globals *g);
/* Open the cache of --cache or the default path, printing its notice (a
 * damaged cache moved aside) or its error on stderr; NULL on error. The
 * caller store_close()s it. */
struct store *cli_store_open(const struct cli_globals *g, const char *cmd);
/* cli_store_open() for a command that has nothing to do without a cache
 * (search, export-state, vacuum...): when there is none it says so and
 * returns NULL, creating nothing. */
struct store *cli_store_open_existing(const struct cli_globals *g,
				      const char *cmd);

int cmd_search(const struct cli_globals *g, int argc, char **argv);
int cmd_extract(const struct cli_globals *g, int argc, char **argv);
int cmd_vacuum(const struct cli_globals *g, int argc, char **argv);
int cmd_purge(const struct cli_globals *g, int argc, char **argv);
int cmd_export_state(const struct cli_globals *g, int argc, char **argv);
int cmd_import_state(const struct cli_globals *g, int argc, char **argv);
int cmd_feed(const struct cli_globals *g, int argc, char **argv);
/* `warta reextract`: the cached articles (older extractor, or --all; of
 * the named sources) extracted again from their kept pages, offline. */
int cmd_reextract(const struct cli_globals *g, int argc, char **argv);

/* `warta sync`, `subscribe URL [--tag T]`, `unsubscribe NAME`: the sync
 * server of [sync]; `mark`: read and flagged state from the command line
 * (queued for the server when sync is on). */
int cmd_sync(const struct cli_globals *g, int argc, char **argv);
int cmd_subscribe(const struct cli_globals *g, int argc, char **argv);
int cmd_unsubscribe(const struct cli_globals *g, int argc, char **argv);
int cmd_mark(const struct cli_globals *g, int argc, char **argv);
/* Sync st with the server of c's [sync] now, the progress on stderr when
 * it is a terminal, an error there; the totals on stdout (after prefix,
 * or NULL) when it is a terminal or verbose. 0, or 1 when it failed. */
int cli_sync_run(const struct config *c, struct store *st, const char *prefix,
		 int verbose);
/* `warta import` with sync on: subscribe to urls[i] (in folder tags[i],
 * or NULL) on the server, then sync. The exit status. */
int cli_sync_import(const struct cli_globals *g, struct config *c,
		    const char *const *urls, const char *const *tags, size_t n);

#endif
