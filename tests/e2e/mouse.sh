#!/bin/bash
# mouse.sh: the mouse in tmux: the wheel scrolls the lists and the article,
# a click selects and a second click (or a double click) opens, a click on
# a link opens it, the mouse still works after a program had the terminal,
# and mouse = no leaves the terminal's own mouse alone.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

. "${top_srcdir:-.}/tests/e2e/tmux_lib.sh"

DIR=$TMPDIR_TEST/site
BIN=$TMPDIR_TEST/bin
LOG=$TMPDIR_TEST/log
mkdir -p "$DIR" "$BIN" "$LOG"
for f in "$TESTDATA"/commands/*; do
	sed "s|@DIR@|$DIR|g" "$f" >"$DIR/${f##*/}"
done
cat >"$BIN/url-log" <<'EOF'
#!/bin/sh
printf '%s\n' "$2" >>"$1"
EOF
chmod +x "$BIN/url-log"
log() { cat "$LOG/$1" 2>/dev/null; }
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
browser = $BIN/url-log $LOG/browser

[keys]
x = exec true
z = exec sleep 1

[open]
video\.example/ = $BIN/url-log $LOG/open

[Pasar]
url = file://$DIR/feed.xml
EOF
"$WARTA" -c "$cfg" --cache "$cache" refresh >/dev/null 2>&1
ok $? "the fixtures are refreshed"

# The terminal's report of a press and a release of the left button at
# column x, row y (from 0), as an xterm sends it (X10 encoding); a pause
# after, so that curses does not make two clicks one double click.
hex() { printf '%x' $((33 + $1)); }
click() {
	keys -H 1b 5b 4d 20 "$(hex "$1")" "$(hex "$2")" \
		1b 5b 4d 23 "$(hex "$1")" "$(hex "$2")"
	sleep 0.3
}
double_click() {
	keys -H 1b 5b 4d 20 "$(hex "$1")" "$(hex "$2")" \
		1b 5b 4d 23 "$(hex "$1")" "$(hex "$2")" \
		1b 5b 4d 20 "$(hex "$1")" "$(hex "$2")" \
		1b 5b 4d 23 "$(hex "$1")" "$(hex "$2")"
	sleep 0.3
}
wheel_down() { keys -H 1b 5b 4d 61 25 25; }
wheel_up() { keys -H 1b 5b 4d 60 25 25; }
# The row (from 0) and column of the first match of a fixed string.
where() {
	screen | awk -v s="$1" '{ i = index($0, s); if (i) { print NR - 1, i - 1; exit } }'
}

ARGS="-c $cfg --cache $cache --offline"
start
expect 'Sources \(1' "the interface opens"
is "$(tm display -p -t w '#{mouse_standard_flag}')" 1 "it asks the terminal for clicks"

# ---- the sources: a click selects, a click on the selection opens
read -r y x <<<"$(where Pasar)"
click "$x" "$y"
expect '^ Pasar: 3 unread of 3' "a click selects a source"
click "$x" "$y"
expect 'Pasar \(3\)' "a click on the selection opens it"

# ---- the headlines: the wheel, a click, a double click
expect '^ 1 of 3' "the first headline selected"
wheel_down
expect '^ 3 of 3' "the wheel moves down three lines (as far as there are)"
wheel_up
expect '^ 1 of 3' "and up"
read -r y x <<<"$(where 'Plain title')"
click "$x" "$y"
expect '^ 3 of 3' "a click selects a headline"
read -r y x <<<"$(where 'Escape attempt')"
double_click "$x" "$y"
expect 'A title that names other directories' "a double click opens another"
keys q
expect 'Pasar \(3\)' "back"

# ---- the article: the wheel scrolls, a click on a link opens it
read -r y x <<<"$(where 'rm -rf')"
double_click "$x" "$y"
expect 'Every evening the car park' "the long article"
top=$(screen | sed -n 2p)
wheel_down
for _ in $(seq 1 40); do
	[ "$(screen | sed -n 2p)" != "$top" ] && break
	sleep 0.05
done
isnt "$(screen | sed -n 2p)" "$top" "the wheel scrolls the article"
wheel_up
expect 'Lanterns at the night market' "and back up"
read -r y x <<<"$(where '[1]')"
click "$x" "$y"
wait_file "$LOG/open"
is "$(log open)" "https://video.example/watch?v=42" "a click on a link's number opens it (by its opener)"
read -r y x <<<"$(where 'map of the')"
click "$x" "$y"
wait_file "$LOG/browser"
is "$(log browser)" "https://elsewhere.example/page" "a click on a link's text opens it (in the browser)"
read -r y x <<<"$(where 'Every evening')"
click "$x" "$y"
sleep 0.5
is "$(log browser | wc -l)" 1 "a click on text that is no link opens nothing"

# ---- a program has the terminal to itself, and then the mouse works again
rm -f "$LOG/browser"
keys z
sleep 0.4
is "$(tm display -p -t w '#{mouse_standard_flag}')" 0 "while a program has the terminal, no clicks are asked for"
sleep 1
keys x
sleep 0.3
is "$(tm display -p -t w '#{mouse_standard_flag}')" 1 "clicks are asked for again after a program ran"
keys L
expect '\[2\] map of the stalls' "the links list"
read -r y x <<<"$(where '[2]')"
click "$x" "$y"
expect 'Links: .*' "a click in the links list selects a link"
sleep 0.5
ok "$([ ! -e "$LOG/browser" ]; echo $?)" "... without opening it"
click "$x" "$y"
wait_file "$LOG/browser"
is "$(log browser)" "https://elsewhere.example/page" "a click on the selected link opens it"
keys q q ? G
expect 'The wheel scrolls' "the help tells about the mouse"
keys q Q
expect 'EXIT=0' "quits"

# ---- mouse = no: the terminal keeps its mouse (selecting text as usual)
printf '[general]\nmouse = no\n[Pasar]\nurl = file://%s/feed.xml\n' "$DIR" >"$TMPDIR_TEST/nomouse.ini"
ARGS="-c $TMPDIR_TEST/nomouse.ini --cache $cache --offline"
start
expect 'Sources \(1' "mouse = no: the interface opens"
is "$(tm display -p -t w '#{mouse_standard_flag}')" 0 "... and asks for no clicks"
keys ?
expect 'Keys in the sources' "the help"
keys G
reject 'The wheel scrolls' "... says nothing of the mouse"
keys q Q
expect 'EXIT=0' "quits"

done_testing
