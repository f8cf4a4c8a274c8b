/*
 * directives/registry.h: every directive's spec, declared by its file.
 * Adding a directive = one file + one line in registry.c + docs + tests.
 */
#ifndef VECDOC_REGISTRY_H
#define VECDOC_REGISTRY_H

#include "directives/directive.h"

extern const struct directive_spec directive_note;
extern const struct directive_spec directive_tip;
extern const struct directive_spec directive_warning;
extern const struct directive_spec directive_important;
extern const struct directive_spec directive_random_cosine;
extern const struct directive_spec directive_nearest;
extern const struct directive_spec directive_analogy;
extern const struct directive_spec directive_token_heatmap;
extern const struct directive_spec directive_tokens;
extern const struct directive_spec directive_norm_frequency;
extern const struct directive_spec directive_rsa;
extern const struct directive_spec directive_cosine_scatter;
extern const struct directive_spec directive_corpus_stats;
extern const struct directive_spec directive_zipf;
extern const struct directive_spec directive_corpus_compare;
extern const struct directive_spec directive_cooccurrence;
extern const struct directive_spec directive_svd_spectrum;
extern const struct directive_spec directive_space_compare;
extern const struct directive_spec directive_analogy_error;
extern const struct directive_spec directive_similarity_matrix;
extern const struct directive_spec directive_anisotropy;
extern const struct directive_spec directive_contrastive;
extern const struct directive_spec directive_analogy_eval;
extern const struct directive_spec directive_word_pairs_eval;
extern const struct directive_spec directive_metric_compare;

#endif
