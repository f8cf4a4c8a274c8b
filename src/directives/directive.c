/*
 * directives/directive: parsing and validating MyST-style directive blocks.
 * Reads a fence's info string and literal; produces a struct directive with
 * typed option values, or located errors.
 * Never runs a directive and never touches data files.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directives/directive.h"
#include "util/buf.h"
#include "util/xalloc.h"

const struct opt_spec directive_budget_opt = {
	.name = "budget",
	.type = OPT_WORDS,
	.doc = "this block's work budget: operations, or operations and "
	    "bytes (\"1e12\", \"1e12, 8e9\"), instead of budget: in vecdoc.yml",
};

const char *
opt_type_name(enum opt_type t)
{
	switch (t) {
	case OPT_STRING: return "text";
	case OPT_INT: return "a whole number";
	case OPT_FLOAT: return "a number";
	case OPT_BOOL: return "true or false";
	case OPT_ENUM: return "one of a list";
	case OPT_WORDS: return "a list of words";
	case OPT_SPACE: return "the name of a space declared in vecdoc.yml";
	case OPT_CORPUS: return "the name of a corpus declared in vecdoc.yml";
	case OPT_FILE: return "the name of a file declared in vecdoc.yml";
	}
	return "?";
}

int
directive_info_is(const char *info)
{
	return info != NULL && info[0] == '{';
}

void
directive_free(struct directive *d)
{
	size_t i, j;

	if (d == NULL)
		return;
	for (i = 0; i < d->nopts; i++) {
		free(d->opts[i].text);
		for (j = 0; j < d->opts[i].nwords; j++)
			free(d->opts[i].words[j]);
		free(d->opts[i].words);
	}
	free(d->opts);
	free(d->valname);
	free(d->name);
	free(d->arg);
	free(d->body);
	free(d);
}

const struct dopt *
directive_opt(const struct directive *d, const char *name)
{
	size_t i;

	for (i = 0; i < d->nopts; i++)
		if (strcmp(d->opts[i].spec->name, name) == 0)
			return &d->opts[i];
	return NULL;
}

/* Splits a word list on commas and white space. */
static void
split_words(struct dopt *o, const char *s)
{
	const char *p = s, *start;

	while (*p) {
		while (*p == ',' || isspace((unsigned char)*p))
			p++;
		if (*p == '\0')
			break;
		start = p;
		while (*p && *p != ',' && !isspace((unsigned char)*p))
			p++;
		o->words = xreallocarray(o->words, o->nwords + 1, sizeof(char *));
		o->words[o->nwords++] = xstrndup(start, (size_t)(p - start));
	}
}

static void
choices_list(const char *const *c, struct buf *b)
{
	for (size_t i = 0; c[i] != NULL; i++) {
		if (i)
			buf_puts(b, ", ");
		buf_puts(b, c[i]);
	}
}

/* A bound as written in messages: 1000000, not 1e+06. */
static const char *
bound(double v, char *buf, size_t n)
{
	if (v == (double)(long long)v)
		snprintf(buf, n, "%lld", (long long)v);
	else
		snprintf(buf, n, "%g", v);
	return buf;
}

/* Converts o->text per its spec. Adds an error and returns -1 if bad. */
static int
convert(struct dopt *o, const char *file, const char *dname,
    dataname_fn names_ok, void *names_ctx, struct diaglist *diags)
{
	const struct opt_spec *sp = o->spec;
	const char *t = o->text;
	char *end, hint[256];
	struct buf b = BUF_INIT;
	size_t n;
	int rc = 0;

	switch (sp->type) {
	case OPT_STRING:
		break;
	case OPT_INT:
		errno = 0;
		o->i = strtol(t, &end, 10);
		if (t[0] == '\0' || *end != '\0' || errno != 0)
			return diaglist_add(diags, DIAG_ERROR, file, o->line, o->col,
			    "option ':%s:' must be a whole number, not '%s'",
			    sp->name, t);
		if (sp->min < sp->max && (o->i < sp->min || o->i > sp->max)) {
			char lo[32], hi[32];

			return diaglist_add(diags, DIAG_ERROR, file, o->line, o->col,
			    "option ':%s:' must be between %s and %s, not %ld",
			    sp->name, bound(sp->min, lo, sizeof(lo)),
			    bound(sp->max, hi, sizeof(hi)), o->i);
		}
		o->f = (double)o->i;
		break;
	case OPT_FLOAT:
		o->f = strtod(t, &end);
		if (t[0] == '\0' || *end != '\0' || !isfinite(o->f))
			return diaglist_add(diags, DIAG_ERROR, file, o->line, o->col,
			    "option ':%s:' must be a number, not '%s'", sp->name, t);
		if (sp->min < sp->max && (o->f < sp->min || o->f > sp->max)) {
			char lo[32], hi[32];

			return diaglist_add(diags, DIAG_ERROR, file, o->line, o->col,
			    "option ':%s:' must be between %s and %s, not %s",
			    sp->name, bound(sp->min, lo, sizeof(lo)),
			    bound(sp->max, hi, sizeof(hi)), t);
		}
		break;
	case OPT_BOOL:
		if (t[0] == '\0' || strcmp(t, "true") == 0 || strcmp(t, "yes") == 0)
			o->b = 1;
		else if (strcmp(t, "false") == 0 || strcmp(t, "no") == 0)
			o->b = 0;
		else
			return diaglist_add(diags, DIAG_ERROR, file, o->line, o->col,
			    "option ':%s:' must be true or false, not '%s'",
			    sp->name, t);
		break;
	case OPT_ENUM:
		for (n = 0; sp->choices[n] != NULL; n++)
			if (strcmp(sp->choices[n], t) == 0) {
				o->i = (long)n;	/* directives switch on it */
				return 0;
			}
		choices_list(sp->choices, &b);
		{
			const char *h = diag_suggest(t, sp->choices, n);

			diaglist_add(diags, DIAG_ERROR, file, o->line, o->col,
			    "option ':%s:' must be one of %s, not '%s'%s%s%s",
			    sp->name, buf_str(&b), t, h ? " (did you mean '" : "",
			    h ? h : "", h ? "'?)" : "");
		}
		buf_clear(&b);
		return -1;
	case OPT_WORDS:
		split_words(o, t);
		if (o->nwords == 0 && o->set)
			return diaglist_add(diags, DIAG_ERROR, file, o->line, o->col,
			    "option ':%s:' needs at least one word", sp->name);
		break;
	case OPT_SPACE:
	case OPT_CORPUS:
	case OPT_FILE:
		if (t[0] == '\0')
			return diaglist_add(diags, DIAG_ERROR, file, o->line, o->col,
			    "option ':%s:' needs %s", sp->name, opt_type_name(sp->type));
		hint[0] = '\0';
		if (names_ok != NULL && !names_ok(names_ctx, sp->type, t, hint,
		    sizeof(hint)))
			return diaglist_add(diags, DIAG_ERROR, file, o->line, o->col,
			    "{%s}: '%s' is not %s%s", dname, t,
			    opt_type_name(sp->type), hint);
		break;
	}
	return rc;
}

static struct directive *parse_with(const struct directive_spec *force,
    const char *info, const char *lit, size_t len, const char *file,
    long line, int col, dataname_fn names_ok, void *names_ctx,
    struct diaglist *diags);

struct directive *
directive_parse(const char *info, const char *lit, size_t len,
    const char *file, long line, int col, dataname_fn names_ok,
    void *names_ctx, struct diaglist *diags)
{
	return parse_with(NULL, info, lit, len, file, line, col, names_ok,
	    names_ctx, diags);
}

struct directive *
directive_parse_spec(const struct directive_spec *sp, const char *info,
    const char *lit, size_t len, const char *file, long line, int col,
    dataname_fn names_ok, void *names_ctx, struct diaglist *diags)
{
	return parse_with(sp, info, lit, len, file, line, col, names_ok,
	    names_ctx, diags);
}

/* A result name: ASCII letter, then letters, digits, '_' or '-'. */
static int
valname_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || !isalpha((unsigned char)s[0]))
		return 0;
	for (i = 1; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_' && s[i] != '-')
			return 0;
	return 1;
}

static struct directive *
parse_with(const struct directive_spec *force, const char *info,
    const char *lit, size_t len, const char *file, long line, int col,
    dataname_fn names_ok, void *names_ctx, struct diaglist *diags)
{
	struct directive *d;
	const struct directive_spec *sp;
	const char *p, *q, *end = lit + len, *eol, *hint;
	size_t i, nspec, errs0 = diags->nerrors, nnames;
	long ln;
	const char *names[256];

	if (info[0] != '{') {
		diaglist_add(diags, DIAG_ERROR, file, line, col,
		    "a directive starts with '{name}', not '%.40s'", info);
		return NULL;
	}
	p = strchr(info, '}');
	if (p == NULL) {
		diaglist_add(diags, DIAG_ERROR, file, line, col,
		    "directive name is not closed: expected '{name}'");
		return NULL;
	}
	d = xcalloc(1, sizeof(*d));
	d->name = xstrndup(info + 1, (size_t)(p - info - 1));
	d->file = file;
	d->line = line;
	d->col = col;
	q = p + 1;
	while (*q == ' ' || *q == '\t')
		q++;
	if (*q != '\0') {
		const char *e = q + strlen(q);

		while (e > q && isspace((unsigned char)e[-1]))
			e--;
		d->arg = xstrndup(q, (size_t)(e - q));
	}
	sp = force ? force : directive_find(d->name);
	if (sp == NULL) {
		nnames = directive_count() < 256 ? directive_count() : 256;
		for (i = 0; i < nnames; i++)
			names[i] = directive_at(i)->name;
		hint = diag_suggest(d->name, names, nnames);
		if (hint)
			diaglist_add(diags, DIAG_ERROR, file, line, col,
			    "unknown directive '{%s}' (did you mean '{%s}'?)",
			    d->name, hint);
		else
			diaglist_add(diags, DIAG_ERROR, file, line, col,
			    "unknown directive '{%s}'", d->name);
		directive_free(d);
		return NULL;
	}
	d->spec = sp;
	for (nspec = 0; sp->opts != NULL && sp->opts[nspec].name != NULL; nspec++)
		;
	/* The spec's options, then the :budget: every directive takes. */
	d->nopts = nspec + 1;
	d->opts = xcalloc(nspec + 1, sizeof(*d->opts));
	for (i = 0; i < nspec; i++)
		d->opts[i].spec = &sp->opts[i];
	d->opts[nspec].spec = &directive_budget_opt;
	if (d->arg != NULL && !sp->arg)
		diaglist_add(diags, DIAG_ERROR, file, line, col,
		    "{%s} takes no argument after its name (got '%s')",
		    d->name, d->arg);
	else if (d->arg == NULL && sp->arg == 2)
		diaglist_add(diags, DIAG_ERROR, file, line, col,
		    "{%s} needs an argument after its name: %s", d->name,
		    sp->arg_doc ? sp->arg_doc : "");

	/* Option lines: ":key: value" at the top of the block. */
	p = lit;
	ln = line + 1;
	while (p < end && *p == ':') {
		const char *k0 = p + 1, *k1, *v0, *v1;

		eol = memchr(p, '\n', (size_t)(end - p));
		if (eol == NULL)
			eol = end;
		k1 = memchr(k0, ':', (size_t)(eol - k0));
		if (k1 == NULL || k1 == k0) {
			diaglist_add(diags, DIAG_ERROR, file, ln, col,
			    "malformed option line: expected ':name: value'");
			p = eol < end ? eol + 1 : end;
			ln++;
			continue;
		}
		v0 = k1 + 1;
		while (v0 < eol && (*v0 == ' ' || *v0 == '\t'))
			v0++;
		v1 = eol;
		while (v1 > v0 && isspace((unsigned char)v1[-1]))
			v1--;
		for (i = 0; i < d->nopts; i++)
			if (strlen(d->opts[i].spec->name) == (size_t)(k1 - k0) &&
			    memcmp(d->opts[i].spec->name, k0,
			    (size_t)(k1 - k0)) == 0)
				break;
		if (i == d->nopts && k1 - k0 == 4 && memcmp(k0, "name", 4) == 0) {
			/* ":name:" names the result for {val} and {claim} */
			if (d->valname != NULL)
				diaglist_add(diags, DIAG_ERROR, file, ln, col,
				    "option ':name:' is given twice (first on line %ld)",
				    d->valname_line);
			else if (!valname_ok(v0, (size_t)(v1 - v0)))
				diaglist_add(diags, DIAG_ERROR, file, ln, col,
				    "option ':name:' needs a name of letters, digits, "
				    "'_' and '-' starting with a letter, not '%.*s'",
				    (int)(v1 - v0), v0);
			else {
				d->valname = xstrndup(v0, (size_t)(v1 - v0));
				d->valname_line = ln;
			}
		} else if (i == d->nopts) {
			char *key = xstrndup(k0, (size_t)(k1 - k0));

			nnames = nspec < 256 ? nspec : 256;
			for (size_t j = 0; j < nnames; j++)
				names[j] = sp->opts[j].name;
			hint = diag_suggest(key, names, nnames);
			if (hint)
				diaglist_add(diags, DIAG_ERROR, file, ln, col,
				    "unknown option ':%s:' (did you mean ':%s:'?)",
				    key, hint);
			else if (nspec == 0)
				diaglist_add(diags, DIAG_ERROR, file, ln, col,
				    "unknown option ':%s:' ({%s} takes no options)",
				    key, d->name);
			else
				diaglist_add(diags, DIAG_ERROR, file, ln, col,
				    "unknown option ':%s:' for {%s}", key, d->name);
			free(key);
		} else if (d->opts[i].set) {
			diaglist_add(diags, DIAG_ERROR, file, ln, col,
			    "option ':%s:' is given twice (first on line %ld)",
			    d->opts[i].spec->name, d->opts[i].line);
		} else {
			d->opts[i].set = 1;
			d->opts[i].text = xstrndup(v0, (size_t)(v1 - v0));
			d->opts[i].line = ln;
			d->opts[i].col = col;
		}
		p = eol < end ? eol + 1 : end;
		ln++;
	}
	/* One blank line may separate options from the body. */
	if (p > lit && p < end && (*p == '\n' || (*p == '\r' && p + 1 < end &&
	    p[1] == '\n'))) {
		p += *p == '\n' ? 1 : 2;
		ln++;
	}
	d->body_line = ln;
	d->bodylen = (size_t)(end - p);
	d->body = xstrndup(p, d->bodylen);
	/* Trailing blank lines do not count as a body. */
	while (d->bodylen > 0 && isspace((unsigned char)d->body[d->bodylen - 1]))
		d->body[--d->bodylen] = '\0';

	for (i = 0; i < d->nopts; i++) {
		struct dopt *o = &d->opts[i];

		if (!o->set) {
			if (o->spec->required) {
				diaglist_add(diags, DIAG_ERROR, file, line, col,
				    "{%s} needs option ':%s:' (%s)", d->name,
				    o->spec->name, o->spec->doc ? o->spec->doc :
				    opt_type_name(o->spec->type));
				continue;
			}
			o->text = xstrdup(o->spec->def ? o->spec->def : "");
			o->line = line;
			o->col = col;
			if (o->spec->def == NULL) {
				/* Absent and no default: leave zero values. */
				continue;
			}
		}
		convert(o, file, d->name, names_ok, names_ctx, diags);
	}
	if (sp->body == BODY_NONE && d->bodylen > 0)
		diaglist_add(diags, DIAG_ERROR, file, d->body_line, col,
		    "{%s} takes no body, only options", d->name);
	else if (sp->body == BODY_REQUIRED && d->bodylen == 0)
		diaglist_add(diags, DIAG_ERROR, file, line, col,
		    "{%s} needs a body: %s", d->name,
		    sp->body_doc ? sp->body_doc : "text after the options");
	if (diags->nerrors > errs0) {
		directive_free(d);
		return NULL;
	}
	return d;
}

static int
vadd(struct dctx *ctx, enum diag_level lv, long line, int col,
    const char *fmt, va_list ap)
{
	struct diag d;

	diag_vset(&d, lv, ctx->file, line, col, fmt, ap);
	diaglist_push(ctx->diags, &d);
	return lv == DIAG_ERROR ? -1 : 0;
}

int
dctx_error(struct dctx *ctx, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vadd(ctx, DIAG_ERROR, ctx->line, ctx->col, fmt, ap);
	va_end(ap);
	return rc;
}

int
dctx_error_at(struct dctx *ctx, const struct dopt *o, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vadd(ctx, DIAG_ERROR, o ? o->line : ctx->line,
	    o ? o->col : ctx->col, fmt, ap);
	va_end(ap);
	return rc;
}

int
dctx_warn(struct dctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vadd(ctx, ctx->strict ? DIAG_ERROR : DIAG_WARNING, ctx->line, ctx->col,
	    fmt, ap);
	va_end(ap);
	return ctx->strict ? -1 : 0;
}

const char *
dctx_tr(const struct dctx *ctx, const char *key, const char *fallback)
{
	const struct strmap_ent *e;

	if (ctx->i18n == NULL)
		return fallback;
	e = strmap_get(ctx->i18n, key, strlen(key));
	return e != NULL ? e->val.ptr : fallback;
}
