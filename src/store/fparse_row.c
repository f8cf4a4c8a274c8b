/*
 * store/fparse_row: a whole row of D decimal components separated by single
 * spaces ("-0.038194 -0.24487 0.72812 ...") to D float32s at once, with
 * AVX-512. Gives exactly (float)strtod() of each component, like fparse().
 * Reads the row and the 16 bytes after it; writes the D floats only when
 * the whole row is of the common shape [-]D*[.D*] (at most 8 digits on
 * each side of the point). Anything else (exponents, '+', long numbers,
 * a wrong count, stray bytes) returns -1 with nothing promised about
 * "row": the caller then parses field by field with fparse(), which also
 * produces the diagnostics. Never depends on the locale.
 *
 * How: one pass of 64-byte compares classifies every byte (space, '.',
 * '-', digit) into bit masks; the ends of the fields and the points are
 * compressed into position lists (VBMI2), the signs into one bit per
 * field (PEXT). If there are exactly D ends and D points and each point
 * lies in its own field, fields and points pair up in order, so eight
 * fields at a time are then converted with no branch per field: two
 * 8-byte gathers (the digits before and after the point), fast_float's
 * SWAR digit sum, m = int * 10^n2 + frac (exact: m < 10^15 < 2^53), and
 * the IEEE division m / 10^n2 (10^n2 exact), which is the correctly
 * rounded double strtod returns; it is then rounded to float as
 * (float)strtod() does.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "store/store.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && \
    !defined(VECDOC_NO_SIMD)
#include <immintrin.h>

#define ROW_MAXBLOCKS	128			/* 8 KiB of text */
#define ROW_MAXDIMS	(ROW_MAXBLOCKS * 32)	/* "0 0 0 ..." */

#define ROW_TARGET __attribute__((target("avx512f,avx512bw,avx512dq," \
    "avx512vl,avx512vbmi,avx512vbmi2,bmi,bmi2,popcnt")))

/* Appends the positions (base + bit index) of the c set bits of a mask,
 * already compressed into the low bytes of v, to out[]. */
ROW_TARGET static inline void
put_positions(int32_t *out, __m512i v, int c, int base)
{
	const __m512i b = _mm512_set1_epi32(base);

	_mm512_storeu_si512(out, _mm512_add_epi32(b,
	    _mm512_cvtepu8_epi32(_mm512_castsi512_si128(v))));
	if (c > 16)
		_mm512_storeu_si512(out + 16, _mm512_add_epi32(b,
		    _mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32(v, 1))));
	if (c > 32)
		_mm512_storeu_si512(out + 32, _mm512_add_epi32(b,
		    _mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32(v, 2))));
	if (c > 48)
		_mm512_storeu_si512(out + 48, _mm512_add_epi32(b,
		    _mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32(v, 3))));
}

/* The value of the n (0..8) digits at the start of each 8-byte lane. */
ROW_TARGET static inline __m512i
digits8(__m512i v, __m512i n)
{
	const __m512i z = _mm512_set1_epi64(0x3030303030303030LL),
	    mask = _mm512_set1_epi64(0x000000FF000000FFLL),
	    mul1 = _mm512_set1_epi64(0x000F424000000064LL),
	    mul2 = _mm512_set1_epi64(0x0000271000000001LL);
	/* shift the digits to the top, '0' in from the bottom: a shift
	 * of 64 gives 0 for the variable shifts */
	__m512i sh = _mm512_slli_epi64(_mm512_sub_epi64(_mm512_set1_epi64(8),
	    n), 3);

	v = _mm512_or_si512(_mm512_sllv_epi64(v, sh), _mm512_srlv_epi64(z,
	    _mm512_sub_epi64(_mm512_set1_epi64(64), sh)));
	v = _mm512_sub_epi64(v, z);
	v = _mm512_add_epi64(_mm512_mullo_epi64(v, _mm512_set1_epi64(10)),
	    _mm512_srli_epi64(v, 8));
	return _mm512_srli_epi64(_mm512_add_epi64(
	    _mm512_mullo_epi64(_mm512_and_si512(v, mask), mul1),
	    _mm512_mullo_epi64(_mm512_and_si512(_mm512_srli_epi64(v, 16), mask),
	    mul2)), 32);
}

ROW_TARGET static int
row_avx512(const char *p, const char *end, int dims, float *row)
{
	int32_t ends[ROW_MAXDIMS + 64], dots[ROW_MAXDIMS + 64];
	uint64_t neg[ROW_MAXDIMS / 64 + 2];
	size_t n = (size_t)(end - p), nb = (n + 64) >> 6, b;
	int ne = 0, nd = 0, nf = 0, k;
	uint64_t carry = 1;		/* byte 0 starts a field */
	const __m512i iota = _mm512_set_epi8(63, 62, 61, 60, 59, 58, 57, 56,
	    55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42, 41, 40, 39,
	    38, 37, 36, 35, 34, 33, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22,
	    21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3,
	    2, 1, 0);

	if (nb > ROW_MAXBLOCKS || n == 0 || dims < 1 || dims > ROW_MAXDIMS)
		return -1;
	memset(neg, 0, sizeof(neg[0]) * ((size_t)dims / 64 + 2));
	for (b = 0; b < nb; b++) {
		size_t left = n - b * 64;
		__mmask64 valid = left >= 64 ? ~(__mmask64)0 :
		    ((__mmask64)1 << left) - 1;
		__m512i v = _mm512_maskz_loadu_epi8(valid, p + b * 64);
		__mmask64 sp = _mm512_mask_cmpeq_epi8_mask(valid, v,
		    _mm512_set1_epi8(' '));
		__mmask64 dt = _mm512_mask_cmpeq_epi8_mask(valid, v,
		    _mm512_set1_epi8('.'));
		__mmask64 mi = _mm512_mask_cmpeq_epi8_mask(valid, v,
		    _mm512_set1_epi8('-'));
		__mmask64 dg = _mm512_mask_cmple_epu8_mask(valid,
		    _mm512_sub_epi8(v, _mm512_set1_epi8('0')),
		    _mm512_set1_epi8(9));
		__mmask64 st;
		uint64_t sg;
		int ce, cd, cs;

		if ((sp | dt | mi | dg) != valid)
			return -1;
		if (left < 64)
			sp |= (__mmask64)1 << left;	/* the last field ends */
		st = ((sp << 1) | carry) & valid;
		carry = sp >> 63;
		/* an empty field, or a '-' that does not start one */
		if ((st & sp) != 0 || (mi & ~st) != 0)
			return -1;
		ce = __builtin_popcountll(sp);
		cd = __builtin_popcountll(dt);
		cs = __builtin_popcountll(st);
		if (ne + ce > dims || nd + cd > dims || nf + cs > dims)
			return -1;
		put_positions(ends + ne, _mm512_maskz_compress_epi8(sp, iota),
		    ce, (int)b * 64);
		put_positions(dots + nd, _mm512_maskz_compress_epi8(dt, iota),
		    cd, (int)b * 64);
		/* one sign bit per field starting in this block */
		sg = _pext_u64(mi, st);
		neg[nf >> 6] |= sg << (nf & 63);
		if ((nf & 63) + cs > 64)
			neg[(nf >> 6) + 1] |= sg >> (64 - (nf & 63));
		ne += ce;
		nd += cd;
		nf += cs;
	}
	if (ne != dims || nd != dims || nf != dims)
		return -1;
	{
		const __m512i one = _mm512_set1_epi64(1),
		    eight = _mm512_set1_epi64(8);
		const __m512i ip10a = _mm512_set_epi64(10000000, 1000000,
		    100000, 10000, 1000, 100, 10, 1),
		    ip10b = _mm512_set1_epi64(100000000);
		const __m512d p10a = _mm512_set_pd(1e7, 1e6, 1e5, 1e4, 1e3,
		    1e2, 1e1, 1), p10b = _mm512_set1_pd(1e8);
		__m256i prev = _mm256_set1_epi32(-1);	/* end of field -1 */

		for (k = 0; k < dims; k += 8) {
			__mmask8 km = dims - k >= 8 ? 0xff :
			    (__mmask8)((1u << (dims - k)) - 1);
			__mmask8 ng = (__mmask8)(neg[k >> 6] >> (k & 63));
			__m256i e32 = _mm256_maskz_loadu_epi32(km, ends + k);
			__m256i d32 = _mm256_maskz_loadu_epi32(km, dots + k);
			/* each field starts after the previous one's end */
			__m256i s32 = _mm256_add_epi32(_mm256_set1_epi32(1),
			    _mm256_mask_blend_epi32(1, _mm256_permutexvar_epi32(
			    _mm256_set_epi32(6, 5, 4, 3, 2, 1, 0, 0), e32), prev));
			__m512i s, d, e, n1, n2, nn, hi, lo, m;
			__m256 f;

			prev = _mm256_permutexvar_epi32(_mm256_set1_epi32(7), e32);
			s = _mm512_cvtepi32_epi64(s32);
			d = _mm512_cvtepi32_epi64(d32);
			e = _mm512_cvtepi32_epi64(e32);
			s = _mm512_mask_add_epi64(s, ng, s, one);
			n1 = _mm512_sub_epi64(d, s);
			n2 = _mm512_sub_epi64(_mm512_sub_epi64(e, d), one);
			nn = _mm512_add_epi64(n1, n2);
			/* s <= point < end; both sides <= 8 digits; 1..15 digits
			 * in all (unsigned compares catch negative counts) */
			if (_mm512_mask_cmpgt_epu64_mask(km, n1, eight) |
			    _mm512_mask_cmpgt_epu64_mask(km, n2, eight) |
			    _mm512_mask_cmpeq_epi64_mask(km, nn,
			    _mm512_setzero_si512()) |
			    _mm512_mask_cmpgt_epu64_mask(km, nn,
			    _mm512_set1_epi64(15)))
				return -1;
			hi = _mm512_mask_i64gather_epi64(_mm512_setzero_si512(),
			    km, s, (const void *)p, 1);
			lo = _mm512_mask_i64gather_epi64(_mm512_setzero_si512(),
			    km, _mm512_add_epi64(d, one), (const void *)p, 1);
			m = _mm512_add_epi64(_mm512_mullo_epi64(digits8(hi, n1),
			    _mm512_permutex2var_epi64(ip10a, n2, ip10b)),
			    digits8(lo, n2));
			f = _mm512_cvtpd_ps(_mm512_div_pd(_mm512_cvtepu64_pd(m),
			    _mm512_permutex2var_pd(p10a, n2, p10b)));
			f = _mm256_mask_xor_ps(f, ng, f, _mm256_set1_ps(-0.0f));
			_mm256_mask_storeu_ps(row + k, km, f);
		}
	}
	return 0;
}

int
fparse_row_simd(void)
{
	return __builtin_cpu_supports("avx512f") &&
		    __builtin_cpu_supports("avx512bw") &&
		    __builtin_cpu_supports("avx512dq") &&
		    __builtin_cpu_supports("avx512vl") &&
		    __builtin_cpu_supports("avx512vbmi") &&
		    __builtin_cpu_supports("avx512vbmi2") &&
		    __builtin_cpu_supports("bmi2") &&
		    __builtin_cpu_supports("popcnt");
}

int
fparse_row(const char *p, const char *end, int dims, float *row)
{
	return fparse_row_simd() ? row_avx512(p, end, dims, row) : -1;
}

#else

int
fparse_row_simd(void)
{
	return 0;
}

int
fparse_row(const char *p, const char *end, int dims, float *row)
{
	(void)p;
	(void)end;
	(void)dims;
	(void)row;
	return -1;
}

#endif
