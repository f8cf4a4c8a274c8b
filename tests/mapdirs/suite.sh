#!/bin/sh
# tests/mapdirs/suite.sh: the map directives {tsne}, {projection} and
# {dbscan} — every bad input of issue 13 with its exact located
# diagnostic, a page of them checked and built with -j1 and -j2 (the
# same bytes), and their numbers on real GloVe words against
# scikit-learn (check.py, Debian's /usr/bin/python3).
. "$SRCDIR/tests/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

expect() {	# expect NAME WANT GOT
	if [ "$2" = "$3" ]; then pass; else fail "$1"; printf '  want: %s\n  got:  %s\n' "$2" "$3"; fi
}

# Bad inputs on the examples' small space (66 words, 12 dimensions).
cp -R "$SRCDIR/tests/directives/examples/site" "$work/ex"
rm -rf "$work/ex/.vecdoc-cache"
cd "$work/ex" || exit 1
SP="--space glove-wiki-100d"
expect "tsne: perplexity not below the word count" \
"<command line>:3: error: perplexity 5 needs more than 5 words, found 5 (lower :perplexity: or add words)" \
"$("$VECDOC" run tsne -C . $SP --words king,queen,man,woman,cat --perplexity 5 2>&1)"
expect "tsne: default perplexity, too few words" \
"<command line>: error: perplexity 30 needs more than 30 words, found 10 (lower :perplexity: or add words)" \
"$("$VECDOC" run tsne -C . $SP --top 10 2>&1)"
expect "tsne: too few words" \
"<command line>: error: {tsne} needs at least 4 words in the space, found 3" \
"$("$VECDOC" run tsne -C . $SP --words king,queen,man --perplexity 2 2>&1)"
expect "tsne: all words out of vocabulary, skipped" \
"<command line>:2: error: none of the 4 words is in space 'glove-wiki-100d': 'zzz', 'yyy', 'xxx', 'www'" \
"$("$VECDOC" run tsne -C . $SP --words zzz,yyy,xxx,www --missing skip 2>&1)"
expect "tsne: unknown words" \
"<command line>:2: error: words not in space 'glove-wiki-100d' (66 words): 'zzz', 'yyy'" \
"$("$VECDOC" run tsne -C . $SP --words king,zzz,queen,yyy 2>&1)"
expect "dbscan: eps 0" \
"<command line>:3: error: :eps: must be greater than 0, found 0" \
"$("$VECDOC" run dbscan -C . $SP --words king,queen,man --eps 0 2>&1)"
expect "dbscan: eps negative" \
"<command line>:3: error: :eps: must be greater than 0, found -0.2" \
"$("$VECDOC" run dbscan -C . $SP --words king,queen,man --eps -0.2 2>&1)"
expect "dbscan: an empty group" \
"<command line>:5:1: error: group 'b' is empty" \
"$("$VECDOC" run dbscan -C . $SP --groups --body 'a: king queen
b:
c: cat' 2>&1)"
expect "dbscan: a group of unknown words, skipped" \
"<command line>:6:1: error: none of the words of group 'b' is in space 'glove-wiki-100d'" \
"$("$VECDOC" run dbscan -C . $SP --groups --missing skip --body 'a: king queen
b: zzz yyy' 2>&1)"
expect "dbscan: a group line without a label" \
"<command line>:5:1: error: expected a group as 'label: word word …', found 'king queen'" \
"$("$VECDOC" run dbscan -C . $SP --groups --body 'a: cat dog
king queen' 2>&1)"
expect "dbscan: the t-SNE clusters drawn on PCA" \
"<command line>:4: error: clusters found on the t-SNE map are drawn on it: use :map: tsne or auto" \
"$("$VECDOC" run dbscan -C . $SP --words king,queen,man,woman --on tsne --map pca 2>&1)"
expect "projection: :top: and words" \
"<command line>:2: error: give either :top: or words (:words:, the body or :groups:), not both" \
"$("$VECDOC" run projection -C . $SP --top 20 --words king 2>&1)"
expect "projection: no words" \
"<command line>: error: {projection} needs words: in the body, in :words:, as :top: N or as :groups:" \
"$("$VECDOC" run projection -C . $SP 2>&1)"
expect "projection: a word twice" \
"<command line>:2: error: 'King' is listed twice (as 'king' before)" \
"$("$VECDOC" run projection -C . $SP --words king,King,queen 2>&1)"
expect "projection: nine groups" \
"<command line>:12:1: error: at most 8 groups (one colour each)" \
"$("$VECDOC" run projection -C . $SP --groups --body 'a: the
b: of
c: and
d: to
e: in
f: is
g: was
h: for
i: on' 2>&1)"
# In a page: located at the page's lines, all reported, exit 1.
mkdir -p "$work/ex/bad"
printf -- '---\ntitle: Bad maps\n---\n\n```{tsne}\n:space: glove-wiki-100d\n:groups:\nanimals: cat dog frog\ncolours:\n```\n\n```{dbscan}\n:space: glove-wiki-100d\n:eps: 0\ncat dog frog\n```\n' >"$work/ex/bad/bad.md"
printf -- '---\ntitle: Bad\n---\n' >"$work/ex/bad/index.md"
printf -- '---\ntitle: Examples\n---\n' >"$work/ex/index.md"
"$VECDOC" check -C . --quiet >/dev/null 2>"$work/err"
rc=$?
expect "bad page: exit status" 1 "$rc"
expect "bad page: located diagnostics" \
"./bad/bad.md:9:1: error: group 'colours' is empty
./bad/bad.md:14:1: error: :eps: must be greater than 0, found 0" \
"$(grep -v '^vecdoc ' "$work/err")"
# Skipped words are said under the table, not dropped silently.
printf -- '---\ntitle: Skip\n---\n\n```{projection}\n:space: glove-wiki-100d\n:missing: skip\nking queen zzz man\n```\n' >"$work/ex/bad/bad.md"
"$VECDOC" build -C . -o "$work/exo" --quiet >/dev/null 2>&1
expect "projection: skipped words noted" 1 \
    "$(grep -c "not in the space, skipped: 'zzz'" "$work/exo/bad/bad.html")"
rm -rf "$work/ex/bad"

# Real GloVe words: sklearn cross-checks and -j1 = -j2.
data=$(shared_data)
if [ -z "$data" ] || [ ! -f "$data/glove.6B.100d.top50k.txt" ]; then
	skip "map directives on GloVe (no ../shared/data)"
	finish mapdirs
	exit
fi
mkdir -p "$work/g/maps"
ln -s "$data/glove.6B.100d.top50k.txt" "$work/g/glove.txt"
printf 'title: Maps\nlanguage: en\nspaces:\n  glove:\n    path: glove.txt\n    format: glove\n' >"$work/g/vecdoc.yml"
printf -- '---\ntitle: Maps\n---\n' >"$work/g/index.md"
printf -- '---\ntitle: Maps\n---\n' >"$work/g/maps/index.md"
cat >"$work/g/maps/a.md" <<'PAGE'
---
title: A map of frequent words
---

```{tsne}
:space: glove
:top: 1200
:rows: 20
:name: ts
```

```{dbscan}
:space: glove
:top: 1200
:on: tsne
:eps: 2.5
:rows: 20
:name: db
```

```{projection}
:space: glove
:top: 1200
:centred: false
:name: pr
```
PAGE
cd "$work/g" || exit 1
if "$VECDOC" build -C . -o "$work/o1" -j 1 --strict --quiet --no-cache 2>"$work/e1" &&
    "$VECDOC" build -C . -o "$work/o2" -j 2 --strict --quiet --no-cache 2>"$work/e2"; then
	pass
	if diff -r "$work/o1" "$work/o2" >/dev/null; then pass; else fail "-j1 and -j2 builds differ"; diff -r "$work/o1" "$work/o2" | head -5; fi
	if grep -q 'NaN\|nan"' "$work/o1/maps/a.html"; then fail "NaN in the page"; else pass; fi
	n=$(grep -c '<figure class="vd-chart' "$work/o1/maps/a.html")
	expect "three charts on the page" 3 "$n"
else
	fail "build of the map page"; cat "$work/e1" "$work/e2"
fi

if ! /usr/bin/python3 -c 'import sklearn' 2>/dev/null; then
	skip "sklearn cross-checks: /usr/bin/python3 lacks sklearn"
	finish mapdirs
	exit
fi
/usr/bin/python3 "$SRCDIR/tests/mapdirs/check.py" "$VECDOC" "$work/g" \
    "$data/glove.6B.100d.top50k.txt" >"$work/out" 2>&1
rc=$?
while IFS= read -r line; do
	case "$line" in
	"ok "*) pass ;;
	"FAIL "*) fail "${line#FAIL }" ;;
	"SKIP: "*) skip "${line#SKIP: }" ;;
	*) echo "$line" ;;
	esac
done <"$work/out"
[ $rc -eq 0 ] || fail "check.py exited $rc"
finish mapdirs
