/* ini.h: a line-by-line ini reader that keeps line numbers, for sections warta
 * validates itself ([keys], [colors], theme files). */
#ifndef WARTA_INI_H
#define WARTA_INI_H

#include <stddef.h>

/* Longest line, section name, key and value accepted (longer ones are
 * reported as errors, never truncated silently). */
#define INI_MAX_LINE 4096

struct ini_iter {
	const char *p, *end; /* the rest of the text; borrowed */
	int line;            /* number of the line last returned, from 1 */
	char section[128];   /* current section, "" before the first header */
	char key[256];       /* the key of the entry just returned */
	char value[INI_MAX_LINE]; /* its value: trimmed, outer quotes removed */
	int quoted;          /* the value was in quotes */
	int section_line;    /* line of the current section's header, or 0 */
	const char *error;   /* after -1: what is wrong with that line */
	/* Set by the caller after ini_iter_init(), for text that iniparser
	 * reads too: section headers are returned (INI_SECTION), and lines
	 * it would read differently are errors: text after a section's ']',
	 * a line ending in '\' (iniparser joins it to the next). */
	int strict;
	size_t max_line;     /* 0: INI_MAX_LINE; lower to match a reader */
	char errbuf[64];
};

/* ini_iter_next()'s value for a section header, in strict mode. */
#define INI_SECTION 2

/* Start iterating over text[0..len) (borrowed; need not be NUL-terminated). */
void ini_iter_init(struct ini_iter *it, const char *text, size_t len);
/* Advance to the next key = value entry: 1 when one is in it->key/value (and
 * it->section, it->line), 0 at the end, -1 for a malformed line (it->error
 * says why; iteration may continue after it). Comments (; or # first) and
 * blank lines are skipped; section headers update it->section and
 * it->section_line (and return INI_SECTION when it->strict). */
int ini_iter_next(struct ini_iter *it);
/* Read a whole file (at most max bytes) into a new NUL-terminated string;
 * caller frees. NULL with errno set on failure (EFBIG when too large). */
char *ini_read_file(const char *path, size_t max, size_t *len);

#endif
