/* command.h: commands written in config.ini (browser, [open], save-command,
 * the exec and pipe of [keys]): words split without a shell, placeholders
 * checked when read and filled when run. */
#ifndef WARTA_COMMAND_H
#define WARTA_COMMAND_H

#include "util/err.h"

/* Flags a command may start with; each parse says which it takes. */
enum {
	CONFIG_COMMAND_BACKGROUND = 1 << 0, /* --background: not waited for,
					       no terminal */
	CONFIG_COMMAND_MARKDOWN = 1 << 1,   /* --markdown: the article piped
					       as Markdown, not text */
};

/* A command as written: its words with their placeholders. */
struct config_command {
	char **argv;	/* NULL-ended, owned; NULL when there is none */
	unsigned flags; /* CONFIG_COMMAND_* given before the words */
};

/* What a command is run on: the values of its placeholders (NULL: empty). */
struct config_command_vars {
	const char *url;    /* %u */
	const char *title;  /* %t */
	const char *source; /* %s */
	const char *file;   /* %f: a file holding the article as Markdown */
};

/* Read s, "[--flag...] WORD...", split as config_split_command() does;
 * flags not in allowed, a word holding a % not followed by u, t, s, f or %,
 * or no words are errors. 0, or -1 with e saying why (*out zeroed). */
int config_command_parse(const char *s, unsigned allowed,
			 struct config_command *out, struct err *e);
/* Free what c owns and zero it. */
void config_command_free(struct config_command *c);
/* 1 when a word of c holds placeholder ph ('u', 't', 's' or 'f'). */
int config_command_uses(const struct config_command *c, char ph);
/* The argument list of c with its placeholders filled from v, each word
 * one argument whatever the values hold, and with url appended as the last
 * argument when append_url is set and no word holds %u. NULL-ended; caller
 * frees with config_strv_free(). */
char **config_command_fill(const struct config_command *c,
			   const struct config_command_vars *v, int append_url);

#endif
