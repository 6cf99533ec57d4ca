/* refresh_articles.c: the conductor's articles: queued for the items that
 * lack them, fed their pages, stored or recorded as failed, and given up
 * on when their host or their source's time budget is spent; and one
 * article fetched alone, for the interface. */
#include "autoconfig.h"

#include "refresh/refresh_int.h"
#include "refresh/article.h"
#include "refresh/budget.h"
#include "refresh/parse.h"
#include "util/str.h"
#include "util/url.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

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
	j = refresh_job_new(r, NULL, it.source_id, item_id, it.link);
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
		budget_start(r->budget, idx, fo->timeout_s, refresh_now_ms());
	}
	j = refresh_job_new(r, sj->src, sj->source_id, item, link);
	article_options_for(&ao, fo, sj->url, link);
	j->art = article_start(r->f, link, &ao, j, NULL);
	if (j->art)
		r->stats.articles++;
}

/* Queue the articles the source's items lack: those of new items, and
 * those an earlier refresh missed (killed, a timeout), newest first; -1
 * only when the cache fails. */
int
refresh_queue_missing(struct refresh *r, struct job *j, struct err *e)
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
int
refresh_queue_synced(struct refresh *r, struct err *e)
{
	refresh_fetch_options(r->o.config, NULL, &r->synced_opts);
	for (size_t i = 0; i < r->nsynced; i++) {
		const struct config_source *s = &r->synced[i];
		long long id = 0;
		int found;

		if (!refresh_wanted(&r->o, s))
			continue;
		found = store_sync_source_find(r->st, s->name, &id, e);
		if (found < 0)
			return -1;
		if (found &&
		    refresh_queue_missing(r, refresh_job_new(r, s, id, 0, s->url), e) < 0)
			return -1;
	}
	return 0;
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

/* Hand a fetched page to its article; once the article is finished, store
 * it (inside the batch's transaction). -1 only when the cache fails. */
int
refresh_article_done(struct refresh *r, struct job *j, struct fetch_done *d,
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
		refresh_note(r, REFRESH_ARTICLE, NULL, 0, 0);
	} else {
		r->stats.articles_failed++;
		/* kept with the item, to be shown and tried again later; a
		 * next page that failed leaves the article as it was */
		if (!j->pages_before && !j->uncounted)
			rc = article_failed(r, j, res, e);
		refresh_note(r, REFRESH_ARTICLE,
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
void
refresh_give_up_host(struct refresh *r, struct job *j)
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
void
refresh_give_up_late(struct refresh *r)
{
	const struct config *c = r->o.config;
	long long now = refresh_now_ms();

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

