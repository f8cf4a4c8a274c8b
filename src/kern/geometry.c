/*
 * kern/geometry: anisotropy (mean-vector ratio, random-pair cosine,
 * variance in top PCs), centring, BERT-whitening, all-but-the-top.
 * Reads caller matrices; writes caller outputs; frees its scratch.
 * Never does I/O or keeps state.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>

#include "kern/geometry.h"
#include "kern/linalg.h"
#include "kern/norm.h"
#include "kern/rng.h"
#include "util/xalloc.h"

#define GEOM_BLOCK 4096

int
geometry_anisotropy(const float *x, long n, int dims, long npairs,
    uint64_t seed, int npc, double *pc_share, struct anisotropy *out,
    struct diag *d)
{
	double *mu, s = 0.0, ss = 0.0, sn = 0.0;
	struct rng r;
	long i, got = 0;

	if (n < 2 || dims < 1)
		return diag_fail(d, NULL, 0, 0, "anisotropy: needs at least 2 rows");
	if (npc < 0 || npc > dims)
		return diag_fail(d, NULL, 0, 0,
		    "anisotropy: %d principal components asked of %d dimensions",
		    npc, dims);
	memset(out, 0, sizeof(*out));
	mu = xmalloc((size_t)dims * sizeof(double));
	linalg_colmean(x, n, dims, mu);
	for (i = 0; i < dims; i++)
		s += mu[i] * mu[i];
	out->mean_norm = sqrt(s);
	for (i = 0; i < n; i++) {
		const float *v = x + (size_t)i * dims;
		double t = 0.0;
		int j;

		for (j = 0; j < dims; j++)
			t += (double)v[j] * v[j];
		sn += sqrt(t);
	}
	out->avg_norm = sn / (double)n;
	out->mean_ratio = out->avg_norm > 0 ? out->mean_norm / out->avg_norm : NAN;

	rng_seed(&r, seed);
	s = 0.0;
	for (i = 0; i < npairs; i++) {
		long a = (long)rng_below(&r, (uint64_t)n);
		long b = (long)rng_below(&r, (uint64_t)n - 1);
		double c;

		if (b >= a)
			b++;	/* uniform over the other n-1 rows */
		c = vec_cosine(x + (size_t)a * dims, x + (size_t)b * dims, dims);
		if (isnan(c))
			continue;
		s += c;
		ss += c * c;
		got++;
	}
	out->npairs = got;
	out->mean_cos = got > 0 ? s / (double)got : NAN;
	out->sd_cos = got > 0 ? sqrt(fmax(0.0, ss / (double)got -
	    out->mean_cos * out->mean_cos)) : NAN;

	if (npc > 0) {
		double *cov = xmalloc((size_t)dims * dims * sizeof(double));
		double *w = xmalloc((size_t)dims * sizeof(double)), tot = 0.0;
		int rc = linalg_cov(x, n, dims, 1, NULL, cov, d);

		if (rc == 0)
			rc = linalg_eigh(cov, dims, w, d);
		if (rc == 0) {
			for (i = 0; i < dims; i++)
				tot += w[i] > 0 ? w[i] : 0.0;
			for (i = 0; i < npc; i++)
				pc_share[i] = tot > 0 ? (w[i] > 0 ? w[i] : 0.0) / tot : NAN;
		}
		free(cov);
		free(w);
		if (rc < 0) {
			free(mu);
			return -1;
		}
	}
	free(mu);
	return 0;
}

void
geometry_center(float *x, long n, int dims, double *mu)
{
	double *m = mu != NULL ? mu : xmalloc((size_t)dims * sizeof(double));
	long i;
	int j;

	linalg_colmean(x, n, dims, m);
	for (i = 0; i < n; i++)
		for (j = 0; j < dims; j++)
			x[(size_t)i * dims + j] = (float)(x[(size_t)i * dims + j] - m[j]);
	if (m != mu)
		free(m);
}

int
whiten_fit(const float *x, long n, int dims, int k, float *mu, float *w,
    struct diag *d)
{
	double *cov, *ev, *m;
	int i, j, rc;

	if (k == 0)
		k = dims;
	if (k < 0 || k > dims)
		return diag_fail(d, NULL, 0, 0,
		    "whitening: k = %d outside 1..%d", k, dims);
	cov = xmalloc((size_t)dims * dims * sizeof(double));
	ev = xmalloc((size_t)dims * sizeof(double));
	m = xmalloc((size_t)dims * sizeof(double));
	rc = linalg_cov(x, n, dims, 1, m, cov, d);
	if (rc == 0)
		rc = linalg_eigh(cov, dims, ev, d);
	if (rc == 0) {
		for (j = 0; j < dims; j++)
			mu[j] = (float)m[j];
		for (j = 0; j < k; j++) {
			double sc = ev[j] > 1e-12 * ev[0] && ev[j] > 0 ?
			    1.0 / sqrt(ev[j]) : 0.0;

			for (i = 0; i < dims; i++)
				w[(size_t)i * k + j] = (float)(cov[(size_t)i * dims + j] * sc);
		}
	}
	free(cov);
	free(ev);
	free(m);
	return rc;
}

void
whiten_apply(const float *x, long n, int dims, const float *mu,
    const float *w, int k, float *y)
{
	float *blk = xmalloc((size_t)GEOM_BLOCK * dims * sizeof(float));
	long i0, i;
	int j;

	for (i0 = 0; i0 < n; i0 += GEOM_BLOCK) {
		int nb = (int)(n - i0 < GEOM_BLOCK ? n - i0 : GEOM_BLOCK);

		for (i = 0; i < nb; i++)
			for (j = 0; j < dims; j++)
				blk[(size_t)i * dims + j] =
				    x[(size_t)(i0 + i) * dims + j] - mu[j];
		cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, nb, k,
		    dims, 1.f, blk, dims, w, k, 0.f, y + (size_t)i0 * k, k);
	}
	for (i = 0; i < n; i++) {
		float *v = y + (size_t)i * k;
		double s = 0.0;

		for (j = 0; j < k; j++)
			s += (double)v[j] * v[j];
		if (s > 0.0) {
			float inv = (float)(1.0 / sqrt(s));

			for (j = 0; j < k; j++)
				v[j] *= inv;
		}
	}
	free(blk);
}

int
geometry_abtt(float *x, long n, int dims, int ndir, struct diag *d)
{
	double *cov, *ev;
	float *u, *proj;
	long i0, i;
	int j, rc;

	if (n < 2 || ndir < 0 || ndir > dims)
		return diag_fail(d, NULL, 0, 0,
		    "all-but-the-top: cannot remove %d directions from %ld×%d",
		    ndir, n, dims);
	geometry_center(x, n, dims, NULL);
	if (ndir == 0)
		return 0;
	cov = xmalloc((size_t)dims * dims * sizeof(double));
	ev = xmalloc((size_t)dims * sizeof(double));
	rc = linalg_cov(x, n, dims, 1, NULL, cov, d);
	if (rc == 0)
		rc = linalg_eigh(cov, dims, ev, d);
	if (rc < 0) {
		free(cov);
		free(ev);
		return -1;
	}
	/* u: dims × ndir, the top directions as columns */
	u = xmalloc((size_t)dims * ndir * sizeof(float));
	for (i = 0; i < dims; i++)
		for (j = 0; j < ndir; j++)
			u[(size_t)i * ndir + j] = (float)cov[(size_t)i * dims + j];
	proj = xmalloc((size_t)GEOM_BLOCK * ndir * sizeof(float));
	for (i0 = 0; i0 < n; i0 += GEOM_BLOCK) {
		int nb = (int)(n - i0 < GEOM_BLOCK ? n - i0 : GEOM_BLOCK);
		float *xb = x + (size_t)i0 * dims;

		/* proj = X̃ U ; X̃ -= proj Uᵀ */
		cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, nb, ndir,
		    dims, 1.f, xb, dims, u, ndir, 0.f, proj, ndir);
		cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, nb, dims,
		    ndir, -1.f, proj, ndir, u, ndir, 1.f, xb, dims);
	}
	free(u);
	free(proj);
	free(cov);
	free(ev);
	return 0;
}
