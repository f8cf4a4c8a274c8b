libvecdoc_a_SOURCES += src/tok/cmd.c src/tok/tok.h src/tok/tok.c \
	src/tok/tok_impl.h src/tok/word.c src/tok/wordpiece.c src/tok/bpe.c
EXTRA_DIST += tests/tok
