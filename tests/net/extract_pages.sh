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

out=$("$WARTA" extract "$SERVER_URL/_fault/wrong-type" 2>&1)
is "$?" 1 "an image is no page"
like "$out" '_fault/wrong-type: not a web page: image/png' "says what it is"

out=$("$WARTA" extract "$SERVER_URL/missing.html" 2>&1)
is "$?" 1 "a missing page is an error"
like "$out" 'missing.html' "the error names the URL"

# a URL named on the command line is fetched with the config's [general]
# fetch options, as refresh fetches (user agent, size cap, offline)
out=$("$WARTA" extract --width 300 "$SERVER_URL/_fault/echo?type=text/html" 2>&1)
ok $? "no config: a URL is still extracted"
like "$out" 'User-Agent: warta/' "no config: the default user agent"
[ ! -e "$XDG_CONFIG_HOME/warta/config.ini" ]
ok $? "extract writes no example config"
cfg="$TMPDIR_TEST/fetch.ini"
printf '[general]\nuser-agent = orchard-reader/2.0\nmax-size = 1K\n' >"$cfg"
out=$("$WARTA" -c "$cfg" extract --width 300 "$SERVER_URL/_fault/echo?type=text/html" 2>&1)
ok $? "extract with the config's options"
like "$out" 'User-Agent: orchard-reader/2.0' "extract sends the config's user-agent"
out=$("$WARTA" -c "$cfg" extract "$SERVER_URL/story.html" 2>&1)
is "$?" 1 "extract: the config's max-size applies"
like "$out" 'larger than 1 KB' "extract: says the page is over the cap"
out=$("$WARTA" -c "$cfg" feed "$SERVER_URL/story.html" 2>&1)
is "$?" 1 "feed: the config's max-size applies"
like "$out" 'larger than 1 KB' "feed: says the body is over the cap"
printf '[general]\noffline = yes\n' >"$cfg"
out=$("$WARTA" -c "$cfg" extract "$SERVER_URL/story.html" 2>&1)
is "$?" 1 "extract: offline = yes fetches nothing"
like "$out" 'offline = yes' "extract: says the config is offline"
out=$("$WARTA" -c "$cfg" feed "$SERVER_URL/story.html" 2>&1)
is "$?" 1 "feed: offline = yes fetches nothing"
out=$("$WARTA" --offline feed "$SERVER_URL/story.html" 2>&1)
is "$?" 1 "feed: --offline fetches nothing"
like "$out" 'not fetched: --offline' "feed: says why"
printf '[general]\ntimeout = soon\n' >"$cfg"
out=$("$WARTA" -c "$cfg" extract "$SERVER_URL/story.html" 2>&1)
is "$?" 1 "extract: a broken config stops a fetch"
like "$out" 'timeout' "extract: the config error is shown"
out=$("$WARTA" -c "$cfg" extract "$TESTDATA/extract-pages/story.html" 2>&1)
ok $? "a local file needs no config"

done_testing
