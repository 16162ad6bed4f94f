/*
 * store-poll.c - polls carried by items: a wall post today, a group's
 * post tomorrow; nothing here knows which board the item is on.
 *
 * poll_votes keeps who voted for what, so that each resident votes once
 * and may change their vote; and that is all it is for.  Every statement
 * here that reads poll_votes either counts (count(*), grouped by choice)
 * or looks at the viewer's own rows (resident_id = :viewer): no function
 * returns anyone else's choices, and tests/unit/test-poll.c fails on a
 * statement of this file that would.  A moderator or a sysop gets the
 * counts before voting, never more.
 */
#include "build-config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-internal.h"
#include "text.h"

/* An item the viewer may see, live. */
#define POLL_ITEM_VISIBLE \
	" i.quartier_id = " VIEWER_QUARTIER " AND i.deleted_at IS NULL" \
	" AND (i.hidden_at IS NULL OR i.author_id = :viewer)"

int
store_poll_create(struct store *s, const struct viewer *v, int64_t item_id,
    const struct poll_new *p)
{
	char *clean[POLL_CHOICES_MAX] = { NULL };
	sqlite3_stmt *stmt;
	int64_t now = now_seconds();
	size_t i, j;
	int rc = STORE_OK;

	if (p == NULL || p->n < POLL_CHOICES_MIN || p->n > POLL_CHOICES_MAX)
		return store_invalid(s, _("A poll has from 2 to 8 choices."));
	if (p->closes_at != 0 && p->closes_at <= now)
		return store_invalid(s, _("A poll closes in the future."));
	for (i = 0; i < p->n && rc == STORE_OK; i++)
		rc = store_clean(s, p->choices[i], 0, POLL_CHOICE_MAX,
		    &clean[i]);
	for (i = 0; i < p->n && rc == STORE_OK; i++)
		for (j = 0; j < i && rc == STORE_OK; j++)
			if (strcmp(clean[i], clean[j]) == 0)
				rc = store_invalid(s, _("Two choices are the "
				    "same."));
	if (rc != STORE_OK || (rc = store_begin(s)) != STORE_OK)
		goto out;
	stmt = store_stmt(s, "INSERT INTO polls (item_id, multiple, closes_at,"
	    " created_at) SELECT i.id, :multiple, nullif(:closes, 0), :now"
	    " FROM items i WHERE i.id = :item AND" POLL_ITEM_VISIBLE
	    " AND i.author_id = :viewer AND i.hidden_at IS NULL"
	    " AND NOT EXISTS (SELECT 1 FROM polls WHERE item_id = i.id)");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":item", item_id);
	bind_int64(stmt, ":multiple", p->multiple);
	bind_int64(stmt, ":closes", p->closes_at);
	bind_int64(stmt, ":now", now);
	rc = store_step_done(s, stmt);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		rc = store_refuse(s, STORE_DENIED, _("Only the author of a "
		    "post can give it a poll, and only one."));
	for (i = 0; i < p->n && rc == STORE_OK; i++) {
		stmt = store_stmt(s, "INSERT INTO poll_choices (item_id,"
		    " position, label) VALUES (:item, :position, :label)");
		bind_int64(stmt, ":item", item_id);
		bind_int64(stmt, ":position", (int64_t)i + 1);
		bind_text(stmt, ":label", clean[i]);
		rc = store_step_done(s, stmt);
	}
	rc = store_finish(s, rc);
out:
	for (i = 0; i < POLL_CHOICES_MAX; i++)
		free(clean[i]);
	return rc;
}

int
store_poll_get(struct store *s, const struct viewer *v, int64_t item_id,
    struct poll *p)
{
	sqlite3_stmt *stmt;
	int64_t now = now_seconds();
	bool moderator;
	int rc;

	memset(p, 0, sizeof *p);
	stmt = store_stmt(s, "SELECT l.multiple, coalesce(l.closes_at, 0),"
	    " EXISTS (SELECT 1 FROM poll_votes WHERE item_id = l.item_id"
	    "  AND resident_id = :viewer),"
	    " (SELECT role IN ('moderator', 'sysop') FROM residents"
	    "  WHERE id = :viewer),"
	    " (SELECT count(DISTINCT resident_id) FROM poll_votes"
	    "  WHERE item_id = l.item_id)"
	    " FROM polls l JOIN items i ON i.id = l.item_id"
	    " WHERE l.item_id = :item AND" POLL_ITEM_VISIBLE);
	bind_viewer(stmt, v);
	bind_int64(stmt, ":item", item_id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		p->item_id = item_id;
		p->multiple = sqlite3_column_int(stmt, 0) != 0;
		p->closes_at = sqlite3_column_int64(stmt, 1);
		p->closed = p->closes_at != 0 && now >= p->closes_at;
		p->voted = sqlite3_column_int(stmt, 2) != 0;
		moderator = sqlite3_column_int(stmt, 3) != 0;
		p->results = p->voted || p->closed || moderator;
		p->voters = p->results ? sqlite3_column_int(stmt, 4) : 0;
	}
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return STORE_NOT_FOUND;
	if (rc != SQLITE_ROW)
		return store_fail(s, rc);

	stmt = store_stmt(s, "SELECT c.id, c.label,"
	    " (SELECT count(*) FROM poll_votes WHERE choice_id = c.id),"
	    " EXISTS (SELECT 1 FROM poll_votes WHERE choice_id = c.id"
	    "  AND resident_id = :viewer)"
	    " FROM poll_choices c WHERE c.item_id = :item"
	    " ORDER BY c.position LIMIT :max");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":item", item_id);
	bind_int64(stmt, ":max", POLL_CHOICES_MAX);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct poll_choice *c = &p->choice[p->n++];

		c->id = sqlite3_column_int64(stmt, 0);
		c->label = column_text(stmt, 1);
		c->votes = p->results ? sqlite3_column_int(stmt, 2) : 0;
		c->mine = sqlite3_column_int(stmt, 3) != 0;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		poll_clear(p);
		return store_fail(s, rc);
	}
	return STORE_OK;
}

int
store_poll_vote(struct store *s, const struct viewer *v, int64_t item_id,
    const int64_t *choices, size_t n)
{
	sqlite3_stmt *stmt;
	int64_t now = now_seconds();
	bool multiple = false, closed = false;
	size_t i, j;
	int rc;

	if (n == 0)
		return store_invalid(s, _("Choose at least one answer."));
	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			if (choices[i] == choices[j])
				return store_invalid(s, _("Each answer "
				    "counts once."));
	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	stmt = store_stmt(s, "SELECT l.multiple,"
	    " l.closes_at IS NOT NULL AND l.closes_at <= :now"
	    " FROM polls l JOIN items i ON i.id = l.item_id"
	    " WHERE l.item_id = :item AND" POLL_ITEM_VISIBLE
	    " AND i.hidden_at IS NULL");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":item", item_id);
	bind_int64(stmt, ":now", now);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		multiple = sqlite3_column_int(stmt, 0) != 0;
		closed = sqlite3_column_int(stmt, 1) != 0;
	}
	sqlite3_reset(stmt);
	rc = rc == SQLITE_ROW ? STORE_OK : rc == SQLITE_DONE ?
	    STORE_NOT_FOUND : store_fail(s, rc);
	if (rc == STORE_OK && closed)
		rc = store_refuse(s, STORE_DENIED, _("This poll is closed."));
	if (rc == STORE_OK && !multiple && n > 1)
		rc = store_invalid(s, _("This poll takes one answer."));
	if (rc == STORE_OK) {
		stmt = store_stmt(s, "DELETE FROM poll_votes"
		    " WHERE item_id = :item AND resident_id = :viewer");
		bind_viewer(stmt, v);
		bind_int64(stmt, ":item", item_id);
		rc = store_step_done(s, stmt);
	}
	for (i = 0; i < n && rc == STORE_OK; i++) {
		stmt = store_stmt(s, "INSERT INTO poll_votes (item_id,"
		    " resident_id, choice_id, voted_at)"
		    " SELECT :item, :viewer, c.id, :now FROM poll_choices c"
		    " WHERE c.id = :choice AND c.item_id = :item");
		bind_viewer(stmt, v);
		bind_int64(stmt, ":item", item_id);
		bind_int64(stmt, ":choice", choices[i]);
		bind_int64(stmt, ":now", now);
		rc = store_step_done(s, stmt);
		if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
			rc = store_invalid(s, _("That is not one of the "
			    "poll's answers."));
	}
	return store_finish(s, rc);
}

void
poll_clear(struct poll *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++)
		free(p->choice[i].label);
	memset(p, 0, sizeof *p);
}
