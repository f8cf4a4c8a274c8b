/*
 * directives/common: spaces, word lookups and word lists for the analysis
 * directives. Reads the build's data handle (store/data.h).
 * Never prints; every problem becomes a located error in ctx.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus/corpus.h"
#include "corpus/xspace.h"
#include "directives/common.h"
#include "kern/knn.h"
#include "data/data.h"
#include "data/tokspace.h"
#include "store/config.h"
#include "data/model.h"
#include "store/space.h"
#include "tok/tok.h"
#include "util/buf.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

static const struct dopt *
located(const struct dopt *o)
{
	return o != NULL && o->set && o->line > 0 ? o : NULL;
}

void
dx_provenance(struct result *res, const char *line)
{
	char *p;

	if (res->provenance == NULL) {
		res->provenance = xstrdup(line);
		return;
	}
	if (strstr(res->provenance, line) != NULL)
		return;
	p = xasprintf("%s; %s", res->provenance, line);
	free(res->provenance);
	res->provenance = p;
}

const struct space *
dx_space_named(struct dctx *ctx, const struct dopt *o, const char *name,
    const struct knn_index **ix, struct result *res)
{
	const struct space *s;
	struct diag dg;
	char prov[512];

	memset(&dg, 0, sizeof(dg));
	s = data_space(ctx->data, name, &dg);
	if (s != NULL && ix != NULL)
		*ix = data_index(ctx->data, name, &dg);
	if (s == NULL && dg.line > 0 && data_space_decl_fault(ctx->data,
	    name)) {
		/* A wrong declaration: once at its place in vecdoc.yml, and
		 * at each directive that uses the space. */
		diaglist_push(ctx->diags, &dg);
	}
	if (s == NULL || (ix != NULL && *ix == NULL)) {
		dctx_error_at(ctx, located(o), "%s", dg.msg);
		return NULL;
	}
	if (res != NULL) {
		data_provenance(ctx->data, s, prov, sizeof(prov));
		dx_provenance(res, prov);
	}
	return s;
}

const struct space *
dx_space(struct dctx *ctx, const struct directive *d, const char *opt,
    const struct knn_index **ix, struct result *res)
{
	const struct dopt *o = directive_opt(d, opt);

	if (o->text == NULL || o->text[0] == '\0') {
		dctx_error_at(ctx, located(o), "option ':%s:' needs a space "
		    "declared in vecdoc.yml", opt);
		return NULL;
	}
	return dx_space_named(ctx, o, o->text, ix, res);
}

long
dx_find(const struct space *s, const char *w)
{
	long r = space_find(s, w, strlen(w));
	const char *p;

	if (r >= 0 || (r = space_find_ci(s, w, strlen(w))) >= 0)
		return r;
	/* "#N": row N, for spaces whose rows are numbered (positions, token
	 * ids) — unless the space has a token spelled "#N" (found above). */
	if (w[0] != '#' || w[1] == '\0' || strlen(w) > 12)
		return -1;
	for (p = w + 1; *p; p++)
		if (*p < '0' || *p > '9')
			return -1;
	r = strtol(w + 1, NULL, 10);
	return r < space_rows(s) ? r : -1;
}

const struct tokenizer *
dx_token_space(struct dctx *ctx, const char *spacename)
{
	const struct space_decl *sd;
	struct diag dg;

	if (spacename == NULL ||
	    (sd = data_space_decl(ctx->data, spacename)) == NULL ||
	    !sd->token_rows)
		return NULL;
	return data_tokenizer(ctx->data, spacename, &dg);
}

const char *
dx_row_name(const struct tokenizer *t, const struct space *s, long i,
    struct buf *b)
{
	if (t == NULL)
		return space_word(s, i, NULL);
	buf_reset(b);
	tokspace_row_name(s, t, i, b);
	return buf_str(b);
}

/* dx_rows in a token space: each word must be one piece (by id, as
 * spelt, as displayed, or tokenized into one). */
static int
token_rows(struct dctx *ctx, const struct dopt *o, const struct space *s,
    const struct tokenizer *t, const char *spacename, char *const *words,
    size_t n, long *rows)
{
	struct tokspace_hit h;
	struct diag dg;
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < n; i++) {
		if (tokspace_lookup(s, t, words[i], &h, &dg) < 0)
			return dctx_error_at(ctx, located(o), "token space "
			    "'%s': %s", spacename, dg.msg);
		if (h.n > 1) {
			tokspace_describe(s, t, &h, &b);
			dctx_error_at(ctx, located(o), "token space '%s': '%s' "
			    "is %zu pieces (%s); this directive takes one piece "
			    "per word: write one of them or its #id", spacename,
			    words[i], h.n, buf_str(&b));
			buf_clear(&b);
			return -1;
		}
		rows[i] = h.rows[0];
	}
	return 0;
}

int
dx_rows(struct dctx *ctx, const struct dopt *o, const struct space *s,
    const char *spacename, char *const *words, size_t n, long *rows)
{
	struct buf b = BUF_INIT;
	size_t i, bad = 0;
	const struct tokenizer *t = dx_token_space(ctx, spacename);

	if (t != NULL)
		return token_rows(ctx, o, s, t, spacename, words, n, rows);
	for (i = 0; i < n; i++) {
		rows[i] = dx_find(s, words[i]);
		if (rows[i] < 0) {
			buf_printf(&b, "%s'%s'", bad ? ", " : "", words[i]);
			bad++;
		}
	}
	if (bad > 0) {
		dctx_error_at(ctx, located(o), "%s not in space '%s' "
		    "(%ld words): %s", bad == 1 ? "word" : "words", spacename,
		    space_rows(s), buf_str(&b));
		buf_clear(&b);
		return -1;
	}
	buf_clear(&b);
	return 0;
}

const char *const dx_pieces_choices[] = { "mean", "first", "all", NULL };

int
dx_pieces(struct dctx *ctx, const struct directive *d,
    int tokens, const char *spacename, enum tokspace_pieces *pol)
{
	const struct dopt *po = d != NULL ? directive_opt(d, "pieces") : NULL;

	*pol = TOKSPACE_MEAN;
	if (po == NULL || po->text == NULL)
		return 0;
	if (!tokens && po->set)
		return dctx_error_at(ctx, located(po), ":pieces: applies to "
		    "token spaces (rows: tokens); '%s' is not one", spacename);
	tokspace_pieces_parse(po->text, pol);
	if (*pol == TOKSPACE_ALL)
		return dctx_error_at(ctx, located(po), "':pieces: all' makes "
		    "one table per piece, which {%s} does not; use ':pieces: "
		    "mean' or ':pieces: first'", d->name);
	return 0;
}

const char *const dx_filter_choices[] = { "none", "words", NULL };

int
dx_filter_words(struct dctx *ctx, const struct directive *d,
    const struct tokenizer *t, const char *spacename)
{
	const struct dopt *fo = directive_opt(d, "filter");

	if (fo == NULL || fo->text == NULL || strcmp(fo->text, "words") != 0)
		return 0;
	if (t == NULL)
		return dctx_error_at(ctx, located(fo), ":pieces: and :filter: "
		    "apply to token spaces (rows: tokens); '%s' is not one",
		    spacename);
	return 1;
}

size_t
dx_keep_words(const struct tokenizer *t, const struct space *s,
    const long *ids, const float *scores, size_t n, long *kid, float *ksc,
    size_t k)
{
	size_t r, got = 0;

	for (r = 0; r < n && got < k; r++) {
		if (ids[r] < 0 || !tok_piece_is_word(t, space_word(s, ids[r],
		    NULL)))
			continue;
		kid[got] = ids[r];
		ksc[got++] = scores[r];
	}
	for (r = got; r < k; r++) {
		kid[r] = -1;
		ksc[r] = NAN;
	}
	return got;
}

void
dx_wvec_rows(const struct space *s, const long *rows, size_t n,
    struct dx_wvec *wv)
{
	size_t i;

	memset(wv, 0, sizeof(*wv));
	wv->dims = space_dims(s);
	wv->n = n;
	wv->v = xcalloc(n * (size_t)wv->dims + 1, sizeof(float));
	wv->row = xcalloc(n + 1, sizeof(long));
	wv->used = xcalloc(n * TOKSPACE_MAXPIECES + 1, sizeof(long));
	wv->label = xcalloc(n + 1, sizeof(char *));
	wv->tag = xcalloc(n + 1, sizeof(char *));
	for (i = 0; i < n * TOKSPACE_MAXPIECES; i++)
		wv->used[i] = -1;
	for (i = 0; i < n; i++) {
		wv->row[i] = rows[i];
		memcpy(wv->v + i * (size_t)wv->dims, space_row(s, rows[i]),
		    (size_t)wv->dims * sizeof(float));
		wv->used[i * TOKSPACE_MAXPIECES] = rows[i];
		wv->label[i] = xstrdup(space_word(s, rows[i], NULL));
		wv->tag[i] = xstrdup(wv->label[i]);
	}
}

static int
word_vectors(struct dctx *ctx, const struct directive *d,
    const struct dopt *o, const struct space *s, const char *spacename,
    char *const *words, size_t n, int check, struct dx_wvec *wv)
{
	const struct tokenizer *t = dx_token_space(ctx, spacename);
	enum tokspace_pieces pol;
	struct tokspace_hit h;
	struct diag dg;
	struct buf lb = BUF_INIT, nb = BUF_INIT;
	size_t i, j, nsplit = 0;
	int rc = -1;

	memset(wv, 0, sizeof(*wv));
	wv->dims = space_dims(s);
	wv->n = n;
	wv->v = xcalloc(n * (size_t)wv->dims + 1, sizeof(float));
	wv->row = xcalloc(n + 1, sizeof(long));
	wv->used = xcalloc(n * TOKSPACE_MAXPIECES + 1, sizeof(long));
	wv->label = xcalloc(n + 1, sizeof(char *));
	wv->tag = xcalloc(n + 1, sizeof(char *));
	for (i = 0; i < n * TOKSPACE_MAXPIECES; i++)
		wv->used[i] = -1;
	if (dx_pieces(ctx, d, t != NULL || !check, spacename, &pol) < 0)
		return -1;
	if (t == NULL) {
		/* a word space: exactly dx_rows and the rows themselves */
		if (dx_rows(ctx, o, s, spacename, words, n, wv->row) < 0)
			return -1;
		for (i = 0; i < n; i++) {
			memcpy(wv->v + i * (size_t)wv->dims, space_row(s,
			    wv->row[i]), (size_t)wv->dims * sizeof(float));
			wv->used[i * TOKSPACE_MAXPIECES] = wv->row[i];
			wv->label[i] = xstrdup(space_word(s, wv->row[i], NULL));
			wv->tag[i] = xstrdup(wv->label[i]);
		}
		return 0;
	}
	for (i = 0; i < n; i++) {
		if (tokspace_lookup(s, t, words[i], &h, &dg) < 0) {
			dctx_error_at(ctx, located(o), "token space '%s': %s",
			    spacename, dg.msg);
			goto out;
		}
		tokspace_vector(s, &h, pol, wv->v + i * (size_t)wv->dims);
		for (j = 0; j < h.n; j++)
			if (j == 0 || pol == TOKSPACE_MEAN)
				wv->used[i * TOKSPACE_MAXPIECES + j] = h.rows[j];
		wv->row[i] = h.n == 1 || pol == TOKSPACE_FIRST ? h.rows[0] : -1;
		if (h.n == 1) {
			buf_reset(&nb);
			tokspace_row_name(s, t, h.rows[0], &nb);
			wv->label[i] = xstrdup(buf_str(&nb));
			wv->tag[i] = xstrdup(wv->label[i]);
			continue;
		}
		/* a word of several pieces keeps its own name; the note
		 * says what it stands for */
		wv->label[i] = xstrdup(words[i]);
		buf_reset(&nb);
		tokspace_describe(s, t, &h, &nb);
		wv->tag[i] = xasprintf("%s [%s: %s]", words[i], buf_str(&nb),
		    pol == TOKSPACE_FIRST ? "first" : "mean");
		buf_printf(&lb, "%s%s = %s", nsplit++ ? ", " : "", words[i],
		    buf_str(&nb));
		if (pol == TOKSPACE_FIRST) {
			buf_reset(&nb);
			tokspace_row_name(s, t, h.rows[0], &nb);
			buf_printf(&lb, " → %s", buf_str(&nb));
		}
	}
	if (nsplit > 0)
		wv->note = xasprintf(pol == TOKSPACE_FIRST ? "each word of "
		    "several pieces is its first piece: %s" : "each word of "
		    "several pieces is their mean: %s", buf_str(&lb));
	rc = 0;
out:
	buf_clear(&lb);
	buf_clear(&nb);
	return rc;
}

int
dx_word_vectors(struct dctx *ctx, const struct directive *d,
    const struct dopt *o, const struct space *s, const char *spacename,
    char *const *words, size_t n, struct dx_wvec *wv)
{
	return word_vectors(ctx, d, o, s, spacename, words, n, 1, wv);
}

long
dx_shared_vectors(struct dctx *ctx, const struct directive *d,
    const struct space *a, const struct space *b, long top,
    struct dx_wvec *wa, struct dx_wvec *wb, char ***names)
{
	const struct dopt *po = directive_opt(d, "pieces");
	size_t nw = 0;
	char **w = dx_words(d, "words", &nw);
	long n, *ra = NULL, *rb = NULL;

	memset(wa, 0, sizeof(*wa));
	memset(wb, 0, sizeof(*wb));
	*names = NULL;
	if (nw > 0) {
		/* :pieces: needs one token space of the two */
		if (po != NULL && po->set && dx_token_space(ctx,
		    dx_text(d, "a")) == NULL && dx_token_space(ctx,
		    dx_text(d, "b")) == NULL) {
			dx_free_words(w, nw);
			return dctx_error_at(ctx, located(po), ":pieces: "
			    "applies to token spaces (rows: tokens); neither "
			    "'%s' nor '%s' is one", dx_text(d, "a"),
			    dx_text(d, "b"));
		}
		if (word_vectors(ctx, d, directive_opt(d, "words"), a,
		    dx_text(d, "a"), w, nw, 0, wa) < 0 ||
		    word_vectors(ctx, d, directive_opt(d, "words"), b,
		    dx_text(d, "b"), w, nw, 0, wb) < 0) {
			dx_free_words(w, nw);
			return -1;
		}
		*names = w;
		return (long)nw;
	}
	dx_free_words(w, nw);
	n = dx_shared_words(ctx, d, a, b, top, &ra, &rb, names);
	if (n >= 0) {
		dx_wvec_rows(a, ra, (size_t)n, wa);
		dx_wvec_rows(b, rb, (size_t)n, wb);
	}
	free(ra);
	free(rb);
	return n;
}

void
dx_wvec_free(struct dx_wvec *wv)
{
	size_t i;

	for (i = 0; wv->label != NULL && i < wv->n; i++) {
		free(wv->label[i]);
		free(wv->tag[i]);
	}
	free(wv->label);
	free(wv->tag);
	free(wv->v);
	free(wv->row);
	free(wv->used);
	free(wv->note);
	memset(wv, 0, sizeof(*wv));
}

void
dx_wvec_note(const struct dx_wvec *wv, char **note)
{
	char *p;

	if (wv->note == NULL || (*note != NULL && strstr(*note, wv->note)))
		return;
	if (*note == NULL) {
		*note = xstrdup(wv->note);
		return;
	}
	p = xasprintf("%s; %s", *note, wv->note);
	free(*note);
	*note = p;
}

long
dx_word_vec(const struct space *s, const struct tokenizer *t,
    enum tokspace_pieces pol, const char *w, float *out, size_t *npieces)
{
	struct tokspace_hit h;
	struct diag dg;
	long r;

	if (npieces != NULL)
		*npieces = 0;
	if (t == NULL) {
		if ((r = dx_find(s, w)) < 0)
			return -1;
		if (out != NULL)
			memcpy(out, space_row(s, r),
			    (size_t)space_dims(s) * sizeof(float));
		if (npieces != NULL)
			*npieces = 1;
		return r;
	}
	if (tokspace_lookup(s, t, w, &h, &dg) < 0)
		return -1;
	if (npieces != NULL)
		*npieces = h.n;
	if (out != NULL)
		tokspace_vector(s, &h, pol == TOKSPACE_MEAN ? TOKSPACE_MEAN :
		    TOKSPACE_FIRST, out);
	return h.n == 1 || pol != TOKSPACE_MEAN ? h.rows[0] : -2;
}

void
dx_evalspace_init(struct dx_evalspace *es, const struct space *s,
    const struct tokenizer *t, enum tokspace_pieces pol,
    const struct knn_index *six)
{
	memset(es, 0, sizeof(*es));
	es->s = s;
	es->t = t;
	es->pol = pol;
	es->base = space_rows(s);
	es->ix = six;
	strmap_init(&es->map);
}

long
dx_evalspace_collect(void *ctx, const char *w, size_t len)
{
	struct dx_evalspace *es = ctx;
	struct strmap_ent *e;
	int dims = space_dims(es->s), created;
	size_t np;
	long r;

	e = strmap_put(&es->map, w, len, &created);
	if (!created)
		return -1;
	buf_reset(&es->tmp);
	buf_put(&es->tmp, w, len);
	if (es->nextra == es->cap) {	/* room for one more extra row */
		es->cap = es->cap ? 2 * es->cap : 16;
		es->extra = xreallocarray(es->extra, (size_t)es->cap *
		    (size_t)dims, sizeof(float));
	}
	r = dx_word_vec(es->s, es->t, es->pol, buf_str(&es->tmp),
	    es->extra + (size_t)es->nextra * (size_t)dims, &np);
	if (r == -2 || (r >= 0 && np > 1))	/* several pieces: no row */
		r = es->base + es->nextra++;
	e->val.num = r;
	if (np > 1) {
		struct tokspace_hit h;
		struct diag dg;

		/* say which pieces stand for the word (the first few) */
		if (es->nsplit++ < 12 && tokspace_lookup(es->s, es->t,
		    buf_str(&es->tmp), &h, &dg) == 0) {
			buf_printf(&es->split, "%s%.*s = ", es->nsplit > 1 ?
			    ", " : "", (int)len, w);
			tokspace_describe(es->s, es->t, &h, &es->split);
		}
	}
	return -1;
}

void
dx_evalspace_build(struct dx_evalspace *es)
{
	size_t dims = (size_t)space_dims(es->s), rows;

	if (es->nextra == 0)
		return;
	if (es->m != NULL) {		/* more words since the last build */
		knn_index_clear(&es->own);
		free(es->m);
	}
	rows = (size_t)(es->base + es->nextra);
	es->m = xcalloc(rows * dims + 1, sizeof(float));
	memcpy(es->m, space_row(es->s, 0), (size_t)es->base * dims *
	    sizeof(float));
	memcpy(es->m + (size_t)es->base * dims, es->extra,
	    (size_t)es->nextra * dims * sizeof(float));
	knn_index_init(&es->own, es->m, (long)rows, (int)dims);
	es->ix = &es->own;
}

long
dx_evalspace_lookup(void *ctx, const char *w, size_t len)
{
	struct dx_evalspace *es = ctx;
	struct strmap_ent *e = strmap_get(&es->map, w, len);

	return e != NULL ? e->val.num : -1;
}

char *
dx_evalspace_note(const struct dx_evalspace *es)
{
	if (es->nsplit == 0)
		return NULL;
	return xasprintf(es->pol == TOKSPACE_MEAN ? "words of several "
	    "pieces, each the mean of its pieces (never an answer): %s%s" :
	    "words of several pieces, each its first piece (never an "
	    "answer): %s%s", buf_str(&es->split), es->nsplit > 12 ? ", …" :
	    "");
}

void
dx_evalspace_clear(struct dx_evalspace *es)
{
	if (es->m != NULL)
		knn_index_clear(&es->own);
	free(es->m);
	free(es->extra);
	strmap_clear(&es->map);
	buf_clear(&es->split);
	buf_clear(&es->tmp);
	memset(es, 0, sizeof(*es));
}

static char **
split_words(const char *s, size_t len, size_t *n)
{
	char **v = NULL;
	size_t i = 0, j, cap = 0;

	*n = 0;
	while (i < len) {
		while (i < len && (s[i] == ' ' || s[i] == '\t' ||
		    s[i] == '\n' || s[i] == '\r' || s[i] == ','))
			i++;
		j = i;
		while (j < len && !(s[j] == ' ' || s[j] == '\t' ||
		    s[j] == '\n' || s[j] == '\r' || s[j] == ','))
			j++;
		if (j > i) {
			if (*n == cap) {
				cap = cap ? cap * 2 : 16;
				v = xreallocarray(v, cap, sizeof(char *));
			}
			v[(*n)++] = xstrndup(s + i, j - i);
		}
		i = j;
	}
	return v;
}

char **
dx_words(const struct directive *d, const char *opt, size_t *n)
{
	const struct dopt *o = opt ? directive_opt(d, opt) : NULL;
	char **v;
	size_t i;

	if (o != NULL && o->set && o->nwords > 0) {
		v = xcalloc(o->nwords, sizeof(char *));
		for (i = 0; i < o->nwords; i++)
			v[i] = xstrdup(o->words[i]);
		*n = o->nwords;
		return v;
	}
	if (o != NULL && o->set && o->text != NULL)
		return split_words(o->text, strlen(o->text), n);
	return split_words(d->body ? d->body : "", d->bodylen, n);
}

void
dx_free_words(char **w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(w[i]);
	free(w);
}

const char *
dx_text(const struct directive *d, const char *opt)
{
	const struct dopt *o = directive_opt(d, opt);

	return o->text ? o->text : "";
}

char **
dx_lines(const struct directive *d, size_t *n, long **lines)
{
	const char *s = d->body ? d->body : "", *e = s + d->bodylen, *p, *q;
	char **v = NULL;
	size_t cap = 0;
	long line = d->body_line;

	*n = 0;
	*lines = NULL;
	for (p = s; p < e; p = q + 1, line++) {
		const char *a, *b;

		q = memchr(p, '\n', (size_t)(e - p));
		if (q == NULL)
			q = e;
		a = p;
		b = q;
		while (a < b && (*a == ' ' || *a == '\t'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t' ||
		    b[-1] == '\r'))
			b--;
		if (b == a)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			v = xreallocarray(v, cap, sizeof(char *));
			*lines = xreallocarray(*lines, cap, sizeof(long));
		}
		(*lines)[*n] = line;
		v[(*n)++] = xstrndup(a, (size_t)(b - a));
	}
	return v;
}

/* The corpus named by option "opt"; adds its provenance to res. */
const struct corpus *
dx_corpus(struct dctx *ctx, const struct directive *d, const char *opt,
    const char *name, struct result *res)
{
	const struct dopt *o = directive_opt(d, opt);
	struct diag dg;
	const struct corpus *c = data_corpus(ctx->data, name, &dg);
	char prov[512];

	if (c == NULL) {
		dctx_error_at(ctx, o->set ? o : NULL, "%s", dg.msg);
		return NULL;
	}
	data_corpus_provenance(ctx->data, c, prov, sizeof(prov));
	dx_provenance(res, prov);
	return c;
}

int
dx_window(struct dctx *ctx, const struct directive *d, long *r1, long *r2)
{
	const struct dopt *o = directive_opt(d, "window");
	char *e1, *e2;

	if (o->nwords != 2 || (*r1 = strtol(o->words[0], &e1, 10)) < 1 ||
	    (*r2 = strtol(o->words[1], &e2, 10)) <= *r1 || *e1 || *e2)
		return dctx_error_at(ctx, o->set ? o : NULL, "option ':window:' "
		    "needs two ranks r1 < r2, e.g. 10, 10000");
	return 0;
}

/* Gathers n rows of s into a new n × dims matrix. */
float *
dx_gather(const struct space *s, const long *rows, size_t n)
{
	int dims = space_dims(s);
	float *m = xcalloc(n * (size_t)dims + 1, sizeof(float));
	size_t i;

	for (i = 0; i < n; i++)
		memcpy(m + i * (size_t)dims, space_row(s, rows[i]),
		    sizeof(float) * (size_t)dims);
	return m;
}

/*
 * The words to compare: the option/body list (all must be in both
 * spaces), else the first "top" rows of a that b also has. Fills rows in
 * a and b; returns the count, or -1 after an error.
 */
long
dx_shared_words(struct dctx *ctx, const struct directive *d,
    const struct space *a, const struct space *b, long top, long **ra,
    long **rb, char ***names)
{
	size_t nw = 0;
	char **w = dx_words(d, "words", &nw);
	long n, r;

	if (nw > 0) {
		*ra = xcalloc(nw, sizeof(long));
		*rb = xcalloc(nw, sizeof(long));
		if (dx_rows(ctx, directive_opt(d, "words"), a, dx_text(d, "a"),
		    w, nw, *ra) < 0 || dx_rows(ctx, directive_opt(d, "words"), b,
		    dx_text(d, "b"), w, nw, *rb) < 0) {
			dx_free_words(w, nw);
			return -1;
		}
		*names = w;
		return (long)nw;
	}
	dx_free_words(w, nw);
	{
		struct xspace_pairs pr;
		struct diag dg;

		/* no shared word leaves n at 0: the caller says how many
		 * words it needs */
		if (xspace_shared(a, b, 0, &pr, &dg) < 0)
			memset(&pr, 0, sizeof(pr));
		n = pr.n < top ? pr.n : top;
		*ra = xcalloc((size_t)n + 1, sizeof(long));
		*rb = xcalloc((size_t)n + 1, sizeof(long));
		*names = xcalloc((size_t)n + 1, sizeof(char *));
		for (r = 0; r < n; r++) {
			(*ra)[r] = pr.ida[r];
			(*rb)[r] = pr.idb[r];
			(*names)[r] = xstrdup(space_word(a, pr.ida[r], NULL));
		}
		xspace_pairs_clear(&pr);
	}
	return n;
}

void
dx_free_names(char **v, long n)
{
	long i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* The words of s as an array of pointers (borrowed from s). */
const char **
dx_space_words(const struct space *s)
{
	long n = space_rows(s), i;
	const char **w = xcalloc((size_t)n + 1, sizeof(char *));

	for (i = 0; i < n; i++)
		w[i] = space_word(s, i, NULL);
	return w;
}

/* Reads the declared file named by option "opt". */
const char *
dx_read_file(struct dctx *ctx, const struct directive *d, const char *opt,
    struct buf *b)
{
	const struct dopt *o = directive_opt(d, opt);
	struct diag dg;
	const char *path = data_file(ctx->data, o->text, &dg);

	if (path == NULL || fs_read(path, b, &dg) < 0) {
		dctx_error_at(ctx, o->set ? o : NULL, "%s", dg.msg);
		return NULL;
	}
	return path;
}


/* Neighbours of each query row under metric m: ids/scores [nq * k]. */
int
dx_knn_search(struct dctx *ctx, const struct knn_index *ix, const long *rows,
    size_t nq, int k, enum knn_metric m, long restrict_rows, long *ids,
    float *scores)
{
	struct knn_opts o;
	struct diag dg;
	float *q = xcalloc(nq * (size_t)ix->dims + 1, sizeof(float));
	size_t i;
	int rc;

	for (i = 0; i < nq; i++)
		memcpy(q + i * (size_t)ix->dims, ix->m + rows[i] *
		    (long)ix->dims, sizeof(float) * (size_t)ix->dims);
	memset(&o, 0, sizeof(o));
	o.metric = m;
	o.restrict_rows = restrict_rows;
	o.qexclude = rows;
	o.qexclude_n = 1;
	o.threads = 1;
	rc = knn_search(ix, q, (long)nq, k, &o, ids, scores, &dg);
	free(q);
	if (rc != 0)
		return dctx_error(ctx, "%s", dg.msg);
	return 0;
}

int
dx_knn_search_vec(struct dctx *ctx, const struct knn_index *ix,
    const float *q, size_t nq, const long *qex, int qexn, int k,
    enum knn_metric m, long restrict_rows, long *ids, float *scores)
{
	struct knn_opts o;
	struct diag dg;

	memset(&o, 0, sizeof(o));
	o.metric = m;
	o.restrict_rows = restrict_rows;
	o.qexclude = qex;
	o.qexclude_n = qexn;
	o.threads = 1;
	if (knn_search(ix, q, (long)nq, k, &o, ids, scores, &dg) != 0)
		return dctx_error(ctx, "%s", dg.msg);
	return 0;
}

int
dx_knn_words(struct dctx *ctx, const struct knn_index *ix,
    const struct dx_wvec *wv, int k, enum knn_metric m, long restrict_rows,
    long *ids, float *scores)
{
	size_t i;

	for (i = 0; i < wv->n; i++)
		if (wv->row[i] < 0)
			return dx_knn_search_vec(ctx, ix, wv->v, wv->n,
			    wv->used, TOKSPACE_MAXPIECES, k, m, restrict_rows,
			    ids, scores);
	return dx_knn_search(ctx, ix, wv->row, wv->n, k, m, restrict_rows,
	    ids, scores);
}

/* ---- sizes for work estimates ------------------------------------------ */

void
dx_why(char *why, size_t n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, n, fmt, ap);
	va_end(ap);
}

int
dx_space_size_named(struct dctx *ctx, const struct dopt *o, const char *name,
    double *rows, double *dims)
{
	const struct space *s = dx_space_named(ctx, o, name, NULL, NULL);

	if (s == NULL)
		return -1;
	*rows = (double)space_rows(s);
	*dims = (double)space_dims(s);
	return 0;
}

int
dx_space_size(struct dctx *ctx, const struct directive *d, const char *opt,
    double *rows, double *dims)
{
	const struct dopt *o = directive_opt(d, opt);

	if (o->text == NULL || o->text[0] == '\0')
		return dctx_error_at(ctx, located(o), "option ':%s:' needs a "
		    "space declared in vecdoc.yml", opt);
	return dx_space_size_named(ctx, o, o->text, rows, dims);
}

int
dx_corpus_size(struct dctx *ctx, const struct dopt *o, const char *name,
    double *tokens, double *types)
{
	struct diag dg;
	const struct corpus *c = data_corpus(ctx->data, name, &dg);

	if (c == NULL)
		return dctx_error_at(ctx, located(o), "%s", dg.msg);
	*tokens = (double)c->ntokens;
	*types = (double)c->ntypes;
	return 0;
}

int
dx_estimate_corpora_types(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	const struct dopt *co = directive_opt(d, "corpora");
	double tok, types, sum = 0;
	size_t k;

	for (k = 0; k < co->nwords; k++) {
		if (dx_corpus_size(ctx, co, co->words[k], &tok, &types) != 0)
			return -1;
		sum += types;
	}
	we->ops = sum * 40;
	we->bytes = sum * 16;
	dx_why(we->why, sizeof(we->why), "%.0f types over %zu corpora "
	    "(`:corpora:`)", sum, co->nwords);
	we->lower = ":corpora:";
	we->at = co;
	return 0;
}

int
dx_file_lines(struct dctx *ctx, const struct dopt *o, const char *name,
    double *lines)
{
	struct diag dg;
	struct buf b = BUF_INIT;
	const char *path = data_file(ctx->data, name, &dg);
	size_t i;

	if (path == NULL || fs_read(path, &b, &dg) < 0) {
		buf_clear(&b);
		return dctx_error_at(ctx, located(o), "%s", dg.msg);
	}
	*lines = 1;
	for (i = 0; i < b.len; i++)
		*lines += b.data[i] == '\n';
	buf_clear(&b);
	return 0;
}

double
dx_restricted(double rows, long restrict_rows)
{
	return restrict_rows > 0 && (double)restrict_rows < rows ?
	    (double)restrict_rows : rows;
}

int
dx_estimate_none(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	(void)ctx;
	(void)d;
	we->ops = 0;
	we->bytes = 0;
	return 0;
}

const struct model_decl *
dx_model(struct dctx *ctx, const struct directive *d, const char *opt,
    char *prefix, size_t prefixsz)
{
	const struct dopt *o = directive_opt(d, opt);
	const struct model_decl *m = data_model(ctx->data, o->text);
	char base[256];
	uint64_t seed;
	int has, ep;

	if (m == NULL || model_name_parse(o->text, base, sizeof(base), &has,
	    &seed, &ep) < 0 || ep != 0) {
		dctx_error_at(ctx, located(o), "'%s' is not a trained model "
		    "(a name under models: in vecdoc.yml, or NAME@SEED; not a "
		    "snapshot NAME/eK)", o->text);
		return NULL;
	}
	snprintf(prefix, prefixsz, "%s", o->text);
	return m;
}

void
dx_model_epoch(const struct model_decl *m, const char *prefix, int k,
    char *out, size_t outsz)
{
	if (k == m->p.epochs)
		snprintf(out, outsz, "%s", prefix);
	else
		snprintf(out, outsz, "%s/e%d", prefix, k);
}

int
dx_model_has_epoch(const struct model_decl *m, int k)
{
	size_t i;

	if (k == m->p.epochs)
		return 1;
	for (i = 0; i < m->nsnap; i++)
		if (m->snap[i] == k)
			return 1;
	return 0;
}
