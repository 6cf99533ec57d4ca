/* feed_item.c: RSS, RDF, Atom and Dublin Core elements to items. */
#include "autoconfig.h"

#include "feed/feed_int.h"
#include "html/html_text.h"
#include "util/date.h"
#include "util/str.h"
#include "util/url.h"
#include "util/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
feed_set_str(char **dst, char *s)
{
	if (!*dst && s && *s) {
		*dst = s;
		return;
	}
	free(s);
}

void
feed_add_tag(struct item_parts *ip, char *tag)
{
	if (tag) {
		char *sq = str_squeeze(tag, strlen(tag));

		free(tag);
		tag = sq;
		utf8_cut(tag, TAG_MAX);
	}
	if (!tag || !*tag || ip->ntags >= FEED_MAX_TAGS) {
		free(tag);
		return;
	}
	for (size_t i = 0; i < ip->ntags; i++)
		if (!strcmp(ip->tags[i], tag)) {
			free(tag);
			return;
		}
	ip->tags = xreallocarray(ip->tags, ip->ntags + 1, sizeof(*ip->tags));
	ip->tags[ip->ntags++] = tag;
}

/* A date element: parsed into *t unless one of its kind came first. */
static void
set_date(time_t *t, int *have, char **raw, const xmlNode *n)
{
	char *s;
	int ok;
	time_t v;

	if (*have)
		return;
	s = feed_node_text(n, DATE_MAX);
	v = date_parse(s, &ok);
	if (ok) {
		*t = v;
		*have = 1;
	}
	if (!*raw)
		*raw = s;
	else
		free(s);
}

/* How the text of element c is written: Atom's text constructs say so
 * themselves; RSS's hold HTML. */
static enum feed_text
text_kind(const struct feed_ctx *p, enum feed_ns ns)
{
	if (ns == NS_ATOM || (ns == NS_CORE && p->dialect != DIALECT_RSS))
		return FT_ATOM;
	return FT_HTML;
}

/* How a title is written: as text_kind(), but RSS titles are plain text
 * unless they plainly hold HTML ("&amp;amp;", "</b>"). */
static enum feed_text
title_kind(const struct feed_ctx *p, enum feed_ns ns)
{
	enum feed_text k = text_kind(p, ns);

	return k == FT_HTML ? FT_GUESS : k;
}

/* 1 if s is an absolute http(s) URL (a guid or an id that is a link). */
static int
is_link(const char *s)
{
	return s && url_is_http(s);
}

/* <link>: RSS's text, or Atom's href (or text, in Atom 0.3) with its rel:
 * alternate (the default) is the item's page, an HTML one first;
 * enclosure is a file. */
static void
link_element(const struct feed_ctx *p, xmlNode *c, enum feed_ns ns,
	     struct item_parts *ip)
{
	const char *href = feed_attr(c, "href", NULL);
	const char *rel = feed_attr(c, "rel", NULL);
	const char *type = feed_attr(c, "type", NULL);
	char *text = NULL, *url;

	if (!href) {
		text = feed_node_text(c, LINK_MAX);
		href = text;
	}
	url = feed_resolve_link(p, c, href);
	free(text);
	if (!url)
		return;
	if (ns == NS_CORE && !rel && !type) {
		feed_set_str(&ip->link, url);
	} else if (!rel || !str_casecmp(rel, "alternate") ||
		   !strcmp(rel, "http://www.iana.org/assignments/relation/"
				"alternate")) {
		if (!type || str_istarts_with(type, "text/html") ||
		    str_istarts_with(type, "application/xhtml"))
			feed_set_str(&ip->link, url);
		else
			feed_set_str(&ip->alt_link, url);
	} else if (!str_casecmp(rel, "enclosure")) {
		feed_add_enclosure(ip, url, type,
				   feed_length(feed_attr(c, "length", NULL)),
				   -1);
	} else if (!str_casecmp(rel, "replies")) {
		/* Atom threading: the replies as a page or as a feed, with
		 * their count in thr:count */
		const char *count = feed_attr(
		    c, "count", "http://purl.org/syndication/thread/1.0");

		if (count && ip->comment_count < 0)
			ip->comment_count = (long)feed_length(count);
		if (count && !strcmp(count, "0"))
			ip->comment_count = 0;
		if (type && (str_istarts_with(type, "application/atom") ||
			     str_istarts_with(type, "application/rss")))
			feed_set_str(&ip->comments_feed, url);
		else
			feed_set_str(&ip->comments, url);
	} else {
		free(url);
	}
}

/* A count of comments ("12"), or -1. */
static long
count_of(xmlNode *c)
{
	char *t = feed_node_text(c, 32);
	long long v = feed_length(t);

	if (v < 0 && t && !strcmp(str_trim(t), "0"))
		v = 0;
	free(t);
	return v >= 0 && v < 1000000000L ? (long)v : -1;
}

/* <category>: RSS's text, Atom's term (its label only when there is no
 * term: the term names the category, the label dresses it). */
static void
category_element(const struct feed_ctx *p, xmlNode *c, struct item_parts *ip)
{
	const char *label = feed_attr(c, "label", NULL);
	const char *term = feed_attr(c, "term", NULL);

	if (term && *term)
		feed_add_tag(ip, xstrdup(term));
	else if (label && *label)
		feed_add_tag(ip, xstrdup(label));
	else
		feed_add_tag(ip, feed_text_plain(p, c, FT_GUESS, TAG_MAX));
}

/* The elements of RSS and Atom themselves (names in any case). */
static void
core_element(const struct feed_ctx *p, xmlNode *c, enum feed_ns ns,
	     const char *local, struct item_parts *ip)
{
	enum feed_text kind = text_kind(p, ns);

	if (feed_name_is(local, "title")) {
		if (!ip->title)
			ip->title =
			    feed_text_plain(p, c, title_kind(p, ns), TITLE_MAX);
	} else if (feed_name_is(local, "link")) {
		link_element(p, c, ns, ip);
	} else if (feed_name_is(local, "guid")) {
		const char *perma = feed_attr(c, "isPermaLink", NULL);
		char *g = str_trim(feed_node_text(c, ID_MAX));

		if ((!perma || str_casecmp(perma, "false")) && is_link(g))
			feed_set_str(&ip->guid_link,
				     feed_resolve_link(p, c, g));
		feed_set_str(&ip->id, g);
	} else if (feed_name_is(local, "id")) {
		feed_set_str(&ip->id, str_trim(feed_node_text(c, ID_MAX)));
	} else if (feed_name_is(local, "author")) {
		feed_set_str(&ip->author, feed_person(p, c));
	} else if (feed_name_is(local, "pubDate") ||
		   feed_name_is(local, "published") ||
		   feed_name_is(local, "issued") ||
		   feed_name_is(local, "created")) {
		set_date(&ip->published, &ip->have_pub, &ip->date_raw, c);
	} else if (feed_name_is(local, "updated") ||
		   feed_name_is(local, "modified")) {
		set_date(&ip->updated, &ip->have_upd, &ip->date_raw, c);
	} else if (feed_name_is(local, "description")) {
		feed_set_str(&ip->summary,
			     feed_text_html(p, c, FT_HTML, SUMMARY_MAX));
	} else if (feed_name_is(local, "summary")) {
		feed_set_str(&ip->summary,
			     feed_text_html(p, c, kind, SUMMARY_MAX));
	} else if (feed_name_is(local, "content")) {
		feed_set_str(&ip->content,
			     feed_text_html(p, c, kind, CONTENT_MAX));
	} else if (feed_name_is(local, "enclosure")) {
		const char *type = feed_attr(c, "type", NULL);
		char *url = feed_resolve_link(p, c, feed_attr(c, "url", NULL));
		int at;

		if (url && type && str_istarts_with(type, "image/"))
			feed_set_str(&ip->image, xstrdup(url));
		at = feed_add_enclosure(
		    ip, url, type, feed_length(feed_attr(c, "length", NULL)),
		    -1);
		if (ip->rss_enc < 0)
			ip->rss_enc = at;
	} else if (feed_name_is(local, "category")) {
		category_element(p, c, ip);
	} else if (feed_name_is(local, "comments") && ns == NS_CORE) {
		char *t = feed_node_text(c, LINK_MAX);

		feed_set_str(&ip->comments, feed_resolve_link(p, c, t));
		free(t);
	}
}

static void
item_element(const struct feed_ctx *p, xmlNode *c, struct item_parts *ip)
{
	const char *local;
	enum feed_ns ns = feed_node_ns(c, &local);

	switch (ns) {
	case NS_CORE:
	case NS_ATOM:
		core_element(p, c, ns, local, ip);
		break;
	case NS_DC:
		if (feed_name_is(local, "creator") ||
		    feed_name_is(local, "author"))
			feed_set_str(&ip->creator, feed_person(p, c));
		else if (feed_name_is(local, "date"))
			set_date(&ip->published, &ip->have_pub, &ip->date_raw,
				 c);
		else if (feed_name_is(local, "description"))
			feed_set_str(&ip->dc_desc, feed_text_html(p, c, FT_HTML,
								  SUMMARY_MAX));
		else if (feed_name_is(local, "title") && !ip->title)
			ip->title = feed_text_plain(p, c, FT_GUESS, TITLE_MAX);
		else if (feed_name_is(local, "identifier"))
			feed_set_str(&ip->id,
				     str_trim(feed_node_text(c, ID_MAX)));
		else if (feed_name_is(local, "subject"))
			feed_add_tag(ip,
				     feed_text_plain(p, c, FT_GUESS, TAG_MAX));
		break;
	case NS_DCTERMS:
		if (feed_name_is(local, "modified"))
			set_date(&ip->updated, &ip->have_upd, &ip->date_raw, c);
		else if (feed_name_is(local, "created") ||
			 feed_name_is(local, "issued") ||
			 feed_name_is(local, "date"))
			set_date(&ip->published, &ip->have_pub, &ip->date_raw,
				 c);
		break;
	case NS_CONTENT:
		if (feed_name_is(local, "encoded"))
			feed_set_str(&ip->content, feed_text_html(p, c, FT_HTML,
								  CONTENT_MAX));
		break;
	case NS_XHTML:
		if (feed_name_is(local, "body") || feed_name_is(local, "div"))
			feed_set_str(
			    &ip->xhtml_body,
			    feed_text_html(p, c, FT_XHTML, CONTENT_MAX));
		break;
	case NS_MEDIA:
		feed_media_element(p, c, local, ip);
		break;
	case NS_ITUNES:
		feed_itunes_element(p, c, local, ip);
		break;
	case NS_SLASH:
		if (feed_name_is(local, "comments") && ip->comment_count < 0)
			ip->comment_count = count_of(c);
		break;
	case NS_THR:
		if (feed_name_is(local, "total") && ip->comment_count < 0)
			ip->comment_count = count_of(c);
		break;
	case NS_WFW:
		if (feed_name_is(local, "comment") ||
		    feed_name_is(local, "commentRss") ||
		    feed_name_is(local, "commentRSS")) {
			char *t = feed_node_text(c, LINK_MAX);

			feed_set_str(feed_name_is(local, "comment")
					 ? &ip->wfw_comment
					 : &ip->comments_feed,
				     feed_resolve_link(p, c, t));
			free(t);
		}
		break;
	case NS_RDF:
	case NS_OTHER:
		break;
	}
}

/* The first of a list of candidates (taken over; the others freed). */
static char *
first_of(char **v, size_t n)
{
	char *keep = NULL;

	for (size_t i = 0; i < n; i++) {
		if (!keep && v[i])
			keep = v[i];
		else
			free(v[i]);
	}
	return keep;
}

void
feed_item_finish(const struct feed_ctx *p, struct item_parts *ip,
		 struct feed_item *it)
{
	uint64_t h;
	char hex[20];

	{
		char *v[] = {ip->title, ip->media_title};

		it->title = first_of(v, 2);
		if (!it->title)
			it->title = xstrdup("");
	}
	{
		char *v[] = {ip->link, ip->alt_link, ip->guid_link};

		it->link = first_of(v, 3);
	}
	if (!it->link && is_link(ip->id) && p->dialect == DIALECT_RSS)
		it->link = xstrdup(ip->id);
	it->id = ip->id;
	{
		char *v[] = {ip->author, ip->creator, ip->itunes_author};

		it->author = first_of(v, 3);
	}
	/* summary: the item's own description or summary, else Dublin
	 * Core's, iTunes' and Media RSS's; content: the full text of
	 * content:encoded or Atom's content, else XHTML's body */
	{
		char *v[] = {ip->summary, ip->dc_desc, ip->itunes_summary,
			     ip->itunes_subtitle, ip->media_desc};

		it->summary = first_of(v, 5);
	}
	{
		char *v[] = {ip->content, ip->xhtml_body};

		it->content = first_of(v, 2);
	}
	{
		char *v[] = {ip->image, ip->itunes_image};

		it->image = first_of(v, 2);
	}
	/* iTunes' duration is the episode's: RSS's enclosure, else the
	 * first */
	if (ip->itunes_duration >= 0 && ip->nenc) {
		struct feed_enclosure *e =
		    &ip->enc[ip->rss_enc >= 0 ? ip->rss_enc : 0];

		if (e->duration < 0)
			e->duration = ip->itunes_duration;
	}
	it->enclosures = ip->enc;
	it->nenclosures = ip->nenc;
	if (ip->nenc) {
		it->enclosure = xstrdup(ip->enc[0].url);
		it->enclosure_type =
		    ip->enc[0].type ? xstrdup(ip->enc[0].type) : NULL;
	}
	it->tags = ip->tags;
	it->ntags = ip->ntags;
	{
		char *v[] = {ip->comments, ip->wfw_comment};

		it->comments = first_of(v, 2);
	}
	it->comments_feed = ip->comments_feed;
	it->comment_count = ip->comment_count;
	if (p->fix_text) {
		it->title = feed_text_fix(it->title);
		it->author = feed_text_fix(it->author);
		it->summary = feed_text_fix(it->summary);
		it->content = feed_text_fix(it->content);
		for (size_t i = 0; i < it->ntags; i++)
			it->tags[i] = feed_text_fix(it->tags[i]);
	}
	if (!ip->have_pub && ip->have_upd) {
		ip->published = ip->updated;
		ip->have_pub = 1;
	}
	it->published = ip->have_pub ? ip->published : p->now;
	it->updated = ip->have_upd ? ip->updated : 0;
	it->date_guessed = !ip->have_pub;
	if (it->id)
		it->key = xstrdup(it->id);
	else if (it->link)
		it->key = xstrdup(it->link);
	else {
		h = html_text_hash(it->title, strlen(it->title),
				   HTML_TEXT_FNV_INIT);
		h = html_text_hash("\x1f", 1, h);
		if (ip->date_raw)
			h = html_text_hash(ip->date_raw, strlen(ip->date_raw),
					   h);
		snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)h);
		it->key = xasprintf("h:%s", hex);
	}
	free(ip->date_raw);
	memset(ip, 0, sizeof(*ip));
}

void
feed_item_from_node(const struct feed_ctx *p, xmlNode *n, struct feed_item *it)
{
	struct item_parts ip;

	memset(&ip, 0, sizeof(ip));
	ip.itunes_duration = -1;
	ip.rss_enc = -1;
	ip.comment_count = -1;
	for (xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			item_element(p, c, &ip);
	if (!ip.id) {
		const char *about = feed_attr(n, "about", NULL);

		if (about)
			ip.id = str_trim(xstrndup(about, ID_MAX));
		if (ip.id && !*ip.id) {
			free(ip.id);
			ip.id = NULL;
		}
	}
	feed_item_finish(p, &ip, it);
}

#define SY_NS "http://purl.org/rss/1.0/modules/syndication/"
/* The longest update interval a feed is believed (seconds): a week. */
#define INTERVAL_MAX (7L * 86400)

/* A whole number of at most 7 digits in n's text, or -1. */
static long
node_number(const xmlNode *n)
{
	char *t = feed_node_text(n, 32);
	long v = -1;

	if (str_to_long(str_trim(t), 0, 9999999, &v) < 0)
		v = -1;
	free(t);
	return v;
}

/* The interval sy:updatePeriod (its element up) and sy:updateFrequency
 * (freq, 1 when absent) say: the period over the times per period. */
static long
sy_interval(const xmlNode *up, const xmlNode *freq)
{
	static const struct {
		const char *name;
		long secs;
	} periods[] = {
	    {"hourly", 3600},	   {"daily", 86400},
	    {"weekly", 7 * 86400}, {"monthly", 30 * 86400},
	    {"yearly", 365 * 86400},
	};
	char *t = feed_node_text(up, 32);
	long per = 0, times = freq ? node_number(freq) : 1;

	str_trim(t);
	for (size_t i = 0; i < sizeof(periods) / sizeof(periods[0]); i++)
		if (!str_casecmp(t, periods[i].name))
			per = periods[i].secs;
	free(t);
	if (!per || times <= 0)
		return 0;
	return per / times;
}

/* What the feed says of its own update interval, from the children of its
 * channel n: <ttl> minutes first, then the syndication module. */
static long
channel_interval(xmlNode *n)
{
	const xmlNode *up = NULL, *freq = NULL;
	long v = 0;

	for (xmlNode *c = n->children; c; c = c->next) {
		const char *local;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (c->ns && c->ns->href &&
		    !strcmp((const char *)c->ns->href, SY_NS)) {
			if (!strcmp((const char *)c->name, "updatePeriod"))
				up = c;
			else if (!strcmp((const char *)c->name,
					 "updateFrequency"))
				freq = c;
		} else if (!v && feed_node_ns(c, &local) == NS_CORE &&
			   !strcmp(local, "ttl")) {
			v = node_number(c);
			v = v > 0 ? v * 60 : 0;
		}
	}
	if (!v && up)
		v = sy_interval(up, freq);
	return v > INTERVAL_MAX ? INTERVAL_MAX : v;
}

/* The feed's own title and link from its channel (RSS, RDF) or root
 * (Atom) element. */
void
feed_channel_meta(const struct feed_ctx *p, xmlNode *n, struct feed *f)
{
	const char *local;

	f->interval = channel_interval(n);
	for (xmlNode *c = n->children; c; c = c->next) {
		enum feed_ns ns;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		ns = feed_node_ns(c, &local);
		if (ns != NS_CORE && ns != NS_ATOM && ns != NS_DC)
			continue;
		if (feed_name_is(local, "title") && !f->title) {
			f->title = feed_text_plain(
			    p, c, ns == NS_DC ? FT_GUESS : title_kind(p, ns),
			    TITLE_MAX);
		} else if (feed_name_is(local, "link") && !f->link &&
			   ns != NS_DC) {
			const char *href = feed_attr(c, "href", NULL);
			const char *rel = feed_attr(c, "rel", NULL);

			if (!href) {
				char *t = feed_node_text(c, LINK_MAX);

				f->link = feed_resolve_link(p, c, t);
				free(t);
			} else if (!rel || !str_casecmp(rel, "alternate")) {
				f->link = feed_resolve_link(p, c, href);
			}
		}
	}
	if (p->fix_text)
		f->title = feed_text_fix(f->title);
}
