# tests/lib.sh: helpers for suite scripts (sourced). Each suite counts
# cases with pass/fail and ends with `finish NAME`.
P=0 F=0
pass() { P=$((P + 1)); }
fail() { F=$((F + 1)); echo "FAIL: $*"; }
skip() { echo "SKIP: $*"; }
finish() { echo "$1: $P passed, $F failed"; [ "$F" -eq 0 ]; }
# shared data (../shared/data), or empty when absent
shared_data() {
	if [ -d "$VECDOC_SHARED/data" ]; then echo "$VECDOC_SHARED/data"; fi
}
