/*
 * store-notify.c - notices: what Quartier tells a resident about
 * something that happened to them (a loan asked for or returned, a place
 * freed up at an event, an event changed or cancelled, a moderator's
 * warning).  Each is written in the recipient's language, whoever acts,
 * and delivered as a message of its own conversation in their inbox,
 * and by e-mail if they chose so.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "store-internal.h"

/* The language RECIPIENT chose, LANG_AUTO when they did not. */
static enum language
recipient_language(struct store *s, int64_t recipient)
{
	enum language lang = LANG_AUTO;
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "SELECT language FROM residents WHERE id = :id");
	bind_int64(stmt, ":id", recipient);
	if (sqlite3_step(stmt) == SQLITE_ROW &&
	    sqlite3_column_text(stmt, 0) != NULL &&
	    language_parse((const char *)sqlite3_column_text(stmt, 0),
	    &lang) != 0)
		lang = LANG_AUTO;
	sqlite3_reset(stmt);
	return lang;
}

/*
 * The in-app channel: a message in the recipient's quartier that starts
 * its own conversation.  Mail from a neighbour the recipient blocked is
 * not delivered (it is written deleted on their side), except a notice
 * from the moderation, which is marked as such and always arrives.
 */
static int
deliver_message(struct store *s, const struct notice *n, const char *subject,
    const char *body)
{
	sqlite3_stmt *stmt;
	int64_t id;
	int rc;

	stmt = store_stmt(s, "INSERT INTO messages (quartier_id, sender_id,"
	    " recipient_id, subject, body, about_item_id, created_at,"
	    " recipient_deleted, from_moderation)"
	    " SELECT r.quartier_id, :sender, r.id, :subject, :body, :about,"
	    " :now, NOT :moderation AND EXISTS (SELECT 1 FROM blocks b"
	    "  WHERE b.blocker_id = r.id AND b.blocked_id = :sender),"
	    " :moderation"
	    " FROM residents r WHERE r.id = :recipient");
	/* A cached statement keeps its bindings: NULL must be bound too. */
	if (n->sender_id != 0)
		bind_int64(stmt, ":sender", n->sender_id);
	else
		bind_text(stmt, ":sender", NULL);
	bind_int64(stmt, ":recipient", n->recipient_id);
	bind_text(stmt, ":subject", subject);
	bind_text(stmt, ":body", body);
	if (n->about_item_id != 0)
		bind_int64(stmt, ":about", n->about_item_id);
	else
		bind_text(stmt, ":about", NULL);
	bind_int64(stmt, ":now", now_seconds());
	bind_int64(stmt, ":moderation", n->kind == NOTICE_MODERATION);
	if ((rc = store_step_done(s, stmt)) != STORE_OK)
		return rc;
	if (sqlite3_changes(s->db) == 0)
		return STORE_NOT_FOUND;
	id = sqlite3_last_insert_rowid(s->db);
	stmt = store_stmt(s, "UPDATE messages SET thread_id = id"
	    " WHERE id = :id");
	bind_int64(stmt, ":id", id);
	return store_step_done(s, stmt);
}

static const enum mail_kind notice_mail_kind[] = {
	[NOTICE_LOAN] = MAIL_LOAN,
	[NOTICE_EVENT] = MAIL_EVENT,
	[NOTICE_MODERATION] = MAIL_MODERATION,
	[NOTICE_MESSAGE] = MAIL_MESSAGE,
	[NOTICE_REPLY] = MAIL_REPLY,
};

/*
 * Both channels in the caller's transaction: the inbox (for the kinds
 * that are not already there), and the outbox, which sends it by e-mail
 * if the recipient chose so (store-email.c).  Composed once, in the
 * recipient's language, which the outbox row keeps for its footer.
 */
int
store_notify(struct store *s, const struct notice *n)
{
	enum language ours = language_current();
	char *subject = NULL, *body = NULL;
	int rc = STORE_OK;

	language_apply(recipient_language(s, n->recipient_id));
	n->compose(n->facts, &subject, &body);
	if (subject != NULL && body != NULL && n->kind != NOTICE_MESSAGE &&
	    n->kind != NOTICE_REPLY)
		rc = deliver_message(s, n, subject, body);
	if (rc == STORE_OK && subject != NULL && body != NULL)
		rc = outbox_queue(s, notice_mail_kind[n->kind],
		    n->recipient_id, n->sender_id, subject, body);
	language_apply(ours);
	free(subject);
	free(body);
	return rc;
}
