/* err.h: the error a library call fills in for its caller to show. */
#ifndef WARTA_ERR_H
#define WARTA_ERR_H

struct err {
	char msg[512];
};

/* Set e's message (printf-style); a NULL e is allowed and ignored. Returns -1
 * so callers can write `return err_set(e, ...);`. */
int err_set(struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Prefix e's message with more context ("feed \"X\": " + old message). */
void err_prefix(struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
