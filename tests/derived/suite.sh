#!/bin/sh
# tests/derived/suite.sh: derived spaces (random-like, subset, centred,
# normalised; tests/derived/dump writes one) checked with numpy, and
# {similarity-graph} / {semantic-axis} against networkx and numpy, on the
# real GloVe vectors in ../shared/data (Debian's /usr/bin/python3); then
# a course using both directives built with -j1 and -j2 must be
# byte-identical, and a graph without edges must say so on its page.
# (Bad declarations: tests/bad/cases/derived-*.)
. "$SRCDIR/tests/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Bad bodies and options of the two directives, with exact diagnostics,
# on a 3-d space made for them (a2, b2: a and b lengthened, so that the
# poles {a, b} and {a2, b2} have the same unit mean: an axis of length 0).
z="$tmp/z"
mkdir -p "$z"
printf 'a 1 0 0\nb 0 1 0\na2 2 0 0\nb2 0 3 0\nc 0 0 1\nd 1 1 1\n' >"$z/z.txt"
printf 'title: Z\nlanguage: en\nspaces:\n  z:\n    path: z.txt\n    format: glove\n' \
    >"$z/vecdoc.yml"
diag() {	# diag NAME WANT ARGS...
	name=$1 want=$2
	shift 2
	got=$(cd "$z" && "$VECDOC" run -C . "$@" 2>&1 >/dev/null)
	rc=$?
	if [ $rc -ne 0 ] && [ "$got" = "$want" ]; then
		pass
	else
		fail "$name (exit $rc)"
		printf '  want: %s\n  got:  %s\n' "$want" "$got"
	fi
}
diag "axis of zero length" "<command line>:3: error: {semantic-axis}: the two poles have the same mean (an axis of zero length) (:pos: against :neg:)" \
    semantic-axis --space z --pos "a b" --neg "a2 b2"
diag "overlapping poles" "<command line>:3: error: {semantic-axis}: 'b' is in both poles (:pos: and :neg:)" \
    semantic-axis --space z --pos "a b" --neg "b c"
diag "a pole of one word" "<command line>:2: error: {semantic-axis}: :pos: needs at least 2 words (one pole pair is left out at a time in the held-out check)" \
    semantic-axis --space z --pos "a" --neg "b c"
diag "second axis half given" "<command line>:4: error: {semantic-axis}: a second axis needs both :pos2: and :neg2:" \
    semantic-axis --space z --pos "a b" --neg "c d" --pos2 "a b"
diag "pair-pca unequal poles" "<command line>:3: error: {semantic-axis}: :method: pair-pca pairs the poles in order: :pos: has 3 words, :neg: 2" \
    semantic-axis --space z --pos "a b d" --neg "c a2" --method pair-pca
diag "pole word unknown" "<command line>:3: error: word not in space 'z' (6 words): 'zz'" \
    semantic-axis --space z --pos "a b" --neg "c zz"
diag "threshold and k-NN" "<command line>:3: error: {similarity-graph}: give :threshold: or :mutual-knn:, not both" \
    similarity-graph --space z --threshold 0.5 --mutual-knn 2 --body "a b c"
diag "k too large" "<command line>:2: error: {similarity-graph}: :mutual-knn: 3 needs at least 4 words, found 3" \
    similarity-graph --space z --mutual-knn 3 --body "a b c"
diag "one word" "<command line>: error: {similarity-graph} needs 2 to 2000 words (in :words:, the body, or :top: N), found 1" \
    similarity-graph --space z --body "a"
diag "a word twice" "<command line>: error: {similarity-graph}: 'a' is listed twice" \
    similarity-graph --space z --body "a b a"
diag "top beyond the space" "<command line>:2: error: {similarity-graph}: :top: 7 is more than the 6 rows of the space" \
    similarity-graph --space z --top 7
diag "top and words" "<command line>:2: error: {similarity-graph}: give either :top: or a word list, not both" \
    similarity-graph --space z --top 3 --body "a b"
diag "threshold 0" "<command line>:2: error: option ':threshold:' must be between 0.001 and 1, not 0" \
    similarity-graph --space z --threshold 0 --body "a b"
diag "graph word unknown" "<command line>: error: word not in space 'z' (6 words): 'qq'" \
    similarity-graph --space z --body "a b qq"

DUMP="$BUILDDIR/tests/derived/dump"
PY=/usr/bin/python3
if [ ! -x "$DUMP" ]; then
	fail "dump not built ($DUMP)"
	finish derived
	exit
fi
data=$(shared_data)
glove="$data/glove.6B.100d.top50k.txt"
if [ -z "$data" ] || [ ! -f "$glove" ]; then
	skip "derived spaces and map directives (no ../shared/data GloVe)"
	finish derived
	exit
fi
if ! $PY -c 'import numpy, networkx' 2>/dev/null; then
	skip "derived spaces: /usr/bin/python3 lacks numpy or networkx"
	finish derived
	exit
fi
OPENBLAS_NUM_THREADS=1 $PY "$SRCDIR/tests/derived/check.py" "$VECDOC" "$DUMP" \
    "$glove" "$tmp" >"$tmp/out" 2>&1
rc=$?
while IFS= read -r line; do
	case "$line" in
	"ok "*) pass ;;
	"FAIL "*) fail "${line#FAIL }" ;;
	*) echo "$line" ;;
	esac
done <"$tmp/out"
[ $rc -eq 0 ] || fail "check.py exited $rc"

# -j1 and -j2 give the same bytes; an edgeless graph is labelled.
c="$tmp/course"
mkdir -p "$c/m"
printf -- '---\ntitle: M\n---\n\n# M\n' >"$c/m/index.md"
cat >"$c/m/maps.md" <<'PAGE'
---
title: Maps
---

# Maps

```{similarity-graph}
:space: glove-random
:mutual-knn: 3
:name: gr
cat dog horse cow paris london berlin rome red green blue apple
```

```{similarity-graph}
:space: glove
:threshold: 0.5
:tries: 4
cat dog horse cow paris london berlin rome red green blue apple
```

```{similarity-graph}
:space: glove-unit
:threshold: 0.99
city red music
```

```{semantic-axis}
:space: glove-centred
:pos: man, he, his, king
:neg: woman, she, her, queen
:pos2: rich, wealthy, expensive
:neg2: poor, needy, cheap
doctor nurse banker beggar
```
PAGE
rm -rf "$c/.vecdoc-cache"
"$VECDOC" build -C "$c" -o "$tmp/o1" -j 1 --no-cache --quiet 2>"$tmp/e1"
r1=$?
"$VECDOC" build -C "$c" -o "$tmp/o2" -j 2 --no-cache --quiet 2>"$tmp/e2"
r2=$?
if [ $r1 -ne 0 ] || [ $r2 -ne 0 ]; then
	fail "course build failed"; cat "$tmp/e1" "$tmp/e2"
elif ! diff -r "$tmp/o1" "$tmp/o2" >/dev/null; then
	fail "-j1 and -j2 builds differ"
else
	pass
fi
if grep -q 'No edges: no pair of these words reaches the threshold' \
    "$tmp/o1/m/maps.html" && ! grep -q 'NaN' "$tmp/o1/m/maps.html"; then
	pass
else
	fail "the edgeless graph is not labelled (or a NaN is drawn)"
fi
finish derived
