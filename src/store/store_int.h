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
	/* opened for reading only: why the file cannot be written (an
	 * errno: EROFS, EACCES), named in every write's error; else 0 */
	int readonly;
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

/* warta's PRAGMA application_id ("wrta"): its caches say whose they are
 * in the file's header, where `file` and sqlite3 show it. */
#define STORE_APP_ID 0x77727461

/* Whether the file s has open is warta's (store_file.c), before anything
 * is written to it: *ours is 1 for its application_id; 0 when it has none
 * and is empty (a new cache) or has warta's tables (a cache from before
 * the application_id); -1 with e filled for anything else: another
 * program's database, which must be left as it is. */
int store_file_identify(struct store *s, int version, int *ours, struct err *e);
/* Set warta's application_id in s's file; 0 or -1. */
/* What a file's first bytes say it is, read before sqlite opens it, so a
 * file that is no cache is never moved or changed: 0 when it may be opened
 * as a cache (absent, empty, or an SQLite file of warta's or of no stated
 * program), -1 with e set when it is not an SQLite database or is another
 * program's (its application_id says so). */
int store_file_check_header(const char *path, struct err *e);
int store_file_mark(struct store *s, struct err *e);
/* Why the existing cache at path cannot be written (EROFS, EACCES, from
 * the file or, as a WAL needs files beside it, from its directory), or
 * 0; *dir_ok says whether the directory is writable. */
int store_file_writable(const char *path, int *dir_ok);
/* Why a cache cannot be made at path, which is not there (errno of its
 * directory: EROFS, EACCES), or 0: sqlite's own errno after a failed
 * create is that of its last try, opening to read (ENOENT). */
int store_file_cannot_create(const char *path);
/* The read-only URI of path for sqlite3_open_v2(SQLITE_OPEN_URI),
 * immutable when nothing beside the file can be written; caller frees. */
char *store_file_uri(const char *path, int immutable);

/* The -wal and -shm files beside a cache, and whether they were there
 * before an open. */
struct store_leftovers {
	char *wal, *shm;
	int had_wal, had_shm;
};

/* Note which of path's -wal and -shm exist, before opening it. */
void store_file_note(const char *path, struct store_leftovers *l);
/* After an open (failed when failed is 1: then the -shm and an empty
 * -wal that the open made are removed), free what l holds. */
void store_file_clean(struct store_leftovers *l, int failed);

/* The columns store_read_item() reads, from "items i JOIN sources s". */
#define ITEM_COLS                                                              \
	"i.id, i.source_id, s.name, i.key, i.title, i.link, i.author, "        \
	"i.published, i.updated, i.first_seen, i.date, i.read, i.flagged, "    \
	"EXISTS (SELECT 1 FROM articles a WHERE a.item_id = i.id), "           \
	"EXISTS (SELECT 1 FROM article_failures f WHERE f.item_id = i.id)"
/* The one rule of an item's date (see struct store_item), as SQL over the
 * feed's published and updated, the article's date and the first sight:
 * every statement that dates an item writes it through this. */
#define DATE_RULE(published, updated, article, first_seen)                     \
	"CASE WHEN " published " <> 0 THEN " published " WHEN " updated        \
	" <> 0 THEN " updated " WHEN " article " <> 0 THEN " article           \
	" ELSE " first_seen " END"
/* A new item (store_item_upsert(): ?8 published, ?9 updated, ?10 now). */
#define DATE_NEW DATE_RULE("?8", "?9", "0", "?10")
/* An item seen again: an empty date of this fetch keeps the old one. */
#define DATE_SEEN_AGAIN                                                        \
	DATE_RULE("(CASE WHEN ?8 <> 0 THEN ?8 ELSE published END)",            \
		  "(CASE WHEN ?9 <> 0 THEN ?9 ELSE updated END)",              \
		  "article_date", "first_seen")
/* An item whose article came, dated ?2. */
#define DATE_ARTICLE DATE_RULE("published", "updated", "?2", "first_seen")

/* The number of columns of ITEM_COLS. */
#define ITEM_NCOLS 15
/* Fill it from a row of ITEM_COLS (summary and content left NULL). */
void store_read_item(sqlite3_stmt *st, struct store_item *it);

/* The key by which an item's link finds the same article in other
 * sources (url_key()), or NULL when it names none: no link, or the front
 * page of a site (feeds that link every item there are not one article).
 * Caller frees. */
char *store_link_key(const char *link);

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
/* Rename the synced source called name (in any case of letters), if
 * there is one, to a free "Name (2)": the name goes to a config's
 * source. 0 or -1. */
int store_sync_yield_name(struct store *s, const char *name, struct err *e);
/* Delete the synced source id with its items (their articles go by
 * trigger); 0 or -1 (store_sync.c). */
int store_sync_drop_source(struct store *s, long long id, struct err *e);
/* End the savepoint name: released when rc is 0, else rolled back and
 * released. Returns rc (or -1 when the release fails). */
int store_savepoint_end(struct store *s, const char *name, int rc,
			struct err *e);

#endif
