#!/bin/bash
# extract_names.sh: `warta extract --output-dir` gives every page its own
# file: two index.html of two directories, x?id=1 and x?id=2 of one server.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/net/lib.sh"

server_start "$TESTDATA/net" || skip_all "test server did not start"

mkdir -p "$TMPDIR_TEST/a" "$TMPDIR_TEST/b" "$TMPDIR_TEST/out"
cp "$TESTDATA/net/articles/perahu.html" "$TMPDIR_TEST/a/index.html"
cp "$TESTDATA/net/articles/sekolah.html" "$TMPDIR_TEST/b/index.html"
out="$TMPDIR_TEST/out"
err=$("$WARTA" extract --output-dir "$out" "$TMPDIR_TEST/a/index.html" \
	"$TMPDIR_TEST/b/index.html" 2>&1 >/dev/null)
is "$?" 0 "two pages named index.html are extracted"
is "$(ls "$out" | tr '\n' ' ')" "index-2.txt index.txt " "into two files"
like "$(cat "$out/index.txt")" "$("$WARTA" extract "$TMPDIR_TEST/a/index.html" | sed -n 1p)" \
	"the first page keeps the name"
like "$(cat "$out/index-2.txt")" "$("$WARTA" extract "$TMPDIR_TEST/b/index.html" | sed -n 1p)" \
	"the second has its own"
like "$err" "b/index.html: written to .*/out/index-2.txt" "which is said"

rm -f "$out"/*
err=$("$WARTA" extract --format json --output-dir "$out" \
	"$SERVER_URL/articles/perahu.html?id=1" \
	"$SERVER_URL/articles/sekolah.html?id=2" \
	"$SERVER_URL/articles/perahu.html?id=3" 2>&1 >/dev/null)
is "$?" 0 "URLs that differ in their query are extracted"
is "$(ls "$out" | tr '\n' ' ')" "perahu-2.json perahu.json sekolah.json " \
	"each into its own file"
like "$(cat "$out/perahu-2.json")" '"url": "[^"]*perahu.html\?id=3"' "the third page in perahu-2.json"

# a second run writes the same names again: a run never overwrites its own
"$WARTA" extract --format json --output-dir "$out" \
	"$SERVER_URL/articles/perahu.html?id=1" 2>/dev/null
is "$(ls "$out" | wc -l | tr -d ' ')" 3 "a later run replaces its own file, no new one"

done_testing
