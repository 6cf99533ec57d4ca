/* stage.h: finished transfers on their way to the cache, parsed or
 * extracted in the work threads first when they need it, so that the loop
 * taking them never waits on a slow page. */
#ifndef WARTA_STAGE_H
#define WARTA_STAGE_H

#include <stddef.h>

struct fetch;
struct fetch_done;

/* What the stage does with a transfer; d->userdata says whose it is. */
struct stage_ops {
	/* In the loop's thread: the work d needs before it is stored, as an
	 * object holding copies of all it reads (the owner may be gone
	 * when a thread gets to it), or NULL when it needs none. */
	void *(*prepare)(const struct fetch_done *d);
	/* In a work thread: do work w on d (which it may change: the
	 * body may be freed once it is parsed). */
	void (*run)(void *w, struct fetch_done *d);
	/* Free w, done or not (from any thread). */
	void (*drop)(void *w);
};

struct stage;

/* A stage taking the finished transfers of f (borrowed until
 * stage_free()); caller frees. */
struct stage *stage_new(struct fetch *f, const struct stage_ops *ops);
/* Take what f finished and what the threads did. Every transfer comes out
 * of stage_next() in the end, those that need no work first. */
void stage_gather(struct stage *s);
/* The next transfer ready (moved into *d, its work done in *result, NULL
 * when it needed none; caller drops it): 1, or 0 when none is ready
 * yet. */
int stage_next(struct stage *s, struct fetch_done *d, void **result);
/* Transfers taken from f and not yet out of stage_next(). */
size_t stage_pending(const struct stage *s);
/* Of them, those ready now. */
size_t stage_ready(const struct stage *s);
/* The threads it works with at most. */
int stage_threads(const struct stage *s);
/* Drop everything (a result still being made is dropped by its thread). */
void stage_free(struct stage *s);

#endif
