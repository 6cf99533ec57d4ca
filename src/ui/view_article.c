/* view_article.c: the article view: an item opened, comments on request,
 * the whole page as text, the links list, and the keys and clicks on them
 * (the layout is view_article_layout.c's). */
#include "autoconfig.h"

#include "doc/doc.h"
#include "ui/ui_int.h"
#include "util/err.h"
#include "util/str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
article_clear(struct ui_article_view *v)
{
	ui_lines_free(&v->lines);
	view_article_links_free(v);
	if (v->item_id)
		store_item_clear(&v->item);
	store_article_failure_clear(&v->failure);
	doc_free(v->doc);
	free(v->page_text);
	memset(v, 0, sizeof(*v));
}

void
view_article_open(struct ui *ui, long long id)
{
	struct ui_article_view *v = &ui->art;
	struct store_article art;
	struct err err;
	int rc;

	article_clear(v);
	if (store_item_get(ui->set->store, id, &v->item, &err) != 1) {
		ui_message(ui, 1, "cannot read the article: %s", err.msg);
		return;
	}
	v->item_id = id;
	if (!v->item.read &&
	    store_item_set_read(ui->set->store, id, 1, &err) == 0)
		v->item.read = 1;
	memset(&art, 0, sizeof(art));
	rc = store_article_get(ui->set->store, id, &art, &err);
	if (rc == 1) {
		v->doc = doc_deserialize(art.doc, art.doc_len, &err);
		if (!v->doc)
			ui_message(ui, 1, "cached article unreadable: %s",
				   err.msg);
		v->have_article = v->doc != NULL;
		if (v->doc && v->doc->meta.next_page && !art.pages_merged)
			ui_article_more(ui, &art);
		store_article_clear(&art);
	} else if (rc < 0) {
		ui_message(ui, 1, "%s", err.msg);
	} else {
		/* one that failed says why, and is fetched when asked (F):
		 * opening it again must not ask a dead page once more */
		rc = store_article_failure_get(ui->set->store, id, &v->failure,
					       &err);
		if (rc < 0)
			ui_message(ui, 1, "%s", err.msg);
		v->failed = rc == 1;
		if (rc == 0)
			ui_article_fetch(ui, v->item.link);
	}
	view_article_relayout(ui);
}

static int
view_article_target(struct ui *ui, const struct ui_target *t)
{
	view_article_open(ui, t->item_id);
	return ui->art.item_id ? 0 : -1;
}

static unsigned
toggle_comments(struct ui *ui)
{
	struct ui_article_view *v = &ui->art;
	const struct doc *d = v->doc;

	if (v->page_text) {
		ui_message(ui, 0, "showing the page text (v returns)");
		return UI_REDRAW_STATUS;
	}
	if (!d || !d->ncomments) {
		v->show_comments = 0;
		ui_message(ui, 0, "no comments on this page");
		return UI_REDRAW_STATUS;
	}
	v->show_comments = !v->show_comments;
	view_article_relayout(ui);
	if (v->show_comments) {
		ui_message(ui, 0, "%zu comments", d->ncomments);
		if (v->comments_line >= 0) /* jump to the comments */
			v->top = v->comments_line;
	} else {
		ui_message(ui, 0, "comments hidden");
	}
	return UI_REDRAW_ALL;
}

static unsigned
toggle_page_text(struct ui *ui)
{
	struct ui_article_view *v = &ui->art;
	struct err err;

	if (v->page_text) {
		free(v->page_text);
		v->page_text = NULL;
		ui_message(ui, 0, "the article");
	} else {
		v->page_text = ui_page_text(ui, v->item_id, &err);
		if (!v->page_text) {
			ui_message(ui, 1, "%s", err.msg);
			return UI_REDRAW_STATUS;
		}
		ui_message(ui, 0, "the whole page as text (v returns)");
	}
	v->top = 0;
	view_article_relayout(ui);
	return UI_REDRAW_ALL;
}

/* Show in place the item id the list under this view stepped to (J/K,
 * n/p): 0 for none, -1 when it could not be read. */
static unsigned
open_other(struct ui *ui, long long id, const char *none)
{
	if (!id) {
		ui_message(ui, 0, "%s", none);
		return UI_REDRAW_STATUS;
	}
	if (id < 0)
		return 0;
	view_article_open(ui, id);
	return UI_REDRAW_ALL;
}

/* Select link i (0-based) and keep its lines on the screen. */
static void
links_select(struct ui *ui, long i)
{
	struct ui_article_view *v = &ui->art;
	long h = ui_body_rows(ui), first, last;

	if (!v->nlinks || !v->link_first)
		return;
	if (i >= (long)v->nlinks)
		i = (long)v->nlinks - 1;
	if (i < 0)
		i = 0;
	v->link_sel = i;
	first = (long)v->link_first[i];
	last = (long)v->link_first[i + 1] - 1;
	if (last - v->links_top >= h)
		v->links_top = last - h + 1;
	if (first < v->links_top)
		v->links_top = first;
}

static unsigned
links_open(struct ui *ui, long i)
{
	struct ui_article_view *v = &ui->art;

	links_select(ui, i);
	return ui_open_url(ui, v->links[v->link_sel]);
}

static unsigned
links_action(struct ui *ui, enum keymap_action a)
{
	struct ui_article_view *v = &ui->art;
	long n = (long)v->nlinks, page = ui_body_rows(ui) / 2;

	if (page < 1)
		page = 1;
	switch (a) {
	case KEYMAP_DOWN:
		links_select(ui, v->link_sel + 1);
		break;
	case KEYMAP_UP:
		links_select(ui, v->link_sel - 1);
		break;
	case KEYMAP_PAGE_DOWN:
		links_select(ui, v->link_sel + page);
		break;
	case KEYMAP_PAGE_UP:
		links_select(ui, v->link_sel - page);
		break;
	case KEYMAP_TOP:
		links_select(ui, 0);
		break;
	case KEYMAP_BOTTOM:
		links_select(ui, n - 1);
		break;
	case KEYMAP_OPEN:
		if (v->link_sel >= 0 && v->link_sel < n)
			return links_open(ui, v->link_sel) | UI_REDRAW_ALL;
		break;
	case KEYMAP_COPY_URL:
		if (v->link_sel >= 0 && v->link_sel < n)
			ui_copy(ui, v->links[v->link_sel]);
		break;
	case KEYMAP_BACK:
	case KEYMAP_LINKS:
		v->links_mode = 0;
		v->number[0] = '\0';
		break;
	default:
		break;
	}
	return UI_REDRAW_ALL;
}

/* Digits typed in the links list select a link; ENTER opens it, once. */
static int
view_article_key(struct ui *ui, int key, unsigned *flags)
{
	struct ui_article_view *v = &ui->art;
	size_t len = strlen(v->number);
	long n = 0;

	if (!v->links_mode)
		return 0;
	if (key >= '0' && key <= '9' && len + 1 < sizeof(v->number)) {
		v->number[len] = (char)key;
		v->number[len + 1] = '\0';
		*flags = UI_REDRAW_ALL;
		if (str_to_long(v->number, 1, (long)v->nlinks, &n) == 0) {
			links_select(ui, n - 1);
			ui_message(ui, 0, "link %s (ENTER opens it)",
				   v->number);
		} else {
			ui_message(ui, 1, "no link %s", v->number);
		}
		return 1;
	}
	if (key == 127 && len) {
		v->number[len - 1] = '\0';
		*flags = UI_REDRAW_ALL;
		return 1;
	}
	if (key == '\n' && len) {
		*flags = UI_REDRAW_ALL;
		if (str_to_long(v->number, 1, (long)v->nlinks, &n) == 0)
			*flags |= links_open(ui, n - 1);
		else
			ui_message(ui, 1, "no link %s", v->number);
		v->number[0] = '\0';
		return 1;
	}
	return 0;
}

static unsigned
view_article_action(struct ui *ui, enum keymap_action a)
{
	struct ui_article_view *v = &ui->art;
	long n = (long)v->lines.n;
	int h = ui_body_rows(ui);

	if (v->links_mode)
		return links_action(ui, a);
	switch (a) {
	case KEYMAP_DOWN:
		if (v->top + h < n)
			v->top++;
		return UI_REDRAW_BODY;
	case KEYMAP_UP:
		if (v->top > 0)
			v->top--;
		return UI_REDRAW_BODY;
	case KEYMAP_PAGE_DOWN:
		if (v->top + h >= n)
			return open_other(ui, ui_list_step(ui, 1, 1),
					  "no more unread articles");
		v->top += h - 1;
		return UI_REDRAW_BODY;
	case KEYMAP_PAGE_UP:
		v->top -= h - 1;
		if (v->top < 0)
			v->top = 0;
		return UI_REDRAW_BODY;
	case KEYMAP_TOP:
		v->top = 0;
		return UI_REDRAW_BODY;
	case KEYMAP_BOTTOM:
		v->top = n - h > 0 ? n - h : 0;
		return UI_REDRAW_BODY;
	case KEYMAP_BACK:
		ui_back(ui);
		return UI_RELOAD | UI_REDRAW_ALL;
	case KEYMAP_NEXT_ARTICLE:
		return open_other(ui, ui_list_step(ui, 1, 0),
				  "this is the last article");
	case KEYMAP_PREV_ARTICLE:
		return open_other(ui, ui_list_step(ui, -1, 0),
				  "this is the first article");
	case KEYMAP_NEXT_UNREAD:
		return open_other(ui, ui_list_step(ui, 1, 1),
				  "no more unread articles");
	case KEYMAP_PREV_UNREAD:
		return open_other(ui, ui_list_step(ui, -1, 1),
				  "no unread article before this one");
	case KEYMAP_COMMENTS:
		return toggle_comments(ui);
	case KEYMAP_PAGE_TEXT:
		return toggle_page_text(ui);
	case KEYMAP_LINKS:
		if (!v->nlinks) {
			ui_message(ui, 0, "no links in this article");
			return UI_REDRAW_STATUS;
		}
		v->links_mode = 1;
		v->link_sel = v->links_top = 0;
		v->number[0] = '\0';
		view_article_layout_links(ui, v->width);
		ui_message(ui, 0, "%zu links: type a number and ENTER, or "
				  "select one",
			   v->nlinks);
		return UI_REDRAW_ALL;
	case KEYMAP_TOGGLE_READ:
	case KEYMAP_FLAG: {
		struct err err;
		int rc, on = a == KEYMAP_FLAG ? !v->item.flagged
					      : !v->item.read;

		rc = a == KEYMAP_FLAG
			     ? store_item_set_flagged(ui->set->store, v->item_id,
						      on, &err)
			     : store_item_set_read(ui->set->store, v->item_id,
						   on, &err);
		if (rc < 0) {
			ui_message(ui, 1, "%s", err.msg);
			return UI_REDRAW_STATUS;
		}
		if (a == KEYMAP_FLAG)
			v->item.flagged = on;
		else
			v->item.read = on;
		ui_message(ui, 0, "%s",
			   a == KEYMAP_FLAG ? (on ? "flagged" : "unflagged")
					    : (on ? "marked read"
						  : "marked unread"));
		return UI_RELOAD | UI_REDRAW_ALL;
	}
	case KEYMAP_OPEN_BROWSER:
		return ui_open_url(ui, v->item.link);
	case KEYMAP_COPY_URL:
		ui_copy(ui, v->item.link);
		return UI_REDRAW_STATUS;
	case KEYMAP_FETCH_ARTICLE:
		return ui_article_retry(ui, v->item_id);
	default:
		break;
	}
	ui_message(ui, 0, "%s: not in the article view",
		   keymap_action_name(a));
	return UI_REDRAW_STATUS;
}

static void
view_article_title(struct ui *ui, char *out, size_t n)
{
	struct ui_article_view *v = &ui->art;
	long h = ui_body_rows(ui), total = (long)v->lines.n;
	long pct = total <= h ? 100 : (v->top + h) * 100 / total;

	snprintf(out, n, "%s%s%s (%ld%%)",
		 v->links_mode ? "Links: "
		 : v->page_text ? "Page text: "
				: "",
		 v->item.title ? v->item.title : "Article",
		 v->show_comments && !v->page_text ? " + comments" : "",
		 pct > 100 ? 100 : pct);
}

/* Where the article is in its list, its links and comments. */
static int
view_article_status(struct ui *ui, char *out, size_t n)
{
	struct ui_article_view *v = &ui->art;
	size_t nc = v->doc && !v->page_text ? v->doc->ncomments : 0;
	long index, count;

	if (v->links_mode) {
		snprintf(out, n, "%zu link%s: a number or ENTER opens one",
			 v->nlinks, v->nlinks == 1 ? "" : "s");
		return 0;
	}
	ui_list_position(ui, &index, &count);
	snprintf(out, n, "%ld of %ld%s, %zu link%s", index + 1, count,
		 v->item.flagged ? ", flagged" : "", v->nlinks,
		 v->nlinks == 1 ? "" : "s");
	if (nc)
		snprintf(out + strlen(out), n - strlen(out),
			 ", %zu comment%s (c %s)", nc, nc == 1 ? "" : "s",
			 v->show_comments ? "hides" : "shows");
	else if (v->doc && !v->page_text)
		snprintf(out + strlen(out), n - strlen(out), ", no comments");
	if (!v->have_article && !v->page_text)
		snprintf(out + strlen(out), n - strlen(out),
			 ", the feed's summary");
	return 0;
}

static void
draw_links(struct ui *ui, int y, int h, int x, int w)
{
	struct ui_article_view *v = &ui->art;
	unsigned long sa = ui->theme.attr[THEME_SELECTED];
	long first = 0, end = 0;

	links_select(ui, v->link_sel); /* the width may have changed */
	if (v->link_first && v->link_sel >= 0 &&
	    v->link_sel < (long)v->nlinks) {
		first = (long)v->link_first[v->link_sel];
		end = (long)v->link_first[v->link_sel + 1];
	}
	for (int r = 0; r < h && v->links_top + r < (long)v->link_lines.n;
	     r++) {
		long i = v->links_top + r;
		const struct ui_line *ln = &v->link_lines.lines[i];
		int used = ln->indent < w ? ln->indent : w;

		if (i < first || i >= end) {
			ui_draw_line(ui, ln, y + r, x, w);
			continue;
		}
		ui_fill(y + r, x, w, sa);
		for (size_t j = 0; j < ln->nspans && used < w; j++)
			used += ui_put(y + r, x + used, w - used, sa,
				       ln->spans[j].text);
	}
}

static void
view_article_draw(struct ui *ui, int y, int h)
{
	struct ui_article_view *v = &ui->art;
	int x, w = view_article_column(ui, &x);

	if (w != v->width)
		view_article_relayout(ui);
	if (v->links_mode) {
		draw_links(ui, y, h, x, w);
		return;
	}
	if (v->top > (long)v->lines.n - h)
		v->top = (long)v->lines.n - h;
	if (v->top < 0)
		v->top = 0;
	for (int r = 0; r < h && v->top + r < (long)v->lines.n; r++)
		ui_draw_line(ui, &v->lines.lines[v->top + r], y + r, x, w);
}

static void
view_article_resize(struct ui *ui)
{
	if (ui->art.item_id)
		view_article_relayout(ui);
}

static const char *
view_article_source(struct ui *ui)
{
	return ui->art.item_id ? ui->art.item.source : NULL;
}

/* The article shown, in the links list too. */
static int
view_article_subject(struct ui *ui, struct ui_subject *s)
{
	struct ui_article_view *v = &ui->art;

	if (!v->item_id)
		return 0;
	s->item_id = v->item_id;
	s->url = v->item.link;
	s->title = v->item.title;
	s->source = v->item.source;
	return 1;
}

/* A click on a link (its text or its number) opens it; in the links
 * list a click selects one, a second click or one on the selection opens
 * it. */
static unsigned
view_article_click(struct ui *ui, int y, int x, int again)
{
	struct ui_article_view *v = &ui->art;
	int x0;
	long n;

	(void)view_article_column(ui, &x0);
	if (v->links_mode) {
		long line = v->links_top + y;

		for (size_t i = 0; v->link_first && i < v->nlinks; i++) {
			if (line < (long)v->link_first[i] ||
			    line >= (long)v->link_first[i + 1])
				continue;
			if ((long)i == v->link_sel || again)
				return links_open(ui, (long)i) | UI_REDRAW_ALL;
			links_select(ui, (long)i);
			return UI_REDRAW_BODY;
		}
		return 0;
	}
	n = ui_lines_link_at(&v->lines, v->top + y, x - x0);
	if (n < 1 || n > (long)v->nlinks)
		return 0;
	ui_message(ui, 0, "link %ld", n);
	return ui_open_url(ui, v->links[n - 1]) | UI_REDRAW_STATUS;
}

static void
view_article_free(struct ui *ui)
{
	article_clear(&ui->art);
}

/* clang-format off */
const struct ui_view_ops view_article_ops = {
	.where = "the article view",
	.keys = KEYMAP_ARTICLE,
	.under = UI_ITEMS,
	.open = view_article_target,
	.resize = view_article_resize,
	.draw = view_article_draw,
	.title = view_article_title,
	.status = view_article_status,
	.key = view_article_key,
	.action = view_article_action,
	.source = view_article_source,
	.subject = view_article_subject,
	.click = view_article_click,
	.free = view_article_free,
};
/* clang-format on */
