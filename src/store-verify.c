/*
 * store-verify.c - signing up, and proving one lives in the quartier.
 *
 * A new resident is pending in the quartier they chose and reads nothing of
 * it (VIEWER_QUARTIER is NULL for them) until one of three proofs verifies
 * them: the code of a letter posted to their street, the vouches of
 * verified neighbours, or a proof of address a sysop checked in person.
 * Each proof leaves a row in verifications; a vouch is per quartier, so
 * moving house makes a resident pending again with nothing carried over.
 *
 * Letter codes are stored hashed, compared with auth_equal() and never
 * written anywhere else: they come back in clear from store_letters_issue()
 * only, for the letters to be printed.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth.h"
#include "config.h"
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

#define SIGNUP_WINDOW		3600		/* seconds: "per hour" */
#define VOUCH_WINDOW		(30 * 86400)	/* seconds: "per month" */

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
static const struct verify_rules *
rules_or_default(const struct verify_rules *rules, struct verify_rules *buf)
{
	if (rules != NULL)
		return rules;
	verify_rules_default(buf);
	return buf;
}

/* Places. */

static void
read_place(sqlite3_stmt *stmt, void *row, bool full)
{
	struct place *p = row;

	(void)full;			/* an id and a name */
	p->id = sqlite3_column_int64(stmt, 0);
	p->name = column_text(stmt, 1);
}

static int
read_places(struct store *s, sqlite3_stmt *stmt, struct place **out,
    size_t *n)
{
	int rc;

	*out = store_read_rows(s, stmt, sizeof **out, read_place, false, n,
	    &rc);
	if (rc != STORE_OK) {
		place_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int
store_city_list(struct store *s, struct place **out, size_t *n)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "SELECT id, name FROM cities ORDER BY name, id");
	return read_places(s, stmt, out, n);
}

int
store_quartiers_of_city(struct store *s, int64_t city_id,
    struct place **out, size_t *n)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "SELECT id, name FROM quartiers"
	    " WHERE city_id = :city ORDER BY name, id");
	bind_int64(stmt, ":city", city_id);
	return read_places(s, stmt, out, n);
}

void
place_list_free(struct place *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(list[i].name);
	free(list);
}

/* Signing up. */

int
store_signups_recent(struct store *s, const char *source, int *n)
{
	sqlite3_stmt *stmt;
	int rc;

	*n = 0;
	stmt = store_stmt(s, "SELECT count(*) FROM residents"
	    " WHERE signup_source = :source AND created_at > :since");
	bind_text(stmt, ":source", source);
	bind_int64(stmt, ":since", now_seconds() - SIGNUP_WINDOW);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int(stmt, 0);
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW ? STORE_OK : store_fail(s, rc);
}

/* Whether a resident has HANDLE (handles compare without case). */
static int
handle_taken(struct store *s, const char *handle, bool *taken)
{
	sqlite3_stmt *stmt;
	int rc;

	stmt = store_stmt(s, "SELECT 1 FROM residents WHERE handle = :handle");
	bind_text(stmt, ":handle", handle);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	*taken = rc == SQLITE_ROW;
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK :
	    store_fail(s, rc);
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

static int
quartier_exists(struct store *s, int64_t id, bool *exists)
{
	sqlite3_stmt *stmt;
	int rc;

	stmt = store_stmt(s, "SELECT 1 FROM quartiers WHERE id = :quartier");
	bind_int64(stmt, ":quartier", id);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	*exists = rc == SQLITE_ROW;
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK :
	    store_fail(s, rc);
}

/* Clean a street address, which is required: a letter goes there. */
static int
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
static int
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

/* A pending resident becomes verified, and their letters are void. */
static int
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
static int
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

/*
 * A resident's latest letter in their current quartier not yet used: the
 * only one that can be live, since a new letter voids the one before.
 */
struct letter_row {
	int64_t	 id;
	char	*code_hash;
	int64_t	 expires_at;
	int	 attempts;
};

static int
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

/* Where the viewer stands. */

struct self {
	enum resident_status	 status;
	int64_t			 quartier_id;
	int64_t			 verified_at;
	char			*quartier;
	char			*city;
};

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
static int
self_read(struct store *s, const struct viewer *v, struct self *me)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "SELECT r.status, r.quartier_id,"
	    " coalesce(r.verified_at, 0), q.name, c.name" RESIDENT_FROM
	    " WHERE r.id = :viewer");
	bind_viewer(stmt, v);
	return store_read_row(s, stmt, sizeof *me, read_self, true, me);
}

static void
self_clear(struct self *me)
{
	free(me->quartier);
	free(me->city);
	memset(me, 0, sizeof *me);
}

static int
vouches_for(struct store *s, int64_t resident_id, int64_t quartier_id,
    int *n)
{
	sqlite3_stmt *stmt;
	int rc;

	*n = 0;
	stmt = store_stmt(s, "SELECT count(*) FROM vouches"
	    " WHERE vouchee_id = :resident AND quartier_id = :quartier");
	bind_int64(stmt, ":resident", resident_id);
	bind_int64(stmt, ":quartier", quartier_id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int(stmt, 0);
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW ? STORE_OK : store_fail(s, rc);
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

/* Vouching. */

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Where a house number may end: the end, a space or a comma. */
static bool
number_ends(const char *p)
{
	return *p == '\0' || *p == ' ' || *p == '\t' || *p == ',';
}

/*
 * After a house number, its suffix: "bis", "ter", ... as a word, or one
 * letter written against the number ("3b").  Returns where it ends.
 */
static const char *
skip_number_suffix(const char *p)
{
	static const char *words[] = { "bis", "ter", "quater", "quinquies" };
	const char *q = p;
	size_t i, len;

	if (is_letter(*q) && number_ends(q + 1))
		return q + 1;
	q += strspn(q, " \t");
	for (i = 0; i < sizeof words / sizeof words[0]; i++) {
		len = strlen(words[i]);
		if (strncasecmp(q, words[i], len) == 0 && number_ends(q + len))
			return q + len;
	}
	return p;
}

/*
 * The street of an address without the house number, for neighbours to
 * know roughly where someone lives and no more: "12 bis, rue des
 * Orphelins" is "rue des Orphelins".  A number is digits, perhaps a range
 * ("12-14") and a suffix ("3b", "12 bis"), then perhaps a comma.  An
 * address that does not start with one is kept as it is.
 */
char *
verify_street_name(const char *street)
{
	const char *p, *q;

	if (street == NULL)
		return xstrdup("");
	street += strspn(street, " \t");
	if (!is_digit(*street))
		return xstrdup(street);
	for (p = street; is_digit(*p); p++)
		continue;
	p = skip_number_suffix(p);
	if ((*p == '-' || *p == '/') && is_digit(p[1])) {
		for (p++; is_digit(*p); p++)
			continue;
		p = skip_number_suffix(p);
	}
	if (!number_ends(p))
		return xstrdup(street);		/* "1er Régiment", a name */
	q = p + strspn(p, " \t");
	if (*q == ',')
		q++;
	q += strspn(q, " \t");
	return xstrdup(q);
}

static void
read_waiting(sqlite3_stmt *stmt, void *row, bool full)
{
	struct waiting_neighbour *w = row;

	(void)full;			/* no long column */
	w->resident_id = sqlite3_column_int64(stmt, 0);
	w->display_name = column_text(stmt, 1);
	w->street_name = verify_street_name((const char *)
	    sqlite3_column_text(stmt, 2));
	w->vouches = sqlite3_column_int(stmt, 3);
	w->vouched_by_me = sqlite3_column_int(stmt, 4) != 0;
	w->since = sqlite3_column_int64(stmt, 5);
}

int
store_waiting_list(struct store *s, const struct viewer *v,
    struct waiting_neighbour **out, size_t *n)
{
	sqlite3_stmt *stmt;
	int rc;

	stmt = store_stmt(s, "SELECT r.id, r.display_name, r.street,"
	    " (SELECT count(*) FROM vouches x WHERE x.vouchee_id = r.id"
	    "  AND x.quartier_id = r.quartier_id),"
	    " EXISTS (SELECT 1 FROM vouches x WHERE x.vouchee_id = r.id"
	    "  AND x.quartier_id = r.quartier_id AND x.voucher_id = :viewer),"
	    " r.created_at FROM residents r"
	    " WHERE r.quartier_id = " VIEWER_QUARTIER
	    " AND r.status = 'pending' AND r.id <> :viewer"
	    " ORDER BY r.created_at, r.id");
	bind_viewer(stmt, v);
	*out = store_read_rows(s, stmt, sizeof **out, read_waiting, false, n,
	    &rc);
	if (rc != STORE_OK) {
		waiting_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void
waiting_list_free(struct waiting_neighbour *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(list[i].display_name);
		free(list[i].street_name);
	}
	free(list);
}

/*
 * The vouchee is looked for in the viewer's quartier only while the
 * viewer is verified (VIEWER_QUARTIER), so an outsider, a pending or a
 * suspended resident finds nobody to vouch for.  The vouch that reaches
 * the number needed verifies in the same transaction.
 */
int
store_vouch(struct store *s, const struct viewer *v,
    const struct verify_rules *given, int64_t resident_id, bool *verified)
{
	struct verify_rules defaults;
	const struct verify_rules *rules = rules_or_default(given, &defaults);
	sqlite3_stmt *stmt;
	enum resident_status status = RESIDENT_SUSPENDED;
	const char *t;
	char why[256];
	int64_t now = now_seconds(), quartier_id = 0;
	int rc, count;

	if (verified != NULL)
		*verified = false;
	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	stmt = store_stmt(s, "SELECT r.status, r.quartier_id FROM residents r"
	    " WHERE r.id = :resident AND r.quartier_id = " VIEWER_QUARTIER);
	bind_viewer(stmt, v);
	bind_int64(stmt, ":resident", resident_id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		if ((t = (const char *)sqlite3_column_text(stmt, 0)) != NULL)
			resident_status_parse(t, &status);
		quartier_id = sqlite3_column_int64(stmt, 1);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW) {
		rc = rc == SQLITE_DONE ? STORE_NOT_FOUND : store_fail(s, rc);
		goto rollback;
	}
	if (resident_id == v->resident_id) {
		rc = store_refuse(s, STORE_DENIED, _("You cannot vouch for "
		    "yourself."));
		goto rollback;
	}
	if (status != RESIDENT_PENDING) {
		rc = store_refuse(s, STORE_DENIED, _("This neighbour is not waiting "
		    "to be verified."));
		goto rollback;
	}

	stmt = store_stmt(s, "SELECT"
	    " EXISTS (SELECT 1 FROM vouches WHERE voucher_id = :viewer"
	    "  AND vouchee_id = :resident AND quartier_id = :quartier),"
	    " (SELECT count(*) FROM vouches WHERE voucher_id = :viewer"
	    "  AND created_at > :since)");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":resident", resident_id);
	bind_int64(stmt, ":quartier", quartier_id);
	bind_int64(stmt, ":since", now - VOUCH_WINDOW);
	if ((rc = sqlite3_step(stmt)) != SQLITE_ROW) {
		sqlite3_reset(stmt);
		rc = store_fail(s, rc);
		goto rollback;
	}
	rc = sqlite3_column_int(stmt, 0);
	count = sqlite3_column_int(stmt, 1);
	sqlite3_reset(stmt);
	if (rc != 0) {
		rc = store_refuse(s, STORE_DUPLICATE, _("You have already vouched "
		    "for this neighbour."));
		goto rollback;
	}
	if (count >= rules->vouches_per_month) {
		snprintf(why, sizeof why, ngettext("You can vouch for %d "
		    "neighbour in 30 days; please wait a little.", "You can "
		    "vouch for %d neighbours in 30 days; please wait a "
		    "little.", rules->vouches_per_month),
		    rules->vouches_per_month);
		rc = store_refuse(s, STORE_DENIED, why);
		goto rollback;
	}

	stmt = store_stmt(s, "INSERT INTO vouches (voucher_id, vouchee_id,"
	    " quartier_id, created_at) VALUES (:viewer, :resident, :quartier,"
	    " :now)");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":resident", resident_id);
	bind_int64(stmt, ":quartier", quartier_id);
	bind_int64(stmt, ":now", now);
	if ((rc = store_step_done(s, stmt)) != STORE_OK ||
	    (rc = vouches_for(s, resident_id, quartier_id, &count)) !=
	    STORE_OK)
		goto rollback;
	if (count >= rules->vouches_needed) {
		if ((rc = resident_verify(s, resident_id, now)) != STORE_OK ||
		    (rc = verification_record(s, resident_id, quartier_id,
		    "vouch", v->resident_id, NULL, now)) != STORE_OK)
			goto rollback;
	}
	if ((rc = store_commit(s)) == STORE_OK && verified != NULL)
		*verified = count >= rules->vouches_needed;
	return rc;
rollback:
	store_rollback(s);
	return rc;
}

/* In person. */

int
store_verify_in_person(struct store *s, int64_t resident_id, const char *by)
{
	sqlite3_stmt *stmt;
	enum resident_status status = RESIDENT_SUSPENDED;
	const char *t;
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
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		if ((t = (const char *)sqlite3_column_text(stmt, 0)) != NULL)
			resident_status_parse(t, &status);
		quartier_id = sqlite3_column_int64(stmt, 1);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW) {
		rc = rc == SQLITE_DONE ? STORE_NOT_FOUND : store_fail(s, rc);
		goto rollback;
	}
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
