#!/bin/bash
# cache.sh: the cache commands: search, export-state, import-state, vacuum, damaged caches.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

STOREGEN="${top_builddir:-.}/tests/store/storegen"
[ -x "$STOREGEN" ] || skip_all "storegen not built"
CACHE="$TMPDIR_TEST/cache.db"
"$STOREGEN" "$CACHE" --tsv "$TESTDATA/store/items.tsv" --now 1763300000
ok $? "a cache filled from the fixture"

out=$("$WARTA" --cache "$CACHE" search spiral)
ok $? "search finds matches"
is "$(printf '%s\n' "$out" | grep -c '^20')" 2 "two items mention spiral"
like "$(printf '%s\n' "$out" | head -1)" 'valley  Spiral-shaped' \
	"the one with spiral in its title ranks first"
like "$out" 'harbour  Lighthouse keeper' "article text is searched"
like "$out" 'http://harbour.example/news/lighthouse-keeper' "the link is shown"
like "$out" 'climbed the spiral stairs' "a snippet of the text is shown"
like "$out" '^2025-11-15  valley' "the date is shown"

out=$("$WARTA" --cache "$CACHE" search --unread spiral)
is "$(printf '%s\n' "$out" | grep -c '^20')" 1 "--unread leaves out read items"
out=$("$WARTA" --cache "$CACHE" search --source harbour spiral)
unlike "$out" 'valley' "--source keeps to one source"
err=$("$WARTA" --cache "$CACHE" search --source nowhere spiral 2>&1)
isnt "$?" 0 "an unknown source is an error"
like "$err" "no source called 'nowhere'" "and says so"

out=$("$WARTA" --cache "$CACHE" search coloured | od -c)
unlike "$out" '033' "no escape sequence from the cache reaches the terminal"

for q in '"' '-' 'a"b' '(' 'NEAR(x' 'title:' '*' 'OR'; do
	"$WARTA" --cache "$CACHE" search "$q" >/dev/null 2>"$TMPDIR_TEST/err"
	st=$?
	unlike "$(cat "$TMPDIR_TEST/err")" 'syntax|fts5' "query '$q' is no syntax error"
	[ "$st" -le 1 ]
	ok $? "query '$q' exits 0 or 1"
done
"$WARTA" --cache "$CACHE" search zzzzunknown >/dev/null 2>&1
is "$?" 1 "no match exits 1"
"$WARTA" --cache "$CACHE" search >/dev/null 2>&1
is "$?" 2 "no query is a usage error"

# read state out and in
out=$("$WARTA" --cache "$CACHE" export-state)
ok $? "export-state"
like "$out" $'^read\thttp://harbour.example/news/lighthouse-keeper$' "read item exported"
like "$out" $'^flagged\thttp://harbour.example/news/ferry-winter$' "flagged item exported"
like "$out" $'^read,flagged\thttp://valley.example/2025/bridge$' "read and flagged item exported"
is "$(printf '%s\n' "$out" | grep -vc '^#')" 3 "only items with state"
"$WARTA" --cache "$CACHE" export-state "$TMPDIR_TEST/state.txt"
ok $? "export-state to a file"

NEW="$TMPDIR_TEST/new.db"
sed 's/\t[01]\t[01]\t/\t0\t0\t/' "$TESTDATA/store/items.tsv" >"$TMPDIR_TEST/fresh.tsv"
grep -v 'bridge' "$TMPDIR_TEST/fresh.tsv" >"$TMPDIR_TEST/fresh2.tsv"
"$STOREGEN" "$NEW" --tsv "$TMPDIR_TEST/fresh2.tsv"
out=$( (cat "$TMPDIR_TEST/state.txt"; echo 'http://valley.example/2025/orchard-festival';
	printf 'bogus\thttp://x.example/\n') |
	"$WARTA" --cache "$NEW" import-state 2>"$TMPDIR_TEST/err")
ok $? "import-state"
like "$out" '^4 URLs: 3 cached items updated, 1 waiting for their items, 1 lines skipped' \
	"import-state reports what it did: $out"
like "$(cat "$TMPDIR_TEST/err")" 'unknown state' "a bad line is reported"
exp=$("$WARTA" --cache "$NEW" export-state | grep -v '^#' | sort)
is "$exp" "$(printf 'flagged\thttp://harbour.example/news/ferry-winter
read\thttp://harbour.example/news/lighthouse-keeper
read\thttp://valley.example/2025/orchard-festival
read,flagged\thttp://valley.example/2025/bridge')" "state survives the round trip (waiting state included)"
out=$("$WARTA" --cache "$NEW" search --unread orchard 2>&1)
is "$?" 1 "a bare URL line marks its item read"

out=$("$WARTA" --cache "$CACHE" vacuum)
ok $? "vacuum"
like "$out" 'MB -> .* MB, checked ok' "vacuum reports sizes"

# purge: sources no longer in the config
cat >"$TMPDIR_TEST/config.ini" <<'EOF'
[harbour]
url = http://harbour.example/feed
EOF
out=$("$WARTA" -c "$TMPDIR_TEST/config.ini" --cache "$CACHE" purge --dry-run)
ok $? "purge --dry-run"
like "$out" 'would drop valley \(3 items\)' "names what it would drop"
out=$("$WARTA" --cache "$CACHE" search orchard)
ok $? "--dry-run dropped nothing"
out=$("$WARTA" -c "$TMPDIR_TEST/config.ini" --cache "$CACHE" purge)
like "$out" 'purged 1 sources, 3 items' "purge drops the source and its items"
"$WARTA" --cache "$CACHE" search orchard >/dev/null 2>&1
is "$?" 1 "its items are gone"
"$WARTA" --cache "$CACHE" search lighthouse >/dev/null 2>&1
is "$?" 0 "the configured source's items stay"
printf '[general]\n' >"$TMPDIR_TEST/empty.ini"
err=$("$WARTA" -c "$TMPDIR_TEST/empty.ini" --cache "$CACHE" purge 2>&1)
isnt "$?" 0 "a config without sources purges nothing"
like "$err" 'no sources.*--force' "and says how to insist"
printf '[general\nbroken' >"$TMPDIR_TEST/broken.ini"
"$WARTA" -c "$TMPDIR_TEST/broken.ini" --cache "$CACHE" purge >/dev/null 2>&1
isnt "$?" 0 "a config that does not load purges nothing"
"$WARTA" --cache "$CACHE" search lighthouse >/dev/null 2>&1
is "$?" 0 "the items are still there"

# a file that is no SQLite database is no cache: refused, left as it is
JUNK="$TMPDIR_TEST/junk.db"
printf 'my notes, not a cache\n' >"$JUNK"
err=$("$WARTA" --cache "$JUNK" search anything 2>&1 >/dev/null)
isnt "$?" 0 "a file that is no database is refused"
like "$err" 'junk\.db is not a warta cache \(not an SQLite database at all\): it was left untouched' "... saying so"
is "$(cat "$JUNK")" "my notes, not a cache" "... and left as it was"
is "$(ls "$TMPDIR_TEST" | grep -c '^junk\.db')" 1 "... not renamed, nothing beside it"

# a damaged cache is moved aside, never overwritten
HURT="$TMPDIR_TEST/hurt.db"
"$WARTA" --cache "$HURT" import-state /dev/null >/dev/null 2>&1
# the first page's b-tree after the 100-byte file header: the schema
printf 'garbage garbage garbage garbage garbage garbage' |
	dd of="$HURT" bs=1 seek=100 conv=notrunc 2>/dev/null
err=$("$WARTA" --cache "$HURT" search anything 2>&1 >/dev/null)
like "$err" 'moved aside to .*hurt\.db\.corrupt-' "a damaged cache is reported"
aside=$(ls "$TMPDIR_TEST" | grep -c '^hurt\.db\.corrupt-')
is "$aside" 1 "and moved aside"

# the default path follows XDG_DATA_HOME; export-state, which only reads,
# makes no cache there
err=$("$WARTA" export-state 2>&1 >/dev/null)
is "$?" 1 "export-state without a cache fails"
like "$err" "no cache at $XDG_DATA_HOME/warta/cache.db" \
	"and names the default cache under \$XDG_DATA_HOME/warta"
[ ! -e "$XDG_DATA_HOME/warta" ]
ok $? "which it does not make"

done_testing
