/* config_int.h: what config.c shares with the other readers of config.ini's
 * sections (config/ only). */
#ifndef WARTA_CONFIG_INT_H
#define WARTA_CONFIG_INT_H

#include "config/config.h"

/* Add one message to c->errors (error) or c->warnings; the list is capped. */
void config_note(struct config *c, int error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Read the [sync] section sec (kept as written) of the file at path into
 * c->sync, noting every mistake in c->errors. */
void config_sync_load(struct config *c, const struct config_section *sec,
		      const char *path);
/* Free what c->sync owns and zero it. */
void config_sync_free(struct config_sync *s);

/* config_auto.c: automatic refresh and notification. The values of
 * reload-period, notify and notify-command in [general] (each NULL when
 * absent), noting every mistake in c->errors. */
void config_auto_general(struct config *c, const char *path,
			 const char *section, const char *reload,
			 const char *notify, const char *command);
/* The values of reload-period and notify in source s's section. */
void config_auto_source(struct config *c, struct config_source *s,
			const char *path, const char *reload,
			const char *notify);
/* A [tag NAME] section sec (kept as written). */
void config_auto_tag(struct config *c, const struct config_section *sec,
		     const char *path);
/* Once every section is read: each source's settings from its own
 * section, its tags' and [general]. */
void config_auto_resolve(struct config *c, const char *path);
/* Free what the above keep in c. */
void config_auto_free(struct config *c);
/* Read save-dir, save-format and save-command of [general] (each NULL when
 * not set) into c and check c->browser, noting every mistake in
 * c->errors. */
void config_commands_load(struct config *c, const char *path, const char *dir,
			  const char *format, const char *command);
/* Read the [open] section sec (kept as written) into c->openers, noting
 * every mistake with its line in c->errors. */
void config_open_load(struct config *c, const struct config_section *sec,
		      const char *path);
/* Free the openers and the save settings of c and zero them. */
void config_commands_free(struct config *c);

#endif
