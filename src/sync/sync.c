/* sync.c: one sync: login, push the queued changes, pull subscriptions, items
 * and state into the cache. */
#include "autoconfig.h"

#include "sync/sync.h"
#include "sync/sync_int.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config/paths.h"
#include "util/str.h"

/* Writes to the cache in one transaction, at most. */
#define TX_WRITES 1000
/* Queued changes read at once. */
#define QUEUE_PAGE 1000

/* A subscription's remote id and its source, sorted by remote id. */
struct feed_map {
	const char *remote; /* borrowed from the sync_list */
	long long source_id;
};

struct run {
	struct store *st;
	const struct sync_options *o;
	struct sync_session ss;
	struct sync_stats stats;
	struct feed_map *map;
	size_t nmap;
	size_t writes; /* in the open transaction */
	time_t now;
	struct err tx_err; /* a commit that failed between requests */
	int tx_failed;
};

static void
progress(struct run *r, const char *step, size_t done, size_t total)
{
	struct sync_progress p = {step, done, total};

	if (r->o->on_progress)
		r->o->on_progress(r->o->ctx, &p);
}

/* ---- transactions: short, and never open across a request */

static int
tx_write(struct run *r, struct err *e)
{
	if (r->tx_failed)
		return err_set(e, "%s", r->tx_err.msg);
	if (!r->writes && store_begin(r->st, e) != 0)
		return -1;
	if (++r->writes >= TX_WRITES) {
		r->writes = 0;
		return store_commit(r->st, e);
	}
	return 0;
}

static int
tx_end(struct run *r, struct err *e)
{
	if (!r->writes)
		return 0;
	r->writes = 0;
	return store_commit(r->st, e);
}

/* Before each request: what was read so far is committed, so other
 * processes (the interface) can write while warta waits on the server. */
static void
before_request(void *ctx)
{
	struct run *r = ctx;

	if (r->writes && tx_end(r, &r->tx_err) != 0)
		r->tx_failed = 1;
}

char *
sync_account(const struct config *c)
{
	return xasprintf("%s %s %s", c->sync.service ? c->sync.service : "",
			 c->sync.url ? c->sync.url : "",
			 c->sync.user ? c->sync.user : "");
}

/* ---- push */

/* Queued item changes gathered into one batch per kind and value. */
struct batch {
	enum store_sync_kind kind;
	int value;
	long long remotes[SYNC_BATCH], rows[SYNC_BATCH];
	size_t n;
};

static int
batch_flush(struct run *r, struct batch *b, struct err *e)
{
	if (!b->n)
		return 0;
	if (r->ss.ops->mark(&r->ss, b->kind, b->value, b->remotes, b->n, e) !=
	    0)
		return -1;
	/* acknowledged: out of the queue (a kill before this line pushes
	 * them again next time, which sets the same state again) */
	if (store_sync_queue_done(r->st, b->rows, b->n, e) != 0)
		return -1;
	r->stats.pushed += b->n;
	b->n = 0;
	return 0;
}

/* One change that is not of a single item. */
static int
push_one(struct run *r, const struct store_sync_change *c, struct err *e)
{
	int rc = 0;

	switch (c->kind) {
	case STORE_SYNC_MARK_ALL:
		rc = r->ss.ops->mark_all(&r->ss, c, e);
		break;
	case STORE_SYNC_SUBSCRIBE:
		rc = r->ss.ops->subscribe(&r->ss, c->feed, c->tag, e);
		if (rc != 0)
			err_prefix(e, "%.200s: ", c->feed);
		break;
	case STORE_SYNC_UNSUBSCRIBE:
		rc = r->ss.ops->unsubscribe(&r->ss, c->feed, e);
		break;
	default:
		return 0;
	}
	if (rc != 0)
		return -1;
	r->stats.pushed++;
	return store_sync_queue_done(r->st, &c->id, 1, e);
}

/* Push the queue: first the changes of subscriptions and the
 * mark-all-as-reads, oldest first (a change of one item made after a
 * mark-all must reach the server after it; those made before it were
 * folded into it when it was queued), then the changes of single items
 * in batches. */
static int
push(struct run *r, struct err *e)
{
	struct batch b[4];
	long total = store_sync_queue_count(r->st, e);
	size_t done = 0;
	int rc = -1;

	if (total < 0)
		return -1;
	if (!total)
		return 0;
	for (int i = 0; i < 4; i++) {
		b[i].kind = i < 2 ? STORE_SYNC_READ : STORE_SYNC_FLAG;
		b[i].value = i % 2;
		b[i].n = 0;
	}
	for (int pass = 0; pass < 2; pass++) {
		long long after = 0;

		for (;;) {
			struct store_sync_change *rows;
			size_t n = 0;

			if (store_sync_queue_list(r->st, after, QUEUE_PAGE,
						  &rows, &n, e) != 0)
				goto out;
			for (size_t i = 0; i < n; i++) {
				const struct store_sync_change *c = &rows[i];
				int item = c->kind == STORE_SYNC_READ ||
					   c->kind == STORE_SYNC_FLAG;
				struct batch *bb;

				after = c->id;
				if (pass == 0 && !item) {
					if (push_one(r, c, e) != 0)
						goto fail;
					progress(r, "push", ++done,
						 (size_t)total);
					continue;
				}
				if (pass == 0 || !item)
					continue;
				bb = &b[(c->kind == STORE_SYNC_FLAG ? 2 : 0) +
					(c->value ? 1 : 0)];
				bb->remotes[bb->n] = c->remote;
				bb->rows[bb->n++] = c->id;
				if (bb->n == SYNC_BATCH) {
					if (batch_flush(r, bb, e) != 0)
						goto fail;
					done += SYNC_BATCH;
					progress(r, "push", done,
						 (size_t)total);
				}
			}
			store_sync_changes_free(rows, n);
			if (n < QUEUE_PAGE)
				break;
			continue;
		fail:
			store_sync_changes_free(rows, n);
			goto out;
		}
	}
	for (int i = 0; i < 4; i++)
		if (batch_flush(r, &b[i], e) != 0)
			goto out;
	rc = 0;
out:
	return rc;
}

/* ---- subscriptions */

static int
cmp_map(const void *a, const void *b)
{
	return strcmp(((const struct feed_map *)a)->remote,
		      ((const struct feed_map *)b)->remote);
}

static long long
source_of(const struct run *r, const char *remote)
{
	struct feed_map key = {remote, 0}, *m;

	if (!remote)
		return 0;
	m = bsearch(&key, r->map, r->nmap, sizeof(*r->map), cmp_map);
	return m ? m->source_id : 0;
}

static int
pull_feeds(struct run *r, struct sync_list *l, struct err *e)
{
	const struct config *c = r->o->config;
	const char **keep, **avoid;
	long gone = 0;
	int rc = -1;

	if (r->ss.ops->feeds(&r->ss, l, e) != 0)
		return -1;
	r->map = xcalloc(l->nfeeds + 1, sizeof(*r->map));
	keep = xcalloc(l->nfeeds + 1, sizeof(*keep));
	/* the config's names are the user's: a new synced source takes
	 * another */
	avoid = xcalloc(c->nsources + 1, sizeof(*avoid));
	for (size_t i = 0; i < c->nsources; i++)
		avoid[i] = c->sources[i].name;
	if (store_begin(r->st, e) != 0)
		goto out;
	for (size_t i = 0; i < l->nfeeds; i++) {
		const struct sync_feed *f = &l->feeds[i];
		struct store_sync_source_in in = {
		    f->remote, f->title, f->url ? f->url : "",
		    f->tags,   avoid,	 c->nsources};
		long long id;

		if (store_sync_source_put(r->st, &in, &id, NULL, e) != 0)
			goto fail;
		r->map[r->nmap].remote = f->remote;
		r->map[r->nmap++].source_id = id;
		keep[i] = f->remote;
	}
	for (size_t i = 0; i < l->nfolders; i++)
		if (store_sync_folder_put(r->st, l->folders[i].remote,
					  l->folders[i].title, e) != 0)
			goto fail;
	/* gone from the server (unsubscribed elsewhere): gone here */
	if (store_sync_sources_keep(r->st, keep, l->nfeeds, &gone, e) != 0)
		goto fail;
	if (store_commit(r->st, e) != 0)
		goto out;
	qsort(r->map, r->nmap, sizeof(*r->map), cmp_map);
	r->stats.sources = l->nfeeds;
	r->stats.sources_gone = (size_t)gone;
	rc = 0;
	goto out;
fail:
	store_rollback(r->st);
out:
	free(avoid);
	free(keep);
	return rc;
}

/* ---- items */

static int
sink_known(void *ctx, long long remote, struct err *e)
{
	struct run *r = ctx;

	return store_sync_item_known(r->st, remote, e);
}

static int
sink_item(void *ctx, const struct sync_item *it, struct err *e)
{
	struct run *r = ctx;
	struct store_sync_item_in in;
	long long source = source_of(r, it->feed);
	int is_new = 0;

	/* an item of a feed no longer subscribed (starred long ago): there
	 * is no source to show it in */
	if (!source)
		return 0;
	memset(&in, 0, sizeof(in));
	in.remote = it->remote;
	in.stamp = it->stamp;
	in.read = it->read;
	in.flagged = it->starred;
	in.item.title = it->title;
	in.item.link = it->link;
	in.item.author = it->author;
	in.item.summary = it->summary;
	in.item.content = it->content;
	in.item.published = it->published;
	in.item.updated = it->updated;
	if (tx_write(r, e) != 0 ||
	    store_sync_item_put(r->st, source, &in, r->now, &is_new, e) != 0)
		return -1;
	r->stats.new_items += is_new;
	return 0;
}

static int
sink_in_set(void *ctx, enum store_sync_kind set, long long remote,
	    struct err *e)
{
	struct run *r = ctx;

	if (tx_write(r, e) != 0)
		return -1;
	return store_sync_set_add(r->st, set, remote, e);
}

static int
sink_unknown(void *ctx, enum store_sync_kind set, long long **ids, size_t *n,
	     struct err *e)
{
	struct run *r = ctx;

	return store_sync_set_unknown(r->st, set, ids, n, e);
}

static void
sink_progress(void *ctx, size_t done, size_t total)
{
	progress(ctx, "items", done, total);
}

static int
pull_items(struct run *r, struct err *e)
{
	struct sync_sink sink = {r,	      sink_known,   sink_item,
				 sink_in_set, sink_unknown, sink_progress};
	char *marker = NULL, *next = NULL;
	unsigned sets = 0;
	long changed = 0;
	int rc = -1;

	if (store_sync_get(r->st, "marker", &marker, e) != 0 ||
	    store_sync_set_begin(r->st, e) != 0)
		goto out;
	if (r->ss.ops->items(&r->ss, marker, &sink, &sets, &next, e) != 0) {
		/* what was stored is the server's: kept; the state sets and
		 * the marker only when complete */
		struct err ce;

		if (tx_end(r, &ce) != 0)
			store_rollback(r->st);
		goto out;
	}
	if (r->tx_failed) {
		err_set(e, "%s", r->tx_err.msg);
		goto out;
	}
	if (tx_end(r, e) != 0 || store_begin(r->st, e) != 0)
		goto out;
	if (store_sync_set_apply(r->st, !!(sets & 1u << STORE_SYNC_READ),
				 !!(sets & 1u << STORE_SYNC_FLAG), &changed,
				 e) != 0 ||
	    store_sync_set(r->st, "marker", next, e) != 0) {
		store_rollback(r->st);
		goto out;
	}
	if (store_commit(r->st, e) != 0)
		goto out;
	r->stats.changed += (size_t)changed;
	rc = 0;
out:
	free(marker);
	free(next);
	return rc;
}

/* The config's retention on every synced source, in one transaction:
 * what the server lists unread is kept (see store_retention_apply()). */
static int
retain(struct run *r, struct err *e)
{
	const struct config *c = r->o->config;
	struct store_retention ret = {c->max_items, c->keep_days};

	/* as a refresh does: when items came (what came before is old
	 * enough to go only as new ones push it out or the days pass, and
	 * a sync with nothing new stays a handful of requests) */
	if ((ret.max_items <= 0 && ret.keep_days <= 0) || !r->nmap ||
	    !r->stats.new_items)
		return 0;
	if (store_begin(r->st, e) != 0)
		return -1;
	for (size_t i = 0; i < r->nmap; i++)
		if (store_retention_apply(r->st, r->map[i].source_id, &ret,
					  r->now, NULL, e) != 0) {
			store_rollback(r->st);
			return -1;
		}
	return store_commit(r->st, e);
}

/* ---- the whole */

static void
session_end(struct sync_session *ss)
{
	if (ss->password) {
		str_wipe(ss->password, strlen(ss->password));
		free(ss->password);
	}
	if (ss->token) {
		str_wipe(ss->token, strlen(ss->token));
		free(ss->token);
	}
	if (ss->csrf) {
		str_wipe(ss->csrf, strlen(ss->csrf));
		free(ss->csrf);
	}
	sync_session_set_auth(ss, NULL);
	free(ss->token_file);
	free(ss->priv);
	fetch_free(ss->f);
	memset(ss, 0, sizeof(*ss));
}

int
sync_run(struct store *st, const struct sync_options *o,
	 struct sync_stats *stats, struct err *e)
{
	const struct config *c = o->config;
	struct sync_list list = {0};
	struct run r;
	char *account = NULL, *dir;
	int rc = -1;

	memset(&r, 0, sizeof(r));
	if (stats)
		memset(stats, 0, sizeof(*stats));
	if (!c->sync.on || !c->sync.service)
		return err_set(e, "sync: no [sync] section in the config (see "
				  "warta.ini(5))");
	/* nothing read from here on may end up in a core dump */
	sync_no_core_dumps();
	r.st = st;
	r.o = o;
	r.now = time(NULL);
	r.ss.cfg = &c->sync;
	r.ss.ops = !strcmp(c->sync.service, "nextcloud") ? &sync_nextcloud
							 : &sync_greader;
	r.ss.step = "login";
	r.ss.before_request = before_request;
	r.ss.hook_ctx = &r;
	r.ss.stop = o->stop;
	fetch_options_default(&r.ss.fo);
	r.ss.fo.timeout_s = c->timeout;
	r.ss.fo.connect_timeout_s = c->connect_timeout;
	r.ss.fo.retries = c->retries;
	r.ss.fo.user_agent = c->user_agent;
	r.ss.fo.proxy = c->proxy;
	/* a long list of items in one answer is no attack here */
	r.ss.fo.max_size = (size_t)64 * 1024 * 1024;
	r.ss.f = fetch_new(2, 2, e);
	if (!r.ss.f)
		goto fail;
	account = sync_account(c);
	if (store_sync_account(st, account, NULL, e) != 0)
		goto fail;
	dir = paths_state_dir();
	r.ss.token_file = xasprintf("%s/sync-token", dir);
	free(dir);
	r.ss.token = sync_token_load(r.ss.token_file, account);
	r.ss.token_saved = r.ss.token != NULL;

	progress(&r, "login", 0, 0);
	if (r.ss.ops->login(&r.ss, e) != 0)
		goto fail;
	r.ss.step = "push";
	if (push(&r, e) != 0)
		goto fail;
	r.ss.step = "subscriptions";
	progress(&r, "subscriptions", 0, 0);
	if (pull_feeds(&r, &list, e) != 0)
		goto fail;
	r.ss.step = "items";
	progress(&r, "items", 0, 0);
	if (pull_items(&r, e) != 0 || retain(&r, e) != 0)
		goto fail;
	rc = 0;
	goto out;
fail:
	if (r.writes) {
		r.writes = 0;
		store_rollback(st);
	}
	err_prefix(e, "sync %s: %s: ", c->sync.name ? c->sync.name : "",
		   r.ss.step);
out:
	r.stats.requests = r.ss.requests;
	r.stats.waited = (double)r.ss.waited_us / 1e6;
	if (stats)
		*stats = r.stats;
	free(r.map);
	sync_list_free(&list);
	session_end(&r.ss);
	free(account);
	return rc;
}
