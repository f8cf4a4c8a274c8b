/* Unit tests for TeX -> MathML (md/texmath.c) and the math scanner
 * (md/mathscan.c): exact output for the constructs the course uses, each
 * bad-TeX message, and well-formed XML for everything produced. */
#include <stdlib.h>

#include <libxml/parser.h>

#include "test.h"
#include "guard.h"
#include "md/markdown.h"
#include "md/texmath.h"

static char got[8192], msg[256];
static size_t eoff;

/* The MathML between <mrow> and </mrow><annotation, or the error.
 * The formula is handed over unterminated, right before a guard page. */
static int
conv(const char *tex, int display)
{
	struct buf b = BUF_INIT;
	struct guard g;
	int rc = tex_to_mathml(guard_put(&g, tex, strlen(tex)), strlen(tex),
	    display, &b, &eoff, msg, sizeof(msg));
	const char *s = buf_str(&b), *p, *q;
	xmlDocPtr doc;

	guard_free(&g);
	/* Everything produced is well-formed XML. */
	doc = xmlReadMemory(s, (int)b.len, "m.xml", "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	CHECK(doc != NULL);
	xmlFreeDoc(doc);
	p = strstr(s, "<semantics><mrow>");
	q = strstr(s, "</mrow><annotation");
	if (rc == 0 && p && q)
		snprintf(got, sizeof(got), "%.*s", (int)(q - p - 17), p + 17);
	else
		snprintf(got, sizeof(got), "%s", s);
	buf_clear(&b);
	return rc;
}

#define MML(tex, want) do { CHECK(conv(tex, 0) == 0); CHECK_STR(got, want); } while (0)
#define BAD(tex, off, want) do { CHECK(conv(tex, 0) == -1); CHECK_STR(msg, want); CHECK_INT(eoff, off); } while (0)

static void
test_basic(void)
{
	MML("x^2", "<msup><mi>x</mi><mn>2</mn></msup>");
	MML("x_{ij}^{2}", "<msubsup><mi>x</mi><mrow><mi>i</mi><mi>j</mi></mrow><mrow><mn>2</mn></mrow></msubsup>");
	MML("3.14 - a", "<mn>3.14</mn><mo>\xE2\x88\x92</mo><mi>a</mi>");
	MML("\\frac{a}{b}", "<mfrac><mrow><mi>a</mi></mrow><mrow><mi>b</mi></mrow></mfrac>");
	MML("\\sqrt{x}", "<msqrt><mrow><mi>x</mi></mrow></msqrt>");
	MML("\\sqrt[3]{x}", "<mroot><mrow><mi>x</mi></mrow><mrow><mn>3</mn></mrow></mroot>");
	MML("\\alpha \\Omega", "<mi>\xCE\xB1</mi><mi mathvariant=\"normal\">\xCE\xA9</mi>");
	MML("a \\approx b", "<mi>a</mi><mo>\xE2\x89\x88</mo><mi>b</mi>");
	MML("\\log x", "<mi>log</mi><mo>\xE2\x81\xA1</mo><mi>x</mi>");
	MML("W^\\top", "<msup><mi>W</mi><mi mathvariant=\"normal\">\xE2\x8A\xA4</mi></msup>");
	MML("f'", "<msup><mi>f</mi><mo>\xE2\x80\xB2</mo></msup>");
	MML("a<b", "<mi>a</mi><mo>&lt;</mo><mi>b</mi>");
}

static void
test_structures(void)
{
	MML("\\sum_{i=1}^{n} x_i",
	    "<munderover><mo largeop=\"true\" movablelimits=\"true\">\xE2\x88\x91</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mrow><mi>n</mi></mrow></munderover><msub><mi>x</mi><mi>i</mi></msub>");
	MML("\\int_0^1", "<msubsup><mo largeop=\"true\">\xE2\x88\xAB</mo><mn>0</mn><mn>1</mn></msubsup>");
	MML("\\left\\| v \\right\\|_2",
	    "<msub><mrow><mo fence=\"true\" stretchy=\"true\" form=\"prefix\">\xE2\x80\x96</mo><mi>v</mi><mo fence=\"true\" stretchy=\"true\" form=\"postfix\">\xE2\x80\x96</mo></mrow><mn>2</mn></msub>");
	MML("\\mathbb{E}", "<mrow><mi>\xF0\x9D\x94\xBC</mi></mrow>");
	MML("\\mathbb{R}^d", "<msup><mrow><mi>\xE2\x84\x9D</mi></mrow><mi>d</mi></msup>");
	MML("\\mathbf{v}", "<mrow><mi>\xF0\x9D\x90\xAF</mi></mrow>");
	MML("\\mathcal{L}", "<mrow><mi>\xE2\x84\x92</mi></mrow>");
	MML("\\hat{y}", "<mover accent=\"true\"><mrow><mi>y</mi></mrow><mo>^</mo></mover>");
	MML("\\vec{v}", "<mover accent=\"true\"><mrow><mi>v</mi></mrow><mo>\xE2\x86\x92</mo></mover>");
	MML("\\text{độ dài}", "<mtext>độ dài</mtext>");
	MML("\\operatorname{softmax}(z)", "<mi>softmax</mi><mo>\xE2\x81\xA1</mo><mo stretchy=\"false\">(</mo><mi>z</mi><mo stretchy=\"false\">)</mo>");
	MML("\\softmax", "<mi>softmax</mi><mo>\xE2\x81\xA1</mo>");
	MML("a \\xrightarrow{p} b", "<mi>a</mi><mover><mo stretchy=\"true\">\xE2\x86\x92</mo><mrow><mi>p</mi></mrow></mover><mi>b</mi>");
	MML("a\\,b", "<mi>a</mi><mspace width=\"0.1667em\"></mspace><mi>b</mi>");
	MML("\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}",
	    "<mrow><mo fence=\"true\" stretchy=\"true\" form=\"prefix\">(</mo><mtable><mtr><mtd><mi>a</mi></mtd><mtd><mi>b</mi></mtd></mtr><mtr><mtd><mi>c</mi></mtd><mtd><mi>d</mi></mtd></mtr></mtable><mo fence=\"true\" stretchy=\"true\" form=\"postfix\">)</mo></mrow>");
	MML("\\begin{cases} 1 & x > 0 \\\\ 0 & \\text{else} \\end{cases}",
	    "<mrow><mo fence=\"true\" stretchy=\"true\" form=\"prefix\">{</mo><mtable columnalign=\"left left\"><mtr><mtd><mn>1</mn></mtd><mtd><mi>x</mi><mo>&gt;</mo><mn>0</mn></mtd></mtr><mtr><mtd><mn>0</mn></mtd><mtd><mtext>else</mtext></mtd></mtr></mtable></mrow>");
	MML("\\not= \\not\\in", "<mo>\xE2\x89\xA0</mo><mo>\xE2\x88\x89</mo>");
	/* Display: the alttext and annotation carry the source. */
	CHECK(conv("x<y", 1) == 0);
}

static void
test_annotation(void)
{
	struct buf b = BUF_INIT;

	tex_to_mathml("a<b", 3, 1, &b, &eoff, msg, sizeof(msg));
	CHECK_STR(buf_str(&b), "<math display=\"block\" alttext=\"a&lt;b\"><semantics><mrow><mi>a</mi><mo>&lt;</mo><mi>b</mi></mrow><annotation encoding=\"application/x-tex\">a&lt;b</annotation></semantics></math>");
	buf_clear(&b);
}

static void
test_bad(void)
{
	BAD("\\frac{1}{2", 8, "unbalanced braces: '{' is never closed");
	BAD("a}", 1, "unbalanced braces: '}' without '{'");
	BAD("\\foo x", 0, "unknown command '\\foo'");
	BAD("\\left( x", 0, "\\left without a matching \\right");
	BAD("x \\right)", 2, "\\right without a matching \\left");
	BAD("\\frac{a}", 8, "\\frac needs an argument");
	BAD("x^", 2, "'^' needs an argument");
	BAD("x^a^b", 3, "double superscript: use braces");
	BAD("^2", 0, "'^' has nothing before it");
	BAD("a $ b", 2, "stray '$' inside a formula");
	BAD("a & b", 2, "'&' outside a matrix or aligned environment");
	BAD("\\begin{foo} x \\end{foo}", 0, "unknown environment 'foo'");
	BAD("\\begin{matrix} x \\end{pmatrix}", 17, "\\end{pmatrix} closes \\begin{matrix}");
	BAD("\\begin{matrix} x", 0, "\\begin{matrix} is never ended");
	/* The error rendering shows the escaped source. */
	CHECK(conv("<\\foo", 0) == -1);
	CHECK_STR(got, "<span class=\"math-error\" title=\"unknown command &#39;\\foo&#39;\"><code>$&lt;\\foo$</code></span>");
}

static size_t
scan(const char *md, struct mathspan **sp, struct diaglist *dl)
{
	struct guard g;
	size_t n;

	/* Unterminated, right before a guard page. */
	diaglist_clear(dl);
	n = math_scan(guard_put(&g, md, strlen(md)), strlen(md), "p.md", 5,
	    sp, dl);
	guard_free(&g);
	return n;
}

static void
test_scan(void)
{
	struct diaglist dl;
	struct mathspan *sp = NULL;
	const char *md;
	char line[512];

	diaglist_init(&dl);
	md = "a $x$ b $$y$$ \\(z\\) \\[w\\]";
	CHECK_INT(scan(md, &sp, &dl), 4);
	CHECK_INT(sp[0].tstart, 3);
	CHECK_INT(sp[1].display, 1);
	CHECK_INT(sp[2].display, 0);
	CHECK_INT(sp[3].display, 1);
	free(sp);
	md = "costs $5 and $10; `$code$`; \\$x$ no\n\n```\n$fenced$\n```\n\n    $indented$\n";
	CHECK_INT(scan(md, &sp, &dl), 0);
	CHECK_INT(dl.n, 0);
	free(sp);
	md = "text\n\nVar$\\cos\\theta$ and $x\nmore\n\nnext";
	CHECK_INT(scan(md, &sp, &dl), 1);
	CHECK_INT(dl.n, 2);
	diag_format(&dl.v[0], line, sizeof(line));
	CHECK_STR(line, "p.md:7:4: warning: '$' right after 'Var': a damaged formula? (a '(' may have become '$')");
	diag_format(&dl.v[1], line, sizeof(line));
	CHECK_STR(line, "p.md:7:21: warning: unclosed '$': a formula with no closing '$' (write '\\$' for a dollar sign)");
	free(sp);
	md = "$$\na\n= b\n$$";
	CHECK_INT(scan(md, &sp, &dl), 1);
	CHECK_INT(sp[0].end, strlen(md));
	free(sp);
	diaglist_clear(&dl);
}

/* Markdown: positions of TeX errors are the file's line and column. */
static void
test_markdown_positions(void)
{
	char *h = md_to_html("*a* $x_1$ and `$y$`\n", 20);

	CHECK(strstr(h, "<em>a</em> <math alttext=\"x_1\">") != NULL);
	CHECK(strstr(h, "<code>$y$</code>") != NULL);
	free(h);
	h = md_to_html("| a | b |\n|---|---|\n| $\\alpha$ | 2 |\n", 33);
	CHECK(strstr(h, "<td><math alttext=\"\\alpha\">") != NULL);
	free(h);
}

/*
 * Issue 18: both parsers read one byte past their (ptr, len) input: the
 * "\\end" look-ahead at "\\en", the closing "$$" at "$$$". conv() and
 * scan() hand every input over right before a guard page, so any such
 * read is a crash here, not a silent pass on a NUL terminator.
 */
static void
test_unterminated(void)
{
	struct diaglist dl;
	struct mathspan *sp = NULL;

	BAD("\\en", 0, "unknown command '\\en'");
	BAD("\\", 0, "a lone backslash at the end");
	CHECK(conv("\\left", 0) == -1);
	CHECK(conv("\\begin{matrix} a \\", 0) == -1);
	CHECK(conv("\\sqrt[", 0) == -1);
	CHECK(conv("x^", 0) == -1);
	MML("1.", "<mn>1</mn><mo>.</mo>");
	/* Found by fuzz_texmath: "%s" of the rest of \\argmax ran on to
	 * the end of the page text. */
	MML("\\argmax", "<mo movablelimits=\"true\" form=\"prefix\">arg"
	    "\xE2\x80\x89max</mo><mo>\xE2\x81\xA1</mo>");
	/* Error messages stay valid UTF-8: the whole character is quoted. */
	BAD("\\Big\xdc\x8e", 4, "'\xdc\x8e' is not a delimiter for Big");
	diaglist_init(&dl);
	CHECK_INT(scan("$$$", &sp, &dl), 0);
	free(sp);
	sp = NULL;
	CHECK_INT(scan("a $x\\", &sp, &dl), 0);
	free(sp);
	sp = NULL;
	CHECK_INT(scan("\\[x\\", &sp, &dl), 0);
	free(sp);
	sp = NULL;
	CHECK_INT(scan("\n\n   ", &sp, &dl), 0);
	free(sp);
	diaglist_clear(&dl);
}

int
main(void)
{
	md_init();
	RUN(test_basic);
	RUN(test_structures);
	RUN(test_annotation);
	RUN(test_bad);
	RUN(test_scan);
	RUN(test_markdown_positions);
	RUN(test_unterminated);
	return test_end("math");
}
