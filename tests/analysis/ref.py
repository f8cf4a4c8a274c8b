#!/usr/bin/python3
# Independent numpy/scipy references for {translation}, {analogy-sweep},
# {sequence-cosine}, {rsa} :bootstrap:/:sizes: and {submatrix-spectrum}
# (tests/analysis/suite.sh). Each subcommand reads vecdoc's JSON result
# and the same data, recomputes every number and prints "ok" or what
# differs. The seeded draws are a Python transcription of kern/rng.c
# (xoshiro256** seeded through splitmix64; Lemire's bounded draw;
# Fisher-Yates from the end).
import json
import sys

import numpy as np
from scipy import stats

M64 = (1 << 64) - 1


class Rng:
    def __init__(self, seed):
        x = seed & M64
        self.s = []
        for _ in range(4):
            x = (x + 0x9E3779B97F4A7C15) & M64
            z = x
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
            self.s.append(z ^ (z >> 31))

    def next(self):
        s = self.s
        rotl = lambda x, k: ((x << k) | (x >> (64 - k))) & M64
        r = (rotl((s[1] * 5) & M64, 7) * 9) & M64
        t = (s[1] << 17) & M64
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return r

    def below(self, n):
        m = self.next() * n
        lo = m & M64
        if lo < n:
            t = ((1 << 64) - n) % n
            while lo < t:
                m = self.next() * n
                lo = m & M64
        return m >> 64

    def shuffle(self, v, lo=0, hi=None):
        hi = len(v) if hi is None else hi
        n = hi - lo
        for i in range(n - 1, 0, -1):
            j = self.below(i + 1)
            v[lo + i], v[lo + j] = v[lo + j], v[lo + i]


def load(path, limit=None):
    words, rows = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split(" ")
            words.append(p[0])
            rows.append([float(x) for x in p[1:]])
            if limit and len(words) == limit:
                break
    return words, np.array(rows, dtype=np.float32)


def shared(wa, wb):
    ib = {}
    for i, w in enumerate(wb):
        ib.setdefault(w, i)
    used = set()
    pa, pb = [], []
    for i, w in enumerate(wa):
        j = ib.get(w)
        if j is not None and j not in used:
            used.add(j)
            pa.append(i)
            pb.append(j)
    return pa, pb


def result(path):
    with open(path) as f:
        r = json.load(f)
    return {i["table"]: i for i in r["items"] if "table" in i}


bad = []


def close(what, got, want, tol):
    if got is None or want is None or not np.isfinite(want):
        if not (got is None and (want is None or not np.isfinite(want))):
            bad.append("%s: got %r, want %r" % (what, got, want))
        return
    if abs(got - want) > tol:
        bad.append("%s: got %r, want %r" % (what, got, want))


def top5(Bn, norms, v):
    sc = (Bn @ v) / (norms * np.float32(np.linalg.norm(v)))
    order = np.lexsort((np.arange(len(sc)), -sc.astype(np.float64)))
    return order[:5]


def translation(res, pa_file, pb_file, top, ntest, seed, lam):
    wa, A = load(pa_file)
    wb, B = load(pb_file)
    pa, pb = shared(wa, wb)
    n = min(top, len(pa))
    pa, pb = pa[:n], pb[:n]
    order = list(range(n))
    Rng(seed).shuffle(order)
    test = sorted(order[:ntest])
    train = sorted(order[ntest:])
    norms = np.linalg.norm(B, axis=1).astype(np.float32)
    t = result(res)
    rows = t["translation"]["rows"]
    for pas in (0, 1):
        tgt = list(train)
        if pas == 1:
            Rng(seed + 1).shuffle(tgt)
        X = A[[pa[i] for i in train]].astype(np.float64)
        Y = B[[pb[i] for i in tgt]].astype(np.float64)
        W = np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T @ Y)
        W = W.astype(np.float32)
        hits = {}
        for name, words in (("test", test), ("train", train)):
            XW = A[[pa[i] for i in words]] @ W
            h1 = h5 = 0
            preds = []
            for k, i in enumerate(words):
                p = top5(B, norms, XW[k])
                preds.append(p)
                h1 += p[0] == pb[i]
                h5 += pb[i] in p
            hits[name] = (h1 / len(words), h5 / len(words), preds)
        r = rows[pas]
        # one near-tie may fall either way in float32
        close("pass %d p@1" % pas, r[3], hits["test"][0], 1.01 / ntest)
        close("pass %d p@5" % pas, r[4], hits["test"][1], 1.01 / ntest)
        close("pass %d train p@1" % pas, r[5], hits["train"][0],
              1.01 / len(train))
        if pas == 0:
            preds = hits["test"][2]
            fails = [k for k, i in enumerate(test) if pb[i] not in preds[k]]
            got = [(r[0], r[2]) for r in t["translation-failures"]["rows"]]
            want = [(wa[pa[test[k]]], wb[preds[k][0]]) for k in fails][:len(got)]
            if got != want:
                bad.append("failures: got %r, want %r" % (got, want))


def sweep(res, path, questions, alphas, betas, limit=None):
    w, V = load(path, limit)
    idx = {}
    for i, x in enumerate(w):
        idx.setdefault(x, i)
    norms = np.linalg.norm(V, axis=1).astype(np.float32)
    U = V / norms[:, None]
    t = result(res)
    for qi, q in enumerate(questions):
        a, b, c, d = [idx[x] for x in q.split()]
        rows = t["sweep-q%d" % (qi + 1)]["rows"]
        for i, al in enumerate(alphas):
            for j, be in enumerate(betas):
                wts = np.array([1, be, -al], dtype=np.float32)
                m = np.zeros(V.shape[1], dtype=np.float32)
                for k, r in enumerate((b, c, a)):
                    m += wts[k] * U[r]
                m = m / np.float32(1 + al + be)
                m = (m.astype(np.float64) / np.linalg.norm(m.astype(np.float64))).astype(np.float32)
                sc = (V @ m) / norms
                ex = {a, b, c}
                g = sc[d]
                ok = np.ones(len(sc), dtype=bool)
                ok[list(ex | {d})] = False
                ar = np.arange(len(sc))
                rank = 1 + int(np.sum(ok & ((sc > g) | ((sc == g) & (ar < d)))))
                if rows[i][j + 1] != rank:
                    bad.append("q%d α=%g β=%g: got rank %r, want %r" %
                               (qi + 1, al, be, rows[i][j + 1], rank))


def sequence(res, path, text, lags, shuffles, seed):
    w, V = load(path)
    idx = {}
    for i, x in enumerate(w):
        idx.setdefault(x, i)
    docs = []
    for line in open(text, encoding="utf-8"):
        toks = [idx[x] for x in line.split() if x in idx]
        if toks:
            docs.append(toks)
    unit = {}
    for d in docs:
        for r in d:
            v = V[r].astype(np.float64)
            unit[r] = (v / np.sqrt(np.dot(v, v))).astype(np.float32).astype(np.float64)

    def lagmeans(ds):
        out = []
        for k in range(1, lags + 1):
            s, c = 0.0, 0
            for d in ds:
                for i in range(len(d) - k):
                    s += float(np.dot(unit[d[i]], unit[d[i + k]]))
                    c += 1
            out.append(s / c)
        return out

    obs = lagmeans(docs)
    sh = []
    for j in range(shuffles):
        g = Rng(seed + j)
        ds = [list(d) for d in docs]
        for d in ds:
            g.shuffle(d)
        sh.append(lagmeans(ds))
    sh = np.array(sh)
    t = result(res)
    name = [k for k in t if k.startswith("seq-")][0]
    for k, r in enumerate(t[name]["rows"]):
        close("lag %d cosine" % (k + 1), r[2], obs[k], 1e-9)
        close("lag %d shuffled" % (k + 1), r[3], sh[:, k].mean(), 1e-9)
        close("lag %d sd" % (k + 1), r[4], sh[:, k].std(ddof=1), 1e-9)


def rsa(res, pa_file, pb_file, top, nboot, sizes, seed):
    wa, A = load(pa_file)
    wb, B = load(pb_file)
    pa, pb = shared(wa, wb)
    pa, pb = pa[:top], pb[:top]
    n = len(pa)

    def rdm(X):
        X = X.astype(np.float64)
        Xn = X / np.linalg.norm(X, axis=1)[:, None]
        return 1 - Xn @ Xn.T

    DA, DB = rdm(A[pa]), rdm(B[pb])

    def rho(idx, rel=None):
        xa, xb = [], []
        for i in range(len(idx)):
            for j in range(i + 1, len(idx)):
                p, q = idx[i], idx[j]
                if p == q:
                    continue
                pb_, qb_ = (rel[p], rel[q]) if rel is not None else (p, q)
                if pb_ == qb_:
                    continue
                xa.append(DA[p, q])
                xb.append(DB[pb_, qb_])
        return stats.spearmanr(xa, xb)[0]

    def summ(v):
        v = np.sort(np.array(v))
        return [v.mean(), v.std(ddof=1), np.percentile(v, 2.5), np.percentile(v, 97.5)]

    t = result(res)
    if nboot > 0:
        bs = []
        for i in range(nboot):
            g = Rng(seed + 2 + i)
            bs.append(rho([g.below(n) for _ in range(n)]))
        s = summ(bs)
        r = t["rsa-bootstrap"]["rows"][0]
        for k, nm in enumerate(("mean", "sd", "2.5", "97.5")):
            close("bootstrap " + nm, r[2 + k], s[k], 1e-9)
    draws = nboot if nboot > 0 else 200
    for j, sz in enumerate(sizes):
        rs, rsh = [], []
        for i in range(draws):
            g = Rng(seed + 100003 * (j + 1) + i)
            idx = list(range(n))
            for k in range(sz):
                r = k + g.below(n - k)
                idx[k], idx[r] = idx[r], idx[k]
            sel = idx[:sz]
            rs.append(rho(sel))
            lab = list(sel)
            g.shuffle(lab)
            rel = list(range(n))
            for k in range(sz):
                rel[sel[k]] = lab[k]
            rsh.append(rho(sel, rel))
        s, ssh = summ(rs), summ(rsh)
        r = t["rsa-sizes"]["rows"][j]
        for k, nm in enumerate(("mean", "sd", "2.5", "97.5")):
            close("size %d %s" % (sz, nm), r[2 + k], s[k], 1e-9)
        close("size %d shuffled sd" % sz, r[6], ssh[1], 1e-9)


def spectrum(res, path, groups, top, draws, seed):
    w, V = load(path)
    idx = {}
    for i, x in enumerate(w):
        idx.setdefault(x, i)

    def erank(rows):
        X = V[rows].astype(np.float64)
        X = X / np.sqrt((X * X).sum(axis=1))[:, None]
        s = np.linalg.svd(X, compute_uv=False)
        p = s / s.sum()
        p = p[p > 0]
        return np.exp(-(p * np.log(p)).sum()), s[0] / s.sum()

    t = result(res)["submatrix-spectrum"]["rows"]
    for gi, (label, words) in enumerate(groups):
        rows = [idx[x] for x in words]
        e, s1 = erank(rows)
        ers = []
        for q in range(draws):
            g = Rng(seed + q)
            pool = list(range(top))
            for k in range(len(rows)):
                pick = k + g.below(top - k)
                pool[k], pool[pick] = pool[pick], pool[k]
            ers.append(erank(pool[:len(rows)])[0])
        r = t[gi]
        close(label + " erank", r[2], e, 1e-9)
        close(label + " σ1 share", r[3], 100 * s1, 1e-7)
        close(label + " random erank", r[4], np.mean(ers), 1e-9)
        close(label + " random sd", r[5], np.std(ers, ddof=1), 1e-9)


if __name__ == "__main__":
    cmd, a = sys.argv[1], sys.argv[2:]
    if cmd == "translation":
        translation(a[0], a[1], a[2], int(a[3]), int(a[4]), int(a[5]), float(a[6]))
    elif cmd == "sweep":
        sweep(a[0], a[1], a[2].split("|"), [float(x) for x in a[3].split(",")],
              [float(x) for x in a[4].split(",")])
    elif cmd == "sequence":
        sequence(a[0], a[1], a[2], int(a[3]), int(a[4]), int(a[5]))
    elif cmd == "rsa":
        rsa(a[0], a[1], a[2], int(a[3]), int(a[4]),
            [int(x) for x in a[5].split(",")], int(a[6]))
    elif cmd == "spectrum":
        groups = [(g.split(":")[0], g.split(":")[1].split()) for g in a[2].split("|")]
        spectrum(a[0], a[1], groups, int(a[3]), int(a[4]), int(a[5]))
    print("ok" if not bad else "\n".join(bad[:10]))
