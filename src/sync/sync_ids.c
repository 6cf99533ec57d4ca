/* sync_ids.c: Google Reader item ids, long and short, as one 64-bit number. */
#include "autoconfig.h"

#include "sync/sync_int.h"

#include <stdio.h>
#include <string.h>

#include "util/str.h"

#define LONG_PREFIX "tag:google.com,2005:reader/item/"

int
sync_id_parse(const char *s, long long *out)
{
	unsigned long long v = 0;
	size_t plen = sizeof(LONG_PREFIX) - 1;
	int neg = 0, digits = 0;

	if (!s)
		return -1;
	if (!strncmp(s, LONG_PREFIX, plen)) {
		/* 16 hex digits, the unsigned 64 bits */
		s += plen;
		for (; *s; s++, digits++) {
			int d = str_hex_digit((unsigned char)*s);

			if (d < 0)
				return -1;
			if (digits == 16)
				return -1;
			v = v << 4 | (unsigned)d;
		}
		if (!digits)
			return -1;
		*out = (long long)v;
		return 0;
	}
	/* decimal: Google wrote the same bits signed, others unsigned */
	if (*s == '-') {
		neg = 1;
		s++;
	}
	for (; *s; s++, digits++) {
		unsigned d;

		if (*s < '0' || *s > '9')
			return -1;
		d = (unsigned)(*s - '0');
		if (v > (~0ULL - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	if (!digits || digits > 20)
		return -1;
	if (neg) {
		if (v > 1ULL << 63)
			return -1;
		v = ~v + 1;
	}
	*out = (long long)v;
	return 0;
}

void
sync_id_long(long long id, char out[49])
{
	snprintf(out, 49, LONG_PREFIX "%016llx", (unsigned long long)id);
}
