/* fuzz_text.c: libFuzzer target for the text the interface draws: the
 * sanitiser, display widths, the UI's wrapping and render's layout of a doc
 * made of the input, at widths chosen by the input. Every line must fit its
 * width (but code, and a lone character wider than the column) and hold no
 * control character. */
#include "autoconfig.h"

#include "doc/doc.h"
#include "render/render.h"
#include "ui/ui_int.h"
#include "util/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* abort() when s[0..len) is not valid UTF-8 or holds a control character
 * (but \n when nl). */
static void
check_safe(const char *s, size_t len, int nl)
{
	size_t i = 0;

	if (!utf8_valid(s, len))
		abort();
	while (i < len) {
		uint32_t cp;

		i += utf8_decode(s + i, len - i, &cp);
		if ((cp < 0x20 && !(nl && cp == '\n')) || cp == 0x7f ||
		    (cp >= 0x80 && cp < 0xa0) ||
		    (cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069))
			abort();
	}
}

static void
check_ui_lines(const struct ui_lines *l, int width)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct ui_line *ln = &l->lines[i];
		size_t w = 0, nchars = 0;

		for (size_t j = 0; j < ln->nspans; j++) {
			const char *t = ln->spans[j].text;

			check_safe(t, strlen(t), 0);
			w += utf8_width(t, strlen(t));
			for (const char *p = t; *p; p++)
				nchars += ((unsigned char)*p & 0xc0) != 0x80;
		}
		if (w > (size_t)width && nchars > 1)
			abort();
	}
}

/* 1 for a line ending in a wide character that one column could not hold
 * (the column left after an indent): render lets it stick out by one. */
static int
lone_wide(const struct render_line *rl, int w, int width)
{
	uint32_t last = 0;

	if (w != width + 1)
		return 0;
	/* the last character with a width, in whichever span it is (a
	 * combining mark after it may start a span of its own) */
	for (size_t j = 0; j < rl->nspans; j++) {
		const struct render_span *sp = &rl->spans[j];
		size_t i = 0;

		while (i < sp->len) {
			uint32_t cp;

			i += utf8_decode(sp->text + i, sp->len - i, &cp);
			if (utf8_cpwidth(cp) > 0)
				last = cp;
		}
	}
	return utf8_cpwidth(last) == 2;
}

static void
check_page(const struct render_page *p, int width)
{
	for (size_t i = 0; i < p->nlines; i++) {
		const struct render_line *rl = &p->lines[i];
		int w = 0, code = 0;

		/* plain text keeps the header's URL whole (the UI clips) */
		if (rl->nspans == 1 && rl->spans[0].attr == RENDER_META &&
		    !strcmp(rl->spans[0].text, "https://fuzz.example/a"))
			continue;

		for (size_t j = 0; j < rl->nspans; j++) {
			const struct render_span *sp = &rl->spans[j];

			check_safe(sp->text, sp->len, 0);
			if ((size_t)sp->width != utf8_width(sp->text, sp->len))
				abort();
			w += sp->width;
			code |= sp->attr == RENDER_CODE;
		}
		if (w != rl->width)
			abort();
		if (w > width && !code && width > 1 &&
		    !lone_wide(rl, w, width)) {
			fprintf(stderr, "line %zu: %d columns > %d:", i, w,
				width);
			for (size_t j = 0; j < rl->nspans; j++)
				fprintf(stderr, " [%s]", rl->spans[j].text);
			fprintf(stderr, "\n");
			abort();
		}
	}
	for (size_t i = 0; i < p->nlinks; i++)
		if (p->links[i].number != (int)i + 1 ||
		    p->links[i].line >= p->nlines)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ui_lines l;
	struct render_options o;
	struct render_page *p;
	struct doc *d;
	const char *s;
	int width;
	unsigned flags;
	char *safe, *text;

	if (size < 2)
		return 0;
	width = 1 + data[0] % 160;
	flags = data[1];
	s = (const char *)data + 2;
	size -= 2;
	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, s, size);
	text[size] = '\0';

	safe = utf8_sanitize(s, size, flags & 1 ? UTF8_KEEP_NEWLINES : 0);
	check_safe(safe, strlen(safe), flags & 1);
	(void)utf8_width(s, size);
	(void)ui_width(text);
	free(safe);

	memset(&l, 0, sizeof(l));
	ui_lines_wrap(&l, text, width, flags & 7, THEME_NORMAL, flags & 8);
	check_ui_lines(&l, width);
	ui_lines_free(&l);

	/* a doc of every kind of block holding the text */
	d = doc_new();
	doc_set(&d->meta.title, text);
	doc_set(&d->meta.url, "https://fuzz.example/a");
	for (int k = DOC_PARAGRAPH; k <= DOC_RULE; k++) {
		struct doc_block *b = doc_add_block(d, (enum doc_block_kind)k);

		b->level = 1 + (flags >> 4) % 6;
		b->quote = (flags >> 6) & 3;
		b->number = k == DOC_LIST_ITEM ? (int)(flags & 15) : 0;
		if (k == DOC_FIGURE) {
			doc_set(&b->src, "https://fuzz.example/i.png");
			doc_set(&b->alt, text);
		}
		if (k != DOC_RULE) {
			doc_block_add_run(b, text, size, flags & 7, NULL, 0);
			doc_block_add_run(b, text, size / 2, 0,
					  "https://fuzz.example/l", 1);
		}
	}
	doc_add_comment(d, text, NULL, text, flags & 3);
	memset(&o, 0, sizeof(o));
	o.width = width;
	o.flags =
	    RENDER_HEADER | RENDER_COMMENTS | (flags & 16 ? RENDER_PLAIN : 0);
	p = render_layout(d, &o);
	check_page(p, width);
	render_page_free(p);
	doc_free(d);
	free(text);
	return 0;
}
