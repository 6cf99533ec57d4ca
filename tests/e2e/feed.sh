#!/bin/bash
# feed.sh: `warta feed` on files, standard input, file:// and http URLs, feeds and pages.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/net/lib.sh"

F=$TESTDATA/feeds

out=$("$WARTA" feed --base-url https://news.example.org/ "$F/rss20.xml"); st=$?
is "$st" 0 "feed FILE exits 0"
like "$out" '^\{' "JSON by default"
like "$out" '"title": "Kabar Contoh & Berita"' "feed title"
like "$out" '"link": "https://news.example.org/"' "feed link"
like "$out" '"published": "2024-01-02T03:11:12Z"' "dates in UTC"
like "$out" '"updated": null' "absent dates are null"
like "$out" '"link": "https://news.example.org/img/|"link": "https://news.example.org/ekonomi/pasar-harga-cabai-naik"' "relative links resolved with --base-url"
is "$(printf '%s\n' "$out" | grep -c '"title":')" 5 "feed and four item titles"
for key in title link id author published updated summary content; do
	like "$out" "\"$key\": " "items have \"$key\""
done
is "$(printf '%s\n' "$out" | grep -c '"published": null')" 2 "undated items have null published"
for key in image enclosures tags; do
	like "$out" "\"$key\": " "items have \"$key\" too"
done
like "$out" '"url": "https://cdn.example.org/audio/jembatan.mp3",' "an enclosure's URL"
like "$out" '"length": 1200,' "... its length in bytes"

W=$F/wild
out=$("$WARTA" feed --base-url https://json.example.id/feed.json "$W/jsonfeed-1.1.json"); st=$?
is "$st" 0 "a JSON Feed file exits 0"
like "$out" '"title": "Kabar JSON"' "JSON Feed: feed title"
like "$out" '"id": "12345"' "JSON Feed: a number id as a string"
like "$out" '"duration": 300' "JSON Feed: an attachment's duration"
out=$("$WARTA" feed --format text "$W/podcast.xml")
like "$out" '\+ https://pod.example.com/ep1.mp3 \(audio/mpeg\)' "text: enclosures listed"
err=$("$WARTA" feed "$W/jsonfeed-bad.json" 2>&1 >/dev/null); st=$?
is "$st" 1 "malformed JSON exits 1"
like "$err" 'not a feed: JSON: expected .* at line 6, column 16' "... naming line and column"
out=$("$WARTA" feed --base-url https://hostile.example.org/ "$W/hostile-html.xml")
unlike "$out" '<script|onclick|onerror|javascript:|<iframe|<object|http-equiv' "JSON: summaries and contents are cleaned"

out=$("$WARTA" feed --format text "$F/atom10.xml"); st=$?
is "$st" 0 "text format exits 0"
like "$out" '^Catatan Teknik$' "text: feed title first"
like "$out" '2 items' "text: item count"
like "$out" '  1\. Menulis parser yang tahan banting' "text: numbered titles"
like "$out" '2024-04-30T01:00:00Z  Dewi Lestari' "text: date and author"

out=$("$WARTA" feed - <"$F/rss10.rdf")
like "$out" '"title": "桜の開花が早まる"' "standard input"

out=$("$WARTA" feed --content-type 'application/rss+xml; charset=windows-1251' "$F/http-charset-cp1251.xml")
like "$out" '"title": "Правительство ушло в отставку"' "--content-type charset wins over the declaration"
out=$("$WARTA" feed "$F/http-charset-cp1251.xml")
unlike "$out" 'Правительство' "without it the declaration is used"

out=$("$WARTA" feed "file://$F/rss091.xml")
like "$out" '"title": "Grüße aus München – Teil 1"' "file:// URL"

printf '<rss><channel><title>T\033[2J</title><item><title>bell\007 and esc\033]52;c;AAAA\007</title></item></channel></rss>' >"$TMPDIR_TEST/esc.xml"
out=$("$WARTA" feed --format text "$TMPDIR_TEST/esc.xml")
unlike "$out" $'\033' "text: no escape sequences reach the terminal"
out=$("$WARTA" feed "$TMPDIR_TEST/esc.xml")
unlike "$out" $'\033' "JSON: control characters escaped"

out=$("$WARTA" feed --format text --base-url https://www.kabarnusantara.co.id/ "$TESTDATA/pages/frontpage.html")
like "$out" '6 items' "a front page: its article links"
like "$out" '1\. Presiden Resmikan Bendungan Baru di Jawa Tengah' "front page: first headline"
out=$("$WARTA" feed --format text --base-url https://www.kabarnusantara.co.id/ --link-pattern '/cerita/' "$TESTDATA/pages/frontpage.html")
like "$out" '1 item$' "--link-pattern selects links"

out=$("$WARTA" feed --max-items 1 --format text "$F/rss20.xml")
like "$out" '1 item$' "--max-items"

err=$("$WARTA" feed "$TMPDIR_TEST/missing.xml" 2>&1 >/dev/null); st=$?
is "$st" 1 "missing file exits 1"
like "$err" 'warta: feed: .*missing.xml: No such file' "missing file is named"
printf 'not a feed at all' >"$TMPDIR_TEST/junk.txt"
err=$("$WARTA" feed "$TMPDIR_TEST/junk.txt" 2>&1 >/dev/null); st=$?
is "$st" 1 "junk exits 1"
like "$err" 'not a feed' "junk is explained"
"$WARTA" feed --format yaml "$F/rss20.xml" 2>/dev/null; is "$?" 2 "bad --format exits 2"
"$WARTA" feed 2>/dev/null; is "$?" 2 "no input exits 2"
"$WARTA" feed --link-pattern '([' --type page "$TESTDATA/pages/frontpage.html" 2>/dev/null
is "$?" 1 "bad --link-pattern exits 1"

if [ -x "$TESTSERVER" ] && server_start "$F"; then
	out=$("$WARTA" feed "$SERVER_URL/xmlbase.xml"); st=$?
	is "$st" 0 "http URL exits 0"
	like "$out" '"link": "http://base.example.com/root/section/article.html"' "http: xml:base resolved"
	out=$("$WARTA" feed "$SERVER_URL/rss20.xml")
	like "$out" "\"link\": \"$SERVER_URL/ekonomi/pasar-harga-cabai-naik\"|\"link\": \"https://news.example.org/ekonomi/pasar-harga-cabai-naik\"" "http: relative links against the URL"
	err=$("$WARTA" feed "$SERVER_URL/no-such-feed.xml" 2>&1 >/dev/null); st=$?
	is "$st" 1 "http 404 exits 1"
	like "$err" '404' "http 404 is reported"
	server_stop
else
	_result 1 "# skipped http tests: no test server"
fi

done_testing
