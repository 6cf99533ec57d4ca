/* cmd_extract.c: `warta extract`: the readable article of pages or URLs, as
 * text, markdown, JSON or HTML. */
#include "autoconfig.h"

#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdint.h>
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
#include "render/render.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/file.h"
#include "util/str.h"
#include "util/url.h"
#include "util/utf8.h"

/* Pages of one article followed at most, the first included. */
#define MAX_PAGES 10
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

static const char usage_line[] =
    "usage: warta extract [--format text|markdown|json|html] [--comments]\n"
    "                     [--width N] [--base-url URL] [--no-pages]\n"
    "                     [--output-dir DIR] FILE|URL|- ...\n";

static uint64_t
hash_text(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	return h;
}

struct seen {
	uint64_t *h;
	size_t n, cap;
};

/* 1 if text was seen before; remembers it otherwise. */
static int
seen_check(struct seen *s, const char *text)
{
	uint64_t h = hash_text(text);

	for (size_t i = 0; i < s->n; i++)
		if (s->h[i] == h)
			return 1;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->h = xreallocarray(s->h, s->cap, sizeof(*s->h));
	}
	s->h[s->n++] = h;
	return 0;
}

/* Move the blocks of from that are new into d, each paragraph once. */
static void
merge_page(struct doc *d, struct doc *from, struct seen *seen)
{
	for (size_t i = 0; i < from->nblocks; i++) {
		struct doc_block *src = &from->blocks[i], *dst;
		char *t = doc_block_text(src);
		int dup = *t && src->kind != DOC_RULE && seen_check(seen, t);

		free(t);
		if (dup)
			continue;
		dst = doc_add_block(d, src->kind);
		*dst = *src;
		memset(src, 0, sizeof(*src));
		src->kind = DOC_RULE; /* nothing left to free */
	}
	for (size_t i = 0; i < from->ncomments; i++) {
		struct doc_comment *c = &from->comments[i];

		doc_add_comment(d, c->author, c->published, c->text, c->depth);
	}
	doc_set(&d->meta.next_page, from->meta.next_page);
}

static struct doc *
extract_url(const char *url, const struct xopts *o, struct err *e)
{
	struct fetch_options fo;
	struct fetch_result r;
	struct doc *d = NULL;
	struct seen seen = {0};
	char *visited[MAX_PAGES] = {0};
	char *next = NULL;
	int npages = 0;

	if (o->offline) {
		err_set(e, "%s: not fetched: %s", url,
			o->offline > 1 ? "offline = yes in the config"
				       : "--offline");
		return NULL;
	}
	fo = *o->fetch;
	next = xstrdup(url);
	while (next && npages < MAX_PAGES) {
		struct doc *page;
		const char *base;
		int again = 0;

		for (int k = 0; k < npages; k++)
			if (!strcmp(visited[k], next))
				again = 1;
		if (again || (d && !url_same_site(next, url)))
			break;
		memset(&r, 0, sizeof(r));
		if (fetch_get(next, &fo, &r, e) < 0 || r.not_modified) {
			/* a 304 to a request without validators has no body */
			if (r.not_modified)
				err_set(e, "HTTP 304 (not modified) without a "
					   "cached copy");
			fetch_result_free(&r);
			if (!d)
				err_prefix(e, "%s: ", next);
			break; /* a later page failing keeps what we have */
		}
		base = o->base_url ? o->base_url
				   : (r.final_url ? r.final_url : next);
		page = fetch_check_page_type(&r, e) < 0
			       ? NULL
			       : extract_page(r.body, r.len, base, r.charset, e);
		fetch_result_free(&r);
		visited[npages++] = next;
		next = NULL;
		if (!page) {
			if (!d)
				err_prefix(e, "%s: ", visited[npages - 1]);
			break; /* a later page failing keeps what we have */
		}
		if (!d) {
			d = page;
			for (size_t i = 0; i < d->nblocks; i++) {
				char *t = doc_block_text(&d->blocks[i]);

				if (*t)
					seen_check(&seen, t);
				free(t);
			}
		} else {
			merge_page(d, page, &seen);
			doc_free(page);
		}
		if (o->pages && d->meta.next_page)
			next = xstrdup(d->meta.next_page);
		else
			break;
	}
	if (d && npages > 1 && next == NULL)
		doc_set(&d->meta.next_page, NULL);
	free(next);
	for (int k = 0; k < npages; k++)
		free(visited[k]);
	free(seen.h);
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

/* DIR/<input's base name without .html>.<ext>; caller frees. */
static char *
output_path(const char *dir, const char *in, enum format f)
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
	long width = 0;
	int ch, status = 0;

	opterr = 0;
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
			fputs(usage_line, stdout);
			return 0;
		case ':':
			return cli_usage_error("extract",
					       "%s wants an argument",
					       argv[optind - 1]);
		default:
			return cli_usage_error("extract", "unknown option '%s'",
					       argv[optind - 1]);
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
			char *path = output_path(o.outdir, argv[i], o.format);

			struct err we;

			/* temp file + fsync + rename: never half a page */
			if (file_write_atomic(path, out, strlen(out), 0666,
					      &we) < 0) {
				fprintf(stderr, "warta: extract: %s\n", we.msg);
				status = 1;
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
	return status;
}
