#!/bin/sh
# Work budgets (issue 19): each directive's example just over its budget
# gives its exact diagnostic (tests/budget/expected.txt; rewritten with
# VECDOC_UPDATE_GOLDEN=1) and runs at exactly its estimate; the fuzzed
# {random-cosine} page is refused at once, located; budget: in vecdoc.yml
# and :budget: on a block move the limit; bad budget values are located;
# the wall-clock guard stops a block and the previous output stays.
. "$SRCDIR/tests/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
expect() {	# expect NAME WANT GOT
	if [ "$2" = "$3" ]; then pass; else fail "$1"; printf '  want: %s\n  got:  %s\n' "$2" "$3"; fi
}
cp -R "$SRCDIR/tests/directives/examples/site" "$work/ex"
rm -rf "$work/ex/.vecdoc-cache"
golden="$SRCDIR/tests/budget/expected.txt"
: >"$work/got.txt"
cd "$work/ex" || exit 1
for name in $("$VECDOC" run --list | awk '{ print $1 }'); do
	ops=$("$VECDOC" run -C . --example "$name" --estimate |
	    sed -n 's/.*"operations":\([^,]*\),.*/\1/p')
	if [ -z "$ops" ]; then
		fail "{$name}: no estimate"
		continue
	fi
	# Admonitions do no numeric work: no budget is below 0 operations.
	case $ops in 0) continue ;; esac
	under=$(awk -v o="$ops" 'BEGIN { printf "%.6g", o * 0.99 }')
	"$VECDOC" run -C . --example "$name" --budget "$under" 2>>"$work/got.txt" >/dev/null
	rc=$?
	expect "{$name} just over its budget fails" 1 "$rc"
	"$VECDOC" run -C . --example "$name" --budget "$ops" >/dev/null 2>"$work/err"
	expect "{$name} runs at exactly its estimate" "0 " "$? $(cat "$work/err")"
done
if update_golden; then
	cp "$work/got.txt" "$golden"
fi
expect "the diagnostics just over the budget" "$(cat "$golden")" "$(cat "$work/got.txt")"

# The fuzzed page: every value in range, the product huge. Refused before
# any kernel starts, at the option that drives it.
mkdir -p m
printf -- '---\ntitle: Home\n---\n\n# Home\n' >index.md
printf -- '---\ntitle: M\n---\n\n# M\n' >m/index.md
printf -- '---\ntitle: T\n---\n\n# T\n\n```{random-cosine}\n:dims: 100000, 100000, 100000, 100000, 100000\n:pairs: 1000000\n```\n' >m/fuzz.md
start=$(date +%s)
got=$(cd .. && "$VECDOC" build --quiet -C ex -o "$work/out" 2>&1)
rc=$?
end=$(date +%s)
expect "fuzzed page refused" "1 ex/m/fuzz.md:9:1: error: {random-cosine}: \`:pairs: 1000000\` × 500000 dimensions (\`:dims:\`) ≈ 2.1 × 10¹³ operations, budget 10¹²; lower :pairs: or :dims:, or raise budget: (or :budget: for this block)" \
    "$rc $(printf '%s\n' "$got" | grep ": error:")"
expect "refused at once" yes "$([ $((end - start)) -le 3 ] && echo yes || echo "no: $((end - start)) s")"

# budget: in vecdoc.yml lowers the limit; :budget: raises it for a block.
printf -- '---\ntitle: T\n---\n\n# T\n\n```{random-cosine}\n:dims: 10\n:pairs: 1000\n```\n' >m/fuzz.md
cp vecdoc.yml vecdoc.yml.orig
printf 'budget:\n  operations: 1e5\n' >>vecdoc.yml
expect "budget: in vecdoc.yml" "ex/m/fuzz.md:9:1: error: {random-cosine}: \`:pairs: 1000\` × 10 dimensions (\`:dims:\`) ≈ 4.3 × 10⁵ operations, budget 10⁵; lower :pairs: or :dims:, or raise budget: (or :budget: for this block)" \
    "$(cd .. && "$VECDOC" check -C ex 2>&1 | grep ": error:")"
printf -- '---\ntitle: T\n---\n\n# T\n\n```{random-cosine}\n:dims: 10\n:pairs: 1000\n:budget: 1e6\n```\n' >m/fuzz.md
expect ":budget: on the block" "0" "$(cd .. && "$VECDOC" check -C ex >/dev/null 2>&1; echo $?)"
printf -- '---\ntitle: T\n---\n\n# T\n\n```{random-cosine}\n:dims: 10\n:pairs: 1000\n:budget: lots\n```\n' >m/fuzz.md
expect "bad :budget:" "ex/m/fuzz.md:10:1: error: option ':budget:' needs operations, or operations and bytes (e.g. '1e12' or '1e12, 8e9'), not 'lots'" \
    "$(cd .. && "$VECDOC" check -C ex 2>&1 | grep ": error:")"
printf -- '---\ntitle: T\n---\n\n# T\n\n```{random-cosine}\n:dims: 10\n:pairs: 1000\n:budget: 1e9, 10\n```\n' >m/fuzz.md
expect "memory over :budget:" "ex/m/fuzz.md:9:1: error: {random-cosine}: \`:pairs: 1000\` × 10 dimensions (\`:dims:\`) ≈ 8000 bytes of memory, budget 10; lower :pairs: or :dims:, or raise :budget:" \
    "$(cd .. && "$VECDOC" check -C ex 2>&1 | grep ": error:")"
cp vecdoc.yml.orig vecdoc.yml
printf 'budget: lots\n' >>vecdoc.yml
line=$(grep -n '^budget:' vecdoc.yml | cut -d: -f1)
expect "bad budget:" "ex/vecdoc.yml:$line:9: error: budget: needs a number of operations (e.g. 1e12) or a map of operations:, memory: and seconds:, not 'lots'" \
    "$(cd .. && "$VECDOC" check -C ex 2>&1 | grep ": error:" | head -1)"
cp vecdoc.yml.orig vecdoc.yml
printf 'budget:\n  opertions: 1e9\n' >>vecdoc.yml
line=$(grep -n '^  opertions:' vecdoc.yml | cut -d: -f1)
expect "unknown budget: key" "ex/vecdoc.yml:$line:3: error: unknown key \"opertions\" in budget (did you mean \"operations\"?)" \
    "$(cd .. && "$VECDOC" check -C ex 2>&1 | grep ": error:" | head -1)"
cp vecdoc.yml.orig vecdoc.yml
expect "--budget malformed" "vecdoc run: --budget needs operations, or operations and bytes (e.g. 1e12 or 1e12,8e9), not 'x'" \
    "$("$VECDOC" run -C . random-cosine --dims 2 --budget x 2>&1 | head -1)"

# The wall-clock guard (VECDOC_TEST_DEADLINE sets the limit low): the
# block is stopped at its location, the build fails and the previous
# output stays.
printf -- '---\ntitle: T\n---\n\n# T\n\n```{random-cosine}\n:dims: 10\n:pairs: 1000\n```\n' >m/fuzz.md
(cd .. && "$VECDOC" build --quiet -C ex -o "$work/out" >/dev/null 2>&1)
before=$(cat "$work/out/m/fuzz.html" 2>/dev/null | wc -c)
printf -- '---\ntitle: T\n---\n\n# T\n\n```{random-cosine}\n:dims: 3000\n:pairs: 1000000\n:chart: false\n```\n' >m/fuzz.md
got=$(cd .. && VECDOC_TEST_DEADLINE=0.3 "$VECDOC" build --quiet -C ex -o "$work/out" 2>&1)
rc=$?
expect "guard stops the block" "1 ex/m/fuzz.md:7:1: error: {random-cosine} was stopped: still running after 0.3 s, its time limit (budget: seconds: 60, plus 10 × its estimate of ≈ 1.3 × 10¹¹ operations at 10⁹ a second: \`:pairs: 1000000\` × 3000 dimensions (\`:dims:\`)); lower :pairs: or :dims:, or raise budget:" \
    "$rc $(printf '%s\n' "$got" | grep ": error:")"
expect "previous output stays" "$before" "$(cat "$work/out/m/fuzz.html" 2>/dev/null | wc -c)"
expect "previous output was there" yes "$([ "$before" -gt 1000 ] && echo yes)"
finish budget
