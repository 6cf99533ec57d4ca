#!/bin/bash
# extract.sh: `warta extract` on files and standard input, its formats and errors.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

page=$TESTDATA/extract/kompas/source.html

out=$("$WARTA" extract --width 60 "$page")
ok $? "text: exit 0"
like "$out" '^Warga Desa Sukamaju Membangun Jembatan Bambu Sendiri' "text: the title heads the page"
like "$out" 'Puluhan warga Desa Sukamaju' "text: the body"
unlike "$out" 'Baca juga|ADVERTISEMENT|Close Ads|Terkini Lainnya|JernihBerkomentar|Laporkan' \
	"text: no teasers, ads, lists or comment furniture"
# (a URL is one word and may pass the width; the body is ASCII here)
is "$(printf '%s\n' "$out" | sed 1,4d | grep -v '://' | awk 'length > 60' | wc -l | tr -d ' ')" 0 \
	"text: wrapped to --width"
unlike "$out" 'Dadang Hermawan' "text: comments only on request"

out=$("$WARTA" extract --comments "$page")
like "$out" 'Dadang Hermawan' "--comments: the comments appended"
unlike "$out" 'Laporkan Komentar' "--comments: without the report links"

out=$("$WARTA" extract --format json "$page")
ok $? "json: exit 0"
like "$out" '"published": "2020-09-26T08:13:00\+07:00"' "json: the dateline's time"
like "$out" '"next_page": "https://regional.kabarindo.example/.*page=all"' "json: the show-all link as next page"
like "$out" '"comments": \[' "json: comments"

out=$("$WARTA" extract --format markdown "$page")
like "$out" '^# Warga Desa' "markdown: a heading"
out=$("$WARTA" extract --format html "$page")
like "$out" '<p>.*Puluhan warga' "html: paragraphs"

out=$("$WARTA" extract --format json - <"$page")
like "$out" '"title": "Warga Desa' "standard input"

dir=$TMPDIR_TEST/out
mkdir -p "$dir"
"$WARTA" extract --format json --output-dir "$dir" "$page" "$TESTDATA/extract/structure/source.html" \
	"$TMPDIR_TEST/missing.html" 2>"$TMPDIR_TEST/err"
is "$?" 1 "--output-dir: one bad input fails the run"
ok "$([ -s "$dir/source.json" ] && echo 0 || echo 1)" "--output-dir: DIR/<name>.json written"
like "$(cat "$TMPDIR_TEST/err")" 'missing.html' "--output-dir: the bad input is named"

: >"$TMPDIR_TEST/empty.html"
out=$("$WARTA" extract --format json "$TMPDIR_TEST/empty.html")
ok $? "an empty file is an empty article"
head -c 200000 /dev/urandom >"$TMPDIR_TEST/garbage.html" 2>/dev/null ||
	dd if=/dev/urandom of="$TMPDIR_TEST/garbage.html" bs=1000 count=200 2>/dev/null
"$WARTA" extract "$TMPDIR_TEST/garbage.html" >/dev/null
ok $? "binary garbage does not stop it"

# 100 000 nested elements and a 50 MB page, written now: bounded in time
# (the unit test checks memory).
{
	printf '<html><body>'
	for ((i = 0; i < 10000; i++)); do printf '<div><div><div><div><div><div><div><div><div><div>'; done
	printf '<p>deep</p></body></html>'
} >"$TMPDIR_TEST/deep.html"
out=$(timeout 30 "$WARTA" extract --format json "$TMPDIR_TEST/deep.html")
ok $? "100000 nested elements: extracted within 30 s"
line='<p>A sentence of a very long article, again and again, <a href="/x">a link</a> and <em>emphasis</em>.</p>'
for ((i = 0; i < 10; i++)); do line="$line$line"; done
{
	printf '<html><head><title>Big</title></head><body><article>'
	for ((i = 0; i < 500; i++)); do printf '%s\n' "$line"; done
	printf '</article></body></html>'
} >"$TMPDIR_TEST/big.html"
ok "$([ "$(stat -c %s "$TMPDIR_TEST/big.html")" -gt 50000000 ] && echo 0 || echo 1)" "a 50 MB page written"
timeout 60 "$WARTA" extract "$TMPDIR_TEST/big.html" >/dev/null
ok $? "a 50 MB page: extracted within 60 s"
rm -f "$TMPDIR_TEST/big.html" "$TMPDIR_TEST/deep.html"

"$WARTA" extract --format pdf "$page" 2>/dev/null
is "$?" 2 "an unknown format is a usage error"
"$WARTA" extract 2>/dev/null
is "$?" 2 "no input is a usage error"
"$WARTA" extract --width 3 "$page" 2>/dev/null
is "$?" 2 "a silly width is a usage error"

done_testing
