#!/bin/bash
# fetch.sh: runs the fetch unit tests against the local test server.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/net/lib.sh"

server_start "$TESTDATA/net" || skip_all "test server did not start"
"${top_builddir:-.}/tests/unit/test_fetch"
