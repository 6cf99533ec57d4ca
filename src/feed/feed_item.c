/* feed_item.c: RSS, RDF, Atom, Dublin Core and Media RSS elements to items. */
#include "autoconfig.h"

#include "feed/feed_int.h"
#include "html/html_text.h"
#include "util/date.h"
#include "util/str.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How an Atom text construct's content is to be read. */
enum text_kind { TEXT_PLAIN, TEXT_HTML, TEXT_XHTML, TEXT_SKIP };

static enum text_kind
atom_text_kind(const xmlNode *n)
{
	const char *type = feed_attr(n, "type", NULL);
	const char *mode = feed_attr(n, "mode", NULL);

	if (mode && !strcmp(mode, "base64"))
		return TEXT_SKIP;
	if (mode && !strcmp(mode, "xml"))
		return TEXT_XHTML;
	if (feed_attr(n, "src", NULL))
		return TEXT_SKIP;
	if (!type)
		/* untyped text is read as HTML: it mostly is */
		return TEXT_HTML;
	if (!str_casecmp(type, "text") || !str_casecmp(type, "text/plain"))
		return TEXT_PLAIN;
	if (!str_casecmp(type, "xhtml") ||
	    !str_casecmp(type, "application/xhtml+xml"))
		return TEXT_XHTML;
	if (!str_casecmp(type, "html") || !str_casecmp(type, "text/html"))
		return TEXT_HTML;
	if (str_istarts_with(type, "text/"))
		return TEXT_PLAIN;
	return TEXT_SKIP;
}

/* An HTML fragment from a summary or content element; NULL when empty. */
static char *
html_field(xmlNode *n, int atom, size_t max)
{
	enum text_kind k = atom ? atom_text_kind(n) : TEXT_HTML;
	char *s = NULL, *esc;

	switch (k) {
	case TEXT_SKIP:
		return NULL;
	case TEXT_XHTML:
		s = feed_node_markup(n, max);
		break;
	case TEXT_PLAIN:
		s = feed_node_text(n, max);
		esc = html_text_escape(s);
		free(s);
		s = esc;
		break;
	case TEXT_HTML:
		s = feed_node_html(n, max);
		break;
	}
	str_trim(s);
	if (!*s) {
		free(s);
		return NULL;
	}
	return s;
}

/* Plain text of a title-like element. */
static char *
plain_field(const xmlNode *n, size_t max)
{
	char *raw = feed_node_html(n, max * 4 + 64), *s;

	s = html_text_fragment(raw, strlen(raw), HTML_TEXT_LINE, max);
	free(raw);
	return s;
}

/* An author: Atom's <name>, RSS's "mail@host (Name)", or the text. */
static char *
author_field(const xmlNode *n)
{
	const char *local;
	char *s, *open, *close;

	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    feed_node_ns(c, &local) != NS_OTHER &&
		    !strcmp(local, "name"))
			return plain_field(c, NAME_MAX_);
	s = plain_field(n, NAME_MAX_);
	open = strchr(s, '(');
	close = open ? strrchr(open, ')') : NULL;
	if (open && close && close > open + 1 && strchr(s, '@') &&
	    strchr(s, '@') < open) {
		char *name = xstrndup(open + 1, (size_t)(close - open - 1));

		free(s);
		s = str_trim(name);
	}
	if (!*s) {
		free(s);
		return NULL;
	}
	return s;
}

static void
set_str(char **dst, char *s)
{
	if (!*dst && s && *s) {
		*dst = s;
		return;
	}
	free(s);
}

/* A date element: parsed into *t when *t is still unset. */
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

/* What one item's elements gave before defaults are applied. */
struct item_parts {
	char *title, *link, *alt_link, *guid_link, *id, *author, *creator;
	char *summary, *media_desc, *content, *image, *enclosure, *enc_type;
	char *date_raw;
	time_t published, updated;
	int have_pub, have_upd;
};

static void
media_element(const struct feed_ctx *p, xmlNode *c, const char *local,
	      struct item_parts *ip, int depth)
{
	if (!strcmp(local, "description")) {
		const char *type = feed_attr(c, "type", NULL);
		char *s;

		if (type && !strcmp(type, "html")) {
			s = html_field(c, 0, SUMMARY_MAX);
		} else {
			char *t = feed_node_text(c, SUMMARY_MAX);

			s = html_text_escape(str_trim(t));
			free(t);
		}
		set_str(&ip->media_desc, s);
	} else if (!strcmp(local, "thumbnail")) {
		set_str(&ip->image,
			feed_resolve_link(p, c, feed_attr(c, "url", NULL)));
	} else if (!strcmp(local, "content")) {
		const char *medium = feed_attr(c, "medium", NULL);
		const char *type = feed_attr(c, "type", NULL);

		if ((medium && !strcmp(medium, "image")) ||
		    (type && str_istarts_with(type, "image/")))
			set_str(
			    &ip->image,
			    feed_resolve_link(p, c, feed_attr(c, "url", NULL)));
		if (depth == 0)
			for (xmlNode *g = c->children; g; g = g->next) {
				const char *l;

				if (g->type == XML_ELEMENT_NODE &&
				    feed_node_ns(g, &l) == NS_MEDIA)
					media_element(p, g, l, ip, 1);
			}
	} else if (!strcmp(local, "group") && depth == 0) {
		for (xmlNode *g = c->children; g; g = g->next) {
			const char *l;

			if (g->type == XML_ELEMENT_NODE &&
			    feed_node_ns(g, &l) == NS_MEDIA)
				media_element(p, g, l, ip, 1);
		}
	}
}

/* <link>: RSS's text, or Atom's href with its rel. */
static void
link_element(const struct feed_ctx *p, xmlNode *c, struct item_parts *ip)
{
	const char *href = feed_attr(c, "href", NULL);
	const char *rel, *type;

	if (!href) {
		char *t = feed_node_text(c, LINK_MAX);

		set_str(&ip->link, feed_resolve_link(p, c, t));
		free(t);
		return;
	}
	rel = feed_attr(c, "rel", NULL);
	type = feed_attr(c, "type", NULL);
	if (!rel || !strcmp(rel, "alternate") ||
	    !strcmp(rel,
		    "http://www.iana.org/assignments/relation/alternate")) {
		if (!type || str_istarts_with(type, "text/html") ||
		    str_istarts_with(type, "application/xhtml"))
			set_str(&ip->link, feed_resolve_link(p, c, href));
		else
			set_str(&ip->alt_link, feed_resolve_link(p, c, href));
	} else if (!strcmp(rel, "enclosure")) {
		if (!ip->enclosure) {
			set_str(&ip->enclosure, feed_resolve_link(p, c, href));
			if (type)
				set_str(&ip->enc_type, xstrndup(type, 128));
		}
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
		if (!strcmp(local, "title")) {
			if (!ip->title)
				ip->title = plain_field(c, TITLE_MAX);
		} else if (!strcmp(local, "link")) {
			link_element(p, c, ip);
		} else if (!strcmp(local, "guid")) {
			const char *perma = feed_attr(c, "isPermaLink", NULL);
			char *g = str_trim(feed_node_text(c, ID_MAX));

			if (!perma || strcmp(perma, "false"))
				set_str(&ip->guid_link,
					feed_resolve_link(p, c, g));
			set_str(&ip->id, g);
		} else if (!strcmp(local, "id")) {
			set_str(&ip->id, str_trim(feed_node_text(c, ID_MAX)));
		} else if (!strcmp(local, "author")) {
			set_str(&ip->author, author_field(c));
		} else if (!strcmp(local, "pubDate") ||
			   !strcmp(local, "published") ||
			   !strcmp(local, "issued") ||
			   !strcmp(local, "created")) {
			set_date(&ip->published, &ip->have_pub, &ip->date_raw,
				 c);
		} else if (!strcmp(local, "updated") ||
			   !strcmp(local, "modified")) {
			set_date(&ip->updated, &ip->have_upd, &ip->date_raw, c);
		} else if (!strcmp(local, "description")) {
			set_str(&ip->summary, html_field(c, 0, SUMMARY_MAX));
		} else if (!strcmp(local, "summary")) {
			set_str(&ip->summary, html_field(c, 1, SUMMARY_MAX));
		} else if (!strcmp(local, "content")) {
			set_str(&ip->content, html_field(c, 1, CONTENT_MAX));
		} else if (!strcmp(local, "enclosure") && !ip->enclosure) {
			const char *type = feed_attr(c, "type", NULL);

			set_str(
			    &ip->enclosure,
			    feed_resolve_link(p, c, feed_attr(c, "url", NULL)));
			if (type)
				set_str(&ip->enc_type, xstrndup(type, 128));
			if (type && str_istarts_with(type, "image/"))
				set_str(&ip->image,
					feed_resolve_link(
					    p, c, feed_attr(c, "url", NULL)));
		}
		break;
	case NS_DC:
		if (!strcmp(local, "creator") || !strcmp(local, "author"))
			set_str(&ip->creator, author_field(c));
		else if (!strcmp(local, "date"))
			set_date(&ip->published, &ip->have_pub, &ip->date_raw,
				 c);
		else if (!strcmp(local, "description"))
			set_str(&ip->summary, html_field(c, 0, SUMMARY_MAX));
		else if (!strcmp(local, "title") && !ip->title)
			ip->title = plain_field(c, TITLE_MAX);
		else if (!strcmp(local, "identifier"))
			set_str(&ip->id, str_trim(feed_node_text(c, ID_MAX)));
		break;
	case NS_DCTERMS:
		if (!strcmp(local, "modified"))
			set_date(&ip->updated, &ip->have_upd, &ip->date_raw, c);
		else if (!strcmp(local, "created") || !strcmp(local, "issued"))
			set_date(&ip->published, &ip->have_pub, &ip->date_raw,
				 c);
		break;
	case NS_CONTENT:
		if (!strcmp(local, "encoded"))
			set_str(&ip->content, html_field(c, 0, CONTENT_MAX));
		break;
	case NS_MEDIA:
		media_element(p, c, local, ip, 0);
		break;
	case NS_RDF:
	case NS_OTHER:
		break;
	}
}

/* Fill it from the item or entry element n. */
void
feed_item_from_node(const struct feed_ctx *p, xmlNode *n, struct feed_item *it)
{
	struct item_parts ip;
	uint64_t h;
	char hex[20];

	memset(&ip, 0, sizeof(ip));
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
	if (!ip.link && ip.alt_link) {
		ip.link = ip.alt_link;
		ip.alt_link = NULL;
	}
	if (!ip.link && ip.guid_link) {
		ip.link = ip.guid_link;
		ip.guid_link = NULL;
	}
	if (!ip.link && ip.id && !p->is_atom)
		ip.link = feed_resolve_link(p, n, ip.id);
	it->title = ip.title ? ip.title : xstrdup("");
	it->link = ip.link;
	it->id = ip.id;
	it->author = ip.author ? ip.author : ip.creator;
	if (ip.author)
		free(ip.creator);
	it->summary = ip.summary ? ip.summary : ip.media_desc;
	if (ip.summary)
		free(ip.media_desc);
	it->content = ip.content;
	it->image = ip.image;
	it->enclosure = ip.enclosure;
	it->enclosure_type = ip.enc_type;
	if (!ip.have_pub && ip.have_upd) {
		ip.published = ip.updated;
		ip.have_pub = 1;
	}
	it->published = ip.have_pub ? ip.published : p->now;
	it->updated = ip.have_upd ? ip.updated : 0;
	it->date_guessed = !ip.have_pub;
	if (it->id)
		it->key = xstrdup(it->id);
	else if (it->link)
		it->key = xstrdup(it->link);
	else {
		h = html_text_hash(it->title, strlen(it->title),
				   HTML_TEXT_FNV_INIT);
		h = html_text_hash("\x1f", 1, h);
		if (ip.date_raw)
			h = html_text_hash(ip.date_raw, strlen(ip.date_raw), h);
		snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)h);
		it->key = xasprintf("h:%s", hex);
	}
	free(ip.alt_link);
	free(ip.guid_link);
	free(ip.date_raw);
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
		if (!strcmp(local, "title") && !f->title) {
			f->title = plain_field(c, TITLE_MAX);
		} else if (!strcmp(local, "link") && !f->link && ns != NS_DC) {
			const char *href = feed_attr(c, "href", NULL);
			const char *rel = feed_attr(c, "rel", NULL);

			if (!href) {
				char *t = feed_node_text(c, LINK_MAX);

				f->link = feed_resolve_link(p, c, t);
				free(t);
			} else if (!rel || !strcmp(rel, "alternate")) {
				f->link = feed_resolve_link(p, c, href);
			}
		}
	}
}
