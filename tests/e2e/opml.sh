#!/bin/bash
# opml.sh: `warta import` adds sources without touching the file; `warta export`.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

cfg="$TMPDIR_TEST/config.ini"
cat >"$cfg" <<'INI'
; my own notes, to be kept as they are
[general]
max-connections = 4   ; slow line

[Kompas]
; the one I read every morning
url = https://kompas.example/feed
tags = local
INI
before=$(cat "$cfg")
inode=$(stat -c %i "$cfg")

out=$("$WARTA" -c "$cfg" import "$TESTDATA/opml/nested.opml"); st=$?
is "$st" 0 "import exits 0"
isnt "$(stat -c %i "$cfg")" "$inode" "the file is replaced by a rename, never rewritten in place"
is "$(ls -A "$TMPDIR_TEST" | grep -c '^config\.ini.')" 0 "no temporary file left beside it"
like "$out" "imported 5 sources into $cfg \(2 already there or not http\)" "import counts"
after=$(cat "$cfg")
is "${after:0:${#before}}" "$before" "existing text kept byte for byte"
like "$after" '\[Lone Blog\]' "a top-level feed"
like "$after" '\[Harian Pagi\]' "a nested feed"
like "$(grep -A3 '^\[Harian Pagi\]' "$cfg")" 'tags = News$' "folder becomes a tag"
like "$after" '\[Tokyo  ?Times  ?東京\]|\[Tokyo Times 東京\]' "brackets and colons dropped from names"
like "$(grep -A3 '^\[Tokyo' "$cfg")" 'tags = News, World, Asia, Morning' "nested folders and categories"
like "$after" '\[Kompas \(2\)\]' "never a duplicate section name"
unlike "$after" 'gopher' "non-http feeds skipped"
like "$(grep -A3 '^\[Front Page\]' "$cfg")" 'type = page' "type=link becomes a page"
is "$(grep -c 'harian.example' "$cfg")" 1 "duplicate URLs skipped"
ls "$TMPDIR_TEST" | grep -q 'config.ini.' ; isnt "$?" 0 "no temporary file left"

out=$("$WARTA" -c "$cfg" import "$TESTDATA/opml/nested.opml"); st=$?
like "$out" "imported 0 sources" "a second import adds nothing"
is "$(cat "$cfg")" "$after" "... and leaves the file alone"

xml=$("$WARTA" -c "$cfg" export); st=$?
is "$st" 0 "export exits 0"
like "$xml" '<opml version="2.0">' "OPML 2.0"
like "$xml" 'xmlUrl="https://kompas.example/feed"' "sources exported"
like "$xml" '<outline text="News" title="News">' "tags become folders"
if command -v xmllint >/dev/null; then
	printf '%s\n' "$xml" | xmllint --noout - 2>/dev/null
	is "$?" 0 "export is well-formed XML"
fi

printf '%s\n' "$xml" >"$TMPDIR_TEST/out.opml"
fresh="$TMPDIR_TEST/fresh.ini"
printf '[general]\n' >"$fresh"
out=$("$WARTA" -c "$fresh" import "$TMPDIR_TEST/out.opml")
like "$out" "imported 6 sources" "export then import: every source back"
is "$("$WARTA" -c "$fresh" export | grep -c xmlUrl)" "$(printf '%s\n' "$xml" | grep -c xmlUrl)" "round trip keeps the feeds"

printf '<opml version="2.0"><body><outline text="G" xmlUrl="gopher://old.example/1"/></body></opml>' >"$TMPDIR_TEST/gopher.opml"
out=$("$WARTA" -c "$cfg" import "$TMPDIR_TEST/gopher.opml")
like "$out" 'imported 0 sources.*\(1 already there or not http\)' "non-http feeds are not imported"
printf 'not xml at all' >"$TMPDIR_TEST/bad.opml"
err=$("$WARTA" -c "$cfg" import "$TMPDIR_TEST/bad.opml" 2>&1); st=$?
is "$st" 1 "a bad OPML file fails"
like "$err" 'bad.opml: not (XML|OPML)' "... and says why"

printf '[general]\nmax-connections = lots\n' >"$TMPDIR_TEST/broken.ini"
err=$("$WARTA" -c "$TMPDIR_TEST/broken.ini" import "$TESTDATA/opml/nested.opml" 2>&1); st=$?
is "$st" 1 "import refuses a broken config"
like "$err" 'max-connections: "lots" is not a number' "... naming the mistake"

{ printf '<opml><body>'; for i in $(seq 5000); do printf '<outline text="f%d">' "$i"; done
  printf '<outline text="deep" xmlUrl="https://deep.example/"/>'; printf '</body></opml>'; } >"$TMPDIR_TEST/deep.opml"
"$WARTA" -c "$TMPDIR_TEST/fresh.ini" import "$TMPDIR_TEST/deep.opml" >/dev/null 2>&1; st=$?
[ "$st" -le 1 ]; ok $? "5000 nested folders: no crash (status $st)"

# first run: no config at all
err=$("$WARTA" export 2>&1 >/dev/null); st=$?
is "$st" 1 "export on a first run: nothing to export"
like "$err" "no config at $XDG_CONFIG_HOME/warta/config.ini" "which it says, naming the config"
[ ! -e "$XDG_CONFIG_HOME/warta/config.ini" ]; ok $? "export writes no example"
err=$("$WARTA" --cache "$TMPDIR_TEST/first.db" refresh 2>&1 >/dev/null); st=$?
is "$st" 0 "refresh with the example config: no error"
like "$err" "wrote an example to $XDG_CONFIG_HOME/warta/config.ini" "the example config is written and named"
[ -f "$XDG_CONFIG_HOME/warta/config.ini" ]; ok $? "example exists"
like "$err" "no enabled sources in $XDG_CONFIG_HOME/warta/config.ini" \
	"refresh says there is nothing to refresh"
done_testing
