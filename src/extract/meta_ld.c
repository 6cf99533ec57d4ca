/* meta_ld.c: JSON-LD article objects (NewsArticle and kin) read for metadata.
 */
#include "autoconfig.h"

#include "extract/extract_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/jsonr.h"
#include "util/str.h"
#include "util/url.h"

void
meta_ld_free(struct meta_ld *l)
{
	free(l->title);
	free(l->name);
	free(l->byline);
	free(l->published);
	free(l->site);
	free(l->image);
	free(l->desc);
	memset(l, 0, sizeof(*l));
}

static const char *const article_types[] = {
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "ReviewNewsArticle",
    "BackgroundNewsArticle",
    "Article",
    "BlogPosting",
    "LiveBlogPosting",
    "SocialMediaPosting",
    "TechArticle",
    "ScholarlyArticle",
    "Report",
    "SatiricalArticle",
    "AdvertiserContentArticle",
    "MedicalScholarlyArticle",
    "Review",
    "DiscussionForumPosting",
    "Recipe",
    NULL,
};

/* 2 for an article type, 1 for a web page, 0 otherwise. */
static int
type_rank(const struct jsonr_value *t)
{
	int best = 0;

	if (!t)
		return 0;
	if (t->type == JSONR_ARRAY) {
		for (size_t i = 0; i < t->n; i++) {
			int r = type_rank(&t->items[i]);

			if (r > best)
				best = r;
		}
		return best;
	}
	if (t->type != JSONR_STRING)
		return 0;
	for (const char *const *a = article_types; *a; a++)
		if (!strcmp(t->str, *a))
			return 2;
	if (!strcmp(t->str, "WebPage") || !strcmp(t->str, "ItemPage"))
		return 1;
	return 0;
}

/* A person or organisation's name: a string, {name}, or a list of them. */
static void
names(const struct jsonr_value *v, struct buf *out, int depth)
{
	if (!v || depth > 4)
		return;
	if (v->type == JSONR_STRING) {
		if (!*v->str || url_is_http(v->str))
			return;
		if (out->len)
			buf_puts(out, ", ");
		buf_puts(out, v->str);
	} else if (v->type == JSONR_OBJECT) {
		names(jsonr_get(v, "name"), out, depth + 1);
	} else if (v->type == JSONR_ARRAY) {
		for (size_t i = 0; i < v->n && i < 10; i++)
			names(&v->items[i], out, depth + 1);
	}
}

static char *
ld_string(const struct jsonr_value *v)
{
	const char *s = jsonr_string(v);

	return s && *s ? str_squeeze(s, strlen(s)) : NULL;
}

static char *
ld_image(const struct jsonr_value *v, int depth)
{
	if (!v || depth > 3)
		return NULL;
	if (v->type == JSONR_STRING)
		return ld_string(v);
	if (v->type == JSONR_ARRAY && v->n)
		return ld_image(&v->items[0], depth + 1);
	if (v->type == JSONR_OBJECT)
		return ld_image(jsonr_get(v, "url"), depth + 1);
	return NULL;
}

static void
ld_take(struct meta_ld *l, const struct jsonr_value *o, int rank)
{
	struct buf b;

	if (rank <= l->rank)
		return;
	meta_ld_free(l);
	l->rank = rank;
	l->title = ld_string(jsonr_get(o, "headline"));
	l->name = ld_string(jsonr_get(o, "name"));
	l->published = ld_string(jsonr_get(o, "datePublished"));
	if (!l->published)
		l->published = ld_string(jsonr_get(o, "dateCreated"));
	l->desc = ld_string(jsonr_get(o, "description"));
	l->image = ld_image(jsonr_get(o, "image"), 0);
	buf_init(&b, 1024);
	names(jsonr_get(o, "author"), &b, 0);
	l->byline = b.len ? str_squeeze(b.data, b.len) : NULL;
	buf_reset(&b);
	names(jsonr_get(o, "publisher"), &b, 0);
	l->site = b.len ? str_squeeze(b.data, b.len) : NULL;
	buf_free(&b);
}

/* Look for article objects at the top, in lists and in @graph. */
static void
ld_scan(struct meta_ld *l, const struct jsonr_value *v, int depth)
{
	int rank;

	if (!v || depth > 3)
		return;
	if (v->type == JSONR_ARRAY) {
		for (size_t i = 0; i < v->n && i < 50; i++)
			ld_scan(l, &v->items[i], depth + 1);
		return;
	}
	if (v->type != JSONR_OBJECT)
		return;
	rank = type_rank(jsonr_get(v, "@type"));
	if (rank)
		ld_take(l, v, rank);
	ld_scan(l, jsonr_get(v, "@graph"), depth + 1);
	if (rank == 1)
		ld_scan(l, jsonr_get(v, "mainEntity"), depth + 1);
}

void
meta_ld_read(const char *json, size_t len, struct meta_ld *l)
{
	struct err e;
	struct jsonr_value *v = jsonr_parse(json, len, &e);

	if (v) {
		ld_scan(l, v, 0);
		jsonr_free(v);
	}
}
