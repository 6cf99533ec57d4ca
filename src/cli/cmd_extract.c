/* cmd_extract.c: `warta extract`: the readable article of pages or URLs, as
 * text, markdown, JSON or HTML. */
#include "autoconfig.h"

#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "config/config.h"
#include "doc/doc.h"
#include "extract/extract.h"
#include "fetch/fetch.h"
#include "html/html.h"
#include "refresh/article.h"
#include "render/render.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/file.h"
#include "util/str.h"
#include "util/url.h"
#include "util/utf8.h"

/* Largest file or standard input read: what the parser takes. */
#define MAX_READ HTML_MAX_INPUT

enum format { F_TEXT, F_MARKDOWN, F_JSON, F_HTML };

struct xopts {
	enum format format;
	int comments, width, pages;
	const char *base_url, *outdir;
	int offline;
	const struct fetch_options *fetch; /* from the config, for URLs */
};

/* The article at url, every page of it unless --no-pages. */
static struct doc *
extract_url(const char *url, const struct xopts *o, struct err *e)
{
	struct article_options ao;
	struct article_result res;
	struct doc *d = NULL;

	if (o->offline) {
		err_set(e, "%s: not fetched: %s", url,
			o->offline > 1 ? "offline = yes in the config"
				       : "--offline");
		return NULL;
	}
	memset(&ao, 0, sizeof(ao));
	ao.fetch = o->fetch;
	ao.first_only = !o->pages;
	ao.base_url = o->base_url;
	if (article_get(url, &ao, &res, e) < 0) {
		err_prefix(e, "%s: ", url);
	} else {
		d = res.doc;
		res.doc = NULL;
	}
	article_result_clear(&res);
	return d;
}

static struct doc *
extract_input(const char *in, const struct xopts *o, struct err *e)
{
	struct buf b;
	struct doc *d;

	if (url_is_http(in))
		return extract_url(in, o, e);
	/* past the cap a page is read as far as it goes, as the parser
	 * would cut it */
	if (file_read_all(in, MAX_READ, FILE_READ_CUT, &b, e) < 0)
		return NULL;
	d = extract_page(b.data ? b.data : "", b.len, o->base_url, NULL, e);
	if (!d)
		err_prefix(e, "%s: ", in);
	buf_free(&b);
	return d;
}

static char *
format_doc(const struct doc *d, const struct xopts *o)
{
	char *s = NULL;

	switch (o->format) {
	case F_TEXT:
		s = render_text(d, o->width, o->comments ? RENDER_COMMENTS : 0);
		break;
	case F_MARKDOWN:
		s = doc_to_markdown(d, o->comments);
		break;
	case F_JSON:
		s = doc_to_json(d);
		break;
	case F_HTML:
		s = doc_to_html(d, o->comments);
		break;
	}
	return s;
}

static const char *
extension(enum format f)
{
	static const char *const ext[] = {"txt", "md", "json", "html"};

	return ext[f];
}

static int
path_used(char *const *used, size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(used[i], path))
			return 1;
	return 0;
}

/* DIR/<input's base name without .html>.<ext>, or, when that name was
 * written earlier in this run (two index.html of two directories, x?id=1
 * and x?id=2), <name>-2.<ext>, -3... (*renamed set); the name is added
 * to *used. Caller frees. */
static char *
output_path(const char *dir, const char *in, enum format f, char ***used,
	    size_t *nused, int *renamed)
{
	const char *base;
	char *name, *path, *q;
	size_t n;

	if (!strcmp(in, "-")) {
		name = xstrdup("stdin");
	} else {
		char *noq = xstrdup(in);

		q = strpbrk(noq, url_is_http(in) ? "?#" : "");
		if (q)
			*q = '\0';
		n = strlen(noq);
		while (n > 1 && noq[n - 1] == '/')
			noq[--n] = '\0';
		base = strrchr(noq, '/');
		base = base ? base + 1 : noq;
		name = xstrdup(*base ? base : "page");
		free(noq);
		n = strlen(name);
		if (n > 5 && !str_casecmp(name + n - 5, ".html"))
			name[n - 5] = '\0';
		else if (n > 4 && !str_casecmp(name + n - 4, ".htm"))
			name[n - 4] = '\0';
		for (q = name; *q; q++)
			if (*q == '/' || *q == '\\')
				*q = '_';
		if (!strcmp(name, ".") || !strcmp(name, "..")) {
			free(name);
			name = xstrdup("page");
		}
	}
	path = xasprintf("%s/%s.%s", dir, name, extension(f));
	for (int k = 2; path_used(*used, *nused, path); k++) {
		free(path);
		path = xasprintf("%s/%s-%d.%s", dir, name, k, extension(f));
		*renamed = 1;
	}
	*used = xreallocarray(*used, *nused + 1, sizeof(**used));
	(*used)[(*nused)++] = xstrdup(path);
	free(name);
	return path;
}

static int
terminal_width(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) &&
	    ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

int
cmd_extract(const struct cli_globals *g, int argc, char **argv)
{
	enum {
		OPT_FORMAT = 256,
		OPT_COMMENTS,
		OPT_WIDTH,
		OPT_BASE,
		OPT_NOPAGES,
		OPT_OUTDIR
	};
	static const struct option opts[] = {
	    {"format", required_argument, NULL, OPT_FORMAT},
	    {"comments", no_argument, NULL, OPT_COMMENTS},
	    {"width", required_argument, NULL, OPT_WIDTH},
	    {"base-url", required_argument, NULL, OPT_BASE},
	    {"no-pages", no_argument, NULL, OPT_NOPAGES},
	    {"output-dir", required_argument, NULL, OPT_OUTDIR},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct xopts o = {F_TEXT, 0, 0, 1, NULL, NULL, 0, NULL};
	struct config conf;
	struct fetch_options fo;
	char **used = NULL; /* the files written, for unique names */
	size_t nused = 0;
	long width = 0;
	int ch, status = 0;

	optind = 1;
	/* Options may follow the pages (getopt permutes). */
	while ((ch = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (ch) {
		case OPT_FORMAT:
			if (!strcmp(optarg, "text"))
				o.format = F_TEXT;
			else if (!strcmp(optarg, "markdown") ||
				 !strcmp(optarg, "md"))
				o.format = F_MARKDOWN;
			else if (!strcmp(optarg, "json"))
				o.format = F_JSON;
			else if (!strcmp(optarg, "html"))
				o.format = F_HTML;
			else
				return cli_usage_error(
				    "extract",
				    "--format wants text, markdown, json or "
				    "html, not '%s'",
				    optarg);
			break;
		case OPT_COMMENTS:
			o.comments = 1;
			break;
		case OPT_WIDTH:
			if (str_to_long(optarg, 10, 1000, &width) != 0)
				return cli_usage_error(
				    "extract",
				    "--width wants 10..1000, not '%s'", optarg);
			break;
		case OPT_BASE:
			if (!url_is_http(optarg))
				return cli_usage_error(
				    "extract",
				    "--base-url wants an http(s) URL, not '%s'",
				    optarg);
			o.base_url = optarg;
			break;
		case OPT_NOPAGES:
			o.pages = 0;
			break;
		case OPT_OUTDIR:
			o.outdir = optarg;
			break;
		case 'h':
			return cli_command_help("extract");
		default:
			return cli_option_error("extract", ch, argv);
		}
	}
	if (optind >= argc)
		return cli_usage_error("extract", "no page given");
	o.width = width ? (int)width : terminal_width();
	o.offline = g->offline;
	/* pages fetched as refresh fetches them: the config's timeouts,
	 * size cap, user agent and proxy */
	config_init(&conf);
	fetch_options_default(&fo);
	for (int i = optind; i < argc && !o.offline; i++) {
		int rc;

		if (!url_is_http(argv[i]))
			continue;
		config_free(&conf);
		rc = cli_fetch_options(g, &conf, &fo);
		if (rc < 0) {
			config_free(&conf);
			return 1;
		}
		if (rc > 0)
			o.offline = 2;
		break;
	}
	o.fetch = &fo;
	for (int i = optind; i < argc; i++) {
		struct err e = {{0}};
		struct doc *d = extract_input(argv[i], &o, &e);
		char *out;

		if (!d) {
			char *safe = utf8_sanitize(e.msg, strlen(e.msg), 0);

			fprintf(stderr, "warta: extract: %s\n", safe);
			free(safe);
			status = 1;
			continue;
		}
		out = format_doc(d, &o);
		if (o.outdir) {
			int renamed = 0;
			char *path = output_path(o.outdir, argv[i], o.format,
						 &used, &nused, &renamed);
			struct err we;

			/* temp file + fsync + rename: never half a page */
			if (file_write_atomic(path, out, strlen(out), 0666,
					      &we) < 0) {
				fprintf(stderr, "warta: extract: %s\n", we.msg);
				status = 1;
			} else if (renamed) {
				char *safe =
				    utf8_sanitize(argv[i], strlen(argv[i]), 0);

				/* say which page got the other name */
				fprintf(stderr,
					"warta: extract: %s: written to %s (an "
					"earlier page had its name)\n",
					safe, path);
				free(safe);
			}
			free(path);
		} else {
			fputs(out, stdout);
			if (*out && out[strlen(out) - 1] != '\n')
				fputc('\n', stdout);
		}
		free(out);
		doc_free(d);
	}
	config_free(&conf);
	for (size_t i = 0; i < nused; i++)
		free(used[i]);
	free(used);
	return status;
}
