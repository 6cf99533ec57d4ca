# lib.sh: start and stop the local test server for end-to-end tests (sourced).
# server_start DIR   serve DIR on 127.0.0.1; sets SERVER_URL and SERVER_PID
#                    (with SERVER_LOG set, each request is a line of that
#                    file: "GET /path?query")
# server_stop        stop it (also done on exit)
: "${TESTSERVER:=${top_builddir:-.}/tests/net/testserver}"
SERVER_PID=
SERVER_URL=

server_stop() {
	if [ -n "$SERVER_PID" ]; then
		kill "$SERVER_PID" 2>/dev/null
		wait "$SERVER_PID" 2>/dev/null
		SERVER_PID=
	fi
	[ -n "${_server_dir:-}" ] && rm -rf "$_server_dir"
	_server_dir=
	return 0
}

# Chain our cleanup in front of whatever EXIT trap the test already set.
_server_trap() {
	eval "set -- $(trap -p EXIT)"
	_server_prev_exit=${3:-}
	trap 'server_stop; eval "$_server_prev_exit"' EXIT
}

server_start() { # DIR
	local i
	server_stop
	_server_dir=$(mktemp -d "${TMPDIR:-/tmp}/warta-server.XXXXXX") || return 1
	[ -n "${_server_trapped:-}" ] || { _server_trap; _server_trapped=1; }
	"$TESTSERVER" --root "$1" --port-file "$_server_dir/port" \
		--idle-exit "${SERVER_IDLE_EXIT:-120}" \
		${SERVER_LOG:+--log "$SERVER_LOG"} &
	SERVER_PID=$!
	for i in $(seq 1 100); do
		[ -s "$_server_dir/port" ] && break
		kill -0 "$SERVER_PID" 2>/dev/null || break
		sleep 0.05
	done
	if [ ! -s "$_server_dir/port" ]; then
		echo "# test server did not start" >&2
		server_stop
		return 1
	fi
	SERVER_URL="http://127.0.0.1:$(cat "$_server_dir/port")"
	export SERVER_URL
}
