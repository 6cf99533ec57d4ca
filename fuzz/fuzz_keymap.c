/* fuzz_keymap.c: libFuzzer target for the key bindings: a [keys] section's
 * text, key names and binding lists, on arbitrary bytes. After any input
 * every key is bound to at most one action, and names round-trip. */
#include "autoconfig.h"

#include "ui/keymap.h"
#include "util/buf.h"
#include "util/err.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_keymap(const struct keymap *km)
{
	struct err e;

	for (int a = 1; a < KEYMAP_NACTIONS; a++) {
		if (km->nkeys[a] < 0 || km->nkeys[a] > KEYMAP_MAX_KEYS)
			abort();
		for (int i = 0; i < km->nkeys[a]; i++) {
			char name[KEYMAP_NAME_MAX];
			int key = km->keys[a][i];

			if (!key || (int)keymap_lookup(km, key) != a)
				abort(); /* bound twice */
			keymap_key_name(key, name);
			if (keymap_parse_key(name, &e) != key)
				abort();
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct keymap km;
	struct buf warn;
	struct err e;
	char *s, help[512];
	int key;

	buf_init(&warn, 0);
	keymap_init(&km);
	(void)keymap_load_text(&km, (const char *)data, size, "fuzz.ini",
			       &warn);
	check_keymap(&km);
	keymap_free(&km);
	buf_reset(&warn);

	s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	key = keymap_parse_key(s, &e);
	if (key) {
		char name[KEYMAP_NAME_MAX];

		keymap_key_name(key, name);
		if (keymap_parse_key(name, &e) != key)
			abort();
	}
	keymap_init(&km);
	(void)keymap_bind(&km, "open", s, &warn, &e);
	check_keymap(&km);
	for (int a = 0; a < KEYMAP_NACTIONS; a++)
		keymap_keys_string(&km, (enum keymap_action)a, help,
				   sizeof(help));
	free(keymap_help_text(&km, KEYMAP_ALL));
	keymap_free(&km);
	free(s);
	buf_free(&warn);
	return 0;
}
