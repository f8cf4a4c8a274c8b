/*
 * Unit tests for the directive framework: the registry (sorted, every
 * spec with an estimate, a version and its strings), every shipped
 * language translating every string a directive can produce, parsing
 * edge cases through the public entry point, enum options as indices,
 * the budget's numbers and messages, and pattern translations.
 */
#include <stdlib.h>

#include "directives/budget.h"
#include "directives/directive.h"
#include "directives/run.h"
#include "util/buf.h"
#include "util/fsutil.h"
#include "util/hash.h"
#include "util/xalloc.h"
#include "util/yamltree.h"
#include "test.h"

static void
test_registry(void)
{
	size_t i, n = directive_count();

	CHECK(n >= 25);
	for (i = 0; i < n; i++) {
		const struct directive_spec *sp = directive_at(i);

		if (i > 0 && strcmp(directive_at(i - 1)->name, sp->name) >= 0) {
			fprintf(stderr, "registry: '%s' after '%s'\n", sp->name,
			    directive_at(i - 1)->name);
			CHECK(0);
		}
		if (sp->estimate == NULL || sp->run == NULL ||
		    sp->version < 1 || sp->strings == NULL ||
		    sp->example == NULL || sp->summary == NULL) {
			fprintf(stderr, "registry: {%s} lacks an estimate, run, "
			    "version, strings, example or summary\n", sp->name);
			CHECK(0);
		}
		CHECK(directive_find(sp->name) == sp);
	}
}

/* Every string of every directive has an entry under results: in each
 * shipped language but English (the strings are English). */
static void
test_translations(void)
{
	static const char *const langs[] = { "vi", NULL };
	const char *src = getenv("SRCDIR");
	size_t i, l;
	const char *const *s;

	for (l = 0; langs[l] != NULL; l++) {
		char *path = xasprintf("%s/themes/default/i18n/%s.yml",
		    src ? src : ".", langs[l]);
		struct buf b = BUF_INIT;
		struct diag dg;
		struct ynode *y = NULL;
		const struct ynode *res;

		if (fs_read(path, &b, &dg) != 0 ||
		    (y = ynode_parse(b.data, b.len, path, 0, &dg)) == NULL) {
			fprintf(stderr, "%s\n", dg.msg);
			CHECK(0);
			free(path);
			buf_clear(&b);
			continue;
		}
		res = ynode_get(y, "results");
		CHECK(res != NULL);
		for (i = 0; res != NULL && i < directive_count(); i++)
			for (s = directive_at(i)->strings; *s != NULL; s++)
				if (ynode_get(res, *s) == NULL) {
					fprintf(stderr, "%s: results: lacks \"%s\" "
					    "({%s})\n", path, *s,
					    directive_at(i)->name);
					CHECK(0);
				}
		ynode_free(y);
		buf_clear(&b);
		free(path);
	}
}

static struct diaglist dl;

static const char *
first_msg(void)
{
	static char m[2048];

	if (dl.n == 0)
		return "(none)";
	snprintf(m, sizeof(m), "%s:%ld:%d: %s", dl.v[0].file, dl.v[0].line,
	    dl.v[0].col, dl.v[0].msg);
	return m;
}

/* An info string without its leading '{' once made directive_parse copy
 * a length of -1 (issue 19); now it is a located error. */
static void
test_parse_without_brace(void)
{
	static const char *const infos[] = { "}", "x}", "note}", "", " {note}",
	    NULL };
	size_t i;

	for (i = 0; infos[i] != NULL; i++) {
		struct directive *d;

		diaglist_init(&dl);
		d = directive_parse(infos[i], "", 0, "p.md", 3, 1, NULL, NULL,
		    &dl);
		CHECK(d == NULL);
		CHECK_INT(dl.nerrors, 1);
		if (dl.n > 0 && strncmp(dl.v[0].msg, "a directive starts with "
		    "'{name}'", 30) != 0)
			CHECK_STR(dl.v[0].msg, "a directive starts with '{name}', ...");
		diaglist_clear(&dl);
	}
	diaglist_init(&dl);
	CHECK(directive_parse("x}", "", 0, "p.md", 3, 1, NULL, NULL, &dl) ==
	    NULL);
	CHECK_STR(first_msg(), "p.md:3:1: a directive starts with '{name}', "
	    "not 'x}'");
	diaglist_clear(&dl);
}

static void
test_enum_index(void)
{
	struct directive *d;
	const char *lit = ":space: s\n:measure: cosine-target\n:scale: "
	    "signed\n\ntext";

	diaglist_init(&dl);
	d = directive_parse("{token-heatmap}", lit, strlen(lit), "p.md", 1, 1,
	    NULL, NULL, &dl);
	CHECK(d != NULL);
	if (d != NULL) {
		CHECK_INT(directive_opt(d, "measure")->i, 2);
		CHECK_INT(directive_opt(d, "scale")->i, 2);
		CHECK_INT(directive_opt(d, "colormap")->i, 0);
		CHECK(!directive_opt(d, "budget")->set);
	}
	directive_free(d);
	diaglist_clear(&dl);
}

static void
test_budget_numbers(void)
{
	char s[64];
	struct budget b;

	CHECK_STR(budget_fmt(3.2e11, s, sizeof(s)), "3.2 × 10¹¹");
	CHECK_STR(budget_fmt(1e10, s, sizeof(s)), "10¹⁰");
	CHECK_STR(budget_fmt(20000, s, sizeof(s)), "20000");
	CHECK_STR(budget_fmt(9.97e12, s, sizeof(s)), "10¹³");
	CHECK_STR(budget_fmt(4.3e9, s, sizeof(s)), "4.3 × 10⁹");
	budget_init(&b);
	CHECK(budget_parse(&b, "1e12, 8e9") == 0);
	CHECK_NEAR(b.ops, 1e12, 0);
	CHECK_NEAR(b.bytes, 8e9, 0);
	CHECK(budget_parse(&b, "10^11") == 0);
	CHECK_NEAR(b.ops, 1e11, 1);
	CHECK(budget_parse(&b, "lots") != 0);
	CHECK(budget_parse(&b, "-5") != 0);
	CHECK(budget_parse(&b, "1e12, x") != 0);
}

/* A caption with numbers in it is translated through its pattern. */
static void
test_pattern_translation(void)
{
	struct strmap m;
	struct strmap_ent *e;
	struct result r;
	struct table *t;
	static const char *const cols[] = { "comparison", "words" };
	int created;
	const char *k = "result:RDMs of cosine distance over %s word pairs; "
	    "p one-sided from %s relabellings of %s (seed %s)";

	strmap_init(&m);
	e = strmap_put(&m, k, strlen(k), &created);
	e->val.ptr = xstrdup("RDM %s cặp; p từ %s hoán vị của %s (hạt giống "
	    "%s)");
	e = strmap_put(&m, "result:words", 12, &created);
	e->val.ptr = xstrdup("số từ");
	result_init(&r, "rsa");
	t = result_add_table(&r, "rsa", "untranslated caption", 2, cols);
	t->note = xstrdup("RDMs of cosine distance over 66 word pairs; p "
	    "one-sided from 99 relabellings of glove-twitter-25d (seed 42)");
	drun_translate(&r, &m);
	CHECK_STR(t->note, "RDM 66 cặp; p từ 99 hoán vị của glove-twitter-25d "
	    "(hạt giống 42)");
	CHECK_STR(t->cols[1], "số từ");
	CHECK_STR(t->cols[0], "comparison");
	CHECK_STR(t->caption, "untranslated caption");
	result_clear(&r);
	for (size_t i = 0; i < m.cap; i++)
		if (m.v[i].key)
			free(m.v[i].val.ptr);
	strmap_clear(&m);
}

int
main(void)
{
	RUN(test_registry);
	RUN(test_translations);
	RUN(test_parse_without_brace);
	RUN(test_enum_index);
	RUN(test_budget_numbers);
	RUN(test_pattern_translation);
	return test_end("test_directives");
}
