/* store_articles.c: articles, their kept pages, and those that failed. */
#include "autoconfig.h"

#include "store/store.h"
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "util/str.h"

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

/* The article of item_id came (dated published, or 0): its failure is
 * forgotten, and its date dates the item when the feed gives none. */
static int
article_dated(struct store *s, long long item_id, time_t published,
	      struct err *e)
{
	sqlite3_stmt *st;

	st = store_prepare(s, "DELETE FROM article_failures WHERE item_id = ?1",
			   e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	if (store_step_done(s, st, e, "forgetting a failure") != 0)
		return -1;
	st = store_prepare(
	    s,
	    "UPDATE items SET article_date = ?2, date = " DATE_ARTICLE
	    " WHERE id = ?1 AND article_date <> ?2",
	    e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)published);
	return store_step_done(s, st, e, "dating an item");
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
	if (article_dated(s, item_id, a->published, e) != 0)
		return -1;
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
	if (sqlite3_changes(s->db) == 0)
		return 0;
	return article_dated(s, item_id, a->published, e) == 0 ? 1 : -1;
}

int
store_items_without_article(struct store *s, long long source_id, time_t now,
			    long long *ids, char **links, size_t max, size_t *n,
			    struct err *e)
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
			   "i.source_id = ?1 AND "
			   "NOT EXISTS (SELECT 1 FROM articles a WHERE "
			   "a.item_id = i.id) AND NOT EXISTS (SELECT 1 FROM "
			   "article_failures f WHERE f.item_id = i.id AND "
			   "(f.next_try = 0 OR f.next_try > ?2)) "
			   "ORDER BY i.date DESC, i.id DESC LIMIT ?3",
			   e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, source_id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)now);
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
store_article_failure_get(struct store *s, long long id,
			  struct store_article_failure *out, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	st = store_prepare(s,
			   "SELECT reason, status, error, tries, last_try, "
			   "next_try FROM article_failures WHERE item_id = ?1",
			   e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		int reason = sqlite3_column_int(st, 0);

		/* a reason this warta does not know (a newer one's) says no
		 * more than an unknown one */
		out->reason = reason > 0 && reason <= STORE_ARTICLE_OTHER
				  ? (enum store_article_reason)reason
				  : STORE_ARTICLE_UNKNOWN;
		out->status = (long)sqlite3_column_int64(st, 1);
		out->error = store_col_text(st, 2);
		out->tries = sqlite3_column_int(st, 3);
		out->last_try = (time_t)sqlite3_column_int64(st, 4);
		out->next_try = (time_t)sqlite3_column_int64(st, 5);
	} else if (rc != SQLITE_DONE) {
		store_fail(s, e, "reading a failure");
	}
	store_done(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

void
store_article_failure_clear(struct store_article_failure *f)
{
	free(f->error);
	memset(f, 0, sizeof(*f));
}

int
store_article_failure_put(struct store *s, long long id,
			  const struct store_article_failure *f, struct err *e)
{
	sqlite3_stmt *st = store_prepare(
	    s,
	    "INSERT OR REPLACE INTO article_failures (item_id, reason, "
	    "status, error, tries, last_try, next_try) SELECT ?1, ?2, ?3, "
	    "?4, ?5, ?6, ?7 WHERE EXISTS (SELECT 1 FROM items WHERE "
	    "id = ?1)",
	    e);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, (int)f->reason);
	sqlite3_bind_int64(st, 3, f->status);
	store_bind_text(st, 4, f->error);
	sqlite3_bind_int(st, 5, f->tries);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)f->last_try);
	sqlite3_bind_int64(st, 7, (sqlite3_int64)f->next_try);
	return store_step_done(s, st, e, "recording a failed article");
}
