#!/bin/bash
# ui.sh: the interface driven in tmux: the demo, every view, comments and
# page text, search, read state, resizing, key bindings and themes.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

. "${top_srcdir:-.}/tests/e2e/tmux_lib.sh"

cat >"$TMPDIR_TEST/browser.sh" <<'EOF'
#!/bin/sh
printf '%s\n' "$@" >"$(dirname "$0")/opened.txt"
EOF
chmod +x "$TMPDIR_TEST/browser.sh"

# ---- the demo: sources, refreshed on start
ARGS=--demo
start "BROWSER=$TMPDIR_TEST/browser.sh"
expect 'warta [0-9.]+ — Sources' "the demo opens on the sources"
expect 'Warta Demo Daily +demo, english' "the feed source with its tags"
expect 'Kabar Demo +demo, indonesia' "the front-page source with its tags"
expect '2 sources, [0-9]+ new' "the demo refreshes on start"
expect '4/4 +Warta Demo Daily' "unread/total counts of the feed"
expect '[1-9][0-9]*/[1-9][0-9]* +All unread' "All unread counts everything"
reject 'Warning|warning' "no warnings"

# ---- headlines of the feed (sources: All unread, Flagged, Today, feed)
keys j j j Enter
expect 'Warta Demo Daily \(4\)' "the headlines of the feed"
expect 'N .*Harbour lights return after ten dark winters' "an unread headline"
expect 'breakfasts of the world' "every headline is listed"

# ---- the article: readable body, no clutter, no comments
keys Enter
expect 'For ten winters the east quay' "the article body"
expect 'Mira Ostrander' "the byline in the header"
reject 'Accept all|Related stories|Sponsored' "no cookie banner or related stories"
keys c
expect 'no comments on this page' "c says when a page has no comments"
keys L
expect '^ *\[1\] harbour fund$' "L lists the links with their text"
expect '^ +https://example.org/harbour-fund$' "and their URLs"
keys Enter
sleep 0.3
like "$(cat "$TMPDIR_TEST/opened.txt" 2>/dev/null)" '^https://example.org/harbour-fund$' \
	"ENTER on a link runs the browser with the URL as one argument"
keys q
expect 'For ten winters' "q leaves the links list"
keys o
sleep 0.3
like "$(cat "$TMPDIR_TEST/opened.txt" 2>/dev/null)" '^file:///.*/harbour-lights.html$' \
	"o opens the article in the browser"
keys q
expect 'Warta Demo Daily \(4\)' "q returns to the headlines"
expect '^ +  [A-Z][a-z]{2} [0-9]{2} +Harbour lights' "the opened article is now read"

# ---- comments: the library article (third headline)
keys j j Enter
expect 'A library that stays open all night' "another article"
reject 'nightowl_77' "comments hidden by default"
keys c
sleep 0.3
screen | grep -q 'no comments on this page' &&
	TODO="this build's extractor finds no comments on the page"
expect 'Comments \(2\)' "c shows the comments"
expect 'nightowl_77' "with their authors"
expect '2 comments' "the count on the status line"
tm resize-window -t w -x 20 -y 6
expect '^ warta 0\.1\.0 — A' "an article with comments at 20x6"
tm resize-window -t w -x 12 -y 5
expect 'terminal too' "too small inside an article"
keys ?
tm resize-window -t w -x 100 -y 30
expect 'Keys in the article view' "a key pressed while too small still acts"
keys q
expect 'nightowl_77' "back at 100x30, the comments are laid out again"
keys c
expect 'comments hidden' "c again hides them"
TODO=
reject 'nightowl_77' "comments gone"
keys v
expect 'Page text:' "v shows the page as text"
expect 'ADVERTISEMENT' "page text has what the extractor left out"
keys v
expect 'the article' "v again returns"
reject 'ADVERTISEMENT' "back to the clean article"

# ---- J/K and the two-page article
keys K
expect 'The night train to the north' "K opens the previous article"
keys G
expect 'The return train leaves at nine minutes past nine' "the second page is joined"
keys J
expect 'A library that stays open all night' "J opens the next article"

# ---- help from the live keymap
keys ?
expect 'Keys in the article view' "? shows the help"
expect 'c +comments +show or hide' "help lists the article keys"
keys q
expect 'A library that stays' "q leaves the help"

# ---- read state
keys q
expect 'Warta Demo Daily \(4\)' "back in the headlines"
keys g N
expect 'marked unread|marked read' "N toggles read"
keys A
expect 'marked [0-9]+ read' "A marks the source read"
keys q
expect '0/4 +Warta Demo Daily' "the counts follow"

# ---- search through the cache
keys /
expect 'search:' "/ asks for words"
keys c e l l o Enter
expect 'search: cello' "search results listed"
expect 'night train' "the matching article is found by its text"
keys q

# ---- the Kabar front page: comments on a portal-style page
expect 'Sources' "back in the sources"
keys G
sleep 0.3
screen | grep -Eq '^ ! .*Kabar Demo' && TODO="this build reads no front pages"
keys Enter
expect 'Kabar Demo \([1-9]' "the front page's articles"
expect 'Festival Perahu Hias' "headline from the front page"
TODO=
keys Enter
expect 'Ribuan warga|perahu' "the portal article"
reject 'Dewi Lestari Putri' "its comments hidden"
keys c
expect 'Comments \(3\)' "c shows the portal's comments"
expect 'Dewi Lestari Putri' "with their authors"
expect '3 comments' "counted on the status line"
keys q

# ---- flag, next unread, sort, hide read, the virtual entries, grouping
keys g f
expect '^ flagged' "f flags the article"
expect '^ !  .*Festival Perahu Hias' "the flag mark"
sleep 1.1
keys n
expect '^ 2 of 3' "n goes to the next unread"
expect '^ 2 of 3, 2 unread' "the headlines' status line counts the unread"
keys s
expect 'Kabar Demo \(3\) oldest first' "s sorts oldest first"
keys s
expect 'Kabar Demo \(3\)$' "and back"
keys g Enter q
expect '^ !  .*Festival Perahu Hias' "the opened article is read"
keys H
expect 'Kabar Demo \(2 unread\)' "H hides read articles"
reject 'Festival Perahu Hias' "the read one is gone"
keys H q
expect '0/1 +Flagged' "Flagged counts the flagged article"
keys g j Enter
expect 'Flagged \(1\)' "the Flagged entry lists it"
expect 'Festival Perahu Hias' "with its headline"
keys q g j j Enter
# the front page's items carry their articles' dates, not the refresh's
expect 'warta .* Today \([0-9]+\)' "the Today entry"
keys q t
expect 'Sources \(2, [0-9]+ unread\) by tag' "t groups the sources by tag, counted once"
expect '^ indonesia$' "a tag heading"
keys t C y
expect '0/[0-9]+ +All unread' "C marks everything read"
sleep 1.1
keys G r
expect '^ 1 source, 0 new' "r refreshes the selected source alone"
sleep 1.1
keys y
expect 'copied file://.*/kabar/index.html' "y copies the source's URL"

# ---- resize down to 20x6 and below, then back
tm resize-window -t w -x 20 -y 6
expect 'warta' "20x6 still draws"
tm resize-window -t w -x 15 -y 4
expect 'terminal too' "smaller says it is too small"
tm resize-window -t w -x 100 -y 30
expect 'Sources \(2' "back to 100x30"

keys Q
expect 'EXIT=0' "Q quits with status 0"

# ---- no network: the refresh and an article say so, the summary is shown
cat >"$TMPDIR_TEST/far.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Local</title><link>http://127.0.0.1:1/</link>
<item><title>Far away story</title><link>http://127.0.0.1:1/far.html</link>
<pubDate>Mon, 23 Nov 2026 10:00:00 +0000</pubDate>
<description>&lt;p&gt;The summary of the &lt;b&gt;far&lt;/b&gt; story.&lt;/p&gt;</description></item>
</channel></rss>
EOF
printf '[general]\nretries = 0\n[Local]\nurl = file://%s/far.xml\nfetch-articles = no\n' \
	"$TMPDIR_TEST" >"$TMPDIR_TEST/far.ini"
printf '[general]\nretries = 0\n[Unreachable]\nurl = http://127.0.0.1:1/feed\n' >"$TMPDIR_TEST/gone.ini"
ARGS="-c $TMPDIR_TEST/gone.ini --cache $TMPDIR_TEST/far.db"
start
expect 'Sources \(1' "a source that cannot be reached"
keys R
expect 'no network\? the source could not be reached' "a refresh without network says so"
sleep 1.1
keys G
expect '! +0/0 +Unreachable' "the source is marked failing"
expect '^ Unreachable: cannot connect' "its error on the status line"
keys C-l
expect 'Unreachable' "C-l redraws"
keys Q
expect 'EXIT=0' "quits"
ARGS="-c $TMPDIR_TEST/far.ini --cache $TMPDIR_TEST/far.db"
start
keys R
expect '1 source, 1 new' "the local feed is read"
keys G Enter
expect 'Far away story' "its headline"
keys Enter
expect 'The summary of the far story\.' "the summary, as text, while the page is fetched"
expect "The article could not be fetched: cannot connect" "then why it is not there, above it"
expect "no network\? the feed's summary is shown" "the failed fetch says so"
sleep 1.1 # the message gives way to the counts at the next key
keys j k q
expect '^ 1 of 1' "the interface goes on"
keys Q
expect 'EXIT=0' "quits"
ARGS="-c $TMPDIR_TEST/far.ini --cache $TMPDIR_TEST/far.db --offline"
start
keys G Enter Enter
expect 'The summary of the far story\.' "offline, the summary"
expect "could not be fetched: cannot connect" "with why, and no new try"
keys F
expect "offline: not fetching the article" "F fetches nothing offline"
keys Q
expect 'EXIT=0' "quits"

# ---- Ctrl-Z suspends to the shell, fg resumes
start_cmd "env -i PATH='$PATH' HOME='$HOME' LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen-256color PS1='sh> ' bash --norc --noprofile -i"
expect 'sh>' "an interactive shell"
keys "\"$WARTA\" -c $TMPDIR_TEST/far.ini --cache $TMPDIR_TEST/far.db --offline" Enter
expect 'Sources \(1' "warta runs under job control"
keys C-z
expect 'Stopped' "Ctrl-Z suspends it"
keys 'fg' Enter
expect 'Sources \(1' "fg brings it back"
keys Q
expect '^sh>$' "and it quits to the shell"

# ---- keys rebound in [keys], and conflicts reported
cat >"$TMPDIR_TEST/keys.ini" <<'EOF'
[general]
theme = default

[keys]
quit = x
open = ENTER o
help = ? H
EOF
ARGS="-c $TMPDIR_TEST/keys.ini --offline"
start
expect 'keys.ini:6: \[keys\] key o moved from open-browser to open' "a key taken from another action is reported"
expect '\(and 1 more: m\)' "with the number of further problems and the key that lists them"
keys ?
expect 'x +quit' "help shows the rebound key"
expect 'ENTER o +open' "the moved key is listed under its new action"
keys q x
expect 'EXIT=0' "the rebound key quits"
expect "keys.ini:7: \\[keys\\] key H moved from hide-read to help" \
	"every warning is on stderr, seen after the interface closes"
# a bad line is an error: no key does what the user did not mean
printf '[keys]\nquit = x\ndown = j NOPE\nx = exec\n' >"$TMPDIR_TEST/badkeys.ini"
ARGS="-c $TMPDIR_TEST/badkeys.ini --offline"
start
expect "badkeys.ini:3: \\[keys\\] down: unknown key name 'NOPE'" \
	"a bad [keys] line is an error with its file and line"
expect "badkeys.ini:4: \\[keys\\] x: exec: no command" "... every one of them"
expect 'EXIT=1' "... and the interface does not start"

# ---- every theme loads, and NO_COLOR
for theme in default light dark solarized mono; do
	printf '[general]\ntheme = %s\n' "$theme" >"$TMPDIR_TEST/theme.ini"
	ARGS="-c $TMPDIR_TEST/theme.ini --offline"
	start
	expect 'Sources \(0' "theme $theme opens"
	reject 'ini:[0-9]|[Tt]heme |colors' "theme $theme loads without complaint"
	keys Q
	expect 'EXIT=0' "theme $theme quits"
done
printf '[colors]\ntitel = red\n' >"$TMPDIR_TEST/bad.ini"
printf '[general]\ntheme = %s\n[colors]\ntitle = bold purple\n' \
	"$TMPDIR_TEST/bad.ini" >"$TMPDIR_TEST/theme.ini"
start NO_COLOR=1
expect 'bad.ini:2: \[colors\] titel: unknown element' "a bad theme line names file, line and element"
expect 'and 1 more' "further problems are counted"
keys Q
expect 'EXIT=0' "quits after theme warnings"

done_testing
