/* budget.h: how long a refresh goes on fetching one source's articles, and
 * the hosts it has given up on for the rest of it. */
#ifndef WARTA_BUDGET_H
#define WARTA_BUDGET_H

#include <stddef.h>

/* A source's articles get this many times its transfer timeout in all. */
#define BUDGET_TIMEOUTS 2

struct budget;

/* Budgets for nsources sources; caller frees with budget_free(). */
struct budget *budget_new(size_t nsources);
void budget_free(struct budget *b);
/* An article of source idx is queued at now_ms (a monotonic clock), its
 * transfers timing out after timeout_s: the first starts the source's
 * clock. */
void budget_start(struct budget *b, size_t idx, long timeout_s,
		  long long now_ms);
/* 1, once, when source idx's time is up at now_ms; else 0. */
int budget_spent(struct budget *b, size_t idx, long long now_ms);
/* Give up on host for the rest of the refresh (it did not answer). */
void budget_stall(struct budget *b, const char *host);
/* 1 when host was given up on. */
int budget_stalled(const struct budget *b, const char *host);

#endif
