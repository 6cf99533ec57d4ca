/* html_clean_attr.c: the attributes feed HTML keeps, their values safe. */
#include "autoconfig.h"

#include "html/html_clean_int.h"
#include "html/html_text_int.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/url.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* How an attribute's value is checked. */
enum at_kind {
	AT_TEXT,   /* anything */
	AT_URL,	   /* a link: resolved, safe schemes only */
	AT_IMG,	   /* an image's URL: data:image/ allowed too */
	AT_SRCSET, /* candidates "URL [width]", each an AT_IMG */
	AT_STYLE,  /* CSS declarations, filtered */
	AT_PAINT,  /* SVG paint: no url() but to the drawing itself */
	AT_NS,	   /* xmlns: only the namespace of its element */
};

struct html_clean_attr {
	const char *name; /* lower case, sorted */
	const char *out;  /* the name written (SVG's camelCase), or NULL */
	unsigned char kind;
};

/* clang-format off */
#define T(n) { n, NULL, AT_TEXT }
static const struct html_clean_attr html_ats[] = {
	T("abbr"), T("accept"), T("accept-charset"), T("accesskey"),
	{"action", NULL, AT_URL}, T("align"), T("alt"), T("autocomplete"),
	T("autofocus"), T("axis"), {"background", NULL, AT_IMG},
	T("balance"), T("bgcolor"), T("bgproperties"), T("border"),
	T("bordercolor"), T("bordercolordark"), T("bordercolorlight"),
	T("bottompadding"), T("cellpadding"), T("cellspacing"), T("ch"),
	T("challenge"), T("char"), T("charoff"), T("charset"),
	T("checked"), T("choff"), {"cite", NULL, AT_URL}, T("class"),
	T("clear"), T("color"), T("cols"), T("colspan"), T("compact"),
	T("contenteditable"), T("controls"), T("coords"),
	{"data", NULL, AT_URL}, T("datafld"), T("datapagesize"),
	{"datasrc", NULL, AT_URL}, T("datetime"), T("default"), T("delay"),
	T("dir"), T("disabled"), T("draggable"), {"dynsrc", NULL, AT_IMG},
	T("enctype"), T("end"), T("face"), T("for"), T("form"), T("frame"),
	T("galleryimg"), T("gutter"), T("headers"), T("height"),
	T("hidden"), T("hidefocus"), T("high"), {"href", NULL, AT_URL},
	T("hreflang"), T("hspace"), {"icon", NULL, AT_IMG}, T("id"),
	T("inputmode"), T("ismap"), T("keytype"), T("kind"), T("label"),
	T("lang"), T("leftspacing"), T("list"), {"longdesc", NULL, AT_URL},
	T("loop"), T("loopcount"), T("loopend"), T("loopstart"), T("low"),
	{"lowsrc", NULL, AT_IMG}, T("max"), T("maxlength"), T("media"),
	T("method"), T("min"), T("multiple"), T("name"), T("nohref"),
	T("noshade"), T("nowrap"), T("open"), T("optimum"), T("pattern"),
	T("placeholder"), T("point-size"), {"poster", NULL, AT_IMG},
	T("pqg"), T("preload"), T("prompt"), T("radiogroup"),
	T("readonly"), T("rel"), T("repeat-max"), T("repeat-min"),
	T("replace"), T("required"), T("rev"), T("reversed"),
	T("rightspacing"), T("role"), T("rows"), T("rowspan"), T("rules"),
	T("scope"), T("selected"), T("shape"), T("size"), T("sizes"),
	T("span"), {"src", NULL, AT_IMG}, T("srclang"),
	{"srcset", NULL, AT_SRCSET}, T("start"), T("step"),
	{"style", NULL, AT_STYLE}, T("summary"), T("suppress"),
	T("tabindex"), T("target"), T("template"), T("title"),
	T("toppadding"), T("translate"), T("type"), T("unselectable"),
	T("urn"), {"usemap", NULL, AT_URL}, T("valign"), T("value"),
	T("variable"), T("volume"), {"vrml", NULL, AT_URL}, T("vspace"),
	T("width"), T("wrap"), T("xml:lang"),
};
/* clang-format on */

/* clang-format off */
static const struct html_clean_attr svg_ats[] = {
	{"baseprofile", "baseProfile", AT_TEXT}, T("class"),
	{"clip-path", NULL, AT_PAINT}, T("clip-rule"),
	{"clippathunits", "clipPathUnits", AT_TEXT}, T("color"), T("cx"),
	T("cy"), T("d"), T("dx"), T("dy"), {"fill", NULL, AT_PAINT},
	T("fill-opacity"), T("fill-rule"), T("font-family"),
	T("font-size"), T("font-style"), T("font-weight"), T("fx"),
	T("fy"), {"gradienttransform", "gradientTransform", AT_TEXT},
	{"gradientunits", "gradientUnits", AT_TEXT}, T("height"),
	{"href", NULL, AT_IMG}, T("id"), T("lang"),
	{"marker-end", NULL, AT_PAINT}, {"marker-mid", NULL, AT_PAINT},
	{"marker-start", NULL, AT_PAINT},
	{"markerheight", "markerHeight", AT_TEXT},
	{"markerunits", "markerUnits", AT_TEXT},
	{"markerwidth", "markerWidth", AT_TEXT}, {"mask", NULL, AT_PAINT},
	T("offset"), T("opacity"), T("orient"), T("points"),
	{"preserveaspectratio", "preserveAspectRatio", AT_TEXT}, T("r"),
	{"refx", "refX", AT_TEXT}, {"refy", "refY", AT_TEXT}, T("rx"),
	T("ry"), {"spreadmethod", "spreadMethod", AT_TEXT},
	T("stop-color"), T("stop-opacity"), {"stroke", NULL, AT_PAINT},
	T("stroke-dasharray"), T("stroke-dashoffset"), T("stroke-linecap"),
	T("stroke-linejoin"), T("stroke-miterlimit"), T("stroke-opacity"),
	T("stroke-width"), {"style", NULL, AT_STYLE}, T("text-anchor"),
	{"textlength", "textLength", AT_TEXT}, T("transform"),
	T("version"), {"viewbox", "viewBox", AT_TEXT}, T("visibility"),
	T("width"), T("x"), T("x1"), T("x2"), {"xlink:href", NULL, AT_IMG},
	T("xlink:show"), T("xlink:title"), T("xlink:type"), T("xml:lang"),
	T("xml:space"), {"xmlns", NULL, AT_NS},
	{"xmlns:xlink", NULL, AT_NS}, T("y"), T("y1"), T("y2"),
};
/* clang-format on */

/* clang-format off */
static const struct html_clean_attr math_ats[] = {
	T("accent"), T("accentunder"), T("align"), T("bevelled"),
	T("close"), T("columnalign"), T("columnlines"), T("columnspacing"),
	T("columnspan"), T("denomalign"), T("depth"), T("dir"),
	T("display"), T("displaystyle"), T("fence"), T("frame"),
	T("height"), {"href", NULL, AT_URL}, T("largeop"),
	T("linethickness"), T("lspace"), T("mathbackground"),
	T("mathcolor"), T("mathsize"), T("mathvariant"), T("maxsize"),
	T("minsize"), T("movablelimits"), T("notation"), T("numalign"),
	T("open"), T("rowalign"), T("rowlines"), T("rowspacing"),
	T("rowspan"), T("rspace"), T("scriptlevel"), T("selection"),
	T("separator"), T("separators"), T("stretchy"),
	T("subscriptshift"), T("superscriptshift"), T("symmetric"),
	T("width"), {"xlink:href", NULL, AT_URL}, T("xlink:show"),
	T("xlink:type"), {"xmlns", NULL, AT_NS},
	{"xmlns:xlink", NULL, AT_NS},
};
/* clang-format on */
#undef T

/* v decoded of character references, a new string. */
static char *
decode(const char *v, size_t n)
{
	struct buf b;
	size_t i = 0;

	buf_init(&b, 0);
	buf_append(&b, "", 0);
	while (i < n) {
		const char *amp = memchr(v + i, '&', n - i);
		char enc[4];
		uint32_t cp;
		size_t used;

		if (!amp) {
			buf_append(&b, v + i, n - i);
			break;
		}
		buf_append(&b, v + i, (size_t)(amp - v) - i);
		i = (size_t)(amp - v);
		used = html_ref_decode(v + i, n - i, &cp);
		if (used) {
			buf_append(&b, enc, utf8_encode(cp, enc));
			i += used;
		} else {
			buf_putc(&b, '&');
			i++;
		}
	}
	return buf_steal(&b);
}

/* Schemes a link may keep: they open a page, a mail, a call or a chat,
 * and none runs code in the page that shows it. */
static const char *const safe_schemes[] = {
    "http", "https", "mailto", "ftp",	"ftps",	  "sftp",   "tel",
    "sms",  "news",  "nntp",   "snews", "irc",	  "ircs",   "xmpp",
    "sip",  "sips",  "magnet", "feed",	"geo",	  "webcal", "gopher",
    "rtsp", "mms",   "git",    "ssh",	"telnet",
};

/* The scheme of URL u, lower-cased into out (white space and controls
 * inside it skipped, as browsers do); 0 when it has none. */
static int
scheme_of(const char *u, char *out, size_t outsz)
{
	size_t n = 0;

	for (const char *p = u; *p; p++) {
		unsigned char ch = (unsigned char)*p;

		if (ch <= ' ')
			continue;
		if (ch == ':')
			return n > 0;
		if (!html_clean_is_alpha((char)ch) &&
		    !(n && ((ch >= '0' && ch <= '9') || ch == '+' ||
			    ch == '-' || ch == '.')))
			return 0;
		if (n + 1 >= outsz)
			return 0;
		out[n++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
		out[n] = '\0';
	}
	return 0;
}

/* 1 if s holds what looks like a named character reference ("&colon;")
 * that decode() left as it was. */
static int
unknown_ref(const char *s)
{
	for (const char *a = strchr(s, '&'); a; a = strchr(a + 1, '&')) {
		const char *p = a + 1;

		if (!html_clean_is_alpha(*p))
			continue;
		while (html_clean_is_alpha(*p) || (*p >= '0' && *p <= '9'))
			p++;
		if (*p == ';')
			return 1;
	}
	return 0;
}

/* 1 if t is an http(s) URL written as url_resolve() would write it
 * (scheme in lower case, a path after the host, no dot segments, no
 * white space or backslash), so that it can be kept as it is. */
static int
normal_http(const char *t)
{
	const char *p;

	if (!strncmp(t, "https://", 8))
		p = t + 8;
	else if (!strncmp(t, "http://", 7))
		p = t + 7;
	else
		return 0;
	p += strcspn(p, "/?#");
	if (*p != '/')
		return 0; /* "http://host" gets its slash from url_resolve() */
	for (; *p; p++) {
		unsigned char ch = (unsigned char)*p;

		if (ch <= ' ' || ch == '\\' || ch == 0x7f)
			return 0;
		if (ch == '.' && p[-1] == '/' &&
		    (p[1] == '/' || p[1] == '\0' || p[1] == '.'))
			return 0;
		if (ch == '?' || ch == '#')
			break; /* no dot segments past the path */
	}
	return 1;
}

/* URL v made safe for an attribute (image: data:image/ allowed too):
 * resolved against base, or dropped (NULL) for a scheme that may run
 * code; new string. */
static char *
clean_url(const char *v, const char *base, int image)
{
	char scheme[16];
	char *t, *res = NULL;
	size_t n;

	t = xstrdup(v);
	str_trim(t);
	if (!*t)
		return t; /* "" is this page: nothing to resolve or fear */
	if (unknown_ref(t)) {
		/* "javascript&colon;": a reference browsers know and this
		 * reader does not may hide any scheme */
		free(t);
		return NULL;
	}
	/* browsers drop these inside a URL too */
	n = 0;
	for (char *p = t; *p; p++)
		if (*p != '\t' && *p != '\n' && *p != '\r')
			t[n++] = *p;
	t[n] = '\0';
	if (scheme_of(t, scheme, sizeof(scheme))) {
		if (!strcmp(scheme, "data")) {
			const char *colon = strchr(t, ':');

			if (image && str_istarts_with(colon + 1, "image/"))
				res = xstrdup(t);
		} else if (!strcmp(scheme, "http") ||
			   !strcmp(scheme, "https")) {
			res =
			    normal_http(t) ? xstrdup(t) : url_resolve(NULL, t);
		} else if (!strcmp(scheme, "file")) {
			/* beside a local feed the user reads (the demo's) */
			if (base && url_link_ok(base, t))
				res = xstrdup(t);
		} else {
			for (size_t i = 0; i < N(safe_schemes); i++)
				if (!strcmp(scheme, safe_schemes[i]))
					res = xstrdup(t);
		}
	} else if (base) {
		res = url_resolve(base, t);
		if (res && !url_is_http(res) && !url_link_ok(base, res)) {
			free(res);
			res = NULL;
		}
	} else if (t[0] != '/' || t[1] != '/' || !strchr(t, ':')) {
		res =
		    xstrdup(t); /* relative, and no base to make it absolute */
	}
	free(t);
	return res;
}

/* A srcset: "URL [descriptor], ..." with every URL made safe, or NULL
 * when one cannot be. */
static char *
clean_srcset(const char *v, const char *base)
{
	struct buf b;
	const char *p = v;

	buf_init(&b, 0);
	buf_append(&b, "", 0);
	while (*p) {
		const char *u, *e, *ds, *de;
		char *raw, *safe;

		while (html_clean_is_space(*p) || *p == ',')
			p++;
		if (!*p)
			break;
		u = p;
		while (*p && !html_clean_is_space(*p))
			p++;
		/* a URL may hold commas; one that ends it separates */
		e = p;
		ds = de = p;
		if (e > u && e[-1] == ',') {
			e--;
		} else {
			while (*p && *p != ',')
				p++;
			de = p;
			while (ds < de && html_clean_is_space(*ds))
				ds++;
			while (de > ds && html_clean_is_space(de[-1]))
				de--;
		}
		raw = xstrndup(u, (size_t)(e - u));
		safe = clean_url(raw, base, 1);
		free(raw);
		if (!safe) {
			buf_free(&b);
			return NULL;
		}
		if (b.len)
			buf_puts(&b, ", ");
		buf_puts(&b, safe);
		free(safe);
		if (de > ds) {
			buf_putc(&b, ' ');
			buf_append(&b, ds, (size_t)(de - ds));
		}
	}
	return buf_steal(&b);
}

/* An SVG paint or reference: a colour, a keyword, or url(#id) pointing
 * inside the drawing; NULL for a url() elsewhere. */
static char *
clean_paint(const char *v)
{
	const char *u = str_casestr(v, "url");

	while (u) {
		const char *q = u + 3;

		while (html_clean_is_space(*q))
			q++;
		if (*q == '(') {
			q++;
			while (html_clean_is_space(*q) || *q == '"' || *q == '\'')
				q++;
			if (*q != '#')
				return NULL;
		}
		u = str_casestr(u + 3, "url");
	}
	return xstrdup(v);
}

const struct html_clean_attr *
html_clean_attr_rule(struct html_clean_memo *memo, const char *name, size_t n,
		     enum html_clean_ctx ctx)
{
	static const struct html_clean_attr aria = {"aria-", NULL, AT_TEXT};

	if (ctx == HCTX_SVG)
		return html_clean_find(memo, svg_ats, N(svg_ats),
				       sizeof(svg_ats[0]), name, n);
	if (ctx == HCTX_MATH)
		return html_clean_find(memo, math_ats, N(math_ats),
				       sizeof(math_ats[0]), name, n);
	if (n > 5 && !str_ncasecmp(name, "aria-", 5))
		return &aria;
	return html_clean_find(memo, html_ats, N(html_ats), sizeof(html_ats[0]),
			       name, n);
}

const char *
html_clean_attr_out(const struct html_clean_attr *a)
{
	return a->out;
}

int
html_clean_attr_bare(const struct html_clean_attr *a)
{
	return a->kind == AT_TEXT;
}

char *
html_clean_attr_value(const struct html_clean_attr *a, const char *raw,
		      size_t n, const char *base, enum html_clean_ctx ctx)
{
	char *v = decode(raw, n), *res = NULL;

	switch ((enum at_kind)a->kind) {
	case AT_TEXT:
		return v;
	case AT_URL:
		res = clean_url(v, base, 0);
		break;
	case AT_IMG:
		res = clean_url(v, base, 1);
		break;
	case AT_SRCSET:
		res = clean_srcset(v, base);
		break;
	case AT_STYLE:
		res = html_clean_style(v);
		break;
	case AT_PAINT:
		res = clean_paint(v);
		break;
	case AT_NS:
		if (!strcmp(a->name, "xmlns:xlink"))
			res = strcmp(v, "http://www.w3.org/1999/xlink")
				  ? NULL
				  : xstrdup(v);
		else if (ctx == HCTX_SVG)
			res = strcmp(v, "http://www.w3.org/2000/svg")
				  ? NULL
				  : xstrdup(v);
		else
			res = strcmp(v, "http://www.w3.org/1998/Math/MathML")
				  ? NULL
				  : xstrdup(v);
		break;
	}
	free(v);
	return res;
}
