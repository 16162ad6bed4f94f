/*
 * store-migrate.c - create a new database from data/schema.sql, or bring
 * one made by an older Quartier up to date, one version at a time.
 *
 * A database is never recreated: each step runs in its own transaction
 * with the version bump, so an interrupted upgrade leaves the database at
 * the last completed version, and before any step runs a copy of the file
 * is taken with SQLite's online backup.
 */
#include "build-config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store-internal.h"

extern const char store_schema_sql[];

/* Version 7's triggers: the body that bumps one counter. */
#define CHANGE_BUMP	" ON CONFLICT DO UPDATE SET n = n + 1; END;"
#define CHANGE_OF(quartier, board) \
	" BEGIN INSERT INTO changes VALUES (" quartier ", 0, " board ", 1)" \
	CHANGE_BUMP
#define CHANGE_OF_ITEM(item) \
	" BEGIN INSERT INTO changes SELECT quartier_id, 0, kind, 1" \
	" FROM items WHERE id = " item CHANGE_BUMP
#define CHANGE_OF_MAIL \
	" BEGIN INSERT INTO changes SELECT NEW.quartier_id, value, 'mail', 1" \
	" FROM json_each(json_array(NEW.recipient_id, NEW.sender_id))" \
	" WHERE value IS NOT NULL" CHANGE_BUMP

/*
 * The steps from each version to the next.  schema.sql always holds the
 * result of all of them; a new step adds a line here and bumps the
 * "schema-version:" line of schema.sql.
 */
static const struct store_migration migrations[] = {
	/* 2: signups are counted per source address, to throttle them. */
	{ 2, "ALTER TABLE residents ADD COLUMN signup_source TEXT;"
	     "CREATE INDEX residents_signup ON residents(signup_source,"
	     " created_at);", NULL },
	/* 3: loans on requests, overdue reminders, search across boards,
	 * the reasons of cancelled events and of hidden messages. */
	{ 3, "ALTER TABLE loans ADD COLUMN lender_id INTEGER"
	     " REFERENCES residents(id);"
	     "ALTER TABLE loans ADD COLUMN reminded_at INTEGER;"
	     "CREATE INDEX loans_lender ON loans(lender_id, status);"
	     "ALTER TABLE events ADD COLUMN cancel_reason TEXT;"
	     "ALTER TABLE messages ADD COLUMN hidden_by INTEGER"
	     " REFERENCES residents(id);"
	     "ALTER TABLE messages ADD COLUMN hidden_reason TEXT;"
	     /* Indexes that keep every screen's query off whole tables,
	      * as tests/unit/test-plans checks. */
	     "CREATE INDEX residents_status ON residents(status, quartier_id);"
	     "CREATE INDEX messages_about ON messages(about_item_id);"
	     "CREATE INDEX reports_target ON reports(target_kind, target_id,"
	     " resolved_at);"
	     "CREATE INDEX reports_unresolved ON reports(created_at)"
	     " WHERE resolved_at IS NULL;"
	     "CREATE INDEX live_sessions_seen ON live_sessions(seen_at);"
	     "CREATE INDEX read_marks_item ON read_marks(item_id);"
	     "CREATE VIRTUAL TABLE search USING fts5(scope, title, body,"
	     " tokenize = 'unicode61 remove_diacritics 2');",
	  NULL },	/* version 6 builds the index */
	/* 4: the directory's order and prefix match in an index, instead of
	 * every resident of the quartier read and folded at each key; the
	 * loans with a lender only in loans_lender, so that statistics
	 * never make it look useless; the sysop's counts of a quartier's
	 * mail, posts and replies, and the menu's unread posts, from indexes
	 * alone. */
	{ 4, "ALTER TABLE residents ADD COLUMN name_folded TEXT;"
	     "DROP INDEX residents_quartier;"
	     "CREATE INDEX residents_directory ON residents(quartier_id,"
	     " status, name_folded, id, handle);"
	     "DROP INDEX loans_lender;"
	     "CREATE INDEX loans_lender ON loans(lender_id, status)"
	     " WHERE lender_id IS NOT NULL;"
	     "CREATE INDEX messages_quartier ON messages(quartier_id);"
	     "DROP INDEX items_board;"
	     "CREATE INDEX items_board ON items(quartier_id, kind, created_at,"
	     " id, deleted_at, hidden_at, author_id);"
	     "DROP INDEX replies_item;"
	     "CREATE INDEX replies_item ON replies(item_id, created_at, id,"
	     " deleted_at);"
	     "DROP INDEX items_activity;"
	     "CREATE INDEX items_activity ON items(quartier_id, kind,"
	     " last_activity_at, deleted_at, hidden_at, author_id);",
	  store_directory_rebuild },
	/* 5: drafts, kept as residents type, offered back at the next
	 * login. */
	{ 5, "CREATE TABLE drafts (id INTEGER PRIMARY KEY,"
	     " resident_id INTEGER NOT NULL REFERENCES residents(id)"
	     " ON DELETE CASCADE, screen TEXT NOT NULL,"
	     " target_id INTEGER NOT NULL DEFAULT 0, label TEXT NOT NULL,"
	     " summary TEXT NOT NULL, fields BLOB NOT NULL,"
	     " created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
	     "CREATE INDEX drafts_resident ON drafts(resident_id, updated_at);",
	  NULL },
	/* 6: search within one quartier's words, ranking the newest matches
	 * (data/schema.sql, "Search across the boards"); the events and the
	 * ads of a quartier in indexes of their own, for the agenda, the
	 * archive and the ads online; the sysop's counts kept by triggers
	 * in board_totals. */
	{ 6, "DROP TABLE search;"
	     "CREATE TABLE search_rows (id INTEGER PRIMARY KEY,"
	     " item_id INTEGER NOT NULL, reply_id INTEGER NOT NULL,"
	     " quartier_id INTEGER NOT NULL, board INTEGER NOT NULL,"
	     " title TEXT NOT NULL,"
	     " body TEXT NOT NULL);"
	     "CREATE UNIQUE INDEX search_rows_of ON search_rows(item_id,"
	     " reply_id);"
	     "CREATE VIEW search_text AS SELECT id,"
	     " printf('%05d:', quartier_id) || title AS title,"
	     " printf('%05d:', quartier_id) || body AS body FROM search_rows;"
	     "CREATE VIRTUAL TABLE search USING fts5(title, body,"
	     " content = 'search_text', content_rowid = 'id',"
	     " tokenize = 'quartier remove_diacritics 2', prefix = '7 8');"
	     "CREATE TABLE search_words (quartier_id INTEGER NOT NULL,"
	     " word TEXT NOT NULL, row_count INTEGER NOT NULL,"
	     " PRIMARY KEY (quartier_id, word)) WITHOUT ROWID;"
	     "ALTER TABLE classifieds ADD COLUMN quartier_id INTEGER"
	     " REFERENCES quartiers(id);"
	     "UPDATE classifieds SET quartier_id = (SELECT quartier_id"
	     " FROM items WHERE id = item_id);"
	     "CREATE INDEX classifieds_live ON classifieds(quartier_id,"
	     " expires_at);"
	     "ALTER TABLE events ADD COLUMN quartier_id INTEGER"
	     " REFERENCES quartiers(id);"
	     "UPDATE events SET quartier_id = (SELECT quartier_id"
	     " FROM items WHERE id = item_id);"
	     "CREATE INDEX events_agenda ON events(quartier_id, starts_at,"
	     " item_id);"
	     "CREATE INDEX events_until ON events(quartier_id, ends_at,"
	     " starts_at);"
	     "CREATE TRIGGER classifieds_quartier AFTER INSERT ON classifieds"
	     " BEGIN UPDATE classifieds SET quartier_id = (SELECT quartier_id"
	     " FROM items WHERE id = NEW.item_id) WHERE item_id = NEW.item_id;"
	     " END;"
	     "CREATE TRIGGER events_quartier AFTER INSERT ON events"
	     " BEGIN UPDATE events SET quartier_id = (SELECT quartier_id"
	     " FROM items WHERE id = NEW.item_id) WHERE item_id = NEW.item_id;"
	     " END;"
	     "CREATE TABLE board_totals (quartier_id INTEGER NOT NULL,"
	     " kind TEXT NOT NULL, items INTEGER NOT NULL DEFAULT 0,"
	     " replies INTEGER NOT NULL DEFAULT 0,"
	     " loans INTEGER NOT NULL DEFAULT 0,"
	     " PRIMARY KEY (quartier_id, kind)) WITHOUT ROWID;"
	     "INSERT INTO board_totals (quartier_id, kind, items)"
	     " SELECT quartier_id, kind, count(*) FROM items"
	     " WHERE deleted_at IS NULL GROUP BY quartier_id, kind;"
	     "INSERT INTO board_totals (quartier_id, kind, replies)"
	     " SELECT i.quartier_id, i.kind, count(*) FROM replies r"
	     " JOIN items i ON i.id = r.item_id WHERE r.deleted_at IS NULL"
	     " GROUP BY i.quartier_id, i.kind"
	     " ON CONFLICT DO UPDATE SET replies = excluded.replies;"
	     "INSERT INTO board_totals (quartier_id, kind, loans)"
	     " SELECT i.quartier_id, i.kind, count(*) FROM loans l"
	     " JOIN items i ON i.id = l.item_id WHERE l.status = 'accepted'"
	     " GROUP BY i.quartier_id, i.kind"
	     " ON CONFLICT DO UPDATE SET loans = excluded.loans;"
	     "CREATE TRIGGER items_total_add AFTER INSERT ON items"
	     " WHEN NEW.deleted_at IS NULL BEGIN"
	     " INSERT INTO board_totals (quartier_id, kind, items)"
	     " VALUES (NEW.quartier_id, NEW.kind, 1)"
	     " ON CONFLICT DO UPDATE SET items = items + 1; END;"
	     "CREATE TRIGGER items_total_delete AFTER UPDATE OF deleted_at"
	     " ON items WHEN (OLD.deleted_at IS NULL)"
	     " != (NEW.deleted_at IS NULL) BEGIN"
	     " INSERT INTO board_totals (quartier_id, kind, items)"
	     " VALUES (NEW.quartier_id, NEW.kind,"
	     " iif(NEW.deleted_at IS NULL, 1, -1))"
	     " ON CONFLICT DO UPDATE SET items = items + excluded.items; END;"
	     "CREATE TRIGGER items_total_remove BEFORE DELETE ON items BEGIN"
	     " INSERT INTO board_totals (quartier_id, kind, items, replies,"
	     " loans) VALUES (OLD.quartier_id, OLD.kind,"
	     " -(OLD.deleted_at IS NULL),"
	     " -(SELECT count(*) FROM replies WHERE item_id = OLD.id"
	     " AND deleted_at IS NULL),"
	     " -(SELECT count(*) FROM loans WHERE item_id = OLD.id"
	     " AND status = 'accepted'))"
	     " ON CONFLICT DO UPDATE SET items = items + excluded.items,"
	     " replies = replies + excluded.replies,"
	     " loans = loans + excluded.loans; END;"
	     "CREATE TRIGGER replies_total_add AFTER INSERT ON replies"
	     " WHEN NEW.deleted_at IS NULL BEGIN"
	     " INSERT INTO board_totals (quartier_id, kind, replies)"
	     " SELECT quartier_id, kind, 1 FROM items WHERE id = NEW.item_id"
	     " ON CONFLICT DO UPDATE SET replies = replies + 1; END;"
	     "CREATE TRIGGER replies_total_delete AFTER UPDATE OF deleted_at"
	     " ON replies WHEN (OLD.deleted_at IS NULL)"
	     " != (NEW.deleted_at IS NULL) BEGIN"
	     " INSERT INTO board_totals (quartier_id, kind, replies)"
	     " SELECT quartier_id, kind, iif(NEW.deleted_at IS NULL, 1, -1)"
	     " FROM items WHERE id = NEW.item_id"
	     " ON CONFLICT DO UPDATE SET replies = replies + excluded.replies;"
	     " END;"
	     "CREATE TRIGGER replies_total_remove AFTER DELETE ON replies"
	     " WHEN OLD.deleted_at IS NULL BEGIN"
	     " INSERT INTO board_totals (quartier_id, kind, replies)"
	     " SELECT quartier_id, kind, -1 FROM items WHERE id = OLD.item_id"
	     " ON CONFLICT DO UPDATE SET replies = replies - 1; END;"
	     "CREATE TRIGGER loans_total_add AFTER INSERT ON loans"
	     " WHEN NEW.status = 'accepted' BEGIN"
	     " INSERT INTO board_totals (quartier_id, kind, loans)"
	     " SELECT quartier_id, kind, 1 FROM items WHERE id = NEW.item_id"
	     " ON CONFLICT DO UPDATE SET loans = loans + 1; END;"
	     "CREATE TRIGGER loans_total_status AFTER UPDATE OF status"
	     " ON loans WHEN (OLD.status = 'accepted')"
	     " != (NEW.status = 'accepted') BEGIN"
	     " INSERT INTO board_totals (quartier_id, kind, loans)"
	     " SELECT quartier_id, kind, iif(NEW.status = 'accepted', 1, -1)"
	     " FROM items WHERE id = NEW.item_id"
	     " ON CONFLICT DO UPDATE SET loans = loans + excluded.loans; END;"
	     "CREATE TRIGGER loans_total_remove AFTER DELETE ON loans"
	     " WHEN OLD.status = 'accepted' BEGIN"
	     " INSERT INTO board_totals (quartier_id, kind, loans)"
	     " SELECT quartier_id, kind, -1 FROM items WHERE id = OLD.item_id"
	     " ON CONFLICT DO UPDATE SET loans = loans - 1; END;",
	  store_search_rebuild },
	/* 7: change counters per quartier and board, bumped by triggers,
	 * that the sessions poll instead of reloading at anyone's write
	 * (data/schema.sql, "What changed where"). */
	{ 7, "CREATE TABLE changes (quartier_id INTEGER NOT NULL,"
	     " resident_id INTEGER NOT NULL, board TEXT NOT NULL,"
	     " n INTEGER NOT NULL, PRIMARY KEY (quartier_id, resident_id,"
	     " board)) WITHOUT ROWID;"
	     "CREATE TRIGGER items_change_add AFTER INSERT ON items"
	     CHANGE_OF("NEW.quartier_id", "NEW.kind")
	     "CREATE TRIGGER items_change_edit AFTER UPDATE ON items"
	     CHANGE_OF("NEW.quartier_id", "NEW.kind")
	     "CREATE TRIGGER items_change_remove AFTER DELETE ON items"
	     CHANGE_OF("OLD.quartier_id", "OLD.kind")
	     "CREATE TRIGGER replies_change_add AFTER INSERT ON replies"
	     CHANGE_OF_ITEM("NEW.item_id")
	     "CREATE TRIGGER replies_change_edit AFTER UPDATE ON replies"
	     CHANGE_OF_ITEM("NEW.item_id")
	     "CREATE TRIGGER replies_change_remove AFTER DELETE ON replies"
	     CHANGE_OF_ITEM("OLD.item_id")
	     "CREATE TRIGGER classifieds_change AFTER UPDATE ON classifieds"
	     CHANGE_OF_ITEM("NEW.item_id")
	     "CREATE TRIGGER lendings_change AFTER UPDATE ON lendings"
	     CHANGE_OF_ITEM("NEW.item_id")
	     "CREATE TRIGGER events_change AFTER UPDATE ON events"
	     CHANGE_OF_ITEM("NEW.item_id")
	     "CREATE TRIGGER loans_change_add AFTER INSERT ON loans"
	     CHANGE_OF_ITEM("NEW.item_id")
	     "CREATE TRIGGER loans_change_edit AFTER UPDATE ON loans"
	     CHANGE_OF_ITEM("NEW.item_id")
	     "CREATE TRIGGER loans_change_remove AFTER DELETE ON loans"
	     CHANGE_OF_ITEM("OLD.item_id")
	     "CREATE TRIGGER rsvps_change_add AFTER INSERT ON rsvps"
	     CHANGE_OF_ITEM("NEW.event_id")
	     "CREATE TRIGGER rsvps_change_edit AFTER UPDATE ON rsvps"
	     CHANGE_OF_ITEM("NEW.event_id")
	     "CREATE TRIGGER rsvps_change_remove AFTER DELETE ON rsvps"
	     CHANGE_OF_ITEM("OLD.event_id")
	     "CREATE TRIGGER messages_change_add AFTER INSERT ON messages"
	     CHANGE_OF_MAIL
	     "CREATE TRIGGER messages_change_edit AFTER UPDATE ON messages"
	     CHANGE_OF_MAIL
	     "CREATE TRIGGER residents_change_add AFTER INSERT ON residents"
	     CHANGE_OF("NEW.quartier_id", "'residents'")
	     "CREATE TRIGGER residents_change_edit AFTER UPDATE OF status,"
	     " quartier_id, role, display_name ON residents BEGIN"
	     " INSERT INTO changes SELECT DISTINCT value, 0, 'residents', 1"
	     " FROM json_each(json_array(OLD.quartier_id, NEW.quartier_id))"
	     " WHERE true" CHANGE_BUMP
	     "CREATE TRIGGER vouches_change_add AFTER INSERT ON vouches"
	     CHANGE_OF("NEW.quartier_id", "'residents'")
	     "CREATE TRIGGER vouches_change_remove AFTER DELETE ON vouches"
	     CHANGE_OF("OLD.quartier_id", "'residents'")
	     "CREATE TRIGGER verifications_change_add AFTER INSERT"
	     " ON verifications" CHANGE_OF("NEW.quartier_id", "'residents'")
	     "CREATE TRIGGER verifications_change_edit AFTER UPDATE"
	     " ON verifications" CHANGE_OF("NEW.quartier_id", "'residents'")
	     "CREATE TRIGGER reports_change_add AFTER INSERT ON reports"
	     CHANGE_OF("NEW.quartier_id", "'reports'")
	     "CREATE TRIGGER reports_change_edit AFTER UPDATE ON reports"
	     CHANGE_OF("NEW.quartier_id", "'reports'")
	     "CREATE TRIGGER moderation_log_change AFTER INSERT"
	     " ON moderation_log WHEN NEW.quartier_id IS NOT NULL"
	     CHANGE_OF("NEW.quartier_id", "'reports'"),
	  NULL },
	/* 8: bonnes adresses and polls.  items.kind gains 'address': SQLite
	 * cannot alter a CHECK constraint, but widening one changes nothing
	 * stored, so the table's text is rewritten in place, the way
	 * SQLite's ALTER TABLE documentation describes for constraints
	 * (writable_schema, then RESET to read it again), rather than
	 * copying every item into a new table. */
	{ 8, "PRAGMA writable_schema = ON;"
	     "UPDATE sqlite_schema SET sql = replace(sql,"
	     " '''lending'', ''event''))',"
	     " '''lending'', ''event'', ''address''))')"
	     " WHERE type = 'table' AND name = 'items';"
	     "PRAGMA writable_schema = RESET;"
	     "CREATE TABLE addresses (item_id INTEGER PRIMARY KEY"
	     " REFERENCES items(id) ON DELETE CASCADE,"
	     " quartier_id INTEGER REFERENCES quartiers(id), trade TEXT,"
	     " street TEXT NOT NULL,"
	     " patients TEXT CHECK (patients IN ('yes', 'no', 'unknown')),"
	     " patients_at INTEGER, patients_by INTEGER"
	     " REFERENCES residents(id),"
	     " person TEXT CHECK (person IN ('self', 'agreed')),"
	     " name_folded TEXT NOT NULL);"
	     "CREATE INDEX addresses_name ON addresses(quartier_id,"
	     " name_folded);"
	     "CREATE TRIGGER addresses_quartier AFTER INSERT ON addresses"
	     " BEGIN UPDATE addresses SET quartier_id = (SELECT quartier_id"
	     " FROM items WHERE id = NEW.item_id) WHERE item_id = NEW.item_id;"
	     " END;"
	     "CREATE INDEX items_recommended ON items(quartier_id, reply_count,"
	     " id) WHERE kind = 'address';"
	     "CREATE INDEX items_recommended_kind ON items(quartier_id,"
	     " category, reply_count, id) WHERE kind = 'address';"
	     "CREATE TABLE polls (item_id INTEGER PRIMARY KEY"
	     " REFERENCES items(id) ON DELETE CASCADE,"
	     " multiple INTEGER NOT NULL DEFAULT 0, closes_at INTEGER,"
	     " created_at INTEGER NOT NULL);"
	     "CREATE TABLE poll_choices (id INTEGER PRIMARY KEY,"
	     " item_id INTEGER NOT NULL REFERENCES polls(item_id)"
	     " ON DELETE CASCADE, position INTEGER NOT NULL,"
	     " label TEXT NOT NULL, UNIQUE (item_id, position));"
	     "CREATE TABLE poll_votes (item_id INTEGER NOT NULL"
	     " REFERENCES polls(item_id) ON DELETE CASCADE,"
	     " resident_id INTEGER NOT NULL REFERENCES residents(id)"
	     " ON DELETE CASCADE, choice_id INTEGER NOT NULL"
	     " REFERENCES poll_choices(id) ON DELETE CASCADE,"
	     " voted_at INTEGER NOT NULL,"
	     " PRIMARY KEY (item_id, resident_id, choice_id)) WITHOUT ROWID;"
	     "CREATE INDEX poll_votes_choice ON poll_votes(choice_id);",
	  NULL },
	/* 9: the quartiers declared neighbours, and the lost-and-found and
	 * alert posts their authors share with them; groups of residents
	 * and their members. */
	{ 9, "CREATE TABLE quartier_neighbours (quartier_id INTEGER NOT NULL"
	     " REFERENCES quartiers(id), neighbour_id INTEGER NOT NULL"
	     " REFERENCES quartiers(id), created_at INTEGER NOT NULL,"
	     " PRIMARY KEY (quartier_id, neighbour_id),"
	     " CHECK (quartier_id != neighbour_id)) WITHOUT ROWID;"
	     "ALTER TABLE items ADD COLUMN shared_at INTEGER;"
	     "CREATE INDEX items_shared ON items(quartier_id, created_at, id)"
	     " WHERE shared_at IS NOT NULL;"
	     "CREATE TABLE quartier_groups (id INTEGER PRIMARY KEY,"
	     " quartier_id INTEGER NOT NULL REFERENCES quartiers(id),"
	     " name TEXT NOT NULL COLLATE NOCASE, description TEXT NOT NULL,"
	     " open INTEGER NOT NULL DEFAULT 1, created_at INTEGER NOT NULL,"
	     " closed_at INTEGER, closed_by INTEGER REFERENCES residents(id),"
	     " UNIQUE (quartier_id, name));"
	     "CREATE TABLE group_members (group_id INTEGER NOT NULL"
	     " REFERENCES quartier_groups(id) ON DELETE CASCADE,"
	     " resident_id INTEGER NOT NULL REFERENCES residents(id)"
	     " ON DELETE CASCADE, role TEXT NOT NULL CHECK (role IN"
	     " ('founder', 'admin', 'member', 'pending')),"
	     " since INTEGER NOT NULL, PRIMARY KEY (group_id, resident_id))"
	     " WITHOUT ROWID;"
	     "CREATE INDEX group_members_resident ON group_members(resident_id,"
	     " group_id);"
	     "CREATE TRIGGER items_change_shared AFTER UPDATE ON items"
	     " WHEN NEW.shared_at IS NOT NULL OR OLD.shared_at IS NOT NULL"
	     " BEGIN INSERT INTO changes SELECT qn.neighbour_id, 0, NEW.kind, 1"
	     " FROM quartier_neighbours qn WHERE qn.quartier_id ="
	     " NEW.quartier_id" CHANGE_BUMP
	     "CREATE TRIGGER replies_change_shared AFTER INSERT ON replies"
	     " BEGIN INSERT INTO changes SELECT qn.neighbour_id, 0, i.kind, 1"
	     " FROM items i JOIN quartier_neighbours qn"
	     " ON qn.quartier_id = i.quartier_id"
	     " WHERE i.id = NEW.item_id AND i.shared_at IS NOT NULL"
	     CHANGE_BUMP,
	  NULL },
	/* 10: e-mail notices: one verified address per resident, what each
	 * kind of notice does, the digest's settings, and the outbox that
	 * quartier-admin notify empties (data/schema.sql, "E-mail
	 * notices"). */
	{ 10, "CREATE TABLE email_addresses (resident_id INTEGER PRIMARY KEY"
	     " REFERENCES residents(id) ON DELETE CASCADE,"
	     " address TEXT NOT NULL, verified_at INTEGER, code_hash TEXT,"
	     " code_expires_at INTEGER, code_tries INTEGER NOT NULL DEFAULT 0,"
	     " created_at INTEGER NOT NULL);"
	     "CREATE TABLE notice_choices (resident_id INTEGER NOT NULL"
	     " REFERENCES residents(id) ON DELETE CASCADE,"
	     " kind TEXT NOT NULL CHECK (kind IN ('message', 'reply', 'loan',"
	     " 'event', 'alert', 'moderation')),"
	     " delivery TEXT NOT NULL CHECK (delivery IN ('now', 'digest',"
	     " 'never')), PRIMARY KEY (resident_id, kind)) WITHOUT ROWID;"
	     "CREATE TABLE mail_settings (resident_id INTEGER PRIMARY KEY"
	     " REFERENCES residents(id) ON DELETE CASCADE,"
	     " digest TEXT NOT NULL DEFAULT 'weekly'"
	     " CHECK (digest IN ('never', 'daily', 'weekly')),"
	     " digest_hour INTEGER NOT NULL DEFAULT 18"
	     " CHECK (digest_hour BETWEEN 0 AND 23),"
	     " message_text INTEGER NOT NULL DEFAULT 0,"
	     " last_digest_at INTEGER);"
	     "CREATE TABLE outbox (id INTEGER PRIMARY KEY,"
	     " resident_id INTEGER NOT NULL REFERENCES residents(id)"
	     " ON DELETE CASCADE, address TEXT NOT NULL, kind TEXT NOT NULL,"
	     " language TEXT NOT NULL CHECK (language IN ('fr', 'en')),"
	     " subject TEXT NOT NULL, body TEXT NOT NULL,"
	     " state TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN"
	     " ('waiting', 'sending', 'sent', 'unsure', 'failed')),"
	     " message_id TEXT, tries INTEGER NOT NULL DEFAULT 0,"
	     " next_try_at INTEGER NOT NULL, last_error TEXT,"
	     " created_at INTEGER NOT NULL, sent_at INTEGER);"
	     "CREATE INDEX outbox_due ON outbox(state, next_try_at);"
	     "CREATE INDEX outbox_resident ON outbox(resident_id, sent_at);"
	     "CREATE INDEX outbox_address ON outbox(address, sent_at);",
	  NULL },
};
static const size_t nmigrations = sizeof migrations / sizeof migrations[0];

/* The version schema.sql describes, from its "schema-version: N" line. */
int
store_schema_latest(void)
{
	const char *p;

	if ((p = strstr(store_schema_sql, "schema-version:")) == NULL)
		fatal("schema.sql has no schema-version line");
	return atoi(p + strlen("schema-version:"));
}

static int
store_table_count(struct store *s)
{
	sqlite3_stmt *stmt;
	int n = 0;

	stmt = store_stmt(s, "SELECT count(*) FROM sqlite_schema"
	    " WHERE type = 'table'");
	if (sqlite3_step(stmt) == SQLITE_ROW)
		n = sqlite3_column_int(stmt, 0);
	sqlite3_reset(stmt);
	return n;
}

static int
store_set_version(struct store *s, int version)
{
	char sql[64];

	/* PRAGMA takes no bound parameters; VERSION is our own integer. */
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", version);
	return store_exec(s, sql);
}

static int
store_create(struct store *s, char **err)
{
	int rc;

	if ((rc = store_begin(s)) != STORE_OK)
		goto fail;
	if ((rc = store_exec(s, store_schema_sql)) != STORE_OK ||
	    (rc = store_set_version(s, store_schema_latest())) != STORE_OK) {
		store_rollback(s);
		goto fail;
	}
	if ((rc = store_commit(s)) != STORE_OK)
		goto fail;
	return 0;
fail:
	*err = xasprintf(_("%s: cannot create the database: %s"), s->path,
	    store_detail(s));
	return -1;
}

/* Copy the database aside before changing its structure.  The copy
 * holds what the database holds: it is made private (0600) before a
 * byte is written into it, as the database itself is. */
static int
store_backup_before(struct store *s, int version, char **err)
{
	sqlite3 *copy;
	sqlite3_backup *b;
	char *path;
	int rc, fd;

	if (strcmp(s->path, ":memory:") == 0 || s->path[0] == '\0')
		return 0;
	path = xasprintf("%s.v%d.bak", s->path, version);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
	    0600)) < 0 || fchmod(fd, 0600) != 0) {
		*err = xasprintf(_("%s: cannot save a copy before upgrading: %s"),
		    path, strerror(errno));
		if (fd >= 0)
			close(fd);
		free(path);
		return -1;
	}
	close(fd);
	if (sqlite3_open_v2(path, &copy, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		*err = xasprintf(_("%s: cannot save a copy before upgrading: %s"),
		    path, sqlite3_errmsg(copy));
		sqlite3_close(copy);
		free(path);
		return -1;
	}
	b = sqlite3_backup_init(copy, "main", s->db, "main");
	rc = b != NULL ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		*err = xasprintf(_("%s: cannot save a copy before upgrading: %s"),
		    path, sqlite3_errmsg(copy));
		sqlite3_close(copy);
		free(path);
		return -1;
	}
	sqlite3_close(copy);
	free(path);
	return 0;
}

int
store_migrate_steps(struct store *s, const struct store_migration *steps,
    size_t n, char **err)
{
	int version, latest, rc;
	size_t i;

	version = store_schema_version(s);
	latest = n > 0 ? steps[n - 1].to_version : version;
	if (version >= latest)
		return 0;
	if (store_backup_before(s, version, err) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (steps[i].to_version <= version)
			continue;
		if ((rc = store_begin(s)) != STORE_OK ||
		    (rc = store_exec(s, steps[i].sql)) != STORE_OK ||
		    (steps[i].after != NULL &&
		    (rc = steps[i].after(s)) != STORE_OK) ||
		    (rc = store_set_version(s, steps[i].to_version)) != STORE_OK ||
		    (rc = store_commit(s)) != STORE_OK) {
			store_rollback(s);
			*err = xasprintf(_("%s: upgrade to version %d failed, "
			    "the database stays at version %d: %s"), s->path,
			    steps[i].to_version, version, store_detail(s));
			return -1;
		}
		version = steps[i].to_version;
	}
	return 0;
}

int
store_migrate(struct store *s, char **err)
{
	int version, latest;

	version = store_schema_version(s);
	latest = store_schema_latest();
	if (version == 0) {
		if (store_table_count(s) != 0) {
			*err = xasprintf(_("%s: not a Quartier database"),
			    s->path);
			return -1;
		}
		return store_create(s, err);
	}
	if (version > latest) {
		*err = xasprintf(_("%s: made by a newer Quartier (schema "
		    "version %d, this program knows %d); upgrade Quartier"),
		    s->path, version, latest);
		return -1;
	}
	return store_migrate_steps(s, migrations, nmigrations, err);
}

/*
 * A read-only connection cannot upgrade: it only says whether the file is
 * the version this program reads.
 */
int
store_check_version(struct store *s, char **err)
{
	int version = store_schema_version(s), latest = store_schema_latest();

	if (version == latest)
		return 0;
	if (version > latest)
		*err = xasprintf(_("%s: made by a newer Quartier (schema "
		    "version %d, this program knows %d); upgrade Quartier"),
		    s->path, version, latest);
	else if (version == 0)
		*err = xasprintf(_("%s: not a Quartier database"), s->path);
	else
		*err = xasprintf(_("%s: schema version %d is older than %d; "
		    "upgrade it with: quartier-admin --db %s init"), s->path,
		    version, latest, s->path);
	return -1;
}
