/* frontpage.h: a news site's front page turned into items from its article links. */
#ifndef WARTA_FRONTPAGE_H
#define WARTA_FRONTPAGE_H

#include <stddef.h>

#include "feed/feed.h"
#include "util/err.h"

/* Parse an HTML front page into a feed whose items are its article links,
 * in page order, de-duplicated by URL (fragments ignored), titled by the
 * anchor text (or a heading inside it, its title attribute or an image's
 * alt text). With link_pattern (a POSIX extended regular expression
 * matched against absolute URLs) exactly the matching links are taken;
 * without it, a heuristic picks links to the same site with article-like
 * paths (long dashed slugs, date segments, numeric ids) and headline-like
 * text, outside navigation and footers, favouring links that repeat one
 * list structure. url (may be NULL) is the page's URL, http_charset (may
 * be NULL) the server's charset, max_items (0: FEED_MAX_ITEMS) the most
 * items kept. Items have no dates (date_guessed set). Returns a feed the
 * caller frees with feed_free(), or NULL with e filled (unparseable page,
 * bad pattern). */
struct feed *frontpage_parse(const char *bytes, size_t len, const char *url,
			const char *http_charset, const char *link_pattern,
			size_t max_items, struct err *e);

#endif
