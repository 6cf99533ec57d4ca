/* test_render.c: laying docs out by display width, and the plain text form. */
#include "autoconfig.h"

#include "docs.h"
#include "render/render.h"
#include "tap.h"
#include "util/buf.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <time.h>

/* Line i of pg as one string; caller frees. */
static char *
line_text(const struct render_page *pg, size_t i)
{
	struct buf b;

	buf_init(&b, 0);
	buf_append(&b, "", 0);
	for (size_t k = 0; k < pg->lines[i].nspans; k++)
		buf_append(&b, pg->lines[i].spans[k].text,
			   pg->lines[i].spans[k].len);
	return buf_steal(&b);
}

/* All lines joined by "|". */
static char *
page_text(const struct render_page *pg)
{
	struct buf b;

	buf_init(&b, 0);
	buf_append(&b, "", 0);
	for (size_t i = 0; i < pg->nlines; i++) {
		char *t = line_text(pg, i);

		if (i)
			buf_putc(&b, '|');
		buf_puts(&b, t);
		free(t);
	}
	return buf_steal(&b);
}

static int
str_has_prefix(const char *s, const char *p)
{
	return !strncmp(s, p, strlen(p));
}

static struct render_page *
lay(const struct doc *d, int width, unsigned flags)
{
	struct render_options o = {width, flags, NULL, NULL};

	return render_layout(d, &o);
}

static struct doc *
para_doc(const char *text)
{
	struct doc *d = doc_new();

	add_text(doc_add_block(d, DOC_PARAGRAPH), text, 0, NULL, 0);
	return d;
}

/* Lay text out at width and compare all lines joined by "|". */
static void
check_wrap(const char *text, int width, const char *want, const char *name)
{
	struct doc *d = para_doc(text);
	struct render_page *pg = lay(d, width, 0);
	char *got = page_text(pg);

	is_str(got, want, "%s", name);
	free(got);
	render_page_free(pg);
	doc_free(d);
}

/* Every span's width matches its text, every line's the sum, no line wider
 * than width (a lone wide character aside; code lines when allow_code, and
 * the plain header's URL too when it is 2), and no byte that
 * a terminal would interpret. Returns a description of the first problem. */
static const char *
check_page(const struct render_page *pg, int width, int allow_code)
{
	for (size_t i = 0; i < pg->nlines; i++) {
		const struct render_line *ln = &pg->lines[i];
		int sum = 0, code = 0, meta = ln->nspans > 0;

		for (size_t k = 0; k < ln->nspans; k++) {
			const struct render_span *s = &ln->spans[k];

			if (strlen(s->text) != s->len || !s->len)
				return "span length";
			if ((int)utf8_width(s->text, s->len) != s->width)
				return "span width";
			if (!utf8_valid(s->text, s->len))
				return "invalid UTF-8";
			for (size_t j = 0; j < s->len; j++) {
				unsigned char c = (unsigned char)s->text[j];

				if (c < 0x20 || c == 0x7f)
					return "control byte";
				if (c == 0xc2 && j + 1 < s->len &&
				    (unsigned char)s->text[j + 1] < 0xa0)
					return "C1 control";
			}
			if (strstr(s->text, "\xe2\x80\xae") ||
			    strstr(s->text, "\xe2\x81\xa6"))
				return "bidi control";
			if (s->attr == RENDER_CODE)
				code = 1;
			if (s->attr != RENDER_META)
				meta = 0;
			sum += s->width;
		}
		if (sum != ln->width)
			return "line width";
		if (ln->width > width && !(code && allow_code) &&
		    !(meta && allow_code > 1) &&
		    !(ln->width == 2 && width == 1))
			return "line too wide";
		if (ln->nspans &&
		    ln->spans[ln->nspans - 1]
			    .text[ln->spans[ln->nspans - 1].len - 1] == ' ')
			return "trailing blank";
	}
	for (size_t i = 0; i < pg->nlinks; i++)
		if (pg->links[i].number != (int)i + 1 ||
		    pg->links[i].line >= pg->nlines)
			return "link list";
	return NULL;
}

static void
test_wrapping(void)
{
	check_wrap("aaa bbb ccc ddd", 7, "aaa bbb|ccc ddd", "wrap at spaces");
	check_wrap("aaa bbb ccc ddd", 8, "aaa bbb|ccc ddd", "wrap, slack");
	check_wrap("aaa bbb ccc ddd", 100, "aaa bbb ccc ddd", "fits");
	check_wrap("  spaced   out  ", 80, "spaced out", "spaces collapsed");
	check_wrap("abcdefghij", 4, "abcd|efgh|ij", "long word hard-broken");
	check_wrap("ab https://example.com/a/very/long/path x", 10,
		   "ab|https://ex|ample.com/|a/very/lon|g/path x",
		   "long URL hard-broken at the width");
	check_wrap("line one\nline two", 80, "line one|line two",
		   "line break kept");
	check_wrap("well-known words", 6, "well-|known|words",
		   "break after a hyphen between letters");
	check_wrap("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97\xe7\xac\xa6\xe6\xb5"
		   "\x8b\xe8\xaf\x95",
		   6,
		   "\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97|\xe7\xac\xa6\xe6\xb5"
		   "\x8b\xe8\xaf\x95",
		   "CJK breaks between wide characters");
	check_wrap("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97", 5,
		   "\xe4\xb8\xad\xe6\x96\x87|\xe5\xad\x97",
		   "CJK never split across the width");
	/* 一二三。四五 at 6: "。" may not start a line. */
	check_wrap("\xe4\xb8\x80\xe4\xba\x8c\xe4\xb8\x89\xe3\x80\x82\xe5\x9b"
		   "\x9b\xe4\xba\x94",
		   6,
		   "\xe4\xb8\x80\xe4\xba\x8c|\xe4\xb8\x89\xe3\x80\x82\xe5\x9b"
		   "\x9b|\xe4\xba\x94",
		   "no line starts with a closing CJK mark");
	check_wrap("ab \xe4\xb8\xad\xe6\x96\x87", 4,
		   "ab|\xe4\xb8\xad\xe6\x96\x87", "Latin then CJK");
	/* e + combining acute, five times: width 5. */
	check_wrap("e\xcc\x81"
		   "e\xcc\x81"
		   "e\xcc\x81"
		   "e\xcc\x81"
		   "e\xcc\x81",
		   3,
		   "e\xcc\x81"
		   "e\xcc\x81"
		   "e\xcc\x81|e\xcc\x81"
		   "e\xcc\x81",
		   "combining marks stay with their base");
	check_wrap("\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80", 4,
		   "\xf0\x9f\x98\x80\xf0\x9f\x98\x80|\xf0\x9f\x98\x80",
		   "emoji are two columns");
	check_wrap("\xe4\xb8\xad", 1, "\xe4\xb8\xad",
		   "a wide character alone at width 1");
	check_wrap("soft\xc2\xadhyphen", 80, "softhyphen",
		   "soft hyphens are invisible");
	check_wrap("\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 \xd8\xa8\xd9\x83"
		   "\xd9\x85",
		   80,
		   "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 \xd8\xa8\xd9\x83"
		   "\xd9\x85",
		   "right-to-left text kept in logical order");
	check_wrap("a\xe2\x80\xae"
		   "b",
		   80,
		   "a\xef\xbf\xbd"
		   "b",
		   "bidi override neutralised");
	check_wrap("x\x1b[2Jy\x1b]52;c;ZXZpbA==\x07z\x9b"
		   "1m",
		   80,
		   "x^[[2Jy^[]52;c;ZXZpbA==^Gz\xef\xbf\xbd"
		   "1m",
		   "ESC, CSI, OSC and C1 neutralised");
}

static void
test_blocks(void)
{
	struct doc *d = doc_new();
	struct doc_block *b;
	struct render_page *pg;
	char *s;

	b = doc_add_block(d, DOC_HEADING);
	b->level = 2;
	add_text(b, "Head", 0, NULL, 0);
	b = doc_add_block(d, DOC_LIST_ITEM);
	b->level = 1;
	add_text(b, "first item wraps here", 0, NULL, 0);
	b = doc_add_block(d, DOC_LIST_ITEM);
	b->level = 2;
	b->number = 9;
	add_text(b, "nested nine", 0, NULL, 0);
	b = doc_add_block(d, DOC_LIST_ITEM);
	b->level = 2;
	b->number = 10;
	add_text(b, "ten", 0, NULL, 0);
	b = doc_add_block(d, DOC_LIST_ITEM);
	b->level = 3;
	add_text(b, "deep", 0, NULL, 0);
	b = doc_add_block(d, DOC_PARAGRAPH);
	b->quote = 1;
	add_text(b, "quoted words here", 0, NULL, 0);
	b = doc_add_block(d, DOC_PARAGRAPH);
	b->quote = 1;
	add_text(b, "more", DOC_EM, NULL, 0);
	b = doc_add_block(d, DOC_CODE);
	add_text(b, "if (x)\n\treturn a_very_long_identifier;", DOC_MONO, NULL,
		 0);
	b = doc_add_block(d, DOC_TABLE_ROW);
	b->level = 1;
	add_text(b, "Name", 0, NULL, 0);
	add_text(b, "N", 0, NULL, 1);
	b = doc_add_block(d, DOC_TABLE_ROW);
	add_text(b, "A", 0, NULL, 0);
	add_text(b, "12", 0, NULL, 1);
	b = doc_add_block(d, DOC_FIGURE);
	doc_set(&b->alt, "A map");
	doc_set(&b->src, "https://x.example/map.png");
	add_text(b, "The map.", 0, NULL, 0);
	doc_add_block(d, DOC_RULE);

	pg = lay(d, 16, 0);
	s = page_text(pg);
	is_str(s,
	       "Head||"
	       "\xe2\x80\xa2 first item|  wraps here|"
	       "  9. nested nine|  10. ten|"
	       "      \xe2\x96\xaa deep||"
	       "\xe2\x94\x82 quoted words|\xe2\x94\x82 here|\xe2\x94\x82|"
	       "\xe2\x94\x82 more||"
	       "  if (x)|          return a_very_long_identifier;||"
	       "Name \xe2\x94\x82 N|"
	       "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	       "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80|"
	       "A    \xe2\x94\x82 12||"
	       "[image: A|map][1]|The map.||"
	       "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	       "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	       "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	       "\xe2\x94\x80",
	       "blocks laid out at 16");
	free(s);
	ok(pg->lines[0].spans[0].attr == RENDER_HEADING, "heading attribute");
	ok(pg->lines[2].spans[0].attr == RENDER_MARKER, "marker attribute");
	ok(pg->lines[8].spans[0].attr == RENDER_QUOTE &&
	       pg->lines[8].spans[1].attr == RENDER_QUOTE,
	   "quote attribute");
	ok(pg->lines[11].spans[1].attr == RENDER_EMPHASIS,
	   "emphasis in a quote");
	ok(pg->lines[13].spans[0].attr == RENDER_CODE, "code attribute");
	ok(pg->lines[16].spans[0].attr == RENDER_TABLE_HEADER,
	   "table header attribute");
	ok(!check_page(pg, 16, 1), "page checks: %s",
	   check_page(pg, 16, 1) ? check_page(pg, 16, 1) : "fine");
	render_page_free(pg);

	/* A table that does not fit becomes wrapped rows. */
	pg = lay(d, 6, 0);
	s = page_text(pg);
	ok(strstr(s, "||Name \xe2\x94\x82|N|A \xe2\x94\x82 12||") != NULL,
	   "narrow table rows wrap: %s", s);
	free(s);
	render_page_free(pg);
	doc_free(d);
}

static void
test_links(void)
{
	struct doc *d = doc_new();
	struct doc_block *b = doc_add_block(d, DOC_PARAGRAPH);
	struct render_page *pg;
	char *s;

	add_text(b, "See ", 0, NULL, 0);
	add_text(b, "one ", 0, "https://a.example/1", 0);
	add_text(b, "and ", 0, NULL, 0);
	add_text(b, "two", DOC_EM, "https://a.example/2", 0);
	add_text(b, "wo", 0, "https://a.example/2", 0);
	add_text(b, ", bad ", 0, NULL, 0);
	add_text(b, "js", 0, "javascript:x()", 0);
	add_text(b, " and one again", 0, NULL, 0);
	b = doc_add_block(d, DOC_PARAGRAPH);
	add_text(b, "again", 0, "https://a.example/1", 0);
	add_text(b, " three", 0, "https://a.example/3", 0);

	pg = lay(d, 20, 0);
	s = page_text(pg);
	is_str(
	    s,
	    "See one[1] and|twowo[2], bad js and|one again||again[1] three[3]",
	    "links numbered in reading order, reused for the same URL");
	free(s);
	is_int(pg->nlinks, 3, "three distinct links");
	is_str(pg->links[0].url, "https://a.example/1", "link 1");
	is_str(pg->links[1].url, "https://a.example/2", "link 2");
	is_int(pg->links[1].line, 1, "link 2 on line 1");
	is_int(pg->links[2].line, 4, "link 3 on line 4");
	ok(pg->lines[0].spans[1].attr == RENDER_LINK &&
	       pg->lines[0].spans[2].attr == RENDER_LINK_NUMBER,
	   "link and number attributes");
	render_page_free(pg);

	/* Links inside an aligned table are numbered and located too. */
	b = doc_add_block(d, DOC_TABLE_ROW);
	add_text(b, "cell", 0, NULL, 0);
	add_text(b, "t", 0, "https://a.example/t", 1);
	pg = lay(d, 20, 0);
	s = line_text(pg, pg->nlines - 1);
	is_str(s, "cell \xe2\x94\x82 t[4]", "link in a table cell");
	free(s);
	is_int(pg->nlinks, 4, "table link listed");
	is_int(pg->links[3].line, pg->nlines - 1, "table link line");
	render_page_free(pg);
	doc_remove_block(d, d->nblocks - 1);

	s = render_text(d, 20, 0);
	is_str(s,
	       "See one[1] and\ntwowo[2], bad js and\none again\n\nagain[1] "
	       "three[3]\n\nLinks:\n[1] https://a.example/1\n"
	       "[2] https://a.example/2\n[3] https://a.example/3\n",
	       "plain text with the link list");
	free(s);
	doc_free(d);
}

static void
test_text_output(void)
{
	struct doc *d = rich_doc();
	char *s;
	struct render_page *pg;
	struct render_options o = {40, RENDER_HEADER | RENDER_COMMENTS,
				   "Feed Name", NULL};

	s = render_text(d, 40, RENDER_COMMENTS);
	ok(str_has_prefix(s, "The river <rises> & \"floods\"\n"
			     "============================\n"
			     "Example News \xc2\xb7 Sari Dewi \xc2\xb7\n"
			     "2024-05-01 08:13 +07:00\n"
			     "https://news.example/2024/05/river\n\n"
			     "Morning\n-------\n\n"),
	   "text header and heading:\n%s", s);
	ok(strstr(s, "\n- first\n  1. inner one\n  2. inner two\n- second\n") !=
	       NULL,
	   "plain list markers");
	ok(strstr(s, "\n> A quoted line.\n") != NULL, "plain quote");
	ok(strstr(s, "\nCity    | Level\n---------------\n"
		     "Jakarta | 3 m\n") != NULL,
	   "plain table");
	ok(strstr(s, "\nComments (2)\n------------\n\nBudi \xc2\xb7 2024-05-01 "
		     "09:00 UTC\nSo high!\n\nStay safe.\n\n  Anonymous\n"
		     "  Reply ^[]0;owned^G here\n") != NULL,
	   "comments with replies indented");
	ok(strstr(s, "\nLinks:\n[1] https://agency.example/report?a=1&b=2\n"
		     "[2] https://news.example/img/bridge.jpg\n") != NULL,
	   "link list");
	ok(!strstr(s, "javascript"), "no javascript link");
	free(s);
	s = render_text(d, 40, 0);
	ok(!strstr(s, "Comments") && !strstr(s, "Budi"),
	   "no comments without the flag");
	free(s);

	pg = render_layout(d, &o);
	ok(pg->comments_line < pg->nlines, "comments line set");
	s = line_text(pg, pg->comments_line);
	is_str(s, "Comments (2)", "comments heading at comments_line");
	free(s);
	s = line_text(pg, 1);
	ok(strstr(s, "Feed Name") == s, "source name in the header: %s", s);
	free(s);
	ok(pg->lines[0].spans[0].attr == RENDER_TITLE, "title attribute");
	ok(pg->lines[1].spans[0].attr == RENDER_META, "meta attribute");
	render_page_free(pg);
	doc_free(d);
}

/* A doc with an escape sequence in every field. */
static struct doc *
hostile_doc(void)
{
	static const char evil[] = "x\x1b[31m\x1b]0;t\x07\x9b\xe2\x80\xae\r\t"
				   "\x7f\xff";
	struct doc *d = doc_new();
	struct doc_block *b;

	doc_set(&d->meta.url, evil);
	doc_set(&d->meta.title, evil);
	doc_set(&d->meta.byline, evil);
	doc_set(&d->meta.published, evil);
	doc_set(&d->meta.site, evil);
	for (int k = DOC_PARAGRAPH; k <= DOC_RULE; k++) {
		b = doc_add_block(d, (enum doc_block_kind)k);
		b->level = k == DOC_TABLE_ROW ? 1 : 1000000;
		b->number = -2147483647 - 1;
		b->quote = 2147483647;
		doc_set(&b->alt, evil);
		doc_set(&b->src, evil);
		add_text(b, evil, 0, NULL, 0);
		add_text(b, evil, DOC_EM, "https://e.example/\x1b[0m",
			 4000000000u);
		add_text(b, evil, DOC_MONO, NULL, 7);
	}
	doc_add_comment(d, evil, evil, evil, 2147483647);
	doc_add_comment(d, evil, evil, evil, -5);
	return d;
}

static void
test_hostile(void)
{
	struct doc *docs[2] = {rich_doc(), hostile_doc()};
	const char *problem = NULL;
	int bad_width = 0;

	for (int k = 0; k < 2; k++) {
		for (int w = -3; w <= 130 && !problem; w++) {
			unsigned flags = RENDER_HEADER | RENDER_COMMENTS |
					 (w & 1 ? RENDER_PLAIN : 0);
			struct render_page *pg = lay(docs[k], w, flags);
			char *t = render_text(docs[k], w, RENDER_COMMENTS);

			/* Plain layouts keep the header's URL whole. */
			problem = check_page(pg, w < 1 ? 1 : w,
					     flags & RENDER_PLAIN ? 2 : 1);
			if (problem)
				printf("# doc %d width %d: %s\n", k, w,
				       problem);
			for (const char *c = t; *c; c++)
				if (((unsigned char)*c < 0x20 && *c != '\n') ||
				    *c == 0x7f)
					bad_width = 1;
			render_page_free(pg);
			free(t);
		}
	}
	ok(!problem,
	   "every field sanitised and widths exact at widths -3..130");
	ok(!bad_width, "plain text holds no control characters");
	doc_free(docs[0]);
	doc_free(docs[1]);
}

static void
test_speed(void)
{
	struct doc *d = doc_new();
	struct render_page *pg;
	clock_t t0;
	double ms;
	size_t bytes = 0;

	for (int i = 0; bytes < 100000; i++) {
		struct doc_block *b = doc_add_block(d, DOC_PARAGRAPH);
		const char *words =
		    "The committee met on Tuesday to discuss the river "
		    "levels, which rose sharply after three days of rain; "
		    "officials said the ";

		add_text(b, words, 0, NULL, 0);
		add_text(b, "report", 0, "https://example.com/report", 0);
		add_text(b,
			 " was clear. \xe4\xb8\xad\xe6\x96\x87\xe6\x96\xb0"
			 "\xe9\x97\xbb ",
			 DOC_EM, NULL, 0);
		bytes += strlen(words) + 6 + 24;
		(void)i;
	}
	t0 = clock();
	for (int k = 0; k < 10; k++) {
		pg = lay(d, 80, RENDER_HEADER);
		render_page_free(pg);
	}
	ms = (double)(clock() - t0) * 1000.0 / CLOCKS_PER_SEC / 10;
	printf("# laid out %zu bytes at width 80 in %.3f ms\n", bytes, ms);
	ok(ms < 100, "100 KB laid out quickly (%.3f ms)", ms);
	doc_free(d);
}

/* Found by fuzz_text: a plain heading holding only a wide character, in a
 * column narrower than it, got an underline wider than the column. */
static void
test_narrow_underline(void)
{
	struct doc *d = doc_new();
	struct render_page *pg;
	int widest = 0;

	add_text(doc_add_block(d, DOC_HEADING), "\xe5\xad\x97", 0, NULL, 0);
	d->blocks[0].level = 2;
	pg = lay(d, 1, RENDER_PLAIN);
	for (size_t i = 0; i < pg->nlines; i++)
		if (pg->lines[i].nspans &&
		    pg->lines[i].spans[0].attr == RENDER_RULE &&
		    pg->lines[i].width > widest)
			widest = pg->lines[i].width;
	is_int(widest, 1, "a heading's underline stays within a narrow column");
	render_page_free(pg);
	doc_free(d);
}

int
main(void)
{
	test_wrapping();
	test_blocks();
	test_links();
	test_text_output();
	test_hostile();
	test_narrow_underline();
	test_speed();
	return tap_done();
}
