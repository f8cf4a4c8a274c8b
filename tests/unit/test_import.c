/* Unit tests for vecdoc import (src/import/, util/mojibake): made-up
 * pages double-encoded through each code page, lost bytes with one,
 * several and no candidates, every structure rule and every TeX rule.
 * The real seed pages are tested by tests/import/suite.sh. */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include <utf8proc.h>

#include "test.h"
#include "import/import.h"
#include "util/fsutil.h"
#include "util/mojibake.h"
#include "util/xalloc.h"

/* What a page becomes when its UTF-8 is read through code page cp and
 * written again as UTF-8; bytes the code page lacks (and soft hyphens)
 * are lost, as they were in the maintainer's pages. Heap. */
static char *
mangle(const char *s, enum moji_cp cp)
{
	const struct moji_table *t = moji_table(cp);
	struct buf b = BUF_INIT;
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++) {
		uint32_t c = t->dec[*p];
		utf8proc_uint8_t u[4];

		if (c == MOJI_NONE || c == 0xAD)
			continue;
		buf_put(&b, u, (size_t)utf8proc_encode_char((utf8proc_int32_t)c, u));
	}
	return buf_detach(&b);
}

static char dictpath[64];

static void
write_dict(const char *words)
{
	struct diag d;
	struct buf b = BUF_INIT;

	buf_printf(&b, "3\n%s", words);
	snprintf(dictpath, sizeof(dictpath), "/tmp/vecdoc-test-dic-%d",
	    (int)getpid());
	fs_write(dictpath, b.data, b.len, &d);
	buf_clear(&b);
}

/* Detects, decodes, settles (two rounds, as the command does) and
 * renders text; *spots gets the spots' outcome. Heap. */
static char *
repair(const char *text, const char *dict, struct imp_text *t)
{
	struct moji_verdict v;
	struct imp_lexicon lx;
	struct buf out = BUF_INIT;
	struct diag d;

	imp_lexicon_init(&lx);
	if (dict != NULL) {
		write_dict(dict);
		imp_lexicon_dict(&lx, dictpath, &d);
		unlink(dictpath);
	}
	imp_decode(text, strlen(text), moji_detect(text, strlen(text), &v) ?
	    v.cp : -1, 1, 1, t);
	imp_lexicon_learn(&lx, t);
	imp_resolve(t, &lx, "p.md");
	imp_lexicon_learn_resolved(&lx, t);
	imp_resolve(t, &lx, "p.md");
	imp_render(t, &out);
	imp_lexicon_clear(&lx);
	return out.data != NULL ? buf_detach(&out) : xstrdup("");
}

static const char *vi = "Điều này giải thích vì sao trong không gian nhiều "
    "chiều, các vectơ ngẫu nhiên gần như trực giao. Học máy và ý nghĩa.";

static void
test_detect(void)
{
	struct moji_verdict v;
	char *m;

	/* Clean Vietnamese, clean French: not double-encoded. */
	CHECK_INT(moji_detect(vi, strlen(vi), &v), 0);
	CHECK_INT(moji_detect("Café crème à la carte, déjà vu.", 33, &v), 0);
	CHECK_INT(moji_detect("plain ASCII", 11, &v), 0);
	m = mangle(vi, MOJI_CP1254);
	CHECK_INT(moji_detect(m, strlen(m), &v), 1);
	/* 1252 and 1254 agree on Vietnamese; the tie goes to 1252. */
	CHECK_INT(v.cp, MOJI_CP1252);
	/* "Điều": Đ lost its 0x90, so the first whole sequence is the
	 * "à" of "này", 10 bytes in ("Ä" "i" "á»" "u" " " "n"). */
	CHECK_INT(v.first, 10);
	free(m);
	m = mangle(vi, MOJI_MACROMAN);
	CHECK_INT(moji_detect(m, strlen(m), &v), 1);
	CHECK_INT(v.cp, MOJI_MACROMAN);
	free(m);
	/* An emoji tells 1254 (ğ) from 1252. */
	m = mangle("Nhà 🏠 và 📚 sách về học máy, điều hay.", MOJI_CP1254);
	CHECK_INT(moji_detect(m, strlen(m), &v), 1);
	CHECK_INT(v.cp, MOJI_CP1254);
	free(m);
}

static void
test_roundtrip(void)
{
	struct imp_text t;
	char *m, *r;

	/* A clean page passes through untouched. */
	r = repair(vi, NULL, &t);
	CHECK_STR(r, vi);
	CHECK_INT(t.repaired, 0);
	CHECK_INT(t.nspots, 0);
	free(r);
	imp_text_clear(&t);
	/* Mac Roman loses nothing: a full repair. */
	m = mangle(vi, MOJI_MACROMAN);
	r = repair(m, NULL, &t);
	CHECK_STR(r, vi);
	CHECK_INT(t.nspots, 0);
	free(m);
	free(r);
	imp_text_clear(&t);
	/* Through 1258 byte by byte: no Vietnamese letter loses a byte
	 * that 1258 lacks except those with 0x81/0x8A/0x8D-0x90/0x9A/0x9D/
	 * 0x9F/0xAD; this text has none of them. */
	m = mangle("Cà phê sữa đá, cơm tấm và bánh mì", MOJI_CP1258);
	{
		struct moji_verdict v;

		/* 0xC3 is Ă in 1258 (Ã in 1252): only 1258 reads it back */
		CHECK_INT(moji_detect(m, strlen(m), &v), 1);
		CHECK_INT(v.cp, MOJI_CP1258);
	}
	r = repair(m, NULL, &t);
	CHECK_STR(r, "Cà phê sữa đá, cơm tấm và bánh mì");
	free(m);
	free(r);
	imp_text_clear(&t);
}

static void
test_lost(void)
{
	struct imp_text t;
	char *m, *r;

	/* "tính": í is C3 AD, the soft hyphen is dropped. Inside a small
	 * word only the small í fits: one candidate. */
	m = mangle("Phân tích tính toán của học máy về điều đó.", MOJI_CP1254);
	r = repair(m, "phân\ntích\ntính\ntoán\ncủa\nhọc\nmáy\nvề\nđiều\nđó\n"
	    "hóc\nhức\n", &t);
	CHECK_STR(r, "Phân tích tính toán của học máy về điều đó.");
	CHECK_INT(t.nspots, 5);
	CHECK_INT(t.spots[0].how, IMP_ONLY);		/* tích */
	CHECK_INT(t.spots[2].how, IMP_DICT);		/* học: ọ among ề ọ ỏ ờ ử */
	CHECK_INT(t.spots[2].line, 1);
	/* byte columns, in the damaged text: "Phân tích tính toán của h"
	 * is 38 bytes there */
	CHECK_INT(t.spots[2].col, 39);
	free(m);
	free(r);
	imp_text_clear(&t);

	/* Several candidates the list allows (nền, nọn); the page's own
	 * undamaged "nền" (a clean stretch: ề has no byte in 1254, so it
	 * passes through) decides. */
	m = mangle("Màu nền của học máy", MOJI_CP1254);
	{
		char *page = xasprintf("%s, nền xanh", m);

		r = repair(page, "màu\nnền\nnọn\ncủa\nhọc\nmáy\nxanh\n", &t);
		CHECK_STR(r, "Màu nền của học máy, nền xanh");
		CHECK_INT(t.nspots, 2);
		CHECK_INT(t.spots[0].how, IMP_CORPUS);
		free(r);
		free(page);
	}
	free(m);
	imp_text_clear(&t);

	/* The case pattern: "TÍM" in capitals takes Í, not í. Both TÁM
	 * and TÍM are syllables: without other evidence it stays open and
	 * is marked with its candidates. */
	m = mangle("MÀU TÍM, MÀU ĐEN VÀ MÀU XANH", MOJI_CP1254);
	r = repair(m, "màu\ntím\ntám\nđen\n", &t);
	CHECK_STR(r, "MÀU T[?Á/Í?]M, MÀU ĐEN VÀ MÀU XANH");
	CHECK_INT(t.spots[0].how, IMP_AMBIGUOUS);
	/* Đ: of 0x81 0x8D 0x8F 0x90 0x9D 0xAD after C4, the only capital
	 * letter (ĐEN is in capitals) is Đ. */
	CHECK_INT(t.spots[1].how, IMP_ONLY);
	free(r);
	imp_text_clear(&t);
	/* ... and the same word repaired beyond doubt elsewhere settles it. */
	{
		char *m2 = mangle("màu tím", MOJI_CP1254);
		char *page = xasprintf("%s, %s", m, m2);

		r = repair(page, "màu\ntím\ntám\nđen\n", &t);
		CHECK_STR(r, "MÀU TÍM, MÀU ĐEN VÀ MÀU XANH, màu tím");
		CHECK_INT(t.spots[0].how, IMP_CORPUS);
		CHECK_INT(t.spots[2].how, IMP_ONLY);
		free(r);
		free(page);
		free(m2);
		imp_text_clear(&t);
	}
	free(m);

	/* No candidate at all: F4 80 80 + a lost byte is beyond U+10FFFF
	 * or private use, whatever the byte. */
	r = repair("Ã¡ Ã© Ã¨ Ã´ ô€€x", NULL, &t);
	CHECK_STR(r, "á é è ô [??]x");
	CHECK_INT(t.nspots, 1);
	CHECK_INT(t.spots[0].how, IMP_NONE);
	free(r);
	imp_text_clear(&t);

	/* A closing quote after an opening one. */
	m = mangle("Từ “apple” và “viral” học máy", MOJI_CP1254);
	r = repair(m, "từ\nvà\nhọc\nmáy\n", &t);
	CHECK_STR(r, "Từ “apple” và “viral” học máy");
	free(m);
	free(r);
	imp_text_clear(&t);
}

static void
test_choose(void)
{
	struct imp_text t;
	struct imp_lexicon lx;
	struct diag d;
	struct buf out = BUF_INIT;
	char *m = mangle("MÀU TÍM, MÀU ĐEN VÀ MÀU XANH", MOJI_CP1254);
	struct moji_verdict v;

	fs_write("/tmp/vecdoc-test-choose", "# settled\np.md:1:10 Í\n", 23, &d);
	imp_lexicon_init(&lx);
	CHECK_INT(imp_lexicon_choices(&lx, "/tmp/vecdoc-test-choose", &d), 0);
	moji_detect(m, strlen(m), &v);
	imp_decode(m, strlen(m), v.cp, 1, 1, &t);
	CHECK_INT(t.spots[0].col, 10);
	imp_resolve(&t, &lx, "p.md");
	imp_render(&t, &out);
	CHECK_STR(buf_str(&out), "MÀU TÍM, MÀU ĐEN VÀ MÀU XANH");
	CHECK_INT(t.spots[0].how, IMP_CHOICE);
	fs_write("/tmp/vecdoc-test-choose", "p.md:1:10\n", 10, &d);
	CHECK_INT(imp_lexicon_choices(&lx, "/tmp/vecdoc-test-choose", &d), -1);
	CHECK_INT(d.line, 1);
	unlink("/tmp/vecdoc-test-choose");
	buf_clear(&out);
	imp_text_clear(&t);
	imp_lexicon_clear(&lx);
	free(m);
}

/* Settles "MÀU T?M" (TÁM or TÍM, both syllables) with corpus as the
 * --corpus evidence, two rounds and the last as the command does. */
static char *
repair_with(const char *corpus, const char *cpath, struct imp_text *t)
{
	struct moji_verdict v;
	struct imp_lexicon lx;
	struct buf out = BUF_INIT;
	struct diag d;
	char *m = mangle("MÀU TÍM, MÀU ĐEN VÀ MÀU XANH", MOJI_CP1254);

	imp_lexicon_init(&lx);
	write_dict("màu\ntím\ntám\nđen\n");
	imp_lexicon_dict(&lx, dictpath, &d);
	unlink(dictpath);
	if (corpus != NULL)
		fs_write(cpath, corpus, strlen(corpus), &d);
	CHECK_INT(imp_lexicon_corpus(&lx, cpath, &d), 0);
	imp_decode(m, strlen(m), moji_detect(m, strlen(m), &v) ? v.cp : -1,
	    1, 1, t);
	imp_lexicon_learn(&lx, t);
	imp_resolve(t, &lx, "p.md");
	imp_lexicon_learn_resolved(&lx, t);
	lx.final = 1;
	imp_resolve(t, &lx, "p.md");
	imp_render(t, &out);
	imp_lexicon_clear(&lx);
	free(m);
	return out.data != NULL ? buf_detach(&out) : xstrdup("");
}

static void
test_corpus(void)
{
	struct imp_text t;
	char *r;
	const char *f = "/tmp/vecdoc-test-corpus.txt";
	const char *h = "/tmp/vecdoc-test-corpus.html";

	/* A pair in the corpus decides like the pages' own evidence. */
	r = repair_with("Chọn màu tím cho nền.\n", f, &t);
	CHECK_STR(r, "MÀU TÍM, MÀU ĐEN VÀ MÀU XANH");
	CHECK_INT(t.spots[0].how, IMP_CORPUS);
	free(r);
	imp_text_clear(&t);
	/* No pair: the corpus's words break the tie when they use one
	 * spelling at least five times and never the other. */
	r = repair_with("tím. tím; tím, tím: tím!\n", f, &t);
	CHECK_STR(r, "MÀU TÍM, MÀU ĐEN VÀ MÀU XANH");
	CHECK_INT(t.spots[0].how, IMP_EXTERNAL);
	free(r);
	imp_text_clear(&t);
	/* Four uses are not enough; the other spelling once is a doubt. */
	r = repair_with("tím. tím; tím, tím\n", f, &t);
	CHECK_STR(r, "MÀU T[?Á/Í?]M, MÀU ĐEN VÀ MÀU XANH");
	CHECK_INT(t.spots[0].how, IMP_AMBIGUOUS);
	free(r);
	imp_text_clear(&t);
	r = repair_with("tím. tím; tím, tím: tím! tím? tám.\n", f, &t);
	CHECK_INT(t.spots[0].how, IMP_AMBIGUOUS);
	free(r);
	imp_text_clear(&t);
	/* HTML: the markup is dropped, entities decoded, script skipped. */
	r = repair_with("<html><body><p>Chọn m&agrave;u <b>t&iacute;m</b></p>"
	    "<script>màu tám</script></body></html>", h, &t);
	CHECK_STR(r, "MÀU TÍM, MÀU ĐEN VÀ MÀU XANH");
	CHECK_INT(t.spots[0].how, IMP_CORPUS);
	free(r);
	imp_text_clear(&t);
	unlink(f);
	unlink(h);
	/* A folder is read whole, a .gz inflated. */
	{
		char dir[64], *gzp;
		gzFile gz;

		snprintf(dir, sizeof(dir), "/tmp/vecdoc-test-corpus-%d",
		    (int)getpid());
		CHECK_INT(mkdir(dir, 0700), 0);
		gzp = xasprintf("%s/a.txt.gz", dir);
		gz = gzopen(gzp, "wb");
		gzputs(gz, "Chọn màu tím.\n");
		gzclose(gz);
		r = repair_with(NULL, dir, &t);
		CHECK_STR(r, "MÀU TÍM, MÀU ĐEN VÀ MÀU XANH");
		CHECK_INT(t.spots[0].how, IMP_CORPUS);
		free(r);
		imp_text_clear(&t);
		unlink(gzp);
		rmdir(dir);
		free(gzp);
	}
}

/* A corpus of n times each of the space-separated words in ws. Heap. */
static char *
times(const char *ws, int n)
{
	struct buf b = BUF_INIT;
	int i;

	for (i = 0; i < n; i++)
		buf_printf(&b, "%s.\n", ws);
	return buf_detach(&b);
}

static void
test_rhyme(void)
{
	struct imp_text t;
	char *r, *c;
	const char *f = "/tmp/vecdoc-test-rhyme.txt";

	/* The rhyme: the syllable less its initial consonants, tone kept. */
	CHECK_STR(imp_rhyme("trọn"), "ọn");
	CHECK_STR(imp_rhyme("nghề"), "ề");
	CHECK_STR(imp_rhyme("giờ"), "ờ");
	CHECK_STR(imp_rhyme("gìn"), "ìn");
	CHECK_STR(imp_rhyme("gi"), "i");
	CHECK_STR(imp_rhyme("quả"), "ả");
	CHECK_STR(imp_rhyme("đen"), "en");
	CHECK_STR(imp_rhyme("ít"), "ít");
	CHECK(imp_rhyme("str") == NULL);
	CHECK(imp_rhyme("") == NULL);
	/* Neither "tím" nor "tám" in the corpus, no pair: a hundred words
	 * in "-ím" and none in "-ám" make "TÍM" the living word. */
	c = times("chím", 100);
	r = repair_with(c, f, &t);
	free(c);
	CHECK_STR(r, "MÀU TÍM, MÀU ĐEN VÀ MÀU XANH");
	CHECK_INT(t.spots[0].how, IMP_RHYME);
	free(r);
	imp_text_clear(&t);
	/* Ninety-nine are too few to say "never" of the other. */
	c = times("chím", 99);
	r = repair_with(c, f, &t);
	free(c);
	CHECK_STR(r, "MÀU T[?Á/Í?]M, MÀU ĐEN VÀ MÀU XANH");
	CHECK_INT(t.spots[0].how, IMP_AMBIGUOUS);
	free(r);
	imp_text_clear(&t);
	/* One word in "-ám" is a doubt: the spot stays open. */
	c = times("chím", 200);
	c = xrealloc(c, strlen(c) + 8);
	strcat(c, "khám.\n");
	r = repair_with(c, f, &t);
	free(c);
	CHECK_INT(t.spots[0].how, IMP_AMBIGUOUS);
	free(r);
	imp_text_clear(&t);
	/* The tone is part of the rhyme: "-ìm" says nothing of "-ím". */
	c = times("chìm", 200);
	r = repair_with(c, f, &t);
	free(c);
	CHECK_INT(t.spots[0].how, IMP_AMBIGUOUS);
	free(r);
	imp_text_clear(&t);
	/* A word the corpus uses still comes first: five "tám" and never
	 * "tím" settle it whatever the rhymes. */
	c = times("chím", 200);
	c = xrealloc(c, strlen(c) + 32);
	strcat(c, "tám tám tám tám tám.\n");
	r = repair_with(c, f, &t);
	free(c);
	CHECK_STR(r, "MÀU TÁM, MÀU ĐEN VÀ MÀU XANH");
	CHECK_INT(t.spots[0].how, IMP_EXTERNAL);
	free(r);
	imp_text_clear(&t);
	unlink(f);
}

static char *
fix(const char *s)
{
	struct buf b = BUF_INIT;

	imp_fix_tex(s, strlen(s), &b);
	return b.data != NULL ? buf_detach(&b) : xstrdup("");
}

static void
test_tex(void)
{
	static const char *cases[][2] = {
		/* a lone command wrapped in $ */
		{ "$\\mathcal${D} = \\{w_1\\}", "\\mathcal{D} = \\{w_1\\}" },
		{ "E_$\\mathcal${D}: V \\rightarrow $\\mathbb${R}^d",
		  "E_\\mathcal{D}: V \\rightarrow \\mathbb{R}^d" },
		{ "H = -$\\sum$_i", "H = -\\sum_i" },
		/* parentheses turned into $ */
		{ "Var$\\cos \\theta$ \\approx \\frac{1}{d}",
		  "Var(\\cos \\theta) \\approx \\frac{1}{d}" },
		{ "\\exp$\\cos/\\tau$", "\\exp(\\cos/\\tau)" },
		{ "f$r$ $\\propto$ \\frac{1}{r}", "f(r) \\propto \\frac{1}{r}" },
		{ "\\mathbb{E}[$\\mathbf{x}-\\mu$$\\mathbf{x}-\\mu$^T]",
		  "\\mathbb{E}[(\\mathbf{x}-\\mu)(\\mathbf{x}-\\mu)^T]" },
		{ "\\exp$\\cos(\\mathbf{z}_i,\\mathbf{z}_j$/\\tau)",
		  "\\exp(\\cos(\\mathbf{z}_i,\\mathbf{z}_j)/\\tau)" },
		/* a wrapped application is unwrapped, not doubled */
		{ "{$P(w)$$P(d)$}", "{P(w)P(d)}" },
		{ "\\frac{$P(i)$}{Q$i$}", "\\frac{P(i)}{Q(i)}" },
		/* \left( damaged with \le */
		{ "\\text{softmax}$\\le$ft$\\frac{a}{b}\\right$V",
		  "\\text{softmax}\\left(\\frac{a}{b}\\right)V" },
		/* "\\mid" for "\|" */
		{ "D_{KL}$P\\\\mid Q$", "D_{KL}(P\\| Q)" },
		/* nothing to repair */
		{ "\\frac{a}{b}", "\\frac{a}{b}" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *r = fix(cases[i][0]);

		CHECK_STR(r, cases[i][1]);
		free(r);
	}
}

static char *
convert(const char *body, struct imp_page *pg)
{
	memset(pg, 0, sizeof(*pg));
	diaglist_init(&pg->notes);
	pg->text = xstrdup(body);
	imp_convert(pg, "p.md");
	return pg->text;
}

static void
page_free(struct imp_page *pg)
{
	free(pg->text);
	free(pg->title);
	free(pg->description);
	diaglist_clear(&pg->notes);
}

static void
test_structure(void)
{
	struct imp_page pg;
	const char *md = "# Tiêu đề\n\n## Tóm tắt\n\nMột câu tóm tắt đủ dài "
	    "để làm mô tả của trang, hơn sáu mươi chữ cái. Câu hai.\n\n"
	    "1. một\n2. hai\n\n$$\n\\|v\\|\n$$\n";

	/* Already Markdown: kept as it is. */
	CHECK_STR(convert(md, &pg), md);
	CHECK_STR(pg.title, "Tiêu đề");
	CHECK_STR(pg.description, "Một câu tóm tắt đủ dài để làm mô tả của "
	    "trang, hơn sáu mươi chữ cái.");
	CHECK_INT(pg.markdown, 1);
	page_free(&pg);

	CHECK_STR(convert("Bài học (Phần 2):\n\nPhụ đề\n\n\xE2\xB8\xBB\n\n"
	    "Tóm tắt\n\nMô tả ngắn.\n\n\xE2\xB8\xBB\n\n1. Giới thiệu\n\n"
	    "Các tổ chức:\n\t\xE2\x80\xA2\tOpenAI\n\t\xE2\x80\xA2\tMeta AI\n\n"
	    "3.1 Định nghĩa\n\nKhi d \\to \\infty:\n\n"
	    "\\cos \\theta \\xrightarrow{p} 0\n\n"
	    "Var$\\cos \\theta$ \\approx \\frac{1}{d}\n\n"
	    "Metric\tCông thức\tCao\nCosine\t\\frac{x\\cdot y}{\\|x\\|\\|y\\|}\tCó\n\n"
	    "Tài liệu tham khảo\n\t1.\tBishop (2006).\n\t2.\tCover (2006).\n",
	    &pg),
	    "# Bài học (Phần 2)\n\nPhụ đề\n\n---\n\n## Tóm tắt\n\nMô tả ngắn.\n\n"
	    "---\n\n## 1. Giới thiệu\n\nCác tổ chức:\n- OpenAI\n- Meta AI\n\n"
	    "### 3.1 Định nghĩa\n\nKhi $d \\to \\infty$:\n\n"
	    "$$\n\\cos \\theta \\xrightarrow{p} 0\n$$\n\n"
	    "$$\nVar(\\cos \\theta) \\approx \\frac{1}{d}\n$$\n\n"
	    "| Metric | Công thức | Cao |\n| --- | --- | --- |\n"
	    "| Cosine | $\\frac{x\\cdot y}{\\|x\\|\\|y\\|}$ | Có |\n\n"
	    "Tài liệu tham khảo\n1. Bishop (2006).\n2. Cover (2006).\n");
	CHECK_STR(pg.title, "Bài học (Phần 2)");
	CHECK_STR(pg.description, "Mô tả ngắn.");
	CHECK_INT(pg.maths_fixed, 1);
	CHECK_INT(pg.maths_left, 0);
	page_free(&pg);

	/* A formula that still does not parse stays as it was, reported. */
	convert("Tiêu đề\n\n\\frac{a}{b\n", &pg);
	CHECK_STR(pg.text, "# Tiêu đề\n\n\\frac{a}{b\n");
	CHECK_INT(pg.maths_left, 1);
	CHECK_INT(pg.notes.n, 1);
	page_free(&pg);
}

static void
test_nav(void)
{
	const char *s = "\n<!-- Aero-Navigation-Start -->\n[Home](../index.md) > "
	    "[11 Investigating token embeddings](index.md)\n"
	    "<!-- Aero-Navigation-End -->\n# T\n\nx\n<!-- Aero-Footer-Start -->\n"
	    "| Bài | Link |\n| :--- | :--- |\n"
	    "| [One](aero_LLM_01_Cosine (advanced) (part 1).md) | x |\n"
	    "| \xF0\x9F\x93\x8C **[Two](aero_llm_02_two.md)** | x |\n"
	    "<!-- Aero-Footer-End -->\n";
	struct imp_range body[3], nav, foot;
	int nb;
	struct imp_page pg;
	char *n, *f, *k;

	CHECK_INT(imp_split(s, strlen(s), body, &nb, &nav, &foot), 2);
	CHECK_INT(nb, 2);
	CHECK_INT(body[1].start, nav.end);
	CHECK_INT(body[1].end, foot.start);
	CHECK(strncmp(s + body[1].start, "# T\n\nx\n", body[1].end - body[1].start) == 0);
	memset(&pg, 0, sizeof(pg));
	n = xstrndup(s + nav.start, nav.end - nav.start);
	f = xstrndup(s + foot.start, foot.end - foot.start);
	imp_read_nav(&pg, n, f);
	CHECK_STR(pg.module, "Investigating token embeddings");
	CHECK_STR(pg.modkey, "investigating-token-embeddings");
	CHECK_INT(pg.modweight, 11);
	CHECK_INT(pg.nlessons, 2);
	CHECK_STR(pg.lessons[0], "aero_LLM_01_Cosine (advanced) (part 1).md");
	CHECK_STR(pg.origname, "aero_llm_02_two.md");
	k = imp_namekey(pg.lessons[0]);
	CHECK_STR(k, "aero_llm_01_cosine_advanced_part_1");
	free(k);
	free(n);
	free(f);
	free(pg.lessons[0]);
	free(pg.lessons[1]);
	free(pg.lessontitles[0]);
	free(pg.lessontitles[1]);
	free(pg.lessons);
	free(pg.lessontitles);
	free(pg.origname);
	free(pg.module);
	free(pg.modkey);
}

int
main(void)
{
	RUN(test_detect);
	RUN(test_roundtrip);
	RUN(test_lost);
	RUN(test_choose);
	RUN(test_corpus);
	RUN(test_rhyme);
	RUN(test_tex);
	RUN(test_structure);
	RUN(test_nav);
	return test_end("import");
}
