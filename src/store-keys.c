/*
 * store-keys.c - residents' SSH public keys: added and removed by their
 * owner in the profile or by a sysop with quartier-admin, and looked up by
 * the SSH server when a client offers one.
 *
 * A key is known by its fingerprint, unique in the whole database, so the
 * server never has to choose between two residents for one key.  These
 * functions take a resident id, not a viewer: a resident manages their
 * keys whatever their status, and it is the server that decides what a
 * pending or suspended resident may do once the key has named them.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-internal.h"
#include "auth.h"
#include "text.h"

int
store_key_add(struct store *s, int64_t resident_id,
    const struct auth_public_key *key)
{
	return store_key_add_many(s, resident_id, key, 1, NULL);
}

/* How many keys the resident has; STORE_NOT_FOUND for no such resident. */
static int
store_key_count(struct store *s, int64_t resident_id, int *count)
{
	sqlite3_stmt *stmt;
	int rc;

	*count = 0;
	stmt = store_stmt(s, "SELECT (SELECT count(*) FROM ssh_keys"
	    " WHERE resident_id = r.id) FROM residents r WHERE r.id = :resident");
	bind_int64(stmt, ":resident", resident_id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*count = sqlite3_column_int(stmt, 0);
	sqlite3_reset(stmt);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_NOT_FOUND : store_fail(s, rc);
}

/*
 * Insert N keys for a resident within the caller's transaction (a signup
 * adds the resident and their key in one).  The comments are cleaned
 * again, as all text is on its way in, although auth_parse_public_key()
 * did it already.  A fingerprint taken already, by anyone, fails the
 * UNIQUE constraint of the column: that is the duplicate check, and it
 * holds against other processes too.
 */
int
store_keys_insert(struct store *s, int64_t resident_id,
    const struct auth_public_key *keys, size_t n, size_t *failed)
{
	sqlite3_stmt *stmt;
	char *comment, why[256];
	int64_t now = now_seconds();
	size_t i;
	int rc, count;

	if ((rc = store_key_count(s, resident_id, &count)) != STORE_OK)
		return rc;
	if ((size_t)count + n > QUARTIER_KEYS_MAX) {
		snprintf(why, sizeof why, ngettext("A resident has at most %d "
		    "SSH key; remove one first.", "A resident has at most %d "
		    "SSH keys; remove one first.", QUARTIER_KEYS_MAX),
		    QUARTIER_KEYS_MAX);
		return store_invalid(s, why);
	}
	for (i = 0; i < n; i++) {
		if (failed != NULL)
			*failed = i;
		if ((rc = store_clean(s, keys[i].comment, TEXT_ALLOW_EMPTY,
		    QUARTIER_KEY_COMMENT_MAX, &comment)) != STORE_OK)
			return rc;
		stmt = store_stmt(s, "INSERT INTO ssh_keys (resident_id,"
		    " algorithm, key_base64, fingerprint, comment, created_at)"
		    " VALUES (:resident, :algorithm, :base64, :fingerprint,"
		    " :comment, :now)");
		bind_int64(stmt, ":resident", resident_id);
		bind_text(stmt, ":algorithm", keys[i].algorithm);
		bind_text(stmt, ":base64", keys[i].base64);
		bind_text(stmt, ":fingerprint", keys[i].fingerprint);
		bind_text(stmt, ":comment", *comment != '\0' ? comment : NULL);
		bind_int64(stmt, ":now", now);
		rc = store_step_done(s, stmt);
		free(comment);
		if (rc != STORE_OK)
			return rc;
	}
	return STORE_OK;
}

int
store_key_add_many(struct store *s, int64_t resident_id,
    const struct auth_public_key *keys, size_t n, size_t *failed)
{
	int rc;

	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	if ((rc = store_keys_insert(s, resident_id, keys, n, failed)) !=
	    STORE_OK) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s);
}

static void
read_key(sqlite3_stmt *stmt, void *row, bool full)
{
	struct ssh_key_info *k = row;

	(void)full;			/* the key itself is never read back */
	k->id = sqlite3_column_int64(stmt, 0);
	k->algorithm = column_text(stmt, 1);
	k->fingerprint = column_text(stmt, 2);
	k->comment = column_text(stmt, 3);
	k->created_at = sqlite3_column_int64(stmt, 4);
	k->last_used_at = sqlite3_column_int64(stmt, 5);
}

int
store_key_list(struct store *s, int64_t resident_id,
    struct ssh_key_info **out, size_t *n)
{
	sqlite3_stmt *stmt;
	int rc;

	stmt = store_stmt(s, "SELECT id, algorithm, fingerprint,"
	    " coalesce(comment, ''), created_at, coalesce(last_used_at, 0)"
	    " FROM ssh_keys WHERE resident_id = :resident"
	    " ORDER BY created_at DESC, id DESC");
	bind_int64(stmt, ":resident", resident_id);
	*out = store_read_rows(s, stmt, sizeof **out, read_key, false, n,
	    &rc);
	if (rc != STORE_OK) {
		ssh_key_info_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int
store_key_remove(struct store *s, int64_t resident_id,
    const char *fingerprint)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "DELETE FROM ssh_keys"
	    " WHERE resident_id = :resident AND fingerprint = :fingerprint");
	bind_int64(stmt, ":resident", resident_id);
	bind_text(stmt, ":fingerprint", fingerprint);
	return store_write_one(s, stmt);
}

int
store_key_find(struct store *s, const char *handle, const char *fingerprint,
    struct resident *r)
{
	sqlite3_stmt *stmt;

	/* A login by key also ends a suspension whose time is past. */
	(void)store_suspension_expire(s, handle);
	stmt = store_stmt(s, "SELECT" RESIDENT_COLUMNS RESIDENT_FROM
	    " JOIN ssh_keys k ON k.resident_id = r.id"
	    " WHERE r.handle = :handle AND k.fingerprint = :fingerprint");
	bind_text(stmt, ":handle", handle);
	bind_text(stmt, ":fingerprint", fingerprint);
	return store_resident_query(s, stmt, r, false);
}

/* Whose key FINGERPRINT is, if anyone's (signup declines such a key). */
int
store_key_find_any(struct store *s, const char *fingerprint,
    struct resident *r)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "SELECT" RESIDENT_COLUMNS RESIDENT_FROM
	    " JOIN ssh_keys k ON k.resident_id = r.id"
	    " WHERE k.fingerprint = :fingerprint");
	bind_text(stmt, ":fingerprint", fingerprint);
	return store_resident_query(s, stmt, r, false);
}

int
store_key_used(struct store *s, const char *fingerprint)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "UPDATE ssh_keys SET last_used_at = :now"
	    " WHERE fingerprint = :fingerprint");
	bind_int64(stmt, ":now", now_seconds());
	bind_text(stmt, ":fingerprint", fingerprint);
	return store_write_one(s, stmt);
}

void
ssh_key_info_list_free(struct ssh_key_info *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(list[i].algorithm);
		free(list[i].fingerprint);
		free(list[i].comment);
	}
	free(list);
}
