/* file.h: whole files in, atomic files out, paths a signal removes. */
#ifndef WARTA_FILE_H
#define WARTA_FILE_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

struct buf;
struct err;

/* What file_read_all() does with input longer than its cap. */
enum {
	FILE_READ_CUT = 1 << 0, /* keep the first max bytes (else refuse) */
};

/* Read all of path ("-": standard input) into out, which is set up here
 * (the caller buf_free()s it). Input longer than max bytes is refused
 * ("NAME: larger than 64 MiB") or, with FILE_READ_CUT, cut at max bytes
 * and not read further. Errors name the file or "standard input". 0, or
 * -1 with e set (out left empty). */
int file_read_all(const char *path, size_t max, unsigned flags, struct buf *out,
		  struct err *e);

/* An output file being written: a temporary file beside the destination,
 * renamed over it by file_commit(). A destination that exists and is not a
 * regular file (a FIFO, /dev/stdout) is written in place. */
struct file_out {
	FILE *fp;   /* write here */
	char *path; /* the destination */
	char *tmp;  /* the temporary file, NULL when written in place */
};

/* The file a write to path means: path, or the file its symbolic links
 * lead to (which need not exist yet), so that replacing it keeps a link
 * to a file kept elsewhere a link. Caller frees. */
char *file_follow_links(const char *path);
/* Open o to write path: a temporary file made with mkstemp() in path's
 * directory and tracked (file_track) until committed or aborted. A path
 * that is a symbolic link is written where the link leads (the link stays).
 * A new file gets mode & ~umask, a replaced one keeps its mode. 0, or -1
 * with e set. */
int file_open_out(struct file_out *o, const char *path, mode_t mode,
		  struct err *e);
/* Flush, fsync, close and rename over the destination. 0, or -1 with e set
 * (then the destination is untouched). o is released either way and its
 * temporary file never left behind. */
int file_commit(struct file_out *o, struct err *e);
/* Release o and remove its temporary file: the destination stays as it was. */
void file_abort(struct file_out *o);
/* Write data[0..len) to path whole or not at all (open, write, commit). */
int file_write_atomic(const char *path, const char *data, size_t len,
		      mode_t mode, struct err *e);

/* A file name made of text (a title): letters and digits kept (any
 * script), every run of anything else one '-', none at either end, at most
 * max bytes (cut between characters; max below 8 counts as 8), "untitled"
 * when nothing is left. It never holds '/' nor starts with '.'. Caller
 * frees. */
char *file_name_from(const char *text, size_t max);
/* Create a new empty file in dir called stem.ext, or stem-2.ext,
 * stem-3.ext, ... when that exists (an existing file is never opened, a
 * link never followed); stem holds no '/' (file_name_from()). Mode as for
 * open(). Its path (caller frees), or NULL with e set. */
char *file_create_unique(const char *dir, const char *stem, const char *ext,
			 mode_t mode, struct err *e);

/* Remember path (a directory when is_dir) for removal on SIGINT, SIGTERM,
 * SIGHUP or SIGPIPE; removal goes in reverse order, so track a directory before
 * the files in it. 0, or -1 when the table is full or path too long. */
int file_track(const char *path, int is_dir);
/* Forget path (it was removed or renamed). */
void file_untrack(const char *path);
/* Install the handlers for SIGINT, SIGTERM, SIGHUP and SIGPIPE (a signal
 * ignored from the start stays ignored): they remove the tracked paths,
 * then the process dies of the signal as it would have. */
void file_cleanup_on_signals(void);

#endif
