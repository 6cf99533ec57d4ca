/* view_log.c: the message log: the last messages of the status line in
 * full, each with its time, the oldest first. */
#include "autoconfig.h"

#include "ui/ui_int.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Columns of "HH:MM:SS " before each message. */
#define TIME_COLS 10

static void
layout(struct ui *ui)
{
	struct ui_log_view *v = &ui->logv;
	const struct ui_log_entry *e;
	int w = ui->cols - 2;
	char head[64];

	ui_lines_free(&v->lines);
	v->width = w;
	v->count = ui->log_n;
	snprintf(head, sizeof(head), "Messages (%zu), the newest last",
		 ui->log_n);
	ui_lines_add(&v->lines, 0, THEME_HEADING, head, strlen(head));
	ui_lines_blank(&v->lines);
	if (!ui->log_n)
		ui_lines_add(&v->lines, 0, THEME_META, "No messages yet.", 16);
	for (size_t i = 0; (e = ui_log_get(ui, i)) != NULL; i++) {
		struct ui_lines part = {0};
		char when[16] = "--:--:--";
		struct tm tm;

		if (localtime_r(&e->when, &tm))
			strftime(when, sizeof(when), "%H:%M:%S", &tm);
		ui_lines_wrap(
		    &part, e->text, w - TIME_COLS > 10 ? w - TIME_COLS : 10,
		    TIME_COLS, e->error ? THEME_ERROR : THEME_NORMAL, 0);
		for (size_t k = 0; k < part.n; k++) {
			struct ui_line *ln = &part.lines[k];

			if (!k) { /* the time in the indent of the first */
				struct ui_line *t =
				    ui_lines_add(&v->lines, 0, THEME_DATE, when,
						 strlen(when));

				ui_line_add_span(t, THEME_NORMAL, "  ", 2);
				for (size_t j = 0; j < ln->nspans; j++)
					ui_line_add_span(
					    t, ln->spans[j].el,
					    ln->spans[j].text,
					    strlen(ln->spans[j].text));
				continue;
			}
			{
				struct ui_line *c =
				    ui_lines_add(&v->lines, ln->indent,
						 THEME_NORMAL, NULL, 0);

				for (size_t j = 0; j < ln->nspans; j++)
					ui_line_add_span(
					    c, ln->spans[j].el,
					    ln->spans[j].text,
					    strlen(ln->spans[j].text));
			}
		}
		ui_lines_free(&part);
	}
}

/* Show the log, the newest messages on the screen. */
static int
view_log_open(struct ui *ui, const struct ui_target *t)
{
	struct ui_log_view *v = &ui->logv;
	long h = ui_body_rows(ui);

	v->back = t->from;
	layout(ui);
	v->top = (long)v->lines.n > h ? (long)v->lines.n - h : 0;
	return 0;
}

static void
view_log_resize(struct ui *ui)
{
	if (ui->logv.lines.n)
		layout(ui);
}

static unsigned
view_log_action(struct ui *ui, enum keymap_action a)
{
	struct ui_log_view *v = &ui->logv;

	if (ui_scroll(ui, &v->top, (long)v->lines.n, a))
		return UI_REDRAW_BODY;
	switch (a) {
	case KEYMAP_BACK:
	case KEYMAP_MESSAGES:
		ui_go(ui, v->back, NULL);
		return UI_RELOAD | UI_REDRAW_ALL;
	default:
		return 0;
	}
}

static void
view_log_draw(struct ui *ui, int y, int h)
{
	struct ui_log_view *v = &ui->logv;

	/* laid out again for a new width, or for messages that came */
	if (v->width != ui->cols - 2 || v->count != ui->log_n)
		layout(ui);
	ui_draw_lines(ui, &v->lines, &v->top, y, h);
}

static void
view_log_title(struct ui *ui, char *out, size_t n)
{
	(void)ui;
	snprintf(out, n, "Messages");
}

static void
view_log_free(struct ui *ui)
{
	ui_lines_free(&ui->logv.lines);
}

/* clang-format off */
const struct ui_view_ops view_log_ops = {
	.where = "the messages",
	.under = UI_NVIEWS,
	.open = view_log_open,
	.resize = view_log_resize,
	.draw = view_log_draw,
	.title = view_log_title,
	.action = view_log_action,
	.free = view_log_free,
};
/* clang-format on */
