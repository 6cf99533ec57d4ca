/* opml.c: OPML subscription lists read into a list of feeds, and written. */
#include "autoconfig.h"

#include "feed/feed_int.h"
#include "feed/opml.h"
#include "html/html_guard.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/utf8.h"

#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_DEPTH 32
#define MAX_FEEDS 10000
#define MAX_TAGS 16
#define MAX_TAG 48 /* bytes: 16 of them still fit a config line */

void
opml_free(struct opml *o)
{
	for (size_t i = 0; i < o->n; i++) {
		struct opml_feed *f = &o->feeds[i];

		free(f->title);
		free(f->url);
		free(f->type);
		for (size_t j = 0; j < f->ntags; j++)
			free(f->tags[j]);
		free(f->tags);
	}
	free(o->feeds);
	free(o->notice);
	memset(o, 0, sizeof(*o));
}

/* An attribute's value, white space squeezed, or NULL when absent/empty. */
static char *
attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s;

	if (!v)
		return NULL;
	s = str_squeeze((const char *)v, strlen((const char *)v));
	xmlFree(v);
	if (!utf8_valid(s, strlen(s))) {
		/* libxml2 lets broken bytes through in recovery: they must
		 * not reach the config file */
		char *t = utf8_sanitize(s, strlen(s), 0);

		free(s);
		s = t;
	}
	if (!*s) {
		free(s);
		return NULL;
	}
	return s;
}

/* A tag as config.ini can hold it: no commas, quotes, comment marks or
 * backslashes (one ending the line would continue it), squeezed. */
static void
add_tag(struct opml_feed *f, const char *t)
{
	char *s = xstrdup(t);

	for (char *p = s; *p; p++)
		if (*p == ',' || *p == ';' || *p == '#' || *p == '"' ||
		    *p == '\\')
			*p = ' ';
	{
		char *q = str_squeeze(s, strlen(s));
		free(s);
		s = q;
	}
	/* the tags line must stay within what the config loader reads */
	utf8_cut(s, MAX_TAG);
	str_trim(s);
	for (size_t i = 0; i < f->ntags; i++)
		if (!strcmp(f->tags[i], s))
			*s = '\0';
	if (!*s || f->ntags >= MAX_TAGS) {
		free(s);
		return;
	}
	f->tags = xreallocarray(f->tags, f->ntags + 1, sizeof(*f->tags));
	f->tags[f->ntags++] = s;
}

/* OPML 2.0 category: comma-separated, each a /slash/path: its last part. */
static void
add_categories(struct opml_feed *f, const char *cats)
{
	const char *p = cats;

	while (*p) {
		size_t n = strcspn(p, ",");
		char *c = xstrndup(p, n);
		char *last = strrchr(c, '/');

		add_tag(f, last ? last + 1 : c);
		free(c);
		p += n;
		if (*p)
			p++;
	}
}

int
opml_parse(const char *bytes, size_t len, struct opml *o, struct err *e)
{
	/* an explicit stack: outline nesting is walked, not recursed */
	struct {
		xmlNodePtr node;
		char *tag;
	} stack[MAX_DEPTH + 1];
	int depth = 0, rc = -1;
	xmlDocPtr doc;
	xmlNodePtr root, body = NULL;

	memset(o, 0, sizeof(*o));
	if (len > (size_t)1 << 30)
		return err_set(e, "OPML larger than 1 GB");
	if (html_guard_check(bytes, len, HTML_GUARD_XML, e) < 0)
		return -1;
	xmlResetLastError();
	doc = xmlReadMemory(bytes, (int)len, NULL, NULL,
			    XML_PARSE_NONET | XML_PARSE_NOERROR |
				XML_PARSE_NOWARNING | XML_PARSE_RECOVER);
	if (!doc)
		return err_set(e, "not XML");
	/* what is dropped is said, never silently lost */
	if (feed_xml_depth_stop(xmlGetLastError()))
		o->notice = xasprintf("nested deeper than %d levels: the rest "
				      "was skipped",
				      XML_DEPTH_CAP);
	if (doc->intSubset && doc->intSubset->entities) {
		/* an attribute read would expand them: no billion laughs */
		err_set(e, "OPML declaring entities is refused");
		goto out;
	}
	root = xmlDocGetRootElement(doc);
	if (!root || xmlStrcasecmp(root->name, (const xmlChar *)"opml")) {
		err_set(e, "not OPML (no <opml> root element)");
		goto out;
	}
	for (xmlNodePtr n = root->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    !xmlStrcasecmp(n->name, (const xmlChar *)"body"))
			body = n;
	if (!body) {
		err_set(e, "OPML without a <body>");
		goto out;
	}
	stack[0].node = body->children;
	stack[0].tag = NULL;
	while (depth >= 0) {
		xmlNodePtr n = stack[depth].node;
		char *url, *title;
		int page;

		if (!n) {
			free(stack[depth].tag);
			depth--;
			continue;
		}
		stack[depth].node = n->next;
		if (n->type != XML_ELEMENT_NODE ||
		    xmlStrcasecmp(n->name, (const xmlChar *)"outline"))
			continue;
		url = attr(n, "xmlUrl");
		if (!url)
			url = attr(n, "xmlurl");
		page = 0;
		title = attr(n, "title");
		if (!title)
			title = attr(n, "text");
		if (!url) {
			char *type = attr(n, "type");

			if (type && !str_casecmp(type, "link")) {
				url = attr(n, "url");
				page = 1;
			} else if (type &&
				   (!str_casecmp(type, "json") ||
				    !str_casecmp(type, "jsonfeed") ||
				    !str_casecmp(type,
						 "application/feed+json"))) {
				/* JSON Feed lists that name the feed's URL
				 * url, not xmlUrl: a feed all the same */
				url = attr(n, "url");
			}
			free(type);
		}
		if (url && o->n < MAX_FEEDS) {
			struct opml_feed *f;
			char *cats;

			o->feeds = xreallocarray(o->feeds, o->n + 1,
						 sizeof(*o->feeds));
			f = &o->feeds[o->n++];
			memset(f, 0, sizeof(*f));
			f->url = url;
			f->title = title;
			f->type = page ? xstrdup("page") : NULL;
			title = url = NULL;
			for (int i = 1; i <= depth; i++)
				if (stack[i].tag)
					add_tag(f, stack[i].tag);
			cats = attr(n, "category");
			if (cats)
				add_categories(f, cats);
			free(cats);
		} else if (!url && n->children && depth >= MAX_DEPTH) {
			if (!o->notice)
				o->notice = xasprintf(
				    "folders nested deeper than %d levels "
				    "were skipped",
				    MAX_DEPTH);
		} else if (!url && n->children && depth < MAX_DEPTH) {
			/* a folder: its title tags what is inside */
			depth++;
			stack[depth].node = n->children;
			stack[depth].tag = title;
			title = NULL;
		}
		free(url);
		free(title);
	}
	rc = 0;
out:
	xmlFreeDoc(doc);
	return rc;
}

/* ---- export */

/* An attribute from the list, which may hold anything: invalid UTF-8
 * and control characters (not allowed in XML) are made visible, so that
 * the document stays well-formed. */
static void
prop(xmlNodePtr n, const char *name, const char *value)
{
	char *v = utf8_sanitize(value, strlen(value), 0);

	xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)v);
	free(v);
}

static xmlNodePtr
outline(xmlNodePtr parent, const struct opml_feed *f)
{
	xmlNodePtr n =
	    xmlNewChild(parent, NULL, (const xmlChar *)"outline", NULL);
	int page = f->type && !strcmp(f->type, "page");

	if (f->title) {
		prop(n, "text", f->title);
		prop(n, "title", f->title);
	}
	xmlNewProp(n, (const xmlChar *)"type",
		   (const xmlChar *)(page ? "link" : "rss"));
	prop(n, page ? "url" : "xmlUrl", f->url ? f->url : "");
	if (f->ntags) {
		struct buf b;

		buf_init(&b, 0);
		for (size_t i = 0; i < f->ntags; i++)
			buf_printf(&b, "%s/%s", i ? "," : "", f->tags[i]);
		prop(n, "category", b.data);
		buf_free(&b);
	}
	return n;
}

char *
opml_write(const struct opml *o)
{
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root, head, body;
	xmlChar *mem = NULL;
	char date[64];
	time_t now = time(NULL);
	struct tm tm;
	char *out;
	int len = 0;
	char **done_tags = NULL;
	size_t ndone = 0;

	root = xmlNewNode(NULL, (const xmlChar *)"opml");
	xmlNewProp(root, (const xmlChar *)"version", (const xmlChar *)"2.0");
	xmlDocSetRootElement(doc, root);
	head = xmlNewChild(root, NULL, (const xmlChar *)"head", NULL);
	xmlNewChild(head, NULL, (const xmlChar *)"title",
		    (const xmlChar *)"warta sources");
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S GMT", &tm);
	xmlNewChild(head, NULL, (const xmlChar *)"dateCreated",
		    (const xmlChar *)date);
	body = xmlNewChild(root, NULL, (const xmlChar *)"body", NULL);

	/* untagged first, then one folder per first tag, in list order */
	for (size_t i = 0; i < o->n; i++)
		if (!o->feeds[i].ntags)
			outline(body, &o->feeds[i]);
	for (size_t i = 0; i < o->n; i++) {
		const char *tag =
		    o->feeds[i].ntags ? o->feeds[i].tags[0] : NULL;
		xmlNodePtr folder;
		size_t j;

		if (!tag)
			continue;
		for (j = 0; j < ndone; j++)
			if (!strcmp(done_tags[j], tag))
				break;
		if (j < ndone)
			continue;
		done_tags =
		    xreallocarray(done_tags, ndone + 1, sizeof(*done_tags));
		done_tags[ndone++] = (char *)tag;
		folder =
		    xmlNewChild(body, NULL, (const xmlChar *)"outline", NULL);
		prop(folder, "text", tag);
		prop(folder, "title", tag);
		for (size_t k = i; k < o->n; k++)
			if (o->feeds[k].ntags &&
			    !strcmp(o->feeds[k].tags[0], tag))
				outline(folder, &o->feeds[k]);
	}
	free(done_tags);
	xmlDocDumpFormatMemoryEnc(doc, &mem, &len, "UTF-8", 1);
	out = xstrndup(mem ? (const char *)mem : "", mem ? (size_t)len : 0);
	xmlFree(mem);
	xmlFreeDoc(doc);
	return out;
}
