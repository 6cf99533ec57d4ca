/* ui_marks.c: marking a source or everything read (A, C), with a
 * confirmation for everything, and undoing the last such mark (u). */
#include "autoconfig.h"

#include "ui/ui_int.h"
#include "util/err.h"

#include <stdlib.h>

void
ui_marks_free(struct ui *ui)
{
	free(ui->undo.ids);
	ui->undo.ids = NULL;
	ui->undo.n = 0;
}

unsigned
ui_mark_read(struct ui *ui, long long source_id)
{
	long long *ids = NULL;
	char key[KEYMAP_NAME_MAX];
	struct err err;
	size_t n = 0;

	if (!source_id &&
	    !ui_confirm(ui, "Mark every article of every source read? (y/n)")) {
		ui_message(ui, 0, "nothing marked read");
		return UI_REDRAW_STATUS;
	}
	if (store_source_mark_read_ids(ui->set->store, source_id, &ids, &n,
				       &err) < 0) {
		ui_message(ui, 1, "%s", err.msg);
		return UI_RELOAD | UI_REDRAW_ALL;
	}
	if (!n) {
		ui_message(ui, 0, "nothing unread to mark");
		free(ids);
		return UI_RELOAD | UI_REDRAW_ALL;
	}
	/* only the last mark can be undone */
	ui_marks_free(ui);
	ui->undo.ids = ids;
	ui->undo.n = n;
	ui_action_key(ui, KEYMAP_UNDO, key);
	ui_message(ui, 0, "marked %zu read (%s undoes)", n, key);
	return UI_RELOAD | UI_REDRAW_ALL;
}

unsigned
ui_undo(struct ui *ui)
{
	struct err err;
	long changed = 0;

	if (!ui->undo.n) {
		ui_message(ui, 0, "no mark-read to undo");
		return UI_REDRAW_STATUS;
	}
	if (store_items_set_read(ui->set->store, ui->undo.ids, ui->undo.n, 0,
				 &changed, &err) < 0) {
		ui_message(ui, 1, "%s", err.msg);
		return UI_REDRAW_STATUS;
	}
	ui_marks_free(ui);
	ui_message(ui, 0, "marked %ld unread again", changed);
	return UI_RELOAD | UI_REDRAW_ALL;
}
