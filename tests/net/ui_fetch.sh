#!/bin/bash
# ui_fetch.sh: an article opened in the interface is fetched from the local
# test server with the config's fetch options, as refresh would fetch it.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/net/lib.sh"
. "${top_srcdir:-.}/tests/e2e/tmux_lib.sh"

server_start "$TESTDATA/net" || skip_all "test server did not start"
cache="$TMPDIR_TEST/cache.db"
cfg="$TMPDIR_TEST/config.ini"
# a local feed whose one article answers after 3 s
cat >"$TMPDIR_TEST/slow.xml" <<XML
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Lambat</title><link>$SERVER_URL/</link>
<item><title>Perahu nelayan pulang pagi</title>
<link>$SERVER_URL/_fault/slow-start/3000?file=articles/perahu.html&amp;type=text/html</link>
<guid isPermaLink="false">lambat-1</guid>
<description>Nelayan kembali dengan tangkapan besar.</description></item>
</channel></rss>
XML
# no pages at refresh: the article page is fetched when opened
write_cfg() { # TIMEOUT
	cat >"$cfg" <<INI
[general]
timeout = $1
retries = 0
fetch-articles = no

[Lambat]
url = file://$TMPDIR_TEST/slow.xml
INI
}

write_cfg 1
"$WARTA" -c "$cfg" --cache "$cache" refresh
ok $? "the feed is stored, no pages"
ARGS="-c $cfg --cache $cache"
start
expect 'Lambat' "the interface opens"
keys G Enter
expect 'Perahu nelayan pulang pagi' "the headline"
keys Enter
expect 'Nelayan kembali dengan tangkapan besar' "the summary while the page is fetched"
expect 'timed out after 1 s' "the page gives up at the config's timeout"
! screen | grep -q 'matahari terbit'
ok $? "and the page text never came"
keys Q
expect 'EXIT=0' "quits"

write_cfg 10
start TZ=UTC
keys G Enter Enter
expect 'could not be fetched: timed out after 1 s' \
	"opened again, the article says why it is not there"
expect 'The next refresh tries it again; F fetches it now' \
	"and that the reader's asking put nothing off"
keys F
expect 'matahari terbit' "F: under a longer timeout the page is fetched and shown"
expect 'Lambat · Sari Wulandari · 2024-03-04 23:00' \
	"the feed gives no date: the header shows the page's own, in local time"
keys Q
expect 'EXIT=0' "quits"

done_testing
