/* frontpage.c: article links of an HTML front page as feed items, by pattern or heuristic. */
#include "autoconfig.h"

#include "feed/frontpage.h"
#include "html/xmlwalk.h"
#include "html/html_text.h"
#include "html/html.h"
#include "util/regex.h"
#include "util/str.h"
#include "util/url.h"
#include "util/utf8.h"

#include <regex.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PAGE_MAX_ANCHORS 20000
#define PAGE_WALK_DEPTH 256
#define PAGE_TITLE_MAX 300

/* One <a href> of the page. */
struct anchor {
	char *url;   /* absolute, http(s), without fragment */
	char *title; /* plain text, may be "" */
	uint64_t group; /* hash of the list structure around it */
	int chrome;     /* inside navigation, header or footer */
	int path_score, text_score;
};

struct anchors {
	struct anchor *a;
	size_t n, cap;
};

static int
name_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name &&
	       !str_casecmp((const char *)n->name, name);
}

/* The attribute called name (any case) when its value is plain text. */
static const xmlAttr *
prop_node(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (!str_casecmp((const char *)a->name, name) && a->children &&
		    a->children->type == XML_TEXT_NODE)
			return a;
	return NULL;
}

static const char *
prop(const xmlNode *n, const char *name)
{
	const xmlAttr *a = prop_node(n, name);

	return a ? (const char *)a->children->content : NULL;
}

/* The one-line text of an element or attribute, scripts left out. */
static char *
plain_text(const xmlNode *n)
{
	return html_text_node(n, HTML_TEXT_LINE, PAGE_TITLE_MAX);
}

/* First descendant element of n named one of h1..h6, or NULL. */
static const xmlNode *
find_heading(const xmlNode *top)
{
	const xmlNode *n = top->children;
	int depth = 0;

	while (n) {
		if (n->type == XML_ELEMENT_NODE) {
			const char *nm = (const char *)n->name;

			if ((nm[0] == 'h' || nm[0] == 'H') && nm[1] >= '1' &&
			    nm[1] <= '6' && !nm[2])
				return n;
		}
		n = xml_walk_next(n, top,
				  n->type == XML_ELEMENT_NODE && depth < 32,
				  &depth);
	}
	return NULL;
}

/* The anchor's title: a heading inside it, its text, its title
 * attribute, or an image's alt text. */
static char *
anchor_title(const xmlNode *a)
{
	const xmlNode *h = find_heading(a);
	const xmlAttr *t;
	char *s;

	if (h) {
		s = plain_text(h);
		if (*s)
			return s;
		free(s);
	}
	s = plain_text(a);
	if (*s)
		return s;
	free(s);
	t = prop_node(a, "title");
	if (t) {
		s = plain_text((const xmlNode *)t);
		if (*s)
			return s;
		free(s);
	}
	for (const xmlNode *c = a->children; c; c = c->next)
		if (name_is(c, "img") && (t = prop_node(c, "alt")) != NULL) {
			s = plain_text((const xmlNode *)t);
			if (*s)
				return s;
			free(s);
		}
	return xstrdup("");
}

/* 1 if a class or id value names navigation-like chrome. */
static int
chrome_words(const char *v)
{
	static const char *const words[] = {"nav", "menu", "footer",
					    "breadcrumb", "masthead",
					    "pagination", "social", "share"};
	char *low;
	int hit = 0;

	if (!v)
		return 0;
	low = xstrdup(v);
	for (char *c = low; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c + 32);
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]) && !hit; i++)
		hit = strstr(low, words[i]) != NULL;
	free(low);
	return hit;
}

/* Whether a sits in navigation, a page header or a footer; and a hash of
 * the three elements around it (tag and class), which links of one
 * headline list share. */
static void
anchor_context(const xmlNode *a, int *chrome, uint64_t *group)
{
	const xmlNode *n;
	int level = 0, in_article = 0;

	*chrome = 0;
	*group = HTML_TEXT_FNV_INIT;
	for (n = a->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (name_is(n, "article") || name_is(n, "main"))
			in_article = 1;
	for (n = a->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
		const char *role = prop(n, "role");

		if (name_is(n, "nav") || name_is(n, "footer") ||
		    (name_is(n, "header") && !in_article) ||
		    (role && (!str_casecmp(role, "navigation") ||
			      !str_casecmp(role, "contentinfo") ||
			      !str_casecmp(role, "menu"))) ||
		    chrome_words(prop(n, "class")) || chrome_words(prop(n, "id")))
			*chrome = 1;
		if (level < 3) {
			const char *cls = prop(n, "class");

			*group = html_text_hash((const char *)n->name,
						strlen((const char *)n->name),
						*group);
			*group = html_text_hash("|", 1, *group);
			if (cls)
				*group = html_text_hash(cls, strlen(cls), *group);
			*group = html_text_hash("<", 1, *group);
			level++;
		}
	}
}

/* Path segments that mark listings, not articles. */
static int
listing_segment(const char *s, size_t n)
{
	static const char *const words[] = {
		"tag",     "tags",    "category", "categories", "kategori",
		"topic",   "topics",  "topik",    "author",     "authors",
		"penulis", "search",  "cari",     "login",      "register",
		"about",   "tentang", "contact",  "kontak",     "privacy",
		"terms",   "indeks",  "index",    "page",       "feed",
		"rss",     "subscribe",
	};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i]) == n && !str_ncasecmp(s, words[i], n))
			return 1;
	return 0;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* How much a URL's path looks like one article's: dates, long ids, long
 * dashed slugs score; listing words cost. */
static int
path_score(const char *url)
{
	struct url_parts p;
	const char *s, *end;
	int score = 0, nseg = 0, nums4 = 0;

	url_split(url, &p);
	if (!p.path || p.path_len <= 1)
		return -3;
	s = p.path;
	end = p.path + p.path_len;
	while (s < end) {
		const char *seg, *e;
		size_t n, digits = 0, maxrun = 0, run = 0, seps = 0, alpha = 0;

		while (s < end && *s == '/')
			s++;
		seg = s;
		while (s < end && *s != '/')
			s++;
		e = s;
		n = (size_t)(e - seg);
		if (!n)
			continue;
		nseg++;
		for (const char *c = seg; c < e; c++) {
			if (is_digit(*c)) {
				digits++;
				run++;
				if (run > maxrun)
					maxrun = run;
			} else {
				run = 0;
				if (*c == '-' || *c == '_')
					seps++;
				else if ((*c >= 'a' && *c <= 'z') ||
					 (*c >= 'A' && *c <= 'Z') ||
					 (unsigned char)*c >= 0x80 || *c == '%')
					alpha++;
			}
		}
		if (digits == n && n == 4 && (seg[0] == '1' || seg[0] == '2'))
			nums4++; /* a year */
		else if (digits == n && n == 8 && (seg[0] == '1' || seg[0] == '2'))
			score += 2; /* 20240102 */
		if (maxrun >= 5)
			score += 1; /* a numeric id */
		if (seps >= 3 && alpha >= 12)
			score += 2;
		else if (seps >= 2 && alpha >= 8)
			score += 1;
		if (listing_segment(seg, n))
			score -= 3;
	}
	if (nums4)
		score += 2;
	if (nseg == 1 && score < 2)
		score -= 1; /* "/news", "/sport" */
	return score;
}

/* Anchor text that reads like a headline: several words (or, in scripts
 * without spaces, several characters), not a navigation word. */
static int
text_score(const char *t)
{
	static const char *const nav[] = {
		"home",         "beranda",   "more",          "lainnya",
		"selengkapnya", "read more", "baca selengkapnya",
		"next",         "previous",  "prev",          "login",
		"masuk",        "daftar",    "lihat semua",   "see all",
		"view all",     "load more", "indeks berita", "berita terkini",
		"terpopuler",   "terkini",   "subscribe",     "langganan",
	};
	size_t words = 0, wide = 0;
	int in_word = 0;

	for (size_t i = 0; i < sizeof(nav) / sizeof(nav[0]); i++)
		if (!str_casecmp(t, nav[i]))
			return 0;
	for (const char *c = t; *c;) {
		uint32_t cp;
		size_t n = utf8_decode(c, strlen(c), &cp);

		if (cp == ' ') {
			in_word = 0;
		} else {
			if (!in_word)
				words++;
			in_word = 1;
			if (cp >= 0x2E80 || (cp >= 0x0E00 && cp <= 0x0E7F))
				wide++;
		}
		c += n;
	}
	if (words >= 4 || wide >= 8)
		return 2;
	if (words == 3 || wide >= 5)
		return 1;
	return 0;
}

/* The first element called name within max_depth of top, or NULL. */
static const xmlNode *
find_element(const xmlNode *top, const char *name, int max_depth)
{
	const xmlNode *n = top;
	int depth = 0;

	while (n) {
		if (name_is(n, name))
			return n;
		n = xml_walk_next(n, top,
				  n->type == XML_ELEMENT_NODE && depth < max_depth,
				  &depth);
	}
	return NULL;
}

static void
collect_anchors(const xmlNode *root, const char *base, struct anchors *out)
{
	const xmlNode *n = root;
	int depth = 0;

	while (n && out->n < PAGE_MAX_ANCHORS) {
		int anchor = name_is(n, "a") && prop(n, "href");

		if (anchor) {
			char *abs = url_resolve(base, prop(n, "href"));

			if (url_link_ok(base, abs)) {
				struct anchor *a;

				if (out->n == out->cap) {
					out->cap = out->cap ? out->cap * 2 : 64;
					out->a = xreallocarray(out->a, out->cap,
							       sizeof(*out->a));
				}
				a = &out->a[out->n++];
				memset(a, 0, sizeof(*a));
				a->url = url_strip_fragment(abs);
				a->title = anchor_title(n);
				anchor_context(n, &a->chrome, &a->group);
			}
			free(abs);
		}
		n = xml_walk_next(n, root,
				  !anchor && n->type == XML_ELEMENT_NODE &&
					  !name_is(n, "script") &&
					  !name_is(n, "style") &&
					  depth < PAGE_WALK_DEPTH,
				  &depth);
	}
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Same registrable domain, roughly: the last two labels of the host, or
 * three under a second-level "co.id"-style suffix. */
static const char *
site_of(const char *host)
{
	static const char *const sld[] = {"co", "com", "net", "org", "ac",
					  "go", "or", "gov", "edu", "web",
					  "sch", "mil", "ne", "my", "biz"};
	const char *last = strrchr(host, '.'), *p, *second = NULL;

	if (!last)
		return host;
	for (p = last - 1; p > host && *p != '.'; p--)
		;
	second = p > host ? p + 1 : host;
	if (strlen(last + 1) == 2 && p > host) {
		for (size_t i = 0; i < sizeof(sld) / sizeof(sld[0]); i++) {
			size_t l = strlen(sld[i]);

			if ((size_t)(last - second) == l &&
			    !strncmp(second, sld[i], l)) {
				const char *q;

				for (q = p - 1; q > host && *q != '.'; q--)
					;
				return q > host ? q + 1 : host;
			}
		}
	}
	return second;
}

static int
same_site(const char *page_host, const char *url)
{
	char *h;
	int same;

	if (!page_host)
		return 1;
	h = url_host(url);
	same = h && !strcmp(site_of(h), site_of(page_host));
	free(h);
	return same;
}

/* Decide which anchors are articles (sets ->path_score to -100 for the
 * others). */
static void
select_heuristic(struct anchors *as, const char *page_url)
{
	char *page_host = page_url ? url_host(page_url) : NULL;
	uint64_t *groups = xcalloc(as->n + 1, sizeof(*groups));
	size_t ng = 0, i;

	for (i = 0; i < as->n; i++) {
		struct anchor *a = &as->a[i];

		a->path_score = path_score(a->url);
		a->text_score = text_score(a->title);
		if (!same_site(page_host, a->url) ||
		    (page_url && !strcmp(a->url, page_url)))
			a->path_score = -100;
		if (a->path_score >= 1 && a->text_score >= 1 && !a->chrome)
			groups[ng++] = a->group;
	}
	/* a list with several article links vouches for its other links */
	qsort(groups, ng, sizeof(*groups), cmp_u64);
	for (i = 0; i < as->n; i++) {
		struct anchor *a = &as->a[i];
		int ok = 0;

		if (a->path_score > -100 && !a->chrome && a->text_score >= 1) {
			if (a->path_score >= 1)
				ok = 1;
			else if (a->text_score >= 2 && a->path_score > -2) {
				uint64_t *hit = bsearch(&a->group, groups, ng,
							sizeof(*groups), cmp_u64);
				size_t k = 0;

				while (hit && hit + k < groups + ng &&
				       hit[k] == a->group)
					k++;
				while (hit && hit > groups && hit[-1] == a->group) {
					hit--;
					k++;
				}
				ok = k >= 3;
			}
		}
		if (!ok)
			a->path_score = -100;
	}
	free(groups);
	free(page_host);
}

/* A title from the URL's last path segment when the link has no text. */
static char *
title_from_url(const char *url)
{
	struct url_parts p;
	const char *s, *e;
	char *t;

	url_split(url, &p);
	if (!p.path || !p.path_len)
		return xstrdup(url);
	e = p.path + p.path_len;
	while (e > p.path && e[-1] == '/')
		e--;
	s = e;
	while (s > p.path && s[-1] != '/')
		s--;
	t = xstrndup(s, (size_t)(e - s));
	for (char *c = t; *c; c++)
		if (*c == '-' || *c == '_')
			*c = ' ';
	if (!*t) {
		free(t);
		t = xstrdup(url);
	}
	return t;
}

struct feed *
frontpage_parse(const char *bytes, size_t len, const char *url,
	   const char *http_charset, const char *link_pattern,
	   size_t max_items, struct err *e)
{
	htmlDocPtr doc = NULL;
	struct anchors as = {0};
	struct feed *f = NULL;
	regex_t re;
	int have_re = 0;
	const xmlNode *root, *n;
	char *base = NULL;
	size_t i, j, cap = 0;
	time_t now = time(NULL);
	uint64_t *seen = NULL;

	if (!max_items)
		max_items = FEED_MAX_ITEMS;
	if (link_pattern) {
		if (regex_compile_bounded(&re, link_pattern, e) < 0) {
			err_prefix(e, "link-pattern \"%s\": ", link_pattern);
			goto out;
		}
		have_re = 1;
	}
	doc = html_parse(bytes, len, url, http_charset, e);
	if (!doc)
		goto out;
	root = xmlDocGetRootElement(doc);
	if (!root) {
		err_set(e, "the page has no HTML elements");
		goto out;
	}
	base = url ? xstrdup(url) : NULL;
	n = find_element(root, "base", 3);
	if (n && prop(n, "href")) {
		char *b = url_resolve(base, prop(n, "href"));

		if (b && url_is_http(b)) {
			free(base);
			base = b;
		} else {
			free(b);
		}
	}
	collect_anchors(root, base, &as);
	if (!have_re)
		select_heuristic(&as, url);
	f = xcalloc(1, sizeof(*f));
	n = find_element(root, "title", 3);
	f->title = n ? plain_text(n) : xstrdup("");
	f->link = url && url_is_http(url) ? xstrdup(url) : NULL;
	for (i = 0; i < as.n && f->nitems < max_items; i++) {
		struct anchor *a = &as.a[i];
		struct feed_item *it;
		int dup = 0;
		uint64_t h;

		if (have_re ? regexec(&re, a->url, 0, NULL, 0) != 0
			    : a->path_score == -100)
			continue;
		h = html_text_hash(a->url, strlen(a->url), HTML_TEXT_FNV_INIT);
		for (j = 0; j < f->nitems && !dup; j++) {
			if (seen[j] != h || strcmp(f->items[j].link, a->url))
				continue;
			dup = 1;
			if (!*f->items[j].title && *a->title) {
				free(f->items[j].title);
				f->items[j].title = a->title;
				a->title = NULL;
			}
		}
		if (dup)
			continue;
		if (f->nitems == cap) {
			cap = cap ? cap * 2 : 32;
			f->items = xreallocarray(f->items, cap, sizeof(*f->items));
			seen = xreallocarray(seen, cap, sizeof(*seen));
		}
		seen[f->nitems] = h;
		it = &f->items[f->nitems++];
		memset(it, 0, sizeof(*it));
		it->comment_count = -1;
		it->link = a->url;
		a->url = NULL;
		it->title = a->title;
		a->title = NULL;
		it->key = xstrdup(it->link);
		it->published = now;
		it->date_guessed = 1;
	}
	/* the articles left out past max_items, each once */
	f->total = f->nitems;
	for (; i < as.n; i++) {
		uint64_t h;
		int dup = 0;

		if (have_re ? regexec(&re, as.a[i].url, 0, NULL, 0) != 0
			    : as.a[i].path_score == -100)
			continue;
		h = html_text_hash(as.a[i].url, strlen(as.a[i].url),
				   HTML_TEXT_FNV_INIT);
		for (j = 0; j < f->total && !dup; j++)
			dup = seen[j] == h;
		if (dup)
			continue;
		if (f->total == cap) {
			cap = cap ? cap * 2 : 32;
			seen = xreallocarray(seen, cap, sizeof(*seen));
		}
		seen[f->total++] = h;
	}
	for (i = 0; i < f->nitems; i++)
		if (!*f->items[i].title) {
			free(f->items[i].title);
			f->items[i].title = title_from_url(f->items[i].link);
		}
out:
	for (i = 0; i < as.n; i++) {
		free(as.a[i].url);
		free(as.a[i].title);
	}
	free(as.a);
	free(seen);
	free(base);
	if (have_re)
		regfree(&re);
	if (doc)
		xmlFreeDoc(doc);
	return f;
}
