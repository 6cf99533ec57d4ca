/* theme.h: the interface's colours: theme files, [colors] overrides, and
 * what each element looks like on 256-colour, 8-colour and monochrome
 * terminals (NO_COLOR honoured). */
#ifndef WARTA_THEME_H
#define WARTA_THEME_H

#include <stddef.h>

struct buf;
struct err;

/* The one list: X(ID, "name", "default style", "monochrome fallback").
 * A style is attribute words then a foreground and a background colour:
 * "bold yellow default". The fallback is added on terminals without colour
 * so that elements told apart by colour alone stay distinct. */
#define THEME_ELEMENTS(X)                                                      \
	X(NORMAL, "normal", "default default", "")                             \
	X(TITLE, "title", "bold white blue", "reverse")                        \
	X(STATUS, "status", "white blue", "reverse")                           \
	X(SELECTED, "selected", "black cyan", "reverse")                       \
	X(UNREAD, "unread", "bold default default", "bold")                    \
	X(READ, "read", "default default", "")                                 \
	X(FLAGGED, "flagged", "bold yellow default", "bold")                   \
	X(FAILING, "failing", "bold red default", "bold")                      \
	X(DATE, "date", "cyan default", "")                                    \
	X(SOURCE, "source", "green default", "")                               \
	X(TAG, "tag", "magenta default", "")                                   \
	X(COUNT, "count", "default default", "")                               \
	X(GROUP, "group", "bold magenta default", "bold")                      \
	X(HEADING, "heading", "bold yellow default", "bold")                   \
	X(ARTICLE_TITLE, "article-title", "bold white default", "bold")        \
	X(META, "meta", "cyan default", "")                                    \
	X(LINK, "link", "cyan default", "underline")                           \
	X(LINK_NUMBER, "link-number", "bold cyan default", "bold")             \
	X(MARKER, "marker", "yellow default", "")                              \
	X(IMAGE, "image", "magenta default", "")                               \
	X(CAPTION, "caption", "italic default default", "")                    \
	X(TABLE_HEADER, "table-header", "bold default default", "bold")        \
	X(RULE, "rule", "blue default", "")                                    \
	X(QUOTE, "quote", "green default", "")                                 \
	X(CODE, "code", "yellow default", "")                                  \
	X(EMPHASIS, "emphasis", "italic default default", "")                  \
	X(STRONG, "strong", "bold default default", "bold")                    \
	X(COMMENT, "comment", "default default", "")                           \
	X(COMMENT_AUTHOR, "comment-author", "bold green default", "bold")      \
	X(HELP_KEY, "help-key", "bold yellow default", "bold")                 \
	X(MESSAGE, "message", "default default", "")                           \
	X(ERROR, "error", "bold red default", "bold")                          \
	X(PROGRESS, "progress", "green blue", "")

enum theme_element {
#define THEME_X_ENUM(id, name, style, mono) THEME_##id,
	THEME_ELEMENTS(THEME_X_ENUM)
#undef THEME_X_ENUM
	THEME_NELEMENTS
};

/* Attribute bits of a style. */
enum {
	THEME_BOLD = 1 << 0,
	THEME_DIM = 1 << 1,
	THEME_ITALIC = 1 << 2,
	THEME_UNDERLINE = 1 << 3,
	THEME_REVERSE = 1 << 4,
	THEME_BLINK = 1 << 5,
	THEME_STANDOUT = 1 << 6,
};

#define THEME_DEFAULT_COLOR (-1)

struct theme_style {
	short fg, bg;   /* 0..255, or THEME_DEFAULT_COLOR */
	unsigned attrs; /* THEME_BOLD | ... */
};

struct theme {
	struct theme_style style[THEME_NELEMENTS];
	/* filled by theme_apply(): the curses attributes of each element */
	unsigned long attr[THEME_NELEMENTS];
};

/* Fill t with the built-in default theme. */
void theme_init(struct theme *t);
/* The config name of an element ("title"), "" when out of range; the element
 * called name, or -1. */
const char *theme_element_name(enum theme_element el);
int theme_element_by_name(const char *name);
/* Parse a style ("bold yellow default", "reverse", "color208 #1e1e1e");
 * 0, or -1 with e filled. Colour names: default, black, red, green, yellow,
 * blue, magenta, cyan, white, bright<name>, grey, colorN / N (0-255), #rrggbb. */
int theme_parse_style(const char *spec, struct theme_style *out,
		      struct err *e);
/* Apply the [colors] section of an ini text (name: file name for messages).
 * Each bad line appends "name:line: [colors] element: why" to warn (may be
 * NULL); returns the number of bad lines. */
int theme_load_text(struct theme *t, const char *text, size_t len,
		    const char *name, struct buf *warn);
/* The file of a theme: value itself when it contains '/' or ends in ".ini",
 * else DATADIR/themes/VALUE.ini. Caller frees. */
char *theme_path(const char *value, const char *datadir);
/* Load a theme file over t: -1 (e names the file) when it cannot be read,
 * else the number of bad lines (reported in warn as above). */
int theme_load_file(struct theme *t, const char *path, struct buf *warn,
		    struct err *e);

/* What a style becomes on a terminal with ncolors colours (mono: no colour
 * at all, as with NO_COLOR): colours beyond the terminal's are brought down
 * to the nearest of its 8 or 16, mono_attrs added when colour is off. */
void theme_resolve(const struct theme_style *s, int ncolors, int mono,
		   unsigned mono_attrs, struct theme_style *out);
/* Set up colour pairs for the running curses screen and fill t->attr[];
 * no_color: the user asked for none (NO_COLOR). Call after initscr(). */
void theme_apply(struct theme *t, int no_color);
/* 1 when the NO_COLOR environment variable asks for no colour. */
int theme_no_color_env(void);

#endif
