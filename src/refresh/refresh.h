/* refresh.h: the conductor: sources -> fetch -> feed/page -> store, then articles. */
#ifndef WARTA_REFRESH_H
#define WARTA_REFRESH_H

#include "config/config.h"
#include "util/err.h"

#include <stddef.h>

struct store;
struct fetch_options;

/* The fetch options of source s of c (NULL: c's [general] ones alone);
 * o points into c and s. */
void refresh_fetch_options(const struct config *c,
			   const struct config_source *s,
			   struct fetch_options *o);

/* Running totals, updated as the refresh goes. */
struct refresh_stats {
	size_t sources;          /* sources being refreshed */
	size_t sources_done;
	size_t sources_failed;
	size_t not_modified;     /* answered 304 */
	size_t new_items;
	size_t articles;      /* articles queued (each with all its pages) */
	size_t articles_done; /* stored or failed */
	size_t articles_failed;
	/* progress that moves with every try, a retry too: each source and
	 * article is worth as many steps as it may be tried; those done
	 * count whole, those under way a step per try ended */
	size_t steps, steps_done;
};

enum refresh_what {
	REFRESH_SOURCE,	  /* a source was fetched and stored (or failed) */
	REFRESH_ARTICLE,  /* an article's pages were fetched, joined and stored
			   * (or not) */
	REFRESH_PROGRESS, /* a try ended, nothing is finished: only the
			   * stats moved */
};

/* One progress event, sent once what it reports is committed to the cache
 * (the callback may read the cache; it must not write to it). Every
 * pointer is valid only during the callback. */
struct refresh_event {
	enum refresh_what what;
	const char *source;   /* the source's name ("" for REFRESH_PROGRESS) */
	const char *url;      /* the source's or the article's URL (same) */
	long long item_id;    /* REFRESH_ARTICLE: the article's item */
	const char *error;    /* what failed ("HTTP 503 after 3 tries"), or NULL */
	const char *notice;   /* REFRESH_SOURCE: what was left out of it and
			       * why ("nested deeper than 256 levels: the
			       * rest was skipped", "20 000 items, kept the
			       * newest 200 (max-items)"), or NULL */
	const char *redirect; /* a permanent redirect to report, or NULL */
	int not_modified;     /* REFRESH_SOURCE: a 304 */
	size_t new_items;     /* REFRESH_SOURCE: items new in this source */
	const long long *new_ids; /* REFRESH_SOURCE: their ids, newest
				   * first as the feed gives them */
	int pages;	      /* REFRESH_ARTICLE: pages the article has now */
	const struct refresh_stats *stats;
};

struct refresh_options {
	const struct config *config;  /* borrowed until refresh_free() */
	const char *const *only;      /* names of the sources to refresh, or */
	size_t nonly;                 /* 0 for every enabled source */
	int no_articles;              /* fetch no article pages at all */
	void (*on_event)(void *ctx, const struct refresh_event *ev);
	void *ctx;
};

struct refresh;

/* Start refreshing the sources of o->config into st (borrowed until
 * refresh_free()). NULL with e set when a named source does not exist or
 * the cache fails. */
struct refresh *refresh_start(struct store *st, const struct refresh_options *o,
			      struct err *e);
/* Start fetching the article of item item_id alone (the interface opening
 * an item, or asking again for one that failed): every page, with the
 * fetch options of the item's source in o->config (NULL: the defaults) and
 * the file rule a refresh of the source applies; an article cached with
 * page one alone whose doc names a next page goes on from there. It is
 * stored as a refresh stores articles; a failure is recorded with the
 * item, but leaves the time a refresh tries it again as it was (a first
 * one: the next refresh). One REFRESH_ARTICLE event says how it went.
 * o->only and o->no_articles are ignored. NULL with e set when the item
 * is gone or has no page that may be fetched. */
struct refresh *refresh_start_article(struct store *st,
				      const struct refresh_options *o,
				      long long item_id, struct err *e);
/* Make progress for up to timeout_ms (returning early when fd >= 0 becomes
 * readable: the UI's terminal). Returns 1 while work remains, 0 when done,
 * -1 on a cache or curl failure (e set; the refresh cannot go on). */
int refresh_step(struct refresh *r, int fd, int timeout_ms, struct err *e);
/* The totals so far; valid until refresh_free(). */
const struct refresh_stats *refresh_stats(const struct refresh *r);
/* Stop (abandoning what is still in flight) and free. */
void refresh_free(struct refresh *r);

/* Start, step until done, free: 0 when every source worked, 1 when some
 * failed, -1 on a failure of the whole (e set); article failures are in
 * the stats. stats (may be NULL) gets the totals. */
int refresh_run(struct store *st, const struct refresh_options *o,
		struct refresh_stats *stats, struct err *e);

/* ---- the sync server (refresh_sync.c)
 *
 * The sync server's subscriptions are sources beside the config's own:
 * the server fetches their feeds (a sync brings the items), and a refresh
 * fetches their items' articles as it does any source's. refresh_start()
 * takes them in when the config has [sync]; a sync itself is run before
 * (sync_run(), or refresh_sync_start() beside a loop). */

/* The sync server's sources as the cache keeps them, as sources: synced
 * set, the tags their folders or labels, fetch-articles and max-items of
 * c's [general]. None when c has no [sync]. *out an array of *n (caller
 * frees with refresh_synced_free()). */
int refresh_synced_sources(struct store *st, const struct config *c,
			   struct config_source **out, size_t *n,
			   struct err *e);
void refresh_synced_free(struct config_source *v, size_t n);

/* Where a sync beside the caller is. */
struct refresh_sync_status {
	char step[16];	    /* "login", "push", "subscriptions", "items" */
	size_t done, total; /* within the step; total 0 when unknown */
	/* once it ended well: */
	size_t new_items, sources, pushed, changed;
};

struct refresh_sync;

/* Start syncing the cache st is open on with the server of c's [sync],
 * on a thread and a connection to the cache of its own: the caller goes
 * on using st meanwhile (a change it makes to a synced item is queued for
 * the next sync as always). c is borrowed until refresh_sync_free(). NULL
 * with e set when it cannot start. */
struct refresh_sync *refresh_sync_start(struct store *st,
					const struct config *c, struct err *e);
/* 1 while it runs, 0 once it ended well, -1 once it failed (e set: "sync
 * freshrss: login: HTTP 401, check user and password"); out (may be NULL)
 * gets where it is, or its totals. */
int refresh_sync_poll(struct refresh_sync *s, struct refresh_sync_status *out,
		      struct err *e);
/* Stop the sync (at its next request, or within a tenth of a second of
 * the one it waits for: what it did not finish stays queued), wait for
 * it and free it (NULL is allowed). */
void refresh_sync_free(struct refresh_sync *s);

#endif
