/* ui_exec.c: the one place the interface runs programs: with an argument
 * list and never a shell, in the foreground with the terminal handed over,
 * in the background detached from it, or with its output kept; and the
 * private directory of the files handed to them. */
#include "autoconfig.h"

#include "ui/ui_int.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/file.h"
#include "util/str.h"

#include <curses.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* Descriptors a child closes past stderr: the cache's, the network's. */
#define CLOSE_FDS_MAX 4096

/* Signals the child gets back to their defaults before it runs: warta's
 * handlers remove its files or stop its loop, and what warta ignores while
 * it waits is the child's to take. */
static const int child_signals[] = {SIGINT,  SIGQUIT, SIGTERM, SIGHUP,
				    SIGPIPE, SIGTSTP, SIGWINCH};
#define NCHILD_SIGNALS (sizeof(child_signals) / sizeof(child_signals[0]))

/* In the child, after fork(): async-signal-safe calls only. Descriptors
 * from 3 to max but keep are closed. */
static void
child_setup(int in, int out, int keep, long max)
{
	sigset_t none;

	for (size_t i = 0; i < NCHILD_SIGNALS; i++)
		signal(child_signals[i], SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (in >= 0 && in != STDIN_FILENO)
		dup2(in, STDIN_FILENO);
	if (out >= 0) {
		dup2(out, STDOUT_FILENO);
		dup2(out, STDERR_FILENO);
	}
	for (int fd = 3; fd < max; fd++)
		if (fd != keep)
			close(fd);
}

static void child_exec(char *const *argv, int fd) __attribute__((noreturn));

/* Exec argv in the child; on failure, errno goes to the parent through
 * the close-on-exec pipe fd. */
static void
child_exec(char *const *argv, int fd)
{
	int err;
	ssize_t w;

	execvp(argv[0], argv);
	err = errno;
	w = write(fd, &err, sizeof(err));
	(void)w;
	_exit(127);
}

/* Read errno from the exec pipe: 0 when the program started. */
static int
exec_errno(int fd)
{
	int err = 0;
	ssize_t n;

	while ((n = read(fd, &err, sizeof(err))) < 0 && errno == EINTR)
		;
	return n == (ssize_t)sizeof(err) ? err : 0;
}

static int
cloexec_pipe(int fds[2])
{
	if (pipe(fds) < 0)
		return -1;
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	return 0;
}

/* Read the child's output from fd into out, at most UI_EXEC_OUTPUT_MAX
 * bytes; past that the child is stopped. */
static void
read_output(int fd, pid_t pid, struct buf *out)
{
	char chunk[8192];
	ssize_t n;

	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		if (out->len + (size_t)n > UI_EXEC_OUTPUT_MAX) {
			buf_append(out, chunk, UI_EXEC_OUTPUT_MAX - out->len);
			kill(pid, SIGTERM);
			return;
		}
		buf_append(out, chunk, (size_t)n);
	}
}

/* An input for the child's standard input: a file in the private
 * directory, unlinked at once. The descriptor, or -1 with e set. */
static int
input_fd(struct ui *ui, const char *input, size_t len, struct err *e)
{
	char *path = ui_exec_file(ui, input, len, "in", e);
	int fd;

	if (!path)
		return -1;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		err_set(e, "%s: %s", path, strerror(errno));
	ui_exec_file_remove(ui, path);
	free(path);
	return fd;
}

int
ui_exec(struct ui *ui, char *const *argv, unsigned flags, const char *input,
	size_t len, struct buf *out, struct err *e)
{
	struct sigaction ign, dfl, old_int, old_quit, old_tstp;
	int errfds[2] = {-1, -1}, outfds[2] = {-1, -1}, in = -1;
	int fg = !(flags & (UI_EXEC_BACKGROUND | UI_EXEC_CAPTURE));
	int status = 0, err, rc = -1;
	long max = sysconf(_SC_OPEN_MAX);
	pid_t pid;

	if (!argv || !argv[0] || !argv[0][0])
		return err_set(e, "no command");
	if (max < 0 || max > CLOSE_FDS_MAX)
		max = CLOSE_FDS_MAX;
	if (flags & UI_EXEC_CAPTURE) {
		in = input_fd(ui, input ? input : "", input ? len : 0, e);
		if (in < 0)
			return -1;
		if (cloexec_pipe(outfds) < 0) {
			err_set(e, "%s: %s", argv[0], strerror(errno));
			goto out;
		}
	}
	if (cloexec_pipe(errfds) < 0) {
		err_set(e, "%s: %s", argv[0], strerror(errno));
		goto out;
	}
	/* while it runs, C-c and C-\ are the program's; C-z stops both */
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	dfl = ign;
	dfl.sa_handler = SIG_DFL;
	if (!(flags & UI_EXEC_BACKGROUND)) {
		sigaction(SIGINT, &ign, &old_int);
		sigaction(SIGQUIT, &ign, &old_quit);
		sigaction(SIGTSTP, &dfl, &old_tstp);
	}
	if (fg) {
		def_prog_mode();
		endwin();
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (flags & UI_EXEC_BACKGROUND) {
			int null = open("/dev/null", O_RDWR);

			/* its own session: no terminal, no C-c, not waited */
			setsid();
			child_setup(null, null, errfds[1], max);
			if (fork() != 0)
				_exit(0);
		} else {
			child_setup(in, outfds[1], errfds[1], max);
		}
		child_exec(argv, errfds[1]);
	}
	err = errno;
	close(errfds[1]);
	errfds[1] = -1;
	if (outfds[1] >= 0) {
		close(outfds[1]);
		outfds[1] = -1;
	}
	if (pid > 0) {
		err = exec_errno(errfds[0]);
		if (out && outfds[0] >= 0)
			read_output(outfds[0], pid, out);
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	if (fg) {
		reset_prog_mode();
		ui->dirty |= UI_REDRAW_ALL | UI_CLEAR;
	}
	if (ui->set->mouse)
		ui_mouse_on(ui); /* endwin() turned reporting off */
	if (!(flags & UI_EXEC_BACKGROUND)) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		sigaction(SIGTSTP, &old_tstp, NULL);
	}
	if (pid < 0 || err) {
		err_set(e, "cannot run %s: %s", argv[0], strerror(err));
		goto out;
	}
	if (flags & UI_EXEC_BACKGROUND)
		rc = 0;
	else if (WIFEXITED(status))
		rc = WEXITSTATUS(status);
	else
		rc = WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 255;
out:
	if (in >= 0)
		close(in);
	for (int i = 0; i < 2; i++) {
		if (errfds[i] >= 0)
			close(errfds[i]);
		if (outfds[i] >= 0)
			close(outfds[i]);
	}
	return rc;
}

/* The private directory, made on first use (mode 0700, removed at exit
 * and on a fatal signal); NULL with e set. */
static const char *
private_dir(struct ui *ui, struct err *e)
{
	const char *tmp = getenv("TMPDIR");
	char *dir;

	if (ui->exec_dir)
		return ui->exec_dir;
	dir = xasprintf("%s/warta-%ld.XXXXXX", tmp && *tmp ? tmp : "/tmp",
			(long)getpid());
	if (!mkdtemp(dir)) {
		err_set(e, "cannot make a directory in %s: %s",
			tmp && *tmp ? tmp : "/tmp", strerror(errno));
		free(dir);
		return NULL;
	}
	file_track(dir, 1);
	ui->exec_dir = dir;
	return dir;
}

char *
ui_exec_file(struct ui *ui, const char *data, size_t len, const char *ext,
	     struct err *e)
{
	const char *dir = private_dir(ui, e);
	char *path;
	int fd;

	if (!dir)
		return NULL;
	path = file_create_unique(dir, "article", ext, 0600, e);
	if (!path)
		return NULL;
	file_track(path, 0);
	fd = open(path, O_WRONLY | O_TRUNC | O_NOFOLLOW | O_CLOEXEC);
	while (fd >= 0 && len) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		data += n;
		len -= (size_t)n;
	}
	if (fd < 0 || len || close(fd) < 0) {
		err_set(e, "cannot write %s: %s", path, strerror(errno));
		if (fd >= 0 && len)
			close(fd);
		ui_exec_file_remove(ui, path);
		free(path);
		return NULL;
	}
	return path;
}

void
ui_exec_file_remove(struct ui *ui, const char *path)
{
	(void)ui;
	unlink(path);
	file_untrack(path);
}

void
ui_exec_free(struct ui *ui)
{
	DIR *d;
	struct dirent *de;

	if (!ui->exec_dir)
		return;
	/* what background programs were handed goes with warta */
	d = opendir(ui->exec_dir);
	while (d && (de = readdir(d)) != NULL) {
		char *p;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		p = xasprintf("%s/%s", ui->exec_dir, de->d_name);
		ui_exec_file_remove(ui, p);
		free(p);
	}
	if (d)
		closedir(d);
	rmdir(ui->exec_dir);
	file_untrack(ui->exec_dir);
	free(ui->exec_dir);
	ui->exec_dir = NULL;
}
