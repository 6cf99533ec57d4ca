#!/bin/bash
# notify_terminal.sh: notify = terminal writes the terminal's own
# notification (OSC 9 here, OSC 777 where the terminal takes it) when a
# refresh brings new unread items, and nothing when nothing is new.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/e2e/tmux_lib.sh"

cat >"$TMPDIR_TEST/feed.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Berita</title>
<item><title>Jembatan baru dibuka</title><guid>j1</guid></item>
<item><title>Panen kopi melimpah</title><guid>j2</guid></item>
</channel></rss>
XML
cat >"$TMPDIR_TEST/config.ini" <<INI
[general]
fetch-articles = no
notify = terminal

[Berita]
url = file://$TMPDIR_TEST/feed.xml
INI
ARGS="-c $TMPDIR_TEST/config.ini --cache $TMPDIR_TEST/cache.db"
RAW="$TMPDIR_TEST/raw"
: >"$RAW"
start
expect 'Berita' "the interface opens"
keys R
expect '2/2 +Berita' "R brings two new items"
for _ in $(seq 1 40); do grep -q $'\e]9;' "$RAW" && break; sleep 0.05; done
like "$(tr '\033\007' '[]' <"$RAW" | grep -o '\[\]9;[^]]*\]')" \
	'^\[\]9;warta: 2 new in Berita: Jembatan baru dibuka; Panen kopi melimpah\]$' \
	"an OSC 9 notification says what came"
keys R
expect 'Berita' "a second refresh"
sleep 1
is "$(grep -o $'\e]9;' "$RAW" | wc -l)" 1 "nothing new: no second notification"
keys q
expect 'EXIT=0' "quits"
RAW=

done_testing
