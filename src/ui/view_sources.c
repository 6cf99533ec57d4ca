/* view_sources.c: the sources view: counts, tags, failing sources, the
 * virtual entries and grouping by tag. */
#include "autoconfig.h"

#include "config/config.h"
#include "refresh/refresh.h"
#include "ui/ui_int.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
entries_free(struct ui_sources_view *v)
{
	for (size_t i = 0; i < v->n; i++) {
		free(v->entries[i].name);
		free(v->entries[i].tags);
		free(v->entries[i].error);
	}
	free(v->entries);
	v->entries = NULL;
	v->n = 0;
}

static struct ui_entry *
entry_push(struct ui_sources_view *v, size_t *cap, enum ui_entry_kind kind,
	   const char *name)
{
	struct ui_entry *e;

	if (v->n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		v->entries = xreallocarray(v->entries, *cap, sizeof(*e));
	}
	e = &v->entries[v->n++];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->name = xstrdup(name);
	return e;
}

static char *
join_tags(char *const *tags, size_t n)
{
	struct buf b;

	if (!n)
		return NULL;
	buf_init(&b, 0);
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", tags[i]);
	return buf_steal(&b);
}

/* Add the entry of configured source src (NULL: a source the store knows
 * that the config no longer lists). */
static void
add_source(struct ui_sources_view *v, size_t *cap, const struct ui_source *src,
	   const struct store_source *row)
{
	struct ui_entry *e = entry_push(v, cap, UI_ENTRY_SOURCE,
					src ? src->name : row->name);

	if (src)
		e->tags = join_tags(src->tags, src->ntags);
	if (row) {
		e->source_id = row->id;
		e->unread = row->unread;
		e->total = row->total;
		if (row->last_error)
			e->error = xstrdup(row->last_error);
		e->last_fetch = row->last_fetch;
	}
}

/* " (fetched 14:02)", or with the day when not today, into out. */
static void
fetched_when(time_t t, char *out, size_t n)
{
	struct tm tm, today;
	time_t now = time(NULL);

	out[0] = '\0';
	if (t <= 0)
		return;
	localtime_r(&t, &tm);
	localtime_r(&now, &today);
	if (tm.tm_year == today.tm_year && tm.tm_yday == today.tm_yday)
		strftime(out, n, " (fetched %H:%M)", &tm);
	else
		strftime(out, n, " (fetched %Y-%m-%d %H:%M)", &tm);
}

static const struct store_source *
find_row(const struct store_source *rows, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (rows[i].name && !strcmp(rows[i].name, name))
			return &rows[i];
	return NULL;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static time_t
local_midnight(void)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static void
count_query(struct ui *ui, struct ui_entry *e, enum store_view view)
{
	struct store_query q = {0};
	struct err err;
	long n = 0;

	q.view = view;
	q.since = local_midnight();
	if (store_items_count(ui->set->store, &q, &n, &err) == 0)
		e->total = n;
	q.unread_only = 1;
	if (store_items_count(ui->set->store, &q, &n, &err) == 0)
		e->unread = n;
}

/* The entries under group heading g: [g + 1, end). */
static size_t
group_end(const struct ui_sources_view *v, size_t g)
{
	size_t end = g + 1;

	while (end < v->n && v->entries[end].kind == UI_ENTRY_SOURCE)
		end++;
	return end;
}

/* A tag heading counts the items of the sources under it. */
static void
group_counts(struct ui_sources_view *v)
{
	for (size_t g = 0; g < v->n; g++) {
		struct ui_entry *e = &v->entries[g];

		if (e->kind != UI_ENTRY_GROUP)
			continue;
		for (size_t i = g + 1, end = group_end(v, g); i < end; i++) {
			e->unread += v->entries[i].unread;
			e->total += v->entries[i].total;
		}
	}
}

/* The sync server's sources as the view lists them. */
struct synced {
	struct ui_source *all;	   /* the configured ones, then these */
	struct config_source *src; /* refresh_synced_sources()'s */
	size_t n;
};

/* The configured sources, then, with sync on, the sync server's with
 * their folders or labels as tags; *n set. Valid until synced_free(). */
static const struct ui_source *
all_sources(struct ui *ui, struct synced *syn, size_t *n)
{
	const struct ui_setup *s = ui->set;
	struct err err;

	memset(syn, 0, sizeof(*syn));
	*n = s->nsources;
	if (!s->config ||
	    refresh_synced_sources(s->store, s->config, &syn->src, &syn->n,
				   &err) < 0 ||
	    !syn->n)
		return s->sources;
	syn->all = xcalloc(s->nsources + syn->n, sizeof(*syn->all));
	if (s->nsources)
		memcpy(syn->all, s->sources, s->nsources * sizeof(*syn->all));
	for (size_t i = 0; i < syn->n; i++) {
		struct ui_source *u = &syn->all[s->nsources + i];

		u->name = syn->src[i].name;
		u->url = syn->src[i].url;
		u->tags = syn->src[i].tags;
		u->ntags = syn->src[i].ntags;
	}
	*n = s->nsources + syn->n;
	return syn->all;
}

static void
synced_free(struct synced *syn)
{
	refresh_synced_free(syn->src, syn->n);
	free(syn->all);
}

static void
view_sources_load(struct ui *ui)
{
	struct ui_sources_view *v = &ui->src;
	const struct ui_setup *s = ui->set;
	struct store_source *rows = NULL;
	struct synced syn;
	const struct ui_source *srcs;
	size_t nrows = 0, cap = 0, nsrcs;
	struct err err;
	char *keep = NULL;
	long unread = 0, total = 0;
	int keep_group = 0;
	struct ui_entry *e;

	if (v->sel >= 0 && (size_t)v->sel < v->n) {
		keep = xstrdup(v->entries[v->sel].name);
		keep_group = v->entries[v->sel].kind == UI_ENTRY_GROUP;
	}
	entries_free(v);
	srcs = all_sources(ui, &syn, &nsrcs);
	if (store_sources_list(s->store, &rows, &nrows, &err) < 0) {
		ui_message(ui, 1, "%s", err.msg);
		rows = NULL;
		nrows = 0;
	}
	for (size_t i = 0; i < nrows; i++) {
		unread += rows[i].unread;
		total += rows[i].total;
	}
	e = entry_push(v, &cap, UI_ENTRY_UNREAD, "All unread");
	e->unread = unread;
	e->total = total;
	count_query(ui, entry_push(v, &cap, UI_ENTRY_FLAGGED, "Flagged"),
		    STORE_VIEW_FLAGGED);
	count_query(ui, entry_push(v, &cap, UI_ENTRY_TODAY, "Today"),
		    STORE_VIEW_SINCE);
	if (!v->group_tags) {
		for (size_t i = 0; i < nsrcs; i++)
			add_source(v, &cap, &srcs[i],
				   find_row(rows, nrows, srcs[i].name));
	} else {
		char **tags = NULL;
		size_t ntags = 0;
		int untagged = 0;

		for (size_t i = 0; i < nsrcs; i++) {
			untagged |= srcs[i].ntags == 0;
			for (size_t t = 0; t < srcs[i].ntags; t++) {
				size_t k;

				for (k = 0; k < ntags; k++)
					if (!strcmp(tags[k], srcs[i].tags[t]))
						break;
				if (k == ntags) {
					tags = xreallocarray(tags, ntags + 1,
							     sizeof(*tags));
					tags[ntags++] = srcs[i].tags[t];
				}
			}
		}
		if (ntags)
			qsort(tags, ntags, sizeof(*tags), cmp_str);
		for (size_t k = 0; k <= ntags; k++) {
			if (k == ntags && !untagged)
				break;
			entry_push(v, &cap, UI_ENTRY_GROUP,
				   k < ntags ? tags[k] : "(no tag)");
			for (size_t i = 0; i < nsrcs; i++) {
				const struct ui_source *src = &srcs[i];
				int has = 0;

				for (size_t t = 0; k < ntags && t < src->ntags;
				     t++)
					has |= !strcmp(src->tags[t], tags[k]);
				if (k == ntags)
					has = src->ntags == 0;
				if (has)
					add_source(v, &cap, src,
						   find_row(rows, nrows,
							    src->name));
			}
		}
		free(tags);
	}
	/* sources the config dropped keep their items until a purge */
	for (size_t i = 0; i < nrows; i++) {
		int listed = 0;

		for (size_t j = 0; j < nsrcs && !listed; j++)
			listed = !strcmp(srcs[j].name, rows[i].name);
		if (!listed && rows[i].total)
			add_source(v, &cap, NULL, &rows[i]);
	}
	store_sources_free(rows, nrows);
	group_counts(v);
	synced_free(&syn);
	v->sel = 0;
	for (size_t i = 0; keep && i < v->n; i++) {
		if ((v->entries[i].kind == UI_ENTRY_GROUP) == keep_group &&
		    !strcmp(v->entries[i].name, keep)) {
			v->sel = (long)i;
			break;
		}
	}
	free(keep);
	ui_list_clamp(&v->sel, &v->top, (long)v->n, ui_body_rows(ui));
	ui->dirty |= UI_REDRAW_ALL;
}

static struct ui_entry *
view_sources_selected(struct ui *ui)
{
	struct ui_sources_view *v = &ui->src;

	if (v->sel < 0 || (size_t)v->sel >= v->n)
		return NULL;
	return &v->entries[v->sel];
}

/* The items entry e lists. */
static struct store_query
entry_query(const struct ui_entry *e)
{
	struct store_query q = {0};

	switch (e->kind) {
	case UI_ENTRY_UNREAD:
		q.view = STORE_VIEW_UNREAD;
		break;
	case UI_ENTRY_FLAGGED:
		q.view = STORE_VIEW_FLAGGED;
		break;
	case UI_ENTRY_TODAY:
		q.view = STORE_VIEW_SINCE;
		q.since = local_midnight();
		break;
	default:
		q.view = STORE_VIEW_SOURCE;
		q.source_id = e->source_id ? e->source_id : -1;
		break;
	}
	return q;
}

/* Move by delta (a tag heading is selectable: it lists its sources). */
static void
move_sel(struct ui *ui, long delta)
{
	struct ui_sources_view *v = &ui->src;

	ui_list_move(&v->sel, &v->top, (long)v->n, ui_body_rows(ui), delta);
}

/* Open the headlines of every source under tag heading g as one list. */
static void
open_group(struct ui *ui, size_t g)
{
	struct ui_sources_view *v = &ui->src;
	size_t end = group_end(v, g), n = 0;
	long long *ids = xcalloc(end - g, sizeof(*ids));
	struct ui_target t;
	char *title;

	for (size_t i = g + 1; i < end; i++)
		if (v->entries[i].source_id)
			ids[n++] = v->entries[i].source_id;
	title = xasprintf("Tag %s", v->entries[g].name);
	memset(&t, 0, sizeof(t));
	t.title = title;
	t.query.view = STORE_VIEW_SOURCES;
	t.query.source_ids = ids;
	t.query.nsource_ids = n;
	ui_go(ui, UI_ITEMS, &t);
	free(title);
	free(ids);
}

static void
view_sources_title(struct ui *ui, char *out, size_t n)
{
	long unread = ui->src.n ? ui->src.entries[0].unread : 0;
	size_t nsrc = 0;

	for (size_t i = 0; i < ui->src.n; i++) {
		const struct ui_entry *e = &ui->src.entries[i];
		size_t j = 0;

		if (e->kind != UI_ENTRY_SOURCE)
			continue;
		/* grouped by tag, a source is listed under each of its tags */
		for (j = 0; ui->src.group_tags && j < i; j++)
			if (ui->src.entries[j].kind == UI_ENTRY_SOURCE &&
			    !strcmp(ui->src.entries[j].name, e->name))
				break;
		nsrc += !ui->src.group_tags || j == i;
	}
	snprintf(out, n, "Sources (%zu, %ld unread)%s", nsrc, unread,
		 ui->src.group_tags ? " by tag" : "");
}

/* The selection's line: a failing source's error, or its counts. */
static int
view_sources_status(struct ui *ui, char *out, size_t n)
{
	struct ui_entry *e = view_sources_selected(ui);
	char when[48];

	if (!e)
		return 0;
	fetched_when(e->last_fetch, when, sizeof(when));
	if (e->error) {
		snprintf(out, n, "%s: %s%s", e->name, e->error, when);
		return 1;
	}
	if (e->kind == UI_ENTRY_GROUP) {
		size_t g = (size_t)ui->src.sel;
		size_t k = group_end(&ui->src, g) - g - 1;
		char key[KEYMAP_NAME_MAX];

		ui_action_key(ui, KEYMAP_OPEN, key);
		snprintf(out, n,
			 "tag %s: %ld unread of %ld in %zu source%s (%s lists "
			 "them)",
			 e->name, e->unread, e->total, k, k == 1 ? "" : "s",
			 key);
		return 0;
	}
	if (e->kind == UI_ENTRY_SOURCE && !e->source_id)
		snprintf(out, n, "%s: not fetched yet (r refreshes)", e->name);
	else
		snprintf(out, n, "%s: %ld unread of %ld%s", e->name, e->unread,
			 e->total, when);
	return 0;
}

/* No sources: say where to add them, naming the config file read. */
static void
draw_empty(struct ui *ui, int y, int h)
{
	const struct config *c = ui->set->config;
	struct ui_lines l = {0};
	char *text;

	if (c && c->path)
		text = xasprintf("No sources configured: add some to %s (see "
				 "warta.ini(5)), or try warta --demo.",
				 c->path);
	else
		text = xstrdup("No sources configured: add some to the config "
			       "file (see warta.ini(5)), or try warta --demo.");
	ui_lines_wrap(&l, text, ui->cols - 4, 0, THEME_MESSAGE, 0);
	for (int r = 0; r < h && (size_t)r < l.n; r++)
		ui_draw_line(ui, &l.lines[r], y + r, 2, ui->cols - 4);
	ui_lines_free(&l);
	free(text);
}

static void
view_sources_draw(struct ui *ui, int y, int h)
{
	struct ui_sources_view *v = &ui->src;
	const struct theme *t = &ui->theme;

	ui_list_clamp(&v->sel, &v->top, (long)v->n, h);
	for (int r = 0; r < h && v->top + r < (long)v->n; r++) {
		const struct ui_entry *e = &v->entries[v->top + r];
		int sel = v->top + r == v->sel, x = 0, w = ui->cols;
		unsigned long base = sel ? t->attr[THEME_SELECTED]
					 : t->attr[THEME_NORMAL];
		char counts[64];

		if (sel)
			ui_fill(y + r, 0, w, base);
		if (e->kind == UI_ENTRY_GROUP) {
			ui_put(y + r, 1, w - 1,
			       sel ? base : t->attr[THEME_GROUP], e->name);
			continue;
		}
		x = 1;
		x += ui_put(y + r, x, w - x,
			    sel ? base
				: t->attr[e->error ? THEME_FAILING
						   : THEME_NORMAL],
			    e->error ? "!" : " ");
		snprintf(counts, sizeof(counts), " %5ld/%-5ld ", e->unread,
			 e->total);
		x += ui_put(y + r, x, w - x, sel ? base : t->attr[THEME_COUNT],
			    counts);
		{
			int tw = 0;
			int room = w - x - 1;

			if (e->tags && room > 24)
				tw = ui_width(e->tags) + 2;
			if (tw > room / 2)
				tw = room / 2;
			x += ui_put(y + r, x, room - tw,
				    sel ? base
					: t->attr[e->unread ? THEME_UNREAD
							    : THEME_READ],
				    e->name);
			if (tw > 2) {
				x += 2;
				ui_put(y + r, x, w - x - 1,
				       sel ? base : t->attr[THEME_TAG],
				       e->tags);
			}
		}
	}
	if (ui->set->nsources == 0 && v->n <= 3 && h > 5)
		draw_empty(ui, y + 4, h - 4);
}

static unsigned
view_sources_action(struct ui *ui, enum keymap_action a)
{
	struct ui_sources_view *v = &ui->src;
	struct ui_entry *e = view_sources_selected(ui);
	int h = ui_body_rows(ui);

	switch (a) {
	case KEYMAP_DOWN:
	case KEYMAP_NEXT_ARTICLE:
		move_sel(ui, 1);
		return UI_REDRAW_BODY | UI_REDRAW_STATUS;
	case KEYMAP_UP:
	case KEYMAP_PREV_ARTICLE:
		move_sel(ui, -1);
		return UI_REDRAW_BODY | UI_REDRAW_STATUS;
	case KEYMAP_PAGE_DOWN:
		move_sel(ui, h);
		return UI_REDRAW_BODY | UI_REDRAW_STATUS;
	case KEYMAP_PAGE_UP:
		move_sel(ui, -h);
		return UI_REDRAW_BODY | UI_REDRAW_STATUS;
	case KEYMAP_TOP:
		v->sel = 0;
		move_sel(ui, 0);
		return UI_REDRAW_BODY | UI_REDRAW_STATUS;
	case KEYMAP_BOTTOM:
		move_sel(ui, (long)v->n);
		return UI_REDRAW_BODY | UI_REDRAW_STATUS;
	case KEYMAP_NEXT_UNREAD:
	case KEYMAP_PREV_UNREAD: {
		long dir = a == KEYMAP_NEXT_UNREAD ? 1 : -1;

		for (long i = v->sel + dir; i >= 0 && i < (long)v->n;
		     i += dir) {
			if (v->entries[i].kind == UI_ENTRY_SOURCE &&
			    v->entries[i].unread > 0) {
				v->sel = i;
				ui_list_clamp(&v->sel, &v->top, (long)v->n, h);
				return UI_REDRAW_BODY | UI_REDRAW_STATUS;
			}
		}
		ui_message(ui, 0, "no more unread sources");
		return UI_REDRAW_STATUS;
	}
	case KEYMAP_OPEN: {
		struct ui_target t;

		if (!e)
			return 0;
		if (e->kind == UI_ENTRY_GROUP) {
			open_group(ui, (size_t)v->sel);
			return UI_REDRAW_ALL;
		}
		memset(&t, 0, sizeof(t));
		t.title = e->name;
		t.query = entry_query(e);
		ui_go(ui, UI_ITEMS, &t);
		return UI_REDRAW_ALL;
	}
	case KEYMAP_BACK:
		return UI_QUIT;
	case KEYMAP_GROUP_TAGS:
		v->group_tags = !v->group_tags;
		view_sources_load(ui);
		ui_message(ui, 0, v->group_tags ? "grouped by tag"
						: "not grouped");
		return UI_REDRAW_ALL;
	case KEYMAP_MARK_SOURCE_READ:
		if (!e)
			return 0;
		if (e->kind == UI_ENTRY_SOURCE && !e->source_id)
			return 0;
		if (e->kind != UI_ENTRY_SOURCE && e->kind != UI_ENTRY_UNREAD) {
			ui_message(ui, 1, "select a source to mark it read");
			return UI_REDRAW_STATUS;
		}
		/* fall through */
	case KEYMAP_MARK_ALL_READ:
		return ui_mark_read(ui, a == KEYMAP_MARK_SOURCE_READ &&
						e->kind == UI_ENTRY_SOURCE
					    ? e->source_id
					    : 0);
	case KEYMAP_OPEN_BROWSER:
	case KEYMAP_COPY_URL: {
		const char *url = NULL;
		struct store_source src = {0};
		unsigned flags;

		for (size_t i = 0; e && i < ui->set->nsources; i++)
			if (!strcmp(ui->set->sources[i].name, e->name))
				url = ui->set->sources[i].url;
		/* a synced source's, or one the config dropped */
		if (!url && e && e->kind == UI_ENTRY_SOURCE &&
		    store_source_get(ui->set->store, e->name, &src, NULL) == 1)
			url = src.url;
		if (a == KEYMAP_COPY_URL) {
			ui_copy(ui, url);
			flags = UI_REDRAW_ALL;
		} else {
			flags = ui_open_url(ui, url);
		}
		store_source_clear(&src);
		return flags;
	}
	default:
		break;
	}
	ui_message(ui, 0, "%s: not in the sources view", keymap_action_name(a));
	return UI_REDRAW_STATUS;
}

static void
view_sources_resize(struct ui *ui)
{
	ui_list_clamp(&ui->src.sel, &ui->src.top, (long)ui->src.n,
		      ui_body_rows(ui));
}

/* A source's own entry refreshes that source; the others, all. */
static const char *
view_sources_source(struct ui *ui)
{
	struct ui_entry *e = view_sources_selected(ui);

	return e && e->kind == UI_ENTRY_SOURCE ? e->name : NULL;
}

/* The source after (dir 1) or before (-1) the selection with unread
 * items, selected and made the target; the counts read again first, as
 * reading has changed them since they were. */
static int
view_sources_next(struct ui *ui, int dir, struct ui_target *t)
{
	struct ui_sources_view *v = &ui->src;

	view_sources_load(ui);
	for (long i = v->sel + dir; i >= 0 && i < (long)v->n; i += dir) {
		const struct ui_entry *e = &v->entries[i];

		if (e->kind != UI_ENTRY_SOURCE || e->unread <= 0 ||
		    !e->source_id)
			continue;
		v->sel = i;
		ui_list_clamp(&v->sel, &v->top, (long)v->n, ui_body_rows(ui));
		t->title = e->name;
		t->query = entry_query(e);
		return 1;
	}
	return 0;
}

/* A source's URL (a command's %u), or NULL. */
static const char *
entry_url(struct ui *ui, const struct ui_entry *e)
{
	for (size_t i = 0; e && i < ui->set->nsources; i++)
		if (!strcmp(ui->set->sources[i].name, e->name))
			return ui->set->sources[i].url;
	return NULL;
}

/* A source (no article: %t and %s are its name, %u its URL). */
static int
view_sources_subject(struct ui *ui, struct ui_subject *s)
{
	struct ui_entry *e = view_sources_selected(ui);

	if (!e || e->kind != UI_ENTRY_SOURCE)
		return 0;
	s->url = entry_url(ui, e);
	s->title = s->source = e->name;
	return 1;
}

/* A click selects an entry; a second one, or one on the selection,
 * opens it. */
static unsigned
view_sources_click(struct ui *ui, int y, int x, int again)
{
	struct ui_sources_view *v = &ui->src;
	long i = v->top + y;

	(void)x;
	if (i >= (long)v->n)
		return 0;
	if (i == v->sel || again) {
		v->sel = i;
		return view_sources_action(ui, KEYMAP_OPEN);
	}
	v->sel = i;
	return UI_REDRAW_BODY | UI_REDRAW_STATUS;
}

static void
view_sources_free(struct ui *ui)
{
	entries_free(&ui->src);
}

/* clang-format off */
const struct ui_view_ops view_sources_ops = {
	.where = "the sources",
	.keys = KEYMAP_LIST,
	.under = UI_NVIEWS,
	.load = view_sources_load,
	.resize = view_sources_resize,
	.draw = view_sources_draw,
	.title = view_sources_title,
	.status = view_sources_status,
	.action = view_sources_action,
	.source = view_sources_source,
	.next = view_sources_next,
	.subject = view_sources_subject,
	.click = view_sources_click,
	.free = view_sources_free,
};
/* clang-format on */
