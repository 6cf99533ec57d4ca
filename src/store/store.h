/* store.h: the cache (sqlite): sources, items, articles, read state, search. */
#ifndef WARTA_STORE_H
#define WARTA_STORE_H

#include <stddef.h>
#include <time.h>

#include "util/err.h"

/*
 * The store is the only module that speaks SQL. It never parses HTML or docs:
 * articles come in as opaque blobs (doc_serialize() output) plus their plain
 * text for the full-text index, and a summary's words for the index come
 * from the function its opener hands it (struct store_text). One struct
 * store is one connection; use it
 * from one thread. Several processes may share one cache file (WAL mode,
 * busy timeout); writes are short transactions.
 *
 * Strings returned in structs are owned by the struct and freed by its
 * _clear() or _free() function. Time values are UTC seconds, 0 when unknown.
 */

/* The schema version this build writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 11
/* Largest raw page kept (bytes, before compression); larger pages are not
 * kept (the article still is). */
#define STORE_RAW_MAX (16u * 1024 * 1024)

struct store;

/* How a summary (a feed's HTML fragment) becomes the words of the search
 * index: the store parses no markup, so its opener says. */
struct store_text {
	/* The text of s[0..len); a new string, caller frees. The same input
	 * must always give the same text: the index takes a row's words
	 * out by computing them again. */
	char *(*summary)(const char *s, size_t len);
	/* Above 0; changes whenever summary() gives other text for some
	 * input. An index built under another version is rebuilt when the
	 * cache is opened. */
	int version;
};

/* Open (creating when missing, with its parent directories) the cache at
 * path, upgrading an older schema in place; text (copied) says how
 * summaries are indexed. A newer schema is refused (NULL, e says which
 * versions), and so is another program's SQLite database (one with
 * another application_id, or with tables but not warta's), which is left
 * byte for byte as it was. A file that is not an sqlite database or is
 * corrupt is renamed to "<path>.corrupt-<time>" (with its -wal) and a
 * fresh cache is created; store_notice() then says so. A failed open or
 * upgrade leaves the file as it was, and no -shm or empty -wal beside it.
 * Caller store_close()s. */
struct store *store_open(const char *path, const struct store_text *text,
			 struct err *e);
/* Close the cache (NULL is allowed). */
void store_close(struct store *s);
/* A one-line notice about what store_open() had to do (the moved-aside
 * file), or NULL; valid until store_close(). */
const char *store_notice(const struct store *s);
/* Why the cache was opened for reading only (an errno such as EROFS: a
 * read-only file system), or 0 when it can be written. A cache that
 * cannot be written is still opened, when its schema is current, and
 * each write then fails naming the cause. */
int store_readonly(const struct store *s);
/* The path the store was opened with; valid until store_close(). */
const char *store_path(const struct store *s);

/* A number that changes whenever another connection (another process)
 * commits to the cache: cheap, for the UI to notice new items. -1 on error. */
long long store_data_version(struct store *s);

/* Set sqlite's page cache of this connection to kib KiB (0: back to the
 * default the store opens with): a refresh, which mostly appends, needs
 * less than browsing does. 0 or -1. */
int store_set_cache(struct store *s, long kib, struct err *e);

/* Explicit write transaction (BEGIN IMMEDIATE) for one source update: begin,
 * upsert items, set the fetch state, commit. Nesting is not allowed. */
int store_begin(struct store *s, struct err *e);
int store_commit(struct store *s, struct err *e);
/* Undo the open transaction, if any (never fails visibly). */
void store_rollback(struct store *s);

/* ---- sources */

struct store_source {
	long long id;
	char *name;          /* the config's section name: the identity */
	char *url;
	char *title;         /* the feed's own title, or NULL */
	char *etag;          /* validators for the next conditional GET */
	char *last_modified;
	time_t last_fetch;   /* last attempt */
	time_t last_ok;      /* last successful fetch (2xx or 304) */
	time_t last_items;   /* last fetch that delivered the items (2xx) */
	char *last_error;    /* error of the last attempt, NULL when it worked */
	char *redirect;      /* permanent redirect seen, or NULL */
	long unread, total;  /* item counts (kept as items change: cheap) */
	time_t not_before;   /* no fetch before this (the floor, the server's
			      * wishes), 0 when any time */
	long feed_interval;  /* seconds between updates the feed asks for,
			      * 0 when it says nothing */
};

/* Find or create the source called name, updating its URL; *id set. A
 * synced source called name (in any case of letters) is renamed first
 * ("Name (2)"): a config's source never shares a synced one's row. */
int store_source_ensure(struct store *s, const char *name, const char *url,
			long long *id, struct err *e);
/* Fill out with the source called name: 1 found, 0 not found, -1 error.
 * Clear out with store_source_clear(). */
int store_source_get(struct store *s, const char *name,
		     struct store_source *out, struct err *e);
void store_source_clear(struct store_source *src);

/* What one fetch of a source found; NULL strings are stored as NULL. */
struct store_fetch_state {
	int ok;                    /* 1: 2xx or 304; 0: failed (error set) */
	int not_modified;          /* ok with a 304: no items came */
	time_t when;               /* when the fetch started: <= the now
				    * given to the upserts of its items */
	const char *etag;          /* from the response (ok only) */
	const char *last_modified; /* from the response (ok only) */
	const char *error;         /* what failed (not ok) */
	const char *redirect;      /* permanent redirect target, or NULL */
	const char *title;         /* the feed's title, or NULL to keep */
};
/* Record a fetch of source id. On failure the validators and last_ok are
 * kept; on success last_error is cleared. */
int store_source_set_fetch(struct store *s, long long id,
			   const struct store_fetch_state *st, struct err *e);

/* Record source id's schedule after a fetch: no fetch before not_before,
 * and the interval its feed asks for (seconds; -1 keeps the one kept). */
int store_source_set_due(struct store *s, long long id, time_t not_before,
			 long feed_interval, struct err *e);

/* All sources, by name, with unread/total counts. *rows is an array of *n
 * (caller frees with store_sources_free()). */
int store_sources_list(struct store *s, struct store_source **rows, size_t *n,
		       struct err *e);
void store_sources_free(struct store_source *rows, size_t n);

/* ---- items */

/* A text packed as the cache keeps it (data NULL: it stays text). */
struct store_packed {
	unsigned char *data;
	size_t len;
};

/* An item's long fields made ready for the cache beforehand, away from
 * the connection: what store_item_upsert() would otherwise do itself. */
struct store_item_ready {
	struct store_packed summary, content;
	char *words; /* the summary's words for the search index */
};

/* One item as a feed gives it (borrowed strings; any may be NULL but key). */
struct store_item_in {
	const char *key;   /* stable identity within the source (feed_item.key) */
	const char *title, *link, *author, *summary, *content;
	time_t published, updated;
	/* made from these very summary and content, or NULL */
	const struct store_item_ready *ready;
};

/* A deflate state for store_item_ready_make(): one per thread. */
struct store_packer;
struct store_packer *store_packer_new(void);
void store_packer_free(struct store_packer *p);
/* Make in's summary and content ready (packed; the summary's words by
 * t->summary(), t may be NULL for none) into out, cleared with
 * store_item_ready_clear(). Needs no connection: call it from any thread,
 * each with its own packer. */
void store_item_ready_make(struct store_packer *p, const struct store_text *t,
			   const struct store_item_in *in,
			   struct store_item_ready *out);
void store_item_ready_clear(struct store_item_ready *r);
/* The text function s was opened with (for store_item_ready_make()). */
const struct store_text *store_text_of(const struct store *s);

/* Insert or update the item (source_id, it->key) as seen at time now.
 * Undated items sort by first sight, then by insertion: give a feed's items
 * last to first so they keep the feed's order. A new item whose link has the
 * key of a read item's (url_key()) comes in read: it is the same article.
 * Changed fields are updated; read/flagged state is never reset. *is_new
 * (may be NULL) is 1 when the item was inserted; *item_id (may be NULL) set. */
int store_item_upsert(struct store *s, long long source_id,
		      const struct store_item_in *it, time_t now, int *is_new,
		      long long *item_id, struct err *e);

struct store_item {
	long long id, source_id;
	char *source;       /* the source's name */
	char *key, *title, *link, *author;
	char *summary;      /* store_items_page() leaves it NULL */
	char *content;      /* store_item_get() only */
	time_t published, updated, first_seen;
	/* the item's one date, shown everywhere and sorted by: the feed's
	 * published, else its updated, else its article's own, else when
	 * it was first seen */
	time_t date;
	int read, flagged;
	int has_article;    /* an extracted article is cached */
	int article_failed; /* its article failed (see
			     * store_article_failure_get()) */
};

/* Item id's read state, title and source name (each of the last two may
 * be NULL: not wanted; caller frees), without its long text: 1 found, 0
 * not found, -1 error. */
int store_item_brief(struct store *s, long long id, int *read, char **title,
		     char **source, struct err *e);
/* Fill out with item id: 1 found, 0 not found, -1 error. */
int store_item_get(struct store *s, long long id, struct store_item *out,
		   struct err *e);
void store_item_clear(struct store_item *it);
void store_items_free(struct store_item *rows, size_t n);

/* Mark item id read (or unread), and with it every item whose link has
 * the same key (url_key()): one article, read in whichever source. */
int store_item_set_read(struct store *s, long long id, int read,
			struct err *e);
int store_item_set_flagged(struct store *s, long long id, int flagged,
			   struct err *e);
/* Mark every item of source_id (0: of every source) read; *n (may be NULL)
 * gets the number changed. */
int store_source_mark_read(struct store *s, long long source_id, long *n,
			   struct err *e);
/* The same in one transaction, saying which items it changed: *ids
 * (caller frees; NULL when none) gets their ids and *n their number, to
 * undo with store_items_set_read(). */
int store_source_mark_read_ids(struct store *s, long long source_id,
			       long long **ids, size_t *n, struct err *e);
/* Set the read state of the n items ids in one transaction (ids no longer
 * in the cache are skipped); *changed (may be NULL) gets how many
 * changed. */
int store_items_set_read(struct store *s, const long long *ids, size_t n,
			 int read, long *changed, struct err *e);

/* Which items a page lists. */
enum store_view {
	STORE_VIEW_SOURCE,  /* items of source_id */
	STORE_VIEW_ALL,     /* every item */
	STORE_VIEW_UNREAD,  /* unread items of every source */
	STORE_VIEW_FLAGGED, /* flagged items */
	STORE_VIEW_SINCE,   /* items dated at or after since ("today") */
	STORE_VIEW_SOURCES, /* items of the sources in source_ids (a tag) */
};

/* Most sources one STORE_VIEW_SOURCES query lists. */
#define STORE_QUERY_SOURCES_MAX 1000

struct store_query {
	enum store_view view;
	long long source_id; /* STORE_VIEW_SOURCE */
	const long long *source_ids; /* STORE_VIEW_SOURCES: borrowed; those */
	size_t nsource_ids;          /* past STORE_QUERY_SOURCES_MAX ignored */
	time_t since;        /* STORE_VIEW_SINCE: e.g. local midnight */
	int unread_only;     /* restrict any view to unread items */
};

/* Position after the last row of a page, for keyset paging (stable while
 * items arrive, and as fast deep in the list as at its top). */
struct store_cursor {
	time_t date;
	long long id;
};

/* One page of at most limit items (limit <= 1000), newest first. With after
 * NULL the page starts offset rows from the top (past the middle of a long
 * list it is read from the bottom, as fast as near the top); otherwise
 * just after the row *after (offset ignored). *rows: array of *n, caller frees with
 * store_items_free(). The cursor of the last row continues the list. */
int store_items_page(struct store *s, const struct store_query *q,
		     const struct store_cursor *after, long offset, size_t limit,
		     struct store_item **rows, size_t *n, struct err *e);
/* Number of items the query lists. */
int store_items_count(struct store *s, const struct store_query *q, long *n,
		      struct err *e);

/* ---- articles */

/* An extracted article as refresh hands it over (borrowed). */
struct store_article_in {
	const char *doc;       /* doc_serialize() output: opaque */
	size_t doc_len;
	const char *text;      /* plain body text, indexed for search (or NULL) */
	long comments;         /* number of comments found */
	int pages_merged;      /* 1 when a next-page chain was merged in */
	int extractor_version; /* EXTRACT_VERSION */
	time_t fetched;
	const char *raw;       /* the page bytes as fetched (or NULL) */
	size_t raw_len;        /* > STORE_RAW_MAX: the page is not kept */
	const char *charset;   /* the HTTP charset of the page, or NULL */
	const char *url;       /* the final URL of the page, or NULL */
	time_t published;      /* the page's own date, 0 when none: it dates
				* an item its feed does not */
};

/* Store (replace) the article of item_id, forgetting a failure recorded
 * for it. An item that no longer exists (dropped meanwhile) is not an
 * error: nothing is stored. */
int store_article_put(struct store *s, long long item_id,
		      const struct store_article_in *a, struct err *e);

struct store_article {
	char *doc;             /* the blob as stored; doc_len bytes (+ a NUL) */
	size_t doc_len;
	char *text;
	long comments;
	int pages_merged;
	int extractor_version;
	time_t fetched;
	char *charset, *url;
	size_t raw_len;        /* original size of the kept page, 0 if none */
};

/* Fill out with the article of item_id: 1 found, 0 none, -1 error. */
int store_article_get(struct store *s, long long item_id,
		      struct store_article *out, struct err *e);
void store_article_clear(struct store_article *a);
/* The kept raw page of item_id, decompressed: 1 found (*raw, *len set;
 * caller frees *raw, NUL-terminated), 0 none kept, -1 error (also when the
 * stored data does not decompress to its recorded size). */
int store_article_raw(struct store *s, long long item_id, char **raw,
		      size_t *len, struct err *e);
/* Up to max item ids (ascending, > after_id) whose article was extracted by
 * an extractor older than version and whose raw page is kept: for
 * re-extraction in batches. */
int store_articles_stale(struct store *s, int version, long long after_id,
			 long long *ids, size_t max, size_t *n, struct err *e);

/* Why an item's article is not in the cache. */
enum store_article_reason {
	STORE_ARTICLE_UNKNOWN,	  /* an earlier warta did not say */
	STORE_ARTICLE_DNS,	  /* the host name does not resolve */
	STORE_ARTICLE_REFUSED,	  /* no connection to the host */
	STORE_ARTICLE_TIMEOUT,	  /* no answer, or too slow, in time */
	STORE_ARTICLE_HTTP,	  /* an HTTP error status */
	STORE_ARTICLE_NOT_HTML,	  /* the answer is no web page */
	STORE_ARTICLE_NO_ARTICLE, /* the page has no article in it */
	STORE_ARTICLE_OTHER,	  /* anything else: see the error */
};

/* A failed article: what store_article_failure_get() fills (error owned:
 * clear with store_article_failure_clear()) and store_article_failure_put()
 * takes (error borrowed). */
struct store_article_failure {
	enum store_article_reason reason;
	long status;	 /* the HTTP status, 0 if none */
	char *error;	 /* what failed in words ("HTTP 404"), or NULL */
	int tries;	 /* failed attempts so far */
	time_t last_try; /* when the last one was made */
	time_t next_try; /* when a refresh tries again; 0: only when the
			  * reader asks */
};

/* Up to max items of source_id (max <= 1000) without an article whose
 * article has not failed, or is due again at now (next_try), newest
 * first: the articles a refresh should fetch, those of new items and
 * those an earlier refresh missed. ids[i] and links[i] (NULL when the item
 * has none; caller frees each) for i < *n. */
int store_items_without_article(struct store *s, long long source_id,
				time_t now, long long *ids, char **links,
				size_t max, size_t *n, struct err *e);
/* The failure recorded for item id's article: 1 found (clear out with
 * store_article_failure_clear()), 0 none, -1 error. */
int store_article_failure_get(struct store *s, long long id,
			      struct store_article_failure *out, struct err *e);
void store_article_failure_clear(struct store_article_failure *f);
/* Record f as item id's failure, replacing the one before (an item gone
 * meanwhile is no error: nothing is recorded). */
int store_article_failure_put(struct store *s, long long id,
			      const struct store_article_failure *f,
			      struct err *e);
/* Which articles store_articles_list() lists. */
struct store_article_filter {
	long long source_id; /* only this source's articles, 0 for all */
	int older_than;      /* only those extracted by an extractor version
			      * below this one, 0 for every version */
};
/* Up to max item ids (ascending, > after_id) of cached articles matching
 * f, whether a raw page is kept or not: for work in batches. */
int store_articles_list(struct store *s, const struct store_article_filter *f,
			long long after_id, long long *ids, size_t max,
			size_t *n, struct err *e);
/* Replace what extraction made of item_id's article (a->doc, doc_len, text,
 * comments, extractor_version), keeping its raw page, URL, charset, fetch
 * time and joined-pages mark (the other fields of a are ignored): for
 * re-extraction from the kept page. 1 updated, 0 no such article, -1
 * error. */
int store_article_update(struct store *s, long long item_id,
			 const struct store_article_in *a, struct err *e);

/* ---- search (the same engine for `warta search` and the UI's "/") */

/* Matched terms in a snippet are wrapped in these bytes (for highlighting;
 * strip them or map them to an attribute before display). */
#define STORE_MARK_ON '\x02'
#define STORE_MARK_OFF '\x03'

struct store_search_query {
	const char *text;    /* the user's words: see store_fts_query() */
	long long source_id; /* only this source, 0 for all */
	int unread_only;
	size_t limit;        /* at most 1000 */
	size_t offset;
};

struct store_hit {
	struct store_item item; /* summary and content left NULL */
	char *snippet;          /* text around the match, marks inside; UTF-8
				 * from the cache: sanitise before display */
	double rank;            /* bm25: lower is better */
};

/* The user's words as a safe FTS5 query: each word is quoted (so stray
 * quotes, dashes, colons or operators are just text), "..." keeps a
 * phrase, a word ending in * matches as a prefix, -word excludes. Returns
 * a new string (caller frees), or NULL when there is no word to search. */
char *store_fts_query(const char *text);
/* Best matches first (title weighs most, then summary, then article text;
 * each word counted once per field, rarer words weigh more, shorter fields
 * more). The words of q->text as store_fts_query() reads them, split as
 * the index splits text ("covid-19" is two words that must follow each
 * other, like a quoted phrase; a phrase is looked for among the best 5000
 * matches of its words). *hits: array of *n, caller frees with
 * store_hits_free(). No word to search is not an error: *n = 0. */
int store_search(struct store *s, const struct store_search_query *q,
		 struct store_hit **hits, size_t *n, struct err *e);
void store_hits_free(struct store_hit *hits, size_t n);

/* ---- retention and maintenance */

struct store_retention {
	long max_items; /* keep at most this many items per source (0: any) */
	long keep_days; /* drop items dated more than this many days ago
			 * (0: never by age) */
};
/* Unread items dated within this many days are never dropped by max_items
 * when keep_days is 0. */
#define STORE_RECENT_DAYS 30
/* Seconds a synced item is kept at least, read or not. */
#define STORE_SYNC_KEEP_NEW 86400

/* Apply r to source_id (0: every source) at time now. Never dropped:
 * flagged items, items in the source's last successful fetch (dropping
 * those would bring them back as new), and, for max_items, unread items
 * dated within keep_days (else STORE_RECENT_DAYS). A synced source's
 * items go by other rules, as the server lists every unread one and a
 * sync fetches those the cache lacks: only read, unflagged ones are
 * dropped, never one with a change queued for the server nor one first
 * seen within STORE_SYNC_KEEP_NEW (a sync lists again what the server
 * took in shortly before the last one). *dropped (may be NULL) gets the
 * number of items removed. One transaction. */
int store_retention_apply(struct store *s, long long source_id,
			  const struct store_retention *r, time_t now,
			  long *dropped, struct err *e);
/* Drop every source whose name is not among keep[0..nkeep), with all its
 * items (flagged ones too), their articles and their changes queued for
 * the sync server. Counts in *sources, *items (may be NULL). One
 * transaction. */
int store_purge(struct store *s, const char *const *keep, size_t nkeep,
		long *sources, long *items, struct err *e);
/* Compact the cache file: optimise the search index, VACUUM, truncate the
 * WAL. *before, *after (may be NULL): the file size in bytes. */
int store_vacuum(struct store *s, long long *before, long long *after,
		 struct err *e);
/* PRAGMA integrity_check plus the search index's own check: 0 when both
 * say ok, else -1 and e says what was found. */
int store_check(struct store *s, struct err *e);

/* ---- read state in and out (by item URL) */

/* Call fn for every URL with read or flagged state (including imported
 * state still waiting for its item); fn returns 0 to go on, else the walk
 * stops and store_state_export returns that value. */
int store_state_export(struct store *s,
		       int (*fn)(void *ctx, const char *url, int read,
				 int flagged),
		       void *ctx, struct err *e);
/* Set read and/or flagged (a 1 sets, a 0 leaves alone) on every item whose
 * link has url's key (url_key()); when none is cached yet, the state waits
 * for it and is applied when one arrives. *matched (may be NULL): items changed
 * or matched. Call inside store_begin()/store_commit() for many URLs. */
int store_state_import(struct store *s, const char *url, int read,
		       int flagged, long *matched, struct err *e);

/* ---- sync with a server (store_sync.c)
 *
 * Sources and items the server keeps are ordinary sources and items with
 * a remote id beside them. A change of read or flagged state to such an
 * item (store_item_set_read(), store_item_set_flagged(),
 * store_source_mark_read(), store_state_import()) is queued in the same
 * transaction as the change itself, so it survives a crash, being
 * offline and a server error; it leaves the queue when the server has
 * acknowledged it. While a change of an item is queued, the server's
 * state of that item is not applied (the local change wins until it is
 * pushed); otherwise the server's state wins. Times in the queue are
 * microseconds. */

enum store_sync_kind {
	STORE_SYNC_READ = 1,    /* value 1: read, 0: unread */
	STORE_SYNC_FLAG,        /* value 1: flagged (starred), 0: not */
	STORE_SYNC_MARK_ALL,    /* every item of a source (or of all) read */
	STORE_SYNC_SUBSCRIBE,   /* feed: the URL; tag: a folder or NULL */
	STORE_SYNC_UNSUBSCRIBE, /* feed: the subscription's remote id */
};

/* One queued change. Strings owned; free with store_sync_changes_free(). */
struct store_sync_change {
	long long id;             /* the queue row: acknowledge by it */
	enum store_sync_kind kind;
	long long item_id;        /* READ, FLAG: the local item (or 0) */
	long long remote;         /* READ, FLAG: the item's remote id;
				   * MARK_ALL: the newest remote item id of
				   * the source (or of all) when marked */
	long long source_id;      /* MARK_ALL: the source, 0 for all */
	char *feed;               /* see enum store_sync_kind; MARK_ALL: the
				   * source's remote id, NULL for all */
	char *tag;
	int value;
	long long stamp;          /* MARK_ALL: the newest item's stamp then */
	long long at;             /* when the change was made */
};

/* Up to max queued changes with an id above after_id, oldest first.
 * *rows: array of *n, caller frees with store_sync_changes_free(). */
int store_sync_queue_list(struct store *s, long long after_id, size_t max,
			  struct store_sync_change **rows, size_t *n,
			  struct err *e);
void store_sync_changes_free(struct store_sync_change *rows, size_t n);
/* The server acknowledged the changes ids[0..n): they leave the queue
 * (a row replaced by a newer change meanwhile has a new id and stays). */
int store_sync_queue_done(struct store *s, const long long *ids, size_t n,
			  struct err *e);
/* Number of queued changes, or -1. */
long store_sync_queue_count(struct store *s, struct err *e);
/* Queue a subscription to url (in folder tag, or NULL). */
int store_sync_queue_subscribe(struct store *s, const char *url,
			       const char *tag, struct err *e);
/* Queue the end of synced source_id's subscription and drop the source
 * and its items from the cache now. 0, 1 when source_id is not one of
 * the server's, -1. */
int store_sync_queue_unsubscribe(struct store *s, long long source_id,
				 struct err *e);

/* The value of marker key ("account", the markers of the last sync), as a
 * new string in *value (NULL when unset). */
int store_sync_get(struct store *s, const char *key, char **value,
		   struct err *e);
/* Set (value NULL: remove) marker key. */
int store_sync_set(struct store *s, const char *key, const char *value,
		   struct err *e);
/* Make account (the server and user, as one string) the one the synced
 * data belongs to. When another one's data is there, it is forgotten
 * first (its sources and items stay as plain cached ones; its queue
 * goes) and *changed (may be NULL) is 1. What was queued before the
 * first account (a subscription) stays, for that one. */
int store_sync_account(struct store *s, const char *account, int *changed,
		       struct err *e);

/* A subscription as the server lists it (borrowed strings). */
struct store_sync_source_in {
	const char *remote; /* its id on the server */
	const char *title;  /* NULL: the URL names it */
	const char *url;    /* the feed's URL */
	const char *tags;   /* its folders or labels, one a line, or NULL */
	const char *const *avoid; /* names a new one must not take (the */
	size_t navoid;		  /* config's sources), or NULL */
};
/* Find or create the source of subscription in: *source_id set, *name
 * (may be NULL; caller frees) its name: the title, made unique, in any
 * case of letters, among all sources and in->avoid ("Title (2)"). Synced
 * names are distinct by construction: store_source_ensure() of a name a
 * synced source has renames that one first. */
int store_sync_source_put(struct store *s, const struct store_sync_source_in *in,
			  long long *source_id, char **name, struct err *e);
/* A synced source as the cache keeps it. Strings owned; free the array
 * with store_sync_sources_free(). */
struct store_sync_source {
	long long source_id;
	char *name, *url;
	char *remote; /* its id on the server */
	char *tags;   /* its folders or labels, one a line, or NULL */
};
/* Every synced source, by name: *rows an array of *n. */
int store_sync_sources_list(struct store *s, struct store_sync_source **rows,
			    size_t *n, struct err *e);
void store_sync_sources_free(struct store_sync_source *rows, size_t n);
/* A new connection to the cache s is open on (its path and text
 * function), for a sync on a thread of its own; NULL with e set. The
 * caller store_close()s it. */
struct store *store_sync_open(const struct store *s, struct err *e);
/* The synced source called name: 1 with *source_id set, 0 none, -1. */
int store_sync_source_find(struct store *s, const char *name,
			   long long *source_id, struct err *e);
/* Drop the synced sources whose remote id is not in keep[0..n) (the server
 * no longer lists them), with their items; *dropped (may be NULL) set. */
int store_sync_sources_keep(struct store *s, const char *const *keep,
			    size_t n, long *dropped, struct err *e);
/* Record folder remote as called name (a rename replaces). */
int store_sync_folder_put(struct store *s, const char *remote,
			  const char *name, struct err *e);

/* An item as the server gives it (borrowed). */
struct store_sync_item_in {
	long long remote;          /* its id on the server */
	long long stamp;           /* the server's time of it (microseconds) */
	int read, flagged;         /* its state there */
	struct store_item_in item; /* key is set by the store */
};
/* Store the item of synced source source_id with its remote id, and its
 * state unless a local change of it is queued. *is_new (may be NULL). */
int store_sync_item_put(struct store *s, long long source_id,
			const struct store_sync_item_in *in, time_t now,
			int *is_new, struct err *e);
/* 1 when the item of remote id is cached, 0 when not, -1. */
int store_sync_item_known(struct store *s, long long remote, struct err *e);
/* Apply the server's state of the known item remote (read and flagged,
 * each -1 to leave alone), unless a local change of it is queued. */
int store_sync_item_state(struct store *s, long long remote, int read,
			  int flagged, struct err *e);

/* Up to max ids of the items whose link is url (any source). */
int store_items_by_link(struct store *s, const char *url, long long *ids,
			size_t max, size_t *n, struct err *e);

/* The server's complete sets of unread and of starred ids: begin, add
 * every id, apply. Applying sets every synced item unread when it is in
 * the unread set and read when not, flagged when in the starred set,
 * except items with a queued change; *changed (may be NULL) counts them. */
int store_sync_set_begin(struct store *s, struct err *e);
int store_sync_set_add(struct store *s, enum store_sync_kind kind,
		       long long remote, struct err *e);
/* The ids added to set kind that no cached item has: *ids an array of
 * *n (caller frees), in one query rather than a lookup per id. */
int store_sync_set_unknown(struct store *s, enum store_sync_kind kind,
			   long long **ids, size_t *n, struct err *e);
int store_sync_set_apply(struct store *s, int with_read, int with_flag,
			 long *changed, struct err *e);

#endif
