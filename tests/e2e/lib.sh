# lib.sh: TAP helpers for the end-to-end shell tests (sourced, not run).
: "${WARTA:?WARTA must point to the built binary}"
: "${TESTDATA:=${top_srcdir:-.}/tests/data}"
_n=0
_failed=0
TMPDIR_TEST=$(mktemp -d "${TMPDIR:-/tmp}/warta-test.XXXXXX")
trap 'rm -rf "$TMPDIR_TEST"' EXIT
export HOME="$TMPDIR_TEST/home" XDG_CONFIG_HOME="$TMPDIR_TEST/config" \
	XDG_DATA_HOME="$TMPDIR_TEST/data" XDG_CACHE_HOME="$TMPDIR_TEST/cache"
mkdir -p "$HOME"

_result() { # pass name [diagnostic]
	_n=$((_n + 1))
	if [ "$1" = 1 ]; then
		echo "ok $_n - $2"
	else
		_failed=$((_failed + 1))
		echo "not ok $_n - $2"
		[ -n "${3:-}" ] && printf '%s\n' "$3" | sed 's/^/#   /'
	fi
}
ok() { # status name
	if [ "$1" = 0 ]; then _result 1 "$2"; else _result 0 "$2" "exit status $1"; fi
}
is() { # got want name
	if [ "$1" = "$2" ]; then _result 1 "$3"
	else _result 0 "$3" "got:      '$1'
expected: '$2'"; fi
}
isnt() { # got notwant name
	if [ "$1" != "$2" ]; then _result 1 "$3"; else _result 0 "$3" "got '$1'"; fi
}
like() { # text ERE name
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then _result 1 "$3"
	else _result 0 "$3" "no match for /$2/ in:
$(printf '%s\n' "$1" | head -20)"; fi
}
unlike() { # text ERE name
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		_result 0 "$3" "unexpected match for /$2/"
	else _result 1 "$3"; fi
}
skip_all() { echo "1..0 # SKIP $1"; exit 0; }
done_testing() {
	echo "1..$_n"
	[ "$_failed" = 0 ]
	exit $?
}
