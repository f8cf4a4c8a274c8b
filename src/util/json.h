/*
 * util/json: a small streaming JSON writer (reading JSON uses jansson).
 * Produces compact, deterministic JSON text in a struct buf.
 * Never depends on the locale: numbers use '.' and shortest round-trip
 * formatting for float32 values.
 */
#ifndef VECDOC_JSON_H
#define VECDOC_JSON_H

#include <stddef.h>

#include "util/buf.h"

struct jw {
	struct buf	*out;
	int		 depth;
	unsigned char	 first[64];	/* per depth: no comma needed yet */
	int		 pretty;
};

void	 jw_init(struct jw *w, struct buf *out, int pretty);
void	 jw_obj_begin(struct jw *w);
void	 jw_obj_end(struct jw *w);
void	 jw_arr_begin(struct jw *w);
void	 jw_arr_end(struct jw *w);
void	 jw_key(struct jw *w, const char *k);
void	 jw_str(struct jw *w, const char *s);
void	 jw_strn(struct jw *w, const char *s, size_t n);
void	 jw_int(struct jw *w, long long v);
/* A finite double with up to 17 significant digits; NaN/Inf become null. */
void	 jw_num(struct jw *w, double v);
/* A float32 value, shortest digits that read back to the same float. */
void	 jw_float(struct jw *w, float v);
void	 jw_bool(struct jw *w, int v);
void	 jw_null(struct jw *w);
/* Escapes s as a JSON string body (no quotes) into b. */
void	 json_escape(struct buf *b, const char *s, size_t n);
/* Shortest decimal that reads back to the same float; "nan"/"inf" spelled
 * out. Writes at most 32 bytes. */
void	 fmt_float(char *out, size_t outsz, float v);
/* Fixed "prec" decimals, locale-independent (C locale is never changed). */
void	 fmt_fixed(char *out, size_t outsz, double v, int prec);

#endif
