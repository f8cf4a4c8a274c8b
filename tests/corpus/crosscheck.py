#!/usr/bin/python3
"""Cross-checks of src/corpus and the cross-space kernels against an
independent Python implementation (numpy, scipy).

Usage: crosscheck.py CORPUSCHECK SRCDIR DATADIR TMPDIR

Tokenizes the corpora again here (the rules of corpus.h, written from
their description), compares the vocabularies exactly, then recomputes
every statistic with numpy/scipy: entropy (scipy.stats.entropy), Zipf
least squares (numpy.polyfit) and discrete power-law MLE
(scipy.special.zeta + scipy.optimize.minimize_scalar, with the same
xmin scan), KL (scipy.stats.entropy), JS (scipy.spatial.distance.
jensenshannon squared), MI, log-odds z, the co-occurrence block
(scipy.sparse), PPMI and its singular values (numpy.linalg.svd), the
ridge map (numpy.linalg.solve) and the analogy error. Runs on the small
fixtures in tests/corpus/fixtures always, and on the real corpora and
vectors when DATADIR has them. Prints "ok NAME", "FAIL NAME: why" or
"SKIP: why" per check.
"""
import json
import os
import subprocess
import sys
import unicodedata

import numpy as np
import scipy.optimize
import scipy.sparse
import scipy.special
import scipy.stats
from scipy.spatial.distance import jensenshannon

CC, SRC, DATA, TMP = sys.argv[1:5]
FIX = os.path.abspath(os.path.join(SRC, "tests", "corpus", "fixtures"))
REL = 1e-9          # relative tolerance for double-precision results
fails = 0


def report(name, ok, why=""):
    global fails
    if ok:
        print("ok", name)
    else:
        fails += 1
        print("FAIL %s: %s" % (name, why))


def close(name, got, want, rel=REL, absol=0.0):
    got, want = float(got), float(want)
    ok = abs(got - want) <= max(rel * abs(want), absol)
    report(name, ok, "got %.17g, want %.17g" % (got, want))


def cc(*args):
    r = subprocess.run([CC] + [str(a) for a in args], capture_output=True,
                       text=True)
    if r.returncode != 0:
        raise RuntimeError("corpuscheck %s: %s" % (args[0], r.stderr.strip()))
    return r.stdout


def ccjson(*args):
    return json.loads(cc(*args))


# ---------------------------------------------------------------- tokenizers

_CLASS = {}


def cls(ch):
    """0 other, 1 word (L*, M*, N*), 2 decimal digit (Nd), 3 space."""
    c = _CLASS.get(ch)
    if c is None:
        cat = unicodedata.category(ch)
        c = (3 if ch.isspace() else 2 if cat == "Nd" else
             1 if cat[0] in "LMN" else 0)
        _CLASS[ch] = c
    return c


def is_word(ch):
    return cls(ch) in (1, 2)


_LOWER = {}


def lower(ch):
    # utf8proc_tolower is the simple mapping; Python's full mapping of a
    # single character starts with it
    lc = _LOWER.get(ch)
    if lc is None:
        lc = ch.lower()[0] if ch.lower() else ch
        _LOWER[ch] = lc
    return lc


JOIN = {"'": "'", "\u2019": "'", "-": "-", "\u2010": "-", "\u2011": "-",
        ".": ".", ",": ","}


def words(line, lowercase, punctuation):
    """The `lines` splitter of corpus.h: yields (token, isword)."""
    out = []
    word, punct = [], []
    inword = lastdigit = False
    pend = None

    def endword():
        nonlocal word, inword, lastdigit
        if inword and word:
            out.append(("".join(word), True))
        word, inword, lastdigit = [], False, False

    def endpunct():
        nonlocal punct
        if punctuation and punct:
            out.append(("".join(punct), False))
        punct = []

    def unpend():
        nonlocal pend
        if pend is None:
            return
        endword()
        punct.append(pend)
        pend = None

    for ch in line:
        k = cls(ch)
        if k == 1 or k == 2:
            dig = k == 2
            if pend is not None:
                j = JOIN[pend]
                if j in ".," and not (lastdigit and dig):
                    unpend()
                else:
                    word.append(j)
                    pend = None
            if not inword:
                endpunct()
                inword = True
            word.append(lower(ch) if lowercase else ch)
            lastdigit = dig
        elif k == 3:
            unpend()
            endword()
            endpunct()
        elif inword and pend is None and ch in JOIN:
            pend = ch
        else:
            unpend()
            endword()
            punct.append(ch)
    unpend()
    endword()
    endpunct()
    return out


WJ = {"@-@": "-", "@,@": ",", "@.@": "."}


def norm(tok, lowercase):
    return "".join(lower(c) for c in tok) if lowercase else tok


def load_corpus(path, fmt, lowercase=True, drop=(), punctuation=False,
                join=None, docs=None):
    """Returns (list of documents (lists of tokens), stats dict)."""
    if join is None:
        join = fmt == "wikitext"
    if docs is None:
        docs = "articles" if fmt == "wikitext" else "lines"
    drop = set(norm(t, lowercase) for t in drop)
    with open(path, "rb") as f:
        text = f.read().decode("utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    alldocs, cur = [], []
    st = {"dropped": 0, "punct": 0, "headings": 0}

    def close():
        nonlocal cur
        if cur:
            alldocs.append(cur)
        cur = []

    for line in lines:
        if fmt == "lines":
            for tok, isw in words(line, lowercase, True):
                if not isw and not punctuation:
                    st["punct"] += 1
                elif tok in drop:
                    st["dropped"] += 1
                else:
                    cur.append(tok)
        else:
            t = line.split()
            a, b = 0, len(t)
            if len(t) >= 2 and t[0] == "=" and t[-1] == "=":
                while a < b and t[a] == "=":
                    a += 1
                while b > a and t[b - 1] == "=":
                    b -= 1
                st["headings"] += 1
                if a == 1 and docs == "articles":
                    close()
            k = a
            while k < b:
                tok = norm(t[k], lowercase)
                dropped = tok in drop
                if join and t[k] in WJ:
                    tok, dropped = WJ[t[k]], False
                while (join and k + 2 < b and t[k + 1] in WJ and
                       t[k + 2] not in WJ and t[k] not in WJ):
                    part = norm(t[k + 2], lowercase)
                    tok += WJ[t[k + 1]] + part
                    dropped = dropped or part in drop
                    k += 2
                if dropped or tok in drop:
                    st["dropped"] += 1
                elif not punctuation and not any(is_word(c) for c in tok):
                    st["punct"] += 1
                else:
                    cur.append(tok)
                k += 1
        if docs == "lines":
            close()
    close()
    return alldocs, st


def counts_of(docs):
    c = {}
    for d in docs:
        for t in d:
            c[t] = c.get(t, 0) + 1
    order = sorted(c, key=lambda w: (-c[w], w.encode("utf-8")))
    return order, np.array([c[w] for w in order], dtype=np.int64)


def write_cfg(name, entries):
    path = os.path.join(TMP, name + ".yml")
    with open(path, "w", encoding="utf-8") as f:
        f.write("corpora:\n")
        for key, e in entries.items():
            f.write("  %s:\n" % key)
            for k, v in e.items():
                f.write("    %s: %s\n" % (k, json.dumps(v)))
    return path


# ------------------------------------------------------------- statistics

def zipf_mle(counts, xmin=0, min_tail=50):
    """Clauset et al. 2009 discrete MLE with the KS xmin scan (freq.h)."""
    v = np.sort(counts[counts > 0]).astype(np.float64)
    m = len(v)

    def fit(k, x0):
        tail = v[k:]
        n = len(tail)
        ml = np.log(tail).sum() / n
        res = scipy.optimize.minimize_scalar(
            lambda a: np.log(scipy.special.zeta(a, x0)) + a * ml,
            bounds=(1.0000001, 50.0), method="bounded",
            options={"xatol": 1e-12, "maxiter": 500})
        a = res.x
        z0 = scipy.special.zeta(a, x0)
        # KS at the distinct values
        vals, idx = np.unique(tail, return_index=True)
        last = np.r_[idx[1:], n]  # one past the last index of each value
        s = last / n
        f = 1 - scipy.special.zeta(a, vals + 1) / z0
        return a, np.abs(s - f).max(), n

    if xmin > 0:
        k = np.searchsorted(v, xmin)
        a, ks, n = fit(k, float(xmin))
        return {"alpha": a, "ks": ks, "xmin": xmin, "ntail": n, "ncand": 1}
    best = None
    ncand = 0
    for k in range(m):
        if k > 0 and v[k] == v[k - 1]:
            continue
        if m - k < max(min_tail, 2) or v[-1] == v[k]:
            break
        ncand += 1
        a, ks, n = fit(k, v[k])
        if best is None or ks < best["ks"]:
            best = {"alpha": a, "ks": ks, "xmin": int(v[k]), "ntail": n}
    best["ncand"] = ncand
    return best


def check_stats(tag, cfg, name, counts, r1, r2, xmin, min_tail):
    got = ccjson("stats", cfg, name, r1, r2, xmin, min_tail)
    p = counts / counts.sum()
    close(tag + " entropy", got["entropy"], scipy.stats.entropy(p, base=2))
    report(tag + " hapax", got["hapax"] == int((counts == 1).sum()),
           "%s vs %s" % (got["hapax"], (counts == 1).sum()))
    n = len(counts)
    hi = n if r2 <= 0 or r2 > n else r2
    r = np.arange(r1, hi + 1)
    slope, icpt = np.polyfit(np.log10(r), np.log10(counts[r1 - 1:hi]), 1)
    close(tag + " zipf LS alpha", got["zipf_ls"]["alpha"], -slope, 1e-8)
    close(tag + " zipf LS intercept", got["zipf_ls"]["intercept"], icpt, 1e-8)
    ref = zipf_mle(counts, xmin, min_tail)
    zm = got["zipf_mle"]
    report(tag + " zipf MLE xmin", zm["xmin"] == ref["xmin"] and
           zm["ntail"] == ref["ntail"] and zm["ncandidates"] == ref["ncand"],
           "C xmin %s ntail %s cand %s, scipy %s %s %s" % (
               zm["xmin"], zm["ntail"], zm["ncandidates"], ref["xmin"],
               ref["ntail"], ref["ncand"]))
    # both optimisers stop within ~1e-9 of the maximum
    close(tag + " zipf MLE alpha", zm["alpha"], ref["alpha"], 1e-7)
    close(tag + " zipf MLE KS", zm["ks"], ref["ks"], 1e-6)
    return got


def union(wa, ca, wb, cb):
    ia = {w: i for i, w in enumerate(wa)}
    words = list(wa) + [w for w in wb if w not in ia]
    ib = {w: i for i, w in enumerate(wb)}
    A = np.array([ca[ia[w]] if w in ia else 0 for w in words], dtype=float)
    B = np.array([cb[ib[w]] if w in ib else 0 for w in words], dtype=float)
    return words, A, B


def check_compare(tag, cfg, na, nb, wa, ca, wb, cb, alpha, alpha0, k):
    got = ccjson("compare", cfg, na, nb, alpha, alpha0, k)
    words, A, B = union(wa, ca, wb, cb)
    report(tag + " union size", got["union"] == len(words),
           "%s vs %s" % (got["union"], len(words)))
    P = (A + alpha) / (A.sum() + alpha * len(A))
    Q = (B + alpha) / (B.sum() + alpha * len(B))
    close(tag + " KL(a||b)", got["kl_ab"], scipy.stats.entropy(P, Q, base=2))
    close(tag + " KL(b||a)", got["kl_ba"], scipy.stats.entropy(Q, P, base=2))
    close(tag + " JS", got["js"],
          jensenshannon(A / A.sum(), B / B.sum(), base=2) ** 2, 1e-8)
    N = A.sum() + B.sum()
    joint = np.vstack([A, B]) / N
    pw = joint.sum(0)
    pd = joint.sum(1)
    nz = joint > 0
    outer = np.outer(pd, pw)
    mi = (joint[nz] * np.log2(joint[nz] / outer[nz])).sum()
    close(tag + " MI", got["mi"], mi, 1e-8)
    close(tag + " H(D)", got["hd"], scipy.stats.entropy(pd, base=2))
    a = alpha0 * (A + B) / N
    na_, nb_ = A.sum(), B.sum()
    delta = (np.log((A + a) / (na_ + alpha0 - A - a)) -
             np.log((B + a) / (nb_ + alpha0 - B - a)))
    z = delta / np.sqrt(1 / (A + a) + 1 / (B + a))
    for side, key in ((1, "top_a"), (-1, "top_b")):
        order = sorted([i for i in range(len(z)) if z[i] * side > 0],
                       key=lambda i: (-z[i] * side, i))[:k]
        want = [words[i] for i in order]
        have = [e["word"] for e in got[key]]
        report(tag + " log-odds " + key, have == want,
               "C %s, numpy %s" % (have[:5], want[:5]))
        if have == want:
            worst = max(abs(e["z"] - z[i]) / abs(z[i])
                        for e, i in zip(got[key], order))
            report(tag + " log-odds z " + key, worst <= 1e-9,
                   "relative error %g" % worst)
    return got


def cooc_ref(docs, w2i, ntypes, window, harmonic, n):
    rows, cols, vals = [], [], []
    marg = np.zeros(ntypes)
    # all documents in one id array; pairs may not cross a boundary
    ids = np.array([w2i[t] for d in docs for t in d], dtype=np.int64)
    docid = np.repeat(np.arange(len(docs)), [len(d) for d in docs])
    for k in range(1, window + 1):
        if len(ids) > k:
            same = docid[:-k] == docid[k:]
            a, b = ids[:-k][same], ids[k:][same]
            wt = 1.0 / k if harmonic else 1.0
            marg += wt * (np.bincount(a, minlength=ntypes) +
                          np.bincount(b, minlength=ntypes))
            m = (a < n) & (b < n)
            rows += [a[m], b[m]]
            cols += [b[m], a[m]]
            vals += [np.full(m.sum(), wt)] * 2
    r = np.concatenate(rows) if rows else np.zeros(0, np.int64)
    c = np.concatenate(cols) if cols else np.zeros(0, np.int64)
    v = np.concatenate(vals) if vals else np.zeros(0)
    X = scipy.sparse.coo_matrix((v, (r, c)), shape=(n, n)).toarray()
    return X, marg


def ppmi_ref(X, marg, cds):
    total = marg.sum()
    z = total if cds == 1 else (marg[marg > 0] ** cds).sum()
    n = X.shape[0]
    mw = marg[:n]
    mc = mw ** cds
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(X * z / np.outer(mw, mc))
    pmi[~np.isfinite(pmi)] = 0
    return np.maximum(pmi, 0)


def check_cooc(tag, cfg, name, docs, words, window, harmonic, n, cds, k):
    dump = os.path.join(TMP, "cooc.bin")
    got = ccjson("cooc", cfg, name, window, harmonic, n, cds, k, dump)
    n = got["n"]
    w2i = {w: i for i, w in enumerate(words)}
    X, marg = cooc_ref(docs, w2i, len(words), window, harmonic, n)
    Xc = np.fromfile(dump, dtype=np.float64).reshape(n, n)
    err = np.abs(Xc - X).max()
    report(tag + " counts block", err <= 1e-9 * max(1, X.max()),
           "max |diff| %g" % err)
    close(tag + " total", got["total"], marg.sum())
    report(tag + " marginals", np.allclose(got["marg"], marg[:len(got["marg"])],
                                           rtol=1e-12, atol=0), "differ")
    P = ppmi_ref(X, marg, cds)
    Pc = np.fromfile(dump + ".ppmi", dtype=np.float64).reshape(n, n)
    err = np.abs(Pc - P).max()
    report(tag + " PPMI block", err <= 1e-10 * max(1, P.max()),
           "max |diff| %g" % err)
    sv = np.linalg.svd(P, compute_uv=False)
    svc = np.array(got["sv"])
    err = np.abs(svc - sv).max() / sv[0]
    report(tag + " PPMI singular values", err <= 1e-10,
           "max |diff| / s1 = %g" % err)
    p = sv / sv.sum()
    ent = scipy.stats.entropy(p, base=2)
    close(tag + " spectral entropy", got["entropy"], ent, 1e-9)
    close(tag + " top-k energy", got["top_energy"],
          (sv[:got["k"]] ** 2).sum() / (sv ** 2).sum(), 1e-9)
    report(tag + " rank", got["rank"] == np.linalg.matrix_rank(P),
           "%s vs %s" % (got["rank"], np.linalg.matrix_rank(P)))
    return got


# ------------------------------------------------------------- cross-space

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


def check_linmap(tag, pa, pb, lam, frac, seed, normalize, cand, maxpairs):
    wdump = os.path.join(TMP, "w.bin")
    got = ccjson("linmap", pa, pb, lam, frac, seed, normalize, cand, maxpairs,
                 wdump)
    wa, A = load_glove(pa)
    wb, B = load_glove(pb)
    ib = {w: i for i, w in enumerate(wb)}
    shared = [w for w in wa if w in ib]
    if maxpairs > 0:
        shared = shared[:maxpairs]
    report(tag + " shared words", got["shared"] == len(shared),
           "%s vs %s" % (got["shared"], len(shared)))
    ia = {w: i for i, w in enumerate(wa)}
    test = got["test"]
    ts = set(test)
    train = [w for w in shared if w not in ts]
    report(tag + " split", len(train) == got["ntrain"] and
           len(test) == got["ntest"] and ts <= set(shared), "sizes differ")
    X = A[[ia[w] for w in train]]
    Y = B[[ib[w] for w in train]]
    Xt = A[[ia[w] for w in test]]
    Yt = B[[ib[w] for w in test]]
    if normalize:   # in float32, as kern/norm's rows_normalize
        X, Y, Xt, Yt = (M / np.linalg.norm(M, axis=1, keepdims=True)
                        for M in (X, Y, Xt, Yt))
    X = X.astype(np.float64)
    Y = Y.astype(np.float64)
    W = np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T @ Y)
    Wc = np.fromfile(wdump, dtype=np.float32).reshape(W.shape)
    err = np.abs(Wc - W).max() / np.abs(W).max()
    report(tag + " ridge W", err <= 1e-6, "max |diff| / max|W| = %g" % err)
    XW = (Xt.astype(np.float32) @ Wc).astype(np.float32)
    res = np.linalg.norm(XW.astype(np.float64) - Yt, axis=1)
    err = np.abs(res - np.array(got["resid"])).max() / res.mean()
    report(tag + " residuals", err <= 1e-5, "relative %g" % err)
    close(tag + " mean residual", got["mean_resid"], res.mean(), 1e-5)
    if cand == "all":
        C = B
        gold = np.array([ib[w] for w in test])
    else:
        C = B[[ib[w] for w in shared]]
        gold = np.array([shared.index(w) for w in test])
    Cn = C / np.linalg.norm(C, axis=1, keepdims=True)
    Qn = XW / np.linalg.norm(XW, axis=1, keepdims=True)
    S = Qn @ Cn.T
    # the 5 best per row, ties by the lower id (as knn_search)
    part = np.argpartition(-S, 5, axis=1)[:, :5]
    top = np.array([sorted(r, key=lambda j: (-S[i, j], j))
                    for i, r in enumerate(part)])
    p1 = (top[:, 0] == gold).mean()
    p5 = (top == gold[:, None]).any(1).mean()
    # float32 near-ties may reorder a candidate or two
    tol = 2.0 / len(test)
    close(tag + " P@1", got["p1"], p1, 0, tol)
    close(tag + " P@5", got["p5"], p5, 0, tol)
    return got


def check_anerr(tag, space, questions):
    tsv = os.path.join(TMP, "anerr.tsv")
    got = ccjson("anerr", space, questions, tsv)
    words, M = load_glove(space)
    idx = {w: i for i, w in enumerate(words)}
    U = M.astype(np.float64)
    U /= np.linalg.norm(U, axis=1, keepdims=True)
    worst, eps = 0.0, []
    ncorrect = 0
    qwords = set()
    with open(tsv, encoding="utf8") as f:
        for line in f:
            _, a, b, c, d, e, ok = line.rstrip("\n").split("\t")
            qwords.update((a, b, c, d))
            v = U[idx[b]] - U[idx[a]] + U[idx[c]] - U[idx[d]]
            ref = np.linalg.norm(v)
            eps.append(ref)
            ncorrect += int(ok)
            worst = max(worst, abs(float(e) - ref) / ref)
    report(tag + " per-question error", worst <= 1e-9, "relative %g" % worst)
    close(tag + " mean error", got["mean_eps"], np.mean(eps), 1e-9)
    report(tag + " correct count", got["ncorrect"] == ncorrect,
           "%s vs %s" % (got["ncorrect"], ncorrect))
    qw = sorted(set(idx[w] for w in qwords))
    ubar = U[qw].mean(axis=0)
    report(tag + " question words", got["nwords"] == len(qw),
           "%s vs %s" % (got["nwords"], len(qw)))
    close(tag + " chance error", got["chance"],
          2 * np.sqrt(1 - ubar @ ubar), 1e-9)
    return got


# --------------------------------------------------------------------- runs

def vocab_check(tag, cfg, name, docs, st):
    out = cc("vocab", cfg, name).split("\n")
    head = out[0].split()
    got = [tuple(l.split("\t")) for l in out[1:] if l]
    words, counts = counts_of(docs)
    want = [(w, str(c)) for w, c in zip(words, counts)]
    if got != want:
        diff = [(g, w) for g, w in zip(got, want) if g != w][:3]
        report(tag + " vocabulary", False, "first differences %s (C %d, "
               "Python %d types)" % (diff, len(got), len(want)))
    else:
        report(tag + " vocabulary", True)
    # "#tokens N types N docs N lines N dropped N punct N headings N"
    report(tag + " documents", int(head[5]) == len(docs),
           "C %s, Python %d" % (head[5], len(docs)))
    report(tag + " dropped/punct", int(head[9]) == st["dropped"] and
           int(head[11]) == st["punct"],
           "C %s/%s, Python %d/%d" % (head[9], head[11], st["dropped"],
                                      st["punct"]))
    dl = [int(x) for x in cc("docs", cfg, name).split()]
    report(tag + " document lengths", dl == [len(d) for d in docs], "differ")
    return words, counts


def fixtures():
    lines = os.path.join(FIX, "tiny.lines")
    wt = os.path.join(FIX, "tiny.wikitext")
    cfg = write_cfg("fix", {
        "tw": {"file": lines},
        "twp": {"file": lines, "punctuation": True, "lowercase": False},
        "wt": {"file": wt, "format": "wikitext", "drop": ["<UNK>"]},
        "wtl": {"file": wt, "format": "wikitext", "join_wikitext": False,
                "documents": "lines", "punctuation": True},
    })
    res = {}
    for name, fmt, kw in (
            ("tw", "lines", {}),
            ("twp", "lines", {"punctuation": True, "lowercase": False}),
            ("wt", "wikitext", {"drop": ["<UNK>"]}),
            ("wtl", "wikitext", {"join": False, "docs": "lines",
                                 "punctuation": True})):
        docs, st = load_corpus(lines if fmt == "lines" else wt, fmt, **kw)
        words, counts = vocab_check("fixture " + name, cfg, name, docs, st)
        res[name] = (docs, words, counts)
    docs, words, counts = res["wt"]
    check_stats("fixture wt", cfg, "wt", counts, 1, 0, 1, 2)
    check_compare("fixture wt/tw", cfg, "wt", "tw", res["wt"][1],
                  res["wt"][2], res["tw"][1], res["tw"][2], 0.5, 10.0, 5)
    for window, harmonic, cds in ((2, 0, 1.0), (3, 1, 0.75)):
        check_cooc("fixture wt cooc w%d h%d cds%g" % (window, harmonic, cds),
                   cfg, "wt", docs, words, window, harmonic, 20, cds, 3)


def small_spaces():
    """Two random spaces sharing 60 words, B ≈ A·R + noise."""
    rng = np.random.default_rng(7)
    wa = ["w%03d" % i for i in range(80)]
    wb = ["w%03d" % i for i in range(20, 100)] + ["x%02d" % i for i in range(30)]
    A = rng.standard_normal((80, 6)).astype(np.float32)
    R = rng.standard_normal((6, 4))
    B = rng.standard_normal((len(wb), 4)).astype(np.float32)
    for i, w in enumerate(wb):
        if w in wa:
            B[i] = A[wa.index(w)] @ R + 0.1 * rng.standard_normal(4)
    pa, pb = os.path.join(TMP, "a.txt"), os.path.join(TMP, "b.txt")
    for path, words, M in ((pa, wa, A), (pb, wb, B)):
        with open(path, "w") as f:
            for w, v in zip(words, M):
                f.write(w + " " + " ".join("%.8g" % x for x in v) + "\n")
    return pa, pb


def real():
    corpora = os.path.join(DATA, "corpora")
    wiki = os.path.join(corpora, "wikitext2_valid_test.txt")
    tw = os.path.join(corpora, "twitter_en_US.txt")
    if not (os.path.exists(wiki) and os.path.exists(tw)):
        print("SKIP: real corpora (no %s)" % corpora)
        return
    cfg = write_cfg("real", {
        "wiki": {"file": wiki, "format": "wikitext", "drop": ["<unk>"]},
        "twitter": {"file": tw},
    })
    wdocs, st = load_corpus(wiki, "wikitext", drop=["<unk>"])
    ww, wc = vocab_check("wikitext", cfg, "wiki", wdocs, st)
    tdocs, st = load_corpus(tw, "lines")
    tww, twc = vocab_check("twitter", cfg, "twitter", tdocs, st)
    check_stats("wikitext", cfg, "wiki", wc, 1, 1000, 0, 50)
    check_stats("twitter", cfg, "twitter", twc, 1, 1000, 0, 50)
    check_stats("twitter xmin=5", cfg, "twitter", twc, 10, 0, 5, 50)
    check_compare("wiki/twitter", cfg, "wiki", "twitter", ww, wc, tww, twc,
                  0.01, 1000.0, 20)
    check_cooc("wikitext cooc", cfg, "wiki", wdocs, ww, 2, 0, 300, 1.0, 10)
    check_cooc("twitter cooc cds", cfg, "twitter", tdocs, tww, 4, 1, 300,
               0.75, 10)


def real_spaces():
    ga = os.path.join(DATA, "glove.6B.100d.top50k.txt")
    gb = os.path.join(DATA, "glove.twitter.27B.25d.top12k.txt")
    qw = os.path.join(DATA, "questions-words.txt")
    if not all(os.path.exists(p) for p in (ga, gb, qw)):
        print("SKIP: GloVe linear map and analogy error (no %s)" % DATA)
        return
    check_linmap("glove100->twitter25", ga, gb, 1.0, 0.2, 1, 0, "all", 0)
    check_linmap("twitter25->glove100 unit shared", gb, ga, 0.5, 0.25, 3, 1,
                 "shared", 0)
    check_anerr("twitter25 analogy", gb, qw)


def main():
    fixtures()
    pa, pb = small_spaces()
    check_linmap("small linmap", pa, pb, 0.0, 0.25, 5, 0, "all", 0)
    check_linmap("small linmap unit shared", pa, pb, 0.1, 0.3, 9, 1,
                 "shared", 50)
    real()
    real_spaces()
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
