#!/bin/bash
# ui_nav.sh: moving about the interface as a newsboat user expects: the
# links list, the title's position, search and back, n/p across sources,
# tags as lists, mark-read with confirmation and undo, the message log.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

. "${top_srcdir:-.}/tests/e2e/tmux_lib.sh"

# The fixtures under a long directory name, so that their file:// URLs are
# longer than the screen is wide.
DIR="$TMPDIR_TEST/a-directory-with-a-rather-long-name-for-the-nav-fixtures/and-one-more-level"
mkdir -p "$DIR"
for f in "$TESTDATA"/nav/*; do
	sed "s|@DIR@|$DIR|g" "$f" >"$DIR/${f##*/}"
done
cfg="$TMPDIR_TEST/config.ini"
cache="$TMPDIR_TEST/cache.db"
cat >"$cfg" <<EOF
[general]
retries = 0

[Alpha]
url = file://$DIR/alpha.xml
tags = news

[Beta]
url = file://$DIR/beta.xml
tags = news

[Gamma]
url = file://$DIR/gamma.xml
tags = misc
EOF
"$WARTA" -c "$cfg" --cache "$cache" refresh
ok $? "the fixtures are refreshed"

cat >"$TMPDIR_TEST/browser.sh" <<'EOF'
#!/bin/sh
printf '%s\n' "$@" >>"$(dirname "$0")/opened.txt"
EOF
chmod +x "$TMPDIR_TEST/browser.sh"
opened() { cat "$TMPDIR_TEST/opened.txt" 2>/dev/null; }
# The screen's lines without their indent, joined: a wrapped URL whole.
joined() { screen | sed 's/^ *//; s/ *$//' | tr -d '\n'; }
# The screen without any blank: wrapped text whole, wherever it broke.
flat() { screen | tr -d ' \n'; }

ARGS="-c $cfg --cache $cache --offline"
# A cache of its own, every item unread.
fresh() {
	cache="$TMPDIR_TEST/cache-$1.db"
	"$WARTA" -c "$cfg" --cache "$cache" refresh
	ARGS="-c $cfg --cache $cache --offline"
}
run() { start "BROWSER=$TMPDIR_TEST/browser.sh"; expect 'Sources \(3' "$1"; }

# ---- the links list: a number then ENTER opens that link once; each
# link's text and whole URL are shown
run "the interface opens on the fixtures"
keys G G k k Enter
expect 'Alpha \(2\)' "Alpha's headlines"
keys Enter
expect 'Ledger of the lighthouse keepers' "the first article"
keys L
expect '\[5\] arrows' "the links list shows a link's text"
expect 'https://example.org/arrows' "and its URL under it"
keys 5
expect 'link 5 \(ENTER opens it\)' "a number selects a link"
sleep 0.3
is "$(opened)" "" "a number alone opens nothing"
keys Enter
sleep 0.5
is "$(opened)" "https://example.org/arrows" "ENTER opens the link, once"
keys G
expect 'complete ledger appendix' "the last link's text"
expect 'between-1890' "a URL longer than the column is wrapped"
like "$(joined)" 'https://example\.org/archive/2024/lighthouse/keepers/ledger/appendix/the-complete-list-of-every-ship-that-passed-the-point-between-1890-and-1920-with-notes\.html' \
	"the whole URL is shown"
keys q

# ---- the title's position follows scrolling
expect 'Ledger of the lighthouse keepers \([0-9]+%\)' "the position in the title"
pos0=$(screen | sed -n 's/.*(\([0-9]*\)%).*/\1/p' | head -1)
keys j j j
sleep 0.3
pos1=$(screen | sed -n 's/.*(\([0-9]*\)%).*/\1/p' | head -1)
[ -n "$pos0" ] && [ -n "$pos1" ] && [ "$pos1" -gt "$pos0" ]
ok $? "scrolling moves the position ($pos0% then $pos1%)"
keys G
expect 'Ledger of the lighthouse keepers \(100%\)' "at the bottom it is 100%"

# ---- the page text's header: the whole URL of the item
keys g v
expect 'Page text:' "v shows the page text"
expect 'alpha-1\.html$' "the header's URL is wrapped at the column"
like "$(joined)" "file://$DIR/alpha-1\.html" "the header's URL is whole"
keys v
keys Q
expect 'EXIT=0' "quits"

# ---- q from search results goes back to where the search started
run "the interface opens again"
keys G Enter
expect 'Gamma \(1\)' "Gamma's headlines"
keys /
expect 'search:' "/ asks for words"
keys l e d g e r Enter
expect 'search: ledger \(1\)' "the search results"
keys q
expect 'Gamma \(1\)' "q from the results goes back to the headlines it started in"
keys q k Enter j
expect 'Beta \(2\)' "Beta's headlines"
expect '^ 2 of 2' "its second headline selected"
keys / f e r r y Enter
expect 'search: ferry' "a search from there"
keys q
expect 'Beta \(2\)' "back in Beta's headlines"
expect '^ 2 of 2' "with the same headline selected"
keys k Enter
expect 'Orchard growers count the frost' "an article"
keys / t i d e Enter
expect 'search: tide \(1\)' "a search from the article"
keys Enter
expect 'Tide tables printed by hand' "a result opened"
keys q
expect 'search: tide' "q goes back to the results"
keys q
expect 'Orchard growers count the frost' "and q again to the article the search started in"
keys q
expect 'Beta \(2\)' "whose headlines are under it again"
keys q /
expect 'search:' "a search from the sources"
keys t i d e Enter
expect 'search: tide' "its results"
keys q
expect 'Sources \(3' "q goes back to the sources"
keys Q
expect 'EXIT=0' "quits"

# ---- n and p go on into the next or previous source with unread items
fresh np
run "a fresh cache"
keys G k k Enter
expect 'Alpha \(2\)' "Alpha's headlines"
keys n
expect '^ 2 of 2, 2 unread' "n goes to Alpha's second unread item"
sleep 1.1
keys n
expect 'next source: Beta, 2 unread' "n past the last goes on into Beta, and says so"
expect 'warta .* Beta \(2\)' "Beta's headlines"
expect 'N .*Orchard growers count the frost' "its first unread item"
keys Enter
expect 'Orchard growers count the frost' "an article of Beta"
keys n
expect 'Ferry timetable changes in spring' "n in the article: Beta's next unread"
keys n
expect 'Beekeepers swap winter stories' "n past Beta's last opens Gamma's first"
expect 'next source: Gamma, 1 unread' "naming the source entered"
keys p
expect 'Tide tables printed by hand' "p goes back into Alpha, its last unread item"
expect 'previous source: Alpha, 2 unread' "naming it too"
keys q
expect 'warta .* Alpha \(2\)' "under the article, Alpha's headlines"
keys q
expect '^ Alpha: 1 unread of 2' "and the sources select Alpha"
keys Q
expect 'EXIT=0' "quits"

# ---- a tag opens as one list of its sources' items
fresh tag
run "a fresh cache"
keys t
expect 'Sources \(3, 5 unread\) by tag' "grouped by tag"
keys G k k
expect '^ tag news: 4 unread of 4 in 2 sources \(ENTER lists them\)' \
	"a tag heading can be selected, its counts on the status line"
keys Enter
expect 'warta .* Tag news \(4\)' "ENTER lists the items of the tag's sources"
expect 'Alpha +Ledger of the lighthouse keepers' "Alpha's items"
expect 'Beta +Ferry timetable changes in spring' "and Beta's, together"
reject 'Beekeepers' "and no other source's"
keys Enter
expect 'Ledger of the lighthouse keepers' "an item of the tag opens"
keys q q
expect '^ tag news: 3 unread of 4' "back on the tag heading, counted again"
keys Q
expect 'EXIT=0' "quits"

# ---- C asks first; the last mark-read, A or C, can be undone
fresh marks
run "a fresh cache"
keys C
expect 'Mark every article of every source read\? \(y/n\)' "C asks for confirmation"
keys n
expect 'nothing marked read' "any key but y declines"
expect ' 5/5 +All unread' "and nothing is marked"
keys C
expect '\(y/n\)' "C asks again"
keys y
expect 'marked 5 read \(u undoes\)' "y confirms, and u is offered"
expect ' 0/5 +All unread' "everything is read"
sleep 1.1
keys u
expect 'marked 5 unread again' "u undoes it"
expect ' 5/5 +All unread' "everything is unread again"
keys G k Enter
expect 'warta .* Beta \(2\)' "Beta's headlines"
sleep 1.1
keys A
expect 'marked 2 read \(u undoes\)' "A marks the source read, no question asked"
keys q
expect ' 0/2 +Beta' "Beta is read"
expect ' 3/5 +All unread' "the rest is not"
sleep 1.1
keys u
expect 'marked 2 unread again' "u in the sources undoes A"
expect ' 2/2 +Beta' "Beta is unread again"
sleep 1.1
keys u
expect 'no mark-read to undo' "a second u has nothing to undo"
keys Q
expect 'EXIT=0' "quits"

# ---- start-up warnings and long messages can be read in full in the
# message log, each with its time
kcfg="$TMPDIR_TEST/keys-long-name.ini"
cat >"$kcfg" <<EOF
[general]
retries = 0
colour-scheme = dark
frobnicate = yes
[Alpha]
url = file://$DIR/alpha.xml
EOF
ARGS="-c $kcfg --cache $cache --offline"
COLS=80 ROWS=20 start
expect 'keys-long-name\.ini:3: \[general\] colour' "the first start-up warning on the status line"
expect '… \(m: all\)$' "cut short, it says which key shows it whole"
keys m
expect 'warta .* Messages' "m opens the message log"
expect 'Messages \(2\), the newest last' "with every start-up warning"
expect '^ [0-9]{2}:[0-9]{2}:[0-9]{2}  ' "each with its time"
like "$(flat)" "keys-long-name\.ini:3:\[general\]colour-scheme:unknownkey\(ignored\)" \
	"the first warning whole"
like "$(flat)" "keys-long-name\.ini:4:\[general\]frobnicate:unknownkey\(ignored\)" \
	"and the second, which the status line did not show"
keys q
expect 'Sources \(' "q goes back"
keys C n
expect 'nothing marked read' "a message"
sleep 1.1
keys m
expect 'Messages \(3\)' "the log has it too"
expect '[0-9]{2}:[0-9]{2}:[0-9]{2}  nothing marked read' "as the newest, with its time"
keys m
expect 'Sources \(' "m again goes back"
keys Q
expect 'EXIT=0' "quits"

# ---- the empty interface names the config file to add sources to
ecfg="$DIR/empty.ini"
printf '[general]\nretries = 0\n' >"$ecfg"
ARGS="-c $ecfg --cache $TMPDIR_TEST/empty.db --offline"
start
expect 'No sources configured' "no sources"
like "$(flat)" "addsometo$ecfg\(seewarta\.ini\(5\)\)" "the message names the config file"
keys Q
expect 'EXIT=0' "quits"

done_testing
