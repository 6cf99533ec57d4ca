/* ui.c: the interface's event loop: keys to actions, the current view,
 * redrawing by the actions' reaction flags, resizing and signals. */
#include "autoconfig.h"

#include "ui/ui.h"
#include "ui/ui_int.h"
#include "util/err.h"

#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

/* Lines the wheel moves by one notch. */
#define UI_WHEEL_LINES 3

/* Signal handlers only set these; the loop handles them in a fixed order. */
static volatile sig_atomic_t sig_winch, sig_tstp, sig_quit;

static void
on_signal(int sig)
{
	if (sig == SIGWINCH)
		sig_winch = 1;
	else if (sig == SIGTSTP)
		sig_tstp = 1;
	else
		sig_quit = 1;
}

static const int handled_signals[] = {SIGWINCH, SIGTSTP, SIGINT, SIGTERM,
				      SIGHUP};
#define NSIGNALS (sizeof(handled_signals) / sizeof(handled_signals[0]))

static void
install_signals(struct sigaction *saved)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < NSIGNALS; i++)
		sigaction(handled_signals[i], &sa, &saved[i]);
}

static void
restore_signals(const struct sigaction *saved)
{
	for (size_t i = 0; i < NSIGNALS; i++)
		sigaction(handled_signals[i], &saved[i], NULL);
}

/* One row per view; the loop knows views only through these. */
/* clang-format off */
static const struct ui_view_ops *const views[UI_NVIEWS] = {
	[UI_SOURCES] = &view_sources_ops,
	[UI_ITEMS] = &view_items_ops,
	[UI_ARTICLE] = &view_article_ops,
	[UI_HELP] = &view_help_ops,
	[UI_LOG] = &view_log_ops,
	[UI_PAGER] = &view_pager_ops,
};
/* clang-format on */

/* The view the interface starts in and comes back to: back quits there,
 * and its counts are read again on every reload. */
#define UI_FIRST_VIEW UI_SOURCES

static void
draw_title(struct ui *ui)
{
	const struct ui_view_ops *v = views[ui->view];
	char title[512];

	title[0] = '\0';
	if (v->title)
		v->title(ui, title, sizeof(title));
	ui_draw_title(ui, title);
}

static void
draw_status(struct ui *ui)
{
	const struct ui_view_ops *v = views[ui->view];
	char text[600];
	int err;

	if (!v->status) {
		ui_draw_status(ui, NULL, 0);
		return;
	}
	text[0] = '\0';
	err = v->status(ui, text, sizeof(text));
	ui_draw_status(ui, text, err);
}

static void
draw_body(struct ui *ui)
{
	int h = ui_body_rows(ui);

	for (int y = 1; y <= h; y++)
		ui_fill(y, 0, ui->cols, ui->theme.attr[THEME_NORMAL]);
	views[ui->view]->draw(ui, 1, h);
}

static void
draw(struct ui *ui)
{
	if (!ui->dirty)
		return;
	if (ui->dirty & UI_CLEAR)
		clearok(curscr, TRUE);
	if (ui_too_small(ui)) {
		ui_draw_too_small(ui);
	} else {
		/* the title's position (73%) follows the body */
		if (ui->dirty & (UI_REDRAW_TITLE | UI_REDRAW_BODY))
			draw_title(ui);
		if (ui->dirty & UI_REDRAW_BODY)
			draw_body(ui);
		/* the status line counts follow the selection */
		if (ui->dirty & (UI_REDRAW_STATUS | UI_REDRAW_BODY))
			draw_status(ui);
	}
	ui->dirty = 0;
	refresh();
}

/* Lay the views out again for LINES x COLS. */
static void
apply_size(struct ui *ui)
{
	ui->rows = LINES;
	ui->cols = COLS;
	for (int i = 0; i < UI_NVIEWS; i++)
		if (views[i]->resize)
			views[i]->resize(ui);
	ui->dirty |= UI_REDRAW_ALL | UI_CLEAR;
}

/* After SIGWINCH: ask the terminal its size and resize curses to it
 * (which queues a KEY_RESIZE, handled by apply_size() alone). */
static void
handle_resize(struct ui *ui)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row &&
	    ws.ws_col)
		resizeterm(ws.ws_row, ws.ws_col);
	else if (ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row &&
		 ws.ws_col)
		resizeterm(ws.ws_row, ws.ws_col);
	apply_size(ui);
}

static void
suspend(struct ui *ui)
{
	struct sigaction sa, old;

	def_prog_mode();
	endwin();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTSTP, &sa, &old);
	kill(getpid(), SIGTSTP); /* stopped here until SIGCONT */
	sigaction(SIGTSTP, &old, NULL);
	reset_prog_mode();
	sig_winch = 1; /* the size may have changed meanwhile */
	ui->dirty |= UI_REDRAW_ALL | UI_CLEAR;
}

/* Read one key within timeout_ms: a key code, or 0. ESC followed quickly
 * by a key is that key with Alt. */
static int
read_key(struct ui *ui, int timeout_ms)
{
	wint_t wc;
	int rc, key;

	timeout(timeout_ms);
	rc = get_wch(&wc);
	if (rc == ERR)
		return 0;
	if (rc == KEY_CODE_YES && wc == KEY_RESIZE) {
		apply_size(ui);
		return 0;
	}
	key = keymap_key_from_wch(rc, (unsigned)wc);
	if (key == 27) {
		timeout(30);
		rc = get_wch(&wc);
		if (rc != ERR) {
			int k2 = keymap_key_from_wch(rc, (unsigned)wc);

			if (k2 && !(rc == KEY_CODE_YES && wc == KEY_RESIZE))
				return KEYMAP_ALT | k2;
		}
	}
	return key;
}

/* Keep the screen right while a screen service (a prompt) waits for a key:
 * resized says curses has a new size. -1 when a signal asks to quit. */
static int
settle(struct ui *ui, int resized)
{
	if (resized)
		apply_size(ui);
	if (sig_winch) {
		sig_winch = 0;
		handle_resize(ui);
	}
	if (sig_quit)
		return -1;
	draw(ui);
	return 0;
}

void
ui_go(struct ui *ui, enum ui_view_id v, const struct ui_target *t)
{
	if (t && views[v]->open && views[v]->open(ui, t) < 0)
		return;
	ui->view = v;
	ui->dirty |= UI_REDRAW_ALL;
}

void
ui_back(struct ui *ui)
{
	enum ui_view_id under = views[ui->view]->under;

	if (under < UI_NVIEWS)
		ui_go(ui, under, NULL);
}

void
ui_return(struct ui *ui, enum ui_view_id v, long long item_id)
{
	struct ui_target t;

	if (v >= UI_NVIEWS || v == UI_HELP) {
		ui_back(ui);
		return;
	}
	if (v == UI_ARTICLE && item_id && item_id != ui->art.item_id) {
		memset(&t, 0, sizeof(t));
		t.item_id = item_id;
		ui_go(ui, v, &t);
		if (ui->view != v) /* it could not be read again */
			ui_back(ui);
		return;
	}
	ui_go(ui, v, NULL);
}

long long
ui_list_step(struct ui *ui, long delta, int unread)
{
	enum ui_view_id under = views[ui->view]->under;

	if (under >= UI_NVIEWS || !views[under]->step)
		return 0;
	return views[under]->step(ui, delta, unread);
}

int
ui_list_enter_next(struct ui *ui, enum ui_view_id list, int dir)
{
	enum ui_view_id under = views[list]->under;
	struct ui_target t;

	if (under >= UI_NVIEWS || !views[under]->next || !views[list]->open)
		return 0;
	memset(&t, 0, sizeof(t));
	if (!views[under]->next(ui, dir, &t))
		return 0;
	t.unread = dir;
	return views[list]->open(ui, &t) == 0;
}

int
ui_list_position(struct ui *ui, long *index, long *count)
{
	enum ui_view_id under = views[ui->view]->under;

	*index = *count = 0;
	if (under >= UI_NVIEWS || !views[under]->position)
		return 0;
	views[under]->position(ui, index, count);
	return 1;
}

int
ui_subject(struct ui *ui, struct ui_subject *s)
{
	memset(s, 0, sizeof(*s));
	return views[ui->view]->subject ? views[ui->view]->subject(ui, s) : 0;
}

static void
open_help(struct ui *ui)
{
	struct ui_target t;

	memset(&t, 0, sizeof(t));
	t.from = ui->view;
	t.where = views[ui->view]->where;
	t.keys = views[ui->view]->keys;
	ui_go(ui, UI_HELP, &t);
}

static void
open_search(struct ui *ui, const char *terms)
{
	struct ui_target t;

	memset(&t, 0, sizeof(t));
	t.search = terms;
	t.from = ui->view; /* where q from the results goes back to */
	t.item_id = ui->view == UI_ARTICLE ? ui->art.item_id : 0;
	ui_go(ui, UI_ITEMS, &t);
}

static unsigned
do_action(struct ui *ui, enum keymap_action a)
{
	const struct ui_view_ops *v = views[ui->view];
	struct ui_target t;
	char *terms;

	/* the keys of every view; the help view lists keys, so it opens
	 * no help on itself and no search; the message log opens no help */
	switch (a) {
	case KEYMAP_QUIT:
		return UI_QUIT;
	case KEYMAP_REDRAW:
		return UI_REDRAW_ALL | UI_CLEAR;
	case KEYMAP_HELP:
		if (ui->view != UI_HELP && ui->view != UI_LOG)
			open_help(ui);
		return UI_REDRAW_ALL;
	case KEYMAP_MESSAGES:
		if (ui->view == UI_LOG)
			break; /* the log's own key: back */
		memset(&t, 0, sizeof(t));
		t.from = ui->view;
		ui_go(ui, UI_LOG, &t);
		return UI_REDRAW_ALL;
	case KEYMAP_REFRESH:
	case KEYMAP_REFRESH_ALL:
		if (ui->set->offline) {
			ui_message(ui, 1, "offline: not refreshing");
			return UI_REDRAW_STATUS;
		}
		ui_refresh_start(ui, a == KEYMAP_REFRESH && v->source
					 ? v->source(ui)
					 : NULL);
		return UI_REDRAW_STATUS;
	case KEYMAP_UNDO:
		return ui_undo(ui);
	case KEYMAP_PIPE:
		return ui_command_pipe_prompt(ui);
	case KEYMAP_SAVE:
		return ui_command_save(ui);
	case KEYMAP_SEARCH:
		if (ui->view == UI_HELP)
			break;
		terms = ui_prompt(ui, "search: ");
		if (terms && *terms)
			open_search(ui, terms);
		free(terms);
		return UI_REDRAW_ALL;
	default:
		break;
	}
	return v->action ? v->action(ui, a) : 0;
}

/* Read the store again: the first view always (its counts), and the views
 * under the current one and the current one, lowest first. */
static void
reload(struct ui *ui)
{
	long long version = store_data_version(ui->set->store);
	enum ui_view_id chain[UI_NVIEWS];
	size_t n = 0;

	if (version >= 0)
		ui->data_version = version;
	if (views[UI_FIRST_VIEW]->load)
		views[UI_FIRST_VIEW]->load(ui);
	for (enum ui_view_id v = ui->view;
	     v < UI_NVIEWS && v != UI_FIRST_VIEW && n < UI_NVIEWS;
	     v = views[v]->under)
		chain[n++] = v;
	while (n--)
		if (views[chain[n]]->load)
			views[chain[n]]->load(ui);
	ui->dirty |= UI_REDRAW_ALL;
}

/* Act on an action's or a command's reaction flags. */
static void
react(struct ui *ui, unsigned flags)
{
	if (flags & UI_QUIT)
		ui->quit = 1;
	if (flags & UI_RELOAD)
		reload(ui);
	ui->dirty |= flags & (UI_REDRAW_ALL | UI_CLEAR);
}

/* Run the steps bound to a key in order; a step that fails stops them. */
static void
run_macro(struct ui *ui, const struct keymap_macro *m)
{
	for (size_t i = 0; i < m->nsteps && !ui->quit; i++) {
		const struct keymap_step *st = &m->steps[i];
		unsigned flags;

		if (st->kind == KEYMAP_STEP_ACTION)
			flags = do_action(ui, st->action);
		else if (st->kind == KEYMAP_STEP_EXEC)
			flags = ui_command_exec(ui, &st->cmd);
		else
			flags = ui_command_pipe(ui, &st->cmd);
		react(ui, flags);
		if (flags & UI_FAILED)
			break;
	}
}

void
ui_mouse_on(struct ui *ui)
{
	/* curses makes presses and releases clicks, two clicks in its
	 * interval a double click */
	mmask_t want = BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED |
		       BUTTON1_TRIPLE_CLICKED | BUTTON4_PRESSED |
		       BUTTON5_PRESSED;

	ui->mouse = mousemask(want, NULL) != 0;
}

/* A mouse event: the wheel moves as the arrow keys do, a click goes to
 * the view (on the body's rows). */
static void
handle_mouse(struct ui *ui)
{
	const struct ui_view_ops *v = views[ui->view];
	MEVENT ev;
	int y;

	if (getmouse(&ev) != OK || ui_too_small(ui))
		return;
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		enum keymap_action a =
		    ev.bstate & BUTTON4_PRESSED ? KEYMAP_UP : KEYMAP_DOWN;

		for (int i = 0; i < UI_WHEEL_LINES; i++)
			react(ui, v->action ? v->action(ui, a) : 0);
		return;
	}
	y = ev.y - 1;
	if (y < 0 || y >= ui_body_rows(ui) || !v->click)
		return;
	if (ev.bstate & BUTTON1_CLICKED)
		react(ui, v->click(ui, y, ev.x, 0));
	else if (ev.bstate & (BUTTON1_DOUBLE_CLICKED | BUTTON1_TRIPLE_CLICKED))
		react(ui, v->click(ui, y, ev.x, 1));
}

static void
handle_key(struct ui *ui, int key)
{
	const struct keymap_macro *m;
	enum keymap_action a;
	unsigned flags = 0;

	if (key == KEYMAP_SPECIAL + KEY_MOUSE) {
		handle_mouse(ui);
		return;
	}
	ui_message_seen(ui);
	if (views[ui->view]->key && views[ui->view]->key(ui, key, &flags)) {
		ui->dirty |= flags & (UI_REDRAW_ALL | UI_CLEAR);
		return;
	}
	m = keymap_macro_lookup(&ui->set->keys, key);
	if (m) {
		run_macro(ui, m);
		return;
	}
	a = keymap_lookup(&ui->set->keys, key);
	if (a == KEYMAP_NONE) {
		char name[KEYMAP_NAME_MAX];

		if (key == 27) /* a lone ESC: go back, quietly */
			a = ui->view == UI_FIRST_VIEW ? KEYMAP_NONE
						      : KEYMAP_BACK;
		if (a == KEYMAP_NONE) {
			keymap_key_name(key, name);
			ui_message(ui, 0, "%s is not bound (? for help)", name);
			return;
		}
	}
	react(ui, do_action(ui, a));
}

int
ui_run(const struct ui_setup *s, struct err *e)
{
	struct sigaction saved[NSIGNALS];
	struct ui ui;
	SCREEN *scr;
	time_t last_poll = 0;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return err_set(e, "the interface needs a terminal (try "
				  "'warta help' for the commands)");
	memset(&ui, 0, sizeof(ui));
	ui.set = s;
	ui.theme = s->theme;
	ui.settle = settle;
	sig_winch = sig_tstp = sig_quit = 0;
	install_signals(saved);
	scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		restore_signals(saved);
		return err_set(e, "cannot set up the terminal (TERM=%s)",
			       getenv("TERM") ? getenv("TERM") : "");
	}
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(30);
	curs_set(0);
	if (s->mouse)
		ui_mouse_on(&ui);
	theme_apply(&ui.theme, s->no_color);
	bkgdset(' ' | (attr_t)ui.theme.attr[THEME_NORMAL]);
	ui.rows = LINES;
	ui.cols = COLS;
	ui.dirty = UI_REDRAW_ALL | UI_CLEAR;
	if (s->message)
		ui_warnings(&ui, s->message);
	reload(&ui);
	ui_go(&ui, UI_FIRST_VIEW, NULL);
	if (s->refresh_on_start && !s->offline)
		ui_refresh_start(&ui, NULL);
	while (!ui.quit) {
		int key, wait_ms = 1000;

		if (sig_quit)
			break;
		if (sig_tstp) {
			sig_tstp = 0;
			suspend(&ui);
		}
		if (sig_winch) {
			sig_winch = 0;
			handle_resize(&ui);
		}
		ui_message_expire(&ui);
		ui.dirty |= ui_auto_step(&ui);
		draw(&ui);
		if (ui.refresh) {
			/* waits on the network and the keyboard together */
			unsigned f = ui_refresh_step(&ui, 50);

			if (f & UI_RELOAD)
				reload(&ui);
			ui.dirty |= f & UI_REDRAW_ALL;
			wait_ms = 0;
		} else if (time(NULL) - last_poll >= 2) {
			/* another process (a cron refresh) wrote new items */
			long long v = store_data_version(s->store);

			last_poll = time(NULL);
			if (v >= 0 && v != ui.data_version)
				reload(&ui);
		}
		if (ui.dirty)
			draw(&ui);
		key = read_key(&ui, wait_ms);
		if (key)
			handle_key(&ui, key);
	}
	endwin();
	delscreen(scr);
	restore_signals(saved);
	ui_refresh_free(&ui);
	ui_marks_free(&ui);
	ui_exec_free(&ui);
	for (int i = 0; i < UI_NVIEWS; i++)
		if (views[i]->free)
			views[i]->free(&ui);
	free(ui.msg);
	ui_log_free(&ui);
	return 0;
}
