/*
 * corpus/trainset: a corpus turned into the word2vec kernel's training
 * text, counts and held-out pairs (see trainset.h).
 * Reads a struct corpus; produces arrays the set owns. Never prints.
 */
#include <stdlib.h>
#include <string.h>

#include "corpus/trainset.h"
#include "kern/rng.h"
#include "util/xalloc.h"

int
trainset_build(const struct corpus *c, long min_count, long heldout,
    int window, int negative, uint64_t seed, struct trainset *ts,
    struct diag *d)
{
	unsigned char *out;
	struct w2v_text ht;
	uint32_t *htok;
	size_t *hsent, nh = 0, nhs = 0, i, j, need, nvocab;
	long *order, k;
	struct rng r;

	memset(ts, 0, sizeof(*ts));
	if (c->ntokens == 0)
		return diag_fail(d, c->path, 0, 0, "the corpus has no words");
	nvocab = w2v_min_count(c->count, c->ntypes, min_count);
	if (nvocab == 0)
		return diag_fail(d, c->path, 0, 0, "no word occurs %ld times "
		    "or more (--min-count); the most frequent, \"%s\", occurs "
		    "%ld time%s", min_count, c->word[0], c->count[0],
		    c->count[0] == 1 ? "" : "s");
	ts->nvocab = nvocab;
	out = xcalloc(c->ndocs + 1, 1);
	if (heldout > 0 && c->ndocs > 1 && window > 0) {
		order = xmalloc(c->ndocs * sizeof(*order));
		for (i = 0; i < c->ndocs; i++)
			order[i] = (long)i;
		rng_seed(&r, seed ^ 0x3c6ef372fe94f82bULL);
		rng_shuffle(&r, order, (long)c->ndocs);
		/* Each token gives up to 2 W pairs; ask for 1.5 x. */
		need = (size_t)heldout * 3 / (4 * (size_t)window) + 1;
		for (k = 0; k < (long)c->ndocs - 1 && ts->heldtok < need; k++) {
			out[order[k]] = 1;
			ts->heldtok += c->doc[order[k] + 1] - c->doc[order[k]];
		}
		free(order);
	}
	ts->tok = xmalloc((c->ntokens + 1) * sizeof(*ts->tok));
	ts->sent = xmalloc((c->ndocs + 1) * sizeof(*ts->sent));
	ts->count = xcalloc(nvocab, sizeof(*ts->count));
	htok = xmalloc((ts->heldtok + 1) * sizeof(*htok));
	hsent = xmalloc((c->ndocs + 1) * sizeof(*hsent));
	ts->sent[0] = 0;
	hsent[0] = 0;
	ts->text.tok = ts->tok;
	ts->text.sent = ts->sent;
	ts->text.count = ts->count;
	ts->text.nvocab = nvocab;
	for (i = 0; i < c->ndocs; i++) {
		for (j = c->doc[i]; j < c->doc[i + 1]; j++) {
			if (c->tok[j] >= nvocab)
				continue;
			if (out[i])
				htok[nh++] = c->tok[j];
			else {
				ts->tok[ts->text.ntok++] = c->tok[j];
				ts->count[c->tok[j]]++;
			}
		}
		if (out[i] && nh > hsent[nhs])
			hsent[++nhs] = nh;
		else if (!out[i] && ts->text.ntok > ts->sent[ts->text.nsent])
			ts->sent[++ts->text.nsent] = ts->text.ntok;
	}
	if (heldout > 0 && nh > 0 && negative >= 0) {
		ht.tok = htok;
		ht.ntok = nh;
		ht.sent = hsent;
		ht.nsent = nhs;
		ht.count = ts->count;
		ht.nvocab = nvocab;
		ts->hc = xmalloc((size_t)heldout * sizeof(uint32_t));
		ts->hx = xmalloc((size_t)heldout * sizeof(uint32_t));
		ts->hn = xmalloc((size_t)heldout * ((size_t)negative + 1) *
		    sizeof(uint32_t));
		ts->held.n = w2v_heldout_draw(&ht, ts->count, nvocab, window,
		    negative, seed ^ 0xbb67ae8584caa73bULL, (size_t)heldout,
		    ts->hc, ts->hx, ts->hn);
		ts->held.centre = ts->hc;
		ts->held.context = ts->hx;
		ts->held.neg = ts->hn;
		ts->held.k = negative;
	}
	free(htok);
	free(hsent);
	free(out);
	return 0;
}

void
trainset_clear(struct trainset *ts)
{
	free(ts->tok);
	free(ts->sent);
	free(ts->count);
	free(ts->hc);
	free(ts->hx);
	free(ts->hn);
	memset(ts, 0, sizeof(*ts));
}
