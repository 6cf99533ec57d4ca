#!/bin/bash
# attribute_bomb.sh: an element with 200 000 attributes (which libxml2
# takes minutes over) is refused at once, with an error naming the source,
# in a feed, a front page and an article page, and in `warta feed`,
# `warta extract` and `warta import`; the other sources go on.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/net/lib.sh"

site="$TMPDIR_TEST/site"
mkdir -p "$site/news"
attrs=$(seq 0 199999 | sed 's/.*/a&="x"/' | tr '\n' ' ')
{
	printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Bomb</title>\n'
	printf '<item><title %s>x</title><link>https://bomb.example/1</link></item>\n' "$attrs"
	printf '</channel></rss>\n'
} >"$site/bomb.xml"
{
	printf '<html><head><title>A page</title></head><body><article>\n'
	printf '<p %s>text</p></article></body></html>\n' "$attrs"
} >"$site/news/bomb.html"
cp "$site/news/bomb.html" "$site/front-bomb.html"
like "$(wc -c <"$site/bomb.xml")" '^2[0-9]{6}$' "a 2 MB feed with 200 000 attributes on one element"

server_start "$site" || skip_all "test server did not start"
cat >"$site/good.xml" <<XML
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Good</title>
<item><title>Harbour ferry timetable changes</title><link>$SERVER_URL/news/bomb.html</link></item>
</channel></rss>
XML
cat >"$site/front.html" <<HTML
<html><body><h1>Front</h1>
<a href="news/bomb.html">Council votes to rebuild the old river bridge</a>
</body></html>
HTML
cfg="$TMPDIR_TEST/config.ini"
cat >"$cfg" <<INI
[Bomb Feed]
url = $SERVER_URL/bomb.xml
[Good Feed]
url = $SERVER_URL/good.xml
[Front]
url = $SERVER_URL/front.html
type = page
link-pattern = /news/
[Bomb Front]
url = $SERVER_URL/front-bomb.html
type = page
INI

# timed: without the guard each of these took minutes; t0 is set before
# and elapsed read after each command, in this shell
t() { timeout 120 "$@"; }
since() { elapsed=$(($(date +%s) - t0)); }

t0=$(date +%s)
err=$(t "$WARTA" -c "$cfg" --cache "$TMPDIR_TEST/c.db" refresh 2>&1 >/dev/null)
st=$?
since
is "$st" 1 "the refresh ends, with sources failed"
[ "$elapsed" -le 20 ]
ok $? "within 20 s, the article page included (${elapsed}s)"
like "$err" "^warta: Bomb Feed: an element on line 3 has more than 4096 attributes: not parsed$" \
	"the feed's error names the source, the line and why"
like "$err" "^warta: Bomb Front: an element on line 2 has more than 4096 attributes: not parsed$" \
	"so does the front page's"
unlike "$err" "Good Feed|warta: Front:" "the other sources are fine"
like "$("$WARTA" -c "$cfg" --cache "$TMPDIR_TEST/c.db" search ferry)" 'Harbour ferry' \
	"and their items are kept"

t0=$(date +%s)
err=$(t "$WARTA" extract "$SERVER_URL/news/bomb.html" 2>&1 >/dev/null)
st=$?
since
is "$st" 1 "warta extract of the page fails"
[ "$elapsed" -le 5 ]
ok $? "at once (${elapsed}s)"
is "$err" "warta: extract: $SERVER_URL/news/bomb.html: an element on line 2 has more than 4096 attributes: not parsed" \
	"naming the page"

t0=$(date +%s)
err=$(t "$WARTA" feed "$SERVER_URL/bomb.xml" 2>&1 >/dev/null)
st=$?
since
is "$st" 1 "warta feed of the feed fails"
like "$err" "^warta: feed: $SERVER_URL/bomb.xml: an element on line 3 has more than 4096 attributes" \
	"at once (${elapsed}s), naming it"

{
	printf '<opml version="2.0"><body>\n<outline type="rss" text="A" %s xmlUrl="https://a.example/rss"/>\n</body></opml>\n' "$attrs"
} >"$TMPDIR_TEST/bomb.opml"
t0=$(date +%s)
err=$(t "$WARTA" -c "$TMPDIR_TEST/import.ini" import "$TMPDIR_TEST/bomb.opml" 2>&1 >/dev/null)
st=$?
since
is "$st" 1 "warta import of such a list fails"
like "$err" "bomb.opml: an element on line 2 has more than 4096 attributes" \
	"at once (${elapsed}s), naming the file"

done_testing
