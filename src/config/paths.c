/* paths.c: XDG base directories, creating private directories, bundled data. */
#include "autoconfig.h"

#include "config/paths.h"
#include "util/str.h"

#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef SRCDIR
#define SRCDIR "."
#endif

static const char *
home_dir(void)
{
	const char *h = getenv("HOME");
	struct passwd *pw;

	if (h && *h)
		return h;
	pw = getpwuid(getuid());
	return pw && pw->pw_dir ? pw->pw_dir : "/";
}

/* $var/warta when var is set to an absolute path, else ~/fallback/warta. */
static char *
xdg_dir(const char *var, const char *fallback)
{
	const char *v = getenv(var);

	if (v && v[0] == '/')
		return xasprintf("%s/warta", v);
	return xasprintf("%s/%s/warta", home_dir(), fallback);
}

char *
paths_config_dir(void)
{
	return xdg_dir("XDG_CONFIG_HOME", ".config");
}

char *
paths_data_dir(void)
{
	return xdg_dir("XDG_DATA_HOME", ".local/share");
}

char *
paths_state_dir(void)
{
	return xdg_dir("XDG_STATE_HOME", ".local/state");
}

char *
paths_config_file(void)
{
	char *d = paths_config_dir();
	char *f = xasprintf("%s/config.ini", d);

	free(d);
	return f;
}

char *
paths_cache_file(void)
{
	char *d = paths_data_dir();
	char *f = xasprintf("%s/cache.db", d);

	free(d);
	return f;
}

int
paths_mkdir(const char *dir, struct err *e)
{
	char *p = xstrdup(dir);
	struct stat st;
	int rc = -1;

	/* each prefix in turn; existing ones keep their mode */
	for (char *s = p + 1;; s++) {
		char c = *s;

		if (c != '/' && c != '\0')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) < 0 && errno != EEXIST) {
			err_set(e, "cannot create directory %s: %s", p,
				strerror(errno));
			goto out;
		}
		*s = c;
		if (!c)
			break;
	}
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		err_set(e, "%s is not a directory", dir);
		goto out;
	}
	rc = 0;
out:
	free(p);
	return rc;
}

int
paths_mkdir_for(const char *file, struct err *e)
{
	const char *slash = strrchr(file, '/');
	char *dir;
	int rc;

	if (!slash || slash == file)
		return 0;
	dir = xstrndup(file, (size_t)(slash - file));
	rc = paths_mkdir(dir, e);
	free(dir);
	return rc;
}

static int
is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

char *
paths_pkgdata_dir(void)
{
	if (is_dir(PKGDATADIR))
		return xstrdup(PKGDATADIR);
	return xstrdup(SRCDIR);
}

char *
paths_pkgdata_file(const char *name)
{
	/* the source tree holds demo/ and themes/ as pkgdatadir does */
	const char *dirs[] = {PKGDATADIR, SRCDIR};

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		char *f = xasprintf("%s/%s", dirs[i], name);
		char *real;

		if (access(f, R_OK) != 0) {
			free(f);
			continue;
		}
		real = realpath(f, NULL); /* no "build/.." in what users see */
		if (real) {
			free(f);
			f = xstrdup(real);
			free(real);
		}
		return f;
	}
	return NULL;
}
