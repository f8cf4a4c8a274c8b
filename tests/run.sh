#!/bin/sh
# The test runner behind `make check`. Runs every unit-test program, then
# every suite script tests/*/suite.sh, adds up their "N passed, N failed,
# N skipped" lines and ends with one such line of its own, after the list
# of every skip and why. Under CI=true a suite whose inputs are missing
# fails instead of skipping (tests/lib.sh).
# Environment: VECDOC (the binary), SRCDIR, BUILDDIR, UNIT_TESTS.
set -u
: "${SRCDIR:=.}" "${BUILDDIR:=.}" "${VECDOC:=$BUILDDIR/vecdoc}"
export SRCDIR BUILDDIR VECDOC
export OPENBLAS_NUM_THREADS=1 LC_ALL=C
# Each test builds every page (tests/cache/ tests the page cache itself).
export VECDOC_NO_CACHE=1
# Real data lives beside the checkout; suites that need it say SKIP without
# it (and fail under CI, which has it).
: "${VECDOC_SHARED:=$SRCDIR/../shared}"
export VECDOC_SHARED
log=$(mktemp)
skips=$(mktemp)
trap 'rm -f "$log" "$skips"' EXIT
passed=0 failed=0 skipped=0 crashed=0
RESULT='^[A-Za-z0-9_./-]+: [0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$'
# adds the counts of the last result line of $log
count() {
	line=$(grep -E "$RESULT" "$log" | tail -1)
	p=$(echo "$line" | sed 's/^[^:]*: \([0-9]*\) passed.*/\1/')
	f=$(echo "$line" | sed 's/^.* \([0-9]*\) failed.*/\1/')
	k=$(echo "$line" | sed -n 's/^.* \([0-9]*\) skipped$/\1/p')
	passed=$((passed + ${p:-0})) failed=$((failed + ${f:-0}))
	skipped=$((skipped + ${k:-0}))
	grep '^SKIP' "$log" >>"$skips"
}
for t in ${UNIT_TESTS:-}; do
	case "$t" in *fuzz*|*bench*) continue ;; esac
	"$BUILDDIR/$t" >"$log" 2>&1
	rc=$?
	cat "$log"
	if ! grep -Eq "$RESULT" "$log"; then
		echo "$t: exited $rc without a result line"
		crashed=$((crashed + 1))
	elif [ $rc -gt 1 ]; then
		echo "$t: exited $rc (crash?)"
		crashed=$((crashed + 1))
	fi
	count
done
for s in "$SRCDIR"/tests/*/suite.sh; do
	[ -f "$s" ] || continue
	sh "$s" >"$log" 2>&1
	rc=$?
	cat "$log"
	if ! grep -Eq "$RESULT" "$log"; then
		echo "$s: exited $rc without a result line"
		crashed=$((crashed + 1))
		continue
	fi
	count
done
failed=$((failed + crashed))
if [ -s "$skips" ]; then
	echo "skipped here, and why:"
	sed 's/^/  /' "$skips"
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
