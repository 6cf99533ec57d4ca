/* view_article_layout.c: the article view laid out for its column: the
 * header, the doc through render, a failed article's reason, the feed's
 * summary, and the links list with each link's text. */
#include "autoconfig.h"

#include "doc/doc.h"
#include "html/html_text.h"
#include "render/render.h"
#include "ui/ui_int.h"
#include "util/buf.h"
#include "util/str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void
view_article_links_free(struct ui_article_view *v)
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
int
view_article_column(struct ui *ui, int *x)
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
void
view_article_layout_links(struct ui *ui, int w)
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
void
view_article_relayout(struct ui *ui)
{
	struct ui_article_view *v = &ui->art;
	int x, w = view_article_column(ui, &x);

	ui_lines_free(&v->lines);
	view_article_links_free(v);
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
		view_article_layout_links(ui, w);
	ui->dirty |= UI_REDRAW_ALL;
}

