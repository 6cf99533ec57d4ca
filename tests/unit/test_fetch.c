/* test_fetch.c: fetching against the local test server's fault modes. */
#include "autoconfig.h"

#include "fetch/curl_load.h"
#include "fetch/fetch.h"
#include "tap.h"
#include "util/str.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *base;

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
quick(struct fetch_options *o)
{
	fetch_options_default(o);
	o->backoff_ms = 20;
	o->timeout_s = 10;
	o->connect_timeout_s = 5;
}

/* One request through the multi API; returns the finished record. */
static struct fetch_done
run1(const char *path, const struct fetch_options *o, const char *etag,
     const char *lm)
{
	char *url = str_starts_with(path, "/") ? xasprintf("%s%s", base, path)
					       : xstrdup(path);
	struct fetch_request r = {.url = url,
				  .opt = o,
				  .etag = etag,
				  .last_modified = lm,
				  .userdata = (void *)path};
	struct fetch *f = fetch_new(4, 2, NULL);
	struct fetch_done d;
	struct err e;

	memset(&d, 0, sizeof(d));
	if (fetch_add(f, &r, &e) < 0) {
		d.ok = -1;
		d.err = e;
		goto out;
	}
	while (fetch_pending(f) > 0)
		fetch_perform(f, -1, 1000);
	if (!fetch_next(f, &d))
		d.ok = -2;
out:
	fetch_free(f);
	free(url);
	return d;
}

static void
test_basic(void)
{
	struct fetch_options o;
	struct fetch_result r;
	struct fetch_done d;
	struct err e;
	char *url = xasprintf("%s/feed.xml", base);
	char *etag, *lm;

	quick(&o);
	is_int(fetch_get(url, &o, &r, &e), 0, "fetch_get: feed.xml");
	is_int(r.status, 200, "status 200");
	ok(r.body && strstr(r.body, "Kabar Kampung"), "body");
	is_int(r.len, strlen(r.body), "length");
	is_str(r.content_type, "application/xml", "content type");
	ok(r.charset == NULL, "no charset");
	ok(r.etag && r.etag[0] == '"', "ETag kept");
	ok(r.last_modified && strstr(r.last_modified, "GMT"),
	   "Last-Modified kept");
	is_str(r.final_url, url, "final URL");
	ok(!r.not_modified && !r.permanent_redirect, "no 304, no move");
	etag = xstrdup(r.etag);
	lm = xstrdup(r.last_modified);
	fetch_result_free(&r);

	d = run1("/feed.xml", &o, etag, NULL);
	ok(d.ok == 1 && d.res.not_modified && d.res.status == 304,
	   "If-None-Match: 304 is ok and not modified");
	is_int(d.res.len, 0, "304: no body");
	fetch_done_free(&d);
	d = run1("/feed.xml", &o, NULL, lm);
	ok(d.ok == 1 && d.res.not_modified, "If-Modified-Since: 304");
	fetch_done_free(&d);
	d = run1("/feed.xml", &o, "\"other\"", NULL);
	ok(d.ok == 1 && !d.res.not_modified && d.res.len > 100,
	   "a stale ETag gets the body");
	fetch_done_free(&d);
	d = run1("/_fault/etag", &o, "\"warta-etag-1\"", NULL);
	ok(d.ok == 1 && d.res.not_modified, "fault etag: 304 on match");
	fetch_done_free(&d);

	d = run1("/_fault/304", &o, NULL, NULL);
	ok(d.ok == 0, "a 304 without a cached copy fails");
	ok(strstr(d.err.msg, "without a cached copy") != NULL,
	   "... and says so: %s", d.err.msg);
	fetch_done_free(&d);

	d = run1("/echo-missing.xml", &o, NULL, NULL);
	ok(d.ok == 0 && d.res.status == 404, "404 fails");
	is_str(d.err.msg, "HTTP 404", "404 message");
	is_int(d.tries, 1, "404 is not retried");
	fetch_done_free(&d);
	free(etag);
	free(lm);
	free(url);
}

static void
test_headers_sent(void)
{
	struct fetch_options o;
	struct fetch_done d;

	quick(&o);
	d = run1("/_fault/echo", &o, "\"e1\"", "Mon, 02 Jan 2023 03:04:05 GMT");
	ok(d.ok == 1, "echo");
	ok(strstr(d.res.body, "User-Agent: warta/") != NULL,
	   "default User-Agent");
	ok(str_casestr(d.res.body, "Accept-Encoding:") &&
		   strstr(d.res.body, "gzip"),
	   "Accept-Encoding offers gzip");
	ok(strstr(d.res.body, "If-None-Match: \"e1\"") != NULL,
	   "If-None-Match sent");
	ok(strstr(d.res.body,
		  "If-Modified-Since: Mon, 02 Jan 2023 03:04:05 GMT") != NULL,
	   "If-Modified-Since sent");
	fetch_done_free(&d);
	o.user_agent = "Custom/1.0";
	d = run1("/_fault/echo", &o, NULL, NULL);
	ok(d.ok == 1 && strstr(d.res.body, "User-Agent: Custom/1.0"),
	   "user agent option");
	fetch_done_free(&d);
}

static void
test_encoding_types(void)
{
	struct fetch_options o;
	struct fetch_done d;

	quick(&o);
	d = run1("/_fault/gzip", &o, NULL, NULL);
	ok(d.ok == 1 && d.res.len == 6900 && strstr(d.res.body, "lazy dog"),
	   "gzip is decoded (%zu bytes)", d.res.len);
	fetch_done_free(&d);
	d = run1("/_fault/gzip?file=feed.xml", &o, NULL, NULL);
	ok(d.ok == 1 && strstr(d.res.body, "Kabar Kampung"), "gzip of a file");
	fetch_done_free(&d);
	d = run1("/_fault/wrong-type", &o, NULL, NULL);
	ok(d.ok == 1, "wrong type: still fetched");
	is_str(d.res.content_type, "image/png", "wrong type reported as sent");
	fetch_done_free(&d);
	d = run1("/_fault/charset/KOI8-R?file=feed.xml", &o, NULL, NULL);
	is_str(d.res.charset, "koi8-r", "charset from the header, lower case");
	fetch_done_free(&d);
}

static void
test_redirects(void)
{
	struct fetch_options o;
	struct fetch_done d;
	char *want;

	quick(&o);
	d = run1("/_fault/redirect/3", &o, NULL, NULL);
	ok(d.ok == 1 && strstr(d.res.body, "end of the redirect chain"),
	   "a chain of 3 redirects is followed");
	ok(d.res.final_url && strstr(d.res.final_url, "/_fault/redirect/0"),
	   "final URL after the chain");
	ok(!d.res.permanent_redirect, "302s are not permanent");
	fetch_done_free(&d);
	d = run1("/_fault/redirect/10", &o, NULL, NULL);
	ok(d.ok == 1, "10 redirects are allowed");
	fetch_done_free(&d);
	d = run1("/_fault/redirect/11", &o, NULL, NULL);
	ok(d.ok == 0, "11 redirects are not");
	is_str(d.err.msg, "more than 10 redirects", "redirect limit message");
	fetch_done_free(&d);
	d = run1("/_fault/loop", &o, NULL, NULL);
	ok(d.ok == 0 && strstr(d.err.msg, "more than 10 redirects"),
	   "a redirect loop ends: %s", d.err.msg);
	fetch_done_free(&d);

	d = run1("/_fault/moved/301?to=/feed.xml", &o, NULL, NULL);
	want = xasprintf("%s/feed.xml", base);
	ok(d.ok == 1, "301 followed");
	is_str(d.res.permanent_redirect, want, "301 reported as permanent");
	fetch_done_free(&d);
	d = run1("/_fault/moved/308?to=/_fault/moved/301%3Fto%3D/feed.xml", &o,
		 NULL, NULL);
	is_str(d.res.permanent_redirect, want, "308 then 301: the last one");
	fetch_done_free(&d);
	d = run1("/_fault/moved/301?to=/_fault/moved/302%3Fto%3D/feed.xml", &o,
		 NULL, NULL);
	ok(d.res.permanent_redirect &&
		   strstr(d.res.permanent_redirect, "/_fault/moved/302"),
	   "301 then 302: up to the temporary one");
	fetch_done_free(&d);
	free(want);

	d = run1("/_fault/redirect-file", &o, NULL, NULL);
	ok(d.ok == 0 && strstr(d.err.msg, "file:///etc/passwd"),
	   "redirect to file:// refused: %s", d.err.msg);
	ok(!d.res.body || !strstr(d.res.body, "root:"), "no local file read");
	fetch_done_free(&d);
	o.allow_file = 1;
	d = run1("/_fault/redirect-file", &o, NULL, NULL);
	ok(d.ok == 0, "refused even when file:// sources are allowed");
	fetch_done_free(&d);
	o.allow_file = 0;
	d = run1("/_fault/redirect-gopher", &o, NULL, NULL);
	ok(d.ok == 0 && strstr(d.err.msg, "gopher://"),
	   "redirect to gopher:// refused: %s", d.err.msg);
	fetch_done_free(&d);
}

static void
test_status_retry(void)
{
	struct fetch_options o;
	struct fetch_done d;
	double t;

	quick(&o);
	d = run1("/_fault/status/500", &o, NULL, NULL);
	is_str(d.err.msg, "HTTP 500 after 3 tries", "500 retried twice");
	fetch_done_free(&d);
	d = run1("/_fault/status/410", &o, NULL, NULL);
	is_str(d.err.msg, "HTTP 410", "410 not retried");
	ok(d.tries == 1, "410: one try");
	fetch_done_free(&d);
	d = run1("/_fault/status/404", &o, NULL, NULL);
	ok(!d.ok && d.tries == 1 && !strcmp(d.err.msg, "HTTP 404"),
	   "404 not retried: %s", d.err.msg);
	fetch_done_free(&d);
	d = run1("/_fault/flaky/2/503?key=a", &o, NULL, NULL);
	ok(d.ok == 1 && d.tries == 3, "flaky source: fine on the third try");
	fetch_done_free(&d);
	o.retries = 0;
	d = run1("/_fault/flaky/1/503?key=b", &o, NULL, NULL);
	is_str(d.err.msg, "HTTP 503", "retries = 0: one try");
	fetch_done_free(&d);

	o.retries = 1;
	t = now_s();
	d = run1("/_fault/retry-after/429/1", &o, NULL, NULL);
	t = now_s() - t;
	is_str(d.err.msg, "HTTP 429 after 2 tries", "429 retried");
	ok(t >= 0.95, "... after the Retry-After second (%.2f s)", t);
	is_int(d.res.retry_after, 1, "retry_after reported");
	fetch_done_free(&d);
	t = now_s();
	d = run1("/_fault/retry-after/503/3600", &o, NULL, NULL);
	t = now_s() - t;
	is_str(d.err.msg, "HTTP 503, asked to retry after 3600 s",
	       "a long Retry-After is not waited for");
	ok(t < 1, "... and returns at once");
	is_int(d.res.retry_after, 3600, "retry_after 3600");
	fetch_done_free(&d);

	o.retries = 2;
	d = run1("http://127.0.0.1:1/", &o, NULL, NULL);
	ok(d.ok == 0 && strstr(d.err.msg, "cannot connect") &&
		   strstr(d.err.msg, "after 3 tries"),
	   "connection refused, retried: %s", d.err.msg);
	fetch_done_free(&d);
}

static void
test_hostile(void)
{
	struct fetch_options o;
	struct fetch_done d;
	double t;

	quick(&o);
	o.retries = 0;
	d = run1("/_fault/truncated", &o, NULL, NULL);
	is_str(d.err.msg, "connection closed before the end of the body",
	       "truncated body");
	fetch_done_free(&d);

	o.max_size = 1024 * 1024;
	t = now_s();
	d = run1("/_fault/endless", &o, NULL, NULL);
	is_str(d.err.msg, "body larger than 1 MB", "endless body capped");
	ok(now_s() - t < 5, "... quickly");
	fetch_done_free(&d);
	t = now_s();
	d = run1("/_fault/gzip-bomb/10240", &o, NULL, NULL);
	is_str(d.err.msg, "body larger than 1 MB", "gzip bomb capped");
	ok(now_s() - t < 5, "... quickly");
	fetch_done_free(&d);
	o.max_size = 100;
	d = run1("/feed.xml", &o, NULL, NULL);
	is_str(d.err.msg, "body larger than 100 bytes",
	       "declared length over the cap");
	fetch_done_free(&d);
	o.max_size = 10 * 1024 * 1024;

	d = run1("/_fault/huge-headers/1024", &o, NULL, NULL);
	is_str(d.err.msg, "response headers larger than 256 KB",
	       "1 MB of headers refused");
	fetch_done_free(&d);
	d = run1("/_fault/huge-headers/16", &o, NULL, NULL);
	ok(d.ok == 1, "16 KB of headers are fine");
	fetch_done_free(&d);

	o.timeout_s = 1;
	t = now_s();
	d = run1("/_fault/slow-start/5000", &o, NULL, NULL);
	is_str(d.err.msg, "timed out after 1 s", "slow start: timeout");
	ok(now_s() - t < 2.5, "... within the bound");
	fetch_done_free(&d);
	o.timeout_s = 10;
	o.connect_timeout_s = 1;
	t = now_s();
	d = run1("/_fault/slow-body/400", &o, NULL, NULL);
	ok(d.ok == 0 && strstr(d.err.msg, "stalled"),
	   "a byte every 400 ms: stalled: %s", d.err.msg);
	ok(now_s() - t < 4, "... within the bound");
	fetch_done_free(&d);
	d = run1("/_fault/slow-body/2", &o, NULL, NULL);
	ok(d.ok == 1 && strstr(d.res.body, "one byte at a time"),
	   "a slow but steady body arrives");
	fetch_done_free(&d);
}

static void
test_schemes(void)
{
	struct fetch_options o;
	struct fetch_done d;
	const char *data = getenv("TESTDATA");
	char *url;

	quick(&o);
	d = run1("gopher://127.0.0.1/", &o, NULL, NULL);
	ok(d.ok == -1 && strstr(d.err.msg, "only http and https"),
	   "gopher refused at once: %s", d.err.msg);
	fetch_done_free(&d);
	url = xasprintf("file://%s/net/feed.xml", data ? data : ".");
	d = run1(url, &o, NULL, NULL);
	ok(d.ok == -1, "file:// refused unless allowed");
	fetch_done_free(&d);
	o.allow_file = 1;
	d = run1(url, &o, NULL, NULL);
	ok(d.ok == 1 && d.res.body && strstr(d.res.body, "Kabar Kampung"),
	   "file:// when allowed");
	fetch_done_free(&d);
	free(url);
	url = xasprintf("file://%s/net/no-such-file", data ? data : ".");
	d = run1(url, &o, NULL, NULL);
	is_str(d.err.msg, "cannot read the file", "missing file");
	fetch_done_free(&d);
	free(url);
}

static void
test_parallel(void)
{
	enum { N = 30 };
	struct fetch_options o;
	struct fetch *f = fetch_new(4, 2, NULL);
	struct fetch_done d;
	int seen[N] = {0}, done = 0, good = 1, fds[2];
	char *url = xasprintf("%s/_fault/slow-start/50", base);
	double t;

	quick(&o);
	for (long i = 0; i < N; i++) {
		struct fetch_request r = {
		    .url = url, .opt = &o, .userdata = (void *)i};
		fetch_add(f, &r, NULL);
	}
	is_int(fetch_pending(f), N, "all queued");
	while (fetch_pending(f) > 0) {
		fetch_perform(f, -1, 500);
		while (fetch_next(f, &d)) {
			long i = (long)d.userdata;
			if (i < 0 || i >= N || seen[i]++ || !d.ok)
				good = 0;
			done++;
			fetch_done_free(&d);
		}
	}
	ok(good && done == N, "%d parallel requests, each once (%d)", N, done);

	/* a readable fd ends the wait at once: the UI's keyboard */
	if (pipe(fds) == 0) {
		struct fetch_request r = {
		    .url = url, .opt = &o, .userdata = NULL};
		char *slow = xasprintf("%s/_fault/slow-start/3000", base);

		r.url = slow;
		fetch_add(f, &r, NULL);
		fetch_perform(f, -1, 0);
		if (write(fds[1], "x", 1) != 1)
			good = 0;
		t = now_s();
		fetch_perform(f, fds[0], 2000);
		ok(now_s() - t < 0.5 && fetch_pending(f) == 1,
		   "a readable fd wakes fetch_perform");
		close(fds[0]);
		close(fds[1]);
		free(slow);
	}
	fetch_free(f); /* with one still running: no leak, no hang */
	free(url);

	/* per host: 8 answers of 300 ms, two at a time, take 4 rounds, and
	 * none times out (1 s) while it waits for its turn */
	f = fetch_new(8, 2, NULL);
	url = xasprintf("%s/_fault/slow-start/300", base);
	o.timeout_s = 1;
	o.retries = 0;
	for (long i = 0; i < 8; i++) {
		struct fetch_request r = {
		    .url = url, .opt = &o, .userdata = (void *)i};
		fetch_add(f, &r, NULL);
	}
	t = now_s();
	good = 1;
	done = 0;
	while (fetch_pending(f) > 0) {
		fetch_perform(f, -1, 500);
		while (fetch_next(f, &d)) {
			if (!d.ok)
				good = 0;
			done++;
			fetch_done_free(&d);
		}
	}
	t = now_s() - t;
	ok(good && done == 8, "per-host limit: all 8 done, none timed out");
	ok(t >= 1.15, "... two at a time (%.2f s)", t);
	fetch_free(f);
	free(url);
}

int
main(void)
{
	char size[32];

	base = getenv("SERVER_URL");
	if (!base) {
		printf("1..0 # SKIP SERVER_URL not set (run via fetch.sh)\n");
		return 0;
	}
	ok(curl_load_error() == NULL, "libcurl loads on first use");
	{
		static const struct {
			const char *type;
			int page;
		} pt[] = {
		    {NULL, 1}, {"text/html; charset=utf-8", 1},
		    {"application/xhtml+xml", 1}, {"application/octet-stream", 1},
		    {"text/plain", 1}, {"image/png", 0}, {" IMAGE/JPEG", 0},
		    {"application/pdf", 0}, {"video/mp4", 0},
		    {"application/vnd.ms-excel", 0},
		};
		struct fetch_result fr;
		struct err e;

		memset(&fr, 0, sizeof(fr));
		for (size_t i = 0; i < sizeof(pt) / sizeof(pt[0]); i++) {
			fr.content_type = (char *)pt[i].type;
			is_int(fetch_check_page_type(&fr, &e) == 0, pt[i].page,
			       "page type: %s", pt[i].type ? pt[i].type : "none");
		}
	}
	fetch_format_size(10 * 1024 * 1024, size);
	is_str(size, "10 MB", "size format MB");
	fetch_format_size(1536, size);
	is_str(size, "1 KB", "size format KB");
	test_basic();
	test_headers_sent();
	test_encoding_types();
	test_redirects();
	test_status_retry();
	test_hostile();
	test_schemes();
	test_parallel();
	return tap_done();
}
