/*
 * store/cmd: the convert, info and fetch subcommands (placeholder until the
 * embedding store lands: each says so and fails).
 */
#include <stdio.h>

#include "cli.h"

int
cmd_convert(int argc, char **argv)
{
	return cli_usage_error("convert", "not available yet");
}

int
cmd_info(int argc, char **argv)
{
	return cli_usage_error("info", "not available yet");
}

int
cmd_fetch(int argc, char **argv)
{
	return 0;
}
