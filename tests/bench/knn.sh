#!/bin/sh
# tests/bench/knn.sh: timings of the exact kNN kernel and the analogy
# benchmark against numpy, faiss and gensim (`make bench-knn`). Not a
# test: prints a table of seconds and ratios; never fails on slowness.
# Usage: knn.sh [path/to/kerncheck]
# vecdoc's kernels run one SGEMM per worker thread (one per CPU), so
# OpenBLAS gets OPENBLAS_NUM_THREADS=1 as in vecdoc builds; numpy, faiss
# and gensim get all cores (BENCH_THREADS, default: nproc).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
KC=${1:-$here/../kern/kerncheck}
: "${VECDOC_SHARED:=$here/../../../shared}"
: "${BENCH_THREADS:=$(nproc)}"
export BENCH_THREADS
data="$VECDOC_SHARED/data"
[ -d "$data" ] || { echo "note: no $data, using a random matrix"; data=/nonexistent; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
OPENBLAS_NUM_THREADS=$BENCH_THREADS /usr/bin/python3 "$here/knn_ref.py" "$KC" "$data" "$tmp"
