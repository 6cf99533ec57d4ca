/* demo.c: a private directory holding the demo's config and cache. */
#include "config.h"

#include "demo.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/ini.h"
#include "util/str.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *
demo_expand(const char *text, const char *dir)
{
	size_t pl = strlen(DEMO_PLACEHOLDER);
	const char *p = text, *hit;
	struct buf b;

	buf_init(&b, 0);
	while ((hit = strstr(p, DEMO_PLACEHOLDER)) != NULL) {
		buf_append(&b, p, (size_t)(hit - p));
		buf_puts(&b, dir);
		p = hit + pl;
	}
	buf_puts(&b, p);
	return buf_steal(&b);
}

static int
write_all(const char *path, const char *text, struct err *e)
{
	size_t len = strlen(text);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	ssize_t n;

	if (fd < 0)
		return err_set(e, "%s: %s", path, strerror(errno));
	n = write(fd, text, len);
	if (n != (ssize_t)len) {
		err_set(e, "%s: %s", path, n < 0 ? strerror(errno) : "short write");
		close(fd);
		return -1;
	}
	if (close(fd) != 0)
		return err_set(e, "%s: %s", path, strerror(errno));
	return 0;
}

char *
demo_prepare(const char *datadir, struct err *e)
{
	const char *tmp = getenv("TMPDIR");
	char *tpl_path = NULL, *demodir = NULL, *tpl = NULL, *cfg = NULL;
	char *dir = NULL, *cfg_path = NULL, *real = NULL;
	size_t len;

	tpl_path = xasprintf("%s/%s", datadir, DEMO_TEMPLATE);
	tpl = ini_read_file(tpl_path, 1 << 20, &len);
	if (!tpl) {
		err_set(e, "the demo is not installed (%s: %s)", tpl_path,
			strerror(errno));
		goto out;
	}
	demodir = xasprintf("%s/demo", datadir);
	real = realpath(demodir, NULL);
	if (!real) {
		err_set(e, "%s: %s", demodir, strerror(errno));
		goto out;
	}
	dir = xasprintf("%s/warta-demo.XXXXXX", tmp && *tmp == '/' ? tmp
								  : "/tmp");
	if (!mkdtemp(dir)) {
		err_set(e, "cannot make a demo directory %s: %s", dir,
			strerror(errno));
		free(dir);
		dir = NULL;
		goto out;
	}
	cfg = demo_expand(tpl, real);
	cfg_path = xasprintf("%s/config.ini", dir);
	if (write_all(cfg_path, cfg, e) < 0) {
		demo_cleanup(dir);
		free(dir);
		dir = NULL;
	}
out:
	free(tpl_path);
	free(demodir);
	free(real);
	free(tpl);
	free(cfg);
	free(cfg_path);
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
		/* only what warta put there: the config and the cache files */
		while ((de = readdir(d)) != NULL) {
			if (!strcmp(de->d_name, "config.ini") ||
			    str_starts_with(de->d_name, "cache.db")) {
				char *p = xasprintf("%s/%s", dir, de->d_name);

				unlink(p);
				free(p);
			}
		}
		closedir(d);
	}
	rmdir(dir);
}
