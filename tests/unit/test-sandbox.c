/*
 * test-sandbox.c - the UI's seccomp filter: what it forbids is fatal or
 * refused, what the UI needs (the store, argon2id, the clock) still works.
 *
 * Each check runs in a child of its own, since the filter cannot be
 * lifted once installed; the child's end (exit status or SIGSYS) is the
 * verdict.
 */
#include "build-config.h"

#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"
#include "fixture.h"
#include "auth.h"
#include "sandbox.h"

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED	1
#endif
#endif

/* Runs FN in a child under the filter; returns the child's wait status.
 * The child ends with _exit(), so no atexit handler of the test runs
 * under the filter. */
static int
sandboxed(int (*fn)(void))
{
	const char *why = NULL;
	pid_t pid;
	int status;

	fflush(NULL);
	ck_assert_int_ge(pid = fork(), 0);
	if (pid == 0) {
		if (sandbox_enter(&why) != 0) {
			fprintf(stderr, "sandbox_enter: %s\n", why);
			_exit(100);
		}
		_exit(fn());
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	return status;
}

static void
assert_killed(int status)
{
	ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS,
	    "expected death by SIGSYS, got %s %d",
	    WIFSIGNALED(status) ? "signal" : "exit status",
	    WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
}

static void
assert_exit_zero(int status)
{
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "expected exit status 0, got %s %d",
	    WIFSIGNALED(status) ? "signal" : "exit status",
	    WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
}

static int
run_true(void)
{
	char *argv[] = { "true", NULL }, *envp[] = { NULL };

	execve("/bin/true", argv, envp);
	return 3;		/* refused instead of fatal: still a failure */
}

static int
inet_socket(void)
{
	return socket(AF_INET, SOCK_STREAM, 0) >= 0 ? 3 : 4;
}

static int
unix_socket(void)
{
	return socket(AF_UNIX, SOCK_STREAM, 0) >= 0 ? 3 : 4;
}

static int
unix_socketpair(void)
{
	int sv[2];

	return socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0 ? 3 : 4;
}

/* A socket opened before the filter (as an attacker might find one)
 * cannot be connected either. */
static int early_socket = -1;

static int
connect_early_socket(void)
{
	struct sockaddr_in sin;

	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons(9);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return connect(early_socket, (struct sockaddr *)&sin, sizeof sin) == 0 ?
	    3 : 4;
}

#ifndef SANITIZED
static int
start_process(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	return 3;
}
#endif

START_TEST(exec_is_fatal)
{
	assert_killed(sandboxed(run_true));
}
END_TEST

START_TEST(network_sockets_are_fatal)
{
	assert_killed(sandboxed(inet_socket));
	assert_killed(sandboxed(unix_socket));
	assert_killed(sandboxed(unix_socketpair));
	ck_assert_int_ge(early_socket = socket(AF_INET, SOCK_STREAM, 0), 0);
	assert_killed(sandboxed(connect_early_socket));
	close(early_socket);
}
END_TEST

/* The sanitizers' leak check needs clone() at exit: those builds allow
 * it (sandbox.c), so the check is for the build residents get. */
START_TEST(new_processes_are_fatal)
{
#ifdef SANITIZED
	ck_assert_int_eq(1, 1);
#else
	assert_killed(sandboxed(start_process));
#endif
}
END_TEST

/* Calls off the list fail with EPERM, not with the process: here making
 * a directory and typing into the terminal (TIOCSTI). */
static int
refused_calls(void)
{
	char c = 'x';
	int fd;

	if (mkdir("/tmp/quartier-sandbox-never", 0700) == 0 || errno != EPERM)
		return 3;
	if ((fd = open("/dev/null", O_RDONLY)) < 0)
		return 4;
	if (ioctl(fd, TIOCSTI, &c) == 0 || errno != EPERM)
		return 5;
	close(fd);
	return 0;
}

START_TEST(other_calls_are_refused)
{
	assert_exit_zero(sandboxed(refused_calls));
}
END_TEST

/*
 * Signals and resource limits are for the UI itself: every process of
 * Quartier runs as one user, so a UI that could send a signal to another
 * process, or change its limits, could end the listener or leave it
 * without a descriptor.  The parent (this test) stands for that process.
 */
static int
signal_and_limits_of_others(void)
{
	struct rlimit old;
	pid_t parent = getppid();

	if (syscall(SYS_tgkill, parent, parent, 0) == 0 || errno != EPERM)
		return 3;
	if (syscall(SYS_prlimit64, parent, RLIMIT_NOFILE, NULL, &old) == 0 ||
	    errno != EPERM)
		return 4;
	/* Its own: a look at its limits, a signal to itself (raise). */
	if (syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &old) != 0)
		return 5;
	if (syscall(SYS_prlimit64, getpid(), RLIMIT_NOFILE, NULL, &old) != 0)
		return 6;
	if (syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), 0) != 0)
		return 7;
	signal(SIGUSR1, SIG_IGN);
	if (raise(SIGUSR1) != 0)
		return 8;
	return 0;
}

START_TEST(signals_and_limits_are_its_own)
{
	assert_exit_zero(sandboxed(signal_and_limits_of_others));
}
END_TEST

/* What a session does: post on the wall and read it back, close the
 * database (SQLite checkpoints and deletes its -wal) and open it again
 * (it makes a new -wal and -shm), hash a password (libsodium's random
 * salt, argon2id's 64 MiB), read the clock and a text file. */
static int
session_work(void)
{
	struct wall_post *posts = NULL;
	struct store *s = NULL;
	struct timespec ts;
	char *err = NULL, *hash, buf[64];
	size_t n = 0;
	int64_t id = 0;
	FILE *f;

	if (store_open(db_path, 0, &s, &err) != 0)
		return 3;
	if (store_wall_add(s, &marie, "info", "Sous filtre", "Texte.",
	    NULL, &id) != STORE_OK)
		return 4;
	if (store_wall_page(s, &marie, NULL, NULL, 10, &posts, &n) !=
	    STORE_OK || n == 0 || strcmp(posts[0].title, "Sous filtre") != 0)
		return 5;
	wall_post_list_free(posts, n);
	store_close(s);
	/* The last connection gone, SQLite checkpoints and deletes -wal. */
	if (access(xasprintf("%s-wal", db_path), F_OK) == 0)
		return 6;
	if (store_open(db_path, 0, &s, &err) != 0)
		return 7;
	posts = NULL;
	if (store_wall_page(s, &karim, NULL, NULL, 10, &posts, &n) !=
	    STORE_OK || n == 0)
		return 8;
	wall_post_list_free(posts, n);
	if (store_wall_add(s, &karim, "info", "Encore", "Texte.", NULL,
	    &id) != STORE_OK)
		return 9;
	store_close(s);
	if ((hash = auth_hash_password("un mot de passe solide")) == NULL)
		return 10;
	if (auth_check_password(hash, "un mot de passe solide") == AUTH_WRONG)
		return 11;
	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		return 12;
	if ((f = fopen("/proc/self/stat", "r")) == NULL)
		return 13;
	if (fgets(buf, sizeof buf, f) == NULL)
		return 14;
	fclose(f);
	return 0;
}

START_TEST(the_store_still_works)
{
	/* The child's connection must be the only one, as in the UI. */
	store_close(st);
	st = NULL;
	assert_exit_zero(sandboxed(session_work));
	/* And the parent, unfiltered, finds what the child wrote. */
	ck_assert_int_eq(count_rows("items"), 2);
}
END_TEST

/* The network stage's sandbox: the same checks, in a child of its own. */
static int
network_sandboxed(int (*fn)(void))
{
	const char *why = NULL;
	pid_t pid;
	int status;

	fflush(NULL);
	ck_assert_int_ge(pid = fork(), 0);
	if (pid == 0) {
		if (sandbox_enter_network(&why) != 0) {
			fprintf(stderr, "sandbox_enter_network: %s\n", why);
			_exit(100);
		}
		_exit(fn());
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	return status;
}

/* No file can be opened, created or grown; the descriptors held still
 * work, and so does a pipe's round trip, the clock and the heap. */
static int
network_files(void)
{
	char buf[4];
	struct timespec ts;
	void *p;
	int fds[2] = { -1, -1 };

	if (open("/etc/passwd", O_RDONLY) >= 0 || errno != EACCES)
		return 3;
	if (openat(AT_FDCWD, "/tmp/quartier-net-never", O_WRONLY | O_CREAT,
	    0600) >= 0 || errno != EACCES)
		return 4;
	if (mkdir("/tmp/quartier-net-never", 0700) == 0 || errno != EPERM)
		return 5;
	if (pipe(fds) == 0)
		return 6;	/* no new descriptor: pipe is not allowed */
	if (write(early_socket, "ok", 2) != 2 ||
	    read(early_socket, buf, 2) != 2)
		return 7;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 8;
	if ((p = malloc(1 << 20)) == NULL)
		return 9;
	free(p);
	return 0;
}

static int
network_exec_memory(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p != MAP_FAILED || errno != EPERM)
		return 3;
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE |
	    MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return 4;
	if (mprotect(p, 4096, PROT_READ | PROT_EXEC) == 0 || errno != EPERM)
		return 5;
	return 0;
}

static int
network_limits(void)
{
	struct rlimit r;

	if (getrlimit(RLIMIT_NPROC, &r) != 0 || r.rlim_cur != 0)
		return 3;
	if (getrlimit(RLIMIT_FSIZE, &r) != 0 || r.rlim_cur != 0)
		return 4;
	/* One above the highest descriptor held: room for one more. */
	if (getrlimit(RLIMIT_NOFILE, &r) != 0 || r.rlim_cur > 1026 ||
	    fcntl(0, F_DUPFD, (int)r.rlim_cur - 1) < 0 ||
	    fcntl(0, F_DUPFD, (int)r.rlim_cur) >= 0)
		return 5;
#ifndef SANITIZED
	/* prctl() itself is refused: no way to become dumpable again.  (The
	 * sanitizers' filter allows it: LeakSanitizer needs it.) */
	if (prctl(PR_SET_DUMPABLE, 1) == 0 || errno != EPERM)
		return 6;
#endif
	return 0;
}

#ifndef SANITIZED
static int
network_signal_parent(void)
{
	kill(getppid(), SIGTERM);
	return 3;
}
#endif

START_TEST(network_stage_sandbox)
{
	int sv[2];

	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	ck_assert_int_eq(write(sv[1], "ok", 2), 2);
	early_socket = sv[0];
	assert_exit_zero(network_sandboxed(network_files));
	assert_exit_zero(network_sandboxed(network_exec_memory));
	assert_exit_zero(network_sandboxed(network_limits));
	assert_killed(network_sandboxed(run_true));
	assert_killed(network_sandboxed(inet_socket));
	assert_killed(network_sandboxed(unix_socketpair));
#ifndef SANITIZED
	assert_killed(network_sandboxed(start_process));
	assert_killed(network_sandboxed(network_signal_parent));
#endif
	assert_exit_zero(network_sandboxed(signal_and_limits_of_others));
	close(sv[0]);
	close(sv[1]);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("sandbox");
	TCase *tc = tcase_create("filter");

	if (auth_init() != 0)
		return 99;
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, exec_is_fatal);
	tcase_add_test(tc, network_sockets_are_fatal);
	tcase_add_test(tc, new_processes_are_fatal);
	tcase_add_test(tc, other_calls_are_refused);
	tcase_add_test(tc, signals_and_limits_are_its_own);
	tcase_add_test(tc, network_stage_sandbox);
	tcase_add_test(tc, the_store_still_works);
	suite_add_tcase(s, tc);
	return tap_run(s);
}
