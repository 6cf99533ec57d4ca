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

struct progress {
	int tty;     /* draw a bar on stderr */
	int drawn;   /* a bar is on the screen */
	int quiet;   /* --quiet: no message per source */
	struct notify *notify; /* --notify: what is new, or NULL */
};

/* "1 203": thousands grouped by a space. */
static void
group(size_t n, char out[32])
{
	char tmp[32];
	size_t len, o = 0;

	snprintf(tmp, sizeof(tmp), "%zu", n);
	len = strlen(tmp);
	for (size_t i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			out[o++] = ' ';
		out[o++] = tmp[i];
	}
	out[o] = '\0';
}

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
	size_t total = s->sources + s->articles;
	size_t done = s->sources_done + s->articles_done;
	int width = 30, fill = total ? (int)(done * (size_t)width / total) : 0;

	fprintf(stderr, "\r[%.*s%*s] %zu/%zu sources", fill,
		"##############################", width - fill, "",
		s->sources_done, s->sources);
	if (s->articles)
		fprintf(stderr, ", %zu/%zu articles", s->articles_done,
			s->articles);
	fputs("\033[K", stderr);
	p->drawn = 1;
}

static void
on_event(void *ctx, const struct refresh_event *ev)
{
	struct progress *p = ctx;

	if (p->notify)
		notify_note(p->notify, ev);
	if (p->quiet)
		return;
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
	static const struct option opts[] = {
		{"no-articles", no_argument, NULL, 'n'},
		{"verbose", no_argument, NULL, 'v'},
		{"due", no_argument, NULL, 'd'},
		{"quiet", no_argument, NULL, 'q'},
		{"notify", no_argument, NULL, 'N'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct refresh_options ro;
	struct refresh_stats stats;
	struct progress prog = {0, 0, 0, NULL};
	struct config c;
	struct store *st = NULL;
	struct err e;
	const char **due = NULL;
	int ch, verbose = 0, no_articles = 0, rc = 1, only_due = 0;
	int notify = 0;

	while ((ch = getopt_long(argc, argv, "nvdqh", opts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			no_articles = 1;
			break;
		case 'v':
			verbose = 1;
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
			puts("usage: warta refresh [--no-articles] [--verbose] "
			     "[--due] [--quiet] [--notify] [SOURCE...]");
			return 0;
		default:
			return cli_usage_error("refresh", "unknown option");
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
	if (optind == argc && !only_due) {
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
	for (int i = optind; i < argc; i++)
		if (!config_find_source(&c, argv[i])) {
			rc = cli_usage_error("refresh", "no source named '%s'",
					     argv[i]);
			goto out;
		}
	st = cli_store_open(g, "refresh");
	if (!st)
		goto out;
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
	if (prog.notify)
		run_notify(st, &c, prog.notify);
	if (!prog.quiet && (verbose || isatty(STDOUT_FILENO))) {
		char a[32], b[32];

		group(stats.sources, a);
		group(stats.new_items, b);
		printf("%s source%s, %s new, %zu failed", a,
		       stats.sources == 1 ? "" : "s", b, stats.sources_failed);
		if (stats.not_modified)
			printf(" (%zu unchanged)", stats.not_modified);
		if (stats.articles)
			printf("; %zu article%s fetched, %zu failed",
			       stats.articles_done - stats.articles_failed,
			       stats.articles_done - stats.articles_failed == 1
				       ? ""
				       : "s",
			       stats.articles_failed);
		putchar('\n');
	}
out:
	notify_free(prog.notify);
	free(due);
	store_close(st);
	config_free(&c);
	return rc;
}
