#!/usr/bin/python3
"""Cross-checks of src/kern against numpy, scipy and gensim.

Usage: crosscheck.py KERNCHECK DATADIR TMPDIR

Loads the 50k-word GloVe file with numpy (first occurrence of a word
kept, as gensim does), writes it as a raw float32 matrix plus a word list
for tests/kern/kerncheck, runs each kernel there and computes the same
thing here. Prints "ok NAME" or "FAIL NAME: why" per check; the suite
counts them.
"""
import os
import subprocess
import sys

import numpy as np

KC, DATA, TMP = sys.argv[1:4]
GLOVE = os.path.join(DATA, "glove.6B.100d.top50k.txt")
QW = os.path.join(DATA, "questions-words.txt")
fails = 0


def report(name, ok, why=""):
    global fails
    if ok:
        print("ok", name)
    else:
        fails += 1
        print("FAIL %s: %s" % (name, why))


def kc_env(*args, env=None):
    e = dict(os.environ)
    e.update(env or {})
    r = subprocess.run([KC] + [str(a) for a in args], capture_output=True,
                       text=True, env=e)
    if r.returncode != 0:
        raise RuntimeError("kerncheck %s: %s" % (args[0], r.stderr.strip()))
    return r.stdout, r.stderr


def kc(*args, env=None):
    return kc_env(*args, env=env)[0]


def load_glove(path):
    words, vecs, seen = [], [], set()
    with open(path, encoding="utf8") as f:
        for line in f:
            p = line.rstrip("\n").split(" ")
            if p[0] in seen:
                continue
            seen.add(p[0])
            words.append(p[0])
            vecs.append(p[1:])
    return words, np.array(vecs, dtype=np.float32)


def topk_ref(S, k, larger_better=True):
    """Top-k per row by (score, id): the kernel's deterministic order."""
    out = []
    for row in S:
        key = -row if larger_better else row
        idx = np.lexsort((np.arange(len(row)), key))[:k]
        out.append(idx)
    return np.array(out)


def check_knn(M, path, dims):
    rng = np.random.default_rng(5)
    Q = np.concatenate([M[rng.choice(len(M), 150, replace=False)],
                        rng.standard_normal((50, dims)).astype(np.float32)])
    qpath = os.path.join(TMP, "q.f32")
    Q.astype(np.float32).tofile(qpath)
    norms = np.linalg.norm(M, axis=1)
    K = 10
    for metric, restrict in (("cosine", 0), ("cosine", 10000), ("dot", 0),
                             ("euclidean", 0)):
        out = kc("knn", path, dims, qpath, metric, K, restrict)
        got = np.array([l.split() for l in out.split("\n") if l], dtype=float)
        gid = got[:, 2].astype(int).reshape(len(Q), K)
        gsc = got[:, 3].reshape(len(Q), K)
        Mr = M[:restrict] if restrict else M
        if metric == "cosine":
            Qn = Q / np.linalg.norm(Q, axis=1, keepdims=True)
            S = (Qn @ Mr.T) / norms[:len(Mr)]
            ref = topk_ref(S, K)
        elif metric == "dot":
            S = Q @ Mr.T
            ref = topk_ref(S, K)
        else:
            S = np.sqrt(((Q.astype(np.float64)[:, None, :] -
                          Mr.astype(np.float64)[None, :, :]) ** 2).sum(-1)) \
                if len(Mr) * len(Q) < 0 else None
            # ‖q−m‖ in float64 by the expansion, fine at this scale
            Qd, Md = Q.astype(np.float64), Mr.astype(np.float64)
            D2 = (Qd ** 2).sum(1)[:, None] - 2 * Qd @ Md.T + (Md ** 2).sum(1)[None, :]
            S = np.sqrt(np.maximum(D2, 0))
            ref = topk_ref(S, K, larger_better=False)
        refsc = np.take_along_axis(S, ref, axis=1)
        # Float32 dot products are exact only to a few ulps of their
        # magnitude, and numpy's BLAS sums in another order than vecdoc's:
        # tolerances are relative to the score (dot scores reach ~50).
        scale = np.maximum(np.abs(refsc), 1.0)
        # ids may differ only where two scores are within float32 rounding
        bad = 0
        for i in range(len(Q)):
            for j in range(K):
                if gid[i, j] != ref[i, j] and \
                        abs(S[i, gid[i, j]] - refsc[i, j]) > 2e-6 * scale[i, j]:
                    bad += 1
        scerr = (np.abs(gsc - refsc) / scale).max()
        report("knn %s restrict=%d ids" % (metric, restrict), bad == 0,
               "%d ids differ beyond ties" % bad)
        report("knn %s restrict=%d scores" % (metric, restrict), scerr < 4e-6,
               "max relative score error %g" % scerr)
    # the answer must not depend on how many threads split the rows
    # (tiles are 16384 rows: 100k rows make 7 tiles for 2 workers)
    M2 = np.concatenate([M, M[::-1] * np.float32(0.9)])
    p2 = os.path.join(TMP, "m2.f32")
    M2.tofile(p2)
    outs = [kc_env("knn", p2, dims, qpath, metric, K, env={"KERNCHECK_THREADS": str(t)})[0]
            for metric in ("cosine", "dot", "euclidean") for t in (1, 2)]
    outs = [outs[0] + outs[2] + outs[4], outs[1] + outs[3] + outs[5]]
    report("knn identical with 1 and 2 threads", outs[0] == outs[1], "outputs differ")


def check_analogy_single(kv, path, vpath, dims):
    for a, b, c in (("man", "king", "woman"), ("france", "paris", "italy"),
                    ("good", "better", "bad"), ("walk", "walked", "swim")):
        for cmd, fn in (("cosadd", kv.most_similar), ("cosmul", kv.most_similar_cosmul)):
            out = kc(cmd, path, dims, vpath, 10, a, b, c)
            got = [l.split() for l in out.split("\n") if l]
            ref = fn(positive=[b, c], negative=[a], topn=10)
            gw = [g[1] for g in got]
            rw = [r[0] for r in ref]
            err = max(abs(float(g[2]) - r[1]) for g, r in zip(got, ref))
            report("%s %s:%s::%s:?" % (cmd, a, b, c), gw == rw and err < 1e-6,
                   "got %s, gensim %s (max score error %g)" % (gw[:4], rw[:4], err))


def check_similarity(kv, path, vpath, dims):
    for a, b in ((["breakfast", "cereal", "dinner", "lunch"], ["food", "meal"]),
                 (["king", "queen", "man", "apple"], ["woman"]),
                 (["paris", "berlin", "london", "banana", "rome"], ["city", "capital"])):
        out = dict(l.split() for l in kc("sim", path, dims, vpath, ",".join(a), ",".join(b)).split("\n") if l)
        ns = kv.n_similarity(a, b)
        dm = kv.doesnt_match(a)
        rk = kv.rank(a[0], b[0])
        ok = abs(float(out["n_similarity"]) - ns) < 1e-6 and out["doesnt_match"] == dm and int(out["rank"]) == rk
        report("n_similarity/doesnt_match/rank %s" % a[0], ok,
               "got %s; gensim %s %s %s" % (out, ns, dm, rk))


def check_cosmul_benchmark(kv, path, vpath, dims):
    """3CosMul through the benchmark path vs gensim's most_similar_cosmul,
    with evaluate_word_analogies' vocabulary and selection rules, on every
    50th question (gensim ignores restrict_vocab for 3CosMul; 300000 >
    50k rows here, so both search everything)."""
    lines, n = [], 0
    for l in open(QW, encoding="utf8"):
        if l.startswith(": "):
            lines.append(l)
        else:
            if n % 50 == 0:
                lines.append(l)
            n += 1
    sub = os.path.join(TMP, "qw50.txt")
    open(sub, "w", encoding="utf8").write("".join(lines))
    out, _ = kc_env("analogy", path, dims, vpath, sub, 300000,
                    env={"KERNCHECK_METHOD": "cosmul", "KERNCHECK_ITEMS": "1"})
    got = {}
    for l in out.split("\n"):
        p = l.split("\t")
        if p[0] == "item":
            got[int(p[1])] = (p[2], int(p[3]))
    ok_vocab = {k.upper(): kv.get_index(k) for k in reversed(kv.index_to_key[:300000])}
    orig = kv.key_to_index
    bad, total = 0, 0
    for no, l in enumerate(lines, 1):
        if l.startswith(": "):
            continue
        w = [x.upper() for x in l.split()]
        if len(w) != 4 or any(x not in ok_vocab for x in w):
            continue
        a, b, c, e = w
        kv.key_to_index = ok_vocab
        sims = kv.most_similar_cosmul(positive=[b, c], negative=[a], topn=5)
        kv.key_to_index = orig
        pred = None
        for el in sims:
            pred = el[0].upper()
            if pred not in (a, b, c):
                break
        total += 1
        if no not in got or (got[no][1] == 1) != (pred == e):
            bad += 1
    report("3CosMul benchmark vs gensim most_similar_cosmul (%d questions)" % total,
           bad <= max(1, total // 500), "%d answers differ" % bad)


def check_semchange(M, dims):
    rng = np.random.default_rng(8)
    A = M[:20000].copy()
    B = (A + rng.standard_normal(A.shape).astype(np.float32) * np.float32(0.3)).astype(np.float32)
    apath, bpath = os.path.join(TMP, "sa.f32"), os.path.join(TMP, "sb.f32")
    A.tofile(apath)
    B.tofile(bpath)
    rows = [5, 123, 4567, 19999]
    K = 25
    out = kc("semchange", apath, bpath, dims, K, *rows)
    got = [l.split() for l in out.split("\n") if l]

    def nn(X, w):
        s = (X @ X[w]) / (np.linalg.norm(X, axis=1) * np.linalg.norm(X[w]))
        s[w] = -np.inf
        return list(np.lexsort((np.arange(len(s)), -s))[:K])

    def cosd(u, v):
        return 1 - u @ v / np.sqrt((u @ u) * (v @ v))

    for g, w in zip(got, rows):
        N = nn(A, w)
        N += [j for j in nn(B, w) if j not in N]
        Ad, Bd = A.astype(np.float64), B.astype(np.float64)
        sa = np.array([cosd(Ad[w], Ad[j]) for j in N])
        sb = np.array([cosd(Bd[w], Bd[j]) for j in N])
        ref = cosd(1 - sa, 1 - sb)
        ids = [int(x) for x in g[3:]]
        report("semantic change (local neighbourhood) row %d" % w,
               ids == N and abs(float(g[1]) - ref) < 1e-9,
               "got %s %s…, numpy %.12g %s…" % (g[1], ids[:5], ref, N[:5]))


def dbscan_ref(X, eps, min_samples):
    """scikit-learn's DBSCAN(metric="cosine") in numpy: float32 cosine
    distances with a zero diagonal, neighbourhoods including self, and
    sklearn's dbscan_inner depth-first labelling."""
    U = X / np.linalg.norm(X, axis=1, keepdims=True)
    D = np.float32(1) - U @ U.T
    np.fill_diagonal(D, 0)
    np.clip(D, 0, 2, out=D)
    nbrs = [np.flatnonzero(row <= np.float32(eps)) for row in D]
    core = np.array([len(nb) >= min_samples for nb in nbrs])
    labels = np.full(len(X), -1)
    label = 0
    for i in range(len(X)):
        if labels[i] != -1 or not core[i]:
            continue
        stack = []
        while True:
            if labels[i] == -1:
                labels[i] = label
                if core[i]:
                    stack.extend(j for j in nbrs[i] if labels[j] == -1)
            if not stack:
                break
            i = stack.pop()
        label += 1
    return labels


def check_dbscan(M, dims):
    X = M[:3000].copy()
    xpath = os.path.join(TMP, "db.f32")
    X.tofile(xpath)
    for eps, ms in ((0.3, 5), (0.2, 3)):
        out = [l for l in kc("dbscan", xpath, dims, eps, ms).split("\n") if l]
        got = np.array([int(v) for v in out[1:]])
        ref = dbscan_ref(X, eps, ms)
        diff = int((got != ref).sum())
        report("dbscan eps=%g min_samples=%d (%d clusters, %d noise)" %
               (eps, ms, ref.max() + 1, (ref == -1).sum()), diff == 0,
               "%d labels differ" % diff)
        try:
            from sklearn.cluster import DBSCAN
            sk = DBSCAN(eps=eps, min_samples=ms, metric="cosine").fit(X).labels_
            report("dbscan eps=%g vs scikit-learn" % eps, (sk == got).all(),
                   "%d labels differ" % int((sk != got).sum()))
        except ImportError:
            pass


def gensim_analogies(kv):
    """gensim's evaluate_word_analogies sections (counts only), cached.

    gensim takes ~30 s here, most of the suite's time. Its answer depends
    only on the two input files and the gensim/numpy versions, so it is
    kept keyed by their digests: first in tests/kern/expected/ (committed,
    made by this function on Debian 12's gensim 4.2 / numpy 1.24), then
    under $KERN_CACHE; with any input or version changed, gensim runs.
    """
    import gensim
    import hashlib
    import json
    h = hashlib.sha256()
    for f in (GLOVE, QW):
        with open(f, "rb") as fp:
            h.update(hashlib.sha256(fp.read()).digest())
    h.update(("%s %s" % (gensim.__version__, np.__version__)).encode())
    cache = os.environ.get("KERN_CACHE")
    name = "gensim-analogies-%s.json" % h.hexdigest()[:24]
    path = os.path.join(cache, name) if cache else None
    committed = os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected", name)
    if os.path.exists(committed):
        path = committed
    if path and os.path.exists(path):
        with open(path) as fp:
            secs = json.load(fp)
    else:
        _, gsecs = kv.evaluate_word_analogies(QW, restrict_vocab=300000)
        secs = [{"section": g["section"], "correct": len(g["correct"]),
                 "incorrect": len(g["incorrect"])} for g in gsecs]
        if path:
            os.makedirs(cache, exist_ok=True)
            with open(path + ".tmp", "w") as fp:
                json.dump(secs, fp)
            os.replace(path + ".tmp", path)
    return [{"section": g["section"], "correct": [None] * g["correct"],
             "incorrect": [None] * g["incorrect"]} for g in secs]


def check_weighted(kv, path, vpath, dims):
    for pos, neg in (([("king", 2.0), "woman"], [("man", -0.5)]),
                     (["computer"], []),
                     ([("paris", 0.7), ("germany", 1.3)], ["france"])):
        args = []
        for item in pos:
            args.append("%s:%g" % item if isinstance(item, tuple) else "%s:1" % item)
        for item in neg:
            # gensim: a tuple's own weight replaces the -1 of negatives
            args.append("%s:%g" % item if isinstance(item, tuple) else "%s:-1" % item)
        got = [l.split() for l in kc("similar", path, dims, vpath, 10, *args).split("\n") if l]
        ref = kv.most_similar(positive=pos, negative=neg, topn=10)
        err = max(abs(float(g[2]) - r[1]) for g, r in zip(got, ref))
        report("most_similar with weights %s" % args, [g[1] for g in got] == [r[0] for r in ref] and err < 1e-6,
               "got %s, gensim %s (max score error %g)" % ([g[1] for g in got][:4], [r[0] for r in ref][:4], err))


def check_analogy_restricted(kv, path, vpath, dims):
    """restrict_vocab 30000 (word2vec's compute-accuracy threshold) on every
    10th question: fewer known words, fewer candidates."""
    lines, n = [], 0
    for l in open(QW, encoding="utf8"):
        if l.startswith(": "):
            lines.append(l)
        else:
            if n % 10 == 0:
                lines.append(l)
            n += 1
    sub = os.path.join(TMP, "qw10.txt")
    open(sub, "w", encoding="utf8").write("".join(lines))
    tot = [l for l in kc("analogy", path, dims, vpath, sub, 30000).split("\n") if l.startswith("total")][0]
    c, i = (int(v) for v in tot.split("\t")[1:3])
    _, gsecs = kv.evaluate_word_analogies(sub, restrict_vocab=30000)
    gc, gi = len(gsecs[-1]["correct"]), len(gsecs[-1]["incorrect"])
    report("analogy benchmark restrict_vocab=30000 (1/10 of the questions)",
           c + i == gc + gi and abs(c - gc) <= 1,
           "%d/%d vs gensim %d/%d" % (c, c + i, gc, gc + gi))


def check_analogy_benchmark(kv, path, vpath, dims):
    out = kc("analogy", path, dims, vpath, QW, 300000)
    secs, total = [], None
    for l in out.split("\n"):
        p = l.split("\t")
        if p[0] == "section":
            secs.append((p[1], int(p[2]), int(p[3])))
        elif p[0] == "total":
            total = [int(x) for x in p[1:]]
    gsecs = gensim_analogies(kv)
    gtot = gsecs[-1]
    gc, gi = len(gtot["correct"]), len(gtot["incorrect"])
    acc, gacc = total[0] / (total[0] + total[1]), gc / (gc + gi)
    report("analogy benchmark questions evaluated", total[0] + total[1] == gc + gi,
           "%d vs gensim %d" % (total[0] + total[1], gc + gi))
    report("analogy benchmark accuracy", abs(acc - gacc) * 100 <= 0.05,
           "%.4f%% vs gensim %.4f%%" % (acc * 100, gacc * 100))
    names_ok = [s[0] for s in secs] == [s["section"] for s in gsecs[:-1]]
    report("analogy benchmark sections", names_ok, "section names differ")
    worst = 0
    for s, g in zip(secs, gsecs[:-1]):
        n = s[1] + s[2]
        gn = len(g["correct"]) + len(g["incorrect"])
        if n != gn:
            worst = 100
        elif n:
            worst = max(worst, abs(s[1] - len(g["correct"])))
    report("analogy benchmark per-section", worst <= 3,
           "a section differs by %d answers" % worst)


def check_pairs(kv, path, vpath, dims):
    for name in ("simlex999.txt", "wordsim353.tsv"):
        f = os.path.join(DATA, name)
        if not os.path.exists(f):
            print("SKIP: %s absent" % name)
            continue
        out = dict((l.split()[0], l.split()[1:]) for l in kc("pairs", path, dims, vpath, f).split("\n") if l)
        pr, sp, oov = kv.evaluate_word_pairs(f)
        ok = (abs(float(out["pearson"][0]) - pr[0]) < 1e-6 and
              abs(float(out["spearman"][0]) - sp[0]) < 1e-6 and
              abs(float(out["oov"][0]) - oov) < 1e-9)
        report("word pairs %s" % name, ok, "got %s, gensim %s %s %s" % (out, pr, sp, oov))
        # p-values this small move by 1e-6 relative when r moves by 1e-9
        okp = (abs(float(out["pearson"][1]) - pr[1]) <= 1e-4 * pr[1] + 1e-300 and
               abs(float(out["spearman"][1]) - sp[1]) <= 1e-4 * sp[1] + 1e-300)
        report("word pairs %s p-values" % name, okp,
               "got %s %s, scipy %g %g" % (out["pearson"][1], out["spearman"][1], pr[1], sp[1]))


def gram(Y):
    return Y @ Y.T


def check_whiten(M, dims):
    X = M[:5000].copy()
    xpath = os.path.join(TMP, "w.f32")
    X.tofile(xpath)
    for k in (0, 50):
        ypath = os.path.join(TMP, "y.f32")
        kc("whiten", xpath, dims, k, ypath)
        kk = k or dims
        Y = np.fromfile(ypath, dtype=np.float32).reshape(len(X), kk)
        # Su et al.'s compute_kernel_bias / transform_and_normalize
        Xd = X.astype(np.float64)
        mu = Xd.mean(axis=0, keepdims=True)
        cov = np.cov(Xd.T)
        u, s, vh = np.linalg.svd(cov)
        W = np.dot(u, np.diag(1 / np.sqrt(s)))[:, :kk]
        R = (Xd - mu) @ W
        R = R / (R ** 2).sum(axis=1, keepdims=True) ** 0.5
        # eigenvector signs are arbitrary: compare what does not depend on them
        G, GR = gram(Y[:300].astype(np.float64)), gram(R[:300])
        err = np.abs(G - GR).max()
        report("whitening k=%d (Gram of 300 rows)" % kk, err < 1e-4, "max error %g" % err)
        col = np.abs((Y.astype(np.float64) * R).sum(0))  # |cos| per column pair
        report("whitening k=%d columns" % kk, col.min() > len(X) * 0 + (R * R).sum(0).min() * 0.999,
               "a column differs beyond sign (min |<y,r>| %g)" % col.min())


def check_abtt(M, dims):
    X = M[:5000].copy()
    xpath, opath = os.path.join(TMP, "a.f32"), os.path.join(TMP, "ao.f32")
    X.tofile(xpath)
    kc("abtt", xpath, dims, 2, opath)
    Y = np.fromfile(opath, dtype=np.float32).reshape(X.shape)
    Xd = X.astype(np.float64)
    Xc = Xd - Xd.mean(0)
    w, v = np.linalg.eigh(np.cov(Xc.T))
    U = v[:, ::-1][:, :2]
    R = Xc - (Xc @ U) @ U.T
    err = np.abs(Y - R).max()
    report("all-but-the-top D=2", err < 1e-4, "max error %g" % err)


def check_aniso(M, path, dims):
    X = M[:20000]
    xpath = os.path.join(TMP, "an.f32")
    X.tofile(xpath)
    out = dict((l.split()[0] + ("" if l.split()[0] != "pc" else l.split()[1]),
                float(l.split()[-1])) for l in kc("aniso", xpath, dims, 100000, 7, 3).split("\n") if l)
    Xd = X.astype(np.float64)
    mu = Xd.mean(0)
    avg = np.linalg.norm(Xd, axis=1).mean()
    ev = np.sort(np.linalg.eigvalsh(np.cov(Xd.T)))[::-1]
    share = ev / ev.sum()
    U = Xd / np.linalg.norm(Xd, axis=1, keepdims=True)
    n = len(U)
    exact = ((U.sum(0) ** 2).sum() - n) / (n * (n - 1))
    ok = (abs(out["mean_norm"] - np.linalg.norm(mu)) < 1e-9 and
          abs(out["avg_norm"] - avg) < 1e-9 and
          all(abs(out["pc%d" % i] - share[i]) < 1e-9 for i in range(3)))
    report("anisotropy: mean vector, PC shares", ok, "got %s; numpy %g %g %s" %
           (out, np.linalg.norm(mu), avg, share[:3]))
    se = out["sd_cos"] / np.sqrt(out["npairs"])
    report("anisotropy: sampled mean cosine", abs(out["mean_cos"] - exact) < 4 * se,
           "sample %g vs all pairs %g (se %g)" % (out["mean_cos"], exact, se))


def check_spearman():
    from scipy import stats
    rng = np.random.default_rng(11)
    for n, ties in ((50, 5), (999, 40), (353, 1000000)):
        x = rng.integers(0, ties, n).astype(float)
        y = x + rng.integers(0, ties, n)
        f = os.path.join(TMP, "xy.txt")
        np.savetxt(f, np.c_[x, y], fmt="%.17g")
        out = dict((l.split()[0], [float(v) for v in l.split()[1:]]) for l in kc("spearman", f).split("\n") if l)
        sr = stats.spearmanr(x, y)
        pr = stats.pearsonr(x, y)
        ok = (abs(out["spearman"][0] - sr[0]) < 1e-12 and
              abs(out["pearson"][0] - pr[0]) < 1e-12 and
              abs(out["spearman"][1] - sr[1]) <= 1e-7 * sr[1] + 1e-300 and
              abs(out["pearson"][1] - pr[1]) <= 1e-7 * pr[1] + 1e-300)
        report("spearman/pearson n=%d vs scipy" % n, ok, "got %s, scipy %s %s" % (out, sr, pr))


def check_histogram():
    rng = np.random.default_rng(12)
    x = np.concatenate([rng.normal(0, 0.4, 5000), np.linspace(-1, 1, 41),
                        [-1.5, 1.5, 2.0, np.nan]])
    f = os.path.join(TMP, "h.txt")
    np.savetxt(f, x, fmt="%.17g")
    for lo, hi, nb in ((-1, 1, 40), (-0.3, 0.7, 7), (0, 1, 1)):
        out = kc("hist", f, lo, hi, nb).split("\n")
        got = [int(v) for v in out[0].split()]
        rest = [int(v) for v in out[1].split()]
        ref, _ = np.histogram(x[~np.isnan(x)], bins=nb, range=(lo, hi))
        ok = got == list(ref) and rest == [int((x < lo).sum()), int((x > hi).sum()), 1]
        report("histogram [%g, %g] %d bins vs numpy" % (lo, hi, nb), ok,
               "got %s %s, numpy %s" % (got, rest, list(ref)))


def check_randcos():
    for d in (2, 10, 100, 300):
        out = kc("randcos", d, 20000, 1).split()
        vd = float(out[4])
        # var·d is 1 for d-dim Gaussians, except var of cos in 2-d is 1/2 too
        report("random cosines d=%d: var·d ≈ 1" % d, abs(vd - 1) < 0.06 and abs(float(out[2])) < 0.02,
               "var·d %g, mean %s" % (vd, out[2]))
    report("random cosines reproducible", kc("randcos", 50, 1000, 9) == kc("randcos", 50, 1000, 9))


def check_pca(M, dims):
    X = M[:5000].copy()
    xpath, opath = os.path.join(TMP, "p.f32"), os.path.join(TMP, "po.f32")
    X.tofile(xpath)
    out = kc("pca", xpath, dims, 5, opath)
    ratios = [float(l.split()[2]) for l in out.split("\n") if l]
    Y = np.fromfile(opath, dtype=np.float32).reshape(len(X), 5)
    Xd = X.astype(np.float64)
    Xc = Xd - Xd.mean(0)
    # numpy: SVD of the centred data, components flipped so that each
    # one's largest-magnitude entry is positive (sklearn >= 1.5's rule)
    u, s, vt = np.linalg.svd(Xc, full_matrices=False)
    sign = np.sign(vt[np.arange(len(vt)), np.abs(vt).argmax(axis=1)])
    vt = vt * sign[:, None]
    var = s ** 2 / (len(X) - 1)
    ratio = var / var.sum()
    P = Xc @ vt[:5].T
    rerr = max(abs(a - b) for a, b in zip(ratios, ratio[:5]))
    perr = np.abs(Y - P).max() / np.abs(P).max()
    report("pca explained variance ratio", rerr < 1e-9, "max error %g" % rerr)
    report("pca projections (sklearn sign rule)", perr < 1e-4, "max relative error %g" % perr)


def check_procrustes(M, dims):
    rng = np.random.default_rng(3)
    B = M[:3000].astype(np.float64)
    B /= np.linalg.norm(B, axis=1, keepdims=True)
    Qr, _ = np.linalg.qr(rng.standard_normal((dims, dims)))
    O = B @ Qr + rng.standard_normal(B.shape) * 0.01
    O /= np.linalg.norm(O, axis=1, keepdims=True)
    opath, bpath, rpath = (os.path.join(TMP, n) for n in ("o.f32", "b.f32", "r.f32"))
    O.astype(np.float32).tofile(opath)
    B.astype(np.float32).tofile(bpath)
    kc("procrustes", opath, bpath, dims, rpath)
    R = np.fromfile(rpath, dtype=np.float32).reshape(dims, dims)
    # histwords smart_procrustes_align_gensim
    m = O.astype(np.float32).astype(np.float64).T @ B.astype(np.float32).astype(np.float64)
    u, _, v = np.linalg.svd(m)
    ref = u @ v
    err = np.abs(R - ref).max()
    report("procrustes R = UVᵀ vs numpy (histwords)", err < 1e-5, "max error %g" % err)
    report("procrustes recovers the rotation", np.abs(R - Qr.T).max() < 0.02,
           "max error %g" % np.abs(R - Qr.T).max())


def check_rsa(M, dims):
    from scipy import stats
    from scipy.spatial.distance import pdist
    rng = np.random.default_rng(4)
    idx = rng.choice(len(M), 70, replace=False)
    A = M[idx]
    B = (A + rng.standard_normal(A.shape).astype(np.float32) * 0.5)[:, :60].copy()
    apath, bpath = os.path.join(TMP, "ra.f32"), os.path.join(TMP, "rb.f32")
    A.tofile(apath)
    B.tofile(bpath)
    ra = pdist(A.astype(np.float64), "cosine")
    rb = pdist(B.astype(np.float64), "cosine")
    sr = stats.spearmanr(ra, rb)[0]
    # tau-a by brute force over all pairs of RDM entries
    dx = np.sign(ra[:, None] - ra[None, :])
    dy = np.sign(rb[:, None] - rb[None, :])
    m = len(ra)
    tau_a = (dx * dy).sum() / 2 / (m * (m - 1) / 2)
    rka = stats.rankdata(ra) - (m + 1) / 2
    rkb = stats.rankdata(rb) - (m + 1) / 2
    rho_a = 12 * (rka * rkb).sum() / (m ** 3 - m)
    for meth, ref in (("spearman", sr), ("tau-a", tau_a), ("rho-a", rho_a),
                      ("pearson", stats.pearsonr(ra, rb)[0])):
        out = dict(l.split() for l in kc("rsa", apath, dims, bpath, 60, meth, 99, 1).split("\n") if l)
        err = abs(float(out["stat"]) - ref)
        report("rsa %s vs scipy/numpy" % meth, err < 1e-6 and float(out["p"]) == 0.01,
               "stat %s vs %g, p %s (expected 1/100)" % (out["stat"], ref, out["p"]))


def main():
    if not os.path.exists(GLOVE):
        print("SKIP: %s absent (no ../shared/data)" % GLOVE)
        check_spearman()
        check_histogram()
        check_randcos()
        return
    words, M = load_glove(GLOVE)
    dims = M.shape[1]
    path, vpath = os.path.join(TMP, "m.f32"), os.path.join(TMP, "vocab.txt")
    M.tofile(path)
    with open(vpath, "w", encoding="utf8") as f:
        f.write("".join(w + "\n" for w in words))
    check_knn(M, path, dims)
    check_spearman()
    check_histogram()
    check_randcos()
    check_whiten(M, dims)
    check_abtt(M, dims)
    check_aniso(M, path, dims)
    check_pca(M, dims)
    check_procrustes(M, dims)
    check_rsa(M, dims)
    check_semchange(M, dims)
    check_dbscan(M, dims)
    try:
        import logging
        logging.disable(logging.CRITICAL)
        from gensim.models import KeyedVectors
    except ImportError as e:
        print("SKIP: gensim checks (%s)" % e)
        return
    kv = KeyedVectors(dims)
    kv.add_vectors(words, M)
    check_analogy_single(kv, path, vpath, dims)
    check_pairs(kv, path, vpath, dims)
    check_similarity(kv, path, vpath, dims)
    check_weighted(kv, path, vpath, dims)
    if os.path.exists(QW):
        check_analogy_benchmark(kv, path, vpath, dims)
        check_cosmul_benchmark(kv, path, vpath, dims)
        check_analogy_restricted(kv, path, vpath, dims)
    else:
        print("SKIP: %s absent" % QW)


if __name__ == "__main__":
    main()
