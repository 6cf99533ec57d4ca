/* config_auto.c: the keys of automatic refresh and notification, in
 * [general], in a source and in a [tag NAME] section. */
#include "autoconfig.h"

#include "config/config.h"
#include "config/config_int.h"
#include "util/str.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PERIOD 525600 /* minutes: a year */
#define MAX_TAG_SECTIONS 1000

/* reload-period's value into *out (minutes); a mistake is noted. */
static void
parse_period(struct config *c, const char *path, const char *section,
	     const char *v, long *out)
{
	if (!v)
		return;
	if (str_to_long(v, 0, MAX_PERIOD, out) < 0)
		config_note(c, 1,
			    "%s: [%s] reload-period: \"%s\" is not a number "
			    "of minutes between 0 and %d",
			    path, section, v, MAX_PERIOD);
}

/* notify's value into *out; terminal only where allowed (in [general]). */
static void
parse_notify(struct config *c, const char *path, const char *section,
	     const char *v, int terminal_ok, int *out)
{
	int b;

	if (!v)
		return;
	if (terminal_ok && !str_casecmp(v, "terminal"))
		*out = CONFIG_NOTIFY_TERMINAL;
	else if (config_parse_bool(v, &b) == 0)
		*out = b ? CONFIG_NOTIFY_YES : CONFIG_NOTIFY_NO;
	else
		config_note(c, 1, "%s: [%s] notify: \"%s\" is not %s", path,
			    section, v,
			    terminal_ok ? "yes, no or terminal" : "yes or no");
}

void
config_auto_general(struct config *c, const char *path, const char *section,
		    const char *reload, const char *notify, const char *command)
{
	struct err e;

	parse_period(c, path, section, reload, &c->reload_period);
	parse_notify(c, path, section, notify, 1, &c->notify);
	if (!command || !*command)
		return;
	config_strv_free(c->notify_command);
	c->notify_command = NULL;
	if (config_split_command(command, &c->notify_command, &e) < 0)
		config_note(c, 1, "%s: [%s] notify-command: %s", path, section,
			    e.msg);
}

void
config_auto_source(struct config *c, struct config_source *s, const char *path,
		   const char *reload, const char *notify)
{
	/* unset until config_auto_resolve() */
	s->reload_period = -1;
	s->notify = -1;
	parse_period(c, path, s->name, reload, &s->reload_period);
	parse_notify(c, path, s->name, notify, 0, &s->notify);
}

void
config_auto_tag(struct config *c, const struct config_section *sec,
		const char *path)
{
	struct config_tag *t;

	if (c->ntag_settings >= MAX_TAG_SECTIONS) {
		config_note(c, 1, "%s: more than %d [tag] sections", path,
			    MAX_TAG_SECTIONS);
		return;
	}
	c->tag_settings = xreallocarray(c->tag_settings, c->ntag_settings + 1,
					sizeof(*c->tag_settings));
	t = &c->tag_settings[c->ntag_settings++];
	memset(t, 0, sizeof(*t));
	/* "tag world": the name after the word */
	t->name = str_trim(xstrdup(sec->name + 3));
	t->reload_period = -1;
	t->notify = -1;
	if (!*t->name)
		config_note(c, 1, "%s: [%s]: which tag? ([tag NAME])", path,
			    sec->name);
	for (size_t i = 0; i < sec->n; i++) {
		const char *k = sec->keys[i], *v = sec->values[i];

		if (!str_casecmp(k, "reload-period"))
			parse_period(c, path, sec->name, v, &t->reload_period);
		else if (!str_casecmp(k, "notify"))
			parse_notify(c, path, sec->name, v, 0, &t->notify);
		else
			config_note(c, 0,
				    "%s:%d: [%s] %s: unknown key (ignored; a "
				    "tag takes reload-period and notify)",
				    path, sec->lines[i], sec->name, k);
	}
}

const struct config_tag *
config_find_tag(const struct config *c, const char *name)
{
	for (size_t i = 0; i < c->ntag_settings; i++)
		if (!str_casecmp(c->tag_settings[i].name, name))
			return &c->tag_settings[i];
	return NULL;
}

void
config_auto_resolve(struct config *c, const char *path)
{
	for (size_t i = 0; i < c->nsources; i++) {
		struct config_source *s = &c->sources[i];

		/* the source's own, else its first tag that says, else
		 * [general] */
		for (size_t j = 0; j < s->ntags; j++) {
			const struct config_tag *t =
			    config_find_tag(c, s->tags[j]);

			if (!t)
				continue;
			if (s->reload_period < 0)
				s->reload_period = t->reload_period;
			if (s->notify < 0)
				s->notify = t->notify;
		}
		if (s->reload_period < 0)
			s->reload_period = c->reload_period;
		if (s->notify < 0)
			s->notify = CONFIG_NOTIFY_YES;
	}
	for (size_t i = 0; i < c->ntag_settings; i++) {
		size_t j, k;

		for (j = 0; j < c->nsources; j++) {
			for (k = 0; k < c->sources[j].ntags; k++)
				if (!str_casecmp(c->sources[j].tags[k],
						 c->tag_settings[i].name))
					break;
			if (k < c->sources[j].ntags)
				break;
		}
		if (j == c->nsources && *c->tag_settings[i].name)
			config_note(c, 0,
				    "%s: [tag %s]: no source has this tag",
				    path, c->tag_settings[i].name);
	}
}

void
config_auto_free(struct config *c)
{
	for (size_t i = 0; i < c->ntag_settings; i++)
		free(c->tag_settings[i].name);
	free(c->tag_settings);
	c->tag_settings = NULL;
	c->ntag_settings = 0;
	config_strv_free(c->notify_command);
	c->notify_command = NULL;
}
