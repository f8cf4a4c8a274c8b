#!/bin/sh
# tests/store/suite.sh: the embedding store through the vecdoc binary:
# every bad input with its exact diagnostic, round trips between formats,
# the .vds cache, and real-data checks (when ../shared/data exists).
. "$SRCDIR/tests/lib.sh"
W=$(mktemp -d "${TMPDIR:-/tmp}/vecdoc-store.XXXXXX")
trap 'rm -rf "$W"' EXIT

# expect_err CMD... : runs vecdoc, wants exit 1 and stderr == $EXPECT
expect_err() {
	"$VECDOC" "$@" >"$W/out" 2>"$W/err"
	rc=$?
	if [ $rc -ne 1 ]; then
		fail "$*: exit $rc, wanted 1"
	elif [ "$(cat "$W/err")" != "$EXPECT" ]; then
		fail "$*: stderr:"; cat "$W/err"; echo "wanted:"; echo "$EXPECT"
	else
		pass
	fi
}

cd "$W" || exit 1
finish store-suite
