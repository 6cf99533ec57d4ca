#!/bin/bash
# reextract.sh: `warta reextract` rebuilds cached articles from their kept pages, offline.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/net/lib.sh"

STORECAT="${top_builddir:-.}/tests/store/storecat"
[ -x "$STORECAT" ] || skip_all "storecat not built"
server_start "$TESTDATA/net" || skip_all "test server did not start"
cfg="$TMPDIR_TEST/config.ini"
cache="$TMPDIR_TEST/cache.db"
cat >"$cfg" <<INI
[general]
retries = 0
timeout = 5

[Lokal]
url = $SERVER_URL/local.xml
INI
w() { "$WARTA" -c "$cfg" --cache "$cache" "$@"; }

w refresh 2>/dev/null
"$STORECAT" "$cache" articles >"$TMPDIR_TEST/fresh.txt"
ok $? "the articles read back"
is "$(grep -c '^== ' "$TMPDIR_TEST/fresh.txt")" 2 "two articles cached"
like "$(cat "$TMPDIR_TEST/fresh.txt")" 'page [1-9][0-9]*$' "with their pages kept"

# what a fresh extract of the same page gives, for comparison
"$WARTA" extract --no-pages --width 80 \
	--base-url "$SERVER_URL/articles/perahu.html" \
	"$TESTDATA/net/articles/perahu.html" >"$TMPDIR_TEST/perahu.txt"
server_stop

out=$(w --offline reextract)
is "$?" 0 "nothing stale: exit 0"
like "$out" '^nothing to re-extract: every cached article comes from extractor [0-9]+' \
	"says nothing is stale"

# articles from an older extractor (their text replaced by a stub)
"$STORECAT" "$cache" age 0
ok $? "articles aged to extractor 0"
like "$("$STORECAT" "$cache" articles)" 'extractor 0' "now stale"
w search cakalang >/dev/null 2>&1
is "$?" 1 "the stale text is what the index holds"

out=$(w reextract --dry-run)
like "$out" '^would re-extract 2 of 2 articles' "--dry-run counts: $out"
like "$("$STORECAT" "$cache" articles)" 'extractor 0' "--dry-run writes nothing"

out=$(w --offline reextract 2>"$TMPDIR_TEST/err")
is "$?" 0 "reextract with the server gone"
like "$out" '^re-extracted 2 of 2 articles with extractor [0-9]+$' "reports counts: $out"
is "$(cat "$TMPDIR_TEST/err")" "" "and no error"
"$STORECAT" "$cache" articles >"$TMPDIR_TEST/again.txt"
is "$(cat "$TMPDIR_TEST/again.txt")" "$(cat "$TMPDIR_TEST/fresh.txt")" \
	"the articles are as a fresh refresh made them"
awk '/^== / { p = /perahu/; next } p' "$TMPDIR_TEST/again.txt" \
	>"$TMPDIR_TEST/cached-perahu.txt"
[ -s "$TMPDIR_TEST/perahu.txt" ]; ok $? "warta extract gives text"
is "$(cat "$TMPDIR_TEST/cached-perahu.txt")" "$(cat "$TMPDIR_TEST/perahu.txt")" \
	"and match warta extract of the same page"
out=$(w search cakalang)
is "$?" 0 "the search index follows the new text"
like "$out" 'Perahu nelayan' "and finds the article"

out=$(w reextract)
like "$out" '^nothing to re-extract' "a second run finds nothing stale"
out=$(w reextract --all)
like "$out" '^re-extracted 2 of 2 articles' "--all re-extracts current ones too"
"$STORECAT" "$cache" age 0
out=$(w reextract Lokal)
like "$out" '^re-extracted 2 of 2 articles' "a named source"
err=$(w reextract Nowhere 2>&1)
is "$?" 1 "an unknown source is an error"
like "$err" "no source called 'Nowhere'" "and says so"
w reextract --bogus >/dev/null 2>&1
is "$?" 2 "an unknown option is a usage error"
like "$("$WARTA" help)" 'reextract' "listed in --help"

done_testing
