# tmux_lib.sh: driving warta in tmux for the end-to-end tests (sourced after
# lib.sh): sessions, keys, waiting for the screen, and assertions on it.
command -v tmux >/dev/null || skip_all "tmux is not installed"
locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$' || skip_all "no C.UTF-8 locale"

# One tmux server per run of warta (a server that is shutting down cannot
# take a new session); all are killed at the end.
NSOCK=0
SOCK="$TMPDIR_TEST/tmux.0"
tmux_cleanup() {
	for s in "$TMPDIR_TEST"/tmux.*; do
		[ -S "$s" ] && tmux -S "$s" kill-server 2>/dev/null
	done
	rm -rf "$TMPDIR_TEST"
}
trap tmux_cleanup EXIT
tm() { tmux -S "$SOCK" -f /dev/null "$@"; }
screen() { tm capture-pane -p -t w 2>/dev/null; }
keys() { tm send-keys -t w "$@"; }

# Run a command line in a fresh session of ${COLS:-100}x${ROWS:-30}; the
# pane stays to show the exit code. With RAW set, everything written to the
# terminal is also appended to the file $RAW, from the first byte on.
start_cmd() {
	tm kill-server 2>/dev/null
	NSOCK=$((NSOCK + 1))
	SOCK="$TMPDIR_TEST/tmux.$NSOCK"
	local go="$TMPDIR_TEST/go.$NSOCK"
	if [ -n "${RAW:-}" ]; then
		# the command waits until the pipe is attached
		tm new-session -d -s w -x "${COLS:-100}" -y "${ROWS:-30}" \
			"while [ ! -e '$go' ]; do sleep 0.02; done; $1; echo \"EXIT=\$?\"; sleep 60"
		tm pipe-pane -o -t w "cat >>'$RAW'"
		: >"$go"
	else
		tm new-session -d -s w -x "${COLS:-100}" -y "${ROWS:-30}" \
			"$1; echo \"EXIT=\$?\"; sleep 60"
	fi
}
# Run warta with $ARGS and the environment assignments given.
start() {
	start_cmd "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen-256color $* \"$WARTA\" $ARGS"
}

# Wait up to 5 s for the screen to match ERE.
wait_for() {
	for _ in $(seq 1 100); do
		screen | grep -Eq -- "$1" && return 0
		sleep 0.05
	done
	return 1
}
# With TODO set, a failure is reported as a TODO (a feature of another
# module this build lacks), not as a failure.
TODO=
expect() { # ERE name
	if wait_for "$1"; then _result 1 "$2"
	elif [ -n "$TODO" ]; then
		_n=$((_n + 1))
		echo "not ok $_n - $2 # TODO $TODO"
	else _result 0 "$2" "no /$1/ on the screen:
$(screen)"; fi
}
# The screen must not match ERE (after the last expect settled it).
reject() { # ERE name
	if screen | grep -Eq -- "$1"; then _result 0 "$2" "unexpected /$1/:
$(screen)"; else _result 1 "$2"; fi
}
