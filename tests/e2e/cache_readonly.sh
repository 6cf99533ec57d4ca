#!/bin/bash
# cache_readonly.sh: a cache on a read-only file system is still read
# (search, export-state, the interface offline) and what cannot be done
# says why; a full disk at start-up leaves nothing beside the cache. The
# file systems are tmpfs mounts in a private mount namespace (root only).
if [ -z "${WARTA_MOUNT_NS:-}" ]; then
	if ! command -v unshare >/dev/null ||
		! unshare -m true 2>/dev/null; then
		echo "1..0 # SKIP no private mount namespace (unshare -m, as root)"
		exit 0
	fi
	WARTA_MOUNT_NS=1 exec unshare -m bash "$0" "$@"
fi
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/e2e/tmux_lib.sh"

mnt="$TMPDIR_TEST/mnt"
mkdir -p "$mnt"
mount -t tmpfs -o size=4m tmpfs "$mnt" || skip_all "cannot mount a tmpfs"
trap 'umount -l "$mnt" 2>/dev/null; tmux_cleanup' EXIT

cfg="$TMPDIR_TEST/config.ini"
printf '[Feed]\nurl = file://%s\nfetch-articles = no\n' \
	"$TESTDATA/feeds/rss20.xml" >"$cfg"
cache="$mnt/cache.db"
w() { "$WARTA" -c "$cfg" --cache "$cache" "$@"; }

w refresh 2>/dev/null
ok $? "a cache is made on the tmpfs"
w mark --read "$(w search jembatan | sed -n 's/^ *\(https\?:[^ ]*\|file:[^ ]*\)$/\1/p' | head -1)" >/dev/null 2>&1
state=$(w export-state)
found=$(w search jembatan)
like "$found" 'Jembatan baru' "search finds an item"

# ---- read-only
mount -o remount,ro "$mnt" || skip_all "cannot remount read-only"
out=$(w search jembatan 2>&1)
is "$?" 0 "search reads a cache on a read-only file system"
is "$out" "$found" "and finds what it found before"
out=$(w export-state 2>&1)
is "$?" 0 "export-state reads it"
is "$out" "$state" "and writes the same state"

err=$(w refresh 2>&1 >/dev/null)
is "$?" 1 "a refresh cannot write it"
like "$err" 'Read-only file system' "and the error names the cause"
unlike "$err" 'No such file or directory' "not a missing file"
is "$(printf '%s\n' "$err" | wc -l)" 1 "in one line"
err=$(w mark --all-read 2>&1 >/dev/null)
is "$?" 1 "marking read cannot write it"
like "$err" 'Read-only file system' "and says why"
err=$(printf 'read\thttps://x.example/a\n' | w import-state 2>&1 >/dev/null)
is "$?" 1 "import-state cannot write it"
like "$err" 'Read-only file system' "and says why"
err=$(w --cache "$mnt/new.db" refresh 2>&1 >/dev/null)
is "$?" 1 "a new cache cannot be made there"
like "$err" 'Read-only file system' "and the error names the cause"

# the interface, offline, shows the sources and their items
ARGS="-c $cfg --cache $cache --offline"
start
expect 'Feed' "the interface opens a cache on a read-only file system"
keys Enter
expect 'Pasar & harga cabai naik' "and lists the items"
keys q q
tm kill-server 2>/dev/null
is "$(ls -A "$mnt")" "cache.db" "nothing was written beside the cache"

# ---- a full disk at start-up
mount -o remount,rw "$mnt"
cp "$cache" "$TMPDIR_TEST/copy.db"
sum=$(cksum <"$cache")
dd if=/dev/zero of="$mnt/fill" bs=4k 2>/dev/null
for cmd in "search jembatan" refresh export-state "mark --all-read"; do
	# shellcheck disable=SC2086
	w $cmd >/dev/null 2>"$TMPDIR_TEST/err"
	is "$(ls -A "$mnt" | sort | tr '\n' ' ')" "cache.db fill " \
		"$cmd on a full disk leaves no -shm or -wal"
done
like "$(cat "$TMPDIR_TEST/err")" 'No space left|disk full|disk is full' "the error names a full disk"
is "$(cksum <"$cache")" "$sum" "the cache is as it was"
rm -f "$mnt/fill"
like "$(w search jembatan)" 'Jembatan baru' "and reads again once there is room"

done_testing
