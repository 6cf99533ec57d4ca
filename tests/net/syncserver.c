/* syncserver.c: a fake sync server for tests: the Google Reader API and
 * Nextcloud News v1.3 on 127.0.0.1, with state and faults. */
#include "autoconfig.h"

#include "util/buf.h"
#include "util/json.h"
#include "util/str.h"

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/*
 * Served as the documentation of each has it:
 *   Google Reader API under /greader: accounts/ClientLogin, and under
 *   reader/api/0/: token, subscription/list, tag/list, stream/items/ids
 *   (s, xt, it, ot, n, c), stream/items/contents (many i=, long or short
 *   ids), edit-tag (a, r, many i=), mark-all-as-read (s, ts),
 *   subscription/quickadd, subscription/edit (subscribe, unsubscribe,
 *   edit). Tokens: "GoogleLogin auth=", and T on every POST.
 *   Nextcloud News under /index.php/apps/news/api/v1-3/ with Basic auth:
 *   folders, feeds (GET, POST, DELETE, feeds/ID/read), items (type, id,
 *   getRead, batchSize, offset), items/updated (lastModified), items/read,
 *   items/{read,unread,star,unstar}/multiple (PUT and POST).
 *
 * Item ids: GReader's are 64 bits, every third one with the high bit set,
 * listed short (decimal, signed as Google wrote them) by stream/items/ids
 * and long ("tag:google.com,2005:reader/item/<16 hex>") in contents.
 *
 * The control file (--control), read before every request, one rule a
 * line; a rule names a part of the path it applies to ("*": all):
 *   fail PART STATUS [COUNT]   answer STATUS (COUNT times, else always)
 *   cut PART                   send half the body, then close
 *   slow PART MS               answer after MS milliseconds
 *   expire-after N             tokens refuse every request after N more
 *   password NEW               the password is NEW (while the rule is there)
 *   page N                     at most N ids per page of stream/items/ids
 *   set NID FIELD VALUE        item NID's read or starred set (as if by
 *                              another client)
 * The state (--state-file) is written after every request: "feed ID
 * TITLE", "item ID feed=F read=R starred=S", "count NAME N" lines. The
 * log (--log) gets "METHOD PATH" for each request.
 */

#define MAX_HEAD 65536
#define MAX_BODY (8 << 20)
#define MAX_FEEDS 256
#define GR "/greader"
#define NC "/index.php/apps/news/api/v1-3/"

struct item {
	uint64_t gid;  /* GReader id */
	long long nid; /* Nextcloud id */
	int feed;      /* index in feeds */
	int read, starred;
	long long stamp;    /* timestampUsec */
	long long modified; /* Nextcloud lastModified (us) */
	time_t published;
};

struct feed {
	int id, live;
	char title[128], url[256], folder[64];
};

static struct {
	const char *user, *password;
	char pw_buf[256];
	struct feed feeds[MAX_FEEDS];
	int nfeeds;
	struct item *items;
	size_t nitems;
	long long clock; /* microseconds, moves on at every change */
	long token_serial;
	char token[64], csrf[64];
	long token_left; /* requests the token still takes; -1: any */
	const char *control, *state_file, *log_file;
	long counts[8];
	/* the request being answered */
	int cut;
	long long slow_ms;
	long page; /* ids per page at most; 0: 10000 */
} S;

enum { C_LOGIN, C_IDS, C_CONTENTS, C_EDIT, C_MARKALL, C_ITEMS, C_MULTI, C_REQ };
static const char *const count_names[] = {
    "login",	"ids",	 "contents", "edit",
    "mark-all", "items", "multiple", "requests",
};

static volatile sig_atomic_t stop_flag;

static void
on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

/* ---- data */

static void
add_feed(const char *title, const char *url, const char *folder)
{
	struct feed *f = &S.feeds[S.nfeeds];

	f->id = S.nfeeds + 1;
	f->live = 1;
	snprintf(f->title, sizeof(f->title), "%s", title);
	snprintf(f->url, sizeof(f->url), "%s", url);
	snprintf(f->folder, sizeof(f->folder), "%s", folder ? folder : "");
	S.nfeeds++;
}

static void
make_data(size_t nitems, int nfeeds)
{
	char title[64], url[128];

	for (int i = 0; i < nfeeds && i < MAX_FEEDS - 16; i++) {
		snprintf(title, sizeof(title), "Feed %d", i + 1);
		snprintf(url, sizeof(url), "https://feed%d.example/rss.xml",
			 i + 1);
		add_feed(title, url, i % 2 ? "Daily" : "World");
	}
	S.items = xcalloc(nitems + 1, sizeof(*S.items));
	S.nitems = nitems;
	S.clock = 1700000000LL * 1000000;
	for (size_t k = 0; k < nitems; k++) {
		struct item *it = &S.items[k];

		it->nid = (long long)k + 1;
		it->gid = (uint64_t)k + 1 + 0x0005c62466ee0000ULL;
		if (k % 3 == 2)
			it->gid |= 1ULL << 63;
		it->feed = (int)(k % (size_t)nfeeds);
		it->stamp = 1700000000LL * 1000000 + (long long)k * 1000;
		it->modified = it->stamp;
		it->published = 1700000000 + (time_t)k * 60;
		it->starred = k % 97 == 0;
		it->read = k % 3 == 1; /* read on another device */
	}
	S.clock = 1700000000LL * 1000000 + (long long)nitems * 1000 + 1000;
}

static struct item *
by_gid(uint64_t id)
{
	uint64_t k = (id & ~(1ULL << 63)) - 1 - 0x0005c62466ee0000ULL;

	if (k < S.nitems && S.items[k].gid == id)
		return &S.items[k];
	return NULL;
}

static struct item *
by_nid(long long id)
{
	if (id >= 1 && (size_t)id <= S.nitems)
		return &S.items[id - 1];
	return NULL;
}

static void
touch(struct item *it)
{
	it->modified = ++S.clock;
}

/* ---- request parsing */

struct req {
	char method[16], path[2048];
	char *query; /* after '?', or "" */
	char *head;
	char *body; /* NUL-terminated */
	size_t body_len;
};

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static char *
decode(const char *s, size_t n)
{
	char *out = xmalloc(n + 1), *o = out;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n + 0 + 1 && hexval(s[i + 1]) >= 0 &&
		    hexval(s[i + 2]) >= 0) {
			*o++ = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
			i += 2;
		} else {
			*o++ = s[i] == '+' ? ' ' : s[i];
		}
	}
	*o = '\0';
	return out;
}

/* The idx-th value of name in a form or query (caller frees), or NULL. */
static char *
param(const char *q, const char *name, int idx)
{
	size_t n = strlen(name);

	for (const char *p = q; p && *p;) {
		const char *end = strchr(p, '&');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len > n && p[n] == '=' && !strncmp(p, name, n) &&
		    idx-- == 0)
			return decode(p + n + 1, len - n - 1);
		p = end ? end + 1 : NULL;
	}
	return NULL;
}

static long long
param_ll(const char *q, const char *name, long long dflt)
{
	char *v = param(q, name, 0);
	long long n = dflt;

	if (v && *v)
		n = strtoll(v, NULL, 10);
	free(v);
	return n;
}

static char *
header(const char *head, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = strchr(head, '\n'); p && *++p;) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);

		if (len > n && p[n] == ':' && !str_ncasecmp(p, name, n))
			return str_trim(xstrndup(p + n + 1, len - n - 1));
		p = eol;
	}
	return NULL;
}

/* ---- answers */

static void
respond(int fd, int status, const char *ctype, const char *body, size_t len)
{
	struct buf h;
	size_t send_len = S.cut ? len / 2 : len;

	buf_init(&h, 0);
	buf_printf(&h,
		   "HTTP/1.1 %d X\r\nConnection: close\r\nContent-Type: "
		   "%s\r\nContent-Length: %zu\r\n\r\n",
		   status, ctype, len);
	if (S.slow_ms)
		usleep((useconds_t)S.slow_ms * 1000);
	if (send(fd, h.data, h.len, MSG_NOSIGNAL) < 0)
		goto out;
	for (size_t off = 0; off < send_len;) {
		ssize_t n = send(fd, body + off, send_len - off, MSG_NOSIGNAL);

		if (n <= 0)
			break;
		off += (size_t)n;
	}
out:
	buf_free(&h);
}

static void
text(int fd, int status, const char *s)
{
	respond(fd, status, "text/plain; charset=utf-8", s, strlen(s));
}

static void
json_out(int fd, struct buf *b)
{
	respond(fd, 200, "application/json", b->data ? b->data : "{}", b->len);
}

/* ---- Google Reader */

static int
gr_authorized(const struct req *r)
{
	char *a = header(r->head, "Authorization");
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
	char *s = param(r->query, "s", 0), *xt = param(r->query, "xt", 0);
	char *it_ = param(r->query, "it", 0);
	long long n = param_ll(r->query, "n", 20),
		  c = param_ll(r->query, "c", 0);
	long long ot = param_ll(r->query, "ot", 0);
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
	json_out(fd, &b);
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
	for (int i = 0; (v = param(r->body, "i", i)); i++) {
		uint64_t id;
		struct item *it = parse_gid(v, &id) == 0 ? by_gid(id) : NULL;
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
		snprintf(s, sizeof(s), "https://news.example/a/%lld", it->nid);
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
	json_out(fd, &b);
	buf_free(&b);
}

static void
gr_edit_tag(int fd, const struct req *r)
{
	char *a = param(r->body, "a", 0), *rm = param(r->body, "r", 0), *v;

	S.counts[C_EDIT]++;
	for (int i = 0; (v = param(r->body, "i", i)); i++) {
		uint64_t id;
		struct item *it = parse_gid(v, &id) == 0 ? by_gid(id) : NULL;

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
		touch(it);
	}
	free(a);
	free(rm);
	text(fd, 200, "OK");
}

static void
gr_mark_all(int fd, const struct req *r)
{
	char *s = param(r->body, "s", 0);
	long long ts = param_ll(r->body, "ts", 0);

	S.counts[C_MARKALL]++;
	for (size_t k = 0; k < S.nitems; k++)
		if (in_stream(&S.items[k], s) && S.items[k].stamp < ts &&
		    !S.items[k].read) {
			S.items[k].read = 1;
			touch(&S.items[k]);
		}
	free(s);
	text(fd, 200, "OK");
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
	char *url = quick ? param(r->body, "quickadd", 0) : NULL;
	char *ac = param(r->body, "ac", 0), *s = param(r->body, "s", 0);
	char *a = param(r->body, "a", 0);
	struct feed *f;

	if (quick && url && S.nfeeds < MAX_FEEDS) {
		char out[256];

		add_feed(url, url, NULL);
		snprintf(out, sizeof(out),
			 "{\"query\":\"%s\",\"numResults\":1,\"streamId\":"
			 "\"feed/%d\"}",
			 "q", S.nfeeds);
		respond(fd, 200, "application/json", out, strlen(out));
	} else if (!quick && ac && (f = feed_by_stream(s))) {
		if (!strcmp(ac, "unsubscribe"))
			f->live = 0;
		else if (a && str_starts_with(a, "user/-/label/"))
			snprintf(f->folder, sizeof(f->folder), "%s", a + 13);
		text(fd, 200, "OK");
	} else {
		text(fd, 400, "bad subscription request");
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
	json_out(fd, &b);
	buf_free(&b);
}

static void
greader(int fd, const struct req *r, const char *p)
{
	const char *api = "/reader/api/0/";
	int post = !strcmp(r->method, "POST");

	if (!strcmp(p, "/accounts/ClientLogin")) {
		char *email = param(post ? r->body : r->query, "Email", 0);
		char *pw = param(post ? r->body : r->query, "Passwd", 0);

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
			text(fd, 200, out);
		} else {
			text(fd, 401, "Error=BadAuthentication\n");
		}
		free(email);
		free(pw);
		return;
	}
	if (!str_starts_with(p, api)) {
		text(fd, 404, "not found");
		return;
	}
	p += strlen(api);
	if (!gr_authorized(r)) {
		text(fd, 401, "Unauthorized!");
		return;
	}
	if (post) {
		char *t = param(r->body, "T", 0);
		int ok = t && !strcmp(t, S.csrf);

		free(t);
		/* stream/items/contents is a read: no T needed */
		if (!ok && strcmp(p, "stream/items/contents")) {
			text(fd, 401, "Unauthorized!");
			return;
		}
	}
	if (!strcmp(p, "token")) {
		snprintf(S.csrf, sizeof(S.csrf), "T%ld", ++S.token_serial);
		text(fd, 200, S.csrf);
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
		text(fd, 404, "not found");
	}
}

/* ---- Nextcloud News */

static int
nc_authorized(const struct req *r)
{
	char *a = header(r->head, "Authorization");
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
	snprintf(s, sizeof(s), "https://news.example/a/%lld", it->nid);
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
	long long type = param_ll(r->query, "type", 3);
	long long batch = param_ll(r->query, "batchSize", -1);
	long long offset = param_ll(r->query, "offset", 0);
	long long since = param_ll(r->query, "lastModified", 0);
	char *get_read = param(r->query, "getRead", 0);
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
	json_out(fd, &b);
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
		struct item *it = by_nid(id);

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
		touch(it);
	}
	text(fd, 200, "");
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
		touch(it);
	}
	text(fd, 200, "");
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
	json_out(fd, &b);
	buf_free(&b);
}

static void
nextcloud(int fd, const struct req *r, const char *p)
{
	int put = !strcmp(r->method, "PUT") || !strcmp(r->method, "POST");
	int feed = 0;

	if (!nc_authorized(r)) {
		text(fd, 401, "{\"message\":\"Unauthorised\"}");
		return;
	}
	if (!strcmp(p, "folders") && !strcmp(r->method, "GET")) {
		nc_lists(fd, 1);
	} else if (!strcmp(p, "folders") && !strcmp(r->method, "POST")) {
		text(fd, 200, "{\"folders\":[{\"id\":4,\"name\":\"new\"}]}");
	} else if (!strcmp(p, "feeds") && !strcmp(r->method, "GET")) {
		nc_lists(fd, 0);
	} else if (!strcmp(p, "feeds") && !strcmp(r->method, "POST")) {
		const char *u = strstr(r->body, "\"url\":\"");
		char url[256] = "https://new.example/feed";

		if (u)
			snprintf(url, sizeof(url), "%.*s",
				 (int)strcspn(u + 7, "\""), u + 7);
		add_feed(url, url, NULL);
		text(fd, 200, "{\"feeds\":[]}");
	} else if (!strcmp(r->method, "DELETE") &&
		   sscanf(p, "feeds/%d", &feed) == 1 && feed > 0 &&
		   feed <= S.nfeeds) {
		S.feeds[feed - 1].live = 0;
		text(fd, 200, "");
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
		text(fd, 405, "{\"message\":\"no such route\"}");
	}
}

/* ---- the control file, the state, the loop */

/* Apply the control file's rules to request path; 1 when a rule
 * answered it. */
static int
control(int fd, const char *path)
{
	FILE *f = S.control ? fopen(S.control, "r") : NULL;
	char line[512];
	int answered = 0;

	S.cut = 0;
	S.slow_ms = 0;
	S.page = 0;
	S.password = "s3cret-Passw0rd"; /* unless a rule says otherwise */
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f) && !answered) {
		char what[32], part[256];
		long a = 0, b = -1;
		int n = sscanf(line, "%31s %255s %ld %ld", what, part, &a, &b);
		int match =
		    n >= 2 && (!strcmp(part, "*") || strstr(path, part));

		if (n >= 2 && !strcmp(what, "expire-after")) {
			/* once: the token now taking requests runs out */
			static long last = -1;
			long v = strtol(part, NULL, 10);

			if (v != last) {
				last = v;
				S.token_left = v;
			}
		} else if (n >= 2 && !strcmp(what, "page")) {
			S.page = strtol(part, NULL, 10);
		} else if (n >= 2 && !strcmp(what, "set")) {
			char field[32];
			long long nid;
			int v;
			struct item *it;

			if (sscanf(line, "set %lld %31s %d", &nid, field, &v) ==
				3 &&
			    (it = by_nid(nid))) {
				int *fld = !strcmp(field, "read")
					       ? &it->read
					       : &it->starred;

				if (*fld != v) {
					*fld = v;
					touch(it);
				}
			}
		} else if (n >= 2 && !strcmp(what, "password")) {
			snprintf(S.pw_buf, sizeof(S.pw_buf), "%s", part);
			S.password = S.pw_buf;
		} else if (match && !strcmp(what, "fail") && n >= 3) {
			char msg[64];

			snprintf(msg, sizeof(msg), "status %ld\n", a);
			text(fd, (int)a, msg);
			answered = 1;
		} else if (match && !strcmp(what, "cut")) {
			S.cut = 1;
		} else if (match && !strcmp(what, "slow") && n >= 3) {
			S.slow_ms = a;
		}
	}
	fclose(f);
	return answered;
}

static void
write_state(void)
{
	char *tmp;
	FILE *f;

	if (!S.state_file)
		return;
	tmp = xasprintf("%s.tmp", S.state_file);
	f = fopen(tmp, "w");
	if (!f) {
		free(tmp);
		return;
	}
	for (int i = 0; i < S.nfeeds; i++)
		if (S.feeds[i].live)
			fprintf(f, "feed %d %s\n", S.feeds[i].id,
				S.feeds[i].title);
	for (size_t k = 0; k < S.nitems; k++)
		fprintf(f, "item %lld feed=%d read=%d starred=%d\n",
			S.items[k].nid, S.feeds[S.items[k].feed].id,
			S.items[k].read, S.items[k].starred);
	for (size_t i = 0; i < sizeof(count_names) / sizeof(count_names[0]);
	     i++)
		fprintf(f, "count %s %ld\n", count_names[i], S.counts[i]);
	fclose(f);
	rename(tmp, S.state_file);
	free(tmp);
}

static void
log_request(const struct req *r)
{
	FILE *f = S.log_file ? fopen(S.log_file, "a") : NULL;

	if (!f)
		return;
	fprintf(f, "%s %s\n", r->method, r->path);
	fclose(f);
}

/* Read one request from fd; 0, or -1. */
static int
read_request(int fd, struct req *r, struct buf *in)
{
	char tmp[65536], *end, *cl;
	size_t head_len, want;
	ssize_t n;

	memset(r, 0, sizeof(*r));
	while (!(end = strstr(in->data ? in->data : "", "\r\n\r\n"))) {
		if (in->len > MAX_HEAD)
			return -1;
		n = recv(fd, tmp, sizeof(tmp), 0);
		if (n <= 0)
			return -1;
		buf_append(in, tmp, (size_t)n);
	}
	head_len = (size_t)(end - in->data) + 4;
	r->head = xstrndup(in->data, head_len);
	cl = header(r->head, "Content-Length");
	want = cl ? strtoul(cl, NULL, 10) : 0;
	free(cl);
	if (want > MAX_BODY)
		return -1;
	while (in->len < head_len + want) {
		n = recv(fd, tmp, sizeof(tmp), 0);
		if (n <= 0)
			return -1;
		buf_append(in, tmp, (size_t)n);
	}
	r->body = xstrndup(in->data + head_len, want);
	r->body_len = want;
	if (sscanf(r->head, "%15s %2047s", r->method, r->path) != 2)
		return -1;
	r->query = strchr(r->path, '?');
	if (r->query)
		*r->query++ = '\0';
	else
		r->query = r->path + strlen(r->path);
	return 0;
}

static void
serve(int fd)
{
	struct buf in;
	struct req r;

	buf_init(&in, 0);
	if (read_request(fd, &r, &in) == 0) {
		S.counts[C_REQ]++;
		log_request(&r);
		if (control(fd, r.path))
			;
		else if (str_starts_with(r.path, GR))
			greader(fd, &r, r.path + strlen(GR));
		else if (str_starts_with(r.path, NC))
			nextcloud(fd, &r, r.path + strlen(NC));
		else
			text(fd, 404, "not found");
		write_state();
	}
	free(r.head);
	free(r.body);
	buf_free(&in);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"port-file", required_argument, NULL, 'p'},
	    {"state-file", required_argument, NULL, 's'},
	    {"control", required_argument, NULL, 'c'},
	    {"log", required_argument, NULL, 'l'},
	    {"items", required_argument, NULL, 'n'},
	    {"feeds", required_argument, NULL, 'f'},
	    {"idle-exit", required_argument, NULL, 'i'},
	    {NULL, 0, NULL, 0},
	};
	const char *port_file = NULL;
	long nitems = 30, nfeeds = 3, idle = 120;
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);
	struct sigaction sig;
	int ch, lfd, one = 1;
	FILE *pf;

	S.user = "alice";
	S.password = "s3cret-Passw0rd";
	S.token_left = -1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'p':
			port_file = optarg;
			break;
		case 's':
			S.state_file = optarg;
			break;
		case 'c':
			S.control = optarg;
			break;
		case 'l':
			S.log_file = optarg;
			break;
		case 'n':
			nitems = strtol(optarg, NULL, 10);
			break;
		case 'f':
			nfeeds = strtol(optarg, NULL, 10);
			break;
		case 'i':
			idle = strtol(optarg, NULL, 10);
			break;
		default:
			fprintf(stderr, "usage: syncserver --port-file FILE "
					"[--state-file F] [--control F] [--log "
					"F] [--items N] [--feeds N]\n");
			return 2;
		}
	}
	if (!port_file || nfeeds < 1 || nitems < 0)
		return 2;
	make_data((size_t)nitems, (int)nfeeds);
	memset(&sig, 0, sizeof(sig));
	sig.sa_handler = on_signal;
	sigaction(SIGTERM, &sig, NULL);
	sigaction(SIGINT, &sig, NULL);
	sig.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sig, NULL);
	lfd = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(lfd, 64) < 0 ||
	    getsockname(lfd, (struct sockaddr *)&sa, &len) < 0) {
		perror("syncserver");
		return 1;
	}
	write_state();
	pf = fopen(port_file, "w");
	if (!pf)
		return 1;
	fprintf(pf, "%d\n", ntohs(sa.sin_port));
	fclose(pf);
	while (!stop_flag) {
		struct pollfd p = {lfd, POLLIN, 0};
		int fd, rc = poll(&p, 1, (int)idle * 1000);

		if (rc == 0)
			break; /* idle: the test is gone */
		if (rc < 0)
			continue;
		fd = accept(lfd, NULL, NULL);
		if (fd < 0)
			continue;
		serve(fd);
		close(fd);
	}
	close(lfd);
	free(S.items);
	return 0;
}
