libvecdoc_a_SOURCES += \
	src/util/xalloc.c src/util/xalloc.h src/util/progress.h \
	src/util/buf.c src/util/buf.h \
	src/util/bytes.c src/util/bytes.h \
	src/util/diag.c src/util/diag.h \
	src/util/fsutil.c src/util/fsutil.h \
	src/util/hash.c src/util/hash.h \
	src/util/par.c src/util/par.h \
	src/util/json.c src/util/json.h \
	src/util/text.c src/util/text.h \
	src/util/yamltree.c src/util/yamltree.h \
	src/util/mojibake.c src/util/mojibake.h
