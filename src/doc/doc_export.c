/* doc_export.c: a doc as JSON and CommonMark for `warta extract`. */
#include "autoconfig.h"

#include "doc/doc.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/str.h"
#include "util/url.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

/* Nesting deeper than this is flattened in markdown and HTML output. */
#define MAX_NEST 16

static int
clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

const char *
doc_block_kind_name(enum doc_block_kind kind)
{
	switch (kind) {
	case DOC_PARAGRAPH:
		return "paragraph";
	case DOC_HEADING:
		return "heading";
	case DOC_LIST_ITEM:
		return "list_item";
	case DOC_CODE:
		return "code";
	case DOC_TABLE_ROW:
		return "table_row";
	case DOC_FIGURE:
		return "figure";
	case DOC_RULE:
		return "rule";
	}
	return "paragraph";
}

/* ---- JSON */

static void
json_field(struct json *j, const char *key, const char *value)
{
	json_key(j, key);
	json_string(j, value);
}

static void
json_run(struct json *j, const struct doc_block *b, const struct doc_run *r)
{
	json_begin_object(j);
	json_field(j, "text", r->text);
	json_field(j, "href", r->href);
	json_key(j, "style");
	json_begin_array(j);
	if (r->style & DOC_EM)
		json_string(j, "em");
	if (r->style & DOC_STRONG)
		json_string(j, "strong");
	if (r->style & DOC_MONO)
		json_string(j, "code");
	json_end_array(j);
	if (b->kind == DOC_TABLE_ROW) {
		json_key(j, "cell");
		json_int(j, r->cell);
	}
	json_end_object(j);
}

static void
json_block(struct json *j, const struct doc_block *b)
{
	json_begin_object(j);
	json_field(j, "kind", doc_block_kind_name(b->kind));
	if (b->kind == DOC_HEADING || b->kind == DOC_LIST_ITEM ||
	    b->kind == DOC_TABLE_ROW) {
		json_key(j, "level");
		json_int(j, b->level);
	}
	if (b->kind == DOC_LIST_ITEM) {
		json_key(j, "number");
		json_int(j, b->number);
	}
	if (b->quote) {
		json_key(j, "quote");
		json_int(j, b->quote);
	}
	if (b->kind == DOC_FIGURE) {
		json_field(j, "src", b->src);
		json_field(j, "alt", b->alt);
	}
	json_key(j, "runs");
	json_begin_array(j);
	for (size_t i = 0; i < b->nruns; i++)
		json_run(j, b, &b->runs[i]);
	json_end_array(j);
	json_end_object(j);
}

char *
doc_to_json(const struct doc *d)
{
	const struct doc_meta *m = &d->meta;
	struct buf out;
	struct json j;
	char *text;

	buf_init(&out, 0);
	json_init(&j, &out, 1);
	json_begin_object(&j);
	json_field(&j, "url", m->url);
	json_field(&j, "title", m->title);
	json_field(&j, "byline", m->byline);
	json_field(&j, "published", m->published);
	json_field(&j, "site", m->site);
	json_field(&j, "lang", m->lang);
	json_field(&j, "image", m->image);
	json_field(&j, "description", m->description);
	json_field(&j, "next_page", m->next_page);
	text = doc_body_text(d);
	json_field(&j, "text", text);
	free(text);
	json_key(&j, "blocks");
	json_begin_array(&j);
	for (size_t i = 0; i < d->nblocks; i++)
		json_block(&j, &d->blocks[i]);
	json_end_array(&j);
	json_key(&j, "comments");
	json_begin_array(&j);
	for (size_t i = 0; i < d->ncomments; i++) {
		const struct doc_comment *c = &d->comments[i];

		json_begin_object(&j);
		json_field(&j, "author", c->author);
		json_field(&j, "published", c->published);
		json_field(&j, "text", c->text);
		json_key(&j, "depth");
		json_int(&j, c->depth);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_end_object(&j);
	buf_putc(&out, '\n');
	return buf_steal(&out);
}

/* ---- Markdown */

/* Append text with CommonMark's inline punctuation backslash-escaped; a
 * newline becomes a hard line break unless flat. */
static void
md_text(struct buf *out, const char *s, size_t len, int flat)
{
	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (c == '\n') {
			buf_puts(out, flat ? " " : "\\\n");
			continue;
		}
		if (strchr("\\`*_[]<>|&", c) && c)
			buf_putc(out, '\\');
		buf_putc(out, c);
	}
}

/* A link destination with the bytes that would end or confuse it
 * percent-encoded. */
static void
md_url(struct buf *out, const char *u)
{
	for (; *u; u++) {
		unsigned char c = (unsigned char)*u;

		if (c <= 0x20 || c == 0x7f || c == '(' || c == ')' ||
		    c == '<' || c == '>' || c == '\\')
			buf_printf(out, "%%%02X", c);
		else
			buf_putc(out, (char)c);
	}
}

static size_t
longest_backtick_run(const char *s)
{
	size_t best = 0, cur = 0;

	for (; *s; s++) {
		cur = *s == '`' ? cur + 1 : 0;
		if (cur > best)
			best = cur;
	}
	return best;
}

static void
md_code_span(struct buf *out, const char *s)
{
	size_t ticks = longest_backtick_run(s) + 1;
	size_t len = strlen(s);
	int pad = len && (s[0] == '`' || s[len - 1] == '`' || s[0] == ' ');

	for (size_t k = 0; k < ticks; k++)
		buf_putc(out, '`');
	if (pad)
		buf_putc(out, ' ');
	for (size_t i = 0; i < len; i++)
		buf_putc(out, s[i] == '\n' ? ' ' : s[i]);
	if (pad)
		buf_putc(out, ' ');
	for (size_t k = 0; k < ticks; k++)
		buf_putc(out, '`');
}

/* One run: emphasis markers go inside the surrounding white space, as
 * CommonMark's flanking rules want. */
static void
md_run(struct buf *out, const struct doc_run *r, int flat)
{
	const char *s = r->text;
	size_t len = strlen(s), lead = 0, trail = 0;
	const char *mark = "";
	int link = r->href && url_is_http(r->href);

	while (lead < len && str_isspace((unsigned char)s[lead]))
		lead++;
	while (trail < len - lead &&
	       str_isspace((unsigned char)s[len - 1 - trail]))
		trail++;
	md_text(out, s, lead, 1);
	if (lead == len)
		return;
	if ((r->style & DOC_EM) && (r->style & DOC_STRONG))
		mark = "***";
	else if (r->style & DOC_STRONG)
		mark = "**";
	else if (r->style & DOC_EM)
		mark = "*";
	if (link)
		buf_putc(out, '[');
	buf_puts(out, mark);
	if (r->style & DOC_MONO) {
		char *inner = xstrndup(s + lead, len - lead - trail);

		md_code_span(out, inner);
		free(inner);
	} else {
		md_text(out, s + lead, len - lead - trail, flat);
	}
	buf_puts(out, mark);
	if (link) {
		buf_puts(out, "](");
		md_url(out, r->href);
		buf_putc(out, ')');
	}
	md_text(out, s + len - trail, trail, 1);
}

/* Write text line by line, each line after its prefix; a line that would
 * start a heading, list, quote, rule or setext underline gets its first
 * character escaped. */
static void
md_lines(struct buf *out, const char *text, const char *first, const char *rest)
{
	const char *p = text;
	int firstline = 1;

	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		size_t k = 0;

		while (k < n && p[k] == ' ')
			k++;
		buf_puts(out, firstline ? first : rest);
		firstline = 0;
		if (k < n && strchr("#-+=>~:", p[k])) {
			buf_putc(out, '\\');
		} else if (k < n && p[k] >= '0' && p[k] <= '9') {
			size_t e = k;

			while (e < n && p[e] >= '0' && p[e] <= '9')
				e++;
			if (e < n && (p[e] == '.' || p[e] == ')')) {
				buf_append(out, p + k, e - k);
				buf_putc(out, '\\');
				k = e;
			}
		}
		buf_append(out, p + k, n - k);
		if (!nl)
			break;
		buf_putc(out, '\n');
		p = nl + 1;
	}
	buf_putc(out, '\n');
}

static void
md_quote_prefix(struct buf *pre, int quote)
{
	for (int q = 0; q < clamp(quote, 0, MAX_NEST); q++)
		buf_puts(pre, "> ");
}

static void
md_inline(struct buf *out, const struct doc_block *b, int flat)
{
	for (size_t i = 0; i < b->nruns; i++)
		md_run(out, &b->runs[i], flat);
}

/* The table starting at blocks[i]: rows up to the next non-row block.
 * Returns the index after it. */
static size_t
md_table(struct buf *out, const struct doc *d, size_t i, const char *pre)
{
	size_t end = i, ncols = 1;
	struct buf line;

	while (end < d->nblocks && d->blocks[end].kind == DOC_TABLE_ROW &&
	       d->blocks[end].quote == d->blocks[i].quote) {
		const struct doc_block *b = &d->blocks[end];

		for (size_t r = 0; r < b->nruns; r++)
			if (b->runs[r].cell < 64 && b->runs[r].cell + 1 > ncols)
				ncols = b->runs[r].cell + 1;
		end++;
	}
	buf_init(&line, 0);
	for (size_t k = i; k < end; k++) {
		const struct doc_block *b = &d->blocks[k];
		size_t r = 0;

		buf_reset(&line);
		buf_puts(&line, pre);
		buf_putc(&line, '|');
		for (unsigned c = 0; c < ncols; c++) {
			buf_putc(&line, ' ');
			while (r < b->nruns && b->runs[r].cell <= c) {
				if (b->runs[r].cell == c)
					md_run(&line, &b->runs[r], 1);
				r++;
			}
			buf_puts(&line, " |");
		}
		buf_putc(&line, '\n');
		buf_append(out, line.data, line.len);
		if (k == i) {
			buf_puts(out, pre);
			buf_putc(out, '|');
			for (size_t c = 0; c < ncols; c++)
				buf_puts(out, " --- |");
			buf_putc(out, '\n');
		}
	}
	buf_free(&line);
	return end;
}

static void
md_code(struct buf *out, const struct doc_block *b, const char *pre)
{
	struct buf text;
	size_t ticks;
	const char *p;

	buf_init(&text, 0);
	buf_append(&text, "", 0);
	for (size_t i = 0; i < b->nruns; i++)
		buf_puts(&text, b->runs[i].text);
	ticks = longest_backtick_run(text.data) + 1;
	if (ticks < 3)
		ticks = 3;
	buf_puts(out, pre);
	for (size_t k = 0; k < ticks; k++)
		buf_putc(out, '`');
	buf_putc(out, '\n');
	p = text.data;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		buf_puts(out, pre);
		buf_append(out, p, n);
		buf_putc(out, '\n');
		p += n + (nl ? 1 : 0);
	}
	buf_puts(out, pre);
	for (size_t k = 0; k < ticks; k++)
		buf_putc(out, '`');
	buf_putc(out, '\n');
	buf_free(&text);
}

static void
md_block(struct buf *out, const struct doc_block *b, const char *pre)
{
	struct buf first, rest, in;

	buf_init(&first, 0);
	buf_init(&rest, 0);
	buf_init(&in, 0);
	buf_puts(&first, pre);
	buf_puts(&rest, pre);
	switch (b->kind) {
	case DOC_HEADING:
		for (int k = 0; k < clamp(b->level, 1, 6); k++)
			buf_putc(&first, '#');
		buf_putc(&first, ' ');
		md_inline(&in, b, 1);
		break;
	case DOC_LIST_ITEM: {
		int depth = clamp(b->level, 1, MAX_NEST);

		for (int k = 1; k < depth; k++) {
			buf_puts(&first, "    ");
			buf_puts(&rest, "    ");
		}
		if (b->number) {
			size_t before = first.len;

			buf_printf(&first, "%d. ", b->number);
			for (size_t k = before; k < first.len; k++)
				buf_putc(&rest, ' ');
		} else {
			buf_puts(&first, "- ");
			buf_puts(&rest, "  ");
		}
		md_inline(&in, b, 0);
		break;
	}
	case DOC_FIGURE:
		if (b->src && url_is_http(b->src)) {
			buf_puts(&in, "![");
			if (b->alt)
				md_text(&in, b->alt, strlen(b->alt), 1);
			buf_puts(&in, "](");
			md_url(&in, b->src);
			buf_putc(&in, ')');
			if (b->nruns)
				buf_puts(&in, "\\\n");
		} else if (b->alt && !b->nruns) {
			md_text(&in, b->alt, strlen(b->alt), 1);
		}
		if (b->nruns) {
			buf_putc(&in, '*');
			md_inline(&in, b, 0);
			buf_putc(&in, '*');
		}
		break;
	case DOC_RULE:
		buf_puts(&in, "* * *");
		break;
	default:
		md_inline(&in, b, 0);
		break;
	}
	if (b->kind == DOC_RULE) {
		buf_puts(out, first.data);
		buf_puts(out, "* * *\n");
	} else {
		buf_append(&in, "", 0);
		md_lines(out, in.data, first.data, rest.data);
	}
	buf_free(&first);
	buf_free(&rest);
	buf_free(&in);
}

/* 1 if the block renders to nothing and is left out. */
static int
block_empty(const struct doc_block *b)
{
	if (b->kind == DOC_RULE)
		return 0;
	if (b->kind == DOC_FIGURE && (b->src || b->alt))
		return 0;
	for (size_t i = 0; i < b->nruns; i++)
		if (b->runs[i].text[0])
			return 0;
	return 1;
}

/* A blank line inside quotes: the prefix without its trailing space. */
static void
md_blank(struct buf *out, const char *pre)
{
	size_t n = strlen(pre);

	while (n && pre[n - 1] == ' ')
		n--;
	buf_append(out, pre, n);
	buf_putc(out, '\n');
}

static void
md_comments(struct buf *out, const struct doc *d)
{
	buf_printf(out, "\n## Comments (%zu)\n", d->ncomments);
	for (size_t i = 0; i < d->ncomments; i++) {
		const struct doc_comment *c = &d->comments[i];
		struct buf pre, head, body;

		buf_init(&pre, 0);
		buf_init(&head, 0);
		buf_init(&body, 0);
		buf_append(&pre, "", 0);
		md_quote_prefix(&pre, c->depth);
		buf_puts(out, "\n");
		buf_puts(&head, "**");
		md_text(&head, c->author ? c->author : "Anonymous",
			strlen(c->author ? c->author : "Anonymous"), 1);
		buf_puts(&head, "**");
		if (c->published) {
			buf_puts(&head, " · ");
			md_text(&head, c->published, strlen(c->published), 1);
		}
		md_lines(out, head.data, pre.data, pre.data);
		md_blank(out, pre.data);
		/* Paragraph breaks stay blank lines; single newlines become
		 * hard breaks. */
		for (const char *p = c->text; *p;) {
			const char *nl = strstr(p, "\n\n");
			size_t n = nl ? (size_t)(nl - p) : strlen(p);

			buf_reset(&body);
			md_text(&body, p, n, 0);
			buf_append(&body, "", 0);
			md_lines(out, body.data, pre.data, pre.data);
			p += n;
			while (*p == '\n')
				p++;
			if (*p)
				md_blank(out, pre.data);
		}
		buf_free(&pre);
		buf_free(&head);
		buf_free(&body);
	}
}

static void
md_header(struct buf *out, const struct doc_meta *m)
{
	const char *parts[3] = {m->byline, m->published, m->site};
	struct buf line;
	int n = 0;

	buf_init(&line, 0);
	if (m->title) {
		md_text(&line, m->title, strlen(m->title), 1);
		buf_append(&line, "", 0);
		md_lines(out, line.data, "# ", "");
		buf_putc(out, '\n');
		buf_reset(&line);
	}
	for (int k = 0; k < 3; k++) {
		if (!parts[k] || !*parts[k])
			continue;
		if (n++)
			buf_puts(&line, " · ");
		md_text(&line, parts[k], strlen(parts[k]), 1);
	}
	if (n) {
		md_lines(out, line.data, "*", "");
		out->len--; /* put the closing mark before the newline */
		buf_puts(out, "*  \n");
	}
	if (m->url && url_is_http(m->url)) {
		buf_putc(out, '<');
		md_url(out, m->url);
		buf_puts(out, ">\n");
	}
	if (n || (m->url && url_is_http(m->url)))
		buf_putc(out, '\n');
	buf_free(&line);
}

char *
doc_to_markdown(const struct doc *d, int with_comments)
{
	struct buf out, pre;
	const struct doc_block *prev = NULL;
	char *raw, *safe;

	buf_init(&out, 0);
	buf_init(&pre, 0);
	md_header(&out, &d->meta);
	for (size_t i = 0; i < d->nblocks;) {
		const struct doc_block *b = &d->blocks[i];
		int tight;

		if (block_empty(b)) {
			i++;
			continue;
		}
		tight = prev && prev->kind == b->kind &&
			b->kind == DOC_LIST_ITEM && prev->quote == b->quote;
		if (prev && !tight) {
			buf_reset(&pre);
			buf_append(&pre, "", 0);
			md_quote_prefix(&pre, prev->quote < b->quote
						  ? prev->quote
						  : b->quote);
			while (pre.len && pre.data[pre.len - 1] == ' ')
				pre.data[--pre.len] = '\0';
			buf_puts(&out, pre.data);
			buf_putc(&out, '\n');
		}
		buf_reset(&pre);
		buf_append(&pre, "", 0);
		md_quote_prefix(&pre, b->quote);
		if (b->kind == DOC_TABLE_ROW) {
			size_t end = md_table(&out, d, i, pre.data);

			prev = &d->blocks[end - 1];
			i = end;
			continue;
		}
		if (b->kind == DOC_CODE)
			md_code(&out, b, pre.data);
		else
			md_block(&out, b, pre.data);
		prev = b;
		i++;
	}
	if (with_comments && d->ncomments)
		md_comments(&out, d);
	buf_free(&pre);
	raw = buf_steal(&out);
	safe =
	    utf8_sanitize(raw, strlen(raw),
			  UTF8_KEEP_NEWLINES | UTF8_KEEP_TABS | UTF8_CAP_MARKS);
	free(raw);
	return safe;
}
