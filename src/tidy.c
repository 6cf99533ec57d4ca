/* tidy.c: the body's last pass: teaser inserts, ad labels, title repeats. */
#include "config.h"

#include "xint.h"

#include <stdlib.h>
#include <string.h>

#include "util/str.h"

void
blocks_tidy(struct xctx *x)
{
	(void)x;
}
