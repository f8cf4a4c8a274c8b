/* placeholder */
#include "cli.h"
int cmd_build(int argc, char **argv) { return 0; }
int cmd_check(int argc, char **argv) { return 0; }
