/* budget.c: a refresh's time for each source's articles, and stalled hosts. */
#include "autoconfig.h"

#include "refresh/budget.h"
#include "util/str.h"

#include <stdlib.h>
#include <string.h>

#define MAX_STALLED 256

struct budget {
	long long *end; /* per source: when its time is up, 0 not started */
	char *spent;	/* ... and whether that was said */
	size_t n;
	char *stalled[MAX_STALLED];
	size_t nstalled;
};

struct budget *
budget_new(size_t nsources)
{
	struct budget *b = xcalloc(1, sizeof(*b));

	b->n = nsources;
	b->end = xcalloc(nsources + 1, sizeof(*b->end));
	b->spent = xcalloc(nsources + 1, 1);
	return b;
}

void
budget_free(struct budget *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->nstalled; i++)
		free(b->stalled[i]);
	free(b->end);
	free(b->spent);
	free(b);
}

void
budget_start(struct budget *b, size_t idx, long timeout_s, long long now_ms)
{
	if (idx >= b->n || b->end[idx])
		return;
	b->end[idx] = now_ms + (long long)timeout_s * 1000 * BUDGET_TIMEOUTS;
}

int
budget_spent(struct budget *b, size_t idx, long long now_ms)
{
	if (idx >= b->n || !b->end[idx] || b->spent[idx] ||
	    now_ms < b->end[idx])
		return 0;
	b->spent[idx] = 1;
	return 1;
}

void
budget_stall(struct budget *b, const char *host)
{
	if (!host || budget_stalled(b, host) || b->nstalled == MAX_STALLED)
		return;
	b->stalled[b->nstalled++] = xstrdup(host);
}

int
budget_stalled(const struct budget *b, const char *host)
{
	for (size_t i = 0; host && i < b->nstalled; i++)
		if (!str_casecmp(b->stalled[i], host))
			return 1;
	return 0;
}
