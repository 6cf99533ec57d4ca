/* view_items.c: the headlines view: one line per item, read a window of
 * rows at a time from the store (never the whole cache). */
#include "autoconfig.h"

#include "ui/ui_int.h"
#include "util/err.h"
#include "util/str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rows read around the selection at once. */
#define WINDOW_ROWS 300
#define WINDOW_BEFORE 100

static void
window_free(struct ui_items_view *v)
{
	store_items_free(v->rows, v->nrows);
	v->rows = NULL;
	v->nrows = 0;
	v->win_off = 0;
}

/* The store's row index of list position i (oldest first reverses). */
static long
store_index(const struct ui_items_view *v, long i)
{
	return v->oldest_first ? v->count - 1 - i : i;
}

/* The item at list position i, reading its window when needed; NULL when
 * out of range or on a store error. */
static struct store_item *
item_at(struct ui *ui, long i)
{
	struct ui_items_view *v = &ui->items;
	struct store_query q = v->q;
	struct err err;
	long si, off;

	if (i < 0 || i >= v->count)
		return NULL;
	if (v->search) /* search results are all in rows */
		return i < (long)v->nrows ? &v->rows[i] : NULL;
	si = store_index(v, i);
	if (si >= v->win_off && si < v->win_off + (long)v->nrows)
		return &v->rows[si - v->win_off];
	window_free(v);
	off = si - (v->oldest_first ? WINDOW_ROWS - WINDOW_BEFORE
				    : WINDOW_BEFORE);
	if (off < 0)
		off = 0;
	q.unread_only = v->hide_read;
	if (store_items_page(ui->set->store, &q, NULL, off, WINDOW_ROWS,
			     &v->rows, &v->nrows, &err) < 0) {
		ui_message(ui, 1, "%s", err.msg);
		v->rows = NULL;
		v->nrows = 0;
		return NULL;
	}
	v->win_off = off;
	if (si >= off && si < off + (long)v->nrows)
		return &v->rows[si - off];
	return NULL;
}

static struct store_item *
view_items_selected(struct ui *ui)
{
	return item_at(ui, ui->items.sel);
}

/* The unread count of a source's or of all unread items, for the status
 * line (the store keeps these counts: cheap); have_unread 0 for others. */
static void
count_unread(struct ui *ui)
{
	struct ui_items_view *v = &ui->items;
	struct store_query q = v->q;
	struct err err;

	v->have_unread = 0;
	if (v->search ||
	    (q.view != STORE_VIEW_SOURCE && q.view != STORE_VIEW_UNREAD))
		return;
	q.unread_only = 1;
	if (store_items_count(ui->set->store, &q, &v->unread, &err) == 0)
		v->have_unread = 1;
}

static void
view_items_load(struct ui *ui)
{
	struct ui_items_view *v = &ui->items;
	struct store_query q = v->q;
	struct store_item *it = item_at(ui, v->sel);
	long long keep = it ? it->id : 0;
	struct err err;
	long n = 0;

	if (v->search) {
		v->count = (long)v->nrows;
	} else {
		window_free(v);
		q.unread_only = v->hide_read;
		if (store_items_count(ui->set->store, &q, &n, &err) < 0)
			ui_message(ui, 1, "%s", err.msg);
		v->count = n;
		count_unread(ui);
	}
	/* keep the selected item selected when it is still near */
	if (keep) {
		for (long d = 0; d < 50; d++) {
			struct store_item *a = item_at(ui, v->sel + d);
			struct store_item *b = item_at(ui, v->sel - d);

			if (a && a->id == keep) {
				v->sel += d;
				break;
			}
			if (b && b->id == keep) {
				v->sel -= d;
				break;
			}
		}
	}
	ui_list_clamp(&v->sel, &v->top, v->count, ui_body_rows(ui));
	ui->dirty |= UI_REDRAW_ALL;
}

static void view_items_free(struct ui *ui);

static void
reset(struct ui *ui, const char *title)
{
	struct ui_items_view *v = &ui->items;
	int oldest = v->oldest_first, hide = v->hide_read;

	view_items_free(ui);
	memset(v, 0, sizeof(*v));
	v->oldest_first = oldest;
	v->hide_read = hide;
	v->title = xstrdup(title);
}

/* List the items of query q, called title. */
static void
open_query(struct ui *ui, const char *title, const struct store_query *q)
{
	struct store_query *own = &ui->items.q;

	reset(ui, title);
	*own = *q;
	if (q->view == STORE_VIEW_SOURCES && q->nsource_ids) {
		/* the list keeps its own copy of a tag's sources */
		long long *ids =
		    xreallocarray(NULL, q->nsource_ids, sizeof(*ids));

		memcpy(ids, q->source_ids, q->nsource_ids * sizeof(*ids));
		own->source_ids = ids;
	} else {
		own->source_ids = NULL;
		own->nsource_ids = 0;
	}
	view_items_load(ui);
}

/* List the search results for t->search. The list they replace and
 * where the search was started are kept to go back to; a search from
 * search results keeps the first ones. */
static void
open_search(struct ui *ui, const struct ui_target *t)
{
	struct ui_items_view *v = &ui->items;
	struct ui_items_view *before = v->before;
	enum ui_view_id from = v->search_from;
	long long item = v->search_item;
	char *title = xasprintf("search: %s", t->search);
	struct err err;
	int rc;

	if (!v->search) {
		before = xmalloc(sizeof(*before));
		*before = *v; /* takes its rows, title and query */
		v->rows = NULL;
		v->nrows = 0;
		v->title = NULL;
		v->q.source_ids = NULL;
		from = t->from;
		item = t->item_id;
	}
	v->before = NULL;
	reset(ui, title);
	free(title);
	v->before = before;
	v->search_from = from;
	v->search_item = item;
	v->search = xstrdup(t->search);
	rc = ui_search_items(ui, t->search, &v->rows, &v->nrows, &err);
	if (rc < 0)
		ui_message(ui, 1, "%s", err.msg);
	else
		ui_message(ui, 0, "%zu found", v->nrows);
	v->count = (long)v->nrows;
	view_items_load(ui);
}

/* Leave search results for the list they replaced, and the view where
 * the search was started. */
static void
close_search(struct ui *ui)
{
	struct ui_items_view *v = &ui->items;
	struct ui_items_view *before = v->before;
	enum ui_view_id from = v->search_from;
	long long item = v->search_item;

	if (!before) {
		ui_back(ui);
		return;
	}
	v->before = NULL;
	view_items_free(ui);
	*v = *before;
	free(before);
	ui_return(ui, from, item);
}

static int step_unread(struct ui *ui, int dir);

static int
view_items_open(struct ui *ui, const struct ui_target *t)
{
	struct ui_items_view *v = &ui->items;
	struct store_item *it;

	if (t->search)
		open_search(ui, t);
	else
		open_query(ui, t->title, &t->query);
	if (t->unread && v->count) {
		v->sel = t->unread > 0 ? 0 : v->count - 1;
		it = item_at(ui, v->sel);
		if (it && it->read)
			step_unread(ui, t->unread);
		ui_list_clamp(&v->sel, &v->top, v->count, ui_body_rows(ui));
	}
	return 0;
}

/* No unread item left in dir: a source's headlines go on into the next
 * source with unread items (the previous, going back), as newsboat's do,
 * and say which. 1 when they did. */
static int
enter_next_source(struct ui *ui, int dir)
{
	struct ui_items_view *v = &ui->items;

	if (v->search || v->q.view != STORE_VIEW_SOURCE ||
	    !ui_list_enter_next(ui, UI_ITEMS, dir))
		return 0;
	if (v->have_unread)
		ui_message(ui, 0, "%s source: %s, %ld unread",
			   dir > 0 ? "next" : "previous", v->title, v->unread);
	else
		ui_message(ui, 0, "%s source: %s",
			   dir > 0 ? "next" : "previous", v->title);
	return 1;
}

static void
view_items_title(struct ui *ui, char *out, size_t n)
{
	struct ui_items_view *v = &ui->items;

	snprintf(out, n, "%s (%ld%s)%s", v->title ? v->title : "", v->count,
		 v->hide_read ? " unread" : "",
		 v->oldest_first ? " oldest first" : "");
}

/* The counts of the headlines: "3 of 7, 2 unread". */
static int
view_items_status(struct ui *ui, char *out, size_t n)
{
	struct ui_items_view *v = &ui->items;

	if (!v->count)
		snprintf(out, n, "no articles");
	else if (v->have_unread)
		snprintf(out, n, "%ld of %ld, %ld unread", v->sel + 1, v->count,
			 v->unread);
	else
		snprintf(out, n, "%ld of %ld", v->sel + 1, v->count);
	return 0;
}

static void
format_date(time_t t, char out[16])
{
	struct tm tm;

	if (!t || !localtime_r(&t, &tm) ||
	    !strftime(out, 16, "%b %d", &tm))
		snprintf(out, 16, "      ");
}

static void
view_items_draw(struct ui *ui, int y, int h)
{
	struct ui_items_view *v = &ui->items;
	const struct theme *t = &ui->theme;
	int show_source = v->q.view != STORE_VIEW_SOURCE || v->search;
	int srcw = ui->cols >= 70 ? 16 : ui->cols >= 50 ? 10 : 0;

	ui_list_clamp(&v->sel, &v->top, v->count, h);
	if (!v->count) {
		ui_put(y + (h > 2 ? 1 : 0), 2, ui->cols - 4,
		       t->attr[THEME_MESSAGE],
		       v->search ? "Nothing found."
		       : v->hide_read
			       ? "No unread articles here (H shows read ones)."
			       : "No articles here yet (r refreshes).");
		return;
	}
	for (int r = 0; r < h && v->top + r < v->count; r++) {
		struct store_item *it = item_at(ui, v->top + r);
		int sel = v->top + r == v->sel, x = 1, w = ui->cols;
		unsigned long base = sel ? t->attr[THEME_SELECTED] : 0;
		char date[16];

		if (!it)
			break;
		if (sel)
			ui_fill(y + r, 0, w, base);
		x += ui_put(y + r, x, w - x,
			    sel ? base : t->attr[THEME_FLAGGED],
			    it->flagged ? "!" : " ");
		x += ui_put(y + r, x, w - x, sel ? base : t->attr[THEME_UNREAD],
			    it->read ? " " : "N");
		/* its article failed: the article view says why */
		x +=
		    ui_put(y + r, x, w - x, sel ? base : t->attr[THEME_FAILING],
			   it->article_failed ? "x" : " ");
		x += 1;
		if (w >= 30) {
			format_date(it->date, date);
			x += ui_put(y + r, x, 6, sel ? base : t->attr[THEME_DATE],
				    date);
			x += 1;
		}
		if (show_source && srcw) {
			ui_put(y + r, x, srcw - 1,
			       sel ? base : t->attr[THEME_SOURCE],
			       it->source ? it->source : "");
			x += srcw;
		}
		ui_put(y + r, x, w - x - 1,
		       sel ? base : t->attr[it->read ? THEME_READ : THEME_UNREAD],
		       it->title && *it->title ? it->title : "(untitled)");
	}
}

/* Move the selection by delta items; 0 when there is no such item. */
static int
step(struct ui *ui, long delta)
{
	struct ui_items_view *v = &ui->items;
	long to = v->sel + delta;

	if (to < 0 || to >= v->count)
		return 0;
	v->sel = to;
	ui_list_clamp(&v->sel, &v->top, v->count, ui_body_rows(ui));
	return 1;
}

/* Move to the next (dir 1) or previous (-1) unread item; 0 if none. */
static int
step_unread(struct ui *ui, int dir)
{
	struct ui_items_view *v = &ui->items;

	/* bounded: the window reads keep this cheap even in long lists */
	for (long i = v->sel + dir, seen = 0; i >= 0 && i < v->count &&
					      seen < 100000;
	     i += dir, seen++) {
		struct store_item *it = item_at(ui, i);

		if (!it)
			return 0;
		if (!it->read) {
			v->sel = i;
			ui_list_clamp(&v->sel, &v->top, v->count,
				      ui_body_rows(ui));
			return 1;
		}
	}
	return 0;
}

static unsigned
view_items_action(struct ui *ui, enum keymap_action a)
{
	struct ui_items_view *v = &ui->items;
	struct store_item *it = view_items_selected(ui);
	int h = ui_body_rows(ui);
	struct err err;

	switch (a) {
	case KEYMAP_DOWN:
	case KEYMAP_NEXT_ARTICLE:
		ui_list_move(&v->sel, &v->top, v->count, h, 1);
		return UI_REDRAW_BODY;
	case KEYMAP_UP:
	case KEYMAP_PREV_ARTICLE:
		ui_list_move(&v->sel, &v->top, v->count, h, -1);
		return UI_REDRAW_BODY;
	case KEYMAP_PAGE_DOWN:
		ui_list_move(&v->sel, &v->top, v->count, h, h);
		return UI_REDRAW_BODY;
	case KEYMAP_PAGE_UP:
		ui_list_move(&v->sel, &v->top, v->count, h, -h);
		return UI_REDRAW_BODY;
	case KEYMAP_TOP:
		ui_list_move(&v->sel, &v->top, v->count, h, -v->sel);
		return UI_REDRAW_BODY;
	case KEYMAP_BOTTOM:
		ui_list_move(&v->sel, &v->top, v->count, h, v->count);
		return UI_REDRAW_BODY;
	case KEYMAP_NEXT_UNREAD:
	case KEYMAP_PREV_UNREAD:
		if (!step_unread(ui, a == KEYMAP_NEXT_UNREAD ? 1 : -1) &&
		    !enter_next_source(ui, a == KEYMAP_NEXT_UNREAD ? 1 : -1))
			ui_message(ui, 0, "no more unread articles");
		return UI_REDRAW_ALL;
	case KEYMAP_OPEN: {
		struct ui_target t;

		if (!it)
			return 0;
		memset(&t, 0, sizeof(t));
		t.item_id = it->id;
		ui_go(ui, UI_ARTICLE, &t);
		it = view_items_selected(ui);
		if (it)
			it->read = 1;
		return UI_REDRAW_ALL;
	}
	case KEYMAP_BACK:
		if (v->search)
			close_search(ui);
		else
			ui_back(ui);
		return UI_RELOAD | UI_REDRAW_ALL;
	case KEYMAP_TOGGLE_READ:
		if (!it)
			return 0;
		if (store_item_set_read(ui->set->store, it->id, !it->read,
					&err) < 0) {
			ui_message(ui, 1, "%s", err.msg);
			return UI_REDRAW_STATUS;
		}
		it->read = !it->read;
		ui_message(ui, 0, it->read ? "marked read" : "marked unread");
		ui_list_move(&v->sel, &v->top, v->count, h, 1);
		/* read again: the same article elsewhere in the list changed
		 * with it */
		return UI_RELOAD | UI_REDRAW_ALL;
	case KEYMAP_FLAG:
		if (!it)
			return 0;
		if (store_item_set_flagged(ui->set->store, it->id, !it->flagged,
					   &err) < 0) {
			ui_message(ui, 1, "%s", err.msg);
			return UI_REDRAW_STATUS;
		}
		it->flagged = !it->flagged;
		ui_message(ui, 0, it->flagged ? "flagged" : "unflagged");
		return UI_REDRAW_ALL;
	case KEYMAP_MARK_SOURCE_READ:
	case KEYMAP_MARK_ALL_READ: {
		long long sid = 0;

		if (a == KEYMAP_MARK_SOURCE_READ) {
			if (v->q.view == STORE_VIEW_SOURCE && !v->search)
				sid = v->q.source_id;
			else if (it)
				sid = it->source_id;
			if (sid <= 0)
				return 0;
		}
		return ui_mark_read(ui, sid);
	}
	case KEYMAP_OPEN_BROWSER:
		return it ? ui_open_url(ui, it->link) : 0;
	case KEYMAP_COPY_URL:
		if (it)
			ui_copy(ui, it->link);
		return UI_REDRAW_STATUS;
	case KEYMAP_FETCH_ARTICLE:
		return it ? ui_article_retry(ui, it->id) : 0;
	case KEYMAP_SORT:
		if (v->search) {
			ui_message(ui, 0, "search results: best first");
			return UI_REDRAW_STATUS;
		}
		v->oldest_first = !v->oldest_first;
		v->sel = v->top = 0;
		window_free(v);
		ui_message(ui, 0, v->oldest_first ? "oldest first"
						  : "newest first");
		return UI_REDRAW_ALL;
	case KEYMAP_HIDE_READ:
		if (v->search) {
			ui_message(ui, 0, "search results show every match");
			return UI_REDRAW_STATUS;
		}
		v->hide_read = !v->hide_read;
		v->sel = v->top = 0;
		view_items_load(ui);
		ui_message(ui, 0, v->hide_read ? "read articles hidden"
					       : "read articles shown");
		return UI_REDRAW_ALL;
	default:
		break;
	}
	ui_message(ui, 0, "%s: not in the headlines view",
		   keymap_action_name(a));
	return UI_REDRAW_STATUS;
}

static void
view_items_resize(struct ui *ui)
{
	ui_list_clamp(&ui->items.sel, &ui->items.top, ui->items.count,
		      ui_body_rows(ui));
}

/* The source listed, else the selected item's. */
static const char *
view_items_source(struct ui *ui)
{
	struct store_item *it;

	if (ui->items.q.view == STORE_VIEW_SOURCE && !ui->items.search)
		return ui->items.title;
	it = view_items_selected(ui);
	return it ? it->source : NULL;
}

static long long
view_items_step(struct ui *ui, long delta, int unread)
{
	struct store_item *it;
	int dir = delta < 0 ? -1 : 1;

	if (!(unread ? step_unread(ui, dir) || enter_next_source(ui, dir)
		     : step(ui, delta)))
		return 0;
	it = view_items_selected(ui);
	if (!it)
		return -1;
	it->read = 1;
	return it->id;
}

static void
view_items_position(struct ui *ui, long *index, long *count)
{
	*index = ui->items.sel;
	*count = ui->items.count;
}

static int
view_items_subject(struct ui *ui, struct ui_subject *s)
{
	struct store_item *it = view_items_selected(ui);

	if (!it)
		return 0;
	s->item_id = it->id;
	s->url = it->link;
	s->title = it->title;
	s->source = it->source;
	return 1;
}

/* A click selects a headline; a second one, or one on the selection,
 * opens it. */
static unsigned
view_items_click(struct ui *ui, int y, int x, int again)
{
	struct ui_items_view *v = &ui->items;
	long i = v->top + y;

	(void)x;
	if (i >= v->count)
		return 0;
	if (i == v->sel || again) {
		v->sel = i;
		return view_items_action(ui, KEYMAP_OPEN);
	}
	v->sel = i;
	return UI_REDRAW_BODY | UI_REDRAW_STATUS;
}

static void
view_items_free(struct ui *ui)
{
	struct ui_items_view *v = &ui->items;

	window_free(v);
	free(v->title);
	free(v->search);
	free((long long *)v->q.source_ids);
	v->title = v->search = NULL;
	v->q.source_ids = NULL;
	v->q.nsource_ids = 0;
	if (v->before) {
		struct ui_items_view *b = v->before;

		/* only a search keeps a list, and that list is no search */
		v->before = NULL;
		window_free(b);
		free(b->title);
		free(b->search);
		free((long long *)b->q.source_ids);
		free(b);
	}
}

/* clang-format off */
const struct ui_view_ops view_items_ops = {
	.where = "the headlines",
	.keys = KEYMAP_LIST,
	.under = UI_SOURCES,
	.open = view_items_open,
	.load = view_items_load,
	.resize = view_items_resize,
	.draw = view_items_draw,
	.title = view_items_title,
	.status = view_items_status,
	.action = view_items_action,
	.source = view_items_source,
	.step = view_items_step,
	.position = view_items_position,
	.subject = view_items_subject,
	.click = view_items_click,
	.free = view_items_free,
};
/* clang-format on */
