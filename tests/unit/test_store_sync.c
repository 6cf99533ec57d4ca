/* test_store_sync.c: the sync server's sources and items in the cache, and the
 * queue of local changes. */
#include "autoconfig.h"

#include "store/store.h"
#include "tap.h"
#include "unit/store_text.h"
#include "util/str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct store *s;
static struct err e;

/* The queue as "kind:value" words, oldest first ("1:1 2:0 3:0"). */
static char *
queue(void)
{
	static char out[512];
	struct store_sync_change *rows;
	size_t n = 0, len = 0;

	out[0] = '\0';
	if (store_sync_queue_list(s, 0, 100, &rows, &n, &e) != 0)
		return "error";
	for (size_t i = 0; i < n && len < sizeof(out) - 32; i++)
		len +=
		    (size_t)snprintf(out + len, sizeof(out) - len, "%s%d:%d",
				     i ? " " : "", rows[i].kind, rows[i].value);
	store_sync_changes_free(rows, n);
	return out;
}

static long long
first_id(void)
{
	struct store_sync_change *rows;
	size_t n = 0;
	long long id = 0;

	if (store_sync_queue_list(s, 0, 1, &rows, &n, &e) == 0 && n)
		id = rows[0].id;
	store_sync_changes_free(rows, n);
	return id;
}

static long long
put(long long source, long long remote, int read, int flagged)
{
	struct store_sync_item_in in;
	char title[32], link[64];
	struct store_query q = {.view = STORE_VIEW_SOURCE, .source_id = source};
	struct store_item *rows;
	size_t n = 0;
	long long id = 0;

	memset(&in, 0, sizeof(in));
	snprintf(title, sizeof(title), "item %lld", remote);
	snprintf(link, sizeof(link), "https://news.example/%lld", remote);
	in.remote = remote;
	in.stamp = remote * 1000;
	in.read = read;
	in.flagged = flagged;
	in.item.title = title;
	in.item.link = link;
	in.item.published = 1700000000 + remote;
	if (store_sync_item_put(s, source, &in, 1700000000, NULL, &e) != 0)
		return 0;
	store_items_page(s, &q, NULL, 0, 1000, &rows, &n, &e);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(rows[i].title, title))
			id = rows[i].id;
	store_items_free(rows, n);
	return id;
}

/* Item remote of synced source source, read or not, first seen at seen. */
static long long
put_at(long long source, long long remote, int read, time_t seen)
{
	struct store_sync_item_in in;
	char title[32];
	int is_new = 0;

	memset(&in, 0, sizeof(in));
	snprintf(title, sizeof(title), "tide %lld", remote);
	in.remote = remote;
	in.stamp = remote * 1000;
	in.read = read;
	in.item.title = title;
	in.item.published = 1700000000;
	return store_sync_item_put(s, source, &in, seen, &is_new, &e) == 0 &&
	       is_new;
}

/* The id of the item of source titled title, or 0. */
static long long
titled(long long source, const char *title)
{
	struct store_query q = {.view = STORE_VIEW_SOURCE, .source_id = source};
	struct store_item *items;
	size_t n = 0;
	long long id = 0;

	if (store_items_page(s, &q, NULL, 0, 100, &items, &n, &e) != 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(items[i].title, title))
			id = items[i].id;
	store_items_free(items, n);
	return id;
}

/* The synced sources beside the config's: their names, their tags, and
 * what retention and purge do to them. */
static void
synced_sources(void)
{
	const char *avoid[] = {"tide tables"};
	struct store_sync_source_in in = {
	    "feed/7",	    "Tide Tables", "https://tide.example/feed",
	    "Coast\nDaily", avoid,	   1};
	struct store_sync_source_in in2 = {
	    "feed/8", "Night Ferry", "https://ferry.example/feed",
	    NULL,     NULL,	     0};
	struct store_retention keep = {1, 30};
	struct store_sync_source *rows = NULL;
	const char *names[2];
	long long tide, ferry, local, id, r5;
	time_t then = 1700000000, now = then + 40 * 86400;
	char *name = NULL;
	size_t n = 0;
	long dropped = 0, nsrc = 0, nitems = 0, queued;

	ok(store_sync_source_put(s, &in, &tide, &name, &e) == 0,
	   "a subscription named like a config's source");
	is_str(name, "Tide Tables (2)",
	       "takes another name, whatever the case of the config's");
	free(name);
	ok(store_sync_source_put(s, &in2, &ferry, NULL, &e) == 0,
	   "another subscription");
	ok(store_sync_sources_list(s, &rows, &n, &e) == 0 && n == 2,
	   "the synced sources listed");
	ok(n == 2 && !strcmp(rows[1].name, "Tide Tables (2)") &&
	       rows[1].source_id == tide && !strcmp(rows[1].remote, "feed/7") &&
	       rows[1].tags && !strcmp(rows[1].tags, "Coast\nDaily") &&
	       !strcmp(rows[1].url, "https://tide.example/feed") &&
	       !rows[0].tags,
	   "by name, with remote id, URL and folders");
	store_sync_sources_free(rows, n);

	/* the config gains a source of a synced one's name: it gets it */
	ok(store_source_ensure(s, "night ferry", "https://local.example/f",
			       &local, &e) == 0 &&
	       local != ferry,
	   "a config's source never shares a synced one's row");
	ok(store_sync_source_find(s, "Night Ferry (2)", &id, &e) == 1 &&
	       id == ferry,
	   "the synced one yields its name");
	ok(store_sync_source_find(s, "Night Ferry", &id, &e) == 0,
	   "... which is the config's now");
	ok(store_source_ensure(s, "Night Ferry (2)", "https://x.example/", &id,
			       &e) == 0 &&
	       id != ferry &&
	       store_sync_source_find(s, "Night Ferry (3)", &id, &e) == 1 &&
	       id == ferry,
	   "and again");

	/* retention: what the server lists unread stays */
	ok(put_at(tide, 101, 1, then) && put_at(tide, 102, 0, then) &&
	       put_at(tide, 103, 1, then) && put_at(tide, 104, 0, then) &&
	       put_at(tide, 105, 1, now - 3600),
	   "five old items of a synced source");
	id = titled(tide, "tide 103");
	ok(id && store_item_set_flagged(s, id, 1, &e) == 0, "one flagged");
	id = titled(tide, "tide 104");
	ok(id && store_item_set_read(s, id, 1, &e) == 0,
	   "one read here, its change queued");
	ok(store_retention_apply(s, tide, &keep, now, &dropped, &e) == 0,
	   "retention on the synced source");
	is_int(dropped, 1, "one item dropped");
	ok(store_sync_item_known(s, 101, &e) == 0, "old and read: dropped");
	ok(store_sync_item_known(s, 102, &e) == 1, "unread: kept");
	ok(store_sync_item_known(s, 103, &e) == 1, "flagged: kept");
	ok(store_sync_item_known(s, 104, &e) == 1,
	   "read with a change not yet pushed: kept");
	r5 = store_sync_item_known(s, 105, &e);
	ok(r5 == 1, "read but taken in within the day: kept");

	/* purge: a source dropped takes its queued changes along */
	queued = store_sync_queue_count(s, &e);
	names[0] = "Night Ferry (3)";
	names[1] = "night ferry";
	ok(store_purge(s, names, 2, &nsrc, &nitems, &e) == 0 && nsrc >= 1,
	   "purge drops the unlisted sources");
	ok(queued == 2, "two changes were queued");
	is_int(store_sync_queue_count(s, &e), 0,
	       "and the changes queued for their items");
}

static int
item_state(long long id, int *read, int *flagged)
{
	struct store_item it;

	if (store_item_get(s, id, &it, &e) != 1)
		return -1;
	*read = it.read;
	*flagged = it.flagged;
	store_item_clear(&it);
	return 0;
}

int
main(void)
{
	char path[] = "/tmp/warta-store-sync.XXXXXX";
	char *db, *name = NULL, *v = NULL;
	long long local, feed, other, a, b, c, id;
	struct store_sync_source_in src = {
	    "feed/1",	    "Harbour News", "https://harbour.example/feed",
	    "Local\nDaily", NULL,	    0};
	int read, flagged, changed;
	long n;

	if (!mkdtemp(path)) {
		puts("1..0 # SKIP no temporary directory");
		return 0;
	}
	db = xasprintf("%s/cache.db", path);
	s = store_open(db, &test_store_text, &e);
	ok(s != NULL, "open: %s", s ? "" : e.msg);

	ok(store_sync_queue_subscribe(s, "https://first.example/feed", NULL,
				      &e) == 0,
	   "a subscription queued before any sync");
	ok(store_sync_account(s, "greader https://rss.example alice", &changed,
			      &e) == 0 &&
	       !changed,
	   "a first account");
	is_str(queue(), "4:0", "the subscription stays queued, for it");
	id = first_id();
	store_sync_queue_done(s, &id, 1, &e);
	store_source_ensure(s, "Harbour News", "https://local.example/feed",
			    &local, &e);
	ok(store_sync_source_put(s, &src, &feed, &name, &e) == 0,
	   "a subscription becomes a source");
	is_str(name, "Harbour News (2)",
	       "named by its title, apart from the config's own source");
	free(name);
	ok(store_sync_source_put(s, &src, &id, NULL, &e) == 0 && id == feed,
	   "listed again: the same source");
	ok(store_sync_source_find(s, "Harbour News (2)", &id, &e) == 1 &&
	       id == feed,
	   "found by name");
	ok(store_sync_source_find(s, "Harbour News", &id, &e) == 0,
	   "the config's own source is not the server's");

	a = put(feed, 1, 0, 0);
	b = put(feed, 2, 1, 0);
	c = put(feed, 3, 0, 1);
	ok(a && b && c, "three items");
	ok(item_state(b, &read, &flagged) == 0 && read && !flagged,
	   "the server's state arrives with an item");
	ok(store_sync_item_known(s, 2, &e) == 1 &&
	       store_sync_item_known(s, 99, &e) == 0,
	   "known by remote id");
	is_str(queue(), "", "the server's own state queues nothing");

	/* local changes queue, each with the change itself */
	store_item_set_read(s, a, 1, &e);
	store_item_set_flagged(s, a, 1, &e);
	is_str(queue(), "1:1 2:1", "read and flag: two changes queued");
	id = first_id();
	store_item_set_read(s, a, 0, &e);
	is_str(queue(), "2:1 1:0", "read again: one change per item and kind");
	ok(store_sync_queue_done(s, &id, 1, &e) == 0,
	   "an acknowledgement of the replaced change");
	is_str(queue(), "2:1 1:0", "... takes nothing away");
	store_item_set_read(s, a, 0, &e);
	is_str(queue(), "2:1 1:0", "no change, no queue");

	/* the conflict rule */
	ok(store_sync_item_state(s, 1, 1, 0, &e) == 0,
	   "the server says read, not flagged");
	ok(item_state(a, &read, &flagged) == 0 && !read && flagged,
	   "the queued local changes win");
	store_sync_item_state(s, 3, 1, -1, &e);
	ok(item_state(c, &read, &flagged) == 0 && read && flagged,
	   "without a queued change the server wins");

	/* one mark-all-as-read, not an edit per item */
	{
		struct store_sync_change *rows;
		size_t nr = 0;

		store_item_set_read(s, c, 0, &e);
		store_source_mark_read(s, feed, &n, &e);
		is_int(n, 2, "two items marked read");
		is_str(queue(), "2:1 3:0",
		       "one mark-all replaces the item's read changes");
		store_sync_queue_list(s, 0, 10, &rows, &nr, &e);
		ok(nr == 2 && rows[1].source_id == feed && rows[1].feed &&
		       !strcmp(rows[1].feed, "feed/1") && rows[1].remote == 3 &&
		       rows[1].stamp == 3000 && rows[1].at > 0,
		   "with the source's remote id and the newest item seen");
		store_sync_changes_free(rows, nr);
		store_source_mark_read(s, local, &n, &e);
		is_str(queue(), "2:1 3:0", "a local source queues nothing");
	}

	/* the server's complete sets */
	id = first_id();
	store_sync_queue_done(s, &id, 1, &e);
	{
		struct store_sync_change *rows;
		size_t nr = 0;

		store_sync_queue_list(s, 0, 10, &rows, &nr, &e);
		store_sync_queue_done(s, &rows[0].id, 1, &e);
		store_sync_changes_free(rows, nr);
	}
	is_str(queue(), "", "acknowledged: the queue is empty");
	store_item_set_flagged(s, b, 1, &e);
	ok(store_sync_set_begin(s, &e) == 0 &&
	       store_sync_set_add(s, STORE_SYNC_READ, 2, &e) == 0 &&
	       store_sync_set_add(s, STORE_SYNC_FLAG, 3, &e) == 0 &&
	       store_sync_set_apply(s, 1, 1, &n, &e) == 0,
	   "apply: 2 unread, 3 starred");
	ok(item_state(a, &read, &flagged) == 0 && read && !flagged,
	   "not in the sets: read, not flagged");
	ok(item_state(b, &read, &flagged) == 0 && !read && flagged,
	   "unread by the set, flagged by its queued change");
	ok(item_state(c, &read, &flagged) == 0 && read && flagged,
	   "starred by the set");
	{
		long long *ids = NULL;
		size_t nu = 0;

		ok(store_sync_set_begin(s, &e) == 0 &&
		       store_sync_set_add(s, STORE_SYNC_READ, 2, &e) == 0 &&
		       store_sync_set_add(s, STORE_SYNC_READ, 77, &e) == 0 &&
		       store_sync_set_add(s, STORE_SYNC_FLAG, 78, &e) == 0 &&
		       store_sync_set_unknown(s, STORE_SYNC_READ, &ids, &nu,
					      &e) == 0,
		   "which of a set are not cached");
		ok(nu == 1 && ids[0] == 77, "... those alone, of that set");
		free(ids);
		store_sync_set_apply(s, 0, 0, NULL, &e);
	}

	/* subscriptions */
	ok(store_sync_queue_subscribe(s, "https://new.example/feed", "Daily",
				      &e) == 0,
	   "a subscription queued");
	ok(store_sync_queue_unsubscribe(s, local, &e) == 1,
	   "a local source cannot be unsubscribed on the server");
	ok(store_sync_queue_unsubscribe(s, feed, &e) == 0,
	   "an unsubscription queued");
	is_str(queue(), "4:0 5:0",
	       "both in order; the changes of its items went with them");
	ok(store_sync_item_known(s, 1, &e) == 0,
	   "the source's items left the cache");

	/* markers and another account */
	ok(store_sync_set(s, "since", "1700000000", &e) == 0 &&
	       store_sync_get(s, "since", &v, &e) == 0 && v &&
	       !strcmp(v, "1700000000"),
	   "a marker");
	free(v);
	other = 0;
	store_sync_source_put(s, &src, &other, NULL, &e);
	ok(store_sync_account(s, "nextcloud https://cloud.example bob",
			      &changed, &e) == 0 &&
	       changed,
	   "another account");
	is_str(queue(), "", "its queue is forgotten");
	ok(store_sync_get(s, "since", &v, &e) == 0 && !v, "and its markers");
	ok(store_sync_source_find(s, "Harbour News (2)", &id, &e) == 0,
	   "and which sources were the server's");
	is_int(store_sync_queue_count(s, &e), 0, "nothing queued");

	synced_sources();

	store_close(s);
	unlink(db);
	{
		char *wal = xasprintf("%s-wal", db),
		     *shm = xasprintf("%s-shm", db);

		unlink(wal);
		unlink(shm);
		free(wal);
		free(shm);
	}
	rmdir(path);
	free(db);
	(void)other;
	return tap_done();
}
