/* doc.h: the one document model: metadata, blocks of inline runs, and comments. */
#ifndef WARTA_DOC_H
#define WARTA_DOC_H

#include <stddef.h>

struct err;

enum doc_block_kind {
	DOC_PARAGRAPH,
	DOC_HEADING,   /* level: 1..6 */
	DOC_LIST_ITEM, /* level: nesting depth from 1; number: 0 bullet, else n */
	DOC_CODE,      /* preformatted; one run, newlines kept */
	DOC_TABLE_ROW, /* runs carry their cell index; level 1 = header row */
	DOC_FIGURE,    /* src/alt set; runs are the caption */
	DOC_RULE,      /* no runs */
};

/* Inline style bits of a run. */
enum {
	DOC_EM = 1 << 0,
	DOC_STRONG = 1 << 1,
	DOC_MONO = 1 << 2,
};

struct doc_run {
	char *text;      /* UTF-8, white space already collapsed; "\n" is a line break */
	char *href;      /* absolute http(s) URL when the run is a link, else NULL */
	unsigned style;  /* DOC_EM | DOC_STRONG | DOC_MONO */
	unsigned cell;   /* table cell index in a DOC_TABLE_ROW, else 0 */
};

struct doc_block {
	enum doc_block_kind kind;
	int level;       /* see enum doc_block_kind */
	int number;      /* list item number, 0 for a bullet */
	int quote;       /* block-quote nesting depth around this block, 0 for none */
	char *src;       /* DOC_FIGURE: absolute image URL, or NULL */
	char *alt;       /* DOC_FIGURE: alternative text, or NULL */
	struct doc_run *runs;
	size_t nruns, capruns;
};

struct doc_comment {
	char *author;    /* or NULL */
	char *published; /* ISO 8601 as found, or NULL */
	char *text;      /* plain text, paragraphs separated by "\n\n" */
	int depth;       /* reply depth, 0 for a top-level comment */
};

struct doc_meta {
	char *url;         /* canonical URL, else the page URL; each field may be NULL */
	char *title;
	char *byline;
	char *published;   /* ISO 8601, with the page's offset when it gave one */
	char *site;
	char *lang;
	char *image;
	char *description;
	char *next_page;
};

struct doc {
	struct doc_meta meta;
	struct doc_block *blocks;
	size_t nblocks, capblocks;
	struct doc_comment *comments;
	size_t ncomments, capcomments;
};

/* A new empty doc; caller frees with doc_free(). */
struct doc *doc_new(void);
void doc_free(struct doc *d);
/* Set a metadata field to a copy of value (NULL clears it). */
void doc_set(char **field, const char *value);
/* Append a block; the pointer is valid until the next doc_add_block(). */
struct doc_block *doc_add_block(struct doc *d, enum doc_block_kind kind);
/* Append a run of len bytes of text (href copied when non-NULL); adjacent
 * runs of the same style, href and cell are merged. */
void doc_block_add_run(struct doc_block *b, const char *text, size_t len,
		       unsigned style, const char *href, unsigned cell);
/* Remove block i, shifting the rest down. */
void doc_remove_block(struct doc *d, size_t i);
/* Append a comment; strings are copied, NULLs allowed. */
void doc_add_comment(struct doc *d, const char *author, const char *published,
		     const char *text, int depth);
/* Plain text of one block (runs concatenated); caller frees. */
char *doc_block_text(const struct doc_block *b);
/* The body as plain text: blocks separated by a blank line, consecutive list
 * items and table rows by one newline, list items marked "- " or "N. ", a
 * figure as its caption (a picture without one gives nothing: its alt text
 * is no prose); no metadata, no comments. Caller frees. */
char *doc_body_text(const struct doc *d);
/* The name of a block kind as used in JSON ("paragraph", "list_item", ...);
 * a static string. */
const char *doc_block_kind_name(enum doc_block_kind kind);

/* doc_export.c, doc_html.c: the output formats of `warta extract`. Each
 * returns a new NUL-terminated string; caller frees. */
/* The JSON object (pretty-printed): url, title, byline, published, site,
 * lang, image, description, next_page (null when absent), text
 * (doc_body_text), blocks, comments. */
char *doc_to_json(const struct doc *d);
/* CommonMark with a title and metadata header; comments appended under a
 * "Comments (N)" heading when with_comments. Control characters are made
 * visible (utf8_sanitize), so the text is safe to print. */
char *doc_to_markdown(const struct doc *d, int with_comments);
/* A standalone HTML5 document, every string escaped; only http(s) links and
 * images are kept as such. Comments appended when with_comments. */
char *doc_to_html(const struct doc *d, int with_comments);

/* doc_cache.c: the compact, versioned form kept in the cache. */
/* Serialise d; stores the byte count in *len. Caller frees. */
char *doc_serialize(const struct doc *d, size_t *len);
/* Rebuild a doc from doc_serialize() output, validating every field (any
 * truncated, oversized or malformed input is an error, never a crash);
 * caller doc_free()s; NULL with e filled on error. */
struct doc *doc_deserialize(const char *p, size_t len, struct err *e);
/* 1 if a and b hold the same metadata, blocks, runs and comments. */
int doc_equal(const struct doc *a, const struct doc *b);

#endif
