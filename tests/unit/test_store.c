/*
 * tests/unit/test_store: the store on hand-made inputs: the float parser
 * against (float)strtod, the text/binary/npy/safetensors/vds readers,
 * lookups (exact and case-folded), duplicates and the cache.
 * Never reads ../shared/data (tests/store/suite.sh does).
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/config.h"
#include "store/fparse.h"
#include "store/space.h"
#include "store/store.h"
#include "test.h"
#include "util/fsutil.h"
#include "util/xalloc.h"
#include "util/yamltree.h"

static struct space *
text(const char *s, struct diag *d)
{
	return text_parse("t.txt", s, strlen(s), "glove", d);
}

static int
fp_same(const char *s)
{
	float a = 0, b = (float)strtod(s, NULL);
	size_t n = fparse(s, s + strlen(s), &a);

	char pad[96];
	size_t len = strlen(s);
	float c = 0;

	if (n != len || memcmp(&a, &b, 4) != 0) {
		fprintf(stderr, "fparse(%s) = %.9g (%zu), strtod %.9g\n", s,
		    (double)a, n, (double)b);
		return 0;
	}
	/* The word-at-a-time path, as the text reader calls it. */
	if (len + 33 < sizeof(pad)) {
		memset(pad, ' ', sizeof(pad));
		memcpy(pad, s, len);
		n = fparse_fast(pad, pad + len, pad + sizeof(pad), &c);
		if (n != len || memcmp(&c, &b, 4) != 0) {
			fprintf(stderr, "fparse_fast(%s) = %.9g (%zu), strtod "
			    "%.9g\n", s, (double)c, n, (double)b);
			return 0;
		}
		c = 0;
		n = fparse_sse(pad, pad + len, pad + sizeof(pad), &c);
		if (n != len || memcmp(&c, &b, 4) != 0) {
			fprintf(stderr, "fparse_sse(%s) = %.9g (%zu), strtod "
			    "%.9g\n", s, (double)c, n, (double)b);
			return 0;
		}
		/* and at the end of a line */
		c = 0;
		pad[len] = '\n';
		n = fparse_sse(pad, pad + len, pad + sizeof(pad), &c);
		if (n != len || memcmp(&c, &b, 4) != 0) {
			fprintf(stderr, "fparse_sse(%s\\n) = %.9g (%zu)\n", s,
			    (double)c, n);
			return 0;
		}
	}
	return 1;
}

/* Bytes fparse consumes of the whole string s. */
static size_t
fp_len(const char *s, float *f)
{
	return fparse(s, s + strlen(s), f);
}

static uint64_t rng = 88172645463325252ULL;

static uint64_t
xs(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/*
 * fparse_row on one row: -1, or 0 with every component bit-identical to
 * (float)strtod. The 16 bytes after the row are digits, so a read past
 * its end would change a value.
 */
static int
row_try(const char *row, int dims, int *fast)
{
	static char pad[16384];
	static float out[4096];
	size_t n = strlen(row);
	const char *p, *e;
	char *q;
	int k;

	memcpy(pad, row, n);
	memset(pad + n, '7', 16);
	for (k = 0; k < dims; k++)
		out[k] = -12345.f;
	*fast = fparse_row(pad, pad + n, dims, out) == 0;
	if (!*fast)
		return 1;
	for (k = 0, p = row; k < dims; k++, p = e + 1) {
		float want = (float)strtod(p, &q);

		e = q;
		if (memcmp(&want, &out[k], 4) != 0) {
			fprintf(stderr, "fparse_row: component %d \"%.*s\" = "
			    "%.9g, strtod %.9g\n", k + 1, (int)(strcspn(p, " ")),
			    p, (double)out[k], (double)want);
			return 0;
		}
	}
	return 1;
}

static void
test_fparse_row(void)
{
	static const struct {
		const char	*row;
		int		 dims, fast;
	} c[] = {
		{ "0.418 0.24968 -0.41242", 3, 1 },
		{ "-0.0 0.0", 2, 1 },			/* signed zeros */
		{ ".5 -.25 5. -7.", 4, 1 },		/* strtod takes these */
		{ "12345678.1234567 -1.12345678", 2, 1 },	/* 15 and 9 digits */
		{ "0.5", 1, 1 },
		{ "0.5 0.5", 1, 0 },			/* too many */
		{ "0.5 0.5", 3, 0 },			/* too few */
		{ "0.5  0.5", 2, 0 },			/* empty field */
		{ " 0.5 0.5", 2, 0 },
		{ "0.5 0.5 ", 2, 0 },
		{ "0.5\t0.5", 2, 0 },
		{ "1 0.5", 2, 0 },			/* no point: field path */
		{ "1.2.3 0.5", 2, 0 },
		{ "1.5 6.23e-05", 2, 0 },
		{ "+1.5 1.5", 2, 0 },
		{ "--1.5 1.5", 2, 0 },
		{ "1-.5 1.5", 2, 0 },
		{ "- 1.5", 2, 0 },
		{ ". 1.5", 2, 0 },
		{ "-. 1.5", 2, 0 },
		{ "123456789.5 1.5", 2, 0 },		/* 9 integer digits */
		{ "1.123456789 1.5", 2, 0 },		/* 9 decimals */
		{ "12345678.12345678 1.5", 2, 0 },	/* 16 digits */
		{ "nan.5 1.5", 2, 0 },
		{ "0.5 0.5", 0, 0 },
		{ "", 1, 0 },
	};
	char row[8192], *p;
	size_t i;
	int fast, bad = 0, nfast = 0, want;

	if (!fparse_row_simd()) {
		CHECK_INT(fparse_row("0.5", "0.5" + 3, 1, (float[1]){ 0 }), -1);
		if (t_cur_failed)
			return;
		SKIP_TEST("this CPU lacks AVX-512 VBMI2 (the reader parses "
		    "field by field)");
	}
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		CHECK(row_try(c[i].row, c[i].dims, &fast));
		if (fast != c[i].fast)
			fprintf(stderr, "fparse_row(\"%s\", %d): %s\n", c[i].row,
			    c[i].dims, fast ? "taken" : "refused");
		CHECK_INT(fast, c[i].fast);
	}
	/* Random rows of the common shape, of every length around the
	 * 64-byte blocks, up to 300 components; a stray byte in some. */
	for (i = 0; i < 20000; i++) {
		int dims = 1 + (int)(xs() % (i % 4 == 0 ? 300 : 40)), k;

		p = row;
		want = 1;
		for (k = 0; k < dims; k++) {
			uint64_t r = xs();
			int n1 = (int)(r % 3 == 0 ? r % 9 : 1);
			int n2 = (int)((r >> 8) % 9), j;

			if (n1 + n2 == 0)
				n2 = 1;
			if (k)
				*p++ = ' ';
			if (r >> 20 & 1)
				*p++ = '-';
			for (j = 0; j < n1; j++)
				*p++ = (char)('0' + (xs() % 10));
			*p++ = '.';
			for (j = 0; j < n2; j++)
				*p++ = (char)('0' + (xs() % 10));
		}
		*p = '\0';
		if (i % 7 == 3) {	/* spoil one byte */
			row[xs() % (size_t)(p - row)] = "e+ x"[xs() % 4];
			want = 0;
		}
		if (!row_try(row, dims, &fast) && ++bad > 5)
			break;
		if (want && !fast && ++bad <= 5)
			fprintf(stderr, "fparse_row refused \"%.60s...\" (%d)\n",
			    row, dims);
		nfast += fast;
	}
	CHECK_INT(bad, 0);
	CHECK(nfast > 15000);
}

static void
test_fparse(void)
{
	static const char *const v[] = { "0", "-0", "0.418", "-0.038194",
	    "6.23e-05", "1e-45", "1.4e-45", "3.4028235e38", "1e38",
	    "0.1", "1.0000000596046448", "1.00000005960464477539062500001",
	    "16777217", "9007199254740993", "123456789012345678901234",
	    "2.2250738585072014e-308", "7.038531e-26", "+5", ".5", "5.",
	    "1E3", "0.000000000000000000000000000000000000000001", NULL };
	char tmp[64];
	float f;
	int i, bad = 0;

	for (i = 0; v[i]; i++)
		CHECK(fp_same(v[i]));
	/* Not numbers here, although strtod takes some of them. */
	CHECK_INT(fp_len("nan", &f), 0);
	CHECK_INT(fp_len("inf", &f), 0);
	CHECK_INT(fp_len(" 1", &f), 0);
	CHECK_INT(fp_len("-", &f), 0);
	CHECK_INT(fp_len(".", &f), 0);
	CHECK_INT(fp_len("1e", &f), 1);
	CHECK_INT(fp_len("0x10", &f), 1);
	/* Random values in the forms embedding files use. */
	for (i = 0; i < 2000000; i++) {
		uint64_t r = xs();
		int digits = 1 + (int)(r % 9), e = (int)((r >> 8) % 60) - 40;
		double x = (double)(xs() % 2000000000) / 1e9 - 1.0;

		switch (i % 5) {
		case 0:
			snprintf(tmp, sizeof(tmp), "%.*g", digits, x);
			break;
		case 1:
			snprintf(tmp, sizeof(tmp), "%.*e", digits, x * pow(10, e));
			break;
		case 2:
			snprintf(tmp, sizeof(tmp), "%.*f", digits, x * 10);
			break;
		case 3:
			/* GloVe's own form: up to 7 decimals, mostly 5-6. */
			snprintf(tmp, sizeof(tmp), "%.*f", 1 + digits % 7, x * 3);
			break;
		default: {
			float fx = (float)(x * pow(10, e % 10));
			uint32_t bits;

			memcpy(&bits, &fx, 4);
			bits ^= (uint32_t)(xs() & 3);
			memcpy(&fx, &bits, 4);
			snprintf(tmp, sizeof(tmp), "%.*g", 6 + digits % 4,
			    (double)fx);
		}
		}
		if (!fp_same(tmp) && ++bad > 5)
			break;
	}
	CHECK_INT(bad, 0);
}

static void
test_glove_basic(void)
{
	struct diag d;
	struct space *s = text("the 0.1 0.2\nof -1 2e1\nThe 3 4\n", &d);
	size_t len;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(space_rows(s), 3);
	CHECK_INT(space_dims(s), 2);
	CHECK_STR(space_word(s, 1, &len), "of");
	CHECK_INT(len, 2);
	CHECK(space_row(s, 1)[1] == 20.0f);
	CHECK(space_row(s, 0)[0] == (float)strtod("0.1", NULL));
	CHECK_INT(((uintptr_t)space_row(s, 0)) % 64, 0);
	CHECK_INT(space_find(s, "of", 2), 1);
	CHECK_INT(space_find(s, "OF", 2), -1);
	CHECK_INT(space_find(s, "The", 3), 2);
	CHECK_INT(space_find_ci(s, "THE", 3), 0);	/* most frequent wins */
	CHECK_INT(space_find_ci(s, "Of", 2), 1);
	CHECK_INT(space_find_ci(s, "off", 3), -1);
	{
		const char *w[] = { "the", "zebra", "of", "ZEBRA" };
		long ids[4];
		const char *oov[4];

		CHECK_INT(space_lookup(s, w, 4, 0, ids, oov, 4), 2);
		CHECK_INT(ids[0], 0);
		CHECK_INT(ids[1], -1);
		CHECK_STR(oov[0], "zebra");
		CHECK_STR(oov[1], "ZEBRA");
	}
	space_free(s);
}

static void
test_unicode_fold(void)
{
	struct diag d;
	struct space *s = text("straße 1\nÉCOLE 2\nécole 3\nΣοφία 4\n", &d);

	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(space_find_ci(s, "STRASSE", 7), 0);	/* ß folds to ss */
	CHECK_INT(space_find_ci(s, "école", strlen("école")), 1);
	CHECK_INT(space_find_ci(s, "ΣΟΦΊΑ", strlen("ΣΟΦΊΑ")), 3);
	CHECK_INT(space_find(s, "école", strlen("école")), 2);
	space_free(s);
}

static void
test_text_semantics(void)
{
	struct diag d;
	struct space *s;
	size_t n;
	const struct diag *w;

	/* Tokens may contain spaces: the last D fields are the vector. */
	s = text("a 1 2\n. . . 3 4\nnew york 5 6\r\n", &d);
	CHECK(s != NULL);
	if (s) {
		CHECK_STR(space_word(s, 1, NULL), ". . .");
		CHECK_STR(space_word(s, 2, NULL), "new york");
		CHECK(space_row(s, 2)[1] == 6.0f);
		space_free(s);
	}
	/* Duplicates: first kept, a warning names the second's line. */
	s = text("a 1 2\nb 3 4\na 5 6\nc 7 8\n", &d);
	CHECK(s != NULL);
	if (s) {
		CHECK_INT(space_rows(s), 3);
		CHECK(space_row(s, space_find(s, "a", 1))[0] == 1.0f);
		CHECK_STR(space_word(s, 2, NULL), "c");
		CHECK(space_row(s, 2)[0] == 7.0f);
		w = space_warnings(s, &n);
		CHECK_INT(n, 1);
		if (n == 1) {
			CHECK_INT(w[0].line, 3);
			CHECK_STR(w[0].msg, "duplicate token \"a\" on line 3 "
			    "ignored (first on line 1)");
		}
		space_free(s);
	}
	/* word2vec text header. */
	s = text_parse("w.txt", "2 3\nx 1 2 3\ny 4 5 6\n", 19, "word2vec", &d);
	CHECK(s != NULL);
	if (s) {
		CHECK_INT(space_rows(s), 2);
		CHECK_INT(space_dims(s), 3);
		space_free(s);
	}
}

static void
expect_text_error(const char *in, const char *fmt, long line, int col,
    const char *msg)
{
	struct diag d;
	struct space *s;

	memset(&d, 0, sizeof(d));
	s = text_parse("bad.txt", in, strlen(in), fmt, &d);
	CHECK(s == NULL);
	space_free(s);
	CHECK_INT(d.line, line);
	CHECK_INT(d.col, col);
	CHECK_STR(d.msg, msg);
}

static void
test_text_errors(void)
{
	expect_text_error("a 1 2\nb 1\n", "glove", 2, 0,
	    "expected 2 components, found 1");
	expect_text_error("a 1 2\nb 1 2 3\n", "glove", 2, 0,
	    "expected 2 components, found 3");
	expect_text_error("a 1 2\nb 1 x\n", "glove", 2, 5,
	    "component 2 is not a number: \"x\"");
	expect_text_error("a 1 2\nb nan 1\n", "glove", 2, 3,
	    "component 1 is not finite: \"nan\"");
	expect_text_error("a 1 2\nb 1 -Inf\n", "glove", 2, 5,
	    "component 2 is not finite: \"-Inf\"");
	expect_text_error("a 1 2\nb 1e39 1\n", "glove", 2, 3,
	    "component 1 is out of float32 range: \"1e39\"");
	expect_text_error("a 1 2\nb  1 2\n", "glove", 2, 3,
	    "empty field (two spaces in a row?)");
	expect_text_error("a 1 2\nb 1  2\n", "glove", 2, 5,
	    "empty field (two spaces in a row?) where component 1 was expected");
	expect_text_error("a 1 2\n\nc 1 2\n", "glove", 2, 0, "empty line");
	expect_text_error("3 2\na 1 2\nb 1 2\n", "word2vec", 1, 0,
	    "header says 3 rows but the file has 2");
	expect_text_error("2 3\na 1 2\nb 1 2\n", "word2vec", 2, 0,
	    "expected 3 components, found 2");
	expect_text_error("a 1 2\n", "word2vec", 1, 0,
	    "expected a word2vec header \"ROWS DIMS\", found \"a 1 2\"");
	expect_text_error("", "glove", 0, 0, "empty file");
	expect_text_error("0 5\n", "word2vec", 0, 0, "no vectors in the file");

	/* Memory is read in pieces of 4,096 bytes: rows across many pieces
	 * land in file order; the first error in file order wins even when a
	 * later piece fails too; a file of more lines than valid rows could
	 * fill (the matrix is reserved for that bound) is counted and read
	 * again, with the same error. */
	struct buf b = BUF_INIT;
	struct diag d;
	struct space *sp;
	long i;
	int ok = 1;

	for (i = 0; i < 3000; i++)
		buf_printf(&b, "w%ld %ld.5 %ld\n", i, i, -i);
	memset(&d, 0, sizeof(d));
	sp = text_parse("many.txt", b.data, b.len, "glove", &d);
	CHECK(sp != NULL && sp->rows == 3000 && sp->dims == 2);
	for (i = 0; sp != NULL && i < 3000; i++) {
		char w[32];

		snprintf(w, sizeof(w), "w%ld", i);
		ok &= sp->mat[2 * i] == (float)i + 0.5f &&
		    sp->mat[2 * i + 1] == (float)-i &&
		    strcmp(space_word(sp, i, NULL), w) == 0;
	}
	CHECK(ok);
	space_free(sp);
	buf_clear(&b);
	for (i = 0; i < 3000; i++)
		buf_printf(&b, i == 1499 ? "w%ld %ld.5x %ld\n" :
		    "w%ld %ld.5 %ld\n", i, i, -i);
	buf_puts(&b, "late 1\n");		/* line 3001: a ragged row */
	memset(&d, 0, sizeof(d));
	sp = text_parse("two.txt", b.data, b.len, "glove", &d);
	CHECK(sp == NULL);
	CHECK_INT(d.line, 1500);
	space_free(sp);
	buf_clear(&b);
	/* 10,000 rows of 8 bytes, then 3,000 empty lines: the piece where
	 * they start counts more rows than the bound allows. */
	for (i = 0; i < 10000; i++)
		buf_puts(&b, "b 1 2 3\n");
	for (i = 0; i < 3000; i++)
		buf_puts(&b, "\n");
	memset(&d, 0, sizeof(d));
	sp = text_parse("short.txt", b.data, b.len, "glove", &d);
	CHECK(sp == NULL);
	CHECK_INT(d.line, 10001);
	CHECK_STR(d.msg, "empty line");
	space_free(sp);
	buf_clear(&b);
}

static char tmpdir[256];

static char *
tpath(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

static void
write_file(const char *path, const void *p, size_t n)
{
	FILE *fp = fopen(path, "wb");

	fwrite(p, 1, n, fp);
	fclose(fp);
}

static void
test_roundtrips(void)
{
	struct diag d;
	struct space *s, *v, *b;
	char *src = tpath("rt.txt"), *vds = tpath("rt.vds"),
	    *bin = tpath("rt.bin"), *txt = tpath("rt2.txt");
	const char *in = "the 0.418 0.24968 -0.41242\nköln 1e-05 -3 0.1\n"
	    "x 7.038531e-26 3.4028235e38 -0\n";
	struct buf a = BUF_INIT;
	long i;

	write_file(src, in, strlen(in));
	s = space_open_file(src, NULL, NULL, &d);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK(space_write(s, vds, "vds", &d) == 0);
	CHECK(space_write(s, bin, "word2vec-bin", &d) == 0);
	v = space_open_file(vds, NULL, NULL, &d);
	b = space_open_file(bin, NULL, NULL, &d);
	CHECK(v != NULL && b != NULL);
	if (v && b) {
		CHECK_INT(space_rows(v), 3);
		CHECK_INT(space_rows(b), 3);
		for (i = 0; i < 3; i++) {
			CHECK(memcmp(space_row(s, i), space_row(v, i), 12) == 0);
			CHECK(memcmp(space_row(s, i), space_row(b, i), 12) == 0);
			CHECK_STR(space_word(v, i, NULL), space_word(s, i, NULL));
			CHECK_STR(space_word(b, i, NULL), space_word(s, i, NULL));
		}
		CHECK_INT(space_find(v, "köln", strlen("köln")), 1);
		CHECK_INT(space_find_ci(v, "KÖLN", strlen("KÖLN")), 1);
		CHECK_INT(((uintptr_t)space_row(v, 0)) % 64, 0);
		CHECK(space_write(v, txt, "glove", &d) == 0);
		CHECK(fs_read(txt, &a, &d) == 0);
		CHECK_STR(buf_str(&a), "the 0.418 0.24968 -0.41242\n"
		    "köln 1e-05 -3 0.1\nx 7.038531e-26 3.4028235e+38 -0\n");
	}
	space_free(s);
	space_free(v);
	space_free(b);
	buf_clear(&a);
	free(src);
	free(vds);
	free(bin);
	free(txt);
}

static void
test_vds_damage(void)
{
	struct diag d;
	struct space *s;
	char *src = tpath("dm.txt"), *vds = tpath("dm.vds");
	struct buf a = BUF_INIT;

	write_file(src, "a 1 2\nb 3 4\n", 12);
	s = space_open_file(src, NULL, NULL, &d);
	CHECK(s != NULL && space_write(s, vds, "vds", &d) == 0);
	space_free(s);
	CHECK(fs_read(vds, &a, &d) == 0);
	/* Truncated. */
	write_file(vds, a.data, a.len - 3);
	s = space_open_file(vds, NULL, NULL, &d);
	CHECK(s == NULL);
	CHECK_INT(d.offset, (long long)a.len - 3);
	/* A flipped bit in the matrix: found (unless asked not to look). */
	a.data[a.len - 1] ^= 1;
	write_file(vds, a.data, a.len);
	s = space_open_file(vds, "vds", NULL, &d);
	CHECK(s == NULL);
	CHECK_STR(d.msg, "matrix checksum mismatch (corrupted file)");
	{
		struct space_opts o;

		memset(&o, 0, sizeof(o));
		o.noverify = 1;
		s = space_open_opts(vds, &o, NULL, &d);
		CHECK(s != NULL);
		space_free(s);
	}
	/* A flipped bit in the vocabulary is always found. */
	a.data[a.len - 1] ^= 1;
	a.data[128 + 12] ^= 1;
	write_file(vds, a.data, a.len);
	s = space_open_file(vds, NULL, NULL, &d);
	CHECK(s == NULL);
	CHECK_STR(d.msg, "vocabulary checksum mismatch (corrupted file)");
	buf_clear(&a);
	free(src);
	free(vds);
}

static void
test_cache(void)
{
	struct diag d;
	struct space *s;
	char *src = tpath("c.txt"), *cache = tpath("cache");
	struct space_info in;

	write_file(src, "a 1 2\nb 3 4\n", 12);
	s = space_open_file(src, NULL, cache, &d);
	CHECK(s != NULL);
	space_get_info(s, &in);
	CHECK_INT(in.cache, 2);
	space_free(s);
	s = space_open_file(src, NULL, cache, &d);
	CHECK(s != NULL);
	space_get_info(s, &in);
	CHECK_INT(in.cache, 1);
	CHECK_STR(in.format, "glove");
	CHECK_INT(space_find(s, "b", 1), 1);
	space_free(s);
	/* A changed file (same size) is noticed. */
	sleep(0);
	write_file(src, "a 1 2\nb 3 5\n", 12);
	{
		struct stat st;
		struct timespec ts[2];

		stat(src, &st);
		ts[0] = st.st_atim;
		ts[1] = st.st_mtim;
		ts[1].tv_nsec = (ts[1].tv_nsec + 1) % 1000000000;
		utimensat(AT_FDCWD, src, ts, 0);
	}
	s = space_open_file(src, NULL, cache, &d);
	CHECK(s != NULL);
	space_get_info(s, &in);
	CHECK_INT(in.cache, 2);
	if (s)
		CHECK(space_row(s, 1)[1] == 5.0f);
	space_free(s);
	free(src);
	free(cache);
}

static void
put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void
test_npy(void)
{
	unsigned char f[256];
	const char *hdr = "{'descr': '<f2', 'fortran_order': True, "
	    "'shape': (2, 3), }";
	size_t hl = 118, i;
	struct wordbuf wb;
	struct diag d;
	struct space *s;
	/* Fortran order: columns stored first: [[1,2,3],[4,5,6]]. */
	static const unsigned h[6] = { 0x3c00, 0x4400, 0x4000, 0x4500,
	    0x4200, 0x4600 };

	memset(f, ' ', sizeof(f));
	memcpy(f, "\x93NUMPY\x01\x00", 8);
	put16(f + 8, (unsigned)hl);
	memcpy(f + 10, hdr, strlen(hdr));
	f[10 + hl - 1] = '\n';
	for (i = 0; i < 6; i++)
		put16(f + 10 + hl + 2 * i, h[i]);
	wordbuf_init(&wb);
	wordbuf_add(&wb, "x", 1);
	wordbuf_add(&wb, "y", 1);
	s = npy_parse("a.npy", f, 10 + hl + 12, &wb, "v.txt", &d);
	wordbuf_clear(&wb);
	CHECK(s != NULL);
	if (s) {
		CHECK(space_row(s, 0)[0] == 1 && space_row(s, 0)[1] == 2 &&
		    space_row(s, 0)[2] == 3 && space_row(s, 1)[0] == 4 &&
		    space_row(s, 1)[2] == 6);
		CHECK_INT(space_find(s, "y", 1), 1);
		space_free(s);
	}
	/* Object arrays are refused. */
	memcpy(f + 10 + 11, "|O", 2);
	wordbuf_init(&wb);
	s = npy_parse("a.npy", f, 10 + hl + 12, &wb, "v.txt", &d);
	wordbuf_clear(&wb);
	CHECK(s == NULL);
	CHECK_STR(d.msg, "object arrays (dtype '|O') hold Python objects, "
	    "not numbers: not supported");
}

static struct space *
st_parse(const char *json, const void *data, size_t dn, const char *tensor,
    struct diag *d)
{
	unsigned char buf[1024];
	uint64_t hl = strlen(json);
	struct wordbuf wb;
	struct space *s;

	memcpy(buf, &hl, 8);
	memcpy(buf + 8, json, hl);
	memcpy(buf + 8 + hl, data, dn);
	wordbuf_init(&wb);
	wordbuf_add(&wb, "[PAD]", 5);
	wordbuf_add(&wb, "the", 3);
	s = safetensors_parse("m.safetensors", buf, 8 + hl + dn, tensor, &wb,
	    "vocab.txt", d);
	wordbuf_clear(&wb);
	return s;
}

static void
test_safetensors(void)
{
	struct diag d;
	struct space *s;
	uint16_t bf[4] = { 0x3f80, 0x4000, 0xbf80, 0x0000 };	/* 1 2 -1 0 */
	float f32[4] = { 1, 2, 3, 4 };
	unsigned char both[24];

	s = st_parse("{\"w\":{\"dtype\":\"BF16\",\"shape\":[2,2],"
	    "\"data_offsets\":[0,8]}}", bf, 8, "w", &d);
	CHECK(s != NULL);
	if (s) {
		CHECK(space_row(s, 1)[0] == -1.0f);
		CHECK_INT(space_find(s, "the", 3), 1);
		space_free(s);
	}
	memcpy(both, bf, 8);
	memcpy(both + 8, f32, 16);
	s = st_parse("{\"__metadata__\":{\"a\":\"b\"},\"b\":{\"dtype\":\"F32\","
	    "\"shape\":[2,2],\"data_offsets\":[8,24]},\"a\":{\"dtype\":\"BF16\","
	    "\"shape\":[4],\"data_offsets\":[0,8]}}", both, 24, NULL, &d);
	CHECK(s != NULL);
	if (s) {
		CHECK(space_row(s, 1)[1] == 4.0f);
		space_free(s);
	}
	s = st_parse("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],"
	    "\"data_offsets\":[0,16]}}", f32, 16, "word_embeddings", &d);
	CHECK(s == NULL);
	CHECK_STR(d.msg, "no tensor \"word_embeddings\" (the file has: w)");
	s = st_parse("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],"
	    "\"data_offsets\":[0,32]}}", f32, 16, "w", &d);
	CHECK(s == NULL);
	CHECK_STR(d.msg, "tensor \"w\": data_offsets [0, 32) out of range "
	    "(the data is 16 bytes)");
	s = st_parse("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,1],"
	    "\"data_offsets\":[0,8]},\"v\":{\"dtype\":\"F32\",\"shape\":[2,1],"
	    "\"data_offsets\":[4,12]}}", f32, 16, "w", &d);
	CHECK(s == NULL);
	CHECK_STR(d.msg, "tensor \"v\" starts at 4: data_offsets overlap");
	s = st_parse("{\"w\":{\"dtype\":\"Q7\",\"shape\":[2,2],"
	    "\"data_offsets\":[0,16]}}", f32, 16, "w", &d);
	CHECK(s == NULL);
	CHECK_STR(d.msg, "tensor \"w\": unknown dtype \"Q7\"");
}

static void
test_config(void)
{
	const char *y = "spaces:\n  g:\n    path: data/g.txt\n    format: glove\n"
	    "    sources:\n      - mirror: g.txt\n        sha256: ab\n"
	    "      - npm: wink@1.1.0\n        file: package/w.json\n"
	    "        format: wink\n  bad:\n    path: ../x.txt\n";
	struct diag d;
	struct ynode *root = ynode_parse(y, strlen(y), "vecdoc.yml", 0, &d);
	struct space_decl *v;
	size_t n;

	CHECK(root != NULL);
	if (root == NULL)
		return;
	/* vecdoc.yml's data may live anywhere: "../x.txt" is accepted. */
	CHECK(spacedecls_parse(ynode_get(root, "spaces"), "vecdoc.yml",
	    tmpdir, &v, &n, &d) == 0);
	CHECK_INT(n, 2);
	if (n == 2) {
		char *want = xasprintf("%s/../x.txt", tmpdir);

		CHECK_STR(v[1].path, want);
		CHECK_STR(v[1].relpath, "../x.txt");
		free(want);
		spacedecls_free(v, n);
	}
	ynode_free(root);
	y = "spaces:\n  g:\n    path: data/g.txt\n    formt: glove\n";
	root = ynode_parse(y, strlen(y), "vecdoc.yml", 0, &d);
	CHECK(spacedecls_parse(ynode_get(root, "spaces"), "vecdoc.yml",
	    tmpdir, &v, &n, &d) < 0);
	CHECK_STR(d.msg, "unknown key \"formt\" in a space (did you mean "
	    "\"format\"?)");
	ynode_free(root);
	y = "spaces:\n  g:\n    path: data/g.txt\n    sources:\n"
	    "      - mirror: g.txt\n        sha256: ab\n";
	root = ynode_parse(y, strlen(y), "vecdoc.yml", 0, &d);
	CHECK(spacedecls_parse(ynode_get(root, "spaces"), "vecdoc.yml",
	    tmpdir, &v, &n, &d) == 0);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_STR(v[0].name, "g");
		CHECK_INT(v[0].nsources, 1);
		CHECK_STR(v[0].sources[0].kind, "mirror");
		CHECK_STR(v[0].sources[0].sha256, "ab");
		CHECK(strstr(v[0].path, "/data/g.txt") != NULL);
	}
	spacedecls_free(v, n);
	ynode_free(root);
}

/*
 * Every file of the fuzzers' corpora (seeds and kept crashers) through
 * the parser its fuzzer drives, as the fuzzer calls it: a crash here is a
 * regression.
 */
static void
test_fuzz_corpora(void)
{
	static const char *const names[] = { "text", "w2vbin", "npy",
	    "safetensors", "vds", NULL };
	const char *src = getenv("SRCDIR");
	struct buf b = BUF_INIT;
	struct diag d;
	char **files, *dir, *f;
	long n, i;
	int k, seen = 0;

	if (src == NULL)
		src = ".";
	for (k = 0; names[k]; k++) {
		dir = xasprintf("%s/tests/fuzz/corpus-%s", src, names[k]);
		n = fs_list(dir, &files, &d);
		for (i = 0; i < n; i++) {
			struct space *s = NULL;
			struct wordbuf wb;
			unsigned char *al;

			f = xasprintf("%s/%s", dir, files[i]);
			if (fs_read(f, &b, &d) < 0) {
				free(f);
				continue;
			}
			seen++;
			wordbuf_init(&wb);
			wordbuf_add(&wb, "a", 1);
			switch (k) {
			case 0:
				s = text_parse(f, b.data ? b.data : "", b.len,
				    "glove", &d);
				space_free(s);
				s = text_parse(f, b.data ? b.data : "", b.len,
				    "word2vec", &d);
				break;
			case 1:
				s = w2vbin_parse(f, (const unsigned char *)
				    (b.data ? b.data : ""), b.len, &d);
				break;
			case 2:
				s = npy_parse(f, (const unsigned char *)
				    (b.data ? b.data : ""), b.len, &wb, "v", &d);
				break;
			case 3:
				s = safetensors_parse(f, (const unsigned char *)
				    (b.data ? b.data : ""), b.len, NULL, &wb, "v", &d);
				break;
			default:
				al = aligned_alloc(64, (b.len + 64) / 64 * 64);
				memcpy(al, b.data ? b.data : "", b.len);
				s = vds_parse(f, al, b.len, 1, 0, &d);
				if (s && space_rows(s) > 0) {
					size_t len;
					const char *w = space_word(s, 0, &len);

					(void)space_find(s, w, len);
					(void)space_find_ci(s, w, len);
				}
				space_free(s);
				s = NULL;
				free(al);
			}
			space_free(s);
			wordbuf_clear(&wb);
			free(f);
		}
		if (n > 0)
			fs_names_free(files, n);
		free(dir);
	}
	buf_clear(&b);
	CHECK(seen >= 20);
}

/*
 * The text reader copies its input through buffers (4 KiB from memory,
 * 256 KiB from a file): rows longer than a buffer, rows cut by every read,
 * CRLF ends and a last row without a newline give exactly (float)strtod
 * of every field, from memory and from a file, and an error past many
 * buffers names its line.
 */
static void
test_text_chunks(void)
{
	struct buf b = BUF_INIT;
	struct diag d;
	struct space *s[2];
	char tmpl[] = "/tmp/vecdoc-chunks-XXXXXX", num[32];
	const int D = 700, R = 40;
	float *want = xmalloc(sizeof(float) * (size_t)(D * R));
	unsigned x = 12345;
	int fd, r, k, v, same = 1;
	size_t len;

	for (r = 0; r < R; r++) {
		buf_printf(&b, "w%d", r);
		for (k = 0; k < D; k++) {
			x = x * 1103515245u + 12345u;
			snprintf(num, sizeof(num), "%s%u.%0*u", x & 1 ? "-" : "",
			    (x >> 8) % 10, 1 + (int)((x >> 4) % 9),
			    (x >> 12) % 1000000);
			want[r * D + k] = (float)strtod(num, NULL);
			buf_printf(&b, " %s", num);
		}
		if (r + 1 < R)
			buf_puts(&b, r % 3 == 0 ? "\r\n" : "\n");
	}
	s[0] = text_parse("t.txt", b.data, b.len, "glove", &d);
	fd = mkstemp(tmpl);
	CHECK(fd >= 0 && write(fd, b.data, b.len) == (ssize_t)b.len);
	close(fd);
	s[1] = text_read(tmpl, "glove", &d);
	for (v = 0; v < 2; v++) {
		CHECK(s[v] != NULL);
		if (s[v] == NULL)
			continue;
		CHECK_INT(space_rows(s[v]), R);
		CHECK_INT(space_dims(s[v]), D);
		for (r = 0; r < R; r++) {
			snprintf(num, sizeof(num), "w%d", r);
			CHECK_STR(space_word(s[v], r, &len), num);
			if (memcmp(space_row(s[v], r), want + r * D,
			    sizeof(float) * (size_t)D) != 0)
				same = 0;
		}
		space_free(s[v]);
	}
	CHECK(same);
	/* A bad component on row 33, some 170 KiB in. */
	b.data[b.len - 10] = 'x';
	for (r = 0, len = 0; len < b.len; len++)
		if (b.data[len] == '\n' && ++r == 32)
			break;
	b.data[len + 5] = 'q';
	s[0] = text_parse("t.txt", b.data, b.len, "glove", &d);
	CHECK(s[0] == NULL);
	CHECK_INT(d.line, 33);
	space_free(s[0]);
	unlink(tmpl);
	buf_clear(&b);
	free(want);
}

int
main(void)
{
	char *cmd;

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_store.XXXXXX");
	if (mkdtemp(tmpdir) == NULL)
		return 2;
	RUN(test_fparse);
	RUN(test_fparse_row);
	RUN(test_glove_basic);
	RUN(test_unicode_fold);
	RUN(test_text_semantics);
	RUN(test_text_errors);
	RUN(test_text_chunks);
	RUN(test_roundtrips);
	RUN(test_vds_damage);
	RUN(test_cache);
	RUN(test_npy);
	RUN(test_safetensors);
	RUN(test_config);
	RUN(test_fuzz_corpora);
	cmd = xasprintf("rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
	free(cmd);
	return test_end("store");
}
