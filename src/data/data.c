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

#include "corpus/corpus.h"
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
};

struct tokdecl {
	char		*name;
	char		*kind, *vocab, *merges;
	int		 lowercase;
	const struct space_decl *space;	/* tokenizer of a space */
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
};

static long find_decl(const struct space_decl *v, size_t n, const char *name);
static long find_tok(const struct data *dt, const char *name);

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

int
data_item_digest(struct data *dt, const char *key, uint64_t *out)
{
	struct strmap_ent *e;
	struct buf b = BUF_INIT;
	const char *name = key + 2;
	const struct ynode *sec;
	long i;
	int created;

	pthread_mutex_lock(&dt->lock);
	if (dt->digests == NULL) {
		char *f = dt->cachedir ? xasprintf("%s/digests.bin", dt->cachedir) :
		    NULL;

		dt->digests = digests_open(f);
		free(f);
	}
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
		    dt->spaces[i].derive != NULL) {
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
			if (!data_word_space(sd))
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
	return dt;
}

static void
sig_file(struct buf *b, const char *path)
{
	struct stat st;

	if (path == NULL)
		return;
	if (stat(path, &st) == 0)
		buf_printf(b, "%s:%lld:%lld.%09ld;", path, (long long)st.st_size,
		    (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec);
	else
		buf_printf(b, "%s:-;", path);
}

uint64_t
data_signature(const struct data *dt)
{
	struct buf b = BUF_INIT;
	uint64_t h;
	size_t i;

	if (dt == NULL)
		return 0;
	for (i = 0; i < dt->nspaces; i++) {
		sig_file(&b, dt->spaces[i].path);
		sig_file(&b, dt->spaces[i].vocab);
	}
	for (i = 0; i < dt->nfiles; i++)
		sig_file(&b, dt->files[i].path);
	for (i = 0; i < dt->ntoks; i++) {
		sig_file(&b, dt->toks[i].vocab);
		sig_file(&b, dt->toks[i].merges);
	}
	for (i = 0; i < dt->ncorpora; i++)
		sig_file(&b, dt->corpora[i].path);
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

const struct space *
data_space(struct data *dt, const char *name, struct diag *d)
{
	long i = dt ? find_decl(dt->spaces, dt->nspaces, name) : -1;
	const struct space *base = NULL;
	struct slot *sl;
	struct diag berr;

	trace_add('s', name);

	if (i < 0) {
		not_declared(d, "space", name, dt ? dt->spaces : NULL,
		    dt ? dt->nspaces : 0);
		return NULL;
	}
	sl = &dt->sslots[i];
	/* A derived space opens its base first, outside the lock (the
	 * base's own first open takes it); config.c refused cycles. */
	if (dt->spaces[i].derive != NULL) {
		memset(&berr, 0, sizeof(berr));
		base = data_space(dt, dt->spaces[i].derive->base, &berr);
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
	}
	pthread_mutex_unlock(&dt->lock);
	if (sl->obj == NULL) {
		*d = sl->err;
		missing |= sl->missing;
	}
	return sl->obj;
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
	snprintf(out, outsz, "%s · %s · xxh3 %.8s · %s × %d",
	    in.name ? in.name : file, file, in.digest, rows, in.dims);
}
