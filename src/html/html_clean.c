/* html_clean.c: feed HTML made safe: elements by allow-list, the scan. */
#include "autoconfig.h"

#include "html/html_clean.h"
#include "html/html_clean_int.h"
#include "html/html_text_int.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

/* What happens to an element: kept, its tag dropped (content kept), or
 * dropped with all it holds. */
enum el_rule { EL_KEEP, EL_STRIP, EL_DROP };

/* Element flags: never has content; content is raw text up to its end tag
 * (script, style); starts SVG or MathML. */
enum { F_VOID = 1, F_RAW = 2, F_SVG = 4, F_MATH = 8 };

struct el {
	const char *name; /* lower case, sorted; for SVG the key */
	const char *out;  /* the name written (SVG's camelCase), or NULL */
	unsigned char rule, flags;
};

/* clang-format off */
#define K(n) { n, NULL, EL_KEEP, 0 }
#define KV(n) { n, NULL, EL_KEEP, F_VOID }
#define S(n) { n, NULL, EL_STRIP, 0 }
#define D(n) { n, NULL, EL_DROP, 0 }
#define DR(n) { n, NULL, EL_DROP, F_RAW }
#define DV(n) { n, NULL, EL_DROP, F_VOID }

static const struct el html_els[] = {
	K("a"), K("abbr"), K("acronym"), K("address"), S("applet"),
	KV("area"), K("article"), K("aside"), K("audio"), K("b"),
	DV("base"), DV("basefont"), K("bdi"), K("bdo"), DV("bgsound"),
	K("big"), S("blink"), K("blockquote"), S("body"), KV("br"),
	K("button"), K("canvas"), K("caption"), K("center"), K("cite"),
	K("code"), KV("col"), K("colgroup"), KV("command"), K("data"),
	K("datagrid"), K("datalist"), K("dd"), K("del"), K("details"),
	K("dfn"), K("dialog"), K("dir"), K("div"), K("dl"), K("dt"),
	K("em"), DV("embed"), K("event-source"), K("fieldset"),
	K("figcaption"), K("figure"), K("font"), K("footer"), K("form"),
	DV("frame"), S("frameset"), K("h1"), K("h2"), K("h3"), K("h4"),
	K("h5"), K("h6"), D("head"), K("header"), K("hgroup"), KV("hr"),
	S("html"), K("i"), S("iframe"), DV("image"), KV("img"),
	KV("input"), K("ins"), DV("isindex"), K("kbd"), KV("keygen"),
	K("label"), S("layer"), K("legend"), K("li"), DV("link"),
	S("listing"), K("m"), K("main"), K("map"), K("mark"), S("marquee"),
	{"math", NULL, EL_KEEP, F_MATH}, K("menu"), DV("meta"), K("meter"),
	K("multicol"), K("nav"), K("nextid"), S("nobr"), S("noembed"),
	S("noframes"), K("noscript"), S("object"), K("ol"), K("optgroup"),
	K("option"), K("output"), K("p"), DV("param"), K("picture"),
	S("plaintext"), D("portal"), K("pre"), K("progress"), K("q"),
	K("rb"), K("rp"), K("rt"), K("rtc"), K("ruby"), K("s"), K("samp"),
	DR("script"), K("search"), K("section"), K("select"), S("slot"),
	K("small"), K("sound"), KV("source"), K("spacer"), K("span"),
	K("strike"), K("strong"), DR("style"), K("sub"), K("summary"),
	K("sup"), {"svg", NULL, EL_KEEP, F_SVG}, K("table"), K("tbody"),
	K("td"), D("template"), K("textarea"), K("tfoot"), K("th"),
	K("thead"), K("time"), DR("title"), K("tr"), KV("track"), K("tt"),
	K("u"), K("ul"), K("var"), K("video"), KV("wbr"), D("xml"),
	S("xmp"),
};
/* clang-format on */

/* SVG drawings keep their shapes, text and gradients; no script, no
 * animation (which can set an href), no foreign HTML inside. */
/* clang-format off */
static const struct el svg_els[] = {
	K("a"), K("circle"), {"clippath", "clipPath", EL_KEEP, 0},
	K("defs"), K("desc"), K("ellipse"), D("foreignobject"), K("g"),
	K("image"), K("line"),
	{"lineargradient", "linearGradient", EL_KEEP, 0}, K("marker"),
	K("mask"), D("metadata"), K("path"), K("pattern"), K("polygon"),
	K("polyline"), {"radialgradient", "radialGradient", EL_KEEP, 0},
	K("rect"), DR("script"), K("stop"), DR("style"),
	{"svg", NULL, EL_KEEP, F_SVG}, K("switch"), K("symbol"), K("text"),
	{"textpath", "textPath", EL_KEEP, 0}, K("title"), K("tspan"),
	K("use"),
};
/* clang-format on */

/* MathML's presentation elements; annotation-xml may hold HTML or SVG of
 * any kind and goes. */
/* clang-format off */
static const struct el math_els[] = {
	K("annotation"), D("annotation-xml"), S("maction"),
	{"math", NULL, EL_KEEP, F_MATH}, K("menclose"), K("merror"),
	K("mfenced"), K("mfrac"), K("mi"), K("mlabeledtr"),
	K("mmultiscripts"), K("mn"), K("mo"), K("mover"), K("mpadded"),
	K("mphantom"), KV("mprescripts"), K("mroot"), K("mrow"), K("ms"),
	K("mspace"), K("msqrt"), K("mstyle"), K("msub"), K("msubsup"),
	K("msup"), K("mtable"), K("mtd"), K("mtext"), K("mtr"),
	K("munder"), K("munderover"), KV("none"), K("semantics"),
};
/* clang-format on */

#undef K
#undef KV
#undef S
#undef D
#undef DR
#undef DV

#define NAME_MAX_LEN 32
#define N(a) (sizeof(a) / sizeof((a)[0]))

const void *
html_clean_find(struct html_clean_memo *memo, const void *table, size_t count,
		size_t size, const char *name, size_t n)
{
	char low[NAME_MAX_LEN + 1];
	size_t lo = 0, hi = count, h = 0;
	const void *hit = NULL;

	if (!n || n > NAME_MAX_LEN)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		low[i] = name[i] >= 'A' && name[i] <= 'Z' ? (char)(name[i] + 32)
							  : name[i];
		h = h * 31 + (unsigned char)low[i];
	}
	low[n] = '\0';
	if (memo && n < sizeof(memo->slot[0].name)) {
		h = (h + (size_t)table) % N(memo->slot);
		if (memo->slot[h].table == table && memo->slot[h].n == n &&
		    !memcmp(memo->slot[h].name, low, n))
			return memo->slot[h].hit;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *key =
		    *(const char *const *)((const char *)table + mid * size);
		int c = strcmp(low, key);

		if (!c) {
			hit = (const char *)table + mid * size;
			break;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (memo && n < sizeof(memo->slot[0].name)) {
		memo->slot[h].table = table;
		memo->slot[h].hit = hit;
		memo->slot[h].n = (unsigned char)n;
		memcpy(memo->slot[h].name, low, n);
	}
	return hit;
}

struct clean {
	const char *s;
	size_t len;
	const char *base;
	struct buf out;
	size_t max;
	int full;
	/* open svg and math elements: the vocabulary is that of the
	 * innermost; a stack of which one each is */
	unsigned char foreign[64];
	int nforeign, deep; /* deep: opened past the stack */
	size_t no_gt;	    /* no '>' at or after this offset */
	struct html_clean_memo memo;
};

static enum html_clean_ctx
context(const struct clean *c)
{
	if (c->nforeign == 0)
		return HCTX_HTML;
	return c->foreign[c->nforeign - 1] == F_SVG ? HCTX_SVG : HCTX_MATH;
}

static void
put(struct clean *c, const char *p, size_t n)
{
	if (c->full)
		return;
	if (c->max && c->out.len + n > c->max) {
		c->full = 1;
		return;
	}
	buf_append(&c->out, p, n);
}

static void
puts_(struct clean *c, const char *s)
{
	put(c, s, strlen(s));
}

/* Text t[0..n) into c as it is, but for references to C1 controls
 * ("&#146;"), written as the windows-1252 characters HTML reads them as,
 * so that no reader of the HTML meets a control there. */
static void
put_text(struct clean *c, const char *t, size_t n)
{
	const char *p = t, *e = t + n, *amp;

	while ((amp = memchr(p, '&', (size_t)(e - p)))) {
		uint32_t cp;
		size_t used;

		if (amp + 2 >= e || amp[1] != '#') {
			put(c, p, (size_t)(amp - p) + 1);
			p = amp + 1;
			continue;
		}
		used = html_ref_decode(amp, (size_t)(e - amp), &cp);
		put(c, p, (size_t)(amp - p));
		if (used && cp >= 0x80) {
			char enc[4];

			/* html_ref_decode() read 128-159 as windows-1252 */
			put(c, enc, utf8_encode(cp, enc));
		} else {
			put(c, amp, used ? used : 1);
		}
		p = amp + (used ? used : 1);
	}
	put(c, p, (size_t)(e - p));
}

/* The characters that are escaped in HTML this cleaner writes. */
static const unsigned char needs_escape[256] = {
    ['&'] = 1,
    ['<'] = 1,
    ['>'] = 1,
    ['"'] = 1,
};

/* s escaped for an attribute value in double quotes, or for text. */
static void
put_escaped(struct clean *c, const char *s, size_t n)
{
	size_t run = 0, i = 0;

	for (;;) {
		const char *rep;

		while (i < n && !needs_escape[(unsigned char)s[i]])
			i++;
		if (i >= n)
			break;
		rep = s[i] == '&'   ? "&amp;"
		      : s[i] == '<' ? "&lt;"
		      : s[i] == '>' ? "&gt;"
				    : "&quot;";
		put(c, s + run, i - run);
		puts_(c, rep);
		run = ++i;
	}
	put(c, s + run, n - run);
}

/* A tag's name ends at white space, '/' or '>'. */
static int
is_name_end(char ch)
{
	return html_clean_is_space(ch) || ch == '/' || ch == '>';
}

/* An attribute name into c, lower-cased. */
static void
put_lower(struct clean *c, const char *name, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		char ch = name[k];

		ch = ch >= 'A' && ch <= 'Z' ? (char)(ch + 32) : ch;
		put(c, &ch, 1);
	}
}

/* 1 if v[0..n) holds none of the characters that need decoding or
 * escaping in an attribute value. */
static int
plain_value(const char *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (needs_escape[(unsigned char)v[i]])
			return 0;
	return 1;
}

/* Copy the attributes of the tag at s[i..end) that may stay; of a name
 * given twice, the first. */
static void
put_attrs(struct clean *c, size_t i, size_t end, enum html_clean_ctx ctx)
{
	const char *s = c->s;
	struct {
		size_t at, n;
	} seen[32];
	size_t nseen = 0;

	while (i < end) {
		size_t ns, ne, vs = 0, ve = 0;
		const struct html_clean_attr *a;
		int has_value = 0, dup = 0;
		char *safe;

		while (i < end && (html_clean_is_space(s[i]) || s[i] == '/'))
			i++;
		if (i >= end)
			break;
		ns = i;
		/* a name: up to white space, '/', '>' or '=' (a first '='
		 * belongs to it, as HTML reads "<a =x>") */
		i++;
		while (i < end && !html_clean_is_space(s[i]) && s[i] != '/' &&
		       s[i] != '>' && s[i] != '=')
			i++;
		ne = i;
		while (i < end && html_clean_is_space(s[i]))
			i++;
		if (i < end && s[i] == '=') {
			i++;
			while (i < end && html_clean_is_space(s[i]))
				i++;
			has_value = 1;
			if (i < end && (s[i] == '"' || s[i] == '\'')) {
				const char *q =
				    memchr(s + i + 1, s[i], end - i - 1);

				vs = i + 1;
				ve = q ? (size_t)(q - s) : end;
				i = q ? ve + 1 : end;
			} else {
				vs = i;
				while (i < end && !html_clean_is_space(s[i]) &&
				       s[i] != '>')
					i++;
				ve = i;
			}
		}
		a = html_clean_attr_rule(&c->memo, s + ns, ne - ns, ctx);
		if (!a)
			continue;
		for (size_t k = 0; k < nseen; k++)
			if (seen[k].n == ne - ns &&
			    !str_ncasecmp(s + seen[k].at, s + ns, ne - ns))
				dup = 1;
		if (dup)
			continue;
		if (nseen < N(seen)) {
			seen[nseen].at = ns;
			seen[nseen++].n = ne - ns;
		}
		if (!has_value && !html_clean_attr_bare(a))
			continue;
		if (has_value && html_clean_attr_bare(a) &&
		    plain_value(s + vs, ve - vs)) {
			/* most values need no decoding and no escaping */
			put(c, " ", 1);
			if (html_clean_attr_out(a))
				puts_(c, html_clean_attr_out(a));
			else
				put_lower(c, s + ns, ne - ns);
			put(c, "=\"", 2);
			put(c, s + vs, ve - vs);
			put(c, "\"", 1);
			continue;
		}
		safe = has_value ? html_clean_attr_value(a, s + vs, ve - vs,
							 c->base, ctx)
				 : NULL;
		if (has_value && !safe)
			continue;
		put(c, " ", 1);
		if (html_clean_attr_out(a))
			puts_(c, html_clean_attr_out(a));
		else
			put_lower(c, s + ns, ne - ns);
		if (safe) {
			put(c, "=\"", 2);
			put_escaped(c, safe, strlen(safe));
			put(c, "\"", 1);
			free(safe);
		}
	}
}

/* Offset just past the '>' of the tag whose attributes start at i, quoted
 * values skipped; 0 when the tag never ends. */
static size_t
tag_end(struct clean *c, size_t i)
{
	const char *s = c->s;
	const char *gt;
	size_t from = i;

	/* once no '>' is left, none ever is: "<a <a <a ..." stays linear */
	if (i >= c->no_gt)
		return 0;
	while (i < c->len) {
		char ch = s[i];

		if (ch == '>')
			return i + 1;
		if ((ch == '"' || ch == '\'') && i > 0 && s[i - 1] == '=') {
			const char *q = memchr(s + i + 1, ch, c->len - i - 1);

			if (!q)
				break;
			i = (size_t)(q - s) + 1;
			continue;
		}
		i++;
	}
	/* an unclosed quote: the tag ends at the first '>' after all */
	gt = memchr(s + from, '>', c->len - from);
	if (!gt)
		c->no_gt = from;
	return gt ? (size_t)(gt - s) + 1 : 0;
}

/* Offset of "</name" (ASCII case ignored, then a name end) at or after
 * i, or len. */
static size_t
find_close(const struct clean *c, size_t i, const char *name, size_t n)
{
	const char *s = c->s;

	while (i < c->len) {
		const char *lt = memchr(s + i, '<', c->len - i);
		size_t at;

		if (!lt)
			return c->len;
		at = (size_t)(lt - s);
		if (at + 2 + n <= c->len && s[at + 1] == '/' &&
		    !str_ncasecmp(s + at + 2, name, n) &&
		    (at + 2 + n == c->len || is_name_end(s[at + 2 + n])))
			return at;
		i = at + 1;
	}
	return c->len;
}

/* Offset past the end of the dropped element name[0..n) whose content
 * starts at i: its matching end tag, nested ones of the same name
 * counted unless its content is raw text; the end of input if none. */
static size_t
skip_element(struct clean *c, size_t i, const char *name, size_t n,
	     int raw)
{
	const char *s = c->s;
	int depth = 1;

	while (i < c->len) {
		const char *lt = memchr(s + i, '<', c->len - i);
		size_t at, e;
		int closing;

		if (!lt)
			return c->len;
		at = (size_t)(lt - s);
		if (raw) {
			at = find_close(c, at, name, n);
			if (at >= c->len)
				return c->len;
			e = tag_end(c, at + 2 + n);
			return e ? e : c->len;
		}
		closing = at + 1 < c->len && s[at + 1] == '/';
		e = at + 1 + (size_t)closing;
		if (e + n <= c->len && !str_ncasecmp(s + e, name, n) &&
		    (e + n == c->len || is_name_end(s[e + n]))) {
			size_t end = tag_end(c, e + n);

			if (!end)
				return c->len;
			if (closing)
				depth--;
			else if (s[end - 2] != '/')
				depth++;
			if (!depth)
				return end;
			i = end;
			continue;
		}
		i = at + 1;
	}
	return c->len;
}

/* The rule for element name[0..n) in the current vocabulary; NULL when it
 * is not an element at all (its "<name" is text). Prefixed and custom
 * elements ("o:p", "news-card") lose their tags. */
static const struct el *
el_rule(struct clean *c, const char *name, size_t n)
{
	static const struct el strip = {"", NULL, EL_STRIP, 0};
	const struct el *e;

	switch (context(c)) {
	case HCTX_SVG:
		e = html_clean_find(&c->memo, svg_els, N(svg_els),
				    sizeof(svg_els[0]), name, n);
		return e ? e : &strip;
	case HCTX_MATH:
		e = html_clean_find(&c->memo, math_els, N(math_els),
				    sizeof(math_els[0]), name, n);
		return e ? e : &strip;
	case HCTX_HTML:
		break;
	}
	e = html_clean_find(&c->memo, html_els, N(html_els),
			    sizeof(html_els[0]), name, n);
	if (e)
		return e;
	if (html_elem_kind(name, n) != HTML_ELEM_UNKNOWN)
		return &strip;
	return NULL;
}

static void
put_name(struct clean *c, const struct el *e, const char *name, size_t n)
{
	if (e->out) {
		puts_(c, e->out);
		return;
	}
	if (*e->name) {
		puts_(c, e->name);
		return;
	}
	put(c, name, n);
}

/* The comment, doctype, processing instruction or CDATA section at i
 * ("<!" or "<?"): dropped, but CDATA inside SVG or MathML is text. Returns
 * the offset past it, or 0 when it never ends (but a comment, which runs
 * to the end). */
static size_t
declaration(struct clean *c, size_t i)
{
	const char *s = c->s + i;
	size_t left = c->len - i;
	const char *end;

	if (left >= 4 && !memcmp(s, "<!--", 4)) {
		for (size_t j = 4; j + 3 <= left; j++) {
			const char *d = memchr(s + j, '-', left - j);

			if (!d)
				break;
			j = (size_t)(d - s);
			if (j + 3 <= left && !memcmp(d, "-->", 3))
				return i + j + 3;
		}
		return c->len;
	}
	if (left >= 9 && !memcmp(s, "<![CDATA[", 9)) {
		size_t j = 9;

		for (; j + 3 <= left; j++) {
			const char *d = memchr(s + j, ']', left - j);

			if (!d) {
				j = left;
				break;
			}
			j = (size_t)(d - s);
			if (j + 3 <= left && !memcmp(d, "]]>", 3))
				break;
		}
		if (j + 3 > left)
			j = left;
		if (context(c) != HCTX_HTML)
			put_escaped(c, s + 9, j - 9);
		return j + 3 <= left ? i + j + 3 : c->len;
	}
	/* "<!DOCTYPE ~" that never ends is text, as html_text reads it */
	end = memchr(s, '>', left);
	return end ? i + (size_t)(end - s) + 1 : 0;
}

/* The markup at i (s[i] == '<'); returns the offset past what it took, or
 * 0 when it is text. */
static size_t
markup(struct clean *c, size_t i)
{
	const char *s = c->s;
	size_t j = i + 1, name, n, end;
	const struct el *e;
	int closing = 0, self_close;
	enum html_clean_ctx ctx;

	if (j < c->len && (s[j] == '!' || s[j] == '?')) {
		end = declaration(c, i);
		return end ? end - i : 0;
	}
	if (j < c->len && s[j] == '/') {
		closing = 1;
		j++;
	}
	if (j >= c->len || !html_clean_is_alpha(s[j]))
		return 0;
	name = j;
	while (j < c->len && !is_name_end(s[j]))
		j++;
	n = j - name;
	e = el_rule(c, s + name, n);
	if (!e)
		return 0;
	end = tag_end(c, j);
	if (!end)
		return 0;
	ctx = context(c);
	if (closing) {
		if (e->rule == EL_KEEP && !(e->flags & F_VOID)) {
			puts_(c, "</");
			put_name(c, e, s + name, n);
			puts_(c, ">");
		}
		if (e->flags & (F_SVG | F_MATH)) {
			if (c->deep)
				c->deep--;
			else if (c->nforeign &&
				 c->foreign[c->nforeign - 1] ==
				     (e->flags & (F_SVG | F_MATH)))
				c->nforeign--;
		}
		return end - i;
	}
	if (e->rule == EL_DROP) {
		if (e->flags & F_VOID || s[end - 2] == '/')
			return end - i;
		return skip_element(c, end, e->name, strlen(e->name),
				    e->flags & F_RAW) -
		       i;
	}
	if (e->rule == EL_STRIP)
		return end - i;
	if (e->flags & (F_SVG | F_MATH))
		ctx = e->flags & F_SVG ? HCTX_SVG : HCTX_MATH;
	puts_(c, "<");
	put_name(c, e, s + name, n);
	put_attrs(c, j, end - 1, ctx);
	self_close = s[end - 2] == '/';
	if (self_close && (e->flags & F_VOID || ctx != HCTX_HTML))
		puts_(c, " />");
	else
		puts_(c, ">");
	if (e->flags & (F_SVG | F_MATH) && !self_close) {
		if (c->nforeign < (int)sizeof(c->foreign))
			c->foreign[c->nforeign++] =
			    (unsigned char)(e->flags & (F_SVG | F_MATH));
		else
			c->deep++;
	}
	return end - i;
}

char *
html_clean(const char *s, size_t len, const char *base, size_t max)
{
	struct clean c;
	size_t i = 0;

	memset(&c, 0, sizeof(c));
	c.s = s;
	c.len = len;
	c.no_gt = len;
	c.base = base && *base ? base : NULL;
	c.max = max;
	buf_init(&c.out, 0);
	buf_reserve(&c.out, len + 16);
	buf_append(&c.out, "", 0);
	while (i < len && !c.full) {
		const char *lt = memchr(s + i, '<', len - i);
		size_t used;

		if (!lt) {
			put_text(&c, s + i, len - i);
			break;
		}
		put_text(&c, s + i, (size_t)(lt - s) - i);
		i = (size_t)(lt - s);
		used = markup(&c, i);
		if (!used) {
			puts_(&c, "&lt;");
			used = 1;
		}
		i += used;
	}
	return buf_steal(&c.out);
}

int
html_clean_looks_like_html(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		const struct el *e;
		uint32_t cp;
		size_t j, n;
		int closing;

		if (s[i] == '&') {
			if (html_ref_decode(s + i, len - i, &cp))
				return 1;
			continue;
		}
		if (s[i] != '<')
			continue;
		j = i + 1;
		closing = j < len && s[j] == '/';
		j += (size_t)closing;
		n = j;
		while (n < len && (html_clean_is_alpha(s[n]) ||
				   (n > j && s[n] >= '0' && s[n] <= '9')))
			n++;
		if (n == j || (n < len && !is_name_end(s[n])))
			continue;
		e = html_clean_find(NULL, html_els, N(html_els),
				    sizeof(html_els[0]), s + j, n - j);
		/* "<blink>" alone may be a word about HTML; "</b>", "<br>"
		 * and "<p>" are markup */
		if (e && (closing || e->flags & F_VOID ||
			  (n - j == 1 && (s[j] | 0x20) == 'p')))
			return 1;
	}
	return 0;
}
