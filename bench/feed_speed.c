/* feed_speed.c: parses feed files with feed_parse, prints what came out and the speed. */
#include "autoconfig.h"

#include "feed/feed.h"
#include "util/str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *b = NULL;
	size_t cap = 0, n = 0, r;

	if (!fp)
		return NULL;
	do {
		if (n + 65536 > cap) {
			cap = cap ? cap * 2 : 131072;
			b = xrealloc(b, cap);
		}
		r = fread(b + n, 1, cap - n, fp);
		n += r;
	} while (r > 0);
	fclose(fp);
	*len = n;
	return b;
}

static double
cpu_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Usage: feed_speed [-t] [-r REPEAT] FILE...
 * -t prints each file's item count, feed title and item titles as
 * "FILE\tCOUNT\tTITLE" then "\tITEM TITLE" lines; -r times REPEAT passes. */
int
main(int argc, char **argv)
{
	int opt, show = 0, status = 0;
	long repeat = 0;
	size_t total = 0;
	char **bufs;
	size_t *lens;
	double t0, t1;

	while ((opt = getopt(argc, argv, "tr:")) != -1) {
		if (opt == 't')
			show = 1;
		else if (opt == 'r')
			repeat = strtol(optarg, NULL, 10);
		else
			return 2;
	}
	bufs = xcalloc((size_t)argc, sizeof(*bufs));
	lens = xcalloc((size_t)argc, sizeof(*lens));
	for (int i = optind; i < argc; i++) {
		struct err e = {{0}};
		struct feed *f;

		bufs[i] = slurp(argv[i], &lens[i]);
		if (!bufs[i]) {
			perror(argv[i]);
			return 1;
		}
		total += lens[i];
		f = feed_parse(bufs[i], lens[i], NULL, NULL, 0, &e);
		if (!f) {
			printf("%s\tERROR\t%s\n", argv[i], e.msg);
			status = 1;
			continue;
		}
		if (show) {
			printf("%s\t%zu\t%s\n", argv[i], f->nitems, f->title);
			for (size_t k = 0; k < f->nitems; k++)
				printf("\t%s\n", f->items[k].title);
		}
		feed_free(f);
	}
	if (repeat > 0) {
		t0 = cpu_seconds();
		for (long r = 0; r < repeat; r++)
			for (int i = optind; i < argc; i++) {
				struct err e;

				feed_free(feed_parse(bufs[i], lens[i], NULL,
						     NULL, 0, &e));
			}
		t1 = cpu_seconds();
		printf("parsed %zu bytes x %ld in %.3f s CPU: %.1f MB/s\n",
		       total, repeat, t1 - t0,
		       (double)total * (double)repeat / (t1 - t0) / 1e6);
	}
	for (int i = optind; i < argc; i++)
		free(bufs[i]);
	free(bufs);
	free(lens);
	return status;
}
