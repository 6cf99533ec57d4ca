/* cmd_export_state.c: `warta export-state`: the URLs of read and flagged items, one a line. */
#include "autoconfig.h"

#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "store/store.h"
#include "util/err.h"
#include "util/file.h"

static int
put_line(void *ctx, const char *url, int read, int flagged)
{
	FILE *f = ctx;
	const char *state = read && flagged ? "read,flagged" :
			    read	    ? "read" :
					      "flagged";

	/* a URL with a tab or newline would break the line format */
	if (strpbrk(url, "\t\r\n"))
		return 0;
	if (fprintf(f, "%s\t%s\n", state, url) < 0)
		return 1;
	return 0;
}

int
cmd_export_state(const struct cli_globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct err e = {{0}};
	struct store *s;
	struct file_out fo = {0};
	FILE *f = stdout;
	const char *name = NULL;
	int status = 1, rc, ch;

	/* "+": a FILE starting with '-' comes after "--" */
	while ((ch = getopt_long(argc, argv, "+:h", opts, NULL)) != -1) {
		if (ch == 'h')
			return cli_command_help("export-state");
		return cli_option_error("export-state", ch, argv);
	}
	if (argc - optind > 1)
		return cli_usage_error("export-state", "one FILE at most");
	if (optind < argc && strcmp(argv[optind], "-") != 0)
		name = argv[optind];
	s = cli_store_open_existing(g, "export-state");
	if (!s)
		return 1;
	if (name) {
		/* written beside, then renamed: never half a file */
		if (file_open_out(&fo, name, 0666, &e) < 0) {
			fprintf(stderr, "warta: export-state: %s\n", e.msg);
			goto out;
		}
		f = fo.fp;
	}
	fputs("# warta read state: STATE<TAB>URL, STATE is read, flagged or "
	      "read,flagged\n",
	      f);
	rc = store_state_export(s, put_line, f, &e);
	if (rc < 0) {
		fprintf(stderr, "warta: export-state: %s\n", e.msg);
		goto out;
	}
	if (rc > 0 || fflush(f) != 0 || ferror(f)) {
		fprintf(stderr, "warta: export-state: writing %s: %s\n",
			name ? name : "output", strerror(errno));
		goto out;
	}
	status = 0;
out:
	if (fo.fp && status == 0 && file_commit(&fo, &e) < 0) {
		fprintf(stderr, "warta: export-state: %s\n", e.msg);
		status = 1;
	} else if (fo.fp) {
		file_abort(&fo);
	}
	store_close(s);
	return status;
}
