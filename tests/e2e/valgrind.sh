#!/bin/bash
# valgrind.sh: the command-line paths under valgrind's memcheck: any
# invalid access, use of uninitialised memory or definite/indirect leak
# fails the test. Skipped without valgrind and in sanitizer builds.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/net/lib.sh"

command -v valgrind >/dev/null || skip_all "valgrind is not installed"
if ldd "$WARTA" 2>/dev/null | grep -Eq 'libasan|libubsan|libtsan' ||
	nm "$WARTA" 2>/dev/null | grep -q '__asan_init\|__ubsan_handle'; then
	skip_all "a sanitizer build"
fi

D=$TMPDIR_TEST
export XDG_CONFIG_HOME="$D/config" XDG_DATA_HOME="$D/data"
VG=(valgrind -q --error-exitcode=99 --leak-check=full
	--errors-for-leak-kinds=definite,indirect
	--show-leak-kinds=definite,indirect --num-callers=30
	--read-inline-info=no
	--child-silent-after-fork=yes)

# vg NAME [expected-status] -- ARGS...: run warta ARGS under valgrind;
# passes when valgrind found nothing (its status is not 99) and warta
# exited with the expected status (0 unless given).
vg() {
	local name=$1 want=0 log st t0
	shift
	if [ "$1" != "--" ]; then want=$1; shift; fi
	shift
	log=$D/vg.$_n.log
	t0=$(date +%s%N)
	timeout -s KILL 120 "${VG[@]}" --log-file="$log" "$WARTA" "$@" \
		>"$D/out" 2>"$D/err" <"${VG_STDIN:-/dev/null}"
	st=$?
	if [ "$st" = 99 ] || [ -s "$log" ]; then
		_result 0 "$name: valgrind clean" "$(head -60 "$log")"
	elif [ "$st" != "$want" ]; then
		_result 0 "$name: valgrind clean" "status $st, expected $want:
$(head -5 "$D/err")"
	else
		_result 1 "$name: valgrind clean ($((($(date +%s%N) - t0) / 1000000)) ms)"
	fi
}

page=$TESTDATA/extract/wordpress-comments/source.html

# ---- help, version, usage errors
vg "--version" -- --version
vg "--help" -- --help
vg "an unknown command" 2 -- frobnicate
vg "extract without input" 2 -- extract
vg "a bad option" 2 -- extract --format nope "$page"

# ---- extract, every format, with and without comments
# (text and json also without comments; the renderers share the rest)
for f in text markdown json html; do
	case $f in text | json)
		vg "extract --format $f" -- extract --format $f "$page" ;;
	esac
	vg "extract --format $f --comments" -- extract --format $f --comments "$page"
done
vg "extract --output-dir" -- extract --output-dir "$D" --format json "$page"
VG_STDIN=$TESTDATA/extract/kompas/source.html \
	vg "extract from standard input" -- extract -
vg "extract of a missing file" 1 -- extract "$D/nope.html"

# ---- feed
vg "feed json" -- feed "$TESTDATA/feeds/rss20.xml"
vg "feed text, Atom" -- feed --format text "$TESTDATA/feeds/atom10.xml"
vg "feed of a legacy charset" -- feed "$TESTDATA/feeds/koi8r.xml"
vg "feed of a front page" -- feed --type page "$TESTDATA/pages/frontpage.html"
vg "feed of an entity bomb" -- feed "$TESTDATA/feeds/billion-laughs.xml"
vg "feed of no feed" 1 -- feed --type feed "$page"

# ---- refresh against the test server, then the cache commands
server_start "$TESTDATA/net" || skip_all "test server did not start"
cfg=$D/config.ini
cache=$D/cache.db
cat >"$cfg" <<INI
[general]
retries = 0
timeout = 20
max-size = 1M

[Lokal]
url = $SERVER_URL/local.xml

[Kabar]
url = $SERVER_URL/feed.xml
fetch-articles = no

[Depan]
url = $SERVER_URL/index.html
type = page

[Local File]
url = file://$TESTDATA/net/feed.xml
fetch-articles = no

[Broken]
url = $SERVER_URL/_fault/status/404

[Capped]
url = $SERVER_URL/_fault/endless
INI
w() { vg "$1" "$2" -- -c "$cfg" --cache "$cache" "${@:3}"; }
w "refresh" 1 refresh
w "refresh again (conditional GET)" 0 refresh Lokal Kabar
w "search" 0 search nelayan
w "search --unread --source" 0 search --unread --source Lokal --limit 5 nelayan
w "search, no match" 1 search zzzyyyxxx
w "export" 0 export
vg "export-state to a file" -- -c "$cfg" --cache "$cache" export-state "$D/state.txt"
printf 'read\t%s/articles/perahu.html\nflagged\thttp://unknown.example/x\nbogus line\n' \
	"$SERVER_URL" >>"$D/state.txt"
w "import-state" 0 import-state "$D/state.txt"
VG_STDIN=$D/state.txt w "import-state from standard input" 0 import-state -
w "vacuum" 0 vacuum
w "reextract --dry-run" 0 reextract --dry-run
w "reextract --all" 0 reextract --all Lokal
cat >"$D/list.opml" <<'XML'
<?xml version="1.0"?>
<opml version="2.0"><body><outline text="Dunia"><outline text="Pasar" xmlUrl="https://pasar.example/rss"/></outline></body></opml>
XML
w "import" 0 import "$D/list.opml"
w "import of a bad file" 1 import "$D/nope.opml"
sed -i '/^\[Broken\]/,$d' "$cfg"
w "purge --dry-run" 0 purge --dry-run
w "purge --force" 0 purge --force
vg "first run: the example config" -- --cache "$D/c2.db" refresh
vg "export with no config" 1 -- --cache "$D/c2.db" -c "$D/none.ini" export

# ---- the interface's config: commands on keys, [open], save settings,
# read and freed (it stops before the terminal, which it does not have)
cat >"$D/keys.ini" <<'INI'
[general]
browser = 'my browser' --new-tab %u
save-dir = ~/saved
save-command = wallabag add %u
[keys]
x = exec mpv %u
M = "exec --background notify-send '%t; %s'; toggle-read; pipe --markdown wc -w"
o = exec true
[open]
youtube\.com/watch|youtu\.be/ = --background mpv %u
\.pdf$ = zathura
INI
vg "[keys] commands and [open]" 1 -- -c "$D/keys.ini" --cache "$D/k.db"
printf '[keys]\nx = exec mpv %%y\nM = "toggle-read; frob"\n' >"$D/badkeys.ini"
vg "bad [keys] commands" 1 -- -c "$D/badkeys.ini" --cache "$D/k.db"
printf '[open]\na( = mpv\nb = mpv %%q\n' >"$D/badopen.ini"
vg "a bad [open]" 1 -- -c "$D/badopen.ini" --cache "$D/k.db"
done_testing
