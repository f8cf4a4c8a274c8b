/*
 * data/model: the `models:` section of vecdoc.yml (see model.h) and
 * the names of the spaces a model gives. Training and the cache live in
 * data.c, which knows the corpora and the cache directory.
 * Reads a ynode tree; produces struct model_decl arrays. Never prints.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/model.h"
#include "util/xalloc.h"

static const char *const model_keys[] = { "corpus", "model", "dim", "window",
    "negative", "min-count", "sample", "alpha", "epochs", "seed", "seeds",
    "snapshots", "heldout", NULL };

/* A whole number of key "key" in [lo, hi]; *at records its place. */
static int
get_long(const struct ynode *m, const char *key, const char *file, long lo,
    long hi, long *out, struct model_place *at, struct diag *d)
{
	const struct ynode *v = ynode_get(m, key);
	long x;

	if (v == NULL)
		return 0;
	if (at != NULL) {
		at->line = v->line;
		at->col = v->col;
	}
	if (ynode_long(v, file, key, &x, d) < 0)
		return -1;
	if (x < lo || x > hi)
		return diag_fail(d, file, v->line, v->col, "%s: %ld is out of "
		    "range (%ld to %ld)", key, x, lo, hi);
	*out = x;
	return 0;
}

/* A list of whole numbers in [lo, hi], each once; "what" names one. */
static int
get_list(const struct ynode *v, const char *key, const char *file, long lo,
    long hi, long **out, size_t *n, struct diag *d)
{
	const struct ynode *it;
	size_t i, j;
	long x;

	if (v->kind != YNODE_SEQ || v->n == 0)
		return diag_fail(d, file, v->line, v->col, "%s: expected a "
		    "non-empty list of whole numbers, e.g. [1, 2, 3]", key);
	*out = xcalloc(v->n, sizeof(long));
	*n = 0;
	for (i = 0; i < v->n; i++) {
		it = v->vals[i];
		if (ynode_long(it, file, key, &x, d) < 0)
			return -1;
		if (x < lo || x > hi)
			return diag_fail(d, file, it->line, it->col, "%s: %ld "
			    "is out of range (%ld to %ld)", key, x, lo, hi);
		for (j = 0; j < *n; j++)
			if ((*out)[j] == x)
				return diag_fail(d, file, it->line, it->col,
				    "%s: %ld is listed twice", key, x);
		(*out)[(*n)++] = x;
	}
	return 0;
}

static int
model_parse(const struct ynode *m, const char *name, long line, int col,
    const char *file, struct model_decl *md, struct diag *d)
{
	const struct ynode *v;
	const char *s;
	long x, *list = NULL;
	size_t n = 0, i, j;
	double f;
	int t;

	md->name = xstrdup(name);
	md->file = file;
	md->line = line;
	md->col = col;
	w2v_params_init(&md->p, W2V_SGNS);
	md->min_count = 5;
	md->heldout = 10000;
	if (strpbrk(name, "@/ \t") != NULL || *name == '\0')
		return diag_fail(d, file, line, col, "model name \"%s\": '@', "
		    "'/' and spaces are reserved (NAME@SEED, NAME/eEPOCH)",
		    name);
	if (m->kind != YNODE_MAP)
		return diag_fail(d, file, m->line, m->col, "model %s: expected "
		    "a map with corpus: and hyperparameters", name);
	if (ynode_check_keys(m, file, "a model", model_keys, d) < 0)
		return -1;
	if ((v = ynode_get(m, "corpus")) == NULL)
		return diag_fail(d, file, line, col, "model %s: corpus: is "
		    "missing (the name of an entry of corpora:)", name);
	if (ynode_str(v, file, "corpus", &s, d) < 0)
		return -1;
	md->corpus = xstrdup(s);
	md->at_corpus.line = v->line;
	md->at_corpus.col = v->col;
	if ((v = ynode_get(m, "model")) != NULL) {
		if (ynode_str(v, file, "model", &s, d) < 0)
			return -1;
		if (strcmp(s, "sgns") == 0 || strcmp(s, "skipgram") == 0)
			w2v_params_init(&md->p, W2V_SGNS);
		else if (strcmp(s, "cbow") == 0)
			w2v_params_init(&md->p, W2V_CBOW);
		else
			return diag_fail(d, file, v->line, v->col, "model: "
			    "unknown value \"%s\" (known: sgns, cbow)", s);
	}
	x = md->p.dim;
	if (get_long(m, "dim", file, 1, W2V_MAX_DIM, &x, &md->at_dim, d) < 0)
		return -1;
	md->p.dim = (int)x;
	x = md->p.window;
	if (get_long(m, "window", file, 1, W2V_MAX_WINDOW, &x, &md->at_window,
	    d) < 0)
		return -1;
	md->p.window = (int)x;
	x = md->p.negative;
	if (get_long(m, "negative", file, 1, W2V_MAX_NEGATIVE, &x,
	    &md->at_negative, d) < 0)
		return -1;
	md->p.negative = (int)x;
	x = md->p.epochs;
	if (get_long(m, "epochs", file, 1, W2V_MAX_EPOCHS, &x, &md->at_epochs,
	    d) < 0)
		return -1;
	md->p.epochs = (int)x;
	if (get_long(m, "min-count", file, 1, 1000000000L, &md->min_count,
	    &md->at_min_count, d) < 0)
		return -1;
	if (get_long(m, "heldout", file, 0, 100000000L, &md->heldout, NULL,
	    d) < 0)
		return -1;
	if ((v = ynode_get(m, "sample")) != NULL) {
		if (ynode_double(v, file, "sample", &f, d) < 0)
			return -1;
		if (!(f >= 0 && f < 1))
			return diag_fail(d, file, v->line, v->col, "sample: %g "
			    "is out of range [0, 1)", f);
		md->p.sample = f;
	}
	if ((v = ynode_get(m, "alpha")) != NULL) {
		if (ynode_double(v, file, "alpha", &f, d) < 0)
			return -1;
		if (!(f > 0 && f <= 1))
			return diag_fail(d, file, v->line, v->col, "alpha: %g "
			    "is out of range (0, 1]", f);
		md->p.alpha = f;
	}
	if (ynode_get(m, "seed") != NULL && ynode_get(m, "seeds") != NULL) {
		v = ynode_get(m, "seeds");
		return diag_fail(d, file, v->line, v->col, "model %s: give "
		    "seed: or seeds:, not both", name);
	}
	if ((v = ynode_get(m, "seeds")) != NULL) {
		if (get_list(v, "seeds", file, 0, 2147483647L, &list, &n,
		    d) < 0) {
			free(list);
			return -1;
		}
	} else {
		x = 1;
		if (get_long(m, "seed", file, 0, 2147483647L, &x, NULL, d) < 0)
			return -1;
		list = xcalloc(1, sizeof(long));
		list[0] = x;
		n = 1;
	}
	md->seeds = xcalloc(n, sizeof(uint64_t));
	for (i = 0; i < n; i++)
		md->seeds[i] = (uint64_t)list[i];
	md->nseeds = n;
	free(list);
	list = NULL;
	if ((v = ynode_get(m, "snapshots")) != NULL) {
		if (get_list(v, "snapshots", file, 1, md->p.epochs, &list, &n,
		    d) < 0) {
			free(list);
			if (strstr(d->msg, "out of range") != NULL)
				snprintf(d->msg + strlen(d->msg),
				    sizeof(d->msg) - strlen(d->msg),
				    " (epochs: %d)", md->p.epochs);
			return -1;
		}
		md->snap = xcalloc(n, sizeof(int));
		for (i = 0; i < n; i++)
			md->snap[i] = (int)list[i];
		for (i = 1; i < n; i++)
			for (j = i; j > 0 && md->snap[j - 1] > md->snap[j]; j--) {
				t = md->snap[j];
				md->snap[j] = md->snap[j - 1];
				md->snap[j - 1] = t;
			}
		md->nsnap = n;
		free(list);
	}
	return 0;
}

int
modeldecls_parse(const struct ynode *models, const char *file,
    struct model_decl **out, size_t *n, struct diag *d)
{
	struct model_decl *v;
	size_t i;

	*out = NULL;
	*n = 0;
	if (models == NULL)
		return 0;
	if (models->kind != YNODE_MAP)
		return diag_fail(d, file, models->line, models->col, "models: "
		    "expected a map of names");
	v = xcalloc(models->n + 1, sizeof(*v));
	for (i = 0; i < models->n; i++)
		if (model_parse(models->vals[i], models->keys[i],
		    models->keylines[i], models->keycols[i], file, &v[i],
		    d) < 0) {
			modeldecls_free(v, i + 1);
			return -1;
		}
	*out = v;
	*n = models->n;
	return 0;
}

void
modeldecls_free(struct model_decl *v, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++) {
		free(v[i].name);
		free(v[i].corpus);
		free(v[i].seeds);
		free(v[i].snap);
	}
	free(v);
}

void
model_key_text(const struct model_decl *m, uint64_t seed, char *out,
    size_t outsz)
{
	/* %a: the exact doubles, whatever the locale's digits. */
	snprintf(out, outsz, "%s|%s|dim=%d|window=%d|negative=%d|"
	    "min-count=%ld|sample=%a|alpha=%a|epochs=%d|heldout=%ld|"
	    "seed=%" PRIu64, MODEL_TRAINER_VERSION, m->p.model == W2V_SGNS ?
	    "sgns" : "cbow", m->p.dim, m->p.window, m->p.negative,
	    m->min_count, m->p.sample, m->p.alpha, m->p.epochs, m->heldout,
	    seed);
}

int
model_name_parse(const char *name, char *base, size_t basesz, int *has_seed,
    uint64_t *seed, int *epoch)
{
	const char *at = strchr(name, '@'), *sl = strchr(name, '/');
	const char *end;
	char *e;
	unsigned long long s;
	long k;
	size_t n;

	*has_seed = 0;
	*seed = 0;
	*epoch = 0;
	end = at ? at : sl ? sl : name + strlen(name);
	n = (size_t)(end - name);
	if (n == 0 || n >= basesz || (at && sl && sl < at))
		return -1;
	memcpy(base, name, n);
	base[n] = '\0';
	if (at != NULL) {
		if (at[1] < '0' || at[1] > '9')
			return -1;
		errno = 0;
		s = strtoull(at + 1, &e, 10);
		if (errno != 0 || (*e != '\0' && *e != '/'))
			return -1;
		*has_seed = 1;
		*seed = (uint64_t)s;
	}
	if (sl != NULL) {
		if (sl[1] != 'e' || sl[2] < '1' || sl[2] > '9')
			return -1;
		errno = 0;
		k = strtol(sl + 2, &e, 10);
		if (errno != 0 || *e != '\0' || k > W2V_MAX_EPOCHS)
			return -1;
		*epoch = (int)k;
	}
	return 0;
}
