#!/bin/sh
# tests/bench/maps.sh: timings of the map kernels against their peers in
# the same run (`make bench-maps`): t-SNE on 10,000 GloVe words against
# sklearn.manifold.TSNE (Barnes–Hut, its default), t-SNE on 100,000
# points alone, cosine DBSCAN on 10,000 words against sklearn (brute),
# and a similarity graph of 2,000 words (build, Louvain, layout) against
# networkx (spring_layout + louvain_communities). Not a test: prints
# seconds, ratios and quality figures; never fails on slowness.
# Usage: maps.sh [path/to/mapcheck]
# vecdoc's kernels run BENCH_THREADS workers (default: nproc) with
# OPENBLAS_NUM_THREADS=1; sklearn and networkx get all cores. The 10k
# t-SNE comparison is BENCH_MAPS_RUNS alternating rounds (default 2),
# the best time of each tool kept.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
MC=${1:-$here/../maps/mapcheck}
: "${VECDOC_SHARED:=$here/../../../shared}"
: "${BENCH_THREADS:=$(nproc)}"
export BENCH_THREADS
data="$VECDOC_SHARED/data"
[ -f "$data/glove.6B.100d.top50k.txt" ] || {
	echo "bench-maps: needs $data/glove.6B.100d.top50k.txt"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 "$here/maps_ref.py" "$MC" "$data" "$tmp"
