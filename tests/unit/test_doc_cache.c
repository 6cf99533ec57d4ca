/* test_doc_cache.c: the cache form of a doc: round trip and hostile input. */
#include "autoconfig.h"

#include "doc/doc.h"
#include "docs.h"
#include "tap.h"
#include "util/err.h"

#include <stdlib.h>

static int
round_trips(const struct doc *d)
{
	size_t len;
	char *p = doc_serialize(d, &len);
	struct err e;
	struct doc *back = doc_deserialize(p, len, &e);
	int same = back && doc_equal(d, back);

	doc_free(back);
	free(p);
	return same;
}

int
main(void)
{
	struct doc *d = rich_doc(), *back;
	struct err e;
	size_t len;
	char *p;
	int bad;

	ok(round_trips(d), "rich doc round trips");
	{
		struct doc *empty = doc_new();

		ok(round_trips(empty), "empty doc round trips");
		doc_free(empty);
	}
	{
		struct doc *x = doc_new();
		struct doc_block *b = doc_add_block(x, DOC_LIST_ITEM);

		b->level = -2147483647 - 1;
		b->number = 2147483647;
		b->quote = -1;
		add_text(b, "x", DOC_EM | DOC_STRONG | DOC_MONO, "",
			 4000000000u);
		doc_add_comment(x, "", "", "", -5);
		ok(round_trips(x),
		   "extreme values and empty strings round trip");
		doc_free(x);
	}

	p = doc_serialize(d, &len);
	ok(len < 1200, "compact: %zu bytes", len);

	/* Every truncation fails cleanly. */
	bad = 0;
	for (size_t n = 0; n < len; n++) {
		back = doc_deserialize(p, n, &e);
		if (back) {
			bad = 1;
			doc_free(back);
		}
	}
	ok(!bad, "every truncation is refused");
	back = doc_deserialize(p, len - 1, &e);
	ok(!back && strstr(e.msg, "cached document: bad") == e.msg,
	   "error names the problem: %s", e.msg);

	/* Trailing bytes are refused. */
	{
		char *q = malloc(len + 1);

		memcpy(q, p, len);
		q[len] = 0;
		back = doc_deserialize(q, len + 1, &e);
		ok(!back, "trailing bytes refused");
		free(q);
	}

	/* Every single-byte corruption: no crash, and a success is a valid doc
	 * that serialises again. */
	bad = 0;
	for (size_t i = 0; i < len; i++) {
		for (int v = 0; v < 256; v += 17) {
			char *q = malloc(len);
			struct doc *x;

			memcpy(q, p, len);
			q[i] = (char)(q[i] ^ v);
			x = doc_deserialize(q, len, &e);
			if (x && !round_trips(x))
				bad = 1;
			doc_free(x);
			free(q);
		}
	}
	ok(!bad, "corrupted input never crashes and what loads round trips");

	{
		char v2[] = "WDOC\x02";
		char huge[] = "WDOC\x01\0\0\0\0\0\0\0\0\0\xff\xff\xff\xff\x0f";
		char over[] = "WDOC\x01\0\0\0\0\0\0\0\0\0\xff\xff\xff\xff\xff"
			      "\xff\xff\xff\xff\xff\x01";

		ok(!doc_deserialize(v2, 5, &e) && strstr(e.msg, "version 2"),
		   "other version refused: %s", e.msg);
		ok(!doc_deserialize(huge, sizeof(huge) - 1, &e),
		   "huge count refused before allocating");
		ok(!doc_deserialize(over, sizeof(over) - 1, &e),
		   "varint overflow refused");
		ok(!doc_deserialize("nope", 4, &e), "short garbage refused");
		ok(!doc_deserialize(NULL, 0, &e), "NULL refused");
	}
	{
		/* A NUL inside a string cannot come back as a C string. */
		char nul[] = "WDOC\x01\x03"
			     "a\0b";

		ok(!doc_deserialize(nul, sizeof(nul) - 1, &e),
		   "NUL inside a string refused");
	}
	free(p);
	doc_free(d);
	return tap_done();
}
