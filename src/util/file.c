/* file.c: whole files in, atomic files out, paths a signal removes. */
#include "autoconfig.h"

#include "util/file.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"
#include "util/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- tracked paths: the one table a signal handler reads. A slot is
 * filled before it is marked used and unmarked before it is reused, so
 * the handler never sees half a path. */

#define MAX_TRACKED 32

static struct {
	volatile sig_atomic_t used;
	int is_dir;
	char path[PATH_MAX];
} tracked[MAX_TRACKED];

static void
block_signals(sigset_t *old)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGPIPE);
	sigprocmask(SIG_BLOCK, &set, old);
}

int
file_track(const char *path, int is_dir)
{
	size_t n = strlen(path);
	sigset_t old;
	int rc = -1;

	if (n >= PATH_MAX)
		return -1;
	block_signals(&old);
	for (int i = 0; i < MAX_TRACKED; i++) {
		if (tracked[i].used)
			continue;
		memcpy(tracked[i].path, path, n + 1);
		tracked[i].is_dir = is_dir;
		tracked[i].used = 1;
		rc = 0;
		break;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return rc;
}

void
file_untrack(const char *path)
{
	sigset_t old;

	block_signals(&old);
	for (int i = MAX_TRACKED - 1; i >= 0; i--) {
		if (tracked[i].used && !strcmp(tracked[i].path, path)) {
			tracked[i].used = 0;
			break;
		}
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
}

/* Async-signal-safe: unlink(), rmdir() and raise() only. */
static void
on_fatal(int sig)
{
	int saved = errno;

	for (int i = MAX_TRACKED - 1; i >= 0; i--) {
		if (!tracked[i].used)
			continue;
		if (tracked[i].is_dir)
			rmdir(tracked[i].path);
		else
			unlink(tracked[i].path);
	}
	errno = saved;
	/* SA_RESETHAND restored the default action: die of sig */
	raise(sig);
}

void
file_cleanup_on_signals(void)
{
	/* SIGPIPE too: `warta --demo export | head` must not leave the
	 * demo's directory behind */
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
	struct sigaction sa, old;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fatal;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue; /* e.g. nohup: keep ignoring */
		sigaction(sigs[i], &sa, NULL);
	}
}

/* ---- atomic replacement */

static void
out_release(struct file_out *o)
{
	if (o->tmp) {
		unlink(o->tmp);
		file_untrack(o->tmp);
	}
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof(*o));
}

/* Symbolic links followed before a write, as the kernel follows them. */
#define MAX_LINKS 40

char *
file_follow_links(const char *path)
{
	char *cur = xstrdup(path);
	char target[PATH_MAX];

	for (int n = 0; n < MAX_LINKS; n++) {
		struct stat sb;
		ssize_t len;
		char *next;
		const char *slash;

		if (lstat(cur, &sb) != 0 || !S_ISLNK(sb.st_mode))
			break;
		len = readlink(cur, target, sizeof(target) - 1);
		if (len <= 0 || (size_t)len >= sizeof(target) - 1)
			break;
		target[len] = '\0';
		slash = strrchr(cur, '/');
		/* a relative target is read from the link's directory */
		if (target[0] == '/' || !slash)
			next = xstrdup(target);
		else
			next = xasprintf("%.*s/%s", (int)(slash - cur), cur,
					 target);
		free(cur);
		cur = next;
	}
	return cur;
}

int
file_open_out(struct file_out *o, const char *path, mode_t mode, struct err *e)
{
	struct stat st;
	mode_t mask;
	int fd;

	memset(o, 0, sizeof(*o));
	/* the temporary file is renamed over the link's target, not over
	 * the link */
	o->path = file_follow_links(path);
	path = o->path;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		/* a FIFO or a device is written in place */
		o->fp = fopen(path, "w");
		if (!o->fp) {
			err_set(e, "%s: %s", path, strerror(errno));
			out_release(o);
			return -1;
		}
		return 0;
	}
	o->tmp = xasprintf("%s.XXXXXX", path);
	fd = mkstemp(o->tmp);
	if (fd < 0) {
		err_set(e, "cannot create a file beside %s: %s", path,
			strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		out_release(o);
		return -1;
	}
	file_track(o->tmp, 0);
	if (stat(path, &st) == 0) {
		mode = st.st_mode & 07777;
	} else {
		mask = umask(0);
		umask(mask);
		mode &= ~mask;
	}
	if (fchmod(fd, mode) < 0 || !(o->fp = fdopen(fd, "w"))) {
		err_set(e, "cannot write %s: %s", o->tmp, strerror(errno));
		close(fd);
		out_release(o);
		return -1;
	}
	return 0;
}

int
file_commit(struct file_out *o, struct err *e)
{
	int bad, rc = -1;

	if (!o->fp) {
		out_release(o);
		return err_set(e, "no file open");
	}
	bad = fflush(o->fp) != 0 || ferror(o->fp);
	if (!bad && o->tmp && fsync(fileno(o->fp)) < 0)
		bad = 1;
	if (fclose(o->fp) != 0)
		bad = 1;
	o->fp = NULL;
	if (bad) {
		err_set(e, "cannot write %s: %s", o->path, strerror(errno));
		goto out;
	}
	if (o->tmp && rename(o->tmp, o->path) < 0) {
		err_set(e, "cannot replace %s: %s", o->path, strerror(errno));
		goto out;
	}
	if (o->tmp) {
		file_untrack(o->tmp);
		free(o->tmp);
		o->tmp = NULL; /* renamed: nothing to remove */
	}
	rc = 0;
out:
	out_release(o);
	return rc;
}

void
file_abort(struct file_out *o)
{
	if (o->fp)
		fclose(o->fp);
	o->fp = NULL;
	out_release(o);
}

int
file_write_atomic(const char *path, const char *data, size_t len, mode_t mode,
		  struct err *e)
{
	struct file_out o;

	if (file_open_out(&o, path, mode, e) < 0)
		return -1;
	if (len && fwrite(data, 1, len, o.fp) != len) {
		err_set(e, "cannot write %s: %s", path, strerror(errno));
		file_abort(&o);
		return -1;
	}
	return file_commit(&o, e);
}

int
file_read_all(const char *path, size_t max, unsigned flags, struct buf *out,
	      struct err *e)
{
	int is_stdin = !strcmp(path, "-");
	const char *name = is_stdin ? "standard input" : path;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	char chunk[65536];
	size_t n;
	int rc = -1;

	buf_init(out, 0);
	if (!f)
		return err_set(e, "%s: %s", name, strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (n > max - out->len) {
			if (!(flags & FILE_READ_CUT)) {
				if (max % (1u << 20) == 0)
					err_set(e, "%s: larger than %zu MiB",
						name, max >> 20);
				else
					err_set(e, "%s: larger than %zu bytes",
						name, max);
				goto out;
			}
			/* what is past the cap is never read */
			buf_append(out, chunk, max - out->len);
			rc = 0;
			goto out;
		}
		buf_append(out, chunk, n);
	}
	if (ferror(f)) {
		err_set(e, "%s: %s", name, strerror(errno ? errno : EIO));
		goto out;
	}
	rc = 0;
out:
	if (!is_stdin)
		fclose(f);
	if (rc)
		buf_free(out);
	return rc;
}

/* ---- new files named after text */

/* 1 when code point cp may stand in a file name made of text: ASCII
 * letters and digits, and any other script's characters but white space,
 * punctuation blocks and invisible ones (controls, bidi, zero widths). */
static int
name_char(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		       (cp >= 'A' && cp <= 'Z');
	if (cp < 0xc0 || cp == 0xd7 || cp == 0xf7)
		return 0; /* C1 controls, Latin-1 signs, x and / */
	if ((cp >= 0x2000 && cp <= 0x2bff) || (cp >= 0x3000 && cp <= 0x303f))
		return 0; /* spaces, punctuation, arrows, symbols, CJK
			     punctuation */
	if ((cp >= 0xfe00 && cp <= 0xfe0f) || cp >= 0xfff0 || cp == 0xfeff)
		return 0; /* variation selectors, specials, BOM */
	if ((cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0xe000 && cp <= 0xf8ff))
		return 0; /* surrogates, private use */
	return cp <= 0x10ffff;
}

char *
file_name_from(const char *text, size_t max)
{
	size_t len = text ? strlen(text) : 0, i = 0;
	struct buf b;
	int dash = 0;

	if (max < 8)
		max = 8;
	buf_init(&b, 0);
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(text + i, len - i, &cp);

		if (!n)
			n = 1;
		if (!name_char(cp)) {
			dash = b.len > 0;
			i += n;
			continue;
		}
		if (b.len + dash + n > max)
			break;
		if (dash)
			buf_putc(&b, '-');
		dash = 0;
		buf_append(&b, text + i, n);
		i += n;
	}
	if (!b.len)
		buf_puts(&b, "untitled");
	return buf_steal(&b);
}

/* Tries before giving up on a unique name: stem.ext to stem-999.ext. */
#define UNIQUE_TRIES 999

char *
file_create_unique(const char *dir, const char *stem, const char *ext,
		   mode_t mode, struct err *e)
{
	const char *dot = ext && *ext ? "." : "";

	if (!ext)
		ext = "";
	if (!*stem || strchr(stem, '/') || stem[0] == '.' || strchr(ext, '/')) {
		err_set(e, "%s: not a file name", stem);
		return NULL;
	}
	for (int i = 1; i <= UNIQUE_TRIES; i++) {
		char *path =
		    i == 1 ? xasprintf("%s/%s%s%s", dir, stem, dot, ext)
			   : xasprintf("%s/%s-%d%s%s", dir, stem, i, dot, ext);
		int fd = open(
		    path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		    mode);

		if (fd >= 0) {
			close(fd);
			return path;
		}
		if (errno != EEXIST) {
			err_set(e, "cannot create %s: %s", path,
				strerror(errno));
			free(path);
			return NULL;
		}
		free(path);
	}
	err_set(e, "%s: %d files called %s already", dir, UNIQUE_TRIES, stem);
	return NULL;
}
