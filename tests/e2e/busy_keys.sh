#!/bin/bash
# busy_keys.sh: keys are answered while a refresh parses an input that
# takes seconds to parse (elements of thousands of attributes, which cost
# the XML parser time growing with their square): the parse runs in a work
# thread, and the interface's loop goes on.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/e2e/tmux_lib.sh"

feed="$TMPDIR_TEST/berat.xml"
awk 'BEGIN {
	print "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
	print "<rss version=\"2.0\"><channel><title>Berat</title>"
	attrs = ""
	for (a = 0; a < 2500; a++) attrs = attrs " a" a "=\"x\""
	for (i = 0; i < 150; i++)
		printf "<item><title%s>Kabar %d</title><guid>b%d</guid></item>\n", attrs, i, i
	print "</channel></rss>"
}' >"$feed"
now() { date +%s.%N; }
t=$(now)
"$WARTA" feed "$feed" >/dev/null 2>&1
parse=$(echo "$(now) - $t" | bc)
if [ "$(echo "$parse < 2" | bc)" = 1 ]; then
	skip_all "the input parses in ${parse} s here: too fast to show a wait"
fi
echo "# the feed alone parses in $parse s"

cat >"$TMPDIR_TEST/config.ini" <<INI
[general]
fetch-articles = no
max-size = 20M

[Berat]
url = file://$feed
INI
ARGS="-c $TMPDIR_TEST/config.ini --cache $TMPDIR_TEST/cache.db"
start
expect 'Berat' "the interface opens"
keys R
expect 'refreshing' "R starts the refresh"
t=$(now)
keys ?
expect 'Keys in the sources' "? is answered while the feed is parsed"
took=$(echo "$(now) - $t" | bc)
ok "$(echo "$took < 1" | bc | grep -qx 1; echo $?)" \
	"... within a second ($took s, the parse takes $parse s)"
expect 'refreshing' "... and the refresh is still going"
t=$(now)
keys q
expect 'Sources \(' "q goes back, as quickly"
took=$(echo "$(now) - $t" | bc)
ok "$(echo "$took < 1" | bc | grep -qx 1; echo $?)" "... within a second ($took s)"
for _ in $(seq 1 60); do screen | grep -q 'refreshing' || break; sleep 0.5; done
expect '150/150 +Berat' "the feed's items come once it is parsed"
keys q
expect 'EXIT=0' "quits"

done_testing
