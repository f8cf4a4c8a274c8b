/*
 * tok/stub: stand-in until the tokenizers land (every open fails).
 */
#include <stdlib.h>

#include "tok/tok.h"

struct tokenizer *
tok_open(const char *kind, const char *vocab, const char *merges,
    int lowercase, struct diag *d)
{
	(void)vocab;
	(void)merges;
	(void)lowercase;
	diag_fail(d, "", 0, 0, "tokenizer kind \"%s\" is not built yet", kind);
	return NULL;
}

void
tok_free(struct tokenizer *t)
{
	(void)t;
}
