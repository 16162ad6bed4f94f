/*
 * store-mail.c - private mail between the verified neighbours of one
 * quartier, the directory they pick each other from, and blocking.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "store-internal.h"
#include "text.h"

/*
 * The messages of which the viewer still has a copy: sent and kept, or
 * received and kept (mail from a blocked neighbour was never received),
 * in the viewer's quartier, while the viewer is verified, and not hidden
 * by moderation (its sender still sees a hidden one, marked).
 */
#define MAIL_VISIBLE \
	" m.quartier_id = " VIEWER_QUARTIER \
	" AND (m.hidden_at IS NULL OR m.sender_id = :viewer)" \
	" AND ((m.sender_id = :viewer AND m.sender_deleted = 0)" \
	"  OR (m.recipient_id = :viewer AND m.recipient_deleted = 0))"

/* The columns read_mail() expects, in order. */
#define MAIL_COLUMNS \
	" m.id, m.thread_id, m.sender_id, s.display_name, s.handle, s.role," \
	" m.recipient_id, r.display_name, r.handle, m.subject," \
	" m.from_moderation, m.about_item_id, m.created_at, m.read_at," \
	" m.sender_id IS :viewer, m.body, m.hidden_at IS NOT NULL," \
	" m.hidden_reason" \
	" FROM messages m LEFT JOIN residents s ON s.id = m.sender_id" \
	" JOIN residents r ON r.id = m.recipient_id"

static enum resident_role
column_role(sqlite3_stmt *stmt, int col)
{
	const unsigned char *t = sqlite3_column_text(stmt, col);
	enum resident_role role = ROLE_RESIDENT;

	if (t != NULL && resident_role_parse((const char *)t, &role) != 0)
		role = ROLE_RESIDENT;
	return role;
}

static void
read_mail(sqlite3_stmt *stmt, void *row, bool with_body)
{
	struct mail *m = row;

	m->id = sqlite3_column_int64(stmt, 0);
	m->thread_id = sqlite3_column_int64(stmt, 1);
	m->sender_id = sqlite3_column_int64(stmt, 2);
	m->sender_name = column_text(stmt, 3);
	m->sender_handle = column_text(stmt, 4);
	m->sender_role = column_role(stmt, 5);
	m->recipient_id = sqlite3_column_int64(stmt, 6);
	m->recipient_name = column_text(stmt, 7);
	m->recipient_handle = column_text(stmt, 8);
	m->subject = column_text(stmt, 9);
	m->from_moderation = sqlite3_column_int(stmt, 10) != 0;
	m->about_item_id = sqlite3_column_int64(stmt, 11);
	m->created_at = sqlite3_column_int64(stmt, 12);
	m->read_at = sqlite3_column_int64(stmt, 13);
	m->mine = sqlite3_column_int(stmt, 14) != 0;
	if (with_body)
		m->body = column_text(stmt, 15);
	m->hidden = sqlite3_column_int(stmt, 16) != 0;
	m->hidden_reason = column_text(stmt, 17);
}

static int
read_mails(struct store *s, sqlite3_stmt *stmt, bool with_body,
    struct mail **out, size_t *n)
{
	int rc;

	*out = store_read_rows(s, stmt, sizeof **out, read_mail, with_body, n,
	    &rc);
	if (rc != STORE_OK) {
		mail_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* Bind a page's start key; zeroes (or no cursor) start at the newest. */
static void
bind_cursor(sqlite3_stmt *stmt, const struct mail_cursor *after)
{
	if (after != NULL && after->id != 0) {
		bind_int64(stmt, ":at", after->at);
		bind_int64(stmt, ":id", after->id);
	} else {
		bind_int64(stmt, ":at", INT64_MAX);
		bind_int64(stmt, ":id", INT64_MAX);
	}
}

static void
read_thread(sqlite3_stmt *stmt, void *row, bool full)
{
	struct mail_thread *t = row;

	(void)full;			/* the inbox shows no body */
	t->thread_id = sqlite3_column_int64(stmt, 0);
	t->other_id = sqlite3_column_int64(stmt, 1);
	t->other_name = column_text(stmt, 2);
	t->other_role = column_role(stmt, 3);
	t->subject = column_text(stmt, 4);
	t->count = sqlite3_column_int(stmt, 5);
	t->unread = sqlite3_column_int(stmt, 6);
	t->last_at = sqlite3_column_int64(stmt, 7);
	t->last_id = sqlite3_column_int64(stmt, 8);
	t->from_moderation = sqlite3_column_int(stmt, 9) != 0;
}

/*
 * The inbox: one row per conversation of which the viewer still has a
 * message, keyed by its newest one.  A conversation is always between the
 * same two sides, so its first message names the other one.  The
 * moderation mark goes with the side that sent the notice: the warned
 * resident sees it beside the moderator, the moderator sees none beside
 * the resident warned.
 */
int
store_mail_threads(struct store *s, const struct viewer *v,
    const struct mail_cursor *after, int limit, struct mail_thread **out,
    size_t *n)
{
	sqlite3_stmt *stmt;
	int rc;

	stmt = store_stmt(s, "SELECT g.thread_id,"
	    " CASE WHEN f.sender_id IS :viewer THEN f.recipient_id"
	    "  ELSE f.sender_id END AS other,"
	    " o.display_name, o.role, f.subject, g.count, g.unread,"
	    " g.last_at, g.last_id,"
	    " f.from_moderation AND f.sender_id IS NOT :viewer"
	    " FROM (SELECT m.thread_id, count(*) AS count,"
	    "  count(*) FILTER (WHERE m.recipient_id = :viewer"
	    "   AND m.read_at IS NULL) AS unread,"
	    "  max(m.created_at) AS last_at, max(m.id) AS last_id"
	    "  FROM messages m WHERE" MAIL_VISIBLE
	    "  GROUP BY m.thread_id"
	    "  HAVING (last_at, last_id) < (:at, :id)"
	    "  ORDER BY last_at DESC, last_id DESC LIMIT :limit) g"
	    " JOIN messages f ON f.id = g.thread_id"
	    " LEFT JOIN residents o ON o.id = CASE WHEN f.sender_id IS :viewer"
	    "  THEN f.recipient_id ELSE f.sender_id END"
	    " ORDER BY g.last_at DESC, g.last_id DESC");
	bind_viewer(stmt, v);
	bind_cursor(stmt, after);
	bind_int64(stmt, ":limit", limit);
	*out = store_read_rows(s, stmt, sizeof **out, read_thread, false, n,
	    &rc);
	if (rc != STORE_OK) {
		mail_thread_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int
store_mail_sent(struct store *s, const struct viewer *v,
    const struct mail_cursor *after, int limit, struct mail **out, size_t *n)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "SELECT" MAIL_COLUMNS
	    " WHERE m.sender_id = :viewer AND m.sender_deleted = 0"
	    " AND m.quartier_id = " VIEWER_QUARTIER
	    " AND (m.created_at, m.id) < (:at, :id)"
	    " ORDER BY m.created_at DESC, m.id DESC LIMIT :limit");
	bind_viewer(stmt, v);
	bind_cursor(stmt, after);
	bind_int64(stmt, ":limit", limit);
	return read_mails(s, stmt, false, out, n);
}

int
store_mail_thread(struct store *s, const struct viewer *v, int64_t thread_id,
    struct mail **out, size_t *n)
{
	sqlite3_stmt *stmt;
	int rc;

	stmt = store_stmt(s, "SELECT" MAIL_COLUMNS
	    " WHERE m.thread_id = :thread AND" MAIL_VISIBLE
	    " ORDER BY m.created_at, m.id");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":thread", thread_id);
	if ((rc = read_mails(s, stmt, true, out, n)) != STORE_OK)
		return rc;
	return *n > 0 ? STORE_OK : STORE_NOT_FOUND;
}

int
store_mail_get(struct store *s, const struct viewer *v, int64_t id,
    struct mail *m)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "SELECT" MAIL_COLUMNS
	    " WHERE m.id = :id AND" MAIL_VISIBLE);
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", id);
	return store_read_row(s, stmt, sizeof *m, read_mail, true, m);
}

/* Clean a message's subject and body, saying which one is at fault. */
static int
clean_mail(struct store *s, const char *subject, const char *body,
    char **csubject, char **cbody)
{
	int rc;

	*csubject = *cbody = NULL;
	if ((rc = store_clean(s, subject, TEXT_ALLOW_EMPTY,
	    QUARTIER_TITLE_MAX, csubject)) != STORE_OK)
		return rc;
	if (**csubject == '\0')
		rc = store_invalid(s, _("Write a subject."));
	else if ((rc = store_clean(s, body, TEXT_MULTILINE | TEXT_ALLOW_EMPTY,
	    QUARTIER_BODY_MAX, cbody)) == STORE_OK && **cbody == '\0')
		rc = store_invalid(s, _("Write your message."));
	if (rc != STORE_OK) {
		free(*csubject);
		free(*cbody);
		*csubject = *cbody = NULL;
	}
	return rc;
}

/*
 * What a reply joins: the conversation of the message replied to, which
 * the viewer took part in, and the other side of it.  A notice from
 * Quartier itself has nobody to answer.
 */
static int
reply_target(struct store *s, const struct viewer *v, int64_t reply_to,
    int64_t *thread_id, int64_t *other_id, int64_t *about_item_id)
{
	sqlite3_stmt *stmt;
	int rc;

	stmt = store_stmt(s, "SELECT m.thread_id,"
	    " CASE WHEN m.sender_id IS :viewer THEN m.recipient_id"
	    "  ELSE m.sender_id END, m.about_item_id"
	    " FROM messages m WHERE m.id = :id"
	    " AND m.quartier_id = " VIEWER_QUARTIER " AND m.hidden_at IS NULL"
	    " AND (m.sender_id = :viewer OR m.recipient_id = :viewer)");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", reply_to);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*thread_id = sqlite3_column_int64(stmt, 0);
		*other_id = sqlite3_column_int64(stmt, 1);
		*about_item_id = sqlite3_column_int64(stmt, 2);
	}
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return STORE_NOT_FOUND;
	if (rc != SQLITE_ROW)
		return store_fail(s, rc);
	if (*other_id == 0)
		return store_refuse(s, STORE_DENIED, _("This is a notice from "
		    "Quartier itself: there is nobody to answer."));
	return STORE_OK;
}

/* Whether the viewer is verified, and RECIPIENT a verified neighbour. */
static int
check_recipient(struct store *s, const struct viewer *v, int64_t recipient,
    int64_t about_item_id)
{
	sqlite3_stmt *stmt;
	int rc, viewer_ok = 0, recipient_ok = 0, item_ok = 0;

	stmt = store_stmt(s, "SELECT " VIEWER_QUARTIER " IS NOT NULL,"
	    " EXISTS (SELECT 1 FROM residents r WHERE r.id = :recipient"
	    "  AND r.status = 'verified' AND r.quartier_id = " VIEWER_QUARTIER
	    "), EXISTS (SELECT 1 FROM items i WHERE i.id = :about"
	    "  AND i.quartier_id = " VIEWER_QUARTIER ")");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":recipient", recipient);
	bind_int64(stmt, ":about", about_item_id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		viewer_ok = sqlite3_column_int(stmt, 0);
		recipient_ok = sqlite3_column_int(stmt, 1);
		item_ok = sqlite3_column_int(stmt, 2);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW)
		return store_fail(s, rc);
	if (!viewer_ok)
		return STORE_DENIED;
	if (recipient == v->resident_id)
		return store_invalid(s, _("You cannot write to yourself."));
	if (!recipient_ok)
		return store_refuse(s, STORE_NOT_FOUND, _("This neighbour is "
		    "not among the verified residents of your quartier."));
	if (about_item_id != 0 && !item_ok)
		return STORE_NOT_FOUND;
	return STORE_OK;
}

/*
 * Send a message.  Mail to a neighbour who blocked the sender is kept for
 * the sender only: the sender is not told, so that blocking stays a quiet
 * way to be left alone.
 */
int
store_mail_send(struct store *s, const struct viewer *v,
    const struct mail_new *mn, int64_t *id)
{
	sqlite3_stmt *stmt;
	char *csubject, *cbody;
	int64_t thread_id = 0, recipient = mn->recipient_id, other = 0;
	int64_t about = mn->about_item_id, replied_about = 0, new_id = 0;
	int rc;

	if ((rc = clean_mail(s, mn->subject, mn->body, &csubject, &cbody))
	    != STORE_OK)
		return rc;
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	if (mn->reply_to != 0) {
		rc = reply_target(s, v, mn->reply_to, &thread_id, &other,
		    &replied_about);
		if (rc == STORE_OK && recipient == 0)
			recipient = other;
		if (rc == STORE_OK && recipient != other)
			rc = store_refuse(s, STORE_DENIED, _("A reply goes to "
			    "the other side of its conversation."));
		/* The conversation stays about what it began with. */
		if (about == 0)
			about = replied_about;
	}
	if (rc == STORE_OK)
		rc = check_recipient(s, v, recipient, about);
	if (rc == STORE_OK) {
		stmt = store_stmt(s, "INSERT INTO messages (quartier_id,"
		    " thread_id, sender_id, recipient_id, subject, body,"
		    " about_item_id, created_at, recipient_deleted)"
		    " SELECT " VIEWER_QUARTIER ", :thread, :viewer, :recipient,"
		    " :subject, :body, :about, :now,"
		    " EXISTS (SELECT 1 FROM blocks b"
		    "  WHERE b.blocker_id = :recipient AND b.blocked_id = :viewer)");
		bind_viewer(stmt, v);
		if (thread_id != 0)
			bind_int64(stmt, ":thread", thread_id);
		else
			bind_text(stmt, ":thread", NULL);
		bind_int64(stmt, ":recipient", recipient);
		bind_text(stmt, ":subject", csubject);
		bind_text(stmt, ":body", cbody);
		if (about != 0)
			bind_int64(stmt, ":about", about);
		else
			bind_text(stmt, ":about", NULL);
		bind_int64(stmt, ":now", now_seconds());
		rc = store_step_done(s, stmt);
	}
	if (rc == STORE_OK) {
		new_id = sqlite3_last_insert_rowid(s->db);
		if (thread_id == 0) {
			/* The first message of a conversation names it. */
			stmt = store_stmt(s, "UPDATE messages SET thread_id = id"
			    " WHERE id = :id");
			bind_int64(stmt, ":id", new_id);
			rc = store_step_done(s, stmt);
		}
	}
	if (rc == STORE_OK)
		rc = notice_message(s, new_id);
	if ((rc = store_finish(s, rc)) == STORE_OK && id != NULL)
		*id = new_id;
out:
	free(csubject);
	free(cbody);
	return rc;
}

/*
 * Run one UPDATE of the viewer's messages; when it changed nothing, tell
 * "nothing to do" (the thread is there) from "not there" with EXISTS_SQL.
 */
static int
mail_update(struct store *s, const struct viewer *v, sqlite3_stmt *stmt,
    const char *exists_sql, int64_t id)
{
	sqlite3_stmt *check;
	int rc, found = 0;

	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	rc = store_step_done(s, stmt);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0) {
		check = store_stmt(s, exists_sql);
		bind_viewer(check, v);
		bind_int64(check, ":id", id);
		if ((rc = sqlite3_step(check)) == SQLITE_ROW) {
			found = sqlite3_column_int(check, 0);
			rc = STORE_OK;
		} else
			rc = store_fail(s, rc);
		sqlite3_reset(check);
		if (rc == STORE_OK && !found)
			rc = STORE_NOT_FOUND;
	}
	return store_finish(s, rc);
}

int
store_mail_mark_read(struct store *s, const struct viewer *v,
    int64_t thread_id)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "UPDATE messages AS m SET read_at = :now"
	    " WHERE m.thread_id = :id AND m.recipient_id = :viewer"
	    " AND m.read_at IS NULL AND" MAIL_VISIBLE);
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", thread_id);
	bind_int64(stmt, ":now", now_seconds());
	return mail_update(s, v, stmt, "SELECT EXISTS (SELECT 1 FROM messages m"
	    " WHERE m.thread_id = :id AND" MAIL_VISIBLE ")", thread_id);
}

/* Each side's copy is a flag of its own: the other side keeps theirs. */
#define MAIL_DELETE_SET \
	" SET sender_deleted = CASE WHEN m.sender_id = :viewer THEN 1" \
	"  ELSE m.sender_deleted END," \
	" recipient_deleted = CASE WHEN m.recipient_id = :viewer THEN 1" \
	"  ELSE m.recipient_deleted END"

int
store_mail_delete(struct store *s, const struct viewer *v, int64_t id)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "UPDATE messages AS m" MAIL_DELETE_SET
	    " WHERE m.id = :id AND" MAIL_VISIBLE);
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", id);
	return store_write_one(s, stmt);
}

int
store_mail_delete_thread(struct store *s, const struct viewer *v,
    int64_t thread_id)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "UPDATE messages AS m" MAIL_DELETE_SET
	    " WHERE m.thread_id = :id AND" MAIL_VISIBLE);
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", thread_id);
	return store_write_one(s, stmt);
}

int
store_mail_unread(struct store *s, const struct viewer *v, int *n)
{
	sqlite3_stmt *stmt;

	*n = 0;
	stmt = store_stmt(s, "SELECT count(*) FROM messages m"
	    " WHERE m.recipient_id = :viewer AND m.recipient_deleted = 0"
	    " AND m.read_at IS NULL AND m.hidden_at IS NULL"
	    " AND m.quartier_id = " VIEWER_QUARTIER);
	bind_viewer(stmt, v);
	return store_step_int(s, stmt, n);
}

void
mail_clear(struct mail *m)
{
	free(m->sender_name);
	free(m->sender_handle);
	free(m->recipient_name);
	free(m->recipient_handle);
	free(m->subject);
	free(m->body);
	free(m->hidden_reason);
	memset(m, 0, sizeof *m);
}

void
mail_list_free(struct mail *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		mail_clear(&list[i]);
	free(list);
}

void
mail_thread_list_free(struct mail_thread *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(list[i].other_name);
		free(list[i].subject);
	}
	free(list);
}

/* The directory. */

/* The columns read_neighbour() expects, for verified neighbours. */
#define NEIGHBOUR_COLUMNS \
	" r.id, r.handle, r.display_name, r.role, EXISTS (SELECT 1 FROM" \
	" blocks b WHERE b.blocker_id = :viewer AND b.blocked_id = r.id)" \
	" FROM residents r"

#define NEIGHBOUR_VISIBLE \
	" r.quartier_id = " VIEWER_QUARTIER " AND r.status = 'verified'"

static void
read_neighbour(sqlite3_stmt *stmt, void *row, bool full)
{
	struct neighbour *nb = row;

	(void)full;			/* no long column */
	nb->id = sqlite3_column_int64(stmt, 0);
	nb->handle = column_text(stmt, 1);
	nb->display_name = column_text(stmt, 2);
	nb->role = column_role(stmt, 3);
	nb->blocked = sqlite3_column_int(stmt, 4) != 0;
}

/*
 * Thanks a neighbour received as lender (or helper): on an offer the
 * lender is the item's author, on a request the one who proposed.  Two
 * counts, so that each can use its index: loans_lender (the loans with a
 * lender) for the first, items_author then loans_item for the second.
 * There "+l.lender_id IS NULL" keeps the planner from reading every loan
 * without a lender (nearly all of them) through loans_lender's NULLs.
 */
static int
count_mercis(struct store *s, int64_t resident, int *n)
{
	sqlite3_stmt *stmt;

	*n = 0;
	stmt = store_stmt(s, "SELECT"
	    " (SELECT count(*) FROM loans l WHERE l.lender_id = :who"
	    "  AND l.merci_at IS NOT NULL) +"
	    " (SELECT count(*) FROM items i JOIN loans l ON l.item_id = i.id"
	    "  WHERE i.author_id = :who AND +l.lender_id IS NULL"
	    "  AND l.merci_at IS NOT NULL)");
	bind_int64(stmt, ":who", resident);
	return store_step_int(s, stmt, n);
}

static int
read_one_neighbour(struct store *s, sqlite3_stmt *stmt, struct neighbour *nb)
{
	int rc;

	if ((rc = store_read_row(s, stmt, sizeof *nb, read_neighbour, true,
	    nb)) != STORE_OK)
		return rc;
	if ((rc = count_mercis(s, nb->id, &nb->mercis)) != STORE_OK)
		neighbour_clear(nb);
	return rc;
}

/*
 * The directory's order is residents.name_folded, the display name folded
 * by text_fold() (the same folding as search, so that accents, capitals
 * and ligatures never stand in the way), then the id: the index
 * residents_directory holds one quartier's verified residents in that
 * order, and a page is read from it directly.  A prefix matches the start
 * of the folded name, of a word of it (after a space, a hyphen or an
 * apostrophe) or of the handle (plain ASCII, so folding it is lowering
 * it).  The index holds the name and the handle, so the residents who do
 * not match are passed over without reading the table.  instr() rather
 * than LIKE, so that a '%' or '_' typed is plain text.
 */
int
store_directory(struct store *s, const struct viewer *v, const char *prefix,
    int offset, int limit, struct neighbour **out, size_t *n)
{
	struct neighbour *list;
	sqlite3_stmt *stmt;
	char *fprefix = NULL;
	size_t count = 0, i;
	int rc;

	*out = NULL;
	*n = 0;
	if (prefix != NULL) {
		while (*prefix == ' ' || *prefix == '@')
			prefix++;
		if ((fprefix = text_fold(prefix)) == NULL)
			return store_invalid(s, text_status_message(
			    TEXT_INVALID_UTF8));
	}
	if (limit <= 0) {		/* SQL would read a negative as "all" */
		free(fprefix);
		return STORE_OK;
	}
	stmt = store_stmt(s, "SELECT" NEIGHBOUR_COLUMNS " WHERE"
	    NEIGHBOUR_VISIBLE " AND r.id != :viewer"
	    " AND (:prefix = ''"
	    "  OR instr(' ' || r.name_folded, ' ' || :prefix) > 0"
	    "  OR instr(r.name_folded, '-' || :prefix) > 0"
	    "  OR instr(r.name_folded, '''' || :prefix) > 0"
	    "  OR substr(lower(r.handle), 1, length(:prefix)) = :prefix)"
	    " ORDER BY r.name_folded, r.id LIMIT :limit OFFSET :offset");
	bind_viewer(stmt, v);
	bind_text(stmt, ":prefix", fprefix != NULL ? fprefix : "");
	bind_int64(stmt, ":limit", limit);
	bind_int64(stmt, ":offset", offset > 0 ? offset : 0);
	list = store_read_rows(s, stmt, sizeof *list, read_neighbour, false,
	    &count, &rc);
	free(fprefix);
	for (i = 0; i < count && rc == STORE_OK; i++)
		rc = count_mercis(s, list[i].id, &list[i].mercis);
	if (rc != STORE_OK) {
		neighbour_list_free(list, count);
		return rc;
	}
	*out = list;
	*n = count;
	return STORE_OK;
}

struct folded_name {
	int64_t	 id;
	char	*name;
};

static void
read_folded_name(sqlite3_stmt *stmt, void *row, bool full)
{
	struct folded_name *f = row;

	(void)full;
	f->id = sqlite3_column_int64(stmt, 0);
	f->name = column_text(stmt, 1);
}

/*
 * Within the caller's transaction (a migration, the demo script) or its
 * own, as store_search_rebuild().  The names are read first, then
 * written: no update runs under a pending read of the same table.
 */
int
store_directory_rebuild(struct store *s)
{
	struct folded_name *all;
	sqlite3_stmt *stmt;
	char *folded;
	size_t n = 0, i;
	bool own;
	int rc;

	own = sqlite3_get_autocommit(s->db) != 0;
	if (own && (rc = store_begin(s)) != STORE_OK)
		return rc;
	all = store_read_rows(s, store_stmt(s, "SELECT id, display_name"
	    " FROM residents ORDER BY id"), sizeof *all, read_folded_name,
	    true, &n, &rc);
	stmt = store_stmt(s, "UPDATE residents SET name_folded = :folded"
	    " WHERE id = :id");
	for (i = 0; i < n; i++) {
		if (rc == STORE_OK) {
			folded = text_fold(all[i].name != NULL ?
			    all[i].name : "");
			bind_text(stmt, ":folded", folded != NULL ?
			    folded : "");
			bind_int64(stmt, ":id", all[i].id);
			rc = store_step_done(s, stmt);
			free(folded);
		}
		free(all[i].name);
	}
	free(all);
	return own ? store_finish(s, rc) : rc;
}

int
store_neighbour_get(struct store *s, const struct viewer *v, int64_t id,
    struct neighbour *nb)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "SELECT" NEIGHBOUR_COLUMNS " WHERE"
	    NEIGHBOUR_VISIBLE " AND r.id = :id");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", id);
	return read_one_neighbour(s, stmt, nb);
}

int
store_neighbour_by_handle(struct store *s, const struct viewer *v,
    const char *handle, struct neighbour *nb)
{
	sqlite3_stmt *stmt;

	if (handle != NULL && *handle == '@')
		handle++;
	stmt = store_stmt(s, "SELECT" NEIGHBOUR_COLUMNS " WHERE"
	    NEIGHBOUR_VISIBLE " AND r.handle = :handle");
	bind_viewer(stmt, v);
	bind_text(stmt, ":handle", handle != NULL ? handle : "");
	return read_one_neighbour(s, stmt, nb);
}

void
neighbour_clear(struct neighbour *nb)
{
	free(nb->handle);
	free(nb->display_name);
	memset(nb, 0, sizeof *nb);
}

void
neighbour_list_free(struct neighbour *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		neighbour_clear(&list[i]);
	free(list);
}

/* Blocking. */

int
store_block(struct store *s, const struct viewer *v, int64_t resident)
{
	sqlite3_stmt *stmt;
	int rc;

	if (resident == v->resident_id)
		return store_invalid(s, _("You cannot block yourself."));
	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	stmt = store_stmt(s, "INSERT INTO blocks (blocker_id, blocked_id,"
	    " created_at) SELECT :viewer, r.id, :now FROM residents r"
	    " WHERE r.id = :id AND r.id != :viewer AND" NEIGHBOUR_VISIBLE
	    " ON CONFLICT (blocker_id, blocked_id) DO NOTHING");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", resident);
	bind_int64(stmt, ":now", now_seconds());
	rc = store_step_done(s, stmt);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0) {
		/* Blocked already is fine; nobody to block is not. */
		stmt = store_stmt(s, "SELECT 1 FROM blocks b"
		    " WHERE b.blocker_id = :viewer AND b.blocked_id = :id"
		    " AND " VIEWER_QUARTIER " IS NOT NULL");
		bind_viewer(stmt, v);
		bind_int64(stmt, ":id", resident);
		rc = store_step_found(s, stmt);
	}
	return store_finish(s, rc);
}

int
store_unblock(struct store *s, const struct viewer *v, int64_t resident)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "DELETE FROM blocks WHERE blocker_id = :viewer"
	    " AND blocked_id = :id AND " VIEWER_QUARTIER " IS NOT NULL");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", resident);
	return store_write_one(s, stmt);
}

/* The neighbours the viewer blocked, whatever their status now, so that
 * the viewer can always take a block back. */
int
store_block_list(struct store *s, const struct viewer *v,
    struct neighbour **out, size_t *n)
{
	sqlite3_stmt *stmt;
	int rc;

	stmt = store_stmt(s, "SELECT" NEIGHBOUR_COLUMNS
	    " JOIN blocks k ON k.blocked_id = r.id AND k.blocker_id = :viewer"
	    " WHERE r.quartier_id = " VIEWER_QUARTIER
	    " ORDER BY r.display_name COLLATE NOCASE, r.id");
	bind_viewer(stmt, v);
	*out = store_read_rows(s, stmt, sizeof **out, read_neighbour, false, n,
	    &rc);
	if (rc != STORE_OK) {
		neighbour_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int
store_item_kind(struct store *s, const struct viewer *v, int64_t id,
    char **kind)
{
	sqlite3_stmt *stmt;
	int rc;

	*kind = NULL;
	stmt = store_stmt(s, "SELECT i.kind FROM items i WHERE i.id = :id"
	    " AND i.quartier_id = " VIEWER_QUARTIER
	    " AND i.deleted_at IS NULL AND i.hidden_at IS NULL");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*kind = column_text(stmt, 0);
	sqlite3_reset(stmt);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_NOT_FOUND : store_fail(s, rc);
}
