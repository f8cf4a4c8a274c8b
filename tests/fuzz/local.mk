# Parser fuzz targets (issue 18). Each tests/fuzz/fuzz_NAME.c is built
# twice: with replay.c as tests/fuzz/replay_NAME, which tests/fuzz/
# suite.sh runs in `make check` on tests/fuzz/corpus-NAME/ (seeds and
# every crasher ever found) with each input unterminated before a guard
# page; and, with ./configure --enable-fuzz CC=clang
#   CFLAGS="-g -O1 -fsanitize=fuzzer-no-link,address,undefined"
#   LDFLAGS="-fsanitize=address,undefined"
# as the libFuzzer target tests/fuzz/fuzz_NAME that `make fuzz-smoke`
# runs for a fixed time each (tests/fuzz/smoke.sh).
FUZZ_COMMON = tests/fuzz/fuzz.h tests/fuzz/tokfiles.h tests/unit/guard.h
FUZZ_PARSERS = texmath mathscan directive config frontmatter tok tok_vocab corpus page http \
	claim result_io import assemble pagecache
check_PROGRAMS += tests/fuzz/replay_texmath
tests_fuzz_replay_texmath_SOURCES = tests/fuzz/fuzz_texmath.c tests/fuzz/replay.c $(FUZZ_COMMON)
tests_fuzz_replay_texmath_LDADD = $(VECDOC_LIBS)
check_PROGRAMS += tests/fuzz/replay_mathscan
tests_fuzz_replay_mathscan_SOURCES = tests/fuzz/fuzz_mathscan.c tests/fuzz/replay.c $(FUZZ_COMMON)
tests_fuzz_replay_mathscan_LDADD = $(VECDOC_LIBS)
check_PROGRAMS += tests/fuzz/replay_directive
tests_fuzz_replay_directive_SOURCES = tests/fuzz/fuzz_directive.c tests/fuzz/replay.c $(FUZZ_COMMON)
tests_fuzz_replay_directive_LDADD = $(VECDOC_LIBS)
check_PROGRAMS += tests/fuzz/replay_config
tests_fuzz_replay_config_SOURCES = tests/fuzz/fuzz_config.c tests/fuzz/replay.c $(FUZZ_COMMON)
tests_fuzz_replay_config_LDADD = $(VECDOC_LIBS)
check_PROGRAMS += tests/fuzz/replay_frontmatter
tests_fuzz_replay_frontmatter_SOURCES = tests/fuzz/fuzz_frontmatter.c tests/fuzz/replay.c $(FUZZ_COMMON)
tests_fuzz_replay_frontmatter_LDADD = $(VECDOC_LIBS)
check_PROGRAMS += tests/fuzz/replay_tok
tests_fuzz_replay_tok_SOURCES = tests/fuzz/fuzz_tok.c tests/fuzz/replay.c $(FUZZ_COMMON)
tests_fuzz_replay_tok_LDADD = $(VECDOC_LIBS)
check_PROGRAMS += tests/fuzz/replay_tok_vocab
tests_fuzz_replay_tok_vocab_SOURCES = tests/fuzz/fuzz_tok_vocab.c tests/fuzz/replay.c $(FUZZ_COMMON)
tests_fuzz_replay_tok_vocab_LDADD = $(VECDOC_LIBS)
check_PROGRAMS += tests/fuzz/replay_corpus
tests_fuzz_replay_corpus_SOURCES = tests/fuzz/fuzz_corpus.c tests/fuzz/replay.c $(FUZZ_COMMON)
tests_fuzz_replay_corpus_LDADD = $(VECDOC_LIBS)
check_PROGRAMS += tests/fuzz/replay_page
tests_fuzz_replay_page_SOURCES = tests/fuzz/fuzz_page.c tests/fuzz/replay.c $(FUZZ_COMMON)
tests_fuzz_replay_page_LDADD = $(VECDOC_LIBS)
check_PROGRAMS += tests/fuzz/replay_http
tests_fuzz_replay_http_SOURCES = tests/fuzz/fuzz_http.c tests/fuzz/replay.c $(FUZZ_COMMON)
tests_fuzz_replay_http_LDADD = $(VECDOC_LIBS)
check_PROGRAMS += tests/fuzz/replay_claim
tests_fuzz_replay_claim_SOURCES = tests/fuzz/fuzz_claim.c tests/fuzz/replay.c $(FUZZ_COMMON)
tests_fuzz_replay_claim_LDADD = $(VECDOC_LIBS)
check_PROGRAMS += tests/fuzz/replay_result_io
tests_fuzz_replay_result_io_SOURCES = tests/fuzz/fuzz_result_io.c tests/fuzz/replay.c $(FUZZ_COMMON)
tests_fuzz_replay_result_io_LDADD = $(VECDOC_LIBS)
check_PROGRAMS += tests/fuzz/replay_import
tests_fuzz_replay_import_SOURCES = tests/fuzz/fuzz_import.c tests/fuzz/replay.c $(FUZZ_COMMON)
tests_fuzz_replay_import_LDADD = $(VECDOC_LIBS)
check_PROGRAMS += tests/fuzz/replay_assemble
tests_fuzz_replay_assemble_SOURCES = tests/fuzz/fuzz_assemble.c tests/fuzz/replay.c $(FUZZ_COMMON)
tests_fuzz_replay_assemble_LDADD = $(VECDOC_LIBS)
check_PROGRAMS += tests/fuzz/replay_pagecache
tests_fuzz_replay_pagecache_SOURCES = tests/fuzz/fuzz_pagecache.c tests/fuzz/replay.c $(FUZZ_COMMON)
tests_fuzz_replay_pagecache_LDADD = $(VECDOC_LIBS)
if FUZZ
noinst_PROGRAMS += tests/fuzz/fuzz_pagecache
tests_fuzz_fuzz_pagecache_SOURCES = tests/fuzz/fuzz_pagecache.c $(FUZZ_COMMON)
tests_fuzz_fuzz_pagecache_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_pagecache_LDADD = $(VECDOC_LIBS)
noinst_PROGRAMS += tests/fuzz/fuzz_claim
tests_fuzz_fuzz_claim_SOURCES = tests/fuzz/fuzz_claim.c $(FUZZ_COMMON)
tests_fuzz_fuzz_claim_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_claim_LDADD = $(VECDOC_LIBS)
noinst_PROGRAMS += tests/fuzz/fuzz_result_io
tests_fuzz_fuzz_result_io_SOURCES = tests/fuzz/fuzz_result_io.c $(FUZZ_COMMON)
tests_fuzz_fuzz_result_io_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_result_io_LDADD = $(VECDOC_LIBS)
noinst_PROGRAMS += tests/fuzz/fuzz_import
tests_fuzz_fuzz_import_SOURCES = tests/fuzz/fuzz_import.c $(FUZZ_COMMON)
tests_fuzz_fuzz_import_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_import_LDADD = $(VECDOC_LIBS)
noinst_PROGRAMS += tests/fuzz/fuzz_assemble
tests_fuzz_fuzz_assemble_SOURCES = tests/fuzz/fuzz_assemble.c $(FUZZ_COMMON)
tests_fuzz_fuzz_assemble_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_assemble_LDADD = $(VECDOC_LIBS)
noinst_PROGRAMS += tests/fuzz/fuzz_http
tests_fuzz_fuzz_http_SOURCES = tests/fuzz/fuzz_http.c $(FUZZ_COMMON)
tests_fuzz_fuzz_http_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_http_LDADD = $(VECDOC_LIBS)
noinst_PROGRAMS += tests/fuzz/fuzz_texmath
tests_fuzz_fuzz_texmath_SOURCES = tests/fuzz/fuzz_texmath.c $(FUZZ_COMMON)
tests_fuzz_fuzz_texmath_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_texmath_LDADD = $(VECDOC_LIBS)
noinst_PROGRAMS += tests/fuzz/fuzz_mathscan
tests_fuzz_fuzz_mathscan_SOURCES = tests/fuzz/fuzz_mathscan.c $(FUZZ_COMMON)
tests_fuzz_fuzz_mathscan_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_mathscan_LDADD = $(VECDOC_LIBS)
noinst_PROGRAMS += tests/fuzz/fuzz_directive
tests_fuzz_fuzz_directive_SOURCES = tests/fuzz/fuzz_directive.c $(FUZZ_COMMON)
tests_fuzz_fuzz_directive_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_directive_LDADD = $(VECDOC_LIBS)
noinst_PROGRAMS += tests/fuzz/fuzz_config
tests_fuzz_fuzz_config_SOURCES = tests/fuzz/fuzz_config.c $(FUZZ_COMMON)
tests_fuzz_fuzz_config_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_config_LDADD = $(VECDOC_LIBS)
noinst_PROGRAMS += tests/fuzz/fuzz_frontmatter
tests_fuzz_fuzz_frontmatter_SOURCES = tests/fuzz/fuzz_frontmatter.c $(FUZZ_COMMON)
tests_fuzz_fuzz_frontmatter_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_frontmatter_LDADD = $(VECDOC_LIBS)
noinst_PROGRAMS += tests/fuzz/fuzz_tok
tests_fuzz_fuzz_tok_SOURCES = tests/fuzz/fuzz_tok.c $(FUZZ_COMMON)
tests_fuzz_fuzz_tok_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_tok_LDADD = $(VECDOC_LIBS)
noinst_PROGRAMS += tests/fuzz/fuzz_tok_vocab
tests_fuzz_fuzz_tok_vocab_SOURCES = tests/fuzz/fuzz_tok_vocab.c $(FUZZ_COMMON)
tests_fuzz_fuzz_tok_vocab_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_tok_vocab_LDADD = $(VECDOC_LIBS)
noinst_PROGRAMS += tests/fuzz/fuzz_corpus
tests_fuzz_fuzz_corpus_SOURCES = tests/fuzz/fuzz_corpus.c $(FUZZ_COMMON)
tests_fuzz_fuzz_corpus_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_corpus_LDADD = $(VECDOC_LIBS)
noinst_PROGRAMS += tests/fuzz/fuzz_page
tests_fuzz_fuzz_page_SOURCES = tests/fuzz/fuzz_page.c $(FUZZ_COMMON)
tests_fuzz_fuzz_page_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_page_LDADD = $(VECDOC_LIBS)
endif
EXTRA_DIST += tests/fuzz/suite.sh tests/fuzz/smoke.sh $(FUZZ_PARSERS:%=tests/fuzz/corpus-%)

# Each fuzz target (the store's too) for FUZZ_SECONDS (default 12) from
# its seeds; needs the --enable-fuzz build above. Total about 4 minutes
# (15 targets; the seeds load first, so each takes a little longer).
FUZZ_SECONDS = 12
fuzz-smoke:
	@if [ ! -x tests/fuzz/fuzz_texmath ]; then \
	  echo "fuzz-smoke: needs ./configure --enable-fuzz CC=clang (see tests/fuzz/local.mk)" >&2; exit 1; fi
	$(MAKE) $(AM_MAKEFLAGS) $(noinst_PROGRAMS)
	SRCDIR=$(abs_srcdir) BUILDDIR=$(abs_builddir) FUZZ_SECONDS=$(FUZZ_SECONDS) \
	  $(SHELL) $(srcdir)/tests/fuzz/smoke.sh $(FUZZ_PARSERS) store_text store_w2vbin \
	  store_npy store_safetensors store_vds
.PHONY: fuzz-smoke
