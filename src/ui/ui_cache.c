/* ui_cache.c: search hits and a kept page as text, read from the cache. */
#include "autoconfig.h"

#include "html/page_text.h"
#include "ui/ui_int.h"
#include "util/err.h"
#include "util/str.h"

#include <stdlib.h>
#include <string.h>

int
ui_search_items(struct ui *ui, const char *terms, struct store_item **rows,
		size_t *n, struct err *e)
{
	struct store_search_query q;
	struct store_hit *hits = NULL;
	size_t nh = 0;

	*rows = NULL;
	*n = 0;
	memset(&q, 0, sizeof(q));
	q.text = terms;
	q.limit = 1000;
	if (store_search(ui->set->store, &q, &hits, &nh, e) < 0)
		return -1;
	if (nh) {
		*rows = xreallocarray(NULL, nh, sizeof(**rows));
		for (size_t i = 0; i < nh; i++) {
			(*rows)[i] = hits[i].item; /* moved out */
			memset(&hits[i].item, 0, sizeof(hits[i].item));
		}
	}
	*n = nh;
	store_hits_free(hits, nh);
	return 0;
}

char *
ui_page_text(struct ui *ui, long long id, struct err *e)
{
	struct store_article a;
	char *raw = NULL, *text;
	size_t len = 0;
	int rc;

	rc = store_article_raw(ui->set->store, id, &raw, &len, e);
	if (rc < 0)
		return NULL;
	if (rc == 0) {
		err_set(e, "the page itself is not in the cache");
		return NULL;
	}
	memset(&a, 0, sizeof(a));
	if (store_article_get(ui->set->store, id, &a, NULL) != 1)
		memset(&a, 0, sizeof(a));
	text = page_text_from_html(raw, len, a.url, a.charset, e);
	store_article_clear(&a);
	free(raw);
	return text;
}
