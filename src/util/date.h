/* date.h: feed and web dates (RFC 822/1123, RFC 3339/ISO 8601, variants) to UTC. */
#ifndef WARTA_DATE_H
#define WARTA_DATE_H

#include <time.h>

/* Parse s as a date and time: RFC 822/1123 and its real-world variants
 * (weekday missing or in any language, 2-digit years, full month names,
 * named, military and numeric zones, no seconds, trailing text), RFC 3339 /
 * ISO 8601 (with or without zone, fractional seconds, date only) and
 * "YYYY-MM-DD HH:MM:SS". A missing zone means UTC. Returns the UTC time and
 * sets *ok to 1, or returns 0 and sets *ok to 0 when s is not a date. Pure
 * computation: no locale, no TZ. ok may be NULL. */
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
