/*
 * store-admin.c - what only the sysop's tools ask of the database: the
 * version of a file before it is opened (and so upgraded), whether a
 * database holds any data yet, the site's numbers, renaming a quartier,
 * an online backup and finding a resident by the first letters.
 */
#include "build-config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store-internal.h"
#include "text.h"

/*
 * The schema version of the database file at PATH, read without creating or
 * upgrading anything, so that quartier-admin init can say what it did: 0 for
 * a missing or empty file.  A file SQLite cannot read gives STORE_ERROR and
 * store_open() then says what is wrong with it.
 */
int
store_file_version(const char *path, int *version)
{
	sqlite3 *db;
	sqlite3_stmt *stmt = NULL;
	struct stat st;
	int rc;

	*version = 0;
	if (stat(path, &st) != 0)
		return errno == ENOENT ? STORE_OK : STORE_ERROR;
	rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(db, STORE_BUSY_TIMEOUT_MS);
		rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt,
		    NULL);
	}
	if (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		*version = sqlite3_column_int(stmt, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return rc == SQLITE_OK ? STORE_OK : STORE_ERROR;
}

int
store_city_count(struct store *s, int *n)
{
	sqlite3_stmt *stmt;
	int rc;

	*n = 0;
	stmt = store_stmt(s, "SELECT count(*) FROM cities");
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		*n = sqlite3_column_int(stmt, 0);
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW ? STORE_OK : store_fail(s, rc);
}

/*
 * The numbers of the whole site (QUARTIER_ID 0) or of one quartier, each in
 * one statement so that they agree with each other.  Two statements, not
 * one with "(:q = 0 OR quartier_id = :q)": that form keeps every index on
 * quartier_id from serving one quartier, which then cost a pass over every
 * table (176 ms at the median at a million items).
 *
 * The posts, lending offers, replies and loans under way are board_totals'
 * (kept by triggers with every write): counting them read every item and
 * reply, 200 ms and more at a million items.  The ads online and the
 * events to come depend on the time: they are ranges of indexes by date,
 * classifieds_live and events_until for a quartier, classifieds_expiry
 * and events_until quartier by quartier for the site.  An event to come
 * ends later than now or, without an end, starts later; each half of that
 * names the quartier, so that each is a range of events_until.
 */
#define STATS_EVENTS_TO_COME(q) \
	" ((e.quartier_id = " q " AND e.ends_at >= :now)" \
	"  OR (e.quartier_id = " q " AND e.ends_at IS NULL" \
	"   AND e.starts_at >= :now))" \
	" AND e.cancelled_at IS NULL AND i.deleted_at IS NULL"

int
store_stats(struct store *s, int64_t quartier_id, struct store_stats *st)
{
	sqlite3_stmt *stmt;
	int rc;

	memset(st, 0, sizeof *st);
	if (quartier_id != 0) {
		stmt = store_stmt(s, "SELECT 1 FROM quartiers WHERE id = :q");
		bind_int64(stmt, ":q", quartier_id);
		if ((rc = store_step_found(s, stmt)) != STORE_OK)
			return rc;
		stmt = store_stmt(s, "SELECT 1, 1,"
		    " (SELECT count(*) FROM residents WHERE quartier_id = :q"
		    "   AND status = 'verified'),"
		    " (SELECT count(*) FROM residents WHERE quartier_id = :q"
		    "   AND status = 'pending'),"
		    " (SELECT count(*) FROM residents WHERE quartier_id = :q"
		    "   AND status = 'suspended'),"
		    " (SELECT total(items) FROM board_totals"
		    "   WHERE quartier_id = :q AND kind = '" STORE_KIND_POST "'),"
		    " (SELECT total(replies) FROM board_totals"
		    "   WHERE quartier_id = :q),"
		    " (SELECT count(*) FROM classifieds c CROSS JOIN items i"
		    "   ON i.id = c.item_id WHERE c.quartier_id = :q"
		    "   AND c.expires_at > :now AND i.deleted_at IS NULL"
		    "   AND i.hidden_at IS NULL AND c.status <> 'gone'),"
		    " (SELECT total(items) FROM board_totals"
		    "   WHERE quartier_id = :q AND kind = '" STORE_KIND_LENDING "'),"
		    " (SELECT total(loans) FROM board_totals"
		    "   WHERE quartier_id = :q),"
		    " (SELECT count(*) FROM events e CROSS JOIN items i"
		    "   ON i.id = e.item_id WHERE" STATS_EVENTS_TO_COME(":q") "),"
		    " (SELECT count(*) FROM messages WHERE quartier_id = :q),"
		    " (SELECT count(*) FROM reports WHERE quartier_id = :q"
		    "   AND resolved_at IS NULL),"
		    " (SELECT count(*) FROM residents r JOIN live_sessions l"
		    "   ON l.resident_id = r.id WHERE r.quartier_id = :q"
		    "   AND l.seen_at >= :now - :stale)");
		bind_int64(stmt, ":q", quartier_id);
	} else
		stmt = store_stmt(s, "SELECT"
		    " (SELECT count(DISTINCT q.city_id) FROM quartiers q),"
		    " (SELECT count(*) FROM quartiers),"
		    " (SELECT count(*) FROM residents WHERE status = 'verified'),"
		    " (SELECT count(*) FROM residents WHERE status = 'pending'),"
		    " (SELECT count(*) FROM residents"
		    "   WHERE status = 'suspended'),"
		    " (SELECT total(items) FROM board_totals"
		    "   WHERE kind = '" STORE_KIND_POST "'),"
		    " (SELECT total(replies) FROM board_totals),"
		    " (SELECT count(*) FROM classifieds c CROSS JOIN items i"
		    "   ON i.id = c.item_id WHERE c.expires_at > :now"
		    "   AND i.deleted_at IS NULL AND i.hidden_at IS NULL"
		    "   AND c.status <> 'gone'),"
		    " (SELECT total(items) FROM board_totals"
		    "   WHERE kind = '" STORE_KIND_LENDING "'),"
		    " (SELECT total(loans) FROM board_totals),"
		    " (SELECT count(*) FROM quartiers q CROSS JOIN events e"
		    "   CROSS JOIN items i ON i.id = e.item_id"
		    "   WHERE" STATS_EVENTS_TO_COME("q.id") "),"
		    " (SELECT count(*) FROM messages),"
		    " (SELECT count(*) FROM reports WHERE resolved_at IS NULL),"
		    " (SELECT count(*) FROM live_sessions"
		    "   WHERE seen_at >= :now - :stale)");
	bind_int64(stmt, ":now", now_seconds());
	bind_int64(stmt, ":stale", STORE_LIVE_STALE);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		st->cities = sqlite3_column_int(stmt, 0);
		st->quartiers = sqlite3_column_int(stmt, 1);
		st->verified = sqlite3_column_int(stmt, 2);
		st->pending = sqlite3_column_int(stmt, 3);
		st->suspended = sqlite3_column_int(stmt, 4);
		st->posts = sqlite3_column_int(stmt, 5);
		st->replies = sqlite3_column_int(stmt, 6);
		st->classifieds = sqlite3_column_int(stmt, 7);
		st->lendings = sqlite3_column_int(stmt, 8);
		st->loans_live = sqlite3_column_int(stmt, 9);
		st->events_coming = sqlite3_column_int(stmt, 10);
		st->messages = sqlite3_column_int(stmt, 11);
		st->reports_open = sqlite3_column_int(stmt, 12);
		st->online = sqlite3_column_int(stmt, 13);
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW ? STORE_OK : store_fail(s, rc);
}

/* Each quartier's posts, from board_totals. */
int
store_quartier_posts(struct store *s, const struct quartier_info *list,
    size_t n, int *posts)
{
	sqlite3_stmt *stmt;
	int64_t id;
	size_t i;
	int rc;

	for (i = 0; i < n; i++)
		posts[i] = 0;
	stmt = store_stmt(s, "SELECT quartier_id, items FROM board_totals"
	    " WHERE kind = '" STORE_KIND_POST "'");
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		id = sqlite3_column_int64(stmt, 0);
		for (i = 0; i < n; i++)
			if (list[i].id == id)
				posts[i] = sqlite3_column_int(stmt, 1);
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? STORE_OK : store_fail(s, rc);
}

/* A new name within the same city; another quartier of that city with the
 * name already gives STORE_DUPLICATE (the UNIQUE constraint says so). */
int
store_quartier_rename(struct store *s, int64_t quartier_id, const char *name)
{
	sqlite3_stmt *stmt;
	char *clean;
	int rc;

	if ((rc = store_clean(s, name, 0, QUARTIER_NAME_MAX, &clean)) != STORE_OK)
		return rc;
	stmt = store_stmt(s, "UPDATE quartiers SET name = :name WHERE id = :id");
	bind_text(stmt, ":name", clean);
	bind_int64(stmt, ":id", quartier_id);
	rc = store_write_one(s, stmt);
	free(clean);
	return rc;
}

/*
 * SQLite's online backup.  The whole copy is done in one step: with the
 * database in WAL mode it reads one snapshot while residents go on
 * writing, whereas copying page by page would start again after each of
 * their writes and might never finish on a busy evening.  An existing
 * PATH is refused (a backup never overwrites anything), and a failed copy
 * leaves no half-written file behind.
 */
int
store_backup(struct store *s, const char *path)
{
	sqlite3 *dest = NULL;
	sqlite3_backup *b;
	int fd, rc;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600)) == -1) {
		store_invalid(s, strerror(errno));
		return errno == EEXIST ? STORE_DUPLICATE : STORE_INVALID;
	}
	close(fd);
	rc = sqlite3_open_v2(path, &dest, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(dest, STORE_BUSY_TIMEOUT_MS);
		if ((b = sqlite3_backup_init(dest, "main", s->db, "main")) ==
		    NULL)
			rc = sqlite3_errcode(dest);
		else {
			do {
				rc = sqlite3_backup_step(b, -1);
				if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
					sqlite3_sleep(100);
			} while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
			sqlite3_backup_finish(b);
			if (rc == SQLITE_DONE)
				rc = sqlite3_errcode(dest);
		}
	}
	if (rc != SQLITE_OK) {
		store_invalid(s, dest != NULL ? sqlite3_errmsg(dest) :
		    _("out of memory"));
		sqlite3_close(dest);
		unlink(path);
		return STORE_ERROR;
	}
	/* The copy is a database of its own: back to a single file, not a
	 * WAL beside it. */
	sqlite3_exec(dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	sqlite3_close(dest);
	return STORE_OK;
}

static bool
starts_folded(const char *text, const char *fprefix)
{
	char *f;
	bool yes;

	if (text == NULL)
		return false;
	f = text_fold(text);
	yes = strncmp(f, fprefix, strlen(fprefix)) == 0;
	free(f);
	return yes;
}

/*
 * Folding (no case, no accents) is done by text.c, not SQL, so the
 * residents are read and compared here: a site has a few thousand of them
 * at most, and the sysop searches now and then.  A display name matches
 * on any of its words ("dup" finds "Marie Dupont").
 */
int
store_resident_search(struct store *s, int64_t quartier_id,
    const char *prefix, int limit, struct resident **out, size_t *n)
{
	struct resident *all;
	char *fprefix;
	const char *p;
	size_t i, count, kept = 0;
	bool match;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = store_resident_list(s, quartier_id, false, &all, &count)) !=
	    STORE_OK)
		return rc;
	fprefix = text_fold(prefix != NULL ? prefix : "");
	for (i = 0; i < count; i++) {
		match = starts_folded(all[i].handle, fprefix);
		for (p = all[i].display_name; !match && p != NULL && *p != '\0';
		    p++)
			if (p == all[i].display_name || p[-1] == ' ' ||
			    p[-1] == '-')
				match = starts_folded(p, fprefix);
		if (match && (limit <= 0 || kept < (size_t)limit))
			all[kept++] = all[i];
		else
			resident_clear(&all[i]);
	}
	free(fprefix);
	*out = all;
	*n = kept;
	if (kept == 0) {
		free(all);
		*out = NULL;
	}
	return STORE_OK;
}
