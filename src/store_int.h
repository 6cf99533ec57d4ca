/* store_int.h: what the store's source files share (never included outside store*.c). */
#ifndef WARTA_STORE_INT_H
#define WARTA_STORE_INT_H

#include <sqlite3.h>

#include "store.h"

/* Prepared statements are cached by their SQL text; a store uses a few
 * dozen distinct statements, so a short linear table is enough. */
#define STORE_STMT_MAX 64

struct store_stmt_slot {
	char *sql;
	sqlite3_stmt *st;
};

struct store {
	sqlite3 *db;
	char *path;
	char *notice;
	int in_tx;
	struct store_stmt_slot stmts[STORE_STMT_MAX];
	size_t nstmts;
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

#endif
