/*
 * kern/norm: vector norms and cosines over rows of a row-major float32
 * matrix. Reads caller memory, writes caller-allocated outputs.
 * Never allocates, prints or keeps state.
 */
#ifndef VECDOC_KERN_NORM_H
#define VECDOC_KERN_NORM_H

/*
 * Euclidean norm of each of the "rows" rows (of "dims" floats) of "m",
 * accumulated in double and rounded once, written to out[rows].
 */
void	 rows_l2norm(const float *m, long rows, int dims, float *out);

/*
 * The float32 norm numpy computes for np.linalg.norm(x) on a float32
 * row: element squares rounded to float32, summed by numpy's pairwise
 * summation (8 interleaved accumulators, blocks of 128 split in halves),
 * then a float32 sqrt. gensim's KeyedVectors.norms are exactly these, so
 * using them reproduces gensim's scores bit for bit where BLAS agrees.
 */
float	 vec_norm_numpy(const float *x, long n);

/*
 * Divides every row of "m" by its Euclidean norm in place (float32
 * division by the float32 norm, as gensim's get_vector(norm=True)).
 * Rows of zero norm are left as they are.
 */
void	 rows_normalize(float *m, long rows, int dims);

/*
 * Cosine of a and b (n floats each), accumulated in double. Returns NaN
 * when either has zero norm, so callers can tell "undefined" from
 * "orthogonal".
 */
double	 vec_cosine(const float *a, const float *b, int n);

/*
 * Cosine of each adjacent pair of rows: out[i] = cos(row i, row i+1) for
 * i in [0, rows-1) (so "out" holds rows-1 floats; nothing is written when
 * rows < 2). Zero rows give NaN. For token heatmaps ("cosine-previous").
 */
void	 cosine_pairs(const float *m, long rows, int dims, float *out);

#endif
