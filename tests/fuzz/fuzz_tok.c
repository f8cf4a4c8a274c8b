/*
 * tests/fuzz/fuzz_tok: libFuzzer target for the three tokenizers on
 * text: the first byte picks word (lowercased or cased), WordPiece
 * (uncased or cased) or GPT-2 BPE, and encoding or pre-tokenizing; the
 * rest is the text, in an exact-size allocation. Uses the real BERT and
 * GPT-2 files from $VECDOC_SHARED/data when present, else the small ones
 * of tokfiles.h. Must never crash or read past the text; every token
 * keeps 0 <= start <= end <= len, in order (toklist_check); invalid
 * UTF-8 is refused with its byte offset inside the text.
 */
#include "fuzz.h"
#include "tokfiles.h"
#include "tok/tok.h"
#include "util/diag.h"

static struct tokenizer *tk[5];

static void
open_all(void)
{
	struct buf enc = BUF_INIT, mer = BUF_INIT;
	char *vocab = fuzz_shared("bert-base-uncased-vocab.txt");
	char *encp = fuzz_shared("gpt2-encoder.json");
	char *merp = fuzz_shared("gpt2-vocab.bpe");
	const char *v, *e, *m;
	struct diag d;
	int k;

	v = vocab ? vocab : fuzz_file(0, tf_vocab, sizeof(tf_vocab) - 1);
	tf_bpe(&enc, &mer);
	e = encp && merp ? encp : fuzz_file(1, enc.data, enc.len);
	m = encp && merp ? merp : fuzz_file(2, mer.data, mer.len);
	tk[0] = tok_open("word", NULL, NULL, 1, &d);
	tk[1] = tok_open("word", NULL, NULL, 0, &d);
	tk[2] = tok_open("wordpiece", v, NULL, 1, &d);
	tk[3] = tok_open("wordpiece", v, NULL, 0, &d);
	tk[4] = tok_open("bpe", e, m, 1, &d);
	for (k = 0; k < 5; k++)
		if (tk[k] == NULL) {
			fprintf(stderr, "fuzz_tok: tokenizer %d: %s\n", k, d.msg);
			abort();
		}
	buf_clear(&enc);
	buf_clear(&mer);
	free(vocab);
	free(encp);
	free(merp);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct toklist l;
	struct diag d;
	char *text;
	size_t bad;
	int k, rc;

	if (size < 1 || size > 16384)
		return 0;
	if (tk[0] == NULL)
		open_all();
	k = data[0] % 5;
	text = fuzz_copy(data + 1, size - 1);
	toklist_init(&l);
	memset(&d, 0, sizeof(d));
	rc = (data[0] & 0x80 ? tok_pretokenize : tok_encode)(tk[k], text,
	    size - 1, &l, &d);
	if (rc == 0 && toklist_check(&l, 0, size - 1, &bad) != 0)
		__builtin_trap();
	if (rc != 0 && (d.offset < 0 || (size_t)d.offset >= size - 1))
		__builtin_trap();
	toklist_free(&l);
	free(text);
	return 0;
}
