/* testserver.h: the test server's connection and server state, shared by its two files. */
#ifndef WARTA_TESTSERVER_H
#define WARTA_TESTSERVER_H

#include "util/buf.h"
#include "util/str.h"

#include <stddef.h>
#include <stdio.h>
#include <zlib.h>

#define MAX_CONN 128
#define MAX_REQ 16384
#define READ_TIMEOUT_MS 30000
#define GEN_LIMIT (4ULL << 30) /* even "endless" stops somewhere */
#define MAX_KEYS 64

enum gen { GEN_NONE, GEN_ENDLESS, GEN_BOMB };

struct conn {
	int fd;
	char req[MAX_REQ + 1];
	size_t reqlen;
	int responding;
	struct buf out;
	size_t off;
	size_t head_len;      /* bytes of out that are the response head */
	long long start_at;   /* send nothing before this (ms) */
	long byte_delay;      /* ms between body bytes, 0: full speed */
	long long next_at;    /* next byte not before this (ms) */
	long long last_io;    /* for the read timeout */
	enum gen gen;
	unsigned long long gen_left;
	z_stream z;
	int z_on;
};

struct server {
	const char *root;
	int port;
	int lfd;
	struct conn *conns[MAX_CONN];
	size_t nconn;
	long long last_activity;
	FILE *log; /* a line per request ("GET /path?query"), or NULL */
	struct {
		char key[64];
		long count;
	} keys[MAX_KEYS];
	size_t nkeys;
};

/* Monotonic milliseconds. */
long long ts_now_ms(void);
/* Answer the request held in c->req: queue the response on c. */
void ts_handle_request(struct server *s, struct conn *c);
/* Queue a short text/plain answer with that status on c. */
void ts_simple(struct conn *c, int status, const char *text, int head_only);
/* The filler text of generated bodies. */
extern const char ts_filler_text[];
extern const size_t ts_filler_len;

#endif
