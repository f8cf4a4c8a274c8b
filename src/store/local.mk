libvecdoc_a_SOURCES += \
	src/store/space.h src/store/store.h src/store/space.c \
	src/store/fparse.c src/store/fparse.h src/store/text.c src/store/w2vbin.c \
	src/store/npy.c src/store/safetensors.c src/store/vocab.c \
	src/store/wink.c src/store/vds.c \
	src/store/config.h src/store/config.c \
	src/store/fetch.h src/store/fetch.c src/store/cmd.c

check_PROGRAMS += tests/unit/test_store
tests_unit_test_store_SOURCES = tests/unit/test_store.c tests/unit/test.h
tests_unit_test_store_LDADD = $(VECDOC_LIBS)

EXTRA_DIST += tests/store/suite.sh
