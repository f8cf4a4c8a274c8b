#!/bin/sh
# make bench-site: 1,000 synthetic pages built by vecdoc and by hugo in the
# same run, whole process, cold (fresh output, no caches). Prints pages/s
# for each and the ratios, cold (--no-cache) and warm (vecdoc's page
# cache). A benchmark, not a test.
set -eu
VECDOC=${1:-./vecdoc}
N=${BENCH_PAGES:-1000}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/gen-pages.py" "$N" "$work/vd" "$work/hugo"
# A Hugo layout with the same navigation work: sidebar tree, breadcrumbs,
# prev/next in section, table of contents.
mkdir -p "$work/hugo/layouts/_default"
cat >"$work/hugo/config.toml" <<'T'
baseURL = "https://example.org/"
title = "Bench"
disableKinds = ["taxonomy", "term", "RSS"]
[markup.goldmark.renderer]
unsafe = true
T
cat >"$work/hugo/layouts/_default/baseof.html" <<'T'
<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body>
<nav>{{ range .Site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
<nav><a href="/">Home</a>{{ with .Parent }} › <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
T
cat >"$work/hugo/layouts/_default/single.html" <<'T'
{{ define "main" }}{{ .TableOfContents }}{{ .Content }}
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}
T
cat >"$work/hugo/layouts/_default/list.html" <<'T'
{{ define "main" }}{{ .Content }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
T
now() { date +%s.%N; }
best() { sort -n | head -1; }
runs=${BENCH_RUNS:-3}
# Cold: --no-cache, fresh output, every page parsed and rendered. Warm:
# the page cache of a previous build (content unchanged), fresh output
# (whose files are hard links into the cache's link store).
# Hugo runs between them in the same rounds, so load on a shared machine
# falls on both tools alike.
vt=""; wt=""; ht=""
"$VECDOC" build --quiet -C "$work/vd" -o "$work/out-vd"	# primes the cache
for r in $(seq "$runs"); do
	rm -rf "$work/out-vd" "$work/out-hugo" "$work/hugo/resources"
	sync
	t0=$(now); "$VECDOC" build --quiet --no-cache -C "$work/vd" -o "$work/out-vd"; t1=$(now)
	vt="$vt $(echo "$t1 - $t0" | bc -l)"
	if command -v hugo >/dev/null 2>&1; then
		t0=$(now); hugo --quiet -s "$work/hugo" -d "$work/out-hugo" >/dev/null 2>&1; t1=$(now)
		ht="$ht $(echo "$t1 - $t0" | bc -l)"
	fi
	rm -rf "$work/out-vd"
	t0=$(now); "$VECDOC" build --quiet -C "$work/vd" -o "$work/out-vd"; t1=$(now)
	wt="$wt $(echo "$t1 - $t0" | bc -l)"
done
v=$(for x in $vt; do echo "$x"; done | best)
w=$(for x in $wt; do echo "$x"; done | best)
pages=$(find "$work/out-vd" -name '*.html' | wc -l)
printf 'vecdoc cold: %d pages in %.3f s = %.0f pages/s (--no-cache, best of %d)\n' "$pages" "$v" "$(echo "$pages / $v" | bc -l)" "$runs"
printf 'vecdoc warm: %d pages in %.3f s = %.0f pages/s (page cache, best of %d)\n' "$pages" "$w" "$(echo "$pages / $w" | bc -l)" "$runs"
if [ -n "$ht" ]; then
	h=$(for x in $ht; do echo "$x"; done | best)
	hp=$(find "$work/out-hugo" -name 'index.html' | wc -l)
	printf 'hugo:        %d pages in %.3f s = %.0f pages/s (best of %d)\n' "$hp" "$h" "$(echo "$hp / $h" | bc -l)" "$runs"
	printf 'ratio cold:  vecdoc is %.2fx hugo (pages/s; target >= 2)\n' "$(echo "($pages / $v) / ($hp / $h)" | bc -l)"
	printf 'ratio warm:  vecdoc is %.2fx hugo (pages/s; target >= 10)\n' "$(echo "($pages / $w) / ($hp / $h)" | bc -l)"
else
	echo "hugo: not installed (apt-get install hugo) — no ratio"
fi
