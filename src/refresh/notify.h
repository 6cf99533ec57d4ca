/* notify.h: telling the user what a refresh brought: the new unread items
 * counted, and the notify command run with them. */
#ifndef WARTA_NOTIFY_H
#define WARTA_NOTIFY_H

#include "util/err.h"

#include <stddef.h>

struct config;
struct refresh_event;
struct store;

/* Titles of new items a notice names at most. */
#define NOTIFY_TITLES 3

struct notify;

/* A collector for one refresh of c's sources (c borrowed until
 * notify_free()); caller frees. */
struct notify *notify_new(const struct config *c);
/* Take the new items of a source event (sources with notify = no are left
 * out). Call from the refresh's event callback. */
void notify_note(struct notify *n, const struct refresh_event *ev);
/* Once the refresh is over: how many of the items taken are still unread
 * (items read meanwhile, or imported as read, do not count), and their
 * first titles. Returns that count, or -1 with e set. */
long notify_count(struct notify *n, struct store *st, struct err *e);
/* The notice in words, made safe for a terminal: "3 new in Kompas, Tempo"
 * and, in *body (may be NULL), the first titles joined by "; ". Caller
 * frees both. After notify_count(). */
char *notify_text(const struct notify *n, char **body);
/* Run argv (no shell), each argument with %n replaced by the count, %s by
 * the sources, %t by the first titles and %% by %. wait: run it with this
 * process's output and wait for it (at most 10 s), -1 with e set when it
 * cannot be run or fails; else start it detached from the terminal
 * (nothing in, output thrown away) and return at once. After
 * notify_count(). */
int notify_run(const struct notify *n, char *const *argv, int wait,
	       struct err *e);
void notify_free(struct notify *n);

#endif
