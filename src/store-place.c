/*
 * store-place.c - cities and their quartiers.  The sysop's tools add and
 * rename them; the signup and moving forms list them (Places, below);
 * residents see their own quartier through their record.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "store-internal.h"
#include "text.h"

int
store_city_add(struct store *s, const char *name, int64_t *id)
{
	sqlite3_stmt *stmt;
	char *clean;
	int rc;

	if ((rc = store_clean(s, name, 0, QUARTIER_NAME_MAX, &clean)) != STORE_OK)
		return rc;
	if ((rc = store_begin(s)) != STORE_OK) {
		free(clean);
		return rc;
	}
	stmt = store_stmt(s, "INSERT INTO cities (name, created_at)"
	    " VALUES (:name, :now)");
	bind_text(stmt, ":name", clean);
	bind_int64(stmt, ":now", now_seconds());
	if ((rc = store_step_done(s, stmt)) == STORE_OK && id != NULL)
		*id = sqlite3_last_insert_rowid(s->db);
	free(clean);
	if (rc != STORE_OK) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s);
}

static int
store_city_find(struct store *s, const char *name, int64_t *id)
{
	sqlite3_stmt *stmt;
	int rc;

	stmt = store_stmt(s, "SELECT id FROM cities WHERE name = :name");
	bind_text(stmt, ":name", name);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_NOT_FOUND : store_fail(s, rc);
}

int
store_quartier_add(struct store *s, const char *city, const char *name,
    int64_t *id)
{
	sqlite3_stmt *stmt;
	int64_t city_id = 0;
	char *clean;
	int rc;

	if ((rc = store_clean(s, name, 0, QUARTIER_NAME_MAX, &clean)) != STORE_OK)
		return rc;
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	if ((rc = store_city_find(s, city, &city_id)) != STORE_OK) {
		store_rollback(s);
		goto out;
	}
	stmt = store_stmt(s, "INSERT INTO quartiers (city_id, name, created_at)"
	    " VALUES (:city, :name, :now)");
	bind_int64(stmt, ":city", city_id);
	bind_text(stmt, ":name", clean);
	bind_int64(stmt, ":now", now_seconds());
	if ((rc = store_step_done(s, stmt)) != STORE_OK) {
		store_rollback(s);
		goto out;
	}
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(s->db);
	rc = store_commit(s);
out:
	free(clean);
	return rc;
}

/*
 * "Krutenau" finds the quartier of that name when only one city has one;
 * "Strasbourg/Krutenau" always names one.  Names compare without case.
 */
int
store_quartier_find(struct store *s, const char *spec, int64_t *id)
{
	sqlite3_stmt *stmt;
	const char *slash;
	char *city = NULL;
	int rc, found = 0;

	if ((slash = strchr(spec, '/')) != NULL) {
		city = xstrndup(spec, slash - spec);
		spec = slash + 1;
	}
	stmt = store_stmt(s, "SELECT q.id FROM quartiers q"
	    " JOIN cities c ON c.id = q.city_id"
	    " WHERE q.name = :name AND (:city IS NULL OR c.name = :city)"
	    " LIMIT 2");
	bind_text(stmt, ":name", spec);
	bind_text(stmt, ":city", city);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		*id = sqlite3_column_int64(stmt, 0);
		found++;
	}
	sqlite3_reset(stmt);
	free(city);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc);
	if (found == 1)
		return STORE_OK;
	if (found == 0)
		return STORE_NOT_FOUND;
	return store_invalid(s, _("Several cities have a quartier of this "
	    "name; write it as City/Quartier."));
}

static void
read_quartier_info(sqlite3_stmt *stmt, void *row, bool full)
{
	struct quartier_info *q = row;

	(void)full;			/* no long column */
	q->id = sqlite3_column_int64(stmt, 0);
	q->city = column_text(stmt, 1);
	q->name = column_text(stmt, 2);
	q->verified = sqlite3_column_int(stmt, 3);
	q->pending = sqlite3_column_int(stmt, 4);
	q->suspended = sqlite3_column_int(stmt, 5);
}

int
store_quartier_list(struct store *s, struct quartier_info **out, size_t *n)
{
	sqlite3_stmt *stmt;
	int rc;

	stmt = store_stmt(s, "SELECT q.id, c.name, q.name,"
	    " (SELECT count(*) FROM residents r WHERE r.quartier_id = q.id"
	    "   AND r.status = 'verified'),"
	    " (SELECT count(*) FROM residents r WHERE r.quartier_id = q.id"
	    "   AND r.status = 'pending'),"
	    " (SELECT count(*) FROM residents r WHERE r.quartier_id = q.id"
	    "   AND r.status = 'suspended')"
	    " FROM quartiers q JOIN cities c ON c.id = q.city_id"
	    " ORDER BY c.name, q.name");
	*out = store_read_rows(s, stmt, sizeof **out, read_quartier_info, false,
	    n, &rc);
	if (rc != STORE_OK) {
		quartier_info_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void
quartier_info_free(struct quartier_info *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(list[i].city);
		free(list[i].name);
	}
	free(list);
}

/* Places. */

static void
read_place(sqlite3_stmt *stmt, void *row, bool full)
{
	struct place *p = row;

	(void)full;			/* an id and a name */
	p->id = sqlite3_column_int64(stmt, 0);
	p->name = column_text(stmt, 1);
}

static int
read_places(struct store *s, sqlite3_stmt *stmt, struct place **out,
    size_t *n)
{
	int rc;

	*out = store_read_rows(s, stmt, sizeof **out, read_place, false, n,
	    &rc);
	if (rc != STORE_OK) {
		place_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int
store_city_list(struct store *s, struct place **out, size_t *n)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "SELECT id, name FROM cities ORDER BY name, id");
	return read_places(s, stmt, out, n);
}

int
store_quartiers_of_city(struct store *s, int64_t city_id,
    struct place **out, size_t *n)
{
	sqlite3_stmt *stmt;

	stmt = store_stmt(s, "SELECT id, name FROM quartiers"
	    " WHERE city_id = :city ORDER BY name, id");
	bind_int64(stmt, ":city", city_id);
	return read_places(s, stmt, out, n);
}

void
place_list_free(struct place *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(list[i].name);
	free(list);
}
