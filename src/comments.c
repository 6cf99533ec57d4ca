/* comments.c: reader comments found on the page, kept out of the body. */
#include "config.h"

#include "xint.h"

void
comments_extract(struct xctx *x)
{
	(void)x;
}
