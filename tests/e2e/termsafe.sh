#!/bin/bash
# termsafe.sh: text from feeds, pages, comments, URLs, the config and error
# messages carrying escape sequences, C1 controls, BEL, backspace and bidi
# overrides reaches the terminal as harmless visible text: the bytes warta
# writes (the interface, and extract/feed/search/refresh on a terminal) are
# captured raw and searched for what the content carried.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/e2e/tmux_lib.sh"
command -v perl >/dev/null || skip_all "perl is not installed"

D=$TMPDIR_TEST/hostile
mkdir -p "$D"
# Every sequence is followed by a marker (PWN), so a leak is recognisable.
RAWSEQ=$(printf 'csi[\033[8;1;1tPWN] osc0[\033]0;PWN-TITLE\007] osc2[\033]2;PWN-TITLE\033\\] osc52[\033]52;c;UFdORUQ=\007] dcs[\033P+qPWN\033\\] c1[\302\2336nPWN\302\235PWN\302\205] bel[\007PWN] bs[BS1\010\010PWN] ris[\033cPWN] bidi[\342\200\256NWP\342\200\254 \342\201\247NWP\342\201\251]')
# The same as character references, which feeds and pages can carry.
REFS='csi[&#27;[8;1;1tPWN] osc0[&#x1b;]0;PWN-TITLE&#7;] osc52[&#27;]52;c;UFdORUQ=&#7;] c1[&#x9b;6nPWN&#157;PWN] bel[&#x07;PWN] bs[BS1&#8;PWN] bidi[&#x202e;NWP&#x202c;]'
{
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>\n'
	printf '<title>Hostile %s</title><link>file://%s/</link>\n' "$RAWSEQ" "$D"
	printf '<item><title>Raw %s</title><link>file://%s/article.html</link>' "$RAWSEQ" "$D"
	printf '<author>%s</author><pubDate>Mon, 23 Nov 2026 10:00:00 +0000</pubDate>' "$RAWSEQ"
	printf '<description>sum %s</description></item>\n' "$RAWSEQ"
	printf '<item><title>Refs %s</title><link>file://%s/missing.html</link>' "$REFS" "$D"
	printf '<pubDate>Mon, 23 Nov 2026 09:00:00 +0000</pubDate>'
	printf '<description>&lt;p&gt;escaped %s&lt;/p&gt;</description></item>\n' "${REFS//&/&amp;}"
	printf '<item><title>Cdata</title><link>https://example.org/x%%1b]0;PWN%%07</link>'
	printf '<pubDate>Mon, 23 Nov 2026 08:00:00 +0000</pubDate>'
	printf '<description><![CDATA[<p>cdata %s %s</p>]]></description></item>\n' "$RAWSEQ" "$REFS"
	printf '</channel></rss>\n'
} >"$D/feed.xml"
# raw C1 bytes in a single-byte charset
{
	printf '<?xml version="1.0" encoding="ISO-8859-1"?>\n<rss version="2.0"><channel>\n'
	printf '<title>Latin \2336nPWN</title><link>file://%s/</link>\n' "$D"
	printf '<item><title>Latin1 raw[\2336nPWN\2350;PWN\207\205]</title><link>https://example.org/latin</link>'
	printf '<pubDate>Mon, 23 Nov 2026 07:00:00 +0000</pubDate>'
	printf '<description>latin raw[\2336nPWN]</description></item>\n'
	printf '</channel></rss>\n'
} >"$D/latin1.xml"
{
	printf '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">\n'
	printf '<title>Page %s</title></head><body><article>\n' "$RAWSEQ"
	printf '<h1>Heading %s</h1><p class="byline">By %s</p>\n' "$RAWSEQ" "$REFS"
	for i in 1 2 3; do
		printf '<p>Paragraph %s of the hostile article, long enough to be kept by the extractor as body text: %s and %s.</p>\n' "$i" "$RAWSEQ" "$REFS"
	done
	printf '<h2>Sub %s</h2><blockquote><p>Quote %s</p></blockquote>\n' "$REFS" "$RAWSEQ"
	printf '<ul><li>item %s</li><li>item %s</li></ul>\n' "$RAWSEQ" "$REFS"
	printf '<pre><code>code %s\n%s</code></pre>\n' "$RAWSEQ" "$REFS"
	printf '<p>A <a href="https://example.org/l%%1b%%5d0;PWN">link %s</a> and <a href="https://example.org/%s">another</a>.</p>\n' "$REFS" "$RAWSEQ"
	printf '<figure><img src="https://example.org/i.jpg" alt="alt %s"><figcaption>cap %s</figcaption></figure>\n' "$REFS" "$RAWSEQ"
	printf '<p>The end of the hostile article, with more words to make it a proper paragraph of text.</p>\n'
	printf '</article><section id="comments" class="comments"><h3>Comments</h3>\n'
	for i in 1 2; do
		printf '<div class="comment"><span class="comment-author">who%s %s</span><div class="comment-body"><p>Comment %s says %s and %s</p></div></div>\n' "$i" "$RAWSEQ" "$i" "$RAWSEQ" "$REFS"
	done
	printf '</section></body></html>\n'
} >"$D/article.html"
# The config's own names and URLs end up in error messages.
{
	printf '[general]\ntext-width = 80\n\n'
	printf '[Hostile]\nurl = file://%s/feed.xml\nfetch-articles = yes\n\n' "$D"
	printf '[Latin]\nurl = file://%s/latin1.xml\nfetch-articles = no\n\n' "$D"
	printf '[Broken \233 \033cPWN-NAME \007 \302\235PWN]\nurl = file://%s/missing-\033]2;PWN-ERR\007-\302\233.xml\n' "$D"
	printf 'colour = \033]0;PWN-WARN\007\n'
} >"$D/warta.ini"

# leaks FILE: one line per kind of hostile sequence found in FILE (nothing
# when it is clean). warta's own OSC 52 (base64, from y) and ncurses' own
# sequences are allowed; nothing else of what the content carries is.
leaks() {
	perl -0777 -ne '
		s/\e\]52;c;[A-Za-z0-9+\/=]*\a//g;      # our clipboard write
		print "OSC\n" if /\e\]/;
		print "DCS/APC/PM/SOS\n" if /\e[P_^X]/;
		print "window op or report request\n" if /\e\[[0-9;]*[tn]/;
		print "full reset\n" if /\ec/;
		print "BEL\n" if /\a/;
		print "backspace\n" if /BS1\x08/;
		print "C1 control (UTF-8)\n" if /\xc2[\x80-\x9f]/;
		print "bidi override\n" if /\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]/;
		s/[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}//g;
		print "raw C1 or invalid byte\n" if /[\x80-\xff]/;
	' "$1"
}

# ---- the check can fail: the raw content shown by cat is caught
printf '%s\n\233raw\n' "$RAWSEQ" >"$D/pieces.txt"
RAW=$TMPDIR_TEST/cat.raw
start_cmd "cat '$D/pieces.txt'"
expect 'EXIT=0' "cat shows the raw pieces"
sleep 0.2
found=$(leaks "$RAW" | sort | tr '\n' ,)
is "$found" "BEL,C1 control (UTF-8),DCS/APC/PM/SOS,OSC,backspace,bidi override,full reset,raw C1 or invalid byte,window op or report request," \
	"the check finds every kind in raw content"

# ---- the interface on every view of the hostile content
RAW=$TMPDIR_TEST/ui.raw
cat >"$TMPDIR_TEST/browser.sh" <<'EOB'
#!/bin/sh
printf '%s\n' "$@" >"$(dirname "$0")/opened.txt"
EOB
chmod +x "$TMPDIR_TEST/browser.sh"
ARGS="-c $D/warta.ini"
start "BROWSER=$TMPDIR_TEST/browser.sh"
expect 'Sources \(3' "the interface opens"
expect 'colour' "the config's warning is on the status line"
keys R
expect '3 sources, [0-9]+ new, 1 failed' "refreshed, one source failing"
expect 'Broken � \^\[cPWN-NAME \^G �PWN' "a source name shows its controls as visible text"
sleep 1.1 # the refresh's message gives way to the selection's
keys G
expect '^ Broken .*: .*(file|URL|missing)' "the failing source's error on the status line"
keys g j j j Enter
expect 'Raw csi\[\[8;1;1tPWN\] osc0' "headlines of the hostile feed"
keys Enter
expect 'Heading csi' "the article"
expect 'Paragraph 3 of the hostile' "its body"
keys c
expect 'Comment 2 says' "its comments"
keys G
expect 'Comment 2 says' "the end of the comments"
keys c v
expect 'Page text:' "the page as text"
keys G v L
expect '\[2\] https://example.org/' "the links list"
keys 2 Enter
expect 'opened https://example.org/csi\[\^\[\[8;1;1tPWN\]%20osc0' \
	"a link's URL reaches the browser made inert, spaces encoded"
is "$(leaks "$TMPDIR_TEST/opened.txt")" "" "the browser's argument holds no controls"
keys q J
expect 'escaped csi\[\^\[\[8;1;1tPWN\] osc0\[\^\[\]0;PWN-TITLE\^G\]' \
	"the feed's summary, decoded, shows the controls as text"
keys J
expect 'Cdata' "the third article"
keys y
expect 'copied' "y copies the URL"
keys o
expect 'opened|not opening' "o hands the URL to the browser"
keys q /
expect 'search:' "search prompt"
keys P W N Enter
expect 'search: PWN \([1-9]' "search results"
# the ranking of equal matches is the search's business: narrow it down
keys / P W N Space l a t i n Enter
expect 'search: PWN latin \(1' "a narrower search"
keys G Enter
expect 'Latin1 raw' "the Latin-1 article"
keys ?
expect 'Keys in the article view' "help"
keys q q q
expect 'Hostile \(3\)' "back to the headlines the search started in"
keys q
expect 'Sources' "back to the sources"
keys Q
expect 'EXIT=0' "quits"
sleep 0.2
like "$(grep -c PWN "$RAW")" '^[1-9]' "the capture holds the content"
found=$(leaks "$RAW")
is "$found" "" "the interface wrote none of the content's controls"

# ---- the commands on a terminal: extract, feed, search, refresh
RAW=$TMPDIR_TEST/cli.raw
W="env LANG=C.UTF-8 LC_ALL=C.UTF-8 \"$WARTA\" -c $D/warta.ini"
start_cmd "$W extract --comments '$D/article.html'; $W extract --format markdown --comments '$D/article.html'; $W extract --format json '$D/article.html'; $W feed --format text '$D/feed.xml'; $W feed '$D/feed.xml'; $W feed --format text '$D/latin1.xml'; $W search PWN; $W refresh; $W extract '$D/missing-$(printf '\033]0;PWN\007').html'"
for _ in $(seq 1 100); do
	grep -q 'EXIT=' "$RAW" 2>/dev/null && break
	sleep 0.05
done
like "$(grep -c 'Comment 2 says' "$RAW")" '^[1-9]' "the commands printed the content"
found=$(leaks "$RAW")
is "$found" "" "the commands wrote none of the content's controls"

done_testing
