/* http.c: the test server's requests, responses, static files and fault modes. */
#include "autoconfig.h"

#include "testserver.h"
#include "net/form.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/*
 * Fault modes (every one also accepts ?type=CONTENT-TYPE, and those that
 * send a body accept ?file=PATH to send that file from the root instead of
 * a built-in text):
 *   /_fault/slow-start/MS        wait MS ms before answering
 *   /_fault/slow-body/MS         send the body a byte every MS ms
 *   /_fault/304                  always 304 Not Modified
 *   /_fault/etag                 fixed ETag and Last-Modified, 304 on match
 *   /_fault/gzip                 Content-Encoding: gzip
 *   /_fault/redirect/N           a chain of N 302s, then the body
 *   /_fault/moved/CODE?to=PATH   a redirect with status CODE to PATH
 *   /_fault/loop                 a redirect to itself, forever
 *   /_fault/redirect-file        a redirect to file:///etc/passwd
 *   /_fault/redirect-gopher      a redirect to gopher://
 *   /_fault/status/CODE          that status with a short body
 *   /_fault/retry-after/CODE/S   that status with Retry-After: S
 *   /_fault/flaky/N/CODE?key=K   CODE for the first N requests of key K
 *   /_fault/truncated            Content-Length larger than what is sent
 *   /_fault/wrong-type           an image/png Content-Type
 *   /_fault/charset/NAME         Content-Type with charset=NAME
 *   /_fault/endless              a body that never ends
 *   /_fault/huge-headers/KB      KB kilobytes of response headers
 *   /_fault/huge-header/KB       one response header of KB kilobytes
 *   /_fault/gzip-bomb/MB         gzip of MB megabytes of zeros
 *   /_fault/echo                 the request head as the body
 *   /_fault/hits?key=K           how many requests flaky saw for key K
 *                                (a canary: 0 when nothing came); every
 *                                other mode given ?key=K counts too
 *   /_fault/http09               a reply with no status line (HTTP/0.9, or
 *                                garbage from something that is no server)
 *   /_fault/bad-location/CODE    a redirect whose Location is no URL
 *   /_fault/encodings/N          N layers of gzip, each named in
 *                                Content-Encoding (gzip, gzip, ...)
 *   /_fault/bad-chunked          chunked encoding with a chunk size that
 *                                is no number
 *   /_fault/max-age/S            Cache-Control: max-age=S
 */

/* ---- request parsing */

/* The value of header name in the request head, trimmed; caller frees. */
static char *
req_header(const char *req, const char *name)
{
	size_t n = strlen(name);
	const char *p = strchr(req, '\n');

	while (p && *++p) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);

		if (len > n && p[n] == ':' && !str_ncasecmp(p, name, n)) {
			char *v = xstrndup(p + n + 1, len - n - 1);

			str_trim(v);
			return v;
		}
		p = eol;
	}
	return NULL;
}

/* The decoded value of query parameter name, or NULL; caller frees. */
static char *
query_param(const char *query, const char *name)
{
	size_t n = strlen(name);
	const char *p = query;

	while (p && *p) {
		const char *end = strchr(p, '&');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len > n && p[n] == '=' && !strncmp(p, name, n))
			return form_decode(p + n + 1, len - n - 1);
		p = end ? end + 1 : NULL;
	}
	return NULL;
}

/* ---- responses */

static const char *
reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 301: return "Moved Permanently";
	case 302: return "Found";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 307: return "Temporary Redirect";
	case 308: return "Permanent Redirect";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 410: return "Gone";
	case 429: return "Too Many Requests";
	case 431: return "Request Header Fields Too Large";
	case 500: return "Internal Server Error";
	case 502: return "Bad Gateway";
	case 503: return "Service Unavailable";
	default: return "Status";
	}
}

static const char *
type_by_ext(const char *path)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{".html", "text/html"},
		{".htm", "text/html"},
		{".xml", "application/xml"},
		{".rss", "application/rss+xml"},
		{".atom", "application/atom+xml"},
		{".rdf", "application/rdf+xml"},
		{".txt", "text/plain"},
		{".json", "application/json"},
		{".opml", "text/x-opml"},
		{".css", "text/css"},
		{".js", "text/javascript"},
		{".png", "image/png"},
		{".jpg", "image/jpeg"},
		{".gif", "image/gif"},
		{".gz", "application/gzip"},
	};
	size_t n = strlen(path);

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		size_t e = strlen(types[i].ext);

		if (n >= e && !str_casecmp(path + n - e, types[i].ext))
			return types[i].type;
	}
	return "application/octet-stream";
}

static void
http_date(time_t t, char out[64])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 64, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

struct resp {
	int status;
	const char *ctype;  /* NULL: no Content-Type */
	struct buf extra;   /* more header lines, each ending in \r\n */
	const char *body;
	size_t len;
	long long declared; /* Content-Length to claim; -1: len; -2: none */
};

static void
resp_init(struct resp *r, int status)
{
	memset(r, 0, sizeof(*r));
	r->status = status;
	buf_init(&r->extra, 0);
	r->declared = -1;
}

/* Queue r's head (and body unless head_only) on c. */
static void
conn_queue(struct conn *c, struct resp *r, int head_only)
{
	int nobody = r->status == 304 || r->status == 204 || head_only;

	buf_printf(&c->out, "HTTP/1.1 %d %s\r\nServer: warta-testserver\r\n",
		   r->status, reason(r->status));
	buf_puts(&c->out, "Connection: close\r\n");
	if (r->ctype)
		buf_printf(&c->out, "Content-Type: %s\r\n", r->ctype);
	if (r->declared >= 0)
		buf_printf(&c->out, "Content-Length: %lld\r\n", r->declared);
	else if (r->declared == -1 && r->status != 304 && r->status != 204)
		buf_printf(&c->out, "Content-Length: %zu\r\n", r->len);
	if (r->extra.len)
		buf_append(&c->out, r->extra.data, r->extra.len);
	buf_puts(&c->out, "\r\n");
	c->head_len = c->out.len;
	if (!nobody && r->len)
		buf_append(&c->out, r->body, r->len);
	if (nobody)
		c->gen = GEN_NONE;
	buf_free(&r->extra);
	c->responding = 1;
	c->off = 0;
}

/* Queue bytes as the whole reply, head and all: what no HTTP server
 * sends. */
static void
conn_queue_raw(struct conn *c, const char *bytes, size_t len)
{
	buf_append(&c->out, bytes, len);
	c->head_len = c->out.len;
	c->gen = GEN_NONE;
	c->responding = 1;
	c->off = 0;
}

void
ts_simple(struct conn *c, int status, const char *text, int head_only)
{
	struct resp r;

	resp_init(&r, status);
	r.ctype = "text/plain; charset=utf-8";
	r.body = text;
	r.len = strlen(text);
	conn_queue(c, &r, head_only);
}

/* Read root/path into b; 0, or -1 with errno. */
static int
read_file(const char *root, const char *path, struct buf *b, struct stat *st)
{
	char *full = xasprintf("%s/%s", root, path);
	char tmp[65536];
	ssize_t n;
	int fd, rc = -1;

	fd = open(full, O_RDONLY);
	free(full);
	if (fd < 0)
		return -1;
	if (fstat(fd, st) < 0 || !S_ISREG(st->st_mode)) {
		errno = ENOENT;
		goto out;
	}
	while ((n = read(fd, tmp, sizeof(tmp))) > 0)
		buf_append(b, tmp, (size_t)n);
	rc = n < 0 ? -1 : 0;
out:
	close(fd);
	return rc;
}

/* A path safe to open under the root (no "..", no NUL), without its
 * leading slash; NULL when refused. Caller frees. */
static char *
safe_path(const char *path)
{
	char *p;

	if (!path || path[0] != '/')
		return NULL;
	p = xstrdup(path + 1);
	if (!strcmp(p, "..") || str_starts_with(p, "../") ||
	    strstr(p, "/../") ||
	    (strlen(p) >= 3 && !strcmp(p + strlen(p) - 3, "/.."))) {
		free(p);
		return NULL;
	}
	if (!*p || p[strlen(p) - 1] == '/') {
		char *q = xasprintf("%sindex.html", p);
		free(p);
		p = q;
	}
	return p;
}

/* gzip-compress in[0..n) into out. */
static void
gzip_bytes(const char *in, size_t n, struct buf *out)
{
	z_stream z;
	char tmp[16384];
	int rc;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)n;
	do {
		z.next_out = (Bytef *)tmp;
		z.avail_out = sizeof(tmp);
		rc = deflate(&z, Z_FINISH);
		buf_append(out, tmp, sizeof(tmp) - z.avail_out);
	} while (rc == Z_OK);
	deflateEnd(&z);
}

/* Serve a static file, honouring If-None-Match and If-Modified-Since. */
static void
serve_file(struct server *s, struct conn *c, const char *path,
	   const char *ctype, const char *charset, int head_only)
{
	struct buf body;
	struct stat st;
	struct resp r;
	char etag[64], lm[64], *ct = NULL, *inm, *ims;
	char *rel = safe_path(path);

	buf_init(&body, 0);
	if (!rel) {
		ts_simple(c, 403, "forbidden path\n", head_only);
		return;
	}
	if (read_file(s->root, rel, &body, &st) < 0) {
		free(rel);
		buf_free(&body);
		ts_simple(c, 404, "not found\n", head_only);
		return;
	}
	snprintf(etag, sizeof(etag), "\"%llx-%llx\"",
		 (unsigned long long)st.st_mtime,
		 (unsigned long long)st.st_size);
	http_date(st.st_mtime, lm);
	inm = req_header(c->req, "If-None-Match");
	ims = req_header(c->req, "If-Modified-Since");
	resp_init(&r, 200);
	if ((inm && strstr(inm, etag)) || (!inm && ims && !strcmp(ims, lm)))
		r.status = 304;
	if (!ctype)
		ctype = type_by_ext(rel);
	if (charset) {
		ct = xasprintf("%s; charset=%s", ctype, charset);
		ctype = ct;
	}
	r.ctype = ctype;
	buf_printf(&r.extra, "ETag: %s\r\nLast-Modified: %s\r\n", etag, lm);
	r.body = body.data;
	r.len = body.len;
	conn_queue(c, &r, head_only);
	free(inm);
	free(ims);
	free(ct);
	free(rel);
	buf_free(&body);
}

/* Body text for a fault: ?file= from the root, else a built-in text. */
static void
fault_body(struct server *s, const char *query, const char *dflt,
	   struct buf *b, const char **ctype)
{
	char *file = query_param(query, "file");
	char *rel = NULL;
	struct stat st;

	if (file) {
		char *abs = xasprintf("%s%s", file[0] == '/' ? "" : "/", file);

		rel = safe_path(abs);
		free(abs);
	}
	if (rel && read_file(s->root, rel, b, &st) == 0) {
		*ctype = type_by_ext(rel);
	} else {
		buf_reset(b);
		buf_puts(b, dflt);
		*ctype = "text/plain; charset=utf-8";
	}
	free(file);
	free(rel);
}

static long
arg_long(const char *s, long dflt, long max)
{
	long v;

	if (!s || str_to_long(s, 0, max, &v) < 0)
		return dflt;
	return v;
}

static long
key_hit(struct server *s, const char *key)
{
	for (size_t i = 0; i < s->nkeys; i++)
		if (!strcmp(s->keys[i].key, key))
			return ++s->keys[i].count;
	if (s->nkeys == MAX_KEYS)
		return 1;
	snprintf(s->keys[s->nkeys].key, sizeof(s->keys[0].key), "%s", key);
	s->keys[s->nkeys].count = 1;
	return s->keys[s->nkeys++].count;
}

/* Requests seen so far for key, without counting one more. */
static long
key_count(const struct server *s, const char *key)
{
	for (size_t i = 0; i < s->nkeys; i++)
		if (!strcmp(s->keys[i].key, key))
			return s->keys[i].count;
	return 0;
}

const char ts_filler_text[] =
	"<p>The quick brown fox jumps over the lazy dog, again and again.</p>\n";
const size_t ts_filler_len = sizeof(ts_filler_text) - 1;

static void
fault(struct server *s, struct conn *c, const char *name, const char *query,
      int head_only)
{
	char seg[3][64] = {"", "", ""};
	const char *p = name;
	struct buf body;
	struct resp r;
	const char *ctype = NULL;
	char *type = query_param(query, "type");
	char *to = NULL, *inm = NULL, *ims = NULL;

	for (int i = 0; i < 3 && *p; i++) {
		size_t n = strcspn(p, "/");
		snprintf(seg[i], sizeof(seg[i]), "%.*s", (int)n, p);
		p += n;
		if (*p == '/')
			p++;
	}
	buf_init(&body, 0);
	resp_init(&r, 200);
	if (strcmp(seg[0], "flaky") && strcmp(seg[0], "hits")) {
		char *key = query_param(query, "key");

		if (key)
			key_hit(s, key);
		free(key);
	}

	if (!strcmp(seg[0], "slow-start")) {
		c->start_at = ts_now_ms() + arg_long(seg[1], 2000, 600000);
		fault_body(s, query, "slow start body\n", &body, &ctype);
	} else if (!strcmp(seg[0], "slow-body")) {
		c->byte_delay = arg_long(seg[1], 100, 600000);
		fault_body(s, query, "slow body: one byte at a time\n", &body,
			   &ctype);
	} else if (!strcmp(seg[0], "max-age")) {
		buf_printf(&r.extra, "Cache-Control: max-age=%ld\r\n",
			   arg_long(seg[1], 60, 100000000));
		fault_body(s, query, "fresh for a while\n", &body, &ctype);
	} else if (!strcmp(seg[0], "304")) {
		r.status = 304;
	} else if (!strcmp(seg[0], "etag")) {
		static const char etag[] = "\"warta-etag-1\"";
		static const char lm[] = "Mon, 02 Jan 2023 03:04:05 GMT";

		inm = req_header(c->req, "If-None-Match");
		ims = req_header(c->req, "If-Modified-Since");
		if ((inm && strstr(inm, etag)) ||
		    (!inm && ims && !strcmp(ims, lm)))
			r.status = 304;
		buf_printf(&r.extra, "ETag: %s\r\nLast-Modified: %s\r\n", etag,
			   lm);
		fault_body(s, query, "etag body\n", &body, &ctype);
	} else if (!strcmp(seg[0], "gzip")) {
		struct buf raw;

		buf_init(&raw, 0);
		fault_body(s, query, "", &raw, &ctype);
		if (!raw.len)
			for (int i = 0; i < 100; i++)
				buf_puts(&raw, ts_filler_text);
		gzip_bytes(raw.data, raw.len, &body);
		buf_free(&raw);
		buf_puts(&r.extra, "Content-Encoding: gzip\r\nVary: "
				   "Accept-Encoding\r\n");
	} else if (!strcmp(seg[0], "redirect")) {
		long n = arg_long(seg[1], 1, 1000);

		if (n > 0) {
			r.status = 302;
			buf_printf(&r.extra, "Location: /_fault/redirect/%ld%s%s\r\n",
				   n - 1, query ? "?" : "", query ? query : "");
		} else {
			fault_body(s, query, "end of the redirect chain\n",
				   &body, &ctype);
		}
	} else if (!strcmp(seg[0], "moved")) {
		to = query_param(query, "to");
		r.status = (int)arg_long(seg[1], 301, 399);
		if (r.status < 300)
			r.status = 301;
		buf_printf(&r.extra, "Location: %s\r\n", to ? to : "/");
	} else if (!strcmp(seg[0], "loop")) {
		r.status = 302;
		buf_puts(&r.extra, "Location: /_fault/loop\r\n");
	} else if (!strcmp(seg[0], "redirect-file")) {
		r.status = 302;
		buf_puts(&r.extra, "Location: file:///etc/passwd\r\n");
	} else if (!strcmp(seg[0], "redirect-gopher")) {
		r.status = 302;
		buf_printf(&r.extra, "Location: gopher://127.0.0.1:%d/1\r\n",
			   s->port);
	} else if (!strcmp(seg[0], "status") ||
		   !strcmp(seg[0], "retry-after")) {
		r.status = (int)arg_long(seg[1], 500, 599);
		if (r.status < 200)
			r.status = 500;
		if (seg[0][0] == 'r')
			buf_printf(&r.extra, "Retry-After: %s\r\n",
				   seg[2][0] ? seg[2] : "1");
		buf_printf(&body, "status %d\n", r.status);
		ctype = "text/plain; charset=utf-8";
	} else if (!strcmp(seg[0], "flaky")) {
		char *key = query_param(query, "key");
		long n = arg_long(seg[1], 1, 1000);

		if (key_hit(s, key ? key : "") <= n) {
			r.status = (int)arg_long(seg[2], 503, 599);
			buf_printf(&body, "flaky: status %d\n", r.status);
			ctype = "text/plain; charset=utf-8";
		} else {
			fault_body(s, query, "flaky: finally fine\n", &body,
				   &ctype);
		}
		free(key);
	} else if (!strcmp(seg[0], "truncated")) {
		for (int i = 0; i < 10; i++)
			buf_puts(&body, ts_filler_text);
		r.declared = (long long)body.len * 10;
		ctype = "text/html";
	} else if (!strcmp(seg[0], "wrong-type")) {
		fault_body(s, query, "<rss><channel></channel></rss>\n", &body,
			   &ctype);
		ctype = "image/png";
	} else if (!strcmp(seg[0], "charset")) {
		fault_body(s, query, "caf\xc3\xa9\n", &body, &ctype);
		free(to);
		to = xasprintf("%.*s; charset=%s", (int)strcspn(ctype, ";"),
			       ctype, seg[1][0] ? seg[1] : "iso-8859-1");
		ctype = to;
	} else if (!strcmp(seg[0], "endless")) {
		c->gen = GEN_ENDLESS;
		c->gen_left = GEN_LIMIT;
		r.declared = -2;
		ctype = "text/html";
	} else if (!strcmp(seg[0], "huge-headers") ||
		   !strcmp(seg[0], "huge-header")) {
		long kb = arg_long(seg[1], 1024, 65536);
		int one = !strcmp(seg[0], "huge-header");

		if (one)
			buf_puts(&r.extra, "X-Huge: ");
		for (long i = 0; i < kb; i++) {
			if (!one)
				buf_printf(&r.extra, "X-Filler-%ld: ", i);
			for (int j = 0; j < 1000; j++)
				buf_putc(&r.extra, 'x');
			if (!one)
				buf_puts(&r.extra, "\r\n");
		}
		if (one)
			buf_puts(&r.extra, "\r\n");
		buf_puts(&body, "huge headers\n");
		ctype = "text/plain";
	} else if (!strcmp(seg[0], "gzip-bomb")) {
		c->gen = GEN_BOMB;
		c->gen_left = (unsigned long long)arg_long(seg[1], 10240,
							   1L << 20) << 20;
		memset(&c->z, 0, sizeof(c->z));
		if (deflateInit2(&c->z, 9, Z_DEFLATED, 31, 9,
				 Z_DEFAULT_STRATEGY) != Z_OK)
			abort();
		c->z_on = 1;
		r.declared = -2;
		ctype = "text/html";
		buf_puts(&r.extra, "Content-Encoding: gzip\r\n");
	} else if (!strcmp(seg[0], "hits")) {
		char *key = query_param(query, "key");

		buf_printf(&body, "%ld\n", key_count(s, key ? key : ""));
		ctype = "text/plain";
		free(key);
	} else if (!strcmp(seg[0], "echo")) {
		buf_puts(&body, c->req);
		ctype = "text/plain";
	} else if (!strcmp(seg[0], "http09")) {
		static const char text[] =
		    "This is no HTTP reply, only a line of text.\n";

		conn_queue_raw(c, text, sizeof(text) - 1);
		goto out;
	} else if (!strcmp(seg[0], "bad-location")) {
		r.status = (int)arg_long(seg[1], 301, 399);
		if (r.status < 300)
			r.status = 301;
		buf_puts(&r.extra, "Location: http://[bad::host/x y\r\n");
	} else if (!strcmp(seg[0], "encodings")) {
		long n = arg_long(seg[1], 6, 20);
		struct buf in;

		buf_init(&in, 0);
		fault_body(s, query, "", &in, &ctype);
		if (!in.len) {
			for (int i = 0; i < 20; i++)
				buf_puts(&in, ts_filler_text);
			ctype = "text/html";
		}
		buf_puts(&r.extra, "Content-Encoding: ");
		for (long i = 0; i < n; i++) {
			buf_reset(&body);
			gzip_bytes(in.data, in.len, &body);
			buf_reset(&in);
			buf_append(&in, body.data, body.len);
			buf_printf(&r.extra, "%sgzip", i ? ", " : "");
		}
		buf_puts(&r.extra, "\r\n");
		buf_free(&in);
	} else if (!strcmp(seg[0], "bad-chunked")) {
		static const char text[] =
		    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
		    "Transfer-Encoding: chunked\r\nConnection: close\r\n"
		    "\r\nzz\r\n<p>not a size</p>\r\n0\r\n\r\n";

		conn_queue_raw(c, text, sizeof(text) - 1);
		goto out;
	} else {
		r.status = 404;
		buf_puts(&body, "no such fault\n");
		ctype = "text/plain";
	}
	if (type)
		ctype = type;
	if (r.status >= 300 && r.status < 400 && r.status != 304 && !body.len)
		buf_puts(&body, "redirecting\n");
	r.ctype = r.status == 304 ? NULL : ctype;
	r.body = body.data;
	r.len = body.len;
	conn_queue(c, &r, head_only);
out:
	if (r.extra.data)
		buf_free(&r.extra);
	free(type);
	free(to);
	free(inm);
	free(ims);
	buf_free(&body);
}

void
ts_handle_request(struct server *s, struct conn *c)
{
	char method[16], target[4096];
	char *path = NULL, *q;
	int head_only;

	if (sscanf(c->req, "%15s %4095s HTTP/1.", method, target) != 2) {
		ts_simple(c, 400, "bad request\n", 0);
		return;
	}
	if (s->log) {
		fprintf(s->log, "%s %s\n", method, target);
		fflush(s->log);
	}
	head_only = !strcmp(method, "HEAD");
	if (strcmp(method, "GET") && !head_only) {
		ts_simple(c, 405, "only GET and HEAD\n", 0);
		return;
	}
	q = strchr(target, '?');
	if (q)
		*q++ = '\0';
	path = form_decode(target, strlen(target));
	if (!path) {
		ts_simple(c, 400, "bad path\n", head_only);
		return;
	}
	if (str_starts_with(path, "/_fault/"))
		fault(s, c, path + 8, q, head_only);
	else
		serve_file(s, c, path, NULL, NULL, head_only);
	free(path);
}

