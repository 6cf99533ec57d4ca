/* test_store.c: the cache: schema, upsert identity, state, paging, articles. */
#include "autoconfig.h"

#include "store/store.h"
#include "unit/store_text.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "util/buf.h"
#include "util/str.h"

static char tmpdir[] = "/tmp/warta-store-test.XXXXXX";

static char *
tmp_path(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

static void
test_open_and_sources(void)
{
	struct err e = {{0}};
	char *path = tmp_path("sub/dir/cache.db");
	struct store *s = store_open(path, &test_store_text, &e);
	struct store_source src;
	struct store_fetch_state f = {0};
	long long id = 0, id2 = 0;

	ok(s != NULL, "open creates the cache and its directories (%s)", e.msg);
	if (!s)
		goto out;
	ok(store_notice(s) == NULL, "no notice for a new cache");
	ok(store_source_ensure(s, "news", "http://a.example/feed", &id, &e) ==
		   0 && id > 0,
	   "source created");
	ok(store_source_ensure(s, "news", "http://b.example/feed", &id2, &e) ==
		   0 && id2 == id,
	   "same name, same source");
	is_int(store_source_get(s, "news", &src, &e), 1, "source found");
	is_str(src.url, "http://b.example/feed", "url updated");
	ok(src.etag == NULL && src.last_fetch == 0, "no validators yet");
	store_source_clear(&src);
	is_int(store_source_get(s, "nope", &src, &e), 0, "unknown source");

	f.ok = 1;
	f.when = 1000;
	f.etag = "\"v1\"";
	f.last_modified = "Mon, 01 Jan 2024 00:00:00 GMT";
	f.title = "The News";
	ok(store_source_set_fetch(s, id, &f, &e) == 0, "fetch state saved");
	memset(&f, 0, sizeof(f));
	f.when = 2000;
	f.error = "HTTP 503";
	f.redirect = "http://c.example/feed";
	ok(store_source_set_fetch(s, id, &f, &e) == 0, "failure saved");
	store_source_get(s, "news", &src, &e);
	is_str(src.etag, "\"v1\"", "etag kept across a failure");
	is_int(src.last_ok, 1000, "last ok kept");
	is_int(src.last_fetch, 2000, "last attempt");
	is_str(src.last_error, "HTTP 503", "error kept");
	is_str(src.redirect, "http://c.example/feed", "redirect kept");
	is_str(src.title, "The News", "title kept");
	store_source_clear(&src);
	store_close(s);
out:
	free(path);
}

static void
test_items(void)
{
	struct err e = {{0}};
	char *path = tmp_path("items.db");
	struct store *s = store_open(path, &test_store_text, &e);
	struct store_item_in in = {0};
	struct store_item it, *rows = NULL;
	struct store_query q = {0};
	struct store_cursor cur;
	struct store_source *srcs = NULL;
	long long src, src2, id, id2, first;
	size_t n = 0, nsrc = 0, total;
	int is_new = -1;
	long cnt = -1;
	char key[32], title[64];

	ok(s != NULL, "open (%s)", e.msg);
	if (!s)
		goto out;
	store_source_ensure(s, "a", "http://a.example/", &src, &e);
	store_source_ensure(s, "b", "http://b.example/", &src2, &e);

	in.key = "k1";
	in.title = "First";
	in.link = "http://a.example/1";
	in.summary = "summary one";
	in.published = 5000;
	ok(store_item_upsert(s, src, &in, 10000, &is_new, &id, &e) == 0,
	   "insert (%s)", e.msg);
	is_int(is_new, 1, "new item");
	ok(store_item_set_read(s, id, 1, &e) == 0, "mark read");
	ok(store_item_set_flagged(s, id, 1, &e) == 0, "flag");

	in.title = "First, corrected";
	in.summary = NULL;
	in.published = 0;
	in.updated = 6000;
	ok(store_item_upsert(s, src, &in, 11000, &is_new, &id2, &e) == 0,
	   "re-upsert");
	is_int(is_new, 0, "same key: not new");
	ok(id == id2, "same key: same item");
	is_int(store_item_get(s, id, &it, &e), 1, "item found");
	is_str(it.title, "First, corrected", "title updated");
	is_str(it.summary, "summary one", "missing summary keeps the old one");
	is_int(it.read, 1, "read state survives re-upsert");
	is_int(it.flagged, 1, "flag survives re-upsert");
	is_int(it.published, 5000, "missing date keeps the old one");
	is_int(it.date, 5000, "sort date is the published date");
	is_int(it.first_seen, 10000, "first seen kept");
	is_str(it.source, "a", "source name");
	store_item_clear(&it);

	in.link = "http://b.example/1";
	ok(store_item_upsert(s, src2, &in, 11000, &is_new, &id2, &e) == 0 &&
		   is_new && id2 != id,
	   "same key in another source is another item");
	in.key = NULL;
	ok(store_item_upsert(s, src, &in, 1, NULL, NULL, &e) == -1,
	   "an item without a key is refused");

	/* 250 more items in source a, dates 1..250 */
	store_begin(s, &e);
	for (int i = 1; i <= 250; i++) {
		snprintf(key, sizeof(key), "n%d", i);
		snprintf(title, sizeof(title), "Item %d", i);
		in.key = key;
		in.title = title;
		in.published = i;
		in.updated = 0;
		store_item_upsert(s, src, &in, 20000, NULL, NULL, &e);
	}
	ok(store_commit(s, &e) == 0, "batch committed");

	q.view = STORE_VIEW_SOURCE;
	q.source_id = src;
	store_items_count(s, &q, &cnt, &e);
	is_int(cnt, 251, "count of a source");
	q.unread_only = 1;
	store_items_count(s, &q, &cnt, &e);
	is_int(cnt, 250, "unread count of a source");
	q.unread_only = 0;
	ok(store_items_page(s, &q, NULL, 0, 20, &rows, &n, &e) == 0,
	   "first page");
	is_int(n, 20, "page size");
	is_str(n ? rows[0].title : NULL, "First, corrected", "newest first");
	is_str(n > 1 ? rows[1].title : NULL, "Item 250", "then by date");
	/* walk the whole list by keyset */
	total = n;
	first = rows[0].id;
	cur.date = rows[n - 1].date;
	cur.id = rows[n - 1].id;
	store_items_free(rows, n);
	for (;;) {
		store_items_page(s, &q, &cur, 0, 100, &rows, &n, &e);
		if (n == 0) {
			free(rows);
			break;
		}
		total += n;
		cur.date = rows[n - 1].date;
		cur.id = rows[n - 1].id;
		store_items_free(rows, n);
	}
	is_int(total, 251, "keyset paging visits every item once");
	store_items_page(s, &q, NULL, 250, 20, &rows, &n, &e);
	is_int(n, 1, "offset paging: the last page");
	is_str(n ? rows[0].title : NULL, "Item 1", "oldest last");
	store_items_free(rows, n);

	q.view = STORE_VIEW_FLAGGED;
	store_items_page(s, &q, NULL, 0, 20, &rows, &n, &e);
	ok(n == 1 && rows[0].id == first, "flagged view");
	store_items_free(rows, n);
	store_items_count(s, &q, &cnt, &e);
	is_int(cnt, 1, "flagged count");

	q.view = STORE_VIEW_UNREAD;
	store_items_count(s, &q, &cnt, &e);
	is_int(cnt, 251, "unread everywhere");
	q.view = STORE_VIEW_SINCE;
	q.since = 241;
	store_items_count(s, &q, &cnt, &e);
	is_int(cnt, 10 + 2, "items since a date");

	ok(store_source_mark_read(s, src, NULL, &e) == 0, "mark source read");
	q.view = STORE_VIEW_UNREAD;
	store_items_count(s, &q, &cnt, &e);
	is_int(cnt, 1, "only the other source's item is unread");
	store_sources_list(s, &srcs, &nsrc, &e);
	is_int(nsrc, 2, "two sources");
	ok(nsrc == 2 && srcs[0].total == 251 && srcs[0].unread == 0 &&
		   srcs[1].total == 1 && srcs[1].unread == 1,
	   "per-source counts");
	store_sources_free(srcs, nsrc);
	store_close(s);
out:
	free(path);
}

/* The read state of item id. */
static int
is_read(struct store *s, long long id)
{
	struct store_item it;
	struct err e;
	int r = -1;

	if (store_item_get(s, id, &it, &e) == 1)
		r = it.read;
	store_item_clear(&it);
	return r;
}

/* One article in several sources: read in one, read in all. */
static void
test_same_article(void)
{
	struct err e = {{0}};
	char *path = tmp_path("same.db");
	struct store *s = store_open(path, &test_store_text, &e);
	struct store_item_in in = {0};
	struct store_source *srcs = NULL;
	long long a, b, c, ia, ib, ia2, ic, iroot_a, iroot_b, ilate;
	long matched = 0;
	size_t n = 0;

	ok(s != NULL, "open (%s)", e.msg);
	if (!s)
		goto out;
	store_source_ensure(s, "a", "http://a.example/", &a, &e);
	store_source_ensure(s, "b", "http://b.example/", &b, &e);
	store_source_ensure(s, "c", "http://c.example/", &c, &e);
	in.key = "1";
	in.title = "Bridge reopens";
	in.link = "http://news.example/bridge?utm_source=feed#top";
	store_item_upsert(s, a, &in, 1700000000, NULL, &ia, &e);
	in.link = "https://NEWS.example/bridge/";
	store_item_upsert(s, b, &in, 1700000000, NULL, &ib, &e);
	in.key = "2";
	in.link = "http://news.example/bridge";
	store_item_upsert(s, a, &in, 1700000000, NULL, &ia2, &e);
	in.key = "3";
	in.link = "https://news.example/";
	store_item_upsert(s, a, &in, 1700000000, NULL, &iroot_a, &e);
	store_item_upsert(s, b, &in, 1700000000, NULL, &iroot_b, &e);

	ok(store_item_set_read(s, ia, 1, &e) == 0, "read in one source (%s)",
	   e.msg);
	is_int(is_read(s, ib), 1, "read in the other, under another link");
	is_int(is_read(s, ia2), 0,
	       "two items of one source with one link stay two");
	store_sources_list(s, &srcs, &n, &e);
	ok(n == 3 && srcs[0].unread == 2 && srcs[1].unread == 1,
	   "the unread counts agree (%ld, %ld)", n ? srcs[0].unread : -1,
	   n > 1 ? srcs[1].unread : -1);
	store_sources_free(srcs, n);
	ok(store_item_set_read(s, ib, 0, &e) == 0 && is_read(s, ia) == 0,
	   "unread again in both");
	store_item_set_read(s, iroot_a, 1, &e);
	is_int(is_read(s, iroot_b), 0, "a site's front page is no one article");

	store_item_set_read(s, ib, 1, &e);
	in.key = "1";
	in.link = "https://news.example/bridge";
	store_item_upsert(s, c, &in, 1700000100, NULL, &ic, &e);
	is_int(is_read(s, ic), 1, "it comes in read in a third source");

	ok(store_state_import(s, "http://news.example/later/?utm_medium=x", 1,
			      1, &matched, &e) == 0 &&
	       matched == 0,
	   "imported state waits for its item");
	in.key = "9";
	in.link = "https://news.example/later";
	store_item_upsert(s, b, &in, 1700000200, NULL, &ilate, &e);
	is_int(is_read(s, ilate), 1,
	       "and finds it under another link to the same page");
	store_item_set_read(s, ilate, 0, &e);
	ok(store_state_import(s, "http://news.example/later#x", 1, 0, &matched,
			      &e) == 0 &&
	       matched == 1 && is_read(s, ilate) == 1,
	   "import marks a cached item by the same key");
	store_close(s);
out:
	free(path);
}

static void
test_articles(void)
{
	struct err e = {{0}};
	char *path = tmp_path("articles.db");
	struct store *s = store_open(path, &test_store_text, &e);
	struct store_item_in in = {0};
	struct store_article_in a = {0};
	struct store_article got;
	struct store_item it;
	long long src, id, ids[4];
	char *raw = NULL, *page;
	size_t len = 0, n = 0;

	if (!s) {
		ok(0, "open (%s)", e.msg);
		goto out;
	}
	ok(store_set_cache(s, 1024, &e) == 0 && store_set_cache(s, 0, &e) == 0,
	   "the page cache can be resized and reset (%s)", e.msg);
	store_source_ensure(s, "a", "http://a.example/", &src, &e);
	in.key = "k";
	in.title = "T";
	store_item_upsert(s, src, &in, 1, NULL, &id, &e);
	is_int(store_article_get(s, id, &got, &e), 0, "no article yet");

	page = xmalloc(200001);
	for (int i = 0; i < 200000; i++)
		page[i] = "<p>lorem ipsum</p>\n"[i % 19];
	page[200000] = '\0';
	a.doc = "D\0blob";
	a.doc_len = 6;
	a.text = "body text";
	a.comments = 3;
	a.pages_merged = 1;
	a.extractor_version = 2;
	a.fetched = 77;
	a.raw = page;
	a.raw_len = 200000;
	a.charset = "utf-8";
	a.url = "http://a.example/k";
	ok(store_article_put(s, id, &a, &e) == 0, "article saved (%s)", e.msg);
	is_int(store_article_get(s, id, &got, &e), 1, "article found");
	ok(got.doc_len == 6 && !memcmp(got.doc, "D\0blob", 6),
	   "blob round trip with a NUL inside");
	is_str(got.text, "body text", "text");
	ok(got.comments == 3 && got.pages_merged == 1 &&
		   got.extractor_version == 2 && got.fetched == 77,
	   "article fields");
	is_int(got.raw_len, 200000, "raw size recorded");
	store_article_clear(&got);
	is_int(store_article_raw(s, id, &raw, &len, &e), 1, "raw page found");
	ok(len == 200000 && raw && !memcmp(raw, page, len),
	   "raw page round trip");
	free(raw);
	store_item_get(s, id, &it, &e);
	is_int(it.has_article, 1, "item knows it has an article");
	store_item_clear(&it);
	store_articles_stale(s, 3, 0, ids, 4, &n, &e);
	ok(n == 1 && ids[0] == id, "stale for a newer extractor");
	store_articles_stale(s, 2, 0, ids, 4, &n, &e);
	is_int(n, 0, "not stale for the same extractor");
	{
		struct store_article_filter f = {0};
		struct store_article_in u = {0};
		long long other;

		store_source_ensure(s, "b", "http://b.example/", &other, &e);
		f.older_than = 3;
		store_articles_list(s, &f, 0, ids, 4, &n, &e);
		ok(n == 1 && ids[0] == id, "listed: older than 3");
		f.older_than = 2;
		store_articles_list(s, &f, 0, ids, 4, &n, &e);
		is_int(n, 0, "not listed: older than 2");
		f.older_than = 0;
		f.source_id = other;
		store_articles_list(s, &f, 0, ids, 4, &n, &e);
		is_int(n, 0, "not listed for another source");
		f.source_id = src;
		store_articles_list(s, &f, id, ids, 4, &n, &e);
		is_int(n, 0, "after_id pages on");
		u.doc = "new doc";
		u.doc_len = 7;
		u.text = "fresh words";
		u.comments = 1;
		u.extractor_version = 5;
		is_int(store_article_update(s, id, &u, &e), 1,
		       "article updated (%s)", e.msg);
		is_int(store_article_update(s, id + 100, &u, &e), 0,
		       "no article to update");
		store_article_get(s, id, &got, &e);
		ok(got.doc_len == 7 && !memcmp(got.doc, "new doc", 7) &&
			   got.extractor_version == 5 && got.comments == 1 &&
			   got.pages_merged == 1 && got.fetched == 77 &&
			   got.raw_len == 200000 && got.url &&
			   !strcmp(got.url, "http://a.example/k"),
		   "update keeps the page, URL, fetch time and joined mark");
		is_str(got.text, "fresh words", "updated text");
		store_article_clear(&got);
	}
	{
		struct store_item_in in2 = {0};
		long long id2 = 0, id3 = 0, mids[4];
		char *links[4];
		size_t nm = 0;

		in2.key = "k2";
		in2.link = "http://a.example/k2";
		store_item_upsert(s, src, &in2, 2, NULL, &id2, &e);
		in2.key = "k3";
		in2.link = NULL;
		store_item_upsert(s, src, &in2, 3, NULL, &id3, &e);
		store_items_without_article(s, src, 10, mids, links, 4, &nm,
					    &e);
		ok(nm == 2 && mids[0] == id3 && !links[0] && mids[1] == id2 &&
			   links[1] && !strcmp(links[1], "http://a.example/k2"),
		   "items without an article, newest first");
		for (size_t i = 0; i < nm; i++)
			free(links[i]);
		{
			struct store_article_failure f = {0}, got_f;

			f.reason = STORE_ARTICLE_HTTP;
			f.status = 503;
			f.error = "HTTP 503 after 3 tries";
			f.tries = 2;
			f.last_try = 10;
			f.next_try = 100;
			ok(store_article_failure_put(s, id2, &f, &e) == 0,
			   "a failure recorded (%s)", e.msg);
			is_int(store_article_failure_get(s, id2, &got_f, &e), 1,
			       "and read back");
			ok(got_f.reason == STORE_ARTICLE_HTTP &&
			       got_f.status == 503 && got_f.tries == 2 &&
			       got_f.last_try == 10 && got_f.next_try == 100,
			   "with its reason, status, tries and times");
			is_str(got_f.error, "HTTP 503 after 3 tries",
			       "and its words");
			store_article_failure_clear(&got_f);
			is_int(store_article_failure_get(s, id3, &got_f, &e), 0,
			       "no failure: none read");
			store_items_without_article(s, src, 99, mids, links, 4,
						    &nm, &e);
			ok(nm == 1 && mids[0] == id3,
			   "a failed article waits for its time");
			for (size_t i = 0; i < nm; i++)
				free(links[i]);
			store_items_without_article(s, src, 100, mids, links, 4,
						    &nm, &e);
			is_int(nm, 2, "and is listed once it has come");
			for (size_t i = 0; i < nm; i++)
				free(links[i]);
			f.next_try = 0;
			store_article_failure_put(s, id2, &f, &e);
			store_items_without_article(s, src, 1L << 40, mids,
						    links, 4, &nm, &e);
			ok(nm == 1 && mids[0] == id3,
			   "one left to the reader is never listed");
			for (size_t i = 0; i < nm; i++)
				free(links[i]);
			{
				struct store_item it2;

				store_item_get(s, id2, &it2, &e);
				ok(it2.article_failed,
				   "the item says it failed");
				store_item_clear(&it2);
			}
			a.published = 1700000000;
			ok(store_article_put(s, id2, &a, &e) == 0,
			   "its article comes after all");
			is_int(store_article_failure_get(s, id2, &got_f, &e), 0,
			       "and the failure is forgotten");
			{
				struct store_item it2;

				store_item_get(s, id2, &it2, &e);
				ok(!it2.article_failed && it2.has_article,
				   "the item says so");
				is_int(
				    (long)it2.date, 1700000000,
				    "an undated item takes its article's date");
				store_item_clear(&it2);
			}
			a.published = 0;
		}
		a.raw = NULL;
		a.raw_len = 0;
		is_int(store_article_put(s, id3 + 1000, &a, &e), 0,
		       "an article for an item gone meanwhile is no error");
		is_int(store_article_get(s, id3 + 1000, &got, &e), 0,
		       "and nothing is stored");
	}

	a.raw = NULL;
	a.raw_len = 0;
	a.text = "second";
	ok(store_article_put(s, id, &a, &e) == 0, "article replaced");
	is_int(store_article_raw(s, id, &raw, &len, &e), 0,
	       "page dropped when not given");
	free(page);
	store_close(s);
out:
	free(path);
}

/* last_seen of item id, read with sqlite itself (the API has no use for
 * it beyond retention); -1 when it cannot be read. */
static long long
last_seen(const char *path, long long id)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	long long v = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) ==
		    SQLITE_OK &&
	    sqlite3_prepare_v2(db, "SELECT last_seen FROM items WHERE id = ?1",
			       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, id);
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* An item fetched again as it was is only marked seen; a changed one is
 * updated, packed summary and search index included. */
static void
test_seen_again(void)
{
	struct err e = {{0}};
	char *path = tmp_path("again.db");
	struct store *s = store_open(path, &test_store_text, &e);
	struct store_item_in in = {0};
	struct store_search_query q = {0};
	struct store_hit *hits = NULL;
	struct store_item it;
	struct buf a, b;
	long long src = 0, id = 0, id2 = 0;
	size_t n = 0;
	int is_new = -1;

	buf_init(&a, 0);
	for (int i = 0; i < 20; i++) /* long enough to be packed */
		buf_puts(&a, "<p>the ferry sails</p> ");
	buf_putc(&a, '\0');
	buf_init(&b, 0);
	buf_puts(&b, a.data);
	buf_puts(&b, "cancelled");
	buf_putc(&b, '\0');
	store_source_ensure(s, "a", "http://a.example/", &src, &e);
	in.key = "k";
	in.title = "Ferry";
	in.link = "http://a.example/k";
	in.author = "Ana";
	in.summary = a.data;
	in.content = a.data;
	in.published = 5000;
	store_item_upsert(s, src, &in, 10000, &is_new, &id, &e);
	store_item_set_read(s, id, 1, &e);
	ok(store_item_upsert(s, src, &in, 12000, &is_new, &id2, &e) == 0 &&
		   !is_new && id2 == id,
	   "the same item again: not new (%s)", e.msg);
	is_int(last_seen(path, id), 12000, "but seen again");
	store_item_get(s, id, &it, &e);
	ok(it.read == 1 && it.summary && !strcmp(it.summary, a.data) &&
		   it.content && !strcmp(it.content, a.data),
	   "and kept as it was");
	store_item_clear(&it);

	in.summary = b.data;
	in.published = 0; /* absent: keeps the old date */
	store_item_upsert(s, src, &in, 13000, &is_new, &id2, &e);
	store_item_get(s, id, &it, &e);
	ok(!is_new && it.summary && !strcmp(it.summary, b.data) &&
		   it.published == 5000 && it.read == 1,
	   "a changed summary is updated, the rest kept");
	store_item_clear(&it);
	is_int(last_seen(path, id), 13000, "and seen");
	q.text = "cancelled";
	q.limit = 5;
	store_search(s, &q, &hits, &n, &e);
	ok(n == 1 && hits[0].item.id == id, "the new summary is searchable");
	store_hits_free(hits, n);
	in.title = "Ferry back";
	store_item_upsert(s, src, &in, 14000, &is_new, &id2, &e);
	store_item_get(s, id, &it, &e);
	is_str(it.title, "Ferry back", "a changed title is updated");
	store_item_clear(&it);
	store_close(s);
	buf_free(&a);
	buf_free(&b);
	free(path);
}

/* Pages deep in a long list (read from its other end) match the list
 * walked from the top with cursors. */
static void
test_deep_pages(void)
{
	struct err e = {{0}};
	char *path = xasprintf("%s/deep.db", tmpdir);
	struct store *s = store_open(path, &test_store_text, &e);
	struct store_query q = {0};
	struct store_item *rows = NULL;
	long long src, all[2500];
	size_t n = 0, total = 0;
	static const long offs[] = {0, 1200, 1300, 2000, 2470, 2499, 2500};
	int bad = 0;

	if (!s) {
		ok(0, "open (%s)", e.msg);
		free(path);
		return;
	}
	store_source_ensure(s, "deep", "http://deep.example/", &src, &e);
	store_begin(s, &e);
	for (int i = 0; i < 2500; i++) {
		struct store_item_in in = {0};
		char key[16];

		snprintf(key, sizeof(key), "k%d", i);
		in.key = key;
		in.published = 1000000 + (i % 700) * 60; /* equal dates too */
		store_item_upsert(s, src, &in, 2000000, NULL, NULL, &e);
	}
	store_commit(s, &e);
	q.view = STORE_VIEW_ALL;
	for (;;) {
		struct store_cursor c;

		if (total) {
			c.date = rows[n - 1].date;
			c.id = rows[n - 1].id;
		}
		store_items_free(rows, n);
		store_items_page(s, &q, total ? &c : NULL, 0, 1000, &rows, &n,
				 &e);
		if (!n)
			break;
		for (size_t i = 0; i < n && total < 2500; i++)
			all[total++] = rows[i].id;
	}
	store_items_free(rows, n);
	rows = NULL;
	n = 0;
	is_int((long)total, 2500, "the list walked with cursors");
	for (size_t k = 0; k < sizeof(offs) / sizeof(offs[0]); k++) {
		size_t want = offs[k] + 60 <= 2500 ? 60 : 2500 - offs[k];

		store_items_page(s, &q, NULL, offs[k], 60, &rows, &n, &e);
		if (n != want)
			bad++;
		for (size_t i = 0; i < n && n == want; i++)
			bad += rows[i].id != all[offs[k] + (long)i];
		store_items_free(rows, n);
		rows = NULL;
		n = 0;
	}
	is_int(bad, 0, "pages by offset, deep ones too, match it");
	store_close(s);
	free(path);
}

/* Items of several sources as one list (a tag), and marking read with a
 * way back. */
static void
test_tag_list_and_undo(void)
{
	struct err e = {{0}};
	char *path = tmp_path("tag.db");
	struct store *s = store_open(path, &test_store_text, &e);
	struct store_item_in in = {0};
	struct store_query q = {0};
	struct store_item *rows = NULL;
	long long src[3], pair[2], *ids = NULL;
	size_t n = 0;
	long cnt = -1, changed = -1;
	char key[32];

	ok(s != NULL, "open (%s)", e.msg);
	if (!s)
		goto out;
	store_source_ensure(s, "a", "http://a.example/", &src[0], &e);
	store_source_ensure(s, "b", "http://b.example/", &src[1], &e);
	store_source_ensure(s, "c", "http://c.example/", &src[2], &e);
	for (int i = 0; i < 9; i++) { /* three items in each source */
		snprintf(key, sizeof(key), "k%d", i);
		in.key = key;
		in.title = key;
		in.published = 1000 + i;
		store_item_upsert(s, src[i % 3], &in, 5000, NULL, NULL, &e);
	}
	pair[0] = src[0];
	pair[1] = src[2];
	q.view = STORE_VIEW_SOURCES;
	q.source_ids = pair;
	q.nsource_ids = 2;
	ok(store_items_count(s, &q, &cnt, &e) == 0, "count a tag's items");
	is_int(cnt, 6, "the items of both sources");
	ok(store_items_page(s, &q, NULL, 0, 100, &rows, &n, &e) == 0,
	   "list a tag's items");
	is_int(n, 6, "every item of both, in one list");
	is_str(n ? rows[0].title : NULL, "k8", "newest first");
	ok(n == 6 && rows[0].source_id == src[2] && rows[1].source_id == src[0],
	   "the two sources mixed by date");
	store_items_free(rows, n);
	q.nsource_ids = 0;
	store_items_count(s, &q, &cnt, &e);
	is_int(cnt, 0, "a tag without sources lists nothing");

	ok(store_source_mark_read_ids(s, src[1], &ids, &n, &e) == 0,
	   "mark one source read, keeping which");
	is_int(n, 3, "its three items");
	q.view = STORE_VIEW_UNREAD;
	store_items_count(s, &q, &cnt, &e);
	is_int(cnt, 6, "the others stay unread");
	ok(store_items_set_read(s, ids, n, 0, &changed, &e) == 0,
	   "undo: unread again");
	is_int(changed, 3, "all three changed back");
	store_items_count(s, &q, &cnt, &e);
	is_int(cnt, 9, "every item unread again");
	free(ids);
	ok(store_source_mark_read_ids(s, 0, &ids, &n, &e) == 0,
	   "mark everything read, keeping which");
	is_int(n, 9, "all nine");
	store_items_count(s, &q, &cnt, &e);
	is_int(cnt, 0, "nothing unread");
	free(ids);
	ok(store_source_mark_read_ids(s, 0, &ids, &n, &e) == 0 && n == 0 &&
	       !ids,
	   "nothing left to mark: no ids");
	store_close(s);
out:
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
	test_open_and_sources();
	test_items();
	test_same_article();
	test_articles();
	test_seen_again();
	test_deep_pages();
	test_tag_list_and_undo();
	cmd = xasprintf("rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
	free(cmd);
	return tap_done();
}
