/*
 * site/publish: a built site onto disk, atomically. Everything is written
 * into a temporary sibling of the output directory, which is swapped in
 * at the end, so a failed or interrupted build leaves the previous output
 * as it was; an output directory vecdoc did not make is never replaced.
 */
#include <sys/stat.h>

#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "md/markdown.h"
#include "site/nav.h"
#include "site/publish.h"
#include "site/search.h"
#include "util/fsutil.h"
#include "util/par.h"
#include "util/xalloc.h"

#define MARKER ".vecdoc-output"

/* A file written into the temporary output. */
static int
emit(struct fs_tree *tmp, const char *rel, const void *p, size_t n,
    struct diaglist *diags, size_t *count)
{
	struct diag d;
	int rc = fs_tree_write(tmp, rel, p, n, &d);

	if (rc != 0)
		diaglist_push(diags, &d);
	(*count)++;
	return rc;
}

struct wjob {
	struct fs_tree	*tree;
	const struct publish *p;
	long		 n;		/* pages */
	size_t		*slot;		/* per page: its first file's index */
	char		*failed;	/* per file */
	struct diag	*errs;		/* per file, where failed */
};

/* Page i's document and the files it made (charts' CSV, downloads). */
static void
write_page(void *arg, long i, int worker)
{
	struct wjob *w = arg;
	const struct page *pg = w->p->site->order[i];
	const struct mdpage *md = pg->doc;
	const char *doc = w->p->pages[i];
	size_t k, at = w->slot[i];

	(void)worker;
	if (fs_tree_write(w->tree, pg->out, doc, strlen(doc), &w->errs[at]) != 0)
		w->failed[at] = 1;
	for (k = 0; k < md->nfiles; k++)
		if (fs_tree_write(w->tree, md->files[k].path, md->files[k].data,
		    md->files[k].len, &w->errs[at + 1 + k]) != 0)
			w->failed[at + 1 + k] = 1;
}

/* Every page in order on a thread of its own (see site_publish). */
static void *
writer_main(void *arg)
{
	struct wjob *w = arg;
	long i;

	for (i = 0; i < w->n; i++)
		write_page(w, i, 0);
	return NULL;
}

/* A file of the content tree or theme copied into the output. */
static void
copy_in(struct fs_tree *tmp, const char *from, const char *rel,
    struct buf *b, struct diaglist *diags, size_t *count)
{
	struct diag d;

	if (fs_read(from, b, &d) != 0) {
		diaglist_push(diags, &d);
		(*count)++;
	} else
		emit(tmp, rel, b->data ? b->data : "", b->len, diags, count);
}

static void
sitemap(const struct site *s, struct buf *b)
{
	size_t i;
	const char *u = s->cfg.url;
	size_t ul = strlen(u);

	buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	for (i = 0; i < s->norder; i++) {
		buf_puts(b, "  <url><loc>");
		buf_put_html(b, u, ul);
		if (ul == 0 || u[ul - 1] != '/')
			buf_putc(b, '/');
		buf_put_html(b, s->order[i]->out, strlen(s->order[i]->out));
		buf_puts(b, "</loc></url>\n");
	}
	buf_puts(b, "</urlset>\n");
}

/*
 * Refuses output directories that would overwrite or be read as content.
 */
int
publish_check_outdir(const char *absroot, const char *absout, const char *outdir,
    const char *root, struct diaglist *diags)
{
	if (strcmp(absroot, absout) == 0)
		return diaglist_add(diags, DIAG_ERROR, outdir, 0, 0,
		    "the output directory is the content directory; choose another with -o");
	if (fs_within(absout, absroot))
		return diaglist_add(diags, DIAG_ERROR, outdir, 0, 0,
		    "the output directory is inside the content directory %s; choose one outside it with -o",
		    root);
	if (fs_within(absroot, absout))
		return diaglist_add(diags, DIAG_ERROR, outdir, 0, 0,
		    "the output directory contains the content directory %s; choose another with -o",
		    root);
	if (strcmp(absout, "/") == 0)
		return diaglist_add(diags, DIAG_ERROR, outdir, 0, 0,
		    "refusing to use / as the output directory");
	return 0;
}

/* 1 if dir may be replaced: missing, empty, or made by vecdoc. */
static int
replaceable(const char *dir)
{
	char **names, *m;
	long n;
	struct diag d;
	int ok;

	if (!fs_exists(dir))
		return 1;
	if (!fs_isdir(dir))
		return 0;
	m = fs_join(dir, MARKER);
	ok = fs_exists(m);
	free(m);
	if (ok)
		return 1;
	n = fs_list(dir, &names, &d);
	if (n < 0)
		return 0;
	ok = n == 0 || (n == 1 && strcmp(names[0], ".gitkeep") == 0);
	fs_names_free(names, n);
	return ok;
}

/* Swaps tmp into place as out; the old output is removed afterwards. */
static int
swap_in(const char *tmp, const char *out, struct diaglist *diags)
{
	char *old;

	if (!fs_exists(out)) {
		if (rename(tmp, out) != 0)
			return diaglist_add(diags, DIAG_ERROR, out, 0, 0,
			    "cannot move the new output into place: %s",
			    strerror(errno));
		return 0;
	}
#ifdef RENAME_EXCHANGE
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, out, RENAME_EXCHANGE) == 0) {
		fs_rmtree(tmp);
		return 0;
	}
#endif
	old = xasprintf("%s.vecdoc-old", out);
	fs_rmtree(old);
	if (rename(out, old) != 0 || rename(tmp, out) != 0) {
		free(old);
		return diaglist_add(diags, DIAG_ERROR, out, 0, 0,
		    "cannot move the new output into place: %s", strerror(errno));
	}
	fs_rmtree(old);
	free(old);
	return 0;
}

int
site_publish(const struct publish *p, struct diaglist *diags, size_t *files)
{
	const struct site *s = p->site;
	const struct theme *th = p->theme;
	size_t i, k, errs0 = diags->nerrors;
	char *tmp, *parent, *base, *js;
	struct buf b = BUF_INIT;
	struct diag d;
	struct fs_tree tree;
	struct wjob w;
	struct diaglist later;	/* messages of the files after the pages */
	pthread_t writer;
	int writing = 0;

	if (!replaceable(p->outdir))
		return diaglist_add(diags, DIAG_ERROR, p->outdir, 0, 0,
		    "exists and was not made by vecdoc (no %s inside); refusing to replace it",
		    MARKER);
	parent = fs_dirname(p->absout);
	base = strrchr(p->absout, '/') + 1;
	if (fs_mkdirs(parent[0] ? parent : "/", &d) != 0) {
		diaglist_push(diags, &d);
		free(parent);
		return -1;
	}
	tmp = xasprintf("%s/.%s.vecdoc-tmp-%ld", parent, base, (long)getpid());
	free(parent);
	fs_rmtree(tmp);
	if (fs_tree_open(&tree, tmp, &d) != 0) {
		diaglist_push(diags, &d);
		fs_rmtree(tmp);
		free(tmp);
		return -1;
	}
	if (p->store != NULL)
		(void)fs_tree_store(&tree, p->store);
	diaglist_init(&later);
	/* The pages' folders first, in order; then the files themselves on
	 * the build's workers (creating a file is mostly kernel time, and
	 * the folders are told apart), their errors reported in order. */
	w.tree = &tree;
	w.p = p;
	w.slot = xcalloc(s->norder + 1, sizeof(size_t));
	for (i = 0, k = 0; i < s->norder; i++) {
		const struct mdpage *md = s->order[i]->doc;
		size_t f;

		w.slot[i] = k;
		k += 1 + md->nfiles;
		if (fs_tree_dirs(&tree, s->order[i]->out, &d) != 0)
			diaglist_push(diags, &d);
		for (f = 0; f < md->nfiles; f++)
			if (fs_tree_dirs(&tree, md->files[f].path, &d) != 0)
				diaglist_push(diags, &d);
	}
	/* and those of the files written below, before any thread writes */
	for (i = 0; i < s->nassets; i++)
		if (fs_tree_dirs(&tree, s->assets[i], &d) != 0)
			diaglist_push(diags, &d);
	if (fs_tree_dirs(&tree, "_vecdoc/nav.js", &d) != 0)
		diaglist_push(diags, &d);
	for (i = 0; i < th->nassets; i++) {
		char *rel = xasprintf("_vecdoc/%s", th->assets[i]);

		if (fs_tree_dirs(&tree, rel, &d) != 0)
			diaglist_push(diags, &d);
		free(rel);
	}
	w.n = (long)s->norder;
	w.failed = xcalloc(k + 1, 1);
	w.errs = xcalloc(k + 1, sizeof(*w.errs));
	/*
	 * Creating files is kernel time that more threads do not shorten
	 * here (they queue on the file system's locks). When the search
	 * index is still to be made, the pages are written on one thread
	 * of the budget while the others make it; otherwise on all of them.
	 */
	if (diags->nerrors == errs0) {
		if (p->searchjs == NULL && s->norder > 0 && par_reserve(1) == 1) {
			if (pthread_create(&writer, NULL, writer_main, &w) == 0)
				writing = 1;
			else
				par_release(1);
		}
		if (!writing)
			par_for((long)s->norder, 0, write_page, &w);
	}
	for (i = 0; i < s->nassets; i++) {
		char *from = fs_join(p->root, s->assets[i]);

		copy_in(&tree, from, s->assets[i], &b, &later, files);
		free(from);
	}
	for (i = 0; i < th->nassets; i++) {
		char *from = theme_asset_path(th, th->assets[i]);
		char *rel = xasprintf("_vecdoc/%s", th->assets[i]);

		copy_in(&tree, from, rel, &b, &later, files);
		free(from);
		free(rel);
	}
	buf_reset(&b);
	js = nav_js(s);
	emit(&tree, "_vecdoc/nav.js", js, strlen(js), &later, files);
	free(js);
	if (p->searchjs != NULL)
		emit(&tree, "_vecdoc/search-index.js", p->searchjs,
		    strlen(p->searchjs), &later, files);
	else {
		js = search_index_js(s);
		emit(&tree, "_vecdoc/search-index.js", js, strlen(js), &later,
		    files);
		if (p->made_searchjs != NULL)
			*p->made_searchjs = js;
		else
			free(js);
	}
	emit(&tree, "404.html", p->notfound, strlen(p->notfound), &later,
	    files);
	emit(&tree, "review.html", p->review, strlen(p->review), &later, files);
	if (s->cfg.url) {
		sitemap(s, &b);
		emit(&tree, "sitemap.xml", b.data, b.len, &later, files);
		buf_clear(&b);
	}
	emit(&tree, ".nojekyll", "", 0, &later, files);
	emit(&tree, MARKER, "vecdoc output: this folder is replaced by each build\n",
	    53, &later, files);
	if (writing) {
		pthread_join(writer, NULL);
		par_release(1);
	}
	/* the pages' messages first, in order, then the others' */
	for (i = 0; i < k; i++)
		if (w.failed[i])
			diaglist_push(diags, &w.errs[i]);
	*files += k;
	free(w.slot);
	free(w.failed);
	free(w.errs);
	for (i = 0; i < later.n; i++)
		diaglist_push(diags, &later.v[i]);
	diaglist_clear(&later);
	fs_tree_close(&tree);
	buf_clear(&b);
	if (diags->nerrors > errs0 || swap_in(tmp, p->outdir, diags) != 0) {
		fs_rmtree(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	/* the old output is gone: what it alone used goes too */
	if (p->store != NULL)
		(void)fs_store_sweep(p->store);
	return 0;
}
