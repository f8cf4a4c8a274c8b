/* Unit tests for render/chart: nice ticks, number formatting, label
 * cleaning, the SVG of every chart kind (golden files in
 * tests/chart/expected, VECDOC_UPDATE_GOLDEN=1 rewrites them), escaping,
 * NaN handling, degenerate input, JSON shape. */
#include <ctype.h>
#include <stdlib.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "test.h"
#include "render/chart.h"
#include "render/chart_axis.h"
#include "render/result.h"
#include "render/result_io.h"
#include "util/buf.h"
#include "util/fsutil.h"
#include "util/json.h"
#include "util/xalloc.h"

/* ---- helpers ---- */

static const char *
srcdir(void)
{
	const char *s = getenv("SRCDIR");

	return s != NULL && s[0] != '\0' ? s : ".";
}

/* All tick labels of t joined by spaces, in a static buffer. */
static const char *
labels(const struct chart_ticks *t)
{
	static char out[1024];
	char one[64];
	int i;

	out[0] = '\0';
	for (i = 0; i < t->n; i++) {
		chart_tick_label(t, i, one, sizeof(one));
		if (i)
			strcat(out, " ");
		strcat(out, one);
	}
	return out;
}

static xmlDocPtr
parse_xml(const char *s, size_t n)
{
	return xmlReadMemory(s, (int)n, "chart.xml", "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

static char *
render(const struct chart *c)
{
	struct buf b = BUF_INIT;

	chart_render(c, &b);
	return buf_detach(&b);
}

/* First element named "name" in document order below n (or NULL). */
static xmlNodePtr
find_el(xmlNodePtr n, const char *name)
{
	xmlNodePtr k, r;

	if (n == NULL)
		return NULL;
	if (n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0)
		return n;
	for (k = n->children; k != NULL; k = k->next)
		if ((r = find_el(k, name)) != NULL)
			return r;
	return NULL;
}

static int
count_el(xmlNodePtr n, const char *name)
{
	int c = 0;
	xmlNodePtr k;

	if (n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0)
		c++;
	for (k = n->children; k != NULL; k = k->next)
		c += count_el(k, name);
	return c;
}

/* Is there a <title> whose text is exactly s? */
static int
has_title(xmlNodePtr n, const char *s)
{
	xmlNodePtr k;

	if (n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, "title") == 0) {
		xmlChar *t = xmlNodeGetContent(n);
		int eq = strcmp((const char *)t, s) == 0;

		xmlFree(t);
		if (eq)
			return 1;
	}
	for (k = n->children; k != NULL; k = k->next)
		if (has_title(k, s))
			return 1;
	return 0;
}

/* Is a number spelled with at most 2 decimals and finite? */
static int
num_ok(const char *s, const char **end)
{
	const char *p = s;
	int dec = 0;

	if (*p == '-')
		p++;
	if (!isdigit((unsigned char)*p))
		return 0;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p == '.') {
		p++;
		while (isdigit((unsigned char)p[dec]))
			dec++;
		if (dec == 0 || dec > 2)
			return 0;
		p += dec;
	}
	*end = p;
	return 1;
}

/*
 * Every geometric attribute of every element under n is a finite number
 * with at most 2 decimals (paths: every number in "d"). Returns the
 * number of bad attributes (printed).
 */
static int
coords_bad(xmlNodePtr n)
{
	static const char *const geo[] = { "x", "y", "width", "height", "cx",
	    "cy", "r", "x1", "y1", "x2", "y2", NULL };
	xmlNodePtr k;
	xmlAttrPtr a;
	int bad = 0, i;

	if (n->type != XML_ELEMENT_NODE)
		return 0;
	for (a = n->properties; a != NULL; a = a->next) {
		xmlChar *v = xmlGetProp(n, a->name);
		const char *p = (const char *)v, *e;

		for (i = 0; geo[i]; i++)
			if (strcmp((const char *)a->name, geo[i]) == 0 &&
			    (!num_ok(p, &e) || *e != '\0')) {
				fprintf(stderr, "bad %s=\"%s\"\n", geo[i], p);
				bad++;
			}
		if (strcmp((const char *)a->name, "d") == 0) {
			while (*p) {
				if (*p == 'M' || *p == 'L' || *p == ' ' ||
				    *p == ',') {
					p++;
					continue;
				}
				if (!num_ok(p, &e)) {
					fprintf(stderr, "bad d=\"%s\"\n", v);
					bad++;
					break;
				}
				p = e;
			}
		}
		xmlFree(v);
	}
	for (k = n->children; k != NULL; k = k->next)
		bad += coords_bad(k);
	return bad;
}

/* The chart renders to well-formed XML with sane coordinates and the
 * same bytes twice. Returns the parsed document (caller frees). */
static xmlDocPtr
render_check(const struct chart *c, char **text)
{
	char *a = render(c), *b = render(c);
	xmlDocPtr doc = parse_xml(a, strlen(a));

	CHECK(strcmp(a, b) == 0);
	CHECK(doc != NULL);
	if (doc == NULL)
		fprintf(stderr, "not well-formed:\n%s\n", a);
	else
		CHECK_INT(coords_bad(xmlDocGetRootElement(doc)), 0);
	free(b);
	if (text != NULL)
		*text = a;
	else
		free(a);
	return doc;
}

/* ---- ticks and formatting ---- */

static void
test_ticks_linear(void)
{
	struct chart_ticks t;

	chart_ticks_linear(0, 1, 5, 1, &t);
	CHECK_STR(labels(&t), "0.0 0.2 0.4 0.6 0.8 1.0");
	CHECK_NEAR(t.lo, 0, 0);
	CHECK_NEAR(t.hi, 1, 1e-15);
	chart_ticks_linear(0, 0.07, 5, 1, &t);
	CHECK_STR(labels(&t), "0.00 0.01 0.02 0.03 0.04 0.05 0.06 0.07");
	chart_ticks_linear(0, 0.07, 3, 1, &t);
	CHECK_STR(labels(&t), "0.00 0.02 0.04 0.06 0.08");
	chart_ticks_linear(-3, 17, 5, 1, &t);
	CHECK_STR(labels(&t), "-5 0 5 10 15 20");
	CHECK_NEAR(t.lo, -5, 0);
	CHECK_NEAR(t.hi, 20, 0);
	/* 0.1 + 0.2 is not 0.3 in binary; the labels do not show it. */
	chart_ticks_linear(0, 0.1 + 0.2, 3, 1, &t);
	CHECK_STR(labels(&t), "0.0 0.1 0.2 0.3");
	/* Inside a fixed range: ticks stay inside, the range is kept. */
	chart_ticks_linear(0.13, 0.87, 5, 0, &t);
	CHECK_STR(labels(&t), "0.2 0.3 0.4 0.5 0.6 0.7 0.8");
	CHECK_NEAR(t.lo, 0.13, 0);
	CHECK_NEAR(t.hi, 0.87, 0);
	chart_ticks_linear(-1, 1, 5, 1, &t);
	CHECK_STR(labels(&t), "-1.0 -0.5 0.0 0.5 1.0");
	/* Large and tiny magnitudes: a common power of ten. */
	chart_ticks_linear(0, 3e7, 5, 1, &t);
	CHECK_STR(labels(&t), "0 0.5×10^7 1.0×10^7 1.5×10^7 2.0×10^7 "
	    "2.5×10^7 3.0×10^7");
	chart_ticks_linear(0, 1.2e6, 5, 1, &t);
	CHECK_STR(labels(&t), "0 0.2×10^6 0.4×10^6 0.6×10^6 0.8×10^6 "
	    "1.0×10^6 1.2×10^6");
	chart_ticks_linear(0, 4e-5, 4, 1, &t);
	CHECK_STR(labels(&t), "0 1×10^-5 2×10^-5 3×10^-5 4×10^-5");
}

static void
test_ticks_degenerate(void)
{
	struct chart_ticks t;
	int i;

	chart_ticks_linear(5, 5, 5, 1, &t);
	CHECK(t.lo < 5 && t.hi > 5);
	CHECK(t.n >= 2);
	chart_ticks_linear(0, 0, 5, 1, &t);
	CHECK_STR(labels(&t), "-1.0 -0.5 0.0 0.5 1.0");
	chart_ticks_linear(NAN, 3, 5, 1, &t);
	CHECK_STR(labels(&t), "0.0 0.2 0.4 0.6 0.8 1.0");
	chart_ticks_linear(INFINITY, -INFINITY, 5, 1, &t);
	CHECK_NEAR(t.lo, 0, 0);
	chart_ticks_linear(-1.7e308, 1.7e308, 5, 1, &t);
	CHECK(t.n >= 2 && t.n <= CHART_MAXTICKS);
	CHECK(isfinite(t.lo) && isfinite(t.hi) && t.lo < t.hi);
	for (i = 0; i < t.n; i++)
		CHECK(isfinite(t.v[i]));
	chart_ticks_linear(1, 1 + 1e-13, 5, 1, &t);
	CHECK(t.n >= 2 && t.n <= CHART_MAXTICKS && t.lo < t.hi);
	chart_ticks_linear(1e-310, 2e-310, 5, 1, &t);
	CHECK(t.n >= 2 && t.n <= CHART_MAXTICKS && t.lo < t.hi);
	chart_ticks_linear(0, 1, 200, 1, &t);
	CHECK(t.n <= CHART_MAXTICKS);
}

static void
test_ticks_log(void)
{
	struct chart_ticks t;

	chart_ticks_log(1, 1e6, 1, &t);
	CHECK_STR(labels(&t), "10^0 10^1 10^2 10^3 10^4 10^5 10^6");
	CHECK_NEAR(t.lo, 0, 0);
	CHECK_NEAR(t.hi, 6, 0);
	chart_ticks_log(0.2, 80, 1, &t);
	CHECK_STR(labels(&t), "0.1 1 10 100");
	chart_ticks_log(3, 7, 1, &t);
	CHECK_STR(labels(&t), "1 10");
	chart_ticks_log(1e-30, 1e30, 1, &t);
	CHECK_STR(labels(&t), "10^-30 10^-20 10^-10 10^0 10^10 10^20 10^30");
	chart_ticks_log(-5, 0, 1, &t);
	CHECK_STR(labels(&t), "1 10");
	chart_ticks_log(5, 5, 1, &t);
	CHECK(t.lo < log10(5) && t.hi > log10(5));
}

static void
test_format(void)
{
	char s[64];

	chart_fmt_value(0.5, s, sizeof(s));
	CHECK_STR(s, "0.5");
	chart_fmt_value(0.123456, s, sizeof(s));
	CHECK_STR(s, "0.1235");
	chart_fmt_value(1234, s, sizeof(s));
	CHECK_STR(s, "1234");
	chart_fmt_value(-2.5e-7, s, sizeof(s));
	CHECK_STR(s, "-2.5e-7");
	chart_fmt_value(3e12, s, sizeof(s));
	CHECK_STR(s, "3e12");
	chart_fmt_value(-0.0, s, sizeof(s));
	CHECK_STR(s, "0");
	chart_fmt_value(NAN, s, sizeof(s));
	CHECK_STR(s, "NaN");
	chart_fmt_value(-INFINITY, s, sizeof(s));
	CHECK_STR(s, "-inf");
	chart_fmt_coord(12.3456, s, sizeof(s));
	CHECK_STR(s, "12.35");
	chart_fmt_coord(2.0, s, sizeof(s));
	CHECK_STR(s, "2");
	chart_fmt_coord(-0.001, s, sizeof(s));
	CHECK_STR(s, "0");
	chart_fmt_coord(NAN, s, sizeof(s));
	CHECK_STR(s, "0");
	chart_fmt_coord(1e300, s, sizeof(s));
	CHECK_STR(s, "1000000");
}

static void
test_text_clean(void)
{
	char *t;
	int cut;

	t = chart_text_clean("<script>&\"'", 0, &cut);
	CHECK_STR(t, "<script>&\"'");	/* escaping is libxml2's job */
	CHECK_INT(cut, 0);
	free(t);
	t = chart_text_clean("abcdefghij", 5, &cut);
	CHECK_STR(t, "abcd…");
	CHECK_INT(cut, 1);
	free(t);
	t = chart_text_clean("abcde", 5, &cut);
	CHECK_STR(t, "abcde");
	CHECK_INT(cut, 0);
	free(t);
	t = chart_text_clean("a\x01" "b\xff" "c\td", 0, NULL);
	CHECK_STR(t, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c d");
	free(t);
	t = chart_text_clean(NULL, 3, NULL);
	CHECK_STR(t, "");
	free(t);
	/* Wide characters count two columns. */
	CHECK_INT(chart_text_width("日本語"), 6);
	t = chart_text_clean("日本語です", 5, &cut);
	CHECK_STR(t, "日本…");
	free(t);
}

static void
test_classes(void)
{
	char s[32];

	CHECK_INT(chart_class(0), 0);
	CHECK_INT(chart_class(1), CHART_NCLASS - 1);
	CHECK_INT(chart_class(NAN), -1);
	CHECK_INT(chart_value_class(0, -0.4, 0.8, 1), 5);
	CHECK_INT(chart_value_class(-0.8, -0.4, 0.8, 1), 0);
	CHECK_INT(chart_value_class(0.8, -0.4, 0.8, 1), 10);
	CHECK_INT(chart_value_class(2, 2, 4, 0), 0);
	CHECK_INT(chart_value_class(4, 2, 4, 0), 10);
	CHECK_INT(chart_value_class(3, 3, 3, 0), 5);
	CHECK_INT(chart_value_class(INFINITY, 0, 1, 0), -1);
	chart_class_name(1, 3, s, sizeof(s));
	CHECK_STR(s, "vd-div-3");
}

/* ---- golden charts, one per kind ---- */

static struct chart *
golden_bar(void)
{
	static const char *const lab[] = { "the", "cat", "sat", "on",
	    "mat", "<b>&amp;" };
	static const double y[] = { 0.82, 1.37, -0.41, NAN, 0.05, 0.6 };
	struct chart *c = chart_new(CHART_BAR, "norms", "Token norms");
	struct chart_series *s = chart_add_series(c, "norm", 6);
	size_t i;

	chart_axes(c, "token", "norm − mean");
	c->zero_line = 1;
	for (i = 0; i < 6; i++) {
		s->y[i] = y[i];
		chart_series_label(s, i, lab[i]);
	}
	return c;
}

static struct chart *
golden_hist(void)
{
	static const double a[] = { 2, 7, 12, 6, 1 }, b[] = { 0, 3, 9, 10, 4 };
	struct chart *c = chart_new(CHART_HIST, "cos-hist",
	    "Cosine similarity of random pairs");
	struct chart_series *s1, *s2;
	size_t i;

	/* chart_add_series may move earlier series: take pointers after. */
	chart_add_series(c, "GloVe", 5);
	s2 = chart_add_series(c, "word2vec", 5);
	s1 = &c->series[0];
	chart_axes(c, "cosine", "pairs");
	for (i = 0; i <= 5; i++)
		s1->x[i] = s2->x[i] = -0.2 + 0.2 * (double)i;
	for (i = 0; i < 5; i++) {
		s1->y[i] = a[i];
		s2->y[i] = b[i];
	}
	return c;
}

static struct chart *
golden_line(void)
{
	struct chart *c = chart_new(CHART_LINE, "loss", "Training loss");
	struct chart_series *s1, *s2;
	size_t i;

	chart_add_series(c, "train", 8);
	s2 = chart_add_series(c, "dev", 8);
	s1 = &c->series[0];
	chart_axes(c, "epoch", "loss");
	c->zero_line = 1;
	for (i = 0; i < 8; i++) {
		s1->x[i] = s2->x[i] = (double)(i + 1);
		s1->y[i] = 2.0 / (double)(i + 1) - 0.1;
		s2->y[i] = 2.2 / (double)(i + 1) + 0.05 * (double)i - 0.3;
	}
	s2->y[4] = NAN;		/* a gap in the dev line */
	return c;
}

static struct chart *
golden_loglog(void)
{
	struct chart *c = chart_new(CHART_LINE, "zipf", "Zipf's law");
	struct chart_series *s = chart_add_series(c, "frequency", 7);
	size_t i;

	chart_axes(c, "rank", "count");
	c->logx = c->logy = 1;
	for (i = 0; i < 7; i++) {
		s->x[i] = pow(10, (double)i);
		s->y[i] = 3e7 / pow(10, (double)i * 0.9);
	}
	return c;
}

static struct chart *
golden_scatter(void)
{
	static const char *const lab[] = { "king", "queen", "man", "woman",
	    "paris", NULL };
	static const double x[] = { 0.8, 0.75, 0.3, 0.35, -0.2, 0.1 };
	static const double y[] = { 0.7, 0.82, 0.25, 0.4, -0.1, 0.05 };
	struct chart *c = chart_new(CHART_SCATTER, "sim-vs-human",
	    "Model vs human similarity");
	struct chart_series *s = chart_add_series(c, "pairs", 6);
	size_t i;

	chart_axes(c, "human", "model");
	c->identity = 1;
	for (i = 0; i < 6; i++) {
		s->x[i] = x[i];
		s->y[i] = y[i];
		chart_series_label(s, i, lab[i]);
	}
	return c;
}

/* A word map: two groups; "queen" and "king" sit close, so one label
 * must move; "prince" sits on king and loses its label if no spot is
 * free. */
static struct chart *
golden_map(void)
{
	static const char *const lab[] = { "king", "queen", "prince",
	    "paris", "rome", "berlin" };
	static const double x[] = { 1.0, 1.02, 1.01, -1.0, -0.9, -0.8 };
	static const double y[] = { 1.0, 1.01, 0.99, -0.5, -0.45, -0.7 };
	struct chart *c = chart_new(CHART_MAP, "tsne-map", "t-SNE map");
	struct chart_series *s;
	size_t i, k;

	chart_axes(c, "t-SNE 1", "t-SNE 2");
	for (k = 0; k < 2; k++) {
		s = chart_add_series(c, k ? "cities" : "royalty", 3);
		for (i = 0; i < 3; i++) {
			s->x[i] = x[3 * k + i];
			s->y[i] = y[3 * k + i];
			chart_series_label(s, i, lab[3 * k + i]);
		}
	}
	return c;
}

/* A graph: two communities joined by one weak edge. */
static struct chart *
golden_graph(void)
{
	static const char *const lab[] = { "cat", "dog", "mouse", "paris",
	    "london" };
	static const double x[] = { -1, -0.6, -0.8, 0.7, 1 };
	static const double y[] = { 0.2, 0.4, -0.3, 0.1, -0.1 };
	struct chart *c = chart_new(CHART_GRAPH, "sim-graph",
	    "Similarity graph");
	struct chart_series *s;
	size_t i;

	s = chart_add_series(c, "community 1", 3);
	for (i = 0; i < 3; i++) {
		s->x[i] = x[i];
		s->y[i] = y[i];
		chart_series_label(s, i, lab[i]);
	}
	s = chart_add_series(c, "community 2", 2);
	for (i = 0; i < 2; i++) {
		s->x[i] = x[3 + i];
		s->y[i] = y[3 + i];
		chart_series_label(s, i, lab[3 + i]);
	}
	chart_add_edge(c, 0, 1, 0.8);
	chart_add_edge(c, 0, 2, 0.6);
	chart_add_edge(c, 1, 2, 0.7);
	chart_add_edge(c, 3, 4, 0.75);
	chart_add_edge(c, 1, 3, 0.5);
	return c;
}

static struct chart *
golden_heatmap(void)
{
	static const char *const w[] = { "king", "queen", "apple" };
	static const double v[] = { 1, 0.65, 0.12, 0.65, 1, NAN, 0.12,
	    -0.31, 1 };
	struct chart *c = chart_new(CHART_HEATMAP, "cos-matrix",
	    "Cosine similarities");
	size_t i;

	chart_matrix(c, 3, 3);
	for (i = 0; i < 3; i++) {
		c->rowlabels[i] = xstrdup(w[i]);
		c->collabels[i] = xstrdup(w[i]);
	}
	for (i = 0; i < 9; i++)
		c->cells[i] = v[i];
	c->vmin = -1;
	c->vmax = 1;
	c->diverging = 1;
	c->annotate = 1;
	return c;
}

static void
golden_check(const char *name, struct chart *c)
{
	char *out, *path, *svg, *end;
	struct buf want = BUF_INIT;
	struct diag d;
	xmlDocPtr doc;
	size_t n;

	doc = render_check(c, &out);
	xmlFreeDoc(doc);
	/* The figure wraps the svg; the golden file is the standalone
	 * <svg> (it carries its xmlns, so a browser opens it). */
	svg = strstr(out, "<svg");
	end = strstr(out, "</svg>");
	CHECK(svg != NULL && end != NULL);
	if (svg == NULL || end == NULL) {
		free(out);
		chart_free(c);
		return;
	}
	n = (size_t)(end + 6 - svg);
	path = xasprintf("%s/tests/chart/expected/%s.svg", srcdir(), name);
	if (getenv("VECDOC_UPDATE_GOLDEN") != NULL &&
	    strcmp(getenv("VECDOC_UPDATE_GOLDEN"), "1") == 0) {
		buf_put(&want, svg, n);
		buf_putc(&want, '\n');
		CHECK(fs_write(path, want.data, want.len, &d) == 0);
	} else if (fs_read(path, &want, &d) < 0) {
		fprintf(stderr, "%s: missing (VECDOC_UPDATE_GOLDEN=1 writes "
		    "it)\n", path);
		CHECK(0);
	} else {
		CHECK(want.len == n + 1 && memcmp(want.data, svg, n) == 0);
		if (!(want.len == n + 1 && memcmp(want.data, svg, n) == 0))
			fprintf(stderr, "%s differs; got:\n%.*s\n", path,
			    (int)n, svg);
		/* The golden file itself is well-formed XML. */
		doc = parse_xml(want.data, want.len);
		CHECK(doc != NULL);
		xmlFreeDoc(doc);
	}
	buf_clear(&want);
	free(path);
	free(out);
	chart_free(c);
}

static void
test_golden(void)
{
	golden_check("bar", golden_bar());
	golden_check("hist", golden_hist());
	golden_check("line", golden_line());
	golden_check("loglog", golden_loglog());
	golden_check("scatter", golden_scatter());
	golden_check("heatmap", golden_heatmap());
	golden_check("map", golden_map());
	golden_check("graph", golden_graph());
}

/* ---- structure, accessibility, escaping ---- */

static void
test_figure(void)
{
	struct chart *c = golden_bar();
	char *out;
	xmlDocPtr doc = render_check(c, &out);
	xmlNodePtr fig, svg, t;
	xmlChar *v;

	CHECK(strncmp(out, "<figure class=\"vd-chart vd-chart-bar\" "
	    "id=\"vd-chart-norms\"><svg", 50) == 0);
	CHECK(strstr(out, "<figcaption>Token norms</figcaption></figure>\n")
	    != NULL);
	fig = doc ? xmlDocGetRootElement(doc) : NULL;
	svg = fig ? find_el(fig, "svg") : NULL;
	CHECK(svg != NULL);
	if (svg != NULL) {
		v = xmlGetProp(svg, BAD_CAST "role");
		CHECK_STR((const char *)v, "img");
		xmlFree(v);
		v = xmlGetProp(svg, BAD_CAST "aria-labelledby");
		CHECK_STR((const char *)v, "vd-chart-norms-title");
		xmlFree(v);
		t = find_el(svg, "title");
		v = t ? xmlGetProp(t, BAD_CAST "id") : NULL;
		CHECK_STR((const char *)v, "vd-chart-norms-title");
		xmlFree(v);
		t = find_el(svg, "desc");
		v = t ? xmlNodeGetContent(t) : NULL;
		CHECK_STR((const char *)v, "Bar chart of 6 bars; values from "
		    "-0.41 (sat) to 1.37 (cat); 1 bar without a value "
		    "(marked ×): on.");
		xmlFree(v);
		/* Each bar has its native tooltip; the NaN bar too. */
		CHECK(has_title(svg, "cat: 1.37"));
		CHECK(has_title(svg, "on: no value"));
		CHECK(has_title(svg, "<b>&amp;: 0.6"));
		CHECK_INT(count_el(svg, "rect") - 1, 5);	/* + clip */
		/* No inline colours: no fill/stroke/style with a '#'. */
		CHECK(strstr(out, "fill=\"#") == NULL);
		CHECK(strstr(out, "style=") == NULL);
	}
	xmlFreeDoc(doc);
	free(out);
	/* An author's desc replaces the summary. */
	chart_desc(c, "Norms of six tokens.");
	doc = render_check(c, &out);
	CHECK(strstr(out, "<desc id=\"vd-chart-norms-desc\">Norms of six "
	    "tokens.</desc>") != NULL);
	xmlFreeDoc(doc);
	free(out);
	/* Ids: explicit, sanitised. */
	chart_set_id(c, "fig 2\"<x>");
	doc = render_check(c, &out);
	CHECK(strstr(out, "id=\"fig-2--x-\"") != NULL);
	CHECK(strstr(out, "aria-labelledby=\"fig-2--x--title\"") != NULL);
	xmlFreeDoc(doc);
	free(out);
	chart_set_id(c, "2nd");
	doc = render_check(c, &out);
	CHECK(strstr(out, "id=\"vd-2nd\"") != NULL);
	xmlFreeDoc(doc);
	free(out);
	chart_free(c);
}

static void
test_hostile(void)
{
	static const char *const evil = "<script>alert(\"x&y\")</script>";
	struct chart *c = chart_new(CHART_BAR, "evil name\"><script>",
	    "<b onload='x'>T&amp;\"</b>");
	struct chart_series *s = chart_add_series(c, "s", 3);
	char longl[300], *out;
	xmlDocPtr doc;
	xmlNodePtr root, t;
	xmlChar *v;

	memset(longl, 'w', sizeof(longl) - 1);
	longl[sizeof(longl) - 1] = '\0';
	chart_axes(c, "<i>x</i>", "y & \"z\"");
	chart_series_label(s, 0, evil);
	chart_series_label(s, 1, longl);
	chart_series_label(s, 2, "ctl\x01\x7f");
	s->y[0] = 1;
	s->y[1] = 2;
	s->y[2] = 3;
	doc = render_check(c, &out);
	root = doc ? xmlDocGetRootElement(doc) : NULL;
	CHECK(root != NULL);
	if (root != NULL) {
		CHECK_INT(count_el(root, "script"), 0);
		CHECK_INT(count_el(root, "b"), 0);
		CHECK_INT(count_el(root, "i"), 0);
		t = find_el(root, "title");
		v = t ? xmlNodeGetContent(t) : NULL;
		CHECK_STR((const char *)v, "<b onload='x'>T&amp;\"</b>");
		xmlFree(v);
		CHECK(has_title(root, "<script>alert(\"x&y\")</script>: 1"));
		/* The long label is cut on screen, whole in its tooltip. */
		CHECK(has_title(root, longl));
		CHECK(strstr(out, "ww…<title>www") != NULL);
		CHECK(strstr(out, "ctl\xEF\xBF\xBD\xEF\xBF\xBD: 3") != NULL);
		v = xmlGetProp(root, BAD_CAST "id");
		CHECK_STR((const char *)v, "vd-chart-evil-name---script-");
		xmlFree(v);
	}
	xmlFreeDoc(doc);
	free(out);
	chart_free(c);
}

static void
test_nan(void)
{
	struct chart *c = chart_new(CHART_LINE, "l", "L");
	struct chart_series *s = chart_add_series(c, "a", 5);
	char *out;
	xmlDocPtr doc;
	size_t i;

	for (i = 0; i < 5; i++) {
		s->x[i] = (double)i;
		s->y[i] = (double)i;
	}
	s->y[2] = NAN;
	s->y[4] = INFINITY;
	doc = render_check(c, &out);
	/* The NaN breaks the line into two pieces: M.. L.. M.. */
	CHECK(strstr(out, " M") != NULL);
	CHECK(strstr(out, "Line chart of 3 points") != NULL);
	CHECK(strstr(out, "1 infinite value drawn as missing.") != NULL);
	CHECK(strstr(out, "1 point without a value") != NULL);
	xmlFreeDoc(doc);
	free(out);
	chart_free(c);
	/* All NaN: a "no data" note, still a valid figure. */
	c = chart_new(CHART_BAR, "b", "B");
	s = chart_add_series(c, "a", 3);
	for (i = 0; i < 3; i++)
		s->y[i] = NAN;
	doc = render_check(c, &out);
	CHECK(strstr(out, ">no data</text>") != NULL);
	CHECK(strstr(out, "3 bars without a value") != NULL);
	xmlFreeDoc(doc);
	free(out);
	chart_free(c);
}

/* Degenerate input of every kind renders, well-formed, finite. */
static void
test_degenerate(void)
{
	static const enum chart_kind kinds[] = { CHART_BAR, CHART_HIST,
	    CHART_LINE, CHART_SCATTER, CHART_HEATMAP };
	static const double vals[][3] = {
		{ 5, 5, 5 }, { NAN, NAN, NAN }, { 1e300, -1e300, 0 },
		{ 1e-300, 2e-300, 3e-300 }, { INFINITY, -INFINITY, NAN },
		{ -1, 0, 1 }, { 1.7e308, 1.7e308, -1.7e308 },
	};
	size_t k, v, i, n;
	int lg;

	for (k = 0; k < 5; k++) {
		struct chart *c = chart_new(kinds[k], "empty", "");
		xmlDocPtr doc = render_check(c, NULL);

		xmlFreeDoc(doc);
		chart_free(c);
		for (v = 0; v < sizeof(vals) / sizeof(vals[0]); v++)
			for (n = 1; n <= 3; n += 2)
				for (lg = 0; lg < 2; lg++) {
					struct chart_series *s;

					c = chart_new(kinds[k], "d", "D");
					c->logx = c->logy = lg;
					c->identity = lg;
					c->zero_line = 1;
					c->annotate = 1;
					c->diverging = lg;
					if (kinds[k] == CHART_HEATMAP) {
						chart_matrix(c, n, 3);
						for (i = 0; i < n * 3; i++)
							c->cells[i] =
							    vals[v][i % 3];
					} else {
						s = chart_add_series(c, "", n);
						for (i = 0; i <= n; i++)
							s->x[i] = vals[v][
							    (i + 1) % 3];
						for (i = 0; i < n; i++)
							s->y[i] =
							    vals[v][i];
					}
					doc = render_check(c, NULL);
					xmlFreeDoc(doc);
					chart_free(c);
				}
	}
	/* A fixed range narrower than the data. */
	{
		struct chart *c = chart_new(CHART_BAR, "f", "F");
		struct chart_series *s = chart_add_series(c, "", 2);
		char *out;
		xmlDocPtr doc;

		c->ymin = 0;
		c->ymax = 1;
		s->y[0] = 5;
		s->y[1] = -5;
		doc = render_check(c, &out);
		CHECK(strstr(out, "2 values beyond the fixed range") != NULL);
		xmlFreeDoc(doc);
		free(out);
		chart_free(c);
	}
}

/* Many bars: every bar drawn, labels thinned, rotated. */
static void
test_many_bars(void)
{
	struct chart *c = chart_new(CHART_BAR, "many", "Many");
	struct chart_series *s = chart_add_series(c, "", 100);
	char *out, l[16];
	xmlDocPtr doc;
	size_t i;

	for (i = 0; i < 100; i++) {
		snprintf(l, sizeof(l), "tok%zu", i);
		chart_series_label(s, i, l);
		s->y[i] = (double)i * 0.01;
	}
	doc = render_check(c, &out);
	CHECK_INT(count_el(xmlDocGetRootElement(doc), "rect"), 101);
	CHECK(strstr(out, ">tok0</text>") != NULL);
	CHECK(strstr(out, ">tok3</text>") != NULL);
	CHECK(strstr(out, ">tok1</text>") == NULL);
	CHECK(strstr(out, "rotate(-45") != NULL);
	CHECK(strstr(out, "every 3rd label shown") != NULL);
	xmlFreeDoc(doc);
	free(out);
	chart_free(c);
}

/* Scatter: at most 60 point labels; the rest said in <desc>. */
static void
test_scatter_labels(void)
{
	struct chart *c = chart_new(CHART_SCATTER, "sc", "S");
	struct chart_series *s = chart_add_series(c, "", 100);
	char *out, l[16];
	xmlDocPtr doc;
	size_t i;

	for (i = 0; i < 100; i++) {
		snprintf(l, sizeof(l), "w%zu", i);
		chart_series_label(s, i, l);
		s->x[i] = (double)i;
		s->y[i] = (double)(i * i);
	}
	doc = render_check(c, &out);
	CHECK(strstr(out, ">w59</text>") != NULL);
	CHECK(strstr(out, ">w60</text>") == NULL);
	CHECK(strstr(out, "60 of 100 point labels shown") != NULL);
	CHECK(has_title(xmlDocGetRootElement(doc), "w99: (99, 9801)"));
	xmlFreeDoc(doc);
	free(out);
	chart_free(c);
}

/* Boxes of the drawn point labels (x, y of each vd-ptlabel text and its
 * width at 6.6 px a column) never overlap; counts match the desc. */
static void
test_map_labels(void)
{
	struct chart *c = chart_new(CHART_MAP, "m", "M");
	struct chart_series *s = chart_add_series(c, "a", 300);
	char *out, l[32];
	const char *p;
	double bx[400], by[400], bw[400];
	size_t i, j, nb = 0;
	xmlDocPtr doc;
	unsigned long st = 12345;

	for (i = 0; i < 300; i++) {
		snprintf(l, sizeof(l), "word%zu", i);
		chart_series_label(s, i, l);
		st = st * 6364136223846793005UL + 1442695040888963407UL;
		s->x[i] = (double)(st >> 40) / (1 << 24);
		st = st * 6364136223846793005UL + 1442695040888963407UL;
		s->y[i] = (double)(st >> 40) / (1 << 24);
	}
	doc = render_check(c, &out);
	for (p = out; (p = strstr(p, "<text class=\"vd-ptlabel\" x=\"")) !=
	    NULL && nb < 400; p++) {
		const char *t;

		bx[nb] = strtod(p + strlen("<text class=\"vd-ptlabel\" x=\""),
		    NULL);
		t = strstr(p, "y=\"");
		by[nb] = strtod(t + 3, NULL);
		t = strchr(t, '>');
		bw[nb] = (double)(strchr(t, '<') - t - 1) * 6.6;
		nb++;
	}
	CHECK_INT(nb, c->labels_shown);
	CHECK(nb > 20 && nb < 300);
	CHECK_INT(c->labels_shown + c->labels_dropped, 300);
	for (i = 0; i < nb; i++)
		for (j = i + 1; j < nb; j++)
			CHECK(!(bx[i] < bx[j] + bw[j] && bx[j] < bx[i] + bw[i] &&
			    by[i] - 9.5 < by[j] + 2.5 && by[j] - 9.5 <
			    by[i] + 2.5));
	snprintf(l, sizeof(l), "%zu of 300 point labels shown", nb);
	CHECK(strstr(out, l) != NULL);
	/* a dropped label is still in its point's tooltip */
	CHECK(has_title(xmlDocGetRootElement(doc), "word299: (0.75, 0.64)") ||
	    strstr(out, "word299:") != NULL);
	xmlFreeDoc(doc);
	free(out);
	chart_free(c);
}

static void
test_graph_empty(void)
{
	struct chart *c = golden_graph(), *e;
	struct buf b = BUF_INIT;
	char *out;
	xmlDocPtr doc;

	free(c->edge_a);
	free(c->edge_b);
	free(c->edge_w);
	c->edge_a = c->edge_b = NULL;
	c->edge_w = NULL;
	c->nedges = 0;
	doc = render_check(c, &out);
	CHECK(strstr(out, "no edges at this threshold") != NULL);
	CHECK(strstr(out, "NaN") == NULL);
	xmlFreeDoc(doc);
	free(out);
	e = chart_new(CHART_GRAPH, "g", "G");
	doc = render_check(e, &out);
	CHECK(strstr(out, "no data") != NULL);
	xmlFreeDoc(doc);
	free(out);
	chart_free(e);
	e = golden_graph();
	chart_csv(e, &b);
	chart_free(e);
	chart_free(c);
	buf_clear(&b);
}

static void
test_csv(void)
{
	struct chart *c = golden_graph(), *m = golden_map();
	struct buf b = BUF_INIT;

	chart_csv(c, &b);
	CHECK_STR(buf_str(&b), "node,community,label,x,y\r\n"
	    "0,community 1,cat,-1,0.20000000000000001\r\n"
	    "1,community 1,dog,-0.59999999999999998,0.40000000000000002\r\n"
	    "2,community 1,mouse,-0.80000000000000004,-0.29999999999999999\r\n"
	    "3,community 2,paris,0.69999999999999996,0.10000000000000001\r\n"
	    "4,community 2,london,1,-0.10000000000000001\r\n"
	    "\r\nsource,target,weight\r\n"
	    "0,1,0.80000000000000004\r\n0,2,0.59999999999999998\r\n"
	    "1,2,0.69999999999999996\r\n3,4,0.75\r\n1,3,0.5\r\n");
	buf_reset(&b);
	chart_series_label(&m->series[0], 0, "a,\"b\"");
	m->series[0].y[1] = NAN;
	chart_csv(m, &b);
	CHECK(strncmp(buf_str(&b), "series,label,x,y\r\n"
	    "royalty,\"a,\"\"b\"\"\",1,1\r\nroyalty,queen,1.02,\r\n",
	    strlen("series,label,x,y\r\nroyalty,\"a,\"\"b\"\"\",1,1\r\n"
	    "royalty,queen,1.02,\r\n")) == 0);
	buf_clear(&b);
	chart_free(c);
	chart_free(m);
}

static void
test_heatmap_cells(void)
{
	struct chart *c = golden_heatmap();
	char *out;
	xmlDocPtr doc = render_check(c, &out);

	CHECK(has_title(xmlDocGetRootElement(doc), "queen × apple: no value"));
	CHECK(has_title(xmlDocGetRootElement(doc), "apple × queen: -0.31"));
	/* 1 is the top class; -0.31 is class floor((0.5 - 0.155) * 11). */
	CHECK(strstr(out, "class=\"vd-cell vd-div-10\"") != NULL);
	CHECK(strstr(out, "class=\"vd-cell vd-div-3\"") != NULL);
	CHECK(strstr(out, "class=\"vd-cell-val vd-div-3\"") != NULL);
	CHECK(strstr(out, ">-0.31</text>") != NULL);
	CHECK(strstr(out, "1 cell without a value") != NULL);
	xmlFreeDoc(doc);
	free(out);
	chart_free(c);
}

static void
test_json(void)
{
	struct chart *c = golden_bar(), *h = golden_heatmap();
	struct buf b = BUF_INIT;
	struct jw w;
	json_t *j, *s;
	json_error_t err;

	jw_init(&w, &b, 0);
	jw_arr_begin(&w);
	chart_json(c, &w);
	chart_json(h, &w);
	jw_arr_end(&w);
	j = json_loads(buf_str(&b), 0, &err);
	CHECK(j != NULL);
	if (j != NULL) {
		json_t *o = json_array_get(j, 0);

		CHECK_STR(json_string_value(json_object_get(o, "kind")), "bar");
		CHECK_STR(json_string_value(json_object_get(o, "name")),
		    "norms");
		CHECK_STR(json_string_value(json_object_get(o, "ylabel")),
		    "norm − mean");
		CHECK(json_is_false(json_object_get(o, "logx")));
		s = json_array_get(json_object_get(o, "series"), 0);
		CHECK_INT(json_array_size(json_object_get(s, "y")), 6);
		CHECK(json_is_null(json_array_get(json_object_get(s, "y"), 3)));
		CHECK_NEAR(json_real_value(json_array_get(json_object_get(s,
		    "y"), 1)), 1.37, 0);
		CHECK_STR(json_string_value(json_array_get(json_object_get(s,
		    "labels"), 5)), "<b>&amp;");
		o = json_array_get(j, 1);
		CHECK_STR(json_string_value(json_object_get(o, "kind")),
		    "heatmap");
		CHECK_INT(json_integer_value(json_object_get(o, "rows")), 3);
		CHECK_INT(json_array_size(json_object_get(o, "cells")), 9);
		CHECK(json_is_null(json_array_get(json_object_get(o, "cells"),
		    5)));
		CHECK_STR(json_string_value(json_array_get(json_object_get(o,
		    "collabels"), 2)), "apple");
		CHECK(json_is_true(json_object_get(o, "diverging")));
		CHECK_NEAR(json_number_value(json_object_get(o, "vmin")), -1, 0);
		json_decref(j);
	}
	buf_clear(&b);
	chart_free(c);
	chart_free(h);
}

/* The theme defines every class the charts emit. */
static void
test_css_palette(void)
{
	struct buf css = BUF_INIT;
	struct diag d;
	char *path = xasprintf("%s/themes/default/assets/style.css", srcdir());
	char cls[32];
	int k;

	CHECK(fs_read(path, &css, &d) == 0);
	for (k = 0; css.data && k < CHART_NCLASS; k++) {
		snprintf(cls, sizeof(cls), ".vd-seq-%d ", k);
		CHECK(strstr(css.data, cls) != NULL);
		snprintf(cls, sizeof(cls), ".vd-div-%d ", k);
		CHECK(strstr(css.data, cls) != NULL);
	}
	for (k = 0; css.data && k < 8; k++) {
		snprintf(cls, sizeof(cls), ".vd-s%d ", k);
		CHECK(strstr(css.data, cls) != NULL);
	}
	buf_clear(&css);
	free(path);
}

/* A result with every kind of item, for the result cache's round trip. */
static void
full_result(struct result *r)
{
	static const char *const cols[] = { "word", "n", "score", "empty" };
	struct table *t;
	struct series *sv;
	struct tokvals *tv;
	struct chart *c;
	struct chart_series *cs;
	size_t row;
	int i;

	result_init(r, "nearest");
	r->provenance = xstrdup("tiny · tiny.txt · 3fa9c1e2 · 6 × 4");
	result_add_html(r, "<p>x</p>", 8);
	result_add_markdown(r, "*md*\n", 5, 42);
	t = result_add_table(r, "nn", "Neighbours of “cat”", 4, cols);
	row = table_add_row(t);
	table_set_text(t, row, 0, "dog");
	table_set_int(t, row, 1, -7);
	table_set_num(t, row, 2, 0.1 + 0.2, 4);
	row = table_add_row(t);
	table_set_num(t, row, 2, NAN, 3);
	table_set_scalar(t, "spearman-ρ", -0.8214, 3);
	table_set_scalar(t, "rows", 341479, -1);
	table_set_scalar(t, "none", NAN, 2);
	t->note = xstrdup("seed 42");
	sv = result_add_series(r, "variance", 3);
	sv->x = xcalloc(3, sizeof(double));
	for (i = 0; i < 3; i++) {
		sv->x[i] = i;
		sv->y[i] = 1.0 / (i + 1);
	}
	tv = result_add_tokens(r, 2);
	tv->tokens[0] = xstrdup("Tbi");
	tv->tokens[1] = xstrdup("##lisi");
	tv->values[0] = -0.5;
	tv->values[1] = NAN;
	c = result_add_chart(r, CHART_HIST, "h", "Histogram");
	chart_axes(c, "cosine", "share");
	chart_desc(c, "desc");
	c->logy = 1;
	c->ymin = 0;
	c->ymax = 1;
	cs = chart_add_series(c, "d = 2", 4);
	for (i = 0; i <= 4; i++) {
		cs->x[i] = -1 + 0.5 * i;	/* n + 1 bin edges */
		cs->y[i] = i < 4 ? 0.25 : 0;
	}
	chart_series_label(cs, 1, "second");
	c = result_add_chart(r, CHART_HEATMAP, "m", "Matrix");
	chart_matrix(c, 2, 3);
	for (i = 0; i < 6; i++)
		c->cells[i] = i == 4 ? NAN : i * 0.1;
	c->diverging = 1;
	c->annotate = 1;
	chart_set_id(c, "vd-x");
}

static void
test_result_io(void)
{
	struct result r, back;
	struct buf a = BUF_INIT, b = BUF_INIT, ja = BUF_INIT, jb = BUF_INIT;
	size_t cut;
	int bad = 0;

	full_result(&r);
	result_save(&r, &a);
	CHECK(result_load(&back, a.data, a.len) == 0);
	result_save(&back, &b);
	CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	result_json(&r, &ja, 0);
	result_json(&back, &jb, 0);
	CHECK_STR(buf_str(&jb), buf_str(&ja));
	CHECK_INT(back.items[5].chart->series[0].n, 4);
	CHECK_NEAR(back.items[5].chart->series[0].x[4], 1.0, 0);
	CHECK(isnan(back.items[6].chart->cells[4]));
	CHECK_INT(back.items[1].line, 42);
	CHECK_INT(back.items[2].table->cells[2].prec, 4);
	/* documented scalars come back, NaN included */
	CHECK_INT(back.items[2].table->nscalars, 3);
	CHECK_STR(back.items[2].table->skeys[0], "spearman-ρ");
	CHECK_NEAR(back.items[2].table->svals[0].num, -0.8214, 0);
	CHECK_INT(back.items[2].table->svals[1].kind, CELL_INT);
	CHECK(isnan(back.items[2].table->svals[2].num));
	result_clear(&back);
	/* every truncation, and a wrong magic, fail cleanly */
	for (cut = 0; cut < a.len; cut++) {
		if (result_load(&back, a.data, cut) != -1 || back.nitems != 0)
			bad++;
		result_clear(&back);
	}
	CHECK_INT(bad, 0);
	a.data[0] = 'X';
	CHECK_INT(result_load(&back, a.data, a.len), -1);
	result_clear(&back);
	result_clear(&r);
	buf_clear(&a);
	buf_clear(&b);
	buf_clear(&ja);
	buf_clear(&jb);
}

int
main(void)
{
	RUN(test_ticks_linear);
	RUN(test_ticks_degenerate);
	RUN(test_ticks_log);
	RUN(test_format);
	RUN(test_text_clean);
	RUN(test_classes);
	RUN(test_golden);
	RUN(test_map_labels);
	RUN(test_graph_empty);
	RUN(test_csv);
	RUN(test_figure);
	RUN(test_hostile);
	RUN(test_nan);
	RUN(test_degenerate);
	RUN(test_many_bars);
	RUN(test_scatter_labels);
	RUN(test_heatmap_cells);
	RUN(test_json);
	RUN(test_css_palette);
	RUN(test_result_io);
	xmlCleanupParser();
	return test_end("test_chart");
}
