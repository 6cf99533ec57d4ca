#!/bin/bash
# article_fail.sh: articles that fail are reported (a line each with
# --verbose, a summary always), kept with their reason, and not fetched again
# by the next refresh; a feed cut by max-items or max-size says which setting.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/net/lib.sh"

SERVER_LOG="$TMPDIR_TEST/requests.log"
server_start "$TESTDATA/article-fail" || skip_all "test server did not start"
U=$SERVER_URL
feed="$TMPDIR_TEST/valley.xml"
cfg="$TMPDIR_TEST/config.ini"
# two pages that extract, and seven that fail, each its own way
item() { # N TITLE LINK
	printf '<item><title>%s</title><link>%s</link><guid isPermaLink="false">v%s</guid>' "$2" "$3" "$1"
	printf '<pubDate>Sun, 15 Sep 2024 %02d:00:00 +0000</pubDate><description>Summary %s.</description></item>\n' "$1" "$1"
}
{
	printf '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Valley Post</title>\n'
	item 1 "Orchard opens its gates" "$U/good.html"
	item 2 "Night train returns" "$U/second.html"
	item 3 "A page that is gone" "$U/_fault/status/404"
	item 4 "A server too busy" "$U/_fault/status/503"
	item 5 "A picture, not a page" "$U/_fault/wrong-type"
	item 6 "A page with nothing to read" "$U/empty.html"
	item 7 "A closed port" "http://127.0.0.1:1/closed"
	item 8 "A host that does not exist" "http://no-such-host.invalid/story"
	item 9 "A server that never answers" "$U/_fault/slow-start/5000"
	printf '</channel></rss>\n'
} >"$feed"
cat >"$cfg" <<INI
[general]
retries = 0
timeout = 2
connect-timeout = 2

[Valley]
url = file://$feed
INI
w() { "$WARTA" -c "$cfg" "$@"; }

out=$(w --cache "$TMPDIR_TEST/a.db" refresh 2>"$TMPDIR_TEST/err"); st=$?
err=$(cat "$TMPDIR_TEST/err")
is "$st" 0 "articles failing are no failed source: exit 0"
is "$out" "1 source, 9 new, 0 failed; 2 articles fetched, 7 failed (see --verbose)" \
	"not a terminal: the summary line all the same"
is "$err" "" "and without --verbose no line per article"

out=$(w --cache "$TMPDIR_TEST/b.db" refresh --verbose --strict 2>"$TMPDIR_TEST/err"); st=$?
err=$(cat "$TMPDIR_TEST/err")
is "$st" 3 "--strict: exit 3 when only articles failed"
is "$out" "1 source, 9 new, 0 failed; 2 articles fetched, 7 failed" \
	"--verbose: the summary needs no pointer"
is "$(printf '%s\n' "$err" | wc -l)" 7 "one line per failed article"
like "$err" "^warta: Valley: $U/_fault/status/404: HTTP 404\$" "an HTTP status"
like "$err" "^warta: Valley: $U/_fault/status/503: HTTP 503\$" "a server error"
like "$err" "^warta: Valley: $U/_fault/wrong-type: not a web page: image/png\$" \
	"no web page"
like "$err" "^warta: Valley: $U/empty.html: no article text on the page\$" \
	"a page with no article in it"
like "$err" '^warta: Valley: http://127.0.0.1:1/closed: cannot connect' \
	"a refused connection"
like "$err" '^warta: Valley: http://no-such-host.invalid/story: cannot resolve' \
	"a host that does not resolve"
like "$err" "^warta: Valley: $U/_fault/slow-start/5000: (timed out|stalled)" \
	"a timeout"
unlike "$err" 'good.html|second.html' "the articles that came say nothing"

out=$(w --cache "$TMPDIR_TEST/b.db" search orchard)
like "$out" 'Orchard opens its gates' "the pages that worked are stored"

# the next refresh leaves the failed ones alone: they wait their time
: >"$SERVER_LOG"
start=$(date +%s)
out=$(w --cache "$TMPDIR_TEST/a.db" refresh --verbose 2>&1); st=$?
el=$(($(date +%s) - start))
is "$st" 0 "second refresh: exit 0"
is "$out" "1 source, 0 new, 0 failed" "nothing new, no article fetched"
is "$(grep -c . "$SERVER_LOG")" 0 "not one request for a failed article"
[ "$el" -le 1 ]; ok $? "and it takes no time ($el s)"

# on a terminal the bar moves with each try: one source and one article
# tried three times are six steps, and the first failed try is the fourth
if command -v script >/dev/null; then
	{
		printf '<rss version="2.0"><channel><title>Busy</title>\n'
		item 1 "A server too busy" "$U/_fault/status/503"
		printf '</channel></rss>\n'
	} >"$TMPDIR_TEST/busy.xml"
	printf '[general]\nretries = 2\n\n[Busy]\nurl = file://%s\n' \
		"$TMPDIR_TEST/busy.xml" >"$TMPDIR_TEST/busy.ini"
	out=$(script -qec "'$WARTA' -c '$TMPDIR_TEST/busy.ini' --cache '$TMPDIR_TEST/d.db' refresh" /dev/null </dev/null)
	like "$out" '\[#{20} {10}\] 1/1 sources, 0/1 articles' \
		"the bar moves when a try fails and waits to be made again"
	like "$out" '0 articles fetched, 1 failed' "and the article fails in the end"
else
	ok 0 "# skip: no script(1) for a terminal"
	ok 0 "# skip: no script(1) for a terminal"
fi

# a feed cut by max-items or refused by max-size names the setting
{
	printf '<rss version="2.0"><channel><title>Many</title>\n'
	for i in $(seq 30); do
		printf '<item><title>Notice %s</title><guid>m%s</guid></item>\n' "$i" "$i"
	done
	printf '</channel></rss>\n'
} >"$TMPDIR_TEST/many.xml"
cat >"$TMPDIR_TEST/cut.ini" <<INI
[general]
retries = 0
max-size = 1M
fetch-articles = no

[Many]
url = file://$TMPDIR_TEST/many.xml
max-items = 10

[Endless]
url = $U/_fault/endless
INI
out=$("$WARTA" -c "$TMPDIR_TEST/cut.ini" --cache "$TMPDIR_TEST/c.db" refresh 2>"$TMPDIR_TEST/err"); st=$?
err=$(cat "$TMPDIR_TEST/err")
like "$err" '^warta: Many: 30 items, kept the newest 10 \(max-items\)$' \
	"a feed cut at max-items says so, with the setting"
like "$err" '^warta: Endless: body larger than 1 MB \(max-size\)$' \
	"a feed over max-size names the setting"
is "$out" "2 sources, 10 new, 1 failed" "and the summary counts what was kept"

done_testing
