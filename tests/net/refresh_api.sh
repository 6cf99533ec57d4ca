#!/bin/bash
# refresh_api.sh: runs the refresh unit tests against the local test server.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/net/lib.sh"

server_start "$TESTDATA/net" || skip_all "test server did not start"
export TMPDIR_TEST
"${top_builddir:-.}/tests/unit/test_refresh"
