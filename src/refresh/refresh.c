/* refresh.c: fetching every source, storing its items, then fetching articles. */
#include "autoconfig.h"

#include "refresh/refresh.h"
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

#define MAX_ARTICLES_PER_SOURCE 100
#define BATCH_MAX 8        /* responses stored in one transaction */
#define BATCH_MAX_INTERACTIVE 1 /* when the UI drives it: one per step */
#define BATCH_WAIT_MS 250  /* nor kept waiting longer than this */
/* Answers taken from the network and not yet stored (parsed feeds with
 * their items packed), past which no new transfer starts: half a batch,
 * and one for each work thread. */
#define HOLD_AT(threads) (4 + (size_t)(threads))

/* What became of one response, told to the caller once it is committed
 * (so the callback may use the cache). */
struct outcome {
	enum refresh_what what;
	int quiet; /* nothing to tell: an article's next page is on its way */
	char *error;
	char *notice; /* what was left out of the source, or NULL */
	int not_modified;
	size_t new_items;
	long long *new_ids; /* owned */
	int pages;
};

/* What a transfer is for: handed to fetch as its userdata. */
struct job {
	const struct config_source *src; /* NULL: an article alone */
	long long source_id;
	long long item_id;   /* an article's item; 0 for the source itself */
	const struct store_text *text; /* the cache's, for the work threads */
	char *url;
	char *etag, *last_modified; /* validators sent (sources) */
	struct article *art;	    /* the article's pages on their way */
	int pages_before;	    /* pages it had in the cache already */
	int asked; /* the reader asked: a failure leaves the time a refresh
		    * tries again as it was */
	int uncounted; /* given up by this refresh, not the item's fault:
			* no failure is recorded */
	long feed_interval;  /* what the feed fetched says of its updates,
			      * -1 until one is parsed */
	long kept_interval;  /* ... what the cache kept from an earlier one */
	struct parsed *made; /* its answer's work, while it is stored */
};

struct refresh {
	struct store *st;
	struct refresh_options o;
	char *source; /* the item's source, refreshing one article alone */
	struct fetch *f;
	struct stage *stage;	    /* answers parsed away from the loop */
	struct budget *budget;	    /* time left for each source's articles */
	struct fetch_options *opts; /* one per source, by index */
	struct config_source *synced; /* the sync server's sources */
	size_t nsynced;
	struct fetch_options synced_opts; /* their articles' */
	struct refresh_stats stats;
	time_t started;
	struct job **jobs; /* every job, freed at the end */
	size_t njobs;
	struct fetch_done batch[BATCH_MAX]; /* finished, not yet stored */
	struct parsed *made[BATCH_MAX];	    /* their work */
	struct outcome out[BATCH_MAX];      /* their events, sent after commit */
	size_t nbatch, cur;
	long long batch_start;
	size_t job_steps;      /* steps a source or article is worth: its
				* tries at most */
	size_t tries_ended;    /* of the fetch set, when last looked at */
	size_t tries_finished; /* of the transfers collected */
};

static long long
now_ms(void)
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
static void
note(struct refresh *r, enum refresh_what what, const char *error,
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

static struct job *
job_new(struct refresh *r, const struct config_source *src, long long sid,
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

static int
wanted(const struct refresh_options *o, const struct config_source *s)
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

static struct refresh *
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

static int queue_synced(struct refresh *r, struct err *e);

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

		if (!wanted(o, s))
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
		j = job_new(r, s, id, 0, s->url);
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
	if (queue_synced(r, e) < 0)
		goto fail;
	return r;
fail:
	refresh_free(r);
	return NULL;
}

/* The article options for item links of the source at source_url fetched
 * with fo: a file only when the source is a local file and the link stays
 * in its directory. */
static void
article_options_for(struct article_options *ao, const struct fetch_options *fo,
		    const char *source_url, const char *link)
{
	memset(ao, 0, sizeof(*ao));
	ao->fetch = fo;
	ao->allow_file =
	    str_istarts_with(link, "file://") && url_link_ok(source_url, link);
}

struct refresh *
refresh_start_article(struct store *st, const struct refresh_options *o,
		      long long item_id, struct err *e)
{
	const struct config *c = o->config;
	const struct config_source *src = NULL;
	struct fetch_options fo;
	struct article_options ao;
	struct article_result from;
	struct store_item it;
	struct refresh *r = NULL;
	struct job *j;
	int got;

	got = store_item_get(st, item_id, &it, e);
	if (got <= 0) {
		if (got == 0)
			err_set(e, "no item %lld in the cache", item_id);
		return NULL;
	}
	if (c && it.source)
		src = config_find_source(c, it.source);
	if (c)
		refresh_fetch_options(c, src, &fo);
	else
		fetch_options_default(&fo);
	if (!it.link || !url_is_fetchable(it.link)) {
		err_set(e, "this item has no page to fetch");
		goto out;
	}
	/* as a refresh of its source would fetch it */
	article_options_for(&ao, &fo, src ? src->url : NULL, it.link);
	r = refresh_new(st, o, 1, 1, e);
	if (!r)
		goto out;
	r->source = xstrdup(it.source ? it.source : "");
	j = job_new(r, NULL, it.source_id, item_id, it.link);
	/* the reader asked for it: no network must not put off the tries a
	 * refresh gives the item */
	j->asked = 1;
	if (article_cached_first(st, item_id, it.link, &from)) {
		j->art = article_resume(r->f, &from, &ao, j, e);
		j->pages_before = 1;
		article_result_clear(&from);
	} else {
		j->art = article_start(r->f, it.link, &ao, j, e);
	}
	if (!j->art) {
		refresh_free(r);
		r = NULL;
		goto out;
	}
	r->stats.articles = 1;
out:
	store_item_clear(&it);
	return r;
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

static void
queue_article(struct refresh *r, const struct job *sj, long long item,
	      const char *link)
{
	struct article_options ao;
	struct job *j;
	const struct fetch_options *fo;
	char *host;
	int stalled;

	if (!link || !url_link_ok(sj->url, link))
		return;
	/* left for the next refresh, uncounted */
	host = url_host(link);
	stalled = budget_stalled(r->budget, host);
	free(host);
	if (stalled)
		return;
	if (sj->src->synced) {
		/* the server's sources: no section of the config, no time
		 * budget of their own (their hosts can still stall) */
		fo = &r->synced_opts;
	} else {
		size_t idx = (size_t)(sj->src - r->o.config->sources);

		fo = &r->opts[idx];
		budget_start(r->budget, idx, fo->timeout_s, now_ms());
	}
	j = job_new(r, sj->src, sj->source_id, item, link);
	article_options_for(&ao, fo, sj->url, link);
	j->art = article_start(r->f, link, &ao, j, NULL);
	if (j->art)
		r->stats.articles++;
}

/* Queue the articles the source's items lack: those of new items, and
 * those an earlier refresh missed (killed, a timeout), newest first; -1
 * only when the cache fails. */
static int
queue_missing(struct refresh *r, struct job *j, struct err *e)
{
	long long ids[MAX_ARTICLES_PER_SOURCE];
	char *links[MAX_ARTICLES_PER_SOURCE];
	size_t n = 0;

	if (!j->src->fetch_articles || r->o.no_articles)
		return 0;
	/* a failed article is tried again once its time has come */
	if (store_items_without_article(r->st, j->source_id, r->started, ids,
					links, MAX_ARTICLES_PER_SOURCE, &n,
					e) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		queue_article(r, j, ids[i], links[i]);
		free(links[i]);
	}
	return 0;
}

/* The sync server's sources: the sync brought their items (the server
 * fetches their feeds); the articles those lack are queued here, with
 * the config's [general] fetch options. -1 only when the cache fails. */
static int
queue_synced(struct refresh *r, struct err *e)
{
	refresh_fetch_options(r->o.config, NULL, &r->synced_opts);
	for (size_t i = 0; i < r->nsynced; i++) {
		const struct config_source *s = &r->synced[i];
		long long id = 0;
		int found;

		if (!wanted(&r->o, s))
			continue;
		found = store_sync_source_find(r->st, s->name, &id, e);
		if (found < 0)
			return -1;
		if (found &&
		    queue_missing(r, job_new(r, s, id, 0, s->url), e) < 0)
			return -1;
	}
	return 0;
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
		note(r, REFRESH_SOURCE, msg, 0, 0);
		return 0;
	}
	if (d->res.not_modified) {
		fs.ok = 1;
		fs.not_modified = 1;
		fs.etag = d->res.etag ? d->res.etag : j->etag;
		fs.last_modified = d->res.last_modified ? d->res.last_modified
							: j->last_modified;
		if (store_source_set_fetch(r->st, j->source_id, &fs, e) < 0 ||
		    queue_missing(r, j, e) < 0)
			return -1;
		r->stats.not_modified++;
		note(r, REFRESH_SOURCE, NULL, 1, 0);
		return 0;
	}
	fd = parse_source(j, &pe);
	if (!fd) {
		fs.error = pe.msg;
		if (store_source_set_fetch(r->st, j->source_id, &fs, e) < 0)
			return -1;
		r->stats.sources_failed++;
		note(r, REFRESH_SOURCE, pe.msg, 0, 0);
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
	if (queue_missing(r, j, e) < 0)
		goto out;
	note(r, REFRESH_SOURCE, NULL, 0, nnew);
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

/* Record the failure of j's article (res) with its item, the tries-th;
 * -1 only when the cache fails. */
static int
article_failed(struct refresh *r, const struct job *j,
	       const struct article_result *res, struct err *e)
{
	struct store_article_failure old, f;
	time_t now = time(NULL);
	int got;

	got = store_article_failure_get(r->st, j->item_id, &old, e);
	if (got < 0)
		return -1;
	article_failure_make(res, (got ? old.tries : 0) + 1, now, &f);
	/* the reader's asking puts nothing off: a refresh tries when it
	 * would have, and at once after a first failure */
	if (j->asked)
		f.next_try = got ? old.next_try : now;
	got = store_article_failure_put(r->st, j->item_id, &f, e);
	store_article_failure_clear(&old);
	return got;
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

/* Hand a fetched page to its article; once the article is finished, store
 * it (inside the batch's transaction). -1 only when the cache fails. */
static int
article_done(struct refresh *r, struct job *j, struct fetch_done *d,
	     struct err *e)
{
	struct article_result *res;
	struct article_record rec;
	int rc = 0;

	if (article_feed(j->art, d, j->made ? &j->made->page : NULL)) {
		r->out[r->cur].quiet = 1;
		return 0;
	}
	res = article_result(j->art);
	r->stats.articles_done++;
	if (res->doc && res->pages > j->pages_before &&
	    res->failure != ARTICLE_ERR_EMPTY) {
		/* a later page failing keeps the pages that came */
		article_record_make(res, &rec);
		rc = store_article_put(r->st, j->item_id, &rec.in, e);
		article_record_free(&rec);
		note(r, REFRESH_ARTICLE, NULL, 0, 0);
	} else {
		r->stats.articles_failed++;
		/* kept with the item, to be shown and tried again later; a
		 * next page that failed leaves the article as it was */
		if (!j->pages_before && !j->uncounted)
			rc = article_failed(r, j, res, e);
		note(r, REFRESH_ARTICLE,
		     res->error ? res->error : "no page was added", 0, 0);
	}
	r->out[r->cur].pages = res->pages;
	article_free(j->art);
	j->art = NULL;
	return rc;
}

/* Giving up on articles: which transfers, and why. */
struct give_up {
	const struct config_source *src; /* this source's articles, or */
	const char *host;		 /* those on this host */
};

/* The host of the page job j is fetching; caller frees. */
static char *
job_host(const struct job *j)
{
	const char *u = j->art ? article_url(j->art) : NULL;

	return url_host(u ? u : j->url);
}

static int
give_up_match(void *userdata, void *ctx)
{
	struct job *j = userdata;
	const struct give_up *g = ctx;
	int hit = 0;

	if (!j || !j->item_id || !j->src)
		return 0;
	if (g->src) {
		hit = j->src == g->src;
	} else {
		char *h = job_host(j);

		hit = h && !str_casecmp(h, g->host);
		free(h);
	}
	/* not the item's fault: fetched again by the next refresh */
	if (hit)
		j->uncounted = 1;
	return hit;
}

/* A page of article job j got no answer in time: its host is given up on
 * for the rest of the refresh, its other pages with it. */
static void
give_up_host(struct refresh *r, struct job *j)
{
	struct give_up g = {NULL, NULL};
	char *host = job_host(j), *why;

	if (!host || budget_stalled(r->budget, host)) {
		free(host);
		return;
	}
	budget_stall(r->budget, host);
	g.host = host;
	why = xasprintf("%s did not answer: given up for this refresh", host);
	fetch_cancel(r->f, give_up_match, &g, why);
	free(why);
	free(host);
}

/* Sources whose articles have had their time: the rest wait for the next
 * refresh. */
static void
give_up_late(struct refresh *r)
{
	const struct config *c = r->o.config;
	long long now = now_ms();

	for (size_t i = 0; c && !r->source && i < c->nsources; i++) {
		struct give_up g = {&c->sources[i], NULL};
		char *why;

		if (!budget_spent(r->budget, i, now))
			continue;
		why = xasprintf("the source's articles took over %ld s: the "
				"rest wait for the next refresh",
				r->opts[i].timeout_s * BUDGET_TIMEOUTS);
		fetch_cancel(r->f, give_up_match, &g, why);
		free(why);
	}
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
			give_up_host(r, j);
		j->made = r->made[i];
		rc = j->item_id ? article_done(r, j, d, e)
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
			r->batch_start = now_ms();
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

	give_up_late(r);
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
	    now_ms() - r->batch_start >= BATCH_WAIT_MS) {
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
