/*
 * cli/usage: the one way a front end reports a usage error.
 */
#include <stdarg.h>
#include <stdio.h>

#include "cli/cli.h"

int
cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "vecdoc %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'vecdoc %s --help'.\n", cmd);
	return 2;
}
