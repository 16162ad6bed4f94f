/*
 * auth.c - password hashes with libsodium's argon2id.
 *
 * Hashes are PHC strings ("$argon2id$v=19$m=65536,t=2,p=1$salt$hash") made at
 * the interactive limits: 64 MiB and a fraction of a second per check, so
 * the daemon must bound how many checks run at once.
 */
#ifdef HAVE_CONFIG_H
#include "build-config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "quartier.h"
#include "auth.h"

#define AUTH_OPSLIMIT	crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE
#define AUTH_MEMLIMIT	crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE

/* The reason given for a short password spells this number out. */
_Static_assert(QUARTIER_PASSWORD_MIN == 8, "update auth_password_acceptable");

int
auth_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

/* argon2id by name, so that a new libsodium default cannot change it. */
char *
auth_hash_password(const char *password)
{
	char *hash;

	hash = xmalloc(crypto_pwhash_STRBYTES);
	if (crypto_pwhash_str_alg(hash, password, strlen(password),
	    AUTH_OPSLIMIT, AUTH_MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13) != 0) {
		free(hash);
		return NULL;
	}
	return hash;
}

/*
 * A hash that no password matches, at the same limits as real ones: random
 * salt and digest written out as a PHC string.  Checking against it costs
 * one argon2id run, exactly as a wrong password does; building it costs
 * nothing, so the first unknown handle in a process is not slower either.
 */
static const char *
dummy_hash(void)
{
	static char hash[crypto_pwhash_STRBYTES];
	unsigned char salt[crypto_pwhash_SALTBYTES], digest[32];
	char salt64[sodium_base64_ENCODED_LEN(sizeof salt,
	    sodium_base64_VARIANT_ORIGINAL_NO_PADDING)];
	char digest64[sodium_base64_ENCODED_LEN(sizeof digest,
	    sodium_base64_VARIANT_ORIGINAL_NO_PADDING)];

	if (hash[0] != '\0')
		return hash;
	randombytes_buf(salt, sizeof salt);
	randombytes_buf(digest, sizeof digest);
	sodium_bin2base64(salt64, sizeof salt64, salt, sizeof salt,
	    sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	sodium_bin2base64(digest64, sizeof digest64, digest, sizeof digest,
	    sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	snprintf(hash, sizeof hash, "%sv=%d$m=%u,t=%u,p=1$%s$%s",
	    crypto_pwhash_argon2id_STRPREFIX, 19,
	    (unsigned)(AUTH_MEMLIMIT / 1024), (unsigned)AUTH_OPSLIMIT,
	    salt64, digest64);
	return hash;
}

/* Whether HASH is a string libsodium can check (argon2id or argon2i). */
static bool
hash_is_valid(const char *hash)
{
	if (hash == NULL || strnlen(hash, crypto_pwhash_STRBYTES) ==
	    crypto_pwhash_STRBYTES)
		return false;
	return crypto_pwhash_str_needs_rehash(hash, AUTH_OPSLIMIT,
	    AUTH_MEMLIMIT) != -1;
}

enum auth_result
auth_check_password(const char *hash, const char *password)
{
	size_t len = strlen(password);

	if (!hash_is_valid(hash)) {
		/* The result does not matter, only the work done. */
		(void)!crypto_pwhash_str_verify(dummy_hash(), password, len);
		return AUTH_WRONG;
	}
	if (crypto_pwhash_str_verify(hash, password, len) != 0)
		return AUTH_WRONG;
	/* Older limits or argon2i: renew while the password is at hand. */
	if (crypto_pwhash_argon2id_str_needs_rehash(hash, AUTH_OPSLIMIT,
	    AUTH_MEMLIMIT) != 0)
		return AUTH_OK_REHASH;
	return AUTH_OK;
}

void
auth_free_secret(char *secret, size_t len)
{
	if (secret == NULL)
		return;
	if (len == 0)
		len = strlen(secret);
	sodium_memzero(secret, len);
	free(secret);
}

/* Whether every character of S (LEN bytes) is the same as the first. */
static bool
one_character_repeated(const char *s, size_t len)
{
	size_t first, i;

	for (first = 1; first < len; first++) {
		if (((unsigned char)s[first] & 0xc0) != 0x80)
			break;
	}
	if (len % first != 0)
		return false;
	for (i = first; i < len; i += first) {
		if (memcmp(s + i, s, first) != 0)
			return false;
	}
	return true;
}

bool
auth_password_acceptable(const char *password, const char **why)
{
	const char *reason = NULL;
	size_t len, chars, i;

	if (password == NULL)
		password = "";
	len = strlen(password);
	chars = 0;
	for (i = 0; i < len; i++) {
		if (((unsigned char)password[i] & 0xc0) != 0x80)
			chars++;
	}
	if (chars < QUARTIER_PASSWORD_MIN)
		reason = _("A password has at least 8 characters.");
	else if (len > QUARTIER_PASSWORD_MAX)
		reason = _("This password is too long.");
	else if (one_character_repeated(password, len))
		reason = _("A password cannot be one character repeated.");
	if (why != NULL)
		*why = reason;
	return reason == NULL;
}
