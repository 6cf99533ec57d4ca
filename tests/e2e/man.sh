#!/bin/bash
# man.sh: the manual pages render without groff warnings, and name every
# command that --help lists.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

command -v groff >/dev/null || skip_all "groff is not installed"

for page in man/warta.1 man/warta.ini.5; do
	warn=$(groff -man -Tutf8 -ww -z "$top_srcdir/$page" 2>&1)
	is "$warn" "" "$page renders without warnings"
done

text=$(groff -man -Tutf8 "$top_srcdir/man/warta.1" 2>/dev/null | sed 's/.\x08//g')
for cmd in $("$WARTA" --help | sed -n "s/^  warta \([a-z-]*\).*/\1/p"); do
	like "$text" "$cmd" "warta(1) documents '$cmd'"
done

done_testing
