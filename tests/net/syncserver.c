/* syncserver.c: a fake sync server for tests: the Google Reader API and
 * Nextcloud News v1.3 on 127.0.0.1, with state and faults. */
#include "autoconfig.h"

#include "net/form.h"
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
 *   arrive                     the items held back by --later arrive
 * The state (--state-file) is written after every request: "feed ID
 * TITLE", "item ID feed=F read=R starred=S", "count NAME N" lines. The
 * log (--log) gets "METHOD PATH" for each request, and the body of a
 * mark-all-as-read after it.
 *
 * With --articles, items link to /a/NID here, which answers with a page
 * of the item's own text ("Item NID of FEED"), as a news site would.
 */

#define MAX_HEAD 65536
#define MAX_BODY (8 << 20)
#define GR "/greader"
#define NC "/index.php/apps/news/api/v1-3/"

#include "syncserver.h"

struct fake S;

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

void
ss_add_feed(const char *title, const char *url, const char *folder)
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
make_data(size_t nitems, int nfeeds, size_t later)
{
	char title[64], url[128];

	for (int i = 0; i < nfeeds && i < MAX_FEEDS - 16; i++) {
		snprintf(title, sizeof(title), "Feed %d", i + 1);
		snprintf(url, sizeof(url), "https://feed%d.example/rss.xml",
			 i + 1);
		ss_add_feed(title, url, i % 2 ? "Daily" : "World");
	}
	S.items = xcalloc(nitems + 1, sizeof(*S.items));
	S.ntotal = nitems;
	/* the newest ones, held back */
	S.nitems = later < nitems ? nitems - later : 0;
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
		/* read on another device */
		it->read = S.read_every && k % (size_t)S.read_every == 1;
	}
	S.clock = 1700000000LL * 1000000 + (long long)nitems * 1000 + 1000;
}

struct item *
ss_by_gid(uint64_t id)
{
	uint64_t k = (id & ~(1ULL << 63)) - 1 - 0x0005c62466ee0000ULL;

	if (k < S.nitems && S.items[k].gid == id)
		return &S.items[k];
	return NULL;
}

struct item *
ss_by_nid(long long id)
{
	if (id >= 1 && (size_t)id <= S.nitems)
		return &S.items[id - 1];
	return NULL;
}

void
ss_link(const struct item *it, char *out, size_t n)
{
	snprintf(out, n, "%s/a/%lld",
		 S.links[0] ? S.links : "https://news.example", it->nid);
}

/* The page of item nid: an article among a site's furniture. */
static void
article(int fd, long long nid)
{
	const struct item *it = ss_by_nid(nid);
	struct buf b;

	if (!it) {
		ss_text(fd, 404, "no such article");
		return;
	}
	buf_init(&b, 0);
	buf_printf(&b,
		   "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
		   "<title>Item %lld of %s</title></head><body>"
		   "<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a>"
		   "</nav><article><h1>Item %lld of %s</h1>",
		   nid, S.feeds[it->feed].title, nid, S.feeds[it->feed].title);
	for (int i = 0; i < 4; i++)
		buf_printf(&b,
			   "<p>Paragraph %d of article %lld: the lighthouse "
			   "keeper logged the tide at dawn and again at dusk, "
			   "and the fishing boats came in one after another "
			   "with their nets full of silver mackerel.</p>",
			   i + 1, nid);
	buf_puts(&b, "</article><footer>Copyright the Harbour Gazette"
		     "</footer></body></html>");
	ss_respond(fd, 200, "text/html; charset=utf-8", b.data, b.len);
	buf_free(&b);
}

void
ss_touch(struct item *it)
{
	it->modified = ++S.clock;
}

/* ---- request parsing */

/* The idx-th value of name in a form or query (caller frees), or NULL. */
char *
ss_param(const char *q, const char *name, int idx)
{
	size_t n = strlen(name);

	for (const char *p = q; p && *p;) {
		const char *end = strchr(p, '&');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len > n && p[n] == '=' && !strncmp(p, name, n) &&
		    idx-- == 0)
			return form_decode(p + n + 1, len - n - 1);
		p = end ? end + 1 : NULL;
	}
	return NULL;
}

long long
ss_param_ll(const char *q, const char *name, long long dflt)
{
	char *v = ss_param(q, name, 0);
	long long n = dflt;

	if (v && *v)
		n = strtoll(v, NULL, 10);
	free(v);
	return n;
}

char *
ss_header(const char *head, const char *name)
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

void
ss_respond(int fd, int status, const char *ctype, const char *body, size_t len)
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

void
ss_text(int fd, int status, const char *s)
{
	ss_respond(fd, status, "text/plain; charset=utf-8", s, strlen(s));
}

void
ss_json_out(int fd, struct buf *b)
{
	ss_respond(fd, 200, "application/json", b->data ? b->data : "{}",
		   b->len);
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
			    (it = ss_by_nid(nid))) {
				int *fld = !strcmp(field, "read")
					       ? &it->read
					       : &it->starred;

				if (*fld != v) {
					*fld = v;
					ss_touch(it);
				}
			}
		} else if (n >= 1 && !strcmp(what, "arrive")) {
			for (size_t k = S.nitems; k < S.ntotal; k++)
				ss_touch(&S.items[k]);
			S.nitems = S.ntotal;
		} else if (n >= 2 && !strcmp(what, "password")) {
			snprintf(S.pw_buf, sizeof(S.pw_buf), "%s", part);
			S.password = S.pw_buf;
		} else if (match && !strcmp(what, "fail") && n >= 3) {
			char msg[64];

			snprintf(msg, sizeof(msg), "status %ld\n", a);
			ss_text(fd, (int)a, msg);
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
	if (strstr(r->path, "mark-all-as-read") ||
	    (strlen(r->path) > 5 &&
	     !strcmp(r->path + strlen(r->path) - 5, "/read")))
		fprintf(f, "%s %s %s\n", r->method, r->path, r->body);
	else
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
	cl = ss_header(r->head, "Content-Length");
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
			ss_greader(fd, &r, r.path + strlen(GR));
		else if (str_starts_with(r.path, NC))
			ss_nextcloud(fd, &r, r.path + strlen(NC));
		else if (S.links[0] && str_starts_with(r.path, "/a/"))
			article(fd, strtoll(r.path + 3, NULL, 10));
		else
			ss_text(fd, 404, "not found");
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
	    {"read-every", required_argument, NULL, 'r'},
	    {"articles", no_argument, NULL, 'a'},
	    {"later", required_argument, NULL, 'L'},
	    {NULL, 0, NULL, 0},
	};
	int articles = 0;
	long later = 0;
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
	S.read_every = 3;
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
		case 'r':
			S.read_every = strtol(optarg, NULL, 10);
			break;
		case 'a':
			articles = 1;
			break;
		case 'L':
			later = strtol(optarg, NULL, 10);
			break;
		default:
			fprintf(stderr, "usage: syncserver --port-file FILE "
					"[--state-file F] [--control F] [--log "
					"F] [--items N] [--feeds N] "
					"[--articles] [--later N]\n");
			return 2;
		}
	}
	if (!port_file || nfeeds < 1 || nitems < 0)
		return 2;
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
	if (articles)
		snprintf(S.links, sizeof(S.links), "http://127.0.0.1:%d",
			 ntohs(sa.sin_port));
	make_data((size_t)nitems, (int)nfeeds, later > 0 ? (size_t)later : 0);
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
