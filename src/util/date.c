/* date.c: parsing the dates feeds carry into UTC, by plain calendar arithmetic. */
#include "autoconfig.h"

#include "util/date.h"
#include "util/str.h"

#include <stdio.h>
#include <string.h>

/* What a parse found; a negative field is one not seen. */
struct date_fields {
	long year;
	int mon, day, hour, min, sec;
	long off; /* seconds east of UTC */
	int zone; /* a zone was given */
};

/* Days since 1970-01-01 of a proleptic Gregorian date (after H. Hinnant's
 * civil-days derivation: years start in March so the leap day is last). */
static long long
days_from_civil(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long long z, long long *y, int *m, int *d)
{
	long long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

long long
date_from_civil(long long y, int mon, int day, int h, int min, int sec)
{
	return days_from_civil(y, mon, day) * 86400 + h * 3600LL + min * 60LL +
	       sec;
}

static int
is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(long y, int m)
{
	static const int dim[] = {31, 28, 31, 30, 31, 30,
				  31, 31, 30, 31, 30, 31};

	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (unsigned char)c >= 0x80;
}

/* Read up to max digits; returns how many were read (0: none). */
static int
read_num(const char **p, int max, long *out)
{
	int n = 0;
	long v = 0;

	while (n < max && is_digit(**p)) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	*out = v;
	return n;
}

/* Month names, matched as whole words: English (full, abbreviated,
 * "sept") and the forms of Indonesian/Malay, Dutch, German, French,
 * Spanish, Portuguese, Italian, Hungarian, Greek and Russian that differ
 * from them. */
static const struct {
	const char *name;
	int mon;
} months[] = {
	{"jan", 1},        {"january", 1},    {"januari", 1},   {"januar", 1},
	{"janv", 1},       {"janvier", 1},    {"ene", 1},       {"enero", 1},
	{"janeiro", 1},    {"gen", 1},        {"gennaio", 1},   {"feb", 2},
	{"february", 2},   {"februari", 2},   {"februar", 2},   {"fev", 2},
	{"fevr", 2},       {"f\xc3\xa9vr", 2}, {"f\xc3\xa9vrier", 2},
	{"febrero", 2},    {"fevereiro", 2},  {"febbraio", 2},  {"mar", 3},
	{"march", 3},      {"maret", 3},      {"maart", 3},     {"mrt", 3},
	{"mrz", 3},        {"m\xc3\xa4r", 3},  {"m\xc3\xa4rz", 3},
	{"mars", 3},       {"marzo", 3},      {"mar\xc3\xa7o", 3},
	{"apr", 4},        {"april", 4},      {"avr", 4},       {"avril", 4},
	{"abr", 4},        {"abril", 4},      {"aprile", 4},    {"may", 5},
	{"mei", 5},        {"mai", 5},        {"mayo", 5},      {"maio", 5},
	{"mag", 5},        {"maggio", 5},     {"jun", 6},       {"june", 6},
	{"juni", 6},       {"juin", 6},       {"junio", 6},     {"junho", 6},
	{"giu", 6},        {"giugno", 6},     {"jul", 7},       {"july", 7},
	{"juli", 7},       {"juil", 7},       {"juillet", 7},   {"julio", 7},
	{"julho", 7},      {"lug", 7},        {"luglio", 7},    {"aug", 8},
	{"august", 8},     {"agustus", 8},    {"agu", 8},       {"agt", 8},
	{"ogos", 8},       {"augustus", 8},   {"aout", 8},      {"ao\xc3\xbbt", 8},
	{"ago", 8},        {"agosto", 8},     {"sep", 9},       {"sept", 9},
	{"september", 9},  {"septembre", 9},  {"septiembre", 9}, {"set", 9},
	{"setembro", 9},   {"settembre", 9},  {"oct", 10},      {"october", 10},
	{"okt", 10},       {"oktober", 10},   {"octobre", 10},  {"octubre", 10},
	{"out", 10},       {"outubro", 10},   {"ott", 10},      {"ottobre", 10},
	{"nov", 11},       {"november", 11},  {"novembre", 11}, {"noviembre", 11},
	{"novembro", 11},  {"dec", 12},       {"december", 12}, {"des", 12},
	{"desember", 12},  {"dez", 12},       {"dezember", 12}, {"d\xc3\xa9" "c", 12},
	{"d\xc3\xa9" "cembre", 12}, {"dic", 12}, {"diciembre", 12},
	{"dezembro", 12},  {"dicembre", 12},
	/* Hungarian */
	{"janu\xc3\xa1r", 1}, {"febru\xc3\xa1r", 2}, {"m\xc3\xa1rcius", 3},
	{"\xc3\xa1prilis", 4}, {"m\xc3\xa1jus", 5}, {"j\xc3\xbanius", 6},
	{"j\xc3\xbalius", 7}, {"augusztus", 8}, {"szeptember", 9},
	{"okt\xc3\xb3" "ber", 10},
	/* Greek, as abbreviated in dates (with and without accents) */
	{"\xce\x99\xce\xb1\xce\xbd", 1}, {"\xce\xa6\xce\xb5\xce\xb2", 2},
	{"\xce\x9c\xce\xac\xcf\x81", 3}, {"\xce\x9c\xce\xb1\xcf\x81", 3},
	{"\xce\x91\xcf\x80\xcf\x81", 4}, {"\xce\x9c\xce\xac\xce\xb9", 5},
	{"\xce\x9c\xce\xb1\xce\xb9", 5}, {"\xce\x9c\xce\xb1\xce\x90", 5},
	{"\xce\x99\xce\xbf\xcf\x8d\xce\xbd", 6},
	{"\xce\x99\xce\xbf\xcf\x85\xce\xbd", 6},
	{"\xce\x99\xce\xbf\xcf\x8d\xce\xbb", 7},
	{"\xce\x99\xce\xbf\xcf\x85\xce\xbb", 7},
	{"\xce\x91\xcf\x8d\xce\xb3", 8}, {"\xce\x91\xcf\x85\xce\xb3", 8},
	{"\xce\xa3\xce\xb5\xcf\x80", 9}, {"\xce\x9f\xce\xba\xcf\x84", 10},
	{"\xce\x9d\xce\xbf\xce\xad", 11}, {"\xce\x9d\xce\xbf\xce\xb5", 11},
	{"\xce\x94\xce\xb5\xce\xba", 12},
	/* Russian, in the genitive of dates ("5 марта 2024") */
	{"\xd1\x8f\xd0\xbd\xd0\xb2\xd0\xb0\xd1\x80\xd1\x8f", 1},
	{"\xd1\x84\xd0\xb5\xd0\xb2\xd1\x80\xd0\xb0\xd0\xbb\xd1\x8f", 2},
	{"\xd0\xbc\xd0\xb0\xd1\x80\xd1\x82\xd0\xb0", 3},
	{"\xd0\xb0\xd0\xbf\xd1\x80\xd0\xb5\xd0\xbb\xd1\x8f", 4},
	{"\xd0\xbc\xd0\xb0\xd1\x8f", 5},
	{"\xd0\xb8\xd1\x8e\xd0\xbd\xd1\x8f", 6},
	{"\xd0\xb8\xd1\x8e\xd0\xbb\xd1\x8f", 7},
	{"\xd0\xb0\xd0\xb2\xd0\xb3\xd1\x83\xd1\x81\xd1\x82\xd0\xb0", 8},
	{"\xd1\x81\xd0\xb5\xd0\xbd\xd1\x82\xd1\x8f\xd0\xb1\xd1\x80\xd1\x8f", 9},
	{"\xd0\xbe\xd0\xba\xd1\x82\xd1\x8f\xd0\xb1\xd1\x80\xd1\x8f", 10},
	{"\xd0\xbd\xd0\xbe\xd1\x8f\xd0\xb1\xd1\x80\xd1\x8f", 11},
	{"\xd0\xb4\xd0\xb5\xd0\xba\xd0\xb0\xd0\xb1\xd1\x80\xd1\x8f", 12},
};

static int
month_lookup(const char *w)
{
	for (size_t i = 0; i < sizeof(months) / sizeof(months[0]); i++)
		if (!str_casecmp(w, months[i].name))
			return months[i].mon;
	return 0;
}

/* Named zones, in minutes east of UTC: RFC 822's, the usual abbreviations,
 * and Indonesia's three. Where a name is used for two zones, the one
 * feeds mean most: CST is US Central, IST is India's, BST British
 * summer time. */
static const struct {
	const char *name;
	int min;
} zones[] = {
	{"gmt", 0},      {"ut", 0},       {"utc", 0},     {"z", 0},
	{"est", -300},   {"edt", -240},   {"cst", -360},  {"cdt", -300},
	{"mst", -420},   {"mdt", -360},   {"pst", -480},  {"pdt", -420},
	{"akst", -540},  {"akdt", -480},  {"hst", -600},  {"ast", -240},
	{"adt", -180},   {"nst", -210},   {"ndt", -150},  {"wet", 0},
	{"west", 60},    {"bst", 60},     {"cet", 60},    {"cest", 120},
	{"met", 60},     {"mest", 120},   {"eet", 120},   {"eest", 180},
	{"msk", 180},    {"ist", 330},    {"pkt", 300},   {"ict", 420},
	{"wib", 420},    {"wita", 480},   {"wit", 540},   {"sgt", 480},
	{"myt", 480},    {"hkt", 480},    {"pht", 480},   {"awst", 480},
	{"jst", 540},    {"kst", 540},    {"acst", 570},  {"acdt", 630},
	{"aest", 600},   {"aedt", 660},   {"nzst", 720},  {"nzdt", 780},
	/* what some US publishers write for their zones, summer or not */
	{"at", -240},    {"et", -300},    {"ct", -360},   {"mt", -420},
	{"pt", -480},
	{"sast", 120},   {"cat", 120},    {"eat", 180},   {"wat", 60},
	{"brt", -180},   {"brst", -120},  {"art", -180},  {"npt", 345},
};

/* Minutes east of UTC for a zone word, or -1 when it is not one. Single
 * letters are military zones with RFC 822's signs (A..I, K..M west, N..Y
 * east, Z zero): the table feeds were written against and long-lived
 * feed parsers still follow, though RFC 1123 notes that its signs are the
 * reverse of military use. */
static int
zone_lookup(const char *w, long *min)
{
	size_t i;

	if (w[0] && !w[1]) {
		char c = (char)(w[0] | 0x20);

		if (c == 'z')
			*min = 0;
		else if (c >= 'a' && c <= 'i')
			*min = -(c - 'a' + 1) * 60;
		else if (c >= 'k' && c <= 'm')
			*min = -(c - 'k' + 10) * 60;
		else if (c >= 'n' && c <= 'y')
			*min = (c - 'n' + 1) * 60;
		else
			return -1;
		return 0;
	}
	for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++)
		if (!str_casecmp(w, zones[i].name)) {
			*min = zones[i].min;
			return 0;
		}
	return -1;
}

/* A numeric offset after '+' or '-': hh, hhmm or hh:mm. p points past the
 * sign; returns 0 and advances it, or -1. */
static int
read_offset(const char **p, int sign, long *off)
{
	long hh, mm = 0;
	int n;
	const char *q = *p;

	n = read_num(&q, 4, &hh);
	if (n == 4) {
		mm = hh % 100;
		hh /= 100;
	} else if (n == 3) {
		mm = hh % 100; /* "+530" */
		hh /= 100;
	} else if (n == 1 || n == 2) {
		if (*q == ':' && is_digit(q[1])) {
			q++;
			if (read_num(&q, 2, &mm) != 2)
				return -1;
		}
	} else {
		return -1;
	}
	if (hh > 14 || mm > 59)
		return -1;
	*off = sign * (hh * 3600 + mm * 60);
	*p = q;
	return 0;
}

/* "hh:mm[:ss[.fff]]" at p (the hour already read as h). */
static int
read_time(const char **p, long h, struct date_fields *f)
{
	const char *q = *p;
	long mi, se = 0;

	if (*q != ':')
		return -1;
	q++;
	if (read_num(&q, 2, &mi) < 1)
		return -1;
	if (*q == ':' && is_digit(q[1])) {
		q++;
		read_num(&q, 2, &se);
		if ((*q == '.' || *q == ',') && is_digit(q[1])) {
			q++;
			while (is_digit(*q))
				q++;
		}
	}
	f->hour = (int)h;
	f->min = (int)mi;
	f->sec = (int)se;
	*p = q;
	return 0;
}

static void
skip_space(const char **p)
{
	while (str_isspace(**p))
		(*p)++;
}

/* Read a word into w; a word too long to be a name reads as "". */
static const char *
read_word(const char *p, char *w, size_t wsz)
{
	size_t n = 0;
	int too_long = 0;

	while (is_word_char(*p)) {
		if (n + 1 < wsz)
			w[n++] = *p;
		else
			too_long = 1;
		p++;
	}
	w[too_long ? 0 : n] = '\0';
	return p;
}

/* A zone after an ISO or RFC time: Z, +hh[:mm], a name, or a name followed
 * by an offset ("GMT+7"). Returns 0 when one was read. */
static int
read_zone(const char **p, struct date_fields *f)
{
	const char *q = *p;
	char w[32];
	long min;

	skip_space(&q);
	if (*q == '+' || *q == '-') {
		int sign = *q == '-' ? -1 : 1;

		q++;
		if (read_offset(&q, sign, &f->off) < 0)
			return -1;
		f->zone = 1;
		*p = q;
		return 0;
	}
	if (!is_word_char(*q))
		return -1;
	q = read_word(q, w, sizeof(w));
	if (!w[0] || zone_lookup(w, &min) < 0)
		return -1;
	f->off = min * 60;
	f->zone = 1;
	if ((*q == '+' || *q == '-') && is_digit(q[1])) {
		int sign = *q == '-' ? -1 : 1;
		long extra;
		const char *r = q + 1;

		if (read_offset(&r, sign, &extra) == 0) {
			f->off += extra;
			q = r;
		}
	}
	*p = q;
	return 0;
}

/* "am"/"pm" after a time (and Korean's 오전/오후, moved there by
 * korean()): 1 for pm, 0 for am, -1 for neither; p advanced past it. */
static int
read_ampm(const char **p)
{
	const char *q = *p;

	while (*q == ' ')
		q++;
	if ((q[0] | 0x20) == 'a' || (q[0] | 0x20) == 'p') {
		if ((q[1] | 0x20) == 'm' && !is_word_char(q[2])) {
			*p = q + 2;
			return (q[0] | 0x20) == 'p';
		}
	}
	return -1;
}

/* The hour after pm or am. */
static void
apply_ampm(struct date_fields *f, int pm)
{
	if (pm == 1 && f->hour >= 0 && f->hour < 12)
		f->hour += 12;
	else if (pm == 0 && f->hour == 12)
		f->hour = 0;
}

/* A time in ISO 8601's basic form after 'T': hhmm[ss[.f]]. */
static int
read_basic_time(const char **p, struct date_fields *f)
{
	const char *q = *p;
	long v;
	int n = read_num(&q, 6, &v);

	if (n == 4) {
		f->hour = (int)(v / 100);
		f->min = (int)(v % 100);
		f->sec = 0;
	} else if (n == 6) {
		f->hour = (int)(v / 10000);
		f->min = (int)(v / 100 % 100);
		f->sec = (int)(v % 100);
	} else {
		return -1;
	}
	if ((*q == '.' || *q == ',') && is_digit(q[1])) {
		q++;
		while (is_digit(*q))
			q++;
	}
	*p = q;
	return 0;
}

/* Nothing but white space (or an RFC 822 comment) left at p. */
static int
at_end(const char *p)
{
	skip_space(&p);
	if (*p == '(' && strchr(p, ')'))
		p = strchr(p, ')') + 1;
	skip_space(&p);
	return !*p;
}

/* W3CDTF, RFC 3339 and the ISO 8601 feeds write: YYYY, YYYY-MM,
 * YYYY-MM-DD[(T| )hh:mm[:ss[.f]]][zone], the basic YYYYMMDD[Thhmm[ss]],
 * "/" for "-", a two-digit year before two more fields ("03-12-31"), a
 * three-digit month with a leading zero. The whole string must be the
 * date: anything after it ("-01", "Textra") makes it no date. */
static int
parse_iso(const char *p, struct date_fields *f)
{
	long y, m = 1, d = 1, h;
	int n, pm;
	char sep;

	n = read_num(&p, 8, &y);
	if (n == 8) { /* basic: YYYYMMDD */
		d = y % 100;
		m = y / 100 % 100;
		y /= 10000;
		sep = 0;
	} else if (n == 4) {
		sep = *p;
		if (sep == '-' || sep == '/') {
			p++;
			n = read_num(&p, 3, &m);
			if (n < 1 || (n == 3 && m >= 100))
				return -1;
			if (*p == sep) {
				p++;
				if (read_num(&p, 2, &d) < 1)
					return -1;
			} else if (*p && !str_isspace(*p)) {
				return -1;
			}
		} else if (*p && !str_isspace(*p)) {
			return -1;
		}
	} else if (n == 2 && p[0] == '-' && is_digit(p[1]) && is_digit(p[2]) &&
		   p[3] == '-' && is_digit(p[4])) {
		y += y < 50 ? 2000 : 1900;
		p++;
		read_num(&p, 2, &m);
		p++;
		if (read_num(&p, 2, &d) < 1)
			return -1;
		sep = '-';
	} else {
		return -1;
	}
	f->year = y;
	f->mon = (int)m;
	f->day = (int)d;
	if ((*p == 'T' || *p == 't') && is_digit(p[1]) && is_digit(p[2]) &&
	    is_digit(p[3])) {
		p++;
		if (read_basic_time(&p, f) < 0)
			return -1;
		(void)read_zone(&p, f);
	} else if ((*p == 'T' || *p == 't' || *p == ' ') && is_digit(p[1])) {
		p++;
		if (read_num(&p, 2, &h) < 1 || read_time(&p, h, f) < 0)
			return -1;
		pm = read_ampm(&p);
		apply_ampm(f, pm);
		(void)read_zone(&p, f);
	}
	(void)sep;
	return at_end(p) ? 0 : -1;
}

/* Korean dates ("2004년 05월 28일 01:31:15", "2004-05-25 오후 11:23:17")
 * rewritten in out as the forms above read them ("2004-05-28 01:31:15",
 * "2004-05-25 11:23:17 pm"); 1 when s was one. Korean publishers give
 * their own time. */
static int
korean(const char *s, char *out, size_t outsz)
{
	static const char year[] = "\xeb\x85\x84", mon[] = "\xec\x9b\x94",
			  day[] = "\xec\x9d\xbc",
			  am[] = "\xec\x98\xa4\xec\xa0\x84",
			  pm[] = "\xec\x98\xa4\xed\x9b\x84";
	const char *ampm = NULL;
	size_t o = 0;
	int seen = 0;

	while (*s && o + 8 < outsz) {
		if (!strncmp(s, year, 3) || !strncmp(s, mon, 3)) {
			out[o++] = '-';
			s += 3;
			while (*s == ' ')
				s++;
			seen = 1;
		} else if (!strncmp(s, day, 3)) {
			s += 3;
			seen = 1;
		} else if (!strncmp(s, am, 6) || !strncmp(s, pm, 6)) {
			ampm = !strncmp(s, am, 6) ? " am" : " pm";
			s += 6;
			while (*s == ' ')
				s++;
			seen = 1;
		} else if (*s == ' ' && o && out[o - 1] == ' ') {
			s++;
		} else {
			out[o++] = *s++;
		}
	}
	while (o && out[o - 1] == ' ')
		o--;
	if (ampm && o + 4 < outsz) {
		memcpy(out + o, ampm, 3);
		o += 3;
	}
	out[o] = '\0';
	return seen && !*s;
}

/* RFC 822 and everything people write instead: a scan of words and
 * numbers in any order, as long as day, month and year turn up. */
static int
parse_loose(const char *p, struct date_fields *f)
{
	char w[32];
	long n, min;
	int len, pm = -1, seen_digit = 0;
	const char *end = p + strnlen(p, 256);

	while (p < end && *p) {
		if (f->zone && f->year >= 0 && f->mon > 0 && f->day > 0)
			break;
		if (*p == '(') { /* an RFC 822 comment */
			while (*p && *p != ')')
				p++;
			if (*p)
				p++;
			continue;
		}
		if ((*p == '+' || *p == '-') && is_digit(p[1]) &&
		    f->hour >= 0 && !f->zone) {
			const char *q = p;

			if (read_zone(&q, f) < 0)
				return -1; /* an offset no zone has */
			p = q;
			continue;
		}
		if (is_word_char(*p)) {
			p = read_word(p, w, sizeof(w));
			if (!w[0])
				continue;
			if (!seen_digit && (*p == ',' || (p[0] == '.' && p[1] == ',')))
				continue; /* a weekday ("mar.," is French Tuesday) */
			if (!f->mon && (f->mon = month_lookup(w)) > 0)
				continue;
			if (f->hour >= 0 && !str_casecmp(w, "pm")) {
				pm = 1;
				continue;
			}
			if (f->hour >= 0 && !str_casecmp(w, "am")) {
				pm = 0;
				continue;
			}
			if (f->hour >= 0 && !f->zone &&
			    zone_lookup(w, &min) == 0) {
				const char *q = p;

				f->zone = 1;
				f->off = min * 60;
				if ((*q == '+' || *q == '-') && is_digit(q[1])) {
					long extra;
					int sign = *q == '-' ? -1 : 1;

					q++;
					if (read_offset(&q, sign, &extra) == 0) {
						f->off += extra;
						p = q;
					}
				}
			}
			continue; /* weekdays, words in other languages */
		}
		if (is_digit(*p)) {
			seen_digit = 1;
			len = read_num(&p, 9, &n);
			while (is_digit(*p))
				p++, len = 10;
			if (*p == ':' && f->hour < 0 && len <= 2) {
				if (read_time(&p, n, f) < 0)
					return -1;
				if (*p == ':' && is_digit(p[1]))
					return -1; /* "1:2:3:4" is no time */
				continue;
			}
			if (len == 4 && f->year < 0 && *p == '/' &&
			    is_digit(p[1])) {
				/* "Fri, 2006/09/15 08:19:53 EDT" (ISO's dashes
				 * are parse_iso()'s, whole or not at all) */
				const char *q = p + 1;
				long mo, dd;

				if (read_num(&q, 2, &mo) >= 1 && *q == '/' &&
				    (q++, read_num(&q, 2, &dd) >= 1)) {
					f->year = n;
					f->mon = (int)mo;
					f->day = (int)dd;
					p = q;
					continue;
				}
			}
			if (*p == '.' && is_digit(p[1]) && len <= 2 &&
			    f->hour < 0 && f->day > 0) {
				/* "10.11" as a time is too ambiguous; skip */
				continue;
			}
			if (len <= 2 && f->day <= 0 && n >= 1 && n <= 31)
				f->day = (int)n;
			else if (len <= 4 && f->year < 0 && len != 1)
				f->year = len == 2 ? (n < 50 ? 2000 + n : 1900 + n)
					  : len == 3 ? 1900 + n
						     : n;
			continue;
		}
		p++; /* separators: space , - / . and anything else */
	}
	apply_ampm(f, pm);
	return f->year >= 0 && f->mon > 0 && f->day > 0 ? 0 : -1;
}

/* Start f over: nothing seen. */
static void
fields_reset(struct date_fields *f)
{
	memset(f, 0, sizeof(*f));
	f->year = -1;
	f->hour = -1;
}

time_t
date_parse(const char *s, int *ok)
{
	struct date_fields f;
	char ko[256];
	long long t;
	int good = 0, kst = 0;

	t = 0;
	if (!s)
		goto out;
	skip_space(&s);
	if (korean(s, ko, sizeof(ko))) {
		s = ko;
		kst = 1;
	}
	fields_reset(&f);
	if (parse_iso(s, &f) < 0) {
		fields_reset(&f);
		if (parse_loose(s, &f) < 0)
			goto out;
	}
	if (kst && !f.zone)
		f.off = 9 * 3600;
	if (f.hour < 0)
		f.hour = f.min = f.sec = 0;
	/* no made-up dates: a field out of range is no date at all, and
	 * feeds date nothing before 1970 */
	if (f.year < 1970 || f.year > 9999 || f.mon < 1 || f.mon > 12 ||
	    f.day < 1 || f.day > days_in_month(f.year, f.mon))
		goto out;
	if (f.hour > 24 || (f.hour == 24 && (f.min || f.sec)) || f.min > 59 ||
	    f.sec > 60)
		goto out;
	if (f.sec == 60)
		f.sec = 59; /* a leap second: the nearest representable time */
	t = date_from_civil(f.year, f.mon, f.day, f.hour, f.min, f.sec) -
	    f.off;
	if (t < 0 || t > 253402300799LL) /* the offset left 1970..9999 */
		goto out;
	good = 1;
out:
	if (ok)
		*ok = good;
	return good ? (time_t)t : 0;
}

char *
date_format_utc(time_t t, char out[21])
{
	long long days, secs, y;
	int m, d;

	days = (long long)t / 86400;
	secs = (long long)t % 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	civil_from_days(days, &y, &m, &d);
	if (y < 0) {
		memcpy(out, "0000-01-01T00:00:00Z", 21);
		return out;
	}
	if (y > 9999) {
		memcpy(out, "9999-12-31T23:59:59Z", 21);
		return out;
	}
	snprintf(out, 21, "%04d-%02d-%02dT%02d:%02d:%02dZ", (int)y, m, d,
		 (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
	return out;
}

int
date_is_placeholder(time_t t, time_t now)
{
	long long days = (long long)now / 86400, y;
	int m, d;

	/* 1971-01-01: the epoch shifted by any zone is still before it */
	if ((long long)t < 31536000LL)
		return 1;
	if (days < 0)
		days = 0;
	civil_from_days(days, &y, &m, &d);
	return (long long)t >= date_from_civil(y + 2, 1, 1, 0, 0, 0);
}
