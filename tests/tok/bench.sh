#!/bin/sh
# tests/tok/bench.sh: how fast the tokenizers open and run (a benchmark,
# not a test: it asserts nothing).
#   sh tests/tok/bench.sh [VECDOC [DATADIR [REPEAT]]]
# Opens each tokenizer on the real vocabularies in DATADIR (default
# ../shared/data) and tokenizes the five wiki excerpts concatenated
# REPEAT times (default 400, about 1.2 MB), output to /dev/null. Open
# time is the best of 5 runs on a one-word text, minus the process start
# (the word tokenizer's run); tokens/s = tokens / (run time - open time),
# best of 3. Figures include writing the tab-separated output.
set -eu
V=${1:-./vecdoc}
D=${2:-$(dirname "$0")/../../../shared/data}
N=${3:-400}
W=$(mktemp -d "${TMPDIR:-/tmp}/vecdoc-tokbench.XXXXXX")
trap 'rm -rf "$W"' EXIT

[ -f "$D/gpt2-encoder.json" ] || { echo "no data in $D" >&2; exit 1; }
i=0
while [ $i -lt "$N" ]; do
	cat "$D"/wiki_excerpt_*.txt
	i=$((i + 1))
done >"$W/text"

now() { date +%s%N; }
# best MS RUNS ARGS...: the fastest of RUNS runs, in microseconds
best() {
	runs=$1
	shift
	b=""
	k=0
	while [ $k -lt "$runs" ]; do
		t0=$(now)
		"$@" >/dev/null
		t=$((($(now) - t0) / 1000))
		if [ -z "$b" ] || [ "$t" -lt "$b" ]; then b=$t; fi
		k=$((k + 1))
	done
	echo "$b"
}

base=$(best 5 "$V" tokenize --tokenizer word x)
printf '%-10s %10s %10s %12s\n' tokenizer "open ms" tokens "tokens/s"
for spec in word "wordpiece:$D/bert-base-uncased-vocab.txt" \
    "bpe:$D/gpt2-encoder.json,$D/gpt2-vocab.bpe"; do
	name=${spec%%:*}
	open=$(best 5 "$V" tokenize --tokenizer "$spec" x)
	open=$((open - base))
	[ $open -lt 0 ] && open=0
	ntok=$("$V" tokenize --tokenizer "$spec" - <"$W/text" | wc -l)
	run=$(best 3 sh -c '"$0" tokenize --tokenizer "$1" - <"$2"' "$V" "$spec" "$W/text")
	run=$((run - base - open))
	[ $run -le 0 ] && run=1
	printf '%-10s %10s %10d %12d\n' "$name" \
	    "$((open / 1000)).$(((open % 1000) / 100))" "$ntok" \
	    "$((ntok * 1000000 / run))"
done
echo "text: the five wiki excerpts x $N ($(wc -c <"$W/text") bytes)"
