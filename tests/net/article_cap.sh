#!/bin/bash
# article_cap.sh: the interface, `warta refresh` and `warta extract` follow
# one article's pages the same way: the same cap on pages, the paragraph two
# pages repeat kept once.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/net/lib.sh"
. "${top_srcdir:-.}/tests/e2e/tmux_lib.sh"

server_start "$TESTDATA/article-pages" || skip_all "test server did not start"
cfg="$TMPDIR_TEST/config.ini"
write_cfg() { # FETCH-ARTICLES
	cat >"$cfg" <<INI
[general]
retries = 0
text-width = 200

[Kabar Rel]
url = $SERVER_URL/rantai.xml
fetch-articles = $1
INI
}
# twelve pages, each naming its station; ten are followed
LAST=Kalisepuluh
PAST=Kalisebelas
BELL='kepala stasiun membunyikan lonceng kuningan'

# ---- warta extract
out=$("$WARTA" extract --width 300 "$SERVER_URL/rantai-1.html")
ok $? "extract: the article is extracted"
like "$out" "Stasiun $LAST adalah" "extract: the tenth page is joined"
unlike "$out" "$PAST|Kaliduabelas" "extract: no page past the tenth"
is "$(printf '%s\n' "$out" | grep -c "$BELL")" 1 \
	"extract: the repeated paragraph appears once"

# ---- warta refresh
write_cfg yes
cache="$TMPDIR_TEST/refresh.db"
"$WARTA" -c "$cfg" --cache "$cache" refresh
ok $? "refresh: the feed and its article"
out=$("$WARTA" -c "$cfg" --cache "$cache" --offline search "$LAST")
like "$out" 'Kereta pesisir' "refresh: the tenth page is cached"
out=$("$WARTA" -c "$cfg" --cache "$cache" --offline search "$PAST")
unlike "$out" 'Kereta pesisir' "refresh: the eleventh page is not"
text=$("${top_builddir:-.}/tests/store/storecat" "$cache" articles)
like "$text" "Stasiun Kalisatu adalah" "refresh: page one is cached too"
is "$(printf '%s\n' "$text" | grep -c "$BELL")" 1 \
	"refresh: the repeated paragraph is cached once"

# ---- the interface, fetching the article when it is opened
write_cfg no
cache="$TMPDIR_TEST/ui.db"
"$WARTA" -c "$cfg" --cache "$cache" refresh
ok $? "the feed alone, for the interface"
ROWS=100
COLS=220
ARGS="-c $cfg --cache $cache"
start
expect 'Kabar Rel' "the interface opens"
keys G Enter
expect 'Kereta pesisir yang berhenti' "the headline"
keys Enter
expect "Stasiun $LAST adalah" "interface: the tenth page is joined"
expect 'article fetched \(pages joined\)' "interface: says the pages were joined"
expect 'Stasiun Kalisatu adalah' "interface: page one is shown"
reject "$PAST|Kaliduabelas" "interface: no page past the tenth"
is "$(screen | grep -c "$BELL")" 1 \
	"interface: the repeated paragraph is shown once"
keys Q
expect 'EXIT=0' "quits"
out=$("$WARTA" -c "$cfg" --cache "$cache" --offline search "$LAST")
like "$out" 'Kereta pesisir' "interface: what it fetched is cached"

done_testing
