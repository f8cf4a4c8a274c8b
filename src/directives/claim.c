/*
 * directives/claim: the {claim} expression language (see claim.h).
 * A recursive-descent parser that evaluates as it goes; every read is
 * bounded by the text's length.
 */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directives/claim.h"
#include "util/xalloc.h"

enum cv_kind { CV_NUM, CV_TEXT, CV_BOOL, CV_LIST };

/* A value while evaluating; text and list are borrowed. */
struct cv {
	enum cv_kind		 kind;
	double			 num;
	char			*text;	/* CV_TEXT: heap (owned) */
	const struct value	*list;
};

struct cx {
	const char		*s;
	size_t			 n, i;
	const struct values	*v;
	const char		*lang;
	struct buf		*msg;
	struct buf		 used;	/* "a.b = 0.82, ..." */
	size_t			 at;
	int			 err;
};

static const char *
kind_word(enum cv_kind k)
{
	switch (k) {
	case CV_NUM: return "a number";
	case CV_TEXT: return "a text";
	case CV_BOOL: return "a truth value";
	case CV_LIST: return "a list";
	}
	return "?";
}

static void
cv_clear(struct cv *x)
{
	if (x->kind == CV_TEXT)
		free(x->text);
	x->text = NULL;
}

static void fail(struct cx *c, size_t at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
fail(struct cx *c, size_t at, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;

	if (c->err)
		return;
	c->err = 1;
	c->at = at;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	buf_reset(c->msg);
	buf_puts(c->msg, tmp);
}

static void
skip_ws(struct cx *c)
{
	while (c->i < c->n && isspace((unsigned char)c->s[c->i]))
		c->i++;
}

/* 1 when the word w stands at the cursor (not followed by a path byte). */
static int
word_at(struct cx *c, const char *w)
{
	size_t k = strlen(w);
	unsigned char nx;

	skip_ws(c);
	if (c->n - c->i < k || memcmp(c->s + c->i, w, k) != 0)
		return 0;
	if (c->i + k < c->n) {
		nx = (unsigned char)c->s[c->i + k];
		if (isalnum(nx) || nx == '_' || nx == '.' || nx >= 0x80)
			return 0;
	}
	return 1;
}

static int
sym_at(struct cx *c, const char *w)
{
	size_t k = strlen(w);

	skip_ws(c);
	return c->n - c->i >= k && memcmp(c->s + c->i, w, k) == 0;
}

static void expr(struct cx *c, struct cv *out);

static int
path_byte(unsigned char b)
{
	return isalnum(b) || b == '_' || b == '-' || b == '.' || b == '#' ||
	    b >= 0x80;
}

static void
atom(struct cx *c, struct cv *out)
{
	size_t start;

	out->kind = CV_NUM;
	out->num = 0;
	out->text = NULL;
	out->list = NULL;
	skip_ws(c);
	start = c->i;
	if (c->i >= c->n) {
		fail(c, c->i, "claim ends too early: a value is missing");
		return;
	}
	if (c->s[c->i] == '(') {
		c->i++;
		expr(c, out);
		if (!sym_at(c, ")"))
			fail(c, c->i, "expected ')'");
		else
			c->i++;
		return;
	}
	if (c->s[c->i] == '\'' || c->s[c->i] == '"') {
		char q = c->s[c->i];
		const char *e = memchr(c->s + c->i + 1, q, c->n - c->i - 1);

		if (e == NULL) {
			fail(c, start, "text not closed: expected %c", q);
			return;
		}
		out->kind = CV_TEXT;
		out->text = xstrndup(c->s + c->i + 1, (size_t)(e - c->s - c->i - 1));
		c->i = (size_t)(e - c->s) + 1;
		return;
	}
	if (isdigit((unsigned char)c->s[c->i]) || (c->s[c->i] == '.' &&
	    c->i + 1 < c->n && isdigit((unsigned char)c->s[c->i + 1]))) {
		char tmp[64];
		size_t k = 0;

		while (c->i < c->n && k + 1 < sizeof(tmp) &&
		    (isdigit((unsigned char)c->s[c->i]) || c->s[c->i] == '.' ||
		    c->s[c->i] == 'e' || c->s[c->i] == 'E' ||
		    ((c->s[c->i] == '-' || c->s[c->i] == '+') && k > 0 &&
		    (tmp[k - 1] == 'e' || tmp[k - 1] == 'E'))))
			tmp[k++] = c->s[c->i++];
		tmp[k] = '\0';
		out->num = strtod(tmp, NULL);
		return;
	}
	if (word_at(c, "true") || word_at(c, "false")) {
		out->kind = CV_BOOL;
		out->num = c->s[c->i] == 't';
		c->i += out->num ? 4 : 5;
		return;
	}
	if (word_at(c, "abs")) {
		c->i += 3;
		if (!sym_at(c, "(")) {
			fail(c, c->i, "expected '(' after abs");
			return;
		}
		c->i++;
		expr(c, out);
		if (!sym_at(c, ")")) {
			fail(c, c->i, "expected ')'");
			return;
		}
		c->i++;
		if (!c->err && out->kind != CV_NUM)
			fail(c, start, "abs() needs a number, not %s",
			    kind_word(out->kind));
		out->num = fabs(out->num);
		return;
	}
	if (isalpha((unsigned char)c->s[c->i])) {
		const struct value *x;
		char *path;
		struct buf shown = BUF_INIT;

		while (c->i < c->n && path_byte((unsigned char)c->s[c->i]))
			c->i++;
		/* a trailing '.' or '-' belongs to the sentence, not the path */
		while (c->i > start + 1 && (c->s[c->i - 1] == '.' ||
		    c->s[c->i - 1] == '-'))
			c->i--;
		path = xstrndup(c->s + start, c->i - start);
		x = values_get(c->v, path);
		if (x == NULL) {
			const char *h = values_suggest(c->v, path);

			if (h != NULL)
				fail(c, start, "unknown value '%s' (did you mean '%s'?)",
				    path, h);
			else
				fail(c, start, "unknown value '%s' (no result on this "
				    "page has a :name: that gives it)", path);
			free(path);
			return;
		}
		values_format(x, NULL, c->lang, &shown);
		buf_printf(&c->used, "%s%s = %s", c->used.len ? ", " : "", path,
		    x->kind == VAL_LIST ? "[…]" : buf_str(&shown));
		buf_clear(&shown);
		free(path);
		switch (x->kind) {
		case VAL_NUM:
			out->num = x->num;
			break;
		case VAL_BOOL:
			out->kind = CV_BOOL;
			out->num = x->num;
			break;
		case VAL_TEXT:
			out->kind = CV_TEXT;
			out->text = xstrdup(x->text);
			break;
		case VAL_LIST:
			out->kind = CV_LIST;
			out->list = x;
			break;
		}
		return;
	}
	fail(c, start, "unexpected '%c' in claim", c->s[c->i]);
}

static void
unary(struct cx *c, struct cv *out)
{
	size_t at;

	skip_ws(c);
	at = c->i;
	if (c->i < c->n && c->s[c->i] == '-') {
		c->i++;
		unary(c, out);
		if (!c->err && out->kind != CV_NUM)
			fail(c, at, "'-' needs a number, not %s",
			    kind_word(out->kind));
		out->num = -out->num;
		return;
	}
	atom(c, out);
}

static void
need_nums(struct cx *c, size_t at, const char *op, struct cv *a, struct cv *b)
{
	if (c->err)
		return;
	if (a->kind != CV_NUM || b->kind != CV_NUM)
		fail(c, at, "'%s' needs numbers, not %s and %s", op,
		    kind_word(a->kind), kind_word(b->kind));
}

static void
prod(struct cx *c, struct cv *out)
{
	struct cv b;
	size_t at;
	char op;

	unary(c, out);
	for (;;) {
		skip_ws(c);
		if (c->err || c->i >= c->n || (c->s[c->i] != '*' && c->s[c->i] != '/'))
			return;
		at = c->i;
		op = c->s[c->i++];
		unary(c, &b);
		need_nums(c, at, op == '*' ? "*" : "/", out, &b);
		out->num = op == '*' ? out->num * b.num : out->num / b.num;
		cv_clear(&b);
	}
}

static void
sum(struct cx *c, struct cv *out)
{
	struct cv b;
	size_t at;
	char op;

	prod(c, out);
	for (;;) {
		skip_ws(c);
		if (c->err || c->i >= c->n || (c->s[c->i] != '+' && c->s[c->i] != '-'))
			return;
		at = c->i;
		op = c->s[c->i++];
		prod(c, &b);
		need_nums(c, at, op == '+' ? "+" : "-", out, &b);
		out->num = op == '+' ? out->num + b.num : out->num - b.num;
		cv_clear(&b);
	}
}

/* The text of a as a list item would show it. */
static char *
cv_text(const struct cv *a, const char *lang)
{
	struct value x;
	struct buf b = BUF_INIT;

	if (a->kind == CV_TEXT)
		return xstrdup(a->text);
	memset(&x, 0, sizeof(x));
	x.kind = VAL_NUM;
	x.num = a->num;
	x.prec = 4;
	values_format(&x, NULL, lang, &b);
	return buf_detach(&b);
}

static void
cmp(struct cx *c, struct cv *out)
{
	static const char *const ops[] = { "<=", ">=", "==", "!=", "<", ">" };
	struct cv b;
	size_t at, k;
	int op = -1, neg = 0, r = 0;

	sum(c, out);
	if (c->err)
		return;
	skip_ws(c);
	at = c->i;
	for (k = 0; k < 6; k++)
		if (sym_at(c, ops[k])) {
			op = (int)k;
			c->i += strlen(ops[k]);
			break;
		}
	if (op < 0 && word_at(c, "in")) {
		op = 6;
		c->i += 2;
	} else if (op < 0 && word_at(c, "not")) {
		size_t save = c->i;

		c->i += 3;
		if (word_at(c, "in")) {
			op = 6;
			neg = 1;
			c->i += 2;
		} else
			c->i = save;
	}
	if (op < 0)
		return;
	sum(c, &b);
	if (c->err) {
		cv_clear(&b);
		return;
	}
	if (op == 6) {
		if (b.kind != CV_LIST)
			fail(c, at, "'in' needs a list on its right (a column such "
			    "as NAME.word), not %s", kind_word(b.kind));
		else if (out->kind == CV_LIST || out->kind == CV_BOOL)
			fail(c, at, "'in' looks for a text or a number, not %s",
			    kind_word(out->kind));
		else {
			char *t = cv_text(out, c->lang);

			for (k = 0; k < b.list->n; k++)
				if (strcmp(b.list->list[k], t) == 0)
					r = 1;
			free(t);
			r ^= neg;
		}
	} else if (out->kind == CV_NUM && b.kind == CV_NUM) {
		double x = out->num, y = b.num;

		r = op == 0 ? x <= y : op == 1 ? x >= y : op == 2 ? x == y :
		    op == 3 ? x != y : op == 4 ? x < y : x > y;
	} else if (out->kind == CV_TEXT && b.kind == CV_TEXT && op >= 2 && op <= 3)
		r = (strcmp(out->text, b.text) == 0) == (op == 2);
	else if (out->kind == CV_BOOL && b.kind == CV_BOOL && op >= 2 && op <= 3)
		r = ((out->num != 0) == (b.num != 0)) == (op == 2);
	else
		fail(c, at, "cannot compare %s with %s using '%s'",
		    kind_word(out->kind), kind_word(b.kind),
		    op == 6 ? "in" : ops[op]);
	cv_clear(out);
	cv_clear(&b);
	out->kind = CV_BOOL;
	out->num = r;
}

static void
need_bool(struct cx *c, size_t at, const char *op, const struct cv *a)
{
	if (!c->err && a->kind != CV_BOOL)
		fail(c, at, "'%s' needs a comparison or true/false, not %s", op,
		    kind_word(a->kind));
}

static void
not_(struct cx *c, struct cv *out)
{
	size_t at;

	skip_ws(c);
	at = c->i;
	if (word_at(c, "not")) {
		c->i += 3;
		not_(c, out);
		need_bool(c, at, "not", out);
		out->num = !(out->num != 0);
		return;
	}
	cmp(c, out);
}

static void
and_(struct cx *c, struct cv *out)
{
	struct cv b;
	size_t at;

	not_(c, out);
	while (!c->err && word_at(c, "and")) {
		at = c->i;
		c->i += 3;
		not_(c, &b);
		need_bool(c, at, "and", out);
		need_bool(c, at, "and", &b);
		out->num = out->num != 0 && b.num != 0;
		cv_clear(&b);
	}
}

static void
expr(struct cx *c, struct cv *out)
{
	struct cv b;
	size_t at;

	and_(c, out);
	while (!c->err && word_at(c, "or")) {
		at = c->i;
		c->i += 2;
		and_(c, &b);
		need_bool(c, at, "or", out);
		need_bool(c, at, "or", &b);
		out->num = out->num != 0 || b.num != 0;
		cv_clear(&b);
	}
}

int
claim_eval(const char *text, size_t len, const struct values *v,
    const char *lang, struct buf *msg, size_t *at)
{
	struct cx c;
	struct cv r;
	int res;

	memset(&c, 0, sizeof(c));
	c.s = text;
	c.n = len;
	c.v = v;
	c.lang = lang;
	c.msg = msg;
	buf_init(&c.used);
	*at = 0;
	expr(&c, &r);
	skip_ws(&c);
	if (!c.err && c.i < c.n)
		fail(&c, c.i, "unexpected '%.*s' after the claim",
		    (int)(c.n - c.i > 20 ? 20 : c.n - c.i), c.s + c.i);
	if (!c.err && r.kind != CV_BOOL)
		fail(&c, 0, "a claim must be a comparison or true/false, not %s",
		    kind_word(r.kind));
	if (c.err) {
		res = -1;
		*at = c.at;
	} else if (r.num != 0) {
		res = 1;
		buf_reset(msg);
		buf_puts(msg, buf_str(&c.used));
	} else {
		res = 0;
		buf_reset(msg);
		buf_printf(msg, "claim is false: %.*s", (int)len, text);
		if (c.used.len)
			buf_printf(msg, " (%s)", buf_str(&c.used));
	}
	cv_clear(&r);
	buf_clear(&c.used);
	return res;
}
