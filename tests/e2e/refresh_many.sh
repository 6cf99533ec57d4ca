#!/bin/bash
# refresh_many.sh: more sources finishing at once than one transaction stores: none is left behind.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

d=$TMPDIR_TEST/many
mkdir -p "$d"
cfg=$d/warta.ini
# local files finish within one step of the transfer loop: with 20
# connections, 20 sources are done at once, more than a batch holds
printf '[general]\nmax-connections = 20\nper-host = 20\nfetch-articles = no\n' >"$cfg"
for i in $(seq 1 20); do
	{
		printf '<rss version="2.0"><channel><title>Stream %d</title>\n' "$i"
		for k in 1 2 3; do
			printf '<item><title>Water level %d at gauge %d</title>' "$k" "$i"
			printf '<link>https://gauges.example/%d/%d</link></item>\n' "$i" "$k"
		done
		printf '</channel></rss>\n'
	} >"$d/s$i.xml"
	printf '[Stream %d]\nurl = file://%s/s%d.xml\n' "$i" "$d" "$i" >>"$cfg"
done

out=$("$WARTA" -c "$cfg" --cache "$d/c.db" refresh --verbose 2>&1); st=$?
is "$st" 0 "refresh of 20 local sources exits 0"
out=$(printf '%s\n' "$out" | tail -1)
like "$out" '20 sources, 60 new, 0 failed' "every source stored: $out"
out=$("$WARTA" -c "$cfg" --cache "$d/c.db" refresh --verbose 2>&1 | tail -1)
like "$out" '20 sources, 0 new, 0 failed' "and nothing new the second time: $out"

done_testing
