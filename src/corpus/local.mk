# src/corpus: corpora declared in vecdoc.yml and their statistics, and the
# cross-space comparisons. The two cross-space kernels live in src/kern
# (linmap, anerr) but are listed here, with the corpus work.
libvecdoc_a_SOURCES += \
	src/corpus/corpus.c src/corpus/corpus.h \
	src/corpus/freq.c src/corpus/freq.h \
	src/corpus/compare.c src/corpus/compare.h \
	src/corpus/cooc.c src/corpus/cooc.h \
	src/corpus/spectrum.c src/corpus/spectrum.h \
	src/corpus/xspace.c src/corpus/xspace.h \
	src/corpus/trainset.c src/corpus/trainset.h \
	src/kern/linmap.c src/kern/linmap.h \
	src/kern/anerr.c src/kern/anerr.h

# Cross-check driver for tests/corpus/suite.sh (a noinst program like
# tests/kern/kerncheck: tests/run.sh runs every check_PROGRAMS binary as a
# unit test, and this one needs arguments).
noinst_PROGRAMS += tests/corpus/corpuscheck
tests_corpus_corpuscheck_SOURCES = tests/corpus/corpuscheck.c
tests_corpus_corpuscheck_LDADD = $(VECDOC_LIBS)

check_PROGRAMS += tests/unit/test_corpus
tests_unit_test_corpus_SOURCES = tests/unit/test_corpus.c tests/unit/test.h
tests_unit_test_corpus_LDADD = $(VECDOC_LIBS)
EXTRA_DIST += tests/corpus/suite.sh tests/corpus/crosscheck.py \
	tests/corpus/fixtures tests/corpus/bench.sh
