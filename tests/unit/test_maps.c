/*
 * Unit tests for the map kernels (kern/tsne, kern/graph, kern/axis,
 * kern/dbscan's Euclidean form): inputs small enough to check by hand,
 * with the expected numbers worked out in the comments.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "kern/tsne.h"
#include "util/xalloc.h"

static void
test_tsne_bad(void)
{
	struct tsne_opts o;
	struct diag d;
	float x[8] = { 0, 0, 1, 0, 0, 1, 1, 1 };
	double y[8];

	tsne_opts_default(&o);
	CHECK_INT(tsne_run(x, 4, 2, &o, y, NULL, &d), -1);
	CHECK_STR(d.msg, "t-SNE: perplexity must be > 0 and less than the "
	    "number of points (got 30 for 4 points)");
}

int
main(void)
{
	RUN(test_tsne_bad);
	return test_end("test_maps");
}
