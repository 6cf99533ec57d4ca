/* docs.h: sample documents shared by the doc, export and render tests. */
#ifndef WARTA_TEST_DOCS_H
#define WARTA_TEST_DOCS_H

#include "doc/doc.h"

#include <string.h>

static void
add_text(struct doc_block *b, const char *s, unsigned style, const char *href,
	 unsigned cell)
{
	doc_block_add_run(b, s, strlen(s), style, href, cell);
}

/* A doc using every block kind, style, nesting and metadata field, with
 * hostile bytes in places. Caller doc_free()s. */
static struct doc *
rich_doc(void)
{
	struct doc *d = doc_new();
	struct doc_block *b;

	doc_set(&d->meta.url, "https://news.example/2024/05/river");
	doc_set(&d->meta.title, "The river <rises> & \"floods\"");
	doc_set(&d->meta.byline, "Sari Dewi");
	doc_set(&d->meta.published, "2024-05-01T08:13:00+07:00");
	doc_set(&d->meta.site, "Example News");
	doc_set(&d->meta.lang, "id");
	doc_set(&d->meta.image, "https://news.example/img/river.jpg");
	doc_set(&d->meta.description, "Water levels \x1b[31mrose\x1b[0m.");
	b = doc_add_block(d, DOC_HEADING);
	b->level = 2;
	add_text(b, "Morning", 0, NULL, 0);
	b = doc_add_block(d, DOC_PARAGRAPH);
	add_text(b, "The water ", 0, NULL, 0);
	add_text(b, "rose", DOC_EM, NULL, 0);
	add_text(b, " by ", 0, NULL, 0);
	add_text(b, "two metres", DOC_STRONG, NULL, 0);
	add_text(b, " says the ", 0, NULL, 0);
	add_text(b, "agency", 0, "https://agency.example/report?a=1&b=2", 0);
	add_text(b, "; see ", 0, NULL, 0);
	add_text(b, "evil", 0, "javascript:alert(1)", 0);
	add_text(b, " and ", 0, NULL, 0);
	add_text(b, "`x`", DOC_MONO, NULL, 0);
	add_text(b, ".\nNew line.", 0, NULL, 0);
	b = doc_add_block(d, DOC_LIST_ITEM);
	b->level = 1;
	add_text(b, "first", 0, NULL, 0);
	b = doc_add_block(d, DOC_LIST_ITEM);
	b->level = 2;
	b->number = 1;
	add_text(b, "inner one", 0, NULL, 0);
	b = doc_add_block(d, DOC_LIST_ITEM);
	b->level = 2;
	b->number = 2;
	add_text(b, "inner two", 0, NULL, 0);
	b = doc_add_block(d, DOC_LIST_ITEM);
	b->level = 1;
	add_text(b, "second", 0, NULL, 0);
	b = doc_add_block(d, DOC_PARAGRAPH);
	b->quote = 1;
	add_text(b, "A quoted line.", 0, NULL, 0);
	b = doc_add_block(d, DOC_CODE);
	add_text(b, "int main(void)\n{\n\treturn 0; /* <ok> */\n}", DOC_MONO,
		 NULL, 0);
	b = doc_add_block(d, DOC_TABLE_ROW);
	b->level = 1;
	add_text(b, "City", 0, NULL, 0);
	add_text(b, "Level", 0, NULL, 1);
	b = doc_add_block(d, DOC_TABLE_ROW);
	add_text(b, "Jakarta", 0, NULL, 0);
	add_text(b, "3 m", 0, NULL, 1);
	b = doc_add_block(d, DOC_FIGURE);
	doc_set(&b->src, "https://news.example/img/bridge.jpg");
	doc_set(&b->alt, "The bridge");
	add_text(b, "The bridge at dawn.", 0, NULL, 0);
	doc_add_block(d, DOC_RULE);
	b = doc_add_block(d, DOC_PARAGRAPH);
	add_text(
	    b, "\xe4\xb8\xad\xe6\x96\x87 and \xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a",
	    0, NULL, 0);
	doc_add_comment(d, "Budi", "2024-05-01T09:00:00Z",
			"So high!\n\nStay safe.", 0);
	doc_add_comment(d, NULL, NULL, "Reply \x1b]0;owned\x07 here", 1);
	return d;
}

#endif
