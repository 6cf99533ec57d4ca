#!/bin/bash
# fetch_errors.sh: a fetch that fails names the real cause, in one line: a
# reply that is no HTTP, a redirect to a Location that is no URL (never
# offered as the source's new address), more Content-Encoding layers than
# are unpacked, broken chunked encoding (not retried as if transient).
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/net/lib.sh"

server_start "$TESTDATA/net" || skip_all "test server did not start"
F="$SERVER_URL/_fault"

feed_err() { "$WARTA" feed "$1" 2>&1 >/dev/null; }

err=$(feed_err "$F/http09")
is "$err" "warta: feed: $F/http09: the reply is not HTTP (no status line: HTTP/0.9, or no web server)" \
	"a reply with no status line is said to be no HTTP"
unlike "$err" "unsupported URL scheme" "not an unsupported URL scheme"

err=$(feed_err "$F/bad-location/301")
is "$err" "warta: feed: $F/bad-location/301: HTTP 301 redirects to a Location that is no URL: http://[bad::host/x y" \
	"a Location that is no URL is said to be one, in one line"

err=$(feed_err "$F/encodings/6")
is "$err" "warta: feed: $F/encodings/6: the body is compressed in more than 5 layers (Content-Encoding): not unpacked" \
	"six Content-Encoding layers are more than are unpacked"
unlike "$err" corrupt "not a corrupt body"
like "$("$WARTA" feed --format text "$F/encodings/5?file=feed.xml")" 'Jembatan baru dibuka' \
	"five layers are unpacked"

err=$(feed_err "$F/bad-chunked")
like "$err" "^warta: feed: $F/bad-chunked: the reply's chunked encoding is invalid \(.*\)$" \
	"broken chunked encoding is named"
unlike "$err" "tries" "and was tried once"

# a refresh: one line per failing source, no advice to adopt a bad Location
cfg="$TMPDIR_TEST/config.ini"
cat >"$cfg" <<INI
[Moved]
url = $F/bad-location/301
[Nine]
url = $F/http09
[Chunked]
url = $F/bad-chunked?key=chunked
[Layers]
url = $F/encodings/8
INI
err=$("$WARTA" -c "$cfg" --cache "$TMPDIR_TEST/c.db" refresh 2>&1 >/dev/null)
is "$?" 1 "a refresh of them fails"
is "$(printf '%s\n' "$err" | sort)" "warta: Chunked: the reply's chunked encoding is invalid ($(printf '%s\n' "$err" | sed -n 's/^warta: Chunked: .*(\(.*\))$/\1/p'))
warta: Layers: the body is compressed in more than 5 layers (Content-Encoding): not unpacked
warta: Moved: HTTP 301 redirects to a Location that is no URL: http://[bad::host/x y
warta: Nine: the reply is not HTTP (no status line: HTTP/0.9, or no web server)" \
	"one line a source, each naming its cause"
unlike "$err" "moved permanently|update its url" "a Location that is no URL is never offered as the new address"

done_testing
