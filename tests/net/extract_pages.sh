#!/bin/bash
# extract_pages.sh: `warta extract URL` follows a two-page article over the local test server.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/net/lib.sh"

server_start "$TESTDATA/extract-pages" || skip_all "test server did not start"

out=$("$WARTA" extract --format json "$SERVER_URL/story.html")
ok $? "a URL is extracted"
like "$out" '"title": "The orchard that came back, part one"' "the title"
like "$out" 'Twenty years ago the old apple orchard' "page one's text"
like "$out" 'Next year the group hopes to open a small press house' "page two's text"
is "$(printf '%s\n' "$out" | grep '^  "text": ' | grep -o 'Every tree now has a number painted' | wc -l | tr -d ' ')" 1 \
	"a paragraph on both pages appears once"
like "$out" '"next_page": null' "nothing left to follow"
unlike "$out" 'Page: |Next page' "no pagination labels"

out=$("$WARTA" extract --format json --no-pages "$SERVER_URL/story.html")
ok $? "--no-pages"
unlike "$out" 'Next year the group hopes' "--no-pages: page two not fetched"
like "$out" "\"next_page\": \"$SERVER_URL/story-2.html\"" "--no-pages: next_page reported"

out=$("$WARTA" --offline extract "$SERVER_URL/story.html" 2>&1)
is "$?" 1 "--offline: a URL fails"
like "$out" 'offline' "--offline: says why"

out=$("$WARTA" extract "$SERVER_URL/missing.html" 2>&1)
is "$?" 1 "a missing page is an error"
like "$out" 'missing.html' "the error names the URL"

done_testing
