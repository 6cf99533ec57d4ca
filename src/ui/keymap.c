/* keymap.c: actions, key names, bindings and the key -> action lookup. */
#include "autoconfig.h"

#include "ui/keymap.h"
#include "config/config.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/ini.h"
#include "util/str.h"
#include "util/utf8.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

struct action_info {
	const char *name, *keys, *help;
	unsigned views;
};

static const struct action_info actions[KEYMAP_NACTIONS] = {
	[KEYMAP_NONE] = {"", "", "", 0},
#define KEYMAP_X_INFO(id, name, keys, views, help)                             \
	[KEYMAP_##id] = {name, keys, help, views},
	KEYMAP_ACTIONS(KEYMAP_X_INFO)
#undef KEYMAP_X_INFO
};

/* Named keys; the first name of a code is its canonical one. */
static const struct {
	const char *name;
	int key;
} named_keys[] = {
	{"ENTER", '\n'},
	{"RETURN", '\n'},
	{"ESC", 27},
	{"ESCAPE", 27},
	{"SPACE", ' '},
	{"TAB", '\t'},
	{"BACKSPACE", 127},
	{"UP", KEYMAP_SPECIAL + KEY_UP},
	{"DOWN", KEYMAP_SPECIAL + KEY_DOWN},
	{"LEFT", KEYMAP_SPECIAL + KEY_LEFT},
	{"RIGHT", KEYMAP_SPECIAL + KEY_RIGHT},
	{"PGUP", KEYMAP_SPECIAL + KEY_PPAGE},
	{"PAGEUP", KEYMAP_SPECIAL + KEY_PPAGE},
	{"PGDN", KEYMAP_SPECIAL + KEY_NPAGE},
	{"PAGEDOWN", KEYMAP_SPECIAL + KEY_NPAGE},
	{"HOME", KEYMAP_SPECIAL + KEY_HOME},
	{"END", KEYMAP_SPECIAL + KEY_END},
	{"INSERT", KEYMAP_SPECIAL + KEY_IC},
	{"DELETE", KEYMAP_SPECIAL + KEY_DC},
	{"DEL", KEYMAP_SPECIAL + KEY_DC},
	{"BTAB", KEYMAP_SPECIAL + KEY_BTAB},
};
#define NNAMED (sizeof(named_keys) / sizeof(named_keys[0]))

#define KEYMAP_MAX_FKEY 24

void
keymap_init(struct keymap *km)
{
	memset(km, 0, sizeof(*km));
	for (int a = 1; a < KEYMAP_NACTIONS; a++) {
		int rc = keymap_bind(km, actions[a].name, actions[a].keys,
				     NULL, NULL);
		(void)rc; /* the defaults are tested to parse */
	}
}

static void
macro_free(struct keymap_macro *m)
{
	for (size_t i = 0; i < m->nsteps; i++)
		config_command_free(&m->steps[i].cmd);
	free(m->steps);
	free(m->text);
	memset(m, 0, sizeof(*m));
}

void
keymap_free(struct keymap *km)
{
	for (size_t i = 0; i < km->nmacros; i++)
		macro_free(&km->macros[i]);
	free(km->macros);
	memset(km, 0, sizeof(*km));
}

const char *
keymap_action_name(enum keymap_action a)
{
	return a > 0 && a < KEYMAP_NACTIONS ? actions[a].name : "";
}

const char *
keymap_action_help(enum keymap_action a)
{
	return a > 0 && a < KEYMAP_NACTIONS ? actions[a].help : "";
}

unsigned
keymap_action_views(enum keymap_action a)
{
	return a > 0 && a < KEYMAP_NACTIONS ? actions[a].views : 0;
}

enum keymap_action
keymap_action_by_name(const char *name)
{
	if (!name)
		return KEYMAP_NONE;
	for (int a = 1; a < KEYMAP_NACTIONS; a++)
		if (!str_casecmp(actions[a].name, name))
			return (enum keymap_action)a;
	return KEYMAP_NONE;
}

int
keymap_parse_key(const char *name, struct err *e)
{
	size_t len = name ? strlen(name) : 0;
	uint32_t cp;
	long n;
	int k;

	if (!len)
		return err_set(e, "empty key name"), 0;
	if (len >= KEYMAP_NAME_MAX)
		return err_set(e, "key name too long"), 0;
	/* a single character, of any script */
	if (utf8_decode(name, len, &cp) == len) {
		if (cp == UTF8_REPLACEMENT && strcmp(name, "\xef\xbf\xbd"))
			return err_set(e, "key name is not valid UTF-8"), 0;
		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
			return err_set(e, "control character as key name "
					  "(write it as C-x)"),
			       0;
		if (cp == ' ')
			return ' ';
		return (int)cp;
	}
	if (len > 2 && (name[0] == 'M' || name[0] == 'm') && name[1] == '-') {
		k = keymap_parse_key(name + 2, e);
		if (!k || (k & KEYMAP_ALT))
			return err_set(e, "bad key name '%s'", name), 0;
		return KEYMAP_ALT | k;
	}
	if (len == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-') {
		unsigned char c = (unsigned char)name[2];

		if (c >= 'a' && c <= 'z')
			return c - 'a' + 1;
		if (c >= 'A' && c <= 'Z')
			return c - 'A' + 1;
		return err_set(e, "unknown key name '%s' (C- takes a letter)",
			       name),
		       0;
	}
	for (size_t i = 0; i < NNAMED; i++)
		if (!str_casecmp(named_keys[i].name, name))
			return named_keys[i].key;
	if ((name[0] == 'F' || name[0] == 'f') && len >= 2 && len <= 3 &&
	    name[1] >= '0' && name[1] <= '9' &&
	    !str_to_long(name + 1, 1, KEYMAP_MAX_FKEY, &n))
		return KEYMAP_SPECIAL + KEY_F((int)n);
	return err_set(e, "unknown key name '%s'", name), 0;
}

void
keymap_key_name(int key, char *out)
{
	char pre[3] = "";
	int k = key & ~KEYMAP_ALT;

	if (key & KEYMAP_ALT)
		memcpy(pre, "M-", 3);
	for (size_t i = 0; i < NNAMED; i++) {
		if (named_keys[i].key == k) {
			snprintf(out, KEYMAP_NAME_MAX, "%s%s", pre,
				 named_keys[i].name);
			return;
		}
	}
	if (k >= KEYMAP_SPECIAL + KEY_F(1) &&
	    k <= KEYMAP_SPECIAL + KEY_F(KEYMAP_MAX_FKEY)) {
		snprintf(out, KEYMAP_NAME_MAX, "%sF%d", pre,
			 k - KEYMAP_SPECIAL - KEY_F(0));
	} else if (k >= KEYMAP_SPECIAL) {
		snprintf(out, KEYMAP_NAME_MAX, "%sKEY%d", pre,
			 k - KEYMAP_SPECIAL);
	} else if (k > 0 && k < 0x20) {
		snprintf(out, KEYMAP_NAME_MAX, "%sC-%c", pre, 'a' + k - 1);
	} else if (k > 0 && k <= 0x10ffff) {
		char u[5];
		size_t n = utf8_encode((uint32_t)k, u);

		u[n] = '\0';
		snprintf(out, KEYMAP_NAME_MAX, "%s%s", pre, u);
	} else {
		snprintf(out, KEYMAP_NAME_MAX, "?");
	}
}

/* Remove the commands bound to key; 1 when there were. */
static int
unbind_macro(struct keymap *km, int key)
{
	for (size_t i = 0; i < km->nmacros; i++) {
		if (km->macros[i].key != key)
			continue;
		macro_free(&km->macros[i]);
		memmove(&km->macros[i], &km->macros[i + 1],
			(km->nmacros - i - 1) * sizeof(km->macros[0]));
		km->nmacros--;
		return 1;
	}
	return 0;
}

/* Remove key from action a's list. */
static void
unbind_key(struct keymap *km, int a, int key)
{
	for (int i = 0; i < km->nkeys[a]; i++) {
		if (km->keys[a][i] == key) {
			memmove(&km->keys[a][i], &km->keys[a][i + 1],
				(size_t)(km->nkeys[a] - i - 1) *
					sizeof(km->keys[a][0]));
			km->nkeys[a]--;
			return;
		}
	}
}

int
keymap_bind(struct keymap *km, const char *action, const char *keys,
	    struct buf *warn, struct err *e)
{
	int parsed[KEYMAP_MAX_KEYS], n = 0;
	enum keymap_action a = keymap_action_by_name(action);
	const char *p = keys ? keys : "";
	char tok[KEYMAP_NAME_MAX];
	struct err ke;

	if (a == KEYMAP_NONE)
		return err_set(e, "unknown action '%s'", action ? action : "");
	while (*p) {
		size_t len;
		int k, dup = 0;

		while (*p && str_isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		len = strcspn(p, " \t\r\n\f\v");
		if (len >= sizeof(tok))
			return err_set(e, "%s: key name too long", action);
		memcpy(tok, p, len);
		tok[len] = '\0';
		p += len;
		if (n == 0 && !*p && !str_casecmp(tok, "none"))
			break;
		k = keymap_parse_key(tok, &ke);
		if (!k)
			return err_set(e, "%s: %s", action, ke.msg);
		for (int i = 0; i < n; i++)
			dup |= parsed[i] == k;
		if (dup)
			continue;
		if (n == KEYMAP_MAX_KEYS)
			return err_set(e, "%s: more than %d keys", action,
				       KEYMAP_MAX_KEYS);
		parsed[n++] = k;
	}
	km->nkeys[a] = 0;
	for (int i = 0; i < n; i++) {
		enum keymap_action old = keymap_lookup(km, parsed[i]);

		if (unbind_macro(km, parsed[i]) && warn) {
			char kn[KEYMAP_NAME_MAX];

			keymap_key_name(parsed[i], kn);
			buf_printf(warn, "key %s moved from a command to %s\n",
				   kn, actions[a].name);
		}
		if (old != KEYMAP_NONE) {
			char kn[KEYMAP_NAME_MAX];

			keymap_key_name(parsed[i], kn);
			unbind_key(km, old, parsed[i]);
			if (warn)
				buf_printf(warn,
					   "key %s moved from %s to %s\n", kn,
					   actions[old].name, actions[a].name);
		}
		km->keys[a][km->nkeys[a]++] = parsed[i];
	}
	return 0;
}

/* The end of the step starting at p: the next ';' outside quotes (a
 * backslash escapes outside single quotes, as the command splitter
 * reads it), or the end. */
static const char *
step_end(const char *p)
{
	char q = 0;

	for (; *p; p++) {
		if (q == '\'') {
			if (*p == q)
				q = 0;
		} else if (*p == '\\' && p[1]) {
			p++;
		} else if (q) {
			if (*p == q)
				q = 0;
		} else if (*p == '\'' || *p == '"') {
			q = *p;
		} else if (*p == ';') {
			break;
		}
	}
	return p;
}

/* Read one step, text[0..len), into st. 0, or -1 with e set. */
static int
step_parse(const char *text, size_t len, struct keymap_step *st, struct err *e)
{
	char *s = str_trim(xstrndup(text, len));
	size_t wl = strcspn(s, " \t");
	const char *rest = s + wl + strspn(s + wl, " \t");
	struct err ce;
	int rc = -1;

	memset(st, 0, sizeof(*st));
	if ((wl == 4 && !memcmp(s, "exec", 4)) ||
	    (wl == 4 && !memcmp(s, "pipe", 4))) {
		int pipe = s[0] == 'p';

		st->kind = pipe ? KEYMAP_STEP_PIPE : KEYMAP_STEP_EXEC;
		if (config_command_parse(rest,
					 pipe ? CONFIG_COMMAND_MARKDOWN
					      : CONFIG_COMMAND_BACKGROUND,
					 &st->cmd, &ce) < 0) {
			err_set(e, "%.4s: %s", s, ce.msg);
			goto out;
		}
		rc = 0;
		goto out;
	}
	s[wl] = '\0';
	st->kind = KEYMAP_STEP_ACTION;
	st->action = keymap_action_by_name(s);
	if (st->action == KEYMAP_NONE)
		err_set(e, "'%s' is not an action, exec or pipe", s);
	else if (*rest)
		err_set(e, "%s takes nothing after it ('%s')", s, rest);
	else
		rc = 0;
out:
	free(s);
	return rc;
}

int
keymap_bind_macro(struct keymap *km, int key, const char *steps,
		  struct buf *warn, struct err *e)
{
	struct keymap_macro m;
	enum keymap_action old;
	char kn[KEYMAP_NAME_MAX];
	const char *p = steps ? steps : "";

	memset(&m, 0, sizeof(m));
	keymap_key_name(key, kn);
	while (*p) {
		const char *end = step_end(p);
		struct keymap_step st;
		size_t i;

		for (i = 0; p + i < end && str_isspace((unsigned char)p[i]);
		     i++)
			;
		if (p + i == end) { /* an empty step: nothing to do */
			p = *end ? end + 1 : end;
			continue;
		}
		if (m.nsteps == KEYMAP_MAX_STEPS) {
			err_set(e, "%s: more than %d steps", kn,
				KEYMAP_MAX_STEPS);
			goto fail;
		}
		if (step_parse(p, (size_t)(end - p), &st, e) < 0) {
			err_prefix(e, "%s: ", kn);
			goto fail;
		}
		m.steps =
		    xreallocarray(m.steps, m.nsteps + 1, sizeof(*m.steps));
		m.steps[m.nsteps++] = st;
		p = *end ? end + 1 : end;
	}
	if (!m.nsteps) {
		err_set(e, "%s: no command", kn);
		goto fail;
	}
	if (!unbind_macro(km, key) && km->nmacros == KEYMAP_MAX_MACROS) {
		err_set(e, "%s: more than %d keys bound to commands", kn,
			KEYMAP_MAX_MACROS);
		goto fail;
	}
	old = keymap_lookup(km, key);
	if (old != KEYMAP_NONE) {
		unbind_key(km, old, key);
		if (warn)
			buf_printf(warn, "key %s moved from %s to a command\n",
				   kn, actions[old].name);
	}
	m.key = key;
	m.text = str_trim(xstrdup(steps));
	km->macros =
	    xreallocarray(km->macros, km->nmacros + 1, sizeof(*km->macros));
	km->macros[km->nmacros++] = m;
	return 0;
fail:
	macro_free(&m);
	return -1;
}

/* 1 when value reads as steps rather than keys: it starts with exec,
 * pipe or an action's name, or has more than one step. */
static int
looks_like_steps(const char *value)
{
	const char *p = value ? value : "";
	char word[32];
	size_t n;

	while (str_isspace((unsigned char)*p))
		p++;
	n = strcspn(p, " \t");
	if (*step_end(p))
		return 1;
	if (n >= sizeof(word))
		return 0;
	memcpy(word, p, n);
	word[n] = '\0';
	return !strcmp(word, "exec") || !strcmp(word, "pipe") ||
	       keymap_action_by_name(word) != KEYMAP_NONE;
}

int
keymap_set(struct keymap *km, const char *name, const char *value,
	   struct buf *warn, struct err *e)
{
	enum keymap_action a = keymap_action_by_name(name);
	struct err ke;
	int key;

	if (a != KEYMAP_NONE) {
		if (keymap_bind(km, name, value, warn, &ke) == 0)
			return 0;
		if (!looks_like_steps(value))
			return err_set(e, "%s", ke.msg);
	}
	key = keymap_parse_key(name, NULL);
	if (!key)
		return a != KEYMAP_NONE
			   ? err_set(e, "%s", ke.msg)
			   : err_set(e, "unknown action or key '%s'",
				     name ? name : "");
	return keymap_bind_macro(km, key, value, warn, e);
}

int
keymap_load_text(struct keymap *km, const char *text, size_t len,
		 const char *name, struct buf *warn)
{
	struct ini_iter it;
	struct buf w, scratch;
	struct err e;
	int rc, bad = 0, saw[KEYMAP_NACTIONS] = {0};

	buf_init(&w, 0);
	buf_init(&scratch, 0);
	if (!warn)
		warn = &scratch;
	ini_iter_init(&it, text, len);
	while ((rc = ini_iter_next(&it)) != 0) {
		enum keymap_action a;

		if (str_casecmp(it.section, "keys"))
			continue;
		if (rc < 0) {
			bad++;
			buf_printf(warn, "%s:%d: [keys]: %s\n", name, it.line,
				   it.error);
			continue;
		}
		a = keymap_action_by_name(it.key);
		if (a != KEYMAP_NONE && saw[a])
			buf_printf(warn, "%s:%d: [keys] %s: bound twice, the "
					 "last one counts\n",
				   name, it.line, it.key);
		buf_reset(&w);
		if (keymap_set(km, it.key, it.value, &w, &e) < 0) {
			bad++;
			buf_printf(warn, "%s:%d: [keys] %s\n", name, it.line,
				   e.msg);
			continue;
		}
		saw[a] = 1;
		/* prefix each conflict line with where it came from */
		for (const char *l = w.data; l && *l;) {
			const char *nl = strchr(l, '\n');
			int ll = nl ? (int)(nl - l) : (int)strlen(l);

			buf_printf(warn, "%s:%d: [keys] %.*s\n", name, it.line,
				   ll, l);
			l = nl ? nl + 1 : l + ll;
		}
	}
	buf_free(&w);
	buf_free(&scratch);
	return bad;
}

const struct keymap_macro *
keymap_macro_lookup(const struct keymap *km, int key)
{
	for (size_t i = 0; key && i < km->nmacros; i++)
		if (km->macros[i].key == key)
			return &km->macros[i];
	return NULL;
}

enum keymap_action
keymap_lookup(const struct keymap *km, int key)
{
	if (!key)
		return KEYMAP_NONE;
	for (int a = 1; a < KEYMAP_NACTIONS; a++)
		for (int i = 0; i < km->nkeys[a]; i++)
			if (km->keys[a][i] == key)
				return (enum keymap_action)a;
	return KEYMAP_NONE;
}

int
keymap_key_from_wch(int rc, unsigned wc)
{
	if (rc == KEY_CODE_YES) {
		if (wc == KEY_ENTER)
			return '\n';
		if (wc == KEY_BACKSPACE)
			return 127;
		if (wc > 0 && wc < 0x10000)
			return KEYMAP_SPECIAL + (int)wc;
		return 0;
	}
	if (rc != OK)
		return 0;
	if (wc == '\r')
		return '\n';
	if (wc == 0 || wc > 0x10ffff)
		return 0;
	return (int)wc;
}

void
keymap_keys_string(const struct keymap *km, enum keymap_action a, char *out,
		   size_t n)
{
	size_t used = 0;

	if (!n)
		return;
	out[0] = '\0';
	if (a <= 0 || a >= KEYMAP_NACTIONS)
		return;
	for (int i = 0; i < km->nkeys[a]; i++) {
		char kn[KEYMAP_NAME_MAX];
		size_t kl;

		keymap_key_name(km->keys[a][i], kn);
		kl = strlen(kn);
		if (used + (used ? 1 : 0) + kl + 1 > n)
			break;
		if (used)
			out[used++] = ' ';
		memcpy(out + used, kn, kl + 1);
		used += kl;
	}
}

char *
keymap_help_text(const struct keymap *km, unsigned views)
{
	struct buf b;

	buf_init(&b, 0);
	for (int a = 1; a < KEYMAP_NACTIONS; a++) {
		char keys[KEYMAP_MAX_KEYS * KEYMAP_NAME_MAX];

		if (!(actions[a].views & views))
			continue;
		keymap_keys_string(km, (enum keymap_action)a, keys,
				   sizeof(keys));
		buf_printf(&b, "%-16s %-17s %s\n", keys[0] ? keys : "(none)",
			   actions[a].name, actions[a].help);
	}
	for (size_t i = 0; i < km->nmacros; i++) {
		char kn[KEYMAP_NAME_MAX];

		keymap_key_name(km->macros[i].key, kn);
		buf_printf(&b, "%-16s %-17s %s\n", kn, "(command)",
			   km->macros[i].text);
	}
	return buf_steal(&b);
}
