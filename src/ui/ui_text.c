/* ui_text.c: drawing sanitised UTF-8 by display width, and wrapping text. */
#include "autoconfig.h"

#include "ui/ui_int.h"
#include "util/str.h"
#include "util/utf8.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define UI_WCHUNK 256

int
ui_putn(int y, int x, int w, unsigned long attr, const char *s, size_t len)
{
	wchar_t wbuf[UI_WCHUNK];
	char *safe;
	size_t i = 0, slen, nw = 0;
	int used = 0, startx = x;

	if (w <= 0 || !s)
		return 0;
	if (len > (size_t)w * 32 + 64) /* no need to look further */
		len = (size_t)w * 32 + 64;
	safe = utf8_sanitize(s, len, 0);
	slen = strlen(safe);
	attrset((attr_t)attr);
	move(y, x);
	while (i < slen) {
		uint32_t cp;
		size_t n = utf8_decode(safe + i, slen - i, &cp);
		int cw = utf8_cpwidth(cp);

		if (used + cw > w)
			break;
		/* a zero-width character cannot start a cell of its own */
		if (cw == 0 && used == 0 && nw == 0) {
			i += n;
			continue;
		}
		wbuf[nw++] = (wchar_t)cp;
		used += cw;
		i += n;
		if (nw == UI_WCHUNK - 1) {
			mvaddnwstr(y, x, wbuf, (int)nw);
			x = startx + used;
			nw = 0;
		}
	}
	if (nw)
		mvaddnwstr(y, x, wbuf, (int)nw);
	attrset(A_NORMAL);
	free(safe);
	return used;
}

int
ui_put(int y, int x, int w, unsigned long attr, const char *s)
{
	return s ? ui_putn(y, x, w, attr, s, strlen(s)) : 0;
}

void
ui_fill(int y, int x, int w, unsigned long attr)
{
	if (w <= 0)
		return;
	attrset((attr_t)attr);
	mvhline(y, x, ' ', w);
	attrset(A_NORMAL);
}

int
ui_width(const char *s)
{
	char *safe;
	size_t w;

	if (!s)
		return 0;
	safe = utf8_sanitize(s, strlen(s), 0);
	w = utf8_width(safe, strlen(safe));
	free(safe);
	return w > 100000 ? 100000 : (int)w;
}

static struct ui_line *
lines_push(struct ui_lines *l)
{
	struct ui_line *ln;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->lines = xreallocarray(l->lines, l->cap, sizeof(*l->lines));
	}
	ln = &l->lines[l->n++];
	memset(ln, 0, sizeof(*ln));
	return ln;
}

void
ui_line_add_span(struct ui_line *ln, enum theme_element el, const char *text,
		 size_t len)
{
	struct ui_span *sp;

	ln->spans = xreallocarray(ln->spans, ln->nspans + 1, sizeof(*sp));
	sp = &ln->spans[ln->nspans++];
	sp->el = el;
	sp->text = xstrndup(text, len);
}

struct ui_line *
ui_lines_add(struct ui_lines *l, int indent, enum theme_element el,
	     const char *text, size_t len)
{
	struct ui_line *ln = lines_push(l);

	ln->indent = indent;
	if (text && len)
		ui_line_add_span(ln, el, text, len);
	return ln;
}

void
ui_lines_blank(struct ui_lines *l)
{
	lines_push(l);
}

/* Wrap one paragraph p[0..len). */
static void
wrap_paragraph(struct ui_lines *l, const char *p, size_t len, int width,
	       int indent, enum theme_element el)
{
	size_t start = 0;

	if (width < 1)
		width = 1;
	while (start < len) {
		size_t i = start, last_space = 0, end;
		int w = 0, have_space = 0;

		while (start < len && p[start] == ' ')
			start++;
		if (start >= len)
			break;
		i = start;
		while (i < len) {
			uint32_t cp;
			size_t n = utf8_decode(p + i, len - i, &cp);
			int cw = utf8_cpwidth(cp);

			if (w + cw > width)
				break;
			if (cp == ' ') {
				last_space = i;
				have_space = 1;
			}
			w += cw;
			i += n;
		}
		if (i >= len)
			end = len;
		else if (have_space && last_space > start)
			end = last_space;
		else if (i == start) /* one character wider than the column */
			end = start + utf8_decode(p + start, len - start,
						  &(uint32_t){0});
		else
			end = i;
		ui_lines_add(l, indent, el, p + start, end - start);
		start = end;
	}
}

void
ui_lines_wrap(struct ui_lines *l, const char *text, int width, int indent,
	      enum theme_element el, int gap)
{
	const char *p = text ? text : "";
	int first = 1;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *safe = utf8_sanitize(p, n, 0);
		char *sq = str_squeeze(safe, strlen(safe));

		if (*sq) {
			if (gap && !first)
				ui_lines_blank(l);
			wrap_paragraph(l, sq, strlen(sq), width, indent, el);
			first = 0;
		}
		free(sq);
		free(safe);
		p += n;
		if (*p == '\n')
			p++;
	}
}

void
ui_lines_free(struct ui_lines *l)
{
	for (size_t i = 0; i < l->n; i++) {
		for (size_t j = 0; j < l->lines[i].nspans; j++)
			free(l->lines[i].spans[j].text);
		free(l->lines[i].spans);
	}
	free(l->lines);
	memset(l, 0, sizeof(*l));
}

void
ui_draw_line(struct ui *ui, const struct ui_line *ln, int y, int x, int w)
{
	int used = 0;

	if (!ln)
		return;
	if (ln->indent > 0)
		used = ln->indent < w ? ln->indent : w;
	for (size_t i = 0; i < ln->nspans && used < w; i++)
		used += ui_put(y, x + used, w - used,
			       ui->theme.attr[ln->spans[i].el],
			       ln->spans[i].text);
}

long
ui_lines_link_at(const struct ui_lines *lines, long i, int x)
{
	int col = 0, in_link = 0;
	long n = 0;

	if (i < 0 || i >= (long)lines->n)
		return 0;
	col = lines->lines[i].indent;
	for (long l = i; l < (long)lines->n && l < i + 4; l++) {
		const struct ui_line *ln = &lines->lines[l];

		for (size_t j = 0; j < ln->nspans; j++) {
			const struct ui_span *sp = &ln->spans[j];
			int w = ui_width(sp->text);
			int hit = l == i && x >= col && x < col + w;

			col += w;
			if (l == i && !in_link && !hit)
				continue;
			if (sp->el == THEME_LINK_NUMBER) {
				const char *p = strchr(sp->text, '[');
				char *end;

				if (!p || p[1] < '0' || p[1] > '9')
					return 0;
				n = strtol(p + 1, &end, 10);
				return *end == ']' ? n : 0;
			}
			if (sp->el != THEME_LINK)
				return 0;
			in_link = 1;
		}
		col = 0;
		if (!in_link)
			return 0;
	}
	return 0;
}

void
ui_progress_bar(char *out, int w, size_t done, size_t total)
{
	/* eighth blocks, so the bar moves smoothly in a narrow space */
	static const char *const part[] = {"", "\xe2\x96\x8f", "\xe2\x96\x8e",
					   "\xe2\x96\x8d", "\xe2\x96\x8c",
					   "\xe2\x96\x8b", "\xe2\x96\x8a",
					   "\xe2\x96\x89"};
	size_t eighths, cells, o = 0;

	if (w < 2)
		w = 2;
	cells = (size_t)w - 2;
	if (done > total)
		done = total;
	eighths = total ? done * cells * 8 / total : 0;
	memcpy(out + o, "\xe2\x96\x95", 3); /* ▕ */
	o += 3;
	for (size_t i = 0; i < cells; i++) {
		size_t fill = eighths > i * 8 ? eighths - i * 8 : 0;

		if (fill >= 8) {
			memcpy(out + o, "\xe2\x96\x88", 3);
			o += 3;
		} else if (fill > 0) {
			memcpy(out + o, part[fill], 3);
			o += 3;
		} else {
			out[o++] = ' ';
		}
	}
	memcpy(out + o, "\xe2\x96\x8f", 3); /* ▏ */
	o += 3;
	out[o] = '\0';
}

char *
ui_base64(const char *s, size_t len)
{
	static const char tbl[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = (const unsigned char *)s;
	char *out = xmalloc((len + 2) / 3 * 4 + 1), *o = out;
	size_t i;

	for (i = 0; i + 2 < len; i += 3) {
		*o++ = tbl[p[i] >> 2];
		*o++ = tbl[((p[i] & 3) << 4) | (p[i + 1] >> 4)];
		*o++ = tbl[((p[i + 1] & 15) << 2) | (p[i + 2] >> 6)];
		*o++ = tbl[p[i + 2] & 63];
	}
	if (i < len) {
		*o++ = tbl[p[i] >> 2];
		if (i + 1 < len) {
			*o++ = tbl[((p[i] & 3) << 4) | (p[i + 1] >> 4)];
			*o++ = tbl[(p[i + 1] & 15) << 2];
		} else {
			*o++ = tbl[(p[i] & 3) << 4];
			*o++ = '=';
		}
		*o++ = '=';
	}
	*o = '\0';
	return out;
}

void
ui_list_clamp(long *sel, long *top, long n, int h)
{
	if (h < 1)
		h = 1;
	if (*sel >= n)
		*sel = n - 1;
	if (*sel < 0)
		*sel = 0;
	if (*top > *sel)
		*top = *sel;
	if (*sel >= *top + h)
		*top = *sel - h + 1;
	if (*top > n - h)
		*top = n - h;
	if (*top < 0)
		*top = 0;
}

void
ui_list_move(long *sel, long *top, long n, int h, long delta)
{
	*sel += delta;
	ui_list_clamp(sel, top, n, h);
}

void
ui_draw_lines(struct ui *ui, const struct ui_lines *lines, long *top, int y,
	      int h)
{
	if (*top > (long)lines->n - h)
		*top = (long)lines->n - h;
	if (*top < 0)
		*top = 0;
	for (int r = 0; r < h && *top + r < (long)lines->n; r++)
		ui_draw_line(ui, &lines->lines[*top + r], y + r, 1,
			     ui->cols - 2);
}
