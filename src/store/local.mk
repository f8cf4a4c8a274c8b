libvecdoc_a_SOURCES += \
	src/store/space.h src/store/store.h src/store/space.c \
	src/store/build.c src/store/open.c \
	src/store/fparse.c src/store/fparse.h src/store/fparse_row.c src/store/text.c src/store/w2vbin.c \
	src/store/npy.c src/store/safetensors.c src/store/vocab.c \
	src/store/wink.c src/store/vds.c src/store/gen.c \
	src/store/config.h src/store/config.c \
	src/store/fetch.h src/store/fetch.c src/store/assemble.h src/store/assemble.c \
	src/store/tensorfetch.h src/store/tensorfetch.c

check_PROGRAMS += tests/unit/test_store
tests_unit_test_store_SOURCES = tests/unit/test_store.c tests/unit/test.h
tests_unit_test_store_LDADD = $(VECDOC_LIBS)

# The suite, its hand-made fixtures and the fuzzers' corpora (whole
# directories), and the load benchmark.
EXTRA_DIST += tests/store tests/bench/load.sh tests/fuzz/corpus-text \
	tests/fuzz/corpus-w2vbin tests/fuzz/corpus-npy \
	tests/fuzz/corpus-safetensors tests/fuzz/corpus-vds

# libFuzzer targets: ./configure --enable-fuzz CC=clang \
#   CFLAGS="-g -O1 -fsanitize=fuzzer-no-link,address" LDFLAGS=-fsanitize=address
# then e.g. mkdir -p /tmp/c && tests/fuzz/fuzz_store_text \
#   -max_total_time=300 /tmp/c tests/fuzz/corpus-text
# (new crashers go into tests/fuzz/corpus-NAME/, which test_store replays).
if FUZZ
FUZZ_STORE = tests/fuzz/fuzz_store_text tests/fuzz/fuzz_store_w2vbin \
	tests/fuzz/fuzz_store_npy tests/fuzz/fuzz_store_safetensors \
	tests/fuzz/fuzz_store_vds
noinst_PROGRAMS += $(FUZZ_STORE)
tests_fuzz_fuzz_store_text_SOURCES = tests/fuzz/fuzz_store_text.c
tests_fuzz_fuzz_store_text_LDFLAGS = -fsanitize=fuzzer,address
tests_fuzz_fuzz_store_text_LDADD = $(VECDOC_LIBS)
tests_fuzz_fuzz_store_w2vbin_SOURCES = tests/fuzz/fuzz_store_w2vbin.c
tests_fuzz_fuzz_store_w2vbin_LDFLAGS = -fsanitize=fuzzer,address
tests_fuzz_fuzz_store_w2vbin_LDADD = $(VECDOC_LIBS)
tests_fuzz_fuzz_store_npy_SOURCES = tests/fuzz/fuzz_store_npy.c
tests_fuzz_fuzz_store_npy_LDFLAGS = -fsanitize=fuzzer,address
tests_fuzz_fuzz_store_npy_LDADD = $(VECDOC_LIBS)
tests_fuzz_fuzz_store_safetensors_SOURCES = tests/fuzz/fuzz_store_safetensors.c
tests_fuzz_fuzz_store_safetensors_LDFLAGS = -fsanitize=fuzzer,address
tests_fuzz_fuzz_store_safetensors_LDADD = $(VECDOC_LIBS)
tests_fuzz_fuzz_store_vds_SOURCES = tests/fuzz/fuzz_store_vds.c
tests_fuzz_fuzz_store_vds_LDFLAGS = -fsanitize=fuzzer,address
tests_fuzz_fuzz_store_vds_LDADD = $(VECDOC_LIBS)
endif
EXTRA_DIST += tests/fuzz/fuzz_store_text.c tests/fuzz/fuzz_store_w2vbin.c \
	tests/fuzz/fuzz_store_npy.c tests/fuzz/fuzz_store_safetensors.c \
	tests/fuzz/fuzz_store_vds.c

bench-load: vecdoc
	$(SHELL) $(srcdir)/tests/bench/load.sh $(abs_builddir)/vecdoc
EXTRA_DIST += tests/tensorfetch
EXTRA_DIST += tests/fetchparts
