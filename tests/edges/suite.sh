#!/bin/sh
# Rough edges a newcomer hits (issue 18): anchors as other tools write
# them, data outside the content directory, word spaces without a
# tokenizer declaration, computed spaces (random, sinusoidal),
# --allow-missing-data and build progress. Each case builds a small site
# in a temporary directory and checks the exact outcome.
. "$SRCDIR/tests/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OPENBLAS_NUM_THREADS=1

# expect_eq WHAT GOT WANT
expect_eq() {
	if [ "$2" = "$3" ]; then pass; else
		fail "$1: got"; printf '%s\n' "$2" | head -20
		echo "  wanted"; printf '%s\n' "$3" | head -20
	fi
}

# A GloVe text file of five words in 3-d.
glove() {
	printf 'the 1 0 0\napple 0.6 0.8 0\npear 0.8 0.6 0\ncar 0 0 2\nbus 0 0.1 1\nApple 0 3 0\n' >"$1"
}

# --- anchors as other tools write them -----------------------------------
s="$work/anchors"
mkdir -p "$s/m"
printf 'title: A\nlanguage: vi\n' >"$s/vecdoc.yml"
cat >"$s/index.md" <<'EOT'
---
title: Trang chủ
---
Xem [phần hai](m/index.md#phần-hai), [mã hoá](m/index.md#ph%E1%BA%A7n-hai),
[vecdoc](m/index.md#phan-hai) và [tổng kết](#tổng-kết).

## Tổng kết

Hết.
EOT
cat >"$s/m/index.md" <<'EOT'
---
title: Mô-đun
---
## Phần hai

Nội dung.
EOT
if "$VECDOC" build --quiet -C "$s" -o "$work/anchors-out" 2>"$work/err"; then
	expect_eq "anchors rewritten to vecdoc's ids" \
	    "$(grep -o 'href="[^"]*#[pt][^"]*"' "$work/anchors-out/index.html" | grep -v 'class')" \
	    'href="m/index.html#phan-hai"
href="m/index.html#phan-hai"
href="m/index.html#phan-hai"
href="#tong-ket"
href="#tong-ket"'
else
	fail "diacritics kept in anchors: $(cat "$work/err")"
fi
# A fragment that folds to no heading is still an error.
printf '[x](m/index.md#phần-ba)\n' >>"$s/index.md"
"$VECDOC" check --quiet -C "$s" >/dev/null 2>"$work/err"
expect_eq "unknown anchor still refused" "$(head -1 "$work/err")" \
    "$s/index.md:10:1: error: broken anchor: '#phần-ba' is not a heading id of m/index.md"

# --- data outside the content directory ----------------------------------
# vecdoc.yml may name an absolute path, ~/..., a path through "..", or a
# symlink to a data disk; pages still name only declared spaces.
s="$work/outside"
mkdir -p "$s/content" "$work/disk" "$work/home/emb"
glove "$work/disk/abs.txt"
glove "$work/home/emb/home.txt"
glove "$s/up.txt"
ln -s "$work/disk" "$s/content/data"
cat >"$s/content/vecdoc.yml" <<EOT
title: O
language: en
spaces:
  abs: { path: $work/disk/abs.txt, format: glove }
  home: { path: ~/emb/home.txt, format: glove }
  up: { path: ../up.txt, format: glove }
  link: { path: data/abs.txt, format: glove }
files:
  list: { path: ~/emb/home.txt }
EOT
printf -- '---\ntitle: O\n---\n' >"$s/content/index.md"
for sp in abs home up link; do
	printf '\n```{nearest}\n:space: %s\n:k: 1\napple\n```\n' "$sp" >>"$s/content/index.md"
done
if HOME="$work/home" "$VECDOC" build --quiet -C "$s/content" -o "$s/out" 2>"$work/err"; then
	expect_eq "four spaces outside the content directory" \
	    "$(grep -c '<td>pear</td>' "$s/out/index.html")" 4
	expect_eq "provenance names the path as written" \
	    "$(grep -o 'home · ~/emb/home.txt' "$s/out/index.html")" "home · ~/emb/home.txt"
else
	fail "data outside the content directory: $(cat "$work/err")"
fi
HOME="$work/home" "$VECDOC" fetch -C "$s/content" >"$work/out" 2>&1
expect_eq "fetch sees them present" "$(grep -c present "$work/out")" 5

# --- word spaces need no tokenizer declaration ---------------------------
s="$work/words"
mkdir -p "$s"
glove "$s/g.txt"
cat >"$s/vecdoc.yml" <<'EOT'
title: W
language: en
spaces:
  g: { path: g.txt, format: glove }
  cased: { path: g.txt, format: glove, lowercase: false }
  guess: { path: g.txt }
  pos: { sinusoidal: { length: 8, dim: 4 } }
EOT
printf -- '---\ntitle: W\n---\n' >"$s/index.md"
heat() {
	"$VECDOC" run -C "$s" token-heatmap --space "$1" --body "Apple car" 2>&1 |
	    grep -o 'data-tip=\\"[^"\\]*\\"' | tr '\n' ' '
}
expect_eq "glove space: word tokenizer, lowercased" "$(heat g)" \
    'data-tip=\"apple: 1.000\" data-tip=\"car: 2.000\" '
expect_eq "lowercase: false keeps case" "$(heat cased)" \
    'data-tip=\"Apple: 3.000\" data-tip=\"car: 2.000\" '
expect_eq "format detected as glove" "$(heat guess)" \
    'data-tip=\"apple: 1.000\" data-tip=\"car: 2.000\" '
expect_eq "token-level space keeps the error" \
    "$("$VECDOC" run -C "$s" token-heatmap --space pos --body "1 2" 2>&1)" \
    "<command line>: error: space 'pos' declares no tokenizer: (add one under spaces: pos: in vecdoc.yml)"
expect_eq "vecdoc tokenize --space on a word space" \
    "$(echo 'Apple, car.' | "$VECDOC" tokenize -C "$s" --space g 2>&1)" \
    "$(echo 'Apple, car.' | "$VECDOC" tokenize --tokenizer word 2>&1)"

# --- computed spaces -----------------------------------------------------
s="$work/gen"
mkdir -p "$s"
cat >"$s/vecdoc.yml" <<'EOT'
title: G
language: en
spaces:
  rnd: { random: { rows: 50, dims: 8, seed: 7, words: [apple, pear] } }
  pos: { sinusoidal: { length: 32, dim: 6, base: 100 } }
EOT
printf -- '---\ntitle: G\n---\n' >"$s/index.md"
# The random rows are N(0, 1) draws of xoshiro256** seeded through
# splitmix64 (Box–Muller, cosine first), as kern/rng.c; the reference
# below is an independent transcription in Python.
want=$(python3 - <<'EOT'
import math
M = (1 << 64) - 1
def rotl(x, k): return ((x << k) | (x >> (64 - k))) & M
x = 7
s = []
for _ in range(4):
    x = (x + 0x9e3779b97f4a7c15) & M
    z = x
    z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & M
    z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & M
    s.append(z ^ (z >> 31))
def nxt():
    r = (rotl((s[1] * 5) & M, 7) * 9) & M
    t = (s[1] << 17) & M
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]
    s[2] ^= t; s[3] = rotl(s[3], 45)
    return r
def uni(): return (nxt() >> 11) * 2.0 ** -53
vals = []
while len(vals) < 50 * 8:
    u1 = 1.0 - uni(); u2 = uni()
    rad = math.sqrt(-2.0 * math.log(u1))
    vals += [rad * math.cos(2 * math.pi * u2), rad * math.sin(2 * math.pi * u2)]
import struct
f = [struct.unpack('f', struct.pack('f', v))[0] for v in vals]
rows = [f[i * 8:(i + 1) * 8] for i in range(50)]
names = ['apple', 'pear'] + ['w%d' % i for i in range(2, 50)]
dots = sorted(((-sum(a * b for a, b in zip(rows[0], rows[j])), names[j])
               for j in range(1, 50)))[:3]
print(' '.join('%s %.4f' % (n, -d) for d, n in dots))
EOT
)
got=$("$VECDOC" run -C "$s" nearest --space rnd --words apple --k 3 --metric dot |
    python3 -c 'import json,sys; r=json.load(sys.stdin)["items"][0]["rows"]; print(" ".join("%s %.4f" % (x[1], x[2]) for x in r))')
expect_eq "random space: rows as kern/rng draws them" "$got" "$want"
# Sinusoidal (Vaswani et al. 2017): the dot product of positions p and q
# is sum_i cos((p - q) w_i), w_i = base^(-2i/d): it depends on p - q only.
want=$(python3 -c '
import math
d, b = 6, 100.0
w = [b ** (-2.0 * i / d) for i in range(d // 2)]
v = sorted((sum(math.cos((p - 10) * x) for x in w) for p in range(32) if p != 10), reverse=True)
print(" ".join("%.4f" % x for x in v[:6]))')
got=$("$VECDOC" run -C "$s" nearest --space pos --words 10 --k 6 --metric dot |
    python3 -c 'import json,sys; r=json.load(sys.stdin)["items"][0]["rows"]; print(" ".join("%.4f" % x[2] for x in r))')
expect_eq "sinusoidal space: dot products depend on the offset only" "$got" "$want"
expect_eq "provenance of a computed space" \
    "$("$VECDOC" run -C "$s" nearest --space pos --words 1 --k 1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["provenance"])')" \
    "pos · sinusoidal 32 × 6, base 100 · xxh3 $("$VECDOC" run -C "$s" nearest --space pos --words 1 --k 1 | grep -o 'xxh3 [0-9a-f]*' | cut -c6-) · 32 × 6"
# Bad declarations are located.
printf 'title: G\nlanguage: en\nspaces:\n  r: { random: { rows: 0, dims: 8 } }\n' >"$s/vecdoc.yml"
expect_eq "rows out of range" "$("$VECDOC" check --quiet -C "$s" 2>&1 | head -1)" \
    "$s/vecdoc.yml:4:24: error: r (random): rows: 0 is out of range (1 to 10000000)"
printf 'title: G\nlanguage: en\nspaces:\n  r: { random: { rows: 5 }, format: glove }\n' >"$s/vecdoc.yml"
expect_eq "file keys refused" "$("$VECDOC" check --quiet -C "$s" 2>&1 | head -1)" \
    "$s/vecdoc.yml:4:37: error: r: format: does not apply to a computed space (random)"
printf 'title: G\nlanguage: en\nspaces:\n  r: { random: { rows: 5 } }\n' >"$s/vecdoc.yml"
expect_eq "dims required" "$("$VECDOC" check --quiet -C "$s" 2>&1 | head -1)" \
    "$s/vecdoc.yml:4:16: error: r (random): dims: is required"
printf 'title: G\nlanguage: en\nspaces:\n  r: { random: { dims: 3, words: [a, b, a] } }\n' >"$s/vecdoc.yml"
expect_eq "a word named twice" "$("$VECDOC" check --quiet -C "$s" 2>&1 | head -1)" \
    "$s/vecdoc.yml:4:41: error: r (random): words: 'a' appears twice"
printf 'title: G\nlanguage: en\nspaces:\n  r: { sinusoidal: { length: 5, dim: 4 }, path: x.txt }\n' >"$s/vecdoc.yml"
expect_eq "path and a kind" "$("$VECDOC" check --quiet -C "$s" 2>&1 | head -1)" \
    "$s/vecdoc.yml:4:3: error: r: has more than one of path:, random, positions, sinusoidal, random-like, subset, centred, normalised"

# --- --allow-missing-data ------------------------------------------------
s="$work/missing"
mkdir -p "$s/c/m"
printf 'title: M\nlanguage: en\nspaces:\n  g: { path: data/g.txt, format: glove }\n  r: { random: { rows: 10, dims: 4 } }\n' >"$s/c/vecdoc.yml"
printf -- '---\ntitle: H\n---\n```{nearest}\n:space: g\n:k: 1\napple\n```\n\n```{nearest}\n:space: r\nw1\n```\n' >"$s/c/index.md"
printf -- '---\ntitle: M\n---\n```{similarity-matrix}\n:space: g\napple car\n```\n' >"$s/c/m/index.md"
printf -- '---\ntitle: P\n---\nProse only.\n' >"$s/c/m/prose.md"
# The default stays strict: no output at all.
"$VECDOC" build --quiet -C "$s/c" -o "$s/out" 2>"$work/err"
expect_eq "default build fails on missing data" "$?:$(grep -c 'error: space .g.: data/g.txt is missing' "$work/err"):$([ -e "$s/out" ] && echo out)" "1:2:"
(cd "$s" && "$VECDOC" build -C c -o out --allow-missing-data) >"$work/out" 2>"$work/err"
expect_eq "--allow-missing-data builds" "$?" 0
expect_eq "every placeholder warned and every page listed" "$(grep -v '^vecdoc build: [0-9]* pages' "$work/err")" \
"c/index.md:4:1: warning: data not fetched for {nearest}, shown as a placeholder: space 'g': data/g.txt is missing (run \`vecdoc fetch\`)
c/m/index.md:4:1: warning: data not fetched for {similarity-matrix}, shown as a placeholder: space 'g': data/g.txt is missing (run \`vecdoc fetch\`)
vecdoc build: data not fetched: 2 directives shown as placeholders (run \`vecdoc fetch\`), on:
index.md
m/index.md"
expect_eq "placeholder box" "$(grep -o '<div class="vd-missing"[^>]*><p><strong>[^<]*</strong> · {nearest}: run <code>vecdoc fetch</code>' "$s/out/index.html")" \
    '<div class="vd-missing" role="note"><p><strong>Data not fetched</strong> · {nearest}: run <code>vecdoc fetch</code>'
expect_eq "directives with data still run" "$(grep -c 'nearest neighbours of .w1' "$s/out/index.html")" 1
"$VECDOC" build --quiet --strict --allow-missing-data -C "$s/c" -o "$s/out" 2>"$work/err"
expect_eq "--strict: placeholders are errors" "$?:$(grep -c 'error: data not fetched' "$work/err")" "1:2"
# Once the data is there, the next build computes (no placeholder is
# kept in the page or result cache).
mkdir -p "$s/c/data" && glove "$s/c/data/g.txt"
"$VECDOC" build -C "$s/c" -o "$s/out" --allow-missing-data >/dev/null 2>"$work/err"
expect_eq "fetched data replaces the placeholders" \
    "$?:$(grep -c vd-missing "$s/out/index.html" "$s/out/m/index.html" | tr '\n' ' ')$(grep -c 'data not fetched' "$work/err")" \
    "0:$s/out/index.html:0 $s/out/m/index.html:0 0"

# --- progress on long builds ---------------------------------------------
s="$work/progress"
mkdir -p "$s/c/m"
glove "$s/c/g.txt"
printf ': s\napple pear car bus\ncar bus apple pear\n' >"$s/c/q.txt"
printf 'title: P\nlanguage: en\nspaces:\n  g: { path: g.txt, format: glove }\nfiles:\n  q: { path: q.txt }\n' >"$s/c/vecdoc.yml"
printf -- '---\ntitle: H\n---\n```{analogy-eval}\n:space: g\n:file: q\n```\n' >"$s/c/index.md"
printf -- '---\ntitle: M\n---\n```{nearest}\n:space: g\n:k: 1\napple\n```\n\n```{note}\nA note.\n```\n' >"$s/c/m/index.md"
# Not a terminal: one plain line per directive on stdout, stderr as before.
"$VECDOC" build --no-cache -j 1 -C "$s/c" -o "$s/out" >"$work/out" 2>"$work/err"
expect_eq "plain progress lines" "$(cat "$work/out")" "page index.md: {analogy-eval}
page m/index.md: {nearest}
page m/index.md: {note}"
expect_eq "stderr keeps the summary only" "$(sed 's/ in [0-9.]* s$//' "$work/err")" \
    "vecdoc build: 2 pages, 3 directives, 0 warnings, 14 files"
"$VECDOC" build --quiet --no-cache -j 1 -C "$s/c" -o "$s/out" >"$work/out" 2>"$work/err"
expect_eq "--quiet: nothing" "$(cat "$work/out" "$work/err")" ""
# On a terminal: a status line redrawn in place, with a bar for the
# analogy benchmark, erased before the summary.
if command -v script >/dev/null 2>&1; then
	script -qec "\"$VECDOC\" build --no-cache -j 1 -C \"$s/c\" -o \"$s/out\" 2>&1 >/dev/null" /dev/null >"$work/tty"
	esc=$(printf '\033')
	tr '\r' '\n' <"$work/tty" | sed "s/$esc\[K//; /^\$/d; s/ in [0-9.]* s\$//" >"$work/lines"
	expect_eq "terminal status line" "$(cat "$work/lines")" "page index.md
page index.md: {analogy-eval}
page index.md: {analogy-eval} [####################] 100%
page m/index.md
page m/index.md: {nearest}
page m/index.md: {note}
vecdoc build: 2 pages, 3 directives, 0 warnings, 14 files"
	"$VECDOC" build --quiet --no-cache -C "$s/c" -o "$s/out" >/dev/null 2>&1
	script -qec "\"$VECDOC\" build --quiet --no-cache -C \"$s/c\" -o \"$s/out\"" /dev/null >"$work/tty"
	expect_eq "--quiet on a terminal: nothing" "$(cat "$work/tty")" ""
else
	skip_expected "progress on a terminal: script(1) is not installed"
fi
finish edges
