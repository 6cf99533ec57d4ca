/* fuzz_url.c: libFuzzer target for URL splitting, resolution and host checks. */
#include "autoconfig.h"

#include "util/str.h"
#include "util/url.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* input: "base\0ref"; without a NUL the whole input is the base */
	const char *s = (const char *)data;
	size_t blen = strnlen(s, size);
	char *base = xstrndup(s, blen);
	char *ref = blen < size ? xstrndup(s + blen + 1, size - blen - 1)
				: xstrdup("");
	char *r = url_resolve(base, ref);

	if (r) {
		char *again = url_resolve(r, "");
		char *host = url_host(r);

		(void)url_is_http(r);
		(void)url_same_site(r, base);
		free(host);
		free(again);
	}
	free(r);
	free(ref);
	free(base);
	return 0;
}
