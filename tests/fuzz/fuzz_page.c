/*
 * tests/fuzz/fuzz_page: libFuzzer target for the whole Markdown page
 * pipeline, driven from memory: front matter, cmark-gfm, math, directive
 * fences run on a real site's data (the 12-word space, corpora and files
 * of tests/directives/site, or the site named by $VECDOC_FUZZ_SITE),
 * headings and ids, link checks, rendering. The input is the page's
 * bytes, in an exact-size allocation. Must never crash, leak or read past
 * the page; problems become located diagnostics.
 */
#include "fuzz.h"
#include "md/markdown.h"
#include "site/site.h"
#include "store/data.h"
#include "util/diag.h"
#include "util/yamltree.h"

static struct site site;
static struct md_env env;
static int ready;

/* Data names declared in the site's vecdoc.yml, as the build checks
 * them (without the did-you-mean). */
static int
names_ok(void *ctx, enum opt_type type, const char *name, char *hint,
    size_t hintsz)
{
	const struct site *s = ctx;
	const char *key = type == OPT_SPACE ? "spaces" :
	    type == OPT_CORPUS ? "corpora" : "files";
	const struct ynode *sec = ynode_get(s->cfg.root, key);

	if (sec != NULL && ynode_index(sec, name) >= 0)
		return 1;
	snprintf(hint, hintsz, " (not in vecdoc.yml)");
	return 0;
}

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
	env.site = &site;
	env.names_ok = names_ok;
	env.names_ctx = &site;
	env.data = data_new(site.cfg.root, site.cfg.file, root, &dl);
	diaglist_clear(&dl);
	ready = 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char src[] = "fuzz.md", abs[] = "content/fuzz.md";
	static char out[] = "fuzz.html", dir[] = "";
	struct page pg;
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
	md_page_parse(&pg, &env);
	md_page_render(&pg, &env);
	md_page_free(&pg);
	free(pg.title);
	free(pg.description);
	free(pg.text);
	diaglist_clear(&dl);
	return 0;
}
