/* Unit tests for src/util: buffers, diagnostics, paths, map, JSON, YAML. */
#include <sys/stat.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <utf8proc.h>

#include "test.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fsutil.h"
#include "util/hash.h"
#include "util/json.h"
#include "util/text.h"
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

	/* Stat memos: a file changed in the last seconds is not trusted,
	 * and a restored mtime still changes the stamp through the ctime. */
	struct stat st;
	time_t now = time(NULL);

	memset(&st, 0, sizeof(st));
	st.st_mtim.tv_sec = now - 100;
	st.st_ctim.tv_sec = now - 100;
	CHECK(!fs_stat_racy(&st));
	st.st_ctim.tv_sec = now - 1;
	CHECK(fs_stat_racy(&st));
	st.st_ctim.tv_sec = now - 100;
	st.st_mtim.tv_sec = now;
	CHECK(fs_stat_racy(&st));
	st.st_mtim.tv_sec = now + 3600;		/* a clock set back */
	CHECK(fs_stat_racy(&st));
	st.st_mtim.tv_sec = now - 100;
	unsigned long long a = fs_stat_stamp(&st);
	st.st_ctim.tv_nsec = 1;
	CHECK(fs_stat_stamp(&st) != a);
	st.st_ctim.tv_nsec = 0;
	CHECK(fs_stat_stamp(&st) == a);
	st.st_mtim.tv_nsec = 1;
	CHECK(fs_stat_stamp(&st) != a);
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
	/* Integers written without printf: the same text as "%lld". */
	jw_init(&w, &b, 0);
	jw_arr_begin(&w);
	jw_int(&w, 0);
	jw_int(&w, -7);
	jw_int(&w, 1234567890123LL);
	jw_int(&w, LLONG_MIN);
	jw_int(&w, LLONG_MAX);
	jw_arr_end(&w);
	CHECK_STR(buf_str(&b), "[0,-7,1234567890123,-9223372036854775808,"
	    "9223372036854775807]");
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

/* text_fold as it was: utf8proc_map over the whole text, then đ as d. */
static char *
fold_whole(const char *s, size_t len)
{
	utf8proc_uint8_t *dec = NULL;
	utf8proc_ssize_t n, i = 0, k;
	utf8proc_int32_t cp;
	utf8proc_uint8_t enc[4];
	struct buf b = BUF_INIT;
	size_t j;

	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
	    &dec, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD |
	    UTF8PROC_IGNORE);
	if (n < 0) {
		for (j = 0; j < len; j++)
			buf_putc(&b, s[j] >= 'A' && s[j] <= 'Z' ? s[j] + 32 : s[j]);
		return buf_detach(&b);
	}
	while (i < n && (k = utf8proc_iterate(dec + i, n - i, &cp)) > 0) {
		if (cp == 0x0111 || cp == 0x0110)
			cp = 'd';
		buf_put(&b, enc, (size_t)utf8proc_encode_char(cp, enc));
		i += k;
	}
	free(dec);
	return buf_detach(&b);
}

static int
fold_same(const char *s, size_t len)
{
	char *a = fold_whole(s, len), *b = text_fold(s, len);
	int same = strcmp(a, b) == 0;

	if (!same)
		fprintf(stderr, "text_fold(%.*s) = \"%s\", utf8proc_map gives "
		    "\"%s\"\n", (int)len, s, b, a);
	free(a);
	free(b);
	return same;
}

/*
 * text_fold hands utf8proc only the runs between ASCII characters: the
 * same bytes as folding the whole text, for every code point alone and
 * between ASCII letters and combining marks of several classes (which
 * canonical ordering moves), for mixed runs, and for text that is not
 * UTF-8.
 */
static void
test_fold(void)
{
	static const int mix[] = { 'a', 'Z', ' ', '-', 0x301, 0x316, 0x323,
	    0x309, 0x1EA1, 0x111, 0x110, 0xE0, 0x1B0, 0x1A1, 0xAD, 0x200B,
	    0x345, 0xFB03, 0x1F88, 0x130, 0xDF, 0x0F73, 0x1AC6, 0x1AC4, 0x5B0,
	    0x94D };
	utf8proc_uint8_t t[64];
	unsigned x = 7;
	int cp, r, q, m, bad = 0;

	for (cp = 1; cp < 0x110000 && bad < 5; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		m = 0;
		t[m++] = 'A';
		m += (int)utf8proc_encode_char(cp, t + m);
		m += (int)utf8proc_encode_char(0x301, t + m);
		t[m++] = 'b';
		m += (int)utf8proc_encode_char(0x316, t + m);
		m += (int)utf8proc_encode_char(cp, t + m);
		m += (int)utf8proc_encode_char(0x323, t + m);
		bad += !fold_same((const char *)t, (size_t)m);
	}
	for (r = 0; r < 20000 && bad < 5; r++) {
		int L = (int)((x = x * 1103515245u + 12345u) >> 16) % 12;

		for (q = 0, m = 0; q < L; q++) {
			x = x * 1103515245u + 12345u;
			m += (int)utf8proc_encode_char(mix[(x >> 16) %
			    (sizeof(mix) / sizeof(mix[0]))], t + m);
		}
		if (r % 7 == 0 && m > 0)
			t[(x >> 8) % (unsigned)m] = 0xC3;	/* not UTF-8 */
		bad += !fold_same((const char *)t, (size_t)m);
	}
	CHECK_INT(bad, 0);
	{
		char *f = text_fold("Phần Hai: Đường ĐI", 25);

		CHECK_STR(f, "phan hai: duong di");
		free(f);
	}
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
	RUN(test_fold);
	return test_end("util");
}
