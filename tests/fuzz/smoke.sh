#!/bin/sh
# tests/fuzz/smoke.sh NAME...: runs each libFuzzer target
# $BUILDDIR/tests/fuzz/fuzz_NAME for $FUZZ_SECONDS seconds (default 15)
# from its seeds (tests/fuzz/corpus-NAME, the course's pages and, read at
# run time only, ../shared/seeds), in a scratch corpus directory that is
# removed afterwards. Prints one line per target (runs, coverage, corpus
# size) and keeps any crasher as $BUILDDIR/tests/fuzz/crash-NAME-*; such
# a file belongs in tests/fuzz/corpus-NAME/ once the bug is fixed.
# Exit status: 0 when no target found anything.
: "${SRCDIR:=.}" "${BUILDDIR:=.}" "${FUZZ_SECONDS:=15}"
: "${VECDOC_SHARED:=$SRCDIR/../shared}"
VECDOC_FUZZ_SITE="$SRCDIR/tests/directives/site"
# One BLAS thread: fuzzing wants executions, not parallel kernels.
OPENBLAS_NUM_THREADS=1
export VECDOC_FUZZ_SITE VECDOC_SHARED OPENBLAS_NUM_THREADS
work=$(mktemp -d "${TMPDIR:-/tmp}/vecdoc-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
bad=0 t0=$(date +%s)
for t in "$@"; do
	prog="$BUILDDIR/tests/fuzz/fuzz_$t"
	seed="$SRCDIR/tests/fuzz/corpus-$t"
	case $t in store_*) seed="$SRCDIR/tests/fuzz/corpus-${t#store_}" ;; esac
	mkdir -p "$work/$t" "$work/seed-$t"
	case $t in
	mathscan|frontmatter|page)
		# Pages that ask {random-cosine} for 20,000 pairs take seconds
		# each under the sanitizers: the page target starts from small
		# ones (corpus-page has one).
		for f in $(find "$SRCDIR/content" -name '*.md'); do
			[ $t = page ] && grep -q '{random-cosine}' "$f" && continue
			cp "$f" "$work/seed-$t/$(echo "$f" | tr / _)"
		done
		[ -d "$VECDOC_SHARED/seeds" ] &&
		    cp "$VECDOC_SHARED"/seeds/*.txt "$work/seed-$t/" 2>/dev/null ;;
	config)
		i=0
		for f in $(find "$SRCDIR/content" "$SRCDIR/tests/sites" \
		    "$SRCDIR/tests/directives" -name vecdoc.yml); do
			i=$((i + 1)); cp "$f" "$work/seed-$t/$i.yml"
		done ;;
	esac
	# fuzz_http traps by itself when the server leaves a connection
	# unanswered for 35 s (past its own 30 s timeout): libFuzzer's timer
	# sits above that, so a connection the server answers late (rarely,
	# after about 10,000 back-to-back connections: an open finding of
	# issue 18) is not called a hang.
	to=20
	[ "$t" = http ] && to=40
	"$prog" -max_total_time="$FUZZ_SECONDS" -timeout=$to -rss_limit_mb=2048 \
	    -max_len=16384 -artifact_prefix="$BUILDDIR/tests/fuzz/crash-$t-" \
	    -print_final_stats=1 "$work/$t" "$seed" "$work/seed-$t" \
	    >"$work/log-$t" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log-$t")
	cov=$(grep -E '^#[0-9]+' "$work/log-$t" | tail -1 |
	    sed -n 's/.*cov: \([0-9]*\).*ft: \([0-9]*\).*corp: \([0-9]*\).*/cov \1, ft \2, corpus \3/p')
	if [ $rc -eq 0 ]; then
		echo "fuzz_$t: ok, ${runs:-?} runs in ${FUZZ_SECONDS} s, $cov"
	else
		bad=$((bad + 1))
		echo "fuzz_$t: FAILED (exit $rc) after ${runs:-?} runs; see below"
		grep -E 'ERROR|SUMMARY|Test unit written|#0 |#1 |#2 |#3 ' "$work/log-$t" | head -12
	fi
done
echo "fuzz-smoke: $# targets, $bad failed, $(( $(date +%s) - t0 )) s"
[ $bad -eq 0 ]
