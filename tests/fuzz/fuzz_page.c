/*
 * tests/fuzz/fuzz_page: libFuzzer target for the whole Markdown page
 * pipeline, driven from memory: front matter, cmark-gfm, math, directive
 * fences run on a real site's data (the 12-word space, corpora and files
 * of tests/directives/site, or the site named by $VECDOC_FUZZ_SITE),
 * headings and ids, link checks, rendering. The input is the page's
 * bytes, in an exact-size allocation. Must never crash, leak or read past
 * the page; problems become located diagnostics.
 */
#include "data/data.h"
#include "directives/run.h"
#include "fuzz.h"
#include "md/markdown.h"
#include "site/site.h"
#include "util/diag.h"
#include "util/yamltree.h"

static struct site site;
static struct md_env env;
static struct drun dr;
static int ready;

static void
setup(void)
{
	const char *root = getenv("VECDOC_FUZZ_SITE");
	struct diaglist dl;

	if (root == NULL || *root == '\0')
		root = "tests/directives/site";
	diaglist_init(&dl);
	md_init();
	if (site_scan(&site, root, 0, &dl) != 0 || dl.nerrors > 0) {
		diaglist_print(stderr, &dl);
		fprintf(stderr, "fuzz_page: set VECDOC_FUZZ_SITE to a valid "
		    "content directory (tests/directives/site)\n");
		abort();
	}
	memset(&dr, 0, sizeof(dr));
	drun_init(&dr);
	dr.data = data_new(site.cfg.root, site.cfg.file, root, &dl);
	dr.cfg = site.cfg.root;
	dr.lang = "en";
	env.run = drun_block;
	env.run_ctx = &dr;
	env.role = drun_role;
	env.role_ctx = &dr;
	env.resolve = site_resolve_link;
	env.resolve_ctx = &site;
	diaglist_clear(&dl);
	ready = 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char src[] = "fuzz.md", abs[] = "content/fuzz.md";
	static char out[] = "fuzz.html", dir[] = "";
	struct page pg;
	struct md_source ms;
	struct diaglist dl;

	if (size > 32768)
		return 0;
	if (!ready)
		setup();
	memset(&pg, 0, sizeof(pg));
	pg.src = src;
	pg.abs = abs;
	pg.out = out;
	pg.dir = dir;
	pg.text = fuzz_copy(data, size);
	pg.textlen = size;
	diaglist_init(&dl);
	site_front_matter(&pg, &dl);
	site_md_source(&pg, &ms);
	md_page_parse(&ms, &env);
	md_page_render(&ms, &env);
	md_doc_free(ms.doc);
	free(pg.title);
	free(pg.description);
	free(pg.text);
	diaglist_clear(&dl);
	return 0;
}
