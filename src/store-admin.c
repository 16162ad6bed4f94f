/*
 * store-admin.c - what only the sysop's tools ask of the database: the
 * version of a file before it is opened (and so upgraded), and whether a
 * database holds any data yet.
 */
#include "build-config.h"

#include <errno.h>
#include <sys/stat.h>

#include "store-internal.h"

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
