/*
 * test-admin.c - what the sysop's tools ask of the store: who is online
 * (live sessions and their clean-up), the site's numbers, renaming a
 * quartier, the online backup and finding residents by their first
 * letters.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>

#include "quartier.h"
#include "store.h"
#include "tap.h"
#include "fixture.h"

START_TEST(live_start_touch_list_end)
{
	struct live_session *l;
	int64_t a = 0, b = 0;
	size_t n;

	ck_assert_int_eq(store_live_start(st, marie.resident_id, 100, LIVE_SSH,
	    "192.0.2.7", &a), STORE_OK);
	ck_assert_int_eq(store_live_start(st, nadia.resident_id, 101,
	    LIVE_KIOSK, NULL, &b), STORE_OK);
	ck_assert_int_ne(a, b);
	ck_assert_int_eq(store_live_list(st, STORE_LIVE_STALE, &l, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 2);
	/* Sorted by quartier: Krutenau before Neudorf. */
	ck_assert_str_eq(l[0].handle, "marie");
	ck_assert_str_eq(l[0].quartier, "Krutenau");
	ck_assert_int_eq(l[0].origin, LIVE_SSH);
	ck_assert_str_eq(l[0].source, "192.0.2.7");
	ck_assert_str_eq(l[1].handle, "nadia");
	ck_assert_int_eq(l[1].origin, LIVE_KIOSK);
	ck_assert_ptr_null(l[1].source);
	live_session_list_free(l, n);

	ck_assert_int_eq(store_live_end(st, b), STORE_OK);
	ck_assert_int_eq(store_live_end(st, b), STORE_NOT_FOUND);
	ck_assert_int_eq(count_rows("live_sessions"), 1);
	ck_assert_int_eq(store_live_end(st, a), STORE_OK);
	ck_assert_int_eq(count_rows("live_sessions"), 0);
}
END_TEST

/* Touches fall due when the clock's minute turns, whenever the session
 * began: sessions started apart touch together. */
START_TEST(live_touch_on_the_minute)
{
	ck_assert(!store_live_due(120, 120));
	ck_assert(!store_live_due(120, 179));
	ck_assert(store_live_due(120, 180));
	ck_assert(!store_live_due(155, 179));
	ck_assert(store_live_due(155, 181));	/* 26 s after the last */
	ck_assert(store_live_due(179, 180));	/* started just before */
	ck_assert(store_live_due(180, 245));	/* a tick missed: late */
	ck_assert(store_live_due(300, 200));	/* the clock went back */
}
END_TEST

START_TEST(live_stale_cleaned_up)
{
	struct live_session *l;
	int64_t a = 0, b = 0;
	size_t n;

	ck_assert_int_eq(store_live_start(st, marie.resident_id, 100,
	    LIVE_TERMINAL, NULL, &a), STORE_OK);
	ck_assert_int_eq(store_live_start(st, karim.resident_id, 101,
	    LIVE_SSH, "198.51.100.1", &b), STORE_OK);
	/* Karim's process keeps touching; Marie's died. */
	tick(STORE_LIVE_STALE - 10);
	ck_assert_int_eq(store_live_touch(st, b), STORE_OK);
	tick(20);
	ck_assert_int_eq(store_live_list(st, STORE_LIVE_STALE, &l, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(l[0].handle, "karim");
	ck_assert_int_eq(l[0].seen_at, clock_now - 20);
	live_session_list_free(l, n);
	/* The dead row is gone, not only left out. */
	ck_assert_int_eq(count_rows("live_sessions"), 1);
	/* Touching it again says so: the process may start a new one. */
	ck_assert_int_eq(store_live_touch(st, a), STORE_NOT_FOUND);
}
END_TEST

START_TEST(stats_numbers)
{
	struct store_stats all, k, ne;
	int64_t id, live;

	ck_assert_int_eq(store_wall_add(st, &marie, "info", "Bonjour",
	    "Texte.", NULL, &id), STORE_OK);
	ck_assert_int_eq(store_reply_add(st, &karim, id, "Merci !", NULL, NULL),
	    STORE_OK);
	ck_assert_int_eq(store_wall_add(st, &nadia, "info", "Salut",
	    "Texte.", NULL, NULL), STORE_OK);
	ck_assert_int_eq(store_live_start(st, nadia.resident_id, 1,
	    LIVE_SSH, NULL, &live), STORE_OK);
	raw_exec(db_path, "INSERT INTO reports (reporter_id, quartier_id,"
	    " target_kind, target_id, reason, created_at)"
	    " SELECT id, quartier_id, 'resident', id, 'test', 1"
	    " FROM residents WHERE handle = 'karim'");

	ck_assert_int_eq(store_stats(st, 0, &all), STORE_OK);
	ck_assert_int_eq(all.cities, 1);
	ck_assert_int_eq(all.quartiers, 2);
	ck_assert_int_eq(all.verified, 3);
	ck_assert_int_eq(all.pending, 1);
	ck_assert_int_eq(all.suspended, 1);
	ck_assert_int_eq(all.posts, 2);
	ck_assert_int_eq(all.replies, 1);
	ck_assert_int_eq(all.reports_open, 1);
	ck_assert_int_eq(all.online, 1);

	ck_assert_int_eq(store_stats(st, krutenau, &k), STORE_OK);
	ck_assert_int_eq(k.quartiers, 1);
	ck_assert_int_eq(k.verified, 2);
	ck_assert_int_eq(k.pending, 1);
	ck_assert_int_eq(k.posts, 1);
	ck_assert_int_eq(k.replies, 1);
	ck_assert_int_eq(k.reports_open, 1);
	ck_assert_int_eq(k.online, 0);

	ck_assert_int_eq(store_stats(st, neudorf, &ne), STORE_OK);
	ck_assert_int_eq(ne.verified, 1);
	ck_assert_int_eq(ne.posts, 1);
	ck_assert_int_eq(ne.replies, 0);
	ck_assert_int_eq(ne.online, 1);

	/* The whole site's statement and one quartier's are two: the two
	 * quartiers add up to the site, number by number. */
	ck_assert_int_eq(k.verified + ne.verified, all.verified);
	ck_assert_int_eq(k.pending + ne.pending, all.pending);
	ck_assert_int_eq(k.suspended + ne.suspended, all.suspended);
	ck_assert_int_eq(k.posts + ne.posts, all.posts);
	ck_assert_int_eq(k.replies + ne.replies, all.replies);
	ck_assert_int_eq(k.classifieds + ne.classifieds, all.classifieds);
	ck_assert_int_eq(k.lendings + ne.lendings, all.lendings);
	ck_assert_int_eq(k.loans_live + ne.loans_live, all.loans_live);
	ck_assert_int_eq(k.events_coming + ne.events_coming,
	    all.events_coming);
	ck_assert_int_eq(k.messages + ne.messages, all.messages);
	ck_assert_int_eq(k.reports_open + ne.reports_open, all.reports_open);
	ck_assert_int_eq(k.online + ne.online, all.online);

	ck_assert_int_eq(store_stats(st, 9999, &ne), STORE_NOT_FOUND);
}
END_TEST

/* What the tables hold for QUARTIER, counted the long way. */
static void
assert_totals(int64_t quartier)
{
	struct store_stats one;
	char *sql;

	ck_assert_int_eq(store_stats(st, quartier, &one), STORE_OK);
	sql = xasprintf("items WHERE quartier_id = %lld AND kind = 'post'"
	    " AND deleted_at IS NULL", (long long)quartier);
	ck_assert_int_eq(one.posts, count_rows(sql));
	free(sql);
	sql = xasprintf("items WHERE quartier_id = %lld AND kind = 'lending'"
	    " AND deleted_at IS NULL", (long long)quartier);
	ck_assert_int_eq(one.lendings, count_rows(sql));
	free(sql);
	sql = xasprintf("replies r JOIN items i ON i.id = r.item_id"
	    " WHERE i.quartier_id = %lld AND r.deleted_at IS NULL",
	    (long long)quartier);
	ck_assert_int_eq(one.replies, count_rows(sql));
	free(sql);
	sql = xasprintf("loans l JOIN items i ON i.id = l.item_id"
	    " WHERE i.quartier_id = %lld AND l.status = 'accepted'",
	    (long long)quartier);
	ck_assert_int_eq(one.loans_live, count_rows(sql));
	free(sql);
}

/*
 * The posts, replies, lending offers and loans under way are kept in
 * board_totals by triggers: they follow every write, by the store or by
 * any other program (a script, a removal of rows), and an upgraded file
 * starts with its own.
 */
START_TEST(totals_follow_every_write)
{
	struct lending_new offer = { .direction = LENDING_OFFER,
	    .nature = LENDING_OBJECT, .title = "Perceuse", .body = "Bosch." };
	int64_t post, reply, other, lend, loan;
	char *err = NULL, *sql;

	ck_assert_int_eq(store_wall_add(st, &marie, "info", "Bonjour",
	    "Texte.", NULL, &post), STORE_OK);
	ck_assert_int_eq(store_reply_add(st, &karim, post, "Merci !", NULL,
	    &reply), STORE_OK);
	ck_assert_int_eq(store_reply_add(st, &marie, post, "De rien.", NULL,
	    NULL), STORE_OK);
	ck_assert_int_eq(store_wall_add(st, &karim, "info", "Salut",
	    "Texte.", NULL, &other), STORE_OK);
	ck_assert_int_eq(store_lending_add(st, &marie, &offer, &lend),
	    STORE_OK);
	ck_assert_int_eq(store_loan_ask(st, &karim, lend, "", &loan),
	    STORE_OK);
	assert_totals(krutenau);
	ck_assert_int_eq(store_loan_decide(st, &marie, loan, true, 7),
	    STORE_OK);
	ck_assert_int_eq(store_reply_add(st, &karim, lend, "Merci.", NULL,
	    NULL), STORE_OK);
	assert_totals(krutenau);
	ck_assert_int_eq(store_reply_delete(st, &karim, reply), STORE_OK);
	ck_assert_int_eq(store_wall_delete(st, &karim, other), STORE_OK);
	assert_totals(krutenau);
	ck_assert_int_eq(store_loan_returned(st, &marie, loan), STORE_OK);
	assert_totals(krutenau);
	/* Another program: rows written, then an item removed with its
	 * replies and loans. */
	sql = xasprintf("INSERT INTO items (id, quartier_id, author_id, kind,"
	    " category, title, body, created_at, last_activity_at) VALUES"
	    " (900, %lld, %lld, 'lending', 'object', 'Échelle', 'x', 1, 1);"
	    " INSERT INTO replies (item_id, author_id, body, created_at)"
	    " VALUES (900, %lld, 'Oui', 2), (900, %lld, 'Non', 3);"
	    " INSERT INTO loans (item_id, borrower_id, status, requested_at)"
	    " VALUES (900, %lld, 'accepted', 2);", (long long)krutenau,
	    (long long)marie.resident_id, (long long)karim.resident_id,
	    (long long)karim.resident_id, (long long)karim.resident_id);
	raw_exec(db_path, sql);
	free(sql);
	assert_totals(krutenau);
	raw_exec(db_path, "PRAGMA foreign_keys = ON;"
	    " DELETE FROM items WHERE id = 900");
	ck_assert_int_eq(count_rows("replies WHERE item_id = 900"), 0);
	assert_totals(krutenau);
	raw_exec(db_path, "DELETE FROM replies WHERE id IN"
	    " (SELECT max(id) FROM replies)");
	assert_totals(krutenau);
	assert_totals(neudorf);
	/* A file of version 4 gets them when upgraded. */
	ck_assert_int_eq(store_loan_ask(st, &karim, lend, "", &loan),
	    STORE_OK);
	ck_assert_int_eq(store_loan_decide(st, &marie, loan, true, 7),
	    STORE_OK);
	/* Without foreign keys, a post removed leaves its replies behind:
	 * they count no more, and do not stop the upgrade. */
	sql = xasprintf("DELETE FROM items WHERE id = %lld", (long long)post);
	raw_exec(db_path, sql);
	free(sql);
	ck_assert_int_eq(count_rows("replies r WHERE NOT EXISTS (SELECT 1"
	    " FROM items i WHERE i.id = r.item_id)"), 2);
	assert_totals(krutenau);
	store_close(st);
	raw_exec(db_path, V10_UNDO V9_UNDO V8_UNDO V7_UNDO V6_UNDO V5_UNDO "PRAGMA user_version = 4");
	ck_assert_msg(store_open(db_path, 0, &st, &err) == 0, "%s", err);
	assert_totals(krutenau);
	assert_totals(neudorf);
}
END_TEST

/* The dashboard's posts of each quartier are store_stats()'s. */
START_TEST(posts_of_each_quartier)
{
	struct quartier_info *q;
	struct store_stats one;
	size_t n, i;
	int posts[8];

	ck_assert_int_eq(store_wall_add(st, &marie, "info", "Bonjour",
	    "Texte.", NULL, NULL), STORE_OK);
	ck_assert_int_eq(store_wall_add(st, &karim, "info", "Salut",
	    "Texte.", NULL, NULL), STORE_OK);
	ck_assert_int_eq(store_quartier_list(st, &q, &n), STORE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(store_quartier_posts(st, q, n, posts), STORE_OK);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(store_stats(st, q[i].id, &one), STORE_OK);
		ck_assert_int_eq(posts[i], one.posts);
		ck_assert_int_eq(posts[i], q[i].id == krutenau ? 2 : 0);
	}
	quartier_info_free(q, n);
}
END_TEST

START_TEST(rename_quartier)
{
	struct quartier_info *q;
	int64_t other, id;
	size_t n;

	ck_assert_int_eq(store_quartier_rename(st, krutenau, "Krutenau-Est"),
	    STORE_OK);
	ck_assert_int_eq(store_quartier_find(st, "Krutenau-Est", &id),
	    STORE_OK);
	ck_assert_int_eq(id, krutenau);
	/* Another quartier of the same city has the name: refused, in any
	 * case, and nothing changes. */
	ck_assert_int_eq(store_quartier_rename(st, krutenau, "neudorf"),
	    STORE_DUPLICATE);
	ck_assert_int_eq(store_quartier_rename(st, krutenau, "  "),
	    STORE_INVALID);
	ck_assert_int_eq(store_quartier_rename(st, krutenau, "a\033[2Jb"),
	    STORE_OK);
	ck_assert_int_eq(store_quartier_rename(st, 9999, "Nulle part"),
	    STORE_NOT_FOUND);
	/* The same name in another city is fine. */
	ck_assert_int_eq(store_city_add(st, "Colmar", NULL), STORE_OK);
	ck_assert_int_eq(store_quartier_add(st, "Colmar", "Centre", &other),
	    STORE_OK);
	ck_assert_int_eq(store_quartier_rename(st, other, "Neudorf"),
	    STORE_OK);
	ck_assert_int_eq(store_quartier_list(st, &q, &n), STORE_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_ptr_null(strchr(q[1].name, '\033'));
	quartier_info_free(q, n);
}
END_TEST

static int
count_in(const char *path, const char *table)
{
	sqlite3 *db;
	sqlite3_stmt *stmt;
	char sql[128];
	int n = -1;

	ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL),
	    SQLITE_OK);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		n = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return n;
}

START_TEST(backup_while_writing)
{
	struct store *copy;
	struct quartier_info *q;
	sqlite3 *writer;
	char *path, *err = NULL;
	size_t n;
	int posts;

	ck_assert_int_eq(store_wall_add(st, &marie, "info", "Avant",
	    "Texte.", NULL, NULL), STORE_OK);
	posts = count_rows("items");
	path = xasprintf("%s.backup", db_path);
	unlink(path);
	/* A second connection is in the middle of a write: the backup
	 * neither waits for it nor copies what it has not committed. */
	ck_assert_int_eq(sqlite3_open(db_path, &writer), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(writer, "BEGIN IMMEDIATE;"
	    " INSERT INTO cities (name, created_at) VALUES ('Mulhouse', 1)",
	    NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(store_backup(st, path), STORE_OK);
	ck_assert_int_eq(sqlite3_exec(writer, "COMMIT", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(writer);

	ck_assert_int_eq(count_in(path, "items"), posts);
	ck_assert_int_eq(count_in(path, "residents"), 5);
	ck_assert_int_eq(count_in(path, "cities"), 1);
	ck_assert_int_eq(count_rows("cities"), 2);
	/* The copy is a database Quartier opens as it is. */
	ck_assert_int_eq(store_open(path, 0, &copy, &err), 0);
	ck_assert_int_eq(store_quartier_list(copy, &q, &n), STORE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(q[0].verified, 2);
	quartier_info_free(q, n);
	store_close(copy);

	/* Never over an existing file. */
	ck_assert_int_eq(store_backup(st, path), STORE_DUPLICATE);
	ck_assert_int_eq(count_in(path, "items"), posts);
	unlink(path);
	free(path);
	path = xasprintf("%s.nodir/backup", db_path);
	ck_assert_int_ne(store_backup(st, path), STORE_OK);
	free(path);
}
END_TEST

START_TEST(resident_search_folded)
{
	struct resident_new r = { .handle = "elodie",
	    .display_name = "Élodie Müller", .status = RESIDENT_PENDING,
	    .role = ROLE_RESIDENT };
	struct resident *list;
	size_t n;

	r.quartier_id = neudorf;
	ck_assert_int_eq(store_resident_add(st, &r, NULL), STORE_OK);
	/* Handles and names, without case or accents, every quartier. */
	ck_assert_int_eq(store_resident_search(st, 0, "ELO", 10, &list, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(list[0].handle, "elodie");
	ck_assert_str_eq(list[0].quartier, "Neudorf");
	resident_list_free(list, n);
	/* Any word of the name. */
	ck_assert_int_eq(store_resident_search(st, 0, "mull", 10, &list, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 1);
	resident_list_free(list, n);
	/* Only one quartier. */
	ck_assert_int_eq(store_resident_search(st, krutenau, "elo", 10, &list,
	    &n), STORE_OK);
	ck_assert_uint_eq(n, 0);
	resident_list_free(list, n);
	/* A prefix, not a substring. */
	ck_assert_int_eq(store_resident_search(st, 0, "rie", 10, &list, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 0);
	resident_list_free(list, n);
	/* Empty: everyone, up to the limit. */
	ck_assert_int_eq(store_resident_search(st, 0, "", 3, &list, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 3);
	resident_list_free(list, n);
}
END_TEST

START_TEST(announce_everywhere)
{
	int64_t id = 0;

	ck_assert_int_eq(store_announce(st, 0, "Coupure d'eau",
	    "Mardi matin.", &id), STORE_OK);
	ck_assert_int_gt(id, 0);
	ck_assert_int_eq(count_rows("items"), 2);
	ck_assert_int_eq(store_announce(st, neudorf, "Fête", "Samedi.", NULL),
	    STORE_OK);
	ck_assert_int_eq(count_rows("items"), 3);
	ck_assert_int_eq(store_announce(st, 9999, "Rien", "Rien.", NULL),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_announce(st, 0, "", "Rien.", NULL),
	    STORE_INVALID);
	ck_assert_int_eq(count_rows("items"), 3);
}
END_TEST

static Suite *
admin_suite(void)
{
	Suite *s = suite_create("admin");
	TCase *tc;

	tc = tcase_create("live");
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_add_test(tc, live_start_touch_list_end);
	tcase_add_test(tc, live_stale_cleaned_up);
	tcase_add_test(tc, live_touch_on_the_minute);
	suite_add_tcase(s, tc);

	tc = tcase_create("admin");
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	/* totals_follow_every_write writes on every board and checks
	 * board_totals after each: more than Check's 4 s under sanitizers
	 * on a busy machine. */
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, stats_numbers);
	tcase_add_test(tc, totals_follow_every_write);
	tcase_add_test(tc, posts_of_each_quartier);
	tcase_add_test(tc, rename_quartier);
	tcase_add_test(tc, backup_while_writing);
	tcase_add_test(tc, resident_search_folded);
	tcase_add_test(tc, announce_everywhere);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tap_run(admin_suite());
}
