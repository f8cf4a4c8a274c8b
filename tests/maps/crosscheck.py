#!/usr/bin/python3
# tests/maps/crosscheck.py MAPCHECK DATA_DIR TMP: runs the map kernels
# through tests/maps/mapcheck on the first words of the real GloVe
# 100-d vectors and compares them with scikit-learn and networkx
# (Debian's python3-sklearn, python3-networkx). Prints "ok NAME",
# "FAIL NAME: why" or "SKIP: why" lines for tests/maps/suite.sh.
import hashlib
import json
import os
import subprocess
import sys

import numpy as np

MC, DATA, TMP = sys.argv[1:4]
CACHE = os.environ.get("MAPS_CACHE", TMP)
GLOVE = os.path.join(DATA, "glove.6B.100d.top50k.txt")


def ok(name):
    print("ok " + name)


def bad(name, why):
    print("FAIL %s: %s" % (name, why))


def check(name, cond, why=""):
    if cond:
        ok(name)
    else:
        bad(name, why)


def run(*args):
    r = subprocess.run([MC] + [str(a) for a in args], capture_output=True,
                       text=True)
    return r.returncode, r.stdout, r.stderr


def kv(out):
    d = {}
    for line in out.splitlines():
        p = line.split()
        if len(p) == 2:
            try:
                d[p[0]] = float(p[1])
            except ValueError:
                pass
    return d


def load(n):
    words, rows = [], []
    with open(GLOVE, encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split(" ")
            words.append(p[0])
            rows.append(np.array(p[1:], dtype=np.float32))
            if len(rows) == n:
                break
    return words, np.stack(rows)


def mat(x, name):
    path = os.path.join(TMP, name)
    np.ascontiguousarray(x, dtype=np.float32).tofile(path)
    return path


def cached(key, fn):
    """fn() once per input digest; the JSON result kept in CACHE."""
    path = os.path.join(CACHE, "maps-%s.json" % key)
    if os.path.exists(path):
        with open(path) as f:
            return json.load(f)
    v = fn()
    os.makedirs(CACHE, exist_ok=True)
    with open(path, "w") as f:
        json.dump(v, f)
    return v


if not os.path.exists(GLOVE):
    print("SKIP: no %s" % GLOVE)
    sys.exit(0)
try:
    import sklearn
    from sklearn.cluster import DBSCAN
    from sklearn.decomposition import PCA, TruncatedSVD
    from sklearn.manifold import TSNE
except ImportError:
    sklearn = None
    print("SKIP: /usr/bin/python3 lacks scikit-learn (python3-sklearn)")
try:
    import networkx as nx
except ImportError:
    nx = None
    print("SKIP: /usr/bin/python3 lacks networkx (python3-networkx)")

words, X = load(3000)
ix = {w: i for i, w in enumerate(words)}
p3000 = mat(X, "g3000.f32")
p1000 = mat(X[:1000], "g1000.f32")

# ---- DBSCAN: labels identical to sklearn's ----
if sklearn is not None:
    for metric, eps in (("cosine", 0.3), ("euclidean", 4.0)):
        rc, out, err = run("dbscan", p3000, 100, metric, eps, 5)
        lab = np.array([int(v) for v in out.split("\n")
                        if v and not v.startswith("secs")])
        ref = DBSCAN(eps=eps, min_samples=5, metric=metric,
                     algorithm="brute").fit(X).labels_
        check("dbscan-%s-labels" % metric, rc == 0 and
              np.array_equal(lab, ref), "rc %d, %d labels differ (%d "
              "clusters vs %d)" % (rc, int(np.sum(lab != ref)) if
                                   len(lab) == len(ref) else -1,
                                   lab.max() + 1 if len(lab) else -1,
                                   ref.max() + 1))
        check("dbscan-%s-clusters" % metric, ref.max() >= 1,
              "the reference found %d clusters" % (ref.max() + 1))

# ---- projections: PCA and TruncatedSVD ----
if sklearn is not None:
    for centred in (True, False):
        name = "centred" if centred else "uncentred"
        out_path = os.path.join(TMP, "proj.f32")
        rc, out, err = run("proj", p3000, 100, 2, name, out_path)
        ratios = [float(v) for v in out.split()]
        Y = np.fromfile(out_path, dtype=np.float32).reshape(-1, 2)
        if centred:
            m = PCA(n_components=2, svd_solver="full").fit(X)
        else:
            m = TruncatedSVD(n_components=2, algorithm="arpack").fit(X)
        R = m.transform(X)
        check("proj-%s-ratio" % name, rc == 0 and np.allclose(
            ratios, m.explained_variance_ratio_, rtol=1e-4, atol=1e-6),
            "%s vs %s" % (ratios, list(m.explained_variance_ratio_)))
        diff = max(np.abs(np.abs(Y[:, k]) - np.abs(R[:, k])).max()
                   for k in range(2))
        check("proj-%s-coords" % name, diff < 1e-3 * np.abs(R).max(),
              "max |coord| difference %g" % diff)
        # on the projected coordinates, DBSCAN matches sklearn too
        if centred:
            pp = mat(Y, "pca2.f32")
            rc, out, err = run("dbscan", pp, 2, "euclidean", 0.15, 10)
            lab = np.array([int(v) for v in out.split("\n")
                            if v and not v.startswith("secs")])
            ref = DBSCAN(eps=0.15, min_samples=10).fit(Y).labels_
            check("dbscan-projected-labels", np.array_equal(lab, ref),
                  "labels differ")

# ---- semantic axis: numpy reference ----
pairs = [("man", "woman"), ("he", "she"), ("his", "her"), ("boy", "girl"),
         ("king", "queen"), ("father", "mother"), ("son", "daughter"),
         ("brother", "sister"), ("husband", "wife"), ("mr.", "mrs.")]
pairs = [(a, b) for a, b in pairs if a in ix and b in ix]
query = [w for w in ("doctor", "nurse", "engineer", "teacher", "soldier",
                     "dancer", "president", "secretary") if w in ix]
pos = [ix[a] for a, _ in pairs]
neg = [ix[b] for _, b in pairs]
qid = [ix[w] for w in query]
rc, out, err = run("axis", p3000, 100, ",".join(map(str, pos)),
                   ",".join(map(str, neg)), ",".join(map(str, qid)))
U = X.astype(np.float64)
U /= np.linalg.norm(U, axis=1, keepdims=True)


def np_axis(p, n):
    a = U[p].mean(0) - U[n].mean(0)
    return a / np.linalg.norm(a)


a = np_axis(pos, neg)
ref = U[qid] @ a
got = kv(out)
proj = [float(v) for v in out.split("\n")[:len(qid)]]
check("axis-projection", rc == 0 and np.allclose(proj, ref, atol=1e-6),
      "%s vs %s" % (proj, ref))
okp = oks = 0
for i in range(len(pos)):
    p2 = pos[:i] + pos[i + 1:]
    n2 = neg[:i] + neg[i + 1:]
    a2 = np_axis(p2, n2)
    mid = ((U[p2] @ a2).mean() + (U[n2] @ a2).mean()) / 2
    hp, hn = U[pos[i]] @ a2, U[neg[i]] @ a2
    okp += hp > hn
    oks += int(hp > mid) + int(hn < mid)
check("axis-holdout", abs(got.get("pair_acc", -1) - okp / len(pos)) < 1e-6
      and abs(got.get("side_acc", -1) - oks / (2 * len(pos))) < 1e-6,
      "%s vs %g %g" % (got, okp / len(pos), oks / (2 * len(pos))))
# "nurse" leans to the second pole, "engineer" to the first
check("axis-sense", proj[query.index("teacher")] <
      proj[query.index("soldier")], "%s %s" % (query, proj))

# ---- similarity graph: networkx ----
if nx is not None:
    epath = os.path.join(TMP, "edges.txt")
    for kind, param in (("threshold", 0.7), ("knn", 10)):
        rc, out, err = run("graph", p1000, 100, kind, param, 1, 2, epath)
        d = kv(out)
        E = np.loadtxt(epath, ndmin=2) if os.path.getsize(epath) else \
            np.zeros((0, 3))
        G = nx.Graph()
        G.add_nodes_from(range(1000))
        G.add_weighted_edges_from((int(a), int(b), w) for a, b, w in E)
        comm = {}
        for line in out.splitlines():
            if line.startswith("comm "):
                _, i, c = line.split()
                comm.setdefault(int(c), set()).add(int(i))
        if kind == "threshold":
            S = U[:1000].astype(np.float32) @ U[:1000].astype(np.float32).T
            iu = np.triu_indices(1000, 1)
            want = set(zip(*[v[S[iu] >= 0.7] for v in iu]))
            near = set(zip(*[v[np.abs(S[iu] - 0.7) < 1e-5] for v in iu]))
            have = set((int(a), int(b)) for a, b, _ in E)
            check("graph-threshold-edges", (want ^ have) <= near,
                  "%d edges differ" % len(want ^ have))
        else:
            Sk = U[:1000] @ U[:1000].T
            np.fill_diagonal(Sk, -np.inf)
            nn = np.argsort(-Sk, axis=1, kind="stable")[:, :10]
            sets = [set(r) for r in nn]
            want = set((i, j) for i in range(1000) for j in sets[i]
                       if i < j and i in sets[j])
            have = set((int(a), int(b)) for a, b, _ in E)
            check("graph-knn-edges", want == have,
                  "%d edges differ" % len(want ^ have))
        check("graph-%s-components" % kind, rc == 0 and
              d["components"] == nx.number_connected_components(G),
              "%s vs %d" % (d.get("components"),
                            nx.number_connected_components(G)))
        check("graph-%s-clustering" % kind,
              abs(d["clustering"] - nx.average_clustering(G)) < 1e-9,
              "%s vs %s" % (d["clustering"], nx.average_clustering(G)))
        qn = nx.community.modularity(G, list(comm.values()))
        check("graph-%s-modularity-def" % kind,
              abs(qn - d["modularity"]) < 1e-9,
              "ours %s, networkx on our partition %s" % (d["modularity"],
                                                          qn))
        ref = [nx.community.modularity(
            G, nx.community.louvain_communities(G, seed=s))
            for s in range(3)]
        print("graph-%s: modularity %.4f, networkx louvain %s" %
              (kind, d["modularity"], " ".join("%.4f" % v for v in ref)))
        # Louvain is randomised on both sides: networkx's own spread over
        # 3 seeds is ~0.004 here; ours (best of 8 seeds) must reach
        # networkx's median within 0.001
        check("graph-%s-louvain" % kind, d["modularity"] >=
              sorted(ref)[1] - 1e-3, "ours %.6f < networkx (median) %s" %
              (d["modularity"], ref))
        check("graph-%s-layout-deterministic" % kind,
              d["layout_same"] == 1)
        check("graph-%s-layout-sane" % kind, d["edge_ratio"] < 0.6,
              "edge length / pair distance %s" % d["edge_ratio"])

# ---- t-SNE: KL and neighbourhoods against sklearn ----
if sklearn is not None:
    def sk_tsne():
        t = TSNE(n_components=2, init="pca", learning_rate="auto",
                 random_state=0)
        Y = t.fit_transform(X[:1000])
        return {"kl": float(t.kl_divergence_), "y": Y.astype(float).tolist()}
    key = hashlib.sha256(X[:1000].tobytes() + sklearn.__version__.encode()
                         ).hexdigest()[:16]
    ref = cached("tsne-" + key, sk_tsne)
    skp = os.path.join(TMP, "sk.f64")
    np.array(ref["y"], dtype=np.float64).tofile(skp)
    rc, out, err = run("preserve", p1000, 100, skp, 10)
    sk_pres = float(out) if rc == 0 else -1
    for method in ("auto", "fft"):
        yp = os.path.join(TMP, "y.f64")
        rc, out, err = run("tsne", p1000, 100, method, 2, yp)
        d = kv(out)
        rc2, out2, err2 = run("preserve", p1000, 100, yp, 10)
        pres = float(out2) if rc2 == 0 else -1
        print("tsne-%s: KL %.4f (sklearn %.4f), 10-NN kept %.3f (sklearn "
              "%.3f)" % (method, d.get("kl", -1), ref["kl"], pres, sk_pres))
        # t-SNE is chaotic: on these 1000 words a change of rounding
        # alone moves the final KL between 1.485 and 1.567 (sklearn:
        # 1.481 here, 1.501 in another run); the exact gradient must be
        # within 5%, the FFT-interpolated one within 8%
        check("tsne-%s-kl" % method, rc == 0 and
              d["kl"] <= (1.05 if method == "auto" else 1.08) * ref["kl"],
              "%s vs sklearn %s" % (d.get("kl"), ref["kl"]))
        check("tsne-%s-neighbours" % method, pres >= 0.95 * sk_pres,
              "%s vs sklearn %s" % (pres, sk_pres))
        y = np.fromfile(yp)
        check("tsne-%s-finite" % method, np.isfinite(y).all() and
              len(y) == 2000)
    # same bytes for 1 and 2 workers (FFT path)
    ya, yb = os.path.join(TMP, "ya.f64"), os.path.join(TMP, "yb.f64")
    run("tsne", p1000, 100, "fft", 1, ya, 30, 300)
    run("tsne", p1000, 100, "fft", 2, yb, 30, 300)
    with open(ya, "rb") as f1, open(yb, "rb") as f2:
        check("tsne-deterministic", f1.read() == f2.read())

# ---- bad input ----
rc, out, err = run("tsne", p1000, 100, "auto", 1, os.path.join(TMP, "z"),
                   1000)
check("bad-perplexity", rc == 2 and "t-SNE: perplexity must be > 0 and "
      "less than the number of points (got 1000 for 1000 points)" in err,
      err)
rc, out, err = run("dbscan", p1000, 100, "cosine", 0, 5)
check("bad-eps", rc == 2 and "dbscan: needs eps > 0" in err, err)
rc, out, err = run("axis", p1000, 100, "1,2", "2,3", "4")
check("bad-overlap", rc == 2 and "axis: word 2 is in both poles" in err, err)
