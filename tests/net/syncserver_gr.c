/* syncserver_gr.c: the fake sync server's Google Reader API (see syncserver.c).
 */
#include "autoconfig.h"

#include "syncserver.h"
#include "util/json.h"
#include "util/str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Google Reader */

static int
gr_authorized(const struct req *r)
{
	char *a = ss_header(r->head, "Authorization");
	int ok = 0;

	if (a && S.token[0] && str_starts_with(a, "GoogleLogin auth=") &&
	    !strcmp(a + 17, S.token)) {
		ok = S.token_left != 0;
		if (S.token_left > 0)
			S.token_left--;
	}
	free(a);
	return ok;
}

static void
put_item_ref(struct json *j, const struct item *it)
{
	char id[32];

	/* the short form, signed as Google wrote it */
	snprintf(id, sizeof(id), "%lld", (long long)it->gid);
	json_begin_object(j);
	json_key(j, "id");
	json_string(j, id);
	json_key(j, "directStreamIds");
	json_begin_array(j);
	json_end_array(j);
	snprintf(id, sizeof(id), "%lld", it->stamp);
	json_key(j, "timestampUsec");
	json_string(j, id);
	json_end_object(j);
}

/* 1 when item it belongs to stream s. */
static int
in_stream(const struct item *it, const char *s)
{
	const struct feed *f = &S.feeds[it->feed];
	char buf[96];

	if (!f->live)
		return 0;
	if (!s || !strcmp(s, "user/-/state/com.google/reading-list"))
		return 1;
	if (!strcmp(s, "user/-/state/com.google/starred"))
		return it->starred;
	if (!strcmp(s, "user/-/state/com.google/read"))
		return it->read;
	snprintf(buf, sizeof(buf), "feed/%d", f->id);
	if (!strcmp(s, buf))
		return 1;
	snprintf(buf, sizeof(buf), "user/-/label/%s", f->folder);
	return !strcmp(s, buf);
}

static void
gr_ids(int fd, const struct req *r)
{
	char *s = ss_param(r->query, "s", 0), *xt = ss_param(r->query, "xt", 0);
	char *it_ = ss_param(r->query, "it", 0);
	long long n = ss_param_ll(r->query, "n", 20),
		  c = ss_param_ll(r->query, "c", 0);
	long long ot = ss_param_ll(r->query, "ot", 0);
	struct buf b;
	struct json j;
	long long seen = 0, put = 0;

	S.counts[C_IDS]++;
	if (n > (S.page ? S.page : 10000))
		n = S.page ? S.page : 10000;
	buf_init(&b, 0);
	json_init(&j, &b, 0);
	json_begin_object(&j);
	json_key(&j, "itemRefs");
	json_begin_array(&j);
	/* newest first */
	for (size_t k = S.nitems; k-- > 0;) {
		const struct item *it = &S.items[k];

		if (!in_stream(it, s) || (xt && in_stream(it, xt)) ||
		    (it_ && !in_stream(it, it_)) || it->stamp / 1000000 < ot)
			continue;
		if (seen++ < c)
			continue;
		if (put == n)
			break;
		put_item_ref(&j, it);
		put++;
	}
	json_end_array(&j);
	if (put == n && seen > c + n) {
		char cont[32];

		snprintf(cont, sizeof(cont), "%lld", c + n);
		json_key(&j, "continuation");
		json_string(&j, cont);
	}
	json_end_object(&j);
	ss_json_out(fd, &b);
	buf_free(&b);
	free(s);
	free(xt);
	free(it_);
}

/* An item id of a form: long or short. */
static int
parse_gid(const char *v, uint64_t *out)
{
	if (str_starts_with(v, "tag:google.com,2005:reader/item/")) {
		*out = strtoull(v + 32, NULL, 16);
		return 0;
	}
	if (*v == '-' || (*v >= '0' && *v <= '9')) {
		*out = (uint64_t)strtoll(v, NULL, 10);
		if (*v != '-')
			*out = strtoull(v, NULL, 10);
		return 0;
	}
	return -1;
}

static void
gr_contents(int fd, const struct req *r)
{
	struct buf b;
	struct json j;
	char *v;

	S.counts[C_CONTENTS]++;
	buf_init(&b, 0);
	json_init(&j, &b, 0);
	json_begin_object(&j);
	json_key(&j, "id");
	json_string(&j, "user/-/state/com.google/reading-list");
	json_key(&j, "items");
	json_begin_array(&j);
	for (int i = 0; (v = ss_param(r->body, "i", i)); i++) {
		uint64_t id;
		struct item *it = parse_gid(v, &id) == 0 ? ss_by_gid(id) : NULL;
		const struct feed *f;
		char s[96];

		free(v);
		if (!it)
			continue;
		f = &S.feeds[it->feed];
		json_begin_object(&j);
		snprintf(s, sizeof(s),
			 "tag:google.com,2005:reader/item/%016llx",
			 (unsigned long long)it->gid);
		json_key(&j, "id");
		json_string(&j, s);
		snprintf(s, sizeof(s), "%lld", it->stamp / 1000);
		json_key(&j, "crawlTimeMsec");
		json_string(&j, s);
		snprintf(s, sizeof(s), "%lld", it->stamp);
		json_key(&j, "timestampUsec");
		json_string(&j, s);
		json_key(&j, "published");
		json_int(&j, it->published);
		snprintf(s, sizeof(s), "Item %lld of %s", it->nid, f->title);
		json_key(&j, "title");
		json_string(&j, s);
		json_key(&j, "canonical");
		json_begin_array(&j);
		json_begin_object(&j);
		ss_link(it, s, sizeof(s));
		json_key(&j, "href");
		json_string(&j, s);
		json_end_object(&j);
		json_end_array(&j);
		json_key(&j, "categories");
		json_begin_array(&j);
		json_string(&j, "user/-/state/com.google/reading-list");
		if (it->read)
			json_string(&j, "user/-/state/com.google/read");
		if (it->starred)
			json_string(&j, "user/-/state/com.google/starred");
		json_end_array(&j);
		json_key(&j, "origin");
		json_begin_object(&j);
		snprintf(s, sizeof(s), "feed/%d", f->id);
		json_key(&j, "streamId");
		json_string(&j, s);
		json_key(&j, "title");
		json_string(&j, f->title);
		json_end_object(&j);
		json_key(&j, "summary");
		json_begin_object(&j);
		json_key(&j, "content");
		json_string(&j, "<p>The harbour master counted the boats that "
				"came home before the storm, one by one, and "
				"wrote each name in the book.</p>");
		json_end_object(&j);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_end_object(&j);
	ss_json_out(fd, &b);
	buf_free(&b);
}

static void
gr_edit_tag(int fd, const struct req *r)
{
	char *a = ss_param(r->body, "a", 0), *rm = ss_param(r->body, "r", 0),
	     *v;

	S.counts[C_EDIT]++;
	for (int i = 0; (v = ss_param(r->body, "i", i)); i++) {
		uint64_t id;
		struct item *it = parse_gid(v, &id) == 0 ? ss_by_gid(id) : NULL;

		free(v);
		if (!it)
			continue;
		if (a && strstr(a, "state/com.google/read"))
			it->read = 1;
		if (a && strstr(a, "state/com.google/starred"))
			it->starred = 1;
		if (rm && strstr(rm, "state/com.google/read"))
			it->read = 0;
		if (rm && strstr(rm, "state/com.google/starred"))
			it->starred = 0;
		ss_touch(it);
	}
	free(a);
	free(rm);
	ss_text(fd, 200, "OK");
}

static void
gr_mark_all(int fd, const struct req *r)
{
	char *s = ss_param(r->body, "s", 0);
	long long ts = ss_param_ll(r->body, "ts", 0);

	S.counts[C_MARKALL]++;
	for (size_t k = 0; k < S.nitems; k++)
		if (in_stream(&S.items[k], s) && S.items[k].stamp < ts &&
		    !S.items[k].read) {
			S.items[k].read = 1;
			ss_touch(&S.items[k]);
		}
	free(s);
	ss_text(fd, 200, "OK");
}

static struct feed *
feed_by_stream(const char *s)
{
	for (int i = 0; s && i < S.nfeeds; i++) {
		char buf[32];

		snprintf(buf, sizeof(buf), "feed/%d", S.feeds[i].id);
		if (S.feeds[i].live && !strcmp(buf, s))
			return &S.feeds[i];
	}
	return NULL;
}

static void
gr_subscription(int fd, const struct req *r, int quick)
{
	char *url = quick ? ss_param(r->body, "quickadd", 0) : NULL;
	char *ac = ss_param(r->body, "ac", 0), *s = ss_param(r->body, "s", 0);
	char *a = ss_param(r->body, "a", 0);
	struct feed *f;

	if (quick && url && S.nfeeds < MAX_FEEDS) {
		char out[256];

		ss_add_feed(url, url, NULL);
		snprintf(out, sizeof(out),
			 "{\"query\":\"%s\",\"numResults\":1,\"streamId\":"
			 "\"feed/%d\"}",
			 "q", S.nfeeds);
		ss_respond(fd, 200, "application/json", out, strlen(out));
	} else if (!quick && ac && (f = feed_by_stream(s))) {
		if (!strcmp(ac, "unsubscribe"))
			f->live = 0;
		else if (a && str_starts_with(a, "user/-/label/"))
			snprintf(f->folder, sizeof(f->folder), "%s", a + 13);
		ss_text(fd, 200, "OK");
	} else {
		ss_text(fd, 400, "bad subscription request");
	}
	free(url);
	free(ac);
	free(s);
	free(a);
}

static void
gr_list(int fd, int tags)
{
	struct buf b;
	struct json j;
	char s[96];

	buf_init(&b, 0);
	json_init(&j, &b, 0);
	json_begin_object(&j);
	json_key(&j, tags ? "tags" : "subscriptions");
	json_begin_array(&j);
	if (tags) {
		json_begin_object(&j);
		json_key(&j, "id");
		json_string(&j, "user/-/state/com.google/starred");
		json_end_object(&j);
	}
	for (int i = 0; i < S.nfeeds; i++) {
		const struct feed *f = &S.feeds[i];

		if (!f->live)
			continue;
		if (tags) {
			int dup = !f->folder[0];

			for (int k = 0; k < i && !dup; k++)
				dup = S.feeds[k].live &&
				      !strcmp(S.feeds[k].folder, f->folder);
			if (dup)
				continue;
			snprintf(s, sizeof(s), "user/-/label/%s", f->folder);
			json_begin_object(&j);
			json_key(&j, "id");
			json_string(&j, s);
			json_key(&j, "type");
			json_string(&j, "folder");
			json_end_object(&j);
			continue;
		}
		json_begin_object(&j);
		snprintf(s, sizeof(s), "feed/%d", f->id);
		json_key(&j, "id");
		json_string(&j, s);
		json_key(&j, "title");
		json_string(&j, f->title);
		json_key(&j, "url");
		json_string(&j, f->url);
		json_key(&j, "categories");
		json_begin_array(&j);
		if (f->folder[0]) {
			snprintf(s, sizeof(s), "user/-/label/%s", f->folder);
			json_begin_object(&j);
			json_key(&j, "id");
			json_string(&j, s);
			json_key(&j, "label");
			json_string(&j, f->folder);
			json_end_object(&j);
		}
		json_end_array(&j);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_end_object(&j);
	ss_json_out(fd, &b);
	buf_free(&b);
}

void
ss_greader(int fd, const struct req *r, const char *p)
{
	const char *api = "/reader/api/0/";
	int post = !strcmp(r->method, "POST");

	if (!strcmp(p, "/accounts/ClientLogin")) {
		char *email = ss_param(post ? r->body : r->query, "Email", 0);
		char *pw = ss_param(post ? r->body : r->query, "Passwd", 0);

		S.counts[C_LOGIN]++;
		if (email && pw && !strcmp(email, S.user) &&
		    !strcmp(pw, S.password)) {
			char out[200];

			snprintf(S.token, sizeof(S.token), "alice/tok%ld",
				 ++S.token_serial);
			S.token_left = -1;
			snprintf(out, sizeof(out),
				 "SID=%s\nLSID=null\nAuth=%s\n", S.token,
				 S.token);
			ss_text(fd, 200, out);
		} else {
			ss_text(fd, 401, "Error=BadAuthentication\n");
		}
		free(email);
		free(pw);
		return;
	}
	if (!str_starts_with(p, api)) {
		ss_text(fd, 404, "not found");
		return;
	}
	p += strlen(api);
	if (!gr_authorized(r)) {
		ss_text(fd, 401, "Unauthorized!");
		return;
	}
	if (post) {
		char *t = ss_param(r->body, "T", 0);
		int ok = t && !strcmp(t, S.csrf);

		free(t);
		/* stream/items/contents is a read: no T needed */
		if (!ok && strcmp(p, "stream/items/contents")) {
			ss_text(fd, 401, "Unauthorized!");
			return;
		}
	}
	if (!strcmp(p, "token")) {
		snprintf(S.csrf, sizeof(S.csrf), "T%ld", ++S.token_serial);
		ss_text(fd, 200, S.csrf);
	} else if (!strcmp(p, "subscription/list")) {
		gr_list(fd, 0);
	} else if (!strcmp(p, "tag/list")) {
		gr_list(fd, 1);
	} else if (!strcmp(p, "stream/items/ids")) {
		gr_ids(fd, r);
	} else if (!strcmp(p, "stream/items/contents") && post) {
		gr_contents(fd, r);
	} else if (!strcmp(p, "edit-tag") && post) {
		gr_edit_tag(fd, r);
	} else if (!strcmp(p, "mark-all-as-read") && post) {
		gr_mark_all(fd, r);
	} else if (!strcmp(p, "subscription/quickadd") && post) {
		gr_subscription(fd, r, 1);
	} else if (!strcmp(p, "subscription/edit") && post) {
		gr_subscription(fd, r, 0);
	} else {
		ss_text(fd, 404, "not found");
	}
}
