/* keymap.h: the interface's actions, their default keys, key names, the
 * [keys] section (keys to actions, and keys to commands), and turning
 * get_wch() results into actions. */
#ifndef WARTA_KEYMAP_H
#define WARTA_KEYMAP_H

#include <stddef.h>

#include "config/command.h"

struct buf;
struct err;

/* Where an action means something (for the help view). */
enum {
	KEYMAP_LIST = 1 << 0,    /* the sources and headlines lists */
	KEYMAP_ARTICLE = 1 << 1, /* the article view */
	KEYMAP_ALL = KEYMAP_LIST | KEYMAP_ARTICLE,
};

/* The one list: X(ID, "name", "default keys", views, "what it does").
 * It generates the action enum, the names, the defaults and the help. */
#define KEYMAP_ACTIONS(X)                                                      \
	X(OPEN, "open", "ENTER l RIGHT", KEYMAP_LIST, "open the selection")    \
	X(BACK, "back", "q h LEFT", KEYMAP_ALL, "go back (quit from sources)") \
	X(QUIT, "quit", "Q", KEYMAP_ALL, "quit warta")                         \
	X(DOWN, "down", "j DOWN", KEYMAP_ALL, "move down one line")            \
	X(UP, "up", "k UP", KEYMAP_ALL, "move up one line")                    \
	X(NEXT_ARTICLE, "next-article", "J", KEYMAP_ALL,                       \
	  "next article (in the article view)")                                \
	X(PREV_ARTICLE, "prev-article", "K", KEYMAP_ALL,                       \
	  "previous article (in the article view)")                            \
	X(PAGE_DOWN, "page-down", "SPACE PGDN", KEYMAP_ALL, "one page down")   \
	X(PAGE_UP, "page-up", "b PGUP", KEYMAP_ALL, "one page up")             \
	X(TOP, "top", "g HOME", KEYMAP_ALL, "go to the top")                   \
	X(BOTTOM, "bottom", "G END", KEYMAP_ALL, "go to the bottom")           \
	X(NEXT_UNREAD, "next-unread", "n", KEYMAP_ALL, "next unread article")  \
	X(PREV_UNREAD, "prev-unread", "p", KEYMAP_ALL,                         \
	  "previous unread article")                                           \
	X(TOGGLE_READ, "toggle-read", "N", KEYMAP_ALL,                         \
	  "mark read or unread")                                               \
	X(MARK_SOURCE_READ, "mark-source-read", "A", KEYMAP_LIST,              \
	  "mark the whole source read")                                        \
	X(MARK_ALL_READ, "mark-all-read", "C", KEYMAP_LIST,                    \
	  "mark everything read (y confirms)")                                 \
	X(UNDO, "undo", "u", KEYMAP_ALL,                                       \
	  "undo the last mark-read (A or C)")                                  \
	X(FLAG, "flag", "f", KEYMAP_ALL, "flag or unflag the article")         \
	X(REFRESH, "refresh", "r", KEYMAP_ALL, "refresh the source")           \
	X(REFRESH_ALL, "refresh-all", "R", KEYMAP_ALL, "refresh every source") \
	X(OPEN_BROWSER, "open-browser", "o", KEYMAP_ALL,                       \
	  "open the article in the browser")                                   \
	X(COPY_URL, "copy-url", "y", KEYMAP_ALL,                               \
	  "copy the URL to the clipboard (OSC 52)")                            \
	X(FETCH_ARTICLE, "fetch-article", "F", KEYMAP_ALL,                     \
	  "fetch the article now, one that failed too")                        \
	X(PIPE, "pipe", "|", KEYMAP_ALL,                                       \
	  "pipe the article to a command; its output is shown")                \
	X(SAVE, "save", "S", KEYMAP_ALL,                                       \
	  "save the article (save-dir), or send it (save-command)")            \
	X(SEARCH, "search", "/", KEYMAP_ALL, "search titles and full text")    \
	X(COMMENTS, "comments", "c", KEYMAP_ARTICLE,                           \
	  "show or hide the page's comments")                                  \
	X(PAGE_TEXT, "page-text", "v", KEYMAP_ARTICLE,                         \
	  "show the whole page as plain text, or the article")                 \
	X(LINKS, "links", "L", KEYMAP_ARTICLE,                                 \
	  "list the links; a number opens one")                                \
	X(SORT, "sort", "s", KEYMAP_LIST, "change the sort order")             \
	X(HIDE_READ, "hide-read", "H", KEYMAP_LIST,                            \
	  "hide or show read articles")                                        \
	X(GROUP_TAGS, "group-tags", "t", KEYMAP_LIST,                          \
	  "group sources by tag, or not")                                      \
	X(HELP, "help", "?", KEYMAP_ALL, "show the keys")                      \
	X(MESSAGES, "messages", "m", KEYMAP_ALL,                               \
	  "the last messages in full, with their time")                        \
	X(REDRAW, "redraw", "C-l", KEYMAP_ALL, "redraw the screen")

enum keymap_action {
	KEYMAP_NONE = 0,
#define KEYMAP_X_ENUM(id, name, keys, views, help) KEYMAP_##id,
	KEYMAP_ACTIONS(KEYMAP_X_ENUM)
#undef KEYMAP_X_ENUM
	KEYMAP_NACTIONS
};

/* Key codes: a Unicode code point for a character (control characters
 * included: C-l is 12, ENTER is '\n', ESC 27, BACKSPACE 127), or
 * KEYMAP_SPECIAL + an ncurses KEY_* code; KEYMAP_ALT marks an Alt (ESC-)
 * prefix. 0 is no key. */
#define KEYMAP_SPECIAL 0x200000
#define KEYMAP_ALT 0x400000
#define KEYMAP_MAX_KEYS 8   /* per action */
#define KEYMAP_NAME_MAX 32  /* room for any key name, NUL included */

#define KEYMAP_MAX_MACROS 100 /* keys bound to commands */
#define KEYMAP_MAX_STEPS 16   /* steps of one */

/* One step of what a key bound to commands runs. */
enum keymap_step_kind {
	KEYMAP_STEP_ACTION, /* an action, by its name */
	KEYMAP_STEP_EXEC,   /* exec [--background] COMMAND */
	KEYMAP_STEP_PIPE,   /* pipe [--markdown] COMMAND: output shown */
};

struct keymap_step {
	enum keymap_step_kind kind;
	enum keymap_action action; /* KEYMAP_STEP_ACTION */
	struct config_command cmd; /* the others */
};

/* A key bound to steps, run in order. */
struct keymap_macro {
	int key;
	char *text; /* the steps as written, for the help view */
	struct keymap_step *steps;
	size_t nsteps;
};

struct keymap {
	int keys[KEYMAP_NACTIONS][KEYMAP_MAX_KEYS];
	int nkeys[KEYMAP_NACTIONS];
	struct keymap_macro *macros; /* owned; keymap_free() */
	size_t nmacros;
};

/* Fill km (not set up yet, or freed) with the default bindings. */
void keymap_init(struct keymap *km);
/* Free the commands bound to keys; km is left with no bindings. */
void keymap_free(struct keymap *km);
/* The action's config name ("open"), its help line and views; "" / 0 for
 * KEYMAP_NONE or out of range. Static strings. */
const char *keymap_action_name(enum keymap_action a);
const char *keymap_action_help(enum keymap_action a);
unsigned keymap_action_views(enum keymap_action a);
/* The action called name, or KEYMAP_NONE. */
enum keymap_action keymap_action_by_name(const char *name);

/* Parse one key name ("j", "C-r", "F1", "SPACE", "PGDN", "M-x", "ä");
 * returns the key code, or 0 (e filled) for an unknown name. */
int keymap_parse_key(const char *name, struct err *e);
/* Write the canonical name of key into out (KEYMAP_NAME_MAX bytes). */
void keymap_key_name(int key, char *out);

/* Bind action to the keys in the space-separated list (empty or "none":
 * no keys), replacing its keys. A key taken from another action is moved
 * and a line saying so is appended to warn (may be NULL). 0 on success,
 * -1 (km unchanged, e filled) on an unknown action or key name. */
int keymap_bind(struct keymap *km, const char *action, const char *keys,
		struct buf *warn, struct err *e);
/* Bind key to steps separated by ';' (outside quotes): action names,
 * "exec [--background] COMMAND" and "pipe [--markdown] COMMAND", COMMAND
 * as config_command_parse() reads it. The key is taken from an action or
 * another command, with a line saying so appended to warn (may be NULL).
 * 0, or -1 (km unchanged, e filled) on a bad step. */
int keymap_bind_macro(struct keymap *km, int key, const char *steps,
		      struct buf *warn, struct err *e);
/* One [keys] line, name = value: an action's keys ("open = ENTER o"), or
 * a key's steps ("x = exec mpv %u"; "DOWN = exec ..." binds the key, as
 * the value is no key list). 0, or -1 with e filled. */
int keymap_set(struct keymap *km, const char *name, const char *value,
	       struct buf *warn, struct err *e);
/* Apply the [keys] section of an ini text (name is the file name for
 * messages). Each conflict or bad line appends one "file:line: ..." line to
 * warn; returns the number of bad lines (0 when all applied). */
int keymap_load_text(struct keymap *km, const char *text, size_t len,
		     const char *name, struct buf *warn);

/* The action bound to key, or KEYMAP_NONE. */
enum keymap_action keymap_lookup(const struct keymap *km, int key);
/* The commands bound to key, or NULL; valid until km changes. */
const struct keymap_macro *keymap_macro_lookup(const struct keymap *km,
					       int key);
/* The key code of a get_wch() result: rc is its return value (OK or
 * KEY_CODE_YES), wc the character. Normalises \r and KEY_ENTER to ENTER and
 * KEY_BACKSPACE to 127. 0 for nothing (ERR). */
int keymap_key_from_wch(int rc, unsigned wc);
/* The keys of action a as names separated by spaces ("ENTER l RIGHT") into
 * out of size n (truncated at a name boundary). */
void keymap_keys_string(const struct keymap *km, enum keymap_action a,
			char *out, size_t n);
/* The help text of every action meant for views: one line per action,
 * "KEYS  name  what it does"; caller frees. */
char *keymap_help_text(const struct keymap *km, unsigned views);

#endif
