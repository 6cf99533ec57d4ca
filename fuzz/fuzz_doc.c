/* fuzz_doc.c: libFuzzer target: doc_deserialize, round trip, every output. */
#include "autoconfig.h"

#include "doc/doc.h"
#include "render/render.h"
#include "util/err.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int widths[] = {1, 2, 7, 40, 80};
	struct err e;
	struct doc *d, *again;
	char *p, *q, *s;
	size_t plen, qlen;

	d = doc_deserialize((const char *)data, size, &e);
	if (!d)
		return 0;
	/* Round trip: what loads serialises to a form that loads to the
	 * same doc and serialises to the same bytes. */
	p = doc_serialize(d, &plen);
	again = doc_deserialize(p, plen, &e);
	if (!again || !doc_equal(d, again))
		abort();
	q = doc_serialize(again, &qlen);
	if (qlen != plen || memcmp(p, q, plen) != 0)
		abort();
	free(q);
	free(p);
	doc_free(again);

	for (size_t i = 0; i < sizeof(widths) / sizeof(widths[0]); i++) {
		struct render_options o = {widths[i],
					   RENDER_HEADER | RENDER_COMMENTS |
					       (i & 1 ? RENDER_PLAIN : 0),
					   NULL, NULL};
		struct render_page *pg = render_layout(d, &o);

		for (size_t k = 0; k < pg->nlines; k++)
			for (size_t j = 0; j < pg->lines[k].nspans; j++)
				for (size_t b = 0;
				     b < pg->lines[k].spans[j].len; b++)
					if ((unsigned char)pg->lines[k]
						.spans[j]
						.text[b] < 0x20)
						abort();
		render_page_free(pg);
	}
	s = render_text(d, 60, RENDER_COMMENTS);
	free(s);
	s = doc_to_json(d);
	free(s);
	s = doc_to_markdown(d, 1);
	free(s);
	s = doc_to_html(d, 1);
	free(s);
	doc_free(d);
	return 0;
}
