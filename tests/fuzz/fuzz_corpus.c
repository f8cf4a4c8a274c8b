/*
 * tests/fuzz/fuzz_corpus: libFuzzer target for the corpus readers
 * (corpus_load_mem): WikiText or one text per line, with the first
 * byte's bits choosing the format, documents, lowercasing, @-@ joining,
 * punctuation and a drop list; the rest is the corpus, in an exact-size
 * allocation. Must never crash, leak or read past the text; what it
 * accepts is consistent (ids by descending count, tokens and documents
 * in range, every word found again by corpus_find).
 */
#include "fuzz.h"
#include "corpus/corpus.h"
#include "util/diag.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct corpus_decl decl;
	struct corpus *c;
	struct diag d;
	static char d1[] = "the", d2[] = "@-@";
	char *text, *drop[2] = { d1, d2 };
	size_t i;
	long total = 0;

	if (size < 1 || size > 65536)
		return 0;
	corpus_decl_init(&decl, data[0] & 1 ? CORPUS_WIKITEXT : CORPUS_LINES);
	decl.docs = data[0] & 2 ? CORPUS_DOC_LINES : decl.docs;
	decl.lowercase = (data[0] >> 2) & 1;
	decl.join_wikitext = (data[0] >> 3) & 1;
	decl.punctuation = (data[0] >> 4) & 1;
	if (data[0] & 0x20) {
		decl.drop = drop;
		decl.ndrop = 2;
	}
	text = fuzz_copy(data + 1, size - 1);
	memset(&d, 0, sizeof(d));
	c = corpus_load_mem(&decl, text, size - 1, "fuzz.txt", &d);
	if (c == NULL && d.msg[0] == '\0')
		__builtin_trap();
	if (c != NULL) {
		for (i = 0; i < c->ntypes; i++) {
			if ((i > 0 && c->count[i] > c->count[i - 1]) ||
			    c->count[i] < 1 ||
			    corpus_find(c, c->word[i], c->wlen[i]) != (long)i)
				__builtin_trap();
			total += c->count[i];
		}
		if ((size_t)total != c->ntokens)
			__builtin_trap();
		for (i = 0; i < c->ntokens; i++)
			if (c->tok[i] >= c->ntypes)
				__builtin_trap();
		for (i = 0; i < c->ndocs; i++)
			if (c->doc[i] > c->doc[i + 1] || c->doc[i + 1] >
			    c->ntokens)
				__builtin_trap();
		corpus_free(c);
	}
	free(text);
	return 0;
}
