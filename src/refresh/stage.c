/* stage.c: finished transfers, worked on in other threads when they need it. */
#include "autoconfig.h"

#include "refresh/stage.h"
#include "fetch/fetch.h"
#include "html/html.h"
#include "refresh/work.h"
#include "util/str.h"

#include <stdlib.h>
#include <string.h>

struct unit {
	struct work_task t; /* first: the pool hands this back */
	struct fetch_done d;
	void *result;
	const struct stage_ops *ops;
	struct unit *next;
};

struct stage {
	struct fetch *f;
	const struct stage_ops *ops;
	struct work *w;
	int threads;
	struct unit *ready, *ready_tail;
	size_t nready, pending;
};

static void
wake(void *ctx)
{
	fetch_wakeup(ctx);
}

static void
unit_run(struct work_task *t)
{
	struct unit *u = (struct unit *)t;

	u->ops->run(u->result, &u->d);
}

static void
unit_drop(struct work_task *t)
{
	struct unit *u = (struct unit *)t;

	if (u->result)
		u->ops->drop(u->result);
	fetch_done_free(&u->d);
	free(u);
}

struct stage *
stage_new(struct fetch *f, const struct stage_ops *ops)
{
	struct stage *s = xcalloc(1, sizeof(*s));

	/* the parsers' library is set up here, before any thread uses it */
	html_init();
	s->f = f;
	s->ops = ops;
	s->threads = work_threads();
	s->w = work_new(s->threads, wake, f);
	return s;
}

static void
push_ready(struct stage *s, struct unit *u)
{
	u->next = NULL;
	if (s->ready_tail)
		s->ready_tail->next = u;
	else
		s->ready = u;
	s->ready_tail = u;
	s->nready++;
}

void
stage_gather(struct stage *s)
{
	struct fetch_done d;
	struct work_task *t;

	while (fetch_next(s->f, &d)) {
		struct unit *u = xcalloc(1, sizeof(*u));

		u->d = d;
		u->ops = s->ops;
		u->t.run = unit_run;
		u->t.drop = unit_drop;
		s->pending++;
		u->result = s->ops->prepare(&u->d);
		if (u->result)
			work_submit(s->w, &u->t);
		else
			push_ready(s, u);
	}
	while ((t = work_done(s->w)))
		push_ready(s, (struct unit *)t);
}

int
stage_next(struct stage *s, struct fetch_done *d, void **result)
{
	struct unit *u = s->ready;

	if (!u)
		return 0;
	s->ready = u->next;
	if (!s->ready)
		s->ready_tail = NULL;
	s->nready--;
	s->pending--;
	*d = u->d;
	*result = u->result;
	free(u);
	return 1;
}

size_t
stage_pending(const struct stage *s)
{
	return s->pending;
}

int
stage_threads(const struct stage *s)
{
	return s->threads;
}

size_t
stage_ready(const struct stage *s)
{
	return s->nready;
}

void
stage_free(struct stage *s)
{
	if (!s)
		return;
	work_free(s->w);
	while (s->ready) {
		struct unit *u = s->ready;

		s->ready = u->next;
		unit_drop(&u->t);
	}
	free(s);
}
