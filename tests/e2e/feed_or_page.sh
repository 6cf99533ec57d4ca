#!/bin/bash
# feed_or_page.sh: `warta feed` and `warta refresh` read the same bytes as the same thing, feed or page.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

D=$TESTDATA/sniff

# Each file: what both must make of it, and how many items. Before one
# rule decided for both, `warta feed` took the page with RDF in a comment
# for a feed (an error), a refresh missed <html> after the long comment
# (an error), and `warta feed` read the bare channel quoting <html> as a
# page (no items).
check() { # FILE ITEMS WHAT
	local f=$1 want=$2 what=$3 out n
	out=$("$WARTA" feed --format text "$D/$f" 2>&1)
	ok $? "feed: $what is read"
	is "$(printf '%s\n' "$out" | grep -E '^[0-9]+ items?$')" "$want items" \
		"feed: $what: $want items"
	mkdir -p "$TMPDIR_TEST/$f"
	printf '[general]\n[s]\nurl = file://%s\nfetch-articles = no\n' \
		"$D/$f" >"$TMPDIR_TEST/$f/config.ini"
	out=$("$WARTA" -c "$TMPDIR_TEST/$f/config.ini" \
		--cache "$TMPDIR_TEST/$f/cache.db" refresh --no-articles 2>&1)
	ok $? "refresh: $what is read"
	unlike "$out" 'not a feed' "refresh: $what: no error"
	n=$("$WARTA" -c "$TMPDIR_TEST/$f/config.ini" \
		--cache "$TMPDIR_TEST/$f/cache.db" search lighthouse |
		grep -cE '^[0-9-]{10}  ')
	is "$n" "$want" "refresh: $what: the same $want items"
}

check rdf-comment.html 3 "a page with RDF in a comment"
check long-comment.html 3 "a page with <html> after a long comment"
check bare-channel.xml 2 "a bare channel quoting <html>"

# --type still says what to read, whatever the bytes look like
out=$("$WARTA" feed --type feed "$D/rdf-comment.html" 2>&1)
like "$out" 'not a feed' "--type feed: read as a feed"
out=$("$WARTA" feed --format text --content-type 'text/html' "$D/bare-channel.xml")
like "$out" '^2 items$' "a feed labelled text/html is still a feed"

done_testing
