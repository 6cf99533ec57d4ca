/* dateline.c: page dates (Kompas-style datelines, machine-readable stamps) to
 * ISO 8601. */
#include "config.h"

#include "xint.h"

#include <stdio.h>
#include <string.h>

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

int
meta_parse_dateline(const char *s, char out[32])
{
	for (const char *p = s; *p; p++) {
		int d, m, y, hh, mi, dl = 0, ml = 0;
		const char *q = p;

		if (p > s && p[-1] >= '0' && p[-1] <= '9')
			continue;
		/* day/month/year */
		while (q[dl] >= '0' && q[dl] <= '9' && dl < 3)
			dl++;
		if ((dl != 1 && dl != 2) || q[dl] != '/' || !digits(q, dl, &d))
			continue;
		q += dl + 1;
		while (q[ml] >= '0' && q[ml] <= '9' && ml < 3)
			ml++;
		if ((ml != 1 && ml != 2) || q[ml] != '/' || !digits(q, ml, &m))
			continue;
		q += ml + 1;
		if (!digits(q, 4, &y) || (q[4] >= '0' && q[4] <= '9'))
			continue;
		q += 4;
		while (*q == ',' || *q == ' ' || *q == '-' ||
		       (unsigned char)*q == 0xc2 || (unsigned char)*q == 0xa0)
			q++;
		if (!digits(q, 2, &hh) || (q[2] != ':' && q[2] != '.') ||
		    !digits(q + 3, 2, &mi))
			continue;
		q += 5;
		while (*q == ' ' || (unsigned char)*q == 0xc2 ||
		       (unsigned char)*q == 0xa0)
			q++;
		if (d < 1 || d > 31 || m < 1 || m > 12 || hh > 23 || mi > 59 ||
		    y < 1990 || y > 2100)
			continue;
		for (size_t z = 0; z < sizeof(zones) / sizeof(zones[0]); z++) {
			size_t zl = strlen(zones[z].name);

			if (!strncmp(q, zones[z].name, zl) &&
			    !((q[zl] >= 'A' && q[zl] <= 'Z') ||
			      (q[zl] >= 'a' && q[zl] <= 'z'))) {
				snprintf(out, 32,
					 "%04d-%02d-%02dT%02d:%02d:00%s", y, m,
					 d, hh, mi, zones[z].offset);
				return 0;
			}
		}
	}
	return -1;
}

/* Skip ASCII space. */
static const char *
skip_sp(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

int
meta_iso_date(const char *s, char out[META_DATE_MAX])
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
