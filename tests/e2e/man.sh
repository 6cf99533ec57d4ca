#!/bin/bash
# man.sh: the manual pages render without groff warnings, and name every
# command that --help lists and every action of the keymap.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

command -v groff >/dev/null || skip_all "groff is not installed"

for page in man/warta.1 man/warta.ini.5; do
	warn=$(groff -t -man -Tutf8 -ww -z "$top_srcdir/$page" 2>&1)
	is "$warn" "" "$page renders without warnings"
done

# man(1) itself, as a reader would run it, when it is there
if command -v man >/dev/null; then
	for page in man/warta.1 man/warta.ini.5; do
		warn=$(MANWIDTH=80 man --warnings -l "$top_srcdir/$page" 2>&1 >/dev/null)
		is "$warn" "" "man --warnings $page says nothing"
	done
fi

# what renders without a warning and still reads wrong: a tagged paragraph
# (.TP) whose tag is missing (the next line a section, another .TP, an
# .RE, or plain text where a file name is due)
for page in man/warta.1 man/warta.ini.5; do
	bad=$(awk '
		/^\.SH/ { sec = $0 }
		prev == ".TP" && /^\.(SH|SS|TP|PP|LP|P|RE|RS)( |$)|^$/ {
			print FILENAME ":" NR ": .TP without a tag before " $0 }
		prev == ".TP" && sec ~ /FILES/ && !/^\.(I|B|BI|BR|IR)( |$)/ {
			print FILENAME ":" NR ": a file entry that names no file: " $0 }
		{ prev = $0 }
		END { if (prev == ".TP") print FILENAME ": .TP at the end" }
	' "$top_srcdir/$page")
	is "$bad" "" "$page: every .TP has its tag"
done
# each command is an entry of COMMANDS: a .TP whose tag starts with its name
entries=$(awk '
	/^\.SH/ { sec = $0 }
	prev == ".TP" && sec ~ /COMMANDS/ {
		t = $0; sub(/^\.[A-Z]+ +"?/, "", t); sub(/[ "].*/, "", t); print t }
	{ prev = $0 }' "$top_srcdir/man/warta.1")
for cmd in $("$WARTA" --help | sed -n "s/^  warta \([a-z-]*\).*/\1/p"); do
	like "$entries" "^$cmd\$" "warta(1): '$cmd' is an entry of COMMANDS"
done

# every option warta(1) gives a command (in its entry's tag or its own
# entries below it) is in the command's usage and in its row of the
# README's table of commands
awk '
	/^\.SH/ { sec = $0 }
	sec ~ /COMMANDS/ && prev == ".TP" {
		t = $0; gsub(/\\-/, "-", t)
		if (depth == 0 && match(t, /^\.[A-Z]+ +"?[a-z][a-z-]*/)) {
			cmd = substr(t, RSTART, RLENGTH); sub(/^\.[A-Z]+ +"?/, "", cmd) }
		while (match(t, /--[a-z][a-z-]*/)) {
			print cmd, substr(t, RSTART, RLENGTH)
			t = substr(t, RSTART + RLENGTH) }
	}
	/^\.RS/ { depth++ } /^\.RE/ { depth-- }
	{ prev = $0 }' "$top_srcdir/man/warta.1" | sort -u >"$TMPDIR_TEST/options"
like "$(wc -l <"$TMPDIR_TEST/options")" '^[1-9][0-9]$' "the commands' options are read from warta(1)"
while read -r cmd opt; do
	like "$("$WARTA" help "$cmd")" "(^| |\[|\|)$opt( |\]|\||$)" "'warta help $cmd' names $opt"
	row=$(grep -E "^\| \`warta $cmd( |\`)" "$top_srcdir/README.md")
	like "$row" "$opt" "the README's row of $cmd names $opt"
done <"$TMPDIR_TEST/options"

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
