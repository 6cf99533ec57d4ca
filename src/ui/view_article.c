/* view_article.c: the article view: header, the readable body (comment
 * free), comments on request, the whole page as text, and the links list. */
#include "autoconfig.h"

#include "doc/doc.h"
#include "html/html_text.h"
#include "render/render.h"
#include "ui/ui_int.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"
#include "util/url.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void
links_free(struct ui_article_view *v)
{
	for (size_t i = 0; i < v->nlinks; i++) {
		free(v->links[i]);
		free(v->link_texts[i]);
	}
	free(v->links);
	free(v->link_texts);
	v->links = v->link_texts = NULL;
	v->nlinks = 0;
	ui_lines_free(&v->link_lines);
	free(v->link_first);
	v->link_first = NULL;
}

/* The number of url in the links list, adding it when new. */
static size_t
link_number(struct ui_article_view *v, const char *url)
{
	for (size_t i = 0; i < v->nlinks; i++)
		if (!strcmp(v->links[i], url))
			return i + 1;
	v->links = xreallocarray(v->links, v->nlinks + 1, sizeof(*v->links));
	v->link_texts =
	    xreallocarray(v->link_texts, v->nlinks + 1, sizeof(*v->link_texts));
	v->links[v->nlinks] = xstrdup(url);
	v->link_texts[v->nlinks++] = NULL;
	return v->nlinks;
}

/* The index of url among the links, looking at *hint first (links come
 * in reading order, as the doc's runs do); -1 when it is not listed. */
static long
link_find(const struct ui_article_view *v, const char *url, size_t *hint)
{
	if (*hint < v->nlinks && !strcmp(v->links[*hint], url))
		return (long)(*hint)++;
	for (size_t i = 0; i < v->nlinks; i++)
		if (!strcmp(v->links[i], url)) {
			*hint = i + 1;
			return (long)i;
		}
	return -1;
}

/* Give each link the text of its first occurrence in the doc: the runs
 * that follow each other with the same href (a link in two styles is
 * two runs). */
static void
link_texts_collect(struct ui_article_view *v)
{
	size_t hint = 0;
	struct buf text;

	buf_init(&text, 0);
	for (size_t b = 0; v->doc && b < v->doc->nblocks; b++) {
		const struct doc_block *blk = &v->doc->blocks[b];

		for (size_t r = 0; r < blk->nruns;) {
			const char *href = blk->runs[r].href;
			long i;

			if (!href) {
				r++;
				continue;
			}
			buf_reset(&text);
			for (; r < blk->nruns && blk->runs[r].href &&
			       !strcmp(blk->runs[r].href, href);
			     r++)
				buf_puts(&text, blk->runs[r].text
						    ? blk->runs[r].text
						    : "");
			i = link_find(v, href, &hint);
			if (i >= 0 && !v->link_texts[i] && text.len)
				v->link_texts[i] = xstrdup(text.data);
		}
	}
	buf_free(&text);
}

/* The width of the text column and its left edge. */
static int
column(struct ui *ui, int *x)
{
	int w = ui->set->text_width > 0 ? ui->set->text_width : ui->cols - 2;

	if (w > ui->cols - 2)
		w = ui->cols - 2;
	if (w < 10)
		w = ui->cols;
	*x = (ui->cols - w) / 2;
	return w;
}

/* t as the article view shows a date: local time to the minute ("" for
 * none). */
static void
format_time(time_t t, char out[32])
{
	struct tm tm;

	out[0] = '\0';
	if (t && localtime_r(&t, &tm))
		strftime(out, 32, "%Y-%m-%d %H:%M", &tm);
}

static void
layout_header(struct ui *ui, struct ui_lines *l, int w)
{
	struct ui_article_view *v = &ui->art;
	const struct store_item *it = &v->item;
	const struct doc *d = v->doc;
	const char *title = d && d->meta.title ? d->meta.title : it->title;
	const char *byline = d && d->meta.byline ? d->meta.byline : it->author;
	const char *url = it->link ? it->link : d ? d->meta.url : NULL;
	struct buf meta;
	char date[32];

	ui_lines_wrap(l, title && *title ? title : "(untitled)", w, 0,
		      THEME_ARTICLE_TITLE, 0);
	/* the item's one date (the store's rule), as the list has it */
	format_time(it->date, date);
	buf_init(&meta, 0);
	if (it->source)
		buf_puts(&meta, it->source);
	if (byline && *byline)
		buf_printf(&meta, "%s%s", meta.len ? " \xc2\xb7 " : "", byline);
	if (date[0])
		buf_printf(&meta, "%s%s", meta.len ? " \xc2\xb7 " : "", date);
	if (meta.len)
		ui_lines_wrap(l, meta.data, w, 0, THEME_META, 0);
	if (url) /* whole, wrapped: it is there to be read and copied */
		ui_lines_wrap(l, url, w, 0, THEME_LINK, 0);
	buf_free(&meta);
	ui_lines_blank(l);
}

/* The theme element of each render attribute. */
static const enum theme_element render_elements[RENDER_ATTR_COUNT] = {
	[RENDER_NORMAL] = THEME_NORMAL,
	[RENDER_TITLE] = THEME_ARTICLE_TITLE,
	[RENDER_META] = THEME_META,
	[RENDER_HEADING] = THEME_HEADING,
	[RENDER_QUOTE] = THEME_QUOTE,
	[RENDER_CODE] = THEME_CODE,
	[RENDER_LINK] = THEME_LINK,
	[RENDER_LINK_NUMBER] = THEME_LINK_NUMBER,
	[RENDER_EMPHASIS] = THEME_EMPHASIS,
	[RENDER_STRONG] = THEME_STRONG,
	[RENDER_MARKER] = THEME_MARKER,
	[RENDER_IMAGE] = THEME_IMAGE,
	[RENDER_CAPTION] = THEME_CAPTION,
	[RENDER_TABLE_HEADER] = THEME_TABLE_HEADER,
	[RENDER_RULE] = THEME_RULE,
	[RENDER_COMMENT] = THEME_COMMENT,
	[RENDER_COMMENT_META] = THEME_COMMENT_AUTHOR,
};

/* Lay the doc out with render and copy its lines and links. */
static void
layout_doc(struct ui *ui, struct ui_lines *l, int w)
{
	struct ui_article_view *v = &ui->art;
	struct render_options o;
	struct render_page *page;

	char date[32];

	memset(&o, 0, sizeof(o));
	o.width = w;
	o.flags = RENDER_HEADER | (v->show_comments ? RENDER_COMMENTS : 0);
	o.source = v->item.source;
	/* the item's one date, not the page's own: the list's, the search's */
	format_time(v->item.date, date);
	o.date = date[0] ? date : NULL;
	page = render_layout(v->doc, &o);
	for (size_t i = 0; i < page->nlines; i++) {
		const struct render_line *rl = &page->lines[i];
		struct ui_line *ln = ui_lines_add(l, 0, THEME_NORMAL, NULL, 0);

		for (size_t j = 0; j < rl->nspans; j++) {
			const struct render_span *sp = &rl->spans[j];
			enum theme_element el =
				(unsigned)sp->attr < RENDER_ATTR_COUNT
					? render_elements[sp->attr]
					: THEME_NORMAL;

			ui_line_add_span(ln, el, sp->text, sp->len);
		}
	}
	for (size_t i = 0; i < page->nlinks; i++)
		link_number(v, page->links[i].url);
	link_texts_collect(v);
	v->comments_line = page->comments_line < page->nlines
				   ? (long)page->comments_line
				   : -1;
	render_page_free(page);
}

/* Lay the links list out for w columns: "[n] " and the link's text, then
 * its whole URL under the text, both wrapped, so nothing is cut. */
static void
layout_links(struct ui *ui, int w)
{
	struct ui_article_view *v = &ui->art;

	ui_lines_free(&v->link_lines);
	free(v->link_first);
	v->link_first = xcalloc(v->nlinks + 1, sizeof(*v->link_first));
	for (size_t i = 0; i < v->nlinks; i++) {
		struct ui_lines part = {0};
		const char *text = v->link_texts[i];
		char num[24];
		int nw, rest;

		v->link_first[i] = v->link_lines.n;
		nw = snprintf(num, sizeof(num), "[%zu] ", i + 1);
		rest = w - nw > 10 ? w - nw : 10;
		if (text && *text)
			ui_lines_wrap(&part, text, rest, nw, THEME_NORMAL, 0);
		ui_lines_wrap(&part, v->links[i], rest, nw, THEME_LINK, 0);
		for (size_t k = 0; k < part.n; k++) {
			struct ui_line *ln =
			    ui_lines_add(&v->link_lines, k ? nw : 0, THEME_META,
					 k ? NULL : num, k ? 0 : (size_t)nw);

			for (size_t j = 0; j < part.lines[k].nspans; j++)
				ui_line_add_span(
				    ln, part.lines[k].spans[j].el,
				    part.lines[k].spans[j].text,
				    strlen(part.lines[k].spans[j].text));
		}
		ui_lines_free(&part);
	}
	v->link_first[v->nlinks] = v->link_lines.n;
}

/* Why the article is not in the cache, how often it was tried and when,
 * and when it is tried again: above the feed's summary. */
static void
layout_failure(struct ui *ui, struct ui_lines *l, int w)
{
	const struct store_article_failure *f = &ui->art.failure;
	char last[32], next[32], key[KEYMAP_NAME_MAX * 2];
	struct buf b;

	format_time(f->last_try, last);
	format_time(f->next_try, next);
	keymap_keys_string(&ui->set->keys, KEYMAP_FETCH_ARTICLE, key,
			   sizeof(key));
	buf_init(&b, 0);
	buf_printf(&b, "The article could not be fetched: %s.",
		   f->error ? f->error : "it failed before");
	ui_lines_wrap(l, b.data, w, 0, THEME_ERROR, 0);
	b.len = 0;
	if (f->tries > 1)
		buf_printf(&b, "Tried %d times, the last at %s. ", f->tries,
			   last);
	else if (last[0])
		buf_printf(&b, "Tried at %s. ", last);
	if (!f->next_try)
		buf_puts(&b, "A refresh does not try it again");
	else if (f->next_try <= time(NULL))
		buf_puts(&b, "The next refresh tries it again");
	else
		buf_printf(&b, "A refresh tries it again after %s", next);
	if (key[0])
		buf_printf(&b, "; %s fetches it now.", key);
	else
		buf_puts(&b, ".");
	ui_lines_wrap(l, b.data, w, 0, THEME_META, 0);
	buf_free(&b);
	ui_lines_blank(l);
}

/* Lay the article out again for the column's width. */
static void
relayout(struct ui *ui)
{
	struct ui_article_view *v = &ui->art;
	int x, w = column(ui, &x);

	ui_lines_free(&v->lines);
	links_free(v);
	v->width = w;
	v->comments_line = -1;
	if (v->doc && !v->page_text) {
		layout_doc(ui, &v->lines, w);
	} else if (v->page_text) {
		layout_header(ui, &v->lines, w);
		ui_lines_wrap(&v->lines, v->page_text, w, 0, THEME_NORMAL, 1);
	} else {
		layout_header(ui, &v->lines, w);
		if (v->failed)
			layout_failure(ui, &v->lines, w);
		const char *sum = v->item.summary && *v->item.summary
					  ? v->item.summary
					  : v->item.content;
		/* a feed's summary is usually HTML: show its text */
		char *flat = sum ? html_text_fragment(sum, strlen(sum),
						      HTML_TEXT_LINES, 1 << 16)
				 : NULL;

		ui_lines_wrap(&v->lines,
			      flat && *flat ? flat : "(no text in the feed)",
			      w, 0, THEME_NORMAL, 1);
		free(flat);
		ui_lines_blank(&v->lines);
		ui_lines_wrap(&v->lines,
			      v->failed
				  ? "(This is the feed's summary. o opens "
				    "the article in the browser.)"
				  : "(This is the feed's summary: the "
				    "article page is not in the cache. o "
				    "opens it in the browser.)",
			      w, 0, THEME_META, 0);
	}
	if (v->top >= (long)v->lines.n)
		v->top = v->lines.n ? (long)v->lines.n - 1 : 0;
	if (v->links_mode)
		layout_links(ui, w);
	ui->dirty |= UI_REDRAW_ALL;
}

static void
article_clear(struct ui_article_view *v)
{
	ui_lines_free(&v->lines);
	links_free(v);
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
	relayout(ui);
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
	relayout(ui);
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
	relayout(ui);
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
		layout_links(ui, v->width);
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
	int x, w = column(ui, &x);

	if (w != v->width)
		relayout(ui);
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
		relayout(ui);
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

	(void)column(ui, &x0);
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
