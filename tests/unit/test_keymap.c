/* test_keymap.c: key names, defaults, [keys] bindings and conflicts. */
#include "autoconfig.h"

#include "ui/keymap.h"
#include "util/buf.h"
#include "util/err.h"

#include "tap.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

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
	ok(strstr(warn.data,
		  "config.ini:7: [keys] unknown action or key 'nosuch'"),
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

/* Keys bound to commands: steps in order, flags, conflicts with actions,
 * and every mistake explained. */
static void
test_macros(void)
{
	const struct keymap_macro *m;
	struct keymap km;
	struct buf warn;
	struct err e;

	keymap_init(&km);
	buf_init(&warn, 0);
	is_int(keymap_set(&km, "x",
			  "exec --background mpv --title '%t; %s' %u; "
			  "toggle-read ; pipe --markdown wc -w",
			  &warn, &e),
	       0, "x bound to three steps");
	m = keymap_macro_lookup(&km, 'x');
	ok(m && m->nsteps == 3, "... found by its key");
	if (m && m->nsteps == 3) {
		is_int(m->steps[0].kind, KEYMAP_STEP_EXEC, "... exec first");
		is_int(m->steps[0].cmd.flags, CONFIG_COMMAND_BACKGROUND,
		       "... in the background");
		is_str(m->steps[0].cmd.argv[2], "%t; %s",
		       "... a ';' in quotes is no step's end");
		is_int(m->steps[1].kind, KEYMAP_STEP_ACTION,
		       "... then an action");
		is_int(m->steps[1].action, KEYMAP_TOGGLE_READ,
		       "... toggle-read");
		is_int(m->steps[2].kind, KEYMAP_STEP_PIPE, "... then a pipe");
		is_int(m->steps[2].cmd.flags, CONFIG_COMMAND_MARKDOWN,
		       "... of Markdown");
	}
	is_int(keymap_lookup(&km, 'x'), KEYMAP_NONE, "x runs no action");

	is_int(keymap_set(&km, "o", "exec mpv %u", &warn, &e), 0,
	       "o bound to a command");
	ok(strstr(warn.data, "key o moved from open-browser to a command"),
	   "... taken from its action, and said so");
	is_int(keymap_lookup(&km, 'o'), KEYMAP_NONE, "... which lost it");
	buf_reset(&warn);
	is_int(keymap_set(&km, "open-browser", "o", &warn, &e), 0,
	       "an action takes it back");
	ok(warn.data && strstr(warn.data, "key o moved from a command to "
					  "open-browser"),
	   "... and that is said too");
	ok(!keymap_macro_lookup(&km, 'o'), "... the command is gone");
	is_int(keymap_set(&km, "DOWN", "exec notify-send down", NULL, &e), 0,
	       "DOWN = exec ...: the key, as the value is no key list");
	ok(keymap_macro_lookup(&km, KEYMAP_SPECIAL + KEY_DOWN) != NULL,
	   "... bound to the command");
	is_int(keymap_set(&km, "up", "PGUP", NULL, &e), 0,
	       "up = PGUP: still the action's keys");
	is_int(keymap_lookup(&km, KEYMAP_SPECIAL + KEY_PPAGE), KEYMAP_UP,
	       "... bound to up");
	is_int(keymap_set(&km, "C-x", "exec a; exec b", NULL, &e), 0,
	       "a control key");
	is_int(keymap_set(&km, "C-x", "exec c", NULL, &e), 0, "bound again");
	m = keymap_macro_lookup(&km, 24);
	ok(m && m->nsteps == 1 && !strcmp(m->text, "exec c"),
	   "... the last one counts");

	is_int(keymap_set(&km, "z", "frobnicate", NULL, &e), -1,
	       "an unknown step");
	ok(strstr(e.msg, "z: 'frobnicate' is not an action, exec or pipe"),
	   "... explained (%s)", e.msg);
	is_int(keymap_set(&km, "z", "exec mpv %y", NULL, &e), -1,
	       "a bad placeholder");
	ok(strstr(e.msg, "z: exec: unknown placeholder %y"),
	   "... explained (%s)", e.msg);
	is_int(keymap_set(&km, "z", "exec --markdown cat", NULL, &e), -1,
	       "a pipe's flag on exec");
	is_int(keymap_set(&km, "z", "pipe --background cat", NULL, &e), -1,
	       "exec's flag on a pipe");
	is_int(keymap_set(&km, "z", "exec 'unclosed; quit", NULL, &e), -1,
	       "an unclosed quote");
	is_int(keymap_set(&km, "z", "toggle-read now", NULL, &e), -1,
	       "words after an action");
	is_int(keymap_set(&km, "z", " ; ; ", NULL, &e), -1, "no steps");
	is_int(keymap_set(&km, "zz", "exec a", NULL, &e), -1,
	       "neither an action nor a key");
	ok(strstr(e.msg, "unknown action or key 'zz'"), "... explained (%s)",
	   e.msg);
	is_int(keymap_set(&km, "open", "exec a", NULL, &e), -1,
	       "an action that names no key takes keys only");
	ok(!keymap_macro_lookup(&km, 'z'), "no failed binding is kept");
	buf_reset(&warn);
	for (int i = 0; i < KEYMAP_MAX_STEPS + 1; i++)
		buf_puts(&warn, "toggle-read;");
	is_int(keymap_set(&km, "z", warn.data, NULL, &e), -1, "too many steps");
	{
		char *help = keymap_help_text(&km, KEYMAP_ALL);

		ok(strstr(help, "(command)") && strstr(help, "exec c"),
		   "the help lists the keys bound to commands");
		free(help);
	}
	buf_free(&warn);
	keymap_free(&km);
	is_int(km.nmacros, 0, "freed");
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
	test_macros();
	return tap_done();
}
