/*
 * store-letter.c - letters with a code, posted to a pending resident's
 * street: issuing them, and checking the code the resident types.
 *
 * Letter codes are stored hashed, compared with auth_equal() and never
 * written anywhere else: they come back in clear from store_letters_issue()
 * only, for the letters to be printed.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "store-internal.h"
#include "text.h"

/*
 * Letter codes: twelve characters of an alphabet without the ones a reader
 * confuses on paper (0 and O, 1, I and L), that is 31^12, about 2^59
 * codes; with a few tries per letter, guessing is hopeless.
 */
#define LETTER_ALPHABET		"23456789ABCDEFGHJKMNPQRSTUVWXYZ"
#define LETTER_CODE_LEN		12
#define LETTER_GROUP		4
#define LETTER_HASH_HEX		AUTH_DIGEST_HEX_SIZE

/* Letter codes. */

/*
 * The hash of a code as stored: BLAKE2b of the code and the resident it
 * was made for, so that one hash says nothing about another resident's.
 */
static void
letter_hash(int64_t resident_id, const char *code, char hex[LETTER_HASH_HEX])
{
	char input[64];
	int len;

	len = snprintf(input, sizeof input, "quartier-letter:%lld:%s",
	    (long long)resident_id, code);
	auth_digest_hex(input, (size_t)len, hex);
	auth_wipe(input, sizeof input);
}

/*
 * A code as typed into its twelve characters: lower case is accepted,
 * spaces and dashes (as printed, or any other grouping) are dropped.
 * Anything else outside the alphabet makes it no code at all.
 */
static bool
letter_normalise(const char *typed, char out[LETTER_CODE_LEN + 1])
{
	size_t n = 0;
	int c;

	for (; *typed != '\0'; typed++) {
		c = (unsigned char)*typed;
		if (c == ' ' || c == '-' || c == '\t')
			continue;
		if (c >= 'a' && c <= 'z')
			c -= 'a' - 'A';
		if (strchr(LETTER_ALPHABET, c) == NULL || n == LETTER_CODE_LEN)
			return false;
		out[n++] = (char)c;
	}
	out[n] = '\0';
	return n == LETTER_CODE_LEN;
}

/* A new random code: PLAIN for hashing, SHOWN grouped for printing. */
static void
letter_generate(char plain[LETTER_CODE_LEN + 1], char shown[16])
{
	size_t i, j = 0;

	for (i = 0; i < LETTER_CODE_LEN; i++) {
		plain[i] = LETTER_ALPHABET[auth_random_below(
		    sizeof LETTER_ALPHABET - 1)];
		if (i > 0 && i % LETTER_GROUP == 0)
			shown[j++] = '-';
		shown[j++] = plain[i];
	}
	plain[i] = '\0';
	shown[j] = '\0';
}

/*
 * Take the resident's live letter codes out of use: a new letter replaces
 * them, a verification or a move makes them pointless.  The rows stay, as
 * the history of what was sent.
 */
int
letters_void(struct store *s, int64_t resident_id, int64_t now)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "UPDATE verifications SET expires_at = :now"
	    " WHERE resident_id = :resident AND method = 'letter'"
	    " AND completed_at IS NULL AND expires_at > :now");
	bind_int64(stmt, ":resident", resident_id);
	bind_int64(stmt, ":now", now);
	return store_step_done(s, stmt);
}

/*
 * A resident's latest letter in their current quartier not yet used: the
 * only one that can be live, since a new letter voids the one before.
 */
int
letter_current(struct store *s, int64_t resident_id, struct letter_row *row,
    bool *found)
{
	sqlite3_stmt *stmt;
	int rc;

	memset(row, 0, sizeof *row);
	stmt = store_stmt(s, "SELECT v.id, v.code_hash, v.expires_at,"
	    " v.attempts FROM verifications v JOIN residents r"
	    " ON r.id = v.resident_id AND r.quartier_id = v.quartier_id"
	    " WHERE v.resident_id = :resident AND v.method = 'letter'"
	    " AND v.completed_at IS NULL"
	    " ORDER BY v.created_at DESC, v.id DESC LIMIT 1");
	bind_int64(stmt, ":resident", resident_id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		row->id = sqlite3_column_int64(stmt, 0);
		row->code_hash = column_text(stmt, 1);
		row->expires_at = sqlite3_column_int64(stmt, 2);
		row->attempts = sqlite3_column_int(stmt, 3);
	}
	sqlite3_reset(stmt);
	*found = rc == SQLITE_ROW;
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK :
	    store_fail(s, rc);
}

/* Letters. */

/*
 * Residents without a street cannot be written to: they are left out, for
 * a neighbour's vouches or a visit in person.  A letter locked by wrong
 * codes or expired gets a new one; a live one is never issued twice.
 */
int
store_letters_issue(struct store *s, int64_t quartier_id,
    const struct verify_rules *given, struct letter **out, size_t *n)
{
	struct verify_rules defaults;
	const struct verify_rules *rules = rules_or_default(given, &defaults);
	struct letter *list = NULL, *l;
	sqlite3_stmt *stmt;
	char plain[LETTER_CODE_LEN + 1], hash[LETTER_HASH_HEX];
	int64_t now = now_seconds(), *quartiers = NULL;
	size_t count = 0, i;
	int rc;

	*out = NULL;
	*n = 0;
	if (auth_init() < 0)
		return store_refuse(s, STORE_ERROR, "auth_init failed");
	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	stmt = store_stmt(s, "SELECT r.id, r.handle, r.display_name,"
	    " r.street, q.name, c.name, r.quartier_id" RESIDENT_FROM
	    " WHERE r.status = 'pending'"
	    " AND (:quartier = 0 OR r.quartier_id = :quartier)"
	    " AND coalesce(r.street, '') <> ''"
	    " AND NOT EXISTS (SELECT 1 FROM verifications v"
	    "  WHERE v.resident_id = r.id AND v.quartier_id = r.quartier_id"
	    "  AND v.method = 'letter' AND v.completed_at IS NULL"
	    "  AND v.expires_at > :now AND v.attempts < :tries)"
	    " ORDER BY c.name, q.name, r.handle");
	bind_int64(stmt, ":quartier", quartier_id);
	bind_int64(stmt, ":now", now);
	bind_int64(stmt, ":tries", rules->letter_tries);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		list = xrealloc(list, (count + 1) * sizeof *list);
		quartiers = xrealloc(quartiers, (count + 1) *
		    sizeof *quartiers);
		l = &list[count];
		memset(l, 0, sizeof *l);
		l->resident_id = sqlite3_column_int64(stmt, 0);
		l->handle = column_text(stmt, 1);
		l->display_name = column_text(stmt, 2);
		l->street = column_text(stmt, 3);
		l->quartier = column_text(stmt, 4);
		l->city = column_text(stmt, 5);
		quartiers[count] = sqlite3_column_int64(stmt, 6);
		l->expires_at = now + (int64_t)rules->letter_days * 86400;
		count++;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		rc = store_fail(s, rc);
		goto fail;
	}
	for (i = 0; i < count; i++) {
		l = &list[i];
		letter_generate(plain, l->code);
		letter_hash(l->resident_id, plain, hash);
		auth_wipe(plain, sizeof plain);
		if ((rc = letters_void(s, l->resident_id, now)) != STORE_OK)
			goto fail;
		stmt = store_stmt(s, "INSERT INTO verifications (resident_id,"
		    " quartier_id, method, code_hash, expires_at, created_at)"
		    " VALUES (:resident, :quartier, 'letter', :hash, :expires,"
		    " :now)");
		bind_int64(stmt, ":resident", l->resident_id);
		bind_int64(stmt, ":quartier", quartiers[i]);
		bind_text(stmt, ":hash", hash);
		bind_int64(stmt, ":expires", l->expires_at);
		bind_int64(stmt, ":now", now);
		if ((rc = store_step_done(s, stmt)) != STORE_OK)
			goto fail;
	}
	if ((rc = store_commit(s)) != STORE_OK)
		goto fail_committed;
	free(quartiers);
	*out = list;
	*n = count;
	return STORE_OK;
fail:
	store_rollback(s);
fail_committed:
	free(quartiers);
	letter_list_free(list, count);
	return rc;
}

/*
 * Letters that could not be printed: their codes would wait unseen until
 * they expire, and no new letter would be issued meanwhile.
 */
int
store_letters_cancel(struct store *s, const struct letter *list, size_t n)
{
	int64_t now = now_seconds();
	size_t i;
	int rc;

	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	for (i = 0; i < n; i++) {
		if ((rc = letters_void(s, list[i].resident_id, now)) !=
		    STORE_OK) {
			store_rollback(s);
			return rc;
		}
	}
	return store_commit(s);
}

void
letter_list_free(struct letter *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(list[i].handle);
		free(list[i].display_name);
		free(list[i].street);
		free(list[i].quartier);
		free(list[i].city);
		auth_wipe(list[i].code, sizeof list[i].code);
	}
	free(list);
}

/*
 * The whole check is one write transaction: two sessions typing codes at
 * once are counted one after the other, so the tries cannot be exceeded.
 * A typed text that cannot be a code costs no try; a wrong code does.
 */
int
store_letter_check(struct store *s, const struct viewer *v,
    const struct verify_rules *given, const char *code)
{
	struct verify_rules defaults;
	const struct verify_rules *rules = rules_or_default(given, &defaults);
	struct letter_row row;
	struct self me;
	sqlite3_stmt *stmt;
	char plain[LETTER_CODE_LEN + 1], hash[LETTER_HASH_HEX], why[256];
	int64_t now = now_seconds();
	bool found, right;
	int rc, left;

	memset(&row, 0, sizeof row);
	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	if ((rc = self_read(s, v, &me)) != STORE_OK)
		goto rollback;
	if (me.status != RESIDENT_PENDING) {
		rc = store_refuse(s, STORE_DENIED, me.status == RESIDENT_VERIFIED ?
		    _("You are already verified.") :
		    _("Your account is suspended."));
		goto rollback;
	}
	if ((rc = letter_current(s, v->resident_id, &row, &found)) !=
	    STORE_OK)
		goto rollback;
	if (!found || row.code_hash == NULL) {
		rc = store_invalid(s, _("No letter with a code was sent to "
		    "you yet."));
		goto rollback;
	}
	if (row.attempts >= rules->letter_tries) {
		rc = store_refuse(s, STORE_DENIED, _("Too many wrong codes: this "
		    "letter's code is locked. Ask for a new letter."));
		goto rollback;
	}
	if (row.expires_at <= now) {
		rc = store_invalid(s, _("This code has expired; ask for a new "
		    "letter."));
		goto rollback;
	}
	if (!letter_normalise(code != NULL ? code : "", plain)) {
		rc = store_invalid(s, _("A code has 12 characters, digits 2 "
		    "to 9 and letters, like K7RX-M4PQ-2HWN."));
		goto rollback;
	}
	letter_hash(v->resident_id, plain, hash);
	auth_wipe(plain, sizeof plain);
	right = strlen(row.code_hash) == LETTER_HASH_HEX - 1 &&
	    auth_equal(hash, row.code_hash, LETTER_HASH_HEX - 1);
	auth_wipe(hash, sizeof hash);

	if (!right) {
		stmt = store_stmt(s, "UPDATE verifications"
		    " SET attempts = attempts + 1 WHERE id = :id");
		bind_int64(stmt, ":id", row.id);
		if ((rc = store_step_done(s, stmt)) != STORE_OK)
			goto rollback;
		if ((rc = store_commit(s)) != STORE_OK)
			goto out;
		left = rules->letter_tries - row.attempts - 1;
		if (left <= 0)
			snprintf(why, sizeof why, "%s", _("This is not the "
			    "code of your letter, and no tries are left: ask "
			    "for a new letter."));
		else
			snprintf(why, sizeof why, ngettext("This is not the "
			    "code of your letter; %d try left.", "This is not "
			    "the code of your letter; %d tries left.", left),
			    left);
		rc = store_invalid(s, why);
		goto out;
	}

	stmt = store_stmt(s, "UPDATE verifications SET completed_at = :now,"
	    " verified_by_name = 'letter' WHERE id = :id");
	bind_int64(stmt, ":id", row.id);
	bind_int64(stmt, ":now", now);
	if ((rc = store_step_done(s, stmt)) != STORE_OK ||
	    (rc = resident_verify(s, v->resident_id, now)) != STORE_OK)
		goto rollback;
	rc = store_commit(s);
	goto out;
rollback:
	store_rollback(s);
out:
	free(row.code_hash);
	self_clear(&me);
	return rc;
}
