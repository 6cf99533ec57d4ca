/* demo.h: `warta --demo`: a private directory with the demo's config (its
 * file:// URLs pointing at the bundled demo files) and its own cache. */
#ifndef WARTA_DEMO_H
#define WARTA_DEMO_H

struct err;

/* The demo template's name under the data directory. */
#define DEMO_TEMPLATE "demo/demo.ini"
/* What the template says where the demo files are. */
#define DEMO_PLACEHOLDER "@DEMODIR@"

/* Write the demo config for the bundled files in datadir/demo into a new
 * private temporary directory (under $TMPDIR, else /tmp). Returns that
 * directory, which holds "config.ini" and is where "cache.db" goes; caller
 * removes it with demo_cleanup() and frees it. NULL with e filled when the
 * demo files are missing or the directory cannot be made. */
char *demo_prepare(const char *datadir, struct err *e);
/* Remove the files demo_prepare() and the cache made, and the directory. */
void demo_cleanup(const char *dir);
/* Replace every DEMO_PLACEHOLDER in text with dir; caller frees. */
char *demo_expand(const char *text, const char *dir);

#endif
