/* import.c: sections for new sources appended to config.ini text. */
#include "autoconfig.h"

#include "config/import.h"
#include "util/str.h"
#include "util/url.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

#define MAX_NAME 100
#define MAX_URL 900 /* config lines are at most 1000 characters */

static int
name_taken(const struct config *c, char **added, size_t nadded,
	   const char *name)
{
	static const char *reserved[] = {"general", "keys", "colors"};

	for (size_t i = 0; i < 3; i++)
		if (!str_casecmp(name, reserved[i]))
			return 1;
	if (config_find_source(c, name) || config_find_section(c, name))
		return 1;
	for (size_t i = 0; i < nadded; i++)
		if (!str_casecmp(added[i], name))
			return 1;
	return 0;
}

/* A section name from the title (or the host): no brackets, colons or
 * controls, bounded, unique. Caller frees. */
static char *
section_name(const struct config *c, char **added, size_t nadded,
	     const struct config_import *f)
{
	char *base = f->title ? xstrdup(f->title) : url_host(f->url);
	char *name;

	if (!base)
		base = xstrdup("Untitled");
	for (unsigned char *p = (unsigned char *)base; *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '[' || *p == ']' ||
		    *p == ':' || *p == ';' || *p == '#' || *p == '=')
			*p = ' ';
	name = str_squeeze(base, strlen(base));
	free(base);
	utf8_cut(name, MAX_NAME);
	str_trim(name);
	if (!*name) {
		free(name);
		name = xstrdup("Untitled");
	}
	for (int i = 2; name_taken(c, added, nadded, name); i++) {
		char *t =
		    xasprintf("%.*s (%d)", (int)strcspn(name, "("), name, i);
		free(name);
		name = str_trim(t);
		if (i > 10000)
			break;
	}
	return name;
}

static int
url_known(const struct config *c, const char **urls, size_t nurls,
	  const char *url)
{
	for (size_t i = 0; i < c->nsources; i++)
		if (c->sources[i].url && !strcmp(c->sources[i].url, url))
			return 1;
	for (size_t i = 0; i < nurls; i++)
		if (!strcmp(urls[i], url))
			return 1;
	return 0;
}

size_t
config_import_ini(const struct config *c, const struct config_import *in,
		  size_t n, struct buf *out, size_t *skipped)
{
	char **names = NULL;
	const char **urls = NULL;
	size_t added = 0, skip = 0;

	for (size_t i = 0; i < n; i++) {
		const struct config_import *f = &in[i];
		char *name;

		if (!url_is_http(f->url) || strlen(f->url) > MAX_URL ||
		    strpbrk(f->url, "\"\n\r") ||
		    url_known(c, urls, added, f->url)) {
			skip++;
			continue;
		}
		name = section_name(c, names, added, f);
		buf_printf(out, "\n[%s]\nurl = \"%s\"\n", name, f->url);
		if (f->type)
			buf_printf(out, "type = %s\n", f->type);
		if (f->ntags) {
			buf_puts(out, "tags = ");
			for (size_t j = 0; j < f->ntags; j++)
				buf_printf(out, "%s%s", j ? ", " : "",
					   f->tags[j]);
			buf_puts(out, "\n");
		}
		names = xreallocarray(names, added + 1, sizeof(*names));
		urls = xreallocarray(urls, added + 1, sizeof(*urls));
		names[added] = name;
		urls[added] = f->url;
		added++;
	}
	for (size_t i = 0; i < added; i++)
		free(names[i]);
	free(names);
	free(urls);
	if (skipped)
		*skipped = skip;
	return added;
}
