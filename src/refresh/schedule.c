/* schedule.c: when each source is fetched next. */
#include "autoconfig.h"

#include "refresh/schedule.h"
#include "config/config.h"
#include "fetch/fetch.h"
#include "store/store.h"
#include "util/str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

time_t
schedule_now(void)
{
	const char *path = getenv("WARTA_TEST_CLOCK");
	FILE *fp;
	long long v = 0;

	if (!path || !*path)
		return time(NULL);
	fp = fopen(path, "r");
	if (!fp)
		return time(NULL);
	if (fscanf(fp, "%lld", &v) != 1 || v <= 0)
		v = (long long)time(NULL);
	fclose(fp);
	return (time_t)v;
}

static long
capped(long s)
{
	return s > SCHEDULE_WAIT_MAX_S ? SCHEDULE_WAIT_MAX_S : s;
}

time_t
schedule_not_before(time_t when, const struct fetch_done *d, long feed_interval)
{
	long wait = SCHEDULE_FLOOR_S;
	long status = d ? d->res.status : 0;

	if (d && !d->ok && (status == 429 || status == 503)) {
		long ask = d->res.retry_after > 0 ? d->res.retry_after
						  : SCHEDULE_BUSY_WAIT_S;

		if (capped(ask) > wait)
			wait = capped(ask);
		return when + wait;
	}
	if (d && d->ok && d->res.max_age > wait)
		wait = capped(d->res.max_age);
	if (feed_interval > wait)
		wait = capped(feed_interval);
	return when + wait;
}

time_t
schedule_due_at(const struct store_source *row, long period, int any)
{
	time_t due, floor_at;

	if (period <= 0 && !any)
		return 0;
	if (!row || row->last_fetch <= 0)
		return 1;
	/* a cache from before the schedule was kept has no not_before */
	floor_at = row->last_fetch + SCHEDULE_FLOOR_S;
	due = period > 0 ? row->last_fetch + (time_t)period * 60 : floor_at;
	if (due < floor_at)
		due = floor_at;
	if (row->not_before > due)
		due = row->not_before;
	return due;
}

static const struct store_source *
find_row(const struct store_source *rows, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (rows[i].name && !strcmp(rows[i].name, name))
			return &rows[i];
	return NULL;
}

int
schedule_list_due(struct store *st, const struct config *c, time_t now, int any,
		  const char ***names, size_t *n, time_t *next, struct err *e)
{
	struct store_source *rows = NULL;
	size_t nrows = 0;
	time_t soonest = 0;

	*names = NULL;
	*n = 0;
	if (next)
		*next = 0;
	if (store_sources_list(st, &rows, &nrows, e) < 0)
		return -1;
	*names = xcalloc(c->nsources + 1, sizeof(**names));
	for (size_t i = 0; i < c->nsources; i++) {
		const struct config_source *s = &c->sources[i];
		time_t due;

		if (!s->enabled || !s->url)
			continue;
		due = schedule_due_at(find_row(rows, nrows, s->name),
				      s->reload_period, any);
		if (!due)
			continue;
		if (due <= now)
			(*names)[(*n)++] = s->name;
		else if (!soonest || due < soonest)
			soonest = due;
	}
	if (next)
		*next = soonest;
	store_sources_free(rows, nrows);
	return 0;
}
