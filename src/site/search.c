/*
 * site/search: the client-side search index.
 * Reads each page's plain text and headings (md/markdown.c); produces a
 * compact JSON index inside a script.
 * Never copies a whole page: a section contributes its terms and a
 * snippet of at most SNIPPET bytes.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "md/markdown.h"
#include "md/slug.h"
#include "site/search.h"
#include "util/json.h"
#include "util/par.h"
#include "util/xalloc.h"

#define SNIPPET 160

struct posting {
	size_t		*v;	/* section index, count, section index, count, ... */
	size_t		 n, cap;
};

/* One section of a page: where its text lies, and its terms counted. */
struct psec {
	const struct heading *hd;	/* NULL: the text before any heading */
	const char	*from, *end;
	struct strmap	 counts;	/* folded term -> val.num occurrences */
};

struct ppage {
	struct psec	*v;
	size_t		 n;
};

/* Length of the letter or digit at p (0 if none): Unicode L* and N*. */
static size_t
term_char(const unsigned char *p)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;
	utf8proc_category_t cat;

	if (*p < 0x80)
		return ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    (*p >= 'A' && *p <= 'Z')) ? 1 : 0;
	n = utf8proc_iterate(p, 4, &cp);
	if (n <= 0)
		return 0;
	cat = utf8proc_category(cp);
	return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO ?
	    (size_t)n : 0;
}

void
search_terms(const char *f, void (*fn)(void *, const char *, size_t),
    void *ctx)
{
	const unsigned char *p = (const unsigned char *)f, *s, *e;
	size_t k;

	while (*p) {
		while (*p && term_char(p) == 0)
			p += (*p < 0x80) ? 1 : ((*p >= 0xF0) ? 4 : (*p >= 0xE0) ? 3 : 2);
		if (*p == '\0')
			break;
		s = p;
		/* A word, possibly hyphenated: t-sne, k-nn, all-but-the-top. */
		for (;;) {
			while ((k = term_char(p)) > 0)
				p += k;
			if (*p == '-' && term_char(p + 1) > 0)
				p++;
			else
				break;
		}
		e = p;
		fn(ctx, (const char *)s, (size_t)(e - s));
		if (memchr(s, '-', (size_t)(e - s)) != NULL) {
			const unsigned char *q = s, *r;

			while (q < e) {
				r = q;
				while (r < e && *r != '-')
					r++;
				if (r > q)
					fn(ctx, (const char *)q, (size_t)(r - q));
				q = r + 1;
			}
		}
	}
}

static void
count_term(void *arg, const char *t, size_t n)
{
	struct strmap *m = arg;
	int created;

	if (n > 40)
		return;
	strmap_put(m, t, n, &created)->val.num++;
}

/* The terms of n bytes of text, folded, counted into m. */
static void
count_text(struct strmap *m, const char *t, size_t n)
{
	char *fold = text_fold(t, n);

	search_terms(fold, count_term, m);
	free(fold);
}

/*
 * A page's sections and their terms. A page's text is cut at each
 * heading's text, in order. Pages are independent, so they run on the
 * build's workers; the index is then put together in page order.
 */
static void
page_sections(const struct page *pg, struct ppage *pp)
{
	const struct mdpage *md = pg->doc;
	const char *t = md && md->text ? md->text : "", *from = t;
	size_t h;

	pp->v = xcalloc((md ? md->nheads : 0) + 1, sizeof(*pp->v));
	for (h = 0; h <= (md ? md->nheads : 0); h++) {
		const struct heading *hd = h > 0 ? &md->heads[h - 1] : NULL;
		const char *next = NULL, *end;
		struct psec *ps;

		if (md && h < md->nheads) {
			/* Past the current heading's own text. */
			const char *after = from;

			if (hd && strncmp(from, hd->text, strlen(hd->text)) == 0)
				after += strlen(hd->text);
			next = strstr(after, md->heads[h].text);
		}
		end = next ? next : from + strlen(from);
		if (hd == NULL && end == from)
			continue;	/* nothing before the first heading */
		ps = &pp->v[pp->n++];
		ps->hd = hd;
		ps->from = from;
		ps->end = end;
		strmap_init(&ps->counts);
		count_text(&ps->counts, from, (size_t)(end - from));
		if (hd == NULL)
			count_text(&ps->counts, pg->title, strlen(pg->title));
		from = end;
	}
}

struct sjob {
	const struct site *s;
	struct ppage	*pages;
};

static void
page_task(void *arg, long i, int worker)
{
	struct sjob *j = arg;

	(void)worker;
	page_sections(j->s->order[i], &j->pages[i]);
}

static int
cmp_ent(const void *a, const void *b)
{
	const struct strmap_ent *x = *(const struct strmap_ent *const *)a;
	const struct strmap_ent *y = *(const struct strmap_ent *const *)b;
	size_t n = x->klen < y->klen ? x->klen : y->klen;
	int c = memcmp(x->key, y->key, n);

	return c ? c : (x->klen < y->klen ? -1 : x->klen > y->klen);
}

/* The section's snippet: its first SNIPPET bytes, cut at a character. */
static void
snippet(struct jw *w, const char *s, size_t n)
{
	while (n > 0 && (s[0] == '\n' || s[0] == ' ')) {
		s++;
		n--;
	}
	if (n > SNIPPET) {
		n = SNIPPET;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < n; i++)
		buf_putc(&b, s[i] == '\n' ? ' ' : s[i]);
	jw_strn(w, b.data ? b.data : "", b.len);
	buf_clear(&b);
}

char *
search_index_js(const struct site *s)
{
	struct strmap terms;
	struct buf out = BUF_INIT;
	struct jw w;
	size_t i, h, k, nsec = 0;
	struct strmap_ent **ents;
	struct sjob j;

	j.s = s;
	j.pages = xcalloc(s->norder + 1, sizeof(*j.pages));
	par_for((long)s->norder, 0, page_task, &j);
	strmap_init(&terms);
	buf_puts(&out, "window.VECDOC_SEARCH = ");
	jw_init(&w, &out, 0);
	jw_obj_begin(&w);
	jw_key(&w, "pages");
	jw_arr_begin(&w);
	for (i = 0; i < s->norder; i++) {
		jw_arr_begin(&w);
		jw_str(&w, s->order[i]->out);
		jw_str(&w, s->order[i]->title);
		jw_arr_end(&w);
	}
	jw_arr_end(&w);
	/* Sections: [page, anchor, heading, snippet]; each term's postings
	 * list its sections in increasing order. */
	jw_key(&w, "sections");
	jw_arr_begin(&w);
	for (i = 0; i < s->norder; i++) {
		struct ppage *pp = &j.pages[i];

		for (h = 0; h < pp->n; h++) {
			struct psec *ps = &pp->v[h];
			const struct heading *hd = ps->hd;
			const char *body = ps->from;

			jw_arr_begin(&w);
			jw_int(&w, (long long)i);
			jw_str(&w, hd ? hd->id : "");
			jw_str(&w, hd ? hd->text : s->order[i]->title);
			if (hd && strncmp(body, hd->text, strlen(hd->text)) == 0)
				body += strlen(hd->text);
			snippet(&w, body, (size_t)(ps->end - body));
			jw_arr_end(&w);
			for (k = 0; k < ps->counts.cap; k++) {
				const struct strmap_ent *c = &ps->counts.v[k];
				struct strmap_ent *e;
				struct posting *p;
				int created;

				if (c->key == NULL)
					continue;
				e = strmap_put(&terms, c->key, c->klen, &created);
				if (created)
					e->val.ptr = xcalloc(1, sizeof(struct posting));
				p = e->val.ptr;
				if (p->n + 2 > p->cap) {
					p->cap = p->cap ? p->cap * 2 : 4;
					p->v = xreallocarray(p->v, p->cap,
					    sizeof(size_t));
				}
				p->v[p->n++] = nsec;
				p->v[p->n++] = (size_t)c->val.num;
			}
			strmap_clear(&ps->counts);
			nsec++;
		}
		free(pp->v);
	}
	free(j.pages);
	jw_arr_end(&w);
	/* Terms sorted, so the client can find prefixes by binary search. */
	ents = xcalloc(terms.n + 1, sizeof(*ents));
	for (i = 0, k = 0; i < terms.cap; i++)
		if (terms.v[i].key)
			ents[k++] = &terms.v[i];
	qsort(ents, k, sizeof(*ents), cmp_ent);
	jw_key(&w, "terms");
	jw_arr_begin(&w);
	for (i = 0; i < k; i++)
		jw_strn(&w, ents[i]->key, ents[i]->klen);
	jw_arr_end(&w);
	jw_key(&w, "postings");
	jw_arr_begin(&w);
	for (i = 0; i < k; i++) {
		struct posting *p = ents[i]->val.ptr;

		jw_arr_begin(&w);
		for (h = 0; h < p->n; h++)
			jw_int(&w, (long long)p->v[h]);
		jw_arr_end(&w);
		free(p->v);
		free(p);
	}
	jw_arr_end(&w);
	jw_obj_end(&w);
	buf_puts(&out, ";\n");
	free(ents);
	strmap_clear(&terms);
	return buf_detach(&out);
}
