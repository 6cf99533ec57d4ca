#!/bin/bash
# man.sh: the manual pages render without groff warnings, and name every
# command that --help lists and every action of the keymap.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

command -v groff >/dev/null || skip_all "groff is not installed"

for page in man/warta.1 man/warta.ini.5; do
	warn=$(groff -t -man -Tutf8 -ww -z "$top_srcdir/$page" 2>&1)
	is "$warn" "" "$page renders without warnings"
done

text=$(groff -t -man -Tutf8 "$top_srcdir/man/warta.1" 2>/dev/null | sed 's/.\x08//g')
for cmd in $("$WARTA" --help | sed -n "s/^  warta \([a-z-]*\).*/\1/p"); do
	like "$text" "$cmd" "warta(1) documents '$cmd'"
done

# every action of the keymap, with its default keys, under KEYS in warta(1)
# and its name in the README's [keys] story
keys=$(printf '%s\n' "$text" | sed -n '/^KEYS/,/^EXIT STATUS/p')
sed -n 's/^[[:space:]]*X([A-Z_]*, "\([a-z-]*\)", "\([^"]*\)".*/\1 \2/p' \
	"$top_srcdir/src/ui/keymap.h" >"$TMPDIR_TEST/actions"
like "$(wc -l <"$TMPDIR_TEST/actions")" '^[1-9][0-9]$' "the actions are read from keymap.h"
while read -r name defaults; do
	re=$(printf '%s' "$defaults" | sed 's/[][\.*^$?+(){}|/]/\\&/g')
	like "$keys" "^ *$re +$name " "warta(1) lists '$name' with its keys"
done <"$TMPDIR_TEST/actions"

# every element of the themes under THEMES AND COLOURS in warta.ini(5)
text5=$(groff -t -man -rHY=0 -rLL=2000n -Tutf8 "$top_srcdir/man/warta.ini.5" 2>/dev/null | sed 's/.\x08//g' |
	sed -n '/^THEMES AND COLOURS/,/^EXAMPLE/p' | tr -d '\n' | tr -s ' ')
for el in $(sed -n 's/^[[:space:]]*X([A-Z_]*, "\([a-z-]*\)",.*/\1/p' "$top_srcdir/src/ui/theme.h"); do
	like "$text5" "[ ,]$el[ ,.(]" "warta.ini(5) documents the element '$el'"
done

done_testing
