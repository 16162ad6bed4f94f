/*
 * auth.h - secrets: password hashes (argon2id) and their verification, and
 * the SSH public keys residents log in with.  Passwords are never logged
 * and are wiped from memory once used.
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

/* A random number below UPPER, from libsodium (never from random()). */
unsigned	auth_random_uniform(unsigned upper);

/* Wipe and free a secret. */
void	auth_free_secret(char *secret, size_t len);

/* Wipe LEN bytes at P, in a way the compiler cannot leave out. */
void	auth_wipe(void *p, size_t len);

/* Whether the LEN bytes at A and B are the same, in a time that does not
 * depend on where they differ: the only way secrets are compared. */
bool	auth_equal(const void *a, const void *b, size_t len);

/* A uniformly random number from 0 to UPPER - 1, from the system's
 * cryptographic generator (needs auth_init). */
unsigned int auth_random_below(unsigned int upper);

/* N random decimal digits and a NUL into OUT (N + 1 bytes): the codes
 * sent to an e-mail address. */
void	auth_random_digits(char *out, size_t n);

/* BYTES random bytes (32 at most) in hex and a NUL into OUT (2 * BYTES
 * + 1 bytes): what makes a Message-ID unique. */
void	auth_random_hex(char *out, size_t bytes);

/* Bytes of a digest in hex with its NUL: BLAKE2b of 32 bytes. */
#define AUTH_DIGEST_HEX_SIZE	65

/* The BLAKE2b digest of LEN bytes at DATA, in lower-case hex, into OUT. */
void	auth_digest_hex(const void *data, size_t len,
	    char out[AUTH_DIGEST_HEX_SIZE]);

/* Whether PASSWORD is acceptable for a new password; *WHY gets the reason. */
bool	auth_password_acceptable(const char *password, const char **why);

/*
 * An SSH public key as a resident pastes it: one line of an OpenSSH
 * authorized_keys file, "ALGORITHM BASE64 [COMMENT]", without options.
 */
struct auth_public_key {
	char	*algorithm;	/* "ssh-ed25519", "ecdsa-sha2-nistp256", ... */
	char	*base64;	/* the key itself, as in the line */
	char	*fingerprint;	/* "SHA256:...", as ssh-keygen -l prints it */
	char	*comment;	/* cleaned, one line; empty when there is none */
};

/* Bytes of a fingerprint with its NUL: "SHA256:" and 43 base64 digits. */
#define AUTH_FINGERPRINT_SIZE	51
/* The largest key accepted, decoded (a 16384-bit RSA key is about 2 KiB). */
#define AUTH_KEY_BLOB_MAX	16384
/* RSA keys shorter than this are refused, as OpenSSH 9 does by default. */
#define AUTH_RSA_BITS_MIN	2048

/*
 * Parse and check LINE: white space around it is ignored; the algorithm
 * must be one Quartier accepts (ed25519, ECDSA on the NIST curves, RSA of
 * 2048 bits or more, and their FIDO security-key forms) and agree with
 * the key; a comment longer than QUARTIER_KEY_COMMENT_MAX characters is
 * cut.  Returns 0 and fills *OUT (free it with auth_public_key_clear), or
 * -1 with *OUT empty and a translated sentence for the resident in *WHY.
 */
int	auth_parse_public_key(const char *line, struct auth_public_key *out,
	    const char **why);
void	auth_public_key_clear(struct auth_public_key *);

/*
 * The fingerprint of a key's wire form (BLOB, LEN bytes) into OUT:
 * "SHA256:" and the unpadded base64 of its SHA-256, as OpenSSH writes it.
 * Returns -1 when OUTLEN is smaller than AUTH_FINGERPRINT_SIZE.
 */
int	auth_fingerprint_blob(const unsigned char *blob, size_t len, char *out,
	    size_t outlen);

#endif
