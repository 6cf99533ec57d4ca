/* store_keep.c: what the cache keeps: retention, purge, vacuum, checks, read state in and out. */
#include "autoconfig.h"

#include "store/store.h"
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/str.h"
#include "util/url.h"

#define DAY 86400

/* 1 when source_id is one of the sync server's, 0 when not, -1. */
static int
is_synced(struct store *s, long long source_id, struct err *e)
{
	sqlite3_stmt *st = store_prepare(
	    s, "SELECT 1 FROM sync_sources WHERE source_id = ?1", e);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, source_id);
	rc = sqlite3_step(st);
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, e, "looking up a synced source");
	return rc == SQLITE_ROW;
}

/* Drop the droppable items of a synced source (see store.h): what it
 * fetched last is no guide, as the server sends only what is new. */
static int
retain_synced(struct store *s, long long source_id,
	      const struct store_retention *r, time_t now, long *dropped,
	      struct err *e)
{
	static const char *const sql[] = {
	    "DELETE FROM items WHERE source_id = ?1 AND read = 1 AND "
	    "flagged = 0 AND date < ?2 AND first_seen < ?4 AND id NOT IN "
	    "(SELECT item_id FROM sync_queue WHERE item_id IS NOT NULL)",
	    "DELETE FROM items WHERE id IN (SELECT id FROM items WHERE "
	    "source_id = ?1 ORDER BY date DESC, id DESC LIMIT -1 OFFSET ?3) "
	    "AND read = 1 AND flagged = 0 AND first_seen < ?4 AND id NOT IN "
	    "(SELECT item_id FROM sync_queue WHERE item_id IS NOT NULL)",
	};

	for (int i = 0; i < 2; i++) {
		sqlite3_stmt *st;

		if (i == 0 ? r->keep_days <= 0 : r->max_items <= 0)
			continue;
		st = store_prepare(s, sql[i], e);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, source_id);
		sqlite3_bind_int64(st, 2,
				   (sqlite3_int64)now -
				       (sqlite3_int64)r->keep_days * DAY);
		sqlite3_bind_int64(st, 3, r->max_items);
		sqlite3_bind_int64(st, 4,
				   (sqlite3_int64)now - STORE_SYNC_KEEP_NEW);
		if (store_step_done(s, st, e, "dropping old items") != 0)
			return -1;
		*dropped += (long)sqlite3_changes(s->db);
	}
	return 0;
}

/* 1 when the query sql (binding a and b as ?1 and ?2) gives a row, 0 when
 * not, -1 on error. */
static int
any_row(struct store *s, const char *sql, long long a, long long b,
	struct err *e)
{
	sqlite3_stmt *st = store_prepare(s, sql, e);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	rc = sqlite3_step(st);
	store_done(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return store_fail(s, e, "looking for items to drop");
}

/* Drop the droppable items of one source (see store.h). */
static int
retain_source(struct store *s, long long source_id,
	      const struct store_retention *r, time_t now, long *dropped,
	      struct err *e)
{
	sqlite3_stmt *st;
	long days = r->keep_days > 0 ? r->keep_days : STORE_RECENT_DAYS;
	sqlite3_int64 recent = (sqlite3_int64)now - (sqlite3_int64)days * DAY;
	int synced = is_synced(s, source_id, e);

	if (synced)
		return synced < 0
			   ? -1
			   : retain_synced(s, source_id, r, now, dropped, e);
	/* looked for first: a DELETE (it has triggers) runs in a statement
	 * savepoint, which makes the search index write out the terms it
	 * holds for the transaction, even when nothing is deleted */
	if (r->keep_days > 0) {
		int some = any_row(s,
				   "SELECT 1 FROM items WHERE source_id = ?1 "
				   "AND flagged = 0 AND date < ?2 AND "
				   "last_seen < (SELECT last_items FROM "
				   "sources WHERE id = ?1) LIMIT 1",
				   source_id, recent, e);

		if (some < 0)
			return -1;
		if (!some)
			goto max_items;
		st = store_prepare(
			s,
			"DELETE FROM items WHERE source_id = ?1 AND "
			"flagged = 0 AND date < ?2 AND last_seen < "
			"(SELECT last_items FROM sources WHERE id = ?1)",
			e);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, source_id);
		sqlite3_bind_int64(st, 2, recent);
		if (store_step_done(s, st, e, "dropping old items") != 0)
			return -1;
		*dropped += (long)sqlite3_changes(s->db);
	}
max_items:
	if (r->max_items > 0) {
		/* the counts the store keeps say whether any is surplus */
		int some = any_row(s,
				   "SELECT 1 FROM sources WHERE id = ?1 AND "
				   "total > ?2",
				   source_id, r->max_items, e);

		if (some <= 0)
			return some;
		/* everything past the newest max_items, as far as the
		 * rules allow */
		st = store_prepare(
			s,
			"DELETE FROM items WHERE id IN (SELECT id FROM items "
			"WHERE source_id = ?1 ORDER BY date DESC, id DESC "
			"LIMIT -1 OFFSET ?3) AND flagged = 0 AND "
			"(read = 1 OR date < ?2) AND last_seen < "
			"(SELECT last_items FROM sources WHERE id = ?1)",
			e);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, source_id);
		sqlite3_bind_int64(st, 2, recent);
		sqlite3_bind_int64(st, 3, r->max_items);
		if (store_step_done(s, st, e, "dropping surplus items") != 0)
			return -1;
		*dropped += (long)sqlite3_changes(s->db);
	}
	return 0;
}

int
store_retention_apply(struct store *s, long long source_id,
		      const struct store_retention *r, time_t now,
		      long *dropped, struct err *e)
{
	struct store_source *srcs = NULL;
	size_t nsrcs = 0;
	long n = 0;
	int own_tx = !s->in_tx;

	if (dropped)
		*dropped = 0;
	if (r->max_items <= 0 && r->keep_days <= 0)
		return 0;
	if (!source_id && store_sources_list(s, &srcs, &nsrcs, e) != 0)
		return -1;
	if (own_tx && store_begin(s, e) != 0)
		goto fail;
	if (source_id) {
		if (retain_source(s, source_id, r, now, &n, e) != 0)
			goto fail;
	}
	for (size_t i = 0; i < nsrcs; i++)
		if (retain_source(s, srcs[i].id, r, now, &n, e) != 0)
			goto fail;
	if (own_tx && store_commit(s, e) != 0)
		goto fail;
	store_sources_free(srcs, nsrcs);
	if (dropped)
		*dropped = n;
	return 0;
fail:
	if (own_tx)
		store_rollback(s);
	store_sources_free(srcs, nsrcs);
	return -1;
}

int
store_purge(struct store *s, const char *const *keep, size_t nkeep,
	    long *sources, long *items, struct err *e)
{
	struct store_source *srcs = NULL;
	size_t nsrcs = 0, i, k;
	long nsrc = 0, nitems = 0;
	sqlite3_stmt *st;

	if (store_begin(s, e) != 0)
		return -1;
	if (store_sources_list(s, &srcs, &nsrcs, e) != 0)
		goto fail;
	for (i = 0; i < nsrcs; i++) {
		for (k = 0; k < nkeep; k++)
			if (keep[k] && !strcmp(keep[k], srcs[i].name))
				break;
		if (k < nkeep)
			continue;
		/* what was not pushed of them goes too: their ids may be
		 * given to new items */
		st =
		    store_prepare(s,
				  "DELETE FROM sync_queue WHERE item_id IN "
				  "(SELECT id FROM items WHERE source_id = ?1)",
				  e);
		if (!st)
			goto fail;
		sqlite3_bind_int64(st, 1, srcs[i].id);
		if (store_step_done(s, st, e, "purging queued changes") != 0)
			goto fail;
		st = store_prepare(s, "DELETE FROM items WHERE source_id = ?1",
				   e);
		if (!st)
			goto fail;
		sqlite3_bind_int64(st, 1, srcs[i].id);
		if (store_step_done(s, st, e, "purging items") != 0)
			goto fail;
		nitems += (long)sqlite3_changes(s->db);
		st = store_prepare(s, "DELETE FROM sources WHERE id = ?1", e);
		if (!st)
			goto fail;
		sqlite3_bind_int64(st, 1, srcs[i].id);
		if (store_step_done(s, st, e, "purging a source") != 0)
			goto fail;
		nsrc++;
	}
	if (store_commit(s, e) != 0)
		goto fail;
	store_sources_free(srcs, nsrcs);
	if (sources)
		*sources = nsrc;
	if (items)
		*items = nitems;
	return 0;
fail:
	store_rollback(s);
	store_sources_free(srcs, nsrcs);
	return -1;
}

static long long
file_size(struct store *s)
{
	sqlite3_stmt *st;
	long long v = 0;

	st = store_prepare(s,
			   "SELECT page_count * page_size FROM "
			   "pragma_page_count, pragma_page_size",
			   NULL);
	if (!st)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	store_done(st);
	return v;
}

int
store_vacuum(struct store *s, long long *before, long long *after,
	     struct err *e)
{
	if (before)
		*before = file_size(s);
	if (store_exec(s, "INSERT INTO fts (fts) VALUES ('optimize')", e) != 0)
		return -1;
	if (store_exec(s, "VACUUM", e) != 0)
		return -1;
	if (store_exec(s, "PRAGMA wal_checkpoint(TRUNCATE)", e) != 0)
		return -1;
	if (after)
		*after = file_size(s);
	return 0;
}

int
store_check(struct store *s, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret = -1;

	if (sqlite3_prepare_v2(s->db, "PRAGMA integrity_check(5)", -1, &st,
			       NULL) != SQLITE_OK)
		return store_fail(s, e, "checking");
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		store_fail(s, e, "checking");
		goto out;
	}
	if (strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0) {
		err_set(e, "cache %s: integrity check: %s", s->path,
			(const char *)sqlite3_column_text(st, 0));
		goto out;
	}
	/* end the read first: a write from a connection still reading an
	 * older snapshot fails at once when another process committed */
	sqlite3_finalize(st);
	st = NULL;
	/* 'integrity-check' compares the index with the content table */
	if (store_exec(s,
		       "INSERT INTO fts (fts, rank) VALUES "
		       "('integrity-check', 1)",
		       e) != 0) {
		err_prefix(e, "search index: ");
		goto out;
	}
	ret = 0;
out:
	sqlite3_finalize(st);
	return ret;
}

int
store_state_export(struct store *s,
		   int (*fn)(void *ctx, const char *url, int read, int flagged),
		   void *ctx, struct err *e)
{
	sqlite3_stmt *st;
	int rc, ret = 0;

	/* one row per URL, items and waiting imports together */
	st = store_prepare(s,
			   "SELECT url, max(read), max(flagged) FROM ("
			   "SELECT link AS url, read, flagged FROM items "
			   "WHERE (read = 1 OR flagged = 1) AND link IS NOT NULL "
			   "UNION ALL SELECT url, read, flagged FROM "
			   "state_pending) GROUP BY url ORDER BY url",
			   e);
	if (!st)
		return -1;
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		ret = fn(ctx, (const char *)sqlite3_column_text(st, 0),
			 sqlite3_column_int(st, 1), sqlite3_column_int(st, 2));
		if (ret != 0)
			break;
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = store_fail(s, e, "exporting read state");
	store_done(st);
	return ret;
}

int
store_state_import(struct store *s, const char *url, int read, int flagged,
		   long *matched, struct err *e)
{
	sqlite3_stmt *st;
	char *key;
	long n;
	int rc = -1;

	if (matched)
		*matched = 0;
	if (!url || !*url || (!read && !flagged))
		return 0;
	/* the same article under any of its links: its key */
	key = store_link_key(url);
	if (!key)
		return 0; /* a site's front page: no one article */
	/* what changes on the sync server's items is queued for it */
	st = store_prepare(s,
			   "INSERT OR REPLACE INTO sync_queue (kind, item_id, "
			   "remote, value, at) SELECT k.kind, i.id, si.remote, "
			   "1, ?4 FROM items i JOIN sync_items si ON si.item_id "
			   "= i.id JOIN (SELECT 1 AS kind WHERE ?2 UNION ALL "
			   "SELECT 2 WHERE ?3) k WHERE i.link_key = ?1 AND "
			   "((k.kind = 1 AND i.read = 0) OR (k.kind = 2 AND "
			   "i.flagged = 0))",
			   e);
	if (!st)
		goto out;
	store_bind_text(st, 1, key);
	sqlite3_bind_int(st, 2, read ? 1 : 0);
	sqlite3_bind_int(st, 3, flagged ? 1 : 0);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)time(NULL) * 1000000);
	if (store_step_done(s, st, e, "importing read state") != 0)
		goto out;
	st = store_prepare(s,
			   "UPDATE items SET read = max(read, ?2), "
			   "flagged = max(flagged, ?3) WHERE link_key = ?1",
			   e);
	if (!st)
		goto out;
	store_bind_text(st, 1, key);
	sqlite3_bind_int(st, 2, read ? 1 : 0);
	sqlite3_bind_int(st, 3, flagged ? 1 : 0);
	if (store_step_done(s, st, e, "importing read state") != 0)
		goto out;
	n = (long)sqlite3_changes(s->db);
	if (matched)
		*matched = n;
	if (n > 0) {
		rc = 0;
		goto out;
	}
	st = store_prepare(s,
			   "INSERT INTO state_pending (url, read, flagged, "
			   "key) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (url) DO "
			   "UPDATE SET read = max(read, excluded.read), "
			   "flagged = max(flagged, excluded.flagged)",
			   e);
	if (!st)
		goto out;
	store_bind_text(st, 1, url);
	sqlite3_bind_int(st, 2, read ? 1 : 0);
	sqlite3_bind_int(st, 3, flagged ? 1 : 0);
	store_bind_text(st, 4, key);
	rc = store_step_done(s, st, e, "importing read state");
out:
	free(key);
	return rc;
}
