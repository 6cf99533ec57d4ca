/* utf8.c: UTF-8 decoding, locale-independent display width, sanitising. */
#include "autoconfig.h"

#include "util/utf8.h"
#include "util/buf.h"

#include <string.h>

size_t
utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t c, min;
	size_t n, i;

	if (!len)
		return 0;
	c = p[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		c &= 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		c &= 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		*cp = UTF8_REPLACEMENT;
		return 1;
	}
	for (i = 1; i < n; i++) {
		if (i >= len || (p[i] & 0xc0) != 0x80) {
			*cp = UTF8_REPLACEMENT;
			return i;
		}
		c = (c << 6) | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
		*cp = UTF8_REPLACEMENT;
		return n;
	}
	*cp = c;
	return n;
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = UTF8_REPLACEMENT;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xc0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xe0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (unsigned char)(0xf0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

void
utf8_cut(char *s, size_t max)
{
	if (strlen(s) <= max)
		return;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	s[max] = '\0';
}

int
utf8_valid(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (cp == 0 ||
		    (cp == UTF8_REPLACEMENT &&
		     !(n == 3 && (unsigned char)s[i] == 0xef &&
		       (unsigned char)s[i + 1] == 0xbf &&
		       (unsigned char)s[i + 2] == 0xbd)))
			return 0;
		i += n;
	}
	return 1;
}

struct range {
	uint32_t lo, hi;
};

/* Zero-width: combining marks, format controls, variation selectors. */
static const struct range zero_width[] = {
	{0x0300, 0x036f}, {0x0483, 0x0489}, {0x0591, 0x05bd}, {0x05bf, 0x05bf},
	{0x05c1, 0x05c2}, {0x05c4, 0x05c5}, {0x05c7, 0x05c7}, {0x0610, 0x061a},
	{0x061c, 0x061c}, {0x064b, 0x065f}, {0x0670, 0x0670}, {0x06d6, 0x06dc},
	{0x06df, 0x06e4}, {0x06e7, 0x06e8}, {0x06ea, 0x06ed}, {0x0711, 0x0711},
	{0x0730, 0x074a}, {0x07a6, 0x07b0}, {0x07eb, 0x07f3}, {0x0816, 0x082d},
	{0x0859, 0x085b}, {0x08d3, 0x0902}, {0x093a, 0x093a}, {0x093c, 0x093c},
	{0x0941, 0x0948}, {0x094d, 0x094d}, {0x0951, 0x0957}, {0x0962, 0x0963},
	{0x0981, 0x0981}, {0x09bc, 0x09bc}, {0x09c1, 0x09c4}, {0x09cd, 0x09cd},
	{0x09e2, 0x09e3}, {0x0a01, 0x0a02}, {0x0a3c, 0x0a3c}, {0x0a41, 0x0a51},
	{0x0a70, 0x0a71}, {0x0a75, 0x0a75}, {0x0a81, 0x0a82}, {0x0abc, 0x0abc},
	{0x0ac1, 0x0ac8}, {0x0acd, 0x0acd}, {0x0ae2, 0x0ae3}, {0x0b01, 0x0b01},
	{0x0b3c, 0x0b3c}, {0x0b3f, 0x0b3f}, {0x0b41, 0x0b44}, {0x0b4d, 0x0b4d},
	{0x0b82, 0x0b82}, {0x0bc0, 0x0bc0}, {0x0bcd, 0x0bcd}, {0x0c3e, 0x0c40},
	{0x0c46, 0x0c56}, {0x0cbc, 0x0cbc}, {0x0ccc, 0x0ccd}, {0x0d41, 0x0d44},
	{0x0d4d, 0x0d4d}, {0x0dca, 0x0dca}, {0x0dd2, 0x0dd6}, {0x0e31, 0x0e31},
	{0x0e34, 0x0e3a}, {0x0e47, 0x0e4e}, {0x0eb1, 0x0eb1}, {0x0eb4, 0x0ebc},
	{0x0ec8, 0x0ecd}, {0x0f18, 0x0f19}, {0x0f35, 0x0f35}, {0x0f37, 0x0f37},
	{0x0f39, 0x0f39}, {0x0f71, 0x0f7e}, {0x0f80, 0x0f84}, {0x0f86, 0x0f87},
	{0x0f8d, 0x0fbc}, {0x102d, 0x1030}, {0x1032, 0x1037}, {0x1039, 0x103a},
	{0x1160, 0x11ff}, {0x135d, 0x135f}, {0x1712, 0x1714}, {0x17b4, 0x17b5},
	{0x17b7, 0x17bd}, {0x17c6, 0x17c6}, {0x17c9, 0x17d3}, {0x180b, 0x180f},
	{0x1a17, 0x1a18}, {0x1ab0, 0x1aff}, {0x1b00, 0x1b03}, {0x1b34, 0x1b34},
	{0x1dc0, 0x1dff}, {0x200b, 0x200f}, {0x202a, 0x202e}, {0x2060, 0x2064},
	{0x2066, 0x206f}, {0x20d0, 0x20f0}, {0x2cef, 0x2cf1}, {0x2de0, 0x2dff},
	{0x302a, 0x302d}, {0x3099, 0x309a}, {0xa66f, 0xa672}, {0xa674, 0xa67d},
	{0xa69e, 0xa69f}, {0xa6f0, 0xa6f1}, {0xa802, 0xa802}, {0xa806, 0xa806},
	{0xa80b, 0xa80b}, {0xa825, 0xa826}, {0xa8c4, 0xa8c5}, {0xa8e0, 0xa8f1},
	{0xfb1e, 0xfb1e}, {0xfe00, 0xfe0f}, {0xfe20, 0xfe2f}, {0xfeff, 0xfeff},
	{0xfff9, 0xfffb}, {0x1d167, 0x1d169}, {0x1d173, 0x1d182},
	{0x1f3fb, 0x1f3ff}, {0xe0001, 0xe0001}, {0xe0020, 0xe007f},
	{0xe0100, 0xe01ef},
};

/* Two columns: East Asian Wide and Fullwidth, and emoji presentation. */
static const struct range wide[] = {
	{0x1100, 0x115f}, {0x231a, 0x231b}, {0x2329, 0x232a}, {0x23e9, 0x23ec},
	{0x23f0, 0x23f0}, {0x23f3, 0x23f3}, {0x25fd, 0x25fe}, {0x2614, 0x2615},
	{0x2648, 0x2653}, {0x267f, 0x267f}, {0x2693, 0x2693}, {0x26a1, 0x26a1},
	{0x26aa, 0x26ab}, {0x26bd, 0x26be}, {0x26c4, 0x26c5}, {0x26ce, 0x26ce},
	{0x26d4, 0x26d4}, {0x26ea, 0x26ea}, {0x26f2, 0x26f3}, {0x26f5, 0x26f5},
	{0x26fa, 0x26fa}, {0x26fd, 0x26fd}, {0x2705, 0x2705}, {0x270a, 0x270b},
	{0x2728, 0x2728}, {0x274c, 0x274c}, {0x274e, 0x274e}, {0x2753, 0x2755},
	{0x2757, 0x2757}, {0x2795, 0x2797}, {0x27b0, 0x27b0}, {0x27bf, 0x27bf},
	{0x2b1b, 0x2b1c}, {0x2b50, 0x2b50}, {0x2b55, 0x2b55}, {0x2e80, 0x303e},
	{0x3041, 0x33ff}, {0x3400, 0x4dbf}, {0x4e00, 0x9fff}, {0xa000, 0xa4cf},
	{0xa960, 0xa97f}, {0xac00, 0xd7a3}, {0xf900, 0xfaff}, {0xfe10, 0xfe19},
	{0xfe30, 0xfe6f}, {0xff00, 0xff60}, {0xffe0, 0xffe6}, {0x16fe0, 0x16fe4},
	{0x17000, 0x18cff}, {0x1b000, 0x1b2ff}, {0x1f004, 0x1f004},
	{0x1f0cf, 0x1f0cf}, {0x1f18e, 0x1f18e}, {0x1f191, 0x1f19a},
	{0x1f200, 0x1f251}, {0x1f260, 0x1f265}, {0x1f300, 0x1f320},
	{0x1f32d, 0x1f335}, {0x1f337, 0x1f37c}, {0x1f37e, 0x1f393},
	{0x1f3a0, 0x1f3ca}, {0x1f3cf, 0x1f3d3}, {0x1f3e0, 0x1f3f0},
	{0x1f3f4, 0x1f3f4}, {0x1f3f8, 0x1f43e}, {0x1f440, 0x1f440},
	{0x1f442, 0x1f4fc}, {0x1f4ff, 0x1f53d}, {0x1f54b, 0x1f54e},
	{0x1f550, 0x1f567}, {0x1f57a, 0x1f57a}, {0x1f595, 0x1f596},
	{0x1f5a4, 0x1f5a4}, {0x1f5fb, 0x1f64f}, {0x1f680, 0x1f6c5},
	{0x1f6cc, 0x1f6cc}, {0x1f6d0, 0x1f6d2}, {0x1f6d5, 0x1f6d7},
	{0x1f6eb, 0x1f6ec}, {0x1f6f4, 0x1f6fc}, {0x1f7e0, 0x1f7eb},
	{0x1f90c, 0x1f93a}, {0x1f93c, 0x1f945}, {0x1f947, 0x1f9ff},
	{0x1fa70, 0x1faff}, {0x20000, 0x2fffd}, {0x30000, 0x3fffd},
};

static int
in_table(uint32_t cp, const struct range *t, size_t n)
{
	size_t lo = 0, hi = n;

	if (cp < t[0].lo || cp > t[n - 1].hi)
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp > t[mid].hi)
			lo = mid + 1;
		else if (cp < t[mid].lo)
			hi = mid;
		else
			return 1;
	}
	return 0;
}

int
utf8_cpwidth(uint32_t cp)
{
	if (cp < 0x300)
		return (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) ? 0 : 1;
	/* The big ideograph and Hangul blocks hold no zero-width code point:
	 * answer them without the table searches. */
	if ((cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
	    (cp >= 0xac00 && cp <= 0xd7a3))
		return 2;
	/* Likewise the letters of Greek, Cyrillic, Armenian and Arabic and
	 * the dashes and quotes of General Punctuation: one column each. */
	if ((cp >= 0x370 && cp <= 0x482) || (cp >= 0x48a && cp <= 0x590) ||
	    (cp >= 0x620 && cp <= 0x64a) || (cp >= 0x2010 && cp <= 0x2029))
		return 1;
	if (in_table(cp, zero_width, sizeof(zero_width) / sizeof(*zero_width)))
		return 0;
	if (cp < 0x1100)
		return 1;
	if (in_table(cp, wide, sizeof(wide) / sizeof(*wide)))
		return 2;
	return 1;
}

size_t
utf8_width(const char *s, size_t len)
{
	size_t w = 0, i = 0;

	while (i < len) {
		uint32_t cp;

		/* Printable ASCII is one column a byte. */
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f) {
			w++;
			i++;
			continue;
		}
		i += utf8_decode(s + i, len - i, &cp);
		w += (size_t)utf8_cpwidth(cp);
	}
	return w;
}

static int
is_bidi_control(uint32_t cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Noncharacters (U+FDD0..U+FDEF and the last two of every plane): never
 * text, and U+FFFE/U+FFFF are not allowed in XML, where sanitised text
 * also goes (the OPML export). */
static int
is_noncharacter(uint32_t cp)
{
	return (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe;
}

char *
utf8_sanitize(const char *s, size_t len, unsigned flags)
{
	struct buf out;
	size_t i = 0;
	int cap = (flags & UTF8_CAP_MARKS) != 0, marks = 0;

	buf_init(&out, 0);
	buf_append(&out, "", 0);
	while (i < len) {
		uint32_t cp;
		char enc[4];
		size_t run = i;

		/* Copy in bulk what never needs changing: printable ASCII and
		 * well-formed sequences of other printable code points. */
		while (run < len) {
			unsigned char c = (unsigned char)s[run];

			if (c >= 0x20 && c < 0x7f) {
				run++;
				marks = 0;
			} else if (c >= 0xc2) {
				size_t n = utf8_decode(s + run, len - run, &cp);

				if (cp < 0xa0 || cp == UTF8_REPLACEMENT ||
				    is_bidi_control(cp) || is_noncharacter(cp))
					break;
				if (cap && utf8_cpwidth(cp) == 0 &&
				    ++marks > UTF8_MAX_MARKS)
					break; /* dropped below */
				if (cap && utf8_cpwidth(cp) != 0)
					marks = 0;
				run += n;
			} else {
				break;
			}
		}
		if (run > i) {
			buf_append(&out, s + i, run - i);
			i = run;
			continue;
		}
		i += utf8_decode(s + i, len - i, &cp);
		if (cap && cp >= 0xa0 && utf8_cpwidth(cp) == 0 &&
		    marks > UTF8_MAX_MARKS)
			continue; /* one more mark than a cell holds */
		marks = 0;
		if (cp == '\n' || cp == '\r') {
			if (cp == '\r' && i < len && s[i] == '\n')
				continue;
			buf_putc(&out, (flags & UTF8_KEEP_NEWLINES) ? '\n' : ' ');
		} else if (cp == '\t') {
			buf_putc(&out, (flags & UTF8_KEEP_TABS) ? '\t' : ' ');
		} else if (cp < 0x20) {
			buf_putc(&out, '^');
			buf_putc(&out, (char)(cp + 0x40));
		} else if (cp == 0x7f) {
			buf_puts(&out, "^?");
		} else if ((cp >= 0x80 && cp < 0xa0) || is_bidi_control(cp) ||
			   is_noncharacter(cp)) {
			buf_append(&out, enc, utf8_encode(UTF8_REPLACEMENT, enc));
		} else {
			buf_append(&out, enc, utf8_encode(cp, enc));
		}
	}
	return buf_steal(&out);
}
