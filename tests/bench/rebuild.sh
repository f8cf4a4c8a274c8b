#!/bin/sh
# make bench-rebuild: the prose-edit rebuild against a cold build. In a
# copy of the course (its fetched data hard-linked), a cold build
# (no page or result cache), then a paragraph added to the lesson that
# holds {analogy-eval}, then the rebuild (both caches); the rebuild's time
# as a share of the cold build's (target: 5% at most), and whether its
# output is byte-identical to a cold build of the edited course. A
# benchmark, not a test: run `make site` first so the data is there.
set -eu
VECDOC=${1:-./vecdoc}
SRC=${2:-content}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
lesson=$(grep -l '^```{analogy-eval}' "$SRC"/*/*.md | head -1)
[ -n "$lesson" ] || { echo "no lesson holds {analogy-eval} in $SRC"; exit 1; }
copy() {	# a copy of the course without its caches, data hard-linked
	mkdir -p "$1"
	(cd "$SRC" && find . -name .vecdoc-cache -prune -o -type d -name data -prune -o \
	    -type f -print) | while read -r f; do
		mkdir -p "$1/$(dirname "$f")"
		cp "$SRC/$f" "$1/$f"
	done
	cp -al "$SRC/data" "$1/data"	# hard links: cheap, and inside the tree
}
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
now() { date +%s.%N; }
copy "$work/c"
rel=${lesson#"$SRC"/}
unset VECDOC_NO_CACHE
t0=$(now); "$VECDOC" build --quiet -C "$work/c" -o "$work/o1"; t1=$(now)
cold=$(secs "$t0" "$t1")
awk 'NR == 1, /^# / { print; next } !done { print "\nMột đoạn văn thêm vào để đo thời gian dựng lại.\n"; done = 1 } { print }' \
    "$work/c/$rel" >"$work/edit.md"
cp "$work/edit.md" "$work/c/$rel"
t0=$(now); "$VECDOC" build --quiet -C "$work/c" -o "$work/o1"; t1=$(now)
warm=$(secs "$t0" "$t1")
copy "$work/d"
cp "$work/edit.md" "$work/d/$rel"
"$VECDOC" build --quiet --no-cache -C "$work/d" -o "$work/o2"
if diff -r "$work/o1" "$work/o2" >/dev/null; then same=yes; else same=NO; fi
echo "lesson with {analogy-eval}: $rel"
echo "cold build: $cold s; rebuild after a prose edit: $warm s"
awk -v a="$cold" -v b="$warm" 'BEGIN { printf "rebuild / cold: %.2f%% (target <= 5%%)\n", 100 * b / a }'
echo "rebuild output byte-identical to a cold build of the edited course: $same"
