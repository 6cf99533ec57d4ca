/* fuzz_opml.c: libFuzzer target for the OPML importer: parse, the ini it writes, and that ini read back. */
#include "autoconfig.h"

#include "cli/cli_opml.h"
#include "config/config.h"
#include "feed/opml.h"
#include "util/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[] = "/tmp/warta-fuzz-opml.XXXXXX";
static int fd = -1;

/* the temporary file goes when the fuzzer exits */
static void
remove_tmp(void)
{
	unlink(path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct opml o;
	struct config empty, c;
	struct err e;
	struct buf ini;
	size_t added, skipped = 0;

	if (opml_parse((const char *)data, size, &o, &e) != 0) {
		opml_free(&o);
		return 0;
	}
	config_init(&empty);
	buf_init(&ini, 0);
	buf_puts(&ini, "[general]\n");
	added = cli_opml_to_ini(&o, &empty, &ini, &skipped);
	if (added + skipped != o.n)
		__builtin_trap();
	/* the sections import writes must load as they are, one per feed */
	if (fd < 0 && (fd = mkstemp(path)) >= 0)
		atexit(remove_tmp);
	if (fd >= 0 && ftruncate(fd, 0) == 0 &&
	    pwrite(fd, ini.data, ini.len, 0) == (ssize_t)ini.len) {
		config_init(&c);
		if (config_load(path, &c, &e) != 0) {
			fprintf(stderr, "imported ini does not load: %s\n%s\n",
				e.msg, ini.data);
			__builtin_trap();
		}
		if (c.nsources != added)
			__builtin_trap();
		config_free(&c);
	}
	buf_free(&ini);
	config_free(&empty);
	opml_free(&o);
	return 0;
}
