/*
 * sandbox.h - the UI's seccomp filter.
 *
 * Once quartier has opened everything it needs (configuration, message
 * catalogue, time zone, database, terminal), it gives up every system call
 * a terminal program on a database has no use for.  Whatever finds a hole
 * in the UI, through a resident's keys or a crafted database, can then
 * neither run a program nor open a network connection.
 */
#ifndef QUARTIER_SANDBOX_H
#define QUARTIER_SANDBOX_H

/*
 * Installs the filter in the calling process, for good: it cannot be
 * lifted, and every process or thread started afterwards inherits it.
 * Returns 0, or -1 with a reason (static, English) in *WHY when the
 * kernel or libseccomp refused it.
 */
int	sandbox_enter(const char **why);

/*
 * The sandbox of quartierd's network stage, the process that parses what
 * an SSH client sends (doc/HACKING): no new process or file (RLIMIT_NPROC
 * and RLIMIT_FSIZE 0), no more descriptors than it holds now and one to
 * receive (the pty master), no core dump and no ptrace by others, no new
 * privileges, and a seccomp filter that lets it speak only through the
 * descriptors it has: no socket, no file opened, no program run, no
 * signal or limit for another process.  Returns 0, or -1 with a reason
 * (static, English) in *WHY.
 */
int	sandbox_enter_network(const char **why);

#endif
