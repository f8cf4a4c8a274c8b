# vecdoc import: legacy pages into vecdoc pages (site level: util, md).
libvecdoc_a_SOURCES += \
	src/import/import.h src/import/repair.c src/import/convert.c
EXTRA_DIST += tests/import tests/fuzz/corpus-import

# libFuzzer target (see src/store/local.mk for how to build and run it).
if FUZZ
noinst_PROGRAMS += tests/fuzz/fuzz_import
tests_fuzz_fuzz_import_SOURCES = tests/fuzz/fuzz_import.c
tests_fuzz_fuzz_import_LDFLAGS = -fsanitize=fuzzer,address
tests_fuzz_fuzz_import_LDADD = $(VECDOC_LIBS)
endif
