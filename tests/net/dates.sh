#!/bin/bash
# dates.sh: an item has one date, the same in the headlines, the article's
# header, the page text, `warta search` and the page's JSON: a placeholder
# date in a page is none, and the items of a front page are dated by their
# articles once fetched, not by the refresh that found them.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/net/lib.sh"
. "${top_srcdir:-.}/tests/e2e/tmux_lib.sh"

server_start "$TESTDATA" || skip_all "test server did not start"
U=$SERVER_URL
export TZ=UTC
page="$U/extract/placeholder-date/source.html"
# a feed that gives the epoch as its item's date, for a page whose JSON-LD
# says 0001-01-01 and whose visible dateline says 2 November 2024
cat >"$TMPDIR_TEST/harbour.xml" <<XML
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Gazette</title>
<item><title>Ferry service to the islands resumes</title><link>$page</link>
<guid isPermaLink="false">h1</guid><pubDate>Thu, 01 Jan 1970 00:00:00 +0000</pubDate>
<description>The ferry sails again.</description></item>
</channel></rss>
XML
cfg="$TMPDIR_TEST/config.ini"
cat >"$cfg" <<INI
[general]
retries = 0

[Harbour]
url = file://$TMPDIR_TEST/harbour.xml

[Coast]
url = $U/dates/front.html
type = page
link-pattern = /dates/story-
INI
w() { "$WARTA" -c "$cfg" --cache "$TMPDIR_TEST/cache.db" "$@"; }

out=$("$WARTA" extract --format json "$page")
like "$out" '"published": "2024-11-02T08:30:00-04:00"' \
	"JSON: the page's placeholder dates give way to its dateline"

out=$(w refresh 2>&1)
like "$out" '2 sources, 3 new, 0 failed; 3 articles fetched, 0 failed' "refreshed"
like "$(w search ferry)" '^2024-11-02  Harbour  Ferry service to the islands resumes' \
	"search: the article's date, not the feed's epoch"
like "$(w search lifeboat)" '^2024-08-01  Coast  Lifeboat crew rescues' \
	"search: a front page's item has its article's date"
like "$(w search granite)" '^2024-08-02  Coast  Sea wall repairs' "each its own"

ARGS="-c $cfg --cache $TMPDIR_TEST/cache.db"
start TZ=UTC
expect '0/0 +Today' "a front page's items are not all today's"
keys G Enter
expect 'Coast \(2\)' "the front page's headlines"
expect 'Aug 02 Sea wall repairs' "dated by their articles, newest first"
expect 'Aug 01 Lifeboat crew rescues' "each one"
keys Enter
expect 'Coast · 2024-08-02 07:30' "the article's header: the same date"
keys q q k Enter
expect 'Nov 02 Ferry service to the islands resumes' "the feed's headline"
keys Enter
expect 'Harbour · Tomas Lindqvist · 2024-11-02 12:30' \
	"the header: the dateline's date, not 0001-01-01"
reject '0001|1970' "no placeholder anywhere"
keys v
expect 'Page text: Ferry service' "the page text"
expect 'Harbour · Tomas Lindqvist · 2024-11-02 12:30' "has the same date"
keys Q
expect 'EXIT=0' "quits"

done_testing
