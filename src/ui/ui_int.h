/* ui_int.h: the interface's one screen state, the views' operations, and
 * what the loop, the screen services and the views offer each other. */
#ifndef WARTA_UI_INT_H
#define WARTA_UI_INT_H

#include <stddef.h>
#include <time.h>

#include "config/command.h"
#include "ui/keymap.h"
#include "store/store.h"
#include "ui/theme.h"
#include "ui/ui.h"

struct buf;
struct doc;
struct notify;

/* Smallest screen drawn; below it "terminal too small" is shown. */
#define UI_MIN_COLS 20
#define UI_MIN_ROWS 6

/* What an action asks for. Actions never draw; the loop does. */
enum {
	UI_REDRAW_TITLE = 1 << 0,
	UI_REDRAW_BODY = 1 << 1,
	UI_REDRAW_STATUS = 1 << 2,
	UI_REDRAW_ALL = UI_REDRAW_TITLE | UI_REDRAW_BODY | UI_REDRAW_STATUS,
	UI_RELOAD = 1 << 3, /* re-read counts and lists from the store */
	UI_CLEAR = 1 << 4,  /* repaint the whole terminal (C-l) */
	UI_QUIT = 1 << 5,
	UI_FAILED = 1 << 6, /* a command failed: a macro stops there */
};

/* The views, one row each in the loop's table (UI_NVIEWS: none). */
enum ui_view_id {
	UI_SOURCES,
	UI_ITEMS,
	UI_ARTICLE,
	UI_HELP,
	UI_LOG,
	UI_PAGER,
	UI_NVIEWS
};

/* Messages kept for the message log (the oldest go first). */
#define UI_LOG_MAX 200
/* Longest message kept whole, in bytes. */
#define UI_LOG_TEXT_MAX 4096

/* A styled piece of a line. */
struct ui_span {
	char *text;             /* UTF-8, sanitised when drawn */
	enum theme_element el;  /* its look */
};

struct ui_line {
	struct ui_span *spans;
	size_t nspans;
	int indent; /* columns before the first span */
};

/* Lines laid out for a width (article, comments, page text, help). */
struct ui_lines {
	struct ui_line *lines;
	size_t n, cap;
};

/* One row of the sources view. */
enum ui_entry_kind {
	UI_ENTRY_UNREAD,  /* virtual: all unread */
	UI_ENTRY_FLAGGED, /* virtual: flagged */
	UI_ENTRY_TODAY,   /* virtual: dated today */
	UI_ENTRY_GROUP,   /* a tag heading (group by tag); not selectable */
	UI_ENTRY_SOURCE,
};

struct ui_entry {
	enum ui_entry_kind kind;
	char *name;       /* owned */
	char *tags;       /* "a, b" or NULL; owned */
	long long source_id; /* 0 when the store has not seen it yet */
	long unread, total;
	char *error;      /* last fetch error, or NULL; owned */
	time_t last_fetch; /* the last attempt, 0 when never */
};

struct ui_sources_view {
	struct ui_entry *entries;
	size_t n;
	long sel, top;
	int group_tags;
};

/* The headlines of one query, read from the store a window at a time. */
struct ui_items_view {
	struct store_query q;
	char *title;         /* what is listed ("Kabar Demo", "All unread") */
	char *search;        /* the search terms when listing a search, or NULL */
	long count;          /* rows the query lists */
	long unread;	     /* unread items of the source or of all */
	int have_unread;     /* unread is known (a source, all unread) */
	long win_off;        /* index of rows[0] */
	struct store_item *rows; /* a window of rows; all of a search's */
	size_t nrows;
	long sel, top;
	int oldest_first;
	int hide_read;
	/* A search keeps the list it replaced and where it was started, to
	 * go back there. */
	struct ui_items_view *before; /* owned, or NULL */
	enum ui_view_id search_from;
	long long search_item;        /* the article shown there, or 0 */
};

struct ui_article_view {
	long long item_id;
	struct store_item item;   /* the item shown (valid when item_id) */
	struct ui_lines lines;    /* laid out for `width` */
	int width;                /* column width the lines are for */
	long top;
	int show_comments, links_mode;
	long comments_line;       /* first line of the comments, or -1 */
	int have_article;         /* an extracted article was cached */
	int failed;               /* no article: failure says why */
	struct store_article_failure failure;
	char **links;             /* numbered links: links[0] is [1] */
	char **link_texts;        /* each link's text, or NULL */
	size_t nlinks;
	long link_sel;
	char number[8];           /* digits typed in the links list */
	struct ui_lines link_lines; /* the links list laid out for width */
	size_t *link_first;       /* its first line of each link, and one
				     past the last at [nlinks] */
	long links_top;           /* first line of the links list shown */
	struct doc *doc;          /* the cached article, owned */
	char *page_text;          /* the whole page as text, when built */
};

struct ui_help_view {
	struct ui_lines lines;
	long top;
	enum ui_view_id back;
};

/* One message as the status line showed it. */
struct ui_log_entry {
	time_t when;
	int error;
	char *text; /* owned */
};

struct ui_log_view {
	struct ui_lines lines; /* the log laid out for width */
	int width;
	size_t count;          /* messages laid out */
	long top;
	enum ui_view_id back;
};

/* A program's output, shown whole. */
struct ui_pager_view {
	struct ui_lines lines; /* text laid out for width */
	int width;
	char *title;           /* owned */
	char *text;            /* owned */
	long top;
	enum ui_view_id back;
};

/* What a command run from a view is about: the values of its
 * placeholders (borrowed; any may be NULL). */
struct ui_subject {
	long long item_id; /* the item, or 0 (a source) */
	const char *url, *title, *source;
};

struct ui_refresh;

struct ui {
	const struct ui_setup *set;
	struct theme theme;
	int rows, cols;
	enum ui_view_id view;
	unsigned dirty;
	char *msg;          /* the status message, owned, or NULL */
	int msg_error;
	time_t msg_time;
	long long data_version;
	struct ui_sources_view src;
	struct ui_items_view items;
	struct ui_article_view art;
	struct ui_help_view help;
	struct ui_log_view logv;
	struct ui_pager_view pager;
	struct ui_log_entry log[UI_LOG_MAX]; /* a ring: log_n from log_start */
	size_t log_start, log_n;
	struct ui_refresh *refresh; /* a refresh under way, or NULL */
	struct {
		long long *ids; /* the items the last mark-read changed */
		size_t n;
	} undo;
	time_t auto_next;  /* the next automatic refresh, 0 when none */
	time_t auto_check; /* when to read the schedule again, 0: now */
	time_t auto_shown; /* the second the countdown was drawn for */
	int quit;
	char *exec_dir;  /* the files handed to programs, or NULL */
	int mouse;       /* the terminal reports clicks and the wheel */
	/* Set by the loop for screen services that wait for keys: apply a
	 * new size (resized: curses has it), handle pending signals, redraw
	 * what is dirty; -1 when a signal asks to quit. */
	int (*settle)(struct ui *ui, int resized);
};

/* What a view is opened on; the fields it does not use stay 0. */
struct ui_target {
	const char *title;	  /* headlines: what query lists */
	struct store_query query; /* headlines: the items to list */
	const char *search;	  /* headlines: or a search for these terms */
	long long item_id;	  /* article: show this item; search: the
				     item shown where it was started */
	enum ui_view_id from;	  /* help: the view whose keys to list;
				     search: where it was started */
	int unread;		  /* headlines: select the first unread item
				     (1) or the last (-1) */
	const char *where;	  /* help: its name ("the headlines") */
	unsigned keys;		  /* help: its keymap views (KEYMAP_LIST) */
	const char *text;	  /* pager: what to show, under title */
};

/* One view's operations, called by the loop in ui.c; NULL for what a view
 * does not do. Each view touches its own state in struct ui only, and goes
 * to another view through the loop (ui_go(), ui_back()), never by calling
 * it. To add a view: give it an id in enum ui_view_id and its state in
 * struct ui, write view_<name>.c defining view_<name>_ops, declare that
 * below, and add its row to the table in ui.c (and the file to
 * Makefile.am). */
struct ui_view_ops {
	const char *where;     /* its name in the help view's heading */
	unsigned keys;	       /* the keymap views its keys belong to */
	enum ui_view_id under; /* where back goes and what is reloaded with
				  it; UI_NVIEWS for none */
	/* Get ready to show t; 0, or -1 (with a message) to stay where the
	 * user was. Without it the view is shown as it was left. */
	int (*open)(struct ui *ui, const struct ui_target *t);
	/* Read counts and lists again from the store. */
	void (*load)(struct ui *ui);
	/* The terminal changed size (any view, shown or not). */
	void (*resize)(struct ui *ui);
	/* Draw the body: h rows from row y. */
	void (*draw)(struct ui *ui, int y, int h);
	/* The title line's text into out. */
	void (*title)(struct ui *ui, char *out, size_t n);
	/* The status line's text into out; 1 when it is an error. */
	int (*status)(struct ui *ui, char *out, size_t n);
	/* A key read before the keymap (digits in the links list): 1 when
	 * taken, with the reaction flags in *flags. */
	int (*key)(struct ui *ui, int key, unsigned *flags);
	/* Do action a; returns reaction flags (UI_REDRAW_*, UI_RELOAD). */
	unsigned (*action)(struct ui *ui, enum keymap_action a);
	/* The source the refresh key means here, or NULL for all. */
	const char *(*source)(struct ui *ui);
	/* A list a view on top walks (the article's headlines): move the
	 * selection delta items, or with unread to the next unread item in
	 * delta's direction, and mark it read in the list (it is about to be
	 * shown). Its item id; 0 when there is no such item (nothing moved),
	 * -1 when it cannot be read. */
	long long (*step)(struct ui *ui, long delta, int unread);
	/* A list of lists (the sources): move the selection to the next
	 * entry in dir (1, or -1 for the previous) with unread items and
	 * fill t to open it (t->title valid until the next load); 0 when
	 * there is none. */
	int (*next)(struct ui *ui, int dir, struct ui_target *t);
	/* A list: the selection's index and the number of items listed. */
	void (*position)(struct ui *ui, long *index, long *count);
	/* What a command run here is about (the selection, the article
	 * shown); 0 when there is nothing. */
	int (*subject)(struct ui *ui, struct ui_subject *s);
	/* A click on body row y (0 the first) and column x; again: a double
	 * click. Reaction flags. */
	unsigned (*click)(struct ui *ui, int y, int x, int again);
	/* Free the view's state (at exit). */
	void (*free)(struct ui *ui);
};

/* ---- ui.c: the loop, and moving between views */
/* Open view v on t and show it, or (t NULL) show it as it was left. */
void ui_go(struct ui *ui, enum ui_view_id v, const struct ui_target *t);
/* Show the view under the current one, as it was left. */
void ui_back(struct ui *ui);
/* Go back to view v, as it was left, where a search was started; the
 * article view shows item_id again if it has moved on to another. */
void ui_return(struct ui *ui, enum ui_view_id v, long long item_id);
/* Walk the list under the current view, as its step operation does; 0
 * when there is none. */
long long ui_list_step(struct ui *ui, long delta, int unread);
/* List view `list` has no unread items left in dir: open it on the next
 * list with unread items of the view under it (the next source; -1 the
 * previous one), its first unread item selected (the last, going back).
 * 1 when it was, 0 when there is none. */
int ui_list_enter_next(struct ui *ui, enum ui_view_id list, int dir);
/* The selection's index and count of the list under the current view; 0
 * (both 0) when there is none. */
int ui_list_position(struct ui *ui, long *index, long *count);
/* What a command run now is about; 0 (a message said so) when the view
 * has nothing. */
int ui_subject(struct ui *ui, struct ui_subject *s);
/* Ask the terminal to report clicks and the wheel (again, after a
 * program had the terminal). */
void ui_mouse_on(struct ui *ui);

/* ---- ui_screen.c: the screen services every view uses */
/* Set the status message (printf-style); error picks the error style. */
void ui_message(struct ui *ui, int error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Drop the status message. */
void ui_message_clear(struct ui *ui);
/* Keep warnings (one a line) in the message log, and show the first on
 * the status line with how many more there are. */
void ui_warnings(struct ui *ui, const char *lines);
/* Message i of the log, 0 the oldest; NULL past the last. */
const struct ui_log_entry *ui_log_get(const struct ui *ui, size_t i);
void ui_log_free(struct ui *ui);
/* Drop the message once it has been shown long enough (errors longer). */
void ui_message_expire(struct ui *ui);
/* A key was pressed: drop a message shown for a second or more. */
void ui_message_seen(struct ui *ui);
/* The first key bound to action a into name ("ENTER"), for hints; the
 * action's name when it has no key. */
void ui_action_key(const struct ui *ui, enum keymap_action a,
		   char name[KEYMAP_NAME_MAX]);
/* Rows available to the body of a view. */
int ui_body_rows(const struct ui *ui);
/* Move *top, the first shown of n lines, for a scrolling action (down, up,
 * a page, top, bottom) and keep the last page full; 1 when a was one of
 * them, 0 (nothing moved) for any other action. */
int ui_scroll(const struct ui *ui, long *top, long n, enum keymap_action a);
/* 1 when the terminal is below UI_MIN_COLS x UI_MIN_ROWS. */
int ui_too_small(const struct ui *ui);
/* Clear the screen and say it is too small. */
void ui_draw_too_small(struct ui *ui);
/* Draw the title line: the program, then title (borrowed). */
void ui_draw_title(struct ui *ui, const char *title);
/* Draw the status line: the message when there is one, else text (NULL:
 * none; error picks the error style), and refresh progress on the right. */
void ui_draw_status(struct ui *ui, const char *text, int error);
/* Ask for a line on the status line, keeping the screen right through
 * ui->settle; the answer (caller frees) or NULL when cancelled with ESC or
 * C-g, or when a signal asks to quit. */
char *ui_prompt(struct ui *ui, const char *question);
/* Ask question on the status line and wait for one key: 1 when it is y,
 * 0 for any other (or when a signal asks to quit). */
int ui_confirm(struct ui *ui, const char *question);
/* Copy the URL text to the terminal's clipboard with OSC 52 (controls in
 * it percent-encoded). */
void ui_copy(struct ui *ui, const char *text);
/* Write the operating system command code with fields[0..n) joined by
 * ';' to the terminal: the one way warta writes a control sequence of its
 * own. Every control character is taken out of the fields, and ';' out of
 * all but the last. 0, or -1 when the terminal would not take it. */
int ui_osc(const char *code, const char *const *fields, size_t n);
/* The terminal's own desktop notification (OSC 777 or OSC 9, as the
 * terminal understands), title and body (may be NULL). */
void ui_notify_terminal(struct ui *ui, const char *title, const char *body);

/* ---- ui_exec.c: the one place the interface runs programs */
enum {
	UI_EXEC_BACKGROUND = 1 << 0, /* detached: no terminal, not waited */
	UI_EXEC_CAPTURE = 1 << 1,    /* input on stdin, stdout and stderr
					kept; the screen stays */
};
/* Output kept of a program, in bytes; past it the program is stopped. */
#define UI_EXEC_OUTPUT_MAX (4u << 20)
/* Run argv (argv[0] found in PATH; no shell). Without flags in the
 * foreground, the terminal handed over until it exits; with
 * UI_EXEC_CAPTURE input[0..len) is its standard input and its output goes
 * into out (set up by the caller). C-c while it runs is the program's. Its
 * exit status (128 + the signal that killed it), 0 once a background one
 * started, or -1 with e set when it could not run. */
int ui_exec(struct ui *ui, char *const *argv, unsigned flags, const char *input,
	    size_t len, struct buf *out, struct err *e);
/* A new file holding data[0..len) in the interface's private directory,
 * named article.EXT (or article-N.EXT); its path (caller frees), or NULL
 * with e set. Removed by ui_exec_file_remove(), or at exit. */
char *ui_exec_file(struct ui *ui, const char *data, size_t len, const char *ext,
		   struct err *e);
void ui_exec_file_remove(struct ui *ui, const char *path);
/* Remove the private directory and what is left in it. */
void ui_exec_free(struct ui *ui);

/* ---- ui_command.c: programs run on the article, its pipe and save, and
 * URLs opened */
/* Run cmd on what the current view is about; reaction flags. */
unsigned ui_command_exec(struct ui *ui, const struct config_command *cmd);
/* Pipe the article of the current view (Markdown with
 * CONFIG_COMMAND_MARKDOWN, else text) to cmd and show its output in the
 * pager; reaction flags. */
unsigned ui_command_pipe(struct ui *ui, const struct config_command *cmd);
/* Ask for a command and pipe the article to it; reaction flags. */
unsigned ui_command_pipe_prompt(struct ui *ui);
/* Save the article of the current view: to save-command, else as a new
 * file in save-dir; reaction flags. */
unsigned ui_command_save(struct ui *ui);
/* Open url with the first [open] command whose pattern matches it, else
 * the browser; reaction flags. */
unsigned ui_open_url(struct ui *ui, const char *url);

/* ---- ui_text.c: drawing and laying out text by display width */
/* Draw s[0..len) (sanitised here) at y, x in at most w columns with the
 * curses attributes attr; returns the columns used. */
int ui_putn(int y, int x, int w, unsigned long attr, const char *s,
	    size_t len);
int ui_put(int y, int x, int w, unsigned long attr, const char *s);
/* Fill w columns with spaces. */
void ui_fill(int y, int x, int w, unsigned long attr);
/* Display columns of s (after sanitising, as ui_put draws it). */
int ui_width(const char *s);
/* Append a line of one span (text copied); returns it. */
struct ui_line *ui_lines_add(struct ui_lines *l, int indent,
			     enum theme_element el, const char *text,
			     size_t len);
/* Append a span to line ln. */
void ui_line_add_span(struct ui_line *ln, enum theme_element el,
		      const char *text, size_t len);
/* Wrap text (paragraphs split at "\n") into lines of at most width columns
 * after indent, in style el; blank lines between paragraphs if gap. */
void ui_lines_wrap(struct ui_lines *l, const char *text, int width,
		   int indent, enum theme_element el, int gap);
void ui_lines_blank(struct ui_lines *l);
void ui_lines_free(struct ui_lines *l);
/* The number of the link whose "[n]" or text is at column x (from the
 * lines' left edge) of line i: a link's text runs on to its number, maybe
 * on a later line. 0 for none. */
long ui_lines_link_at(const struct ui_lines *lines, long i, int x);
/* Draw line ln at row y in a column starting at x of w columns. */
void ui_draw_line(struct ui *ui, const struct ui_line *ln, int y, int x,
		  int w);
/* Draw h rows of lines from *top at row y, a column in from each edge;
 * *top is first kept within the lines, the last page full. */
void ui_draw_lines(struct ui *ui, const struct ui_lines *lines, long *top,
		   int y, int h);
/* A progress bar of w cells (w >= 2) for done of total into out (UTF-8,
 * room for 4 * w + 1 bytes). */
void ui_progress_bar(char *out, int w, size_t done, size_t total);
/* Base64 of s (for OSC 52); caller frees. */
char *ui_base64(const char *s, size_t len);

/* ---- view_*.c: the views, each behind its operations */
extern const struct ui_view_ops view_sources_ops;
extern const struct ui_view_ops view_items_ops;
extern const struct ui_view_ops view_article_ops;
extern const struct ui_view_ops view_help_ops;
extern const struct ui_view_ops view_log_ops;
extern const struct ui_view_ops view_pager_ops;
/* Show item id in the article view's state (marks it read); the loop
 * shows the view. */
void view_article_open(struct ui *ui, long long id);
/* view_article_layout.c: the article view's lines for its column. */
/* The width of the article's text column; its left edge in *x. */
int view_article_column(struct ui *ui, int *x);
/* Lay the article out again for the column's width (and the links list
 * when it is shown); marks the screen for a redraw. */
void view_article_relayout(struct ui *ui);
/* Lay the links list out for w columns. */
void view_article_layout_links(struct ui *ui, int w);
/* Drop the links and the links list's lines. */
void view_article_links_free(struct ui_article_view *v);

/* ---- ui_cache.c: search and the page text, read from the cache */
/* Items matching terms, best first (*rows: caller frees with
 * store_items_free()); 0 or -1. */
int ui_search_items(struct ui *ui, const char *terms, struct store_item **rows,
		    size_t *n, struct err *e);
/* The whole cached page of item id as plain text in reading order (caller
 * frees), or NULL with e saying why. */
char *ui_page_text(struct ui *ui, long long id, struct err *e);

/* ---- ui_marks.c: marking read, and taking it back */
/* Mark every item of source_id read (0: of every source, once the user
 * confirms), keeping what changed for ui_undo(); reaction flags. */
unsigned ui_mark_read(struct ui *ui, long long source_id);
/* Mark unread again what the last ui_mark_read() changed; flags. */
unsigned ui_undo(struct ui *ui);
void ui_marks_free(struct ui *ui);

/* ---- ui_refresh.c: refreshes and article fetches through the refresh
 * layer, stepped from the loop */
/* Fetch every page of the article being shown (not cached yet) through
 * the refresh layer; the view is updated once it is stored. */
void ui_article_fetch(struct ui *ui, const char *url);
/* The cached article a of the item shown says it goes on on a next page
 * that was not joined: fetch the rest the same way and store it whole. */
void ui_article_more(struct ui *ui, const struct store_article *a);
/* Fetch the article of item id now, whether it failed before or is cached
 * (the reader asks: see refresh_start_article()); the article view and the
 * lists show the outcome once it is stored. Reaction flags. */
unsigned ui_article_retry(struct ui *ui, long long id);
/* Start refreshing source name (NULL: all); 0, or -1 with a message. */
int ui_refresh_start(struct ui *ui, const char *name);
/* Start refreshing the sources names[0..n) (n 0: all); 0, or -1 with a
 * message. */
int ui_refresh_start_list(struct ui *ui, const char *const *names, size_t n);
/* Make progress, waiting at most timeout_ms for the network or a key on fd
 * 0; returns UI_RELOAD | UI_REDRAW_STATUS when something changed. */
unsigned ui_refresh_step(struct ui *ui, int timeout_ms);
/* 1 when sources are being refreshed (not an article alone). */
int ui_refresh_busy(struct ui *ui);
/* Progress for the status line: sources and articles done of total, the
 * sources failed, and the bar's steps (which move with each try); 0 when no
 * refresh is under way. */
int ui_refresh_progress(struct ui *ui, size_t *done, size_t *total,
			size_t *failed, size_t *steps_done, size_t *steps);
/* What the progress is of: "refreshing", or the sync before it and its
 * step ("syncing: items"); valid until the next call. */
const char *ui_refresh_what(struct ui *ui);
void ui_refresh_free(struct ui *ui);

/* ---- ui_auto.c: refreshing each source when it falls due, and telling
 * what came */
/* Start refreshing the sources due now, unless a refresh is under way;
 * reaction flags. Cheap: the cache is read only when one may be due. */
unsigned ui_auto_step(struct ui *ui);
/* The schedule changed (a refresh ended): read it again at the next step. */
void ui_auto_reset(struct ui *ui);
/* When the next automatic refresh is due, 0 when none is. */
time_t ui_auto_next(const struct ui *ui);
/* "next refresh in 12 min" into out, for the status line. */
void ui_auto_text(const struct ui *ui, char *out, size_t n);
/* Tell the user what refresh n brought, if anything new and unread came:
 * notify-command, and the terminal's own notice when notify = terminal. */
void ui_notify(struct ui *ui, struct notify *n);

/* List scrolling helpers: keep sel in [0, n) and visible in h rows. */
void ui_list_move(long *sel, long *top, long n, int h, long delta);
void ui_list_clamp(long *sel, long *top, long n, int h);

#endif
