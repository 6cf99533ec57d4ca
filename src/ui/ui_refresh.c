/* ui_refresh.c: refreshes and article fetches, stepped from the UI loop. */
#include "autoconfig.h"

#include "config/config.h"
#include "refresh/notify.h"
#include "refresh/refresh.h"
#include "ui/ui_int.h"
#include "util/err.h"
#include "util/str.h"
#include "util/url.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ui_refresh {
	/* the sync before the refresh, or NULL; where it is */
	struct refresh_sync *sync;
	struct refresh_sync_status sync_status;
	char *sync_error;   /* how it failed, or NULL */
	size_t sync_new;    /* items it brought */
	char what[48];	    /* "syncing: items", or "refreshing" */
	struct refresh *rf; /* sources being refreshed, or NULL */
	char **only;	    /* the sources refreshed, or NULL for all */
	size_t nonly;
	struct notify *notify;	  /* what came, when it is to be told */
	int changed;		  /* new data since the last reload */
	time_t last_reload;
	size_t offline_fails; /* sources failing to resolve or connect */
	struct refresh *art;  /* the article being fetched, or NULL */
	long long art_item;   /* its item */
	int art_more;	      /* it goes on from page one in the cache */
	int art_told;	      /* its event came: */
	char *art_error;      /* what failed, or NULL */
	int art_pages;	      /* the pages it has now */
	long long art_just;   /* the item whose fetch is being shown */
};

static void
drop_only(struct ui_refresh *r)
{
	for (size_t i = 0; i < r->nonly; i++)
		free(r->only[i]);
	free(r->only);
	r->only = NULL;
	r->nonly = 0;
}

static struct ui_refresh *
state(struct ui *ui)
{
	if (!ui->refresh)
		ui->refresh = xcalloc(1, sizeof(*ui->refresh));
	return ui->refresh;
}

static void
article_stop(struct ui_refresh *r)
{
	refresh_free(r->art);
	free(r->art_error);
	r->art = NULL;
	r->art_error = NULL;
	r->art_item = 0;
	r->art_more = r->art_told = r->art_pages = 0;
}

static void
on_article_event(void *ctx, const struct refresh_event *ev)
{
	struct ui_refresh *r = ctx;

	if (ev->what != REFRESH_ARTICLE)
		return;
	r->art_told = 1;
	free(r->art_error);
	r->art_error = ev->error ? xstrdup(ev->error) : NULL;
	r->art_pages = ev->pages;
}

/* Start fetching the article of item id (more: going on from its cached
 * page one); 0 when started, 1 when already on its way, -1 when it cannot
 * be (said on the status line unless quiet). */
static int
article_begin(struct ui *ui, long long id, int more, int quiet)
{
	struct ui_refresh *r = state(ui);
	struct refresh_options o;
	struct err e;

	if (r->art && r->art_item == id)
		return 1;
	article_stop(r);
	memset(&o, 0, sizeof(o));
	o.config = ui->set->config;
	o.on_event = on_article_event;
	o.ctx = r;
	r->art = refresh_start_article(ui->set->store, &o, id, &e);
	if (!r->art) {
		if (!quiet)
			ui_message(ui, 1, "%s", e.msg);
		return -1;
	}
	r->art_item = id;
	r->art_more = more;
	return 0;
}

void
ui_article_fetch(struct ui *ui, const char *url)
{
	if (ui->set->offline) {
		ui_message(ui, 0, "offline: the feed's summary is shown");
		return;
	}
	if (!url || !url_is_fetchable(url)) {
		ui_message(ui, 0, "this item has no page to fetch");
		return;
	}
	if (article_begin(ui, ui->art.item_id, 0, 0) == 0)
		ui_message(ui, 0, "fetching the article...");
}

unsigned
ui_article_retry(struct ui *ui, long long id)
{
	if (ui->set->offline) {
		ui_message(ui, 1, "offline: not fetching the article");
		return UI_REDRAW_STATUS;
	}
	switch (article_begin(ui, id, 0, 0)) {
	case 0:
		ui_message(ui, 0, "fetching the article...");
		break;
	case 1:
		ui_message(ui, 0, "the article is on its way");
		break;
	default:
		break;
	}
	return UI_REDRAW_STATUS;
}

void
ui_article_more(struct ui *ui, const struct store_article *a)
{
	if (ui->set->offline || !ui->art.doc || a->pages_merged)
		return;
	/* the fetch that just stored it already tried the next page */
	if (ui->refresh && ui->refresh->art_just == ui->art.item_id)
		return;
	if (article_begin(ui, ui->art.item_id, 1, 1) == 0)
		ui_message(ui, 0, "fetching page 2 of the article...");
}

/* The article fetch ended (fail: why the refresh itself failed, or NULL):
 * say how, and show the article (or why it failed) when it is still open;
 * the lists are read again for its mark. */
static unsigned
article_end(struct ui *ui, const char *fail)
{
	struct ui_refresh *r = ui->refresh;
	long long id = r->art_item;
	int more = r->art_more, told = r->art_told, pages = r->art_pages;
	char *error = r->art_error;
	unsigned flags = UI_REDRAW_STATUS;

	r->art_error = NULL;
	article_stop(r);
	/* shown again: the article, or why it failed (a next page that
	 * failed leaves the article as it is) */
	if (told && (!error || !more) && ui->view == UI_ARTICLE &&
	    ui->art.item_id == id) {
		long top = ui->art.top;

		r->art_just = id;
		view_article_open(ui, id);
		r->art_just = 0;
		ui->art.top = top;
	}
	if (told)
		flags = UI_RELOAD | UI_REDRAW_ALL;
	if (fail) {
		ui_message(ui, 1, "article: %s", fail);
	} else if (error && more) {
		ui_message(ui, 1, "page 2 of the article: %s", error);
	} else if (error) {
		/* the words of fetch's errors when the network is not there */
		if (str_starts_with(error, "cannot resolve") ||
		    str_starts_with(error, "cannot connect"))
			ui_message(ui, 1,
				   "no network? the feed's summary is "
				   "shown (article: %s)",
				   error);
		else
			ui_message(ui, 1, "article: %s", error);
	} else if (told) {
		ui_message(ui, 0, "article fetched%s",
			   pages > 1 ? " (pages joined)" : "");
	}
	free(error);
	return flags;
}

static void
on_refresh_event(void *ctx, const struct refresh_event *ev)
{
	struct ui_refresh *r = ctx;

	if (r->notify)
		notify_note(r->notify, ev);
	if (ev->what == REFRESH_PROGRESS)
		return;
	/* a failed article changes its item's mark too */
	r->changed = 1;
	/* the words of fetch's errors when the network is not there */
	if (ev->what == REFRESH_SOURCE && ev->error &&
	    (str_starts_with(ev->error, "cannot resolve") ||
	     str_starts_with(ev->error, "cannot connect")))
		r->offline_fails++;
}

/* Say how a finished refresh went. */
static void
refresh_report(struct ui *ui, const struct refresh_stats *st)
{
	size_t off = ui->refresh->offline_fails;

	ui->refresh->offline_fails = 0;
	if (ui->refresh->sync_error) {
		/* the sync's failure first: the refresh went on without it */
		ui_message(ui, 1, "%s", ui->refresh->sync_error);
		free(ui->refresh->sync_error);
		ui->refresh->sync_error = NULL;
	} else if (st->sources_failed && off == st->sources_failed &&
		   st->sources_failed == st->sources)
		ui_message(ui, 1,
			   "no network? %s could not be reached; the "
			   "cache is still here",
			   st->sources == 1 ? "the source" : "no source");
	else if (st->sources_failed)
		ui_message(ui, 1,
			   "%zu source%s, %zu new, %zu failed (see the "
			   "! marks)",
			   st->sources, st->sources == 1 ? "" : "s",
			   st->new_items, st->sources_failed);
	else if (st->articles_failed)
		ui_message(ui, 1,
			   "%zu source%s, %zu new; %zu article%s failed (see "
			   "the x marks)",
			   st->sources, st->sources == 1 ? "" : "s",
			   st->new_items, st->articles_failed,
			   st->articles_failed == 1 ? "" : "s");
	else
		ui_message(ui, 0, "%zu source%s, %zu new", st->sources,
			   st->sources == 1 ? "" : "s",
			   st->new_items + ui->refresh->sync_new);
	ui->refresh->sync_new = 0;
}

/* Start refreshing (after the sync, if there was one); 0, or -1 with a
 * message. */
static int
refresh_begin(struct ui *ui)
{
	struct ui_refresh *r = ui->refresh;
	const struct config *c = ui->set->config;
	struct refresh_options o;
	struct err e;

	memset(&o, 0, sizeof(o));
	o.config = c;
	o.only = (const char *const *)r->only;
	o.nonly = r->nonly;
	o.on_event = on_refresh_event;
	o.ctx = r;
	r->rf = refresh_start(ui->set->store, &o, &e);
	if (!r->rf) {
		ui_message(ui, 1, "refresh: %s", e.msg);
		drop_only(r);
		free(r->sync_error);
		r->sync_error = NULL;
		return -1;
	}
	/* told only when someone listens */
	if (c->notify == CONFIG_NOTIFY_TERMINAL ||
	    (c->notify == CONFIG_NOTIFY_YES && c->notify_command))
		r->notify = notify_new(c);
	return 0;
}

/* The sync before a refresh: how it goes, then the refresh once it
 * ended. Waits up to timeout_ms for a key when nothing else runs. */
static unsigned
sync_step(struct ui *ui, int timeout_ms)
{
	struct ui_refresh *r = ui->refresh;
	struct refresh_sync_status st;
	struct err e;
	int rc = refresh_sync_poll(r->sync, &st, &e);
	unsigned flags = UI_REDRAW_STATUS;

	if (rc > 0) {
		/* the items come in as the sync stores them */
		if (st.done != r->sync_status.done &&
		    time(NULL) != r->last_reload) {
			r->last_reload = time(NULL);
			flags |= UI_RELOAD;
		}
		r->sync_status = st;
		if (!r->art) {
			struct pollfd p = {0, POLLIN, 0};

			(void)poll(&p, 1, timeout_ms);
		}
		return flags;
	}
	refresh_sync_free(r->sync);
	r->sync = NULL;
	if (rc < 0)
		r->sync_error = xstrdup(e.msg);
	else
		r->sync_new = st.new_items;
	refresh_begin(ui);
	return flags | UI_RELOAD;
}

unsigned
ui_refresh_step(struct ui *ui, int timeout_ms)
{
	struct ui_refresh *r = ui->refresh;
	unsigned flags = 0;
	struct err e;

	if (!r)
		return 0;
	if (r->sync) {
		flags |= sync_step(ui, timeout_ms);
		timeout_ms = 0;
	}
	if (r->rf) {
		int rc = refresh_step(r->rf, 0, timeout_ms, &e);

		flags |= UI_REDRAW_STATUS;
		timeout_ms = 0;
		if (rc <= 0) {
			if (rc < 0)
				ui_message(ui, 1, "refresh: %s", e.msg);
			else
				refresh_report(ui, refresh_stats(r->rf));
			refresh_free(r->rf);
			r->rf = NULL;
			drop_only(r);
			if (r->notify)
				ui_notify(ui, r->notify);
			notify_free(r->notify);
			r->notify = NULL;
			ui_auto_reset(ui);
			r->changed = 1;
			r->last_reload = 0;
		}
		/* new items show up as they come, without redrawing the
		 * lists more than twice a second */
		if (r->changed && time(NULL) != r->last_reload) {
			r->changed = 0;
			r->last_reload = time(NULL);
			flags |= UI_RELOAD;
		}
	}
	if (r->art) {
		int rc = refresh_step(r->art, 0, timeout_ms, &e);

		if (rc <= 0)
			flags |= article_end(ui, rc < 0 ? e.msg : NULL);
	}
	if (!r->sync && !r->rf && !r->art) {
		ui_refresh_free(ui);
		flags |= UI_REDRAW_STATUS;
	}
	return flags;
}

/* 1 when refreshing source name (NULL: all) syncs first: the sync
 * server's sources are in it. */
static int
syncs_first(struct ui *ui, const char *name)
{
	long long id;
	struct err e;

	if (!ui->set->config->sync.on)
		return 0;
	return !name ||
	       store_sync_source_find(ui->set->store, name, &id, &e) == 1;
}

int
ui_refresh_start(struct ui *ui, const char *name)
{
	return ui_refresh_start_list(ui, name ? &name : NULL, name ? 1 : 0);
}

int
ui_refresh_start_list(struct ui *ui, const char *const *names, size_t n)
{
	struct ui_refresh *r;
	struct err e;
	int sync = 0;

	if (!ui->set->config) {
		ui_message(ui, 1, "no configuration to refresh from");
		return -1;
	}
	r = state(ui);
	if (r->rf || r->sync) {
		ui_message(ui, 0, "a refresh is already under way");
		return -1;
	}
	r->offline_fails = 0;
	drop_only(r);
	if (n) {
		r->only = xcalloc(n, sizeof(*r->only));
		for (size_t i = 0; i < n; i++)
			r->only[i] = xstrdup(names[i]);
		r->nonly = n;
	}
	for (size_t i = 0; i < (n ? n : 1) && !sync; i++)
		sync = syncs_first(ui, n ? names[i] : NULL);
	if (sync) {
		/* on a thread of its own: the keys stay live meanwhile */
		memset(&r->sync_status, 0, sizeof(r->sync_status));
		r->sync =
		    refresh_sync_start(ui->set->store, ui->set->config, &e);
		if (r->sync)
			return 0;
		r->sync_error = xasprintf("sync: %s", e.msg);
	}
	return refresh_begin(ui);
}

const char *
ui_refresh_what(struct ui *ui)
{
	struct ui_refresh *r = ui->refresh;

	if (!r || !r->sync)
		return "refreshing";
	snprintf(r->what, sizeof(r->what), "syncing: %s",
		 r->sync_status.step[0] ? r->sync_status.step : "login");
	return r->what;
}

int
ui_refresh_busy(struct ui *ui)
{
	return ui->refresh && (ui->refresh->rf || ui->refresh->sync);
}

int
ui_refresh_progress(struct ui *ui, size_t *done, size_t *total, size_t *failed,
		    size_t *steps_done, size_t *steps)
{
	const struct refresh_stats *st;

	*done = *total = *failed = *steps_done = *steps = 0;
	if (ui->refresh && ui->refresh->sync) {
		*done = ui->refresh->sync_status.done;
		*total = ui->refresh->sync_status.total;
		return 1;
	}
	if (!ui->refresh || !ui->refresh->rf)
		return 0;
	st = refresh_stats(ui->refresh->rf);
	*done = st->sources_done + st->articles_done;
	*total = st->sources + st->articles;
	*failed = st->sources_failed;
	/* the bar's: they move with every try, a retry too */
	*steps_done = st->steps ? st->steps_done : *done;
	*steps = st->steps ? st->steps : *total;
	return 1;
}

void
ui_refresh_free(struct ui *ui)
{
	struct ui_refresh *r = ui->refresh;

	if (!r)
		return;
	article_stop(r);
	/* a sync under way stops at its next request: what it did not
	 * push stays queued */
	refresh_sync_free(r->sync);
	if (r->rf)
		refresh_free(r->rf);
	free(r->sync_error);
	drop_only(r);
	notify_free(r->notify);
	free(r);
	ui->refresh = NULL;
}
