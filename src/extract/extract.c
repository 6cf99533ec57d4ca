/* extract.c: the extractor's driver: parse, classify, choose, build, tidy. */
#include "autoconfig.h"

#include "extract/extract.h"

#include <stdlib.h>
#include <string.h>

#include "html/html.h"
#include "util/str.h"
#include "extract/extract_int.h"

/* Less body text than this on the strict pass (captions not counted: a
 * picture with its caption is no article): try again more leniently. */
#define MIN_BODY_CHARS 500

static size_t
body_chars(const struct doc *d)
{
	size_t n = 0;

	for (size_t i = 0; i < d->nblocks; i++)
		if (d->blocks[i].kind != DOC_FIGURE)
			for (size_t r = 0; r < d->blocks[i].nruns; r++)
				n += strlen(d->blocks[i].runs[r].text);
	return n;
}

static void
clear_blocks(struct doc *d)
{
	while (d->nblocks)
		doc_remove_block(d, d->nblocks - 1);
}

static void
reset_marks(struct xctx *x)
{
	for (size_t i = 0; i < x->ninfo; i++) {
		x->info[i].flags &= (uint8_t) ~(XF_SCORED | XF_DROP | XF_KEEP);
		x->info[i].score = 0;
	}
}

static xmlNodePtr
find_body(htmlDocPtr html)
{
	xmlNodePtr root = xmlDocGetRootElement(html);

	if (!root)
		return NULL;
	for (xmlNodePtr c = root->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    !str_casecmp((const char *)c->name, "body"))
			return c;
	return root;
}

/* One attempt at the body in the current mode. */
static void
attempt(struct xctx *x)
{
	xmlNodePtr parent;

	reset_marks(x);
	clean_measure(x);
	parent = score_select(x);
	if (!parent)
		return;
	if (xi(parent) && (xi(parent)->flags & XF_KEEP)) {
		clean_content(x, parent);
	} else {
		for (xmlNodePtr c = parent->children; c; c = c->next)
			if (xi(c) && (xi(c)->flags & XF_KEEP))
				clean_content(x, c);
	}
	blocks_build(x, parent);
	blocks_tidy(x);
}

struct doc *
extract_page(const char *bytes, size_t len, const char *url,
	     const char *http_charset, struct err *e)
{
	struct xctx x;
	struct doc *d;
	size_t strict_chars;
	struct doc *first;

	memset(&x, 0, sizeof(x));
	x.html = html_parse(bytes, len, url, http_charset, e);
	if (!x.html)
		return NULL;
	d = doc_new();
	x.doc = d;
	x.body = find_body(x.html);
	clean_classify(&x);
	meta_extract(&x, url);
	comments_extract(&x);

	x.strict = 1;
	attempt(&x);
	pages_find_next(&x, url);
	strict_chars = body_chars(d);
	if (strict_chars < MIN_BODY_CHARS) {
		/* Keep the strict result aside and try leniently. */
		first = doc_new();
		first->blocks = d->blocks;
		first->nblocks = d->nblocks;
		first->capblocks = d->capblocks;
		d->blocks = NULL;
		d->nblocks = d->capblocks = 0;
		x.strict = 0;
		attempt(&x);
		if (body_chars(d) <= strict_chars) {
			clear_blocks(d);
			free(d->blocks);
			d->blocks = first->blocks;
			d->nblocks = first->nblocks;
			d->capblocks = first->capblocks;
			first->blocks = NULL;
			first->nblocks = first->capblocks = 0;
		}
		doc_free(first);
	}
	free(x.info);
	free(x.base_own);
	xmlFreeDoc(x.html);
	return d;
}
