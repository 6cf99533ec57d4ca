#!/bin/bash
# marks.sh: the command line's text outputs cut a run of combining marks
# ("Zalgo" text) to what a cell of the interface holds, four after a
# character: warta feed, warta extract (text and Markdown), warta search.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

acute=$'\xcc\x81' # U+0301 COMBINING ACUTE ACCENT
run=$(for _ in $(seq 1 2000); do printf '%s' "$acute"; done)
four="Z$acute$acute$acute$acute"
five="$acute$acute$acute$acute$acute"

cat >"$TMPDIR_TEST/zalgo.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Zalgo</title>
<item><title>Z${run} title</title><link>https://z.example/a</link>
<description>Z${run} summary, and more words.</description></item>
</channel></rss>
XML
cat >"$TMPDIR_TEST/zalgo.html" <<HTML
<!DOCTYPE html><html><head><meta charset="utf-8"><title>Z${run} page</title></head>
<body><article><h1>Z${run} headline</h1>
<p>A paragraph of ordinary words first, long enough to be the body of the page.</p>
<p>Then Z${run} and a second paragraph with more ordinary words in it.</p>
<pre>Z${run} in a block of code</pre>
</article></body></html>
HTML

check() { # output name
	like "$1" "$four" "$2: four marks are kept after a character"
	if printf '%s' "$1" | grep -qF -- "$five"; then
		_result 0 "$2: no run of five marks" "a run of $(printf '%s' "$1" |
			grep -oE "($acute)+" | awk '{ print length }' | sort -n | tail -1) bytes"
	else
		_result 1 "$2: no run of five marks"
	fi
}

out=$("$WARTA" feed --format text "$TMPDIR_TEST/zalgo.xml")
ok $? "warta feed reads it"
check "$out" "warta feed --format text"
out=$("$WARTA" extract "$TMPDIR_TEST/zalgo.html")
ok $? "warta extract reads it"
check "$out" "warta extract"
like "$out" "$four in a block of code" "warta extract: and in a block of code"
out=$("$WARTA" extract --format markdown "$TMPDIR_TEST/zalgo.html")
check "$out" "warta extract --format markdown"

cfg="$TMPDIR_TEST/config.ini"
printf '[Zalgo]\nurl = file://%s\nfetch-articles = no\n' "$TMPDIR_TEST/zalgo.xml" >"$cfg"
"$WARTA" -c "$cfg" --cache "$TMPDIR_TEST/c.db" refresh 2>/dev/null
out=$("$WARTA" -c "$cfg" --cache "$TMPDIR_TEST/c.db" search summary)
ok $? "warta search finds the item"
check "$out" "warta search"

# JSON keeps the text as it is: it is data, not text for a terminal
out=$("$WARTA" feed --format json "$TMPDIR_TEST/zalgo.xml")
like "$out" "$five" "warta feed --format json keeps every mark"

done_testing
