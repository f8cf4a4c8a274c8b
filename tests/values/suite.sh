#!/bin/sh
# Values and claims in prose: {val}`NAME.PATH[:FORMAT]` formatted in the
# site's language with a link to its result, {claim}`EXPR` checked at
# every build (listed on review.html when true, a located error when
# false or wrong), `vecdoc run --values`.
. "$SRCDIR/tests/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
c=$work/c
mkdir -p "$c/m"
cp "$SRCDIR/tests/directives/site/tiny.txt" "$c/"
site() {	# site LANGUAGE
	cat >"$c/vecdoc.yml" <<EOF
title: Values
language: $1
spaces:
  tiny:
    path: tiny.txt
    format: glove
EOF
}
cat >"$c/m/index.md" <<'EOF'
---
title: M
---

# M
EOF
page() {	# page PROSE: index.md with two named results, then PROSE
	cat >"$c/index.md" <<EOF
---
title: Home
---

# Home

$1

\`\`\`{nearest}
:space: tiny
:k: 3
:name: nn
cat
\`\`\`

\`\`\`{random-cosine}
:dims: 2
:pairs: 20000
:chart: false
:name: rc
\`\`\`
EOF
}
expect() {	# expect NAME WANT GOT
	if [ "$2" = "$3" ]; then pass; else fail "$1"; printf '  want: %s\n  got:  %s\n' "$2" "$3"; fi
}
build() { "$VECDOC" build --quiet -C "$c" -o "$work/o" 2>&1 | grep -v '^vecdoc build: '; }
para() { grep -o '<p>Near.*</p>' "$work/o/index.html"; }

PROSE='Nearest: {val}`nn.1.word`, {val}`nn.1.similarity`, {val}`nn.1.similarity:.1%`, {val}`nn.1.similarity:.2f`, {val}`rc.2.pairs`, {val}`rc.2.pairs:,`, {val}`nn.word`.'
page "$PROSE"
site vi
expect "vi: builds" "" "$(build)"
A='<a class="vd-val" href="#vd-r-nn" title='
B='<a class="vd-val" href="#vd-r-rc" title='
expect "vi: values in the sentence" "<p>Nearest: ${A}\"nn.1.word\">dog</a>, ${A}\"nn.1.similarity\">0,9600</a>, ${A}\"nn.1.similarity\">96,0%</a>, ${A}\"nn.1.similarity\">0,96</a>, ${B}\"rc.2.pairs\">20.000</a>, ${B}\"rc.2.pairs\">20.000</a>, ${A}\"nn.word\">dog, the, king</a>.</p>" "$(para)"
grep -q '<div class="vd-result vd-nearest" id="vd-r-nn">' "$work/o/index.html" && pass ||
    fail "the named result carries the id the links point at"
site en
build >/dev/null
expect "en: values in the sentence" "<p>Nearest: ${A}\"nn.1.word\">dog</a>, ${A}\"nn.1.similarity\">0.9600</a>, ${A}\"nn.1.similarity\">96.0%</a>, ${A}\"nn.1.similarity\">0.96</a>, ${B}\"rc.2.pairs\">20,000</a>, ${B}\"rc.2.pairs\">20,000</a>, ${A}\"nn.word\">dog, the, king</a>.</p>" "$(para)"

# True claims render as nothing ({claim}) or their text ({claim-text})
# and are listed on the review page.
page 'Nearest: a {claim}`nn.1.similarity > 0.9 and '"'"'dog'"'"' in nn.word and not (abs(nn.2.similarity - 1) < 0.01)` b {claim-text}`nn.1.similarity >= 2 * 0.4`.'
expect "true claims build" "" "$(build)"
expect "claims in the sentence" '<p>Nearest: a  b <span class="vd-claim" title="nn.1.similarity = 0.9600">nn.1.similarity &gt;= 2 * 0.4</span>.</p>' "$(para)"
grep -q "index.md:7:12: nn.1.similarity &gt; 0.9 and &#39;dog&#39; in nn.word and not (abs(nn.2.similarity - 1) &lt; 0.01)  \[nn.1.similarity = 0.9600, nn.word = \[…\], nn.2.similarity = 0.8000\]" "$work/o/review.html" &&
    pass || fail "review.html lists the claims: $(grep -A3 '<h2>' "$work/o/review.html")"

# Every wrong role is a located error.
bad() {	# bad NAME PROSE WANT
	page "$2"
	expect "$1" "$3" "$(build | sed "s|^$c/||")"
}
bad "false claim" 'Nearest {claim}`nn.1.similarity < 0.5`' \
    "index.md:7:17: error: claim is false: nn.1.similarity < 0.5 (nn.1.similarity = 0.9600)"
bad "unknown value in a claim" 'Nearest {claim}`nn.1.similarty < 0.5`' \
    "index.md:7:17: error: unknown value 'nn.1.similarty' (did you mean 'nn.1.similarity'?)"
bad "unknown value" 'Nearest {val}`nn.9.word`' \
    "index.md:7:15: error: unknown value 'nn.9.word' (did you mean 'nn.1.word'?)"
bad "no such result" 'Nearest {val}`zz.1.word`' \
    "index.md:7:15: error: unknown value 'zz.1.word' (did you mean 'nn.1.word'?)"
bad "type error" 'Nearest {claim}`nn.1.word > 3`' \
    "index.md:7:27: error: cannot compare a text with a number using '>'"
bad "in needs a list" 'Nearest {claim}`3 in nn.1.similarity`' \
    "index.md:7:19: error: 'in' needs a list on its right (a column such as NAME.word), not a number"
bad "syntax error" 'Nearest {claim}`(nn.1.similarity < 0.5`' \
    "index.md:7:39: error: expected ')'"
bad "trailing text" 'Nearest {claim}`nn.1.similarity < 0.5 0.7`' \
    "index.md:7:39: error: unexpected '0.7' after the claim"
bad "not a comparison" 'Nearest {claim}`nn.1.similarity + 1`' \
    "index.md:7:17: error: a claim must be a comparison or true/false, not a number"
bad "unknown format" 'Nearest {val}`nn.1.similarity:.2x`' \
    "index.md:7:31: error: unknown format '.2x' (use .2f, .1%, d or ,)"
bad "unclosed text" "Nearest {claim}\`nn.1.word == 'dog\`" \
    "index.md:7:30: error: text not closed: expected '"

# A changed data file that flips a claim fails the build, naming it.
page 'Nearest {claim}`nn.1.word == '"'"'dog'"'"'`'
expect "claim holds" "" "$(build)"
cp "$c/tiny.txt" "$work/tiny.bak"
sed -i 's/^dog 0.6 0.8 /dog 0.1 0.9 /' "$c/tiny.txt"
expect "changed data flips the claim" "index.md:7:17: error: claim is false: nn.1.word == 'dog' (nn.1.word = the)" \
    "$(build | sed "s|^$c/||" | head -1)"
cp "$work/tiny.bak" "$c/tiny.txt"

# :name: itself.
cat >"$c/index.md" <<'EOF'
---
title: Home
---

# Home

```{nearest}
:space: tiny
:name: a
:name: b
cat
```

```{nearest}
:space: tiny
:name: 9x
cat
```

```{nearest}
:space: tiny
:name: same
cat
```

```{nearest}
:space: tiny
:name: same
dog
```
EOF
expect ":name: errors" "index.md:10:1: error: option ':name:' is given twice (first on line 9)
index.md:16:1: error: option ':name:' needs a name of letters, digits, '_' and '-' starting with a letter, not '9x'
index.md:28:1: error: result name 'same' is used twice on this page" "$(build | sed "s|^$c/||" | grep -v '^vecdoc build')"

# vecdoc run --values
expect "run --values" "nn.1.word = dog
nn.nearest-1.1.word = dog
nn.1.similarity = 0.9600
nn.nearest-1.1.similarity = 0.9600
nn.word = dog
nn.nearest-1.word = dog
nn.similarity = 0.9600
nn.nearest-1.similarity = 0.9600" "$("$VECDOC" run nearest -C "$c" --space tiny --k 1 --name nn --body cat --values)"

# Documented scalars and duplicate column titles. tiny's norms: the 2, the
# eleven others 1; Spearman ρ(rank, norm) with the ties averaged =
# −0.48038 and Pearson r(log10 rank, norm) = −0.69397 (by hand, as
# scipy.stats). norm-extremes has columns #, shortest, rank, norm,
# longest, rank, norm: the second rank and norm are rank-2 and norm-2.
expect "scalars and duplicate columns" "nf.spearman = −0.480
nf.norm-frequency.spearman = −0.480
nf.pearson-log-rank = −0.694
nf.norm-frequency.pearson-log-rank = −0.694
nf.rows = 12
nf.norm-frequency.rows = 12
nf.norm-extremes.1.shortest = cat
nf.norm-extremes.1.rank = 2
nf.norm-extremes.1.norm = 1.000
nf.norm-extremes.1.longest = the
nf.norm-extremes.1.rank-2 = 1
nf.norm-extremes.1.norm-2 = 2.000" "$("$VECDOC" run norm-frequency -C "$c" --space tiny --examples 1 --name nf --values | grep -v 'norm-frequency\.[0-9]\|norm-frequency\.[a-z-]* = .*, \|norm-extremes\.[a-z-]*[0-9]* = ')"
# The same in a page: a scalar in prose (vi), a claim on it and on a
# renamed duplicate column; a scalar wins over a column of its name.
cat >"$c/index.md" <<'EOF2'
---
title: Home
---

# Home

Near ρ = {val}`nf.spearman:.2f` and {val}`nf.norm-frequency.rows`{claim}`nf.spearman < 0 and abs(nf.spearman + 0.4804) < 0.001 and nf.norm-extremes.1.rank-2 == 1 and nf.norm-extremes.1.norm-2 == 2 and nf.norm-extremes.1.rank == 2`.

```{norm-frequency}
:space: tiny
:examples: 1
:name: nf
```
EOF2
site vi
expect "scalar claims build" "" "$(build)"
expect "scalar in the sentence" '<p>Near ρ = <a class="vd-val" href="#vd-r-nf" title="nf.spearman">−0,48</a> and <a class="vd-val" href="#vd-r-nf" title="nf.norm-frequency.rows">12</a>.</p>' "$(para)"
finish values
