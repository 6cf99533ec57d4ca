#!/bin/bash
# search.sh: `warta search --source` names a source as refresh does, in
# any case.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

DIR="$TMPDIR_TEST/nav"
mkdir -p "$DIR"
for f in "$TESTDATA"/nav/*; do
	sed "s|@DIR@|$DIR|g" "$f" >"$DIR/${f##*/}"
done
cfg="$TMPDIR_TEST/config.ini"
cache="$TMPDIR_TEST/cache.db"
printf '[Alpha]\nurl = file://%s/alpha.xml\n[Beta]\nurl = file://%s/beta.xml\n' \
	"$DIR" "$DIR" >"$cfg"
"$WARTA" -c "$cfg" --cache "$cache" refresh
ok $? "the fixtures are refreshed"
"$WARTA" -c "$cfg" --cache "$cache" refresh alpha >/dev/null
ok $? "refresh takes a source's name in any case"

out=$("$WARTA" -c "$cfg" --cache "$cache" search --source Alpha ledger 2>&1)
like "$out" 'Alpha +Ledger of the lighthouse keepers' "search --source with the name as written"
out=$("$WARTA" -c "$cfg" --cache "$cache" search --source alpha ledger 2>&1)
ok $? "search --source in lower case finds the source"
like "$out" 'Alpha +Ledger of the lighthouse keepers' "and its matches"
out=$("$WARTA" -c "$cfg" --cache "$cache" search --source BETA ledger 2>&1)
like "$out" 'no matches' "in upper case it limits the search to that source"
out=$("$WARTA" -c "$cfg" --cache "$cache" search --source Gamma ledger 2>&1)
like "$out" "no source called 'Gamma'" "a source that is not there is still an error"

done_testing
