/*
 * kern/rng: a seeded pseudo-random generator (xoshiro256**, Blackman &
 * Vigna 2018, seeded through splitmix64) and the draws built on it.
 * Reads only its own state; never touches global state or the clock.
 */
#ifndef VECDOC_KERN_RNG_H
#define VECDOC_KERN_RNG_H

#include <stdint.h>

/* Generator state; embed it, fill it with rng_seed. No heap memory. */
struct rng {
	uint64_t	s[4];
	int		has_spare;	/* Box–Muller makes normals in pairs */
	double		spare;
};

/*
 * Seeds "r" from one 64-bit seed: the four state words are successive
 * splitmix64 outputs, as the xoshiro authors recommend. Same seed, same
 * stream, on every platform.
 */
void	 rng_seed(struct rng *r, uint64_t seed);
/* The next 64 random bits (xoshiro256**). */
uint64_t rng_next(struct rng *r);
/* Uniform double in [0, 1): the top 53 bits of rng_next times 2^-53. */
double	 rng_uniform(struct rng *r);
/* Uniform integer in [0, n), unbiased (Lemire's multiply-and-reject); n > 0. */
uint64_t rng_below(struct rng *r, uint64_t n);
/*
 * Standard normal N(0, 1) by the Box–Muller transform:
 * u1 in (0, 1], u2 in [0, 1): sqrt(-2 ln u1) cos(2 pi u2), and the sine
 * twin is kept for the next call.
 */
double	 rng_gauss(struct rng *r);
/* Fisher–Yates shuffle of v[0..n) in place (Durstenfeld, from the end). */
void	 rng_shuffle(struct rng *r, long *v, long n);

#endif
