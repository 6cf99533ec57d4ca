/* xmlwalk.c: the one iterative document-order walk the XML and HTML readers share. */
#include "autoconfig.h"

#include "html/xmlwalk.h"

const xmlNode *
xml_walk_next(const xmlNode *n, const xmlNode *top, int descend, int *depth)
{
	if (descend && n->children) {
		(*depth)++;
		return n->children;
	}
	while (n != top && !n->next) {
		n = n->parent;
		(*depth)--;
		if (!n)
			return NULL;
	}
	return n == top ? NULL : n->next;
}
