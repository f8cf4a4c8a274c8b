/*
 * md/texmath: TeX math to MathML Core by recursive descent.
 * Reads a formula's bytes; produces MathML (escaped by construction:
 * every character from the source goes through esc()).
 * Never runs user macros; an unknown command is an error, not a guess.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "md/texmath.h"
#include "util/xalloc.h"

enum font { F_NONE, F_RM, F_BF, F_BB, F_CAL, F_BI, F_FRAK, F_SF, F_TT, F_IT };

struct tp {
	const char	*s;
	size_t		 n, i;
	int		 display;
	int		 err;
	size_t		 eoff;
	char		*emsg;
	size_t		 esz;
	int		 depth;
	enum font	 font;
	int		 in_env;	/* & and \\ allowed */
};

static void
fail(struct tp *t, size_t off, const char *fmt, ...)
{
	va_list ap;
	utf8proc_int32_t c;
	utf8proc_ssize_t k;
	size_t i;

	if (t->err)
		return;
	t->err = 1;
	t->eoff = off;
	va_start(ap, fmt);
	vsnprintf(t->emsg, t->esz, fmt, ap);
	va_end(ap);
	/* The message ends up in an attribute of an XHTML page: keep it
	 * valid UTF-8 (truncation may cut a character in two). */
	for (i = 0; t->emsg[i] != '\0'; i += (size_t)k)
		if ((k = utf8proc_iterate((const utf8proc_uint8_t *)t->emsg + i,
		    -1, &c)) <= 0) {
			t->emsg[i] = '\0';
			break;
		}
}

static void
esc(struct buf *o, const char *s, size_t n)
{
	buf_put_html(o, s, n);
}

static void
put_cp(struct buf *o, utf8proc_int32_t cp)
{
	char enc[4];
	utf8proc_ssize_t k = utf8proc_encode_char(cp, (utf8proc_uint8_t *)enc);

	if (cp == '<')
		buf_puts(o, "&lt;");
	else if (cp == '>')
		buf_puts(o, "&gt;");
	else if (cp == '&')
		buf_puts(o, "&amp;");
	else
		buf_put(o, enc, (size_t)k);
}

/* ---- symbol tables --------------------------------------------------- */

struct sym {
	const char	*name;
	unsigned	 cp;
	char		 kind;	/* i ident, I upright ident, o op, r rel, b big op
				 * (limits), B big op (no limits), f function,
				 * l limit-like function, s space */
};

static const struct sym syms[] = {
	{ "alpha", 0x3B1, 'i' }, { "beta", 0x3B2, 'i' }, { "gamma", 0x3B3, 'i' },
	{ "delta", 0x3B4, 'i' }, { "epsilon", 0x3F5, 'i' }, { "varepsilon", 0x3B5, 'i' },
	{ "zeta", 0x3B6, 'i' }, { "eta", 0x3B7, 'i' }, { "theta", 0x3B8, 'i' },
	{ "vartheta", 0x3D1, 'i' }, { "iota", 0x3B9, 'i' }, { "kappa", 0x3BA, 'i' },
	{ "lambda", 0x3BB, 'i' }, { "mu", 0x3BC, 'i' }, { "nu", 0x3BD, 'i' },
	{ "xi", 0x3BE, 'i' }, { "pi", 0x3C0, 'i' }, { "varpi", 0x3D6, 'i' },
	{ "rho", 0x3C1, 'i' }, { "varrho", 0x3F1, 'i' }, { "sigma", 0x3C3, 'i' },
	{ "varsigma", 0x3C2, 'i' }, { "tau", 0x3C4, 'i' }, { "upsilon", 0x3C5, 'i' },
	{ "phi", 0x3D5, 'i' }, { "varphi", 0x3C6, 'i' }, { "chi", 0x3C7, 'i' },
	{ "psi", 0x3C8, 'i' }, { "omega", 0x3C9, 'i' },
	{ "Gamma", 0x393, 'I' }, { "Delta", 0x394, 'I' }, { "Theta", 0x398, 'I' },
	{ "Lambda", 0x39B, 'I' }, { "Xi", 0x39E, 'I' }, { "Pi", 0x3A0, 'I' },
	{ "Sigma", 0x3A3, 'I' }, { "Upsilon", 0x3A5, 'I' }, { "Phi", 0x3A6, 'I' },
	{ "Psi", 0x3A8, 'I' }, { "Omega", 0x3A9, 'I' },
	{ "infty", 0x221E, 'I' }, { "partial", 0x2202, 'I' }, { "nabla", 0x2207, 'I' },
	{ "top", 0x22A4, 'I' }, { "bot", 0x22A5, 'I' }, { "emptyset", 0x2205, 'I' },
	{ "varnothing", 0x2205, 'I' }, { "ell", 0x2113, 'i' }, { "hbar", 0x210F, 'i' },
	{ "Re", 0x211C, 'I' }, { "Im", 0x2111, 'I' }, { "aleph", 0x2135, 'I' },
	{ "forall", 0x2200, 'o' }, { "exists", 0x2203, 'o' }, { "neg", 0xAC, 'o' },
	{ "lnot", 0xAC, 'o' }, { "prime", 0x2032, 'o' }, { "angle", 0x2220, 'o' },
	{ "dagger", 0x2020, 'o' }, { "ldots", 0x2026, 'o' }, { "cdots", 0x22EF, 'o' },
	{ "dots", 0x2026, 'o' }, { "vdots", 0x22EE, 'o' }, { "ddots", 0x22F1, 'o' },
	{ "cdot", 0x22C5, 'o' }, { "times", 0xD7, 'o' }, { "div", 0xF7, 'o' },
	{ "circ", 0x2218, 'o' }, { "otimes", 0x2297, 'o' }, { "oplus", 0x2295, 'o' },
	{ "odot", 0x2299, 'o' }, { "pm", 0xB1, 'o' }, { "mp", 0x2213, 'o' },
	{ "ast", 0x2217, 'o' }, { "star", 0x22C6, 'o' }, { "bullet", 0x2219, 'o' },
	{ "setminus", 0x2216, 'o' }, { "wedge", 0x2227, 'o' }, { "land", 0x2227, 'o' },
	{ "vee", 0x2228, 'o' }, { "lor", 0x2228, 'o' }, { "cup", 0x222A, 'o' },
	{ "cap", 0x2229, 'o' }, { "backslash", 0x5C, 'o' }, { "colon", 0x3A, 'o' },
	{ "approx", 0x2248, 'r' }, { "propto", 0x221D, 'r' }, { "gg", 0x226B, 'r' },
	{ "ll", 0x226A, 'r' }, { "neq", 0x2260, 'r' }, { "ne", 0x2260, 'r' },
	{ "le", 0x2264, 'r' }, { "leq", 0x2264, 'r' }, { "ge", 0x2265, 'r' },
	{ "geq", 0x2265, 'r' }, { "in", 0x2208, 'r' }, { "notin", 0x2209, 'r' },
	{ "ni", 0x220B, 'r' }, { "subset", 0x2282, 'r' }, { "subseteq", 0x2286, 'r' },
	{ "supset", 0x2283, 'r' }, { "supseteq", 0x2287, 'r' }, { "to", 0x2192, 'r' },
	{ "rightarrow", 0x2192, 'r' }, { "leftarrow", 0x2190, 'r' },
	{ "gets", 0x2190, 'r' }, { "leftrightarrow", 0x2194, 'r' },
	{ "Rightarrow", 0x21D2, 'r' }, { "Leftarrow", 0x21D0, 'r' },
	{ "Leftrightarrow", 0x21D4, 'r' }, { "iff", 0x27FA, 'r' },
	{ "implies", 0x27F9, 'r' }, { "longrightarrow", 0x27F6, 'r' },
	{ "Longrightarrow", 0x27F9, 'r' }, { "mapsto", 0x21A6, 'r' },
	{ "uparrow", 0x2191, 'r' }, { "downarrow", 0x2193, 'r' },
	{ "sim", 0x223C, 'r' }, { "simeq", 0x2243, 'r' }, { "cong", 0x2245, 'r' },
	{ "equiv", 0x2261, 'r' }, { "mid", 0x2223, 'r' }, { "parallel", 0x2225, 'r' },
	{ "perp", 0x22A5, 'r' }, { "triangleq", 0x225C, 'r' }, { "coloneqq", 0x2254, 'r' },
	{ "approxeq", 0x224A, 'r' }, { "lesssim", 0x2272, 'r' }, { "gtrsim", 0x2273, 'r' },
	{ "prec", 0x227A, 'r' }, { "succ", 0x227B, 'r' }, { "models", 0x22A8, 'r' },
	{ "sum", 0x2211, 'b' }, { "prod", 0x220F, 'b' }, { "coprod", 0x2210, 'b' },
	{ "bigcup", 0x22C3, 'b' }, { "bigcap", 0x22C2, 'b' }, { "bigoplus", 0x2A01, 'b' },
	{ "bigotimes", 0x2A02, 'b' }, { "int", 0x222B, 'B' }, { "iint", 0x222C, 'B' },
	{ "iiint", 0x222D, 'B' }, { "oint", 0x222E, 'B' },
	{ ",", 0, 's' }, { ":", 0, 's' }, { ">", 0, 's' }, { ";", 0, 's' }, { "!", 0, 's' },
	{ "quad", 0, 's' }, { "qquad", 0, 's' }, { " ", 0, 's' }, { "enspace", 0, 's' },
	{ "thinspace", 0, 's' },
};

/* Operator names: upright, with function application after them. "l"
 * ones take limits under them in display style. Beyond TeX's own, the
 * names ML texts declare with \DeclareMathOperator. */
static const char *const funcs[] = {
	"log", "ln", "lg", "exp", "sin", "cos", "tan", "cot", "sec", "csc",
	"sinh", "cosh", "tanh", "arcsin", "arccos", "arctan", "deg", "dim",
	"ker", "hom", "Pr", "gcd", "softmax", "sigmoid", "diag", "tr", "rank",
	"sign", "sgn", "Var", "Cov", "Corr", "KL", "ReLU", "cosine", "span",
	"logit", "erf", "Tr", "dist", "proj", "mean", "std", "len",
};
static const char *const limfuncs[] = {
	"lim", "max", "min", "sup", "inf", "det", "argmax", "argmin",
	"limsup", "liminf", "arg",
};

static const struct sym *
find_sym(const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(syms) / sizeof(syms[0]); i++)
		if (strlen(syms[i].name) == n && memcmp(syms[i].name, name, n) == 0)
			return &syms[i];
	return NULL;
}

static int
in_list(const char *const *list, size_t nl, const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < nl; i++)
		if (strlen(list[i]) == n && memcmp(list[i], name, n) == 0)
			return 1;
	return 0;
}

/* ---- lexing ---------------------------------------------------------- */

static void
skip_ws(struct tp *t)
{
	while (t->i < t->n && isspace((unsigned char)t->s[t->i]))
		t->i++;
}

/* Reads "\name" at t->i (after the backslash check); sets *name,*len. */
static void
read_cmd(struct tp *t, const char **name, size_t *len)
{
	size_t j = t->i + 1;

	if (j < t->n && isalpha((unsigned char)t->s[j])) {
		while (j < t->n && isalpha((unsigned char)t->s[j]))
			j++;
		*name = t->s + t->i + 1;
		*len = j - t->i - 1;
	} else {
		*name = t->s + t->i + 1;
		*len = j < t->n ? 1 : 0;
		if (j < t->n)
			j++;
	}
	t->i = j;
}

/* Whether "\\name" (not followed by a letter) starts at t->i. The text
 * is not NUL-terminated: the backslash and all n letters must fit. */
static int
peek_cmd(struct tp *t, const char *name)
{
	size_t n = strlen(name);

	return t->i < t->n && t->n - t->i > n && t->s[t->i] == '\\' &&
	    memcmp(t->s + t->i + 1, name, n) == 0 &&
	    (t->i + 1 + n >= t->n || !isalpha((unsigned char)t->s[t->i + 1 + n]));
}

/* ---- fonts ----------------------------------------------------------- */

static utf8proc_int32_t
font_letter(enum font f, int c)
{
	int up = c >= 'A' && c <= 'Z', lo = c >= 'a' && c <= 'z';
	int k = up ? c - 'A' : c - 'a';

	if (!up && !lo) {
		if (c >= '0' && c <= '9') {
			if (f == F_BF)
				return 0x1D7CE + (c - '0');
			if (f == F_BB)
				return 0x1D7D8 + (c - '0');
		}
		return c;
	}
	switch (f) {
	case F_BF:
		return (up ? 0x1D400 : 0x1D41A) + k;
	case F_BI:
		return (up ? 0x1D468 : 0x1D482) + k;
	case F_BB:
		if (up) {
			switch (c) {
			case 'C': return 0x2102;
			case 'H': return 0x210D;
			case 'N': return 0x2115;
			case 'P': return 0x2119;
			case 'Q': return 0x211A;
			case 'R': return 0x211D;
			case 'Z': return 0x2124;
			}
			return 0x1D538 + k;
		}
		return 0x1D552 + k;
	case F_CAL:
		if (up) {
			switch (c) {
			case 'B': return 0x212C;
			case 'E': return 0x2130;
			case 'F': return 0x2131;
			case 'H': return 0x210B;
			case 'I': return 0x2110;
			case 'L': return 0x2112;
			case 'M': return 0x2133;
			case 'R': return 0x211B;
			}
			return 0x1D49C + k;
		}
		switch (c) {
		case 'e': return 0x212F;
		case 'g': return 0x210A;
		case 'o': return 0x2134;
		}
		return 0x1D4B6 + k;
	case F_FRAK:
		if (up) {
			switch (c) {
			case 'C': return 0x212D;
			case 'H': return 0x210C;
			case 'I': return 0x2111;
			case 'R': return 0x211C;
			case 'Z': return 0x2128;
			}
			return 0x1D504 + k;
		}
		return 0x1D51E + k;
	case F_SF:
		return (up ? 0x1D5A0 : 0x1D5BA) + k;
	case F_TT:
		return (up ? 0x1D670 : 0x1D68A) + k;
	default:
		return c;
	}
}

/* ---- parsing --------------------------------------------------------- */

static void parse_row(struct tp *t, struct buf *o, int stop_brace);
static int parse_atom(struct tp *t, struct buf *o, char *kind);

/* "{...}" at t->i as one <mrow>. Returns 0 or -1. */
static int
parse_group(struct tp *t, struct buf *o)
{
	size_t open = t->i++;

	buf_puts(o, "<mrow>");
	parse_row(t, o, 1);
	buf_puts(o, "</mrow>");
	if (t->err)
		return -1;
	if (t->i >= t->n || t->s[t->i] != '}') {
		fail(t, open, "unbalanced braces: '{' is never closed");
		return -1;
	}
	t->i++;
	return 0;
}

/* A braced group or a single atom, as one MathML element. */
static int
parse_arg(struct tp *t, struct buf *o, const char *what)
{
	char kind;

	skip_ws(t);
	if (t->i >= t->n) {
		fail(t, t->i, "%s needs an argument", what);
		return -1;
	}
	if (t->s[t->i] == '{')
		return parse_group(t, o);
	if (t->s[t->i] == '}' || t->s[t->i] == '^' || t->s[t->i] == '_' ||
	    t->s[t->i] == '&') {
		fail(t, t->i, "%s needs an argument", what);
		return -1;
	}
	/* One token: a digit alone (x^22 is x^2 2), a letter, a command. */
	if (isdigit((unsigned char)t->s[t->i])) {
		buf_puts(o, "<mn>");
		buf_putc(o, t->s[t->i++]);
		buf_puts(o, "</mn>");
		return 0;
	}
	if (parse_atom(t, o, &kind) <= 0) {
		if (!t->err)
			fail(t, t->i, "%s needs an argument", what);
		return -1;
	}
	return 0;
}

/* The raw text of a braced group (for \text, \begin names). */
static int
brace_text(struct tp *t, const char **p, size_t *n, const char *what)
{
	size_t start, depth = 1;

	skip_ws(t);
	if (t->i >= t->n || t->s[t->i] != '{') {
		fail(t, t->i, "%s needs a {…} argument", what);
		return -1;
	}
	start = ++t->i;
	while (t->i < t->n && depth > 0) {
		if (t->s[t->i] == '\\' && t->i + 1 < t->n)
			t->i++;
		else if (t->s[t->i] == '{')
			depth++;
		else if (t->s[t->i] == '}')
			depth--;
		t->i++;
	}
	if (depth > 0) {
		fail(t, start - 1, "unbalanced braces: '{' is never closed");
		return -1;
	}
	*p = t->s + start;
	*n = t->i - 1 - start;
	return 0;
}

static void
mtext(struct buf *o, const char *p, size_t n)
{
	size_t i;

	buf_puts(o, "<mtext>");
	for (i = 0; i < n; i++) {
		if (p[i] == '\\' && i + 1 < n && p[i + 1] != '\0' &&
		    strchr("%&_#${} ", p[i + 1])) {
			i++;
			esc(o, p + i, 1);
		} else if (p[i] == '~')
			buf_puts(o, "\xC2\xA0");
		else
			esc(o, p + i, 1);
	}
	buf_puts(o, "</mtext>");
}

/* A delimiter after \left, \right, \big...: writes the <mo> text. */
static int
delim(struct tp *t, struct buf *o, const char *what)
{
	const char *name;
	size_t len;
	const struct sym *sy;
	static const struct { const char *n; const char *u; } dl[] = {
		{ "{", "{" }, { "}", "}" }, { "|", "\xE2\x80\x96" },
		{ "langle", "\xE2\x9F\xA8" }, { "rangle", "\xE2\x9F\xA9" },
		{ "lvert", "|" }, { "rvert", "|" }, { "vert", "|" },
		{ "lVert", "\xE2\x80\x96" }, { "rVert", "\xE2\x80\x96" },
		{ "Vert", "\xE2\x80\x96" }, { "lfloor", "\xE2\x8C\x8A" },
		{ "rfloor", "\xE2\x8C\x8B" }, { "lceil", "\xE2\x8C\x88" },
		{ "rceil", "\xE2\x8C\x89" }, { "backslash", "\\" },
	};
	size_t k;

	skip_ws(t);
	if (t->i >= t->n) {
		fail(t, t->i, "%s needs a delimiter", what);
		return -1;
	}
	if (t->s[t->i] != '\0' && strchr("()[]|./<>", t->s[t->i])) {
		char c = t->s[t->i++];

		if (c == '.')
			return 0;	/* no delimiter */
		if (c == '<')
			buf_puts(o, "\xE2\x9F\xA8");
		else if (c == '>')
			buf_puts(o, "\xE2\x9F\xA9");
		else
			buf_putc(o, c);
		return 0;
	}
	if (t->s[t->i] == '\\') {
		size_t at = t->i;

		read_cmd(t, &name, &len);
		for (k = 0; k < sizeof(dl) / sizeof(dl[0]); k++)
			if (strlen(dl[k].n) == len && memcmp(dl[k].n, name, len) == 0) {
				buf_puts(o, dl[k].u);
				return 0;
			}
		(void)sy;
		fail(t, at, "'\\%.*s' is not a delimiter for %s", (int)len, name, what);
		return -1;
	}
	/* Quote the whole character, not its first byte. */
	{
		utf8proc_int32_t cp;
		utf8proc_ssize_t cl = utf8proc_iterate((const utf8proc_uint8_t *)
		    t->s + t->i, (utf8proc_ssize_t)(t->n - t->i), &cp);

		if (cl <= 0)
			cl = 1;
		fail(t, t->i, "'%.*s' is not a delimiter for %s", (int)cl,
		    t->s + t->i, what);
	}
	return -1;
}

static void
mo_fence(struct buf *o, const char *text)
{
	buf_puts(o, "<mo fence=\"true\" stretchy=\"true\" form=\"prefix\">");
	buf_puts(o, text);
	buf_puts(o, "</mo>");
}

/* \begin{env} ... \end{env} */
static void
environment(struct tp *t, struct buf *o, size_t at)
{
	const char *name, *ename;
	size_t nlen, elen;
	char env[32];
	const char *open = NULL, *close = NULL, *align = NULL;
	int saved = t->in_env;

	if (brace_text(t, &name, &nlen, "\\begin") != 0)
		return;
	snprintf(env, sizeof(env), "%.*s", (int)(nlen < 31 ? nlen : 31), name);
	if (strcmp(env, "matrix") == 0 || strcmp(env, "smallmatrix") == 0)
		;
	else if (strcmp(env, "pmatrix") == 0) {
		open = "(";
		close = ")";
	} else if (strcmp(env, "bmatrix") == 0) {
		open = "[";
		close = "]";
	} else if (strcmp(env, "Bmatrix") == 0) {
		open = "{";
		close = "}";
	} else if (strcmp(env, "vmatrix") == 0) {
		open = "|";
		close = "|";
	} else if (strcmp(env, "Vmatrix") == 0) {
		open = "\xE2\x80\x96";
		close = "\xE2\x80\x96";
	} else if (strcmp(env, "cases") == 0) {
		open = "{";
		align = "left left";
	} else if (strcmp(env, "aligned") == 0 || strcmp(env, "align") == 0 ||
	    strcmp(env, "align*") == 0 || strcmp(env, "split") == 0 ||
	    strcmp(env, "alignedat") == 0)
		align = "right left right left right left";
	else if (strcmp(env, "gathered") == 0 || strcmp(env, "gather") == 0 ||
	    strcmp(env, "gather*") == 0)
		;
	else if (strcmp(env, "array") == 0) {
		const char *spec;
		size_t sl;

		if (brace_text(t, &spec, &sl, "\\begin{array}") != 0)
			return;
	} else {
		fail(t, at, "unknown environment '%s'", env);
		return;
	}
	buf_puts(o, "<mrow>");
	if (open)
		mo_fence(o, open);
	buf_puts(o, "<mtable");
	if (align)
		buf_printf(o, " columnalign=\"%s\"", align);
	buf_puts(o, "><mtr><mtd>");
	t->in_env = 1;
	for (;;) {
		parse_row(t, o, 0);
		if (t->err)
			return;
		if (t->i >= t->n) {
			fail(t, at, "\\begin{%s} is never ended", env);
			return;
		}
		if (t->s[t->i] == '&') {
			t->i++;
			buf_puts(o, "</mtd><mtd>");
			continue;
		}
		if (t->s[t->i] == '\\' && t->i + 1 < t->n && t->s[t->i + 1] == '\\') {
			t->i += 2;
			/* an optional [2pt] after \\ */
			skip_ws(t);
			if (t->i < t->n && t->s[t->i] == '[') {
				const char *e = memchr(t->s + t->i, ']', t->n - t->i);

				if (e)
					t->i = (size_t)(e - t->s) + 1;
			}
			skip_ws(t);
			if (peek_cmd(t, "end"))
				continue;
			buf_puts(o, "</mtd></mtr><mtr><mtd>");
			continue;
		}
		if (peek_cmd(t, "end")) {
			size_t eat = t->i;

			t->i += 4;
			if (brace_text(t, &ename, &elen, "\\end") != 0)
				return;
			if (elen != nlen || memcmp(ename, name, nlen) != 0) {
				fail(t, eat, "\\end{%.*s} closes \\begin{%s}", (int)elen,
				    ename, env);
				return;
			}
			break;
		}
		if (t->s[t->i] == '}') {
			fail(t, t->i, "unbalanced braces: '}' without '{'");
			return;
		}
		fail(t, t->i, "unexpected input in \\begin{%s}", env);
		return;
	}
	t->in_env = saved;
	buf_puts(o, "</mtd></mtr></mtable>");
	if (close) {
		buf_puts(o, "<mo fence=\"true\" stretchy=\"true\" form=\"postfix\">");
		buf_puts(o, close);
		buf_puts(o, "</mo>");
	}
	buf_puts(o, "</mrow>");
}

static void
font_group(struct tp *t, struct buf *o, enum font f, const char *what)
{
	enum font saved = t->font;

	t->font = f;
	parse_arg(t, o, what);
	t->font = saved;
}

static void
accent(struct tp *t, struct buf *o, const char *mark, int stretch, int under,
    const char *what)
{
	buf_puts(o, under ? "<munder accentunder=\"true\">" : "<mover accent=\"true\">");
	parse_arg(t, o, what);
	buf_printf(o, "<mo%s>%s</mo>", stretch ? " stretchy=\"true\"" : "", mark);
	buf_puts(o, under ? "</munder>" : "</mover>");
}

/* One command at t->i (a backslash). kind: 'b' for big operators,
 * 'l' for limit-like names, else 0. */
static int
command(struct tp *t, struct buf *o, char *kind)
{
	size_t at = t->i, len;
	const char *name;
	const struct sym *sy;
	char tmp[64];

	read_cmd(t, &name, &len);
	*kind = 0;
	if (len == 0) {
		fail(t, at, "a lone backslash at the end");
		return -1;
	}
	if (len == 1 && name[0] != '\0' && strchr("{}%_#&$", name[0])) {
		buf_puts(o, name[0] == '{' || name[0] == '}' ?
		    "<mo stretchy=\"false\">" : "<mi>");
		esc(o, name, 1);
		buf_puts(o, name[0] == '{' || name[0] == '}' ? "</mo>" : "</mi>");
		return 1;
	}
	if (len == 1 && name[0] == '|') {
		buf_puts(o, "<mo>\xE2\x80\x96</mo>");
		return 1;
	}
	if (len == 1 && name[0] == '\\') {
		if (t->in_env) {
			t->i = at;	/* row break: the environment handles it */
			return 0;
		}
		buf_puts(o, "<mspace linebreak=\"newline\"></mspace>");
		return 1;
	}
	snprintf(tmp, sizeof(tmp), "%.*s", (int)(len < 63 ? len : 63), name);
	if ((sy = find_sym(name, len)) != NULL) {
		switch (sy->kind) {
		case 's': {
			const char *w = "0.1667em";

			if (strcmp(tmp, ":") == 0 || strcmp(tmp, ">") == 0)
				w = "0.2222em";
			else if (strcmp(tmp, ";") == 0)
				w = "0.2778em";
			else if (strcmp(tmp, "!") == 0)
				w = "-0.1667em";
			else if (strcmp(tmp, "quad") == 0)
				w = "1em";
			else if (strcmp(tmp, "qquad") == 0)
				w = "2em";
			else if (strcmp(tmp, " ") == 0 || strcmp(tmp, "enspace") == 0)
				w = "0.5em";
			buf_printf(o, "<mspace width=\"%s\"></mspace>", w);
			return 1;
		}
		case 'i':
			buf_puts(o, "<mi>");
			put_cp(o, (utf8proc_int32_t)sy->cp);
			buf_puts(o, "</mi>");
			return 1;
		case 'I':
			buf_puts(o, "<mi mathvariant=\"normal\">");
			put_cp(o, (utf8proc_int32_t)sy->cp);
			buf_puts(o, "</mi>");
			return 1;
		case 'b':
		case 'B':
			*kind = sy->kind;
			buf_puts(o, sy->kind == 'b' ? "<mo largeop=\"true\" movablelimits=\"true\">" :
			    "<mo largeop=\"true\">");
			put_cp(o, (utf8proc_int32_t)sy->cp);
			buf_puts(o, "</mo>");
			return 1;
		default:
			buf_puts(o, "<mo>");
			put_cp(o, (utf8proc_int32_t)sy->cp);
			buf_puts(o, "</mo>");
			return 1;
		}
	}
	if (in_list(limfuncs, sizeof(limfuncs) / sizeof(limfuncs[0]), name, len) ||
	    in_list(funcs, sizeof(funcs) / sizeof(funcs[0]), name, len)) {
		int lim = in_list(limfuncs, sizeof(limfuncs) / sizeof(limfuncs[0]),
		    name, len);

		if (strcmp(tmp, "argmax") == 0 || strcmp(tmp, "argmin") == 0)
			snprintf(tmp, sizeof(tmp), "arg\xE2\x80\x89%.*s",
			    (int)(len - 3), name + 3);
		*kind = lim ? 'l' : 'f';
		buf_puts(o, lim ? "<mo movablelimits=\"true\" form=\"prefix\">" : "<mi>");
		esc(o, tmp, strlen(tmp));
		buf_puts(o, lim ? "</mo>" : "</mi>");
		return 1;
	}
	if (strcmp(tmp, "frac") == 0 || strcmp(tmp, "dfrac") == 0 ||
	    strcmp(tmp, "tfrac") == 0 || strcmp(tmp, "cfrac") == 0) {
		buf_puts(o, "<mfrac>");
		parse_arg(t, o, "\\frac");
		parse_arg(t, o, "\\frac");
		buf_puts(o, "</mfrac>");
		return 1;
	}
	if (strcmp(tmp, "binom") == 0) {
		buf_puts(o, "<mrow><mo>(</mo><mfrac linethickness=\"0\">");
		parse_arg(t, o, "\\binom");
		parse_arg(t, o, "\\binom");
		buf_puts(o, "</mfrac><mo>)</mo></mrow>");
		return 1;
	}
	if (strcmp(tmp, "sqrt") == 0) {
		skip_ws(t);
		if (t->i < t->n && t->s[t->i] == '[') {
			struct buf idx = BUF_INIT;
			size_t open = t->i++;

			buf_puts(&idx, "<mrow>");
			while (t->i < t->n && t->s[t->i] != ']' && !t->err) {
				char k2;

				if (parse_atom(t, &idx, &k2) <= 0)
					break;
			}
			buf_puts(&idx, "</mrow>");
			if (t->i >= t->n || t->s[t->i] != ']') {
				fail(t, open, "\\sqrt[ is never closed with ']'");
				buf_clear(&idx);
				return -1;
			}
			t->i++;
			buf_puts(o, "<mroot>");
			parse_arg(t, o, "\\sqrt");
			buf_put(o, idx.data, idx.len);
			buf_puts(o, "</mroot>");
			buf_clear(&idx);
			return 1;
		}
		buf_puts(o, "<msqrt>");
		parse_arg(t, o, "\\sqrt");
		buf_puts(o, "</msqrt>");
		return 1;
	}
	if (strcmp(tmp, "left") == 0) {
		struct buf inner = BUF_INIT, d = BUF_INIT;

		if (delim(t, &d, "\\left") != 0)
			return -1;
		buf_puts(o, "<mrow>");
		if (d.len)
			mo_fence(o, d.data);
		buf_clear(&d);
		parse_row(t, &inner, 0);
		if (t->err) {
			buf_clear(&inner);
			return -1;
		}
		if (!peek_cmd(t, "right")) {
			fail(t, at, "\\left without a matching \\right");
			buf_clear(&inner);
			return -1;
		}
		t->i += 6;
		buf_put(o, inner.data ? inner.data : "", inner.len);
		buf_clear(&inner);
		if (delim(t, &d, "\\right") != 0)
			return -1;
		if (d.len) {
			buf_puts(o, "<mo fence=\"true\" stretchy=\"true\" form=\"postfix\">");
			buf_puts(o, d.data);
			buf_puts(o, "</mo>");
		}
		buf_clear(&d);
		buf_puts(o, "</mrow>");
		return 1;
	}
	if (strcmp(tmp, "right") == 0) {
		fail(t, at, "\\right without a matching \\left");
		return -1;
	}
	if (strcmp(tmp, "middle") == 0 || strcmp(tmp, "big") == 0 ||
	    strcmp(tmp, "Big") == 0 || strcmp(tmp, "bigg") == 0 ||
	    strcmp(tmp, "Bigg") == 0 || strcmp(tmp, "bigl") == 0 ||
	    strcmp(tmp, "bigr") == 0 || strcmp(tmp, "Bigl") == 0 ||
	    strcmp(tmp, "Bigr") == 0) {
		struct buf d = BUF_INIT;

		if (delim(t, &d, tmp) != 0)
			return -1;
		buf_printf(o, "<mo stretchy=\"%s\">%s</mo>",
		    strcmp(tmp, "middle") == 0 ? "true" : "false", buf_str(&d));
		buf_clear(&d);
		return 1;
	}
	if (strcmp(tmp, "begin") == 0) {
		environment(t, o, at);
		return t->err ? -1 : 1;
	}
	if (strcmp(tmp, "end") == 0) {
		fail(t, at, "\\end without \\begin");
		return -1;
	}
	if (strcmp(tmp, "text") == 0 || strcmp(tmp, "textrm") == 0 ||
	    strcmp(tmp, "textit") == 0 || strcmp(tmp, "textbf") == 0 ||
	    strcmp(tmp, "mbox") == 0 || strcmp(tmp, "textsf") == 0 ||
	    strcmp(tmp, "texttt") == 0) {
		const char *p;
		size_t n;

		if (brace_text(t, &p, &n, "\\text") != 0)
			return -1;
		mtext(o, p, n);
		return 1;
	}
	if (strcmp(tmp, "operatorname") == 0) {
		const char *p;
		size_t n;

		if (brace_text(t, &p, &n, "\\operatorname") != 0)
			return -1;
		*kind = 'f';
		buf_puts(o, "<mi>");
		esc(o, p, n);
		buf_puts(o, "</mi>");
		return 1;
	}
	if (strcmp(tmp, "mathbf") == 0) { font_group(t, o, F_BF, "\\mathbf"); return 1; }
	if (strcmp(tmp, "boldsymbol") == 0 || strcmp(tmp, "bm") == 0) {
		font_group(t, o, F_BI, "\\boldsymbol");
		return 1;
	}
	if (strcmp(tmp, "mathbb") == 0) { font_group(t, o, F_BB, "\\mathbb"); return 1; }
	if (strcmp(tmp, "mathcal") == 0 || strcmp(tmp, "mathscr") == 0) {
		font_group(t, o, F_CAL, "\\mathcal");
		return 1;
	}
	if (strcmp(tmp, "mathfrak") == 0) { font_group(t, o, F_FRAK, "\\mathfrak"); return 1; }
	if (strcmp(tmp, "mathrm") == 0) { font_group(t, o, F_RM, "\\mathrm"); return 1; }
	if (strcmp(tmp, "mathit") == 0) { font_group(t, o, F_IT, "\\mathit"); return 1; }
	if (strcmp(tmp, "mathsf") == 0) { font_group(t, o, F_SF, "\\mathsf"); return 1; }
	if (strcmp(tmp, "mathtt") == 0) { font_group(t, o, F_TT, "\\mathtt"); return 1; }
	if (strcmp(tmp, "hat") == 0) { accent(t, o, "^", 0, 0, "\\hat"); return 1; }
	if (strcmp(tmp, "widehat") == 0) { accent(t, o, "^", 1, 0, "\\widehat"); return 1; }
	if (strcmp(tmp, "tilde") == 0) { accent(t, o, "~", 0, 0, "\\tilde"); return 1; }
	if (strcmp(tmp, "widetilde") == 0) { accent(t, o, "~", 1, 0, "\\widetilde"); return 1; }
	if (strcmp(tmp, "bar") == 0) { accent(t, o, "\xC2\xAF", 0, 0, "\\bar"); return 1; }
	if (strcmp(tmp, "overline") == 0) { accent(t, o, "\xE2\x80\xBE", 1, 0, "\\overline"); return 1; }
	if (strcmp(tmp, "underline") == 0) { accent(t, o, "_", 1, 1, "\\underline"); return 1; }
	if (strcmp(tmp, "vec") == 0) { accent(t, o, "\xE2\x86\x92", 0, 0, "\\vec"); return 1; }
	if (strcmp(tmp, "overrightarrow") == 0) { accent(t, o, "\xE2\x86\x92", 1, 0, "\\overrightarrow"); return 1; }
	if (strcmp(tmp, "dot") == 0) { accent(t, o, "\xCB\x99", 0, 0, "\\dot"); return 1; }
	if (strcmp(tmp, "ddot") == 0) { accent(t, o, "\xC2\xA8", 0, 0, "\\ddot"); return 1; }
	if (strcmp(tmp, "check") == 0) { accent(t, o, "\xCB\x87", 0, 0, "\\check"); return 1; }
	if (strcmp(tmp, "xrightarrow") == 0 || strcmp(tmp, "xleftarrow") == 0) {
		buf_printf(o, "<mover><mo stretchy=\"true\">%s</mo>",
		    tmp[1] == 'r' ? "\xE2\x86\x92" : "\xE2\x86\x90");
		parse_arg(t, o, tmp);
		buf_puts(o, "</mover>");
		return 1;
	}
	if (strcmp(tmp, "overset") == 0 || strcmp(tmp, "stackrel") == 0 ||
	    strcmp(tmp, "underset") == 0) {
		struct buf top = BUF_INIT;
		int under = tmp[0] == 'u';

		parse_arg(t, &top, tmp);
		buf_puts(o, under ? "<munder>" : "<mover>");
		parse_arg(t, o, tmp);
		buf_put(o, top.data ? top.data : "", top.len);
		buf_puts(o, under ? "</munder>" : "</mover>");
		buf_clear(&top);
		return 1;
	}
	if (strcmp(tmp, "not") == 0) {
		struct buf nb = BUF_INIT;
		char k2;

		if (parse_atom(t, &nb, &k2) <= 0) {
			fail(t, at, "\\not needs a relation after it");
			buf_clear(&nb);
			return -1;
		}
		/* \not= and \not\in have characters of their own. */
		if (strcmp(buf_str(&nb), "<mo>=</mo>") == 0)
			buf_puts(o, "<mo>\xE2\x89\xA0</mo>");
		else if (strcmp(buf_str(&nb), "<mo>\xE2\x88\x88</mo>") == 0)
			buf_puts(o, "<mo>\xE2\x88\x89</mo>");
		else {
			buf_puts(o, "<mrow>");
			buf_put(o, nb.data, nb.len);
			buf_puts(o, "<mo>\xCC\xB8</mo></mrow>");
		}
		buf_clear(&nb);
		return 1;
	}
	if (strcmp(tmp, "displaystyle") == 0 || strcmp(tmp, "textstyle") == 0 ||
	    strcmp(tmp, "scriptstyle") == 0 || strcmp(tmp, "limits") == 0 ||
	    strcmp(tmp, "nolimits") == 0 || strcmp(tmp, "nonumber") == 0 ||
	    strcmp(tmp, "notag") == 0)
		return 2;	/* no output */
	fail(t, at, "unknown command '\\%s'", tmp);
	return -1;
}

/* One atom without scripts. Returns 1, 0 at a terminator, -1 on error. */
static int
parse_atom(struct tp *t, struct buf *o, char *kind)
{
	unsigned char c;
	int r;

	*kind = 0;
	for (;;) {
		skip_ws(t);
		if (t->i >= t->n || t->err)
			return 0;
		c = (unsigned char)t->s[t->i];
		if (c == '}' || c == '&')
			return 0;
		if (c == '\\') {
			if (peek_cmd(t, "right") || peek_cmd(t, "end"))
				return 0;
			r = command(t, o, kind);
			if (r == 2)
				continue;
			return r;
		}
		break;
	}
	if (c == '{')
		return parse_group(t, o) == 0 ? 1 : -1;
	if (c == '^' || c == '_') {
		fail(t, t->i, "'%c' has nothing before it", c);
		return -1;
	}
	if (c == '$') {
		fail(t, t->i, "stray '$' inside a formula");
		return -1;
	}
	if (c == '#') {
		fail(t, t->i, "'#' is not allowed in a formula");
		return -1;
	}
	if (isdigit(c) || (c == '.' && t->i + 1 < t->n &&
	    isdigit((unsigned char)t->s[t->i + 1]))) {
		size_t j = t->i;

		while (j < t->n && (isdigit((unsigned char)t->s[j]) ||
		    (t->s[j] == '.' && j + 1 < t->n &&
		    isdigit((unsigned char)t->s[j + 1]))))
			j++;
		buf_puts(o, "<mn>");
		if (t->font == F_BF || t->font == F_BB)
			for (size_t k = t->i; k < j; k++)
				put_cp(o, font_letter(t->font, t->s[k]));
		else
			esc(o, t->s + t->i, j - t->i);
		buf_puts(o, "</mn>");
		t->i = j;
		return 1;
	}
	if (isalpha(c)) {
		if (t->font == F_RM || t->font == F_IT) {
			/* \mathrm{softmax}: one upright identifier. */
			size_t j = t->i;

			while (j < t->n && isalpha((unsigned char)t->s[j]))
				j++;
			buf_puts(o, j - t->i == 1 && t->font == F_RM ?
			    "<mi mathvariant=\"normal\">" : "<mi>");
			esc(o, t->s + t->i, j - t->i);
			buf_puts(o, "</mi>");
			t->i = j;
			return 1;
		}
		buf_puts(o, "<mi>");
		put_cp(o, font_letter(t->font, c));
		buf_puts(o, "</mi>");
		t->i++;
		return 1;
	}
	if (c >= 0x80) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)t->s +
		    t->i, (utf8proc_ssize_t)(t->n - t->i), &cp);
		utf8proc_category_t cat;

		if (k <= 0) {
			fail(t, t->i, "invalid UTF-8 in a formula");
			return -1;
		}
		cat = utf8proc_category(cp);
		buf_puts(o, cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO ?
		    "<mi>" : "<mo>");
		buf_put(o, t->s + t->i, (size_t)k);
		buf_puts(o, cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO ?
		    "</mi>" : "</mo>");
		t->i += (size_t)k;
		return 1;
	}
	t->i++;
	switch (c) {
	case '-':
		buf_puts(o, "<mo>\xE2\x88\x92</mo>");
		break;
	case '*':
		buf_puts(o, "<mo>\xE2\x88\x97</mo>");
		break;
	case '~':
		buf_puts(o, "<mspace width=\"0.3333em\"></mspace>");
		break;
	case '\'':
		buf_puts(o, "<mo>\xE2\x80\xB2</mo>");
		break;
	case '(': case ')': case '[': case ']': case '|':
		buf_printf(o, "<mo stretchy=\"false\">%c</mo>", c);
		break;
	default:
		buf_puts(o, "<mo>");
		esc(o, (const char *)&c, 1);
		buf_puts(o, "</mo>");
	}
	return 1;
}

/* Atoms with their scripts until a terminator ('}' when stop_brace,
 * '&', '\\' in environments, \right, \end, the end). */
static void
parse_row(struct tp *t, struct buf *o, int stop_brace)
{
	struct buf base = BUF_INIT, sub = BUF_INIT, sup = BUF_INIT;
	char kind;
	int r, primes;

	if (++t->depth > 200) {
		fail(t, t->i, "formula nested too deeply");
		return;
	}
	for (;;) {
		skip_ws(t);
		if (t->err || t->i >= t->n)
			break;
		if (t->s[t->i] == '}') {
			if (!stop_brace)
				fail(t, t->i, "unbalanced braces: '}' without '{'");
			break;
		}
		if (t->s[t->i] == '&') {
			if (!t->in_env)
				fail(t, t->i, "'&' outside a matrix or aligned environment");
			break;
		}
		if (t->in_env && t->s[t->i] == '\\' && t->i + 1 < t->n &&
		    t->s[t->i + 1] == '\\')
			break;
		buf_reset(&base);
		r = parse_atom(t, &base, &kind);
		if (r <= 0)
			break;
		buf_reset(&sub);
		buf_reset(&sup);
		primes = 0;
		for (;;) {
			skip_ws(t);
			if (t->i >= t->n)
				break;
			if (t->s[t->i] == '\'') {
				primes++;
				t->i++;
				continue;
			}
			if (peek_cmd(t, "limits") || peek_cmd(t, "nolimits")) {
				if (peek_cmd(t, "limits") && kind == 'B')
					kind = 'b';
				else if (peek_cmd(t, "nolimits"))
					kind = 0;
				t->i += peek_cmd(t, "limits") ? 7 : 9;
				continue;
			}
			if (t->s[t->i] == '^' || t->s[t->i] == '_') {
				char which = t->s[t->i];
				struct buf *dst = which == '^' ? &sup : &sub;

				if (dst->len > 0) {
					fail(t, t->i, "double %s: use braces",
					    which == '^' ? "superscript" : "subscript");
					break;
				}
				t->i++;
				if (parse_arg(t, dst, which == '^' ? "'^'" : "'_'") != 0)
					break;
				continue;
			}
			break;
		}
		if (t->err)
			break;
		if (primes > 0) {
			struct buf p = BUF_INIT;

			buf_puts(&p, "<mo>");
			for (int k = 0; k < primes; k++)
				buf_puts(&p, "\xE2\x80\xB2");
			buf_puts(&p, "</mo>");
			if (sup.len > 0) {
				buf_puts(&p, sup.data);
				buf_reset(&sup);
				buf_puts(&sup, "<mrow>");
				buf_put(&sup, p.data, p.len);
				buf_puts(&sup, "</mrow>");
			} else
				buf_put(&sup, p.data, p.len);
			buf_clear(&p);
		}
		if (sub.len == 0 && sup.len == 0) {
			buf_put(o, base.data, base.len);
			if (kind == 'f' || kind == 'l')
				buf_puts(o, "<mo>\xE2\x81\xA1</mo>");
			continue;
		}
		{
			/* Limits under/over: big operators and lim-like names
			 * in display style (inline: movablelimits decides). */
			int under = kind == 'b' || kind == 'l';
			const char *tag = sub.len && sup.len ?
			    (under ? "munderover" : "msubsup") :
			    sub.len ? (under ? "munder" : "msub") :
			    (under ? "mover" : "msup");

			buf_printf(o, "<%s>", tag);
			buf_put(o, base.data, base.len);
			if (sub.len)
				buf_put(o, sub.data, sub.len);
			if (sup.len)
				buf_put(o, sup.data, sup.len);
			buf_printf(o, "</%s>", tag);
		}
		if (kind == 'f' || kind == 'l')
			buf_puts(o, "<mo>\xE2\x81\xA1</mo>");
	}
	buf_clear(&base);
	buf_clear(&sub);
	buf_clear(&sup);
	t->depth--;
}

int
tex_to_mathml(const char *tex, size_t len, int display, struct buf *out,
    size_t *err_off, char *errmsg, size_t errsz)
{
	struct tp t;
	struct buf body = BUF_INIT;

	memset(&t, 0, sizeof(t));
	t.s = tex;
	t.n = len;
	t.display = display;
	t.emsg = errmsg;
	t.esz = errsz;
	parse_row(&t, &body, 0);
	if (!t.err && t.i < t.n) {
		if (peek_cmd(&t, "right"))
			fail(&t, t.i, "\\right without a matching \\left");
		else if (peek_cmd(&t, "end"))
			fail(&t, t.i, "\\end without \\begin");
		else
			fail(&t, t.i, "unexpected '%c'", t.s[t.i]);
	}
	if (t.err) {
		buf_clear(&body);
		*err_off = t.eoff;
		buf_puts(out, "<span class=\"math-error\" title=\"");
		esc(out, errmsg, strlen(errmsg));
		buf_puts(out, "\"><code>");
		buf_puts(out, display ? "$$" : "$");
		esc(out, tex, len);
		buf_puts(out, display ? "$$" : "$");
		buf_puts(out, "</code></span>");
		return -1;
	}
	buf_puts(out, display ? "<math display=\"block\" alttext=\"" : "<math alttext=\"");
	esc(out, tex, len);
	buf_puts(out, "\"><semantics><mrow>");
	buf_put(out, body.data ? body.data : "", body.len);
	buf_puts(out, "</mrow><annotation encoding=\"application/x-tex\">");
	esc(out, tex, len);
	buf_puts(out, "</annotation></semantics></math>");
	buf_clear(&body);
	return 0;
}
