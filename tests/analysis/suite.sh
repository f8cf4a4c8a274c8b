#!/bin/sh
# {translation}, {analogy-sweep}, {sequence-cosine}, {rsa} :bootstrap: /
# :sizes: and {submatrix-spectrum} on the real vectors of ../shared/data,
# every number recomputed by numpy/scipy (tests/analysis/ref.py, which
# also transcribes kern/rng.c for the seeded draws); their bad options
# with exact located diagnostics; -j1 and -j2 builds byte-identical.
. "$SRCDIR/tests/lib.sh"
data=$(shared_data)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
expect() {	# expect NAME WANT GOT
	if [ "$2" = "$3" ]; then pass; else fail "$1"; printf '  want: %s\n  got:  %s\n' "$2" "$3"; fi
}
PY=/usr/bin/python3
REF="$SRCDIR/tests/analysis/ref.py"
if [ -z "$data" ] || [ ! -f "$data/glove.6B.100d.top50k.txt" ]; then
	skip "analysis: no shared data ($VECDOC_SHARED/data)"
	finish analysis
	exit $?
fi
if ! $PY -c 'import numpy, scipy' 2>/dev/null; then
	skip "analysis: numpy/scipy missing"
	finish analysis
	exit $?
fi
G100="$data/glove.6B.100d.top50k.txt"
TW="$data/glove.twitter.27B.25d.top12k.txt"
W2V="$data/word2vec-googlenews-300.demo8000.txt"
mkdir -p "$work/site/m"
# The five Wikipedia excerpts, lower-cased, letters only, one a line: a
# corpus whose tokenization Python reproduces by split().
$PY - "$data" >"$work/site/seq.txt" <<'EOT'
import re, sys
for n in ("algae_fuel", "carbonated_water", "purple", "small_world_network", "tbilisi"):
    t = open("%s/wiki_excerpt_%s.txt" % (sys.argv[1], n), encoding="utf-8").read().lower()
    print(" ".join(re.findall("[a-z]+", t)))
EOT
cat >"$work/site/vecdoc.yml" <<EOT
title: analysis
language: en
spaces:
  g100:
    path: $G100
    format: glove
  tw25:
    path: $TW
    format: glove
  w2v:
    path: $W2V
    format: glove
corpora:
  seq:
    path: seq.txt
    format: lines
EOT
printf -- '---\ntitle: Analysis\n---\n\n# Analysis\n' >"$work/site/index.md"
printf -- '---\ntitle: M\n---\n\n# M\n' >"$work/site/m/index.md"
printf -- '---\ntitle: T\n---\n\n# T\n' >"$work/site/m/t.md"
cd "$work/site" || exit 1
run() { "$VECDOC" run -C . "$@"; }

# {translation}: GloVe 100d -> Twitter 25d and -> word2vec 300d.
run translation --a g100 --b tw25 --top 2000 --test 300 --examples 8 >"$work/tr1.json" 2>&1
expect "translation g100 -> tw25 vs numpy" ok "$($PY "$REF" translation "$work/tr1.json" "$G100" "$TW" 2000 300 42 0 2>&1)"
run translation --a g100 --b w2v --top 1500 --test 200 --lambda 0.5 --seed 7 >"$work/tr2.json" 2>&1
expect "translation g100 -> w2v, ridge, seed 7 vs numpy" ok "$($PY "$REF" translation "$work/tr2.json" "$G100" "$W2V" 1500 200 7 0.5 2>&1)"

# {analogy-sweep} on word2vec (case-sensitive) and GloVe.
Q='man king woman queen|France Paris Italy Rome|good better bad worse'
run analogy-sweep --space w2v --alpha 0,0.5,1,1.5 --beta 0,0.5,1,2 --body "$(echo "$Q" | tr '|' '\n')" >"$work/sw.json" 2>&1
expect "analogy-sweep ranks vs numpy" ok "$($PY "$REF" sweep "$work/sw.json" "$W2V" "$Q" 0,0.5,1,1.5 0,0.5,1,2 2>&1)"

# {sequence-cosine} on the excerpts, 4 shuffles of seed 9.
run sequence-cosine --space g100 --corpora seq --lags 6 --shuffles 4 --seed 9 >"$work/sq.json" 2>&1
expect "sequence-cosine vs numpy" ok "$($PY "$REF" sequence "$work/sq.json" "$G100" seq.txt 6 4 9 2>&1)"

# {rsa} resampling on 80 shared words.
run rsa --a g100 --b tw25 --top 80 --permutations 20 --bootstrap 30 --sizes 10,40 >"$work/rsa.json" 2>&1
expect "rsa bootstrap and sizes vs scipy" ok "$($PY "$REF" rsa "$work/rsa.json" "$G100" "$TW" 80 30 10,40 42 2>&1)"

# {submatrix-spectrum}: two groups against 10 random draws from 5000 rows.
run submatrix-spectrum --space g100 --top 5000 --draws 10 --seed 3 --body 'family: king queen man woman prince princess
numbers: one two three four five six' >"$work/ss.json" 2>&1
expect "submatrix-spectrum vs numpy" ok "$($PY "$REF" spectrum "$work/ss.json" "$G100" 'family:king queen man woman prince princess|numbers:one two three four five six' 5000 10 3 2>&1)"

# Bad options and bodies, located.
page() { printf -- '---\ntitle: T\n---\n\n# T\n\n' >m/t.md; printf '%s\n' "$@" >>m/t.md; }
check() { (cd .. && "$VECDOC" check -C site 2>&1 >/dev/null | grep -v '^vecdoc check:'); }
page '```{translation}' ':a: g100' ':b: tw25' ':top: 100' ':test: 100' '```'
expect "translation: test not below the pool" "site/m/t.md:11:1: error: option ':test:' (100) must be below the 100 words the two spaces share among the first :top:" "$(check)"
page '```{translation}' ':a: g100' ':b: tw25' ':candidates: some' '```'
expect "translation: unknown candidates" "site/m/t.md:10:1: error: option ':candidates:' must be one of all, shared, not 'some'" "$(check)"
page '```{analogy-sweep}' ':space: w2v' ':alpha: 0, x' 'man : king :: woman : queen' '```'
expect "analogy-sweep: bad weight" "site/m/t.md:9:1: error: option ':alpha:' needs numbers from 0 to 10, not 'x'" "$(check)"
page '```{analogy-sweep}' ':space: w2v' 'man : king :: woman' '```'
expect "analogy-sweep: no expected answer" 'site/m/t.md:9:1: error: expected "a : b :: c : d" (d: the expected answer), found 3 words' "$(check)"
page '```{analogy-sweep}' ':space: w2v' 'man : king :: woman : king' '```'
expect "analogy-sweep: answer among the inputs" "site/m/t.md:9:1: error: the expected answer 'king' is one of the question words (they are left out)" "$(check)"
page '```{sequence-cosine}' ':space: g100' ':corpora: seq' ':lags: 1000' '```'
expect "sequence-cosine: lags out of range" "site/m/t.md:10:1: error: option ':lags:' must be between 1 and 100, not 1000" "$(check)"
page '```{sequence-cosine}' ':space: g100' ':corpora: seq' ':lags: 100' ':tokens: 50' '```'
expect "sequence-cosine: too few tokens" "site/m/t.md:9:1: error: corpus 'seq' has 50 tokens with a vector in space 'g100'; :lags: 100 needs more" "$(check)"
page '```{rsa}' ':a: g100' ':b: tw25' ':top: 50' ':sizes: 10, 60' '```'
expect "rsa: size above the words" "site/m/t.md:11:1: error: option ':sizes:' needs whole numbers from 3 to the 50 words compared, not '60'" "$(check)"
page '```{submatrix-spectrum}' ':space: g100' 'family king queen' '```'
expect "submatrix-spectrum: no label" "site/m/t.md:9:1: error: expected \"label: word word ...\", found 'family king queen'" "$(check)"
page '```{submatrix-spectrum}' ':space: g100' 'family: king' '```'
expect "submatrix-spectrum: one word" "site/m/t.md:9:1: error: group 'family' needs 2 to 500 words, found 1" "$(check)"
page '```{submatrix-spectrum}' ':space: g100' 'family: king zzzq' '```'
expect "submatrix-spectrum: unknown word" "site/m/t.md:9:1: error: word not in space 'g100' (50000 words): 'zzzq'" "$(check)"

# The same pages built with one and two workers are byte-identical.
page '```{translation}' ':a: g100' ':b: tw25' ':top: 600' ':test: 100' ':name: tr' '```' '' \
    '```{analogy-sweep}' ':space: w2v' ':alpha: 0, 1' ':beta: 0, 1' 'man : king :: woman : queen' '```' '' \
    'p@1 is {val}`tr.translation.fitted.precision-1`.'
mv m/t.md m/u.md
page '```{sequence-cosine}' ':space: g100' ':corpora: seq' ':lags: 3' '```' '' \
    '```{rsa}' ':a: g100' ':b: tw25' ':top: 40' ':permutations: 20' ':bootstrap: 10' ':sizes: 10' '```' '' \
    '```{submatrix-spectrum}' ':space: g100' ':draws: 3' 'f: king queen man' '```'
if VECDOC_NO_CACHE=1 "$VECDOC" build --quiet --strict -j 1 -C . -o "$work/o1" 2>"$work/e1" &&
    VECDOC_NO_CACHE=1 "$VECDOC" build --quiet --strict -j 2 -C . -o "$work/o2" 2>"$work/e2"; then
	if cmp -s "$work/o1/m/t.html" "$work/o2/m/t.html" &&
	    cmp -s "$work/o1/m/u.html" "$work/o2/m/u.html"; then pass; else fail "-j1 and -j2 differ"; fi
else
	fail "build of the analysis page"; cat "$work/e1" "$work/e2"
fi
finish analysis
