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


if __name__ == "__main__":
    if sys.argv[1] == "gensim":
        gensim_train(sys.argv[2], sys.argv[3], int(sys.argv[4]),
                     int(sys.argv[5]), int(sys.argv[6]))
    elif sys.argv[1] == "eval":
        evaluate(sys.argv[2], sys.argv[3], sys.argv[4:])
    else:
        sys.exit("usage: train_ref.py gensim|eval ...")
