/* store_file.c: whose a cache file is, read-only disks, failed opens. */
#include "autoconfig.h"

#include "store/store.h"
#include "store/store_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/str.h"

/* Tables named in the message about another program's database. */
#define FOREIGN_TABLES_SHOWN 5

/* 1 when table has every one of the columns (a NULL-ended list). */
static int
has_columns(sqlite3 *db, const char *table, const char *const *cols)
{
	sqlite3_stmt *st = NULL;
	int want = 0, found = 0;

	for (; cols[want]; want++)
		;
	if (sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?1)", -1,
			       &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);

		for (int i = 0; name && cols[i]; i++)
			if (!strcmp(name, cols[i]))
				found++;
	}
out:
	sqlite3_finalize(st);
	return want && found == want;
}

/* A cache written before warta set its application_id: its sources and
 * items tables, with columns every schema version has had. */
static int
has_warta_tables(sqlite3 *db)
{
	static const char *const sources[] = {"name", "url", "last_fetch",
					      "last_ok", NULL};
	static const char *const items[] = {"source_id", "key", "first_seen",
					    "last_seen", NULL};

	return has_columns(db, "sources", sources) &&
	       has_columns(db, "items", items);
}

int
store_file_check_header(const char *path, struct err *e)
{
	static const char magic[16] = "SQLite format 3";
	unsigned char h[100];
	unsigned long app;
	ssize_t got;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return 0; /* absent or unreadable: the open says why */
	got = read(fd, h, sizeof(h));
	close(fd);
	if (got <= 0)
		return 0; /* empty: a new cache */
	if (got < (ssize_t)sizeof(magic) || memcmp(h, magic, sizeof(magic)))
		return err_set(e,
			       "%s is not a warta cache (not an SQLite "
			       "database at all): it was left untouched; "
			       "name another file with --cache, or move it "
			       "away and warta starts a new cache there",
			       path);
	if (got < (ssize_t)sizeof(h))
		return 0; /* sqlite judges a header cut short */
	/* the header's application_id, big-endian at byte 68 */
	app = (unsigned long)h[68] << 24 | (unsigned long)h[69] << 16 |
	      (unsigned long)h[70] << 8 | (unsigned long)h[71];
	if (app != 0 && app != STORE_APP_ID)
		return err_set(e,
			       "%s is not a warta cache (an SQLite database "
			       "of another program, application_id 0x%08lx): "
			       "it was left untouched; name another file with "
			       "--cache",
			       path, app);
	return 0;
}

/* Read one integer PRAGMA (application_id); 0 or an sqlite code. */
static int
pragma_int(sqlite3 *db, const char *sql, int *out)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);

	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* "a, b, c and 4 more": the first tables of the file, for the message. */
static void
list_tables(sqlite3 *db, struct buf *b)
{
	sqlite3_stmt *st = NULL;
	int n = 0;

	if (sqlite3_prepare_v2(db,
			       "SELECT name FROM sqlite_schema WHERE type = "
			       "'table' AND name NOT LIKE 'sqlite_%' "
			       "ORDER BY name",
			       -1, &st, NULL) != SQLITE_OK)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);

		if (n < FOREIGN_TABLES_SHOWN)
			buf_printf(b, "%s%s", n ? ", " : "", name ? name : "");
		n++;
	}
	sqlite3_finalize(st);
	if (n > FOREIGN_TABLES_SHOWN)
		buf_printf(b, " and %d more", n - FOREIGN_TABLES_SHOWN);
}

int
store_file_identify(struct store *s, int version, int *ours, struct err *e)
{
	struct buf tables;
	int app = 0, objects = 0, rc;

	*ours = 0;
	rc = pragma_int(s->db, "PRAGMA application_id", &app);
	if (rc == SQLITE_OK)
		rc = pragma_int(s->db, "SELECT count(*) FROM sqlite_schema",
				&objects);
	if (rc != SQLITE_OK)
		return store_fail(s, e, "reading");
	if (app == STORE_APP_ID) {
		*ours = 1;
		return 0;
	}
	if (app != 0)
		return err_set(e,
			       "%s is not a warta cache (an SQLite database "
			       "of another program, application_id 0x%08x): "
			       "it was left untouched; name another file with "
			       "--cache",
			       s->path, (unsigned)app);
	/* an empty or new file becomes a cache; one warta wrote before it
	 * set its application_id is known by its tables */
	if (objects == 0 && version == 0)
		return 0;
	if (version > 0 && has_warta_tables(s->db))
		return 0;
	buf_init(&tables, 0);
	list_tables(s->db, &tables);
	err_set(e,
		"%s is not a warta cache (an SQLite database of another "
		"program%s%s): it was left untouched; name another file with "
		"--cache",
		s->path, tables.len ? ", with the tables " : "",
		tables.len ? tables.data : "");
	buf_free(&tables);
	return -1;
}

int
store_file_mark(struct store *s, struct err *e)
{
	char *sql = xasprintf("PRAGMA application_id = %d", STORE_APP_ID);
	int rc = store_exec(s, sql, e);

	free(sql);
	return rc;
}

/* The directory part of path ("." for a bare name); caller frees. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

int
store_file_writable(const char *path, int *dir_ok)
{
	char *dir = dir_of(path);
	int err = 0;

	*dir_ok = 1;
	if (access(dir, W_OK) != 0) {
		*dir_ok = 0;
		err = errno;
	}
	free(dir);
	/* a cache that is not there yet is created, or fails to be, as usual */
	if (access(path, F_OK) != 0)
		return 0;
	if (access(path, W_OK) != 0)
		return errno;
	/* a WAL cache is written beside itself (-wal, -shm) */
	return err == EROFS || err == EACCES ? err : 0;
}

int
store_file_cannot_create(const char *path)
{
	char *dir;
	int err = 0;

	if (access(path, F_OK) == 0 || errno != ENOENT)
		return 0;
	dir = dir_of(path);
	if (access(dir, W_OK) != 0)
		err = errno;
	free(dir);
	return err;
}

char *
store_file_uri(const char *path, int immutable)
{
	struct buf b;
	char *abs = NULL;

	buf_init(&b, 0);
	buf_puts(&b, "file:");
	if (path[0] != '/') {
		abs = getcwd(NULL, 0);
		if (abs) {
			for (const char *p = abs; *p; p++)
				buf_printf(&b,
					   strchr("%?#", *p) ? "%%%02X" : "%c",
					   (unsigned char)*p);
			buf_putc(&b, '/');
		}
	}
	for (const char *p = path; *p; p++)
		buf_printf(&b, strchr("%?#", *p) ? "%%%02X" : "%c",
			   (unsigned char)*p);
	/* immutable: nothing can change a file on a read-only file system,
	 * and no -shm can be made beside it to share a WAL */
	buf_puts(&b, immutable ? "?mode=ro&immutable=1" : "?mode=ro");
	free(abs);
	return buf_steal(&b);
}

void
store_file_note(const char *path, struct store_leftovers *l)
{
	struct stat sb;

	l->wal = xasprintf("%s-wal", path);
	l->shm = xasprintf("%s-shm", path);
	l->had_wal = lstat(l->wal, &sb) == 0;
	l->had_shm = lstat(l->shm, &sb) == 0;
}

void
store_file_clean(struct store_leftovers *l, int failed)
{
	struct stat sb;

	/* an open that failed (a full disk) may leave the -shm and an empty
	 * -wal it had just made; a -wal with something in it holds commits
	 * and stays */
	if (failed && l->shm && !l->had_shm)
		unlink(l->shm);
	if (failed && l->wal && !l->had_wal && lstat(l->wal, &sb) == 0 &&
	    S_ISREG(sb.st_mode) && sb.st_size == 0)
		unlink(l->wal);
	free(l->wal);
	free(l->shm);
	memset(l, 0, sizeof(*l));
}
