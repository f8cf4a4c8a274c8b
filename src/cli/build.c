/*
 * cli/build: the build and check subcommands.
 * Reads the command line; runs site_build; prints diagnostics and a
 * summary. Never exits (main.c does).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/*
 * What a build shows while it runs. On a terminal (stderr), one status
 * line redrawn in place: the page and directive running and, for long
 * kernels, a bar of the fraction done; it is erased at the end, before
 * the diagnostics. Otherwise plain lines on stdout, one per directive
 * ("page FILE: {NAME}"), so that logs say where a slow build spends its
 * time and stderr keeps only diagnostics. --quiet shows nothing.
 */
struct display {
	pthread_mutex_t	 lock;
	int		 tty;
	int		 shown;		/* a status line is on screen */
	int		 pct;		/* last percentage drawn, -1: none */
	const char	*root;		/* content directory: names are shown
					   relative to it */
	char		 line[300];	/* "page FILE: {NAME}" being drawn */
};

static void
display_draw(struct display *dp, double done)
{
	char bar[21];
	int i, n;

	if (done < 0) {
		fprintf(stderr, "\r\033[K%.*s", 76, dp->line);
	} else {
		n = (int)(done * 20 + 0.5);
		for (i = 0; i < 20; i++)
			bar[i] = i < n ? '#' : '.';
		bar[20] = '\0';
		fprintf(stderr, "\r\033[K%.*s [%s] %3d%%", 48, dp->line, bar,
		    (int)(done * 100));
	}
	fflush(stderr);
	dp->shown = 1;
}

static void
display_notify(void *ctx, const char *file, const char *name, double done)
{
	struct display *dp = ctx;
	size_t rl = strlen(dp->root);
	int pct;

	if (file == NULL) {
		/* The build is about to print: clear the status line. */
		pthread_mutex_lock(&dp->lock);
		if (dp->tty && dp->shown) {
			fputs("\r\033[K", stderr);
			fflush(stderr);
			dp->shown = 0;
		}
		pthread_mutex_unlock(&dp->lock);
		return;
	}
	if (strncmp(file, dp->root, rl) == 0 && file[rl] == '/')
		file += rl + 1;
	while (strncmp(file, "./", 2) == 0)
		file += 2;
	pthread_mutex_lock(&dp->lock);
	if (done < 0) {
		if (name != NULL)
			snprintf(dp->line, sizeof(dp->line), "page %s: {%s}",
			    file, name);
		else
			snprintf(dp->line, sizeof(dp->line), "page %s", file);
		dp->pct = -1;
		if (dp->tty)
			display_draw(dp, -1);
		else if (name != NULL) {
			printf("%s\n", dp->line);
			fflush(stdout);
		}
	} else if (dp->tty) {
		/* Redraw when the percentage moves (and for this directive). */
		snprintf(dp->line, sizeof(dp->line), "page %s: {%s}", file, name);
		pct = (int)(done * 100);
		if (pct != dp->pct) {
			dp->pct = pct;
			display_draw(dp, done);
		}
	}
	pthread_mutex_unlock(&dp->lock);
}

static int
build_main(int argc, char **argv, int check)
{
	const char *cmd = check ? "check" : "build";
	struct build_opts o;
	struct build_stats st;
	struct diaglist diags;
	struct display dp;
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
	memset(&dp, 0, sizeof(dp));
	pthread_mutex_init(&dp.lock, NULL);
	dp.tty = isatty(2);
	dp.pct = -1;
	dp.root = o.root;
	if (!quiet) {
		o.notify = display_notify;
		o.notify_ctx = &dp;
	}
	rc = site_build(&o, &diags, &st);
	if (dp.shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	pthread_mutex_destroy(&dp.lock);
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
		fprintf(stderr, "vecdoc %s: %zu pages, %zu directives, %zu warning%s, %zu files in %.2f s\n",
		    cmd, st.pages, st.directives, diags.nwarnings,
		    diags.nwarnings == 1 ? "" : "s", st.files, st.seconds);
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
