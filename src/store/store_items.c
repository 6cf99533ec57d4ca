/* store_items.c: items (upsert, read and flagged state, pages of rows) and articles. */
#include "autoconfig.h"

#include "store/store.h"
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "util/buf.h"
#include "util/str.h"

/* ---- items */

/* Imported read state waiting for this URL goes onto the new item. */
static int
apply_pending(struct store *s, long long id, const char *link, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	/* looked up first: the UPDATE (it has a trigger) would open a
	 * statement savepoint for every new item, see index_new() */
	st = store_prepare(s, "SELECT 1 FROM state_pending WHERE url = ?1", e);
	if (!st)
		return -1;
	store_bind_text(st, 1, link);
	rc = sqlite3_step(st);
	store_done(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return store_fail(s, e, "looking up imported state");
	st = store_prepare(s,
			   "UPDATE items SET read = max(items.read, p.read), "
			   "flagged = max(items.flagged, p.flagged) FROM "
			   "state_pending p WHERE p.url = ?2 AND items.id = ?1",
			   e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, link);
	if (store_step_done(s, st, e, "applying imported state") != 0)
		return -1;
	if (sqlite3_changes(s->db) == 0)
		return 0;
	st = store_prepare(s, "DELETE FROM state_pending WHERE url = ?1", e);
	if (!st)
		return -1;
	store_bind_text(st, 1, link);
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
 * content, published, updated) already holds what the update would write:
 * a feed answering 200 with the same items repacked every summary. */
static int
unchanged(sqlite3_stmt *st, const struct store_item_in *it)
{
	const char *v[] = {it->title, it->link, it->author, it->summary,
			   it->content};

	/* an empty field keeps the old value, see the UPDATE below */
	for (int i = 0; i < 5; i++)
		if (v[i] && !store_col_same(st, i + 1, v[i]))
			return 0;
	if (it->published &&
	    (sqlite3_int64)it->published != sqlite3_column_int64(st, 6))
		return 0;
	if (it->updated &&
	    (sqlite3_int64)it->updated != sqlite3_column_int64(st, 7))
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
		same = unchanged(st, it);
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
			"date = CASE WHEN ?8 <> 0 THEN ?8 "
			" WHEN published <> 0 THEN published "
			" WHEN ?9 <> 0 THEN ?9 "
			" WHEN updated <> 0 THEN updated ELSE first_seen END "
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
			"first_seen, last_seen, date) VALUES (?2, ?11, ?3, ?4, "
			"?5, ?6, ?7, ?8, ?9, ?10, ?10, CASE WHEN ?8 <> 0 THEN "
			"?8 WHEN ?9 <> 0 THEN ?9 ELSE ?10 END)",
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
	sqlite3_bind_int64(st, 8, (sqlite3_int64)it->published);
	sqlite3_bind_int64(st, 9, (sqlite3_int64)it->updated);
	sqlite3_bind_int64(st, 10, (sqlite3_int64)now);
	if (store_step_done(s, st, e, "saving an item") != 0)
		return -1;
	if (!found) {
		id = sqlite3_last_insert_rowid(s->db);
		if (index_new(s, source_id, id, it, e) != 0)
			return -1;
		if (it->link && apply_pending(s, id, it->link, e) != 0)
			return -1;
	}
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
		out->summary = store_col_unpacked(st, 14);
		out->content = store_col_unpacked(st, 15);
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
	 struct err *e)
{
	sqlite3_stmt *st;
	int rc = -1;

	/* the change and its entry in the sync queue are one */
	if (store_exec(s, "SAVEPOINT item_state", e) != 0)
		return -1;
	st = store_prepare(s, sql, e);
	if (st) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int(st, 2, v ? 1 : 0);
		rc = store_step_done(s, st, e, "saving an item's state");
	}
	if (rc == 0 && sqlite3_changes(s->db) > 0)
		rc = store_sync_note_item(s, id, kind, v, e);
	return store_savepoint_end(s, "item_state", rc, e);
}

int
store_item_set_read(struct store *s, long long id, int read, struct err *e)
{
	return set_flag(s,
			"UPDATE items SET read = ?2 WHERE id = ?1 AND "
			"read <> ?2",
			id, read, STORE_SYNC_READ, e);
}

int
store_item_set_flagged(struct store *s, long long id, int flagged,
		       struct err *e)
{
	return set_flag(s,
			"UPDATE items SET flagged = ?2 WHERE id = ?1 AND "
			"flagged <> ?2",
			id, flagged, STORE_SYNC_FLAG, e);
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

/* ---- pages of items */

/* Offsets past this read a list from its other end when that is nearer. */
#define DEEP_OFFSET 1000

/* The WHERE clause of a view, written so sqlite picks the matching index
 * (the partial indexes need the literal "read = 0" / "flagged = 1"). */
static void
where_clause(struct buf *b, const struct store_query *q)
{
	switch (q->view) {
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

/* ---- articles */

/* Bind the doc of a at column blob_col, packed when that saves space, and
 * its unpacked size (0 when stored as is) at size_col. Returns the packed
 * copy the binding points into (caller frees after the step). */
static unsigned char *
bind_doc(sqlite3_stmt *st, int blob_col, int size_col,
	 const struct store_article_in *a)
{
	uLongf zlen = compressBound((uLong)a->doc_len);
	unsigned char *z = xmalloc(zlen);

	if (a->doc_len >= 160 &&
	    compress2(z, &zlen, (const Bytef *)a->doc, (uLong)a->doc_len, 6) ==
		    Z_OK &&
	    zlen < a->doc_len) {
		sqlite3_bind_blob(st, blob_col, z, (int)zlen, SQLITE_STATIC);
		sqlite3_bind_int64(st, size_col, (sqlite3_int64)a->doc_len);
	} else {
		sqlite3_bind_blob(st, blob_col, a->doc ? a->doc : "",
				  (int)a->doc_len, SQLITE_STATIC);
		sqlite3_bind_int64(st, size_col, 0);
	}
	return z;
}

int
store_article_put(struct store *s, long long item_id,
		  const struct store_article_in *a, struct err *e)
{
	sqlite3_stmt *st;
	unsigned char *z = NULL;
	uLongf zlen = 0;
	int rc = -1;

	if (a->doc_len > 0x7fffffff)
		return err_set(e, "cache %s: article too large", s->path);
	st = store_prepare(
		s,
		"INSERT INTO articles (item_id, doc, text, comments, "
		"pages_merged, extractor, fetched, url, charset, doc_size) "
		"SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10 "
		"WHERE EXISTS (SELECT 1 FROM items WHERE id = ?1) "
		"ON CONFLICT (item_id) DO "
		"UPDATE SET doc = excluded.doc, text = excluded.text, "
		"comments = excluded.comments, "
		"pages_merged = excluded.pages_merged, "
		"extractor = excluded.extractor, fetched = excluded.fetched, "
		"url = excluded.url, charset = excluded.charset, "
		"doc_size = excluded.doc_size",
		e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	z = bind_doc(st, 2, 10, a);
	store_bind_packed(s, st, 3, a->text);
	sqlite3_bind_int64(st, 4, a->comments);
	sqlite3_bind_int(st, 5, a->pages_merged ? 1 : 0);
	sqlite3_bind_int(st, 6, a->extractor_version);
	sqlite3_bind_int64(st, 7, (sqlite3_int64)a->fetched);
	store_bind_text(st, 8, a->url);
	store_bind_text(st, 9, a->charset);
	rc = store_step_done(s, st, e, "saving an article");
	free(z);
	z = NULL;
	if (rc != 0)
		return -1;
	/* the item went meanwhile (retention, a purge elsewhere) */
	if (sqlite3_changes(s->db) == 0)
		return 0;
	rc = -1;

	if (!a->raw || a->raw_len == 0 || a->raw_len > STORE_RAW_MAX) {
		st = store_prepare(s, "DELETE FROM pages WHERE item_id = ?1", e);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, item_id);
		return store_step_done(s, st, e, "dropping a page");
	}
	zlen = compressBound((uLong)a->raw_len);
	z = xmalloc(zlen);
	if (compress2(z, &zlen, (const Bytef *)a->raw, (uLong)a->raw_len, 6) !=
	    Z_OK) {
		err_set(e, "cache %s: compressing a page failed", s->path);
		goto out;
	}
	st = store_prepare(s,
			   "INSERT OR REPLACE INTO pages (item_id, size, data) "
			   "VALUES (?1, ?2, ?3)",
			   e);
	if (!st)
		goto out;
	sqlite3_bind_int64(st, 1, item_id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)a->raw_len);
	sqlite3_bind_blob(st, 3, z, (int)zlen, SQLITE_STATIC);
	rc = store_step_done(s, st, e, "saving a page");
out:
	free(z);
	return rc;
}

int
store_article_get(struct store *s, long long item_id,
		  struct store_article *out, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	st = store_prepare(s,
			   "SELECT a.doc, a.text, a.comments, a.pages_merged, "
			   "a.extractor, a.fetched, a.charset, a.url, "
			   "coalesce(p.size, 0), a.doc_size FROM articles a "
			   "LEFT JOIN pages p ON p.item_id = a.item_id "
			   "WHERE a.item_id = ?1",
			   e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		size_t len = (size_t)sqlite3_column_bytes(st, 0);
		const void *p = sqlite3_column_blob(st, 0);
		sqlite3_int64 size = sqlite3_column_int64(st, 9);

		if (size > 0) {
			uLongf got = (uLongf)size;

			if ((sqlite3_uint64)size > STORE_RAW_MAX * 4u) {
				rc = SQLITE_CORRUPT;
				goto bad;
			}
			out->doc = xmalloc((size_t)size + 1);
			if (uncompress((Bytef *)out->doc, &got, p, (uLong)len) !=
				    Z_OK ||
			    got != (uLongf)size) {
				rc = SQLITE_CORRUPT;
				goto bad;
			}
			len = (size_t)size;
		} else {
			out->doc = xmalloc(len + 1);
			if (len)
				memcpy(out->doc, p, len);
		}
		out->doc[len] = '\0';
		out->doc_len = len;
		out->text = store_col_unpacked(st, 1);
		out->comments = (long)sqlite3_column_int64(st, 2);
		out->pages_merged = sqlite3_column_int(st, 3);
		out->extractor_version = sqlite3_column_int(st, 4);
		out->fetched = (time_t)sqlite3_column_int64(st, 5);
		out->charset = store_col_text(st, 6);
		out->url = store_col_text(st, 7);
		out->raw_len = (size_t)sqlite3_column_int64(st, 8);
	} else if (rc != SQLITE_DONE) {
		store_fail(s, e, "reading an article");
	}
	store_done(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
bad:
	store_done(st);
	store_article_clear(out);
	return err_set(e, "cache %s: the article of item %lld does not unpack",
		       s->path, item_id);
}

void
store_article_clear(struct store_article *a)
{
	free(a->doc);
	free(a->text);
	free(a->charset);
	free(a->url);
	memset(a, 0, sizeof(*a));
}

int
store_article_raw(struct store *s, long long item_id, char **raw,
		  size_t *len, struct err *e)
{
	sqlite3_stmt *st;
	sqlite3_int64 size;
	uLongf outlen;
	char *out = NULL;
	int rc, ret = -1;

	*raw = NULL;
	*len = 0;
	st = store_prepare(s, "SELECT size, data FROM pages WHERE item_id = ?1",
			   e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		ret = 0;
		goto out;
	}
	if (rc != SQLITE_ROW) {
		store_fail(s, e, "reading a page");
		goto out;
	}
	size = sqlite3_column_int64(st, 0);
	/* the recorded size bounds the allocation: never trust it further
	 * than the cap pages are stored under */
	if (size <= 0 || (sqlite3_uint64)size > STORE_RAW_MAX) {
		err_set(e, "cache %s: page of item %lld has a bad size %lld",
			s->path, item_id, (long long)size);
		goto out;
	}
	out = xmalloc((size_t)size + 1);
	outlen = (uLongf)size;
	if (uncompress((Bytef *)out, &outlen,
		       (const Bytef *)sqlite3_column_blob(st, 1),
		       (uLong)sqlite3_column_bytes(st, 1)) != Z_OK ||
	    outlen != (uLongf)size) {
		err_set(e, "cache %s: page of item %lld does not decompress",
			s->path, item_id);
		free(out);
		out = NULL;
		goto out;
	}
	out[size] = '\0';
	*raw = out;
	*len = (size_t)size;
	ret = 1;
out:
	store_done(st);
	return ret;
}

int
store_articles_stale(struct store *s, int version, long long after_id,
		     long long *ids, size_t max, size_t *n, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	*n = 0;
	st = store_prepare(s,
			   "SELECT a.item_id FROM articles a JOIN pages p ON "
			   "p.item_id = a.item_id WHERE a.extractor < ?1 AND "
			   "a.item_id > ?2 ORDER BY a.item_id LIMIT ?3",
			   e);
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, version);
	sqlite3_bind_int64(st, 2, after_id);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)max);
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		ids[(*n)++] = sqlite3_column_int64(st, 0);
	}
	if (rc != SQLITE_DONE)
		store_fail(s, e, "listing stale articles");
	store_done(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
store_articles_list(struct store *s, const struct store_article_filter *f,
		    long long after_id, long long *ids, size_t max, size_t *n,
		    struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	*n = 0;
	/* by item id through the articles' own key: each batch is one range
	 * scan, whatever the filter */
	st = store_prepare(s,
			   "SELECT a.item_id FROM articles a JOIN items i ON "
			   "i.id = a.item_id WHERE a.item_id > ?1 AND "
			   "(?2 = 0 OR i.source_id = ?2) AND "
			   "(?3 = 0 OR a.extractor < ?3) "
			   "ORDER BY a.item_id LIMIT ?4",
			   e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, after_id);
	sqlite3_bind_int64(st, 2, f ? f->source_id : 0);
	sqlite3_bind_int(st, 3, f ? f->older_than : 0);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)max);
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		ids[(*n)++] = sqlite3_column_int64(st, 0);
	}
	if (rc != SQLITE_DONE)
		store_fail(s, e, "listing articles");
	store_done(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
store_article_update(struct store *s, long long item_id,
		     const struct store_article_in *a, struct err *e)
{
	sqlite3_stmt *st;
	unsigned char *z;
	int rc;

	if (a->doc_len > 0x7fffffff)
		return err_set(e, "cache %s: article too large", s->path);
	st = store_prepare(s,
			   "UPDATE articles SET doc = ?2, doc_size = ?3, "
			   "text = ?4, comments = ?5, extractor = ?6 "
			   "WHERE item_id = ?1",
			   e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	z = bind_doc(st, 2, 3, a);
	store_bind_packed(s, st, 4, a->text);
	sqlite3_bind_int64(st, 5, a->comments);
	sqlite3_bind_int(st, 6, a->extractor_version);
	rc = store_step_done(s, st, e, "updating an article");
	free(z);
	if (rc != 0)
		return -1;
	return sqlite3_changes(s->db) > 0 ? 1 : 0;
}

int
store_items_without_article(struct store *s, long long source_id,
			    long long *ids, char **links, size_t max,
			    size_t *n, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	*n = 0;
	if (max > 1000)
		max = 1000;
	/* the newest first through items_source_date; with retention the
	 * walk stays within max-items rows */
	st = store_prepare(s,
			   "SELECT i.id, i.link FROM items i WHERE "
			   "i.source_id = ?1 AND i.article_tries < ?2 AND "
			   "NOT EXISTS (SELECT 1 FROM articles a WHERE "
			   "a.item_id = i.id) ORDER BY i.date DESC, i.id DESC "
			   "LIMIT ?3",
			   e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, source_id);
	sqlite3_bind_int(st, 2, STORE_ARTICLE_TRIES);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)max);
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		ids[*n] = sqlite3_column_int64(st, 0);
		links[*n] = store_col_text(st, 1);
		(*n)++;
	}
	if (rc != SQLITE_DONE) {
		store_fail(s, e, "listing items without an article");
		for (size_t i = 0; i < *n; i++) {
			free(links[i]);
			links[i] = NULL;
		}
		*n = 0;
	}
	store_done(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
store_article_failed(struct store *s, long long id, int final,
		     struct err *e)
{
	sqlite3_stmt *st = store_prepare(
		s,
		"UPDATE items SET article_tries = "
		"CASE WHEN ?2 THEN max(article_tries, ?3) "
		"ELSE article_tries + 1 END WHERE id = ?1",
		e);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, final ? 1 : 0);
	sqlite3_bind_int(st, 3, STORE_ARTICLE_TRIES);
	return store_step_done(s, st, e, "counting a failed article");
}
