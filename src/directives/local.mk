libvecdoc_a_SOURCES += \
	src/directives/registry.c src/directives/registry.h \
	src/directives/admonition.c src/directives/random_cosine.c \
	src/directives/directive.c src/directives/directive.h \
	src/directives/run.c src/directives/run.h \
	src/directives/rcache.c src/directives/rcache.h \
	src/directives/values.c src/directives/values.h \
	src/directives/claim.c src/directives/claim.h \
	src/directives/doc.c \
	src/directives/common.c src/directives/common.h \
	src/directives/nearest.c src/directives/analogy.c \
	src/directives/evals.c src/directives/geometry.c src/directives/heatmap.c \
	src/directives/normfreq.c src/directives/crossspace.c \
	src/directives/corpora.c

# libFuzzer target for the {claim} expression parser (see
# src/store/local.mk for how fuzzers are configured and run).
if FUZZ
noinst_PROGRAMS += tests/fuzz/fuzz_claim
tests_fuzz_fuzz_claim_SOURCES = tests/fuzz/fuzz_claim.c
tests_fuzz_fuzz_claim_LDFLAGS = -fsanitize=fuzzer,address
tests_fuzz_fuzz_claim_LDADD = $(VECDOC_LIBS)
endif
EXTRA_DIST += tests/fuzz/fuzz_claim.c tests/values tests/rcache
