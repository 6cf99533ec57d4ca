/* html_text.c: HTML to text, the shared layer: elements, references, spaces. */
#include "autoconfig.h"

#include "html/html_text.h"
#include "html/html_text_int.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

/* Every HTML element warta knows, sorted by name for bsearch(). Hidden
 * ones are those whose content a reader never sees as text: code, styles,
 * fallback text of players and frames, form controls. */
static const struct elem {
	const char *name;
	enum html_elem kind;
	int is_void;
} elems[] = {
    {"a", HTML_ELEM_INLINE, 0},		{"abbr", HTML_ELEM_INLINE, 0},
    {"acronym", HTML_ELEM_INLINE, 0},	{"address", HTML_ELEM_BLOCK, 0},
    {"applet", HTML_ELEM_HIDDEN, 0},	{"area", HTML_ELEM_INLINE, 1},
    {"article", HTML_ELEM_BLOCK, 0},	{"aside", HTML_ELEM_BLOCK, 0},
    {"audio", HTML_ELEM_HIDDEN, 0},	{"b", HTML_ELEM_INLINE, 0},
    {"base", HTML_ELEM_INLINE, 1},	{"basefont", HTML_ELEM_INLINE, 1},
    {"bdi", HTML_ELEM_INLINE, 0},	{"bdo", HTML_ELEM_INLINE, 0},
    {"big", HTML_ELEM_INLINE, 0},	{"blink", HTML_ELEM_INLINE, 0},
    {"blockquote", HTML_ELEM_BLOCK, 0}, {"body", HTML_ELEM_BLOCK, 0},
    {"br", HTML_ELEM_BLOCK, 1},		{"button", HTML_ELEM_HIDDEN, 0},
    {"canvas", HTML_ELEM_HIDDEN, 0},	{"caption", HTML_ELEM_BLOCK, 0},
    {"center", HTML_ELEM_BLOCK, 0},	{"cite", HTML_ELEM_INLINE, 0},
    {"code", HTML_ELEM_INLINE, 0},	{"col", HTML_ELEM_INLINE, 1},
    {"colgroup", HTML_ELEM_INLINE, 0},	{"data", HTML_ELEM_INLINE, 0},
    {"datalist", HTML_ELEM_HIDDEN, 0},	{"dd", HTML_ELEM_BLOCK, 0},
    {"del", HTML_ELEM_INLINE, 0},	{"details", HTML_ELEM_BLOCK, 0},
    {"dfn", HTML_ELEM_INLINE, 0},	{"dialog", HTML_ELEM_BLOCK, 0},
    {"dir", HTML_ELEM_BLOCK, 0},	{"div", HTML_ELEM_BLOCK, 0},
    {"dl", HTML_ELEM_BLOCK, 0},		{"dt", HTML_ELEM_BLOCK, 0},
    {"em", HTML_ELEM_INLINE, 0},	{"embed", HTML_ELEM_HIDDEN, 1},
    {"fieldset", HTML_ELEM_BLOCK, 0},	{"figcaption", HTML_ELEM_BLOCK, 0},
    {"figure", HTML_ELEM_BLOCK, 0},	{"font", HTML_ELEM_INLINE, 0},
    {"footer", HTML_ELEM_BLOCK, 0},	{"form", HTML_ELEM_BLOCK, 0},
    {"frame", HTML_ELEM_HIDDEN, 1},	{"frameset", HTML_ELEM_HIDDEN, 0},
    {"h1", HTML_ELEM_BLOCK, 0},		{"h2", HTML_ELEM_BLOCK, 0},
    {"h3", HTML_ELEM_BLOCK, 0},		{"h4", HTML_ELEM_BLOCK, 0},
    {"h5", HTML_ELEM_BLOCK, 0},		{"h6", HTML_ELEM_BLOCK, 0},
    {"head", HTML_ELEM_HIDDEN, 0},	{"header", HTML_ELEM_BLOCK, 0},
    {"hgroup", HTML_ELEM_BLOCK, 0},	{"hr", HTML_ELEM_BLOCK, 1},
    {"html", HTML_ELEM_BLOCK, 0},	{"i", HTML_ELEM_INLINE, 0},
    {"iframe", HTML_ELEM_HIDDEN, 0},	{"img", HTML_ELEM_INLINE, 1},
    {"input", HTML_ELEM_INLINE, 1},	{"ins", HTML_ELEM_INLINE, 0},
    {"kbd", HTML_ELEM_INLINE, 0},	{"label", HTML_ELEM_INLINE, 0},
    {"legend", HTML_ELEM_BLOCK, 0},	{"li", HTML_ELEM_BLOCK, 0},
    {"link", HTML_ELEM_INLINE, 1},	{"listing", HTML_ELEM_BLOCK, 0},
    {"main", HTML_ELEM_BLOCK, 0},	{"map", HTML_ELEM_INLINE, 0},
    {"mark", HTML_ELEM_INLINE, 0},	{"marquee", HTML_ELEM_INLINE, 0},
    {"math", HTML_ELEM_INLINE, 0},	{"menu", HTML_ELEM_BLOCK, 0},
    {"meta", HTML_ELEM_INLINE, 1},	{"meter", HTML_ELEM_INLINE, 0},
    {"nav", HTML_ELEM_BLOCK, 0},	{"nobr", HTML_ELEM_INLINE, 0},
    {"noembed", HTML_ELEM_HIDDEN, 0},	{"noframes", HTML_ELEM_HIDDEN, 0},
    {"noscript", HTML_ELEM_HIDDEN, 0},	{"object", HTML_ELEM_HIDDEN, 0},
    {"ol", HTML_ELEM_BLOCK, 0},		{"optgroup", HTML_ELEM_INLINE, 0},
    {"option", HTML_ELEM_INLINE, 0},	{"output", HTML_ELEM_INLINE, 0},
    {"p", HTML_ELEM_BLOCK, 0},		{"param", HTML_ELEM_INLINE, 1},
    {"picture", HTML_ELEM_INLINE, 0},	{"plaintext", HTML_ELEM_BLOCK, 0},
    {"pre", HTML_ELEM_BLOCK, 0},	{"progress", HTML_ELEM_INLINE, 0},
    {"q", HTML_ELEM_INLINE, 0},		{"rb", HTML_ELEM_INLINE, 0},
    {"rp", HTML_ELEM_INLINE, 0},	{"rt", HTML_ELEM_INLINE, 0},
    {"rtc", HTML_ELEM_INLINE, 0},	{"ruby", HTML_ELEM_INLINE, 0},
    {"s", HTML_ELEM_INLINE, 0},		{"samp", HTML_ELEM_INLINE, 0},
    {"script", HTML_ELEM_HIDDEN, 0},	{"search", HTML_ELEM_BLOCK, 0},
    {"section", HTML_ELEM_BLOCK, 0},	{"select", HTML_ELEM_HIDDEN, 0},
    {"slot", HTML_ELEM_INLINE, 0},	{"small", HTML_ELEM_INLINE, 0},
    {"source", HTML_ELEM_INLINE, 1},	{"spacer", HTML_ELEM_INLINE, 1},
    {"span", HTML_ELEM_INLINE, 0},	{"strike", HTML_ELEM_INLINE, 0},
    {"strong", HTML_ELEM_INLINE, 0},	{"style", HTML_ELEM_HIDDEN, 0},
    {"sub", HTML_ELEM_INLINE, 0},	{"summary", HTML_ELEM_BLOCK, 0},
    {"sup", HTML_ELEM_INLINE, 0},	{"svg", HTML_ELEM_HIDDEN, 0},
    {"table", HTML_ELEM_BLOCK, 0},	{"tbody", HTML_ELEM_BLOCK, 0},
    {"td", HTML_ELEM_BLOCK, 0},		{"template", HTML_ELEM_HIDDEN, 0},
    {"textarea", HTML_ELEM_HIDDEN, 0},	{"tfoot", HTML_ELEM_BLOCK, 0},
    {"th", HTML_ELEM_BLOCK, 0},		{"thead", HTML_ELEM_BLOCK, 0},
    {"time", HTML_ELEM_INLINE, 0},	{"title", HTML_ELEM_BLOCK, 0},
    {"tr", HTML_ELEM_BLOCK, 0},		{"track", HTML_ELEM_INLINE, 1},
    {"tt", HTML_ELEM_INLINE, 0},	{"u", HTML_ELEM_INLINE, 0},
    {"ul", HTML_ELEM_BLOCK, 0},		{"var", HTML_ELEM_INLINE, 0},
    {"video", HTML_ELEM_HIDDEN, 0},	{"wbr", HTML_ELEM_INLINE, 1},
    {"xmp", HTML_ELEM_BLOCK, 0},
};

#define ELEM_NAME_MAX 16

static const struct elem *
elem_find(const char *name, size_t len)
{
	char low[ELEM_NAME_MAX];
	size_t lo = 0, hi = sizeof(elems) / sizeof(elems[0]);

	if (!len || len >= sizeof(low))
		return NULL;
	for (size_t i = 0; i < len; i++) {
		char c = name[i];

		low[i] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
	}
	low[len] = '\0';
	/* bsearch() by hand: most steps are settled by the first two
	 * letters, and a name is looked up at every tag */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *en = elems[mid].name;
		int c = (unsigned char)low[0] - (unsigned char)en[0];

		if (!c)
			c = (unsigned char)low[1] - (unsigned char)en[1];
		if (!c && low[1])
			c = strcmp(low + 2, en + 2);
		if (!c)
			return &elems[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

enum html_elem
html_elem_kind(const char *name, size_t len)
{
	const struct elem *el = elem_find(name, len);

	if (el)
		return el->kind;
	/* Word's "o:p", a custom "news-card": markup all the same */
	if (len && memchr(name, ':', len))
		return HTML_ELEM_INLINE;
	if (len && memchr(name, '-', len) && name[0] != '-')
		return HTML_ELEM_INLINE;
	return HTML_ELEM_UNKNOWN;
}

int
html_elem_void(const char *name, size_t len)
{
	const struct elem *el = elem_find(name, len);

	return el && el->is_void;
}

/* What windows-1252 puts at 0x80-0x9F: numeric references in that range
 * mean these characters in practice (as HTML5 decodes them). */
static const uint16_t cp1252_c1[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

static int
is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* "&#65;", "&#x41;", "&#X41;" (the ';' may be missing, as HTML allows). */
static size_t
numeric_ref(const char *s, size_t len, uint32_t *cp)
{
	int hex = len > 2 && (s[2] == 'x' || s[2] == 'X');
	size_t i = hex ? 3 : 2, start = i;
	uint32_t v = 0;

	for (; i < len; i++) {
		int d = hex ? str_hex_digit(s[i])
			    : (s[i] >= '0' && s[i] <= '9' ? s[i] - '0' : -1);

		if (d < 0)
			break;
		/* past U+10FFFF it stays invalid: stop growing */
		if (v <= 0x10FFFF)
			v = v * (hex ? 16u : 10u) + (uint32_t)d;
	}
	if (i == start)
		return 0;
	if (i < len && s[i] == ';')
		i++;
	if (v >= 0x80 && v < 0xa0)
		v = cp1252_c1[v - 0x80];
	else if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		v = UTF8_REPLACEMENT;
	*cp = v;
	return i;
}

/* HTML 4's named character references with XHTML's "apos" (libxml2's
 * list, which it searches one by one), sorted for bsearch(). */
static const struct entity {
	const char *name;
	uint32_t cp;
} entities[] = {
    {"AElig", 198},    {"Aacute", 193},	 {"Acirc", 194},    {"Agrave", 192},
    {"Alpha", 913},    {"Aring", 197},	 {"Atilde", 195},   {"Auml", 196},
    {"Beta", 914},     {"Ccedil", 199},	 {"Chi", 935},	    {"Dagger", 8225},
    {"Delta", 916},    {"ETH", 208},	 {"Eacute", 201},   {"Ecirc", 202},
    {"Egrave", 200},   {"Epsilon", 917}, {"Eta", 919},	    {"Euml", 203},
    {"Gamma", 915},    {"Iacute", 205},	 {"Icirc", 206},    {"Igrave", 204},
    {"Iota", 921},     {"Iuml", 207},	 {"Kappa", 922},    {"Lambda", 923},
    {"Mu", 924},       {"Ntilde", 209},	 {"Nu", 925},	    {"OElig", 338},
    {"Oacute", 211},   {"Ocirc", 212},	 {"Ograve", 210},   {"Omega", 937},
    {"Omicron", 927},  {"Oslash", 216},	 {"Otilde", 213},   {"Ouml", 214},
    {"Phi", 934},      {"Pi", 928},	 {"Prime", 8243},   {"Psi", 936},
    {"Rho", 929},      {"Scaron", 352},	 {"Sigma", 931},    {"THORN", 222},
    {"Tau", 932},      {"Theta", 920},	 {"Uacute", 218},   {"Ucirc", 219},
    {"Ugrave", 217},   {"Upsilon", 933}, {"Uuml", 220},	    {"Xi", 926},
    {"Yacute", 221},   {"Yuml", 376},	 {"Zeta", 918},	    {"aacute", 225},
    {"acirc", 226},    {"acute", 180},	 {"aelig", 230},    {"agrave", 224},
    {"alefsym", 8501}, {"alpha", 945},	 {"amp", 38},	    {"and", 8743},
    {"ang", 8736},     {"apos", 39},	 {"aring", 229},    {"asymp", 8776},
    {"atilde", 227},   {"auml", 228},	 {"bdquo", 8222},   {"beta", 946},
    {"brvbar", 166},   {"bull", 8226},	 {"cap", 8745},	    {"ccedil", 231},
    {"cedil", 184},    {"cent", 162},	 {"chi", 967},	    {"circ", 710},
    {"clubs", 9827},   {"cong", 8773},	 {"copy", 169},	    {"crarr", 8629},
    {"cup", 8746},     {"curren", 164},	 {"dArr", 8659},    {"dagger", 8224},
    {"darr", 8595},    {"deg", 176},	 {"delta", 948},    {"diams", 9830},
    {"divide", 247},   {"eacute", 233},	 {"ecirc", 234},    {"egrave", 232},
    {"empty", 8709},   {"emsp", 8195},	 {"ensp", 8194},    {"epsilon", 949},
    {"equiv", 8801},   {"eta", 951},	 {"eth", 240},	    {"euml", 235},
    {"euro", 8364},    {"exist", 8707},	 {"fnof", 402},	    {"forall", 8704},
    {"frac12", 189},   {"frac14", 188},	 {"frac34", 190},   {"frasl", 8260},
    {"gamma", 947},    {"ge", 8805},	 {"gt", 62},	    {"hArr", 8660},
    {"harr", 8596},    {"hearts", 9829}, {"hellip", 8230},  {"iacute", 237},
    {"icirc", 238},    {"iexcl", 161},	 {"igrave", 236},   {"image", 8465},
    {"infin", 8734},   {"int", 8747},	 {"iota", 953},	    {"iquest", 191},
    {"isin", 8712},    {"iuml", 239},	 {"kappa", 954},    {"lArr", 8656},
    {"lambda", 955},   {"lang", 9001},	 {"laquo", 171},    {"larr", 8592},
    {"lceil", 8968},   {"ldquo", 8220},	 {"le", 8804},	    {"lfloor", 8970},
    {"lowast", 8727},  {"loz", 9674},	 {"lrm", 8206},	    {"lsaquo", 8249},
    {"lsquo", 8216},   {"lt", 60},	 {"macr", 175},	    {"mdash", 8212},
    {"micro", 181},    {"middot", 183},	 {"minus", 8722},   {"mu", 956},
    {"nabla", 8711},   {"nbsp", 160},	 {"ndash", 8211},   {"ne", 8800},
    {"ni", 8715},      {"not", 172},	 {"notin", 8713},   {"nsub", 8836},
    {"ntilde", 241},   {"nu", 957},	 {"oacute", 243},   {"ocirc", 244},
    {"oelig", 339},    {"ograve", 242},	 {"oline", 8254},   {"omega", 969},
    {"omicron", 959},  {"oplus", 8853},	 {"or", 8744},	    {"ordf", 170},
    {"ordm", 186},     {"oslash", 248},	 {"otilde", 245},   {"otimes", 8855},
    {"ouml", 246},     {"para", 182},	 {"part", 8706},    {"permil", 8240},
    {"perp", 8869},    {"phi", 966},	 {"pi", 960},	    {"piv", 982},
    {"plusmn", 177},   {"pound", 163},	 {"prime", 8242},   {"prod", 8719},
    {"prop", 8733},    {"psi", 968},	 {"quot", 34},	    {"rArr", 8658},
    {"radic", 8730},   {"rang", 9002},	 {"raquo", 187},    {"rarr", 8594},
    {"rceil", 8969},   {"rdquo", 8221},	 {"real", 8476},    {"reg", 174},
    {"rfloor", 8971},  {"rho", 961},	 {"rlm", 8207},	    {"rsaquo", 8250},
    {"rsquo", 8217},   {"sbquo", 8218},	 {"scaron", 353},   {"sdot", 8901},
    {"sect", 167},     {"shy", 173},	 {"sigma", 963},    {"sigmaf", 962},
    {"sim", 8764},     {"spades", 9824}, {"sub", 8834},	    {"sube", 8838},
    {"sum", 8721},     {"sup", 8835},	 {"sup1", 185},	    {"sup2", 178},
    {"sup3", 179},     {"supe", 8839},	 {"szlig", 223},    {"tau", 964},
    {"there4", 8756},  {"theta", 952},	 {"thetasym", 977}, {"thinsp", 8201},
    {"thorn", 254},    {"tilde", 732},	 {"times", 215},    {"trade", 8482},
    {"uArr", 8657},    {"uacute", 250},	 {"uarr", 8593},    {"ucirc", 251},
    {"ugrave", 249},   {"uml", 168},	 {"upsih", 978},    {"upsilon", 965},
    {"uuml", 252},     {"weierp", 8472}, {"xi", 958},	    {"yacute", 253},
    {"yen", 165},      {"yuml", 255},	 {"zeta", 950},	    {"zwj", 8205},
    {"zwnj", 8204},
};

static int
entity_cmp(const void *key, const void *el)
{
	return strcmp(key, ((const struct entity *)el)->name);
}

size_t
html_ref_decode(const char *s, size_t len, uint32_t *cp)
{
	const struct entity *ent;
	char name[12];
	size_t i, n = 0;

	if (len < 3 || s[0] != '&')
		return 0;
	if (s[1] == '#')
		return numeric_ref(s, len, cp);
	for (i = 1; i < len && is_alnum(s[i]) && n < sizeof(name) - 1; i++)
		name[n++] = s[i];
	name[n] = '\0';
	if (!n || i >= len || s[i] != ';')
		return 0;
	/* "&amp;" is most of them */
	if (!strcmp(name, "amp")) {
		*cp = '&';
		return i + 1;
	}
	ent = bsearch(name, entities, sizeof(entities) / sizeof(entities[0]),
		      sizeof(entities[0]), entity_cmp);
	if (!ent)
		return 0;
	*cp = ent->cp;
	return i + 1;
}

char *
html_text_decode_refs(const char *s, size_t len)
{
	struct buf out;
	size_t i = 0;

	buf_init(&out, 0);
	while (i < len) {
		const char *amp = memchr(s + i, '&', len - i);
		char enc[4];
		uint32_t cp;
		size_t used;

		if (!amp) {
			buf_append(&out, s + i, len - i);
			break;
		}
		buf_append(&out, s + i, (size_t)(amp - (s + i)));
		i = (size_t)(amp - s);
		used = html_ref_decode(s + i, len - i, &cp);
		if (used) {
			buf_append(&out, enc, utf8_encode(cp, enc));
			i += used;
		} else {
			buf_putc(&out, '&');
			i++;
		}
	}
	return buf_steal(&out);
}

void
html_sink_init(struct html_sink *k, enum html_text_form form, size_t max,
	       size_t hint)
{
	buf_init(&k->b, 0);
	/* text is rarely longer than its markup: one allocation */
	buf_reserve(&k->b, max && max < hint ? max : hint);
	k->form = form;
	k->max = max;
	k->gap = 0;
	k->full = 0;
}

/* Append p[0..n) after the separator owed; at the cap the text is cut at
 * a character boundary. */
static void
sink_put(struct html_sink *k, const char *p, size_t n)
{
	size_t sep = k->gap && k->b.len ? 1 : 0;

	if (k->max && k->b.len + sep + n > k->max) {
		size_t room =
		    k->max > k->b.len + sep ? k->max - k->b.len - sep : 0;

		k->full = 1;
		while (room > 0 && ((unsigned char)p[room] & 0xc0) == 0x80)
			room--;
		while (room > 0 && p[room - 1] == ' ')
			room--;
		if (!room)
			return;
		n = room;
	}
	if (sep)
		buf_putc(&k->b, k->gap == 2 && k->form == HTML_TEXT_LINES
				    ? '\n'
				    : ' ');
	k->gap = 0;
	buf_append(&k->b, p, n);
}

static void
sink_space(struct html_sink *k)
{
	if (!k->gap)
		k->gap = 1;
}

/* What the scan does with a byte: copy it in a run of text, squeeze it,
 * stop at it (markup and references), or look at it alone. */
enum { BC_TEXT = 1, BC_SPACE = 2, BC_MARK = 4, BC_OTHER = 8 };

#define T BC_TEXT
#define S BC_SPACE
#define M BC_MARK
#define O BC_OTHER
static const unsigned char byte_class[256] = {
    O, O, O, O, O, O, O, O, O, S, S, S, S, S, O, O, O, O, O, O, O, O, O, O,
    O, O, O, O, O, O, O, O, S, T, T, T, T, T, M, T, T, T, T, T, T, T, T, T,
    T, T, T, T, T, T, T, T, T, T, T, T, M, T, T, T, T, T, T, T, T, T, T, T,
    T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T,
    T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T,
    T, T, T, T, T, T, T, T, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
    O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
    O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
    O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
    O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
    O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
};
#undef T
#undef S
#undef M
#undef O

/* Length of the valid UTF-8 character other than NBSP at s, else 0. */
static size_t
utf8_char(const char *s, size_t len)
{
	uint32_t cp;
	size_t n = utf8_decode(s, len, &cp);

	if (cp == 0xA0 || (cp == UTF8_REPLACEMENT &&
			   (n != 3 || memcmp(s, "\xef\xbf\xbd", 3))))
		return 0;
	return n;
}

/* Where a run of printable ASCII with single spaces (and '<' and '&'
 * unless stop) that goes on at j ends, at most, 8 bytes at a time: the
 * bytes a page of text is mostly made of, looked at a word at a time.
 * Returns j or further; i is where the run began. */
static size_t
ascii_run(const unsigned char *u, size_t i, size_t j, size_t len, int stop)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t highs = 0x8080808080808080ULL;

	while (j + 8 <= len) {
		uint64_t w, sp, lt, amp, end;

		memcpy(&w, u + j, 8);
		/* a byte below 0x20 or above 0x7f; the zero-byte tests
		 * below may also flag a byte after a real match, which only
		 * ends the fast path early */
		end = ((w - ones * 0x20) & ~w & highs) | (w & highs);
		sp = w ^ (ones * ' ');
		sp = (sp - ones) & ~sp & highs;
		if (stop) {
			lt = w ^ (ones * '<');
			amp = w ^ (ones * '&');
			end |= ((lt - ones) & ~lt & highs) |
			       ((amp - ones) & ~amp & highs);
		}
		/* two spaces side by side, in the word or across its start */
		end |= sp & (sp >> 8);
		if (end || (j > i && u[j - 1] == ' ' && u[j] == ' '))
			break;
		j += 8;
	}
	return j;
}

size_t
html_sink_run(struct html_sink *k, const char *s, size_t len, int stop)
{
	const unsigned char *u = (const unsigned char *)s;
	/* the bytes a run copies: '<' and '&' too unless they stop it */
	unsigned run = stop ? BC_TEXT : BC_TEXT | BC_MARK;
	size_t i = 0;

	while (i < len && !k->full) {
		unsigned bc = byte_class[u[i]];
		char enc[4];
		uint32_t cp;
		size_t j, n;

		if (bc & run || (u[i] >= 0x80 && utf8_char(s + i, len - i))) {
			/* characters copied as they are, with single spaces
			 * between them: most text needs no squeezing */
			j = i;
			for (;;) {
				j = ascii_run(u, i, j, len, stop);
				while (j < len && byte_class[u[j]] & run)
					j++;
				if (j + 1 < len && u[j] == ' ' &&
				    u[j - 1] != ' ' &&
				    byte_class[u[j + 1]] & run)
					j += 2;
				else if (j < len && u[j] >= 0x80 &&
					 (n = utf8_char(s + j, len - j)) != 0)
					j += n;
				else
					break;
			}
			/* the fast path may end on a space: it is owed */
			for (n = j; n > i && u[n - 1] == ' '; n--)
				;
			sink_put(k, s + i, n - i);
			if (n < j)
				sink_space(k);
			i = j;
		} else if (bc == BC_MARK) {
			return i;
		} else if (bc == BC_SPACE) {
			sink_space(k);
			i++;
		} else if (u[i] == 0) {
			sink_put(k, "\xef\xbf\xbd", 3);
			i++;
		} else if (u[i] < 0x80) {
			/* a control: the terminal sanitiser takes it */
			sink_put(k, s + i, 1);
			i++;
		} else {
			/* re-encoding makes invalid bytes U+FFFD */
			i += utf8_decode(s + i, len - i, &cp);
			if (cp == 0xA0)
				sink_space(k);
			else
				sink_put(k, enc, utf8_encode(cp, enc));
		}
	}
	return len;
}

void
html_sink_text(struct html_sink *k, const char *s, size_t len)
{
	html_sink_run(k, s, len, 0);
}

void
html_sink_break(struct html_sink *k)
{
	k->gap = 2;
}

char *
html_sink_finish(struct html_sink *k)
{
	return buf_steal(&k->b);
}

char *
html_text_escape(const char *s)
{
	struct buf out;

	buf_init(&out, 0);
	for (; *s; s++) {
		switch (*s) {
		case '&':
			buf_puts(&out, "&amp;");
			break;
		case '<':
			buf_puts(&out, "&lt;");
			break;
		case '>':
			buf_puts(&out, "&gt;");
			break;
		case '"':
			buf_puts(&out, "&quot;");
			break;
		default:
			buf_putc(&out, *s);
		}
	}
	return buf_steal(&out);
}

uint64_t
html_text_hash(const char *s, size_t len, uint64_t h)
{
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}
