#!/bin/bash
# cli.sh: the command line's global contract: --help, --version, errors.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

out=$("$WARTA" --version)
is "$?" 0 "--version exits 0"
like "$out" '^warta [0-9]+\.[0-9]+' "--version prints the version"

out=$("$WARTA" --help)
is "$?" 0 "--help exits 0"
like "$out" 'usage: warta \[GLOBAL OPTIONS\]' "--help prints usage"
like "$out" '--config FILE' "--help lists global options"
like "$out" 'warta help' "--help lists the commands"

out=$("$WARTA" help help)
like "$out" 'usage: warta help' "help COMMAND prints its usage"

err=$("$WARTA" --bogus 2>&1 >/dev/null); st=$?
is "$st" 2 "unknown option exits 2"
is "$(printf '%s\n' "$err" | wc -l)" 1 "unknown option is one line"
like "$err" "unknown option '--bogus'.*--help" "unknown option points to --help"

err=$("$WARTA" frobnicate 2>&1 >/dev/null); st=$?
is "$st" 2 "unknown command exits 2"
like "$err" "'frobnicate' is not a warta command" "unknown command is named"

err=$("$WARTA" --config 2>&1 >/dev/null); st=$?
is "$st" 2 "missing option argument exits 2"
like "$err" "needs an argument" "missing argument is explained"

"$WARTA" --version >/dev/full 2>/dev/null; st=$?
isnt "$st" 0 "a failed write to stdout is an error"

done_testing
