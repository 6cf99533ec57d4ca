/* refresh_int.h: the conductor's state, shared by its sources' side
 * (refresh.c) and its articles' side (refresh_articles.c); private to
 * src/refresh/. */
#ifndef WARTA_REFRESH_INT_H
#define WARTA_REFRESH_INT_H

#include "config/config.h"
#include "fetch/fetch.h"
#include "refresh/refresh.h"
#include "store/store.h"

#include <time.h>

struct article;
struct budget;
struct parsed;
struct stage;

#define MAX_ARTICLES_PER_SOURCE 100
#define BATCH_MAX 8		/* responses stored in one transaction */
#define BATCH_MAX_INTERACTIVE 1 /* when the UI drives it: one per step */
#define BATCH_WAIT_MS 250	/* nor kept waiting longer than this */
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
	long long item_id; /* an article's item; 0 for the source itself */
	const struct store_text *text; /* the cache's, for the work threads */
	char *url;
	char *etag, *last_modified; /* validators sent (sources) */
	struct article *art;	    /* the article's pages on their way */
	int pages_before;	    /* pages it had in the cache already */
	int asked;     /* the reader asked: a failure leaves the time a refresh
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
	struct stage *stage;	      /* answers parsed away from the loop */
	struct budget *budget;	      /* time left for each source's articles */
	struct fetch_options *opts;   /* one per source, by index */
	struct config_source *synced; /* the sync server's sources */
	size_t nsynced;
	struct fetch_options synced_opts; /* their articles' */
	struct refresh_stats stats;
	time_t started;
	struct job **jobs; /* every job, freed at the end */
	size_t njobs;
	struct fetch_done batch[BATCH_MAX]; /* finished, not yet stored */
	struct parsed *made[BATCH_MAX];	    /* their work */
	struct outcome out[BATCH_MAX]; /* their events, sent after commit */
	size_t nbatch, cur;
	long long batch_start;
	size_t job_steps;      /* steps a source or article is worth: its
				* tries at most */
	size_t tries_ended;    /* of the fetch set, when last looked at */
	size_t tries_finished; /* of the transfers collected */
};

/* ---- refresh.c */
/* Milliseconds on the monotonic clock. */
long long refresh_now_ms(void);
/* A conductor on its own fetch set of max_connections (per_host to one
 * host); NULL with e set. */
struct refresh *refresh_new(struct store *st, const struct refresh_options *o,
			    long max_connections, long per_host, struct err *e);
/* A new job (kept by r, freed with it) for url of source src (NULL: an
 * article alone) with cache id sid, and item for an article's page. */
struct job *refresh_job_new(struct refresh *r, const struct config_source *src,
			    long long sid, long long item, const char *url);
/* 1 when source s is one this refresh fetches. */
int refresh_wanted(const struct refresh_options *o,
		   const struct config_source *s);
/* Record the event of the batch entry being stored. */
void refresh_note(struct refresh *r, enum refresh_what what, const char *error,
		  int not_modified, size_t new_items);

/* ---- refresh_articles.c */
/* Queue the articles source job j's items lack; -1 only when the cache
 * fails. */
int refresh_queue_missing(struct refresh *r, struct job *j, struct err *e);
/* Queue the articles the sync server's sources lack; -1 only when the
 * cache fails. */
int refresh_queue_synced(struct refresh *r, struct err *e);
/* Hand a fetched page d to its article job j; once the article is
 * finished, store it (inside the batch's transaction). -1 only when the
 * cache fails. */
int refresh_article_done(struct refresh *r, struct job *j, struct fetch_done *d,
			 struct err *e);
/* A page of article job j got no answer in time: give up on its host for
 * the rest of the refresh. */
void refresh_give_up_host(struct refresh *r, struct job *j);
/* Give up on the articles of sources whose time is spent. */
void refresh_give_up_late(struct refresh *r);

#endif
