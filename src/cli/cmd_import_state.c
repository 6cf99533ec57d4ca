/* cmd_import_state.c: `warta import-state`: read and flagged state from an export-state file. */
#include "autoconfig.h"

#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "store/store.h"
#include "util/str.h"

/* Longest line taken; a URL longer than this is not one warta stored. */
#define LINE_MAX_BYTES 8192
/* Problems reported one by one before only counting them. */
#define WARN_MAX 10

/* Parse "read", "flagged" or "read,flagged" (any order); 0 or -1. */
static int
parse_state(char *s, int *read, int *flagged)
{
	char *p = s, *comma;

	*read = *flagged = 0;
	for (;;) {
		comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		str_trim(p);
		if (!strcmp(p, "read"))
			*read = 1;
		else if (!strcmp(p, "flagged"))
			*flagged = 1;
		else
			return -1;
		if (!comma)
			return 0;
		p = comma + 1;
	}
}

int
cmd_import_state(const struct cli_globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct err e = {{0}};
	struct store *s = NULL;
	FILE *f = stdin;
	const char *name = "standard input";
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long lineno = 0, urls = 0, matched = 0, waiting = 0, bad = 0, m;
	int status = 1, ch;

	/* "+": a FILE starting with '-' comes after "--" */
	while ((ch = getopt_long(argc, argv, "+:h", opts, NULL)) != -1) {
		if (ch == 'h')
			return cli_command_help("import-state");
		return cli_option_error("import-state", ch, argv);
	}
	if (argc - optind > 1)
		return cli_usage_error("import-state", "one FILE at most");
	if (optind < argc && strcmp(argv[optind], "-") != 0) {
		name = argv[optind];
		f = fopen(name, "r");
		if (!f) {
			fprintf(stderr, "warta: import-state: %s: %s\n", name,
				strerror(errno));
			return 1;
		}
	}
	s = cli_store_open(g, "import-state");
	if (!s)
		goto out;
	if (store_begin(s, &e) != 0)
		goto fail;
	for (;;) {
		char *url, *tab;
		int read = 1, flagged = 0;

		len = getline(&line, &cap, f);
		if (len < 0)
			break;
		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		tab = strchr(line, '\t');
		url = line;
		if (len > LINE_MAX_BYTES) {
			if (++bad <= WARN_MAX)
				fprintf(stderr,
					"warta: import-state: %s:%ld: line too "
					"long, skipped\n",
					name, lineno);
			continue;
		}
		/* a bare URL (as other readers export) means read */
		if (tab) {
			*tab = '\0';
			url = tab + 1;
			if (parse_state(line, &read, &flagged) != 0) {
				if (++bad <= WARN_MAX)
					fprintf(stderr,
						"warta: import-state: %s:%ld: "
						"unknown state, skipped\n",
						name, lineno);
				continue;
			}
		}
		str_trim(url);
		if (!*url)
			continue;
		if (store_state_import(s, url, read, flagged, &m, &e) != 0)
			goto fail;
		urls++;
		if (m)
			matched += m;
		else
			waiting++;
	}
	if (ferror(f)) {
		fprintf(stderr, "warta: import-state: reading %s: %s\n", name,
			strerror(errno));
		store_rollback(s);
		goto out;
	}
	if (store_commit(s, &e) != 0)
		goto fail;
	printf("%ld URLs: %ld cached items updated, %ld waiting for their "
	       "items",
	       urls, matched, waiting);
	if (bad)
		printf(", %ld lines skipped", bad);
	printf("\n");
	status = 0;
	goto out;
fail:
	fprintf(stderr, "warta: import-state: %s\n", e.msg);
	store_rollback(s);
out:
	free(line);
	if (f != stdin)
		fclose(f);
	store_close(s);
	return status;
}
