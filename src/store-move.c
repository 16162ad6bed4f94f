/*
 * store-move.c - moving house: pending again, in the new quartier.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "store-internal.h"
#include "text.h"

/* Moving house. */

/*
 * The resident's items and replies keep their quartier: what they wrote
 * stays with the neighbours it was written for.  verified_at is kept, so
 * that the verification screen can tell a move from a first signup.
 */
int
store_move_request(struct store *s, const struct viewer *v,
    int64_t new_quartier_id, const char *street)
{
	sqlite3_stmt *stmt;
	struct self me;
	char *clean;
	int64_t now = now_seconds();
	bool exists;
	int rc;

	memset(&me, 0, sizeof me);
	if ((rc = clean_street(s, street, &clean)) != STORE_OK)
		return rc;
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	if ((rc = self_read(s, v, &me)) != STORE_OK)
		goto rollback;
	if (me.status == RESIDENT_SUSPENDED) {
		rc = store_refuse(s, STORE_DENIED, _("Your account is suspended."));
		goto rollback;
	}
	if ((rc = quartier_exists(s, new_quartier_id, &exists)) != STORE_OK)
		goto rollback;
	if (!exists) {
		rc = store_invalid(s, _("Choose your quartier from the list."));
		goto rollback;
	}
	if (new_quartier_id == me.quartier_id) {
		rc = store_invalid(s, _("You already live in this quartier."));
		goto rollback;
	}
	stmt = store_stmt(s, "UPDATE residents SET quartier_id = :quartier,"
	    " street = :street, status = 'pending'"
	    " WHERE id = :viewer AND status <> 'suspended'");
	bind_int64(stmt, ":quartier", new_quartier_id);
	bind_text(stmt, ":street", clean);
	bind_viewer(stmt, v);
	if ((rc = store_step_done(s, stmt)) != STORE_OK ||
	    (rc = letters_void(s, v->resident_id, now)) != STORE_OK)
		goto rollback;
	/* Vouches are for where one lived: moving back later starts anew. */
	stmt = store_stmt(s, "DELETE FROM vouches WHERE vouchee_id = :viewer");
	bind_viewer(stmt, v);
	if ((rc = store_step_done(s, stmt)) != STORE_OK)
		goto rollback;
	rc = store_commit(s);
	goto out;
rollback:
	store_rollback(s);
out:
	self_clear(&me);
	free(clean);
	return rc;
}
