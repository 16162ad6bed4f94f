/* test-auth.c - password hashes, their checks and the password rules. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "quartier.h"
#include "auth.h"
#include "tap.h"

static void
setup(void)
{
	ck_assert_int_eq(auth_init(), 0);
}

START_TEST(test_hash_and_check)
{
	char *hash;

	hash = auth_hash_password("le canal est gelé");
	ck_assert_ptr_nonnull(hash);
	ck_assert_int_eq(strncmp(hash, "$argon2id$", 10), 0);
	ck_assert_uint_lt(strlen(hash), crypto_pwhash_STRBYTES);
	ck_assert_int_eq(auth_check_password(hash, "le canal est gelé"),
	    AUTH_OK);
	ck_assert_int_eq(auth_check_password(hash, "le canal est gele"),
	    AUTH_WRONG);
	ck_assert_int_eq(auth_check_password(hash, ""), AUTH_WRONG);
	free(hash);
}
END_TEST

START_TEST(test_same_password_new_salt)
{
	char *a, *b;

	a = auth_hash_password("tartine beurrée");
	b = auth_hash_password("tartine beurrée");
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_str_ne(a, b);
	free(a);
	free(b);
}
END_TEST

START_TEST(test_no_hash_is_wrong)
{
	ck_assert_int_eq(auth_check_password(NULL, "anything"), AUTH_WRONG);
	ck_assert_int_eq(auth_check_password(NULL, ""), AUTH_WRONG);
	ck_assert_int_eq(auth_check_password("", "anything"), AUTH_WRONG);
	ck_assert_int_eq(auth_check_password("not a hash", "not a hash"),
	    AUTH_WRONG);
	ck_assert_int_eq(auth_check_password("$argon2id$v=19$m=65536,t=2,p=1$",
	    "x"), AUTH_WRONG);
}
END_TEST

static double
cpu_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * An unknown handle must cost an argon2id run like a wrong password.  CPU
 * time, not wall time, and a wide margin: this only tells "same work" from
 * "no work".
 */
START_TEST(test_no_hash_does_the_work)
{
	char *hash;
	double t0, wrong, unknown;

	hash = auth_hash_password("mot de passe du quartier");
	ck_assert_ptr_nonnull(hash);
	t0 = cpu_seconds();
	ck_assert_int_eq(auth_check_password(hash, "autre chose"), AUTH_WRONG);
	wrong = cpu_seconds() - t0;
	t0 = cpu_seconds();
	ck_assert_int_eq(auth_check_password(NULL, "autre chose"), AUTH_WRONG);
	unknown = cpu_seconds() - t0;
	ck_assert_double_gt(unknown, wrong * 0.3);
	free(hash);
}
END_TEST

START_TEST(test_weak_hash_wants_rehash)
{
	char hash[crypto_pwhash_STRBYTES];
	const char *pw = "ancien mot de passe";

	ck_assert_int_eq(crypto_pwhash_str(hash, pw, strlen(pw),
	    crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN), 0);
	ck_assert_int_eq(auth_check_password(hash, pw), AUTH_OK_REHASH);
	ck_assert_int_eq(auth_check_password(hash, "ancien mot de passe!"),
	    AUTH_WRONG);
}
END_TEST

/* An argon2i hash from an older libsodium still opens, then is renewed. */
START_TEST(test_argon2i_hash_wants_rehash)
{
	char hash[crypto_pwhash_STRBYTES];
	const char *pw = "ancien mot de passe";

	ck_assert_int_eq(crypto_pwhash_argon2i_str(hash, pw, strlen(pw),
	    crypto_pwhash_argon2i_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_argon2i_MEMLIMIT_INTERACTIVE), 0);
	ck_assert_int_eq(strncmp(hash, "$argon2i$", 9), 0);
	ck_assert_int_eq(auth_check_password(hash, pw), AUTH_OK_REHASH);
	ck_assert_int_eq(auth_check_password(hash, "autre"), AUTH_WRONG);
}
END_TEST

static void
assert_refused(const char *password)
{
	const char *why = NULL;

	ck_assert_msg(!auth_password_acceptable(password, &why),
	    "\"%s\" accepted", password);
	ck_assert_ptr_nonnull(why);
	ck_assert_uint_gt(strlen(why), 0);
}

static void
assert_accepted(const char *password)
{
	const char *why = "unset";

	ck_assert_msg(auth_password_acceptable(password, &why),
	    "\"%s\" refused: %s", password, why);
	ck_assert_ptr_null(why);
}

START_TEST(test_password_rules)
{
	char long_pw[QUARTIER_PASSWORD_MAX + 2];
	const char *why;
	size_t i;

	assert_refused("");
	assert_refused("court");
	assert_refused("1234567");
	/* 8 bytes but 4 characters: counted in characters */
	assert_refused("éèàç");
	assert_refused("aaaaaaaa");
	assert_refused("aaaaaaaaaaaaaaaaaaaaaaaa");
	assert_refused("éééééééé");
	assert_refused("👍👍👍👍👍👍👍👍👍");
	assert_accepted("12345678");
	assert_accepted("abababab");
	assert_accepted("aaaaaaab");
	assert_accepted("éléphant");
	assert_accepted("été à Strasbourg");

	auth_password_acceptable("court", &why);
	ck_assert_str_eq(why, "A password has at least 8 characters.");

	for (i = 0; i < QUARTIER_PASSWORD_MAX; i++)
		long_pw[i] = 'a' + i % 26;
	long_pw[QUARTIER_PASSWORD_MAX] = '\0';
	assert_accepted(long_pw);
	long_pw[QUARTIER_PASSWORD_MAX] = 'x';
	long_pw[QUARTIER_PASSWORD_MAX + 1] = '\0';
	assert_refused(long_pw);

	ck_assert(auth_password_acceptable("un bon mot de passe", NULL));
	ck_assert(!auth_password_acceptable(NULL, &why));
}
END_TEST

START_TEST(test_free_secret)
{
	auth_free_secret(NULL, 0);
	auth_free_secret(xstrdup("secret du jour"), 0);
	auth_free_secret(xstrdup("secret"), 7);
}
END_TEST

static Suite *
auth_suite(void)
{
	Suite *s = suite_create("auth");
	TCase *tc;

	tc = tcase_create("hash");
	tcase_add_checked_fixture(tc, setup, NULL);
	/* argon2id at the interactive limits takes a while per hash. */
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_hash_and_check);
	tcase_add_test(tc, test_same_password_new_salt);
	tcase_add_test(tc, test_no_hash_is_wrong);
	tcase_add_test(tc, test_no_hash_does_the_work);
	tcase_add_test(tc, test_weak_hash_wants_rehash);
	tcase_add_test(tc, test_argon2i_hash_wants_rehash);
	suite_add_tcase(s, tc);

	tc = tcase_create("rules");
	tcase_add_test(tc, test_password_rules);
	tcase_add_test(tc, test_free_secret);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tap_run(auth_suite());
}
