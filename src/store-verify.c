/*
 * store-verify.c - proving one lives in the quartier: where a resident
 * stands, and what every proof shares.
 *
 * A new resident is pending in the quartier they chose and reads nothing of
 * it (VIEWER_QUARTIER is NULL for them) until one of three proofs verifies
 * them: the code of a letter posted to their street (store-letter.c), the
 * vouches of verified neighbours (store-vouch.c), or a proof of address a
 * sysop checked in person (here).  Each proof leaves a row in
 * verifications; a vouch is per quartier, so moving house (store-move.c)
 * makes a resident pending again with nothing carried over.  Signing up
 * is store-signup.c.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "store-internal.h"
#include "text.h"

void
verify_rules_default(struct verify_rules *rules)
{
	rules->vouches_needed = 2;
	rules->vouches_per_month = 5;
	rules->letter_days = 30;
	rules->letter_tries = 5;
}

/* The rules quartier.conf sets (its keys have the same defaults). */
void
verify_rules_from_config(struct verify_rules *rules, const struct config *cfg)
{
	rules->vouches_needed = cfg->vouches_needed;
	rules->vouches_per_month = cfg->vouches_per_month;
	rules->letter_days = cfg->letter_days;
	rules->letter_tries = cfg->letter_tries;
}

/* The caller's rules, or the defaults when it gave none. */
const struct verify_rules *
rules_or_default(const struct verify_rules *rules, struct verify_rules *buf)
{
	if (rules != NULL)
		return rules;
	verify_rules_default(buf);
	return buf;
}

/* A pending resident becomes verified, and their letters are void. */
int
resident_verify(struct store *s, int64_t resident_id, int64_t now)
{
	sqlite3_stmt *stmt;
	int rc;

	stmt = store_stmt(s, "UPDATE residents SET status = 'verified',"
	    " verified_at = :now WHERE id = :resident AND status = 'pending'");
	bind_int64(stmt, ":resident", resident_id);
	bind_int64(stmt, ":now", now);
	if ((rc = store_step_done(s, stmt)) != STORE_OK)
		return rc;
	if (sqlite3_changes(s->db) == 0)
		return STORE_NOT_FOUND;
	return letters_void(s, resident_id, now);
}

/* The row of a proof that verified someone just now. */
int
verification_record(struct store *s, int64_t resident_id,
    int64_t quartier_id, const char *method, int64_t by_id,
    const char *by_name, int64_t now)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "INSERT INTO verifications (resident_id,"
	    " quartier_id, method, created_at, completed_at, verified_by,"
	    " verified_by_name) VALUES (:resident, :quartier, :method, :now,"
	    " :now, nullif(:by, 0), :by_name)");
	bind_int64(stmt, ":resident", resident_id);
	bind_int64(stmt, ":quartier", quartier_id);
	bind_text(stmt, ":method", method);
	bind_int64(stmt, ":now", now);
	bind_int64(stmt, ":by", by_id);
	bind_text(stmt, ":by_name", by_name);
	return store_step_done(s, stmt);
}

/* Where the viewer stands. */


static void
read_self(sqlite3_stmt *stmt, void *row, bool full)
{
	struct self *me = row;
	const char *t;

	(void)full;			/* no long column */
	if ((t = (const char *)sqlite3_column_text(stmt, 0)) == NULL ||
	    resident_status_parse(t, &me->status) != 0)
		me->status = RESIDENT_SUSPENDED;
	me->quartier_id = sqlite3_column_int64(stmt, 1);
	me->verified_at = sqlite3_column_int64(stmt, 2);
	me->quartier = column_text(stmt, 3);
	me->city = column_text(stmt, 4);
}

/* The viewer's own record, whatever their status. */
int
self_read(struct store *s, const struct viewer *v, struct self *me)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "SELECT r.status, r.quartier_id,"
	    " coalesce(r.verified_at, 0), q.name, c.name" RESIDENT_FROM
	    " WHERE r.id = :viewer");
	bind_viewer(stmt, v);
	return store_read_row(s, stmt, sizeof *me, read_self, true, me);
}

void
self_clear(struct self *me)
{
	free(me->quartier);
	free(me->city);
	memset(me, 0, sizeof *me);
}

int
vouches_for(struct store *s, int64_t resident_id, int64_t quartier_id,
    int *n)
{
	sqlite3_stmt *stmt;

	*n = 0;
	stmt = store_stmt(s, "SELECT count(*) FROM vouches"
	    " WHERE vouchee_id = :resident AND quartier_id = :quartier");
	bind_int64(stmt, ":resident", resident_id);
	bind_int64(stmt, ":quartier", quartier_id);
	return store_step_int(s, stmt, n);
}

/*
 * The viewer's own state, whatever their status.  "Moving" is a resident
 * verified once and pending again: a move is the only way back.
 */
int
store_verify_state(struct store *s, const struct viewer *v,
    const struct verify_rules *given, struct verify_state *out)
{
	struct verify_rules defaults;
	const struct verify_rules *rules = rules_or_default(given, &defaults);
	struct letter_row row;
	struct self me;
	int64_t now = now_seconds();
	bool found;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = self_read(s, v, &me)) != STORE_OK)
		return rc;
	if ((rc = letter_current(s, v->resident_id, &row, &found)) !=
	    STORE_OK ||
	    (rc = vouches_for(s, v->resident_id, me.quartier_id,
	    &out->vouches)) != STORE_OK) {
		self_clear(&me);
		return rc;
	}
	out->status = me.status;
	out->quartier = me.quartier;
	out->city = me.city;
	out->letter = found;
	if (found) {
		out->letter_expires_at = row.expires_at;
		out->letter_expired = row.expires_at <= now;
		out->letter_locked = row.attempts >= rules->letter_tries;
		out->letter_tries_left = out->letter_locked ? 0 :
		    rules->letter_tries - row.attempts;
		free(row.code_hash);
	}
	out->vouches_needed = rules->vouches_needed;
	out->moving = me.status == RESIDENT_PENDING && me.verified_at != 0;
	return STORE_OK;
}

void
verify_state_clear(struct verify_state *state)
{
	free(state->quartier);
	free(state->city);
	memset(state, 0, sizeof *state);
}

/* In person. */

int
store_verify_in_person(struct store *s, int64_t resident_id, const char *by)
{
	sqlite3_stmt *stmt;
	enum resident_status status;
	char *name;
	int64_t now = now_seconds(), quartier_id = 0;
	int rc;

	if ((rc = store_clean(s, by != NULL ? by : "sysop", 0,
	    QUARTIER_NAME_MAX, &name)) != STORE_OK)
		return rc;
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	stmt = store_stmt(s, "SELECT status, quartier_id FROM residents"
	    " WHERE id = :resident");
	bind_int64(stmt, ":resident", resident_id);
	if ((rc = store_step_standing(s, stmt, &status, &quartier_id)) !=
	    STORE_OK)
		goto rollback;
	if (status == RESIDENT_VERIFIED) {
		rc = store_invalid(s, _("This resident is already verified."));
		goto rollback;
	}
	if (status != RESIDENT_PENDING) {
		rc = store_refuse(s, STORE_DENIED, _("This resident is suspended; "
		    "lift the suspension first."));
		goto rollback;
	}
	if ((rc = resident_verify(s, resident_id, now)) != STORE_OK ||
	    (rc = verification_record(s, resident_id, quartier_id,
	    "in_person", 0, name, now)) != STORE_OK)
		goto rollback;
	stmt = store_stmt(s, "INSERT INTO moderation_log (actor_name,"
	    " quartier_id, action, target_kind, target_id, reason, created_at)"
	    " VALUES (:by, :quartier, 'verify', 'resident', :resident,"
	    " :reason, :now)");
	bind_text(stmt, ":by", name);
	bind_text(stmt, ":reason", mod_reason_keys[MOD_REASON_IN_PERSON]);
	bind_int64(stmt, ":quartier", quartier_id);
	bind_int64(stmt, ":resident", resident_id);
	bind_int64(stmt, ":now", now);
	if ((rc = store_step_done(s, stmt)) != STORE_OK)
		goto rollback;
	rc = store_commit(s);
	goto out;
rollback:
	store_rollback(s);
out:
	free(name);
	return rc;
}
