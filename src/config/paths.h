/* paths.h: where warta keeps its files (XDG base directories) and its data. */
#ifndef WARTA_PATHS_H
#define WARTA_PATHS_H

#include "util/err.h"

/* $XDG_CONFIG_HOME/warta, else ~/.config/warta; caller frees. */
char *paths_config_dir(void);
/* $XDG_DATA_HOME/warta, else ~/.local/share/warta; caller frees. */
char *paths_data_dir(void);
/* $XDG_STATE_HOME/warta, else ~/.local/state/warta: what is kept between
 * runs that is neither config nor cache (the sync server's token); caller
 * frees. */
char *paths_state_dir(void);
/* The default config file, <config dir>/config.ini; caller frees. */
char *paths_config_file(void);
/* The default cache, <data dir>/cache.db; caller frees. */
char *paths_cache_file(void);
/* Create dir and its missing parents, new ones with mode 0700; 0, or -1
 * with e set. */
int paths_mkdir(const char *dir, struct err *e);
/* Create the directory that will hold file (mode 0700); 0 or -1. */
int paths_mkdir_for(const char *file, struct err *e);
/* The directory of warta's bundled data (demo/, themes/): the installed
 * pkgdatadir when it exists, else the top of the source tree, laid out the
 * same way, so an uninstalled build works. Caller frees. */
char *paths_pkgdata_dir(void);
/* The bundled file name (e.g. "demo/demo.ini"), from the installed
 * pkgdatadir or else the source tree; NULL when neither has it. Caller
 * frees. */
char *paths_pkgdata_file(const char *name);

#endif
