/* doc_html.c: a doc as a standalone, safely escaped HTML5 document. */
#include "autoconfig.h"

#include "doc/doc.h"
#include "util/buf.h"
#include "util/url.h"
#include "util/utf8.h"

#include <string.h>

/* List and quote nesting deeper than this is flattened. */
#define MAX_NEST 16

/* Append text escaped for HTML content and attribute values: markup
 * characters as entities, invalid UTF-8 and control characters (but tab and,
 * unless br, newline) as U+FFFD; with br a newline becomes <br>. */
static void
html_text(struct buf *out, const char *s, size_t len, int br)
{
	size_t i = 0;

	while (i < len) {
		size_t start = i;
		uint32_t cp;
		size_t n;

		while (i < len && (unsigned char)s[i] >= 0x20 &&
		       (unsigned char)s[i] < 0x7f && !strchr("&<>\"'", s[i]))
			i++;
		buf_append(out, s + start, i - start);
		if (i >= len)
			break;
		n = utf8_decode(s + i, len - i, &cp);
		switch (cp) {
		case '&':
			buf_puts(out, "&amp;");
			break;
		case '<':
			buf_puts(out, "&lt;");
			break;
		case '>':
			buf_puts(out, "&gt;");
			break;
		case '"':
			buf_puts(out, "&quot;");
			break;
		case '\'':
			buf_puts(out, "&#39;");
			break;
		case '\t':
			buf_putc(out, '\t');
			break;
		case '\n':
			buf_puts(out, br ? "<br>\n" : " ");
			break;
		default:
			if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ||
			    cp == UTF8_REPLACEMENT)
				buf_puts(out, "\xef\xbf\xbd");
			else
				buf_append(out, s + i, n);
			break;
		}
		i += n;
	}
}

static void
html_str(struct buf *out, const char *s, int br)
{
	html_text(out, s, strlen(s), br);
}

static void
html_run(struct buf *out, const struct doc_run *r)
{
	int link = r->href && url_is_http(r->href);

	if (link) {
		buf_puts(out, "<a href=\"");
		html_str(out, r->href, 0);
		buf_puts(out, "\">");
	}
	if (r->style & DOC_STRONG)
		buf_puts(out, "<strong>");
	if (r->style & DOC_EM)
		buf_puts(out, "<em>");
	if (r->style & DOC_MONO)
		buf_puts(out, "<code>");
	html_str(out, r->text, 1);
	if (r->style & DOC_MONO)
		buf_puts(out, "</code>");
	if (r->style & DOC_EM)
		buf_puts(out, "</em>");
	if (r->style & DOC_STRONG)
		buf_puts(out, "</strong>");
	if (link)
		buf_puts(out, "</a>");
}

static void
html_runs(struct buf *out, const struct doc_block *b)
{
	for (size_t i = 0; i < b->nruns; i++)
		html_run(out, &b->runs[i]);
}

/* What is open around the current block: quotes outermost, then lists,
 * each list with its item open. */
struct html_state {
	int quotes;
	int lists;
	char ordered[MAX_NEST]; /* per open list */
};

static void
close_lists(struct buf *out, struct html_state *st, int keep)
{
	while (st->lists > keep) {
		st->lists--;
		buf_puts(out, st->ordered[st->lists] ? "</li>\n</ol>\n"
						     : "</li>\n</ul>\n");
	}
}

static void
set_quotes(struct buf *out, struct html_state *st, int want)
{
	if (want < 0)
		want = 0;
	if (want > MAX_NEST)
		want = MAX_NEST;
	if (want != st->quotes)
		close_lists(out, st, 0);
	while (st->quotes > want) {
		buf_puts(out, "</blockquote>\n");
		st->quotes--;
	}
	while (st->quotes < want) {
		buf_puts(out, "<blockquote>\n");
		st->quotes++;
	}
}

static void
list_item(struct buf *out, struct html_state *st, const struct doc_block *b)
{
	int level = b->level < 1	  ? 1
		    : b->level > MAX_NEST ? MAX_NEST
					  : b->level;
	char ordered = b->number != 0;

	close_lists(out, st, level);
	if (st->lists == level && st->ordered[level - 1] != ordered)
		close_lists(out, st, level - 1);
	if (st->lists == level) {
		buf_puts(out, "</li>\n<li>");
	} else {
		while (st->lists < level) {
			int last = st->lists == level - 1;

			st->ordered[st->lists] = last ? ordered : 0;
			if (last && ordered && b->number != 1)
				buf_printf(out, "<ol start=\"%d\">\n<li>",
					   b->number);
			else
				buf_puts(out, last && ordered ? "<ol>\n<li>"
							      : "<ul>\n<li>");
			st->lists++;
		}
	}
	html_runs(out, b);
}

static size_t
html_table(struct buf *out, const struct doc *d, size_t i)
{
	size_t end = i;

	buf_puts(out, "<table>\n");
	while (end < d->nblocks && d->blocks[end].kind == DOC_TABLE_ROW &&
	       d->blocks[end].quote == d->blocks[i].quote) {
		const struct doc_block *b = &d->blocks[end];
		const char *cell = b->level == 1 ? "th" : "td";
		size_t r = 0;

		buf_puts(out, "<tr>");
		while (r < b->nruns) {
			unsigned c = b->runs[r].cell;

			buf_printf(out, "<%s>", cell);
			while (r < b->nruns && b->runs[r].cell == c)
				html_run(out, &b->runs[r++]);
			buf_printf(out, "</%s>", cell);
		}
		buf_puts(out, "</tr>\n");
		end++;
	}
	buf_puts(out, "</table>\n");
	return end;
}

static void
html_block(struct buf *out, const struct doc_block *b)
{
	switch (b->kind) {
	case DOC_HEADING: {
		int h = b->level < 1 ? 1 : b->level > 6 ? 6 : b->level;

		buf_printf(out, "<h%d>", h);
		html_runs(out, b);
		buf_printf(out, "</h%d>\n", h);
		break;
	}
	case DOC_FIGURE:
		buf_puts(out, "<figure>");
		if (b->src && url_is_http(b->src)) {
			buf_puts(out, "<img src=\"");
			html_str(out, b->src, 0);
			buf_puts(out, "\" alt=\"");
			if (b->alt)
				html_str(out, b->alt, 0);
			buf_puts(out, "\">");
		} else if (b->alt) {
			html_str(out, b->alt, 0);
		}
		if (b->nruns) {
			buf_puts(out, "<figcaption>");
			html_runs(out, b);
			buf_puts(out, "</figcaption>");
		}
		buf_puts(out, "</figure>\n");
		break;
	case DOC_RULE:
		buf_puts(out, "<hr>\n");
		break;
	default:
		buf_puts(out, "<p>");
		html_runs(out, b);
		buf_puts(out, "</p>\n");
		break;
	}
}

/* Code text must keep its newlines verbatim: html_text with br=0 turns a
 * newline into a space, so code goes through this instead. */
static void
html_code(struct buf *out, const struct doc_block *b)
{
	buf_puts(out, "<pre><code>");
	for (size_t i = 0; i < b->nruns; i++) {
		const char *p = b->runs[i].text;

		for (;;) {
			const char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) : strlen(p);

			html_text(out, p, n, 0);
			if (!nl)
				break;
			buf_putc(out, '\n');
			p = nl + 1;
		}
	}
	buf_puts(out, "</code></pre>\n");
}

static int
lang_ok(const char *s)
{
	size_t n = 0;

	for (; *s; s++, n++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return 0;
	return n > 0 && n < 36;
}

static void
html_head(struct buf *out, const struct doc_meta *m)
{
	buf_puts(out, "<!DOCTYPE html>\n<html");
	if (m->lang && lang_ok(m->lang))
		buf_printf(out, " lang=\"%s\"", m->lang);
	buf_puts(out, ">\n<head>\n<meta charset=\"utf-8\">\n"
		      "<meta name=\"viewport\" "
		      "content=\"width=device-width, initial-scale=1\">\n"
		      "<title>");
	if (m->title)
		html_str(out, m->title, 0);
	buf_puts(out, "</title>\n");
	if (m->description) {
		buf_puts(out, "<meta name=\"description\" content=\"");
		html_str(out, m->description, 0);
		buf_puts(out, "\">\n");
	}
	if (m->url && url_is_http(m->url)) {
		buf_puts(out, "<link rel=\"canonical\" href=\"");
		html_str(out, m->url, 0);
		buf_puts(out, "\">\n");
	}
	buf_puts(out, "</head>\n<body>\n<article>\n<header>\n");
	if (m->title) {
		buf_puts(out, "<h1>");
		html_str(out, m->title, 0);
		buf_puts(out, "</h1>\n");
	}
	if (m->byline || m->published || m->site) {
		int n = 0;

		buf_puts(out, "<p class=\"meta\">");
		if (m->byline) {
			buf_puts(out, "<span class=\"byline\">");
			html_str(out, m->byline, 0);
			buf_puts(out, "</span>");
			n++;
		}
		if (m->published) {
			buf_puts(out, n++ ? " · <time datetime=\""
					  : "<time datetime=\"");
			html_str(out, m->published, 0);
			buf_puts(out, "\">");
			html_str(out, m->published, 0);
			buf_puts(out, "</time>");
		}
		if (m->site) {
			buf_puts(out, n++ ? " · <span class=\"site\">"
					  : "<span class=\"site\">");
			html_str(out, m->site, 0);
			buf_puts(out, "</span>");
		}
		buf_puts(out, "</p>\n");
	}
	if (m->url && url_is_http(m->url)) {
		buf_puts(out, "<p class=\"source\"><a href=\"");
		html_str(out, m->url, 0);
		buf_puts(out, "\">");
		html_str(out, m->url, 0);
		buf_puts(out, "</a></p>\n");
	}
	buf_puts(out, "</header>\n");
}

static void
html_comments(struct buf *out, const struct doc *d)
{
	buf_printf(out,
		   "<section class=\"comments\">\n<h2>Comments (%zu)</h2>\n",
		   d->ncomments);
	for (size_t i = 0; i < d->ncomments; i++) {
		const struct doc_comment *c = &d->comments[i];
		int depth = c->depth < 0	  ? 0
			    : c->depth > MAX_NEST ? MAX_NEST
						  : c->depth;

		buf_printf(out, "<div class=\"comment depth-%d\">\n<p>", depth);
		buf_puts(out, "<strong>");
		html_str(out, c->author ? c->author : "Anonymous", 0);
		buf_puts(out, "</strong>");
		if (c->published) {
			buf_puts(out, " · <time>");
			html_str(out, c->published, 0);
			buf_puts(out, "</time>");
		}
		buf_puts(out, "</p>\n");
		for (const char *p = c->text; *p;) {
			const char *nl = strstr(p, "\n\n");
			size_t n = nl ? (size_t)(nl - p) : strlen(p);

			buf_puts(out, "<p>");
			html_text(out, p, n, 1);
			buf_puts(out, "</p>\n");
			p += n;
			while (*p == '\n')
				p++;
		}
		buf_puts(out, "</div>\n");
	}
	buf_puts(out, "</section>\n");
}

char *
doc_to_html(const struct doc *d, int with_comments)
{
	struct html_state st;
	struct buf out;

	memset(&st, 0, sizeof(st));
	buf_init(&out, 0);
	html_head(&out, &d->meta);
	for (size_t i = 0; i < d->nblocks;) {
		const struct doc_block *b = &d->blocks[i];

		set_quotes(&out, &st, b->quote);
		if (b->kind == DOC_LIST_ITEM) {
			list_item(&out, &st, b);
			i++;
			continue;
		}
		close_lists(&out, &st, 0);
		if (b->kind == DOC_TABLE_ROW) {
			i = html_table(&out, d, i);
			continue;
		}
		if (b->kind == DOC_CODE)
			html_code(&out, b);
		else
			html_block(&out, b);
		i++;
	}
	set_quotes(&out, &st, 0);
	if (with_comments && d->ncomments)
		html_comments(&out, d);
	buf_puts(&out, "</article>\n</body>\n</html>\n");
	return buf_steal(&out);
}
