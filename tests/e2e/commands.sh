#!/bin/bash
# commands.sh: what keys run besides actions, driven in tmux: a command
# bound in [keys] gets its arguments whole (no shell ever runs, whatever a
# title holds), a macro runs in order and stops at a failure, | shows a
# program's output, [open] patterns win over the browser (o and the links
# list), and S saves a new file inside save-dir whatever the title.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

. "${top_srcdir:-.}/tests/e2e/tmux_lib.sh"

DIR=$TMPDIR_TEST/site
BIN=$TMPDIR_TEST/bin
LOG=$TMPDIR_TEST/log
WORK=$TMPDIR_TEST/work
SAVED=$TMPDIR_TEST/saved
mkdir -p "$DIR" "$BIN" "$LOG" "$WORK" "$TMPDIR_TEST/tmp"
for f in "$TESTDATA"/commands/*; do
	sed "s|@DIR@|$DIR|g" "$f" >"$DIR/${f##*/}"
done

# The programs run: each logs what it was given into the file named first.
cat >"$BIN/argv-log" <<'EOF'
#!/bin/sh
out=$1
shift
{ echo "argc=$#"; for a in "$@"; do printf '<%s>\n' "$a"; done; } >>"$out"
EOF
cat >"$BIN/file-log" <<'EOF'
#!/bin/sh
printf '%s\n' "$2" >"$1.path"
cp "$2" "$1.md"
EOF
cat >"$BIN/step-log" <<'EOF'
#!/bin/sh
out=$1
shift
printf '%s\n' "$*" >>"$out"
EOF
cat >"$BIN/bg-log" <<'EOF'
#!/bin/sh
if [ -t 0 ]; then t=tty; else t=notty; fi
printf '%s %s\n' "$t" "$2" >"$1.tmp" && mv "$1.tmp" "$1"
EOF
chmod +x "$BIN"/*
log() { cat "$LOG/$1" 2>/dev/null; }
# Wait up to 5 s for a file to appear.
wait_file() {
	for _ in $(seq 1 100); do
		[ -e "$1" ] && return 0
		sleep 0.05
	done
	return 1
}

cfg=$TMPDIR_TEST/config.ini
cache=$TMPDIR_TEST/cache.db
cat >"$cfg" <<EOF
[general]
retries = 0
browser = $BIN/argv-log $LOG/browser
save-dir = $SAVED/deeper

[keys]
x = "exec $BIN/argv-log $LOG/x %t %s %u --title=%t 100%%"
F = exec $BIN/file-log $LOG/f %f
M = "exec $BIN/step-log $LOG/m one; toggle-read; exec $BIN/step-log $LOG/m two %t"
Z = "exec false; exec $BIN/step-log $LOG/z never"
B = exec --background $BIN/bg-log $LOG/bg %u

[open]
lantern\.html$ = $BIN/argv-log $LOG/open
video\.example/ = $BIN/argv-log $LOG/open

[Pasar]
url = file://$DIR/feed.xml
EOF
"$WARTA" -c "$cfg" --cache "$cache" refresh >/dev/null 2>&1
ok $? "the fixtures are refreshed"

# warta in tmux, started in $WORK (a file a shell would make lands there)
run() {
	start_cmd "cd '$WORK' && env TMPDIR='$TMPDIR_TEST/tmp' LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen-256color \"$WARTA\" -c '$1' --cache '$cache' --offline"
	expect 'Sources \(1' "$2"
}

title="It's \"\$(touch pwned)\"; rm -rf ~ & echo \`id\` | cat"
url1="file://$DIR/lantern.html"

# ---- a bound command gets its arguments whole
run "$cfg" "the interface opens with commands bound"
keys G Enter
expect 'Pasar \(3\)' "the headlines"
expect 'rm -rf' "the first headline is the one with a hostile title"
keys x
wait_file "$LOG/x"
is "$(log x)" "argc=5
<$title>
<Pasar>
<$url1>
<--title=$title>
<100%>" "x runs the program with %t, %s, %u each one argument, %% a %"
is "$(ls "$WORK")" "" "no shell ran: nothing in the title was run"
keys F
wait_file "$LOG/f.md"
like "$(head -1 "$LOG/f.md" 2>/dev/null)" '^# Lanterns at the night market$' \
	"%f is a file holding the article as Markdown"
ok "$([ ! -e "$(cat "$LOG/f.path")" ]; echo $?)" "... removed once the program is done"
keys B
wait_file "$LOG/bg"
is "$(log bg)" "notty $url1" "--background: the program runs without the terminal"
expect 'started .*bg-log' "... and is said to have started"

# ---- a macro runs in order, and stops at a failure
keys M
wait_file "$LOG/m"
sleep 0.3
is "$(log m)" "one
two ../../Escape attempt/.." "a macro runs its steps in order, each on the selection of the moment"
expect '^ +  [A-Z][a-z]{2} [0-9]{2} .*rm -rf' "... its toggle-read marked the first read"
keys Z
expect 'false exited with status 1' "a failing step is said"
sleep 0.3
ok "$([ ! -e "$LOG/z" ]; echo $?)" "... and the steps after it do not run"

# ---- | pipes the article to a program and shows its output
keys g '|'
expect 'pipe to' "| asks for a command"
keys 'tr a-z A-Z' Enter
expect 'Output of tr' "the output is shown in a pager"
expect 'LANTERNS AT THE NIGHT MARKET' "... the article as text went in"
expect 'EVERY EVENING THE CAR PARK' "... body and all"
keys q
expect 'Pasar \(3\)' "q goes back to the headlines"
keys '|'
expect 'pipe to' "| again"
keys -l -- "--markdown grep -c '^#'"
keys Enter
expect '^ 1$' "--markdown pipes Markdown (one heading)"
keys q '|' 'true' Enter
expect 'true: no output' "a program with no output: said so, no pager"
keys '|' 'nosuchprogram-warta' Enter
expect 'cannot run nosuchprogram-warta' "a program that is not there: said so"

# ---- openers win over the browser: o, and links by number
keys g o
wait_file "$LOG/open"
is "$(log open)" "argc=1
<$url1>" "o: the [open] pattern's program gets the URL"
ok "$([ ! -e "$LOG/browser" ]; echo $?)" "... and the browser does not run"
keys G o
wait_file "$LOG/browser"
is "$(log browser)" "argc=1
<file://$DIR/plain.html>" "a URL no pattern matches goes to the browser"
rm -f "$LOG/open" "$LOG/browser"
keys g Enter
expect 'Every evening the car park' "the article"
keys L
expect '\[1\] film of the lighting' "the links list"
keys 1 Enter
wait_file "$LOG/open"
is "$(log open)" "argc=1
<https://video.example/watch?v=42>" "a link by number: its pattern's program"
keys 2 Enter
wait_file "$LOG/browser"
is "$(log browser)" "argc=1
<https://elsewhere.example/page>" "... another goes to the browser"
keys q q
expect 'Pasar \(3\)' "back to the headlines"

# ---- S saves a new file inside save-dir, named after the title
keys g S
expect 'saved to ' "S saves the article"
name1="It-s-touch-pwned-rm-rf-echo-id-cat.md"
ok "$([ -f "$SAVED/deeper/$name1" ]; echo $?)" "... into save-dir (made), the title made a safe name"
like "$(head -1 "$SAVED/deeper/$name1" 2>/dev/null)" '^# Lanterns at the night market$' \
	"... as Markdown"
keys S
expect 'saved to .*-2\.md' "S again"
ok "$([ -f "$SAVED/deeper/${name1%.md}-2.md" ]; echo $?)" "... a new file, the first kept"
keys j S
expect 'saved to .*Escape-attempt\.md' "a title made of ../ and /"
is "$(cd "$SAVED" && find . | LC_ALL=C sort | tr '\n' ' ')" \
	". ./deeper ./deeper/Escape-attempt.md ./deeper/${name1%.md}-2.md ./deeper/$name1 " \
	"... lands inside save-dir like the others, and nothing else is written"
is "$(ls "$WORK")" "" "nothing in the title ran, ever"
keys Q
expect 'EXIT=0' "quits"
is "$(ls "$TMPDIR_TEST/tmp")" "" "the files handed to programs go with warta"

# ---- save-command sends the URL instead; save-format = html
cfg2=$TMPDIR_TEST/config2.ini
cat >"$cfg2" <<EOF
[general]
save-command = '$BIN/argv-log' $LOG/later add %u
[Pasar]
url = file://$DIR/feed.xml
EOF
run "$cfg2" "a config with save-command"
keys G Enter S
wait_file "$LOG/later"
is "$(log later)" "argc=2
<add>
<$url1>" "S runs save-command with the URL"
expect 'sent to .*argv-log' "... and says so"
keys Q
cfg3=$TMPDIR_TEST/config3.ini
printf '[general]\nsave-dir = %s/html\nsave-format = html\n[Pasar]\nurl = file://%s/feed.xml\n' \
	"$SAVED" "$DIR" >"$cfg3"
run "$cfg3" "a config with save-format = html"
keys G Enter G S
expect 'saved to .*Plain-title\.html' "save-format = html: an .html file"
like "$(cat "$SAVED/html/Plain-title.html" 2>/dev/null)" '<h1>Nothing odd about this one</h1>' \
	"... holding the article as HTML"
keys Q

# ---- bad commands are config errors, with file and line
printf '[keys]\nx = exec mpv %%y\n[open]\n\\.pdf( = zathura\n' >"$TMPDIR_TEST/bad.ini"
out=$("$WARTA" -c "$TMPDIR_TEST/bad.ini" --cache "$cache" 2>&1 </dev/null)
isnt "$?" 0 "a bad [open] pattern: warta stops"
like "$out" 'bad\.ini:4: \[open\] \\\.pdf\(: not a regular expression' "a bad [open] pattern: file, line and why"
printf '[keys]\nx = exec mpv %%y\n' >"$TMPDIR_TEST/bad2.ini"
out=$("$WARTA" -c "$TMPDIR_TEST/bad2.ini" --cache "$cache" 2>&1 </dev/null)
st=$?
like "$out" "bad2\.ini:2: \[keys\] x: exec: unknown placeholder %y" "a bad [keys] command: file, line and why"
is "$st" 1 "... and the interface does not start"

done_testing
