/* fuzz_theme.c: libFuzzer target for the theme parser: a theme file's text
 * ([colors] lines) and single style specifications, on arbitrary bytes. */
#include "autoconfig.h"

#include "ui/theme.h"
#include "util/buf.h"
#include "util/err.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct theme t;
	struct theme_style st, out;
	struct buf warn;
	struct err e;
	char *spec;
	int bad;

	buf_init(&warn, 0);
	theme_init(&t);
	bad = theme_load_text(&t, (const char *)data, size, "fuzz.ini", &warn);
	if (bad < 0 || (bad > 0 && !warn.len))
		abort();
	for (int i = 0; i < THEME_NELEMENTS; i++) {
		const struct theme_style *s = &t.style[i];

		if (s->fg < THEME_DEFAULT_COLOR || s->fg > 255 ||
		    s->bg < THEME_DEFAULT_COLOR || s->bg > 255)
			abort();
		theme_resolve(s, 8, 0, 0, &out);
		if (out.fg > 7 || out.bg > 7)
			abort();
		theme_resolve(s, 0, 1, THEME_BOLD, &out);
		if (out.fg != THEME_DEFAULT_COLOR ||
		    out.bg != THEME_DEFAULT_COLOR)
			abort();
	}
	buf_free(&warn);

	spec = malloc(size + 1);
	if (!spec)
		return 0;
	memcpy(spec, data, size);
	spec[size] = '\0';
	if (theme_parse_style(spec, &st, &e) == 0 &&
	    (st.fg < THEME_DEFAULT_COLOR || st.fg > 255 ||
	     st.bg < THEME_DEFAULT_COLOR || st.bg > 255))
		abort();
	(void)theme_element_by_name(spec);
	free(spec);
	return 0;
}
