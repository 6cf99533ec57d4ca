/* work.h: a few threads that parse and extract for a refresh, so that the
 * loop stepping it (the interface's) never waits on a slow page. */
#ifndef WARTA_WORK_H
#define WARTA_WORK_H

#include <stddef.h>

/* One piece of work: embed it first in a struct of your own. run() is
 * called in a worker thread and must touch only what the task owns;
 * drop() frees a task that is abandoned (from whichever thread holds it
 * last). */
struct work_task {
	void (*run)(struct work_task *t);
	void (*drop)(struct work_task *t);
	struct work_task *next;
};

struct work;

/* A pool of up to threads threads (started as work comes); wake(ctx) is
 * called from a worker, at most once per task done, while the pool is
 * alive, so the owner's wait can end. Caller frees with work_free(). */
struct work *work_new(int threads, void (*wake)(void *ctx), void *ctx);
/* Queue t (taken). */
void work_submit(struct work *w, struct work_task *t);
/* The next task done, in the order they finished, or NULL (caller owns
 * it again). */
struct work_task *work_done(struct work *w);
/* Tasks submitted and not yet taken back with work_done(). */
size_t work_pending(const struct work *w);
/* Drop what is queued and done; a task still running is dropped by its
 * thread when it ends (the call does not wait for it). */
void work_free(struct work *w);
/* Threads a refresh uses: the processors online but one (the loop's), at
 * least 1, at most 4. */
int work_threads(void);

#endif
