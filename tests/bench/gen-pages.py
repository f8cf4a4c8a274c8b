#!/usr/bin/env python3
"""Writes N synthetic lesson pages (~1,500 words each: headings, lists, a
table, code blocks, inline math) as a vecdoc content tree and as the same
pages for a Hugo site. Deterministic (seeded)."""
import os, random, sys

n_pages = int(sys.argv[1])
vd, hg = sys.argv[2], sys.argv[3]
rnd = random.Random(42)
words = ("embedding vector cosine similarity token space norm model corpus "
         "neighbour analogy dimension matrix whitening anisotropy entropy "
         "frequency rank gradient softmax temperature projection subspace "
         "không gian nhúng độ tương tự côsin từ vựng ma trận chiều").split()

def para(k):
    return " ".join(rnd.choice(words) for _ in range(k)).capitalize() + "."

def page(i):
    out = []
    for s in range(6):
        out.append(f"## Section {s} of page {i}\n")
        out.append(para(120) + " Inline math $x_{%d}^2 + \\cos\\theta$ here.\n" % s)
        out.append(para(80) + "\n")
        if s % 2 == 0:
            out.append("- " + para(8) + "\n- " + para(8) + "\n- " + para(8) + "\n")
        if s == 1:
            out.append("| word | score |\n|---|---:|\n" +
                       "".join(f"| {rnd.choice(words)} | {rnd.random():.3f} |\n" for _ in range(5)))
        if s == 3:
            out.append("```python\nimport numpy as np\nv = np.ones(100)\nprint(v @ v)\n```\n")
    return "\n".join(out)

mods = 10
per = n_pages // mods
os.makedirs(vd, exist_ok=True)
open(os.path.join(vd, "vecdoc.yml"), "w").write("title: Bench\nlanguage: en\n")
open(os.path.join(vd, "index.md"), "w").write("# Bench\n\nHome.\n")
hc = os.path.join(hg, "content")
os.makedirs(hc, exist_ok=True)
open(os.path.join(hc, "_index.md"), "w").write("---\ntitle: Bench\n---\nHome.\n")
for m in range(mods):
    d = os.path.join(vd, f"m{m:02d}")
    h = os.path.join(hc, f"m{m:02d}")
    os.makedirs(d, exist_ok=True)
    os.makedirs(h, exist_ok=True)
    fm = f"---\ntitle: Module {m}\nweight: {m}\n---\n"
    open(os.path.join(d, "index.md"), "w").write(fm + "Intro.\n")
    open(os.path.join(h, "_index.md"), "w").write(fm + "Intro.\n")
    for p in range(per):
        body = page(m * per + p)
        fm = f"---\ntitle: Lesson {m}.{p}\nweight: {p}\ndescription: Lesson {p}\n---\n\n"
        link = f"\nSee [the next lesson](p{(p + 1) % per:03d}.md).\n"
        open(os.path.join(d, f"p{p:03d}.md"), "w").write(fm + f"# Lesson {m}.{p}\n\n" + body + link)
        hlink = f"\nSee [the next lesson]({{{{< ref \"p{(p + 1) % per:03d}.md\" >}}}}).\n"
        open(os.path.join(h, f"p{p:03d}.md"), "w").write(fm + body + hlink)
