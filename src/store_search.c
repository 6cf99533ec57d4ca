/* store_search.c: full-text search: the user's words to a safe FTS5 query, ranked hits. */
#include "config.h"

#include "store.h"
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/str.h"

/* Longest query text considered, and most words taken from it. */
#define QUERY_MAX 1024
#define QUERY_WORDS 32

/* 1 if the word has something the tokenizer indexes (a letter or digit,
 * or any non-ASCII character); a lone "-" or "*" would make an empty
 * phrase. */
static int
has_token(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)w[i];

		if (c >= 0x80 || (c >= '0' && c <= '9') ||
		    ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
			return 1;
	}
	return 0;
}

/* Append w[0..n) as an FTS5 string: quoted, inner quotes doubled. */
static void
put_quoted(struct buf *b, const char *w, size_t n)
{
	buf_putc(b, '"');
	for (size_t i = 0; i < n; i++) {
		if (w[i] == '"')
			buf_putc(b, '"');
		buf_putc(b, w[i]);
	}
	buf_putc(b, '"');
}

char *
store_fts_query(const char *text)
{
	struct buf pos, neg;
	const char *p = text, *end;
	size_t npos = 0, nneg = 0, words = 0;
	char *out = NULL;

	if (!text)
		return NULL;
	end = text + strnlen(text, QUERY_MAX);
	buf_init(&pos, 0);
	buf_init(&neg, 0);
	while (p < end && words < QUERY_WORDS) {
		const char *w;
		size_t n;
		int negate = 0, prefix = 0;

		while (p < end && str_isspace((unsigned char)*p))
			p++;
		if (p >= end)
			break;
		if (*p == '-' && p + 1 < end &&
		    !str_isspace((unsigned char)p[1])) {
			negate = 1;
			p++;
		}
		if (*p == '"') {
			/* a phrase, up to the closing quote or the end */
			w = ++p;
			while (p < end && *p != '"')
				p++;
			n = (size_t)(p - w);
			if (p < end)
				p++;
		} else {
			w = p;
			while (p < end && !str_isspace((unsigned char)*p))
				p++;
			n = (size_t)(p - w);
			if (n > 1 && w[n - 1] == '*') {
				prefix = 1;
				n--;
			}
		}
		if (!has_token(w, n))
			continue;
		words++;
		if (negate) {
			buf_puts(&neg, " NOT ");
			put_quoted(&neg, w, n);
			nneg++;
		} else {
			if (npos)
				buf_putc(&pos, ' ');
			put_quoted(&pos, w, n);
			if (prefix)
				buf_putc(&pos, '*');
			npos++;
		}
	}
	/* FTS5's NOT needs something to subtract from */
	if (npos) {
		struct buf q;

		buf_init(&q, 0);
		if (nneg)
			buf_printf(&q, "(%s)%s", pos.data, neg.data);
		else
			buf_puts(&q, pos.data);
		out = buf_steal(&q);
	}
	buf_free(&pos);
	buf_free(&neg);
	return out;
}

/* The snippet of one hit: a second, rowid-bound query, so snippet() runs
 * for the rows shown and not for every match. */
static char *
hit_snippet(struct store *s, const char *match, long long id, struct err *e)
{
	sqlite3_stmt *st;
	char *out = NULL;

	st = store_prepare(s,
			   "SELECT snippet(fts, -1, char(2), char(3), '...', "
			   "16) FROM fts WHERE fts MATCH ?1 AND rowid = ?2",
			   e);
	if (!st)
		return NULL;
	store_bind_text(st, 1, match);
	sqlite3_bind_int64(st, 2, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		out = store_col_text(st, 0);
	store_done(st);
	return out;
}

int
store_search(struct store *s, const struct store_search_query *q,
	     struct store_hit **hits, size_t *n, struct err *e)
{
	struct buf sql;
	sqlite3_stmt *st;
	char *match;
	size_t limit = q->limit, i;
	long long *ids = NULL;
	double *ranks = NULL;
	int rc, ret = -1;

	*hits = NULL;
	*n = 0;
	match = store_fts_query(q->text);
	if (!match || limit == 0) {
		free(match);
		return 0;
	}
	if (limit > 1000)
		limit = 1000;
	buf_init(&sql, 0);
	if (q->unread_only || q->source_id)
		buf_puts(&sql, "SELECT fts.rowid, fts.rank FROM fts JOIN items i "
			       "ON i.id = fts.rowid WHERE fts MATCH ?1");
	else
		buf_puts(&sql, "SELECT rowid, rank FROM fts WHERE fts MATCH ?1");
	if (q->unread_only)
		buf_puts(&sql, " AND i.read = 0");
	if (q->source_id)
		buf_puts(&sql, " AND i.source_id = ?2");
	buf_puts(&sql, " ORDER BY rank LIMIT ?3 OFFSET ?4");
	st = store_prepare(s, sql.data, e);
	buf_free(&sql);
	if (!st)
		goto out;
	store_bind_text(st, 1, match);
	if (q->source_id)
		sqlite3_bind_int64(st, 2, q->source_id);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)limit);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)q->offset);
	ids = xcalloc(limit, sizeof(*ids));
	ranks = xcalloc(limit, sizeof(*ranks));
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		ids[*n] = sqlite3_column_int64(st, 0);
		ranks[*n] = sqlite3_column_double(st, 1);
		(*n)++;
	}
	if (rc != SQLITE_DONE) {
		store_fail(s, e, "searching");
		store_done(st);
		*n = 0;
		goto out;
	}
	store_done(st);

	*hits = xcalloc(*n ? *n : 1, sizeof(**hits));
	st = store_prepare(s,
			   "SELECT " ITEM_COLS " FROM items i JOIN sources s "
			   "ON s.id = i.source_id WHERE i.id = ?1",
			   e);
	if (!st)
		goto fail;
	for (i = 0; i < *n; i++) {
		sqlite3_bind_int64(st, 1, ids[i]);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			store_read_item(st, &(*hits)[i].item);
		store_done(st);
		if (rc != SQLITE_ROW) {
			err_set(e, "cache %s: search index out of step with "
				   "item %lld",
				s->path, ids[i]);
			goto fail;
		}
		(*hits)[i].rank = ranks[i];
		(*hits)[i].snippet = hit_snippet(s, match, ids[i], e);
	}
	ret = 0;
	goto out;
fail:
	store_hits_free(*hits, *n);
	*hits = NULL;
	*n = 0;
out:
	free(ids);
	free(ranks);
	free(match);
	return ret;
}

void
store_hits_free(struct store_hit *hits, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		store_item_clear(&hits[i].item);
		free(hits[i].snippet);
	}
	free(hits);
}
