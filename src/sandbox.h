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

#endif
