/* store.c: opening the cache, shared helpers, transactions, sources. */
#include "autoconfig.h"

#include "store/store.h"
#include "store/store_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/str.h"

/* How long a writer waits for another process's transaction to end. */
#define STORE_BUSY_MS 5000
/* sqlite's page cache per connection, in KiB: keeps memory bounded. */
#define STORE_CACHE_KIB 8192

/* ---- helpers shared by store*.c */

int
store_fail(struct store *s, struct err *e, const char *what)
{
	int code = sqlite3_errcode(s->db) & 0xff;
	int sys = sqlite3_system_errno(s->db);

	/* opened for reading only: say why the file cannot be written */
	if (s->readonly && code == SQLITE_READONLY)
		return err_set(e, "cache %s: %s: %s (%s)", s->path, what,
			       sqlite3_errmsg(s->db), strerror(s->readonly));
	/* "disk I/O error" alone hides a full disk or a size limit */
	if ((code == SQLITE_IOERR || code == SQLITE_FULL ||
	     code == SQLITE_CANTOPEN) &&
	    sys != 0)
		return err_set(e, "cache %s: %s: %s (%s)", s->path, what,
			       sqlite3_errmsg(s->db), strerror(sys));
	if (code == SQLITE_FULL ||
	    sqlite3_extended_errcode(s->db) == SQLITE_IOERR_WRITE)
		return err_set(e, "cache %s: %s: %s (is the disk full?)",
			       s->path, what, sqlite3_errmsg(s->db));
	return err_set(e, "cache %s: %s: %s", s->path, what,
		       sqlite3_errmsg(s->db));
}

sqlite3_stmt *
store_prepare(struct store *s, const char *sql, struct err *e)
{
	sqlite3_stmt *st = NULL;
	size_t i;

	for (i = 0; i < s->nstmts; i++)
		if (!strcmp(s->stmts[i].sql, sql))
			return s->stmts[i].st;
	if (sqlite3_prepare_v3(s->db, sql, -1,
			       s->nstmts < STORE_STMT_MAX ?
				       SQLITE_PREPARE_PERSISTENT :
				       0,
			       &st, NULL) != SQLITE_OK) {
		store_fail(s, e, "preparing a statement");
		sqlite3_finalize(st);
		return NULL;
	}
	if (s->nstmts == STORE_STMT_MAX) {
		/* table full (a bug): evict the oldest */
		sqlite3_finalize(s->stmts[0].st);
		free(s->stmts[0].sql);
		memmove(s->stmts, s->stmts + 1,
			(STORE_STMT_MAX - 1) * sizeof(s->stmts[0]));
		s->nstmts--;
	}
	s->stmts[s->nstmts].sql = xstrdup(sql);
	s->stmts[s->nstmts].st = st;
	s->nstmts++;
	return st;
}

void
store_done(sqlite3_stmt *st)
{
	if (st) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	}
}

int
store_exec(struct store *s, const char *sql, struct err *e)
{
	char *msg = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		sqlite3_free(msg);
		return store_fail(s, e, "writing");
	}
	return 0;
}

int
store_step_done(struct store *s, sqlite3_stmt *st, struct err *e,
		const char *what)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_fail(s, e, what);
		store_done(st);
		return -1;
	}
	store_done(st);
	return 0;
}

int
store_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (!v)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

char *
store_col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	if (!t)
		return NULL;
	return xstrndup((const char *)t, (size_t)sqlite3_column_bytes(st, i));
}

/* ---- opening */

/* mkdir -p of the directory part of path (mode 0700: the cache is private). */
static int
make_parent_dirs(const char *path, struct err *e)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	int rc = 0;

	if (!slash || slash == dir)
		goto out;
	*slash = '\0';
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			rc = err_set(e, "creating %s: %s", dir,
				     strerror(errno));
			goto out;
		}
		*p = '/';
	}
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		rc = err_set(e, "creating %s: %s", dir, strerror(errno));
out:
	free(dir);
	return rc;
}

/* Rename a damaged cache (and its WAL) aside; the new name in *aside. */
static int
move_aside(const char *path, char **aside, struct err *e)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	char *to = NULL, *from_wal, *to_wal, *shm;
	struct stat sb;

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
	for (int n = 0; n < 100; n++) {
		free(to);
		to = n ? xasprintf("%s.corrupt-%s-%d", path, stamp, n) :
			 xasprintf("%s.corrupt-%s", path, stamp);
		if (lstat(to, &sb) != 0 && errno == ENOENT)
			break;
	}
	if (rename(path, to) != 0) {
		err_set(e, "cache %s is damaged and could not be moved aside "
			   "to %s: %s",
			path, to, strerror(errno));
		free(to);
		return -1;
	}
	/* the WAL belongs to the damaged file; it must not meet the new one */
	from_wal = xasprintf("%s-wal", path);
	to_wal = xasprintf("%s-wal", to);
	if (rename(from_wal, to_wal) != 0 && errno != ENOENT)
		unlink(from_wal);
	shm = xasprintf("%s-shm", path);
	unlink(shm);
	free(from_wal);
	free(to_wal);
	free(shm);
	*aside = to;
	return 0;
}

static int
is_damage(int rc)
{
	rc &= 0xff;
	return rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT;
}

/* Read user_version and touch the schema, so a damaged file shows itself.
 * Returns the sqlite result code. */
static int
probe(sqlite3 *db, int *version)
{
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
	if (rc != SQLITE_OK)
		goto out;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		goto out;
	*version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema", -1,
				&st, NULL);
	if (rc != SQLITE_OK)
		goto out;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		rc = SQLITE_OK;
out:
	sqlite3_finalize(st);
	return rc;
}

/* The connection to s->path: read-write (creating the file), or for
 * reading only when the file cannot be written (s->readonly, why). */
static int
connect_db(struct store *s)
{
	int dir_ok, rc;
	char *uri;

	s->readonly = store_file_writable(s->path, &dir_ok);
	if (!s->readonly)
		return sqlite3_open_v2(s->path, &s->db,
				       SQLITE_OPEN_READWRITE |
					   SQLITE_OPEN_CREATE |
					   SQLITE_OPEN_NOMUTEX,
				       NULL);
	uri = store_file_uri(s->path, !dir_ok);
	rc = sqlite3_open_v2(
	    uri, &s->db,
	    SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	free(uri);
	return rc;
}

/* Open the file and bring it to the current schema. 0, -1, or 1 when the
 * file is damaged (e filled, connection closed). Nothing is written to
 * a file that is not warta's, nor before it is known to be. */
static int
open_db(struct store *s, struct err *e)
{
	int version = 0, ours = 0, rc;
	char *pragmas;

	rc = connect_db(s);
	if (rc != SQLITE_OK) {
		int sys = store_file_cannot_create(s->path);

		if (!sys && s->db)
			sys = sqlite3_system_errno(s->db);
		/* "unable to open database file" alone hides the cause */
		err_set(e, "cache %s: %s%s%s%s", s->path,
			s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc),
			sys ? " (" : "", sys ? strerror(sys) : "",
			sys ? ")" : "");
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 1);
	/* the schema's view and triggers call these */
	if (store_register_functions(s) != 0) {
		store_fail(s, e, "registering functions");
		goto fail;
	}
	sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
	rc = probe(s->db, &version);
	if (is_damage(rc)) {
		err_set(e, "cache %s: %s", s->path, sqlite3_errstr(rc));
		sqlite3_close(s->db);
		s->db = NULL;
		return 1;
	}
	if (rc != SQLITE_OK) {
		store_fail(s, e, "reading");
		goto fail;
	}
	if (store_file_identify(s, version, &ours, e) != 0)
		goto fail;
	if (version > STORE_SCHEMA_VERSION) {
		err_set(e,
			"cache %s was written by a newer warta (schema version "
			"%d, this warta knows up to %d): upgrade warta or use "
			"another --cache",
			s->path, version, STORE_SCHEMA_VERSION);
		goto fail;
	}
	if (s->readonly) {
		if (version < STORE_SCHEMA_VERSION) {
			err_set(e,
				"cache %s needs an upgrade (schema version %d "
				"to %d) and cannot be written: %s",
				s->path, version, STORE_SCHEMA_VERSION,
				strerror(s->readonly));
			goto fail;
		}
		/* read as it is: no WAL switch, no index rebuild */
		pragmas = xasprintf("PRAGMA foreign_keys = ON;"
				    "PRAGMA cache_size = -%d;"
				    "PRAGMA temp_store = MEMORY;",
				    STORE_CACHE_KIB);
		rc = store_exec(s, pragmas, e);
		free(pragmas);
		if (rc != 0)
			goto fail;
		return 0;
	}
	/* a new cache: rows of packed summaries fill 8 KiB pages better
	 * than 4 KiB ones (only possible before the first table) */
	if (version == 0 && store_exec(s, "PRAGMA page_size = 8192", e) != 0)
		goto fail;
	/* the write lock only when there is something to upgrade: opening
	 * never waits behind another process's long transaction; before the
	 * switch to WAL, so that a failed upgrade leaves the file as it was */
	if (version < STORE_SCHEMA_VERSION && store_schema_upgrade(s, e) != 0)
		goto fail;
	if (!ours && store_file_mark(s, e) != 0)
		goto fail;
	/* WAL: readers never block the writer; NORMAL sync keeps every
	 * committed transaction across a process crash, and the file
	 * consistent across a power cut */
	pragmas = xasprintf("PRAGMA journal_mode = WAL;"
			    "PRAGMA synchronous = NORMAL;"
			    "PRAGMA foreign_keys = ON;"
			    "PRAGMA cache_size = -%d;"
			    "PRAGMA temp_store = FILE;",
			    STORE_CACHE_KIB);
	rc = store_exec(s, pragmas, e);
	free(pragmas);
	if (rc != 0)
		goto fail;
	if (store_schema_index_text(s, e) != 0)
		goto fail;
	return 0;
fail:
	sqlite3_close(s->db);
	s->db = NULL;
	return -1;
}

struct store *
store_open(const char *path, const struct store_text *text, struct err *e)
{
	struct store *s;
	struct store_leftovers left;
	char *aside = NULL;
	int rc;

	if (!text || !text->summary || text->version <= 0) {
		err_set(e, "cache %s: no way to index summaries given", path);
		return NULL;
	}
	if (make_parent_dirs(path, e) != 0 ||
	    store_file_check_header(path, e) != 0)
		return NULL;
	s = xcalloc(1, sizeof(*s));
	s->path = xstrdup(path);
	s->text = *text;
	store_file_note(path, &left);
	rc = open_db(s, e);
	if (rc == 1) {
		if (move_aside(path, &aside, e) != 0)
			goto fail;
		s->notice = xasprintf("cache %s was damaged (%s); it was moved "
				      "aside to %s and a new cache started",
				      path, e ? e->msg : "unreadable", aside);
		free(aside);
		store_file_clean(&left, 0);
		store_file_note(path, &left);
		rc = open_db(s, e);
	}
	if (rc != 0)
		goto fail;
	store_file_clean(&left, 0);
	return s;
fail:
	store_close(s);
	/* closed first: only then is what the open made no one's */
	store_file_clean(&left, 1);
	return NULL;
}

void
store_close(struct store *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nstmts; i++) {
		sqlite3_finalize(s->stmts[i].st);
		free(s->stmts[i].sql);
	}
	if (s->db) {
		if (s->in_tx)
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(s->db);
	}
	store_pack_end(s);
	free(s->notice);
	free(s->path);
	free(s);
}

const char *
store_notice(const struct store *s)
{
	return s->notice;
}

int
store_readonly(const struct store *s)
{
	return s->readonly;
}

const char *
store_path(const struct store *s)
{
	return s->path;
}

long long
store_data_version(struct store *s)
{
	sqlite3_stmt *st = store_prepare(s, "PRAGMA data_version", NULL);
	long long v = -1;

	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	store_done(st);
	return v;
}

int
store_set_cache(struct store *s, long kib, struct err *e)
{
	char *sql;
	int rc;

	if (kib <= 0)
		kib = STORE_CACHE_KIB;
	sql = xasprintf("PRAGMA cache_size = -%ld", kib);
	rc = store_exec(s, sql, e);
	free(sql);
	return rc;
}

/* ---- transactions */

int
store_begin(struct store *s, struct err *e)
{
	if (s->in_tx)
		return err_set(e, "cache %s: a transaction is already open",
			       s->path);
	/* IMMEDIATE takes the write lock now (waiting up to the busy
	 * timeout) rather than failing halfway through the update */
	if (store_exec(s, "BEGIN IMMEDIATE", e) != 0)
		return -1;
	s->in_tx = 1;
	return 0;
}

int
store_commit(struct store *s, struct err *e)
{
	if (!s->in_tx)
		return err_set(e, "cache %s: no transaction to commit",
			       s->path);
	if (store_exec(s, "COMMIT", e) != 0) {
		store_rollback(s);
		return -1;
	}
	s->in_tx = 0;
	return 0;
}

void
store_rollback(struct store *s)
{
	if (!s->in_tx)
		return;
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->in_tx = 0;
}

/* ---- sources */

int
store_source_ensure(struct store *s, const char *name, const char *url,
		    long long *id, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (store_sync_yield_name(s, name, e) != 0)
		return -1;
	st = store_prepare(s,
			   "INSERT INTO sources (name, url) VALUES (?1, ?2) "
			   "ON CONFLICT (name) DO UPDATE SET url = excluded.url "
			   "WHERE url IS NOT excluded.url",
			   e);
	if (!st)
		return -1;
	store_bind_text(st, 1, name);
	store_bind_text(st, 2, url ? url : "");
	if (store_step_done(s, st, e, "saving a source") != 0)
		return -1;
	st = store_prepare(s, "SELECT id FROM sources WHERE name = ?1", e);
	if (!st)
		return -1;
	store_bind_text(st, 1, name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else
		store_fail(s, e, "finding a source");
	store_done(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

#define SOURCE_COLS                                                        \
	"id, name, url, title, etag, last_modified, last_fetch, last_ok, " \
	"last_error, redirect, unread, total, last_items, not_before, "    \
	"feed_interval"

static void
read_source(sqlite3_stmt *st, struct store_source *src)
{
	src->id = sqlite3_column_int64(st, 0);
	src->name = store_col_text(st, 1);
	src->url = store_col_text(st, 2);
	src->title = store_col_text(st, 3);
	src->etag = store_col_text(st, 4);
	src->last_modified = store_col_text(st, 5);
	src->last_fetch = (time_t)sqlite3_column_int64(st, 6);
	src->last_ok = (time_t)sqlite3_column_int64(st, 7);
	src->last_error = store_col_text(st, 8);
	src->redirect = store_col_text(st, 9);
	src->unread = (long)sqlite3_column_int64(st, 10);
	src->total = (long)sqlite3_column_int64(st, 11);
	src->last_items = (time_t)sqlite3_column_int64(st, 12);
	src->not_before = (time_t)sqlite3_column_int64(st, 13);
	src->feed_interval = (long)sqlite3_column_int64(st, 14);
}

int
store_item_brief(struct store *s, long long id, int *read, char **title,
		 char **source, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	st = store_prepare(s,
			   "SELECT i.read, i.title, s.name FROM items i JOIN "
			   "sources s ON s.id = i.source_id WHERE i.id = ?1",
			   e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*read = sqlite3_column_int(st, 0);
		if (title)
			*title = store_col_text(st, 1);
		if (source)
			*source = store_col_text(st, 2);
	}
	store_done(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return store_fail(s, e, "reading an item");
}

const struct store_text *
store_text_of(const struct store *s)
{
	return &s->text;
}

int
store_source_set_due(struct store *s, long long id, time_t not_before,
		     long feed_interval, struct err *e)
{
	sqlite3_stmt *st;

	st = store_prepare(s,
			   "UPDATE sources SET not_before = ?2, feed_interval "
			   "= CASE WHEN ?3 < 0 THEN feed_interval ELSE ?3 END "
			   "WHERE id = ?1",
			   e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)not_before);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)feed_interval);
	return store_step_done(s, st, e, "saving a source's schedule");
}

int
store_source_get(struct store *s, const char *name, struct store_source *out,
		 struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	st = store_prepare(s,
			   "SELECT " SOURCE_COLS " FROM sources WHERE name = ?1",
			   e);
	if (!st)
		return -1;
	store_bind_text(st, 1, name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_source(st, out);
	else if (rc != SQLITE_DONE)
		store_fail(s, e, "reading a source");
	store_done(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

void
store_source_clear(struct store_source *src)
{
	free(src->name);
	free(src->url);
	free(src->title);
	free(src->etag);
	free(src->last_modified);
	free(src->last_error);
	free(src->redirect);
	memset(src, 0, sizeof(*src));
}

int
store_source_set_fetch(struct store *s, long long id,
		       const struct store_fetch_state *f, struct err *e)
{
	sqlite3_stmt *st;

	if (f->ok)
		st = store_prepare(
			s,
			"UPDATE sources SET last_fetch = ?2, last_ok = ?2, "
			"etag = ?3, last_modified = ?4, last_error = NULL, "
			"redirect = coalesce(?5, redirect), "
			"title = coalesce(?6, title), "
			"last_items = CASE WHEN ?8 THEN last_items ELSE ?2 END "
			"WHERE id = ?1",
			e);
	else
		st = store_prepare(s,
				   "UPDATE sources SET last_fetch = ?2, "
				   "last_error = coalesce(?7, 'failed'), "
				   "redirect = coalesce(?5, redirect) "
				   "WHERE id = ?1",
				   e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)f->when);
	if (f->ok) {
		store_bind_text(st, 3, f->etag);
		store_bind_text(st, 4, f->last_modified);
		store_bind_text(st, 6, f->title);
		sqlite3_bind_int(st, 8, f->not_modified ? 1 : 0);
	} else {
		store_bind_text(st, 7, f->error);
	}
	store_bind_text(st, 5, f->redirect);
	return store_step_done(s, st, e, "saving a source's fetch state");
}

int
store_sources_list(struct store *s, struct store_source **rows, size_t *n,
		   struct err *e)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	st = store_prepare(s, "SELECT " SOURCE_COLS " FROM sources ORDER BY name",
			   e);
	if (!st)
		return -1;
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*rows = xreallocarray(*rows, cap, sizeof(**rows));
		}
		memset(&(*rows)[*n], 0, sizeof(**rows));
		read_source(st, &(*rows)[(*n)++]);
	}
	store_done(st);
	if (rc != SQLITE_DONE) {
		store_sources_free(*rows, *n);
		*rows = NULL;
		*n = 0;
		return store_fail(s, e, "listing sources");
	}
	return 0;
}

void
store_sources_free(struct store_source *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_source_clear(&rows[i]);
	free(rows);
}
