/* meta.c: title, byline, date, site and the rest, in order of trust. */
#include "config.h"

#include "xint.h"

void
meta_extract(struct xctx *x, const char *url)
{
	doc_set(&x->doc->meta.url, url);
	x->base = x->doc->meta.url;
}
