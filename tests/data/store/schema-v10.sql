-- cache schema version 10, frozen as it was released (version 9 and its
-- rows, then the step to 10: why and when articles failed, the article's
-- date, the key of an item's link, written here as warta_url_key() gave
-- them): the starting point of the migration test. Never edit.
CREATE TABLE sources ( id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, url TEXT NOT NULL, title TEXT, etag TEXT, last_modified TEXT, last_fetch INTEGER NOT NULL DEFAULT 0, last_ok INTEGER NOT NULL DEFAULT 0, last_error TEXT, redirect TEXT, unread INTEGER NOT NULL DEFAULT 0, total INTEGER NOT NULL DEFAULT 0);
CREATE TABLE items ( id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL REFERENCES sources(id), key TEXT NOT NULL, title TEXT, link TEXT, author TEXT, summary TEXT, content TEXT, published INTEGER NOT NULL DEFAULT 0, updated INTEGER NOT NULL DEFAULT 0, first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL, date INTEGER NOT NULL, read INTEGER NOT NULL DEFAULT 0, flagged INTEGER NOT NULL DEFAULT 0, UNIQUE (source_id, key));
CREATE INDEX items_source_date ON items (source_id, date DESC, id DESC);
CREATE INDEX items_source_unread ON items (source_id, date DESC, id DESC) WHERE read = 0;
CREATE INDEX items_date ON items (date DESC, id DESC);
CREATE INDEX items_unread ON items (date DESC, id DESC) WHERE read = 0;
CREATE INDEX items_flagged ON items (date DESC, id DESC) WHERE flagged = 1;
CREATE INDEX items_link ON items (link);
CREATE TABLE articles ( item_id INTEGER PRIMARY KEY REFERENCES items(id), doc BLOB NOT NULL, text TEXT, comments INTEGER NOT NULL DEFAULT 0, pages_merged INTEGER NOT NULL DEFAULT 0, extractor INTEGER NOT NULL DEFAULT 0, fetched INTEGER NOT NULL DEFAULT 0, url TEXT, charset TEXT);
CREATE TABLE pages ( item_id INTEGER PRIMARY KEY REFERENCES articles(item_id), size INTEGER NOT NULL, data BLOB NOT NULL);
CREATE TRIGGER items_count_ins AFTER INSERT ON items BEGIN
 UPDATE sources SET total = total + 1,  unread = unread + (new.read = 0) WHERE id = new.source_id;
 END;
CREATE TRIGGER items_count_del AFTER DELETE ON items BEGIN
 UPDATE sources SET total = total - 1,  unread = unread - (old.read = 0) WHERE id = old.source_id;
 END;
CREATE TRIGGER items_count_read AFTER UPDATE OF read ON items WHEN (old.read = 0) <> (new.read = 0) BEGIN
 UPDATE sources SET unread = unread + (new.read = 0) - (old.read = 0)  WHERE id = new.source_id;
 END;
CREATE VIEW fts_content AS SELECT i.id AS id, i.title AS title, i.summary AS summary, a.text AS body FROM items i LEFT JOIN articles a ON a.item_id = i.id;
CREATE VIRTUAL TABLE fts USING fts5(title, summary, body, content = 'fts_content', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO fts (fts, rank) VALUES ('rank', 'bm25(10.0, 3.0, 1.0)');
INSERT INTO fts (fts) VALUES ('rebuild');
CREATE TRIGGER items_drop_article BEFORE DELETE ON items BEGIN
 DELETE FROM pages WHERE item_id = old.id;
 DELETE FROM articles WHERE item_id = old.id;
 END;
CREATE TRIGGER items_fts_ins AFTER INSERT ON items BEGIN
 INSERT INTO fts (rowid, title, summary, body) VALUES (new.id,  new.title, new.summary,  (SELECT text FROM articles WHERE item_id = new.id));
 END;
CREATE TRIGGER items_fts_del AFTER DELETE ON items BEGIN
 INSERT INTO fts (fts, rowid, title, summary, body) VALUES ('delete',  old.id, old.title, old.summary,  (SELECT text FROM articles WHERE item_id = old.id));
 END;
CREATE TRIGGER items_fts_upd AFTER UPDATE OF title, summary ON items WHEN old.title IS NOT new.title OR old.summary IS NOT new.summary BEGIN
 INSERT INTO fts (fts, rowid, title, summary, body) VALUES ('delete',  old.id, old.title, old.summary,  (SELECT text FROM articles WHERE item_id = old.id));
 INSERT INTO fts (rowid, title, summary, body) VALUES (new.id,  new.title, new.summary,  (SELECT text FROM articles WHERE item_id = new.id));
 END;
CREATE TRIGGER articles_fts_ins AFTER INSERT ON articles BEGIN
 INSERT INTO fts (fts, rowid, title, summary, body) SELECT 'delete',  id, title, summary, NULL FROM items WHERE id = new.item_id;
 INSERT INTO fts (rowid, title, summary, body) SELECT id, title,  summary, new.text FROM items WHERE id = new.item_id;
 END;
CREATE TRIGGER articles_fts_upd AFTER UPDATE OF text ON articles WHEN old.text IS NOT new.text BEGIN
 INSERT INTO fts (fts, rowid, title, summary, body) SELECT 'delete',  id, title, summary, old.text FROM items WHERE id = old.item_id;
 INSERT INTO fts (rowid, title, summary, body) SELECT id, title,  summary, new.text FROM items WHERE id = new.item_id;
 END;
CREATE TRIGGER articles_fts_del AFTER DELETE ON articles BEGIN
 INSERT INTO fts (fts, rowid, title, summary, body) SELECT 'delete',  id, title, summary, old.text FROM items WHERE id = old.item_id;
 INSERT INTO fts (rowid, title, summary, body) SELECT id, title,  summary, NULL FROM items WHERE id = old.item_id;
 END;
CREATE TABLE state_pending ( url TEXT PRIMARY KEY, read INTEGER NOT NULL DEFAULT 0, flagged INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
ALTER TABLE sources ADD COLUMN last_items INTEGER NOT NULL DEFAULT 0;
UPDATE sources SET last_items = last_ok;
INSERT INTO sources (id, name, url, title, etag, last_fetch, last_ok) VALUES
 (1, 'old-news', 'http://old.example/feed', 'Old News', '"e1"', 1700000000, 1700000000),
 (2, 'gone', 'http://gone.example/feed', NULL, NULL, 1700000000, 1700000000);
INSERT INTO items (id, source_id, key, title, link, summary, published, first_seen, last_seen, date, read, flagged) VALUES
 (1, 1, 'a', 'Harbour lighthouse restored', 'http://old.example/a', 'The lighthouse keeper returns', 1699990000, 1700000000, 1700000000, 1699990000, 1, 0),
 (2, 1, 'b', 'Orchard harvest festival', 'http://old.example/b', 'Apples and pears', 1699980000, 1700000000, 1700000000, 1699980000, 0, 1),
 (3, 2, 'c', 'Ferry timetable changes', 'http://gone.example/c', NULL, 0, 1700000000, 1700000000, 1700000000, 1, 1);
INSERT INTO articles (item_id, doc, text, comments, extractor, fetched) VALUES
 (1, X'00010203', 'The keeper climbed the spiral stairs of the lighthouse at dawn.', 2, 1, 1700000100);
INSERT INTO pages (item_id, size, data) VALUES (1, 5, X'789ccb48cdc9c90700062c0215');
INSERT INTO state_pending (url, read, flagged) VALUES ('http://old.example/later', 1, 0);
UPDATE sources SET last_items = last_ok;
ALTER TABLE articles ADD COLUMN doc_size INTEGER NOT NULL DEFAULT 0;
DROP TRIGGER items_fts_ins; DROP TRIGGER items_fts_del;
DROP TRIGGER items_fts_upd; DROP TRIGGER articles_fts_ins;
DROP TRIGGER articles_fts_upd; DROP TRIGGER articles_fts_del;
DROP VIEW fts_content;
CREATE VIEW fts_content AS SELECT i.id AS id, i.title AS title, warta_index_text(i.summary) AS summary, warta_text(a.text) AS body FROM items i LEFT JOIN articles a ON a.item_id = i.id;
CREATE TRIGGER items_fts_ins AFTER INSERT ON items BEGIN INSERT INTO fts (rowid, title, summary, body) VALUES (new.id,  new.title, warta_index_text(new.summary),  (SELECT warta_text(text) FROM articles WHERE item_id = new.id)); END;
CREATE TRIGGER items_fts_del AFTER DELETE ON items BEGIN INSERT INTO fts (fts, rowid, title, summary, body) VALUES ('delete',  old.id, old.title, warta_index_text(old.summary),  (SELECT warta_text(text) FROM articles WHERE item_id = old.id)); END;
CREATE TRIGGER items_fts_upd AFTER UPDATE OF title, summary ON items WHEN old.title IS NOT new.title OR old.summary IS NOT new.summary BEGIN INSERT INTO fts (fts, rowid, title, summary, body) VALUES ('delete',  old.id, old.title, warta_index_text(old.summary),  (SELECT warta_text(text) FROM articles WHERE item_id = old.id)); INSERT INTO fts (rowid, title, summary, body) VALUES (new.id,  new.title, warta_index_text(new.summary),  (SELECT warta_text(text) FROM articles WHERE item_id = new.id)); END;
CREATE TRIGGER articles_fts_ins AFTER INSERT ON articles BEGIN INSERT INTO fts (fts, rowid, title, summary, body) SELECT 'delete',  id, title, warta_index_text(summary), NULL FROM items  WHERE id = new.item_id; INSERT INTO fts (rowid, title, summary, body) SELECT id, title,  warta_index_text(summary), warta_text(new.text) FROM items  WHERE id = new.item_id; END;
CREATE TRIGGER articles_fts_upd AFTER UPDATE OF text ON articles WHEN old.text IS NOT new.text BEGIN INSERT INTO fts (fts, rowid, title, summary, body) SELECT 'delete',  id, title, warta_index_text(summary), warta_text(old.text)  FROM items WHERE id = old.item_id; INSERT INTO fts (rowid, title, summary, body) SELECT id, title,  warta_index_text(summary), warta_text(new.text) FROM items  WHERE id = new.item_id; END;
CREATE TRIGGER articles_fts_del AFTER DELETE ON articles BEGIN INSERT INTO fts (fts, rowid, title, summary, body) SELECT 'delete',  id, title, warta_index_text(summary), warta_text(old.text)  FROM items WHERE id = old.item_id; INSERT INTO fts (rowid, title, summary, body) SELECT id, title,  warta_index_text(summary), NULL FROM items  WHERE id = old.item_id; END;
INSERT INTO fts (fts) VALUES ('rebuild');
ALTER TABLE items ADD COLUMN article_tries INTEGER NOT NULL DEFAULT 0;
DROP INDEX items_source_unread;
DROP INDEX items_unread;
DROP INDEX items_flagged;
CREATE INDEX items_source_unread ON items (source_id, date DESC, id DESC, read) WHERE read = 0;
CREATE INDEX items_unread ON items (date DESC, id DESC, read) WHERE read = 0;
CREATE INDEX items_flagged ON items (date DESC, id DESC, flagged, read) WHERE flagged = 1;
DROP TRIGGER items_count_ins; DROP TRIGGER items_fts_ins;
DROP TABLE fts;
CREATE VIRTUAL TABLE fts USING fts5(title, summary, body, content = 'fts_content', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2', detail = column);
INSERT INTO fts (fts, rank) VALUES ('rank', 'bm25(10.0, 3.0, 1.0)');
INSERT INTO fts (fts) VALUES ('rebuild');
INSERT INTO items (id, source_id, key, title, link, summary, published, first_seen, last_seen, date, read, flagged) VALUES
 (4, 2, 'd', 'Pier notes', 'http://gone.example/d', '<p>Caf&eacute; on the pier</p><p>Sunset&nbsp;tonight</p>', 1699970000, 1700000000, 1700000000, 1699970000, 1, 0);
UPDATE sources SET total = total + 1 WHERE id = 2;
INSERT INTO fts (rowid, title, summary, body) VALUES
 (4, 'Pier notes', ' Caf&eacute; on the pier  Sunset tonight ', NULL);
CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO meta (name, value) VALUES ('index_text', 0);
CREATE TABLE sync_sources ( source_id INTEGER PRIMARY KEY REFERENCES sources(id)  ON DELETE CASCADE, remote TEXT NOT NULL UNIQUE, url TEXT, tags TEXT);
CREATE TABLE sync_folders ( remote TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE sync_items ( item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE, remote INTEGER NOT NULL UNIQUE, stamp INTEGER NOT NULL DEFAULT 0);
CREATE TABLE sync_queue ( id INTEGER PRIMARY KEY AUTOINCREMENT, kind INTEGER NOT NULL, item_id INTEGER, remote INTEGER NOT NULL DEFAULT 0, source_id INTEGER NOT NULL DEFAULT 0, feed TEXT, tag TEXT, value INTEGER NOT NULL DEFAULT 0, stamp INTEGER NOT NULL DEFAULT 0, at INTEGER NOT NULL);
CREATE UNIQUE INDEX sync_queue_item ON sync_queue (item_id, kind) WHERE item_id IS NOT NULL;
CREATE TABLE sync_state ( key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
INSERT INTO items (id, source_id, key, title, link, summary, published, first_seen, last_seen, date, read, flagged, article_tries) VALUES
 (5, 2, 'e', 'Lock gates repaired', 'http://gone.example/e', NULL, 1699960000, 1700000000, 1700000000, 1699960000, 0, 0, 3),
 (6, 2, 'f', 'Canal boat parade', 'http://gone.example/f', NULL, 1699950000, 1700000000, 1700000000, 1699950000, 0, 0, 1);
UPDATE sources SET total = total + 2, unread = unread + 2 WHERE id = 2;
INSERT INTO fts (rowid, title, summary, body) VALUES
 (5, 'Lock gates repaired', NULL, NULL),
 (6, 'Canal boat parade', NULL, NULL);
INSERT INTO state_pending (url, read, flagged) VALUES ('HTTP://Old.Example/later/?utm_source=rss', 0, 1);
CREATE TABLE article_failures ( item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE, reason INTEGER NOT NULL DEFAULT 0, status INTEGER NOT NULL DEFAULT 0, error TEXT, tries INTEGER NOT NULL DEFAULT 1, last_try INTEGER NOT NULL DEFAULT 0, next_try INTEGER NOT NULL DEFAULT 0);
INSERT INTO article_failures (item_id, tries, last_try, next_try) SELECT id, article_tries, last_seen,  CASE WHEN article_tries >= 3 THEN 0 ELSE last_seen END FROM items i WHERE article_tries > 0 AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.item_id = i.id);
ALTER TABLE items DROP COLUMN article_tries;
ALTER TABLE items ADD COLUMN article_date INTEGER NOT NULL DEFAULT 0;
ALTER TABLE items ADD COLUMN link_key TEXT;
UPDATE items SET link_key = 'https://' || substr(link, 8) WHERE link LIKE 'http://%';
CREATE INDEX items_link_key ON items (link_key) WHERE link_key IS NOT NULL;
ALTER TABLE state_pending ADD COLUMN key TEXT;
UPDATE state_pending SET key = 'https://old.example/later';
CREATE INDEX state_pending_key ON state_pending (key);
PRAGMA user_version = 10;
