/* buf.h: a growable byte buffer with an optional size cap, always NUL-terminated. */
#ifndef WARTA_BUF_H
#define WARTA_BUF_H

#include <stddef.h>

struct buf {
	char *data;  /* NUL-terminated when non-NULL; owned */
	size_t len;  /* bytes used, not counting the NUL */
	size_t cap;  /* bytes allocated */
	size_t max;  /* largest len allowed, 0 for no cap */
};

/* Start an empty buffer that may hold at most max bytes (0: no cap). */
void buf_init(struct buf *b, size_t max);
/* Make room for n more bytes without appending any; -1 past the cap. */
int buf_reserve(struct buf *b, size_t n);
/* Append n bytes; -1 (buffer unchanged) when the cap would be passed. */
int buf_append(struct buf *b, const void *p, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Drop the contents, keep the allocation. */
void buf_reset(struct buf *b);
/* Hand over the bytes as a NUL-terminated string (never NULL); caller frees;
 * b is left empty. */
char *buf_steal(struct buf *b);
/* Free the storage; b is left empty and may be reused. */
void buf_free(struct buf *b);

#endif
