/*
 * corpus/corpus: `corpora:` declarations and corpus loading.
 * Reads a ynode tree and UTF-8 text; produces struct corpus_decl arrays
 * and struct corpus (vocabulary, token ids, documents, counts).
 * Never prints.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <utf8proc.h>

#include "corpus/corpus.h"
#include "util/buf.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

/* ---------------------------------------------------------------- decls */

static const char *const corpus_keys[] = { "file", "path", "format",
    "lowercase", "drop", "join_wikitext", "punctuation", "documents",
    "tokenizer", NULL };
static const char *const corpus_formats[] = { "lines", "wikitext", NULL };
static const char *const corpus_docmodes[] = { "lines", "articles", NULL };
static const char *const corpus_tokenizers[] = { "word", NULL };

static size_t
count_strs(const char *const *v)
{
	size_t n = 0;

	while (v[n])
		n++;
	return n;
}

/* The index of scalar v's value in "names", or -1 with d set (with a
 * did-you-mean hint). */
static int
choose(const struct ynode *v, const char *file, const char *key,
    const char *const *names, struct diag *d)
{
	const char *s, *hint;
	struct buf all = BUF_INIT;
	int k;

	if (ynode_str(v, file, key, &s, d) < 0)
		return -1;
	for (k = 0; names[k]; k++)
		if (strcmp(s, names[k]) == 0)
			return k;
	for (k = 0; names[k]; k++)
		buf_printf(&all, "%s%s", k ? ", " : "", names[k]);
	hint = diag_suggest(s, names, count_strs(names));
	diag_fail(d, file, v->line, v->col, "%s: unknown value \"%s\"%s%s%s "
	    "(known: %s)", key, s, hint ? " (did you mean \"" : "",
	    hint ? hint : "", hint ? "\"?)" : "", buf_str(&all));
	buf_clear(&all);
	return -1;
}

/* A path of vecdoc.yml: root-relative, absolute or "~/…" (the site
 * owner's data may live anywhere; see store/config.c). */
static int
resolve(const struct ynode *v, const char *file, const char *root,
    char **out, char **rel, struct diag *d)
{
	const char *s;

	if (ynode_str(v, file, "path", &s, d) < 0)
		return -1;
	if (*s == '\0')
		return diag_fail(d, file, v->line, v->col, "path: empty path");
	*out = fs_data_path(root, s);
	*rel = xstrdup(s);
	return 0;
}

void
corpus_decl_init(struct corpus_decl *decl, enum corpus_format format)
{
	memset(decl, 0, sizeof(*decl));
	decl->format = format;
	decl->docs = format == CORPUS_WIKITEXT ? CORPUS_DOC_ARTICLES :
	    CORPUS_DOC_LINES;
	decl->lowercase = 1;
	decl->join_wikitext = format == CORPUS_WIKITEXT;
	decl->punctuation = 0;
}

static int
get_bool(const struct ynode *m, const char *key, const char *file, int *out,
    struct diag *d)
{
	const struct ynode *v = ynode_get(m, key);

	if (v == NULL)
		return 0;
	return ynode_bool(v, file, key, out, d);
}

static int
parse_one(const char *name, const struct ynode *m, long kl, int kc,
    const char *file, const char *root, struct corpus_decl *cd,
    struct diag *d)
{
	const struct ynode *v, *vf, *vp;
	const char *s;
	int k;
	size_t i;

	cd->name = xstrdup(name);
	cd->cfgfile = file;
	cd->line = kl;
	cd->col = kc;
	if (m->kind != YNODE_MAP)
		return diag_fail(d, file, m->line, m->col, "corpus %s: expected "
		    "a map with path: or file:", name);
	if (ynode_check_keys(m, file, "a corpus", corpus_keys, d) < 0)
		return -1;
	if ((v = ynode_get(m, "format")) != NULL) {
		if ((k = choose(v, file, "format", corpus_formats, d)) < 0)
			return -1;
		cd->format = (enum corpus_format)k;
	}
	{
		/* defaults depend on the format; the name survives the reset */
		char *nm = cd->name;

		corpus_decl_init(cd, cd->format);
		cd->name = nm;
		cd->cfgfile = file;
		cd->line = kl;
		cd->col = kc;
	}
	vf = ynode_get(m, "file");
	vp = ynode_get(m, "path");
	if ((vf == NULL) == (vp == NULL))
		return diag_fail(d, file, kl, kc, "corpus %s: give exactly one "
		    "of path: (a file under the content directory) or file: "
		    "(the name of a files: entry)", name);
	if (vp && resolve(vp, file, root, &cd->path, &cd->relpath, d) < 0)
		return -1;
	if (vf) {
		if (ynode_str(vf, file, "file", &s, d) < 0)
			return -1;
		if (*s == '\0')
			return diag_fail(d, file, vf->line, vf->col, "file: "
			    "empty name");
		cd->file = xstrdup(s);
	}
	if (get_bool(m, "lowercase", file, &cd->lowercase, d) < 0 ||
	    get_bool(m, "punctuation", file, &cd->punctuation, d) < 0)
		return -1;
	if ((v = ynode_get(m, "join_wikitext")) != NULL) {
		if (ynode_bool(v, file, "join_wikitext", &cd->join_wikitext,
		    d) < 0)
			return -1;
		if (cd->format != CORPUS_WIKITEXT && cd->join_wikitext)
			return diag_fail(d, file, v->line, v->col,
			    "join_wikitext: only for format: wikitext");
	}
	if ((v = ynode_get(m, "documents")) != NULL) {
		if ((k = choose(v, file, "documents", corpus_docmodes, d)) < 0)
			return -1;
		cd->docs = (enum corpus_docs)k;
		if (cd->docs == CORPUS_DOC_ARTICLES &&
		    cd->format != CORPUS_WIKITEXT)
			return diag_fail(d, file, v->line, v->col, "documents: "
			    "articles needs format: wikitext (other corpora "
			    "have one document per line)");
	}
	if ((v = ynode_get(m, "tokenizer")) != NULL) {
		if (choose(v, file, "tokenizer", corpus_tokenizers, d) < 0)
			return -1;
	}
	cd->tokenizer = xstrdup(corpus_tokenizers[0]);
	if ((v = ynode_get(m, "drop")) != NULL) {
		if (v->kind != YNODE_SEQ)
			return diag_fail(d, file, v->line, v->col, "drop: expected "
			    "a list of tokens, e.g. [\"<unk>\"]");
		cd->drop = xcalloc(v->n + 1, sizeof(*cd->drop));
		for (i = 0; i < v->n; i++) {
			if (ynode_str(v->vals[i], file, "drop", &s, d) < 0)
				return -1;
			if (*s == '\0')
				return diag_fail(d, file, v->vals[i]->line,
				    v->vals[i]->col, "drop: empty token");
			cd->drop[cd->ndrop++] = xstrdup(s);
		}
	}
	return 0;
}

int
corpusdecls_parse(const struct ynode *corpora, const char *file,
    const char *root, struct corpus_decl **out, size_t *n, struct diag *d)
{
	struct corpus_decl *v;
	size_t i;

	*out = NULL;
	*n = 0;
	if (corpora == NULL)
		return 0;
	if (corpora->kind != YNODE_MAP)
		return diag_fail(d, file, corpora->line, corpora->col, "corpora: "
		    "expected a map of names");
	v = xcalloc(corpora->n + 1, sizeof(*v));
	for (i = 0; i < corpora->n; i++) {
		if (parse_one(corpora->keys[i], corpora->vals[i],
		    corpora->keylines[i], corpora->keycols[i], file, root, &v[i],
		    d) < 0) {
			corpusdecls_free(v, i + 1);
			return -1;
		}
	}
	*out = v;
	*n = corpora->n;
	return 0;
}

void
corpusdecls_free(struct corpus_decl *v, size_t n)
{
	size_t i, k;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].path);
		free(v[i].relpath);
		free(v[i].file);
		free(v[i].tokenizer);
		for (k = 0; k < v[i].ndrop; k++)
			free(v[i].drop[k]);
		free(v[i].drop);
	}
	free(v);
}

/* ------------------------------------------------------- character classes */

enum cclass {
	C_SPACE,	/* Python str.isspace() */
	C_WORD,		/* L*, M*, N* */
	C_DIGIT,	/* Nd (also a word character) */
	C_OTHER		/* punctuation, symbols, controls, ... */
};

static enum cclass
cp_class(utf8proc_int32_t c)
{
	utf8proc_category_t cat;

	if (c < 0x80) {
		if (c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f))
			return C_SPACE;
		if (c >= '0' && c <= '9')
			return C_DIGIT;
		if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
			return C_WORD;
		return C_OTHER;
	}
	if (c == 0x85 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
	    c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000)
		return C_SPACE;
	cat = utf8proc_category(c);
	if (cat == UTF8PROC_CATEGORY_ND)
		return C_DIGIT;
	if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO)
		return C_WORD;
	return C_OTHER;
}

/* The joiner a code point stands for inside a word ('\'', '-', '.', ','),
 * or 0. */
static int
joiner(utf8proc_int32_t c)
{
	switch (c) {
	case '\'': case 0x2019:
		return '\'';
	case '-': case 0x2010: case 0x2011:
		return '-';
	case '.':
		return '.';
	case ',':
		return ',';
	default:
		return 0;
	}
}

static void
put_cp(struct buf *b, utf8proc_int32_t c, int lower)
{
	utf8proc_uint8_t tmp[4];
	utf8proc_ssize_t n;

	if (c < 0x80) {
		if (lower && c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		buf_putc(b, (int)c);
		return;
	}
	if (lower)
		c = utf8proc_tolower(c);
	n = utf8proc_encode_char(c, tmp);
	buf_put(b, tmp, (size_t)n);
}

/* Decodes one code point at s (n > 0 bytes left); returns its length, or
 * -1 for invalid UTF-8. */
static utf8proc_ssize_t
next_cp(const char *s, size_t n, utf8proc_int32_t *c)
{
	const unsigned char *p = (const unsigned char *)s;
	utf8proc_ssize_t step;

	if (p[0] < 0x80) {
		*c = p[0];
		return 1;
	}
	step = utf8proc_iterate(p, (utf8proc_ssize_t)n, c);
	return step < 1 ? -1 : step;
}

/* ---------------------------------------------------------- word splitter */

struct splitter {
	struct buf	 word;		/* the word being built (normalised) */
	struct buf	 punct;		/* the punctuation run (raw bytes) */
	int		 inword;
	int		 lastdigit;	/* the word's last character is Nd */
	utf8proc_int32_t pend;		/* pending joiner code point, or 0 */
	const char	*pendsrc;	/* its raw bytes */
	size_t		 pendlen;
	int		 lower, keep;
	void		(*emit)(void *, const char *, size_t, int);
	void		*ctx;
};

static void
sp_endword(struct splitter *sp)
{
	if (sp->inword && sp->word.len > 0)
		sp->emit(sp->ctx, sp->word.data, sp->word.len, 1);
	buf_reset(&sp->word);
	sp->inword = 0;
	sp->lastdigit = 0;
}

static void
sp_endpunct(struct splitter *sp)
{
	if (sp->keep && sp->punct.len > 0)
		sp->emit(sp->ctx, sp->punct.data, sp->punct.len, 0);
	buf_reset(&sp->punct);
}

/* A pending joiner that did not join: the word ends, the joiner becomes
 * punctuation. */
static void
sp_unpend(struct splitter *sp)
{
	if (sp->pend == 0)
		return;
	sp_endword(sp);
	buf_put(&sp->punct, sp->pendsrc, sp->pendlen);
	sp->pend = 0;
}

int
corpus_words(const char *s, size_t len, int lowercase, int punctuation,
    void (*emit)(void *ctx, const char *w, size_t n, int isword), void *ctx,
    size_t *bad)
{
	struct splitter sp;
	size_t i = 0;
	int rc = 0;

	memset(&sp, 0, sizeof(sp));
	buf_init(&sp.word);
	buf_init(&sp.punct);
	sp.lower = lowercase;
	sp.keep = punctuation;
	sp.emit = emit;
	sp.ctx = ctx;
	while (i < len) {
		utf8proc_int32_t c;
		utf8proc_ssize_t step = next_cp(s + i, len - i, &c);
		enum cclass cl;
		int j;

		if (step < 0) {
			if (bad)
				*bad = i;
			rc = -1;
			goto out;
		}
		cl = cp_class(c);
		if (cl == C_WORD || cl == C_DIGIT) {
			if (sp.pend) {
				j = joiner(sp.pend);
				if ((j == '.' || j == ',') && !(sp.lastdigit &&
				    cl == C_DIGIT))
					sp_unpend(&sp);
				else {
					buf_putc(&sp.word, j);
					sp.pend = 0;
				}
			}
			if (!sp.inword) {
				sp_endpunct(&sp);
				sp.inword = 1;
			}
			put_cp(&sp.word, c, sp.lower);
			sp.lastdigit = cl == C_DIGIT;
		} else if (cl == C_SPACE) {
			sp_unpend(&sp);
			sp_endword(&sp);
			sp_endpunct(&sp);
		} else if (sp.inword && sp.pend == 0 && joiner(c)) {
			sp.pend = c;
			sp.pendsrc = s + i;
			sp.pendlen = (size_t)step;
		} else {
			sp_unpend(&sp);
			sp_endword(&sp);
			buf_put(&sp.punct, s + i, (size_t)step);
		}
		i += (size_t)step;
	}
	sp_unpend(&sp);
	sp_endword(&sp);
	sp_endpunct(&sp);
out:
	buf_clear(&sp.word);
	buf_clear(&sp.punct);
	return rc;
}

/* ------------------------------------------------------------- loading */

struct loader {
	struct corpus		*c;
	const struct corpus_decl *decl;
	struct strmap		 drop;		/* normalised drop tokens */
	struct buf		 tmp;
	char			**w0;		/* words by first-seen id */
	size_t			*l0;		/* their lengths */
	size_t			 wcap;
	size_t			 tokcap, doccap;
	size_t			 docstart;	/* first token of the open doc */
};

static void
add_token(struct loader *L, const char *w, size_t n)
{
	struct corpus *c = L->c;
	struct strmap_ent *e;
	int created;

	if (L->drop.n > 0 && strmap_get(&L->drop, w, n) != NULL) {
		c->ndropped++;
		return;
	}
	e = strmap_put(&c->map, w, n, &created);
	if (created) {
		if (c->ntypes == L->wcap) {
			L->wcap = L->wcap ? 2 * L->wcap : 4096;
			L->w0 = xreallocarray(L->w0, L->wcap, sizeof(*L->w0));
			L->l0 = xreallocarray(L->l0, L->wcap, sizeof(*L->l0));
			c->count = xreallocarray(c->count, L->wcap,
			    sizeof(*c->count));
		}
		e->val.num = (long)c->ntypes;
		L->w0[c->ntypes] = e->key;
		L->l0[c->ntypes] = n;
		c->count[c->ntypes] = 0;
		c->ntypes++;
	}
	c->count[e->val.num]++;
	if (c->ntokens == L->tokcap) {
		L->tokcap = L->tokcap ? 2 * L->tokcap : 65536;
		c->tok = xreallocarray(c->tok, L->tokcap, sizeof(*c->tok));
	}
	c->tok[c->ntokens++] = (uint32_t)e->val.num;
}

static void
close_doc(struct loader *L)
{
	struct corpus *c = L->c;

	if (c->ntokens == L->docstart)
		return;
	if (c->ndocs + 2 > L->doccap) {
		L->doccap = L->doccap ? 2 * L->doccap : 1024;
		c->doc = xreallocarray(c->doc, L->doccap, sizeof(*c->doc));
	}
	c->doc[c->ndocs++] = L->docstart;
	L->docstart = c->ntokens;
}

static void
emit_word(void *ctx, const char *w, size_t n, int isword)
{
	struct loader *L = ctx;

	if (!isword) {
		if (!L->decl->punctuation) {
			L->c->npunct++;
			return;
		}
	}
	add_token(L, w, n);
}

/* 1 if the n bytes at s hold a letter, mark or number. */
static int
has_wordchar(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		utf8proc_int32_t c;
		utf8proc_ssize_t step = next_cp(s + i, n - i, &c);
		enum cclass cl;

		if (step < 0)
			return 0;
		cl = cp_class(c);
		if (cl == C_WORD || cl == C_DIGIT)
			return 1;
		i += (size_t)step;
	}
	return 0;
}

/* Appends the normalised form of raw token s[0..n) to b. */
static void
put_norm(struct buf *b, const char *s, size_t n, int lower)
{
	size_t i = 0;

	if (!lower) {
		buf_put(b, s, n);
		return;
	}
	while (i < n) {
		utf8proc_int32_t c;
		utf8proc_ssize_t step = next_cp(s + i, n - i, &c);

		put_cp(b, c, 1);
		i += (size_t)step;
	}
}

static int
is_eq(const char *s, size_t n)
{
	return n == 1 && s[0] == '=';
}

/* "@-@" -> '-', "@,@" -> ',', "@.@" -> '.', else 0. */
static int
wikitext_joiner(const char *s, size_t n)
{
	if (n == 3 && s[0] == '@' && s[2] == '@' &&
	    (s[1] == '-' || s[1] == ',' || s[1] == '.'))
		return s[1];
	return 0;
}

/* Python str.isspace() at s: its byte length, or 0. (Valid UTF-8.) */
static size_t
ws_len(const char *s, size_t n)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t step;

	if ((unsigned char)s[0] < 0x80)
		return cp_class((unsigned char)s[0]) == C_SPACE ? 1 : 0;
	step = next_cp(s, n, &c);
	return step > 0 && cp_class(c) == C_SPACE ? (size_t)step : 0;
}

struct span {
	size_t	 s, n;
};

/* Finishes one (possibly joined) wikitext token in L->tmp. */
static void
wikitext_token(struct loader *L, int dropped_part)
{
	const char *w = L->tmp.data;
	size_t n = L->tmp.len;

	if (dropped_part) {
		L->c->ndropped++;
		return;
	}
	if (!L->decl->punctuation && !has_wordchar(w, n)) {
		L->c->npunct++;
		return;
	}
	add_token(L, w, n);
}

/* 1 if the last n bytes of L->tmp (a normalised part) are in drop:. */
static int
drop_tail(struct loader *L, size_t n)
{
	return L->drop.n > 0 && strmap_get(&L->drop, L->tmp.data +
	    L->tmp.len - n, n) != NULL;
}

static void
wikitext_line(struct loader *L, const char *s, size_t len, struct span **tv,
    size_t *tcap)
{
	const struct corpus_decl *decl = L->decl;
	struct span *t;
	size_t nt = 0, i = 0, a, b, k;

	/* split on whitespace */
	while (i < len) {
		size_t w, st;

		while (i < len && (w = ws_len(s + i, len - i)) > 0)
			i += w;
		if (i >= len)
			break;
		st = i;
		while (i < len && ws_len(s + i, len - i) == 0)
			i++;
		if (nt == *tcap) {
			*tcap = *tcap ? 2 * *tcap : 256;
			*tv = xreallocarray(*tv, *tcap, sizeof(**tv));
		}
		(*tv)[nt].s = st;
		(*tv)[nt].n = i - st;
		nt++;
	}
	t = *tv;
	a = 0;
	b = nt;
	if (nt >= 2 && is_eq(s + t[0].s, t[0].n) &&
	    is_eq(s + t[nt - 1].s, t[nt - 1].n)) {
		int level = 0;

		while (a < b && is_eq(s + t[a].s, t[a].n)) {
			a++;
			level++;
		}
		while (b > a && is_eq(s + t[b - 1].s, t[b - 1].n))
			b--;
		L->c->nheadings++;
		if (level == 1 && decl->docs == CORPUS_DOC_ARTICLES)
			close_doc(L);
	}
	for (k = a; k < b; k++) {
		int dropped;
		size_t before;

		buf_reset(&L->tmp);
		put_norm(&L->tmp, s + t[k].s, t[k].n, decl->lowercase);
		dropped = drop_tail(L, L->tmp.len);
		/* a raw joiner of its own (line start, or no right neighbour)
		 * stands for its character */
		if (decl->join_wikitext && wikitext_joiner(s + t[k].s, t[k].n)) {
			buf_reset(&L->tmp);
			buf_putc(&L->tmp, wikitext_joiner(s + t[k].s, t[k].n));
			dropped = 0;
		}
		while (decl->join_wikitext && k + 2 < b &&
		    wikitext_joiner(s + t[k + 1].s, t[k + 1].n) &&
		    !wikitext_joiner(s + t[k + 2].s, t[k + 2].n) &&
		    !wikitext_joiner(s + t[k].s, t[k].n)) {
			buf_putc(&L->tmp, wikitext_joiner(s + t[k + 1].s,
			    t[k + 1].n));
			before = L->tmp.len;
			put_norm(&L->tmp, s + t[k + 2].s, t[k + 2].n,
			    decl->lowercase);
			if (drop_tail(L, L->tmp.len - before))
				dropped = 1;
			k += 2;
		}
		wikitext_token(L, dropped);
	}
}

struct corpus *
corpus_load(const struct corpus_decl *decl, const char *path, struct diag *d)
{
	struct buf b = BUF_INIT;
	struct corpus *c;

	if (path == NULL)
		path = decl->path;
	if (path == NULL) {
		diag_fail(d, decl->cfgfile, decl->line, decl->col, "corpus %s: "
		    "file: \"%s\" was not resolved to a path", decl->name ?
		    decl->name : "?", decl->file ? decl->file : "");
		return NULL;
	}
	if (fs_read(path, &b, d) < 0)
		return NULL;
	c = corpus_load_mem(decl, b.data ? b.data : "", b.len, path, d);
	buf_clear(&b);
	if (c && decl->name) {
		free(c->name);
		c->name = xstrdup(decl->name);
	}
	return c;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Rank order: count descending, then bytes ascending (shorter first). */
static int
cmp_rank(const void *pa, const void *pb, void *arg)
{
	const struct loader *L = arg;
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	const long *cnt = L->c->count;
	size_t la, lb;
	int r;

	if (cnt[a] != cnt[b])
		return cnt[a] > cnt[b] ? -1 : 1;
	la = L->l0[a];
	lb = L->l0[b];
	r = memcmp(L->w0[a], L->w0[b], la < lb ? la : lb);
	if (r != 0)
		return r;
	return la < lb ? -1 : la > lb;
}

/* Renumbers word ids into rank order. */
static void
rank_words(struct loader *L)
{
	struct corpus *c = L->c;
	uint32_t *order, *newid;
	long *cnt;
	size_t i;

	order = xcalloc(c->ntypes + 1, sizeof(*order));
	newid = xcalloc(c->ntypes + 1, sizeof(*newid));
	for (i = 0; i < c->ntypes; i++)
		order[i] = (uint32_t)i;
	qsort_r(order, c->ntypes, sizeof(*order), cmp_rank, L);
	c->word = xcalloc(c->ntypes + 1, sizeof(*c->word));
	c->wlen = xcalloc(c->ntypes + 1, sizeof(*c->wlen));
	cnt = xcalloc(c->ntypes + 1, sizeof(*cnt));
	for (i = 0; i < c->ntypes; i++) {
		newid[order[i]] = (uint32_t)i;
		c->word[i] = L->w0[order[i]];
		c->wlen[i] = L->l0[order[i]];
		cnt[i] = c->count[order[i]];
	}
	free(c->count);
	c->count = cnt;
	for (i = 0; i < c->ntokens; i++)
		c->tok[i] = newid[c->tok[i]];
	for (i = 0; i < c->map.cap; i++)
		if (c->map.v[i].key != NULL)
			c->map.v[i].val.num = (long)newid[c->map.v[i].val.num];
	free(order);
	free(newid);
}

struct corpus *
corpus_load_mem(const struct corpus_decl *decl, const char *text, size_t len,
    const char *fname, struct diag *d)
{
	struct loader L;
	struct corpus *c;
	struct span *tv = NULL;
	size_t tcap = 0, pos = 0, k;
	double t0 = now();
	int ok = 1;

	memset(&L, 0, sizeof(L));
	c = xcalloc(1, sizeof(*c));
	c->path = xstrdup(fname ? fname : "(memory)");
	if (decl->name)
		c->name = xstrdup(decl->name);
	strmap_init(&c->map);
	strmap_init(&L.drop);
	buf_init(&L.tmp);
	L.c = c;
	L.decl = decl;
	for (k = 0; k < decl->ndrop; k++) {
		int created;

		buf_reset(&L.tmp);
		put_norm(&L.tmp, decl->drop[k], strlen(decl->drop[k]),
		    decl->lowercase);
		strmap_put(&L.drop, L.tmp.data, L.tmp.len, &created);
	}
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len, ll = end - pos, i;
		const char *s = text + pos;

		c->nlines++;
		/* validate first, so that an error names its column */
		for (i = 0; i < ll; ) {
			utf8proc_int32_t ch;
			utf8proc_ssize_t step;

			if (s[i] == '\0') {
				diag_fail(d, c->path, c->nlines, (int)(i + 1),
				    "NUL byte in text");
				ok = 0;
				goto out;
			}
			if ((unsigned char)s[i] < 0x80) {
				i++;
				continue;
			}
			step = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
			    (utf8proc_ssize_t)(ll - i), &ch);
			if (step < 1) {
				diag_fail(d, c->path, c->nlines, (int)(i + 1),
				    "invalid UTF-8 (byte 0x%02X)",
				    (unsigned char)s[i]);
				ok = 0;
				goto out;
			}
			i += (size_t)step;
		}
		if (decl->format == CORPUS_WIKITEXT)
			wikitext_line(&L, s, ll, &tv, &tcap);
		else
			(void)corpus_words(s, ll, decl->lowercase, 1, emit_word,
			    &L, NULL);
		if (decl->docs == CORPUS_DOC_LINES)
			close_doc(&L);
		pos = end + 1;
	}
	close_doc(&L);
	if (c->doc == NULL)
		c->doc = xcalloc(1, sizeof(*c->doc));
	c->doc[c->ndocs] = c->ntokens;
	rank_words(&L);
	c->t_load = now() - t0;
out:
	free(tv);
	free(L.w0);
	free(L.l0);
	strmap_clear(&L.drop);
	buf_clear(&L.tmp);
	if (!ok) {
		corpus_free(c);
		return NULL;
	}
	return c;
}

void
corpus_free(struct corpus *c)
{
	if (c == NULL)
		return;
	free(c->name);
	free(c->path);
	free(c->word);		/* the strings belong to the map */
	free(c->wlen);
	free(c->count);
	free(c->tok);
	free(c->doc);
	strmap_clear(&c->map);
	free(c);
}

long
corpus_find(const struct corpus *c, const char *w, size_t len)
{
	const struct strmap_ent *e = strmap_get(&c->map, w, len);

	return e ? e->val.num : -1;
}

/* ---------------------------------------------------------------- union */

void
corpus_union_init(struct corpus_union *u, const struct corpus *a,
    const struct corpus *b)
{
	size_t i, n = 0, cap = a->ntypes + b->ntypes + 1;

	memset(u, 0, sizeof(*u));
	u->word = xcalloc(cap, sizeof(*u->word));
	u->ca = xcalloc(cap, sizeof(*u->ca));
	u->cb = xcalloc(cap, sizeof(*u->cb));
	u->ida = xcalloc(cap, sizeof(*u->ida));
	u->idb = xcalloc(cap, sizeof(*u->idb));
	for (i = 0; i < a->ntypes; i++, n++) {
		long j = corpus_find(b, a->word[i], a->wlen[i]);

		u->word[n] = a->word[i];
		u->ca[n] = a->count[i];
		u->ida[n] = (long)i;
		u->idb[n] = j;
		u->cb[n] = j >= 0 ? b->count[j] : 0;
		if (j >= 0)
			u->nshared++;
	}
	for (i = 0; i < b->ntypes; i++) {
		if (corpus_find(a, b->word[i], b->wlen[i]) >= 0)
			continue;
		u->word[n] = b->word[i];
		u->ca[n] = 0;
		u->cb[n] = b->count[i];
		u->ida[n] = -1;
		u->idb[n] = (long)i;
		n++;
	}
	u->n = n;
}

void
corpus_union_clear(struct corpus_union *u)
{
	free(u->word);
	free(u->ca);
	free(u->cb);
	free(u->ida);
	free(u->idb);
	memset(u, 0, sizeof(*u));
}
