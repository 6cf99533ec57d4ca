#!/bin/bash
# cache_crash.sh: `warta refresh` killed (-9) at 20 random moments against the local test server: the cache stays whole.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/net/lib.sh"

STORECAT="${top_builddir:-.}/tests/store/storecat"
[ -x "$STORECAT" ] || skip_all "storecat not built"
ROUNDS=${CRASH_ROUNDS:-20}
SEED=${CRASH_SEED:-$$}
RANDOM=$SEED
echo "# seed $SEED (CRASH_SEED=$SEED reproduces the moments)"

. "${top_srcdir:-.}/tests/net/site.sh"
site="$TMPDIR_TEST/site"
mkdir -p "$site/a"
NFEEDS=8
items=12
for ((f = 1; f <= NFEEDS; f++)); do write_feed "$f" "$items"; done

server_start "$site" || skip_all "test server did not start"
cfg="$TMPDIR_TEST/config.ini"
cache="$TMPDIR_TEST/cache.db"
{
	printf '[general]\nretries = 0\ntimeout = 5\nmax-items = 1000\nkeep-days = 0\n'
	for ((f = 1; f <= NFEEDS; f++)); do
		printf '[F%s]\nurl = %s/f%s.xml\n' "$f" "$SERVER_URL" "$f"
	done
} >"$cfg"
w() { "$WARTA" -c "$cfg" --cache "$cache" "$@"; }

w refresh 2>"$TMPDIR_TEST/err"
ok $? "a first full refresh"
# each round brings STEP new items (and pages) per feed: time one such
# refresh, to spread the kills over it
STEP=4
items=$((items + STEP))
for ((f = 1; f <= NFEEDS; f++)); do write_feed "$f" "$items"; done
t0=$(date +%s%N)
w refresh 2>/dev/null
dur_ms=$((($(date +%s%N) - t0) / 1000000))
echo "# a refresh bringing $((NFEEDS * STEP)) items and pages takes $dur_ms ms"
[ "$dur_ms" -lt 50 ] && dur_ms=50

# read and flagged state that must survive every crash
state="$TMPDIR_TEST/state.txt"
: >"$state"
mark() { # round: mark a few known items read or flagged
	local f=$(($1 % NFEEDS + 1)) i=$(($1 % 5 + 1))
	printf 'read\t%s/a/%s-%s.html\n' "$SERVER_URL" "$f" "$i" >>"$state"
	printf 'flagged\t%s/a/%s-%s.html\n' "$SERVER_URL" "$f" "$((i + 5))" >>"$state"
	w import-state "$state" >/dev/null
}
mark 0

bad_check=0 lost=0 bad_next=0 killed=0
# rounds go on until ROUNDS kills have hit a running refresh (a kill that
# comes after the refresh ended is no test of anything), within a bound
for ((r = 1; killed < ROUNDS && r <= 3 * ROUNDS; r++)); do
	# every round brings new items and new pages to fetch
	items=$((items + STEP))
	for ((f = 1; f <= NFEEDS; f++)); do write_feed "$f" "$items"; done
	delay=$((RANDOM % (dur_ms * 3 / 4)))
	"$WARTA" -c "$cfg" --cache "$cache" refresh >/dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v d="$delay" 'BEGIN {printf "%.3f", d / 1000}')"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	[ $? = 137 ] && killed=$((killed + 1))
	res=$("$STORECAT" "$cache" check 2>&1)
	if [ "$res" != ok ]; then
		bad_check=$((bad_check + 1))
		echo "# round $r (killed after $delay ms): $res"
	fi
	exp=$(w export-state | grep -v '^#')
	while IFS=$'\t' read -r st url; do
		case "$st" in
		read) printf '%s\n' "$exp" | grep -Eq "^read(,flagged)?	$url\$" ;;
		flagged) printf '%s\n' "$exp" | grep -Eq "^(read,)?flagged	$url\$" ;;
		esac || { lost=$((lost + 1)); echo "# round $r: lost $st $url"; }
	done <"$state"
	if ! w refresh >/dev/null 2>"$TMPDIR_TEST/err" || [ -s "$TMPDIR_TEST/err" ]; then
		bad_next=$((bad_next + 1))
		echo "# round $r: the next refresh: $(cat "$TMPDIR_TEST/err")"
	fi
	mark "$r"
done
rounds=$((r - 1))
echo "# $killed of $rounds refreshes were killed while running"
is "$bad_check" 0 "$rounds kill -9 of warta refresh: integrity check ok each time"
is "$lost" 0 "no read or flagged state lost ($(wc -l <"$state") marks)"
is "$bad_next" 0 "the next refresh runs clean each time"
is "$killed" "$ROUNDS" "$ROUNDS kills hit a running refresh"
is "$("$STORECAT" "$cache" check)" ok "the cache checks ok at the end"
n=$("$STORECAT" "$cache" articles | grep -c '^== ')
is "$n" "$((NFEEDS * items))" "every item has its article after the last refresh"
out=$(w search terraces)
ok $? "the cache searches"

done_testing
