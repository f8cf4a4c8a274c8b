/*
 * data/data: the data a build may use — the spaces, files and
 * tokenizers vecdoc.yml declares — opened lazily, once, and shared by
 * every page and thread of the build (and by `vecdoc run`).
 * Reads vecdoc.yml's tree and the declared files; produces read-only
 * handles. Never prints; a space that fails to open fails every use.
 */
#ifndef VECDOC_DATA_H
#define VECDOC_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "util/diag.h"
#include "util/yamltree.h"

struct data;
struct space;
struct space_decl;
struct tokenizer;

/*
 * Parses the `spaces:`, `files:` and `tokenizers:` sections of the YAML
 * document "cfgroot" (read from "cfgfile"; NULL root: nothing declared),
 * resolving paths against "root". Opened spaces go through the .vds cache
 * in ROOT/.vecdoc-cache. Declaration errors are added to diags; the
 * returned handle is usable even then (bad entries are left out).
 * Free with data_free.
 */
struct data *data_new(const struct ynode *cfgroot, const char *cfgfile,
	    const char *root, struct diaglist *diags);
void	 data_free(struct data *dt);

/*
 * What one piece of work (a directive) used of the declared data: while
 * a trace is begun on a thread, every data_* lookup on that thread adds
 * "KIND:NAME" (s space, f file, t tokenizer, c corpus) to it once.
 */
struct data_trace {
	char		**keys;
	size_t		 n;
};
void	 data_trace_begin(struct data_trace *t);
void	 data_trace_end(void);
void	 data_trace_clear(struct data_trace *t);
/*
 * The digest of declared item "key" ("s:NAME", ...): its declaration in
 * vecdoc.yml and the bytes of every file it names (file digests are
 * remembered in ROOT/.vecdoc-cache/digests.bin by path, size, mtime and
 * inode). An undeclared or missing item has a digest of its own.
 */
int	 data_item_digest(struct data *dt, const char *key, uint64_t *out);

/*
 * A digest of the bytes of every file the declarations name (what a
 * page's results may depend on), through the same memo as
 * data_item_digest: a changed, added or removed data file changes it,
 * however quickly it was rewritten. 0 for NULL.
 */
uint64_t data_signature(struct data *dt);

/*
 * 1 when the rows of declared space sd are words (GloVe, word2vec, wink,
 * a random space): without a tokenizer: it gets the word tokenizer,
 * lowercasing as its lowercase: says. 0 for token-level spaces.
 */
int	 data_word_space(const struct space_decl *sd);
/*
 * 1 when a data_* lookup on this thread failed, since the previous call,
 * because a declared file is not fetched yet (the message says to run
 * `vecdoc fetch`); resets the mark. (--allow-missing-data shows such
 * directives as placeholders.)
 */
int	 data_missing_take(void);
/*
 * After data_space(dt, name) failed: 1 when the fault is the space's
 * declaration itself (the diag is located in vecdoc.yml: a token space
 * whose rows are not its tokenizer's pieces) and no caller was told
 * yet, so that the first one reports it once at that place; 0 otherwise.
 */
int	 data_space_decl_fault(struct data *dt, const char *name);
/* The declaration of space "name", or NULL. */
const struct space_decl *data_space_decl(const struct data *dt,
	    const char *name);
/*
 * The space "name", opened on first use (thread-safe; later calls
 * return the same space). NULL with d set when it is not declared, its
 * file cannot be read (the message says to run `vecdoc fetch` when the
 * file is missing), or it is a token space (rows: tokens) whose rows
 * are not one per piece of its tokenizer (d at the declaration; a
 * tokenizer that cannot be opened is left to the lookups that need it).
 * Borrowed: lives as long as dt.
 */
const struct space *data_space(struct data *dt, const char *name,
	    struct diag *d);
/*
 * The exact-search index (row norms; kern/knn.h) of space "name", built
 * on first use and shared. NULL with d set as data_space. Borrowed.
 */
struct knn_index;
const struct knn_index *data_index(struct data *dt, const char *name,
	    struct diag *d);
/* The resolved path of the file declared as "name" under files:, or
 * NULL with d set (not declared, or missing on disk). */
const char *data_file(struct data *dt, const char *name, struct diag *d);
/*
 * The tokenizer "name": an entry of `tokenizers:`, or the tokenizer of
 * the space "name". Opened on first use, shared, borrowed. NULL with d
 * set when there is none or it cannot be opened.
 */
const struct tokenizer *data_tokenizer(struct data *dt, const char *name,
	    struct diag *d);
/* 1 if "name" names a tokenizer (a tokenizers: entry or a space with a
 * tokenizer:), else 0. */
int	 data_has_tokenizer(const struct data *dt, const char *name);
/* Names of the declared tokenizers and spaces with tokenizers, for
 * did-you-mean hints: fills up to cap pointers, returns the count. */
size_t	 data_tokenizer_names(const struct data *dt, const char **out,
	    size_t cap);

/*
 * The corpus "name" (an entry of `corpora:`), read, preprocessed and
 * counted on first use, shared, borrowed. NULL with d set when it is not
 * declared or cannot be read.
 */
struct corpus;
const struct corpus *data_corpus(struct data *dt, const char *name,
	    struct diag *d);
/*
 * Trained models (`models:`; data/model.h). Their spaces are spaces like
 * the others for data_space, data_index and data_tokenizer: "NAME",
 * "NAME@SEED", "NAME/eEPOCH", "NAME@SEED/eEPOCH". A model's seed is
 * trained on first use, on one thread, and kept in
 * ROOT/.vecdoc-cache/models/KEY.* where KEY digests the corpus (its
 * declaration and bytes), the hyperparameters, the seed and
 * MODEL_TRAINER_VERSION; files are renamed into place when complete.
 */
struct model_decl;
struct model_epoch;
/* The declaration of model "name" (a model's name or one of its
 * spaces' names), or NULL. Borrowed. */
const struct model_decl *data_model(const struct data *dt, const char *name);
/*
 * The record of training of the model space "name" (its seed; trained
 * now if needed): *n epochs from 0 (before training), in a heap array.
 * 0, or -1 with d set.
 */
int	 data_model_log(struct data *dt, const char *name,
	    struct model_epoch **out, size_t *n, struct diag *d);
/* 1 when every seed of model "name" is in the cache already. */
int	 data_model_cached(struct data *dt, const char *name);
/*
 * A hook called with on = 1 before a model is trained (or waited for)
 * on this thread and on = 0 after: the directive runner stops its
 * watchdog's clock meanwhile. NULL removes it.
 */
void	 data_hold_hook(void (*fn)(void *ctx, int on), void *ctx);

/* One line naming a corpus and its file: "NAME · FILE · TOKENS tokens". */
void	 data_corpus_provenance(const struct data *dt, const struct corpus *c,
	    char *out, size_t outsz);

/*
 * One provenance line for space s into out: "NAME · FILE · xxh3 PREFIX ·
 * ROWS × DIMS" (the file relative to the content root as declared).
 */
void	 data_provenance(const struct data *dt, const struct space *s,
	    char *out, size_t outsz);

#endif
