/* xmlwalk.h: walking a libxml2 tree in document order without recursion. */
#ifndef WARTA_XMLWALK_H
#define WARTA_XMLWALK_H

#include <libxml/tree.h>

/* The node after n in document order within top's subtree (top itself
 * excluded), entering n's children only when descend is set; *depth
 * counts the levels entered (callers bound it by not descending past
 * their limit). NULL once the walk leaves top. n must be top or inside it. */
const xmlNode *xml_walk_next(const xmlNode *n, const xmlNode *top,
			     int descend, int *depth);

#endif
