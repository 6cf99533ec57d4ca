/* config.h: the user's config.ini: options, sources, checks. */
#ifndef WARTA_CONFIG_H
#define WARTA_CONFIG_H

#include "util/err.h"

#include <stddef.h>

/* A section with a url: one news source. Strings owned by the config. */
struct config_source {
	char *name;         /* the section name, as the user wrote it */
	char *url;
	char *type;         /* "auto", "rss", "atom" or "page" */
	char *link_pattern; /* POSIX ERE on article URLs (pages), or NULL */
	char *user_agent;   /* or NULL for the general one */
	char **tags;
	size_t ntags;
	int fetch_articles, enabled, insecure;
	long max_items;     /* the general max-items unless set */
	int line;           /* where its section starts in the file */
};

/* A section kept as written for another module ([keys], [colors]). */
struct config_section {
	char *name;         /* lower-cased */
	char **keys;        /* as written */
	char **values;
	int *lines;
	size_t n;
};

struct config {
	/* [general], defaults in config_init() and man/warta.ini.5 */
	long max_connections; /* 8 */
	long per_host;        /* 2 */
	long timeout;         /* 30 s */
	long connect_timeout; /* 10 s */
	size_t max_size;      /* 10 MB */
	int retries;          /* 2 */
	char *user_agent;     /* NULL: warta/VERSION */
	char *proxy;          /* NULL: the *_proxy environment */
	long max_items;       /* 200 per source */
	long keep_days;       /* 30; 0 keeps items forever */
	char *browser;        /* NULL: $BROWSER, else xdg-open */
	char *theme;          /* "default" */
	int offline;          /* 0 */
	long text_width;      /* 80 columns; 0: the window's width */
	int fetch_articles;   /* 1: default for sources */

	struct config_source *sources;
	size_t nsources;
	struct config_section *sections; /* [keys], [colors] */
	size_t nsections;

	char *path;           /* the file read, or NULL */
	char **warnings;      /* unknown keys and the like, for the caller to show */
	size_t nwarnings;
	char **errors;        /* every error found, when config_load failed */
	size_t nerrors;
};

/* Fill c with the defaults and no sources; config_free() it later. */
void config_init(struct config *c);
/* Read path into c (after config_init). Returns 0, or -1 with e holding the
 * first error ("config.ini: [Kompas] max-items: \"many\" is not a number")
 * and c->errors all of them; on failure nothing from the file is used: c
 * keeps its defaults and no sources. Warnings go to c->warnings either way. */
int config_load(const char *path, struct config *c, struct err *e);
/* Free what c owns. */
void config_free(struct config *c);

/* The source named name (ASCII case-insensitive), or NULL. */
const struct config_source *config_find_source(const struct config *c,
					       const char *name);
/* The raw section name (lower case), or NULL. */
const struct config_section *config_find_section(const struct config *c,
						 const char *name);

/* Parse "10M", "512 KB", "1GiB", "4096" (1024-based units) into *out;
 * 0 or -1. */
int config_parse_size(const char *s, size_t *out);
/* Parse yes/no, true/false, on/off, 1/0 into *out; 0 or -1. */
int config_parse_bool(const char *s, int *out);

/* The commented example config written on first run (static text). */
const char *config_example(void);
/* Write the example to path atomically (temp file + rename), creating its
 * directory (0700); fails if path exists. 0, or -1 with e set. */
int config_write_example(const char *path, struct err *e);
/* Replace path's contents with text[0..len) atomically (temp file in the
 * same directory, then rename); 0, or -1 with e set. */
int config_write_file(const char *path, const char *text, size_t len,
		      struct err *e);

#endif
