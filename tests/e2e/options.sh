#!/bin/bash
# options.sh: every command checks its options: an unknown one is a usage
# error of one line that names it and a help command that works, and
# nothing is created on the way (no file named after the option, no config,
# no cache).
. "${top_srcdir:-.}/tests/e2e/lib.sh"

work="$TMPDIR_TEST/work"
mkdir -p "$work"
cd "$work" || exit 1

cmds=$("$WARTA" --help | sed -n "s/^  warta \([a-z-]*\).*/\1/p")
like "$(printf '%s\n' "$cmds" | wc -l)" '^[1-9][0-9]$' "the commands are read from --help"

for cmd in $cmds; do
	[ "$cmd" = help ] && continue
	err=$("$WARTA" "$cmd" --bogus </dev/null 2>&1 >/dev/null); st=$?
	is "$st" 2 "$cmd --bogus is a usage error"
	is "$(printf '%s\n' "$err" | wc -l)" 1 "$cmd --bogus: one line"
	like "$err" "^warta: $cmd: unknown option '--bogus' \(see 'warta help $cmd'\)$" \
		"$cmd --bogus names the option and 'warta help $cmd'"
	"$WARTA" help "$cmd" >/dev/null 2>&1
	is "$?" 0 "'warta help $cmd' works"
	err=$("$WARTA" "$cmd" -Z </dev/null 2>&1 >/dev/null); st=$?
	is "$st:$err" "2:warta: $cmd: unknown option '-Z' (see 'warta help $cmd')" \
		"$cmd -Z names the short option"
	out=$("$WARTA" "$cmd" --help </dev/null 2>&1); st=$?
	is "$st" 0 "$cmd --help exits 0"
	like "$out" "^usage: warta $cmd" "$cmd --help prints its usage"
done

is "$(ls -A "$work")" "" "no file was created in the working directory"
is "$(ls -A "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" 2>/dev/null)" "" \
	"no config or cache was created"

# the usage each command prints is the one of 'warta help'
is "$("$WARTA" feed --help)" "$("$WARTA" help feed)" "feed --help is 'warta help feed'"
like "$("$WARTA" help feed)" '--type auto\|feed\|page.*--link-pattern ERE.*--max-items N' \
	"feed's usage names all its options"

# an option that needs its argument, and one that takes none
err=$("$WARTA" search --limit 2>&1 >/dev/null); st=$?
is "$st:$err" "2:warta: search: option '--limit' needs an argument (see 'warta help search')" \
	"a missing argument is one line naming the option"
err=$("$WARTA" refresh --verbose=yes 2>&1 >/dev/null); st=$?
is "$st:$err" "2:warta: refresh: option '--verbose' takes no argument (see 'warta help refresh')" \
	"an argument to an option that takes none is one line"

done_testing
