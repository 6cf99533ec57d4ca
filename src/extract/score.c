/* score.c: the main content by paragraph scores propagated to ancestors. */
#include "autoconfig.h"

#include "extract/extract_int.h"

#include <string.h>

#include "util/str.h"

/* Paragraph scores, handed to ancestors. */
#define TOP_N 5		    /* best candidates kept for the choice */
#define ANCESTOR_LEVELS 5   /* how far up a paragraph's worth reaches */
#define MIN_PARAGRAPH 25    /* characters below which text scores nothing */
#define CHARS_PER_POINT 100 /* a point per this many characters ... */
#define MAX_LENGTH_POINTS 3 /* ... up to this many */

/* Choosing the container. */
#define RUNNER_UP_SHARE 0.75f  /* a runner-up this close to the best counts */
#define RUNNERS_UP_UNDER_ONE 3 /* this many under one ancestor: take it */
#define CLIMB_FLOOR 3 /* climbing stops at a parent below 1/3 of the score */

/* Siblings of the container that join the content. */
#define SIBLING_SHARE 0.2f    /* a scored sibling with this share of it joins */
#define SIBLING_MIN 10	      /* but never below this score */
#define SAME_CLASS_SHARE 0.2f /* bonus for sharing the container's class */
#define LONG_P 80	      /* characters: an unscored P this long joins */
#define LONG_P_LINK_DENSITY 0.25f /* when less of it than this is links */

/* The lead photo or standfirst just above the container. */
#define LEAD_LOOKBACK 3	       /* siblings looked at above it */
#define LEAD_BOX_IMAGES 2      /* a box holding at most this many images */
#define LEAD_BOX_TEXT 400      /* and less text than this (a caption) */
#define LEAD_BOX_LINK_PART 2   /* links at most 1/2 of a lead box's text */
#define STANDFIRST_MIN 40      /* a standfirst's length, at least */
#define STANDFIRST_MAX 800     /* and less than this */
#define STANDFIRST_LINK_PART 4 /* links under 1/4 of a standfirst */

struct scoring {
	struct xctx *x;
	xmlNodePtr *cands;
	size_t ncands, capcands;
};

static float
base_score(const struct xinfo *i)
{
	switch (i->tag) {
	case T_DIV:
	case T_ARTICLE:
	case T_MAIN:
		return 5;
	case T_PRE:
	case T_TD:
	case T_BLOCKQUOTE:
		return 3;
	case T_ADDRESS:
	case T_OL:
	case T_UL:
	case T_DL:
	case T_DD:
	case T_DT:
	case T_LI:
	case T_FORM:
		return -3;
	case T_H1:
	case T_H2:
	case T_H3:
	case T_H4:
	case T_H5:
	case T_H6:
	case T_TH:
		return -5;
	default:
		return 0;
	}
}

static void
add_score(struct scoring *s, xmlNodePtr n, float v)
{
	struct xinfo *i = xi(n);

	if (!i || i->tag == T_HTML)
		return;
	if (!(i->flags & XF_SCORED)) {
		i->flags |= XF_SCORED;
		i->score = base_score(i) + (s->x->strict ? i->weight : 0);
		if (s->ncands == s->capcands) {
			s->capcands = s->capcands ? s->capcands * 2 : 64;
			s->cands = xreallocarray(s->cands, s->capcands,
						 sizeof(*s->cands));
		}
		s->cands[s->ncands++] = n;
	}
	i->score += v;
}

/* Give a paragraph's worth to its ancestors, starting at first. */
static void
score_paragraph(struct scoring *s, xmlNodePtr first, uint32_t len,
		uint32_t commas)
{
	float cs;
	int level;
	xmlNodePtr a;

	if (len < MIN_PARAGRAPH)
		return;
	cs = 1.0f + (float)commas +
	     (float)(len / CHARS_PER_POINT > MAX_LENGTH_POINTS
			 ? MAX_LENGTH_POINTS
			 : len / CHARS_PER_POINT);
	for (a = first, level = 0; a && level < ANCESTOR_LEVELS;
	     a = a->parent, level++) {
		struct xinfo *i = xi(a);

		if (!i || i->tag == T_HTML || !a->parent)
			break;
		/* the parent gets it all, the grandparent half, those
		 * further up a third of it per level */
		add_score(s, a,
			  cs / (level == 0   ? 1.0f
				: level == 1 ? 2.0f
					     : (float)level * 3.0f));
	}
}

static int
scoring_enter(xmlNodePtr n, void *arg)
{
	struct scoring *s = arg;
	struct xinfo *i = xi(n);

	if (n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE)
		return 1;
	if (!i || x_skipped(s->x, n))
		return 0;
	switch (i->tag) {
	case T_P:
	case T_PRE:
	case T_TD:
	case T_SECTION:
	case T_H2:
	case T_H3:
	case T_H4:
	case T_H5:
	case T_H6:
		score_paragraph(s, n->parent, i->text, i->commas);
		break;
	case T_DIV:
	case T_ARTICLE:
	case T_MAIN:
	case T_CENTER:
		if (!(i->flags & XF_HASBLOCK)) {
			score_paragraph(s, n->parent, i->text, i->commas);
		} else {
			/* Loose text between blocks reads as paragraphs of
			 * this element. */
			uint32_t loose = 0, commas = 0;

			for (xmlNodePtr c = n->children; c; c = c->next) {
				struct xinfo *ci = xi(c);
				size_t cm = 0;

				if (c->type == XML_TEXT_NODE) {
					loose += (uint32_t)dom_text_len(
					    (const char *)c->content, &cm);
					commas += (uint32_t)cm;
				} else if (ci && !(ci->flags & XF_BLOCKY) &&
					   !x_skipped(s->x, c)) {
					loose += ci->text;
					commas += ci->commas;
				}
			}
			score_paragraph(s, n, loose, commas);
		}
		break;
	default:
		break;
	}
	return 1;
}

static int
is_ancestor(const xmlNode *a, const xmlNode *n)
{
	for (; n; n = n->parent)
		if (n == a)
			return 1;
	return 0;
}

/* Element children that count in the current mode. */
static size_t
element_children(const struct xctx *x, const xmlNode *n)
{
	size_t k = 0;

	for (const xmlNode *c = n->children; c; c = c->next)
		if (xi(c) && !x_skipped(x, c))
			k++;
	return k;
}

static int
same_class(const xmlNode *a, const xmlNode *b)
{
	const char *ca = dom_attr(a, "class"), *cb = dom_attr(b, "class");

	return ca && cb && *ca && !strcmp(ca, cb);
}

/* Text of a P ends a sentence somewhere ("... end. " or at its end). */
static int
has_sentence_end(const xmlNode *n)
{
	char *t = dom_text(n);
	const char *p = strchr(t, '.');
	int yes = 0;

	while (p) {
		if (p[1] == ' ' || p[1] == '\0') {
			yes = 1;
			break;
		}
		p = strchr(p + 1, '.');
	}
	free(t);
	return yes;
}

/* 1 if the class names a standfirst: "summary", "lead", "standfirst",
 * "intro", "dek", "excerpt", and the words other languages' newsrooms use
 * ("perex", "bajada", "chapô", "Vorspann", "ingress", "sommario"). */
static int
names_lead(const xmlNode *n)
{
	static const char *const words[] = {
	    "summary", "lead",	     "lede",	 "standfirst", "intro",
	    "dek",     "excerpt",    "subtitle", "deck",       "perex",
	    "bajada",  "entradilla", "chapo",	 "chapeau",    "vorspann",
	    "ingress", "sommario",   NULL,
	};
	const char *c = dom_attr(n, "class");

	if (!c || str_casestr(c, "leaderboard"))
		return 0;
	for (const char *const *w = words; *w; w++)
		if (str_casestr(c, *w))
			return 1;
	return 0;
}

/* Score every paragraph into its ancestors, discount each candidate by its
 * link density, and fill top[] with the best TOP_N, best first. */
static void
rank_candidates(struct xctx *x, xmlNodePtr top[TOP_N])
{
	struct scoring s = {x, NULL, 0, 0};

	dom_walk((xmlNodePtr)x->html, scoring_enter, NULL, &s);
	for (size_t k = 0; k < s.ncands; k++) {
		struct xinfo *i = xi(s.cands[k]);
		float ld = i->text ? (float)i->link / (float)i->text : 0;

		i->score *= 1.0f - ld;
		for (int t = 0; t < TOP_N; t++) {
			if (!top[t] || i->score > xi(top[t])->score) {
				memmove(&top[t + 1], &top[t],
					(TOP_N - t - 1) * sizeof(top[0]));
				top[t] = s.cands[k];
				break;
			}
		}
	}
	free(s.cands);
}

/* No candidate but the body: all of the body is kept. */
static xmlNodePtr
keep_body(struct xctx *x)
{
	if (!x->body)
		return NULL;
	for (xmlNodePtr c = x->body->children; c; c = c->next)
		if (xi(c))
			xi(c)->flags |= XF_KEEP;
	return x->body;
}

/* 1 if top[t] scores close enough to the best to be a runner-up. */
static int
runner_up(xmlNodePtr top[TOP_N], int t)
{
	return top[t] &&
	       xi(top[t])->score / xi(top[0])->score >= RUNNER_UP_SHARE;
}

/* Several strong runners-up under one ancestor of the best (an article
 * split into sections, say): that ancestor, else the best. */
static xmlNodePtr
common_ancestor(struct xctx *x, xmlNodePtr top[TOP_N])
{
	size_t nalt = 0;

	for (int t = 1; t < TOP_N; t++)
		if (runner_up(top, t))
			nalt++;
	if (nalt < RUNNERS_UP_UNDER_ONE)
		return top[0];
	for (xmlNodePtr parent = top[0]->parent;
	     parent && parent != x->body && xi(parent);
	     parent = parent->parent) {
		size_t hits = 0;

		for (int t = 1; t < TOP_N; t++)
			if (runner_up(top, t) && is_ancestor(parent, top[t]))
				hits++;
		if (hits >= RUNNERS_UP_UNDER_ONE)
			return parent;
	}
	return top[0];
}

/* Climb from cand while the parents score at least CLIMB_FLOOR-th as
 * well; a parent scoring better than the last one is taken. */
static xmlNodePtr
climb(struct xctx *x, xmlNodePtr cand)
{
	struct xinfo *ti = xi(cand);
	float last, threshold;

	if (!(ti->flags & XF_SCORED)) {
		ti->flags |= XF_SCORED;
		ti->score = base_score(ti);
	}
	last = ti->score;
	threshold = last / CLIMB_FLOOR;
	for (xmlNodePtr parent = cand->parent;
	     parent && parent != x->body && xi(parent);
	     parent = parent->parent) {
		struct xinfo *pi = xi(parent);

		if (!(pi->flags & XF_SCORED))
			continue;
		if (pi->score < threshold)
			break;
		if (pi->score > last)
			return parent;
		last = pi->score;
	}
	return cand;
}

/* An only child says nothing more than its parent. */
static xmlNodePtr
widen_only_child(struct xctx *x, xmlNodePtr cand)
{
	while (cand->parent && cand->parent != x->body && xi(cand->parent) &&
	       element_children(x, cand->parent) == 1)
		cand = cand->parent;
	return cand;
}

/* Keep cand and those of its siblings that read as more of the text:
 * scored well enough (more so with cand's class), or a paragraph long
 * and not mostly links, or short, link-free and ending a sentence. */
static void
keep_siblings(struct xctx *x, xmlNodePtr cand)
{
	struct xinfo *ti = xi(cand);
	float threshold = ti->score * SIBLING_SHARE;

	if (threshold < SIBLING_MIN)
		threshold = SIBLING_MIN;
	for (xmlNodePtr sib = cand->parent->children; sib; sib = sib->next) {
		struct xinfo *si = xi(sib);
		float bonus = 0;

		if (!si || x_skipped(x, sib))
			continue;
		if (sib == cand) {
			si->flags |= XF_KEEP;
			continue;
		}
		if (same_class(sib, cand))
			bonus = ti->score * SAME_CLASS_SHARE;
		if ((si->flags & XF_SCORED) && si->score + bonus >= threshold) {
			si->flags |= XF_KEEP;
		} else if (si->tag == T_P) {
			float ld =
			    si->text ? (float)si->link / (float)si->text : 0;

			if (si->text > LONG_P && ld < LONG_P_LINK_DENSITY)
				si->flags |= XF_KEEP;
			else if (si->text > 0 && si->text < LONG_P &&
				 si->link == 0 && has_sentence_end(sib))
				si->flags |= XF_KEEP;
		}
	}
}

/* Keep the lead photo and the standfirst when they stand just above the
 * text, between headline and body. */
static void
keep_lead(struct xctx *x, xmlNodePtr cand)
{
	size_t k = 0;

	for (xmlNodePtr sib = cand->prev; sib && k < LEAD_LOOKBACK;
	     sib = sib->prev) {
		struct xinfo *si = xi(sib);

		if (!si || x_skipped(x, sib))
			continue;
		k++;
		/* a figure, or a box holding an image and at most a caption */
		if ((si->tag == T_FIGURE ||
		     ((si->tag == T_DIV || si->tag == T_PICTURE) &&
		      si->nimg <= LEAD_BOX_IMAGES && si->text < LEAD_BOX_TEXT &&
		      !si->nh && !si->nli && !si->ninput && si->weight >= 0)) &&
		    si->nimg > 0 && si->link * LEAD_BOX_LINK_PART <= si->text)
			si->flags |= XF_KEEP;
		/* the standfirst: a short summary just above the text */
		else if (si->text >= STANDFIRST_MIN &&
			 si->text < STANDFIRST_MAX && !si->nh && !si->nli &&
			 si->link * STANDFIRST_LINK_PART < si->text &&
			 names_lead(sib))
			si->flags |= XF_KEEP;
	}
}

xmlNodePtr
score_select(struct xctx *x)
{
	xmlNodePtr top[TOP_N] = {0}, cand;

	rank_candidates(x, top);
	if (!top[0] || xi(top[0])->tag == T_BODY)
		return keep_body(x);
	cand = common_ancestor(x, top);
	cand = climb(x, cand);
	cand = widen_only_child(x, cand);
	if (!cand->parent || !xi(cand->parent)) {
		xi(cand)->flags |= XF_KEEP;
		return cand;
	}
	keep_siblings(x, cand);
	keep_lead(x, cand);
	return cand->parent;
}
