/* refresh_sync.c: the sync server's sources beside the config's, and a sync
 * on a thread of its own beside the interface's loop. */
#include "autoconfig.h"

#include "refresh/refresh.h"
#include "fetch/curl_load.h"
#include "store/store.h"
#include "sync/sync.h"
#include "util/str.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the synced sources as sources */

/* "a\nb" as a list of tags. */
static void
split_tags(const char *s, struct config_source *src)
{
	while (s && *s) {
		size_t n = strcspn(s, "\n");

		if (n) {
			src->tags = xreallocarray(src->tags, src->ntags + 1,
						  sizeof(*src->tags));
			src->tags[src->ntags++] = xstrndup(s, n);
		}
		s += n;
		s += *s == '\n';
	}
}

int
refresh_synced_sources(struct store *st, const struct config *c,
		       struct config_source **out, size_t *n, struct err *e)
{
	struct store_sync_source *rows = NULL;
	size_t nrows = 0;

	*out = NULL;
	*n = 0;
	if (!c->sync.on)
		return 0;
	if (store_sync_sources_list(st, &rows, &nrows, e) != 0)
		return -1;
	*out = xcalloc(nrows + 1, sizeof(**out));
	for (size_t i = 0; i < nrows; i++) {
		struct config_source *s = &(*out)[i];

		s->name = xstrdup(rows[i].name);
		s->url = xstrdup(rows[i].url ? rows[i].url : "");
		s->type = xstrdup("auto");
		split_tags(rows[i].tags, s);
		s->fetch_articles = c->fetch_articles;
		s->enabled = 1;
		s->max_items = c->max_items;
		s->synced = 1;
	}
	*n = nrows;
	store_sync_sources_free(rows, nrows);
	return 0;
}

void
refresh_synced_free(struct config_source *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].url);
		free(v[i].type);
		for (size_t t = 0; t < v[i].ntags; t++)
			free(v[i].tags[t]);
		free(v[i].tags);
	}
	free(v);
}

/* ---- a sync on a thread of its own */

struct refresh_sync {
	pthread_t thread;
	pthread_mutex_t lock;
	atomic_int stop;
	struct store *st; /* the thread's own connection */
	const struct config *config;
	/* under lock: */
	int running;
	int rc;
	struct refresh_sync_status status;
	struct err err;
};

static void
on_progress(void *ctx, const struct sync_progress *p)
{
	struct refresh_sync *s = ctx;

	pthread_mutex_lock(&s->lock);
	snprintf(s->status.step, sizeof(s->status.step), "%s", p->step);
	s->status.done = p->done;
	s->status.total = p->total;
	pthread_mutex_unlock(&s->lock);
}

static void *
run(void *arg)
{
	struct refresh_sync *s = arg;
	struct sync_options o;
	struct sync_stats stats;
	struct err e;
	int rc;

	memset(&o, 0, sizeof(o));
	o.config = s->config;
	o.on_progress = on_progress;
	o.ctx = s;
	o.stop = &s->stop;
	rc = sync_run(s->st, &o, &stats, &e);
	pthread_mutex_lock(&s->lock);
	s->rc = rc;
	if (rc != 0)
		s->err = e;
	s->status.new_items = stats.new_items;
	s->status.sources = stats.sources;
	s->status.pushed = stats.pushed;
	s->status.changed = stats.changed;
	s->running = 0;
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

struct refresh_sync *
refresh_sync_start(struct store *st, const struct config *c, struct err *e)
{
	struct refresh_sync *s;
	const char *why;
	sigset_t all, old;
	int rc;

	if (!c->sync.on) {
		err_set(e, "no [sync] section in the config");
		return NULL;
	}
	/* libcurl is loaded once, here, not by two threads at once */
	why = curl_load_error();
	if (why) {
		err_set(e, "%s", why);
		return NULL;
	}
	s = xcalloc(1, sizeof(*s));
	s->config = c;
	s->st = store_sync_open(st, e);
	if (!s->st) {
		free(s);
		return NULL;
	}
	atomic_init(&s->stop, 0);
	pthread_mutex_init(&s->lock, NULL);
	s->running = 1;
	snprintf(s->status.step, sizeof(s->status.step), "login");
	/* the caller's loop takes the signals; the thread, none (what it
	 * starts, a password command, gets the default ones back) */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&s->thread, NULL, run, s);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		err_set(e, "cannot start a thread for the sync: %s",
			strerror(rc));
		pthread_mutex_destroy(&s->lock);
		store_close(s->st);
		free(s);
		return NULL;
	}
	return s;
}

int
refresh_sync_poll(struct refresh_sync *s, struct refresh_sync_status *out,
		  struct err *e)
{
	int rc;

	pthread_mutex_lock(&s->lock);
	if (out)
		*out = s->status;
	rc = s->running ? 1 : s->rc == 0 ? 0 : -1;
	if (rc < 0)
		err_set(e, "%s", s->err.msg);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

void
refresh_sync_free(struct refresh_sync *s)
{
	if (!s)
		return;
	/* it stops at its next request, or within a tenth of a second of
	 * the one it waits for */
	atomic_store(&s->stop, 1);
	pthread_join(s->thread, NULL);
	pthread_mutex_destroy(&s->lock);
	store_close(s->st);
	free(s);
}
