/* syncserver.h: what the fake sync server's three files share: the data, the
 * request, the answers. */
#ifndef WARTA_SYNCSERVER_H
#define WARTA_SYNCSERVER_H

#include "util/buf.h"

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define MAX_FEEDS 256

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

struct fake {
	const char *user, *password;
	char pw_buf[256];
	struct feed feeds[MAX_FEEDS];
	int nfeeds;
	struct item *items;
	size_t nitems;	 /* on the server now */
	size_t ntotal;	 /* and those still to arrive (--later) */
	long long clock; /* microseconds, moves on at every change */
	long token_serial;
	char token[64], csrf[64];
	long token_left; /* requests the token still takes; -1: any */
	const char *control, *state_file, *log_file;
	long counts[8];
	/* the request being answered */
	int cut;
	long long slow_ms;
	long page;	 /* ids per page at most; 0: 10000 */
	long read_every; /* every Nth item starts read (0: none) */
	char links[64];	 /* items link here ("http://127.0.0.1:PORT"),
			  * which serves their pages; "": news.example */
};

extern struct fake S;

enum { C_LOGIN, C_IDS, C_CONTENTS, C_EDIT, C_MARKALL, C_ITEMS, C_MULTI, C_REQ };

struct req {
	char method[16], path[2048];
	char *query; /* after '?', or "" */
	char *head;
	char *body; /* NUL-terminated */
	size_t body_len;
};

/* Add a live feed. */
void ss_add_feed(const char *title, const char *url, const char *folder);
/* The item of a GReader id or of a Nextcloud id, or NULL. */
struct item *ss_by_gid(uint64_t id);
struct item *ss_by_nid(long long id);
/* Item it's link into out (of n bytes). */
void ss_link(const struct item *it, char *out, size_t n);
/* An item changed: its lastModified moves on. */
void ss_touch(struct item *it);
/* The idx-th value of name in a form or query (caller frees), or NULL. */
char *ss_param(const char *q, const char *name, int idx);
long long ss_param_ll(const char *q, const char *name, long long dflt);
/* A request header's value (caller frees), or NULL. */
char *ss_header(const char *head, const char *name);
/* Answer with a body (cut or slowed as the control file says). */
void ss_respond(int fd, int status, const char *ctype, const char *body,
		size_t len);
void ss_text(int fd, int status, const char *s);
void ss_json_out(int fd, struct buf *b);
/* Answer a request to the Google Reader API (p: after /greader) or to
 * Nextcloud News (p: after the API's path). */
void ss_greader(int fd, const struct req *r, const char *p);
void ss_nextcloud(int fd, const struct req *r, const char *p);

#endif
