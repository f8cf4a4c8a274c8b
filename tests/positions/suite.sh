#!/bin/sh
# tests/positions/suite.sh: position-embedding spaces (`positions:`,
# `rows: positions`, "#N" lookups) and the directives made for them —
# {position-similarity}, {position-curves}, {unembed}, and {projection},
# {svd-spectrum} and {tsne} on positions — cross-checked
# against numpy and scikit-learn (check.py) on computed sinusoidal
# spaces, GPT-2's real wpe and GloVe (../shared/data), and every bad
# declaration and bad expression with its exact diagnostic.
. "$SRCDIR/tests/lib.sh"
PY=/usr/bin/python3
W=$(mktemp -d "${TMPDIR:-/tmp}/vecdoc-positions.XXXXXX")
trap 'rm -rf "$W"' EXIT

# expect_eq NAME GOT WANT
expect_eq() {
	if [ "$2" = "$3" ]; then pass; else fail "$1: got '$2', wanted '$3'"; fi
}

data=$(shared_data)
wpe="$data/transformer/gpt2-wpe.npy"
glove="$data/glove.6B.100d.top50k.txt"
s="$W/site"
mkdir -p "$s"
{
	printf 'title: P\nlanguage: en\nspaces:\n'
	printf '  sin: { positions: { sinusoidal: { length: 1024, dim: 768 } } }\n'
	printf '  old: { sinusoidal: { length: 1024, dim: 768, base: 10000 } }\n'
	printf '  small: { positions: { sinusoidal: { length: 50, dim: 6, base: 100 } } }\n'
	printf '  glove100: { random: { rows: 20, dims: 100, seed: 3 } }\n'
	if [ -n "$data" ] && [ -f "$wpe" ]; then
		printf '  wpe: { path: %s, format: npy, rows: positions }\n' "$wpe"
	fi
	if [ -n "$data" ] && [ -f "$glove" ]; then
		printf '  glove: { path: %s, format: glove }\n' "$glove"
	fi
} >"$s/vecdoc.yml"
printf -- '---\ntitle: P\n---\n' >"$s/index.md"
[ -n "$data" ] && [ -f "$wpe" ] || skip "gpt2-wpe checks: no $wpe"
[ -n "$data" ] && [ -f "$glove" ] || skip "GloVe checks: no $glove"

# --- numbers against numpy -------------------------------------------------
if $PY -c 'import numpy' 2>/dev/null; then
	$PY "$SRCDIR/tests/positions/check.py" "$VECDOC" "$s" \
	    "${data:-/nonexistent}" >"$W/check" 2>&1
	rc=$?
	while IFS= read -r line; do
		case "$line" in
		ok\ *) pass ;;
		FAIL*) fail "${line#FAIL }" ;;
		SKIP*) ;;
		*) fail "check.py: $line" ;;
		esac
	done <"$W/check"
	[ $rc -eq 0 ] || fail "check.py exited $rc"
else
	skip "numpy cross-checks: /usr/bin/python3 lacks numpy"
fi

# --- lookups ---------------------------------------------------------------
r() { "$VECDOC" run -C "$s" "$@" 2>&1; }
expect_eq "\"#3\" and \"3\" are one row" \
    "$(r similarity-matrix --space small --words '#3 3 #49' --values | grep '^similarity-matrix.3.3 ')" \
    "similarity-matrix.3.3 = 1.000"
expect_eq "\"#50\" is past the last position" \
    "$(r similarity-matrix --space small --words '#3 #50')" \
    "<command line>:2: error: word not in space 'small' (50 words): '#50'"
expect_eq "svd-spectrum on a position space" \
    "$(r svd-spectrum --spaces small --top 50 --values | grep '^svd-spectrum.small.rank ')" \
    "svd-spectrum.small.rank = 6"

# --- {unembed}: bad expressions and options --------------------------------
if [ -n "$data" ] && [ -f "$glove" ]; then
	expect_eq "unknown word, with did-you-mean" \
	    "$(r unembed --space glove --body 'kingg - man + woman')" \
	    "<command line>:3:1: error: word 'kingg' not in space 'glove' (50000 rows) (did you mean 'king'?)"
	expect_eq "unknown word, nothing close" \
	    "$(r unembed --space glove --body 'king - xqzvvkw')" \
	    "<command line>:3:8: error: word 'xqzvvkw' not in space 'glove' (50000 rows)"
	expect_eq "unknown word in another space" \
	    "$(r unembed --space sin --body '#1 + small:#99')" \
	    "<command line>:3:6: error: row '#99' not in space 'small' (rows #0 to #49)"
	expect_eq "dimension mismatch" \
	    "$(r unembed --space glove --body 'king + sin:#5')" \
	    "<command line>:3:8: error: 'sin:#5' has 768 dimensions but 'glove' has 100: a sum needs equal dimensions"
fi
expect_eq "dimension mismatch (computed spaces)" \
    "$(r unembed --space small --body '#1 - glove100:w3')" \
    "<command line>:3:6: error: 'glove100:w3' has 100 dimensions but 'small' has 6: a sum needs equal dimensions"
expect_eq "temperature 0" \
    "$(r unembed --space small --temperature 0 --body '#1')" \
    "<command line>:2: error: :temperature: must be greater than 0 and at most 1e6, found 0 (for the most likely row alone, read the first logit)"
expect_eq "negative temperature" \
    "$(r unembed --space small --temperature -1 --body '#1')" \
    "<command line>:2: error: :temperature: must be greater than 0 and at most 1e6, found -1 (for the most likely row alone, read the first logit)"
expect_eq "temperature not a number" \
    "$(r unembed --space small --temperature hot --body '#1' | head -1)" \
    "<command line>:2: error: option ':temperature:' must be a number, not 'hot'"
expect_eq "two words without an operator" \
    "$(r unembed --space small --body '#1 #2')" \
    "<command line>:3:4: error: expected + or - between '#1' and '#2'"
expect_eq "a dangling operator" \
    "$(r unembed --space small --body '#1 +')" \
    "<command line>:3:4: error: expected a word after the last operator"
expect_eq "two operators" \
    "$(r unembed --space small --body '#1 + - #2')" \
    "<command line>:3:6: error: expected a word before '-'"
# numpy: the row of P = sinusoidal(50, 6, 100) closest to −P[0] is 47,
# cosine 0.7766578.
expect_eq "a leading minus negates" \
    "$(r unembed --space small --k 1 --body '- #0' --values | grep '^unembed.cosine.1.')" \
    "unembed.cosine.1.row = 47
unembed.cosine.1.cosine = 0.7767"

expect_eq "position-similarity :heatmap: false draws no heatmap" \
    "$(r position-similarity --space small --heatmap false | grep -c "\"kind\":\"heatmap\"")" "0"

# --- bad position options ----------------------------------------------------
expect_eq "position-similarity :to: beyond the space" \
    "$(r position-similarity --space small --to 50)" \
    "<command line>:2: error: :to: 50 is beyond the last position of 'small' (49)"
expect_eq "position-similarity :from: not below :to:" \
    "$(r position-similarity --space small --from 20 --to 20)" \
    "<command line>:2: error: :from: 20 must be below :to: 20"
expect_eq "position-similarity :stride: too small" \
    "$(r position-similarity --space sin --stride 2)" \
    "<command line>:2: error: :stride: 2 leaves 512 × 512 cells; at most 32 per side (use 32 or more, or 0)"
expect_eq "position-similarity bad distance" \
    "$(r position-similarity --space small --distances '1, x')" \
    "<command line>:2: error: :distances: 'x' is not a whole number of 1 or more"
expect_eq "position-curves: dimension out of range" \
    "$(r position-curves --space small --dims '0, 6')" \
    "<command line>:2: error: :dims: 6 is beyond the last dimension of 'small' (5)"
expect_eq "position-curves: neither dims nor components" \
    "$(r position-curves --space small)" \
    "<command line>: error: {position-curves} needs :dims: or :components:"

# --- bad declarations ----------------------------------------------------------
decl() {
	printf 'title: B\nlanguage: en\nspaces:\n  p: %s\n' "$1" >"$W/b.yml"
	mkdir -p "$W/b"
	cp "$W/b.yml" "$W/b/vecdoc.yml"
	printf -- '---\ntitle: B\n---\n' >"$W/b/index.md"
	"$VECDOC" run -C "$W/b" nearest --space p --words 1 2>&1 | head -1
}
expect_eq "positions: a misspelt kind" \
    "$(decl '{ positions: { sinusiodal: { length: 4, dim: 2 } } }')" \
    "$W/b/vecdoc.yml:4:21: error: unknown key \"sinusiodal\" in a positions space (did you mean \"sinusoidal\"?)"
expect_eq "positions: not a map" \
    "$(decl '{ positions: 5 }')" \
    "$W/b/vecdoc.yml:4:19: error: p: positions: expected a map (sinusoidal: {length, dim, base})"
expect_eq "positions: empty" \
    "$(decl '{ positions: {} }')" \
    "$W/b/vecdoc.yml:4:19: error: p: positions: needs sinusoidal: {length, dim, base}"
expect_eq "positions: and path:" \
    "$(decl '{ positions: { sinusoidal: { length: 4, dim: 2 } }, path: x.npy }')" \
    "$W/b/vecdoc.yml:4:3: error: p: has more than one of path:, random, positions, sinusoidal, random-like, subset, centred, normalised"
expect_eq "positions: dim out of range" \
    "$(decl '{ positions: { sinusoidal: { length: 4, dim: 1 } } }')" \
    "$W/b/vecdoc.yml:4:51: error: p (sinusoidal): dim: 1 is out of range (2 to 4096)"
expect_eq "rows: an unknown kind" \
    "$(decl '{ path: x.npy, format: npy, rows: tokns }')" \
    "$W/b/vecdoc.yml:4:40: error: p: rows: unknown kind \"tokns\" (known: words, tokens, positions)"
expect_eq "rows: positions beside vocab:" \
    "$(decl '{ path: x.npy, format: npy, rows: positions, vocab: v.txt }')" \
    "$W/b/vecdoc.yml:4:40: error: p: rows: positions names the rows by number; it cannot stand beside vocab:"
expect_eq "rows: on a random space" \
    "$(decl '{ random: { rows: 4, dims: 2 }, rows: positions }')" \
    "$W/b/vecdoc.yml:4:44: error: p: rows: does not apply to a computed space (random)"

finish positions
