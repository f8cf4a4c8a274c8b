#!/bin/sh
# tests/store/suite.sh: the embedding store through the vecdoc binary:
# every bad input with its exact diagnostic, round trips between formats,
# the .vds cache, cross-checks against numpy/gensim, and real-data checks
# (when ../shared/data exists).
. "$SRCDIR/tests/lib.sh"
T="$SRCDIR/tests/store"
W=$(mktemp -d "${TMPDIR:-/tmp}/vecdoc-store.XXXXXX")
trap 'rm -rf "$W"' EXIT
PY=/usr/bin/python3
have_py() { [ -x "$PY" ] && "$PY" -c "import $1" 2>/dev/null; }

# expect_err WANT ARGS... : vecdoc ARGS must exit 1 with stderr == WANT
expect_err() {
	want=$1
	shift
	"$VECDOC" "$@" >"$W/out" 2>"$W/err"
	rc=$?
	if [ $rc -ne 1 ]; then
		fail "vecdoc $*: exit $rc, wanted 1"
	elif [ "$(cat "$W/err")" != "$want" ]; then
		fail "vecdoc $*: got '$(cat "$W/err")', wanted '$want'"
	else
		pass
	fi
}

# expect_eq NAME GOT WANT
expect_eq() {
	if [ "$2" = "$3" ]; then pass; else fail "$1: got '$2', wanted '$3'"; fi
}

B="$T/bad"
cd "$T" || exit 1

# --- bad input: one file each, exact message, exit 1 ---------------------
expect_err "bad/ragged.txt:2: error: expected 2 components, found 1" info bad/ragged.txt
expect_err 'bad/nonnumeric.txt:2:5: error: component 2 is not a number: "x"' info bad/nonnumeric.txt
expect_err 'bad/nan.txt:2:3: error: component 1 is not finite: "NaN"' info bad/nan.txt
expect_err 'bad/inf.txt:2:5: error: component 2 is not finite: "inf"' info bad/inf.txt
expect_err "bad/header-rows.txt:1: error: header says 3 rows but the file has 2" info bad/header-rows.txt
expect_err "bad/header-dims.txt:3: error: expected 3 components, found 2" info bad/header-dims.txt
expect_err "bad/empty.txt: error: empty file" info bad/empty.txt
expect_err "bad/empty.txt: error: empty file" info -f glove bad/empty.txt
expect_err "bad/truncated.bin: byte 28: error: truncated: row 1 needs 12 bytes of vector at byte 21, 7 left" info bad/truncated.bin
expect_err "bad/object.npy: byte 10: error: object arrays (dtype '|O') hold Python objects, not numbers: not supported" info --vocab good.vocab bad/object.npy
expect_err "bad/st-overlap.safetensors: byte 152: error: tensor \"b\" starts at 8: data_offsets overlap" info bad/st-overlap.safetensors
expect_err "bad/st-range.safetensors: byte 8: error: tensor \"a\": data_offsets [0, 64) out of range (the data is 16 bytes)" info bad/st-range.safetensors
expect_err "bad/st-hdrlen.safetensors: byte 0: error: header length 1099511627776 is absurd (the reference implementation stops at 100000000)" info bad/st-hdrlen.safetensors
expect_err 'bad/st-dtype.safetensors: byte 8: error: tensor "a": unknown dtype "F3"' info bad/st-dtype.safetensors
expect_err 'bad/st-missing.safetensors: error: no tensor "word_embeddings" (the file has: emb.weight)' info --tensor word_embeddings bad/st-missing.safetensors
expect_err 'bad/st-missing.safetensors: error: no tensor "emb.weigth" (did you mean "emb.weight"?)' info --tensor emb.weigth bad/st-missing.safetensors
expect_err "bad/three.vocab: error: vocabulary has 3 tokens but the array has 2 rows" info --vocab bad/three.vocab good-f8-fortran.npy
expect_err 'bad/nonnumeric.txt: error: a .npy array needs a vocabulary file (vocab: in vecdoc.yml, --vocab for the commands) or rows: positions' info -f npy bad/nonnumeric.txt
expect_err "nonexistent.txt: error: cannot open: No such file or directory" info nonexistent.txt
expect_err 'x.txt: error: unknown format "gloves" (known: glove, word2vec, word2vec-bin, npy, safetensors, wink, vds)' info -f gloves x.txt

# A truncated and a corrupted .vds.
"$VECDOC" convert small.txt "$W/s.vds" && pass || fail "convert to vds"
size=$(wc -c <"$W/s.vds")
head -c $((size - 5)) "$W/s.vds" >"$W/trunc.vds"
expect_err "$W/trunc.vds: byte $((size - 5)): error: truncated .vds: header says $size bytes, file has $((size - 5))" info "$W/trunc.vds"
cp "$W/s.vds" "$W/flip.vds"
printf '\377' | dd of="$W/flip.vds" bs=1 seek=$((size - 2)) conv=notrunc 2>/dev/null
expect_err "$W/flip.vds: byte $((size - 72)): error: matrix checksum mismatch (corrupted file)" info "$W/flip.vds"
"$VECDOC" info --no-verify "$W/flip.vds" >/dev/null 2>&1
expect_eq "--no-verify skips the matrix checksum" $? 0
cp "$W/s.vds" "$W/flip2.vds"
printf '\377' | dd of="$W/flip2.vds" bs=1 seek=150 conv=notrunc 2>/dev/null
expect_err "$W/flip2.vds: byte 128: error: vocabulary checksum mismatch (corrupted file)" info "$W/flip2.vds"

# Usage errors exit 2.
"$VECDOC" convert small.txt "$W/x.weird" 2>/dev/null
expect_eq "convert: unknown extension exits 2" $? 2
"$VECDOC" info 2>/dev/null
expect_eq "info without a file exits 2" $? 2
"$VECDOC" info --help | grep -q "^usage: vecdoc info" && pass || fail "info --help"
"$VECDOC" convert --help | grep -q "^usage: vecdoc convert" && pass || fail "convert --help"
"$VECDOC" fetch --help | grep -q "^usage: vecdoc fetch" && pass || fail "fetch --help"

# --- semantics: tokens with spaces, duplicates, case folding -------------
"$VECDOC" info --find "new york,köln,The,the" --find-ci "THE,STRASSE,Köln,nope" small.txt >"$W/out" 2>"$W/err"
expect_eq "rows of small.txt" "$(grep '^rows' "$W/out")" "rows: 6"
expect_eq "token with a space" "$(grep '^find: new york' "$W/out")" "find: new york 2 new york"
expect_eq "exact The" "$(grep '^find: The ' "$W/out")" "find: The 4 The"
expect_eq "ci THE -> the (most frequent)" "$(grep '^find: THE ' "$W/out")" "find: THE 0 the"
expect_eq "ci STRASSE -> straße" "$(grep '^find: STRASSE ' "$W/out")" "find: STRASSE 5 straße"
expect_eq "oov list" "$(grep '^out of vocabulary' "$W/out" | tail -1)" "out of vocabulary: 1 nope"
"$VECDOC" info dup.txt >"$W/out" 2>"$W/err"
expect_eq "duplicate warning" "$(cat "$W/err")" "dup.txt:3: warning: duplicate token \"a\" on line 3 ignored (first on line 1)"
expect_eq "duplicate dropped" "$(grep '^rows' "$W/out")" "rows: 3"

# --- round trips ---------------------------------------------------------
for to in vds word2vec glove; do
	"$VECDOC" convert --to $to small.txt "$W/rt.$to" &&
	"$VECDOC" convert --to glove "$W/rt.$to" "$W/back.txt" &&
	cmp -s small.txt "$W/back.txt" && pass || fail "round trip through $to"
done
"$VECDOC" convert --to word2vec-bin gensim.txt "$W/rt.bin" &&
"$VECDOC" convert --to glove "$W/rt.bin" "$W/back.txt" &&
cmp -s gensim.txt "$W/back.txt" && pass || fail "round trip through word2vec-bin"
expect_err "$W/rt2.bin: error: token \"new york\" (row 2) contains a space: word2vec binary cannot hold it" convert small.txt "$W/rt2.bin"
expect_eq "nothing written" "$(ls "$W" | grep -c rt2)" 0
for f in good-f8-fortran.npy good-bf4.npy; do
	rm -f "$W/n.txt"
	"$VECDOC" convert --vocab good.vocab $f "$W/n.txt" || fail "convert $f"
	expect_eq "$f values" "$(cat "$W/n.txt" 2>/dev/null)" "alpha 1.5 -2.25 3
beta 0.1 0.2 0.3"
done
"$VECDOC" convert --vocab good-tokenizer.json good.safetensors "$W/st.txt" ||
    fail "convert good.safetensors"
expect_eq "safetensors F16 + tokenizer.json" "$(cat "$W/st.txt" 2>/dev/null)" "[PAD] 0.5 -1
hello 2 0.25
World 1 1"

# --- cache ----------------------------------------------------------------
C="$W/cache"
cp small.txt "$W/c.txt"
expect_eq "first load" "$("$VECDOC" info --cache "$C" "$W/c.txt" | grep '^cache')" "cache: miss"
expect_eq "second load" "$("$VECDOC" info --cache "$C" "$W/c.txt" | grep '^cache')" "cache: hit"
VECDOC_DEBUG=1 "$VECDOC" info --cache "$C" "$W/c.txt" 2>&1 >/dev/null | grep -q "^vecdoc: cache hit $W/c.txt" && pass || fail "VECDOC_DEBUG names the hit"
sed 's/0.418/0.419/' small.txt >"$W/c.txt"
expect_eq "changed file" "$("$VECDOC" info --cache "$C" "$W/c.txt" | grep '^cache')" "cache: miss"
expect_eq "changed value seen" "$("$VECDOC" info --cache "$C" --vector the "$W/c.txt" | grep '^vector')" "vector: the 0.419 0.249679998 -0.412420005"
touch "$W/c.txt"
expect_eq "touched, same bytes" "$("$VECDOC" info --cache "$C" "$W/c.txt" | grep '^cache')" "cache: hit"
n1=$(ls "$C" | wc -l)
cp bad/ragged.txt "$W/r.txt"
"$VECDOC" info --cache "$C" "$W/r.txt" >/dev/null 2>&1
expect_eq "no partial entry after a failure" "$(ls "$C" | grep -c -v '^stat-')" "2"
expect_eq "no temporary left" "$(ls "$C" | grep -c tmp)" "0"

# --- fetch ------------------------------------------------------------------
SITE="$W/site"
M="$W/mirror"
mkdir -p "$SITE" "$M"
cp small.txt "$M/vec.txt"
cp gensim.txt "$M/plain.txt"
sum=$(sha256sum "$M/vec.txt" | cut -c1-64)
cat >"$SITE/vecdoc.yml" <<YEOF
title: t
spaces:
  tiny:
    path: data/tiny.vds
    format: vds
    sources:
      - mirror: vec.txt
        sha256: $sum
        format: glove
files:
  plain:
    path: data/plain.txt
    sources:
      - mirror: plain.txt
        sha256: 0000
YEOF
env -u VECDOC_MIRROR "$VECDOC" fetch -C "$SITE" >"$W/out" 2>"$W/err"
expect_eq "fetch without a mirror fails" $? 1
expect_eq "fetch without a mirror says why" "$(cat "$W/err")" "$SITE/vecdoc.yml:3:3: error: tiny: data/tiny.vds is missing and no source applies (mirror sources need VECDOC_MIRROR)
$SITE/vecdoc.yml:11:3: error: plain: data/plain.txt is missing and no source applies (mirror sources need VECDOC_MIRROR)
vecdoc fetch: 2 declared files not obtained"
VECDOC_MIRROR="$W/none:$M" "$VECDOC" fetch -C "$SITE" >"$W/out" 2>"$W/err"
expect_eq "fetch with a bad digest fails" $? 1
expect_eq "digest mismatch named" "$(cat "$W/err")" "$SITE/vecdoc.yml:14:9: error: plain: sha256 mismatch for mirror plain.txt: got $(sha256sum "$M/plain.txt" | cut -c1-64), declared 0000
vecdoc fetch: 1 declared file not obtained"
expect_eq "no partial file after a mismatch" "$(ls "$SITE/data" | grep -c plain)" 0
expect_eq "no work directory left" "$(ls -a "$SITE/data" | grep -c fetch)" 0
expect_eq "converted space installed" "$("$VECDOC" info "$SITE/data/tiny.vds" | grep '^rows')" "rows: 6"
expect_eq "provenance recorded" "$(cat "$SITE/data/tiny.vds.source")" "mirror vec.txt sha256 ${sum%${sum#????????????????}} converted from glove"
expect_eq "provenance shown" "$("$VECDOC" info "$SITE/data/tiny.vds" | grep '^source')" "source: mirror vec.txt sha256 ${sum%${sum#????????????????}} converted from glove"
VECDOC_MIRROR="$M" "$VECDOC" fetch -C "$SITE" --dry-run >"$W/out" 2>&1
expect_eq "dry run" "$(cat "$W/out")" "fetch: tiny: present (data/tiny.vds)
fetch: plain: would try mirror plain.txt"
# vecdoc.yml is the site owner's: its data may live outside the content
# directory (tests/edges covers builds on such data).
cp "$M/vec.txt" "$W/outside.txt"
printf 'spaces:\n  x:\n    path: ../outside.txt\n' >"$SITE/vecdoc.yml"
"$VECDOC" fetch --no-convert -C "$SITE" >"$W/out" 2>"$W/err"
expect_eq "path outside the content directory accepted" "$(cat "$W/out")" "fetch: x: present (../outside.txt)"

# --- cross-checks against numpy and gensim --------------------------------
if have_py gensim; then
	"$VECDOC" convert gensim.txt "$W/g.bin"
	"$PY" - "$T/gensim.txt" "$W/g.bin" >"$W/py" 2>&1 <<'PYEOF'
import sys, numpy as np
from gensim.models import KeyedVectors
a = KeyedVectors.load_word2vec_format(sys.argv[1], binary=False, no_header=True)
b = KeyedVectors.load_word2vec_format(sys.argv[2], binary=True)
assert a.index_to_key == b.index_to_key, (a.index_to_key, b.index_to_key)
assert np.array_equal(a.vectors, b.vectors)
print("ok", len(a.index_to_key))
PYEOF
	expect_eq "gensim reads our word2vec binary identically" "$(cat "$W/py")" "ok 5"
else
	skip "gensim cross-check (no /usr/bin/python3 with gensim)"
fi

# --- real data -----------------------------------------------------------
DATA=$(shared_data)
if [ -z "$DATA" ]; then
	skip "real data checks (no ../shared/data)"
else
	check_real() {	# FILE ROWS DIMS FIRST...
		f=$1 rows=$2 dims=$3
		shift 3
		"$VECDOC" info --first 5 "$DATA/$f" >"$W/out" 2>"$W/err"
		expect_eq "$f rows" "$(grep '^rows' "$W/out")" "rows: $rows"
		expect_eq "$f dims" "$(grep '^dims' "$W/out")" "dims: $dims"
		expect_eq "$f first words" "$(grep '^first words' "$W/out")" "first words: $*"
	}
	check_real glove.6B.100d.top50k.txt 50000 100 the , . of to
	check_real glove.twitter.27B.25d.top12k.txt 11925 25 the of and to a
	check_real word2vec-googlenews-300.demo8000.txt 8000 300 in for that is on
	# Vectors against the text itself, through numpy's float32.
	if have_py numpy; then
		for spec in "glove.6B.100d.top50k.txt king" "glove.twitter.27B.25d.top12k.txt table" \
		    "word2vec-googlenews-300.demo8000.txt queen"; do
			set -- $spec
			got=$("$VECDOC" info --vector "$2" "$DATA/$1" | grep '^vector')
			want=$("$PY" -c '
import sys, numpy as np
for line in open(sys.argv[1], encoding="utf-8"):
    p = line.rstrip().split(" ")
    if p[0] == sys.argv[2]:
        v = np.array([float(x) for x in p[1:]], dtype=np.float64).astype(np.float32)
        print("vector: " + p[0] + "".join(" %.9g" % x for x in v)); break
' "$DATA/$1" "$2")
			expect_eq "$1 $2 vector" "$got" "$want"
		done
		# Every value of the 50k file, bit for bit, against numpy.
		"$VECDOC" convert "$DATA/glove.6B.100d.top50k.txt" "$W/g50.bin"
		res=$("$PY" - "$DATA/glove.6B.100d.top50k.txt" "$W/g50.bin" <<'PYEOF'
import sys, numpy as np
rows = [l.rstrip("\n").split(" ") for l in open(sys.argv[1], encoding="utf-8")]
want = np.array([[float(x) for x in r[1:]] for r in rows]).astype(np.float32)
b = open(sys.argv[2], "rb").read()
n, d = map(int, b[:b.index(b"\n")].split())
off = b.index(b"\n") + 1
got = np.empty((n, d), np.float32)
for i in range(n):
    sp = b.index(b" ", off)
    assert b[off:sp].decode() == rows[i][0]
    got[i] = np.frombuffer(b, np.float32, d, sp + 1)
    off = sp + 1 + 4 * d + 1
print("same" if np.array_equal(got.view(np.uint32), want.view(np.uint32)) else "differ: %d" % (got != want).sum())
PYEOF
)
		expect_eq "glove 50k: every float equals numpy's" "$res" "same"
	else
		skip "numpy comparisons (no /usr/bin/python3 with numpy)"
	fi
fi

finish store-suite
