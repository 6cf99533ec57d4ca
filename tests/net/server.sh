#!/bin/bash
# server.sh: the test server itself: static files, validators and fault modes.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/net/lib.sh"

server_start "$TESTDATA/net" || skip_all "test server did not start"
like "$SERVER_URL" '^http://127\.0\.0\.1:[0-9]+$' "SERVER_URL is set"

port=${SERVER_URL##*:}
get() { # PATH [EXTRA-HEADER] -> the raw response
	exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
	printf 'GET %s HTTP/1.1\r\nHost: t\r\n%s\r\n' "$1" "${2:+$2$'\r\n'}" >&3
	timeout 10 cat <&3 | tr -d '\r'
	exec 3<&-
}

r=$(get /feed.xml)
like "$r" '^HTTP/1.1 200 OK' "static file: 200"
like "$r" 'Content-Type: application/xml' "static file: type by extension"
like "$r" 'Kabar Kampung' "static file: body"
etag=$(printf '%s\n' "$r" | sed -n 's/^ETag: //p')
lm=$(printf '%s\n' "$r" | sed -n 's/^Last-Modified: //p')
like "$(get /feed.xml "If-None-Match: $etag")" '^HTTP/1.1 304' "If-None-Match: 304"
like "$(get /feed.xml "If-Modified-Since: $lm")" '^HTTP/1.1 304' "If-Modified-Since: 304"
like "$(get /)" '<h1>Test site' "/ serves index.html"
like "$(get /nothing.xml)" '^HTTP/1.1 404' "missing file: 404"
like "$(get /../../etc/passwd)" '^HTTP/1.1 403' "no escape from the root"
like "$(get /_fault/status/410)" '^HTTP/1.1 410' "fault: status"
r=$(get /_fault/retry-after/429/7)
like "$r" 'Retry-After: 7' "fault: Retry-After"
like "$(get /_fault/loop)" 'Location: /_fault/loop' "fault: loop"
like "$(get /_fault/redirect-file)" 'Location: file:///etc/passwd' "fault: file redirect"
like "$(get '/_fault/charset/koi8-r?file=feed.xml')" 'charset=koi8-r' "fault: charset"
r=$(get /_fault/truncated)
like "$r" 'Content-Length: 6900' "fault: truncated claims more"
is "$(printf '%s\n' "$r" | sed '1,/^$/d' | wc -c)" 690 "fault: truncated sends less"
like "$(get /_fault/echo 'X-Probe: 42')" 'X-Probe: 42' "fault: echo"
start=$(date +%s%N)
get /_fault/slow-start/300 >/dev/null
el=$((($(date +%s%N) - start) / 1000000))
[ "$el" -ge 300 ]; ok $? "fault: slow start waits ($el ms)"
n=$(get /_fault/gzip-bomb/8 | wc -c)
[ "$n" -gt 1000 ] && [ "$n" -lt 65536 ]; ok $? "fault: 8 MB gzip bomb is $n bytes on the wire"
server_stop
ok $? "server stops"
done_testing
