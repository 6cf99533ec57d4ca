/* test_file.c: files read whole, atomic replacement, paths a signal removes. */
#include "autoconfig.h"

#include "tap.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/file.h"
#include "util/str.h"

#include <dirent.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char *dir;

/* The whole content of path, or NULL; caller frees. */
static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *s = xmalloc(4096);
	size_t n;

	if (!f) {
		free(s);
		return NULL;
	}
	n = fread(s, 1, 4095, f);
	s[n] = '\0';
	fclose(f);
	return s;
}

/* Entries in dir (without . and ..). */
static int
entries(const char *d)
{
	DIR *dp = opendir(d);
	struct dirent *de;
	int n = 0;

	if (!dp)
		return -1;
	while ((de = readdir(dp)) != NULL)
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	closedir(dp);
	return n;
}

static void
test_atomic(void)
{
	char *p = xasprintf("%s/out.txt", dir);
	char *old = xasprintf("%s/old.txt", dir);
	struct file_out o;
	struct err e;
	struct stat st;
	mode_t mask;
	char *s;

	ok(file_write_atomic(p, "first\n", 6, 0644, &e) == 0, "a new file");
	s = slurp(p);
	is_str(s, "first\n", "... has its content");
	free(s);
	mask = umask(0);
	umask(mask);
	ok(stat(p, &st) == 0 && (st.st_mode & 07777) == (0644 & ~mask),
	   "... and the mode asked, less the umask");
	chmod(p, 0640);
	ok(link(p, old) == 0, "a second name for the old file");
	ok(file_write_atomic(p, "second\n", 7, 0644, &e) == 0, "replaced");
	s = slurp(p);
	is_str(s, "second\n", "... the new content");
	free(s);
	s = slurp(old);
	is_str(s, "first\n", "... by a rename: the old file was not rewritten");
	free(s);
	ok(stat(p, &st) == 0 && (st.st_mode & 07777) == 0640,
	   "... keeping the replaced file's mode");
	is_int(entries(dir), 2, "no temporary file left");

	ok(file_open_out(&o, p, 0600, &e) == 0, "open for a write");
	fputs("half", o.fp);
	is_int(entries(dir), 3, "... a temporary file beside it");
	file_abort(&o);
	s = slurp(p);
	is_str(s, "second\n", "an aborted write leaves the file as it was");
	free(s);
	is_int(entries(dir), 2, "... and no temporary file");

	ok(file_write_atomic("/dev/null", "x", 1, 0644, &e) == 0,
	   "a device is written in place");
	ok(file_write_atomic("/nonexistent-dir/x", "x", 1, 0644, &e) < 0,
	   "a missing directory is an error");
	ok(strstr(e.msg, "/nonexistent-dir/x") != NULL, "... naming the path");
	unlink(old);
	unlink(p);
	free(old);
	free(p);
}

/* A child tracks a directory, a file in it and an open atomic write, then
 * gets sig: all must be gone and the child dead of sig. */
static void
test_signal(int sig, const char *name)
{
	char *sub = xasprintf("%s/tmp-%d", dir, sig);
	char *f = xasprintf("%s/cache.db", sub);
	char *out = xasprintf("%s/result.txt", sub);
	int fds[2], status = 0;
	char c;
	pid_t pid;

	if (pipe(fds) < 0)
		abort();
	pid = fork();
	if (pid == 0) {
		struct file_out o;
		struct err e;
		FILE *fp;

		close(fds[0]);
		/* a test run in the background inherits SIGINT ignored */
		signal(SIGINT, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		file_cleanup_on_signals();
		if (mkdir(sub, 0700) < 0)
			_exit(3);
		file_track(sub, 1);
		fp = fopen(f, "w");
		if (!fp)
			_exit(3);
		fclose(fp);
		file_track(f, 0);
		if (file_open_out(&o, out, 0644, &e) < 0)
			_exit(3);
		fputs("partial", o.fp);
		fflush(o.fp);
		if (write(fds[1], "r", 1) != 1)
			_exit(3);
		for (;;)
			pause();
	}
	close(fds[1]);
	ok(read(fds[0], &c, 1) == 1, "%s: the child is ready", name);
	close(fds[0]);
	ok(entries(sub) == 2, "%s: a tracked file and a temporary file", name);
	kill(pid, sig);
	waitpid(pid, &status, 0);
	ok(WIFSIGNALED(status) && WTERMSIG(status) == sig,
	   "%s: the child died of it", name);
	ok(access(sub, F_OK) < 0, "%s: the directory and its files are gone",
	   name);
	free(sub);
	free(f);
	free(out);
}

static void
test_table(void)
{
	char *long_path = xmalloc(70000);

	memset(long_path, 'a', 69999);
	long_path[69999] = '\0';
	ok(file_track(long_path, 0) < 0, "a path too long is refused");
	free(long_path);
	file_untrack("/never/tracked");
	ok(1, "untracking an unknown path is harmless");
}

/* The one reader of files and standard input: caps, errors by name. */
static void
test_read_all(void)
{
	char *path = xasprintf("%s/in.txt", dir);
	char *gone = xasprintf("%s/no-such-file", dir);
	struct err e = {{0}};
	struct buf b;
	FILE *f = fopen(path, "w");

	fputs("0123456789abcdefghij", f);
	fclose(f);
	ok(file_read_all(path, 100, 0, &b, &e) == 0 && b.len == 20 &&
		   !strcmp(b.data, "0123456789abcdefghij"),
	   "a file is read whole (%s)", e.msg);
	buf_free(&b);
	ok(file_read_all(path, 20, 0, &b, &e) == 0 && b.len == 20,
	   "a file of exactly the cap is read");
	buf_free(&b);
	ok(file_read_all(path, 10, 0, &b, &e) == -1 && b.len == 0 &&
		   strstr(e.msg, path) && strstr(e.msg, "larger than 10 bytes"),
	   "past the cap: refused, the file named (%s)", e.msg);
	ok(file_read_all(path, 10, FILE_READ_CUT, &b, &e) == 0 &&
		   b.len == 10 && !strcmp(b.data, "0123456789"),
	   "past the cap with FILE_READ_CUT: the first bytes");
	buf_free(&b);
	ok(file_read_all(gone, 10, 0, &b, &e) == -1 && strstr(e.msg, gone) &&
		   strstr(e.msg, "No such file"),
	   "a missing file is named (%s)", e.msg);
	ok(file_read_all(dir, 10, 0, &b, &e) == -1 && strstr(e.msg, dir),
	   "a directory is named (%s)", e.msg);
	if (freopen(path, "rb", stdin)) {
		ok(file_read_all("-", 1u << 20, 0, &b, &e) == 0 && b.len == 20,
		   "\"-\" is standard input");
		buf_free(&b);
		rewind(stdin);
		ok(file_read_all("-", 4, 0, &b, &e) == -1 &&
			   !strcmp(e.msg, "standard input: larger than 4 bytes"),
		   "... and named so in errors (%s)", e.msg);
	}
	{
		char *big = xasprintf("%s/big.txt", dir);

		f = fopen(big, "w");
		for (int i = 0; i < (1 << 20) + 1; i++)
			fputc('x', f);
		fclose(f);
		ok(file_read_all(big, 1u << 20, 0, &b, &e) == -1 &&
			   strstr(e.msg, "larger than 1 MiB"),
		   "a cap of whole MiB is said so (%s)", e.msg);
		unlink(big);
		free(big);
	}
	unlink(path);
	free(path);
	free(gone);
}

/* File names made of hostile titles, and unique names in a directory. */
static void
test_names(void)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
	    {"Harbour lights return", "Harbour-lights-return"},
	    {"../../etc/passwd", "etc-passwd"},
	    {"'quoted' $(rm -rf ~); echo \"x\"", "quoted-rm-rf-echo-x"},
	    {".hidden", "hidden"},
	    {"///", "untitled"},
	    {"", "untitled"},
	    {"Kabar \xc3\xa9t\xc3\xa9 \xe2\x80\x94 Jakarta",
	     "Kabar-\xc3\xa9t\xc3\xa9-Jakarta"},
	    {"a\x1b[31mred\x07", "a-31mred"},
	    {"right\xe2\x80\xaeto-left", "right-to-left"},
	    {"bad \xff\xfe bytes", "bad-bytes"},
	};
	char *d = xasprintf("%s/names", dir), *p1, *p2, *p3, *s;
	struct err e;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		s = file_name_from(cases[i].text, 80);
		is_str(s, cases[i].want, "file name of case %zu", i);
		free(s);
	}
	s = file_name_from("abcdefghij \xc3\xa9\xc3\xa9\xc3\xa9", 14);
	is_str(s, "abcdefghij-\xc3\xa9",
	       "cut at max bytes, between characters");
	free(s);
	s = file_name_from(NULL, 80);
	is_str(s, "untitled", "no text: untitled");
	free(s);

	mkdir(d, 0700);
	p1 = file_create_unique(d, "note", "md", 0600, &e);
	p2 = file_create_unique(d, "note", "md", 0600, &e);
	p3 = file_create_unique(d, "note", "md", 0600, &e);
	ok(p1 && p2 && p3, "three files of one name");
	ok(p1 && strstr(p1, "/names/note.md"), "the first keeps the name");
	ok(p2 && strstr(p2, "/names/note-2.md"), "the second is note-2");
	ok(p3 && strstr(p3, "/names/note-3.md"), "the third note-3");
	is_int(entries(d), 3, "each is a new file");
	s = xasprintf("%s/link.md", d);
	ok(symlink("/nonexistent/elsewhere", s) == 0, "a dangling link");
	unlink(p3);
	free(p3);
	p3 = file_create_unique(d, "link", "md", 0600, &e);
	ok(p3 && strstr(p3, "/names/link-2.md"),
	   "a link is never followed nor replaced");
	unlink(s);
	free(s);
	ok(!file_create_unique(d, "../up", "md", 0600, &e),
	   "a stem with a slash is refused");
	is_int(entries(dir), 1, "... and nothing is made outside dir");
	ok(!file_create_unique(d, ".hidden", "md", 0600, &e),
	   "a stem starting with a dot is refused");
	s = xasprintf("%s/none/deeper", dir);
	ok(!file_create_unique(s, "x", "md", 0600, &e) &&
	       strstr(e.msg, "none/deeper"),
	   "a missing directory: an error naming it");
	free(s);
	unlink(p1);
	unlink(p2);
	unlink(p3);
	ok(rmdir(d) == 0, "every file made is accounted for");
	free(p1);
	free(p2);
	free(p3);
	free(d);
}

int
main(void)
{
	char tmpl[] = "/tmp/warta-test-file.XXXXXX";
	const char *t = getenv("TMPDIR");

	dir =
	    t && *t ? xasprintf("%s/warta-test-file.XXXXXX", t) : xstrdup(tmpl);
	if (!mkdtemp(dir)) {
		printf("1..0 # SKIP cannot make a directory\n");
		return 0;
	}
	test_read_all();
	test_atomic();
	test_signal(SIGTERM, "SIGTERM");
	test_signal(SIGINT, "SIGINT");
	test_signal(SIGHUP, "SIGHUP");
	test_signal(SIGPIPE, "SIGPIPE");
	test_table();
	test_names();
	rmdir(dir);
	free(dir);
	return tap_done();
}
