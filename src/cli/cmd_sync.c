/* cmd_sync.c: `warta sync`, `subscribe`, `unsubscribe` and `mark`: the sync
 * server from the command line. */
#include "autoconfig.h"

#include "cli/cli.h"
#include "config/config.h"
#include "store/store.h"
#include "sync/sync.h"
#include "util/str.h"
#include "util/url.h"
#include "util/utf8.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct bar {
	int tty;
	int drawn;
};

static void
on_progress(void *ctx, const struct sync_progress *p)
{
	struct bar *b = ctx;

	if (!b->tty)
		return;
	if (p->total)
		fprintf(stderr, "\rsync: %s %zu/%zu", p->step, p->done,
			p->total);
	else if (p->done)
		fprintf(stderr, "\rsync: %s %zu", p->step, p->done);
	else
		fprintf(stderr, "\rsync: %s", p->step);
	fputs("\033[K", stderr);
	b->drawn = 1;
}

static void
bar_clear(struct bar *b)
{
	if (b->drawn)
		fputs("\r\033[K", stderr);
	b->drawn = 0;
}

/* Print an error made safe for the terminal (a server's words may be in
 * it). */
static void
say(const char *cmd, const char *msg)
{
	char *safe = utf8_sanitize(msg, strlen(msg), 0);

	fprintf(stderr, "warta: %s%s%s\n", cmd ? cmd : "", cmd ? ": " : "",
		safe);
	free(safe);
}

/* Load the config and open the cache for a command that needs [sync].
 * 0, or -1 (printed). */
static int
open_sync(const struct cli_globals *g, const char *cmd, struct config *c,
	  struct store **st)
{
	*st = NULL;
	if (cli_config_load(g, c) < 0)
		return -1;
	if (!c->sync.on) {
		fprintf(stderr,
			"warta: %s: no [sync] section in %s: add one to sync "
			"with a server (see warta.ini(5))\n",
			cmd, c->path ? c->path : "the config");
		return -1;
	}
	*st = cli_store_open(g, cmd);
	return *st ? 0 : -1;
}

int
cli_sync_run(const struct config *c, struct store *st, const char *prefix,
	     int verbose)
{
	struct sync_options o;
	struct sync_stats s;
	struct bar b = {isatty(STDERR_FILENO), 0};
	struct err e;
	int rc;

	memset(&o, 0, sizeof(o));
	o.config = c;
	o.on_progress = on_progress;
	o.ctx = &b;
	rc = sync_run(st, &o, &s, &e);
	bar_clear(&b);
	if (rc != 0) {
		say(NULL, e.msg);
		return 1;
	}
	if (verbose || isatty(STDOUT_FILENO))
		printf("%s%zu subscription%s, %zu new item%s, %zu change%s "
		       "sent, %zu changed on the server; %zu requests\n",
		       prefix ? prefix : "", s.sources,
		       s.sources == 1 ? "" : "s", s.new_items,
		       s.new_items == 1 ? "" : "s", s.pushed,
		       s.pushed == 1 ? "" : "s", s.changed, s.requests);
	/* what the server and the network took, apart from warta's own
	 * time (bench/sync) */
	if (verbose)
		printf("%swaited %.3f s for the server's answers\n",
		       prefix ? prefix : "", s.waited);
	return 0;
}

/* Sync now, unless offline; 0 or 1 (printed). */
static int
run_sync(const struct cli_globals *g, const struct config *c, struct store *st,
	 const char *cmd, int verbose)
{
	struct err e;

	if (g->offline || c->offline) {
		long n = store_sync_queue_count(st, &e);

		if (!strcmp(cmd, "sync")) {
			fputs("warta: sync: offline: nothing sent\n", stderr);
			return 1;
		}
		printf("offline: queued; %ld change%s to send at the next "
		       "sync\n",
		       n, n == 1 ? "" : "s");
		return 0;
	}
	return cli_sync_run(c, st, NULL, verbose);
}

int
cmd_sync(const struct cli_globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"verbose", no_argument, NULL, 'v'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct config c;
	struct store *st = NULL;
	int ch, verbose = 0, rc = 1;

	while ((ch = getopt_long(argc, argv, ":vh", opts, NULL)) != -1) {
		if (ch == 'v') {
			verbose = 1;
			continue;
		}
		if (ch == 'h')
			return cli_command_help("sync");
		return cli_option_error("sync", ch, argv);
	}
	if (optind != argc)
		return cli_usage_error("sync", "no arguments expected");
	if (open_sync(g, "sync", &c, &st) == 0)
		rc = run_sync(g, &c, st, "sync", verbose);
	store_close(st);
	config_free(&c);
	return rc;
}

int
cmd_subscribe(const struct cli_globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"tag", required_argument, NULL, 't'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *tag = NULL;
	struct config c;
	struct store *st = NULL;
	struct err e;
	int ch, rc = 1;

	while ((ch = getopt_long(argc, argv, ":t:h", opts, NULL)) != -1) {
		if (ch == 't') {
			tag = optarg;
			continue;
		}
		if (ch == 'h')
			return cli_command_help("subscribe");
		return cli_option_error("subscribe", ch, argv);
	}
	if (optind != argc - 1)
		return cli_usage_error("subscribe", "give one feed URL");
	if (!url_is_http(argv[optind]))
		return cli_usage_error("subscribe",
				       "'%s' is not an http or https URL",
				       argv[optind]);
	if (open_sync(g, "subscribe", &c, &st) != 0)
		goto out;
	if (store_sync_queue_subscribe(st, argv[optind], tag, &e) != 0) {
		say("subscribe", e.msg);
		goto out;
	}
	rc = run_sync(g, &c, st, "subscribe", 0);
out:
	store_close(st);
	config_free(&c);
	return rc;
}

int
cmd_unsubscribe(const struct cli_globals *g, int argc, char **argv)
{
	struct config c;
	struct store *st = NULL;
	struct err e;
	static const struct option opts[] = {
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *name;
	long long id = 0;
	int ch, rc = 1, found;

	while ((ch = getopt_long(argc, argv, "+:h", opts, NULL)) != -1) {
		if (ch == 'h')
			return cli_command_help("unsubscribe");
		return cli_option_error("unsubscribe", ch, argv);
	}
	/* a name starting with '-' comes after "--" */
	if (argc - optind != 1)
		return cli_usage_error("unsubscribe",
				       "give the name of one synced source");
	name = argv[optind];
	if (open_sync(g, "unsubscribe", &c, &st) != 0)
		goto out;
	found = store_sync_source_find(st, name, &id, &e);
	if (found < 0) {
		say("unsubscribe", e.msg);
		goto out;
	}
	if (!found) {
		rc = cli_usage_error("unsubscribe",
				     "no source named '%s' comes from the "
				     "sync server",
				     name);
		goto out;
	}
	if (store_sync_queue_unsubscribe(st, id, &e) < 0) {
		say("unsubscribe", e.msg);
		goto out;
	}
	rc = run_sync(g, &c, st, "unsubscribe", 0);
out:
	store_close(st);
	config_free(&c);
	return rc;
}

int
cli_sync_import(const struct cli_globals *g, struct config *c,
		const char *const *urls, const char *const *tags, size_t n)
{
	struct store *st = cli_store_open(g, "import");
	struct err e;
	int rc = 1;

	if (!st)
		return 1;
	if (store_begin(st, &e) != 0)
		goto fail;
	for (size_t i = 0; i < n; i++)
		if (store_sync_queue_subscribe(st, urls[i], tags[i], &e) != 0) {
			store_rollback(st);
			goto fail;
		}
	if (store_commit(st, &e) != 0)
		goto fail;
	printf("%zu subscription%s for the sync server\n", n,
	       n == 1 ? "" : "s");
	rc = run_sync(g, c, st, "import", 0);
	store_close(st);
	return rc;
fail:
	say("import", e.msg);
	store_close(st);
	return rc;
}

int
cmd_mark(const struct cli_globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"read", no_argument, NULL, 'r'},
	    {"unread", no_argument, NULL, 'u'},
	    {"flag", no_argument, NULL, 'f'},
	    {"unflag", no_argument, NULL, 'F'},
	    {"all-read", no_argument, NULL, 'a'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct store *st = NULL;
	struct err e;
	int ch, what = 0, rc = 1;
	long changed = 0;

	while ((ch = getopt_long(argc, argv, ":rufFah", opts, NULL)) != -1) {
		if (ch == 'h')
			return cli_command_help("mark");
		if (ch == '?' || ch == ':')
			return cli_option_error("mark", ch, argv);
		if (what && what != ch)
			return cli_usage_error("mark", "give one of --read, "
						       "--unread, --flag, "
						       "--unflag, --all-read");
		what = ch;
	}
	if (!what)
		return cli_usage_error("mark",
				       "say what: --read, --unread, "
				       "--flag, --unflag or --all-read");
	if (what == 'a' ? argc - optind > 1 : optind == argc)
		return cli_usage_error("mark", what == 'a'
						   ? "give at most one source"
						   : "give the items' URLs");
	st = cli_store_open_existing(g, "mark");
	if (!st)
		return 1;
	if (what == 'a') {
		struct store_source src = {0};
		int found = 1;

		if (optind < argc) {
			found = store_source_get(st, argv[optind], &src, &e);
			if (found == 0) {
				rc = cli_usage_error("mark",
						     "no source named '%s'",
						     argv[optind]);
				goto out;
			}
		}
		if (found < 0 ||
		    store_source_mark_read(st, src.id, &changed, &e) != 0) {
			store_source_clear(&src);
			goto fail;
		}
		store_source_clear(&src);
	} else {
		for (int i = optind; i < argc; i++) {
			long long ids[64];
			size_t n = 0;

			if (store_items_by_link(st, argv[i], ids, 64, &n, &e) !=
			    0)
				goto fail;
			for (size_t k = 0; k < n; k++) {
				int r = what == 'r' || what == 'u'
					    ? store_item_set_read(
						  st, ids[k], what == 'r', &e)
					    : store_item_set_flagged(
						  st, ids[k], what == 'f', &e);

				if (r != 0)
					goto fail;
				changed++;
			}
			if (!n)
				fprintf(stderr,
					"warta: mark: no cached item "
					"links to %s\n",
					argv[i]);
		}
	}
	printf("%ld item%s marked; %ld change%s for the sync server queued\n",
	       changed, changed == 1 ? "" : "s", store_sync_queue_count(st, &e),
	       store_sync_queue_count(st, &e) == 1 ? "" : "s");
	rc = 0;
	goto out;
fail:
	say("mark", e.msg);
out:
	store_close(st);
	return rc;
}
