/*
 * kern/w2v_sent.h: the training step over one sentence, included twice
 * by w2v.c — once for AVX2+FMA, once portable — with W2V_SFX naming the
 * leaf kernels (dot_SFX, upd_SFX) and W2V_ATTR the target attribute.
 * Reads and writes the worker's vectors; never allocates, never prints.
 */

#define W2V_CAT2(a, b) a##_##b
#define W2V_CAT(a, b) W2V_CAT2(a, b)
#define W2V_DOT W2V_CAT(dot, W2V_SFX)
#define W2V_UPD W2V_CAT(upd, W2V_SFX)

/*
 * Trains on the worker's current sentence w->sen[0 .. len) (the words
 * the subsampling kept), or, with tr set, only records what it would do:
 * the same random draws in the same order, no vector touched.
 */
static W2V_ATTR void
W2V_CAT(sentence, W2V_SFX)(struct w2v_worker *w, int len, struct trace *tr)
{
	const struct w2v_shared *sh = w->sh;
	const int dim = sh->dim, window = sh->window;
	const float alpha = w->alpha;
	float *in = sh->in, *out = sh->out, *e = w->neu1e, *h = w->neu1;
	float *l1, *l2, f, g;
	uint32_t word, *tg = w->tg;
	int i, c, k, lo, hi, span, cw, nt;
	size_t npair;

	for (i = 0; i < len; i++) {
		word = w->sen[i];
		span = window - (int)(((xnext(w->s) >> 32) *
		    (uint64_t)window) >> 32);
		lo = i - span < 0 ? 0 : i - span;
		hi = i + span >= len ? len - 1 : i + span;
		if (tr != NULL)
			tr->span[w->orig[i]] = span;
		if (sh->model == W2V_SGNS) {
			for (c = lo; c <= hi; c++) {
				if (c == i)
					continue;
				l1 = in + (size_t)w->sen[c] * (size_t)dim;
				npair = 0;
				if (tr != NULL) {
					npair = tr->n++;
					if (npair < tr->cap) {
						tr->pairs[npair].centre = w->orig[i];
						tr->pairs[npair].context = w->orig[c];
					}
				}
				/* The targets first, their rows fetched while
				 * the positive is trained: the same draws in the
				 * same order as drawing one at a time. */
				nt = draw_targets(w, word, tr, npair, tg);
				if (tr != NULL)
					continue;
				memset(e, 0, (size_t)dim * sizeof(float));
				for (k = 0; k < nt; k++) {
					l2 = out + (size_t)tg[k] * (size_t)dim;
					f = W2V_DOT(l1, l2, dim);
					g = sig_grad(sh->sig, f, k == 0, alpha);
					W2V_UPD(l1, l2, e, g, dim);
				}
				vadd(l1, e, dim);
			}
			continue;
		}
		/* CBOW: the mean of the context predicts the centre. */
		cw = 0;
		if (tr == NULL)
			memset(h, 0, (size_t)dim * sizeof(float));
		for (c = lo; c <= hi; c++) {
			if (c == i)
				continue;
			if (tr != NULL) {
				if (tr->n < tr->cap) {
					tr->pairs[tr->n].centre = w->orig[i];
					tr->pairs[tr->n].context = w->orig[c];
				}
				tr->n++;
			} else
				vadd(h, in + (size_t)w->sen[c] * (size_t)dim, dim);
			cw++;
		}
		if (cw == 0)
			continue;
		if (tr == NULL) {
			vdiv(h, (float)cw, dim);
			memset(e, 0, (size_t)dim * sizeof(float));
		}
		nt = draw_targets(w, word, tr, (size_t)w->orig[i], tg);
		if (tr != NULL)
			continue;
		for (k = 0; k < nt; k++) {
			l2 = out + (size_t)tg[k] * (size_t)dim;
			f = W2V_DOT(h, l2, dim);
			g = sig_grad(sh->sig, f, k == 0, alpha);
			W2V_UPD(h, l2, e, g, dim);
		}
		for (c = lo; c <= hi; c++)
			if (c != i)
				vadd(in + (size_t)w->sen[c] * (size_t)dim, e, dim);
	}
}

#undef W2V_DOT
#undef W2V_UPD
#undef W2V_CAT
#undef W2V_CAT2
