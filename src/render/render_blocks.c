/* render_blocks.c: code, lists, figures, tables, the header and comments. */
#include "autoconfig.h"

#include "render/render.h"
#include "render/render_int.h"
#include "util/str.h"
#include "util/url.h"
#include "util/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
rl_code(struct layout *l, const struct doc_block *bl)
{
	struct rbuilder *b = &l->b;
	struct buf raw, line;
	char *clean;
	const char *p;

	buf_init(&raw, 0);
	buf_init(&line, 0);
	for (size_t i = 0; i < bl->nruns; i++)
		buf_puts(&raw, bl->runs[i].text);
	clean =
	    utf8_sanitize(raw.data ? raw.data : "", raw.len,
			  UTF8_KEEP_NEWLINES | UTF8_KEEP_TABS | UTF8_CAP_MARKS);
	for (p = clean; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		int col = 0;

		buf_reset(&line);
		for (size_t i = 0; i < n; i++) {
			if (p[i] == '\t') {
				do {
					buf_putc(&line, ' ');
				} while (++col % 8);
			} else {
				buf_putc(&line, p[i]);
				if (((unsigned char)p[i] & 0xc0) != 0x80)
					col++;
			}
		}
		rb_prefix(b, &l->first, l->width / 2);
		rb_span(b, "  ", 2, 2, RENDER_CODE);
		if (line.len)
			rb_span(b, line.data, line.len,
				(int)utf8_width(line.data, line.len),
				RENDER_CODE);
		rb_end_line(b);
		p += n + (nl ? 1 : 0);
	}
	free(clean);
	buf_free(&raw);
	buf_free(&line);
}

void
rl_list_item(struct layout *l, const struct doc_block *bl)
{
	static const char *const bullets[] = {"\xe2\x80\xa2", "\xe2\x97\xa6",
					      "\xe2\x96\xaa"};
	int level = rl_clamp(bl->level, 1, MAX_DEPTH);
	char marker[24];
	int mlen, indent = level > 1 ? l->list_col[level - 1] : 0;

	if (indent <= 0)
		indent = 2 * (level - 1);
	rl_indent(l, indent);
	if (bl->number)
		mlen = snprintf(marker, sizeof(marker), "%d. ", bl->number);
	else
		mlen = snprintf(marker, sizeof(marker), "%s ",
				l->plain ? "-" : bullets[(level - 1) % 3]);
	rpara_add_raw(&l->first, marker, (size_t)mlen, RENDER_MARKER);
	for (size_t i = 0, w = utf8_width(marker, (size_t)mlen); i < w; i++)
		rpara_add_raw(&l->rest, " ", 1, RENDER_NORMAL);
	l->list_col[level] = indent + (int)utf8_width(marker, (size_t)mlen);
	for (int k = level + 1; k <= MAX_DEPTH; k++)
		l->list_col[k] = 0;
	rl_add_runs(l, bl, 0, bl->nruns,
		    bl->quote ? RENDER_QUOTE : RENDER_NORMAL, 1);
	if (!l->para.text.len)
		rpara_add_raw(&l->para, " ", 1, RENDER_NORMAL);
	rl_flush(l);
}

void
rl_figure(struct layout *l, const struct doc_block *bl)
{
	rpara_add_raw(&l->para, "[image", 6, RENDER_IMAGE);
	if (bl->alt && *bl->alt) {
		rpara_add_raw(&l->para, ": ", 2, RENDER_IMAGE);
		rpara_add(&l->para, bl->alt, strlen(bl->alt), RENDER_IMAGE, 0);
	}
	rpara_add_raw(&l->para, "]", 1, RENDER_IMAGE);
	if (bl->src && url_is_http(bl->src))
		rl_add_link_number(l, bl->src);
	rl_flush(l);
	if (bl->nruns) {
		rl_add_runs(l, bl, 0, bl->nruns, RENDER_CAPTION, 1);
		rl_flush(l);
	}
}

/* Cell c of a table row as a paragraph of its own. */
static void
cell_para(struct layout *l, const struct doc_block *bl, unsigned c,
	  enum render_attr base)
{
	size_t i = 0, j;

	while (i < bl->nruns &&
	       (bl->runs[i].cell < MAX_COLS - 1 ? bl->runs[i].cell
						: MAX_COLS - 1) != c)
		i++;
	j = i;
	while (j < bl->nruns &&
	       (bl->runs[j].cell < MAX_COLS - 1 ? bl->runs[j].cell
						: MAX_COLS - 1) == c)
		j++;
	rl_add_runs(l, bl, i, j, base, 0);
}

static unsigned
row_cols(const struct doc_block *bl)
{
	unsigned n = 0;

	for (size_t i = 0; i < bl->nruns; i++) {
		unsigned c = bl->runs[i].cell < MAX_COLS - 1 ? bl->runs[i].cell
							     : MAX_COLS - 1;

		if (c + 1 > n)
			n = c + 1;
	}
	return n;
}

/* Rows [from, to) as aligned columns when they fit the width, else each
 * row as one wrapped line of cells separated by bars. */
void
rl_table(struct layout *l, size_t from, size_t to)
{
	const char *sep = l->plain ? " | " : " \xe2\x94\x82 ";
	int colw[MAX_COLS] = {0};
	unsigned ncols = 0;
	int total, avail = l->width - (rpara_width(&l->first) < l->width / 2
					   ? rpara_width(&l->first)
					   : l->width / 2);
	struct rbuilder *b = &l->b;

	for (size_t r = from; r < to; r++) {
		const struct doc_block *bl = &l->d->blocks[r];
		unsigned n = row_cols(bl);

		if (n > ncols)
			ncols = n;
		for (unsigned c = 0; c < n; c++) {
			int w;

			cell_para(l, bl, c, RENDER_NORMAL);
			w = rpara_width(&l->para);
			if (w > colw[c])
				colw[c] = w;
			l->npending = 0;
			rpara_reset(&l->para);
		}
	}
	/* The measuring pass numbered the links; numbering again reuses
	 * the same numbers, so the output is unchanged. */
	total = ncols ? (int)(ncols - 1) * 3 : 0;
	for (unsigned c = 0; c < ncols; c++)
		total += colw[c];
	for (size_t r = from; r < to; r++) {
		const struct doc_block *bl = &l->d->blocks[r];
		enum render_attr base =
		    bl->level == 1 ? RENDER_TABLE_HEADER : RENDER_NORMAL;

		if (total <= avail) {
			rb_prefix(b, &l->first, l->width / 2);
			for (unsigned c = 0; c < ncols; c++) {
				int w;

				if (c)
					rb_span(b, sep, strlen(sep), 3,
						RENDER_RULE);
				cell_para(l, bl, c, base);
				w = rpara_width(&l->para);
				rb_para_range(b, &l->para, 0, l->para.text.len);
				for (; w < colw[c] && c + 1 < ncols; w++)
					rb_span(b, " ", 1, 1, RENDER_NORMAL);
				for (size_t i = 0; i < l->npending; i++) {
					struct render_link *rl =
					    &l->links[l->pending[i].number - 1];

					if (rl->line == SIZE_MAX)
						rl->line = b->nlines;
				}
				l->npending = 0;
				rpara_reset(&l->para);
			}
			rb_end_line(b);
			if (bl->level == 1 && r == from && r + 1 < to) {
				rb_prefix(b, &l->first, l->width / 2);
				rl_rule(l, total, RENDER_RULE);
				rb_end_line(b);
			}
		} else {
			for (unsigned c = 0; c < ncols; c++) {
				if (c)
					rpara_add_raw(&l->para, sep,
						      strlen(sep), RENDER_RULE);
				cell_para(l, bl, c, base);
			}
			rl_flush(l);
		}
	}
}

/* "2024-05-01T08:13:00+07:00" -> "2024-05-01 08:13 +07:00"; anything not
 * in that shape is shown as it is. */
void
render_format_date(const char *s, char *out, size_t size)
{
	const char *z;
	size_t n = strlen(s);
	int ok = n >= 16;

	for (size_t i = 0; ok && i < 16; i++) {
		const char *pat = "dddd-dd-ddTdd:dd";

		if (pat[i] == 'd'
			? !(s[i] >= '0' && s[i] <= '9')
			: (pat[i] == 'T' ? (s[i] != 'T' && s[i] != ' ')
					 : s[i] != pat[i]))
			ok = 0;
	}
	if (!ok) {
		(void)snprintf(out, size, "%s", s);
		return;
	}
	z = s + 16;
	if (*z == ':')
		z += 3;
	if (*z == '.')
		for (z++; *z >= '0' && *z <= '9'; z++)
			;
	if (*z == 'Z' && !z[1])
		(void)snprintf(out, size, "%.10s %.5s UTC", s, s + 11);
	else if ((*z == '+' || *z == '-') && strlen(z) <= 6)
		(void)snprintf(out, size, "%.10s %.5s %s", s, s + 11, z);
	else if (!*z)
		(void)snprintf(out, size, "%.10s %.5s", s, s + 11);
	else
		(void)snprintf(out, size, "%s", s);
}

void
rl_header(struct layout *l)
{
	const struct doc_meta *m = &l->d->meta;
	const char *source = l->o->source ? l->o->source : m->site;
	const char *parts[3];
	char date[64];
	int n = 0;

	rpara_reset(&l->first);
	rpara_reset(&l->rest);
	if (m->title && *m->title) {
		rpara_add(&l->para, m->title, strlen(m->title), RENDER_TITLE,
			  0);
		rl_flush(l);
		if (l->plain)
			rl_underline(l, "=");
	}
	if (m->published)
		render_format_date(m->published, date, sizeof(date));
	parts[0] = source;
	parts[1] = m->byline;
	parts[2] = l->o->date ? l->o->date : m->published ? date : NULL;
	for (int i = 0; i < 3; i++) {
		if (!parts[i] || !*parts[i])
			continue;
		if (n++)
			rpara_add_raw(&l->para, " \xc2\xb7 ", 4, RENDER_META);
		if (i == 2) /* keep the date and time together */
			rpara_add_glued(&l->para, parts[i], strlen(parts[i]),
					RENDER_META);
		else
			rpara_add(&l->para, parts[i], strlen(parts[i]),
				  RENDER_META, 0);
	}
	rl_flush(l);
	if (m->url && *m->url) {
		rpara_add(&l->para, m->url, strlen(m->url), RENDER_META, 0);
		if (l->plain) {
			/* Whole, so it can be copied. */
			rb_para_range(&l->b, &l->para, 0, l->para.text.len);
			rb_end_line(&l->b);
			rpara_reset(&l->para);
		} else {
			rl_flush(l);
		}
	}
}

void
rl_comments(struct layout *l)
{
	const struct doc *d = l->d;
	struct rbuilder *b = &l->b;
	char head[48];
	int n;

	rl_separate(l, 0);
	rpara_reset(&l->first);
	rpara_reset(&l->rest);
	n = snprintf(head, sizeof(head), "Comments (%zu)", d->ncomments);
	rpara_add_raw(&l->para, head, (size_t)n, RENDER_HEADING);
	rl_flush(l);
	if (l->plain)
		rl_underline(l, "-");
	for (size_t i = 0; i < d->ncomments; i++) {
		const struct doc_comment *c = &d->comments[i];
		const char *p = c->text ? c->text : "";
		char date[64];

		rpara_reset(&l->first);
		rpara_reset(&l->rest);
		rl_separate(l, 0);
		rl_indent(l, 2 * rl_clamp(c->depth, 0, MAX_DEPTH));
		rpara_add(
		    &l->para, c->author && *c->author ? c->author : "Anonymous",
		    strlen(c->author && *c->author ? c->author : "Anonymous"),
		    RENDER_COMMENT_META, 0);
		if (c->published && *c->published) {
			render_format_date(c->published, date, sizeof(date));
			rpara_add_raw(&l->para, " \xc2\xb7 ", 4,
				      RENDER_COMMENT_META);
			rpara_add_glued(&l->para, date, strlen(date),
					RENDER_COMMENT_META);
		}
		rl_flush(l);
		while (*p) {
			const char *e = strstr(p, "\n\n");
			size_t len = e ? (size_t)(e - p) : strlen(p);

			rpara_add(&l->para, p, len, RENDER_COMMENT, 1);
			if (l->para.text.len) {
				rl_flush(l);
			}
			p += len;
			while (*p == '\n')
				p++;
			if (*p && b->nlines && b->lines[b->nlines - 1].n)
				rb_end_line(b);
		}
	}
}
