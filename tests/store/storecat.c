/* storecat.c: read a cache through the store API for tests: every article as text, integrity, stale articles. */
#include "autoconfig.h"

#include "store/store.h"
#include "unit/store_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc/doc.h"
#include "render/render.h"
#include "util/str.h"

static const char usage[] =
	"usage: storecat CACHE articles   (each cached article as text)\n"
	"       storecat CACHE age VERSION (every article replaced by a stub\n"
	"                                  from extractor VERSION, pages kept)\n"
	"       storecat CACHE check      (\"ok\" when the integrity checks pass)\n";

#define BATCH 128

/* Print every cached article: a header line, then its text at width 80;
 * -1 when one does not read or does not deserialise. */
static int
articles(struct store *s)
{
	long long ids[BATCH], after = 0;
	struct err e = {{0}};
	size_t n;

	for (;;) {
		if (store_articles_list(s, NULL, after, ids, BATCH, &n, &e))
			goto fail;
		if (!n)
			return 0;
		for (size_t i = 0; i < n; i++) {
			struct store_article a;
			struct store_item it;
			struct doc *d;
			char *text;

			if (store_item_get(s, ids[i], &it, &e) != 1 ||
			    store_article_get(s, ids[i], &a, &e) != 1)
				goto fail;
			d = doc_deserialize(a.doc, a.doc_len, &e);
			if (!d) {
				store_item_clear(&it);
				store_article_clear(&a);
				goto fail;
			}
			text = render_text(d, 80, 0);
			printf("== %s extractor %d page %zu\n%s\n",
			       it.link ? it.link : "", a.extractor_version,
			       a.raw_len, text);
			free(text);
			doc_free(d);
			store_item_clear(&it);
			store_article_clear(&a);
		}
		after = ids[n - 1];
	}
fail:
	fprintf(stderr, "storecat: %s\n", e.msg);
	return -1;
}

/* Replace every article by a one-paragraph stub from extractor version. */
static int
age(struct store *s, int version)
{
	long long ids[BATCH], after = 0;
	struct err e = {{0}};
	struct store_article_in a;
	struct doc *d = doc_new();
	struct doc_block *b = doc_add_block(d, DOC_PARAGRAPH);
	char *blob;
	size_t n, len;
	int rc = -1;

	doc_block_add_run(b, "stale", 5, 0, NULL, 0);
	blob = doc_serialize(d, &len);
	memset(&a, 0, sizeof(a));
	a.doc = blob;
	a.doc_len = len;
	a.text = "stale";
	a.extractor_version = version;
	for (;;) {
		if (store_articles_list(s, NULL, after, ids, BATCH, &n, &e))
			goto out;
		if (!n)
			break;
		for (size_t i = 0; i < n; i++)
			if (store_article_update(s, ids[i], &a, &e) != 1)
				goto out;
		after = ids[n - 1];
	}
	rc = 0;
out:
	if (rc)
		fprintf(stderr, "storecat: %s\n", e.msg);
	free(blob);
	doc_free(d);
	return rc;
}

int
main(int argc, char **argv)
{
	struct err e = {{0}};
	struct store *s;
	int rc;

	if (argc < 3 ||
	    (strcmp(argv[2], "articles") && strcmp(argv[2], "age") &&
	     strcmp(argv[2], "check")) ||
	    (!strcmp(argv[2], "age") && argc != 4)) {
		fputs(usage, stderr);
		return 2;
	}
	s = store_open(argv[1], &test_store_text, &e);
	if (!s) {
		fprintf(stderr, "storecat: %s\n", e.msg);
		return 1;
	}
	if (store_notice(s))
		fprintf(stderr, "storecat: %s\n", store_notice(s));
	if (!strcmp(argv[2], "articles")) {
		rc = articles(s);
	} else if (!strcmp(argv[2], "check")) {
		rc = store_check(s, &e);
		if (rc == 0 && store_notice(s))
			rc = -1; /* a damaged file was moved aside */
		printf("%s\n", rc == 0 ? "ok" : e.msg);
	} else {
		rc = age(s, (int)strtol(argv[3], NULL, 10));
	}
	store_close(s);
	return rc ? 1 : 0;
}
