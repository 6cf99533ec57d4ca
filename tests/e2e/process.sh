#!/bin/bash
# process.sh: process safety. No shell ever runs a command; the files warta
# writes are replaced whole (temp file + rename), never rewritten in place;
# temporary files and the demo's directory go on exit and on SIGINT,
# SIGTERM and SIGHUP.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

src=${top_srcdir:-.}/src
D=$TMPDIR_TEST

# ---- no shell: commands get an argv
hits=$(grep -rnE --include='*.c' '\b(system|popen|execl|execlp|execle|wordexp)[[:space:]]*\(|"/bin/sh"|"sh"|"-c"' \
	"$src")
is "$hits" "" "no system(), popen(), execl*() or sh -c anywhere"
execs=$(grep -rlE --include='*.c' '\bexec[vlp]+[[:space:]]*\(|posix_spawn' "$src" |
	xargs -n1 basename 2>/dev/null | sort | tr '\n' ' ')
is "$execs" "notify.c sync_secret.c ui_exec.c " "three places run a program: the interface's (browser, openers, commands on keys, pipes, save-command) in ui_exec.c, the password command in sync_secret.c, notify-command in notify.c"
like "$(grep -n 'execvp' "$src/sync/sync_secret.c")" 'execvp\(argv\[0\], argv\)' "... with execvp and an argv"
like "$(grep -n 'execvp' "$src/ui/ui_exec.c")" 'execvp\(argv\[0\], argv\)' "... with execvp and an argv"
like "$(grep -n 'execvp' "$src/refresh/notify.c")" 'execvp\(argv\[0\], argv\)' "... with execvp and an argv"
forks=$(grep -rlE --include='*.c' '\bfork[[:space:]]*\(' "$src" | xargs -n1 basename 2>/dev/null | sort | tr '\n' ' ')
is "$forks" "notify.c sync_secret.c ui_exec.c " "... and fork there only"

# ---- files are replaced whole
cache=$D/cache.db
cfg=$D/config.ini
cat >"$cfg" <<INI
[Local]
url = file://$TESTDATA/net/feed.xml
fetch-articles = no
INI
w() { "$WARTA" -c "$cfg" --cache "$cache" "$@"; }
w refresh >/dev/null 2>&1
out=$D/state/state.txt
mkdir -p "$D/state"
echo "old content" >"$out"
chmod 640 "$out"
ln "$out" "$D/state/old-name"
w export-state "$out"
ok $? "export-state to a file"
like "$(head -1 "$out")" '^# warta read state' "... the new content"
is "$(cat "$D/state/old-name")" "old content" "... by a rename: the old file was not rewritten"
is "$(stat -c %a "$out")" 640 "... keeping the file's mode"
is "$(ls "$D/state" | tr '\n' ' ')" "old-name state.txt " "... and no temporary file left"
w export-state /dev/null
ok $? "export-state to a device is written in place"
err=$(w export-state "$D/no/such/dir/x.txt" 2>&1)
isnt "$?" 0 "export-state into a missing directory fails"
like "$err" 'no/such/dir/x.txt' "... naming the file"

xdir=$D/pages
mkdir -p "$xdir"
"$WARTA" extract --output-dir "$xdir" "$TESTDATA/net/articles/perahu.html" >/dev/null 2>&1
name=$(ls "$xdir")
isnt "$name" "" "extract --output-dir writes a file"
ln "$xdir/$name" "$D/old-page"
"$WARTA" extract --output-dir "$xdir" --format json "$TESTDATA/net/articles/perahu.html" >/dev/null 2>&1
"$WARTA" extract --output-dir "$xdir" "$TESTDATA/net/articles/perahu.html" >/dev/null 2>&1
cmp -s "$xdir/$name" "$D/old-page"
ok $? "... the same page again: same content"
ino1=$(stat -c %i "$D/old-page")
ino2=$(stat -c %i "$xdir/$name")
isnt "$ino1" "$ino2" "... in a new file renamed over the old one"
is "$(ls "$xdir" | wc -l)" 2 "... and no temporary file left (the page as text and JSON)"

# the first run's example config and an import: whole files, private
export XDG_CONFIG_HOME=$D/xdg
"$WARTA" --cache "$D/c2.db" refresh >/dev/null 2>&1
first=$XDG_CONFIG_HOME/warta/config.ini
ok "$([ -s "$first" ]; echo $?)" "the first run writes an example config"
is "$(stat -c %a "$first" 2>/dev/null)" 600 "... private to the user"
cp "$first" "$D/before.ini"
ln "$first" "$D/first-link"
cat >"$D/list.opml" <<'XML'
<?xml version="1.0"?>
<opml version="2.0"><body><outline text="Pasar" xmlUrl="https://pasar.example/rss"/></body></opml>
XML
"$WARTA" import "$D/list.opml" >/dev/null
ok $? "import into that config"
like "$(cat "$first")" 'pasar.example' "... adds the source"
cmp -s "$D/first-link" "$D/before.ini"
ok $? "... by a rename: the old file was not rewritten"
is "$(ls -a "$XDG_CONFIG_HOME/warta" | grep -vc '^\.\{1,2\}$')" 1 "... and nothing left beside it"

# ---- signals: the demo's private directory goes with the process
command -v mkfifo >/dev/null || { done_testing; }
export TMPDIR=$D/tmp
mkdir -p "$TMPDIR"
set -m # background jobs get SIGINT like foreground ones
for sig in TERM INT HUP; do
	fifo=$D/fifo-$sig
	mkfifo "$fifo"
	# import-state reads standard input: it waits on the FIFO with the
	# demo's cache open
	"$WARTA" --demo import-state - <"$fifo" >/dev/null 2>&1 &
	pid=$!
	exec 7>"$fifo"
	for _ in $(seq 100); do
		ls "$TMPDIR"/warta-demo.*/cache.db >/dev/null 2>&1 && break
		sleep 0.05
	done
	ok "$(ls -d "$TMPDIR"/warta-demo.* >/dev/null 2>&1; echo $?)" \
		"SIG$sig: the demo has its directory while it runs"
	kill -$sig $pid
	wait $pid
	st=$?
	exec 7>&-
	is "$st" $((128 + $(kill -l $sig))) "SIG$sig: warta dies of the signal"
	is "$(ls "$TMPDIR" | tr '\n' ' ')" "" "SIG$sig: nothing left in \$TMPDIR"
done
# and on a normal exit
"$WARTA" --demo search harbour >/dev/null 2>&1
is "$(ls "$TMPDIR" | tr '\n' ' ')" "" "exit: nothing left in \$TMPDIR"
# and when the reader of its output goes away (SIGPIPE)
{
	printf '<html><head><title>Long</title></head><body><article>'
	for i in $(seq 2000); do
		printf '<p>Paragraph %d of a long article, long enough to fill a pipe.</p>' $i
	done
	printf '</article></body></html>'
} >"$D/long.html"
"$WARTA" --demo extract --format json "$D/long.html" | head -c 1 >/dev/null
# 141: died of SIGPIPE; 1: a write error, when SIGPIPE came in ignored
like "${PIPESTATUS[0]}" '^(141|1)$' "SIGPIPE: warta stops"
is "$(ls "$TMPDIR" | tr '\n' ' ')" "" "SIGPIPE: nothing left in \$TMPDIR"
set +m
done_testing
