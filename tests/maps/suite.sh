#!/bin/sh
# tests/maps/suite.sh: cross-checks of the map kernels (t-SNE, DBSCAN,
# projections, similarity graphs, semantic axes) against scikit-learn
# and networkx (Debian's /usr/bin/python3) on the real GloVe vectors in
# ../shared/data. tests/maps/mapcheck runs each kernel; crosscheck.py
# computes the same and compares.
. "$SRCDIR/tests/lib.sh"

MC="$BUILDDIR/tests/maps/mapcheck"
PY=/usr/bin/python3
if [ ! -x "$MC" ]; then
	fail "mapcheck not built ($MC)"
	finish maps-crosscheck
	exit
fi
if ! $PY -c 'import numpy' 2>/dev/null; then
	skip "map cross-checks: /usr/bin/python3 lacks numpy"
	finish maps-crosscheck
	exit
fi
data=$(shared_data)
if [ -z "$data" ]; then
	skip "GloVe cross-checks (no ../shared/data)"
	data=/nonexistent
fi
# sklearn's t-SNE result is cached here, keyed by input digests
MAPS_CACHE="$BUILDDIR/tests/maps/cache"
export MAPS_CACHE
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
$PY "$SRCDIR/tests/maps/crosscheck.py" "$MC" "$data" "$tmp" >"$tmp/out" 2>&1
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
finish maps-crosscheck
