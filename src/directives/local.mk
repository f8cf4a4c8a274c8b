# Every directive is one file named after it (directives/list.h names
# them); the framework, registry, budget and shared helpers beside them.
libvecdoc_a_SOURCES += \
	src/directives/directive.c src/directives/directive.h \
	src/directives/registry.c src/directives/registry.h \
	src/directives/list.h \
	src/directives/run.c src/directives/run.h \
	src/directives/rcache.c src/directives/rcache.h \
	src/directives/values.c src/directives/values.h \
	src/directives/claim.c src/directives/claim.h \
	src/directives/budget.c src/directives/budget.h \
	src/directives/doc.c \
	src/directives/common.c src/directives/common.h \
	src/directives/wordset.c src/directives/wordset.h \
	src/directives/admonition.c \
	src/directives/analogy.c \
	src/directives/analogy_error.c \
	src/directives/analogy_eval.c \
	src/directives/analogy_sweep.c \
	src/directives/anisotropy.c \
	src/directives/contrastive.c \
	src/directives/cooccurrence.c \
	src/directives/corpus_compare.c \
	src/directives/corpus_stats.c \
	src/directives/cosine_correlation.c \
	src/directives/semantic_axis.c \
	src/directives/similarity_graph.c \
	src/directives/cosine_scatter.c \
	src/directives/dbscan.c \
	src/directives/embedding_drift.c \
	src/directives/metric_compare.c \
	src/directives/nearest.c \
	src/directives/norm_frequency.c \
	src/directives/projection.c \
	src/directives/position_curves.c \
	src/directives/position_similarity.c \
	src/directives/random_cosine.c \
	src/directives/rsa.c \
	src/directives/sequence_cosine.c \
	src/directives/seed_stability.c \
	src/directives/training_curve.c \
	src/directives/similarity_matrix.c \
	src/directives/skipgram_pairs.c \
	src/directives/space_compare.c \
	src/directives/submatrix_spectrum.c \
	src/directives/svd_spectrum.c \
	src/directives/token_heatmap.c \
	src/directives/tokens.c \
	src/directives/tsne.c \
	src/directives/unembed.c \
	src/directives/translation.c \
	src/directives/word_pairs_eval.c \
	src/directives/zipf.c

EXTRA_DIST += tests/values tests/rcache
EXTRA_DIST += tests/analysis
