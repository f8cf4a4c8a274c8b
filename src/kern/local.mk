# kern: numerical kernels (pure functions over float32 matrices)
libvecdoc_a_SOURCES += \
	src/kern/rng.c src/kern/rng.h \
	src/kern/norm.c src/kern/norm.h \
	src/kern/topk.c src/kern/topk.h \
	src/kern/knn.c src/kern/knn.h \
	src/kern/stats.c src/kern/stats.h \
	src/kern/analogy.c src/kern/analogy.h \
	src/kern/okvocab.c src/kern/okvocab.h \
	src/kern/analogy_eval.c src/kern/analogy_eval.h \
	src/kern/wordpairs.c src/kern/wordpairs.h \
	src/kern/linalg.c src/kern/linalg.h \
	src/kern/geometry.c src/kern/geometry.h \
	src/kern/contrastive.c src/kern/contrastive.h \
	src/kern/randcos.c src/kern/randcos.h \
	src/kern/pca.c src/kern/pca.h \
	src/kern/posemb.c src/kern/posemb.h \
	src/kern/procrustes.c src/kern/procrustes.h \
	src/kern/rsa.c src/kern/rsa.h \
	src/kern/similarity.c src/kern/similarity.h \
	src/kern/semchange.c src/kern/semchange.h \
	src/kern/dbscan.c src/kern/dbscan.h \
	src/kern/w2v.c src/kern/w2v.h src/kern/w2v_sent.h \
	src/kern/pool.c src/kern/pool.h \
	src/kern/tsne.c src/kern/tsne.h \
	src/kern/graph.c src/kern/graph.h \
	src/kern/proj.c src/kern/proj.h \
	src/kern/axis.c src/kern/axis.h

check_PROGRAMS += tests/unit/test_kern tests/unit/test_w2v
tests_unit_test_w2v_SOURCES = tests/unit/test_w2v.c tests/unit/test.h
tests_unit_test_w2v_LDADD = $(VECDOC_LIBS)
tests_unit_test_kern_SOURCES = tests/unit/test_kern.c tests/unit/test.h
tests_unit_test_kern_LDADD = $(VECDOC_LIBS)

# Cross-check driver for tests/kern/suite.sh (reads raw matrices; not a test itself).
noinst_PROGRAMS += tests/kern/kerncheck
tests_kern_kerncheck_SOURCES = tests/kern/kerncheck.c
tests_kern_kerncheck_LDADD = $(VECDOC_LIBS)
EXTRA_DIST += tests/kern/suite.sh tests/kern/crosscheck.py tests/bench/knn.sh tests/bench/knn_ref.py \
	tests/kern/expected

# the word2vec trainer: unit tests above, CLI suite, bench against word2vec.c and gensim
EXTRA_DIST += tests/train/suite.sh tests/bench/train.sh tests/bench/train_ref.py
bench-train: vecdoc
	$(SHELL) $(srcdir)/tests/bench/train.sh $(BENCH_TRAIN_FLAGS) $(abs_builddir)/vecdoc

bench-knn: tests/kern/kerncheck
	$(SHELL) $(srcdir)/tests/bench/knn.sh $(abs_builddir)/tests/kern/kerncheck
# gensim reference results cached by tests/kern/suite.sh
CLEANFILES += tests/kern/cache/*.json

# Map kernels (t-SNE, DBSCAN, graphs, axes): unit tests, and the driver of
# tests/maps/suite.sh and `make bench-maps` (reads raw matrices; not a test itself).
check_PROGRAMS += tests/unit/test_maps
tests_unit_test_maps_SOURCES = tests/unit/test_maps.c tests/unit/test.h
tests_unit_test_maps_LDADD = $(VECDOC_LIBS)
noinst_PROGRAMS += tests/maps/mapcheck
tests_maps_mapcheck_SOURCES = tests/maps/mapcheck.c
tests_maps_mapcheck_LDADD = $(VECDOC_LIBS)
EXTRA_DIST += tests/maps/suite.sh tests/maps/crosscheck.py tests/bench/maps.sh \
	tests/bench/maps_ref.py

bench-maps: tests/maps/mapcheck
	$(SHELL) $(srcdir)/tests/bench/maps.sh $(abs_builddir)/tests/maps/mapcheck
CLEANFILES += tests/maps/cache/*.json
