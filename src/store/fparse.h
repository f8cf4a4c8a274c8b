/*
 * store/fparse.h: the inline body of fparse() (see store.h), so that the
 * text reader's inner loop has no call. Reads bytes up to "end"; produces
 * one float. Never reads past "end", never depends on the locale.
 */
#ifndef VECDOC_FPARSE_H
#define VECDOC_FPARSE_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Every power of ten up to 1e22 is exact in a double. */
static const double fparse_p10[23] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
	1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

size_t	 fparse_slow(const char *p, size_t len, float *out);

/*
 * Clinger's fast path: when the decimal significand m fits in 53 bits and
 * |e| <= 22, m and 10^|e| are exact doubles, so one IEEE multiplication or
 * division gives the correctly rounded double, i.e. what strtod returns.
 * Converting that double to float then matches (float)strtod exactly.
 * Everything else (more than 19 digits, large exponents) goes to strtod
 * itself on a NUL-terminated copy (fparse_slow).
 */
static inline size_t
fparse_inline(const char *p, const char *end, float *out)
{
	const char *s = p, *d0;
	uint64_t m = 0;
	int neg = 0;
	long e, x, nd, nf = 0;
	double v;

	if (s < end && (*s == '-' || *s == '+')) {
		neg = *s == '-';
		s++;
	}
	d0 = s;
	while (s < end && (unsigned)(*s - '0') < 10)
		m = m * 10 + (uint64_t)(*s++ - '0');
	nd = s - d0;
	if (s < end && *s == '.') {
		const char *f0 = ++s;

		while (s < end && (unsigned)(*s - '0') < 10)
			m = m * 10 + (uint64_t)(*s++ - '0');
		nf = s - f0;
	}
	if (nd + nf == 0)
		return 0;
	e = -nf;
	if (s < end && (*s == 'e' || *s == 'E')) {
		const char *t = s + 1;
		int eneg = 0;

		if (t < end && (*t == '-' || *t == '+')) {
			eneg = *t == '-';
			t++;
		}
		if (t < end && (unsigned)(*t - '0') < 10) {
			x = 0;
			while (t < end && (unsigned)(*t - '0') < 10) {
				if (x < 100000)
					x = x * 10 + (*t - '0');
				t++;
			}
			e += eneg ? -x : x;
			s = t;
		}
	}
	if (nd + nf > 19)
		return fparse_slow(p, (size_t)(s - p), out);
	if (m == 0) {
		*out = neg ? -0.0f : 0.0f;
		return (size_t)(s - p);
	}
	if (m <= (UINT64_C(1) << 53) && e >= -22 && e <= 22) {
		v = e < 0 ? (double)m / fparse_p10[-e] : (double)m * fparse_p10[e];
		*out = (float)(neg ? -v : v);
		return (size_t)(s - p);
	}
	return fparse_slow(p, (size_t)(s - p), out);
}

static inline uint64_t
fparse_load8(const char *p)
{
	uint64_t v;

	memcpy(&v, p, 8);	/* little-endian hosts */
	return v;
}

/* How many of the 8 bytes in v (first byte lowest) lead with '0'..'9'. */
static inline int
fparse_ndigits8(uint64_t v)
{
	const uint64_t lo7 = UINT64_C(0x7f7f7f7f7f7f7f7f);
	const uint64_t hi = UINT64_C(0x8080808080808080);
	uint64_t big = (((v & lo7) + UINT64_C(0x4646464646464646)) | v) & hi;
	uint64_t ge30 = ((v & lo7) + UINT64_C(0x5050505050505050)) & hi;
	uint64_t bad = (big | (~ge30 & hi));

	return bad ? __builtin_ctzll(bad) >> 3 : 8;
}

/* The value of the first n (1..8) digits in v (fast_float's SWAR). */
static inline uint32_t
fparse_digits8(uint64_t v, int n)
{
	const uint64_t mask = UINT64_C(0x000000FF000000FF);
	const uint64_t mul1 = UINT64_C(0x000F424000000064);
	const uint64_t mul2 = UINT64_C(0x0000271000000001);
	int sh = 8 * (8 - n);

	if (sh)
		v = (v << sh) | (UINT64_C(0x3030303030303030) >> (64 - sh));
	v -= UINT64_C(0x3030303030303030);
	v = (v * 10) + (v >> 8);
	v = (((v & mask) * mul1) + (((v >> 16) & mask) * mul2)) >> 32;
	return (uint32_t)v;
}

static const double fparse_inv10[9] = { 1, 1e-1, 1e-2, 1e-3, 1e-4, 1e-5,
    1e-6, 1e-7, 1e-8 };

static const uint64_t fparse_ip10[9] = { 1, 10, 100, 1000, 10000, 100000,
    1000000, 10000000, 100000000 };

/*
 * As fparse_inline, reading whole 8-byte words where "lim" (>= end: the
 * end of readable memory) allows: the common short numbers of embedding
 * files ("-0.038194") are parsed without a loop per digit.
 */
static inline size_t
fparse_fast(const char *p, const char *end, const char *lim, float *out)
{
	const char *s = p;
	uint64_t m;
	int neg = 0, n1, n2 = 0;
	double v;

	if (lim - p < 24)
		return fparse_inline(p, end, out);
	if (*s == '-' || *s == '+') {
		neg = *s == '-';
		s++;
	}
	n1 = fparse_ndigits8(fparse_load8(s));
	if (n1 == 8 || s + n1 > end)
		return fparse_inline(p, end, out);
	m = n1 ? fparse_digits8(fparse_load8(s), n1) : 0;
	s += n1;
	if (s < end && *s == '.') {
		s++;
		n2 = fparse_ndigits8(fparse_load8(s));
		if (n2 == 8 || s + n2 > end)
			return fparse_inline(p, end, out);
		if (n2)
			m = m * fparse_ip10[n2] + fparse_digits8(fparse_load8(s), n2);
		s += n2;
	}
	if (n1 + n2 == 0 || (s < end && (*s == 'e' || *s == 'E')))
		return fparse_inline(p, end, out);
	/*
	 * m < 10^15 and 10^n2 are exact doubles, so m / 10^n2 would be the
	 * correctly rounded double strtod gives. A multiplication by the
	 * rounded 10^-n2 is within 2 ulps of it, and rounds to the same
	 * float unless it lies near a midpoint between two floats (the 29
	 * bits a float drops are then close to 0x10000000; no subnormal
	 * floats arise here since m / 10^n2 >= 1e-7): only then divide.
	 */
	v = (double)m * fparse_inv10[n2];
	{
		uint64_t bits;

		memcpy(&bits, &v, 8);
		if ((uint32_t)((bits & 0x1fffffff) - 0x10000000 + 16) <= 32)
			v = (double)m / fparse_p10[n2];
	}
	*out = (float)(neg ? -v : v);
	return (size_t)(s - p);
}

#ifdef __SSE2__
#include <emmintrin.h>

/*
 * As fparse_fast, for the shape nearly every component of a published
 * embedding file has, [-]D+[.D+] of at most 16 bytes: one 16-byte load
 * classifies every byte at once (digit, '.', '-'), so the integer and
 * fraction parts are found without walking and parsed independently.
 * Anything else (exponents, '+', long numbers) goes to fparse_fast.
 * Needs 16 readable bytes at p (lim - p >= 24 is checked).
 */
static inline size_t
fparse_sse(const char *p, const char *end, const char *lim, float *out)
{
	__m128i v, x, dig, dot, minus;
	unsigned md, mdot, mall, len, neg, d, n1, n2;
	uint64_t m;
	double r;

	if (lim - p < 24)
		return fparse_inline(p, end, out);
	v = _mm_loadu_si128((const __m128i *)(const void *)p);
	x = _mm_sub_epi8(v, _mm_set1_epi8('0'));
	dig = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(9)), x);
	dot = _mm_cmpeq_epi8(v, _mm_set1_epi8('.'));
	minus = _mm_cmpeq_epi8(v, _mm_set1_epi8('-'));
	md = (unsigned)_mm_movemask_epi8(dig);
	mdot = (unsigned)_mm_movemask_epi8(dot);
	mall = md | mdot | ((unsigned)_mm_movemask_epi8(minus) & 1u);
	len = (unsigned)__builtin_ctz(~mall | 0x10000u);
	if (len >= 16 || p + len > end || (p + len < end && p[len] != ' '))
		return fparse_fast(p, end, lim, out);
	neg = (unsigned)(*p == '-');
	mdot &= (1u << len) - 1;
	if (mdot == 0) {
		d = len;
		n2 = 0;
	} else {
		d = (unsigned)__builtin_ctz(mdot);
		if ((mdot & (mdot - 1)) != 0)
			return fparse_fast(p, end, lim, out);
		n2 = len - d - 1;
	}
	n1 = d - neg;
	/* digits only between sign and dot, and after the dot */
	if (n1 > 8 || n2 > 8 || n1 + n2 == 0 || n1 + n2 == 16 ||
	    (md & (((1u << n1) - 1) << neg)) != (((1u << n1) - 1) << neg) ||
	    (n2 && (md >> (d + 1) & ((1u << n2) - 1)) != (1u << n2) - 1) ||
	    (mdot && n2 == 0 && n1 == 0))
		return fparse_fast(p, end, lim, out);
	if (n1 == 8 || n2 == 8)
		return fparse_fast(p, end, lim, out);
	m = n1 ? fparse_digits8(fparse_load8(p + neg), (int)n1) : 0;
	if (n2)
		m = m * fparse_ip10[n2] +
		    fparse_digits8(fparse_load8(p + d + 1), (int)n2);
	r = (double)m * fparse_inv10[n2];
	{
		uint64_t bits;

		memcpy(&bits, &r, 8);
		if ((uint32_t)((bits & 0x1fffffff) - 0x10000000 + 16) <= 32)
			r = (double)m / fparse_p10[n2];
	}
	*out = (float)(neg ? -r : r);
	return len;
}
#else
#define fparse_sse fparse_fast
#endif

#endif
