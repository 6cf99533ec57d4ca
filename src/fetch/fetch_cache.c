/* fetch_cache.c: how long an answer stays fresh, by its caching headers. */
#include "autoconfig.h"

#include "fetch/fetch.h"
#include "util/date.h"
#include "util/str.h"

#include <limits.h>
#include <string.h>

/* Seconds in a "max-age=N" at p (past the '='), or -1. */
static long
seconds_at(const char *p)
{
	long v = 0;

	if (*p == '"')
		p++;
	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++)
		if ((v = v * 10 + (*p - '0')) > 100000000L)
			v = 100000000L; /* past any wait anyone keeps */
	return v;
}

long
fetch_max_age(const char *cache_control, const char *expires, const char *date)
{
	if (cache_control) {
		const char *p = cache_control;
		long age = -1, shared = -1;

		while (*p) {
			size_t n;

			while (*p == ' ' || *p == '\t' || *p == ',')
				p++;
			n = strcspn(p, ",");
			if (str_istarts_with(p, "no-cache") ||
			    str_istarts_with(p, "no-store"))
				return 0;
			if (str_istarts_with(p, "max-age="))
				age = seconds_at(p + 8);
			else if (str_istarts_with(p, "s-maxage="))
				shared = seconds_at(p + 9);
			p += n;
		}
		/* a shared cache's own says more of what the server can
		 * stand than a browser's */
		if (shared >= 0)
			return shared;
		if (age >= 0)
			return age;
	}
	if (expires) {
		int ok_exp = 0, ok_date = 0;
		time_t ex = date_parse(expires, &ok_exp);
		time_t now = date ? date_parse(date, &ok_date) : 0;

		/* "0" or garbage: already expired */
		if (!ok_exp)
			return 0;
		if (!ok_date)
			now = time(NULL);
		if (ex <= now)
			return 0;
		return ex - now > LONG_MAX ? LONG_MAX : (long)(ex - now);
	}
	return -1;
}
