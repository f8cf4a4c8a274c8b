/*
 * tests/fuzz/fuzz_tok_vocab: libFuzzer target for the tokenizers'
 * files: the first byte picks which file the rest is — a WordPiece
 * vocab.txt, a GPT-2 encoder.json (with the small merges of tokfiles.h)
 * or a vocab.bpe merges file (with its encoder.json) — given by file
 * name (a memfd). A file that opens then tokenizes a fixed text. Must
 * never crash or leak; a refused file says why.
 */
#include "fuzz.h"
#include "tokfiles.h"
#include "tok/tok.h"
#include "util/diag.h"

static const char sample[] = "The unaffable caf\xc3\xa9, hello world! "
	"Vi\xe1\xbb\x87t Nam \xe4\xb8\xad 42 don't \xe1\xab\x86\x1f\xe1\xab\x84";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct buf enc = BUF_INIT, mer = BUF_INIT;
	struct tokenizer *t;
	struct toklist l;
	struct diag d;
	const char *f;
	size_t bad;

	if (size < 1 || size > 65536)
		return 0;
	if (enc.len == 0)
		tf_bpe(&enc, &mer);
	f = fuzz_file(0, data + 1, size - 1);
	memset(&d, 0, sizeof(d));
	switch (data[0] % 3) {
	case 0:
		t = tok_open("wordpiece", f, NULL, data[0] & 0x80 ? 0 : 1, &d);
		break;
	case 1:
		t = tok_open("bpe", f, fuzz_file(1, mer.data, mer.len), 1, &d);
		break;
	default:
		t = tok_open("bpe", fuzz_file(1, enc.data, enc.len), f, 1, &d);
		break;
	}
	if (t == NULL) {
		if (d.msg[0] == '\0')
			__builtin_trap();
		return 0;
	}
	toklist_init(&l);
	if (tok_encode(t, sample, sizeof(sample) - 1, &l, &d) == 0 &&
	    toklist_check(&l, 0, sizeof(sample) - 1, &bad) != 0)
		__builtin_trap();
	toklist_free(&l);
	tok_free(t);
	return 0;
}
