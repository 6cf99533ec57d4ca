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

static void
draw_title(struct ui *ui)
{
	char title[512];

	title[0] = '\0';
	switch (ui->view) {
	case UI_SOURCES:
		view_sources_title(ui, title, sizeof(title));
		break;
	case UI_ITEMS:
		view_items_title(ui, title, sizeof(title));
		break;
	case UI_ARTICLE:
		view_article_title(ui, title, sizeof(title));
		break;
	case UI_HELP:
		snprintf(title, sizeof(title), "Keys");
		break;
	}
	ui_draw_title(ui, title);
}

static void
draw_status(struct ui *ui)
{
	const char *left = NULL;
	char counts[256];
	int err = 0;

	if (ui->view == UI_SOURCES) {
		left = view_sources_status(ui, &err);
	} else if (ui->view == UI_ITEMS) {
		view_items_status(ui, counts, sizeof(counts));
		left = counts;
	} else if (ui->view == UI_ARTICLE) {
		view_article_status(ui, counts, sizeof(counts));
		left = counts;
	}
	ui_draw_status(ui, left, err);
}

static void
draw_body(struct ui *ui)
{
	int h = ui_body_rows(ui);

	for (int y = 1; y <= h; y++)
		ui_fill(y, 0, ui->cols, ui->theme.attr[THEME_NORMAL]);
	switch (ui->view) {
	case UI_SOURCES:
		view_sources_draw(ui, 1, h);
		break;
	case UI_ITEMS:
		view_items_draw(ui, 1, h);
		break;
	case UI_ARTICLE:
		view_article_draw(ui, 1, h);
		break;
	case UI_HELP:
		view_help_draw(ui, 1, h);
		break;
	}
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
		if (ui->dirty & UI_REDRAW_TITLE)
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
	ui_list_clamp(&ui->src.sel, &ui->src.top, (long)ui->src.n,
		      ui_body_rows(ui));
	ui_list_clamp(&ui->items.sel, &ui->items.top, ui->items.count,
		      ui_body_rows(ui));
	if (ui->art.item_id)
		view_article_relayout(ui);
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
ui_show(struct ui *ui, enum ui_view_id v)
{
	ui->view = v;
	ui->dirty |= UI_REDRAW_ALL;
}

/* The source a refresh key means in the current view: NULL for all. */
static const char *
current_source(struct ui *ui)
{
	struct ui_entry *e;
	struct store_item *it;

	switch (ui->view) {
	case UI_SOURCES:
		e = view_sources_selected(ui);
		return e && e->kind == UI_ENTRY_SOURCE ? e->name : NULL;
	case UI_ITEMS:
		if (ui->items.q.view == STORE_VIEW_SOURCE && !ui->items.search)
			return ui->items.title;
		it = view_items_selected(ui);
		return it ? it->source : NULL;
	case UI_ARTICLE:
		return ui->art.item_id ? ui->art.item.source : NULL;
	case UI_HELP:
		break;
	}
	return NULL;
}

static unsigned
do_action(struct ui *ui, enum keymap_action a)
{
	char *terms;

	switch (a) {
	case KEYMAP_QUIT:
		return UI_QUIT;
	case KEYMAP_REDRAW:
		return UI_REDRAW_ALL | UI_CLEAR;
	case KEYMAP_HELP:
		if (ui->view != UI_HELP)
			view_help_open(ui);
		return UI_REDRAW_ALL;
	case KEYMAP_REFRESH:
	case KEYMAP_REFRESH_ALL:
		if (ui->set->offline) {
			ui_message(ui, 1, "offline: not refreshing");
			return UI_REDRAW_STATUS;
		}
		ui_refresh_start(ui, a == KEYMAP_REFRESH ? current_source(ui)
							 : NULL);
		return UI_REDRAW_STATUS;
	case KEYMAP_SEARCH:
		if (ui->view == UI_HELP)
			break;
		terms = ui_prompt(ui, "search: ");
		if (terms && *terms)
			view_items_search(ui, terms);
		free(terms);
		return UI_REDRAW_ALL;
	default:
		break;
	}
	switch (ui->view) {
	case UI_SOURCES:
		return view_sources_action(ui, a);
	case UI_ITEMS:
		return view_items_action(ui, a);
	case UI_ARTICLE:
		return view_article_action(ui, a);
	case UI_HELP:
		return view_help_action(ui, a);
	}
	return 0;
}

static void
reload(struct ui *ui)
{
	long long v = store_data_version(ui->set->store);

	if (v >= 0)
		ui->data_version = v;
	view_sources_load(ui);
	if (ui->view == UI_ITEMS || ui->view == UI_ARTICLE)
		view_items_load(ui);
	ui->dirty |= UI_REDRAW_ALL;
}

static void
handle_key(struct ui *ui, int key)
{
	enum keymap_action a;
	unsigned flags = 0;

	ui_message_seen(ui);
	if (ui->view == UI_ARTICLE && view_article_key(ui, key, &flags)) {
		ui->dirty |= flags & (UI_REDRAW_ALL | UI_CLEAR);
		return;
	}
	a = keymap_lookup(&ui->set->keys, key);
	if (a == KEYMAP_NONE) {
		char name[KEYMAP_NAME_MAX];

		if (key == 27) /* a lone ESC: go back, quietly */
			a = ui->view == UI_SOURCES ? KEYMAP_NONE : KEYMAP_BACK;
		if (a == KEYMAP_NONE) {
			keymap_key_name(key, name);
			ui_message(ui, 0, "%s is not bound (? for help)", name);
			return;
		}
	}
	flags = do_action(ui, a);
	if (flags & UI_QUIT)
		ui->quit = 1;
	if (flags & UI_RELOAD)
		reload(ui);
	ui->dirty |= flags & (UI_REDRAW_ALL | UI_CLEAR);
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
	theme_apply(&ui.theme, s->no_color);
	bkgdset(' ' | (attr_t)ui.theme.attr[THEME_NORMAL]);
	ui.rows = LINES;
	ui.cols = COLS;
	ui.dirty = UI_REDRAW_ALL | UI_CLEAR;
	if (s->message)
		ui_message(&ui, 1, "%s", s->message);
	reload(&ui);
	ui_show(&ui, UI_SOURCES);
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
	view_article_free(&ui);
	view_items_free(&ui);
	view_sources_free(&ui);
	view_help_free(&ui);
	free(ui.msg);
	return 0;
}
