#!/bin/bash
# configure.sh: a missing dependency stops ./configure with one line naming
# the Debian package to install.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

[ -x "$top_srcdir/configure" ] || skip_all "no configure script in the source tree"
command -v pkg-config >/dev/null || skip_all "no pkg-config"

# configure runs from a copy of what it reads, never from top_srcdir itself:
# after an in-tree build (the README's quick start) top_srcdir holds a
# config.status, and configure refuses to build anywhere else from a
# configured source tree. So the test does the same in-tree, out of tree
# and under distcheck (whose sources are read-only: the copy is made
# writable, so that it can be removed).
srccopy="$TMPDIR_TEST/srcdir"
mkdir -p "$srccopy/src"
cp -p "$top_srcdir/configure" "$top_srcdir/Makefile.in" \
	"$top_srcdir/autoconfig.h.in" "$srccopy/" &&
	cp -pR "$top_srcdir/build-aux" "$srccopy/" &&
	cp -p "$top_srcdir/src/main.c" "$srccopy/src/" &&
	chmod -R u+w "$srccopy" ||
	skip_all "cannot copy configure and its inputs"

# A pkg-config that pretends one module is not installed.
hide_module() { # module -> path of a wrapper script
	local w="$TMPDIR_TEST/pkg-config-without-$1"
	cat >"$w" <<EOS
#!/bin/sh
for a in "\$@"; do
	case "\$a" in $1|$1\ *) exit 1 ;; esac
done
exec pkg-config "\$@"
EOS
	chmod +x "$w"
	echo "$w"
}

check_missing() { # module package
	local dir="$TMPDIR_TEST/conf-$1" out st
	mkdir -p "$dir"
	out=$(cd "$dir" && PKG_CONFIG=$(hide_module "$1") "$srccopy/configure" 2>&1)
	st=$?
	isnt "$st" 0 "configure fails without $1"
	like "$(printf '%s\n' "$out" | grep 'error:')" "install $2" \
		"the error names the package $2"
}

check_missing libxml-2.0 libxml2-dev
check_missing libcurl libcurl4-openssl-dev
check_missing sqlite3 libsqlite3-dev

done_testing
