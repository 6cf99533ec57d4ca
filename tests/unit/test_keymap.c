/* test_keymap.c: key names, defaults, [keys] bindings and conflicts. */
#include "autoconfig.h"

#include "ui/keymap.h"
#include "util/buf.h"
#include "util/err.h"

#include "tap.h"

#include <curses.h>
#include <stdlib.h>

static void
test_names(void)
{
	static const struct {
		const char *name, *canon;
		int key;
	} cases[] = {
		{"j", "j", 'j'},
		{"J", "J", 'J'},
		{"ENTER", "ENTER", '\n'},
		{"enter", "ENTER", '\n'},
		{"RETURN", "ENTER", '\n'},
		{"SPACE", "SPACE", ' '},
		{"ESC", "ESC", 27},
		{"TAB", "TAB", '\t'},
		{"C-r", "C-r", 18},
		{"C-L", "C-l", 12},
		{"PGDN", "PGDN", KEYMAP_SPECIAL + KEY_NPAGE},
		{"PageUp", "PGUP", KEYMAP_SPECIAL + KEY_PPAGE},
		{"UP", "UP", KEYMAP_SPECIAL + KEY_UP},
		{"left", "LEFT", KEYMAP_SPECIAL + KEY_LEFT},
		{"F1", "F1", KEYMAP_SPECIAL + KEY_F(1)},
		{"F12", "F12", KEYMAP_SPECIAL + KEY_F(12)},
		{"M-x", "M-x", KEYMAP_ALT | 'x'},
		{"M-ENTER", "M-ENTER", KEYMAP_ALT | '\n'},
		{"\xc3\xa4", "\xc3\xa4", 0xe4},
		{"\xe6\x97\xa5", "\xe6\x97\xa5", 0x65e5},
		{"/", "/", '/'},
		{"?", "?", '?'},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct err e;
		char name[KEYMAP_NAME_MAX];
		int k = keymap_parse_key(cases[i].name, &e);

		is_int(k, cases[i].key, "key name '%s'", cases[i].name);
		keymap_key_name(k, name);
		is_str(name, cases[i].canon, "canonical name of '%s'",
		       cases[i].name);
	}
}

static void
test_bad_names(void)
{
	static const char *const bad[] = {
		"",        "FOO",     "C-",     "C-1",  "F0",     "F25",
		"F99999",  "M-",      "M-M-x",  "\x01", "\xff",   "\xc3",
		"jj",      "C-rr",    "\x1b[A", "ENTERX",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct err e = {{0}};

		is_int(keymap_parse_key(bad[i], &e), 0, "bad key name #%zu",
		       i);
		ok(e.msg[0] != '\0', "bad key name #%zu explained (%s)", i,
		   e.msg);
	}
	is_int(keymap_parse_key(NULL, NULL), 0, "NULL key name");
}

static void
test_defaults(void)
{
	struct keymap km;
	char keys[256];
	char *help;
	static const struct {
		const char *key;
		enum keymap_action a;
	} want[] = {
		{"ENTER", KEYMAP_OPEN},      {"l", KEYMAP_OPEN},
		{"RIGHT", KEYMAP_OPEN},      {"q", KEYMAP_BACK},
		{"h", KEYMAP_BACK},          {"LEFT", KEYMAP_BACK},
		{"Q", KEYMAP_QUIT},          {"j", KEYMAP_DOWN},
		{"DOWN", KEYMAP_DOWN},       {"k", KEYMAP_UP},
		{"UP", KEYMAP_UP},           {"J", KEYMAP_NEXT_ARTICLE},
		{"K", KEYMAP_PREV_ARTICLE},  {"SPACE", KEYMAP_PAGE_DOWN},
		{"PGDN", KEYMAP_PAGE_DOWN},  {"b", KEYMAP_PAGE_UP},
		{"PGUP", KEYMAP_PAGE_UP},    {"g", KEYMAP_TOP},
		{"G", KEYMAP_BOTTOM},        {"n", KEYMAP_NEXT_UNREAD},
		{"p", KEYMAP_PREV_UNREAD},   {"N", KEYMAP_TOGGLE_READ},
		{"A", KEYMAP_MARK_SOURCE_READ}, {"C", KEYMAP_MARK_ALL_READ},
		{"f", KEYMAP_FLAG},          {"r", KEYMAP_REFRESH},
		{"R", KEYMAP_REFRESH_ALL},   {"o", KEYMAP_OPEN_BROWSER},
		{"y", KEYMAP_COPY_URL},      {"/", KEYMAP_SEARCH},
		{"c", KEYMAP_COMMENTS},      {"v", KEYMAP_PAGE_TEXT},
		{"L", KEYMAP_LINKS},         {"?", KEYMAP_HELP},
		{"C-l", KEYMAP_REDRAW},      {"x", KEYMAP_NONE},
	};
	int total = 0;

	keymap_init(&km);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		is_int(keymap_lookup(&km, keymap_parse_key(want[i].key, NULL)),
		       want[i].a, "default: %s -> %s", want[i].key,
		       keymap_action_name(want[i].a));
	/* every default list parsed completely: no key got lost */
	for (int a = 1; a < KEYMAP_NACTIONS; a++) {
		ok(km.nkeys[a] > 0, "action %s has a default key",
		   keymap_action_name(a));
		total += km.nkeys[a];
	}
	ok(total >= 40, "defaults bind %d keys", total);
	keymap_keys_string(&km, KEYMAP_OPEN, keys, sizeof(keys));
	is_str(keys, "ENTER l RIGHT", "keys of open");
	keymap_keys_string(&km, KEYMAP_OPEN, keys, 8);
	is_str(keys, "ENTER l", "keys string truncated at a name");
	help = keymap_help_text(&km, KEYMAP_ARTICLE);
	ok(strstr(help, "comments") != NULL, "article help lists comments");
	ok(strstr(help, "mark-all-read") == NULL,
	   "article help leaves list-only actions out");
	free(help);
	help = keymap_help_text(&km, KEYMAP_ALL);
	ok(strstr(help, "C-l") && strstr(help, "redraw"), "help: C-l redraw");
	free(help);
	is_int(keymap_action_by_name("OPEN"), KEYMAP_OPEN, "names ignore case");
	is_int(keymap_action_by_name("nope"), KEYMAP_NONE, "unknown action");
	is_str(keymap_action_name(KEYMAP_NACTIONS), "", "name out of range");
}

static void
test_bind(void)
{
	struct keymap km;
	struct buf warn;
	struct err e;

	keymap_init(&km);
	buf_init(&warn, 0);
	is_int(keymap_bind(&km, "open", "o ENTER", &warn, &e), 0, "bind open");
	is_int(keymap_lookup(&km, 'o'), KEYMAP_OPEN, "o now opens");
	is_int(keymap_lookup(&km, 'l'), KEYMAP_NONE, "l no longer bound");
	ok(strstr(warn.data, "key o moved from open-browser to open") != NULL,
	   "conflict reported: %s", warn.data);
	is_int(keymap_bind(&km, "open", "ENTER BOGUS", &warn, &e), -1,
	       "bad key rejected");
	ok(strstr(e.msg, "BOGUS") != NULL, "error names the key: %s", e.msg);
	is_int(keymap_lookup(&km, 'o'), KEYMAP_OPEN, "failed bind changes nothing");
	is_int(keymap_bind(&km, "frobnicate", "x", NULL, &e), -1,
	       "unknown action rejected");
	is_int(keymap_bind(&km, "flag", "none", NULL, &e), 0, "unbind with none");
	is_int(keymap_lookup(&km, 'f'), KEYMAP_NONE, "f unbound");
	is_int(keymap_bind(&km, "flag", "a b c d e f g h i", NULL, &e), -1,
	       "too many keys rejected");
	is_int(keymap_bind(&km, "flag", "F F F", NULL, &e), 0,
	       "duplicate keys folded");
	is_int(km.nkeys[KEYMAP_FLAG], 1, "one key kept");
	buf_free(&warn);
}

static void
test_load_text(void)
{
	static const char cfg[] =
		"[general]\nopen = x\n"
		"[keys]\n"
		"; comment\n"
		"open = ENTER x\n"
		"quit = C-q Q\n"
		"nosuch = z\n"
		"down = j NOPE\n"
		"garbage line\n"
		"search = /\n"
		"open = ENTER x\n"
		"[other]\nflag = Q\n";
	struct keymap km;
	struct buf warn;
	int bad;

	keymap_init(&km);
	buf_init(&warn, 0);
	bad = keymap_load_text(&km, cfg, sizeof(cfg) - 1, "config.ini", &warn);
	is_int(bad, 3, "three bad lines");
	is_int(keymap_lookup(&km, 'x'), KEYMAP_OPEN, "x opens");
	is_int(keymap_lookup(&km, 17), KEYMAP_QUIT, "C-q quits");
	is_int(keymap_lookup(&km, 'j'), KEYMAP_DOWN, "bad line left down alone");
	is_int(keymap_lookup(&km, 'Q'), KEYMAP_QUIT, "other sections ignored");
	ok(strstr(warn.data, "config.ini:7: [keys] unknown action 'nosuch'"),
	   "unknown action: file and line");
	ok(strstr(warn.data, "config.ini:8: [keys] down: unknown key name "
			     "'NOPE'"),
	   "bad key: file, line, action");
	ok(strstr(warn.data, "config.ini:9: [keys]: expected"),
	   "malformed line named");
	ok(strstr(warn.data, "config.ini:11: [keys] open: bound twice"),
	   "double binding reported");
	buf_free(&warn);
	/* NULL warn is allowed */
	is_int(keymap_load_text(&km, cfg, sizeof(cfg) - 1, "c", NULL), 3,
	       "NULL warn");
}

static void
test_wch(void)
{
	is_int(keymap_key_from_wch(OK, 'j'), 'j', "plain char");
	is_int(keymap_key_from_wch(OK, '\r'), '\n', "CR is ENTER");
	is_int(keymap_key_from_wch(KEY_CODE_YES, KEY_ENTER), '\n',
	       "KEY_ENTER is ENTER");
	is_int(keymap_key_from_wch(KEY_CODE_YES, KEY_BACKSPACE), 127,
	       "KEY_BACKSPACE");
	is_int(keymap_key_from_wch(KEY_CODE_YES, KEY_NPAGE),
	       KEYMAP_SPECIAL + KEY_NPAGE, "function key");
	is_int(keymap_key_from_wch(ERR, 0), 0, "ERR is nothing");
	is_int(keymap_key_from_wch(OK, 0x110000), 0, "beyond Unicode");
}

/* Every byte string of a few bytes must parse or fail cleanly. */
static void
test_hostile(void)
{
	struct keymap km;
	char s[4];
	int crashed = 0;

	keymap_init(&km);
	for (int a = 0; a < 256; a++) {
		for (int b = 0; b < 256; b += 7) {
			s[0] = (char)a;
			s[1] = (char)b;
			s[2] = '\0';
			(void)keymap_parse_key(s, NULL);
			(void)keymap_bind(&km, "search", s, NULL, NULL);
		}
	}
	{
		char big[9000];

		memset(big, 'x', sizeof(big) - 1);
		big[sizeof(big) - 1] = '\0';
		big[0] = '[';
		(void)keymap_load_text(&km, big, sizeof(big) - 1, "big", NULL);
		memcpy(big, "[keys]\nopen=", 12);
		(void)keymap_load_text(&km, big, sizeof(big) - 1, "big", NULL);
	}
	ok(!crashed, "hostile names and texts handled");
}

int
main(void)
{
	test_names();
	test_bad_names();
	test_defaults();
	test_bind();
	test_load_text();
	test_wch();
	test_hostile();
	return tap_done();
}
