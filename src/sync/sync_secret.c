/* sync_secret.c: the sync password (a command without a shell, a private file,
 * the environment) and the token kept between runs. */
#include "autoconfig.h"

#include "sync/sync.h"
#include "sync/sync_int.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "config/paths.h"
#include "util/file.h"
#include "util/str.h"

/* Longest password or token read. */
#define SECRET_MAX 4096

void
sync_no_core_dumps(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_CORE, &rl) == 0) {
		rl.rlim_cur = 0;
		setrlimit(RLIMIT_CORE, &rl);
	}
#ifdef __linux__
	/* also keeps other processes of the user from reading its memory */
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
}

/* The first line of fd's contents (at most SECRET_MAX bytes read), as a
 * new string; NULL when empty. What follows the first line is read and
 * wiped, so a command writing more never blocks. */
static char *
first_line(int fd)
{
	char *b = xmalloc(SECRET_MAX + 1), junk[512];
	size_t len = 0;
	ssize_t n;

	while (len < SECRET_MAX &&
	       (n = read(fd, b + len, SECRET_MAX - len)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		len += (size_t)n;
	}
	while ((n = read(fd, junk, sizeof(junk))) > 0 ||
	       (n < 0 && errno == EINTR))
		str_wipe(junk, sizeof(junk));
	b[len] = '\0';
	b[strcspn(b, "\r\n")] = '\0';
	if (!*b) {
		str_wipe(b, SECRET_MAX + 1);
		free(b);
		return NULL;
	}
	return b;
}

static char *
from_command(char *const *argv, struct err *e)
{
	int fds[2], status = 0;
	char *pw;
	pid_t pid;

	if (pipe(fds) != 0) {
		err_set(e, "password-command: %s", strerror(errno));
		return NULL;
	}
	pid = fork();
	if (pid < 0) {
		err_set(e, "password-command: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return NULL;
	}
	if (pid == 0) {
		sigset_t none;

		/* no shell: the user's words are the arguments */
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		/* not warta's handlers (they remove its temporary files) */
		signal(SIGPIPE, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		/* nor the signals a sync's own thread blocks */
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(fds[1]);
	pw = first_line(fds[0]);
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			err_set(e, "password-command: cannot run %.200s",
				argv[0]);
		else if (WIFEXITED(status))
			err_set(e,
				"password-command: %.200s exited with "
				"status %d",
				argv[0], WEXITSTATUS(status));
		else
			err_set(e, "password-command: %.200s was killed",
				argv[0]);
		goto fail;
	}
	if (!pw) {
		err_set(e, "password-command: %.200s printed no password",
			argv[0]);
		return NULL;
	}
	return pw;
fail:
	if (pw) {
		str_wipe(pw, strlen(pw));
		free(pw);
	}
	return NULL;
}

/* path with a leading "~/" made the home directory; caller frees. */
static char *
expand_home(const char *path)
{
	const char *home = getenv("HOME");

	if (str_starts_with(path, "~/") && home && *home)
		return xasprintf("%s/%s", home, path + 2);
	return xstrdup(path);
}

/* Open path for reading when only its owner, this user, can read it;
 * -1 with e set (why) otherwise. */
static int
open_private(const char *path, const char *what, struct err *e)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0) {
		err_set(e, "%s %s: %s", what, path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		err_set(e, "%s %s: not a regular file", what, path);
		goto fail;
	}
	if (st.st_uid != getuid() || (st.st_mode & 077)) {
		err_set(e,
			"%s %s: others can read it (mode %03o): refused; "
			"chmod 600 it",
			what, path, (unsigned)(st.st_mode & 0777));
		goto fail;
	}
	return fd;
fail:
	close(fd);
	return -1;
}

static char *
from_file(const char *file, struct err *e)
{
	char *path = expand_home(file), *pw = NULL;
	int fd = open_private(path, "password-file", e);

	if (fd >= 0) {
		pw = first_line(fd);
		close(fd);
		if (!pw)
			err_set(e, "password-file %s: empty", path);
	}
	free(path);
	return pw;
}

char *
sync_secret_read(const struct config_sync *cfg, struct err *e)
{
	const char *env = getenv("WARTA_SYNC_PASSWORD");

	sync_no_core_dumps();
	if (cfg->password_command)
		return from_command(cfg->password_command, e);
	if (cfg->password_file)
		return from_file(cfg->password_file, e);
	if (env && *env)
		return xstrdup(env);
	err_set(e, "no password: set password-command or password-file in "
		   "[sync], or WARTA_SYNC_PASSWORD (see warta.ini(5))");
	return NULL;
}

/* ---- the token kept between runs: "account\ntoken\n" */

char *
sync_token_load(const char *path, const char *account)
{
	char *b = NULL, *nl, *tok = NULL;
	struct err e;
	size_t len = 0;
	ssize_t n;
	int fd;

	fd = open_private(path, "token", &e);
	if (fd < 0) {
		if (errno != ENOENT)
			unlink(path); /* readable by others: no longer valid */
		return NULL;
	}
	b = xmalloc((size_t)2 * SECRET_MAX + 1);
	while (len < (size_t)2 * SECRET_MAX &&
	       (n = read(fd, b + len, (size_t)2 * SECRET_MAX - len)) > 0)
		len += (size_t)n;
	close(fd);
	b[len] = '\0';
	nl = strchr(b, '\n');
	if (nl && (size_t)(nl - b) == strlen(account) &&
	    !strncmp(b, account, strlen(account))) {
		char *t = nl + 1;

		t[strcspn(t, "\r\n")] = '\0';
		if (*t)
			tok = xstrdup(t);
	}
	str_wipe(b, (size_t)2 * SECRET_MAX + 1);
	free(b);
	return tok;
}

int
sync_token_save(const char *path, const char *account, const char *token,
		struct err *e)
{
	char *text;
	mode_t old;
	int rc;

	if (paths_mkdir_for(path, e) != 0)
		return -1;
	text = xasprintf("%s\n%s\n", account, token);
	/* private from its first byte: mkstemp's 0600, and no wider umask */
	old = umask(077);
	rc = file_write_atomic(path, text, strlen(text), 0600, e);
	umask(old);
	str_wipe(text, strlen(text));
	free(text);
	return rc;
}

void
sync_token_forget(const char *path)
{
	if (path)
		unlink(path);
}
