/* dateline.c: page dates (Kompas-style datelines, machine-readable stamps) to
 * ISO 8601. */
#include "autoconfig.h"

#include "extract/extract_int.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "util/date.h"
#include "util/str.h"

static const struct {
	const char *name;
	const char *offset;
} zones[] = {
    {"WIB", "+07:00"},	{"WITA", "+08:00"}, {"WIT", "+09:00"},
    {"UTC", "+00:00"},	{"GMT", "+00:00"},  {"BST", "+01:00"},
    {"CET", "+01:00"},	{"CEST", "+02:00"}, {"EET", "+02:00"},
    {"EEST", "+03:00"}, {"MSK", "+03:00"},  {"IST", "+05:30"},
    {"ICT", "+07:00"},	{"SGT", "+08:00"},  {"MYT", "+08:00"},
    {"PHT", "+08:00"},	{"HKT", "+08:00"},  {"JST", "+09:00"},
    {"KST", "+09:00"},	{"AEST", "+10:00"}, {"AEDT", "+11:00"},
    {"EST", "-05:00"},	{"EDT", "-04:00"},  {"CST", "-06:00"},
    {"CDT", "-05:00"},	{"MST", "-07:00"},  {"MDT", "-06:00"},
    {"PST", "-08:00"},	{"PDT", "-07:00"},
};

static int
digits(const char *p, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return 0;
		*v = *v * 10 + (p[i] - '0');
	}
	return 1;
}

enum {
	NUM_NEED_ZONE = 1 << 0,   /* a zone name must follow the time */
	NUM_MONTH_FIRST = 1 << 1, /* MM/DD/YYYY, as in US English */
	NUM_ANY_SEP = 1 << 2,     /* "." and "-" between the numbers too */
};

/* A number of 1 or 2 digits at p followed by sep; its length, or 0. */
static int
small_number(const char *p, char sep, int *v)
{
	int n = 0;

	while (p[n] >= '0' && p[n] <= '9' && n < 3)
		n++;
	if ((n != 1 && n != 2) || p[n] != sep)
		return 0;
	digits(p, n, v);
	return n;
}

/* Skip spaces and no-break spaces (UTF-8 C2 A0). */
static const char *
skip_blank(const char *q)
{
	while (*q == ' ' || ((unsigned char)q[0] == 0xc2 &&
			     (unsigned char)q[1] == 0xa0))
		q += *q == ' ' ? 1 : 2;
	return q;
}

/* The first "D/M/YYYY[,] HH:MM[ AM|PM][ ZONE]" in s as ISO 8601 (with the
 * zone's offset when one is named, else none: the site's local time). */
static int
numeric_date(const char *s, unsigned flags, char out[32])
{
	for (const char *p = s; *p; p++) {
		int a, b, y, hh, mi, d, m, n;
		const char *q = p, *zone = NULL;
		char sep;

		if (p > s && p[-1] >= '0' && p[-1] <= '9')
			continue;
		n = 0;
		while (q[n] >= '0' && q[n] <= '9' && n < 3)
			n++;
		sep = q[n];
		if (sep != '/' && !((flags & NUM_ANY_SEP) &&
				    (sep == '.' || sep == '-')))
			continue;
		if (!(n = small_number(q, sep, &a)))
			continue;
		q += n + 1;
		if (!(n = small_number(q, sep, &b)))
			continue;
		q += n + 1;
		if (!digits(q, 4, &y) || (q[4] >= '0' && q[4] <= '9'))
			continue;
		q += 4;
		while (*q == ',' || *q == '-' || *q == ' ' ||
		       ((unsigned char)q[0] == 0xc2 && (unsigned char)q[1] == 0xa0))
			q += (unsigned char)*q == 0xc2 ? 2 : 1;
		/* H:MM or HH:MM (or with a dot) */
		if (*q < '0' || *q > '9')
			continue;
		n = q[1] == ':' || q[1] == '.' ? 1 : 2;
		if (!digits(q, n, &hh) || (q[n] != ':' && q[n] != '.') ||
		    !digits(q + n + 1, 2, &mi) ||
		    (q[n + 3] >= '0' && q[n + 3] <= '9'))
			continue;
		q = skip_blank(q + n + 3);
		if ((q[0] == 'A' || q[0] == 'a' || q[0] == 'P' || q[0] == 'p') &&
		    (q[1] == 'M' || q[1] == 'm') &&
		    !((q[2] >= 'A' && q[2] <= 'Z') || (q[2] >= 'a' && q[2] <= 'z'))) {
			if (hh < 1 || hh > 12)
				continue;
			hh = hh % 12 + ((q[0] | 0x20) == 'p' ? 12 : 0);
			q = skip_blank(q + 2);
		}
		d = flags & NUM_MONTH_FIRST ? b : a;
		m = flags & NUM_MONTH_FIRST ? a : b;
		if (d < 1 || d > 31 || m < 1 || m > 12 || hh > 23 || mi > 59 ||
		    y < 1990 || y > 2100)
			continue;
		for (size_t z = 0; z < sizeof(zones) / sizeof(zones[0]); z++) {
			size_t zl = strlen(zones[z].name);

			if (!strncmp(q, zones[z].name, zl) &&
			    !((q[zl] >= 'A' && q[zl] <= 'Z') ||
			      (q[zl] >= 'a' && q[zl] <= 'z'))) {
				zone = zones[z].offset;
				break;
			}
		}
		if (!zone && (flags & NUM_NEED_ZONE))
			continue;
		snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:00%s", y, m, d, hh,
			 mi, zone ? zone : "");
		return 0;
	}
	return -1;
}

int
meta_parse_dateline(const char *s, char out[32])
{
	return numeric_date(s, NUM_NEED_ZONE, out);
}

int
meta_local_date(const char *s, int month_first, char out[32])
{
	return numeric_date(s, NUM_ANY_SEP | (month_first ? NUM_MONTH_FIRST : 0),
			    out);
}

/* Skip ASCII space. */
static const char *
skip_sp(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static int
iso_date(const char *s, char out[META_DATE_MAX])
{
	int y, mo, d, hh, mi, ss = 0, oh, om = 0;
	char frac[10] = "", zone[16] = "";
	const char *p;
	size_t fl = 0;

	if (!s)
		return -1;
	p = skip_sp(s);
	if (!digits(p, 4, &y) || p[4] != '-' || !digits(p + 5, 2, &mo) ||
	    p[7] != '-' || !digits(p + 8, 2, &d))
		goto other;
	if (mo < 1 || mo > 12 || d < 1 || d > 31)
		goto other;
	p += 10;
	if (!*skip_sp(p)) {
		snprintf(out, META_DATE_MAX, "%04d-%02d-%02d", y, mo, d);
		return 0;
	}
	if (*p != 'T' && *p != 't' && *p != ' ')
		goto other;
	p++;
	if (!digits(p, 2, &hh) || p[2] != ':' || !digits(p + 3, 2, &mi))
		goto other;
	p += 5;
	if (*p == ':') {
		if (!digits(p + 1, 2, &ss))
			goto other;
		p += 3;
		if (*p == '.' || *p == ',') {
			p++;
			while (*p >= '0' && *p <= '9') {
				if (fl < 7)
					frac[1 + fl++] = *p;
				p++;
			}
			if (fl) {
				frac[0] = '.';
				frac[1 + fl] = '\0';
			}
		}
	}
	if (hh > 24 || mi > 59 || ss > 60)
		goto other;
	p = skip_sp(p);
	if (*p == 'Z' || *p == 'z') {
		memcpy(zone, "Z", 2);
		p++;
	} else if ((*p == '+' || *p == '-') && digits(p + 1, 2, &oh)) {
		char sign = *p;

		p += 3;
		if (*p == ':')
			p++;
		if (digits(p, 2, &om))
			p += 2;
		if (oh > 14 || om > 59)
			goto other;
		snprintf(zone, sizeof(zone), "%c%02d:%02d", sign, oh % 100,
			 om % 100);
	} else if (!str_casecmp(p, "UTC") || !str_casecmp(p, "GMT")) {
		memcpy(zone, "Z", 2);
		p += 3;
	}
	if (*skip_sp(p))
		goto other;
	snprintf(out, META_DATE_MAX, "%04d-%02d-%02dT%02d:%02d:%02d%s%s", y, mo,
		 d, hh, mi, ss, frac, zone);
	return 0;
other:
	/* Anything else the date parser knows (RFC 822 and kin) is given
	 * in UTC. */
	{
		int ok = 0;
		time_t t = date_parse(s, &ok);
		char u[21];

		if (!ok)
			return -1;
		date_format_utc(t, u);
		snprintf(out, META_DATE_MAX, "%s", u);
	}
	return 0;
}

int
meta_iso_date(const char *s, char out[META_DATE_MAX])
{
	int ok = 0;
	time_t t;

	if (iso_date(s, out) != 0)
		return -1;
	/* "0001-01-01" and the epoch are what a template writes for no
	 * date: the next source in order of trust says better */
	t = date_parse(out, &ok);
	if (!ok || date_is_placeholder(t, time(NULL)))
		return -1;
	return 0;
}
