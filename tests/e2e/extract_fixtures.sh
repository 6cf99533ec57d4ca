#!/bin/bash
# extract_fixtures.sh: the extraction fixtures' harness (test_extract): a
# fixture that cannot run fails rather than being skipped; one case or one
# fixture runs by its name.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

te=${TEST_EXTRACT:-$top_builddir/tests/unit/test_extract}
[ -x "$te" ] || skip_all "no $te"

# A fixtures directory of three: a good one, one without its page, one
# without anything to compare.
data="$TMPDIR_TEST/data"
mkdir -p "$data/extract/good" "$data/extract/no-page" "$data/extract/no-expected"
cat >"$data/extract/good/source.html" <<'HTML'
<html><head><title>The ferry runs again</title></head><body><article>
<h1>The ferry runs again</h1>
<p>After a winter of repairs the small ferry across the bay carries
passengers again, twelve crossings a day, the harbour office says.</p>
<p>The island's shops say the first week was their busiest of the year,
and the timetable will stay the same through the summer months.</p>
</article></body></html>
HTML
cat >"$data/extract/good/expected.txt" <<'TEXT'
After a winter of repairs the small ferry across the bay carries passengers again, twelve crossings a day, the harbour office says.

The island's shops say the first week was their busiest of the year, and the timetable will stay the same through the summer months.
TEXT
cp "$data/extract/good/expected.txt" "$data/extract/no-page/expected.txt"
cp "$data/extract/good/source.html" "$data/extract/no-expected/source.html"

out=$(TESTDATA=$data "$te" golden/good 2>&1); st=$?
is "$st" 0 "a fixture with its page and its text passes"
like "$out" '^ok [0-9]+ - good: body text' "... and its text is compared"

out=$(TESTDATA=$data "$te" golden/no-page 2>&1); st=$?
isnt "$st" 0 "a fixture without source.html fails"
like "$out" '^not ok [0-9]+ - no-page: has a source.html' "... and says why"

out=$(TESTDATA=$data "$te" golden/no-expected 2>&1); st=$?
isnt "$st" 0 "a fixture with nothing to compare fails"
like "$out" '^not ok [0-9]+ - no-expected: has an expected.txt or expected.json' \
	"... and says why"

out=$(TESTDATA=$data "$te" golden 2>&1); st=$?
isnt "$st" 0 "the whole golden case fails with them"
like "$out" 'no-page: has a source.html' "... naming the fixture"

list=$("$te" --list); st=$?
is "$st" 0 "--list exits 0"
like "$list" '^standfirst +the standfirst' "--list names the cases"

out=$(TESTDATA=$data "$te" standfirst 2>&1); st=$?
is "$st" 0 "one case runs by its name"
is "$(printf '%s\n' "$out" | grep -c '^ok')" 1 "... and only that case"
like "$out" '^# case standfirst' "... announced by name"

out=$(TESTDATA=$data EXTRACT_CASES='standfirst, golden/good' "$te" 2>&1); st=$?
is "$st" 0 "EXTRACT_CASES names cases for make check"
like "$out" '^# fixture good' "... fixtures too"
unlike "$out" 'mathjax|no-page' "... and runs nothing else"

out=$("$te" no-such-case 2>&1); st=$?
isnt "$st" 0 "a name no case has fails"
like "$out" "no case named 'no-such-case'" "... saying so"

done_testing
