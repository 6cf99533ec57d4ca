/* tidy.c: the body's last pass: teaser inserts, ad labels, title repeats. */
#include "autoconfig.h"

#include "extract/extract_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/str.h"
#include "util/utf8.h"

/* "Read also"-style inserts that point to another article, in the
 * languages warta's users read. Compared case-insensitively at the start
 * of a block. */
/* clang-format off */
static const char *const teasers[] = {
	"baca juga", "baca pula", "lihat juga", "simak juga", "tonton juga",
	"baca selengkapnya", "artikel terkait", "berita terkait",
	"read also", "read more", "also read", "related", "see also",
	"recommended", "more from", "you may also like", "you might also like",
	"watch:", "listen:", "click here", "see more", "more:", "lesen sie auch", "lesen sie mehr",
	"mehr zum thema", "auch interessant", "lire aussi", "à lire aussi",
	"a lire aussi", "voir aussi", "leer también", "lea también",
	"leer más", "ver también", "leia também", "leia mais", "veja também",
	"leggi anche", "czytaj także", "czytaj też", "lees ook",
	"\xd1\x87\xd0\xb8\xd1\x82\xd0\xb0\xd0\xb9\xd1\x82\xd0\xb5 \xd1\x82\xd0\xb0\xd0\xba\xd0\xb6\xd0\xb5", /* Читайте также */
	"\xd1\x87\xd0\xb8\xd1\x82\xd0\xb0\xd0\xb9\xd1\x82\xd0\xb5 \xd1\x82\xd0\xb5\xd0\xb6", /* Читайте теж */
	"\xd8\xa7\xd9\x82\xd8\xb1\xd8\xa3 \xd8\xa3\xd9\x8a\xd8\xb6\xd8\xa7", /* اقرأ أيضا */
	"\xd8\xa7\xd9\x82\xd8\xb1\xd8\xa3 \xd8\xa3\xd9\x8a\xd8\xb6\xd8\xa7\xd9\x8b", /* اقرأ أيضاً */
	"\xe9\x96\xa2\xe9\x80\xa3\xe8\xa8\x98\xe4\xba\x8b", /* 関連記事 */
	"\xe3\x81\x82\xe3\x82\x8f\xe3\x81\x9b\xe3\x81\xa6\xe8\xaa\xad\xe3\x81\xbf\xe3\x81\x9f\xe3\x81\x84", /* あわせて読みたい */
	"\xe7\x9b\xb8\xe5\x85\xb3\xe9\x98\x85\xe8\xaf\xbb", /* 相关阅读 */
	"\xe5\xbb\xb6\xe4\xbc\xb8\xe9\x96\xb1\xe8\xae\x80", /* 延伸閱讀 */
	"\xe7\x9b\xb8\xe9\x97\x9c\xe6\x96\xb0\xe8\x81\x9e", /* 相關新聞 */
	"\xea\xb4\x80\xeb\xa0\xa8\xea\xb8\xb0\xec\x82\xac", /* 관련기사 */
	"\xe0\xb8\xad\xe0\xb9\x88\xe0\xb8\xb2\xe0\xb8\x99\xe0\xb9\x80\xe0\xb8\x9e\xe0\xb8\xb4\xe0\xb9\x88\xe0\xb8\xa1", /* อ่านเพิ่ม */
	"\xd7\xa7\xd7\xa8\xd7\x90\xd7\x95 \xd7\x92\xd7\x9d", /* קראו גם */
	"devamını oku", "ilginizi çekebilir", "đọc thêm", "xem thêm",
	NULL,
};
/* clang-format on */

/* Whole-block labels that are never article text. */
/* clang-format off */
static const char *const labels[] = {
	"advertisement", "advertisements", "advertising", "ad", "ads",
	"sponsored", "sponsored content", "iklan", "anzeige", "werbung",
	"publicité", "publicidad", "publicidade", "pubblicità",
	"\xd1\x80\xd0\xb5\xd0\xba\xd0\xbb\xd0\xb0\xd0\xbc\xd0\xb0", /* реклама */
	"\xe5\xba\x83\xe5\x91\x8a", /* 広告 */
	"\xe5\xb9\xbf\xe5\x91\x8a", /* 广告 */
	"scroll to continue with content", "continue reading below",
	"story continues below advertisement", "article continues below",
	"close ads", "tutup iklan", "share", "share this", "share this:",
	"share this article", "like this:", "tweet", "print", "email",
	"bagikan", "bagikan artikel ini", "tags", "tags:", "tag:", "topics",
	"topik", "topik:", "halaman", "halaman:", "page", "pages",
	"next page", "previous page", "halaman selanjutnya",
	"terkini lainnya", "berita terkini", "most read", "most popular",
	"trending", "trending now", "popular", "populer", "terpopuler",
	"related articles", "related stories", "related posts",
	"related content", "more stories", "more news", "read next",
	"up next", "you may also like", "you may also like...",
	"you might also like", "recommended for you", "comments",
	"komentar", "leave a comment", "leave a reply", "write a comment",
	"tulis komentar", "post a comment", "add a comment",
	"#jernihberkomentar", "laporkan komentar", "loading...",
	"loading", "skip to content", "back to top", "kembali ke atas",
	"this slideshow requires javascript",
	NULL,
};
/* clang-format on */

/* Lower-cased copy of the block's plain text (ASCII, Latin-1, Cyrillic),
 * and how much of it is inside links. */
static char *
block_plain(const struct doc_block *b, size_t *len, size_t *linked)
{
	char *s = doc_block_text(b);

	*len = strlen(s);
	*linked = 0;
	for (size_t r = 0; r < b->nruns; r++)
		if (b->runs[r].href)
			*linked += strlen(b->runs[r].text);
	for (unsigned char *p = (unsigned char *)s; *p; p++) {
		if (*p >= 'A' && *p <= 'Z') {
			*p = (unsigned char)(*p + 32);
		} else if (*p == 0xc3 && p[1] >= 0x80 && p[1] <= 0x9e &&
			   p[1] != 0x97) {
			/* Latin-1 capitals À..Þ to à..þ (not ×) */
			p[1] = (unsigned char)(p[1] + 0x20);
			p++;
		} else if (*p == 0xd0 && p[1] >= 0x90 && p[1] <= 0xaf) {
			/* Cyrillic capitals А..Я to а..я */
			if (p[1] <= 0x9f) {
				p[1] = (unsigned char)(p[1] + 0x20);
			} else {
				p[0] = 0xd1;
				p[1] = (unsigned char)(p[1] - 0x20);
			}
			p++;
		}
	}
	return s;
}

static const char *
skip_marks(const char *s)
{
	for (;;) {
		if (!strncmp(s, "\xe2\x80\xa2", 3) ||
		    !strncmp(s, "\xe2\x80\x93", 3))
			s += 3; /* bullet, en dash */
		else if (!strncmp(s, "\xc2\xbb", 2))
			s += 2;
		else if (*s && (str_isspace((unsigned char)*s) ||
				strchr("*#>-[(|", *s)))
			s++;
		else
			return s;
	}
}

static int
is_teaser(const struct doc_block *b)
{
	size_t len, linked;
	char *s = block_plain(b, &len, &linked);
	const char *t = skip_marks(s);
	int yes = 0;

	for (const char *const *p = teasers; *p && !yes; p++) {
		size_t n = strlen(*p);
		const char *rest;

		if (strncmp(t, *p, n))
			continue;
		rest = t + n;
		/* The word goes on ("related to the case ..."): not a label. */
		if (*rest >= 'a' && *rest <= 'z')
			continue;
		while (*rest == ' ' || *rest == '.')
			rest++;
		if (*rest == ':' || !strncmp(rest, "\xef\xbc\x9a", 3) ||
		    *rest == '\0' || *rest == '-' || *rest == '|' ||
		    !strncmp(rest, "\xc2\xbb", 2) ||
		    !strncmp(rest, "\xe2\x80\x94", 3) ||
		    !strncmp(rest, "\xe2\x80\x93", 3)) {
			/* "Baca juga: Title" — a label then a headline. */
			yes = len < 300 || linked * 2 >= len;
		} else if (linked * 2 >= len && len < 300) {
			/* "Read also Title" with the title linked */
			yes = 1;
		}
	}
	free(s);
	return yes;
}

static int
is_label(const struct doc_block *b)
{
	size_t len, linked;
	char *s = block_plain(b, &len, &linked);
	char *t = s;
	int yes = 0;

	if (len > 60) {
		free(s);
		return 0;
	}
	t = (char *)skip_marks(t);
	{
		size_t n = strlen(t);

		while (n && (str_isspace((unsigned char)t[n - 1]) ||
			     t[n - 1] == ':' || t[n - 1] == '.'))
			t[--n] = '\0';
		/* "Comments (12)", "12 Comments" */
		if (n && t[n - 1] == ')' && strchr(t, '(')) {
			char *o = strrchr(t, '(');

			while (o > t && o[-1] == ' ')
				o--;
			*o = '\0';
		}
		while (*t >= '0' && *t <= '9')
			t++;
		while (*t == ' ')
			t++;
	}
	for (const char *const *p = labels; *p && !yes; p++) {
		const char *l = *p;
		size_t ln = strlen(l);

		while (ln && (l[ln - 1] == ':' || l[ln - 1] == '.'))
			ln--;
		if (strlen(t) == ln && !strncmp(t, l, ln))
			yes = 1;
	}
	free(s);
	return yes;
}

static int
visible_text(const struct doc_block *b)
{
	for (size_t r = 0; r < b->nruns; r++) {
		const char *s = b->runs[r].text;
		size_t n = strlen(s), i = 0;

		while (i < n) {
			uint32_t cp;
			size_t k = utf8_decode(s + i, n - i, &cp);

			if (!(cp == ' ' || cp == '\n' || cp == 0x200b ||
			      cp == 0x200c || cp == 0x200d || cp == 0xfeff ||
			      cp == 0xa0))
				return 1;
			i += k;
		}
	}
	return 0;
}

/* Compare a block's text with the title, ignoring case and spacing. */
static int
same_as_title(const struct doc_block *b, const char *title)
{
	char *s;
	int same;

	if (!title || !*title)
		return 0;
	s = doc_block_text(b);
	same = !str_casecmp(s, title) ||
	       (strlen(s) > 15 && str_istarts_with(title, s) &&
		strlen(title) - strlen(s) < 40);
	free(s);
	return same;
}

/* 1 if the block is the writer's name alone (an author box's link). */
static int
is_writer(const struct doc_block *b, const char *byline)
{
	char *s;
	int same;

	if (!byline || !*byline || b->kind != DOC_PARAGRAPH)
		return 0;
	s = doc_block_text(b);
	str_trim(s);
	same = !str_casecmp(s, byline);
	free(s);
	return same;
}

static int
has_year_or_time(const char *s)
{
	for (const char *p = s; *p; p++) {
		if ((p[0] == '1' && p[1] == '9') ||
		    (p[0] == '2' && p[1] == '0'))
			if (p[2] >= '0' && p[2] <= '9' && p[3] >= '0' &&
			    p[3] <= '9' && !(p[4] >= '0' && p[4] <= '9'))
				return 1;
		if (p[0] >= '0' && p[0] <= '9' && p[1] == ':' && p[2] >= '0' &&
		    p[2] <= '5' && p[3] >= '0' && p[3] <= '9')
			return 1;
		if (p[0] == '/' && p[1] >= '0' && p[1] <= '9')
			return 1;
	}
	return 0;
}

/* A short line saying who wrote it or when: "By A. Writer", "Oleh ...",
 * "Updated 12:01 PM EST", "November 19, 2019". */
static int
is_byline_or_date(const struct doc_block *b)
{
	/* clang-format off */
	static const char *const starts[] = {
	    "by ",	    "oleh ",	  "oleh:",     "por ",
	    "von ",	    "par ",	  "door ",     "written by",
	    "posted by",    "posted on",  "published", "updated",
	    "last updated", "diperbarui", "penulis",   "editor:",
	    "reporter:",    "foto:",	  "photo:",    "credit:",
	    "source:",	    "sumber:",	  "posted:",   "dipublikasikan",
	    "\xe8\xb4\xa3\xe4\xbb\xbb\xe7\xbc\x96\xe8\xbe\x91", /* 责任编辑 */
	    "\xe7\xbc\x96\xe8\xbe\x91\xef\xbc\x9a",		    /* 编辑： */
	    NULL,
	};
	/* clang-format on */
	size_t len, linked;
	char *s;
	int yes = 0;

	if (b->kind != DOC_PARAGRAPH && b->kind != DOC_HEADING)
		return 0;
	s = block_plain(b, &len, &linked);
	if (len > 120) {
		free(s);
		return 0;
	}
	for (const char *const *p = starts; *p && !yes; p++)
		if (str_starts_with(s, *p))
			yes = 1;
	if (!yes && len < 60 && has_year_or_time(s) && !strstr(s, ". "))
		yes = 1;
	free(s);
	return yes;
}

static size_t
link_share(const struct doc_block *b, size_t *len)
{
	size_t linked;
	char *s = block_plain(b, len, &linked);

	free(s);
	return linked;
}

/* Text compared for sameness: squeezed, case kept. Caller frees. */
static char *
squeezed(const char *s)
{
	return str_squeeze(s ? s : "", s ? strlen(s) : 0);
}

/* Give b's runs to f, which has none. */
static void
move_runs(struct doc_block *f, struct doc_block *b)
{
	free(f->runs);
	f->runs = b->runs;
	f->nruns = b->nruns;
	f->capruns = b->capruns;
	b->runs = NULL;
	b->nruns = b->capruns = 0;
}

/* Figure captions said twice: a caption block after an image whose alt text
 * or caption already says it, the same caption in nearby figures, or a
 * paragraph repeating the caption just above. An image without a caption
 * takes the repeated one as its caption. */
static void
dedupe_captions(struct doc *d)
{
	for (size_t i = 1; i < d->nblocks;) {
		struct doc_block *b = &d->blocks[i];
		char *t, *r;
		int same = 0;

		if ((b->kind != DOC_FIGURE && b->kind != DOC_PARAGRAPH) ||
		    (b->kind == DOC_FIGURE && b->src)) {
			i++;
			continue;
		}
		if (b->kind == DOC_FIGURE &&
		    d->blocks[i - 1].kind == DOC_FIGURE &&
		    d->blocks[i - 1].src && !d->blocks[i - 1].nruns) {
			/* an image, then its caption on its own */
			move_runs(&d->blocks[i - 1], b);
			doc_remove_block(d, i);
			continue;
		}
		r = doc_block_text(b);
		t = squeezed(r);
		free(r);
		/* figures among the three blocks above */
		for (size_t k = i;
		     !same && strlen(t) >= 8 && k-- > 0 && k + 4 > i;) {
			struct doc_block *f = &d->blocks[k];
			char *ft, *fa;

			if (f->kind != DOC_FIGURE)
				continue;
			r = doc_block_text(f);
			ft = squeezed(r);
			free(r);
			fa = squeezed(f->alt);
			same = *ft ? strstr(ft, t) != NULL : !strcmp(t, fa);
			/* the caption joins its image */
			if (same && !f->nruns)
				move_runs(f, b);
			free(ft);
			free(fa);
		}
		free(t);
		if (same)
			doc_remove_block(d, i);
		else
			i++;
	}
}

/* A tag list written as one block: a label ("Tags", "Etiquetas:",
 * "Schlagworte") and then mostly links. */
static int
is_tag_line(const struct doc_block *b)
{
	/* clang-format off */
	static const char *const words[] = {
		"tags", "tag", "topics", "topik", "tagged", "tagged with",
		"mots-cl\xc3\xa9s", "mots cl\xc3\xa9s", "th\xc3\xa8mes",
		"etiquetas", "temas", "schlagworte", "schlagw\xc3\xb6rter",
		"themen", "argomenti", "tagi", "tags relacionadas",
		"\xd1\x82\xd0\xb5\xd0\xb3\xd0\xb8", /* теги */
		"\xe6\xa0\x87\xe7\xad\xbe",	 /* 标签 */
		"\xe3\x82\xbf\xe3\x82\xb0",	 /* タグ */
		NULL,
	};
	/* clang-format on */
	size_t len, linked, wl = 0;
	char *s = block_plain(b, &len, &linked);
	int yes = 0;

	for (const char *const *w = words; *w; w++) {
		size_t n = strlen(*w);

		if (!strncmp(s, *w, n) && n > wl &&
		    (s[n] == ':' || s[n] == '\n' || s[n] == ' ' ||
		     !strncmp(s + n, "\xef\xbc\x9a", 3)))
			wl = n;
	}
	if (wl && len > wl + 1)
		yes = linked * 10 >= (len - wl) * 6;
	free(s);
	return yes;
}

/* A note on how reader comments are moderated ("Comments that ... will not
 * be approved by the moderator"): furniture of the comment form. */
static int
is_comment_rules(const struct doc_block *b)
{
	/* clang-format off */
	static const char *const comment[] = {
	    "comment", "coment", "komentar", "kommentar", "commentaire",
	    "\xd0\xba\xd0\xbe\xd0\xbc\xd0\xbc\xd0\xb5\xd0\xbd\xd1\x82", /* коммент */
	    NULL,
	};
	static const char *const rule[] = {
	    "moderat", "mod\xc3\xa9r", "approv", "aprovad", "aprobad", "dihapus",
	    "publicad",
	    "freigeschalt", "guidelines", "pedoman", "diretrizes", "normas",
	    "\xd0\xbc\xd0\xbe\xd0\xb4\xd0\xb5\xd1\x80", /* модер */
	    NULL,
	};
	/* clang-format on */
	size_t len, linked;
	char *s;
	int c = 0, r = 0;

	if (b->kind != DOC_PARAGRAPH)
		return 0;
	s = block_plain(b, &len, &linked);
	if (len < 300) {
		for (const char *const *p = comment; *p && !c; p++)
			c = strstr(s, *p) != NULL;
		for (const char *const *p = rule; *p && !r; p++)
			r = strstr(s, *p) != NULL;
	}
	free(s);
	return c && r;
}

void
blocks_tidy(struct xctx *x)
{
	struct doc *d = x->doc;
	size_t i, lead;

	/* Blank blocks and labels anywhere; teaser inserts anywhere. A label
	 * ("Tags", "Related stories") takes the links listed under it. */
	for (i = 0; i < d->nblocks;) {
		struct doc_block *b = &d->blocks[i];

		if (b->kind == DOC_RULE || (b->kind == DOC_FIGURE && b->src)) {
			i++;
			continue;
		}
		if (is_label(b)) {
			doc_remove_block(d, i);
			while (i < d->nblocks) {
				size_t len,
				    linked = link_share(&d->blocks[i], &len);

				if (!len || linked * 2 < len || len > 300)
					break;
				doc_remove_block(d, i);
			}
		} else if (!visible_text(b) || is_teaser(b) || is_tag_line(b)) {
			doc_remove_block(d, i);
		} else {
			i++;
		}
	}
	dedupe_captions(d);
	/* The headline, byline and date repeated at the top. */
	for (i = 0, lead = 0; i < d->nblocks && lead < 4; lead++) {
		struct doc_block *b = &d->blocks[i];

		if (b->kind == DOC_FIGURE) {
			i++;
			continue;
		}
		if (same_as_title(b, d->meta.title) ||
		    is_writer(b, d->meta.byline) || is_byline_or_date(b))
			doc_remove_block(d, i);
		else
			i++;
	}
	/* Trailing furniture: link lists, bylines, dates. */
	while (d->nblocks) {
		struct doc_block *b = &d->blocks[d->nblocks - 1];
		size_t len, linked = link_share(b, &len);

		if ((len && linked * 10 >= len * 6) || is_byline_or_date(b) ||
		    b->kind == DOC_RULE || is_comment_rules(b))
			doc_remove_block(d, d->nblocks - 1);
		else
			break;
	}
}
