/* refresh.c: the conductor: every source fetched, parsed and stored in
 * batches, the loop's steps and their progress (the articles are
 * refresh_articles.c's). */
#include "autoconfig.h"

#include "refresh/refresh_int.h"
#include "doc/doc.h"
#include "feed/feed.h"
#include "fetch/fetch.h"
#include "refresh/article.h"
#include "refresh/budget.h"
#include "refresh/parse.h"
#include "refresh/schedule.h"
#include "refresh/stage.h"
#include "store/store.h"
#include "util/date.h"
#include "util/str.h"
#include "util/url.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

long long
refresh_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
emit(struct refresh *r, enum refresh_what what, const struct job *j,
     const char *error, const char *notice, const char *redirect,
     int not_modified, size_t new_items, int pages)
{
	struct refresh_event ev;

	if (!r->o.on_event)
		return;
	memset(&ev, 0, sizeof(ev));
	ev.what = what;
	/* no job: REFRESH_PROGRESS */
	ev.source = !j ? "" : j->src ? j->src->name : r->source;
	ev.url = j ? j->url : "";
	ev.item_id = j ? j->item_id : 0;
	ev.error = error;
	ev.notice = notice;
	ev.redirect = redirect;
	ev.not_modified = not_modified;
	ev.new_items = new_items;
	ev.new_ids = what == REFRESH_SOURCE ? r->out[r->cur].new_ids : NULL;
	ev.pages = pages;
	ev.stats = &r->stats;
	r->o.on_event(r->o.ctx, &ev);
}

/* Record the event of the batch entry being stored. */
void
refresh_note(struct refresh *r, enum refresh_what what, const char *error,
     int not_modified, size_t new_items)
{
	struct outcome *o = &r->out[r->cur];

	o->what = what;
	o->quiet = 0;
	free(o->error);
	o->error = error ? xstrdup(error) : NULL;
	free(o->notice);
	o->notice = NULL;
	o->not_modified = not_modified;
	o->new_items = new_items;
	o->pages = 0;
}

struct job *
refresh_job_new(struct refresh *r, const struct config_source *src, long long sid,
	long long item, const char *url)
{
	struct job *j = xcalloc(1, sizeof(*j));

	j->src = src;
	j->source_id = sid;
	j->item_id = item;
	j->url = xstrdup(url);
	j->feed_interval = -1;
	j->text = store_text_of(r->st);
	r->jobs = xreallocarray(r->jobs, r->njobs + 1, sizeof(*r->jobs));
	r->jobs[r->njobs++] = j;
	return j;
}

int
refresh_wanted(const struct refresh_options *o, const struct config_source *s)
{
	if (!o->nonly)
		return s->enabled && s->url;
	for (size_t i = 0; i < o->nonly; i++)
		if (!str_casecmp(o->only[i], s->name))
			return s->url != NULL;
	return 0;
}

void
refresh_fetch_options(const struct config *c, const struct config_source *s,
		      struct fetch_options *o)
{
	fetch_options_default(o);
	o->timeout_s = c->timeout;
	o->connect_timeout_s = c->connect_timeout;
	o->max_size = c->max_size;
	o->retries = c->retries;
	o->user_agent = s && s->user_agent ? s->user_agent : c->user_agent;
	o->proxy = c->proxy;
	o->insecure = s ? s->insecure : 0;
}

/* A source's answer to parse, or an article's page to extract. */
static void *
parse_prepare(const struct fetch_done *d)
{
	const struct job *j = d->userdata;
	struct parsed *m;

	if (!d->ok || d->res.not_modified)
		return NULL;
	if (j->item_id && (!j->art || !article_url(j->art)))
		return NULL;
	m = xcalloc(1, sizeof(*m));
	if (j->item_id) {
		m->is_page = 1;
		m->base = article_base(j->art, d);
		return m;
	}
	m->url = xstrdup(d->res.final_url ? d->res.final_url : j->url);
	m->type = xstrdup(j->src->type);
	m->pattern =
	    j->src->link_pattern ? xstrdup(j->src->link_pattern) : NULL;
	m->max = j->src->max_items > 0 ? (size_t)j->src->max_items : 0;
	m->text = *j->text;
	return m;
}

static const struct stage_ops parse_ops = {parse_prepare, parse_run,
					   parse_drop};

struct refresh *
refresh_new(struct store *st, const struct refresh_options *o,
	    long max_connections, long per_host, struct err *e)
{
	struct refresh *r = xcalloc(1, sizeof(*r));

	r->st = st;
	r->o = *o;
	r->started = schedule_now();
	r->job_steps =
	    (size_t)(o->config && o->config->retries > 0 ? o->config->retries
							 : 0) +
	    1;
	r->f = fetch_new(max_connections, per_host, e);
	if (!r->f) {
		free(r);
		return NULL;
	}
	r->stage = stage_new(r->f, &parse_ops);
	return r;
}

struct refresh *
refresh_start(struct store *st, const struct refresh_options *o,
	      struct err *e)
{
	const struct config *c = o->config;
	struct config_source *synced = NULL;
	size_t nsynced = 0;
	struct refresh *r;

	if (refresh_synced_sources(st, c, &synced, &nsynced, e) < 0)
		return NULL;
	for (size_t i = 0; i < o->nonly; i++) {
		size_t k = 0;

		while (k < nsynced && str_casecmp(o->only[i], synced[k].name))
			k++;
		if (!config_find_source(c, o->only[i]) && k == nsynced) {
			err_set(e, "no source named \"%s\"", o->only[i]);
			refresh_synced_free(synced, nsynced);
			return NULL;
		}
	}
	r = refresh_new(st, o, c->max_connections, c->per_host, e);
	if (!r) {
		refresh_synced_free(synced, nsynced);
		return NULL;
	}
	r->synced = synced;
	r->nsynced = nsynced;
	r->opts = xcalloc(c->nsources + 1, sizeof(*r->opts));
	r->budget = budget_new(c->nsources);
	for (size_t i = 0; i < c->nsources; i++) {
		const struct config_source *s = &c->sources[i];
		struct store_source old;
		struct fetch_request req;
		struct job *j;
		long long id;
		int found, same;
		struct err fe;

		if (!refresh_wanted(o, s))
			continue;
		memset(&old, 0, sizeof(old));
		found = store_source_get(st, s->name, &old, e);
		if (found < 0)
			goto fail;
		same = found && old.url && !strcmp(old.url, s->url);
		if (store_source_ensure(st, s->name, s->url, &id, e) < 0) {
			store_source_clear(&old);
			goto fail;
		}
		refresh_fetch_options(c, s, &r->opts[i]);
		/* the user's own config may name local files; content never */
		r->opts[i].allow_file = 1;
		j = refresh_job_new(r, s, id, 0, s->url);
		/* validators only when the items they stand for are cached:
		 * a 304 must never leave a source empty */
		if (same && old.total > 0) {
			j->etag = old.etag ? xstrdup(old.etag) : NULL;
			j->last_modified = old.last_modified
						   ? xstrdup(old.last_modified)
						   : NULL;
		}
		j->kept_interval = old.feed_interval;
		store_source_clear(&old);
		memset(&req, 0, sizeof(req));
		req.url = s->url;
		req.opt = &r->opts[i];
		req.etag = j->etag;
		req.last_modified = j->last_modified;
		req.userdata = j;
		r->stats.sources++;
		if (fetch_add(r->f, &req, &fe) < 0) {
			struct store_fetch_state fs = {0};

			fs.when = r->started;
			fs.error = fe.msg;
			store_source_set_fetch(st, id, &fs, NULL);
			r->stats.sources_done++;
			r->stats.sources_failed++;
			emit(r, REFRESH_SOURCE, j, fe.msg, NULL, NULL, 0, 0, 0);
		}
	}
	if (refresh_queue_synced(r, e) < 0)
		goto fail;
	return r;
fail:
	refresh_free(r);
	return NULL;
}

/* The feed a work thread parsed from j's answer (taken), or NULL with e
 * set. */
static struct feed *
parse_source(struct job *j, struct err *e)
{
	struct feed *fd;

	if (!j->made)
		return err_set(e, "the answer was not parsed"), NULL;
	fd = j->made->feed;
	j->made->feed = NULL;
	if (!fd)
		*e = j->made->err;
	return fd;
}

/* "20 000 items, kept the newest 200 (max-items)" when the feed had more
 * items than were read of it (caller frees), else NULL. */
static char *
cut_notice(const struct config_source *s, const struct feed *fd)
{
	char all[32], kept[32];

	if (fd->total <= fd->nitems)
		return NULL;
	str_group_thousands(fd->total, all);
	str_group_thousands(fd->nitems, kept);
	return xasprintf("%s items, kept the newest %s (%s)", all, kept,
			 s->max_items > 0 ? "max-items"
					  : "the most warta reads of a feed");
}

/* Store a fetched source (inside the batch's transaction); -1 only when
 * the cache itself fails. */
static int
source_done(struct refresh *r, struct job *j, struct fetch_done *d,
	    struct err *e)
{
	struct store_fetch_state fs;
	struct feed *fd = NULL;
	struct err pe;
	size_t nnew = 0;
	long long *new_ids = NULL;
	int rc = -1;

	memset(&fs, 0, sizeof(fs));
	fs.when = r->started;
	fs.redirect = d->res.permanent_redirect;
	r->stats.sources_done++;
	if (!d->ok) {
		char msg[sizeof(d->err.msg) + 16];

		/* the setting that refused it, so that it can be changed */
		snprintf(msg, sizeof(msg), "%s%s", d->err.msg,
			 d->kind == FETCH_ERR_SIZE ? " (max-size)" : "");
		fs.error = msg;
		if (store_source_set_fetch(r->st, j->source_id, &fs, e) < 0)
			return -1;
		r->stats.sources_failed++;
		refresh_note(r, REFRESH_SOURCE, msg, 0, 0);
		return 0;
	}
	if (d->res.not_modified) {
		fs.ok = 1;
		fs.not_modified = 1;
		fs.etag = d->res.etag ? d->res.etag : j->etag;
		fs.last_modified = d->res.last_modified ? d->res.last_modified
							: j->last_modified;
		if (store_source_set_fetch(r->st, j->source_id, &fs, e) < 0 ||
		    refresh_queue_missing(r, j, e) < 0)
			return -1;
		r->stats.not_modified++;
		refresh_note(r, REFRESH_SOURCE, NULL, 1, 0);
		return 0;
	}
	fd = parse_source(j, &pe);
	if (!fd) {
		fs.error = pe.msg;
		if (store_source_set_fetch(r->st, j->source_id, &fs, e) < 0)
			return -1;
		r->stats.sources_failed++;
		refresh_note(r, REFRESH_SOURCE, pe.msg, 0, 0);
		return 0;
	}
	fs.ok = 1;
	fs.etag = d->res.etag;
	fs.last_modified = d->res.last_modified;
	fs.title = fd->title && *fd->title ? fd->title : NULL;
	j->feed_interval = fd->interval;
	if (store_source_set_fetch(r->st, j->source_id, &fs, e) < 0)
		goto out;
	new_ids = xcalloc(fd->nitems + 1, sizeof(*new_ids));
	/* last to first, so undated items keep the feed's order */
	for (size_t i = fd->nitems; i-- > 0;) {
		const struct feed_item *it = &fd->items[i];
		struct store_item_in in;
		long long id = 0;
		int is_new = 0;

		/* an empty <item/> (feeds nest them by mistake) is no article */
		if (!*it->title && !it->link && !it->id && !it->summary &&
		    !it->content)
			continue;
		memset(&in, 0, sizeof(in));
		in.key = it->key;
		in.title = it->title;
		in.link = it->link;
		in.author = it->author;
		in.summary = it->summary;
		in.content = it->content;
		/* a date the parser made up, or a placeholder, is none:
		 * the item is dated by its article, or when first seen */
		in.published =
		    it->date_guessed ||
			    date_is_placeholder(it->published, r->started)
			? 0
			: it->published;
		in.updated =
		    it->updated && !date_is_placeholder(it->updated, r->started)
			? it->updated
			: 0;
		if (j->made && i < j->made->nready)
			in.ready = &j->made->ready[i];
		if (store_item_upsert(r->st, j->source_id, &in, r->started,
				      &is_new, &id, e) < 0)
			goto out;
		if (is_new)
			new_ids[i] = id;
	}
	for (size_t i = 0; i < fd->nitems; i++)
		if (new_ids[i])
			new_ids[nnew++] = new_ids[i];
	r->stats.new_items += nnew;
	if (nnew) {
		struct store_retention ret = {j->src->max_items,
					      r->o.config->keep_days};

		if (store_retention_apply(r->st, j->source_id, &ret,
					  r->started, NULL, e) < 0)
			goto out;
	}
	if (refresh_queue_missing(r, j, e) < 0)
		goto out;
	refresh_note(r, REFRESH_SOURCE, NULL, 0, nnew);
	r->out[r->cur].notice = cut_notice(j->src, fd);
	if (fd->notice) {
		/* both: what the parse skipped, then what max-items left */
		char *cut = r->out[r->cur].notice;

		r->out[r->cur].notice =
		    cut ? xasprintf("%s; %s", fd->notice, cut)
			: xstrdup(fd->notice);
		free(cut);
	}
	r->out[r->cur].new_ids = new_ids;
	new_ids = NULL;
	rc = 0;
out:
	free(new_ids);
	feed_free(fd);
	return rc;
}

/* Record when source job j may be fetched again after its answer d. */
static int
record_due(struct refresh *r, const struct job *j, const struct fetch_done *d,
	   struct err *e)
{
	long interval =
	    j->feed_interval >= 0 ? j->feed_interval : j->kept_interval;

	return store_source_set_due(
	    r->st, j->source_id, schedule_not_before(r->started, d, interval),
	    j->feed_interval, e);
}

/* Move the steps of the stats on: whole ones for what is done, one a try
 * ended for what is under way (never more than it may have). 1 when they
 * moved. */
static int
count_steps(struct refresh *r)
{
	struct refresh_stats *st = &r->stats;
	size_t k = r->job_steps, jobs = st->sources + st->articles;
	size_t finished = st->sources_done + st->articles_done;
	size_t under_way = jobs - finished, partial = 0, done;

	r->tries_ended = fetch_tries_ended(r->f);
	if (r->tries_ended > r->tries_finished)
		partial = r->tries_ended - r->tries_finished;
	if (partial > under_way * (k - 1))
		partial = under_way * (k - 1);
	done = finished * k + partial;
	st->steps = jobs * k;
	/* a batch collected but not yet stored took its tries along */
	if (done < st->steps_done && st->steps_done <= st->steps)
		done = st->steps_done;
	if (done == st->steps_done)
		return 0;
	st->steps_done = done;
	return 1;
}

/* Store what finished, in one transaction: one commit per source would
 * rewrite the same index pages over and over. Each source still goes in
 * whole or not at all, and a cache failure ends the refresh anyway. */
static int
flush(struct refresh *r, struct err *e)
{
	int rc = 0;
	size_t i;

	if (!r->nbatch)
		return 0;
	/* the transfers started since the last step send their requests
	 * now, so the answers come while the batch is stored rather than
	 * after it (once: the answers wait in memory, and a fetch loop
	 * here would read every source before storing any; errors show at
	 * the next step) */
	(void)fetch_perform(r->f, -1, 0);
	if (store_begin(r->st, e) < 0)
		rc = -1;
	for (i = 0; i < r->nbatch && rc == 0; i++) {
		struct fetch_done *d = &r->batch[i];
		struct job *j = d->userdata;

		r->cur = i;
		if (j->item_id && d->timed_out && j->src)
			refresh_give_up_host(r, j);
		j->made = r->made[i];
		rc = j->item_id ? refresh_article_done(r, j, d, e)
				: source_done(r, j, d, e);
		j->made = NULL;
		if (rc == 0 && !j->item_id)
			rc = record_due(r, j, d, e);
	}
	if (rc == 0 && store_commit(r->st, e) < 0)
		rc = -1;
	if (rc < 0)
		store_rollback(r->st);
	count_steps(r);
	for (i = 0; i < r->nbatch; i++) {
		struct fetch_done *d = &r->batch[i];
		struct outcome *o = &r->out[i];

		r->cur = i;
		if (rc == 0 && !o->quiet)
			emit(r, o->what, d->userdata, o->error, o->notice,
			     o->what == REFRESH_SOURCE
				 ? d->res.permanent_redirect
				 : NULL,
			     o->not_modified, o->new_items, o->pages);
		free(o->error);
		free(o->notice);
		free(o->new_ids);
		memset(o, 0, sizeof(*o));
		fetch_done_free(d);
		parse_drop(r->made[i]);
		r->made[i] = NULL;
	}
	r->nbatch = 0;
	return rc;
}

/* Move answers ready to be stored into the batch, up to max; 1 when new
 * transfers wait for the batch to be stored. */
static int
collect(struct refresh *r, size_t max)
{
	int held;
	struct fetch_done d;
	void *made;

	stage_gather(r->stage);
	while (r->nbatch < max && stage_next(r->stage, &d, &made)) {
		if (!r->nbatch)
			r->batch_start = refresh_now_ms();
		r->tries_finished += (size_t)d.tries;
		r->made[r->nbatch] = made;
		r->batch[r->nbatch++] = d;
	}
	/* answers come faster than they are stored: let the next ones wait
	 * on their servers rather than in memory */
	held = stage_pending(r->stage) + r->nbatch >=
	       HOLD_AT(stage_threads(r->stage));
	fetch_hold(r->f, held);
	return held && r->nbatch;
}

/* Transfers running or queued, and answers being parsed. */
static size_t
in_flight(const struct refresh *r)
{
	return fetch_pending(r->f) +
	       (stage_pending(r->stage) - stage_ready(r->stage));
}

int
refresh_step(struct refresh *r, int fd, int timeout_ms, struct err *e)
{
	/* with a terminal to answer (fd >= 0), smaller transactions keep
	 * each step short enough for a key to be answered within 100 ms */
	size_t max = fd >= 0 ? BATCH_MAX_INTERACTIVE : BATCH_MAX;
	int held;

	refresh_give_up_late(r);
	held = collect(r, max);

	if (r->nbatch >= max || held || stage_ready(r->stage) || !in_flight(r))
		timeout_ms = 0; /* work waiting here already */
	else if (r->nbatch && timeout_ms > BATCH_WAIT_MS)
		timeout_ms = BATCH_WAIT_MS;
	/* the wait ends with the network, a key, or a thread's work done */
	if (fetch_perform(r->f, fd, timeout_ms) < 0)
		return err_set(e, "curl failed");
	held = collect(r, max);
	/* a try that failed and waits to be made again is progress too:
	 * without it a refresh retrying a dead host looks stuck */
	if (fetch_tries_ended(r->f) != r->tries_ended && count_steps(r) &&
	    !r->nbatch)
		emit(r, REFRESH_PROGRESS, NULL, NULL, NULL, NULL, 0, 0, 0);
	if (r->nbatch >= max || held || !in_flight(r) ||
	    refresh_now_ms() - r->batch_start >= BATCH_WAIT_MS) {
		if (flush(r, e) < 0)
			return -1;
		/* more may have finished than one batch holds (or while it
		 * was stored): they are not pending any more, and only the
		 * batch keeps the loop going for them */
		collect(r, max);
	}
	/* storing may have queued article pages */
	return in_flight(r) || stage_pending(r->stage) || r->nbatch ? 1 : 0;
}

const struct refresh_stats *
refresh_stats(const struct refresh *r)
{
	return &r->stats;
}

void
refresh_free(struct refresh *r)
{
	if (!r)
		return;
	/* the threads first: their wake-up calls go to the fetch set */
	stage_free(r->stage);
	fetch_free(r->f);
	budget_free(r->budget);
	for (size_t i = 0; i < r->nbatch; i++) {
		parse_drop(r->made[i]);
		fetch_done_free(&r->batch[i]);
		free(r->out[i].error);
		free(r->out[i].notice);
		free(r->out[i].new_ids);
	}
	for (size_t i = 0; i < r->njobs; i++) {
		article_free(r->jobs[i]->art);
		free(r->jobs[i]->url);
		free(r->jobs[i]->etag);
		free(r->jobs[i]->last_modified);
		free(r->jobs[i]);
	}
	free(r->jobs);
	free(r->opts);
	refresh_synced_free(r->synced, r->nsynced);
	free(r->source);
	free(r);
}

int
refresh_run(struct store *st, const struct refresh_options *o,
	    struct refresh_stats *stats, struct err *e)
{
	struct refresh *r = refresh_start(st, o, e);
	int rc;

	if (!r)
		return -1;
	do {
		rc = refresh_step(r, -1, 1000, e);
	} while (rc > 0);
	if (stats)
		*stats = r->stats;
	if (rc == 0)
		rc = r->stats.sources_failed ? 1 : 0;
	refresh_free(r);
	return rc;
}
