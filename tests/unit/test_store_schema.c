/* test_store_schema.c: the cache's schema: creation, migration from every earlier version, newer and damaged files. */
#include "autoconfig.h"

#include "store/store.h"
#include "unit/store_text.h"
/* the schema's SQL functions, which the fixtures' triggers call */
#include "store/store_int.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>

#include "tap.h"
#include "util/buf.h"
#include "util/str.h"

static char tmpdir[] = "/tmp/warta-schema-test.XXXXXX";

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char chunk[4096];
	size_t n;

	if (!f)
		return NULL;
	buf_init(&b, 0);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	return buf_steal(&b);
}

/* The integer the query sql gives on the cache at path, or -1. */
static int
query_int(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int v = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) ==
		    SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static int
user_version(const char *path)
{
	return query_int(path, "PRAGMA user_version");
}

/* Build a cache file at path from SQL text; 0 on success. */
static int
make_db(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	struct store fs = {0}; /* just enough of one for the SQL functions */
	char *msg = NULL;
	int rc;

	unlink(path);
	fs.text = test_store_text;
	if (sqlite3_open(path, &db) == SQLITE_OK)
		fs.db = db;
	if (!fs.db || store_register_functions(&fs) != 0) {
		sqlite3_close(db);
		return -1;
	}
	rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK)
		printf("# fixture: %s\n", msg ? msg : "?");
	sqlite3_free(msg);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

/* The query plan of sql on the cache at path, steps joined by "; ". */
static char *
plan(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	struct store fs = {0}; /* just enough of one for the SQL functions */
	sqlite3_stmt *st = NULL;
	struct buf b;
	char *q = xasprintf("EXPLAIN QUERY PLAN %s", sql);

	buf_init(&b, 0);
	fs.text = test_store_text;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
		fs.db = db;
	if (fs.db && store_register_functions(&fs) == 0 &&
	    sqlite3_prepare_v2(db, q, -1, &st, NULL) == SQLITE_OK)
		while (sqlite3_step(st) == SQLITE_ROW)
			buf_printf(&b, "%s; ", sqlite3_column_text(st, 3));
	sqlite3_finalize(st);
	sqlite3_close(db);
	free(q);
	buf_putc(&b, '\0');
	return buf_steal(&b);
}

/* The counts a first screen needs read only index pages, whatever the
 * size of the cache (the SQL as store_items_count() writes it). */
static void
test_plans(const char *path)
{
	static const char *const counts[] = {
		"SELECT count(*) FROM items i WHERE i.flagged = 1",
		"SELECT count(*) FROM items i WHERE i.date >= ?2",
		"SELECT count(*) FROM items i WHERE i.date >= ?2 AND "
		"i.read = 0",
		"SELECT count(*) FROM items i WHERE i.flagged = 1 AND "
		"i.read = 0",
	};

	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		char *p = plan(path, counts[i]);

		ok(strstr(p, "COVERING INDEX") != NULL, "index only: %s (%s)",
		   counts[i], p);
		free(p);
	}
}

static void
test_fresh(void)
{
	struct err e = {{0}};
	char *path = xasprintf("%s/fresh.db", tmpdir);
	struct store *s = store_open(path, &test_store_text, &e);

	ok(s != NULL, "a new cache is created (%s)", e.msg);
	ok(s && store_check(s, &e) == 0, "a new cache checks ok (%s)", e.msg);
	store_close(s);
	is_int(user_version(path), STORE_SCHEMA_VERSION,
	       "a new cache has the current version");
	s = store_open(path, &test_store_text, &e);
	ok(s != NULL, "and opens again");
	store_close(s);
	test_plans(path);
	free(path);
}

static void
test_migration(int version)
{
	struct err e = {{0}};
	char *fixture = xasprintf("%s/store/schema-v%d.sql",
				  getenv("TESTDATA") ? getenv("TESTDATA") :
						       "tests/data",
				  version);
	char *path = xasprintf("%s/v%d.db", tmpdir, version);
	char *sql = slurp(fixture);
	struct store *s = NULL;
	struct store_item it;
	struct store_source src;
	struct store_search_query q = {0};
	struct store_hit *hits = NULL;
	size_t n = 0, len = 0;
	char *raw = NULL;

	ok(sql && make_db(path, sql) == 0, "v%d: fixture %s loads", version,
	   fixture);
	is_int(user_version(path), version, "v%d: fixture version", version);
	s = store_open(path, &test_store_text, &e);
	ok(s != NULL, "v%d: opens and upgrades (%s)", version, e.msg);
	if (!s)
		goto out;
	ok(store_check(s, &e) == 0, "v%d: upgraded cache checks ok (%s)",
	   version, e.msg);
	is_int(store_item_get(s, 1, &it, &e), 1, "v%d: item kept", version);
	ok(it.read == 1 && it.flagged == 0 && it.has_article,
	   "v%d: read state and article kept", version);
	is_str(it.title, "Harbour lighthouse restored", "v%d: title kept",
	       version);
	store_item_clear(&it);
	store_item_get(s, 2, &it, &e);
	ok(it.read == 0 && it.flagged == 1, "v%d: flag kept", version);
	store_item_clear(&it);
	is_int(store_source_get(s, "old-news", &src, &e), 1,
	       "v%d: source kept", version);
	ok(src.total == 2 && src.unread == 1, "v%d: counts kept", version);
	is_str(src.etag, "\"e1\"", "v%d: validators kept", version);
	is_int(src.last_items, src.last_ok,
	       "v%d: new column filled from the old data", version);
	{
		long long ids[4];
		char *links[4];
		size_t nm = 0;

		store_items_without_article(s, src.id, 1800000000, ids, links,
					    4, &nm, &e);
		ok(nm == 1 && ids[0] == 2 && links[0] &&
			   !strcmp(links[0], "http://old.example/b"),
		   "v%d: the item without an article is listed (%s)", version,
		   e.msg);
		for (size_t i = 0; i < nm; i++)
			free(links[i]);
	}
	if (version >= 9) {
		struct store_article_failure f;
		long long ids[4];
		char *links[4];
		size_t nm = 0;

		/* the counts of tries become failures without a reason */
		is_int(store_article_failure_get(s, 5, &f, &e), 1,
		       "v%d: three tries: a failure", version);
		ok(f.tries == 3 && f.next_try == 0 &&
		       f.reason == STORE_ARTICLE_UNKNOWN,
		   "v%d: left to the reader", version);
		store_article_failure_clear(&f);
		is_int(store_article_failure_get(s, 6, &f, &e), 1,
		       "v%d: one try: a failure", version);
		ok(f.tries == 1 && f.next_try == 1700000000,
		   "v%d: tried again by the next refresh", version);
		store_article_failure_clear(&f);
		store_items_without_article(s, 2, 1800000000, ids, links, 4,
					    &nm, &e);
		ok(nm == 3 && ids[0] == 3 && ids[1] == 4 && ids[2] == 6,
		   "v%d: and only that one is listed, beside the untried",
		   version);
		for (size_t i = 0; i < nm; i++)
			free(links[i]);
		store_item_get(s, 5, &it, &e);
		ok(it.article_failed, "v%d: the item says it failed", version);
		store_item_clear(&it);
		{
			struct store_item_in in = {0};
			long long id = 0;

			/* imported for a link written another way */
			in.key = "later";
			in.title = "Later";
			in.link = "https://old.example/later";
			store_item_upsert(s, 2, &in, 1700002000, NULL, &id, &e);
			store_item_get(s, id, &it, &e);
			ok(it.flagged,
			   "v%d: imported state finds its item by "
			   "the link's key",
			   version);
			store_item_clear(&it);
		}
	}
	store_source_clear(&src);

	q.text = "spiral";
	q.limit = 10;
	store_search(s, &q, &hits, &n, &e);
	ok(n == 1 && hits[0].item.id == 1,
	   "v%d: old article text is searchable", version);
	store_hits_free(hits, n);
	q.text = "orchard";
	store_search(s, &q, &hits, &n, &e);
	ok(n == 1 && hits[0].item.id == 2, "v%d: old titles are searchable",
	   version);
	store_hits_free(hits, n);
	{
		struct store_item_in in = {0};
		long long id = 0;
		int is_new = 0;

		/* a new item after the upgrade is counted and indexed */
		in.key = "new";
		in.title = "Tram line extended";
		in.summary = "<p>The <b>viaduct</b> opens in &quot;May&quot;</p>";
		ok(store_item_upsert(s, 1, &in, 1700001000, &is_new, &id,
				     &e) == 0 &&
			   is_new,
		   "v%d: a new item is stored (%s)", version, e.msg);
		store_source_get(s, "old-news", &src, &e);
		ok(src.total == 3 && src.unread == 2,
		   "v%d: and counted (%ld, %ld)", version, src.total,
		   src.unread);
		store_source_clear(&src);
		q.text = "viaduct";
		store_search(s, &q, &hits, &n, &e);
		ok(n == 1 && hits[0].item.id == id,
		   "v%d: and found by a word of its summary", version);
		store_hits_free(hits, n);
		q.text = "may";
		store_search(s, &q, &hits, &n, &e);
		ok(n == 1, "v%d: entities decoded for the index", version);
		store_hits_free(hits, n);
		q.text = "quot";
		store_search(s, &q, &hits, &n, &e);
		ok(n == 0, "v%d: markup is not indexed", version);
		store_hits_free(hits, n);
	}
	is_int(store_article_raw(s, 1, &raw, &len, &e), 1,
	       "v%d: kept page found", version);
	is_str(raw, "hello", "v%d: kept page decompresses", version);
	free(raw);
	store_close(s);
	is_int(user_version(path), STORE_SCHEMA_VERSION,
	       "v%d: now at the current version", version);
out:
	free(sql);
	free(path);
	free(fixture);
}

static void
test_newer(void)
{
	struct err e = {{0}};
	char *path = xasprintf("%s/newer.db", tmpdir);
	/* a newer warta's cache says whose it is, as every one since 9 */
	char *sql = xasprintf("CREATE TABLE future (x); PRAGMA user_version "
			      "= %d; PRAGMA application_id = %d;",
			      STORE_SCHEMA_VERSION + 7, STORE_APP_ID);
	struct store *s;

	make_db(path, sql);
	s = store_open(path, &test_store_text, &e);
	ok(s == NULL, "a newer cache is refused");
	ok(strstr(e.msg, "newer warta") != NULL && strstr(e.msg, path),
	   "the refusal says why and where: %s", e.msg);
	is_int(user_version(path), STORE_SCHEMA_VERSION + 7,
	       "the newer cache is left alone");
	store_close(s);
	free(sql);
	free(path);
}

static int
count_aside(const char *base)
{
	DIR *d = opendir(tmpdir);
	struct dirent *de;
	int n = 0;
	size_t len = strlen(base);

	if (!d)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (!strncmp(de->d_name, base, len) &&
		    !strncmp(de->d_name + len, ".corrupt-", 9) &&
		    !strstr(de->d_name, "-wal"))
			n++;
	closedir(d);
	return n;
}

static void
test_damaged(void)
{
	struct err e = {{0}};
	char *path = xasprintf("%s/junk.db", tmpdir);
	FILE *f = fopen(path, "w");
	struct store *s;
	long long id;

	fputs("this is a shopping list, not a database\n", f);
	for (int i = 0; i < 200; i++)
		fputs("apples pears plums\n", f);
	fclose(f);
	s = store_open(path, &test_store_text, &e);
	ok(s == NULL, "a non-sqlite file is refused");
	ok(strstr(e.msg, "not an SQLite database at all") != NULL,
	   "... saying why: %s", e.msg);
	is_int(count_aside("junk.db"), 0, "... and it is not moved aside");
	f = fopen(path, "r");
	{
		char line[64] = "";

		ok(f && fgets(line, sizeof(line), f) &&
			   !strcmp(line,
				   "this is a shopping list, not a database\n"),
		   "... nor changed");
	}
	if (f)
		fclose(f);
	store_close(s);

	/* a file of another program that sqlite cannot read either */
	free(path);
	path = xasprintf("%s/alien.db", tmpdir);
	f = fopen(path, "wb");
	{
		unsigned char h[100] = "SQLite format 3";

		h[68] = 0x12; /* application_id 0x12345678, big-endian */
		h[69] = 0x34;
		h[70] = 0x56;
		h[71] = 0x78;
		fwrite(h, 1, sizeof(h), f);
		fputs("not pages at all", f);
	}
	fclose(f);
	s = store_open(path, &test_store_text, &e);
	ok(s == NULL && strstr(e.msg, "application_id 0x12345678") != NULL,
	   "another program's damaged database is refused: %s", e.msg);
	is_int(count_aside("alien.db"), 0, "... and not moved aside");

	/* a real cache whose schema page is damaged */
	free(path);
	path = xasprintf("%s/hurt.db", tmpdir);
	s = store_open(path, &test_store_text, &e);
	store_source_ensure(s, "x", "http://x.example/", &id, &e);
	store_vacuum(s, NULL, NULL, &e);
	store_close(s);
	f = fopen(path, "r+b");
	/* past the 100-byte file header: the first page's b-tree */
	fseek(f, 100, SEEK_SET);
	fputs("garbage garbage garbage garbage!!", f);
	fclose(f);
	s = store_open(path, &test_store_text, &e);
	ok(s != NULL && store_notice(s) != NULL,
	   "a damaged schema page: moved aside, new cache (%s)", e.msg);
	is_int(count_aside("hurt.db"), 1, "the damaged file is kept aside");
	store_close(s);
	s = store_open(path, &test_store_text, &e);
	ok(s != NULL && store_notice(s) == NULL,
	   "the new cache opens without a notice");
	store_close(s);
	free(path);
}

/* Hits for words in the cache s (-1 on error). */
static long
hits_for(struct store *s, const char *words)
{
	struct store_search_query q = {0};
	struct store_hit *hits = NULL;
	struct err e = {{0}};
	size_t n = 0;

	q.text = words;
	q.limit = 10;
	if (store_search(s, &q, &hits, &n, &e) != 0)
		return -1;
	store_hits_free(hits, n);
	return (long)n;
}

/* A version 7 cache's index holds what the store's own tag skipper made
 * of a summary ("Caf&eacute;" as the words caf and eacute): taking that
 * item out with today's text would remove words never indexed. */
static void
test_index_text_v7(void)
{
	struct err e = {{0}};
	char *fixture =
	    xasprintf("%s/store/schema-v7.sql",
		      getenv("TESTDATA") ? getenv("TESTDATA") : "tests/data");
	char *path = xasprintf("%s/v7-text.db", tmpdir);
	char *sql = slurp(fixture);
	const char *keep[] = {"old-news"};
	struct store *s = NULL;
	long items = 0;

	ok(sql && make_db(path, sql) == 0, "v7 text: fixture loads");
	s = store_open(path, &test_store_text, &e);
	ok(s != NULL, "v7 text: opens (%s)", e.msg);
	if (!s)
		goto out;
	ok(store_check(s, &e) == 0,
	   "v7 text: the index is rebuilt from the summaries' text (%s)",
	   e.msg);
	is_int(hits_for(s, "cafe"), 1, "v7 text: a word the old index split");
	is_int(hits_for(s, "eacute"), 0, "v7 text: no entity names indexed");
	ok(store_purge(s, keep, 1, NULL, &items, &e) == 0 && items == 2,
	   "v7 text: its items can be removed (%s)", e.msg);
	ok(store_check(s, &e) == 0, "v7 text: and the index stays sound (%s)",
	   e.msg);
	store_close(s);
out:
	free(sql);
	free(path);
	free(fixture);
}

static char *
words_alpha(const char *s, size_t len)
{
	(void)s;
	(void)len;
	return xstrdup("alpha");
}

static char *
words_omega(const char *s, size_t len)
{
	(void)s;
	(void)len;
	return xstrdup("omega");
}

/* The meta table's record of the index's text version, or -1. */
static int
meta_version(const char *path)
{
	return query_int(path,
			 "SELECT value FROM meta WHERE name = 'index_text'");
}

/* Another version of the text function: the index is rebuilt with it. */
static void
test_index_text_version(void)
{
	static const struct store_text alpha = {words_alpha, 1};
	static const struct store_text omega = {words_omega, 2};
	struct err e = {{0}};
	char *path = xasprintf("%s/text-version.db", tmpdir);
	struct store_item_in in = {0};
	struct store *s;
	long long src = 0;
	const char *keep[] = {"none"};

	s = store_open(path, &alpha, &e);
	ok(s && store_source_ensure(s, "x", "http://x.example/", &src, &e) == 0,
	   "text version: a cache (%s)", e.msg);
	in.key = "k";
	in.title = "T";
	in.summary = "<p>anything</p>";
	ok(s && store_item_upsert(s, src, &in, 1700000000, NULL, NULL, &e) == 0,
	   "text version: an item (%s)", e.msg);
	is_int(s ? hits_for(s, "alpha") : -1, 1,
	       "text version: indexed with the first function");
	store_close(s);
	is_int(meta_version(path), 1, "text version: 1 recorded");

	s = store_open(path, &omega, &e);
	ok(s != NULL, "text version: opens with another (%s)", e.msg);
	is_int(s ? hits_for(s, "omega") : -1, 1,
	       "text version: the index is rebuilt with it");
	is_int(s ? hits_for(s, "alpha") : -1, 0,
	       "text version: the old words are gone");
	ok(s && store_check(s, &e) == 0, "text version: sound (%s)", e.msg);
	ok(s && store_purge(s, keep, 1, NULL, NULL, &e) == 0 &&
	       store_check(s, &e) == 0,
	   "text version: the item is removed cleanly (%s)", e.msg);
	store_close(s);
	is_int(meta_version(path), 2, "text version: 2 recorded");

	s = store_open(path, NULL, &e);
	ok(s == NULL && strstr(e.msg, "index"),
	   "text version: no text function is refused (%s)", e.msg);
	store_close(s);
	free(path);
}

int
main(void)
{
	char *cmd;

	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	test_fresh();
	for (int v = 1; v < STORE_SCHEMA_VERSION; v++)
		test_migration(v);
	test_index_text_v7();
	test_index_text_version();
	test_newer();
	test_damaged();
	cmd = xasprintf("rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
	free(cmd);
	return tap_done();
}
