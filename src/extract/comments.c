/* comments.c: reader comments found on the page, kept out of the body. */
#include "autoconfig.h"

#include "extract/extract_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/str.h"

#define MAX_COMMENTS 500
#define MAX_DEPTH 16

/* 1 if one class/id token of s names a comment area. */
static int
area_token(const char *s)
{
	const char *p = s;

	if (!s)
		return 0;
	while (*p) {
		const char *t;
		size_t n;

		while (*p && str_isspace((unsigned char)*p))
			p++;
		t = p;
		while (*p && !str_isspace((unsigned char)*p))
			p++;
		n = (size_t)(p - t);
		if (!n)
			continue;
		if ((n >= 7 && !str_ncasecmp(t, "comment", 7)) ||
		    (n >= 8 && !str_ncasecmp(t, "komentar", 8)) ||
		    (n == 7 && !str_ncasecmp(t, "respond", 7)) ||
		    (n == 13 && !str_ncasecmp(t, "disqus_thread", 13)) ||
		    (n == 7 && !str_ncasecmp(t, "replies", 7))) {
			/* "comment-count", "comments-link": small, but clutter
			 * all the same. */
			return 1;
		}
		for (size_t k = 0; k + 8 <= n; k++)
			if ((t[k] == '-' || t[k] == '_') &&
			    !str_ncasecmp(t + k + 1, "comment", 7))
				return 1;
	}
	return 0;
}

/* 1 if the class token t[0..n) names one comment: "comment", and
 * "comment" or "komentar" then "item" or "entry", joined by nothing, '-',
 * '_' or BEM's "__" ("comment-item", "comment__item", "komentar_entry"). */
static int
item_token(const char *t, size_t n)
{
	static const char *const stems[] = {"comment", "komentar"};

	for (size_t k = 0; k < 2; k++) {
		size_t sl = strlen(stems[k]), r;

		if (n < sl || str_ncasecmp(t, stems[k], sl))
			continue;
		if (n == sl)
			return k == 0;
		r = sl;
		while (r < n && r < sl + 2 && (t[r] == '-' || t[r] == '_'))
			r++;
		if ((n - r == 4 && !str_ncasecmp(t + r, "item", 4)) ||
		    (n - r == 5 && !str_ncasecmp(t + r, "entry", 5)))
			return 1;
	}
	return 0;
}

/* 1 if n is one comment (rather than an area or a part of one). */
static int
is_item(const xmlNode *n, const struct xinfo *i)
{
	const char *id = dom_attr(n, "id"), *c = dom_attr(n, "class"),
		   *it = dom_attr(n, "itemtype");

	if (it && str_casestr(it, "Comment"))
		return 1;
	if (id &&
	    (str_istarts_with(id, "comment-") ||
	     str_istarts_with(id, "comment_") ||
	     str_istarts_with(id, "li-comment")) &&
	    id[strlen(id) - 1] >= '0' && id[strlen(id) - 1] <= '9')
		return 1;
	if (c) {
		const char *p = c;

		while (*p) {
			const char *t;
			size_t n2;

			while (*p == ' ')
				p++;
			t = p;
			while (*p && *p != ' ')
				p++;
			n2 = (size_t)(p - t);
			if (item_token(t, n2))
				return i->tag != T_P && i->tag != T_SPAN;
		}
	}
	return 0;
}

struct area_scan {
	struct xctx *x;
	uint32_t body_text;
	int in_area;
	xmlNodePtr area;
};

static int
h1_enter(xmlNodePtr n, void *arg)
{
	int *found = arg;
	const struct xinfo *i = xi(n);

	if (*found || !i || (i->flags & XF_JUNK))
		return 0;
	if (i->tag == T_H1)
		*found = 1;
	return 1;
}

/* An area holding the page's headline is not a comment area. */
static int
has_h1(xmlNodePtr n)
{
	int found = 0;

	dom_walk(n, h1_enter, NULL, &found);
	return found;
}

struct item_scan {
	struct xctx *x;
	xmlNodePtr item;
	const char *author;
	char *author_own;
	const char *when;
	char *when_own;
	struct buf text;
	int muted; /* inside furniture of the comment: no text from here */
};

static int
word_in(const char *s, const char *w)
{
	return s && str_casestr(s, w);
}

static int
item_enter(xmlNodePtr n, void *arg)
{
	struct item_scan *s = arg;
	struct xinfo *i = xi(n);
	const char *c, *ip;

	if (n->type == XML_TEXT_NODE) {
		if (n->content && !s->muted)
			buf_puts(&s->text, (const char *)n->content);
		return 0;
	}
	if (!i || (i->flags & XF_JUNK))
		return 0;
	if (n != s->item && is_item(n, i))
		return 0; /* a reply: its own comment */
	c = dom_attr(n, "class");
	ip = dom_attr(n, "itemprop");
	if (i->tag == T_TIME) {
		if (!s->when)
			s->when = dom_attr(n, "datetime");
		return 0;
	}
	if (!s->author && n != s->item &&
	    (word_in(c, "author") || word_in(c, "fn") ||
	     word_in(c, "username") || word_in(c, "user-name") ||
	     word_in(c, "nama") || word_in(c, "__name") ||
	     word_in(c, "-name") ||
	     (ip && (word_in(ip, "author") || word_in(ip, "name"))))) {
		char *t = dom_text(n);

		if (*t && strlen(t) < 100) {
			/* "Name says:" */
			size_t l = strlen(t);

			if (l > 5 && !strcmp(t + l - 5, " says"))
				t[l - 5] = '\0';
			else if (l > 6 && !strcmp(t + l - 6, " says:"))
				t[l - 6] = '\0';
			s->author_own = t;
			s->author = t;
			return 0;
		}
		free(t);
	}
	if (i->tag == T_A && !s->muted) {
		char *t = dom_text(n);
		int skip = !str_casecmp(t, "reply") ||
			   !str_casecmp(t, "balas") ||
			   str_istarts_with(t, "laporkan") ||
			   str_istarts_with(t, "report");

		free(t);
		if (skip)
			return 0;
	}
	if (n != s->item &&
	    (i->tag == T_FOOTER || i->tag == T_HEADER || i->tag == T_FORM ||
	     i->tag == T_BUTTON || word_in(c, "reply") ||
	     word_in(c, "report") || word_in(c, "meta") ||
	     word_in(c, "action") || word_in(c, "vote") || word_in(c, "like") ||
	     word_in(c, "share") || word_in(c, "avatar") ||
	     word_in(c, "date") || word_in(c, "time") ||
	     word_in(c, "laporkan"))) {
		/* Look inside for the author and time, take no text; a
		 * date written out when no <time> says it. */
		if (!s->when && (word_in(c, "date") || word_in(c, "time"))) {
			char *t = dom_text(n);

			if (*t && strlen(t) < 64 && strchr(t, ':')) {
				s->when_own = t;
				s->when = t;
			} else {
				free(t);
			}
		}
		s->muted++;
		i->flags |= XF_DROP;
		return 1;
	}
	if (TAG_IS_BLOCK(i->tag) || i->tag == T_BR)
		buf_puts(&s->text, "\n\n");
	return 1;
}

static void
item_leave(xmlNodePtr n, void *arg)
{
	struct item_scan *s = arg;
	struct xinfo *i = xi(n);

	if (i && (i->flags & XF_DROP) && s->muted) {
		/* the mark only lasts this walk */
		i->flags &= (uint8_t)~XF_DROP;
		s->muted--;
	}
	if (i && TAG_IS_BLOCK(i->tag))
		buf_puts(&s->text, "\n\n");
}

/* Collapse white space within paragraphs, keep "\n\n" between them. */
static char *
tidy_text(const char *s)
{
	struct buf out;
	const char *p = s;

	buf_init(&out, 0);
	while (*p) {
		const char *e = strstr(p, "\n\n");
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char *para = str_squeeze(p, n);

		if (*para) {
			if (out.len)
				buf_puts(&out, "\n\n");
			buf_puts(&out, para);
		}
		free(para);
		p += n;
		while (*p == '\n')
			p++;
	}
	return buf_steal(&out);
}

static int
item_depth(const xmlNode *n, const xmlNode *area)
{
	int d = 0;

	for (n = n->parent; n && n != area && d < MAX_DEPTH; n = n->parent)
		if (xi(n) && is_item(n, xi(n)))
			d++;
	return d;
}

struct items {
	struct xctx *x;
	xmlNodePtr area;
};

static int
items_enter(xmlNodePtr n, void *arg)
{
	struct items *it = arg;
	struct xinfo *i = xi(n);
	struct item_scan s;
	char *text;

	if (!i || (i->flags & XF_JUNK))
		return 0;
	if (n == it->area || !is_item(n, i))
		return 1;
	if (it->x->doc->ncomments >= MAX_COMMENTS)
		return 0;
	memset(&s, 0, sizeof(s));
	s.x = it->x;
	s.item = n;
	buf_init(&s.text, 1 << 20);
	dom_walk(n, item_enter, item_leave, &s);
	text = tidy_text(s.text.data ? s.text.data : "");
	if (s.author && *text && !strncmp(text, s.author, strlen(s.author))) {
		/* the name repeated at the start */
		const char *r = text + strlen(s.author);

		while (*r == ' ' || *r == '\n' || *r == ':')
			r++;
		memmove(text, r, strlen(r) + 1);
	}
	if (*text) {
		char iso[META_DATE_MAX];
		const char *lang = it->x->doc->meta.lang;
		int dated = s.when && (!meta_iso_date(s.when, iso) ||
				       !meta_local_date(s.when,
							lang && !str_ncasecmp(lang, "en-us", 5),
							iso));

		doc_add_comment(it->x->doc, s.author, dated ? iso : NULL, text,
				item_depth(n, it->area));
	}
	free(text);
	free(s.author_own);
	free(s.when_own);
	buf_free(&s.text);
	return 1; /* replies nested inside come next */
}

static int
area_enter(xmlNodePtr n, void *arg)
{
	struct area_scan *a = arg;
	struct xinfo *i = xi(n);
	struct items it;

	if (n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE)
		return 1;
	if (!i || (i->flags & XF_JUNK))
		return 0;
	if (i->tag == T_BODY || i->tag == T_HTML || i->tag == T_MAIN)
		return 1;
	if (!area_token(dom_attr(n, "id")) && !area_token(dom_attr(n, "class")))
		return 1;
	if (has_h1(n))
		return 1;
	i->flags |= XF_COMMENTS;
	it.x = a->x;
	it.area = n;
	dom_walk(n, items_enter, NULL, &it);
	return 0;
}

void
comments_extract(struct xctx *x)
{
	struct area_scan a;

	memset(&a, 0, sizeof(a));
	a.x = x;
	dom_walk((xmlNodePtr)x->html, area_enter, NULL, &a);
}
