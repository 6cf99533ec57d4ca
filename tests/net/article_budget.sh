#!/bin/bash
# article_budget.sh: a refresh gives a source's articles twice the transfer
# timeout in all, and gives up on a host that does not answer for the rest
# of the refresh, rather than waiting for each of its links in turn; what
# it gave up on is fetched by the next refresh, not counted against it.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/net/lib.sh"

root="$TMPDIR_TEST/www"
mkdir -p "$root"
cat >"$root/page.html" <<'HTML'
<html><head><title>Halaman</title></head><body><article><h1>Halaman</h1>
<p>Sebuah paragraf yang cukup panjang untuk dibaca sebagai isi artikel ini,
dengan kalimat kedua yang menambah beberapa kata lagi ke dalamnya.</p>
<p>Paragraf berikutnya melanjutkan cerita tentang kota pelabuhan kecil itu
dan para nelayannya yang pulang sebelum matahari terbit.</p></article>
</body></html>
HTML
server_start "$root" || skip_all "test server did not start"
command -v curl >/dev/null || skip_all "curl is not installed"
hits() { curl -s "$SERVER_URL/_fault/hits?key=$1"; }
now() { date +%s.%N; }

feed() { # FILE FAULT KEY: 20 items whose links answer by FAULT
	{
		echo '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
		for i in $(seq 1 20); do
			echo "<item><title>Berita $i</title><guid>$3-$i</guid>"
			echo "<link>$SERVER_URL/_fault/$2?key=$3&amp;file=page.html&amp;n=$i</link></item>"
		done
		echo '</channel></rss>'
	} >"$root/$1"
}
feed diam.xml slow-start/60000 diam
feed lambat.xml slow-start/1500 lambat
cfg() { # SOURCE FILE
	cat >"$TMPDIR_TEST/config.ini" <<INI
[general]
timeout = 2
connect-timeout = 2
retries = 0
per-host = 2

[$1]
url = $SERVER_URL/$2
INI
}

# a host that never answers: two tries time out, the other 18 are not made
cfg Diam diam.xml
t=$(now)
"$WARTA" -c "$TMPDIR_TEST/config.ini" --cache "$TMPDIR_TEST/a.db" \
	refresh --verbose >"$TMPDIR_TEST/out" 2>&1
took=$(echo "$(now) - $t" | bc)
n=$(hits diam)
# two at a time: the pair that timed out, and the next pair started as
# their slots freed
ok "$([ "$n" -ge 2 ] && [ "$n" -le 4 ]; echo $?)" \
	"a host that does not answer is asked for a pair of pages, not 20 ($n)"
ok "$(echo "$took < 8" | bc | grep -qx 1; echo $?)" \
	"... and the refresh ends at once ($took s, not 20 timeouts)"
like "$(cat "$TMPDIR_TEST/out")" '20 failed' "the articles are said to have failed"
"$WARTA" -c "$TMPDIR_TEST/config.ini" --cache "$TMPDIR_TEST/a.db" \
	refresh >/dev/null 2>&1
m=$(hits diam)
ok "$([ "$m" -gt "$n" ] && [ "$m" -le $((n + 4)) ]; echo $?)" \
	"the next refresh tries the host again, nothing counted against the items ($m)"

# a slow host: 20 answers of 1.5 s, two at a time, would take 15 s; the
# source's articles get 4 s
cfg Lambat lambat.xml
t=$(now)
"$WARTA" -c "$TMPDIR_TEST/config.ini" --cache "$TMPDIR_TEST/b.db" \
	refresh --verbose >"$TMPDIR_TEST/out" 2>&1
took=$(echo "$(now) - $t" | bc)
n=$(hits lambat)
ok "$([ "$n" -ge 2 ] && [ "$n" -lt 12 ]; echo $?)" \
	"a slow source's articles stop when its time is up ($n of 20 asked)"
ok "$(echo "$took < 10" | bc | grep -qx 1; echo $?)" "... in time ($took s)"
like "$(cat "$TMPDIR_TEST/out")" 'article.* fetched' "those that came are stored"

done_testing
