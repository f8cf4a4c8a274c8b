/*
 * kern/analogy_eval: gensim's evaluate_word_analogies over a questions
 * text in memory, batched through SGEMM (knn_search) instead of one
 * matrix-vector product per question. Reads text and a knn_index;
 * produces an owned analogy_result. Never opens files or prints.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "kern/analogy.h"
#include "kern/analogy_eval.h"
#include "util/text.h"
#include "util/xalloc.h"

#define EVAL_TOPN 5		/* gensim: most_similar(..., topn=5) */

static int
utf8_valid(const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t i = 0, n = (utf8proc_ssize_t)len;
	utf8proc_int32_t c;

	while (i < n) {
		utf8proc_ssize_t step = utf8proc_iterate(p + i, n - i, &c);

		if (step < 1)
			return 0;
		i += step;
	}
	return 1;
}

/* Python's str.strip() bounds within [s, s+len). */
static void
py_strip(const char *s, size_t *start, size_t *len)
{
	size_t b = *start, e = *start + *len, w;

	while (b < e && (w = text_ws_len(s + b, e - b)) > 0)
		b += w;
	/* trailing: step back over ASCII and multi-byte whitespace */
	while (e > b) {
		size_t k = e - 1;

		while (k > b && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		if (text_ws_len(s + k, e - k) != e - k)
			break;
		e = k;
	}
	*start = b;
	*len = e - b;
}

static void
add_section(struct analogy_result *res, const char *name, size_t n, long line)
{
	struct analogy_section *s;

	res->sec = xreallocarray(res->sec, res->nsec + 1, sizeof(*res->sec));
	s = &res->sec[res->nsec++];
	s->name = xstrndup(name, n);
	s->line = line;
	s->correct = s->incorrect = 0;
}

static int
parse(const char *text, size_t len, const char *fname, vocab_lookup_fn lookup,
    void *ctx, struct analogy_result *res, struct diag *d)
{
	size_t pos = 0, cap = 0;
	long line = 0;

	while (pos < len) {
		const char *l = text + pos;
		const char *nl = memchr(l, '\n', len - pos);
		size_t ll = nl != NULL ? (size_t)(nl - l) + 1 : len - pos;
		size_t f[5][2];
		long r[4];
		int nf, i;

		pos += ll;
		line++;
		if (!utf8_valid(l, ll))
			return diag_fail(d, fname, line, 0, "invalid UTF-8");
		if (ll >= 2 && l[0] == ':' && l[1] == ' ') {
			size_t b = 0, n;

			/* line.lstrip(': ').strip() */
			while (b < ll && (l[b] == ':' || l[b] == ' '))
				b++;
			n = ll - b;
			py_strip(l, &b, &n);
			add_section(res, l + b, n, line);
			continue;
		}
		if (res->nsec == 0)
			return diag_fail(d, fname, line, 1,
			    "question before the first section header (': name')");
		nf = text_split_ws(l, ll, f, 5);
		if (nf != 4) {
			res->skipped++;	/* gensim: "Skipping invalid line" */
			continue;
		}
		res->quadruplets++;
		for (i = 0; i < 4; i++)
			r[i] = lookup(ctx, l + f[i][0], f[i][1]);
		if (r[0] < 0 || r[1] < 0 || r[2] < 0 || r[3] < 0) {
			res->oov++;
			continue;
		}
		if (res->nitem == cap) {
			cap = cap ? 2 * cap : 1024;
			res->item = xreallocarray(res->item, cap, sizeof(*res->item));
		}
		res->item[res->nitem].line = line;
		res->item[res->nitem].section = (int)(res->nsec - 1);
		res->item[res->nitem].a = r[0];
		res->item[res->nitem].b = r[1];
		res->item[res->nitem].c = r[2];
		res->item[res->nitem].expected = r[3];
		res->item[res->nitem].predicted = -1;
		res->item[res->nitem].correct = 0;
		res->nitem++;
	}
	return 0;
}

int
analogy_eval(const struct knn_index *ix, const char *text, size_t len,
    const char *fname, vocab_lookup_fn lookup, void *ctx,
    const struct analogy_eval_opts *opt, struct analogy_result *res,
    struct diag *d)
{
	static const struct analogy_eval_opts defaults;
	const int dims = ix->dims;
	long rows = ix->rows;
	size_t i0, i, kept;
	int batch;
	float *q = NULL, *sc = NULL;
	long *ex = NULL, *ids = NULL;
	struct knn_opts ko;
	int rc = -1;

	memset(res, 0, sizeof(*res));
	if (opt == NULL)
		opt = &defaults;
	batch = opt->batch > 0 ? opt->batch : 1024;
	if (opt->method != ANALOGY_COSADD && opt->method != ANALOGY_COSMUL)
		return diag_fail(d, fname, 0, 0, "analogy: unknown method %d",
		    (int)opt->method);
	if (opt->keep_inputs && opt->method != ANALOGY_COSADD)
		return diag_fail(d, fname, 0, 0, "analogy: only 3CosAdd can "
		    "keep the question words among the candidates");
	if (opt->restrict_rows > 0 && opt->restrict_rows < rows)
		rows = opt->restrict_rows;
	if (parse(text, len, fname, lookup, ctx, res, d) < 0)
		goto out;
	/* a, b and c may be rows past the candidates (vectors that are
	 * no candidate); a question whose answer is one is skipped */
	for (i = 0, kept = 0; i < res->nitem; i++) {
		const struct analogy_item *it = &res->item[i];

		if (it->a < 0 || it->b < 0 || it->c < 0 || it->expected < 0 ||
		    it->a >= ix->rows || it->b >= ix->rows ||
		    it->c >= ix->rows || it->expected >= ix->rows) {
			diag_fail(d, fname, it->line, 0,
			    "lookup returned a row outside the index");
			goto out;
		}
		if (it->expected >= rows) {
			res->oov++;
			res->oov_answer++;
			continue;
		}
		if (kept != i)
			res->item[kept] = *it;
		kept++;
	}
	res->nitem = kept;

	q = xmalloc((size_t)batch * dims * sizeof(float));
	ex = xmalloc((size_t)batch * 3 * sizeof(long));
	ids = xmalloc((size_t)batch * EVAL_TOPN * sizeof(long));
	sc = xmalloc((size_t)batch * EVAL_TOPN * sizeof(float));
	memset(&ko, 0, sizeof(ko));
	ko.metric = KNN_COSINE;
	ko.restrict_rows = rows;
	ko.qexclude = opt->keep_inputs ? NULL : ex;
	ko.qexclude_n = opt->keep_inputs ? 0 : 3;
	ko.unit_queries = 1;
	for (i0 = 0; i0 < res->nitem; i0 += (size_t)batch) {
		size_t nb = res->nitem - i0 < (size_t)batch ? res->nitem - i0 : (size_t)batch;

		if (opt->cancel != NULL && *opt->cancel) {
			diag_fail(d, NULL, 0, 0, "analogies: stopped after %zu of "
			    "%zu questions", i0, res->nitem);
			goto out;
		}

		for (i = 0; i < nb; i++) {
			struct analogy_item *it = &res->item[i0 + i];
			long pos[2] = { it->b, it->c }, neg[1] = { it->a };

			if (opt->method == ANALOGY_COSADD)
				analogy_mean(ix, pos, 2, neg, 1, q + i * dims);
			ex[3 * i] = it->a;
			ex[3 * i + 1] = it->b;
			ex[3 * i + 2] = it->c;
		}
		if (opt->method == ANALOGY_COSMUL) {
			if (analogy_cosmul_batch(ix, ex, (long)nb, rows, EVAL_TOPN,
			    ids, sc, d) < 0)
				goto out;
		} else if (knn_search(ix, q, (long)nb, EVAL_TOPN, &ko, ids, sc, d) < 0)
			goto out;
		for (i = 0; i < nb; i++) {
			struct analogy_item *it = &res->item[i0 + i];
			long pred = -1, predrow = -1;
			int j;

			for (j = 0; j < EVAL_TOPN; j++) {
				long id = ids[i * EVAL_TOPN + j];

				if (id < 0)
					break;
				predrow = id;
				pred = opt->canon != NULL ? opt->canon[id] : id;
				if (opt->keep_inputs || (pred != it->a &&
				    pred != it->b && pred != it->c))
					break;
			}
			it->predicted = predrow;
			it->correct = pred >= 0 && pred == it->expected;
		}
		progress_report(opt->progress, (double)(i0 + nb) /
		    (double)res->nitem);
	}
	for (i = 0; i < res->nitem; i++) {
		const struct analogy_item *it = &res->item[i];

		if (it->correct) {
			res->sec[it->section].correct++;
			res->correct++;
		} else {
			res->sec[it->section].incorrect++;
			res->incorrect++;
		}
	}
	rc = 0;
out:
	free(q);
	free(ex);
	free(ids);
	free(sc);
	if (rc < 0)
		analogy_result_clear(res);
	return rc;
}

void
analogy_result_clear(struct analogy_result *res)
{
	size_t i;

	if (res == NULL)
		return;
	for (i = 0; i < res->nsec; i++)
		free(res->sec[i].name);
	free(res->sec);
	free(res->item);
	memset(res, 0, sizeof(*res));
}
