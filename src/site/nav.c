/*
 * site/nav: navigation fragments from the content tree.
 * Produces escaped HTML (libxml2) and the course tree as JSON.
 * Never copies the whole course tree into a page: that is nav.js.
 */
#include <stdlib.h>
#include <string.h>

#include "render/xml.h"
#include "site/nav.h"
#include "util/fsutil.h"
#include "util/json.h"
#include "util/xalloc.h"

static char *
flush(xmlNodePtr n)
{
	struct buf b = BUF_INIT;

	html_flush(n, &b);
	return buf_detach(&b);
}

/* <a href="relative path from pg to target">text</a> */
static xmlNodePtr
link_to(xmlNodePtr parent, const struct page *from, const struct page *to,
    const char *text, const char *cls)
{
	char *rel = fs_relpath(from->dir, to->out);
	xmlNodePtr a = html_el_text(parent, "a", cls, text);

	html_attr(a, "href", rel);
	free(rel);
	return a;
}

const char *
nav_module_title(const struct page *pg)
{
	if (pg->section && pg->section->index)
		return pg->section->index->title;
	return pg->title;
}

char *
nav_breadcrumbs(const struct site *s, const struct page *pg,
    const struct theme *th)
{
	xmlNodePtr nav = html_el(NULL, "nav", "breadcrumbs"), ol, li;

	html_attr(nav, "aria-label", theme_tr(th, "breadcrumbs"));
	ol = html_el(nav, "ol", NULL);
	li = html_el(ol, "li", NULL);
	if (pg == s->home) {
		li = html_el_text(li, "span", NULL, theme_tr(th, "home"));
		html_attr(li, "aria-current", "page");
		return flush(nav);
	}
	if (s->home)
		link_to(li, pg, s->home, theme_tr(th, "home"), NULL);
	if (pg->section && pg->section->index && !pg->is_index) {
		li = html_el(ol, "li", NULL);
		link_to(li, pg, pg->section->index, pg->section->index->title, NULL);
	}
	li = html_el(ol, "li", NULL);
	li = html_el_text(li, "span", NULL, pg->title);
	html_attr(li, "aria-current", "page");
	return flush(nav);
}

char *
nav_prevnext(const struct site *s, const struct page *pg,
    const struct theme *th)
{
	xmlNodePtr nav = html_el(NULL, "nav", "pagenav"), a;
	const struct page *prev = pg->order > 0 ? s->order[pg->order - 1] : NULL;
	const struct page *next = (size_t)pg->order + 1 < s->norder ?
	    s->order[pg->order + 1] : NULL;

	html_attr(nav, "aria-label", theme_tr(th, "pagenav"));
	if (prev) {
		a = link_to(nav, pg, prev, "", "prev");
		html_attr(a, "rel", "prev");
		html_el_text(a, "span", "dir", theme_tr(th, "previous"));
		html_el_text(a, "span", "title", prev->title);
	}
	if (next) {
		a = link_to(nav, pg, next, "", "next");
		html_attr(a, "rel", "next");
		html_el_text(a, "span", "dir", theme_tr(th, "next"));
		html_el_text(a, "span", "title", next->title);
	}
	return flush(nav);
}

char *
nav_module_lessons(const struct site *s, const struct page *pg,
    const struct theme *th)
{
	const struct section *sec = pg->section;
	xmlNodePtr nav, ol, li, h;
	size_t i;

	(void)s;
	if (sec == NULL || sec->npages == 0)
		return xstrdup("");
	nav = html_el(NULL, "nav", "module-lessons");
	html_attr(nav, "aria-label", theme_tr(th, "lessons_in_module"));
	h = html_el(nav, "p", "module-lessons-title");
	if (sec->index && sec->index != pg)
		link_to(h, pg, sec->index, sec->index->title, NULL);
	else
		html_text(h, sec->index ? sec->index->title : sec->dir);
	ol = html_el(nav, "ol", NULL);
	for (i = 0; i < sec->npages; i++) {
		li = html_el(ol, "li", NULL);
		if (sec->pages[i] == pg) {
			xmlNodePtr cur = html_el_text(li, "span", "current",
			    pg->title);

			html_attr(cur, "aria-current", "page");
		} else
			link_to(li, pg, sec->pages[i], sec->pages[i]->title, NULL);
	}
	return flush(nav);
}

struct nav_sec {
	int		 ok;		/* the pieces join up to the whole */
	const char	*dir;		/* the lessons' folder */
	char		*head, *tail;	/* around the items */
	char		**link, **cur;	/* item i as a link, as the current page */
	size_t		 n;
};

/* Item i of sec's lesson list as seen from a lesson of sec: a link, or
 * (cur) the current page. */
static char *
lesson_item(const struct section *sec, size_t i, int cur)
{
	xmlNodePtr li = html_el(NULL, "li", NULL);

	if (cur) {
		xmlNodePtr c = html_el_text(li, "span", "current",
		    sec->pages[i]->title);

		html_attr(c, "aria-current", "page");
	} else
		link_to(li, sec->pages[0], sec->pages[i], sec->pages[i]->title,
		    NULL);
	return flush(li);
}

static void
lessons_prepare(struct nav_sec *ns, const struct site *s,
    const struct section *sec, const struct theme *th)
{
	struct buf items = BUF_INIT;
	char *whole, *at;
	xmlNodePtr nav, ol, h;
	size_t i;

	memset(ns, 0, sizeof(*ns));
	if (sec->npages == 0)
		return;
	ns->dir = sec->pages[0]->dir;
	ns->n = sec->npages;
	ns->link = xcalloc(ns->n, sizeof(char *));
	ns->cur = xcalloc(ns->n, sizeof(char *));
	for (i = 0; i < ns->n; i++) {
		ns->link[i] = lesson_item(sec, i, 0);
		ns->cur[i] = lesson_item(sec, i, 1);
		buf_puts(&items, ns->link[i]);
	}
	/* The whole list as no lesson sees it (none current), cut around
	 * the items. */
	nav = html_el(NULL, "nav", "module-lessons");
	html_attr(nav, "aria-label", theme_tr(th, "lessons_in_module"));
	h = html_el(nav, "p", "module-lessons-title");
	if (sec->index)
		link_to(h, sec->pages[0], sec->index, sec->index->title, NULL);
	else
		html_text(h, sec->dir);
	ol = html_el(nav, "ol", NULL);
	for (i = 0; i < sec->npages; i++)
		link_to(html_el(ol, "li", NULL), sec->pages[0], sec->pages[i],
		    sec->pages[i]->title, NULL);
	whole = flush(nav);
	(void)s;
	if (items.data != NULL && (at = strstr(whole, items.data)) != NULL) {
		ns->head = xstrndup(whole, (size_t)(at - whole));
		ns->tail = xstrdup(at + items.len);
		ns->ok = 1;
	}
	free(whole);
	buf_clear(&items);
}

void
nav_lessons_init(struct nav_lessons *nl, const struct site *s,
    const struct theme *th)
{
	size_t i;

	nl->n = s->nsections;
	nl->v = xcalloc(nl->n + 1, sizeof(*nl->v));
	for (i = 0; i < nl->n; i++)
		lessons_prepare(&nl->v[i], s, &s->sections[i], th);
}

char *
nav_lessons_get(const struct nav_lessons *nl, const struct site *s,
    const struct page *pg, const struct theme *th)
{
	const struct section *sec = pg->section;
	const struct nav_sec *ns;
	struct buf b = BUF_INIT;
	size_t i, k;

	if (sec == NULL || sec->npages == 0)
		return xstrdup("");
	i = (size_t)(sec - s->sections);
	if (i >= nl->n || !(ns = &nl->v[i])->ok || ns->n != sec->npages ||
	    strcmp(ns->dir, pg->dir) != 0)
		return nav_module_lessons(s, pg, th);
	for (k = 0; k < sec->npages && sec->pages[k] != pg; k++)
		;
	if (k == sec->npages || sec->index == pg)
		return nav_module_lessons(s, pg, th);
	buf_puts(&b, ns->head);
	for (i = 0; i < ns->n; i++)
		buf_puts(&b, i == k ? ns->cur[i] : ns->link[i]);
	buf_puts(&b, ns->tail);
	return buf_detach(&b);
}

void
nav_lessons_clear(struct nav_lessons *nl)
{
	size_t i, k;

	for (i = 0; i < nl->n; i++) {
		for (k = 0; k < nl->v[i].n; k++) {
			free(nl->v[i].link[k]);
			free(nl->v[i].cur[k]);
		}
		free(nl->v[i].link);
		free(nl->v[i].cur);
		free(nl->v[i].head);
		free(nl->v[i].tail);
	}
	free(nl->v);
	memset(nl, 0, sizeof(*nl));
}

static void
lesson_items(xmlNodePtr ol, const struct page *from, const struct section *sec)
{
	size_t i;
	xmlNodePtr li;

	for (i = 0; i < sec->npages; i++) {
		li = html_el(ol, "li", NULL);
		link_to(li, from, sec->pages[i], sec->pages[i]->title, NULL);
		if (sec->pages[i]->description)
			html_el_text(li, "p", "desc", sec->pages[i]->description);
	}
}

char *
nav_home_listing(const struct site *s, const struct theme *th)
{
	xmlNodePtr div = html_el(NULL, "section", "course-modules"), card, h, ol;
	size_t i;

	html_attr(div, "aria-label", theme_tr(th, "modules"));
	for (i = 0; i < s->nsections; i++) {
		const struct section *sec = &s->sections[i];

		if (sec->index == NULL)
			continue;
		card = html_el(div, "article", "module-card");
		h = html_el(card, "h2", NULL);
		html_el_text(h, "span", "kicker", theme_tr(th, "module"));
		html_text(h, " ");
		link_to(h, s->home, sec->index, sec->index->title, NULL);
		if (sec->index->description)
			html_el_text(card, "p", "desc", sec->index->description);
		if (sec->npages > 0) {
			ol = html_el(card, "ol", "lesson-list");
			lesson_items(ol, s->home, sec);
		}
	}
	return flush(div);
}

char *
nav_section_listing(const struct site *s, const struct page *idx,
    const struct theme *th)
{
	xmlNodePtr div = html_el(NULL, "section", "module-lesson-list"), ol;

	(void)s;
	if (idx->section == NULL || idx->section->npages == 0) {
		xmlFreeNode(div);
		return xstrdup("");
	}
	html_el_text(div, "h2", NULL, theme_tr(th, "lessons"));
	ol = html_el(div, "ol", "lesson-list");
	lesson_items(ol, idx, idx->section);
	return flush(div);
}

char *
nav_toc(const struct mdpage *md, const struct theme *th)
{
	xmlNodePtr nav, ol, sub = NULL, li = NULL, a;
	size_t i, n = 0;
	char href[600];

	for (i = 0; i < md->nheads; i++)
		if (md->heads[i].level >= 2 && md->heads[i].level <= 3)
			n++;
	if (n < 2)
		return xstrdup("");
	nav = html_el(NULL, "nav", "toc");
	html_attr(nav, "aria-labelledby", "toc-title");
	a = html_el_text(nav, "p", "toc-title", theme_tr(th, "on_this_page"));
	html_attr(a, "id", "toc-title");
	ol = html_el(nav, "ol", NULL);
	for (i = 0; i < md->nheads; i++) {
		const struct heading *h = &md->heads[i];

		if (h->level < 2 || h->level > 3)
			continue;
		snprintf(href, sizeof(href), "#%s", h->id);
		if (h->level == 2 || li == NULL) {
			li = html_el(ol, "li", NULL);
			sub = NULL;
			a = html_el_text(li, "a", NULL, h->text);
		} else {
			if (sub == NULL)
				sub = html_el(li, "ol", NULL);
			a = html_el_text(html_el(sub, "li", NULL), "a", NULL, h->text);
		}
		html_attr(a, "href", href);
	}
	return flush(nav);
}

static void
page_json(struct jw *w, const struct page *pg)
{
	jw_obj_begin(w);
	jw_key(w, "title");
	jw_str(w, pg->title);
	jw_key(w, "href");
	jw_str(w, pg->out);
	jw_obj_end(w);
}

char *
nav_js(const struct site *s)
{
	struct buf b = BUF_INIT;
	struct jw w;
	size_t i, j;

	buf_puts(&b, "window.VECDOC_NAV = ");
	jw_init(&w, &b, 0);
	jw_obj_begin(&w);
	jw_key(&w, "title");
	jw_str(&w, s->cfg.title);
	jw_key(&w, "home");
	jw_str(&w, s->home ? s->home->out : "index.html");
	jw_key(&w, "pages");
	jw_arr_begin(&w);
	for (i = 0; i < s->norder; i++)
		if (s->order[i]->section == NULL && s->order[i] != s->home)
			page_json(&w, s->order[i]);
	jw_arr_end(&w);
	jw_key(&w, "modules");
	jw_arr_begin(&w);
	for (i = 0; i < s->nsections; i++) {
		const struct section *sec = &s->sections[i];

		if (sec->index == NULL)
			continue;
		jw_obj_begin(&w);
		jw_key(&w, "title");
		jw_str(&w, sec->index->title);
		jw_key(&w, "href");
		jw_str(&w, sec->index->out);
		jw_key(&w, "pages");
		jw_arr_begin(&w);
		for (j = 0; j < sec->npages; j++)
			page_json(&w, sec->pages[j]);
		jw_arr_end(&w);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_obj_end(&w);
	buf_puts(&b, ";\n");
	return buf_detach(&b);
}
