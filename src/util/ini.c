/* ini.c: a line-by-line ini reader that keeps line numbers. */
#include "autoconfig.h"

#include "util/ini.h"
#include "util/str.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
ini_iter_init(struct ini_iter *it, const char *text, size_t len)
{
	memset(it, 0, sizeof(*it));
	it->p = text;
	it->end = text + len;
}

/* Copy s[0..n) into out (size cap) trimmed of white space; -1 if too long. */
static int
copy_trimmed(char *out, size_t cap, const char *s, size_t n)
{
	while (n && str_isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && str_isspace((unsigned char)s[n - 1]))
		n--;
	if (n >= cap)
		return -1;
	memcpy(out, s, n);
	out[n] = '\0';
	return 0;
}

int
ini_iter_next(struct ini_iter *it)
{
	while (it->p && it->p < it->end) {
		const char *s = it->p, *nl, *eq, *close;
		size_t n, vlen;

		nl = memchr(s, '\n', (size_t)(it->end - s));
		n = nl ? (size_t)(nl - s) : (size_t)(it->end - s);
		it->p = nl ? nl + 1 : it->end;
		it->line++;
		if (it->line == 1 && n >= 3 && !memcmp(s, "\xef\xbb\xbf", 3)) {
			s += 3; /* a UTF-8 byte order mark */
			n -= 3;
		}
		if (n && s[n - 1] == '\r')
			n--;
		if (memchr(s, '\0', n)) {
			it->error = "NUL byte in line";
			return -1;
		}
		if (n > (it->max_line ? it->max_line : INI_MAX_LINE)) {
			snprintf(it->errbuf, sizeof(it->errbuf),
				 "line longer than %zu characters",
				 it->max_line ? it->max_line : INI_MAX_LINE);
			it->error = it->errbuf;
			return -1;
		}
		while (n && str_isspace((unsigned char)*s)) {
			s++;
			n--;
		}
		while (n && str_isspace((unsigned char)s[n - 1]))
			n--;
		if (!n || *s == ';' || *s == '#')
			continue;
		if (it->strict && s[n - 1] == '\\') {
			it->error = "a line ending in '\\' (continued lines "
				    "are not supported)";
			return -1;
		}
		it->quoted = 0;
		if (*s == '[') {
			close = memchr(s, ']', n);
			if (!close) {
				it->error =
				    "expected a section name in brackets, like "
				    "[general]";
				return -1;
			}
			it->section_line = it->line;
			if (it->strict && close != s + n - 1) {
				it->error = "text after a section's ']'";
				return -1;
			}
			if (copy_trimmed(it->section, sizeof(it->section),
					 s + 1, (size_t)(close - s - 1)) < 0) {
				it->section[0] = '\0';
				it->error = "section name too long";
				return -1;
			}
			if (it->strict)
				return INI_SECTION;
			continue;
		}
		eq = memchr(s, '=', n);
		if (!eq) {
			it->error = "expected key = value";
			return -1;
		}
		if (copy_trimmed(it->key, sizeof(it->key), s,
				 (size_t)(eq - s)) < 0) {
			it->error = "key too long";
			return -1;
		}
		if (!it->key[0]) {
			it->error = "empty key";
			return -1;
		}
		if (copy_trimmed(it->value, sizeof(it->value), eq + 1,
				 n - (size_t)(eq + 1 - s)) < 0) {
			it->error = "value too long";
			return -1;
		}
		vlen = strlen(it->value);
		if (vlen >= 2 && ((it->value[0] == '"' && it->value[vlen - 1] == '"') ||
				  (it->value[0] == '\'' &&
				   it->value[vlen - 1] == '\''))) {
			memmove(it->value, it->value + 1, vlen - 2);
			it->value[vlen - 2] = '\0';
			it->quoted = 1;
		}
		return 1;
	}
	return 0;
}

char *
ini_read_file(const char *path, size_t max, size_t *len)
{
	FILE *f;
	char *data = NULL;
	size_t cap = 0, n = 0, got;
	int saved;

	f = fopen(path, "rb");
	if (!f)
		return NULL;
	for (;;) {
		if (cap - n < 4097) {
			if (cap > max + 1) {
				free(data);
				fclose(f);
				errno = EFBIG;
				return NULL;
			}
			cap = cap ? cap * 2 : 8192;
			data = xrealloc(data, cap);
		}
		got = fread(data + n, 1, cap - n - 1, f);
		n += got;
		if (n > max) {
			free(data);
			fclose(f);
			errno = EFBIG;
			return NULL;
		}
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		saved = errno ? errno : EIO;
		free(data);
		fclose(f);
		errno = saved;
		return NULL;
	}
	fclose(f);
	data[n] = '\0';
	if (len)
		*len = n;
	return data;
}
