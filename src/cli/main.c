/*
 * cli/main: the vecdoc command line.
 * Reads argv; dispatches to one subcommand; the only place that exits.
 * Never does a subcommand's work itself.
 */
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "cli/cli.h"

struct command {
	const char	*name;
	int		(*fn)(int, char **);
	const char	*summary;
};

static const struct command commands[] = {
	{ "new", cmd_new, "write a small, working course to start from" },
	{ "build", cmd_build, "build the site in a content directory" },
	{ "check", cmd_check, "everything a build does except writing output" },
	{ "serve", cmd_serve, "live preview: serve, rebuild on change, reload pages" },
	{ "run", cmd_run, "run one directive outside any page, print JSON" },
	{ "fetch", cmd_fetch, "obtain and verify every declared data file" },
	{ "convert", cmd_convert, "convert an embedding file to another format" },
	{ "info", cmd_info, "describe an embedding file" },
	{ "tokenize", cmd_tokenize, "split a text into tokens with ids and offsets" },
	{ "cache", cmd_cache, "which directive results are fresh, and why others are stale" },
	{ "import", cmd_import, "bring legacy course pages into a content directory" },
	{ "train", cmd_train, "train word2vec (SGNS or CBOW) vectors on a corpus" },
};

static void
usage(FILE *fp)
{
	size_t i;

	fprintf(fp, "usage: vecdoc COMMAND [OPTIONS]\n"
	    "       vecdoc --help | --version\n\ncommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(fp, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(fp, "\n'vecdoc COMMAND --help' describes a command; "
	    "man vecdoc(1) describes them all.\n");
}

/*
 * vecdoc's kernels run one worker thread per core and each calls BLAS on
 * its own share, so OpenBLAS's thread pool would only oversubscribe the
 * cores (and make SGEMM's rounding depend on its split). The pool starts
 * in the library's constructor, before main, and its threads spin for a
 * while: a text parse at start-up ran 10-40% slower beside them. Unless
 * the user chose a count, BLAS is set to one thread and the pool is shut
 * down at once (OpenBLAS's own calls, looked up so that another BLAS
 * simply lacks them). This used to re-execute /proc/self/exe with
 * OPENBLAS_NUM_THREADS=1, which loaded some fifty shared libraries twice:
 * about 40 ms of every command on this VM. (Setting the variable from the
 * executable's preinit array does not work: libc's own initialisation
 * puts the original environment back before OpenBLAS reads it.)
 */
static void
blas_one_thread(void)
{
	void (*setn)(int);
	void (*shut)(void);

	if (getenv("OPENBLAS_NUM_THREADS") != NULL)
		return;
	setenv("OPENBLAS_NUM_THREADS", "1", 1);	/* for what we run */
	*(void **)&setn = dlsym(RTLD_DEFAULT, "openblas_set_num_threads");
	*(void **)&shut = dlsym(RTLD_DEFAULT, "blas_thread_shutdown_");
	if (setn != NULL)
		setn(1);
	if (shut != NULL)
		shut();
}

int
main(int argc, char **argv)
{
	size_t i;

	blas_one_thread();
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("vecdoc %s\n", PACKAGE_VERSION);
		return 0;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "vecdoc: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return 2;
}
