/* test_charset.c: charset labels, BOMs, declarations, guesses and conversion. */
#include "autoconfig.h"

#include "tap.h"
#include "util/charset.h"

#include <stdlib.h>
#include <string.h>

int
main(void)
{
	size_t n, bad;
	char *s;

	is_str(charset_canonical("iso-8859-1"), "WINDOWS-1252", "latin-1 is read as cp1252");
	is_str(charset_canonical("GB2312"), "GB18030", "GB2312 is read as GB18030");
	is_str(charset_canonical("Shift_JIS"), "CP932", "Shift_JIS is read as CP932");
	is_str(charset_canonical("koi8-r"), "koi8-r", "others are kept");
	ok(charset_canonical(NULL) == NULL, "NULL stays NULL");
	ok(charset_is_utf8_label("utf8") && charset_is_utf8_label("US-ASCII") &&
		   !charset_is_utf8_label("latin1"),
	   "UTF-8 labels");

	is_str(charset_from_bom("\xef\xbb\xbf<x/>", 7, &n), "UTF-8", "UTF-8 BOM");
	is_int(n, 3, "UTF-8 BOM length");
	is_str(charset_from_bom("\xff\xfe<\0", 4, &n), "UTF-16LE", "UTF-16LE BOM");
	is_str(charset_from_bom("\0<\0?", 4, &n), "UTF-16BE", "BOM-less UTF-16BE XML");
	ok(charset_from_bom("<?xml", 5, &n) == NULL, "no BOM");
	is_str(charset_from_bom("\0\0\xfe\xff\0\0\0<", 8, &n), "UTF-32BE",
	       "UTF-32BE BOM");
	is_int(n, 4, "UTF-32 BOM length");
	is_str(charset_from_bom("\xff\xfe\0\0<\0\0\0", 8, &n), "UTF-32LE",
	       "UTF-32LE BOM, not UTF-16's");
	is_str(charset_from_bom("<\0\0\0?\0\0\0", 8, &n), "UTF-32LE",
	       "BOM-less UTF-32LE XML");

	/* the WHATWG Encoding Standard's labels */
	is_str(charset_canonical("US-ASCII"), "WINDOWS-1252",
	       "US-ASCII is read as cp1252");
	is_str(charset_canonical("latin1"), "WINDOWS-1252",
	       "latin1 is read as cp1252");
	is_str(charset_canonical("ISO_8859-1:1987"), "WINDOWS-1252",
	       "ISO_8859-1:1987 is read as cp1252");
	is_str(charset_canonical("x-sjis"), "CP932", "x-sjis is Shift_JIS");
	is_str(charset_canonical("ks_c_5601-1987"), "CP949",
	       "ks_c_5601-1987 is EUC-KR's superset");
	is_str(charset_canonical("utf-16"), "UTF-16LE",
	       "utf-16 without an order is little-endian");
	is_str(charset_canonical("dos-866"), "IBM866", "dos-866 is IBM866");
	s = charset_to_utf8("\x80\x92\x93", 3, charset_canonical("us-ascii"), &n,
			    &bad);
	is_str(s, "\xe2\x82\xac\xe2\x80\x99\xe2\x80\x9c",
	       "C1 bytes under a US-ASCII label are cp1252's characters");
	free(s);
	s = charset_to_utf8("\x80", 1, "ebcdic_cp_be", &n, &bad);
	is_str(s, "\xc3\x98", "an iconv name spelled with '_' is found");
	free(s);
	/* "<?xml version="1.0" encoding="cp037"?>" in EBCDIC */
	s = charset_from_xml_decl("\x4c\x6f\xa7\x94\x93\x40\xa5\x85\x99\xa2"
				  "\x89\x96\x95\x7e\x7f\xf1\x4b\xf0\x7f\x40"
				  "\x85\x95\x83\x96\x84\x89\x95\x87\x7e\x7f"
				  "\x83\x97\xf0\xf3\xf7\x7f\x6f\x6e",
				  38);
	is_str(s, "cp037", "an XML declaration in EBCDIC");
	free(s);

	s = charset_from_xml_decl("<?xml version=\"1.0\" encoding='EUC-JP' ?><a/>", 40);
	is_str(s, "EUC-JP", "encoding from the XML declaration");
	free(s);
	ok(charset_from_xml_decl("<?xml version=\"1.0\"?><a encoding='x'/>", 38) == NULL,
	   "only the declaration is read");
	ok(charset_from_xml_decl("<rss/>", 6) == NULL, "no declaration");

	s = charset_from_content_type("application/rss+xml; charset=\"windows-1251\"");
	is_str(s, "windows-1251", "charset from a quoted Content-Type parameter");
	free(s);
	s = charset_from_content_type("text/xml;charset=UTF-8");
	is_str(s, "UTF-8", "charset from a bare parameter");
	free(s);
	s = charset_from_content_type("koi8-r");
	is_str(s, "koi8-r", "a bare label");
	free(s);
	ok(charset_from_content_type("text/xml") == NULL, "no charset");

	ok(charset_is_utf8("abc \xc3\xa9 \xe2\x82\xac long ascii run here", 30), "valid UTF-8");
	ok(!charset_is_utf8("caf\xe9 au lait", 12), "latin-1 is not UTF-8");
	ok(!charset_is_utf8("\xc0\xaf", 2), "overlong is not UTF-8");
	ok(charset_has_high("plain ascii \x80", 13) && !charset_has_high("plain", 5),
	   "high bytes");

	/* "Привет мир, как дела" in windows-1251 and KOI8-R; French in cp1252 */
	is_str(charset_guess_legacy("\xcf\xf0\xe8\xe2\xe5\xf2 \xec\xe8\xf0, \xea\xe0\xea "
				    "\xe4\xe5\xeb\xe0", 20),
	       "WINDOWS-1251", "Cyrillic in windows-1251");
	is_str(charset_guess_legacy("\xf0\xd2\xc9\xd7\xc5\xd4 \xcd\xc9\xd2, \xcb\xc1\xcb "
				    "\xc4\xc5\xcc\xc1", 20),
	       "KOI8-R", "Cyrillic in KOI8-R");
	is_str(charset_guess_legacy("Les \xe9l\xe8ves de l'\xe9t\xe9 \xe0 Gen\xe8ve",
				    strlen("Les \xe9l\xe8ves de l'\xe9t\xe9 \xe0 Gen\xe8ve")),
	       "WINDOWS-1252", "French in cp1252");

	/* unlabelled East Asian, Thai and Hebrew text, by its script */
	{
		static const struct {
			const char *bytes, *want, *what;
		} g[] = {
		    {"\xc7\xd1\xb1\xb9\xbe\xee \xb4\xba\xbd\xba "
		     "\xc1\xa6\xb8\xf1"
		     "\xc0\xd4\xb4\xcf\xb4\xd9. \xbf\xc0\xb4\xc3\xc0\xc7 "
		     "\xb3\xaf"
		     "\xbe\xbe\xb4\xc2 \xb8\xbc\xbd\xc0\xb4\xcf\xb4\xd9",
		     "CP949", "Korean in EUC-KR"},
		    {"\xc6\xfc\xcb\xdc\xb8\xec\xa4\xce\xa5\xcb\xa5\xe5\xa1\xbc"
		     "\xa5\xb9\xa4\xc7\xa4\xb9\xa1\xa3\xba\xa3\xc6\xfc\xa4\xcf"
		     "\xc0\xb2\xa4\xec\xa4\xc6\xa4\xa4\xa4\xde\xa4\xb9",
		     "EUC-JP", "Japanese in EUC-JP"},
		    {"\x93\xfa\x96{\x8c\xea\x82\xcc\x83j\x83\x85\x81[\x83X\x82"
		     "\xc5\x82\xb7\x81"
		     "B\x8d\xa1\x93\xfa\x82\xcd\x90\xb0\x82"
		     "\xea\x82\xc4\x82\xa2\x82\xdc\x82\xb7",
		     "CP932", "Japanese in Shift_JIS"},
		    {"\xd6\xd0\xb9\xfa\xb5\xc4\xd0\xc2\xce\xc5\xba\xcd\xbe\xad"
		     "\xbc\xc3\xb7\xa2\xd5\xb9\xa3\xac\xce\xd2\xc3\xc7\xd4\xda"
		     "\xd5\xe2\xc0\xef",
		     "GB18030", "simplified Chinese in GB2312"},
		    {"\xa5x\xc6W\xaa\xba\xb7s\xbb"
		     "D\xa9M\xb8g\xc0\xd9\xb5o\xae"
		     "i\xa1"
		     "A\xa7\xda\xad\xcc\xa6"
		     "b\xb3o\xb8\xcc",
		     "BIG5-HKSCS", "traditional Chinese in Big5"},
		    {"\xa2\xe8\xd2\xc7\xc7\xd1\xb9\xb9\xd5\xe9\xa2\xcd\xa7\xbb"
		     "\xc3\xd0\xe0\xb7\xc8\xe4\xb7\xc2",
		     "CP874", "Thai in TIS-620"},
		    {"\xe7\xe3\xf9\xe5\xfa \xe4\xe9\xe5\xed "
		     "\xe1\xe9\xf9\xf8\xe0"
		     "\xec \xe5\xe1\xf2\xe5\xec\xed",
		     "WINDOWS-1255", "Hebrew in windows-1255"},
		    {"Les \xe9l\xe8ves de l'\xe9t\xe9 \xe0 Gen\xe8ve ont pr\xe9"
		     "f\xe9r\xe9 d\xe9jeuner pr\xe8s du lac; \xe0 c\xf4t\xe9, "
		     "un "
		     "caf\xe9 o\xf9 l'on sert des cr\xeapes. \xc9tait-ce "
		     "pr\xe9vu?",
		     "WINDOWS-1252", "French full of accents is no Chinese"},
		};

		for (size_t k = 0; k < sizeof(g) / sizeof(g[0]); k++)
			is_str(charset_guess_legacy(g[k].bytes,
						    strlen(g[k].bytes)),
			       g[k].want, "guess: %s", g[k].what);
	}

	s = charset_to_utf8("caf\xe9 \x80", 6, "WINDOWS-1252", &n, &bad);
	is_str(s, "caf\xc3\xa9 \xe2\x82\xac", "cp1252 to UTF-8");
	is_int(bad, 0, "nothing bad");
	free(s);
	s = charset_to_utf8("a\x82\xa0z\x81", 5, "CP932", &n, &bad);
	is_str(s, "a\xe3\x81\x82z\xef\xbf\xbd", "a cut-off sequence becomes U+FFFD");
	is_int(bad, 1, "one bad sequence counted");
	free(s);
	ok(charset_to_utf8("x", 1, "NO-SUCH-CHARSET-X", &n, &bad) == NULL,
	   "unknown charset: NULL");
	{
		char name[64];

		is_str(charset_resolve(" \"Shift_JIS\" ", 13, name, sizeof(name)),
		       "CP932", "resolve: quotes and spaces dropped, mapped");
		is_str(charset_resolve("koi8-r", 6, name, sizeof(name)), "KOI8-R",
		       "resolve: a label iconv knows, upper-cased");
		ok(charset_resolve("no-such-set-9", 13, name, sizeof(name)) == NULL,
		   "resolve: unknown to iconv");
		ok(charset_resolve("utf-8\"><script", 14, name, sizeof(name)) == NULL,
		   "resolve: malformed label");
		ok(charset_resolve("", 0, name, sizeof(name)) == NULL, "resolve: empty");
	}
	is_int(charset_utf8_errors("a\xc3\xa9\xff\xe2\x82\xac\xc0\xaf z", 11, &n), 3,
	       "bad bytes counted (an overlong pair is two)");
	is_int(n, 2, "two good non-ASCII characters counted");
	s = charset_utf8_clean("\xef\xbb\xbf" "a\0b\xff" "c\xc3\xa9", 10, &n);
	is_str(s, "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xc3\xa9",
	       "clean: BOM dropped, NUL and bad bytes become U+FFFD");
	is_int(n, strlen(s), "clean: length");
	free(s);
	return tap_done();
}
