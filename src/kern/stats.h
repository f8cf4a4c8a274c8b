/*
 * kern/stats: descriptive statistics and correlations over double
 * arrays (mean, variance, ranks with ties, Pearson, Spearman, histogram).
 * Reads caller arrays, writes caller-allocated outputs.
 * Never prints; allocates only private scratch that it frees.
 */
#ifndef VECDOC_KERN_STATS_H
#define VECDOC_KERN_STATS_H

#include <stddef.h>

/* Arithmetic mean of x[0..n) (two-pass, double); NaN when n == 0. */
double	 stats_mean(const double *x, size_t n);
/*
 * Variance of x[0..n) with "ddof" delta degrees of freedom (0: population,
 * as np.var; 1: sample, as np.cov): Σ(x−mean)² / (n − ddof). NaN when
 * n <= ddof.
 */
double	 stats_var(const double *x, size_t n, int ddof);

/*
 * Ranks of x[0..n), 1-based, ties getting the average of the ranks they
 * span (scipy.stats.rankdata(method="average")), written to caller-
 * allocated out[n]. NaN inputs are ranked after every number (as numpy
 * sorts them). Allocates and frees an index array.
 */
void	 stats_rank(const double *x, size_t n, double *out);

/*
 * Pearson correlation of x and y (n each), as scipy.stats.pearsonr:
 * centred sums in double. NaN when n < 2 or either input is constant.
 * When "p" is not NULL it receives the two-sided p-value (Student t with
 * n − 2 degrees of freedom, the exact null of scipy's pearsonr).
 */
double	 stats_pearson(const double *x, const double *y, size_t n, double *p);

/*
 * Spearman rank correlation (scipy.stats.spearmanr): Pearson correlation
 * of average ranks. "p" as for stats_pearson (scipy uses the same t test).
 */
double	 stats_spearman(const double *x, const double *y, size_t n, double *p);

/*
 * Kendall's tau-a of x and y (m each) in O(m log m) (Knight 1966):
 * (C − D) / (m(m−1)/2), pairs tied in either variable counting as
 * neither. NaN when m < 2.
 */
double	 stats_tau_a(const double *x, const double *y, size_t m);

/*
 * Regularised incomplete beta I_x(a, b) by Lentz's continued fraction
 * (Numerical Recipes §6.4); a, b > 0, 0 <= x <= 1.
 */
double	 stats_betainc(double a, double b, double x);
/* Two-sided p-value of Student's t with "df" degrees of freedom. */
double	 stats_t_pvalue(double t, double df);

/*
 * A fixed-bin histogram: "nbins" equal bins over [lo, hi] with the edges
 * of np.linspace(lo, hi, nbins + 1); bin i holds edge_i <= v < edge_i+1,
 * the last bin also hi itself — np.histogram's rule, including its edge
 * corrections. Values below lo / above hi / NaN are counted apart (numpy
 * drops them).
 */
struct histogram {
	double	 lo, hi;
	int	 nbins;
	long	*count;		/* nbins counts, caller-allocated */
	long	 below, above, nan;
	long	 total;		/* every value seen */
};

/*
 * Counts x[0..n) into "h", whose lo, hi, nbins and count[] the caller has
 * set (count zeroed here on the first call when h->total is 0). Can be
 * called again to add more values.
 */
void	 histogram_add(struct histogram *h, const double *x, size_t n);

#endif
