#!/bin/bash
# cache_owner.sh: warta writes only to its own caches: another program's
# SQLite database is refused and left byte for byte as it was; an empty or
# new file becomes a cache marked with warta's application_id; a failed
# upgrade changes nothing; a path in a missing directory is an error; the
# commands that only read never make a cache or a config.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

SQLRUN="${top_builddir:-.}/tests/store/sqlrun"
[ -x "$SQLRUN" ] || skip_all "tests/store/sqlrun not built"
WARTA_ID=2003989601 # 0x77727461, "wrta"

cfg="$TMPDIR_TEST/config.ini"
printf '[Feed]\nurl = file://%s\nfetch-articles = no\n' \
	"$TESTDATA/feeds/rss20.xml" >"$cfg"
w() { "$WARTA" -c "$cfg" "$@"; }

# what the directory holds beside a file: name and checksum of each
state() { (cd "$(dirname "$1")" && for f in "$(basename "$1")"*; do
	[ -e "$f" ] && printf '%s %s\n' "$f" "$(cksum <"$f")"; done); }

# ---- another program's database (tables like a newsboat cache's)
other="$TMPDIR_TEST/other/cache.db"
mkdir -p "$(dirname "$other")"
"$SQLRUN" "$other" "
CREATE TABLE rss_feed (rssurl TEXT PRIMARY KEY NOT NULL, url TEXT NOT NULL,
 title TEXT NOT NULL);
CREATE TABLE rss_item (id INTEGER PRIMARY KEY AUTOINCREMENT,
 guid TEXT NOT NULL, title TEXT NOT NULL, url TEXT NOT NULL,
 unread INTEGER NOT NULL);
CREATE TABLE metadata (db_schema_version_major INTEGER NOT NULL,
 db_schema_version_minor INTEGER NOT NULL);
INSERT INTO rss_feed VALUES ('https://a.example/rss', 'https://a.example/',
 'Other reader''s feed');
INSERT INTO metadata VALUES (2, 38);"
ok $? "another program's database is made"
before=$(state "$other")
for cmd in refresh "search word" export-state "import-state /dev/null" \
	vacuum "purge --force" reextract "mark --all-read"; do
	# shellcheck disable=SC2086
	err=$(w --cache "$other" $cmd 2>&1 </dev/null >/dev/null); st=$?
	is "$st" 1 "$cmd: another program's database is refused"
	like "$err" "is not a warta cache \(an SQLite database of another program, with the tables metadata, rss_feed, rss_item\): it was left untouched" \
		"$cmd: and says so, naming its tables"
	is "$(state "$other")" "$before" "$cmd: the file is as it was, nothing beside it"
done
is "$("$SQLRUN" "$other" 'PRAGMA journal_mode; PRAGMA application_id')" "delete
0" "no WAL switch, no application_id"

# another application_id, even with no tables
"$SQLRUN" "$TMPDIR_TEST/other/app.db" "PRAGMA application_id = 1234; PRAGMA user_version = 3"
before=$(state "$TMPDIR_TEST/other/app.db")
err=$(w --cache "$TMPDIR_TEST/other/app.db" refresh 2>&1 >/dev/null)
is "$?" 1 "a database with another application_id is refused"
like "$err" "application_id 0x000004d2" "and the message names it"
is "$(state "$TMPDIR_TEST/other/app.db")" "$before" "and it is left as it was"

# ---- an empty file, and a new one, become caches marked as warta's
: >"$TMPDIR_TEST/empty.db"
w --cache "$TMPDIR_TEST/empty.db" refresh 2>/dev/null
is "$?" 0 "an empty file becomes a cache"
is "$("$SQLRUN" "$TMPDIR_TEST/empty.db" 'PRAGMA application_id')" "$WARTA_ID" \
	"with warta's application_id"
w --cache "$TMPDIR_TEST/new.db" refresh 2>/dev/null
is "$?" 0 "a new file becomes a cache"
is "$("$SQLRUN" "$TMPDIR_TEST/new.db" 'PRAGMA application_id; PRAGMA journal_mode')" \
	"$WARTA_ID
wal" "with warta's application_id, in WAL mode"
like "$(w --cache "$TMPDIR_TEST/new.db" search jembatan)" 'Jembatan baru' \
	"and it is read again"

# a cache from before the application_id is known by its tables and marked
old="$TMPDIR_TEST/old.db"
"$SQLRUN" "$old" "$(cat "$TESTDATA/store/schema-v3.sql")"
w --cache "$old" refresh 2>/dev/null
is "$?" 0 "a cache of schema 3 (no application_id) is upgraded"
schema=$(sed -n 's/^#define STORE_SCHEMA_VERSION \([0-9]*\).*/\1/p' \
	"$top_srcdir/src/store/store.h")
is "$("$SQLRUN" "$old" 'PRAGMA user_version; PRAGMA application_id')" "$schema
$WARTA_ID" "and marked as warta's (schema $schema)"

# ---- a failed upgrade changes nothing: a cache of schema 3 whose step
# from 8 to 9 fails, after five steps that worked
bad="$TMPDIR_TEST/bad.db"
"$SQLRUN" "$bad" "$(cat "$TESTDATA/store/schema-v3.sql")
CREATE TABLE sync_sources (x);"
before=$(state "$bad")
err=$(w --cache "$bad" refresh 2>&1 >/dev/null)
is "$?" 1 "a failed upgrade is an error"
like "$err" "upgrading the schema from version 8" "which says so"
is "$(state "$bad")" "$before" "and leaves the file byte for byte, nothing beside it"
is "$("$SQLRUN" "$bad" 'PRAGMA journal_mode; PRAGMA user_version; PRAGMA application_id')" "delete
3
0" "not switched to WAL, still version 3, not marked"

# ---- paths in directories that do not exist
err=$(w --cache "$TMPDIR_TEST/nodir/sub/cache.db" refresh 2>&1 >/dev/null)
is "$?" 1 "--cache in a missing directory is an error"
like "$err" "^warta: --cache .*/nodir/sub/cache.db: the directory .*/nodir/sub does not exist$" \
	"naming the directory"
is "$(ls -d "$TMPDIR_TEST/nodir" 2>/dev/null)" "" "which is not created"
printf '<opml version="2.0"><body><outline type="rss" text="A" xmlUrl="https://a.example/rss"/></body></opml>\n' \
	>"$TMPDIR_TEST/list.opml"
err=$("$WARTA" -c "$TMPDIR_TEST/nodir/config.ini" import "$TMPDIR_TEST/list.opml" 2>&1 >/dev/null)
is "$?" 1 "-c in a missing directory is an error"
like "$err" "^warta: --config .*/nodir/config.ini: the directory .*/nodir does not exist$" \
	"naming the directory"
is "$(ls -d "$TMPDIR_TEST/nodir" 2>/dev/null)" "" "which is not created"

# the default place is still made on a first run
w refresh 2>/dev/null
is "$?" 0 "a refresh with the default cache"
ok "$([ -f "$XDG_DATA_HOME/warta/cache.db" ]; echo $?)" "makes it, with its directories"

# ---- commands that only read make no cache and no config
export XDG_DATA_HOME="$TMPDIR_TEST/data2" XDG_CONFIG_HOME="$TMPDIR_TEST/config2"
for cmd in "search word" export-state vacuum reextract purge "mark --all-read"; do
	# shellcheck disable=SC2086
	err=$(w $cmd 2>&1 >/dev/null); st=$?
	is "$st" 1 "$cmd without a cache fails"
	like "$err" "there is no cache at $XDG_DATA_HOME/warta/cache.db yet" "$cmd: and says there is none"
done
err=$("$WARTA" export 2>&1 >/dev/null); st=$?
is "$st" 1 "export without a config fails"
like "$err" "there is no config at $XDG_CONFIG_HOME/warta/config.ini yet" "export: and says there is none"
is "$(ls -A "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" 2>/dev/null)" "" \
	"no cache, config or directory was made"
(cd "$TMPDIR_TEST" && w export-state -- -state.txt 2>/dev/null)
is "$?" 1 "export-state -- -state.txt takes -state.txt as the FILE"
is "$(ls "$TMPDIR_TEST/-state.txt" 2>/dev/null)" "" "and, with no cache, writes nothing"

done_testing
