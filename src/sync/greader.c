/* greader.c: the Google Reader API as FreshRSS, Miniflux, Inoreader, The Old
 * Reader and BazQux serve it. */
#include "autoconfig.h"

#include "sync/sync_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/jsonr.h"
#include "util/str.h"

#define READING_LIST "user/-/state/com.google/reading-list"
#define STATE_READ "user/-/state/com.google/read"
#define STATE_STARRED "user/-/state/com.google/starred"
/* Ids asked for per page of stream/items/ids. */
#define IDS_PAGE 10000
/* Items asked for again since the last sync: the server's clock may run
 * behind ours, and an item it took in a while ago may be new to us. */
#define SINCE_MARGIN 3600

/* The API's root: the configured URL without a trailing /reader/api/0. */
static char *
api_root(const struct sync_session *ss)
{
	const char *u = ss->cfg->url;
	size_t n = strlen(u);

	if (n > 13 && !strcmp(u + n - 13, "/reader/api/0"))
		n -= 13;
	return xstrndup(u, n);
}

/* base + "/reader/api/0/" + path. */
static char *
api_url(const struct sync_session *ss, const char *path)
{
	char *root = api_root(ss), *u;

	u = xasprintf("%s/reader/api/0/%s", root, path);
	free(root);
	return u;
}

static void
set_token(struct sync_session *ss, const char *token)
{
	char *line = xasprintf("Authorization: GoogleLogin auth=%s", token);

	sync_session_set_auth(ss, line);
	str_wipe(line, strlen(line));
	free(line);
}

/* accounts/ClientLogin with the password: a new token. */
static int
client_login(struct sync_session *ss, struct err *e)
{
	struct sync_request rq;
	struct fetch_result res;
	const char *pw;
	struct buf form;
	char *root, *url, *auth = NULL;
	int rc;

	pw = sync_session_password(ss, e);
	if (!pw)
		return -1;
	root = api_root(ss);
	url = xasprintf("%s/accounts/ClientLogin", root);
	free(root);
	buf_init(&form, 0);
	sync_form_add(&form, "Email", ss->cfg->user);
	sync_form_add(&form, "Passwd", pw);
	memset(&rq, 0, sizeof(rq));
	rq.method = "POST";
	rq.url = url;
	rq.ctype = "application/x-www-form-urlencoded";
	rq.body = form.data;
	rq.len = form.len;
	rq.no_auth = 1;
	rc = sync_http(ss, &rq, &res, e);
	str_wipe(form.data, form.len);
	buf_free(&form);
	free(url);
	if (rc == 0) {
		/* "SID=...\nLSID=...\nAuth=TOKEN\n" */
		for (char *p = res.body; p && *p;) {
			size_t n = strcspn(p, "\r\n");

			if (n > 5 && !strncmp(p, "Auth=", 5))
				auth = xstrndup(p + 5, n - 5);
			p += n;
			p += strspn(p, "\r\n");
		}
		if (!auth)
			rc = err_set(e, "the server answered without a token "
					"(is the URL the API's?)");
	}
	str_wipe(res.body, res.len);
	fetch_result_free(&res);
	if (rc != 0)
		return -1;
	if (ss->token) {
		str_wipe(ss->token, strlen(ss->token));
		free(ss->token);
	}
	ss->token = auth;
	ss->token_saved = 0;
	set_token(ss, auth);
	sync_session_save_token(ss);
	return 0;
}

static int
gr_login(struct sync_session *ss, struct err *e)
{
	if (ss->token) {
		set_token(ss, ss->token); /* kept from an earlier run */
		return 0;
	}
	return client_login(ss, e);
}

static int
gr_renew(struct sync_session *ss, struct err *e)
{
	const char *step = ss->step;
	int rc;

	sync_token_forget(ss->token_file);
	free(ss->csrf);
	ss->csrf = NULL;
	/* a failure is the login's, and says so */
	ss->step = "login";
	rc = client_login(ss, e);
	if (rc == 0)
		ss->step = step;
	return rc;
}

/* GET the API's path (with its query), parsed strictly; caller frees. */
static struct jsonr_value *
get_json(struct sync_session *ss, const char *path, struct err *e)
{
	struct sync_request rq;
	struct fetch_result res;
	struct jsonr_value *v = NULL;
	char *url = api_url(ss, path);

	memset(&rq, 0, sizeof(rq));
	rq.url = url;
	if (sync_http(ss, &rq, &res, e) == 0)
		v = jsonr_parse_strict(res.body, res.len, e);
	fetch_result_free(&res);
	free(url);
	return v;
}

/* The T token that edits carry. */
static const char *
csrf(struct sync_session *ss, struct err *e)
{
	struct sync_request rq;
	struct fetch_result res;
	char *url;

	if (ss->csrf)
		return ss->csrf;
	url = api_url(ss, "token");
	memset(&rq, 0, sizeof(rq));
	rq.url = url;
	if (sync_http(ss, &rq, &res, e) == 0) {
		ss->csrf = xstrndup(res.body, strcspn(res.body, "\r\n"));
		if (!*ss->csrf) {
			free(ss->csrf);
			ss->csrf = NULL;
			err_set(e, "the server gave an empty edit token");
		}
	}
	fetch_result_free(&res);
	free(url);
	return ss->csrf;
}

/* POST form (T added) to the API's path; the answer is "OK" or JSON,
 * kept in out when not NULL (caller frees). A refused T token is fetched
 * again once. */
static int
post_edit(struct sync_session *ss, const char *path, const struct buf *form,
	  struct fetch_result *out, struct err *e)
{
	struct sync_request rq;
	struct fetch_result res;
	char *url = api_url(ss, path);
	int rc = -1;

	for (int tries = 0; tries < 2; tries++) {
		struct buf body;
		const char *t = csrf(ss, e);

		if (!t)
			break;
		buf_init(&body, 0);
		buf_append(&body, form->data ? form->data : "", form->len);
		sync_form_add(&body, "T", t);
		memset(&rq, 0, sizeof(rq));
		rq.method = "POST";
		rq.url = url;
		rq.ctype = "application/x-www-form-urlencoded";
		rq.body = body.data;
		rq.len = body.len;
		/* a 401 may be the T token's: try a new one before a login */
		rq.no_renew = !tries;
		rc = sync_http(ss, &rq, &res, e);
		buf_free(&body);
		if (rc == 0 || res.status != 401 || tries) {
			if (out && rc == 0)
				*out = res;
			else
				fetch_result_free(&res);
			break;
		}
		/* a stale T token: 401, then a new one */
		fetch_result_free(&res);
		free(ss->csrf);
		ss->csrf = NULL;
	}
	free(url);
	return rc;
}

/* ---- subscriptions */

/* The label's name from "user/-/label/NAME" (or user/123/label/...). */
static const char *
label_name(const char *id)
{
	const char *p = id ? strstr(id, "/label/") : NULL;

	return p && p[7] ? p + 7 : NULL;
}

static int
gr_feeds(struct sync_session *ss, struct sync_list *out, struct err *e)
{
	struct jsonr_value *v, *tags;
	const struct jsonr_value *subs;

	memset(out, 0, sizeof(*out));
	v = get_json(ss, "subscription/list?output=json", e);
	if (!v)
		return -1;
	subs = jsonr_get(v, "subscriptions");
	if (!subs || subs->type != JSONR_ARRAY) {
		jsonr_free(v);
		return err_set(e, "no subscriptions in the answer");
	}
	for (size_t i = 0; i < subs->n; i++) {
		const struct jsonr_value *s = &subs->items[i];
		const struct jsonr_value *cats = jsonr_get(s, "categories");
		const char *id = jsonr_string(jsonr_get(s, "id"));
		const char *url = jsonr_string(jsonr_get(s, "url"));
		struct sync_feed *f;
		struct buf t;

		if (!id)
			continue;
		/* Inoreader's ids are "feed/URL": the URL, when none given */
		if (!url && str_starts_with(id, "feed/"))
			url = id + 5;
		f = sync_list_add(&out->feeds, &out->nfeeds, id,
				  jsonr_string(jsonr_get(s, "title")), url);
		buf_init(&t, 0);
		for (size_t k = 0; cats && k < cats->n; k++) {
			const struct jsonr_value *c = &cats->items[k];
			const char *name = jsonr_string(jsonr_get(c, "label"));

			if (!name)
				name = label_name(
				    jsonr_string(jsonr_get(c, "id")));
			if (!name)
				continue;
			if (t.len)
				buf_putc(&t, '\n');
			buf_puts(&t, name);
		}
		f->tags = t.len ? buf_steal(&t) : NULL;
		buf_free(&t);
	}
	jsonr_free(v);
	tags = get_json(ss, "tag/list?output=json", e);
	if (!tags)
		return -1;
	subs = jsonr_get(tags, "tags");
	for (size_t i = 0; subs && i < subs->n; i++) {
		const char *id = jsonr_string(jsonr_get(&subs->items[i], "id"));

		if (label_name(id))
			sync_list_add(&out->folders, &out->nfolders, id,
				      label_name(id), NULL);
	}
	jsonr_free(tags);
	return 0;
}

/* ---- items */

/* The ids being gathered for stream/items/contents. */
struct wanted {
	long long *ids;
	size_t n, cap;
};

static void
want(struct wanted *w, long long id)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 256;
		w->ids = xreallocarray(w->ids, w->cap, sizeof(*w->ids));
	}
	w->ids[w->n++] = id;
}

static int
cmp_id(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

/* Read every page of stream/items/ids for query q (without n and c):
 * each id goes to the set (kind, or 0 for none) and, when not cached, to
 * w (those of a set once it is whole). */
static int
read_ids(struct sync_session *ss, const char *q, int kind,
	 const struct sync_sink *sink, struct wanted *w, struct err *e)
{
	char *cont = NULL;
	size_t total = 0;
	int rc = -1;

	do {
		struct sync_request rq;
		struct fetch_result res;
		struct jsonr_pull j;
		enum jsonr_event ev;
		struct buf url;
		char *root = api_root(ss), *next = NULL;

		buf_init(&url, 0);
		buf_printf(&url,
			   "%s/reader/api/0/stream/items/ids?output=json"
			   "&n=%d&%s",
			   root, IDS_PAGE, q);
		free(root);
		if (cont) {
			buf_puts(&url, "&c=");
			sync_url_escape(&url, cont);
		}
		memset(&rq, 0, sizeof(rq));
		rq.url = url.data;
		if (sync_http(ss, &rq, &res, e) != 0) {
			buf_free(&url);
			fetch_result_free(&res);
			goto out;
		}
		buf_free(&url);
		/* {"itemRefs": [{"id": "123", ...}, ...], "continuation":
		 * "..."}: read one reference at a time */
		jsonr_pull_init(&j, res.body, res.len);
		ev = jsonr_pull_next(&j, e);
		if (ev != JSONR_EV_OBJECT && ev != JSONR_EV_ERROR)
			ev = (enum jsonr_event)err_set(e, "JSON: not an "
							  "object");
		while (ev != JSONR_EV_ERROR &&
		       (ev = jsonr_pull_next(&j, e)) == JSONR_EV_KEY) {
			const char *key = jsonr_pull_text(&j, NULL);

			if (!strcmp(key, "continuation")) {
				ev = jsonr_pull_next(&j, e);
				if (ev == JSONR_EV_STRING ||
				    ev == JSONR_EV_NUMBER)
					next =
					    xstrdup(jsonr_pull_text(&j, NULL));
				continue;
			}
			if (strcmp(key, "itemRefs")) {
				ev = jsonr_pull_next(&j, e);
				if (jsonr_pull_skip(&j, ev, e) != 0)
					ev = JSONR_EV_ERROR;
				continue;
			}
			ev = jsonr_pull_next(&j, e);
			if (ev == JSONR_EV_NULL)
				continue;
			if (ev != JSONR_EV_ARRAY) {
				ev = (enum jsonr_event)err_set(
				    e, "JSON: itemRefs is not a list");
				break;
			}
			while ((ev = jsonr_pull_next(&j, e)) ==
			       JSONR_EV_OBJECT) {
				struct jsonr_value *r =
				    jsonr_pull_value(&j, ev, e);
				long long id;
				int known;

				if (!r) {
					ev = JSONR_EV_ERROR;
					break;
				}
				if (sync_id_parse(
					jsonr_string(jsonr_get(r, "id")),
					&id) != 0 ||
				    ++total > SYNC_MAX_IDS) {
					jsonr_free(r);
					continue;
				}
				jsonr_free(r);
				/* which ids of a set are not cached is asked
				 * once, when the set is whole */
				if (kind) {
					if (sink->in_set(sink->ctx, kind, id,
							 e) != 0) {
						ev = JSONR_EV_ERROR;
						break;
					}
					continue;
				}
				known = sink->known(sink->ctx, id, e);
				if (known < 0) {
					ev = JSONR_EV_ERROR;
					break;
				}
				if (!known)
					want(w, id);
			}
			if (ev != JSONR_EV_ARRAY_END && ev != JSONR_EV_ERROR)
				ev = (enum jsonr_event)err_set(
				    e, "JSON: an item reference is not an "
				       "object");
		}
		jsonr_pull_free(&j);
		fetch_result_free(&res);
		if (ev == JSONR_EV_ERROR) {
			free(next);
			goto out;
		}
		free(cont);
		cont = next && *next ? next : NULL;
		if (!cont)
			free(next);
	} while (cont && total <= SYNC_MAX_IDS);
	if (kind) {
		long long *ids = NULL;
		size_t n = 0;

		if (sink->unknown(sink->ctx, kind, &ids, &n, e) != 0)
			goto out;
		for (size_t i = 0; i < n; i++)
			want(w, ids[i]);
		free(ids);
	}
	rc = 0;
out:
	free(cont);
	return rc;
}

/* 1 when the item's categories hold state (".../state/com.google/read"). */
static int
has_state(const struct jsonr_value *cats, const char *state)
{
	size_t n = strlen(state);

	for (size_t i = 0; cats && i < cats->n; i++) {
		const char *c = jsonr_string(&cats->items[i]);
		size_t len = c ? strlen(c) : 0;

		/* user/-/... or user/<number>/... */
		if (len > n && !strcmp(c + len - n, state) &&
		    c[len - n - 1] == '/')
			return 1;
	}
	return 0;
}

/* The href of the first element of links ([{"href": ...}]). */
static const char *
first_href(const struct jsonr_value *links)
{
	if (!links || links->type != JSONR_ARRAY || !links->n)
		return NULL;
	return jsonr_string(jsonr_get(&links->items[0], "href"));
}

static int
take_item(void *ctx, const struct jsonr_value *v, struct err *e)
{
	const struct sync_sink *sink = ctx;
	const struct jsonr_value *cats = jsonr_get(v, "categories");
	struct sync_item it;
	long long n;

	memset(&it, 0, sizeof(it));
	if (sync_id_parse(jsonr_string(jsonr_get(v, "id")), &it.remote) != 0)
		return 0; /* not an item we can name again: passed over */
	it.feed = jsonr_string(jsonr_get(jsonr_get(v, "origin"), "streamId"));
	it.title = jsonr_string(jsonr_get(v, "title"));
	it.link = first_href(jsonr_get(v, "canonical"));
	if (!it.link)
		it.link = first_href(jsonr_get(v, "alternate"));
	it.author = jsonr_string(jsonr_get(v, "author"));
	it.summary =
	    jsonr_string(jsonr_get(jsonr_get(v, "summary"), "content"));
	it.content =
	    jsonr_string(jsonr_get(jsonr_get(v, "content"), "content"));
	if (jsonr_int(jsonr_get(v, "published"), &n) == 0 && n > 0)
		it.published = (time_t)n;
	if (jsonr_int(jsonr_get(v, "updated"), &n) == 0 && n > 0)
		it.updated = (time_t)n;
	if (jsonr_int(jsonr_get(v, "timestampUsec"), &n) == 0)
		it.stamp = n;
	else if (jsonr_int(jsonr_get(v, "crawlTimeMsec"), &n) == 0)
		it.stamp = n * 1000;
	it.read = has_state(cats, "state/com.google/read");
	it.starred = has_state(cats, "state/com.google/starred");
	return sink->item(sink->ctx, &it, e);
}

/* stream/items/contents for ids[0..n): each item to the sink. */
static int
read_contents(struct sync_session *ss, const long long *ids, size_t n,
	      const struct sync_sink *sink, struct err *e)
{
	struct sync_request rq;
	struct fetch_result res;
	struct buf form;
	char *url = api_url(ss, "stream/items/contents?output=json");
	char id[49];
	int rc;

	buf_init(&form, 0);
	for (size_t i = 0; i < n; i++) {
		sync_id_long(ids[i], id);
		sync_form_add(&form, "i", id);
	}
	memset(&rq, 0, sizeof(rq));
	rq.method = "POST";
	rq.url = url;
	rq.ctype = "application/x-www-form-urlencoded";
	rq.body = form.data;
	rq.len = form.len;
	rc = sync_http(ss, &rq, &res, e);
	buf_free(&form);
	free(url);
	if (rc != 0) {
		fetch_result_free(&res);
		return -1;
	}
	/* {"items": [...]}: one item in memory at a time */
	rc = sync_json_items(res.body, res.len, take_item, (void *)sink, e);
	fetch_result_free(&res);
	return rc;
}

static int
gr_items(struct sync_session *ss, const char *marker,
	 const struct sync_sink *sink, unsigned *sets, char **next,
	 struct err *e)
{
	struct wanted w = {NULL, 0, 0};
	time_t start = time(NULL);
	long since = 0;
	size_t uniq = 0;
	int rc = -1;

	*sets = 0;
	*next = NULL;
	/* every unread id and every starred id: the state of the cached
	 * items, and the items to fetch */
	if (read_ids(ss,
		     "s=" READING_LIST "&xt=user%2F-%2Fstate%2Fcom.google"
		     "%2Fread",
		     STORE_SYNC_READ, sink, &w, e) != 0)
		goto out;
	if (read_ids(ss, "s=user%2F-%2Fstate%2Fcom.google%2Fstarred",
		     STORE_SYNC_FLAG, sink, &w, e) != 0)
		goto out;
	*sets = 1u << STORE_SYNC_READ | 1u << STORE_SYNC_FLAG;
	/* and since the last sync, those read elsewhere meanwhile */
	if (marker && str_to_long(marker, 0, 1L << 40, &since) == 0) {
		char q[128];

		snprintf(q, sizeof(q), "s=" READING_LIST "&ot=%ld",
			 since > SINCE_MARGIN ? since - SINCE_MARGIN : 0);
		if (read_ids(ss, q, 0, sink, &w, e) != 0)
			goto out;
	}
	if (w.n)
		qsort(w.ids, w.n, sizeof(*w.ids), cmp_id);
	for (size_t i = 0; i < w.n; i++)
		if (!i || w.ids[i] != w.ids[i - 1])
			w.ids[uniq++] = w.ids[i];
	for (size_t i = 0; i < uniq; i += SYNC_BATCH) {
		size_t n = uniq - i < SYNC_BATCH ? uniq - i : SYNC_BATCH;

		if (sink->progress)
			sink->progress(sink->ctx, i, uniq);
		if (read_contents(ss, w.ids + i, n, sink, e) != 0)
			goto out;
	}
	*next = xasprintf("%lld", (long long)start);
	rc = 0;
out:
	free(w.ids);
	return rc;
}

/* ---- pushing */

static int
gr_mark(struct sync_session *ss, enum store_sync_kind kind, int value,
	const long long *ids, size_t n, struct err *e)
{
	const char *tag = kind == STORE_SYNC_READ ? STATE_READ : STATE_STARRED;
	struct buf form;
	char id[49];
	int rc;

	buf_init(&form, 0);
	for (size_t i = 0; i < n; i++) {
		sync_id_long(ids[i], id);
		sync_form_add(&form, "i", id);
	}
	sync_form_add(&form, value ? "a" : "r", tag);
	rc = post_edit(ss, "edit-tag", &form, NULL, e);
	buf_free(&form);
	return rc;
}

static int
gr_mark_all(struct sync_session *ss, const struct store_sync_change *c,
	    struct err *e)
{
	struct buf form;
	char ts[32];
	int rc;

	/* the server's time of the newest item the user saw: nothing that
	 * arrived after it is marked (our clock plays no part). One past
	 * it, as servers differ on the bound: Miniflux marks what is older
	 * than ts, FreshRSS what is not newer (its item ids are the times
	 * it took them in, so one just after the newest seen came before
	 * the sync that listed it, and is read or was cached here too) */
	snprintf(ts, sizeof(ts), "%lld", c->stamp > 0 ? c->stamp + 1 : c->at);
	buf_init(&form, 0);
	sync_form_add(&form, "s", c->feed ? c->feed : READING_LIST);
	sync_form_add(&form, "ts", ts);
	rc = post_edit(ss, "mark-all-as-read", &form, NULL, e);
	buf_free(&form);
	return rc;
}

static int
gr_subscribe(struct sync_session *ss, const char *url, const char *folder,
	     struct err *e)
{
	struct fetch_result res;
	struct jsonr_value *v = NULL;
	struct buf form;
	char *stream = NULL;
	int rc;

	buf_init(&form, 0);
	sync_form_add(&form, "quickadd", url);
	rc = post_edit(ss, "subscription/quickadd", &form, &res, e);
	buf_free(&form);
	if (rc != 0)
		return -1;
	v = jsonr_parse_strict(res.body, res.len, e);
	fetch_result_free(&res);
	if (!v)
		return -1;
	if (jsonr_string(jsonr_get(v, "streamId")))
		stream = xstrdup(jsonr_string(jsonr_get(v, "streamId")));
	jsonr_free(v);
	if (!stream)
		return err_set(e, "the server found no feed at %.200s", url);
	if (folder && *folder) {
		char *label = xasprintf("user/-/label/%s", folder);

		buf_init(&form, 0);
		sync_form_add(&form, "ac", "edit");
		sync_form_add(&form, "s", stream);
		sync_form_add(&form, "a", label);
		rc = post_edit(ss, "subscription/edit", &form, NULL, e);
		buf_free(&form);
		free(label);
	}
	free(stream);
	return rc;
}

static int
gr_unsubscribe(struct sync_session *ss, const char *remote, struct err *e)
{
	struct buf form;
	int rc;

	buf_init(&form, 0);
	sync_form_add(&form, "ac", "unsubscribe");
	sync_form_add(&form, "s", remote);
	rc = post_edit(ss, "subscription/edit", &form, NULL, e);
	buf_free(&form);
	return rc;
}

const struct sync_backend sync_greader = {
    .name = "greader",
    .login = gr_login,
    .renew = gr_renew,
    .feeds = gr_feeds,
    .items = gr_items,
    .mark = gr_mark,
    .mark_all = gr_mark_all,
    .subscribe = gr_subscribe,
    .unsubscribe = gr_unsubscribe,
};
