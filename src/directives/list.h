/*
 * directives/list.h: every directive, one line each, sorted by name
 * (its spec is directive_ID in src/directives/ID.c; the admonitions'
 * four share admonition.c). Adding a directive = its file + one line
 * here; registry.h declares and registry.c lists what this names.
 * Included with DIRECTIVE(id) defined; no include guard on purpose.
 */
DIRECTIVE(analogy)
DIRECTIVE(analogy_error)
DIRECTIVE(analogy_eval)
DIRECTIVE(anisotropy)
DIRECTIVE(contrastive)
DIRECTIVE(cooccurrence)
DIRECTIVE(corpus_compare)
DIRECTIVE(corpus_stats)
DIRECTIVE(cosine_correlation)
DIRECTIVE(cosine_scatter)
DIRECTIVE(embedding_drift)
DIRECTIVE(important)
DIRECTIVE(metric_compare)
DIRECTIVE(nearest)
DIRECTIVE(norm_frequency)
DIRECTIVE(note)
DIRECTIVE(random_cosine)
DIRECTIVE(rsa)
DIRECTIVE(seed_stability)
DIRECTIVE(similarity_matrix)
DIRECTIVE(skipgram_pairs)
DIRECTIVE(space_compare)
DIRECTIVE(svd_spectrum)
DIRECTIVE(tip)
DIRECTIVE(token_heatmap)
DIRECTIVE(tokens)
DIRECTIVE(training_curve)
DIRECTIVE(warning)
DIRECTIVE(word_pairs_eval)
DIRECTIVE(zipf)
