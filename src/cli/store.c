/*
 * cli/store: the convert and info subcommands.
 * Reads embedding files and vecdoc.yml; produces converted files, a
 * description on stdout, fetched data. Never exits (main.c does).
 */
#include <sys/time.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "store/fetch.h"
#include "store/space.h"
#include "store/store.h"
#include "util/xalloc.h"

static void
print_warnings(const struct space *s)
{
	size_t n, i;
	const struct diag *w = space_warnings(s, &n);
	struct space_info in;

	for (i = 0; i < n; i++)
		diag_print(stderr, &w[i]);
	space_get_info(s, &in);
	if (in.duplicates > (long)n)
		fprintf(stderr, "%s: warning: %ld more duplicate tokens not "
		    "listed\n", in.path, in.duplicates - (long)n);
}

static const char *
format_by_ext(const char *path)
{
	size_t n = strlen(path);

	if (n > 4 && strcmp(path + n - 4, ".vds") == 0)
		return "vds";
	if (n > 4 && strcmp(path + n - 4, ".bin") == 0)
		return "word2vec-bin";
	if (n > 4 && (strcmp(path + n - 4, ".txt") == 0 ||
	    strcmp(path + n - 4, ".vec") == 0))
		return "glove";
	return NULL;
}

/* Shared options of info and convert. */
struct loadopts {
	struct space_opts o;
	const char	*cachedir;
	int		 nocache;
	int		 timing;
};

/* Returns 1 if argv[*i] was one of the shared options, -1 on a usage
 * error, 0 otherwise. */
static int
loadopt(const char *cmd, int argc, char **argv, int *i, struct loadopts *lo)
{
	const char *a = argv[*i];

#define NEEDARG() do { if (*i + 1 >= argc) { \
	cli_usage_error(cmd, "%s needs a value", a); return -1; } } while (0)
	if (strcmp(a, "-f") == 0 || strcmp(a, "--format") == 0 ||
	    strcmp(a, "--from") == 0) {
		NEEDARG();
		lo->o.format = argv[++*i];
	} else if (strcmp(a, "--vocab") == 0) {
		NEEDARG();
		lo->o.vocab = argv[++*i];
	} else if (strcmp(a, "--tensor") == 0) {
		NEEDARG();
		lo->o.tensor = argv[++*i];
	} else if (strcmp(a, "--cache") == 0) {
		NEEDARG();
		lo->cachedir = argv[++*i];
	} else if (strcmp(a, "--no-cache") == 0)
		lo->nocache = 1;
	else if (strcmp(a, "--no-verify") == 0)
		lo->o.noverify = 1;
	else if (strcmp(a, "--time") == 0)
		lo->timing = 1;
	else
		return 0;
	return 1;
#undef NEEDARG
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static struct space *
load(const char *path, struct loadopts *lo)
{
	struct diag d;
	struct space *s;
	const char *cache = lo->cachedir;
	double t0 = now();

	if (cache == NULL)
		cache = getenv("VECDOC_CACHE");
	if (lo->nocache || (cache && *cache == '\0'))
		cache = NULL;
	s = space_open_opts(path, &lo->o, cache, &d);
	if (s == NULL) {
		diag_print(stderr, &d);
		return NULL;
	}
	if (lo->timing) {
		struct space_info in;

		space_get_info(s, &in);
		fprintf(stderr, "load: %.4f s (read %.4f s, digest %.4f s)\n",
		    now() - t0, in.t_read, in.t_digest);
	}
	print_warnings(s);
	return s;
}

static const char convert_help[] =
"usage: vecdoc convert [OPTIONS] IN OUT\n"
"Converts an embedding file to another format.\n"
"  -f, --from FMT   format of IN (default: detected): " SPACE_FORMATS "\n"
"  -t, --to FMT     format of OUT: vds, glove, word2vec, word2vec-bin\n"
"                   (default by extension: .vds, .bin, .txt/.vec = glove)\n"
"  --vocab FILE     vocabulary of an npy/safetensors input\n"
"  --tensor NAME    tensor of a safetensors input\n"
"  --time           print the load time on stderr\n";

int
cmd_convert(int argc, char **argv)
{
	struct loadopts lo;
	const char *in = NULL, *out = NULL, *to = NULL;
	struct space *s;
	struct diag d;
	int i, r, rc;

	memset(&lo, 0, sizeof(lo));
	lo.nocache = 1;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(convert_help, stdout);
			return 0;
		}
		if ((r = loadopt("convert", argc, argv, &i, &lo)) < 0)
			return 2;
		if (r)
			continue;
		if (strcmp(argv[i], "-t") == 0 || strcmp(argv[i], "--to") == 0) {
			if (i + 1 >= argc)
				return cli_usage_error("convert", "%s needs a value",
				    argv[i]);
			to = argv[++i];
		} else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cli_usage_error("convert", "unknown option %s",
			    argv[i]);
		else if (in == NULL)
			in = argv[i];
		else if (out == NULL)
			out = argv[i];
		else
			return cli_usage_error("convert", "too many arguments");
	}
	if (in == NULL || out == NULL)
		return cli_usage_error("convert", "needs IN and OUT");
	if (to == NULL && (to = format_by_ext(out)) == NULL)
		return cli_usage_error("convert", "cannot tell the output format "
		    "from \"%s\": use --to", out);
	if (strcmp(to, "vds") != 0 && strcmp(to, "glove") != 0 &&
	    strcmp(to, "word2vec") != 0 && strcmp(to, "word2vec-bin") != 0)
		return cli_usage_error("convert", "cannot write format \"%s\" "
		    "(writable: vds, glove, word2vec, word2vec-bin)", to);
	if ((s = load(in, &lo)) == NULL)
		return 1;
	rc = space_write(s, out, to, &d) < 0 ? 1 : 0;
	if (rc)
		diag_print(stderr, &d);
	space_free(s);
	return rc;
}

static const char info_help[] =
"usage: vecdoc info [OPTIONS] FILE\n"
"Describes an embedding file: format, rows, dims, dtype, digest, norm\n"
"statistics, first words, and whether the .vds cache was used.\n"
"  -f, --format FMT   format (default: detected): " SPACE_FORMATS "\n"
"  --vocab FILE       vocabulary of an npy/safetensors file\n"
"  --tensor NAME      tensor of a safetensors file\n"
"  --cache DIR        load through the .vds cache in DIR (also $VECDOC_CACHE)\n"
"  --no-cache         parse the file itself\n"
"  --no-verify        skip the checksum of a .vds matrix (header and\n"
"                     vocabulary are always checked)\n"
"  --find W1,W2,...   print the rows of these words (exact lookup)\n"
"  --find-ci W1,...   the same, case-insensitively\n"
"  --vector WORD      print the vector of WORD\n"
"  --first N          how many first words to list (default 10)\n"
"  --time             print the load time on stderr\n";

static void
print_find(const struct space *s, const char *list, int ci)
{
	char *copy = xstrdup(list), *tok, *save = NULL;
	struct buf oov = BUF_INIT;
	long r;
	int noov = 0;

	for (tok = strtok_r(copy, ",", &save); tok;
	    tok = strtok_r(NULL, ",", &save)) {
		r = ci ? space_find_ci(s, tok, strlen(tok)) :
		    space_find(s, tok, strlen(tok));
		if (r < 0) {
			buf_printf(&oov, "%s%s", noov++ ? " " : "", tok);
			printf("find: %s -1\n", tok);
		} else
			printf("find: %s %ld %s\n", tok, r, space_word(s, r, NULL));
	}
	printf("out of vocabulary: %d%s%s\n", noov, noov ? " " : "",
	    buf_str(&oov));
	buf_clear(&oov);
	free(copy);
}

int
cmd_info(int argc, char **argv)
{
	struct loadopts lo;
	const char *file = NULL, *find = NULL, *findci = NULL, *vec = NULL;
	struct space *s;
	struct space_info in;
	long i, nfirst = 10, zero = 0;
	int i2, r, k;
	double mn = INFINITY, mx = 0, sum = 0;

	memset(&lo, 0, sizeof(lo));
	for (i2 = 1; i2 < argc; i2++) {
		if (strcmp(argv[i2], "--help") == 0 || strcmp(argv[i2], "-h") == 0) {
			fputs(info_help, stdout);
			return 0;
		}
		if ((r = loadopt("info", argc, argv, &i2, &lo)) < 0)
			return 2;
		if (r)
			continue;
		if (strcmp(argv[i2], "--find") == 0 ||
		    strcmp(argv[i2], "--find-ci") == 0 ||
		    strcmp(argv[i2], "--vector") == 0 ||
		    strcmp(argv[i2], "--first") == 0) {
			if (i2 + 1 >= argc)
				return cli_usage_error("info", "%s needs a value",
				    argv[i2]);
			if (strcmp(argv[i2], "--find") == 0)
				find = argv[i2 + 1];
			else if (strcmp(argv[i2], "--find-ci") == 0)
				findci = argv[i2 + 1];
			else if (strcmp(argv[i2], "--vector") == 0)
				vec = argv[i2 + 1];
			else {
				char *e;

				nfirst = strtol(argv[i2 + 1], &e, 10);
				if (*e || nfirst < 0)
					return cli_usage_error("info", "--first "
					    "needs a count");
			}
			i2++;
		} else if (argv[i2][0] == '-' && argv[i2][1] != '\0')
			return cli_usage_error("info", "unknown option %s",
			    argv[i2]);
		else if (file == NULL)
			file = argv[i2];
		else
			return cli_usage_error("info", "one FILE only");
	}
	if (file == NULL)
		return cli_usage_error("info", "needs a FILE");
	if ((s = load(file, &lo)) == NULL)
		return 1;
	space_get_info(s, &in);
	printf("file: %s\n", in.path);
	printf("format: %s%s\n", in.format, lo.o.format ? "" : " (detected)");
	printf("rows: %ld\n", in.rows);
	printf("dims: %d\n", in.dims);
	printf("dtype: float32 (in the file: %s)\n", in.dtype);
	if (in.digest[0])
		printf("digest: xxh3:%s\n", in.digest);
	printf("cache: %s\n", in.cache == 1 ? "hit" : in.cache == 2 ? "miss" :
	    "off");
	if (in.source)
		printf("source: %s\n", in.source);
	if (in.duplicates)
		printf("duplicates dropped: %ld\n", in.duplicates);
	for (i = 0; i < in.rows; i++) {
		const float *row = space_row(s, i);
		double n2 = 0;

		for (k = 0; k < in.dims; k++)
			n2 += (double)row[k] * row[k];
		n2 = sqrt(n2);
		if (n2 == 0)
			zero++;
		if (n2 < mn)
			mn = n2;
		if (n2 > mx)
			mx = n2;
		sum += n2;
	}
	printf("norm: min %.6g mean %.6g max %.6g (zero rows: %ld)\n", mn,
	    sum / (double)in.rows, mx, zero);
	printf("first words:");
	for (i = 0; i < in.rows && i < nfirst; i++)
		printf(" %s", space_word(s, i, NULL));
	printf("\n");
	if (find)
		print_find(s, find, 0);
	if (findci)
		print_find(s, findci, 1);
	if (vec) {
		long row = space_find(s, vec, strlen(vec));

		if (row < 0)
			printf("vector: %s out of vocabulary\n", vec);
		else {
			printf("vector: %s", vec);
			for (k = 0; k < in.dims; k++)
				printf(" %.9g", (double)space_row(s, row)[k]);
			printf("\n");
		}
	}
	space_free(s);
	return 0;
}
