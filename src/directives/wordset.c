/*
 * directives/wordset: the word lists of the map directives — a list, a
 * space's first rows, or named groups — resolved to rows, with one
 * located error for each kind of bad list (see wordset.h).
 * Never prints; every problem becomes a located error in ctx.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directives/common.h"
#include "directives/wordset.h"
#include "kern/tsne.h"
#include "store/space.h"
#include "util/par.h"
#include "util/progress.h"
#include "util/buf.h"
#include "util/xalloc.h"

const char *const wordset_missing_choices[] = { "error", "skip", NULL };
const char *const wordset_tsne_inits[] = { "pca", "random", NULL };

/* At most this many groups: the chart palette's distinct colours. */
#define WS_MAXGROUPS	8

struct ws_entry {
	char	*word;
	long	 line;		/* body line, or 0: the option */
	int	 group;
};

static void
push(struct ws_entry **v, size_t *n, size_t *cap, const char *w, size_t len,
    long line, int group)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*v = xreallocarray(*v, *cap, sizeof(**v));
	}
	(*v)[*n].word = xstrndup(w, len);
	(*v)[*n].line = line;
	(*v)[(*n)++].group = group;
}

/* Appends the words of s (split on blanks and commas) as group g. */
static void
split_into(struct ws_entry **v, size_t *n, size_t *cap, const char *s,
    long line, int g)
{
	const char *p = s, *q;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == ',' || *p == '\r' ||
		    *p == '\n')
			p++;
		if (*p == '\0')
			break;
		for (q = p; *q && *q != ' ' && *q != '\t' && *q != ',' &&
		    *q != '\r' && *q != '\n'; q++)
			;
		push(v, n, cap, p, (size_t)(q - p), line, g);
		p = q;
	}
}

static int
err_line(struct dctx *ctx, const struct dopt *o, long line, const char *msg)
{
	if (line > 0) {
		diaglist_add(ctx->diags, DIAG_ERROR, ctx->file, line, 1, "%s",
		    msg);
		return -1;
	}
	if (o != NULL && o->set && o->line > 0)
		return dctx_error_at(ctx, o, "%s", msg);
	return dctx_error(ctx, "%s", msg);
}

void
wordset_clear(struct wordset *ws)
{
	size_t i;

	for (i = 0; i < ws->n; i++)
		free(ws->words[i]);
	for (i = 0; i < ws->ngroups; i++)
		free(ws->glabels[i]);
	free(ws->words);
	free(ws->rows);
	free(ws->vec);
	free(ws->pieces);
	free(ws->group);
	free(ws->glabels);
	free(ws->gsize);
	free(ws->skipped);
	memset(ws, 0, sizeof(*ws));
}

float *
wordset_matrix(const struct wordset *ws)
{
	float *x = xcalloc(ws->n * (size_t)ws->dims + 1, sizeof(float));

	memcpy(x, ws->vec, ws->n * (size_t)ws->dims * sizeof(float));
	return x;
}

size_t
wordset_count(const struct directive *d)
{
	const struct dopt *top = directive_opt(d, "top");
	char **w;
	size_t n = 0;

	if (top->i > 0)
		return (size_t)top->i;
	if (directive_opt(d, "groups")->b) {
		struct ws_entry *e = NULL;
		size_t ne = 0, cap = 0, nl, i;
		long *ln;
		char **l = dx_lines(d, &nl, &ln);

		for (i = 0; i < nl; i++) {
			const char *c = strchr(l[i], ':');

			split_into(&e, &ne, &cap, c ? c + 1 : "", 0, 0);
			free(l[i]);
		}
		for (i = 0; i < ne; i++)
			free(e[i].word);
		free(e);
		free(l);
		free(ln);
		return ne;
	}
	w = dx_words(d, "words", &n);
	dx_free_words(w, n);
	return n;
}

int
wordset_get(struct dctx *ctx, const struct directive *d,
    const struct space *s, const char *spacename, size_t minwords,
    size_t maxwords, struct wordset *ws)
{
	const struct dopt *ow = directive_opt(d, "words"),
	    *ot = directive_opt(d, "top"), *og = directive_opt(d, "groups");
	int skip = directive_opt(d, "missing")->i == 1;
	struct ws_entry *e = NULL;
	size_t ne = 0, cap = 0, i, j, nlines = 0, bad = 0;
	char **lines = NULL, msg[512];
	long *lnum = NULL, nrows = space_rows(s);
	size_t firstbad = 0;
	int body = d->bodylen > 0 && strspn(d->body, " \t\r\n,") < d->bodylen;
	struct buf b = BUF_INIT, pb = BUF_INIT, nb = BUF_INIT;
	const struct tokenizer *tok = dx_token_space(ctx, spacename);
	enum tokspace_pieces pol;
	struct tokspace_hit h;
	struct diag dg;
	size_t nsplit = 0;
	int rc = -1;

	memset(ws, 0, sizeof(*ws));
	ws->grouped = og->b;
	ws->dims = space_dims(s);
	if (dx_pieces(ctx, d, tok != NULL, spacename, &pol) < 0)
		goto out;
	if (ot->i > 0) {
		if (og->b || body || (ow->set && ow->nwords > 0)) {
			dctx_error_at(ctx, ot, "give either :top: or words "
			    "(:words:, the body or :groups:), not both");
			goto out;
		}
		ws->ngroups = 1;
		ws->glabels = xcalloc(1, sizeof(char *));
		ws->glabels[0] = xstrdup("");
		for (i = 0; i < (size_t)ot->i && (long)i < nrows; i++) {
			size_t len;
			const char *w = space_word(s, (long)i, &len);

			push(&e, &ne, &cap, w, len, 0, 0);
		}
	} else if (og->b) {
		if (ow->set && ow->nwords > 0) {
			dctx_error_at(ctx, ow, "with :groups:, give the groups "
			    "in the body (one a line: 'label: word word …')");
			goto out;
		}
		lines = dx_lines(d, &nlines, &lnum);
		for (i = 0; i < nlines; i++) {
			char *c = strchr(lines[i], ':'), *l;
			size_t before = ne;

			if (c == NULL || c == lines[i]) {
				snprintf(msg, sizeof(msg), "expected a group "
				    "as 'label: word word …', found '%.200s'",
				    lines[i]);
				err_line(ctx, NULL, lnum[i], msg);
				goto out;
			}
			if (ws->ngroups == WS_MAXGROUPS) {
				snprintf(msg, sizeof(msg), "at most %d groups "
				    "(one colour each)", WS_MAXGROUPS);
				err_line(ctx, NULL, lnum[i], msg);
				goto out;
			}
			*c = '\0';
			for (l = c; l > lines[i] && (l[-1] == ' ' ||
			    l[-1] == '\t'); l--)
				l[-1] = '\0';
			split_into(&e, &ne, &cap, c + 1, lnum[i],
			    (int)ws->ngroups);
			if (ne == before) {
				snprintf(msg, sizeof(msg), "group '%.200s' is "
				    "empty", lines[i]);
				err_line(ctx, NULL, lnum[i], msg);
				goto out;
			}
			ws->glabels = xreallocarray(ws->glabels,
			    ws->ngroups + 1, sizeof(char *));
			ws->glabels[ws->ngroups++] = xstrdup(lines[i]);
		}
	} else {
		ws->ngroups = 1;
		ws->glabels = xcalloc(1, sizeof(char *));
		ws->glabels[0] = xstrdup("");
		if (ow->set && ow->nwords > 0) {
			for (i = 0; i < ow->nwords; i++)
				push(&e, &ne, &cap, ow->words[i],
				    strlen(ow->words[i]), 0, 0);
		} else {
			lines = dx_lines(d, &nlines, &lnum);
			for (i = 0; i < nlines; i++)
				split_into(&e, &ne, &cap, lines[i], lnum[i], 0);
		}
	}
	if (ne == 0) {
		dctx_error(ctx, "{%s} needs words: in the body, in :words:, "
		    "as :top: N or as :groups:", d->spec->name);
		goto out;
	}
	ws->rows = xcalloc(ne, sizeof(long));
	ws->vec = xcalloc(ne * (size_t)ws->dims + 1, sizeof(float));
	ws->words = xcalloc(ne, sizeof(char *));
	ws->group = xcalloc(ne, sizeof(int));
	ws->gsize = xcalloc(ws->ngroups, sizeof(size_t));
	for (i = 0; i < ne; i++) {
		long r = ot->i > 0 ? (long)i : dx_find(s, e[i].word);
		float *v = ws->vec + ws->n * (size_t)ws->dims;

		/* a token space's word: #id, piece, or its pieces made one
		 * vector by :pieces: */
		h.n = 0;
		if (tok != NULL && ot->i <= 0) {
			r = -1;
			if (tokspace_lookup(s, tok, e[i].word, &h, &dg) == 0)
				r = h.n == 1 || pol == TOKSPACE_FIRST ?
				    h.rows[0] : -2;
		}
		if (r == -1) {
			buf_printf(&b, "%s'%s'", bad ? ", " : "", e[i].word);
			if (bad++ == 0)
				firstbad = i;
			continue;
		}
		for (j = 0; j < ws->n; j++)
			if ((r >= 0 && ws->rows[j] == r) || (r < 0 &&
			    strcmp(ws->words[j], e[i].word) == 0)) {
				snprintf(msg, sizeof(msg), "'%.100s' is listed "
				    "twice (as '%.100s' before)", e[i].word,
				    ws->words[j]);
				err_line(ctx, ow, e[i].line, msg);
				goto out;
			}
		if (r >= 0)
			memcpy(v, space_row(s, r), (size_t)ws->dims *
			    sizeof(float));
		else
			tokspace_vector(s, &h, pol, v);
		if (h.n > 1) {
			buf_reset(&nb);
			tokspace_describe(s, tok, &h, &nb);
			buf_printf(&pb, "%s%s = %s", nsplit++ ? ", " : "",
			    e[i].word, buf_str(&nb));
			if (pol == TOKSPACE_FIRST) {
				buf_reset(&nb);
				tokspace_row_name(s, tok, h.rows[0], &nb);
				buf_printf(&pb, " → %s", buf_str(&nb));
			}
		}
		ws->rows[ws->n] = r < 0 ? -1 : r;
		ws->words[ws->n] = xstrdup(e[i].word);
		ws->group[ws->n++] = e[i].group;
		ws->gsize[e[i].group]++;
	}
	if (bad > 0 && !skip) {
		snprintf(msg, sizeof(msg), "%s not in space '%s' (%ld words): "
		    "%.380s", bad == 1 ? "word" : "words", spacename, nrows,
		    buf_str(&b));
		err_line(ctx, ow, e[firstbad].line, msg);
		goto out;
	}
	if (ws->n == 0) {
		snprintf(msg, sizeof(msg), "none of the %zu words is in space "
		    "'%s': %.380s", ne, spacename, buf_str(&b));
		err_line(ctx, ow, 0, msg);
		goto out;
	}
	for (i = 0; i < ws->ngroups; i++)
		if (ws->gsize[i] == 0) {
			long line = 0;

			for (j = 0; j < ne && line == 0; j++)
				if (e[j].group == (int)i)
					line = e[j].line;
			snprintf(msg, sizeof(msg), "none of the words of group "
			    "'%.100s' is in space '%s'", ws->glabels[i],
			    spacename);
			err_line(ctx, NULL, line, msg);
			goto out;
		}
	if (bad > 0) {
		ws->skipped = xstrdup(buf_str(&b));
		ws->nskipped = bad;
	}
	if (ws->n < minwords) {
		dctx_error(ctx, "{%s} needs at least %zu words in the space, "
		    "found %zu", d->spec->name, minwords, ws->n);
		goto out;
	}
	if (ws->n > maxwords) {
		dctx_error(ctx, "{%s} takes at most %zu words, found %zu",
		    d->spec->name, maxwords, ws->n);
		goto out;
	}
	if (nsplit > 0)
		ws->pieces = xasprintf(pol == TOKSPACE_FIRST ? "each word of "
		    "several pieces is its first piece: %s" : "each word of "
		    "several pieces is their mean: %s", buf_str(&pb));
	rc = 0;
out:
	buf_clear(&pb);
	buf_clear(&nb);
	for (i = 0; i < ne; i++)
		free(e[i].word);
	free(e);
	for (i = 0; i < nlines; i++)
		free(lines[i]);
	free(lines);
	free(lnum);
	buf_clear(&b);
	if (rc < 0)
		wordset_clear(ws);
	return rc;
}

struct chart *
wordset_map(struct result *res, const char *name, const char *title,
    const struct wordset *ws, const double *xy, const int *cls,
    size_t nclass, char *const *cname)
{
	struct chart *c = result_add_chart(res, CHART_MAP, name, title);
	size_t k, i, m;

	for (k = 0; k < nclass; k++) {
		struct chart_series *sr;

		for (i = m = 0; i < ws->n; i++)
			m += cls[i] == (int)k;
		if (m == 0)
			continue;
		sr = chart_add_series(c, cname[k], m);
		for (i = m = 0; i < ws->n; i++)
			if (cls[i] == (int)k) {
				sr->x[m] = xy[2 * i];
				sr->y[m] = xy[2 * i + 1];
				chart_series_label(sr, m++, ws->words[i]);
			}
	}
	return c;
}

void
wordset_note(const struct wordset *ws, struct table *t, size_t shown)
{
	struct buf b = BUF_INIT;

	if (shown < ws->n)
		buf_printf(&b, "the first %zu of %zu words (every point is "
		    "in the chart's data)", shown, ws->n);
	if (ws->nskipped > 0)
		buf_printf(&b, "%snot in the space, skipped: %s",
		    shown < ws->n ? "; " : "", ws->skipped);
	if (ws->pieces != NULL)
		buf_printf(&b, "%s%s", b.len > 0 ? "; " : "", ws->pieces);
	if (b.len > 0) {
		free(t->note);
		t->note = xstrdup(buf_str(&b));
	}
	buf_clear(&b);
}

/* Stops the kernel when the build's watchdog says so; reports progress. */
struct tsne_watch {
	struct dctx	*ctx;
	int		 iters;
};

static int
tsne_watch_fn(void *arg, int iter, double kl)
{
	struct tsne_watch *w = arg;

	(void)kl;
	progress_report(w->ctx->progress, (double)iter / w->iters);
	return w->ctx->cancel != NULL && *w->ctx->cancel;
}

int
wordset_tsne(struct dctx *ctx, const struct directive *d,
    const struct space *s, const struct wordset *ws, int cosine, double *xy,
    struct tsne_info *info)
{
	const struct dopt *po = directive_opt(d, "perplexity");
	struct tsne_opts o;
	struct tsne_watch w;
	struct diag dg;
	float *x;
	int extra, rc;

	if (po->f >= (double)ws->n)
		return dctx_error_at(ctx, po->set ? po : NULL, "perplexity %g "
		    "needs more than %.0f words, found %zu (lower :perplexity: "
		    "or add words)", po->f, floor(po->f), ws->n);
	tsne_opts_default(&o);
	o.perplexity = po->f;
	o.seed = (uint64_t)directive_opt(d, "seed")->i;
	o.init_random = directive_opt(d, "init")->i == 1;
	o.max_iter = (int)directive_opt(d, "iterations")->i;
	o.metric = cosine ? TSNE_COSINE : TSNE_EUCLIDEAN;
	w.ctx = ctx;
	w.iters = o.max_iter;
	o.progress = tsne_watch_fn;
	o.progress_arg = &w;
	x = wordset_matrix(ws);
	extra = par_reserve(par_budget() - 1);
	o.workers = 1 + extra;
	rc = tsne_run(x, (long)ws->n, space_dims(s), &o, xy, info, &dg);
	par_release(extra);
	free(x);
	if (rc < 0)
		return dctx_error(ctx, "t-SNE: %s", dg.msg);
	return 0;
}

/*
 * Work: exact kNN for P (n² · dims), then per iteration the attraction
 * over n·k pairs and the repulsion (exact n² below 1000 words, else the
 * FFT grid: ≈ 200 per point plus a fixed grid).
 */
double
wordset_tsne_ops(double n, double dims, double perp, double iters)
{
	double k = fmin(n - 1, floor(3 * perp + 1));
	double rep = n < TSNE_EXACT_MAX_N ? n * n * 6 : n * 200 + 2e5;

	return n * n * dims + iters * (n * k * 6 + rep);
}

