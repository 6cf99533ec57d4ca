/* score.c: the main content by paragraph scores propagated to ancestors. */
#include "autoconfig.h"

#include "extract/extract_int.h"

#include <string.h>

#include "util/str.h"

#define TOP_N 5
#define ANCESTOR_LEVELS 5

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

	if (len < 25)
		return;
	cs = 1.0f + (float)commas + (float)(len / 100 > 3 ? 3 : len / 100);
	for (a = first, level = 0; a && level < ANCESTOR_LEVELS;
	     a = a->parent, level++) {
		struct xinfo *i = xi(a);

		if (!i || i->tag == T_HTML || !a->parent)
			break;
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

xmlNodePtr
score_select(struct xctx *x)
{
	struct scoring s = {x, NULL, 0, 0};
	xmlNodePtr top[TOP_N] = {0}, cand, parent;
	struct xinfo *ti;
	float last, threshold;
	size_t k;

	dom_walk((xmlNodePtr)x->html, scoring_enter, NULL, &s);
	for (k = 0; k < s.ncands; k++) {
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
	cand = top[0];
	if (!cand || xi(cand)->tag == T_BODY) {
		if (!x->body)
			return NULL;
		for (xmlNodePtr c = x->body->children; c; c = c->next)
			if (xi(c))
				xi(c)->flags |= XF_KEEP;
		return x->body;
	}
	/* Several strong candidates under one ancestor: take the ancestor. */
	{
		size_t nalt = 0;

		for (int t = 1; t < TOP_N; t++)
			if (top[t] &&
			    xi(top[t])->score / xi(cand)->score >= 0.75f)
				nalt++;
		if (nalt >= 3) {
			for (parent = cand->parent;
			     parent && parent != x->body && xi(parent);
			     parent = parent->parent) {
				size_t hits = 0;

				for (int t = 1; t < TOP_N; t++)
					if (top[t] &&
					    xi(top[t])->score /
						    xi(cand)->score >=
						0.75f &&
					    is_ancestor(parent, top[t]))
						hits++;
				if (hits >= 3) {
					cand = parent;
					break;
				}
			}
		}
	}
	ti = xi(cand);
	if (!(ti->flags & XF_SCORED)) {
		ti->flags |= XF_SCORED;
		ti->score = base_score(ti);
	}
	/* Climb while the parent scores at least as well. */
	last = ti->score;
	threshold = last / 3;
	for (parent = cand->parent; parent && parent != x->body && xi(parent);
	     parent = parent->parent) {
		struct xinfo *pi = xi(parent);

		if (!(pi->flags & XF_SCORED))
			continue;
		if (pi->score < threshold)
			break;
		if (pi->score > last) {
			cand = parent;
			break;
		}
		last = pi->score;
	}
	/* An only child says nothing more than its parent. */
	while (cand->parent && cand->parent != x->body && xi(cand->parent) &&
	       element_children(x, cand->parent) == 1)
		cand = cand->parent;
	ti = xi(cand);
	parent = cand->parent;
	if (!parent || !xi(parent)) {
		ti->flags |= XF_KEEP;
		return cand;
	}
	threshold = ti->score * 0.2f;
	if (threshold < 10)
		threshold = 10;
	for (xmlNodePtr sib = parent->children; sib; sib = sib->next) {
		struct xinfo *si = xi(sib);
		float bonus = 0;

		if (!si || x_skipped(x, sib))
			continue;
		if (sib == cand) {
			si->flags |= XF_KEEP;
			continue;
		}
		if (same_class(sib, cand))
			bonus = ti->score * 0.2f;
		if ((si->flags & XF_SCORED) && si->score + bonus >= threshold) {
			si->flags |= XF_KEEP;
		} else if (si->tag == T_P) {
			float ld =
			    si->text ? (float)si->link / (float)si->text : 0;

			if (si->text > 80 && ld < 0.25f)
				si->flags |= XF_KEEP;
			else if (si->text > 0 && si->text < 80 &&
				 si->link == 0 && has_sentence_end(sib))
				si->flags |= XF_KEEP;
		}
	}
	/* The lead photo just above the text, between headline and body. */
	k = 0;
	for (xmlNodePtr sib = cand->prev; sib && k < 3; sib = sib->prev) {
		struct xinfo *si = xi(sib);

		if (!si || x_skipped(x, sib))
			continue;
		k++;
		/* a figure, or a box holding an image and at most a caption */
		if ((si->tag == T_FIGURE ||
		     ((si->tag == T_DIV || si->tag == T_PICTURE) &&
		      si->nimg <= 2 && si->text < 400 && !si->nh && !si->nli &&
		      !si->ninput && si->weight >= 0)) &&
		    si->nimg > 0 && si->link * 2 <= si->text)
			si->flags |= XF_KEEP;
		/* the standfirst: a short summary just above the text */
		else if (si->text >= 40 && si->text < 800 && !si->nh &&
			 !si->nli && si->link * 4 < si->text && names_lead(sib))
			si->flags |= XF_KEEP;
	}
	return parent;
}
