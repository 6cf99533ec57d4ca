/* test_xmlwalk.c: the document-order walk over libxml2 trees. */
#include "autoconfig.h"

#include "html/xmlwalk.h"
#include "tap.h"

#include <libxml/parser.h>
#include <string.h>

/* The names of the elements under top in walk order, descending no deeper
 * than max levels, joined by spaces into out. */
static void
walk_names(const xmlNode *top, int max, char *out, size_t cap)
{
	const xmlNode *n = top->children;
	int depth = 0;
	size_t len = 0;

	out[0] = '\0';
	while (n) {
		size_t l = strlen((const char *)n->name);

		if (n->type == XML_ELEMENT_NODE && len + l + 2 < cap) {
			if (len)
				out[len++] = ' ';
			memcpy(out + len, n->name, l + 1);
			len += l;
		}
		n = xml_walk_next(n, top, depth < max, &depth);
	}
}

int
main(void)
{
	static const char xml[] =
		"<r><a><b><c/></b><d/></a><e>text<f/></e><g/></r>";
	xmlDocPtr doc = xmlReadMemory(xml, sizeof(xml) - 1, NULL, NULL,
				      XML_PARSE_NONET);
	const xmlNode *root = xmlDocGetRootElement(doc);
	const xmlNode *a = root->children;
	char names[128];
	int depth = 0;

	walk_names(root, 10, names, sizeof(names));
	is_str(names, "a b c d e f g", "every element in document order");
	walk_names(root, 1, names, sizeof(names));
	is_str(names, "a b d e f g", "no deeper than asked");
	walk_names(root, 0, names, sizeof(names));
	is_str(names, "a e g", "children only");
	walk_names(a, 10, names, sizeof(names));
	is_str(names, "b c d", "a subtree, and no further");
	ok(xml_walk_next(root->last, root, 1, &depth) == NULL,
	   "the end of the walk is NULL");
	depth = 0;
	ok(xml_walk_next(a->children->children, root, 0, &depth) ==
			   a->children->next &&
		   depth == -1,
	   "climbing counts the levels left");
	xmlFreeDoc(doc);
	return tap_done();
}
