/* Unit tests for the site engine: directive parsing and validation,
 * templates, slugs, result serialisation. */
#include <stdlib.h>

#include "test.h"
#include "directives/directive.h"
#include "md/slug.h"
#include "render/html.h"
#include "render/result.h"
#include "site/theme.h"

static struct diaglist dl;

static const char *
first_msg(void)
{
	static char line[2048];

	if (dl.n == 0)
		return "(none)";
	diag_format(&dl.v[0], line, sizeof(line));
	return line;
}

static struct directive *
parse(const char *info, const char *lit)
{
	diaglist_clear(&dl);
	return directive_parse(info, lit, strlen(lit), "p.md", 10, 1, NULL,
	    NULL, &dl);
}

static void
test_directive_ok(void)
{
	struct directive *d = parse("{note} Chú ý", ":class: wide\n\nBody *md*\n\n");

	CHECK(d != NULL);
	if (d == NULL)
		return;
	CHECK_STR(d->name, "note");
	CHECK_STR(d->arg, "Chú ý");
	CHECK_STR(directive_opt(d, "class")->text, "wide");
	CHECK_INT(directive_opt(d, "class")->line, 11);
	CHECK_STR(d->body, "Body *md*");
	CHECK_INT(d->body_line, 13);
	CHECK(!directive_opt(d, "title")->set);
	directive_free(d);
}

static void
test_directive_errors(void)
{
	CHECK(parse("{nоte}", "x") == NULL);	/* Cyrillic o */
	CHECK(parse("{notes}", "x") == NULL);
	CHECK_STR(first_msg(),
	    "p.md:10:1: error: unknown directive '{notes}' (did you mean '{note}'?)");
	CHECK(parse("{note}", ":titel: x\n\nbody") == NULL);
	CHECK_STR(first_msg(),
	    "p.md:11:1: error: unknown option ':titel:' (did you mean ':title:'?)");
	CHECK(parse("{note}", "") == NULL);
	CHECK_STR(first_msg(),
	    "p.md:10:1: error: {note} needs a body: the Markdown text of the box");
	CHECK(parse("{note}", ":title: a\n:title: b\n\nx") == NULL);
	CHECK_STR(first_msg(),
	    "p.md:12:1: error: option ':title:' is given twice (first on line 11)");
	CHECK(parse("{note", "x") == NULL);
	CHECK_STR(first_msg(),
	    "p.md:10:1: error: directive name is not closed: expected '{name}'");
	CHECK(parse("{note}", ":bad line\n\nx") == NULL);
	CHECK_STR(first_msg(),
	    "p.md:11:1: error: malformed option line: expected ':name: value'");
}

/* Option conversion through a throw-away spec. */
static const char *const colours[] = { "viridis", "magma", NULL };
static const struct opt_spec tspec_opts[] = {
	{ "k", OPT_INT, "10", 0, 1, 100, NULL, "neighbours" },
	{ "tau", OPT_FLOAT, "0.07", 0, 0.001, 10, NULL, "temperature" },
	{ "abs", OPT_BOOL, "false", 0, 0, 0, NULL, "absolute values" },
	{ "cmap", OPT_ENUM, "viridis", 0, 0, 0, colours, "colour map" },
	{ "words", OPT_WORDS, NULL, 1, 0, 0, NULL, "query words" },
	{ NULL, 0, NULL, 0, 0, 0, NULL, NULL }
};

static int
noop_run(struct dctx *c, const struct directive *d, struct result *r)
{
	(void)c; (void)d; (void)r;
	return 0;
}

static struct directive *
parse_t(const char *lit)
{
	static const struct directive_spec sp = {
		.name = "t",
		.summary = "test",
		.opts = tspec_opts,
		.body = BODY_OPTIONAL,
		.run = noop_run,
	};

	diaglist_clear(&dl);
	return directive_parse_spec(&sp, "{t}", lit, strlen(lit), "p.md", 10, 1,
	    NULL, NULL, &dl);
}

static void
test_option_types(void)
{
	struct directive *d = parse_t(":words: battery, cat  dog\n:abs:\n");

	CHECK(d != NULL);
	if (d != NULL) {
		CHECK_INT(directive_opt(d, "k")->i, 10);
		CHECK_NEAR(directive_opt(d, "tau")->f, 0.07, 1e-12);
		CHECK_INT(directive_opt(d, "abs")->b, 1);
		CHECK_STR(directive_opt(d, "cmap")->text, "viridis");
		CHECK_INT(directive_opt(d, "words")->nwords, 3);
		CHECK_STR(directive_opt(d, "words")->words[2], "dog");
		directive_free(d);
	}
	CHECK(parse_t(":words: a\n:k: 1000\n") == NULL);
	CHECK_STR(first_msg(), "p.md:12:1: error: option ':k:' must be between 1 and 100, not 1000");
	CHECK(parse_t(":words: a\n:k: ten\n") == NULL);
	CHECK_STR(first_msg(), "p.md:12:1: error: option ':k:' must be a whole number, not 'ten'");
	CHECK(parse_t(":words: a\n:tau: 0\n") == NULL);
	CHECK_STR(first_msg(), "p.md:12:1: error: option ':tau:' must be between 0.001 and 10, not 0");
	CHECK(parse_t(":words: a\n:abs: maybe\n") == NULL);
	CHECK_STR(first_msg(), "p.md:12:1: error: option ':abs:' must be true or false, not 'maybe'");
	CHECK(parse_t(":words: a\n:cmap: magmaa\n") == NULL);
	CHECK_STR(first_msg(), "p.md:12:1: error: option ':cmap:' must be one of viridis, magma, not 'magmaa' (did you mean 'magma'?)");
	CHECK(parse_t(":k: 3\n") == NULL);
	CHECK_STR(first_msg(), "p.md:10:1: error: {t} needs option ':words:' (query words)");
	CHECK(parse_t(":words: ,\n") == NULL);
	CHECK_STR(first_msg(), "p.md:11:1: error: option ':words:' needs at least one word");
}

static void
test_slug(void)
{
	char *s;

	s = slugify("Độ tương tự côsin (Cosine)", strlen("Độ tương tự côsin (Cosine)"));
	CHECK_STR(s, "do-tuong-tu-cosin-cosine");
	free(s);
	s = slugify("  ?? ", 5);
	CHECK_STR(s, "section");
	free(s);
	s = text_fold("ĐƯỜNG Nhúng", strlen("ĐƯỜNG Nhúng"));
	CHECK_STR(s, "duong nhung");
	free(s);
	s = slugify("k-NN & t-SNE: L2", 16);
	CHECK_STR(s, "k-nn-t-sne-l2");
	free(s);
}

static const char *
tvars(void *ctx, const char *name)
{
	(void)ctx;
	if (strcmp(name, "title") == 0)
		return "<A&B>";
	if (strcmp(name, "html") == 0)
		return "<b>x</b>";
	return "";
}

static void
test_template(void)
{
	struct template t;
	struct diag d;
	struct buf b = BUF_INIT;
	const char *src = "[{{title}}|{{{html}}}|{{#title}}yes{{/title}}{{#none}}no{{/none}}{{^none}}empty{{/none}}]";

	CHECK(template_compile(&t, src, strlen(src), "t.html", &d) == 0);
	template_render(&t, tvars, NULL, &b);
	CHECK_STR(buf_str(&b), "[&lt;A&amp;B&gt;|<b>x</b>|yesempty]");
	template_clear(&t);
	buf_clear(&b);
	CHECK(template_compile(&t, "a\n{{#x}}b", 8, "t.html", &d) == -1);
	CHECK_STR(d.msg, "template: section '{{#x}}' is never closed");
	template_clear(&t);
	CHECK(template_compile(&t, "a\n {{#x}}{{/y}}", 15, "t.html", &d) == -1);
	CHECK_INT(d.line, 2);
	CHECK_INT(d.col, 8);
	template_clear(&t);
	CHECK(template_compile(&t, "{{x", 3, "t.html", &d) == -1);
	CHECK_STR(d.msg, "template: '{{' is never closed");
	template_clear(&t);
}

static void
test_result(void)
{
	struct result r;
	struct buf b = BUF_INIT;
	static const char *const cols[] = { "word", "cos", "n" };
	struct table *t;
	size_t row;

	result_init(&r, "nearest");
	t = result_add_table(&r, "knn", "Top", 3, cols);
	row = table_add_row(t);
	table_set_text(t, row, 0, "a,\"b\"<");
	table_set_num(t, row, 1, 0.123456789, 3);
	table_set_int(t, row, 2, 7);
	row = table_add_row(t);
	table_set_text(t, row, 0, "nan");
	table_set_num(t, row, 1, 0.0 / 0.0, 3);
	table_csv(t, &b);
	CHECK_STR(buf_str(&b), "word,cos,n\r\n\"a,\"\"b\"\"<\",0.123456789,7\r\nnan,NaN,\r\n");
	buf_reset(&b);
	result_json(&r, &b, 0);
	CHECK_STR(buf_str(&b), "{\"directive\":\"nearest\",\"items\":[{\"table\":\"knn\",\"columns\":[\"word\",\"cos\",\"n\"],\"rows\":[[\"a,\\\"b\\\"\\u003c\",0.123456789,7],[\"nan\",null,null]]}]}\n");
	buf_reset(&b);
	html_flush(table_render(t, "p.knn.csv"), &b);
	CHECK(strstr(buf_str(&b), "<td>a,\"b\"&lt;</td><td class=\"num\">0.123</td>") != NULL);
	CHECK(strstr(buf_str(&b), "<td class=\"num\">\xE2\x80\x94</td>") != NULL);
	CHECK(strstr(buf_str(&b), "<a class=\"vd-csv\" href=\"p.knn.csv\" download=\"\">CSV</a>") != NULL);
	buf_clear(&b);
	result_clear(&r);
}

int
main(void)
{
	diaglist_init(&dl);
	RUN(test_directive_ok);
	RUN(test_directive_errors);
	RUN(test_option_types);
	RUN(test_slug);
	RUN(test_template);
	RUN(test_result);
	diaglist_clear(&dl);
	return test_end("site");
}
