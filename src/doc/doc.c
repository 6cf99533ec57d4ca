/* doc.c: building and freeing the document model. */
#include "autoconfig.h"

#include "doc/doc.h"
#include "util/buf.h"
#include "util/str.h"

#include <stdlib.h>
#include <string.h>

struct doc *
doc_new(void)
{
	return xcalloc(1, sizeof(struct doc));
}

static void
meta_free(struct doc_meta *m)
{
	free(m->url);
	free(m->title);
	free(m->byline);
	free(m->published);
	free(m->site);
	free(m->lang);
	free(m->image);
	free(m->description);
	free(m->next_page);
}

static void
block_free(struct doc_block *b)
{
	for (size_t i = 0; i < b->nruns; i++) {
		free(b->runs[i].text);
		free(b->runs[i].href);
	}
	free(b->runs);
	free(b->src);
	free(b->alt);
}

void
doc_free(struct doc *d)
{
	if (!d)
		return;
	meta_free(&d->meta);
	for (size_t i = 0; i < d->nblocks; i++)
		block_free(&d->blocks[i]);
	free(d->blocks);
	for (size_t i = 0; i < d->ncomments; i++) {
		free(d->comments[i].author);
		free(d->comments[i].published);
		free(d->comments[i].text);
	}
	free(d->comments);
	free(d);
}

void
doc_set(char **field, const char *value)
{
	free(*field);
	*field = value ? xstrdup(value) : NULL;
}

struct doc_block *
doc_add_block(struct doc *d, enum doc_block_kind kind)
{
	struct doc_block *b;

	if (d->nblocks == d->capblocks) {
		d->capblocks = d->capblocks ? d->capblocks * 2 : 16;
		d->blocks = xreallocarray(d->blocks, d->capblocks,
					  sizeof(*d->blocks));
	}
	b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	return b;
}

static int
same_href(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

void
doc_block_add_run(struct doc_block *b, const char *text, size_t len,
		  unsigned style, const char *href, unsigned cell)
{
	struct doc_run *r;

	if (!len)
		return;
	if (b->nruns) {
		r = &b->runs[b->nruns - 1];
		if (r->style == style && r->cell == cell &&
		    same_href(r->href, href)) {
			size_t old = strlen(r->text);

			r->text = xrealloc(r->text, old + len + 1);
			memcpy(r->text + old, text, len);
			r->text[old + len] = '\0';
			return;
		}
	}
	if (b->nruns == b->capruns) {
		b->capruns = b->capruns ? b->capruns * 2 : 4;
		b->runs = xreallocarray(b->runs, b->capruns, sizeof(*b->runs));
	}
	r = &b->runs[b->nruns++];
	r->text = xstrndup(text, len);
	r->href = href ? xstrdup(href) : NULL;
	r->style = style;
	r->cell = cell;
}

void
doc_remove_block(struct doc *d, size_t i)
{
	if (i >= d->nblocks)
		return;
	block_free(&d->blocks[i]);
	memmove(&d->blocks[i], &d->blocks[i + 1],
		(d->nblocks - i - 1) * sizeof(*d->blocks));
	d->nblocks--;
}

void
doc_add_comment(struct doc *d, const char *author, const char *published,
		const char *text, int depth)
{
	struct doc_comment *c;

	if (d->ncomments == d->capcomments) {
		d->capcomments = d->capcomments ? d->capcomments * 2 : 8;
		d->comments = xreallocarray(d->comments, d->capcomments,
					    sizeof(*d->comments));
	}
	c = &d->comments[d->ncomments++];
	c->author = author ? xstrdup(author) : NULL;
	c->published = published ? xstrdup(published) : NULL;
	c->text = xstrdup(text ? text : "");
	c->depth = depth;
}

char *
doc_block_text(const struct doc_block *b)
{
	struct buf out;

	buf_init(&out, 0);
	for (size_t i = 0; i < b->nruns; i++) {
		if (b->kind == DOC_TABLE_ROW && i &&
		    b->runs[i].cell != b->runs[i - 1].cell)
			buf_putc(&out, '\t');
		buf_puts(&out, b->runs[i].text);
	}
	return buf_steal(&out);
}

char *
doc_body_text(const struct doc *d)
{
	struct buf out;

	buf_init(&out, 0);
	for (size_t i = 0; i < d->nblocks; i++) {
		const struct doc_block *b = &d->blocks[i];
		char *text = doc_block_text(b);

		/* a picture without a caption says nothing in plain text */
		if (!*text) {
			free(text);
			continue;
		}
		if (out.len) {
			int tight = i > 0 && b->kind == d->blocks[i - 1].kind &&
				    (b->kind == DOC_LIST_ITEM ||
				     b->kind == DOC_TABLE_ROW);

			buf_puts(&out, tight ? "\n" : "\n\n");
		}
		if (b->kind == DOC_LIST_ITEM) {
			for (int l = 1; l < b->level; l++)
				buf_puts(&out, "  ");
			if (b->number)
				buf_printf(&out, "%d. ", b->number);
			else
				buf_puts(&out, "- ");
		}
		buf_puts(&out, text);
		free(text);
	}
	return buf_steal(&out);
}
