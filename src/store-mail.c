/*
 * store-mail.c - private mail between the verified neighbours of one
 * quartier, the directory they pick each other from, blocking and
 * reports.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "store-internal.h"
#include "text.h"

int
store_mail_notify(struct store *s, int64_t sender_id, int64_t recipient_id,
    const char *subject, const char *body, int64_t about_item_id)
{
	sqlite3_stmt *stmt;
	int64_t id;
	int rc;

	/* Mail from a neighbour the recipient blocked is not delivered. */
	stmt = store_stmt(s, "INSERT INTO messages (quartier_id, sender_id,"
	    " recipient_id, subject, body, about_item_id, created_at,"
	    " recipient_deleted)"
	    " SELECT r.quartier_id, :sender, r.id, :subject, :body, :about,"
	    " :now, EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = r.id"
	    "  AND b.blocked_id = :sender)"
	    " FROM residents r WHERE r.id = :recipient");
	if (sender_id != 0)
		bind_int64(stmt, ":sender", sender_id);
	bind_int64(stmt, ":recipient", recipient_id);
	bind_text(stmt, ":subject", subject);
	bind_text(stmt, ":body", body);
	if (about_item_id != 0)
		bind_int64(stmt, ":about", about_item_id);
	bind_int64(stmt, ":now", now_seconds());
	if ((rc = store_step_done(s, stmt)) != STORE_OK)
		return rc;
	if (sqlite3_changes(s->db) == 0)
		return STORE_NOT_FOUND;
	/* A notice starts its own conversation. */
	id = sqlite3_last_insert_rowid(s->db);
	stmt = store_stmt(s, "UPDATE messages SET thread_id = id"
	    " WHERE id = :id");
	bind_int64(stmt, ":id", id);
	return store_step_done(s, stmt);
}
