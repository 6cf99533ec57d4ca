/* render.h: lay a doc out for a terminal width as lines of attributed spans. */
#ifndef WARTA_RENDER_H
#define WARTA_RENDER_H

#include <stddef.h>

#include "doc/doc.h"

/* What a span is; the UI maps each to a theme element. */
enum render_attr {
	RENDER_NORMAL,
	RENDER_TITLE,	    /* the article title in the header */
	RENDER_META,	    /* header lines: source, byline, date, URL */
	RENDER_HEADING,	    /* section headings, "Comments (N)" */
	RENDER_QUOTE,	    /* quoted text and the quote bar */
	RENDER_CODE,	    /* code blocks and inline code */
	RENDER_LINK,	    /* the text of a link */
	RENDER_LINK_NUMBER, /* the "[n]" after a link */
	RENDER_EMPHASIS,
	RENDER_STRONG,
	RENDER_MARKER,	     /* list bullets and numbers */
	RENDER_IMAGE,	     /* "[image: alt]" */
	RENDER_CAPTION,	     /* figure captions */
	RENDER_TABLE_HEADER, /* cells of a table's header row */
	RENDER_RULE,	     /* horizontal rules and table borders */
	RENDER_COMMENT,	     /* comment text */
	RENDER_COMMENT_META, /* comment author and time */
	RENDER_ATTR_COUNT
};

/* A piece of a line: NUL-terminated, sanitised UTF-8 (no control characters
 * or escape sequences), width display columns wide. */
struct render_span {
	const char *text;
	size_t len;
	int width;
	enum render_attr attr;
};

struct render_line {
	const struct render_span *spans;
	size_t nspans; /* 0 for a blank line */
	int width;     /* display columns; <= the width asked for, except for
			* unwrapped code lines, a lone wide character at
			* width 1 and, with RENDER_PLAIN, the header's URL
			* (the UI clips) */
};

/* A numbered link: the "[number]" shown after its text. */
struct render_link {
	int number;	 /* 1, 2, ... in reading order */
	const char *url; /* absolute http(s) URL */
	size_t line;	 /* index of the line where it first appears */
};

/* The laid-out document; everything in it is owned by it. */
struct render_page {
	struct render_line *lines;
	size_t nlines;
	struct render_link *links; /* links[i].number == i + 1 */
	size_t nlinks;
	size_t comments_line; /* line of the "Comments (N)" heading, or nlines
			       * when comments are not shown */
	/* private storage */
	char *text_;
	struct render_span *spans_;
};

/* Layout flags. */
enum {
	/* Append the comments under "Comments (N)". */
	RENDER_COMMENTS = 1 << 0,
	/* Start with title, source, byline, date and URL. */
	RENDER_HEADER = 1 << 1,
	/* ASCII markers ("- ", "> ", "|") and underlined headings, for plain
	 * text output. */
	RENDER_PLAIN = 1 << 2,
};

struct render_options {
	int width;	    /* columns of text; values below 1 count as 1 */
	unsigned flags;	    /* RENDER_COMMENTS | RENDER_HEADER | RENDER_PLAIN */
	const char *source; /* source name for the header, NULL: meta.site */
	const char *date;   /* date for the header as shown, NULL: the
			     * doc's own (meta.published) */
};

/* Lay d out (o NULL: width 80, no flags); never fails (hostile docs are
 * clamped). Caller frees with render_page_free(). */
struct render_page *render_layout(const struct doc *d,
				  const struct render_options *o);
void render_page_free(struct render_page *p);
/* The theme element name of an attribute ("heading", "link-number", ...);
 * a static string. */
const char *render_attr_name(enum render_attr a);
/* An ISO 8601 time as the reader sees it: "2024-05-01T08:13:00+07:00" ->
 * "2024-05-01 08:13 +07:00" ("... UTC" for Z, no zone when it has none);
 * anything else copied as it is. */
void render_format_date(const char *s, char *out, size_t size);
/* `warta extract --format text`: header, body wrapped to width (display
 * columns), links numbered "[n]" and listed at the end; flags may hold
 * RENDER_COMMENTS. Terminal-safe. Caller frees. */
char *render_text(const struct doc *d, int width, unsigned flags);

#endif
