/* config.h: the user's config.ini: options, sources, checks. */
#ifndef WARTA_CONFIG_H
#define WARTA_CONFIG_H

#include "config/command.h"
#include "util/err.h"

#include <regex.h>
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
	int synced;	    /* the sync server's, not the file's (see
			     * refresh_synced_sources()): warta fetches
			     * its articles, the server its feed */
	long reload_period; /* minutes between automatic refreshes, 0: none;
			     * its own, else its first tag's, else [general] */
	int notify;	    /* CONFIG_NOTIFY_NO: its new items are not told */
};

/* notify = ... */
enum {
	CONFIG_NOTIFY_NO,
	CONFIG_NOTIFY_YES,	/* notify-command, when there is one */
	CONFIG_NOTIFY_TERMINAL, /* [general]: the terminal's own notice too */
};

/* A [tag NAME] section: settings for every source with that tag. */
struct config_tag {
	char *name;
	long reload_period; /* -1 when not set */
	int notify;	    /* -1 when not set */
};

/* A section kept as written for another module ([keys], [colors]). */
struct config_section {
	char *name;         /* lower-cased */
	char **keys;        /* as written */
	char **values;
	int *lines;
	size_t n;
};

/* [sync]: the server that keeps the subscriptions and the read state.
 * Never the secret itself: that comes from a command, a private file or
 * the environment when warta connects (see sync/). */
struct config_sync {
	int on;                  /* a [sync] section is there */
	char *service;           /* "greader" or "nextcloud" */
	char *name;              /* for messages: "freshrss", "nextcloud" */
	char *url;               /* the server's base URL */
	char *user;
	char **password_command; /* argument list, NULL-ended, or NULL */
	char *password_file;     /* or NULL */
	int insecure_http;       /* plain http allowed to any host */
	int line;                /* where the section starts */
};

/* [open]: URLs matching a pattern open with a command, not the browser. */
struct config_opener {
	char *pattern;             /* POSIX ERE, as written */
	regex_t re;                /* compiled */
	struct config_command cmd; /* %u the URL, appended when absent */
	int line;
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
	long reload_period;   /* 0: no automatic refresh (minutes) */
	int notify;	      /* CONFIG_NOTIFY_YES */
	char **notify_command; /* argument list, NULL-ended, or NULL */
	struct config_tag *tag_settings; /* the [tag NAME] sections */
	size_t ntag_settings;
	int mouse;            /* 1: clicks and the wheel in the interface */
	char *save_dir;       /* absolute; NULL: the home directory */
	int save_html;        /* 0: saved as Markdown */
	struct config_command save_command; /* argv NULL: saves to save_dir */
	struct config_opener *openers;      /* [open], in the file's order */
	size_t nopeners;

	struct config_source *sources;
	size_t nsources;
	struct config_section *sections; /* [keys], [colors], [sync] */
	size_t nsections;
	struct config_sync sync;

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
/* The [tag NAME] section of tag name (ASCII case-insensitive), or NULL. */
const struct config_tag *config_find_tag(const struct config *c,
					 const char *name);
/* The raw section name (lower case), or NULL. */
const struct config_section *config_find_section(const struct config *c,
						 const char *name);

/* Parse "10M", "512 KB", "1GiB", "4096" (1024-based units) into *out;
 * 0 or -1. */
int config_parse_size(const char *s, size_t *out);
/* Parse yes/no, true/false, on/off, 1/0 into *out; 0 or -1. */
int config_parse_bool(const char *s, int *out);
/* Split a command line into its arguments as a shell splits words, but
 * expanding nothing: white space separates, '...' and "..." group (a
 * backslash escapes the next character outside single quotes). *argv:
 * NULL-ended, caller frees with config_strv_free(). 0, or -1 with e set
 * (an unclosed quote, no words, more than 64). */
int config_split_command(const char *s, char ***argv, struct err *e);
void config_strv_free(char **v);
/* 1 when url's host is this machine (localhost, 127.0.0.0/8, ::1). */
int config_url_is_loopback(const char *url);

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
