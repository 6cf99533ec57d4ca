/* sync_int.h: the sync engine's backend interface and HTTP session (sync/
 * only). */
#ifndef WARTA_SYNC_INT_H
#define WARTA_SYNC_INT_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "config/config.h"
#include "fetch/fetch.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"

/* Ids read or changed at once: items per contents request, per edit. */
#define SYNC_BATCH 250
/* Ids the server may list in one set (unread, starred): a bound. */
#define SYNC_MAX_IDS 500000

struct sync_backend;

/* One connection to the server for one sync. */
struct sync_session {
	const struct config_sync *cfg;
	const struct sync_backend *ops;
	struct fetch *f; /* its connections are reused */
	struct fetch_options fo;
	char *password;	  /* read when needed; wiped */
	char *auth;	  /* the Authorization header line; wiped */
	char *token;	  /* GReader: the auth token (kept in a file) */
	char *csrf;	  /* GReader: the T token for edits */
	char *token_file; /* where the token is kept between runs */
	int token_saved;  /* the token in token_file is this one */
	int renewed;	  /* the token was renewed in this run */
	const char *step; /* for messages */
	size_t requests;
	long long waited_us; /* waiting for answers */
	void *priv; /* the backend's own state */
	/* called before each request (the engine commits its writes) */
	void (*before_request)(void *ctx);
	void *hook_ctx;
	const atomic_int *stop; /* see struct sync_options */
};

/* An item as the server gives it; strings borrowed for the callback. */
struct sync_item {
	long long remote, stamp; /* id; the server's time of it (us) */
	const char *feed;	 /* its subscription's remote id */
	const char *title, *link, *author, *summary, *content;
	time_t published, updated;
	int read, starred;
};

/* Where a backend hands what it reads. Each returns 0 to go on, -1 (e
 * set) to stop. */
struct sync_sink {
	void *ctx;
	/* 1 when the item remote is cached, 0 not */
	int (*known)(void *ctx, long long remote, struct err *e);
	int (*item)(void *ctx, const struct sync_item *it, struct err *e);
	/* remote is in the server's complete set of unread (STORE_SYNC_READ)
	 * or starred (STORE_SYNC_FLAG) items */
	int (*in_set)(void *ctx, enum store_sync_kind set, long long remote,
		      struct err *e);
	/* the ids given to in_set for set that are not cached: *ids an
	 * array of *n (caller frees) */
	int (*unknown)(void *ctx, enum store_sync_kind set, long long **ids,
		       size_t *n, struct err *e);
	void (*progress)(void *ctx, size_t done, size_t total);
};

/* A subscription as the server lists it (or a folder: remote, title). */
struct sync_feed {
	char *remote, *title, *url;
	char *tags; /* its folders or labels, one a line, or NULL */
};

/* The server's subscriptions and folders; free with sync_list_free(). */
struct sync_list {
	struct sync_feed *feeds, *folders;
	size_t nfeeds, nfolders;
};
void sync_list_free(struct sync_list *l);
/* Append a feed (or folder) with copies of the strings; returns it. */
struct sync_feed *sync_list_add(struct sync_feed **v, size_t *n,
				const char *remote, const char *title,
				const char *url);

/* What a service implements; one file each (greader.c, nextcloud.c). */
struct sync_backend {
	const char *name;
	/* Be ready to make requests: a kept token is taken as it is; else
	 * log in with the password (sync_session_password()). */
	int (*login)(struct sync_session *ss, struct err *e);
	/* Log in again after the server refused the token (once a run). */
	int (*renew)(struct sync_session *ss, struct err *e);
	/* The subscriptions and the folders. */
	int (*feeds)(struct sync_session *ss, struct sync_list *out,
		     struct err *e);
	/* The items since marker (NULL: the first sync: unread and starred
	 * ones), and the state of cached ones: *sets gets (1 << kind) for
	 * each complete set given to in_set; *next (caller frees) the
	 * marker of this sync. */
	int (*items)(struct sync_session *ss, const char *marker,
		     const struct sync_sink *sink, unsigned *sets, char **next,
		     struct err *e);
	/* Set read (kind READ) or starred (FLAG) to value on ids[0..n),
	 * n <= SYNC_BATCH. */
	int (*mark)(struct sync_session *ss, enum store_sync_kind kind,
		    int value, const long long *ids, size_t n, struct err *e);
	/* One mark-all-as-read (c->feed NULL: everything). */
	int (*mark_all)(struct sync_session *ss,
			const struct store_sync_change *c, struct err *e);
	int (*subscribe)(struct sync_session *ss, const char *url,
			 const char *folder, struct err *e);
	int (*unsubscribe)(struct sync_session *ss, const char *remote,
			   struct err *e);
};

extern const struct sync_backend sync_greader;
extern const struct sync_backend sync_nextcloud;

/* ---- HTTP for the backends (sync_http.c) */

/* One API request. */
struct sync_request {
	const char *method; /* NULL: GET */
	const char *url;    /* absolute */
	const char *ctype;  /* of the body */
	const char *body;
	size_t len;
	int no_auth;  /* send no Authorization header */
	int no_renew; /* a 401 is an error at once */
};

/* Make request rq with the session's Authorization header. On a 401 the
 * backend's renew() runs once a sync and the request is made again.
 * 0 on a 2xx (out filled; caller fetch_result_free()s it either way),
 * else -1 with e set ("HTTP 401, check user and password", "HTTP 503
 * after 3 tries") and out->status the status. */
int sync_http(struct sync_session *ss, const struct sync_request *rq,
	      struct fetch_result *out, struct err *e);
/* The password (read once, by password-command, password-file or
 * WARTA_SYNC_PASSWORD); NULL with e set. Valid for the session. */
const char *sync_session_password(struct sync_session *ss, struct err *e);
/* Keep the session's new token in its file (private to the user). */
void sync_session_save_token(struct sync_session *ss);
/* Set the Authorization header line (copied; the old one wiped). */
void sync_session_set_auth(struct sync_session *ss, const char *line);

/* Append name=value, percent-encoded, to a form (with '&' between). */
void sync_form_add(struct buf *b, const char *name, const char *value);
/* Append s percent-encoded (everything but unreserved characters). */
void sync_url_escape(struct buf *b, const char *s);
/* Base64 of s[0..len) into b (for Basic authentication). */
void sync_base64(struct buf *b, const char *s, size_t len);

struct jsonr_value;
/* Read an answer {"items": [{...}, ...], ...} one item in memory at a
 * time, calling take(ctx, item, e) on each; other members are skipped.
 * 0, or -1 with e set when the answer is no such object or take fails. */
int sync_json_items(const char *body, size_t len,
		    int (*take)(void *ctx, const struct jsonr_value *v,
				struct err *e),
		    void *ctx, struct err *e);

/* ---- item ids (sync_ids.c) */

/* Google Reader item ids: "tag:google.com,2005:reader/item/<16 hex>" and
 * the decimal form, signed or unsigned ("-8245238375384474327"), are the
 * same 64 bits. 0 with *out set, -1 when s is neither. */
int sync_id_parse(const char *s, long long *out);
/* The long form of id into out (49 bytes). */
void sync_id_long(long long id, char out[49]);

/* ---- the secret (sync_secret.c) */

/* The first line of the password-command's output, of password-file, or
 * WARTA_SYNC_PASSWORD, as a new string (caller wipes and frees); NULL
 * with e set. */
char *sync_secret_read(const struct config_sync *cfg, struct err *e);
/* The token kept for account in file path (caller wipes and frees), or
 * NULL (none, another account's, or readable by others: removed). */
char *sync_token_load(const char *path, const char *account);
/* Keep token for account in path (mode 0600, in a 0700 directory). */
int sync_token_save(const char *path, const char *account, const char *token,
		    struct err *e);
/* Remove the kept token. */
void sync_token_forget(const char *path);

#endif
