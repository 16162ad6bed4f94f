/*
 * store-vouch.c - neighbours vouching for the people waiting in their
 * quartier, who see only their street's name.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-internal.h"
#include "text.h"

#define VOUCH_WINDOW		(30 * 86400)	/* seconds: "per month" */

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
	enum resident_status status;
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
	if ((rc = store_step_standing(s, stmt, &status, &quartier_id)) !=
	    STORE_OK)
		goto rollback;
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
