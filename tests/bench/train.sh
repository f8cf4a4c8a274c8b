#!/bin/sh
# tests/bench/train.sh: `make bench-train` — vecdoc train against
# word2vec.c (npm word2vec@1.1.5, compiled here with its own makefile's
# flags, never committed) and gensim Word2Vec (Debian python3-gensim) on
# the same token file, with the same hyperparameters (sg, negative 5,
# window 5, min-count 5, sample 1e-3, dim 100, 5 epochs). Not a test:
# prints words/s (tokens x epochs / wall seconds of the whole process,
# reading and writing included) and SimLex-999 Spearman and analogy
# accuracy for each model, on the words all models know.
# Usage: train.sh [--lines N] [--epochs E] [--threads T] [--seeds K]
#                 [--no-word2vec-c] [path/to/vecdoc]
#   --lines N   the first N lines of the corpus only (default: all of
#               gutenberg_classics_8authors.txt, 8.46 M words)
#   --seeds K   gensim runs with seeds 1..K (default 3) for the spread
#   --no-word2vec-c   skip word2vec.c (slow here: its 400 MB noise table
#               misses the TLB at every draw)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
VECDOC=$here/../../vecdoc
LINES= EPOCHS=5 THREADS=2 SEEDS=3 W2VC=1
while [ $# -gt 0 ]; do
	case $1 in
	--lines) LINES=$2; shift 2 ;;
	--epochs) EPOCHS=$2; shift 2 ;;
	--threads) THREADS=$2; shift 2 ;;
	--seeds) SEEDS=$2; shift 2 ;;
	--no-word2vec-c) W2VC=0; shift ;;
	*) VECDOC=$1; shift ;;
	esac
done
: "${VECDOC_SHARED:=$here/../../../shared}"
data="$VECDOC_SHARED/data"
corpus="$data/corpora/gutenberg_classics_8authors.txt"
[ -f "$corpus" ] || { echo "bench-train: no $corpus"; exit 1; }
PY=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TMPDIR="$tmp"

now() { date +%s.%N; }
# rate WORDS SECONDS
rate() { awk -v w="$1" -v s="$2" 'BEGIN { printf "%.0f", w / s }'; }

if [ -n "$LINES" ]; then head -n "$LINES" "$corpus" > "$tmp/corpus.txt"
else cp "$corpus" "$tmp/corpus.txt"; fi
# Tokenise once with vecdoc (lowercase, corpus word splitter); every tool
# reads this file.
"$VECDOC" train "$tmp/corpus.txt" --dump-tokens "$tmp/tok.txt" --quiet
ntok=$(wc -w < "$tmp/tok.txt")
work=$((ntok * EPOCHS))
echo "corpus: $corpus${LINES:+ (first $LINES lines)}: $ntok tokens, $(wc -l < "$tmp/tok.txt") lines; $EPOCHS epochs, $THREADS threads"

# word2vec.c from npm, compiled with its makefile's flags
[ $W2VC -eq 0 ] || (cd "$tmp" && npm pack --silent word2vec@1.1.5 >/dev/null 2>&1 &&
    tar xzf word2vec-1.1.5.tgz) || { echo "bench-train: npm pack word2vec@1.1.5 failed"; exit 1; }
[ $W2VC -eq 0 ] || gcc "$tmp/package/src/word2vec.c" -o "$tmp/w2v" -lm -pthread -O3 \
    -march=native -Wall -funroll-loops -Wno-unused-result -fno-stack-protector 2>/dev/null

printf '\n%-28s %10s %12s\n' "tool" "seconds" "words/s"
models=""
t0=$(now)
"$VECDOC" train "$tmp/tok.txt" "$tmp/vecdoc-t$THREADS.txt" --threads "$THREADS" \
    --epochs "$EPOCHS" --heldout 0 --quiet
t1=$(now)
s=$(echo "$t1 - $t0" | bc)
vd=$(rate "$work" "$s")
printf '%-28s %10.1f %12s\n' "vecdoc ($THREADS threads, Hogwild)" "$s" "$vd"
models="$models vecdoc-t$THREADS=$tmp/vecdoc-t$THREADS.txt"

wc_rate=
if [ $W2VC -eq 1 ]; then
t0=$(now)
"$tmp/w2v" -train "$tmp/tok.txt" -output "$tmp/w2vc.txt" -cbow 0 -size 100 \
    -window 5 -negative 5 -hs 0 -sample 1e-3 -threads "$THREADS" \
    -iter "$EPOCHS" -min-count 5 -binary 0 -debug 0 >/dev/null
t1=$(now)
s=$(echo "$t1 - $t0" | bc)
wc_rate=$(rate "$work" "$s")
printf '%-28s %10.1f %12s\n' "word2vec.c ($THREADS threads)" "$s" "$wc_rate"
models="$models word2vec.c=$tmp/w2vc.txt"
fi

gs_rate=
for seed in $(seq 1 "$SEEDS"); do
	t0=$(now)
	r=$($PY "$here/train_ref.py" gensim "$tmp/tok.txt" "$tmp/gensim-$seed.txt" \
	    "$seed" "$THREADS" "$EPOCHS")
	t1=$(now)
	s=$(echo "$t1 - $t0" | bc)
	g=$(rate "$work" "$s")
	[ -n "$gs_rate" ] || gs_rate=$g
	printf '%-28s %10.1f %12s   (train() alone: %s s)\n' \
	    "gensim seed $seed ($THREADS workers)" "$s" "$g" "${r#* }"
	models="$models gensim-$seed=$tmp/gensim-$seed.txt"
done

t0=$(now)
"$VECDOC" train "$tmp/tok.txt" "$tmp/vecdoc-t1.txt" --threads 1 \
    --epochs "$EPOCHS" --heldout 0 --quiet
t1=$(now)
s=$(echo "$t1 - $t0" | bc)
printf '%-28s %10.1f %12s\n' "vecdoc (1 thread, determ.)" "$s" "$(rate "$work" "$s")"
models="$models vecdoc-t1=$tmp/vecdoc-t1.txt"

echo
awk -v a="$vd" -v b="$wc_rate" -v c="$gs_rate" 'BEGIN {
	if (b != "") printf "ratio vecdoc / word2vec.c = %.2f\n", a / b
	printf "ratio vecdoc / gensim = %.2f\n", a / c }'
echo
$PY "$here/train_ref.py" eval "$data/simlex999.txt" "$data/questions-words.txt" $models
