#!/bin/bash
# cache_life.sh: the cache through real refreshes: a full disk, offline reading with the server gone, retention, a removed source until purge.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/net/lib.sh"
. "${top_srcdir:-.}/tests/net/site.sh"

STORECAT="${top_builddir:-.}/tests/store/storecat"
[ -x "$STORECAT" ] || skip_all "storecat not built"
site="$TMPDIR_TEST/site"
mkdir -p "$site/a"
for f in 1 2 3; do write_feed "$f" 10; done
server_start "$site" || skip_all "test server did not start"
U=$SERVER_URL
cfg="$TMPDIR_TEST/config.ini"
cache="$TMPDIR_TEST/cache.db"
config() { # extra lines for [F1], then the sources to list
	local extra=$1 f
	shift
	printf '[general]\nretries = 0\ntimeout = 5\nkeep-days = 0\n' >"$cfg"
	for f in "$@"; do
		printf '[F%s]\nurl = %s/f%s.xml\n' "$f" "$U" "$f" >>"$cfg"
		[ "$f" = 1 ] && printf '%b' "$extra" >>"$cfg"
	done
}
w() { "$WARTA" -c "$cfg" --cache "$cache" "$@"; }
config "" 1 2 3
w refresh 2>"$TMPDIR_TEST/err"
ok $? "a first refresh"
printf 'read\t%s/a/1-1.html\nflagged\t%s/a/2-2.html\n' "$U" "$U" >"$TMPDIR_TEST/marks"
w import-state "$TMPDIR_TEST/marks" >/dev/null

# ---- a full disk (a file size limit): an error, never a damaged cache
for f in 1 2 3; do write_feed "$f" 60; done
err=$( (trap '' XFSZ; ulimit -f 100; exec "$WARTA" -c "$cfg" --cache "$cache" refresh) 2>&1 >/dev/null)
isnt "$?" 0 "a refresh on a full disk fails"
like "$err" 'File too large|disk full|No space' "and says why: $(printf '%s' "$err" | head -1)"
is "$("$STORECAT" "$cache" check)" ok "the cache is not damaged"
exp=$(w export-state)
like "$exp" "^read	$U/a/1-1.html\$" "read state kept"
like "$exp" "^flagged	$U/a/2-2.html\$" "flagged state kept"
w refresh 2>"$TMPDIR_TEST/err"
ok $? "with room again, the next refresh works"
is "$(cat "$TMPDIR_TEST/err")" "" "without an error"
is "$("$STORECAT" "$cache" articles | grep -c '^== ')" 180 \
	"every item has its article, those the failed refresh missed too"

# ---- offline, with the server gone
U1=$U
server_stop
err=$(w --offline refresh 2>&1)
isnt "$?" 0 "refresh --offline fetches nothing"
like "$err" 'offline: nothing fetched' "and says so"
"$STORECAT" "$cache" articles >"$TMPDIR_TEST/all.txt"
ok $? "every cached article reads with the server gone"
is "$(grep -c '^Paragraph 4 of story' "$TMPDIR_TEST/all.txt")" 180 \
	"each with its full text"
out=$(w --offline search terraces --limit 5)
ok $? "search works offline"
like "$out" 'Story [0-9]+-[0-9]+ of the valley' "and finds the stories"
err=$(w refresh 2>&1)
isnt "$?" 0 "a refresh with the network gone fails"
like "$err" 'F1: ' "naming the sources"
is "$("$STORECAT" "$cache" check)" ok "and leaves the cache whole"
is "$("$STORECAT" "$cache" articles | grep -c '^== ')" 180 "with every article"

# ---- retention through a refresh: F1 keeps its 5 newest items (1-1 to
# 1-5 by date), and beyond them flagged items, unread recent ones and
# those still in the feed
# (items 1..55 of F1 keep their links from the first server)
for i in $(seq 1 20); do printf 'read\t%s/a/1-%s.html\n' "$U1" "$i"; done >"$TMPDIR_TEST/read"
printf 'flagged\t%s/a/1-7.html\n' "$U1" >>"$TMPDIR_TEST/read"
w import-state "$TMPDIR_TEST/read" >/dev/null
server_start "$site" || skip_all "test server did not restart"
U=$SERVER_URL
config "max-items = 5\n" 1 2 3
write_feed 1 62 56
w refresh 2>/dev/null
# a second later: the server's validators change, and what the last fetch
# saw (kept) is told apart from what earlier ones saw
sleep 1
write_feed 1 64 58
w refresh 2>"$TMPDIR_TEST/err"
ok $? "a refresh with max-items = 5"
arts=$("$STORECAT" "$cache" articles | grep '^== ')
exp=$(w export-state)
unlike "$arts" "/a/1-6\.html " "a read item past max-items is dropped"
unlike "$exp" "read	.*/a/1-20\.html" "and its read state with it"
like "$exp" "flagged	.*/a/1-7\.html" "a flagged read item stays"
like "$arts" "/a/1-21\.html" "an unread recent item stays"
like "$arts" "/a/1-58\.html" "an item still in the feed stays"
like "$arts" "/a/2-1\.html" "other sources are left alone"

# ---- a source removed from the config keeps its items until purge
config "" 1 2
w refresh 2>/dev/null
out=$(w search --source F3 valley)
ok $? "a removed source's items stay after a refresh"
out=$(w purge)
like "$out" 'purged 1 sources, 60 items' "purge drops them: $out"
err=$(w search --source F3 valley 2>&1)
like "$err" "no source called 'F3'" "they are gone"
is "$("$STORECAT" "$cache" check)" ok "the cache checks ok at the end"

done_testing
