/*
 * test-throttle.c - the arithmetic of quartierd's limits: sources by
 * address and /64, the penalty tables (growing, forgetting, not flushed
 * by one source), the listener's copy of who is kept out, and which
 * connection gives way under max_startups.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "auth.h"
#include "throttle.h"

static struct throttle_keys k;
static const char *keys[THROTTLE_LEVELS];

static const char *const *
source(const char *address)
{
	throttle_source_keys(address, &k);
	throttle_key_list(&k, keys);
	return keys;
}

START_TEST(sources_by_address_and_64)
{
	throttle_source_keys("192.0.2.77", &k);
	ck_assert_str_eq(k.key[0], "192.0.2.77");
	ck_assert_str_eq(k.key[1], "192.0.2.0/24");
	ck_assert_str_eq(k.key[2], "192.0.0.0/16");
	throttle_source_keys("2001:db8:1:2:aaaa:bbbb:cccc:dddd", &k);
	ck_assert_str_eq(k.key[0], "2001:db8:1:2::/64");
	ck_assert_str_eq(k.key[1], "2001:db8:1::/48");
	ck_assert_str_eq(k.key[2], "2001:db8::/32");
	/* Two machines of one /64 are one source. */
	throttle_source_keys("2001:db8:1:2::1", &k);
	ck_assert_str_eq(k.key[0], "2001:db8:1:2::/64");
	throttle_source_keys("::ffff:198.51.100.4", &k);
	ck_assert_str_eq(k.key[0], "198.51.100.4");
	throttle_source_keys("?", &k);
	ck_assert_str_eq(k.key[0], "?");
	ck_assert_str_eq(k.key[2], "?");
}
END_TEST

START_TEST(penalty_grows_then_forgets)
{
	struct penalty_table t;
	int failures;
	time_t now = 1000;

	penalty_init(&t, 64, THROTTLE_LEVELS, 3, 300);
	ck_assert_int_eq(penalty_fail(&t, source("192.0.2.1"), now, NULL,
	    NULL), 0);
	ck_assert_int_eq(penalty_fail(&t, source("192.0.2.1"), now, NULL,
	    NULL), 0);
	ck_assert_int_eq(penalty_fail(&t, source("192.0.2.1"), now, NULL,
	    &failures), 1);
	ck_assert_int_eq(failures, 3);
	ck_assert_int_eq(penalty_fail(&t, source("192.0.2.1"), now, NULL,
	    NULL), 2);
	ck_assert_int_eq(penalty_fail(&t, source("192.0.2.1"), now, NULL,
	    NULL), 4);
	ck_assert_int_eq(penalty_wait(&t, source("192.0.2.1"), now + 1), 3);
	ck_assert_int_eq(penalty_wait(&t, source("192.0.2.2"), now), 0);
	/* The longest pause is max_delay. */
	for (failures = 0; failures < 20; failures++)
		penalty_fail(&t, source("192.0.2.1"), now, NULL, NULL);
	ck_assert_int_eq(penalty_wait(&t, source("192.0.2.1"), now), 300);
	ck_assert_int_eq(penalty_wait(&t, source("192.0.2.1"), now + 300), 0);
	/* Quiet for twice max_delay: it starts afresh. */
	ck_assert_int_eq(penalty_fail(&t, source("192.0.2.1"), now + 601,
	    NULL, &failures), 0);
	ck_assert_int_eq(failures, 1);
	penalty_free(&t);
}
END_TEST

START_TEST(penalty_cleared_for_its_source_only)
{
	struct penalty_table t;
	int i;

	penalty_init(&t, 64, THROTTLE_LEVELS, 2, 300);
	for (i = 0; i < 4; i++)
		penalty_fail(&t, source("192.0.2.1"), 100, NULL, NULL);
	ck_assert_int_gt(penalty_wait(&t, source("192.0.2.1"), 100), 0);
	ck_assert(!penalty_clear(&t, source("192.0.2.9"), 100));
	ck_assert_int_gt(penalty_wait(&t, source("192.0.2.1"), 100), 0);
	ck_assert(penalty_clear(&t, source("192.0.2.1"), 100));
	ck_assert_int_eq(penalty_wait(&t, source("192.0.2.1"), 100), 0);
	penalty_free(&t);
}
END_TEST

/*
 * One source with many addresses (a /48, a /16) cannot flush the table:
 * past THROTTLE_PER_NET addresses of one net, the net itself is counted,
 * and every address in it waits.  Another source's penalty stays.
 */
START_TEST(penalty_not_flushed_by_one_source)
{
	struct penalty_table t;
	char address[64];
	const char *counted;
	int i;

	penalty_init(&t, 4096, THROTTLE_LEVELS, 2, 300);
	for (i = 0; i < 4; i++)
		penalty_fail(&t, source("198.51.100.7"), 100, NULL, NULL);
	ck_assert_int_gt(penalty_wait(&t, source("198.51.100.7"), 100), 0);
	/* 10,000 addresses of one IPv6 /32, each failing three times. */
	for (i = 0; i < 10000; i++) {
		snprintf(address, sizeof address, "2001:db8:%x:%x::1", i / 256,
		    i % 256);
		penalty_fail(&t, source(address), 101, NULL, NULL);
		penalty_fail(&t, source(address), 101, NULL, NULL);
		penalty_fail(&t, source(address), 101, &counted, NULL);
	}
	ck_assert_str_eq(counted, "2001:db8::/32");
	ck_assert_uint_le(t.n, 1 + THROTTLE_PER_NET * (THROTTLE_PER_NET + 1) + 1);
	ck_assert_int_gt(penalty_wait(&t, source("198.51.100.7"), 101), 0);
	/* A new address of that /32 waits with the others. */
	ck_assert_int_gt(penalty_wait(&t, source("2001:db8:ffff:1::9"), 101),
	    0);
	/* So do IPv4 addresses of one /16 past the first nets. */
	for (i = 0; i < 5000; i++) {
		snprintf(address, sizeof address, "203.0.%d.%d", i / 200,
		    i % 200);
		penalty_fail(&t, source(address), 102, NULL, NULL);
		penalty_fail(&t, source(address), 102, NULL, NULL);
	}
	ck_assert_uint_le(t.n, 2 * (1 + THROTTLE_PER_NET * (THROTTLE_PER_NET + 1) +
	    1));
	ck_assert_int_gt(penalty_wait(&t, source("198.51.100.7"), 102), 0);
	ck_assert_int_gt(penalty_wait(&t, source("203.0.250.1"), 102), 0);
	penalty_free(&t);
}
END_TEST

/* A full table drops the quietest entry first, one kept out last. */
START_TEST(penalty_full_table_keeps_who_waits)
{
	struct penalty_table t;
	char address[64];
	int i;

	penalty_init(&t, 8, THROTTLE_LEVELS, 2, 300);
	for (i = 0; i < 12; i++)
		penalty_fail(&t, source("192.0.2.1"), 100, NULL, NULL);
	for (i = 0; i < 50; i++) {
		snprintf(address, sizeof address, "10.%d.0.1", i);
		penalty_fail(&t, source(address), 100 + i, NULL, NULL);
	}
	ck_assert_uint_eq(t.n, 8);
	ck_assert_int_gt(penalty_wait(&t, source("192.0.2.1"), 101), 0);
	penalty_free(&t);
}
END_TEST

START_TEST(keepout_copy)
{
	struct keepout_table t;
	struct throttle_keys ks;

	keepout_init(&t, 4);
	keepout_set(&t, "192.0.2.1", 110);
	keepout_set(&t, "2001:db8:1::/48", 120);
	throttle_source_keys("192.0.2.1", &ks);
	ck_assert_int_eq(keepout_wait(&t, &ks, 100), 10);
	throttle_source_keys("2001:db8:1:7::3", &ks);
	ck_assert_int_eq(keepout_wait(&t, &ks, 100), 20);
	throttle_source_keys("192.0.2.2", &ks);
	ck_assert_int_eq(keepout_wait(&t, &ks, 100), 0);
	keepout_set(&t, "192.0.2.1", 0);
	throttle_source_keys("192.0.2.1", &ks);
	ck_assert_int_eq(keepout_wait(&t, &ks, 100), 0);
	throttle_source_keys("2001:db8:1:7::3", &ks);
	ck_assert_int_eq(keepout_wait(&t, &ks, 121), 0);
	ck_assert_uint_eq(t.n, 0);
	keepout_free(&t);
}
END_TEST

static struct startup_conn conns[200];

static size_t
flood(const char *from, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		conns[i].source = from;
		conns[i].started = (double)i;
		conns[i].unauthenticated = true;
	}
	return n;
}

START_TEST(startups_drop_the_flood)
{
	const struct config_startups m = { 10, 30, 100 };
	size_t n, victim = 999;
	int i;

	n = flood("192.0.2.66", 9);
	ck_assert_int_eq(throttle_startup(&m, conns, n, "192.0.2.1", &victim),
	    STARTUP_TAKE);
	/* Full of one source: a newcomer from elsewhere takes the place of
	 * its oldest connection; one more from the flood is refused. */
	n = flood("192.0.2.66", 100);
	conns[0].started = 5;
	conns[3].started = -1;
	ck_assert_int_eq(throttle_startup(&m, conns, n, "192.0.2.1", &victim),
	    STARTUP_DROP);
	ck_assert_uint_eq(victim, 3);
	ck_assert_int_eq(throttle_startup(&m, conns, n, "192.0.2.66", &victim),
	    STARTUP_REFUSE);
	/* Between begin and full a newcomer from elsewhere always gets in. */
	n = flood("192.0.2.66", 50);
	for (i = 0; i < 100; i++)
		ck_assert_int_ne(throttle_startup(&m, conns, n, "192.0.2.1",
		    &victim), STARTUP_REFUSE);
	/* Logged-in sessions do not count. */
	n = flood("192.0.2.66", 100);
	for (i = 0; i < 95; i++)
		conns[i].unauthenticated = false;
	ck_assert_int_eq(throttle_startup(&m, conns, n, "192.0.2.66", &victim),
	    STARTUP_TAKE);
}
END_TEST

/*
 * The draw is libsodium's: seeding the C library's random() the same
 * way twice does not give the same decisions twice (time ^ pid did,
 * for any two listeners started in the same second with the same pid).
 */
START_TEST(startups_draw_is_not_random3)
{
	const struct config_startups m = { 10, 50, 100 };
	char first[201], second[201];
	size_t n, victim;
	int i;

	n = flood("192.0.2.66", 55);
	srandom(42);
	for (i = 0; i < 200; i++)
		first[i] = throttle_startup(&m, conns, n, "192.0.2.66",
		    &victim) == STARTUP_TAKE ? 't' : 'r';
	srandom(42);
	for (i = 0; i < 200; i++)
		second[i] = throttle_startup(&m, conns, n, "192.0.2.66",
		    &victim) == STARTUP_TAKE ? 't' : 'r';
	first[200] = second[200] = '\0';
	ck_assert_str_ne(first, second);
	ck_assert_ptr_nonnull(strchr(first, 't'));
	ck_assert_ptr_nonnull(strchr(first, 'r'));
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("throttle");
	TCase *tc = tcase_create("throttle");

	if (auth_init() != 0)
		return 99;
	/* Tens of thousands of failures: seconds under the sanitizers. */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, sources_by_address_and_64);
	tcase_add_test(tc, penalty_grows_then_forgets);
	tcase_add_test(tc, penalty_cleared_for_its_source_only);
	tcase_add_test(tc, penalty_not_flushed_by_one_source);
	tcase_add_test(tc, penalty_full_table_keeps_who_waits);
	tcase_add_test(tc, keepout_copy);
	tcase_add_test(tc, startups_drop_the_flood);
	tcase_add_test(tc, startups_draw_is_not_random3);
	suite_add_tcase(s, tc);
	return tap_run(s);
}
