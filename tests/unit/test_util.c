/* Unit tests for src/util: buffers, diagnostics, paths, map, JSON, YAML. */
#include <stdlib.h>

#include "test.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fsutil.h"
#include "util/hash.h"
#include "util/json.h"
#include "util/yamltree.h"

static void
test_buf(void)
{
	struct buf b = BUF_INIT;

	CHECK_STR(buf_str(&b), "");
	buf_puts(&b, "a<b");
	buf_put_html(&b, "<\"x\" & 'y'>", 11);
	CHECK_STR(buf_str(&b), "a<b&lt;&quot;x&quot; &amp; &#39;y&#39;&gt;");
	buf_reset(&b);
	buf_printf(&b, "%d-%s", 42, "z");
	CHECK_STR(b.data, "42-z");
	buf_clear(&b);
}

static void
test_diag(void)
{
	struct diag d;
	char out[256];
	static const char *const opts[] = { "space", "measure", "scale" };

	CHECK(diag_fail(&d, "a.md", 42, 1, "unknown option ':%s:'", "mesure") == -1);
	diag_format(&d, out, sizeof(out));
	CHECK_STR(out, "a.md:42:1: error: unknown option ':mesure:'");
	diag_fail(&d, "glove.txt", 88412, 0, "expected 100 numbers, found 99");
	diag_format(&d, out, sizeof(out));
	CHECK_STR(out, "glove.txt:88412: error: expected 100 numbers, found 99");
	diag_fail_at(&d, "x.vds", 1024, "truncated");
	diag_format(&d, out, sizeof(out));
	CHECK_STR(out, "x.vds: byte 1024: error: truncated");
	CHECK_STR(diag_suggest("mesure", opts, 3), "measure");
	CHECK(diag_suggest("zzzzzzz", opts, 3) == NULL);
}

static void
test_paths(void)
{
	char *r;

	r = fs_relpath("m1", "m1/a.html");
	CHECK_STR(r, "a.html");
	free(r);
	r = fs_relpath("m1", "m2/b.html");
	CHECK_STR(r, "../m2/b.html");
	free(r);
	r = fs_relpath("", "m2/b.html");
	CHECK_STR(r, "m2/b.html");
	free(r);
	r = fs_relpath("m1/sub", "index.html");
	CHECK_STR(r, "../../index.html");
	free(r);
	r = fs_relpath("m10", "m1/a.html");
	CHECK_STR(r, "../m1/a.html");
	free(r);
	CHECK(fs_within("/a/b/c", "/a/b"));
	CHECK(fs_within("/a/b", "/a/b"));
	CHECK(!fs_within("/a/bc", "/a/b"));
}

static void
test_strmap(void)
{
	struct strmap m;
	int created, i;
	char key[16];

	strmap_init(&m);
	for (i = 0; i < 1000; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		strmap_put(&m, key, strlen(key), &created)->val.num = i;
		CHECK(created);
	}
	strmap_put(&m, "k7", 2, &created);
	CHECK(!created);
	CHECK_INT(m.n, 1000);
	CHECK_INT(strmap_get(&m, "k999", 4)->val.num, 999);
	CHECK(strmap_get(&m, "nope", 4) == NULL);
	strmap_clear(&m);
}

static void
test_json(void)
{
	struct buf b = BUF_INIT;
	struct jw w;
	char f[40];

	jw_init(&w, &b, 0);
	jw_obj_begin(&w);
	jw_key(&w, "columns");
	jw_arr_begin(&w);
	jw_str(&w, "a\"<");
	jw_float(&w, 0.1f);
	jw_num(&w, 0.0 / 0.0);
	jw_arr_end(&w);
	jw_key(&w, "n");
	jw_int(&w, 3);
	jw_obj_end(&w);
	CHECK_STR(buf_str(&b), "{\"columns\":[\"a\\\"\\u003c\",0.1,null],\"n\":3}");
	buf_clear(&b);
	fmt_float(f, sizeof(f), 0.30000001192092896f);
	CHECK_STR(f, "0.3");
	fmt_fixed(f, sizeof(f), -0.0001, 3);
	CHECK_STR(f, "0.000");
}

static void
test_yaml(void)
{
	const char *y = "title: Khám phá\nweight: 3\nspaces:\n  g: { path: a.txt }\nlist: [a, b]\n";
	struct diag d;
	struct ynode *n = ynode_parse(y, strlen(y), "v.yml", 0, &d);
	long w = 0;
	const struct ynode *s;

	CHECK(n != NULL);
	if (n == NULL)
		return;
	CHECK_STR(ynode_get(n, "title")->str, "Khám phá");
	CHECK(ynode_long(ynode_get(n, "weight"), "v.yml", "weight", &w, &d) == 0);
	CHECK_INT(w, 3);
	s = ynode_get(ynode_get(n, "spaces"), "g");
	CHECK_STR(ynode_get(s, "path")->str, "a.txt");
	CHECK_INT(ynode_get(s, "path")->line, 4);
	CHECK_INT(ynode_get(n, "list")->n, 2);
	CHECK(ynode_long(ynode_get(n, "title"), "v.yml", "weight", &w, &d) == -1);
	CHECK_STR(d.msg, "'weight' must be a whole number, not 'Khám phá'");
	ynode_free(n);

	n = ynode_parse("a: [1, 2\n", 9, "bad.yml", 10, &d);
	CHECK(n == NULL);
	CHECK_INT(d.line, 12);
	n = ynode_parse("a: 1\na: 2\n", 10, "dup.yml", 0, &d);
	CHECK(n == NULL);
	CHECK_STR(d.msg, "YAML: duplicate key 'a'");
	n = ynode_parse("", 0, "empty.yml", 0, &d);
	CHECK(n != NULL && n->kind == YNODE_MAP && n->n == 0);
	ynode_free(n);
}

int
main(void)
{
	RUN(test_buf);
	RUN(test_diag);
	RUN(test_paths);
	RUN(test_strmap);
	RUN(test_json);
	RUN(test_yaml);
	return test_end("util");
}
