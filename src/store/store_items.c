/* store_items.c: items (upsert, read and flagged state, pages of rows). */
#include "autoconfig.h"

#include "store/store.h"
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/str.h"
#include "util/url.h"

/* ---- items */

char *
store_link_key(const char *link)
{
	char *key = url_key(link);
	struct url_parts p;

	if (!key)
		return NULL;
	url_split(key, &p);
	if (p.authority && p.path_len <= 1 && !p.query) {
		free(key);
		return NULL;
	}
	return key;
}

/* Imported read state waiting for this link's key goes onto the new item,
 * and so does the read state of the same article in another source (two
 * items of one source with one link are two items to their feed). */
static int
apply_pending(struct store *s, long long id, const char *key, struct err *e)
{
	sqlite3_stmt *st;
	int rc, pending = 0, twin_read = 0;

	/* looked up first: the UPDATE (it has a trigger) would open a
	 * statement savepoint for every new item, see index_new() */
	st = store_prepare(s,
			   "SELECT EXISTS (SELECT 1 FROM state_pending WHERE "
			   "key = ?1), EXISTS (SELECT 1 FROM items WHERE "
			   "link_key = ?1 AND read = 1 AND source_id <> "
			   "(SELECT source_id FROM items WHERE id = ?2))",
			   e);
	if (!st)
		return -1;
	store_bind_text(st, 1, key);
	sqlite3_bind_int64(st, 2, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		pending = sqlite3_column_int(st, 0);
		twin_read = sqlite3_column_int(st, 1);
	}
	store_done(st);
	if (rc != SQLITE_ROW)
		return store_fail(s, e, "looking up imported state");
	if (twin_read) {
		st = store_prepare(s, "UPDATE items SET read = 1 WHERE id = ?1",
				   e);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, id);
		if (store_step_done(s, st, e, "marking an item read") != 0)
			return -1;
	}
	if (!pending)
		return 0;
	st = store_prepare(s,
			   "UPDATE items SET read = max(items.read, p.read), "
			   "flagged = max(items.flagged, p.flagged) FROM "
			   "(SELECT max(read) AS read, max(flagged) AS flagged "
			   "FROM state_pending WHERE key = ?2) p "
			   "WHERE items.id = ?1",
			   e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, key);
	if (store_step_done(s, st, e, "applying imported state") != 0)
		return -1;
	st = store_prepare(s, "DELETE FROM state_pending WHERE key = ?1", e);
	if (!st)
		return -1;
	store_bind_text(st, 1, key);
	return store_step_done(s, st, e, "applying imported state");
}

/* Count a new item in its source and put it in the search index. Done
 * here rather than by triggers: statements without triggers need no
 * savepoint, so the index keeps the terms of a whole transaction in memory
 * and writes them out as one segment. */
static int
index_new(struct store *s, long long source_id, long long id,
	  const struct store_item_in *it, struct err *e)
{
	sqlite3_stmt *st;
	char *text = NULL;
	int rc;

	st = store_prepare(s,
			   "UPDATE sources SET total = total + 1, "
			   "unread = unread + 1 WHERE id = ?1",
			   e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, source_id);
	if (store_step_done(s, st, e, "counting an item") != 0)
		return -1;
	st = store_prepare(s,
			   "INSERT INTO fts (rowid, title, summary, body) "
			   "VALUES (?1, ?2, ?3, NULL)",
			   e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, it->title);
	/* what warta_index_text() gives when the item is taken out */
	if (it->summary && it->ready && it->ready->words) {
		sqlite3_bind_text(st, 3, it->ready->words, -1, SQLITE_STATIC);
	} else if (it->summary) {
		text = s->text.summary(it->summary, strlen(it->summary));
		sqlite3_bind_text(st, 3, text, -1, SQLITE_STATIC);
	}
	rc = store_step_done(s, st, e, "indexing an item");
	free(text);
	return rc;
}

/* 1 when the row of the item's lookup (id, title, link, author, summary,
 * content, published, updated) already holds what the update would write
 * (with the dates published and updated): a feed answering 200 with the
 * same items repacked every summary. */
static int
unchanged(sqlite3_stmt *st, const struct store_item_in *it, time_t published,
	  time_t updated)
{
	const char *v[] = {it->title, it->link, it->author, it->summary,
			   it->content};

	/* an empty field keeps the old value, see the UPDATE below */
	for (int i = 0; i < 5; i++)
		if (v[i] && !store_col_same(st, i + 1, v[i]))
			return 0;
	if (published &&
	    (sqlite3_int64)published != sqlite3_column_int64(st, 6))
		return 0;
	if (updated && (sqlite3_int64)updated != sqlite3_column_int64(st, 7))
		return 0;
	return 1;
}

int
store_item_upsert(struct store *s, long long source_id,
		  const struct store_item_in *it, time_t now, int *is_new,
		  long long *item_id, struct err *e)
{
	sqlite3_stmt *st;
	long long id = 0;
	int rc, found, same = 0;
	time_t published = it->published, updated = it->updated;
	char *key = NULL;

	if (!it->key || !*it->key)
		return err_set(e, "cache %s: an item without a key", s->path);
	st = store_prepare(s,
			   "SELECT id, title, link, author, summary, content, "
			   "published, updated FROM items WHERE "
			   "source_id = ?1 AND key = ?2",
			   e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, source_id);
	store_bind_text(st, 2, it->key);
	rc = sqlite3_step(st);
	found = rc == SQLITE_ROW;
	if (found) {
		id = sqlite3_column_int64(st, 0);
		same = unchanged(st, it, published, updated);
	} else if (rc != SQLITE_DONE) {
		store_fail(s, e, "looking up an item");
	}
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -1;

	if (same) {
		/* only seen again: nothing to pack, and no trigger to run */
		st = store_prepare(s,
				   "UPDATE items SET last_seen = ?2 WHERE id = ?1",
				   e);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)now);
		if (store_step_done(s, st, e, "saving an item") != 0)
			return -1;
		if (is_new)
			*is_new = 0;
		if (item_id)
			*item_id = id;
		return 0;
	}
	if (found) {
		/* an empty field in this fetch keeps what an earlier one
		 * gave; read and flagged are not touched */
		st = store_prepare(
			s,
			"UPDATE items SET title = coalesce(?3, title), "
			"link = coalesce(?4, link), "
			"author = coalesce(?5, author), "
			"summary = coalesce(?6, summary), "
			"content = coalesce(?7, content), "
			"published = CASE WHEN ?8 <> 0 THEN ?8 ELSE published END, "
			"updated = CASE WHEN ?9 <> 0 THEN ?9 ELSE updated END, "
			"last_seen = ?10, "
			"link_key = coalesce(?12, link_key), "
			"date = " DATE_SEEN_AGAIN " "
			"WHERE id = ?1",
			e);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, id);
	} else {
		st = store_prepare(
			s,
			"INSERT INTO items (source_id, key, title, link, "
			"author, summary, content, published, updated, "
			"first_seen, last_seen, date, link_key) VALUES (?2, "
			"?11, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, " DATE_NEW
			", ?12)",
			e);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 2, source_id);
		store_bind_text(st, 11, it->key);
	}
	store_bind_text(st, 3, it->title);
	store_bind_text(st, 4, it->link);
	store_bind_text(st, 5, it->author);
	if (it->ready) {
		/* an update's triggers index the summary */
		store_bind_ready(s, st, 6, it->summary, &it->ready->summary,
				 found);
		store_bind_ready(s, st, 7, it->content, &it->ready->content,
				 found);
	} else {
		store_bind_packed(s, st, 6, it->summary);
		store_bind_packed(s, st, 7, it->content);
	}
	sqlite3_bind_int64(st, 8, (sqlite3_int64)published);
	sqlite3_bind_int64(st, 9, (sqlite3_int64)updated);
	sqlite3_bind_int64(st, 10, (sqlite3_int64)now);
	key = store_link_key(it->link);
	store_bind_text(st, 12, key);
	rc = store_step_done(s, st, e, "saving an item");
	if (rc == 0 && !found) {
		id = sqlite3_last_insert_rowid(s->db);
		rc = index_new(s, source_id, id, it, e);
		if (rc == 0 && key)
			rc = apply_pending(s, id, key, e);
	}
	free(key);
	if (rc != 0)
		return -1;
	if (is_new)
		*is_new = !found;
	if (item_id)
		*item_id = id;
	return 0;
}

void
store_read_item(sqlite3_stmt *st, struct store_item *it)
{
	memset(it, 0, sizeof(*it));
	it->id = sqlite3_column_int64(st, 0);
	it->source_id = sqlite3_column_int64(st, 1);
	it->source = store_col_text(st, 2);
	it->key = store_col_text(st, 3);
	it->title = store_col_text(st, 4);
	it->link = store_col_text(st, 5);
	it->author = store_col_text(st, 6);
	it->published = (time_t)sqlite3_column_int64(st, 7);
	it->updated = (time_t)sqlite3_column_int64(st, 8);
	it->first_seen = (time_t)sqlite3_column_int64(st, 9);
	it->date = (time_t)sqlite3_column_int64(st, 10);
	it->read = sqlite3_column_int(st, 11);
	it->flagged = sqlite3_column_int(st, 12);
	it->has_article = sqlite3_column_int(st, 13);
	it->article_failed = sqlite3_column_int(st, 14);
}

int
store_item_get(struct store *s, long long id, struct store_item *out,
	       struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	st = store_prepare(s,
			   "SELECT " ITEM_COLS ", i.summary, i.content "
			   "FROM items i JOIN sources s ON s.id = i.source_id "
			   "WHERE i.id = ?1",
			   e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		store_read_item(st, out);
		out->summary = store_col_unpacked(st, ITEM_NCOLS);
		out->content = store_col_unpacked(st, ITEM_NCOLS + 1);
	} else if (rc != SQLITE_DONE) {
		store_fail(s, e, "reading an item");
	}
	store_done(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

void
store_item_clear(struct store_item *it)
{
	free(it->source);
	free(it->key);
	free(it->title);
	free(it->link);
	free(it->author);
	free(it->summary);
	free(it->content);
	memset(it, 0, sizeof(*it));
}

void
store_items_free(struct store_item *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_item_clear(&rows[i]);
	free(rows);
}

static int
set_flag(struct store *s, const char *sql, long long id, int v, int kind,
	 int *changed, struct err *e)
{
	sqlite3_stmt *st;
	int rc = -1;

	if (changed)
		*changed = 0;

	/* the change and its entry in the sync queue are one */
	if (store_exec(s, "SAVEPOINT item_state", e) != 0)
		return -1;
	st = store_prepare(s, sql, e);
	if (st) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int(st, 2, v ? 1 : 0);
		rc = store_step_done(s, st, e, "saving an item's state");
	}
	if (rc == 0 && sqlite3_changes(s->db) > 0) {
		if (changed)
			*changed = 1;
		rc = store_sync_note_item(s, id, kind, v, e);
	}
	return store_savepoint_end(s, "item_state", rc, e);
}

static const char set_read_sql[] =
	"UPDATE items SET read = ?2 WHERE id = ?1 AND read <> ?2";

/* Other items with one article's link marked along with it, at most: a
 * story carried by every source there is. */
#define TWINS_MAX 64

int
store_item_set_read(struct store *s, long long id, int read, struct err *e)
{
	long long twins[TWINS_MAX];
	sqlite3_stmt *st;
	size_t n = 0;
	int rc;

	if (store_exec(s, "SAVEPOINT item_read", e) != 0)
		return -1;
	rc = set_flag(s, set_read_sql, id, read, STORE_SYNC_READ, NULL, e);
	if (rc != 0)
		goto out;
	/* the same article in other sources: found by the key of its link
	 * (one source's items with one link are its feed's to tell apart) */
	st = store_prepare(s,
			   "SELECT t.id FROM items i JOIN items t ON "
			   "t.link_key = i.link_key WHERE i.id = ?1 AND "
			   "t.source_id <> i.source_id AND t.read <> ?2 "
			   "LIMIT ?3",
			   e);
	if (!st) {
		rc = -1;
		goto out;
	}
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, read ? 1 : 0);
	sqlite3_bind_int(st, 3, TWINS_MAX);
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		twins[n++] = sqlite3_column_int64(st, 0);
	}
	if (rc != SQLITE_DONE)
		store_fail(s, e, "finding one article");
	store_done(st);
	rc = rc == SQLITE_DONE ? 0 : -1;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = set_flag(s, set_read_sql, twins[i], read,
			      STORE_SYNC_READ, NULL, e);
out:
	return store_savepoint_end(s, "item_read", rc, e);
}

int
store_item_set_flagged(struct store *s, long long id, int flagged,
		       struct err *e)
{
	return set_flag(s,
			"UPDATE items SET flagged = ?2 WHERE id = ?1 AND "
			"flagged <> ?2",
			id, flagged, STORE_SYNC_FLAG, NULL, e);
}

int
store_source_mark_read(struct store *s, long long source_id, long *n,
		       struct err *e)
{
	sqlite3_stmt *st;

	if (source_id)
		st = store_prepare(s,
				   "UPDATE items SET read = 1 WHERE "
				   "source_id = ?1 AND read = 0",
				   e);
	else
		st = store_prepare(s, "UPDATE items SET read = 1 WHERE read = 0",
				   e);
	if (!st)
		return -1;
	if (source_id)
		sqlite3_bind_int64(st, 1, source_id);
	/* one mark-all-as-read for the sync server, not an edit per item */
	if (store_exec(s, "SAVEPOINT mark_read", e) != 0)
		return -1;
	if (store_step_done(s, st, e, "marking items read") != 0)
		return store_savepoint_end(s, "mark_read", -1, e);
	if (n)
		*n = (long)sqlite3_changes(s->db);
	return store_savepoint_end(
		s, "mark_read",
		sqlite3_changes(s->db) > 0
			? store_sync_note_mark_all(s, source_id, e)
			: 0,
		e);
}

int
store_source_mark_read_ids(struct store *s, long long source_id,
			   long long **ids, size_t *n, struct err *e)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	long changed = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	if (store_begin(s, e) < 0)
		return -1;
	/* ?1 = 0: every source */
	st = store_prepare(s,
			   "SELECT id FROM items WHERE read = 0 AND "
			   "(?1 = 0 OR source_id = ?1)",
			   e);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, source_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			*ids = xreallocarray(*ids, cap, sizeof(**ids));
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	store_done(st);
	if (rc != SQLITE_DONE) {
		store_fail(s, e, "listing unread items");
		goto fail;
	}
	if (store_source_mark_read(s, source_id, &changed, e) < 0 ||
	    store_commit(s, e) < 0)
		goto fail;
	return 0;
fail:
	store_rollback(s);
	free(*ids);
	*ids = NULL;
	*n = 0;
	return -1;
}

int
store_items_set_read(struct store *s, const long long *ids, size_t n, int read,
		     long *changed, struct err *e)
{
	long count = 0;

	if (changed)
		*changed = 0;
	if (store_begin(s, e) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int one;

		/* the queue's row is written too: count the items alone */
		if (set_flag(s, set_read_sql, ids[i], read, STORE_SYNC_READ,
			     &one, e) < 0) {
			store_rollback(s);
			return -1;
		}
		count += one;
	}
	if (store_commit(s, e) < 0) {
		store_rollback(s);
		return -1;
	}
	if (changed)
		*changed = count;
	return 0;
}

/* ---- pages of items */

/* Offsets past this read a list from its other end when that is nearer. */
#define DEEP_OFFSET 1000

/* The WHERE clause of a view, written so sqlite picks the matching index
 * (the partial indexes need the literal "read = 0" / "flagged = 1"). */
static void
where_clause(struct buf *b, const struct store_query *q)
{
	switch (q->view) {
	case STORE_VIEW_SOURCES:
		/* the ids as one bound text (",1,2,"), so that the SQL, and
		 * the cached statement, is the same for every tag */
		buf_puts(b, " WHERE i.source_id IN (SELECT id FROM sources "
			    "WHERE instr(?7, ',' || id || ','))");
		break;
	case STORE_VIEW_SOURCE:
		buf_puts(b, " WHERE i.source_id = ?1");
		break;
	case STORE_VIEW_UNREAD:
		buf_puts(b, " WHERE i.read = 0");
		break;
	case STORE_VIEW_FLAGGED:
		buf_puts(b, " WHERE i.flagged = 1");
		break;
	case STORE_VIEW_SINCE:
		buf_puts(b, " WHERE i.date >= ?2");
		break;
	case STORE_VIEW_ALL:
	default:
		buf_puts(b, " WHERE 1");
		break;
	}
	if (q->unread_only && q->view != STORE_VIEW_UNREAD)
		buf_puts(b, " AND i.read = 0");
}

static void
bind_query(sqlite3_stmt *st, const struct store_query *q)
{
	if (q->view == STORE_VIEW_SOURCE)
		sqlite3_bind_int64(st, 1, q->source_id);
	if (q->view == STORE_VIEW_SINCE)
		sqlite3_bind_int64(st, 2, (sqlite3_int64)q->since);
	if (q->view == STORE_VIEW_SOURCES) {
		struct buf ids;

		buf_init(&ids, 0);
		buf_putc(&ids, ',');
		for (size_t i = 0; i < q->nsource_ids && q->source_ids &&
				   i < STORE_QUERY_SOURCES_MAX;
		     i++)
			buf_printf(&ids, "%lld,", q->source_ids[i]);
		store_bind_text(st, 7, ids.data);
		buf_free(&ids);
	}
}

int
store_items_page(struct store *s, const struct store_query *q,
		 const struct store_cursor *after, long offset, size_t limit,
		 struct store_item **rows, size_t *n, struct err *e)
{
	struct buf sql;
	sqlite3_stmt *st;
	long total = 0;
	int rc, reverse = 0;

	*rows = NULL;
	*n = 0;
	if (limit > 1000)
		limit = 1000;
	if (limit == 0)
		return 0;
	/* deep in a long list, read it from its other end: OFFSET steps
	 * through every row it skips (the last page of a million items took
	 * seconds); counting is cheap beside that */
	if (!after && offset > DEEP_OFFSET) {
		if (store_items_count(s, q, &total, e) < 0)
			return -1;
		if (offset >= total)
			return 0;
		if (offset > total / 2) {
			long end = offset + (long)limit < total ?
					   offset + (long)limit :
					   total;

			reverse = 1;
			limit = (size_t)(end - offset);
			offset = total - end;
		}
	}
	buf_init(&sql, 0);
	buf_puts(&sql, "SELECT " ITEM_COLS
		       " FROM items i JOIN sources s ON s.id = i.source_id");
	where_clause(&sql, q);
	if (after)
		buf_puts(&sql, " AND (i.date, i.id) < (?3, ?4)");
	buf_puts(&sql, reverse ? " ORDER BY i.date ASC, i.id ASC"
			       : " ORDER BY i.date DESC, i.id DESC");
	buf_puts(&sql, " LIMIT ?5 OFFSET ?6");
	st = store_prepare(s, sql.data, e);
	buf_free(&sql);
	if (!st)
		return -1;
	bind_query(st, q);
	if (after) {
		sqlite3_bind_int64(st, 3, (sqlite3_int64)after->date);
		sqlite3_bind_int64(st, 4, after->id);
	}
	sqlite3_bind_int64(st, 5, (sqlite3_int64)limit);
	sqlite3_bind_int64(st, 6, after || offset < 0 ? 0 : offset);
	*rows = xcalloc(limit, sizeof(**rows));
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		store_read_item(st, &(*rows)[(*n)++]);
	}
	if (rc != SQLITE_DONE) {
		store_fail(s, e, "listing items");
		store_done(st);
		store_items_free(*rows, *n);
		*rows = NULL;
		*n = 0;
		return -1;
	}
	store_done(st);
	for (size_t i = 0; reverse && i < *n / 2; i++) {
		struct store_item t = (*rows)[i];

		(*rows)[i] = (*rows)[*n - 1 - i];
		(*rows)[*n - 1 - i] = t;
	}
	return 0;
}

int
store_items_count(struct store *s, const struct store_query *q, long *n,
		  struct err *e)
{
	struct buf sql;
	sqlite3_stmt *st;
	int rc;

	*n = 0;
	buf_init(&sql, 0);
	/* the per-source counts kept by triggers answer the common views
	 * without touching the items */
	if (q->view == STORE_VIEW_SOURCE)
		buf_printf(&sql, "SELECT %s FROM sources WHERE id = ?1",
			   q->unread_only ? "unread" : "total");
	else if (q->view == STORE_VIEW_UNREAD ||
		 (q->view == STORE_VIEW_ALL && q->unread_only))
		buf_puts(&sql, "SELECT coalesce(sum(unread), 0) FROM sources");
	else if (q->view == STORE_VIEW_ALL)
		buf_puts(&sql, "SELECT coalesce(sum(total), 0) FROM sources");
	else if (q->view == STORE_VIEW_SOURCES)
		buf_printf(&sql,
			   "SELECT coalesce(sum(%s), 0) FROM sources "
			   "WHERE instr(?7, ',' || id || ',')",
			   q->unread_only ? "unread" : "total");
	else {
		buf_puts(&sql, "SELECT count(*) FROM items i");
		where_clause(&sql, q);
	}
	st = store_prepare(s, sql.data, e);
	buf_free(&sql);
	if (!st)
		return -1;
	bind_query(st, q);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = (long)sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		store_fail(s, e, "counting items");
	store_done(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}
