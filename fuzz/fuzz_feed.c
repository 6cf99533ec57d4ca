/* fuzz_feed.c: libFuzzer target for the feed and front-page parsers. */
#include "autoconfig.h"

#include "feed/feed.h"
#include "feed/frontpage.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct err e;
	struct feed *f;

	f = feed_parse((const char *)data, size, "http://fuzz.example/f/",
		       NULL, 100, &e);
	if (f) {
		for (size_t i = 0; i < f->nitems; i++)
			if (!f->items[i].title || !f->items[i].key)
				__builtin_trap();
		feed_free(f);
	}
	f = frontpage_parse((const char *)data, size, "http://fuzz.example/",
		       NULL, NULL, 100, &e);
	feed_free(f);
	return 0;
}
