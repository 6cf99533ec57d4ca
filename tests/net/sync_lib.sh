# sync_lib.sh: start the fake sync server and write a [sync] config for it (sourced).
# sync_server_start ITEMS FEEDS [OPTION...]   sets SYNC_URL, SYNC_DIR (state,
#                                control, log); options go to the server
# sync_config FILE SERVICE [PWFILE]   a config for greader/freshrss or nextcloud
# srv_item NID                   the server's "item ..." line of item NID
# srv_count NAME                 a server counter (login, ids, edit, ...)
: "${SYNCSERVER:=${top_builddir:-.}/tests/net/syncserver}"
SYNC_PID=
SYNC_PASSWORD='s3cret-Passw0rd'

sync_server_stop() {
	if [ -n "$SYNC_PID" ]; then
		kill "$SYNC_PID" 2>/dev/null
		wait "$SYNC_PID" 2>/dev/null
		SYNC_PID=
	fi
	return 0
}

sync_server_start() { # ITEMS FEEDS [OPTION...]
	local i n=$1 f=$2
	shift 2
	sync_server_stop
	SYNC_DIR=$TMPDIR_TEST/server.$RANDOM
	mkdir -p "$SYNC_DIR"
	: >"$SYNC_DIR/control"
	"$SYNCSERVER" --port-file "$SYNC_DIR/port" --state-file "$SYNC_DIR/state" \
		--control "$SYNC_DIR/control" --log "$SYNC_DIR/log" \
		--items "$n" --feeds "$f" --idle-exit 120 "$@" &
	SYNC_PID=$!
	trap 'sync_server_stop; rm -rf "$TMPDIR_TEST"' EXIT
	for i in $(seq 1 100); do
		[ -s "$SYNC_DIR/port" ] && break
		sleep 0.05
	done
	[ -s "$SYNC_DIR/port" ] || return 1
	SYNC_URL="http://127.0.0.1:$(cat "$SYNC_DIR/port")"
}

sync_config() { # FILE SERVICE [PWFILE]
	local pw=${3:-$TMPDIR_TEST/password}
	if [ -z "${3:-}" ]; then
		printf '%s\n' "$SYNC_PASSWORD" >"$pw"
		chmod 600 "$pw"
	fi
	if [ "$2" = nextcloud ]; then
		printf '[general]\nretries = 1\ntimeout = 5\n\n[sync]\nservice = nextcloud\nurl = %s\nuser = alice\npassword-file = %s\n' \
			"$SYNC_URL" "$pw" >"$1"
	else
		printf '[general]\nretries = 1\ntimeout = 5\n\n[sync]\nservice = %s\nurl = %s/greader\nuser = alice\npassword-file = %s\n' \
			"$2" "$SYNC_URL" "$pw" >"$1"
	fi
}

srv_item() { grep "^item $1 " "$SYNC_DIR/state"; }
srv_count() { awk -v n="$1" '$1 == "count" && $2 == n { print $3 }' "$SYNC_DIR/state"; }
