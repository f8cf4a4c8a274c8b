# tests/positions/check.py: numbers of the position-embedding space kinds
# and of {position-similarity}, {position-curves}, {unembed}, and
# {projection}, {svd-spectrum} and {tsne} on positions, each run
# through `vecdoc run` and recomputed here with numpy (and scikit-learn's
# PCA) from the same float32 data. Prints "ok NAME" or "FAIL NAME: why"
# per check. Usage: check.py VECDOC SITE DATA (DATA may be /nonexistent).
import json
import os
import subprocess
import sys

import numpy as np

vecdoc, site, data = sys.argv[1], sys.argv[2], sys.argv[3]
have_wpe = os.path.exists(os.path.join(data, "transformer/gpt2-wpe.npy"))
have_glove = os.path.exists(os.path.join(data, "glove.6B.100d.top50k.txt"))


def run(name, *args):
    out = subprocess.run([vecdoc, "run", "-C", site, name, *args],
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip())
    return json.loads(out.stdout)


def check(name, ok, why=""):
    print(("ok " + name) if ok else ("FAIL %s: %s" % (name, why)))


def items(r, key):
    return [it[key] for it in r["items"] if key in it]


def series(r, chart):
    for c in items(r, "chart"):
        if c["name"] == chart:
            return {s["name"]: (np.array(s["x"]), np.array(s["y"], dtype=float))
                    for s in c["series"]}
    raise KeyError(chart)


def table(r, name):
    for t in r["items"]:
        if t.get("table") == name:
            return t
    raise KeyError(name)


def sinusoidal(length, dim, base):
    # "Attention is all you need" 3.5, as numpy users write it: the angle
    # in float64, one rounding to float32 at the end.
    pos = np.arange(length, dtype=np.float64)[:, None]
    j = np.arange(dim)
    freq = np.power(float(base), -(j - j % 2) / dim)
    a = pos * freq[None, :]
    pe = np.where(j % 2 == 0, np.sin(a), np.cos(a))
    return pe.astype(np.float32)


# --- sinusoidal values, exactly ------------------------------------------
dims = [0, 1, 2, 3, 100, 101, 500, 766, 767]
for sp, (n, d, b) in (("sin", (1024, 768, 10000)), ("old", (1024, 768, 10000)),
                      ("small", (50, 6, 100))):
    want = sinusoidal(n, d, b)
    ds = [x for x in dims if x < d]
    r = run("position-curves", "--space", sp, "--dims",
            ",".join(str(x) for x in ds))
    s = series(r, "position-curves")
    bad = [x for x in ds if not np.array_equal(
        s["dim %d" % x][1].astype(np.float32), want[:, x])]
    check("sinusoidal %s %dx%d base %d: %d dims × %d positions exact" %
          (sp, n, d, b, len(ds), n), not bad, "dims %s differ" % bad)
    check("sinusoidal %s: positions 0..%d" % (sp, n - 1),
          np.array_equal(s["dim 0"][0], np.arange(n)))

# --- GPT-2 wpe: shape and values -----------------------------------------
if have_wpe:
    W = np.load(os.path.join(data, "transformer/gpt2-wpe.npy"))
    r = run("position-curves", "--space", "wpe", "--dims", "0,1,767,norm")
    check("gpt2-wpe shape", r["provenance"].endswith("1,024 × 768")
          and W.shape == (1024, 768), r["provenance"])
    s = series(r, "position-curves")
    ok = all(np.array_equal(s["dim %d" % x][1].astype(np.float32), W[:, x])
             for x in (0, 1, 767))
    check("gpt2-wpe dims 0, 1, 767 = numpy, all 1024 positions", ok)
    first20 = W.reshape(-1)[:20]
    check("gpt2-wpe first values = numpy (wpe.view(-1)[:2])",
          float(first20[0]) == s["dim 0"][1][0]
          and float(first20[1]) == s["dim 1"][1][0])
    nrm = np.sqrt((W.astype(np.float64) ** 2).sum(axis=1))
    check("gpt2-wpe norms = numpy (1e-12)",
          np.allclose(s["norm"][1], nrm, rtol=1e-12, atol=0))
    t = table(r, "position-curves")
    row = {x[0]: x for x in t["rows"]}["norm"]
    check("gpt2-wpe: norm first/last/argmin/argmax",
          abs(row[1] - nrm[0]) < 1e-12 and abs(row[2] - nrm[-1]) < 1e-12
          and row[4] == int(nrm.argmin()) and row[6] == int(nrm.argmax()),
          str(row))

    # {position-similarity}: the cosine matrix and its means by distance
    U = W.astype(np.float64)
    U /= np.linalg.norm(U, axis=1, keepdims=True)
    G = U @ U.T
    r = run("position-similarity", "--space", "wpe", "--distances",
            "1,2,10,100,500,1000,1023")
    hm = [c for c in items(r, "chart") if c["kind"] == "heatmap"][0]
    cells = np.array(hm["cells"], dtype=float).reshape(hm["rows"], hm["cols"])
    check("position-similarity: 32 × 32 cells of every 32nd position",
          hm["rows"] == 32 and hm["collabels"][1] == "32"
          and np.allclose(cells, G[::32, ::32], rtol=0, atol=1e-12))
    means = np.array([np.diagonal(G, k).mean() for k in range(1024)])
    s = series(r, "position-similarity-distance")["mean cosine"]
    check("position-similarity: mean cosine by distance 1..1023 (1e-12)",
          np.array_equal(s[0], np.arange(1, 1024))
          and np.allclose(s[1], means[1:], rtol=0, atol=1e-12))
    t = table(r, "position-similarity")
    ok = len(t["rows"]) == 7
    for row in t["rows"]:
        k = row[0]
        dg = np.diagonal(G, k)
        ok = ok and abs(row[1] - dg.mean()) < 1e-12 and \
            abs(row[2] - dg.min()) < 1e-12 and \
            abs(row[3] - dg.max()) < 1e-12 and row[4] == 1024 - k
    check("position-similarity table: mean/min/max/pairs at 7 distances", ok,
          str(t["rows"][:2]))
    sc = t.get("scalars", {})
    kmin = 1 + int(np.argmin(means[1:]))
    check("position-similarity: lowest mean cosine and its distance",
          abs(sc.get("lowest-mean-cosine", 9) - means[kmin]) < 1e-12
          and sc.get("lowest-mean-distance") == kmin, str(sc))
    r = run("position-similarity", "--space", "wpe", "--from", "1", "--to",
            "1022", "--stride", "40", "--distances", "1,100")
    t = table(r, "position-similarity")
    G2 = G[1:1023, 1:1023]
    check("position-similarity :from: 1 :to: 1022 (the outliers left out)",
          abs(t["rows"][0][1] - np.diagonal(G2, 1).mean()) < 1e-12
          and abs(t["rows"][1][1] - np.diagonal(G2, 100).mean()) < 1e-12
          and [c for c in items(r, "chart")
               if c["kind"] == "heatmap"][0]["rows"] == 26, str(t["rows"]))

    # principal components (scikit-learn's PCA, its svd_flip signs)
    try:
        from sklearn.decomposition import PCA
        p = PCA(n_components=3, svd_solver="full").fit(W)
        sc = p.transform(W)
        r = run("position-curves", "--space", "wpe", "--components", "3")
        s = series(r, "position-curves-components")
        t = {x[0]: x for x in table(r, "position-curves")["rows"]}
        ok = True
        for k in range(3):
            y = s["PC %d" % (k + 1)][1]
            # scikit-learn before 1.5 chooses signs from U, vecdoc as
            # 1.5 does from the components: compare up to the sign.
            ok = ok and (np.allclose(y, sc[:, k], rtol=0, atol=2e-4) or
                         np.allclose(y, -sc[:, k], rtol=0, atol=2e-4))
            ok = ok and abs(t["PC %d" % (k + 1)][10] -
                            100 * p.explained_variance_ratio_[k]) < 1e-4
        check("gpt2-wpe: 3 principal components = sklearn PCA (scores "
              "2e-4, variance share 1e-6)", ok,
              "%s vs %s" % ([t["PC %d" % (k + 1)][10] for k in range(3)],
                            100 * p.explained_variance_ratio_))
    except ImportError:
        print("SKIP principal components: no scikit-learn")

    # {projection}, {svd-spectrum} and {tsne} on position spaces: the
    # positions are rows "0".."1023" (:top: 1024 takes them all)
    def pca_check(name, X, space):
        X64 = X.astype(np.float64)
        C = X64 - X64.mean(axis=0)
        u, sv, vt = np.linalg.svd(C, full_matrices=False)
        ev = 100 * sv ** 2 / (sv ** 2).sum()
        r = run("projection", "--space", space, "--top", str(len(X)),
                "--rows", str(len(X)))
        var = [x[1] for x in table(r, "projection-variance")["rows"]]
        pts = table(r, "projection-words")["rows"]
        sc = C @ vt[:2].T
        ok = len(pts) == len(X) and [p[0] for p in pts[:3]] == ["0", "1", "2"]
        for k in range(2):
            y = np.array([p[2 + k] for p in pts], dtype=float)
            ok = ok and (np.allclose(y, sc[:, k], rtol=0, atol=2e-4) or
                         np.allclose(y, -sc[:, k], rtol=0, atol=2e-4))
        check("projection (PCA) of %s: variance shares %.2f, %.2f %% "
              "= numpy 1e-4, coordinates 2e-4 up to sign" % (name, ev[0], ev[1]),
              ok and np.allclose(var, ev[:2], rtol=0, atol=1e-4),
              "%s vs %s" % (var, ev[:3]))
        return ev

    S = sinusoidal(1024, 768, 10000)
    ev = pca_check("gpt2-wpe", W, "wpe")
    # (an earlier note rounded the second to 32.4; numpy says 32.35)
    check("gpt2-wpe: the first three components hold 33.41, 32.35, 24.63 %",
          [round(float(e), 2) for e in ev[:3]] == [33.41, 32.35, 24.63],
          str(ev[:3]))
    pca_check("sinusoidal 1024 × 768", S, "sin")

    r = run("svd-spectrum", "--spaces", "wpe,sin", "--top", "1024",
            "--k", "3")
    sp = series(r, "svd-spectrum")
    t = {x[0]: x for x in table(r, "svd-spectrum")["rows"]}
    ok = True
    for name, X in (("wpe", W), ("sin", S)):
        sv = np.linalg.svd(X.astype(np.float64), compute_uv=False)
        p = sv / sv.sum()
        ent = -(p * np.log(p)).sum()
        ok = ok and np.allclose(sp[name][1], p[:len(sp[name][1])],
                                rtol=0, atol=1e-9)
        ok = ok and abs(t[name][2] - 100 * p[:3].sum()) < 1e-6
        ok = ok and abs(t[name][4] - np.exp(ent)) < 1e-6
    check("svd-spectrum of gpt2-wpe and sinusoidal: σ/Σσ, top-3 share and "
          "effective rank = numpy (1e-9, 1e-6)", ok,
          "%s / %s" % (t["wpe"], t["sin"]))

    r = run("tsne", "--space", "wpe", "--top", "1024", "--rows", "1024")
    tt = table(r, "tsne")["rows"][0]
    xy = np.array([[p[2], p[3]] for p in table(r, "tsne-words")["rows"]])
    X64 = W.astype(np.float64)
    d2 = ((X64[:, None, :] - X64[None, :, :]) ** 2).sum(axis=2)
    e2 = ((xy[:, None, :] - xy[None, :, :]) ** 2).sum(axis=2)
    np.fill_diagonal(d2, np.inf)
    np.fill_diagonal(e2, np.inf)
    a = np.argsort(d2, axis=1, kind="stable")[:, :10]
    b = np.argsort(e2, axis=1, kind="stable")[:, :10]
    kept = np.mean([len(set(a[i]) & set(b[i])) / 10 for i in range(1024)])
    check("tsne of gpt2-wpe's 1024 positions: kNN kept %.1f %% = numpy "
          "from the map's coordinates (0.05)" % (100 * kept),
          len(xy) == 1024 and abs(tt[7] - 100 * kept) < 0.05
          and np.isfinite(tt[6]), "%s vs %.3f" % (tt, 100 * kept))

    # {unembed} on positions: a sum of rows, and a row of another space
    r = run("unembed", "--space", "wpe", "--k", "5", "--temperature", "2",
            "--body", "#5 + #10")
    v = W[5].astype(np.float64) + W[10].astype(np.float64)
    lg = W.astype(np.float64) @ v
    order = np.argsort(-lg, kind="stable")[:5]
    t = table(r, "logits")
    z = (lg - lg.max()) / 2
    pr = np.exp(z) / np.exp(z).sum()
    check("unembed #5 + #10 on gpt2-wpe: top-5 logits and softmax at T=2",
          [x[1] for x in t["rows"]] == [str(i) for i in order]
          and np.allclose([x[2] for x in t["rows"]], lg[order], rtol=1e-12)
          and np.allclose([x[3] for x in t["rows"]], pr[order], rtol=1e-9),
          "%s vs %s" % (t["rows"], order))
    S = sinusoidal(1024, 768, 10000)
    Us = S.astype(np.float64)
    Us /= np.linalg.norm(Us, axis=1, keepdims=True)
    Gs = Us @ Us.T
    ms = np.array([np.diagonal(Gs, k).mean() for k in range(1, 1024)])
    r = run("position-similarity", "--space", "sin", "--heatmap", "false",
            "--distances", "1")
    sc = table(r, "position-similarity").get("scalars", {})
    check("position-similarity on sin: lowest mean cosine (%.4f at %d)"
          % (ms.min(), 1 + int(ms.argmin())),
          abs(sc.get("lowest-mean-cosine", 9) - ms.min()) < 1e-9
          and sc.get("lowest-mean-distance") == 1 + int(ms.argmin()), str(sc))
    r = run("unembed", "--space", "wpe", "--k", "3", "--body",
            "#7 + sin:#7")
    v = W[7].astype(np.float64) + S[7].astype(np.float64)
    cs = (W.astype(np.float64) @ v) / (np.linalg.norm(W.astype(np.float64),
                                                      axis=1) * np.linalg.norm(v))
    order = np.argsort(-cs, kind="stable")[:3]
    t = table(r, "cosine")
    check("unembed #7 + sin:#7 (two spaces of 768 dims): top-3 cosine",
          [x[1] for x in t["rows"]] == [str(i) for i in order]
          and np.allclose([x[2] for x in t["rows"]], cs[order], rtol=1e-12),
          "%s vs %s" % (t["rows"], order))
else:
    print("SKIP gpt2-wpe checks: no transformer/gpt2-wpe.npy in " + data)

# --- {unembed} on GloVe ---------------------------------------------------
if have_glove:
    words, vecs = [], []
    with open(os.path.join(data, "glove.6B.100d.top50k.txt"),
              encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split(" ")
            words.append(p[0])
            vecs.append(np.array(p[1:], dtype=np.float32))
    M = np.vstack(vecs).astype(np.float64)
    ix = {w: i for i, w in enumerate(words)}
    for temp in ("1", "0.5"):
        r = run("unembed", "--space", "glove", "--k", "10", "--temperature",
                temp, "--body", "king - man + woman")
        v = M[ix["king"]] - M[ix["man"]] + M[ix["woman"]]
        lg = M @ v
        z = (lg - lg.max()) / float(temp)
        pr = np.exp(z) / np.exp(z).sum()
        order = np.argsort(-lg, kind="stable")[:10]
        t = table(r, "logits")
        check("unembed king - man + woman on GloVe top50k, T=%s: top-10 "
              "logits and probabilities" % temp,
              [x[1] for x in t["rows"]] == [words[i] for i in order]
              and np.allclose([x[2] for x in t["rows"]], lg[order],
                              rtol=1e-12)
              and np.allclose([x[3] for x in t["rows"]], pr[order],
                              rtol=1e-9, atol=1e-300),
              "%s vs %s" % ([x[1] for x in t["rows"]],
                            [words[i] for i in order]))
    cs = lg / (np.linalg.norm(M, axis=1) * np.linalg.norm(v))
    order = np.argsort(-cs, kind="stable")[:10]
    t = table(r, "cosine")
    check("unembed king - man + woman on GloVe: top-10 cosine",
          [x[1] for x in t["rows"]] == [words[i] for i in order]
          and np.allclose([x[2] for x in t["rows"]], cs[order], rtol=1e-12),
          "%s vs %s" % ([x[1] for x in t["rows"]], [words[i] for i in order]))
    r = run("unembed", "--space", "glove", "--k", "3", "--exclude",
            "--body", "king - man + woman")
    skip = {ix["king"], ix["man"], ix["woman"]}
    order = [i for i in np.argsort(-cs, kind="stable") if i not in skip][:3]
    t = table(r, "cosine")
    check("unembed :exclude: leaves the inputs out",
          [x[1] for x in t["rows"]] == [words[i] for i in order],
          "%s vs %s" % ([x[1] for x in t["rows"]], [words[i] for i in order]))
else:
    print("SKIP GloVe checks: no glove.6B.100d.top50k.txt in " + data)
