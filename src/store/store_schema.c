/* store_schema.c: the cache's schema, its upgrades, the index text version. */
#include "autoconfig.h"

#include "store/store.h"
#include "store/store_int.h"

#include <stdlib.h>

#include "util/str.h"

/*
 * The schema, as steps: migrations[i] takes a cache from user_version i to
 * i + 1. Never edit a step once released; add a new one. An empty file is
 * version 0, so a new cache runs every step.
 */
static const char *const migrations[] = {
	/* 0 -> 1: sources, items, articles, kept pages; counts by triggers */
	"CREATE TABLE sources ("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL UNIQUE,"
	" url TEXT NOT NULL,"
	" title TEXT,"
	" etag TEXT,"
	" last_modified TEXT,"
	" last_fetch INTEGER NOT NULL DEFAULT 0,"
	" last_ok INTEGER NOT NULL DEFAULT 0,"
	" last_error TEXT,"
	" redirect TEXT,"
	" unread INTEGER NOT NULL DEFAULT 0,"
	" total INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE items ("
	" id INTEGER PRIMARY KEY,"
	" source_id INTEGER NOT NULL REFERENCES sources(id),"
	" key TEXT NOT NULL,"
	" title TEXT, link TEXT, author TEXT, summary TEXT, content TEXT,"
	" published INTEGER NOT NULL DEFAULT 0,"
	" updated INTEGER NOT NULL DEFAULT 0,"
	" first_seen INTEGER NOT NULL,"
	" last_seen INTEGER NOT NULL,"
	" date INTEGER NOT NULL,"
	" read INTEGER NOT NULL DEFAULT 0,"
	" flagged INTEGER NOT NULL DEFAULT 0,"
	" UNIQUE (source_id, key));"
	"CREATE INDEX items_source_date ON items (source_id, date DESC, id DESC);"
	"CREATE INDEX items_source_unread ON items (source_id, date DESC, id DESC)"
	" WHERE read = 0;"
	"CREATE INDEX items_date ON items (date DESC, id DESC);"
	"CREATE INDEX items_unread ON items (date DESC, id DESC) WHERE read = 0;"
	"CREATE INDEX items_flagged ON items (date DESC, id DESC)"
	" WHERE flagged = 1;"
	"CREATE INDEX items_link ON items (link);"
	"CREATE TABLE articles ("
	" item_id INTEGER PRIMARY KEY REFERENCES items(id),"
	" doc BLOB NOT NULL,"
	" text TEXT,"
	" comments INTEGER NOT NULL DEFAULT 0,"
	" pages_merged INTEGER NOT NULL DEFAULT 0,"
	" extractor INTEGER NOT NULL DEFAULT 0,"
	" fetched INTEGER NOT NULL DEFAULT 0,"
	" url TEXT,"
	" charset TEXT);"
	/* raw pages apart, so reading an article never pages through them */
	"CREATE TABLE pages ("
	" item_id INTEGER PRIMARY KEY REFERENCES articles(item_id),"
	" size INTEGER NOT NULL,"
	" data BLOB NOT NULL);"
	"CREATE TRIGGER items_count_ins AFTER INSERT ON items BEGIN"
	" UPDATE sources SET total = total + 1,"
	"  unread = unread + (new.read = 0) WHERE id = new.source_id; END;"
	"CREATE TRIGGER items_count_del AFTER DELETE ON items BEGIN"
	" UPDATE sources SET total = total - 1,"
	"  unread = unread - (old.read = 0) WHERE id = old.source_id; END;"
	"CREATE TRIGGER items_count_read AFTER UPDATE OF read ON items"
	" WHEN (old.read = 0) <> (new.read = 0) BEGIN"
	" UPDATE sources SET unread = unread + (new.read = 0) - (old.read = 0)"
	"  WHERE id = new.source_id; END;",

	/* 1 -> 2: full-text search over titles, summaries and article text
	 * (external content: the index holds no second copy of the text);
	 * deleting an item takes its article and page with it */
	"CREATE VIEW fts_content AS SELECT i.id AS id, i.title AS title,"
	" i.summary AS summary, a.text AS body"
	" FROM items i LEFT JOIN articles a ON a.item_id = i.id;"
	"CREATE VIRTUAL TABLE fts USING fts5(title, summary, body,"
	" content = 'fts_content', content_rowid = 'id',"
	" tokenize = 'unicode61 remove_diacritics 2');"
	"INSERT INTO fts (fts, rank) VALUES ('rank', 'bm25(10.0, 3.0, 1.0)');"
	"INSERT INTO fts (fts) VALUES ('rebuild');"
	"CREATE TRIGGER items_drop_article BEFORE DELETE ON items BEGIN"
	" DELETE FROM pages WHERE item_id = old.id;"
	" DELETE FROM articles WHERE item_id = old.id; END;"
	"CREATE TRIGGER items_fts_ins AFTER INSERT ON items BEGIN"
	" INSERT INTO fts (rowid, title, summary, body) VALUES (new.id,"
	"  new.title, new.summary,"
	"  (SELECT text FROM articles WHERE item_id = new.id)); END;"
	"CREATE TRIGGER items_fts_del AFTER DELETE ON items BEGIN"
	" INSERT INTO fts (fts, rowid, title, summary, body) VALUES ('delete',"
	"  old.id, old.title, old.summary,"
	"  (SELECT text FROM articles WHERE item_id = old.id)); END;"
	"CREATE TRIGGER items_fts_upd AFTER UPDATE OF title, summary ON items"
	" WHEN old.title IS NOT new.title OR old.summary IS NOT new.summary"
	" BEGIN"
	" INSERT INTO fts (fts, rowid, title, summary, body) VALUES ('delete',"
	"  old.id, old.title, old.summary,"
	"  (SELECT text FROM articles WHERE item_id = old.id));"
	" INSERT INTO fts (rowid, title, summary, body) VALUES (new.id,"
	"  new.title, new.summary,"
	"  (SELECT text FROM articles WHERE item_id = new.id)); END;"
	"CREATE TRIGGER articles_fts_ins AFTER INSERT ON articles BEGIN"
	" INSERT INTO fts (fts, rowid, title, summary, body) SELECT 'delete',"
	"  id, title, summary, NULL FROM items WHERE id = new.item_id;"
	" INSERT INTO fts (rowid, title, summary, body) SELECT id, title,"
	"  summary, new.text FROM items WHERE id = new.item_id; END;"
	"CREATE TRIGGER articles_fts_upd AFTER UPDATE OF text ON articles"
	" WHEN old.text IS NOT new.text BEGIN"
	" INSERT INTO fts (fts, rowid, title, summary, body) SELECT 'delete',"
	"  id, title, summary, old.text FROM items WHERE id = old.item_id;"
	" INSERT INTO fts (rowid, title, summary, body) SELECT id, title,"
	"  summary, new.text FROM items WHERE id = new.item_id; END;"
	"CREATE TRIGGER articles_fts_del AFTER DELETE ON articles BEGIN"
	" INSERT INTO fts (fts, rowid, title, summary, body) SELECT 'delete',"
	"  id, title, summary, old.text FROM items WHERE id = old.item_id;"
	" INSERT INTO fts (rowid, title, summary, body) SELECT id, title,"
	"  summary, NULL FROM items WHERE id = old.item_id; END;",

	/* 2 -> 3: read state imported for items not yet fetched, applied when
	 * they arrive */
	"CREATE TABLE state_pending ("
	" url TEXT PRIMARY KEY,"
	" read INTEGER NOT NULL DEFAULT 0,"
	" flagged INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;"
	/* when a fetch last delivered the feed's items (not a 304): the
	 * items seen then are still in the feed, and retention keeps them */
	"ALTER TABLE sources ADD COLUMN last_items INTEGER NOT NULL DEFAULT 0;"
	"UPDATE sources SET last_items = last_ok;",

	/* 3 -> 4: long text packed with zlib (the cache was mostly HTML
	 * summaries); the index reads through warta_text() and skips markup
	 * in summaries through warta_index_text(), so it is rebuilt */
	"ALTER TABLE articles ADD COLUMN doc_size INTEGER NOT NULL DEFAULT 0;"
	"DROP TRIGGER items_fts_ins; DROP TRIGGER items_fts_del;"
	"DROP TRIGGER items_fts_upd; DROP TRIGGER articles_fts_ins;"
	"DROP TRIGGER articles_fts_upd; DROP TRIGGER articles_fts_del;"
	"DROP VIEW fts_content;"
	"CREATE VIEW fts_content AS SELECT i.id AS id, i.title AS title,"
	" warta_index_text(i.summary) AS summary, warta_text(a.text) AS body"
	" FROM items i LEFT JOIN articles a ON a.item_id = i.id;"
	"CREATE TRIGGER items_fts_ins AFTER INSERT ON items BEGIN"
	" INSERT INTO fts (rowid, title, summary, body) VALUES (new.id,"
	"  new.title, warta_index_text(new.summary),"
	"  (SELECT warta_text(text) FROM articles WHERE item_id = new.id));"
	" END;"
	"CREATE TRIGGER items_fts_del AFTER DELETE ON items BEGIN"
	" INSERT INTO fts (fts, rowid, title, summary, body) VALUES ('delete',"
	"  old.id, old.title, warta_index_text(old.summary),"
	"  (SELECT warta_text(text) FROM articles WHERE item_id = old.id));"
	" END;"
	"CREATE TRIGGER items_fts_upd AFTER UPDATE OF title, summary ON items"
	" WHEN old.title IS NOT new.title OR old.summary IS NOT new.summary"
	" BEGIN"
	" INSERT INTO fts (fts, rowid, title, summary, body) VALUES ('delete',"
	"  old.id, old.title, warta_index_text(old.summary),"
	"  (SELECT warta_text(text) FROM articles WHERE item_id = old.id));"
	" INSERT INTO fts (rowid, title, summary, body) VALUES (new.id,"
	"  new.title, warta_index_text(new.summary),"
	"  (SELECT warta_text(text) FROM articles WHERE item_id = new.id));"
	" END;"
	"CREATE TRIGGER articles_fts_ins AFTER INSERT ON articles BEGIN"
	" INSERT INTO fts (fts, rowid, title, summary, body) SELECT 'delete',"
	"  id, title, warta_index_text(summary), NULL FROM items"
	"  WHERE id = new.item_id;"
	" INSERT INTO fts (rowid, title, summary, body) SELECT id, title,"
	"  warta_index_text(summary), warta_text(new.text) FROM items"
	"  WHERE id = new.item_id; END;"
	"CREATE TRIGGER articles_fts_upd AFTER UPDATE OF text ON articles"
	" WHEN old.text IS NOT new.text BEGIN"
	" INSERT INTO fts (fts, rowid, title, summary, body) SELECT 'delete',"
	"  id, title, warta_index_text(summary), warta_text(old.text)"
	"  FROM items WHERE id = old.item_id;"
	" INSERT INTO fts (rowid, title, summary, body) SELECT id, title,"
	"  warta_index_text(summary), warta_text(new.text) FROM items"
	"  WHERE id = new.item_id; END;"
	"CREATE TRIGGER articles_fts_del AFTER DELETE ON articles BEGIN"
	" INSERT INTO fts (fts, rowid, title, summary, body) SELECT 'delete',"
	"  id, title, warta_index_text(summary), warta_text(old.text)"
	"  FROM items WHERE id = old.item_id;"
	" INSERT INTO fts (rowid, title, summary, body) SELECT id, title,"
	"  warta_index_text(summary), NULL FROM items"
	"  WHERE id = old.item_id; END;"
	"INSERT INTO fts (fts) VALUES ('rebuild');",

	/* 4 -> 5: failed attempts at an item's article, so a refresh fetches
	 * the articles an earlier one missed (killed, offline, a timeout)
	 * without retrying a page that keeps failing forever */
	"ALTER TABLE items ADD COLUMN article_tries INTEGER NOT NULL"
	" DEFAULT 0;"
	/* the partial indexes carry their own condition's column: sqlite
	 * (3.40) reads every row to check it otherwise, and counting the
	 * flagged items of a 1 M cache read 10 000 pages */
	"DROP INDEX items_source_unread; DROP INDEX items_unread;"
	"DROP INDEX items_flagged;"
	"CREATE INDEX items_source_unread ON items"
	" (source_id, date DESC, id DESC, read) WHERE read = 0;"
	"CREATE INDEX items_unread ON items (date DESC, id DESC, read)"
	" WHERE read = 0;"
	"CREATE INDEX items_flagged ON items"
	" (date DESC, id DESC, flagged, read)"
	" WHERE flagged = 1;",

	/* 5 -> 6: a new item's count and index entry are written by
	 * store_item_upsert() itself: an INSERT with triggers runs in a
	 * statement savepoint, and each savepoint made the full-text index
	 * write its pending terms out as a segment of one item (a refresh of
	 * 10 000 items wrote 900 MB for a 26 MB cache) */
	"DROP TRIGGER items_count_ins; DROP TRIGGER items_fts_ins;",

	/* 6 -> 7: the search index without word positions (detail=column):
	 * a quarter of its size, a fifth of the whole cache; ranking and
	 * phrases are done by warta_rank() and warta_phrase() (see
	 * store_search.c) */
	"DROP TABLE fts;"
	"CREATE VIRTUAL TABLE fts USING fts5(title, summary, body,"
	" content = 'fts_content', content_rowid = 'id',"
	" tokenize = 'unicode61 remove_diacritics 2', detail = column);"
	"INSERT INTO fts (fts, rank) VALUES ('rank', 'bm25(10.0, 3.0, 1.0)');"
	"INSERT INTO fts (fts) VALUES ('rebuild');",

	/* 7 -> 8: a summary's words come from the opener's text function
	 * (the store parses no markup, see struct store_text); the version
	 * the index was built with is kept here, and an index built under
	 * another one (0: the store's own tag skipper before this step) is
	 * rebuilt by index_text_check() */
	"CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL)"
	" WITHOUT ROWID;"
	"INSERT INTO meta (name, value) VALUES ('index_text', 0);",

	/* 8 -> 9: sync with a server (store_sync.c): which sources and
	 * items are the server's, under which remote ids; its folders; the
	 * local changes not yet pushed (one row per item and kind, written
	 * with the change itself; AUTOINCREMENT so that a row replaced
	 * while its push is under way never gets the old id back); and the
	 * markers of the last sync */
	"CREATE TABLE sync_sources ("
	" source_id INTEGER PRIMARY KEY REFERENCES sources(id)"
	"  ON DELETE CASCADE,"
	" remote TEXT NOT NULL UNIQUE,"
	" url TEXT,"
	" tags TEXT);"
	"CREATE TABLE sync_folders ("
	" remote TEXT PRIMARY KEY,"
	" name TEXT NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE sync_items ("
	" item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,"
	" remote INTEGER NOT NULL UNIQUE,"
	" stamp INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE sync_queue ("
	" id INTEGER PRIMARY KEY AUTOINCREMENT,"
	" kind INTEGER NOT NULL,"
	" item_id INTEGER,"
	" remote INTEGER NOT NULL DEFAULT 0,"
	" source_id INTEGER NOT NULL DEFAULT 0,"
	" feed TEXT,"
	" tag TEXT,"
	" value INTEGER NOT NULL DEFAULT 0,"
	" stamp INTEGER NOT NULL DEFAULT 0,"
	" at INTEGER NOT NULL);"
	"CREATE UNIQUE INDEX sync_queue_item ON sync_queue (item_id, kind)"
	" WHERE item_id IS NOT NULL;"
	"CREATE TABLE sync_state ("
	" key TEXT PRIMARY KEY,"
	" value TEXT) WITHOUT ROWID;",

	/* 9 -> 10: an article that failed keeps why (a store_article_reason,
	 * the HTTP status, the error in words), how often and when, and when
	 * a refresh tries it again (0: only when the reader asks), in place
	 * of the bare count of tries (the counts of earlier caches come over
	 * without a reason, the spent ones left to the reader); the date of
	 * an item's article, which dates an item its feed does not; and the
	 * key of an item's link (store_link_key()), so that reading an
	 * article marks it read in every source that carries it, and imported
	 * state finds it by the same key */
	"CREATE TABLE article_failures ("
	" item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,"
	" reason INTEGER NOT NULL DEFAULT 0,"
	" status INTEGER NOT NULL DEFAULT 0,"
	" error TEXT,"
	" tries INTEGER NOT NULL DEFAULT 1,"
	" last_try INTEGER NOT NULL DEFAULT 0,"
	" next_try INTEGER NOT NULL DEFAULT 0);"
	"INSERT INTO article_failures (item_id, tries, last_try, next_try)"
	" SELECT id, article_tries, last_seen,"
	"  CASE WHEN article_tries >= 3 THEN 0 ELSE last_seen END"
	" FROM items i WHERE article_tries > 0 AND NOT EXISTS"
	" (SELECT 1 FROM articles a WHERE a.item_id = i.id);"
	"ALTER TABLE items DROP COLUMN article_tries;"
	"ALTER TABLE items ADD COLUMN article_date INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE items ADD COLUMN link_key TEXT;"
	"UPDATE items SET link_key = warta_url_key(link)"
	" WHERE link IS NOT NULL;"
	"CREATE INDEX items_link_key ON items (link_key)"
	" WHERE link_key IS NOT NULL;"
	"ALTER TABLE state_pending ADD COLUMN key TEXT;"
	"UPDATE state_pending SET key = warta_url_key(url);"
	"CREATE INDEX state_pending_key ON state_pending (key);",

	/* 10 -> 11: each source's schedule, so that a restart does not fetch
	 * everything again: the earliest time its next fetch may be made
	 * (the floor, and what its server asked: max-age, Expires,
	 * Retry-After), and the interval its feed asks for (<ttl>,
	 * sy:updatePeriod), kept for the answers that carry no feed (304) */
	"ALTER TABLE sources ADD COLUMN not_before INTEGER NOT NULL"
	" DEFAULT 0;"
	"ALTER TABLE sources ADD COLUMN feed_interval INTEGER NOT NULL"
	" DEFAULT 0;",
};

#define NMIGRATIONS (sizeof(migrations) / sizeof(migrations[0]))

_Static_assert(NMIGRATIONS == STORE_SCHEMA_VERSION,
	       "one migration step per schema version");

/* warta_url_key(url): store_link_key() of a link, for the step that keys
 * the links already cached (the store keys new ones itself). */
static void
fn_url_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *url = (const char *)sqlite3_value_text(argv[0]);
	char *key = url ? store_link_key(url) : NULL;

	(void)argc;
	if (key)
		sqlite3_result_text(ctx, key, -1, free);
	else
		sqlite3_result_null(ctx);
}

int
store_schema_upgrade(struct store *s, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int version = 0, rc;

	if (sqlite3_create_function(s->db, "warta_url_key", 1,
				    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				    fn_url_key, NULL, NULL) != SQLITE_OK)
		return store_fail(s, e, "registering functions");
	if (store_exec(s, "BEGIN IMMEDIATE", e) != 0)
		return -1;
	/* read again inside the lock: another process may have migrated */
	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) !=
		    SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		store_fail(s, e, "reading the schema version");
		goto fail;
	}
	version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (version > STORE_SCHEMA_VERSION) {
		err_set(e,
			"cache %s was written by a newer warta (schema version "
			"%d, this warta knows up to %d): upgrade warta or use "
			"another --cache",
			s->path, version, STORE_SCHEMA_VERSION);
		goto fail;
	}
	for (; version < STORE_SCHEMA_VERSION; version++) {
		char *set;

		if (store_exec(s, migrations[version], e) != 0) {
			err_prefix(e, "upgrading the schema from version %d: ",
				   version);
			goto fail;
		}
		set = xasprintf("PRAGMA user_version = %d", version + 1);
		rc = store_exec(s, set, e);
		free(set);
		if (rc != 0)
			goto fail;
	}
	if (store_exec(s, "COMMIT", e) != 0)
		goto fail;
	return 0;
fail:
	sqlite3_finalize(st);
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* The version of the text function the search index was built with:
 * 0 or -1 (e filled). */
static int
index_text_version(struct store *s, int *version, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_prepare_v2(s->db,
				"SELECT value FROM meta WHERE name = "
				"'index_text'",
				-1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	*version = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, e, "reading the search index's version");
	return 0;
}

/* Removing a row from the search index computes its words again, which
 * must give what was indexed: an index built by another version of the
 * text function is rebuilt first, once. 0 or -1. */
int
store_schema_index_text(struct store *s, struct err *e)
{
	sqlite3_stmt *st;
	int version;

	if (index_text_version(s, &version, e) != 0)
		return -1;
	if (version == s->text.version)
		return 0;
	if (store_exec(s, "BEGIN IMMEDIATE", e) != 0)
		return -1;
	/* read again inside the lock: another process may have rebuilt */
	if (index_text_version(s, &version, e) != 0)
		goto fail;
	if (version != s->text.version) {
		if (store_exec(s, "INSERT INTO fts (fts) VALUES ('rebuild')",
			       e) != 0) {
			err_prefix(e, "rebuilding the search index: ");
			goto fail;
		}
		st = store_prepare(s,
				   "UPDATE meta SET value = ?1 WHERE name = "
				   "'index_text'",
				   e);
		if (!st)
			goto fail;
		sqlite3_bind_int(st, 1, s->text.version);
		if (store_step_done(s, st, e, "recording the index's "
					      "version") != 0)
			goto fail;
	}
	if (store_exec(s, "COMMIT", e) != 0)
		goto fail;
	return 0;
fail:
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}
