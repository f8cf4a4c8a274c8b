/*
 * tok/stub: stand-in until the tokenizers land (every open fails).
 */
#include <stdlib.h>
#include <string.h>

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

enum tok_kind
tok_kind(const struct tokenizer *t)
{
	(void)t;
	return TOK_WORD;
}

void
toklist_init(struct toklist *l)
{
	memset(l, 0, sizeof(*l));
}

void
toklist_free(struct toklist *l)
{
	free(l->v);
	free(l->pool);
	memset(l, 0, sizeof(*l));
}

int
tok_encode(const struct tokenizer *t, const char *text, size_t len,
    struct toklist *l, struct diag *d)
{
	(void)t;
	(void)text;
	(void)len;
	(void)l;
	return diag_fail(d, "", 0, 0, "tokenizers are not built yet");
}
