/*
 * site/cmd: the build and check subcommands.
 * Reads the command line; runs site_build; prints diagnostics and a
 * summary. Never exits (main.c does).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "site/build.h"
#include "util/fsutil.h"

static const char build_help[] =
"usage: vecdoc build [-C DIR] [-o OUTDIR] [-j N] [--strict] [--quiet] [--drafts]\n"
"                    [--no-cache] [--allow-missing-data]\n"
"\n"
"Builds the site in content directory DIR (default: ./content if it has a\n"
"vecdoc.yml, else .) into OUTDIR (default: 'output' beside DIR). The new\n"
"site is written to a temporary directory and swapped in at the end: a\n"
"failed build leaves the previous output untouched.\n"
"\n"
"Pages whose text, navigation, theme and data are unchanged since the last\n"
"successful build (same vecdoc binary and options) are taken from\n"
"DIR/.vecdoc-cache/pages.bin instead of running their directives again.\n"
"\n"
"  -C DIR      content directory (holds vecdoc.yml and index.md)\n"
"  -o OUTDIR   output directory (never inside DIR)\n"
"  -j N        pages processed in parallel (default: number of CPUs)\n"
"  --strict    warnings (e.g. bad TeX) are errors\n"
"  --quiet     print only diagnostics\n"
"  --drafts    include pages marked draft: true\n"
"  --no-cache  build every page (the cache is neither read nor written;\n"
"              also when VECDOC_NO_CACHE is set to anything but 0)\n"
"  --allow-missing-data\n"
"              directives whose data is not fetched yet show a marked box\n"
"              (\"data not fetched: run vecdoc fetch\"), a warning each, and\n"
"              their pages are listed; with --strict the build fails\n"
"\n"
"Exit status: 0 built, 1 the content has errors, 2 bad usage.\n";

static const char check_help[] =
"usage: vecdoc check [-C DIR] [-j N] [--strict] [--quiet] [--drafts]\n"
"                    [--allow-missing-data]\n"
"\n"
"Does everything a build does — front matter, directives and their data,\n"
"links and anchors — except writing output. Exit status as for build.\n";

static int
build_main(int argc, char **argv, int check)
{
	const char *cmd = check ? "check" : "build";
	struct build_opts o;
	struct build_stats st;
	struct diaglist diags;
	int i, quiet = 0, rc;
	char *end;

	memset(&o, 0, sizeof(o));
	o.persist = !check && (getenv("VECDOC_NO_CACHE") == NULL ||
	    strcmp(getenv("VECDOC_NO_CACHE"), "") == 0 ||
	    strcmp(getenv("VECDOC_NO_CACHE"), "0") == 0);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(check ? check_help : build_help, stdout);
			return 0;
		} else if (strcmp(a, "-C") == 0 && i + 1 < argc)
			o.root = argv[++i];
		else if (strcmp(a, "-o") == 0 && i + 1 < argc && !check)
			o.outdir = argv[++i];
		else if (strcmp(a, "-j") == 0 && i + 1 < argc) {
			o.jobs = (int)strtol(argv[++i], &end, 10);
			if (*end != '\0' || o.jobs < 1 || o.jobs > 64)
				return cli_usage_error(cmd,
				    "-j needs a number from 1 to 64, not '%s'", argv[i]);
		} else if (strcmp(a, "--strict") == 0)
			o.strict = 1;
		else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0)
			quiet = 1;
		else if (strcmp(a, "--drafts") == 0)
			o.drafts = 1;
		else if (strcmp(a, "--allow-missing-data") == 0)
			o.allow_missing = 1;
		else if (strcmp(a, "--no-cache") == 0 && !check)
			o.persist = 0;
		else if (a[0] == '-')
			return cli_usage_error(cmd, "unknown option '%s'", a);
		else
			return cli_usage_error(cmd, "unexpected argument '%s'", a);
	}
	if (o.root == NULL)
		o.root = !fs_exists("vecdoc.yml") && fs_exists("content/vecdoc.yml") ?
		    "content" : ".";
	o.check_only = check;
	diaglist_init(&diags);
	rc = site_build(&o, &diags, &st);
	diaglist_print(stderr, &diags);
	if (st.placeholders > 0)
		fprintf(stderr, "vecdoc %s: data not fetched: %zu directive%s "
		    "shown as placeholders (run `vecdoc fetch`), on:\n%s", cmd,
		    st.placeholders, st.placeholders == 1 ? "" : "s",
		    st.placeholder_pages);
	free(st.placeholder_pages);
	if (rc != 0) {
		fprintf(stderr, "vecdoc %s: %zu error%s, %zu warning%s%s\n", cmd,
		    diags.nerrors, diags.nerrors == 1 ? "" : "s",
		    diags.nwarnings, diags.nwarnings == 1 ? "" : "s",
		    check ? "" : "; the previous output is left as it was");
		diaglist_clear(&diags);
		return 1;
	}
	if (!quiet && st.rebuilt < st.pages)
		fprintf(stderr, "vecdoc %s: %zu pages (%zu from the cache), "
		    "%zu directives, %zu warning%s, %zu files in %.2f s\n", cmd,
		    st.pages, st.pages - st.rebuilt, st.directives,
		    diags.nwarnings, diags.nwarnings == 1 ? "" : "s", st.files,
		    st.seconds);
	else if (!quiet)
		fprintf(stderr, "vecdoc %s: %zu pages, %zu directives, %zu warning%s%s%zu files in %.2f s\n",
		    cmd, st.pages, st.directives, diags.nwarnings,
		    diags.nwarnings == 1 ? "" : "s", check ? ", " : ", ",
		    st.files, st.seconds);
	diaglist_clear(&diags);
	return 0;
}

int
cmd_build(int argc, char **argv)
{
	return build_main(argc, argv, 0);
}

int
cmd_check(int argc, char **argv)
{
	return build_main(argc, argv, 1);
}
