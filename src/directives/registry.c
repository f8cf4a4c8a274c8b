/*
 * directives/registry: the table of directives, sorted by name.
 * Produces lookups by name. Never holds state.
 */
#include <string.h>

#include "directives/registry.h"

static const struct directive_spec *const registry[] = {
	&directive_analogy,
	&directive_analogy_error,
	&directive_analogy_eval,
	&directive_anisotropy,
	&directive_contrastive,
	&directive_cooccurrence,
	&directive_corpus_compare,
	&directive_corpus_stats,
	&directive_cosine_scatter,
	&directive_important,
	&directive_metric_compare,
	&directive_nearest,
	&directive_norm_frequency,
	&directive_note,
	&directive_random_cosine,
	&directive_rsa,
	&directive_similarity_matrix,
	&directive_space_compare,
	&directive_svd_spectrum,
	&directive_tip,
	&directive_token_heatmap,
	&directive_tokens,
	&directive_warning,
	&directive_word_pairs_eval,
	&directive_zipf,
};

#define NREG (sizeof(registry) / sizeof(registry[0]))

const struct directive_spec *
directive_find(const char *name)
{
	size_t i;

	for (i = 0; i < NREG; i++)
		if (strcmp(registry[i]->name, name) == 0)
			return registry[i];
	return NULL;
}

size_t
directive_count(void)
{
	return NREG;
}

const struct directive_spec *
directive_at(size_t i)
{
	return i < NREG ? registry[i] : NULL;
}
