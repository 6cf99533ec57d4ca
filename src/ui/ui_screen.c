/* ui_screen.c: what every view uses of the screen: the status line message,
 * the title and status lines, prompts, and copying to the terminal's
 * clipboard. */
#include "autoconfig.h"

#include "ui/ui_int.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/url.h"
#include "util/utf8.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* How long a message stays on the status line when no key is pressed. */
#define UI_MESSAGE_SECONDS 5
#define UI_ERROR_SECONDS 15

/* Keep text in the message log, dropping the oldest when it is full; the
 * same message again only renews its time. */
static void
log_add(struct ui *ui, int error, const char *text)
{
	struct ui_log_entry *last =
	    ui->log_n ? &ui->log[(ui->log_start + ui->log_n - 1) % UI_LOG_MAX]
		      : NULL;
	struct ui_log_entry *e;
	size_t len = strlen(text);

	if (len > UI_LOG_TEXT_MAX)
		len = UI_LOG_TEXT_MAX;
	if (last && last->error == error && !strncmp(last->text, text, len) &&
	    !last->text[len]) {
		last->when = time(NULL);
		return;
	}
	if (ui->log_n == UI_LOG_MAX) {
		free(ui->log[ui->log_start].text);
		ui->log_start = (ui->log_start + 1) % UI_LOG_MAX;
		ui->log_n--;
	}
	e = &ui->log[(ui->log_start + ui->log_n++) % UI_LOG_MAX];
	e->when = time(NULL);
	e->error = error;
	e->text = xstrndup(text, len);
}

const struct ui_log_entry *
ui_log_get(const struct ui *ui, size_t i)
{
	return i < ui->log_n ? &ui->log[(ui->log_start + i) % UI_LOG_MAX]
			     : NULL;
}

void
ui_log_free(struct ui *ui)
{
	for (size_t i = 0; i < ui->log_n; i++)
		free(ui->log[(ui->log_start + i) % UI_LOG_MAX].text);
	ui->log_start = ui->log_n = 0;
}

/* Show text (owned from here) on the status line. */
static void
status_set(struct ui *ui, int error, char *text)
{
	free(ui->msg);
	ui->msg = text;
	ui->msg_error = error;
	ui->msg_time = time(NULL);
	ui->dirty |= UI_REDRAW_STATUS;
}

void
ui_message(struct ui *ui, int error, const char *fmt, ...)
{
	va_list ap;
	char *text;

	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	log_add(ui, error, text);
	status_set(ui, error, text);
}

void
ui_warnings(struct ui *ui, const char *lines)
{
	const char *p = lines, *first = NULL;
	size_t n = 0, firstlen = 0;
	char key[KEYMAP_NAME_MAX];

	while (p && *p) {
		size_t len = strcspn(p, "\n");

		if (len) {
			char *line = xstrndup(p, len);

			log_add(ui, 1, line);
			free(line);
			if (!n++) {
				first = p;
				firstlen = len;
			}
		}
		p += len;
		if (*p)
			p++;
	}
	if (!n)
		return;
	ui_action_key(ui, KEYMAP_MESSAGES, key);
	if (n > 1)
		status_set(ui, 1,
			   xasprintf("%.*s (and %zu more: %s)", (int)firstlen,
				     first, n - 1, key));
	else
		status_set(ui, 1, xstrndup(first, firstlen));
}

void
ui_message_clear(struct ui *ui)
{
	if (ui->msg) {
		free(ui->msg);
		ui->msg = NULL;
		ui->dirty |= UI_REDRAW_STATUS;
	}
}

void
ui_message_expire(struct ui *ui)
{
	/* a message gives way to the counts after a while */
	if (ui->msg &&
	    time(NULL) - ui->msg_time >=
		(ui->msg_error ? UI_ERROR_SECONDS : UI_MESSAGE_SECONDS))
		ui_message_clear(ui);
}

void
ui_message_seen(struct ui *ui)
{
	if (ui->msg && time(NULL) - ui->msg_time >= 1)
		ui_message_clear(ui);
}

void
ui_action_key(const struct ui *ui, enum keymap_action a,
	      char name[KEYMAP_NAME_MAX])
{
	if (ui->set->keys.nkeys[a])
		keymap_key_name(ui->set->keys.keys[a][0], name);
	else
		snprintf(name, KEYMAP_NAME_MAX, "%s", keymap_action_name(a));
}

int
ui_body_rows(const struct ui *ui)
{
	int h = ui->rows - 2;

	return h < 1 ? 1 : h;
}

int
ui_scroll(const struct ui *ui, long *top, long n, enum keymap_action a)
{
	long rows = ui_body_rows(ui);

	switch (a) {
	case KEYMAP_DOWN:
		(*top)++;
		break;
	case KEYMAP_UP:
		(*top)--;
		break;
	case KEYMAP_PAGE_DOWN:
		*top += rows - 1;
		break;
	case KEYMAP_PAGE_UP:
		*top -= rows - 1;
		break;
	case KEYMAP_TOP:
		*top = 0;
		break;
	case KEYMAP_BOTTOM:
		*top = n;
		break;
	default:
		return 0;
	}
	if (*top > n - rows)
		*top = n - rows;
	if (*top < 0)
		*top = 0;
	return 1;
}

int
ui_too_small(const struct ui *ui)
{
	return ui->rows < UI_MIN_ROWS || ui->cols < UI_MIN_COLS;
}

void
ui_draw_too_small(struct ui *ui)
{
	static const char msg[] = "terminal too small";

	erase();
	ui_put(0, 0, ui->cols, A_NORMAL, msg);
	if (ui->rows > 1)
		ui_put(1, 0, ui->cols, A_NORMAL, "(20x6 at least)");
}

void
ui_draw_title(struct ui *ui, const char *title)
{
	unsigned long a = ui->theme.attr[THEME_TITLE];
	int used;

	ui_fill(0, 0, ui->cols, a);
	used = ui_put(0, 1, ui->cols - 1, a,
		      "warta " PACKAGE_VERSION " \xe2\x80\x94 ");
	ui_put(0, 1 + used, ui->cols - 1 - used, a, title);
}

void
ui_draw_status(struct ui *ui, const char *text, int error)
{
	int y = ui->rows - 1, right = 0, err = 0, room;
	unsigned long a = ui->theme.attr[THEME_STATUS];
	size_t done, total, failed, steps_done, steps;
	const char *left = NULL;
	char rtext[256];

	ui_fill(y, 0, ui->cols, a);
	rtext[0] = '\0';
	if (ui_refresh_progress(ui, &done, &total, &failed, &steps_done,
				&steps)) {
		char bar[4 * 12 + 1];
		int bw = ui->cols >= 60 ? 12 : ui->cols >= 40 ? 6 : 0;

		if (bw)
			ui_progress_bar(bar, bw, steps_done, steps);
		else
			bar[0] = '\0';
		if (total)
			snprintf(rtext, sizeof(rtext), "%s %zu/%zu %s",
				 ui_refresh_what(ui), done, total, bar);
		else
			snprintf(rtext, sizeof(rtext), "%s",
				 ui_refresh_what(ui));
		if (failed)
			snprintf(rtext + strlen(rtext),
				 sizeof(rtext) - strlen(rtext), " %zu failed",
				 failed);
	} else if (ui_auto_next(ui)) {
		ui_auto_text(ui, rtext, sizeof(rtext));
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
	} else {
		left = text;
		err = error;
	}
	if (!left)
		return;
	if (err)
		a = ui->theme.attr[THEME_ERROR];
	room = ui->cols - 2 - right;
	if (ui->msg && ui_width(left) > room) {
		/* cut: say where the whole message can be read */
		char key[KEYMAP_NAME_MAX], hint[KEYMAP_NAME_MAX + 16];
		int hw;

		ui_action_key(ui, KEYMAP_MESSAGES, key);
		snprintf(hint, sizeof(hint), " \xe2\x80\xa6 (%s: all)", key);
		hw = ui_width(hint);
		if (room > hw + 10) {
			ui_put(y, 1, room - hw, a, left);
			ui_put(y, 1 + room - hw, hw, a, hint);
			return;
		}
	}
	ui_put(y, 1, room, a, left);
}

/* The answer typed so far as UTF-8; caller frees. */
static char *
answer_utf8(const wchar_t *text, size_t n)
{
	struct buf b;

	buf_init(&b, 0);
	for (size_t i = 0; i < n; i++) {
		char u[4];
		size_t l = utf8_encode((uint32_t)text[i], u);

		buf_append(&b, u, l);
	}
	return buf_steal(&b);
}

char *
ui_prompt(struct ui *ui, const char *question)
{
	wchar_t text[256];
	size_t n = 0;
	int resized = 0, done = 0;

	curs_set(1);
	while (!done) {
		int y = ui->rows - 1, qw, x, start = 0, tw = 0;
		wint_t wc;
		int rc;

		if (ui->settle(ui, resized) < 0)
			break;
		resized = 0;
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
			MEVENT ev;

			if (wc == KEY_RESIZE)
				resized = 1;
			else if (wc == KEY_MOUSE)
				getmouse(&ev);
			else if (wc == KEY_BACKSPACE && n)
				n--;
			else if (wc == KEY_ENTER)
				done = 1;
			continue;
		}
		if (wc == '\n' || wc == '\r')
			done = 1;
		else if (wc == 27 || wc == 7) /* ESC, C-g */
			break;
		else if ((wc == 127 || wc == 8) && n)
			n--;
		else if (wc == 21) /* C-u */
			n = 0;
		else if (wc >= 0x20 && wc != 127 && wc <= 0x10ffff &&
			 n + 1 < sizeof(text) / sizeof(text[0]))
			text[n++] = (wchar_t)wc;
	}
	curs_set(0);
	ui->dirty |= UI_REDRAW_STATUS;
	return done ? answer_utf8(text, n) : NULL;
}

int
ui_confirm(struct ui *ui, const char *question)
{
	int resized = 0;

	for (;;) {
		int y = ui->rows - 1;
		wint_t wc;
		int rc;

		if (ui->settle(ui, resized) < 0)
			return 0;
		resized = 0;
		ui_fill(y, 0, ui->cols, ui->theme.attr[THEME_STATUS]);
		ui_put(y, 1, ui->cols - 2, ui->theme.attr[THEME_STATUS],
		       question);
		refresh();
		timeout(-1);
		rc = get_wch(&wc);
		if (rc == ERR)
			continue;
		if (rc == KEY_CODE_YES && wc == KEY_RESIZE) {
			resized = 1;
			continue;
		}
		if (rc == KEY_CODE_YES && wc == KEY_MOUSE) {
			MEVENT ev;

			getmouse(&ev); /* a click is no answer */
			continue;
		}
		ui->dirty |= UI_REDRAW_STATUS;
		return rc == OK && (wc == 'y' || wc == 'Y');
	}
}

void
ui_copy(struct ui *ui, const char *text)
{
	char *b64, *safe;
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
	{
		const char *fields[] = {"c", b64};

		if (ui_osc("52", fields, 2) < 0)
			ui_message(ui, 1, "could not write to the terminal");
		else
			ui_message(ui, 0, "copied %s", safe);
	}
	free(safe);
	free(b64);
}

/* Append s to b without control characters (C0, DEL, C1 as bytes or as
 * UTF-8), and without ';' unless semi: a field can end nothing early. */
static void
osc_field(struct buf *b, const char *s, int semi)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f || (*p == ';' && !semi))
			continue;
		if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			p++; /* U+0080..U+009F */
			continue;
		}
		buf_putc(b, (char)*p);
	}
}

int
ui_osc(const char *code, const char *const *fields, size_t n)
{
	struct buf b;
	int rc = 0;

	buf_init(&b, 0);
	buf_printf(&b, "\033]%s", code);
	for (size_t i = 0; i < n; i++) {
		buf_putc(&b, ';');
		osc_field(&b, fields[i], i + 1 == n);
	}
	buf_putc(&b, '\a');
	if (write(STDOUT_FILENO, b.data, b.len) != (ssize_t)b.len)
		rc = -1;
	buf_free(&b);
	return rc;
}

/* 1 when the terminal takes OSC 777 notifications rather than OSC 9. */
static int
takes_osc777(void)
{
	static const char *const names[] = {"rxvt", "foot", "ghostty",
					    "wezterm"};
	const char *term = getenv("TERM"), *prog = getenv("TERM_PROGRAM");

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if ((term && str_casestr(term, names[i])) ||
		    (prog && str_casestr(prog, names[i])))
			return 1;
	return 0;
}

void
ui_notify_terminal(struct ui *ui, const char *title, const char *body)
{
	int rc;

	if (takes_osc777()) {
		const char *f[] = {"notify", title, body ? body : ""};

		rc = ui_osc("777", f, 3);
	} else {
		/* "warta: " first: OSC 9 text starting with a digit and ';'
		 * is a progress report to some terminals */
		char *t =
		    xasprintf("warta: %s%s%s", title, body && *body ? ": " : "",
			      body ? body : "");
		const char *f[] = {t};

		rc = ui_osc("9", f, 1);
		free(t);
	}
	if (rc < 0)
		ui_message(ui, 1, "could not write to the terminal");
}
