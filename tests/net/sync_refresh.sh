#!/bin/bash
# sync_refresh.sh: the sync server's subscriptions as sources beside the config's: refresh syncs first and fetches their articles, search, export, purge, names, retention.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/net/sync_lib.sh"

export XDG_STATE_HOME=$TMPDIR_TEST/xstate
D=$TMPDIR_TEST
cfg=$D/sync.ini
cache=$D/cache.db
w() { "$WARTA" -c "$cfg" --cache "$cache" "$@"; }
articles() { grep -c '^GET /a/' "$SYNC_DIR/log"; }

# a local feed beside the server's, named as one of the server's is
cat >"$D/local.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Quay Notes</title>
<item><title>The crane on pier four</title><guid isPermaLink="false">quay-1</guid>
<description>The old crane was painted red again.</description></item>
</channel></rss>
XML
sync_server_start 30 4 --articles --later 8 || skip_all "the sync server did not start"
sync_config "$cfg" freshrss
printf '\n[Feed 1]\nurl = file://%s/local.xml\nfetch-articles = no\n' "$D" >>"$cfg"

out=$(w refresh --verbose --no-articles 2>&1)
ok $? "refresh with [sync]: it syncs first" && : || echo "# $out"
like "$out" '^sync: 4 subscriptions, 15 new items' "... the server's items came"
is "$(articles)" 0 "... --no-articles: no page fetched"

# refresh NAME: a synced source syncs, and fetches its own articles only
: >"$SYNC_DIR/log"
out=$(w refresh --verbose 'Feed 3' 2>&1)
ok $? "refresh one synced source"
like "$(cat "$SYNC_DIR/log")" 'stream/items/ids' "... syncs"
is "$(grep '^GET /a/' "$SYNC_DIR/log" | sed 's|.*/||' | sort -n | tr '\n' ' ')" "3 7 15 19 " \
	"... and fetches the articles of Feed 3's items alone"
like "$(w refresh --verbose 'No Such' 2>&1)" "no source named 'No Such'" "an unknown name is still an error"

: >"$SYNC_DIR/log"
out=$(w refresh --verbose 2>&1)
ok $? "refresh every source"
like "$out" '11 articles fetched, 0 failed' "... the articles of every other new synced item"
is "$(articles)" 11 "... once each, from the item's own link"
hits=$(w search --limit 100 'lighthouse keeper' | grep -c 'Item [0-9]* of Feed')
is "$hits" 15 "the synced items read as articles: their page's text is searchable"
like "$(w search --limit 100 'lighthouse keeper')" '^2023-[0-9-]+  Feed 1 \(2\)  Item' \
	"a server's feed named as a config's source is named apart ('Feed 1 (2)')"
like "$(w search crane)" 'Quay Notes|The crane on pier four' "the config's own source works beside them"
unlike "$(w search --source 'Feed 1' lighthouse 2>&1)" 'Item' "... and its cache row is its own"
like "$(w search --source 'Feed 2' --limit 100 harbour 2>&1)" 'Item [0-9]+ of Feed 2' \
	"search --source takes a synced source"
unlike "$(w search --source 'Feed 2' --limit 100 harbour 2>&1)" 'of Feed [13]' "... and only its items"

# nothing new: the sync asks its handful of questions, no article again
: >"$SYNC_DIR/log"
out=$(w refresh --verbose 2>&1)
ok $? "refresh again"
like "$out" '^sync: 4 subscriptions, 0 new items' "... nothing new"
is "$(articles)" 0 "... and no article fetched twice"

# export: the synced sources after the config's, in their folders
x=$(w export)
like "$x" 'title="Feed 1" type="rss" xmlUrl="file://' "export: the config's source"
like "$x" '<outline text="World" title="World">' "... the server's folders"
like "$x" 'title="Feed 2" type="rss" xmlUrl="https://feed2.example/rss.xml" category="/Daily"' \
	"... a synced source in its folder"

# purge keeps the synced sources while [sync] is there
out=$(w purge --dry-run 2>&1)
is "$out" "nothing to purge" "purge keeps the synced sources"
sed '/^\[sync\]/,/^$/d' "$cfg" >"$D/nosync.ini"
out=$("$WARTA" -c "$D/nosync.ini" --cache "$cache" purge --dry-run 2>&1)
like "$out" "would drop Feed 2 " "... without [sync] they are sources the config dropped"

# a config section named as a synced source takes the name
printf '\n[Feed 2]\nurl = file://%s/local.xml\nfetch-articles = no\n' "$D" >>"$cfg"
out=$(w refresh --verbose 2>&1)
ok $? "refresh with a config source named as a synced one"
like "$(w search --limit 100 harbour)" '  Feed 2 \(2\)  Item [0-9]+ of Feed 2' \
	"the synced one yields its name ('Feed 2 (2)')"
like "$(w search --source 'Feed 2' crane)" 'The crane on pier four' "... the config's has its own items"
unlike "$(w search --source 'Feed 2' --limit 100 harbour 2>&1)" 'of Feed 2' "... and none of the server's"

# retention: what the server lists unread stays, or it would come again
sed -i 's/^retries = 1$/retries = 1\nmax-items = 2/' "$cfg"
echo arrive >"$SYNC_DIR/control"
out=$(w sync --verbose 2>&1)
ok $? "a sync with max-items = 2"
like "$out" ', 5 new items' "... new items came, so retention ran"
before=$(srv_count contents)
n=$(w search --source 'Feed 1 (2)' --limit 100 harbour | grep -c 'Item')
[ "$n" -gt 2 ]; ok $? "unread synced items are kept past max-items ($n)"
out=$(w sync --verbose 2>&1)
like "$out" ', 0 new items' "... so the next sync fetches none of them again"
is "$(srv_count contents)" "$before" "... not one contents request"

# the server down: the refresh goes on without the sync
sync_server_stop
out=$(w refresh 2>&1)
isnt $? 0 "refresh with the server down fails"
like "$out" 'warta: sync freshrss: (login|subscriptions|push): cannot connect' "... saying the sync failed"
like "$(w search crane)" 'The crane on pier four' "... the config's sources still refreshed"

# offline: refresh connects to nothing
sync_server_start 5 1 --articles
sync_config "$cfg" freshrss
: >"$SYNC_DIR/log"
"$WARTA" -c "$cfg" --cache "$cache" --offline refresh >/dev/null 2>&1
is "$(wc -l <"$SYNC_DIR/log")" 0 "refresh --offline makes no request"

# Nextcloud News: the same articles, after its own sync
sync_server_start 12 2 --articles
sync_config "$cfg" nextcloud
cache=$D/nextcloud.db
out=$(w refresh --verbose 2>&1)
ok $? "nextcloud: refresh syncs first" && : || echo "# $out"
like "$out" '^sync: 2 subscriptions, 8 new items' "... the items came"
like "$out" '8 articles fetched, 0 failed' "... and their article pages"
is "$(w search --limit 100 'lighthouse keeper' | grep -c 'Item [0-9]* of Feed')" 8 \
	"... read as articles"

done_testing
