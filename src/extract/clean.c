/* clean.c: what is never content, what probably is not, and counting what is
 * left. */
#include "autoconfig.h"

#include "extract/extract_int.h"

#include <stdio.h>
#include <string.h>

#include "util/str.h"

/* Class/id pieces that mark page furniture (Readability's list and more). */
static const char *const unlikely_words[] = {
    "-ad-",	    "ai2html",	  "banner",  "breadcrumb", "combx",  "comment",
    "community",    "cover-wrap", "disqus",  "extra",	   "footer", "gdpr",
    "header",	    "legends",	  "menu",    "related",	   "remark", "replies",
    "rss",	    "shoutbox",	  "sidebar", "skyscraper", "social", "sponsor",
    "supplemental", "ad-break",	  "agegate", "pagination", "pager",  "popup",
    "yom-remote",   NULL,
};
/* ... unless one of these says it may be the article after all. */
static const char *const maybe_words[] = {
    "and",  "article", "body",	 "column", "content",
    "main", "mathjax", "shadow", NULL,
};
/* Clutter strong enough to overrule maybe_words. */
static const char *const clutter_words[] = {
    "share",
    "social",
    "newsletter",
    "subscribe",
    "cookie",
    "consent",
    "related",
    "recommend",
    "trending",
    "most-popular",
    "mostpopular",
    "most-read",
    "mostread",
    "popular-posts",
    "outbrain",
    "taboola",
    "advert",
    "sponsored",
    "promo",
    "author-bio",
    "authorbio",
    "about-author",
    "about-the-author",
    "breadcrumb",
    "tag-list",
    "taglist",
    "post-tags",
    "article-tags",
    "entry-tags",
    "tags-list",
    "tagging",
    "tag__",
    "read-also",
    "readalso",
    "baca-juga",
    "bacajuga",
    "also-read",
    "comment",
    "disqus",
    "komentar",
    "sticky",
    "toolbar",
    "print-",
    "-print",
    "widget",
    "byline",
    "dateline",
    "timestamp",
    "published",
    "post-meta",
    "entry-meta",
    "article-meta",
    "meta-info",
    "caption-credit",
    "copyright",
    "terkini",
    "latest",
    "navigation",
    "next-prev",
    "prev-next",
    "skip-link",
    "screen-reader",
    "sr-only",
    "visually-hidden",
    "visuallyhidden",
    "feedback",
    NULL,
};
static const char *const positive_words[] = {
    "article", "body",	     "content", "entry", "hentry", "h-entry", "main",
    "page",    "pagination", "post",	"text",	 "blog",   "story",   NULL,
};
static const char *const negative_words[] = {
    "-ad-",	"hidden",   "banner",	  "combx",   "comment",	 "com-",
    "contact",	"foot",	    "footnote",	  "gdpr",    "masthead", "media",
    "meta",	"outbrain", "promo",	  "related", "scroll",	 "share",
    "shoutbox", "sidebar",  "skyscraper", "sponsor", "shopping", "tags",
    "tool",	"widget",   NULL,
};

static int
has_any(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (strstr(s, *words))
			return 1;
	return 0;
}

/* 1 if token t (n bytes) is w, or w joined to other words by '-' or '_'
 * at its start or end ("ad", "ad-slot", "top_ad"), not a word that merely
 * contains it ("header", "load", "biography"). */
static int
token_names(const char *t, size_t n, const char *w)
{
	size_t k = strlen(w);

	if (n < k)
		return 0;
	if (n == k)
		return !memcmp(t, w, k);
	return (!memcmp(t, w, k) && (t[k] == '-' || t[k] == '_')) ||
	       (!memcmp(t + n - k, w, k) &&
		(t[n - k - 1] == '-' || t[n - k - 1] == '_'));
}

/* The next white-space separated token of a class list at *p (its length
 * in *n), advancing *p past it; NULL at the end. */
static const char *
next_token(const char **p, size_t *n)
{
	const char *t;

	while (str_isspace((unsigned char)**p))
		(*p)++;
	if (!**p)
		return NULL;
	t = *p;
	while (**p && !str_isspace((unsigned char)**p))
		(*p)++;
	*n = (size_t)(*p - t);
	return t;
}

/* 1 if a class/id list names an advertisement slot ("ad", "ads-top",
 * "gpt-ad"; "advertisement" is among clutter_words) or a writer's
 * biography ("bio", "user-bio", "post-body-bio"). */
static int
names_ad_or_bio(const char *s)
{
	const char *t;
	size_t n;

	while ((t = next_token(&s, &n)))
		if (token_names(t, n, "ad") || token_names(t, n, "ads") ||
		    token_names(t, n, "bio"))
			return 1;
	return 0;
}

/* Lower-case s into out (truncated to outsz - 1 bytes). */
static void
lower_into(const char *s, char *out, size_t outsz)
{
	size_t k = 0;

	for (; s && *s && k + 1 < outsz; s++) {
		char ch = *s;

		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch + 32);
		else if (str_isspace((unsigned char)ch))
			ch = ' ';
		out[k++] = ch;
	}
	out[k] = '\0';
}

static int
weight_of(const char *s)
{
	int w = 0;

	if (!s || !*s)
		return 0;
	if (has_any(s, negative_words))
		w -= 25;
	if (has_any(s, positive_words))
		w += 25;
	return w;
}

/* The class and the id, lower-cased; an id that is a long slug of a
 * heading ("sharing-with-a-single-developer") says nothing about the
 * element's role and is left out. */
static void
class_and_id(const xmlNode *n, char *cls, char *id, size_t sz)
{
	const char *i = dom_attr(n, "id");
	size_t seps = 0;

	lower_into(dom_attr(n, "class"), cls, sz);
	for (const char *p = i; p && *p; p++)
		seps += *p == '-' || *p == '_';
	lower_into(seps > 3 ? NULL : i, id, sz);
}

int
clean_class_weight(const xmlNode *n)
{
	char cls[256], id[128];

	class_and_id(n, cls, id, sizeof(id));
	return weight_of(cls) + weight_of(id);
}

/* 1 if a lower-cased class or id names page furniture. */
static int
names_clutter(const char *s)
{
	if (!*s)
		return 0;
	return (has_any(s, unlikely_words) && !has_any(s, maybe_words)) ||
	       has_any(s, clutter_words) || names_ad_or_bio(s);
}

/* 1 if a class list hides the element the way CSS frameworks do: the
 * class "hidden" alone, without a variant showing it on some screens
 * ("hidden md:block"). */
static int
class_hides(const char *c)
{
	const char *t;
	size_t n;
	int hidden = 0;

	while (c && (t = next_token(&c, &n))) {
		if (n == 6 && !memcmp(t, "hidden", 6))
			hidden = 1;
		else if (memchr(t, ':', n))
			return 0;
	}
	return hidden;
}

static int
invisible(const xmlNode *n)
{
	const char *s;

	if (dom_attr(n, "hidden") || class_hides(dom_attr(n, "class")))
		return 1;
	s = dom_attr(n, "aria-hidden");
	if (s && !strcmp(s, "true")) {
		const char *c = dom_attr(n, "class");

		return !(c && strstr(c, "fallback-image"));
	}
	s = dom_attr(n, "style");
	if (s && (str_casestr(s, "display:none") ||
		  str_casestr(s, "display: none") ||
		  str_casestr(s, "visibility:hidden") ||
		  str_casestr(s, "visibility: hidden")))
		return 1;
	return 0;
}

static int
junk_role(const char *r)
{
	static const char *const roles[] = {
	    "navigation",  "menu",	  "menubar", "complementary",
	    "alert",	   "alertdialog", "dialog",  "banner",
	    "contentinfo", "search",	  "toolbar", NULL,
	};
	const char *const *p;

	if (!r)
		return 0;
	for (p = roles; *p; p++)
		if (!str_casecmp(r, *p))
			return 1;
	return 0;
}

/* 1 if n directly holds a post quoted from a social network, in the
 * markup those networks give for embedding (a blockquote classed
 * "twitter-tweet", "instagram-media", ...): the author's quote, not a share
 * bar, though its wrapper is often named "social-embed". */
static int
holds_quoted_post(const xmlNode *n)
{
	static const char *const kinds[] = {
	    "twitter-tweet",	     "instagram-media",
	    "tiktok-embed",	     "bluesky-embed",
	    "mastodon-embed",	     "threads-post",
	    "fb-xfbml-parse-ignore", NULL,
	};

	for (const xmlNode *c = n->children; c; c = c->next) {
		const char *cls;

		if (c->type != XML_ELEMENT_NODE ||
		    str_casecmp((const char *)c->name, "blockquote"))
			continue;
		cls = dom_attr(c, "class");
		if (cls && has_any(cls, kinds))
			return 1;
	}
	return 0;
}

/* What a small subtree holds, to tell a picture's box from furniture. */
struct fig_scan {
	unsigned img, nodes;
	size_t text, link;
	int other; /* a player, form or frame, or too big to be a figure */
};

static void
fig_scan(const xmlNode *n, int in_link, int depth, struct fig_scan *f)
{
	for (const xmlNode *c = n->children; c && !f->other; c = c->next) {
		enum xtag t;

		if (++f->nodes > 200 || depth > 16) {
			f->other = 1;
			return;
		}
		if (c->type == XML_TEXT_NODE) {
			size_t commas;
			size_t len =
			    dom_text_len((const char *)c->content, &commas);

			f->text += len;
			f->link += in_link ? len : 0;
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		t = dom_tag((const char *)c->name);
		if (t == T_IMG)
			f->img++;
		else if (t == T_IFRAME || t == T_VIDEO || t == T_EMBED ||
			 t == T_OBJECT || t == T_FORM || t == T_INPUT)
			f->other = 1;
		if (t < T_SCRIPT)
			fig_scan(c,
				 in_link || (t == T_A && dom_attr(c, "href")),
				 depth + 1, f);
	}
}

/* A box whose class names a picture ("type-image", "photo-widget",
 * "media-wrap") and that holds one image and at most a short caption, not
 * a link: a figure, even where its class also says "widget" or "media";
 * no advertisement, logo, avatar or share box. */
static int
picture_box(const xmlNode *n)
{
	static const char *const pictures[] = {"image",	 "photo", "picture",
					       "figure", "media", NULL};
	static const char *const not_figures[] = {"advert", "sponsor", "promo",
						  "logo",   "avatar",  "author",
						  "social", "share",   NULL};
	struct fig_scan f = {0};
	char cls[256];

	lower_into(dom_attr(n, "class"), cls, sizeof(cls));
	if (!has_any(cls, pictures) || has_any(cls, not_figures) ||
	    names_ad_or_bio(cls))
		return 0;
	fig_scan(n, 0, 0, &f);
	return !f.other && f.img == 1 && f.text <= 300 && f.link * 2 <= f.text;
}

struct classify {
	struct xctx *x;
	size_t next;
	int counting;
};

static int
classify_enter(xmlNodePtr n, void *arg)
{
	struct classify *c = arg;
	struct xinfo *i;
	char cls[128], id[128];
	enum xtag t;

	if (n->type != XML_ELEMENT_NODE)
		return n->type == XML_DOCUMENT_NODE ||
		       n->type == XML_HTML_DOCUMENT_NODE;
	if (c->counting) {
		c->next++;
		return 1;
	}
	i = &c->x->info[c->next++];
	n->_private = i;
	memset(i, 0, sizeof(*i));
	t = dom_tag((const char *)n->name);
	i->tag = (uint8_t)t;
	if (t >= T_SCRIPT || t == T_HEAD || t == T_NAV || t == T_MENU ||
	    t == T_DIALOG || invisible(n)) {
		i->flags |= XF_JUNK;
		/* Its children keep a NULL _private: never looked at. */
		return 0;
	}
	if (t == T_BODY || t == T_HTML)
		return 1;
	/* Phrasing elements are styled, not furniture: spend no time on
	 * their classes (spans and unknown elements may be wrappers). */
	if (t < T_P && t != T_SPAN && t != T_OTHER && t != T_FONT &&
	    t != T_SMALL)
		return 1;
	class_and_id(n, cls, id, sizeof(cls));
	if (junk_role(dom_attr(n, "role")))
		i->flags |= XF_UNLIKELY;
	if (t == T_ASIDE || t == T_FOOTER || t == T_HEADER)
		i->flags |= XF_UNLIKELY;
	{
		const char *ip = dom_attr(n, "itemprop");

		if (ip && (str_casestr(ip, "articleBody") ||
			   !str_casecmp(ip, "text"))) {
			i->weight = 25;
			return 1;
		}
	}
	if (cls[0] || id[0]) {
		char both[260];

		i->weight = (int16_t)(weight_of(cls) + weight_of(id));
		if (i->weight < 0 && holds_quoted_post(n))
			i->weight = 0;
		snprintf(both, sizeof(both), "%s %s", cls, id);
		if (t != T_A && t != T_ARTICLE && t != T_MAIN &&
		    names_clutter(both) && !holds_quoted_post(n) &&
		    !picture_box(n))
			i->flags |= XF_UNLIKELY;
	}
	return 1;
}

void
clean_classify(struct xctx *x)
{
	struct classify c = {x, 0, 1};
	xmlNodePtr root = (xmlNodePtr)x->html;

	dom_walk(root, classify_enter, NULL, &c);
	x->ninfo = c.next;
	x->info = xcalloc(c.next ? c.next : 1, sizeof(*x->info));
	c.next = 0;
	c.counting = 0;
	/* Unclassified elements under junk keep a NULL _private; clear any
	 * left from elsewhere first. */
	dom_walk(root, classify_enter, NULL, &c);
}

static inline void
sat_add(uint16_t *a, unsigned b)
{
	unsigned s = (unsigned)*a + b;

	*a = (uint16_t)(s > 65535 ? 65535 : s);
}

static int
measure_enter(xmlNodePtr n, void *arg)
{
	struct xctx *x = arg;
	struct xinfo *i = xi(n);

	if (n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE)
		return 1;
	if (!i)
		return 0;
	i->text = i->link = i->commas = 0;
	i->np = i->nimg = i->nli = i->ninput = i->nembed = i->nh = 0;
	i->flags &= (uint8_t) ~(XF_BLOCKY | XF_HASBLOCK);
	return !x_skipped(x, n);
}

static void
measure_leave(xmlNodePtr n, void *arg)
{
	struct xctx *x = arg;
	struct xinfo *i, *p = xi(n->parent);

	if (!p)
		return;
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		size_t commas = 0;

		p->text +=
		    (uint32_t)dom_text_len((const char *)n->content, &commas);
		p->commas += (uint32_t)commas;
		return;
	}
	i = xi(n);
	if (!i)
		return;
	switch (i->tag) {
	case T_IFRAME:
	case T_EMBED:
	case T_OBJECT:
	case T_VIDEO:
		sat_add(&p->nembed, 1);
		break;
	case T_INPUT:
	case T_SELECT:
	case T_TEXTAREA:
		sat_add(&p->ninput, 1);
		break;
	default:
		break;
	}
	if (x_skipped(x, n))
		return;
	if (i->tag == T_A && dom_attr(n, "href"))
		i->link = i->text;
	if (TAG_IS_BLOCK(i->tag) || (i->flags & XF_HASBLOCK))
		i->flags |= XF_BLOCKY;
	if (i->flags & XF_BLOCKY)
		p->flags |= XF_HASBLOCK;
	p->text += i->text;
	p->link += i->link;
	p->commas += i->commas;
	sat_add(&p->np, i->np + (i->tag == T_P));
	/* A div holding only text and inline markup, mostly not links,
	 * reads as a paragraph. */
	sat_add(&p->ndivp, i->ndivp + (i->tag == T_DIV && i->text &&
				       i->link * 2 < i->text &&
				       !(i->flags & XF_HASBLOCK)));
	sat_add(&p->nimg, i->nimg + (i->tag == T_IMG));
	sat_add(&p->nli, i->nli + (i->tag == T_LI));
	sat_add(&p->ninput, i->ninput);
	sat_add(&p->nembed, i->nembed);
	sat_add(&p->nh, i->nh + (i->tag >= T_H1 && i->tag <= T_H6));
}

void
clean_measure(struct xctx *x)
{
	dom_walk((xmlNodePtr)x->html, measure_enter, measure_leave, x);
}

/* --- clutter inside the chosen content --- */

struct content {
	struct xctx *x;
	xmlNodePtr top;
};

static int
inside_figure(const xmlNode *n, const xmlNode *top)
{
	for (n = n->parent; n && n != top; n = n->parent) {
		const struct xinfo *i = xi(n);

		if (i && i->tag == T_FIGURE)
			return 1;
	}
	return 0;
}

/* A table of data (kept whole) rather than one for layout. */
static int
data_table(const xmlNode *n, const struct xinfo *i)
{
	const char *role = dom_attr(n, "role");

	if (role && !str_casecmp(role, "presentation"))
		return 0;
	if (dom_attr(n, "summary"))
		return 1;
	for (const xmlNode *c = n->children; c; c = c->next) {
		const struct xinfo *ci = xi(c);

		if (ci && (ci->tag == T_CAPTION || ci->tag == T_THEAD))
			return 1;
	}
	return i->nh == 0 && i->np == 0 && i->nli == 0 && i->text < 3000;
}

/* 1 if n's class says it is a caption or a photo credit ("caption",
 * "credit", "image-desc", "photo-desc") and it holds at most a paragraph. */
int
x_is_caption(const xmlNode *n, const struct xinfo *i)
{
	const char *c = dom_attr(n, "class");

	if (!c || i->np > 1 || i->text > 600)
		return 0;
	return str_casestr(c, "caption") || str_casestr(c, "credit") ||
	       str_casestr(c, "image-desc") || str_casestr(c, "photo-desc");
}

/* A caption line of text, mostly not links: no clutter, whatever else its
 * class says. */
static int
names_caption(const xmlNode *n, const struct xinfo *i)
{
	return x_is_caption(n, i) && i->text && !i->nh && !i->nli &&
	       i->link * 2 < i->text;
}

static int
conditional_drop(struct content *c, xmlNodePtr n, struct xinfo *i)
{
	struct xctx *x = c->x;
	int weight = x->strict ? i->weight : 0;
	int is_list = i->tag == T_UL || i->tag == T_OL;
	double ld = i->text ? (double)i->link / i->text : 0;
	int p = i->np, img = i->nimg, li = (int)i->nli - 100;

	if (i->tag == T_TABLE && data_table(n, i))
		return 0;
	if (holds_quoted_post(n))
		return 0;
	if (!is_list && i->nli && i->text && i->nli * 40 >= i->text)
		is_list = 0;
	/* The class names alone, not the text score: a list or a box of
	 * short items scores low whether or not it belongs to the text. A
	 * caption or a picture's box is no clutter, whatever else its class
	 * says ("media", "widget"). */
	if (weight < 0)
		return !names_caption(n, i) && !picture_box(n);
	if (is_list)
		return ld > 0.8 && i->text < 2000;
	if (i->commas >= 10)
		return 0;
	if (img > 1 && (double)(p + i->ndivp) / img < 0.5 &&
	    !inside_figure(n, c->top))
		return 1;
	if (li > p)
		return 1;
	if (i->ninput > p / 3)
		return 1;
	if (i->text < 25 && (img == 0 || img > 2) &&
	    !inside_figure(n, c->top) && i->tag != T_FIGURE)
		return 1;
	/* Prose with many links is still prose: several paragraphs hold up
	 * to half their text in links. */
	if (weight < 25 && ld > (p >= 3 ? 0.5 : 0.2))
		return 1;
	if (weight >= 25 && ld > 0.5)
		return 1;
	if ((i->nembed == 1 && i->text < 75) || i->nembed > 1)
		return 1;
	return 0;
}

static int
content_enter(xmlNodePtr n, void *arg)
{
	struct content *c = arg;
	struct xinfo *i = xi(n);
	const char *ci;

	if (!i)
		return 0;
	if (x_skipped(c->x, n))
		return 0;
	if (n == c->top)
		return 1;
	switch (i->tag) {
	case T_DIV:
	case T_SECTION:
	case T_UL:
	case T_OL:
	case T_TABLE:
	case T_FORM:
	case T_FIELDSET:
	case T_ASIDE:
	case T_HEADER:
	case T_FOOTER:
		if (conditional_drop(c, n, i)) {
			i->flags |= XF_DROP;
			return 0;
		}
		/* A data table is kept whole: its cells' short wrappers are
		 * not clutter. */
		if (i->tag == T_TABLE && data_table(n, i))
			return 0;
		break;
	case T_H1:
	case T_H2:
		if (c->x->strict && i->weight < 0) {
			i->flags |= XF_DROP;
			return 0;
		}
		break;
	default:
		break;
	}
	ci = dom_attr(n, "rel");
	if (ci && !str_casecmp(ci, "author") && i->text < 100) {
		i->flags |= XF_DROP;
		return 0;
	}
	ci = dom_attr(n, "itemprop");
	if (ci &&
	    (str_casestr(ci, "author") || str_casestr(ci, "datePublished")) &&
	    i->text < 100) {
		i->flags |= XF_DROP;
		return 0;
	}
	return 1;
}

void
clean_content(struct xctx *x, xmlNodePtr top)
{
	struct content c = {x, top};

	dom_walk(top, content_enter, NULL, &c);
}
