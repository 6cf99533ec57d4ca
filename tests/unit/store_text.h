/* store_text.h: how the tests' caches index summaries: as warta's do. */
#ifndef WARTA_TEST_STORE_TEXT_H
#define WARTA_TEST_STORE_TEXT_H

#include "html/html_text.h"
#include "store/store.h"

/* What cli/cli_store.c hands store_open(). */
static const struct store_text test_store_text = {html_text_line,
						  HTML_TEXT_VERSION};

#endif
