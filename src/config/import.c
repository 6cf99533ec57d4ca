/* import.c: sections for new sources appended to config.ini text. */
#include "autoconfig.h"

#include "config/import.h"
#include "util/str.h"
#include "util/url.h"
#include "util/utf8.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NAME 100
#define MAX_URL 900 /* config lines are at most 1000 characters */

/* A set of strings, each with a number: names compared as config names
 * are (ASCII case ignored), or URLs compared exactly. Open addressing, so
 * that an import of thousands of feeds costs a look-up per name, not a
 * scan of every name before it. */
struct nameset {
	char **keys; /* copies, NULL in empty slots */
	int *next;   /* for a name taken: the next " (N)" to try */
	int exact;   /* URLs: case counts */
	size_t cap, n;
};

static size_t
name_hash(const char *s, int exact)
{
	size_t h = 5381;

	for (; *s; s++)
		h = h * 33 +
		    (unsigned char)(exact ? *s : tolower((unsigned char)*s));
	return h;
}

/* The slot of key, or of the empty slot where it would go. */
static size_t
set_slot(const struct nameset *set, const char *key)
{
	size_t i = name_hash(key, set->exact) & (set->cap - 1);

	while (set->keys[i] && (set->exact ? strcmp(set->keys[i], key)
					   : str_casecmp(set->keys[i], key)))
		i = (i + 1) & (set->cap - 1);
	return i;
}

static int
set_has(const struct nameset *set, const char *key)
{
	return set->cap && set->keys[set_slot(set, key)] != NULL;
}

/* Add key (no-op when there); its number slot is returned. */
static int *
set_add(struct nameset *set, const char *key)
{
	size_t i;

	if ((set->n + 1) * 2 > set->cap) {
		struct nameset big = {0};

		big.exact = set->exact;
		big.cap = set->cap ? set->cap * 2 : 64;
		big.keys = xcalloc(big.cap, sizeof(*big.keys));
		big.next = xcalloc(big.cap, sizeof(*big.next));
		for (size_t k = 0; k < set->cap; k++) {
			if (!set->keys[k])
				continue;
			i = set_slot(&big, set->keys[k]);
			big.keys[i] = set->keys[k];
			big.next[i] = set->next[k];
			big.n++;
		}
		free(set->keys);
		free(set->next);
		*set = big;
	}
	i = set_slot(set, key);
	if (!set->keys[i]) {
		set->keys[i] = xstrdup(key);
		set->next[i] = 2;
		set->n++;
	}
	return &set->next[i];
}

static void
set_free(struct nameset *set)
{
	for (size_t i = 0; i < set->cap; i++)
		free(set->keys[i]);
	free(set->keys);
	free(set->next);
	memset(set, 0, sizeof(*set));
}

/* A section name from the title (or the host): no brackets, colons or
 * controls, bounded, unique among taken, to which it is added: "Same",
 * then "Same (2)", "Same (3)"... Caller frees. */
static char *
section_name(struct nameset *taken, const struct config_import *f)
{
	char *base = f->title ? xstrdup(f->title) : url_host(f->url);
	char *name;
	int *next;

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
	if (!set_has(taken, name)) {
		set_add(taken, name);
		return name;
	}
	/* the base remembers the number it got to */
	next = set_add(taken, name);
	for (;;) {
		char *t = xasprintf("%s (%d)", name, (*next)++);

		if (!set_has(taken, t)) {
			free(name);
			set_add(taken, t);
			return t;
		}
		free(t);
	}
}

size_t
config_import_ini(const struct config *c, const struct config_import *in,
		  size_t n, struct buf *out, size_t *skipped)
{
	static const char *const reserved[] = {"general", "keys", "colors",
					       "sync"};
	struct nameset taken = {0}, urls = {0};
	size_t added = 0, skip = 0;

	urls.exact = 1;
	for (size_t i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
		set_add(&taken, reserved[i]);
	for (size_t i = 0; i < c->nsources; i++) {
		set_add(&taken, c->sources[i].name);
		if (c->sources[i].url)
			set_add(&urls, c->sources[i].url);
	}
	for (size_t i = 0; i < c->nsections; i++)
		set_add(&taken, c->sections[i].name);
	for (size_t i = 0; i < n; i++) {
		const struct config_import *f = &in[i];
		char *name;

		if (!url_is_http(f->url) || strlen(f->url) > MAX_URL ||
		    strpbrk(f->url, "\"\n\r") || set_has(&urls, f->url)) {
			skip++;
			continue;
		}
		set_add(&urls, f->url);
		name = section_name(&taken, f);
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
		free(name);
		added++;
	}
	set_free(&taken);
	set_free(&urls);
	if (skipped)
		*skipped = skip;
	return added;
}
