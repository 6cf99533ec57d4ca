#!/bin/bash
# auto_refresh.sh: the interface refreshes each source when it falls due,
# without a key, as its reload period and its server allow; the schedule
# outlives a restart; notify-command is told of new unread items only. Time
# is moved on through the schedule's test clock (WARTA_TEST_CLOCK).
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/net/lib.sh"
. "${top_srcdir:-.}/tests/e2e/tmux_lib.sh"

root="$TMPDIR_TEST/www"
mkdir -p "$root"
feed() { # FILE TITLE TTL ITEM...
	local file=$1 title=$2 ttl=$3 item
	shift 3
	{
		echo '<?xml version="1.0" encoding="utf-8"?>'
		echo "<rss version=\"2.0\"><channel><title>$title</title>"
		[ -n "$ttl" ] && echo "<ttl>$ttl</ttl>"
		for item in "$@"; do
			echo "<item><title>$item</title><guid isPermaLink=\"false\">$item</guid>"
			echo "<description>Tentang $item.</description></item>"
		done
		echo '</channel></rss>'
	} >"$root/$file"
}
feed pagi.xml "Kabar Pagi" "" "Pasar ikan ramai" "Hujan di pelabuhan"
feed jam.xml "Kabar Jam" 60 "Kereta tiba tepat waktu"
server_start "$root" || skip_all "test server did not start"
command -v curl >/dev/null || skip_all "curl is not installed"
hits() { curl -s "$SERVER_URL/_fault/hits?key=$1"; }
# wait up to 5 s for KEY to have been asked N times
wait_hits() { # KEY N
	for _ in $(seq 1 100); do
		[ "$(hits "$1")" = "$2" ] && return 0
		sleep 0.05
	done
	return 1
}

clock="$TMPDIR_TEST/clock"
t0=$(date +%s)
at() { echo $((t0 + $1 * 60)) >"$clock"; } # minutes after the start
at 0
log="$TMPDIR_TEST/notified"
cat >"$TMPDIR_TEST/notify.sh" <<SH
#!/bin/sh
for a in "\$@"; do printf '<%s>\n' "\$a"; done >>"$log"
echo --- >>"$log"
SH
chmod +x "$TMPDIR_TEST/notify.sh"
cat >"$TMPDIR_TEST/config.ini" <<INI
[general]
fetch-articles = no
reload-period = 10
notify-command = $TMPDIR_TEST/notify.sh "%n new" "from %s" "%t"

[Pagi]
url = $SERVER_URL/_fault/flaky/0/200?key=pagi&file=pagi.xml

[Jam]
url = $SERVER_URL/_fault/flaky/0/200?key=jam&file=jam.xml

[Sibuk]
url = $SERVER_URL/_fault/retry-after/429/3600?key=sibuk
INI
ARGS="-c $TMPDIR_TEST/config.ini --cache $TMPDIR_TEST/cache.db"

start "WARTA_TEST_CLOCK=$clock"
expect 'Pagi' "the interface opens"
wait_hits pagi 1 && wait_hits jam 1 && wait_hits sibuk 1
ok $? "sources never fetched are refreshed at once, without a key"
expect 'Pasar ikan ramai|[0-9]+ unread' "their items come in"
expect 'next refresh in 10 min' "the status line says when the next one is"
for _ in $(seq 1 100); do [ -s "$log" ] && break; sleep 0.05; done
is "$(sed -n 1p "$log")" "<3 new>" "notify-command gets the number of new items"
like "$(sed -n 2p "$log")" '^<from (Kabar )?(Pagi, Jam|Jam, Pagi)>$' \
	"... the sources they came from"
like "$(sed -n 3p "$log")" 'Pasar ikan ramai; Hujan di pelabuhan' \
	"... and the first titles, each argument whole"
unlike "$(cat "$log")" 'Sibuk' "a source that failed is not named"

at 11
wait_hits pagi 2
ok $? "ten minutes on, the source is refreshed again without a key"
sleep 1.5
is "$(hits jam)" 1 "a feed whose <ttl> is an hour waits for it"
is "$(hits sibuk)" 1 "a 429 with Retry-After: 3600 waits for it"
is "$(grep -c -- --- "$log")" 1 "nothing new: nothing is notified"

feed pagi.xml "Kabar Pagi" "" "Perahu baru diluncurkan" "Pasar ikan ramai" \
	"Hujan di pelabuhan"
at 22
wait_hits pagi 3
ok $? "and again ten minutes later"
for _ in $(seq 1 100); do [ "$(grep -c -- --- "$log")" = 2 ] && break; sleep 0.05; done
is "$(sed -n '/^---$/,$p' "$log" | sed -n 2,4p | tr '\n' '|')" \
	"<1 new>|<from Pagi>|<Perahu baru diluncurkan>|" \
	"one new item: notify-command is told of it alone"
keys q
expect 'EXIT=0' "quits"

# a restart keeps the schedule: nothing is due yet
at 24
start "WARTA_TEST_CLOCK=$clock"
expect 'Pagi' "the interface opens again"
expect 'next refresh in [0-9]+ min' "with the next refresh due later"
sleep 2
is "$(hits pagi)/$(hits jam)/$(hits sibuk)" "3/1/1" \
	"a restart fetches nothing before its time"
at 62
wait_hits jam 2 && wait_hits sibuk 2
ok $? "an hour on, the ttl and the Retry-After have passed"
keys q
expect 'EXIT=0' "quits"

# ---- warta refresh --due, for cron: the same schedule without the interface
cat >"$TMPDIR_TEST/cron.ini" <<INI
[general]
fetch-articles = no
reload-period = 10
notify-command = $TMPDIR_TEST/notify.sh "%n new" "from %s" "%t"

[Segar]
url = $SERVER_URL/_fault/max-age/3600?key=segar&file=pagi.xml
INI
cron() { WARTA_TEST_CLOCK=$clock "$WARTA" -c "$TMPDIR_TEST/cron.ini" \
	--cache "$TMPDIR_TEST/cron.db" refresh --due "$@"; }
at 100
out=$(cron --quiet --notify 2>&1)
is "$out/$(hits segar)" "/1" "--due --quiet: a source never fetched is fetched, nothing printed"
like "$(tail -4 "$log")" '<3 new>' "--notify: notify-command told of the new items"
at 111
out=$(cron --verbose 2>&1)
is "$out/$(hits segar)" "no source is due/1" \
	"ten minutes on, Cache-Control: max-age=3600 keeps it waiting"
at 161
out=$(cron --verbose --notify 2>&1)
is "$(hits segar)" 2 "once the hour is over it is due"
like "$out" '1 source, 0 new' "... and says so with --verbose"
is "$(grep -c -- --- "$log")" 3 "nothing new: --notify runs nothing"

done_testing
