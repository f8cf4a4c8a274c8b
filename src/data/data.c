/*
 * data/data: lazily opened, shared spaces, files and tokenizers of a
 * build, from the spaces:, files: and tokenizers: sections of vecdoc.yml.
 * Never prints; never opens a space twice; never lets a path escape root.
 */
#include <sys/stat.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <math.h>
#include <unistd.h>

#include "corpus/corpus.h"
#include "corpus/trainset.h"
#include "data/model.h"
#include "kern/knn.h"
#include "store/config.h"
#include "data/data.h"
#include "store/space.h"
#include "tok/tok.h"
#include "util/buf.h"
#include "data/digest.h"
#include "util/fsutil.h"
#include "util/hash.h"
#include "util/xalloc.h"

/* One lazily opened thing: a space or a tokenizer. */
struct slot {
	pthread_once_t	 once;
	void		*obj;
	struct diag	 err;
	int		 missing;	/* err: a declared file is not fetched */
	int		 decl;		/* err: the declaration is wrong */
	int		 told;		/* decl: reported once already */
};

struct tokdecl {
	char		*name;
	char		*kind, *vocab, *merges;
	int		 lowercase;
	const struct space_decl *space;	/* tokenizer of a space */
};

/* One seed of one model: trained (or found in the cache) once. */
struct mseed {
	pthread_mutex_t	 lock;
	size_t		 model;
	size_t		 seedix;
	char		*base;		/* cache path without extension */
	int		 state;		/* 0 not yet, 1 ready, -1 failed */
	struct diag	 err;
};

/* A space a model gives: spaces[nplain + i] is mvar[i]. */
struct mvar {
	size_t		 ms;		/* its mseed */
	int		 epoch;		/* 0: final vectors */
};

struct data {
	char		*root;
	char		*cachedir;
	struct space_decl *spaces;
	size_t		 nspaces;
	struct space_decl *files;
	size_t		 nfiles;
	struct tokdecl	*toks;
	size_t		 ntoks;
	struct slot	*sslots;	/* one per space */
	struct slot	*tslots;	/* one per tokenizer */
	struct slot	*islots;	/* one per space: its knn index */
	struct corpus_decl *corpora;
	size_t		 ncorpora;
	struct slot	*cslots;	/* one per corpus */
	pthread_mutex_t	 lock;		/* serialises first opens */
	const struct ynode *cfg;	/* vecdoc.yml's tree (borrowed) */
	struct digests	*digests;	/* opened on first data_item_digest */
	struct strmap	 items;		/* "k:NAME" -> its digest, this run */
	struct model_decl *models;
	size_t		 nmodels;
	size_t		 nplain;	/* spaces from spaces:; the rest are
					   models' */
	struct mvar	*mvar;
	struct mseed	*mseeds;
	size_t		 nmseeds;
};

static _Thread_local void (*hold_fn)(void *, int);
static _Thread_local void *hold_ctx;

void
data_hold_hook(void (*fn)(void *ctx, int on), void *ctx)
{
	hold_fn = fn;
	hold_ctx = ctx;
}

static void model_key_digest(struct data *dt, const struct model_decl *m,
	    uint64_t seed, struct buf *b);

static long find_decl(const struct space_decl *v, size_t n, const char *name);
static const struct space *model_space(struct data *dt, size_t i,
	    struct diag *d);
static long find_tok(const struct data *dt, const char *name);
static const struct tokenizer *tok_slot(struct data *dt, size_t i);

/* The trace of the work running on this thread (data_trace_begin). */
static _Thread_local struct data_trace *trace;
/* Set when a lookup on this thread failed for want of a fetched file. */
static _Thread_local int missing;

int
data_missing_take(void)
{
	int m = missing;

	missing = 0;
	return m;
}

static void
trace_add(char kind, const char *name)
{
	char *key;
	size_t i;

	if (trace == NULL || name == NULL)
		return;
	key = xasprintf("%c:%s", kind, name);
	for (i = 0; i < trace->n; i++)
		if (strcmp(trace->keys[i], key) == 0) {
			free(key);
			return;
		}
	trace->keys = xreallocarray(trace->keys, trace->n + 1, sizeof(char *));
	trace->keys[trace->n++] = key;
}

void
data_trace_begin(struct data_trace *t)
{
	memset(t, 0, sizeof(*t));
	trace = t;
}

void
data_trace_end(void)
{
	trace = NULL;
}

void
data_trace_clear(struct data_trace *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->keys[i]);
	free(t->keys);
	memset(t, 0, sizeof(*t));
}

/* A YAML subtree into b, unambiguously (kinds, lengths). */
static void
ynode_dump(const struct ynode *n, struct buf *b)
{
	size_t i;

	if (n == NULL) {
		buf_puts(b, "~");
		return;
	}
	switch (n->kind) {
	case YNODE_SCALAR:
		buf_printf(b, "s%d:%zu:", n->quoted, strlen(n->str ? n->str : ""));
		buf_puts(b, n->str ? n->str : "");
		break;
	case YNODE_MAP:
		buf_printf(b, "m%zu{", n->n);
		for (i = 0; i < n->n; i++) {
			buf_printf(b, "%zu:", strlen(n->keys[i]));
			buf_puts(b, n->keys[i]);
			ynode_dump(n->vals[i], b);
		}
		buf_puts(b, "}");
		break;
	case YNODE_SEQ:
		buf_printf(b, "q%zu[", n->n);
		for (i = 0; i < n->n; i++)
			ynode_dump(n->vals[i], b);
		buf_puts(b, "]");
		break;
	}
}

/* Adds the content digest of "path" (or a missing mark) to b. */
static void
digest_path(struct data *dt, const char *path, struct buf *b)
{
	uint64_t h;

	if (path == NULL)
		return;
	digests_file(dt->digests, path, &h);
	buf_printf(b, "|%016llx", (unsigned long long)h);
}

/* The file digest memo, opened on first use. */
static void
open_digests(struct data *dt)
{
	pthread_mutex_lock(&dt->lock);
	if (dt->digests == NULL) {
		char *f = dt->cachedir ? xasprintf("%s/digests.bin", dt->cachedir) :
		    NULL;

		dt->digests = digests_open(f);
		free(f);
	}
	pthread_mutex_unlock(&dt->lock);
}

int
data_item_digest(struct data *dt, const char *key, uint64_t *out)
{
	struct strmap_ent *e;
	struct buf b = BUF_INIT;
	const char *name = key + 2;
	const struct ynode *sec;
	long i;
	int created;

	open_digests(dt);
	pthread_mutex_lock(&dt->lock);
	e = strmap_get(&dt->items, key, strlen(key));
	if (e != NULL) {
		*out = (uint64_t)e->val.num;
		pthread_mutex_unlock(&dt->lock);
		return 0;
	}
	pthread_mutex_unlock(&dt->lock);
	buf_puts(&b, key);
	switch (key[0]) {
	case 's':
	case 'i':
		sec = ynode_get(dt->cfg, "spaces");
		ynode_dump(ynode_get(sec, name), &b);
		if ((i = find_decl(dt->spaces, dt->nspaces, name)) >= 0 &&
		    (size_t)i >= dt->nplain) {
			const struct mseed *ms = &dt->mseeds[dt->mvar[i -
			    (long)dt->nplain].ms];

			buf_printf(&b, "|model e%d|", dt->mvar[i -
			    (long)dt->nplain].epoch);
			model_key_digest(dt, &dt->models[ms->model],
			    dt->models[ms->model].seeds[ms->seedix], &b);
		} else if (i >= 0 && dt->spaces[i].derive != NULL) {
			/* A derived space: its declaration and its base's
			 * digest (config.c refused cycles). */
			char *bk = xasprintf("s:%s", dt->spaces[i].derive->base);
			uint64_t bh;

			data_item_digest(dt, bk, &bh);
			buf_printf(&b, "|%016llx", (unsigned long long)bh);
			free(bk);
		} else if (i >= 0) {
			digest_path(dt, dt->spaces[i].path, &b);
			digest_path(dt, dt->spaces[i].vocab, &b);
			digest_path(dt, dt->spaces[i].tok.vocab, &b);
			digest_path(dt, dt->spaces[i].tok.merges, &b);
		}
		break;
	case 'f':
		sec = ynode_get(dt->cfg, "files");
		ynode_dump(ynode_get(sec, name), &b);
		if ((i = find_decl(dt->files, dt->nfiles, name)) >= 0)
			digest_path(dt, dt->files[i].path, &b);
		break;
	case 't':
		ynode_dump(ynode_get(ynode_get(dt->cfg, "tokenizers"), name), &b);
		ynode_dump(ynode_get(ynode_get(dt->cfg, "spaces"), name), &b);
		if ((i = find_tok(dt, name)) >= 0) {
			digest_path(dt, dt->toks[i].vocab, &b);
			digest_path(dt, dt->toks[i].merges, &b);
		}
		break;
	case 'c':
		sec = ynode_get(dt->cfg, "corpora");
		ynode_dump(ynode_get(sec, name), &b);
		for (i = 0; i < (long)dt->ncorpora; i++)
			if (strcmp(dt->corpora[i].name, name) == 0)
				digest_path(dt, dt->corpora[i].path, &b);
		break;
	}
	*out = hash64(b.data, b.len);
	buf_clear(&b);
	pthread_mutex_lock(&dt->lock);
	e = strmap_put(&dt->items, key, strlen(key), &created);
	e->val.num = (long)*out;
	pthread_mutex_unlock(&dt->lock);
	return 0;
}

static const char *const tok_kinds[] = { "word", "wordpiece", "bpe", NULL };

/* Parses one tokenizers: entry (a map). 0 or -1 with d set. */
static int
tokdecl_parse(const struct ynode *m, const char *name, const char *file,
    const char *root, struct tokdecl *t, struct diag *d)
{
	struct tokenizer_decl td;
	char what[160];
	size_t k;

	memset(t, 0, sizeof(*t));
	snprintf(what, sizeof(what), "tokenizer \"%s\"", name);
	if (tokenizer_decl_parse(m, file, root, what, &td, d) < 0) {
		free(td.kind);
		free(td.vocab);
		free(td.merges);
		return -1;
	}
	t->kind = td.kind;
	t->vocab = td.vocab;
	t->merges = td.merges;
	t->lowercase = td.lowercase;
	t->name = xstrdup(name);
	if (t->kind == NULL)
		return diag_fail(d, file, m->line, m->col,
		    "tokenizer \"%s\" needs a kind (word, wordpiece or bpe)",
		    name);
	for (k = 0; tok_kinds[k]; k++)
		if (strcmp(t->kind, tok_kinds[k]) == 0)
			break;
	if (tok_kinds[k] == NULL) {
		const struct ynode *v = ynode_get(m, "kind");
		const char *h = diag_suggest(t->kind, tok_kinds, 3);

		return diag_fail(d, file, v->line, v->col,
		    "unknown tokenizer kind \"%s\"%s%s%s (known: word, "
		    "wordpiece, bpe)", t->kind, h ? " (did you mean \"" : "",
		    h ? h : "", h ? "\"?)" : "");
	}
	if (strcmp(t->kind, "word") != 0 && t->vocab == NULL)
		return diag_fail(d, file, m->line, m->col,
		    "tokenizer \"%s\" (%s) needs a vocab file", name, t->kind);
	if (strcmp(t->kind, "bpe") == 0 && t->merges == NULL)
		return diag_fail(d, file, m->line, m->col,
		    "tokenizer \"%s\" (bpe) needs a merges file", name);
	return 0;
}

/* Frees what t owns and empties it, so that it can be cleared again. */
static void
tokdecl_clear(struct tokdecl *t)
{
	free(t->name);
	free(t->kind);
	free(t->vocab);
	free(t->merges);
	memset(t, 0, sizeof(*t));
}

/*
 * 1 when the rows of space sd are words (GloVe, word2vec, wink, a random
 * space), so that the word tokenizer fits it; token-level spaces (npy,
 * safetensors with a subword vocabulary, position embeddings) are not.
 * A space without format: is judged by its file's content, or by its
 * name when the file is not fetched yet; a .vds by the formats its
 * sources: are converted from.
 */
int
data_word_space(const struct space_decl *sd)
{
	static const char *const words[] = { "glove", "word2vec",
	    "word2vec-bin", "wink", NULL };
	const char *f = sd->format, *ext;
	struct diag d;
	size_t i, k;

	if (sd->derive != NULL)
		return data_word_space(space_decl_root(sd));
	if (sd->token_rows)
		return 0;
	if (sd->gen != NULL)
		return strcmp(sd->gen->kind, "random") == 0;
	if (f == NULL && sd->path != NULL && fs_exists(sd->path))
		f = space_detect(sd->path, &d);
	if (f == NULL && sd->path != NULL) {
		ext = strrchr(sd->path, '.');
		return ext == NULL || (strcmp(ext, ".npy") != 0 &&
		    strcmp(ext, ".safetensors") != 0 && strcmp(ext, ".vds") != 0);
	}
	for (k = 0; f != NULL && words[k]; k++)
		if (strcmp(f, words[k]) == 0)
			return 1;
	/* A .vds made from a word format (vecdoc fetch converts). */
	for (i = 0; f != NULL && strcmp(f, "vds") == 0 && i < sd->nsources; i++)
		for (k = 0; sd->sources[i].format != NULL && words[k]; k++)
			if (strcmp(sd->sources[i].format, words[k]) == 0)
				return 1;
	return 0;
}

/* Appends a space declaration named "name" for a model's space. */
static void
mvar_add(struct data *dt, const struct model_decl *m, size_t ms, int epoch,
    const char *name)
{
	struct space_decl *sd;
	size_t i, *base = xcalloc(dt->nspaces + 1, sizeof(*base));

	/* A derived space points at its base in this array (basedecl):
	 * keep those as indices across the move. */
	for (i = 0; i < dt->nspaces; i++)
		if (dt->spaces[i].derive != NULL &&
		    dt->spaces[i].derive->basedecl != NULL)
			base[i] = (size_t)(dt->spaces[i].derive->basedecl -
			    dt->spaces) + 1;
	dt->spaces = xreallocarray(dt->spaces, dt->nspaces + 1,
	    sizeof(*dt->spaces));
	for (i = 0; i < dt->nspaces; i++)
		if (base[i] > 0)
			dt->spaces[i].derive->basedecl = &dt->spaces[base[i] - 1];
	free(base);
	dt->mvar = xreallocarray(dt->mvar, dt->nspaces + 1 - dt->nplain,
	    sizeof(*dt->mvar));
	sd = &dt->spaces[dt->nspaces];
	memset(sd, 0, sizeof(*sd));
	sd->name = xstrdup(name);
	sd->relpath = xasprintf("models: %s (corpus %s)", m->name, m->corpus);
	sd->format = xstrdup("vds");
	sd->lowercase = 1;
	sd->file = m->file;
	sd->line = m->line;
	sd->col = m->col;
	dt->mvar[dt->nspaces - dt->nplain].ms = ms;
	dt->mvar[dt->nspaces - dt->nplain].epoch = epoch;
	dt->nspaces++;
}

/*
 * The models: section: each model's spaces join dt->spaces after the
 * declared ones (NAME and NAME/eK for the first seed, NAME@S and
 * NAME@S/eK for every seed). A model whose names meet a space's is an
 * error and is left out.
 */
static void
models_add(struct data *dt, const struct ynode *sec, const char *cfgfile,
    struct diaglist *diags)
{
	struct diag d;
	struct model_decl *m;
	size_t i, j, k, ms;
	char *nm;
	long at;

	if (sec == NULL)
		return;
	if (modeldecls_parse(sec, cfgfile, &dt->models, &dt->nmodels,
	    &d) < 0) {
		diaglist_push(diags, &d);
		return;
	}
	for (i = 0; i < dt->nmodels; i++) {
		m = &dt->models[i];
		if ((at = find_decl(dt->spaces, dt->nplain, m->name)) >= 0) {
			diaglist_add(diags, DIAG_ERROR, cfgfile, m->line, m->col,
			    "model \"%s\" is declared twice: a space of that "
			    "name is declared at line %ld", m->name,
			    dt->spaces[at].line);
			continue;
		}
		dt->mseeds = xreallocarray(dt->mseeds, dt->nmseeds + m->nseeds,
		    sizeof(*dt->mseeds));
		for (j = 0; j < m->nseeds; j++) {
			ms = dt->nmseeds++;
			memset(&dt->mseeds[ms], 0, sizeof(dt->mseeds[ms]));
			pthread_mutex_init(&dt->mseeds[ms].lock, NULL);
			dt->mseeds[ms].model = i;
			dt->mseeds[ms].seedix = j;
			if (j == 0) {
				mvar_add(dt, m, ms, 0, m->name);
				for (k = 0; k < m->nsnap; k++) {
					nm = xasprintf("%s/e%d", m->name,
					    m->snap[k]);
					mvar_add(dt, m, ms, m->snap[k], nm);
					free(nm);
				}
			}
			nm = xasprintf("%s@%llu", m->name,
			    (unsigned long long)m->seeds[j]);
			mvar_add(dt, m, ms, 0, nm);
			free(nm);
			for (k = 0; k < m->nsnap; k++) {
				nm = xasprintf("%s@%llu/e%d", m->name,
				    (unsigned long long)m->seeds[j], m->snap[k]);
				mvar_add(dt, m, ms, m->snap[k], nm);
				free(nm);
			}
		}
	}
}

/* Every model's corpus: must name a declared corpus. */
static void
models_check(struct data *dt, struct diaglist *diags)
{
	const struct model_decl *m;
	const char **names;
	const char *h;
	size_t i, k;

	names = xcalloc(dt->ncorpora + 1, sizeof(char *));
	for (k = 0; k < dt->ncorpora; k++)
		names[k] = dt->corpora[k].name;
	for (i = 0; i < dt->nmodels; i++) {
		m = &dt->models[i];
		for (k = 0; k < dt->ncorpora; k++)
			if (strcmp(names[k], m->corpus) == 0)
				break;
		if (k < dt->ncorpora)
			continue;
		h = diag_suggest(m->corpus, names, dt->ncorpora);
		diaglist_add(diags, DIAG_ERROR, m->file, m->at_corpus.line,
		    m->at_corpus.col, "model \"%s\": corpus \"%s\" is not "
		    "declared under corpora:%s%s%s", m->name, m->corpus,
		    h ? " (did you mean \"" : "", h ? h : "", h ? "\"?)" : "");
	}
	free(names);
}

struct data *
data_new(const struct ynode *cfgroot, const char *cfgfile, const char *root,
    struct diaglist *diags)
{
	struct data *dt = xcalloc(1, sizeof(*dt));
	const struct ynode *sec;
	struct diag d;
	size_t i;

	dt->root = xstrdup(root ? root : ".");
	dt->cfg = cfgroot;
	strmap_init(&dt->items);
	dt->cachedir = fs_join(dt->root, ".vecdoc-cache");
	pthread_mutex_init(&dt->lock, NULL);
	if (cfgroot != NULL && (sec = ynode_get(cfgroot, "spaces")) != NULL &&
	    spacedecls_parse(sec, cfgfile, dt->root, &dt->spaces, &dt->nspaces,
	    &d) < 0) {
		diaglist_push(diags, &d);
		dt->spaces = NULL;
		dt->nspaces = 0;
	}
	if (cfgroot != NULL && (sec = ynode_get(cfgroot, "files")) != NULL &&
	    filedecls_parse(sec, cfgfile, dt->root, &dt->files, &dt->nfiles,
	    &d) < 0) {
		diaglist_push(diags, &d);
		dt->files = NULL;
		dt->nfiles = 0;
	}
	dt->nplain = dt->nspaces;
	if (cfgroot != NULL)
		models_add(dt, ynode_get(cfgroot, "models"), cfgfile, diags);
	/* Tokenizers: the declared ones, then each space's. */
	sec = cfgroot ? ynode_get(cfgroot, "tokenizers") : NULL;
	if (sec != NULL && sec->kind != YNODE_MAP)
		diaglist_add(diags, DIAG_ERROR, cfgfile, sec->line, sec->col,
		    "tokenizers: expected a map of names");
	dt->toks = xcalloc((sec && sec->kind == YNODE_MAP ? sec->n : 0) +
	    dt->nspaces + 1, sizeof(*dt->toks));
	for (i = 0; sec && sec->kind == YNODE_MAP && i < sec->n; i++) {
		if (tokdecl_parse(sec->vals[i], sec->keys[i], cfgfile,
		    dt->root, &dt->toks[dt->ntoks], &d) < 0) {
			tokdecl_clear(&dt->toks[dt->ntoks]);
			diaglist_push(diags, &d);
			continue;
		}
		dt->ntoks++;
	}
	for (i = 0; i < dt->nspaces; i++) {
		const struct space_decl *sd = &dt->spaces[i];
		const struct space_decl *rd = space_decl_root(sd);
		struct tokdecl *t;

		/* A derived space has its root base's rows, so its
		 * tokenizer too. */
		if (rd->tok.kind == NULL) {
			/* Word spaces need no declaration: the word tokenizer,
			 * lowercasing as the space's lowercase: says. */
			if (i < dt->nplain && !data_word_space(sd))
				continue;
			t = &dt->toks[dt->ntoks++];
			t->name = xstrdup(sd->name);
			t->kind = xstrdup("word");
			t->lowercase = rd->lowercase;
			t->space = sd;
			continue;
		}
		t = &dt->toks[dt->ntoks++];
		t->name = xstrdup(sd->name);
		t->kind = xstrdup(rd->tok.kind);
		t->vocab = rd->tok.vocab ? xstrdup(rd->tok.vocab) : NULL;
		t->merges = rd->tok.merges ? xstrdup(rd->tok.merges) : NULL;
		t->lowercase = rd->tok.lowercase;
		t->space = sd;
	}
	dt->sslots = xcalloc(dt->nspaces + 1, sizeof(struct slot));
	dt->tslots = xcalloc(dt->ntoks + 1, sizeof(struct slot));
	dt->islots = xcalloc(dt->nspaces + 1, sizeof(struct slot));
	if (cfgroot != NULL && (sec = ynode_get(cfgroot, "corpora")) != NULL &&
	    corpusdecls_parse(sec, cfgfile, dt->root, &dt->corpora,
	    &dt->ncorpora, &d) < 0) {
		diaglist_push(diags, &d);
		dt->corpora = NULL;
		dt->ncorpora = 0;
	}
	dt->cslots = xcalloc(dt->ncorpora + 1, sizeof(struct slot));
	models_check(dt, diags);
	return dt;
}

uint64_t
data_signature(struct data *dt)
{
	struct buf b = BUF_INIT;
	uint64_t h;
	size_t i;

	if (dt == NULL)
		return 0;
	open_digests(dt);
	for (i = 0; i < dt->nspaces; i++) {
		digest_path(dt, dt->spaces[i].path, &b);
		digest_path(dt, dt->spaces[i].vocab, &b);
		digest_path(dt, dt->spaces[i].tok.vocab, &b);
		digest_path(dt, dt->spaces[i].tok.merges, &b);
	}
	for (i = 0; i < dt->nfiles; i++)
		digest_path(dt, dt->files[i].path, &b);
	for (i = 0; i < dt->ntoks; i++) {
		digest_path(dt, dt->toks[i].vocab, &b);
		digest_path(dt, dt->toks[i].merges, &b);
	}
	for (i = 0; i < dt->ncorpora; i++)
		digest_path(dt, dt->corpora[i].path, &b);
	h = hash64(b.data ? b.data : "", b.len);
	buf_clear(&b);
	return h;
}

void
data_free(struct data *dt)
{
	size_t i;

	if (dt == NULL)
		return;
	for (i = 0; i < dt->nspaces; i++) {
		if (dt->islots[i].obj != NULL) {
			knn_index_clear(dt->islots[i].obj);
			free(dt->islots[i].obj);
		}
		space_free(dt->sslots[i].obj);
	}
	for (i = 0; i < dt->ntoks; i++) {
		tok_free(dt->tslots[i].obj);
		tokdecl_clear(&dt->toks[i]);
	}
	for (i = 0; i < dt->ncorpora; i++)
		corpus_free(dt->cslots[i].obj);
	corpusdecls_free(dt->corpora, dt->ncorpora);
	free(dt->cslots);
	for (i = 0; i < dt->nmseeds; i++) {
		pthread_mutex_destroy(&dt->mseeds[i].lock);
		free(dt->mseeds[i].base);
	}
	free(dt->mseeds);
	free(dt->mvar);
	modeldecls_free(dt->models, dt->nmodels);
	spacedecls_free(dt->spaces, dt->nspaces);
	spacedecls_free(dt->files, dt->nfiles);
	free(dt->toks);
	free(dt->sslots);
	free(dt->tslots);
	free(dt->islots);
	free(dt->root);
	free(dt->cachedir);
	digests_close(dt->digests);
	strmap_clear(&dt->items);
	pthread_mutex_destroy(&dt->lock);
	free(dt);
}

static long
find_decl(const struct space_decl *v, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0)
			return (long)i;
	return -1;
}

const struct space_decl *
data_space_decl(const struct data *dt, const char *name)
{
	long i = dt ? find_decl(dt->spaces, dt->nspaces, name) : -1;

	return i < 0 ? NULL : &dt->spaces[i];
}

static void
not_declared(struct diag *d, const char *what, const char *name,
    const struct space_decl *v, size_t n)
{
	const char **names = xcalloc(n + 1, sizeof(char *));
	const char *h;
	size_t i;

	for (i = 0; i < n; i++)
		names[i] = v[i].name;
	h = diag_suggest(name, names, n);
	diag_fail(d, "", 0, 0, "%s '%s' is not declared in vecdoc.yml%s%s%s",
	    what, name, h ? " (did you mean '" : "", h ? h : "",
	    h ? "'?)" : "");
	free(names);
}

/* The content digest of corpus m->corpus (declaration and bytes),
 * the hyperparameters, the seed and the trainer's version into b. */
static void
model_key_digest(struct data *dt, const struct model_decl *m, uint64_t seed,
    struct buf *b)
{
	char key[512];
	uint64_t h;
	char *ck;
	long fi;
	size_t k;

	model_key_text(m, seed, key, sizeof(key));
	buf_puts(b, key);
	ck = xasprintf("c:%s", m->corpus);
	data_item_digest(dt, ck, &h);
	free(ck);
	buf_printf(b, "|corpus %016llx", (unsigned long long)h);
	/* A corpus read through files: names its bytes there. */
	for (k = 0; k < dt->ncorpora; k++)
		if (strcmp(dt->corpora[k].name, m->corpus) == 0 &&
		    dt->corpora[k].file != NULL &&
		    (fi = find_decl(dt->files, dt->nfiles,
		    dt->corpora[k].file)) >= 0)
			digest_path(dt, dt->files[fi].path, b);
}

/* What the trainer's reports keep: the log and the snapshots. */
struct mtrain {
	const struct model_decl *m;
	size_t		 nvec;
	float		**snaps;
	struct model_epoch *log;
	size_t		 nlog;
};

static int
mtrain_report(void *ctx, const struct w2v_progress *p)
{
	struct mtrain *t = ctx;
	size_t k;

	if (!p->epoch_end && p->epoch != 0)
		return 0;
	t->log = xreallocarray(t->log, t->nlog + 1, sizeof(*t->log));
	t->log[t->nlog].epoch = p->epoch;
	t->log[t->nlog].words = p->words;
	t->log[t->nlog].lr = p->lr;
	t->log[t->nlog].loss = p->loss;
	t->nlog++;
	for (k = 0; k < t->m->nsnap; k++)
		if (p->epoch_end && p->epoch == t->m->snap[k])
			memcpy(t->snaps[k], p->in, t->nvec * sizeof(float));
	return 0;
}

/* Writes one matrix of a model as PATH (a .vds, renamed into place). */
static int
mtrain_write(const char *path, const char *name, const struct corpus *c,
    size_t nvocab, int dim, const float *mat, struct diag *d)
{
	struct space *sp;
	int rc;

	sp = space_from_rows(name, "vecdoc-train", (const char *const *)c->word,
	    (long)nvocab, dim, mat, d);
	if (sp == NULL)
		return -1;
	rc = space_write_vds(sp, path, d);
	space_free(sp);
	return rc;
}

/* The place of the key a parameter check names. */
static const struct model_place *
mtrain_place(const struct model_decl *m, const char *field)
{
	if (field == NULL)
		return NULL;
	if (strcmp(field, "negative") == 0)
		return &m->at_negative;
	if (strcmp(field, "dim") == 0)
		return &m->at_dim;
	if (strcmp(field, "window") == 0)
		return &m->at_window;
	if (strcmp(field, "epochs") == 0)
		return &m->at_epochs;
	if (strcmp(field, "vocabulary") == 0)
		return &m->at_min_count;
	return NULL;
}

/*
 * Trains seed ms of its model and writes BASE.eK.vds for each snapshot,
 * BASE.log, then BASE.vds: the final vectors' file last, so that its
 * presence means the seed is complete. 0, or -1 with d set at the model.
 */
static int
mtrain(struct data *dt, struct mseed *ms, struct diag *d)
{
	const struct model_decl *m = &dt->models[ms->model];
	const struct model_place *pl;
	const struct corpus *c;
	struct w2v_params p = m->p;
	struct trainset ts;
	struct w2v_hooks hk;
	struct mtrain t;
	struct buf b = BUF_INIT;
	struct diag e;
	const char *field = NULL;
	float *in = NULL, *out = NULL;
	char *path, *tmp, *dir;
	size_t k, nvocab;
	int rc = -1;

	memset(&ts, 0, sizeof(ts));
	memset(&t, 0, sizeof(t));
	if ((c = data_corpus(dt, m->corpus, d)) == NULL)
		return -1;
	p.seed = m->seeds[ms->seedix];
	p.threads = 1;
	if (trainset_build(c, m->min_count, m->heldout, p.window, p.negative,
	    p.seed, &ts, &e) < 0) {
		pl = m->at_min_count.line ? &m->at_min_count : NULL;
		diag_fail(d, m->file, pl ? pl->line : m->line, pl ? pl->col :
		    m->col, "model \"%s\" (%s:%ld:%d): %s", m->name, m->file,
		    pl ? pl->line : m->line, pl ? pl->col : m->col, e.msg);
		return -1;
	}
	nvocab = ts.nvocab;
	if (w2v_params_check(&p, nvocab, &field, &e) < 0) {
		long ln;
		int cl;

		pl = mtrain_place(m, field);
		ln = pl && pl->line ? pl->line : m->line;
		cl = pl && pl->line ? pl->col : m->col;
		if (field != NULL && strcmp(field, "negative") == 0)
			diag_fail(d, m->file, ln, cl, "model \"%s\" (%s:%ld:%d): "
			    "negative: %d must be smaller than the vocabulary: "
			    "corpus %s has %zu word%s seen at least %ld time%s "
			    "(min-count)", m->name, m->file, ln, cl, p.negative,
			    m->corpus, nvocab, nvocab == 1 ? "" : "s",
			    m->min_count, m->min_count == 1 ? "" : "s");
		else
			diag_fail(d, m->file, ln, cl, "model \"%s\" "
			    "(%s:%ld:%d): %s", m->name, m->file, ln, cl, e.msg);
		goto out;
	}
	if (ts.text.ntok == 0) {
		diag_fail(d, m->file, m->line, m->col, "model \"%s\" "
		    "(%s:%ld:%d): no words left to train on in corpus %s",
		    m->name, m->file, m->line, m->col, m->corpus);
		goto out;
	}
	t.m = m;
	t.nvec = nvocab * (size_t)p.dim;
	t.snaps = xcalloc(m->nsnap + 1, sizeof(float *));
	for (k = 0; k < m->nsnap; k++)
		t.snaps[k] = xmalloc(t.nvec * sizeof(float));
	in = xmalloc(t.nvec * sizeof(float));
	out = xmalloc(t.nvec * sizeof(float));
	memset(&hk, 0, sizeof(hk));
	hk.report = mtrain_report;
	hk.ctx = &t;
	if (w2v_train(&ts.text, &p, ts.held.n > 0 ? &ts.held : NULL, &hk, in,
	    out, &e) < 0) {
		diag_fail(d, m->file, m->line, m->col, "model \"%s\": %s",
		    m->name, e.msg);
		goto out;
	}
	dir = fs_dirname(ms->base);
	if (fs_mkdirs(dir, d) < 0) {
		free(dir);
		goto out;
	}
	free(dir);
	for (k = 0; k < m->nsnap; k++) {
		path = xasprintf("%s.e%d.vds", ms->base, m->snap[k]);
		rc = mtrain_write(path, m->name, c, nvocab, p.dim, t.snaps[k], d);
		free(path);
		if (rc < 0)
			goto out;
	}
	rc = -1;
	for (k = 0; k < t.nlog; k++)
		buf_printf(&b, "%d %lld %a %a\n", t.log[k].epoch,
		    t.log[k].words, t.log[k].lr, t.log[k].loss);
	path = xasprintf("%s.log", ms->base);
	tmp = xasprintf("%s.tmp%ld", path, (long)getpid());
	if (fs_write(tmp, b.data ? b.data : "", b.len, d) < 0 ||
	    rename(tmp, path) != 0) {
		if (d->msg[0] == '\0')
			diag_fail(d, path, 0, 0, "cannot write");
		unlink(tmp);
		free(tmp);
		free(path);
		goto out;
	}
	free(tmp);
	free(path);
	path = xasprintf("%s.vds", ms->base);
	rc = mtrain_write(path, m->name, c, nvocab, p.dim, in, d);
	free(path);
out:
	buf_clear(&b);
	for (k = 0; t.snaps != NULL && k < m->nsnap; k++)
		free(t.snaps[k]);
	free(t.snaps);
	free(t.log);
	free(in);
	free(out);
	trainset_clear(&ts);
	return rc;
}

/* 1 when every file of seed ms is in the cache. */
static int
mseed_complete(const struct data *dt, const struct mseed *ms)
{
	const struct model_decl *m = &dt->models[ms->model];
	char *p;
	size_t k;
	int ok;

	p = xasprintf("%s.vds", ms->base);
	ok = fs_exists(p);
	free(p);
	p = xasprintf("%s.log", ms->base);
	ok = ok && fs_exists(p);
	free(p);
	for (k = 0; ok && k < m->nsnap; k++) {
		p = xasprintf("%s.e%d.vds", ms->base, m->snap[k]);
		ok = fs_exists(p);
		free(p);
	}
	return ok;
}

/* Sets ms->base from the model's key (ms->lock held). */
static void
mseed_base(struct data *dt, struct mseed *ms)
{
	const struct model_decl *m = &dt->models[ms->model];
	struct buf b = BUF_INIT;

	if (ms->base != NULL)
		return;
	model_key_digest(dt, m, m->seeds[ms->seedix], &b);
	ms->base = xasprintf("%s/models/%016llx", dt->cachedir,
	    (unsigned long long)hash64(b.data, b.len));
	buf_clear(&b);
}

/* Makes seed ms ready: found in the cache or trained now (ms->lock
 * held). 0, or -1 with d set. */
static int
mseed_ready(struct data *dt, struct mseed *ms, struct diag *d)
{
	if (ms->state == 0) {
		mseed_base(dt, ms);
		if (mseed_complete(dt, ms) || mtrain(dt, ms, &ms->err) == 0)
			ms->state = 1;
		else {
			ms->state = -1;
			if (data_missing_take())
				ms->state = -2;
		}
	}
	if (ms->state < 0) {
		*d = ms->err;
		missing |= ms->state == -2;
		return -1;
	}
	return 0;
}

/* data_space for a model's space (spaces[i], i >= nplain). */
static const struct space *
model_space(struct data *dt, size_t i, struct diag *d)
{
	const struct mvar *mv = &dt->mvar[i - dt->nplain];
	struct mseed *ms = &dt->mseeds[mv->ms];
	struct slot *sl = &dt->sslots[i];
	struct space_opts o;
	const struct space *r;
	char *path;
	int held = 0;

	if (pthread_mutex_trylock(&ms->lock) != 0) {
		/* Another page trains it: waiting is not this block's work. */
		if (hold_fn != NULL) {
			hold_fn(hold_ctx, 1);
			held = 1;
		}
		pthread_mutex_lock(&ms->lock);
	}
	if (sl->obj == NULL && sl->err.msg[0] == '\0') {
		if (!held && ms->state == 0 && hold_fn != NULL) {
			hold_fn(hold_ctx, 1);
			held = 1;
		}
		if (mseed_ready(dt, ms, &sl->err) == 0) {
			path = mv->epoch ? xasprintf("%s.e%d.vds", ms->base,
			    mv->epoch) : xasprintf("%s.vds", ms->base);
			memset(&o, 0, sizeof(o));
			o.format = "vds";
			o.name = dt->spaces[i].name;
			sl->obj = space_open_opts(path, &o, NULL, &sl->err);
			if (sl->obj == NULL && sl->err.msg[0] == '\0')
				diag_fail(&sl->err, path, 0, 0, "cannot read");
			free(path);
		} else
			sl->missing = ms->state == -2;
	}
	r = sl->obj;
	if (r == NULL) {
		*d = sl->err;
		missing |= sl->missing;
	}
	pthread_mutex_unlock(&ms->lock);
	if (held)
		hold_fn(hold_ctx, 0);
	return r;
}

static const struct model_decl *
find_model(const struct data *dt, const char *name)
{
	char base[256];
	uint64_t seed;
	int has, ep;
	size_t i;

	if (dt == NULL || model_name_parse(name, base, sizeof(base), &has,
	    &seed, &ep) < 0)
		return NULL;
	for (i = 0; i < dt->nmodels; i++)
		if (strcmp(dt->models[i].name, base) == 0)
			return &dt->models[i];
	return NULL;
}

const struct model_decl *
data_model(const struct data *dt, const char *name)
{
	return find_model(dt, name);
}

int
data_model_log(struct data *dt, const char *name, struct model_epoch **out,
    size_t *n, struct diag *d)
{
	long i = dt ? find_decl(dt->spaces, dt->nspaces, name) : -1;
	struct mseed *ms;
	struct buf b = BUF_INIT;
	char *path, *line, *next, *e;
	struct model_epoch ep;

	*out = NULL;
	*n = 0;
	if (i < 0 || (size_t)i < dt->nplain)
		return diag_fail(d, "", 0, 0, "'%s' is not a model declared "
		    "under models: in vecdoc.yml", name);
	if (data_space(dt, name, d) == NULL)
		return -1;
	ms = &dt->mseeds[dt->mvar[i - (long)dt->nplain].ms];
	pthread_mutex_lock(&ms->lock);
	path = xasprintf("%s.log", ms->base);
	pthread_mutex_unlock(&ms->lock);
	if (fs_read(path, &b, d) < 0) {
		free(path);
		return -1;
	}
	buf_putc(&b, '\0');
	for (line = b.data; line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		ep.epoch = (int)strtol(line, &e, 10);
		ep.words = strtoll(e, &e, 10);
		ep.lr = strtod(e, &e);
		ep.loss = strtod(e, &e);
		*out = xreallocarray(*out, *n + 1, sizeof(**out));
		(*out)[(*n)++] = ep;
	}
	buf_clear(&b);
	free(path);
	return 0;
}

int
data_model_cached(struct data *dt, const char *name)
{
	const struct model_decl *m = find_model(dt, name);
	struct mseed *ms;
	size_t k;
	int ok = 1;

	if (m == NULL)
		return 1;
	for (k = 0; k < dt->nmseeds; k++) {
		ms = &dt->mseeds[k];
		if (&dt->models[ms->model] != m)
			continue;
		pthread_mutex_lock(&ms->lock);
		mseed_base(dt, ms);
		ok = ok && (ms->state == 1 || mseed_complete(dt, ms));
		pthread_mutex_unlock(&ms->lock);
	}
	return ok;
}

/* "path" as the user wrote it: relative to the content root when it
 * lies under it. Borrowed from path. */
static const char *
shown_path(const struct data *dt, const char *path)
{
	size_t n = strlen(dt->root);

	if (strncmp(path, dt->root, n) == 0 && path[n] == '/')
		return path + n + 1;
	return path;
}

/*
 * A token space (rows: tokens) has one row per piece of its tokenizer:
 * row i is id i. Checked when the space is opened, so that a padded
 * matrix (GPT-2's 50,304 rows for 50,257 pieces) or a vocabulary of
 * another model is an error at the declaration, whatever reads the
 * space, and never truncated. 0, or -1 with d set.
 */
static int
token_rows_check(const struct data *dt, const struct space_decl *sd,
    const struct space *s, const struct tokenizer *t, struct diag *d)
{
	long rows = space_rows(s), pieces = tok_vocab_size(t);

	if (rows == pieces)
		return 0;
	return diag_fail(d, sd->file, sd->line, sd->col, "space '%s': %s has "
	    "%ld rows but its tokenizer's vocabulary %s has %ld pieces: a "
	    "token space (rows: tokens) has one row per piece%s", sd->name,
	    sd->relpath, rows, sd->tok.vocab ? shown_path(dt, sd->tok.vocab) :
	    "", pieces, rows > pieces ? " (padding rows? vecdoc does not "
	    "drop rows silently)" : "");
}

const struct space *
data_space(struct data *dt, const char *name, struct diag *d)
{
	long i = dt ? find_decl(dt->spaces, dt->nspaces, name) : -1;
	const struct space *base = NULL;
	const struct tokenizer *tok = NULL;
	struct slot *sl;
	struct diag berr;
	size_t k;

	trace_add('s', name);

	if (i < 0) {
		not_declared(d, "space", name, dt ? dt->spaces : NULL,
		    dt ? dt->nspaces : 0);
		return NULL;
	}
	if ((size_t)i >= dt->nplain)
		return model_space(dt, (size_t)i, d);
	sl = &dt->sslots[i];
	/* A derived space opens its base first, outside the lock (the
	 * base's own first open takes it); config.c refused cycles. */
	if (dt->spaces[i].derive != NULL) {
		memset(&berr, 0, sizeof(berr));
		base = data_space(dt, dt->spaces[i].derive->base, &berr);
	}
	/* A token space's tokenizer, for the size check below (also
	 * outside the lock). One that cannot open is reported by the
	 * lookups that need it. */
	for (k = 0; dt->spaces[i].token_rows && k < dt->ntoks; k++)
		if (dt->toks[k].space == &dt->spaces[i]) {
			tok = tok_slot(dt, k);
			break;
		}
	pthread_mutex_lock(&dt->lock);
	if (sl->obj == NULL && sl->err.msg[0] == '\0') {
		const struct space_decl *sd = &dt->spaces[i];

		if (sd->derive != NULL) {
			if (base == NULL) {
				sl->err = berr;
				sl->missing = data_missing_take();
			} else if ((sl->obj = space_derive(sd, base,
			    &sl->err)) == NULL && sl->err.msg[0] == '\0')
				diag_fail(&sl->err, sd->file, sd->line, sd->col,
				    "cannot compute space '%s'", sd->name);
		} else if (sd->gen != NULL) {
			if ((sl->obj = space_generate(sd, &sl->err)) == NULL &&
			    sl->err.msg[0] == '\0')
				diag_fail(&sl->err, sd->file, sd->line, sd->col,
				    "cannot compute space '%s'", sd->name);
		} else if (!fs_exists(sd->path)) {
			diag_fail(&sl->err, sd->file, sd->line, sd->col,
			    "space '%s': %s is missing (run `vecdoc fetch`)",
			    sd->name, sd->relpath);
			sl->missing = 1;
		}
		else if ((sl->obj = space_open(sd, dt->cachedir,
		    &sl->err)) == NULL && sl->err.msg[0] == '\0')
			diag_fail(&sl->err, sd->path, 0, 0, "cannot read");
		else if (sl->obj != NULL && tok != NULL &&
		    token_rows_check(dt, sd, sl->obj, tok, &sl->err) < 0) {
			space_free(sl->obj);
			sl->obj = NULL;
			sl->decl = 1;
		}
	}
	pthread_mutex_unlock(&dt->lock);
	if (sl->obj == NULL) {
		*d = sl->err;
		missing |= sl->missing;
	}
	return sl->obj;
}

int
data_space_decl_fault(struct data *dt, const char *name)
{
	long i = dt ? find_decl(dt->spaces, dt->nspaces, name) : -1;
	struct slot *sl;
	int first = 0;

	if (i < 0 || (size_t)i >= dt->nplain)
		return 0;
	sl = &dt->sslots[i];
	pthread_mutex_lock(&dt->lock);
	if (sl->decl && !sl->told)
		first = sl->told = 1;
	pthread_mutex_unlock(&dt->lock);
	return first;
}

const struct knn_index *
data_index(struct data *dt, const char *name, struct diag *d)
{
	const struct space *sp = data_space(dt, name, d);
	long i;
	struct slot *sl;

	if (sp == NULL)
		return NULL;
	i = find_decl(dt->spaces, dt->nspaces, name);
	sl = &dt->islots[i];
	pthread_mutex_lock(&dt->lock);
	if (sl->obj == NULL) {
		struct knn_index *ix = xcalloc(1, sizeof(*ix));

		knn_index_init(ix, space_row(sp, 0), space_rows(sp),
		    space_dims(sp));
		sl->obj = ix;
	}
	pthread_mutex_unlock(&dt->lock);
	return sl->obj;
}

const char *
data_file(struct data *dt, const char *name, struct diag *d)
{
	long i = dt ? find_decl(dt->files, dt->nfiles, name) : -1;

	trace_add('f', name);

	if (i < 0) {
		not_declared(d, "file", name, dt ? dt->files : NULL,
		    dt ? dt->nfiles : 0);
		return NULL;
	}
	if (!fs_exists(dt->files[i].path)) {
		missing = 1;
		diag_fail(d, dt->files[i].file, dt->files[i].line,
		    dt->files[i].col, "file '%s': %s is missing (run `vecdoc "
		    "fetch`)", name, dt->files[i].relpath);
		return NULL;
	}
	return dt->files[i].path;
}

static long
find_tok(const struct data *dt, const char *name)
{
	size_t i;

	for (i = 0; dt && i < dt->ntoks; i++)
		if (strcmp(dt->toks[i].name, name) == 0)
			return (long)i;
	return -1;
}

int
data_has_tokenizer(const struct data *dt, const char *name)
{
	return find_tok(dt, name) >= 0;
}

size_t
data_tokenizer_names(const struct data *dt, const char **out, size_t cap)
{
	size_t i;

	for (i = 0; dt && i < dt->ntoks && i < cap; i++)
		out[i] = dt->toks[i].name;
	return i;
}

/*
 * Opens tokenizer i once (its slot keeps the tokenizer or the error):
 * the tokenizer, or NULL with the slot's err and missing set. Takes
 * dt->lock.
 */
static const struct tokenizer *
tok_slot(struct data *dt, size_t i)
{
	struct slot *sl = &dt->tslots[i];

	pthread_mutex_lock(&dt->lock);
	if (sl->obj == NULL && sl->err.msg[0] == '\0') {
		const struct tokdecl *t = &dt->toks[i];

		if (t->vocab && !fs_exists(t->vocab)) {
			diag_fail(&sl->err, t->vocab, 0, 0, "tokenizer '%s': "
			    "vocabulary is missing (run `vecdoc fetch`)",
			    t->name);
			sl->missing = 1;
		} else if (t->merges && !fs_exists(t->merges)) {
			diag_fail(&sl->err, t->merges, 0, 0, "tokenizer '%s': "
			    "merges file is missing (run `vecdoc fetch`)",
			    t->name);
			sl->missing = 1;
		}
		else if ((sl->obj = tok_open(t->kind, t->vocab, t->merges,
		    t->lowercase, &sl->err)) == NULL &&
		    sl->err.msg[0] == '\0')
			diag_fail(&sl->err, t->vocab ? t->vocab : "", 0, 0,
			    "cannot open tokenizer '%s'", t->name);
	}
	pthread_mutex_unlock(&dt->lock);
	return sl->obj;
}

const struct tokenizer *
data_tokenizer(struct data *dt, const char *name, struct diag *d)
{
	long i = find_tok(dt, name);
	struct slot *sl;

	trace_add('t', name);

	if (i < 0) {
		if (data_space_decl(dt, name) != NULL)
			diag_fail(d, "", 0, 0, "space '%s' declares no "
			    "tokenizer: (add one under spaces: %s: in "
			    "vecdoc.yml)", name, name);
		else {
			const char *names[256], *h;
			size_t n = data_tokenizer_names(dt, names, 256);

			h = diag_suggest(name, names, n);
			diag_fail(d, "", 0, 0, "tokenizer '%s' is not declared "
			    "in vecdoc.yml%s%s%s", name,
			    h ? " (did you mean '" : "", h ? h : "",
			    h ? "'?)" : "");
		}
		return NULL;
	}
	sl = &dt->tslots[i];
	tok_slot(dt, (size_t)i);
	if (sl->obj == NULL) {
		*d = sl->err;
		missing |= sl->missing;
	}
	return sl->obj;
}

const struct corpus *
data_corpus(struct data *dt, const char *name, struct diag *d)
{
	struct slot *sl;
	size_t i;

	trace_add('c', name);

	for (i = 0; dt && i < dt->ncorpora; i++)
		if (strcmp(dt->corpora[i].name, name) == 0)
			break;
	if (dt == NULL || i == dt->ncorpora) {
		diag_fail(d, "", 0, 0, "corpus '%s' is not declared in "
		    "vecdoc.yml", name);
		return NULL;
	}
	sl = &dt->cslots[i];
	pthread_mutex_lock(&dt->lock);
	if (sl->obj == NULL && sl->err.msg[0] == '\0') {
		const struct corpus_decl *cd = &dt->corpora[i];
		const char *path = cd->path;
		long fi;

		if (cd->file != NULL) {
			fi = find_decl(dt->files, dt->nfiles, cd->file);
			path = fi >= 0 ? dt->files[fi].path : NULL;
			if (path == NULL)
				diag_fail(&sl->err, cd->cfgfile, cd->line, cd->col,
				    "corpus '%s': file '%s' is not declared under "
				    "files:", cd->name, cd->file);
		}
		if (path != NULL && !fs_exists(path)) {
			diag_fail(&sl->err, cd->cfgfile, cd->line, cd->col,
			    "corpus '%s': %s is missing (run `vecdoc fetch`)",
			    cd->name, path);
			sl->missing = 1;
		} else if (path != NULL && (sl->obj = corpus_load(cd, path,
		    &sl->err)) == NULL && sl->err.msg[0] == '\0')
			diag_fail(&sl->err, path, 0, 0, "cannot read");
	}
	pthread_mutex_unlock(&dt->lock);
	if (sl->obj == NULL) {
		*d = sl->err;
		missing |= sl->missing;
	}
	return sl->obj;
}

static void
group(char *out, size_t outsz, long v)
{
	char tmp[32];
	size_t n, i, o = 0;

	snprintf(tmp, sizeof(tmp), "%ld", v);
	n = strlen(tmp);
	for (i = 0; i < n && o + 2 < outsz; i++) {
		if (i > 0 && tmp[i - 1] != '-' && (n - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = tmp[i];
	}
	out[o] = '\0';
}

void
data_corpus_provenance(const struct data *dt, const struct corpus *c,
    char *out, size_t outsz)
{
	char tok[32];
	const char *file = c->path ? c->path : "";
	size_t i;

	for (i = 0; i < dt->nfiles; i++)
		if (strcmp(dt->files[i].path, file) == 0)
			file = dt->files[i].relpath;
	group(tok, sizeof(tok), (long)c->ntokens);
	snprintf(out, outsz, "%s · %s · %s tokens, %zu types",
	    c->name ? c->name : "", file, tok, c->ntypes);
}

void
data_provenance(const struct data *dt, const struct space *s, char *out,
    size_t outsz)
{
	struct space_info in;
	const struct space_decl *sd;
	char rows[32];
	const char *file;

	space_get_info(s, &in);
	group(rows, sizeof(rows), in.rows);
	sd = in.name ? data_space_decl(dt, in.name) : NULL;
	file = sd ? sd->relpath : in.path ? in.path : "";
	if (in.digest[0] == '\0')	/* a model's space: named by its key */
		snprintf(out, outsz, "%s · %s · %s × %d",
		    in.name ? in.name : file, file, rows, in.dims);
	else
		snprintf(out, outsz, "%s · %s · xxh3 %.8s · %s × %d",
		    in.name ? in.name : file, file, in.digest, rows, in.dims);
}
