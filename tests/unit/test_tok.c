/*
 * tests/unit/test_tok.c: the tokenizers on tiny vocabularies written here
 * (a dozen WordPiece lines, a byte alphabet plus a few merges), with
 * every id and byte offset worked out by hand, and their diagnostics.
 * Writes only below a temporary directory it removes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"
#include "guard.h"
#include "tok/tok.h"
#include "tok/tokint.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

static char tmpdir[] = "/tmp/vecdoc-test-tok.XXXXXX";

/* tmpdir/name with the given contents; returns the path (heap). */
static char *
put(const char *name, const char *text)
{
	char *p = fs_join(tmpdir, name);
	struct diag d;

	if (fs_write(p, text, strlen(text), &d) != 0) {
		fprintf(stderr, "cannot write %s\n", p);
		exit(2);
	}
	return p;
}

/* Tokens of s as "id:piece:start-end" joined by spaces (static). */
static const char *
toks(const struct tokenizer *t, const char *s)
{
	static char out[8192];
	struct toklist l;
	struct diag d;
	size_t i, n = 0;

	struct guard g;
	int rc;

	/* Unterminated, before a guard page; the ranges keep the invariant
	 * (checked here too, not only by tok_encode itself). */
	toklist_init(&l);
	rc = tok_encode(t, guard_put(&g, s, strlen(s)), strlen(s), &l, &d);
	guard_free(&g);
	if (rc != 0) {
		snprintf(out, sizeof(out), "error: %s", d.msg);
		toklist_free(&l);
		return out;
	}
	CHECK(toklist_check(&l, 0, strlen(s), &n) == 0);
	n = 0;
	out[0] = '\0';
	for (i = 0; i < l.n && n < sizeof(out) - 200; i++)
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%ld:%s:%zu-%zu%s",
		    i ? " " : "", l.v[i].id, l.v[i].piece, l.v[i].start,
		    l.v[i].end, l.v[i].unk ? "!" : "");
	toklist_free(&l);
	return out;
}

/* Pre-tokens as "piece:start-end" (static). */
static const char *
pretoks(const struct tokenizer *t, const char *s)
{
	static char out[4096];
	struct toklist l;
	struct diag d;
	size_t i, n = 0;

	struct guard g;
	int rc;

	toklist_init(&l);
	rc = tok_pretokenize(t, guard_put(&g, s, strlen(s)), strlen(s), &l,
	    &d);
	guard_free(&g);
	if (rc != 0) {
		snprintf(out, sizeof(out), "error: %s", d.msg);
		toklist_free(&l);
		return out;
	}
	CHECK(toklist_check(&l, 0, strlen(s), &n) == 0);
	n = 0;
	out[0] = '\0';
	for (i = 0; i < l.n && n < sizeof(out) - 200; i++)
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%s:%zu-%zu",
		    i ? " " : "", l.v[i].piece, l.v[i].start, l.v[i].end);
	toklist_free(&l);
	return out;
}

/* The message of a failed tok_open, formatted as main.c prints it. */
static const char *
open_err(const char *kind, const char *vocab, const char *merges)
{
	static char out[2048];
	struct tokenizer *t;
	struct diag d;

	memset(&d, 0, sizeof(d));
	if ((t = tok_open(kind, vocab, merges, 1, &d)) != NULL) {
		tok_free(t);
		return "(opened)";
	}
	diag_format(&d, out, sizeof(out));
	return out;
}

/* ---- WordPiece -------------------------------------------------------- */

/* Line k is id k. */
static const char wp_vocab[] =
	"[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\n"	/* 0-4 */
	"un\n##aff\n##able\n"			/* 5-7 */
	"the\n!\n"				/* 8-9 */
	"caf\n##e\n"				/* 10-11 */
	"a\n##a\n"				/* 12-13 */
	"The\n"					/* 14 */
	"中\n"					/* 15 */
	",\n"					/* 16 */
	"\xe1\xab\x84\n##\xe1\xab\x86\n";		/* 17-18: U+1AC4, ##U+1AC6 */

static char *wp_path;

static struct tokenizer *
wp_open(int lowercase)
{
	struct diag d;
	struct tokenizer *t = tok_open("wordpiece", wp_path, NULL, lowercase,
	    &d);

	if (t == NULL) {
		fprintf(stderr, "wordpiece: %s\n", d.msg);
		exit(2);
	}
	return t;
}

static void
test_wp_vocab(void)
{
	struct tokenizer *t = wp_open(1);

	CHECK(tok_kind(t) == TOK_WORDPIECE);
	CHECK_INT(tok_vocab_size(t), 19);
	CHECK_STR(tok_piece(t, 8), "the");
	CHECK_STR(tok_piece(t, 6), "##aff");
	CHECK(tok_piece(t, 19) == NULL);
	CHECK(tok_piece(t, -1) == NULL);
	CHECK_INT(tok_id(t, "[CLS]"), 2);
	CHECK_INT(tok_id(t, "[SEP]"), 3);
	CHECK_INT(tok_id(t, "nope"), -1);
	tok_free(t);
}

static void
test_wp_greedy(void)
{
	struct tokenizer *t = wp_open(1);

	/* Longest match first, "##" continuations, byte offsets. */
	CHECK_STR(toks(t, "unaffable"),
	    "5:un:0-2 6:##aff:2-5 7:##able:5-9");
	CHECK_STR(toks(t, "The unaffable!"),
	    "8:the:0-3 5:un:4-6 6:##aff:6-9 7:##able:9-13 9:!:13-14");
	/* No piece for "x": the whole word is one [UNK]. */
	CHECK_STR(toks(t, "xyz"), "1:[UNK]:0-3!");
	CHECK_STR(toks(t, "unx the"), "1:[UNK]:0-3! 8:the:4-7");
	CHECK_STR(toks(t, ""), "");
	CHECK_STR(toks(t, " \t\n"), "");
	tok_free(t);
}

static void
test_wp_accents(void)
{
	struct tokenizer *t = wp_open(1);

	/* é (2 bytes) -> e: "##e" spans both bytes of the original. */
	CHECK_STR(toks(t, "café"), "10:caf:0-3 11:##e:3-5");
	CHECK_STR(toks(t, "CAFÉ"), "10:caf:0-3 11:##e:3-5");
	/* Decomposed input: the stripped U+0301 (bytes 4-5) is covered by
	 * no token, as in Hugging Face's offsets. */
	CHECK_STR(toks(t, "cafe\xcc\x81"), "10:caf:0-3 11:##e:3-4");
	/* Cased: nothing is lowercased or stripped. */
	tok_free(t);
	t = wp_open(0);
	CHECK_STR(toks(t, "The café"), "14:The:0-3 1:[UNK]:4-9!");
	CHECK_STR(toks(t, "the"), "8:the:0-3");
	tok_free(t);
}

static void
test_wp_clean(void)
{
	struct tokenizer *t = wp_open(1);

	/* Control and format characters go; whitespace of every kind
	 * separates; U+FFFD goes too. */
	CHECK_STR(toks(t, "the\x01!"), "8:the:0-3 9:!:4-5");
	CHECK_STR(toks(t, "\xe2\x80\x8bthe"), "8:the:3-6");	/* ZWSP */
	CHECK_STR(toks(t, "th\xef\xbf\xbd" "e"), "8:the:0-6");
	CHECK_STR(toks(t, "\tthe\xc2\xa0the\xe3\x80\x80the\n"),
	    "8:the:1-4 8:the:6-9 8:the:12-15");
	/* \v and \f are controls (removed), not spaces, in BERT. */
	CHECK_STR(toks(t, "th\x0b" "e"), "8:the:0-4");
	/* Issue 18: with the control gone, U+1AC6 (class 230) and U+1AC4
	 * (220) meet and swap; both cover the bytes of both (0-7), never an
	 * inverted 4-3, whether one piece or two hold them. */
	CHECK_STR(toks(t, "\xe1\xab\x86\x1f\xe1\xab\x84"),
	    "17:\xe1\xab\x84:0-7 18:##\xe1\xab\x86:0-7");
	CHECK_STR(pretoks(t, "\xe1\xab\x86\x1f\xe1\xab\x84"),
	    "\xe1\xab\x84\xe1\xab\x86:0-7");
	CHECK_STR(toks(t, "x\xe1\xab\x86\x1f\xe1\xab\x84 the"),
	    "1:[UNK]:0-8! 8:the:9-12");
	tok_free(t);
}

/* toklist_check itself, on hand-made lists. */
static void
test_toklist_check(void)
{
	struct toklist l;
	size_t bad = 99;

	toklist_init(&l);
	toklist_push(&l, 1, "a", 1, 0, 2, 0);
	toklist_push(&l, 2, "b", 1, 2, 2, 0);
	CHECK_INT(toklist_check(&l, 0, 2, &bad), 0);
	CHECK_INT(toklist_check(&l, 0, 1, &bad), -1);	/* end > len */
	CHECK_INT(bad, 0);
	toklist_push(&l, 3, "c", 1, 4, 3, 0);		/* start > end */
	CHECK_INT(toklist_check(&l, 0, 9, &bad), -1);
	CHECK_INT(bad, 2);
	l.v[2].start = 1;				/* start goes back */
	CHECK_INT(toklist_check(&l, 0, 9, &bad), -1);
	CHECK_INT(bad, 2);
	CHECK_INT(toklist_check(&l, 2, 9, &bad), 0);	/* from token 2 on */
	toklist_free(&l);
}

static void
test_wp_punct_cjk(void)
{
	struct tokenizer *t = wp_open(1);

	/* Every punctuation character is a word; ASCII symbols count. */
	CHECK_STR(toks(t, "the,the!!"),
	    "8:the:0-3 16:,:3-4 8:the:4-7 9:!:7-8 9:!:8-9");
	CHECK_STR(toks(t, "the$"), "8:the:0-3 1:[UNK]:3-4!");
	/* A CJK ideograph is spaced off; kana are not. */
	CHECK_STR(toks(t, "the中the"), "8:the:0-3 15:中:3-6 8:the:6-9");
	CHECK_STR(toks(t, "theかthe"), "1:[UNK]:0-9!");
	CHECK_STR(pretoks(t, "Héllo, 中x"),
	    "hello:0-6 ,:6-7 中:8-11 x:11-12");
	tok_free(t);
}

static void
test_wp_specials(void)
{
	struct tokenizer *t = wp_open(1);

	/* Special tokens are cut out before normalisation, case-sensitive. */
	CHECK_STR(toks(t, "[MASK]the"), "4:[MASK]:0-6 8:the:6-9");
	CHECK_STR(toks(t, "the[SEP][CLS]"), "8:the:0-3 3:[SEP]:3-8 2:[CLS]:8-13");
	CHECK_STR(toks(t, "[UNK]"), "1:[UNK]:0-5!");
	CHECK_STR(toks(t, "[mask]"),
	    "1:[UNK]:0-1! 1:[UNK]:1-5! 1:[UNK]:5-6!");
	tok_free(t);
}

static void
test_wp_long(void)
{
	struct tokenizer *t = wp_open(1);
	char w[256], want[4096];
	size_t n = 0, i;

	/* 100 code points: a ##a ##a ...; 101: one [UNK]. */
	memset(w, 'a', 100);
	w[100] = '\0';
	n += (size_t)snprintf(want + n, sizeof(want) - n, "12:a:0-1");
	for (i = 1; i < 100; i++)
		n += (size_t)snprintf(want + n, sizeof(want) - n,
		    " 13:##a:%zu-%zu", i, i + 1);
	CHECK_STR(toks(t, w), want);
	memset(w, 'a', 101);
	w[101] = '\0';
	CHECK_STR(toks(t, w), "1:[UNK]:0-101!");
	/* The limit counts code points of the normalised word, not bytes:
	 * "a" and 99 "á" (199 bytes) are 100 code points, "a" ##a... */
	w[0] = 'a';
	for (i = 0; i < 99; i++)
		memcpy(w + 1 + 2 * i, "\xc3\xa1", 2);
	w[199] = '\0';
	n = (size_t)snprintf(want, sizeof(want), "12:a:0-1");
	for (i = 0; i < 99; i++)
		n += (size_t)snprintf(want + n, sizeof(want) - n,
		    " 13:##a:%zu-%zu", 1 + 2 * i, 3 + 2 * i);
	CHECK_STR(toks(t, w), want);
	memcpy(w + 199, "\xc3\xa1", 3);
	CHECK_STR(toks(t, w), "1:[UNK]:0-201!");
	tok_free(t);
}

static void
test_wp_bad(void)
{
	char *p;

	p = put("empty-line.txt", "[UNK]\nthe\n\nend\n");
	CHECK(strstr(open_err("wordpiece", p, NULL),
	    "empty-line.txt:3: error: empty line (a WordPiece vocabulary has "
	    "one token per line)") != NULL);
	free(p);
	p = put("glove.txt", "the 0.418 0.24968\n");
	CHECK(strstr(open_err("wordpiece", p, NULL),
	    "glove.txt:1:4: error: token contains whitespace: not a WordPiece "
	    "vocabulary (one token per line)") != NULL);
	free(p);
	p = put("nounk.txt", "the\na\n");
	CHECK(strstr(open_err("wordpiece", p, NULL),
	    "nounk.txt: error: no [UNK] token in the vocabulary") != NULL);
	free(p);
	p = put("latin1.txt", "[UNK]\ncaf\xe9\n");
	CHECK(strstr(open_err("wordpiece", p, NULL),
	    "latin1.txt:2:4: error: invalid UTF-8 in token") != NULL);
	free(p);
	CHECK(strstr(open_err("wordpiece", "/nonexistent/vocab.txt", NULL),
	    "/nonexistent/vocab.txt: error: cannot open: No such file or "
	    "directory") != NULL);
	/* CRLF line ends and a missing final newline are fine; a later
	 * duplicate takes the lookup, the earlier id keeps its piece. */
	p = put("crlf.txt", "[UNK]\r\nthe\r\nthe\r\nend");
	{
		struct diag d;
		struct tokenizer *t = tok_open("wordpiece", p, NULL, 1, &d);

		CHECK(t != NULL);
		if (t != NULL) {
			CHECK_INT(tok_vocab_size(t), 4);
			CHECK_STR(tok_piece(t, 1), "the");
			CHECK_STR(tok_piece(t, 3), "end");
			CHECK_STR(toks(t, "the end"), "2:the:0-3 3:end:4-7");
			tok_free(t);
		}
	}
	free(p);
}

/* ---- GPT-2 BPE -------------------------------------------------------- */

static char *bpe_enc, *bpe_merges;

/* GPT-2's bytes_to_unicode: the symbol standing for byte b. */
static int
byte_char(int b)
{
	int k, n = 0;

	if ((b >= 33 && b <= 126) || (b >= 161 && b <= 172) ||
	    (b >= 174 && b <= 255))
		return b;
	for (k = 0; k < b; k++)
		if (!((k >= 33 && k <= 126) || (k >= 161 && k <= 172) ||
		    (k >= 174 && k <= 255)))
			n++;
	return 256 + n;
}

/* encoder.json: byte b's symbol has id b; then the merged pieces. */
static void
bpe_files(void)
{
	static const char *const extra[] = {
		"he", "ll", "hell", "hello", "\xc4\xa0w", "aa",	/* 256-261 */
		"\",", ",\"", "\",\"",				/* 262-264 */
		"\xc4\xa0\xc3\x83", "\xc4\xa0\xc3\x83\xc2\xa9"	/* 265-266 */
	};
	char buf[16384];
	size_t n = 0, i;
	int b, c;

	n += (size_t)snprintf(buf + n, sizeof(buf) - n, "{");
	for (b = 0; b < 256; b++) {
		c = byte_char(b);
		if (c == '"' || c == '\\')
			n += (size_t)snprintf(buf + n, sizeof(buf) - n,
			    "\"\\%c\": %d, ", c, b);
		else if (c < 128)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n,
			    "\"%c\": %d, ", c, b);
		else
			n += (size_t)snprintf(buf + n, sizeof(buf) - n,
			    "\"%c%c\": %d, ", 0xC0 | c >> 6, 0x80 | (c & 63), b);
	}
	for (i = 0; i < sizeof(extra) / sizeof(extra[0]); i++) {
		const char *p;

		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s\"",
		    i ? ", " : "");
		for (p = extra[i]; *p; p++)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%c",
			    *p == '"' ? "\\" : "", *p);
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "\": %zu",
		    256 + i);
	}
	snprintf(buf + n, sizeof(buf) - n, "}\n");
	bpe_enc = put("encoder.json", buf);
	/* Rank = line - 2. "\" ,\"" spells the key "\",,\"" that the pair
	 * ("\",", "\"") also spells in JavaScript. */
	bpe_merges = put("vocab.bpe", "#version: 0.2\n"
	    "h e\nl l\nhe ll\nhell o\n\xc4\xa0 w\na a\n\" ,\n\" ,\"\n"
	    "\xc4\xa0 \xc3\x83\n\xc4\xa0\xc3\x83 \xc2\xa9\n");
}

static struct tokenizer *
bpe_open_toy(void)
{
	struct diag d;
	struct tokenizer *t = tok_open("bpe", bpe_enc, bpe_merges, 0, &d);

	if (t == NULL) {
		fprintf(stderr, "bpe: %s\n", d.msg);
		exit(2);
	}
	return t;
}

static void
test_bpe_merges(void)
{
	struct tokenizer *t = bpe_open_toy();

	CHECK(tok_kind(t) == TOK_BPE);
	CHECK_INT(tok_vocab_size(t), 267);
	CHECK_STR(tok_piece(t, 65), "A");		/* byte 0x41 */
	CHECK_STR(tok_piece(t, 32), "\xc4\xa0");	/* space: U+0120 */
	CHECK_STR(tok_piece(t, 0), "\xc4\x80");	/* NUL: U+0100 */
	CHECK_STR(tok_piece(t, 259), "hello");
	CHECK_INT(tok_id(t, "\xc4\xa0w"), 260);
	/* h e -> he, l l -> ll, he ll -> hell, hell o -> hello; " world"
	 * has only the rule Ġ w. */
	CHECK_STR(toks(t, "hello world"),
	    "259:hello:0-5 260:\xc4\xa0w:5-7 111:o:7-8 114:r:8-9 "
	    "108:l:9-10 100:d:10-11");
	/* All occurrences in one sweep, left to right. */
	CHECK_STR(toks(t, "aaa"), "261:aa:0-2 97:a:2-3");
	CHECK_STR(toks(t, "aaaaa"), "261:aa:0-2 261:aa:2-4 97:a:4-5");
	/* The JavaScript key "left,right": ("\",", "\"") ranks as
	 * ("\"", ",\"") and merges into "\",\"" (OpenAI's Python would stop
	 * at two tokens). */
	CHECK_STR(toks(t, "\",\""), "264:\",\":0-3");
	CHECK_STR(toks(t, "\",\",\""), "262:\",:0-2 264:\",\":2-5");
	tok_free(t);
}

static void
test_bpe_bytes(void)
{
	struct tokenizer *t = bpe_open_toy();

	/* Bytes of one character may be separate tokens with their own
	 * one-byte ranges; " é" merges across the character boundary. */
	CHECK_STR(toks(t, "\xc3\xa9"), "195:\xc3\x83:0-1 169:\xc2\xa9:1-2");
	CHECK_STR(toks(t, "a \xc3\xa9"),
	    "97:a:0-1 266:\xc4\xa0\xc3\x83\xc2\xa9:1-4");
	CHECK_STR(toks(t, "\xf0\x9f\x98\x80"),
	    "240:\xc3\xb0:0-1 159:\xc5\x81:1-2 152:\xc4\xba:2-3 "
	    "128:\xc4\xa2:3-4");
	CHECK_STR(toks(t, "\n"), "10:\xc4\x8a:0-1");
	CHECK_STR(toks(t, ""), "");
	tok_free(t);
}

static void
test_bpe_regex(void)
{
	struct tokenizer *t = bpe_open_toy();

	/* Contractions (case-sensitive), " ?" = one ASCII space, a space
	 * run gives its last space to the next word, digits stay whole. */
	CHECK_STR(pretoks(t, "it's I'M"), "it:0-2 's:2-4  I:4-6 ':6-7 M:7-8");
	CHECK_STR(pretoks(t, "a  b"), "a:0-1  :1-2  b:2-4");
	CHECK_STR(pretoks(t, "x 123456 y"), "x:0-1  123456:1-8  y:8-10");
	CHECK_STR(pretoks(t, "a?! b"), "a:0-1 ?!:1-3  b:3-5");
	CHECK_STR(pretoks(t, "a \n\nb"), "a:0-1  \n:1-3 \n:3-4 b:4-5");
	CHECK_STR(pretoks(t, "end  "), "end:0-3   :3-5");
	/* JavaScript's \s: U+FEFF is a space, U+0085 is not. */
	CHECK_STR(pretoks(t, "a\xef\xbb\xbf" "b"), "a:0-1 \xef\xbb\xbf:1-4 b:4-5");
	CHECK_STR(pretoks(t, "a\xc2\x85" "b"), "a:0-1 \xc2\x85:1-3 b:3-4");
	/* A letter PCRE2 10.42 does not know (U+31350, CJK ext. H, Unicode
	 * 15) joins the letters around it, as in node. */
	CHECK_STR(pretoks(t, "a\xf0\xb1\x8d\x90" "b"), "a\xf0\xb1\x8d\x90" "b:0-6");
	tok_free(t);
}

static void
test_bpe_bad(void)
{
	char *e, *m;

	e = put("bad.json", "{\"a\": 0,\n \"b\" 1}\n");
	CHECK(strstr(open_err("bpe", e, bpe_merges),
	    "bad.json:2:6: error: bad JSON: ':' expected near '1'") != NULL);
	free(e);
	e = put("notbyte.json", "{\"a\": 0, \"b\": 1}");
	CHECK(strstr(open_err("bpe", e, bpe_merges),
	    "notbyte.json: error: no token for byte 0x00 (\"\xc4\x80\"): not a "
	    "byte-level BPE vocabulary") != NULL);
	free(e);
	e = put("strid.json", "{\"a\": \"0\"}");
	CHECK(strstr(open_err("bpe", e, bpe_merges),
	    "strid.json: error: token \"a\": id must be an integer in [0, 1)")
	    != NULL);
	free(e);
	m = put("bad.bpe", "#version: 0.2\nh e\nl l x\n");
	CHECK(strstr(open_err("bpe", bpe_enc, m),
	    "bad.bpe:3: error: expected a merge rule: two symbols separated by "
	    "a space") != NULL);
	free(m);
	m = put("oov.bpe", "#version: 0.2\nh e\nq z\n");
	CHECK(strstr(open_err("bpe", bpe_enc, m),
	    "oov.bpe:3: error: \"qz\" is not in the vocabulary") != NULL);
	free(m);
	CHECK(strstr(open_err("bpe", bpe_enc, NULL),
	    "bpe needs two files") != NULL);
}

/* ---- word ------------------------------------------------------------- */

static struct tokenizer *
word_open(int lowercase)
{
	struct diag d;
	struct tokenizer *t = tok_open("word", NULL, NULL, lowercase, &d);

	if (t == NULL) {
		fprintf(stderr, "word: %s\n", d.msg);
		exit(2);
	}
	return t;
}

static void
test_word(void)
{
	struct tokenizer *t = word_open(1);

	CHECK(tok_kind(t) == TOK_WORD);
	CHECK_INT(tok_vocab_size(t), 0);
	CHECK_STR(toks(t, "Don't stop."),
	    "-1:do:0-2 -1:n't:2-5 -1:stop:6-10 -1:.:10-11");
	CHECK_STR(toks(t, "the cat's well-known hat"),
	    "-1:the:0-3 -1:cat:4-7 -1:'s:7-9 -1:well:10-14 -1:-:14-15 "
	    "-1:known:15-20 -1:hat:21-24");
	CHECK_STR(toks(t, "CAN'T they're I'm we'll you've he'd"),
	    "-1:ca:0-2 -1:n't:2-5 -1:they:6-10 -1:'re:10-13 -1:i:14-15 "
	    "-1:'m:15-17 -1:we:18-20 -1:'ll:20-23 -1:you:24-27 -1:'ve:27-30 "
	    "-1:he:31-33 -1:'d:33-35");
	/* A clitic on its own is one token; other leading apostrophes
	 * are punctuation. */
	CHECK_STR(toks(t, "the cat 's, 'tis \xe2\x80\x99ll"),
	    "-1:the:0-3 -1:cat:4-7 -1:'s:8-10 -1:,:10-11 -1:':12-13 "
	    "-1:tis:13-16 -1:'ll:17-22");
	/* U+2019 is written "'" */
	CHECK_STR(toks(t, "it\xe2\x80\x99s"), "-1:it:0-2 -1:'s:2-6");
	CHECK_STR(toks(t, "o'clock dogs' rock'n'roll"),
	    "-1:o'clock:0-7 -1:dogs:8-12 -1:':12-13 -1:rock'n'roll:14-25");
	/* Numbers stay whole; a trailing period does not stick. */
	CHECK_STR(toks(t, "3.14 and 1,000,000 at 10:30, 1/2."),
	    "-1:3.14:0-4 -1:and:5-8 -1:1,000,000:9-18 -1:at:19-21 "
	    "-1:10:30:22-27 -1:,:27-28 -1:1/2:29-32 -1:.:32-33");
	CHECK_STR(toks(t, "the 1990s, 3rd"),
	    "-1:the:0-3 -1:1990s:4-9 -1:,:9-10 -1:3rd:11-14");
	/* Abbreviations. */
	CHECK_STR(toks(t, "the U.S. and e.g. Mr. Smith. A. B"),
	    "-1:the:0-3 -1:u.s.:4-8 -1:and:9-12 -1:e.g.:13-17 -1:mr.:18-21 "
	    "-1:smith:22-27 -1:.:27-28 -1:a:29-30 -1:.:30-31 -1:b:32-33");
	/* Punctuation: one token each, a repeated ASCII mark is one. */
	CHECK_STR(toks(t, "wait... what?! (yes)--no"),
	    "-1:wait:0-4 -1:...:4-7 -1:what:8-12 -1:?:12-13 -1:!:13-14 "
	    "-1:(:15-16 -1:yes:16-19 -1:):19-20 -1:--:20-22 -1:no:22-24");
	tok_free(t);
}

static void
test_word_unicode(void)
{
	struct tokenizer *t = word_open(1);

	/* NFC: e + U+0301 becomes é (2 bytes) spanning 3 original bytes. */
	CHECK_STR(toks(t, "Cafe\xcc\x81 NGƯỜI"),
	    "-1:caf\xc3\xa9:0-6 -1:ng\xc6\xb0\xe1\xbb\x9di:7-15");
	/* An emoji ZWJ sequence is one grapheme cluster, one token. */
	CHECK_STR(toks(t, "hi \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb!"),
	    "-1:hi:0-2 -1:\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb:3-14 "
	    "-1:!:14-15");
	/* A soft hyphen inside a word is left out of its spelling. */
	CHECK_STR(toks(t, "co\xc2\xadop"), "-1:coop:0-6");
	/* ß stays ß (lowercase, not case folding). */
	CHECK_STR(toks(t, "STRAẞE Straße"),
	    "-1:stra\xc3\x9f" "e:0-8 -1:stra\xc3\x9f" "e:9-16");
	tok_free(t);
	t = word_open(0);
	CHECK_STR(toks(t, "The U.S. Don't"),
	    "-1:The:0-3 -1:U.S.:4-8 -1:Do:9-11 -1:n't:11-14");
	tok_free(t);
}

/* ---- common ----------------------------------------------------------- */

static void
test_open_errors(void)
{
	CHECK_STR(open_err("wordpeice", "x", NULL),
	    "error: unknown tokenizer kind \"wordpeice\" (did you mean "
	    "\"wordpiece\"?)");
	CHECK_STR(open_err("sentencepiece", "x", NULL),
	    "error: unknown tokenizer kind \"sentencepiece\" (known: word, "
	    "wordpiece, bpe)");
	CHECK_STR(open_err("wordpiece", NULL, NULL),
	    "error: wordpiece needs a vocabulary (vocab.txt)");
	CHECK_STR(open_err("word", "x", NULL),
	    "error: the word tokenizer takes no vocabulary or merges file");
}

static void
test_invalid_utf8(void)
{
	struct tokenizer *t = word_open(1);
	struct toklist l;
	struct diag d;

	toklist_init(&l);
	CHECK_INT(tok_encode(t, "ok \xff", 4, &l, &d), -1);
	CHECK_STR(d.msg, "invalid UTF-8 at byte 3 (0xff)");
	CHECK_INT(d.offset, 3);
	CHECK_INT(l.n, 0);
	/* A surrogate encoded in UTF-8 and an overlong form are invalid. */
	CHECK_INT(tok_encode(t, "a\xed\xa0\x80", 4, &l, &d), -1);
	CHECK_INT(d.offset, 1);
	CHECK_INT(tok_encode(t, "\xc0\xaf", 2, &l, &d), -1);
	CHECK_INT(d.offset, 0);
	/* Appending: a second text adds to the list. */
	CHECK_INT(tok_encode(t, "a b", 3, &l, &d), 0);
	CHECK_INT(tok_encode(t, "c", 1, &l, &d), 0);
	CHECK_INT(l.n, 3);
	CHECK_STR(l.v[2].piece, "c");
	CHECK_STR(l.v[0].piece, "a");
	toklist_free(&l);
	tok_free(t);
}

static void
test_toklist_growth(void)
{
	struct tokenizer *t = word_open(1);
	struct toklist l;
	struct diag d;
	char *s = xmalloc(30001);
	size_t i;

	/* Enough tokens to move the piece pool many times. */
	for (i = 0; i < 30000; i++)
		s[i] = i % 3 == 2 ? ' ' : (char)('a' + i % 26);
	s[30000] = '\0';
	toklist_init(&l);
	CHECK_INT(tok_encode(t, s, 30000, &l, &d), 0);
	CHECK_INT(l.n, 10000);
	CHECK(strlen(l.v[9999].piece) == 2);
	CHECK_INT(l.v[9999].start, 29997);
	CHECK(memcmp(l.v[9999].piece, s + 29997, 2) == 0);
	CHECK(memcmp(l.v[0].piece, s, 2) == 0);
	toklist_free(&l);
	free(s);
	tok_free(t);
}

int
main(void)
{
	int rc;

	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	wp_path = put("vocab.txt", wp_vocab);
	bpe_files();
	RUN(test_wp_vocab);
	RUN(test_wp_greedy);
	RUN(test_wp_accents);
	RUN(test_wp_clean);
	RUN(test_wp_punct_cjk);
	RUN(test_wp_specials);
	RUN(test_wp_long);
	RUN(test_wp_bad);
	RUN(test_bpe_merges);
	RUN(test_bpe_bytes);
	RUN(test_bpe_regex);
	RUN(test_bpe_bad);
	RUN(test_word);
	RUN(test_word_unicode);
	RUN(test_open_errors);
	RUN(test_invalid_utf8);
	RUN(test_toklist_growth);
	RUN(test_toklist_check);
	rc = test_end("test_tok");
	fs_rmtree(tmpdir);
	free(wp_path);
	free(bpe_enc);
	free(bpe_merges);
	return rc;
}
