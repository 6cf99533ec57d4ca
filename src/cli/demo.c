/* demo.c: the private directory holding the demo's cache. */
#include "autoconfig.h"

#include "cli/demo.h"
#include "util/err.h"
#include "util/file.h"
#include "util/str.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What the demo's cache may leave in its directory. */
static const char *const cache_files[] = {"cache.db", "cache.db-wal",
					  "cache.db-shm", "cache.db-journal"};

char *
demo_prepare(struct err *e)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = xasprintf("%s/warta-demo.XXXXXX",
			      tmp && *tmp == '/' ? tmp : "/tmp");

	if (!mkdtemp(dir)) {
		err_set(e, "cannot make a demo directory %s: %s", dir,
			strerror(errno));
		free(dir);
		return NULL;
	}
	/* a fatal signal removes it too: the directory first, so that it is
	 * removed last */
	file_track(dir, 1);
	for (size_t i = 0; i < sizeof(cache_files) / sizeof(cache_files[0]);
	     i++) {
		char *p = xasprintf("%s/%s", dir, cache_files[i]);

		file_track(p, 0);
		free(p);
	}
	return dir;
}

void
demo_cleanup(const char *dir)
{
	DIR *d;
	struct dirent *de;

	if (!dir)
		return;
	d = opendir(dir);
	if (d) {
		/* only what warta put there: the cache and its companions */
		while ((de = readdir(d)) != NULL) {
			if (str_starts_with(de->d_name, "cache.db")) {
				char *p = xasprintf("%s/%s", dir, de->d_name);

				unlink(p);
				free(p);
			}
		}
		closedir(d);
	}
	rmdir(dir);
	for (size_t i = 0; i < sizeof(cache_files) / sizeof(cache_files[0]);
	     i++) {
		char *p = xasprintf("%s/%s", dir, cache_files[i]);

		file_untrack(p);
		free(p);
	}
	file_untrack(dir);
}
