/*
 * store-signup.c - signing up over SSH: the handle, the street, and the
 * new pending resident.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-internal.h"
#include "text.h"

#define SIGNUP_WINDOW		3600		/* seconds: "per hour" */

/* Signing up. */

int
store_signups_recent(struct store *s, const char *source, int *n)
{
	sqlite3_stmt *stmt;

	*n = 0;
	stmt = store_stmt(s, "SELECT count(*) FROM residents"
	    " WHERE signup_source = :source AND created_at > :since");
	bind_text(stmt, ":source", source);
	bind_int64(stmt, ":since", now_seconds() - SIGNUP_WINDOW);
	return store_step_int(s, stmt, n);
}

/* Whether a resident has HANDLE (handles compare without case). */
static int
handle_taken(struct store *s, const char *handle, bool *taken)
{
	sqlite3_stmt *stmt;
	int rc;

	stmt = store_stmt(s, "SELECT 1 FROM residents WHERE handle = :handle");
	bind_text(stmt, ":handle", handle);
	rc = store_step_found(s, stmt);
	*taken = rc == STORE_OK;
	return rc == STORE_NOT_FOUND ? STORE_OK : rc;
}

int
store_handle_available(struct store *s, const char *handle, bool *available,
    const char **why)
{
	char *clean;
	bool taken;
	int rc;

	*available = false;
	if (!text_handle_valid(handle != NULL ? handle : "", &clean, why))
		return STORE_OK;
	rc = handle_taken(s, clean, &taken);
	free(clean);
	if (rc != STORE_OK)
		return rc;
	if (taken)
		*why = _("This handle is already taken; choose another one.");
	else {
		*available = true;
		*why = NULL;
	}
	return STORE_OK;
}

int
quartier_exists(struct store *s, int64_t id, bool *exists)
{
	sqlite3_stmt *stmt;
	int rc;

	stmt = store_stmt(s, "SELECT 1 FROM quartiers WHERE id = :quartier");
	bind_int64(stmt, ":quartier", id);
	rc = store_step_found(s, stmt);
	*exists = rc == STORE_OK;
	return rc == STORE_NOT_FOUND ? STORE_OK : rc;
}

/* Clean a street address, which is required: a letter goes there. */
int
clean_street(struct store *s, const char *street, char **out)
{
	int rc;

	*out = NULL;
	rc = store_clean(s, street, TEXT_ALLOW_EMPTY, QUARTIER_STREET_MAX, out);
	if (rc == STORE_OK && **out == '\0') {
		free(*out);
		*out = NULL;
		return store_invalid(s, _("Your street address is needed: a "
		    "letter with a code may be sent there."));
	}
	return rc;
}

/*
 * Everything is checked before the transaction, but the limit per source:
 * it is counted inside, so that simultaneous signups from one address
 * cannot all pass it.  The resident and their key go in together, so a
 * refused key leaves no account without a way to log in.
 */
int
store_signup(struct store *s, const struct signup *su, int64_t *id)
{
	sqlite3_stmt *stmt;
	char *handle = NULL, *name = NULL, *street = NULL, why[256];
	const char *reason;
	int64_t now = now_seconds(), new_id;
	bool exists;
	int rc, recent;

	if (id != NULL)
		*id = 0;
	if (!text_handle_valid(su->handle != NULL ? su->handle : "", &handle,
	    &reason))
		return store_invalid(s, reason);
	if ((rc = store_clean(s, su->display_name, 0, QUARTIER_NAME_MAX,
	    &name)) != STORE_OK ||
	    (rc = clean_street(s, su->street, &street)) != STORE_OK)
		goto out;
	if ((su->password_hash == NULL) == (su->key == NULL)) {
		rc = store_invalid(s, _("Choose either a password or an SSH "
		    "key."));
		goto out;
	}

	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	if ((rc = quartier_exists(s, su->quartier_id, &exists)) != STORE_OK)
		goto rollback;
	if (!exists) {
		rc = store_invalid(s, _("Choose your quartier from the list."));
		goto rollback;
	}
	if (su->source != NULL && su->per_hour > 0) {
		if ((rc = store_signups_recent(s, su->source, &recent)) !=
		    STORE_OK)
			goto rollback;
		if (recent >= su->per_hour) {
			snprintf(why, sizeof why, ngettext("Only %d account "
			    "may be created from one address in an hour; "
			    "please try again later.", "Only %d accounts may "
			    "be created from one address in an hour; please "
			    "try again later.", su->per_hour), su->per_hour);
			rc = store_refuse(s, STORE_DENIED, why);
			goto rollback;
		}
	}
	stmt = store_stmt(s, "INSERT INTO residents (handle, display_name,"
	    " name_folded, quartier_id, street, password_hash, status, role,"
	    " created_at, signup_source) VALUES (:handle, :name, :folded,"
	    " :quartier, :street, :hash, 'pending', 'resident', :now,"
	    " :source)");
	bind_text(stmt, ":handle", handle);
	bind_text(stmt, ":name", name);
	bind_folded_name(stmt, ":folded", name);
	bind_int64(stmt, ":quartier", su->quartier_id);
	bind_text(stmt, ":street", street);
	bind_text(stmt, ":hash", su->password_hash);
	bind_int64(stmt, ":now", now);
	bind_text(stmt, ":source", su->source);
	if ((rc = store_step_done(s, stmt)) != STORE_OK) {
		if (rc == STORE_DUPLICATE)
			store_refuse(s, rc, _("This handle is already taken; choose "
			    "another one."));
		goto rollback;
	}
	new_id = sqlite3_last_insert_rowid(s->db);
	if (su->key != NULL &&
	    (rc = store_keys_insert(s, new_id, su->key, 1, NULL)) != STORE_OK) {
		if (rc == STORE_DUPLICATE)
			store_refuse(s, rc, _("This SSH key already opens another "
			    "account."));
		goto rollback;
	}
	if ((rc = store_commit(s)) == STORE_OK && id != NULL)
		*id = new_id;
	goto out;
rollback:
	store_rollback(s);
out:
	free(handle);
	free(name);
	free(street);
	return rc;
}
