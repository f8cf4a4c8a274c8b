# data: what a build opens lazily and shares (spaces, indexes, files,
# tokenizers, corpora), above store/, tok/ and corpus/.
libvecdoc_a_SOURCES += src/data/data.c src/data/data.h \
	src/data/digest.c src/data/digest.h \
	src/data/model.c src/data/model.h
