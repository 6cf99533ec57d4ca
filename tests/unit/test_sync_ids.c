/* test_sync_ids.c: Google Reader item ids, long and short, signed and unsigned,
 * are one item. */
#include "autoconfig.h"

#include "sync/sync_int.h"
#include "tap.h"

#include <string.h>

int
main(void)
{
	static const struct {
		const char *a, *b;
	} same[] = {
	    {"tag:google.com,2005:reader/item/0005c62466ee28fe",
	     "1625234531559678"},
	    {"tag:google.com,2005:reader/item/8d9f7f7f8b3c1e21",
	     "-8241728607291171295"},
	    {"tag:google.com,2005:reader/item/8d9f7f7f8b3c1e21",
	     "10205015466418380321"},
	    {"tag:google.com,2005:reader/item/ffffffffffffffff", "-1"},
	    {"tag:google.com,2005:reader/item/00000000000001e4", "484"},
	    {"tag:google.com,2005:reader/item/1e4", "484"},
	};
	static const char *const bad[] = {
	    "",
	    "abc",
	    "12a",
	    "-",
	    "tag:google.com,2005:reader/item/",
	    "tag:google.com,2005:reader/item/0005c62466ee28fe0",
	    "tag:google.com,2005:reader/item/xyz",
	    "18446744073709551616",
	    "-9223372036854775809",
	    NULL,
	};
	long long a, b;
	char out[49];

	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++)
		ok(sync_id_parse(same[i].a, &a) == 0 &&
		       sync_id_parse(same[i].b, &b) == 0 && a == b,
		   "%s is %s", same[i].a, same[i].b);
	for (size_t i = 0; bad[i]; i++)
		ok(sync_id_parse(bad[i], &a) < 0, "not an id: '%s'", bad[i]);
	ok(sync_id_parse(NULL, &a) < 0, "not an id: NULL");
	sync_id_parse("-8241728607291171295", &a);
	sync_id_long(a, out);
	is_str(out, "tag:google.com,2005:reader/item/8d9f7f7f8b3c1e21",
	       "the long form, 16 hex digits");
	sync_id_long(484, out);
	is_str(out, "tag:google.com,2005:reader/item/00000000000001e4",
	       "... zero-padded");
	return tap_done();
}
