/* feed_media.c: enclosures, and Media RSS and iTunes elements of items. */
#include "autoconfig.h"

#include "feed/feed_int.h"
#include "util/str.h"

#include <stdlib.h>
#include <string.h>

/* Longer than any recording: a larger duration is a mistake. */
#define DURATION_MAX (100L * 24 * 3600)
/* A petabyte: a larger length is a mistake. */
#define LENGTH_MAX 1000000000000000LL

int
feed_add_enclosure(struct item_parts *ip, char *url, const char *type,
		   long long length, long duration)
{
	struct feed_enclosure *e;
	char *t = NULL;

	if (!url)
		return -1;
	if (type) {
		t = str_trim(xstrndup(type, TYPE_MAX));
		if (!*t || strpbrk(t, " \t\r\n<>\"")) {
			free(t);
			t = NULL;
		}
	}
	for (size_t i = 0; i < ip->nenc; i++) {
		e = &ip->enc[i];
		if (strcmp(e->url, url))
			continue;
		/* the same file named twice (enclosure and media:content):
		 * one enclosure with what either said */
		if (!e->type) {
			e->type = t;
			t = NULL;
		}
		if (e->length < 0)
			e->length = length;
		if (e->duration < 0)
			e->duration = duration;
		free(t);
		free(url);
		return (int)i;
	}
	if (ip->nenc >= FEED_MAX_ENCLOSURES) {
		free(t);
		free(url);
		return -1;
	}
	ip->enc = xreallocarray(ip->enc, ip->nenc + 1, sizeof(*ip->enc));
	e = &ip->enc[ip->nenc++];
	e->url = url;
	e->type = t;
	e->length = length;
	e->duration = duration;
	return (int)ip->nenc - 1;
}

long
feed_duration(const char *s)
{
	long parts[3], v;
	int n = 0;
	const char *p = s;

	if (!s)
		return -1;
	while (str_isspace((unsigned char)*p))
		p++;
	for (;;) {
		int digits = 0;

		v = 0;
		while (*p >= '0' && *p <= '9') {
			if (v > DURATION_MAX)
				return -1;
			v = v * 10 + (*p++ - '0');
			digits++;
		}
		if (!digits || n == 3)
			return -1;
		parts[n++] = v;
		if (*p != ':')
			break;
		p++;
	}
	if (*p == '.' || *p == ',') { /* a fraction of a second */
		p++;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	while (str_isspace((unsigned char)*p))
		p++;
	if (*p)
		return -1;
	v = 0;
	for (int i = 0; i < n; i++)
		v = v * 60 + parts[i];
	return v <= DURATION_MAX ? v : -1;
}

long long
feed_length(const char *s)
{
	long long v = 0;
	const char *p = s;

	if (!s)
		return -1;
	while (str_isspace((unsigned char)*p))
		p++;
	if (*p < '0' || *p > '9')
		return -1;
	while (*p >= '0' && *p <= '9') {
		v = v * 10 + (*p++ - '0');
		if (v > LENGTH_MAX)
			return -1;
	}
	while (str_isspace((unsigned char)*p))
		p++;
	return *p || v <= 0 ? -1 : v;
}

static void media_children(const struct feed_ctx *p, xmlNode *c,
			   struct item_parts *ip, int depth);

static void
media_one(const struct feed_ctx *p, xmlNode *c, const char *local,
	  struct item_parts *ip, int depth)
{
	const char *type = feed_attr(c, "type", NULL);

	if (feed_name_is(local, "content")) {
		const char *medium = feed_attr(c, "medium", NULL);
		const char *url = feed_attr(c, "url", NULL);

		if ((medium && !str_casecmp(medium, "image")) ||
		    (type && str_istarts_with(type, "image/")))
			feed_set_str(&ip->image, feed_resolve_link(p, c, url));
		feed_add_enclosure(
		    ip, feed_resolve_link(p, c, url), type,
		    feed_length(feed_attr(c, "fileSize", NULL)),
		    feed_duration(feed_attr(c, "duration", NULL)));
		media_children(p, c, ip, depth);
	} else if (feed_name_is(local, "thumbnail")) {
		feed_set_str(&ip->image, feed_resolve_link(
					     p, c, feed_attr(c, "url", NULL)));
	} else if (feed_name_is(local, "title")) {
		if (!ip->media_title)
			ip->media_title = feed_text_plain(
			    p, c,
			    type && !str_casecmp(type, "html") ? FT_HTML
							       : FT_PLAIN,
			    TITLE_MAX);
	} else if (feed_name_is(local, "description")) {
		feed_set_str(&ip->media_desc,
			     feed_text_html(p, c,
					    type && !str_casecmp(type, "html")
						? FT_HTML
						: FT_PLAIN,
					    SUMMARY_MAX));
	} else if (feed_name_is(local, "group")) {
		media_children(p, c, ip, depth);
	} else if (feed_name_is(local, "category")) {
		const char *label = feed_attr(c, "label", NULL);
		char *t = feed_text_plain(p, c, FT_PLAIN, TAG_MAX);

		if (!*t && label) {
			free(t);
			t = xstrdup(label);
		}
		feed_add_tag(ip, t);
	}
}

/* The Media RSS elements inside c (a group or a content), one level. */
static void
media_children(const struct feed_ctx *p, xmlNode *c, struct item_parts *ip,
	       int depth)
{
	if (depth > 1)
		return;
	for (xmlNode *g = c->children; g; g = g->next) {
		const char *l;

		if (g->type == XML_ELEMENT_NODE &&
		    feed_node_ns(g, &l) == NS_MEDIA)
			media_one(p, g, l, ip, depth + 1);
	}
}

void
feed_media_element(const struct feed_ctx *p, xmlNode *c, const char *local,
		   struct item_parts *ip)
{
	media_one(p, c, local, ip, 0);
}

void
feed_itunes_element(const struct feed_ctx *p, xmlNode *c, const char *local,
		    struct item_parts *ip)
{
	if (feed_name_is(local, "author")) {
		if (!ip->itunes_author)
			ip->itunes_author = feed_person(p, c);
	} else if (feed_name_is(local, "image")) {
		const char *href = feed_attr(c, "href", NULL);
		char *t = href ? NULL : feed_node_text(c, LINK_MAX);

		feed_set_str(&ip->itunes_image,
			     feed_resolve_link(p, c, href ? href : t));
		free(t);
	} else if (feed_name_is(local, "duration")) {
		char *t = feed_node_text(c, 64);

		if (ip->itunes_duration < 0)
			ip->itunes_duration = feed_duration(t);
		free(t);
	} else if (feed_name_is(local, "summary")) {
		feed_set_str(&ip->itunes_summary,
			     feed_text_html(p, c, FT_GUESS, SUMMARY_MAX));
	} else if (feed_name_is(local, "subtitle")) {
		feed_set_str(&ip->itunes_subtitle,
			     feed_text_html(p, c, FT_GUESS, SUMMARY_MAX));
	} else if (feed_name_is(local, "title")) {
		if (!ip->media_title)
			ip->media_title =
			    feed_text_plain(p, c, FT_PLAIN, TITLE_MAX);
	} else if (feed_name_is(local, "category")) {
		/* text="Technology", and inside it text="Gadgets" */
		feed_add_tag(ip, xstrdup(feed_attr(c, "text", NULL) ? feed_attr(c, "text", NULL) : ""));
		for (xmlNode *g = c->children; g; g = g->next) {
			const char *l;

			if (g->type == XML_ELEMENT_NODE &&
			    feed_node_ns(g, &l) == NS_ITUNES &&
			    feed_name_is(l, "category") &&
			    feed_attr(g, "text", NULL))
				feed_add_tag(
				    ip, xstrdup(feed_attr(g, "text", NULL)));
		}
	} else if (feed_name_is(local, "keywords")) {
		char *t = feed_node_text(c, 4096), *w = t;

		while (w && *w) {
			size_t n = strcspn(w, ",");

			feed_add_tag(ip, str_trim(xstrndup(w, n)));
			w += n;
			if (*w)
				w++;
		}
		free(t);
	}
}
