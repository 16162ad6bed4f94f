/* fixture.c - see fixture.h. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sqlite3.h>
#include <check.h>

#include "fixture.h"
#include "store-internal.h"
#include "tap.h"

struct store *st;
char *db_path;
int64_t krutenau, neudorf;
struct viewer marie, karim, nadia, hugo, paul;
int64_t clock_now = 1760000000;

void
tick(int64_t seconds)
{
	char buf[32];

	clock_now += seconds;
	snprintf(buf, sizeof buf, "%lld", (long long)clock_now);
	setenv("QUARTIER_FAKE_NOW", buf, 1);
}

int64_t
add_resident(const char *handle, int64_t quartier, enum resident_status status)
{
	struct resident_new n = {
		.handle = handle, .display_name = handle, .quartier_id = quartier,
		.status = status, .role = ROLE_RESIDENT,
	};
	int64_t id = 0;

	ck_assert_int_eq(store_resident_add(st, &n, &id), STORE_OK);
	return id;
}

void
fixture_setup(void)
{
	char *err = NULL;
	static int n;

	tick(0);
	db_path = xasprintf("%s/store-%d-%d.db", tap_tmpdir(), (int)getpid(),
	    n++);
	ck_assert_int_eq(store_open(db_path, STORE_CREATE, &st, &err), 0);
	ck_assert_int_eq(store_city_add(st, "Strasbourg", NULL), STORE_OK);
	ck_assert_int_eq(store_quartier_add(st, "Strasbourg", "Krutenau",
	    &krutenau), STORE_OK);
	ck_assert_int_eq(store_quartier_add(st, "Strasbourg", "Neudorf",
	    &neudorf), STORE_OK);
	marie.resident_id = add_resident("marie", krutenau, RESIDENT_VERIFIED);
	karim.resident_id = add_resident("karim", krutenau, RESIDENT_VERIFIED);
	nadia.resident_id = add_resident("nadia", neudorf, RESIDENT_VERIFIED);
	hugo.resident_id = add_resident("hugo", krutenau, RESIDENT_PENDING);
	paul.resident_id = add_resident("paul", krutenau, RESIDENT_SUSPENDED);
	tick(60);
}

void
fixture_teardown(void)
{
	store_close(st);
	st = NULL;
	free(db_path);
}

int
count_rows(const char *table)
{
	sqlite3 *db;
	sqlite3_stmt *stmt;
	char *sql;
	int n = -1;

	ck_assert_int_eq(sqlite3_open(db_path, &db), SQLITE_OK);
	ck_assert_int_eq(search_register(db), SQLITE_OK);
	sql = xasprintf("SELECT count(*) FROM %s", table);
	ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL),
	    SQLITE_OK);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		n = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	free(sql);
	return n;
}

void
raw_exec(const char *path, const char *sql)
{
	sqlite3 *db;

	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	/* The search index's tokenizer, as the store's connections have. */
	ck_assert_int_eq(search_register(db), SQLITE_OK);
	ck_assert_msg(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK,
	    "%s", sqlite3_errmsg(db));
	sqlite3_close(db);
}
