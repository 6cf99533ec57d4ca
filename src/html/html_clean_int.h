/* html_clean_int.h: html_clean's parts (private to src/html/). */
#ifndef WARTA_HTML_CLEAN_INT_H
#define WARTA_HTML_CLEAN_INT_H

#include <stddef.h>

/* ASCII letters, and the white space HTML's tokenizer knows. */
static inline int
html_clean_is_alpha(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static inline int
html_clean_is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
	       ch == '\f';
}

/* Which vocabulary the cleaner is in: inside <svg> and <math> other
 * elements and attributes are allowed. */
enum html_clean_ctx { HCTX_HTML, HCTX_SVG, HCTX_MATH };

/* What may be done with one attribute (html_clean_attr.c). */
struct html_clean_attr;

/* Names looked up lately, and what they were: a summary asks for p, a,
 * br and href over and over. Zeroed before use; on the caller's stack. */
struct html_clean_memo {
	struct {
		const void *table, *hit;
		unsigned char n;
		char name[15];
	} slot[64];
};

/* The entry called name[0..n) (ASCII case ignored) of a sorted table of
 * count structs of size bytes whose first member is the (lower-case)
 * name; NULL when there is none. memo (may be NULL) remembers it. */
const void *html_clean_find(struct html_clean_memo *memo, const void *table,
			    size_t count, size_t size, const char *name,
			    size_t n);

/* The rule for attribute name[0..n) in vocabulary ctx; NULL when the
 * attribute goes (event handlers, srcdoc, anything not on the lists). */
const struct html_clean_attr *html_clean_attr_rule(struct html_clean_memo *memo,
						   const char *name, size_t n,
						   enum html_clean_ctx ctx);
/* The name to write for it (SVG's camelCase), or NULL: the name as
 * written, in lower case. */
const char *html_clean_attr_out(const struct html_clean_attr *a);
/* 1 if it may stand without a value ("checked"). */
int html_clean_attr_bare(const struct html_clean_attr *a);
/* Its value raw[0..n), character references decoded once, made safe:
 * URLs resolved against base (may be NULL) and kept only with a safe
 * scheme, styles filtered. A new string, or NULL when the attribute
 * goes. */
char *html_clean_attr_value(const struct html_clean_attr *a, const char *raw,
			    size_t n, const char *base,
			    enum html_clean_ctx ctx);

/* A style attribute's value with only the declarations that change how
 * text and boxes look (colours, fonts, alignment, sizes, borders, margins
 * and padding of sane lengths): no url(), no expressions, no positioning
 * over the page. A new string, or NULL when nothing is left. */
char *html_clean_style(const char *v);

#endif
