/* main.c: the warta command line: global options, then a subcommand. */
#include "autoconfig.h"

#include "cli/cli.h"
#include "cli/demo.h"
#include "util/err.h"
#include "util/file.h"
#include "util/str.h"

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int cmd_help(const struct cli_globals *g, int argc, char **argv);

/* Every subcommand, in the order --help lists them. */
static const struct cli_command commands[] = {
	{"help", "[COMMAND]", "show the usage of warta or of one command",
	 cmd_help},
	{"refresh",
	 "[--no-articles] [--verbose] [--strict] [--due] [--quiet] "
	 "[--notify] [SOURCE...]",
	 "fetch the sources (or those named) and their new articles",
	 cmd_refresh},
	{"ui", "", "open the interface (what warta does without a command)",
	 cmd_ui},
	{"import", "FILE.opml", "add the feeds of an OPML list to the sources",
	 cmd_import},
	{"export", "", "print the sources as OPML 2.0", cmd_export},
	{"extract",
	 "[--format text|markdown|json|html] [--comments] [--width N] "
	 "[--base-url URL] [--no-pages] [--output-dir DIR] FILE|URL|- ...",
	 "print the readable article of pages or URLs, without clutter",
	 cmd_extract},
	{"search", "[--unread] [--source NAME] [--limit N] QUERY...",
	 "search the cached titles and articles, best matches first",
	 cmd_search},
	{"export-state", "[FILE]",
	 "write the URLs of read and flagged items, one a line", cmd_export_state},
	{"import-state", "[FILE]",
	 "mark items read or flagged from an export-state file",
	 cmd_import_state},
	{"vacuum", "", "compact the cache file and check it", cmd_vacuum},
	{"feed",
	 "[--format json|text] [--base-url URL] [--content-type TYPE] "
	 "[--type auto|feed|page] [--link-pattern ERE] [--max-items N] "
	 "FILE|URL|-",
	 "parse a feed or a front page and print its items", cmd_feed},
	{"purge", "[--dry-run] [--force]",
	 "drop the cached items of sources no longer in the config", cmd_purge},
	{"reextract", "[--all] [--dry-run] [SOURCE...]",
	 "extract cached articles again from their kept pages, offline",
	 cmd_reextract},
	{"sync", "[--verbose]",
	 "sync subscriptions, items and read state with the sync server",
	 cmd_sync},
	{"subscribe", "URL [--tag TAG]",
	 "subscribe to a feed on the sync server", cmd_subscribe},
	{"unsubscribe", "NAME",
	 "unsubscribe from a synced source on the sync server",
	 cmd_unsubscribe},
	{"mark", "--read|--unread|--flag|--unflag URL... | --all-read [SOURCE]",
	 "mark cached items (or a source, or all) read, unread, flagged",
	 cmd_mark},
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static const char global_usage[] =
	"usage: warta [GLOBAL OPTIONS] [COMMAND [ARGS]]\n"
	"\n"
	"A terminal news reader: feeds and news front pages, the readable\n"
	"article body without clutter or comments, all cached for offline reading.\n"
	"\n"
	"Global options (before the command):\n"
	"  -c, --config FILE   read sources and options from FILE\n"
	"                      (default: $XDG_CONFIG_HOME/warta/config.ini)\n"
	"      --cache FILE    keep the cache in FILE\n"
	"                      (default: $XDG_DATA_HOME/warta/cache.db)\n"
	"      --offline       never touch the network\n"
	"      --demo          use the bundled demo sources\n"
	"      --version       print the version and exit\n"
	"  -h, --help          print this help and exit\n"
	"\n"
	"Commands:\n";

static void
print_help(FILE *f)
{
	fputs(global_usage, f);
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  warta %s%s%s\n      %s\n", commands[i].name,
			*commands[i].usage ? " " : "", commands[i].usage,
			commands[i].summary);
	fputs("\nSee warta(1) and warta.ini(5) for details.\n", f);
}

int
cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("warta: ", stderr);
	if (cmd)
		fprintf(stderr, "%s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	/* "warta help CMD" works for every command, "warta help --help" not */
	if (cmd)
		fprintf(stderr, " (see 'warta help %s')\n", cmd);
	else
		fputs(" (see 'warta --help')\n", stderr);
	return 2;
}

int
cli_option_error(const char *cmd, int ch, char **argv)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "";
	size_t len;

	if (ch == ':')
		return cli_usage_error(cmd, "option '%s' needs an argument",
				       arg);
	/* a short option may sit inside a cluster (-xv): optopt names it,
	 * while argv[optind - 1] can be the word before */
	if (optopt && strncmp(arg, "--", 2) != 0)
		return cli_usage_error(cmd, "unknown option '-%c'", optopt);
	len = strcspn(arg, "=");
	if (optopt && arg[len] == '=')
		return cli_usage_error(cmd, "option '%.*s' takes no argument",
				       (int)len, arg);
	return cli_usage_error(cmd, "unknown option '%.*s'", (int)len, arg);
}

static const struct cli_command *
find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

int
cli_command_help(const char *name)
{
	const struct cli_command *c = find_command(name);

	if (!c)
		return cli_usage_error(NULL, "'%s' is not a warta command",
				       name);
	printf("usage: warta %s%s%s\n%s\n", c->name, *c->usage ? " " : "",
	       c->usage, c->summary);
	return 0;
}

static int
cmd_help(const struct cli_globals *g, int argc, char **argv)
{
	(void)g;
	if (argc > 2)
		return cli_usage_error("help", "one COMMAND at most");
	if (argc < 2) {
		print_help(stdout);
		return 0;
	}
	return cli_command_help(argv[1]);
}

/* The private directory of the --demo cache, removed at exit. */
static char *demo_dir, *demo_cache;

static void
demo_atexit(void)
{
	demo_cleanup(demo_dir);
	free(demo_dir);
	free(demo_cache);
}

/* Give the demo a cache of its own (unless --cache names one). */
static int
demo_setup(struct cli_globals *g)
{
	struct err e;

	if (g->cache_path)
		return 0;
	demo_dir = demo_prepare(&e);
	if (!demo_dir) {
		fprintf(stderr, "warta: --demo: %s\n", e.msg);
		return -1;
	}
	atexit(demo_atexit);
	demo_cache = xasprintf("%s/cache.db", demo_dir);
	g->cache_path = demo_cache;
	return 0;
}

/* A file named by a global option must be in a directory that exists:
 * a typo in --cache or --config never makes a tree of directories (the
 * XDG defaults are made on a first run). 0, or -1 after saying so. */
static int
check_dir_of(const char *opt, const char *path)
{
	const char *slash;
	char *dir;
	struct stat sb;
	int rc = 0;

	if (!path || !(slash = strrchr(path, '/')) || slash == path)
		return 0;
	dir = xstrndup(path, (size_t)(slash - path));
	if (stat(dir, &sb) != 0) {
		fprintf(stderr, "warta: %s %s: the directory %s %s\n", opt,
			path, dir,
			errno == ENOENT || errno == ENOTDIR ? "does not exist"
							    : strerror(errno));
		rc = -1;
	} else if (!S_ISDIR(sb.st_mode)) {
		fprintf(stderr, "warta: %s %s: %s is not a directory\n", opt,
			path, dir);
		rc = -1;
	}
	free(dir);
	return rc;
}

/* Checked flush of stdout: a full disk or closed pipe is an error. */
static int
finish_output(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("warta: writing output");
		return status ? status : 1;
	}
	return status;
}

int
main(int argc, char **argv)
{
	enum { OPT_CACHE = 256, OPT_OFFLINE, OPT_DEMO, OPT_VERSION };
	static const struct option opts[] = {
		{"config", required_argument, NULL, 'c'},
		{"cache", required_argument, NULL, OPT_CACHE},
		{"offline", no_argument, NULL, OPT_OFFLINE},
		{"demo", no_argument, NULL, OPT_DEMO},
		{"version", no_argument, NULL, OPT_VERSION},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct cli_globals g = {0};
	const struct cli_command *c;
	char **cmd_argv;
	int ch, cmd_argc;

	setlocale(LC_ALL, "");
	/* temporary files and the demo's directory go on SIGINT/SIGTERM */
	file_cleanup_on_signals();
	opterr = 0;
	/* "+": stop at the first non-option, the command name */
	while ((ch = getopt_long(argc, argv, "+:c:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			g.config_path = optarg;
			break;
		case OPT_CACHE:
			g.cache_path = optarg;
			break;
		case OPT_OFFLINE:
			g.offline = 1;
			break;
		case OPT_DEMO:
			g.demo = 1;
			break;
		case OPT_VERSION:
			printf("warta %s\n", PACKAGE_VERSION);
			return finish_output(0);
		case 'h':
			print_help(stdout);
			return finish_output(0);
		case ':':
			return cli_usage_error(NULL,
					       "option '%s' needs an argument",
					       argv[optind - 1]);
		default:
			return cli_usage_error(NULL, "unknown option '%s'",
					       argv[optind - 1]);
		}
	}
	if (check_dir_of("--cache", g.cache_path) < 0 ||
	    check_dir_of("--config", g.config_path) < 0)
		return 1;
	if (g.demo && demo_setup(&g) < 0)
		return 1;
	if (optind >= argc) {
		static char ui_name[] = "ui";
		char *ui_argv[] = {ui_name, NULL};

		return finish_output(cmd_ui(&g, 1, ui_argv));
	}
	c = find_command(argv[optind]);
	if (!c)
		return cli_usage_error(NULL, "'%s' is not a warta command",
				       argv[optind]);
	cmd_argc = argc - optind;
	cmd_argv = argv + optind;
	optind = 0; /* glibc: re-initialise getopt for the command's options */
	/* each command reports a bad option itself, in one line
	 * (cli_option_error), so getopt says nothing */
	opterr = 0;
	return finish_output(c->run(&g, cmd_argc, cmd_argv));
}
