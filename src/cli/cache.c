/*
 * cli/cache: `vecdoc cache status [PAGE]` and `vecdoc cache clear`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "site/build.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

static const char cache_help[] =
"usage: vecdoc cache status [-C DIR] [PAGE]\n"
"       vecdoc cache clear [-C DIR]\n"
"status: each directive of the course (or of PAGE, a path relative to the\n"
"content directory) with 'fresh' when the next build takes its result\n"
"from the result cache, or 'stale' and why: never built, which options or\n"
"body changed, which declared data changed (by content, not by date).\n"
"Runs no kernel and writes nothing.\n"
"clear: removes the content directory's .vecdoc-cache (results, pages,\n"
"file digests, converted .vds files and the part files of interrupted\n"
"tensor downloads).\n"
"  -C DIR    the content directory (default: ./content if it holds\n"
"            vecdoc.yml, else .)\n";

int
cmd_cache(int argc, char **argv)
{
	const char *root = NULL, *page = NULL, *verb = NULL;
	struct build_opts o;
	struct build_stats st;
	struct diaglist dl;
	struct buf out = BUF_INIT;
	int i, rc;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(cache_help, stdout);
			return 0;
		} else if (strcmp(a, "-C") == 0) {
			if (i + 1 >= argc)
				return cli_usage_error("cache", "-C needs a directory");
			root = argv[++i];
		} else if (a[0] == '-')
			return cli_usage_error("cache", "unknown option '%s'", a);
		else if (verb == NULL)
			verb = a;
		else if (page == NULL && strcmp(verb, "status") == 0)
			page = a;
		else
			return cli_usage_error("cache", "unexpected argument '%s'", a);
	}
	if (verb == NULL)
		return cli_usage_error("cache", "status or clear?");
	if (root == NULL)
		root = !fs_exists("vecdoc.yml") && fs_exists("content/vecdoc.yml") ?
		    "content" : ".";
	if (strcmp(verb, "clear") == 0) {
		char *dir = fs_join(root, ".vecdoc-cache");

		rc = fs_exists(dir) && fs_rmtree(dir) != 0;
		if (rc)
			fprintf(stderr, "vecdoc cache: cannot remove %s\n", dir);
		else
			printf("removed %s\n", dir);
		free(dir);
		return rc;
	}
	if (strcmp(verb, "status") != 0)
		return cli_usage_error("cache", "unknown action '%s' (status or clear)",
		    verb);
	memset(&o, 0, sizeof(o));
	o.root = root;
	o.check_only = 1;
	o.status = &out;
	o.status_page = page;
	diaglist_init(&dl);
	rc = site_build(&o, &dl, &st);
	diaglist_print(stderr, &dl);
	fwrite(out.data ? out.data : "", 1, out.len, stdout);
	diaglist_clear(&dl);
	buf_clear(&out);
	return rc == 0 ? 0 : 1;
}
