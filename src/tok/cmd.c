/*
 * tok/cmd: the tokenize subcommand (placeholder until tokenizers land).
 */
#include "cli.h"

int
cmd_tokenize(int argc, char **argv)
{
	return cli_usage_error("tokenize", "not available yet");
}
