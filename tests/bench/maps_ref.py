#!/usr/bin/python3
# tests/bench/maps_ref.py MAPCHECK DATA TMP: the body of `make
# bench-maps` (see tests/bench/maps.sh). Each peer runs in this process;
# vecdoc's kernels run through tests/maps/mapcheck, which times itself
# (process start and file reading excluded on both sides).
import os
import resource
import subprocess
import sys
import time

import numpy as np

MC, DATA, TMP = sys.argv[1:4]
W = int(os.environ.get("BENCH_THREADS", os.cpu_count()))
SKIP_SK = os.environ.get("BENCH_MAPS_NO_SKLEARN_TSNE") is not None
# BENCH_MAPS_PARTS: a subset of "tsne10k tsne100k dbscan graph"
PARTS = os.environ.get("BENCH_MAPS_PARTS", "tsne10k tsne100k dbscan graph"
                       ).split()
env = dict(os.environ, OPENBLAS_NUM_THREADS="1")


def cpu(who):
    u = resource.getrusage(who)
    return u.ru_utime + u.ru_stime


def mc(*args):
    c0 = cpu(resource.RUSAGE_CHILDREN)
    r = subprocess.run([MC] + [str(a) for a in args], capture_output=True,
                       text=True, env=env)
    if r.returncode != 0:
        sys.exit("mapcheck %s failed: %s" % (args[0], r.stderr))
    d = {"cpu": cpu(resource.RUSAGE_CHILDREN) - c0}
    for line in r.stdout.splitlines():
        p = line.split()
        if len(p) == 2:
            try:
                d[p[0]] = float(p[1])
            except ValueError:
                pass
    return d, r.stdout


rows = []
with open(os.path.join(DATA, "glove.6B.100d.top50k.txt"),
          encoding="utf-8") as f:
    for line in f:
        rows.append(np.array(line.rstrip("\n").split(" ")[1:],
                             dtype=np.float32))
X = np.stack(rows)
X[:10000].tofile(os.path.join(TMP, "g10k.f32"))
X[:2000].tofile(os.path.join(TMP, "g2k.f32"))
# 100,000 points: the 50,000 GloVe words and a jittered copy of each
# (Gaussian noise of 0.15 × each coordinate's std): GloVe-like geometry
# with twice the points; the shared data has no 100k-word 100-d space.
rng = np.random.default_rng(0)
J = X + rng.normal(0, 1, X.shape).astype(np.float32) * 0.15 * X.std(0)
np.concatenate([X, J]).tofile(os.path.join(TMP, "g100k.f32"))
print("bench-maps: %d vecdoc workers; sklearn %s, networkx %s" % (
    W, __import__("sklearn").__version__, __import__("networkx").__version__))
out = []

# ---- t-SNE, 10,000 words ----
yp = os.path.join(TMP, "y.f64")
if "tsne10k" in PARTS:
    # BENCH_MAPS_RUNS rounds (default 2), vecdoc then sklearn in each, the
    # best time of each tool kept: the machine's speed drifts by 20% and
    # more between minutes, and alternating rounds share the drift fairly.
    runs = int(os.environ.get("BENCH_MAPS_RUNS", "2"))
    best = None
    skbest = None
    for rnd in range(runs):
        d, _ = mc("tsne", os.path.join(TMP, "g10k.f32"), 100, "auto", W, yp)
        if best is None or d["secs"] < best["secs"]:
            best = d
        if not SKIP_SK:
            from sklearn.manifold import TSNE
            t0 = time.perf_counter()
            c0 = cpu(resource.RUSAGE_SELF)
            t = TSNE(init="pca", learning_rate="auto", random_state=0)
            Y = t.fit_transform(X[:10000])
            sk = time.perf_counter() - t0
            skcpu = cpu(resource.RUSAGE_SELF) - c0
            if skbest is None or sk < skbest[0]:
                skbest = (sk, skcpu, t.kl_divergence_, Y)
    d = best
    pres = mc("preserve", os.path.join(TMP, "g10k.f32"), 100, yp, 10)[1]
    print("t-SNE 10k  vecdoc: %.2f s (affinities %.2f s; CPU %.2f s), KL %.4f, "
          "10-NN kept %s (best of %d)" % (d["secs"], d["secs_affinity"],
                                          d["cpu"], d["kl"], pres.strip(),
                                          runs))
    if not SKIP_SK:
        sk, skcpu, skkl, Y = skbest
        Y.astype(np.float64).tofile(os.path.join(TMP, "sk.f64"))
        skpres = mc("preserve", os.path.join(TMP, "g10k.f32"), 100,
                    os.path.join(TMP, "sk.f64"), 10)[1]
        print("t-SNE 10k  sklearn: %.2f s (CPU %.2f s), KL %.4f, 10-NN kept %s"
              " (best of %d)" % (sk, skcpu, skkl, skpres.strip(), runs))
        out.append("t-SNE 10k: %.1fx faster than sklearn (CPU time: %.1fx), "
                   "KL ratio %.3f" % (sk / d["secs"], skcpu / d["cpu"],
                                      d["kl"] / skkl))

# ---- t-SNE, 100,000 points ----
if "tsne100k" in PARTS:
    d, _ = mc("tsne", os.path.join(TMP, "g100k.f32"), 100, "auto", W, yp)
    print("t-SNE 100k vecdoc: %.2f s (affinities %.2f s; CPU %.2f s), KL %.4f"
          % (d["secs"], d["secs_affinity"], d["cpu"], d["kl"]))
    out.append("t-SNE 100k: %.1f s (CPU %.1f s)" % (d["secs"], d["cpu"]))

# ---- DBSCAN, cosine, 10,000 words ----
if "dbscan" in PARTS:
    from sklearn.cluster import DBSCAN
    d, txt = mc("dbscan", os.path.join(TMP, "g10k.f32"), 100, "cosine", 0.3,
                5, W)
    lab = np.array([int(v) for v in txt.split("\n") if v and
                    not v.startswith("secs")])
    t0 = time.perf_counter()
    ref = DBSCAN(eps=0.3, min_samples=5, metric="cosine", algorithm="brute",
                 n_jobs=-1).fit(X[:10000]).labels_
    sk = time.perf_counter() - t0
    same = np.array_equal(lab, ref)
    print("DBSCAN 10k vecdoc: %.3f s, sklearn (brute): %.3f s; %d clusters; "
          "labels %s" % (d["secs"], sk, ref.max() + 1,
                         "identical" if same else "DIFFER"))
    out.append("DBSCAN 10k: %.1fx faster than sklearn, labels %s" % (
        sk / d["secs"], "identical" if same else "DIFFER"))

# ---- similarity graph, 2,000 words ----
if "graph" in PARTS:
    import networkx as nx
    ep = os.path.join(TMP, "edges.txt")
    d, txt = mc("graph", os.path.join(TMP, "g2k.f32"), 100, "threshold", 0.65,
                0, W, ep)
    ours = d["secs_build"] + d["secs_louvain"] + d["secs_layout"]
    E = np.loadtxt(ep, ndmin=2)
    G = nx.Graph()
    G.add_nodes_from(range(2000))
    G.add_weighted_edges_from((int(a), int(b), w) for a, b, w in E)
    t0 = time.perf_counter()
    nx.spring_layout(G, seed=0)
    t1 = time.perf_counter()
    comm = nx.community.louvain_communities(G, seed=0)
    t2 = time.perf_counter()
    q = nx.community.modularity(G, comm)
    print("graph 2k (%d edges) vecdoc: build %.3f s + Louvain (8 seeds) %.3f s "
          "+ layout %.3f s = %.3f s, modularity %.4f" % (
              len(E), d["secs_build"], d["secs_louvain"], d["secs_layout"],
              ours, d["modularity"]))
    print("graph 2k networkx: spring_layout %.3f s + louvain %.3f s = %.3f s "
          "(graph given), modularity %.4f" % (t1 - t0, t2 - t1, t2 - t0, q))
    out.append("graph 2k: %.1fx faster than networkx, modularity %.4f vs %.4f"
               % ((t2 - t0) / ours, d["modularity"], q))
print("summary:")
for line in out:
    print("  " + line)
