/*
 * store-group.c - groups of residents of one quartier: founding one,
 * joining an open one or asking to join one on request, the founder's
 * and co-admins' answers, leaving, handing over and closing.
 *
 * Every statement names the viewer and compares the group's quartier
 * with VIEWER_QUARTIER: a group of another quartier does not exist.  The
 * moderators and sysops of a quartier read and close any of its groups.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "store-internal.h"
#include "text.h"

/* The viewer's role in group :group, as a number of enum group_role. */
#define GROUP_ROLE \
	"coalesce((SELECT CASE gm.role WHEN 'pending' THEN 1" \
	" WHEN 'member' THEN 2 WHEN 'admin' THEN 3 ELSE 4 END" \
	" FROM group_members gm WHERE gm.group_id = g.id" \
	" AND gm.resident_id = :viewer), 0)"

/* The columns read_group() expects, in order. */
#define GROUP_COLUMNS \
	" g.id, g.name, g.description, g.open," \
	" (SELECT count(*) FROM group_members gm WHERE gm.group_id = g.id" \
	"  AND gm.role != 'pending')," \
	" (SELECT count(*) FROM group_members gm WHERE gm.group_id = g.id" \
	"  AND gm.role = 'pending'), " GROUP_ROLE "," \
	" (SELECT r.display_name FROM group_members gm JOIN residents r" \
	"  ON r.id = gm.resident_id WHERE gm.group_id = g.id" \
	"  AND gm.role = 'founder'), g.created_at" \
	" FROM quartier_groups g"

/* A group of the viewer's quartier that is not closed. */
#define GROUP_VISIBLE \
	" g.quartier_id = " VIEWER_QUARTIER " AND g.closed_at IS NULL"

/* One row written, inside the caller's transaction: STORE_NOT_FOUND for
 * none. */
static int
changed_one(struct store *s, sqlite3_stmt *stmt)
{
	int rc;

	if ((rc = store_step_done(s, stmt)) == STORE_OK &&
	    sqlite3_changes(s->db) == 0)
		rc = STORE_NOT_FOUND;
	return rc;
}

static void
read_group(sqlite3_stmt *stmt, void *row, bool full)
{
	struct group_info *g = row;

	(void)full;
	g->id = sqlite3_column_int64(stmt, 0);
	g->name = column_text(stmt, 1);
	g->description = column_text(stmt, 2);
	g->open = sqlite3_column_int(stmt, 3) != 0;
	g->members = sqlite3_column_int(stmt, 4);
	g->pending = sqlite3_column_int(stmt, 5);
	g->role = (enum group_role)sqlite3_column_int(stmt, 6);
	g->founder_name = column_text(stmt, 7);
	g->created_at = sqlite3_column_int64(stmt, 8);
}

int
store_group_add(struct store *s, const struct viewer *v, const char *name,
    const char *description, bool open, int64_t *id)
{
	sqlite3_stmt *stmt;
	char *cname, *cdesc = NULL;
	int64_t now = now_seconds(), new_id = 0;
	int rc;

	if ((rc = store_clean(s, name, 0, QUARTIER_NAME_MAX, &cname))
	    != STORE_OK)
		return rc;
	if ((rc = store_clean(s, description, TEXT_MULTILINE,
	    QUARTIER_BODY_MAX, &cdesc)) != STORE_OK ||
	    (rc = store_begin(s)) != STORE_OK)
		goto out;
	stmt = store_stmt(s, "SELECT 1 FROM quartier_groups"
	    " WHERE quartier_id = " VIEWER_QUARTIER " AND name = :name");
	bind_viewer(stmt, v);
	bind_text(stmt, ":name", cname);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc == SQLITE_ROW)
		rc = store_refuse(s, STORE_DUPLICATE, _("The quartier has a "
		    "group of that name already."));
	else
		rc = rc == SQLITE_DONE ? STORE_OK : store_fail(s, rc);
	if (rc == STORE_OK) {
		stmt = store_stmt(s, "INSERT INTO quartier_groups (quartier_id,"
		    " name, description, open, created_at)"
		    " SELECT " VIEWER_QUARTIER ", :name, :description, :open,"
		    " :now WHERE " VIEWER_QUARTIER " IS NOT NULL");
		bind_viewer(stmt, v);
		bind_text(stmt, ":name", cname);
		bind_text(stmt, ":description", cdesc);
		bind_int64(stmt, ":open", open);
		bind_int64(stmt, ":now", now);
		rc = store_step_done(s, stmt);
		if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
			rc = STORE_DENIED;
	}
	if (rc == STORE_OK) {
		new_id = sqlite3_last_insert_rowid(s->db);
		stmt = store_stmt(s, "INSERT INTO group_members (group_id,"
		    " resident_id, role, since)"
		    " VALUES (:group, :viewer, 'founder', :now)");
		bind_viewer(stmt, v);
		bind_int64(stmt, ":group", new_id);
		bind_int64(stmt, ":now", now);
		rc = store_step_done(s, stmt);
	}
	if ((rc = store_finish(s, rc)) == STORE_OK && id != NULL)
		*id = new_id;
out:
	free(cname);
	free(cdesc);
	return rc;
}

int
store_group_list(struct store *s, const struct viewer *v,
    struct group_info **out, size_t *n)
{
	sqlite3_stmt *stmt;
	int rc;

	stmt = store_stmt(s, "SELECT" GROUP_COLUMNS " WHERE" GROUP_VISIBLE
	    " ORDER BY g.name, g.id");
	bind_viewer(stmt, v);
	*out = store_read_rows(s, stmt, sizeof **out, read_group, false, n,
	    &rc);
	if (rc != STORE_OK) {
		group_info_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int
store_group_get(struct store *s, const struct viewer *v, int64_t id,
    struct group_info *g)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "SELECT" GROUP_COLUMNS " WHERE" GROUP_VISIBLE
	    " AND g.id = :id");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", id);
	return store_read_row(s, stmt, sizeof *g, read_group, true, g);
}

/* The viewer's role in group ID of their quartier, not closed;
 * STORE_NOT_FOUND when there is no such group for them. */
static int
viewer_role(struct store *s, const struct viewer *v, int64_t id,
    enum group_role *role)
{
	sqlite3_stmt *stmt;
	int rc;

	stmt = store_stmt(s, "SELECT " GROUP_ROLE " FROM quartier_groups g"
	    " WHERE g.id = :id AND" GROUP_VISIBLE);
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*role = (enum group_role)sqlite3_column_int(stmt, 0);
	sqlite3_reset(stmt);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_NOT_FOUND : store_fail(s, rc);
}

int
store_group_join(struct store *s, const struct viewer *v, int64_t id)
{
	sqlite3_stmt *stmt;
	enum group_role role = GROUP_NONE;
	int rc;

	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	rc = viewer_role(s, v, id, &role);
	if (rc == STORE_OK && role != GROUP_NONE)
		rc = store_refuse(s, STORE_DUPLICATE, role == GROUP_PENDING ?
		    _("Your request is waiting for an answer.") :
		    _("You are a member of this group already."));
	if (rc == STORE_OK) {
		stmt = store_stmt(s, "INSERT INTO group_members (group_id,"
		    " resident_id, role, since)"
		    " SELECT g.id, :viewer, iif(g.open, 'member', 'pending'),"
		    " :now FROM quartier_groups g WHERE g.id = :id"
		    " AND" GROUP_VISIBLE);
		bind_viewer(stmt, v);
		bind_int64(stmt, ":id", id);
		bind_int64(stmt, ":now", now_seconds());
		rc = changed_one(s, stmt);
	}
	return store_finish(s, rc);
}

int
store_group_answer(struct store *s, const struct viewer *v, int64_t id,
    int64_t resident_id, bool accept)
{
	sqlite3_stmt *stmt;
	enum group_role role = GROUP_NONE;
	int rc;

	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	rc = viewer_role(s, v, id, &role);
	if (rc == STORE_OK && role < GROUP_ADMIN)
		rc = store_refuse(s, STORE_DENIED, _("Only the group's founder "
		    "and its co-admins answer requests."));
	if (rc == STORE_OK) {
		stmt = store_stmt(s, accept ?
		    "UPDATE group_members SET role = 'member', since = :now"
		    " WHERE group_id = :id AND resident_id = :resident"
		    " AND role = 'pending'" :
		    "DELETE FROM group_members WHERE group_id = :id"
		    " AND resident_id = :resident AND role = 'pending'"
		    " AND :now IS NOT NULL");
		bind_int64(stmt, ":id", id);
		bind_int64(stmt, ":resident", resident_id);
		bind_int64(stmt, ":now", now_seconds());
		rc = changed_one(s, stmt);
	}
	return store_finish(s, rc);
}

int
store_group_leave(struct store *s, const struct viewer *v, int64_t id)
{
	sqlite3_stmt *stmt;
	enum group_role role = GROUP_NONE;
	int rc;

	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	rc = viewer_role(s, v, id, &role);
	if (rc == STORE_OK && role == GROUP_NONE)
		rc = STORE_NOT_FOUND;
	if (rc == STORE_OK && role == GROUP_FOUNDER)
		rc = store_refuse(s, STORE_DENIED, _("A founder hands the "
		    "group over to a member, or closes it, before leaving."));
	if (rc == STORE_OK) {
		stmt = store_stmt(s, "DELETE FROM group_members"
		    " WHERE group_id = :id AND resident_id = :viewer"
		    " AND role != 'founder'");
		bind_viewer(stmt, v);
		bind_int64(stmt, ":id", id);
		rc = changed_one(s, stmt);
	}
	return store_finish(s, rc);
}

/* The founder's steps: refuse anyone else, and a resident who is not a
 * member (a request is not enough). */
static int
founder_step(struct store *s, const struct viewer *v, int64_t id,
    int64_t resident_id)
{
	sqlite3_stmt *stmt;
	enum group_role role = GROUP_NONE;
	int rc;

	if ((rc = viewer_role(s, v, id, &role)) != STORE_OK)
		return rc;
	if (role != GROUP_FOUNDER)
		return store_refuse(s, STORE_DENIED, _("Only the group's "
		    "founder may do this."));
	stmt = store_stmt(s, "SELECT 1 FROM group_members WHERE group_id = :id"
	    " AND resident_id = :resident AND role IN ('member', 'admin')");
	bind_int64(stmt, ":id", id);
	bind_int64(stmt, ":resident", resident_id);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_NOT_FOUND : store_fail(s, rc);
}

int
store_group_hand_over(struct store *s, const struct viewer *v, int64_t id,
    int64_t resident_id)
{
	sqlite3_stmt *stmt;
	int rc;

	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	rc = founder_step(s, v, id, resident_id);
	if (rc == STORE_OK) {
		stmt = store_stmt(s, "UPDATE group_members SET role ="
		    " iif(resident_id = :resident, 'founder', 'admin')"
		    " WHERE group_id = :id"
		    " AND resident_id IN (:resident, :viewer)");
		bind_viewer(stmt, v);
		bind_int64(stmt, ":id", id);
		bind_int64(stmt, ":resident", resident_id);
		rc = store_step_done(s, stmt);
	}
	return store_finish(s, rc);
}

int
store_group_set_admin(struct store *s, const struct viewer *v, int64_t id,
    int64_t resident_id, bool admin)
{
	sqlite3_stmt *stmt;
	int rc;

	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	rc = founder_step(s, v, id, resident_id);
	if (rc == STORE_OK) {
		stmt = store_stmt(s, "UPDATE group_members SET role ="
		    " iif(:admin, 'admin', 'member') WHERE group_id = :id"
		    " AND resident_id = :resident");
		bind_int64(stmt, ":id", id);
		bind_int64(stmt, ":resident", resident_id);
		bind_int64(stmt, ":admin", admin);
		rc = store_step_done(s, stmt);
	}
	return store_finish(s, rc);
}

int
store_group_close(struct store *s, const struct viewer *v, int64_t id)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "UPDATE quartier_groups SET closed_at = :now,"
	    " closed_by = :viewer WHERE id = :id"
	    " AND quartier_id = " VIEWER_QUARTIER " AND closed_at IS NULL"
	    " AND (" VIEWER_MODERATES " OR EXISTS (SELECT 1"
	    " FROM group_members WHERE group_id = :id"
	    " AND resident_id = :viewer AND role = 'founder'))");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":id", id);
	bind_int64(stmt, ":now", now_seconds());
	return store_write_one(s, stmt);
}

static void
read_member(sqlite3_stmt *stmt, void *row, bool full)
{
	struct group_member *m = row;

	(void)full;
	m->resident_id = sqlite3_column_int64(stmt, 0);
	m->name = column_text(stmt, 1);
	m->role = (enum group_role)sqlite3_column_int(stmt, 2);
	m->since = sqlite3_column_int64(stmt, 3);
}

int
store_group_members(struct store *s, const struct viewer *v, int64_t id,
    struct group_member **out, size_t *n)
{
	sqlite3_stmt *stmt;
	int rc;

	stmt = store_stmt(s, "SELECT gm.resident_id, r.display_name,"
	    " CASE gm.role WHEN 'pending' THEN 1 WHEN 'member' THEN 2"
	    " WHEN 'admin' THEN 3 ELSE 4 END AS rank, gm.since"
	    " FROM group_members gm JOIN residents r ON r.id = gm.resident_id"
	    " WHERE gm.group_id = :group AND" GROUP_MEMBER
	    " ORDER BY rank DESC, r.name_folded, r.id");
	bind_viewer(stmt, v);
	bind_int64(stmt, ":group", id);
	*out = store_read_rows(s, stmt, sizeof **out, read_member, false, n,
	    &rc);
	if (rc != STORE_OK) {
		group_member_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void
group_info_clear(struct group_info *g)
{
	free(g->name);
	free(g->description);
	free(g->founder_name);
	memset(g, 0, sizeof *g);
}

void
group_info_list_free(struct group_info *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		group_info_clear(&list[i]);
	free(list);
}

void
group_member_list_free(struct group_member *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(list[i].name);
	free(list);
}
