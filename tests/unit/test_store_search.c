/* test_store_search.c: the cache's search, retention, purge and read-state export/import. */
#include "autoconfig.h"

#include "store/store.h"
#include "unit/store_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "util/buf.h"
#include "util/str.h"

static char tmpdir[] = "/tmp/warta-search-test.XXXXXX";

static void
test_query_syntax(void)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{"hello world", "\"hello\" \"world\""},
		{"  hello   ", "\"hello\""},
		{"a\"b", "\"a\"\"b\""},
		{"\"big cat\" zoo", "\"big cat\" \"zoo\""},
		{"\"unclosed phrase", "\"unclosed phrase\""},
		{"volc*", "\"volc\"*"},
		{"cats -dogs", "(\"cats\") NOT \"dogs\""},
		{"-dogs", NULL},
		{"-", NULL},
		{"\"", NULL},
		{"* - ( ) :", NULL},
		{"", NULL},
		{"title:x", "\"title:x\""},
		{"NEAR(a b)", "\"NEAR(a\" \"b)\""},
		{"a AND OR NOT", "\"a\" \"AND\" \"OR\" \"NOT\""},
		{"東京 ニュース", "\"東京\" \"ニュース\""},
		{"well-known", "\"well-known\""},
	};
	char *q;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		q = store_fts_query(cases[i].in);
		is_str(q, cases[i].want, "query '%s'", cases[i].in);
		free(q);
	}
}

static long long
add(struct store *s, long long src, const char *key, const char *title,
    const char *summary, const char *text, time_t date, time_t now)
{
	struct store_item_in in = {0};
	struct store_article_in a = {0};
	struct err e = {{0}};
	long long id = 0;

	in.key = key;
	in.title = title;
	in.summary = summary;
	in.link = xasprintf("http://example.org/%s", key);
	in.published = date;
	store_item_upsert(s, src, &in, now, NULL, &id, &e);
	free((char *)in.link);
	if (text) {
		a.doc = "doc";
		a.doc_len = 3;
		a.text = text;
		a.extractor_version = 1;
		store_article_put(s, id, &a, &e);
	}
	return id;
}

static void
test_search(void)
{
	struct err e = {{0}};
	char *path = xasprintf("%s/search.db", tmpdir);
	struct store *s = store_open(path, &test_store_text, &e);
	struct store_search_query q = {0};
	struct store_hit *hits = NULL;
	struct store_item_in in = {0};
	size_t n = 0;
	long long a, b, c, src, src2, id;
	static const char *const odd[] = {"\"", "-", "(", "*", "AND", "OR NOT",
					  "col:x", "^a", "a + b", "NEAR(", "'",
					  "\"\"\"", "x*y*", "-a -b"};

	if (!s) {
		ok(0, "open (%s)", e.msg);
		return;
	}
	store_source_ensure(s, "one", "http://one.example/", &src, &e);
	store_source_ensure(s, "two", "http://two.example/", &src2, &e);
	c = add(s, src, "c", "Mountain report",
		"Weather and trails this week",
		"A long walk along the ridge. Far below, an old volcano "
		"sleeps under snow. The trail continues for miles past "
		"lakes, huts and meadows, and the guide talks about birds.",
		100, 1000);
	b = add(s, src, "b", "Island ferry news",
		"The volcano on the island smoked again", NULL, 200, 1000);
	a = add(s, src2, "a", "Volcano erupts near the coast",
		"Ash closed the airport", "The volcano erupted at night.", 300,
		1000);
	q.text = "volcano";
	q.limit = 10;
	ok(store_search(s, &q, &hits, &n, &e) == 0, "search (%s)", e.msg);
	is_int(n, 3, "three matches");
	ok(n == 3 && hits[0].item.id == a && hits[1].item.id == b &&
		   hits[2].item.id == c,
	   "title beats summary beats article text");
	ok(n && hits[0].snippet && strchr(hits[0].snippet, STORE_MARK_ON) &&
		   strchr(hits[0].snippet, STORE_MARK_OFF),
	   "snippet marks the match");
	ok(n == 3 && hits[2].snippet && strstr(hits[2].snippet, "volcano"),
	   "snippet from the article text: %s", n == 3 ? hits[2].snippet : "");
	is_str(n ? hits[0].item.source : NULL, "two", "hit knows its source");
	store_hits_free(hits, n);

	q.source_id = src;
	store_search(s, &q, &hits, &n, &e);
	ok(n == 2 && hits[0].item.id == b, "restricted to one source");
	store_hits_free(hits, n);
	q.source_id = 0;
	store_item_set_read(s, b, 1, &e);
	q.unread_only = 1;
	store_search(s, &q, &hits, &n, &e);
	ok(n == 2 && hits[0].item.id == a && hits[1].item.id == c,
	   "unread only");
	store_hits_free(hits, n);
	q.unread_only = 0;

	q.text = "volcano -island";
	store_search(s, &q, &hits, &n, &e);
	is_int(n, 2, "an excluded word");
	store_hits_free(hits, n);
	q.text = "volc*";
	store_search(s, &q, &hits, &n, &e);
	is_int(n, 3, "a prefix");
	store_hits_free(hits, n);
	q.text = "\"old volcano\"";
	store_search(s, &q, &hits, &n, &e);
	ok(n == 1 && hits[0].item.id == c, "a phrase");
	store_hits_free(hits, n);
	q.text = "\"volcano old\"";
	store_search(s, &q, &hits, &n, &e);
	is_int(n, 0, "a phrase's words in another order do not match");
	store_hits_free(hits, n);
	q.text = "\"ridge far\"";
	store_search(s, &q, &hits, &n, &e);
	ok(n == 1 && hits[0].item.id == c, "a phrase across punctuation");
	store_hits_free(hits, n);
	q.text = "\"report weather\"";
	store_search(s, &q, &hits, &n, &e);
	is_int(n, 0, "a phrase does not run from the title into the summary");
	store_hits_free(hits, n);
	q.text = "walk-along";
	store_search(s, &q, &hits, &n, &e);
	ok(n == 1 && hits[0].item.id == c, "a word the tokenizer splits (%s)",
	   e.msg);
	store_hits_free(hits, n);
	q.text = "along-walk";
	store_search(s, &q, &hits, &n, &e);
	is_int(n, 0, "its parts must follow each other");
	store_hits_free(hits, n);
	q.text = "volcano -\"old volcano\"";
	store_search(s, &q, &hits, &n, &e);
	is_int(n, 2, "an excluded phrase");
	store_hits_free(hits, n);
	q.text = "\"OLD VOLCÁNO\"";
	store_search(s, &q, &hits, &n, &e);
	ok(n == 1 && hits[0].item.id == c,
	   "a phrase ignores case and diacritics");
	store_hits_free(hits, n);
	q.text = "VOLCANO";
	store_search(s, &q, &hits, &n, &e);
	is_int(n, 3, "case does not matter");
	store_hits_free(hits, n);

	for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
		q.text = odd[i];
		ok(store_search(s, &q, &hits, &n, &e) == 0,
		   "odd query '%s' is no error (%s)", odd[i], e.msg);
		store_hits_free(hits, n);
	}

	/* the index follows every change */
	in.key = "a";
	in.title = "Lava reaches the sea";
	store_item_upsert(s, src2, &in, 2000, NULL, &id, &e);
	q.text = "lava";
	store_search(s, &q, &hits, &n, &e);
	ok(n == 1 && hits[0].item.id == a, "a changed title is found");
	store_hits_free(hits, n);
	q.text = "erupts";
	store_search(s, &q, &hits, &n, &e);
	is_int(n, 0, "the old title is gone");
	store_hits_free(hits, n);
	{
		struct store_article_in art = {0};

		art.doc = "d";
		art.doc_len = 1;
		art.text = "Replaced body about glaciers.";
		store_article_put(s, c, &art, &e);
	}
	q.text = "glaciers";
	store_search(s, &q, &hits, &n, &e);
	ok(n == 1 && hits[0].item.id == c, "a replaced article is found");
	store_hits_free(hits, n);
	q.text = "meadows";
	store_search(s, &q, &hits, &n, &e);
	is_int(n, 0, "its old text is gone");
	store_hits_free(hits, n);
	ok(store_check(s, &e) == 0, "index consistent after changes (%s)",
	   e.msg);
	store_close(s);
	free(path);
}

static void
test_retention(void)
{
	struct err e = {{0}};
	char *path = xasprintf("%s/keep.db", tmpdir);
	struct store *s = store_open(path, &test_store_text, &e);
	struct store_retention r = {0};
	struct store_fetch_state f = {0};
	struct store_item it;
	long long src, ids[20];
	long dropped = -1;
	time_t now = 100 * 86400;
	char key[16];

	if (!s) {
		ok(0, "open (%s)", e.msg);
		return;
	}
	store_source_ensure(s, "src", "http://src.example/", &src, &e);
	/* 20 items, item i dated i days ago, seen in an old fetch */
	for (int i = 0; i < 20; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		ids[i] = add(s, src, key, key, NULL, i % 2 ? "text" : NULL,
			     now - i * 86400, now - 50 * 86400);
	}
	/* the latest fetch saw items 18 and 19 still in the feed */
	f.ok = 1;
	f.when = now - 86400;
	store_source_set_fetch(s, src, &f, &e);
	for (int i = 18; i < 20; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		add(s, src, key, key, NULL, NULL, now - i * 86400, now);
	}
	for (int i = 0; i < 20; i += 3)
		store_item_set_read(s, ids[i], 1, &e); /* 0 3 6 9 12 15 18 */
	store_item_set_flagged(s, ids[17], 1, &e);
	store_item_set_flagged(s, ids[16], 1, &e);

	r.keep_days = 15;
	ok(store_retention_apply(s, src, &r, now, &dropped, &e) == 0,
	   "retention by age (%s)", e.msg);
	/* older than 15 days: 16..19; 16, 17 flagged, 18, 19 in the feed */
	is_int(dropped, 0, "flagged and still-in-feed items stay");
	r.keep_days = 10;
	store_retention_apply(s, 0, &r, now, &dropped, &e);
	/* older than 10 days: 11..19 minus 16..19 -> 11..15 */
	is_int(dropped, 5, "old items dropped");
	is_int(store_item_get(s, ids[13], &it, &e), 0, "item 13 gone");
	is_int(store_item_get(s, ids[16], &it, &e), 1, "flagged item kept");
	store_item_clear(&it);
	is_int(store_item_get(s, ids[19], &it, &e), 1,
	       "item still in the feed kept");
	store_item_clear(&it);

	r.keep_days = 0;
	r.max_items = 3;
	store_retention_apply(s, src, &r, now, &dropped, &e);
	/* left: 0..10 and 16..19; beyond the newest 3 (0,1,2): 3..10 can
	 * go if read or older than 30 days: read ones are 3, 6, 9 */
	is_int(dropped, 3, "surplus read items dropped");
	is_int(store_item_get(s, ids[4], &it, &e), 1,
	       "recent unread item kept beyond max-items");
	store_item_clear(&it);
	is_int(store_item_get(s, ids[9], &it, &e), 0, "read surplus gone");
	ok(store_check(s, &e) == 0, "consistent after retention (%s)", e.msg);
	{
		struct store_source srcrow;

		store_source_get(s, "src", &srcrow, &e);
		is_int(srcrow.total, 12, "counts follow retention");
		store_source_clear(&srcrow);
	}
	store_close(s);
	free(path);
}

struct export_ctx {
	char lines[16][128];
	int n;
};

static int
collect(void *ctx, const char *url, int read, int flagged)
{
	struct export_ctx *x = ctx;

	if (x->n < 16)
		snprintf(x->lines[x->n++], 128, "%d%d %s", read, flagged, url);
	return 0;
}

static void
test_purge_and_state(void)
{
	struct err e = {{0}};
	char *path = xasprintf("%s/purge.db", tmpdir);
	char *path2 = xasprintf("%s/other.db", tmpdir);
	struct store *s = store_open(path, &test_store_text, &e), *t = NULL;
	struct export_ctx x;
	struct store_item it;
	const char *keep[] = {"kept"};
	long long k, g, a, b, c, id;
	long nsrc = -1, nitems = -1, matched = -1;
	struct store_source *rows;
	size_t n;

	if (!s) {
		ok(0, "open (%s)", e.msg);
		return;
	}
	store_source_ensure(s, "kept", "http://kept.example/", &k, &e);
	store_source_ensure(s, "gone", "http://gone.example/", &g, &e);
	a = add(s, k, "a", "A", NULL, "text a", 10, 10);
	b = add(s, g, "b", "B", NULL, "text b", 10, 10);
	c = add(s, g, "c", "C", NULL, NULL, 10, 10);
	store_item_set_read(s, a, 1, &e);
	store_item_set_flagged(s, b, 1, &e);
	store_item_set_read(s, c, 1, &e);
	store_item_set_flagged(s, c, 1, &e);

	memset(&x, 0, sizeof(x));
	ok(store_state_export(s, collect, &x, &e) == 0, "export");
	is_int(x.n, 3, "three URLs with state");
	is_str(x.lines[0], "10 http://example.org/a", "read");
	is_str(x.lines[1], "01 http://example.org/b", "flagged");
	is_str(x.lines[2], "11 http://example.org/c", "both");

	/* into another cache: one item present, the rest waiting */
	t = store_open(path2, &test_store_text, &e);
	store_source_ensure(t, "kept", "http://kept.example/", &k, &e);
	id = add(t, k, "a", "A", NULL, NULL, 10, 10);
	store_begin(t, &e);
	store_state_import(t, "http://example.org/a", 1, 0, &matched, &e);
	is_int(matched, 1, "import matched a cached item");
	store_state_import(t, "http://example.org/b", 0, 1, &matched, &e);
	is_int(matched, 0, "import of an unknown URL waits");
	ok(store_commit(t, &e) == 0, "import committed");
	store_item_get(t, id, &it, &e);
	is_int(it.read, 1, "imported read state");
	store_item_clear(&it);
	id = add(t, k, "b", "B", NULL, NULL, 10, 10);
	store_item_get(t, id, &it, &e);
	is_int(it.flagged, 1, "waiting state applied when the item arrives");
	is_int(it.read, 0, "and only that state");
	store_item_clear(&it);
	memset(&x, 0, sizeof(x));
	store_state_export(t, collect, &x, &e);
	is_int(x.n, 2, "export after import");
	store_close(t);

	ok(store_purge(s, keep, 1, &nsrc, &nitems, &e) == 0, "purge (%s)",
	   e.msg);
	ok(nsrc == 1 && nitems == 2, "one source and its two items dropped");
	store_sources_list(s, &rows, &n, &e);
	ok(n == 1 && !strcmp(rows[0].name, "kept"), "the kept source remains");
	store_sources_free(rows, n);
	ok(store_check(s, &e) == 0, "consistent after purge (%s)", e.msg);
	{
		long long before = 0, after = 0;

		ok(store_vacuum(s, &before, &after, &e) == 0 && after > 0,
		   "vacuum (%lld -> %lld bytes)", before, after);
	}
	store_close(s);
	free(path);
	free(path2);
}

static void
test_packing(void)
{
	struct err e = {{0}};
	char *path = xasprintf("%s/pack.db", tmpdir);
	struct store *s = store_open(path, &test_store_text, &e);
	struct store_item_in in = {0};
	struct store_article_in a = {0};
	struct store_article got;
	struct store_search_query q = {0};
	struct store_hit *hits = NULL;
	struct store_item it;
	struct buf summary, text;
	char doc[1000];
	long long src, id;
	size_t n = 0;

	if (!s) {
		ok(0, "open (%s)", e.msg);
		return;
	}
	buf_init(&summary, 0);
	buf_puts(&summary, "<p>The <strong>harbour</strong> caf&#233; &amp; "
			   "bakery, where 3 < 4 holds.</p>");
	for (int i = 0; i < 40; i++)
		buf_printf(&summary, "<p>Filler sentence number %d.</p>", i);
	store_source_ensure(s, "p", "http://p.example/", &src, &e);
	in.key = "p1";
	in.title = "Packed";
	in.summary = summary.data;
	in.content = summary.data;
	store_item_upsert(s, src, &in, 1, NULL, &id, &e);
	store_item_get(s, id, &it, &e);
	is_str(it.summary, summary.data, "a long summary reads back as written");
	is_str(it.content, summary.data, "so does the content");
	store_item_clear(&it);
	q.limit = 10;
	q.text = "strong";
	store_search(s, &q, &hits, &n, &e);
	is_int(n, 0, "markup is not indexed");
	store_hits_free(hits, n);
	q.text = "café bakery";
	store_search(s, &q, &hits, &n, &e);
	is_int(n, 1, "entities are decoded for the index");
	ok(n == 1 && hits[0].snippet && !strstr(hits[0].snippet, "<p>"),
	   "the snippet has no markup: %s", n ? hits[0].snippet : "");
	store_hits_free(hits, n);
	q.text = "4 holds";
	store_search(s, &q, &hits, &n, &e);
	is_int(n, 1, "a lone < stays text");
	store_hits_free(hits, n);
	/* a second long summary replaces the first in the index, and the
	 * first item packed after it keeps its own words */
	buf_reset(&summary);
	buf_puts(&summary, "<p>Now about the lighthouse keeper.</p>");
	for (int i = 0; i < 40; i++)
		buf_printf(&summary, "<p>Other filler %d.</p>", i);
	in.summary = summary.data;
	in.content = NULL;
	store_item_upsert(s, src, &in, 2, NULL, &id, &e);
	in.key = "p2";
	in.summary = "<p>A short one about a lighthouse.</p>";
	store_item_upsert(s, src, &in, 2, NULL, NULL, &e);
	in.key = "p1";
	q.text = "bakery";
	store_search(s, &q, &hits, &n, &e);
	is_int(n, 0, "a replaced summary leaves the index");
	store_hits_free(hits, n);
	q.text = "lighthouse keeper";
	store_search(s, &q, &hits, &n, &e);
	ok(n == 1 && hits[0].item.id == id, "the new summary is indexed");
	store_hits_free(hits, n);
	q.text = "lighthouse";
	store_search(s, &q, &hits, &n, &e);
	is_int(n, 2, "each item with its own words");
	store_hits_free(hits, n);

	for (size_t i = 0; i < sizeof(doc); i++)
		doc[i] = (char)(i % 7 == 0 ? 0 : 'a' + i % 5);
	buf_init(&text, 0);
	for (int i = 0; i < 50; i++)
		buf_printf(&text, "Paragraph %d of the article body. ", i);
	a.doc = doc;
	a.doc_len = sizeof(doc);
	a.text = text.data;
	ok(store_article_put(s, id, &a, &e) == 0, "a long article is saved");
	is_int(store_article_get(s, id, &got, &e), 1, "and read back");
	ok(got.doc_len == sizeof(doc) && !memcmp(got.doc, doc, sizeof(doc)),
	   "the packed doc blob round-trips");
	is_str(got.text, text.data, "the packed text round-trips");
	store_article_clear(&got);
	q.text = "paragraph 42";
	store_search(s, &q, &hits, &n, &e);
	is_int(n, 1, "packed article text is searchable");
	store_hits_free(hits, n);
	in.summary = "short now";
	store_item_upsert(s, src, &in, 2, NULL, &id, &e);
	q.text = "bakery";
	store_search(s, &q, &hits, &n, &e);
	is_int(n, 0, "a replaced packed summary leaves the index");
	store_hits_free(hits, n);
	ok(store_check(s, &e) == 0, "index consistent with packed values (%s)",
	   e.msg);
	buf_free(&summary);
	buf_free(&text);
	store_close(s);
	free(path);
}

/* A word in more articles than the rank window: ranked among the newest. */
static void
test_window(void)
{
	struct err e = {{0}};
	char *path = xasprintf("%s/window.db", tmpdir);
	struct store *s = store_open(path, &test_store_text, &e);
	struct store_search_query q = {0};
	struct store_hit *hits = NULL;
	size_t n = 0;
	long long src, oldest, newest;
	char key[32];
	int found;

	if (!s) {
		ok(0, "open (%s)", e.msg);
		free(path);
		return;
	}
	store_source_ensure(s, "one", "http://one.example/", &src, &e);
	store_begin(s, &e);
	/* the oldest match has the word in its title, every later one
	 * only in its summary */
	oldest = add(s, src, "k0", "Harbour news", "Boats in the harbour",
		     NULL, 1000, 1000);
	for (int i = 1; i < 600; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		add(s, src, key, "Town notes",
		    "A long day at the harbour and the market", NULL,
		    1000 + i, 1000);
	}
	newest = add(s, src, "k600", "Harbour lights return", "Lamps again",
		     NULL, 2000, 1000);
	store_commit(s, &e);
	q.text = "harbour";
	q.limit = 5;
	ok(store_search(s, &q, &hits, &n, &e) == 0, "601 matches (%s)", e.msg);
	is_int(n, 5, "a page of hits");
	ok(n && hits[0].item.id == newest,
	   "the best of the newest matches first");
	found = 0;
	for (size_t i = 0; i < n; i++)
		found += hits[i].item.id == oldest;
	is_int(found, 0, "the oldest match, past the rank window, is not ranked");
	store_hits_free(hits, n);
	q.text = "harbour news";
	ok(store_search(s, &q, &hits, &n, &e) == 0 && n == 1 &&
		   hits[0].item.id == oldest,
	   "a narrower query still finds the oldest");
	store_hits_free(hits, n);
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
	test_query_syntax();
	test_search();
	test_window();
	test_retention();
	test_packing();
	test_purge_and_state();
	cmd = xasprintf("rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
	free(cmd);
	return tap_done();
}
