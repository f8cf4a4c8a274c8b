#!/bin/sh
# tests/train/suite.sh: `vecdoc train` — every bad input with its exact
# diagnostic, the token dump, byte-identical one-thread runs, snapshots,
# output formats, Hogwild threads, and an interrupted run that leaves no
# model behind. The corpora are generated here (no shared data needed).
. "$SRCDIR/tests/lib.sh"
abs() { case "$1" in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
VECDOC=$(abs "$VECDOC")
W=$(mktemp -d "${TMPDIR:-/tmp}/vecdoc-train.XXXXXX")
trap 'rm -rf "$W"' EXIT
cd "$W" || exit 1

# expect RC WANT-STDERR ARGS... : exit status and exact stderr
expect() {
	rc_want=$1
	want=$2
	shift 2
	"$VECDOC" "$@" >out 2>err
	rc=$?
	if [ $rc -ne "$rc_want" ]; then
		fail "vecdoc $*: exit $rc, wanted $rc_want ($(cat err))"
	elif [ "$(cat err)" != "$want" ]; then
		fail "vecdoc $*: got '$(cat err)', wanted '$want'"
	else
		pass
	fi
}

# A synthetic corpus: 3000 lines of 5-25 words from 8 topics of 20 words
# plus 10 common words (a fixed LCG, so the file never changes).
awk 'BEGIN { s = 12345
	for (l = 0; l < 3000; l++) {
		s = (s * 16807) % 2147483647; t = s % 8
		s = (s * 16807) % 2147483647; n = 5 + s % 21
		line = ""
		for (i = 0; i < n; i++) {
			s = (s * 16807) % 2147483647
			if (s % 3 == 0) { s = (s * 16807) % 2147483647; w = "the" (s % 10) }
			else { s = (s * 16807) % 2147483647; w = "t" t "w" (s % 20) }
			line = line (i ? " " : "") w
		}
		print line
	} }' > toy.txt
: > empty.txt
printf 'a b c\nd e f\n' > rare.txt
printf 'a b a b c\nb a c a\n' > three.txt
printf 'good line\nbad \377 byte\n' > badutf8.txt

U="Try 'vecdoc train --help'."
expect 1 "empty.txt: error: the corpus has no words" train empty.txt o.vds
expect 1 'rare.txt: error: no word occurs 5 times or more (--min-count); the most frequent, "a", occurs 1 time' \
	train rare.txt o.vds
expect 1 "vecdoc train: --negative 3: must be smaller than the vocabulary: three.txt has 3 words seen at least 1 time (--min-count)" \
	train three.txt o.vds --min-count 1 --negative 3
expect 1 "badutf8.txt:2:5: error: invalid UTF-8 (byte 0xFF)" train badutf8.txt o.vds
expect 2 "vecdoc train: --dim 0: out of range (1 to 10000)
$U" train toy.txt o.vds --dim 0
expect 2 "vecdoc train: --dim 1000000: out of range (1 to 10000)
$U" train toy.txt o.vds --dim 1000000
expect 2 "vecdoc train: --dim '1e3': not an integer
$U" train toy.txt o.vds --dim 1e3
expect 2 "vecdoc train: --window 0: out of range (1 to 1000)
$U" train toy.txt o.vds --window 0
expect 2 "vecdoc train: --snapshots '1,x': item 2 ('x') is not an epoch number
$U" train toy.txt o.vds --snapshots 1,x
expect 2 "vecdoc train: --snapshots '2,,1': item 2 ('') is not an epoch number
$U" train toy.txt o.vds --epochs 2 --snapshots 2,,1
expect 2 "vecdoc train: --snapshots '9': epoch 9 is not between 1 and 5 (--epochs)
$U" train toy.txt o.vds --snapshots 9
expect 2 "vecdoc train: --model 'glove': expected sgns or cbow
$U" train toy.txt o.vds --model glove
expect 2 "vecdoc train: --sample -1: out of range [0, 1)
$U" train toy.txt o.vds --sample -1
expect 2 "vecdoc train: no OUT given
$U" train toy.txt
expect 1 "nothere.txt: error: cannot open: No such file or directory" train nothere.txt o.vds
if ls o.vds* >/dev/null 2>&1; then fail "a failed run left $(ls o.vds*)"; else pass; fi

# the token dump: lowercased words, punctuation dropped, one line per line
printf 'The cat\342\200\231s hat, well-known!\n\nA 3.5 "B"\n' > dump.txt
expect 0 "" train dump.txt --dump-tokens dump.tok --quiet
if [ "$(cat dump.tok)" = "the cat's hat well-known
a 3.5 b" ]; then pass; else fail "dump: $(cat dump.tok)"; fi

# one thread: byte-identical runs; snapshots; formats
Q="--dim 16 --epochs 3 --quiet"
"$VECDOC" train toy.txt a/m.vds $Q --snapshots 1,2 2>err || fail "train: $(cat err)"
"$VECDOC" train toy.txt b/m.vds $Q --snapshots 2 2>err || fail "train: $(cat err)"
if cmp -s a/m.vds b/m.vds && cmp -s a/m.epoch2.vds b/m.epoch2.vds; then pass
else fail "two one-thread runs differ"; fi
if [ -f a/m.epoch1.vds ] && ! cmp -s a/m.epoch1.vds a/m.epoch2.vds &&
    ! cmp -s a/m.epoch2.vds a/m.vds; then pass
else fail "snapshots missing or equal"; fi
"$VECDOC" train toy.txt c/m.vds $Q --seed 2 2>err || fail "train: $(cat err)"
if cmp -s a/m.vds c/m.vds; then fail "another seed gave the same vectors"; else pass; fi
"$VECDOC" train toy.txt m.txt $Q 2>err || fail "train: $(cat err)"
if [ "$(head -1 m.txt)" = "170 16" ] && [ "$(wc -l < m.txt)" -eq 171 ]; then pass
else fail "word2vec text: $(head -1 m.txt), $(wc -l < m.txt) lines"; fi
"$VECDOC" convert a/m.vds a.txt --to word2vec 2>err || fail "convert: $(cat err)"
if cmp -s a.txt m.txt; then pass; else fail ".vds and .txt outputs differ"; fi
# CBOW and Hogwild threads run and learn: topic words are neighbours
"$VECDOC" train toy.txt cb.txt --model cbow $Q 2>err || fail "cbow: $(cat err)"
"$VECDOC" train toy.txt h2.txt --threads 2 $Q 2>err || fail "threads: $(cat err)"
for f in m.txt cb.txt h2.txt; do
	# the nearest neighbour of every topic word is in its topic
	r=$(awk 'NR > 1 { w[NR] = $1; n = 0; for (i = 2; i <= NF; i++) { v[NR, i] = $i; n += $i * $i }; nn[NR] = sqrt(n) }
	END { ok = 0; tot = 0
		for (a = 2; a <= NR; a++) { if (w[a] !~ /^t[0-9]w/) continue
			best = -2; bw = ""
			for (b = 2; b <= NR; b++) { if (b == a) continue; d = 0
				for (i = 2; i <= 17; i++) d += v[a, i] * v[b, i]
				d /= nn[a] * nn[b]; if (d > best) { best = d; bw = w[b] } }
			tot++; if (substr(bw, 1, 2) == substr(w[a], 1, 2)) ok++ }
		print ok "/" tot }' "$f")
	if [ "$r" = "160/160" ]; then pass; else fail "$f: nearest neighbour in topic for $r"; fi
done

# an interrupted run leaves nothing behind (SIGTERM: a background job of
# a non-interactive shell ignores SIGINT until vecdoc sets its handler;
# the signal goes once training has started, i.e. "epoch 0" is printed)
awk '{ for (i = 0; i < 30; i++) print }' toy.txt > big.txt
"$VECDOC" train big.txt i/m.vds --epochs 20 --snapshots 1 >/dev/null 2>err &
pid=$!
n=0
while ! grep -q "^epoch 0/" err 2>/dev/null && [ $n -lt 600 ]; do
	sleep 0.1
	n=$((n + 1))
done
kill -TERM $pid
wait $pid
rc=$?
if [ $rc -eq 1 ] && grep -q "training interrupted; i/m.vds not written" err &&
    [ -z "$(ls -A i 2>/dev/null)" ]; then pass
else fail "interrupt: rc $rc, $(tail -1 err), left: $(ls -A i 2>/dev/null)"; fi

finish train
