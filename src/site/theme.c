/*
 * site/theme: template compilation and rendering, UI strings, assets.
 * Reads a theme folder (and the default theme under it).
 * Never lets a template run code: only variable lookups and conditions.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "site/theme.h"
#include "util/fsutil.h"
#include "util/xalloc.h"
#include "util/yamltree.h"

static void
push(struct template *t, enum seg_kind k, const char *s, size_t len)
{
	t->v = xreallocarray(t->v, t->n + 1, sizeof(*t->v));
	t->v[t->n].kind = k;
	t->v[t->n].s = xstrndup(s, len);
	t->v[t->n].len = len;
	t->v[t->n].jump = 0;
	t->n++;
}

static void
place(const char *text, const char *at, long *line, int *col)
{
	const char *p;

	*line = 1;
	*col = 1;
	for (p = text; p < at; p++) {
		if (*p == '\n') {
			(*line)++;
			*col = 1;
		} else
			(*col)++;
	}
}

int
template_compile(struct template *t, const char *text, size_t len,
    const char *file, struct diag *d)
{
	const char *p = text, *end = text + len, *o, *c;
	size_t stack[32], depth = 0;
	long line;
	int col;

	memset(t, 0, sizeof(*t));
	while (p < end) {
		o = strstr(p, "{{");
		if (o == NULL || o >= end) {
			push(t, SEG_TEXT, p, (size_t)(end - p));
			break;
		}
		if (o > p)
			push(t, SEG_TEXT, p, (size_t)(o - p));
		if (o[2] == '{') {
			c = strstr(o, "}}}");
			if (c == NULL)
				goto unclosed;
			push(t, SEG_RAW, o + 3, (size_t)(c - o - 3));
			p = c + 3;
			continue;
		}
		c = strstr(o, "}}");
		if (c == NULL)
			goto unclosed;
		switch (o[2]) {
		case '#':
		case '^':
			if (depth == 32) {
				place(text, o, &line, &col);
				return diag_fail(d, file, line, col,
				    "template: sections nested too deeply");
			}
			stack[depth++] = t->n;
			push(t, o[2] == '#' ? SEG_IF : SEG_UNLESS, o + 3,
			    (size_t)(c - o - 3));
			break;
		case '/':
			if (depth == 0 || strncmp(t->v[stack[depth - 1]].s, o + 3,
			    (size_t)(c - o - 3)) != 0 ||
			    t->v[stack[depth - 1]].len != (size_t)(c - o - 3)) {
				place(text, o, &line, &col);
				return diag_fail(d, file, line, col,
				    "template: '{{/%.*s}}' does not close the open section",
				    (int)(c - o - 3), o + 3);
			}
			push(t, SEG_END, o + 3, (size_t)(c - o - 3));
			t->v[stack[--depth]].jump = t->n - 1;
			break;
		default:
			push(t, SEG_VAR, o + 2, (size_t)(c - o - 2));
		}
		p = c + 2;
	}
	if (depth > 0) {
		place(text, text + len, &line, &col);
		return diag_fail(d, file, line, col,
		    "template: section '{{#%s}}' is never closed",
		    t->v[stack[depth - 1]].s);
	}
	return 0;
unclosed:
	place(text, o, &line, &col);
	return diag_fail(d, file, line, col, "template: '{{' is never closed");
}

void
template_clear(struct template *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->v[i].s);
	free(t->v);
	memset(t, 0, sizeof(*t));
}

void
template_render(const struct template *t, tvar_fn get, void *ctx,
    struct buf *out)
{
	size_t i;
	const char *v;

	for (i = 0; i < t->n; i++) {
		const struct seg *s = &t->v[i];

		switch (s->kind) {
		case SEG_TEXT:
			buf_put(out, s->s, s->len);
			break;
		case SEG_VAR:
			if ((v = get(ctx, s->s)) != NULL)
				buf_put_html(out, v, strlen(v));
			break;
		case SEG_RAW:
			if ((v = get(ctx, s->s)) != NULL)
				buf_puts(out, v);
			break;
		case SEG_IF:
			v = get(ctx, s->s);
			if (v == NULL || v[0] == '\0')
				i = s->jump;
			break;
		case SEG_UNLESS:
			v = get(ctx, s->s);
			if (v != NULL && v[0] != '\0')
				i = s->jump;
			break;
		case SEG_END:
			break;
		}
	}
}

char *
theme_default_dir(void)
{
	const char *env = getenv("VECDOC_THEMEDIR");
	char exe[PATH_MAX], *slash, *cand;
	ssize_t n;

	if (env != NULL && env[0] != '\0')
		return fs_join(env, "default");
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			cand = fs_join(exe, "themes/default");
			if (fs_isdir(cand))
				return cand;
			free(cand);
		}
	}
	return fs_join(VECDOC_THEMEDIR, "default");
}

static int
load_strings(struct theme *th, const char *path, struct diaglist *diags)
{
	struct buf b = BUF_INIT;
	struct diag d;
	struct ynode *y;
	size_t i;
	int created;

	if (fs_read(path, &b, &d) != 0) {
		buf_clear(&b);
		return 0;	/* a missing language file falls back */
	}
	y = ynode_parse(buf_str(&b), b.len, path, 0, &d);
	buf_clear(&b);
	if (y == NULL) {
		diaglist_push(diags, &d);
		return -1;
	}
	for (i = 0; i < y->n; i++) {
		struct strmap_ent *e;

		if (y->kind == YNODE_MAP && strcmp(y->keys[i], "results") == 0 &&
		    y->vals[i]->kind == YNODE_MAP) {
			/* captions and column names of directive results, by
			 * their English text: stored as "result:TEXT" */
			const struct ynode *m = y->vals[i];
			size_t j;

			for (j = 0; j < m->n; j++) {
				char *k;

				if (m->vals[j]->kind != YNODE_SCALAR)
					continue;
				k = xasprintf("result:%s", m->keys[j]);
				e = strmap_put(&th->i18n, k, strlen(k), &created);
				if (!created)
					free(e->val.ptr);
				e->val.ptr = xstrdup(m->vals[j]->str);
				free(k);
			}
			continue;
		}
		if (y->kind != YNODE_MAP || y->vals[i]->kind != YNODE_SCALAR)
			continue;
		e = strmap_put(&th->i18n, y->keys[i], strlen(y->keys[i]), &created);
		if (!created)
			free(e->val.ptr);
		e->val.ptr = xstrdup(y->vals[i]->str);
	}
	ynode_free(y);
	return 0;
}

/*
 * Whether path (a file or folder of the theme at absdir, its real path)
 * may be read. A theme's assets are published and its page.html and
 * strings shape every page, so a symbolic link that leads outside the
 * theme folder (a user theme in a pull request linking to /etc/passwd)
 * is refused with an error naming it, as links out of the content
 * directory are. A link that stays inside is fine.
 */
static int
inside_theme(const char *path, const char *dir, const char *absdir,
    struct diaglist *diags)
{
	if (!fs_link_escapes(path, absdir))
		return 1;
	diaglist_add(diags, DIAG_ERROR, path, 0, 0,
	    "symbolic link leads outside the theme folder %s; vecdoc reads "
	    "only files inside it (copy the file in instead)", dir);
	return 0;
}

static void
list_assets(struct theme *th, const char *base, const char *absbase,
    const char *sub, struct diaglist *diags)
{
	char *dir = *sub ? xasprintf("%s/assets/%s", base, sub) :
	    xasprintf("%s/assets", base);
	char **names;
	long n, i;
	size_t k;
	struct diag d;

	if (!inside_theme(dir, base, absbase, diags) ||
	    (n = fs_list(dir, &names, &d)) < 0) {
		free(dir);
		return;
	}
	for (i = 0; i < n; i++) {
		char *rel = *sub ? xasprintf("%s/%s", sub, names[i]) :
		    xstrdup(names[i]);
		char *full = fs_join(dir, names[i]);

		if (!inside_theme(full, base, absbase, diags))
			;
		else if (fs_isdir(full))
			list_assets(th, base, absbase, rel, diags);
		else {
			for (k = 0; k < th->nassets; k++)
				if (strcmp(th->assets[k], rel) == 0)
					break;
			if (k == th->nassets) {
				th->assets = xreallocarray(th->assets,
				    th->nassets + 1, sizeof(char *));
				th->assets[th->nassets++] = xstrdup(rel);
			}
		}
		free(rel);
		free(full);
	}
	fs_names_free(names, n);
	free(dir);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
theme_load(struct theme *th, const char *name, const char *root,
    const char *language, const char *cfgfile, struct diaglist *diags)
{
	char *path, *tpl, *absdir, *absdef, *i18n;
	struct buf b = BUF_INIT;
	struct diag d;
	int rc = 0, ok;

	memset(th, 0, sizeof(*th));
	strmap_init(&th->i18n);
	th->defdir = theme_default_dir();
	if (!fs_isdir(th->defdir))
		return diaglist_add(diags, DIAG_ERROR, th->defdir, 0, 0,
		    "the default theme is missing (set VECDOC_THEMEDIR to the folder that holds themes/default)");
	if (strcmp(name, "default") == 0)
		th->dir = xstrdup(th->defdir);
	else {
		th->dir = fs_join(root, name);
		if (!fs_isdir(th->dir)) {
			char *alt = fs_join(th->defdir, "..");
			char *cand = fs_join(alt, name);

			free(alt);
			if (fs_isdir(cand)) {
				free(th->dir);
				th->dir = cand;
			} else {
				free(cand);
				return diaglist_add(diags, DIAG_ERROR, cfgfile, 0, 0,
				    "theme '%s' not found (looked in %s and beside the default theme)",
				    name, root);
			}
		} else if (name[0] != '/' && strstr(name, "..") == NULL) {
			/* A theme folder of the content tree: not a way out
			 * of it through a symbolic link. */
			char *absroot = fs_abspath(root);
			char *real = fs_abspath(th->dir);

			ok = fs_within(real, absroot);
			if (!ok)
				diaglist_add(diags, DIAG_ERROR, th->dir, 0, 0,
				    "symbolic link leads outside the content "
				    "directory; a theme named in %s must be a "
				    "folder inside it (copy the theme in instead)",
				    cfgfile);
			free(absroot);
			free(real);
			if (!ok)
				return -1;
		}
	}
	absdir = fs_abspath(th->dir);
	absdef = fs_abspath(th->defdir);
	path = fs_join(th->dir, "page.html");
	if (!fs_exists(path)) {
		free(path);
		path = fs_join(th->defdir, "page.html");
		ok = inside_theme(path, th->defdir, absdef, diags);
	} else
		ok = inside_theme(path, th->dir, absdir, diags);
	if (!ok)
		rc = -1;
	else if (fs_read(path, &b, &d) != 0 ||
	    template_compile(&th->page, buf_str(&b), b.len, path, &d) != 0) {
		diaglist_push(diags, &d);
		rc = -1;
	}
	free(path);
	buf_clear(&b);
	/* English first, the default theme's language, then the override's. */
	i18n = xasprintf("%s/i18n", th->defdir);
	ok = inside_theme(i18n, th->defdir, absdef, diags);
	free(i18n);
	tpl = xasprintf("%s/i18n/en.yml", th->defdir);
	if (ok && inside_theme(tpl, th->defdir, absdef, diags))
		load_strings(th, tpl, diags);
	free(tpl);
	tpl = xasprintf("%s/i18n/%s.yml", th->defdir, language);
	if (!fs_exists(tpl) && strcmp(th->dir, th->defdir) == 0 &&
	    strcmp(language, "en") != 0)
		diaglist_add(diags, DIAG_WARNING, cfgfile, 0, 0,
		    "the theme has no strings for language '%s'; using English",
		    language);
	if (ok && strcmp(language, "en") != 0 &&
	    inside_theme(tpl, th->defdir, absdef, diags))
		load_strings(th, tpl, diags);
	else if (ok && strcmp(language, "en") == 0)
		load_strings(th, tpl, diags);
	free(tpl);
	if (strcmp(th->dir, th->defdir) != 0) {
		i18n = xasprintf("%s/i18n", th->dir);
		tpl = xasprintf("%s/i18n/%s.yml", th->dir, language);
		if (inside_theme(i18n, th->dir, absdir, diags) &&
		    inside_theme(tpl, th->dir, absdir, diags))
			load_strings(th, tpl, diags);
		free(i18n);
		free(tpl);
	}
	list_assets(th, th->dir, absdir, "", diags);
	if (strcmp(th->dir, th->defdir) != 0)
		list_assets(th, th->defdir, absdef, "", diags);
	free(absdir);
	free(absdef);
	if (th->nassets > 1)
		qsort(th->assets, th->nassets, sizeof(char *), cmp_str);
	return rc;
}

char *
theme_asset_path(const struct theme *th, const char *rel)
{
	char *p = xasprintf("%s/assets/%s", th->dir, rel);

	if (fs_exists(p))
		return p;
	free(p);
	return xasprintf("%s/assets/%s", th->defdir, rel);
}

const char *
theme_tr(const struct theme *th, const char *key)
{
	const struct strmap_ent *e = strmap_get(&th->i18n, key, strlen(key));

	return e ? e->val.ptr : key;
}

void
theme_clear(struct theme *th)
{
	size_t i;

	for (i = 0; i < th->i18n.cap; i++)
		if (th->i18n.v[i].key)
			free(th->i18n.v[i].val.ptr);
	strmap_clear(&th->i18n);
	template_clear(&th->page);
	for (i = 0; i < th->nassets; i++)
		free(th->assets[i]);
	free(th->assets);
	free(th->dir);
	free(th->defdir);
	memset(th, 0, sizeof(*th));
}
