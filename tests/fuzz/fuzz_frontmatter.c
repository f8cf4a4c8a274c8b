/*
 * tests/fuzz/fuzz_frontmatter: libFuzzer target for a page's front
 * matter (site_front_matter: the "---" block, YAML, title, weight,
 * draft...) on the page text in an exact-size allocation. Must never
 * crash, leak or read past the text; the body starts inside it.
 */
#include "fuzz.h"
#include "site/site.h"
#include "util/diag.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char src[] = "m/page.md", abs[] = "content/m/page.md";
	struct page pg;
	struct diaglist dl;

	if (size > 16384)
		return 0;
	memset(&pg, 0, sizeof(pg));
	pg.src = src;
	pg.abs = abs;
	pg.text = fuzz_copy(data, size);
	pg.textlen = size;
	diaglist_init(&dl);
	site_front_matter(&pg, &dl);
	if (pg.body_off > size || pg.title == NULL)
		__builtin_trap();
	free(pg.title);
	free(pg.description);
	free(pg.text);
	diaglist_clear(&dl);
	return 0;
}
