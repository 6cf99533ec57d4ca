/* store_sync_items.c: the sync server's sources, folders and items, and
 * the state it sends for them. */
#include "autoconfig.h"

#include "store/store.h"
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/str.h"

/* ---- sources */

/* 1 when some source is called name in any case of letters (the config
 * finds its sources so), or name is among avoid[0..navoid); 0 when not,
 * -1. */
static int
name_taken(struct store *s, const char *name, const char *const *avoid,
	   size_t navoid, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	for (size_t i = 0; i < navoid; i++)
		if (avoid[i] && !str_casecmp(avoid[i], name))
			return 1;
	st = store_prepare(
	    s, "SELECT 1 FROM sources WHERE name = ?1 COLLATE NOCASE", e);
	if (!st)
		return -1;
	store_bind_text(st, 1, name);
	rc = sqlite3_step(st);
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, e, "looking up a source");
	return rc == SQLITE_ROW;
}

/* base, or "base (2)", "base (3)"... whichever name_taken() finds free;
 * *out (caller frees) set. 0 or -1. */
static int
free_name(struct store *s, const char *base, const char *const *avoid,
	  size_t navoid, char **out, struct err *e)
{
	char *nm = xstrdup(base);
	int rc;

	for (int i = 2; (rc = name_taken(s, nm, avoid, navoid, e)) == 1; i++) {
		free(nm);
		nm = xasprintf("%s (%d)", base, i);
	}
	if (rc < 0) {
		free(nm);
		return -1;
	}
	*out = nm;
	return 0;
}

int
store_sync_yield_name(struct store *s, const char *name, struct err *e)
{
	sqlite3_stmt *st;
	long long id = 0;
	char *old = NULL, *nm = NULL;
	const char *avoid[1] = {name};
	int rc;

	st = store_prepare(s,
			   "SELECT so.id, so.name FROM sources so JOIN "
			   "sync_sources ss ON ss.source_id = so.id WHERE "
			   "so.name = ?1 COLLATE NOCASE",
			   e);
	if (!st)
		return -1;
	store_bind_text(st, 1, name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		old = store_col_text(st, 1);
	}
	store_done(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return store_fail(s, e, "looking up a synced source");
	/* "Name (2)" (not "Name (2) (2)"): the base is taken, by the synced
	 * source itself */
	if (old && strlen(old) > 4 && old[strlen(old) - 1] == ')') {
		size_t d = strlen(old) - 1, close = d;

		while (d > 0 && old[d - 1] >= '0' && old[d - 1] <= '9')
			d--;
		if (d < close && d >= 3 && old[d - 1] == '(' &&
		    old[d - 2] == ' ')
			old[d - 2] = '\0';
	}
	rc = free_name(s, old ? old : name, avoid, 1, &nm, e);
	free(old);
	if (rc != 0)
		return -1;
	st = store_prepare(s, "UPDATE sources SET name = ?2 WHERE id = ?1", e);
	if (!st) {
		free(nm);
		return -1;
	}
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, nm);
	free(nm);
	return store_step_done(s, st, e, "renaming a synced source");
}

int
store_sync_source_put(struct store *s, const struct store_sync_source_in *in,
		      long long *source_id, char **name, struct err *e)
{
	sqlite3_stmt *st;
	char *base = NULL, *nm = NULL;
	int rc;

	if (name)
		*name = NULL;
	st = store_prepare(s,
			   "SELECT ss.source_id, so.name FROM sync_sources ss "
			   "JOIN sources so ON so.id = ss.source_id "
			   "WHERE ss.remote = ?1",
			   e);
	if (!st)
		return -1;
	store_bind_text(st, 1, in->remote);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*source_id = sqlite3_column_int64(st, 0);
		nm = store_col_text(st, 1);
	}
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, e, "looking up a synced source");
	if (rc == SQLITE_DONE) {
		/* a new one: named by its title, kept apart from the others */
		base = str_squeeze(
		    in->title && *in->title ? in->title : in->url,
		    strlen(in->title && *in->title ? in->title : in->url));
		if (!*base) {
			free(base);
			base = xstrdup(in->remote);
		}
		rc = free_name(s, base, in->avoid, in->navoid, &nm, e);
		free(base);
		if (rc < 0 ||
		    store_source_ensure(s, nm, in->url, source_id, e) != 0)
			goto fail;
	}
	st = store_prepare(s,
			   "INSERT INTO sync_sources (source_id, remote, url, "
			   "tags) VALUES (?1, ?2, ?3, ?4) ON CONFLICT "
			   "(source_id) DO UPDATE SET url = excluded.url, "
			   "tags = excluded.tags",
			   e);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, *source_id);
	store_bind_text(st, 2, in->remote);
	store_bind_text(st, 3, in->url);
	store_bind_text(st, 4, in->tags);
	if (store_step_done(s, st, e, "saving a synced source") != 0)
		goto fail;
	st = store_prepare(s,
			   "UPDATE sources SET url = ?2, title = ?3 WHERE "
			   "id = ?1 AND (url IS NOT ?2 OR title IS NOT ?3)",
			   e);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, *source_id);
	store_bind_text(st, 2, in->url ? in->url : "");
	store_bind_text(st, 3, in->title);
	if (store_step_done(s, st, e, "saving a synced source") != 0)
		goto fail;
	if (name)
		*name = nm;
	else
		free(nm);
	return 0;
fail:
	free(nm);
	return -1;
}

int
store_sync_sources_list(struct store *s, struct store_sync_source **rows,
			size_t *n, struct err *e)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	st = store_prepare(s,
			   "SELECT ss.source_id, so.name, so.url, ss.remote, "
			   "ss.tags FROM sync_sources ss JOIN sources so ON "
			   "so.id = ss.source_id ORDER BY so.name",
			   e);
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_sync_source *r;

		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*rows = xreallocarray(*rows, cap, sizeof(**rows));
		}
		r = &(*rows)[(*n)++];
		r->source_id = sqlite3_column_int64(st, 0);
		r->name = store_col_text(st, 1);
		r->url = store_col_text(st, 2);
		r->remote = store_col_text(st, 3);
		r->tags = store_col_text(st, 4);
	}
	store_done(st);
	if (rc != SQLITE_DONE) {
		store_sync_sources_free(*rows, *n);
		*rows = NULL;
		*n = 0;
		return store_fail(s, e, "listing synced sources");
	}
	return 0;
}

void
store_sync_sources_free(struct store_sync_source *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].name);
		free(rows[i].url);
		free(rows[i].remote);
		free(rows[i].tags);
	}
	free(rows);
}

struct store *
store_sync_open(const struct store *s, struct err *e)
{
	return store_open(s->path, &s->text, e);
}

int
store_sync_source_find(struct store *s, const char *name, long long *source_id,
		       struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	st = store_prepare(s,
			   "SELECT ss.source_id FROM sync_sources ss JOIN "
			   "sources so ON so.id = ss.source_id WHERE "
			   "so.name = ?1",
			   e);
	if (!st)
		return -1;
	store_bind_text(st, 1, name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*source_id = sqlite3_column_int64(st, 0);
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, e, "looking up a synced source");
	return rc == SQLITE_ROW;
}

int
store_sync_sources_keep(struct store *s, const char *const *keep, size_t n,
			long *dropped, struct err *e)
{
	sqlite3_stmt *st;
	long long *gone = NULL;
	size_t ngone = 0, cap = 0;
	int rc;

	if (dropped)
		*dropped = 0;
	st = store_prepare(s, "SELECT source_id, remote FROM sync_sources", e);
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 1);
		size_t i;

		for (i = 0; i < n; i++)
			if (r && !strcmp(keep[i], r))
				break;
		if (i < n)
			continue;
		if (ngone == cap) {
			cap = cap ? cap * 2 : 16;
			gone = xreallocarray(gone, cap, sizeof(*gone));
		}
		gone[ngone++] = sqlite3_column_int64(st, 0);
	}
	store_done(st);
	if (rc != SQLITE_DONE) {
		free(gone);
		return store_fail(s, e, "listing synced sources");
	}
	rc = 0;
	for (size_t i = 0; i < ngone && rc == 0; i++)
		rc = store_sync_drop_source(s, gone[i], e);
	if (rc == 0 && dropped)
		*dropped = (long)ngone;
	free(gone);
	return rc;
}

int
store_sync_folder_put(struct store *s, const char *remote, const char *name,
		      struct err *e)
{
	sqlite3_stmt *st;

	st = store_prepare(s,
			   "INSERT OR REPLACE INTO sync_folders (remote, name) "
			   "VALUES (?1, ?2)",
			   e);
	if (!st)
		return -1;
	store_bind_text(st, 1, remote);
	store_bind_text(st, 2, name);
	return store_step_done(s, st, e, "saving a folder");
}

/* ---- items */

/* Set item id's read and/or flagged state (-1: leave) to the server's,
 * unless a local change of it is queued. */
static int
apply_state(struct store *s, long long id, int read, int flagged, struct err *e)
{
	sqlite3_stmt *st;

	if (read >= 0) {
		st = store_prepare(
		    s,
		    "UPDATE items SET read = ?2 WHERE id = ?1 AND "
		    "read <> ?2 AND NOT EXISTS (SELECT 1 FROM sync_queue q "
		    "WHERE (q.kind = 1 AND q.item_id = ?1) OR (q.kind = 3 "
		    "AND q.source_id IN (0, items.source_id)))",
		    e);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int(st, 2, read ? 1 : 0);
		if (store_step_done(s, st, e, "saving an item's state") != 0)
			return -1;
	}
	if (flagged >= 0) {
		st =
		    store_prepare(s,
				  "UPDATE items SET flagged = ?2 WHERE id = ?1 "
				  "AND flagged <> ?2 AND NOT EXISTS (SELECT 1 "
				  "FROM sync_queue WHERE kind = 2 AND "
				  "item_id = ?1)",
				  e);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int(st, 2, flagged ? 1 : 0);
		if (store_step_done(s, st, e, "saving an item's state") != 0)
			return -1;
	}
	return 0;
}

int
store_sync_item_put(struct store *s, long long source_id,
		    const struct store_sync_item_in *in, time_t now,
		    int *is_new, struct err *e)
{
	struct store_item_in it = in->item;
	sqlite3_stmt *st;
	long long id;
	char key[32];

	/* the key is the remote id: the server gives no feed's own guid */
	snprintf(key, sizeof(key), "sync:%016llx",
		 (unsigned long long)in->remote);
	it.key = key;
	if (store_item_upsert(s, source_id, &it, now, is_new, &id, e) != 0)
		return -1;
	st = store_prepare(s,
			   "INSERT INTO sync_items (item_id, remote, stamp) "
			   "VALUES (?1, ?2, ?3) ON CONFLICT DO UPDATE SET "
			   "stamp = excluded.stamp WHERE item_id = ?1 AND "
			   "stamp <> excluded.stamp",
			   e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, in->remote);
	sqlite3_bind_int64(st, 3, in->stamp);
	if (store_step_done(s, st, e, "saving a synced item") != 0)
		return -1;
	return apply_state(s, id, in->read, in->flagged, e);
}

/* The local id of the item of remote id: 1 found, 0 not, -1. */
static int
local_id(struct store *s, long long remote, long long *id, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	st = store_prepare(
	    s, "SELECT item_id FROM sync_items WHERE remote = ?1", e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, remote);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, e, "looking up a synced item");
	return rc == SQLITE_ROW;
}

int
store_sync_item_known(struct store *s, long long remote, struct err *e)
{
	long long id = 0;

	return local_id(s, remote, &id, e);
}

int
store_sync_item_state(struct store *s, long long remote, int read, int flagged,
		      struct err *e)
{
	long long id = 0;
	int rc = local_id(s, remote, &id, e);

	if (rc <= 0)
		return rc;
	return apply_state(s, id, read, flagged, e);
}

int
store_items_by_link(struct store *s, const char *url, long long *ids,
		    size_t max, size_t *n, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	*n = 0;
	st = store_prepare(s, "SELECT id FROM items WHERE link = ?1 LIMIT ?2",
			   e);
	if (!st)
		return -1;
	store_bind_text(st, 1, url);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)max);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max)
		ids[(*n)++] = sqlite3_column_int64(st, 0);
	store_done(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail(s, e, "finding items by link");
	return 0;
}

int
store_sync_set_begin(struct store *s, struct err *e)
{
	return store_exec(s,
			  "CREATE TEMP TABLE IF NOT EXISTS sync_set (kind "
			  "INTEGER NOT NULL, remote INTEGER NOT NULL, PRIMARY "
			  "KEY (kind, remote)) WITHOUT ROWID;"
			  "DELETE FROM temp.sync_set;",
			  e);
}

int
store_sync_set_add(struct store *s, enum store_sync_kind kind, long long remote,
		   struct err *e)
{
	sqlite3_stmt *st;

	st = store_prepare(s,
			   "INSERT OR IGNORE INTO temp.sync_set (kind, remote) "
			   "VALUES (?1, ?2)",
			   e);
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, (int)kind);
	sqlite3_bind_int64(st, 2, remote);
	return store_step_done(s, st, e, "keeping the server's state");
}

int
store_sync_set_unknown(struct store *s, enum store_sync_kind kind,
		       long long **ids, size_t *n, struct err *e)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	st = store_prepare(s,
			   "SELECT t.remote FROM temp.sync_set t WHERE "
			   "t.kind = ?1 AND NOT EXISTS (SELECT 1 FROM "
			   "sync_items si WHERE si.remote = t.remote)",
			   e);
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, (int)kind);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			*ids = xreallocarray(*ids, cap, sizeof(**ids));
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	store_done(st);
	if (rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return store_fail(s, e, "reading the server's set");
	}
	return 0;
}

int
store_sync_set_apply(struct store *s, int with_read, int with_flag,
		     long *changed, struct err *e)
{
	long n = 0;

	/* kind 1 in the set: unread on the server. The synced items whose
	 * state differs are found first, one probe of the set and one of
	 * items each (not a scan of every item, the local sources' too),
	 * and only those are written: a sync with nothing new does this for
	 * every synced item there is */
	if (with_read) {
		if (store_exec(
			s,
			"UPDATE items SET read = 1 - read WHERE id IN (SELECT "
			"si.item_id FROM sync_items si JOIN items i ON i.id = "
			"si.item_id LEFT JOIN temp.sync_set t ON t.kind = 1 "
			"AND t.remote = si.remote WHERE i.read <> (t.remote IS "
			"NULL)) AND NOT EXISTS (SELECT 1 FROM sync_queue q "
			"WHERE (q.kind = 1 AND q.item_id = items.id) OR "
			"(q.kind = 3 AND q.source_id IN (0, items.source_id)))",
			e) != 0)
			return -1;
		n += (long)sqlite3_changes(s->db);
	}
	if (with_flag) {
		if (store_exec(
			s,
			"UPDATE items SET flagged = 1 - flagged WHERE id IN "
			"(SELECT si.item_id FROM sync_items si JOIN items i ON "
			"i.id = si.item_id LEFT JOIN temp.sync_set t ON "
			"t.kind = 2 AND t.remote = si.remote WHERE i.flagged "
			"<> "
			"(t.remote IS NOT NULL)) AND NOT EXISTS (SELECT 1 FROM "
			"sync_queue q WHERE q.kind = 2 AND q.item_id = "
			"items.id)",
			e) != 0)
			return -1;
		n += (long)sqlite3_changes(s->db);
	}
	if (changed)
		*changed = n;
	return store_exec(s, "DELETE FROM temp.sync_set", e);
}
