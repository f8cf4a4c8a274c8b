# data: what a build opens lazily and shares (spaces, indexes, files,
# tokenizers, corpora), above store/, tok/ and corpus/.
libvecdoc_a_SOURCES += src/data/data.c src/data/data.h \
	src/data/digest.c src/data/digest.h \
	src/data/tokspace.c src/data/tokspace.h \
	src/data/model.c src/data/model.h

check_PROGRAMS += tests/unit/test_tokspace
tests_unit_test_tokspace_SOURCES = tests/unit/test_tokspace.c tests/unit/test.h
tests_unit_test_tokspace_LDADD = $(VECDOC_LIBS)
EXTRA_DIST += tests/tokspace
