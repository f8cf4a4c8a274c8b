/*
 * site/build: the build pipeline end to end.
 * Reads the content tree, theme and data; produces the output directory.
 * Never deletes anything but its own temporary directory and an output
 * directory that vecdoc itself made (marked with .vecdoc-output).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "config.h"
#include "md/markdown.h"
#include "site/build.h"
#include "site/cache.h"
#include "site/nav.h"
#include "site/publish.h"
#include "site/search.h"
#include "site/theme.h"
#include "data/data.h"
#include "directives/rcache.h"
#include "directives/run.h"
#include "util/fsutil.h"
#include "util/par.h"
#include "util/xalloc.h"


struct job {
	struct site	*site;
	struct theme	*theme;
	struct md_env	*env;
	const struct build_opts *opts;
	int		 pass;
	char		**pagehtml;	/* pass 3: finished documents */
	const char	**reuse;	/* per page: cached document, or NULL */
	struct nav_lessons lessons;	/* pass 3: each module's lesson list */
};

/* Everything every page shows of the others, and the theme: when this
 * changes, every page is built again. */
static uint64_t
nav_signature(const struct site *s, const struct theme *th)
{
	struct buf b = BUF_INIT, f = BUF_INIT;
	struct diag d;
	struct stat st;
	size_t i;
	uint64_t h;

	if (fs_read(s->cfg.file, &f, &d) == 0)
		buf_put(&b, f.data ? f.data : "", f.len);
	for (i = 0; i < th->page.n; i++)
		buf_put(&b, th->page.v[i].s, th->page.v[i].len);
	for (i = 0; i < th->i18n.cap; i++)
		if (th->i18n.v[i].key)
			buf_printf(&b, "%s=%s;", th->i18n.v[i].key,
			    (char *)th->i18n.v[i].val.ptr);
	for (i = 0; i < th->nassets; i++) {
		char *p = theme_asset_path(th, th->assets[i]);

		if (stat(p, &st) == 0)
			buf_printf(&b, "%s:%lld:%lld.%09ld:%llu;", th->assets[i],
			    (long long)st.st_size, (long long)st.st_mtim.tv_sec,
			    (long)st.st_mtim.tv_nsec, (unsigned long long)st.st_ino);
		free(p);
	}
	for (i = 0; i < s->norder; i++) {
		const struct page *pg = s->order[i];

		buf_printf(&b, "%s|%s|%s|%ld|%d|%s;", pg->src, pg->title,
		    pg->description ? pg->description : "", pg->weight,
		    pg->is_index, pg->section ? pg->section->dir : "");
	}
	for (i = 0; i < s->nassets; i++)
		buf_printf(&b, "a:%s;", s->assets[i]);
	h = hash64(b.data ? b.data : "", b.len);
	buf_clear(&b);
	buf_clear(&f);
	return h;
}

/* A page taken from the cache gets what other pages need of it: its
 * ids (anchor checks), headings and text (search index), downloads. */
static void
stub_page(struct page *pg, const struct cpage *cp)
{
	struct mdpage *md = xcalloc(1, sizeof(*md));
	size_t i;
	int created;

	strmap_init(&md->ids);
	diaglist_init(&md->diags);
	md->borrowed = 1;	/* the cache outlives the build's pages */
	md->heads = xcalloc(cp->nheads + 1, sizeof(*md->heads));
	for (i = 0; i < cp->nheads; i++) {
		md->heads[i] = cp->heads[i];
		strmap_put(&md->ids, cp->heads[i].id, strlen(cp->heads[i].id),
		    &created);
	}
	md->nheads = cp->nheads;
	md->text = cp->text ? cp->text : (char *)"";
	md->files = xcalloc(cp->nfiles + 1, sizeof(*md->files));
	for (i = 0; i < cp->nfiles; i++)
		md->files[i] = cp->files[i];
	md->nfiles = cp->nfiles;
	for (i = 0; i < cp->warnings.n; i++)
		diaglist_push(&md->diags, &cp->warnings.v[i]);
	pg->doc = md;
}

/* The cache entry of a page just built; it takes the document. */
static struct cpage *
cpage_from(const struct page *pg, char *doc)
{
	const struct mdpage *md = pg->doc;
	struct cpage *cp = xcalloc(1, sizeof(*cp));
	size_t i;

	cp->hash = pg->hash;
	cp->scanned = pg->scan_clean;
	cp->title = xstrdup(pg->title ? pg->title : "");
	cp->description = pg->description ? xstrdup(pg->description) : NULL;
	cp->weight = pg->weight;
	cp->draft = pg->draft;
	cp->body_off = pg->body_off;
	cp->body_line = pg->body_line;
	cp->doc = doc;
	cp->files = xcalloc(md->nfiles + 1, sizeof(*cp->files));
	for (i = 0; i < md->nfiles; i++) {
		cp->files[i].path = xstrdup(md->files[i].path);
		cp->files[i].len = md->files[i].len;
		cp->files[i].data = xstrndup(md->files[i].data, md->files[i].len);
	}
	cp->nfiles = md->nfiles;
	cp->heads = xcalloc(md->nheads + 1, sizeof(*cp->heads));
	for (i = 0; i < md->nheads; i++) {
		cp->heads[i].level = md->heads[i].level;
		cp->heads[i].id = xstrdup(md->heads[i].id);
		cp->heads[i].text = xstrdup(md->heads[i].text);
	}
	cp->nheads = md->nheads;
	cp->text = xstrdup(md->text ? md->text : "");
	cp->targets = xcalloc(md->ntargets + 1, sizeof(char *));
	for (i = 0; i < md->ntargets; i++)
		cp->targets[i] = xstrdup(md->targets[i]);
	cp->ntargets = md->ntargets;
	diaglist_init(&cp->warnings);
	for (i = 0; i < md->diags.n; i++)
		if (md->diags.v[i].level == DIAG_WARNING)
			diaglist_push(&cp->warnings, &md->diags.v[i]);
	return cp;
}

/* Which pages the cache can give as they were; the others are built. */
static size_t
plan_reuse(struct build_cache *c, struct site *s, uint64_t navsig,
    uint64_t envsig, const char **reuse)
{
	size_t i, k, built = 0;
	struct strmap changed;
	int created;

	if (!c->valid || c->navsig != navsig || c->envsig != envsig) {
		cache_reset(c);
		return s->norder;
	}
	strmap_init(&changed);
	for (i = 0; i < s->norder; i++) {
		const struct page *pg = s->order[i];
		const struct strmap_ent *e = strmap_get(&c->pages, pg->src,
		    strlen(pg->src));
		const struct cpage *cp = e ? e->val.ptr : NULL;

		/* a page with claims runs again: the review page lists them */
		if (cp != NULL && cp->hash == pg->hash && !pg->has_claim)
			reuse[i] = cp->doc;
		else
			strmap_put(&changed, pg->src, strlen(pg->src), &created);
	}
	/* A page linking to a changed page is checked again. */
	for (i = 0; i < s->norder; i++) {
		const struct cpage *cp;

		if (reuse[i] == NULL)
			continue;
		cp = strmap_get(&c->pages, s->order[i]->src,
		    strlen(s->order[i]->src))->val.ptr;
		for (k = 0; k < cp->ntargets; k++)
			if (strmap_get(&changed, cp->targets[k],
			    strlen(cp->targets[k])) != NULL ||
			    site_find_page(s, cp->targets[k]) == NULL) {
				reuse[i] = NULL;
				break;
			}
	}
	for (i = 0; i < s->norder; i++) {
		if (reuse[i] != NULL)
			stub_page(s->order[i], strmap_get(&c->pages,
			    s->order[i]->src, strlen(s->order[i]->src))->val.ptr);
		else
			built++;
	}
	strmap_clear(&changed);
	return built;
}

/* This vecdoc binary: its version, size and modification time. */
static uint64_t
bin_signature(void)
{
	struct stat st;
	char b[128];
	int n = 0;

	if (stat("/proc/self/exe", &st) == 0)
		n = snprintf(b, sizeof(b), "%s|%lld:%lld.%09ld", PACKAGE_VERSION,
		    (long long)st.st_size, (long long)st.st_mtim.tv_sec,
		    (long)st.st_mtim.tv_nsec);
	else
		n = snprintf(b, sizeof(b), "%s", PACKAGE_VERSION);
	return hash64(b, (size_t)n);
}

/* What the previous build's scan of an unchanged page found. */
struct known {
	const struct build_cache *cache;
	uint64_t	 binsig;
};

static int
page_known(void *ctx, struct page *pg)
{
	const struct known *k = ctx;
	const struct strmap_ent *e;
	const struct cpage *cp;

	if (k->cache == NULL || !k->cache->valid ||
	    k->cache->binsig != k->binsig)
		return 0;
	e = strmap_get(&k->cache->pages, pg->src, strlen(pg->src));
	cp = e ? e->val.ptr : NULL;
	if (cp == NULL || !cp->scanned || cp->title == NULL ||
	    cp->body_off > pg->textlen ||
	    cp->hash != pg->hash)
		return 0;
	pg->title = xstrdup(cp->title);
	pg->description = cp->description ? xstrdup(cp->description) : NULL;
	pg->weight = cp->weight;
	pg->draft = cp->draft;
	pg->body_off = cp->body_off;
	pg->body_line = cp->body_line;
	return 1;
}

/*
 * What a page's output depends on besides its text and the navigation:
 * this vecdoc binary (version, size, mtime), every declared data file
 * (data_signature) and the options that change pages (and the content
 * directory as given, which the cached warnings name). When it changes,
 * every page is built again.
 */
static uint64_t
env_signature(struct data *data, const struct build_opts *o)
{
	struct buf b = BUF_INIT;
	uint64_t h;

	buf_printf(&b, "%s|%d|%d|%d|%016llx|%016llx", o->root,
	    o->strict, o->drafts, o->allow_missing,
	    (unsigned long long)data_signature(data),
	    (unsigned long long)bin_signature());
	h = hash64(b.data, b.len);
	buf_clear(&b);
	return h;
}

/* Everything the search index is made of (search.c): when it is the
 * same as the previous build's, so is the index. */
static uint64_t
search_signature(const struct site *s)
{
	struct buf b = BUF_INIT;
	size_t i, h;
	uint64_t sig;

	for (i = 0; i < s->norder; i++) {
		const struct page *pg = s->order[i];
		const struct mdpage *md = pg->doc;
		const char *t = md && md->text ? md->text : "";

		buf_printf(&b, "%s|%s|%016llx|%zu|", pg->out, pg->title,
		    (unsigned long long)hash64(t, strlen(t)),
		    md ? md->nheads : 0);
		for (h = 0; md && h < md->nheads; h++)
			buf_printf(&b, "%s|%s|", md->heads[h].id,
			    md->heads[h].text);
	}
	sig = hash64(b.data ? b.data : "", b.len);
	buf_clear(&b);
	return sig;
}

struct pagevars {
	const struct site	*site;
	const struct theme	*theme;
	const struct page	*pg;
	const char		*root;		/* "../" etc. */
	char			*breadcrumbs, *prevnext, *lessons, *toc,
				*listing, *content;
	const char		*kind;
};

static const char *
pagevar(void *ctx, const char *name)
{
	struct pagevars *v = ctx;

	if (strncmp(name, "t.", 2) == 0)
		return theme_tr(v->theme, name + 2);
	if (strcmp(name, "lang") == 0)
		return v->site->cfg.language;
	if (strcmp(name, "site_title") == 0)
		return v->site->cfg.title;
	if (strcmp(name, "site_description") == 0)
		return v->site->cfg.description;
	if (strcmp(name, "title") == 0)
		return v->pg->title;
	if (strcmp(name, "is_home") == 0)
		return v->pg == v->site->home ? "1" : "";
	if (strcmp(name, "description") == 0)
		return v->pg->description ? v->pg->description :
		    v->site->cfg.description;
	if (strcmp(name, "module_title") == 0)
		return v->pg->section && v->pg != v->site->home ?
		    nav_module_title(v->pg) : "";
	if (strcmp(name, "root") == 0)
		return v->root;
	if (strcmp(name, "page") == 0)
		return v->pg->out;
	if (strcmp(name, "kind") == 0)
		return v->kind;
	if (strcmp(name, "breadcrumbs") == 0)
		return v->breadcrumbs;
	if (strcmp(name, "prevnext") == 0)
		return v->prevnext;
	if (strcmp(name, "module_lessons") == 0)
		return v->lessons;
	if (strcmp(name, "toc") == 0)
		return v->toc;
	if (strcmp(name, "listing") == 0)
		return v->listing;
	if (strcmp(name, "content") == 0)
		return v->content;
	if (strcmp(name, "generator") == 0)
		return "vecdoc " PACKAGE_VERSION;
	return NULL;
}

/* "../" once per directory level of "dir". Heap. */
static char *
root_prefix(const char *dir)
{
	struct buf b = BUF_INIT;
	const char *p;

	if (dir[0] != '\0') {
		buf_puts(&b, "../");
		for (p = dir; *p; p++)
			if (*p == '/')
				buf_puts(&b, "../");
	}
	return buf_detach(&b);
}

static char *
page_document(const struct site *s, const struct theme *th,
    const struct nav_lessons *nl, struct page *pg)
{
	struct pagevars v;
	struct buf out = BUF_INIT;
	char *root = root_prefix(pg->dir);
	struct mdpage *md = pg->doc;

	memset(&v, 0, sizeof(v));
	v.site = s;
	v.theme = th;
	v.pg = pg;
	v.root = root;
	v.content = md->html;
	v.breadcrumbs = nav_breadcrumbs(s, pg, th);
	v.prevnext = nav_prevnext(s, pg, th);
	v.toc = nav_toc(md, th);
	if (pg == s->home) {
		v.kind = "home";
		v.lessons = xstrdup("");
		v.listing = nav_home_listing(s, th);
	} else if (pg->is_index) {
		v.kind = "module";
		v.lessons = xstrdup("");
		v.listing = nav_section_listing(s, pg, th);
	} else {
		v.kind = "lesson";
		v.lessons = nav_lessons_get(nl, s, pg, th);
		v.listing = xstrdup("");
	}
	template_render(&th->page, pagevar, &v, &out);
	free(v.breadcrumbs);
	free(v.prevnext);
	free(v.toc);
	free(v.lessons);
	free(v.listing);
	free(root);
	return buf_detach(&out);
}

/* `vecdoc cache status`: each directive, fresh or stale and why. */
static void
status_report(struct drun *dr, const struct build_opts *o, struct buf *out)
{
	size_t i, nfresh = 0, n = 0;

	drun_status_sort(dr);
	for (i = 0; i < dr->nstatus; i++) {
		const struct drun_status *t = &dr->status[i];
		const char *rel = t->file;
		size_t rl = strlen(o->root);

		if (strncmp(rel, o->root, rl) == 0 && rel[rl] == '/')
			rel += rl + 1;
		if (o->status_page != NULL && strcmp(rel, o->status_page) != 0 &&
		    strcmp(t->file, o->status_page) != 0)
			continue;
		n++;
		nfresh += t->why == NULL;
		buf_printf(out, "%s:%ld: {%s}: %s%s%s\n", t->file, t->line, t->name,
		    t->why ? "stale (" : "fresh", t->why ? t->why : "",
		    t->why ? ")" : "");
	}
	buf_printf(out, "%zu directive%s: %zu fresh, %zu stale\n", n,
	    n == 1 ? "" : "s", nfresh, n - nfresh);
}

/* Page i of the current pass. */
static void
page_task(void *arg, long i, int worker)
{
	struct job *j = arg;
	struct page *pg = j->site->order[i];
	struct md_source ms;

	(void)worker;
	site_md_source(pg, &ms);
	if (j->reuse != NULL && j->reuse[i] != NULL) {
		if (j->pass == 3)	/* borrowed from the cache */
			j->pagehtml[i] = (char *)j->reuse[i];
	} else if (j->pass == 1) {
		if (j->opts->notify != NULL)
			j->opts->notify(j->opts->notify_ctx, pg->abs, NULL, -1);
		md_page_parse(&ms, j->env);
		pg->doc = ms.doc;
	} else if (j->pass == 2)
		md_page_render(&ms, j->env);
	else
		j->pagehtml[i] = page_document(j->site, j->theme, &j->lessons,
		    pg);
}

/*
 * One pass over every page, on the build's thread budget (util/par.h):
 * page workers and the kernels they run borrow from the same -j slots,
 * so a lone long page's kernel gets the cores the others left.
 */
static void
run_pass(struct job *j, int pass)
{
	j->pass = pass;
	par_for((long)j->site->norder, 0, page_task, j);
}

/* The 404 page: links are relative to the site root, or absolute under
 * url: when it is set, since hosts serve it at any depth. */
static char *
special_page(const struct site *s, const struct theme *th, const char *out,
    const char *kind, const char *title, const char *content)
{
	struct page pg;
	struct pagevars v;
	struct buf res = BUF_INIT;
	char *root;

	memset(&pg, 0, sizeof(pg));
	pg.title = (char *)title;
	pg.out = (char *)out;
	pg.dir = (char *)"";
	pg.order = -1;
	root = s->cfg.url ? (s->cfg.url[strlen(s->cfg.url) - 1] == '/' ?
	    xstrdup(s->cfg.url) : xasprintf("%s/", s->cfg.url)) : xstrdup("");
	memset(&v, 0, sizeof(v));
	v.site = s;
	v.theme = th;
	v.pg = &pg;
	v.root = root;
	v.kind = kind;
	v.content = (char *)content;
	template_render(&th->page, pagevar, &v, &res);
	free(root);
	return buf_detach(&res);
}

/*
 * The review page: what the directives' results changed since the
 * previous build (the same text the build prints), or that none did.
 */
static char *
review_page(const struct site *s, const struct theme *th, const char *report,
    const char *claims)
{
	struct buf body = BUF_INIT;
	const char *title = theme_tr(th, "review_title");
	char *res;

	buf_puts(&body, "<h1>");
	buf_put_html(&body, title, strlen(title));
	buf_puts(&body, "</h1>\n<p>");
	if (report == NULL || report[0] == '\0')
		buf_puts(&body, theme_tr(th, "review_none"));
	else {
		buf_puts(&body, theme_tr(th, "review_some"));
		buf_puts(&body, "</p>\n<pre class=\"review\">");
		buf_put_html(&body, report, strlen(report));
		buf_puts(&body, "</pre>\n<p>");
	}
	buf_puts(&body, "</p>\n");
	if (claims != NULL && claims[0] != '\0') {
		const char *h = theme_tr(th, "review_claims");

		buf_puts(&body, "<h2>");
		buf_put_html(&body, h, strlen(h));
		buf_puts(&body, "</h2>\n<pre class=\"review\">");
		buf_put_html(&body, claims, strlen(claims));
		buf_puts(&body, "</pre>\n");
	}
	res = special_page(s, th, "review.html", "review", title, body.data);
	buf_clear(&body);
	return res;
}

static char *
notfound_page(const struct site *s, const struct theme *th)
{
	struct buf body = BUF_INIT;
	const char *title = theme_tr(th, "not_found_title");
	char *res;

	buf_puts(&body, "<h1>");
	buf_put_html(&body, title, strlen(title));
	buf_puts(&body, "</h1>\n<p>");
	buf_put_html(&body, theme_tr(th, "not_found_text"),
	    strlen(theme_tr(th, "not_found_text")));
	buf_puts(&body, " <a href=\"");
	if (s->cfg.url) {
		buf_put_html(&body, s->cfg.url, strlen(s->cfg.url));
		if (s->cfg.url[strlen(s->cfg.url) - 1] != '/')
			buf_putc(&body, '/');
	}
	buf_puts(&body, "index.html\">");
	buf_put_html(&body, theme_tr(th, "home"), strlen(theme_tr(th, "home")));
	buf_puts(&body, "</a></p>\n");
	res = special_page(s, th, "404.html", "notfound", title, body.data);
	buf_clear(&body);
	return res;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
site_build(const struct build_opts *o, struct diaglist *diags,
    struct build_stats *st)
{
	struct site s;
	struct theme th;
	struct md_env env;
	struct drun dr;
	struct rcache *rc_cache = NULL;
	struct buf review = BUF_INIT;
	struct data *data = NULL;
	struct job j = { 0 };
	char *outdir = NULL, *absout = NULL, *notfound, *reviewdoc;
	struct publish pub;
	size_t i, k, errs0 = diags->nerrors, n0 = diags->n;
	double t0 = now();
	int rc = -1;
	struct buf b = BUF_INIT;
	struct build_cache *cache = o->cache, *own = NULL;
	int search_new = 0;
	char *cachefile = NULL, *storedir = NULL;
	struct known kn;

	memset(st, 0, sizeof(*st));
	memset(&th, 0, sizeof(th));
#ifdef __GLIBC__
	/* A build allocates and frees many page-sized strings on every
	 * worker. glibc would give the top of each arena back to the
	 * kernel after each free and take it again on the next malloc (an
	 * mprotect or brk each time, and fresh pages to fault in): keep
	 * what was grown, and grow in larger steps. */
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	mallopt(M_TOP_PAD, 8 << 20);
#endif
	par_budget_set(o->jobs);	/* 0: one per CPU */
	memset(&dr, 0, sizeof(dr));
	drun_init(&dr);
	md_init();
	if (cache == NULL && o->persist && !o->check_only) {
		cachefile = fs_join(o->root, ".vecdoc-cache/pages.bin");
		storedir = fs_join(o->root, ".vecdoc-cache/out");
		cache = own = cache_load(cachefile);
	}
	kn.cache = o->check_only ? NULL : cache;
	kn.binsig = bin_signature();
	site_scan_known(&s, o->root, o->drafts, diags, page_known, &kn);
	outdir = o->outdir ? xstrdup(o->outdir) : fs_join(o->root, "../output");
	absout = fs_abspath(outdir);
	publish_check_outdir(s.absroot, absout, outdir, o->root, diags);
	if (diags->nerrors > errs0 && s.cfg.root == NULL)
		goto out;
	theme_load(&th, s.cfg.theme ? s.cfg.theme : "default", o->root,
	    s.cfg.language ? s.cfg.language : "en", s.cfg.file, diags);
	if (diags->nerrors > errs0)
		goto out;

	data = data_new(s.cfg.root, s.cfg.file, o->root, diags);
	dr.data = data;
	dr.cfg = s.cfg.root;
	dr.i18n = &th.i18n;
	dr.strict = o->strict;
	dr.lang = s.cfg.language ? s.cfg.language : "en";
	dr.allow_missing = o->allow_missing;
	dr.notify = o->notify;
	dr.notify_ctx = o->notify_ctx;
	if ((o->persist && !o->check_only) || o->status != NULL) {
		char *f = fs_join(o->root, ".vecdoc-cache/results.bin");

		rc_cache = rcache_open(f);
		free(f);
		dr.cache = rc_cache;
		dr.status_only = o->status != NULL;
	}
	budget_config(&dr.budget, s.cfg.root, s.cfg.file, diags);
	memset(&env, 0, sizeof(env));
	env.strict = o->strict;
	env.run = drun_block;
	env.run_ctx = &dr;
	env.role = drun_role;
	env.role_ctx = &dr;
	env.resolve = site_resolve_link;
	env.resolve_ctx = &s;
	if (diags->nerrors > errs0)
		goto out;
	memset(&j, 0, sizeof(j));
	j.site = &s;
	j.opts = o;
	j.theme = &th;
	j.env = &env;
	uint64_t navsig = 0, envsig = 0;

	if (cache != NULL && !o->check_only) {
		navsig = nav_signature(&s, &th);
		envsig = env_signature(data, o);
		j.reuse = xcalloc(s.norder + 1, sizeof(char *));
		st->rebuilt = plan_reuse(cache, &s, navsig, envsig, j.reuse);
	} else
		st->rebuilt = s.norder;
	/* the pages built after all need the text the scan did not keep */
	for (i = 0; i < s.norder; i++)
		if (j.reuse == NULL || j.reuse[i] == NULL)
			site_page_reload(s.order[i], diags);
	run_pass(&j, 1);
	run_pass(&j, 2);
	for (i = 0; i < s.norder; i++) {
		struct mdpage *md = s.order[i]->doc;
		size_t held = st->placeholders;

		diag_sort(md->diags.v, md->diags.n);
		st->directives += (size_t)md->ndirectives;
		for (k = 0; k < md->diags.n; k++) {
			struct diag d = md->diags.v[k];

			/* --allow-missing-data: list each page once. */
			if (d.level == DIAG_WARNING && strncmp(d.msg,
			    DRUN_PLACEHOLDER, strlen(DRUN_PLACEHOLDER)) == 0 &&
			    st->placeholders++ == held) {
				char *l = xasprintf("%s%s\n", st->placeholder_pages ?
				    st->placeholder_pages : "", s.order[i]->src);

				free(st->placeholder_pages);
				st->placeholder_pages = l;
			}
			if (d.level == DIAG_WARNING && o->strict)
				d.level = DIAG_ERROR;
			diaglist_push(diags, &d);
		}
	}
	st->pages = s.norder;
	if (o->status != NULL)
		status_report(&dr, o, o->status);
	else if (rc_cache != NULL &&
	    (st->changed = rcache_review(rc_cache, &review)) > 0) {
		if (o->notify != NULL)
			o->notify(o->notify_ctx, NULL, NULL, -1);
		fprintf(stderr, "vecdoc: %zu result%s changed since the previous "
		    "build (see review.html):\n%s", st->changed,
		    st->changed == 1 ? "" : "s", buf_str(&review));
	}
	if (o->strict)
		for (i = n0; i < diags->n; i++)
			if (diags->v[i].level == DIAG_WARNING) {
				diags->v[i].level = DIAG_ERROR;
				diags->nwarnings--;
				diags->nerrors++;
			}
	if (diags->nerrors > errs0 || o->check_only) {
		rc = diags->nerrors > errs0 ? -1 : 0;
		goto out;
	}

	/* The documents (pass 3), the page cache, then publishing. */
	j.pagehtml = xcalloc(s.norder, sizeof(char *));
	nav_lessons_init(&j.lessons, &s, &th);
	run_pass(&j, 3);
	nav_lessons_clear(&j.lessons);
	/* The cache takes each new document (publishing borrows it). */
	for (i = 0; i < s.norder && cache != NULL; i++) {
		struct page *pg = s.order[i];

		if (j.reuse == NULL || j.reuse[i] == NULL) {
			struct cpage *cp = cpage_from(pg, j.pagehtml[i]);
			int created;
			struct strmap_ent *e = strmap_put(&cache->pages,
			    pg->src, strlen(pg->src), &created);

			if (!created)
				cpage_free(e->val.ptr);
			e->val.ptr = cp;
		}
	}
	drun_claims_report(&dr, &b);
	pub.site = &s;
	pub.theme = &th;
	pub.root = o->root;
	pub.outdir = outdir;
	pub.absout = absout;
	pub.pages = j.pagehtml;
	notfound = notfound_page(&s, &th);
	reviewdoc = review_page(&s, &th, buf_str(&review), buf_str(&b));
	buf_reset(&b);
	pub.notfound = notfound;
	pub.review = reviewdoc;
	pub.searchjs = NULL;
	pub.made_searchjs = NULL;
	pub.store = storedir;
	if (cache != NULL) {
		uint64_t sig = search_signature(&s);

		if (cache->searchjs == NULL || cache->searchsig != sig) {
			/* made by publishing, while the pages are written */
			free(cache->searchjs);
			cache->searchjs = NULL;
			cache->searchsig = sig;
			pub.made_searchjs = &cache->searchjs;
			search_new = 1;
		}
		pub.searchjs = cache->searchjs;
	}
	k = site_publish(&pub, diags, &st->files);
	for (i = 0; i < s.norder && cache == NULL; i++)
		free(j.pagehtml[i]);
	free(j.pagehtml);
	free(notfound);
	free(reviewdoc);
	if (k != 0)
		goto out;
	if (cache != NULL) {
		cache->valid = 1;
		cache->navsig = navsig;
		cache->envsig = envsig;
		cache->binsig = kn.binsig;
	}
	/* Only this site's pages are kept; a cache that cannot be written
	 * only costs the next build time. */
	if (own != NULL && (st->rebuilt > 0 || search_new ||
	    own->pages.n != s.norder)) {
		struct build_cache *keep = build_cache_new();

		*keep = *own;
		own->searchjs = NULL;
		own->blob = NULL;	/* the kept pages' strings lie in it */
		own->bloblen = 0;
		strmap_init(&keep->pages);
		for (i = 0; i < s.norder; i++) {
			const char *src = s.order[i]->src;
			struct strmap_ent *e = strmap_get(&own->pages, src,
			    strlen(src));
			int created;

			if (e != NULL && e->val.ptr != NULL) {
				strmap_put(&keep->pages, src, strlen(src),
				    &created)->val.ptr = e->val.ptr;
				e->val.ptr = NULL;
			}
		}
		(void)cache_save(keep, cachefile);
		build_cache_free(keep);
	}
	rcache_close(rc_cache, 1);
	rc_cache = NULL;
	rc = 0;
out:
	rcache_close(rc_cache, 0);
	drun_clear(&dr);
	buf_clear(&review);
	build_cache_free(own);
	free(cachefile);
	free(storedir);
	st->seconds = now() - t0;
	free(j.reuse);
	for (i = 0; i < s.nall; i++) {
		md_doc_free(s.all[i]->doc);
		s.all[i]->doc = NULL;
	}
	buf_clear(&b);
	theme_clear(&th);
	data_free(data);
	site_clear(&s);
	free(outdir);
	free(absout);
	return rc;
}
