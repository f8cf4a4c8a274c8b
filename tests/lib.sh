# tests/lib.sh: helpers for suite scripts (sourced). Each suite counts
# cases with pass/fail/skip and ends with `finish NAME`, which prints
# "NAME: N passed, N failed, N skipped".
#
# skip REASON: the suite's inputs are absent here (the shared data, a
#   Python module, node). CI provides all of them, so under CI=true such
#   a skip counts as a failure: a green CI never hides a suite that did
#   not run.
# skip_expected REASON: a skip that is right anywhere, CI included (the
#   CPU lacks an instruction set). Counted, never a failure.
# Golden files: VECDOC_UPDATE_GOLDEN=1 rewrites them, in every suite.
P=0 F=0 S=0
pass() { P=$((P + 1)); }
fail() { F=$((F + 1)); echo "FAIL: $*"; }
skip() {
	S=$((S + 1))
	if [ "${CI:-}" = true ]; then
		F=$((F + 1))
		echo "FAIL: skipped under CI, whose inputs should be there: $*"
	else
		echo "SKIP: $*"
	fi
}
skip_expected() { S=$((S + 1)); echo "SKIP: $*"; }
finish() { echo "$1: $P passed, $F failed, $S skipped"; [ "$F" -eq 0 ]; }
# shared data (../shared/data), or empty when absent
shared_data() {
	if [ -d "$VECDOC_SHARED/data" ]; then echo "$VECDOC_SHARED/data"; fi
}
# true when golden files are to be rewritten
update_golden() { [ "${VECDOC_UPDATE_GOLDEN:-}" = 1 ]; }
