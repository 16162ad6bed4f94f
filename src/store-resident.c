/*
 * store-resident.c - residents: creation by the sysop, the login lookup,
 * and what a resident may change of their own record.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "store-internal.h"
#include "text.h"

static void
read_resident(sqlite3_stmt *stmt, void *row, bool with_street)
{
	struct resident *r = row;
	const char *t;

	r->id = sqlite3_column_int64(stmt, 0);
	r->handle = column_text(stmt, 1);
	r->display_name = column_text(stmt, 2);
	r->quartier_id = sqlite3_column_int64(stmt, 3);
	r->quartier = column_text(stmt, 4);
	r->city = column_text(stmt, 5);
	if (with_street)
		r->street = column_text(stmt, 6);
	if ((t = (const char *)sqlite3_column_text(stmt, 7)) == NULL ||
	    resident_status_parse(t, &r->status) != 0)
		r->status = RESIDENT_PENDING;
	if ((t = (const char *)sqlite3_column_text(stmt, 8)) == NULL ||
	    resident_role_parse(t, &r->role) != 0)
		r->role = ROLE_RESIDENT;
	if ((t = (const char *)sqlite3_column_text(stmt, 9)) == NULL ||
	    language_parse(t, &r->language) != 0)
		r->language = LANG_AUTO;
	r->created_at = sqlite3_column_int64(stmt, 10);
	r->verified_at = sqlite3_column_int64(stmt, 11);
	r->last_login_at = sqlite3_column_int64(stmt, 12);
}

int
store_resident_add(struct store *s, const struct resident_new *n, int64_t *id)
{
	sqlite3_stmt *stmt;
	char *handle = NULL, *name = NULL, *street = NULL;
	const char *why;
	int64_t now = now_seconds();
	int rc;

	if (!text_handle_valid(n->handle != NULL ? n->handle : "", &handle,
	    &why))
		return store_invalid(s, why);
	if ((rc = store_clean(s, n->display_name, 0, QUARTIER_NAME_MAX,
	    &name)) != STORE_OK)
		goto out;
	if (n->street != NULL && (rc = store_clean(s, n->street,
	    TEXT_ALLOW_EMPTY, QUARTIER_STREET_MAX, &street)) != STORE_OK)
		goto out;
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	stmt = store_stmt(s, "INSERT INTO residents (handle, display_name,"
	    " name_folded, quartier_id, street, password_hash, status, role,"
	    " created_at, verified_at) VALUES (:handle, :name, :folded,"
	    " :quartier, :street, :hash, :status, :role, :now,"
	    " CASE WHEN :status = 'verified' THEN :now END)");
	bind_text(stmt, ":handle", handle);
	bind_text(stmt, ":name", name);
	bind_folded_name(stmt, ":folded", name);
	bind_int64(stmt, ":quartier", n->quartier_id);
	bind_text(stmt, ":street", street != NULL && *street != '\0' ?
	    street : NULL);
	bind_text(stmt, ":hash", n->password_hash);
	bind_text(stmt, ":status", resident_status_name(n->status));
	bind_text(stmt, ":role", resident_role_name(n->role));
	bind_int64(stmt, ":now", now);
	if ((rc = store_step_done(s, stmt)) != STORE_OK) {
		store_rollback(s);
		goto out;
	}
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(s->db);
	rc = store_commit(s);
out:
	free(handle);
	free(name);
	free(street);
	return rc;
}

void
bind_folded_name(sqlite3_stmt *stmt, const char *param, const char *name)
{
	char *folded = text_fold(name != NULL ? name : "");

	/* A clean name is valid UTF-8: only memory can fail here. */
	if (folded == NULL)
		fatal("out of memory");
	bind_text(stmt, param, folded);
	free(folded);
}

/* Run a query of RESIDENT_COLUMNS that finds at most one resident. */
int
store_resident_query(struct store *s, sqlite3_stmt *stmt, struct resident *r,
    bool with_street)
{
	return store_read_row(s, stmt, sizeof *r, read_resident, with_street,
	    r);
}

/*
 * A suspension with an end that is past is lifted by itself when its
 * resident next logs in, and the log says so (by Quartier, no actor).
 * Called before reading the resident for a login, by password or key.
 */
int
store_suspension_expire(struct store *s, const char *handle)
{
	sqlite3_stmt *stmt;
	int64_t id = 0, quartier_id = 0;
	int rc, step;

	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	stmt = store_stmt(s, "SELECT id, quartier_id FROM residents"
	    " WHERE handle = :handle AND status = 'suspended'"
	    " AND suspended_until IS NOT NULL AND suspended_until <= :now");
	bind_text(stmt, ":handle", handle);
	bind_int64(stmt, ":now", now_seconds());
	if ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		id = sqlite3_column_int64(stmt, 0);
		quartier_id = sqlite3_column_int64(stmt, 1);
	}
	sqlite3_reset(stmt);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = store_fail(s, step);
	if (rc == STORE_OK && id != 0) {
		stmt = store_stmt(s, "UPDATE residents SET status = 'verified',"
		    " suspended_until = NULL, suspend_reason = NULL"
		    " WHERE id = :id");
		bind_int64(stmt, ":id", id);
		rc = store_step_done(s, stmt);
	}
	if (rc == STORE_OK && id != 0) {
		stmt = store_stmt(s, "INSERT INTO moderation_log (actor_id,"
		    " actor_name, quartier_id, action, target_kind, target_id,"
		    " reason, created_at) VALUES (NULL, 'Quartier', :quartier,"
		    " 'lift', 'resident', :id, :reason, :now)");
		bind_int64(stmt, ":quartier", quartier_id);
		bind_text(stmt, ":reason",
		    mod_reason_keys[MOD_REASON_SUSPENSION_ENDED]);
		bind_int64(stmt, ":id", id);
		bind_int64(stmt, ":now", now_seconds());
		rc = store_step_done(s, stmt);
	}
	return store_finish(s, rc);
}

int
store_resident_for_login(struct store *s, const char *handle,
    struct resident *r, char **hash)
{
	sqlite3_stmt *stmt;
	int rc;

	*hash = NULL;
	/* Not fatal: at worst the resident stays suspended a while more. */
	(void)store_suspension_expire(s, handle);
	stmt = store_stmt(s, "SELECT" RESIDENT_COLUMNS ", r.password_hash"
	    RESIDENT_FROM " WHERE r.handle = :handle");
	bind_text(stmt, ":handle", handle);
	memset(r, 0, sizeof *r);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		read_resident(stmt, r, false);
		*hash = column_text(stmt, 13);
	}
	sqlite3_reset(stmt);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_NOT_FOUND : store_fail(s, rc);
}

int
store_resident_self(struct store *s, const struct viewer *v,
    struct resident *r)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "SELECT" RESIDENT_COLUMNS RESIDENT_FROM
	    " WHERE r.id = :viewer");
	bind_viewer(stmt, v);
	return store_resident_query(s, stmt, r, true);
}

int
store_resident_by_handle(struct store *s, const char *handle,
    struct resident *r)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "SELECT" RESIDENT_COLUMNS RESIDENT_FROM
	    " WHERE r.handle = :handle");
	bind_text(stmt, ":handle", handle);
	return store_resident_query(s, stmt, r, true);
}

int
store_resident_list(struct store *s, int64_t quartier_id, bool pending_only,
    struct resident **out, size_t *n)
{
	sqlite3_stmt *stmt;
	int rc;

	stmt = store_stmt(s, "SELECT" RESIDENT_COLUMNS RESIDENT_FROM
	    " WHERE (:quartier = 0 OR r.quartier_id = :quartier)"
	    " AND (:pending = 0 OR r.status = 'pending')"
	    " ORDER BY c.name, q.name, r.handle");
	bind_int64(stmt, ":quartier", quartier_id);
	bind_int64(stmt, ":pending", pending_only);
	*out = store_read_rows(s, stmt, sizeof **out, read_resident, true, n,
	    &rc);
	if (rc != STORE_OK) {
		resident_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int
store_resident_set_password(struct store *s, int64_t resident_id,
    const char *hash)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "UPDATE residents SET password_hash = :hash"
	    " WHERE id = :id");
	bind_text(stmt, ":hash", hash);
	bind_int64(stmt, ":id", resident_id);
	return store_write_one(s, stmt);
}

int
store_resident_set_display_name(struct store *s, const struct viewer *v,
    const char *name)
{
	sqlite3_stmt *stmt;
	char *clean;
	int rc;

	if ((rc = store_clean(s, name, 0, QUARTIER_NAME_MAX, &clean)) != STORE_OK)
		return rc;
	stmt = store_stmt(s, "UPDATE residents SET display_name = :name,"
	    " name_folded = :folded WHERE id = :viewer"
	    " AND status <> 'suspended'");
	bind_text(stmt, ":name", clean);
	bind_folded_name(stmt, ":folded", clean);
	bind_viewer(stmt, v);
	rc = store_write_one(s, stmt);
	free(clean);
	return rc;
}

int
store_resident_set_language(struct store *s, const struct viewer *v,
    enum language language)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "UPDATE residents SET language = :language"
	    " WHERE id = :viewer");
	bind_text(stmt, ":language", language == LANG_AUTO ? NULL :
	    language_code(language));
	bind_viewer(stmt, v);
	return store_write_one(s, stmt);
}

/*
 * A resident's last visit is when their previous session began: the one
 * date the menu and the wall show.  Record the start of this session and
 * give the previous one, read in the same transaction.
 */
int
store_resident_logged_in(struct store *s, int64_t resident_id,
    int64_t *last_visit)
{
	sqlite3_stmt *stmt;
	int rc;

	*last_visit = 0;
	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	stmt = store_stmt(s, "SELECT coalesce(last_login_at, 0) FROM residents"
	    " WHERE id = :id");
	bind_int64(stmt, ":id", resident_id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*last_visit = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW)
		return store_finish(s, rc == SQLITE_DONE ? STORE_NOT_FOUND :
		    store_fail(s, rc));
	stmt = store_stmt(s, "UPDATE residents SET last_login_at = :now"
	    " WHERE id = :id");
	bind_int64(stmt, ":now", now_seconds());
	bind_int64(stmt, ":id", resident_id);
	return store_finish(s, store_step_done(s, stmt));
}

void
resident_clear(struct resident *r)
{
	free(r->handle);
	free(r->display_name);
	free(r->quartier);
	free(r->city);
	free(r->street);
	memset(r, 0, sizeof *r);
}

void
resident_list_free(struct resident *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		resident_clear(&list[i]);
	free(list);
}
