#!/usr/bin/python3
# tests/bench/train_ref.py: the Python side of `make bench-train`.
#   train_ref.py gensim TOKENS OUT SEED THREADS EPOCHS
#       gensim Word2Vec (sg=1, negative 5, window 5, min_count 5,
#       sample 1e-3, dim 100) on a token file, one sentence per line;
#       saves word2vec text, prints "seconds_total seconds_train".
#   train_ref.py eval SIMLEX QUESTIONS NAME=MODEL.txt...
#       SimLex-999 Spearman and analogy accuracy of every model with
#       gensim's evaluate_word_pairs / evaluate_word_analogies, on the
#       pairs and questions whose words all models know (and, in
#       brackets, on each model's own vocabulary), as tab-separated rows.
#   train_ref.py verdict EVAL.tsv
#       the quality verdicts on eval's rows: gensim-N against vecdoc-sN
#       (vecdoc's deterministic mode), other rows against gensim's range.
import os
import sys
import time


def gensim_train(tokens, out, seed, threads, epochs):
    from gensim.models import Word2Vec
    from gensim.models.word2vec import LineSentence
    t0 = time.perf_counter()
    m = Word2Vec(vector_size=100, window=5, min_count=5, sample=1e-3, sg=1,
                 hs=0, negative=5, workers=threads, seed=seed)
    sent = LineSentence(tokens)
    m.build_vocab(sent)
    t1 = time.perf_counter()
    m.train(sent, total_examples=m.corpus_count, epochs=epochs)
    t2 = time.perf_counter()
    m.wv.save_word2vec_format(out)
    t3 = time.perf_counter()
    print("%.3f %.3f" % (t3 - t0, t2 - t1))


def evaluate(simlex, questions, models):
    import logging
    from gensim.models import KeyedVectors
    logging.disable(logging.WARNING)
    kvs = []
    for spec in models:
        name, path = spec.split("=", 1)
        kvs.append((name, KeyedVectors.load_word2vec_format(path)))
    # the words every model knows, compared as gensim does (upper case)
    common = None
    for _, kv in kvs:
        up = {w.upper() for w in kv.index_to_key}
        common = up if common is None else common & up
    tmp = os.environ.get("TMPDIR", "/tmp")
    sl = os.path.join(tmp, "simlex.common.%d" % os.getpid())
    qw = os.path.join(tmp, "questions.common.%d" % os.getpid())
    npairs = nq = 0
    with open(simlex) as f, open(sl, "w") as g:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(parts) != 3:
                g.write(line)
                continue
            if parts[0].upper() in common and parts[1].upper() in common:
                g.write(line)
                npairs += 1
    with open(questions) as f, open(qw, "w") as g:
        for line in f:
            if line.startswith(":"):
                g.write(line)
                continue
            ws = line.split()
            if len(ws) == 4 and all(w.upper() in common for w in ws):
                g.write(line)
                nq += 1
    print("# common vocabulary: %d words; %d SimLex pairs, %d analogy "
          "questions" % (len(common), npairs, nq))
    print("model\tvocab\tsimlex_spearman\tanalogy_acc\t"
          "(own vocab: simlex, pairs%, analogy, questions)")
    for name, kv in kvs:
        p = kv.evaluate_word_pairs(sl)
        a, _ = kv.evaluate_word_analogies(qw)
        p2 = kv.evaluate_word_pairs(simlex)
        a2, secs = kv.evaluate_word_analogies(questions)
        total = [s for s in secs if s["section"] == "Total accuracy"][0]
        n2 = len(total["correct"]) + len(total["incorrect"])
        print("%s\t%d\t%.4f\t%.4f\t(%.4f, %.1f%% oov, %.4f, %d)" % (
            name, len(kv.index_to_key), p[1][0], a, p2[1][0], p2[2], a2, n2))
    os.unlink(sl)
    os.unlink(qw)


def verdict(path):
    import statistics
    import warnings
    from scipy.stats import ttest_ind
    rows = []
    with open(path) as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if line.startswith("#") or p[0] == "model" or len(p) < 4:
                continue
            rows.append((p[0], float(p[2]), float(p[3])))
    gs = [r for r in rows if r[0].startswith("gensim-")]
    vd = [r for r in rows if r[0].startswith("vecdoc-s")]
    others = [r for r in rows if r not in gs and r not in vd]
    if len(gs) < 2 or len(vd) < 2:
        print("  quality: needs at least 2 seeds of gensim and of vecdoc")
        return

    def inside(x, xs):
        return min(xs) <= x <= max(xs)

    for col, what in ((1, "SimLex "), (2, "analogy")):
        g = [r[col] for r in gs]
        v = [r[col] for r in vd]
        for tool, xs in (("gensim", g), ("vecdoc", v)):
            print("  quality %s %s seeds: %s; mean %.4f, sd %.4f, range "
                  "[%.4f, %.4f]" % (what, tool,
                                    " ".join("%.4f" % x for x in xs),
                                    statistics.mean(xs), statistics.stdev(xs),
                                    min(xs), max(xs)))
        m = statistics.mean(v)
        print("  quality %s vecdoc's mean %.4f in gensim's range [%.4f, "
              "%.4f]: %s" % (what, m, min(g), max(g),
                             "PASS" if inside(m, g) else
                             ("ABOVE (outside, better)" if m > max(g)
                              else "FAIL")))
        nin = sum(inside(x, g) for x in v)
        # calibration: each gensim run against the range of the others
        self_in = sum(inside(g[i], g[:i] + g[i + 1:]) for i in range(len(g)))
        print("  quality %s single runs: %d of %d vecdoc seeds inside "
              "gensim's range (%d above it); for scale, %d of %d gensim "
              "seeds are inside the range of gensim's other %d" % (
                  what, nin, len(v), sum(x > max(g) for x in v), self_in,
                  len(g), len(g) - 1))
        with warnings.catch_warnings():
            # identical numbers (a toy corpus) make t meaningless, not wrong
            warnings.simplefilter("ignore")
            t = ttest_ind(v, g, equal_var=False)
        print("  quality %s vecdoc - gensim = %+.4f (Welch t %.2f, "
              "p = %.2f)" % (what, m - statistics.mean(g), t.statistic,
                             t.pvalue))
        for r in others:
            print("  quality %s %s %.4f: %s gensim's range" % (
                what, r[0], r[col], "inside" if inside(r[col], g) else
                ("above" if r[col] > max(g) else "below")))


if __name__ == "__main__":
    if sys.argv[1] == "gensim":
        gensim_train(sys.argv[2], sys.argv[3], int(sys.argv[4]),
                     int(sys.argv[5]), int(sys.argv[6]))
    elif sys.argv[1] == "eval":
        evaluate(sys.argv[2], sys.argv[3], sys.argv[4:])
    elif sys.argv[1] == "verdict":
        verdict(sys.argv[2])
    else:
        sys.exit("usage: train_ref.py gensim|eval|verdict ...")
