#!/bin/sh
# tests/tokspace/suite.sh: token spaces (rows: tokens) through the vecdoc
# binary: a 10-piece WordPiece space (and a 15-piece one with more words,
# for :filter: words) and a 262-piece byte-level BPE space, all
# hand-made, so that every neighbour and score is checkable by hand.
# {nearest} with each :pieces: policy, :filter: words in {nearest},
# {analogy} and {unembed}, #id lookups,
# every directive that looks words up with :pieces: mean and first
# against numpy/scipy/networkx/scikit-learn (evaluations, {analogy-error},
# {sequence-cosine}, {tsne}'s KL divergence and {dbscan}'s labels
# included),
# pieces shown readably, captions and notes naming the pieces used, and
# the bad declarations.
. "$SRCDIR/tests/lib.sh"
W=$(mktemp -d "${TMPDIR:-/tmp}/vecdoc-tokspace.XXXXXX")
trap 'rm -rf "$W" "$W-out"' EXIT
PY=/usr/bin/python3

expect_eq() {
	if [ "$2" = "$3" ]; then pass; else fail "$1: got '$2', wanted '$3'"; fi
}
run() { "$VECDOC" run -C "$W" "$@" 2>&1; }

cd "$W" || exit 1
printf '[PAD]\n[UNK]\n[CLS]\nplay\n##ing\n##ed\nthe\n,\n##s\nhello\n' >vocab.txt
cat >wp.txt <<'EOF'
[PAD] 0 0 1
[UNK] 0 1 0
[CLS] 1 0 0
play 1 1 0
##ing 1 -1 0
##ed 1 0.5 0
the 0 1 1
, 0.9 0.2 0
##s 1 0 0.1
hello 0.5 0.5 0.5
EOF
cat >vecdoc.yml <<'EOF'
title: t
spaces:
  wp:
    path: wp.txt
    format: glove
    rows: tokens
    tokenizer: {kind: wordpiece, vocab: vocab.txt}
  words:
    path: wp.txt
    format: glove
EOF

# 1. {nearest}: playing = play + ##ing, mean (1, 0, 0); the pieces are
# excluded; cosines 1, 0.99504 (##s), 0.97619 (",").
expect_eq "nearest mean" "$(run nearest --space wp --k 3 --words playing)" \
    '{"directive":"nearest","provenance":"wp · wp.txt · xxh3 80d43c21 · 10 × 3","items":[{"table":"nearest-1","columns":["#","word","similarity"],"rows":[[1,"[CLS]",1],[2,"##s",0.9950371384620667],[3,",",0.9761870503425598]]}]}'
# first: play (1, 1, 0): ##ed 0.94868, "," 0.84366
expect_eq "nearest first" "$(run nearest --space wp --k 2 --pieces first --words playing)" \
    '{"directive":"nearest","provenance":"wp · wp.txt · xxh3 80d43c21 · 10 × 3","items":[{"table":"nearest-1","columns":["#","word","similarity"],"rows":[[1,"##ed",0.9486832618713379],[2,",",0.8436614274978638]]}]}'
# all + words: one table per piece; only hello, the, play are words
expect_eq "nearest all, words" "$(run nearest --space wp --k 3 --pieces all --filter words --words playing)" \
    '{"directive":"nearest","provenance":"wp · wp.txt · xxh3 80d43c21 · 10 × 3","items":[{"table":"nearest-1","columns":["#","word","similarity"],"rows":[[1,"hello",0.8164966106414795],[2,"the",0.5],[3,null,null]]},{"table":"nearest-2","columns":["#","word","similarity"],"rows":[[1,"play",0],[2,"hello",0],[3,"the",-0.5]]}]}'
# #id and a piece spelt as the vocabulary does
expect_eq "nearest #3 = play" "$(run nearest --space wp --k 1 --words '#3')" \
    "$(run nearest --space wp --k 1 --words play)"
expect_eq "nearest ##ing" "$(run nearest --space wp --k 1 --words '##ing' | grep -o '"rows":.*')" \
    '"rows":[[1,"[CLS]",0.7071067690849304]]}]}'

# 2. Captions say which pieces were used (a built page).
mkdir -p m
printf -- '---\ntitle: T\n---\n' >index.md
printf -- '---\ntitle: M\n---\n' >m/index.md
cat >m/a.md <<'EOF'
---
title: A
weight: 10
---

```{nearest}
:space: wp
:k: 2
playing play
```

```{nearest}
:space: wp
:k: 1
:pieces: all
playing
```

```{analogy}
:space: wp
:k: 2
play : ##ing :: the
```
EOF
"$VECDOC" build -C "$W" -o "$W-out" >/dev/null 2>&1 || fail "build of the token-space page"
expect_eq "captions" "$(grep -o '<caption>[^<]*</caption>' "$W-out/m/a.html")" \
    "<caption>2 nearest neighbours of 'playing [play + ##ing: mean]'</caption>
<caption>2 nearest neighbours of 'play'</caption>
<caption>1 nearest neighbours of 'playing [play, piece 1 of 2]'</caption>
<caption>1 nearest neighbours of 'playing [##ing, piece 2 of 2]'</caption>
<caption>play : ##ing :: the : ?</caption>"
rm -rf m index.md

# 3. :pieces: in every directive that looks words up: a word of several
# pieces is their mean (default) or its first piece; all is refused
# where the directive has no table per word.
expect_eq ":pieces: all refused" "$(run similarity-matrix --space wp --pieces all --words 'playing,the')" \
    "<command line>:2: error: ':pieces: all' makes one table per piece, which {similarity-matrix} does not; use ':pieces: mean' or ':pieces: first'"
expect_eq ":pieces: all refused ({analogy})" "$(run analogy --space wp --pieces all --body 'play : playing :: the')" \
    "<command line>:2: error: ':pieces: all' makes one table per piece, which {analogy} does not; use ':pieces: mean' or ':pieces: first'"
# {analogy-sweep} ranks rows: its expected answer is one piece, and not
# one the question words used
expect_eq "sweep: answer of several pieces" "$(run analogy-sweep --space wp --body 'the : hello :: play : playing')" \
    "<command line>:3:1: error: the expected answer 'playing' is 2 pieces; the sweep ranks rows: write one piece or its #id"
expect_eq "sweep: answer a piece of a question word" "$(run analogy-sweep --space wp --body 'playing : hello :: the : play')" \
    "<command line>:3:1: error: the expected answer 'play' is a piece of a question word (they are left out)"
expect_eq "sweep: an unknown word" "$(run analogy-sweep --space wp --body 'the : hello :: play : xyzzy')" \
    "<command line>:3:1: error: token space 'wp': \"xyzzy\" has a piece the vocabulary lacks ([UNK])"
expect_eq ":pieces: on a word space ({rsa})" "$(run rsa --a words --b words --pieces first --words 'play,the,hello')" \
    "<command line>:3: error: :pieces: applies to token spaces (rows: tokens); neither 'words' nor 'words' is one"
expect_eq ":pieces: on a word space ({token-heatmap})" "$(run token-heatmap --space words --pieces first --body 'play')" \
    "<command line>:2: error: :pieces: applies to token spaces (rows: tokens); 'words' is not one"
expect_eq "unknown piece" "$(run nearest --space wp --words xyz)" \
    "<command line>:2: error: token space 'wp': \"xyz\" has a piece the vocabulary lacks ([UNK])"
expect_eq "id out of range" "$(run nearest --space wp --words '#10')" \
    "<command line>:2: error: token space 'wp': token id #10 is out of range (0 to 9)"
expect_eq ":pieces: on a word space" "$(run nearest --space words --pieces first --words play)" \
    "<command line>:2: error: :pieces: and :filter: apply to token spaces (rows: tokens); 'words' is not one"
expect_eq "similarity labels" "$(run similarity-matrix --space wp --words '##ing,#3' | grep -o '"rowlabels":[^]]*]')" \
    '"rowlabels":["##ing","play"]'

# {token-heatmap}: the target is looked up as words are (here a piece);
# play . ##ing = 0, ##ed . ##ing = 0.5 / (1.118 * 1.414) = 0.31623
expect_eq "heatmap target piece" "$(run token-heatmap --space wp --measure cosine-target --target '##ing' --body 'played playing' | grep -o '"tokens".*')" \
    '"tokens":["play","##ed","play","##ing"],"values":[0,0.31622776601683794,0,0.9999999999999998]}]}'
# {rsa} of a token space with itself on pieces and ids: rho 1
expect_eq "rsa on pieces" "$(run rsa --a wp --b wp --words 'play,#4,the,hello,[CLS],##s' | grep -o '\["wp vs wp",6,1,1')" '["wp vs wp",6,1,1'

# 3b. The numbers of :pieces: mean and first against numpy (gensim's
# analogy arithmetic, scipy's correlations): {similarity-matrix},
# {analogy}, {rsa} against a word space, {token-heatmap}'s target.
cat >w2.txt <<'EOF'
play 1 0 0 2
playing 0 1 0 1
played 1 1 1 0
the 0 0 1 1
hello 2 1 0 0
EOF
# wf: 15 pieces, 7 of them words (play the hello cat dog run walk), the
# others a continuation, punctuation, digits or special, some of them
# nearer the queries than any word: what :filter: words hides
printf '[PAD]\n[UNK]\nplay\n##ing\nthe\n,\n##s\nhello\ncat\ndog\n.\n42\nrun\n##ed\nwalk\n' >vocab2.txt
cat >wf.txt <<'EOF'
[PAD] 0.1 0.1 0.1 0.9
[UNK] 0.2 0.9 0.1 0.1
play 1 0.2 0.1 0
##ing 0.9 -0.5 0.3 0.1
the 0.1 1 0.8 0
, 0.8 0.3 0.2 0.1
##s 0.7 0.1 0.5 0.2
hello 0.4 0.6 0.5 0.3
cat 0.6 0.1 0.9 0.2
dog 0.5 0.2 1 0.1
. 0.3 0.8 0.9 0.1
42 0.9 0.4 0.6 0.3
run 0.2 0.3 0.4 0.9
##ed 1 0.3 -0.2 0.4
walk 0.3 -0.2 0.7 0.6
EOF
cat >>vecdoc.yml <<'EOF'
  w2:
    path: w2.txt
    format: glove
  wf:
    path: wf.txt
    format: glove
    rows: tokens
    tokenizer: {kind: wordpiece, vocab: vocab2.txt}
files:
  pairs: { path: pairs.txt }
  questions: { path: questions.txt }
corpora:
  text: { path: text.txt, format: lines }
EOF
# word pairs with one the tokenizer cannot read ([UNK]), analogy
# questions whose answer is one piece, several pieces, or unknown, and a
# two-line text of words of one and of several pieces
printf 'playing\tthe\t5\nplayed\thello\t3\nplay\tplaying\t8\nthe\thello\t1\nplayed\tthe\t4\nxyzzy\tthe\t2\n' >pairs.txt
printf ': one\nplay playing the hello\nthe hello played play\nplayed play hello the\n: two\nhello the play playing\nthe play hello xyzzy\nplaying play hello ##s\n' >questions.txt
printf 'playing the hello played\nplay the played hello playing\n' >text.txt
expect_eq ":pieces: all refused ({analogy-eval})" "$(run analogy-eval --space wp --pieces all --file questions)" \
    "<command line>:2: error: ':pieces: all' makes one table per piece, which {analogy-eval} does not; use ':pieces: mean' or ':pieces: first'"
# :filter: words on a word space: {nearest}'s diagnostic (numbers below)
expect_eq ":filter: on a word space ({analogy})" "$(run analogy --space words --filter words --body 'play : the :: hello')" \
    "<command line>:2: error: :pieces: and :filter: apply to token spaces (rows: tokens); 'words' is not one"
expect_eq ":filter: on a word space ({unembed})" "$(run unembed --space words --filter words --body 'the')" \
    "<command line>:2: error: :pieces: and :filter: apply to token spaces (rows: tokens); 'words' is not one"
expect_eq ":filter: bad value ({unembed})" "$(run unembed --space wf --filter letters --body 'the')" \
    "<command line>:2: error: option ':filter:' must be one of none, words, not 'letters'"
# {analogy-error} takes :pieces: as {analogy-eval} does (numbers below)
expect_eq ":pieces: bad value ({analogy-error})" "$(run analogy-error --spaces wp --pieces median --file questions)" \
    "<command line>:2: error: option ':pieces:' must be one of mean, first, all, not 'median' (did you mean 'mean'?)"
expect_eq ":pieces: all refused ({analogy-error})" "$(run analogy-error --spaces wp --pieces all --file questions)" \
    "<command line>:2: error: ':pieces: all' makes one table per piece, which {analogy-error} does not; use ':pieces: mean' or ':pieces: first'"
expect_eq ":pieces: on word spaces ({analogy-error})" "$(run analogy-error --spaces words,w2 --pieces first --file questions)" \
    "<command line>:2: error: :pieces: applies to token spaces (rows: tokens); none of 'words', 'w2' is one"
expect_eq ":pieces: on a word space ({sequence-cosine})" "$(run sequence-cosine --space words --pieces first --corpora text)" \
    "<command line>:2: error: :pieces: applies to token spaces (rows: tokens); 'words' is not one"
if ! "$PY" -c 'import numpy, scipy' 2>/dev/null; then
	skip "tokspace: numpy and scipy are needed for the :pieces: numbers"
else
	"$PY" - "$VECDOC" "$W" >checks.txt 2>&1 <<'EOF'
import json, subprocess, sys
import numpy as np
from scipy.stats import pearsonr, spearmanr
vecdoc, root = sys.argv[1], sys.argv[2]
names, rows = [], []
for line in open(root + "/wp.txt"):
    f = line.split()
    names.append(f[0]); rows.append([float(x) for x in f[1:]])
M = np.array(rows, dtype=np.float32)
ix = {n: i for i, n in enumerate(names)}
pieces = {"playing": ["play", "##ing"], "played": ["play", "##ed"],
    "the": ["the"], "hello": ["hello"], "play": ["play"]}
def vec(w, pol):
    p = pieces[w]
    if pol == "first" or len(p) == 1:
        return M[ix[p[0]]].astype(np.float64)
    return np.mean([M[ix[q]].astype(np.float64) for q in p], axis=0)
def used(w, pol):
    p = pieces[w]
    return [ix[q] for q in (p[:1] if pol == "first" else p)]
def cos(a, b):
    return float(np.dot(a, b) / np.linalg.norm(a) / np.linalg.norm(b))
def run(*args):
    out = subprocess.run([vecdoc, "run", "-C", root] + list(args),
        capture_output=True, text=True)
    return json.loads(out.stdout)
def check(name, got, want, tol=1e-6):
    ok = len(got) == len(want) and all(
        (abs(g - w) <= tol if isinstance(w, float) else g == w)
        for g, w in zip(got, want))
    print(("PASS " if ok else "FAIL ") + name +
        ("" if ok else ": got %r, wanted %r" % (got, want)))
for pol in ("mean", "first"):
    ws = ["playing", "the", "played", "hello"]
    r = run("similarity-matrix", "--space", "wp", "--pieces", pol,
        "--words", ",".join(ws))
    cells = r["items"][0]["chart"]["cells"]
    want = [cos(vec(a, pol), vec(b, pol)) for a in ws for b in ws]
    check("similarity-matrix " + pol, cells, want)
    check("similarity-matrix labels " + pol,
        r["items"][0]["chart"]["rowlabels"], ws)
    # analogy play : playing :: the, gensim's 3CosAdd and 3CosMul
    a, b, c = vec("play", pol), vec("playing", pol), vec("the", pol)
    u = lambda v: v / np.linalg.norm(v)
    q = u((u(b) + u(c) - u(a)) / 3)
    ex = set(used("play", pol) + used("playing", pol) + used("the", pol))
    cs = [cos(q, M[i]) for i in range(len(names))]
    mul = [((1 + cos(b, M[i])) / 2) * ((1 + cos(c, M[i])) / 2) /
        ((1 + cos(a, M[i])) / 2 + 1e-6) for i in range(len(names))]
    r = run("analogy", "--space", "wp", "--k", "3", "--pieces", pol,
        "--body", "play : playing :: the")
    got = r["items"][0]["rows"]
    for meth, sc, col in (("3CosAdd", cs, 1), ("3CosMul", mul, 3)):
        best = sorted((i for i in range(len(names)) if i not in ex),
            key=lambda i: (-round(sc[i], 6), i))[:3]
        # vecdoc's float32 may order near-ties (1e-6 apart) otherwise:
        # each answer's own score, and the scores in order
        check("analogy %s %s words" % (meth, pol),
            [sc[ix[x[col]]] for x in got if ix[x[col]] not in ex],
            [x[col + 1] for x in got], 1e-5)
        check("analogy %s %s scores" % (meth, pol),
            [x[col + 1] for x in got], [sc[i] for i in best], 1e-5)
    # rsa of wp against the word space w2 on the same five words
    ws = ["play", "playing", "played", "the", "hello"]
    W2 = {l.split()[0]: np.array([float(x) for x in l.split()[1:]])
        for l in open(root + "/w2.txt")}
    da = [1 - cos(vec(ws[i], pol), vec(ws[j], pol))
        for i in range(5) for j in range(i + 1, 5)]
    db = [1 - cos(W2[ws[i]], W2[ws[j]]) for i in range(5)
        for j in range(i + 1, 5)]
    r = run("rsa", "--a", "wp", "--b", "w2", "--pieces", pol, "--words",
        " ".join(ws))
    row = r["items"][0]["rows"][0]
    check("rsa " + pol, row[1:4], [5, float(spearmanr(da, db)[0]),
        float(pearsonr(da, db)[0])])
    # projection (PCA): explained variance of the words' vectors
    ws = ["playing", "the", "hello", "##s"] + (["played"] if pol == "mean" else [])
    pieces["##s"] = ["##s"]
    X = np.array([vec(w, pol) for w in ws])
    ev = np.linalg.svd(X - X.mean(axis=0), compute_uv=False) ** 2
    r = run("projection", "--space", "wp", "--pieces", pol, "--words",
        " ".join(ws))
    var = [t for t in r["items"] if t.get("table") == "projection-variance"][0]
    check("projection " + pol, [x[1] for x in var["rows"]],
        [float(100 * e / ev.sum()) for e in ev[:2]], 1e-4)
    # unembed: playing - play + the, top-3 by cosine
    v = vec("playing", pol) - vec("play", pol) + vec("the", pol)
    cs = sorted((cos(M[i], v) for i in range(len(names))), reverse=True)
    r = run("unembed", "--space", "wp", "--k", "3", "--pieces", pol,
        "--body", "playing - play + the")
    got = [t for t in r["items"] if t.get("table") == "cosine"][0]["rows"]
    check("unembed " + pol, [x[2] for x in got], cs[:3])
    check("unembed names " + pol, [cos(M[ix[x[1]]], v) for x in got], cs[:3])
    # semantic-axis: mean of the unit positive poles minus the negative
    # ones; the words' cosines with it
    pieces["##s"] = ["##s"]
    u = lambda w: vec(w, pol) / np.linalg.norm(vec(w, pol))
    ax = (u("playing") + u("hello")) / 2 - (u("the") + u("##s")) / 2
    r = run("semantic-axis", "--space", "wp", "--pieces", pol, "--pos",
        "playing,hello", "--neg", "the,##s", "--words", "played,hello")
    got = {x[0]: x[1] for x in [t for t in r["items"]
        if t.get("table") == "projection"][0]["rows"]}
    summ = [t for t in r["items"] if t.get("table") == "summary"][0]
    check("semantic-axis " + pol,
        [summ["rows"][0][4]] + [got[w] for w in ("played", "hello")],
        [float(np.linalg.norm(ax))] +
        [cos(vec(w, pol), ax) for w in ("played", "hello")])
    # cosine-correlation: cosine and Pearson r of pairs of words
    r = run("cosine-correlation", "--space", "wp", "--pieces", pol,
        "--body", "playing the\nplayed play")
    got = r["items"][0]["rows"]
    want = []
    for a_, b_ in (("playing", "the"), ("played", "play")):
        x, y = vec(a_, pol), vec(b_, pol)
        want += [cos(x, y), cos(x - x.mean(), y - y.mean())]
    check("cosine-correlation " + pol, [got[0][1], got[0][2], got[1][1],
        got[1][2]], want)
    # token-heatmap: each token's cosine with the target playing
    r = run("token-heatmap", "--space", "wp", "--measure", "cosine-target",
        "--target", "playing", "--pieces", pol, "--body", "played the hello")
    toks = r["items"][1]["tokens"]
    check("token-heatmap " + pol, r["items"][1]["values"],
        [cos(M[ix[t]], vec("playing", pol)) for t in toks])
    # word-pairs-eval: cosines of the pieces' vectors against the gold
    # scores; xyzzy is [UNK], its pair skipped
    pairs = [l.split("\t") for l in open(root + "/pairs.txt")]
    gold = [float(p[2]) for p in pairs if p[0] in pieces and p[1] in pieces]
    model = [cos(vec(p[0], pol), vec(p[1], pol)) for p in pairs
        if p[0] in pieces and p[1] in pieces]
    r = run("word-pairs-eval", "--space", "wp", "--pieces", pol, "--files",
        "pairs", "--chart", "false")
    row = r["items"][0]["rows"][0]
    check("word-pairs-eval " + pol, row[1:7], [5, 100 / 6,
        float(pearsonr(gold, model)[0]), row[4],
        float(spearmanr(gold, model)[0]), row[6]], 1e-4)
    # analogy-eval: 3CosAdd over the ten pieces, the question words' own
    # rows left out (a word of several pieces has no row of its own, its
    # pieces stay candidates); an answer of several pieces or unknown is
    # skipped
    def predict(a, b, c):
        uu = lambda v: v / np.linalg.norm(v)
        q = uu(uu(vec(b, pol)) + uu(vec(c, pol)) - uu(vec(a, pol)))
        ex = set()
        for w in (a, b, c):
            if len(pieces[w]) == 1:
                ex.add(ix[pieces[w][0]])
        sc = sorted(((cos(q, M[i]), i) for i in range(len(names))
            if i not in ex), key=lambda t: (-t[0], t[1]))
        if sc[0][0] - sc[1][0] < 1e-4:
            print("FAIL analogy-eval fixture: a near-tie for", a, b, c)
        return sc[0][1]
    pieces["##s"] = ["##s"]
    want = {"one": [0, 0], "two": [0, 0]}
    sec = None
    for l in open(root + "/questions.txt"):
        f = l.split()
        if l.startswith(":"):
            sec = f[1]
            continue
        if f[3] not in pieces or len(pieces[f[3]]) > 1:
            continue
        ok = predict(f[0], f[1], f[2]) == ix[f[3]]
        want[sec][0 if ok else 1] += 1
    r = run("analogy-eval", "--space", "wp", "--pieces", pol, "--file",
        "questions", "--chart", "false")
    got = r["items"][0]["rows"]
    check("analogy-eval " + pol, [got[0][1], got[0][2], got[1][1],
        got[1][2]], want["one"] + want["two"])
    check("analogy-eval skipped " + pol, [r["items"][0]["scalars"]
        ["skipped-oov"]], [2])
    # analogy-sweep: the rank of the answer at alpha = beta = 1, every
    # piece of the question words left out
    for qq in ("play : playing :: the : hello", "played : play :: the : ##s"):
        a, b, c, gw = qq.replace(":", " ").split()
        uu = lambda v: v / np.linalg.norm(v)
        q = uu(uu(vec(b, pol)) + uu(vec(c, pol)) - uu(vec(a, pol)))
        ex = set(used(a, pol) + used(b, pol) + used(c, pol))
        g = ix[gw]
        rank = 1 + sum(1 for i in range(len(names)) if i not in ex and
            i != g and (cos(q, M[i]) > cos(q, M[g]) + 1e-6))
        r = run("analogy-sweep", "--space", "wp", "--pieces", pol,
            "--alpha", "1", "--beta", "1", "--body", qq)
        check("analogy-sweep " + pol + " " + qq,
            [r["items"][0]["rows"][0][3]], [rank])
    # sequence-cosine: mean cosine of neighbouring words, lag 1
    docs = [l.split() for l in open(root + "/text.txt")]
    lag1 = [cos(vec(d[i], pol), vec(d[i + 1], pol)) for d in docs
        for i in range(len(d) - 1)]
    r = run("sequence-cosine", "--space", "wp", "--pieces", pol,
        "--corpora", "text", "--lags", "1", "--shuffles", "2")
    check("sequence-cosine " + pol, [r["items"][1]["rows"][0][1],
        r["items"][1]["rows"][0][4]], [9, float(np.mean(lag1))], 1e-5)
    # analogy-error: the questions of analogy-eval, each word looked up
    # by the tokenizer; eps = |b^ - a^ + c^ - d^| on unit vectors, chance
    # 2 sqrt(1 - |mean unit vector|^2) over the distinct vectors of the
    # answered questions (a word of several pieces one of its own)
    def key(w):
        return ix[pieces[w][0]] if len(pieces[w]) == 1 else w
    qs, sec, nq, noov = [], None, 0, 0
    for l in open(root + "/questions.txt"):
        f = l.split()
        if l.startswith(":"):
            continue
        nq += 1
        if any(w not in pieces for w in f) or len(pieces[f[3]]) > 1:
            noov += 1
            continue
        qs.append(f)
    eps, right, seen = [], [], {}
    for a_, b_, c_, d_ in qs:
        uu = lambda w: vec(w, pol) / np.linalg.norm(vec(w, pol))
        eps.append(float(np.linalg.norm(uu(b_) - uu(a_) + uu(c_) - uu(d_))))
        right.append(predict(a_, b_, c_) == ix[d_])
        for w in (a_, b_, c_, d_):
            seen[key(w)] = uu(w)
    ubar = np.mean(list(seen.values()), axis=0)
    chance = 2 * float(np.sqrt(1 - ubar @ ubar))
    er = [e for e, ok in zip(eps, right) if ok]
    ew = [e for e, ok in zip(eps, right) if not ok]
    nan = float("nan")
    r = run("analogy-error", "--spaces", "wp", "--pieces", pol, "--file",
        "questions")
    row = r["items"][0]["rows"][0]
    want = [len(qs), noov, 100 * sum(right) / len(qs), float(np.mean(eps)),
        float(np.mean(er)) if er else None,
        float(np.mean(ew)) if ew else None, chance,
        float(np.mean(eps)) / chance]
    check("analogy-error " + pol, row[1:], want)
    # {contrastive}: the candidates' cosines with the query and their
    # softmax at each temperature, InfoNCE loss, entropy in bits
    cands = ["played", "the", "hello", "##s"]
    cc = np.array([cos(vec("playing", pol), vec(w, pol)) for w in cands])
    r = run("contrastive", "--space", "wp", "--pieces", pol, "--query",
        "playing", "--positive", "played", "--negatives", "the,hello,##s",
        "--tau", "0.1,1")
    summ, probs = r["items"][0]["rows"], r["items"][1]["rows"]
    got, want = [], []
    for j, tau in enumerate((0.1, 1)):
        p_ = np.exp(cc / tau) / np.exp(cc / tau).sum()
        got += [summ[j][1], summ[j][2], summ[j][3]] + [x[2 + j] for x in probs]
        want += [float(p_[0]), float(-np.log(p_[0])),
            float(-(p_ * np.log2(p_)).sum())] + [float(x) for x in p_]
    check("contrastive " + pol, [x[0] for x in probs] +
        [x[1] for x in probs] + got, cands + [float(x) for x in cc] + want)
    # {metric-compare}: the k best rows by Euclidean distance, dot product
    # and cosine, the query's pieces left out; each name's own score, and
    # the scores in order (ties in the dot products)
    qv = vec("playing", pol)
    ex = set(used("playing", pol))
    cand = [i for i in range(len(names)) if i not in ex]
    sc = {"euclidean": [float(np.linalg.norm(M[i] - qv)) for i in range(len(names))],
        "dot": [float(M[i] @ qv) for i in range(len(names))],
        "cosine": [cos(M[i], qv) for i in range(len(names))]}
    r = run("metric-compare", "--space", "wp", "--pieces", pol, "--k", "3",
        "--words", "playing")
    got = r["items"][1]["rows"]
    for col, m in ((1, "euclidean"), (3, "dot"), (5, "cosine")):
        best = sorted((sc[m][i] for i in cand), reverse=m != "euclidean")[:3]
        check("metric-compare %s %s" % (m, pol),
            [sc[m][ix[x[col]]] for x in got if ix[x[col]] not in ex] +
            [x[col + 1] for x in got], [x[col + 1] for x in got] + best, 1e-5)
    # {similarity-graph}: an edge where the cosine is at least 0.55;
    # every word's degree and clustering coefficient (networkx)
    ws = ["playing", "played", "the", "hello", "##s", "[CLS]"]
    pieces["[CLS]"] = ["[CLS]"]
    try:
        import networkx as nx
    except ImportError:
        nx = None
        print("SKIP similarity-graph: networkx is missing")
    if nx is not None:
        g = nx.Graph()
        g.add_nodes_from(ws)
        for i in range(len(ws)):
            for j in range(i + 1, len(ws)):
                c_ = cos(vec(ws[i], pol), vec(ws[j], pol))
                if abs(c_ - 0.55) < 1e-3:
                    print("FAIL similarity-graph fixture: a cosine at the threshold")
                if c_ >= 0.55:
                    g.add_edge(ws[i], ws[j])
        r = run("similarity-graph", "--space", "wp", "--pieces", pol,
            "--threshold", "0.55", "--chart", "false", "--words", ",".join(ws))
        summ = r["items"][0]["rows"][0]
        nodes = {x[0]: x for x in r["items"][1]["rows"]}
        cl = nx.clustering(g)
        check("similarity-graph " + pol, [summ[1], summ[2]] +
            [nodes[w][1] for w in ws] + [nodes[w][4] for w in ws],
            [len(ws), g.number_of_edges()] + [g.degree[w] for w in ws] +
            [float(cl[w]) for w in ws])
    # {submatrix-spectrum}: singular values of the group's unit rows as
    # shares of their sum, effective rank exp(H), sigma_1's share
    grp = ["playing", "the", "hello", "##s"]
    X = np.array([vec(w, pol) / np.linalg.norm(vec(w, pol)) for w in grp])
    sv = np.linalg.svd(X, compute_uv=False)
    sh = sv / sv.sum()
    r = run("submatrix-spectrum", "--space", "wp", "--pieces", pol, "--top",
        "10", "--draws", "2", "--body", "g: " + ", ".join(grp))
    ser = [x for x in r["items"][0]["chart"]["series"] if x["name"] == "g"][0]
    row = r["items"][1]["rows"][0]
    check("submatrix-spectrum " + pol, ser["y"] + row[1:4], [float(x)
        for x in sh] + [len(grp), float(np.exp(-sum(x * np.log(x)
        for x in sh if x > 0))), float(100 * sh[0])])
    # {cosine-scatter}: each pair's cosine in wp (pieces) and in w2, their
    # Pearson r and Spearman rho, mean |difference|, mean difference
    ws = ["play", "playing", "played", "the", "hello"]
    xa = [cos(vec(ws[i], pol), vec(ws[j], pol)) for i in range(5)
        for j in range(i + 1, 5)]
    yb = [cos(W2[ws[i]], W2[ws[j]]) for i in range(5) for j in range(i + 1, 5)]
    r = run("cosine-scatter", "--a", "wp", "--b", "w2", "--pieces", pol,
        "--words", ",".join(ws))
    ser = r["items"][0]["chart"]["series"][0]
    row = r["items"][1]["rows"][0]
    d_ = np.array(yb) - np.array(xa)
    check("cosine-scatter " + pol, ser["x"] + ser["y"] + row,
        xa + yb + [10, float(pearsonr(xa, yb)[0]),
        float(spearmanr(xa, yb)[0]), float(np.abs(d_).mean()),
        float(d_.mean())])
    # {tsne}: scikit-learn's P (binary search on beta, squared Euclidean
    # distances, perplexity 2, every other word a neighbour) from the
    # words' vectors, Q from vecdoc's own map: KL(P || Q) is the KL
    # divergence reported (sklearn computes it one step before the end)
    ws = ["playing", "the", "hello", "##s", "[PAD]", "[UNK]"]
    for w in ws:
        pieces.setdefault(w, [w])
    X = np.array([vec(w, pol) for w in ws])
    n = len(X)
    D = ((X[:, None, :] - X[None, :, :]) ** 2).sum(-1).astype(np.float32)
    C = np.zeros((n, n))
    for i in range(n):
        d = np.delete(D[i], i).astype(np.float64)
        beta, lo, hi = 1.0, -np.inf, np.inf
        for _ in range(100):
            pp = np.exp(-d * beta)
            sp = pp.sum() or 1e-8
            pp /= sp
            hh = np.log(sp) + beta * (d * pp).sum()
            if abs(hh - np.log(2)) <= 1e-5:
                break
            if hh > np.log(2):
                lo = beta
                beta = beta * 2 if hi == np.inf else (beta + hi) / 2
            else:
                hi = beta
                beta = beta / 2 if lo == -np.inf else (beta + lo) / 2
        C[i, [j for j in range(n) if j != i]] = pp
    P = C + C.T
    P /= P.sum()
    r = run("tsne", "--space", "wp", "--pieces", pol, "--perplexity", "2",
        "--words", ",".join(ws))
    xy = {x[0]: (x[2], x[3]) for x in r["items"][2]["rows"]}
    Y = np.array([xy[w] for w in ws])
    qq = 1 / (1 + ((Y[:, None, :] - Y[None, :, :]) ** 2).sum(-1))
    np.fill_diagonal(qq, 0)
    Q = qq / qq.sum()
    off = ~np.eye(n, dtype=bool)
    kl = float((P[off] * np.log(np.maximum(P[off], 1e-12) /
        np.maximum(Q[off], 1e-12))).sum())
    check("tsne KL " + pol, [r["items"][1]["rows"][0][6]], [kl], 1e-5)
    # {dbscan}: the labels of scikit-learn's DBSCAN (cosine distance,
    # eps 0.15, min_samples 2) on the words' vectors
    ws = ["playing", "the", "hello", "##s", "[PAD]", "##ed", "[UNK]"]
    for w in ws:
        pieces.setdefault(w, [w])
    X = np.array([vec(w, pol) for w in ws])
    try:
        from sklearn.cluster import DBSCAN
    except ImportError:
        DBSCAN = None
        print("SKIP dbscan: scikit-learn is missing")
    if DBSCAN is not None:
        cd = [1 - cos(X[i], X[j]) for i in range(len(ws)) for j in range(i)]
        if any(abs(x - 0.15) < 1e-3 for x in cd):
            print("FAIL dbscan fixture: a distance at eps")
        lab = DBSCAN(eps=0.15, min_samples=2, metric="cosine").fit(X).labels_
        r = run("dbscan", "--space", "wp", "--pieces", pol, "--eps", "0.15",
            "--min-samples", "2", "--words", ",".join(ws))
        got = {x[0]: x[2] for x in r["items"][3]["rows"]}
        check("dbscan " + pol, [got[w] for w in ws], [int(x) for x in lab])
    # :filter: words in {analogy} and {unembed} over wf: the lists of
    # numpy's scores with the pieces that are not words left out
    names2, rows2 = [], []
    for line in open(root + "/wf.txt"):
        f = line.split()
        names2.append(f[0]); rows2.append([float(x) for x in f[1:]])
    M2 = np.array(rows2, dtype=np.float32).astype(np.float64)
    ix2 = {n: i for i, n in enumerate(names2)}
    isword = {"play", "the", "hello", "cat", "dog", "run", "walk"}
    pieces2 = {"playing": ["play", "##ing"], "play": ["play"],
        "the": ["the"], "cat": ["cat"], "dog": ["dog"], "run": ["run"]}
    def vec2(w):
        p = pieces2[w]
        if pol == "first" or len(p) == 1:
            return M2[ix2[p[0]]]
        return np.mean([M2[ix2[x]] for x in p], axis=0)
    def top_words(sc, ex, k):
        best = sorted((i for i in range(len(names2)) if i not in ex and
            names2[i] in isword), key=lambda i: (-sc[i], i))[:k]
        if any(abs(sc[best[j]] - sc[best[j + 1]]) < 1e-4
            for j in range(len(best) - 1)):
            print("FAIL :filter: fixture: a near-tie")
        return [names2[i] for i in best], [float(sc[i]) for i in best]
    for qq in ("play : playing :: the", "cat : dog :: run"):
        a_, b_, c_ = qq.replace(":", " ").split()
        a, b, c = vec2(a_), vec2(b_), vec2(c_)
        u = lambda v: v / np.linalg.norm(v)
        q = u(u(b) + u(c) - u(a))
        ex = set(ix2[x] for w in (a_, b_, c_) for x in
            (pieces2[w][:1] if pol == "first" else pieces2[w]))
        cs = [float(q @ u(M2[i])) for i in range(len(names2))]
        mul = [((1 + u(b) @ u(M2[i])) / 2) * ((1 + u(c) @ u(M2[i])) / 2) /
            ((1 + u(a) @ u(M2[i])) / 2 + 1e-6) for i in range(len(names2))]
        r = run("analogy", "--space", "wf", "--k", "3", "--pieces", pol,
            "--filter", "words", "--body", qq)
        got = r["items"][0]["rows"]
        for meth, sc, col in (("3CosAdd", cs, 1), ("3CosMul", mul, 3)):
            wn, ws_ = top_words(sc, ex, 3)
            check("analogy :filter: words %s %s %s" % (meth, pol, qq),
                [x[col] for x in got] + [x[col + 1] for x in got],
                wn + ws_, 1e-5)
    v = vec2("playing") - vec2("play") + vec2("the")
    lg = M2 @ v
    pr = np.exp(lg - lg.max()) / np.exp(lg - lg.max()).sum()
    cs = [float(M2[i] @ v / np.linalg.norm(M2[i]) / np.linalg.norm(v))
        for i in range(len(names2))]
    r = run("unembed", "--space", "wf", "--k", "3", "--pieces", pol,
        "--filter", "words", "--body", "playing - play + the")
    lt = [t for t in r["items"] if t.get("table") == "logits"][0]["rows"]
    ct = [t for t in r["items"] if t.get("table") == "cosine"][0]["rows"]
    wn, ws_ = top_words(lg, set(), 3)
    check("unembed :filter: words logits " + pol, [x[1] for x in lt] +
        [x[2] for x in lt] + [x[3] for x in lt],
        wn + ws_ + [float(pr[ix2[w]]) for w in wn], 1e-5)
    wn, ws_ = top_words(cs, set(), 3)
    check("unembed :filter: words cosine " + pol, [x[1] for x in ct] +
        [x[2] for x in ct], wn + ws_, 1e-5)
EOF
	while read -r verdict rest; do
		case $verdict in
		PASS) pass ;;
		FAIL) fail "$rest" ;;
		SKIP) skip "$rest" ;;
		*) fail "numpy check: $verdict $rest" ;;
		esac
	done <checks.txt
fi
# the notes and captions of a built page say which pieces were used
mkdir -p m
printf -- '---\ntitle: T\n---\n' >index.md
printf -- '---\ntitle: M\n---\n' >m/index.md
cat >m/a.md <<'EOF'
---
title: A
weight: 10
---

```{similarity-matrix}
:space: wp
playing the played
```

```{similarity-matrix}
:space: wp
:pieces: first
playing the
```

```{analogy}
:space: wp
:k: 1
play : playing :: the : hello
```

```{rsa}
:a: wp
:b: w2
:words: play playing played the hello
```

```{token-heatmap}
:space: wp
:measure: cosine-target
:target: playing
:pieces: first
played the
```
EOF
cat >m/b.md <<'EOF'
---
title: B
weight: 20
---

```{analogy-eval}
:space: wp
:file: questions
```

```{word-pairs-eval}
:space: wp
:files: pairs
:pieces: first
```

```{sequence-cosine}
:space: wp
:corpora: text
:lags: 1
```

```{analogy-sweep}
:space: wp
:alpha: 1
:beta: 1
play : playing :: the : hello
```
EOF
cat >m/c.md <<'EOF'
---
title: C
weight: 30
---

```{analogy-error}
:spaces: wp, w2
:file: questions
:pieces: first
```
EOF
"$VECDOC" build -C "$W" -o "$W-out" >/dev/null 2>&1 || fail "build of the :pieces: page"
expect_eq "pieces notes (evaluations)" "$(grep -o 'words of several[^<]*[^< ]\|word types of several[^<]*[^< ]\|skipped because the tokenizer[^;]*\|each word of several[^<]*[^< ]' "$W-out/m/b.html")" \
    "skipped because the tokenizer does not know a word or the answer is not one piece of the first 10 rows
words of several pieces, each the mean of its pieces (never an answer): playing = play + ##ing, played = play + ##ed
words of several pieces, each its first piece (never an answer): playing = play + ##ing, played = play + ##ed
word types of several pieces, each the mean of its pieces
each word of several pieces is their mean: playing = play + ##ing"
expect_eq "pieces notes" "$(grep -o '<caption>[^<]*</caption>\|each word of several[^<]*[^< ]\|vd-colorbar-label">[^<]*' "$W-out/m/a.html")" \
    "<caption>Cosine similarity (values)</caption>
each word of several pieces is their mean: playing = play + ##ing, played = play + ##ed
<caption>Cosine similarity (values)</caption>
each word of several pieces is its first piece: playing = play + ##ing → play
<caption>play : playing [play + ##ing: mean] :: the : ?</caption>
<caption>Representational similarity of the two spaces</caption>
each word of several pieces is their mean: playing = play + ##ing, played = play + ##ed
vd-colorbar-label\">cosine with the target (playing [play + ##ing: first])"
# {analogy-error} over a token space and a word space: the word space's
# note as before, then the token space's pieces policy
expect_eq "pieces notes (analogy-error)" "$(grep -o 'each space answers[^<]*[^< ]' "$W-out/m/c.html")" \
    "each space answers the questions whose four words it knows, so the question sets differ (see the counts); wp is a token space: answers are its pieces, never a question word's own row, and a question is skipped when the tokenizer does not know a word or the answer is not one piece; words of several pieces, each its first piece (never an answer): playing = play + ##ing, played = play + ##ed"
rm -rf m index.md "$W-out"

# 4. Byte-level BPE: pieces shown with visible marks, looked up back.
if ! "$PY" -c 'import numpy' 2>/dev/null; then
	skip "tokspace: numpy is needed to write the BPE space"
else
	mkdir -p bpe
	"$PY" - <<'EOF' || fail "making the BPE space"
import json, numpy as np
def bc(b):
    if 33 <= b <= 126 or 161 <= b <= 172 or 174 <= b <= 255:
        return chr(b)
    n = sum(1 for k in range(b) if not (33 <= k <= 126 or 161 <= k <= 172 or 174 <= k <= 255))
    return chr(256 + n)
enc = {bc(b): b for b in range(256)}
for i, p in enumerate(["he", "ll", "hell", "hello", "\u0120hello", "lo"]):
    enc[p] = 256 + i
json.dump(enc, open("bpe/encoder.json", "w"))
open("bpe/vocab.bpe", "w").write("#version: 0.2\nh e\nl l\nhe ll\nhell o\n\u0120 hello\nl o\n")
m = np.zeros((262, 2), dtype="<f4")
m[:, 0] = 1
m[:, 1] = np.arange(262) % 7   # seven directions, ties by row id
np.save("bpe/m.npy", m)
EOF
	cat >bpe/vecdoc.yml <<'EOF'
title: b
spaces:
  gpt:
    path: m.npy
    vocab: encoder.json
    rows: tokens
    tokenizer: {kind: bpe, vocab: encoder.json, merges: vocab.bpe}
EOF
	rb() { "$VECDOC" run -C "$W/bpe" "$@" 2>&1; }
	# hello in running text is Ġhello (row 260, 260 % 7 = 1), shown ␣hello
	expect_eq "bpe labels" "$(rb similarity-matrix --space gpt --words 'hello,#259,#10,#32' | grep -o '"rowlabels":[^]]*]')" \
	    '"rowlabels":["␣hello","hello","↵","␣"]'
	# the same direction as row 1: rows 8, 15, 22, ... (<0x08>, <0x0F>,
	# <0x16>: control bytes; JSON escapes "<"); words only: G (71), N
	# (78), U (85), past "+", "2", "9", "@"
	expect_eq "bpe neighbours shown" "$(rb nearest --space gpt --k 3 --words '#1' | grep -o '"rows":.*')" \
	    '"rows":[[1,"\u003c0x08>",1],[2,"\u003c0x0F>",1],[3,"\u003c0x16>",1]]}]}'
	expect_eq "bpe neighbours, words only" "$(rb nearest --space gpt --k 3 --filter words --words '#1' | grep -o '"rows":.*')" \
	    '"rows":[[1,"G",1],[2,"N",1],[3,"U",1]]}]}'
	expect_eq "bpe heatmap tips" "$(rb token-heatmap --space gpt --body 'hello hello' | grep -o 'data-tip=\\"[^\\]*' | tr '\n' ' ')" \
	    'data-tip=\"hello: 1.000 data-tip=\"␣hello: 1.414 '
	expect_eq "bpe display spelt back" "$(rb nearest --space gpt --k 1 --words '␣hello')" \
	    "$(rb nearest --space gpt --k 1 --words 'hello')"
	# {analogy-error} reads "hello" as running text, ␣hello (#260, in
	# direction 1), not the piece hello (#259, direction 0)
	printf 'files:\n  q: { path: q.txt }\n  q260: { path: q260.txt }\n  q259: { path: q259.txt }\n' >>bpe/vecdoc.yml
	printf ': s\nhello #3 #2 #5\n' >bpe/q.txt
	printf ': s\n#260 #3 #2 #5\n' >bpe/q260.txt
	printf ': s\n#259 #3 #2 #5\n' >bpe/q259.txt
	ae() { rb analogy-error --spaces gpt --file "$1" | grep -o '"rows":.*'; }
	expect_eq "bpe analogy-error: hello is ␣hello" "$(ae q)" "$(ae q260)"
	[ "$(ae q)" != "$(ae q259)" ] && pass || fail "bpe analogy-error: hello read as the piece hello"
fi

# 5. Declarations.
cat >vecdoc.yml <<'EOF'
title: t
spaces:
  wp:
    path: wp.txt
    rows: tokens
EOF
expect_eq "rows: tokens without a tokenizer" "$(run nearest --space wp --words play | head -n 1)" \
    "$W/vecdoc.yml:5:11: error: wp: rows: tokens needs a tokenizer: of kind bpe or wordpiece (its pieces name the rows)"

# 6. A token space's rows are its tokenizer's pieces, one each: checked
# when the space is opened, whatever reads it ({projection} looks no
# word up), reported once at the declaration and at each directive.
mkdir -p rows
cp vocab.txt rows/
{ cat wp.txt; echo 'extra 1 2 3'; } >rows/wp11.txt
head -n 9 wp.txt >rows/wp9.txt
cat >rows/vecdoc.yml <<'EOF'
title: r
spaces:
  wp11:
    path: wp11.txt
    format: glove
    rows: tokens
    tokenizer: {kind: wordpiece, vocab: vocab.txt}
  wp9:
    path: wp9.txt
    format: glove
    rows: tokens
    tokenizer: {kind: wordpiece, vocab: vocab.txt}
  padded:
    path: padded.safetensors
    tensor: wte
    rows: tokens
    tokenizer: {kind: wordpiece, vocab: vocab.txt}
  words11:
    path: wp11.txt
    format: glove
EOF
# a padded matrix as GPT-2's: 12 rows (F32, 12 x 2) for 10 pieces
"$PY" - rows/padded.safetensors <<'EOF' || fail "making the padded tensor"
import json, struct, sys
h = json.dumps({"wte": {"dtype": "F32", "shape": [12, 2],
    "data_offsets": [0, 96]}}).encode()
h += b" " * (-len(h) % 8)
open(sys.argv[1], "wb").write(struct.pack("<Q", len(h)) + h +
    struct.pack("<24f", *range(24)))
EOF
rr() { "$VECDOC" run -C "$W/rows" "$@" 2>&1; }
expect_eq "rows: one more than the pieces" "$(rr projection --space wp11 --top 5)" \
    "$W/rows/vecdoc.yml:3:3: error: space 'wp11': wp11.txt has 11 rows but its tokenizer's vocabulary vocab.txt has 10 pieces: a token space (rows: tokens) has one row per piece (padding rows? vecdoc does not drop rows silently)
<command line>:1: error: space 'wp11': wp11.txt has 11 rows but its tokenizer's vocabulary vocab.txt has 10 pieces: a token space (rows: tokens) has one row per piece (padding rows? vecdoc does not drop rows silently)"
expect_eq "rows: fewer than the pieces" "$(rr nearest --space wp9 --words play)" \
    "$W/rows/vecdoc.yml:8:3: error: space 'wp9': wp9.txt has 9 rows but its tokenizer's vocabulary vocab.txt has 10 pieces: a token space (rows: tokens) has one row per piece
<command line>:1: error: space 'wp9': wp9.txt has 9 rows but its tokenizer's vocabulary vocab.txt has 10 pieces: a token space (rows: tokens) has one row per piece"
expect_eq "rows: a padded tensor" "$(rr projection --space padded --top 5 | head -n 1)" \
    "$W/rows/vecdoc.yml:13:3: error: space 'padded': padded.safetensors has 12 rows but its tokenizer's vocabulary vocab.txt has 10 pieces: a token space (rows: tokens) has one row per piece (padding rows? vecdoc does not drop rows silently)"
# the same file as a space of words is fine
expect_eq "rows: words are not checked" "$(rr projection --space words11 --top 5 | grep -c '^{"directive":"projection"')" 1
# a page: the declaration once, each directive at its place
mkdir -p rows/m
printf -- '---\ntitle: T\n---\n' >rows/index.md
printf -- '---\ntitle: M\n---\n' >rows/m/index.md
printf -- '---\ntitle: A\n---\n\n```{projection}\n:space: wp11\n:top: 5\n```\n\n```{svd-spectrum}\n:space: wp11\n```\n' >rows/m/a.md
expect_eq "rows: vecdoc check" "$("$VECDOC" check --quiet -C "$W/rows" 2>&1 | sed 's/: error: .*/: error/')" \
    "$W/rows/vecdoc.yml:3:3: error
$W/rows/m/a.md:6:1: error
$W/rows/m/a.md:11:1: error
vecdoc check: 3 errors, 0 warnings"

finish tokspace
