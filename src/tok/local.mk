# tok: tokenizers (word, BERT WordPiece, GPT-2 byte-level BPE) and the
# tokenize subcommand.
libvecdoc_a_SOURCES += src/tok/tok.h src/tok/tokint.h src/tok/tok.c \
	src/tok/word.c src/tok/wordpiece.c src/tok/wp_unicode.h src/tok/bpe.c

check_PROGRAMS += tests/unit/test_tok
tests_unit_test_tok_SOURCES = tests/unit/test_tok.c tests/unit/test.h tests/unit/guard.h
tests_unit_test_tok_LDADD = $(VECDOC_LIBS)

# The suite with its corpus and the benchmark (whole directory).
EXTRA_DIST += tests/tok
