/* ui_auto.c: the interface refreshes each source when it falls due, in the
 * background as R does, and tells what came. */
#include "autoconfig.h"

#include "config/config.h"
#include "refresh/notify.h"
#include "refresh/schedule.h"
#include "ui/ui_int.h"
#include "util/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* With nothing scheduled, the schedule is read again this often anyway
 * (seconds): another warta may have refreshed meanwhile. */
#define RECHECK_S 60

void
ui_auto_reset(struct ui *ui)
{
	ui->auto_check = 0;
}

time_t
ui_auto_next(const struct ui *ui)
{
	return ui->auto_next;
}

void
ui_auto_text(const struct ui *ui, char *out, size_t n)
{
	long left = (long)(ui->auto_next - schedule_now());

	if (left <= 60)
		snprintf(out, n, "next refresh in %ld s", left > 0 ? left : 0);
	else if (left < 3600)
		snprintf(out, n, "next refresh in %ld min", (left + 59) / 60);
	else
		snprintf(out, n, "next refresh in %ld h %02ld min", left / 3600,
			 (left % 3600 + 59) / 60 % 60);
}

unsigned
ui_auto_step(struct ui *ui)
{
	const struct config *c = ui->set->config;
	time_t now = schedule_now(), next = 0;
	const char **names = NULL;
	size_t n = 0;
	struct err e;
	unsigned flags = 0;

	if (!c || ui->set->offline || (ui->refresh && ui_refresh_busy(ui)))
		return 0;
	/* the status line counts down */
	if (ui->auto_next && now != ui->auto_shown) {
		ui->auto_shown = now;
		flags |= UI_REDRAW_STATUS;
	}
	if (ui->auto_check && now < ui->auto_check)
		return flags;
	if (schedule_list_due(ui->set->store, c, now, 0, &names, &n, &next,
			      &e) < 0) {
		ui_message(ui, 1, "schedule: %s", e.msg);
		ui->auto_check = now + RECHECK_S;
		return flags | UI_REDRAW_STATUS;
	}
	ui->auto_next = next;
	ui->auto_check =
	    next && next < now + RECHECK_S ? next : now + RECHECK_S;
	if (n && ui_refresh_start_list(ui, names, n) == 0) {
		ui->auto_next = 0;
		flags |= UI_REDRAW_STATUS;
	}
	free(names);
	return flags;
}

void
ui_notify(struct ui *ui, struct notify *n)
{
	const struct config *c = ui->set->config;
	struct err e;
	long count = notify_count(n, ui->set->store, &e);
	char *text, *body;

	if (count < 0) {
		ui_message(ui, 1, "notify: %s", e.msg);
		return;
	}
	if (!count)
		return;
	if (c->notify_command && notify_run(n, c->notify_command, 0, &e) < 0)
		ui_message(ui, 1, "%s", e.msg);
	if (c->notify != CONFIG_NOTIFY_TERMINAL)
		return;
	text = notify_text(n, &body);
	ui_notify_terminal(ui, text, body);
	free(text);
	free(body);
}
