/*
 * auth.h - secrets: password hashes (argon2id) and their verification.
 * Passwords are never logged and are wiped from memory once used.
 */
#ifndef AUTH_H
#define AUTH_H

#include <stdbool.h>
#include <stddef.h>

/* Must be called once before anything else here (sodium_init). */
int	auth_init(void);

/* Hash PASSWORD with argon2id at the interactive limits.  Returns a new
 * string (crypto_pwhash_STRBYTES at most) or NULL on failure. */
char	*auth_hash_password(const char *password);

enum auth_result {
	AUTH_OK,
	AUTH_OK_REHASH,		/* correct, but the hash should be renewed */
	AUTH_WRONG,
};

/*
 * Check PASSWORD against HASH.  HASH may be NULL (unknown handle, or a
 * resident without a password): the same work is done against a dummy hash,
 * so that an unknown handle and a wrong password take the same time.
 */
enum auth_result auth_check_password(const char *hash, const char *password);

/* Wipe and free a secret. */
void	auth_free_secret(char *secret, size_t len);

/* Whether PASSWORD is acceptable for a new password; *WHY gets the reason. */
bool	auth_password_acceptable(const char *password, const char **why);

#endif
