/* ui.c: the interface's event loop, screen, status line, prompts, signals,
 * and the two ways out of it (the browser and the clipboard). */
#include "autoconfig.h"

#include "ui/ui.h"
#include "ui/ui_int.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"
#include "util/url.h"
#include "util/utf8.h"

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

/* How long a message stays on the status line when no key is pressed. */
#define UI_MESSAGE_SECONDS 5
#define UI_ERROR_SECONDS 15

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

void
ui_message(struct ui *ui, int error, const char *fmt, ...)
{
	va_list ap;

	free(ui->msg);
	va_start(ap, fmt);
	ui->msg = xvasprintf(fmt, ap);
	va_end(ap);
	ui->msg_error = error;
	ui->msg_time = time(NULL);
	ui->dirty |= UI_REDRAW_STATUS;
}

static void
clear_message(struct ui *ui)
{
	if (ui->msg) {
		free(ui->msg);
		ui->msg = NULL;
		ui->dirty |= UI_REDRAW_STATUS;
	}
}

int
ui_body_rows(const struct ui *ui)
{
	int h = ui->rows - 2;

	return h < 1 ? 1 : h;
}

static int
too_small(const struct ui *ui)
{
	return ui->rows < UI_MIN_ROWS || ui->cols < UI_MIN_COLS;
}

static void
draw_title(struct ui *ui)
{
	char title[512];
	unsigned long a = ui->theme.attr[THEME_TITLE];

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
	ui_fill(0, 0, ui->cols, a);
	{
		int used = ui_put(0, 1, ui->cols - 1, a,
				  "warta " PACKAGE_VERSION " \xe2\x80\x94 ");

		ui_put(0, 1 + used, ui->cols - 1 - used, a, title);
	}
}

static void
draw_status(struct ui *ui)
{
	int y = ui->rows - 1, right = 0, err = 0;
	unsigned long a = ui->theme.attr[THEME_STATUS];
	size_t done, total, failed;
	const char *left = NULL;
	char rtext[256], counts[256];

	ui_fill(y, 0, ui->cols, a);
	rtext[0] = '\0';
	if (ui_refresh_progress(ui, &done, &total, &failed)) {
		char bar[4 * 12 + 1];
		int bw = ui->cols >= 60 ? 12 : ui->cols >= 40 ? 6 : 0;

		if (bw)
			ui_progress_bar(bar, bw, done, total);
		else
			bar[0] = '\0';
		snprintf(rtext, sizeof(rtext), "refreshing %zu/%zu %s", done,
			 total, bar);
		if (failed)
			snprintf(rtext + strlen(rtext),
				 sizeof(rtext) - strlen(rtext), " %zu failed",
				 failed);
	}
	if (rtext[0]) {
		int rw = ui_width(rtext);

		if (rw > ui->cols - 2)
			rw = ui->cols - 2;
		right = rw + 1;
		ui_put(y, ui->cols - right, rw, ui->theme.attr[THEME_PROGRESS],
		       rtext);
	}
	if (ui->msg) {
		left = ui->msg;
		err = ui->msg_error;
	} else if (ui->view == UI_SOURCES) {
		left = view_sources_status(ui, &err);
	} else if (ui->view == UI_ITEMS) {
		view_items_status(ui, counts, sizeof(counts));
		left = counts;
	} else if (ui->view == UI_ARTICLE) {
		view_article_status(ui, counts, sizeof(counts));
		left = counts;
	}
	if (left)
		ui_put(y, 1, ui->cols - 2 - right,
		       err ? ui->theme.attr[THEME_ERROR] : a, left);
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
	if (too_small(ui)) {
		static const char msg[] = "terminal too small";

		erase();
		ui_put(0, 0, ui->cols, A_NORMAL, msg);
		if (ui->rows > 1)
			ui_put(1, 0, ui->cols, A_NORMAL, "(20x6 at least)");
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

char *
ui_prompt(struct ui *ui, const char *question)
{
	wchar_t text[256];
	size_t n = 0;
	char *out = NULL;

	curs_set(1);
	for (;;) {
		int y = ui->rows - 1, qw, x, start = 0, tw = 0;
		wint_t wc;
		int rc;

		if (sig_winch) {
			sig_winch = 0;
			handle_resize(ui);
		}
		if (sig_quit)
			break;
		draw(ui);
		ui_fill(y, 0, ui->cols, ui->theme.attr[THEME_STATUS]);
		qw = ui_put(y, 0, ui->cols - 2, ui->theme.attr[THEME_STATUS],
			    question);
		/* show the tail of the answer that fits */
		for (size_t i = n; i > 0; i--) {
			int cw = utf8_cpwidth((uint32_t)text[i - 1]);

			if (qw + tw + cw >= ui->cols - 1) {
				start = (int)i;
				break;
			}
			tw += cw;
		}
		attrset((attr_t)ui->theme.attr[THEME_STATUS]);
		if (n > (size_t)start)
			mvaddnwstr(y, qw, text + start, (int)n - start);
		attrset(A_NORMAL);
		x = qw + tw;
		move(y, x < ui->cols ? x : ui->cols - 1);
		refresh();
		timeout(-1);
		rc = get_wch(&wc);
		if (rc == ERR)
			continue;
		if (rc == KEY_CODE_YES) {
			if (wc == KEY_RESIZE)
				apply_size(ui);
			else if (wc == KEY_BACKSPACE && n)
				n--;
			else if (wc == KEY_ENTER)
				goto done;
			continue;
		}
		if (wc == '\n' || wc == '\r')
			goto done;
		if (wc == 27 || wc == 7) /* ESC, C-g */
			break;
		if ((wc == 127 || wc == 8) && n) {
			n--;
			continue;
		}
		if (wc == 21) { /* C-u */
			n = 0;
			continue;
		}
		if (wc < 0x20 || wc == 127 || wc > 0x10ffff ||
		    n + 1 >= sizeof(text) / sizeof(text[0]))
			continue;
		text[n++] = (wchar_t)wc;
	}
	goto out;
done:
	{
		struct buf b;

		buf_init(&b, 0);
		for (size_t i = 0; i < n; i++) {
			char u[4];
			size_t l = utf8_encode((uint32_t)text[i], u);

			buf_append(&b, u, l);
		}
		out = buf_steal(&b);
	}
out:
	curs_set(0);
	ui->dirty |= UI_REDRAW_STATUS;
	return out;
}

/* Split the browser command into argv (no shell: words split at spaces),
 * the URL as one argument, in place of "%u" or at the end. */
static char **
browser_argv(const char *cmd, const char *url)
{
	char **argv = NULL;
	size_t n = 0;
	int placed = 0;
	const char *p = cmd;

	while (*p) {
		size_t len;

		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		len = strcspn(p, " \t");
		argv = xreallocarray(argv, n + 3, sizeof(*argv));
		if (len == 2 && !memcmp(p, "%u", 2)) {
			argv[n++] = xstrdup(url);
			placed = 1;
		} else {
			argv[n++] = xstrndup(p, len);
		}
		p += len;
	}
	if (!n)
		return NULL;
	if (!placed)
		argv[n++] = xstrdup(url);
	argv[n] = NULL;
	return argv;
}

void
ui_open_browser(struct ui *ui, const char *url)
{
	const char *cmd = ui->set->browser;
	char **argv, *safe;
	pid_t pid;
	int status = 0;

	if (!url || !*url) {
		ui_message(ui, 1, "no URL to open");
		return;
	}
	if (!url_is_fetchable(url) || url[0] == '-') {
		ui_message(ui, 1, "not opening a URL that is not http(s)");
		return;
	}
	if (!cmd || !*cmd)
		cmd = getenv("BROWSER");
	if (!cmd || !*cmd)
		cmd = "xdg-open";
	safe = url_escape_controls(url);
	argv = browser_argv(cmd, safe);
	if (!argv) {
		ui_message(ui, 1, "the browser command is empty");
		free(safe);
		return;
	}
	def_prog_mode();
	endwin();
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid > 0) {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	reset_prog_mode();
	ui->dirty |= UI_REDRAW_ALL | UI_CLEAR;
	if (pid < 0)
		ui_message(ui, 1, "could not start %s: %s", argv[0],
			   strerror(errno));
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		ui_message(ui, 1, "could not run the browser '%s'", argv[0]);
	else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
		ui_message(ui, 1, "%s exited with status %d", argv[0],
			   WEXITSTATUS(status));
	else
		ui_message(ui, 0, "opened %s", safe);
	free(safe);
	for (size_t i = 0; argv[i]; i++)
		free(argv[i]);
	free(argv);
}

void
ui_copy(struct ui *ui, const char *text)
{
	char *b64, *seq, *safe;
	size_t len;

	if (!text || !*text) {
		ui_message(ui, 1, "nothing to copy");
		return;
	}
	safe = url_escape_controls(text);
	len = strlen(safe);
	if (len > 8192) {
		ui_message(ui, 1, "too long to copy");
		free(safe);
		return;
	}
	b64 = ui_base64(safe, len);
	/* OSC 52: the only escape sequence warta writes itself */
	seq = xasprintf("\033]52;c;%s\a", b64);
	len = strlen(seq);
	if (write(STDOUT_FILENO, seq, len) != (ssize_t)len)
		ui_message(ui, 1, "could not write to the terminal");
	else
		ui_message(ui, 0, "copied %s", safe);
	free(safe);
	free(seq);
	free(b64);
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

	if (ui->msg && time(NULL) - ui->msg_time >= 1)
		clear_message(ui);
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
		/* a message gives way to the counts after a while */
		if (ui.msg &&
		    time(NULL) - ui.msg_time >=
			(ui.msg_error ? UI_ERROR_SECONDS : UI_MESSAGE_SECONDS))
			clear_message(&ui);
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
