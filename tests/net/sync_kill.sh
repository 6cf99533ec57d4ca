#!/bin/bash
# sync_kill.sh: changes made offline, warta killed (-9) in the middle of pushing them, a sync again: the server's state is the user's actions, nothing lost or applied twice.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/net/sync_lib.sh"

export XDG_STATE_HOME=$TMPDIR_TEST/xstate
D=$TMPDIR_TEST
cfg=$D/sync.ini
cache=$D/cache.db
w() { "$WARTA" -c "$cfg" --cache "$cache" "$@"; }
wo() { "$WARTA" -c "$cfg" --cache "$cache" --offline "$@"; }
u() { echo "https://news.example/a/$1"; }

sync_server_start 60 4 || skip_all "the sync server did not start"
sync_config "$cfg" freshrss
w sync >/dev/null 2>&1
ok $? "subscribed and synced"

# the user, offline: read, read then unread, flag, flag then unflag, and
# a whole source read
wo mark --read "$(u 1)" "$(u 4)" "$(u 7)" >/dev/null
wo mark --read "$(u 12)" >/dev/null
wo mark --unread "$(u 12)" >/dev/null
wo mark --flag "$(u 13)" "$(u 16)" >/dev/null
wo mark --flag "$(u 19)" >/dev/null
wo mark --unflag "$(u 19)" >/dev/null
out=$(wo mark --all-read 'Feed 2')
like "$out" '8 changes for the sync server queued' "eight changes queued (one per item and kind, one for the source)"
is "$(srv_item 1)" "item 1 feed=1 read=0 starred=1" "offline: the server knows nothing yet"

# the push is slow at its edits; warta dies in the middle of it
echo 'slow edit-tag 5000' >"$SYNC_DIR/control"
: >"$SYNC_DIR/log"
w sync >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 100); do
	grep -q 'edit-tag' "$SYNC_DIR/log" && break
	sleep 0.05
done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
like "$(cat "$SYNC_DIR/log")" 'mark-all-as-read' "killed during the push (the mark-all went first)"
q=$(wo mark --read "$(u 1)" | sed 's/.*; \([0-9]*\) change.*/\1/')
[ "$q" -ge 1 ] && [ "$q" -lt 8 ]; ok $? "the queue kept what was not acknowledged ($q of 8)"

: >"$SYNC_DIR/control"
out=$(w sync --verbose 2>&1)
ok $? "sync again"
q=$(wo mark --read "$(u 1)" | sed 's/.*; \([0-9]*\) change.*/\1/')
is "$q" 0 "the queue is empty"

# the server's state is what the user did
is "$(srv_item 1 | cut -d' ' -f4-)" "read=1 starred=1" "read (and its star kept)"
is "$(srv_item 4 | cut -d' ' -f4)" "read=1" "read"
is "$(srv_item 7 | cut -d' ' -f4)" "read=1" "read"
is "$(srv_item 12 | cut -d' ' -f4)" "read=0" "read, then unread: unread"
is "$(srv_item 13 | cut -d' ' -f5)" "starred=1" "starred"
is "$(srv_item 16 | cut -d' ' -f5)" "starred=1" "starred"
is "$(srv_item 19 | cut -d' ' -f5)" "starred=0" "starred, then unstarred: not starred"
is "$(grep -cE '^item [0-9]+ feed=2 read=0' "$SYNC_DIR/state")" 0 "Feed 2 read"
is "$(srv_count mark-all)" 1 "the mark-all was sent once"

# and the cache agrees with the server, item by item
local_read=$(w export-state | grep -v '^#' | awk -F'\t' '$1 ~ /read/ {print $2}' | sed 's|.*/||' | sort -n)
local_flag=$(w export-state | grep -v '^#' | awk -F'\t' '$1 ~ /flagged/ {print $2}' | sed 's|.*/||' | sort -n)
srv_star=$(awk '$1 == "item" && $5 == "starred=1" {print $2}' "$SYNC_DIR/state" | sort -n)
is "$local_flag" "$srv_star" "flagged here = starred there"
bad=
for n in $local_read; do
	srv_item "$n" | grep -q 'read=1' || bad="$bad $n"
done
is "$bad" "" "every item read here is read there"
cached=$(w search --limit 200 harbour | sed -n 's/.*Item \([0-9]*\) of.*/\1/p' | sort -n)
bad=
for n in $cached; do
	if srv_item "$n" | grep -q 'read=1'; then
		echo "$local_read" | grep -qx "$n" || bad="$bad $n"
	fi
done
is "$bad" "" "every cached item read there is read here"

done_testing
