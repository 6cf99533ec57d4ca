/* dateline.c: "Kompas.com - 26/09/2020, 08:13 WIB" style datelines to ISO 8601.
 */
#include "config.h"

#include "xint.h"

#include <stdio.h>
#include <string.h>

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
