#!/bin/bash
# refresh.sh: `warta refresh` against the local test server's sources and faults.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/net/lib.sh"

server_start "$TESTDATA/net" || skip_all "test server did not start"
U=$SERVER_URL
cfg="$TMPDIR_TEST/config.ini"
cache="$TMPDIR_TEST/cache.db"
cat >"$cfg" <<INI
[general]
retries = 1
max-size = 1M
timeout = 5
connect-timeout = 2

[Lokal]
url = $U/local.xml
tags = lokal

[Kabar]
url = $U/feed.xml
fetch-articles = no

[Local File]
url = file://$TESTDATA/net/feed.xml
fetch-articles = no

[Broken]
url = $U/_fault/status/500

[Gone]
url = $U/_fault/status/410

[Loop]
url = $U/_fault/loop

[Passwd]
url = $U/_fault/redirect-file

[Endless]
url = $U/_fault/endless

[Bomb]
url = $U/_fault/gzip-bomb/1024

[Slow]
url = $U/_fault/slow-start/20000

[Not A Feed]
url = $U/_fault/status/200

[Off]
url = $U/_fault/status/500
enabled = no
INI
w() { "$WARTA" -c "$cfg" --cache "$cache" "$@"; }

start=$(date +%s)
out=$(w refresh 2>"$TMPDIR_TEST/err"); st=$?
err=$(cat "$TMPDIR_TEST/err")
el=$(($(date +%s) - start))
is "$st" 1 "a failing source makes the exit status 1"
is "$out" "11 sources, 7 new, 8 failed; 2 articles fetched, 1 failed (see --verbose)" \
	"not a terminal: the summary still, and a pointer to the failed articles"
like "$err" '^warta: Broken: HTTP 500 after 2 tries$' "500 retried, then reported"
like "$err" 'warta: Gone: HTTP 410$' "410 reported"
like "$err" 'warta: Loop: more than 10 redirects' "a redirect loop ends"
like "$err" 'warta: Passwd: refused a redirect to file:///etc/passwd' "no redirect to a local file"
like "$err" 'warta: Endless: body larger than 1 MB' "an endless body is capped"
like "$err" 'warta: Bomb: body larger than 1 MB' "a gzip bomb is capped"
like "$err" 'warta: Slow: (timed out after 5 s|stalled: under 16 bytes/s for 2 s)' "a server that never answers is given up"
like "$err" 'warta: Not A Feed: ' "a page that is no feed is reported"
unlike "$err" 'Lokal|Kabar|Local File|Off' "working and disabled sources say nothing"
unlike "$err" 'root:' "nothing of /etc/passwd"
is "$(printf '%s\n' "$err" | wc -l)" 8 "one line per failing source"
[ "$el" -le 12 ]; ok $? "bounded: the whole refresh took $el s"

out=$(w search nelayan)
like "$out" 'Perahu nelayan pulang pagi' "items stored"
out=$(w search cakalang)
like "$out" 'Perahu nelayan' "the article page was fetched, extracted and indexed"
out=$(w search pasar)
like "$out" 'Kabar' "a second source stored"
like "$(w search jembatan)" 'Local File' "a file:// source from the config"

out=$(w refresh -v Lokal Kabar 2>&1); st=$?
is "$st" 0 "named sources only: exit 0"
is "$out" "2 sources, 0 new, 0 failed (2 unchanged)" "second run: nothing new, conditional GET"

out=$(w refresh --verbose kabar 2>&1)
is "$out" "1 source, 0 new, 0 failed (1 unchanged)" "source names ignore case"

err=$(w refresh Nope 2>&1); st=$?
is "$st" 2 "an unknown source is a usage error"
like "$err" "no source named 'Nope'" "... naming it"

err=$("$WARTA" -c "$cfg" --cache "$cache" --offline refresh 2>&1); st=$?
is "$st" 1 "--offline refuses"
like "$err" 'offline' "... and says so"

# a second config: permanent redirects, 404, stray empty items, warnings
cfg2="$TMPDIR_TEST/config2.ini"
cat >"$cfg2" <<INI
[general]
retries = 0
timeout = 5
colour = blue

[Moved]
url = $U/_fault/moved/301?to=/feed.xml
fetch-articles = no

[Missing]
url = $U/_fault/status/404

[Nested]
url = file://$TESTDATA/feeds/nested-empty-items.xml
fetch-articles = no

[Lax]
url = $U/local.xml
insecure = yes
fetch-articles = no
INI
out=$("$WARTA" -c "$cfg2" --cache "$TMPDIR_TEST/c2.db" refresh --verbose 2>"$TMPDIR_TEST/err2"); st=$?
err=$(cat "$TMPDIR_TEST/err2")
is "$st" 1 "exit 1: one source failed"
like "$err" 'warta: Missing: HTTP 404$' "404 reported"
like "$err" "warta: Moved: moved permanently to $U/feed.xml \\(update its url\\)" "a permanent redirect is reported with the new URL"
like "$err" 'warning: .*config2.ini:4: \[general\] colour: unknown key' "an unknown key is a warning naming file, line, section and key"
like "$err" 'warning: .*\[Lax\] insecure: TLS certificates' "the TLS opt-out warns"
like "$out" '^4 sources, 8 new, 1 failed$' "summary line; stray empty items are not stored"
out=$("$WARTA" -c "$cfg2" --cache "$TMPDIR_TEST/c2.db" search desa)
like "$out" 'Jalan desa diperbaiki' "the nested feed's real items are stored"

cat >"$TMPDIR_TEST/bad.ini" <<'INI'
[Kompas]
url = https://kompas.example/feed
max-items = many
INI
err=$("$WARTA" -c "$TMPDIR_TEST/bad.ini" --cache "$cache" refresh 2>&1); st=$?
is "$st" 1 "a config mistake stops the refresh"
like "$err" 'bad.ini: \[Kompas\] max-items: "many" is not a number' "... with the mistake named"
# the summary groups thousands: 6 sources of 200 items and one of 3
big="$TMPDIR_TEST/big"
mkdir -p "$big"
{
	printf '[general]\nfetch-articles = no\n'
	for f in 1 2 3 4 5 6 7; do
		n=200
		[ "$f" = 7 ] && n=3
		{
			printf '<rss version="2.0"><channel><title>Feed %s</title>\n' "$f"
			for i in $(seq "$n"); do
				printf '<item><title>Berita %s-%s</title><guid>g%s-%s</guid></item>\n' "$f" "$i" "$f" "$i"
			done
			printf '</channel></rss>\n'
		} >"$big/f$f.xml"
		printf '[Feed %s]\nurl = file://%s/f%s.xml\n' "$f" "$big" "$f"
	done
} >"$big/config.ini"
out=$("$WARTA" -c "$big/config.ini" --cache "$big/cache.db" refresh --verbose 2>&1); st=$?
is "$st" 0 "seven local sources: exit 0"
is "$out" "7 sources, 1 203 new, 0 failed" "the summary line groups thousands"

# on a terminal: a progress bar, then the summary without --verbose
if command -v script >/dev/null; then
	rm -f "$big/cache.db"*
	out=$(script -qec "'$WARTA' -c '$big/config.ini' --cache '$big/cache.db' refresh" /dev/null </dev/null)
	like "$out" '\[#+ *\] [0-9]+/7 sources' "a terminal shows a progress bar"
	like "$out" '7 sources, 1 203 new, 0 failed' "and the summary"
else
	ok 1 "# skip: no script(1) for a terminal"
	ok 1 "# skip: no script(1) for a terminal"
fi

done_testing
