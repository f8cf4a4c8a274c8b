#!/bin/sh
# tests/corpus/suite.sh: cross-checks of src/corpus (corpus loading,
# frequency statistics, Zipf fits, divergences, log-odds, co-occurrence,
# PPMI spectra) and of the cross-space kernels (kern/linmap, kern/anerr)
# against numpy/scipy (Debian's /usr/bin/python3). The fixtures in
# tests/corpus/fixtures always run; the real corpora and GloVe vectors of
# ../shared/data when present. tests/corpus/corpuscheck runs each kernel;
# crosscheck.py tokenizes again and recomputes everything.
. "$SRCDIR/tests/lib.sh"

CC="$BUILDDIR/tests/corpus/corpuscheck"
PY=/usr/bin/python3
if [ ! -x "$CC" ]; then
	fail "corpuscheck not built ($CC)"
	finish corpus-crosscheck
	exit
fi
if ! $PY -c 'import numpy, scipy' 2>/dev/null; then
	skip "corpus cross-checks: /usr/bin/python3 lacks numpy/scipy"
	finish corpus-crosscheck
	exit
fi
data=$(shared_data)
if [ -z "$data" ]; then
	skip "real corpora and GloVe cross-checks (no ../shared/data)"
	data=/nonexistent
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
$PY "$SRCDIR/tests/corpus/crosscheck.py" "$CC" "$SRCDIR" "$data" "$tmp" \
    >"$tmp/out" 2>&1
rc=$?
while IFS= read -r line; do
	case "$line" in
	"ok "*) pass ;;
	"FAIL "*) fail "${line#FAIL }" ;;
	"SKIP: "*) skip "${line#SKIP: }" ;;
	*) echo "$line" ;;
	esac
done <"$tmp/out"
[ $rc -eq 0 ] || fail "crosscheck.py exited $rc"

# located diagnostics of bad input, through the driver
cat >"$tmp/bad.yml" <<'YML'
corpora:
  bad: { file: bad.txt }
YML
printf 'fine line\nsecond \377 line\n' >"$tmp/bad.txt"
out=$("$CC" vocab "$tmp/bad.yml" bad 2>&1)
case "$out" in
"$tmp/bad.txt:2:8: error: invalid UTF-8 (byte 0xFF)") pass ;;
*) fail "invalid UTF-8 diagnostic: $out" ;;
esac
printf 'corpora:\n  typo: { file: bad.txt, formt: lines }\n' >"$tmp/typo.yml"
out=$("$CC" vocab "$tmp/typo.yml" typo 2>&1)
case "$out" in
"$tmp/typo.yml:2:26: error: unknown key \"formt\" in a corpus (did you mean \"format\"?)") pass ;;
*) fail "unknown-key diagnostic: $out" ;;
esac
finish corpus-crosscheck
