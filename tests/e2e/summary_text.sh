#!/bin/bash
# summary_text.sh: a summary's text is the same in `warta feed`, the search index and its snippets.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

F=$TESTDATA/text/paragraphs.xml

# the first summary is HTML the publisher left unescaped, the second is
# escaped HTML with a reference, a <br> and a script
out=$("$WARTA" feed --format text "$F"); st=$?
is "$st" 0 "feed --format text exits 0"
like "$out" '^     The council met after the storm$' "text: </p><p> ends a line"
like "$out" '^     Giorgia Marlowe spoke first$' "text: ... and the next paragraph starts one"
like "$out" '^     The café on the pier serves tea again\.$' "text: references decoded"
like "$out" '^     Boats$' "text: <br> ends a line"
like "$out" '^     leave at noon\.$' "text: ... the rest follows"
unlike "$out" 'trackVisitor' "text: a script is no text"
out=$("$WARTA" feed "$F")
like "$out" '"summary": "<p>The council met after the storm</p><p>Giorgia Marlowe spoke first</p>"' \
	"json: unescaped paragraphs kept as markup"

printf '[general]\n[gazette]\nurl = file://%s\nfetch-articles = no\n' "$F" \
	>"$TMPDIR_TEST/config.ini"
W() { "$WARTA" -c "$TMPDIR_TEST/config.ini" --cache "$TMPDIR_TEST/cache.db" "$@"; }
W refresh --no-articles >/dev/null 2>&1
ok $? "refresh from a file"

out=$(W search giorgia)
like "$out" 'Council meets on the quay' "search: a word once glued to the paragraph before"
like "$out" '^    The council met after the storm Giorgia Marlowe spoke first$' \
	"search: the snippet is one line, paragraphs apart by a space"
out=$(W search cafe)
like "$out" 'Pier opens again' "search: a word written with a reference"
out=$(W search trackvisitor 2>&1)
unlike "$out" 'Pier opens again' "search: a script's words are not indexed"
out=$(W search eacute 2>&1)
unlike "$out" 'Pier opens again' "search: nor a reference's name"

done_testing
