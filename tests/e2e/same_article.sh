#!/bin/bash
# same_article.sh: one article carried by two sources, under links that
# differ in what does not name the page, is read in both once read in one:
# in the interface and by import-state, and the unread counts agree.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/e2e/tmux_lib.sh"

feed() { # FILE TITLE LINK1 LINK2
	cat >"$1" <<XML
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>$2</title>
<item><title>Bridge reopens after repairs</title><link>$3</link>
<guid isPermaLink="false">$2-1</guid><pubDate>Mon, 16 Sep 2024 08:00:00 +0000</pubDate></item>
<item><title>Market hall gets a new roof</title><link>$4</link>
<guid isPermaLink="false">$2-2</guid><pubDate>Mon, 16 Sep 2024 07:00:00 +0000</pubDate></item>
<item><title>Only in $2</title><link>https://$2.example/own</link>
<guid isPermaLink="false">$2-3</guid><pubDate>Mon, 16 Sep 2024 06:00:00 +0000</pubDate></item>
</channel></rss>
XML
}
feed "$TMPDIR_TEST/a.xml" north \
	'https://news.example/2024/bridge?utm_source=rss&amp;utm_medium=feed' \
	'https://news.example/2024/market-roof'
feed "$TMPDIR_TEST/b.xml" south \
	'http://NEWS.example:80/2024/bridge/#comments' \
	'http://news.example/2024/market-roof/?fbclid=xyz'
cfg="$TMPDIR_TEST/config.ini"
cat >"$cfg" <<INI
[general]
fetch-articles = no

[North]
url = file://$TMPDIR_TEST/a.xml

[South]
url = file://$TMPDIR_TEST/b.xml
INI
w() { "$WARTA" -c "$cfg" --cache "$TMPDIR_TEST/cache.db" "$@"; }
w refresh >/dev/null
ok $? "two sources with the same two articles"

ARGS="-c $cfg --cache $TMPDIR_TEST/cache.db"
start
expect '6/6 +All unread' "six unread items"
keys G k Enter
expect 'North \(3\)' "the first source"
keys Enter
expect 'Bridge reopens after repairs' "its article is read"
keys q q
expect '2/3 +North' "one read in the source it was read in"
expect '2/3 +South' "and in the other, under another link"
expect '4/6 +All unread' "All unread agrees"
keys G Enter
expect 'South \(3\)' "the other source"
reject 'N  Sep 16 Bridge reopens' "lists it read"
keys j N
expect 'marked read' "N marks the second article read there"
keys q
expect '1/3 +North' "and in the first source too"
expect '1/3 +South' "counted in both"
expect '2/6 +All unread' "All unread agrees"
keys Q
expect 'EXIT=0' "quits"

# in a list of both sources, N on one copy marks the other at once
"$WARTA" -c "$cfg" --cache "$TMPDIR_TEST/c3.db" refresh >/dev/null
ARGS="-c $cfg --cache $TMPDIR_TEST/c3.db"
start
keys g Enter
expect 'All unread \(6\)' "both sources' items in one list"
expect 'N  Sep 16 north +Bridge reopens|N  Sep 16 North +Bridge reopens' \
	"the article in one source"
keys N
expect 'All unread \(4\)' "N: the list is read again"
reject 'Bridge reopens' "and both copies are read"
keys Q
expect 'EXIT=0' "quits"

# import-state: a state file from elsewhere, with its own way of writing
# links, into a fresh cache
w2() { "$WARTA" -c "$cfg" --cache "$TMPDIR_TEST/c2.db" "$@"; }
w2 refresh >/dev/null
printf 'read\thttps://news.example/2024/bridge\nread\tHTTPS://news.example/2024/market-roof#x\n' \
	>"$TMPDIR_TEST/state.txt"
out=$(w2 import-state "$TMPDIR_TEST/state.txt")
is "$out" '2 URLs: 4 cached items updated, 0 waiting for their items' \
	"import-state: each URL finds the article in both sources"
ARGS="-c $cfg --cache $TMPDIR_TEST/c2.db"
start
expect '2/6 +All unread' "the counts agree after an import"
expect '1/3 +North' "in one source"
expect '1/3 +South' "and the other"
keys Q
expect 'EXIT=0' "quits"

done_testing
