/* Unit tests for the search index's term splitting and folding. */
#include <stdlib.h>

#include "test.h"
#include "md/slug.h"
#include "site/search.h"
#include "util/buf.h"

static void
collect(void *ctx, const char *t, size_t n)
{
	struct buf *b = ctx;

	buf_put(b, t, n);
	buf_putc(b, '|');
}

static void
test_terms(void)
{
	struct buf b = BUF_INIT;
	char *f = text_fold("Độ tương tự côsin, kNN và t-SNE; L2 — 3.14!",
	    strlen("Độ tương tự côsin, kNN và t-SNE; L2 — 3.14!"));

	search_terms(f, collect, &b);
	CHECK_STR(buf_str(&b), "do|tuong|tu|cosin|knn|va|t-sne|t|sne|l2|3|14|");
	free(f);
	buf_clear(&b);
	f = text_fold("NHÚNG", 7);
	CHECK_STR(f, "nhung");
	free(f);
}

int
main(void)
{
	RUN(test_terms);
	return test_end("search");
}
