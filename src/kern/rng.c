/*
 * kern/rng: xoshiro256** seeded by splitmix64, uniform, bounded, normal
 * draws and shuffles. Reads only the caller's struct rng; produces numbers.
 * Never reads the clock, /dev/urandom or any global state.
 */
#include <math.h>

#include "kern/rng.h"

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static inline uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

void
rng_seed(struct rng *r, uint64_t seed)
{
	uint64_t x = seed;
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
	r->has_spare = 0;
	r->spare = 0.0;
}

uint64_t
rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

double
rng_uniform(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

uint64_t
rng_below(struct rng *r, uint64_t n)
{
	/* Lemire 2019, "Fast random integer generation in an interval". */
	unsigned __int128 m = (unsigned __int128)rng_next(r) * n;
	uint64_t lo = (uint64_t)m;

	if (lo < n) {
		uint64_t t = (0 - n) % n;

		while (lo < t) {
			m = (unsigned __int128)rng_next(r) * n;
			lo = (uint64_t)m;
		}
	}
	return (uint64_t)(m >> 64);
}

double
rng_gauss(struct rng *r)
{
	double u1, u2, rad;

	if (r->has_spare) {
		r->has_spare = 0;
		return r->spare;
	}
	u1 = 1.0 - rng_uniform(r);	/* (0, 1]: log never sees 0 */
	u2 = rng_uniform(r);
	rad = sqrt(-2.0 * log(u1));
	r->spare = rad * sin(2.0 * M_PI * u2);
	r->has_spare = 1;
	return rad * cos(2.0 * M_PI * u2);
}

void
rng_shuffle(struct rng *r, long *v, long n)
{
	long i, j, t;

	for (i = n - 1; i > 0; i--) {
		j = (long)rng_below(r, (uint64_t)i + 1);
		t = v[i];
		v[i] = v[j];
		v[j] = t;
	}
}
