/* next_page.c: the link to the next page of a multi-page article. */
#include "autoconfig.h"

#include "extract/extract_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/str.h"
#include "util/url.h"

/* How much a kind of link is trusted to lead to the rest of the article. */
enum {
	R_NONE,
	R_NUMBER, /* "2" or "Halaman 2" in a pagination block */
	R_NEXT,	  /* "Next page", "Halaman selanjutnya" */
	R_REL,	  /* rel=next */
	R_ALL,	  /* "Show all" / ?page=all: the whole article at once */
};

static const char *const next_words[] = {
    "next page",
    "next",
    "next \xc2\xbb",
    "next \xe2\x80\xba",
    "next >",
    "halaman selanjutnya",
    "halaman berikutnya",
    "selanjutnya",
    "berikutnya",
    "n\xc3\xa4"
    "chste seite",
    "weiter",
    "page suivante",
    "suivant",
    "p\xc3\xa1gina siguiente",
    "siguiente",
    "pr\xc3\xb3xima p\xc3\xa1gina",
    "pr\xc3\xb3xima",
    "pagina successiva",
    "\xe6\xac\xa1\xe3\x81\xae\xe3\x83\x9a\xe3\x83\xbc\xe3\x82\xb8", /* 次のページ
								     */
    "\xe4\xb8\x8b\xe4\xb8\x80\xe9\xa1\xb5", /* 下一页 */
    "\xc2\xbb",
    "\xe2\x80\xba",
    NULL,
};
/* Phrases that need no pagination block around them. */
static const char *const next_alone[] = {
    "next page",
    "halaman selanjutnya",
    "halaman berikutnya",
    "n\xc3\xa4"
    "chste seite",
    "page suivante",
    "p\xc3\xa1gina siguiente",
    "pr\xc3\xb3xima p\xc3\xa1gina",
    NULL,
};
static const char *const all_words[] = {
    "show all",
    "view all pages",
    "view as single page",
    "single page",
    "tampilkan semua",
    "tampilkan semua halaman",
    "lihat semua halaman",
    "alle seiten",
    "auf einer seite lesen",
    "voir tout",
    "ver todo",
    NULL,
};
static const char *const page_labels[] = {
    "halaman", "page", "pages", "seite", "p\xc3\xa1gina", "pagina", NULL,
};

struct pager {
	struct xctx *x;
	const char *url;
	int current; /* this page's number (1 when unknown) */
	int best;
	char *href;
};

static int
in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (!str_casecmp(s, *list))
			return 1;
	return 0;
}

/* An ancestor (up to four up) that looks like a pagination block. */
static int
in_pager(const xmlNode *n)
{
	int up = 0;

	for (n = n->parent; n && up < 4; n = n->parent, up++) {
		const char *c = dom_attr(n, "class"), *id = dom_attr(n, "id");
		const xmlNode *t;

		if ((c &&
		     (str_casestr(c, "pag") || str_casestr(c, "halaman"))) ||
		    (id &&
		     (str_casestr(id, "pag") || str_casestr(id, "halaman"))))
			return 1;
		/* "Halaman: 1 2 3" */
		for (t = n->children; t && t->type != XML_TEXT_NODE;
		     t = t->next)
			;
		if (t && t->content) {
			char *s = str_squeeze((const char *)t->content,
					      strlen((const char *)t->content));
			size_t l = strlen(s);
			int yes;

			while (l && (s[l - 1] == ':' || s[l - 1] == ' '))
				s[--l] = '\0';
			yes = in_list(s, page_labels);
			free(s);
			if (yes)
				return 1;
		}
	}
	return 0;
}

/* The page number the link text names ("2", "Halaman 2"), or 0. */
static int
number_of(const char *s)
{
	const char *const *l;
	long v;

	for (l = page_labels; *l; l++) {
		size_t n = strlen(*l);

		if (!str_ncasecmp(s, *l, n) && s[n] == ' ') {
			s += n + 1;
			break;
		}
	}
	if (str_to_long(s, 1, 1000, &v) < 0)
		return 0;
	return (int)v;
}

static int
shows_all(const char *href)
{
	return str_casestr(href, "page=all") || str_casestr(href, "showall") ||
	       str_casestr(href, "show_all") || str_casestr(href, "view=all") ||
	       str_casestr(href, "single=1") ||
	       str_casestr(href, "page=single");
}

static void
offer(struct pager *p, const char *ref, int rank)
{
	char *u, *a, *b;
	int local;

	if (rank <= p->best || !ref || !*ref || *ref == '#')
		return;
	u = url_resolve(p->x->base, ref);
	/* a local page (the demo, a file of the user's config) may go on in
	 * a file next to it; pages from the web only on the same site */
	local = u && p->url && str_istarts_with(p->url, "file://") &&
		str_istarts_with(u, "file://");
	if (!u || (!local && (!url_is_http(u) ||
			      (p->url && !url_same_site(u, p->url))))) {
		free(u);
		return;
	}
	a = url_strip_fragment(u);
	b = p->url ? url_strip_fragment(p->url) : NULL;
	if (b && !strcmp(a, b)) {
		free(a);
		free(b);
		free(u);
		return;
	}
	free(a);
	free(b);
	free(p->href);
	p->href = u;
	p->best = rank;
}

/* The text of a link, white space collapsed, into out; 0 when it does not
 * fit (a pager's words are short). */
static int
short_text(const xmlNode *a, char *out, size_t outsz)
{
	const xmlNode *n = a->children;
	size_t k = 0;
	int space = 0;

	while (n) {
		if (n->type == XML_TEXT_NODE && n->content) {
			for (const char *c = (const char *)n->content; *c;
			     c++) {
				if (str_isspace((unsigned char)*c)) {
					space = k > 0;
					continue;
				}
				if (k + 2 >= outsz)
					return 0;
				if (space)
					out[k++] = ' ';
				space = 0;
				out[k++] = *c;
			}
		} else if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n && !n->next && n != a)
			n = n->parent;
		if (!n || n == a)
			break;
		n = n->next;
	}
	out[k] = '\0';
	return 1;
}

static int
pager_enter(xmlNodePtr n, void *arg)
{
	struct pager *p = arg;
	const char *rel, *href;
	enum xtag t;
	char words[64];
	const char *text;
	int num;

	if (n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE)
		return 1;
	if (n->type != XML_ELEMENT_NODE)
		return 0;
	t = dom_tag((const char *)n->name);
	if (t == T_SCRIPT || t == T_STYLE || t == T_TEMPLATE || t == T_SVG)
		return 0;
	if (t != T_A && t != T_LINK)
		return 1;
	href = dom_attr(n, "href");
	if (!href || !*href)
		return 0;
	rel = dom_attr(n, "rel");
	if (rel) {
		const char *r = str_casestr(rel, "next");

		if (r && (r == rel || r[-1] == ' ') &&
		    (r[4] == '\0' || r[4] == ' '))
			offer(p, href, R_REL);
	}
	if (t == T_LINK)
		return 0;
	if (xi(n) && xi(n)->text > 60 && !shows_all(href))
		return 0; /* a headline, not a pager */
	if (!short_text(n, words, sizeof(words)))
		return 0;
	text = words;
	if (shows_all(href) || in_list(text, all_words))
		offer(p, href, R_ALL);
	else if (in_list(text, next_alone) ||
		 (in_list(text, next_words) && in_pager(n)))
		offer(p, href, R_NEXT);
	else if ((num = number_of(text)) == p->current + 1 &&
		 (in_pager(n) || str_casecmp(text, "2")))
		offer(p, href, R_NUMBER);
	return 0;
}

void
pages_find_next(struct xctx *x, const char *url)
{
	struct pager p;

	memset(&p, 0, sizeof(p));
	p.x = x;
	p.url = url;
	p.current = 1;
	if (url) {
		const char *q = str_casestr(url, "page=");
		long v;

		if (q) {
			char num[8];
			size_t k = 0;

			q += 5;
			while (k + 1 < sizeof(num) && q[k] >= '0' &&
			       q[k] <= '9') {
				num[k] = q[k];
				k++;
			}
			num[k] = '\0';
			if (!str_to_long(num, 1, 1000, &v))
				p.current = (int)v;
			else if (!str_ncasecmp(q, "all", 3))
				return; /* already everything */
		}
	}
	dom_walk((xmlNodePtr)x->html, pager_enter, NULL, &p);
	if (p.href)
		doc_set(&x->doc->meta.next_page, p.href);
	free(p.href);
}
