/*
 * data/tokspace: lookups and word vectors in token spaces (row i = id i
 * of the space's tokenizer). Reads a space and a tokenizer, both
 * borrowed; writes only the caller's buffers. Never prints.
 */
#include <stdlib.h>
#include <string.h>

#include "data/tokspace.h"
#include "store/space.h"
#include "tok/tok.h"
#include "util/buf.h"

int
tokspace_pieces_parse(const char *s, enum tokspace_pieces *p)
{
	if (strcmp(s, "mean") == 0)
		*p = TOKSPACE_MEAN;
	else if (strcmp(s, "first") == 0)
		*p = TOKSPACE_FIRST;
	else if (strcmp(s, "all") == 0)
		*p = TOKSPACE_ALL;
	else
		return -1;
	return 0;
}

/* "#N" with N all digits: 1 and *id set, else 0. */
static int
parse_id(const char *q, long *id)
{
	char *end;

	if (q[0] != '#' || q[1] < '0' || q[1] > '9')
		return 0;
	*id = strtol(q + 1, &end, 10);
	return *end == '\0';
}

/* 1 for a plain ASCII word (no byte-level symbol, display mark or
 * special token "<|...|>"). */
static int
plain(const char *q)
{
	const unsigned char *p;

	if (strncmp(q, "<|", 2) == 0)
		return 0;
	for (p = (const unsigned char *)q; *p; p++)
		if (*p >= 0x80)
			return 0;
	return 1;
}

int
tokspace_lookup(const struct space *s, const struct tokenizer *t,
    const char *q, struct tokspace_hit *h, struct diag *d)
{
	struct buf b = BUF_INIT;
	struct toklist l;
	long id;
	size_t i;
	int rc = -1;

	memset(h, 0, sizeof(*h));
	if (space_rows(s) != tok_vocab_size(t))
		return diag_fail(d, NULL, 0, 0, "the space has %ld rows but its "
		    "tokenizer %ld pieces: it is not a token space of that "
		    "tokenizer", space_rows(s), tok_vocab_size(t));
	if (parse_id(q, &id)) {
		if (id < 0 || id >= space_rows(s))
			return diag_fail(d, NULL, 0, 0, "token id %s is out of "
			    "range (0 to %ld)", q, space_rows(s) - 1);
		h->rows[h->n++] = id;
		h->how = TOKSPACE_BY_ID;
		return 0;
	}
	/* A piece as spelt, then as displayed. In a GPT-2 space a plain
	 * ASCII word means the word in running text ("king" is "Ġking"),
	 * not the piece without the space (reach that one by its id). */
	id = -1;
	if (tok_kind(t) != TOK_BPE || !plain(q)) {
		if ((id = tok_id(t, q)) < 0) {
			tok_piece_spell(t, q, &b);
			id = tok_id(t, buf_str(&b));
		}
	}
	if (id >= 0) {
		buf_clear(&b);
		h->rows[h->n++] = id;
		h->how = TOKSPACE_BY_PIECE;
		return 0;
	}
	/* A word: tokenized as in running text. */
	buf_reset(&b);
	if (tok_kind(t) == TOK_BPE)
		buf_puts(&b, " ");
	buf_puts(&b, q);
	toklist_init(&l);
	if (tok_encode(t, b.data, b.len, &l, d) < 0)
		goto out;
	if (l.n == 0) {
		diag_fail(d, NULL, 0, 0, "\"%s\" gives no token", q);
		goto out;
	}
	if (l.n > TOKSPACE_MAXPIECES) {
		diag_fail(d, NULL, 0, 0, "\"%s\" gives %zu pieces (at most %d)",
		    q, l.n, TOKSPACE_MAXPIECES);
		goto out;
	}
	for (i = 0; i < l.n; i++) {
		if (l.v[i].unk || l.v[i].id < 0 || l.v[i].id >= space_rows(s)) {
			diag_fail(d, NULL, 0, 0, "\"%s\" has a piece the "
			    "vocabulary lacks (%s)", q, l.v[i].piece);
			goto out;
		}
		h->rows[h->n++] = l.v[i].id;
	}
	h->how = h->n == 1 ? TOKSPACE_BY_PIECE : TOKSPACE_BY_WORD;
	rc = 0;
out:
	toklist_free(&l);
	buf_clear(&b);
	return rc;
}

void
tokspace_vector(const struct space *s, const struct tokspace_hit *h,
    enum tokspace_pieces p, float *out)
{
	int dims = space_dims(s), j;
	size_t i;
	double *acc;

	if (p != TOKSPACE_MEAN || h->n == 1) {
		memcpy(out, space_row(s, h->rows[0]), (size_t)dims * sizeof(float));
		return;
	}
	acc = calloc((size_t)dims, sizeof(double));
	if (acc == NULL)
		abort();
	for (i = 0; i < h->n; i++) {
		const float *r = space_row(s, h->rows[i]);

		for (j = 0; j < dims; j++)
			acc[j] += r[j];
	}
	for (j = 0; j < dims; j++)
		out[j] = (float)(acc[j] / (double)h->n);
	free(acc);
}

void
tokspace_row_name(const struct space *s, const struct tokenizer *t, long i,
    struct buf *out)
{
	tok_piece_display(t, space_word(s, i, NULL), out);
}

void
tokspace_describe(const struct space *s, const struct tokenizer *t,
    const struct tokspace_hit *h, struct buf *out)
{
	size_t i;

	for (i = 0; i < h->n; i++) {
		if (i > 0)
			buf_puts(out, " + ");
		tokspace_row_name(s, t, h->rows[i], out);
	}
}
