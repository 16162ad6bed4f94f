/*
 * test-auth.c - password hashes, their checks and the password rules; SSH
 * public keys as residents paste them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "quartier.h"
#include "auth.h"
#include "text.h"
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

/*
 * Public keys made with ssh-keygen (OpenSSH 9.2), and the fingerprints
 * "ssh-keygen -lf" printed for them.  The two security keys were put
 * together from the ed25519 and ECDSA keys above them, with the
 * application "ssh:", as a FIDO token makes them.
 */
#define KEY_ED25519_B64 "AAAAC3NzaC1lZDI1NTE5AAAAIO5rmoCnG6HBxLhRxp7iTAkt" \
	"PNHugf3msTY0E0cuQl5K"
#define KEY_ED25519 "ssh-ed25519 " KEY_ED25519_B64 " marie@portable"
#define KEY_ED25519_FP "SHA256:4HAHUxfcSpY27k21oeKR0mBvOe06uAy2DGx7ZO7DqBk"
#define KEY_RSA1024 "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDL1WJuO1Gc9BVc19" \
	"bY8mWu9BhOJzmasTnPe26DiT6X/qMNPBGV/HXKVbk0vk8goBr4u27pfGXb1P+T0rkX" \
	"kuxGag2yF4qlpGYy8LPv3bro4sDuw9UIRYIFMaJZi4lnlyh6NZKWGi0CwCAfF7irwC" \
	"a3jw7bif+j2aGKm29oapeS6w== vieux"

static const struct {
	const char	*line;
	const char	*algorithm;
	const char	*fingerprint;
	const char	*comment;
} good_keys[] = {
	{ KEY_ED25519, "ssh-ed25519", KEY_ED25519_FP, "marie@portable" },
	{ "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNT"
	  "YAAABBBLOLKYw+S2Roc127f7yzoLcdPNZ7Jo1NyykUEntoEm3Flp2LxgCMQxY459D"
	  "nhWle0B0l7cQMafo22h/XSLAOu44= karim@bureau",
	  "ecdsa-sha2-nistp256",
	  "SHA256:OMbMQ1/9AF+WE+rluFMCsBnz/HyIN1gwQAQhDN0sJDQ", "karim@bureau" },
	/* Without a comment, ssh-keygen leaves a space at the end. */
	{ "ecdsa-sha2-nistp521 AAAAE2VjZHNhLXNoYTItbmlzdHA1MjEAAAAIbmlzdHA1Mj"
	  "EAAACFBAAlcBETXV+z9kQkxS2jx/spR+xvxEigbhP6ver11+ZDeGK8UqOGT1EXIm/o"
	  "OP+aGXU9AC4c0Nzzl5hyT+GUt3epKQFW6TgwJYUJ4R3xkjEArpI+2EHHrRc6aqZaW7"
	  "1WwezJl/9MLlgI9WpKIi6b96OI/CtEapkFZ0s237I8Ccb0urTPcQ== ",
	  "ecdsa-sha2-nistp521",
	  "SHA256:eVmVjdLs0yKsXs2Mn6boK9oZ9I9PTS7mzQszAtKQl40", "" },
	{ "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQCKhDPbq3A4dH9cRmQvoO4wEExla1"
	  "WwpEntuGt7Z0A7/gLQyLQzH3ICLJETaxwZzNRQZpsvONtkGx+BvKyY0vuRBWlOv+pt"
	  "IFuwOICTUn0BwP15uVM7+HqhYR0r7ghwxITRXz3WVonzLxu4+doTXV00v1YIqWEL/O"
	  "vCVGdCzDfPjHBKMll65naJfjX3FDEB2ihjBQpVWje/pzOqVEd+x0LXq34FBvjKk9Da"
	  "T/eEoINdv852swMnba2yMTcepMrdJ2uTSRpXU5Fqa1VevNcNszdc3w/ZQUQrRUCGOp"
	  "ctCYOBm5Hf5pNB8EvsGQlSQo4T41F3lnzXjbPkJTDJHebZrW/Xb9eavJKpSR/fs0zL"
	  "9AYfGrkH3etO5b1OHbhdwaunM1gnO0bNPbQ6XI2KeJb5dO4RT6dL2ta4ObWExIbTt+"
	  "0V2kUX0VHyjFtkJmAEFex1dkH5POfa6nqC39raVQ2inDxBmjVm/0f6Mj8PGqDATbjv"
	  "WTP1EijtWLX15kYyg43Sr3c= odile@maison",
	  "ssh-rsa",
	  "SHA256:U7MmAJqQbMuV93tLyu20nVRzZlvcKJozln4TliDqKX8", "odile@maison" },
	{ "sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29t"
	  "AAAAIO5rmoCnG6HBxLhRxp7iTAktPNHugf3msTY0E0cuQl5KAAAABHNzaDo= "
	  "cle@securite",
	  "sk-ssh-ed25519@openssh.com",
	  "SHA256:F03eP5J+Py0SX5BKiGh+6zZw7JFDkrYE/zsyDvn5wNY", "cle@securite" },
	{ "sk-ecdsa-sha2-nistp256@openssh.com AAAAInNrLWVjZHNhLXNoYTItbmlzdHAy"
	  "NTZAb3BlbnNzaC5jb20AAAAIbmlzdHAyNTYAAABBBLOLKYw+S2Roc127f7yzoLcdPN"
	  "Z7Jo1NyykUEntoEm3Flp2LxgCMQxY459DnhWle0B0l7cQMafo22h/XSLAOu44AAAAE"
	  "c3NoOg== jeton",
	  "sk-ecdsa-sha2-nistp256@openssh.com",
	  "SHA256:7kzeS2sxI9izW+lBlDM35jmwLk84aF7GhjOC2aay6Vw", "jeton" },
};

START_TEST(test_key_accepted)
{
	struct auth_public_key key;
	const char *why = "unset", *line = good_keys[_i].line;

	ck_assert_msg(auth_parse_public_key(line, &key, &why) == 0,
	    "%s refused: %s", good_keys[_i].algorithm, why);
	ck_assert_ptr_null(why);
	ck_assert_str_eq(key.algorithm, good_keys[_i].algorithm);
	ck_assert_str_eq(key.fingerprint, good_keys[_i].fingerprint);
	ck_assert_str_eq(key.comment, good_keys[_i].comment);
	/* The key itself is the second word of the line. */
	ck_assert_int_eq(strncmp(key.base64, line + strlen(key.algorithm) + 1,
	    strlen(key.base64)), 0);
	ck_assert_int_eq(line[strlen(key.algorithm) + 1 + strlen(key.base64)],
	    ' ');
	auth_public_key_clear(&key);
	ck_assert_ptr_null(key.fingerprint);
}
END_TEST

/* White space around the line, a pasted "\r\n", tabs between the words. */
START_TEST(test_key_white_space)
{
	struct auth_public_key key;

	ck_assert_int_eq(auth_parse_public_key("  \t" KEY_ED25519 " \r\n", &key,
	    NULL), 0);
	ck_assert_str_eq(key.fingerprint, KEY_ED25519_FP);
	ck_assert_str_eq(key.comment, "marie@portable");
	auth_public_key_clear(&key);
	ck_assert_int_eq(auth_parse_public_key("ssh-ed25519\t" KEY_ED25519_B64
	    "\t  Marie,  ordinateur du salon  ", &key, NULL), 0);
	ck_assert_str_eq(key.base64, KEY_ED25519_B64);
	ck_assert_str_eq(key.comment, "Marie,  ordinateur du salon");
	auth_public_key_clear(&key);
}
END_TEST

/* The comment is resident text: cleaned, one line, and cut when long. */
START_TEST(test_key_comment)
{
	struct auth_public_key key;
	const char *why;
	char line[512];

	ck_assert_int_eq(auth_parse_public_key("ssh-ed25519 " KEY_ED25519_B64
	    " clé de Zoé \033]0;titre\007(portable)", &key, NULL), 0);
	ck_assert_str_eq(key.comment, "clé de Zoé (portable)");
	auth_public_key_clear(&key);

	snprintf(line, sizeof line, "ssh-ed25519 %s %s%s", KEY_ED25519_B64,
	    "éé", "abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij "
	    "abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij "
	    "abcdefghij");
	ck_assert_int_eq(auth_parse_public_key(line, &key, NULL), 0);
	ck_assert_uint_eq(text_chars(key.comment), QUARTIER_KEY_COMMENT_MAX);
	ck_assert_int_eq(strncmp(key.comment, "ééabcdefghij ab", 16), 0);
	auth_public_key_clear(&key);

	ck_assert_int_eq(auth_parse_public_key("ssh-ed25519 " KEY_ED25519_B64
	    " Zo\xe9", &key, &why), -1);
	ck_assert_str_eq(why, "The comment after the key is not valid UTF-8.");
	ck_assert_ptr_null(key.algorithm);
}
END_TEST

/* LINE is refused, and WANT (when not NULL) is the reason. */
static void
assert_key_refused(const char *line, const char *want)
{
	struct auth_public_key key;
	const char *why = NULL;

	ck_assert_msg(auth_parse_public_key(line, &key, &why) == -1,
	    "\"%s\" accepted", line);
	ck_assert_ptr_nonnull(why);
	ck_assert_uint_gt(strlen(why), 0);
	if (want != NULL)
		ck_assert_str_eq(why, want);
	ck_assert_ptr_null(key.algorithm);
	ck_assert_ptr_null(key.base64);
	ck_assert_ptr_null(key.fingerprint);
	ck_assert_ptr_null(key.comment);
}

START_TEST(test_key_refused)
{
	const char *damaged = "This key is damaged: was the whole line pasted?";
	char *big;
	size_t i;

	assert_key_refused(KEY_RSA1024,
	    "This RSA key is too short; use an ed25519 key.");
	assert_key_refused("", "There is no key here: paste the line of your "
	    ".pub file.");
	assert_key_refused(" \t\r\n", NULL);
	assert_key_refused(NULL, NULL);
	assert_key_refused("bonjour les voisins", "This is not an SSH public "
	    "key: paste the line of your .pub file.");
	assert_key_refused("ssh-ed25519", "The key is missing after its type: "
	    "paste the whole line.");
	assert_key_refused("ssh-ed25519 pas*du*base64 marie", damaged);
	/* Padding missing, then a line cut in the middle of the key. */
	assert_key_refused("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIO5rmoCnG6HBxL"
	    "hRxp7iTAktPNHugf3msTY0E0cuQl5", damaged);
	assert_key_refused("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIO5rmoCnG6HBxL"
	    "hRxp7iTAktPNHugf3msTY0", damaged);
	assert_key_refused("ssh-rsa " KEY_ED25519_B64 " marie", "The type "
	    "before the key does not match the key itself.");
	assert_key_refused("ecdsa-sha2-nistp256 " KEY_ED25519_B64, "The type "
	    "before the key does not match the key itself.");
	assert_key_refused("from=\"10.0.0.1\" " KEY_ED25519, "Options before "
	    "the key (from=, command=...) are not accepted.");
	assert_key_refused("command=\"echo bonjour\",no-pty " KEY_ED25519,
	    "Options before the key (from=, command=...) are not accepted.");
	assert_key_refused("ssh-dss AAAAB3NzaC1kc3MAAACBAP1 vieux", "This type "
	    "of key is not accepted; use an ed25519 key.");
	assert_key_refused("-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXkt"
	    "djEAAAAABG5vbmUAAAAEbm9uZQ -----END OPENSSH PRIVATE KEY-----",
	    "This is your private key: keep it secret and paste the .pub line "
	    "instead.");
	assert_key_refused(KEY_ED25519 " " KEY_ED25519,
	    "Paste one key at a time.");

	/* A blob bigger than any key is refused before it is decoded. */
	big = xmalloc(32 * 1024);
	memcpy(big, "ssh-rsa ", 8);
	for (i = 8; i < 32 * 1024 - 1; i++)
		big[i] = 'A';
	big[i] = '\0';
	assert_key_refused(big, "This key is too long.");
	free(big);
}
END_TEST

/* What the SSH server does with the key a client offers. */
START_TEST(test_fingerprint_blob)
{
	unsigned char blob[64];
	char out[AUTH_FINGERPRINT_SIZE];
	size_t len;

	ck_assert_int_eq(sodium_base642bin(blob, sizeof blob, KEY_ED25519_B64,
	    strlen(KEY_ED25519_B64), NULL, &len, NULL,
	    sodium_base64_VARIANT_ORIGINAL), 0);
	ck_assert_int_eq(auth_fingerprint_blob(blob, len, out, sizeof out), 0);
	ck_assert_str_eq(out, KEY_ED25519_FP);
	ck_assert_uint_eq(strlen(out) + 1, AUTH_FINGERPRINT_SIZE);
	ck_assert_int_eq(auth_fingerprint_blob(blob, len, out,
	    sizeof out - 1), -1);
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

	tc = tcase_create("keys");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_loop_test(tc, test_key_accepted, 0,
	    sizeof good_keys / sizeof good_keys[0]);
	tcase_add_test(tc, test_key_white_space);
	tcase_add_test(tc, test_key_comment);
	tcase_add_test(tc, test_key_refused);
	tcase_add_test(tc, test_fingerprint_blob);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tap_run(auth_suite());
}
