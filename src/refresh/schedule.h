/* schedule.h: when each source is fetched next: its reload period, what its
 * server asked for, and a floor no setting goes below. */
#ifndef WARTA_SCHEDULE_H
#define WARTA_SCHEDULE_H

#include "util/err.h"

#include <stddef.h>
#include <time.h>

struct config;
struct fetch_done;
struct store;
struct store_source;

/* No source is fetched twice within this many seconds by a schedule. */
#define SCHEDULE_FLOOR_S (5 * 60)
/* The longest wait a server's wish imposes (seconds): a day. */
#define SCHEDULE_WAIT_MAX_S 86400
/* The wait after a 429 or 503 that names none: an hour. */
#define SCHEDULE_BUSY_WAIT_S 3600

/* The schedule's clock: time(NULL), unless the environment variable
 * WARTA_TEST_CLOCK names a file holding the seconds since the epoch to use
 * instead (for tests that move time on; read at each call). */
time_t schedule_now(void);

/* The earliest time the next fetch of a source may be made after the
 * fetch d made at when: the floor, and the server's wishes (Retry-After
 * on a 429 or 503, Cache-Control max-age or Expires, the feed's own
 * interval: feed_interval seconds, the one from this answer or else the
 * one the cache keeps), each capped at SCHEDULE_WAIT_MAX_S. */
time_t schedule_not_before(time_t when, const struct fetch_done *d,
			   long feed_interval);

/* When the source whose cache row is row (NULL: never fetched) falls due
 * with a reload period of period minutes: its last fetch plus the
 * period, or the row's not_before when that is later. A period of 0
 * gives 0 (never) unless any, when the source is due as soon as the floor
 * and its server allow. A source never fetched is due at once (1). */
time_t schedule_due_at(const struct store_source *row, long period, int any);

/* The enabled sources of c due at now (any: as for schedule_due_at()):
 * their names (borrowed from c) in *names (caller frees the array), *n of
 * them; *next (may be NULL) the earliest time after now another falls
 * due, 0 when none will. 0, or -1 with e set when the cache fails. */
int schedule_list_due(struct store *st, const struct config *c, time_t now,
		      int any, const char ***names, size_t *n, time_t *next,
		      struct err *e);

#endif
