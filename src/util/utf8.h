/* utf8.h: UTF-8 decoding, display width, and the one terminal-safety sanitiser. */
#ifndef WARTA_UTF8_H
#define WARTA_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFDu

/* Decode one code point from s[0..len); stores it in *cp (U+FFFD for an
 * invalid, overlong, surrogate or truncated sequence) and returns the bytes
 * consumed (>= 1 when len > 0, 0 when len == 0). */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encode cp into out (4 bytes room); returns the length (invalid cp -> U+FFFD). */
size_t utf8_encode(uint32_t cp, char *out);
/* 1 if s[0..len) is well-formed UTF-8 without NUL bytes. */
int utf8_valid(const char *s, size_t len);
/* Columns a code point takes in a terminal: 0 (combining, zero-width), 1 or 2
 * (East Asian wide and fullwidth, emoji). Independent of the locale. */
int utf8_cpwidth(uint32_t cp);
/* Display width of a UTF-8 string. */
size_t utf8_width(const char *s, size_t len);
/* Cut s in place to at most max bytes, never inside a character. */
void utf8_cut(char *s, size_t max);

/* The most zero-width code points (combining marks...) kept after a
 * character by UTF8_CAP_MARKS: what a cell of the interface holds (an
 * ncurses cell takes a character and four more), so that a run of
 * thousands ("Zalgo" text) costs a terminal no more than that. */
#define UTF8_MAX_MARKS 4

enum {
	UTF8_KEEP_NEWLINES = 1 << 0, /* keep \n (else it becomes a space) */
	UTF8_KEEP_TABS = 1 << 1,     /* keep \t (else it becomes a space) */
	UTF8_CAP_MARKS = 1 << 2,     /* keep UTF8_MAX_MARKS zero-width code
				      * points after a character, drop more */
};
/* Make text safe for the terminal: invalid bytes become U+FFFD, C0 controls
 * and DEL become visible caret notation (ESC -> "^["), C1 controls and bidi
 * embedding/override/isolate controls and noncharacters (U+FFFE, U+FFFF,
 * U+FDD0..U+FDEF, ...) become U+FFFD, so the result is also valid XML
 * text; with UTF8_CAP_MARKS (text for a terminal) a run of zero-width code
 * points is cut to UTF8_MAX_MARKS. Returns a new string, caller frees. */
char *utf8_sanitize(const char *s, size_t len, unsigned flags);

#endif
