/* cmd_search.c: `warta search`: ranked matches from the cache's titles and article text. */
#include "autoconfig.h"

#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store/store.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/utf8.h"

/* Print text made safe for the terminal (no newline). */
static void
put_safe(const char *s, size_t len)
{
	char *safe = utf8_sanitize(s, len, UTF8_CAP_MARKS);

	fputs(safe, stdout);
	free(safe);
}

/* Print a snippet: each piece sanitised, the matches in bold on a
 * terminal (the escape codes are ours, never the text's). */
static void
put_snippet(const char *s, int bold)
{
	const char *p = s;

	while (*p) {
		size_t n = strcspn(p, "\x02\x03");

		put_safe(p, n);
		p += n;
		if (*p == STORE_MARK_ON && bold)
			fputs("\033[1m", stdout);
		else if (*p == STORE_MARK_OFF && bold)
			fputs("\033[0m", stdout);
		if (*p)
			p++;
	}
}

static void
put_hit(const struct store_hit *h, int bold)
{
	char date[16] = "----------";
	struct tm tm;
	time_t t = h->item.date;

	/* the item's one date, in local time as the interface shows it */
	if (t && localtime_r(&t, &tm))
		strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	printf("%s  ", date);
	put_safe(h->item.source ? h->item.source : "", h->item.source ?
		 strlen(h->item.source) : 0);
	fputs("  ", stdout);
	if (h->item.title)
		put_safe(h->item.title, strlen(h->item.title));
	else
		fputs("(no title)", stdout);
	if (!h->item.read)
		fputs("  [unread]", stdout);
	fputs("\n", stdout);
	if (h->snippet && *h->snippet) {
		fputs("    ", stdout);
		put_snippet(h->snippet, bold);
		fputs("\n", stdout);
	}
	if (h->item.link) {
		fputs("    ", stdout);
		put_safe(h->item.link, strlen(h->item.link));
		fputs("\n", stdout);
	}
}

/* The source whose name is name in any case, as refresh matches names:
 * 1 found (out filled), 0 none, -1 error. */
static int
source_get_nocase(struct store *s, const char *name, struct store_source *out,
		  struct err *e)
{
	struct store_source *rows = NULL;
	size_t n = 0;
	int rc = 0;

	if (store_sources_list(s, &rows, &n, e) < 0)
		return -1;
	for (size_t i = 0; i < n && !rc; i++)
		if (rows[i].name && !str_casecmp(rows[i].name, name))
			rc = store_source_get(s, rows[i].name, out, e);
	store_sources_free(rows, n);
	return rc;
}

int
cmd_search(const struct cli_globals *g, int argc, char **argv)
{
	enum { OPT_UNREAD = 256, OPT_SOURCE, OPT_LIMIT };
	static const struct option opts[] = {
		{"unread", no_argument, NULL, OPT_UNREAD},
		{"source", required_argument, NULL, OPT_SOURCE},
		{"limit", required_argument, NULL, OPT_LIMIT},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct store_search_query q = {0};
	struct store_hit *hits = NULL;
	struct store *s = NULL;
	struct err e = {{0}};
	const char *source = NULL;
	struct buf text;
	long limit = 20;
	size_t n = 0;
	int ch, status = 1;

	while ((ch = getopt_long(argc, argv, "+:h", opts, NULL)) != -1) {
		switch (ch) {
		case OPT_UNREAD:
			q.unread_only = 1;
			break;
		case OPT_SOURCE:
			source = optarg;
			break;
		case OPT_LIMIT:
			if (str_to_long(optarg, 1, 1000, &limit) != 0)
				return cli_usage_error(
					"search", "--limit wants 1..1000, not '%s'",
					optarg);
			break;
		case 'h':
			return cli_command_help("search");
		default:
			return cli_option_error("search", ch, argv);
		}
	}
	if (optind >= argc)
		return cli_usage_error("search", "no words to search for");
	buf_init(&text, 4096);
	for (int i = optind; i < argc; i++) {
		if (i > optind)
			buf_putc(&text, ' ');
		buf_puts(&text, argv[i]);
	}
	q.text = text.data ? text.data : "";
	q.limit = (size_t)limit;
	s = cli_store_open_existing(g, "search");
	if (!s)
		goto out;
	if (source) {
		struct store_source src;
		int rc = store_source_get(s, source, &src, &e);

		if (rc == 0)
			rc = source_get_nocase(s, source, &src, &e);
		if (rc < 0) {
			fprintf(stderr, "warta: search: %s\n", e.msg);
			goto out;
		}
		if (rc == 0) {
			fprintf(stderr,
				"warta: search: no source called '%s' in the "
				"cache\n",
				source);
			goto out;
		}
		q.source_id = src.id;
		store_source_clear(&src);
	}
	if (store_search(s, &q, &hits, &n, &e) != 0) {
		fprintf(stderr, "warta: search: %s\n", e.msg);
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		put_hit(&hits[i], isatty(STDOUT_FILENO));
	if (n == 0)
		fprintf(stderr, "warta: search: no matches\n");
	status = n ? 0 : 1;
out:
	store_hits_free(hits, n);
	store_close(s);
	buf_free(&text);
	return status;
}
