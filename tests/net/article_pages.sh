#!/bin/bash
# article_pages.sh: `warta refresh` keeps every page of a two-page article,
# so it is whole offline: in search, in the interface, after reextract; and
# an article cached with page one alone is made whole when it is opened.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/net/lib.sh"
. "${top_srcdir:-.}/tests/e2e/tmux_lib.sh"

server_start "$TESTDATA/article-pages" || skip_all "test server did not start"
cache="$TMPDIR_TEST/cache.db"
cfg="$TMPDIR_TEST/config.ini"
cat >"$cfg" <<INI
[general]
retries = 0

[Kabar Lereng]
url = $SERVER_URL/kebun.xml
INI
w() { "$WARTA" -c "$cfg" --cache "$cache" "$@"; }

out=$(w refresh 2>&1)
ok $? "the feed and its article are fetched"

# ---- page two fails at the refresh (once): page one alone is cached, and
# opening the article fetches the rest through the same pipeline
cfg2="$TMPDIR_TEST/sungai.ini"
cache2="$TMPDIR_TEST/sungai.db"
printf '[general]\nretries = 0\n\n[Kabar Sungai]\nurl = %s\n' \
	"$SERVER_URL/jembatan.xml" >"$cfg2"
"$WARTA" -c "$cfg2" --cache "$cache2" refresh 2>/dev/null
ok $? "a page two that fails does not fail the refresh"
out=$("$WARTA" -c "$cfg2" --cache "$cache2" --offline search Watulawang)
unlike "$out" 'Jembatan gantung' "page one alone was cached"
ROWS=40
ARGS="-c $cfg2 --cache $cache2"
start
expect 'Kabar Sungai' "the interface opens"
keys G Enter
expect 'Jembatan gantung di hulu diganti' "the headline"
keys Enter
expect 'Tali baja baru didatangkan' "page one, from the cache"
expect 'article fetched \(pages joined\)' "the rest is fetched and joined"
expect 'Gunung Watulawang' "page two is shown"
keys Q
expect 'EXIT=0' "quits"
out=$("$WARTA" -c "$cfg2" --cache "$cache2" --offline search Watulawang)
like "$out" 'Jembatan gantung' "the whole article is cached now"
server_stop

# words found on page two alone
out=$(w --offline search Sirnagalih)
like "$out" 'Kebun teh di lereng utara bangkit lagi' \
	"offline, search finds words of page two"
out=$(w --offline search sabit)
like "$out" 'Kebun teh di lereng utara' "and words of page one"

ROWS=60
ARGS="-c $cfg --cache $cache --offline"
start
expect 'Kabar Lereng' "the interface opens offline"
keys G Enter
expect 'Kebun teh di lereng utara bangkit lagi' "the headline"
keys Enter
expect 'Sepuluh tahun kebun teh di lereng utara' "page one's text"
expect 'lembah Sirnagalih' "page two's text, from the cache"
is "$(screen | grep -c 'Kini setiap pagi kabut tipis')" 1 \
	"the paragraph both pages carry is shown once"
reject 'offline: the feed.s summary|Halaman 2' \
	"the article is no summary and keeps no pager"
keys Q
expect 'EXIT=0' "quits"

# the cache keeps page one's bytes alone: extracting again must not cut
# the article back to page one
out=$(w reextract --all)
ok $? "reextract --all"
like "$out" '1 joined from several pages kept as they were' \
	"the joined article is counted and kept"
out=$(w --offline search Sirnagalih)
like "$out" 'Kebun teh di lereng utara bangkit lagi' \
	"page two is still in the cache after reextract"

done_testing
