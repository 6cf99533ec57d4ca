/* fuzz_utf8.c: libFuzzer target for decoding, width and the terminal sanitiser:
 * the sanitised output must be valid UTF-8 with no C0/C1 control but \n and \t. */
#include "autoconfig.h"

#include "util/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	char *out = utf8_sanitize(s, size, UTF8_KEEP_NEWLINES | UTF8_KEEP_TABS);
	size_t len = strlen(out), i = 0;

	(void)utf8_width(s, size);
	if (!utf8_valid(out, len))
		abort();
	while (i < len) {
		uint32_t cp;

		i += utf8_decode(out + i, len - i, &cp);
		if ((cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7f ||
		    (cp >= 0x80 && cp < 0xa0) || cp == 0x1b)
			abort();
	}
	free(out);
	return 0;
}
