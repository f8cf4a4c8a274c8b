/*
 * tests/unit/test_tokspace.c: token spaces on tiny hand-made ones — a
 * byte-level BPE of 262 ids and a WordPiece of 10, each row i = (i, 1)
 * (or (i, -i)) so that every lookup and mean is checkable by hand: piece
 * display, the display spelt back, #id lookups, words tokenized into
 * pieces, each :pieces: policy, and which pieces count as words.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"
#include "data/tokspace.h"
#include "store/space.h"
#include "tok/tok.h"
#include "util/buf.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

static char tmpdir[] = "/tmp/vecdoc-tokspace.XXXXXX";
static struct tokenizer *bpe, *wp;
static struct space *sbpe, *swp;

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

/* GPT-2's bytes_to_unicode, written out again independently. */
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

/* A space whose row i is (i, sign * i or 1) named by t's pieces. */
static struct space *
token_space(const struct tokenizer *t, int second)
{
	long n = tok_vocab_size(t), i;
	const char **w = xcalloc((size_t)n, sizeof(*w));
	float *m = xcalloc((size_t)n * 2, sizeof(*m));
	struct diag d;
	struct space *s;

	for (i = 0; i < n; i++) {
		w[i] = tok_piece(t, i);
		m[2 * i] = (float)i;
		m[2 * i + 1] = second ? (float)-i : 1.0f;
	}
	s = space_from_rows("toy", "test", w, n, 2, m, &d);
	if (s == NULL) {
		fprintf(stderr, "space: %s\n", d.msg);
		exit(2);
	}
	free(w);
	free(m);
	return s;
}

/* encoder.json: byte b's symbol has id b, then 256 "he", 257 "ll",
 * 258 "hell", 259 "hello", 260 "Ġhello", 261 "lo". */
static void
setup(void)
{
	static const char *const extra[] = { "he", "ll", "hell", "hello",
	    "\xc4\xa0hello", "lo" };
	char buf[16384];
	size_t n = 0, i;
	int b, c;
	struct diag d;
	char *enc, *mer, *voc;

	if (mkdtemp(tmpdir) == NULL)
		exit(2);
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
	for (i = 0; i < sizeof(extra) / sizeof(extra[0]); i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s\"%s\": %zu",
		    i ? ", " : "", extra[i], 256 + i);
	snprintf(buf + n, sizeof(buf) - n, "}\n");
	enc = put("encoder.json", buf);
	mer = put("vocab.bpe", "#version: 0.2\nh e\nl l\nhe ll\nhell o\n"
	    "\xc4\xa0 hello\nl o\n");
	voc = put("vocab.txt", "[PAD]\n[UNK]\n[CLS]\nplay\n##ing\n##ed\nthe\n,\n"
	    "##s\nhello\n");
	bpe = tok_open("bpe", enc, mer, 0, &d);
	wp = tok_open("wordpiece", voc, NULL, 1, &d);
	if (bpe == NULL || wp == NULL) {
		fprintf(stderr, "tokenizers: %s\n", d.msg);
		exit(2);
	}
	sbpe = token_space(bpe, 0);
	swp = token_space(wp, 1);
	free(enc);
	free(mer);
	free(voc);
}

/* The display of piece id i of t (static). */
static const char *
show(const struct tokenizer *t, long i)
{
	static char out[256];
	struct buf b = BUF_INIT;

	tok_piece_display(t, tok_piece(t, i), &b);
	snprintf(out, sizeof(out), "%s", buf_str(&b));
	buf_clear(&b);
	return out;
}

static void
test_display(void)
{
	CHECK_STR(show(bpe, 260), "\xe2\x90\xa3hello");	/* ␣hello */
	CHECK_STR(show(bpe, 32), "\xe2\x90\xa3");	/* Ġ alone */
	CHECK_STR(show(bpe, 10), "\xe2\x86\xb5");	/* Ċ: newline */
	CHECK_STR(show(bpe, 9), "\xe2\x87\xa5");	/* tab */
	CHECK_STR(show(bpe, 0), "<0x00>");
	CHECK_STR(show(bpe, 0xC3), "<0xC3>");	/* half a character */
	CHECK_STR(show(bpe, 'a'), "a");
	CHECK_STR(show(bpe, 259), "hello");
	CHECK_STR(show(wp, 4), "##ing");		/* continuation kept */
	CHECK_STR(show(wp, 2), "[CLS]");
}

static void
test_spell(void)
{
	struct buf b = BUF_INIT;

	tok_piece_spell(bpe, "\xe2\x90\xa3hello", &b);
	CHECK_STR(buf_str(&b), "\xc4\xa0hello");
	buf_reset(&b);
	tok_piece_spell(bpe, "\xe2\x86\xb5<0x00>", &b);
	CHECK_STR(buf_str(&b), "\xc4\x8a\xc4\x80");	/* Ċ Ā */
	buf_reset(&b);
	tok_piece_spell(wp, "##ing", &b);
	CHECK_STR(buf_str(&b), "##ing");
	buf_clear(&b);
}

/* Looks q up; "how:rows" ("id:464", "piece:260", "word:32,256,121")
 * or "error: MSG" (static). */
static const char *
look(const struct space *s, const struct tokenizer *t, const char *q)
{
	static char out[1200];
	static const char *const how[] = { "id", "piece", "word" };
	struct tokspace_hit h;
	struct diag d;
	size_t i, n;

	if (tokspace_lookup(s, t, q, &h, &d) < 0) {
		snprintf(out, sizeof(out), "error: %s", d.msg);
		return out;
	}
	n = (size_t)snprintf(out, sizeof(out), "%s:", how[h.how]);
	for (i = 0; i < h.n; i++)
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%ld",
		    i ? "," : "", h.rows[i]);
	return out;
}

static void
test_lookup_bpe(void)
{
	CHECK_STR(look(sbpe, bpe, "#259"), "id:259");
	CHECK_STR(look(sbpe, bpe, "#0"), "id:0");
	CHECK_STR(look(sbpe, bpe, "#262"),
	    "error: token id #262 is out of range (0 to 261)");
	/* a plain word is the word in running text: after a space */
	CHECK_STR(look(sbpe, bpe, "hello"), "piece:260");
	/* the piece spelt as the vocabulary does, or as displayed */
	CHECK_STR(look(sbpe, bpe, "\xc4\xa0hello"), "piece:260");
	CHECK_STR(look(sbpe, bpe, "\xe2\x90\xa3hello"), "piece:260");
	CHECK_STR(look(sbpe, bpe, "\xe2\x86\xb5"), "piece:10");
	/* " hey" = Ġ + he + y */
	CHECK_STR(look(sbpe, bpe, "hey"), "word:32,256,121");
	CHECK_STR(look(sbpe, bpe, "hello,"), "word:260,44");
}

static void
test_lookup_wordpiece(void)
{
	CHECK_STR(look(swp, wp, "play"), "piece:3");
	CHECK_STR(look(swp, wp, "Play"), "piece:3");	/* uncased */
	CHECK_STR(look(swp, wp, "##ing"), "piece:4");
	CHECK_STR(look(swp, wp, "[CLS]"), "piece:2");
	CHECK_STR(look(swp, wp, "playing"), "word:3,4");
	CHECK_STR(look(swp, wp, "#5"), "id:5");
	CHECK_STR(look(swp, wp, "xyz"),
	    "error: \"xyz\" has a piece the vocabulary lacks ([UNK])");
	CHECK_STR(look(swp, wp, "   "), "error: \"   \" gives no token");
	/* a space that is not this tokenizer's */
	CHECK_STR(look(sbpe, wp, "play"), "error: the space has 262 rows but "
	    "its tokenizer 10 pieces: it is not a token space of that "
	    "tokenizer");
}

static void
test_policies(void)
{
	struct tokspace_hit h;
	struct diag d;
	enum tokspace_pieces p;
	float v[2];
	struct buf b = BUF_INIT;

	CHECK(tokspace_pieces_parse("mean", &p) == 0 && p == TOKSPACE_MEAN);
	CHECK(tokspace_pieces_parse("first", &p) == 0 && p == TOKSPACE_FIRST);
	CHECK(tokspace_pieces_parse("all", &p) == 0 && p == TOKSPACE_ALL);
	CHECK(tokspace_pieces_parse("last", &p) < 0);
	/* playing = play (3, -3) + ##ing (4, -4) */
	CHECK(tokspace_lookup(swp, wp, "playing", &h, &d) == 0);
	tokspace_vector(swp, &h, TOKSPACE_MEAN, v);
	CHECK_NEAR(v[0], 3.5, 0);
	CHECK_NEAR(v[1], -3.5, 0);
	tokspace_vector(swp, &h, TOKSPACE_FIRST, v);
	CHECK_NEAR(v[0], 3, 0);
	CHECK_NEAR(v[1], -3, 0);
	tokspace_vector(swp, &h, TOKSPACE_ALL, v);	/* the first of all */
	CHECK_NEAR(v[0], 3, 0);
	tokspace_describe(swp, wp, &h, &b);
	CHECK_STR(buf_str(&b), "play + ##ing");
	/* hey = Ġ (32) + he (256) + y (121): mean (409/3, 1) */
	CHECK(tokspace_lookup(sbpe, bpe, "hey", &h, &d) == 0);
	tokspace_vector(sbpe, &h, TOKSPACE_MEAN, v);
	CHECK_NEAR(v[0], 409.0 / 3, 1e-4);
	CHECK_NEAR(v[1], 1, 0);
	buf_reset(&b);
	tokspace_describe(sbpe, bpe, &h, &b);
	CHECK_STR(buf_str(&b), "\xe2\x90\xa3 + he + y");
	/* one piece: every policy gives its row */
	CHECK(tokspace_lookup(sbpe, bpe, "hello", &h, &d) == 0);
	tokspace_vector(sbpe, &h, TOKSPACE_MEAN, v);
	CHECK_NEAR(v[0], 260, 0);
	buf_clear(&b);
}

static void
test_filter(void)
{
	CHECK(tok_piece_is_word(bpe, tok_piece(bpe, 260)));	/* Ġhello */
	CHECK(tok_piece_is_word(bpe, tok_piece(bpe, 259)));	/* hello */
	CHECK(!tok_piece_is_word(bpe, tok_piece(bpe, 32)));	/* Ġ */
	CHECK(!tok_piece_is_word(bpe, tok_piece(bpe, 10)));	/* Ċ */
	CHECK(!tok_piece_is_word(bpe, tok_piece(bpe, ',')));
	CHECK(!tok_piece_is_word(bpe, tok_piece(bpe, '7')));
	CHECK(!tok_piece_is_word(bpe, tok_piece(bpe, 0xC3)));	/* a byte */
	CHECK(tok_piece_is_word(wp, "play"));
	CHECK(tok_piece_is_word(wp, "don't"));
	CHECK(!tok_piece_is_word(wp, "##ing"));
	CHECK(!tok_piece_is_word(wp, "[CLS]"));
	CHECK(!tok_piece_is_word(wp, ","));
	CHECK(!tok_piece_is_word(wp, "-"));
	CHECK(!tok_piece_is_word(wp, "play-"));
}

int
main(void)
{
	int rc;

	setup();
	RUN(test_display);
	RUN(test_spell);
	RUN(test_lookup_bpe);
	RUN(test_lookup_wordpiece);
	RUN(test_policies);
	RUN(test_filter);
	rc = test_end("tokspace");
	space_free(sbpe);
	space_free(swp);
	tok_free(bpe);
	tok_free(wp);
	{
		static const char *const f[] = { "encoder.json", "vocab.bpe",
		    "vocab.txt", NULL };
		size_t i;

		for (i = 0; f[i]; i++) {
			char *p = fs_join(tmpdir, f[i]);

			unlink(p);
			free(p);
		}
		rmdir(tmpdir);
	}
	return rc;
}
