#!/bin/bash
# article_fail_ui.sh: in the interface, an item whose article failed is
# marked in the headlines, its article view says why above the feed's
# summary and when it is tried again, opening it asks nothing of the server,
# F fetches it now, and the refresh's bar moves with each try.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/net/lib.sh"
. "${top_srcdir:-.}/tests/e2e/tmux_lib.sh"

SERVER_LOG="$TMPDIR_TEST/requests.log"
server_start "$TESTDATA/article-fail" || skip_all "test server did not start"
U=$SERVER_URL
cache="$TMPDIR_TEST/cache.db"
cfg="$TMPDIR_TEST/config.ini"
item() { # N TITLE LINK
	printf '<item><title>%s</title><link>%s</link><guid isPermaLink="false">v%s</guid>' "$2" "$3" "$1"
	printf '<pubDate>Sun, 15 Sep 2024 %02d:00:00 +0000</pubDate><description>Summary of story %s.</description></item>\n' "$1" "$1"
}
{
	printf '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Valley Post</title>\n'
	item 3 "Orchard opens its gates" "$U/good.html"
	item 2 "A page that is gone" "$U/_fault/status/404"
	# busy for the refresh, there when asked again
	item 1 "A server too busy" "$U/_fault/flaky/1/503?key=busy&file=second.html&type=text/html"
	printf '</channel></rss>\n'
} >"$TMPDIR_TEST/valley.xml"
printf '[general]\nretries = 0\n\n[Valley]\nurl = file://%s/valley.xml\n' \
	"$TMPDIR_TEST" >"$cfg"
hits() { grep -c "$1" "$SERVER_LOG"; }

out=$("$WARTA" -c "$cfg" --cache "$cache" refresh 2>&1)
like "$out" '1 article fetched, 2 failed' "two of three articles fail"
is "$(hits /_fault/status/404)" 1 "the page that is gone was asked for once"

ARGS="-c $cfg --cache $cache"
start TZ=UTC
expect 'Valley' "the interface opens"
keys G Enter
expect 'Nx Sep 15 A page that is gone' "the headlines mark an article that failed"
expect 'Nx Sep 15 A server too busy' "each one"
expect 'N  Sep 15 Orchard opens its gates' "and not one that came"

keys j Enter
expect 'The article could not be fetched: HTTP 404\.' \
	"the article view says why"
expect 'A refresh does not try it again; F fetches it now\.' \
	"a page that is gone is left to the reader"
expect 'Summary of story 2\.' "above the feed's summary"
is "$(hits /_fault/status/404)" 1 "opening it asked the server nothing"
keys F
expect 'article: HTTP 404' "F asks again now, and says how it went"
is "$(hits /_fault/status/404)" 2 "with one request"
expect 'Tried 2 times, the last at' "the view counts the tries"

keys q j Enter
expect 'The article could not be fetched: HTTP 503\.' "a server error"
expect 'A refresh tries it again after [0-9-]+ [0-9:]+; F' \
	"is tried again in a while"
keys F
expect 'sleeper service through the valley' "F fetches it now, and it is shown"
expect 'article fetched' "and says so"
keys q
expect 'Valley \(3\)' "back in the headlines"
reject 'x Sep 15 A server too busy' "its mark is gone"
expect 'x Sep 15 A page that is gone' "the other stays"
keys k F
expect 'article: HTTP 404' "F in the headlines fetches the selected item's article"
is "$(hits /_fault/status/404)" 3 "once more"
keys Q
expect 'EXIT=0' "quits"

# the bar of a refresh in the interface moves with each try: a source and
# an article tried three times are six steps, the source alone three (five
# of ten cells), the article's first failed try one more
{
	printf '<rss version="2.0"><channel><title>Busy</title>\n'
	item 1 "A server too busy" "$U/_fault/status/503"
	printf '</channel></rss>\n'
} >"$TMPDIR_TEST/busy.xml"
printf '[general]\nretries = 2\n\n[Busy]\nurl = file://%s/busy.xml\n' \
	"$TMPDIR_TEST" >"$TMPDIR_TEST/busy.ini"
ARGS="-c $TMPDIR_TEST/busy.ini --cache $TMPDIR_TEST/busy.db"
start
expect 'Busy' "a source whose article is retried"
keys R
expect 'refreshing 1/2 ▕██████' "the bar moves while the article is retried"
expect '1 source, 1 new; 1 article failed \(see the x marks\)' \
	"the refresh ends saying an article failed"
keys Q
expect 'EXIT=0' "quits"

done_testing
