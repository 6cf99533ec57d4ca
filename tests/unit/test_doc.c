/* test_doc.c: building the document model. */
#include "autoconfig.h"

#include "doc/doc.h"
#include "tap.h"

#include <stdlib.h>

int
main(void)
{
	struct doc *d = doc_new();
	struct doc_block *b;
	char *s;

	doc_set(&d->meta.title, "Title");
	is_str(d->meta.title, "Title", "set a field");
	doc_set(&d->meta.title, NULL);
	ok(d->meta.title == NULL, "clear a field");

	b = doc_add_block(d, DOC_PARAGRAPH);
	doc_block_add_run(b, "Hello ", 6, 0, NULL, 0);
	doc_block_add_run(b, "world", 5, 0, NULL, 0);
	is_int(b->nruns, 1, "runs of one style merge");
	doc_block_add_run(b, "link", 4, 0, "https://x.example/", 0);
	doc_block_add_run(b, "", 0, DOC_EM, NULL, 0);
	is_int(b->nruns, 2, "a link is its own run, empty runs are dropped");
	s = doc_block_text(b);
	is_str(s, "Hello worldlink", "block text");
	free(s);

	for (int i = 0; i < 100; i++)
		doc_add_block(d, DOC_RULE);
	is_int(d->nblocks, 101, "blocks grow");
	doc_remove_block(d, 0);
	is_int(d->nblocks, 100, "remove a block");
	ok(d->blocks[0].kind == DOC_RULE, "the rest shift down");

	b = doc_add_block(d, DOC_TABLE_ROW);
	doc_block_add_run(b, "a", 1, 0, NULL, 0);
	doc_block_add_run(b, "b", 1, 0, NULL, 1);
	s = doc_block_text(b);
	is_str(s, "a\tb", "table cells are tab-separated");
	free(s);

	doc_add_comment(d, "Ana", NULL, "Nice.", 0);
	doc_add_comment(d, NULL, "2024-01-01T00:00:00Z", NULL, 1);
	is_int(d->ncomments, 2, "comments kept");
	is_str(d->comments[1].text, "", "NULL comment text becomes empty");
	doc_free(d);

	d = doc_new();
	b = doc_add_block(d, DOC_HEADING);
	b->level = 2;
	doc_block_add_run(b, "Head", 4, 0, NULL, 0);
	b = doc_add_block(d, DOC_PARAGRAPH);
	doc_block_add_run(b, "Para.", 5, DOC_EM, NULL, 0);
	b = doc_add_block(d, DOC_LIST_ITEM);
	b->level = 1;
	doc_block_add_run(b, "one", 3, 0, NULL, 0);
	b = doc_add_block(d, DOC_LIST_ITEM);
	b->level = 2;
	b->number = 2;
	doc_block_add_run(b, "two", 3, 0, NULL, 0);
	doc_add_block(d, DOC_PARAGRAPH); /* empty: skipped */
	b = doc_add_block(d, DOC_FIGURE);
	doc_set(&b->src, "https://x.example/a.jpg");
	doc_set(&b->alt, "A boat");
	doc_block_add_run(b, "The ferry at dusk.", 18, 0, NULL, 0);
	b = doc_add_block(d, DOC_FIGURE); /* no caption: no text */
	doc_set(&b->src, "https://x.example/b.jpg");
	doc_set(&b->alt, "A harbour");
	b = doc_add_block(d, DOC_PARAGRAPH);
	doc_block_add_run(b, "End", 3, 0, NULL, 0);
	s = doc_body_text(d);
	is_str(s,
	       "Head\n\nPara.\n\n- one\n  2. two\n\nThe ferry at dusk.\n\nEnd",
	       "body text: blank lines between blocks, lists tight, a figure "
	       "as its caption, a picture without one as nothing");
	free(s);
	doc_free(d);
	return tap_done();
}
