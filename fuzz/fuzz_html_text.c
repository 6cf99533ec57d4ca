/* fuzz_html_text.c: libFuzzer target: HTML fragments to text, and sniffing. */
#include "autoconfig.h"

#include "feed/feed.h"
#include "html/html_text.h"
#include "util/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What every text must be: valid UTF-8, within its cap, no space at
 * either end or next to another space or a line break, and one line in
 * the one-line form. */
static void
check(const char *s, enum html_text_form form, size_t max)
{
	size_t n = strlen(s);

	if (!utf8_valid(s, n) || (max && n > max))
		__builtin_trap();
	if (n && (s[0] == ' ' || s[0] == '\n' || s[n - 1] == ' ' ||
		  s[n - 1] == '\n'))
		__builtin_trap();
	for (size_t i = 0; i + 1 < n; i++)
		if ((s[i] == ' ' || s[i] == '\n') &&
		    (s[i + 1] == ' ' || s[i + 1] == '\n'))
			__builtin_trap();
	if (form == HTML_TEXT_LINE && memchr(s, '\n', n))
		__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const types[] = {
	    NULL,
	    "text/html",
	    "application/rss+xml",
	    "text/xml",
	};
	const char *s = (const char *)data;
	/* the first byte picks a cap, so cuts land everywhere */
	size_t max = size ? data[0] % 64 : 0;
	char *t;

	t = html_text_fragment(s, size, HTML_TEXT_LINES, 0);
	check(t, HTML_TEXT_LINES, 0);
	free(t);
	t = html_text_fragment(s, size, HTML_TEXT_LINE, max);
	check(t, HTML_TEXT_LINE, max);
	free(t);
	t = html_text_decode_refs(s, size);
	free(t);
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (feed_sniff(s, size, types[i]) > FEED_KIND_PAGE)
			__builtin_trap();
	return 0;
}
