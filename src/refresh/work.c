/* work.c: a small pool of threads working through a queue of tasks. */
#include "autoconfig.h"

#include "refresh/work.h"
#include "util/str.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#define MAX_THREADS 4

struct work {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct work_task *queue, *queue_tail; /* waiting to run */
	struct work_task *done, *done_tail;   /* run, not yet taken */
	size_t pending;			      /* submitted, not taken */
	int threads, started, idle;
	int stop; /* the owner is gone: drop everything */
	int refs; /* the owner and each thread started */
	void (*wake)(void *ctx);
	void *ctx;
};

int
work_threads(void)
{
	/* one processor is left to the loop's thread, which stores */
	long n = sysconf(_SC_NPROCESSORS_ONLN) - 1;

	if (n < 1)
		return 1;
	return n > MAX_THREADS ? MAX_THREADS : (int)n;
}

struct work *
work_new(int threads, void (*wake)(void *ctx), void *ctx)
{
	struct work *w = xcalloc(1, sizeof(*w));

	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	w->threads = threads < 1 ? 1 : threads;
	w->refs = 1;
	w->wake = wake;
	w->ctx = ctx;
	return w;
}

static void
drop_list(struct work_task *t)
{
	while (t) {
		struct work_task *next = t->next;

		t->drop(t);
		t = next;
	}
}

/* Let go of one reference (the mutex held); the last frees w. */
static void
unref(struct work *w)
{
	int last = --w->refs == 0;

	pthread_mutex_unlock(&w->mu);
	if (!last)
		return;
	pthread_cond_destroy(&w->cv);
	pthread_mutex_destroy(&w->mu);
	free(w);
}

static void *
worker(void *arg)
{
	struct work *w = arg;

	pthread_mutex_lock(&w->mu);
	for (;;) {
		struct work_task *t;

		while (!w->queue && !w->stop) {
			w->idle++;
			pthread_cond_wait(&w->cv, &w->mu);
			w->idle--;
		}
		if (w->stop)
			break;
		t = w->queue;
		w->queue = t->next;
		if (!w->queue)
			w->queue_tail = NULL;
		pthread_mutex_unlock(&w->mu);
		t->run(t);
		pthread_mutex_lock(&w->mu);
		if (w->stop) {
			t->drop(t);
			break;
		}
		t->next = NULL;
		if (w->done_tail)
			w->done_tail->next = t;
		else
			w->done = t;
		w->done_tail = t;
		/* under the lock: the owner cannot be freeing ctx now */
		if (w->wake)
			w->wake(w->ctx);
	}
	unref(w);
	return NULL;
}

void
work_submit(struct work *w, struct work_task *t)
{
	pthread_t th;

	t->next = NULL;
	pthread_mutex_lock(&w->mu);
	if (w->queue_tail)
		w->queue_tail->next = t;
	else
		w->queue = t;
	w->queue_tail = t;
	w->pending++;
	if (!w->idle && w->started < w->threads &&
	    pthread_create(&th, NULL, worker, w) == 0) {
		pthread_detach(th);
		w->started++;
		w->refs++;
	} else if (!w->started) {
		/* no thread at all: run it here rather than never */
		w->queue = w->queue_tail = NULL;
		pthread_mutex_unlock(&w->mu);
		t->run(t);
		pthread_mutex_lock(&w->mu);
		if (w->done_tail)
			w->done_tail->next = t;
		else
			w->done = t;
		w->done_tail = t;
	}
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

struct work_task *
work_done(struct work *w)
{
	struct work_task *t;

	pthread_mutex_lock(&w->mu);
	t = w->done;
	if (t) {
		w->done = t->next;
		if (!w->done)
			w->done_tail = NULL;
		t->next = NULL;
		w->pending--;
	}
	pthread_mutex_unlock(&w->mu);
	return t;
}

size_t
work_pending(const struct work *w)
{
	return w->pending;
}

void
work_free(struct work *w)
{
	struct work_task *queue, *done;

	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	w->stop = 1;
	queue = w->queue;
	done = w->done;
	w->queue = w->queue_tail = w->done = w->done_tail = NULL;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
	drop_list(queue);
	drop_list(done);
	pthread_mutex_lock(&w->mu);
	unref(w);
}
