/* charset_guess.c: which legacy charset unlabelled bytes are in, by script. */
#include "autoconfig.h"

#include "util/charset.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

/* The most a guess looks at: enough text to count on. */
#define GUESS_BYTES 65536

/* Characters of everyday Chinese, the same words in simplified and in
 * traditional writing: text read in the right one of GB and Big5 is full
 * of them, text read in the wrong one has next to none. */
static const char simplified[] =
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对"
    "成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之"
    "进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业"
    "本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与"
    "关各重新线内数正心反你明看原又么利比或但气第向道命此变条只没结解问"
    "意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文"
    "总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她"
    "手角期根论运农指几九区强放决西被做必战先回则任取据处府研网报新闻";
static const char traditional[] =
    "的一是在不了有和人這中大為上個國我以要他時來用們生到作地於出就分對"
    "成會可主發年動同工也能下過子說產種面而方後多定行學法所民得經十三之"
    "進著等部度家電力裡如水化高自二理起小物現實加量都兩體制機當使點從業"
    "本去把性好應開它合還因由其些然前外天政四日那社義事平形相全表間樣與"
    "關各重新線內數正心反你明看原又麼利比或但氣第向道命此變條只沒結解問"
    "意建月公無系軍很情者最立代想已通並提直題黨程展五果料象員革位入常文"
    "總次品式活設及管特件長求老頭基資邊流路級少圖山統接知較將組見計別她"
    "手角期根論運農指幾九區強放決西被做必戰先回則任取據處府研網報新聞";

/* What the non-ASCII characters of some text are. */
struct script {
	size_t chars;  /* non-ASCII characters */
	size_t kana;   /* hiragana and full-width katakana */
	size_t hangul; /* Hangul syllables */
	size_t han;    /* CJK ideographs */
	size_t common; /* ideographs of the list given */
	size_t bad;    /* bytes that did not convert */
};

/* 1 if the character cp is in list (UTF-8). */
static int
in_list(const char *list, uint32_t cp)
{
	char enc[4];
	size_t n = utf8_encode(cp, enc);

	for (const char *p = list; *p; p += n)
		if (!memcmp(p, enc, n))
			return 1;
	return 0;
}

/* b[0..len) read as charset cs, its characters counted into sc; -1 when
 * iconv does not know cs. */
static int
read_as(const char *b, size_t len, const char *cs, const char *list,
	struct script *sc)
{
	size_t n, bad;
	char *u = charset_to_utf8(b, len, cs, &n, &bad);

	memset(sc, 0, sizeof(*sc));
	if (!u)
		return -1;
	sc->bad = bad;
	for (size_t i = 0; i < n;) {
		uint32_t cp;

		if ((unsigned char)u[i] < 0x80) {
			i++;
			continue;
		}
		i += utf8_decode(u + i, n - i, &cp);
		sc->chars++;
		if (cp >= 0x3041 && cp <= 0x30ff)
			sc->kana++;
		else if (cp >= 0xac00 && cp <= 0xd7a3)
			sc->hangul++;
		else if (cp >= 0x4e00 && cp <= 0x9fff) {
			sc->han++;
			if (list && in_list(list, cp))
				sc->common++;
		}
	}
	free(u);
	return 0;
}

/* The East Asian charset the bytes read best in, or NULL: Korean is
 * nearly all Hangul, Japanese has kana in every sentence, and Chinese is
 * told from the other Chinese by its everyday characters. A charset in
 * which more than 1 byte in 200 does not convert is not the one. */
static const char *
guess_cjk(const char *b, size_t len)
{
	static const char *const japanese[] = {"EUC-JP", "CP932"};
	struct script sc, gb, big5;
	int have_gb, have_big5;

	if (!read_as(b, len, "CP949", NULL, &sc) && sc.bad * 200 <= sc.chars &&
	    sc.hangul >= 4 && sc.hangul * 10 >= sc.chars * 7)
		return "CP949";
	for (size_t k = 0; k < 2; k++)
		if (!read_as(b, len, japanese[k], NULL, &sc) &&
		    sc.bad * 200 <= sc.chars && sc.kana >= 3 &&
		    sc.kana * 100 >= sc.chars * 8)
			return japanese[k];
	have_gb = !read_as(b, len, "GB18030", simplified, &gb) &&
		  gb.bad * 200 <= gb.chars && gb.common >= 3;
	have_big5 = !read_as(b, len, "BIG5-HKSCS", traditional, &big5) &&
		    big5.bad * 200 <= big5.chars && big5.common >= 3;
	/* a tenth of everyday characters at least: else it is no Chinese
	 * (accented Latin read as Chinese is rare characters) */
	if (have_big5 && big5.common * 10 >= big5.han &&
	    (!have_gb || big5.common > gb.common))
		return "BIG5-HKSCS";
	if (have_gb && gb.common * 10 >= gb.han)
		return "GB18030";
	return NULL;
}

const char *
charset_guess_legacy(const char *b, size_t len)
{
	const unsigned char *u = (const unsigned char *)b;
	size_t high = 0, paired = 0, upper_half = 0, thai_low = 0, hebrew = 0,
	       end_letters = 0, capitals = 0, i;
	const char *cjk;

	if (len > GUESS_BYTES)
		len = GUESS_BYTES;
	for (i = 0; i < len; i++) {
		if (u[i] < 0x80)
			continue;
		high++;
		if ((i > 0 && u[i - 1] >= 0x80) ||
		    (i + 1 < len && u[i + 1] >= 0x80))
			paired++;
		if (u[i] >= 0xe0)
			upper_half++;
		if (u[i] >= 0xa1 && u[i] <= 0xbf)
			thai_low++;
		if (u[i] >= 0xe0 && u[i] <= 0xfa)
			hebrew++;
		if (u[i] >= 0xfb)
			end_letters++;
		if (u[i] >= 0xc0 && u[i] <= 0xdf)
			capitals++;
	}
	if (high < 8)
		return "WINDOWS-1252";
	/* Big5, GBK and Shift_JIS put second bytes in ASCII's letters:
	 * their characters are no runs of high bytes */
	cjk = guess_cjk(b, len);
	if (cjk)
		return cjk;
	/* words of the other scripts are runs of high bytes; accented
	 * Latin letters sit alone among ASCII ones */
	if (paired * 10 < high * 7)
		return "WINDOWS-1252";
	/* Thai's consonants are 0xA1-0xCE: a quarter of any Thai text lies
	 * in 0xA1-0xBF, where Cyrillic has next to nothing (ё, «, ») */
	if (thai_low * 4 >= high)
		return "CP874";
	/* Hebrew's letters are 0xE0-0xFA alone and it has no capitals;
	 * Cyrillic's lower case fills 0xE0-0xFF, with ы, ь, э, ю, я at
	 * 0xFB-0xFF, and its capitals are 0xC0-0xDF */
	if (hebrew * 10 >= high * 8 && end_letters * 100 < high &&
	    capitals * 100 < high)
		return "WINDOWS-1255";
	/* Lower-case Cyrillic, the bulk of any text, is 0xE0-0xFF in
	 * windows-1251 and 0xC0-0xDF in KOI8-R. */
	return upper_half * 2 >= high ? "WINDOWS-1251" : "KOI8-R";
}
