/* cmd_refresh.c: `warta refresh [SOURCE...]`: fetch sources and articles into the cache. */
#include "autoconfig.h"

#include "cli/cli.h"
#include "config/config.h"
#include "refresh/notify.h"
#include "refresh/refresh.h"
#include "refresh/schedule.h"
#include "store/store.h"
#include "util/str.h"
#include "util/utf8.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* sqlite page cache of a refresh, KiB (see store_set_cache()) */
#define REFRESH_CACHE_KIB 4096

/* The exit status of --strict when every source worked but an article
 * failed (man/warta.1 and the README say so). */
#define EXIT_ARTICLES 3

struct progress {
	int tty;     /* draw a bar on stderr */
	int drawn;   /* a bar is on the screen */
	int verbose; /* a line per failed article */
	int quiet;   /* --quiet: no message per source */
	struct notify *notify; /* --notify: what is new, or NULL */
};

static void
clear_bar(struct progress *p)
{
	if (p->drawn) {
		fputs("\r\033[K", stderr);
		p->drawn = 0;
	}
}

static void
draw_bar(struct progress *p, const struct refresh_stats *s)
{
	/* by steps, which move with every try: a source or an article being
	 * retried moves the bar too */
	size_t total = s->steps, done = s->steps_done;
	int width = 30, fill;

	if (!total) {
		total = s->sources + s->articles;
		done = s->sources_done + s->articles_done;
	}
	if (done > total)
		done = total;
	fill = total ? (int)(done * (size_t)width / total) : 0;

	fprintf(stderr, "\r[%.*s%*s] %zu/%zu sources", fill,
		"##############################", width - fill, "",
		s->sources_done, s->sources);
	if (s->articles)
		fprintf(stderr, ", %zu/%zu articles", s->articles_done,
			s->articles);
	fputs("\033[K", stderr);
	p->drawn = 1;
}

/* "warta: NAME: what" on stderr, each part made safe for the terminal
 * (what may be "URL: what"). */
static void
say(struct progress *p, const char *name, const char *url, const char *what)
{
	char *n = utf8_sanitize(name, strlen(name), 0);
	char *u = url ? utf8_sanitize(url, strlen(url), 0) : NULL;
	char *w = utf8_sanitize(what, strlen(what), 0);

	clear_bar(p);
	fprintf(stderr, "warta: %s: %s%s%s\n", n, u ? u : "", u ? ": " : "", w);
	free(n);
	free(u);
	free(w);
}

static void
on_event(void *ctx, const struct refresh_event *ev)
{
	struct progress *p = ctx;

	if (p->notify)
		notify_note(p->notify, ev);
	if (p->quiet)
		return;
	/* the source worked, but not all of it was read */
	if (ev->what == REFRESH_SOURCE && ev->notice)
		say(p, ev->source, NULL, ev->notice);
	if (ev->what == REFRESH_ARTICLE && ev->error && p->verbose)
		say(p, ev->source, ev->url, ev->error);
	if (ev->what == REFRESH_SOURCE && (ev->error || ev->redirect)) {
		char *name = utf8_sanitize(ev->source, strlen(ev->source), 0);
		char *msg = ev->error ? utf8_sanitize(ev->error,
						      strlen(ev->error), 0)
				      : NULL;
		char *to = ev->redirect ? utf8_sanitize(ev->redirect,
							strlen(ev->redirect), 0)
					: NULL;

		clear_bar(p);
		if (msg)
			fprintf(stderr, "warta: %s: %s\n", name, msg);
		if (to)
			fprintf(stderr, "warta: %s: moved permanently to %s "
					"(update its url)\n",
				name, to);
		free(name);
		free(msg);
		free(to);
	}
	if (p->tty)
		draw_bar(p, ev->stats);
}

/* The names among only[0..nonly) (all of c's when nonly is 0) that are
 * due now; *names: caller frees the array. 0 or -1 (said). */
static int
due_sources(struct store *st, const struct config *c, char **only, size_t nonly,
	    const char ***names, size_t *n)
{
	struct err e;
	size_t k = 0;

	if (schedule_list_due(st, c, schedule_now(), 1, names, n, NULL, &e) <
	    0) {
		fprintf(stderr, "warta: refresh: %s\n", e.msg);
		return -1;
	}
	if (!nonly)
		return 0;
	for (size_t i = 0; i < *n; i++)
		for (size_t j = 0; j < nonly; j++)
			if (!str_casecmp((*names)[i], only[j])) {
				(*names)[k++] = (*names)[i];
				break;
			}
	*n = k;
	return 0;
}

/* Tell notify-command what came, if anything new and unread did. */
static void
run_notify(struct store *st, const struct config *c, struct notify *n)
{
	struct err e;
	long count = notify_count(n, st, &e);

	if (count < 0 ||
	    (count > 0 && notify_run(n, c->notify_command, 1, &e) < 0))
		fprintf(stderr, "warta: refresh: %s\n", e.msg);
}

int
cmd_refresh(const struct cli_globals *g, int argc, char **argv)
{
	enum { OPT_STRICT = 256 };
	static const struct option opts[] = {
		{"no-articles", no_argument, NULL, 'n'},
		{"verbose", no_argument, NULL, 'v'},
		{"strict", no_argument, NULL, OPT_STRICT},
		{"due", no_argument, NULL, 'd'},
		{"quiet", no_argument, NULL, 'q'},
		{"notify", no_argument, NULL, 'N'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct refresh_options ro;
	struct refresh_stats stats;
	struct progress prog = {0};
	struct config c;
	struct store *st = NULL;
	struct err e;
	const char **due = NULL;
	int ch, verbose = 0, no_articles = 0, strict = 0, rc = 1, sync,
	    sync_failed = 0, only_due = 0, notify = 0;

	while ((ch = getopt_long(argc, argv, ":nvdqh", opts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			no_articles = 1;
			break;
		case 'v':
			verbose = 1;
			break;
		case OPT_STRICT:
			strict = 1;
			break;
		case 'd':
			only_due = 1;
			break;
		case 'q':
			prog.quiet = 1;
			break;
		case 'N':
			notify = 1;
			break;
		case 'h':
			return cli_command_help("refresh");
		default:
			return cli_option_error("refresh", ch, argv);
		}
	}
	if (g->offline) {
		fputs("warta: refresh: offline: nothing fetched\n", stderr);
		return 1;
	}
	if (cli_config_load(g, &c) < 0)
		goto out;
	if (c.offline) {
		fputs("warta: refresh: offline = yes in the config: nothing "
		      "fetched\n",
		      stderr);
		goto out;
	}
	if (notify && !c.notify_command) {
		rc = cli_usage_error("refresh",
				     "--notify: no notify-command in %s",
				     c.path ? c.path : "the config");
		goto out;
	}
	if (optind == argc && !only_due && !c.sync.on) {
		size_t n = 0;

		for (size_t i = 0; i < c.nsources; i++)
			n += c.sources[i].enabled && c.sources[i].url;
		if (!n) {
			/* not an error (a fresh example config has none), but
			 * say so rather than print nothing */
			fprintf(stderr,
				"warta: refresh: no enabled sources in %s: add a "
				"section with a url (see warta.ini(5))\n",
				c.path ? c.path : "the config");
			rc = 0;
			goto out;
		}
	}
	st = cli_store_open(g, "refresh");
	if (!st)
		goto out;
	/* with sync on, every source of the server first, or the one named */
	sync = c.sync.on && optind == argc;
	for (int i = optind; i < argc; i++) {
		long long id;
		int found = 0;

		if (!config_find_source(&c, argv[i]) && c.sync.on) {
			found = store_sync_source_find(st, argv[i], &id, &e);
			if (found < 0) {
				fprintf(stderr, "warta: refresh: %s\n", e.msg);
				goto out;
			}
			sync |= found;
		}
		if (!found && !config_find_source(&c, argv[i])) {
			rc = cli_usage_error("refresh", "no source named '%s'",
					     argv[i]);
			goto out;
		}
	}
	if (sync)
		sync_failed = cli_sync_run(&c, st, "sync: ", verbose) != 0;
	memset(&ro, 0, sizeof(ro));
	ro.config = &c;
	ro.only = (const char *const *)(argv + optind);
	ro.nonly = (size_t)(argc - optind);
	if (only_due) {
		size_t ndue = 0;

		if (due_sources(st, &c, argv + optind, (size_t)(argc - optind),
				&due, &ndue) < 0)
			goto out;
		if (!ndue) {
			if (verbose)
				puts("no source is due");
			rc = 0;
			goto out;
		}
		ro.only = due;
		ro.nonly = ndue;
	}
	ro.no_articles = no_articles;
	ro.on_event = on_event;
	ro.ctx = &prog;
	prog.tty = !prog.quiet && isatty(STDERR_FILENO);
	prog.verbose = verbose;
	if (notify)
		prog.notify = notify_new(&c);
	/* the refresh appends: half the browsing cache does as well, and
	 * keeps a cold refresh of 10 000 items under 26 MB instead of 30 */
	if (store_set_cache(st, REFRESH_CACHE_KIB, &e) < 0)
		fprintf(stderr, "warta: refresh: %s\n", e.msg);
	rc = refresh_run(st, &ro, &stats, &e);
	clear_bar(&prog);
	if (rc < 0) {
		fprintf(stderr, "warta: refresh: %s\n", e.msg);
		rc = 1;
		goto out;
	}
	rc |= sync_failed;
	if (prog.notify)
		run_notify(st, &c, prog.notify);
	/* always, terminal or not: a cron job's mail says what happened
	 * (--quiet asks for nothing) */
	if (!prog.quiet) {
		char a[32], b[32];
		size_t fetched = stats.articles_done - stats.articles_failed;

		str_group_thousands(stats.sources, a);
		str_group_thousands(stats.new_items, b);
		printf("%s source%s, %s new, %zu failed", a,
		       stats.sources == 1 ? "" : "s", b, stats.sources_failed);
		if (stats.not_modified)
			printf(" (%zu unchanged)", stats.not_modified);
		if (stats.articles)
			printf("; %zu article%s fetched, %zu failed%s", fetched,
			       fetched == 1 ? "" : "s", stats.articles_failed,
			       stats.articles_failed && !verbose
				       ? " (see --verbose)"
				       : "");
		putchar('\n');
	}
	if (rc == 0 && strict && stats.articles_failed)
		rc = EXIT_ARTICLES;
out:
	notify_free(prog.notify);
	free(due);
	store_close(st);
	config_free(&c);
	return rc;
}
