/*
 * util/hash: content digests (xxh3) and a string-keyed hash map.
 * Produces 64/128-bit digests and maps owning copies of their keys.
 * Never stores values' memory: values are borrowed pointers or integers.
 */
#ifndef VECDOC_HASH_H
#define VECDOC_HASH_H

#include <stddef.h>
#include <stdint.h>

uint64_t hash64(const void *p, size_t n);
/* 128-bit xxh3 of n bytes as 32 lowercase hex digits plus NUL. */
void	 hash128_hex(const void *p, size_t n, char out[33]);

/* Open-addressing map from byte strings to a pointer-sized value. */
struct strmap_ent {
	char		*key;	/* owned copy, NUL-terminated; NULL = empty */
	size_t		 klen;
	uint64_t	 hash;
	union {
		void	*ptr;
		long	 num;
	} val;
};

struct strmap {
	struct strmap_ent *v;
	size_t		 cap;	/* power of two */
	size_t		 n;
};

void	 strmap_init(struct strmap *m);
void	 strmap_clear(struct strmap *m);
/* The entry for key, created (with val zeroed) if absent; *created says which. */
struct strmap_ent *strmap_put(struct strmap *m, const char *key, size_t klen,
	    int *created);
/* The entry for key, or NULL. */
struct strmap_ent *strmap_get(const struct strmap *m, const char *key, size_t klen);

#endif
