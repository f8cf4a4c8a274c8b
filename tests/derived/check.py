"""tests/derived/check.py: derived spaces (random-like, subset, centred,
normalised) checked with numpy, and {similarity-graph} / {semantic-axis}
checked against networkx and numpy, on the real GloVe vectors.

usage: check.py VECDOC DUMP GLOVE_TXT TMPDIR
Prints "ok NAME" or "FAIL NAME: why" per check.
"""
import json
import os
import subprocess
import sys

import numpy as np

VECDOC, DUMP, GLOVE, TMP = sys.argv[1:5]
COURSE = os.path.join(TMP, "course")
os.makedirs(COURSE, exist_ok=True)
CFG = """title: T
language: en
spaces:
  glove:
    path: %s
    format: glove
  glove-random:
    random-like: glove
    seed: 7
  glove-random-8:
    random-like: glove
    seed: 8
  glove-centred:
    centred: glove
  glove-top:
    subset: glove-centred
    first: 2000
  glove-unit:
    normalised: glove-top
  some:
    subset: glove
    words: [queen, King, paris]
""" % GLOVE
with open(os.path.join(COURSE, "vecdoc.yml"), "w") as f:
    f.write(CFG)
with open(os.path.join(COURSE, "index.md"), "w") as f:
    f.write("---\ntitle: Home\n---\n\n# Home\n")

failed = 0


def ok(name, cond, why=""):
    global failed
    if cond:
        print("ok " + name)
    else:
        failed += 1
        print("FAIL %s: %s" % (name, why))


def load(path):
    words, rows = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split(" ")
            words.append(p[0])
            rows.append([float(v) for v in p[1:]])
    return words, np.array(rows, dtype=np.float32)


def dump(name):
    out = os.path.join(TMP, name + ".txt")
    r = subprocess.run([DUMP, COURSE, name, out], capture_output=True,
                       text=True)
    if r.returncode != 0:
        raise SystemExit("dump %s failed: %s" % (name, r.stderr))
    return load(out)


bw, B = dump("glove")
B64 = B.astype(np.float64)
bn = np.linalg.norm(B64, axis=1)

# random-like: same words, same shape, same row norms, directions that
# owe nothing to the base.
rw, R = dump("glove-random")
rn = np.linalg.norm(R.astype(np.float64), axis=1)
ok("random-like vocabulary", rw == bw, "words differ")
ok("random-like shape", R.shape == B.shape, str(R.shape))
rel = np.max(np.abs(rn - bn) / np.maximum(bn, 1e-30))
ok("random-like row norms within 1e-6", rel < 1e-6, "max rel %g" % rel)
cos = np.sum(R.astype(np.float64) * B64, axis=1) / (rn * bn)
ok("random-like directions unrelated to the base",
   abs(cos.mean()) < 0.01 and np.abs(cos).max() < 0.6,
   "mean %g max %g" % (cos.mean(), np.abs(cos).max()))
# the components of unit directions: mean 0, variance 1/d
U = R.astype(np.float64) / rn[:, None]
ok("random-like components ~ N(0, 1/d)",
   abs(U.mean()) < 1e-3 and abs(U.var() * U.shape[1] - 1) < 0.01,
   "mean %g var*d %g" % (U.mean(), U.var() * U.shape[1]))
_, R2 = dump("glove-random")
ok("random-like deterministic", np.array_equal(R, R2), "two runs differ")
_, R8 = dump("glove-random-8")
ok("random-like seed matters", not np.array_equal(R, R8), "seeds 7, 8 same")

# centred
cw, C = dump("glove-centred")
mu = C.astype(np.float64).mean(axis=0)
ok("centred vocabulary", cw == bw, "words differ")
ok("centred column means ~ 0", np.abs(mu).max() < 1e-5,
   "max |mean| %g" % np.abs(mu).max())
ref = (B64 - B64.mean(axis=0)).astype(np.float32)
ok("centred = base - mean (numpy)", np.abs(C - ref).max() < 1e-6,
   "max diff %g" % np.abs(C - ref).max())

# subset of a derived space, then normalised
tw, T = dump("glove-top")
ok("subset first rows", tw == bw[:2000] and np.array_equal(T, C[:2000]),
   "rows differ")
uw, Un = dump("glove-unit")
un = np.linalg.norm(Un.astype(np.float64), axis=1)
ok("normalised rows of unit length", np.abs(un - 1).max() < 1e-6,
   "max |norm - 1| %g" % np.abs(un - 1).max())
refu = (T.astype(np.float64) /
        np.linalg.norm(T.astype(np.float64), axis=1)[:, None])
ok("normalised = rows / norms (numpy)", np.abs(Un - refu).max() < 1e-7,
   "max diff %g" % np.abs(Un - refu).max())
sw, S = dump("some")
idx = [bw.index(w) for w in ["queen", "king", "paris"]]
ok("subset by words (case folded)",
   sw == ["queen", "king", "paris"] and np.array_equal(S, B[idx]), str(sw))


def run(*args):
    r = subprocess.run([VECDOC, "run", "-C", COURSE] + list(args),
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit("vecdoc run %s failed: %s" % (args, r.stderr))
    return json.loads(r.stdout)


def table(res, name):
    for it in res["items"]:
        if it.get("table") == name:
            return it
    raise KeyError(name)


def summary(res):
    t = table(res, "summary")
    assert len(t["rows"]) == 1
    return dict(zip(t["columns"], t["rows"][0]))


import networkx as nx  # noqa: E402

WORDS = ("cat dog horse cow pig sheep mouse rabbit lion tiger "
         "paris london berlin rome madrid tokyo moscow vienna "
         "red green blue yellow black white purple orange "
         "apple banana cherry grape lemon mango peach "
         "car truck bus train bicycle plane boat ship "
         "doctor nurse teacher lawyer engineer farmer soldier").split()
ids = [bw.index(w) for w in WORDS]
X = B64[ids]
Xn = X / np.linalg.norm(X, axis=1)[:, None]
COS = Xn @ Xn.T


def nx_graph(edges):
    G = nx.Graph()
    G.add_nodes_from(range(len(WORDS)))
    for i, j, w in edges:
        G.add_edge(i, j, weight=w)
    return G


def check_graph(tag, res, G):
    s = summary(res)
    nodes = {r[0]: r for r in table(res, "nodes")["rows"]}
    ok(tag + " edges vs networkx", s["edges"] == G.number_of_edges(),
       "%s vs %s" % (s["edges"], G.number_of_edges()))
    ncc = nx.number_connected_components(G)
    ok(tag + " components vs networkx", s["components"] == ncc,
       "%s vs %s" % (s["components"], ncc))
    big = max(len(c) for c in nx.connected_components(G))
    ok(tag + " largest component", s["largest component"] == big,
       "%s vs %s" % (s["largest component"], big))
    ac = nx.average_clustering(G)
    ok(tag + " clustering vs networkx", abs(s["clustering"] - ac) < 1e-9,
       "%s vs %s" % (s["clustering"], ac))
    degs = all(nodes[w][1] == G.degree(i) for i, w in enumerate(WORDS))
    ok(tag + " degrees vs networkx", degs, "a degree differs")
    lc = all(abs(nodes[w][4] - nx.clustering(G, i)) < 1e-9
             for i, w in enumerate(WORDS))
    ok(tag + " per-word clustering vs networkx", lc, "differs")
    if G.number_of_edges() == 0:
        return
    comm = {}
    for i, w in enumerate(WORDS):
        comm.setdefault(nodes[w][2], set()).add(i)
    q = nx.community.modularity(G, list(comm.values()), weight="weight")
    ok(tag + " modularity of its communities (networkx)",
       abs(s["modularity"] - q) < 1e-7, "%s vs %s" % (s["modularity"], q))
    qn = max(nx.community.modularity(
        G, nx.community.louvain_communities(G, weight="weight", seed=sd),
        weight="weight") for sd in range(8))
    ok(tag + " Louvain modularity not below networkx's (best of 8)",
       s["modularity"] >= qn - 0.01, "%s vs %s" % (s["modularity"], qn))
    print("%s: %d edges, modularity %.4f (networkx best of 8: %.4f)"
          % (tag, s["edges"], s["modularity"], qn))


# threshold graph
t = 0.55
edges = [(i, j, float(np.float32(COS[i, j])))
         for i in range(len(WORDS)) for j in range(i + 1, len(WORDS))
         if COS[i, j] >= t]
res = run("similarity-graph", "--space", "glove", "--threshold", str(t),
          "--tries", "8", "--nodes", "100", "--body", " ".join(WORDS))
check_graph("threshold 0.55", res, nx_graph(edges))
ok("threshold graph drawn", any(it.get("chart") for it in res["items"])
   or any("kind" in it for it in res["items"]), "no chart")

# mutual k-NN graph (ties by lower index, self excluded, cosine > 0)
k = 4
n = len(WORDS)
near = []
for i in range(n):
    order = sorted((j for j in range(n) if j != i),
                   key=lambda j: (-COS[i, j], j))
    near.append(set(order[:k]))
edges = [(i, j, float(COS[i, j])) for i in range(n) for j in range(i + 1, n)
         if j in near[i] and i in near[j] and COS[i, j] > 0]
res = run("similarity-graph", "--space", "glove", "--mutual-knn", str(k),
          "--tries", "8", "--nodes", "100", "--body", " ".join(WORDS))
check_graph("mutual 4-NN", res, nx_graph(edges))

# no edges at all: a labelled empty result, no chart
res = run("similarity-graph", "--space", "glove", "--threshold", "0.99",
          "--body", " ".join(WORDS))
s = summary(res)
ok("no edges: labelled empty result",
   s["edges"] == 0 and s["components"] == n and s["communities"] == n and
   s["modularity"] == 0 and
   [it.get("table") for it in res["items"]] == ["summary", "nodes"],
   json.dumps(res)[:300])

# semantic axis
POS = "man he his king boy father son brother".split()
NEG = "woman she her queen girl mother daughter sister".split()
PROJ = "doctor nurse engineer teacher soldier dancer pilot secretary".split()
U = B64 / bn[:, None]


def rows(ws):
    return np.array([U[bw.index(w)] for w in ws])


def axis(P, N, kind):
    md = P.mean(0) - N.mean(0)
    if kind == "mean-diff":
        a = md
    else:
        _, _, vt = np.linalg.svd(P - N, full_matrices=False)
        a = vt[0] * (1 if vt[0] @ md >= 0 else -1)
    return a / np.linalg.norm(a), np.linalg.norm(md)


def proj(V, a):
    return V @ a / np.linalg.norm(V, axis=1)


for kind in ("mean-diff", "pair-pca"):
    P, N = rows(POS), rows(NEG)
    a, ln = axis(P, N, kind)
    res = run("semantic-axis", "--space", "glove", "--pos", " ".join(POS),
              "--neg", " ".join(NEG), "--method", kind, "--body",
              " ".join(PROJ))
    t = table(res, "summary")
    s = dict(zip(t["columns"], t["rows"][0]))
    ok("axis %s row key" % kind, s["axis"] == "woman .. man", s["axis"])
    pr = {r[0]: r[1] for r in table(res, "projection")["rows"]}
    ref = proj(rows(PROJ), a)
    d = max(abs(pr[w] - ref[i]) for i, w in enumerate(PROJ))
    ok("axis %s projections vs numpy" % kind, d < 1e-6, "max diff %g" % d)
    ok("axis %s length vs numpy" % kind, abs(s["axis length"] - ln) < 1e-6,
       "%s vs %s" % (s["axis length"], ln))
    pa = sa = 0
    for i in range(len(POS)):
        keep = [j for j in range(len(POS)) if j != i]
        ai, _ = axis(P[keep], N[keep], kind)
        pp, pn = P[i] @ ai, N[i] @ ai
        mid = ((P[keep] @ ai).mean() + (N[keep] @ ai).mean()) / 2
        pa += pp > pn
        sa += int(pp > mid) + int(pn < mid)
    pa /= len(POS)
    sa /= 2 * len(POS)
    ok("axis %s held-out pair accuracy vs numpy" % kind,
       abs(s["held-out pair accuracy"] - pa) < 1e-12,
       "%s vs %s" % (s["held-out pair accuracy"], pa))
    ok("axis %s held-out side accuracy vs numpy" % kind,
       abs(s["held-out side accuracy"] - sa) < 1e-12,
       "%s vs %s" % (s["held-out side accuracy"], sa))

# two axes: the second column and the cosine between the axes
POS2 = "big large huge giant".split()
NEG2 = "small little tiny miniature".split()
res = run("semantic-axis", "--space", "glove", "--pos", " ".join(POS),
          "--neg", " ".join(NEG), "--pos2", " ".join(POS2), "--neg2",
          " ".join(NEG2), "--body", " ".join(PROJ))
a1, _ = axis(rows(POS), rows(NEG), "mean-diff")
a2, _ = axis(rows(POS2), rows(NEG2), "mean-diff")
t = table(res, "summary")
s = [dict(zip(t["columns"], r)) for r in t["rows"]]
pr = {r[0]: r[1:] for r in table(res, "projection")["rows"]}
ref2 = proj(rows(PROJ), a2)
ok("two axes: second projections vs numpy",
   max(abs(pr[w][1] - ref2[i]) for i, w in enumerate(PROJ)) < 1e-6, "differ")
ok("two axes: cosine between them vs numpy",
   abs(s[0]["cosine with the other axis"] - a1 @ a2) < 1e-6 and
   s[1]["axis"] == "small .. big",
   "%s vs %s" % (s[0]["cosine with the other axis"], a1 @ a2))
sys.exit(1 if failed else 0)
