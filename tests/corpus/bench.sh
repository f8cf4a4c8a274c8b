#!/bin/sh
# tests/corpus/bench.sh: timings of the corpus and cross-space kernels on
# the real data of ../shared/data (not part of `make check`: no timing
# assertions there). Runs `corpuscheck report` RUNS times (default 5) and
# prints the fastest time of each step, wall clock, one OpenBLAS thread.
#   sh tests/corpus/bench.sh [CORPUSCHECK] [DATADIR] [RUNS]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
CC=${1:-$here/corpuscheck}
DATA=${2:-$here/../../../shared/data}
RUNS=${3:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/real.yml" <<YML
corpora:
  wiki: { file: $DATA/corpora/wikitext2_valid_test.txt, format: wikitext, drop: ["<unk>"] }
  twitter: { file: $DATA/corpora/twitter_en_US.txt }
YML
i=0
while [ $i -lt "$RUNS" ]; do
	OPENBLAS_NUM_THREADS=1 "$CC" report "$tmp/real.yml" wiki twitter \
	    "$DATA/glove.6B.100d.top50k.txt" \
	    "$DATA/glove.twitter.27B.25d.top12k.txt" \
	    "$DATA/questions-words.txt" >"$tmp/r$i.json"
	i=$((i + 1))
done
/usr/bin/python3 - "$tmp" "$RUNS" <<'PY'
import json, sys
tmp, runs = sys.argv[1], int(sys.argv[2])
rs = [json.load(open("%s/r%d.json" % (tmp, i))) for i in range(runs)]
def best(*path):
    v = []
    for r in rs:
        for p in path:
            r = r[p]
        v.append(r)
    return min(v)
rows = [
    ("load + count, both corpora", best("t_load_both")),
    ("  wikitext (tokenise + count)", best("wiki", "t_load")),
    ("  twitter (tokenise + count)", best("twitter", "t_load")),
    ("Zipf MLE with xmin scan, wikitext", best("wiki", "zipf_mle", "t_fit")),
    ("Zipf MLE with xmin scan, twitter", best("twitter", "zipf_mle", "t_fit")),
    ("KL, JS, MI, log-odds (union vocabulary)", best("compare", "t_compare")),
]
rows.append(("cooccurrence, twitter, every type, w=5 1/d",
             best("cooc_twitter_full", "t_cooc")))
for c in ("cooc_wiki", "cooc_twitter", "cooc_wiki_cds", "cooc_twitter_cds"):
    rows.append(("%s: cooccurrence w=2, rows < 2000" % c, best(c, "t_cooc")))
    rows.append(("%s: PPMI block 2000x2000" % c, best(c, "t_ppmi")))
    rows.append(("%s: singular values" % c, best(c, "t_svd")))
rows += [
    ("open both GloVe files (text parse)", best("t_open_spaces")),
    ("linmap GloVe100 -> Twitter25 (fit + eval)", best("linmap", "t_total")),
    ("linmap Twitter25 -> GloVe100 (fit + eval)", best("linmap_reverse", "t_total")),
    ("analogy benchmark + error, GloVe100 50k", best("anerr_a", "t_eval")),
    ("analogy benchmark + error, Twitter25 12k", best("anerr_b", "t_eval")),
]
for name, t in rows:
    print("%-48s %8.1f ms" % (name, t * 1000))
PY
