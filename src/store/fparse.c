/*
 * store/fparse: decimal text to float32, exactly as (float)strtod() does
 * it (the rounding numpy and gensim apply to text vectors).
 * Reads bytes that need not be NUL-terminated; produces one float.
 * Never reads past "end", never depends on the locale.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/fparse.h"
#include "store/store.h"

/* strtod on a NUL-terminated copy of len bytes already checked to be a
 * decimal number. */
size_t
fparse_slow(const char *p, size_t len, float *out)
{
	char tmp[128], *big = NULL, *q = tmp;

	if (len >= sizeof(tmp))
		q = big = malloc(len + 1);
	if (q == NULL)
		return 0;
	memcpy(q, p, len);
	q[len] = '\0';
	*out = (float)strtod(q, NULL);
	free(big);
	return len;
}

size_t
fparse(const char *p, const char *end, float *out)
{
	return fparse_inline(p, end, out);
}
