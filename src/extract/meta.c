/* meta.c: title, byline, date, site and the rest, in order of trust. */
#include "autoconfig.h"

#include "extract/extract_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html/html_text.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/url.h"

/* Meta keys we read (name=, property= or itemprop=, lower-cased). */
enum mkey {
	M_OG_TITLE,
	M_TW_TITLE,
	M_DC_TITLE,
	M_TITLE,
	M_OG_SITE,
	M_APP_NAME,
	M_OG_IMAGE,
	M_TW_IMAGE,
	M_OG_DESC,
	M_DESC,
	M_TW_DESC,
	M_OG_URL,
	M_OG_LOCALE,
	M_AUTHOR,
	M_ART_AUTHOR,
	M_DC_CREATOR,
	M_PARSELY_AUTHOR,
	M_ART_PUB,
	M_PARSELY_PUB,
	M_IP_PUB,
	M_OG_PUB,
	M_DC_DATE,
	M_PUBDATE,
	M_DATE,
	M_SAILTHRU_DATE,
	M_CONTENT_LANG,
	M_COUNT
};

static const struct {
	const char *name;
	enum mkey key;
} meta_names[] = {
    {"og:title", M_OG_TITLE},
    {"twitter:title", M_TW_TITLE},
    {"dc.title", M_DC_TITLE},
    {"dc:title", M_DC_TITLE},
    {"dcterms.title", M_DC_TITLE},
    {"dcterm:title", M_DC_TITLE},
    {"title", M_TITLE},
    {"og:site_name", M_OG_SITE},
    {"application-name", M_APP_NAME},
    {"og:image", M_OG_IMAGE},
    {"og:image:url", M_OG_IMAGE},
    {"og:image:secure_url", M_OG_IMAGE},
    {"twitter:image", M_TW_IMAGE},
    {"twitter:image:src", M_TW_IMAGE},
    {"og:description", M_OG_DESC},
    {"description", M_DESC},
    {"twitter:description", M_TW_DESC},
    {"og:url", M_OG_URL},
    {"og:locale", M_OG_LOCALE},
    {"author", M_AUTHOR},
    {"article:author", M_ART_AUTHOR},
    {"dc.creator", M_DC_CREATOR},
    {"dc:creator", M_DC_CREATOR},
    {"dcterm:creator", M_DC_CREATOR},
    {"dcterms.creator", M_DC_CREATOR},
    {"parsely-author", M_PARSELY_AUTHOR},
    {"article:published_time", M_ART_PUB},
    {"parsely-pub-date", M_PARSELY_PUB},
    {"datepublished", M_IP_PUB},
    {"og:published_time", M_OG_PUB},
    {"article:published", M_OG_PUB},
    {"dc.date", M_DC_DATE},
    {"dc.date.issued", M_DC_DATE},
    {"dcterms.date", M_DC_DATE},
    {"dcterms.created", M_DC_DATE},
    {"dc:date", M_DC_DATE},
    {"pubdate", M_PUBDATE},
    {"publishdate", M_PUBDATE},
    {"publish-date", M_PUBDATE},
    {"date", M_DATE},
    {"sailthru.date", M_SAILTHRU_DATE},
    {"content-language", M_CONTENT_LANG},
};

/* How many elements that look like a byline are tried. */
#define MAX_BYLINES 8

/* How many h1/h2 are compared with the <title>. */
#define MAX_TITLE_HEADINGS 64

struct gather {
	struct xctx *x;
	const char *vals[M_COUNT];
	const char *title_el, *lang, *base, *canonical;
	xmlNodePtr title_node, time_pub, time_any, h1;
	xmlNodePtr bylines[MAX_BYLINES]; /* in document order */
	int nbylines;
	int nh1;
	/* an h1 or h2 repeats the whole <title> (up to MAX_TITLE_HEADINGS
	 * looked at) */
	int heading_is_title, nheadings;
	struct meta_ld ld;
};

static void
read_ld(struct gather *g, xmlNodePtr script)
{
	xmlChar *s = xmlNodeGetContent(script);

	if (!s)
		return;
	meta_ld_read((const char *)s, strlen((const char *)s), &g->ld);
	xmlFree(s);
}

static void
read_meta(struct gather *g, xmlNodePtr n)
{
	const char *keys[3] = {dom_attr(n, "property"), dom_attr(n, "name"),
			       dom_attr(n, "itemprop")};
	const char *content = dom_attr(n, "content");
	const char *he = dom_attr(n, "http-equiv");

	if (!content || !*content)
		return;
	if (he && !str_casecmp(he, "content-language") &&
	    !g->vals[M_CONTENT_LANG])
		g->vals[M_CONTENT_LANG] = content;
	for (int k = 0; k < 3; k++) {
		const char *s = keys[k];

		if (!s)
			continue;
		/* property may list several names */
		while (*s) {
			const char *t;
			size_t len;

			while (*s == ' ')
				s++;
			t = s;
			while (*s && *s != ' ')
				s++;
			len = (size_t)(s - t);
			for (size_t m = 0; len && m < sizeof(meta_names) /
							  sizeof(meta_names[0]);
			     m++)
				if (strlen(meta_names[m].name) == len &&
				    !str_ncasecmp(meta_names[m].name, t, len) &&
				    !g->vals[meta_names[m].key])
					g->vals[meta_names[m].key] = content;
		}
	}
}

static int
gather_enter(xmlNodePtr n, void *arg)
{
	struct gather *g = arg;
	const char *v;
	enum xtag t;

	if (n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE)
		return 1;
	if (n->type != XML_ELEMENT_NODE)
		return 0;
	t = dom_tag((const char *)n->name);
	switch (t) {
	case T_HTML:
		v = dom_attr(n, "lang");
		if (!v)
			v = dom_attr(n, "xml:lang");
		if (v && *v)
			g->lang = v;
		return 1;
	case T_TITLE:
		if (!g->title_node)
			g->title_node = n;
		return 0;
	case T_META:
		read_meta(g, n);
		return 0;
	case T_LINK:
		v = dom_attr(n, "rel");
		if (v && !str_casecmp(v, "canonical") && !g->canonical)
			g->canonical = dom_attr(n, "href");
		return 0;
	case T_OTHER:
		if (!str_casecmp((const char *)n->name, "base") && !g->base)
			g->base = dom_attr(n, "href");
		return 1;
	case T_SCRIPT:
		v = dom_attr(n, "type");
		if (v && !str_casecmp(v, "application/ld+json"))
			read_ld(g, n);
		return 0;
	case T_STYLE:
	case T_TEMPLATE:
	case T_SVG:
		return 0;
	case T_TIME:
		if (!dom_attr(n, "datetime"))
			return 1;
		v = dom_attr(n, "itemprop");
		if (!g->time_pub && (dom_attr(n, "pubdate") ||
				     (v && str_casestr(v, "datepublished"))))
			g->time_pub = n;
		if (!g->time_any && !(xi(n) && (xi(n)->flags & XF_JUNK)))
			g->time_any = n;
		return 1;
	case T_H1:
	case T_H2:
		if (g->title_node && !g->heading_is_title &&
		    g->nheadings++ < MAX_TITLE_HEADINGS) {
			char *h = dom_text(n), *tt = dom_text(g->title_node);

			g->heading_is_title = *h && !strcmp(h, tt);
			free(h);
			free(tt);
		}
		if (xi(n) && xi(n)->tag == T_H2)
			return 0;
		if (!g->h1)
			g->h1 = n;
		g->nh1++;
		return 0;
	default:
		if (g->nbylines < MAX_BYLINES && meta_looks_byline(n))
			g->bylines[g->nbylines++] = n;
		return 1;
	}
}

static size_t
words(const char *s)
{
	size_t n = 0;
	int in = 0;

	for (; *s; s++) {
		if (str_isspace((unsigned char)*s)) {
			in = 0;
		} else if (!in) {
			in = 1;
			n++;
		}
	}
	return n;
}

static int
is_sep(const char *p)
{
	/* " | ", " - ", " – ", " — ", " » ", " · ", " :: ", " / " */
	static const char *const seps[] = {
	    " | ",	  " - ",	" \xe2\x80\x93 ", " \xe2\x80\x94 ",
	    " \xc2\xbb ", " \xc2\xb7 ", " :: ",		  " / ",
	    NULL};

	for (const char *const *s = seps; *s; s++)
		if (str_starts_with(p, *s))
			return (int)strlen(*s);
	return 0;
}

/* Position of the last title separator, or NULL. */
static const char *
last_sep(const char *t, int *seplen)
{
	const char *hit = NULL;

	for (const char *p = t; *p; p++) {
		int n = is_sep(p);

		if (n) {
			hit = p;
			*seplen = n;
		}
	}
	return hit;
}

/* "Headline - A. Writer": the writer's name at the end of a title (the
 * header shows the byline) is cut. */
static void
strip_writer(char *title, const char *byline)
{
	size_t tl, bl;
	const char *p;
	int n;

	if (!title || !byline || !*byline)
		return;
	tl = strlen(title);
	bl = strlen(byline);
	if (tl <= bl + 3 || str_casecmp(title + tl - bl, byline))
		return;
	p = last_sep(title, &n);
	if (p && p + n == title + tl - bl && p > title)
		title[p - title] = '\0';
}

static const char *
first_sep(const char *t, int *seplen)
{
	for (const char *p = t; *p; p++) {
		int n = is_sep(p);

		if (n) {
			*seplen = n;
			return p;
		}
	}
	return NULL;
}

/* Drop a trailing page number: "... Halaman 2", "... - Page 3". */
static void
strip_page_number(char *title)
{
	static const char *const words[] = {" halaman ", " page ", " seite ",
					    " p\xc3\xa1gina ", NULL};
	size_t n = strlen(title);

	while (n && title[n - 1] >= '0' && title[n - 1] <= '9')
		n--;
	if (n == strlen(title))
		return;
	for (const char *const *w = words; *w; w++) {
		size_t wl = strlen(*w);

		if (n >= wl && !str_ncasecmp(title + n - wl, *w, wl)) {
			n -= wl;
			while (n &&
			       (title[n - 1] == ' ' || title[n - 1] == '-' ||
				title[n - 1] == '|' || title[n - 1] == '('))
				n--;
			title[n] = '\0';
			return;
		}
	}
}

/* Drop a " - Site Name" suffix (or "Site Name | " prefix) naming site. */
static char *
strip_site(char *title, const char *site, const char *host)
{
	int n;
	const char *p;

	p = last_sep(title, &n);
	if (p && site && !str_casecmp(p + n, site)) {
		title[p - title] = '\0';
		strip_page_number(title);
		return title;
	}
	/* "Headline_Section_Site" as Chinese sites write it */
	if (site && strlen(title) > strlen(site) + 1) {
		char *q = title + strlen(title) - strlen(site);

		if (q[-1] == '_' && !strcmp(q, site)) {
			q--;
			while (q > title && q[-1] == ' ')
				q--;
			*q = '\0';
			return title;
		}
	}
	strip_page_number(title);
	p = last_sep(title, &n);

	if (p) {
		const char *tail = p + n;

		if ((site && !str_casecmp(tail, site)) ||
		    (host && str_casestr(host, tail) == NULL &&
		     str_casestr(tail, ".") && str_casestr(host, tail)) ||
		    (host && !str_casecmp(tail, host))) {
			char *s = xstrndup(title, (size_t)(p - title));

			free(title);
			return s;
		}
	}
	p = first_sep(title, &n);
	if (p && site && (size_t)(p - title) == strlen(site) &&
	    !str_ncasecmp(title, site, strlen(site))) {
		char *s = xstrdup(p + n);

		free(title);
		return s;
	}
	return title;
}

/* The document <title>, cleaned of site names as Readability does. */
static char *
title_from_document(struct gather *g)
{
	char *orig = dom_text(g->title_node), *cur;
	int n, hier = 0;
	const char *p;

	if (!*orig) {
		free(orig);
		return g->h1 ? dom_text(g->h1) : NULL;
	}
	cur = xstrdup(orig);
	p = last_sep(orig, &n);
	if (p) {
		hier = strstr(orig, " / ") || strstr(orig, " \xc2\xbb ");
		free(cur);
		cur = xstrndup(orig, (size_t)(p - orig));
		if (words(cur) < 3) {
			p = first_sep(orig, &n);
			free(cur);
			cur = xstrdup(p + n);
		}
	} else if (strstr(orig, ": ")) {
		char *h = g->h1 ? dom_text(g->h1) : NULL;

		if (!g->heading_is_title && (!h || strcmp(h, orig))) {
			const char *c = strrchr(orig, ':');

			free(cur);
			cur = str_squeeze(c + 1, strlen(c + 1));
			if (words(cur) < 3) {
				c = strchr(orig, ':');
				free(cur);
				cur = str_squeeze(c + 1, strlen(c + 1));
			} else {
				char *head = xstrndup(
				    orig, (size_t)(strchr(orig, ':') - orig));

				if (words(head) > 5) {
					free(cur);
					cur = xstrdup(orig);
				}
				free(head);
			}
		}
		free(h);
	} else if ((strlen(orig) > 150 || strlen(orig) < 15) && g->nh1 == 1) {
		free(cur);
		cur = dom_text(g->h1);
	}
	if (words(cur) <= 4) {
		/* Too short to be the headline alone. */
		size_t w = 0;
		char *flat = xstrdup(orig);

		for (char *q = flat; *q; q++)
			if (strchr("|-\\/>", *q))
				*q = ' ';
		w = words(flat);
		free(flat);
		if (!hier || words(cur) != w - 1) {
			free(cur);
			cur = xstrdup(orig);
		}
	}
	free(orig);
	return cur;
}

/* Share of b's words (by length) that a also has, 0..1. */
static double
similarity(const char *a, const char *b)
{
	size_t total = 0, missing = 0;
	const char *p = b;

	while (*p) {
		const char *t;
		size_t n;

		while (*p && !((unsigned char)*p >= 0x80 ||
			       (*p >= '0' && *p <= '9') ||
			       ((*p | 32) >= 'a' && (*p | 32) <= 'z')))
			p++;
		t = p;
		while ((unsigned char)*p >= 0x80 || (*p >= '0' && *p <= '9') ||
		       ((*p | 32) >= 'a' && (*p | 32) <= 'z'))
			p++;
		n = (size_t)(p - t);
		if (!n)
			continue;
		total += n + 1;
		{
			char *w = xstrndup(t, n);
			const char *hit = str_casestr(a, w);

			if (!hit)
				missing += n + 1;
			free(w);
		}
	}
	return total ? 1.0 - (double)missing / (double)total : 0;
}

/* JSON-LD's name or headline, whichever the page title agrees with
 * (name when both or neither). */
static const char *
ld_title(struct gather *g)
{
	char *doc_title;
	int nm, hm;

	if (!g->ld.name || !g->ld.title || !strcmp(g->ld.name, g->ld.title))
		return g->ld.name ? g->ld.name : g->ld.title;
	doc_title = g->title_node ? title_from_document(g) : NULL;
	if (!doc_title)
		return g->ld.name;
	nm = similarity(g->ld.name, doc_title) > 0.75;
	hm = similarity(g->ld.title, doc_title) > 0.75;
	free(doc_title);
	return hm && !nm ? g->ld.title : g->ld.name;
}

static const char *
first_of(struct gather *g, const enum mkey *keys, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (g->vals[keys[i]] && *g->vals[keys[i]])
			return g->vals[keys[i]];
	return NULL;
}

/* Longest metadata text kept (bytes): a 1 MB <title> is an attack, not a
 * title. */
#define META_TEXT_MAX 4096

/* v as text: character references decoded (JSON-LD and some meta values
 * carry "&mdash;" or "&amp;" escaped once more than HTML needs), markup
 * dropped, white space squeezed; caller frees. */
static char *
meta_text(const char *v)
{
	return html_text_fragment(v, strlen(v), HTML_TEXT_LINE, 0);
}

static void
set_clean(char **field, const char *v)
{
	char *s;
	size_t n;

	if (!v || !*v)
		return;
	s = meta_text(v);
	n = strlen(s);
	if (n > META_TEXT_MAX) {
		/* cut at a character boundary */
		n = META_TEXT_MAX;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		s[n] = '\0';
	}
	if (*s)
		doc_set(field, s);
	free(s);
}

/* A date in ISO 8601 (see meta_iso_date()); what is no date, or only a
 * placeholder, is dropped. 1 when field was set. */
static int
set_date(char **field, const char *v)
{
	char iso[META_DATE_MAX];

	if (!v || meta_iso_date(v, iso) != 0)
		return 0;
	doc_set(field, iso);
	return 1;
}

static void
set_url(char **field, const char *base, const char *v)
{
	char *u;

	if (!v || !*v || *field)
		return;
	u = url_resolve(base, v);
	if (u && url_is_http(u))
		doc_set(field, u);
	free(u);
}

struct dl_scan {
	struct xctx *x;
	char out[32];
	int found;
	int budget;
};

static int
dateline_enter(xmlNodePtr n, void *arg)
{
	struct dl_scan *s = arg;

	if (s->found || s->budget <= 0)
		return 0;
	if (n->type == XML_TEXT_NODE) {
		s->budget--;
		if (n->content && strchr((const char *)n->content, '/') &&
		    !meta_parse_dateline((const char *)n->content, s->out))
			s->found = 1;
		return 0;
	}
	if (n->type != XML_ELEMENT_NODE || !xi(n) || (xi(n)->flags & XF_JUNK))
		return 0;
	return 1;
}

void
meta_extract(struct xctx *x, const char *url)
{
	struct gather g;
	struct doc_meta *m = &x->doc->meta;
	static const enum mkey k_title[] = {M_DC_TITLE, M_OG_TITLE, M_TITLE,
					    M_TW_TITLE};
	static const enum mkey k_site[] = {M_OG_SITE, M_APP_NAME};
	static const enum mkey k_image[] = {M_OG_IMAGE, M_TW_IMAGE};
	static const enum mkey k_desc[] = {M_OG_DESC, M_DESC, M_TW_DESC};
	static const enum mkey k_by[] = {M_DC_CREATOR, M_AUTHOR,
					 M_PARSELY_AUTHOR, M_ART_AUTHOR};
	static const enum mkey k_pub[] = {
	    M_ART_PUB, M_PARSELY_PUB, M_IP_PUB,	       M_OG_PUB,
	    M_DC_DATE, M_PUBDATE,     M_SAILTHRU_DATE, M_DATE};
	const char *v;
	char *host = url ? url_host(url) : NULL;
	char *base = NULL;

	memset(&g, 0, sizeof(g));
	g.x = x;
	dom_walk((xmlNodePtr)x->html, gather_enter, NULL, &g);

	/* Base for links: <base href> against the page URL. */
	if (g.base && *g.base)
		base = url ? url_resolve(url, g.base) : xstrdup(g.base);
	if (base && !url_is_fetchable(base)) {
		free(base);
		base = NULL;
	}
	x->base_own = base ? base : (url ? xstrdup(url) : NULL);
	x->base = x->base_own;

	set_clean(&m->site, g.ld.site && !g.vals[M_OG_SITE]
				? g.ld.site
				: first_of(&g, k_site, 2));
	if (!m->site && g.ld.site)
		set_clean(&m->site, g.ld.site);
	if (m->site && url_is_http(m->site)) {
		/* a site "name" that is its address: the host says it */
		char *h = url_host(m->site);

		free(m->site);
		m->site = NULL;
		if (h)
			set_clean(&m->site, str_starts_with(h, "www.") ? h + 4 : h);
		free(h);
	}
	v = ld_title(&g);
	if (!v)
		v = first_of(&g, k_title, 4);
	if (v) {
		char *t = meta_text(v);

		t = strip_site(t, m->site, host);
		set_clean(&m->title, t);
		free(t);
	} else if (g.title_node || g.h1) {
		char *t = title_from_document(&g);

		if (t)
			t = strip_site(t, m->site, host);
		set_clean(&m->title, t);
		free(t);
	}
	v = g.ld.byline ? g.ld.byline : first_of(&g, k_by, 4);
	if (v && !url_is_http(v)) {
		set_clean(&m->byline, meta_byline_skip_prefix(v));
	} else {
		char *b = NULL;

		for (int k = 0; k < g.nbylines && !b; k++)
			b = meta_byline_name(g.bylines[k]);
		set_clean(&m->byline, b);
		free(b);
	}
	strip_writer(m->title, m->byline);
	/* in order of trust, the first that is a date: a template's
	 * "0001-01-01" in JSON-LD leaves the rest to say it */
	if (!set_date(&m->published, g.ld.published)) {
		int got = 0;

		for (size_t k = 0; k < 8 && !got; k++)
			got = set_date(&m->published, g.vals[k_pub[k]]);
		if (!got && g.time_pub)
			got = set_date(&m->published,
				       dom_attr(g.time_pub, "datetime"));
		if (!got) {
			struct dl_scan s = {x, "", 0, 4000};

			dom_walk(x->body, dateline_enter, NULL, &s);
			if (s.found)
				got = set_date(&m->published, s.out);
		}
		if (!got && g.time_any)
			set_date(&m->published,
				 dom_attr(g.time_any, "datetime"));
	}
	v = g.lang ? g.lang : g.vals[M_CONTENT_LANG];
	if (!v && g.vals[M_OG_LOCALE]) {
		char *l = xstrdup(g.vals[M_OG_LOCALE]);

		for (char *q = l; *q; q++)
			if (*q == '_')
				*q = '-';
		set_clean(&m->lang, l);
		free(l);
	} else {
		set_clean(&m->lang, v);
	}
	set_url(&m->image, x->base, g.ld.image);
	set_url(&m->image, x->base, first_of(&g, k_image, 2));
	set_clean(&m->description,
		  g.ld.desc ? g.ld.desc : first_of(&g, k_desc, 3));
	set_url(&m->url, x->base, g.canonical);
	set_url(&m->url, x->base, g.vals[M_OG_URL]);
	if (!m->url && url)
		doc_set(&m->url, url);
	meta_ld_free(&g.ld);
	free(host);
}
