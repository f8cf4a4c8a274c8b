/*
 * store/fetch: vecdoc fetch (placeholder filled below).
 */
#include <stdio.h>

#include "cli.h"
#include "store/fetch.h"

int
cmd_fetch(int argc, char **argv)
{
	return 0;
}
