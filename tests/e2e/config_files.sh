#!/bin/bash
# config_files.sh: the config as a user keeps it: a misspelled section is
# named with the one meant, an import of many feeds of one name gives short
# unique names quickly, and a config that is a symbolic link stays one.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

cfg="$TMPDIR_TEST/typo.ini"
cat >"$cfg" <<'INI'
[colours]
title = bold
[key]
quit = x
[Gneral]
max-items = 3
[snyc]
user = me
[Notes]
text = a section of my own
INI
err=$("$WARTA" -c "$cfg" export 2>&1 >/dev/null)
is "$?" 0 "a config with misspelled sections loads"
like "$err" "typo.ini:1: \[colours\] is no section warta knows: did you mean \[colors\]\?" \
	"[colours] is taken for [colors]"
like "$err" "typo.ini:3: \[key\] is no section warta knows: did you mean \[keys\]\?" \
	"[key] for [keys]"
like "$err" "typo.ini:5: \[Gneral\] .*did you mean \[general\]\?" "[Gneral] for [general]"
like "$err" "typo.ini:7: \[snyc\] .*did you mean \[sync\]\?" "[snyc] for [sync]"
like "$err" "typo.ini:9: \[Notes\] has no url: not a source" \
	"a section like no known one is still 'not a source'"
unlike "$err" "\[colours\] has no url" "a misspelled section is not called a source"

# ---- import: many feeds of one title, and untitled feeds of one host
opml="$TMPDIR_TEST/same.opml"
{
	echo '<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>'
	for i in $(seq 1 1000); do
		echo "<outline type=\"rss\" text=\"Same\" xmlUrl=\"https://same.example/feed/$i.xml\"/>"
	done
	for i in $(seq 1 200); do
		echo "<outline type=\"rss\" xmlUrl=\"https://channels.example/c/$i.rss\"/>"
	done
	echo '<outline type="rss" text="Radio (FM)" xmlUrl="https://radio.example/a"/>'
	echo '<outline type="rss" text="Radio (FM)" xmlUrl="https://radio.example/b"/>'
	echo '</body></opml>'
} >"$opml"
imp="$TMPDIR_TEST/import.ini"
t0=$(date +%s%N)
out=$("$WARTA" -c "$imp" import "$opml" 2>&1)
st=$?
ms=$((($(date +%s%N) - t0) / 1000000))
is "$st" 0 "1202 feeds are imported"
like "$out" "imported 1202 sources" "all of them"
[ "$ms" -lt 10000 ]
ok $? "quickly ($ms ms)"
names=$(sed -n 's/^\[\(.*\)\]$/\1/p' "$imp" | grep -v '^general$')
is "$(printf '%s\n' "$names" | sed -n '1p;2p;3p;1000p')" "Same
Same (2)
Same (3)
Same (1000)" "one title gives Same, Same (2), Same (3) ... Same (1000)"
is "$(printf '%s\n' "$names" | sed -n '1001p;1002p;1200p')" "channels.example
channels.example (2)
channels.example (200)" "untitled feeds of one host: host, host (2) ..."
is "$(printf '%s\n' "$names" | tail -2)" "Radio (FM)
Radio (FM) (2)" "a title with parentheses keeps them"
is "$(printf '%s\n' "$names" | sort -u | wc -l)" 1202 "every name is unique"
is "$(printf '%s\n' "$names" | awk 'length > 24' | head -3)" "" "and short"
out=$("$WARTA" -c "$imp" import "$opml" 2>&1)
like "$out" "imported 0 sources .*1202 already there" "importing again adds nothing"
"$WARTA" -c "$imp" export >/dev/null 2>&1
ok $? "the result loads"

# ---- a config that is a symbolic link stays one
mkdir -p "$TMPDIR_TEST/dotfiles" "$TMPDIR_TEST/conf"
cp "$imp" "$TMPDIR_TEST/dotfiles/warta.ini"
ln -s ../dotfiles/warta.ini "$TMPDIR_TEST/conf/link.ini"
printf '<opml version="2.0"><body><outline type="rss" text="Extra" xmlUrl="https://extra.example/rss"/></body></opml>\n' \
	>"$TMPDIR_TEST/extra.opml"
"$WARTA" -c "$TMPDIR_TEST/conf/link.ini" import "$TMPDIR_TEST/extra.opml" >/dev/null
ok $? "import through a symbolic link"
[ -L "$TMPDIR_TEST/conf/link.ini" ]
ok $? "the link is still a link"
like "$(cat "$TMPDIR_TEST/dotfiles/warta.ini")" '\[Extra\]' "and the file it leads to has the new source"
is "$(ls -A "$TMPDIR_TEST/conf")" "link.ini" "nothing was left beside the link"

# the first run's example, through a link to a file not there yet
mkdir -p "$XDG_CONFIG_HOME/warta"
ln -s "$TMPDIR_TEST/dotfiles/new.ini" "$XDG_CONFIG_HOME/warta/config.ini"
"$WARTA" --cache "$TMPDIR_TEST/c.db" refresh >/dev/null 2>&1
ok $? "a first run with the config a link to nothing yet"
[ -L "$XDG_CONFIG_HOME/warta/config.ini" ] && [ -s "$TMPDIR_TEST/dotfiles/new.ini" ]
ok $? "writes the example where the link leads, the link kept"

done_testing
