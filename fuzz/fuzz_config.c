/* fuzz_config.c: libFuzzer target for the config loader, and the OPML export of what it loads. */
#include "autoconfig.h"

#include "cli/cli_opml.h"
#include "config/config.h"
#include "feed/opml.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The loader reads a file (iniparser has no from-memory entry point): one
 * temporary file, rewritten for each input. */
static char path[] = "/tmp/warta-fuzz-config.XXXXXX";
static int fd = -1;

/* the temporary file goes when the fuzzer exits */
static void
remove_tmp(void)
{
	unlink(path);
}

static int
put(const uint8_t *data, size_t size)
{
	if (fd < 0) {
		fd = mkstemp(path);
		if (fd < 0)
			return -1;
		atexit(remove_tmp);
	}
	if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
		return -1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config c;
	struct err e;
	struct opml o;
	char *x;

	if (size > 64 * 1024 || put(data, size) != 0)
		return 0;
	config_init(&c);
	if (config_load(path, &c, &e) == 0) {
		if (c.nerrors)
			__builtin_trap(); /* loaded yet with errors */
		for (size_t i = 0; i < c.nsources; i++)
			if (!c.sources[i].name || !c.sources[i].url ||
			    !c.sources[i].type)
				__builtin_trap();
		/* what loads exports, and the export reads back whole */
		x = cli_opml_export(&c, NULL, 0);
		if (!x)
			__builtin_trap();
		if (opml_parse(x, strlen(x), &o, &e) != 0 || o.n != c.nsources)
			__builtin_trap();
		opml_free(&o);
		free(x);
	} else if (c.nsources || !c.nerrors) {
		__builtin_trap(); /* half-parsed, or failed without a reason */
	}
	config_free(&c);
	return 0;
}
