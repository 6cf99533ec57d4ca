#!/bin/bash
# hostile_xml.sh: hostile XML and HTML through warta feed, extract, import
# and refresh: entity bombs, external entities, deep nesting, huge values,
# NUL bytes, broken UTF-8, UTF-16 without a BOM, a million items. Each one
# ends with a message or a best effort, never a crash, in bounded time and
# memory. The inputs are generated here, none is kept in the tree.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/net/lib.sh"

D=$TMPDIR_TEST
export XDG_CONFIG_HOME="$D/config"
# memory bounds only outside sanitizer builds (ASan reserves terabytes)
sanitized=
ldd "$WARTA" 2>/dev/null | grep -Eq 'libasan|libubsan' && sanitized=1
nm "$WARTA" 2>/dev/null | grep -q __asan_init && sanitized=1

# bounded SECONDS VMEM_MB OUT CMD...: run CMD with a time limit and, when
# possible, a virtual memory limit; stdout to OUT, stderr to OUT.err.
# Sets $rc (the status) and $el (milliseconds).
bounded() {
	local secs=$1 mb=$2 out=$3 t0
	shift 3
	t0=$(date +%s%N)
	(
		[ -z "$sanitized" ] && ulimit -v $((mb * 1024))
		exec timeout -s KILL "$secs" "$@"
	) >"$out" 2>"$out.err"
	rc=$?
	el=$((($(date +%s%N) - t0) / 1000000))
}
# sane NAME: no crash, no kill, no timeout
sane() {
	if [ "$rc" -lt 128 ] && [ "$rc" != 124 ]; then
		_result 1 "$1: no crash or hang (status $rc, $el ms)"
	else
		_result 0 "$1: no crash or hang" "status $rc after $el ms
$(head -c 400 "$D/out.err")"
	fi
}
utf8_ok() { iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1; }
rep() { # N STRING: STRING N times
	yes "$2" | head -n "$1" | tr -d '\n'
}

marker="SECRET-MARKER-$$-$RANDOM"
secret="$D/secret.txt"
printf '%s\n' "$marker" >"$secret"

srv=$D/srv
mkdir -p "$srv"
server_start "$srv" && U=$SERVER_URL || U=
hits() { # KEY: requests the test server saw for the canary KEY
	local port=${U##*:} line n=
	exec 3<>"/dev/tcp/127.0.0.1/$port" || { echo "?"; return; }
	printf 'GET /_fault/hits?key=%s HTTP/1.0\r\n\r\n' "$1" >&3
	while IFS= read -r line <&3; do n=$line; done
	exec 3<&-
	echo "${n%$'\r'}"
}
canary() { printf '%s/_fault/flaky/0/200?key=%s' "$U" "$1"; }

# ---- billion laughs and quadratic blow-up
laughs() { # ROOT: a ten-level entity bomb declared for ROOT
	printf '<?xml version="1.0"?>\n<!DOCTYPE %s [\n' "$1"
	printf '<!ENTITY l0 "lollollollollollollollollollollol">\n'
	for i in 1 2 3 4 5 6 7 8 9 10; do
		printf '<!ENTITY l%d "%s">\n' $i \
			"$(rep 10 "&l$((i - 1));")"
	done
	printf ']>\n'
}
{
	laughs rss
	printf '<rss version="2.0"><channel><title>Laughs &l10;</title>'
	printf '<item><title>One &l10;</title><description>&l10;</description>'
	printf '<link>http://a.example/&l10;</link></item>'
	printf '<item><title>Two</title></item></channel></rss>\n'
} >"$D/laughs.xml"
bounded 10 300 "$D/out" "$WARTA" feed "$D/laughs.xml"
sane "feed: billion laughs"
[ "$(wc -c <"$D/out")" -lt 100000 ]; ok $? "feed: billion laughs expands to nothing big"

{
	printf '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "%s">]>\n' \
		"$(head -c 100000 /dev/zero | tr '\0' a)"
	printf '<rss version="2.0"><channel><title>Q</title><item><title>'
	rep 20000 '&a;&a;&a;&a;&a;'
	printf '</title><description>'
	rep 20000 '&a;&a;&a;&a;&a;'
	printf '</description></item></channel></rss>\n'
} >"$D/quad.xml"
bounded 10 300 "$D/out" "$WARTA" feed "$D/quad.xml"
sane "feed: quadratic blow-up (10 GB of entity text)"
[ "$(wc -c <"$D/out")" -lt 10000000 ]; ok $? "feed: quadratic blow-up stays small"

{
	laughs html
	printf '<html><head><title>Laughs &l10;</title></head><body><article>'
	printf '<p>A paragraph of the article with &l10; in it.</p>'
	printf '</article></body></html>\n'
} >"$D/laughs.html"
for f in text json; do
	bounded 10 300 "$D/out" "$WARTA" extract --format $f "$D/laughs.html"
	sane "extract --format $f: billion laughs"
	[ "$(wc -c <"$D/out")" -lt 100000 ]; ok $? "extract $f: nothing expanded"
done

{
	laughs opml
	printf '<opml version="2.0"><body><outline text="&l10;" '
	printf 'xmlUrl="http://a.example/&l10;"/></body></opml>\n'
} >"$D/laughs.opml"
bounded 10 300 "$D/out" "$WARTA" -c "$D/laughs.ini" import "$D/laughs.opml"
sane "import: billion laughs"
is "$rc" 1 "import: billion laughs refused"
like "$(cat "$D/out.err")" 'entities' "... saying why"

# ---- external entities and DTDs: no file read, no connection
xxe_decl() { # ROOT KEY: external entities of every kind, file and http
	local net=
	[ -n "$U" ] && net=$(canary "$2")
	printf '<?xml version="1.0"?>\n'
	printf '<!DOCTYPE %s SYSTEM "%s" [\n' "$1" "${net:-file://$secret}"
	printf '<!ENTITY xf SYSTEM "file://%s">\n' "$secret"
	printf '<!ENTITY xn SYSTEM "%s">\n' "${net:-file://$secret}"
	printf '<!ENTITY %% pf SYSTEM "file://%s"> %%pf;\n' "$secret"
	[ -n "$net" ] && printf '<!ENTITY %% pn SYSTEM "%s"> %%pn;\n' "$net"
	printf ']>\n'
}
{
	xxe_decl rss xxe-feed
	printf '<rss version="2.0"><channel><title>T &xf;&xn;</title>'
	printf '<item><title>I &xf;&xn;</title><description>&xf;&xn;'
	printf '</description><link>http://a.example/1</link></item>'
	printf '</channel></rss>\n'
} >"$D/xxe.xml"
{
	xxe_decl html xxe-html
	printf '<html><head><title>T &xf;&xn;</title></head><body><article>'
	printf '<p>Body &xf; and &xn; of the article, long enough to keep.</p>'
	printf '<img src="%s"></article></body></html>\n' "${U:+$(canary xxe-img)}"
} >"$D/xxe.html"
{
	xxe_decl opml xxe-opml
	printf '<opml version="2.0"><body><outline text="A" '
	printf 'xmlUrl="http://a.example/feed"/></body></opml>\n'
} >"$D/xxe.opml"
printf '<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "file://%s">\n<rss version="2.0"><channel><title>D</title></channel></rss>\n' \
	"$secret" >"$D/xxe-dtd.xml"

bounded 10 300 "$D/out" "$WARTA" feed "$D/xxe.xml"
sane "feed: external entities"
unlike "$(cat "$D/out" "$D/out.err")" "$marker" "feed: no local file read"
bounded 10 300 "$D/out" "$WARTA" feed --format text "$D/xxe-dtd.xml"
unlike "$(cat "$D/out" "$D/out.err")" "$marker" "feed: no external DTD read"
for f in text json html markdown; do
	bounded 10 300 "$D/out" "$WARTA" extract --format $f "$D/xxe.html"
	sane "extract $f: external entities"
	unlike "$(cat "$D/out" "$D/out.err")" "$marker" "extract $f: no local file read"
done
bounded 10 300 "$D/out" "$WARTA" -c "$D/xxe.ini" import "$D/xxe.opml"
sane "import: external entities"
unlike "$(cat "$D/out" "$D/out.err" "$D/xxe.ini" 2>/dev/null)" "$marker" \
	"import: no local file read"

# ---- a million nested elements
{
	printf '<rss version="2.0"><channel><title>Deep</title><item>'
	printf '<title>Deep item</title><link>http://a.example/d</link>'
	printf '<description>'
	rep 1000000 '<a>'
	printf '</description></item></channel></rss>\n'
} >"$D/deep.xml"
bounded 20 400 "$D/out" "$WARTA" feed --format text "$D/deep.xml"
sane "feed: 1 000 000 nested elements"
like "$(cat "$D/out")" 'Deep item' "feed: the item before the depth is kept"
{
	printf '<html><head><title>Deep</title></head><body><article>'
	printf '<p>The start of a deep page, with words enough for a body.</p>'
	rep 1000000 '<div>'
	printf 'bottom</body></html>\n'
} >"$D/deep.html"
for f in text json; do
	bounded 20 400 "$D/out" "$WARTA" extract --format $f "$D/deep.html"
	sane "extract $f: 1 000 000 nested elements"
done
like "$(cat "$D/out")" 'The start of a deep page' "extract: best effort"
bounded 20 400 "$D/out" "$WARTA" feed --type page --format text "$D/deep.html"
sane "feed --type page: 1 000 000 nested elements"
{
	printf '<opml version="2.0"><body>'
	printf '<outline text="Top" xmlUrl="http://a.example/top"/>'
	rep 1000000 '<outline>'
	printf '</body></opml>\n'
} >"$D/deep.opml"
bounded 20 400 "$D/out" "$WARTA" -c "$D/deep.ini" import "$D/deep.opml"
sane "import: 1 000 000 nested outlines"

# ---- a 100 MB attribute value (piped: nothing that big on disk)
big_attr() { # PREFIX SUFFIX
	printf '%s' "$1"
	head -c 100000000 /dev/zero | tr '\0' a
	printf '%s' "$2"
}
bounded 20 500 "$D/out" "$WARTA" feed - < <(big_attr \
	'<rss version="2.0"><channel><title>A</title><item><title x="' \
	'">Big attribute</title></item></channel></rss>')
sane "feed: 100 MB attribute"
is "$rc" 1 "feed: 100 MB refused"
like "$(cat "$D/out.err")" 'larger than' "... as too large"
for f in text json; do
	bounded 20 500 "$D/out" "$WARTA" extract --format $f - < <(big_attr \
		'<html><head><title>Attr</title></head><body><article><p data-x="' \
		'">After the attribute.</p></article></body></html>')
	sane "extract $f: 100 MB attribute"
done
like "$(cat "$D/out")" 'Attr' "extract: best effort"
big_attr '<opml version="2.0"><body><outline text="' \
	'" xmlUrl="http://a.example/big"/></body></opml>' >"$D/attr.opml"
bounded 20 500 "$D/out" "$WARTA" -c "$D/attr.ini" import "$D/attr.opml"
sane "import: 100 MB attribute"
like "$(cat "$D/out.err")" 'larger than' "import: refused as too large"
rm -f "$D/attr.opml"
{
	printf '<opml version="2.0"><body><outline text="'
	head -c 15000000 /dev/zero | tr '\0' a
	printf '" xmlUrl="http://a.example/big"/>'
	printf '<outline text="Fine" xmlUrl="http://a.example/fine"/></body></opml>'
} >"$D/attr15.opml"
bounded 20 500 "$D/out" "$WARTA" -c "$D/attr15.ini" import "$D/attr15.opml"
sane "import: 15 MB attribute"
like "$(cat "$D/attr15.ini" 2>/dev/null)" 'a.example/fine' "import: the other outline kept"

# ---- NUL bytes, overlong and invalid UTF-8
printf '<rss version="2.0"><channel><title>N\0UL</title><item><title>a\0b</title><description>x\0y</description><link>http://a.example/\0n</link></item></channel></rss>' >"$D/nul.xml"
bounded 10 300 "$D/out" "$WARTA" feed "$D/nul.xml"
sane "feed: NUL bytes"
like "$(cat "$D/out")" '"title": "ab"' "feed: NUL bytes dropped"
printf '<html><head><title>N\0UL</title></head><body><article><p>Some\0text with a NUL byte in it, and more words.</p></article></body></html>' >"$D/nul.html"
for f in text json html markdown; do
	bounded 10 300 "$D/out" "$WARTA" extract --format $f "$D/nul.html"
	sane "extract $f: NUL bytes"
	[ "$(tr -d -c '\000' <"$D/out" | wc -c)" = 0 ]; ok $? "extract $f: no NUL in the output"
done
printf '<opml version="2.0"><body><outline text="N\0UL" xmlUrl="http://a.example/n"/><outline text="After" xmlUrl="http://a.example/after"/></body></opml>' >"$D/nul.opml"
bounded 10 300 "$D/out" "$WARTA" -c "$D/nul.ini" import "$D/nul.opml"
sane "import: NUL bytes"
[ ! -e "$D/nul.ini" ] || [ "$(tr -d -c '\000' <"$D/nul.ini" | wc -c)" = 0 ]
ok $? "import: no NUL written to the config"

bad8='ov \xc0\xaf \xe0\x80\xaf \xf0\x80\x80\xaf sur \xed\xa0\x80 big \xf4\x90\x80\x80 ff \xff\xfe cut \xe2\x82'
printf "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>U $bad8</title><item><title>Item $bad8</title><description>$bad8</description></item></channel></rss>" >"$D/bad8.xml"
bounded 10 300 "$D/out" "$WARTA" feed "$D/bad8.xml"
sane "feed: overlong and invalid UTF-8"
utf8_ok "$D/out"; ok $? "feed: the output is valid UTF-8"
printf "<html><head><meta charset=\"utf-8\"><title>U $bad8</title></head><body><article><p>Para $bad8 with enough other words to be a paragraph.</p></article></body></html>" >"$D/bad8.html"
for f in text json html markdown; do
	bounded 10 300 "$D/out" "$WARTA" extract --format $f "$D/bad8.html"
	sane "extract $f: invalid UTF-8"
	utf8_ok "$D/out"; ok $? "extract $f: the output is valid UTF-8"
done
printf "<opml version=\"2.0\"><body><outline text=\"U $bad8\" xmlUrl=\"http://a.example/u8\"/></body></opml>" >"$D/bad8.opml"
bounded 10 300 "$D/out" "$WARTA" -c "$D/bad8.ini" import "$D/bad8.opml"
sane "import: invalid UTF-8"
[ ! -e "$D/bad8.ini" ] || utf8_ok "$D/bad8.ini"; ok $? "import: the config stays UTF-8"

# ---- UTF-16 without a BOM
for e in LE BE; do
	printf '<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"><channel><title>Kabar %s</title><item><title>Berita caf\xc3\xa9</title></item></channel></rss>' $e |
		iconv -f UTF-8 -t UTF-16$e >"$D/u16.xml"
	bounded 10 300 "$D/out" "$WARTA" feed --format text "$D/u16.xml"
	sane "feed: UTF-16$e without a BOM"
	like "$(cat "$D/out")" "Berita café" "feed: UTF-16$e decoded"
	printf '<html><head><title>Judul %s</title></head><body><article><p>Isi berita caf\xc3\xa9 yang cukup panjang untuk menjadi paragraf.</p></article></body></html>' $e |
		iconv -f UTF-8 -t UTF-16$e >"$D/u16.html"
	bounded 10 300 "$D/out" "$WARTA" extract "$D/u16.html"
	sane "extract: UTF-16$e without a BOM"
	utf8_ok "$D/out"; ok $? "extract: UTF-16$e gives valid UTF-8"
	printf '<?xml version="1.0" encoding="UTF-16"?><opml version="2.0"><body><outline text="Sumber %s" xmlUrl="http://a.example/%s"/></body></opml>' $e $e |
		iconv -f UTF-8 -t UTF-16$e >"$D/u16.opml"
	bounded 10 300 "$D/out" "$WARTA" -c "$D/u16$e.ini" import "$D/u16.opml"
	sane "import: UTF-16$e without a BOM"
done

# ---- a million items, and titles of 1 MB
{
	printf '<rss version="2.0"><channel><title>Many</title>'
	seq 1 1000000 | sed 's|.*|<item><title>n&</title><guid>g&</guid></item>|'
	printf '</channel></rss>\n'
} >"$D/many.xml"
bounded 20 700 "$D/out" "$WARTA" feed --format text --max-items 50 "$D/many.xml"
sane "feed: 1 000 000 items"
like "$(head -2 "$D/out")" '^50 items' "feed: bounded by --max-items"
bounded 20 700 "$D/out" "$WARTA" feed --format text "$D/many.xml"
sane "feed: 1 000 000 items, default bound"
like "$(head -2 "$D/out")" '^10000 items' "feed: bounded by the default cap"
echo "# 1 000 000 items: $el ms"

mb() { head -c 1048576 /dev/zero | tr '\0' "$1"; }
{
	printf '<rss version="2.0"><channel><title>%s</title><item><title>' "$(mb c)"
	mb t
	printf '</title><link>http://a.example/%s</link><description>' "$(mb l)"
	mb d
	printf '</description></item><item><title>Second</title></item></channel></rss>'
} >"$D/big.xml"
bounded 10 300 "$D/out" "$WARTA" feed "$D/big.xml"
sane "feed: titles of 1 MB"
[ "$(wc -c <"$D/out")" -lt 2000000 ]; ok $? "feed: long fields are cut"
like "$(cat "$D/out")" '"Second"' "feed: the next item is kept"
{
	printf '<html><head><title>'
	mb t
	printf '</title></head><body><article><h1>'
	mb h
	printf '</h1><p>Words of the body of this article, which is long enough.</p></article></body></html>'
} >"$D/big.html"
bounded 10 300 "$D/out" "$WARTA" extract --format json "$D/big.html"
sane "extract: a title of 1 MB"
n=$(grep -m1 '^  "title"' "$D/out" | wc -c)
[ "$n" -gt 100 ] && [ "$n" -lt 5000 ]; ok $? "extract: the title is cut ($n bytes)"

# ---- shapes that could turn quadratic in extraction or layout
shape() { # NAME: the body of a page, on stdout
	printf '<html><head><title>Shape</title></head><body><article>'
	printf '<p>The start of the page, with enough words to be a body.</p>'
	case $1 in
	siblings) rep 100000 '<p>One sentence long enough to be a paragraph.</p>' ;;
	links) printf '<p>'; seq 1 100000 | sed 's|.*|<a href="http://a.example/&">link &</a> |' | tr -d '\n'; printf '</p>' ;;
	word) printf '<p>'; head -c 3000000 /dev/zero | tr '\0' w; printf '</p>' ;;
	quotes) rep 100000 '<blockquote>'; printf 'inside' ;;
	lists) rep 100000 '<ul><li>'; printf 'inside' ;;
	rows) printf '<table>'; rep 100000 '<tr><td>a</td><td>b</td></tr>'; printf '</table>' ;;
	columns) printf '<table><tr>'; rep 100000 '<td>a</td>'; printf '</tr></table>' ;;
	esac
	printf '</article></body></html>\n'
}
for sh in siblings links word quotes lists rows columns; do
	shape $sh >"$D/shape.html"
	for f in text html; do
		bounded 30 500 "$D/out" "$WARTA" extract --format $f "$D/shape.html"
		sane "extract $f: $sh"
	done
done

# ---- the refresh path: the same documents served over HTTP
if [ -z "$U" ]; then
	echo "# test server did not start: refresh cases skipped"
	done_testing
fi
cp "$D/laughs.xml" "$D/quad.xml" "$D/deep.xml" "$D/nul.xml" "$D/bad8.xml" \
	"$D/many.xml" "$D/big.xml" "$srv/"
{
	xxe_decl rss xxe-refresh
	printf '<rss version="2.0"><channel><title>T &xf;&xn;</title>'
	printf '<item><title>Item &xf;&xn;</title><description>&xf;&xn;'
	printf '</description><link>%s/page.html</link></item>' "$U"
	printf '</channel></rss>\n'
} >"$srv/xxe.xml"
cp "$D/xxe.html" "$srv/page.html"
printf '<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"><channel><title>W</title><item><title>Wide one</title><guid>w1</guid></item></channel></rss>' |
	iconv -f UTF-8 -t UTF-16LE >"$srv/u16.xml"
cat >"$D/r.ini" <<INI
[general]
retries = 0
timeout = 10
max-size = 64M
fetch-articles = no

[Good]
url = $U/nul.xml
[Laughs]
url = $U/laughs.xml
[Quad]
url = $U/quad.xml
[Deep]
url = $U/deep.xml
[Bad UTF-8]
url = $U/bad8.xml
[Many]
url = $U/many.xml
max-items = 30
[Big]
url = $U/big.xml
[Wide]
url = $U/u16.xml
[XXE]
url = $U/xxe.xml
fetch-articles = yes
INI
bounded 60 900 "$D/out" "$WARTA" -c "$D/r.ini" --cache "$D/r.db" refresh
sane "refresh: every hostile feed at once"
echo "# refresh of hostile feeds: $el ms"
unlike "$(grep -v -e 'levels: the rest was skipped$' -e 'kept the newest' "$D/out.err")" 'Good|Deep|Many|Big|Wide|XXE' \
	"refresh: those sources succeed"
like "$(cat "$D/out.err")" '^warta: Deep: nested deeper than 256 levels: the rest was skipped$' \
	"refresh: what the depth cap left out is said"
like "$(cat "$D/out.err")" '^warta: Many: 1 000 000 items, kept the newest 30 \(max-items\)$' \
	"refresh: the million cut at max-items says so"
r() { "$WARTA" -c "$D/r.ini" --cache "$D/r.db" "$@"; }
like "$(r search --source Many n30 2>&1)" 'n30' "refresh: items of the million stored"
unlike "$(r search --source Many n31 2>/dev/null)" 'n31' \
	"refresh: max-items bounds the million"
like "$(r search Wide 2>&1)" 'Wide one' "refresh: UTF-16 without a BOM"
unlike "$(r search --limit 100 lol 2>&1; r export-state 2>&1)" "$marker" \
	"refresh: no local file read"
is "$(hits xxe-refresh)" 0 "refresh: no connection for external entities"
is "$(hits xxe-html)" 0 "refresh: no connection from the article page"
is "$(hits xxe-feed)" 0 "feed: no connection for external entities"
is "$(hits xxe-opml)" 0 "import: no connection for external entities"
is "$(hits xxe-img)" 0 "extract: no image fetched"
# the canary counts when asked: the zeros above mean something
bounded 10 300 "$D/out" "$WARTA" feed "$(canary self-check)"
is "$(hits self-check)" 1 "the canary sees a real request"
done_testing
