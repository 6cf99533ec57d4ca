/* config_command.c: commands in config.ini: their flags and placeholders,
 * the [open] section (URL patterns to commands) and where saves go. */
#include "autoconfig.h"

#include "config/command.h"
#include "config/config.h"
#include "config/config_int.h"
#include "util/buf.h"
#include "util/regex.h"
#include "util/str.h"

#include <regex.h>
#include <stdlib.h>
#include <string.h>

#define MAX_OPENERS 200

static const struct {
	const char *name;
	unsigned flag;
} flag_names[] = {
    {"--background", CONFIG_COMMAND_BACKGROUND},
    {"--markdown", CONFIG_COMMAND_MARKDOWN},
};
#define NFLAGS (sizeof(flag_names) / sizeof(flag_names[0]))

/* 0 when every % of word starts a placeholder, else -1 with e set. */
static int
check_word(const char *word, struct err *e)
{
	for (const char *p = word; (p = strchr(p, '%')) != NULL; p += 2) {
		if (!p[1])
			return err_set(e,
				       "'%%' at the end of \"%s\" (write "
				       "%%%% for a %%)",
				       word);
		if (!strchr("utsf%", p[1]))
			return err_set(e,
				       "unknown placeholder %%%c in \"%s\" "
				       "(%%u, %%t, %%s, %%f or %%%%)",
				       p[1], word);
	}
	return 0;
}

int
config_command_parse(const char *s, unsigned allowed,
		     struct config_command *out, struct err *e)
{
	char **words = NULL;
	size_t skip = 0, n;

	memset(out, 0, sizeof(*out));
	if (config_split_command(s ? s : "", &words, e) < 0)
		return -1;
	for (; words[skip] && str_starts_with(words[skip], "--"); skip++) {
		size_t f;

		if (!strcmp(words[skip], "--")) {
			skip++;
			break;
		}
		for (f = 0; f < NFLAGS; f++)
			if (!strcmp(words[skip], flag_names[f].name) &&
			    (allowed & flag_names[f].flag))
				break;
		if (f == NFLAGS) {
			err_set(e, "unknown flag %s", words[skip]);
			goto fail;
		}
		out->flags |= flag_names[f].flag;
	}
	if (!words[skip]) {
		err_set(e, "no command");
		goto fail;
	}
	for (n = skip; words[n]; n++)
		if (check_word(words[n], e) < 0)
			goto fail;
	/* the flags go; the words move down */
	for (size_t i = 0; i < skip; i++)
		free(words[i]);
	memmove(words, words + skip, (n - skip + 1) * sizeof(*words));
	out->argv = words;
	return 0;
fail:
	config_strv_free(words);
	out->flags = 0;
	return -1;
}

void
config_command_free(struct config_command *c)
{
	config_strv_free(c->argv);
	memset(c, 0, sizeof(*c));
}

int
config_command_uses(const struct config_command *c, char ph)
{
	for (size_t i = 0; c->argv && c->argv[i]; i++)
		for (const char *p = c->argv[i]; (p = strchr(p, '%')) != NULL;
		     p += 2) {
			if (!p[1])
				break;
			if (p[1] == ph)
				return 1;
		}
	return 0;
}

/* word with its placeholders filled from v; caller frees. */
static char *
fill_word(const char *word, const struct config_command_vars *v)
{
	struct buf b;

	buf_init(&b, 0);
	for (const char *p = word; *p; p++) {
		const char *val = NULL;

		if (*p != '%' || !p[1]) {
			buf_putc(&b, *p);
			continue;
		}
		switch (*++p) {
		case 'u':
			val = v->url;
			break;
		case 't':
			val = v->title;
			break;
		case 's':
			val = v->source;
			break;
		case 'f':
			val = v->file;
			break;
		default: /* %%, and what the parse refused */
			buf_putc(&b, *p);
			continue;
		}
		buf_puts(&b, val ? val : "");
	}
	return b.data ? buf_steal(&b) : xstrdup("");
}

char **
config_command_fill(const struct config_command *c,
		    const struct config_command_vars *v, int append_url)
{
	size_t n = 0;
	char **argv;
	int add = append_url && !config_command_uses(c, 'u');

	while (c->argv && c->argv[n])
		n++;
	argv = xcalloc(n + 2, sizeof(*argv));
	for (size_t i = 0; i < n; i++)
		argv[i] = fill_word(c->argv[i], v);
	if (add)
		argv[n] = xstrdup(v->url ? v->url : "");
	return argv;
}

/* ---- [general]: the browser, and where saves go */

void
config_commands_load(struct config *c, const char *path, const char *dir,
		     const char *format, const char *command)
{
	struct config_command browser;
	struct err e;

	if (c->browser) {
		if (config_command_parse(c->browser, 0, &browser, &e) < 0)
			config_note(c, 1, "%s: [general] browser: %s", path,
				    e.msg);
		config_command_free(&browser);
	}

	if (dir && *dir) {
		const char *home = getenv("HOME");

		if (!strcmp(dir, "~") || str_starts_with(dir, "~/")) {
			if (home && *home)
				c->save_dir = xasprintf("%s%s", home, dir + 1);
			else
				config_note(c, 1,
					    "%s: [general] save-dir: \"%s\": "
					    "HOME is not set",
					    path, dir);
		} else if (dir[0] != '/') {
			config_note(c, 1,
				    "%s: [general] save-dir: \"%s\" is not an "
				    "absolute path (or ~/...)",
				    path, dir);
		} else {
			c->save_dir = xstrdup(dir);
		}
	}
	if (format && *format) {
		if (!str_casecmp(format, "html"))
			c->save_html = 1;
		else if (!str_casecmp(format, "markdown"))
			c->save_html = 0;
		else
			config_note(c, 1,
				    "%s: [general] save-format: \"%s\" is not "
				    "markdown or html",
				    path, format);
	}
	if (command && *command &&
	    config_command_parse(command, CONFIG_COMMAND_BACKGROUND,
				 &c->save_command, &e) < 0)
		config_note(c, 1, "%s: [general] save-command: %s", path,
			    e.msg);
}

/* ---- [open] */

void
config_open_load(struct config *c, const struct config_section *sec,
		 const char *path)
{
	for (size_t i = 0; i < sec->n; i++) {
		struct config_opener *o;
		struct err e;
		regex_t re;

		if (c->nopeners == MAX_OPENERS) {
			config_note(c, 1,
				    "%s:%d: [open]: more than %d patterns",
				    path, sec->lines[i], MAX_OPENERS);
			return;
		}
		if (regex_compile_bounded(&re, sec->keys[i], &e) < 0) {
			config_note(c, 1,
				    "%s:%d: [open] %s: not a regular "
				    "expression (%s)",
				    path, sec->lines[i], sec->keys[i], e.msg);
			continue;
		}
		c->openers = xreallocarray(c->openers, c->nopeners + 1,
					   sizeof(*c->openers));
		o = &c->openers[c->nopeners];
		memset(o, 0, sizeof(*o));
		o->re = re;
		if (config_command_parse(sec->values[i],
					 CONFIG_COMMAND_BACKGROUND, &o->cmd,
					 &e) < 0) {
			config_note(c, 1, "%s:%d: [open] %s: %s", path,
				    sec->lines[i], sec->keys[i], e.msg);
			regfree(&o->re);
			continue;
		}
		o->pattern = xstrdup(sec->keys[i]);
		o->line = sec->lines[i];
		c->nopeners++;
	}
}

void
config_commands_free(struct config *c)
{
	for (size_t i = 0; i < c->nopeners; i++) {
		regfree(&c->openers[i].re);
		free(c->openers[i].pattern);
		config_command_free(&c->openers[i].cmd);
	}
	free(c->openers);
	c->openers = NULL;
	c->nopeners = 0;
	free(c->save_dir);
	c->save_dir = NULL;
	config_command_free(&c->save_command);
}
