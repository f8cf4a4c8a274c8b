/*
 * cli/serve: `vecdoc serve`, the front end of site/serve.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "site/serve.h"
#include "util/fsutil.h"

static const char serve_help[] =
"usage: vecdoc serve [-C DIR] [-o OUTDIR] [--port N] [--bind ADDR] [-j N]\n"
"\n"
"Builds the site, serves it on http://127.0.0.1:N/ (default port 8000) and\n"
"rebuilds when a file in DIR or the theme changes; open pages reload by\n"
"themselves. A build error is shown in the page and here, and the last\n"
"good site keeps being served. --bind 0.0.0.0 serves other machines too.\n";

int
cmd_serve(int argc, char **argv)
{
	const char *root = NULL, *bind = "127.0.0.1", *outdir = NULL;
	long port = 8000;
	int i, jobs = 0, rc;
	char *end;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(serve_help, stdout);
			return 0;
		} else if (strcmp(a, "-C") == 0 && i + 1 < argc)
			root = argv[++i];
		else if (strcmp(a, "-o") == 0 && i + 1 < argc)
			outdir = argv[++i];
		else if (strcmp(a, "--port") == 0 && i + 1 < argc) {
			port = strtol(argv[++i], &end, 10);
			if (*end != '\0' || port < 1 || port > 65535)
				return cli_usage_error("serve",
				    "--port needs a number from 1 to 65535, not '%s'", argv[i]);
		} else if (strcmp(a, "--bind") == 0 && i + 1 < argc)
			bind = argv[++i];
		else if (strcmp(a, "-j") == 0 && i + 1 < argc)
			jobs = (int)strtol(argv[++i], NULL, 10);
		else
			return cli_usage_error("serve", "unknown argument '%s'", a);
	}
	if (root == NULL)
		root = !fs_exists("vecdoc.yml") && fs_exists("content/vecdoc.yml") ?
		    "content" : ".";
	rc = site_serve(root, outdir, bind, port, jobs);
	if (rc == -1)
		return cli_usage_error("serve",
		    "--bind needs an IPv4 address, not '%s'", bind);
	return rc;
}
