/*
 * site/scan: the content directory into a struct site.
 * Reads vecdoc.yml, every .md file and its YAML front matter; orders
 * sections and pages (weight, then file name); lists static assets.
 * Never parses Markdown (md/markdown.c does) and never writes anything.
 */
#include <sys/stat.h>

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "site/site.h"
#include "util/fsutil.h"
#include "util/hash.h"
#include "util/mojibake.h"
#include "util/par.h"
#include "util/xalloc.h"

static const char *const fm_keys[] = {
	"title", "weight", "description", "draft", "toc",
};

/* Extensions copied to the output as they are. */
static const char *const asset_exts[] = {
	".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".pdf", ".csv",
	".ico",
};

static int
has_suffix(const char *s, const char *suf)
{
	size_t ls = strlen(s), lf = strlen(suf);

	return ls >= lf && strcmp(s + ls - lf, suf) == 0;
}

static int
is_asset(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(asset_exts) / sizeof(asset_exts[0]); i++)
		if (has_suffix(name, asset_exts[i]))
			return 1;
	return 0;
}

/* 1 if folder "dir" holds a Markdown page (it is a module). */
static int
dir_has_pages(const char *dir)
{
	char **names;
	struct diag d;
	long n, i;
	int any = 0;

	if ((n = fs_list(dir, &names, &d)) < 0)
		return 0;
	for (i = 0; i < n; i++)
		if (has_suffix(names[i], ".md"))
			any = 1;
	fs_names_free(names, n);
	return any;
}

/* URL-safe file names keep every link working on every host. */
static int
safe_name(const char *name)
{
	const char *p;

	for (p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.'))
			return 0;
	return 1;
}

/* 1-based line and column (in bytes) of offset "off" in text. */
static void
line_col(const char *text, size_t off, long *line, int *col)
{
	size_t i, bol = 0;
	long l = 1;

	for (i = 0; i < off; i++)
		if (text[i] == '\n') {
			l++;
			bol = i + 1;
		}
	*line = l;
	*col = (int)(off - bol) + 1;
}

/* Warns once when a page reads as double-encoded UTF-8 ("Ä‘" for "đ"). */
static void
check_mojibake(const char *file, const char *text, size_t len,
    struct diaglist *diags)
{
	struct moji_verdict v;
	long line;
	int col;

	if (!moji_detect(text, len, &v))
		return;
	line_col(text, v.first, &line, &col);
	diaglist_add(diags, DIAG_WARNING, file, line, col,
	    "page looks double-encoded (UTF-8 read as %s and saved again); "
	    "repair it with 'vecdoc import'", moji_table((enum moji_cp)v.cp)->name);
}

/* Checks that text is UTF-8; on failure reports the first bad byte. */
static int
check_utf8(const char *file, const char *text, size_t len,
    struct diaglist *diags)
{
	size_t off = 0;
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;
	long line;
	int col;

	while (off < len) {
		if ((unsigned char)text[off] < 0x80) {
			if (text[off] == '\0')
				goto bad;
			off++;
			continue;
		}
		n = utf8proc_iterate((const utf8proc_uint8_t *)text + off,
		    (utf8proc_ssize_t)(len - off), &cp);
		if (n < 0)
			goto bad;
		off += (size_t)n;
	}
	return 0;
bad:
	line_col(text, off, &line, &col);
	return diaglist_add(diags, DIAG_ERROR, file, line, col,
	    "invalid UTF-8 (byte 0x%02X): save the file as UTF-8",
	    (unsigned char)text[off]);
}

/* The text of the first "# " heading, or NULL. */
static char *
first_heading(const char *s, size_t len)
{
	const char *p = s, *end = s + len, *eol;

	while (p < end) {
		eol = memchr(p, '\n', (size_t)(end - p));
		if (eol == NULL)
			eol = end;
		if (eol - p > 2 && p[0] == '#' && p[1] == ' ') {
			const char *a = p + 2, *b = eol;

			while (b > a && (b[-1] == ' ' || b[-1] == '\r' || b[-1] == '#'))
				b--;
			return xstrndup(a, (size_t)(b - a));
		}
		p = eol + 1;
	}
	return NULL;
}

/* Reads front matter (between "---" lines at the very top) into pg (see
 * site.h). pg->text need not be NUL-terminated. */
int
site_front_matter(struct page *pg, struct diaglist *diags)
{
	const char *t = pg->text, *p, *end = pg->text + pg->textlen;
	const char *yend = NULL, *after = NULL, *hint, *s;
	struct ynode *y, *v;
	struct diag d;
	size_t i, k;
	int rc = 0, first;

	pg->body_off = 0;
	pg->body_line = 1;
	if (!((pg->textlen >= 4 && memcmp(t, "---\n", 4) == 0) ||
	    (pg->textlen >= 5 && memcmp(t, "---\r\n", 5) == 0)))
		goto defaults;
	p = t + (t[3] == '\n' ? 4 : 5);
	first = 1;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		size_t n;

		if (eol == NULL)
			eol = end;
		n = (size_t)(eol - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if ((n == 3 && (memcmp(p, "---", 3) == 0 || memcmp(p, "...", 3) == 0))) {
			yend = p;
			after = eol < end ? eol + 1 : end;
			break;
		}
		first = 0;
		p = eol + 1;
	}
	(void)first;
	/* Even a page whose front matter is refused gets a title: later
	 * passes (navigation, `vecdoc check`'s listing) rely on one. */
	if (yend == NULL) {
		rc = diaglist_add(diags, DIAG_ERROR, pg->abs, 1, 1,
		    "front matter opened with '---' is never closed");
		goto defaults;
	}
	s = t + (t[3] == '\n' ? 4 : 5);
	y = ynode_parse(s, (size_t)(yend - s), pg->abs, 1, &d);
	if (y == NULL) {
		diaglist_push(diags, &d);
		rc = -1;
		goto defaults;
	}
	pg->body_off = (size_t)(after - t);
	for (i = 0, pg->body_line = 1; i < pg->body_off; i++)
		if (t[i] == '\n')
			pg->body_line++;
	if (y->kind != YNODE_MAP) {
		diaglist_add(diags, DIAG_ERROR, pg->abs, 2, 1,
		    "front matter must be a mapping (key: value lines)");
		ynode_free(y);
		rc = -1;
		goto defaults;
	}
	for (i = 0; i < y->n; i++) {
		for (k = 0; k < sizeof(fm_keys) / sizeof(fm_keys[0]); k++)
			if (strcmp(y->keys[i], fm_keys[k]) == 0)
				break;
		if (k < sizeof(fm_keys) / sizeof(fm_keys[0]))
			continue;
		hint = diag_suggest(y->keys[i], fm_keys,
		    sizeof(fm_keys) / sizeof(fm_keys[0]));
		diaglist_add(diags, DIAG_ERROR, pg->abs, y->keylines[i],
		    y->keycols[i], "unknown front matter key '%s'%s%s%s",
		    y->keys[i], hint ? " (did you mean '" : "", hint ? hint : "",
		    hint ? "'?)" : "");
		rc = -1;
	}
	if ((v = (struct ynode *)ynode_get(y, "title")) != NULL) {
		if (ynode_str(v, pg->abs, "title", &s, &d) != 0) {
			diaglist_push(diags, &d);
			rc = -1;
		} else
			pg->title = xstrdup(s);
	}
	if ((v = (struct ynode *)ynode_get(y, "description")) != NULL) {
		if (ynode_str(v, pg->abs, "description", &s, &d) != 0) {
			diaglist_push(diags, &d);
			rc = -1;
		} else
			pg->description = xstrdup(s);
	}
	if ((v = (struct ynode *)ynode_get(y, "weight")) != NULL &&
	    ynode_long(v, pg->abs, "weight", &pg->weight, &d) != 0) {
		diaglist_push(diags, &d);
		rc = -1;
	}
	if ((v = (struct ynode *)ynode_get(y, "draft")) != NULL &&
	    ynode_bool(v, pg->abs, "draft", &pg->draft, &d) != 0) {
		diaglist_push(diags, &d);
		rc = -1;
	}
	if ((v = (struct ynode *)ynode_get(y, "toc")) != NULL) {
		int toc;

		if (ynode_bool(v, pg->abs, "toc", &toc, &d) != 0) {
			diaglist_push(diags, &d);
			rc = -1;
		}
	}
	ynode_free(y);
defaults:
	if (pg->title == NULL || pg->title[0] == '\0') {
		free(pg->title);
		pg->title = first_heading(t + pg->body_off,
		    pg->textlen - pg->body_off);
	}
	if (pg->title == NULL) {
		const char *base = strrchr(pg->src, '/');

		base = base ? base + 1 : pg->src;
		pg->title = xstrndup(base, strlen(base) - 3);
	}
	return rc;
}

static struct page *
page_new(struct site *s, const char *src)
{
	struct page *pg = xcalloc(1, sizeof(*pg));
	size_t n;

	pg->src = xstrdup(src);
	pg->abs = fs_join(s->root, src);
	n = strlen(src);
	pg->out = xasprintf("%.*s.html", (int)(n - 3), src);
	pg->dir = fs_dirname(pg->out);
	pg->is_index = strcmp(src + n - 8 < src ? src : src + n - 8,
	    "index.md") == 0 && (n == 8 || src[n - 9] == '/');
	s->all = xreallocarray(s->all, s->nall + 1, sizeof(*s->all));
	s->all[s->nall++] = pg;
	return pg;
}

/*
 * A page's text, its checks and its front matter (one worker each), read
 * through the worker's scratch buffer. A page an earlier build knew
 * (known) keeps no text: a build that reuses it never reads it again,
 * and one that does not reads it again (site_page_reload). So an
 * unchanged course costs its reads but not the fresh memory to hold it.
 */
static void
page_load(struct page *pg, struct diaglist *diags, site_known_fn known,
    void *ctx, struct buf *b)
{
	struct diag d;
	const char *t;
	size_t n;

	if (fs_read(pg->abs, b, &d) != 0) {
		diaglist_push(diags, &d);
		pg->text = xstrdup("");
		pg->textlen = 0;
		return;
	}
	t = b->data;
	n = b->len;
	/* A UTF-8 byte order mark is dropped. */
	if (n >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0) {
		t += 3;
		n -= 3;
	}
	pg->hash = hash64(t, n);
	pg->has_claim = memmem(t, n, "{claim", 6) != NULL;
	pg->text = (char *)t;	/* lent to known() */
	pg->textlen = n;
	if (known != NULL && known(ctx, pg)) {
		pg->text = NULL;
		pg->scan_clean = 1;
		return;
	}
	pg->text = xmalloc(n + 1);
	memcpy(pg->text, t, n);
	pg->text[n] = '\0';
	if (check_utf8(pg->abs, pg->text, pg->textlen, diags) != 0)
		return;
	check_mojibake(pg->abs, pg->text, pg->textlen, diags);
	site_front_matter(pg, diags);
	pg->scan_clean = diags->n == 0;
}

void
site_page_reload(struct page *pg, struct diaglist *diags)
{
	struct buf b = BUF_INIT;

	if (pg->text != NULL)
		return;
	free(pg->title);
	free(pg->description);
	pg->title = pg->description = NULL;
	pg->weight = 0;
	pg->draft = 0;
	page_load(pg, diags, NULL, NULL, &b);
	buf_clear(&b);
}

struct loadjob {
	struct page	**pages;
	struct diaglist	*diags;		/* one per page */
	site_known_fn	 known;
	void		*ctx;
	struct buf	*scratch;	/* one per worker */
};

static void
load_task(void *arg, long i, int worker)
{
	struct loadjob *j = arg;

	page_load(j->pages[i], &j->diags[i], j->known, j->ctx,
	    &j->scratch[worker]);
}

/* Every page of the walk read on the build's workers; their messages
 * in the walk's order. */
static void
load_all(struct site *s, struct diaglist *diags, site_known_fn known, void *ctx)
{
	struct loadjob j;
	size_t i, k, n = s->nall;

	int w, nw = par_max_workers((long)n, 0);

	j.pages = s->all;
	j.known = known;
	j.ctx = ctx;
	j.diags = xcalloc(n + 1, sizeof(*j.diags));
	j.scratch = xcalloc((size_t)nw + 1, sizeof(*j.scratch));
	for (i = 0; i < n; i++)
		diaglist_init(&j.diags[i]);
	par_for((long)n, nw, load_task, &j);
	for (w = 0; w <= nw; w++)
		buf_clear(&j.scratch[w]);
	free(j.scratch);
	for (i = 0; i < n; i++) {
		for (k = 0; k < j.diags[i].n; k++)
			diaglist_push(diags, &j.diags[i].v[k]);
		diaglist_clear(&j.diags[i]);
	}
	free(j.diags);
}

/* Drops the drafts from a list of pages (unless drafts are built). */
static size_t
keep_published(struct page **v, size_t n, int drafts)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (!v[i]->draft || drafts)
			v[k++] = v[i];
	return k;
}

static int
cmp_pages(const void *a, const void *b)
{
	const struct page *x = *(struct page *const *)a;
	const struct page *y = *(struct page *const *)b;

	if (x->weight != y->weight)
		return x->weight < y->weight ? -1 : 1;
	return strcmp(x->src, y->src);
}

static int
cmp_sections(const void *a, const void *b)
{
	const struct section *x = a, *y = b;

	if (x->weight != y->weight)
		return x->weight < y->weight ? -1 : 1;
	return strcmp(x->dir, y->dir);
}

static void
add_asset(struct site *s, const char *rel)
{
	s->assets = xreallocarray(s->assets, s->nassets + 1, sizeof(char *));
	s->assets[s->nassets++] = xstrdup(rel);
}

/*
 * Whether sub (a folder, page or asset of the tree) may be read: a
 * symbolic link that leads outside the content directory would publish
 * whatever it points at (a build of someone else's content, such as a
 * pull-request preview, must not copy /etc/passwd into the site), so it
 * is refused with an error naming it. A link that stays inside is fine.
 */
static int	refuse_link(const char *, struct diaglist *);

static int
inside_tree(const struct site *s, const char *sub, struct diaglist *diags)
{
	if (!fs_link_escapes(sub, s->absroot))
		return 1;
	return refuse_link(sub, diags);
}

/* Whether sub is a folder (a link followed) and whether it is a link, in
 * one lstat for the usual entry that is no link. */
static int
entry_isdir(const char *sub, int *islink)
{
	struct stat st;

	*islink = 0;
	if (lstat(sub, &st) != 0)
		return 0;
	if (!S_ISLNK(st.st_mode))
		return S_ISDIR(st.st_mode);
	*islink = 1;
	return fs_isdir(sub);
}

static int
refuse_link(const char *sub, struct diaglist *diags)
{
	diaglist_add(diags, DIAG_ERROR, sub, 0, 0,
	    "symbolic link leads outside the content directory; vecdoc "
	    "publishes only files inside it (copy the file in instead)");
	return 0;
}

/* Scans one module folder. Returns 1 if it is a section, 0 if ignored. */
static int
scan_section(struct site *s, const char *name,
    struct diaglist *diags, struct section *sec)
{
	char *dir = fs_join(s->root, name), **names, *rel, *sub;
	long n, i;
	struct diag d;
	struct page *pg;
	int any_md = 0;

	memset(sec, 0, sizeof(*sec));
	if ((n = fs_list(dir, &names, &d)) < 0) {
		diaglist_push(diags, &d);
		free(dir);
		return 0;
	}
	for (i = 0; i < n; i++)
		if (has_suffix(names[i], ".md"))
			any_md = 1;
	if (!any_md) {
		fs_names_free(names, n);
		free(dir);
		return 0;
	}
	sec->dir = xstrdup(name);
	for (i = 0; i < n; i++) {
		if (names[i][0] == '.' || names[i][0] == '_')
			continue;
		int isdir;

		rel = xasprintf("%s/%s", name, names[i]);
		sub = fs_join(dir, names[i]);
		int islink;

		isdir = entry_isdir(sub, &islink);
		if ((isdir || has_suffix(names[i], ".md") ||
		    is_asset(names[i])) && islink && !inside_tree(s, sub, diags)) {
			free(sub);
			free(rel);
			continue;
		}
		if (isdir) {
			char **inner;
			long m, j;
			int nested = 0;

			if ((m = fs_list(sub, &inner, &d)) >= 0) {
				for (j = 0; j < m; j++)
					if (has_suffix(inner[j], ".md"))
						nested = 1;
				fs_names_free(inner, m);
			}
			if (nested)
				diaglist_add(diags, DIAG_ERROR, sub, 0, 0,
				    "sections cannot be nested: move the pages of '%s' up into '%s' or into a module folder of their own",
				    rel, name);
		} else if (has_suffix(names[i], ".md")) {
			if (!safe_name(names[i]))
				diaglist_add(diags, DIAG_ERROR, sub, 0, 0,
				    "file name has characters that break links; use letters, digits, '-', '_' and '.'");
			pg = page_new(s, rel);
			pg->section = sec;
			if (pg->is_index)
				sec->index = pg;
			else {	/* drafts are dropped once read */
				sec->pages = xreallocarray(sec->pages,
				    sec->npages + 1, sizeof(*sec->pages));
				sec->pages[sec->npages++] = pg;
			}
		} else if (is_asset(names[i]))
			add_asset(s, rel);
		free(sub);
		free(rel);
	}
	fs_names_free(names, n);
	free(dir);
	if (sec->index == NULL) {
		char *p = fs_join(s->root, name);

		diaglist_add(diags, DIAG_ERROR, p, 0, 0,
		    "module folder has no index.md (its title and introduction)");
		free(p);
		return 1;
	}
	return 1;	/* weighed and sorted once its pages are read */
}

int
site_scan(struct site *s, const char *root, int drafts, struct diaglist *diags)
{
	return site_scan_known(s, root, drafts, diags, NULL, NULL);
}

int
site_scan_known(struct site *s, const char *root, int drafts,
    struct diaglist *diags, site_known_fn known, void *ctx)
{
	char *cfgpath, **names, *sub;
	long n, i;
	struct diag d;
	struct page *pg;
	struct page **rootpages = NULL;
	size_t nroot = 0, j, k, errs0 = diags->nerrors;

	memset(s, 0, sizeof(*s));
	s->root = xstrdup(root);
	s->absroot = fs_abspath(root);
	if (!fs_isdir(root))
		return diaglist_add(diags, DIAG_ERROR, root, 0, 0,
		    "content directory not found");
	cfgpath = fs_join(root, "vecdoc.yml");
	if (!fs_exists(cfgpath)) {
		diaglist_add(diags, DIAG_ERROR, cfgpath, 0, 0,
		    "missing: a content directory needs vecdoc.yml (title, language, theme)");
		free(cfgpath);
		return -1;
	}
	config_load(&s->cfg, cfgpath, diags);
	free(cfgpath);
	if ((n = fs_list(root, &names, &d)) < 0) {
		diaglist_push(diags, &d);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (names[i][0] == '.' || names[i][0] == '_')
			continue;
		sub = fs_join(root, names[i]);
		/* a folder without pages (a data disk linked in) is never
		 * published, so it may lead anywhere */
		if (((fs_isdir(sub) && dir_has_pages(sub)) ||
		    has_suffix(names[i], ".md") || is_asset(names[i])) &&
		    !inside_tree(s, sub, diags)) {
			free(sub);
			continue;
		}
		if (fs_isdir(sub)) {
			struct section sec;

			if (scan_section(s, names[i], diags, &sec)) {
				if (!safe_name(names[i]))
					diaglist_add(diags, DIAG_ERROR, sub, 0, 0,
					    "folder name has characters that break links; use letters, digits, '-', '_' and '.'");
				s->sections = xreallocarray(s->sections,
				    s->nsections + 1, sizeof(*s->sections));
				s->sections[s->nsections++] = sec;
			}
		} else if (has_suffix(names[i], ".md")) {
			if (!safe_name(names[i]))
				diaglist_add(diags, DIAG_ERROR, sub, 0, 0,
				    "file name has characters that break links; use letters, digits, '-', '_' and '.'");
			pg = page_new(s, names[i]);
			if (pg->is_index)
				s->home = pg;
			else {
				rootpages = xreallocarray(rootpages, nroot + 1,
				    sizeof(*rootpages));
				rootpages[nroot++] = pg;
			}
		} else if (is_asset(names[i]))
			add_asset(s, names[i]);
		free(sub);
	}
	fs_names_free(names, n);
	load_all(s, diags, known, ctx);
	nroot = keep_published(rootpages, nroot, drafts);
	for (j = 0; j < s->nsections; j++) {
		struct section *sec = &s->sections[j];

		sec->npages = keep_published(sec->pages, sec->npages, drafts);
		if (sec->index != NULL)
			sec->weight = sec->index->weight;
		if (sec->npages > 1)
			qsort(sec->pages, sec->npages, sizeof(*sec->pages),
			    cmp_pages);
	}
	if (s->home == NULL)
		diaglist_add(diags, DIAG_ERROR, root, 0, 0,
		    "missing index.md: the content directory needs index.md (the home page)");
	if (s->nsections > 1)
		qsort(s->sections, s->nsections, sizeof(*s->sections),
		    cmp_sections);
	/* qsort moved the sections: point pages at their new place. */
	for (j = 0; j < s->nsections; j++) {
		struct section *sec = &s->sections[j];

		if (sec->index)
			sec->index->section = sec;
		for (k = 0; k < sec->npages; k++)
			sec->pages[k]->section = sec;
	}
	if (nroot > 1)
		qsort(rootpages, nroot, sizeof(*rootpages), cmp_pages);
	/* Reading order: home, top-level pages, then each module. */
	s->order = xcalloc(s->nall + 1, sizeof(*s->order));
	if (s->home)
		s->order[s->norder++] = s->home;
	for (j = 0; j < nroot; j++)
		s->order[s->norder++] = rootpages[j];
	for (j = 0; j < s->nsections; j++) {
		if (s->sections[j].index)
			s->order[s->norder++] = s->sections[j].index;
		for (k = 0; k < s->sections[j].npages; k++)
			s->order[s->norder++] = s->sections[j].pages[k];
	}
	strmap_init(&s->bysrc);
	for (j = 0; j < s->norder; j++) {
		int created;

		s->order[j]->order = (long)j;
		strmap_put(&s->bysrc, s->order[j]->src,
		    strlen(s->order[j]->src), &created)->val.ptr = s->order[j];
	}
	free(rootpages);
	return diags->nerrors > errs0 ? -1 : 0;
}

struct page *
site_find_page(const struct site *s, const char *src)
{
	const struct strmap_ent *e = strmap_get(&s->bysrc, src, strlen(src));

	return e != NULL ? e->val.ptr : NULL;
}

void
site_md_source(const struct page *pg, struct md_source *ms)
{
	ms->src = pg->src;
	ms->abs = pg->abs;
	ms->out = pg->out;
	ms->dir = pg->dir;
	ms->text = pg->text;
	ms->textlen = pg->textlen;
	ms->body_off = pg->body_off;
	ms->body_line = pg->body_line;
	ms->doc = pg->doc;
}

enum md_link
site_resolve_link(void *site, const char *target, struct md_target *to)
{
	const struct site *s = site;
	const struct page *pg;
	size_t n = strlen(target), i;

	if (n > 3 && strcmp(target + n - 3, ".md") == 0) {
		if ((pg = site_find_page(s, target)) != NULL) {
			to->src = pg->src;
			to->out = pg->out;
			to->doc = pg->doc;
			return MD_LINK_PAGE;
		}
		for (i = 0; i < s->nall; i++)
			if (strcmp(s->all[i]->src, target) == 0 && s->all[i]->draft)
				return MD_LINK_DRAFT;
		return MD_LINK_MISSING;
	}
	for (i = 0; i < s->nassets; i++)
		if (strcmp(s->assets[i], target) == 0)
			return MD_LINK_ASSET;
	return MD_LINK_NO_ASSET;
}

void
site_clear(struct site *s)
{
	size_t i;

	strmap_clear(&s->bysrc);
	for (i = 0; i < s->nall; i++) {
		struct page *pg = s->all[i];

		free(pg->src);
		free(pg->abs);
		free(pg->out);
		free(pg->dir);
		free(pg->title);
		free(pg->description);
		free(pg->text);
		free(pg);
	}
	free(s->all);
	for (i = 0; i < s->nsections; i++) {
		free(s->sections[i].dir);
		free(s->sections[i].pages);
	}
	free(s->sections);
	free(s->order);
	for (i = 0; i < s->nassets; i++)
		free(s->assets[i]);
	free(s->assets);
	free(s->root);
	free(s->absroot);
	config_clear(&s->cfg);
	memset(s, 0, sizeof(*s));
}
