/*
 * test-util.c - poll_signals(): a signal blocked except while waiting is
 * handled at the next turn even when a descriptor is ready every time
 * (plain ppoll() would leave it pending for as long as that lasts).
 */
#include "build-config.h"

#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "quartier.h"

static volatile sig_atomic_t got;

static void
on_signal(int sig)
{
	(void)sig;
	got = 1;
}

START_TEST(signal_gets_in_beside_a_ready_descriptor)
{
	struct sigaction sa;
	struct pollfd pfd;
	sigset_t handled, waiting;
	int p[2];

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	ck_assert_int_eq(sigaction(SIGUSR1, &sa, NULL), 0);
	sigemptyset(&handled);
	sigaddset(&handled, SIGUSR1);
	ck_assert_int_eq(sigprocmask(SIG_BLOCK, &handled, &waiting), 0);
	/* A pipe at its end is readable for ever. */
	ck_assert_int_eq(pipe(p), 0);
	close(p[1]);
	got = 0;
	raise(SIGUSR1);
	pfd.fd = p[0];
	pfd.events = POLLIN;
	ck_assert_int_eq(poll_signals(&pfd, 1, -1, &waiting), 1);
	ck_assert_int_eq(got, 1);
	/* And the mask is the loop's again. */
	got = 0;
	raise(SIGUSR1);
	ck_assert_int_eq(got, 0);
	ck_assert_int_eq(poll_signals(&pfd, 1, 0, &waiting), 1);
	ck_assert_int_eq(got, 1);
	close(p[0]);
}
END_TEST

START_TEST(timeout_is_kept)
{
	sigset_t none;

	sigemptyset(&none);
	ck_assert_int_eq(poll_signals(NULL, 0, 10, &none), 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("util");
	TCase *tc = tcase_create("poll_signals");

	tcase_add_test(tc, signal_gets_in_beside_a_ready_descriptor);
	tcase_add_test(tc, timeout_is_kept);
	suite_add_tcase(s, tc);
	return tap_run(s);
}
