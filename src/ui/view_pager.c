/* view_pager.c: the pager: a program's output (the article piped to it)
 * shown as it wrote it, its lines broken at the window's width. */
#include "autoconfig.h"

#include "ui/ui_int.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Columns a tab goes to the next multiple of. */
#define TAB_COLS 8

/* One line of output, s[0..n): tabs made spaces, then broken into lines
 * of at most w columns (sanitised: no controls, no escape sequences). */
static void
add_line(struct ui_lines *l, const char *s, size_t n, int w)
{
	struct buf b;
	char *safe;
	size_t i = 0, start = 0, len;
	int col = 0;

	buf_init(&b, 0);
	for (size_t k = 0; k < n; k++) {
		if (s[k] != '\t') {
			buf_putc(&b, s[k]);
			continue;
		}
		do
			buf_putc(&b, ' ');
		while (b.len % TAB_COLS);
	}
	safe = utf8_sanitize(b.data ? b.data : "", b.len, 0);
	buf_free(&b);
	len = strlen(safe);
	if (!len)
		ui_lines_blank(l);
	while (i < len) {
		uint32_t cp;
		size_t cl = utf8_decode(safe + i, len - i, &cp);
		int cw = utf8_cpwidth(cp);

		if (col + cw > w && i > start) {
			ui_lines_add(l, 0, THEME_NORMAL, safe + start,
				     i - start);
			start = i;
			col = 0;
		}
		col += cw;
		i += cl ? cl : 1;
	}
	if (i > start)
		ui_lines_add(l, 0, THEME_NORMAL, safe + start, i - start);
	free(safe);
}

static void
layout(struct ui *ui)
{
	struct ui_pager_view *v = &ui->pager;
	const char *p = v->text ? v->text : "";
	int w = ui->cols - 2 > 10 ? ui->cols - 2 : 10;

	ui_lines_free(&v->lines);
	v->width = ui->cols - 2;
	while (*p) {
		size_t n = strcspn(p, "\n");

		add_line(&v->lines, p, n, w);
		p += n;
		if (*p)
			p++;
	}
}

static void
pager_clear(struct ui_pager_view *v)
{
	ui_lines_free(&v->lines);
	free(v->title);
	free(v->text);
	memset(v, 0, sizeof(*v));
}

static int
view_pager_open(struct ui *ui, const struct ui_target *t)
{
	struct ui_pager_view *v = &ui->pager;

	pager_clear(v);
	v->title = xstrdup(t->title ? t->title : "Output");
	v->text = xstrdup(t->text ? t->text : "");
	/* not on itself: back goes where the pipe started */
	v->back = t->from == UI_PAGER ? UI_SOURCES : t->from;
	layout(ui);
	return 0;
}

static void
view_pager_resize(struct ui *ui)
{
	if (ui->pager.text)
		layout(ui);
}

static unsigned
view_pager_action(struct ui *ui, enum keymap_action a)
{
	struct ui_pager_view *v = &ui->pager;

	if (ui_scroll(ui, &v->top, (long)v->lines.n, a))
		return UI_REDRAW_BODY | UI_REDRAW_TITLE;
	switch (a) {
	case KEYMAP_BACK:
		ui_go(ui, v->back, NULL);
		return UI_RELOAD | UI_REDRAW_ALL;
	default:
		ui_message(ui, 0, "%s: not in the output of a command",
			   keymap_action_name(a));
		return UI_REDRAW_STATUS;
	}
}

static void
view_pager_draw(struct ui *ui, int y, int h)
{
	struct ui_pager_view *v = &ui->pager;

	if (v->width != ui->cols - 2)
		layout(ui);
	ui_draw_lines(ui, &v->lines, &v->top, y, h);
}

static void
view_pager_title(struct ui *ui, char *out, size_t n)
{
	struct ui_pager_view *v = &ui->pager;
	long h = ui_body_rows(ui), total = (long)v->lines.n;
	long pct = total <= h ? 100 : (v->top + h) * 100 / total;

	snprintf(out, n, "%s (%ld%%)", v->title ? v->title : "",
		 pct > 100 ? 100 : pct);
}

static int
view_pager_status(struct ui *ui, char *out, size_t n)
{
	char key[KEYMAP_NAME_MAX];

	ui_action_key(ui, KEYMAP_BACK, key);
	snprintf(out, n, "%zu line%s (%s goes back)", ui->pager.lines.n,
		 ui->pager.lines.n == 1 ? "" : "s", key);
	return 0;
}

static void
view_pager_free(struct ui *ui)
{
	pager_clear(&ui->pager);
}

/* clang-format off */
const struct ui_view_ops view_pager_ops = {
	.where = "the output of a command",
	.keys = KEYMAP_ARTICLE,
	.under = UI_NVIEWS,
	.open = view_pager_open,
	.resize = view_pager_resize,
	.draw = view_pager_draw,
	.title = view_pager_title,
	.status = view_pager_status,
	.action = view_pager_action,
	.free = view_pager_free,
};
/* clang-format on */
