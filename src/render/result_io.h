/*
 * render/result_io.h: a result as bytes and back, losslessly (the
 * directive result cache stores results this way). The format is
 * versioned and private to vecdoc; result_load checks every length
 * against the buffer it is given and never reads past it.
 */
#ifndef VECDOC_RESULT_IO_H
#define VECDOC_RESULT_IO_H

#include <stddef.h>

#include "render/result.h"
#include "util/buf.h"

void	 result_save(const struct result *r, struct buf *out);
/* Fills r (result_init'ed here) from p[0..n). 0, or -1 when malformed
 * (r is then empty). */
int	 result_load(struct result *r, const void *p, size_t n);

#endif
