/* config_sync.c: the [sync] section of config.ini: which server, who, and where
 * the secret comes from. */
#include "autoconfig.h"

#include "config/config.h"
#include "config/config_int.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/url.h"

#include <stdlib.h>
#include <string.h>

#define MAX_ARGS 64

void
config_strv_free(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

int
config_split_command(const char *s, char ***argv, struct err *e)
{
	char **v = xcalloc(MAX_ARGS + 1, sizeof(*v));
	struct buf w;
	size_t n = 0;
	const char *p = s;

	*argv = NULL;
	buf_init(&w, 0);
	for (;;) {
		int in_word = 0;

		while (str_isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		buf_reset(&w);
		while (*p && !str_isspace((unsigned char)*p)) {
			char q = *p;

			in_word = 1;
			if (q == '\\' && p[1]) {
				buf_putc(&w, p[1]);
				p += 2;
			} else if (q == '\'' || q == '"') {
				const char *open = p++;

				while (*p && *p != q) {
					if (q == '"' && *p == '\\' && p[1])
						p++;
					buf_putc(&w, *p++);
				}
				if (!*p) {
					err_set(e, "unclosed %c at column %zu",
						q, (size_t)(open - s) + 1);
					goto fail;
				}
				p++;
			} else {
				buf_putc(&w, *p++);
			}
		}
		if (!in_word)
			continue;
		if (n == MAX_ARGS) {
			err_set(e, "more than %d arguments", MAX_ARGS);
			goto fail;
		}
		v[n++] = xstrdup(w.data ? w.data : "");
	}
	buf_free(&w);
	if (!n) {
		free(v);
		return err_set(e, "no command");
	}
	*argv = v;
	return 0;
fail:
	buf_free(&w);
	config_strv_free(v);
	return -1;
}

int
config_url_is_loopback(const char *url)
{
	char *host = url_host(url);
	int yes = 0;

	if (!host)
		return 0;
	/* url_host() keeps the brackets of an IPv6 literal or not: both */
	yes = !strcmp(host, "localhost") || !strcmp(host, "::1") ||
	      !strcmp(host, "[::1]") || str_starts_with(host, "127.");
	if (str_starts_with(host, "127.")) {
		/* all four parts numeric: not "127.example.com" */
		const char *p = host;
		int dots = 0;

		for (; *p; p++)
			if (*p == '.')
				dots++;
			else if (*p < '0' || *p > '9')
				yes = 0;
		if (dots != 3)
			yes = 0;
	}
	free(host);
	return yes;
}

void
config_sync_free(struct config_sync *s)
{
	free(s->service);
	free(s->name);
	free(s->url);
	free(s->user);
	config_strv_free(s->password_command);
	free(s->password_file);
	memset(s, 0, sizeof(*s));
}

/* The value of key in sec (as written: quotes removed, comments cut), or
 * NULL; *line set. */
static const char *
value(const struct config_section *sec, const char *key, int *line)
{
	for (size_t i = 0; i < sec->n; i++)
		if (!str_casecmp(sec->keys[i], key)) {
			if (line)
				*line = sec->lines[i];
			return sec->values[i];
		}
	return NULL;
}

/* 1 when url has user info ("https://me:secret@host/"). */
static int
has_userinfo(const char *url)
{
	struct url_parts p;

	url_split(url, &p);
	return p.authority && memchr(p.authority, '@', p.authority_len);
}

/* Services that speak the Google Reader API, by the name people know. */
static const char *const greader_names[] = {
    "greader",	    "freshrss", "miniflux", "inoreader",
    "theoldreader", "bazqux",	NULL,
};

void
config_sync_load(struct config *c, const struct config_section *sec,
		 const char *path)
{
	static const char *const known[] = {
	    "service",	     "url",	      "user",	  "password-command",
	    "password-file", "insecure-http", "password", NULL,
	};
	struct config_sync *s = &c->sync;
	const char *v;
	int line = 0;

	config_sync_free(s);
	s->on = 1;
	for (size_t i = 0; i < sec->n; i++) {
		size_t k;

		for (k = 0; known[k]; k++)
			if (!str_casecmp(sec->keys[i], known[k]))
				break;
		if (!known[k])
			config_note(c, 0,
				    "%s:%d: [sync] %s: unknown key "
				    "(ignored)",
				    path, sec->lines[i], sec->keys[i]);
	}
	if (value(sec, "password", &line))
		config_note(c, 1,
			    "%s:%d: [sync] password: a password is never "
			    "kept in the config file (anyone who sees the "
			    "file would have it): use password-command, "
			    "password-file or WARTA_SYNC_PASSWORD",
			    path, line);

	v = value(sec, "service", &line);
	if (!v || !*v) {
		if (value(sec, "url", NULL))
			config_note(c, 1,
				    "%s: [sync] is warta's sync section: it "
				    "needs a service (greader or nextcloud); "
				    "a source called \"sync\" needs another "
				    "name",
				    path);
		else
			config_note(c, 1,
				    "%s: [sync] service: missing (greader or "
				    "nextcloud)",
				    path);
	} else if (!str_casecmp(v, "nextcloud")) {
		s->service = xstrdup("nextcloud");
		s->name = xstrdup("nextcloud");
	} else {
		for (size_t i = 0; greader_names[i]; i++)
			if (!str_casecmp(v, greader_names[i])) {
				s->service = xstrdup("greader");
				s->name = xstrdup(greader_names[i]);
			}
		if (!s->service)
			config_note(c, 1,
				    "%s:%d: [sync] service: \"%s\" is not "
				    "greader (or freshrss, miniflux, "
				    "inoreader, theoldreader, bazqux) or "
				    "nextcloud",
				    path, line, v);
	}

	v = value(sec, "insecure-http", &line);
	if (v && config_parse_bool(v, &s->insecure_http) < 0)
		config_note(c, 1,
			    "%s:%d: [sync] insecure-http: \"%s\" is not "
			    "yes or no",
			    path, line, v);

	v = value(sec, "url", &line);
	if (!v || !*v) {
		config_note(c, 1, "%s: [sync] url: missing", path);
	} else if (!url_is_http(v)) {
		config_note(c, 1,
			    "%s:%d: [sync] url: \"%s\" is not an http "
			    "or https URL",
			    path, line, v);
	} else if (has_userinfo(v)) {
		config_note(c, 1,
			    "%s:%d: [sync] url: holds a user name or "
			    "password: give the user as user = and the "
			    "password as warta.ini(5) says",
			    path, line);
	} else if (!str_istarts_with(v, "https:") && !s->insecure_http &&
		   !config_url_is_loopback(v)) {
		config_note(c, 1,
			    "%s:%d: [sync] url: \"%s\" is plain http: the "
			    "password would cross the network readable; use "
			    "https (or insecure-http = yes)",
			    path, line, v);
	} else {
		size_t n = strlen(v);

		/* "https://host/" and "https://host" are one server */
		while (n > 0 && v[n - 1] == '/')
			n--;
		s->url = xstrndup(v, n);
	}

	v = value(sec, "user", &line);
	if (!v || !*v)
		config_note(c, 1, "%s: [sync] user: missing", path);
	else
		s->user = xstrdup(v);

	v = value(sec, "password-command", &line);
	if (v && *v) {
		struct err e;

		if (config_split_command(v, &s->password_command, &e) < 0)
			config_note(c, 1, "%s:%d: [sync] password-command: %s",
				    path, line, e.msg);
	}
	v = value(sec, "password-file", &line);
	if (v && *v) {
		if (s->password_command)
			config_note(c, 1,
				    "%s:%d: [sync] password-file: give "
				    "password-command or password-file, not "
				    "both",
				    path, line);
		else if (v[0] != '/' && !str_starts_with(v, "~/"))
			config_note(c, 1,
				    "%s:%d: [sync] password-file: \"%s\" is "
				    "not an absolute path (or ~/...)",
				    path, line, v);
		else
			s->password_file = xstrdup(v);
	}
}
