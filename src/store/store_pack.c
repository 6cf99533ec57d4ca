/* store_pack.c: long text kept zlib-compressed in the cache, and the SQL functions that read it back. */
#include "autoconfig.h"

#include "store/store.h"
#include "store/store_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "util/str.h"

/*
 * A text column holds either TEXT (short, or from an older cache) or a BLOB:
 * 4 bytes of original length (big-endian) and a zlib stream. Text columns
 * never hold any other blob, so the type tells which.
 */
#define PACK_MIN 160
/* Unpacked values are never larger than this (a bound on a damaged header). */
#define PACK_MAX (64u * 1024 * 1024)
/* deflate's memLevel for packing (see pack()) */
#define PACK_MEM_LEVEL 5

void
store_memo_clear(struct store *s)
{
	for (size_t i = 0; i < STORE_MEMO_MAX; i++) {
		free(s->memo[i].z);
		free(s->memo[i].text);
		memset(&s->memo[i], 0, sizeof(s->memo[i]));
	}
}

void
store_pack_end(struct store *s)
{
	store_memo_clear(s);
	if (s->zs) {
		deflateEnd(s->zs);
		free(s->zs);
		s->zs = NULL;
	}
}

/* Deflate text into z (room for compressBound(len)), *zlen set; 0 or -1.
 * One stream is kept in *zsp and reset: setting one up for each value (its
 * window and hash tables, about 270 KiB) cost more than compressing a
 * summary of a few KiB. */
static int
pack_with(struct z_stream_s **zsp, const char *text, size_t len,
	  unsigned char *z, size_t *zlen)
{
	z_stream *zs = *zsp;

	if (!zs) {
		zs = xcalloc(1, sizeof(*zs));
		/* the fastest level: text packs to about a third either
		 * way, and a refresh packs every new summary. memLevel 5:
		 * deflateReset() clears the hash table, 64 KiB at the
		 * default 8 and 8 KiB at 5, and that clearing was 15 % of
		 * a refresh; a few KiB of text pack 0.35 % larger for it */
		if (deflateInit2(zs, Z_BEST_SPEED, Z_DEFLATED, MAX_WBITS,
				 PACK_MEM_LEVEL, Z_DEFAULT_STRATEGY) != Z_OK) {
			free(zs);
			return -1;
		}
		*zsp = zs;
	} else if (deflateReset(zs) != Z_OK) {
		return -1;
	}
	zs->next_in = (Bytef *)(uintptr_t)text;
	zs->avail_in = (uInt)len;
	zs->next_out = z;
	zs->avail_out = (uInt)*zlen;
	if (deflate(zs, Z_FINISH) != Z_STREAM_END)
		return -1;
	*zlen = (size_t)zs->total_out;
	return 0;
}

/* Remember that blob z (taken) stands for text (copied). */
static void
memo_put(struct store *s, unsigned char *z, size_t zlen, const char *text,
	 size_t len)
{
	struct store_memo *m = &s->memo[s->memo_next];

	s->memo_next = (s->memo_next + 1) % STORE_MEMO_MAX;
	free(m->z);
	free(m->text);
	m->z = z;
	m->zlen = zlen;
	m->text = xstrndup(text, len);
	m->len = len;
}

/* The remembered text a packed blob stands for, or NULL. */
static const struct store_memo *
memo_get(const struct store *s, const void *p, size_t n)
{
	for (size_t i = 0; i < STORE_MEMO_MAX; i++) {
		const struct store_memo *m = &s->memo[i];

		if (m->z && m->zlen == n && !memcmp(m->z, p, n))
			return m;
	}
	return NULL;
}

/* text[0..len) packed as a column keeps it (a new blob, *n bytes), or NULL
 * when it stays TEXT (short, or packing would not save). */
static unsigned char *
pack_value(struct z_stream_s **zsp, const char *text, size_t len, size_t *n)
{
	size_t zlen;
	unsigned char *z;

	if (len < PACK_MIN || len > PACK_MAX)
		return NULL;
	zlen = compressBound((uLong)len);
	z = xmalloc(zlen + 4);
	if (pack_with(zsp, text, len, z + 4, &zlen) != 0 || zlen + 4 >= len) {
		free(z);
		return NULL;
	}
	z[0] = (unsigned char)(len >> 24);
	z[1] = (unsigned char)(len >> 16);
	z[2] = (unsigned char)(len >> 8);
	z[3] = (unsigned char)len;
	*n = zlen + 4;
	/* kept a while (made ready in another thread): no slack */
	return xrealloc(z, *n);
}

int
store_bind_packed(struct store *s, sqlite3_stmt *st, int i, const char *text)
{
	size_t len, n = 0;
	unsigned char *z;
	int rc;

	if (!text)
		return sqlite3_bind_null(st, i);
	len = strlen(text);
	z = pack_value(&s->zs, text, len, &n);
	if (!z)
		return sqlite3_bind_text(st, i, text, (int)len,
					 SQLITE_TRANSIENT);
	rc = sqlite3_bind_blob(st, i, z, (int)n, SQLITE_TRANSIENT);
	memo_put(s, z, n, text, len);
	return rc;
}

int
store_bind_ready(struct store *s, sqlite3_stmt *st, int i, const char *text,
		 const struct store_packed *p, int remember)
{
	unsigned char *copy;
	int rc;

	if (!text || !p->data)
		return store_bind_packed(s, st, i, text);
	rc = sqlite3_bind_blob(st, i, p->data, (int)p->len, SQLITE_TRANSIENT);
	if (!remember)
		return rc;
	/* remembered for the triggers of an update, as packing here is */
	copy = xmalloc(p->len);
	memcpy(copy, p->data, p->len);
	memo_put(s, copy, p->len, text, strlen(text));
	return rc;
}

/* ---- long text made ready away from the connection */

struct store_packer {
	struct z_stream_s *zs;
};

struct store_packer *
store_packer_new(void)
{
	return xcalloc(1, sizeof(struct store_packer));
}

void
store_packer_free(struct store_packer *p)
{
	if (!p)
		return;
	if (p->zs) {
		deflateEnd(p->zs);
		free(p->zs);
	}
	free(p);
}

void
store_item_ready_make(struct store_packer *p, const struct store_text *t,
		      const struct store_item_in *in,
		      struct store_item_ready *out)
{
	memset(out, 0, sizeof(*out));
	if (in->summary) {
		size_t len = strlen(in->summary);

		out->summary.data =
		    pack_value(&p->zs, in->summary, len, &out->summary.len);
		if (t && t->summary)
			out->words = t->summary(in->summary, len);
	}
	if (in->content)
		out->content.data =
		    pack_value(&p->zs, in->content, strlen(in->content),
			       &out->content.len);
}

void
store_item_ready_clear(struct store_item_ready *r)
{
	free(r->summary.data);
	free(r->content.data);
	free(r->words);
	memset(r, 0, sizeof(*r));
}

/* Unpack a value of n bytes into a new NUL-terminated string (*len set);
 * NULL when it does not unpack. */
static char *
unpack(const unsigned char *p, size_t n, size_t *len)
{
	uLongf want, got;
	char *out;

	if (n < 5)
		return NULL;
	want = ((uLongf)p[0] << 24) | ((uLongf)p[1] << 16) |
	       ((uLongf)p[2] << 8) | (uLongf)p[3];
	if (want == 0 || want > PACK_MAX)
		return NULL;
	out = xmalloc(want + 1);
	got = want;
	if (uncompress((Bytef *)out, &got, p + 4, (uLong)(n - 4)) != Z_OK ||
	    got != want) {
		free(out);
		return NULL;
	}
	out[want] = '\0';
	*len = want;
	return out;
}

char *
store_col_unpacked(sqlite3_stmt *st, int i)
{
	size_t len;
	char *s;

	if (sqlite3_column_type(st, i) != SQLITE_BLOB)
		return store_col_text(st, i);
	s = unpack(sqlite3_column_blob(st, i),
		   (size_t)sqlite3_column_bytes(st, i), &len);
	/* a damaged value reads as empty rather than failing the row */
	return s ? s : xstrdup("");
}

int
store_col_same(sqlite3_stmt *st, int i, const char *text)
{
	size_t len = strlen(text), got = 0;
	const unsigned char *p;
	size_t n;
	char *old;
	int same;

	if (sqlite3_column_type(st, i) != SQLITE_BLOB) {
		const char *t = (const char *)sqlite3_column_text(st, i);

		return t && (size_t)sqlite3_column_bytes(st, i) == len &&
		       !memcmp(t, text, len);
	}
	p = sqlite3_column_blob(st, i);
	n = (size_t)sqlite3_column_bytes(st, i);
	/* the length in the header settles most differences unpacked */
	if (n < 5 || (((size_t)p[0] << 24) | ((size_t)p[1] << 16) |
		      ((size_t)p[2] << 8) | (size_t)p[3]) != len)
		return 0;
	old = unpack(p, n, &got);
	same = old && got == len && !memcmp(old, text, len);
	free(old);
	return same;
}

/* warta_text(x): the text of a column value, unpacked when packed. */
static void
fn_text(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const struct store_memo *m;
	size_t len = 0;
	char *s;

	(void)argc;
	if (sqlite3_value_type(argv[0]) != SQLITE_BLOB) {
		sqlite3_result_value(ctx, argv[0]);
		return;
	}
	m = memo_get(sqlite3_user_data(ctx), sqlite3_value_blob(argv[0]),
		     (size_t)sqlite3_value_bytes(argv[0]));
	if (m) {
		sqlite3_result_text(ctx, m->text, (int)m->len,
				    SQLITE_TRANSIENT);
		return;
	}
	s = unpack(sqlite3_value_blob(argv[0]),
		   (size_t)sqlite3_value_bytes(argv[0]), &len);
	if (!s)
		sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
	else
		sqlite3_result_text(ctx, s, (int)len, free);
}

/* warta_index_text(x): the words of a summary for the index, as the
 * store's opener turns it into text (unpacked first). */
static void
fn_index_text(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const struct store *s = sqlite3_user_data(ctx);
	const char *p;
	char *unpacked = NULL, *text;
	size_t len = 0;

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	if (!s->text.summary) {
		sqlite3_result_error(ctx, "warta_index_text: no text function",
				     -1);
		return;
	}
	if (sqlite3_value_type(argv[0]) == SQLITE_BLOB) {
		const void *blob = sqlite3_value_blob(argv[0]);
		size_t n = (size_t)sqlite3_value_bytes(argv[0]);
		const struct store_memo *m = memo_get(s, blob, n);

		if (m) {
			p = m->text;
			len = m->len;
		} else {
			unpacked = unpack(blob, n, &len);
			p = unpacked ? unpacked : "";
		}
	} else {
		p = (const char *)sqlite3_value_text(argv[0]);
		len = (size_t)sqlite3_value_bytes(argv[0]);
		if (!p)
			p = "";
	}
	text = s->text.summary(p, len);
	sqlite3_result_text(ctx, text, -1, free);
	free(unpacked);
}

int
store_register_functions(struct store *s)
{
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

	if (sqlite3_create_function(s->db, "warta_text", 1, flags, s, fn_text,
				    NULL, NULL) != SQLITE_OK ||
	    store_register_search(s->db) != 0)
		return -1;
	return sqlite3_create_function(s->db, "warta_index_text", 1, flags, s,
				       fn_index_text, NULL, NULL) == SQLITE_OK ?
		       0 :
		       -1;
}
