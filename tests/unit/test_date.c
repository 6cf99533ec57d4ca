/* test_date.c: date_parse over the formats feeds really use, and formatting. */
#include "autoconfig.h"

#include "tap.h"
#include "util/date.h"

static const struct {
	const char *in, *want; /* want NULL: must be refused */
} cases[] = {
	/* RFC 822 / 1123 */
	{"Tue, 02 Jan 2024 10:11:12 +0700", "2024-01-02T03:11:12Z"},
	{"Tue, 02 Jan 2024 10:11:12 GMT", "2024-01-02T10:11:12Z"},
	{"Tue, 02 Jan 2024 10:11:12 UT", "2024-01-02T10:11:12Z"},
	{"Tue, 02 Jan 2024 10:11:12 UTC", "2024-01-02T10:11:12Z"},
	{"Tue, 02 Jan 2024 10:11:12 Z", "2024-01-02T10:11:12Z"},
	{"Tue, 02 Jan 2024 10:11:12 -0000", "2024-01-02T10:11:12Z"},
	{"Tue, 02 Jan 2024 10:11:12 EST", "2024-01-02T15:11:12Z"},
	{"Tue, 02 Jan 2024 10:11:12 EDT", "2024-01-02T14:11:12Z"},
	{"Tue, 02 Jan 2024 10:11:12 CST", "2024-01-02T16:11:12Z"},
	{"Tue, 02 Jan 2024 10:11:12 CDT", "2024-01-02T15:11:12Z"},
	{"Tue, 02 Jan 2024 10:11:12 MST", "2024-01-02T17:11:12Z"},
	{"Tue, 02 Jan 2024 10:11:12 MDT", "2024-01-02T16:11:12Z"},
	{"Tue, 02 Jan 2024 10:11:12 PST", "2024-01-02T18:11:12Z"},
	{"Tue, 02 Jan 2024 10:11:12 PDT", "2024-01-02T17:11:12Z"},
	{"Tue, 02 Jan 2024 10:11:12 A", "2024-01-02T09:11:12Z"},
	{"Tue, 02 Jan 2024 10:11:12 N", "2024-01-02T11:11:12Z"},
	{"Tue, 02 Jan 2024 10:11:12 WIB", "2024-01-02T03:11:12Z"},
	{"Tue, 02 Jan 2024 10:11:12 WITA", "2024-01-02T02:11:12Z"},
	{"Tue, 02 Jan 2024 10:11:12 WIT", "2024-01-02T01:11:12Z"},
	{"Tue, 02 Jan 2024 10:11:12 +07:00", "2024-01-02T03:11:12Z"},
	{"Tue, 02 Jan 2024 10:11:12 -05:30", "2024-01-02T15:41:12Z"},
	{"Tue, 02 Jan 2024 10:11:12 GMT+0700", "2024-01-02T03:11:12Z"},
	{"Tue, 02 Jan 2024 10:11:12 +0700 (WIB)", "2024-01-02T03:11:12Z"},
	{"02 Jan 2024 10:11:12 +0000", "2024-01-02T10:11:12Z"},
	{"Tue, 2 Jan 2024 10:11:12 +0000", "2024-01-02T10:11:12Z"},
	{"Tue, 02 Jan 24 10:11:12 +0000", "2024-01-02T10:11:12Z"},
	{"Sat, 02 Jan 99 10:11:12 +0000", "1999-01-02T10:11:12Z"},
	{"Tue, 02 Jan 2024 10:11 +0000", "2024-01-02T10:11:00Z"},
	{"Tue, 02 Jan 2024 10:11:12", "2024-01-02T10:11:12Z"},
	{"Tue, 02 Jan 2024", "2024-01-02T00:00:00Z"},
	{"Tuesday, 02 January 2024 10:11:12 GMT", "2024-01-02T10:11:12Z"},
	{"Wed, 02 Jan 2024 10:11:12 GMT", "2024-01-02T10:11:12Z"},
	{"Sel, 02 Jan 2024 10:11:12 +0700", "2024-01-02T03:11:12Z"},
	{"Di, 02 Jan 2024 10:11:12 +0100", "2024-01-02T09:11:12Z"},
	{"Tue,02 Jan 2024 10:11:12 GMT", "2024-01-02T10:11:12Z"},
	{"  Tue, 02 Jan 2024 10:11:12 GMT  ", "2024-01-02T10:11:12Z"},
	{"02-Jan-2024 10:11:12 +0000", "2024-01-02T10:11:12Z"},
	{"Tue, 02 Sept 2024 10:11:12 GMT", "2024-09-02T10:11:12Z"},
	{"Fri, 02 Agustus 2024 10:11:12 WIB", "2024-08-02T03:11:12Z"},
	{"2 Desember 2024 10:11 WIB", "2024-12-02T03:11:00Z"},
	{"Tue Jan  2 10:11:12 2024", "2024-01-02T10:11:12Z"},
	{"Seg, 24 Set 2018 19:42:40 -0300", "2018-09-24T22:42:40Z"},
	{"mar., 02 janv. 2024 10:11:12 +0100", "2024-01-02T09:11:12Z"},
	{"2 d\xc3\xa9" "cembre 2024 10:11", "2024-12-02T10:11:00Z"},
	{"Di, 05 M\xc3\xa4r 2024 10:11:12 +0100", "2024-03-05T09:11:12Z"},
	{"Lun, 02 Ene 2024 10:11:12 -0500", "2024-01-02T15:11:12Z"},
	{"02 Ott 2024 10:11:12 +0200", "2024-10-02T08:11:12Z"},
	{"January 2, 2024 10:11 PM", "2024-01-02T22:11:00Z"},
	{"January 2, 2024 12:05 AM", "2024-01-02T00:05:00Z"},
	{"Tue, 02 Jan 2024 10:11:12.345 +0000", "2024-01-02T10:11:12Z"},
	{"Mon, 31 Dec 2023 23:59:60 GMT", "2023-12-31T23:59:59Z"},
	{"Thu, 29 Feb 2024 12:00:00 GMT", "2024-02-29T12:00:00Z"},
	{"Sun, 01 Jan 2023 01:00:00 +0200", "2022-12-31T23:00:00Z"},
	{"Tue, 02 Jan 2024 10:11:12 +0530", "2024-01-02T04:41:12Z"},
	/* RFC 3339 / ISO 8601 */
	{"2024-01-02T10:11:12Z", "2024-01-02T10:11:12Z"},
	{"2024-01-02T10:11:12z", "2024-01-02T10:11:12Z"},
	{"2024-01-02t10:11:12+07:00", "2024-01-02T03:11:12Z"},
	{"2024-01-02T10:11:12.123456-05:00", "2024-01-02T15:11:12Z"},
	{"2024-01-02T10:11:12+0700", "2024-01-02T03:11:12Z"},
	{"2024-01-02T10:11:12+07", "2024-01-02T03:11:12Z"},
	{"2024-01-02T10:11:12", "2024-01-02T10:11:12Z"},
	{"2024-01-02T10:11Z", "2024-01-02T10:11:00Z"},
	{"2024-01-02", "2024-01-02T00:00:00Z"},
	{"2024-1-2", "2024-01-02T00:00:00Z"},
	{"2024-01-02 10:11:12", "2024-01-02T10:11:12Z"},
	{"2024-01-02 10:11:12 WIB", "2024-01-02T03:11:12Z"},
	{"2024/01/02 10:11", "2024-01-02T10:11:00Z"},
	{"1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z"},
	{"1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"},
	{"2000-02-29T00:00:00Z", "2000-02-29T00:00:00Z"},
	{"2038-01-19T03:14:08Z", "2038-01-19T03:14:08Z"},
	{"2100-03-01T00:00:00Z", "2100-03-01T00:00:00Z"},
	{"2024-01-02T24:00:00Z", "2024-01-03T00:00:00Z"},
	/* refused */
	{"", NULL},
	{"yesterday", NULL},
	{"Tue, 32 Jan 2024 10:11:12 GMT", NULL},
	{"2023-02-29", NULL},
	{"2100-02-29", NULL},
	{"2024-13-01", NULL},
	{"2024-01-02T25:00:00Z", NULL},
	{"2024-01-02T10:61:00Z", NULL},
	{"Tue, 02 Foo 2024 10:11:12 GMT", NULL},
	{"12:00", NULL},
	{"Jan 2024", NULL},
};

int
main(void)
{
	char out[21];
	int ok_;
	time_t t;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		t = date_parse(cases[i].in, &ok_);
		if (!cases[i].want) {
			ok(!ok_ && t == 0, "refused: '%s'", cases[i].in);
			continue;
		}
		ok(ok_, "parsed: '%s'", cases[i].in);
		is_str(date_format_utc(t, out), cases[i].want, "value: '%s'",
		       cases[i].in);
	}
	t = date_parse(NULL, &ok_);
	ok(!ok_ && t == 0, "NULL is refused");
	t = date_parse("2024-01-02", NULL);
	is_int(t, 1704153600, "ok may be NULL");
	is_str(date_format_utc(0, out), "1970-01-01T00:00:00Z", "epoch");
	is_str(date_format_utc(-1, out), "1969-12-31T23:59:59Z", "before epoch");
	is_str(date_format_utc((time_t)253402300800LL, out),
	       "9999-12-31T23:59:59Z", "year 10000 clamps");
	is_int(date_from_civil(2024, 1, 2, 0, 0, 0), 1704153600,
	       "date_from_civil");
	/* every day of 400 years round-trips through the formatter */
	{
		int bad = 0;
		long long d;

		for (d = -146097; d < 146097 * 2 && !bad; d += 1) {
			char buf[21];
			time_t back;
			int k;

			date_format_utc((time_t)(d * 86400 + 3723), buf);
			back = date_parse(buf, &k);
			if (!k || back != (time_t)(d * 86400 + 3723))
				bad = 1;
		}
		ok(!bad, "800 years of days round-trip");
	}
	{
		/* 2025-06-15: placeholders are what pages write for no date */
		time_t now = (time_t)date_from_civil(2025, 6, 15, 12, 0, 0);

		ok(date_is_placeholder(date_parse("0001-01-01", NULL), now),
		   "year 1 is a placeholder");
		ok(date_is_placeholder(0, now), "the epoch is a placeholder");
		ok(date_is_placeholder(
		       date_parse("1969-12-31T19:00:00-05:00", NULL), now),
		   "the epoch in another zone too");
		ok(date_is_placeholder(date_parse("1900-01-01", NULL), now),
		   "1900 too");
		ok(!date_is_placeholder(date_parse("1999-03-04", NULL), now),
		   "an old date is a date");
		ok(!date_is_placeholder(
		       date_parse("2026-12-31T23:59:59Z", NULL), now),
		   "next year is a date (time zones, embargoes)");
		ok(date_is_placeholder(date_parse("2027-01-01", NULL), now),
		   "the year after next is a placeholder");
		ok(date_is_placeholder(date_parse("9999-12-31", NULL), now),
		   "9999 too");
	}
	return tap_done();
}
