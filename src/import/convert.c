/*
 * import/convert: a legacy page's body into vecdoc Markdown.
 * Reads repaired text; produces headings from numbered lines, lists from
 * tab-indented bullets, GFM tables from tab-separated rows, $$ blocks from
 * bare TeX lines, repaired formulas, title and description.
 * Never changes a page that is already Markdown beyond what it must
 * (rules, bullets, navigation).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import.h"
#include "md/slug.h"
#include "md/texmath.h"
#include "util/xalloc.h"

#define NAV_START "<!-- Aero-Navigation-Start -->"
#define NAV_END "<!-- Aero-Navigation-End -->"
#define FOOT_START "<!-- Aero-Footer-Start -->"
#define FOOT_END "<!-- Aero-Footer-End -->"
#define RULE "\xE2\xB8\xBB"	/* U+2E3B THREE-EM DASH */
#define BULLET "\xE2\x80\xA2"	/* U+2022 */

/* The block between start and end markers (whole lines), or 0. */
static int
find_block(const char *s, size_t len, const char *a, const char *b,
    struct imp_range *r)
{
	const char *p = memmem(s, len, a, strlen(a)), *q;

	if (p == NULL)
		return 0;
	q = memmem(p, len - (size_t)(p - s), b, strlen(b));
	if (q == NULL)
		return 0;
	while (p > s && p[-1] != '\n')
		p--;
	q += strlen(b);
	while (q < s + len && *q != '\n')
		q++;
	if (q < s + len)
		q++;
	r->start = (size_t)(p - s);
	r->end = (size_t)(q - s);
	return 1;
}

int
imp_split(const char *s, size_t len, struct imp_range *body, int *nbody,
    struct imp_range *nav, struct imp_range *footer)
{
	struct imp_range blk[2];
	int n = 0, i;
	size_t at = 0;

	memset(nav, 0, sizeof(*nav));
	memset(footer, 0, sizeof(*footer));
	if (find_block(s, len, NAV_START, NAV_END, nav))
		blk[n++] = *nav;
	if (find_block(s, len, FOOT_START, FOOT_END, footer))
		blk[n++] = *footer;
	if (n == 2 && blk[1].start < blk[0].start) {
		struct imp_range t = blk[0];

		blk[0] = blk[1];
		blk[1] = t;
	}
	if (n == 2 && blk[1].start < blk[0].end)
		n = 1;
	*nbody = 0;
	for (i = 0; i < n; i++) {
		if (blk[i].start > at) {
			body[*nbody].start = at;
			body[(*nbody)++].end = blk[i].start;
		}
		at = blk[i].end;
	}
	if (at < len) {
		body[*nbody].start = at;
		body[(*nbody)++].end = len;
	}
	return n;
}

char *
imp_namekey(const char *name)
{
	const char *b = strrchr(name, '/');
	char *f, *p, *o;
	size_t n;

	b = b != NULL ? b + 1 : name;
	n = strlen(b);
	if (n > 3 && strcmp(b + n - 3, ".md") == 0)
		n -= 3;
	else if (n > 4 && strcmp(b + n - 4, ".txt") == 0)
		n -= 4;
	f = text_fold(b, n);
	for (p = o = f; *p; p++) {
		if (isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80)
			*o++ = *p;
		else if (o > f && o[-1] != '_')
			*o++ = '_';
	}
	while (o > f && o[-1] == '_')
		o--;
	*o = '\0';
	return f;
}

/* The text and target of the first Markdown link at or after p. */
static const char *
next_link(const char *p, const char *end, char **text, char **target)
{
	const char *o, *c, *t;

	while ((o = memchr(p, '[', (size_t)(end - p))) != NULL) {
		int depth = 0;

		for (c = o; c < end; c++) {
			if (*c == '[')
				depth++;
			else if (*c == ']' && --depth == 0)
				break;
		}
		if (c >= end || c + 1 >= end || c[1] != '(') {
			p = o + 1;
			continue;
		}
		t = memchr(c + 2, ')', (size_t)(end - c - 2));
		if (t == NULL)
			return NULL;
		/* Targets may hold parentheses: "(advanced) (part 1).md)":
		 * when the target does not end in ".md", take the first ")"
		 * after a ".md" on the line. */
		if (!(t - 3 > c && memcmp(t - 3, ".md", 3) == 0)) {
			const char *u = t, *eol = memchr(c, '\n', (size_t)(end - c));

			if (eol == NULL)
				eol = end;
			while ((u = memchr(u + 1, ')', (size_t)(eol - u - 1))) != NULL)
				if (memcmp(u - 3, ".md", 3) == 0) {
					t = u;
					break;
				}
		}
		*text = xstrndup(o + 1, (size_t)(c - o - 1));
		*target = xstrndup(c + 2, (size_t)(t - c - 2));
		return t + 1;
	}
	return NULL;
}

static void
strip_number(const char *s, char **rest, int *num)
{
	char *e;
	long v = strtol(s, &e, 10);

	*num = 0;
	if (e != s && (*e == ' ' || *e == '-' || *e == '_')) {
		*num = (int)v;
		while (*e == ' ' || *e == '-' || *e == '_')
			e++;
		*rest = xstrdup(e);
	} else
		*rest = xstrdup(s);
}

void
imp_read_nav(struct imp_page *pg, const char *nav, const char *footer)
{
	const char *p, *line, *end;

	if (nav != NULL) {
		/* The breadcrumb: "[Home](..) > [11 Module](index.md)". */
		for (line = nav; *line; ) {
			const char *e = strchr(line, '\n');
			char *text = NULL, *target = NULL, *lt = NULL;

			if (e == NULL)
				e = line + strlen(line);
			if (memmem(line, (size_t)(e - line), ") > [", 5) != NULL) {
				p = line;
				while ((p = next_link(p, e, &text, &target)) != NULL) {
					free(lt);
					lt = text;
					free(target);
				}
				if (lt != NULL && pg->module == NULL) {
					strip_number(lt, &pg->module, &pg->modweight);
					pg->modkey = slugify(pg->module, strlen(pg->module));
				}
				free(lt);
			}
			line = *e ? e + 1 : e;
		}
	}
	if (footer == NULL)
		return;
	end = footer + strlen(footer);
	for (line = footer; line < end; ) {
		const char *e = strchr(line, '\n');
		char *text, *target;

		if (e == NULL)
			e = end;
		if (line[0] == '|' && next_link(line, e, &text, &target) != NULL) {
			pg->lessons = xreallocarray(pg->lessons, pg->nlessons + 1,
			    sizeof(char *));
			pg->lessontitles = xreallocarray(pg->lessontitles,
			    pg->nlessons + 1, sizeof(char *));
			pg->lessons[pg->nlessons] = target;
			pg->lessontitles[pg->nlessons++] = text;
			if (memmem(line, (size_t)(e - line), "\xF0\x9F\x93\x8C", 4) &&
			    pg->origname == NULL)
				pg->origname = xstrdup(target);
		}
		line = e < end ? e + 1 : e;
	}
}

/* ---- lines ---- */

struct lines {
	char	**v;
	size_t	  n;
};

static void
lines_split(const char *s, struct lines *l)
{
	const char *p = s;

	l->v = NULL;
	l->n = 0;
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t n = e != NULL ? (size_t)(e - p) : strlen(p);

		l->v = xreallocarray(l->v, l->n + 1, sizeof(char *));
		l->v[l->n++] = xstrndup(p, n > 0 && p[n - 1] == '\r' ? n - 1 : n);
		if (e == NULL)
			break;
		p = e + 1;
	}
}

static void
lines_free(struct lines *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

static int
blank(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return *s == '\0';
}

static char *
trim(const char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return xstrndup(s, n);
}

/* ---- TeX ---- */

/* $\cmd$ with a single control word inside: the length of the whole, or 0. */
static size_t
lone_command(const char *s, size_t n)
{
	size_t i = 2;

	if (n < 4 || s[0] != '$' || s[1] != '\\' || !isalpha((unsigned char)s[2]))
		return 0;
	while (i < n && isalpha((unsigned char)s[i]))
		i++;
	return i < n && s[i] == '$' ? i + 1 : 0;
}

/* "P(w_i)", "\log(x)": a name applied to a balanced group. */
static int
function_like(const char *s, size_t n)
{
	size_t i = 0;
	int depth = 0;

	if (i < n && s[i] == '\\')
		i++;
	if (i >= n || !isalpha((unsigned char)s[i]))
		return 0;
	while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '_' ||
	    s[i] == '{' || s[i] == '}'))
		i++;
	if (i >= n || s[i] != '(' || s[n - 1] != ')')
		return 0;
	for (; i < n; i++) {
		if (s[i] == '(')
			depth++;
		else if (s[i] == ')' && --depth == 0 && i != n - 1)
			return 0;
	}
	return depth == 0;
}

int
imp_fix_tex(const char *s, size_t n, struct buf *out)
{
	struct buf a = BUF_INIT;
	size_t i, k;
	int fixes = 0, glued_prev = 0;

	/* "\\mid" stood for "\|"; "$\cmd$" for "\cmd". */
	for (i = 0; i < n; ) {
		if (i + 5 <= n && memcmp(s + i, "\\\\mid", 5) == 0 &&
		    (i + 5 == n || !isalpha((unsigned char)s[i + 5]))) {
			buf_puts(&a, "\\|");
			i += 5;
			fixes++;
		} else if ((k = lone_command(s + i, n - i)) != 0) {
			buf_put(&a, s + i + 1, k - 2);
			i += k;
			fixes++;
		} else
			buf_putc(&a, s[i++]);
	}
	/* The other "$…$" pairs were parentheses, or wrapped nothing. */
	for (i = 0; i < a.len; ) {
		const char *t = a.data;
		const char *c;
		size_t j;
		int before, after;

		if (t[i] != '$') {
			buf_putc(out, t[i++]);
			glued_prev = 0;
			continue;
		}
		c = memchr(t + i + 1, '$', a.len - i - 1);
		if (c == NULL) {
			buf_putc(out, t[i++]);
			continue;
		}
		j = (size_t)(c - t);
		before = glued_prev || (i > 0 && (isalnum((unsigned char)t[i - 1]) ||
		    t[i - 1] == '}' || t[i - 1] == ')' || t[i - 1] == ']'));
		after = j + 1 < a.len && (t[j + 1] == '$' || t[j + 1] == '^' ||
		    t[j + 1] == '_' || isalnum((unsigned char)t[j + 1]) ||
		    t[j + 1] == '\\');
		if (function_like(t + i + 1, j - i - 1) || !(before || after))
			buf_put(out, t + i + 1, j - i - 1);
		else {
			buf_putc(out, '(');
			buf_put(out, t + i + 1, j - i - 1);
			buf_putc(out, ')');
		}
		fixes++;
		glued_prev = 1;
		i = j + 1;
	}
	buf_clear(&a);
	return fixes;
}

/* Whether TeX s parses with vecdoc's reader; msg gets the reason. */
static int
tex_ok(const char *s, size_t n, int display, char *msg, size_t msz)
{
	struct buf h = BUF_INIT;
	size_t off;
	int r = tex_to_mathml(s, n, display, &h, &off, msg, msz);

	buf_clear(&h);
	return r == 0;
}

static int
has_tex_marker(const char *s)
{
	const char *p;

	for (p = s; *p; p++) {
		if (*p == '\\' && p[1] != '\0' && p[1] != ' ')
			return 1;
		if ((*p == '^' || *p == '_') && p > s &&
		    (isalnum((unsigned char)p[-1]) || p[-1] == '}'))
			return 1;
		if (*p == '$' && p > s && isalpha((unsigned char)p[-1]))
			return 1;
	}
	return 0;
}

/* A line of bare TeX: markers, no prose words (two ASCII words in a row
 * or any non-ASCII letter outside \text{...}), not an introduction. */
static int
is_tex_line(const char *line)
{
	char *t = trim(line);
	const char *p;
	size_t n = strlen(t);
	int words = 0, run = 0, brace = 0, ok;

	ok = n > 0 && t[n - 1] != ':' && t[n - 1] != '.' &&
	    (has_tex_marker(t) || strchr(t, '=') != NULL);
	for (p = t; ok && *p; p++) {
		if (strncmp(p, "\\text{", 6) == 0 || strncmp(p, "\\mathrm{", 8) == 0 ||
		    strncmp(p, "\\operatorname{", 14) == 0) {
			int d = 0;

			for (; *p; p++) {
				if (*p == '{')
					d++;
				else if (*p == '}' && --d == 0)
					break;
			}
			if (*p == '\0')
				break;
			continue;
		}
		if ((unsigned char)*p >= 0x80) {
			ok = 0;
			break;
		}
		if (*p == '\\') {
			while (isalpha((unsigned char)p[1]))
				p++;
			run = 0;
			continue;
		}
		if (*p == '{')
			brace++;
		else if (*p == '}' && brace > 0)
			brace--;
		if (isalpha((unsigned char)*p))
			run++;
		else {
			if (run >= 3 && brace == 0) {
				if (*p == ' ' && words > 0)
					ok = 0;
				words = *p == ' ' ? words + 1 : 0;
			} else if (*p != ' ')
				words = 0;
			else if (run > 0)
				words = 0;
			run = 0;
		}
	}
	if (ok && run >= 3 && words > 0)
		ok = 0;
	free(t);
	return ok;
}

/* A line that is only "$$". */
static int
is_dd(const char *s)
{
	char *t = trim(s);
	int r = strcmp(t, "$$") == 0;

	free(t);
	return r;
}

/* ---- the body ---- */

struct conv {
	struct imp_page	*pg;
	const char	*file;
	struct buf	 out;
	int		 lastrule;	/* the previous paragraph was a rule */
	int		 seenrule;
};

static void
emit(struct conv *cv, const char *s)
{
	buf_puts(&cv->out, s);
	buf_putc(&cv->out, '\n');
}

static void
emit_blank(struct conv *cv)
{
	if (cv->out.len > 0 && !(cv->out.len >= 2 &&
	    cv->out.data[cv->out.len - 1] == '\n' &&
	    cv->out.data[cv->out.len - 2] == '\n'))
		buf_putc(&cv->out, '\n');
}

/* A numbered heading line "3.1 Định nghĩa": its level (2..6) or 0. */
static int
numbered_heading(const char *s)
{
	const char *p = s;
	int parts = 0;
	size_t n = strlen(s);

	if (!isdigit((unsigned char)*p) || n > 120 || s[n - 1] == ':' ||
	    s[n - 1] == '.' || s[n - 1] == ',')
		return 0;
	while (isdigit((unsigned char)*p)) {
		while (isdigit((unsigned char)*p))
			p++;
		parts++;
		if (*p == '.' && isdigit((unsigned char)p[1]))
			p++;
		else
			break;
	}
	if (*p == '.')
		p++;
	if (*p != ' ' || blank(p))
		return 0;
	return parts + 1 > 6 ? 6 : parts + 1;
}

/* Wraps the TeX runs of a prose line in $…$: tokens with TeX in them,
 * with the single letters, numbers and operators between them. */
static void
inline_tex(struct conv *cv, const char *s, struct buf *o)
{
	struct tok {
		const char	*a, *e;	/* e: before trailing punctuation */
		int		 kind;	/* 2 TeX, 1 joiner, 0 prose */
		int		 punct;	/* punctuation was cut off */
	} *tk = NULL;
	size_t nt = 0, i, j;
	const char *p = s, *at = s;

	if (strchr(s, '$') != NULL && !has_tex_marker(s)) {
		buf_puts(o, s);
		return;
	}
	while (*p) {
		const char *a, *b;
		char *t;
		size_t tl;

		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		a = p;
		while (*p && *p != ' ')
			p++;
		b = p;
		tl = (size_t)(b - a);
		while (tl > 0 && strchr(":,.;", a[tl - 1]) != NULL &&
		    !(tl >= 2 && a[tl - 2] == '\\'))
			tl--;
		tk = xreallocarray(tk, nt + 1, sizeof(*tk));
		tk[nt].a = a;
		tk[nt].e = a + tl;
		tk[nt].punct = a + tl != b;
		t = xstrndup(a, tl);
		if (has_tex_marker(t))
			tk[nt].kind = 2;
		else if (tl > 0 && ((tl == 1 && (isalnum((unsigned char)t[0]) ||
		    strchr("=+-<>", t[0]) != NULL)) || strspn(t, "0123456789") == tl))
			tk[nt].kind = 1;
		else
			tk[nt].kind = 0;
		free(t);
		nt++;
	}
	for (i = 0; i < nt; ) {
		size_t first, last;
		int any = 0;

		if (tk[i].kind == 0) {
			i++;
			continue;
		}
		/* a run of TeX and joiners, ended by prose or punctuation */
		for (j = i; j < nt && tk[j].kind > 0; j++) {
			any |= tk[j].kind == 2;
			/* "\{wiki, twitter\}": a comma inside a formula goes on */
			if (tk[j].punct && !(j + 1 < nt && tk[j + 1].kind == 2 &&
			    *tk[j].e == ',')) {
				j++;
				break;
			}
			if (tk[j].punct)
				tk[j].e = tk[j].e + 1;
		}
		if (!any) {
			i = j;
			continue;
		}
		first = i;
		last = j - 1;
		/* operators do not start or end a formula */
		while (first < last && tk[first].kind == 1 &&
		    !isalnum((unsigned char)tk[first].a[0]))
			first++;
		while (last > first && tk[last].kind == 1 &&
		    !isalnum((unsigned char)tk[last].a[0]))
			last--;
		{
			struct buf f = BUF_INIT;
			const char *ts = tk[first].a, *te = tk[last].e;
			char msg[256];

			buf_put(o, at, (size_t)(ts - at));
			if (imp_fix_tex(ts, (size_t)(te - ts), &f) > 0)
				cv->pg->maths_fixed++;
			if (tex_ok(f.data, f.len, 0, msg, sizeof(msg))) {
				buf_putc(o, '$');
				buf_put(o, f.data, f.len);
				buf_putc(o, '$');
			} else {
				cv->pg->maths_left++;
				buf_put(o, ts, (size_t)(te - ts));
			}
			buf_clear(&f);
			at = te;
		}
		i = j;
	}
	buf_puts(o, at);
	free(tk);
}

/* Bullets and numbered items with tabs: the Markdown line, or NULL. */
static char *
list_item(const char *s)
{
	const char *p = s;
	int tabs = 0;
	struct buf b = BUF_INIT;

	while (*p == '\t') {
		tabs++;
		p++;
	}
	while (*p == ' ')
		p++;
	if (strncmp(p, BULLET, 3) == 0) {
		p += 3;
		while (*p == '\t' || *p == ' ')
			p++;
		while (tabs-- > 1)
			buf_puts(&b, "  ");
		buf_puts(&b, "- ");
		buf_puts(&b, p);
		return buf_detach(&b);
	}
	if (tabs > 0 && isdigit((unsigned char)*p)) {
		const char *d = p;

		while (isdigit((unsigned char)*d))
			d++;
		if (*d == '.' && d[1] == '\t') {
			buf_put(&b, p, (size_t)(d - p) + 1);
			buf_putc(&b, ' ');
			d += 2;
			while (*d == '\t' || *d == ' ')
				d++;
			buf_puts(&b, d);
			return buf_detach(&b);
		}
	}
	buf_clear(&b);
	return NULL;
}

static int
is_item(const char *s)
{
	char *li = list_item(s);
	int r = li != NULL;

	free(li);
	return r;
}

static void
note(struct conv *cv, long line, const char *fmt, const char *a, const char *b)
{
	diaglist_add(&cv->pg->notes, DIAG_WARNING, cv->file, line, 1, fmt, a, b);
}

/* A paragraph of bare TeX lines as a $$ block (or as it was). */
static void
tex_block(struct conv *cv, char **v, size_t n, long line)
{
	struct buf src = BUF_INIT, f = BUF_INIT;
	char msg[256];
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(&src, '\n');
		buf_puts(&src, v[i]);
	}
	if (imp_fix_tex(src.data, src.len, &f) > 0)
		cv->pg->maths_fixed++;
	if (tex_ok(f.data, f.len, 1, msg, sizeof(msg))) {
		emit(cv, "$$");
		emit(cv, buf_str(&f));
		emit(cv, "$$");
	} else {
		cv->pg->maths_left++;
		note(cv, line, "formula left as it was: %s: %s", msg, buf_str(&src));
		emit(cv, buf_str(&src));
	}
	buf_clear(&src);
	buf_clear(&f);
}

/* A tab-separated paragraph: cells per row, or 0 if not a table. */
static int
table_cells(const char *s)
{
	int n = 1;

	if (*s == '\t' || strchr(s, '\t') == NULL)
		return 0;
	for (; *s; s++)
		n += *s == '\t';
	return n;
}

static void
table(struct conv *cv, char **v, size_t n)
{
	size_t r;
	int c;

	for (r = 0; r < n; r++) {
		char *row = v[r], *cell = row;
		struct buf b = BUF_INIT;

		buf_puts(&b, "|");
		for (;;) {
			char *e = strchr(cell, '\t'), *t;

			t = e != NULL ? xstrndup(cell, (size_t)(e - cell)) : xstrdup(cell);
			buf_putc(&b, ' ');
			if (r > 0 && has_tex_marker(t)) {
				struct buf f = BUF_INIT;
				char msg[256];

				if (imp_fix_tex(t, strlen(t), &f) > 0)
					cv->pg->maths_fixed++;
				if (tex_ok(f.data, f.len, 0, msg, sizeof(msg))) {
					buf_putc(&b, '$');
					buf_put(&b, f.data, f.len);
					buf_putc(&b, '$');
				} else {
					cv->pg->maths_left++;
					buf_puts(&b, t);
				}
				buf_clear(&f);
			} else {
				const char *p;

				for (p = t; *p; p++) {
					if (*p == '|')
						buf_putc(&b, '\\');
					buf_putc(&b, *p);
				}
			}
			buf_puts(&b, " |");
			free(t);
			if (e == NULL)
				break;
			cell = e + 1;
		}
		emit(cv, buf_str(&b));
		buf_clear(&b);
		if (r == 0) {
			int cells = table_cells(v[0]);

			buf_puts(&b, "|");
			for (c = 0; c < cells; c++)
				buf_puts(&b, " --- |");
			emit(cv, buf_str(&b));
			buf_clear(&b);
		}
	}
}

static int
short_title(const char *s)
{
	int words = 1;
	size_t n = strlen(s);

	if (n == 0 || n > 80 || s[n - 1] == ':' || s[n - 1] == '.' ||
	    has_tex_marker(s) || strchr(s, '\t') != NULL)
		return 0;
	for (; *s; s++)
		words += *s == ' ';
	return words <= 8;
}

/* One paragraph of a page that was not Markdown. */
static void
paragraph(struct conv *cv, char **v, size_t n, long line)
{
	size_t i;
	int lvl, cells;
	char *t = trim(v[0]);

	if (n == 1 && strcmp(t, RULE) == 0) {
		emit_blank(cv);
		emit(cv, "---");
		cv->lastrule = cv->seenrule = 1;
		free(t);
		return;
	}
	if (n == 1 && (lvl = numbered_heading(t)) > 0) {
		struct buf b = BUF_INIT;

		while (lvl-- > 0)
			buf_putc(&b, '#');
		buf_putc(&b, ' ');
		buf_puts(&b, t);
		emit(cv, buf_str(&b));
		buf_clear(&b);
		free(t);
		cv->lastrule = 0;
		return;
	}
	if (cv->lastrule && short_title(t) && !is_item(v[0]) &&
	    (n == 1 || is_item(v[1]))) {
		struct buf b = BUF_INIT;

		buf_puts(&b, "## ");
		buf_puts(&b, t);
		emit(cv, buf_str(&b));
		buf_clear(&b);
		free(t);
		cv->lastrule = 0;
		if (n == 1)
			return;
		emit_blank(cv);
		paragraph(cv, v + 1, n - 1, line + 1);
		return;
	}
	free(t);
	cv->lastrule = 0;
	cells = table_cells(v[0]);
	if (n >= 2 && cells >= 2) {
		for (i = 1; i < n; i++)
			if (table_cells(v[i]) != cells)
				break;
		if (i == n) {
			table(cv, v, n);
			return;
		}
	}
	if (is_tex_line(v[0]) && !is_item(v[0])) {
		tex_block(cv, v, n, line);
		return;
	}
	for (i = 0; i < n; i++) {
		char *li = list_item(v[i]);
		struct buf b = BUF_INIT;

		inline_tex(cv, li != NULL ? li : v[i], &b);
		emit(cv, buf_str(&b));
		buf_clear(&b);
		free(li);
	}
}

/* Whether the '.' at p ends an abbreviation ("vs.", "al.", "e.g."):
 * the word before it has fewer than three letters. */
static int
abbrev(const char *s, const char *p)
{
	const char *q = p;

	while (q > s && q[-1] != ' ' && q[-1] != '(')
		q--;
	return *p == '.' && p - q < 3;
}

/* First sentence (or the paragraph) of the summary, plain. */
static char *
summary(char **v, size_t n, size_t from)
{
	size_t i;
	struct buf b = BUF_INIT;
	char *s, *p;

	for (i = from; i < n && blank(v[i]); i++)
		;
	for (; i < n && !blank(v[i]); i++) {
		if (b.len > 0)
			buf_putc(&b, ' ');
		buf_puts(&b, v[i]);
	}
	s = buf_detach(&b);
	if (s == NULL)
		return NULL;
	/* "[text](target)" reads as "text" */
	for (p = s; (p = strchr(p, '[')) != NULL; ) {
		char *c = strstr(p, "](");
		char *e = c != NULL ? strchr(c, ')') : NULL;

		if (c == NULL || e == NULL || memchr(p, '\n', (size_t)(e - p))) {
			p++;
			continue;
		}
		memmove(c, e + 1, strlen(e + 1) + 1);
		memmove(p, p + 1, strlen(p + 1) + 1);
	}
	for (p = s; *p; p++)
		if (*p == '*' || *p == '`' || *p == '\t')
			*p = *p == '\t' ? ' ' : ' ';
	/* The first sentence, when it says enough. */
	for (p = s; *p; p++)
		if ((*p == '.' || *p == '?' || *p == '!') && (p[1] == ' ' ||
		    p[1] == '\0') && p - s >= 60 && !abbrev(s, p)) {
			p[1] = '\0';
			break;
		}
	{
		char *t = trim(s);
		char *q, *o;

		free(s);
		for (q = o = t; *q; q++)
			if (!(*q == ' ' && q[1] == ' '))
				*o++ = *q;
		*o = '\0';
		return t;
	}
}

static int
is_summary_heading(const char *s)
{
	char *t, *f;
	int r;

	while (*s == '#' || *s == ' ')
		s++;
	t = trim(s);
	f = text_fold(t, strlen(t));
	r = strcmp(f, "tom tat") == 0 || strcmp(f, "summary") == 0 ||
	    strcmp(f, "abstract") == 0;
	free(t);
	free(f);
	return r;
}

void
imp_convert(struct imp_page *pg, const char *file)
{
	struct lines l;
	struct conv cv;
	size_t i, first = 0;
	int fence = 0;

	memset(&cv, 0, sizeof(cv));
	cv.pg = pg;
	cv.file = file;
	lines_split(pg->text, &l);
	pg->markdown = 0;
	for (i = 0; i < l.n; i++)
		if (strncmp(l.v[i], "# ", 2) == 0 || strncmp(l.v[i], "## ", 3) == 0)
			pg->markdown = 1;
	while (first < l.n && blank(l.v[first]))
		first++;
	/* Title: the page's heading, else its first line. */
	for (i = first; i < l.n && pg->title == NULL; i++)
		if (strncmp(l.v[i], "# ", 2) == 0)
			pg->title = trim(l.v[i] + 2);
	if (pg->title == NULL && first < l.n) {
		char *t = trim(l.v[first]);
		size_t n = strlen(t);

		while (n > 0 && (t[n - 1] == ':' || t[n - 1] == ' '))
			t[--n] = '\0';
		pg->title = t;
		if (!pg->markdown) {
			free(l.v[first]);
			l.v[first] = xasprintf("# %s", t);
		}
	}
	for (i = first; i < l.n && pg->description == NULL; i++)
		if (is_summary_heading(l.v[i]) && strlen(l.v[i]) < 40)
			pg->description = summary(l.v, l.n, i + 1);
	if (pg->description == NULL && first + 1 < l.n)
		pg->description = summary(l.v, l.n, first + 1);

	for (i = first; i < l.n; ) {
		const char *s = l.v[i];
		size_t j;

		if (strncmp(s, "```", 3) == 0 || strncmp(s, "~~~", 3) == 0) {
			fence = !fence;
			emit(&cv, s);
			i++;
			continue;
		}
		if (fence) {
			emit(&cv, s);
			i++;
			continue;
		}
		if (is_dd(s)) {
			/* A display block: repair its inside. */
			struct buf src = BUF_INIT, f = BUF_INIT;
			char msg[256];
			long at = (long)i;

			for (j = i + 1; j < l.n && !is_dd(l.v[j]) && !blank(l.v[j]);
			    j++) {
				if (j > i + 1)
					buf_putc(&src, '\n');
				buf_puts(&src, l.v[j]);
			}
			if (j >= l.n || !is_dd(l.v[j])) {
				emit(&cv, s);
				i++;
				buf_clear(&src);
				continue;
			}
			if (imp_fix_tex(src.data != NULL ? src.data : "", src.len,
			    &f) > 0) {
				if (tex_ok(f.data, f.len, 1, msg, sizeof(msg))) {
					pg->maths_fixed++;
					emit(&cv, "$$");
					emit(&cv, buf_str(&f));
					emit(&cv, "$$");
				} else {
					pg->maths_left++;
					note(&cv, at + 1, "formula left as it was: %s: %s",
					    msg, buf_str(&src));
					emit(&cv, "$$");
					emit(&cv, buf_str(&src));
					emit(&cv, "$$");
				}
			} else {
				emit(&cv, "$$");
				if (src.len > 0)
					emit(&cv, buf_str(&src));
				emit(&cv, "$$");
			}
			buf_clear(&src);
			buf_clear(&f);
			cv.lastrule = 0;
			i = j + 1;
			continue;
		}
		if (pg->markdown) {
			char *t = trim(s), *li = list_item(s);

			if (strcmp(t, RULE) == 0)
				emit(&cv, "---");
			else
				emit(&cv, li != NULL ? li : s);
			free(t);
			free(li);
			i++;
			continue;
		}
		if (blank(s)) {
			emit_blank(&cv);
			i++;
			continue;
		}
		for (j = i; j < l.n && !blank(l.v[j]) && !is_dd(l.v[j]); j++)
			;
		paragraph(&cv, l.v + i, j - i, (long)i + 1);
		i = j;
	}
	/* No trailing blank lines; one newline at the end. */
	while (cv.out.len > 0 && cv.out.data[cv.out.len - 1] == '\n')
		cv.out.len--;
	buf_putc(&cv.out, '\n');
	free(pg->text);
	pg->text = buf_detach(&cv.out);
	lines_free(&l);
}
