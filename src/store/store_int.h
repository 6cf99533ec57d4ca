/* store_int.h: what the store's source files share (never included outside store*.c). */
#ifndef WARTA_STORE_INT_H
#define WARTA_STORE_INT_H

#include <sqlite3.h>

#include "store/store.h"

/* Prepared statements are cached by their SQL text; a store uses a few
 * dozen distinct statements, so a short linear table is enough. */
#define STORE_STMT_MAX 64

struct store_stmt_slot {
	char *sql;
	sqlite3_stmt *st;
};

/* A value store_bind_packed() packed lately, kept so that the search
 * index's triggers, which see the packed blob, need not unpack it again. */
struct store_memo {
	unsigned char *z;
	size_t zlen;
	char *text;
	size_t len;
};

#define STORE_MEMO_MAX 2

struct z_stream_s;

struct store {
	sqlite3 *db;
	char *path;
	char *notice;
	struct store_text text; /* how summaries are indexed */
	int in_tx;
	struct store_stmt_slot stmts[STORE_STMT_MAX];
	size_t nstmts;
	struct store_memo memo[STORE_MEMO_MAX];
	size_t memo_next;
	struct z_stream_s *zs; /* store_bind_packed()'s deflate state */
};

/* A cached prepared statement for sql, reset and with no bindings; NULL and e
 * filled (with sqlite's message) on failure. Call store_done() after use. */
sqlite3_stmt *store_prepare(struct store *s, const char *sql, struct err *e);
/* Reset st for its next use. */
void store_done(sqlite3_stmt *st);
/* Fill e with "what: sqlite's message" for the store's last error; -1. */
int store_fail(struct store *s, struct err *e, const char *what);
/* Run SQL without results (one or more statements); 0 or -1. */
int store_exec(struct store *s, const char *sql, struct err *e);
/* Step a statement expected to finish (INSERT/UPDATE/DELETE); 0 or -1. */
int store_step_done(struct store *s, sqlite3_stmt *st, struct err *e,
		    const char *what);

/* Bind a string or NULL (copied by sqlite). */
int store_bind_text(sqlite3_stmt *st, int i, const char *v);
/* A copy of a text column, NULL for SQL NULL; caller frees. */
char *store_col_text(sqlite3_stmt *st, int i);

/* Bind long text packed (zlib) when that saves space, else as TEXT; the
 * packed value is remembered (see struct store_memo). */
int store_bind_packed(struct store *s, sqlite3_stmt *st, int i,
		      const char *text);
/* Bind text as store_bind_packed() would, from its packed form p made
 * beforehand (store_item_ready_make()), when there is one; remembered (see
 * struct store_memo) when the statement has triggers that read it. */
int store_bind_ready(struct store *s, sqlite3_stmt *st, int i, const char *text,
		     const struct store_packed *p, int remember);
/* A column written by store_bind_packed() (or plain TEXT) as a new string,
 * NULL for SQL NULL; caller frees. */
char *store_col_unpacked(sqlite3_stmt *st, int i);
/* 1 when column i (plain TEXT or written by store_bind_packed()) holds
 * exactly text (not NULL), else 0. */
int store_col_same(sqlite3_stmt *st, int i, const char *text);
/* Bring s to STORE_SCHEMA_VERSION, step by step, in one write transaction
 * (store_schema.c). 0, or -1 with e filled. */
int store_schema_upgrade(struct store *s, struct err *e);
/* Rebuild the search index when it was built by another version of the
 * text function than s->text's, once, in one write transaction; 0 or -1. */
int store_schema_index_text(struct store *s, struct err *e);
/* Register warta_text() and warta_index_text() (s->text's summary() of
 * an unpacked value), which the schema uses, and the search's warta_rank()
 * and warta_phrase(), on s->db. */
int store_register_functions(struct store *s);
/* Register the FTS5 functions warta_rank() and warta_phrase() on db
 * (store_search.c). */
int store_register_search(sqlite3 *db);
/* Forget the remembered packed values. */
void store_memo_clear(struct store *s);
/* Free what store_bind_packed() keeps between calls (memo, deflate). */
void store_pack_end(struct store *s);

/* The columns store_read_item() reads, from "items i JOIN sources s". */
#define ITEM_COLS                                                              \
	"i.id, i.source_id, s.name, i.key, i.title, i.link, i.author, "        \
	"i.published, i.updated, i.first_seen, i.date, i.read, i.flagged, "    \
	"EXISTS (SELECT 1 FROM articles a WHERE a.item_id = i.id)"
/* Fill it from a row of ITEM_COLS (summary and content left NULL). */
void store_read_item(sqlite3_stmt *st, struct store_item *it);

/* Queue the change of item_id's read (kind STORE_SYNC_READ) or flagged
 * state to value when the item is one of the sync server's; call inside
 * the change's transaction or savepoint. */
int store_sync_note_item(struct store *s, long long item_id, int kind,
			 int value, struct err *e);
/* Queue one mark-all-as-read of source_id (0: every source) when it is
 * one of the server's (or, for 0, when any is), replacing the queued read
 * changes of its items. */
int store_sync_note_mark_all(struct store *s, long long source_id,
			     struct err *e);
/* End the savepoint name: released when rc is 0, else rolled back and
 * released. Returns rc (or -1 when the release fails). */
int store_savepoint_end(struct store *s, const char *name, int rc,
			struct err *e);

#endif
