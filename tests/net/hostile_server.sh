#!/bin/bash
# hostile_server.sh: servers that misbehave on purpose. Each fault ends as a
# clear error on its own source within the configured bounds, the other
# sources of the same refresh succeed, and warta feed / warta extract of a
# single URL end with a message too.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/net/lib.sh"

root=$TMPDIR_TEST/root
mkdir -p "$root"
server_start "$root" || skip_all "test server did not start"
U=$SERVER_URL

# a good feed whose articles are hostile pages, and a good article
cat >"$root/good.xml" <<XML
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Good</title>
<item><title>Kabar baik tiba</title><guid>g1</guid><link>$U/article.html</link></item>
<item><title>Halaman tanpa akhir</title><guid>g2</guid><link>$U/_fault/endless</link></item>
<item><title>Bom gzip</title><guid>g3</guid><link>$U/_fault/gzip-bomb/10240</link></item>
<item><title>Pengalihan ke berkas</title><guid>g4</guid><link>$U/_fault/redirect-file</link></item>
<item><title>Satu bita semenit</title><guid>g5</guid><link>$U/_fault/slow-body/60000</link></item>
</channel></rss>
XML
cat >"$root/article.html" <<'HTML'
<html><head><title>Kabar baik tiba</title></head><body><article>
<h1>Kabar baik tiba</h1>
<p>Para nelayan pulang membawa tangkapan ikan tongkol yang melimpah pagi ini,
dan pasar ikan di pelabuhan ramai sejak subuh.</p>
<p>Harga di tingkat pedagang turun sedikit, kata seorang penjual yang sudah
berjualan di sana selama dua puluh tahun.</p>
</article></body></html>
HTML

cfg=$TMPDIR_TEST/config.ini
cache=$TMPDIR_TEST/cache.db
cat >"$cfg" <<INI
[general]
retries = 0
max-size = 1M
timeout = 6
connect-timeout = 2

[Good]
url = $U/good.xml

[Endless]
url = $U/_fault/endless

[Byte A Minute]
url = $U/_fault/slow-body/60000

[Bomb]
url = $U/_fault/gzip-bomb/10240

[Loop]
url = $U/_fault/loop

[Passwd]
url = $U/_fault/redirect-file

[Gopher]
url = $U/_fault/redirect-gopher

[Headers]
url = $U/_fault/huge-headers/1024

[Header]
url = $U/_fault/huge-header/1024

[Stale]
url = $U/_fault/304

[Never Answers]
url = $U/_fault/slow-start/600000
INI
w() { "$WARTA" -c "$cfg" --cache "$cache" "$@"; }

t0=$(date +%s%N)
timeout -s KILL 60 "$WARTA" -c "$cfg" --cache "$cache" refresh \
	>"$TMPDIR_TEST/out" 2>"$TMPDIR_TEST/err"
st=$?
ms=$((($(date +%s%N) - t0) / 1000000))
err=$(cat "$TMPDIR_TEST/err")
echo "# refresh of 11 sources, 10 hostile: $ms ms"
is "$st" 1 "exit status 1: sources failed, and no crash"
like "$err" '^warta: Endless: body larger than 1 MB \(max-size\)$' "a body that never ends: the size cap, named"
like "$err" '^warta: Byte A Minute: stalled: under [0-9]+ bytes/s for 2 s$' \
	"a byte a minute: the low-speed limit"
like "$err" '^warta: Bomb: body larger than 1 MB \(max-size\)$' "a 10 GB gzip bomb: the size cap on decoded bytes, named"
like "$err" '^warta: Loop: more than 10 redirects$' "a redirect loop"
like "$err" '^warta: Passwd: refused a redirect to file:///etc/passwd' "a redirect to file://"
like "$err" '^warta: Gopher: refused a redirect to gopher://' "a redirect to gopher://"
like "$err" '^warta: Headers: response headers larger than' "1 MB of headers"
unlike "$err" 'Headers: .*max-size' "whose cap is not max-size"
like "$err" '^warta: Header: a response header larger than 100 KB$' "one header of 1 MB"
like "$err" '^warta: Stale: HTTP 304 \(not modified\) without a cached copy$' \
	"a 304 without a cached copy"
like "$err" '^warta: Never Answers: (timed out after 6 s|stalled)' "a server that never answers"
unlike "$err" '^warta: Good' "the good source succeeds"
unlike "$err" 'root:' "nothing of /etc/passwd"
is "$(grep -c '^warta: ' "$TMPDIR_TEST/err")" 10 "one line per failing source"
[ "$ms" -lt 20000 ]; ok $? "bounded: timeouts, not the server, end it ($ms ms)"
like "$(w search nelayan 2>&1)" 'Kabar baik tiba' "the good article was fetched and extracted"
like "$(w search tiba 2>&1)" 'Good' "the good source's items are stored"
# the hostile article pages cost nothing lasting: items stay, bodies do not
like "$(w search gzip 2>&1)" 'Bom gzip' "an item whose page is a bomb is kept"
ok $(w vacuum >/dev/null 2>&1; echo $?) "vacuum checks the cache: ok"

# the single-URL commands end with a message on each fault too
for f in endless gzip-bomb/10240 loop redirect-file redirect-gopher \
	huge-headers/1024 huge-header/1024 304 status/500; do
	for c in feed extract; do
		t0=$(date +%s%N)
		out=$(timeout -s KILL 30 "$WARTA" $c "$U/_fault/$f" 2>&1)
		st=$?
		ms=$((($(date +%s%N) - t0) / 1000000))
		if [ "$st" = 1 ] && printf '%s\n' "$out" | grep -q "^warta: $c: $U/_fault/$f: "; then
			_result 1 "$c $f: an error naming the URL ($ms ms)"
		else
			_result 0 "$c $f: an error naming the URL" "status $st: $out"
		fi
	done
done
done_testing
