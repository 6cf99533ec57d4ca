/* jsonfeed.c: JSON Feed 1.0 and 1.1 to items, strictly, item by item. */
#include "autoconfig.h"

#include "feed/feed_int.h"
#include "html/html_clean.h"
#include "html/html_text.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/jsonr.h"
#include "util/str.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

int
feed_json_looks(const char *b, size_t len)
{
	size_t i = 0;

	if (len >= 3 && !memcmp(b, "\xef\xbb\xbf", 3))
		i = 3;
	while (i < len &&
	       (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r'))
		i++;
	return i < len && (b[i] == '{' || b[i] == '[');
}

/* A string member as a new string of at most max bytes, or NULL when
 * absent, not a string or empty. Numbers are taken too when number is
 * set (ids written as numbers). */
static char *
member_str(const struct jsonr_value *o, const char *key, size_t max, int number)
{
	const struct jsonr_value *v = jsonr_get(o, key);
	char *s;

	if (!v ||
	    !(v->type == JSONR_STRING || (number && v->type == JSONR_NUMBER)))
		return NULL;
	s = xstrdup(v->str);
	utf8_cut(s, max);
	str_trim(s);
	if (!*s) {
		free(s);
		return NULL;
	}
	return s;
}

/* Plain text as HTML: paragraphs at blank lines, breaks at newlines. */
static char *
text_to_html(const char *t, size_t max)
{
	struct buf b;
	char *esc = html_text_escape(t), *p = str_trim(esc);

	buf_init(&b, 0);
	buf_puts(&b, "<p>");
	for (; *p; p++) {
		if (*p == '\r')
			continue;
		if (*p != '\n') {
			buf_putc(&b, *p);
			continue;
		}
		if (p[1] == '\n' || (p[1] == '\r' && p[2] == '\n')) {
			buf_puts(&b, "</p><p>");
			while (p[1] == '\n' || p[1] == '\r')
				p++;
		} else {
			buf_puts(&b, "<br>");
		}
	}
	buf_puts(&b, "</p>");
	free(esc);
	if (max && b.len > max) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

/* HTML from the feed, cleaned against the feed's URL. */
static char *
clean_html(const struct feed_ctx *p, const char *html, size_t max)
{
	char *s = html_clean(html, strlen(html), p->url, max);

	str_trim(s);
	if (!*s) {
		free(s);
		return NULL;
	}
	return s;
}

/* The names of JSON Feed 1.1's "authors" (or 1.0's "author") of o,
 * joined by ", "; NULL when none has a name. */
static char *
authors(const struct jsonr_value *o)
{
	const struct jsonr_value *list = jsonr_get(o, "authors");
	const struct jsonr_value *one = jsonr_get(o, "author");
	struct buf b;

	buf_init(&b, NAME_MAX_);
	if (list && list->type == JSONR_ARRAY) {
		for (size_t i = 0; i < list->n; i++) {
			const char *name =
			    jsonr_string(jsonr_get(&list->items[i], "name"));

			if (!name || !*name)
				continue;
			if (b.len)
				buf_puts(&b, ", ");
			buf_puts(&b, name);
		}
	}
	if (!b.len && one && one->type == JSONR_OBJECT) {
		const char *name = jsonr_string(jsonr_get(one, "name"));

		if (name)
			buf_puts(&b, name);
	}
	if (!b.len) {
		buf_free(&b);
		return NULL;
	}
	{
		char *s = buf_steal(&b), *sq = str_squeeze(s, strlen(s));

		free(s);
		return sq;
	}
}

/* A number member as a whole number (fractions dropped), or -1. */
static long long
member_count(const struct jsonr_value *o, const char *key)
{
	const struct jsonr_value *v = jsonr_get(o, key);
	char *end;
	double d;

	if (!v || v->type != JSONR_NUMBER)
		return -1;
	d = strtod(v->str, &end);
	if (*end || d < 0 || d > 1e15)
		return -1;
	return (long long)d;
}

static void
date_member(const struct jsonr_value *o, const char *key, time_t *t, int *have,
	    char **raw)
{
	char *s = member_str(o, key, DATE_MAX, 0);
	int ok;
	time_t v;

	if (!s)
		return;
	v = date_parse(s, &ok);
	if (ok && !*have) {
		*t = v;
		*have = 1;
	}
	if (!*raw)
		*raw = s;
	else
		free(s);
}

/* One item object of "items" into it. */
static void
json_item(const struct feed_ctx *p, const struct jsonr_value *o,
	  struct feed_item *it)
{
	struct item_parts ip;
	const struct jsonr_value *v;
	char *s;

	memset(&ip, 0, sizeof(ip));
	ip.itunes_duration = -1;
	ip.rss_enc = -1;
	ip.comment_count = -1;
	ip.id = member_str(o, "id", ID_MAX, 1);
	s = member_str(o, "url", LINK_MAX, 0);
	ip.link = feed_resolve_link(p, NULL, s);
	free(s);
	s = member_str(o, "external_url", LINK_MAX, 0);
	ip.alt_link = feed_resolve_link(p, NULL, s);
	free(s);
	s = member_str(o, "title", TITLE_MAX * 4, 0);
	if (s) {
		ip.title = str_squeeze(s, strlen(s));
		utf8_cut(ip.title, TITLE_MAX);
		free(s);
	}
	v = jsonr_get(o, "content_html");
	if (jsonr_string(v))
		ip.content = clean_html(p, v->str, CONTENT_MAX);
	v = jsonr_get(o, "content_text");
	if (!ip.content && jsonr_string(v)) {
		char *h = text_to_html(v->str, CONTENT_MAX);

		if (h)
			ip.content = clean_html(p, h, CONTENT_MAX);
		free(h);
	}
	v = jsonr_get(o, "summary");
	if (jsonr_string(v)) {
		char *h = text_to_html(v->str, SUMMARY_MAX);

		if (h)
			ip.summary = clean_html(p, h, SUMMARY_MAX);
		free(h);
	}
	s = member_str(o, "image", LINK_MAX, 0);
	ip.image = feed_resolve_link(p, NULL, s);
	free(s);
	s = member_str(o, "banner_image", LINK_MAX, 0);
	ip.itunes_image = feed_resolve_link(p, NULL, s);
	free(s);
	date_member(o, "date_published", &ip.published, &ip.have_pub,
		    &ip.date_raw);
	date_member(o, "date_modified", &ip.updated, &ip.have_upd,
		    &ip.date_raw);
	ip.author = authors(o);
	v = jsonr_get(o, "tags");
	if (v && v->type == JSONR_ARRAY)
		for (size_t i = 0; i < v->n; i++)
			if (v->items[i].type == JSONR_STRING)
				feed_add_tag(
				    &ip, xstrdup(v->items[i].str));
	v = jsonr_get(o, "attachments");
	if (v && v->type == JSONR_ARRAY)
		for (size_t i = 0; i < v->n; i++) {
			const struct jsonr_value *a = &v->items[i];
			long long d = member_count(a, "duration_in_seconds");

			if (a->type != JSONR_OBJECT)
				continue;
			s = member_str(a, "url", LINK_MAX, 0);
			feed_add_enclosure(
			    &ip, feed_resolve_link(p, NULL, s),
			    jsonr_string(jsonr_get(a, "mime_type")),
			    member_count(a, "size_in_bytes"),
			    d >= 0 && d < 100L * 24 * 3600 ? (long)d : -1);
			free(s);
		}
	feed_item_finish(p, &ip, it);
}

/* 1 if v is a JSON Feed version URL ("https://jsonfeed.org/version/1.1"). */
static int
is_version(const struct jsonr_value *v)
{
	const char *s = jsonr_string(v);

	return s && (str_starts_with(s, "https://jsonfeed.org/version/") ||
		     str_starts_with(s, "http://jsonfeed.org/version/"));
}

struct feed *
feed_json_parse(const char *bytes, size_t len, const char *url,
		size_t max_items, struct err *e)
{
	struct feed_ctx p;
	struct jsonr_pull j;
	struct feed *f = xcalloc(1, sizeof(*f));
	struct jsonr_value *head = NULL, *v;
	enum jsonr_event ev;
	size_t cap = 0;
	int items = 0, ok = 0;
	char *feed_author = NULL;

	if (len >= 3 && !memcmp(bytes, "\xef\xbb\xbf", 3)) {
		bytes += 3;
		len -= 3;
	}
	p.url = url && *url ? url : NULL;
	p.now = time(NULL);
	p.dialect = DIALECT_RSS;
	p.fix_text = 1; /* JSON strings may hold any control */
	if (!max_items)
		max_items = FEED_MAX_ITEMS;
	/* the feed's own members, items apart: a small object kept whole */
	head = xcalloc(1, sizeof(*head));
	head->type = JSONR_OBJECT;
	jsonr_pull_init(&j, bytes, len);
	ev = jsonr_pull_next(&j, e);
	if (ev == JSONR_EV_ERROR)
		goto out;
	if (ev != JSONR_EV_OBJECT) {
		err_set(e, "JSON that is not an object");
		goto out;
	}
	while ((ev = jsonr_pull_next(&j, e)) == JSONR_EV_KEY) {
		char *key = xstrdup(jsonr_pull_text(&j, NULL));

		ev = jsonr_pull_next(&j, e);
		if (ev == JSONR_EV_ERROR) {
			free(key);
			goto out;
		}
		if (!strcmp(key, "items") && ev == JSONR_EV_ARRAY && !items) {
			items = 1;
			free(key);
			while ((ev = jsonr_pull_next(&j, e)) !=
			       JSONR_EV_ARRAY_END) {
				if (ev == JSONR_EV_ERROR)
					goto out;
				if (ev != JSONR_EV_OBJECT ||
				    f->nitems >= max_items) {
					if (jsonr_pull_skip(&j, ev, e) < 0)
						goto out;
					continue;
				}
				v = jsonr_pull_value(&j, ev, e);
				if (!v)
					goto out;
				if (f->nitems == cap) {
					cap = cap ? cap * 2 : 32;
					f->items = xreallocarray(
					    f->items, cap, sizeof(*f->items));
				}
				memset(&f->items[f->nitems], 0,
				       sizeof(f->items[0]));
				json_item(&p, v, &f->items[f->nitems++]);
				jsonr_free(v);
			}
			continue;
		}
		if (!strcmp(key, "version") || !strcmp(key, "title") ||
		    !strcmp(key, "home_page_url") || !strcmp(key, "author") ||
		    !strcmp(key, "authors")) {
			v = jsonr_pull_value(&j, ev, e);
			if (!v) {
				free(key);
				goto out;
			}
			head->items = xreallocarray(head->items, head->n + 1,
						    sizeof(*head->items));
			head->keys = xreallocarray(head->keys, head->n + 1,
						   sizeof(*head->keys));
			head->items[head->n] = *v;
			head->keys[head->n++] = key;
			free(v);
			continue;
		}
		free(key);
		if (jsonr_pull_skip(&j, ev, e) < 0)
			goto out;
	}
	if (ev == JSONR_EV_ERROR)
		goto out;
	if (jsonr_pull_next(&j, e) != JSONR_EV_END)
		goto out;
	if (!is_version(jsonr_get(head, "version")) && !items) {
		err_set(e,
			"JSON that is not a JSON Feed (no version, no items)");
		goto out;
	}
	{
		char *t = member_str(head, "title", TITLE_MAX * 4, 0);

		f->title = t ? str_squeeze(t, strlen(t)) : xstrdup("");
		utf8_cut(f->title, TITLE_MAX);
		free(t);
		f->title = feed_text_fix(f->title);
		t = member_str(head, "home_page_url", LINK_MAX, 0);
		f->link = feed_resolve_link(&p, NULL, t);
		free(t);
	}
	/* items without authors have the feed's (the spec says so) */
	feed_author = authors(head);
	for (size_t i = 0; feed_author && i < f->nitems; i++)
		if (!f->items[i].author)
			f->items[i].author = xstrdup(feed_author);
	ok = 1;
out:
	free(feed_author);
	jsonr_free(head);
	jsonr_pull_free(&j);
	if (!ok) {
		err_prefix(e, "not a feed: ");
		feed_free(f);
		return NULL;
	}
	return f;
}
