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
	src/kern/linmap.c src/kern/linmap.h \
	src/kern/anerr.c src/kern/anerr.h

