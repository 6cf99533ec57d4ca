/* fetch.h: HTTP(S) and file:// transfers in parallel on one curl multi handle. */
#ifndef WARTA_FETCH_H
#define WARTA_FETCH_H

#include "util/err.h"

#include <stddef.h>

/* How one request is made. Strings are copied by fetch_add()/fetch_get(). */
struct fetch_options {
	long timeout_s;         /* whole transfer, default 30 */
	long connect_timeout_s; /* default 10; also the stall window */
	size_t max_size;        /* body cap after decoding, default 10 MB */
	int retries;            /* extra tries on transient errors, default 2 */
	const char *user_agent; /* NULL: "warta/VERSION" */
	const char *proxy;      /* NULL: curl's *_proxy environment */
	int allow_file;         /* file:// allowed (never on redirect) */
	int insecure;           /* skip TLS verification */
	/* extensions */
	long backoff_ms;        /* first retry delay, doubled each try (1000) */
	long max_retry_wait_s;  /* longest Retry-After waited for (10) */
};

/* Fill o with the defaults above. */
void fetch_options_default(struct fetch_options *o);

/* A response. All strings owned, NULL when absent; free with
 * fetch_result_free(). */
struct fetch_result {
	long status;              /* HTTP status; 0 for file:// */
	char *final_url;          /* after redirects */
	char *content_type;       /* the Content-Type header */
	char *charset;            /* its charset parameter, lower-cased */
	char *etag;               /* validators to send next time */
	char *last_modified;
	char *permanent_redirect; /* the new URL when every redirect from the
				   * start was permanent (301/308) */
	long retry_after;         /* seconds asked by Retry-After, or 0 */
	long max_age;             /* seconds the answer stays fresh by its
				   * Cache-Control max-age or Expires, -1
				   * when it says nothing */
	int not_modified;         /* a 304 to our conditional request */
	char *body;               /* NUL-terminated, len bytes; "" if none */
	size_t len;
};

/* Blocking GET of url (no validators sent). Returns 0 on a 2xx or 304
 * response, -1 with e set ("HTTP 503 after 3 tries", "timed out after 30 s",
 * ...). out is filled in either case (as far as known) and the caller always
 * calls fetch_result_free(out). */
int fetch_get(const char *url, const struct fetch_options *o,
	      struct fetch_result *out, struct err *e);
/* Free what r owns and zero it. */
void fetch_result_free(struct fetch_result *r);
/* 0 when r's Content-Type may be a web page (any text, HTML or XML type,
 * none at all, or one a server uses for anything), -1 with e set when it
 * names what is never one ("not a web page: image/png"). */
int fetch_check_page_type(const struct fetch_result *r, struct err *e);

/* ---- the non-blocking API, driven by the caller's loop */

struct fetch;

struct fetch_request {
	const char *url;
	const struct fetch_options *opt;  /* NULL: defaults */
	const char *etag, *last_modified; /* validators to send, or NULL */
	void *userdata;                   /* handed back with the response */
	/* for APIs: all copied, the copies wiped when freed (they may hold
	 * a password or a token); a request with a method or a body is
	 * not redirected (a redirect would turn it into a GET, or send the
	 * body elsewhere) */
	const char *method;               /* "POST", "PUT", "DELETE"; NULL:
					   * GET (POST when body is set) */
	const char *body;                 /* request body, body_len bytes */
	size_t body_len;
	const char *const *headers;       /* "Name: value" lines, NULL-ended */
};

/* What kind of failure a request ended in, for callers that act on it
 * (err says it in words). */
enum fetch_error {
	FETCH_ERR_NONE,	   /* it worked */
	FETCH_ERR_DNS,	   /* the host or proxy name does not resolve */
	FETCH_ERR_CONNECT, /* no connection could be made */
	FETCH_ERR_TIMEOUT, /* no connection, or no whole answer, in time */
	FETCH_ERR_HTTP,	   /* the server answered an error: res.status */
	FETCH_ERR_SIZE,	   /* the body passed max_size */
	FETCH_ERR_OTHER,   /* TLS, redirects, a broken answer, ... */
};

/* A finished request, moved out by fetch_next(); free with fetch_done_free. */
struct fetch_done {
	void *userdata;
	int ok;                 /* 1: 2xx, or 304 to our validators */
	struct fetch_result res;
	struct err err;         /* why it failed, when !ok */
	enum fetch_error kind;	/* and what kind of failure, when !ok */
	int tries;              /* attempts made */
	int timed_out;          /* the last try got no answer in time (no
				   * connection, a timeout, a stall) */
};

/* A new transfer set: at most max_connections open at once, per_host to
 * one host (0: no limit). Caller frees with fetch_free(). NULL with e set
 * when libcurl cannot be loaded (it is loaded by the first call). */
struct fetch *fetch_new(long max_connections, long per_host, struct err *e);
/* Abort whatever is still running and free everything, done ones too. */
void fetch_free(struct fetch *f);
/* Queue a request; -1 with e set when its URL cannot be fetched (bad scheme,
 * file:// not allowed). */
int fetch_add(struct fetch *f, const struct fetch_request *r, struct err *e);
/* Make progress: wait up to timeout_ms for network activity (or for fd, if
 * >= 0, to become readable: pass the terminal so the UI stays live; or for
 * fetch_wakeup()), then run the transfers. Returns the number of requests
 * not yet finished, or -1 on an internal curl error. */
int fetch_perform(struct fetch *f, int fd, int timeout_ms);
/* Requests not yet finished (running or waiting to retry). */
size_t fetch_pending(const struct fetch *f);
/* Tries that have ended on f so far, each retry counted, whether its
 * request is finished or waits to try again: progress that moves while a
 * failing request is being retried. */
size_t fetch_tries_ended(const struct fetch *f);
/* Move the next finished request into out; 1 if there was one, else 0. */
int fetch_next(struct fetch *f, struct fetch_done *out);
void fetch_done_free(struct fetch_done *d);
/* Run request r on f (NULL: on a transfer set of its own) and wait for it:
 * as fetch_get(), but with r's method, body and headers, and a 304 is an
 * error. Requests made one after another on one f share its connections.
 * f must have nothing else queued. */
int fetch_send(struct fetch *f, const struct fetch_request *r,
	       struct fetch_result *out, struct err *e);
/* Wake a fetch_perform() that is waiting; safe from any thread (another
 * thread's work done), and from a signal-free path of the same one. */
void fetch_wakeup(struct fetch *f);
/* While hold is 1, no queued request is started (those running go on):
 * a caller whose answers pile up faster than it can take them. */
void fetch_hold(struct fetch *f, int hold);
/* Finish every request not finished yet whose userdata match() accepts
 * (stopping it if running): it comes out of fetch_next() failed, with why
 * as its error. Returns how many. */
size_t fetch_cancel(struct fetch *f, int (*match)(void *userdata, void *ctx),
		    void *ctx, const char *why);

/* The seconds a response stays fresh by its Cache-Control header (max-age,
 * s-maxage; no-cache and no-store say 0) or else by Expires against Date
 * (each may be NULL); -1 when they say nothing usable. */
long fetch_max_age(const char *cache_control, const char *expires,
		   const char *date);

/* "10 MB", "512 KB", "300 bytes": a size for messages; out of 32 bytes. */
void fetch_format_size(size_t n, char out[32]);

#endif
