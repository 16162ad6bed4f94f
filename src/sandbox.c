/*
 * sandbox.c - the seccomp filters of the UI and of quartierd's network
 * stage (see sandbox.h).
 *
 * An allow-list: what the UI does once started (read and write the
 * terminal and the database, allocate memory, tell the time, handle its
 * signals) is allowed, and the few calls whose only use would be an
 * attacker's are fatal:
 *
 *	- running a program (execve, execveat) or starting a process (fork,
 *	  vfork, clone without CLONE_THREAD, clone3, whose flags a filter
 *	  cannot see);
 *	- any socket (socket, socketpair, connect, bind, listen, accept): the
 *	  UI speaks only to its terminal, quartierd does the network;
 *	- looking into or changing other processes (ptrace,
 *	  process_vm_readv/writev).
 *
 * Signals (tgkill) and resource limits (prlimit64) are allowed on the UI
 * itself only: every process of Quartier runs as one user, and the
 * listener is one of them.
 *
 * These kill the whole process (SIGSYS) rather than fail: a UI that tries
 * one is no longer running Quartier's code, and must not get a second
 * try.  Every other call missing from the list fails with EPERM, so that
 * a library's harmless probe (a statfs, a sysinfo) is an error it already
 * handles, not a session lost.  Calls of another architecture (the i386
 * entry on x86_64) kill the process too, so the list cannot be walked
 * around.
 *
 * Paths cannot be checked by a filter (the kernel gives it a pointer), so
 * open/openat stay allowed: SQLite creates its -wal, -shm and -journal
 * files next to the database when it needs them, and the texts (charter,
 * kindness lists) and catalogues are read on demand.  What the process
 * may open is what its user may open; quartierd runs it as an unprivileged
 * system user.
 *
 * Builds with the sanitizers get three more calls: LeakSanitizer checks
 * the heap at exit from a helper it starts with clone() and that ptrace()s
 * the program.  Those builds are for tests, never installed.
 */
#include "build-config.h"

#include "sandbox.h"

#ifdef HAVE_SECCOMP

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <termios.h>
#include <unistd.h>

#include <seccomp.h>

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED	1
#endif
#endif

/* What a running UI calls, named so that libseccomp maps each to this
 * architecture's number; a name the architecture lacks (open on arm64)
 * is skipped. */
static const char *const allowed[] = {
	/* The terminal, the database, the texts. */
	"read", "write", "readv", "writev", "pread64", "pwrite64",
	"preadv", "pwritev", "lseek", "close", "open", "openat",
	"stat", "fstat", "lstat", "newfstatat", "statx", "access",
	"faccessat", "faccessat2", "readlink", "readlinkat", "getcwd",
	"fcntl", "flock", "fsync", "fdatasync", "ftruncate", "unlink",
	"unlinkat", "dup", "dup2", "dup3", "getdents64",
	/* SQLite gives a new -wal or -shm its database's mode and, as root,
	 * its owner: on its own descriptors only. */
	"fchmod", "fchown",
	/* Memory: the heap, argon2id's buffer, SQLite's -shm mapping. */
	"mmap", "munmap", "mprotect", "mremap", "brk", "madvise",
	/* libsodium's random numbers (salts, session tokens). */
	"getrandom",
	/* Waiting for keys and for the clock. */
	"poll", "ppoll", "select", "pselect6", "clock_gettime",
	"clock_getres", "gettimeofday", "time", "nanosleep",
	"clock_nanosleep",
	/* Signals: SIGWINCH for a resize, SIGTERM/SIGHUP to end.  tgkill
	 * (raise, abort) and prlimit64 are below: for this process only. */
	"rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "sigaltstack",
	"getpid", "gettid", "restart_syscall",
	/* Leaving the session of a terminal that hung up (screens/input.c). */
	"setsid",
	/* Who am I (SQLite, ncurses); futex for locks in the C library. */
	"getuid", "geteuid", "getgid", "getegid", "getppid", "uname",
	"futex", "sched_yield", "getrlimit",
	"exit", "exit_group",
};

/* The terminal's ioctl requests (termios, window size); any other
 * request, TIOCSTI above all (typing into the terminal), is refused. */
static const unsigned long tty_requests[] = {
	TCGETS, TCSETS, TCSETSW, TCSETSF, TIOCGWINSZ, FIONREAD, TCFLSH,
	TCSBRK, TCXONC, TIOCGPGRP,
};

static const char *const fatal[] = {
	"execve", "execveat", "fork", "vfork", "clone3",
	"socket", "socketpair", "connect", "bind", "listen", "accept",
	"accept4", "process_vm_readv", "process_vm_writev",
#ifndef SANITIZED
	"ptrace",
#endif
};

#ifdef SANITIZED
static const char *const sanitizer_extra[] = {
	"ptrace", "wait4", "prctl", "kill", "sched_getaffinity", "getdents",
};
#endif

static int
add_named(scmp_filter_ctx ctx, uint32_t action, const char *name)
{
	int nr = seccomp_syscall_resolve_name(name);

	if (nr == __NR_SCMP_ERROR)
		return 0;
	return seccomp_rule_add(ctx, action, nr, 0);
}

/*
 * Every process of Quartier runs as one user: a signal or a new limit
 * allowed on any process would let a UI end the listener, or leave it
 * without a descriptor (RLIMIT_NOFILE 0).  tgkill (raise, abort) and
 * prlimit64 are allowed on this process only: its own pid as the target,
 * or 0 for prlimit64 ("myself").  Any other target fails with EPERM.
 */
static int
sandbox_allow_self(scmp_filter_ctx ctx)
{
	scmp_datum_t self = (scmp_datum_t)getpid();

	if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(tgkill), 1,
	    SCMP_A0(SCMP_CMP_EQ, self)) != 0 ||
	    seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(prlimit64), 1,
	    SCMP_A0(SCMP_CMP_EQ, self)) != 0 ||
	    seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(prlimit64), 1,
	    SCMP_A0(SCMP_CMP_EQ, 0)) != 0)
		return -1;
	return 0;
}

int
sandbox_enter(const char **why)
{
	scmp_filter_ctx ctx;
	uint32_t kill;
	size_t i;

	/* KILL_PROCESS (Linux 4.14) ends every thread; older kernels only
	 * know killing the thread that called. */
	kill = seccomp_api_get() >= 3 ? SCMP_ACT_KILL_PROCESS : SCMP_ACT_KILL;
	if ((ctx = seccomp_init(SCMP_ACT_ERRNO(EPERM))) == NULL) {
		*why = "seccomp_init failed";
		return -1;
	}
	/* The i386 and x32 entries are not in this filter: calling them is
	 * fatal, not a way around the list. */
	if (seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, kill) != 0)
		goto fail;
	for (i = 0; i < sizeof allowed / sizeof *allowed; i++)
		if (add_named(ctx, SCMP_ACT_ALLOW, allowed[i]) != 0)
			goto fail;
	for (i = 0; i < sizeof fatal / sizeof *fatal; i++)
		if (add_named(ctx, kill, fatal[i]) != 0)
			goto fail;
	for (i = 0; i < sizeof tty_requests / sizeof *tty_requests; i++)
		if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 1,
		    SCMP_A1(SCMP_CMP_MASKED_EQ, 0xffffffffUL,
		    tty_requests[i])) != 0)
			goto fail;
	if (sandbox_allow_self(ctx) != 0)
		goto fail;
#ifdef SANITIZED
	for (i = 0; i < sizeof sanitizer_extra / sizeof *sanitizer_extra; i++)
		if (add_named(ctx, SCMP_ACT_ALLOW, sanitizer_extra[i]) != 0)
			goto fail;
	if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(clone), 0) != 0)
		goto fail;
#else
	/* A thread (CLONE_THREAD) would be harmless, a new process not. */
	if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(clone), 1,
	    SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, CLONE_THREAD)) != 0 ||
	    seccomp_rule_add(ctx, kill, SCMP_SYS(clone), 1,
	    SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, 0)) != 0)
		goto fail;
#endif
	/* seccomp_load() also sets no_new_privs, which the kernel requires
	 * of an unprivileged process and which keeps setuid programs from
	 * gaining anything (not that any could be run). */
	if (seccomp_load(ctx) != 0)
		goto fail;
	seccomp_release(ctx);
	return 0;
fail:
	seccomp_release(ctx);
	*why = "the kernel refused the seccomp filter";
	return -1;
}

/*
 * The network stage: what libssh, OpenSSL and the bridge call once the
 * connection is accepted.  They read and write the client's socket
 * (recvfrom, sendto), the broker's (recvmsg, sendmsg, which also carries
 * the pty master) and the pty master, wait in poll, allocate memory, tell
 * the time and draw random numbers.  Nothing that names a path is here:
 * open and its kin fail with EACCES (a library that looks for a file
 * lazily gets an answer it handles), and whatever else is missing fails
 * with EPERM.  Running a program, starting a process or a thread (the
 * stage has none), making a socket, signalling another process and
 * looking into one are fatal, as in the UI.  Memory may not be made
 * executable.
 */
static const char *const network_allowed[] = {
	"read", "write", "readv", "writev", "recvfrom", "sendto", "recvmsg",
	"sendmsg", "shutdown", "close", "fcntl", "lseek", "fstat",
	"poll", "ppoll", "select", "pselect6",
	"brk", "munmap", "mremap", "madvise",
	"futex", "getrandom", "clock_gettime", "clock_getres",
	"gettimeofday", "time", "nanosleep", "clock_nanosleep",
	"rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "sigaltstack",
	"restart_syscall", "getpid", "gettid", "getuid", "geteuid", "getgid",
	"getegid", "getppid", "sched_yield", "exit", "exit_group",
};

static const char *const network_fatal[] = {
	"execve", "execveat", "fork", "vfork", "clone3",
	"socket", "socketpair", "connect", "bind", "listen", "accept",
	"accept4", "process_vm_readv", "process_vm_writev", "tkill",
#ifndef SANITIZED
	"clone", "ptrace", "kill",
#endif
};

static const char *const network_paths[] = {
	"open", "openat", "openat2", "creat",
};

/* The pty master's window size, and whether a read would block. */
static const unsigned long network_ioctls[] = {
	TIOCSWINSZ, TIOCGWINSZ, FIONREAD, FIONBIO,
};

/*
 * Limits, before the filter: no file may grow (RLIMIT_FSIZE 0), no
 * process be made (RLIMIT_NPROC 0) and no core be dumped; descriptors
 * stop one above the highest held now, room for the pty master to come.
 */
static int
network_limits(void)
{
	struct rlimit zero = { 0, 0 }, files;
	int fd, highest = 2;

	for (fd = 0; fd < 1024; fd++) {
		if (fcntl(fd, F_GETFD) != -1)
			highest = fd;
	}
	files.rlim_cur = files.rlim_max = (rlim_t)highest + 2;
	if (setrlimit(RLIMIT_FSIZE, &zero) != 0 ||
	    setrlimit(RLIMIT_NPROC, &zero) != 0 ||
	    setrlimit(RLIMIT_CORE, &zero) != 0 ||
	    setrlimit(RLIMIT_NOFILE, &files) != 0)
		return -1;
	return 0;
}

int
sandbox_enter_network(const char **why)
{
	scmp_filter_ctx ctx;
	uint32_t kill;
	size_t i;

	if (network_limits() != 0) {
		*why = "setrlimit failed";
		return -1;
	}
	/* Not dumpable: no core, and no other process of this user may
	 * ptrace it or read its memory through /proc. */
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0 ||
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
		*why = "prctl failed";
		return -1;
	}
	kill = seccomp_api_get() >= 3 ? SCMP_ACT_KILL_PROCESS : SCMP_ACT_KILL;
	if ((ctx = seccomp_init(SCMP_ACT_ERRNO(EPERM))) == NULL) {
		*why = "seccomp_init failed";
		return -1;
	}
	if (seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, kill) != 0)
		goto fail;
	for (i = 0; i < sizeof network_allowed / sizeof *network_allowed; i++)
		if (add_named(ctx, SCMP_ACT_ALLOW, network_allowed[i]) != 0)
			goto fail;
	for (i = 0; i < sizeof network_fatal / sizeof *network_fatal; i++)
		if (add_named(ctx, kill, network_fatal[i]) != 0)
			goto fail;
	for (i = 0; i < sizeof network_paths / sizeof *network_paths; i++)
		if (add_named(ctx, SCMP_ACT_ERRNO(EACCES), network_paths[i]) != 0)
			goto fail;
	for (i = 0; i < sizeof network_ioctls / sizeof *network_ioctls; i++)
		if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 1,
		    SCMP_A1(SCMP_CMP_MASKED_EQ, 0xffffffffUL,
		    network_ioctls[i])) != 0)
			goto fail;
	/* fstat() on a descriptor: newfstatat(fd, "", buf, AT_EMPTY_PATH). */
	if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(newfstatat), 1,
	    SCMP_A3(SCMP_CMP_MASKED_EQ, AT_EMPTY_PATH, AT_EMPTY_PATH)) != 0)
		goto fail;
	/* Memory, never executable. */
	if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(mmap), 1,
	    SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0)) != 0 ||
	    seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(mprotect), 1,
	    SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0)) != 0)
		goto fail;
	if (sandbox_allow_self(ctx) != 0)
		goto fail;
#ifdef SANITIZED
	for (i = 0; i < sizeof sanitizer_extra / sizeof *sanitizer_extra; i++)
		if (add_named(ctx, SCMP_ACT_ALLOW, sanitizer_extra[i]) != 0)
			goto fail;
	if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(clone), 0) != 0)
		goto fail;
#endif
	if (seccomp_load(ctx) != 0)
		goto fail;
	seccomp_release(ctx);
	return 0;
fail:
	seccomp_release(ctx);
	*why = "the kernel refused the seccomp filter";
	return -1;
}

#else /* !HAVE_SECCOMP: not Linux */

int
sandbox_enter(const char **why)
{
	(void)why;
	return 0;
}

int
sandbox_enter_network(const char **why)
{
	(void)why;
	return 0;
}

#endif
