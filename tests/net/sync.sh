#!/bin/bash
# sync.sh: warta sync, subscribe, unsubscribe and mark against the fake sync server, both protocols, each fault.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/net/sync_lib.sh"

export XDG_STATE_HOME=$TMPDIR_TEST/xstate
D=$TMPDIR_TEST
cfg=$D/greader.ini
cache=$D/cache.db
w() { "$WARTA" -c "$cfg" --cache "$cache" "$@"; }
state() { w export-state | grep -v '^#' | sort; }

# ---- Google Reader: a first sync
sync_server_start 40 3 || skip_all "the sync server did not start"
sync_config "$cfg" freshrss
out=$(w sync --verbose 2>&1)
ok $? "first sync"
like "$out" '^3 subscriptions, 27 new items' "the unread and the starred items came (every third one read)"
like "$(w search harbour 2>&1)" 'Item [0-9]+ of Feed' "the items are in the cache, searchable"
is "$(stat -c %a "$XDG_STATE_HOME/warta/sync-token")" 600 "the token is kept, private"
tok=$(sed -n 2p "$XDG_STATE_HOME/warta/sync-token")
isnt "$tok" "" "... a token, for this account"
unlike "$(cat "$XDG_STATE_HOME/warta/sync-token")" "$SYNC_PASSWORD" "... and never the password"
bad=0
for f in "$cache" "$cache-wal"; do
	[ -f "$f" ] && grep -aqF -e "$SYNC_PASSWORD" -e "$tok" "$f" && bad=1
done
is "$bad" 0 "neither password nor token in the cache"
unlike "$out" "$SYNC_PASSWORD|$tok" "nor in the output"
is "$(state | grep -c flagged)" 1 "the starred item is flagged"
like "$(state)" 'https://news.example/a/1$' "... item 1"

# ids in both forms: every third id has the high bit set (negative when short)
n_ids=$(grep -c '^item' "$SYNC_DIR/state")
is "$(w search --limit 100 harbour | grep -c 'Item')" 27 "items with ids of both forms all came"

# ---- nothing new: a fixed handful of requests, no login
: >"$SYNC_DIR/log"
out=$(w sync --verbose 2>&1)
ok $? "a sync with nothing new"
is "$(wc -l <"$SYNC_DIR/log")" 5 "five requests: subscriptions, labels, unread, starred, since"
unlike "$(cat "$SYNC_DIR/log")" 'ClientLogin' "the kept token is used"

# ---- local changes, offline: queued, then pushed
w mark --read https://news.example/a/1 https://news.example/a/2 >/dev/null
w mark --flag https://news.example/a/4 >/dev/null
w mark --unflag https://news.example/a/1 >/dev/null
: >"$SYNC_DIR/log"
out=$("$WARTA" -c "$cfg" --cache "$cache" --offline subscribe https://late.example/feed --tag Daily 2>&1)
ok $? "subscribe offline"
like "$out" 'offline: queued; 4 changes' "... queued with the others"
is "$(wc -l <"$SYNC_DIR/log")" 0 "offline: no request at all"
like "$(srv_item 1)" 'read=0 starred=1' "the server does not know yet"
out=$(w sync --verbose 2>&1)
ok $? "sync pushes"
like "$out" '4 changes sent' "... four changes"
like "$(srv_item 1)" 'read=1 starred=0' "item 1: read and unstarred on the server"
like "$(srv_item 2)" 'read=1' "item 2: read"
like "$(srv_item 4)" 'starred=1' "item 4: starred"
like "$(cat "$SYNC_DIR/state")" 'feed 4 https://late.example/feed' "subscribed on the server"
like "$(w search --limit 100 harbour | grep -c Item)" '^27$' "nothing lost locally"

# ---- the server's changes come back; a queued local change wins until pushed
w mark --flag https://news.example/a/6 >/dev/null
printf 'set 6 read 1\nset 7 starred 1\nset 2 read 0\n' >"$SYNC_DIR/control"
out=$(w sync --verbose 2>&1)
ok $? "sync after changes on both sides"
: >"$SYNC_DIR/control"
s=$(state)
like "$s" 'read,flagged	https://news.example/a/6' "read elsewhere: read here; flagged here before the sync: kept"
like "$(srv_item 6)" 'read=1 starred=1' "the local flag reached the server"
like "$s" 'flagged	https://news.example/a/7' "starred elsewhere: flagged here"
unlike "$s" 'read	https://news.example/a/2$' "marked unread elsewhere: unread here"

# ---- one mark-all-as-read for a source
w mark --all-read 'Feed 2' >/dev/null
is "$(w --offline sync 2>&1; echo $?)" "warta: sync: offline: nothing sent
1" "sync --offline sends nothing"
out=$(w sync --verbose 2>&1)
ok $? "sync after marking a source read"
like "$out" '1 change sent' "one change"
is "$(srv_count mark-all)" 1 "one mark-all-as-read, not an edit per item"
unread2=$(grep -E '^item [0-9]+ feed=2 read=0' "$SYNC_DIR/state" | wc -l)
is "$unread2" 0 "every item of Feed 2 read on the server"

# ---- unsubscribe
out=$(w unsubscribe 'Feed 3' 2>&1)
ok $? "unsubscribe"
unlike "$(cat "$SYNC_DIR/state")" '^feed 3 ' "gone from the server"
unlike "$(w search --limit 100 harbour)" 'of Feed 3' "and its items from the cache"
is "$(w unsubscribe 'No Such' 2>&1 | head -1)" \
	"warta: unsubscribe: no source named 'No Such' comes from the sync server (see 'warta help unsubscribe')" \
	"unsubscribing what the server does not have is a usage error"

# ---- faults: the cache is left as it was, the queue too
before=$(state)
w mark --read https://news.example/a/10 >/dev/null
q=$(w mark --read https://news.example/a/10 2>/dev/null | sed 's/.*; //')
echo 'fail stream/items/ids 503' >"$SYNC_DIR/control"
out=$(w sync 2>&1)
isnt $? 0 "a 5xx fails the sync"
like "$out" '^warta: sync freshrss: items: HTTP 503 after 2 tries$' "... naming service, step and status"
is "$(state | grep -v a/10)" "$(echo "$before" | grep -v a/10)" "... the cache as it was"
like "$(srv_item 10)" 'read=1' "... what was pushed before the failure stays pushed"
w mark --read https://news.example/a/13 >/dev/null
echo 'fail edit-tag 502' >"$SYNC_DIR/control"
out=$(w sync 2>&1)
like "$out" 'sync freshrss: push: HTTP 502' "a push refused"
like "$(w mark --read https://news.example/a/13 2>/dev/null)" '1 change for the sync server' "... stays queued"
like "$(srv_item 13)" 'read=0' "... and the server has not got it"
echo 'cut stream/items/contents' >"$SYNC_DIR/control"
sync_server_start 40 3
sync_config "$cfg" freshrss
echo 'cut stream/items/contents' >"$SYNC_DIR/control"
rm -f "$cache" "$cache-wal" "$cache-shm"
out=$(w sync 2>&1)
isnt $? 0 "an answer cut halfway fails the sync"
like "$out" 'sync freshrss: items: .*(closed before the end|partial)' "... saying so"
echo 'slow subscription/list 7000' >"$SYNC_DIR/control"
start=$(date +%s)
out=$(w sync 2>&1)
el=$(($(date +%s) - start))
like "$out" 'sync freshrss: subscriptions: (timed out|stalled)' "a server that does not answer is given up"
[ "$el" -le 14 ]; ok $? "... in bounded time ($el s)"
: >"$SYNC_DIR/control"

# paging over several continuations
echo 'page 7' >"$SYNC_DIR/control"
out=$(w sync --verbose 2>&1)
ok $? "ids paged seven at a time"
like "$out" '27 new items' "... all came"
[ "$(srv_count ids)" -ge 6 ]; ok $? "... over several continuations ($(srv_count ids) pages)"
: >"$SYNC_DIR/control"

# token expiry mid-sync: renewed once, silently
logins=$(srv_count login)
w mark --read https://news.example/a/3 >/dev/null
echo 'expire-after 2' >"$SYNC_DIR/control"
out=$(w sync --verbose 2>&1)
ok $? "the token expires in the middle of a sync: it goes on"
is "$(srv_count login)" $((logins + 1)) "... after one new login"
like "$(srv_item 3)" 'read=1' "... and the change reached the server"
: >"$SYNC_DIR/control"

# wrong password
w mark --read https://news.example/a/6 >/dev/null
rm -f "$XDG_STATE_HOME/warta/sync-token"
before=$(state)
printf 'wrong\n' >"$D/wrong"
chmod 600 "$D/wrong"
sync_config "$cfg" freshrss "$D/wrong"
out=$(w sync 2>&1)
isnt $? 0 "a wrong password fails"
is "$out" "warta: sync freshrss: login: HTTP 401, check user and password" "... saying where and what to check"
is "$(state)" "$before" "... the cache as it was"
chmod 644 "$D/wrong"
out=$(w sync 2>&1)
like "$out" 'password-file .*: others can read it \(mode 644\): refused' "a password file others can read is refused"
sync_config "$cfg" freshrss
cmdcfg=$D/cmd.ini
sed "s|^password-file = .*|password-command = printf '%s\\\\n' '$SYNC_PASSWORD'|" "$cfg" >"$cmdcfg"
out=$("$WARTA" -c "$cmdcfg" --cache "$cache" sync --verbose 2>&1)
ok $? "password-command: run without a shell, its first line is the password"
sed 's|^password-file = .*|password = x|' "$cfg" >"$cmdcfg"
out=$("$WARTA" -c "$cmdcfg" --cache "$cache" sync 2>&1)
like "$out" 'a password is never kept in the config file' "password = is refused, saying why"
sed -e '/^password-file/d' "$cfg" >"$cmdcfg"
rm -f "$XDG_STATE_HOME/warta/sync-token"
out=$(WARTA_SYNC_PASSWORD=$SYNC_PASSWORD "$WARTA" -c "$cmdcfg" --cache "$cache" sync --verbose 2>&1)
ok $? "WARTA_SYNC_PASSWORD"

# ---- a server that is down
sync_server_stop
before=$(state)
out=$(w sync 2>&1)
isnt $? 0 "a server that is down"
like "$out" 'sync freshrss: (login|push|subscriptions): cannot connect' "... is reported"
is "$(state)" "$before" "... and the cache is as it was"

# ---- 10 000 items
sync_server_start 10000 20
sync_config "$cfg" greader
rm -f "$cache" "$cache-wal" "$cache-shm" "$XDG_STATE_HOME/warta/sync-token"
out=$(w sync --verbose 2>&1)
ok $? "a first sync of 10 000 items"
like "$out" '^20 subscriptions, 6[0-9]{3} new items' "... the unread and starred ones"

# ---- Nextcloud News
sync_server_start 2500 4
cfg=$D/nextcloud.ini
cache=$D/nc.db
sync_config "$cfg" nextcloud
out=$(w sync --verbose 2>&1)
ok $? "nextcloud: first sync"
like "$out" '^4 subscriptions, 1676 new items' "... unread and starred, paged by offset"
[ "$(grep -c 'GET .*/items$' "$SYNC_DIR/log")" -ge 3 ]; ok $? "... over several pages"
w mark --read https://news.example/a/2500 >/dev/null
w mark --flag https://news.example/a/2499 >/dev/null
w mark --all-read 'Feed 1' >/dev/null
: >"$SYNC_DIR/log"
out=$(w sync --verbose 2>&1)
ok $? "nextcloud: push"
like "$(cat "$SYNC_DIR/log")" 'PUT .*/items/read/multiple' "... read by items/read/multiple"
like "$(cat "$SYNC_DIR/log")" 'PUT .*/items/star/multiple' "... starred by items/star/multiple"
like "$(cat "$SYNC_DIR/log")" 'PUT .*/feeds/1/read' "... a source marked read by feeds/ID/read"
like "$(srv_item 2500)" 'read=1' "item read on the server"
like "$(srv_item 2499)" 'starred=1' "item starred on the server"
is "$(grep -cE '^item [0-9]+ feed=1 read=0' "$SYNC_DIR/state")" 0 "Feed 1 read on the server"
printf 'set 2494 read 1\n' >"$SYNC_DIR/control"
: >"$SYNC_DIR/log"
out=$(w sync --verbose 2>&1)
ok $? "nextcloud: a sync after a change elsewhere"
like "$(cat "$SYNC_DIR/log")" 'items/updated' "... asks what changed since the last sync"
is "$(wc -l <"$SYNC_DIR/log")" 3 "... in three requests"
like "$(state)" 'read	https://news.example/a/2494' "... and applies it"
echo 'password other' >"$SYNC_DIR/control"
out=$(w sync 2>&1)
is "$out" "warta: sync nextcloud: login: HTTP 401, check user and password" "nextcloud: a wrong password"
: >"$SYNC_DIR/control"

# ---- import subscribes on the server when sync is on
cat >"$D/list.opml" <<'XML'
<?xml version="1.0"?>
<opml version="2.0"><body>
<outline text="Tech"><outline text="Gadgets" xmlUrl="https://gadgets.example/feed"/></outline>
</body></opml>
XML
out=$(w import "$D/list.opml" 2>&1)
ok $? "import with sync on" && : || echo "# $out"
like "$(cat "$SYNC_DIR/state")" 'feed 5 https://gadgets.example/feed' "... subscribes on the server"
unlike "$(cat "$cfg")" 'gadgets' "... and leaves the config alone"

done_testing
