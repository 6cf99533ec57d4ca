/* sync_http.c: the sync backends' requests: authorization, a renewed token,
 * forms, and errors worth reading. */
#include "autoconfig.h"

#include "sync/sync_int.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/jsonr.h"
#include "util/str.h"

void
sync_list_free(struct sync_list *l)
{
	struct sync_feed *v[2] = {l->feeds, l->folders};
	size_t n[2] = {l->nfeeds, l->nfolders};

	for (int k = 0; k < 2; k++) {
		for (size_t i = 0; i < n[k]; i++) {
			free(v[k][i].remote);
			free(v[k][i].title);
			free(v[k][i].url);
			free(v[k][i].tags);
		}
		free(v[k]);
	}
	memset(l, 0, sizeof(*l));
}

struct sync_feed *
sync_list_add(struct sync_feed **v, size_t *n, const char *remote,
	      const char *title, const char *url)
{
	struct sync_feed *f;

	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	f = &(*v)[(*n)++];
	memset(f, 0, sizeof(*f));
	f->remote = xstrdup(remote);
	f->title = title ? xstrdup(title) : NULL;
	f->url = url ? xstrdup(url) : NULL;
	return f;
}

void
sync_url_escape(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    c == '.' || c == '~') {
			buf_putc(b, (char)c);
		} else {
			buf_putc(b, '%');
			buf_putc(b, hex[c >> 4]);
			buf_putc(b, hex[c & 15]);
		}
	}
}

void
sync_form_add(struct buf *b, const char *name, const char *value)
{
	if (b->len)
		buf_putc(b, '&');
	sync_url_escape(b, name);
	buf_putc(b, '=');
	sync_url_escape(b, value ? value : "");
}

void
sync_base64(struct buf *b, const char *s, size_t len)
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
				  "qrstuvwxyz0123456789+/";
	const unsigned char *p = (const unsigned char *)s;
	size_t i;

	for (i = 0; i + 2 < len; i += 3) {
		buf_putc(b, abc[p[i] >> 2]);
		buf_putc(b, abc[((p[i] & 3) << 4) | (p[i + 1] >> 4)]);
		buf_putc(b, abc[((p[i + 1] & 15) << 2) | (p[i + 2] >> 6)]);
		buf_putc(b, abc[p[i + 2] & 63]);
	}
	if (len - i == 1) {
		buf_putc(b, abc[p[i] >> 2]);
		buf_putc(b, abc[(p[i] & 3) << 4]);
		buf_puts(b, "==");
	} else if (len - i == 2) {
		buf_putc(b, abc[p[i] >> 2]);
		buf_putc(b, abc[((p[i] & 3) << 4) | (p[i + 1] >> 4)]);
		buf_putc(b, abc[(p[i + 1] & 15) << 2]);
		buf_putc(b, '=');
	}
}

const char *
sync_session_password(struct sync_session *ss, struct err *e)
{
	if (!ss->password)
		ss->password = sync_secret_read(ss->cfg, e);
	return ss->password;
}

void
sync_session_set_auth(struct sync_session *ss, const char *line)
{
	if (ss->auth) {
		str_wipe(ss->auth, strlen(ss->auth));
		free(ss->auth);
	}
	ss->auth = line ? xstrdup(line) : NULL;
}

void
sync_session_save_token(struct sync_session *ss)
{
	char *account;
	struct err e;

	if (!ss->token || !ss->token_file || ss->token_saved)
		return;
	account = xasprintf("%s %s %s", ss->cfg->service, ss->cfg->url,
			    ss->cfg->user);
	/* not keeping it costs a login next time, nothing more */
	if (sync_token_save(ss->token_file, account, ss->token, &e) == 0)
		ss->token_saved = 1;
	free(account);
}

static long long
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Run r on the session's transfer set and wait for it, as fetch_send()
 * does, but looking at the stop flag ten times a second. */
static int
wait_one(struct sync_session *ss, const struct fetch_request *r,
	 struct fetch_result *out, struct err *e)
{
	struct fetch_done d;
	long long t0 = now_us();

	memset(out, 0, sizeof(*out));
	if (ss->stop && atomic_load(ss->stop))
		return err_set(e, "stopped");
	if (fetch_add(ss->f, r, e) < 0)
		return -1;
	while (fetch_pending(ss->f) > 0) {
		if (fetch_perform(ss->f, -1, 100) < 0)
			return err_set(e, "curl failed");
		if (ss->stop && atomic_load(ss->stop)) {
			/* the transfer goes with the set, at the end */
			return err_set(e, "stopped");
		}
	}
	/* the server's time and the network's, apart from warta's own */
	ss->waited_us += now_us() - t0;
	if (!fetch_next(ss->f, &d))
		return err_set(e, "lost the transfer");
	*out = d.res;
	/* no validators are sent: a 304 is no answer (fetch_send()) */
	if (d.ok && !d.res.not_modified)
		return 0;
	if (d.ok)
		return err_set(e, "HTTP 304");
	return err_set(e, "%s", d.err.msg);
}

/* One try of rq. */
static int
send_once(struct sync_session *ss, const struct sync_request *rq,
	  struct fetch_result *out, struct err *e)
{
	struct fetch_request r;
	const char *headers[4];
	char *ctype = NULL;
	size_t nh = 0;
	int rc;

	memset(&r, 0, sizeof(r));
	r.url = rq->url;
	r.opt = &ss->fo;
	r.method = rq->method;
	r.body = rq->body;
	r.body_len = rq->len;
	if (!rq->no_auth && ss->auth)
		headers[nh++] = ss->auth;
	if (rq->ctype) {
		ctype = xasprintf("Content-Type: %s", rq->ctype);
		headers[nh++] = ctype;
	}
	headers[nh++] = "Accept: application/json, text/plain;q=0.9";
	headers[nh] = NULL;
	r.headers = headers;
	if (ss->before_request)
		ss->before_request(ss->hook_ctx);
	ss->requests++;
	rc = wait_one(ss, &r, out, e);
	free(ctype);
	return rc;
}

int
sync_http(struct sync_session *ss, const struct sync_request *rq,
	  struct fetch_result *out, struct err *e)
{
	int rc = send_once(ss, rq, out, e);

	if (rc == 0 || out->status != 401)
		goto out;
	if (rq->no_auth)
		goto refused;
	/* an expired token is renewed once a sync, silently */
	if (!ss->renewed && ss->ops->renew && !rq->no_renew) {
		struct err re;

		ss->renewed = 1;
		if (ss->ops->renew(ss, &re) != 0) {
			err_set(e, "%s", re.msg);
			return -1;
		}
		fetch_result_free(out);
		rc = send_once(ss, rq, out, e);
		if (rc == 0 || out->status != 401)
			goto out;
	}
	if (rq->no_renew)
		return err_set(e, "HTTP 401");
refused:
	/* whatever was asked, the server did not take the credentials */
	ss->step = "login";
	return err_set(e, "HTTP 401, check user and password");
out:
	if (rc != 0 && out->status == 403)
		err_set(e, "HTTP %ld, check user and password", out->status);
	return rc;
}

int
sync_json_items(const char *body, size_t len,
		int (*take)(void *ctx, const struct jsonr_value *v,
			    struct err *e),
		void *ctx, struct err *e)
{
	struct jsonr_pull j;
	enum jsonr_event ev;

	jsonr_pull_init(&j, body, len);
	ev = jsonr_pull_next(&j, e);
	if (ev != JSONR_EV_OBJECT && ev != JSONR_EV_ERROR)
		ev = (enum jsonr_event)err_set(e, "JSON: not an object");
	while (ev != JSONR_EV_ERROR &&
	       (ev = jsonr_pull_next(&j, e)) == JSONR_EV_KEY) {
		if (strcmp(jsonr_pull_text(&j, NULL), "items")) {
			ev = jsonr_pull_next(&j, e);
			if (jsonr_pull_skip(&j, ev, e) != 0)
				ev = JSONR_EV_ERROR;
			continue;
		}
		ev = jsonr_pull_next(&j, e);
		if (ev != JSONR_EV_ARRAY) {
			ev = (enum jsonr_event)err_set(e, "JSON: items is not "
							  "a list");
			break;
		}
		while ((ev = jsonr_pull_next(&j, e)) == JSONR_EV_OBJECT) {
			struct jsonr_value *v = jsonr_pull_value(&j, ev, e);

			if (!v || take(ctx, v, e) != 0) {
				jsonr_free(v);
				ev = JSONR_EV_ERROR;
				break;
			}
			jsonr_free(v);
		}
		if (ev != JSONR_EV_ARRAY_END && ev != JSONR_EV_ERROR)
			ev = (enum jsonr_event)err_set(e, "JSON: an item is "
							  "not an object");
	}
	if (ev != JSONR_EV_ERROR && ev != JSONR_EV_OBJECT_END)
		ev = (enum jsonr_event)err_set(e, "JSON: no items");
	jsonr_pull_free(&j);
	return ev == JSONR_EV_ERROR ? -1 : 0;
}
