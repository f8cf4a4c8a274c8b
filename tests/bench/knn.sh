#!/bin/sh
# tests/bench/knn.sh: timings of the exact kNN kernel and the analogy
# benchmark against numpy, faiss and gensim (`make bench-knn`). Not a
# test: prints a table of seconds and ratios; never fails on slowness.
# Usage: knn.sh [path/to/kerncheck]   (OPENBLAS_NUM_THREADS defaults to 2)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
KC=${1:-$here/../kern/kerncheck}
: "${VECDOC_SHARED:=$here/../../../shared}"
: "${OPENBLAS_NUM_THREADS:=2}"
export OPENBLAS_NUM_THREADS
data="$VECDOC_SHARED/data"
[ -d "$data" ] || { echo "note: no $data, using a random matrix"; data=/nonexistent; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 "$here/knn_ref.py" "$KC" "$data" "$tmp"
