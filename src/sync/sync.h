/* sync.h: syncing subscriptions, items and read state with a server (Google
 * Reader API, Nextcloud News). */
#ifndef WARTA_SYNC_H
#define WARTA_SYNC_H

#include <stdatomic.h>
#include <stddef.h>

#include "util/err.h"

struct config;
struct store;

/* Where a sync is, for a progress display. */
struct sync_progress {
	const char *step;   /* "login", "push", "subscriptions", "items" */
	size_t done, total; /* within the step; total 0 when unknown */
};

struct sync_options {
	const struct config *config; /* its [sync] section, and [general]'s
				      * timeouts and proxy; borrowed */
	void (*on_progress)(void *ctx, const struct sync_progress *p);
	void *ctx;
	/* set (by another thread) to stop at the next request or while one
	 * is waited for: the sync then fails with "stopped"; may be NULL */
	const atomic_int *stop;
};

struct sync_stats {
	size_t requests;     /* HTTP requests made */
	double waited;	     /* seconds spent waiting for their answers */
	size_t pushed;	     /* queued changes the server acknowledged */
	size_t sources;	     /* subscriptions on the server */
	size_t sources_gone; /* synced sources dropped (unsubscribed there) */
	size_t new_items;
	size_t changed; /* items whose read or flagged state changed */
};

/* One sync: log in (a token kept from an earlier run is used, and renewed
 * once when the server has expired it), push the queued local changes,
 * then pull the subscriptions and the items and read state since the
 * last sync into st, and apply the config's retention to the synced
 * sources (store_retention_apply()). A new synced source is named apart
 * from the config's sources. 0, or -1 with e set as "sync NAME: STEP: what"
 * ("sync freshrss: login: HTTP 401, check user and password"); what was
 * not pushed stays queued, and a server that fails changes nothing that
 * it has not confirmed. stats (may be NULL) gets the totals. */
int sync_run(struct store *st, const struct sync_options *o,
	     struct sync_stats *stats, struct err *e);

/* The account the synced data of c belongs to: service, URL and user as
 * one string (caller frees). */
char *sync_account(const struct config *c);

/* Disable core dumps for the rest of the process (and, on Linux, other
 * processes' tracing of it): called before a secret is read. */
void sync_no_core_dumps(void);

#endif
