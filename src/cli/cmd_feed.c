/* cmd_feed.c: `warta feed`: parse one feed or front page and print its items. */
#include "autoconfig.h"

#include "cli/cli.h"
#include "config/config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed/feed.h"
#include "fetch/fetch.h"
#include "feed/frontpage.h"
#include "html/html_text.h"
#include "util/buf.h"
#include "util/charset.h"
#include "util/date.h"
#include "util/file.h"
#include "util/json.h"
#include "util/str.h"
#include "util/url.h"
#include "util/utf8.h"

enum feed_type { TYPE_AUTO, TYPE_FEED, TYPE_PAGE };

static void
put_safe(const char *s)
{
	char *safe;

	if (!s)
		return;
	safe = utf8_sanitize(s, strlen(s), UTF8_CAP_MARKS);
	fputs(safe, stdout);
	free(safe);
}

/* The summary's text, a line per paragraph, indented under the item. */
static void
put_summary(const char *html)
{
	char *text = html_text_fragment(html, strlen(html), HTML_TEXT_LINES, 0);
	char *line = text, *nl;

	for (; *line; line = nl ? nl + 1 : line + strlen(line)) {
		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		fputs("     ", stdout);
		put_safe(line);
		fputs("\n", stdout);
	}
	free(text);
}

static void
print_text(const struct feed *f)
{
	char date[21];

	put_safe(*f->title ? f->title : "(untitled)");
	fputs("\n", stdout);
	if (f->link) {
		put_safe(f->link);
		fputs("\n", stdout);
	}
	printf("%zu item%s\n", f->nitems, f->nitems == 1 ? "" : "s");
	for (size_t i = 0; i < f->nitems; i++) {
		const struct feed_item *it = &f->items[i];

		printf("\n%3zu. ", i + 1);
		put_safe(*it->title ? it->title : "(no title)");
		fputs("\n     ", stdout);
		if (it->date_guessed)
			fputs("(no date)", stdout);
		else
			fputs(date_format_utc(it->published, date), stdout);
		if (it->author) {
			fputs("  ", stdout);
			put_safe(it->author);
		}
		fputs("\n", stdout);
		if (it->link) {
			fputs("     ", stdout);
			put_safe(it->link);
			fputs("\n", stdout);
		}
		for (size_t k = 0; k < it->nenclosures; k++) {
			fputs("     + ", stdout);
			put_safe(it->enclosures[k].url);
			if (it->enclosures[k].type) {
				fputs(" (", stdout);
				put_safe(it->enclosures[k].type);
				fputs(")", stdout);
			}
			fputs("\n", stdout);
		}
		if (it->summary)
			put_summary(it->summary);
	}
}

static void
json_date(struct json *j, time_t t, int absent)
{
	char date[21];

	if (absent)
		json_null(j);
	else
		json_string(j, date_format_utc(t, date));
}

static void
print_json(const struct feed *f)
{
	struct buf out;
	struct json j;

	buf_init(&out, 0);
	json_init(&j, &out, 1);
	json_begin_object(&j);
	json_key(&j, "title");
	json_string(&j, f->title);
	json_key(&j, "link");
	json_string(&j, f->link);
	json_key(&j, "items");
	json_begin_array(&j);
	for (size_t i = 0; i < f->nitems; i++) {
		const struct feed_item *it = &f->items[i];

		json_begin_object(&j);
		json_key(&j, "title");
		json_string(&j, it->title);
		json_key(&j, "link");
		json_string(&j, it->link);
		json_key(&j, "id");
		json_string(&j, it->id);
		json_key(&j, "author");
		json_string(&j, it->author);
		json_key(&j, "published");
		json_date(&j, it->published, it->date_guessed);
		json_key(&j, "updated");
		json_date(&j, it->updated, it->updated == 0);
		json_key(&j, "summary");
		json_string(&j, it->summary);
		json_key(&j, "content");
		json_string(&j, it->content);
		json_key(&j, "image");
		json_string(&j, it->image);
		json_key(&j, "enclosures");
		json_begin_array(&j);
		for (size_t k = 0; k < it->nenclosures; k++) {
			const struct feed_enclosure *en = &it->enclosures[k];

			json_begin_object(&j);
			json_key(&j, "url");
			json_string(&j, en->url);
			json_key(&j, "type");
			json_string(&j, en->type);
			json_key(&j, "length");
			if (en->length >= 0)
				json_int(&j, en->length);
			else
				json_null(&j);
			json_key(&j, "duration");
			if (en->duration >= 0)
				json_int(&j, en->duration);
			else
				json_null(&j);
			json_end_object(&j);
		}
		json_end_array(&j);
		json_key(&j, "tags");
		json_begin_array(&j);
		for (size_t k = 0; k < it->ntags; k++)
			json_string(&j, it->tags[k]);
		json_end_array(&j);
		json_key(&j, "comments");
		json_string(&j, it->comments);
		json_key(&j, "comments_feed");
		json_string(&j, it->comments_feed);
		json_key(&j, "comment_count");
		if (it->comment_count >= 0)
			json_int(&j, it->comment_count);
		else
			json_null(&j);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_end_object(&j);
	buf_putc(&out, '\n');
	fwrite(out.data, 1, out.len, stdout);
	buf_free(&out);
}

/* file:// URL of a local file named by the user, so that its relative
 * links resolve beside it as they do when it is a source; NULL when the
 * path cannot be written as a plain URL. */
static char *
file_url(const char *path)
{
	char *real = realpath(path, NULL);
	char *u = NULL;

	if (real && !strpbrk(real, "%#? \t\n"))
		u = xasprintf("file://%s", real);
	free(real);
	return u;
}

int
cmd_feed(const struct cli_globals *g, int argc, char **argv)
{
	enum { OPT_BASE = 256, OPT_CTYPE, OPT_TYPE, OPT_PATTERN, OPT_MAX };
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{"base-url", required_argument, NULL, OPT_BASE},
		{"content-type", required_argument, NULL, OPT_CTYPE},
		{"type", required_argument, NULL, OPT_TYPE},
		{"link-pattern", required_argument, NULL, OPT_PATTERN},
		{"max-items", required_argument, NULL, OPT_MAX},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *base = NULL, *ctype = NULL, *pattern = NULL, *src;
	enum feed_type type = TYPE_AUTO;
	int json = 1, ch, status = 1;
	long max_items = 0;
	struct fetch_result res;
	struct buf in;
	struct err e = {{0}};
	struct feed *f = NULL;
	char *charset = NULL, *url = NULL;

	memset(&res, 0, sizeof(res));
	buf_init(&in, FEED_MAX_BYTES);
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":f:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (!strcmp(optarg, "json"))
				json = 1;
			else if (!strcmp(optarg, "text"))
				json = 0;
			else
				return cli_usage_error("feed",
						       "--format is json or text, not '%s'",
						       optarg);
			break;
		case OPT_BASE:
			base = optarg;
			break;
		case OPT_CTYPE:
			ctype = optarg;
			break;
		case OPT_TYPE:
			if (!strcmp(optarg, "auto"))
				type = TYPE_AUTO;
			else if (!strcmp(optarg, "feed") ||
				 !strcmp(optarg, "rss") ||
				 !strcmp(optarg, "atom"))
				type = TYPE_FEED;
			else if (!strcmp(optarg, "page"))
				type = TYPE_PAGE;
			else
				return cli_usage_error("feed",
						       "--type is auto, feed or page, not '%s'",
						       optarg);
			break;
		case OPT_PATTERN:
			pattern = optarg;
			break;
		case OPT_MAX:
			if (str_to_long(optarg, 1, FEED_MAX_ITEMS, &max_items) < 0)
				return cli_usage_error("feed",
						       "--max-items is a number from 1 to %d, not '%s'",
						       FEED_MAX_ITEMS, optarg);
			break;
		case 'h':
			return cli_command_help("feed");
		default:
			return cli_option_error("feed", ch, argv);
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("feed", "needs one FILE, URL or -");
	src = argv[optind];
	if (base && !url_is_http(base))
		return cli_usage_error("feed", "--base-url must be an http(s) URL, not '%s'",
				       base);
	if (ctype)
		charset = charset_from_content_type(ctype);

	if (url_is_fetchable(src) && strstr(src, "://")) {
		struct fetch_options o;
		struct config c;
		int rc = url_is_http(src) ? cli_fetch_options(g, &c, &o) : 0;

		if (rc == 0 && !url_is_http(src)) {
			config_init(&c);
			fetch_options_default(&o);
		}
		if (rc < 0) {
			/* the config's errors are printed already */
			config_free(&c);
			feed_free(f);
			buf_free(&in);
			free(charset);
			return 1;
		}
		if (url_is_http(src) && (g->offline || rc > 0)) {
			err_set(&e, "%s: not fetched: %s", src,
				g->offline ? "--offline"
					   : "offline = yes in the config");
			config_free(&c);
			goto out;
		}
		if (o.max_size > FEED_MAX_BYTES)
			o.max_size = FEED_MAX_BYTES; /* what the parser takes */
		o.allow_file = 1; /* the user named it */
		rc = fetch_get(src, &o, &res, &e);
		config_free(&c);
		if (rc < 0) {
			err_prefix(&e, "%s: ", src);
			goto out;
		}
		if (res.not_modified) {
			/* nothing was asked conditionally: nothing to show */
			err_set(&e,
				"%s: HTTP 304 (not modified) without a "
				"cached copy",
				src);
			goto out;
		}
		buf_append(&in, res.body, res.len);
		if (!base)
			url = xstrdup(res.final_url ? res.final_url : src);
		if (!charset && res.charset)
			charset = xstrdup(res.charset);
	} else {
		/* a file, or "-" for standard input */
		if (file_read_all(src, FEED_MAX_BYTES, 0, &in, &e) < 0)
			goto out;
		if (!base && strcmp(src, "-"))
			url = file_url(src);
	}
	if (base)
		url = xstrdup(base);
	if (type == TYPE_PAGE)
		f = frontpage_parse(in.data ? in.data : "", in.len, url, charset,
			       pattern, (size_t)max_items, &e);
	else if (type == TYPE_FEED)
		f = feed_parse(in.data ? in.data : "", in.len, url, charset,
			       (size_t)max_items, &e);
	else /* as a refresh decides for the same bytes */
		f = feed_parse_auto(in.data ? in.data : "", in.len, url,
				    ctype ? ctype : res.content_type, charset,
				    pattern, (size_t)max_items, &e);
	if (!f) {
		err_prefix(&e, "%s: ", src);
		goto out;
	}
	if (json)
		print_json(f);
	else
		print_text(f);
	if (f->notice) {
		char *safe = utf8_sanitize(src, strlen(src), 0);

		fprintf(stderr, "warta: feed: %s: %s\n", safe, f->notice);
		free(safe);
	}
	status = 0;
out:
	if (status) {
		char *safe = utf8_sanitize(e.msg, strlen(e.msg), 0);

		fprintf(stderr, "warta: feed: %s\n", safe);
		free(safe);
	}
	feed_free(f);
	fetch_result_free(&res);
	buf_free(&in);
	free(charset);
	free(url);
	return status;
}
