/* demo.h: `warta --demo` keeps its cache in a private temporary directory,
 * never in the user's cache. */
#ifndef WARTA_DEMO_H
#define WARTA_DEMO_H

struct err;

/* Make a new private directory (under $TMPDIR, else /tmp) for the demo's
 * cache ("cache.db" in it). Caller removes it with demo_cleanup() and frees
 * the string; NULL with e filled when it cannot be made. */
char *demo_prepare(struct err *e);
/* Remove the cache files (cache.db*) and the directory. */
void demo_cleanup(const char *dir);

#endif
