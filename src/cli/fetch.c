/*
 * cli/fetch: `vecdoc fetch`, the front end of store/fetch.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "store/fetch.h"

static const char fetch_help[] =
"usage: vecdoc fetch [-C DIR] [--dry-run] [--no-convert] [--quiet]\n"
"Obtains every file DIR/vecdoc.yml declares (spaces: and files:) that is\n"
"missing: from the directories in $VECDOC_MIRROR (colon-separated) first,\n"
"then from the declared npm packages and https URLs (one tensor of a\n"
"safetensors file by HTTP range requests for a url: with tensor:);\n"
"verifies the declared sha256, converts to the declared format, records\n"
"the source in PATH.source, and fills the .vds cache (DIR/.vecdoc-cache).\n"
"A tensor whose transfer broke (or was interrupted) is resumed by the next\n"
"run from its part file in DIR/.vecdoc-cache/fetch, unless the file on the\n"
"server changed. On a terminal, downloads show a progress bar.\n"
"Data declared optional: true that no source yields is reported\n"
"unavailable without failing.\n"
"  -C DIR         the content directory (default: .)\n"
"  --dry-run      say what would be tried\n"
"  --no-convert   do not fill the .vds cache\n"
"  --quiet        print only diagnostics (no messages, no progress bar)\n";

int
cmd_fetch(int argc, char **argv)
{
	const char *dir = ".";
	int i, dry = 0, noconv = 0, quiet = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(fetch_help, stdout);
			return 0;
		} else if (strcmp(argv[i], "-C") == 0) {
			if (i + 1 >= argc)
				return cli_usage_error("fetch", "-C needs a directory");
			dir = argv[++i];
		} else if (strcmp(argv[i], "--dry-run") == 0)
			dry = 1;
		else if (strcmp(argv[i], "--no-convert") == 0)
			noconv = 1;
		else if (strcmp(argv[i], "--quiet") == 0 ||
		    strcmp(argv[i], "-q") == 0)
			quiet = 1;
		else
			return cli_usage_error("fetch", "unknown argument %s",
			    argv[i]);
	}
	return fetch_all(dir, dry, noconv, quiet);
}
