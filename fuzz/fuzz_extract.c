/* fuzz_extract.c: libFuzzer target: page bytes to a doc and every output. */
#include "autoconfig.h"

#include "doc/doc.h"
#include "extract/extract.h"
#include "html/html.h"
#include "util/err.h"
#include "util/jsonr.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The first byte picks the charset the server would have named. */
	static const char *const charsets[] = {
	    NULL,     "utf-8",	"iso-8859-1",  "gbk",	   "shift_jis",
	    "utf-16", "koi8-r", "iso-2022-jp", "nonsense", "euc-kr",
	};
	const char *cs = NULL;
	struct err e;
	htmlDocPtr h;
	struct doc *d;
	struct jsonr_value *v;
	char *s;

	if (size) {
		cs = charsets[data[0] % (sizeof(charsets) / sizeof(*charsets))];
		data++;
		size--;
	}
	h = html_parse((const char *)data, size, "http://fuzz.example/a/b", cs,
		       &e);
	if (h)
		xmlFreeDoc(h);
	d = extract_page((const char *)data, size, "http://fuzz.example/a/b",
			 cs, &e);
	if (!d)
		return 0;
	/* The JSON form (comments included) is always valid JSON. */
	s = doc_to_json(d);
	v = jsonr_parse(s, strlen(s), &e);
	if (!v)
		__builtin_trap();
	jsonr_free(v);
	free(s);
	s = doc_body_text(d);
	free(s);
	s = doc_to_markdown(d, 1);
	free(s);
	doc_free(d);
	return 0;
}
