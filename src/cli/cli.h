/*
 * cli/cli.h: the subcommands main.c dispatches to, each in its own file
 * under src/cli/. Each takes the arguments after its name (argv[0] is the subcommand) and returns the exit status:
 * 0 success, 1 content or data errors, 2 bad usage. Each prints its own
 * --help. None calls exit().
 */
#ifndef VECDOC_CLI_H
#define VECDOC_CLI_H

int	 cmd_build(int argc, char **argv);	/* src/cli/build.c */
int	 cmd_check(int argc, char **argv);	/* src/cli/build.c */
int	 cmd_run(int argc, char **argv);	/* src/cli/run.c */
int	 cmd_serve(int argc, char **argv);	/* src/cli/serve.c */
int	 cmd_convert(int argc, char **argv);	/* src/cli/store.c */
int	 cmd_info(int argc, char **argv);	/* src/cli/store.c */
int	 cmd_fetch(int argc, char **argv);	/* src/cli/fetch.c */
int	 cmd_tokenize(int argc, char **argv);	/* src/cli/tokenize.c */
int	 cmd_cache(int argc, char **argv);	/* src/cli/cache.c */
int	 cmd_import(int argc, char **argv);	/* src/cli/import.c */
int	 cmd_train(int argc, char **argv);	/* src/cli/train.c */
int	 cmd_new(int argc, char **argv);	/* src/cli/new.c */

/* Usage errors (src/cli/usage.c) print "vecdoc CMD: MSG" and a hint; returns 2. */
int	 cli_usage_error(const char *cmd, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
