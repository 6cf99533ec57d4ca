/* pages.c: the link to the next page of a multi-page article. */
#include "config.h"

#include "xint.h"

void
pages_find_next(struct xctx *x, const char *url)
{
	(void)x;
	(void)url;
}
