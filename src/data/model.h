/*
 * data/model: word2vec spaces declared under `models:` in vecdoc.yml —
 * a corpus, hyperparameters and seeds — trained on first use (one
 * thread, deterministic) and kept content-addressed in
 * ROOT/.vecdoc-cache/models.
 * Reads the YAML tree; produces declarations, and (model.c with data.c)
 * trained spaces. Never prints.
 */
#ifndef VECDOC_DATA_MODEL_H
#define VECDOC_DATA_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "kern/w2v.h"
#include "util/diag.h"
#include "util/yamltree.h"

/*
 * The trainer's version in cache keys: bump it whenever kern/w2v.c,
 * corpus/trainset.c or the way model.c calls them changes what a seed
 * trains to, so that every cached model is trained again.
 */
#define MODEL_TRAINER_VERSION	"vecdoc-w2v 1"

/* Where a key of a declaration was written, for located errors. */
struct model_place {
	long	 line;
	int	 col;
};

/*
 * One entry of `models:`. Names of the spaces it gives:
 *   NAME           the first seed's final vectors
 *   NAME@S         seed S's final vectors (S among seeds)
 *   NAME/eK        the first seed's vectors after epoch K (K among
 *                  snapshots)
 *   NAME@S/eK      seed S's after epoch K
 */
struct model_decl {
	char		*name;
	char		*corpus;
	struct w2v_params p;		/* threads is always 1 */
	long		 min_count;
	long		 heldout;	/* held-out pairs for the loss */
	uint64_t	*seeds;
	size_t		 nseeds;
	int		*snap;		/* ascending epochs */
	size_t		 nsnap;
	const char	*file;		/* vecdoc.yml (borrowed) */
	long		 line;		/* of the model's name */
	int		 col;
	struct model_place at_corpus, at_dim, at_window, at_negative,
			 at_epochs, at_min_count;
};

/*
 * Parses the value of `models:` (a map name -> map). Returns 0 with a
 * heap array in *out (modeldecls_free), or -1 with d at the offending
 * key or value.
 */
int	 modeldecls_parse(const struct ynode *models, const char *file,
	    struct model_decl **out, size_t *n, struct diag *d);
void	 modeldecls_free(struct model_decl *v, size_t n);

/*
 * The canonical text of everything but the corpus that decides what a
 * seed trains to (hyperparameters, seed, trainer version), for keys.
 */
void	 model_key_text(const struct model_decl *m, uint64_t seed, char *out,
	    size_t outsz);

/* One epoch of a trained model's record (epoch 0: before training). */
struct model_epoch {
	int		 epoch;
	long long	 words;		/* training words read so far */
	double		 lr;
	double		 loss;		/* held-out SGNS loss (NAN: none) */
};

/*
 * A parsed variant name: "NAME", "NAME@S", "NAME/eK", "NAME@S/eK".
 * Fills base (the model's name, NUL-terminated, up to basesz), *seed
 * (0 and *has_seed 0 when not given) and *epoch (0: final). Returns 0,
 * or -1 when the name is not of that shape.
 */
int	 model_name_parse(const char *name, char *base, size_t basesz,
	    int *has_seed, uint64_t *seed, int *epoch);

#endif
