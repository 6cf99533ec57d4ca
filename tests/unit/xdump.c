/* xdump.c: extract pages and write their body text (for the extraction bench).
 */
#include "autoconfig.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "util/buf.h"
#include "util/str.h"

static int
slurp(const char *path, struct buf *b)
{
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t n;

	if (!f)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(b, chunk, n);
	fclose(f);
	return 0;
}

/* usage: xdump [--prose] OUTDIR FILE... ; writes OUTDIR/<name>.txt (name:
 * the file's base name without .html, or its directory's name for
 * source.html) and OUTDIR/<name>.meta (title, published and byline, one per
 * line). The text is doc_body_text(), the JSON "text" of `warta extract`;
 * with --prose, without the figures' captions. OUTDIR "-" writes nothing
 * (for timing the extraction alone). */
int
main(int argc, char **argv)
{
	int status = 0, prose = 0;

	if (argc > 1 && !strcmp(argv[1], "--prose")) {
		prose = 1;
		argv++;
		argc--;
	}
	if (argc < 3) {
		fputs("usage: xdump [--prose] OUTDIR FILE...\n", stderr);
		return 2;
	}
	for (int i = 2; i < argc; i++) {
		struct buf b;
		struct err e = {{0}};
		struct doc *d;
		char *name, *dot, *slash, *path, *text;
		FILE *f;

		buf_init(&b, 0);
		if (slurp(argv[i], &b) < 0) {
			fprintf(stderr, "%s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		d = extract_page(b.data ? b.data : "", b.len, NULL, NULL, &e);
		buf_free(&b);
		if (!d) {
			fprintf(stderr, "%s: %s\n", argv[i], e.msg);
			status = 1;
			continue;
		}
		if (!strcmp(argv[1], "-")) {
			text = doc_body_text(d);
			free(text);
			doc_free(d);
			continue;
		}
		name = xstrdup(argv[i]);
		slash = strrchr(name, '/');
		if (slash && !strcmp(slash, "/source.html")) {
			*slash = '\0';
			slash = strrchr(name, '/');
		}
		dot = strrchr(slash ? slash : name, '.');
		if (dot && !strcmp(dot, ".html"))
			*dot = '\0';
		path =
		    xasprintf("%s/%s.txt", argv[1], slash ? slash + 1 : name);
		for (size_t k = d->nblocks; prose && k-- > 0;)
			if (d->blocks[k].kind == DOC_FIGURE)
				doc_remove_block(d, k);
		text = doc_body_text(d);
		f = fopen(path, "w");
		if (f) {
			fputs(text, f);
			fclose(f);
		}
		free(path);
		path =
		    xasprintf("%s/%s.meta", argv[1], slash ? slash + 1 : name);
		f = fopen(path, "w");
		if (f) {
			fprintf(f, "%s\n%s\n%s\n",
				d->meta.title ? d->meta.title : "",
				d->meta.published ? d->meta.published : "",
				d->meta.byline ? d->meta.byline : "");
			fclose(f);
		}
		free(path);
		free(text);
		free(name);
		doc_free(d);
	}
	return status;
}
