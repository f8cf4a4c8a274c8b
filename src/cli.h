/*
 * cli.h: the subcommands main.c dispatches to. Each takes the arguments
 * after its name (argv[0] is the subcommand) and returns the exit status:
 * 0 success, 1 content or data errors, 2 bad usage. Each prints its own
 * --help. None calls exit().
 */
#ifndef VECDOC_CLI_H
#define VECDOC_CLI_H

int	 cmd_build(int argc, char **argv);	/* src/site/cmd.c */
int	 cmd_check(int argc, char **argv);	/* src/site/cmd.c */
int	 cmd_run(int argc, char **argv);	/* src/directives/cmd_run.c */
int	 cmd_serve(int argc, char **argv);	/* src/site/serve.c */
int	 cmd_convert(int argc, char **argv);	/* src/store/cmd.c */
int	 cmd_info(int argc, char **argv);	/* src/store/cmd.c */
int	 cmd_fetch(int argc, char **argv);	/* src/store/cmd.c */
int	 cmd_tokenize(int argc, char **argv);	/* src/tok/cmd.c */
int	 cmd_train(int argc, char **argv);	/* src/corpus/train_cmd.c */

/* Usage errors print "vecdoc CMD: MSG" and a hint; returns 2. */
int	 cli_usage_error(const char *cmd, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
