/* date.h: feed and web dates (RFC 822/1123, RFC 3339/ISO 8601, variants) to UTC. */
#ifndef WARTA_DATE_H
#define WARTA_DATE_H

#include <time.h>

/* Parse s as a date and time: RFC 822/1123/2822 and its real-world
 * variants (weekday missing, wrong or in another language, two-digit
 * years, full month names, month names in Indonesian, Dutch, German,
 * French, Spanish, Portuguese, Italian, Hungarian, Greek and Russian,
 * extra commas and white space, no seconds, asctime's order, trailing
 * comments); RFC 3339, W3CDTF and ISO 8601 (YYYY, YYYY-MM, YYYY-MM-DD,
 * with or without seconds and fractions, 'T' or a space, the basic
 * YYYYMMDDThhmmss, "/" for "-"); Korean dates. Numbers alone in another
 * order (24/11/2026) are not read: whether the day or the month comes
 * first is the page's to say.
 * Zones: Z, +hh, +hhmm, +hh:mm, GMT+hh; UT, GMT, UTC; EST/EDT, CST/CDT,
 * MST/MDT, PST/PDT and their AT, ET, CT, MT, PT; AKST, HST, AST, NST; the
 * military letters (A..I, K..M east, N..Y west, Z); WET/WEST, BST,
 * CET/CEST, MET/MEST, EET/EEST, MSK, SAST, CAT, EAT, WAT, IST (India),
 * PKT, NPT, ICT, WIB, WITA, WIT, SGT, MYT, HKT, PHT, AWST, JST, KST,
 * ACST/ACDT, AEST/AEDT, NZST/NZDT, BRT/BRST, ART. A missing zone means
 * UTC (Korea's for Korean dates). A date that cannot be (month 13, day
 * 32, hour 25, before 1970 or after 9999, an offset no zone has, text
 * after an ISO date) is no date. Returns the UTC time and sets *ok to 1,
 * or returns 0 and sets *ok to 0 when s is not a date. Pure computation:
 * no locale, no TZ. ok may be NULL. */
time_t date_parse(const char *s, int *ok);

/* The UTC calendar date of t as "YYYY-MM-DDTHH:MM:SSZ" written into out
 * (21 bytes with the NUL); years are clamped to 0000..9999. Returns out. */
char *date_format_utc(time_t t, char out[21]);

/* 1 when t is no real date but what pages and feeds write when they have
 * none: anything before 1971 (year 1, 1900, the Unix epoch in any zone) or
 * after the end of the year after now's. */
int date_is_placeholder(time_t t, time_t now);

/* Seconds since the epoch of a proleptic Gregorian UTC date and time; the
 * fields are not range-checked here. */
long long date_from_civil(long long y, int mon, int day, int h, int min,
			  int sec);

#endif
