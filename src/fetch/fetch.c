/* fetch.c: parallel transfers on one curl multi handle, with retries and caps. */
#include "autoconfig.h"

#include "fetch/fetch.h"
#include "fetch/curl_load.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/url.h"

#include <curl/curl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_HOPS 12          /* 10 redirects and a little slack */
#define MAX_HEAD_BYTES (256 * 1024)
#define STALL_BYTES_PER_S 16 /* slower than this for a while: stalled */
#define MAX_REDIRECTS 10
#define MAX_SCAN 512 /* waiting transfers looked at per step */

struct xfer {
	struct fetch *f;
	CURL *h;
	char *url;
	char *host; /* for the per-host limit; NULL for files */
	struct fetch_options opt;
	char *user_agent, *proxy, *etag, *last_modified;
	char *method, *req_body; /* NULL: a GET */
	size_t req_body_len;
	void *userdata;
	struct curl_slist *headers;
	char errbuf[CURL_ERROR_SIZE];
	struct buf body;
	int too_big;
	size_t head_bytes;
	int head_too_big;
	long hop_status[MAX_HOPS];
	char *hop_location[MAX_HOPS];
	int nhops;
	int tries;
	int plain;         /* fetch_get: a 304 is not an error */
	long long due_ms;  /* when waiting: start not before this */
	struct xfer *next; /* in the waiting or done list */
	struct xfer *anext, *aprev; /* in the active list */
	struct fetch_done done;
};

struct fetch {
	CURLM *m;
	long max_active;        /* handles given to curl at once */
	long per_host;          /* ... of them to one host */
	size_t active;          /* handles in curl */
	struct xfer *active_list;
	struct xfer *waiting;   /* queued or waiting to retry */
	struct xfer *done_head, *done_tail;
	size_t nwaiting;
	size_t tries_ended; /* see fetch_tries_ended() */
	int hold;               /* start nothing new: fetch_hold() */
};

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
fetch_options_default(struct fetch_options *o)
{
	memset(o, 0, sizeof(*o));
	o->timeout_s = 30;
	o->connect_timeout_s = 10;
	o->max_size = 10 * 1024 * 1024;
	o->retries = 2;
	o->backoff_ms = 1000;
	o->max_retry_wait_s = 10;
}

int
fetch_check_page_type(const struct fetch_result *r, struct err *e)
{
	static const char *const never[] = {
	    "image/", "audio/", "video/", "font/", "application/pdf",
	    "application/zip", "application/gzip", "application/msword",
	    "application/vnd.",
	};
	const char *t = r->content_type;
	size_t n;

	if (!t)
		return 0;
	while (*t == ' ' || *t == '\t')
		t++;
	for (size_t i = 0; i < sizeof(never) / sizeof(never[0]); i++)
		if (str_istarts_with(t, never[i])) {
			n = strcspn(t, "; \t");
			return err_set(e, "not a web page: %.*s",
				       (int)(n < 64 ? n : 64), t);
		}
	return 0;
}

void
fetch_format_size(size_t n, char out[32])
{
	if (n >= 1024 * 1024 && n % (1024 * 1024) == 0)
		snprintf(out, 32, "%zu MB", n / (1024 * 1024));
	else if (n >= 1024 * 1024)
		snprintf(out, 32, "%.1f MB", (double)n / (1024.0 * 1024.0));
	else if (n >= 1024)
		snprintf(out, 32, "%zu KB", n / 1024);
	else
		snprintf(out, 32, "%zu bytes", n);
}

void
fetch_result_free(struct fetch_result *r)
{
	free(r->final_url);
	free(r->content_type);
	free(r->charset);
	free(r->etag);
	free(r->last_modified);
	free(r->permanent_redirect);
	free(r->body);
	memset(r, 0, sizeof(*r));
}

void
fetch_done_free(struct fetch_done *d)
{
	fetch_result_free(&d->res);
	memset(d, 0, sizeof(*d));
}

/* ---- one transfer */

static size_t
on_body(char *p, size_t size, size_t n, void *arg)
{
	struct xfer *x = arg;

	if (buf_append(&x->body, p, size * n) < 0) {
		x->too_big = 1;
		return 0; /* aborts the transfer: CURLE_WRITE_ERROR */
	}
	return size * n;
}

static size_t
on_header(char *p, size_t size, size_t n, void *arg)
{
	struct xfer *x = arg;
	size_t len = size * n;

	x->head_bytes += len;
	if (x->head_bytes > MAX_HEAD_BYTES) {
		x->head_too_big = 1;
		return 0;
	}
	if (len > 9 && !memcmp(p, "HTTP/", 5)) {
		const char *sp = memchr(p, ' ', len);
		long code = 0;

		if (sp && (size_t)(sp - p) + 4 <= len)
			code = (sp[1] - '0') * 100 + (sp[2] - '0') * 10 +
			       (sp[3] - '0');
		if (code >= 200 && x->nhops < MAX_HOPS) {
			x->hop_status[x->nhops] = code;
			x->hop_location[x->nhops] = NULL;
			x->nhops++;
		}

	} else if (len > 9 && !str_ncasecmp(p, "location:", 9) &&
		   x->nhops > 0 && !x->hop_location[x->nhops - 1]) {
		char *v = xstrndup(p + 9, len - 9);

		x->hop_location[x->nhops - 1] = str_trim(v);
		if (!*v) {
			free(v);
			x->hop_location[x->nhops - 1] = NULL;
		}
	}
	return len;
}

static void
xfer_reset_hops(struct xfer *x)
{
	for (int i = 0; i < x->nhops; i++)
		free(x->hop_location[i]);
	x->nhops = 0;
}

static void
xfer_free(struct xfer *x)
{
	if (x->h)
		curl_easy_cleanup(x->h);
	/* the request may have carried a password or a token */
	for (struct curl_slist *l = x->headers; l; l = l->next)
		str_wipe(l->data, strlen(l->data));
	curl_slist_free_all(x->headers);
	if (x->req_body)
		str_wipe(x->req_body, x->req_body_len);
	free(x->req_body);
	free(x->method);
	xfer_reset_hops(x);
	buf_free(&x->body);
	free(x->url);
	free(x->host);
	free(x->user_agent);
	free(x->proxy);
	free(x->etag);
	free(x->last_modified);
	fetch_done_free(&x->done);
	free(x);
}

/* Set every option for one try (again on a retry). */
static int
xfer_setup(struct xfer *x)
{
	const struct fetch_options *o = &x->opt;
	long stall = o->connect_timeout_s > 0 ? o->connect_timeout_s : 10;

	if (!x->h)
		x->h = curl_easy_init();
	else
		curl_easy_reset(x->h);
	if (!x->h)
		return -1;
	buf_free(&x->body);
	buf_init(&x->body, o->max_size);
	x->too_big = 0;
	x->head_bytes = 0;
	x->head_too_big = 0;
	xfer_reset_hops(x);
	x->errbuf[0] = '\0';

	curl_easy_setopt(x->h, CURLOPT_URL, x->url);
	curl_easy_setopt(x->h, CURLOPT_PRIVATE, x);
	curl_easy_setopt(x->h, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(x->h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(x->h, CURLOPT_PROTOCOLS_STR,
			 o->allow_file ? "http,https,file" : "http,https");
	/* never file:// on redirect; and an https source never falls back
	 * to plain http */
	curl_easy_setopt(x->h, CURLOPT_REDIR_PROTOCOLS_STR,
			 str_istarts_with(x->url, "https:") ? "https"
							    : "http,https");
	curl_easy_setopt(x->h, CURLOPT_FOLLOWLOCATION,
			 x->method || x->req_body ? 0L : 1L);
	curl_easy_setopt(x->h, CURLOPT_MAXREDIRS, (long)MAX_REDIRECTS);
	if (x->req_body || (x->method && !strcmp(x->method, "POST"))) {
		/* not copied by curl: x keeps (and wipes) its own copy */
		curl_easy_setopt(x->h, CURLOPT_POSTFIELDS,
				 x->req_body ? x->req_body : "");
		curl_easy_setopt(x->h, CURLOPT_POSTFIELDSIZE_LARGE,
				 (curl_off_t)x->req_body_len);
	}
	if (x->method && strcmp(x->method, "POST"))
		curl_easy_setopt(x->h, CURLOPT_CUSTOMREQUEST, x->method);
	curl_easy_setopt(x->h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(x->h, CURLOPT_TIMEOUT, o->timeout_s);
	curl_easy_setopt(x->h, CURLOPT_CONNECTTIMEOUT, o->connect_timeout_s);
	curl_easy_setopt(x->h, CURLOPT_LOW_SPEED_LIMIT,
			 (long)STALL_BYTES_PER_S);
	curl_easy_setopt(x->h, CURLOPT_LOW_SPEED_TIME, stall);
	if (o->max_size)
		curl_easy_setopt(x->h, CURLOPT_MAXFILESIZE_LARGE,
				 (curl_off_t)o->max_size);
	curl_easy_setopt(x->h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(x->h, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(x->h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(x->h, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(x->h, CURLOPT_USERAGENT,
			 x->user_agent ? x->user_agent
				       : "warta/" PACKAGE_VERSION);
	if (x->proxy)
		curl_easy_setopt(x->h, CURLOPT_PROXY, x->proxy);
	if (o->insecure) {
		curl_easy_setopt(x->h, CURLOPT_SSL_VERIFYPEER, 0L);
		curl_easy_setopt(x->h, CURLOPT_SSL_VERIFYHOST, 0L);
	}
	if (x->headers)
		curl_easy_setopt(x->h, CURLOPT_HTTPHEADER, x->headers);
	return 0;
}

/* The value of header name in the last response, or NULL; caller frees. */
static char *
last_header(CURL *h, const char *name)
{
	struct curl_header *hd;

	if (curl_easy_header(h, name, 0, CURLH_HEADER, -1, &hd) != CURLHE_OK ||
	    !hd->value || !*hd->value)
		return NULL;
	return xstrdup(hd->value);
}

/* charset=... from a Content-Type value, lower-cased; caller frees. */
static char *
charset_of(const char *ct)
{
	const char *p = str_casestr(ct, "charset=");
	char *cs;
	size_t n;

	if (!p)
		return NULL;
	p += 8;
	while (*p == ' ' || *p == '"' || *p == '\'')
		p++;
	n = strcspn(p, "\"'; \t");
	if (!n)
		return NULL;
	cs = xstrndup(p, n);
	for (char *c = cs; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return cs;
}

/* The URL reached by the leading permanent redirects, or NULL. */
static char *
permanent_target(struct xfer *x)
{
	char *cur = xstrdup(x->url);
	int i, moved = 0;

	for (i = 0; i < x->nhops; i++) {
		char *next;

		if (x->hop_status[i] != 301 && x->hop_status[i] != 308)
			break;
		/* a Location curl could not follow (no URL) is never one
		 * to adopt: only a hop that answered after it counts */
		if (!x->hop_location[i] || i + 1 >= x->nhops)
			break;
		next = url_resolve(cur, x->hop_location[i]);
		if (!next)
			break;
		free(cur);
		cur = next;
		moved = 1;
	}
	if (!moved || !url_is_http(cur)) {
		free(cur);
		return NULL;
	}
	return cur;
}

/* Fill x->done.res from the finished handle. */
static void
collect(struct xfer *x)
{
	struct fetch_result *r = &x->done.res;
	char *s = NULL;
	curl_off_t ra = 0;

	fetch_result_free(r);
	curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &r->status);
	if (curl_easy_getinfo(x->h, CURLINFO_EFFECTIVE_URL, &s) == CURLE_OK &&
	    s)
		r->final_url = xstrdup(s);
	s = NULL;
	if (curl_easy_getinfo(x->h, CURLINFO_CONTENT_TYPE, &s) == CURLE_OK &&
	    s) {
		r->content_type = xstrdup(s);
		r->charset = charset_of(s);
	}
	if (curl_easy_getinfo(x->h, CURLINFO_RETRY_AFTER, &ra) == CURLE_OK &&
	    ra > 0)
		r->retry_after = ra > 86400 * 30 ? 86400 * 30 : (long)ra;
	{
		char *cc = last_header(x->h, "Cache-Control");
		char *ex = cc ? NULL : last_header(x->h, "Expires");
		char *dt = ex ? last_header(x->h, "Date") : NULL;

		r->max_age = fetch_max_age(cc, ex, dt);
		free(cc);
		free(ex);
		free(dt);
	}
	r->etag = last_header(x->h, "ETag");
	r->last_modified = last_header(x->h, "Last-Modified");
	r->permanent_redirect = permanent_target(x);
	r->len = x->body.len;
	r->body = buf_steal(&x->body);
}

static int
transient_status(long st)
{
	return st == 408 || st == 429 || st == 500 || st == 502 ||
	       st == 503 || st == 504;
}

/* The most Content-Encoding layers curl unpacks; a reply with more is
 * refused as CURLE_BAD_CONTENT_ENCODING, as a corrupt one is ("Reject
 * response due to more than 5 content encodings"). */
#define CURL_MAX_ENCODINGS 5

/* A reply whose chunked encoding is broken: curl says
 * CURLE_RECV_ERROR, as for a connection reset, but the same server gives
 * the same bytes again. */
static int
bad_chunked(const struct xfer *x, CURLcode rc)
{
	return rc == CURLE_RECV_ERROR && str_casestr(x->errbuf, "chunked");
}

static int
transient_code(CURLcode rc)
{
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return 1;
	default:
		return 0;
	}
}

/* Describe a failed try in x->done.err. */
static void
describe(struct xfer *x, CURLcode rc)
{
	struct err *e = &x->done.err;
	const struct fetch_options *o = &x->opt;
	char size[32];
	double total = 0, conn = 0;
	char *redir = NULL;

	switch (rc) {
	case CURLE_OK:
		if (x->done.res.status == 304)
			err_set(e, "HTTP 304 (not modified) without a cached "
				   "copy");
		else
			err_set(e, "HTTP %ld", x->done.res.status);
		break;
	case CURLE_WRITE_ERROR:
	case CURLE_FILESIZE_EXCEEDED:
		fetch_format_size(o->max_size, size);
		if (x->too_big || rc == CURLE_FILESIZE_EXCEEDED)
			err_set(e, "body larger than %s", size);
		else
			err_set(e, "could not keep the body");
		break;
	case CURLE_OPERATION_TIMEDOUT:
		curl_easy_getinfo(x->h, CURLINFO_TOTAL_TIME, &total);
		curl_easy_getinfo(x->h, CURLINFO_CONNECT_TIME, &conn);
		if (conn <= 0)
			err_set(e, "could not connect within %ld s",
				o->connect_timeout_s);
		else if (total + 0.5 >= (double)o->timeout_s)
			err_set(e, "timed out after %ld s", o->timeout_s);
		else
			err_set(e, "stalled: under %d bytes/s for %ld s",
				STALL_BYTES_PER_S, o->connect_timeout_s);
		break;
	case CURLE_TOO_MANY_REDIRECTS:
		err_set(e, "more than %d redirects", MAX_REDIRECTS);
		break;
	case CURLE_UNSUPPORTED_PROTOCOL:
		curl_easy_getinfo(x->h, CURLINFO_REDIRECT_URL, &redir);
		if (x->nhops > 0 && x->hop_location[x->nhops - 1] &&
		    str_istarts_with(x->url, "https:") &&
		    str_istarts_with(x->hop_location[x->nhops - 1], "http:"))
			err_set(e, "refused a redirect from https to plain "
				   "%.200s",
				x->hop_location[x->nhops - 1]);
		else if (x->nhops > 0 && x->hop_location[x->nhops - 1])
			err_set(e, "refused a redirect to %.200s (only http "
				   "and https are followed)",
				x->hop_location[x->nhops - 1]);
		else if (redir)
			err_set(e, "refused a redirect to %.200s", redir);
		else if (url_is_http(x->url))
			/* curl's word for a reply with no status line */
			err_set(e, "the reply is not HTTP (no status line: "
				   "HTTP/0.9, or no web server)");
		else
			err_set(e, "unsupported URL scheme in %.200s", x->url);
		break;
	case CURLE_URL_MALFORMAT:
		if (x->nhops > 0 && x->hop_location[x->nhops - 1])
			err_set(e,
				"HTTP %ld redirects to a Location that is "
				"no URL: %.200s",
				x->hop_status[x->nhops - 1],
				x->hop_location[x->nhops - 1]);
		else
			err_set(e, "%s",
				x->errbuf[0] ? x->errbuf
					     : curl_easy_strerror(rc));
		break;
	case CURLE_RECV_ERROR:
		if (bad_chunked(x, rc))
			err_set(e,
				"the reply's chunked encoding is invalid "
				"(%s)",
				x->errbuf);
		else
			err_set(e, "%s",
				x->errbuf[0] ? x->errbuf
					     : curl_easy_strerror(rc));
		break;
	case CURLE_PARTIAL_FILE:
		err_set(e, "connection closed before the end of the body");
		break;
	case CURLE_COULDNT_RESOLVE_HOST:
		err_set(e, "cannot resolve the host name");
		break;
	case CURLE_COULDNT_RESOLVE_PROXY:
		err_set(e, "cannot resolve the proxy");
		break;
	case CURLE_COULDNT_CONNECT:
		err_set(e, "cannot connect (%s)",
			x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc));
		break;
	case CURLE_PEER_FAILED_VERIFICATION:
		err_set(e, "TLS certificate not trusted (%s)", x->errbuf);
		break;
	case CURLE_BAD_CONTENT_ENCODING:
		/* curl refuses more layers before the header callback
		 * sees them; its message says so */
		if (str_casestr(x->errbuf, "encodings"))
			err_set(e,
				"the body is compressed in more than %d "
				"layers (Content-Encoding): not unpacked",
				CURL_MAX_ENCODINGS);
		else
			err_set(e, "the compressed body is corrupt");
		break;
	case CURLE_FILE_COULDNT_READ_FILE:
		err_set(e, "cannot read the file");
		break;
	case CURLE_OUT_OF_MEMORY:
		/* what curl says of one header line over its 100 KB limit */
		if (x->head_bytes > 0 && !x->body.len) {
			err_set(e, "a response header larger than 100 KB");
			break;
		}
		err_set(e, "%s",
			x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc));
		break;
	default:
		if (x->head_too_big) {
			fetch_format_size(MAX_HEAD_BYTES, size);
			err_set(e, "response headers larger than %s", size);
		} else {
			err_set(e, "%s", x->errbuf[0] ? x->errbuf
						      : curl_easy_strerror(rc));
		}
	}
	if (x->head_too_big && rc != CURLE_OK) {
		fetch_format_size(MAX_HEAD_BYTES, size);
		err_set(e, "response headers larger than %s", size);
	}
}

/* ---- the transfer set */

static void
push_done(struct fetch *f, struct xfer *x)
{
	x->next = NULL;
	if (f->done_tail)
		f->done_tail->next = x;
	else
		f->done_head = x;
	f->done_tail = x;
}

static void
push_waiting(struct fetch *f, struct xfer *x)
{
	struct xfer **p = &f->waiting;

	/* kept in order of due time, FIFO among equals */
	while (*p && (*p)->due_ms <= x->due_ms)
		p = &(*p)->next;
	x->next = *p;
	*p = x;
	f->nwaiting++;
}

/* 1 when host already has per_host transfers in curl. */
static int
host_busy(const struct fetch *f, const char *host)
{
	long n = 0;

	if (!host || f->per_host <= 0)
		return 0;
	for (const struct xfer *a = f->active_list; a; a = a->anext)
		if (a->host && !strcmp(a->host, host))
			n++;
	return n >= f->per_host;
}

/* Hand due waiting transfers to curl, up to the active cap and the
 * per-host limit: curl would queue the others itself, but their timeouts
 * would run while they wait. */
static void
start_due(struct fetch *f)
{
	long long now = now_ms();
	struct xfer **p = &f->waiting;
	int scanned = 0;

	if (f->hold)
		return;
	while (*p && (*p)->due_ms <= now && (long)f->active < f->max_active &&
	       scanned++ < MAX_SCAN) {
		struct xfer *x = *p;

		if (host_busy(f, x->host)) {
			p = &x->next;
			continue;
		}
		*p = x->next;
		f->nwaiting--;
		x->next = NULL;
		x->tries++;
		if (xfer_setup(x) < 0 ||
		    curl_multi_add_handle(f->m, x->h) != CURLM_OK) {
			err_set(&x->done.err, "cannot start the transfer");
			x->done.ok = 0;
			x->done.kind = FETCH_ERR_OTHER;
			x->done.tries = x->tries;
			f->tries_ended++;
			push_done(f, x);
			continue;
		}
		f->active++;
		x->aprev = NULL;
		x->anext = f->active_list;
		if (f->active_list)
			f->active_list->aprev = x;
		f->active_list = x;
	}
}

/* The kind of failure a try that ended with rc is. */
static enum fetch_error
error_kind(const struct xfer *x, CURLcode rc)
{
	/* the body's cap, max_size; the headers' is fetch's own */
	if ((x->too_big && !x->head_too_big) ||
	    rc == CURLE_FILESIZE_EXCEEDED)
		return FETCH_ERR_SIZE;
	switch (rc) {
	case CURLE_OK:
		return FETCH_ERR_HTTP;
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		return FETCH_ERR_DNS;
	case CURLE_COULDNT_CONNECT:
		return FETCH_ERR_CONNECT;
	case CURLE_OPERATION_TIMEDOUT:
		return FETCH_ERR_TIMEOUT;
	default:
		return FETCH_ERR_OTHER;
	}
}

/* A try ended with rc: retry it later, or finish it. */
static void
finish(struct fetch *f, struct xfer *x, CURLcode rc)
{
	struct fetch_result *r = &x->done.res;
	int ok = 0, retry = 0;
	long delay_ms;

	f->tries_ended++;
	collect(x);
	if (rc == CURLE_OK) {
		if (r->status == 0 || (r->status >= 200 && r->status < 300)) {
			ok = 1;
		} else if (r->status == 304 &&
			   (x->etag || x->last_modified || x->plain)) {
			ok = 1;
			r->not_modified = 1;
		} else {
			retry = transient_status(r->status);
		}
	} else if (!x->too_big && !x->head_too_big && !bad_chunked(x, rc)) {
		retry = transient_code(rc);
	}
	delay_ms = x->opt.backoff_ms << (x->tries - 1 < 10 ? x->tries - 1 : 10);
	if (retry && r->retry_after > 0) {
		if (r->retry_after > x->opt.max_retry_wait_s)
			retry = 0;
		else
			delay_ms = r->retry_after * 1000;
	}
	if (retry && x->tries <= x->opt.retries) {
		x->due_ms = now_ms() + delay_ms;
		push_waiting(f, x);
		return;
	}
	x->done.ok = ok;
	x->done.tries = x->tries;
	x->done.kind = ok ? FETCH_ERR_NONE : error_kind(x, rc);
	x->done.timed_out = rc == CURLE_OPERATION_TIMEDOUT;
	if (!ok) {
		describe(x, rc);
		if (rc == CURLE_OK && r->retry_after > x->opt.max_retry_wait_s) {
			size_t n = strlen(x->done.err.msg);
			snprintf(x->done.err.msg + n,
				 sizeof(x->done.err.msg) - n,
				 ", asked to retry after %ld s",
				 r->retry_after);
		}
		if (x->tries > 1) {
			size_t n = strlen(x->done.err.msg);
			snprintf(x->done.err.msg + n,
				 sizeof(x->done.err.msg) - n,
				 " after %d tries", x->tries);
		}
	}
	/* the handle is no longer needed: free its connection state early */
	curl_easy_cleanup(x->h);
	x->h = NULL;
	push_done(f, x);
}

struct fetch *
fetch_new(long max_connections, long per_host, struct err *e)
{
	const char *why = curl_load_error();
	struct fetch *f;

	if (why) {
		err_set(e, "%s", why);
		return NULL;
	}
	f = xcalloc(1, sizeof(*f));
	f->m = curl_multi_init();
	if (!f->m) {
		free(f);
		err_set(e, "cannot start a libcurl multi handle");
		return NULL;
	}
	if (max_connections > 0) {
		curl_multi_setopt(f->m, CURLMOPT_MAX_TOTAL_CONNECTIONS,
				  max_connections);
		curl_multi_setopt(f->m, CURLMOPT_MAXCONNECTS, max_connections);
	}
	if (per_host > 0)
		curl_multi_setopt(f->m, CURLMOPT_MAX_HOST_CONNECTIONS,
				  per_host);
	f->per_host = per_host;
	/* Hand curl about as many transfers as it may open connections (the
	 * per-host limit is kept here too), and keep the rest queued here so
	 * their timeouts do not run while they wait. */
	f->max_active = max_connections > 0 ? max_connections + 2 : 32;
	return f;
}

void
fetch_free(struct fetch *f)
{
	struct xfer *x, *next;

	if (!f)
		return;
	for (x = f->active_list; x; x = next) {
		next = x->anext;
		curl_multi_remove_handle(f->m, x->h);
		xfer_free(x);
	}
	for (x = f->waiting; x; x = next) {
		next = x->next;
		xfer_free(x);
	}
	for (x = f->done_head; x; x = next) {
		next = x->next;
		xfer_free(x);
	}
	curl_multi_cleanup(f->m);
	free(f);
}

int
fetch_add(struct fetch *f, const struct fetch_request *r, struct err *e)
{
	struct fetch_options def;
	const struct fetch_options *o = r->opt;
	struct xfer *x;

	if (!o) {
		fetch_options_default(&def);
		o = &def;
	}
	if (!r->url || !(url_is_http(r->url) ||
			 (o->allow_file && str_istarts_with(r->url, "file:"))))
		return err_set(e, "cannot fetch \"%.200s\": only http and "
				  "https URLs%s",
			       r->url ? r->url : "",
			       o->allow_file ? " and files" : "");
	x = xcalloc(1, sizeof(*x));
	x->f = f;
	x->url = xstrdup(r->url);
	x->host = url_host(r->url);
	x->opt = *o;
	x->user_agent = o->user_agent ? xstrdup(o->user_agent) : NULL;
	x->proxy = o->proxy && *o->proxy ? xstrdup(o->proxy) : NULL;
	x->opt.user_agent = x->opt.proxy = NULL;
	if (x->opt.backoff_ms <= 0)
		x->opt.backoff_ms = 1;
	if (r->etag && *r->etag) {
		char *h = xasprintf("If-None-Match: %s", r->etag);

		x->etag = xstrdup(r->etag);
		x->headers = curl_slist_append(x->headers, h);
		free(h);
	}
	if (r->last_modified && *r->last_modified) {
		char *h = xasprintf("If-Modified-Since: %s", r->last_modified);

		x->last_modified = xstrdup(r->last_modified);
		x->headers = curl_slist_append(x->headers, h);
		free(h);
	}
	if (r->method)
		x->method = xstrdup(r->method);
	if (r->body) {
		x->req_body = xmalloc(r->body_len + 1);
		memcpy(x->req_body, r->body, r->body_len);
		x->req_body[r->body_len] = '\0';
		x->req_body_len = r->body_len;
		/* no "Expect: 100-continue" wait before a large body */
		x->headers = curl_slist_append(x->headers, "Expect:");
	}
	for (size_t i = 0; r->headers && r->headers[i]; i++)
		x->headers = curl_slist_append(x->headers, r->headers[i]);
	x->userdata = r->userdata;
	x->done.userdata = r->userdata;
	x->due_ms = 0;
	push_waiting(f, x);
	return 0;
}

size_t
fetch_pending(const struct fetch *f)
{
	return f->active + f->nwaiting;
}

size_t
fetch_tries_ended(const struct fetch *f)
{
	return f->tries_ended;
}

int
fetch_perform(struct fetch *f, int fd, int timeout_ms)
{
	struct curl_waitfd wfd = {0};
	CURLMsg *msg;
	int running = 0, left;
	long long now;

	start_due(f);
	if (f->done_head)
		timeout_ms = 0; /* the caller has work already */
	now = now_ms();
	{
		/* due ones that did not start wait for a slot, which only a
		 * finishing transfer (network activity) frees; wake for the
		 * first one not due yet */
		const struct xfer *x = f->waiting;
		int n = 0;

		while (x && x->due_ms <= now && n++ < MAX_SCAN)
			x = x->next;
		if (x && x->due_ms > now && x->due_ms - now < timeout_ms)
			timeout_ms = (int)(x->due_ms - now);
	}
	/* polled even with nothing on the network: fetch_wakeup() ends it */
	if (timeout_ms > 0) {
		wfd.fd = fd;
		wfd.events = CURL_WAIT_POLLIN;
		if (curl_multi_poll(f->m, fd >= 0 ? &wfd : NULL,
				    fd >= 0 ? 1 : 0, timeout_ms,
				    NULL) != CURLM_OK)
			return -1;
	}
	if (curl_multi_perform(f->m, &running) != CURLM_OK)
		return -1;
	while ((msg = curl_multi_info_read(f->m, &left))) {
		struct xfer *x = NULL;

		if (msg->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
				  (char **)&x);
		curl_multi_remove_handle(f->m, msg->easy_handle);
		f->active--;
		if (x->aprev)
			x->aprev->anext = x->anext;
		else
			f->active_list = x->anext;
		if (x->anext)
			x->anext->aprev = x->aprev;
		finish(f, x, msg->data.result);
	}
	start_due(f);
	return (int)fetch_pending(f);
}

int
fetch_next(struct fetch *f, struct fetch_done *out)
{
	struct xfer *x = f->done_head;

	if (!x)
		return 0;
	f->done_head = x->next;
	if (!f->done_head)
		f->done_tail = NULL;
	*out = x->done;
	memset(&x->done, 0, sizeof(x->done));
	xfer_free(x);
	return 1;
}

void
fetch_wakeup(struct fetch *f)
{
	curl_multi_wakeup(f->m);
}

void
fetch_hold(struct fetch *f, int hold)
{
	f->hold = hold;
}

/* Finish x, taken out of its list, as failed for why. */
static void
cancel_one(struct fetch *f, struct xfer *x, const char *why)
{
	if (x->h) {
		curl_easy_cleanup(x->h);
		x->h = NULL;
	}
	fetch_result_free(&x->done.res);
	x->done.ok = 0;
	x->done.tries = x->tries;
	err_set(&x->done.err, "%s", why);
	push_done(f, x);
}

size_t
fetch_cancel(struct fetch *f, int (*match)(void *userdata, void *ctx),
	     void *ctx, const char *why)
{
	struct xfer **p = &f->waiting, *x, *next;
	size_t n = 0;

	while ((x = *p)) {
		if (!match(x->userdata, ctx)) {
			p = &x->next;
			continue;
		}
		*p = x->next;
		f->nwaiting--;
		cancel_one(f, x, why);
		n++;
	}
	for (x = f->active_list; x; x = next) {
		next = x->anext;
		if (!match(x->userdata, ctx))
			continue;
		curl_multi_remove_handle(f->m, x->h);
		f->active--;
		if (x->aprev)
			x->aprev->anext = x->anext;
		else
			f->active_list = x->anext;
		if (x->anext)
			x->anext->aprev = x->aprev;
		cancel_one(f, x, why);
		n++;
	}
	return n;
}

/* Run r alone on f (or on a set of its own); plain: a 304 is no error. */
static int
run_one(struct fetch *f, const struct fetch_request *r, int plain,
	struct fetch_result *out, struct err *e)
{
	struct fetch *own = NULL;
	struct fetch_done d;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (!f && !(f = own = fetch_new(1, 1, e)))
		return -1;
	if (fetch_pending(f) > 0 || f->done_head) {
		err_set(e, "other transfers are under way");
		goto out;
	}
	if (fetch_add(f, r, e) < 0)
		goto out;
	f->waiting->plain = plain;
	while (fetch_pending(f) > 0)
		if (fetch_perform(f, -1, 1000) < 0) {
			err_set(e, "curl failed");
			goto out;
		}
	if (!fetch_next(f, &d)) {
		err_set(e, "lost the transfer");
		goto out;
	}
	*out = d.res;
	if (d.ok)
		rc = 0;
	else
		err_set(e, "%s", d.err.msg);
out:
	fetch_free(own);
	return rc;
}

int
fetch_get(const char *url, const struct fetch_options *o,
	  struct fetch_result *out, struct err *e)
{
	struct fetch_request r;

	memset(&r, 0, sizeof(r));
	r.url = url;
	r.opt = o;
	return run_one(NULL, &r, 1, out, e);
}

int
fetch_send(struct fetch *f, const struct fetch_request *r,
	   struct fetch_result *out, struct err *e)
{
	return run_one(f, r, 0, out, e);
}
