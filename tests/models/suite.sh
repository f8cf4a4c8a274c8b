#!/bin/sh
# tests/models/suite.sh: `models:` in vecdoc.yml — a model is trained on
# first use and kept content-addressed in .vecdoc-cache/models: a second
# build, a prose edit or a reverted change never trains again; a corpus
# edit, a hyperparameter or a seed always does (and only for what
# changed); two sites train byte-identical files; an interrupted build
# leaves no model behind; every bad declaration has its exact located
# diagnostic. The corpora are generated here (no shared data needed).
. "$SRCDIR/tests/lib.sh"
abs() { case "$1" in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
VECDOC=$(abs "$VECDOC")
W=$(mktemp -d "${TMPDIR:-/tmp}/vecdoc-models.XXXXXX")
trap 'rm -rf "$W"' EXIT
cd "$W" || exit 1

# The toy corpus of tests/train: 8 topics of 20 words, 10 common words.
toy() {
	awk 'BEGIN { s = 12345
	for (l = 0; l < 3000; l++) {
		s = (s * 16807) % 2147483647; t = s % 8
		s = (s * 16807) % 2147483647; n = 5 + s % 21
		line = ""
		for (i = 0; i < n; i++) {
			s = (s * 16807) % 2147483647
			if (s % 3 == 0) { s = (s * 16807) % 2147483647; w = "the" (s % 10) }
			else { s = (s * 16807) % 2147483647; w = "t" t "w" (s % 20) }
			line = line (i ? " " : "") w
		}
		print line
	} }'
}

# site DIR DIM SEEDS: a course with model m on corpus toy
site() {
	mkdir -p "$1"
	[ -f "$1/toy.txt" ] || toy > "$1/toy.txt"
	cat > "$1/vecdoc.yml" <<EOF
title: T
language: en
corpora:
  toy:
    path: toy.txt
models:
  m:
    corpus: toy
    dim: $2
    epochs: 2
    seeds: [$3]
    snapshots: [1]
EOF
	cat > "$1/index.md" <<'EOF'
---
title: Home
---

```{nearest}
:space: m
:words: t0w1
:k: 3
```

```{nearest}
:space: m@2/e1
:words: t0w1
:k: 3
```
EOF
}

build() {
	"$VECDOC" build -C "$1" -o "$W/out" >"$W/log" 2>&1 ||
	    fail "build $1: $(tail -3 "$W/log")"
}
# the model files, each with its inode and modification time
state() {
	(cd "$1/.vecdoc-cache/models" 2>/dev/null &&
	    ls -i --full-time --sort=none | awk 'NF > 5 { print $1, $7, $8, $NF }' |
	    sort -k4)
}
names() { state "$1" | awk '{ print $4 }'; }
count() { names "$1" | grep -c '\.vds$'; }

site s 10 "1, 2"
build s
# 2 seeds x (final + 1 snapshot) = 4 .vds, and a log each
if [ "$(count s)" = 4 ] && [ "$(names s | grep -c '\.log$')" = 2 ]; then pass
else fail "first build: $(names s | tr '\n' ' ')"; fi
grep -q "t0w1" "$W/out/index.html" && pass || fail "no neighbours in the page"
s0=$(state s)

build s
[ "$(state s)" = "$s0" ] && pass || fail "second build trained again"

# a prose edit never trains
printf '\nMore prose.\n' >> s/index.md
build s
[ "$(state s)" = "$s0" ] && pass || fail "prose edit trained again"

# a hyperparameter trains both seeds anew (4 new .vds), old files kept
sed -i 's/dim: 10/dim: 11/' s/vecdoc.yml
build s
[ "$(count s)" = 8 ] && pass || fail "dim change: $(count s) .vds, wanted 8"
# back to the old value: found in the cache
s1=$(state s)
sed -i 's/dim: 11/dim: 10/' s/vecdoc.yml
build s
[ "$(state s)" = "$s1" ] && pass || fail "reverted dim trained again"

# a seed change trains that seed only (seed 1 is kept: 2 new .vds)
sed -i 's/seeds: \[1, 2\]/seeds: [1, 3]/' s/vecdoc.yml
sed -i 's/m@2\/e1/m@3\/e1/' s/index.md
build s
[ "$(count s)" = 10 ] && pass || fail "seed change: $(count s) .vds, wanted 10"
s2=$(state s)
# the files of seed 1 at dim 10 are untouched by all of this
echo "$s0" | grep -F "$(echo "$s0" | head -1)" >/dev/null &&
    echo "$s2" | grep -qF "$(echo "$s0" | head -1)" && pass ||
    fail "seed 1 was trained again"

# a corpus edit (one more line) trains again
echo "t0w1 t0w2 the1" >> s/toy.txt
build s
[ "$(count s)" = 14 ] && pass || fail "corpus edit: $(count s) .vds, wanted 14"
s3=$(state s)
build s
[ "$(state s)" = "$s3" ] && pass || fail "build after the corpus edit trained again"

# two sites train byte-identical models (one thread, seeded)
site a 10 "1, 2"
site b 10 "1, 2"
build a
build b
same=1
for f in $(names a); do cmp -s "a/.vecdoc-cache/models/$f" \
    "b/.vecdoc-cache/models/$f" || same=0; done
[ "$same" = 1 ] && [ "$(names a)" = "$(names b)" ] && pass ||
    fail "two sites trained different models"
# and the first site's first build had the same key (before the edits)
echo "$s0" | awk '{ print $4 }' | grep -qx "$(names a | head -1)" && pass ||
    fail "the same declaration in another directory has another key"

# an interrupted build leaves no model: no final .vds without its log
site k 50 "1"
awk '{ for (i = 0; i < 40; i++) print }' k/toy.txt > k/big.txt
mv k/big.txt k/toy.txt
sed -i 's/epochs: 2/epochs: 30/; s/snapshots: \[1\]/snapshots: [1, 30]/; s/m@2\/e1/m\/e1/' k/vecdoc.yml k/index.md
"$VECDOC" build -C k -o "$W/kout" >/dev/null 2>&1 &
pid=$!
sleep 1
kill -KILL $pid 2>/dev/null
wait $pid 2>/dev/null
left=$(names k | grep '\.vds$')
[ -z "$left" ] && pass || fail "interrupted build left $left"

# bad declarations: the exact diagnostic at the key
H='title: T
language: en
corpora:
  toy:
    path: toy.txt
  three:
    path: three.txt
  empty:
    path: empty.txt
spaces:
  r:
    random: {rows: 5, dims: 3, seed: 1}
models:'
mkdir -p bad
toy > bad/toy.txt
: > bad/empty.txt
printf 'a b a b c\nb a c a\n' > bad/three.txt
printf -- '---\ntitle: H\n---\n\n```{nearest}\n:space: m\n:words: t0w1\n```\n' > bad/index.md
# expect BODY WANT: the build fails with exactly WANT (and the summary)
expect() {
	printf '%s\n%s\n' "$H" "$1" > bad/vecdoc.yml
	"$VECDOC" build -C bad -o "$W/badout" >"$W/o.txt" 2>"$W/e.txt"
	rc=$?
	got=$(grep -v '^vecdoc build\|^page ' "$W/e.txt")
	if [ $rc -eq 0 ]; then fail "'$1': build succeeded"
	elif [ "$got" != "$2" ]; then fail "'$1': got '$got', wanted '$2'"
	else pass; fi
}
Y=bad/vecdoc.yml
expect "  m: {corpus: toy, dim: 0}" "$Y:14:25: error: dim: 0 is out of range (1 to 10000)"
expect "  m: {corpus: toy, dim: 100000}" "$Y:14:25: error: dim: 100000 is out of range (1 to 10000)"
expect "  m: {corpus: toy, dim: ten}" "$Y:14:25: error: 'dim' must be a whole number, not 'ten'"
expect "  m: {corpus: toy, window: 0}" "$Y:14:28: error: window: 0 is out of range (1 to 1000)"
expect "  m: {corpus: toy, negative: 0}" "$Y:14:30: error: negative: 0 is out of range (1 to 1000)"
expect "  m: {corpus: toy, sample: 1.5}" "$Y:14:28: error: sample: 1.5 is out of range [0, 1)"
expect "  m: {corpus: toy, alpha: 0}" "$Y:14:27: error: alpha: 0 is out of range (0, 1]"
expect "  m: {corpus: toy, epochs: 0}" "$Y:14:28: error: epochs: 0 is out of range (1 to 10000)"
expect "  m: {corpus: toy, min-count: 0}" "$Y:14:31: error: min-count: 0 is out of range (1 to 1000000000)"
expect "  m: {corpus: toy, model: glove}" "$Y:14:27: error: model: unknown value \"glove\" (known: sgns, cbow)"
expect "  m: {corpus: toyy}" "$Y:14:15: error: model \"m\": corpus \"toyy\" is not declared under corpora: (did you mean \"toy\"?)"
expect "  m: {dim: 5}" "$Y:14:3: error: model m: corpus: is missing (the name of an entry of corpora:)"
expect "  m: {corpus: toy, epochs: 3, snapshots: [1, 4]}" "$Y:14:46: error: snapshots: 4 is out of range (1 to 3) (epochs: 3)"
expect "  m: {corpus: toy, snapshots: [1, 1]}" "$Y:14:35: error: snapshots: 1 is listed twice"
expect "  m: {corpus: toy, snapshots: one}" "$Y:14:31: error: snapshots: expected a non-empty list of whole numbers, e.g. [1, 2, 3]"
expect "  m: {corpus: toy, snapshots: [x]}" "$Y:14:32: error: 'snapshots' must be a whole number, not 'x'"
expect "  m: {corpus: toy, seeds: []}" "$Y:14:27: error: seeds: expected a non-empty list of whole numbers, e.g. [1, 2, 3]"
expect "  m: {corpus: toy, seeds: [1, 2, 1]}" "$Y:14:34: error: seeds: 1 is listed twice"
expect "  m: {corpus: toy, seed: 1, seeds: [2]}" "$Y:14:36: error: model m: give seed: or seeds:, not both"
expect "  m: {corpus: toy, dims: 5}" "$Y:14:20: error: unknown key \"dims\" in a model (did you mean \"dim\"?)"
expect "  r: {corpus: toy}" "$Y:14:3: error: model \"r\" is declared twice: a space of that name is declared at line 11"
expect "  m@1: {corpus: toy}" "$Y:14:3: error: model name \"m@1\": '@', '/' and spaces are reserved (NAME@SEED, NAME/eEPOCH)"
expect "  m: {corpus: toy}
  m: {corpus: toy}" "$Y:15:3: error: YAML: duplicate key 'm'"
expect "  m: [1, 2]" "$Y:14:6: error: model m: expected a map with corpus: and hyperparameters"
# found when the model is trained: placed at the page and at the key
PG="bad/index.md:6:1: error: model \"m\""
expect "  m: {corpus: toy, negative: 1000}" "$PG ($Y:14:30): negative: 1000 must be smaller than the vocabulary: corpus toy has 170 words seen at least 5 times (min-count)"
expect "  m: {corpus: toy, min-count: 100000}" "$PG ($Y:14:31): no word occurs 100000 times or more (--min-count); the most frequent, \"the0\", occurs 1558 times"
expect "  m: {corpus: three, min-count: 1, negative: 3}" "$PG ($Y:14:46): negative: 3 must be smaller than the vocabulary: corpus three has 3 words seen at least 1 time (min-count)"
expect "  m: {corpus: empty}" "$PG ($Y:14:3): the corpus has no words"
# a model's space names: a seed it does not have
printf -- '---\ntitle: H\n---\n\n```{nearest}\n:space: m@9\n:words: t0w1\n```\n' > bad/index.md
expect "  m: {corpus: toy}" "bad/index.md:6:1: error: {nearest}: 'm@9' is not the name of a space declared in vecdoc.yml (model 'm' gives m, m@SEED for each of its seeds and m/eK for each of its snapshots)"

# The directives on models: what they refuse, exactly.
site e 10 "1, 2"
sed -i 's/^models:$/models:\n  m1:\n    corpus: toy\n    dim: 10\n    epochs: 2/' e/vecdoc.yml
printf 'files:\n  simlex999: { path: toy.txt }\n  questions-words: { path: toy.txt }\n' >> e/vecdoc.yml
run_expect() {
	want=$1
	shift
	got=$("$VECDOC" run -C e "$@" 2>&1 >/dev/null)
	[ "$got" = "$want" ] && pass || fail "run $*: got '$got', wanted '$want'"
}
run_expect "<command line>: error: {seed-stability} needs a model with several seeds (seeds: [1, 2, 3] under models: m1)" seed-stability --model m1
run_expect "<command line>: error: {embedding-drift} needs a model with snapshots (snapshots: [1, 2, 3] under models: m1)" embedding-drift --model m1
run_expect "<command line>:1: error: 'm/e1' is not a trained model (a name under models: in vecdoc.yml, or NAME@SEED; not a snapshot NAME/eK)" training-curve --model m/e1 --evaluate false
run_expect "<command line>: error: {skipgram-pairs}: :line: 99999 is past the corpus's 3000 lines" skipgram-pairs --model m --line 99999
run_expect "<command line>: error: {skipgram-pairs} needs a sentence: a body, or :line: N of the corpus" skipgram-pairs --model m

# On a Vietnamese site the labels {skipgram-pairs} writes in its cells
# ("vocabulary", "yes", "rare") are translated; the sentence's words,
# "yes" among them, stay as the data spell them.
site v 10 "1"
sed -i 's/^language: en$/language: vi/' v/vecdoc.yml
printf -- '---\ntitle: H\n---\n\n```{skipgram-pairs}\n:model: m\n:pairs: 3\nt0w1 yes the0 t0w2\n```\n' > v/index.md
if "$VECDOC" build -C v -o "$W/vout" >"$W/log" 2>&1; then
	h=$(tr -d '\n' < "$W/vout/index.html")
	for want in '<td>từ vựng</td>' '<td>hiếm</td>' '<td>yes</td>'; do
		case $h in *"$want"*) pass ;; *) fail "vi site: no $want in the page" ;; esac
	done
	for bad in '<td>vocabulary</td>' '<td>rare</td>' '<td>in the vocabulary</td>'; do
		case $h in *"$bad"*) fail "vi site: $bad left untranslated" ;; *) pass ;; esac
	done
else
	fail "vi site: $(tail -3 "$W/log")"
fi

# Cross-checks in plain Python (no numpy needed): {seed-stability}'s
# Jaccard@k of two seeds against neighbours computed from the exported
# vectors, and {skipgram-pairs}' keep probabilities against word2vec.c's
# formula on its own counts.
if command -v python3 >/dev/null 2>&1; then
	site j 10 "1, 2"
	site j1 10 "1"
	sed -i 's/m@2\/e1/m/' j1/index.md
	build j
	build j1
	f1=$(names j1 | grep -v '\.e[0-9]*\.vds$' | grep '\.vds$')
	f2=$(names j | grep -v '\.e[0-9]*\.vds$' | grep '\.vds$' | grep -vx "$f1")
	"$VECDOC" convert "j1/.vecdoc-cache/models/$f1" s1.txt >/dev/null 2>&1
	"$VECDOC" convert "j/.vecdoc-cache/models/$f2" s2.txt >/dev/null 2>&1
	got=$("$VECDOC" run -C j seed-stability --model m --top 50 --k 5 \
	    --rsa-words 10 --values | sed -n 's/^seed-stability\.pairs\.1-2\.mean-jaccard-k = //p')
	want=$(python3 - s1.txt s2.txt <<'PY'
import math, sys
def load(p):
    rows = []
    for line in open(p):
        f = line.split()
        v = [float(x) for x in f[1:]]
        n = math.sqrt(sum(x * x for x in v)) or 1.0
        rows.append([x / n for x in v])
    return rows
def nb(rows, i, k):
    s = [(-sum(a * b for a, b in zip(rows[i], r)), j) for j, r in enumerate(rows) if j != i]
    s.sort()
    return set(j for _, j in s[:k])
a, b = load(sys.argv[1]), load(sys.argv[2])
tot = 0.0
for i in range(50):
    x, y = nb(a, i, 5), nb(b, i, 5)
    tot += len(x & y) / len(x | y)
print("%.4f" % (tot / 50))
PY
)
	if [ -n "$got" ] && python3 -c "import sys; sys.exit(abs($got - $want) > 0.002)"; then pass
	else fail "seed-stability Jaccard@5: vecdoc $got, python $want"; fi
	"$VECDOC" run -C j skipgram-pairs --model m --line 7 --values > sp.txt
	if python3 - sp.txt <<'PY'
import math, re, sys
v = {}
for line in open(sys.argv[1]):
    k, _, x = line.rstrip("\n").partition(" = ")
    v[k] = x
T = float(v["skipgram-pairs.summary.training-words-per-epoch.value"].replace(",", ""))
t = float(v["skipgram-pairs.summary.sample.value"])
n = 0
for i in range(1, 100):
    c = v.get("skipgram-pairs.tokens.%d.count" % i)
    p = v.get("skipgram-pairs.tokens.%d.keep-probability" % i)
    if c is None or not p:
        continue
    c = float(c.replace(",", ""))
    want = min(1.0, (math.sqrt(c / (t * T)) + 1) * (t * T) / c)
    if abs(float(p) - want) > 0.0006:
        sys.exit("position %d: %s, want %.4f" % (i, p, want))
    n += 1
sys.exit(0 if n > 3 else "only %d words checked" % n)
PY
	then pass; else fail "skipgram-pairs keep probabilities"; fi
else
	skip "python3 is not installed (Jaccard and keep-probability cross-checks)"
fi

finish models
