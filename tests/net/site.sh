# site.sh: a generated news site for cache tests (sourced): write_feed F N
# [FIRST] writes $site/fF.xml with items FIRST (1)..N, newest first, item i
# dated i minutes ago, and the page $site/a/F-I.html of each new item.
write_feed() { # f n [first]
	local f=$1 n=$2 first=${3:-1} i p now
	now=$(date +%s)
	{
		printf '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>\n'
		printf '<title>Feed %s</title><link>/</link><description>d</description>\n' "$f"
		for ((i = n; i >= first; i--)); do
			printf '<item><title>Story %s-%s of the valley</title>' "$f" "$i"
			printf '<link>a/%s-%s.html</link><guid>f%s-i%s</guid>' "$f" "$i" "$f" "$i"
			TZ=UTC printf '<pubDate>%(%a, %d %b %Y %H:%M:%S +0000)T</pubDate>' \
				"$((now - i * 60))"
			printf '<description>Summary of story %s-%s.</description></item>\n' "$f" "$i"
		done
		printf '</channel></rss>\n'
	} >"$site/f$f.xml.tmp"
	mv "$site/f$f.xml.tmp" "$site/f$f.xml"
	for ((i = first; i <= n; i++)); do
		[ -f "$site/a/$f-$i.html" ] && continue
		{
			printf '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
			printf '<title>Story %s-%s</title></head><body><nav><a href="/">Home</a></nav>' "$f" "$i"
			printf '<article><h1>Story %s-%s of the valley</h1>' "$f" "$i"
			for p in 1 2 3 4; do
				printf '<p>Paragraph %s of story %s-%s: the river rose along the terraces ' "$p" "$f" "$i"
				printf 'while the farmers moved their goats uphill, and the mill kept turning '
				printf 'through the night as the village council met to plan the repairs.</p>'
			done
			printf '</article><footer>Valley news</footer></body></html>\n'
		} >"$site/a/$f-$i.html"
	done
}
