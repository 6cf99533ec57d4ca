#!/bin/bash
# jsonfeed.sh: JSON Feeds from an OPML list, refreshed over HTTP into the cache.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/net/lib.sh"

server_start "$TESTDATA/feeds/wild" || skip_all "test server did not start"
U=$SERVER_URL
cfg="$TMPDIR_TEST/config.ini"
cache="$TMPDIR_TEST/cache.db"
printf '[general]\nretries = 0\ntimeout = 5\nfetch-articles = no\n' >"$cfg"
# a JSON Feed by its xmlUrl (served as application/json), one listed the
# way JSON Feed readers list them (type="json", url=), and one served as
# text/plain that only its first byte says is a feed
cat >"$TMPDIR_TEST/list.opml" <<OPML
<?xml version="1.0"?>
<opml version="2.0"><body>
<outline text="JSON" title="Kabar JSON" type="rss" xmlUrl="$U/jsonfeed-1.1.json"/>
<outline text="One" type="json" url="$U/jsonfeed-1.0.json"/>
<outline text="Plain" xmlUrl="$U/_fault/slow-start/1?file=jsonfeed-1.1.json&amp;type=text/plain"/>
</body></opml>
OPML
w() { "$WARTA" -c "$cfg" --cache "$cache" "$@"; }

out=$(w import "$TMPDIR_TEST/list.opml"); st=$?
is "$st" 0 "import exits 0"
like "$out" 'imported 3 sources' "the JSON Feeds are imported as feeds"
unlike "$(cat "$cfg")" 'type = page' "none of them is taken for a page"

out=$(w refresh 2>&1); st=$?
is "$st" 0 "refresh exits 0"
unlike "$out" 'warta: ' "no source fails"
like "$(w search pertama)" 'Item pertama' "JSON Feed items are stored"
like "$(w search "version one")" 'One' "a type=\"json\" outline is refreshed"
like "$(w search ringkasan)" 'Plain' "JSON served as text/plain is sniffed"

# the command line reads what a refresh reads
out=$("$WARTA" feed "$U/jsonfeed-1.1.json"); st=$?
is "$st" 0 "feed URL of a JSON Feed exits 0"
like "$out" '"title": "Kabar JSON"' "its title"
like "$out" "\"url\": \"$U/audio/satu.mp3\"" "attachments resolved against the URL"
err=$("$WARTA" feed "$U/jsonfeed-bad.json" 2>&1 >/dev/null); st=$?
is "$st" 1 "malformed JSON exits 1"
like "$err" "jsonfeed-bad.json: not a feed: JSON: expected ',' or '}' at line 6, column 16" "the error names line and column"
server_stop

done_testing
