/*
 * cmd.h - the subcommands of the broadsheet CLI.
 *
 * Each bs_cmd_* takes the arguments after the subcommand name (argv[0] is
 * the subcommand) and returns the process exit code: 0 ok, 1 some input
 * failed, 2 usage error.  Only the CLI (src/main.c, src/cmd_*.c) prints to
 * the terminal; the library returns errors.
 */
#ifndef BS_CMD_H
#define BS_CMD_H

#define BS_EXIT_OK 0
#define BS_EXIT_INPUT 1
#define BS_EXIT_USAGE 2

int bs_cmd_run(int argc, char **argv);
int bs_cmd_eval(int argc, char **argv);
int bs_cmd_layout(int argc, char **argv);
int bs_cmd_batch(int argc, char **argv);
int bs_cmd_report(int argc, char **argv);
int bs_cmd_reassemble(int argc, char **argv);
int bs_cmd_reflow(int argc, char **argv);

#endif
