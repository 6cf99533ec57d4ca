/* theme.c: theme files, styles, and colour pairs for the running terminal. */
#include "autoconfig.h"

#include "ui/theme.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/ini.h"
#include "util/str.h"

#include <curses.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define THEME_MAX_FILE (256 * 1024)

static const struct {
	const char *name, *style, *mono;
} elements[THEME_NELEMENTS] = {
#define THEME_X_INFO(id, name, style, mono) [THEME_##id] = {name, style, mono},
	THEME_ELEMENTS(THEME_X_INFO)
#undef THEME_X_INFO
};

static const char *const color_names[8] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct {
	const char *name;
	unsigned bit;
} attr_names[] = {
	{"bold", THEME_BOLD},         {"dim", THEME_DIM},
	{"italic", THEME_ITALIC},     {"underline", THEME_UNDERLINE},
	{"reverse", THEME_REVERSE},   {"blink", THEME_BLINK},
	{"standout", THEME_STANDOUT}, {"normal", 0},
	{"none", 0},
};

void
theme_init(struct theme *t)
{
	memset(t, 0, sizeof(*t));
	for (int i = 0; i < THEME_NELEMENTS; i++) {
		int rc = theme_parse_style(elements[i].style, &t->style[i],
					   NULL);
		(void)rc; /* the built-in styles are tested to parse */
	}
}

const char *
theme_element_name(enum theme_element el)
{
	return (int)el >= 0 && el < THEME_NELEMENTS ? elements[el].name : "";
}

int
theme_element_by_name(const char *name)
{
	for (int i = 0; name && i < THEME_NELEMENTS; i++)
		if (!str_casecmp(elements[i].name, name))
			return i;
	/* accept "comment_author" for "comment-author" */
	if (name && strchr(name, '_') && strlen(name) < 64) {
		char alt[64];
		size_t n = strlen(name);

		memcpy(alt, name, n + 1);
		for (size_t i = 0; i < n; i++)
			if (alt[i] == '_')
				alt[i] = '-';
		return theme_element_by_name(alt);
	}
	return -1;
}

/* The xterm 256-colour cube level nearest to an 8-bit channel. */
static int
cube_level(int v)
{
	if (v < 48)
		return 0;
	if (v < 115)
		return 1;
	return (v - 35) / 40;
}

/* Parse one colour word; 0 and *c set, or -1. */
static int
parse_color(const char *w, short *c)
{
	long n;

	if (!str_casecmp(w, "default")) {
		*c = THEME_DEFAULT_COLOR;
		return 0;
	}
	if (!str_casecmp(w, "grey") || !str_casecmp(w, "gray")) {
		*c = 8;
		return 0;
	}
	for (int i = 0; i < 8; i++) {
		if (!str_casecmp(w, color_names[i])) {
			*c = (short)i;
			return 0;
		}
		if (str_istarts_with(w, "bright") &&
		    !str_casecmp(w + 6, color_names[i])) {
			*c = (short)(8 + i);
			return 0;
		}
	}
	if (w[0] == '#' && strlen(w) == 7) {
		int v[3];

		for (int i = 0; i < 3; i++) {
			int hi = str_hex_digit(w[1 + 2 * i]), lo = str_hex_digit(w[2 + 2 * i]);

			if (hi < 0 || lo < 0)
				return -1;
			v[i] = cube_level(hi * 16 + lo);
		}
		*c = (short)(16 + 36 * v[0] + 6 * v[1] + v[2]);
		return 0;
	}
	if (str_istarts_with(w, "color"))
		w += 5;
	if (w[0] >= '0' && w[0] <= '9' && !str_to_long(w, 0, 255, &n)) {
		*c = (short)n;
		return 0;
	}
	return -1;
}

int
theme_parse_style(const char *spec, struct theme_style *out, struct err *e)
{
	struct theme_style s = {THEME_DEFAULT_COLOR, THEME_DEFAULT_COLOR, 0};
	int ncolors = 0;
	const char *p = spec ? spec : "";
	char w[32];

	while (*p) {
		size_t len;
		short c;
		int found = 0;

		while (*p && str_isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		len = strcspn(p, " \t\r\n\f\v,");
		if (len == 0) { /* a comma between words */
			p++;
			continue;
		}
		if (len >= sizeof(w))
			return err_set(e, "word too long in \"%.40s\"", spec);
		memcpy(w, p, len);
		w[len] = '\0';
		p += len;
		for (size_t i = 0; i < sizeof(attr_names) / sizeof(attr_names[0]);
		     i++) {
			if (!str_casecmp(w, attr_names[i].name)) {
				s.attrs |= attr_names[i].bit;
				found = 1;
				break;
			}
		}
		if (found)
			continue;
		if (parse_color(w, &c) < 0)
			return err_set(e, "'%s' is neither a colour nor an "
					  "attribute",
				       w);
		if (ncolors == 2)
			return err_set(e, "more than two colours (foreground "
					  "and background) in \"%.60s\"",
				       spec);
		if (ncolors++ == 0)
			s.fg = c;
		else
			s.bg = c;
	}
	*out = s;
	return 0;
}

int
theme_load_text(struct theme *t, const char *text, size_t len,
		const char *name, struct buf *warn)
{
	struct ini_iter it;
	struct err e;
	int rc, bad = 0;

	ini_iter_init(&it, text, len);
	while ((rc = ini_iter_next(&it)) != 0) {
		struct theme_style s;
		int el;

		if (str_casecmp(it.section, "colors") &&
		    str_casecmp(it.section, "colours"))
			continue;
		if (rc < 0) {
			bad++;
			if (warn)
				buf_printf(warn, "%s:%d: [colors]: %s\n", name,
					   it.line, it.error);
			continue;
		}
		el = theme_element_by_name(it.key);
		if (el < 0) {
			bad++;
			if (warn)
				buf_printf(warn,
					   "%s:%d: [colors] %s: unknown "
					   "element\n",
					   name, it.line, it.key);
			continue;
		}
		if (theme_parse_style(it.value, &s, &e) < 0) {
			bad++;
			if (warn)
				buf_printf(warn, "%s:%d: [colors] %s: %s\n",
					   name, it.line, it.key, e.msg);
			continue;
		}
		t->style[el] = s;
	}
	return bad;
}

char *
theme_path(const char *value, const char *datadir)
{
	size_t n = strlen(value);

	if (strchr(value, '/') || (n > 4 && !strcmp(value + n - 4, ".ini")))
		return xstrdup(value);
	return xasprintf("%s/themes/%s.ini", datadir ? datadir : ".", value);
}

int
theme_load_file(struct theme *t, const char *path, struct buf *warn,
		struct err *e)
{
	size_t len;
	char *text = ini_read_file(path, THEME_MAX_FILE, &len);
	int bad;

	if (!text)
		return err_set(e, "theme %s: %s", path,
			       errno == EFBIG ? "file too large"
					      : strerror(errno));
	bad = theme_load_text(t, text, len, path, warn);
	free(text);
	return bad;
}

/* The basic colour (0-7, +8 when bright) nearest to a 256-colour index. */
static short
to_16(short c)
{
	if (c < 16)
		return c;
	if (c >= 232)
		return c < 238 ? 0 : c < 244 ? 8 : c < 250 ? 7 : 15;
	c -= 16;
	{
		int r = c / 36, g = (c / 6) % 6, b = c % 6;
		int max = r > g ? (r > b ? r : b) : (g > b ? g : b);
		int idx = (r >= 3) + 2 * (g >= 3) + 4 * (b >= 3);

		if (max < 3) /* a dark colour: keep its hue dimmed */
			idx = (r >= 2) + 2 * (g >= 2) + 4 * (b >= 2);
		return (short)(idx + (max >= 5 && idx ? 8 : 0));
	}
}

void
theme_resolve(const struct theme_style *s, int ncolors, int mono,
	      unsigned mono_attrs, struct theme_style *out)
{
	*out = *s;
	if (mono || ncolors < 8) {
		out->fg = out->bg = THEME_DEFAULT_COLOR;
		out->attrs |= mono_attrs;
		return;
	}
	if (ncolors < 256) {
		if (out->fg >= ncolors)
			out->fg = to_16(out->fg);
		if (out->bg >= ncolors)
			out->bg = to_16(out->bg);
	}
	if (ncolors < 16) {
		if (out->fg >= 8) {
			out->fg -= 8;
			out->attrs |= THEME_BOLD; /* bright as bold */
		}
		if (out->bg >= 8)
			out->bg -= 8;
	}
}

static attr_t
curses_attrs(unsigned a)
{
	attr_t r = A_NORMAL;

	if (a & THEME_BOLD)
		r |= A_BOLD;
	if (a & THEME_DIM)
		r |= A_DIM;
#ifdef A_ITALIC
	if (a & THEME_ITALIC)
		r |= A_ITALIC;
#endif
	if (a & THEME_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & THEME_REVERSE)
		r |= A_REVERSE;
	if (a & THEME_BLINK)
		r |= A_BLINK;
	if (a & THEME_STANDOUT)
		r |= A_STANDOUT;
	return r;
}

int
theme_no_color_env(void)
{
	const char *v = getenv("NO_COLOR");

	return v && *v;
}

void
theme_apply(struct theme *t, int no_color)
{
	int mono = no_color || !has_colors();
	int ncolors = 0, pairs = 0, defaults = 0;

	if (!mono && start_color() == OK) {
		ncolors = COLORS;
		pairs = COLOR_PAIRS;
		defaults = use_default_colors() == OK;
	} else {
		mono = 1;
	}
	for (int i = 0; i < THEME_NELEMENTS; i++) {
		struct theme_style r, mono_s;
		unsigned mono_attrs = 0;

		if (theme_parse_style(elements[i].mono, &mono_s, NULL) == 0)
			mono_attrs = mono_s.attrs;
		theme_resolve(&t->style[i], ncolors, mono || i + 1 >= pairs,
			      mono_attrs, &r);
		t->attr[i] = curses_attrs(r.attrs);
		if (!mono && i + 1 < pairs &&
		    (r.fg != THEME_DEFAULT_COLOR ||
		     r.bg != THEME_DEFAULT_COLOR)) {
			short fg = r.fg, bg = r.bg;

			if (!defaults) { /* no "default": white on black */
				if (fg < 0)
					fg = COLOR_WHITE;
				if (bg < 0)
					bg = COLOR_BLACK;
			}
			if (init_pair((short)(i + 1), fg, bg) == OK)
				t->attr[i] |= COLOR_PAIR(i + 1);
		}
	}
}
