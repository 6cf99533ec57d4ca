#!/bin/bash
# depth.sh: what nesting past a cap leaves out of a feed or an OPML list is
# reported, never silently dropped: libxml2 stops at 256 levels, warta's
# walk of a feed at 64, of OPML folders at 32.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

nest() { # N OPEN CLOSE TEXT
	local i
	for i in $(seq 1 "$1"); do printf '%s' "$2"; done
	printf '%s' "$4"
	for i in $(seq 1 "$1"); do printf '%s' "$3"; done
}
item() { printf '<item><title>%s</title><link>https://deep.example/%s</link></item>\n' "$1" "$1"; }

{
	printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Deep</title>\n'
	item Before
	nest 300 '<x>' '</x>' 'deep'
	item After
	printf '</channel></rss>\n'
} >"$TMPDIR_TEST/deep.xml"
out=$("$WARTA" feed --format text "$TMPDIR_TEST/deep.xml" 2>"$TMPDIR_TEST/err")
is "$?" 0 "a feed nested 300 levels deep is read up to the cap"
like "$out" 'Before' "what comes before is kept"
is "$(cat "$TMPDIR_TEST/err")" "warta: feed: $TMPDIR_TEST/deep.xml: nested deeper than 256 levels: the rest was skipped" \
	"and the rest is said to be skipped"

{
	printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Deep</title>\n'
	item Before
	nest 70 '<channel>' '</channel>' "$(item Nested)"
	item After
	printf '</channel></rss>\n'
} >"$TMPDIR_TEST/nested.xml"
out=$("$WARTA" feed --format text "$TMPDIR_TEST/nested.xml" 2>"$TMPDIR_TEST/err")
like "$out" 'After' "items nested 70 levels deep: the others are read"
is "$(cat "$TMPDIR_TEST/err")" "warta: feed: $TMPDIR_TEST/nested.xml: elements nested deeper than 64 levels were skipped" \
	"and the deep ones are said to be skipped"
"$WARTA" feed "$TESTDATA/feeds/rss20.xml" 2>"$TMPDIR_TEST/err" >/dev/null
is "$(cat "$TMPDIR_TEST/err")" "" "a plain feed has nothing to report"

# a refresh says it of the source, and still succeeds
cfg="$TMPDIR_TEST/config.ini"
printf '[Deep]\nurl = file://%s\nfetch-articles = no\n' "$TMPDIR_TEST/deep.xml" >"$cfg"
err=$("$WARTA" -c "$cfg" --cache "$TMPDIR_TEST/c.db" refresh 2>&1 >/dev/null)
is "$?" 0 "a refresh of the deep feed succeeds"
is "$err" "warta: Deep: nested deeper than 256 levels: the rest was skipped" \
	"and says what it skipped, of which source"

# OPML: 300 levels, and folders 40 deep
{
	printf '<opml version="2.0"><body>\n'
	printf '<outline text="A" xmlUrl="https://a.example/rss"/>\n'
	nest 300 '<outline text="f">' '</outline>' ''
	printf '<outline text="B" xmlUrl="https://b.example/rss"/>\n'
	printf '</body></opml>\n'
} >"$TMPDIR_TEST/deep.opml"
err=$("$WARTA" -c "$TMPDIR_TEST/a.ini" import "$TMPDIR_TEST/deep.opml" 2>&1 >/dev/null)
is "$?" 0 "an OPML list nested 300 levels deep is imported up to the cap"
is "$err" "warta: import: $TMPDIR_TEST/deep.opml: nested deeper than 256 levels: the rest was skipped" \
	"and the rest is said to be skipped"
{
	printf '<opml version="2.0"><body>\n'
	nest 40 '<outline text="f">' '</outline>' '<outline text="C" xmlUrl="https://c.example/rss"/>'
	printf '<outline text="D" xmlUrl="https://d.example/rss"/>\n'
	printf '</body></opml>\n'
} >"$TMPDIR_TEST/folders.opml"
err=$("$WARTA" -c "$TMPDIR_TEST/b.ini" import "$TMPDIR_TEST/folders.opml" 2>&1 >/dev/null)
like "$(cat "$TMPDIR_TEST/b.ini")" 'd\.example' "folders 40 deep: the feeds outside are imported"
is "$err" "warta: import: $TMPDIR_TEST/folders.opml: folders nested deeper than 32 levels were skipped" \
	"and the deep ones are said to be skipped"

done_testing
