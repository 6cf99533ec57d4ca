/* test_theme.c: styles, theme files, [colors] overrides, colour fallbacks. */
#include "autoconfig.h"

#include "ui/theme.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/ini.h"
#include "util/str.h"

#include "tap.h"

#include <stdlib.h>

static void
test_styles(void)
{
	static const struct {
		const char *spec;
		int fg, bg;
		unsigned attrs;
	} good[] = {
		{"bold yellow default", 3, -1, THEME_BOLD},
		{"yellow", 3, -1, 0},
		{"", -1, -1, 0},
		{"reverse", -1, -1, THEME_REVERSE},
		{"Bold Underline RED blue", 1, 4, THEME_BOLD | THEME_UNDERLINE},
		{"brightred black", 9, 0, 0},
		{"grey", 8, -1, 0},
		{"color208 color0", 208, 0, 0},
		{"255 16", 255, 16, 0},
		{"#ff0000 #000000", 196, 16, 0},
		{"italic dim, cyan", 6, -1, THEME_ITALIC | THEME_DIM},
		{"normal white", 7, -1, 0},
	};
	static const char *const bad[] = {
		"bold yellow default red", "purple", "color256", "#ff00",
		"#gg0000", "-1", "bold 99999999999999999999",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	};

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		struct theme_style s;
		struct err e;

		is_int(theme_parse_style(good[i].spec, &s, &e), 0,
		       "style '%s' parses", good[i].spec);
		is_int(s.fg, good[i].fg, "'%s' fg", good[i].spec);
		is_int(s.bg, good[i].bg, "'%s' bg", good[i].spec);
		is_int(s.attrs, good[i].attrs, "'%s' attrs", good[i].spec);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct theme_style s;
		struct err e = {{0}};

		is_int(theme_parse_style(bad[i], &s, &e), -1,
		       "style '%s' rejected", bad[i]);
		ok(e.msg[0], "... with a reason: %s", e.msg);
	}
}

static void
test_elements(void)
{
	struct theme t;

	theme_init(&t);
	is_int(t.style[THEME_TITLE].fg, 7, "default title fg white");
	is_int(t.style[THEME_TITLE].bg, 4, "default title bg blue");
	ok(t.style[THEME_TITLE].attrs & THEME_BOLD, "default title bold");
	is_int(theme_element_by_name("comment-author"), THEME_COMMENT_AUTHOR,
	       "element by name");
	is_int(theme_element_by_name("comment_author"), THEME_COMMENT_AUTHOR,
	       "underscores accepted");
	is_int(theme_element_by_name("titel"), -1, "unknown element");
	is_str(theme_element_name(THEME_HELP_KEY), "help-key", "element name");
	is_str(theme_element_name(THEME_NELEMENTS), "", "name out of range");
}

static void
test_load(void)
{
	static const char text[] = "; a theme\n"
				   "[colors]\n"
				   "title = bold yellow default\n"
				   "titel = red\n"
				   "status = purple\n"
				   "selected = reverse\n"
				   "no equals sign\n"
				   "[other]\n"
				   "normal = red\n";
	struct theme t;
	struct buf warn;
	int bad;

	theme_init(&t);
	buf_init(&warn, 0);
	bad = theme_load_text(&t, text, sizeof(text) - 1, "my.ini", &warn);
	is_int(bad, 3, "three bad lines");
	is_int(t.style[THEME_TITLE].fg, 3, "title overridden");
	is_int(t.style[THEME_TITLE].bg, -1, "title bg default");
	is_int(t.style[THEME_SELECTED].attrs, THEME_REVERSE,
	       "selected overridden");
	is_int(t.style[THEME_NORMAL].fg, -1, "other sections ignored");
	is_int(t.style[THEME_STATUS].bg, 4, "bad line leaves status alone");
	ok(strstr(warn.data, "my.ini:4: [colors] titel: unknown element"),
	   "unknown element: file, line, element");
	ok(strstr(warn.data, "my.ini:5: [colors] status: 'purple'"),
	   "bad colour: file, line, element: %s", warn.data);
	ok(strstr(warn.data, "my.ini:7: [colors]: expected"),
	   "malformed line");
	buf_free(&warn);
}

/* Every shipped theme loads without a single bad line, and default.ini is
 * the built-in default. */
static void
test_shipped(void)
{
	static const char *const names[] = {"default", "light", "dark",
					    "solarized", "mono"};
	const char *srcdir = getenv("top_srcdir");
	char *dir = xasprintf("%s", srcdir ? srcdir : SRCDIR);

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct theme t, builtin;
		struct buf warn;
		struct err e;
		char *path = theme_path(names[i], dir);
		int rc;

		theme_init(&t);
		buf_init(&warn, 0);
		rc = theme_load_file(&t, path, &warn, &e);
		is_int(rc, 0, "theme %s loads cleanly%s%s", names[i],
		       rc < 0 ? ": " : "", rc < 0 ? e.msg : "");
		if (warn.len)
			printf("# %s", warn.data);
		if (!strcmp(names[i], "default")) {
			theme_init(&builtin);
			ok(!memcmp(t.style, builtin.style, sizeof(t.style)),
			   "default.ini matches the built-in theme");
		}
		buf_free(&warn);
		free(path);
	}
	{
		struct theme t;
		struct err e;

		theme_init(&t);
		is_int(theme_load_file(&t, "/nonexistent/x.ini", NULL, &e), -1,
		       "missing theme file");
		ok(strstr(e.msg, "/nonexistent/x.ini"), "error names the file");
	}
	{
		char *p = theme_path("/etc/x", "/d");

		is_str(p, "/etc/x", "a path stays a path");
		free(p);
		p = theme_path("dark", "/d");
		is_str(p, "/d/themes/dark.ini", "a name is looked up");
		free(p);
		p = theme_path("mine.ini", "/d");
		is_str(p, "mine.ini", "a .ini file name is a path");
		free(p);
	}
	free(dir);
}

static void
test_resolve(void)
{
	struct theme_style s = {208, 16, THEME_BOLD}, r;

	theme_resolve(&s, 256, 0, THEME_REVERSE, &r);
	is_int(r.fg, 208, "256 colours kept");
	is_int(r.attrs, THEME_BOLD, "no mono attrs with colour");
	theme_resolve(&s, 8, 0, 0, &r);
	ok(r.fg >= 0 && r.fg < 8, "208 brought into 8 colours (%d)", r.fg);
	ok(r.bg >= 0 && r.bg < 8, "16 brought into 8 colours (%d)", r.bg);
	theme_resolve(&s, 256, 1, THEME_REVERSE, &r);
	is_int(r.fg, -1, "mono: no fg");
	is_int(r.bg, -1, "mono: no bg");
	is_int(r.attrs, THEME_BOLD | THEME_REVERSE, "mono: fallback attrs added");
	s.fg = 9;
	s.bg = -1;
	theme_resolve(&s, 8, 0, 0, &r);
	is_int(r.fg, 1, "bright red on 8 colours is red");
	ok(r.attrs & THEME_BOLD, "... made bold");
	theme_resolve(&s, 16, 0, 0, &r);
	is_int(r.fg, 9, "bright red kept on 16 colours");
	s.fg = 196; /* pure red in the cube */
	theme_resolve(&s, 16, 0, 0, &r);
	ok(r.fg == 1 || r.fg == 9, "cube red is red (%d)", r.fg);
	s.fg = 21; /* pure blue */
	theme_resolve(&s, 8, 0, 0, &r);
	is_int(r.fg, 4, "cube blue is blue");
	for (int c = 0; c < 256; c++) {
		s.fg = (short)c;
		theme_resolve(&s, 8, 0, 0, &r);
		if (r.fg < 0 || r.fg > 7)
			break;
		if (c == 255)
			ok(1, "all 256 colours fit in 8");
	}
}

static void
test_hostile(void)
{
	struct theme t;
	char buf[300];

	theme_init(&t);
	for (int i = 0; i < 2000; i++) {
		unsigned x = (unsigned)i * 2654435761u;

		for (size_t j = 0; j < sizeof(buf); j++) {
			x = x * 1103515245u + 12345u;
			static const char alphabet[] =
				"[colors]\n= #abc,title0123456789 \r\x00\xff";

			buf[j] = alphabet[(x >> 16) % (sizeof(alphabet) - 1)];
		}
		(void)theme_load_text(&t, buf, sizeof(buf), "fuzz", NULL);
	}
	ok(1, "random theme texts handled");
}

int
main(void)
{
	test_styles();
	test_elements();
	test_load();
	test_shipped();
	test_resolve();
	test_hostile();
	return tap_done();
}
