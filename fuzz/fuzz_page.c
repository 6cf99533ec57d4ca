/* fuzz_page.c: libFuzzer target: the front-page link finder. */
#include "autoconfig.h"

#include "feed/feed.h"
#include "feed/frontpage.h"
#include "util/err.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(const struct feed *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->nitems; i++)
		if (!f->items[i].title || !f->items[i].link ||
		    !f->items[i].key ||
		    (strncmp(f->items[i].link, "http://", 7) &&
		     strncmp(f->items[i].link, "https://", 8)))
			__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct err e;
	struct feed *f;

	/* The heuristic, then a link pattern, then few items. */
	f = frontpage_parse((const char *)data, size, "http://fuzz.example/news/",
		       NULL, NULL, 0, &e);
	check(f);
	feed_free(f);
	f = frontpage_parse((const char *)data, size, "https://fuzz.example/", NULL,
		       "^https?://fuzz\\.example/[0-9]{4}/.+", 0, &e);
	check(f);
	feed_free(f);
	f = frontpage_parse((const char *)data, size, NULL, "windows-1251", NULL, 3,
		       &e);
	if (f && f->nitems > 3)
		__builtin_trap();
	check(f);
	feed_free(f);
	return 0;
}
