/*
 * store-border.c - the quartiers the sysop declared neighbours.  A lost
 * cat does not know the border: a lost-and-found or alert post whose
 * author shares it is read and answered on the neighbours' walls too
 * (ITEM_SHARED_HERE in store-internal.h), and nothing else crosses.
 * Each pair is kept as two rows, one from each side, so that "my
 * neighbours" is one lookup by the primary key.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "store-internal.h"

int
store_neighbour_add(struct store *s, int64_t a, int64_t b)
{
	sqlite3_stmt *stmt;
	int rc;

	if (a == b)
		return store_invalid(s, _("A quartier is not its own "
		    "neighbour."));
	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	stmt = store_stmt(s, "INSERT INTO quartier_neighbours (quartier_id,"
	    " neighbour_id, created_at)"
	    " SELECT x, y, :now FROM (SELECT :a AS x, :b AS y"
	    " UNION ALL SELECT :b, :a)"
	    " WHERE (SELECT count(*) FROM quartiers WHERE id IN (:a, :b)) = 2"
	    " ON CONFLICT DO NOTHING");
	bind_int64(stmt, ":a", a);
	bind_int64(stmt, ":b", b);
	bind_int64(stmt, ":now", now_seconds());
	rc = store_step_done(s, stmt);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0) {
		stmt = store_stmt(s, "SELECT count(*) FROM quartiers"
		    " WHERE id IN (:a, :b)");
		bind_int64(stmt, ":a", a);
		bind_int64(stmt, ":b", b);
		rc = sqlite3_step(stmt) == SQLITE_ROW &&
		    sqlite3_column_int(stmt, 0) == 2 ? STORE_DUPLICATE :
		    STORE_NOT_FOUND;
		sqlite3_reset(stmt);
	}
	return store_finish(s, rc);
}

int
store_neighbour_remove(struct store *s, int64_t a, int64_t b)
{
	sqlite3_stmt *stmt;
	int rc;

	if ((rc = store_begin(s)) != STORE_OK)
		return rc;
	stmt = store_stmt(s, "DELETE FROM quartier_neighbours"
	    " WHERE (quartier_id = :a AND neighbour_id = :b)"
	    " OR (quartier_id = :b AND neighbour_id = :a)");
	bind_int64(stmt, ":a", a);
	bind_int64(stmt, ":b", b);
	rc = store_step_done(s, stmt);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		rc = STORE_NOT_FOUND;
	return store_finish(s, rc);
}

static void
read_pair(sqlite3_stmt *stmt, void *row, bool full)
{
	struct neighbour_pair *p = row;

	(void)full;
	p->a = sqlite3_column_int64(stmt, 0);
	p->a_name = column_text(stmt, 1);
	p->b = sqlite3_column_int64(stmt, 2);
	p->b_name = column_text(stmt, 3);
}

int
store_neighbour_list(struct store *s, int64_t quartier_id,
    struct neighbour_pair **out, size_t *n)
{
	sqlite3_stmt *stmt;
	int rc;

	stmt = store_stmt(s, "SELECT n.quartier_id, ca.name || ' › ' || qa.name,"
	    " n.neighbour_id, cb.name || ' › ' || qb.name"
	    " FROM quartier_neighbours n"
	    " JOIN quartiers qa ON qa.id = n.quartier_id"
	    " JOIN cities ca ON ca.id = qa.city_id"
	    " JOIN quartiers qb ON qb.id = n.neighbour_id"
	    " JOIN cities cb ON cb.id = qb.city_id"
	    " WHERE (:q = 0 AND n.quartier_id < n.neighbour_id)"
	    " OR n.quartier_id = :q"
	    " ORDER BY ca.name, qa.name, cb.name, qb.name");
	bind_int64(stmt, ":q", quartier_id);
	*out = store_read_rows(s, stmt, sizeof **out, read_pair, false, n,
	    &rc);
	if (rc != STORE_OK) {
		neighbour_pair_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void
neighbour_pair_list_free(struct neighbour_pair *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(list[i].a_name);
		free(list[i].b_name);
	}
	free(list);
}
