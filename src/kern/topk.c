/*
 * kern/topk: a bounded heap keeping the k best scored row ids.
 * Reads offered pairs, writes the caller's arrays.
 * Never allocates, prints or keeps global state.
 */
#include <math.h>

#include "kern/topk.h"

static inline int
worse(float sa, long ia, float sb, long ib)
{
	return sa < sb || (sa == sb && ia > ib);
}

static inline void
swap(struct topk *t, int a, int b)
{
	float ts = t->s[a];
	long ti = t->id[a];

	t->s[a] = t->s[b];
	t->id[a] = t->id[b];
	t->s[b] = ts;
	t->id[b] = ti;
}

static void
sift_down(struct topk *t, int n, int i)
{
	for (;;) {
		int l = 2 * i + 1, r = l + 1, w = i;

		if (l < n && worse(t->s[l], t->id[l], t->s[w], t->id[w]))
			w = l;
		if (r < n && worse(t->s[r], t->id[r], t->s[w], t->id[w]))
			w = r;
		if (w == i)
			return;
		swap(t, i, w);
		i = w;
	}
}

void
topk_init(struct topk *t, float *s, long *id, int k)
{
	t->s = s;
	t->id = id;
	t->n = 0;
	t->k = k;
}

void
topk_push(struct topk *t, float score, long id)
{
	int i;

	if (isnan(score))
		return;
	if (t->n < t->k) {
		i = t->n++;
		t->s[i] = score;
		t->id[i] = id;
		while (i > 0) {
			int p = (i - 1) / 2;

			if (!worse(t->s[i], t->id[i], t->s[p], t->id[p]))
				break;
			swap(t, i, p);
			i = p;
		}
		return;
	}
	if (!worse(t->s[0], t->id[0], score, id))
		return;
	t->s[0] = score;
	t->id[0] = id;
	sift_down(t, t->k, 0);
}

int
topk_drain(struct topk *t, long *out_id, float *out_s)
{
	int n = t->n, m;

	/* heap sort: repeatedly move the worst to the end of the live part */
	for (m = n; m > 1; m--) {
		swap(t, 0, m - 1);
		sift_down(t, m - 1, 0);
	}
	/* now s[0] is the best ... s[n-1] the worst */
	for (m = 0; m < n; m++) {
		out_id[m] = t->id[m];
		out_s[m] = t->s[m];
	}
	t->n = 0;
	return n;
}
