/*
 * kern/topk: keep the k best (score, row id) pairs of a stream, ties
 * broken towards the lower id. Reads scores, writes caller memory.
 * Never allocates: the heap arrays belong to the caller.
 */
#ifndef VECDOC_KERN_TOPK_H
#define VECDOC_KERN_TOPK_H

/*
 * A k-heap over caller arrays s[k], id[k]; its top (index 0) is the worst
 * kept pair: lower score is worse, and of equal scores the higher id.
 */
struct topk {
	float	*s;
	long	*id;
	int	 n;	/* pairs kept so far */
	int	 k;
};

/* Starts an empty heap over caller arrays s[k] and id[k]. */
void	 topk_init(struct topk *t, float *s, long *id, int k);
/*
 * Offers (score, id). NaN scores are never kept. Returns nothing; the
 * pair is kept if the heap is not full or the pair beats the worst.
 */
void	 topk_push(struct topk *t, float score, long id);
/*
 * Empties the heap into out_id[n] / out_s[n], best first (score desc,
 * id asc); returns n. The heap is left empty.
 */
int	 topk_drain(struct topk *t, long *out_id, float *out_s);

#endif
