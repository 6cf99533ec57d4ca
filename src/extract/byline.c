/* byline.c: the writer's name from the visible byline of a page. */
#include "autoconfig.h"

#include "extract/extract_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/str.h"

/* Lower-cased copy of a class or id (cut to fit out). */
static void
lower_attr(const char *v, char *out, size_t outsz)
{
	size_t j;

	for (j = 0; v && v[j] && j + 1 < outsz; j++)
		out[j] =
		    (v[j] >= 'A' && v[j] <= 'Z') ? (char)(v[j] + 32) : v[j];
	out[j] = '\0';
}

/* 1 if a lower-cased class or id names a part of an author box other than
 * the name: the picture, biography, job title, date, follow and share
 * buttons. */
static int
names_not_name(const char *low)
{
	static const char *const parts[] = {
	    "bio",     "box",	"avatar", "image",   "photo", "headshot", "pic",
	    "comment", "title", "desc",	  "date",    "time",  "role",	  "job",
	    "follow",  "share", "social", "twitter", "email", NULL,
	};

	for (const char *const *p = parts; *p; p++)
		if (strstr(low, *p))
			return 1;
	return 0;
}

/* 1 if a lower-cased class or id says "author" or "byline" (not
 * "authorization" or "authority"). */
static int
names_author(const char *low)
{
	const char *p;

	if (strstr(low, "byline"))
		return 1;
	for (p = low; (p = strstr(p, "author")) != NULL; p += 6)
		if (strncmp(p + 6, "iz", 2) && strncmp(p + 6, "is", 2) &&
		    strncmp(p + 6, "it", 2))
			return 1;
	return 0;
}

int
meta_looks_byline(const xmlNode *n)
{
	const char *rel = dom_attr(n, "rel"), *ip = dom_attr(n, "itemprop");

	/* inside a junk subtree (navigation, hidden) elements have no info */
	if (!xi(n) || (xi(n)->flags & XF_JUNK))
		return 0;
	if ((rel && !str_casecmp(rel, "author")) ||
	    (ip && !str_casecmp(ip, "author")))
		return 1;
	for (int k = 0; k < 2; k++) {
		char low[128];

		lower_attr(dom_attr(n, k ? "id" : "class"), low, sizeof(low));
		if (names_author(low) && !names_not_name(low))
			return 1;
	}
	return 0;
}

/* 1 if n is a part of a byline that is not the name (see names_not_name),
 * or no text at all. */
static int
not_name_part(const xmlNode *n)
{
	enum xtag t = dom_tag((const char *)n->name);
	char low[128];

	if (t == T_TIME || t >= T_SCRIPT || t == T_IMG || t == T_FIGURE)
		return 1;
	for (int k = 0; k < 2; k++) {
		lower_attr(dom_attr(n, k ? "id" : "class"), low, sizeof(low));
		if (names_not_name(low))
			return 1;
	}
	return 0;
}

/* Drop the names of months and weekdays (English, the language that
 * writes them before the day) and commas from the end of s. */
static void
drop_date_words(char *s)
{
	static const char *const words[] = {
	    "january",	"february",  "march",	 "april",     "may",
	    "june",	"july",	     "august",	 "september", "october",
	    "november", "december",  "jan",	 "feb",	      "mar",
	    "apr",	"jun",	     "jul",	 "aug",	      "sep",
	    "sept",	"oct",	     "nov",	 "dec",	      "monday",
	    "tuesday",	"wednesday", "thursday", "friday",    "saturday",
	    "sunday",	"mon",	     "tue",	 "wed",	      "thu",
	    "fri",	"sat",	     "sun",	 "on",	      "at",
	    NULL,
	};

	for (;;) {
		size_t len = strlen(s);
		char *w;
		int hit = 0;

		while (len && (s[len - 1] == ' ' || s[len - 1] == ',' ||
			       s[len - 1] == '.'))
			s[--len] = '\0';
		w = strrchr(s, ' ');
		w = w ? w + 1 : s;
		for (const char *const *x = words; *x && !hit; x++)
			hit = !str_casecmp(w, *x);
		if (!hit || w == s)
			return;
		*w = '\0';
	}
}

/* Cut s at the first of the separators that follow a name in a byline. */
static void
cut_after_name(char *s)
{
	static const char *const seps[] = {
	    " | ",
	    " \xe2\x80\xa2",
	    " \xc2\xb7",
	    " \xe2\x80\x94",
	    " \xe2\x80\x93",
	    " - ",
	    " @",
	    " /",
	    "\n",
	    NULL,
	};
	char *w;

	for (const char *const *p = seps; *p; p++) {
		char *c = strstr(s, *p);

		if (c)
			*c = '\0';
	}
	/* a name has no digits: what starts with one is a date or time */
	for (w = s; *w; w++)
		if (*w >= '0' && *w <= '9' && (w == s || w[-1] == ' ')) {
			*w = '\0';
			/* and the month or weekday written before the day */
			drop_date_words(s);
			break;
		}
}

/* What a byline says before the name. */
static const char *const prefixes[] = {
    "by:",
    "by ",
    "oleh:",
    "oleh ",
    "penulis:",
    "penulis ",
    "por:",
    "por ",
    "von:",
    "von ",
    "par:",
    "par ",
    "author:",
    "written by ",
    "posted by ",
    "reporter:",
    "reporter ",
    "text:",
    "texto:",
    "testo:",
    "tekst:",
    "\xd0\xa2\xd0\xb5\xd0\xba\xd1\x81\xd1\x82:", /* Текст: */
    "\xd0\x90\xd0\xb2\xd1\x82\xd0\xbe\xd1\x80:", /* Автор: */
    NULL,
};

const char *
meta_byline_skip_prefix(const char *s)
{
	while (str_isspace((unsigned char)*s))
		s++;
	for (const char *const *x = prefixes; *x; x++)
		if (str_istarts_with(s, *x)) {
			s += strlen(*x);
			break;
		}
	while (*s == ' ' || *s == ':')
		s++;
	return s;
}

/* The writer's name from a visible byline: "By A. Writer", "Penulis A |
 * Editor B", "A. Writer - 16 Apr 2015" -> "A. Writer", "A"; caller frees;
 * NULL when it does not look like a name. */
static char *
clean_byline(const xmlNode *n)
{
	char *s = dom_text_without(n, not_name_part), *p, *out;
	size_t len, nw = 0;
	int letter = 0;

	p = (char *)(uintptr_t)meta_byline_skip_prefix(s);
	/* "By" alone, or a date line ("Last updated: ...") */
	for (const char *const *x = prefixes; *x; x++) {
		size_t xl = strlen(*x);

		if (!str_ncasecmp(p, *x, xl - 1) && !p[xl - 1])
			*p = '\0';
	}
	if (str_casestr(p, "updated") || str_casestr(p, "published") ||
	    str_casestr(p, "posted on"))
		*p = '\0';
	cut_after_name(p);
	len = strlen(p);
	/* a separator or comma left at the end */
	while (len && strchr(" ,;:|-", p[len - 1]))
		p[--len] = '\0';
	for (char *c = p; *c; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		    (unsigned char)*c >= 0x80)
			letter = 1;
		if (*c == ' ')
			nw++;
	}
	if (!letter || len > 100 || nw >= 8) {
		free(s);
		return NULL;
	}
	out = xstrdup(p);
	free(s);
	return out;
}

char *
meta_byline_name(const xmlNode *b)
{
	char *best = clean_byline(b);

	for (int depth = 0; best && depth < 8; depth++) {
		const xmlNode *found = NULL;
		char *name = NULL;
		const xmlNode *n = b->children;

		/* the first such element in document order under b */
		while (n && !found) {
			int descend = 0;

			if (n->type == XML_ELEMENT_NODE && !not_name_part(n)) {
				const char *ip = dom_attr(n, "itemprop");

				descend = 1;
				if (meta_looks_byline(n) ||
				    (ip && !str_casecmp(ip, "name"))) {
					name = clean_byline(n);
					if (name)
						found = n;
				}
			}
			if (found)
				break;
			if (descend && n->children) {
				n = n->children;
				continue;
			}
			while (n && n != b && !n->next)
				n = n->parent;
			if (!n || n == b)
				break;
			n = n->next;
		}
		if (!found)
			break;
		free(best);
		best = name;
		b = found;
	}
	return best;
}
