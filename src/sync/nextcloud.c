/* nextcloud.c: the Nextcloud News API, version 1.3. */
#include "autoconfig.h"

#include "sync/sync_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/json.h"
#include "util/jsonr.h"
#include "util/str.h"

#define API_PATH "/index.php/apps/news/api/v1-3"
/* Items per page of the first sync. */
#define PAGE 1000

/* The backend's own state. */
struct nc {
	int post_marks; /* the server wants POST, not PUT, for marks */
};

/* The API's base: the configured URL, or its own root + API_PATH. */
static char *
api_url(const struct sync_session *ss, const char *path)
{
	const char *u = ss->cfg->url;

	if (strstr(u, "/apps/news/api/"))
		return xasprintf("%s/%s", u, path);
	return xasprintf("%s" API_PATH "/%s", u, path);
}

static int
nc_login(struct sync_session *ss, struct err *e)
{
	struct buf raw, line;
	const char *pw = sync_session_password(ss, e);

	if (!pw)
		return -1;
	if (!ss->priv)
		ss->priv = xcalloc(1, sizeof(struct nc));
	/* Basic authentication on every request: the app password */
	buf_init(&raw, 0);
	buf_init(&line, 0);
	buf_printf(&raw, "%s:%s", ss->cfg->user, pw);
	buf_puts(&line, "Authorization: Basic ");
	sync_base64(&line, raw.data, raw.len);
	sync_session_set_auth(ss, line.data);
	str_wipe(raw.data, raw.len);
	str_wipe(line.data, line.len);
	buf_free(&raw);
	buf_free(&line);
	return 0;
}

/* A request to the API's path with a JSON body (or none); the answer in
 * out when not NULL (caller frees it, whatever the result). */
static int
call(struct sync_session *ss, const char *method, const char *path,
     const char *json, struct fetch_result *out, struct err *e)
{
	struct sync_request rq;
	struct fetch_result res;
	char *url = api_url(ss, path);
	int rc;

	memset(&rq, 0, sizeof(rq));
	rq.method = method;
	rq.url = url;
	if (json) {
		rq.ctype = "application/json";
		rq.body = json;
		rq.len = strlen(json);
	}
	rc = sync_http(ss, &rq, &res, e);
	free(url);
	if (out)
		*out = res;
	else
		fetch_result_free(&res);
	return rc;
}

static struct jsonr_value *
get_json(struct sync_session *ss, const char *path, struct err *e)
{
	struct fetch_result res;
	struct jsonr_value *v;

	if (call(ss, NULL, path, NULL, &res, e) != 0) {
		fetch_result_free(&res);
		return NULL;
	}
	v = jsonr_parse_strict(res.body, res.len, e);
	fetch_result_free(&res);
	return v;
}

/* A number member as text ("39"); out of 32 bytes. NULL when absent. */
static const char *
num_text(const struct jsonr_value *v, const char *key, char out[32])
{
	long long n;

	if (jsonr_int(jsonr_get(v, key), &n) != 0)
		return NULL;
	snprintf(out, 32, "%lld", n);
	return out;
}

static int
nc_feeds(struct sync_session *ss, struct sync_list *out, struct err *e)
{
	struct jsonr_value *fv, *v;
	const struct jsonr_value *a;
	char id[32], fid[32];

	memset(out, 0, sizeof(*out));
	fv = get_json(ss, "folders", e);
	if (!fv)
		return -1;
	a = jsonr_get(fv, "folders");
	for (size_t i = 0; a && i < a->n; i++) {
		const char *name =
		    jsonr_string(jsonr_get(&a->items[i], "name"));

		if (name && num_text(&a->items[i], "id", id))
			sync_list_add(&out->folders, &out->nfolders, id, name,
				      NULL);
	}
	jsonr_free(fv);
	v = get_json(ss, "feeds", e);
	if (!v)
		return -1;
	a = jsonr_get(v, "feeds");
	if (!a || a->type != JSONR_ARRAY) {
		jsonr_free(v);
		return err_set(e, "no feeds in the answer");
	}
	for (size_t i = 0; i < a->n; i++) {
		const struct jsonr_value *f = &a->items[i];
		struct sync_feed *sf;

		if (!num_text(f, "id", id))
			continue;
		sf = sync_list_add(&out->feeds, &out->nfeeds, id,
				   jsonr_string(jsonr_get(f, "title")),
				   jsonr_string(jsonr_get(f, "url")));
		/* its folder's name */
		if (num_text(f, "folderId", fid))
			for (size_t k = 0; k < out->nfolders; k++)
				if (!strcmp(out->folders[k].remote, fid))
					sf->tags =
					    xstrdup(out->folders[k].title);
	}
	jsonr_free(v);
	return 0;
}

/* What one answer of items gave. */
struct page {
	size_t n;
	long long lowest;	 /* the lowest item id: the next offset */
	long long last_modified; /* the highest lastModified */
};

/* Where take_item() hands items and what it counts. */
struct take {
	const struct sync_sink *sink;
	struct page *pg;
};

static int
take_item(void *ctx, const struct jsonr_value *v, struct err *e)
{
	const struct sync_sink *sink = ((struct take *)ctx)->sink;
	struct page *pg = ((struct take *)ctx)->pg;
	struct sync_item it;
	char feed[32];
	long long n;

	memset(&it, 0, sizeof(it));
	if (jsonr_int(jsonr_get(v, "id"), &it.remote) != 0)
		return 0;
	it.feed = num_text(v, "feedId", feed);
	it.title = jsonr_string(jsonr_get(v, "title"));
	it.link = jsonr_string(jsonr_get(v, "url"));
	it.author = jsonr_string(jsonr_get(v, "author"));
	it.content = jsonr_string(jsonr_get(v, "body"));
	if (jsonr_int(jsonr_get(v, "pubDate"), &n) == 0 && n > 0)
		it.published = (time_t)n;
	if (jsonr_int(jsonr_get(v, "updatedDate"), &n) == 0 && n > 0)
		it.updated = (time_t)n;
	it.read = !jsonr_true(jsonr_get(v, "unread"));
	it.starred = jsonr_true(jsonr_get(v, "starred"));
	/* seconds in older servers, microseconds in newer ones: kept as
	 * given, and given back as the marker */
	if (jsonr_int(jsonr_get(v, "lastModified"), &n) == 0) {
		it.stamp = n;
		if (n > pg->last_modified)
			pg->last_modified = n;
	}
	pg->n++;
	if (!pg->lowest || it.remote < pg->lowest)
		pg->lowest = it.remote;
	return sink->item(sink->ctx, &it, e);
}

/* GET path and hand each of its items to the sink, one at a time. */
static int
read_items(struct sync_session *ss, const char *path,
	   const struct sync_sink *sink, struct page *pg, struct err *e)
{
	struct fetch_result res;
	struct take tk = {sink, pg};
	int rc;

	memset(pg, 0, sizeof(*pg));
	if (call(ss, NULL, path, NULL, &res, e) != 0) {
		fetch_result_free(&res);
		return -1;
	}
	rc = sync_json_items(res.body, res.len, take_item, &tk, e);
	fetch_result_free(&res);
	return rc;
}

/* Every page of one kind of items (type 3 unread, type 2 starred), newest
 * first, each page below the lowest id of the one before. */
static int
read_pages(struct sync_session *ss, int type, int get_read,
	   const struct sync_sink *sink, long long *last_modified,
	   struct err *e)
{
	long long offset = 0;
	size_t done = 0;

	for (;;) {
		struct page pg;
		char path[160];

		snprintf(
		    path, sizeof(path),
		    "items?type=%d&id=0&getRead=%s&batchSize=%d&offset=%lld"
		    "&oldestFirst=false",
		    type, get_read ? "true" : "false", PAGE, offset);
		if (read_items(ss, path, sink, &pg, e) != 0)
			return -1;
		if (pg.last_modified > *last_modified)
			*last_modified = pg.last_modified;
		done += pg.n;
		if (sink->progress)
			sink->progress(sink->ctx, done, 0);
		if (pg.n < PAGE || !pg.lowest ||
		    (offset && pg.lowest >= offset))
			return 0;
		offset = pg.lowest;
	}
}

static int
nc_items(struct sync_session *ss, const char *marker,
	 const struct sync_sink *sink, unsigned *sets, char **next,
	 struct err *e)
{
	long long last = 0, since;
	struct page pg;
	char path[128];

	*sets = 0;
	*next = NULL;
	if (marker && sscanf(marker, "%lld", &since) == 1 && since > 0) {
		/* new items and every change of state since: one request */
		last = since;
		snprintf(path, sizeof(path),
			 "items/updated?lastModified=%lld&type=3&id=0", since);
		if (read_items(ss, path, sink, &pg, e) != 0)
			return -1;
		if (pg.last_modified > last)
			last = pg.last_modified;
	} else {
		if (read_pages(ss, 3, 0, sink, &last, e) != 0 ||
		    read_pages(ss, 2, 1, sink, &last, e) != 0)
			return -1;
	}
	*next = xasprintf("%lld", last);
	return 0;
}

/* PUT (the verb the server's routes use) or POST (what the 1.3
 * documentation shows, and a server answering PUT with 405 wants). */
static int
put_or_post(struct sync_session *ss, const char *path, const char *json,
	    struct err *e)
{
	struct nc *nc = ss->priv;
	struct fetch_result res;
	int rc;

	rc = call(ss, nc->post_marks ? "POST" : "PUT", path, json, &res, e);
	if (rc != 0 && res.status == 405 && !nc->post_marks) {
		nc->post_marks = 1;
		fetch_result_free(&res);
		rc = call(ss, "POST", path, json, &res, e);
	}
	fetch_result_free(&res);
	return rc;
}

static int
nc_mark(struct sync_session *ss, enum store_sync_kind kind, int value,
	const long long *ids, size_t n, struct err *e)
{
	const char *path =
	    kind == STORE_SYNC_READ
		? (value ? "items/read/multiple" : "items/unread/multiple")
		: (value ? "items/star/multiple" : "items/unstar/multiple");
	struct buf body;
	struct json j;
	int rc;

	buf_init(&body, 0);
	json_init(&j, &body, 0);
	json_begin_object(&j);
	json_key(&j, "itemIds");
	json_begin_array(&j);
	for (size_t i = 0; i < n; i++)
		json_int(&j, ids[i]);
	json_end_array(&j);
	json_end_object(&j);
	rc = put_or_post(ss, path, body.data, e);
	buf_free(&body);
	return rc;
}

static int
nc_mark_all(struct sync_session *ss, const struct store_sync_change *c,
	    struct err *e)
{
	char path[96], body[64];

	if (c->remote <= 0)
		return 0; /* no item of it was ever seen: nothing to mark */
	/* the newest item the user saw: those that came after stay unread */
	snprintf(body, sizeof(body), "{\"newestItemId\":%lld}", c->remote);
	if (c->feed)
		snprintf(path, sizeof(path), "feeds/%s/read", c->feed);
	else
		snprintf(path, sizeof(path), "items/read");
	return put_or_post(ss, path, body, e);
}

/* The id of folder name, created when missing; 0 with *id set, -1. */
static int
folder_id(struct sync_session *ss, const char *name, long long *id,
	  struct err *e)
{
	struct jsonr_value *v = get_json(ss, "folders", e);
	const struct jsonr_value *a;
	struct fetch_result res;
	struct buf body;
	struct json j;
	int rc;

	if (!v)
		return -1;
	a = jsonr_get(v, "folders");
	for (size_t i = 0; a && i < a->n; i++)
		if (jsonr_string(jsonr_get(&a->items[i], "name")) &&
		    !strcmp(jsonr_string(jsonr_get(&a->items[i], "name")),
			    name) &&
		    jsonr_int(jsonr_get(&a->items[i], "id"), id) == 0) {
			jsonr_free(v);
			return 0;
		}
	jsonr_free(v);
	buf_init(&body, 0);
	json_init(&j, &body, 0);
	json_begin_object(&j);
	json_key(&j, "name");
	json_string(&j, name);
	json_end_object(&j);
	rc = call(ss, "POST", "folders", body.data, &res, e);
	buf_free(&body);
	if (rc != 0) {
		fetch_result_free(&res);
		return -1;
	}
	v = jsonr_parse_strict(res.body, res.len, e);
	fetch_result_free(&res);
	a = jsonr_get(v, "folders");
	rc = a && a->n && jsonr_int(jsonr_get(&a->items[0], "id"), id) == 0
		 ? 0
		 : err_set(e,
			   "the server made folder \"%.100s\" without an "
			   "id",
			   name);
	jsonr_free(v);
	return rc;
}

static int
nc_subscribe(struct sync_session *ss, const char *url, const char *folder,
	     struct err *e)
{
	long long fid = 0;
	struct buf body;
	struct json j;
	int rc;

	if (folder && *folder && folder_id(ss, folder, &fid, e) != 0)
		return -1;
	buf_init(&body, 0);
	json_init(&j, &body, 0);
	json_begin_object(&j);
	json_key(&j, "url");
	json_string(&j, url);
	json_key(&j, "folderId");
	if (fid)
		json_int(&j, fid);
	else
		json_null(&j);
	json_end_object(&j);
	rc = call(ss, "POST", "feeds", body.data, NULL, e);
	buf_free(&body);
	return rc;
}

static int
nc_unsubscribe(struct sync_session *ss, const char *remote, struct err *e)
{
	struct fetch_result res;
	char path[64];
	int rc;

	snprintf(path, sizeof(path), "feeds/%s", remote);
	rc = call(ss, "DELETE", path, NULL, &res, e);
	/* already gone there: what was asked is done */
	if (rc != 0 && res.status == 404)
		rc = 0;
	fetch_result_free(&res);
	return rc;
}

const struct sync_backend sync_nextcloud = {
    .name = "nextcloud",
    .login = nc_login,
    .renew = NULL,
    .feeds = nc_feeds,
    .items = nc_items,
    .mark = nc_mark,
    .mark_all = nc_mark_all,
    .subscribe = nc_subscribe,
    .unsubscribe = nc_unsubscribe,
};
