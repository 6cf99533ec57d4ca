/* store_search.c: full-text search: the user's words to a safe FTS5 query, ranked hits. */
#include "autoconfig.h"

#include "store/store.h"
#include "store/store_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/str.h"

/* Longest query text considered, and most words taken from it. */
#define QUERY_MAX 1024
#define QUERY_WORDS 32
/* Tokens of one phrase checked, and phrases checked per query. */
#define PHRASE_TOKENS 16
#define PHRASES_MAX 8
/* Matches of a phrase's words read, the newest of them, to find its hits
 * (checked best first). */
#define PHRASE_CANDIDATES 5000
/* Matches ranked: words in more articles than this are ranked among the
 * newest of them, so that a search costs about the same in a cache of any
 * size (each match ranked reads its row of field lengths). */
#define RANK_WINDOW 500
#define STR_(x) #x
#define STR(x) STR_(x)

/*
 * The index keeps which column each word is in but not its position
 * (detail=column: a quarter of the size). A phrase -- quoted words, or a
 * word the tokenizer splits, like "covid-19" -- is searched as all its
 * words, and warta_phrase() then keeps the rows where they follow each
 * other, reading the text as the index tokenized it.
 */

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

/* The next unit of the user's query from *p: a word, or a "phrase" up to
 * its closing quote (or the end); a leading - negates it, a trailing * on
 * a word makes it a prefix. 0 when only spaces are left. */
static int
next_unit(const char **pp, const char *end, const char **w, size_t *n,
	  int *negate, int *prefix)
{
	const char *p = *pp;

	*negate = *prefix = 0;
	while (p < end && str_isspace((unsigned char)*p))
		p++;
	if (p >= end)
		return 0;
	if (*p == '-' && p + 1 < end && !str_isspace((unsigned char)p[1])) {
		*negate = 1;
		p++;
	}
	if (*p == '"') {
		*w = ++p;
		while (p < end && *p != '"')
			p++;
		*n = (size_t)(p - *w);
		if (p < end)
			p++;
	} else {
		*w = p;
		while (p < end && !str_isspace((unsigned char)*p))
			p++;
		*n = (size_t)(p - *w);
		if (*n > 1 && (*w)[*n - 1] == '*') {
			*prefix = 1;
			(*n)--;
		}
	}
	*pp = p;
	return 1;
}

static uint64_t
tok_hash(const char *p, int n)
{
	uint64_t h = 1469598103934665603ull;

	for (int i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 1099511628211ull;
	}
	return h;
}

/* The FTS5 API of db, or NULL. */
static fts5_api *
fts5_of(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr",
				     NULL);
		sqlite3_step(st);
	}
	sqlite3_finalize(st);
	return api;
}

/* One phrase looked for in a column's tokens: the last nwant token hashes
 * seen, in a ring. */
struct scan {
	uint64_t want[PHRASE_TOKENS], ring[PHRASE_TOKENS];
	int nwant, seen, found;
};

static int
scan_token(void *ctx, int flags, const char *tok, int n, int start, int end)
{
	struct scan *sc = ctx;
	int i;

	(void)start;
	(void)end;
	if (flags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	sc->ring[sc->seen % sc->nwant] = tok_hash(tok, n);
	sc->seen++;
	if (sc->seen < sc->nwant)
		return SQLITE_OK;
	for (i = 0; i < sc->nwant; i++)
		if (sc->ring[(sc->seen - sc->nwant + i) % sc->nwant] !=
		    sc->want[i])
			break;
	if (i < sc->nwant)
		return SQLITE_OK;
	sc->found = 1;
	return SQLITE_DONE; /* stops the tokenizer */
}

/* warta_phrase(fts, PHRASES): 1 when each phrase (lines of tokens
 * separated by spaces) occurs whole in one column of the row. */
static void
fn_phrase(const Fts5ExtensionApi *api, Fts5Context *fts,
	  sqlite3_context *ctx, int nval, sqlite3_value **val)
{
	const char *p = nval > 0 ? (const char *)sqlite3_value_text(val[0])
				 : NULL;
	int all = 1;

	while (p && *p && all) {
		const char *eol = strchr(p, '\n'), *q = p;
		struct scan sc;

		if (!eol)
			eol = p + strlen(p);
		memset(&sc, 0, sizeof(sc));
		while (q < eol && sc.nwant < PHRASE_TOKENS) {
			const char *t = q;

			while (q < eol && *q != ' ')
				q++;
			if (q > t)
				sc.want[sc.nwant++] = tok_hash(t, (int)(q - t));
			if (q < eol)
				q++;
		}
		for (int c = 0; sc.nwant && !sc.found && c < api->xColumnCount(fts);
		     c++) {
			const char *z = NULL;
			int n = 0;

			if (api->xColumnText(fts, c, &z, &n) != SQLITE_OK || !z)
				continue;
			sc.seen = 0;
			api->xTokenize(fts, z, n, &sc, scan_token);
		}
		all = sc.found || !sc.nwant;
		p = *eol ? eol + 1 : eol;
	}
	sqlite3_result_int(ctx, all);
}

/* ln(x) for x > 0, without libm: x = m * 2^k with m in [0.5, 1), then
 * ln(m) = 2 atanh((m - 1) / (m + 1)) as a series. */
static double
ln(double x)
{
	double y, y2, term, sum = 0;
	int k = 0;

	while (x >= 1.0) {
		x /= 2;
		k++;
	}
	while (x < 0.5) {
		x *= 2;
		k--;
	}
	y = (x - 1) / (x + 1);
	y2 = y * y;
	term = y;
	for (int i = 1; i < 40; i += 2) {
		sum += term / i;
		term *= y2;
	}
	return 2 * sum + k * 0.69314718055994530942;
}

/* What warta_rank() computes once per query. */
struct rank_data {
	int nphrase, ncol;
	double *idf, *avglen;
};

static int
count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *ctx)
{
	(void)api;
	(void)fts;
	(*(sqlite3_int64 *)ctx)++;
	return SQLITE_OK;
}

static struct rank_data *
rank_data(const Fts5ExtensionApi *api, Fts5Context *fts)
{
	struct rank_data *d = api->xGetAuxdata(fts, 0);
	sqlite3_int64 nrow = 0;
	int np, nc;

	if (d)
		return d;
	np = api->xPhraseCount(fts);
	nc = api->xColumnCount(fts);
	d = sqlite3_malloc64(sizeof(*d) +
			     (size_t)(np + nc) * sizeof(double));
	if (!d)
		return NULL;
	d->nphrase = np;
	d->ncol = nc;
	d->idf = (double *)(d + 1);
	d->avglen = d->idf + np;
	if (api->xRowCount(fts, &nrow) != SQLITE_OK || nrow < 1)
		nrow = 1;
	for (int i = 0; i < np; i++) {
		sqlite3_int64 hits = 0;
		double idf;

		api->xQueryPhrase(fts, i, &hits, count_row);
		idf = ln(((double)(nrow - hits) + 0.5) / ((double)hits + 0.5));
		d->idf[i] = idf > 1e-6 ? idf : 1e-6;
	}
	for (int c = 0; c < nc; c++) {
		sqlite3_int64 total = 0;

		api->xColumnTotalSize(fts, c, &total);
		d->avglen[c] = (double)total / (double)nrow;
		if (d->avglen[c] < 1)
			d->avglen[c] = 1;
	}
	if (api->xSetAuxdata(fts, d, sqlite3_free) != SQLITE_OK)
		return NULL; /* freed by sqlite */
	return d;
}

/* warta_rank(fts): BM25 with a term counted once per column (the index
 * keeps no positions, and counting them would read every matching row):
 * title weighs 10, summary 3, article text 1; lower is better. */
static void
fn_rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
	int nval, sqlite3_value **val)
{
	static const double weight[] = {10.0, 3.0, 1.0};
	const double k1 = 1.2, b = 0.75;
	struct rank_data *d = rank_data(api, fts);
	double score = 0;

	(void)nval;
	(void)val;
	if (!d) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	for (int i = 0; i < d->nphrase; i++) {
		Fts5PhraseIter it;
		int col = -1;

		if (api->xPhraseFirstColumn(fts, i, &it, &col) != SQLITE_OK)
			continue;
		for (; col >= 0; api->xPhraseNextColumn(fts, &it, &col)) {
			int len = 0;
			double w = col < 3 ? weight[col] : 1.0, norm;

			if (col >= d->ncol)
				continue;
			api->xColumnSize(fts, col, &len);
			norm = (k1 + 1) /
			       (1 + k1 * (1 - b + b * len / d->avglen[col]));
			score += w * d->idf[i] * norm;
		}
	}
	sqlite3_result_double(ctx, -score);
}

int
store_register_search(sqlite3 *db)
{
	fts5_api *api = fts5_of(db);

	if (!api ||
	    api->xCreateFunction(api, "warta_rank", NULL, fn_rank, NULL) !=
		    SQLITE_OK)
		return -1;
	return api->xCreateFunction(api, "warta_phrase", NULL, fn_phrase,
				    NULL) == SQLITE_OK ?
		       0 :
		       -1;
}

/* The tokens of one unit of the user's query, as the index has them. */
struct toks {
	char *t[PHRASE_TOKENS];
	int n;
};

static int
collect_token(void *ctx, int flags, const char *tok, int n, int start,
	      int end)
{
	struct toks *tk = ctx;

	(void)start;
	(void)end;
	if (flags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	if (tk->n == PHRASE_TOKENS)
		return SQLITE_DONE;
	tk->t[tk->n++] = xstrndup(tok, (size_t)n);
	return SQLITE_OK;
}

/* The user's words as a MATCH of single quoted tokens (a phrase becomes
 * all its words) and, in *phrases (NULL when none), the phrases for
 * warta_phrase(). NULL when there is nothing to search or no tokenizer. */
static char *
match_query(sqlite3 *db, const char *text, char **phrases)
{
	static const char *const args[] = {"remove_diacritics", "2"};
	fts5_api *api = fts5_of(db);
	fts5_tokenizer tk;
	Fts5Tokenizer *inst = NULL;
	void *ud = NULL;
	struct buf pos, neg, ph;
	const char *p = text, *end;
	size_t npos = 0, words = 0, nph = 0;
	char *out = NULL;

	*phrases = NULL;
	if (!text || !api ||
	    api->xFindTokenizer(api, "unicode61", &ud, &tk) != SQLITE_OK ||
	    tk.xCreate(ud, (const char **)args, 2, &inst) != SQLITE_OK)
		return NULL;
	end = text + strnlen(text, QUERY_MAX);
	buf_init(&pos, 0);
	buf_init(&neg, 0);
	buf_init(&ph, 0);
	while (p < end && words < QUERY_WORDS) {
		struct toks t = {{0}, 0};
		const char *w;
		size_t n;
		int negate, prefix, nphrase;

		if (!next_unit(&p, end, &w, &n, &negate, &prefix))
			break;
		tk.xTokenize(inst, &t, FTS5_TOKENIZE_QUERY, w, (int)n,
			     collect_token);
		if (!t.n)
			continue;
		words++;
		if (negate) {
			/* excludes the rows with all its words */
			buf_puts(&neg, " NOT (");
			for (int i = 0; i < t.n; i++) {
				if (i)
					buf_putc(&neg, ' ');
				put_quoted(&neg, t.t[i], strlen(t.t[i]));
			}
			buf_putc(&neg, ')');
		} else {
			for (int i = 0; i < t.n; i++) {
				if (npos++)
					buf_putc(&pos, ' ');
				put_quoted(&pos, t.t[i], strlen(t.t[i]));
			}
			if (prefix)
				buf_putc(&pos, '*');
			/* a prefix's last token is not a whole word */
			nphrase = t.n - prefix;
			if (nphrase > 1 && nph < PHRASES_MAX) {
				for (int i = 0; i < nphrase; i++) {
					buf_puts(&ph, t.t[i]);
					buf_putc(&ph, i + 1 < nphrase ? ' ' : '\n');
				}
				nph++;
			}
		}
		for (int i = 0; i < t.n; i++)
			free(t.t[i]);
	}
	tk.xDelete(inst);
	if (npos) {
		struct buf q;

		buf_init(&q, 0);
		if (neg.len)
			buf_printf(&q, "(%s)%s", pos.data, neg.data);
		else
			buf_puts(&q, pos.data);
		out = buf_steal(&q);
		if (nph)
			*phrases = buf_steal(&ph);
	}
	buf_free(&pos);
	buf_free(&neg);
	buf_free(&ph);
	return out;
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
		int negate, prefix;

		if (!next_unit(&p, end, &w, &n, &negate, &prefix))
			break;
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

/* 1 when row id has every phrase, 0 when not, -1 on error. */
static int
has_phrases(struct store *s, const char *match, const char *phrases,
	    long long id, struct err *e)
{
	sqlite3_stmt *st;
	int rc, has = 0;

	st = store_prepare(s,
			   "SELECT warta_phrase(fts, ?3) FROM fts WHERE fts "
			   "MATCH ?1 AND rowid = ?2",
			   e);
	if (!st)
		return -1;
	store_bind_text(st, 1, match);
	sqlite3_bind_int64(st, 2, id);
	store_bind_text(st, 3, phrases);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		has = sqlite3_column_int(st, 0);
	else if (rc != SQLITE_DONE)
		store_fail(s, e, "checking a phrase");
	store_done(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? has : -1;
}

int
store_search(struct store *s, const struct store_search_query *q,
	     struct store_hit **hits, size_t *n, struct err *e)
{
	struct buf sql;
	sqlite3_stmt *st;
	char *match, *phrases = NULL;
	size_t limit = q->limit, i, examined = 0, skipped = 0;
	long long *ids = NULL;
	double *ranks = NULL;
	int rc, ret = -1;

	*hits = NULL;
	*n = 0;
	match = match_query(s->db, q->text, &phrases);
	if (!match || limit == 0) {
		free(match);
		free(phrases);
		return 0;
	}
	if (limit > 1000)
		limit = 1000;
	buf_init(&sql, 0);
	/* the newest RANK_WINDOW matches (the index's rowids are the items'
	 * ids, which grow as items arrive), then those in rank order */
	if (q->unread_only || q->source_id)
		buf_puts(&sql, "SELECT id, r FROM (SELECT fts.rowid AS id, "
			       "warta_rank(fts) AS r FROM fts JOIN items i "
			       "ON i.id = fts.rowid WHERE fts MATCH ?1");
	else
		buf_puts(&sql, "SELECT id, r FROM (SELECT rowid AS id, "
			       "warta_rank(fts) AS r FROM fts "
			       "WHERE fts MATCH ?1");
	if (q->unread_only)
		buf_puts(&sql, " AND i.read = 0");
	if (q->source_id)
		buf_puts(&sql, " AND i.source_id = ?2");
	buf_puts(&sql, phrases ? " ORDER BY fts.rowid DESC LIMIT "
				 STR(PHRASE_CANDIDATES) ")"
			       : " ORDER BY fts.rowid DESC LIMIT "
				 STR(RANK_WINDOW) ")");
	/* with phrases, the rows are checked one by one in rank order until
	 * enough pass: a filter in the query would check every match */
	buf_puts(&sql, phrases ? " ORDER BY r"
			       : " ORDER BY r LIMIT ?3 OFFSET ?4");
	st = store_prepare(s, sql.data, e);
	buf_free(&sql);
	if (!st)
		goto out;
	store_bind_text(st, 1, match);
	if (q->source_id)
		sqlite3_bind_int64(st, 2, q->source_id);
	if (!phrases) {
		sqlite3_bind_int64(st, 3, (sqlite3_int64)limit);
		sqlite3_bind_int64(st, 4, (sqlite3_int64)q->offset);
	}
	ids = xcalloc(limit, sizeof(*ids));
	ranks = xcalloc(limit, sizeof(*ranks));
	for (;;) {
		long long id;
		int has;

		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		id = sqlite3_column_int64(st, 0);
		if (phrases) {
			if (examined++ == PHRASE_CANDIDATES) {
				rc = SQLITE_DONE;
				break;
			}
			has = has_phrases(s, match, phrases, id, e);
			if (has < 0) {
				rc = SQLITE_ERROR;
				break;
			}
			if (!has || skipped++ < q->offset)
				continue;
		}
		ids[*n] = id;
		ranks[*n] = sqlite3_column_double(st, 1);
		if (++*n == limit) {
			rc = SQLITE_DONE;
			break;
		}
	}
	if (rc == SQLITE_ERROR) {
		store_done(st);
		*n = 0;
		goto out;
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
	free(phrases);
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
