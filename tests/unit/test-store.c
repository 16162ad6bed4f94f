/*
 * test-store.c - the store: schema and migrations, places and residents,
 * the wall and its replies, unread marks, SSH keys, signing up and
 * verification, and above all the viewer rule:
 * nobody reads or writes anything of another quartier, and residents who
 * are pending or suspended read and write nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sqlite3.h>

#include "quartier.h"
#include "auth.h"
#include "store.h"
#include "tap.h"
#include "fixture.h"

static int64_t
post(const struct viewer *v, const char *category, const char *title)
{
	int64_t id = 0;

	ck_assert_int_eq(store_wall_add(st, v, category, title, "Texte.", NULL,
	    &id), STORE_OK);
	tick(1);
	return id;
}

/* Schema and migrations. */

START_TEST(schema_created_at_latest_version)
{
	char *report = NULL;

	ck_assert_int_gt(store_schema_latest(), 0);
	ck_assert_int_eq(store_schema_version(st), store_schema_latest());
	ck_assert_int_eq(store_integrity_check(st, &report), STORE_OK);
	ck_assert_str_eq(report, "ok");
	free(report);
}
END_TEST

START_TEST(reopen_keeps_data)
{
	struct quartier_info *q;
	char *err = NULL;
	size_t n;

	store_close(st);
	ck_assert_int_eq(store_open(db_path, 0, &st, &err), 0);
	ck_assert_int_eq(store_quartier_list(st, &q, &n), STORE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(q[0].verified, 2);	/* marie, karim */
	ck_assert_int_eq(q[0].pending, 1);
	ck_assert_int_eq(q[0].suspended, 1);
	quartier_info_free(q, n);
}
END_TEST

START_TEST(missing_database_not_created_without_flag)
{
	struct store *s = NULL;
	char *err = NULL, *path;

	path = xasprintf("%s/absent.db", tap_tmpdir());
	ck_assert_int_eq(store_open(path, 0, &s, &err), -1);
	ck_assert_ptr_null(s);
	ck_assert_ptr_nonnull(strstr(err, "init"));
	ck_assert_int_ne(access(path, F_OK), 0);
	free(err);
	free(path);
}
END_TEST

START_TEST(newer_database_refused)
{
	struct store *s = NULL;
	char *err = NULL, *sql;

	store_close(st);
	sql = xasprintf("PRAGMA user_version = %d", store_schema_latest() + 1);
	raw_exec(db_path, sql);
	ck_assert_int_eq(store_open(db_path, 0, &s, &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "newer"));
	free(err);
	/* Refusing it changed nothing. */
	ck_assert_int_eq(count_rows("residents"), 5);
	st = NULL;
	ck_assert_int_eq(store_open(db_path, STORE_READONLY, &s, &err), -1);
	free(err);
	free(sql);
	sql = xasprintf("PRAGMA user_version = %d", store_schema_latest());
	raw_exec(db_path, sql);
	free(sql);
	ck_assert_int_eq(store_open(db_path, 0, &st, &err), 0);
}
END_TEST

START_TEST(foreign_database_refused)
{
	struct store *s = NULL;
	char *err = NULL, *path;

	path = xasprintf("%s/other.db", tap_tmpdir());
	raw_exec(path, "CREATE TABLE notes (x); INSERT INTO notes VALUES (1)");
	ck_assert_int_eq(chmod(path, 0600), 0);
	ck_assert_int_eq(store_open(path, STORE_CREATE, &s, &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "not a Quartier database"));
	free(err);
	free(path);
}
END_TEST

/*
 * A database of version 4 gets the drafts table when opened, keeps
 * everything else, and takes drafts at once.
 */
START_TEST(version_4_database_gets_drafts)
{
	struct draft d, *list;
	int64_t id = 0;
	char *err = NULL, *backup;
	size_t n;

	store_close(st);
	raw_exec(db_path, V10_UNDO V9_UNDO V8_UNDO V7_UNDO V6_UNDO V5_UNDO "PRAGMA user_version = 4");
	ck_assert_int_eq(count_rows("sqlite_schema WHERE name = 'drafts'"), 0);
	ck_assert_int_eq(store_open(db_path, 0, &st, &err), 0);
	ck_assert_int_eq(store_schema_version(st), store_schema_latest());
	ck_assert_int_eq(count_rows("sqlite_schema WHERE name = 'drafts'"), 1);
	ck_assert_int_eq(count_rows("sqlite_schema"
	    " WHERE name = 'drafts_resident'"), 1);
	ck_assert_int_eq(count_rows("residents"), 5);
	backup = xasprintf("%s.v4.bak", db_path);
	ck_assert_int_eq(access(backup, F_OK), 0);
	free(backup);
	memset(&d, 0, sizeof d);
	d.screen = xstrdup("compose");
	d.label = xstrdup("Nouveau message");
	d.summary = xstrdup("Titre");
	draft_set(&d, "body", "Texte");
	ck_assert_int_eq(store_draft_save(st, &marie, &d, &id), STORE_OK);
	draft_clear(&d);
	ck_assert_int_eq(store_draft_list(st, &marie, &list, &n), STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(draft_get(&list[0], "body"), "Texte");
	draft_list_free(list, n);
}
END_TEST

/* What version 4 added, taken away again: a file of version 3. */
#define V4_UNDO \
	"DROP INDEX residents_directory;" \
	"ALTER TABLE residents DROP COLUMN name_folded;" \
	"CREATE INDEX residents_quartier ON residents(quartier_id, status);" \
	"DROP INDEX loans_lender;" \
	"CREATE INDEX loans_lender ON loans(lender_id, status);" \
	"DROP INDEX messages_quartier;" \
	"DROP INDEX items_board;" \
	"CREATE INDEX items_board ON items(quartier_id, kind, created_at, id);" \
	"DROP INDEX replies_item;" \
	"CREATE INDEX replies_item ON replies(item_id, created_at, id);" \
	"DROP INDEX items_activity;" \
	"CREATE INDEX items_activity ON items(quartier_id, kind," \
	" last_activity_at);"

/*
 * A database of version 3 (the last released before the directory's
 * index) gets the index and the folded names when opened.
 */
START_TEST(version_3_database_upgraded)
{
	struct neighbour *d;
	char *err = NULL;
	size_t n;

	ck_assert_int_eq(store_resident_set_display_name(st, &karim,
	    "Karim Benali"), STORE_OK);
	store_close(st);
	raw_exec(db_path, V10_UNDO V9_UNDO V8_UNDO V7_UNDO V6_UNDO V5_UNDO V4_UNDO "PRAGMA user_version = 3");
	ck_assert_int_eq(count_rows("sqlite_schema"
	    " WHERE name = 'residents_directory'"), 0);
	ck_assert_int_eq(store_open(db_path, 0, &st, &err), 0);
	ck_assert_int_eq(store_schema_version(st), store_schema_latest());
	ck_assert_int_eq(count_rows("sqlite_schema"
	    " WHERE name = 'residents_directory'"), 1);
	ck_assert_int_eq(count_rows("sqlite_schema"
	    " WHERE name = 'residents_quartier'"), 0);
	ck_assert_int_eq(count_rows("sqlite_schema WHERE name = 'loans_lender'"
	    " AND sql LIKE '%WHERE lender_id IS NOT NULL'"), 1);
	ck_assert_int_eq(count_rows("sqlite_schema"
	    " WHERE name = 'messages_quartier'"), 1);
	ck_assert_int_eq(count_rows("sqlite_schema WHERE name = 'items_board'"
	    " AND sql LIKE '%deleted_at, hidden_at, author_id)'"), 1);
	ck_assert_int_eq(count_rows("sqlite_schema WHERE name = 'replies_item'"
	    " AND sql LIKE '%deleted_at)'"), 1);
	ck_assert_int_eq(count_rows("sqlite_schema"
	    " WHERE name = 'items_activity' AND sql LIKE '%author_id)'"), 1);
	ck_assert_int_eq(count_rows("residents WHERE name_folded IS NULL"), 0);
	ck_assert_int_eq(count_rows("residents"
	    " WHERE name_folded = 'karim benali'"), 1);
	ck_assert_int_eq(store_directory(st, &marie, "ben", 0, 50, &d, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(d[0].id, karim.resident_id);
	neighbour_list_free(d, n);
}
END_TEST

/* The events V sees upcoming (or in the archive) and the ads online. */
static size_t
events_seen(const struct viewer *v, bool archive)
{
	struct event *e;
	size_t n;

	ck_assert_int_eq(store_event_page(st, v, archive, NULL, 50, &e, &n),
	    STORE_OK);
	event_list_free(e, n);
	return n;
}

static size_t
ads_seen(const struct viewer *v)
{
	static const struct classified_filter all = { .kind = -1,
	    .status = -1 };
	struct classified *c;
	size_t n;

	ck_assert_int_eq(store_classified_page(st, v, &all, NULL, 50, &c, &n),
	    STORE_OK);
	classified_list_free(c, n);
	return n;
}

/*
 * A database of version 4 gets the quartier of each event and ad copied
 * beside it when opened, so that the agenda, the archive and the ads
 * online are read from their own indexes; what is written afterwards
 * gets it too.
 */
START_TEST(version_4_database_upgraded)
{
	struct event_new ev = { .title = "Pique-nique", .body = "Au parc.",
	    .place = "Parc de la Citadelle", .starts_at = clock_now + 3600 };
	struct classified_new ad = { .kind = AD_GIVE, .category = "children",
	    .title = "Vélo enfant", .body = "Bleu.", .price_cents = -1 };
	char *err = NULL;
	int64_t id;

	ck_assert_int_eq(store_event_add(st, &marie, &ev, &id), STORE_OK);
	ev.title = "Concert";
	ev.starts_at = clock_now + 10 * 86400;
	ck_assert_int_eq(store_event_add(st, &marie, &ev, &id), STORE_OK);
	ck_assert_int_eq(store_classified_add(st, &karim, &ad, 30, &id),
	    STORE_OK);
	store_close(st);
	raw_exec(db_path, V10_UNDO V9_UNDO V8_UNDO V7_UNDO V6_UNDO V5_UNDO "PRAGMA user_version = 4");
	ck_assert_int_eq(count_rows("sqlite_schema"
	    " WHERE name = 'events_agenda'"), 0);
	ck_assert_int_eq(store_open(db_path, 0, &st, &err), 0);
	ck_assert_int_eq(store_schema_version(st), store_schema_latest());
	ck_assert_int_eq(count_rows("events WHERE quartier_id IS NULL"), 0);
	ck_assert_int_eq(count_rows("classifieds WHERE quartier_id IS NULL"),
	    0);
	tick(2 * 86400);
	ck_assert_uint_eq(events_seen(&karim, false), 1);
	ck_assert_uint_eq(events_seen(&karim, true), 1);
	ck_assert_uint_eq(ads_seen(&marie), 1);
	ck_assert_uint_eq(events_seen(&nadia, false), 0);
	ck_assert_uint_eq(events_seen(&nadia, true), 0);
	ck_assert_uint_eq(ads_seen(&nadia), 0);
	/* Written after the upgrade: its quartier comes with it. */
	ev.title = "Brocante";
	ev.starts_at = clock_now + 86400;
	ck_assert_int_eq(store_event_add(st, &marie, &ev, &id), STORE_OK);
	ck_assert_int_eq(count_rows("events WHERE quartier_id IS NULL"), 0);
	ck_assert_uint_eq(events_seen(&karim, false), 2);
	ck_assert_uint_eq(events_seen(&nadia, false), 0);
}
END_TEST

/*
 * A database made by the first version (before signups were counted per
 * source address, before loans on requests and search) is upgraded when
 * opened, and keeps everything.
 */
START_TEST(version_1_database_upgraded)
{
	char *err = NULL, *backup;
	struct resident r;
	char *hash = NULL;

	store_close(st);
	raw_exec(db_path, V10_UNDO V9_UNDO V8_UNDO V7_UNDO V6_UNDO V5_UNDO V4_UNDO "DROP INDEX residents_signup;"
	    "ALTER TABLE residents DROP COLUMN signup_source;"
	    "DROP INDEX residents_status; DROP INDEX messages_about;"
	    "DROP INDEX reports_target; DROP INDEX reports_unresolved;"
	    "DROP INDEX live_sessions_seen; DROP INDEX read_marks_item;"
	    "DROP INDEX loans_lender; DROP TABLE search;"
	    "ALTER TABLE loans DROP COLUMN lender_id;"
	    "ALTER TABLE loans DROP COLUMN reminded_at;"
	    "ALTER TABLE events DROP COLUMN cancel_reason;"
	    "ALTER TABLE messages DROP COLUMN hidden_by;"
	    "ALTER TABLE messages DROP COLUMN hidden_reason;"
	    "PRAGMA user_version = 1");
	ck_assert_int_eq(store_open(db_path, 0, &st, &err), 0);
	ck_assert_int_eq(store_schema_version(st), store_schema_latest());
	ck_assert_int_eq(count_rows("residents WHERE signup_source IS NULL"), 5);
	ck_assert_int_eq(store_resident_for_login(st, "marie", &r, &hash),
	    STORE_OK);
	resident_clear(&r);
	free(hash);
	backup = xasprintf("%s.v1.bak", db_path);
	ck_assert_int_eq(access(backup, F_OK), 0);
	free(backup);
}
END_TEST

START_TEST(migration_steps_apply_in_order_and_keep_data)
{
	const int v = store_schema_latest();
	const struct store_migration steps[] = {
		{ v + 1, "ALTER TABLE cities ADD COLUMN region TEXT", NULL },
		{ v + 2, "UPDATE cities SET region = 'Grand Est'", NULL },
	};
	char *err = NULL, *backup;

	ck_assert_int_eq(store_migrate_steps(st, steps, 2, &err), 0);
	ck_assert_int_eq(store_schema_version(st), v + 2);
	ck_assert_int_eq(count_rows("cities WHERE region = 'Grand Est'"), 1);
	ck_assert_int_eq(count_rows("residents"), 5);
	/* A copy of the database as it was was kept beside it. */
	backup = xasprintf("%s.v%d.bak", db_path, v);
	ck_assert_int_eq(access(backup, F_OK), 0);
	free(backup);
	/* Already there: running them again does nothing. */
	ck_assert_int_eq(store_migrate_steps(st, steps, 2, &err), 0);
	ck_assert_int_eq(store_schema_version(st), v + 2);
}
END_TEST

START_TEST(failed_migration_step_changes_nothing)
{
	const int v = store_schema_latest();
	const struct store_migration steps[] = {
		{ v + 1, "ALTER TABLE cities ADD COLUMN region TEXT", NULL },
		{ v + 2, "UPDATE cities SET region = 'x'; SELECT * FROM nowhere",
		  NULL },
	};
	char *err = NULL, *want;

	ck_assert_int_eq(store_migrate_steps(st, steps, 2, &err), -1);
	want = xasprintf("version %d", v + 2);
	ck_assert_ptr_nonnull(strstr(err, want));
	free(want);
	free(err);
	/* The first step stays done, the second left no trace. */
	ck_assert_int_eq(store_schema_version(st), v + 1);
	ck_assert_int_eq(count_rows("cities WHERE region IS NULL"), 1);
}
END_TEST

/* Places and residents. */

START_TEST(quartier_names)
{
	int64_t id;

	ck_assert_int_eq(store_quartier_find(st, "krutenau", &id), STORE_OK);
	ck_assert_int_eq(id, krutenau);
	ck_assert_int_eq(store_quartier_find(st, "Strasbourg/Neudorf", &id),
	    STORE_OK);
	ck_assert_int_eq(id, neudorf);
	ck_assert_int_eq(store_quartier_find(st, "Nowhere", &id),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_quartier_add(st, "Strasbourg", "Krutenau", NULL),
	    STORE_DUPLICATE);
	ck_assert_int_eq(store_quartier_add(st, "Atlantis", "Centre", NULL),
	    STORE_NOT_FOUND);
	/* The same quartier name in two cities needs the city. */
	ck_assert_int_eq(store_city_add(st, "Colmar", NULL), STORE_OK);
	ck_assert_int_eq(store_quartier_add(st, "Colmar", "Neudorf", NULL),
	    STORE_OK);
	ck_assert_int_eq(store_quartier_find(st, "Neudorf", &id), STORE_INVALID);
	ck_assert_int_eq(store_city_add(st, "strasbourg", NULL),
	    STORE_DUPLICATE);
	ck_assert_int_eq(store_city_add(st, "  ", NULL), STORE_INVALID);
}
END_TEST

START_TEST(resident_rules)
{
	struct resident_new n = {
		.handle = "Marie", .display_name = "Marie bis",
		.quartier_id = krutenau, .status = RESIDENT_VERIFIED,
	};
	struct resident r;
	char *hash = NULL;

	/* Handles are unique without regard to case. */
	ck_assert_int_eq(store_resident_add(st, &n, NULL), STORE_DUPLICATE);
	n.handle = "é-bad";
	ck_assert_int_eq(store_resident_add(st, &n, NULL), STORE_INVALID);
	n.handle = "lea";
	n.display_name = "\xff\xfe";
	ck_assert_int_eq(store_resident_add(st, &n, NULL), STORE_INVALID);
	ck_assert_ptr_nonnull(strstr(store_detail(st), "UTF-8"));
	n.display_name = "Léa";
	n.quartier_id = 9999;
	ck_assert_int_eq(store_resident_add(st, &n, NULL), STORE_NOT_FOUND);
	ck_assert_int_eq(count_rows("residents"), 5);
	n.quartier_id = krutenau;
	n.password_hash = "$argon2id$fake";
	ck_assert_int_eq(store_resident_add(st, &n, NULL), STORE_OK);
	ck_assert_int_eq(store_resident_for_login(st, "LEA", &r, &hash),
	    STORE_OK);
	ck_assert_str_eq(r.handle, "lea");
	ck_assert_str_eq(r.display_name, "Léa");
	ck_assert_str_eq(r.quartier, "Krutenau");
	ck_assert_str_eq(r.city, "Strasbourg");
	ck_assert_str_eq(hash, "$argon2id$fake");
	ck_assert_ptr_null(r.street);	/* never read for a login */
	resident_clear(&r);
	free(hash);
}
END_TEST

START_TEST(resident_changes_own_record)
{
	struct resident r;

	ck_assert_int_eq(store_resident_set_display_name(st, &marie,
	    "Marie L.\033[31m"), STORE_OK);
	ck_assert_int_eq(store_resident_set_language(st, &marie, LANG_EN),
	    STORE_OK);
	ck_assert_int_eq(store_resident_self(st, &marie, &r), STORE_OK);
	ck_assert_str_eq(r.display_name, "Marie L.");
	ck_assert_int_eq(r.language, LANG_EN);
	resident_clear(&r);
	ck_assert_int_eq(store_resident_set_display_name(st, &marie, ""),
	    STORE_INVALID);
	/* A suspended resident cannot rename themselves. */
	ck_assert_int_eq(store_resident_set_display_name(st, &paul, "Paul"),
	    STORE_NOT_FOUND);
}
END_TEST

/* The wall. */

START_TEST(posts_newest_first_and_cleaned)
{
	struct wall_post *p, got;
	size_t n;
	int64_t id;

	post(&marie, "advice", "Un bon médecin ?");
	ck_assert_int_eq(store_wall_add(st, &karim, "alert", "Coupure\033[2J",
	    "Eau coupée\033[2J mardi\r\n\tde 8 h à 12 h", NULL, &id), STORE_OK);
	ck_assert_int_eq(store_wall_page(st, &marie, NULL, NULL, 10, &p, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(p[0].title, "Coupure");
	ck_assert_str_eq(p[1].title, "Un bon médecin ?");
	ck_assert(!p[0].mine && p[1].mine);
	ck_assert_str_eq(p[0].author_name, "karim");
	wall_post_list_free(p, n);
	ck_assert_int_eq(store_wall_get(st, &marie, id, &got), STORE_OK);
	ck_assert_str_eq(got.body, "Eau coupée mardi\n        de 8 h à 12 h");
	wall_post_clear(&got);
}
END_TEST

START_TEST(posts_refused_without_change)
{
	ck_assert_int_eq(store_wall_add(st, &marie, "gossip", "T", "B", NULL,
	    NULL), STORE_INVALID);
	ck_assert_int_eq(store_wall_add(st, &marie, "info", "", "B", NULL,
	    NULL), STORE_INVALID);
	ck_assert_int_eq(store_wall_add(st, &marie, "info", "T", " \n ", NULL,
	    NULL), STORE_INVALID);
	ck_assert_int_eq(store_wall_add(st, &marie, "info", "T", "\xc3(", NULL,
	    NULL), STORE_INVALID);
	ck_assert_int_eq(count_rows("items"), 0);
}
END_TEST

START_TEST(paging_visits_every_post_once)
{
	struct wall_cursor after = { 0, 0 };
	struct wall_post *p;
	size_t n, i, seen = 0;
	int64_t ids[250], last_time = INT64_MAX;
	int k;

	for (k = 0; k < 250; k++) {
		ck_assert_int_eq(store_wall_add(st, k % 2 ? &marie : &karim,
		    k % 3 ? "info" : "help", "Post", "Texte", NULL, &ids[k]),
		    STORE_OK);
		if (k % 7 == 0)		/* several posts in the same second */
			tick(1);
	}
	do {
		ck_assert_int_eq(store_wall_page(st, &marie, NULL, &after, 23,
		    &p, &n), STORE_OK);
		for (i = 0; i < n; i++) {
			ck_assert_int_eq(p[i].id, ids[249 - seen]);
			ck_assert_int_le(p[i].created_at, last_time);
			last_time = p[i].created_at;
			seen++;
		}
		if (n > 0) {
			after.created_at = p[n - 1].created_at;
			after.id = p[n - 1].id;
		}
		wall_post_list_free(p, n);
	} while (n == 23);
	ck_assert_uint_eq(seen, 250);
}
END_TEST

START_TEST(category_filter_and_counts)
{
	struct wall_post *p;
	struct wall_counts c;
	size_t n, i;

	post(&marie, "lost", "Chat perdu");
	post(&karim, "help", "Perceuse");
	post(&karim, "lost", "Clés trouvées");
	ck_assert_int_eq(store_wall_page(st, &marie, "lost", NULL, 10, &p, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 2);
	for (i = 0; i < n; i++)
		ck_assert_str_eq(p[i].category, "lost");
	wall_post_list_free(p, n);
	ck_assert_int_eq(store_wall_counts(st, &marie, "lost", &c), STORE_OK);
	ck_assert_int_eq(c.total, 2);
	ck_assert_int_eq(store_wall_counts(st, &marie, NULL, &c), STORE_OK);
	ck_assert_int_eq(c.total, 3);
	ck_assert_int_eq(c.unread, 2);		/* karim's two */
}
END_TEST

/*
 * The menu's counts stop at MENU_COUNT_MAX (every session reads them at
 * every change), while the wall's own count stays exact.
 */
START_TEST(menu_counts_stop_at_the_cap)
{
	struct menu_counts m;
	struct wall_counts c;
	int i;

	for (i = 0; i < MENU_COUNT_MAX + 5; i++)
		post(&karim, "help", "Un coup de main");
	ck_assert_int_eq(store_menu_counts(st, &marie, &m), STORE_OK);
	ck_assert_int_eq(m.wall_unread, MENU_COUNT_MAX);
	ck_assert_int_eq(store_wall_counts(st, &marie, NULL, &c), STORE_OK);
	ck_assert_int_eq(c.unread, MENU_COUNT_MAX + 5);
	ck_assert_int_eq(store_wall_mark_all_read(st, &marie), STORE_OK);
	ck_assert_int_eq(store_menu_counts(st, &marie, &m), STORE_OK);
	ck_assert_int_eq(m.wall_unread, 0);
	tick(1);
	for (i = 0; i < 3; i++)
		post(&karim, "help", "Encore un");
	ck_assert_int_eq(store_menu_counts(st, &marie, &m), STORE_OK);
	ck_assert_int_eq(m.wall_unread, 3);
}
END_TEST

START_TEST(unread_follows_reads_and_replies)
{
	struct menu_counts m;
	struct wall_post got;
	int64_t id;

	id = post(&karim, "help", "Perceuse à prêter");
	ck_assert_int_eq(store_menu_counts(st, &marie, &m), STORE_OK);
	ck_assert_int_eq(m.wall_unread, 1);
	ck_assert_int_eq(store_menu_counts(st, &karim, &m), STORE_OK);
	ck_assert_int_eq(m.wall_unread, 0);	/* one's own post is read */
	ck_assert_int_eq(store_wall_mark_read(st, &marie, id), STORE_OK);
	ck_assert_int_eq(store_menu_counts(st, &marie, &m), STORE_OK);
	ck_assert_int_eq(m.wall_unread, 0);
	/* Marie replies: for Karim his post has news, not for Marie. */
	tick(10);
	ck_assert_int_eq(store_reply_add(st, &marie, id, "Je veux bien !", NULL,
	    NULL), STORE_OK);
	ck_assert_int_eq(store_menu_counts(st, &marie, &m), STORE_OK);
	ck_assert_int_eq(m.wall_unread, 0);
	ck_assert_int_eq(store_wall_get(st, &karim, id, &got), STORE_OK);
	ck_assert(got.unread);
	ck_assert_int_eq(got.reply_count, 1);
	wall_post_clear(&got);
	/* "Mark all read" moves the horizon. */
	tick(10);
	ck_assert_int_eq(store_wall_mark_all_read(st, &karim), STORE_OK);
	ck_assert_int_eq(store_menu_counts(st, &karim, &m), STORE_OK);
	ck_assert_int_eq(m.wall_unread, 0);
}
END_TEST

/* The wall's heading and the menu count unread alike, whatever happens:
 * posts, replies, reads, "mark all read", announcements. */
static void
assert_unread_agree(const struct viewer *v, int want)
{
	struct menu_counts m;
	struct wall_counts c;
	struct wall_post *p, *pinned;
	size_t n, npinned, i;
	int marked = 0;

	ck_assert_int_eq(store_menu_counts(st, v, &m), STORE_OK);
	ck_assert_int_eq(store_wall_counts(st, v, NULL, &c), STORE_OK);
	ck_assert_int_eq(store_wall_page(st, v, NULL, NULL, 50, &p, &n),
	    STORE_OK);
	ck_assert_int_eq(store_wall_pinned(st, v, &pinned, &npinned),
	    STORE_OK);
	for (i = 0; i < n; i++)
		marked += p[i].unread;
	for (i = 0; i < npinned; i++)
		marked += pinned[i].unread;
	wall_post_list_free(p, n);
	wall_post_list_free(pinned, npinned);
	ck_assert_int_eq(m.wall_unread, want);
	ck_assert_int_eq(c.unread, want);
	ck_assert_int_eq(marked, want);		/* the dots of the list */
}

START_TEST(unread_is_one_count)
{
	int64_t mine, theirs;

	assert_unread_agree(&marie, 0);
	theirs = post(&karim, "info", "Nouveau");
	mine = post(&marie, "help", "Le mien");
	assert_unread_agree(&marie, 1);		/* one's own is read */
	assert_unread_agree(&karim, 1);
	tick(10);
	ck_assert_int_eq(store_reply_add(st, &karim, mine, "Oui !", NULL,
	    NULL), STORE_OK);
	assert_unread_agree(&marie, 2);		/* a reply is news */
	ck_assert_int_eq(store_wall_mark_read(st, &marie, theirs), STORE_OK);
	assert_unread_agree(&marie, 1);
	ck_assert_int_eq(store_announce(st, 1, "Annonce", "Texte.", NULL),
	    STORE_OK);
	tick(1);
	assert_unread_agree(&marie, 2);		/* an announcement too */
	tick(10);
	ck_assert_int_eq(store_wall_mark_all_read(st, &marie), STORE_OK);
	assert_unread_agree(&marie, 0);
	assert_unread_agree(&karim, 1);
}
END_TEST

/* The last visit is the start of the previous session, once: a second
 * look within the session does not move it. */
START_TEST(last_visit_is_the_previous_session)
{
	int64_t second, third;

	ck_assert_int_eq(store_resident_logged_in(st, marie.resident_id,
	    &second), STORE_OK);
	tick(3600);
	ck_assert_int_eq(store_resident_logged_in(st, marie.resident_id,
	    &second), STORE_OK);
	ck_assert_int_eq(second, now_seconds() - 3600);
	tick(60);
	ck_assert_int_eq(store_resident_logged_in(st, marie.resident_id,
	    &third), STORE_OK);
	ck_assert_int_eq(third, second + 3600);
	ck_assert_int_eq(store_resident_logged_in(st, 9999, &third),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(third, 0);
}
END_TEST

START_TEST(only_authors_edit_and_delete)
{
	struct wall_post got;
	struct wall_post *p;
	size_t n;
	int64_t id;

	id = post(&marie, "info", "Apéro");
	ck_assert_int_eq(store_wall_edit(st, &karim, id, "info", "Hack", "x"),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_wall_delete(st, &karim, id), STORE_NOT_FOUND);
	ck_assert_int_eq(store_wall_edit(st, &marie, id, "help", "Apéro !",
	    "Vendredi 19 h"), STORE_OK);
	ck_assert_int_eq(store_wall_get(st, &karim, id, &got), STORE_OK);
	ck_assert_str_eq(got.title, "Apéro !");
	ck_assert_str_eq(got.category, "help");
	ck_assert_int_gt(got.updated_at, 0);
	wall_post_clear(&got);
	ck_assert_int_eq(store_wall_delete(st, &marie, id), STORE_OK);
	ck_assert_int_eq(store_wall_get(st, &marie, id, &got), STORE_NOT_FOUND);
	ck_assert_int_eq(store_wall_page(st, &marie, NULL, NULL, 5, &p, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 0);
	free(p);
	ck_assert_int_eq(store_reply_add(st, &karim, id, "Trop tard", NULL,
	    NULL), STORE_NOT_FOUND);
	/* Still in the file for moderation. */
	ck_assert_int_eq(count_rows("items"), 1);
}
END_TEST

START_TEST(replies_in_order_and_own)
{
	struct reply *r;
	struct wall_post got;
	size_t n;
	int64_t id, first, second;

	id = post(&marie, "advice", "Un bon médecin ?");
	ck_assert_int_eq(store_reply_add(st, &karim, id, "Dr Weber, rue "
	    "de Zurich.", NULL, &first), STORE_OK);
	tick(5);
	ck_assert_int_eq(store_reply_add(st, &marie, id, "Merci !", NULL,
	    &second), STORE_OK);
	ck_assert_int_eq(store_reply_list(st, &marie, id, 0, 50, &r, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(r[0].id, first);
	ck_assert(!r[0].mine && r[1].mine);
	reply_list_free(r, n);
	ck_assert_int_eq(store_reply_edit(st, &marie, first, "Non"),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_reply_edit(st, &karim, first, "Dr Weber, "
	    "2 rue de Zurich."), STORE_OK);
	ck_assert_int_eq(store_reply_delete(st, &marie, first),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_reply_delete(st, &marie, second), STORE_OK);
	ck_assert_int_eq(store_reply_list(st, &karim, id, 0, 50, &r, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(r[0].body, "Dr Weber, 2 rue de Zurich.");
	ck_assert_int_gt(r[0].updated_at, 0);
	reply_list_free(r, n);
	ck_assert_int_eq(store_wall_get(st, &karim, id, &got), STORE_OK);
	ck_assert_int_eq(got.reply_count, 1);
	wall_post_clear(&got);
}
END_TEST

START_TEST(announcements_pinned_in_their_quartier)
{
	struct wall_post *p;
	size_t n;

	ck_assert_int_eq(store_announce(st, krutenau, "Bienvenue",
	    "Bienvenue sur Quartier.", NULL), STORE_OK);
	ck_assert_int_eq(store_announce(st, 9999, "x", "y", NULL),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_wall_pinned(st, &karim, &p, &n), STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert(p[0].announcement);
	ck_assert_ptr_null(p[0].author_name);
	wall_post_list_free(p, n);
	ck_assert_int_eq(store_wall_pinned(st, &nadia, &p, &n), STORE_OK);
	ck_assert_uint_eq(n, 0);
	free(p);
}
END_TEST

/* How many hits a search for QUERY gives V. */
static size_t
search_hits(const struct viewer *v, const char *query)
{
	struct search_hit *h;
	size_t n;

	ck_assert_int_eq(store_search(st, v, query, 50, &h, &n), STORE_OK);
	search_hit_list_free(h, n);
	return n;
}

/* Whole words and prefixes of every length (one and two letters come
 * from the index's prefix indexes, longer ones from the quartier's
 * words). */
static const char *const krutenau_words[] = {
	"krutenau", "k", "kr", "kru", "kruten", "seulement", "s", "se",
	"seul", "oui", "o", "ou", "krutenau seul",
};

/*
 * The isolation matrix: a post and a reply of Krutenau, then every wall
 * function and the search called by Nadia (Neudorf), Hugo (pending in
 * Krutenau) and Paul (suspended in Krutenau) with their ids and words.
 * Each returns nothing and changes nothing.
 */
START_TEST(isolation_matrix)
{
	const struct viewer *outsiders[] = { &nadia, &hugo, &paul };
	struct wall_post *p, got;
	struct wall_counts c;
	struct menu_counts m;
	struct reply *r;
	size_t n, i, j;
	int64_t id, reply, new_id;
	int items, replies, marks, visits;

	store_announce(st, krutenau, "Annonce", "Pour Krutenau.", NULL);
	id = post(&marie, "info", "Krutenau seulement");
	ck_assert_int_eq(store_reply_add(st, &karim, id, "Oui", NULL, &reply),
	    STORE_OK);
	items = count_rows("items");
	replies = count_rows("replies");
	marks = count_rows("read_marks");
	visits = count_rows("board_visits");
	for (i = 0; i < 3; i++) {
		const struct viewer *v = outsiders[i];

		ck_assert_int_eq(store_wall_page(st, v, NULL, NULL, 50, &p, &n),
		    STORE_OK);
		ck_assert_uint_eq(n, 0);
		free(p);
		ck_assert_int_eq(store_wall_page(st, v, "info", NULL, 50, &p,
		    &n), STORE_OK);
		ck_assert_uint_eq(n, 0);
		free(p);
		ck_assert_int_eq(store_wall_pinned(st, v, &p, &n), STORE_OK);
		ck_assert_uint_eq(n, 0);
		free(p);
		ck_assert_int_eq(store_wall_counts(st, v, NULL, &c), STORE_OK);
		ck_assert_int_eq(c.total + c.unread, 0);
		ck_assert_int_eq(store_menu_counts(st, v, &m), STORE_OK);
		ck_assert_int_eq(m.wall_unread, 0);
		ck_assert_int_eq(store_wall_get(st, v, id, &got),
		    STORE_NOT_FOUND);
		ck_assert_int_eq(store_reply_list(st, v, id, 0, 50, &r, &n),
		    STORE_OK);
		ck_assert_uint_eq(n, 0);
		free(r);
		for (j = 0; j < sizeof krutenau_words /
		    sizeof krutenau_words[0]; j++)
			ck_assert_msg(search_hits(v, krutenau_words[j]) == 0,
			    "\"%s\" found", krutenau_words[j]);
		ck_assert_int_eq(store_wall_add(st, v, "info", "Intrus",
		    "Texte", NULL, &new_id),
		    v == &nadia ? STORE_OK : STORE_DENIED);
		ck_assert_int_eq(store_wall_edit(st, v, id, "info", "x", "y"),
		    STORE_NOT_FOUND);
		ck_assert_int_eq(store_wall_delete(st, v, id), STORE_NOT_FOUND);
		ck_assert_int_eq(store_wall_mark_read(st, v, id),
		    STORE_NOT_FOUND);
		ck_assert_int_eq(store_reply_add(st, v, id, "x", NULL, NULL),
		    STORE_NOT_FOUND);
		ck_assert_int_eq(store_reply_edit(st, v, reply, "x"),
		    STORE_NOT_FOUND);
		ck_assert_int_eq(store_reply_delete(st, v, reply),
		    STORE_NOT_FOUND);
		if (v != &nadia)
			ck_assert_int_eq(store_wall_mark_all_read(st, v),
			    STORE_NOT_FOUND);
	}
	/* Only Nadia's own post, in Neudorf, was written. */
	ck_assert_int_eq(count_rows("items"), items + 1);
	ck_assert_int_eq(count_rows("items WHERE quartier_id = 2"), 1);
	ck_assert_int_eq(count_rows("replies"), replies);
	ck_assert_int_eq(count_rows("replies WHERE body = 'x'"), 0);
	ck_assert_int_eq(count_rows("read_marks"), marks + 1);
	ck_assert_int_eq(count_rows("board_visits"), visits);
	/* And Marie does not see Nadia's post, but finds her own words. */
	ck_assert_int_eq(store_wall_get(st, &marie, new_id, &got),
	    STORE_NOT_FOUND);
	ck_assert_uint_eq(search_hits(&marie, "intrus"), 0);
	for (j = 0; j < sizeof krutenau_words / sizeof krutenau_words[0]; j++)
		ck_assert_msg(search_hits(&marie, krutenau_words[j]) >= 1,
		    "\"%s\" not found", krutenau_words[j]);
}
END_TEST

/*
 * A file of version 6 gets the neighbours and the shared posts, and
 * keeps its posts unshared.
 */
START_TEST(version_6_database_gets_neighbours)
{
	char *err = NULL;
	int64_t id;

	id = post(&karim, "lost", "Chat perdu");
	store_close(st);
	raw_exec(db_path, V10_UNDO V9_UNDO V8_UNDO V7_UNDO "PRAGMA user_version = 6");
	ck_assert_int_eq(count_rows("sqlite_schema"
	    " WHERE name = 'quartier_neighbours'"), 0);
	ck_assert_int_eq(store_open(db_path, 0, &st, &err), 0);
	ck_assert_int_eq(store_schema_version(st), store_schema_latest());
	ck_assert_int_eq(count_rows("sqlite_schema"
	    " WHERE name IN ('quartier_neighbours', 'items_shared')"), 2);
	ck_assert_int_eq(count_rows("items WHERE shared_at IS NOT NULL"), 0);
	ck_assert_int_eq(store_neighbour_add(st, krutenau, neudorf),
	    STORE_OK);
	ck_assert_int_eq(store_wall_share(st, &karim, id, true), STORE_OK);
	ck_assert_int_eq(count_rows("items WHERE shared_at IS NOT NULL"), 1);
}
END_TEST

/* Neighbours are declared in pairs, both ways, once; never oneself. */
START_TEST(neighbours_declared_in_pairs)
{
	struct neighbour_pair *list;
	int64_t robertsau;
	size_t n;

	ck_assert_int_eq(store_quartier_add(st, "Strasbourg", "Robertsau",
	    &robertsau), STORE_OK);
	ck_assert_int_eq(store_neighbour_add(st, krutenau, krutenau),
	    STORE_INVALID);
	ck_assert_int_eq(store_neighbour_add(st, krutenau, 999),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_neighbour_add(st, neudorf, krutenau),
	    STORE_OK);
	ck_assert_int_eq(store_neighbour_add(st, krutenau, neudorf),
	    STORE_DUPLICATE);
	ck_assert_int_eq(store_neighbour_add(st, neudorf, robertsau),
	    STORE_OK);
	ck_assert_int_eq(count_rows("quartier_neighbours"), 4);
	ck_assert_int_eq(store_neighbour_list(st, 0, &list, &n), STORE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(list[0].a_name, "Strasbourg › Krutenau");
	ck_assert_str_eq(list[0].b_name, "Strasbourg › Neudorf");
	ck_assert_str_eq(list[1].a_name, "Strasbourg › Neudorf");
	ck_assert_str_eq(list[1].b_name, "Strasbourg › Robertsau");
	neighbour_pair_list_free(list, n);
	ck_assert_int_eq(store_neighbour_list(st, neudorf, &list, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(list[0].a, neudorf);
	ck_assert_int_eq(list[0].b, krutenau);
	neighbour_pair_list_free(list, n);
	ck_assert_int_eq(store_neighbour_remove(st, krutenau, neudorf),
	    STORE_OK);
	ck_assert_int_eq(store_neighbour_remove(st, neudorf, krutenau),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(count_rows("quartier_neighbours"), 2);
}
END_TEST

static size_t
wall_count(const struct viewer *v, const char *category)
{
	struct wall_post *p;
	size_t n;

	ck_assert_int_eq(store_wall_page(st, v, category, NULL, 50, &p, &n),
	    STORE_OK);
	wall_post_list_free(p, n);
	return n;
}

/*
 * The isolation matrix across borders.  Karim (Krutenau) writes a lost
 * cat and an alert that he shares, a lost umbrella he does not share, and
 * an info post he cannot share.  Nothing crosses until the sysop declares
 * Neudorf a neighbour; then only the two shared posts, only to Neudorf
 * (not to Robertsau, nor to a pending resident there), answerable but
 * not editable there, not in the search; the moderators of Krutenau hide
 * one and it is gone from both walls; those of Neudorf cannot.
 */
START_TEST(isolation_matrix_across_borders)
{
	struct viewer lea, zoe, neudorf_modo;
	struct actor modo, other_modo;
	struct wall_post *p, got;
	struct wall_counts c;
	struct menu_counts m;
	struct reply *r;
	int64_t robertsau, cat, alert, umbrella, info, nadia_lost, reply;
	int64_t report;
	size_t n;
	char *sql;

	ck_assert_int_eq(store_quartier_add(st, "Strasbourg", "Robertsau",
	    &robertsau), STORE_OK);
	lea.resident_id = add_resident("lea", robertsau, RESIDENT_VERIFIED);
	zoe.resident_id = add_resident("zoe", neudorf, RESIDENT_PENDING);
	neudorf_modo.resident_id = add_resident("ines", neudorf,
	    RESIDENT_VERIFIED);
	sql = xasprintf("UPDATE residents SET role = 'moderator'"
	    " WHERE id IN (%lld, %lld)", (long long)marie.resident_id,
	    (long long)neudorf_modo.resident_id);
	raw_exec(db_path, sql);
	free(sql);
	modo.resident_id = marie.resident_id;
	modo.name = NULL;
	other_modo.resident_id = neudorf_modo.resident_id;
	other_modo.name = NULL;

	store_announce(st, krutenau, "Annonce", "Pour Krutenau.", NULL);
	cat = post(&karim, "lost", "Moustache");
	alert = post(&karim, "alert", "Faux techniciens");
	umbrella = post(&karim, "lost", "Parapluie");
	info = post(&karim, "info", "Boîte à livres");
	/* Sharing is the author's, and only for lost and alerts. */
	ck_assert_int_eq(store_wall_share(st, &marie, cat, true),
	    STORE_DENIED);
	ck_assert_int_eq(store_wall_share(st, &nadia, cat, true),
	    STORE_DENIED);
	ck_assert_int_eq(store_wall_share(st, &karim, info, true),
	    STORE_DENIED);
	ck_assert_int_eq(store_wall_share(st, &karim, cat, true), STORE_OK);
	ck_assert_int_eq(store_wall_share(st, &karim, alert, true), STORE_OK);
	ck_assert_int_eq(count_rows("items WHERE shared_at IS NOT NULL"), 2);

	/* No neighbour declared: nothing crosses. */
	ck_assert_uint_eq(wall_count(&nadia, NULL), 0);
	ck_assert_int_eq(store_wall_get(st, &nadia, cat, &got),
	    STORE_NOT_FOUND);

	ck_assert_int_eq(store_neighbour_add(st, krutenau, neudorf),
	    STORE_OK);
	/* Neudorf: the two shared posts, marked with their quartier. */
	ck_assert_int_eq(store_wall_page(st, &nadia, NULL, NULL, 50, &p, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(p[0].id, alert);
	ck_assert_int_eq(p[1].id, cat);
	ck_assert_str_eq(p[0].origin, "Krutenau");
	ck_assert(p[1].shared && p[1].unread && !p[1].mine);
	wall_post_list_free(p, n);
	ck_assert_uint_eq(wall_count(&nadia, "lost"), 1);
	ck_assert_uint_eq(wall_count(&nadia, "info"), 0);
	ck_assert_int_eq(store_wall_pinned(st, &nadia, &p, &n), STORE_OK);
	ck_assert_uint_eq(n, 0);
	free(p);
	ck_assert_int_eq(store_wall_counts(st, &nadia, NULL, &c), STORE_OK);
	ck_assert_int_eq(c.total, 2);
	ck_assert_int_eq(c.unread, 2);
	ck_assert_int_eq(store_menu_counts(st, &nadia, &m), STORE_OK);
	ck_assert_int_eq(m.wall_unread, 2);
	ck_assert_int_eq(store_wall_get(st, &nadia, umbrella, &got),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_wall_get(st, &nadia, info, &got),
	    STORE_NOT_FOUND);
	ck_assert_uint_eq(search_hits(&nadia, "moustache"), 0);
	/* Karim's own wall is as before, his shared post unmarked. */
	ck_assert_int_eq(store_wall_get(st, &karim, cat, &got), STORE_OK);
	ck_assert_ptr_null(got.origin);
	ck_assert(got.shared);
	wall_post_clear(&got);
	ck_assert_uint_eq(wall_count(&karim, NULL), 4);

	/* Nadia reads and answers; she edits, deletes or shares nothing
	 * of Karim's. */
	ck_assert_int_eq(store_wall_get(st, &nadia, cat, &got), STORE_OK);
	ck_assert_str_eq(got.origin, "Krutenau");
	ck_assert_str_eq(got.body, "Texte.");
	wall_post_clear(&got);
	ck_assert_int_eq(store_wall_mark_read(st, &nadia, cat), STORE_OK);
	ck_assert_int_eq(store_wall_counts(st, &nadia, NULL, &c), STORE_OK);
	ck_assert_int_eq(c.unread, 1);
	ck_assert_int_eq(store_reply_add(st, &nadia, cat, "Vu rue d'Austerlitz",
	    NULL, &reply), STORE_OK);
	ck_assert_int_eq(store_reply_list(st, &karim, cat, 0, 50, &r, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(r[0].author_name, "nadia");
	reply_list_free(r, n);
	ck_assert_int_eq(store_reply_add(st, &nadia, umbrella, "x", NULL,
	    NULL), STORE_NOT_FOUND);
	ck_assert_int_eq(store_wall_edit(st, &nadia, cat, "lost", "x", "y"),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_wall_delete(st, &nadia, cat), STORE_NOT_FOUND);
	ck_assert_int_eq(store_wall_share(st, &nadia, cat, false),
	    STORE_NOT_FOUND);

	/* Symmetric: Nadia's shared lost post is on Karim's wall. */
	nadia_lost = post(&nadia, "lost", "Vélo bleu");
	ck_assert_int_eq(store_wall_share(st, &nadia, nadia_lost, true),
	    STORE_OK);
	ck_assert_int_eq(store_wall_get(st, &karim, nadia_lost, &got),
	    STORE_OK);
	ck_assert_str_eq(got.origin, "Neudorf");
	wall_post_clear(&got);

	/* Robertsau, not a neighbour, and Zoé, pending in Neudorf: nothing. */
	ck_assert_uint_eq(wall_count(&lea, NULL), 0);
	ck_assert_uint_eq(wall_count(&zoe, NULL), 0);
	ck_assert_int_eq(store_wall_get(st, &lea, cat, &got), STORE_NOT_FOUND);
	ck_assert_int_eq(store_wall_get(st, &zoe, cat, &got), STORE_NOT_FOUND);
	ck_assert_int_eq(store_reply_add(st, &lea, cat, "x", NULL, NULL),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_reply_add(st, &zoe, cat, "x", NULL, NULL),
	    STORE_NOT_FOUND);

	/* A report from Neudorf goes to Krutenau's moderators. */
	ck_assert_int_eq(store_report(st, &nadia, REPORT_ITEM, alert,
	    "Numéro douteux", &report), STORE_OK);
	ck_assert_int_eq(count_rows("reports WHERE quartier_id = 1"
	    " AND target_kind = 'item'"), 1);
	ck_assert_int_eq(store_report(st, &lea, REPORT_ITEM, alert, "x",
	    NULL), STORE_NOT_FOUND);
	/* Neudorf's moderator cannot hide it; Krutenau's hides it
	 * everywhere. */
	ck_assert_int_ne(store_mod_hide(st, &other_modo, REPORT_ITEM, alert,
	    "Pas chez nous"), STORE_OK);
	ck_assert_uint_eq(wall_count(&nadia, NULL), 3);
	ck_assert_int_eq(store_mod_hide(st, &modo, REPORT_ITEM, alert,
	    "Numéro douteux"), STORE_OK);
	ck_assert_uint_eq(wall_count(&nadia, NULL), 2);
	ck_assert_int_eq(store_wall_get(st, &nadia, alert, &got),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_wall_get(st, &marie, alert, &got),
	    STORE_NOT_FOUND);

	/* Karim stops sharing the cat; the sysop ends the neighbourhood. */
	ck_assert_int_eq(store_wall_share(st, &karim, cat, false), STORE_OK);
	ck_assert_int_eq(store_wall_get(st, &nadia, cat, &got),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_neighbour_remove(st, neudorf, krutenau),
	    STORE_OK);
	ck_assert_uint_eq(wall_count(&nadia, NULL), 1);	/* her own */
	ck_assert_int_eq(store_wall_get(st, &karim, nadia_lost, &got),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_menu_counts(st, &nadia, &m), STORE_OK);
	ck_assert_int_eq(m.wall_unread, 0);
}
END_TEST

/*
 * Groups: an open one anyone of the quartier joins, one on request that
 * the founder or a co-admin answers; leaving, handing over, closing;
 * nothing of them for another quartier or a pending resident.
 */
START_TEST(group_membership)
{
	struct group_info *list, g;
	struct group_member *m;
	struct viewer lucas, modo;
	int64_t run, school, id;
	size_t n;
	char *sql;

	lucas.resident_id = add_resident("lucas", krutenau, RESIDENT_VERIFIED);
	modo.resident_id = add_resident("camille", krutenau,
	    RESIDENT_VERIFIED);
	sql = xasprintf("UPDATE residents SET role = 'moderator'"
	    " WHERE id = %lld", (long long)modo.resident_id);
	raw_exec(db_path, sql);
	free(sql);

	ck_assert_int_eq(store_group_add(st, &karim, "Course du dimanche",
	    "On court le long de l'Ill, 9 h.", true, &run), STORE_OK);
	ck_assert_int_eq(store_group_add(st, &marie, "course du DIMANCHE",
	    "Doublon", true, &id), STORE_DUPLICATE);
	ck_assert_int_eq(store_group_add(st, &hugo, "Intrus", "x", true,
	    &id), STORE_DENIED);
	ck_assert_int_eq(store_group_add(st, &karim, "Parents Saint-Thomas",
	    "Les parents de l'école.", false, &school), STORE_OK);
	/* Neudorf may have a group of the same name. */
	ck_assert_int_eq(store_group_add(st, &nadia, "Course du dimanche",
	    "Au parc de la Citadelle.", true, &id), STORE_OK);

	ck_assert_int_eq(store_group_list(st, &marie, &list, &n), STORE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(list[0].name, "Course du dimanche");
	ck_assert_int_eq(list[0].role, GROUP_NONE);
	ck_assert_int_eq(list[0].members, 1);
	ck_assert_str_eq(list[0].founder_name, "karim");
	ck_assert(!list[1].open);
	group_info_list_free(list, n);

	/* The open group: join at once, once. */
	ck_assert_int_eq(store_group_join(st, &marie, run), STORE_OK);
	ck_assert_int_eq(store_group_join(st, &marie, run), STORE_DUPLICATE);
	ck_assert_int_eq(store_group_get(st, &marie, run, &g), STORE_OK);
	ck_assert_int_eq(g.role, GROUP_MEMBER);
	ck_assert_int_eq(g.members, 2);
	group_info_clear(&g);

	/* On request: pending until the founder answers. */
	ck_assert_int_eq(store_group_join(st, &marie, school), STORE_OK);
	ck_assert_int_eq(store_group_get(st, &marie, school, &g), STORE_OK);
	ck_assert_int_eq(g.role, GROUP_PENDING);
	ck_assert_int_eq(g.members, 1);
	ck_assert_int_eq(g.pending, 1);
	group_info_clear(&g);
	ck_assert_int_eq(store_group_answer(st, &marie, school,
	    marie.resident_id, true), STORE_DENIED);
	ck_assert_int_eq(store_group_members(st, &marie, school, &m, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 0);	/* a request reads no members */
	free(m);
	ck_assert_int_eq(store_group_answer(st, &karim, school,
	    marie.resident_id, true), STORE_OK);
	ck_assert_int_eq(store_group_answer(st, &karim, school,
	    marie.resident_id, true), STORE_NOT_FOUND);
	ck_assert_int_eq(store_group_join(st, &lucas, school), STORE_OK);
	ck_assert_int_eq(store_group_answer(st, &karim, school,
	    lucas.resident_id, false), STORE_OK);
	ck_assert_int_eq(count_rows("group_members WHERE role = 'pending'"),
	    0);

	/* The members, founder first, for members and moderators only. */
	ck_assert_int_eq(store_group_members(st, &marie, school, &m, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(m[0].name, "karim");
	ck_assert_int_eq(m[0].role, GROUP_FOUNDER);
	ck_assert_int_eq(m[1].role, GROUP_MEMBER);
	group_member_list_free(m, n);
	ck_assert_int_eq(store_group_members(st, &lucas, school, &m, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 0);
	free(m);
	ck_assert_int_eq(store_group_members(st, &modo, school, &m, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 2);
	group_member_list_free(m, n);

	/* The founder hands over before leaving; a co-admin answers. */
	ck_assert_int_eq(store_group_leave(st, &karim, school), STORE_DENIED);
	ck_assert_int_eq(store_group_hand_over(st, &marie, school,
	    marie.resident_id), STORE_DENIED);
	ck_assert_int_eq(store_group_hand_over(st, &karim, school,
	    lucas.resident_id), STORE_NOT_FOUND);
	ck_assert_int_eq(store_group_hand_over(st, &karim, school,
	    marie.resident_id), STORE_OK);
	ck_assert_int_eq(store_group_get(st, &karim, school, &g), STORE_OK);
	ck_assert_int_eq(g.role, GROUP_ADMIN);
	ck_assert_str_eq(g.founder_name, "marie");
	group_info_clear(&g);
	ck_assert_int_eq(store_group_join(st, &lucas, school), STORE_OK);
	ck_assert_int_eq(store_group_answer(st, &karim, school,
	    lucas.resident_id, true), STORE_OK);
	ck_assert_int_eq(store_group_set_admin(st, &karim, school,
	    lucas.resident_id, true), STORE_DENIED);
	ck_assert_int_eq(store_group_set_admin(st, &marie, school,
	    lucas.resident_id, true), STORE_OK);
	ck_assert_int_eq(store_group_leave(st, &karim, school), STORE_OK);
	ck_assert_int_eq(store_group_leave(st, &karim, school),
	    STORE_NOT_FOUND);

	/* Nothing for another quartier, a pending or a suspended resident. */
	ck_assert_int_eq(store_group_get(st, &nadia, school, &g),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_group_join(st, &nadia, run), STORE_NOT_FOUND);
	ck_assert_int_eq(store_group_join(st, &hugo, run), STORE_NOT_FOUND);
	ck_assert_int_eq(store_group_join(st, &paul, run), STORE_NOT_FOUND);
	ck_assert_int_eq(store_group_members(st, &nadia, run, &m, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 0);
	free(m);
	ck_assert_int_eq(store_group_close(st, &nadia, run), STORE_NOT_FOUND);
	ck_assert_int_eq(store_group_list(st, &nadia, &list, &n), STORE_OK);
	ck_assert_uint_eq(n, 1);	/* Neudorf's own */
	group_info_list_free(list, n);
	ck_assert_int_eq(store_group_list(st, &hugo, &list, &n), STORE_OK);
	ck_assert_uint_eq(n, 0);
	free(list);

	/* A member does not close; a moderator of the quartier does. */
	ck_assert_int_eq(store_group_close(st, &marie, run), STORE_NOT_FOUND);
	ck_assert_int_eq(store_group_close(st, &modo, run), STORE_OK);
	ck_assert_int_eq(store_group_get(st, &karim, run, &g),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_group_join(st, &lucas, run), STORE_NOT_FOUND);
	ck_assert_int_eq(store_group_list(st, &marie, &list, &n), STORE_OK);
	ck_assert_uint_eq(n, 1);
	group_info_list_free(list, n);
	/* The founder closes their own. */
	ck_assert_int_eq(store_group_close(st, &marie, school), STORE_OK);
}
END_TEST

/* Two connections write at once: both posts are stored. */
START_TEST(two_connections_write)
{
	struct store *other;
	char *err = NULL;

	ck_assert_int_eq(store_open(db_path, 0, &other, &err), 0);
	ck_assert_int_eq(store_wall_add(other, &karim, "info", "Un", "1", NULL,
	    NULL), STORE_OK);
	ck_assert(store_changed(st));
	ck_assert(!store_changed(st));
	ck_assert_int_eq(store_wall_add(st, &marie, "info", "Deux", "2", NULL,
	    NULL), STORE_OK);
	store_close(other);
	ck_assert_int_eq(count_rows("items"), 2);
}
END_TEST

/*
 * SSH keys.  The store does not look inside a key (auth.c checked it), so
 * made-up keys numbered N will do.
 */
static void
make_key(struct auth_public_key *key, int n, const char *comment)
{
	key->algorithm = xstrdup("ssh-ed25519");
	key->base64 = xasprintf("AAAAC3NzaC1lZDI1NTE5AAAAI%d", n);
	key->fingerprint = xasprintf("SHA256:key%d", n);
	key->comment = xstrdup(comment);
}

static int
add_key(const struct viewer *v, int n, const char *comment)
{
	struct auth_public_key key;
	int rc;

	make_key(&key, n, comment);
	rc = store_key_add(st, v->resident_id, &key);
	auth_public_key_clear(&key);
	tick(1);
	return rc;
}

START_TEST(keys_added_listed_removed)
{
	struct ssh_key_info *k;
	size_t n;
	int64_t first = clock_now;

	ck_assert_int_eq(add_key(&marie, 1, "marie@portable"), STORE_OK);
	ck_assert_int_eq(add_key(&marie, 2, ""), STORE_OK);
	ck_assert_int_eq(add_key(&karim, 3, "karim"), STORE_OK);
	ck_assert_int_eq(store_key_list(st, marie.resident_id, &k, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 2);
	/* Newest first; no comment reads as an empty one. */
	ck_assert_str_eq(k[0].fingerprint, "SHA256:key2");
	ck_assert_str_eq(k[0].comment, "");
	ck_assert_str_eq(k[1].fingerprint, "SHA256:key1");
	ck_assert_str_eq(k[1].algorithm, "ssh-ed25519");
	ck_assert_str_eq(k[1].comment, "marie@portable");
	ck_assert_int_eq(k[1].created_at, first);
	ck_assert_int_eq(k[0].created_at, first + 1);
	ck_assert_int_eq(k[1].last_used_at, 0);
	ssh_key_info_list_free(k, n);
	ck_assert_int_eq(count_rows("ssh_keys WHERE comment IS NULL"), 1);

	ck_assert_int_eq(store_key_remove(st, marie.resident_id, "SHA256:key1"),
	    STORE_OK);
	ck_assert_int_eq(store_key_remove(st, marie.resident_id, "SHA256:key1"),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_key_list(st, marie.resident_id, &k, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(k[0].fingerprint, "SHA256:key2");
	ssh_key_info_list_free(k, n);
	ck_assert_int_eq(store_key_list(st, 9999, &k, &n), STORE_OK);
	ck_assert_uint_eq(n, 0);
	free(k);
}
END_TEST

/* A key opens one account: nobody else can register it or remove it. */
START_TEST(keys_belong_to_one_resident)
{
	ck_assert_int_eq(add_key(&marie, 1, "marie"), STORE_OK);
	ck_assert_int_eq(add_key(&karim, 1, "karim"), STORE_DUPLICATE);
	ck_assert_int_eq(add_key(&marie, 1, "encore"), STORE_DUPLICATE);
	ck_assert_int_eq(store_key_remove(st, karim.resident_id,
	    "SHA256:key1"), STORE_NOT_FOUND);
	ck_assert_int_eq(store_key_remove(st, nadia.resident_id,
	    "SHA256:key1"), STORE_NOT_FOUND);
	ck_assert_int_eq(count_rows("ssh_keys"), 1);
	ck_assert_int_eq(add_key(&(struct viewer){ 9999 }, 2, ""),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(count_rows("ssh_keys"), 1);
}
END_TEST

/* The SSH server's lookup: the handle and the key must go together. */
START_TEST(keys_found_by_handle_and_fingerprint)
{
	struct resident r;

	ck_assert_int_eq(add_key(&marie, 1, ""), STORE_OK);
	ck_assert_int_eq(add_key(&hugo, 2, ""), STORE_OK);
	ck_assert_int_eq(add_key(&paul, 3, ""), STORE_OK);
	ck_assert_int_eq(store_key_find(st, "marie", "SHA256:key1", &r),
	    STORE_OK);
	ck_assert_int_eq(r.id, marie.resident_id);
	ck_assert_str_eq(r.handle, "marie");
	ck_assert_str_eq(r.quartier, "Krutenau");
	ck_assert_int_eq(r.status, RESIDENT_VERIFIED);
	ck_assert_ptr_null(r.street);
	resident_clear(&r);
	ck_assert_int_eq(store_key_find(st, "karim", "SHA256:key1", &r),
	    STORE_NOT_FOUND);
	ck_assert_ptr_null(r.handle);
	ck_assert_int_eq(store_key_find(st, "marie", "SHA256:key2", &r),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_key_find(st, "nobody", "SHA256:key1", &r),
	    STORE_NOT_FOUND);
	/* Any status: the server decides what pending and suspended mean. */
	ck_assert_int_eq(store_key_find(st, "hugo", "SHA256:key2", &r),
	    STORE_OK);
	ck_assert_int_eq(r.status, RESIDENT_PENDING);
	resident_clear(&r);
	ck_assert_int_eq(store_key_find(st, "paul", "SHA256:key3", &r),
	    STORE_OK);
	ck_assert_int_eq(r.status, RESIDENT_SUSPENDED);
	resident_clear(&r);
}
END_TEST

START_TEST(keys_last_used)
{
	struct ssh_key_info *k;
	size_t n;

	ck_assert_int_eq(add_key(&marie, 1, ""), STORE_OK);
	tick(3600);
	ck_assert_int_eq(store_key_used(st, "SHA256:key1"), STORE_OK);
	ck_assert_int_eq(store_key_used(st, "SHA256:nothing"),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_key_list(st, marie.resident_id, &k, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(k[0].last_used_at, clock_now);
	ssh_key_info_list_free(k, n);
}
END_TEST

/* At most QUARTIER_KEYS_MAX keys each; several keys go in all or none. */
START_TEST(keys_limit_and_all_or_none)
{
	struct auth_public_key keys[3];
	size_t failed = 99;
	int i;

	for (i = 0; i < QUARTIER_KEYS_MAX; i++)
		ck_assert_int_eq(add_key(&marie, i, ""), STORE_OK);
	ck_assert_int_eq(add_key(&marie, 100, ""), STORE_INVALID);
	ck_assert_ptr_nonnull(strstr(store_detail(st), "20"));
	ck_assert_int_eq(count_rows("ssh_keys"), QUARTIER_KEYS_MAX);

	make_key(&keys[0], 200, "un");
	make_key(&keys[1], 201, "deux");
	make_key(&keys[2], 5, "déjà pris par Marie");
	ck_assert_int_eq(store_key_add_many(st, karim.resident_id, keys, 3,
	    &failed), STORE_DUPLICATE);
	ck_assert_uint_eq(failed, 2);
	ck_assert_int_eq(count_rows("ssh_keys"), QUARTIER_KEYS_MAX);
	auth_public_key_clear(&keys[2]);
	make_key(&keys[2], 202, "trois \033[31mrouge");
	ck_assert_int_eq(store_key_add_many(st, karim.resident_id, keys, 3,
	    NULL), STORE_OK);
	ck_assert_int_eq(count_rows("ssh_keys WHERE comment = 'trois rouge'"),
	    1);
	ck_assert_int_eq(count_rows("ssh_keys"), QUARTIER_KEYS_MAX + 3);
	for (i = 0; i < 3; i++)
		auth_public_key_clear(&keys[i]);
}
END_TEST

/*
 * Signing up and verification.  Signups use a made-up password hash: the
 * store keeps it as given.
 */
static int
signup_as(const char *handle, int64_t quartier, const char *street,
    const char *source, int per_hour, int64_t *id)
{
	struct signup su = {
		.handle = handle, .display_name = handle, .street = street,
		.quartier_id = quartier, .password_hash = "$argon2id$fake",
		.source = source, .per_hour = per_hour,
	};

	return store_signup(st, &su, id);
}

/* A pending resident who signed up with a street, in QUARTIER. */
static int64_t
newcomer(const char *handle, int64_t quartier, const char *street)
{
	int64_t id = 0;

	ck_assert_int_eq(signup_as(handle, quartier, street, NULL, 0, &id),
	    STORE_OK);
	return id;
}

static const struct verify_rules *
rules(void)
{
	static struct verify_rules r;

	verify_rules_default(&r);
	return &r;
}

/* Issue letters and give back the code of RESIDENT's (or "" when none). */
static const char *
issue_code(int64_t quartier, int64_t resident, size_t *count)
{
	static char code[16];
	struct letter *l;
	size_t n, i;

	code[0] = '\0';
	ck_assert_int_eq(store_letters_issue(st, quartier, rules(), &l, &n),
	    STORE_OK);
	for (i = 0; i < n; i++) {
		if (l[i].resident_id == resident)
			snprintf(code, sizeof code, "%s", l[i].code);
	}
	if (count != NULL)
		*count = n;
	letter_list_free(l, n);
	return code;
}

static enum resident_status
status_of(int64_t id)
{
	struct resident r;
	enum resident_status status;

	ck_assert_int_eq(store_resident_self(st, &(struct viewer){ id }, &r),
	    STORE_OK);
	status = r.status;
	resident_clear(&r);
	return status;
}

static int
wall_size(const struct viewer *v)
{
	struct wall_post *p;
	size_t n;

	ck_assert_int_eq(store_wall_page(st, v, NULL, NULL, 50, &p, &n),
	    STORE_OK);
	wall_post_list_free(p, n);
	return (int)n;
}

START_TEST(verify_rules_defaults)
{
	struct verify_rules r;

	verify_rules_default(&r);
	ck_assert_int_eq(r.vouches_needed, 2);
	ck_assert_int_eq(r.vouches_per_month, 5);
	ck_assert_int_eq(r.letter_days, 30);
	ck_assert_int_eq(r.letter_tries, 5);
}
END_TEST

START_TEST(places_sorted_by_name)
{
	struct place *p;
	size_t n;
	int64_t colmar;

	ck_assert_int_eq(store_city_add(st, "Colmar", &colmar), STORE_OK);
	ck_assert_int_eq(store_city_list(st, &p, &n), STORE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(p[0].name, "Colmar");
	ck_assert_int_eq(p[0].id, colmar);
	ck_assert_str_eq(p[1].name, "Strasbourg");
	place_list_free(p, n);
}
END_TEST

START_TEST(quartiers_of_a_city)
{
	struct place *cities, *q;
	size_t n, nq;

	ck_assert_int_eq(store_quartier_add(st, "Strasbourg", "Esplanade",
	    NULL), STORE_OK);
	ck_assert_int_eq(store_city_list(st, &cities, &n), STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(store_quartiers_of_city(st, cities[0].id, &q, &nq),
	    STORE_OK);
	ck_assert_uint_eq(nq, 3);
	ck_assert_str_eq(q[0].name, "Esplanade");
	ck_assert_str_eq(q[1].name, "Krutenau");
	ck_assert_int_eq(q[1].id, krutenau);
	ck_assert_str_eq(q[2].name, "Neudorf");
	place_list_free(q, nq);
	ck_assert_int_eq(store_quartiers_of_city(st, 9999, &q, &nq),
	    STORE_OK);
	ck_assert_uint_eq(nq, 0);
	place_list_free(q, nq);
	place_list_free(cities, n);
}
END_TEST

START_TEST(handles_available)
{
	const char *why = NULL;
	bool ok = true;

	ck_assert_int_eq(store_handle_available(st, "marie", &ok, &why),
	    STORE_OK);
	ck_assert(!ok);
	ck_assert_ptr_nonnull(strstr(why, "taken"));
	ck_assert_int_eq(store_handle_available(st, "MaRiE", &ok, &why),
	    STORE_OK);
	ck_assert(!ok);
	ck_assert_int_eq(store_handle_available(st, "new", &ok, &why),
	    STORE_OK);
	ck_assert(!ok);
	ck_assert_ptr_nonnull(strstr(why, "reserved"));
	ck_assert_int_eq(store_handle_available(st, "é-bad", &ok, &why),
	    STORE_OK);
	ck_assert(!ok);
	ck_assert_ptr_nonnull(why);
	ck_assert_int_eq(store_handle_available(st, "Zoe", &ok, &why),
	    STORE_OK);
	ck_assert(ok);
	ck_assert_ptr_null(why);
}
END_TEST

START_TEST(signup_with_password)
{
	struct verify_state vs;
	struct resident r;
	char *hash = NULL;
	int64_t id = 0;

	ck_assert_int_eq(signup_as("Lea", krutenau, " 12 rue des Orphelins ",
	    "192.0.2.1", 3, &id), STORE_OK);
	ck_assert_int_gt(id, 0);
	ck_assert_int_eq(store_resident_for_login(st, "lea", &r, &hash),
	    STORE_OK);
	ck_assert_int_eq(r.id, id);
	ck_assert_int_eq(r.status, RESIDENT_PENDING);
	ck_assert_int_eq(r.role, ROLE_RESIDENT);
	ck_assert_int_eq(r.quartier_id, krutenau);
	ck_assert_int_eq(r.created_at, clock_now);
	ck_assert_str_eq(hash, "$argon2id$fake");
	resident_clear(&r);
	free(hash);
	/* Its name folded for the directory, as it is written. */
	ck_assert_int_eq(count_rows("residents WHERE handle = 'lea'"
	    " AND name_folded = 'lea'"), 1);
	ck_assert_int_eq(count_rows("residents WHERE handle = 'lea' AND street"
	    " = '12 rue des Orphelins' AND signup_source = '192.0.2.1'"), 1);
	ck_assert_int_eq(count_rows("ssh_keys"), 0);
	ck_assert_int_eq(count_rows("verifications"), 0);

	ck_assert_int_eq(store_verify_state(st, &(struct viewer){ id },
	    rules(), &vs), STORE_OK);
	ck_assert_int_eq(vs.status, RESIDENT_PENDING);
	ck_assert_str_eq(vs.quartier, "Krutenau");
	ck_assert_str_eq(vs.city, "Strasbourg");
	ck_assert(!vs.letter && !vs.letter_locked && !vs.letter_expired);
	ck_assert_int_eq(vs.vouches, 0);
	ck_assert_int_eq(vs.vouches_needed, 2);
	ck_assert(!vs.moving);
	verify_state_clear(&vs);
	/* Pending: nothing of the quartier to read yet. */
	post(&marie, "info", "Bienvenue");
	ck_assert_int_eq(wall_size(&(struct viewer){ id }), 0);
}
END_TEST

START_TEST(signup_with_key)
{
	struct auth_public_key key;
	struct signup su = {
		.handle = "zoe", .display_name = "Zoé", .street = "3 quai",
		.quartier_id = neudorf, .key = &key,
	};
	struct resident r;
	int64_t id = 0;

	make_key(&key, 7, "zoe@portable");
	ck_assert_int_eq(store_signup(st, &su, &id), STORE_OK);
	ck_assert_int_eq(store_key_find(st, "zoe", "SHA256:key7", &r),
	    STORE_OK);
	ck_assert_int_eq(r.id, id);
	ck_assert_int_eq(r.status, RESIDENT_PENDING);
	resident_clear(&r);
	ck_assert_int_eq(count_rows("ssh_keys WHERE comment = 'zoe@portable'"),
	    1);
	ck_assert_int_eq(count_rows("residents WHERE handle = 'zoe'"
	    " AND password_hash IS NULL"), 1);
	auth_public_key_clear(&key);
}
END_TEST

/* Every refusal leaves the database as it was: no resident, no key. */
START_TEST(signup_refused)
{
	struct auth_public_key key;
	struct signup su = {
		.handle = "lea", .display_name = "Léa",
		.street = "12 rue des Orphelins", .quartier_id = krutenau,
		.password_hash = "$argon2id$fake",
	};
	int residents = count_rows("residents");

	ck_assert_int_eq(add_key(&marie, 1, ""), STORE_OK);
	su.handle = "MARIE";
	ck_assert_int_eq(store_signup(st, &su, NULL), STORE_DUPLICATE);
	ck_assert_ptr_nonnull(strstr(store_detail(st), "taken"));
	su.handle = "admin";
	ck_assert_int_eq(store_signup(st, &su, NULL), STORE_INVALID);
	su.handle = "lea";
	su.display_name = "";
	ck_assert_int_eq(store_signup(st, &su, NULL), STORE_INVALID);
	su.display_name = "\xff";
	ck_assert_int_eq(store_signup(st, &su, NULL), STORE_INVALID);
	su.display_name = "Léa";
	su.street = "  ";
	ck_assert_int_eq(store_signup(st, &su, NULL), STORE_INVALID);
	ck_assert_ptr_nonnull(strstr(store_detail(st), "street"));
	su.street = NULL;
	ck_assert_int_eq(store_signup(st, &su, NULL), STORE_INVALID);
	su.street = "12 rue des Orphelins";
	su.quartier_id = 9999;
	ck_assert_int_eq(store_signup(st, &su, NULL), STORE_INVALID);
	su.quartier_id = krutenau;
	/* A password or a key, not both, not neither. */
	make_key(&key, 2, "");
	su.key = &key;
	ck_assert_int_eq(store_signup(st, &su, NULL), STORE_INVALID);
	su.password_hash = NULL;
	su.key = NULL;
	ck_assert_int_eq(store_signup(st, &su, NULL), STORE_INVALID);
	auth_public_key_clear(&key);
	/* Marie's key opens Marie's account only. */
	make_key(&key, 1, "");
	su.key = &key;
	ck_assert_int_eq(store_signup(st, &su, NULL), STORE_DUPLICATE);
	ck_assert_ptr_nonnull(strstr(store_detail(st), "key"));
	auth_public_key_clear(&key);
	ck_assert_int_eq(count_rows("residents"), residents);
	ck_assert_int_eq(count_rows("ssh_keys"), 1);
}
END_TEST

START_TEST(signup_limit_per_source)
{
	int n = -1;

	ck_assert_int_eq(signup_as("aaa", krutenau, "1 rue A", "192.0.2.1", 3,
	    NULL), STORE_OK);
	tick(600);
	ck_assert_int_eq(signup_as("bbb", krutenau, "1 rue A", "192.0.2.1", 3,
	    NULL), STORE_OK);
	ck_assert_int_eq(signup_as("ccc", krutenau, "1 rue A", "192.0.2.1", 3,
	    NULL), STORE_OK);
	ck_assert_int_eq(store_signups_recent(st, "192.0.2.1", &n), STORE_OK);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(signup_as("ddd", krutenau, "1 rue A", "192.0.2.1", 3,
	    NULL), STORE_DENIED);
	ck_assert_ptr_nonnull(strstr(store_detail(st), "3"));
	ck_assert_int_eq(count_rows("residents WHERE handle = 'ddd'"), 0);
	/* Another address, or none (the console), is not held back. */
	ck_assert_int_eq(signup_as("ddd", krutenau, "1 rue A", "2001:db8::1",
	    3, NULL), STORE_OK);
	ck_assert_int_eq(signup_as("eee", krutenau, "1 rue A", NULL, 3, NULL),
	    STORE_OK);
	/* An hour after the first, one more may come. */
	tick(3000);
	ck_assert_int_eq(store_signups_recent(st, "192.0.2.1", &n), STORE_OK);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(signup_as("fff", krutenau, "1 rue A", "192.0.2.1", 3,
	    NULL), STORE_OK);
	ck_assert_int_eq(signup_as("ggg", krutenau, "1 rue A", "192.0.2.1", 3,
	    NULL), STORE_DENIED);
}
END_TEST

/* Whether CODE looks like "K7RX-M4PQ-2HWN", in the letters' alphabet. */
static bool
code_well_formed(const char *code)
{
	size_t i;

	if (strlen(code) != 14)
		return false;
	for (i = 0; i < 14; i++) {
		if (i == 4 || i == 9) {
			if (code[i] != '-')
				return false;
		} else if (strchr("23456789ABCDEFGHJKMNPQRSTUVWXYZ",
		    code[i]) == NULL)
			return false;
	}
	return true;
}

START_TEST(letters_issued_once_while_live)
{
	struct letter *l;
	size_t n, i;
	int64_t lea, zoe;

	lea = newcomer("lea", krutenau, "12 rue des Orphelins");
	zoe = newcomer("zoe", neudorf, "3 rue de Lunéville");
	ck_assert_int_eq(store_letters_issue(st, 0, rules(), &l, &n),
	    STORE_OK);
	/* Hugo gave no street: no letter can reach him. */
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(l[0].resident_id, lea);	/* Krutenau first */
	ck_assert_str_eq(l[0].handle, "lea");
	ck_assert_str_eq(l[0].street, "12 rue des Orphelins");
	ck_assert_str_eq(l[0].quartier, "Krutenau");
	ck_assert_str_eq(l[0].city, "Strasbourg");
	ck_assert_int_eq(l[1].resident_id, zoe);
	for (i = 0; i < n; i++) {
		ck_assert_msg(code_well_formed(l[i].code), "bad code %s",
		    l[i].code);
		ck_assert_int_eq(l[i].expires_at, clock_now + 30 * 86400);
	}
	ck_assert_str_ne(l[0].code, l[1].code);
	/* Stored hashed, never in clear. */
	ck_assert_int_eq(count_rows("verifications WHERE method = 'letter'"
	    " AND length(code_hash) = 64 AND completed_at IS NULL"), 2);
	letter_list_free(l, n);

	/* Live letters are not issued again. */
	issue_code(0, lea, &n);
	ck_assert_uint_eq(n, 0);
	newcomer("max", neudorf, "5 rue du Neudorf");
	issue_code(krutenau, 0, &n);
	ck_assert_uint_eq(n, 0);
	issue_code(neudorf, 0, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(count_rows("verifications"), 3);
}
END_TEST

START_TEST(letter_wrong_codes_lock)
{
	struct viewer lea;
	struct verify_state vs;
	char right[16];
	int i;

	lea.resident_id = newcomer("lea", krutenau, "12 rue des Orphelins");
	snprintf(right, sizeof right, "%s", issue_code(0, lea.resident_id,
	    NULL));
	ck_assert_int_eq(store_verify_state(st, &lea, rules(), &vs),
	    STORE_OK);
	ck_assert(vs.letter && !vs.letter_locked && !vs.letter_expired);
	ck_assert_int_eq(vs.letter_tries_left, 5);
	ck_assert_int_eq(vs.letter_expires_at, clock_now + 30 * 86400);
	verify_state_clear(&vs);
	/* Not a code at all: no try spent. */
	ck_assert_int_eq(store_letter_check(st, &lea, rules(),
	    "0OIL-0OIL-0OIL"), STORE_INVALID);
	ck_assert_int_eq(store_letter_check(st, &lea, rules(), "K7RX"),
	    STORE_INVALID);
	for (i = 4; i >= 0; i--) {
		char left[8];

		ck_assert_int_eq(store_letter_check(st, &lea, rules(),
		    strcmp(right, "2222-2222-2222") == 0 ? "3333-3333-3333" :
		    "2222-2222-2222"), STORE_INVALID);
		snprintf(left, sizeof left, "%d", i);
		if (i > 0)
			ck_assert_ptr_nonnull(strstr(store_detail(st), left));
		ck_assert_int_eq(store_verify_state(st, &lea, rules(), &vs),
		    STORE_OK);
		ck_assert_int_eq(vs.letter_tries_left, i);
		ck_assert(vs.letter_locked == (i == 0));
		verify_state_clear(&vs);
	}
	/* Locked: even the right code is refused. */
	ck_assert_int_eq(store_letter_check(st, &lea, rules(), right),
	    STORE_DENIED);
	ck_assert_int_eq(status_of(lea.resident_id), RESIDENT_PENDING);
	ck_assert_int_eq(count_rows("verifications WHERE attempts = 5"), 1);
	/* A new letter replaces it. */
	snprintf(right, sizeof right, "%s", issue_code(0, lea.resident_id,
	    NULL));
	ck_assert(code_well_formed(right));
	ck_assert_int_eq(store_letter_check(st, &lea, rules(), right),
	    STORE_OK);
	ck_assert_int_eq(status_of(lea.resident_id), RESIDENT_VERIFIED);
}
END_TEST

START_TEST(letter_expires)
{
	struct viewer lea;
	struct verify_state vs;
	char right[16];

	lea.resident_id = newcomer("lea", krutenau, "12 rue des Orphelins");
	snprintf(right, sizeof right, "%s", issue_code(0, lea.resident_id,
	    NULL));
	tick(30 * 86400);
	ck_assert_int_eq(store_letter_check(st, &lea, rules(), right),
	    STORE_INVALID);
	ck_assert_ptr_nonnull(strstr(store_detail(st), "expired"));
	ck_assert_int_eq(store_verify_state(st, &lea, rules(), &vs),
	    STORE_OK);
	ck_assert(vs.letter && vs.letter_expired);
	verify_state_clear(&vs);
	ck_assert_int_eq(status_of(lea.resident_id), RESIDENT_PENDING);
	/* An expired letter is replaced by the next issue. */
	ck_assert_str_ne(issue_code(0, lea.resident_id, NULL), "");
}
END_TEST

START_TEST(letter_code_verifies)
{
	struct viewer lea;
	struct wall_post *p;
	char right[16], typed[32];
	size_t n, i, j;

	post(&marie, "info", "Fête de la Krutenau");
	lea.resident_id = newcomer("lea", krutenau, "12 rue des Orphelins");
	ck_assert_int_eq(store_letter_check(st, &lea, rules(),
	    "2222-2222-2222"), STORE_INVALID);		/* no letter yet */
	snprintf(right, sizeof right, "%s", issue_code(0, lea.resident_id,
	    NULL));
	/* Typed in lower case, with spaces instead of dashes. */
	for (i = j = 0; right[i] != '\0'; i++)
		typed[j++] = right[i] == '-' ? ' ' : (char)(right[i] >= 'A' &&
		    right[i] <= 'Z' ? right[i] - 'A' + 'a' : right[i]);
	typed[j] = '\0';
	tick(60);
	ck_assert_int_eq(store_letter_check(st, &lea, rules(), typed),
	    STORE_OK);
	ck_assert_int_eq(status_of(lea.resident_id), RESIDENT_VERIFIED);
	ck_assert_int_eq(count_rows("verifications WHERE method = 'letter'"
	    " AND completed_at IS NOT NULL AND verified_by_name = 'letter'"),
	    1);
	ck_assert_int_eq(count_rows("residents WHERE handle = 'lea'"
	    " AND verified_at IS NOT NULL"), 1);
	/* And the quartier opens to her. */
	ck_assert_int_eq(store_wall_page(st, &lea, NULL, NULL, 10, &p, &n),
	    STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(p[0].title, "Fête de la Krutenau");
	wall_post_list_free(p, n);
	/* Once verified, a code means nothing. */
	ck_assert_int_eq(store_letter_check(st, &lea, rules(), right),
	    STORE_DENIED);
	issue_code(0, 0, &n);
	ck_assert_uint_eq(n, 0);
}
END_TEST

START_TEST(street_names_without_number)
{
	static const struct {
		const char	*in;
		const char	*out;
	} cases[] = {
		{ "12 rue des Orphelins", "rue des Orphelins" },
		{ "12 bis, rue X", "rue X" },
		{ "12 bis, rue des Orphelins", "rue des Orphelins" },
		{ "3b quai des Pêcheurs", "quai des Pêcheurs" },
		{ "3 B quai des Pêcheurs", "B quai des Pêcheurs" },
		{ "12-14 avenue de la Forêt-Noire", "avenue de la Forêt-Noire" },
		{ "rue sans numéro", "rue sans numéro" },
		{ "7, place de Zurich", "place de Zurich" },
		{ "4ter rue du Jeu-des-Enfants", "rue du Jeu-des-Enfants" },
		{ "  21 TER route du Polygone", "route du Polygone" },
		{ "3 rue du 22 Novembre", "rue du 22 Novembre" },
		{ "1er Régiment", "1er Régiment" },
		{ "12", "" },
		{ "", "" },
	};
	size_t i;
	char *got;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = verify_street_name(cases[i].in);
		ck_assert_msg(strcmp(got, cases[i].out) == 0,
		    "\"%s\" gave \"%s\", not \"%s\"", cases[i].in, got,
		    cases[i].out);
		free(got);
	}
	got = verify_street_name(NULL);
	ck_assert_str_eq(got, "");
	free(got);
}
END_TEST

START_TEST(waiting_list_of_neighbours)
{
	struct waiting_neighbour *w;
	size_t n;
	int64_t lea;

	tick(10);
	lea = newcomer("lea", krutenau, "12 bis, rue des Orphelins");
	newcomer("zoe", neudorf, "3 rue de Lunéville");
	ck_assert_int_eq(store_vouch(st, &karim, rules(), lea, NULL),
	    STORE_OK);
	ck_assert_int_eq(store_waiting_list(st, &marie, &w, &n), STORE_OK);
	ck_assert_uint_eq(n, 2);
	/* Oldest first: Hugo (no street), then Léa. */
	ck_assert_int_eq(w[0].resident_id, hugo.resident_id);
	ck_assert_str_eq(w[0].street_name, "");
	ck_assert_int_eq(w[1].resident_id, lea);
	ck_assert_str_eq(w[1].display_name, "lea");
	ck_assert_str_eq(w[1].street_name, "rue des Orphelins");
	ck_assert_int_eq(w[1].vouches, 1);
	ck_assert(!w[1].vouched_by_me);
	ck_assert_int_eq(w[1].since, clock_now);
	waiting_list_free(w, n);
	ck_assert_int_eq(store_waiting_list(st, &karim, &w, &n), STORE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert(w[1].vouched_by_me);
	waiting_list_free(w, n);
	/* Nadia sees Neudorf's newcomer only. */
	ck_assert_int_eq(store_waiting_list(st, &nadia, &w, &n), STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(w[0].display_name, "zoe");
	ck_assert_str_eq(w[0].street_name, "rue de Lunéville");
	waiting_list_free(w, n);
	/* The pending and the suspended see nobody. */
	ck_assert_int_eq(store_waiting_list(st, &hugo, &w, &n), STORE_OK);
	ck_assert_uint_eq(n, 0);
	free(w);
	ck_assert_int_eq(store_waiting_list(st, &paul, &w, &n), STORE_OK);
	ck_assert_uint_eq(n, 0);
	free(w);
}
END_TEST

START_TEST(vouch_rules)
{
	struct verify_state vs;
	struct viewer lea;
	bool verified = true;
	int64_t zoe;

	lea.resident_id = newcomer("lea", krutenau, "12 rue des Orphelins");
	zoe = newcomer("zoe", neudorf, "3 rue de Lunéville");
	ck_assert_int_eq(store_vouch(st, &marie, rules(), marie.resident_id,
	    &verified), STORE_DENIED);
	ck_assert_int_eq(store_vouch(st, &lea, rules(), lea.resident_id,
	    NULL), STORE_NOT_FOUND);		/* pending: no quartier yet */
	ck_assert_int_eq(store_vouch(st, &marie, rules(), zoe, NULL),
	    STORE_NOT_FOUND);			/* another quartier */
	ck_assert_int_eq(store_vouch(st, &nadia, rules(), lea.resident_id,
	    NULL), STORE_NOT_FOUND);
	ck_assert_int_eq(store_vouch(st, &hugo, rules(), lea.resident_id,
	    NULL), STORE_NOT_FOUND);		/* a pending voucher */
	ck_assert_int_eq(store_vouch(st, &paul, rules(), lea.resident_id,
	    NULL), STORE_NOT_FOUND);		/* a suspended one */
	ck_assert_int_eq(store_vouch(st, &marie, rules(), karim.resident_id,
	    NULL), STORE_DENIED);		/* already verified */
	ck_assert_int_eq(store_vouch(st, &marie, rules(), paul.resident_id,
	    NULL), STORE_DENIED);
	ck_assert_int_eq(store_vouch(st, &marie, rules(), 9999, NULL),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(count_rows("vouches"), 0);

	ck_assert_int_eq(store_vouch(st, &marie, rules(), lea.resident_id,
	    &verified), STORE_OK);
	ck_assert(!verified);
	ck_assert_int_eq(store_vouch(st, &marie, rules(), lea.resident_id,
	    &verified), STORE_DUPLICATE);
	ck_assert_int_eq(store_verify_state(st, &lea, rules(), &vs),
	    STORE_OK);
	ck_assert_int_eq(vs.vouches, 1);
	ck_assert_int_eq(vs.vouches_needed, 2);
	verify_state_clear(&vs);
	ck_assert_int_eq(status_of(lea.resident_id), RESIDENT_PENDING);
	/* The second vouch verifies. */
	tick(5);
	ck_assert_int_eq(store_vouch(st, &karim, rules(), lea.resident_id,
	    &verified), STORE_OK);
	ck_assert(verified);
	ck_assert_int_eq(status_of(lea.resident_id), RESIDENT_VERIFIED);
	ck_assert_int_eq(count_rows("vouches"), 2);
	ck_assert_int_eq(count_rows("verifications WHERE method = 'vouch'"
	    " AND completed_at IS NOT NULL AND verified_by = 2"), 1);
	/* Verified, she may vouch in turn. */
	ck_assert_int_eq(store_vouch(st, &lea, rules(), hugo.resident_id,
	    &verified), STORE_OK);
	ck_assert(!verified);
}
END_TEST

START_TEST(vouch_monthly_limit)
{
	struct verify_rules r = { .vouches_needed = 10,
	    .vouches_per_month = 2, .letter_days = 30, .letter_tries = 5 };
	int64_t a, b, c;

	a = newcomer("aaa", krutenau, "1 rue A");
	b = newcomer("bbb", krutenau, "2 rue A");
	c = newcomer("ccc", krutenau, "3 rue A");
	ck_assert_int_eq(store_vouch(st, &marie, &r, a, NULL), STORE_OK);
	tick(86400);
	ck_assert_int_eq(store_vouch(st, &marie, &r, b, NULL), STORE_OK);
	ck_assert_int_eq(store_vouch(st, &marie, &r, c, NULL), STORE_DENIED);
	ck_assert_ptr_nonnull(strstr(store_detail(st), "30"));
	ck_assert_int_eq(count_rows("vouches"), 2);
	/* Karim has his own allowance. */
	ck_assert_int_eq(store_vouch(st, &karim, &r, c, NULL), STORE_OK);
	/* Thirty days after the first, one more. */
	tick(29 * 86400);
	ck_assert_int_eq(store_vouch(st, &marie, &r, c, NULL), STORE_OK);
	ck_assert_int_eq(store_vouch(st, &marie, &r, hugo.resident_id, NULL),
	    STORE_DENIED);
}
END_TEST

START_TEST(verify_in_person)
{
	ck_assert_int_eq(store_verify_in_person(st, hugo.resident_id,
	    "console:alice"), STORE_OK);
	ck_assert_int_eq(status_of(hugo.resident_id), RESIDENT_VERIFIED);
	ck_assert_int_eq(count_rows("verifications WHERE method = 'in_person'"
	    " AND verified_by_name = 'console:alice'"
	    " AND completed_at IS NOT NULL AND quartier_id = 1"), 1);
	ck_assert_int_eq(count_rows("moderation_log WHERE action = 'verify'"
	    " AND actor_name = 'console:alice' AND target_kind = 'resident'"
	    " AND target_id = 4 AND quartier_id = 1"
	    " AND reason = 'proof of address checked in person'"), 1);
	ck_assert_int_eq(wall_size(&hugo), 0);
	post(&marie, "info", "Bonjour");
	ck_assert_int_eq(wall_size(&hugo), 1);
	ck_assert_int_eq(store_verify_in_person(st, hugo.resident_id,
	    "console:alice"), STORE_INVALID);
	ck_assert_int_eq(store_verify_in_person(st, paul.resident_id,
	    "console:alice"), STORE_DENIED);
	ck_assert_int_eq(store_verify_in_person(st, 9999, "console:alice"),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(count_rows("moderation_log"), 1);
	ck_assert_int_eq(status_of(paul.resident_id), RESIDENT_SUSPENDED);
}
END_TEST

START_TEST(moving_house)
{
	struct verify_state vs;
	struct viewer lea, olga;
	int64_t old_post;
	char *where;

	olga.resident_id = add_resident("olga", neudorf, RESIDENT_VERIFIED);
	old_post = post(&marie, "info", "Écrit à la Krutenau");
	post(&nadia, "info", "Neudorf");
	ck_assert_int_eq(store_move_request(st, &marie, krutenau, "1 rue A"),
	    STORE_INVALID);			/* the same quartier */
	ck_assert_int_eq(store_move_request(st, &paul, neudorf, "1 rue A"),
	    STORE_DENIED);
	ck_assert_int_eq(store_move_request(st, &marie, 9999, "1 rue A"),
	    STORE_INVALID);
	ck_assert_int_eq(store_move_request(st, &marie, neudorf, ""),
	    STORE_INVALID);
	ck_assert_int_eq(status_of(marie.resident_id), RESIDENT_VERIFIED);

	ck_assert_int_eq(store_move_request(st, &marie, neudorf,
	    "8 rue de Lunéville"), STORE_OK);
	ck_assert_int_eq(store_verify_state(st, &marie, rules(), &vs),
	    STORE_OK);
	ck_assert_int_eq(vs.status, RESIDENT_PENDING);
	ck_assert_str_eq(vs.quartier, "Neudorf");
	ck_assert(vs.moving);
	ck_assert_int_eq(vs.vouches, 0);
	verify_state_clear(&vs);
	ck_assert_int_eq(count_rows("residents WHERE handle = 'marie'"
	    " AND street = '8 rue de Lunéville' AND verified_at IS NOT NULL"),
	    1);
	/* She sees nothing of the old quartier, nor yet of the new one. */
	ck_assert_int_eq(wall_size(&marie), 0);
	/* What she wrote stays in the Krutenau, for the Krutenau. */
	ck_assert_int_eq(count_rows("items WHERE quartier_id = 1"), 1);
	ck_assert_int_eq(wall_size(&karim), 1);
	ck_assert_int_eq(wall_size(&nadia), 1);
	ck_assert_int_eq(store_reply_add(st, &marie, old_post, "x", NULL, NULL),
	    STORE_NOT_FOUND);
	/* Her new neighbours can vouch for her. */
	ck_assert_int_eq(store_vouch(st, &nadia, rules(), marie.resident_id,
	    NULL), STORE_OK);
	ck_assert_int_eq(store_vouch(st, &olga, rules(), marie.resident_id,
	    NULL), STORE_OK);
	ck_assert_int_eq(status_of(marie.resident_id), RESIDENT_VERIFIED);
	ck_assert_int_eq(wall_size(&marie), 1);

	/* A pending resident's vouches and letter stay behind. */
	lea.resident_id = newcomer("lea", krutenau, "12 rue des Orphelins");
	ck_assert_str_ne(issue_code(0, lea.resident_id, NULL), "");
	ck_assert_int_eq(store_vouch(st, &karim, rules(), lea.resident_id,
	    NULL), STORE_OK);
	ck_assert_int_eq(store_move_request(st, &lea, neudorf, "1 rue B"),
	    STORE_OK);
	ck_assert_int_eq(store_verify_state(st, &lea, rules(), &vs),
	    STORE_OK);
	ck_assert(!vs.letter);
	ck_assert_int_eq(vs.vouches, 0);
	ck_assert(!vs.moving);			/* never verified */
	verify_state_clear(&vs);
	where = xasprintf("verifications WHERE method = 'letter'"
	    " AND expires_at > %lld", (long long)clock_now);
	ck_assert_int_eq(count_rows(where), 0);
	free(where);
	/* A new letter goes to the new address. */
	ck_assert_str_ne(issue_code(neudorf, lea.resident_id, NULL), "");
}
END_TEST

/*
 * The isolation matrix of verification: Léa waits in Krutenau with a
 * letter and one vouch; Nadia (Neudorf), Hugo (pending in Krutenau) and
 * Paul (suspended in Krutenau) call every function with her id and her
 * code.  Nobody learns of her, and nothing changes.
 */
START_TEST(verify_isolation_matrix)
{
	const struct viewer *outsiders[] = { &nadia, &hugo, &paul };
	const char *own[] = { "Neudorf", "Krutenau", "Krutenau" };
	struct waiting_neighbour *w;
	struct verify_state vs;
	struct viewer lea;
	char code[16];
	bool verified;
	size_t n, i;
	int residents, verified_count, vouches, verifications, log, attempts;

	lea.resident_id = newcomer("lea", krutenau, "12 rue des Orphelins");
	snprintf(code, sizeof code, "%s", issue_code(0, lea.resident_id,
	    NULL));
	ck_assert_int_eq(store_vouch(st, &marie, rules(), lea.resident_id,
	    NULL), STORE_OK);
	residents = count_rows("residents");
	verified_count = count_rows("residents WHERE status = 'verified'");
	vouches = count_rows("vouches");
	verifications = count_rows("verifications");
	log = count_rows("moderation_log");
	attempts = count_rows("verifications WHERE attempts > 0");
	for (i = 0; i < 3; i++) {
		const struct viewer *v = outsiders[i];

		ck_assert_int_eq(store_waiting_list(st, v, &w, &n), STORE_OK);
		ck_assert_uint_eq(n, 0);
		free(w);
		verified = true;
		ck_assert_int_eq(store_vouch(st, v, rules(), lea.resident_id,
		    &verified), STORE_NOT_FOUND);
		ck_assert(!verified);
		ck_assert_int_eq(store_vouch(st, v, rules(), hugo.resident_id,
		    NULL), STORE_NOT_FOUND);
		/* Léa's code is hers: for anyone else it is no code. */
		ck_assert_int_ne(store_letter_check(st, v, rules(), code),
		    STORE_OK);
		/* Their own state, and nothing of Léa's. */
		ck_assert_int_eq(store_verify_state(st, v, rules(), &vs),
		    STORE_OK);
		ck_assert_str_eq(vs.quartier, own[i]);
		ck_assert(!vs.letter);
		ck_assert_int_eq(vs.vouches, 0);
		verify_state_clear(&vs);
	}
	ck_assert_int_eq(store_letter_check(st, &nadia, rules(), code),
	    STORE_DENIED);
	ck_assert_int_eq(store_letter_check(st, &paul, rules(), code),
	    STORE_DENIED);
	ck_assert_int_eq(store_letter_check(st, &hugo, rules(), code),
	    STORE_INVALID);
	ck_assert_int_eq(store_move_request(st, &paul, neudorf, "1 rue B"),
	    STORE_DENIED);
	ck_assert_int_eq(store_verify_state(st, &(struct viewer){ 9999 },
	    rules(), &vs), STORE_NOT_FOUND);
	ck_assert_int_eq(store_move_request(st, &(struct viewer){ 9999 },
	    neudorf, "1 rue B"), STORE_NOT_FOUND);
	ck_assert_int_eq(store_letter_check(st, &(struct viewer){ 9999 },
	    rules(), code), STORE_NOT_FOUND);

	ck_assert_int_eq(count_rows("residents"), residents);
	ck_assert_int_eq(count_rows("residents WHERE status = 'verified'"),
	    verified_count);
	ck_assert_int_eq(count_rows("vouches"), vouches);
	ck_assert_int_eq(count_rows("verifications"), verifications);
	ck_assert_int_eq(count_rows("verifications WHERE attempts > 0"),
	    attempts);
	ck_assert_int_eq(count_rows("moderation_log"), log);
	ck_assert_int_eq(count_rows("residents WHERE handle = 'paul'"
	    " AND status = 'suspended' AND quartier_id = 1"), 1);
	/* Léa's own code still works, with every try left. */
	ck_assert_int_eq(store_letter_check(st, &lea, rules(), code),
	    STORE_OK);
}
END_TEST

/* The database's files and their permissions. */

static int
mode_of(const char *path)
{
	struct stat sb;

	ck_assert_int_eq(stat(path, &sb), 0);
	return (int)(sb.st_mode & 07777);
}

START_TEST(database_is_private)
{
	char *wal = xasprintf("%s-wal", db_path), *shm = xasprintf("%s-shm",
	    db_path);

	/* The fixture made it, and wrote to it: -wal and -shm exist. */
	ck_assert_int_eq(mode_of(db_path), 0600);
	ck_assert_int_eq(mode_of(wal), 0600);
	ck_assert_int_eq(mode_of(shm), 0600);
	free(wal);
	free(shm);
}
END_TEST

START_TEST(database_readable_by_others_refused)
{
	struct store *s = NULL;
	char *err = NULL, *wal = xasprintf("%s-wal", db_path);
	char *expect, *db_word = xasprintf("%s ", db_path);

	store_close(st);
	st = NULL;
	/* Some SQLite file is left over by the close: make sure a -wal is
	 * there, as a live server has one. */
	raw_exec(db_path, "PRAGMA journal_mode = WAL");
	ck_assert_int_eq(chmod(db_path, 0644), 0);
	ck_assert_int_eq(store_open(db_path, 0, &s, &err), -1);
	ck_assert_ptr_null(s);
	expect = xasprintf("make it private with: chmod 600 %s", db_path);
	ck_assert_msg(strstr(err, expect) != NULL, "no \"%s\" in \"%s\"",
	    expect, err);
	free(expect);
	free(err);
	err = NULL;
	ck_assert_int_eq(store_open(db_path, STORE_READONLY, &s, &err), -1);
	free(err);
	err = NULL;
	/* Group-writable is refused too, and so is a -wal left open. */
	ck_assert_int_eq(chmod(db_path, 0620), 0);
	ck_assert_int_eq(store_open(db_path, 0, &s, &err), -1);
	free(err);
	err = NULL;
	ck_assert_int_eq(chmod(db_path, 0600), 0);
	ck_assert_int_eq(close(open(wal, O_WRONLY | O_CREAT, 0600)), 0);
	ck_assert_int_eq(chmod(wal, 0604), 0);
	ck_assert_int_eq(store_open(db_path, 0, &s, &err), -1);
	ck_assert_ptr_nonnull(strstr(err, wal));
	ck_assert_ptr_null(strstr(err, db_word));
	free(db_word);
	free(err);
	err = NULL;
	/* Private again: it opens, with its data. */
	ck_assert_int_eq(chmod(wal, 0600), 0);
	ck_assert_int_eq(store_open(db_path, 0, &st, &err), 0);
	ck_assert_int_eq(count_rows("residents"), 5);
	free(wal);
}
END_TEST

START_TEST(upgrade_copy_is_private)
{
	const int v = store_schema_latest();
	const struct store_migration steps[] = {
		{ v + 1, "ALTER TABLE cities ADD COLUMN region TEXT", NULL },
	};
	char *err = NULL, *backup = xasprintf("%s.v%d.bak", db_path, v);

	ck_assert_int_eq(store_migrate_steps(st, steps, 1, &err), 0);
	ck_assert_int_eq(mode_of(backup), 0600);
	free(backup);
}
END_TEST

static Suite *
store_suite(void)
{
	Suite *s = suite_create("store");
	TCase *tc;

	tc = tcase_create("schema");
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	/* Each upgrade runs the migrations, the search index's rebuild
	 * among them: more than Check's 4 s under sanitizers on a busy
	 * machine. */
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, schema_created_at_latest_version);
	tcase_add_test(tc, reopen_keeps_data);
	tcase_add_test(tc, missing_database_not_created_without_flag);
	tcase_add_test(tc, newer_database_refused);
	tcase_add_test(tc, foreign_database_refused);
	tcase_add_test(tc, version_1_database_upgraded);
	tcase_add_test(tc, version_4_database_gets_drafts);
	tcase_add_test(tc, version_3_database_upgraded);
	tcase_add_test(tc, version_4_database_upgraded);
	tcase_add_test(tc, migration_steps_apply_in_order_and_keep_data);
	tcase_add_test(tc, failed_migration_step_changes_nothing);
	tcase_add_test(tc, database_is_private);
	tcase_add_test(tc, database_readable_by_others_refused);
	tcase_add_test(tc, upgrade_copy_is_private);
	suite_add_tcase(s, tc);

	tc = tcase_create("residents");
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_add_test(tc, quartier_names);
	tcase_add_test(tc, resident_rules);
	tcase_add_test(tc, resident_changes_own_record);
	suite_add_tcase(s, tc);

	tc = tcase_create("wall");
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, posts_newest_first_and_cleaned);
	tcase_add_test(tc, posts_refused_without_change);
	tcase_add_test(tc, paging_visits_every_post_once);
	tcase_add_test(tc, category_filter_and_counts);
	tcase_add_test(tc, menu_counts_stop_at_the_cap);
	tcase_add_test(tc, unread_follows_reads_and_replies);
	tcase_add_test(tc, unread_is_one_count);
	tcase_add_test(tc, last_visit_is_the_previous_session);
	tcase_add_test(tc, only_authors_edit_and_delete);
	tcase_add_test(tc, replies_in_order_and_own);
	tcase_add_test(tc, announcements_pinned_in_their_quartier);
	tcase_add_test(tc, two_connections_write);
	tcase_add_test(tc, version_6_database_gets_neighbours);
	tcase_add_test(tc, neighbours_declared_in_pairs);
	tcase_add_test(tc, isolation_matrix_across_borders);
	tcase_add_test(tc, group_membership);
	suite_add_tcase(s, tc);

	tc = tcase_create("keys");
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_add_test(tc, keys_added_listed_removed);
	tcase_add_test(tc, keys_belong_to_one_resident);
	tcase_add_test(tc, keys_found_by_handle_and_fingerprint);
	tcase_add_test(tc, keys_last_used);
	tcase_add_test(tc, keys_limit_and_all_or_none);
	suite_add_tcase(s, tc);

	tc = tcase_create("verify");
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_add_test(tc, verify_rules_defaults);
	tcase_add_test(tc, places_sorted_by_name);
	tcase_add_test(tc, quartiers_of_a_city);
	tcase_add_test(tc, handles_available);
	tcase_add_test(tc, signup_with_password);
	tcase_add_test(tc, signup_with_key);
	tcase_add_test(tc, signup_refused);
	tcase_add_test(tc, signup_limit_per_source);
	tcase_add_test(tc, letters_issued_once_while_live);
	tcase_add_test(tc, letter_wrong_codes_lock);
	tcase_add_test(tc, letter_expires);
	tcase_add_test(tc, letter_code_verifies);
	tcase_add_test(tc, street_names_without_number);
	tcase_add_test(tc, waiting_list_of_neighbours);
	tcase_add_test(tc, vouch_rules);
	tcase_add_test(tc, vouch_monthly_limit);
	tcase_add_test(tc, verify_in_person);
	tcase_add_test(tc, moving_house);
	suite_add_tcase(s, tc);

	tc = tcase_create("isolation");
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_add_test(tc, isolation_matrix);
	tcase_add_test(tc, verify_isolation_matrix);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tap_run(store_suite());
}
