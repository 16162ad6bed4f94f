/*
 * store-live.c - who is online.  Each UI process writes one row when a
 * resident logs in, touches it while it runs and deletes it at logout.  A
 * process that died without saying so (a dropped connection, a kill -9)
 * leaves a row nobody touches any more: whoever lists the sessions deletes
 * the rows not seen for STALE seconds, so the list heals itself without a
 * daemon.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "store-internal.h"

static const char *const origin_names[] = {
	[LIVE_SSH] = "ssh",
	[LIVE_TERMINAL] = "terminal",
	[LIVE_KIOSK] = "kiosk",
	[LIVE_CONSOLE] = "console",
};

static enum live_origin
origin_parse(const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < sizeof origin_names /
	    sizeof origin_names[0]; i++)
		if (strcmp(name, origin_names[i]) == 0)
			return (enum live_origin)i;
	return LIVE_TERMINAL;
}

int
store_live_start(struct store *s, int64_t resident_id, int pid,
    enum live_origin origin, const char *source, int64_t *id)
{
	sqlite3_stmt *stmt;
	int64_t now = now_seconds();
	int rc;

	if ((unsigned)origin >= sizeof origin_names / sizeof origin_names[0])
		origin = LIVE_TERMINAL;
	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	stmt = store_stmt(s, "INSERT INTO live_sessions (resident_id, pid,"
	    " origin, source, started_at, seen_at)"
	    " VALUES (:resident, :pid, :origin, :source, :now, :now)");
	bind_int64(stmt, ":resident", resident_id);
	bind_int64(stmt, ":pid", pid);
	bind_text(stmt, ":origin", origin_names[origin]);
	bind_text(stmt, ":source", source != NULL && *source != '\0' ?
	    source : NULL);
	bind_int64(stmt, ":now", now);
	if ((rc = store_step_done(s, stmt)) == STORE_OK && id != NULL)
		*id = sqlite3_last_insert_rowid(s->db);
	return store_finish(s, rc);
}

/* STORE_NOT_FOUND when the row is gone (cleaned up as stale while the
 * process was stopped): the caller may then start a new one. */
int
store_live_touch(struct store *s, int64_t id)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "UPDATE live_sessions SET seen_at = :now"
	    " WHERE id = :id");
	bind_int64(stmt, ":now", now_seconds());
	bind_int64(stmt, ":id", id);
	return store_write_one(s, stmt);
}

bool
store_live_due(int64_t seen_at, int64_t now)
{
	return now / STORE_LIVE_TOUCH != seen_at / STORE_LIVE_TOUCH;
}

int
store_live_end(struct store *s, int64_t id)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "DELETE FROM live_sessions WHERE id = :id");
	bind_int64(stmt, ":id", id);
	return store_write_one(s, stmt);
}

static void
read_live(sqlite3_stmt *stmt, void *row, bool full)
{
	struct live_session *l = row;

	(void)full;
	l->id = sqlite3_column_int64(stmt, 0);
	l->resident_id = sqlite3_column_int64(stmt, 1);
	l->handle = column_text(stmt, 2);
	l->display_name = column_text(stmt, 3);
	l->quartier = column_text(stmt, 4);
	l->origin = origin_parse((const char *)sqlite3_column_text(stmt, 5));
	l->source = column_text(stmt, 6);
	l->started_at = sqlite3_column_int64(stmt, 7);
	l->seen_at = sqlite3_column_int64(stmt, 8);
}

int
store_live_list(struct store *s, int stale, struct live_session **out,
    size_t *n)
{
	sqlite3_stmt *stmt;
	int64_t since = now_seconds() - (stale > 0 ? stale : 0);
	int rc;

	*out = NULL;
	*n = 0;
	/* The clean-up is a write: a read-only store (or a busy one) still
	 * lists, leaving out the stale rows all the same. */
	if (store_begin(s) == STORE_OK) {
		stmt = store_stmt(s, "DELETE FROM live_sessions"
		    " WHERE seen_at < :since");
		bind_int64(stmt, ":since", since);
		store_finish(s, store_step_done(s, stmt));
	}
	stmt = store_stmt(s, "SELECT l.id, l.resident_id, r.handle,"
	    " r.display_name, q.name, l.origin, l.source, l.started_at,"
	    " l.seen_at"
	    " FROM live_sessions l JOIN residents r ON r.id = l.resident_id"
	    " JOIN quartiers q ON q.id = r.quartier_id"
	    " WHERE l.seen_at >= :since"
	    " ORDER BY q.name, r.handle, l.started_at");
	bind_int64(stmt, ":since", since);
	*out = store_read_rows(s, stmt, sizeof **out, read_live, false, n,
	    &rc);
	if (rc != STORE_OK) {
		live_session_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void
live_session_list_free(struct live_session *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(list[i].handle);
		free(list[i].display_name);
		free(list[i].quartier);
		free(list[i].source);
	}
	free(list);
}

const char *
live_origin_word(enum live_origin origin)
{
	switch (origin) {
	case LIVE_SSH:
		return _("SSH");
	case LIVE_KIOSK:
		return _("kiosk");
	case LIVE_CONSOLE:
		return _("console");
	case LIVE_TERMINAL:
		break;
	}
	return _("terminal");
}
