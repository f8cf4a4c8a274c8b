# cli: the front ends, one per subcommand, and main(). Nothing else
# includes them.
vecdoc_SOURCES = src/cli/main.c src/cli/cli.h src/cli/usage.c \
	src/cli/build.c src/cli/run.c src/cli/store.c src/cli/tokenize.c \
	src/cli/fetch.c src/cli/cache.c src/cli/import.c src/cli/new.c src/cli/train.c \
	src/cli/serve.c
