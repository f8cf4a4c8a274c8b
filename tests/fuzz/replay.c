/*
 * tests/fuzz/replay.c: the main() of a fuzz target outside libFuzzer.
 * Feeds it every file named on the command line (directories: every file
 * in them), each copied to the very end of a readable page that is
 * followed by an unreadable one, so that a parser reading ptr[len] dies
 * here in any build. Prints "replay_NAME: N passed, 0 failed" (a crash
 * prints nothing and fails the suite). Reads files; writes nothing.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../unit/guard.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static long nrun;

static void
run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0, k;
	struct guard g;
	const char *p;

	if (f == NULL) {
		perror(path);
		exit(2);
	}
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			if ((buf = realloc(buf, cap)) == NULL)
				abort();
		}
		if ((k = fread(buf + n, 1, cap - n, f)) == 0)
			break;
		n += k;
	}
	fclose(f);
	p = guard_put(&g, buf, n);
	LLVMFuzzerTestOneInput((const uint8_t *)p, n);
	guard_free(&g);
	free(buf);
	nrun++;
}

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
run_path(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, i;

	if (stat(path, &st) != 0) {
		perror(path);
		exit(2);
	}
	if (!S_ISDIR(st.st_mode)) {
		run_file(path);
		return;
	}
	if ((d = opendir(path)) == NULL) {
		perror(path);
		exit(2);
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if ((names = realloc(names, (n + 1) * sizeof(*names))) == NULL)
			abort();
		if ((names[n] = malloc(strlen(path) + strlen(e->d_name) + 2)) ==
		    NULL)
			abort();
		sprintf(names[n++], "%s/%s", path, e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp);
	for (i = 0; i < n; i++) {
		run_path(names[i]);
		free(names[i]);
	}
	free(names);
}

int
main(int argc, char **argv)
{
	const char *name = strrchr(argv[0], '/');
	int i;

	for (i = 1; i < argc; i++)
		run_path(argv[i]);
	printf("%s: %ld passed, 0 failed\n", name ? name + 1 : argv[0], nrun);
	return 0;
}
