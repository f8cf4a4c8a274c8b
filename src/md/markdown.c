/*
 * md/markdown: cmark-gfm glue — directives spliced into the tree,
 * heading ids, link rewriting and checking, HTML rendering.
 * Reads a page's text (already in memory); produces its body HTML, its
 * headings and its CSV downloads.
 * Never writes files and never prints; every problem is a located diag.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "md/markdown.h"
#include "md/slug.h"
#include "md/texmath.h"
#include "render/html.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

#define MD_OPTS (CMARK_OPT_FOOTNOTES | CMARK_OPT_UNSAFE | CMARK_OPT_SOURCEPOS)
#define RENDER_OPTS (CMARK_OPT_FOOTNOTES | CMARK_OPT_UNSAFE)

/* Ids the theme uses on every page; headings never take them. */
static const char *const reserved_ids[] = {
	"main", "content", "sidebar", "toc", "search", "top", "nav",
	"search-input", "search-results", "page-nav",
};

static pthread_mutex_t finish_lock = PTHREAD_MUTEX_INITIALIZER;

void
md_init(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

static cmark_parser *
new_parser(void)
{
	static const char *const exts[] = {
		"table", "strikethrough", "autolink", "tasklist",
	};
	cmark_parser *p = cmark_parser_new(MD_OPTS);
	size_t i;

	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		cmark_parser_attach_syntax_extension(p,
		    cmark_find_syntax_extension(exts[i]));
	return p;
}

/* Feeds "pad" newlines: positions cmark reports become the file's. */
static void
feed_lines(cmark_parser *p, long pad)
{
	static const char nl[64] = "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"
	    "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"
	    "\n\n\n\n\n\n\n\n\n\n\n";

	while (pad > 0) {
		long n = pad > 64 ? 64 : pad;

		cmark_parser_feed(p, nl, (size_t)n);
		pad -= n;
	}
}

/* Placeholders: \x1F m N \x1F for formula N; \x1E keeps a line that a
 * multi-line formula spanned (removed again when expanding). */
#define PH_MATH '\x1F'
#define PH_LINE '\x1E'

/*
 * Renders every formula of md (len bytes, starting on "line" of "file")
 * into the page's list and returns the text with placeholders (heap),
 * or NULL when there is no math.
 */
static char *
math_prepass(struct mdpage *mp, const char *file, const char *md,
    size_t len, long line, struct diaglist *diags)
{
	struct mathspan *sp = NULL;
	size_t n = math_scan(md, len, file, line, &sp, diags), i, k, at = 0;
	struct buf out = BUF_INIT, html = BUF_INIT;
	char msg[256];

	if (n == 0) {
		free(sp);
		return NULL;
	}
	for (i = 0; i < n; i++) {
		size_t eoff = 0;

		buf_put(&out, md + at, sp[i].start - at);
		buf_reset(&html);
		if (tex_to_mathml(md + sp[i].tstart, sp[i].tend - sp[i].tstart,
		    sp[i].display, &html, &eoff, msg, sizeof(msg)) != 0) {
			/* Locate the problem inside the formula. */
			size_t off = sp[i].tstart + eoff, bol = 0;
			long l = line;

			for (k = 0; k < off; k++)
				if (md[k] == '\n') {
					l++;
					bol = k + 1;
				}
			diaglist_add(diags, mp->strict ? DIAG_ERROR : DIAG_WARNING,
			    file, l, (int)(off - bol) + 1, "bad TeX: %s", msg);
		}
		mp->maths = xreallocarray(mp->maths, mp->nmaths + 1, sizeof(char *));
		mp->texs = xreallocarray(mp->texs, mp->nmaths + 1, sizeof(char *));
		mp->maths[mp->nmaths] = buf_detach(&html);
		mp->texs[mp->nmaths] = xstrndup(md + sp[i].tstart,
		    sp[i].tend - sp[i].tstart);
		buf_printf(&out, "%cm%zu%c", PH_MATH, mp->nmaths, PH_MATH);
		mp->nmaths++;
		for (k = sp[i].start; k < sp[i].end; k++)
			if (md[k] == '\n') {
				buf_putc(&out, '\n');
				buf_putc(&out, PH_LINE);
			}
		at = sp[i].end;
	}
	buf_put(&out, md + at, len - at);
	free(sp);
	buf_clear(&html);
	return buf_detach(&out);
}

/* Replaces placeholders in s by the formulas' MathML. Heap. */
static char *
math_expand(const struct mdpage *mp, const char *s)
{
	struct buf b = BUF_INIT;
	const char *p = s, *e;
	size_t idx;

	while (*p) {
		if (*p == PH_LINE) {
			p++;
			continue;
		}
		if (*p == PH_MATH && p[1] == 'm' && (e = strchr(p + 2, PH_MATH)) != NULL) {
			idx = (size_t)strtoul(p + 2, NULL, 10);
			if (idx < mp->nmaths)
				buf_puts(&b, mp->maths[idx]);
			p = e + 1;
			continue;
		}
		buf_putc(&b, *p++);
	}
	return buf_detach(&b);
}

/* Turns placeholders in text and HTML nodes into MathML. */
static void
math_nodes(const struct mdpage *mp, cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	cmark_node *n, **todo = NULL;
	size_t nt = 0, i;
	const char *lit;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_HTML_INLINE:
		case CMARK_NODE_HTML_BLOCK:
			lit = cmark_node_get_literal(n);
			if (lit && (strchr(lit, PH_MATH) || strchr(lit, PH_LINE))) {
				todo = xreallocarray(todo, nt + 1, sizeof(*todo));
				todo[nt++] = n;
			}
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	for (i = 0; i < nt; i++) {
		char *x;

		n = todo[i];
		lit = cmark_node_get_literal(n);
		if (cmark_node_get_type(n) != CMARK_NODE_TEXT) {
			x = math_expand(mp, lit);
			cmark_node_set_literal(n, x);
			free(x);
			continue;
		}
		/* Text: split into text and raw MathML nodes. */
		{
			const char *p = lit, *q, *e;
			struct buf t = BUF_INIT;
			cmark_node *m;

			while (*p) {
				q = p;
				while (*q && *q != PH_MATH)
					q++;
				buf_reset(&t);
				for (const char *r = p; r < q; r++)
					if (*r != PH_LINE)
						buf_putc(&t, *r);
				if (t.len) {
					m = cmark_node_new(CMARK_NODE_TEXT);
					cmark_node_set_literal(m, t.data);
					cmark_node_insert_before(n, m);
				}
				if (*q == '\0')
					break;
				e = strchr(q + 1, PH_MATH);
				if (e == NULL)
					break;
				{
					size_t idx = (size_t)strtoul(q + 2, NULL, 10);

					m = cmark_node_new(CMARK_NODE_HTML_INLINE);
					cmark_node_set_literal(m, idx < mp->nmaths ?
					    mp->maths[idx] : "");
					/* Headings and search text see the TeX. */
					if (idx < mp->nmaths)
						cmark_node_set_user_data(m, mp->texs[idx]);
					cmark_node_insert_before(n, m);
				}
				p = e + 1;
			}
			buf_clear(&t);
			cmark_node_unlink(n);
			cmark_node_free(n);
		}
	}
	free(todo);
}

/*
 * Parses "len" bytes starting on "line" of "file": math first (into the
 * page's formulas), then cmark-gfm, then the formulas back in.
 * mp may be NULL (no page: `vecdoc run`).
 */
static cmark_node *
parse_at(struct mdpage *mp, const char *file, cmark_parser *p,
    const char *md, size_t len, long line)
{
	struct mdpage tmp;
	struct mdpage *m = mp;
	char *pre;
	cmark_node *root;

	if (m == NULL) {
		memset(&tmp, 0, sizeof(tmp));
		diaglist_init(&tmp.diags);
		m = &tmp;
	}
	pre = math_prepass(m, file, md, len, line, &m->diags);
	feed_lines(p, line - 1);
	cmark_parser_feed(p, pre ? pre : md, pre ? strlen(pre) : len);
	/* cmark-gfm adds the extensions' special characters (~ for
	 * strikethrough, : w for autolinks) to a process-wide table at the
	 * start of cmark_parser_finish and removes them at its end, so two
	 * threads finishing at once lose each other's extensions. */
	pthread_mutex_lock(&finish_lock);
	root = cmark_parser_finish(p);
	pthread_mutex_unlock(&finish_lock);
	if (pre != NULL)
		math_nodes(m, root);
	free(pre);
	if (m == &tmp) {
		for (size_t i = 0; i < tmp.nmaths; i++) {
			free(tmp.maths[i]);
			free(tmp.texs[i]);
		}
		free(tmp.maths);
		free(tmp.texs);
		diaglist_clear(&tmp.diags);
	}
	return root;
}

/* The text a leaf inline contributes (formulas: their TeX); 0 when c is
 * not such a leaf. */
static int
leaf_text(cmark_node *c, struct buf *b)
{
	const char *lit;

	switch (cmark_node_get_type(c)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
		if ((lit = cmark_node_get_literal(c)) != NULL)
			buf_puts(b, lit);
		return 1;
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
		buf_putc(b, ' ');
		return 1;
	case CMARK_NODE_HTML_INLINE:
		if (cmark_node_get_user_data(c) != NULL)
			buf_puts(b, cmark_node_get_user_data(c));
		return 1;
	default:
		return 0;
	}
}

/* Plain text of a node's inline content. */
static void
plain_text(cmark_node *n, struct buf *b)
{
	cmark_node *c;

	for (c = cmark_node_first_child(n); c; c = cmark_node_next(c))
		if (!leaf_text(c, b))
			plain_text(c, b);
}

/* Reserves a unique id on the page based on "want". Heap. */
static char *
unique_id(struct mdpage *md, const char *want)
{
	char *id = xstrdup(want);
	int created, k;
	size_t i;

	for (i = 0; i < sizeof(reserved_ids) / sizeof(reserved_ids[0]); i++)
		if (strcmp(want, reserved_ids[i]) == 0) {
			strmap_put(&md->ids, want, strlen(want), &created);
			break;
		}
	for (k = 1; ; k++) {
		strmap_put(&md->ids, id, strlen(id), &created);
		if (created)
			return id;
		free(id);
		id = xasprintf("%s-%d", want, k);
	}
}

/* CSV download of a table, named after the page and the table. */
static char *
csv_sink(void *ctx, const struct table *t)
{
	struct md_source *pg = ctx;
	struct mdpage *md = pg->doc;
	struct buf b = BUF_INIT;
	const char *base = strrchr(pg->out, '/');
	char *stem, *path, *href;
	size_t i;
	int k = 1;

	base = base ? base + 1 : pg->out;
	stem = xstrndup(base, strlen(base) - 5);
	path = xasprintf("%s%s%s.%s.csv", pg->dir, pg->dir[0] ? "/" : "", stem,
	    t->name);
	for (i = 0; i < md->nfiles; i++)
		if (strcmp(md->files[i].path, path) == 0) {
			free(path);
			path = xasprintf("%s%s%s.%s-%d.csv", pg->dir,
			    pg->dir[0] ? "/" : "", stem, t->name, ++k);
			i = (size_t)-1;
		}
	table_csv(t, &b);
	md->files = xreallocarray(md->files, md->nfiles + 1, sizeof(*md->files));
	md->files[md->nfiles].path = path;
	md->files[md->nfiles].len = b.len;
	md->files[md->nfiles].data = buf_detach(&b);
	md->nfiles++;
	href = xstrdup(strrchr(path, '/') ? strrchr(path, '/') + 1 : path);
	free(stem);
	return href;
}

static void
insert_html(cmark_node *before, struct buf *b)
{
	cmark_node *h;

	if (b->len == 0)
		return;
	h = cmark_node_new(CMARK_NODE_HTML_BLOCK);
	cmark_node_set_literal(h, buf_str(b));
	cmark_node_insert_before(before, h);
	buf_reset(b);
}

/* Replaces directive block "n" by its result (or an error box). */
static void
splice(struct md_source *pg, cmark_node *n, const struct result *r, int failed,
    size_t diag_from)
{
	struct mdpage *md = pg->doc;
	struct buf b = BUF_INIT;
	size_t i;
	cmark_node *sub, *c;
	cmark_parser *p;

	if (failed) {
		buf_puts(&b, "<div class=\"vd-error\" role=\"alert\">");
		for (i = diag_from; i < md->diags.n; i++) {
			char line[2048];
			xmlNodePtr e = html_el(NULL, "p", NULL);

			diag_format(&md->diags.v[i], line, sizeof(line));
			html_text(e, line);
			html_flush(e, &b);
		}
		buf_puts(&b, "</div>\n");
		insert_html(n, &b);
		goto out;
	}
	result_render_open(r, &b);
	for (i = 0; i < r->nitems; i++) {
		const struct item *it = &r->items[i];

		if (it->kind == ITEM_CHART) {
			/* Chart ids are unique on the page (two charts of one
			 * directive kind would otherwise share theirs). */
			char *want = xasprintf("vd-chart-%s", it->chart->name);
			char *id = unique_id(md, want);

			free(it->chart->name);
			it->chart->name = xstrdup(id + 9);
			free(id);
			free(want);
		}
		if (it->kind != ITEM_MARKDOWN) {
			result_render_item(r, it, csv_sink, pg, &b);
			continue;
		}
		insert_html(n, &b);
		p = new_parser();
		sub = parse_at(md, pg->abs, p, it->html, strlen(it->html), it->line);
		cmark_parser_free(p);
		while ((c = cmark_node_first_child(sub)) != NULL)
			cmark_node_insert_before(n, c);
		md->keep = xreallocarray(md->keep, md->nkeep + 1, sizeof(void *));
		md->keep[md->nkeep++] = sub;
	}
	result_render_close(r, &b);
	insert_html(n, &b);
out:
	buf_clear(&b);
	cmark_node_unlink(n);
	cmark_node_free(n);
}

/* A fence whose info string starts with '{' holds a directive. */
static int
is_directive(const char *info)
{
	return info != NULL && info[0] == '{';
}

/* Runs every directive block in the tree (and in what they graft). */
static void
run_directives(struct md_source *pg, const struct md_env *env)
{
	struct mdpage *md = pg->doc;
	cmark_node **todo = NULL, *n;
	size_t ntodo, i, from;
	cmark_iter *it;
	cmark_event_type ev;
	int round, failed, flen, foff;
	char fch;

	for (round = 0; round < 8; round++) {
		ntodo = 0;
		it = cmark_iter_new(md->root);
		while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
			n = cmark_iter_get_node(it);
			if (ev == CMARK_EVENT_ENTER &&
			    cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK &&
			    cmark_node_get_fenced(n, &flen, &foff, &fch) &&
			    is_directive(cmark_node_get_fence_info(n))) {
				todo = xreallocarray(todo, ntodo + 1, sizeof(*todo));
				todo[ntodo++] = n;
			}
		}
		cmark_iter_free(it);
		if (ntodo == 0)
			break;
		for (i = 0; i < ntodo; i++) {
			const char *lit = cmark_node_get_literal(todo[i]);
			long line = cmark_node_get_start_line(todo[i]);
			int col = cmark_node_get_start_column(todo[i]);
			struct result r;

			from = md->diags.n;
			md->ndirectives++;
			result_init(&r, "directive");
			if (env->run != NULL)
				failed = env->run(env->run_ctx,
				    cmark_node_get_fence_info(todo[i]), lit ? lit : "",
				    lit ? strlen(lit) : 0, pg->abs, line, col,
				    &md->diags, &r) != 0;
			else {
				diaglist_add(&md->diags, DIAG_ERROR, pg->abs, line,
				    col, "directives cannot run here");
				failed = 1;
			}
			splice(pg, todo[i], &r, failed, from);
			result_clear(&r);
		}
	}
	free(todo);
}

static void
collect_headings(struct md_source *pg)
{
	struct mdpage *md = pg->doc;
	cmark_iter *it = cmark_iter_new(md->root);
	cmark_event_type ev;
	cmark_node *n;
	struct buf b = BUF_INIT;
	char *slug;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(n) != CMARK_NODE_HEADING)
			continue;
		buf_reset(&b);
		plain_text(n, &b);
		slug = slugify(buf_str(&b), b.len);
		md->heads = xreallocarray(md->heads, md->nheads + 1,
		    sizeof(*md->heads));
		md->heads[md->nheads].level = cmark_node_get_heading_level(n);
		md->heads[md->nheads].id = unique_id(md, slug);
		md->heads[md->nheads].text = xstrdup(buf_str(&b));
		md->heads[md->nheads].node = n;
		md->heads[md->nheads].line = cmark_node_get_start_line(n);
		md->nheads++;
		free(slug);
	}
	cmark_iter_free(it);
	buf_clear(&b);
}

static const char *const roles[] = { "claim-text", "claim", "val" };

/*
 * The place of "{role}`content`" in the page: searched from the start of
 * the paragraph (cmark gives inlines no reliable columns). Falls back to
 * the paragraph's first line.
 */
static void
role_place(const struct md_source *pg, long pline, const char *role,
    const char *content, long *line, int *col)
{
	const char *p = pg->text, *end = pg->text + pg->textlen, *hit;
	char *needle = xasprintf("{%s}`%s`", role, content);
	size_t nl = strlen(needle);
	long l = 1;

	*line = pline;
	*col = 1;
	while (l < pline && p < end && (p = memchr(p, '\n', (size_t)(end - p))))
		p++, l++;
	if (p != NULL && p < end &&
	    (hit = memmem(p, (size_t)(end - p), needle, nl)) != NULL) {
		const char *q;

		for (q = p; q < hit; q++)
			if (*q == '\n') {
				l++;
				p = q + 1;
			}
		*line = l;
		*col = (int)(hit - p) + 1;
	}
	free(needle);
}

/* Replaces every {role}`content` of the page through env->role. */
static void
run_roles(struct md_source *pg, const struct md_env *env)
{
	struct mdpage *md = pg->doc;
	cmark_iter *it;
	cmark_event_type ev;
	cmark_node *n, *code, **todo = NULL;
	size_t ntodo = 0, i, k;

	if (env->role == NULL)
		return;
	it = cmark_iter_new(md->root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(n) == CMARK_NODE_TEXT &&
		    (code = cmark_node_next(n)) != NULL &&
		    cmark_node_get_type(code) == CMARK_NODE_CODE) {
			todo = xreallocarray(todo, ntodo + 1, sizeof(*todo));
			todo[ntodo++] = n;
		}
	}
	cmark_iter_free(it);
	for (i = 0; i < ntodo; i++) {
		const char *lit = cmark_node_get_literal(todo[i]);
		size_t len = lit ? strlen(lit) : 0, rl;
		const char *content;
		cmark_node *par, *h;
		struct buf html = BUF_INIT;
		long line;
		int col;
		char *keep;

		for (k = 0; k < sizeof(roles) / sizeof(roles[0]); k++) {
			rl = strlen(roles[k]) + 2;
			if (len >= rl && lit[len - rl] == '{' &&
			    strncmp(lit + len - rl + 1, roles[k], rl - 2) == 0 &&
			    lit[len - 1] == '}')
				break;
		}
		if (k == sizeof(roles) / sizeof(roles[0]))
			continue;
		code = cmark_node_next(todo[i]);
		content = cmark_node_get_literal(code);
		for (par = cmark_node_parent(todo[i]); par != NULL &&
		    cmark_node_get_start_line(par) == 0; par = cmark_node_parent(par))
			;
		role_place(pg, par ? cmark_node_get_start_line(par) : 1, roles[k],
		    content ? content : "", &line, &col);
		if (env->role(env->role_ctx, roles[k], content ? content : "",
		    pg->abs, line, col, &md->diags, &html) == 0) {
			keep = xstrndup(lit, len - rl);
			cmark_node_set_literal(todo[i], keep);
			free(keep);
			h = cmark_node_new(CMARK_NODE_HTML_INLINE);
			cmark_node_set_literal(h, buf_str(&html));
			cmark_node_insert_before(code, h);
			cmark_node_unlink(code);
			cmark_node_free(code);
		}
		buf_clear(&html);
	}
	free(todo);
}

int
md_page_parse(struct md_source *pg, const struct md_env *env)
{
	struct mdpage *md = xcalloc(1, sizeof(*md));
	cmark_parser *p;

	pg->doc = md;
	strmap_init(&md->ids);
	diaglist_init(&md->diags);
	p = new_parser();
	md->parser = p;
	md->strict = env->strict;
	md->root = parse_at(md, pg->abs, p, pg->text + pg->body_off,
	    pg->textlen - pg->body_off, pg->body_line);
	run_directives(pg, env);
	run_roles(pg, env);
	collect_headings(pg);
	return md->diags.nerrors > 0 ? -1 : 0;
}

static int
has_scheme(const char *u)
{
	const char *p = u;

	if (!isalpha((unsigned char)*p))
		return 0;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	return *p == ':';
}

/* Percent-decodes s into a heap string. */
static char *
pct_decode(const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n + 0 + 1 && isxdigit((unsigned char)s[i + 1]) &&
		    isxdigit((unsigned char)s[i + 2])) {
			char hex[3] = { s[i + 1], s[i + 2], 0 };

			buf_putc(&b, (int)strtol(hex, NULL, 16));
			i += 2;
		} else
			buf_putc(&b, s[i]);
	}
	return buf_detach(&b);
}

/* Joins a relative path to a directory, resolving "." and "..". NULL if
 * it climbs out of the root. Heap. */
static char *
resolve(const char *dir, const char *rel)
{
	char *joined = dir[0] ? xasprintf("%s/%s", dir, rel) : xstrdup(rel);
	char **parts = NULL, *tok, *save = NULL, *res;
	size_t n = 0, i;
	struct buf b = BUF_INIT;
	int bad = 0;

	for (tok = strtok_r(joined, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
		if (strcmp(tok, ".") == 0)
			continue;
		if (strcmp(tok, "..") == 0) {
			if (n == 0) {
				bad = 1;
				break;
			}
			n--;
			continue;
		}
		parts = xreallocarray(parts, n + 1, sizeof(*parts));
		parts[n++] = tok;
	}
	for (i = 0; !bad && i < n; i++) {
		if (i)
			buf_putc(&b, '/');
		buf_puts(&b, parts[i]);
	}
	if (!bad && rel[strlen(rel) - 1] == '/')
		buf_putc(&b, '/');
	free(parts);
	free(joined);
	if (bad) {
		buf_clear(&b);
		return NULL;
	}
	res = buf_detach(&b);
	return res;
}

/* The column of the link's '[' on its source line (cmark reports the
 * column within the paragraph's content, after indentation). */
static int
link_col(const struct md_source *pg, long line, int col)
{
	const char *p = pg->text, *end = pg->text + pg->textlen;
	long l = 1;

	if (col < 1 || line < 1)
		return col < 1 ? 1 : col;
	while (l < line && p < end) {
		p = memchr(p, '\n', (size_t)(end - p));
		if (p == NULL)
			return col;
		p++;
		l++;
	}
	for (int c = col; p + c - 1 < end && p[c - 1] != '\n'; c++)
		if (p[c - 1] == '[' || p[c - 1] == '<' || p[c - 1] == '!')
			return c;
	return col;
}

static void
check_link(struct md_source *pg, const struct md_env *env, cmark_node *n)
{
	struct mdpage *md = pg->doc;
	const char *url = cmark_node_get_url(n), *hash, *q;
	char *path = NULL, *frag = NULL, *target = NULL, *res = NULL;
	char *fixed = NULL;	/* "#ID": the fragment as vecdoc spells it */
	long line = cmark_node_get_start_line(n);
	int col = link_col(pg, line, cmark_node_get_start_column(n));
	struct md_target self, tt, *to = NULL;
	size_t plen;
	int img = cmark_node_get_type(n) == CMARK_NODE_IMAGE;

	if (env->resolve == NULL || url == NULL || url[0] == '\0' || has_scheme(url) ||
	    strncmp(url, "//", 2) == 0)
		return;
	if (url[0] == '/') {
		diaglist_add(&md->diags, DIAG_ERROR, pg->abs, line, col,
		    "link '%s' starts with '/': use a relative link so the site works from any folder and from file://",
		    url);
		return;
	}
	hash = strchr(url, '#');
	q = strchr(url, '?');
	plen = hash ? (size_t)(hash - url) : strlen(url);
	if (q != NULL && (size_t)(q - url) < plen)
		plen = (size_t)(q - url);
	path = pct_decode(url, plen);
	if (hash)
		frag = pct_decode(hash + 1, strlen(hash + 1));
	if (path[0] == '\0') {
		self.src = pg->src;
		self.out = pg->out;
		self.doc = pg->doc;
		to = &self;
	} else {
		char *srcdir = fs_dirname(pg->src);

		target = resolve(srcdir, path);
		free(srcdir);
		if (target == NULL) {
			diaglist_add(&md->diags, DIAG_ERROR, pg->abs, line, col,
			    "broken link: '%s' points outside the content directory",
			    url);
			goto out;
		}
		if (target[0] == '\0' || target[strlen(target) - 1] == '/') {
			char *t = xasprintf("%sindex.md", target);

			free(target);
			target = t;
		}
		switch (env->resolve(env->resolve_ctx, target, &tt)) {
		case MD_LINK_PAGE:
			to = &tt;
			break;
		case MD_LINK_DRAFT:
			diaglist_add(&md->diags, DIAG_ERROR, pg->abs, line, col,
			    "broken link: '%s' is a draft page (draft: true), left out of the site",
			    url);
			goto out;
		case MD_LINK_MISSING:
			diaglist_add(&md->diags, DIAG_ERROR, pg->abs, line, col,
			    "broken link: '%s' is not a page of this site", url);
			goto out;
		case MD_LINK_ASSET:
			goto out;
		case MD_LINK_NO_ASSET:
			diaglist_add(&md->diags, DIAG_ERROR, pg->abs, line, col,
			    "broken %s: file '%s' not found in the content directory",
			    img ? "image" : "link", url);
			goto out;
		}
	}
	if (frag != NULL && frag[0] != '\0' && to->doc != NULL &&
	    strmap_get(&to->doc->ids, frag, strlen(frag)) == NULL) {
		/*
		 * GitHub, Hugo, mdBook and MyST keep diacritics in heading
		 * ids ("phần-hai"); vecdoc folds them ("phan-hai"). Folding
		 * the fragment the same way accepts both spellings; the link
		 * is then written with vecdoc's id.
		 */
		char *id = slugify(frag, strlen(frag));

		if (strmap_get(&to->doc->ids, id, strlen(id)) == NULL) {
			diaglist_add(&md->diags, DIAG_ERROR, pg->abs, line, col,
			    "broken anchor: '#%s' is not a heading id of %s",
			    frag, to == &self ? "this page" : to->src);
			free(id);
			goto out;
		}
		free(fixed);
		fixed = xasprintf("#%s", id);
		free(id);
	}
	if (to == &self && fixed != NULL)
		cmark_node_set_url(n, fixed);
	if (to != &self) {
		char *rel = fs_relpath(pg->dir, to->out);
		size_t k;

		for (k = 0; k < md->ntargets; k++)
			if (strcmp(md->targets[k], to->src) == 0)
				break;
		if (k == md->ntargets) {
			md->targets = xreallocarray(md->targets, md->ntargets + 1,
			    sizeof(char *));
			md->targets[md->ntargets++] = xstrdup(to->src);
		}

		res = fixed ? xasprintf("%s%s", rel, fixed) :
		    hash ? xasprintf("%s%s", rel, hash) : xstrdup(rel);
		free(rel);
		cmark_node_set_url(n, res);
	}
out:
	free(res);
	free(fixed);
	free(path);
	free(frag);
	free(target);
}

/* Replaces a heading by HTML carrying its id and a self-link. */
static void
render_heading(struct mdpage *md, struct heading *h)
{
	cmark_node *n = h->node, *blk;
	char *html = cmark_render_html(n, RENDER_OPTS,
	    cmark_parser_get_syntax_extensions(md->parser));
	struct buf b = BUF_INIT;
	size_t len = strlen(html);

	/* html is "<hN>...</hN>\n" */
	buf_put(&b, html, 3);
	buf_puts(&b, " id=\"");
	buf_put_html(&b, h->id, strlen(h->id));
	buf_puts(&b, "\">");
	if (len > 10)
		buf_put(&b, html + 4, len - 10);
	buf_puts(&b, "<a class=\"anchor\" href=\"#");
	buf_put_html(&b, h->id, strlen(h->id));
	buf_puts(&b, "\" aria-hidden=\"true\">#</a>");
	buf_put(&b, html + len - 6, 6);
	free(html);
	blk = cmark_node_new(CMARK_NODE_HTML_BLOCK);
	cmark_node_set_literal(blk, buf_str(&b));
	cmark_node_insert_before(n, blk);
	cmark_node_unlink(n);
	cmark_node_free(n);
	h->node = NULL;
	buf_clear(&b);
}

/* Plain text of the whole page, for the search index. */
static void
page_text(cmark_node *root, struct buf *b)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	cmark_node *n;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_EXIT) {
			switch (cmark_node_get_type(n)) {
			case CMARK_NODE_PARAGRAPH:
			case CMARK_NODE_HEADING:
				buf_putc(b, '\n');
				break;
			case CMARK_NODE_EMPH:
			case CMARK_NODE_STRONG:
			case CMARK_NODE_LINK:
				break;
			default:
				/* Table cells, list items...: keep words apart. */
				if (b->len > 0 && b->data[b->len - 1] != ' ' &&
				    b->data[b->len - 1] != '\n')
					buf_putc(b, ' ');
			}
			continue;
		}
		leaf_text(n, b);
	}
	cmark_iter_free(it);
}

int
md_page_render(struct md_source *pg, const struct md_env *env)
{
	struct mdpage *md = pg->doc;
	cmark_iter *it;
	cmark_event_type ev;
	cmark_node *n;
	struct buf b = BUF_INIT;
	size_t i;

	it = cmark_iter_new(md->root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER &&
		    (cmark_node_get_type(n) == CMARK_NODE_LINK ||
		    cmark_node_get_type(n) == CMARK_NODE_IMAGE))
			check_link(pg, env, n);
	}
	cmark_iter_free(it);
	page_text(md->root, &b);
	md->text = buf_detach(&b);
	for (i = 0; i < md->nheads; i++)
		render_heading(md, &md->heads[i]);
	md->html = cmark_render_html(md->root, RENDER_OPTS,
	    cmark_parser_get_syntax_extensions(md->parser));
	/* The tree is done with: what other pages ask of this one (ids,
	 * headings, text, files) is kept. Freed now, its memory serves the
	 * pages still to render and the documents, instead of fresh pages
	 * (a build's largest cost on some machines is first touches). */
	cmark_node_free(md->root);
	md->root = NULL;
	for (i = 0; i < md->nkeep; i++)
		cmark_node_free(md->keep[i]);
	free(md->keep);
	md->keep = NULL;
	md->nkeep = 0;
	cmark_parser_free(md->parser);
	md->parser = NULL;
	return md->diags.nerrors > 0 ? -1 : 0;
}

void
md_doc_free(struct mdpage *md)
{
	size_t i;

	if (md == NULL)
		return;
	if (md->root)
		cmark_node_free(md->root);
	for (i = 0; i < md->nkeep; i++)
		cmark_node_free(md->keep[i]);
	free(md->keep);
	if (md->parser)
		cmark_parser_free(md->parser);
	for (i = 0; i < md->nheads && !md->borrowed; i++) {
		free(md->heads[i].id);
		free(md->heads[i].text);
	}
	free(md->heads);
	for (i = 0; i < md->nfiles && !md->borrowed; i++) {
		free(md->files[i].path);
		free(md->files[i].data);
	}
	free(md->files);
	free(md->html);
	if (!md->borrowed)
		free(md->text);
	for (i = 0; i < md->nmaths; i++) {
		free(md->maths[i]);
		free(md->texs[i]);
	}
	free(md->maths);
	free(md->texs);
	for (i = 0; i < md->ntargets; i++)
		free(md->targets[i]);
	free(md->targets);
	strmap_clear(&md->ids);
	diaglist_clear(&md->diags);
	free(md);
}

char *
md_to_html(const char *md, size_t len)
{
	cmark_parser *p = new_parser();
	cmark_node *root = parse_at(NULL, "<text>", p, md, len, 1);
	char *html = cmark_render_html(root, RENDER_OPTS,
	    cmark_parser_get_syntax_extensions(p));
	char *res = xstrdup(html);

	free(html);
	cmark_node_free(root);
	cmark_parser_free(p);
	return res;
}
