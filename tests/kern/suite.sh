#!/bin/sh
# tests/kern/suite.sh: cross-checks of the numerical kernels against
# numpy, scipy and gensim (Debian's /usr/bin/python3) on the real GloVe
# vectors in ../shared/data. tests/kern/kerncheck runs each kernel; the
# Python side (crosscheck.py) computes the same and compares.
. "$SRCDIR/tests/lib.sh"

KC="$BUILDDIR/tests/kern/kerncheck"
PY=/usr/bin/python3
if [ ! -x "$KC" ]; then
	fail "kerncheck not built ($KC)"
	finish kern-crosscheck
	exit
fi
if ! $PY -c 'import numpy, scipy' 2>/dev/null; then
	skip "kern cross-checks: /usr/bin/python3 lacks numpy/scipy"
	finish kern-crosscheck
	exit
fi
data=$(shared_data)
if [ -z "$data" ]; then
	skip "GloVe/gensim cross-checks (no ../shared/data)"
	data=/nonexistent
fi
# gensim's analogy benchmark result is cached here, keyed by input digests
KERN_CACHE="$BUILDDIR/tests/kern/cache"
export KERN_CACHE
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
$PY "$SRCDIR/tests/kern/crosscheck.py" "$KC" "$data" "$tmp" >"$tmp/out" 2>&1
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
finish kern-crosscheck
