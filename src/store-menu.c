/*
 * store-menu.c - the numbers on the main menu and the top line, gathered
 * here so that the menu asks the store once per redraw, and the visits to
 * the boards that decide what is "new".
 */
#include "build-config.h"

#include <string.h>
#include <time.h>

#include "store-internal.h"

/* Midnight of today, in the local time zone (TZ from the configuration). */
static int64_t
today_start(int64_t now)
{
	time_t t = (time_t)now;
	struct tm tm;

	localtime_r(&t, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/* The same midnight DAYS later (days are not always 24 hours long). */
static int64_t
day_after(int64_t day, int days)
{
	time_t t = (time_t)day;
	struct tm tm;

	localtime_r(&t, &tm);
	tm.tm_mday += days;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/* When the viewer last came to BOARD; their arrival when never. */
#define LAST_VISIT(board) \
	"coalesce((SELECT last_visit_at FROM board_visits" \
	"  WHERE resident_id = :viewer AND board = '" board "')," \
	" (SELECT coalesce(verified_at, created_at) FROM residents" \
	"  WHERE id = :viewer))"

int
store_menu_counts(struct store *s, const struct viewer *v,
    struct menu_counts *c)
{
	sqlite3_stmt *stmt;
	int64_t now = now_seconds(), today = today_start(now);
	int rc;

	memset(c, 0, sizeof *c);
	if ((rc = store_wall_unread(s, v, &c->wall_unread)) != STORE_OK)
		return rc;

	/* Every session asks again whenever anyone writes: the counts that
	 * can grow without bound stop at MENU_COUNT_MAX (LIMIT :cap). */
	stmt = store_stmt(s, "SELECT"
	    " (SELECT count(*) FROM (SELECT 1 FROM messages m"
	    "  WHERE m.recipient_id = :viewer AND m.recipient_deleted = 0"
	    "  AND m.read_at IS NULL AND m.hidden_at IS NULL"
	    "  AND m.quartier_id = " VIEWER_QUARTIER " LIMIT :cap)),"
	    " (SELECT count(*) FROM (SELECT 1 FROM items i JOIN classifieds a"
	    "  ON a.item_id = i.id WHERE i.quartier_id = " VIEWER_QUARTIER
	    "  AND i.kind = '" STORE_KIND_CLASSIFIED "'"
	    " AND i.deleted_at IS NULL"
	    "  AND i.hidden_at IS NULL AND a.expires_at > :now"
	    "  AND a.status != 'gone' AND i.author_id IS NOT :viewer"
	    "  AND i.created_at > " LAST_VISIT("classifieds") " LIMIT :cap)),"
	    " (SELECT count(*) FROM (SELECT 1 FROM items i"
	    "  WHERE i.quartier_id = " VIEWER_QUARTIER
	    "  AND i.kind = '" STORE_KIND_LENDING "' AND i.deleted_at IS NULL"
	    "  AND i.hidden_at IS NULL AND i.author_id IS NOT :viewer"
	    "  AND i.created_at > " LAST_VISIT("lending") " LIMIT :cap)),"
	    /* CROSS JOIN: the week's events by events_start, then their
	     * items, whatever the statistics say; a planner without any
	     * went through the quartier's every item instead. */
	    " (SELECT count(*) FROM events e CROSS JOIN items i"
	    "  ON i.id = e.item_id"
	    "  WHERE i.quartier_id = " VIEWER_QUARTIER
	    "  AND i.deleted_at IS NULL AND i.hidden_at IS NULL"
	    "  AND e.cancelled_at IS NULL AND e.starts_at >= :today"
	    "  AND e.starts_at < :tomorrow"
	    "  AND (e.ends_at IS NULL OR e.ends_at >= :now)),"
	    " (SELECT count(*) FROM events e CROSS JOIN items i"
	    "  ON i.id = e.item_id"
	    "  WHERE i.quartier_id = " VIEWER_QUARTIER
	    "  AND i.deleted_at IS NULL AND i.hidden_at IS NULL"
	    "  AND e.cancelled_at IS NULL AND e.starts_at >= :today"
	    "  AND e.starts_at < :week"
	    "  AND (e.ends_at IS NULL OR e.ends_at >= :now)),"
	    /* The viewer's loans on either side, each way by an index,
	     * then their items (CROSS JOIN, for the same reason). */
	    " (SELECT count(*) FROM loans l CROSS JOIN items i"
	    "  ON i.id = l.item_id"
	    "  WHERE l.id IN (SELECT x.id FROM loans x"
	    "   WHERE x.borrower_id = :viewer"
	    "   UNION ALL SELECT x.id FROM loans x WHERE x.lender_id = :viewer"
	    "   UNION ALL SELECT x.id FROM items a JOIN loans x"
	    "   ON x.item_id = a.id WHERE a.author_id = :viewer"
	    "   AND a.kind = '" STORE_KIND_LENDING "' AND +x.lender_id IS NULL)"
	    "  AND i.quartier_id = " VIEWER_QUARTIER
	    "  AND l.status = 'accepted' AND l.due_at < :now),"
	    /* The viewer's items by items_author: "+" keeps the quartier's
	     * indexes from walking all its items. */
	    " (SELECT count(*) FROM loans l JOIN items i ON i.id = l.item_id"
	    "  WHERE +i.quartier_id = " VIEWER_QUARTIER
	    "  AND i.author_id = :viewer AND l.status = 'requested'"
	    "  AND i.deleted_at IS NULL AND i.hidden_at IS NULL)");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":cap", MENU_COUNT_MAX);
	bind_int64(stmt, ":now", now);
	bind_int64(stmt, ":today", today);
	bind_int64(stmt, ":tomorrow", day_after(today, 1));
	bind_int64(stmt, ":week", day_after(today, 7));
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		c->mail_unread = sqlite3_column_int(stmt, 0);
		c->classifieds_new = sqlite3_column_int(stmt, 1);
		c->lending_new = sqlite3_column_int(stmt, 2);
		c->events_today = sqlite3_column_int(stmt, 3);
		c->events_week = sqlite3_column_int(stmt, 4);
		c->loans_overdue = sqlite3_column_int(stmt, 5);
		c->loans_waiting = sqlite3_column_int(stmt, 6);
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW ? STORE_OK : store_fail(s, rc);
}

int
store_board_visit(struct store *s, const struct viewer *v, const char *board)
{
	sqlite3_stmt *stmt;

	if (!store_board_visited(board))
		return store_invalid(s, "unknown board");
	stmt = store_stmt(s, "INSERT INTO board_visits (resident_id, board,"
	    " last_visit_at, read_horizon) SELECT :viewer, :board, :now,"
	    " coalesce(verified_at, created_at) FROM residents"
	    " WHERE id = :viewer AND status = 'verified'"
	    " ON CONFLICT (resident_id, board) DO UPDATE"
	    " SET previous_visit_at = last_visit_at,"
	    " last_visit_at = excluded.last_visit_at");
	bind_viewer(stmt, v);
	bind_text(stmt, ":board", board);
	bind_int64(stmt, ":now", now_seconds());
	return store_write_one(s, stmt);
}
