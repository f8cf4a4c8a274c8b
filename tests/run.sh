#!/bin/sh
# The test runner behind `make check`. Runs every unit-test program, then
# every suite script tests/*/suite.sh, adds up their "N passed, N failed"
# lines and ends with one such line of its own.
# Environment: VECDOC (the binary), SRCDIR, BUILDDIR, UNIT_TESTS.
set -u
: "${SRCDIR:=.}" "${BUILDDIR:=.}" "${VECDOC:=$BUILDDIR/vecdoc}"
export SRCDIR BUILDDIR VECDOC
export OPENBLAS_NUM_THREADS=1 LC_ALL=C
# Each test builds every page (tests/cache/ tests the page cache itself).
export VECDOC_NO_CACHE=1
# Real data lives beside the checkout; suites that need it say SKIP without it.
: "${VECDOC_SHARED:=$SRCDIR/../shared}"
export VECDOC_SHARED
log=$(mktemp)
trap 'rm -f "$log"' EXIT
passed=0 failed=0 crashed=0
for t in ${UNIT_TESTS:-}; do
	case "$t" in *fuzz*|*bench*) continue ;; esac
	"$BUILDDIR/$t" >"$log" 2>&1
	rc=$?
	cat "$log"
	if ! grep -Eq '^[A-Za-z0-9_./-]+: [0-9]+ passed, [0-9]+ failed$' "$log"; then
		echo "$t: exited $rc without a result line"
		crashed=$((crashed + 1))
	elif [ $rc -gt 1 ]; then
		echo "$t: exited $rc (crash?)"
		crashed=$((crashed + 1))
	fi
	p=$(sed -n 's/^[A-Za-z0-9_./-]*: \([0-9]*\) passed, [0-9]* failed$/\1/p' "$log" | tail -1)
	f=$(sed -n 's/^[A-Za-z0-9_./-]*: [0-9]* passed, \([0-9]*\) failed$/\1/p' "$log" | tail -1)
	passed=$((passed + ${p:-0})) failed=$((failed + ${f:-0}))
done
for s in "$SRCDIR"/tests/*/suite.sh; do
	[ -f "$s" ] || continue
	sh "$s" >"$log" 2>&1
	rc=$?
	cat "$log"
	line=$(grep -E '^[A-Za-z0-9_./-]+: [0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
	if [ -z "$line" ]; then
		echo "$s: exited $rc without a result line"
		crashed=$((crashed + 1))
		continue
	fi
	p=$(echo "$line" | sed 's/^[^:]*: \([0-9]*\) passed.*/\1/')
	f=$(echo "$line" | sed 's/^.* \([0-9]*\) failed.*/\1/')
	passed=$((passed + p)) failed=$((failed + f))
done
failed=$((failed + crashed))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
