#!/bin/bash
# layering.sh: which src/ folder may include which; every offending include
# is named (file:line -> header). doc/architecture.md (Layering) holds the
# same table and says how this works: change the two together.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

# ---- the rules ---------------------------------------------------------
# A folder, then what its files may include besides their own folder:
# other folders, or single headers of one. "*" is any folder. main is
# src/main.c. Data flows one way: ui and cli on top, then refresh (the
# conductor), then the modules, util at the bottom.
#
# ui includes html/'s HTML-to-text routine and nothing else of html/:
# html/html_text.h for a feed's summary, which the cache keeps as the
# feed's own HTML and the article view shows as text when an item has no
# article yet (the same routine the feed parser and the extractor use), and
# html/page_text.h for the page-text view of the page kept in the cache.
# Both take bytes and give text: no tree crosses the header, nothing is
# fetched or stored. The parser itself (html/html.h) stays out of ui.
RULES='
util
config   util
fetch    util
html     util
doc      util
render   doc util
feed     html util
extract  html doc util
store    util
sync     fetch store config util
refresh  sync fetch feed extract doc store html config util
ui       refresh store render doc config util html/html_text.h html/page_text.h
cli      *
main     cli util
'

# Library headers (a path prefix) and the only folders that include them.
LIBRARIES='
libxml/      html feed extract
curl/        fetch
sqlite3.h    store
curses.h     ui
ncurses      ui
iniparser    config
'

# Known violations that changes in progress remove. Delete an entry when
# its include is gone: an entry that matches nothing fails the test.
#   file                include             removed by
ALLOWED='
'

# ---- the checker -------------------------------------------------------
# check_tree SRC: one line per finding, "KIND<TAB>where -> what: why",
# KIND one of folder, table, private, library, ui, cycle, stale.
check_tree() {
	local src=$1
	find "$src" -name '*.[ch]' | LC_ALL=C sort | awk -v src="$src/" \
		-v rules="$RULES" -v libraries="$LIBRARIES" \
		-v allowed="$ALLOWED" '
	BEGIN {
		n = split(rules, lines, "\n")
		for (i = 1; i <= n; i++) {
			k = split(lines[i], w, /[ \t]+/)
			if (k == 0)
				continue
			known[w[1]] = 1
			for (j = 2; j <= k; j++)
				may[w[1], w[j]] = 1
		}
		n = split(libraries, lines, "\n")
		nlib = 0
		for (i = 1; i <= n; i++) {
			k = split(lines[i], w, /[ \t]+/)
			if (k == 0)
				continue
			lib[++nlib] = w[1]
			libwhere[w[1]] = w[2]
			for (j = 2; j <= k; j++) {
				libok[w[1], w[j]] = 1
				if (j > 2)
					libwhere[w[1]] = libwhere[w[1]] ", " w[j]
			}
		}
		n = split(allowed, lines, "\n")
		nallow = 0
		for (i = 1; i <= n; i++) {
			k = split(lines[i], w, /[ \t]+/)
			if (k < 2 || w[1] !~ /^src\//)
				continue
			allow[w[1], w[2]] = 0
			allowkey[++nallow] = w[1] SUBSEP w[2]
		}
	}
	{
		path = $0
		rel = substr(path, length(src) + 1)
		file = "src/" rel
		if (rel == "main.c")
			folder = "main"
		else if (index(rel, "/"))
			folder = substr(rel, 1, index(rel, "/") - 1)
		else
			folder = ""
		if (!(folder in known)) {
			printf "folder\t%s: in no folder the table knows\n", file
			next
		}
		lineno = 0
		while ((getline line < path) > 0) {
			lineno++
			if (line !~ /^[ \t]*#[ \t]*include[ \t]*[<"]/)
				continue
			sub(/^[ \t]*#[ \t]*include[ \t]*/, "", line)
			quoted = substr(line, 1, 1) == "\""
			h = substr(line, 2)
			sub(/[>"].*/, "", h)
			where = file ":" lineno " -> " h
			target = index(h, "/") ? substr(h, 1, index(h, "/") - 1) : ""
			if (!(target in known) || target == "main") {
				if (quoted && h != "autoconfig.h")
					printf "folder\t%s: a project header names its folder\n", where
				else if (!quoted)
					library(h, folder, where)
				continue
			}
			check(folder, target, h, file, where)
		}
		close(path)
	}
	function library(h, folder, where, i) {
		for (i = 1; i <= nlib; i++)
			if (substr(h, 1, length(lib[i])) == lib[i] &&
			    !((lib[i], folder) in libok))
				printf "library\t%s: %s headers only in %s\n", where,
					lib[i], libwhere[lib[i]]
	}
	function check(folder, target, h, file, where) {
		if (target != folder && h ~ /_int\.h$/)
			printf "private\t%s: private to %s/\n", where, target
		if (target == "ui" && folder != "ui" && folder != "cli")
			printf "ui\t%s: only ui/ and cli/ include ui/\n", where
		if (target != folder) {
			if (!((folder, target) in edge))
				edge[folder, target] = where
			if (!((folder, "*") in may) && !((folder, target) in may) &&
			    !((folder, h) in may)) {
				if ((file, h) in allow)
					allow[file, h]++
				else
					printf "table\t%s: %s may not include %s/\n",
						where, folder, target
			}
		}
	}
	END {
		for (i = 1; i <= nallow; i++)
			if (allow[allowkey[i]] == 0) {
				split(allowkey[i], w, SUBSEP)
				printf "stale\t%s -> %s: on the allow-list, no longer included\n",
					w[1], w[2]
			}
		# an include from a to b is on a cycle when b leads back to a
		for (a in known)
			for (b in known)
				if ((a, b) in edge)
					reach[a, b] = 1
		for (k in known)
			for (a in known)
				if ((a, k) in reach)
					for (b in known)
						if ((k, b) in reach)
							reach[a, b] = 1
		for (a in known)
			for (b in known)
				if ((a, b) in edge && (b, a) in reach)
					printf "cycle\t%s: %s/ leads back to %s/\n",
						edge[a, b], b, a
	}'
}

# report KIND NAME: one test, failing with every finding of that kind.
report() {
	local found
	found=$(printf '%s\n' "$findings" | awk -F '\t' -v k="$1" '$1 == k { print $2 }')
	is "$found" "" "$2"
}

src="$top_srcdir/src"
[ -d "$src" ] || skip_all "no src/ under $top_srcdir"
findings=$(check_tree "$src")
report folder "every file is in a known folder; every project include names its folder"
report table "each folder includes only the folders below it"
report private "a private header (*_int.h) is included only inside its own folder"
report library "library headers only where they belong (libxml2: html, feed, extract)"
report ui "nothing outside ui/ and cli/ includes ui/"
report cycle "no include cycles between folders"
report stale "every allow-list entry is still needed"

# ---- the checker itself, on a small tree of known mistakes -------------
t="$TMPDIR_TEST/src"
mkdir -p "$t/util" "$t/config" "$t/feed" "$t/doc" "$t/extract" "$t/ui" \
	"$t/store" "$t/cli" "$t/misc"
printf '#include "autoconfig.h"\n#include "util/str.h"\n' >"$t/util/str.c"
printf '#include "util/str.h"\n\n#include "feed/feed.h"\n' >"$t/config/config.c"
printf '#include "config/config.h"\n' >"$t/feed/feed.c"
printf '#include <libxml/tree.h>\n#include "str.h"\n' >"$t/store/store.c"
printf '#include "extract/extract_int.h"\n#include "ui/ui.h"\n' >"$t/doc/doc.c"
printf '#include "cli/cli.h"\n' >"$t/ui/ui.c"
printf '#include "ui/ui_int.h"\n#include "ui/ui.h"\n' >"$t/cli/cmd_ui.c"
printf '\n' >"$t/misc/x.c"
mistakes=$(check_tree "$t")
for want in \
	'table	src/config/config.c:3 -> feed/feed.h: config may not include feed/' \
	'table	src/feed/feed.c:1 -> config/config.h: feed may not include config/' \
	'library	src/store/store.c:1 -> libxml/tree.h: libxml/ headers only in html, feed, extract' \
	'folder	src/store/store.c:2 -> str.h: a project header names its folder' \
	'private	src/doc/doc.c:1 -> extract/extract_int.h: private to extract/' \
	'private	src/cli/cmd_ui.c:1 -> ui/ui_int.h: private to ui/' \
	'ui	src/doc/doc.c:2 -> ui/ui.h: only ui/ and cli/ include ui/' \
	'table	src/ui/ui.c:1 -> cli/cli.h: ui may not include cli/' \
	'folder	src/misc/x.c: in no folder the table knows' \
	'cycle	src/config/config.c:3 -> feed/feed.h: feed/ leads back to config/' \
	'cycle	src/feed/feed.c:1 -> config/config.h: config/ leads back to feed/'; do
	like "$mistakes" "^$(printf '%s' "$want" | sed 's/[][\.*^$()+?{}|]/\\&/g')\$" \
		"the checker finds: ${want#*	}"
done
unlike "$mistakes" 'util/str\.c|cmd_ui\.c:2' "the checker passes what is allowed"

done_testing
