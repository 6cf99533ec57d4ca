#!/bin/bash
# tls.sh: TLS is verified (a per-source opt-out warns), and an https source
# is never downgraded to plain http by a redirect. Needs python3 and openssl.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/net/lib.sh"

command -v python3 >/dev/null || skip_all "python3 is not installed"
command -v openssl >/dev/null || skip_all "openssl is not installed"
server_start "$TESTDATA/net" || skip_all "test server did not start"

d=$TMPDIR_TEST/tls
mkdir -p "$d"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
	-keyout "$d/key.pem" -out "$d/cert.pem" >/dev/null 2>&1 ||
	skip_all "openssl cannot make a certificate"
# a tiny https server: /down redirects to the plain test server, the rest
# is a feed
cat >"$d/srv.py" <<'PY'
import http.server, ssl, sys
d, target = sys.argv[1], sys.argv[2]
FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>S</title><item><title>Aman</title><guid>s1</guid></item></channel></rss>'
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/down":
            self.send_response(301); self.send_header("Location", target)
            self.send_header("Content-Length", "0"); self.end_headers()
        else:
            self.send_response(200); self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(FEED))); self.end_headers()
            self.wfile.write(FEED)
    def log_message(self, *a): pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(d + "/cert.pem", d + "/key.pem")
s.socket = ctx.wrap_socket(s.socket, server_side=True)
open(d + "/port.tmp", "w").write(str(s.server_address[1]))
import os; os.rename(d + "/port.tmp", d + "/port")
s.timeout = 1
for _ in range(60):
    s.handle_request()
PY
python3 "$d/srv.py" "$d" "$SERVER_URL/feed.xml" &
tls_pid=$!
for _ in $(seq 50); do [ -s "$d/port" ] && break; sleep 0.1; done
[ -s "$d/port" ] || { kill $tls_pid; skip_all "the https server did not start"; }
T="https://127.0.0.1:$(cat "$d/port")"

cat >"$TMPDIR_TEST/c.ini" <<INI
[general]
retries = 0
fetch-articles = no
[Checked]
url = $T/feed
[Trusted Anyway]
url = $T/feed
insecure = yes
[Downgrade]
url = $T/down
insecure = yes
INI
err=$("$WARTA" -c "$TMPDIR_TEST/c.ini" --cache "$TMPDIR_TEST/c.db" refresh 2>&1); st=$?
kill $tls_pid 2>/dev/null; wait $tls_pid 2>/dev/null
is "$st" 1 "exit 1"
like "$err" 'warta: Checked: TLS certificate not trusted' "a self-signed certificate is refused"
like "$err" 'warning: .*\[Trusted Anyway\] insecure: TLS certificates of this source are not checked' "the opt-out warns"
unlike "$err" 'Trusted Anyway:' "... and works"
like "$err" "warta: Downgrade: refused a redirect from https to plain http://" "no downgrade to plain http"
done_testing
