/* syncserver_nc.c: the fake sync server's Nextcloud News API 1.3 (see
 * syncserver.c). */
#include "autoconfig.h"

#include "syncserver.h"
#include "util/json.h"
#include "util/str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Nextcloud News */

static int
nc_authorized(const struct req *r)
{
	char *a = ss_header(r->head, "Authorization");
	char *want_raw = xasprintf("%s:%s", S.user, S.password);
	struct buf want;
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
				  "qrstuvwxyz0123456789+/";
	const unsigned char *p = (const unsigned char *)want_raw;
	size_t len = strlen(want_raw), i;
	int ok;

	buf_init(&want, 0);
	buf_puts(&want, "Basic ");
	for (i = 0; i + 2 < len; i += 3) {
		buf_putc(&want, abc[p[i] >> 2]);
		buf_putc(&want, abc[((p[i] & 3) << 4) | (p[i + 1] >> 4)]);
		buf_putc(&want, abc[((p[i + 1] & 15) << 2) | (p[i + 2] >> 6)]);
		buf_putc(&want, abc[p[i + 2] & 63]);
	}
	if (len - i == 1) {
		buf_putc(&want, abc[p[i] >> 2]);
		buf_putc(&want, abc[(p[i] & 3) << 4]);
		buf_puts(&want, "==");
	} else if (len - i == 2) {
		buf_putc(&want, abc[p[i] >> 2]);
		buf_putc(&want, abc[((p[i] & 3) << 4) | (p[i + 1] >> 4)]);
		buf_putc(&want, abc[(p[i + 1] & 15) << 2]);
		buf_putc(&want, '=');
	}
	ok = a && !strcmp(a, want.data);
	free(a);
	free(want_raw);
	buf_free(&want);
	return ok;
}

static void
nc_item(struct json *j, const struct item *it)
{
	char s[96];

	json_begin_object(j);
	json_key(j, "id");
	json_int(j, it->nid);
	ss_link(it, s, sizeof(s));
	json_key(j, "guid");
	json_string(j, s);
	json_key(j, "url");
	json_string(j, s);
	snprintf(s, sizeof(s), "Item %lld of %s", it->nid,
		 S.feeds[it->feed].title);
	json_key(j, "title");
	json_string(j, s);
	json_key(j, "author");
	json_null(j);
	json_key(j, "pubDate");
	json_int(j, it->published);
	json_key(j, "body");
	json_string(j, "<p>The ferry left at dawn with the market's fish.</p>");
	json_key(j, "feedId");
	json_int(j, S.feeds[it->feed].id);
	json_key(j, "unread");
	json_bool(j, !it->read);
	json_key(j, "starred");
	json_bool(j, it->starred);
	json_key(j, "lastModified");
	json_int(j, it->modified);
	json_end_object(j);
}

static void
nc_items(int fd, const struct req *r, int updated)
{
	long long type = ss_param_ll(r->query, "type", 3);
	long long batch = ss_param_ll(r->query, "batchSize", -1);
	long long offset = ss_param_ll(r->query, "offset", 0);
	long long since = ss_param_ll(r->query, "lastModified", 0);
	char *get_read = ss_param(r->query, "getRead", 0);
	int with_read = !get_read || !strcmp(get_read, "true");
	struct buf b;
	struct json j;
	long long put = 0;

	free(get_read);
	S.counts[C_ITEMS]++;
	/* seconds are taken as microseconds, as the News app does */
	if (since > 0 && since < 10000000000LL)
		since *= 1000000;
	buf_init(&b, 0);
	json_init(&j, &b, 0);
	json_begin_object(&j);
	json_key(&j, "items");
	json_begin_array(&j);
	for (size_t k = S.nitems; k-- > 0;) {
		const struct item *it = &S.items[k];

		if (!S.feeds[it->feed].live)
			continue;
		if (updated) {
			if (it->modified < since)
				continue;
		} else {
			if (offset > 0 && it->nid >= offset)
				continue;
			if (type == 2 && !it->starred)
				continue;
			if (!with_read && it->read)
				continue;
		}
		if (!updated && batch > 0 && put == batch)
			break;
		nc_item(&j, it);
		put++;
	}
	json_end_array(&j);
	json_end_object(&j);
	ss_json_out(fd, &b);
	buf_free(&b);
}

/* The numbers of "itemIds": [..] in a JSON body, one at a time. */
static int
next_number(const char **p, long long *out)
{
	while (**p && !(**p >= '0' && **p <= '9'))
		(*p)++;
	if (!**p)
		return 0;
	*out = strtoll(*p, (char **)p, 10);
	return 1;
}

static void
nc_multiple(int fd, const struct req *r, const char *what)
{
	const char *p = strstr(r->body, "itemIds");
	long long id;

	S.counts[C_MULTI]++;
	while (p && next_number(&p, &id)) {
		struct item *it = ss_by_nid(id);

		if (!it)
			continue;
		if (!strcmp(what, "read"))
			it->read = 1;
		else if (!strcmp(what, "unread"))
			it->read = 0;
		else if (!strcmp(what, "star"))
			it->starred = 1;
		else if (!strcmp(what, "unstar"))
			it->starred = 0;
		ss_touch(it);
	}
	ss_text(fd, 200, "");
}

static void
nc_read_all(int fd, const struct req *r, int feed)
{
	const char *p = strstr(r->body, "newestItemId");
	long long newest = 0;

	S.counts[C_MARKALL]++;
	if (p)
		next_number(&p, &newest);
	for (size_t k = 0; k < S.nitems; k++) {
		struct item *it = &S.items[k];

		if ((feed && S.feeds[it->feed].id != feed) ||
		    it->nid > newest || it->read)
			continue;
		it->read = 1;
		ss_touch(it);
	}
	ss_text(fd, 200, "");
}

static void
nc_lists(int fd, int folders)
{
	struct buf b;
	struct json j;

	buf_init(&b, 0);
	json_init(&j, &b, 0);
	json_begin_object(&j);
	json_key(&j, folders ? "folders" : "feeds");
	json_begin_array(&j);
	for (int i = 0; i < S.nfeeds; i++) {
		const struct feed *f = &S.feeds[i];
		int fid = 0;

		if (!f->live)
			continue;
		if (f->folder[0])
			fid = !strcmp(f->folder, "World")   ? 1
			      : !strcmp(f->folder, "Daily") ? 2
							    : 3;
		if (folders)
			continue;
		json_begin_object(&j);
		json_key(&j, "id");
		json_int(&j, f->id);
		json_key(&j, "url");
		json_string(&j, f->url);
		json_key(&j, "title");
		json_string(&j, f->title);
		json_key(&j, "folderId");
		if (fid)
			json_int(&j, fid);
		else
			json_null(&j);
		json_end_object(&j);
	}
	if (folders) {
		static const char *const names[] = {"World", "Daily", "Other"};

		for (int i = 0; i < 3; i++) {
			json_begin_object(&j);
			json_key(&j, "id");
			json_int(&j, i + 1);
			json_key(&j, "name");
			json_string(&j, names[i]);
			json_end_object(&j);
		}
	}
	json_end_array(&j);
	json_end_object(&j);
	ss_json_out(fd, &b);
	buf_free(&b);
}

void
ss_nextcloud(int fd, const struct req *r, const char *p)
{
	int put = !strcmp(r->method, "PUT") || !strcmp(r->method, "POST");
	int feed = 0;

	if (!nc_authorized(r)) {
		ss_text(fd, 401, "{\"message\":\"Unauthorised\"}");
		return;
	}
	if (!strcmp(p, "folders") && !strcmp(r->method, "GET")) {
		nc_lists(fd, 1);
	} else if (!strcmp(p, "folders") && !strcmp(r->method, "POST")) {
		ss_text(fd, 200, "{\"folders\":[{\"id\":4,\"name\":\"new\"}]}");
	} else if (!strcmp(p, "feeds") && !strcmp(r->method, "GET")) {
		nc_lists(fd, 0);
	} else if (!strcmp(p, "feeds") && !strcmp(r->method, "POST")) {
		const char *u = strstr(r->body, "\"url\":\"");
		char url[256] = "https://new.example/feed";

		if (u)
			snprintf(url, sizeof(url), "%.*s",
				 (int)strcspn(u + 7, "\""), u + 7);
		ss_add_feed(url, url, NULL);
		ss_text(fd, 200, "{\"feeds\":[]}");
	} else if (!strcmp(r->method, "DELETE") &&
		   sscanf(p, "feeds/%d", &feed) == 1 && feed > 0 &&
		   feed <= S.nfeeds) {
		S.feeds[feed - 1].live = 0;
		ss_text(fd, 200, "");
	} else if (put && sscanf(p, "feeds/%d/read", &feed) == 1) {
		nc_read_all(fd, r, feed);
	} else if (put && !strcmp(p, "items/read")) {
		nc_read_all(fd, r, 0);
	} else if (!strcmp(p, "items")) {
		nc_items(fd, r, 0);
	} else if (!strcmp(p, "items/updated")) {
		nc_items(fd, r, 1);
	} else if (!strcmp(r->method, "PUT") && str_starts_with(p, "items/") &&
		   strstr(p, "/multiple")) {
		char what[16];

		snprintf(what, sizeof(what), "%.*s", (int)strcspn(p + 6, "/"),
			 p + 6);
		nc_multiple(fd, r, what);
	} else {
		ss_text(fd, 405, "{\"message\":\"no such route\"}");
	}
}
