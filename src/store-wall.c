/*
 * store-wall.c - the neighbourhood wall: posts, their replies, what is
 * unread, and the sysop's pinned announcements.
 *
 * Every query names the viewer and compares the item's quartier with
 * VIEWER_QUARTIER, so a post of another quartier, or any post at all for a
 * viewer who is not verified, simply does not exist.  The one exception
 * is POST_SHARED: a lost-and-found or alert post that its author shared
 * is read, and answered, in the quartiers declared neighbours of its own.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "store-internal.h"
#include "text.h"

const struct wall_category wall_categories[] = {
	{ "info",	N_("Info") },
	{ "advice",	N_("Advice") },
	{ "deal",	N_("Good deal") },
	{ "help",	N_("Mutual help") },
	{ "lost",	N_("Lost & found") },
	{ "alert",	N_("Alert") },
};
const size_t wall_category_count =
    sizeof wall_categories / sizeof wall_categories[0];

const struct wall_category *
wall_category_find(const char *code)
{
	size_t i;

	for (i = 0; code != NULL && i < wall_category_count; i++) {
		if (strcmp(wall_categories[i].code, code) == 0)
			return &wall_categories[i];
	}
	return NULL;
}

/*
 * The viewer's read horizon on the wall: nothing older counts as unread.
 * It is their arrival until they first visit, then the last "mark all read".
 */
#define WALL_HORIZON \
	"coalesce((SELECT read_horizon FROM board_visits" \
	"  WHERE resident_id = :viewer AND board = 'wall')," \
	" (SELECT coalesce(verified_at, created_at) FROM residents" \
	"  WHERE id = :viewer))"

/*
 * Unread, the one definition the wall, the menu and the top line count
 * by: a post (or announcement) with activity, its own or a reply's,
 * after the horizon and after the viewer last read it.
 */
#define WALL_UNREAD \
	"(i.last_activity_at > " WALL_HORIZON " AND NOT EXISTS" \
	" (SELECT 1 FROM read_marks m WHERE m.resident_id = :viewer" \
	"  AND m.item_id = i.id AND m.read_at >= i.last_activity_at))"

/*
 * The columns read_post() expects, in order.  A post shared from a
 * neighbouring quartier comes with that quartier's name; the viewer's own
 * posts with NULL there.
 */
#define POST_COLUMNS POST_SELECT POST_FROM("items i")
#define POST_SELECT \
	" i.id, i.category, i.title, i.author_id, a.display_name," \
	" i.on_behalf_of, i.reply_count, i.created_at, i.updated_at," \
	" i.last_activity_at, i.kind = 'announcement', " WALL_UNREAD "," \
	" i.author_id IS :viewer, i.hidden_at IS NOT NULL, i.hidden_reason," \
	" CASE WHEN i.quartier_id IS NOT " VIEWER_QUARTIER " THEN" \
	"  (SELECT name FROM quartiers WHERE id = i.quartier_id) END," \
	" i.shared_at IS NOT NULL AND i.category IN " SHARED_CATEGORIES "," \
	" i.body"
#define POST_FROM(items) \
	" FROM " items " LEFT JOIN residents a ON a.id = i.author_id"

/* The posts shared with the viewer's quartier come from their own index
 * (only those are in it), never from a whole quartier's wall. */
#define SHARED_ITEMS "items i INDEXED BY items_shared"

/* A post a neighbouring quartier shared (store-internal.h). */
#define POST_SHARED ITEM_SHARED_HERE

/* What hides a post: its author deleted it, or the moderation hid it
 * (it then stays visible to its author, marked).  The same everywhere it
 * is read, so a hidden post is gone from every wall it was on. */
#define POST_PRESENT \
	" i.deleted_at IS NULL" \
	" AND (i.hidden_at IS NULL OR i.author_id = :viewer)"

/* A post of the viewer's own quartier. */
#define POST_OWN \
	" i.quartier_id = " VIEWER_QUARTIER " AND" POST_PRESENT

/* A post the viewer may read and answer: their quartier's, or shared. */
#define POST_VISIBLE \
	" (i.quartier_id = " VIEWER_QUARTIER " OR" POST_SHARED ")" \
	" AND" POST_PRESENT

static void
read_post(sqlite3_stmt *stmt, void *row, bool with_body)
{
	struct wall_post *p = row;

	p->id = sqlite3_column_int64(stmt, 0);
	p->category = column_text(stmt, 1);
	p->title = column_text(stmt, 2);
	p->author_id = sqlite3_column_int64(stmt, 3);
	p->author_name = column_text(stmt, 4);
	p->on_behalf_of = column_text(stmt, 5);
	p->reply_count = sqlite3_column_int(stmt, 6);
	p->created_at = sqlite3_column_int64(stmt, 7);
	p->updated_at = sqlite3_column_int64(stmt, 8);
	p->last_activity_at = sqlite3_column_int64(stmt, 9);
	p->announcement = sqlite3_column_int(stmt, 10) != 0;
	p->unread = sqlite3_column_int(stmt, 11) != 0;
	p->mine = sqlite3_column_int(stmt, 12) != 0;
	p->hidden = sqlite3_column_int(stmt, 13) != 0;
	p->hidden_reason = column_text(stmt, 14);
	p->origin = column_text(stmt, 15);
	p->shared = sqlite3_column_int(stmt, 16) != 0;
	if (with_body)
		p->body = column_text(stmt, 17);
}

static int
read_posts(struct store *s, sqlite3_stmt *stmt, struct wall_post **out,
    size_t *n)
{
	int rc;

	*out = store_read_rows(s, stmt, sizeof **out, read_post, false, n,
	    &rc);
	if (rc != STORE_OK) {
		wall_post_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int
store_wall_pinned(struct store *s, const struct viewer *v,
    struct wall_post **out, size_t *n)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "SELECT" POST_COLUMNS " WHERE" POST_OWN
	    " AND i.kind = 'announcement' AND i.pinned"
	    " ORDER BY i.created_at DESC, i.id DESC LIMIT 5");
	bind_viewer(stmt, v);
	return read_posts(s, stmt, out, n);
}

/*
 * A page of posts older than AFTER, newest first.  Paging by key instead of
 * OFFSET keeps every page as cheap as the first, whatever the wall's size.
 * The quartier's own page and the page of posts shared by its neighbours
 * are each read in order from an index (items_board, items_shared), then
 * merged: one OR in one WHERE would sort the whole wall instead.
 */
#define WALL_PAGE(filter) \
	"SELECT * FROM (SELECT" POST_COLUMNS \
	" WHERE" POST_OWN " AND i.kind = 'post'" filter \
	" AND (i.created_at, i.id) < (:time, :id)" \
	" ORDER BY i.created_at DESC, i.id DESC LIMIT :limit)" \
	" UNION ALL SELECT * FROM (SELECT" POST_SELECT POST_FROM(SHARED_ITEMS) \
	" WHERE" POST_SHARED " AND" POST_PRESENT filter \
	" AND (i.created_at, i.id) < (:time, :id)" \
	" ORDER BY i.created_at DESC, i.id DESC LIMIT :limit)" \
	" ORDER BY 8 DESC, 1 DESC LIMIT :limit"

int
store_wall_page(struct store *s, const struct viewer *v, const char *category,
    const struct wall_cursor *after, int limit, struct wall_post **out,
    size_t *n)
{
	static const char all_sql[] = WALL_PAGE("");
	static const char category_sql[] =
	    WALL_PAGE(" AND i.category = :category");
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, category != NULL ? category_sql : all_sql);
	bind_viewer(stmt, v);
	if (category != NULL)
		bind_text(stmt, ":category", category);
	if (after != NULL && after->id != 0) {
		bind_int64(stmt, ":time", after->created_at);
		bind_int64(stmt, ":id", after->id);
	} else {
		bind_int64(stmt, ":time", INT64_MAX);
		bind_int64(stmt, ":id", INT64_MAX);
	}
	bind_int64(stmt, ":limit", limit);
	return read_posts(s, stmt, out, n);
}

int
store_wall_counts(struct store *s, const struct viewer *v,
    const char *category, struct wall_counts *c)
{
	sqlite3_stmt *stmt;
	int rc;

	memset(c, 0, sizeof *c);
	/* Two rows: the quartier's own posts, then those shared with it. */
	stmt = store_stmt(s, "SELECT"
	    " count(*) FILTER (WHERE i.kind = 'post'"
	    "   AND (:category IS NULL OR i.category = :category)),"
	    " count(*) FILTER (WHERE " WALL_UNREAD
	    "   AND (:category IS NULL OR i.category = :category))"
	    " FROM items i WHERE" POST_OWN
	    " AND i.kind IN ('post', 'announcement')"
	    " UNION ALL SELECT count(*) FILTER (WHERE"
	    "   :category IS NULL OR i.category = :category),"
	    " count(*) FILTER (WHERE " WALL_UNREAD
	    "   AND (:category IS NULL OR i.category = :category))"
	    " FROM " SHARED_ITEMS " WHERE" POST_SHARED " AND" POST_PRESENT);
	bind_viewer(stmt, v);
	bind_text(stmt, ":category", category);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		c->total += sqlite3_column_int(stmt, 0);
		c->unread += sqlite3_column_int(stmt, 1);
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? STORE_OK : store_fail(s, rc);
}

/*
 * Only the unread count, for the menu and the top line, which ask at every
 * change anyone makes: the items that saw activity after the viewer's
 * horizon, by items_activity (which holds every column the count looks
 * at besides the read marks), newest first and up to MENU_COUNT_MAX, so
 * that thousands of unread posts cost what a hundred do.
 * store_wall_counts() goes through all the posts for its other numbers.
 */
int
store_wall_unread(struct store *s, const struct viewer *v, int *n)
{
	sqlite3_stmt *stmt;

	*n = 0;
	stmt = store_stmt(s, "SELECT min(:cap,"
	    " (SELECT count(*) FROM (SELECT 1 FROM items i"
	    " WHERE" POST_OWN " AND i.kind IN ('post', 'announcement')"
	    " AND " WALL_UNREAD " LIMIT :cap)) +"
	    " (SELECT count(*) FROM (SELECT 1 FROM " SHARED_ITEMS
	    " WHERE" POST_SHARED " AND" POST_PRESENT
	    " AND " WALL_UNREAD " LIMIT :cap)))");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":cap", MENU_COUNT_MAX);
	return store_step_int(s, stmt, n);
}

int
store_wall_get(struct store *s, const struct viewer *v, int64_t id,
    struct wall_post *p)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "SELECT" POST_COLUMNS " WHERE" POST_VISIBLE
	    " AND i.kind IN ('post', 'announcement') AND i.id = :id");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", id);
	return store_read_row(s, stmt, sizeof *p, read_post, true, p);
}

/* Clean a post's three fields; the category must be one of the wall's. */
static int
clean_post(struct store *s, const char *category, const char *title,
    const char *body, char **ctitle, char **cbody)
{
	int rc;

	*ctitle = *cbody = NULL;
	if (wall_category_find(category) == NULL)
		return store_invalid(s, _("Choose a category."));
	if ((rc = store_clean(s, title, 0, QUARTIER_TITLE_MAX, ctitle))
	    != STORE_OK)
		return rc;
	if ((rc = store_clean(s, body, TEXT_MULTILINE, QUARTIER_BODY_MAX,
	    cbody)) != STORE_OK) {
		free(*ctitle);
		*ctitle = NULL;
	}
	return rc;
}

/* The author has read what they just wrote. */
static int
mark_read(struct store *s, const struct viewer *v, int64_t item_id,
    int64_t when)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "INSERT INTO read_marks (resident_id, item_id,"
	    " read_at) VALUES (:viewer, :item, :when)"
	    " ON CONFLICT (resident_id, item_id) DO UPDATE"
	    " SET read_at = max(read_at, excluded.read_at)");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":item", item_id);
	bind_int64(stmt, ":when", when);
	return store_step_done(s, stmt);
}

/*
 * Who a helper writes for: a neighbour's name, cleaned like a display
 * name; NULL or blank means the author writes for themself.
 */
static int
clean_behalf(struct store *s, const char *on_behalf_of, char **out)
{
	*out = NULL;
	if (on_behalf_of == NULL)
		return STORE_OK;
	return store_clean(s, on_behalf_of, TEXT_ALLOW_EMPTY,
	    QUARTIER_NAME_MAX, out);
}

/*
 * Only community-centre staff (the helper role) and sysops write for a
 * neighbour without an account: the attribution must be trustworthy.
 */
static int
behalf_allowed(struct store *s, const struct viewer *v, const char *behalf)
{
	sqlite3_stmt *stmt;
	int rc;

	if (behalf == NULL || *behalf == '\0')
		return STORE_OK;
	stmt = store_stmt(s, "SELECT 1 FROM residents WHERE id = :viewer"
	    " AND status = 'verified' AND role IN ('helper', 'sysop')");
	bind_viewer(stmt, v);
	if ((rc = store_step_found(s, stmt)) != STORE_NOT_FOUND)
		return rc;
	return store_refuse(s, STORE_DENIED, _("Only the community centre's "
	    "helpers may write on behalf of a neighbour."));
}

int
store_wall_add(struct store *s, const struct viewer *v, const char *category,
    const char *title, const char *body, const char *on_behalf_of,
    int64_t *id)
{
	sqlite3_stmt *stmt;
	char *ctitle, *cbody, *cbehalf = NULL;
	int64_t now = now_seconds(), new_id = 0;
	int rc;

	if ((rc = clean_post(s, category, title, body, &ctitle, &cbody))
	    != STORE_OK)
		return rc;
	if ((rc = clean_behalf(s, on_behalf_of, &cbehalf)) != STORE_OK ||
	    (rc = behalf_allowed(s, v, cbehalf)) != STORE_OK)
		goto out;
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	/* The role is checked again here, in the same statement as the
	 * insert, so that a role taken away meanwhile counts. */
	stmt = store_stmt(s, "INSERT INTO items (quartier_id, author_id, kind,"
	    " category, title, body, on_behalf_of, created_at,"
	    " last_activity_at)"
	    " SELECT " VIEWER_QUARTIER ", :viewer, 'post', :category, :title,"
	    " :body, nullif(:behalf, ''), :now, :now"
	    " WHERE " VIEWER_QUARTIER " IS NOT NULL"
	    " AND (coalesce(:behalf, '') = '' OR EXISTS (SELECT 1 FROM"
	    " residents WHERE id = :viewer AND role IN ('helper', 'sysop')))");
	bind_viewer(stmt, v);
	bind_text(stmt, ":category", category);
	bind_text(stmt, ":title", ctitle);
	bind_text(stmt, ":body", cbody);
	bind_text(stmt, ":behalf", cbehalf);
	bind_int64(stmt, ":now", now);
	rc = store_step_done(s, stmt);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		rc = STORE_DENIED;
	if (rc == STORE_OK) {
		new_id = sqlite3_last_insert_rowid(s->db);
		rc = mark_read(s, v, new_id, now);
	}
	if (rc == STORE_OK)
		rc = search_sync_item(s, new_id);
	if (rc == STORE_OK)
		rc = notice_alert(s, new_id);
	if ((rc = store_finish(s, rc)) == STORE_OK && id != NULL)
		*id = new_id;
out:
	free(ctitle);
	free(cbody);
	free(cbehalf);
	return rc;
}

int
store_wall_edit(struct store *s, const struct viewer *v, int64_t id,
    const char *category, const char *title, const char *body)
{
	sqlite3_stmt *stmt;
	char *ctitle, *cbody;
	int rc;

	if ((rc = clean_post(s, category, title, body, &ctitle, &cbody))
	    != STORE_OK)
		return rc;
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	stmt = store_stmt(s, "UPDATE items SET category = :category,"
	    " title = :title, body = :body, updated_at = :now"
	    " WHERE id = :id AND author_id = :viewer AND kind = 'post'"
	    " AND quartier_id = " VIEWER_QUARTIER
	    " AND deleted_at IS NULL AND hidden_at IS NULL");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", id);
	bind_text(stmt, ":category", category);
	bind_text(stmt, ":title", ctitle);
	bind_text(stmt, ":body", cbody);
	bind_int64(stmt, ":now", now_seconds());
	rc = store_step_done(s, stmt);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		rc = STORE_NOT_FOUND;
	if (rc == STORE_OK)
		rc = search_sync_item(s, id);
	rc = store_finish(s, rc);
out:
	free(ctitle);
	free(cbody);
	return rc;
}

/*
 * An author removes their post: it leaves every list but stays in the file
 * (a moderator may still need it), with its replies.
 */
int
store_wall_delete(struct store *s, const struct viewer *v, int64_t id)
{
	sqlite3_stmt *stmt;
	int rc;

	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	stmt = store_stmt(s, "UPDATE items SET deleted_at = :now"
	    " WHERE id = :id AND author_id = :viewer AND kind = 'post'"
	    " AND quartier_id = " VIEWER_QUARTIER " AND deleted_at IS NULL");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", id);
	bind_int64(stmt, ":now", now_seconds());
	rc = store_step_done(s, stmt);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		rc = STORE_NOT_FOUND;
	if (rc == STORE_OK)
		rc = search_sync_item(s, id);
	return store_finish(s, rc);
}

int
store_wall_mark_read(struct store *s, const struct viewer *v, int64_t id)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "INSERT INTO read_marks (resident_id, item_id,"
	    " read_at) SELECT :viewer, i.id, max(:now, i.last_activity_at)"
	    " FROM items i WHERE i.id = :id AND" POST_VISIBLE
	    " ON CONFLICT (resident_id, item_id) DO UPDATE"
	    " SET read_at = max(read_at, excluded.read_at)");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", id);
	bind_int64(stmt, ":now", now_seconds());
	return store_write_one(s, stmt);
}

/*
 * The author shares a lost-and-found or alert post with the quartiers
 * declared neighbours of theirs, or stops sharing it.  Only the author,
 * only such a post, only in their own quartier.
 */
int
store_wall_share(struct store *s, const struct viewer *v, int64_t id,
    bool share)
{
	sqlite3_stmt *stmt;
	int rc;

	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	stmt = store_stmt(s, "UPDATE items SET shared_at ="
	    " iif(:share, coalesce(shared_at, :now), NULL)"
	    " WHERE id = :id AND author_id = :viewer AND kind = 'post'"
	    " AND quartier_id = " VIEWER_QUARTIER " AND deleted_at IS NULL"
	    " AND (NOT :share OR category IN " SHARED_CATEGORIES ")");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", id);
	bind_int64(stmt, ":share", share);
	bind_int64(stmt, ":now", now_seconds());
	rc = store_step_done(s, stmt);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		rc = share ? store_refuse(s, STORE_DENIED, _("Only your own "
		    "lost and found posts and alerts can be shared with the "
		    "neighbouring quartiers.")) : STORE_NOT_FOUND;
	return store_finish(s, rc);
}

/* The names of the quartiers the viewer's posts may be shared with,
 * "Neudorf, Esplanade", or NULL when the sysop declared none. */
int
store_wall_neighbours(struct store *s, const struct viewer *v, char **names)
{
	sqlite3_stmt *stmt;
	int rc;

	*names = NULL;
	stmt = store_stmt(s, "SELECT group_concat(name, ', ') FROM"
	    " (SELECT q.name FROM quartier_neighbours n"
	    " JOIN quartiers q ON q.id = n.neighbour_id"
	    " WHERE n.quartier_id = " VIEWER_QUARTIER " ORDER BY q.name)");
	bind_viewer(stmt, v);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*names = column_text(stmt, 0);
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW ? STORE_OK : store_fail(s, rc);
}

/* Move the viewer's horizon of the wall to now. */
int
store_wall_mark_all_read(struct store *s, const struct viewer *v)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s,
	    "INSERT INTO board_visits (resident_id, board, read_horizon)"
	    " SELECT :viewer, 'wall', :now WHERE " VIEWER_QUARTIER
	    " IS NOT NULL"
	    " ON CONFLICT (resident_id, board) DO UPDATE"
	    " SET read_horizon = excluded.read_horizon");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":now", now_seconds());
	return store_write_one(s, stmt);
}

/*
 * QUARTIER_ID 0: the same announcement on every quartier's wall, all of
 * them or none; *ID is then the last one's.
 */
static void
read_id(sqlite3_stmt *stmt, void *row, bool full)
{
	(void)full;
	*(int64_t *)row = sqlite3_column_int64(stmt, 0);
}

int
store_announce(struct store *s, int64_t quartier_id, const char *title,
    const char *body, int64_t *id)
{
	sqlite3_stmt *stmt;
	char *ctitle, *cbody;
	int64_t now = now_seconds(), *targets;
	size_t i, ntargets;
	int rc;

	if ((rc = clean_post(s, "info", title, body, &ctitle, &cbody))
	    != STORE_OK)
		return rc;
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	stmt = store_stmt(s, "SELECT id FROM quartiers"
	    " WHERE :quartier = 0 OR id = :quartier ORDER BY id");
	bind_int64(stmt, ":quartier", quartier_id);
	targets = store_read_rows(s, stmt, sizeof *targets, read_id, false,
	    &ntargets, &rc);
	if (rc == STORE_OK && ntargets == 0)
		rc = STORE_NOT_FOUND;
	for (i = 0; rc == STORE_OK && i < ntargets; i++) {
		stmt = store_stmt(s, "INSERT INTO items (quartier_id, kind,"
		    " category, title, body, pinned, created_at,"
		    " last_activity_at)"
		    " VALUES (:quartier, 'announcement', 'info', :title, :body,"
		    " 1, :now, :now)");
		bind_int64(stmt, ":quartier", targets[i]);
		bind_text(stmt, ":title", ctitle);
		bind_text(stmt, ":body", cbody);
		bind_int64(stmt, ":now", now);
		rc = store_step_done(s, stmt);
		if (rc == STORE_OK) {
			if (id != NULL)
				*id = sqlite3_last_insert_rowid(s->db);
			rc = search_sync_item(s,
			    sqlite3_last_insert_rowid(s->db));
		}
	}
	free(targets);
	rc = store_finish(s, rc);
out:
	free(ctitle);
	free(cbody);
	return rc;
}

void
wall_post_clear(struct wall_post *p)
{
	free(p->category);
	free(p->title);
	free(p->body);
	free(p->author_name);
	free(p->on_behalf_of);
	free(p->hidden_reason);
	free(p->origin);
	memset(p, 0, sizeof *p);
}

void
wall_post_list_free(struct wall_post *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		wall_post_clear(&list[i]);
	free(list);
}

/* Replies. */

static void
read_reply(sqlite3_stmt *stmt, void *row, bool full)
{
	struct reply *r = row;

	(void)full;			/* a reply is read whole */
	r->id = sqlite3_column_int64(stmt, 0);
	r->author_id = sqlite3_column_int64(stmt, 1);
	r->author_name = column_text(stmt, 2);
	r->body = column_text(stmt, 3);
	r->created_at = sqlite3_column_int64(stmt, 4);
	r->updated_at = sqlite3_column_int64(stmt, 5);
	r->mine = sqlite3_column_int(stmt, 6) != 0;
	r->on_behalf_of = column_text(stmt, 7);
	r->hidden = sqlite3_column_int(stmt, 8) != 0;
	r->hidden_reason = column_text(stmt, 9);
}

int
store_reply_list(struct store *s, const struct viewer *v, int64_t item_id,
    int offset, int limit, struct reply **out, size_t *n)
{
	sqlite3_stmt *stmt;
	int rc;

	stmt = store_stmt(s, "SELECT p.id, p.author_id, a.display_name, p.body,"
	    " p.created_at, p.updated_at, p.author_id IS :viewer,"
	    " p.on_behalf_of, p.hidden_at IS NOT NULL, p.hidden_reason"
	    " FROM replies p JOIN items i ON i.id = p.item_id"
	    " LEFT JOIN residents a ON a.id = p.author_id"
	    " WHERE p.item_id = :item AND" POST_VISIBLE
	    " AND p.deleted_at IS NULL"
	    " AND (p.hidden_at IS NULL OR p.author_id = :viewer)"
	    " ORDER BY p.created_at, p.id LIMIT :limit OFFSET :offset");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":item", item_id);
	bind_int64(stmt, ":limit", limit);
	bind_int64(stmt, ":offset", offset);
	*out = store_read_rows(s, stmt, sizeof **out, read_reply, false, n,
	    &rc);
	if (rc != STORE_OK) {
		reply_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int
store_reply_add(struct store *s, const struct viewer *v, int64_t item_id,
    const char *body, const char *on_behalf_of, int64_t *id)
{
	sqlite3_stmt *stmt;
	char *cbody, *cbehalf = NULL;
	int64_t now = now_seconds(), new_id = 0;
	int rc;

	if ((rc = store_clean(s, body, TEXT_MULTILINE, QUARTIER_REPLY_MAX,
	    &cbody)) != STORE_OK)
		return rc;
	if ((rc = clean_behalf(s, on_behalf_of, &cbehalf)) != STORE_OK ||
	    (rc = behalf_allowed(s, v, cbehalf)) != STORE_OK ||
	    (rc = store_begin(s)) != STORE_OK) {
		free(cbody);
		free(cbehalf);
		return rc;
	}
	stmt = store_stmt(s, "INSERT INTO replies (item_id, author_id, body,"
	    " on_behalf_of, created_at)"
	    " SELECT i.id, :viewer, :body, nullif(:behalf, ''), :now"
	    " FROM items i WHERE i.id = :item AND" POST_VISIBLE
	    " AND (coalesce(:behalf, '') = '' OR EXISTS (SELECT 1 FROM"
	    " residents WHERE id = :viewer AND role IN ('helper', 'sysop')))");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":item", item_id);
	bind_text(stmt, ":body", cbody);
	bind_text(stmt, ":behalf", cbehalf);
	bind_int64(stmt, ":now", now);
	rc = store_step_done(s, stmt);
	free(cbody);
	free(cbehalf);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		rc = STORE_NOT_FOUND;
	if (rc == STORE_OK) {
		new_id = sqlite3_last_insert_rowid(s->db);
		stmt = store_stmt(s, "UPDATE items SET"
		    " reply_count = reply_count + 1, last_activity_at = :now"
		    " WHERE id = :item");
		bind_int64(stmt, ":item", item_id);
		bind_int64(stmt, ":now", now);
		rc = store_step_done(s, stmt);
	}
	if (rc == STORE_OK)
		rc = mark_read(s, v, item_id, now);
	if (rc == STORE_OK)
		rc = search_sync_reply(s, new_id);
	if (rc == STORE_OK)
		rc = notice_reply(s, new_id);
	if ((rc = store_finish(s, rc)) == STORE_OK && id != NULL)
		*id = new_id;
	return rc;
}

int
store_reply_edit(struct store *s, const struct viewer *v, int64_t reply_id,
    const char *body)
{
	sqlite3_stmt *stmt;
	char *cbody;
	int rc;

	if ((rc = store_clean(s, body, TEXT_MULTILINE, QUARTIER_REPLY_MAX,
	    &cbody)) != STORE_OK)
		return rc;
	if ((rc = store_begin(s)) != STORE_OK) {
		free(cbody);
		return rc;
	}
	stmt = store_stmt(s, "UPDATE replies SET body = :body, updated_at = :now"
	    " WHERE id = :id AND author_id = :viewer AND deleted_at IS NULL"
	    " AND hidden_at IS NULL AND item_id IN (SELECT i.id FROM items i"
	    " WHERE" POST_VISIBLE ")");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", reply_id);
	bind_text(stmt, ":body", cbody);
	bind_int64(stmt, ":now", now_seconds());
	rc = store_step_done(s, stmt);
	free(cbody);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		rc = STORE_NOT_FOUND;
	if (rc == STORE_OK)
		rc = search_sync_reply(s, reply_id);
	return store_finish(s, rc);
}

int
store_reply_delete(struct store *s, const struct viewer *v, int64_t reply_id)
{
	sqlite3_stmt *stmt;
	int rc;

	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	stmt = store_stmt(s, "UPDATE replies SET deleted_at = :now"
	    " WHERE id = :id AND author_id = :viewer AND deleted_at IS NULL"
	    " AND item_id IN (SELECT i.id FROM items i WHERE" POST_VISIBLE ")");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", reply_id);
	bind_int64(stmt, ":now", now_seconds());
	rc = store_step_done(s, stmt);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		rc = STORE_NOT_FOUND;
	if (rc == STORE_OK) {
		stmt = store_stmt(s, "UPDATE items SET reply_count ="
		    " reply_count - 1 WHERE id = (SELECT item_id FROM replies"
		    " WHERE id = :id) AND reply_count > 0");
		bind_int64(stmt, ":id", reply_id);
		rc = store_step_done(s, stmt);
	}
	if (rc == STORE_OK)
		rc = search_sync_reply(s, reply_id);
	return store_finish(s, rc);
}

void
reply_list_free(struct reply *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(list[i].author_name);
		free(list[i].body);
		free(list[i].on_behalf_of);
		free(list[i].hidden_reason);
	}
	free(list);
}
