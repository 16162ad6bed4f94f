/*
 * test-broker.c - the broker knows which network stage speaks: each
 * stage has a socket of its own, and what it says counts for its own
 * connection only, under the id the listener gave it.  A stage cannot
 * tell the listener that another connection (or itself) is logged in:
 * the listener hears that from the broker alone, and a stage that sends
 * a message of the listener's is cut off.
 */
#include "build-config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"
#include "fixture.h"
#include "auth.h"
#include "config.h"
#include "privsep.h"
#include "session.h"

#define PASSWORD	"un mot de passe de test"

static struct config cfg;
static int control = -1;
static pid_t broker = -1;

/* A stand-in for a network stage: a process the broker may kill. */
static pid_t
stage_process(void)
{
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

/* Hand the broker connection ID of stage PID; returns the stage's end
 * of its socket. */
static int
hand_over(const char *id, pid_t pid)
{
	char pidtext[16];
	int sv[2];

	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0,
	    sv), 0);
	snprintf(pidtext, sizeof pidtext, "%ld", (long)pid);
	ck_assert_int_eq(msg_send(control, sv[1], MSG_CONN, id, pidtext,
	    "192.0.2.1", "4242", (char *)NULL), 0);
	close(sv[1]);
	return sv[0];
}

/* The next word of the broker to the listener, waiting for it. */
static void
listener_hears(struct msg *m)
{
	struct pollfd pfd = { control, POLLIN, 0 };

	ck_assert_int_eq(poll(&pfd, 1, 60000), 1);
	ck_assert_int_eq(msg_recv(control, m), 1);
}

static void
setup(void)
{
	char *hash;
	int sv[2];
	struct broker_params bp;

	fixture_setup();
	ck_assert_ptr_nonnull(hash = auth_hash_password(PASSWORD));
	ck_assert_int_eq(store_resident_set_password(st, marie.resident_id,
	    hash), STORE_OK);
	auth_free_secret(hash, 0);
	config_defaults(&cfg);
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0,
	    sv), 0);
	broker = fork();
	ck_assert_int_ge(broker, 0);
	if (broker == 0) {
		close(sv[0]);
		memset(&bp, 0, sizeof bp);
		bp.control_fd = sv[1];
		bp.config = &cfg;
		bp.config_path = "/dev/null";
		bp.db_path = db_path;
		_exit(broker_run(&bp));
	}
	close(sv[1]);
	control = sv[0];
}

static void
teardown(void)
{
	close(control);
	kill(broker, SIGKILL);
	waitpid(broker, NULL, 0);
	config_free(&cfg);
	fixture_teardown();
}

START_TEST(a_stage_speaks_for_itself_only)
{
	struct msg m;
	pid_t one = stage_process(), two = stage_process();
	int sock_one = hand_over("1", one), sock_two = hand_over("2", two);
	int status;

	/* Stage two logs in: the listener hears of connection 2, whatever
	 * stage two might claim to be. */
	ck_assert_int_eq(msg_send(sock_two, -1, MSG_PASSWORD, "marie",
	    PASSWORD, (char *)NULL), 0);
	ck_assert_int_eq(msg_recv(sock_two, &m), 1);
	ck_assert_int_eq(m.type, MSG_AUTH);
	ck_assert_str_eq(msg_str(&m, 0), "ok");
	listener_hears(&m);
	ck_assert_int_eq(m.type, MSG_IN);
	ck_assert_str_eq(msg_str(&m, 0), "2");

	/* Stage two then tells the listener that connection 1 is in. */
	ck_assert_int_eq(msg_send(sock_two, -1, MSG_IN, "1", (char *)NULL), 0);
	/* Connection 1 still waits for its own login, and fails it: the
	 * broker has read stage two's message by the time that answer
	 * comes, after a password check. */
	ck_assert_int_eq(msg_send(sock_one, -1, MSG_PASSWORD, "marie",
	    "pas le bon", (char *)NULL), 0);
	ck_assert_int_eq(msg_recv(sock_one, &m), 1);
	ck_assert_int_eq(m.type, MSG_AUTH);
	ck_assert_str_eq(msg_str(&m, 0), "no");
	/* The listener never heard that connection 1 was in. */
	ck_assert_int_eq(recv(control, m.buf, sizeof m.buf, MSG_DONTWAIT), -1);
	ck_assert_int_eq(errno, EAGAIN);
	/* Stage two, which spoke out of turn, is cut off; stage one is
	 * untouched. */
	ck_assert_int_eq(waitpid(two, &status, 0), two);
	ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	ck_assert_int_eq(waitpid(one, &status, WNOHANG), 0);

	kill(one, SIGKILL);
	waitpid(one, NULL, 0);
	close(sock_one);
	close(sock_two);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("broker");
	TCase *tc = tcase_create("broker");

	if (auth_init() != 0)
		return 99;
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, a_stage_speaks_for_itself_only);
	suite_add_tcase(s, tc);
	return tap_run(s);
}
