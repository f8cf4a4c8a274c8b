#!/usr/bin/python3
"""tests/mapdirs/check.py: the map directives ({dbscan}, {projection},
{tsne}) through `vecdoc run` on real GloVe words, against scikit-learn.

usage: check.py VECDOC SITE GLOVE.txt
Prints "ok NAME" or "FAIL NAME: why" lines (and "SKIP: why"); the suite
counts them.
"""
import json
import subprocess
import sys

import numpy as np

VECDOC, SITE, GLOVE = sys.argv[1:4]

try:
    from sklearn.cluster import DBSCAN
    from sklearn.decomposition import PCA, TruncatedSVD
    from sklearn.manifold import TSNE
    from sklearn.metrics import adjusted_rand_score
except ImportError:
    print("SKIP: /usr/bin/python3 lacks sklearn")
    sys.exit(0)

# A themed list a reader can judge: fruit, tools, countries, emotions.
GROUPS = [
    ("fruit", "apple banana cherry grape lemon mango orange peach pear "
     "plum strawberry melon"),
    ("tools", "hammer screwdriver wrench saw drill chisel shovel "
     "axe rake"),
    ("countries", "france germany italy spain japan china india brazil "
     "canada mexico egypt kenya"),
    ("emotions", "happy sad angry afraid joy anger fear sadness love "
     "hate surprise disgust"),
]
TOP = 800


def load(words):
    """Rows of GloVe for the given words (and the first TOP rows)."""
    want = set(words)
    vec, top = {}, []
    with open(GLOVE, encoding="utf-8") as f:
        for i, line in enumerate(f):
            p = line.rstrip("\n").split(" ")
            if i < TOP:
                top.append((p[0], np.array(p[1:], dtype=np.float32)))
            if p[0] in want:
                vec[p[0]] = np.array(p[1:], dtype=np.float32)
            if i >= TOP and len(vec) == len(want):
                break
    return vec, top


def run(name, *args, body=None):
    cmd = [VECDOC, "run", "-C", SITE, name] + list(args)
    if body is not None:
        cmd += ["--body", body]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip())
    return json.loads(out.stdout)


def table(res, name):
    for it in res["items"]:
        if it.get("table") == name:
            return it["columns"], it["rows"]
    raise KeyError(name)


def chart_points(res):
    """word -> (x, y, series name) from the result's map."""
    pts = {}
    for it in res["items"]:
        if "chart" in it:
            for s in it["chart"]["series"]:
                for x, y, l in zip(s["x"], s["y"], s["labels"]):
                    pts[l] = (x, y, s["name"])
    return pts


def check(name, cond, why=""):
    print(("ok " + name) if cond else ("FAIL %s: %s" % (name, why)))


allw = " ".join(w for _, ws in GROUPS for w in ws.split()).split()
vec, top = load(allw)
missing = [w for w in allw if w not in vec]
if missing:
    print("FAIL words missing from GloVe: %s" % missing)
    sys.exit(0)
X = np.stack([vec[w] for w in allw])
gl = [g for g, ws in GROUPS for _ in ws.split()]
body = "\n".join("%s: %s" % (g, ws) for g, ws in GROUPS)

# DBSCAN, cosine, raw vectors: sklearn's labels exactly, and the ARI.
for eps, ms in ((0.45, 3), (0.55, 2), (0.35, 2)):
    res = run("dbscan", "--space", "glove", "--groups", "--eps", str(eps),
              "--min-samples", str(ms), body=body)
    _, rows = table(res, "dbscan-words")
    got = [r[2] for r in rows]
    want = DBSCAN(eps=eps, min_samples=ms, metric="cosine").fit(X).labels_
    check("dbscan cosine eps %g: labels as sklearn" % eps,
          got == list(want), "%s vs %s" % (got, list(want)))
    _, srow = table(res, "dbscan")
    ari = adjusted_rand_score(gl, want)
    check("dbscan cosine eps %g: ARI as sklearn" % eps,
          abs(srow[0][9] - ari) < 1e-12, "%r vs %r" % (srow[0][9], ari))
    ncl = len(set(want)) - (1 if -1 in want else 0)
    check("dbscan cosine eps %g: counts" % eps,
          srow[0][6] == ncl and srow[0][7] == int((want == -1).sum()),
          "%s" % srow[0])

# DBSCAN, Euclidean, the first TOP rows of the space.
T = np.stack([v for _, v in top])
res = run("dbscan", "--space", "glove", "--top", str(TOP), "--eps", "3.2",
          "--min-samples", "4", "--metric", "euclidean", "--rows", str(TOP))
_, rows = table(res, "dbscan-words")
want = DBSCAN(eps=3.2, min_samples=4).fit(T).labels_
check("dbscan euclidean top %d: labels as sklearn" % TOP,
      [r[2] for r in rows] == list(want) and len(set(want)) > 2,
      "%d differ" % sum(a != b for a, b in zip([r[2] for r in rows], want)))

# PCA and truncated SVD: variance ratios and coordinates (up to sign).
for centred in ("true", "false"):
    res = run("projection", "--space", "glove", "--groups", "--centred",
              centred, "--components", "5", body=body)
    _, var = table(res, "projection-variance")
    _, words = table(res, "projection-words")
    if centred == "true":
        m = PCA(n_components=5, svd_solver="full").fit(X.astype(np.float64))
    else:
        m = TruncatedSVD(n_components=5, algorithm="arpack").fit(
            X.astype(np.float64))
    ratio = m.explained_variance_ratio_
    got = np.array([r[1] for r in var]) / 100
    check("projection centred=%s: variance ratios" % centred,
          np.allclose(got, ratio, rtol=1e-4, atol=1e-6),
          "%s vs %s" % (got, ratio))
    Y = m.transform(X.astype(np.float64))[:, :2]
    G = np.array([[r[2], r[3]] for r in words])
    ok = all(np.allclose(G[:, j], Y[:, j], atol=1e-3) or
             np.allclose(G[:, j], -Y[:, j], atol=1e-3) for j in range(2))
    check("projection centred=%s: coordinates" % centred, ok,
          "max diff %g" % min(np.abs(G - Y).max(), np.abs(G + Y).max()))
    _, s = table(res, "projection")
    mean = X.astype(np.float64).mean(0)
    c1 = m.components_[0]
    cosm = abs(c1 @ mean) / np.linalg.norm(c1) / np.linalg.norm(mean)
    check("projection centred=%s: |cos(direction 1, mean)|" % centred,
          abs(s[0][6] - cosm) < 1e-4, "%r vs %r" % (s[0][6], cosm))
    r = np.corrcoef(Y[:, 0], np.linalg.norm(X.astype(np.float64), axis=1))
    check("projection centred=%s: r(coordinate 1, length)" % centred,
          abs(abs(s[0][7]) - abs(r[0, 1])) < 1e-4,
          "%r vs %r" % (s[0][7], r[0, 1]))

# t-SNE: final KL close to sklearn's (its Barnes-Hut, same perplexity;
# on 46 words the two optimisations land within 10 % of each other).
for perp in (5, 15):
    res = run("tsne", "--space", "glove", "--groups", "--perplexity",
              str(perp), body=body)
    _, s = table(res, "tsne")
    kl = s[0][6]
    sk = TSNE(perplexity=perp, init="pca", learning_rate="auto",
              random_state=0).fit(X)
    check("tsne perplexity %d: KL within 10%% of sklearn's (%.4f vs %.4f)"
          % (perp, kl, sk.kl_divergence_), kl <= 1.10 * sk.kl_divergence_,
          "%r vs %r" % (kl, sk.kl_divergence_))
    check("tsne perplexity %d: finite, every word placed" % perp,
          len(chart_points(res)) == len(allw) and all(
              np.isfinite(v[0]) and np.isfinite(v[1])
              for v in chart_points(res).values()), "")

# DBSCAN on the t-SNE map: the labels sklearn gives on those coordinates.
res = run("dbscan", "--space", "glove", "--groups", "--on", "tsne",
          "--perplexity", "10", "--eps", "4", "--min-samples", "3",
          body=body)
_, rows = table(res, "dbscan-words")
Y = np.array([[r[3], r[4]] for r in rows], dtype=np.float32)
want = DBSCAN(eps=4, min_samples=3).fit(Y).labels_
check("dbscan on the t-SNE map: labels as sklearn on its coordinates",
      [r[2] for r in rows] == list(want), "%s vs %s" % (
          [r[2] for r in rows], list(want)))
