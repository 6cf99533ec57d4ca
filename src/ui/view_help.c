/* view_help.c: the keys of the view the user came from, from the live
 * keymap. */
#include "autoconfig.h"

#include "ui/ui_int.h"
#include "util/str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char links_note[] =
	"In the links list (L), type a link's number and ENTER to open it.";
static const char mouse_note[] =
	"The wheel scrolls; a click selects, a second click opens; a click "
	"on a link opens it. Shift and the mouse select text.";

/* List the keys of the view t->from. */
static int
view_help_open(struct ui *ui, const struct ui_target *t)
{
	struct ui_help_view *h = &ui->help;
	unsigned views = t->keys;
	char *head = xasprintf("Keys in %s (rebind them in [keys] of the "
			       "config file, see warta.ini(5))",
			       t->where);

	ui_lines_free(&h->lines);
	h->top = 0;
	h->back = t->from;
	ui_lines_add(&h->lines, 0, THEME_HEADING, head, strlen(head));
	ui_lines_blank(&h->lines);
	free(head);
	for (int a = 1; a < KEYMAP_NACTIONS; a++) {
		char keys[KEYMAP_MAX_KEYS * KEYMAP_NAME_MAX];
		char *name;
		struct ui_line *ln;

		if (!(keymap_action_views((enum keymap_action)a) & views))
			continue;
		keymap_keys_string(&ui->set->keys, (enum keymap_action)a, keys,
				   sizeof(keys));
		name = xasprintf("%-16s ", keys[0] ? keys : "(none)");
		ln = ui_lines_add(&h->lines, 1, THEME_HELP_KEY, name,
				  strlen(name));
		free(name);
		name = xasprintf("%-17s ",
				 keymap_action_name((enum keymap_action)a));
		ui_line_add_span(ln, THEME_META, name, strlen(name));
		free(name);
		ui_line_add_span(ln, THEME_NORMAL,
				 keymap_action_help((enum keymap_action)a),
				 strlen(keymap_action_help(
					 (enum keymap_action)a)));
	}
	for (size_t i = 0; i < ui->set->keys.nmacros; i++) {
		const struct keymap_macro *m = &ui->set->keys.macros[i];
		char key[KEYMAP_NAME_MAX];
		char *name;
		struct ui_line *ln;

		keymap_key_name(m->key, key);
		name = xasprintf("%-16s ", key);
		ln = ui_lines_add(&h->lines, 1, THEME_HELP_KEY, name,
				  strlen(name));
		free(name);
		ui_line_add_span(ln, THEME_META, "(command)         ", 18);
		ui_line_add_span(ln, THEME_NORMAL, m->text, strlen(m->text));
	}
	ui_lines_blank(&h->lines);
	if (views & KEYMAP_ARTICLE)
		ui_lines_add(&h->lines, 1, THEME_META, links_note,
			     strlen(links_note));
	if (ui->mouse)
		ui_lines_wrap(&h->lines, mouse_note,
			      ui->cols > 24 ? ui->cols - 4 : 20, 1, THEME_META,
			      0);
	return 0;
}

static unsigned
view_help_action(struct ui *ui, enum keymap_action a)
{
	struct ui_help_view *h = &ui->help;

	if (ui_scroll(ui, &h->top, (long)h->lines.n, a))
		return UI_REDRAW_BODY;
	switch (a) {
	case KEYMAP_BACK:
	case KEYMAP_HELP:
		ui_go(ui, h->back, NULL);
		return UI_REDRAW_ALL;
	default:
		return 0;
	}
}

static void
view_help_draw(struct ui *ui, int y, int h)
{
	struct ui_help_view *v = &ui->help;

	ui_draw_lines(ui, &v->lines, &v->top, y, h);
}

static void
view_help_title(struct ui *ui, char *out, size_t n)
{
	(void)ui;
	snprintf(out, n, "Keys");
}

static void
view_help_free(struct ui *ui)
{
	ui_lines_free(&ui->help.lines);
}

/* clang-format off */
const struct ui_view_ops view_help_ops = {
	.under = UI_NVIEWS,
	.open = view_help_open,
	.draw = view_help_draw,
	.title = view_help_title,
	.action = view_help_action,
	.free = view_help_free,
};
/* clang-format on */
