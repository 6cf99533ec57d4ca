/* config.c: reading and validating config.ini with iniparser. */
#include "autoconfig.h"

#include "config/config.h"
#include "config/config_int.h"
#include "config/paths.h"
#include "util/buf.h"
#include "util/file.h"
#include "util/ini.h"
#include "util/regex.h"
#include "util/str.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef HAVE_INIPARSER_INIPARSER_H
#include <iniparser/iniparser.h>
#else
#include <iniparser.h>
#endif

#define MAX_FILE (1024 * 1024)
#define MAX_LINE 1000    /* iniparser reads lines of up to 1024 bytes */
#define MAX_SOURCES 10000
#define MAX_ERRORS 50

/* One section as written, found by our own scan of the file: iniparser
 * lower-cases names, and the display name must keep the user's case. */
struct scan_key {
	char *key;   /* as written */
	char *value; /* raw, for the sections kept for other modules */
	int line;
};

struct scan_section {
	char *name;
	int line;
	struct scan_key *keys;
	size_t nkeys;
};

struct scan {
	struct scan_section *sec;
	size_t nsec;
};

struct loader {
	const char *path;
	struct config *c;
	dictionary *d;
	struct buf scratch;
};

void
config_init(struct config *c)
{
	memset(c, 0, sizeof(*c));
	c->max_connections = 8;
	c->per_host = 2;
	c->timeout = 30;
	c->connect_timeout = 10;
	c->max_size = 10 * 1024 * 1024;
	c->retries = 2;
	c->max_items = 200;
	c->keep_days = 30;
	c->theme = xstrdup("default");
	c->text_width = 80;
	c->fetch_articles = 1;
	c->notify = CONFIG_NOTIFY_YES;
	c->mouse = 1;
}

static void
free_strv(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void
source_free(struct config_source *s)
{
	free(s->name);
	free(s->url);
	free(s->type);
	free(s->link_pattern);
	free(s->user_agent);
	free_strv(s->tags, s->ntags);
}

/* Free everything taken from a file, keep messages. */
static void
free_loaded(struct config *c)
{
	for (size_t i = 0; i < c->nsources; i++)
		source_free(&c->sources[i]);
	free(c->sources);
	for (size_t i = 0; i < c->nsections; i++) {
		struct config_section *s = &c->sections[i];

		free(s->name);
		free_strv(s->keys, s->n);
		free_strv(s->values, s->n);
		free(s->lines);
	}
	free(c->sections);
	config_sync_free(&c->sync);
	config_auto_free(c);
	config_commands_free(c);
	free(c->user_agent);
	free(c->proxy);
	free(c->browser);
	free(c->theme);
	free(c->path);
}

void
config_free(struct config *c)
{
	free_loaded(c);
	free_strv(c->warnings, c->nwarnings);
	free_strv(c->errors, c->nerrors);
	memset(c, 0, sizeof(*c));
}

const struct config_source *
config_find_source(const struct config *c, const char *name)
{
	for (size_t i = 0; i < c->nsources; i++)
		if (!str_casecmp(c->sources[i].name, name))
			return &c->sources[i];
	return NULL;
}

const struct config_section *
config_find_section(const struct config *c, const char *name)
{
	for (size_t i = 0; i < c->nsections; i++)
		if (!str_casecmp(c->sections[i].name, name))
			return &c->sections[i];
	return NULL;
}

/* ---- value parsers */

int
config_parse_bool(const char *s, int *out)
{
	static const char *yes[] = {"yes", "true", "on", "1"};
	static const char *no[] = {"no", "false", "off", "0"};

	for (size_t i = 0; i < 4; i++) {
		if (!str_casecmp(s, yes[i])) {
			*out = 1;
			return 0;
		}
		if (!str_casecmp(s, no[i])) {
			*out = 0;
			return 0;
		}
	}
	return -1;
}

int
config_parse_size(const char *s, size_t *out)
{
	static const struct {
		const char *unit;
		unsigned shift;
	} units[] = {
		{"", 0},    {"b", 0},   {"k", 10},  {"kb", 10}, {"kib", 10},
		{"m", 20},  {"mb", 20}, {"mib", 20}, {"g", 30}, {"gb", 30},
		{"gib", 30},
	};
	unsigned long long v = 0;
	const char *p = s;
	char unit[8];
	size_t n = 0;

	while (str_isspace((unsigned char)*p))
		p++;
	if (*p < '0' || *p > '9')
		return -1;
	while (*p >= '0' && *p <= '9') {
		v = v * 10 + (unsigned long long)(*p++ - '0');
		if (v > (1ULL << 40))
			return -1;
	}
	while (str_isspace((unsigned char)*p))
		p++;
	while (*p && !str_isspace((unsigned char)*p) && n < sizeof(unit) - 1)
		unit[n++] = *p++;
	unit[n] = '\0';
	while (str_isspace((unsigned char)*p))
		p++;
	if (*p)
		return -1;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (str_casecmp(unit, units[i].unit))
			continue;
		v <<= units[i].shift;
		if (v > (1ULL << 40) || v > (unsigned long long)SIZE_MAX)
			return -1;
		*out = (size_t)v;
		return 0;
	}
	return -1;
}

/* ---- messages */

static void __attribute__((format(printf, 3, 4)))
add_msg(char ***v, size_t *n, const char *fmt, ...)
{
	va_list ap;

	if (*n >= MAX_ERRORS)
		return;
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	va_start(ap, fmt);
	(*v)[(*n)++] = xvasprintf(fmt, ap);
	va_end(ap);
}

void
config_note(struct config *c, int error, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (error)
		add_msg(&c->errors, &c->nerrors, "%s", msg);
	else
		add_msg(&c->warnings, &c->nwarnings, "%s", msg);
	free(msg);
}

#define ERR(L, ...) add_msg(&(L)->c->errors, &(L)->c->nerrors, __VA_ARGS__)
#define WARN(L, ...)                                                           \
	add_msg(&(L)->c->warnings, &(L)->c->nwarnings, __VA_ARGS__)

/* ---- our own scan: syntax, original case, line numbers */

static void
scan_free(struct scan *s)
{
	for (size_t i = 0; i < s->nsec; i++) {
		for (size_t j = 0; j < s->sec[i].nkeys; j++) {
			free(s->sec[i].keys[j].key);
			free(s->sec[i].keys[j].value);
		}
		free(s->sec[i].keys);
		free(s->sec[i].name);
	}
	free(s->sec);
}

/* The value iniparser reads for an entry: an unquoted one ends at ; or #. */
static char *
raw_value(const struct ini_iter *it)
{
	if (it->quoted)
		return xstrdup(it->value);
	return str_trim(xstrndup(it->value, strcspn(it->value, ";#")));
}

static int
add_section(struct loader *L, const struct ini_iter *it, struct scan *s)
{
	struct scan_section *sec;
	int bad = 0;

	if (!it->section[0] || strchr(it->section, ':') ||
	    strchr(it->section, '[')) {
		ERR(L,
		    "%s:%d: section name \"%s\" is empty or holds ':' or "
		    "'['",
		    L->path, it->line, it->section);
		return -1;
	}
	for (size_t i = 0; i < s->nsec; i++)
		if (!str_casecmp(s->sec[i].name, it->section)) {
			ERR(L, "%s:%d: [%s] appears twice (first on line %d)",
			    L->path, it->line, it->section, s->sec[i].line);
			bad = 1;
		}
	if (s->nsec >= MAX_SOURCES + 3) {
		ERR(L, "%s:%d: too many sections", L->path, it->line);
		return -2;
	}
	s->sec = xreallocarray(s->sec, s->nsec + 1, sizeof(*s->sec));
	sec = &s->sec[s->nsec++];
	memset(sec, 0, sizeof(*sec));
	sec->name = xstrdup(it->section);
	sec->line = it->line;
	return bad ? -1 : 0;
}

static int
add_key(struct loader *L, const struct ini_iter *it, struct scan *s)
{
	struct scan_section *sec;
	struct scan_key *k;
	int bad = 0, exact;

	if (!s->nsec) {
		ERR(L, "%s:%d: a key before any [section]", L->path, it->line);
		return -1;
	}
	sec = &s->sec[s->nsec - 1];
	/* x and X are two keys, and patterns differ by case */
	exact = !str_casecmp(sec->name, "keys") ||
		!str_casecmp(sec->name, "open");
	for (size_t i = 0; i < sec->nkeys; i++)
		if (exact ? !strcmp(sec->keys[i].key, it->key)
			  : !str_casecmp(sec->keys[i].key, it->key)) {
			ERR(L, "%s:%d: [%s] %s: set twice (first on line %d)",
			    L->path, it->line, sec->name, it->key,
			    sec->keys[i].line);
			bad = 1;
		}
	sec->keys =
	    xreallocarray(sec->keys, sec->nkeys + 1, sizeof(*sec->keys));
	k = &sec->keys[sec->nkeys++];
	k->key = xstrdup(it->key);
	k->value = raw_value(it);
	k->line = it->line;
	return bad ? -1 : 0;
}

/* Sections and keys as written (case, line numbers) from util/ini, in the
 * strict mode that refuses what iniparser would read differently. */
static int
scan_text(struct loader *L, const char *text, size_t len, struct scan *s)
{
	struct ini_iter it;
	int rc, bad = 0;

	ini_iter_init(&it, text, len);
	it.strict = 1;
	it.max_line = MAX_LINE;
	while ((rc = ini_iter_next(&it)) != 0) {
		if (rc < 0) {
			ERR(L, "%s:%d: %s", L->path, it.line, it.error);
			bad = 1;
			continue;
		}
		rc = rc == INI_SECTION ? add_section(L, &it, s)
				       : add_key(L, &it, s);
		if (rc == -2)
			return -1;
		if (rc < 0)
			bad = 1;
	}
	return bad ? -1 : 0;
}

/* ---- typed getters on iniparser's dictionary */

static const char *
get(struct loader *L, const struct scan_section *sec, const char *key)
{
	buf_reset(&L->scratch);
	buf_printf(&L->scratch, "%s:%s", sec->name, key);
	for (char *p = L->scratch.data; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return iniparser_getstring(L->d, L->scratch.data, NULL);
}

static int
has_key(const struct scan_section *sec, const char *key)
{
	for (size_t i = 0; i < sec->nkeys; i++)
		if (!str_casecmp(sec->keys[i].key, key))
			return 1;
	return 0;
}

/* The value of key in sec as written (outer quotes removed, comments cut),
 * or NULL: iniparser drops what follows a quoted first word, which a
 * command ('my browser' %u) may well have. */
static const char *
raw(const struct scan_section *sec, const char *key)
{
	for (size_t i = sec->nkeys; i-- > 0;)
		if (!str_casecmp(sec->keys[i].key, key))
			return sec->keys[i].value;
	return NULL;
}

static void
get_long(struct loader *L, const struct scan_section *sec, const char *key,
	 long min, long max, long *out)
{
	const char *v = get(L, sec, key);
	long n;

	if (!v)
		return;
	if (str_to_long(v, LONG_MIN, LONG_MAX, &n) < 0)
		ERR(L, "%s: [%s] %s: \"%s\" is not a number", L->path,
		    sec->name, key, v);
	else if (n < min || n > max)
		ERR(L, "%s: [%s] %s: %ld is not between %ld and %ld", L->path,
		    sec->name, key, n, min, max);
	else
		*out = n;
}

static void
get_seconds(struct loader *L, const struct scan_section *sec,
	    const char *key, long min, long max, long *out)
{
	const char *v = get(L, sec, key);
	char *t;
	size_t n;

	if (!v)
		return;
	t = xstrdup(v);
	n = strlen(str_trim(t));
	if (n > 1 && t[n - 1] == 's') /* "30s", "30 s" */
		t[n - 1] = '\0';
	if (str_to_long(t, min, max, out) < 0)
		ERR(L, "%s: [%s] %s: \"%s\" is not a number of seconds "
		       "between %ld and %ld",
		    L->path, sec->name, key, v, min, max);
	free(t);
}

static void
get_bool(struct loader *L, const struct scan_section *sec, const char *key,
	 int *out)
{
	const char *v = get(L, sec, key);

	if (v && config_parse_bool(v, out) < 0)
		ERR(L, "%s: [%s] %s: \"%s\" is not yes or no", L->path,
		    sec->name, key, v);
}

static void
get_str(struct loader *L, const struct scan_section *sec, const char *key,
	char **out)
{
	const char *v = get(L, sec, key);

	if (!v)
		return;
	free(*out);
	*out = *v ? xstrdup(v) : NULL;
}

static void
check_keys(struct loader *L, const struct scan_section *sec,
	   const char *const *known)
{
	for (size_t i = 0; i < sec->nkeys; i++) {
		size_t j;

		for (j = 0; known[j]; j++)
			if (!str_casecmp(sec->keys[i].key, known[j]))
				break;
		if (!known[j])
			WARN(L, "%s:%d: [%s] %s: unknown key (ignored)",
			     L->path, sec->keys[i].line, sec->name,
			     sec->keys[i].key);
	}
}

static void
load_general(struct loader *L, const struct scan_section *sec)
{
	static const char *const known[] = {
		"max-connections", "per-host", "timeout", "connect-timeout",
		"max-size", "retries", "user-agent", "proxy", "max-items",
		"keep-days", "browser", "theme", "offline", "text-width",
		"fetch-articles", "reload-period", "notify", "notify-command",
		"mouse", "save-dir", "save-format", "save-command", NULL,
	};
	struct config *c = L->c;
	const char *v;
	long n;

	check_keys(L, sec, known);
	config_auto_general(c, L->path, sec->name,
			    get(L, sec, "reload-period"), get(L, sec, "notify"),
			    get(L, sec, "notify-command"));
	get_long(L, sec, "max-connections", 1, 100, &c->max_connections);
	get_long(L, sec, "per-host", 1, 32, &c->per_host);
	get_seconds(L, sec, "timeout", 1, 3600, &c->timeout);
	get_seconds(L, sec, "connect-timeout", 1, 600, &c->connect_timeout);
	v = get(L, sec, "max-size");
	if (v && (config_parse_size(v, &c->max_size) < 0 ||
		  c->max_size < 1024 || c->max_size > (1UL << 30)))
		ERR(L, "%s: [%s] max-size: \"%s\" is not a size between 1K "
		       "and 1G (like 10M)",
		    L->path, sec->name, v);
	n = c->retries;
	get_long(L, sec, "retries", 0, 10, &n);
	c->retries = (int)n;
	get_str(L, sec, "user-agent", &c->user_agent);
	get_str(L, sec, "proxy", &c->proxy);
	get_long(L, sec, "max-items", 1, 100000, &c->max_items);
	get_long(L, sec, "keep-days", 0, 36500, &c->keep_days);
	v = raw(sec, "browser");
	if (v) {
		free(c->browser);
		c->browser = *v ? xstrdup(v) : NULL;
	}
	get_str(L, sec, "theme", &c->theme);
	if (!c->theme)
		c->theme = xstrdup("default");
	get_bool(L, sec, "offline", &c->offline);
	get_long(L, sec, "text-width", 0, 1000, &c->text_width);
	get_bool(L, sec, "fetch-articles", &c->fetch_articles);
	get_bool(L, sec, "mouse", &c->mouse);
	config_commands_load(c, L->path, get(L, sec, "save-dir"),
			     get(L, sec, "save-format"),
			     raw(sec, "save-command"));
}

static void
split_tags(const char *v, struct config_source *s)
{
	const char *p = v;

	while (*p) {
		size_t n = strcspn(p, ",");
		char *t = str_trim(xstrndup(p, n));
		int dup = !*t;

		for (size_t i = 0; i < s->ntags && !dup; i++)
			dup = !strcmp(s->tags[i], t);
		if (dup || s->ntags >= 64) {
			free(t);
		} else {
			s->tags = xreallocarray(s->tags, s->ntags + 1,
						sizeof(*s->tags));
			s->tags[s->ntags++] = t;
		}
		p += n;
		if (*p == ',')
			p++;
	}
}

static void
load_source(struct loader *L, const struct scan_section *sec)
{
	static const char *const known[] = {
		"url", "type", "tags", "link-pattern", "fetch-articles",
		"user-agent", "enabled", "insecure", "max-items",
		"reload-period", "notify", NULL,
	};
	struct config *c = L->c;
	struct config_source *s;
	const char *v;

	check_keys(L, sec, known);
	if (c->nsources >= MAX_SOURCES) {
		ERR(L, "%s: more than %d sources", L->path, MAX_SOURCES);
		return;
	}
	c->sources = xreallocarray(c->sources, c->nsources + 1,
				   sizeof(*c->sources));
	s = &c->sources[c->nsources++];
	memset(s, 0, sizeof(*s));
	s->name = xstrdup(sec->name);
	s->line = sec->line;
	s->enabled = 1;
	s->fetch_articles = c->fetch_articles;
	s->max_items = c->max_items;

	v = get(L, sec, "url");
	if (!v || !*v) {
		ERR(L, "%s: [%s] url: empty", L->path, sec->name);
	} else if (!str_istarts_with(v, "http://") &&
		   !str_istarts_with(v, "https://") &&
		   !str_istarts_with(v, "file://")) {
		ERR(L, "%s: [%s] url: \"%s\" is not an http, https or file "
		       "URL",
		    L->path, sec->name, v);
	} else {
		s->url = xstrdup(v);
	}
	v = get(L, sec, "type");
	if (v && strcmp(v, "auto") && strcmp(v, "rss") && strcmp(v, "atom") &&
	    strcmp(v, "page"))
		ERR(L, "%s: [%s] type: \"%s\" is not auto, rss, atom or page",
		    L->path, sec->name, v);
	s->type = xstrdup(v ? v : "auto");
	v = get(L, sec, "tags");
	if (v)
		split_tags(v, s);
	v = get(L, sec, "link-pattern");
	if (v && *v) {
		regex_t re;
		struct err pe = {0};

		if (regex_compile_bounded(&re, v, &pe) < 0) {
			ERR(L, "%s: [%s] link-pattern: \"%s\" is not a "
			       "regular expression (%s)",
			    L->path, sec->name, v, pe.msg);
		} else {
			regfree(&re);
			s->link_pattern = xstrdup(v);
		}
		if (strcmp(s->type, "page") && strcmp(s->type, "auto"))
			WARN(L, "%s: [%s] link-pattern: used only for type = "
				"page",
			     L->path, sec->name);
	}
	get_bool(L, sec, "fetch-articles", &s->fetch_articles);
	get_str(L, sec, "user-agent", &s->user_agent);
	get_bool(L, sec, "enabled", &s->enabled);
	get_bool(L, sec, "insecure", &s->insecure);
	if (s->insecure)
		WARN(L, "%s: [%s] insecure: TLS certificates of this source "
			"are not checked",
		     L->path, sec->name);
	get_long(L, sec, "max-items", 1, 100000, &s->max_items);
	config_auto_source(c, s, L->path, get(L, sec, "reload-period"),
			   get(L, sec, "notify"));
}

static void
keep_section(struct loader *L, const struct scan_section *sec)
{
	struct config *c = L->c;
	struct config_section *k;

	c->sections = xreallocarray(c->sections, c->nsections + 1,
				    sizeof(*c->sections));
	k = &c->sections[c->nsections++];
	k->name = xstrdup(sec->name);
	for (char *p = k->name; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	k->n = sec->nkeys;
	k->keys = xcalloc(sec->nkeys + 1, sizeof(*k->keys));
	k->values = xcalloc(sec->nkeys + 1, sizeof(*k->values));
	k->lines = xcalloc(sec->nkeys + 1, sizeof(*k->lines));
	for (size_t i = 0; i < sec->nkeys; i++) {
		k->keys[i] = xstrdup(sec->keys[i].key);
		k->values[i] = xstrdup(sec->keys[i].value);
		k->lines[i] = sec->keys[i].line;
	}
}

/* The known section a section without a url was probably meant to be
 * ([colours], [key]), or NULL. */
static const char *
near_section(const char *name)
{
	static const char *const known[] = {"general", "keys", "colors",
					    "sync"};

	/* the British spelling is no typo, but it is not the name either */
	if (!str_casecmp(name, "colours") || !str_casecmp(name, "colour"))
		return "colors";
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (str_edit_distance(name, known[i],
				      strlen(known[i]) > 4 ? 2 : 1) <=
		    (strlen(known[i]) > 4 ? 2 : 1))
			return known[i];
	return NULL;
}

static int
quiet(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

static char *
read_text(const char *path, size_t *len, struct err *e)
{
	char *text = ini_read_file(path, MAX_FILE, len);

	if (!text) {
		if (errno == EFBIG)
			err_set(e, "%s: larger than 1 MB", path);
		else
			err_set(e, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (memchr(text, '\0', *len)) {
		err_set(e, "%s: holds NUL bytes: not a text file", path);
		free(text);
		return NULL;
	}
	return text;
}

int
config_load(const char *path, struct config *c, struct err *e)
{
	struct loader L = {path, c, NULL, {0}};
	struct scan s = {0};
	char *text;
	size_t len = 0;
	int rc = -1;

	buf_init(&L.scratch, 0);
	text = read_text(path, &len, e);
	if (!text) {
		add_msg(&c->errors, &c->nerrors, "%s", e ? e->msg : path);
		return -1;
	}
	if (scan_text(&L, text, len, &s) < 0)
		goto out;
	iniparser_set_error_callback(quiet);
	L.d = iniparser_load(path);
	if (!L.d) {
		ERR(&L, "%s: cannot be parsed", path);
		goto out;
	}
	for (size_t i = 0; i < s.nsec; i++) {
		const struct scan_section *sec = &s.sec[i];

		if (!str_casecmp(sec->name, "general"))
			load_general(&L, sec);
	}
	for (size_t i = 0; i < s.nsec; i++) {
		const struct scan_section *sec = &s.sec[i];

		if (!str_casecmp(sec->name, "general"))
			continue;
		if (!str_casecmp(sec->name, "keys") ||
		    !str_casecmp(sec->name, "colors"))
			keep_section(&L, sec);
		else if (!str_casecmp(sec->name, "open")) {
			keep_section(&L, sec);
			config_open_load(c, &c->sections[c->nsections - 1],
					 path);
		}
		else if (!str_casecmp(sec->name, "sync")) {
			keep_section(&L, sec);
			config_sync_load(c, &c->sections[c->nsections - 1],
					 path);
			c->sync.line = sec->line;
		}
		else if (!str_ncasecmp(sec->name, "tag ", 4)) {
			keep_section(&L, sec);
			config_auto_tag(c, &c->sections[c->nsections - 1],
					path);
		}
		else if (has_key(sec, "url"))
			load_source(&L, sec);
		else if (near_section(sec->name))
			WARN(&L,
			     "%s:%d: [%s] is no section warta knows: did "
			     "you mean [%s]? (ignored)",
			     path, sec->line, sec->name,
			     near_section(sec->name));
		else
			WARN(&L, "%s:%d: [%s] has no url: not a source "
				 "(ignored)",
			     path, sec->line, sec->name);
	}
	config_auto_resolve(c, path);
	if (!c->nerrors) {
		free(c->path);
		c->path = xstrdup(path);
		rc = 0;
	}
out:
	if (rc < 0) {
		char **errs = c->errors, **warns = c->warnings;
		size_t nerr = c->nerrors, nwarn = c->nwarnings;

		/* nothing half-parsed is used */
		free_loaded(c);
		config_init(c);
		c->errors = errs;
		c->nerrors = nerr;
		c->warnings = warns;
		c->nwarnings = nwarn;
		if (!c->nerrors)
			add_msg(&c->errors, &c->nerrors, "%s: invalid", path);
		if (c->nerrors > 1)
			err_set(e, "%s (and %zu more)", c->errors[0],
				c->nerrors - 1);
		else
			err_set(e, "%s", c->errors[0]);
	}
	if (L.d)
		iniparser_freedict(L.d);
	scan_free(&s);
	buf_free(&L.scratch);
	free(text);
	return rc;
}

/* ---- writing */

int
config_write_file(const char *path, const char *text, size_t len,
		  struct err *e)
{
	if (paths_mkdir_for(path, e) < 0)
		return -1;
	/* temp file + fsync + rename; a new config is private */
	return file_write_atomic(path, text, len, 0600, e);
}

static const char example[] =
	"; warta's configuration: options in [general], and one section per\n"
	"; news source, named as warta shows it. See warta.ini(5).\n"
	"; Lines starting with ; or # are comments. Quote values holding ; or #.\n"
	"\n"
	"[general]\n"
	"; max-connections = 8      ; transfers in parallel\n"
	"; per-host = 2             ; transfers to one host at once\n"
	"; timeout = 30             ; seconds for a whole transfer\n"
	"; connect-timeout = 10     ; seconds to connect\n"
	"; max-size = 10M           ; largest feed or page accepted\n"
	"; retries = 2              ; extra tries on a transient error\n"
	"; user-agent = warta/" PACKAGE_VERSION "\n"
	"; proxy = http://proxy.example:3128   ; else the *_proxy environment\n"
	"; max-items = 200          ; items kept per source\n"
	"; keep-days = 30           ; forget read items older than this\n"
	"; fetch-articles = yes     ; fetch and extract new articles' pages\n"
	"; browser = firefox        ; else $BROWSER, else xdg-open\n"
	"; theme = default\n"
	"; text-width = 80          ; 0: the width of the window\n"
	"; offline = no\n"
	"; reload-period = 0        ; minutes between automatic refreshes\n"
	"; notify = yes             ; no, yes (notify-command) or terminal\n"
	"; notify-command = notify-send warta \"%n new: %t\"\n"
	"\n"
	"; A feed (RSS or Atom):\n"
	"; [Example News]\n"
	"; url = https://news.example/rss.xml\n"
	"; tags = world, daily\n"
	"\n"
	"; A news site's front page, its article links found by a pattern:\n"
	"; [Example Front Page]\n"
	"; url = https://www.example.org/\n"
	"; type = page\n"
	"; link-pattern = /[0-9]{4}/[0-9]{2}/\n"
	"; fetch-articles = yes\n"
	"; enabled = yes\n"
	"\n"
	"; Subscriptions and read state kept on a server (see warta.ini(5)):\n"
	"; [sync]\n"
	"; service = freshrss        ; or miniflux, greader, nextcloud\n"
	"; url = https://rss.example.org/api/greader.php\n"
	"; user = alice\n"
	"; password-command = pass show freshrss  ; never the password itself\n";

const char *
config_example(void)
{
	return example;
}

int
config_write_example(const char *path, struct err *e)
{
	if (access(path, F_OK) == 0)
		return err_set(e, "%s already exists", path);
	return config_write_file(path, example, sizeof(example) - 1, e);
}
