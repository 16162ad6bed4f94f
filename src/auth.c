/*
 * auth.c - password hashes with libsodium's argon2id, and the SSH public
 * keys residents paste to log in without a password.
 *
 * Hashes are PHC strings ("$argon2id$v=19$m=65536,t=2,p=1$salt$hash") made at
 * the interactive limits: 64 MiB and a fraction of a second per check, so
 * the daemon must bound how many checks run at once.
 *
 * A public key is checked here once, when a resident gives it; the SSH
 * server later finds the resident by the fingerprint of the key a client
 * offers, so both fingerprints are made by auth_fingerprint_blob().
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
#include "text.h"

#define AUTH_OPSLIMIT	crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE
#define AUTH_MEMLIMIT	crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE

/* The reason given for a short password spells this number out. */
_Static_assert(QUARTIER_PASSWORD_MIN == 8, "update auth_password_acceptable");

static const char	*dummy_hash(void);

/* The dummy hash is made here, once, so that checks may then run in
 * several threads at once (quartierd's broker). */
int
auth_init(void)
{
	if (sodium_init() < 0)
		return -1;
	(void)dummy_hash();
	return 0;
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

unsigned
auth_random_uniform(unsigned upper)
{
	return upper > 0 ? randombytes_uniform(upper) : 0;
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

void
auth_wipe(void *p, size_t len)
{
	sodium_memzero(p, len);
}

bool
auth_equal(const void *a, const void *b, size_t len)
{
	return sodium_memcmp(a, b, len) == 0;
}

unsigned int
auth_random_below(unsigned int upper)
{
	return randombytes_uniform(upper);
}

void
auth_random_digits(char *out, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		out[i] = (char)('0' + randombytes_uniform(10));
	out[n] = '\0';
}

void
auth_random_hex(char *out, size_t bytes)
{
	unsigned char raw[32];

	if (bytes > sizeof raw)
		bytes = sizeof raw;
	randombytes_buf(raw, bytes);
	sodium_bin2hex(out, bytes * 2 + 1, raw, bytes);
}

_Static_assert(AUTH_DIGEST_HEX_SIZE == crypto_generichash_BYTES * 2 + 1,
    "AUTH_DIGEST_HEX_SIZE holds a BLAKE2b digest in hex");

void
auth_digest_hex(const void *data, size_t len, char out[AUTH_DIGEST_HEX_SIZE])
{
	unsigned char digest[crypto_generichash_BYTES];

	crypto_generichash(digest, sizeof digest, data, len, NULL, 0);
	sodium_bin2hex(out, AUTH_DIGEST_HEX_SIZE, digest, sizeof digest);
	sodium_memzero(digest, sizeof digest);
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

/*
 * The public keys Quartier accepts, and the fields of their wire form after
 * the algorithm's name (RFC 4253 and 5656, RFC 8709, OpenSSH's PROTOCOL.u2f):
 *	ssh-ed25519	string key (32 bytes)
 *	ecdsa-sha2-*	string curve, string point (0x04 || X || Y)
 *	ssh-rsa		mpint e, mpint n
 *	sk-*		as above, then string application
 * DSA is gone from OpenSSH and is not among them.
 */
struct key_type {
	const char	*name;
	const char	*curve;		/* ECDSA: the curve the blob names */
	size_t		 key_len;	/* bytes of the key or point; 0: RSA */
	bool		 security_key;
};

static const struct key_type key_types[] = {
	{ "ssh-ed25519", NULL, 32, false },
	{ "ecdsa-sha2-nistp256", "nistp256", 65, false },
	{ "ecdsa-sha2-nistp384", "nistp384", 97, false },
	{ "ecdsa-sha2-nistp521", "nistp521", 133, false },
	{ "ssh-rsa", NULL, 0, false },
	{ "sk-ssh-ed25519@openssh.com", NULL, 32, true },
	{ "sk-ecdsa-sha2-nistp256@openssh.com", "nistp256", 65, true },
};
#define NKEY_TYPES (sizeof key_types / sizeof key_types[0])

/* Separators of an authorized_keys line; a paste may end in "\r\n". */
#define KEY_SPACE	" \t\r\n"

/* The base64 digits (padded) of the largest blob accepted. */
#define KEY_BASE64_MAX	(4 * ((AUTH_KEY_BLOB_MAX + 2) / 3))

static const struct key_type *
key_type_find(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < NKEY_TYPES; i++) {
		if (strlen(key_types[i].name) == len &&
		    memcmp(key_types[i].name, name, len) == 0)
			return &key_types[i];
	}
	return NULL;
}

/* The length of the word at S, which ends at END or at white space. */
static size_t
word_length(const char *s, const char *end)
{
	const char *p;

	for (p = s; p < end && strchr(KEY_SPACE, *p) == NULL; p++)
		continue;
	return (size_t)(p - s);
}

static const char *
skip_space(const char *s, const char *end)
{
	while (s < end && strchr(KEY_SPACE, *s) != NULL)
		s++;
	return s;
}

/*
 * Whether a key starts somewhere in S..END: an accepted algorithm followed
 * by a word in "AAAA", as the base64 of every key starts (its first three
 * bytes are the high bytes of the length of its name, zeroes).  Finding
 * one after the first word tells options before a key, or a second key
 * pasted after the first, from a mere comment naming an algorithm.
 */
static bool
key_starts_in(const char *s, const char *end)
{
	const char *next;
	size_t len;

	for (s = skip_space(s, end); s < end; s = next) {
		len = word_length(s, end);
		next = skip_space(s + len, end);
		if (key_type_find(s, len) != NULL && end - next >= 4 &&
		    strncmp(next, "AAAA", 4) == 0)
			return true;
	}
	return false;
}

/* Why WORD (LEN bytes), the first of a line ending at END, is not the
 * name of an accepted algorithm. */
static const char *
not_a_key_type(const char *word, size_t len, const char *end)
{
	/* A private key pasted by mistake: say so, it is a secret. */
	if ((len >= 10 && strncmp(word, "-----BEGIN", 10) == 0 &&
	    memmem(word, (size_t)(end - word), "PRIVATE KEY", 11) != NULL) ||
	    (len >= 19 && strncmp(word, "PuTTY-User-Key-File", 19) == 0))
		return _("This is your private key: keep it secret and paste "
		    "the .pub line instead.");
	if (key_starts_in(word + len, end))
		return _("Options before the key (from=, command=...) are not "
		    "accepted.");
	if (strncmp(word, "ssh-", 4) == 0 || strncmp(word, "ecdsa-", 6) == 0 ||
	    strncmp(word, "sk-", 3) == 0)
		return _("This type of key is not accepted; use an ed25519 "
		    "key.");
	return _("This is not an SSH public key: paste the line of your "
	    ".pub file.");
}

/* The wire form of a key: big-endian lengths before every field. */
struct blob_reader {
	const unsigned char	*p;
	size_t			 left;
};

static bool
blob_string(struct blob_reader *r, const unsigned char **s, size_t *len)
{
	uint32_t n;

	if (r->left < 4)
		return false;
	n = (uint32_t)r->p[0] << 24 | (uint32_t)r->p[1] << 16 |
	    (uint32_t)r->p[2] << 8 | r->p[3];
	if (n > r->left - 4)
		return false;
	*s = r->p + 4;
	*len = n;
	r->p += 4 + (size_t)n;
	r->left -= 4 + (size_t)n;
	return true;
}

static bool
blob_string_is(struct blob_reader *r, const char *want)
{
	const unsigned char *s;
	size_t len;

	return blob_string(r, &s, &len) && len == strlen(want) &&
	    memcmp(s, want, len) == 0;
}

/*
 * Bits of a positive mpint (two's complement, big-endian, RFC 4251),
 * or 0 when it is negative or zero.
 */
static size_t
mpint_bits(const unsigned char *s, size_t len)
{
	size_t bits;
	unsigned c;

	if (len > 0 && (s[0] & 0x80) != 0)
		return 0;
	while (len > 0 && *s == 0) {
		s++;
		len--;
	}
	if (len == 0)
		return 0;
	bits = (len - 1) * 8;
	for (c = s[0]; c != 0; c >>= 1)
		bits++;
	return bits;
}

/* Why the blob of a TYPE key is refused, or NULL when it is sound. */
static const char *
check_key_blob(const struct key_type *type, const unsigned char *blob,
    size_t len)
{
	const char *damaged = _("This key is damaged: was the whole line "
	    "pasted?");
	struct blob_reader r = { blob, len };
	const unsigned char *s, *e, *n;
	size_t slen, elen, nlen;

	if (!blob_string(&r, &s, &slen))
		return damaged;
	if (slen != strlen(type->name) || memcmp(s, type->name, slen) != 0)
		return key_type_find((const char *)s, slen) != NULL ?
		    _("The type before the key does not match the key "
		    "itself.") : damaged;
	if (type->key_len == 0) {
		if (!blob_string(&r, &e, &elen) ||
		    !blob_string(&r, &n, &nlen) || mpint_bits(e, elen) == 0)
			return damaged;
		if (mpint_bits(n, nlen) < AUTH_RSA_BITS_MIN)
			return _("This RSA key is too short; use an ed25519 "
			    "key.");
	} else {
		if (type->curve != NULL && !blob_string_is(&r, type->curve))
			return damaged;
		if (!blob_string(&r, &s, &slen) || slen != type->key_len ||
		    (type->curve != NULL && s[0] != 0x04))
			return damaged;
		if (type->security_key && !blob_string(&r, &s, &slen))
			return damaged;
	}
	return r.left == 0 ? NULL : damaged;
}

/*
 * The comment after the key, cleaned as any resident's text and cut to
 * QUARTIER_KEY_COMMENT_MAX characters: it only helps tell keys apart, so
 * a long one is not worth refusing the key for.
 */
static const char *
clean_key_comment(const char *s, size_t len, char **out)
{
	enum text_status ts;
	size_t keep;

	ts = text_clean(s, len, TEXT_ALLOW_EMPTY, 0, out);
	if (ts == TEXT_INVALID_UTF8)
		return _("The comment after the key is not valid UTF-8.");
	if (ts != TEXT_OK)
		return text_status_message(ts);
	keep = text_prefix_chars(*out, strlen(*out), QUARTIER_KEY_COMMENT_MAX);
	while (keep > 0 && (*out)[keep - 1] == ' ')
		keep--;
	(*out)[keep] = '\0';
	return NULL;
}

int
auth_parse_public_key(const char *line, struct auth_public_key *out,
    const char **why)
{
	const struct key_type *type;
	const char *p, *end, *b64, *b64_end, *reason = NULL;
	char fingerprint[AUTH_FINGERPRINT_SIZE], *comment = NULL;
	unsigned char *blob = NULL;
	size_t len, b64_len, blob_len;

	memset(out, 0, sizeof *out);
	p = line != NULL ? line : "";
	end = p + strlen(p);
	p = skip_space(p, end);
	while (end > p && strchr(KEY_SPACE, end[-1]) != NULL)
		end--;
	if (p == end) {
		reason = _("There is no key here: paste the line of your .pub "
		    "file.");
		goto out;
	}
	len = word_length(p, end);
	if ((type = key_type_find(p, len)) == NULL) {
		reason = not_a_key_type(p, len, end);
		goto out;
	}
	b64 = skip_space(p + len, end);
	if ((b64_len = word_length(b64, end)) == 0) {
		reason = _("The key is missing after its type: paste the whole "
		    "line.");
		goto out;
	}
	if (b64_len > KEY_BASE64_MAX) {
		reason = _("This key is too long.");
		goto out;
	}
	blob = xmalloc(AUTH_KEY_BLOB_MAX);
	if (sodium_base642bin(blob, AUTH_KEY_BLOB_MAX, b64, b64_len, NULL,
	    &blob_len, &b64_end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    b64_end != b64 + b64_len) {
		reason = _("This key is damaged: was the whole line pasted?");
		goto out;
	}
	if ((reason = check_key_blob(type, blob, blob_len)) != NULL)
		goto out;
	p = skip_space(b64 + b64_len, end);
	if (key_starts_in(p, end)) {
		reason = _("Paste one key at a time.");
		goto out;
	}
	if ((reason = clean_key_comment(p, (size_t)(end - p), &comment))
	    != NULL)
		goto out;
	auth_fingerprint_blob(blob, blob_len, fingerprint, sizeof fingerprint);
	out->algorithm = xstrdup(type->name);
	out->base64 = xstrndup(b64, b64_len);
	out->fingerprint = xstrdup(fingerprint);
	out->comment = comment;
out:
	free(blob);
	if (why != NULL)
		*why = reason;
	return reason == NULL ? 0 : -1;
}

void
auth_public_key_clear(struct auth_public_key *key)
{
	free(key->algorithm);
	free(key->base64);
	free(key->fingerprint);
	free(key->comment);
	memset(key, 0, sizeof *key);
}

int
auth_fingerprint_blob(const unsigned char *blob, size_t len, char *out,
    size_t outlen)
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	static const char prefix[] = "SHA256:";

	_Static_assert(sizeof prefix - 1 + sodium_base64_ENCODED_LEN(
	    crypto_hash_sha256_BYTES, sodium_base64_VARIANT_ORIGINAL_NO_PADDING)
	    == AUTH_FINGERPRINT_SIZE, "AUTH_FINGERPRINT_SIZE");
	if (outlen < AUTH_FINGERPRINT_SIZE)
		return -1;
	crypto_hash_sha256(digest, blob, len);
	memcpy(out, prefix, sizeof prefix - 1);
	sodium_bin2base64(out + sizeof prefix - 1, outlen - (sizeof prefix - 1),
	    digest, sizeof digest, sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	return 0;
}
