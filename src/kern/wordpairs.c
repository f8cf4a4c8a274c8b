/*
 * kern/wordpairs: gensim-compatible evaluate_word_pairs over text in
 * memory (Pearson, Spearman with average ranks, OOV share).
 * Reads text and a knn_index; produces an owned result.
 * Never opens files or prints.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>

#include "kern/analogy.h"
#include "kern/stats.h"
#include "kern/wordpairs.h"
#include "util/xalloc.h"

float
wordpairs_similarity(const struct knn_index *ix, long a, long b)
{
	const int n = ix->dims;
	float *u = xmalloc(2 * (size_t)n * sizeof(float)), s;

	memcpy(u, ix->m + (size_t)a * n, (size_t)n * sizeof(float));
	memcpy(u + n, ix->m + (size_t)b * n, (size_t)n * sizeof(float));
	analogy_unitvec(u, n);
	analogy_unitvec(u + n, n);
	s = cblas_sdot(n, u, 1, u + n, 1);
	free(u);
	return s;
}

/* Python float() of s[0..n): surrounding whitespace allowed, decimal only. */
static int
parse_float(const char *s, size_t n, double *out)
{
	char tmp[128], *end;
	size_t b = 0, e = n, i;

	while (b < e && (s[b] == ' ' || (s[b] >= '\t' && s[b] <= '\r')))
		b++;
	while (e > b && (s[e - 1] == ' ' || (s[e - 1] >= '\t' && s[e - 1] <= '\r')))
		e--;
	if (e == b || e - b >= sizeof(tmp))
		return -1;
	memcpy(tmp, s + b, e - b);
	tmp[e - b] = '\0';
	for (i = 0; tmp[i] != '\0'; i++)
		if (tmp[i] == 'x' || tmp[i] == 'X')
			return -1;	/* strtod's hex floats are not Python's */
	errno = 0;
	*out = strtod(tmp, &end);
	if (*end != '\0')
		return -1;
	return 0;
}

int
wordpairs_eval(const struct knn_index *ix, const char *text, size_t len,
    const char *fname, vocab_lookup_fn lookup, void *ctx,
    struct wordpairs_result *res, struct diag *d)
{
	size_t pos = 0, cap = 0, i;
	long line = 0;
	double *g, *m;

	memset(res, 0, sizeof(*res));
	while (pos < len) {
		const char *l = text + pos;
		const char *nl = memchr(l, '\n', len - pos);
		size_t ll = nl != NULL ? (size_t)(nl - l) : len - pos;
		const char *t1, *t2;
		double gold;
		long a, b;

		pos += ll + (nl != NULL);
		line++;
		if (ll == 0 && nl == NULL)
			break;
		if (ll > 0 && l[0] == '#')
			continue;
		t1 = memchr(l, '\t', ll);
		t2 = t1 != NULL ? memchr(t1 + 1, '\t', ll - (size_t)(t1 + 1 - l)) : NULL;
		if (t2 == NULL || memchr(t2 + 1, '\t', ll - (size_t)(t2 + 1 - l)) != NULL ||
		    parse_float(t2 + 1, ll - (size_t)(t2 + 1 - l), &gold) < 0) {
			res->skipped++;
			continue;
		}
		a = lookup(ctx, l, (size_t)(t1 - l));
		b = lookup(ctx, t1 + 1, (size_t)(t2 - t1 - 1));
		if (a < 0 || b < 0 || a >= ix->rows || b >= ix->rows) {
			res->oov++;
			continue;
		}
		if (res->npair == cap) {
			cap = cap ? 2 * cap : 256;
			res->pair = xreallocarray(res->pair, cap, sizeof(*res->pair));
		}
		res->pair[res->npair].line = line;
		res->pair[res->npair].a = a;
		res->pair[res->npair].b = b;
		res->pair[res->npair].gold = gold;
		res->pair[res->npair].model = wordpairs_similarity(ix, a, b);
		res->npair++;
	}
	if (res->npair == 0) {
		diag_fail(d, fname, 0, 0, "no valid similarity judgements: every "
		    "line is malformed or has an out-of-vocabulary word");
		wordpairs_result_clear(res);
		return -1;
	}
	res->oov_ratio = 100.0 * (double)res->oov / (double)(res->npair + (size_t)res->oov);
	g = xmalloc(res->npair * sizeof(double));
	m = xmalloc(res->npair * sizeof(double));
	for (i = 0; i < res->npair; i++) {
		g[i] = res->pair[i].gold;
		m[i] = res->pair[i].model;
	}
	res->pearson = stats_pearson(g, m, res->npair, &res->pearson_p);
	res->spearman = stats_spearman(g, m, res->npair, &res->spearman_p);
	free(g);
	free(m);
	return 0;
}

void
wordpairs_result_clear(struct wordpairs_result *res)
{
	if (res == NULL)
		return;
	free(res->pair);
	memset(res, 0, sizeof(*res));
}
