/* form.c: percent-decoding shared by the test servers. */
#include "autoconfig.h"

#include "net/form.h"

#include <stdlib.h>

#include "util/str.h"

char *
form_decode(const char *s, size_t n)
{
	char *out = xmalloc(n + 1), *o = out;

	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i];

		if (c == '%' && i + 2 < n && str_hex_digit(s[i + 1]) >= 0 &&
		    str_hex_digit(s[i + 2]) >= 0) {
			c = str_hex_digit(s[i + 1]) * 16 +
			    str_hex_digit(s[i + 2]);
			i += 2;
		} else if (c == '+') {
			c = ' ';
		}
		if (!c) {
			free(out);
			return NULL;
		}
		*o++ = (char)c;
	}
	*o = '\0';
	return out;
}
