/* store_sync.c: the queue of local changes for the sync server, and the
 * markers of the last sync (its sources and items: store_sync_items.c). */
#include "autoconfig.h"

#include "store/store.h"
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/str.h"

/* Now in microseconds: the queue's times. */
static long long
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int
store_savepoint_end(struct store *s, const char *name, int rc, struct err *e)
{
	char sql[96];

	if (rc != 0) {
		snprintf(sql, sizeof(sql), "ROLLBACK TO %s; RELEASE %s", name,
			 name);
		sqlite3_exec(s->db, sql, NULL, NULL, NULL);
		return rc;
	}
	snprintf(sql, sizeof(sql), "RELEASE %s", name);
	if (store_exec(s, sql, e) != 0) {
		snprintf(sql, sizeof(sql), "ROLLBACK TO %s; RELEASE %s", name,
			 name);
		sqlite3_exec(s->db, sql, NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

/* ---- the queue */

int
store_sync_note_item(struct store *s, long long item_id, int kind, int value,
		     struct err *e)
{
	sqlite3_stmt *st;

	/* a newer change of the same item and kind replaces the older one:
	 * its new row id keeps an acknowledgement of the old one from
	 * taking it away */
	st = store_prepare(s,
			   "INSERT OR REPLACE INTO sync_queue (kind, item_id, "
			   "remote, value, at) SELECT ?2, ?1, remote, ?3, ?4 "
			   "FROM sync_items WHERE item_id = ?1",
			   e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	sqlite3_bind_int(st, 2, kind);
	sqlite3_bind_int(st, 3, value ? 1 : 0);
	sqlite3_bind_int64(st, 4, now_us());
	return store_step_done(s, st, e, "queueing a change for the server");
}

int
store_sync_note_mark_all(struct store *s, long long source_id, struct err *e)
{
	sqlite3_stmt *st;
	char *feed = NULL;
	long long newest = 0, stamp = 0;
	int rc;

	if (source_id) {
		st = store_prepare(s,
				   "SELECT remote FROM sync_sources WHERE "
				   "source_id = ?1",
				   e);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, source_id);
	} else {
		st = store_prepare(s, "SELECT NULL FROM sync_sources LIMIT 1",
				   e);
		if (!st)
			return -1;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		feed = store_col_text(st, 0);
	store_done(st);
	if (rc == SQLITE_DONE)
		return 0; /* not the server's: nothing to tell it */
	if (rc != SQLITE_ROW)
		return store_fail(s, e, "looking up a synced source");
	/* what the user saw: the server marks nothing newer read */
	st = store_prepare(s,
			   "SELECT coalesce(max(si.remote), 0), "
			   "coalesce(max(si.stamp), 0) FROM sync_items si "
			   "JOIN items i ON i.id = si.item_id "
			   "WHERE ?1 = 0 OR i.source_id = ?1",
			   e);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, source_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		newest = sqlite3_column_int64(st, 0);
		stamp = sqlite3_column_int64(st, 1);
	}
	store_done(st);
	/* the read changes of those items are part of this one now */
	st = store_prepare(
	    s,
	    "DELETE FROM sync_queue WHERE kind = 1 AND item_id IN "
	    "(SELECT id FROM items WHERE ?1 = 0 OR "
	    "source_id = ?1)",
	    e);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, source_id);
	if (store_step_done(s, st, e, "queueing a change for the server") != 0)
		goto fail;
	st = store_prepare(s,
			   "INSERT INTO sync_queue (kind, remote, source_id, "
			   "feed, stamp, at) VALUES (3, ?1, ?2, ?3, ?4, ?5)",
			   e);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, newest);
	sqlite3_bind_int64(st, 2, source_id);
	store_bind_text(st, 3, feed);
	sqlite3_bind_int64(st, 4, stamp);
	sqlite3_bind_int64(st, 5, now_us());
	rc = store_step_done(s, st, e, "queueing a change for the server");
	free(feed);
	return rc;
fail:
	free(feed);
	return -1;
}

int
store_sync_queue_list(struct store *s, long long after_id, size_t max,
		      struct store_sync_change **rows, size_t *n, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	*rows = NULL;
	*n = 0;
	if (!max)
		return 0;
	st = store_prepare(s,
			   "SELECT id, kind, coalesce(item_id, 0), remote, "
			   "source_id, feed, tag, value, stamp, at "
			   "FROM sync_queue WHERE id > ?1 ORDER BY id LIMIT ?2",
			   e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, after_id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)max);
	*rows = xcalloc(max, sizeof(**rows));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_sync_change *c = &(*rows)[(*n)++];

		c->id = sqlite3_column_int64(st, 0);
		c->kind = (enum store_sync_kind)sqlite3_column_int(st, 1);
		c->item_id = sqlite3_column_int64(st, 2);
		c->remote = sqlite3_column_int64(st, 3);
		c->source_id = sqlite3_column_int64(st, 4);
		c->feed = store_col_text(st, 5);
		c->tag = store_col_text(st, 6);
		c->value = sqlite3_column_int(st, 7);
		c->stamp = sqlite3_column_int64(st, 8);
		c->at = sqlite3_column_int64(st, 9);
	}
	store_done(st);
	if (rc != SQLITE_DONE) {
		store_sync_changes_free(*rows, *n);
		*rows = NULL;
		*n = 0;
		return store_fail(s, e, "reading the sync queue");
	}
	return 0;
}

void
store_sync_changes_free(struct store_sync_change *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].feed);
		free(rows[i].tag);
	}
	free(rows);
}

int
store_sync_queue_done(struct store *s, const long long *ids, size_t n,
		      struct err *e)
{
	sqlite3_stmt *st;
	int rc = 0;

	if (store_exec(s, "SAVEPOINT sync_done", e) != 0)
		return -1;
	for (size_t i = 0; i < n && rc == 0; i++) {
		st =
		    store_prepare(s, "DELETE FROM sync_queue WHERE id = ?1", e);
		if (!st) {
			rc = -1;
			break;
		}
		sqlite3_bind_int64(st, 1, ids[i]);
		rc = store_step_done(s, st, e, "emptying the sync queue");
	}
	return store_savepoint_end(s, "sync_done", rc, e);
}

long
store_sync_queue_count(struct store *s, struct err *e)
{
	sqlite3_stmt *st =
	    store_prepare(s, "SELECT count(*) FROM sync_queue", e);
	long n = -1;

	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	else
		store_fail(s, e, "counting the sync queue");
	store_done(st);
	return n;
}

int
store_sync_queue_subscribe(struct store *s, const char *url, const char *tag,
			   struct err *e)
{
	sqlite3_stmt *st;

	st = store_prepare(s,
			   "INSERT INTO sync_queue (kind, feed, tag, at) "
			   "VALUES (4, ?1, ?2, ?3)",
			   e);
	if (!st)
		return -1;
	store_bind_text(st, 1, url);
	store_bind_text(st, 2, tag && *tag ? tag : NULL);
	sqlite3_bind_int64(st, 3, now_us());
	return store_step_done(s, st, e, "queueing a subscription");
}

/* Delete source id with its items (their articles go by trigger). */
int
store_sync_drop_source(struct store *s, long long id, struct err *e)
{
	static const char *const sql[] = {
	    "DELETE FROM sync_queue WHERE item_id IN "
	    "(SELECT id FROM items WHERE source_id = ?1)",
	    "DELETE FROM items WHERE source_id = ?1",
	    "DELETE FROM sources WHERE id = ?1",
	};

	for (size_t i = 0; i < sizeof(sql) / sizeof(sql[0]); i++) {
		sqlite3_stmt *st = store_prepare(s, sql[i], e);

		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, id);
		if (store_step_done(s, st, e, "dropping a source") != 0)
			return -1;
	}
	return 0;
}

int
store_sync_queue_unsubscribe(struct store *s, long long source_id,
			     struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (store_exec(s, "SAVEPOINT sync_unsub", e) != 0)
		return -1;
	st = store_prepare(s,
			   "INSERT INTO sync_queue (kind, feed, at) SELECT 5, "
			   "remote, ?2 FROM sync_sources WHERE source_id = ?1",
			   e);
	rc = st ? 0 : -1;
	if (st) {
		sqlite3_bind_int64(st, 1, source_id);
		sqlite3_bind_int64(st, 2, now_us());
		rc = store_step_done(s, st, e, "queueing an unsubscription");
	}
	if (rc == 0 && sqlite3_changes(s->db) == 0)
		rc = 1;
	else if (rc == 0)
		rc = store_sync_drop_source(s, source_id, e);
	if (rc == 1)
		return store_savepoint_end(s, "sync_unsub", 0, e) < 0 ? -1 : 1;
	return store_savepoint_end(s, "sync_unsub", rc, e);
}

/* ---- markers */

int
store_sync_get(struct store *s, const char *key, char **value, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	*value = NULL;
	st = store_prepare(s, "SELECT value FROM sync_state WHERE key = ?1", e);
	if (!st)
		return -1;
	store_bind_text(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*value = store_col_text(st, 0);
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, e, "reading the sync state");
	return 0;
}

int
store_sync_set(struct store *s, const char *key, const char *value,
	       struct err *e)
{
	sqlite3_stmt *st;

	if (value)
		st = store_prepare(s,
				   "INSERT OR REPLACE INTO sync_state (key, "
				   "value) VALUES (?1, ?2)",
				   e);
	else
		st = store_prepare(s, "DELETE FROM sync_state WHERE key = ?1",
				   e);
	if (!st)
		return -1;
	store_bind_text(st, 1, key);
	if (value)
		store_bind_text(st, 2, value);
	return store_step_done(s, st, e, "saving the sync state");
}

int
store_sync_account(struct store *s, const char *account, int *changed,
		   struct err *e)
{
	char *old = NULL;
	int rc;

	if (changed)
		*changed = 0;
	if (store_sync_get(s, "account", &old, e) != 0)
		return -1;
	if (old && !strcmp(old, account)) {
		free(old);
		return 0;
	}
	/* the first sync: what was queued before it (a subscription, an
	 * import) was meant for this account */
	if (!old)
		return store_sync_set(s, "account", account, e);
	if (store_exec(s, "SAVEPOINT sync_account", e) != 0) {
		free(old);
		return -1;
	}
	/* another server's or user's ids mean nothing to this one */
	rc = store_exec(s,
			"DELETE FROM sync_queue; DELETE FROM sync_items;"
			"DELETE FROM sync_sources; DELETE FROM sync_folders;"
			"DELETE FROM sync_state;",
			e);
	if (rc == 0)
		rc = store_sync_set(s, "account", account, e);
	if (rc == 0 && changed)
		*changed = old != NULL;
	free(old);
	return store_savepoint_end(s, "sync_account", rc, e);
}
