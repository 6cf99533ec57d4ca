#!/bin/bash
# sync_ui.sh: the interface with a sync server: subscribe, sync, read, mark read and flag offline, A as one mark-all-as-read, warta killed (-9) in the middle of the push, sync again: the server's state is the user's actions.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/net/sync_lib.sh"
. "${top_srcdir:-.}/tests/e2e/tmux_lib.sh"
# the server stopped, then tmux_lib's cleanup (sync_server_start sets
# a trap of its own)
both_traps() { trap 'sync_server_stop; tmux_cleanup' EXIT; }

export XDG_STATE_HOME=$TMPDIR_TEST/xstate
D=$TMPDIR_TEST
cfg=$D/sync.ini
cache=$D/cache.db
w() { "$WARTA" -c "$cfg" --cache "$cache" "$@"; }
ARGS="-c $cfg --cache $cache"
COLS=110
start_ui() { start "XDG_STATE_HOME=$XDG_STATE_HOME"; }
# warta's pid in the tmux pane (the pane's shell runs it)
ui_pid() { pgrep -P "$(tm display -p -t w '#{pane_pid}')" | head -1; }
# "read flagged" of item NID in the cache, from its URL
local_state() {
	w export-state | grep -v '^#' | awk -F'\t' -v u="$SYNC_URL/a/$1" \
		'$2 == u { r = ($1 ~ /read/); f = ($1 ~ /flagged/) } END { print r + 0, f + 0 }'
}
srv_state() { srv_item "$1" | sed 's/.*read=\([01]\) starred=\([01]\)/\1 \2/'; }

# 30 items in 4 feeds, every third one read elsewhere; the 4 newest come
# later; items link to pages on the server
sync_server_start 30 4 --articles --later 4 || skip_all "the sync server did not start"
both_traps
sync_config "$cfg" freshrss

# ---- subscribe and sync from the command line
out=$(w subscribe https://late.example/feed --tag Local 2>&1)
ok $? "subscribe"
like "$(cat "$SYNC_DIR/state")" 'feed 5 https://late.example/feed' "... on the server"

# ---- the interface shows the server's sources; R syncs, then fetches the articles
start_ui
expect 'Feed 1 +World' "the sources view lists the synced sources with their folders"
expect 'https://late.example/feed +Local' "... the new subscription in its folder"
echo 'slow subscription/list 2000' >"$SYNC_DIR/control"
keys R
expect 'syncing: (login|push|subscriptions)' "R syncs first, its step on the status line"
keys '?'
expect 'Keys in the sources' "the keys stay live while it syncs"
expect 'syncing' "... the sync still under way"
keys q
: >"$SYNC_DIR/control"
expect '[0-9]+ sources?, [0-9]+ new' "then the refresh ends"
reject 'syncing|refreshing' "... and nothing is under way"
is "$(grep -c '^GET /a/' "$SYNC_DIR/log")" 17 "every synced item's article page was fetched, once"
# Feed 1's unread items, newest first: 25, 21, 13, 9, 1 (1 starred)
keys j j j Enter
expect 'Item 25 of Feed 1' "the synced items are listed"
keys Enter
expect 'Paragraph 4 of article 25' "an item opens on its article, fetched and extracted"
reject 'Copyright the Harbour Gazette|Home World' "... without the site's furniture"
keys Q
expect 'EXIT=0' "quits"

# ---- offline: read, flag, read by N, and a whole source read by A
ARGS="-c $cfg --cache $cache --offline"
start_ui
expect 'Feed 1 +World' "offline: the interface opens"
keys j j j Enter
expect 'Item 25 of Feed 1' "Feed 1"
keys j
keys f
expect 'flagged' "f flags item 21"
keys j
keys N
expect 'marked read' "N marks item 13 read"
keys q
expect 'Sources' "back to the sources"
keys j j
expect '> *[0-9]+/[0-9]+ +Feed 3|Feed 3: [0-9]+ unread' "Feed 3 selected"
keys A
expect 'marked [0-9]+ read' "A marks Feed 3 read"
keys R
expect 'offline: not refreshing' "R offline refreshes nothing"
keys Q
expect 'EXIT=0' "quits"
is "$(srv_state 13)" "0 0" "the server knows nothing yet"
q=$(w mark --read "$SYNC_URL/a/25" | sed 's/.*; \([0-9]*\) change.*/\1/')
is "$q" 4 "four changes queued: two reads, a flag, one mark-all for Feed 3"

# items arrive on the server after Feed 3 was marked read
echo arrive >"$SYNC_DIR/control"

# ---- online: R pushes; warta is killed in the middle of the push
ARGS="-c $cfg --cache $cache"
printf 'arrive\nslow edit-tag 4000\n' >"$SYNC_DIR/control"
: >"$SYNC_DIR/log"
start_ui
expect 'Feed 1 +World' "online again"
keys R
for _ in $(seq 1 100); do
	grep -q 'edit-tag' "$SYNC_DIR/log" && break
	sleep 0.05
done
pid=$(ui_pid)
isnt "$pid" "" "warta is running ($pid)"
kill -9 "$pid"
expect 'EXIT=137' "killed (-9) in the middle of the push"
like "$(cat "$SYNC_DIR/log")" 'mark-all-as-read' "... after the mark-all went"
echo arrive >"$SYNC_DIR/control"

# ---- sync again
out=$(w sync --verbose 2>&1)
ok $? "sync again"
q=$(w mark --read "$SYNC_URL/a/25" | sed 's/.*; \([0-9]*\) change.*/\1/')
is "$q" 0 "the queue is empty"

# the server's state is what the user did
is "$(srv_state 25)" "1 0" "item 25: opened, read"
is "$(srv_state 21)" "0 1" "item 21: flagged, starred"
is "$(srv_state 13)" "1 0" "item 13: read by N"
is "$(srv_state 9)" "0 0" "item 9: left alone"
is "$(srv_state 1)" "0 1" "item 1: left alone, still starred"
is "$(grep -cE '^item (3|7|11|15|19|23) feed=3 read=1' "$SYNC_DIR/state")" 6 \
	"Feed 3: every item the user saw is read"
is "$(srv_count mark-all)" 1 "... by one mark-all-as-read, sent once"
like "$(grep mark-all-as-read "$SYNC_DIR/log")" 's=feed%2F3&ts=1700000000018001&' \
	"... up to the newest item seen (timestampUsec + 1)"
is "$(srv_state 27)" "0 0" "an item of Feed 3 that arrived after the mark stays unread"
like "$(w search --source 'Feed 3' 'Item 27 of')" 'Item 27 of Feed 3  \[unread\]' "... here too"
edits=$(srv_count edit)
# and the cache agrees with the server, item by item
bad=
for n in $(seq 1 30); do
	s=$(srv_state "$n")
	l=$(local_state "$n")
	# items never cached (read elsewhere before the first sync) are not compared
	w search --limit 100 "Item $n of" 2>/dev/null | grep -q "Item $n of" || continue
	[ "$s" = "$l" ] || bad="$bad $n($s/$l)"
done
is "$bad" "" "every cached item: read and flagged here as on the server"
out=$(w sync --verbose 2>&1)
is "$(srv_count edit)" "$edits" "a sync after: nothing is sent twice"

# ---- C: everything read, as one mark-all-as-read of the reading list
start_ui
expect 'Feed 1 +World' "the interface again"
keys C y
expect 'marked [0-9]+ read' "C marks everything read"
keys Q
expect 'EXIT=0' "quits"
: >"$SYNC_DIR/log"
out=$(w sync --verbose 2>&1)
like "$out" '1 change sent' "one change sent"
like "$(grep mark-all-as-read "$SYNC_DIR/log")" 's=user%2F-%2Fstate%2Fcom.google%2Freading-list&ts=1700000000029001&' \
	"... one mark-all-as-read of the reading list, up to the newest item seen"
is "$(grep -cE '^item [0-9]+ feed=[0-9]+ read=0' "$SYNC_DIR/state")" 0 "every item read on the server"

done_testing
