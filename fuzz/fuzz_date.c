/* fuzz_date.c: libFuzzer target for date parsing and its round trip. */
#include "autoconfig.h"

#include "util/date.h"
#include "util/str.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size);
	char out[21];
	int ok, ok2;
	time_t t = date_parse(s, &ok), back;

	if (ok) {
		date_format_utc(t, out);
		back = date_parse(out, &ok2);
		/* within the years the formatter prints, the round trip holds */
		if (t >= -62135596800LL && t <= 253402300799LL &&
		    (!ok2 || back != t))
			__builtin_trap();
	}
	free(s);
	return 0;
}
